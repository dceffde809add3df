package faceted_test

import (
	"encoding/json"
	"fmt"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/faceted"
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
