package api_test

import (
	"context"
	"testing"
	"time"

	"github.com/esgo/esgo/api"
)

// SearchAs decodes the sources into the caller's type in the same pass,
// with the typed response around them (typed_keys aggregations included).
func TestSearchAsDecodesSources(t *testing.T) {
	const index = "api-search-as-it"
	client := freshIndex(t, index)
	ctx := context.Background()
	type book struct {
		Title string    `json:"title"`
		Year  int       `json:"year"`
		Added time.Time `json:"added"`
		Big   int64     `json:"big"`
	}
	added := time.Date(2024, 5, 1, 10, 0, 0, 123e6, time.UTC)
	if _, err := client.Index(ctx, api.IndexRequest{Index: index, ID: "1", Refresh: api.RefreshTrue,
		RawBody: `{"title":"Relevant Search","year":2016,"added":"2024-05-01T10:00:00.123Z","big":9007199254740993,"unknown":{"x":1}}`}); err != nil {
		t.Fatal(err)
	}
	res, err := api.SearchAs[book](ctx, api.New(client), api.SearchRequest{Index: []string{index},
		RawBody: `{"aggs":{"years":{"terms":{"field":"year"}}}}`})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits.Hits) != 1 {
		t.Fatalf("%d hits", len(res.Hits.Hits))
	}
	h := res.Hits.Hits[0]
	if h.ID != "1" || h.Source.Title != "Relevant Search" || h.Source.Year != 2016 || !h.Source.Added.Equal(added) || h.Source.Big != 9007199254740993 {
		t.Errorf("hit = %+v", h)
	}
	years, err := res.Aggregations.LongTerms("years")
	if err != nil || len(years.Buckets.Array) != 1 || years.Buckets.Array[0].DocCount != 1 {
		t.Errorf("years = %+v, %v", years, err)
	}
}
