package bulk

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestIDsAreUniqueOrderedAndPlain(t *testing.T) {
	g := newIDGen()
	now := time.Now()
	seen := map[docID]bool{}
	var prev string
	for i := range 200_000 {
		if i%1000 == 0 {
			now = now.Add(time.Millisecond)
		}
		d := g.next(now)
		s := d.String()
		if len(s) != idLen || !d.isSet() {
			t.Fatalf("ID %q: length %d, want %d", s, len(s), idLen)
		}
		if seen[d] {
			t.Fatalf("ID %q made twice", s)
		}
		seen[d] = true
		if s <= prev {
			t.Fatalf("IDs out of order: %q after %q", s, prev)
		}
		prev = s
		q, _ := json.Marshal(s)
		if string(q) != `"`+s+`"` || strings.ContainsAny(s, "/+=?#%&") {
			t.Fatalf("ID %q needs escaping in JSON or URLs", s)
		}
	}
	// Another generator (another worker, another process) at the same
	// instant makes other IDs.
	h := newIDGen()
	if d := h.next(now); seen[d] {
		t.Fatalf("two generators made the same ID %q", d.String())
	}
	var zero docID
	if zero.isSet() || zero.String() != "" {
		t.Fatal("the zero docID must mean none")
	}
}

func TestGeneratedIDSentAsCreate(t *testing.T) {
	enc := newEncoder()
	d := newIDGen().next(time.Now())
	if err := enc.encode(&Item{Index: "i", Body: []byte(`{"a":1}`)}, d[:]); err != nil {
		t.Fatal(err)
	}
	want := `{"create":{"_index":"i","_id":"` + d.String() + `"}}` + "\n" + `{"a":1}` + "\n"
	if got := string(enc.buf); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func BenchmarkIDGen(b *testing.B) {
	g := newIDGen()
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		_ = g.next(now)
	}
}

func TestIDEncodingIsBase64(t *testing.T) {
	alpha := base64.NewEncoding(idAlphabet).WithPadding(base64.NoPadding)
	g := newIDGen()
	for i := range 1000 {
		now := time.UnixMilli(int64(i) * 7919_000)
		d := g.next(now)
		raw, err := alpha.DecodeString(d.String())
		if err != nil || len(raw) != 16 {
			t.Fatalf("ID %q does not decode as 16 bytes: %v", d.String(), err)
		}
		ms := uint64(raw[0])<<40 | uint64(raw[1])<<32 | uint64(raw[2])<<24 | uint64(raw[3])<<16 | uint64(raw[4])<<8 | uint64(raw[5])
		if int64(ms) != now.UnixMilli() || string(raw[9:]) != string(g.node[:]) {
			t.Fatalf("ID %q: time %d want %d, node %x want %x", d.String(), ms, now.UnixMilli(), raw[9:], g.node)
		}
	}
}
