package types_test

import (
	"encoding/json"
	"fmt"

	"github.com/esgo/esgo/types"
)

// A bool query with filters: "coffee" in the name (scored), in stock
// and at most 40 (not scored). No map is written.
func ExampleBool() {
	q := types.Bool(
		types.Must(types.MatchOn("name", "coffee")),
		types.Filter(types.TermOn("in_stock", true), types.RangeOn("price", types.Lte(40))),
	)
	show(q)
	// Output:
	// {"bool":{"filter":[{"term":{"in_stock":{"value":true}}},{"range":{"price":{"lte":40}}}],"must":[{"match":{"name":{"query":"coffee"}}}]}}
}

func ExampleMatchOn() {
	show(types.MatchOn("name", "coffee"))
	// Output:
	// {"match":{"name":{"query":"coffee"}}}
}

func ExampleMatchWith() {
	m := types.MatchValue("coffee beans")
	m.Operator = types.OperatorAnd
	m.Fuzziness = types.FuzzinessFromString("AUTO")
	show(types.MatchWith("name", m))
	// Output:
	// {"match":{"name":{"fuzziness":"AUTO","operator":"and","query":"coffee beans"}}}
}

func ExampleTermsOn() {
	show(types.TermsOn("category", "coffee", "tools"))
	// Output:
	// {"terms":{"category":["coffee","tools"]}}
}

func ExampleRangeOn() {
	show(types.RangeOn("price", types.Gte(10), types.Lt(20)))
	show(types.RangeOn("created", types.Gte("now-1d/d")))
	// Output:
	// {"range":{"price":{"gte":10,"lt":20}}}
	// {"range":{"created":{"gte":"now-1d/d"}}}
}

func ExampleNestedOn() {
	show(types.NestedOn("reviews", types.RangeOn("reviews.stars", types.Gte(4))))
	// Output:
	// {"nested":{"path":"reviews","query":{"range":{"reviews.stars":{"gte":4}}}}}
}

// Facets by category with the average stars of the nested reviews: the
// aggregations nest in Go as in the JSON, and the results are read back by
// name and kind, the nested metric included, with no cast.
func ExampleAggs() {
	show(types.SearchRequestBody{Size: new(0), Aggregations: types.Aggs(
		types.Agg("by_category", types.TermsAgg("category"),
			types.Agg("reviews", types.NestedAgg("reviews"),
				types.Agg("avg_stars", types.AvgAgg("reviews.stars")))),
	)})

	// What the server answers (with typed_keys, as esgo's typed search asks).
	var aggs types.Aggregates
	err := json.Unmarshal([]byte(`{"sterms#by_category":{"buckets":[
		{"key":"coffee","doc_count":2,"nested#reviews":{"doc_count":3,"avg#avg_stars":{"value":4.0}}},
		{"key":"tableware","doc_count":1,"nested#reviews":{"doc_count":0,"avg#avg_stars":{"value":null}}}]}}`), &aggs)
	if err != nil {
		panic(err)
	}
	categories, err := aggs.StringTerms("by_category")
	if err != nil {
		panic(err)
	}
	for _, b := range categories.Buckets.Array {
		reviews, err := b.Aggregations.Nested("reviews")
		if err != nil {
			panic(err)
		}
		stars, err := reviews.Aggregations.Avg("avg_stars")
		if err != nil {
			panic(err)
		}
		if stars.Value == nil {
			fmt.Println(b.Key, b.DocCount, "no reviews")
			continue
		}
		fmt.Println(b.Key, b.DocCount, *stars.Value)
	}
	_, err = categories.Buckets.Array[0].Aggregations.Max("reviews") // the wrong kind is an error
	fmt.Println(err)
	// Output:
	// {"aggregations":{"by_category":{"aggregations":{"reviews":{"aggregations":{"avg_stars":{"avg":{"field":"reviews.stars"}}},"nested":{"path":"reviews"}}},"terms":{"field":"category"}}},"size":0}
	// coffee 2 4
	// tableware 1 no reviews
	// types: aggregation result "reviews" is "nested", not "max"
}

func ExampleAgg() {
	show(types.Aggs(
		types.Agg("per_month", types.DateHistogramAgg("created", types.CalendarIntervalMonth),
			types.Agg("revenue", types.SumAgg("price"))),
		types.Agg("in_stock", types.FilterAgg(types.TermOn("in_stock", true))),
	))
	// Output:
	// {"in_stock":{"filter":{"term":{"in_stock":{"value":true}}}},"per_month":{"aggregations":{"revenue":{"sum":{"field":"price"}}},"date_histogram":{"calendar_interval":"month","field":"created"}}}
}

func ExampleRangeAgg() {
	show(types.RangeAgg("price", types.AggregationRange{To: new(10.0)}, types.AggregationRange{From: new(10.0), To: new(30.0)}, types.AggregationRange{From: new(30.0)}))
	// Output:
	// {"range":{"field":"price","ranges":[{"to":10},{"from":10,"to":30},{"from":30}]}}
}

// A misspelt keyword still finds its documents: fuzzy matches terms within
// an edit distance (AUTO by default).
func ExampleFuzzyOn() {
	show(types.FuzzyOn("category", "cofee"))
	// Output:
	// {"fuzzy":{"category":{"value":"cofee"}}}
}

// The words "coffee beans" next to each other and in this order, through
// an intervals rule.
func ExampleIntervalsWith() {
	show(types.IntervalsWith("name", types.IntervalsQuery{Match: &types.IntervalsMatch{Query: "coffee beans", MaxGaps: types.Ptr(0), Ordered: types.Ptr(true)}}))
	// Output:
	// {"intervals":{"name":{"match":{"max_gaps":0,"ordered":true,"query":"coffee beans"}}}}
}
