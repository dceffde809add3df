package faceted_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/faceted"
	"github.com/esgo/esgo/dsl/internal/dsltest"
	"github.com/esgo/esgo/types"
)

func facetStrings(vals []faceted.Value) []string {
	var out []string
	for _, v := range vals {
		key := fmt.Sprint(v.Value)
		if t, ok := v.Value.(time.Time); ok {
			key = t.Format("2006-01")
		}
		sel := ""
		if v.Selected {
			sel = "*"
		}
		out = append(out, fmt.Sprintf("%s:%v%s", key, v.Count, sel))
	}
	return out
}

func TestIntegrationFacetedSearch(t *testing.T) {
	conn := dsltest.ES(t)
	ctx := context.Background()
	docs := dsltest.SetupBlog(t, conn, "dsl-it-faceted")
	blog := faceted.New(docs.Search(), "title^2", "body").
		Facet("tags", faceted.Terms("tags", faceted.OrderBy("_key", types.SortOrderAsc))).
		Facet("stars", faceted.Ranges("stars", []faceted.Range{{Key: "low", To: types.Ptr(4.0)}, {Key: "high", From: types.Ptr(4.0)}})).
		Facet("lines", faceted.Histogram("lines", 100)).
		Facet("month", faceted.DateHistogram("published", faceted.CalendarInterval(types.CalendarIntervalMonth))).
		Facet("commenters", faceted.Nested("comments", faceted.Terms("comments.author")))

	resp, err := faceted.Execute[dsltest.BlogPost](ctx, blog)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Hits.Total.Value() != 5 {
		t.Errorf("total = %d", resp.Hits.Total.Value())
	}
	check := func(resp *faceted.Response[dsltest.BlogPost], name string, want ...string) {
		t.Helper()
		if got := facetStrings(resp.Facets[name]); !slices.Equal(got, want) {
			t.Errorf("facet %s = %v, want %v", name, got, want)
		}
	}
	check(resp, "tags", "go:2", "python:2", "rust:1", "web:2")
	check(resp, "stars", "low:2", "high:3")
	check(resp, "lines", "0:2", "100:1", "200:1", "300:1")
	check(resp, "month", "2024-01:2", "2024-02:1", "2024-03:2")
	check(resp, "commenters", "kim:2", "lee:2")

	// Text query plus filters: hits are filtered; each facet counts with
	// the other facets' filters only, and marks its selected values.
	f := blog.Query("go python").Filter("tags", "go", "rust").Filter("stars", "high")
	resp, err = faceted.Execute[dsltest.BlogPost](ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range resp.Hits.Hits {
		ids = append(ids, h.ID)
		if len(h.Highlight) == 0 {
			t.Errorf("hit %s has no highlight", h.ID)
		}
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"2"}) {
		t.Errorf("filtered ids = %v, want [2]", ids)
	}
	// tags facet: only the stars filter applies (high: 1, 2, 5) and the text
	// query matches 1, 2, 3, 5 -> 1, 2, 5.
	check(resp, "tags", "go:1*", "python:2", "web:1")
	// stars facet: only the tags filter applies (go or rust among 1, 2, 3, 5 -> 2, 3).
	check(resp, "stars", "low:1", "high:1*")
	check(resp, "month", "2024-01:1")

	// Date and histogram filters.
	resp, err = faceted.Execute[dsltest.BlogPost](ctx, blog.FilterDates("month", dsltest.Day("2024-03-01")).FilterNumbers("lines", 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Hits.Hits) != 1 || resp.Hits.Hits[0].ID != "5" {
		t.Errorf("month+lines filter hits = %+v", resp.Hits.Hits)
	}
	check(resp, "month", "2024-02:1", "2024-03:1*") // lines 0-99: posts 3 (Feb) and 5 (Mar)

	// Nested facet filter and pagination.
	resp, err = faceted.Execute[dsltest.BlogPost](ctx, blog.Filter("commenters", "lee").Sort("lines").Page(2, 1))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Hits.Total.Value() != 2 || len(resp.Hits.Hits) != 1 || resp.Hits.Hits[0].ID != "4" {
		t.Errorf("nested filter page 2 = %+v (total %d)", resp.Hits.Hits, resp.Hits.Total.Value())
	}
	check(resp, "commenters", "kim:2", "lee:2*")

	// Metric facet: max lines per author, ordered by it.
	byAuthor := faceted.New(docs.Search()).Facet("author", faceted.Terms("author", faceted.Metric(dsl.MaxAgg("lines"), "desc")))
	resp, err = faceted.Execute[dsltest.BlogPost](ctx, byAuthor)
	if err != nil {
		t.Fatal(err)
	}
	check(resp, "author", "bob:300", "cid:200", "ann:120")

	if _, err := faceted.Execute[dsltest.BlogPost](ctx, blog.FilterNumbers("nope", 1)); !errors.Is(err, dsl.ErrIllegalOperation) {
		t.Errorf("unknown facet: %v", err)
	}
}
