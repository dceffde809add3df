package dsl_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/document"
	"github.com/esgo/esgo/dsl/index"
	"github.com/esgo/esgo/types"
)

// Item is a document of the example service's shop; its mapping comes from
// the struct (es tags; Reviews, a slice of structs, is nested).
type Item struct {
	Name     string       `json:"name"`
	Category string       `json:"category" es:"keyword"`
	Price    float64      `json:"price"`
	InStock  bool         `json:"in_stock"`
	Reviews  []ItemReview `json:"reviews"`
}

// ItemReview is nested in an Item.
type ItemReview struct {
	Stars int32 `json:"stars"`
}

// Facet is one category of a search with its count and its products'
// average review (nil when none has a review).
type Facet struct {
	Category string
	Count    int64
	AvgStars *float64
}

// ErrBadQuery, ErrNoIndex and ErrStale are what the service tells its
// callers, decided from the server's errors with errors.Is.
var (
	ErrBadQuery = errors.New("shop: bad query")
	ErrNoIndex  = errors.New("shop: no such index")
	ErrStale    = errors.New("shop: changed since read")
)

// classify turns the server's errors into the service's own.
func classify(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, esgo.ErrNotFound):
		return fmt.Errorf("%w: %w", ErrNoIndex, err)
	case errors.Is(err, esgo.ErrConflict):
		return fmt.Errorf("%w: %w", ErrStale, err)
	case errors.Is(err, esgo.ErrBadRequest):
		return fmt.Errorf("%w: %w", ErrBadQuery, err)
	}
	return err
}

// setupShop creates the index from Item's mapping and indexes items with
// the typed API (ids "1", "2" ...), visible to search when it returns.
func setupShop(ctx context.Context, client *esgo.Client, name string, items []Item) error {
	docs, err := document.New[Item](index.New(name).Using(client))
	if err != nil {
		return err
	}
	if err := docs.Init(ctx); err != nil {
		return err
	}
	for i, it := range items {
		if _, err := client.Index(ctx, api.IndexRequest{Index: name, ID: fmt.Sprint(i + 1), Body: it, Refresh: api.RefreshWaitFor}); err != nil {
			return err
		}
	}
	return nil
}

// searchDSL is the service's search in the DSL: a bool query with
// filters, highlighting, a typed sort, search_after pages of pageSize and
// facets by category with the average stars of the nested reviews. It
// returns the highlighted names, page by page, and the facets.
func searchDSL(ctx context.Context, client *esgo.Client, name, text string, maxPrice float64, pageSize int) (pages [][]string, facets []Facet, err error) {
	s := dsl.NewSearch(name).Using(client).
		Query(dsl.Bool(
			dsl.Must(dsl.Match("name", text)),
			dsl.Filter(dsl.Term("in_stock", true), dsl.Range("price", dsl.Lte(maxPrice))),
		)).
		Highlight([]string{"name"}).
		SortBy(types.SortByField("price", types.SortOrderAsc)).
		Size(pageSize).
		Agg("by_category", dsl.TermsAgg("category").
			Agg("reviews", dsl.NestedAgg("reviews").Metric("avg_stars", dsl.AvgAgg("reviews.stars"))))
	for page := 0; ; page++ {
		resp, err := dsl.Execute[Item](ctx, s)
		if err != nil {
			return nil, nil, classify(err)
		}
		var names []string
		for _, h := range resp.Hits.Hits {
			names = append(names, h.Highlight["name"]...)
		}
		pages = append(pages, names)
		if page == 0 {
			categories, err := resp.Aggregations.StringTerms("by_category")
			if err != nil {
				return nil, nil, err
			}
			for _, b := range categories.Buckets.Array {
				reviews, err := b.Aggregations.Nested("reviews")
				if err != nil {
					return nil, nil, err
				}
				avg, err := reviews.Aggregations.Avg("avg_stars")
				if err != nil {
					return nil, nil, err
				}
				facets = append(facets, Facet{Category: b.Key.String(), Count: b.DocCount, AvgStars: avg.Value})
			}
		}
		next, more, err := dsl.NextPage(s, resp)
		if err != nil || !more {
			return pages, facets, err
		}
		s = next
	}
}

// searchTyped is the same search with the typed API (package api and the
// short constructors of package types): the same bool query with filters,
// highlighting, typed sort, search_after pages (each continuing after the
// last hit's sort values as they came back) and facets with the nested
// metric. It returns what searchDSL returns.
func searchTyped(ctx context.Context, client *esgo.Client, name, text string, maxPrice float64, pageSize int) (pages [][]string, facets []Facet, err error) {
	req := api.SearchRequest{Index: []string{name}, Body: &api.SearchBody{
		Query: new(types.Bool(
			types.Must(types.MatchOn("name", text)),
			types.Filter(types.TermOn("in_stock", true), types.RangeOn("price", types.Lte(maxPrice))),
		)),
		Highlight: &types.Highlight{Fields: types.HighlightFieldsOf("name")},
		Sort:      types.Sort{types.SortByField("price", types.SortOrderAsc)},
		Size:      new(pageSize),
		Aggregations: types.Aggs(
			types.Agg("by_category", types.TermsAgg("category"),
				types.Agg("reviews", types.NestedAgg("reviews"),
					types.Agg("avg_stars", types.AvgAgg("reviews.stars"))))),
	}}
	for {
		res, err := api.SearchAs[Item](ctx, client.API, req)
		if err != nil {
			return nil, nil, classify(err)
		}
		var names []string
		for _, h := range res.Hits.Hits {
			names = append(names, h.Highlight["name"]...)
		}
		pages = append(pages, names)
		if req.Body.Aggregations != nil {
			if facets, err = facetsTyped(res.Aggregations); err != nil {
				return nil, nil, err
			}
			req.Body.Aggregations = nil // the facets do not change from page to page
		}
		if len(res.Hits.Hits) == 0 || len(res.Hits.Hits) < pageSize {
			return pages, facets, nil
		}
		req.Body.SearchAfter = res.Hits.Hits[len(res.Hits.Hits)-1].Sort
	}
}

// facetsTyped reads the facets of searchTyped's aggregations, by name and
// kind: a terms result read as another kind is an error, not a zero.
func facetsTyped(aggs types.Aggregates) ([]Facet, error) {
	categories, err := aggs.StringTerms("by_category")
	if err != nil {
		return nil, err
	}
	var facets []Facet
	for _, b := range categories.Buckets.Array {
		reviews, err := b.Aggregations.Nested("reviews")
		if err != nil {
			return nil, err
		}
		avg, err := reviews.Aggregations.Avg("avg_stars")
		if err != nil {
			return nil, err
		}
		facets = append(facets, Facet{Category: b.Key.String(), Count: b.DocCount, AvgStars: avg.Value})
	}
	return facets, nil
}

// reprice changes an item's price only if nobody changed the item since it
// was read (optimistic concurrency with if_seq_no and if_primary_term); a
// concurrent change is ErrStale.
func reprice(ctx context.Context, client *esgo.Client, name, id string, price float64) error {
	got, err := client.Get(ctx, api.GetRequest{Index: name, ID: id})
	if err != nil {
		return classify(err)
	}
	var it Item
	if err := json.Unmarshal(got.Source, &it); err != nil {
		return err
	}
	it.Price = price
	_, err = client.Index(ctx, api.IndexRequest{Index: name, ID: id, Body: it, Refresh: api.RefreshWaitFor,
		IfSeqNo: got.SeqNo, IfPrimaryTerm: got.PrimaryTerm})
	return classify(err)
}

var shopItems = []Item{
	{Name: "Espresso coffee beans", Category: "coffee", Price: 14, InStock: true, Reviews: []ItemReview{{Stars: 5}, {Stars: 4}}},
	{Name: "Decaf coffee beans", Category: "coffee", Price: 12, InStock: true, Reviews: []ItemReview{{Stars: 3}}},
	{Name: "Coffee grinder", Category: "tools", Price: 39, InStock: true, Reviews: []ItemReview{{Stars: 4}}},
	{Name: "Coffee scale", Category: "tools", Price: 35, InStock: false},
	{Name: "Coffee mug", Category: "tableware", Price: 8, InStock: true},
}

// A small shop service written twice, with the DSL and with the typed API,
// without any, maps or raw options: a bool query with filters,
// highlighting, a typed sort, search_after pages, facets with a nested
// metric, an optimistic-concurrency update, and the server's errors told
// apart with errors.Is. TestIntegrationExampleService runs the same
// functions against Elasticsearch 9.5.3.
func Example_service() {
	ctx := context.Background()
	client, err := esgo.New(esgo.WithAddresses("http://localhost:9200"))
	if err != nil {
		log.Fatal(err)
	}
	if err := setupShop(ctx, client, "shop", shopItems); err != nil {
		log.Fatal(err)
	}
	pages, facets, err := searchDSL(ctx, client, "shop", "coffee", 40, 2)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(pages) // [[Coffee <em>mug</em>... ] ...]
	for _, f := range facets {
		fmt.Println(f.Category, f.Count)
	}
	if err := reprice(ctx, client, "shop", "1", 15); err != nil {
		log.Fatal(err)
	}
	if _, _, err := searchTyped(ctx, client, "no-such-shop", "coffee", 40, 2); errors.Is(err, ErrNoIndex) {
		fmt.Println("no such index")
	}
}
