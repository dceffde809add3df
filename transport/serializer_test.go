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
