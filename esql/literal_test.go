package esql

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFormatFloatMatchesPythonRepr(t *testing.T) {
	// Expected values are what Python 3's json.dumps(float) prints.
	cases := []struct {
		f    float64
		want string
	}{
		{1e16, "1e+16"},
		{1e15, "1000000000000000.0"},
		{123456789012345.0, "123456789012345.0"},
		{0.0001, "0.0001"},
		{0.00001, "1e-05"},
		{1.5e-7, "1.5e-07"},
		{100, "100.0"},
		{0.1, "0.1"},
		{1.0 / 3, "0.3333333333333333"},
		{-2.5e300, "-2.5e+300"},
		{5e-324, "5e-324"},
		{math.MaxFloat64, "1.7976931348623157e+308"},
		{12345.678, "12345.678"},
		{0, "0.0"},
		{math.Copysign(0, -1), "-0.0"},
		{9007199254740993.0, "9007199254740992.0"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "Infinity"},
		{math.Inf(-1), "-Infinity"},
	}
	for _, c := range cases {
		if got := Literal(c.f).String(); got != c.want {
			t.Errorf("Literal(%v) = %s, want %s", c.f, got, c.want)
		}
		if got := Lit(c.f).String(); got != c.want {
			t.Errorf("Lit(%v) = %s, want %s", c.f, got, c.want)
		}
	}
	if got := Lit(float32(0.1)).String(); got != "0.1" {
		t.Errorf("Literal(float32(0.1)) = %s, want 0.1", got)
	}
}

func TestLiteralValues(t *testing.T) {
	type point struct {
		X int    `json:"x"`
		Y string `json:"y,omitempty"`
	}
	n := 7
	cases := []struct {
		v    any
		want string
	}{
		{nil, "null"},
		{true, "true"},
		{"a\"b\\c", `"a\"b\\c"`},
		{"\x7f\x00\x1f\u2028", `"\u007f\u0000\u001f\u2028"`},
		{"<&>", `"<&>"`},
		{int8(-3), "-3"},
		{uint64(math.MaxUint64), "18446744073709551615"},
		{[]string{"a", "b"}, `["a", "b"]`},
		{[2]int{1, 2}, "[1, 2]"},
		{[]int(nil), "null"},
		{map[string]int{"b": 2, "a": 1}, `{"a": 1, "b": 2}`},
		{map[string]any{}, "{}"},
		{&n, "7"},
		{(*int)(nil), "null"},
		{point{X: 1}, `{"x": 1}`},
		{json.Number("12.50"), "12.50"},
		{[]byte("hi"), `"aGk="`},
	}
	for _, c := range cases {
		if got := Literal(c.v).String(); got != c.want {
			t.Errorf("Literal(%#v) = %s, want %s", c.v, got, c.want)
		}
	}
}

func TestLiteralErrors(t *testing.T) {
	if e := Literal(make(chan int)); !errors.Is(e.Err(), ErrInvalid) {
		t.Errorf("Literal(chan): %v, want ErrInvalid", e.Err())
	}
	if e := Literal([]any{Field("a")}); !errors.Is(e.Err(), ErrInvalid) {
		t.Errorf("Literal of a list holding an Expr: %v, want ErrInvalid", e.Err())
	}
	if e := Literal(func() {}); !errors.Is(e.Err(), ErrInvalid) {
		t.Errorf("Literal(func): %v, want ErrInvalid", e.Err())
	}
	if e := (Object{As("normalizer", "minmax")}).Expr(); !errors.Is(e.Err(), ErrInvalid) || !strings.Contains(e.Err().Error(), "Str(") {
		t.Errorf("an option given a column: %v, want ErrInvalid pointing to Str", e.Err())
	}
}

func TestQuoteIdentifier(t *testing.T) {
	cases := map[string]string{
		"age":        "age",
		"@timestamp": "@timestamp",
		"_id":        "_id",
		"user.name":  "user.name",
		"a1.b2_c":    "a1.b2_c",
		"first name": "`first name`",
		"9lives":     "`9lives`",
		"a-b":        "`a-b`",
		"a`b":        "`a``b`",
		"":           "``",
		"é":          "`é`",
		"*":          "`*`",
		// Keywords and names the grammar cannot read bare are quoted.
		"by":         "`by`",
		"NULL":       "`NULL`",
		"first.name": "`first.name`",
		"a.by":       "`a.by`",
		"a..b":       "`a..b`",
		"a.":         "`a.`",
		"x.9":        "`x.9`",
		"_":          "`_`",
		"@":          "`@`",
		"match":      "match",
		"as":         "as",
	}
	for in, want := range cases {
		if got := QuoteIdentifier(in); got != want {
			t.Errorf("QuoteIdentifier(%q) = %s, want %s", in, got, want)
		}
	}
}

func FuzzQuoteIdentifier(f *testing.F) {
	for _, s := range []string{"a", "a b", "a`b", "``", "@x.y", "9", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		q := QuoteIdentifier(name)
		if q == name {
			if !bareIdentifier(name) {
				t.Fatalf("%q left bare but is not a plain identifier", name)
			}
			return
		}
		if len(q) < 2 || q[0] != '`' || q[len(q)-1] != '`' {
			t.Fatalf("QuoteIdentifier(%q) = %q, not backquoted", name, q)
		}
		inner := q[1 : len(q)-1]
		if strings.Contains(strings.ReplaceAll(inner, "``", ""), "`") {
			t.Fatalf("QuoteIdentifier(%q) = %q has an undoubled backtick", name, q)
		}
		if back := strings.ReplaceAll(inner, "``", "`"); back != name {
			t.Fatalf("QuoteIdentifier(%q) = %q unquotes to %q", name, q, back)
		}
	})
}

func FuzzLiteralString(f *testing.F) {
	for _, s := range []string{"", "abc", "\"\\", "\n\t\x00", "é✓😀", "\x7f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		lit := Str(s).String()
		if lit != Lit(s).String() || lit != Literal(s).String() {
			t.Fatalf("Str, Lit and Literal of %q differ", s)
		}
		for i := 0; i < len(lit); i++ {
			if lit[i] < ' ' || lit[i] > '~' {
				t.Fatalf("Literal(%q) = %q has a byte outside printable ASCII", s, lit)
			}
		}
		var back string
		if err := json.Unmarshal([]byte(lit), &back); err != nil {
			t.Fatalf("Literal(%q) = %q is not JSON: %v", s, lit, err)
		}
		if back != s {
			t.Fatalf("Literal(%q) = %q decodes to %q", s, lit, back)
		}
	})
}

func FuzzFormatFloat(f *testing.F) {
	for _, v := range []float64{0, 1, 0.1, 1e16, 1e-5, 123.456, -7e-300} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		s := formatFloat(v, 64)
		var back float64
		if err := json.Unmarshal([]byte(s), &back); err != nil {
			t.Fatalf("formatFloat(%v) = %q is not a JSON number: %v", v, s, err)
		}
		if back != v {
			t.Fatalf("formatFloat(%v) = %q reads back as %v", v, s, back)
		}
		if !strings.ContainsAny(s, ".e") {
			t.Fatalf("formatFloat(%v) = %q reads as an integer", v, s)
		}
	})
}
