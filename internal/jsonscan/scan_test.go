package jsonscan

import (
	"encoding/json"
	"strings"
	"testing"
)

var docs = []string{
	`{}`, `[]`, `""`, `0`, `-0`, `1.5e-3`, `true`, `false`, `null`, ` {"a" : [1, {"b": null}], "c\u00e9\n": "x\"y"} `,
	`{"a":1,}`, `[1,]`, `{"a"}`, `{"a":}`, `{a:1}`, `01`, `1.`, `.5`, `-`, `1e`, `1e+`, `+1`, `tru`, `nul`, `"\x"`, `"\u12g4"`,
	"\"\x01\"", "\"\xff\"", `"`, `[`, `{`, `{"a":1`, `[1 2]`, `{"a":1 "b":2}`, `1 2`, `[]]`, "\t\n\r 7 \n",
	strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
}

func valid(data []byte) bool {
	s := New(data)
	s.Skip()
	return s.End()
}

func TestSkipAgreesWithJSONValid(t *testing.T) {
	for _, d := range docs {
		if got, want := valid([]byte(d)), json.Valid([]byte(d)); got != want {
			t.Errorf("valid(%q) = %v, encoding/json says %v", d, got, want)
		}
	}
	deep := strings.Repeat("[", 10002) + strings.Repeat("]", 10002)
	if valid([]byte(deep)) {
		t.Error("a document nested deeper than encoding/json's limit is accepted")
	}
}

func TestValues(t *testing.T) {
	s := New([]byte(` {"s": "a\u00e9\ud83d\ude00\"", "i": -42, "big": 123456789012345678, "f": 2.5e1, "b": true, "n": null, "bad": "` + "\xff" + `"} `))
	var got []any
	for more := s.Object(); more; more = s.More('}') {
		switch string(s.Key()) {
		case "s", "bad":
			got = append(got, s.String())
		case "i", "big":
			got = append(got, s.Int())
		case "f":
			got = append(got, s.Float())
		case "b":
			got = append(got, s.Bool())
		case "n":
			got = append(got, s.Null())
		}
	}
	want := []any{"aé😀\"", int64(-42), int64(123456789012345678), 25.0, true, true, "\ufffd"}
	if !s.End() || len(got) != len(want) {
		t.Fatalf("got %v (end %v)", got, s.End())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("value %d = %#v, want %#v", i, got[i], want[i])
		}
	}
	for _, bad := range []string{`1.5`, `1e2`, `99999999999999999999`, `"1"`} {
		s := New([]byte(bad))
		if s.Int(); !s.Failed() {
			t.Errorf("Int accepted %s", bad)
		}
	}
}

func FuzzSkip(f *testing.F) {
	for _, d := range docs[:len(docs)-1] {
		f.Add([]byte(d))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := valid(data), json.Valid(data); got != want {
			t.Fatalf("valid(%q) = %v, encoding/json says %v", data, got, want)
		}
	})
}
