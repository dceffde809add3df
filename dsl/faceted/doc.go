// Package faceted is faceted navigation over a dsl.Search, the counterpart
// of Python's elasticsearch.dsl FacetedSearch: a text query over fields,
// facets computed as aggregations (Terms, Ranges, Histogram, DateHistogram,
// Nested), and the selected values of each facet applied as a post filter,
// each facet counted under the other facets' selections.
//
//	f := faceted.New(dsl.NewSearch("blog"), "title^5", "body").
//		Facet("tags", faceted.Terms("tags")).
//		Facet("month", faceted.DateHistogram("published", faceted.CalendarInterval(types.CalendarIntervalMonth))).
//		Query("python").Filter("tags", "web")
//	resp, err := faceted.Execute[Post](ctx, f)
//	for _, v := range resp.Facets["tags"] { fmt.Println(v.Value, v.Count, v.Selected) }
//
// A Search is immutable: every method returns a copy. Its search request
// (Search, MarshalJSON) is the JSON Python builds for the same faceted
// search; testdata/diff holds the differential tests that check it.
//
// The other DSL packages: dsl (queries, aggregations, searches and their
// responses), dsl/mapping (mappings), dsl/analysis (analyzers and their
// parts), dsl/index (index definitions and management), dsl/document
// (documents of a Go type) and dsl/connections (named connections).
package faceted
