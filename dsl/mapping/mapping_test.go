package mapping_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/esgo/esgo/dsl/mapping"
)

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMappingErrors(t *testing.T) {
	if _, err := mapping.For[int](); !errors.Is(err, mapping.ErrInvalid) {
		t.Errorf("non-struct: %v", err)
	}
	type badMulti struct {
		A string `es:"fields=raw"`
	}
	if _, err := mapping.For[badMulti](); !errors.Is(err, mapping.ErrInvalid) || !strings.Contains(err.Error(), "raw") {
		t.Errorf("bad multi-field: %v", err)
	}
	type noType struct {
		C chan int
	}
	if _, err := mapping.For[noType](); !errors.Is(err, mapping.ErrInvalid) || !strings.Contains(err.Error(), "C") {
		t.Errorf("chan field: %v", err)
	}
	type Embedded struct {
		E string `json:"e" es:"keyword"`
	}
	type self struct {
		Embedded
		Next *self  `json:"next"`
		Raw  []byte `json:"raw"`
	}
	m, err := mapping.For[self]()
	if err != nil {
		t.Fatal(err)
	}
	got := mustJSON(t, m)
	if !strings.Contains(got, `"e":{"type":"keyword"}`) || !strings.Contains(got, `"raw":{"type":"binary"}`) {
		t.Errorf("mapping = %s", got)
	}
}

// Tag values: quoted strings stay strings, commas inside quotes or JSON are
// kept, objects and lists are JSON, sub-fields take options.
func TestMappingTagValues(t *testing.T) {
	type Doc struct {
		Zip   string `json:"zip" es:"keyword,null_value='00000'"`
		Flag  string `json:"flag" es:"keyword,null_value='true'"`
		List  string `json:"list" es:"keyword,null_value='a,b'"`
		Meta  int64  `json:"meta" es:"long,meta={\"unit\":\"ms\",\"metric_type\":\"gauge\"}"`
		Title string `json:"title" es:"text,fields=raw:keyword:ignore_above=10|en:text:english"`
		Name  string `json:"name"`
		Plain string `json:"plain" es:"text"`
	}
	m, err := mapping.For[Doc]()
	if err != nil {
		t.Fatal(err)
	}
	got := mustJSON(t, m)
	for _, want := range []string{
		`"zip":{"null_value":"00000","type":"keyword"}`,
		`"flag":{"null_value":"true","type":"keyword"}`,
		`"list":{"null_value":"a,b","type":"keyword"}`,
		`"meta":{"meta":{"metric_type":"gauge","unit":"ms"},"type":"long"}`,
		`"title":{"fields":{"en":{"analyzer":"english","type":"text"},"raw":{"ignore_above":10,"type":"keyword"}},"type":"text"}`,
		`"name":{"fields":{"keyword":{"ignore_above":256,"type":"keyword"}},"type":"text"}`,
		`"plain":{"type":"text"}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("mapping %s\nlacks %s", got, want)
		}
	}
	type Bad struct {
		X string `json:"x" es:"keyword,null_value='open"`
	}
	if _, err := mapping.For[Bad](); !errors.Is(err, mapping.ErrInvalid) || !strings.Contains(err.Error(), "unterminated quote") {
		t.Errorf("unterminated quote: %v", err)
	}
}
