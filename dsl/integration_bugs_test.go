package dsl_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/document"
	"github.com/esgo/esgo/scan"
	"github.com/esgo/esgo/types"
)

// TestIntegrationAggregationKindChecked reads aggregation results of one
// kind as another, through Execute and ExecuteMulti: every read is an
// error naming both kinds, never a zero value or NaN.
func TestIntegrationAggregationKindChecked(t *testing.T) {
	conn := esConn(t)
	ctx := context.Background()
	docs := setupBlog(t, conn, "dsl-it-aggkinds")
	s := docs.Search().Size(0).
		Agg("by_tag", dsl.TermsAgg("tags").Metric("avg_stars", dsl.AvgAgg("stars"))).
		Agg("per_month", dsl.DateHistogramAgg("published", dsl.CalendarInterval("month"))).
		Agg("stars", dsl.AvgAgg("stars"))
	resp, err := dsl.Execute[blogPost](ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	multi, err := dsl.ExecuteMulti[blogPost](ctx, dsl.NewMultiSearch().Using(conn).Add(s))
	if err != nil || len(multi) != 1 || multi[0].Err != nil {
		t.Fatalf("multi search: %v %+v", err, multi)
	}
	for name, aggs := range map[string]dsl.AggResults{"Execute": resp.Aggregations, "ExecuteMulti": multi[0].Response.Aggregations} {
		wrongKind := func(what string, err error, found string) {
			t.Helper()
			var ae *types.AggregateError
			if !errors.As(err, &ae) || ae.Found != found || !errors.Is(err, dsl.ErrNoAggregation) {
				t.Errorf("%s: %s: err = %v, want a *types.AggregateError finding %q", name, what, err, found)
			}
		}
		avg, err := aggs.Avg("by_tag")
		wrongKind("Avg on terms", err, "sterms")
		if avg != nil {
			t.Errorf("%s: Avg on terms = %+v", name, avg)
		}
		_, err = aggs.StringTerms("per_month")
		wrongKind("StringTerms on date_histogram", err, "date_histogram")
		v, err := dsl.Value(aggs, "by_tag")
		wrongKind("Value on terms", err, "sterms")
		if v != 0 || math.IsNaN(v) {
			t.Errorf("%s: Value on terms = %v", name, v)
		}
		_, err = dsl.Buckets[string](aggs, "stars")
		wrongKind("Buckets on avg", err, "avg")
		_, err = dsl.SingleBucketOf(aggs, "by_tag")
		wrongKind("SingleBucketOf on terms", err, "sterms")

		// The right kinds read, also below a bucket (whose keys carry the
		// kind as well).
		tags, err := dsl.Buckets[string](aggs, "by_tag")
		if err != nil || len(tags) != 4 {
			t.Fatalf("%s: by_tag = %+v, %v", name, tags, err)
		}
		if v, err := dsl.Value(tags[0].Aggregations, "avg_stars"); err != nil || math.IsNaN(v) || v <= 0 {
			t.Errorf("%s: avg_stars = %v, %v", name, v, err)
		}
		if _, err := tags[0].Aggregations.Max("avg_stars"); err == nil {
			t.Errorf("%s: an avg read as max", name)
		}
		terms, err := aggs.StringTerms("by_tag")
		if err != nil || len(terms.Buckets.Array) != 4 {
			t.Fatalf("%s: StringTerms = %+v, %v", name, terms, err)
		}
		if a, err := terms.Buckets.Array[0].Aggregations.Avg("avg_stars"); err != nil || a.Value == nil {
			t.Errorf("%s: bucket Avg = %+v, %v", name, a, err)
		}
		if v, err := dsl.Value(aggs, "stars"); err != nil || v != 3.8 {
			t.Errorf("%s: Value(stars) = %v, %v", name, v, err)
		}
		if _, err := aggs.DateHistogram("per_month"); err != nil {
			t.Errorf("%s: DateHistogram: %v", name, err)
		}
	}
}

// TestIntegrationNextPageWithoutSort: search_after needs sort values, so a
// full page of an unsorted search without a point in time is an error, not
// a next page sending "search_after": null.
func TestIntegrationNextPageWithoutSort(t *testing.T) {
	conn := esConn(t)
	ctx := context.Background()
	docs := setupBlog(t, conn, "dsl-it-nextpage-nosort")
	s := docs.Search().Size(2)
	page, err := dsl.Execute[blogPost](ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	next, more, err := dsl.NextPage(s, page)
	if !errors.Is(err, dsl.ErrIllegalOperation) || !errors.Is(err, scan.ErrSearchAfter) || more {
		body, _ := next.ToJSON()
		t.Fatalf("NextPage without a sort = %s, %v, %v; want an error", body, more, err)
	}
	// With a sort, the next page is built and accepted by the server.
	s = s.Sort("lines")
	if page, err = dsl.Execute[blogPost](ctx, s); err != nil {
		t.Fatal(err)
	}
	next, more, err = dsl.NextPage(s, page)
	if err != nil || !more {
		t.Fatalf("NextPage with a sort: %v, %v", more, err)
	}
	if page, err = dsl.Execute[blogPost](ctx, next); err != nil || len(page.Hits.Hits) != 2 || page.Hits.Hits[0].ID != "1" {
		t.Fatalf("second page = %+v, %v", page, err)
	}
}

// TestIntegrationCountAsksTheServer: Count after Execute on the same
// Search value sees a document indexed since.
func TestIntegrationCountAsksTheServer(t *testing.T) {
	conn := esConn(t)
	ctx := context.Background()
	docs := setupBlog(t, conn, "dsl-it-count-fresh")
	s := docs.Search().Filter(dsl.Term("author", "ann"))
	resp, err := dsl.Execute[blogPost](ctx, s)
	if err != nil || resp.Hits.Total.Value() != 2 {
		t.Fatalf("Execute: %+v, %v", resp, err)
	}
	if _, err := docs.Save(ctx, &document.Doc[blogPost]{Meta: document.Meta{ID: "6"}, Source: blogPost{Title: "More", Author: "ann"}}, document.Refresh("true")); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Count(ctx); err != nil || n != 3 {
		t.Fatalf("Count after a new matching document = %d, %v; want 3", n, err)
	}
}
