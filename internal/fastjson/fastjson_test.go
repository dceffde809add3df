package fastjson_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/esgo/esgo/internal/fastjson"
	"github.com/esgo/esgo/transport"
	"github.com/esgo/esgo/types"
)

// decodeRules is a type using every rule of encoding/json that responses
// rely on.
type decodeRules struct {
	Known   string          `json:"known"`
	Any     any             `json:"any"`
	Raw     json.RawMessage `json:"raw"`
	At      time.Time       `json:"at"`
	Own     ownDecoding     `json:"own"`
	Text    textDecoding    `json:"text"`
	Upper   int             `json:"upper"`
	Pointer *int64          `json:"pointer"`
}

type ownDecoding struct{ got string }

func (o *ownDecoding) UnmarshalJSON(b []byte) error { o.got = "own:" + string(b); return nil }

type textDecoding struct{ got string }

func (t *textDecoding) UnmarshalText(b []byte) error { t.got = "text:" + string(b); return nil }

// Both serializers (the transport's default, encoding/json, and this
// package's) decode by encoding/json's rules, with its errors.
func TestSerializersDecodeLikeEncodingJSON(t *testing.T) {
	for _, s := range []transport.Serializer{transport.JSONSerializer{}, fastjson.Serializer{}} {
		t.Run(fmt.Sprintf("%T", s), func(t *testing.T) { testDecodeRules(t, s) })
	}
}

func testDecodeRules(t *testing.T, s transport.Serializer) {
	body := `{"unknown":{"deep":[1,{"x":null}]},"known":"k","any":{"big":9007199254740993,"f":1.5},
	  "raw": {"a" : [1, 2]},"at":"2024-05-01T10:00:00.123456789+02:00","own":[1,"x"],"text":"t",
	  "UPPER":7,"pointer":12345678901234567} ` + "\n"
	var got decodeRules
	if err := s.Decode(strings.NewReader(body), &got); err != nil {
		t.Fatal(err)
	}
	if got.Known != "k" || got.Upper != 7 || got.Pointer == nil || *got.Pointer != 12345678901234567 {
		t.Errorf("plain members = %+v", got)
	}
	if m, ok := got.Any.(map[string]any); !ok || m["big"] != json.Number("9007199254740993") || m["f"] != json.Number("1.5") {
		t.Errorf("numbers in interfaces must be json.Number, exact: %#v", got.Any)
	}
	if string(got.Raw) != `{"a" : [1, 2]}` {
		t.Errorf("RawMessage = %q, want the bytes as sent", got.Raw)
	}
	if want := time.Date(2024, 5, 1, 8, 0, 0, 123456789, time.UTC); !got.At.Equal(want) {
		t.Errorf("time = %v, want %v", got.At, want)
	}
	if got.Own.got != `own:[1,"x"]` || got.Text.got != "text:t" {
		t.Errorf("own decoders: %q %q", got.Own.got, got.Text.got)
	}
	// The same errors as encoding/json, so errors.As works.
	var ute *json.UnmarshalTypeError
	if err := s.Decode(strings.NewReader(`{"upper":"x"}`), &got); !errors.As(err, &ute) {
		t.Errorf("type mismatch: %T %v", err, err)
	}
	if err := s.Decode(strings.NewReader(`{"known":`), &got); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated: %T %v", err, err)
	}
	var se *json.SyntaxError
	bad := `{"a":1,"b":{"c":tr }}`
	want := json.NewDecoder(strings.NewReader(bad)).Decode(&got)
	if err := s.Decode(strings.NewReader(bad), &got); !errors.As(err, &se) || err.Error() != want.Error() || se.Offset != want.(*json.SyntaxError).Offset {
		t.Errorf("syntax error: %T %v, want encoding/json's %v", err, err, want)
	}
	if err := s.Decode(strings.NewReader(`{} {}`), &got); err == nil {
		t.Error("a second value after the first was accepted")
	}
}

// Unmarshal is encoding/json.Unmarshal: numbers in interfaces are float64,
// the same values and the same errors.
func TestUnmarshalLikeEncodingJSON(t *testing.T) {
	for _, doc := range []string{
		`{"known":"k","any":{"n":1.5,"big":12345678901234567890},"raw":[1, 2],"at":"2024-05-01T10:00:00Z","own":{"x":1},"text":"t","UPPER":3}`,
		`{"upper":"x"}`, `{"known":`, `{"a":1,"b":{"c":tr }}`, `[1,2]`, `{} {}`, `null`,
	} {
		var got, want decodeRules
		gotErr := fastjson.Unmarshal([]byte(doc), &got)
		wantErr := json.Unmarshal([]byte(doc), &want)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", want) {
			t.Errorf("%s:\n got %#v, %v\nwant %#v, %v", doc, got, gotErr, want, wantErr)
		}
	}
}

// DecodeWith uses the fast serializer in place of the default one.
func TestDecodeWith(t *testing.T) {
	r := &transport.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(`{"any":{"n":12345678901234567}}`))}
	var v decodeRules
	if err := r.DecodeWith(fastjson.Serializer{}, &v); err != nil {
		t.Fatal(err)
	}
	if m, _ := v.Any.(map[string]any); m["n"] != json.Number("12345678901234567") {
		t.Errorf("DecodeWith = %#v", v.Any)
	}
}

// The search response decodes itself (DecodeBodyWith) with this package's
// decoder for its sources: the same values as the default serializer,
// numbers in interface values exact, and what it cannot read decoded by
// encoding/json with its error.
func TestSerializerDecodesSearchResponses(t *testing.T) {
	body := []byte(`{"took":3,"timed_out":false,"hits":{"total":{"value":2,"relation":"eq"},"hits":[
	  {"_index":"i","_id":"1","_score":1.5,"_source":{"big":9007199254740993,"s":"x"},"sort":[9007199254740993]},
	  {"_index":"i","_id":"2","_score":null,"_source":{"big":1,"s":"y"}}]}}`)
	var fast, std types.SearchResponseBody[map[string]any]
	if err := (fastjson.Serializer{}).DecodeBytes(body, &fast); err != nil {
		t.Fatal(err)
	}
	if err := (transport.JSONSerializer{}).DecodeBytes(body, &std); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast, std) {
		t.Errorf("fast = %+v\nstd = %+v", fast, std)
	}
	if got := fast.Hits.Hits[0].Source["big"]; got != json.Number("9007199254740993") {
		t.Errorf("big = %#v, want json.Number, exact", got)
	}
	type doc struct{ Big int }
	var bad types.SearchResponseBody[doc]
	var ute *json.UnmarshalTypeError
	err := (fastjson.Serializer{}).DecodeBytes([]byte(`{"hits":{"hits":[{"_source":{"big":"x"}}]}}`), &bad)
	if !errors.As(err, &ute) {
		t.Errorf("a source of the wrong type: %T %v, want encoding/json's *json.UnmarshalTypeError", err, err)
	}
}
