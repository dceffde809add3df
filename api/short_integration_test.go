package api_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/types"
)

// A search built only from the short constructors of types (match, term,
// terms, range, sort, highlight, track_total_hits, _source, search_after)
// is accepted by the server and finds what the JSON it reads like finds.
func TestShortConstructorsSearch(t *testing.T) {
	const index = "api-short-constructors-it"
	client := freshIndex(t, index)
	ctx := context.Background()
	if _, err := client.Indices.Create(ctx, api.IndicesCreateRequest{Index: index, RawBody: `{"mappings":{"properties":{
		"title":{"type":"text"},"category":{"type":"keyword"},"price":{"type":"double"},"added":{"type":"date"},"stock":{"type":"long"}}}}`}); err != nil {
		t.Fatal(err)
	}
	docs := []string{
		`{"title":"quick brown fox","category":"books","price":12.5,"added":"2026-01-05","stock":9007199254740993}`,
		`{"title":"quick red fox","category":"music","price":18,"added":"2026-02-01","stock":1}`,
		`{"title":"quick fox cub","category":"books","price":25,"added":"2026-03-01","stock":2}`,
		`{"title":"lazy dog","category":"books","price":15,"added":"2026-01-10","stock":3}`,
		`{"title":"quick fox","category":"toys","price":14,"added":"2026-01-11","stock":4}`,
	}
	var bulk strings.Builder
	for i, d := range docs {
		bulk.WriteString(`{"index":{"_id":"` + string(rune('1'+i)) + `"}}` + "\n" + d + "\n")
	}
	if _, err := client.Bulk(ctx, api.BulkRequest{Index: index, Refresh: api.RefreshTrue, RawBody: bulk.String()}); err != nil {
		t.Fatal(err)
	}
	body := func(after []types.FieldValue) *api.SearchBody {
		return &api.SearchBody{
			Size: new(1),
			Query: new(types.Bool(
				types.Must(types.MatchOn("title", "quick fox")),
				types.Filter(
					types.TermsOn("category", "books", "music"),
					types.RangeOn("price", types.Gte(10), types.Lt(20)),
					types.RangeOn("added", types.Gte("2026-01-01"), types.Lte("2026-02-01")),
				),
				types.MustNot(types.TermOn("stock", 3)),
			)),
			Sort:           types.Sort{types.SortByField("price", types.SortOrderDesc), types.SortByDoc(types.SortOrderAsc)},
			Highlight:      &types.Highlight{Fields: types.HighlightFieldsOf("title")},
			TrackTotalHits: types.TrackTotalHits(true),
			Source:         types.SourceIncludes("title", "stock"),
			SearchAfter:    after,
		}
	}
	type doc struct {
		Title    string `json:"title"`
		Category string `json:"category"`
		Stock    int64  `json:"stock"`
	}
	var ids []string
	var after []types.FieldValue
	for range 3 {
		res, err := api.SearchAs[doc](ctx, api.New(client), api.SearchRequest{Index: []string{index}, Body: body(after)})
		if err != nil {
			t.Fatal(err)
		}
		if total, err := res.Hits.Total.AsTotalHits(); err != nil || total.Value != 2 || total.Relation != types.TotalHitsRelationEq {
			t.Fatalf("total = %+v, %v", total, err)
		}
		if len(res.Hits.Hits) == 0 {
			break
		}
		h := res.Hits.Hits[0]
		ids = append(ids, h.ID)
		if h.Source.Category != "" || h.Source.Title == "" {
			t.Errorf("hit %s: _source not filtered to title and stock: %+v", h.ID, h.Source)
		}
		if len(h.Highlight["title"]) != 1 || !strings.Contains(h.Highlight["title"][0], "<em>quick</em>") {
			t.Errorf("hit %s: highlight = %v", h.ID, h.Highlight)
		}
		after = h.Sort
	}
	if strings.Join(ids, ",") != "2,1" {
		t.Errorf("ids = %v, want 2,1 (price descending, 3 and 5 filtered out, 4 excluded)", ids)
	}
	// The exact long survives as a term value.
	res, err := api.SearchAs[doc](ctx, api.New(client), api.SearchRequest{Index: []string{index}, Body: &api.SearchBody{
		Query: new(types.TermOn("stock", int64(9007199254740993))),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits.Hits) != 1 || res.Hits.Hits[0].Source.Stock != 9007199254740993 {
		t.Errorf("term on a long above 2^53: %d hits", len(res.Hits.Hits))
	}
}

// shopDocs are the documents of TestShortQueriesAndAggregationsOnServer
// (ids 1 to 5); the mug has no created date and no reviews.
var shopDocs = []string{
	`{"name":"Espresso coffee beans","category":"coffee","price":14,"in_stock":true,"created":"2026-01-05","reviews":[{"stars":5},{"stars":4}]}`,
	`{"name":"Decaf coffee beans","category":"coffee","price":12,"in_stock":true,"created":"2026-02-01","reviews":[{"stars":3}]}`,
	`{"name":"Coffee grinder","category":"tools","price":39,"in_stock":true,"created":"2026-02-15","reviews":[{"stars":4}]}`,
	`{"name":"Coffee scale","category":"tools","price":35,"in_stock":false,"created":"2026-03-01"}`,
	`{"name":"Coffee mug","category":"tableware","price":8,"in_stock":true}`,
}

// Every query and aggregation constructor of types is accepted by the
// server and finds (or counts) what the JSON it reads like finds, and the
// results, the nested metric included, are read back by kind.
func TestShortQueriesAndAggregationsOnServer(t *testing.T) {
	const index = "api-short-queries-aggs-it"
	client := freshIndex(t, index)
	ctx := context.Background()
	if _, err := client.Indices.Create(ctx, api.IndicesCreateRequest{Index: index, RawBody: `{"mappings":{"properties":{
		"name":{"type":"text"},"category":{"type":"keyword"},"price":{"type":"double"},"in_stock":{"type":"boolean"},
		"created":{"type":"date"},"reviews":{"type":"nested","properties":{"stars":{"type":"integer"}}}}}}`}); err != nil {
		t.Fatal(err)
	}
	var bulk strings.Builder
	for i, d := range shopDocs {
		fmt.Fprintf(&bulk, "{\"index\":{\"_id\":\"%d\"}}\n%s\n", i+1, d)
	}
	if _, err := client.Bulk(ctx, api.BulkRequest{Index: index, Refresh: api.RefreshTrue, RawBody: bulk.String()}); err != nil {
		t.Fatal(err)
	}

	both := types.MatchValue("coffee beans")
	both.Operator = types.OperatorAnd
	for _, c := range []struct {
		name string
		q    types.QueryContainer
		want string // the ids found, sorted
	}{
		{"MatchOn", types.MatchOn("name", "beans"), "1,2"},
		{"MatchWith operator and", types.MatchWith("name", both), "1,2"},
		{"MatchPhraseOn", types.MatchPhraseOn("name", "coffee beans"), "1,2"},
		{"MatchPhraseWith slop", types.MatchPhraseWith("name", types.MatchPhraseQuery{Query: "espresso beans", Slop: new(1)}), "1"},
		{"MatchPhrasePrefixOn", types.MatchPhrasePrefixOn("name", "coffee gr"), "3"},
		{"MatchPhrasePrefixWith", types.MatchPhrasePrefixWith("name", types.MatchPhrasePrefixQuery{Query: "coffee s", MaxExpansions: new(5)}), "4"},
		{"TermOn bool", types.TermOn("in_stock", false), "4"},
		{"TermWith case_insensitive", types.TermWith("category", types.TermQuery{Value: types.Value("TOOLS"), CaseInsensitive: new(true)}), "3,4"},
		{"TermsOn", types.TermsOn("category", "tools", "tableware"), "3,4,5"},
		{"RangeOn", types.RangeOn("price", types.Gte(12), types.Lt(35)), "1,2"},
		{"RangeOn date", types.RangeOn("created", types.Gt("2026-02-01")), "3,4"},
		{"RangeWith format", types.RangeWith("created", types.RangeQueryFromDate(types.DateRangeQuery{Gte: new("02/2026"), Lt: new("03/2026"), Format: "MM/yyyy"})), "2,3"},
		{"PrefixOn", types.PrefixOn("category", "ta"), "5"},
		{"PrefixWith case_insensitive", types.PrefixWith("category", types.PrefixQuery{Value: "TA", CaseInsensitive: new(true)}), "5"},
		{"WildcardOn", types.WildcardOn("category", "t*s"), "3,4"},
		{"WildcardWith", types.WildcardWith("category", types.WildcardQuery{Value: "C?FFEE", CaseInsensitive: new(true)}), "1,2"},
		{"RegexpOn", types.RegexpOn("category", "co.*e"), "1,2"},
		{"RegexpWith", types.RegexpWith("category", types.RegexpQuery{Value: "t[a-z]+e", Flags: "NONE"}), "5"},
		{"ExistsOn", types.ExistsOn("created"), "1,2,3,4"},
		{"NestedOn", types.NestedOn("reviews", types.RangeOn("reviews.stars", types.Gte(4))), "1,3"},
		{"MatchAll", types.MatchAll(), "1,2,3,4,5"},
		{"FuzzyOn", types.FuzzyOn("category", "cofee"), "1,2"},
		{"FuzzyWith", types.FuzzyWith("category", types.FuzzyQuery{Value: types.FuzzyQueryValueFromString("tols"), Fuzziness: types.FuzzinessFromInt(1)}), "3,4"},
		{"MatchBoolPrefixOn", types.MatchBoolPrefixOn("name", "grind"), "3"},
		{"MatchBoolPrefixWith operator and", types.MatchBoolPrefixWith("name", types.MatchBoolPrefixQuery{Query: "beans espr", Operator: types.OperatorAnd}), "1"},
		{"SpanTermOn", types.SpanTermOn("name", "scale"), "4"},
		{"TermsSetWith", types.TermsSetWith("category", types.TermsSetQuery{Terms: types.Values("coffee", "tools"), MinimumShouldMatch: types.MinimumShouldMatchFromInt(1)}), "1,2,3,4"},
		{"IntervalsWith", types.IntervalsWith("name", types.IntervalsQuery{Match: &types.IntervalsMatch{Query: "coffee beans", MaxGaps: new(0), Ordered: new(true)}}), "1,2"},
		{"Bool", types.Bool(
			types.Must(types.MatchOn("name", "coffee")),
			types.Filter(types.TermOn("in_stock", true)),
			types.MustNot(types.TermOn("category", "tableware")),
		), "1,2,3"},
		{"Bool should", types.Bool(types.Should(types.TermOn("category", "tools"), types.TermOn("category", "tableware"))), "3,4,5"},
	} {
		res, err := client.Search(ctx, api.SearchRequest{Index: []string{index}, Body: &api.SearchBody{Query: &c.q, Size: new(10)}})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var ids []string
		for _, h := range res.Hits.Hits {
			ids = append(ids, h.ID)
		}
		slices.Sort(ids)
		if got := strings.Join(ids, ","); got != c.want {
			t.Errorf("%s found %s, want %s", c.name, got, c.want)
		}
	}

	res, err := client.Search(ctx, api.SearchRequest{Index: []string{index}, Body: &api.SearchBody{Size: new(0), Aggregations: types.Aggs(
		types.Agg("by_category", types.TermsAgg("category"),
			types.Agg("reviews", types.NestedAgg("reviews"),
				types.Agg("avg_stars", types.AvgAgg("reviews.stars")))),
		types.Agg("sum_price", types.SumAgg("price")),
		types.Agg("min_price", types.MinAgg("price")),
		types.Agg("max_price", types.MaxAgg("price")),
		types.Agg("price_stats", types.StatsAgg("price")),
		types.Agg("categories", types.ValueCountAgg("category")),
		types.Agg("distinct", types.CardinalityAgg("category")),
		types.Agg("in_stock", types.FilterAgg(types.TermOn("in_stock", true)), types.Agg("avg_price", types.AvgAgg("price"))),
		types.Agg("per_month", types.DateHistogramAgg("created", types.CalendarIntervalMonth)),
		types.Agg("per_10", types.HistogramAgg("price", 10)),
		types.Agg("price_ranges", types.RangeAgg("price",
			types.AggregationRange{To: new(10.0)}, types.AggregationRange{From: new(10.0), To: new(30.0)}, types.AggregationRange{From: new(30.0)})),
	)}})
	if err != nil {
		t.Fatal(err)
	}
	a := res.Aggregations
	categories, err := a.StringTerms("by_category")
	if err != nil {
		t.Fatal(err)
	}
	var facets []string
	for _, b := range categories.Buckets.Array {
		reviews, err := b.Aggregations.Nested("reviews")
		if err != nil {
			t.Fatal(err)
		}
		stars, err := reviews.Aggregations.Avg("avg_stars")
		if err != nil {
			t.Fatal(err)
		}
		f := fmt.Sprintf("%s:%d:%d:", b.Key, b.DocCount, reviews.DocCount)
		if stars.Value != nil {
			f += fmt.Sprint(*stars.Value)
		}
		facets = append(facets, f)
	}
	if got := strings.Join(facets, " "); got != "coffee:2:3:4 tools:2:1:4 tableware:1:0:" {
		t.Errorf("facets (category:count:reviews:avg stars) = %s", got)
	}
	check := func(name string, got, want float64, err error) {
		t.Helper()
		if err != nil || got != want {
			t.Errorf("%s = %v, %v; want %v", name, got, err, want)
		}
	}
	value := func(v *float64) float64 {
		if v == nil {
			return -1
		}
		return *v
	}
	sum, err := a.Sum("sum_price")
	check("sum", value(sum.Value), 108, err)
	lo, err := a.Min("min_price")
	check("min", value(lo.Value), 8, err)
	hi, err := a.Max("max_price")
	check("max", value(hi.Value), 39, err)
	stats, err := a.Stats("price_stats")
	check("stats count", float64(stats.Count), 5, err)
	count, err := a.ValueCount("categories")
	check("value_count", value(count.Value), 5, err)
	distinct, err := a.Cardinality("distinct")
	check("cardinality", float64(distinct.Value), 3, err)
	inStock, err := a.Filter("in_stock")
	check("filter doc_count", float64(inStock.DocCount), 4, err)
	avgPrice, err := inStock.Aggregations.Avg("avg_price")
	check("filter > avg", value(avgPrice.Value), 18.25, err)
	months, err := a.DateHistogram("per_month")
	if err != nil {
		t.Fatal(err)
	}
	var perMonth []string
	for _, b := range months.Buckets.Array {
		perMonth = append(perMonth, fmt.Sprintf("%s:%d", b.KeyAsString[:7], b.DocCount))
	}
	if got := strings.Join(perMonth, " "); got != "2026-01:1 2026-02:2 2026-03:1" {
		t.Errorf("date_histogram = %s", got)
	}
	hist, err := a.Histogram("per_10")
	if err != nil {
		t.Fatal(err)
	}
	var per10 []string
	for _, b := range hist.Buckets.Array {
		per10 = append(per10, fmt.Sprintf("%v:%d", b.Key, b.DocCount))
	}
	if got := strings.Join(per10, " "); got != "0:1 10:2 20:0 30:2" {
		t.Errorf("histogram = %s", got)
	}
	ranges, err := a.Range("price_ranges")
	if err != nil {
		t.Fatal(err)
	}
	var perRange []string
	for _, b := range ranges.Buckets.Array {
		perRange = append(perRange, fmt.Sprintf("%s:%d", b.Key, b.DocCount))
	}
	if got := strings.Join(perRange, " "); got != "*-10.0:1 10.0-30.0:2 30.0-*:2" {
		t.Errorf("range = %s", got)
	}
}
