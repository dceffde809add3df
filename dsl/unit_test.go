package dsl_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/scan"
	"github.com/esgo/esgo/transport"
	"github.com/esgo/esgo/types"
)

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCombinationDoesNotModifyInputs(t *testing.T) {
	a, b, c := dsl.Match("a", 1), dsl.Match("b", 2), dsl.Match("c", 3)
	base := dsl.Bool(dsl.Should(a, b))
	before := mustJSON(t, base)
	_ = dsl.Or(base, c)
	_ = dsl.And(base, c)
	_ = dsl.Not(base)
	_ = dsl.And(base, dsl.Bool(dsl.Must(c), dsl.Should(a)))
	if after := mustJSON(t, base); after != before {
		t.Errorf("input changed: %s -> %s", before, after)
	}
}

func TestAndOrEdgeCases(t *testing.T) {
	if got := mustJSON(t, dsl.And()); got != `{"match_all":{}}` {
		t.Errorf("And() = %s", got)
	}
	a := dsl.Term("x", 1)
	if got := mustJSON(t, dsl.And(a)); got != `{"term":{"x":1}}` {
		t.Errorf("And(a) = %s", got)
	}
	if got := mustJSON(t, dsl.Or(nil, a, nil)); got != `{"term":{"x":1}}` {
		t.Errorf("Or(nil, a, nil) = %s", got)
	}
	// A percentage minimum_should_match cannot be merged: the clause is kept intact.
	q := dsl.And(dsl.Bool(dsl.Should(a, dsl.Term("y", 2)), dsl.MinimumShouldMatchBool("50%")), dsl.Bool(dsl.Must(dsl.Term("z", 3))))
	want := `{"bool":{"must":[{"term":{"z":3}},{"bool":{"minimum_should_match":"50%","should":[{"term":{"x":1}},{"term":{"y":2}}]}}]}}`
	if got := mustJSON(t, q); got != want {
		t.Errorf("percentage msm:\n got  %s\n want %s", got, want)
	}
}

func TestLeafWithAndParams(t *testing.T) {
	m := dsl.Match("title__raw", "go")
	if m.Field() != "title.raw" || m.Name() != "match" {
		t.Errorf("field %q name %q", m.Field(), m.Name())
	}
	m2 := m.With(dsl.Operator(types.OperatorAnd))
	if got := mustJSON(t, m); got != `{"match":{"title.raw":"go"}}` {
		t.Errorf("original changed: %s", got)
	}
	if got := mustJSON(t, m2); got != `{"match":{"title.raw":{"operator":"and","query":"go"}}}` {
		t.Errorf("With = %s", got)
	}
	if v, ok := m2.Param("operator"); !ok || v != types.OperatorAnd {
		t.Errorf("Param = %v, %v", v, ok)
	}
}

func TestParseQueryErrors(t *testing.T) {
	for _, in := range []string{``, `[]`, `{}`, `{"a":{},"b":{}}`, `{"bool":{"must":[{}]}}`, `{"bool":{"must":3}}`} {
		if _, err := dsl.ParseQuery([]byte(in)); err == nil {
			t.Errorf("ParseQuery(%q) succeeded", in)
		}
	}
	q, err := dsl.ParseQuery([]byte(`{"bool":{"must":{"term":{"a":1}},"boost":2}}`))
	if err != nil {
		t.Fatal(err)
	}
	b, ok := q.(*dsl.BoolQuery)
	if !ok || len(b.Must) != 1 || b.Params["boost"] == nil {
		t.Errorf("parsed = %#v", q)
	}
}

func FuzzParseQuery(f *testing.F) {
	f.Add([]byte(`{"bool":{"must":[{"match":{"a":1}}],"should":[{"term":{"b":2}}],"minimum_should_match":1}}`))
	f.Add([]byte(`{"match_all":{"boost":1.5}}`))
	f.Add([]byte(`{"nested":{"path":"c","query":{"match_none":{}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := dsl.ParseQuery(data)
		if err != nil {
			return
		}
		out, err := json.Marshal(q)
		if err != nil {
			t.Fatalf("marshal of a parsed query: %v", err)
		}
		q2, err := dsl.ParseQuery(out)
		if err != nil {
			t.Fatalf("re-parse of %s: %v", out, err)
		}
		out2, _ := json.Marshal(q2)
		if string(out) != string(out2) {
			t.Fatalf("not stable: %s vs %s", out, out2)
		}
		// Combining parsed queries never panics.
		_ = dsl.Not(dsl.And(q, dsl.Or(q, dsl.Term("x", 1))))
	})
}

func TestSearchIsImmutable(t *testing.T) {
	base := dsl.NewSearch("i").Query(dsl.Match("a", 1)).Sort("x").Size(3).
		Aggs(func(a *dsl.Aggs) { a.Agg("t", dsl.TermsAgg("tags")) })
	before := mustJSON(t, base)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := base.Query(dsl.Term("b", i)).Filter(dsl.Term("c", i)).Sort("-y").Size(i).Extra("k", i).
				Highlight([]string{"h"}).SourceIncludes("s").ScriptField("f", "1").Param("routing", "r").
				Aggs(func(a *dsl.Aggs) { a.Get("t").Metric("m", dsl.MaxAgg("n")) })
			_, _ = s.ToJSON()
		}()
	}
	wg.Wait()
	if after := mustJSON(t, base); after != before {
		t.Errorf("base search changed:\n%s\n%s", before, after)
	}
}

func TestSearchBuilderErrors(t *testing.T) {
	s := dsl.NewSearch()
	for name, bad := range map[string]dsl.Search{
		"sort -_score":     s.Sort("-_score"),
		"negative slice":   s.Slice(-1, 3),
		"knn no vector":    s.Knn("v", 1, 2, nil),
		"sort price:desc":  s.Sort("price:desc"),
		"sort x:asc":       s.Sort("a", "x:asc"),
		"empty collapse":   s.Collapse(""),
		"knn both":         s.Knn("v", 1, 2, []float32{1}, dsl.QueryVectorBuilder(types.QueryVectorBuilder{})),
		"suggest no text":  s.Suggest("s", ""),
		"regex no compl.":  s.SuggestRegex("s", "x.*"),
		"error propagates": s.Sort("-_score").Query(dsl.MatchAll()).Size(1),
	} {
		if _, err := bad.ToJSON(); !errors.Is(err, dsl.ErrIllegalOperation) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestSliceSemantics(t *testing.T) {
	for _, c := range []struct {
		s    dsl.Search
		want string
	}{
		{dsl.NewSearch().Slice(0, 10), `{"from":0,"size":10}`},
		{dsl.NewSearch().Slice(5, -1), `{"from":5}`},
		{dsl.NewSearch().Slice(10, 20).Slice(2, 5), `{"from":12,"size":3}`},
		{dsl.NewSearch().Slice(10, 20).Slice(5, 50), `{"from":15,"size":5}`},
		{dsl.NewSearch().Slice(10, 20).Slice(15, 30), `{"from":25,"size":0}`},
	} {
		if got := mustJSON(t, c.s); got != c.want {
			t.Errorf("got %s, want %s", got, c.want)
		}
	}
}

func TestBucketsDecoding(t *testing.T) {
	var r dsl.AggResults
	if err := json.Unmarshal([]byte(`{
		"histogram#list":  {"buckets":[{"key":1.5,"doc_count":2,"avg#sub":{"value":3}},{"key":3,"doc_count":0}]},
		"range#keyed": {"buckets":{"b":{"doc_count":1},"a":{"doc_count":4,"from":1,"to":2}}},
		"avg#empty": {"value":null},
		"composite#comp":  {"after_key":{"t":"x"},"buckets":[{"key":{"t":"x","d":1},"doc_count":7}]}
	}`), &r); err != nil {
		t.Fatal(err)
	}
	l, err := dsl.Buckets[float64](r, "list")
	if err != nil || len(l) != 2 || l[0].Key != 1.5 || l[0].DocCount != 2 || l[1].Key != 3 {
		t.Fatalf("list = %+v, %v", l, err)
	}
	if v, err := dsl.Value(l[0].Aggregations, "sub"); err != nil || v != 3 {
		t.Errorf("sub = %v, %v", v, err)
	}
	k, err := dsl.Buckets[string](r, "keyed")
	if err != nil || len(k) != 2 || k[0].Key != "b" || k[1].Key != "a" || k[1].DocCount != 4 || *k[1].To != 2 {
		t.Errorf("keyed (server order kept) = %+v, %v", k, err)
	}
	if v, err := dsl.Value(r, "empty"); err != nil || !math.IsNaN(v) {
		t.Errorf("null value = %v, %v", v, err)
	}
	c, err := dsl.Buckets[map[string]any](r, "comp")
	if err != nil || c[0].Key["t"] != "x" || c[0].DocCount != 7 {
		t.Errorf("composite = %+v, %v", c, err)
	}
	if _, err := dsl.Buckets[string](r, "list"); err == nil {
		t.Error("numeric keys decoded as strings")
	}
	if _, err := dsl.Buckets[string](r, "empty"); err == nil {
		t.Error("buckets of a metric")
	}
}

func TestResponseDecoding(t *testing.T) {
	type doc struct {
		Title string `json:"title"`
	}
	raw := `{"took":3,"timed_out":false,"_shards":{"total":2,"successful":1,"skipped":0,"failed":1},
	"hits":{"total":{"value":10000,"relation":"gte"},"max_score":1.5,"hits":[
	{"_index":"i","_id":"1","_score":1.5,"_source":{"title":"a"},"sort":[3,"x"],"highlight":{"title":["<em>a</em>"]},
	 "inner_hits":{"c":{"hits":{"total":{"value":1,"relation":"eq"},"hits":[{"_index":"i","_id":"1","_nested":{"field":"c","offset":0},"_source":{"title":"in"}}]}}}}]}}`
	var r dsl.Response[doc]
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		t.Fatal(err)
	}
	if r.Shards.Failed != 1 {
		t.Errorf("shards = %+v", r.Shards)
	}
	if r.Hits.Total.Exact() || r.Hits.Total.Value() != 10000 {
		t.Errorf("total = %+v", r.Hits.Total)
	}
	h := r.Hits.Hits[0]
	if h.Source.Title != "a" || *h.Score != 1.5 || len(h.Sort) != 2 || h.Highlight["title"][0] != "<em>a</em>" {
		t.Errorf("hit = %+v", h)
	}
	in, err := dsl.InnerHitsAs[doc](h, "c")
	if err != nil || in[0].Source.Title != "in" {
		t.Errorf("inner = %+v, %v", in, err)
	}
	if _, err := dsl.InnerHitsAs[doc](h, "nope"); err == nil {
		t.Error("missing inner hits")
	}
	var legacy dsl.Response[doc]
	if err := json.Unmarshal([]byte(`{"hits":{"total":7,"hits":[]}}`), &legacy); err != nil || legacy.Hits.Total.Value() != 7 || !legacy.Hits.Total.Exact() {
		t.Errorf("legacy total = %+v, %v", legacy.Hits.Total, err)
	}
}

// fixedConn answers every request with one status and body; it stands for
// a server answer that a real server cannot be made to give on demand.
type fixedConn struct {
	status int
	body   string
	got    []*transport.Request
}

func (f *fixedConn) Perform(_ context.Context, req *transport.Request) (*transport.Response, error) {
	f.got = append(f.got, req)
	return &transport.Response{StatusCode: f.status, Body: io.NopCloser(strings.NewReader(f.body))}, nil
}

func TestMalformedResponses(t *testing.T) {
	ctx := context.Background()
	c := &fixedConn{status: 200, body: `{"hits": [`}
	if _, err := dsl.Execute[map[string]any](ctx, dsl.NewSearch("i").Using(c)); err == nil || !strings.Contains(err.Error(), "decode") {
		t.Errorf("truncated body: %v", err)
	}
	c = &fixedConn{status: 500, body: `not json`}
	_, err := dsl.NewSearch("i").Using(c).Count(ctx)
	var se *transport.Error
	if !errors.As(err, &se) || se.Status != 500 || !strings.Contains(err.Error(), "not json") {
		t.Errorf("500: %v", err)
	}
	c = &fixedConn{status: 200, body: `{"hits":{"hits":[{"_id":"1","_source":{"n":"not a number"}}]}}`}
	type doc struct {
		N int `json:"n"`
	}
	// The error names the member that failed to decode (hits decode in one
	// pass, with no method of their own that could add the hit's id).
	if _, err := dsl.Execute[doc](ctx, dsl.NewSearch().Using(c)); err == nil || !strings.Contains(err.Error(), "_source") {
		t.Errorf("bad source: %v", err)
	}
	if len(c.got) != 1 || c.got[0].Path != "/_search" || c.got[0].Method != http.MethodPost {
		t.Errorf("request = %+v", c.got)
	}
}

func TestSortValuesStayExact(t *testing.T) {
	var h dsl.Hit[map[string]any]
	if err := json.Unmarshal([]byte(`{"_id":"1","sort":[9007199254740993,"x",1.5]}`), &h); err != nil {
		t.Fatal(err)
	}
	s := dsl.NewSearch().Sort("n").SearchAfter(h.Sort...)
	if got := mustJSON(t, s); got != `{"search_after":[9007199254740993,"x",1.5],"sort":["n"]}` {
		t.Errorf("search_after = %s", got)
	}
}

// A chain of Agg, Metric and Pipeline calls never moves: each returns its
// receiver, so the chain puts max_price beside the nested
// aggregation, under terms (Bucket returned the nested one, and max_price
// landed inside it, where the server answers null).
func TestAggChainStaysOnItsReceiver(t *testing.T) {
	s := dsl.NewSearch("shop").Agg("by_cat", dsl.TermsAgg("category").
		Agg("reviews", dsl.NestedAgg("reviews").Metric("avg", dsl.AvgAgg("reviews.stars"))).
		Metric("max_price", dsl.MaxAgg("price")))
	b, err := s.Body()
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(b["aggs"])
	want := `{"by_cat":{"aggs":{"max_price":{"max":{"field":"price"}},"reviews":{"aggs":{"avg":{"avg":{"field":"reviews.stars"}}},"nested":{"path":"reviews"}}},"terms":{"field":"category"}}}`
	if string(got) != want {
		t.Errorf("aggs\n%s\nwant\n%s", got, want)
	}
	s2 := dsl.NewSearch("shop").Aggs(func(r *dsl.Aggs) {
		r.Agg("by_cat", dsl.TermsAgg("category").Agg("reviews", dsl.NestedAgg("reviews").Metric("avg", dsl.AvgAgg("reviews.stars")))).
			Metric("max_price", dsl.MaxAgg("price"))
	})
	b2, _ := s2.Body()
	got2, _ := json.Marshal(b2["aggs"])
	want2 := `{"by_cat":{"aggs":{"reviews":{"aggs":{"avg":{"avg":{"field":"reviews.stars"}}},"nested":{"path":"reviews"}}},"terms":{"field":"category"}},"max_price":{"max":{"field":"price"}}}`
	if string(got2) != want2 {
		t.Errorf("Aggs\n%s\nwant\n%s", got2, want2)
	}
}

// Every method of *Agg and *Aggs that adds an aggregation under a name
// returns its receiver, never the aggregation it was given: no chain can
// move to another node without the code saying so.
func TestAggAddersReturnTheReceiver(t *testing.T) {
	for _, recv := range []any{dsl.TermsAgg("t"), &dsl.Aggs{}} {
		v := reflect.ValueOf(recv)
		for i := range v.NumMethod() {
			m, name := v.Method(i), v.Type().Method(i).Name
			mt := m.Type()
			if mt.NumIn() != 2 || mt.In(0).Kind() != reflect.String || mt.In(1) != reflect.TypeFor[*dsl.Agg]() || mt.NumOut() != 1 {
				continue
			}
			out := m.Call([]reflect.Value{reflect.ValueOf("x"), reflect.ValueOf(dsl.AvgAgg("f"))})[0]
			if out.Interface() != recv {
				t.Errorf("%T.%s returns %v, not its receiver", recv, name, out.Interface())
			}
		}
	}
}

func TestAggResultsTyped(t *testing.T) {
	var r dsl.AggResults
	if err := json.Unmarshal([]byte(`{"by_cat":{"buckets":[{"key":"books","doc_count":2,"avg_stars":{"value":4.5}}]}}`), &r); err != nil {
		t.Fatal(err)
	}
	terms, err := r.StringTerms("by_cat")
	if err != nil || len(terms.Buckets.Array) != 1 {
		t.Fatalf("%+v %v", terms, err)
	}
	avg, err := terms.Buckets.Array[0].Aggregations.Avg("avg_stars")
	if err != nil || avg.Value == nil || *avg.Value != 4.5 {
		t.Fatalf("%+v %v", avg, err)
	}
}

// A multi-search item that failed is parsed like any error answer: its root
// causes and caused-by chain are kept.
func TestMultiSearchItemErrorKeepsCauses(t *testing.T) {
	c := &fixedConn{status: 200, body: `{"responses":[{"error":{"root_cause":[{"type":"query_shard_exception","reason":"failed to create query","index":"i"}],
		"type":"search_phase_execution_exception","reason":"all shards failed",
		"caused_by":{"type":"number_format_exception","reason":"For input string: \"abc\""}},"status":400}]}`}
	out, err := dsl.ExecuteMulti[map[string]any](context.Background(), dsl.NewMultiSearch("i").Using(c).Add(dsl.NewSearch("i")))
	if err != nil || len(out) != 1 {
		t.Fatalf("ExecuteMulti = %v, %v", out, err)
	}
	var se *transport.Error
	if !errors.As(out[0].Err, &se) || !errors.Is(out[0].Err, transport.ErrBadRequest) {
		t.Fatalf("item error %v, want a 400 *transport.Error", out[0].Err)
	}
	if se.Type != "search_phase_execution_exception" || len(se.RootCauses) != 1 || se.RootCauses[0].Type != "query_shard_exception" ||
		se.CausedBy == nil || se.CausedBy.Type != "number_format_exception" || se.Path != "/i/_msearch" {
		t.Errorf("item error %+v (root causes %+v, caused by %+v), want the type, the root cause, the cause and the path", se, se.RootCauses, se.CausedBy)
	}
}

// TestNextPageRefusals: each page NextPage cannot build is an error matching
// ErrIllegalOperation and scan.ErrSearchAfter, with no next search; a page
// it can build continues after the last hit's exact sort values.
func TestNextPageRefusals(t *testing.T) {
	long := types.FieldValueFromLong(1<<53 + 1)
	page := func(sort ...types.FieldValue) *dsl.Response[json.RawMessage] {
		r := &dsl.Response[json.RawMessage]{}
		r.Hits.Hits = []dsl.Hit[json.RawMessage]{{ID: "1", Sort: sort}}
		return r
	}
	sorted := dsl.NewSearch("i").Size(1).Sort("n")
	for name, c := range map[string]struct {
		s    dsl.Search
		resp *dsl.Response[json.RawMessage]
	}{
		"no sort, no point in time": {dsl.NewSearch("i").Size(1), page(long)},
		"last hit without sort":     {sorted, page()},
		"sort values count changed": {sorted.SearchAfter(long, long), page(long)},
	} {
		if _, more, err := dsl.NextPage(c.s, c.resp); more || !errors.Is(err, dsl.ErrIllegalOperation) || !errors.Is(err, scan.ErrSearchAfter) {
			t.Errorf("%s: %v, %v; want ErrIllegalOperation and scan.ErrSearchAfter", name, more, err)
		}
	}
	next, more, err := dsl.NextPage(sorted.SearchAfter(long), page(long))
	if err != nil || !more {
		t.Fatal(more, err)
	}
	if got := mustJSON(t, next); !strings.Contains(got, `"search_after":[9007199254740993]`) {
		t.Errorf("next page %s", got)
	}
}
