package mapping_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/esgo/esgo/dsl/mapping"
	"github.com/esgo/esgo/types"
)

func keyword(ignoreAbove int) types.Property {
	return types.PropertyFromKeyword(types.KeywordProperty{IgnoreAbove: new(ignoreAbove)})
}

func TestBuilderMistakes(t *testing.T) {
	type Doc struct {
		Title string `json:"title"`
		Tags  string `json:"tags" es:"keyword"`
	}
	for name, build := range map[string]func(m *mapping.Mapping){
		"missing parent":      func(m *mapping.Mapping) { m.Set("nope.x", keyword(1)) },
		"parent not object":   func(m *mapping.Mapping) { m.Set("tags.x", keyword(1)) },
		"sub-field of none":   func(m *mapping.Mapping) { m.SubField("nope", "raw", keyword(1)) },
		"empty path":          func(m *mapping.Mapping) { m.Set("", keyword(1)) },
		"zero property":       func(m *mapping.Mapping) { m.Set("x", types.Property{}) },
		"zero sub-field":      func(m *mapping.Mapping) { m.SubField("title", "raw", types.Property{}) },
		"first mistake kept":  func(m *mapping.Mapping) { m.Set("nope.x", keyword(1)).Set("", keyword(1)) },
		"mistake then a good": func(m *mapping.Mapping) { m.Set("nope.x", keyword(1)).Set("ok", keyword(1)) },
	} {
		t.Run(name, func(t *testing.T) {
			m, err := mapping.For[Doc]()
			if err != nil {
				t.Fatal(err)
			}
			build(m)
			if err := m.Err(); !errors.Is(err, mapping.ErrInvalid) {
				t.Fatalf("Err = %v, want ErrInvalid", err)
			}
			if _, err := json.Marshal(m); !errors.Is(err, mapping.ErrInvalid) {
				t.Errorf("marshal: %v", err)
			}
			if name == "first mistake kept" && !strings.Contains(m.Err().Error(), "nope") {
				t.Errorf("Err = %v, want the first mistake", m.Err())
			}
			// A mistake travels with Clone and Merge.
			if err := mapping.New().Merge(m.Clone()).Err(); !errors.Is(err, mapping.ErrInvalid) {
				t.Errorf("merged Err = %v", err)
			}
		})
	}
}

func TestPatch(t *testing.T) {
	type Doc struct {
		Title string `json:"title" es:"analyzer=english"`
		Code  string `json:"code" es:"keyword"`
	}
	m, err := mapping.For[Doc]()
	if err != nil {
		t.Fatal(err)
	}
	// Same type: parameters merge, the keyword sub-field gets its option,
	// the analyzer from the tag stays.
	m.Patch("title", types.PropertyFromText(types.TextProperty{Fields: map[string]types.Property{"keyword": keyword(100)}}))
	// Another type: replaced.
	m.Patch("code", types.PropertyFromWildcard(types.WildcardProperty{}))
	// Missing: added.
	m.Patch("new", keyword(5))
	if err := m.Err(); err != nil {
		t.Fatal(err)
	}
	got := mustJSON(t, m)
	want := `{"properties":{"code":{"type":"wildcard"},"new":{"ignore_above":5,"type":"keyword"},` +
		`"title":{"analyzer":"english","fields":{"keyword":{"ignore_above":100,"type":"keyword"}},"type":"text"}}}`
	if got != want {
		t.Errorf("patched\n got %s\nwant %s", got, want)
	}
}

// Changing a clone through the builder leaves the original alone, however
// deep the change.
func TestBuilderKeepsClonesApart(t *testing.T) {
	type Author struct {
		Name string `json:"name" es:"keyword"`
	}
	type Doc struct {
		Title  string `json:"title"`
		Author Author `json:"author"`
	}
	m, err := mapping.For[Doc]()
	if err != nil {
		t.Fatal(err)
	}
	before := mustJSON(t, m)
	c := m.Clone()
	c.Set("author.name", types.PropertyFromText(types.TextProperty{})).
		SubField("title", "raw", keyword(10)).
		Patch("title", types.PropertyFromText(types.TextProperty{Analyzer: "english"})).
		Set("author.email", keyword(100))
	if err := c.Err(); err != nil {
		t.Fatal(err)
	}
	if after := mustJSON(t, m); after != before {
		t.Errorf("original changed:\n%s\n%s", before, after)
	}
	got := mustJSON(t, c)
	for _, want := range []string{`"name":{"type":"text"}`, `"email":{"ignore_above":100,"type":"keyword"}`,
		`"raw":{"ignore_above":10,"type":"keyword"}`, `"analyzer":"english"`} {
		if !strings.Contains(got, want) {
			t.Errorf("clone %s lacks %s", got, want)
		}
	}
}

// Numbers of typed properties are kept exactly, and strings stay strings.
func TestBuilderValuesStayExact(t *testing.T) {
	m := mapping.New().
		Set("big", types.PropertyFromUnsignedLong(types.UnsignedLongNumberProperty{NullValue: new(uint64(18446744073709551615))})).
		Set("zip", types.PropertyFromKeyword(types.KeywordProperty{NullValue: "00000"})).
		Set("flag", types.PropertyFromKeyword(types.KeywordProperty{NullValue: "true"}))
	got := mustJSON(t, m)
	for _, want := range []string{`"null_value":18446744073709551615`, `"null_value":"00000"`, `"null_value":"true"`} {
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %s", got, want)
		}
	}
	if a := m.Analyzers(); len(a) != 0 {
		t.Errorf("analyzers = %v", a)
	}
	m.SubField("zip", "txt", types.PropertyFromText(types.TextProperty{Analyzer: "my_an", SearchAnalyzer: "standard"}))
	if a := strings.Join(m.Analyzers(), ","); a != "my_an,standard" {
		t.Errorf("analyzers = %s", a)
	}
}
