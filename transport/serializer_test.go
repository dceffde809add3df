package transport

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
	"time"
)

func TestEncodeBody(t *testing.T) {
	when := time.Date(2026, 11, 22, 10, 30, 0, 123000000, time.FixedZone("CET", 3600))
	tests := []struct {
		name   string
		body   any
		ndjson bool
		want   string
	}{
		{"nil", nil, false, ""},
		{"bytes pass through", []byte(`{"a":1}`), false, `{"a":1}`},
		{"raw message", json.RawMessage(`{"b":2}`), false, `{"b":2}`},
		{"string", `{"c":3}`, false, `{"c":3}`},
		{"reader", strings.NewReader(`{"d":4}`), false, `{"d":4}`},
		{"time is ISO 8601", map[string]any{"t": when}, false, `{"t":"2026-11-22T10:30:00.123+01:00"}`},
		{"big integer exact", map[string]any{"n": uint64(math.MaxUint64)}, false, `{"n":18446744073709551615}`},
		{"no HTML escaping", map[string]string{"q": "a<b&c"}, false, `{"q":"a<b&c"}`},
		{"ndjson slice", []any{map[string]any{"index": map[string]string{"_id": "1"}}, json.RawMessage(`{"f":1}`), "{\"g\":2}\n"}, true,
			"{\"index\":{\"_id\":\"1\"}}\n{\"f\":1}\n{\"g\":2}\n"},
		{"ndjson bytes get a final newline", []byte("{\"a\":1}\n{\"b\":2}"), true, "{\"a\":1}\n{\"b\":2}\n"},
	}
	for _, tt := range tests {
		got, err := EncodeBody(JSONSerializer{}, tt.body, tt.ndjson)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if string(got) != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestEncodeBodyError(t *testing.T) {
	_, err := EncodeBody(JSONSerializer{}, map[string]any{"ch": make(chan int)}, false)
	var se *SerializationError
	if !errors.As(err, &se) || se.Op != "encode" {
		t.Fatalf("got %v, want a *SerializationError", err)
	}
}

func TestDecodeKeepsBigIntegers(t *testing.T) {
	var v map[string]any
	if err := (JSONSerializer{}).Decode(bytes.NewReader([]byte(`{"id":9007199254740993}`)), &v); err != nil {
		t.Fatal(err)
	}
	n, ok := v["id"].(json.Number)
	if !ok || n.String() != "9007199254740993" {
		t.Fatalf("big integer decoded as %#v", v["id"])
	}
}

func TestResponseDecodeMalformed(t *testing.T) {
	r := &Response{StatusCode: 200, Body: nopCloser{strings.NewReader(`{"a":`)}, Node: "http://n1:9200"}
	var v map[string]any
	err := r.Decode(&v)
	var se *SerializationError
	if !errors.As(err, &se) || se.Node != "http://n1:9200" || se.Op != "decode" {
		t.Fatalf("got %v, want a decode *SerializationError naming the node", err)
	}
}

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }

// upperSerializer is a custom serializer that marks what it encoded.
type upperSerializer struct{ JSONSerializer }

func (upperSerializer) Marshal(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	return bytes.ToUpper(b), err
}

func TestPluggableSerializer(t *testing.T) {
	rec := &recorder{}
	tr := newT(t, WithAddresses("http://es1:9200"), WithRoundTripper(rec), WithSerializer(upperSerializer{}))
	resp, err := tr.Perform(t.Context(), &Request{Method: "POST", Path: "/i/_doc", Body: map[string]string{"a": "b"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	body, _ := io.ReadAll(rec.last().Body)
	if string(body) != `{"A":"B"}` {
		t.Fatalf("custom serializer not used: %s", body)
	}
	// Raw bodies bypass it.
	resp, _ = tr.Perform(t.Context(), &Request{Method: "POST", Path: "/i/_doc", Body: []byte(`{"x":1}`)})
	resp.Close()
	body, _ = io.ReadAll(rec.last().Body)
	if string(body) != `{"x":1}` {
		t.Fatalf("raw body changed: %s", body)
	}
}

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

// The default serializer decodes by encoding/json's rules with its faster
// decoder.
func TestJSONSerializerDecodesLikeEncodingJSON(t *testing.T) {
	body := `{"unknown":{"deep":[1,{"x":null}]},"known":"k","any":{"big":9007199254740993,"f":1.5},
	  "raw": {"a" : [1, 2]},"at":"2024-05-01T10:00:00.123456789+02:00","own":[1,"x"],"text":"t",
	  "UPPER":7,"pointer":12345678901234567} ` + "\n"
	var got decodeRules
	if err := (JSONSerializer{}).Decode(strings.NewReader(body), &got); err != nil {
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
	if err := (JSONSerializer{}).Decode(strings.NewReader(`{"upper":"x"}`), &got); !errors.As(err, &ute) {
		t.Errorf("type mismatch: %T %v", err, err)
	}
	if err := (JSONSerializer{}).Decode(strings.NewReader(`{"known":`), &got); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated: %T %v", err, err)
	}
	var se *json.SyntaxError
	bad := `{"a":1,"b":{"c":tr }}`
	want := json.NewDecoder(strings.NewReader(bad)).Decode(&got)
	if err := (JSONSerializer{}).Decode(strings.NewReader(bad), &got); !errors.As(err, &se) || err.Error() != want.Error() || se.Offset != want.(*json.SyntaxError).Offset {
		t.Errorf("syntax error: %T %v, want encoding/json's %v", err, err, want)
	}
	if err := (JSONSerializer{}).Decode(strings.NewReader(`{} {}`), &got); err == nil {
		t.Error("a second value after the first was accepted")
	}
}

// A buffered body decodes in place; one read from in between decodes from
// where the reader is, as an unbuffered body would.
func TestDecodeBufferedBody(t *testing.T) {
	r := &Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(`{"a":1} `))}
	raw, err := r.Buffer()
	if err != nil || string(raw) != `{"a":1} ` {
		t.Fatalf("Buffer = %q, %v", raw, err)
	}
	var v struct{ A int }
	if err := r.Decode(&v); err != nil || v.A != 1 {
		t.Errorf("Decode = %+v, %v", v, err)
	}
	if err := r.Decode(&v); err == nil {
		t.Error("a second Decode of a consumed body succeeded")
	}
	r = &Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(` [1] {"a":2}`))}
	if _, err := r.Buffer(); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(r.Body, make([]byte, 4)); err != nil {
		t.Fatal(err)
	}
	if err := r.Decode(&v); err != nil || v.A != 2 {
		t.Errorf("Decode after a read = %+v, %v", v, err)
	}
	r = &Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(`{"a":"x"}`))}
	if _, err := r.Buffer(); err != nil {
		t.Fatal(err)
	}
	var se *SerializationError
	if err := r.Decode(&v); !errors.As(err, &se) {
		t.Errorf("bad value: %T %v", err, err)
	}
}
