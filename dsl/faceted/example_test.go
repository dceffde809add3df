package faceted_test

import (
	"encoding/json"
	"fmt"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/faceted"
	"github.com/esgo/esgo/types"
)

// A faceted search filters hits by the selected facet values and counts
// each facet under the other facets' selections.
func ExampleSearch() {
	f := faceted.New(dsl.NewSearch("blog"), "title").
		Facet("tags", faceted.Terms("tags")).
		Query("python").Filter("tags", "web")
	body, _ := json.Marshal(f)
	fmt.Println(string(body))
	// Output:
	// {"aggs":{"_filter_tags":{"aggs":{"tags":{"terms":{"field":"tags"}}},"filter":{"match_all":{}}}},"highlight":{"fields":{"title":{}}},"post_filter":{"terms":{"tags":["web"]}},"query":{"multi_match":{"fields":["title"],"query":"python"}}}
}

// Facet parameters have typed options.
func ExampleSize() {
	f := faceted.New(dsl.NewSearch("blog")).
		Facet("tags", faceted.Terms("tags", faceted.Size(5), faceted.OrderBy("_key", types.SortOrderAsc), faceted.MinDocCount(2))).
		Facet("month", faceted.DateHistogram("published", faceted.CalendarInterval(types.CalendarIntervalMonth))).
		Facet("hours", faceted.DateHistogram("published", faceted.FixedInterval("12h")))
	body, _ := json.Marshal(f)
	fmt.Println(string(body))
	// Output:
	// {"aggs":{"_filter_hours":{"aggs":{"hours":{"date_histogram":{"field":"published","fixed_interval":"12h","min_doc_count":0}}},"filter":{"match_all":{}}},"_filter_month":{"aggs":{"month":{"date_histogram":{"calendar_interval":"month","field":"published","min_doc_count":0}}},"filter":{"match_all":{}}},"_filter_tags":{"aggs":{"tags":{"terms":{"field":"tags","min_doc_count":2,"order":{"_key":"asc"},"size":5}}},"filter":{"match_all":{}}}}}
}
