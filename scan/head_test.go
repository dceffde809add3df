package scan

import (
	"encoding/json"
	"strings"
	"testing"
)

// The head scanner agrees with a decode of the same answer.
func TestReadPITHead(t *testing.T) {
	pages := []string{
		`{"pit_id":"p1==","took":1,"timed_out":false,"_shards":{"total":2,"successful":2,"skipped":0,"failed":0},
		  "hits":{"total":{"value":3,"relation":"eq"},"max_score":null,"hits":[
		  {"_index":"i","_id":"1","_score":null,"_source":{"sort":[9],"s":"a \"quoted\" ] } [ { string \\","n":[1,{"x":[]}]},"sort":[1,"a"]},
		  {"_index":"i","_id":"2","_source":{},"sort":[9007199254740993, 5],
		   "inner_hits":{"c":{"hits":{"hits":[{"_id":"x","sort":[77]}]}}}}]}}`,
		` { "_shards" : { "total" : 1 , "successful" : 1 , "skipped" : 0 , "failed" : 0 } ,
		    "hits" : { "hits" : [ ] } , "pit_id" : "p2" } `,
		`{"hits":{"hits":[{"_id":"1","sort":[1]},{"_id":"2"}]}}`,
		`{"_shards":{"total":3,"successful":1,"skipped":0,"failed":2,"failures":[{"index":"i","shard":1,"reason":{"type":"x","reason":"y"}}]},"hits":{"hits":[]}}`,
		`{"pit_id":"p3","hits":{"total":{"value":1},"hits":[{"_source":"\u005d","sort":["a\"]"]}]}}`,
	}
	for i, raw := range pages {
		h, n, last, ok := readPITHead([]byte(raw))
		if !ok {
			t.Errorf("page %d: not read", i)
			continue
		}
		var want pitHead
		if err := json.Unmarshal([]byte(raw), &want); err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		var wantLast json.RawMessage
		if len(want.Hits.Hits) > 0 {
			wantLast = want.Hits.Hits[len(want.Hits.Hits)-1].Sort
		}
		if h.PitID != want.PitID || n != len(want.Hits.Hits) || string(last) != string(wantLast) ||
			h.Shards.Total != want.Shards.Total || h.Shards.Failed != want.Shards.Failed || len(h.Shards.Failures) != len(want.Shards.Failures) {
			t.Errorf("page %d: read %q %d %s %+v, decoded %q %d %s %+v", i, h.PitID, n, last, h.Shards, want.PitID, len(want.Hits.Hits), wantLast, want.Shards)
		}
	}
	for _, bad := range []string{``, `[]`, `{"hits":{"hits":[{"sort":[1]}`, `{"pit_id":"a`, `{"p\u0069t_id":"x"}`, `{"hits":{"hits":[1 2]}}`, `{"pit_id":5}`} {
		if _, _, _, ok := readPITHead([]byte(bad)); ok {
			t.Errorf("%q: read as a page", bad)
		}
	}
	// A page of a thousand hits is read without decoding a source.
	var b strings.Builder
	b.WriteString(`{"pit_id":"p","_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"hits":[`)
	for i := range 1000 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"_index":"i","_id":"x","_score":null,"_source":{"msg":"GET /a/b [200] {ok}","n":1},"sort":[` + strings.Repeat("1", i%5+1) + `]}`)
	}
	b.WriteString(`]}}`)
	if _, n, last, ok := readPITHead([]byte(b.String())); !ok || n != 1000 || string(last) != "[11111]" {
		t.Errorf("big page: %v %d %s", ok, n, last)
	}
}

func BenchmarkReadPITHead(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"pit_id":"p","_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"hits":[`)
	for i := range 1000 {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(`{"_index":"bench-scan","_id":"abcdefgh12345","_score":null,"_source":{"@timestamp":"2026-01-01T00:00:01.000Z","host":"host-01","level":"info","status":200,"latency_ms":12,"path":"/api/v1/items/1","msg":"GET /api/v1/items/1","user_id":7},"sort":[12345]}`)
	}
	sb.WriteString(`]}}`)
	raw := []byte(sb.String())
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, n, _, ok := readPITHead(raw); !ok || n != 1000 {
			b.Fatal(n)
		}
	}
}
