package scan_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/esgo/esgo/scan"
)

// fullHit carries every member the specification's Hit has, and one the
// client does not know.
const fullHit = `{"_index":"i","_id":"7","_score":1.25,"_routing":"r1","_source":{"n":3,"tag":"x"},
 "fields":{"n":[3]},"sort":[9007199254740993,"x",1.5,null],"_seq_no":12,"_primary_term":2,"_version":4,
 "highlight":{"tag":["<em>x</em>"]},"matched_queries":{"q1":0.5},
 "inner_hits":{"c":{"hits":{"total":{"value":1,"relation":"eq"},"max_score":1,"hits":[
   {"_index":"i","_id":"7","_nested":{"field":"c","offset":1,"_nested":{"field":"d","offset":0}},"_score":1,"_source":{"t":"in"}}]}}},
 "_explanation":{"value":1.25,"description":"sum","details":[]},
 "_ignored":["long_text"],"ignored_field_values":{"long_text":["abc"]},
 "_shard":"[i][0]","_node":"n1","_rank":2,"unknown_member":{"a":[1,2]}}`

func TestHitDecodesEveryMember(t *testing.T) {
	var h scan.Hit[doc]
	if err := json.Unmarshal([]byte(fullHit), &h); err != nil {
		t.Fatal(err)
	}
	checkFullHit(t, h)
}

func checkFullHit(t *testing.T, h scan.Hit[doc]) {
	t.Helper()
	if h.Index != "i" || h.ID != "7" || h.Score == nil || *h.Score != 1.25 || h.Routing != "r1" || h.Source != (doc{N: 3, Tag: "x"}) {
		t.Errorf("identity/source = %+v", h)
	}
	if string(h.Fields["n"]) != "[3]" {
		t.Errorf("fields = %s", h.Fields)
	}
	sortRaw := func(i int) string { r, _ := h.Sort[i].Raw(); return string(r) }
	if len(h.Sort) != 4 || sortRaw(0) != "9007199254740993" || sortRaw(1) != `"x"` || sortRaw(3) != "null" {
		t.Errorf("sort = %v", h.Sort)
	}
	if sv, _ := json.Marshal(h.Sort); string(sv) != `[9007199254740993,"x",1.5,null]` {
		t.Errorf("sort values encode as %s", sv)
	}
	if h.SeqNo == nil || *h.SeqNo != 12 || h.PrimaryTerm == nil || *h.PrimaryTerm != 2 || h.Version == nil || *h.Version != 4 {
		t.Errorf("seq_no/primary_term/version = %v %v %v", h.SeqNo, h.PrimaryTerm, h.Version)
	}
	if mq, err := h.MatchedQueries.AsFloat64Map(); h.Highlight["tag"][0] != "<em>x</em>" || err != nil || mq["q1"] != 0.5 {
		t.Errorf("highlight %v, matched_queries %v", h.Highlight, h.MatchedQueries)
	}
	ih := h.InnerHits["c"].Hits
	if ih.Total.Value() != 1 || len(ih.Hits) != 1 || string(ih.Hits[0].Source) != `{"t":"in"}` {
		t.Errorf("inner hits = %+v", ih)
	} else if n := ih.Hits[0].Nested; n == nil || n.Field != "c" || n.Offset != 1 || n.Nested == nil || n.Nested.Field != "d" {
		t.Errorf("nested identity = %+v", n)
	}
	if h.Explanation == nil || h.Explanation.Value != 1.25 || h.Explanation.Description != "sum" || h.Shard != "[i][0]" || h.Node != "n1" {
		t.Errorf("explanation %+v, shard %q, node %q", h.Explanation, h.Shard, h.Node)
	}
	if len(h.Ignored) != 1 || string(h.IgnoredFieldValues["long_text"][0]) != `"abc"` || h.Rank == nil || *h.Rank != 2 {
		t.Errorf("ignored %v %s, rank %v", h.Ignored, h.IgnoredFieldValues, h.Rank)
	}
}

// stamped has its own UnmarshalJSON, which decoding a hit must call.
type stamped struct {
	At   time.Time
	Big  json.Number
	Seen bool
}

func (s *stamped) UnmarshalJSON(b []byte) error {
	var w struct {
		At  time.Time   `json:"at"`
		Big json.Number `json:"big"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*s = stamped{At: w.At, Big: w.Big, Seen: true}
	return nil
}

func TestHitHonoursTheSourceType(t *testing.T) {
	var h scan.Hit[stamped]
	raw := `{"_id":"1","_source":{"at":"2024-05-01T10:00:00.123Z","big":123456789012345678901234567890}}`
	if err := json.Unmarshal([]byte(raw), &h); err != nil {
		t.Fatal(err)
	}
	if !h.Source.Seen || h.Source.Big != "123456789012345678901234567890" || !h.Source.At.Equal(time.Date(2024, 5, 1, 10, 0, 0, 123e6, time.UTC)) {
		t.Errorf("source = %+v", h.Source)
	}
	var r scan.Hit[json.RawMessage]
	if err := json.Unmarshal([]byte(raw), &r); err != nil || !strings.HasPrefix(string(r.Source), `{"at":`) {
		t.Errorf("raw source = %s, %v", r.Source, err)
	}
}
