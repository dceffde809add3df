package dsl_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/esgo/esgo/types"
	"math"
	"slices"
	"sort"
	"testing"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/internal/dsltest"
	"github.com/esgo/esgo/scan"
	"github.com/esgo/esgo/transport"
)

type (
	blogComment = dsltest.BlogComment
	blogPost    = dsltest.BlogPost
)

var (
	day       = dsltest.Day
	blogPosts = dsltest.BlogPosts
	setupBlog = dsltest.SetupBlog
)

func TestIntegrationSearch(t *testing.T) {
	conn := esConn(t)
	ctx := context.Background()
	docs := setupBlog(t, conn, "dsl-it-search")

	s := docs.Search().Query(dsl.Match("title", "go")).Filter(dsl.Term("tags", "web")).
		Highlight([]string{"title"}).Sort("-lines")
	resp, err := dsl.Execute[blogPost](ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if resp.TimedOut || resp.Shards.Failed != 0 {
		t.Errorf("shards = %+v", resp.Shards)
	}
	if resp.Hits.Total.Value() != 1 || !resp.Hits.Total.Exact() {
		t.Fatalf("total = %+v, want exactly 1", resp.Hits.Total)
	}
	h := resp.Hits.Hits[0]
	if h.ID != "3" || h.Index != "dsl-it-search" || h.Source.Title != "Go web servers" || h.Source.Lines != 80 {
		t.Errorf("hit = %+v", h)
	}
	if len(h.Sort) != 1 || h.Sort[0].String() != "80" {
		t.Errorf("sort values = %v, want [80]", h.Sort)
	}
	if hl := h.Highlight["title"]; len(hl) != 1 || hl[0] != "<em>Go</em> web servers" {
		t.Errorf("highlight = %v", h.Highlight)
	}
	if !h.Source.Published.Equal(day("2024-02-05")) {
		t.Errorf("published = %v", h.Source.Published)
	}

	// Or / Not combinations and exclude.
	s2 := docs.Search().Query(dsl.Or(dsl.Term("tags", "rust"), dsl.Term("tags", "python"))).Exclude(dsl.Term("author", "bob"))
	resp2, err := dsl.Execute[blogPost](ctx, s2.Sort("lines"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range resp2.Hits.Hits {
		ids = append(ids, h.ID)
	}
	if !slices.Equal(ids, []string{"1", "4"}) {
		t.Errorf("ids = %v, want [1 4]", ids)
	}

	// Count asks the server each time, also after Execute on the same value.
	n, err := s2.Count(ctx)
	if err != nil || n != 2 {
		t.Fatalf("Count = %d, %v; want 2", n, err)
	}
	executed := s2.Size(1)
	if _, err := dsl.Execute[blogPost](ctx, executed); err != nil {
		t.Fatal(err)
	}
	before := len(conn.Requests)
	n, err = executed.Count(ctx)
	if err != nil || n != 2 {
		t.Fatalf("Count after Execute = %d, %v; want 2", n, err)
	}
	if got := conn.Requests[before:]; len(got) != 1 || got[0] != "POST /dsl-it-search/_count" {
		t.Errorf("Count after Execute sent %v, want one count request", got)
	}

	// Pagination with Slice and source filtering.
	page, err := dsl.Execute[map[string]any](ctx, docs.Search().Sort("lines").Slice(1, 3).SourceIncludes("title"))
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Hits.Hits) != 2 || page.Hits.Hits[0].ID != "3" || page.Hits.Hits[1].ID != "1" {
		t.Errorf("page = %+v", page.Hits.Hits)
	}
	if _, ok := page.Hits.Hits[0].Source["body"]; ok || page.Hits.Hits[0].Source["title"] == nil {
		t.Errorf("source filtering: %v", page.Hits.Hits[0].Source)
	}

	// Nested query with inner hits.
	nested, err := dsl.Execute[blogPost](ctx, docs.Search().Query(dsl.Nested("comments",
		dsl.And(dsl.Term("comments.author", "kim"), dsl.Range("comments.stars", dsl.Gte(5))), dsl.InnerHits(types.InnerHits{}))))
	if err != nil {
		t.Fatal(err)
	}
	if len(nested.Hits.Hits) != 1 || nested.Hits.Hits[0].ID != "1" {
		t.Fatalf("nested hits = %+v", nested.Hits.Hits)
	}
	inner, err := dsl.InnerHitsAs[blogComment](nested.Hits.Hits[0], "comments")
	if err != nil || len(inner) != 1 || inner[0].Source.Text != "great" {
		t.Errorf("inner hits = %+v, %v", inner, err)
	}

	// FromJSON round trip runs the same search.
	body, err := s.ToJSON()
	if err != nil {
		t.Fatal(err)
	}
	s3, err := dsl.SearchFromJSON(body, "dsl-it-search")
	if err != nil {
		t.Fatal(err)
	}
	resp3, err := dsl.Execute[blogPost](ctx, s3.Using(conn))
	if err != nil || len(resp3.Hits.Hits) != 1 || resp3.Hits.Hits[0].ID != "3" {
		t.Errorf("round-tripped search: %v, %+v", err, resp3)
	}

	// Errors from the server carry the status and reason.
	_, err = dsl.Execute[blogPost](ctx, dsl.NewSearch("dsl-it-missing-index").Using(conn))
	if !errors.Is(err, dsl.ErrNotFound) {
		t.Errorf("search on a missing index: %v, want ErrNotFound", err)
	}
	var se *transport.Error
	if !errors.As(err, &se) || se.Type != "index_not_found_exception" {
		t.Errorf("error = %#v", err)
	}

	// Illegal builder calls surface at execution.
	if _, err := dsl.Execute[blogPost](ctx, s.Sort("-_score")); !errors.Is(err, dsl.ErrIllegalOperation) {
		t.Errorf("sort by -_score: %v", err)
	}
}

func TestIntegrationScanAndIterate(t *testing.T) {
	conn := esConn(t)
	ctx := context.Background()
	docs := setupBlog(t, conn, "dsl-it-scan")
	s := docs.Search().Filter(dsl.Terms("tags", []string{"go", "python"}))
	collect := func(name string, it func() ([]string, error)) {
		ids, err := it()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sort.Strings(ids)
		if !slices.Equal(ids, []string{"1", "2", "3", "5"}) {
			t.Errorf("%s ids = %v", name, ids)
		}
	}
	collect("Scan", func() ([]string, error) {
		var ids []string
		for h, err := range dsl.Scan[blogPost](ctx, s, scan.WithSize(2)) {
			if err != nil {
				return nil, err
			}
			if h.Source.Title == "" {
				return nil, fmt.Errorf("hit %s has no source", h.ID)
			}
			ids = append(ids, h.ID)
		}
		return ids, nil
	})
	collect("Iterate", func() ([]string, error) {
		var ids []string
		for h, err := range dsl.Iterate[blogPost](ctx, s.Sort("lines"), scan.WithSize(3)) {
			if err != nil {
				return nil, err
			}
			ids = append(ids, h.ID)
		}
		return ids, nil
	})
	// Stopping early is fine.
	for _, err := range dsl.Iterate[blogPost](ctx, s, scan.WithSize(1)) {
		if err != nil {
			t.Fatal(err)
		}
		break
	}
}

func TestIntegrationAggregations(t *testing.T) {
	conn := esConn(t)
	ctx := context.Background()
	docs := setupBlog(t, conn, "dsl-it-aggs")
	s := docs.Search().Size(0).Aggs(func(a *dsl.Aggs) {
		a.Agg("per_tag", dsl.TermsAgg("tags", dsl.Order(map[string]types.SortOrder{"_key": types.SortOrderAsc})).
			Metric("max_lines", dsl.MaxAgg("lines")).
			Metric("avg_stars", dsl.AvgAgg("stars")))
		a.Agg("per_month", dsl.DateHistogramAgg("published", dsl.CalendarInterval("month"), dsl.Format("yyyy-MM")).
			Metric("lines", dsl.SumAgg("lines")).
			Pipeline("cum", dsl.CumulativeSumAgg("lines")))
		a.Agg("comments", dsl.NestedAgg("comments").
			Agg("by_author", dsl.TermsAgg("comments.author").
				Agg("back", dsl.ReverseNestedAgg().
					Metric("posts", dsl.ValueCountAgg("lines")))))
		a.Metric("line_stats", dsl.StatsAgg("lines")).
			Metric("pct", dsl.PercentilesAgg("lines", dsl.Percents(50))).
			Pipeline("best_tag", dsl.MaxBucketAgg("per_tag>max_lines"))
		a.Agg("sizes", dsl.RangeAgg("lines", []types.AggregationRange{{Key: "short", To: types.Ptr(100.0)}, {Key: "long", From: types.Ptr(100.0)}}, dsl.Keyed(true)))
		a.Agg("kinds", dsl.FiltersAgg(map[string]dsl.Query{"go": dsl.Term("tags", "go"), "py": dsl.Term("tags", "python")}))
		a.Agg("none", dsl.FilterAgg(dsl.Term("tags", "cobol")).Metric("avg", dsl.AvgAgg("lines")))
	})
	resp, err := dsl.Execute[blogPost](ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	tags, err := dsl.Buckets[string](resp.Aggregations, "per_tag")
	if err != nil {
		t.Fatal(err)
	}
	type tagRow struct {
		key   string
		count int64
		max   float64
	}
	var rows []tagRow
	for _, b := range tags {
		mx, err := dsl.Value(b.Aggregations, "max_lines")
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, tagRow{b.Key, b.DocCount, mx})
	}
	want := []tagRow{{"go", 2, 300}, {"python", 2, 120}, {"rust", 1, 200}, {"web", 2, 120}}
	if !slices.Equal(rows, want) {
		t.Errorf("per_tag = %v, want %v", rows, want)
	}
	avg, _ := dsl.Value(tags[0].Aggregations, "avg_stars")
	if avg != 4.25 {
		t.Errorf("avg stars of go = %v", avg)
	}

	months, err := dsl.Buckets[int64](resp.Aggregations, "per_month")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range months {
		cum, _ := dsl.Value(b.Aggregations, "cum")
		got = append(got, fmt.Sprintf("%s:%d:%v", b.KeyAsString, b.DocCount, cum))
	}
	if !slices.Equal(got, []string{"2024-01:2:420", "2024-02:1:500", "2024-03:2:750"}) {
		t.Errorf("per_month = %v", got)
	}
	if months[0].Key != day("2024-01-01").UnixMilli() {
		t.Errorf("month key = %d", months[0].Key)
	}

	nested, err := dsl.SingleBucketOf(resp.Aggregations, "comments")
	if err != nil || nested.DocCount != 4 {
		t.Fatalf("comments = %+v, %v", nested, err)
	}
	authors, err := dsl.Buckets[string](nested.Aggregations, "by_author")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range authors {
		back, err := dsl.SingleBucketOf(b.Aggregations, "back")
		if err != nil {
			t.Fatal(err)
		}
		posts, _ := dsl.Value(back.Aggregations, "posts")
		wantPosts := map[string]float64{"kim": 2, "lee": 2}[b.Key]
		if posts != wantPosts {
			t.Errorf("author %s: %v posts, want %v", b.Key, posts, wantPosts)
		}
	}

	st, err := dsl.AggAs[dsl.Stats](resp.Aggregations, "line_stats")
	if err != nil || st.Count != 5 || *st.Min != 50 || *st.Max != 300 || st.Sum != 750 {
		t.Errorf("stats = %+v, %v", st, err)
	}
	pct, err := dsl.AggAs[dsl.Percentiles](resp.Aggregations, "pct")
	if err != nil || pct.Values["50.0"] == nil {
		t.Errorf("percentiles = %+v, %v", pct, err)
	}
	best, err := dsl.AggAs[struct {
		Value float64  `json:"value"`
		Keys  []string `json:"keys"`
	}](resp.Aggregations, "best_tag")
	if err != nil || best.Value != 300 || !slices.Equal(best.Keys, []string{"go"}) {
		t.Errorf("best tag = %+v, %v", best, err)
	}
	sizes, err := dsl.Buckets[string](resp.Aggregations, "sizes")
	if err != nil || len(sizes) != 2 || sizes[0].Key != "short" || sizes[0].DocCount != 2 || sizes[1].DocCount != 3 {
		t.Errorf("sizes = %+v, %v", sizes, err)
	}
	kinds, err := dsl.Buckets[string](resp.Aggregations, "kinds")
	if err != nil || len(kinds) != 2 || kinds[0].Key != "go" || kinds[0].DocCount != 2 || kinds[1].Key != "py" {
		t.Errorf("kinds = %+v, %v", kinds, err)
	}
	none, err := dsl.SingleBucketOf(resp.Aggregations, "none")
	if err != nil || none.DocCount != 0 {
		t.Fatalf("none = %+v, %v", none, err)
	}
	if v, err := dsl.Value(none.Aggregations, "avg"); err != nil || !math.IsNaN(v) {
		t.Errorf("avg of nothing = %v, %v; want NaN", v, err)
	}
	if _, err := dsl.Value(resp.Aggregations, "nope"); !errors.Is(err, dsl.ErrNoAggregation) {
		t.Errorf("missing aggregation: %v", err)
	}
}

func TestIntegrationMultiSearch(t *testing.T) {
	conn := esConn(t)
	ctx := context.Background()
	docs := setupBlog(t, conn, "dsl-it-msearch")
	ms := dsl.NewMultiSearch().Using(conn).
		Add(docs.Search().Query(dsl.Term("tags", "go"))).
		Add(dsl.NewSearch("dsl-it-no-such-index").Query(dsl.MatchAll())).
		Add(docs.Search().Query(dsl.Term("author", "cid")))
	out, err := dsl.ExecuteMulti[blogPost](ctx, ms)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 3 {
		t.Fatalf("%d responses", len(out))
	}
	if out[0].Err != nil || out[0].Response.Hits.Total.Value() != 2 {
		t.Errorf("first: %+v", out[0])
	}
	if !errors.Is(out[1].Err, dsl.ErrNotFound) {
		t.Errorf("second: %v, want not found", out[1].Err)
	}
	if out[2].Err != nil || len(out[2].Response.Hits.Hits) != 1 || out[2].Response.Hits.Hits[0].Source.Title != "Rust ownership" {
		t.Errorf("third: %+v", out[2])
	}
}
