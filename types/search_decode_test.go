package types

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

// stdDecode is what the transport's default serializer does without
// DecodeBody: encoding/json, numbers in interfaces as json.Number, nothing
// but white space after the value.
func stdDecode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return &json.SyntaxError{}
	}
	if _, err := dec.Token(); err == nil {
		return &json.SyntaxError{}
	}
	return nil
}

type decodeDoc struct {
	Title string    `json:"title"`
	Year  int       `json:"year"`
	Price *float64  `json:"price"`
	Tags  []string  `json:"tags"`
	At    time.Time `json:"at"`
	Extra any       `json:"extra"`
}

// checkSame decodes data with DecodeBody and with encoding/json into
// SearchResponseBody[T] and fails when DecodeBody accepted the body and
// the two differ, or accepted a body encoding/json rejects. It reports
// whether DecodeBody accepted it.
func checkSame[T any](t *testing.T, data []byte) bool {
	t.Helper()
	var want SearchResponseBody[T]
	stdErr := stdDecode(data, &want)
	var got SearchResponseBody[T]
	ok := got.DecodeBody(append([]byte(nil), data...))
	if !ok {
		if !reflect.DeepEqual(got, SearchResponseBody[T]{}) {
			t.Fatalf("DecodeBody refused %q but left a value: %+v", data, got)
		}
		return false
	}
	if stdErr != nil {
		t.Fatalf("DecodeBody accepted %q, which encoding/json rejects: %v", data, stdErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("DecodeBody of %q:\n got  %#v\n want %#v", data, got, want)
	}
	return true
}

func checkAll(t *testing.T, data []byte) bool {
	t.Helper()
	ok := checkSame[json.RawMessage](t, data)
	checkSame[decodeDoc](t, data)
	checkSame[map[string]any](t, data)
	checkSame[any](t, data)
	checkSame[*decodeDoc](t, data)
	return ok
}

const fullAnswer = `{
  "took": 7, "timed_out": false, "terminated_early": true, "num_reduce_phases": 2,
  "_shards": {"total": 2, "successful": 1, "skipped": 0, "failed": 1,
    "failures": [{"shard": 1, "index": "books", "node": "n1", "reason": {"type": "x", "reason": "boom"}}]},
  "_scroll_id": "c2Nyb2xs", "pit_id": "cGl0",
  "hits": {
    "total": {"value": 10000, "relation": "gte"}, "max_score": 1.5,
    "hits": [
      {"_index": "books", "_id": "1", "_score": 1.5, "_routing": "r", "_seq_no": 9007199254740993, "_primary_term": 1, "_version": 3,
       "_source": {"title": "Dune \u00e9\ud83d\ude00 \"q\"", "year": 1965, "price": 9.5, "tags": ["a", "b"], "at": "2026-01-02T03:04:05Z",
                   "extra": {"big": 12345678901234567890, "f": 1.25, "l": [1, "x", null, true]}, "unknown": [1, {"a": 2}]},
       "highlight": {"title": ["<em>Dune</em>"], "empty": []},
       "fields": {"year": [1965], "title.keyword": ["Dune"]},
       "matched_queries": ["q1"], "_ignored": ["f1"], "sort": [1.5, "x", null, 12345678901234567890],
       "_explanation": {"value": 1.5, "description": "sum of:", "details": []},
       "_nested": {"field": "comments", "offset": 0},
       "inner_hits": {"c": {"hits": {"total": {"value": 1, "relation": "eq"}, "hits": [{"_id": "c1", "_source": {"x": 1}}]}}},
       "ignored_field_values": {"f1": ["toolong"]}, "_rank": 1, "_node": "n1", "_shard": "[books][0]"},
      {"_index": "books", "_id": "2", "_score": null, "_source": null, "sort": []},
      {"_index": "books", "_id": "3"},
      null
    ]
  },
  "aggregations": {"sterms#by_tag": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
    "buckets": [{"key": "a", "doc_count": 1, "avg#avg_year": {"value": 1965.0}}]}, "max#top": {"value": null}},
  "suggest": {"s": [{"text": "dun", "offset": 0, "length": 3, "options": [{"text": "dune", "score": 0.8, "freq": 3}]}]},
  "profile": {"shards": []},
  "_clusters": {"total": 1, "successful": 1, "skipped": 0},
  "fields": {"f": [1]},
  "something_new": {"from": "a later server"}
}`

func TestDecodeBodyLikeEncodingJSON(t *testing.T) {
	accepted := []string{
		fullAnswer,
		`{}`,
		` {"took":1} `,
		`{"hits":{"hits":[]}}`,
		`{"hits":{"total":3,"hits":[{"_source":{"title":"x","year":-0}}]}}`,
		`{"hits":{"hits":[{"_id":null,"_index":null,"_score":2e-3,"sort":null}]}}`,
		`{"hits":{"hits":[{"_ID":"upper case name: encoding/json matches it","_Score":1}]}}`,
		`{"hits":{"hits":[{"_id":"a","_id":"b","sort":[1],"sort":[2,3]}]}}`,
		`{"took":1,"TOOK":2,"Timed_Out":true}`,
		`{"aggregations":null}`,
		`{"aggregations":{"a":1},"aggregations":{"b":[2]}}`,
		`{"aggregations":{"a\u0041":{}}}`,
		`{"hits":{"hits":[{"_id":"esc\n\t\\\/\u0000 \u20ac","_index":"bad utf-8 ` + "\xff\xfe" + `"}]}}`,
		`{"hits":{"hits":[{"\u005fid":"escaped name"}]}}`,
		`{"hits":{"hits":[{"_source":{"title":"ok"},"_seq_no":null,"_rank":null}]},"_shards":null}`,
		`{"hits":{"hits":[{"_source":"a string source"}]}}`,
		`{"hits":{"hits":[{"_source":{"extra":[1e400]}}]}}`,
	}
	for _, body := range accepted {
		if !checkAll(t, []byte(body)) {
			t.Errorf("DecodeBody refused %q; it should read it", body)
		}
	}
	// Bodies DecodeBody leaves to encoding/json: invalid, of another
	// shape, or with merging rules it does not copy. checkAll checks that
	// nothing is decoded wrongly on the way.
	refused := []string{
		``, `null`, `[]`, `{`, `{"took":1}x`, `{"took":1}{}`, `{"took":1,}`, `{"took" 1}`, `{'took':1}`,
		`{"took":1.5}`, `{"took":"1"}`, `{"took":99999999999999999999}`, `{"timed_out":1}`,
		`{"hits":{"hits":[{"_score":"1"}]}}`, `{"hits":{"hits":[{"_score":1e400}]}}`,
		`{"hits":{"hits":[{"_source":{},"_source":{}}]}}`,
		`{"hits":{"hits":[{"_SOURCE":{}}]}}`, `{"HITS":{}}`, `{"hits":{"Hits":[]}}`,
		`{"hits":null}`, `{"hits":{"hits":null}}`, `{"hits":{"hits":[]},"hits":{}}`,
		`{"hits":{"hits":[{"_id":"\x01"}]}}`, `{"hits":{"hits":[{"_id":"\q"}]}}`, `{"hits":{"hits":[{"_id":"\u12"}]}}`,
		`{"hits":{"hits":[{"_source":{"a":01}}]}}`, `{"hits":{"hits":[{"_source":{"a":-}}]}}`, `{"hits":{"hits":[{"_source":{"a":1.}}]}}`,
		`{"hits":{"hits":[{"_source":{"a":tru}}]}}`, `{"hits":{"hits":[{"_source":{"year":"x"}}]}}`,
		`{"hits":{"hits":[{"_source":{"title":"x"}}]}`, `{"aggregations":[]}`, `{"_shards":{"total":-1}}`,
		`{"hits":{"hits":[{"_ſource":{}}]}}`,
		`{"hits":{"hits":[{"_seq_no":1.5}]}}`,
		"{\"hits\":{\"hits\":[" + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + "]}}",
	}
	for _, body := range refused {
		if checkSame[json.RawMessage](t, []byte(body)) && checkSame[decodeDoc](t, []byte(body)) {
			t.Errorf("DecodeBody read %q; it should leave it to encoding/json", body)
		}
	}
}

func TestDecodeBodyValues(t *testing.T) {
	var r SearchResponseBody[decodeDoc]
	if !r.DecodeBody([]byte(fullAnswer)) {
		t.Fatal("DecodeBody refused the full answer")
	}
	h := r.Hits.Hits[0]
	if h.ID != "1" || *h.Score != 1.5 || h.Source.Title != "Dune é😀 \"q\"" || h.Source.Year != 1965 || *h.SeqNo != 9007199254740993 {
		t.Errorf("hit 0 = %+v", h)
	}
	big := h.Source.Extra.(map[string]any)["big"]
	if big != json.Number("12345678901234567890") {
		t.Errorf("a big integer in an interface = %#v, want json.Number", big)
	}
	if !h.Source.At.Equal(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("time = %v", h.Source.At)
	}
	total, err := r.Hits.Total.AsTotalHits()
	if err != nil || total.Value != 10000 || total.Relation != "gte" {
		t.Errorf("total = %+v, %v", total, err)
	}
	st, err := r.Aggregations.StringTerms("by_tag")
	if err != nil || len(st.Buckets.Array) != 1 || st.Buckets.Array[0].Key.String() != "a" {
		t.Errorf("by_tag = %+v, %v", st, err)
	}
	if len(r.Hits.Hits) != 4 || r.Hits.Hits[1].Score != nil || r.Hits.Hits[3].ID != "" {
		t.Errorf("hits = %+v", r.Hits.Hits)
	}
	if r.Shards.Failed != 1 || len(r.Shards.Failures) != 1 || r.ScrollID != "c2Nyb2xs" || *r.TerminatedEarly != true {
		t.Errorf("answer = %+v", r)
	}
}

// FuzzDecodeBody checks that whatever DecodeBody accepts, encoding/json
// decodes to the same value, for raw, struct and interface sources.
func FuzzDecodeBody(f *testing.F) {
	f.Add([]byte(fullAnswer))
	f.Add([]byte(`{"hits":{"total":{"value":1,"relation":"eq"},"hits":[{"_index":"i","_id":"1","_score":null,"_source":{"title":"t","year":1},"sort":[1]}]}}`))
	f.Add([]byte(`{"took":1,"hits":{"hits":[{"_ID":"x","_source":{"extra":[1,2.5,"s",{"k":null}]}}]},"aggregations":{"a#b":{"value":1}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkAll(t, data)
	})
}

// TestDecodeBodyWithSourceDecoder: DecodeBodyWith gives DecodeBody's
// result with the sources decoded by the function given (hits without a
// source keep the zero value), and refuses the body when it refuses.
func TestDecodeBodyWithSourceDecoder(t *testing.T) {
	for _, body := range []string{
		fullAnswer,
		`{"hits":{"hits":[]}}`,
		`{"hits":{"total":3,"hits":[{"_source":{"title":"x","year":-0}},{"_id":"no source"},{"_source":{"title":"y","extra":{"n":12345678901234567890}}}]}}`,
	} {
		var want, got SearchResponseBody[decodeDoc]
		if !want.DecodeBody([]byte(body)) {
			t.Fatalf("DecodeBody refused %q", body)
		}
		calls := 0
		if !got.DecodeBodyWith([]byte(body), func(data []byte, v any) error { calls++; return stdDecode(data, v) }) {
			t.Fatalf("DecodeBodyWith refused %q", body)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("DecodeBodyWith of %q:\n got  %#v\n want %#v", body, got, want)
		}
		if n := len(want.Hits.Hits); n > 0 && calls != 1 {
			t.Errorf("%d calls of the source decoder for one page", calls)
		}
	}
	var r SearchResponseBody[decodeDoc]
	if r.DecodeBodyWith([]byte(`{"hits":{"hits":[{"_source":{"title":"x"}}]}}`), func([]byte, any) error { return &json.SyntaxError{} }) {
		t.Error("a source the decoder refuses was accepted")
	}
}
