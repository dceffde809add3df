package dsl_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/types"
)

// Product is a document of a small shop's catalogue.
type Product struct {
	Name     string   `json:"name"`
	Category string   `json:"category"`
	Price    float64  `json:"price"`
	InStock  bool     `json:"in_stock"`
	Reviews  []Review `json:"reviews,omitempty"`
}

// Review is nested in a product.
type Review struct {
	Stars int    `json:"stars"`
	Text  string `json:"text"`
}

// createCatalogue creates the index with a typed mapping (reviews are
// nested) and loads the products, visible to search when it returns.
func createCatalogue(ctx context.Context, client *esgo.Client, index string, products []Product) error {
	_, err := client.Indices.Create(ctx, api.IndicesCreateRequest{Index: index, Body: &api.IndicesCreateBody{
		Mappings: &types.TypeMapping{Properties: map[string]types.Property{
			"name":     types.PropertyFromText(types.TextProperty{}),
			"category": types.PropertyFromKeyword(types.KeywordProperty{}),
			"price":    types.PropertyFromDouble(types.DoubleNumberProperty{}),
			"in_stock": types.PropertyFromBoolean(types.BooleanProperty{}),
			"reviews": types.PropertyFromNested(types.NestedProperty{Properties: map[string]types.Property{
				"stars": types.PropertyFromInteger(types.IntegerNumberProperty{}),
				"text":  types.PropertyFromText(types.TextProperty{}),
			}}),
		}},
	}})
	if err != nil {
		return err
	}
	loader, err := bulk.New(client, bulk.WithIndex(index), bulk.WithParam("refresh", "wait_for"))
	if err != nil {
		return err
	}
	for i, p := range products {
		if err := loader.Add(ctx, bulk.Item{ID: fmt.Sprint(i + 1), Body: p}); err != nil {
			return err
		}
	}
	return loader.Close(ctx)
}

// CategoryStars is one bucket of the report: a category, its matching
// products and their reviews' average stars (nil without reviews).
type CategoryStars struct {
	Category string
	Products int64
	AvgStars *float64
}

// searchCatalogue runs a bool query with filters, highlights the matches
// and aggregates the matching products by category with the average stars
// of their (nested) reviews.
func searchCatalogue(ctx context.Context, client *esgo.Client, index, text string, maxPrice float64) (highlights []string, report []CategoryStars, err error) {
	s := dsl.NewSearch(index).Using(client).
		Query(dsl.Bool(
			dsl.Must(dsl.Match("name", text, dsl.Operator("and"))),
			dsl.Filter(dsl.Term("in_stock", true), dsl.Range("price", dsl.Lte(maxPrice))),
		)).
		Highlight([]string{"name"}, dsl.FragmentSize(60), dsl.PreTags("["), dsl.PostTags("]")).
		Sort("price").
		Agg("by_category", dsl.TermsAgg("category", dsl.Size(10)).
			Agg("reviews", dsl.NestedAgg("reviews").Metric("avg_stars", dsl.AvgAgg("reviews.stars"))))
	resp, err := dsl.Execute[Product](ctx, s)
	if err != nil {
		return nil, nil, err
	}
	for _, hit := range resp.Hits.Hits {
		highlights = append(highlights, hit.Highlight["name"]...)
	}
	categories, err := resp.Aggregations.StringTerms("by_category")
	if err != nil {
		return nil, nil, err
	}
	for _, b := range categories.Buckets.Array {
		reviews, err := b.Aggregations.Nested("reviews")
		if err != nil {
			return nil, nil, err
		}
		stars, err := reviews.Aggregations.Avg("avg_stars")
		if err != nil {
			return nil, nil, err
		}
		report = append(report, CategoryStars{Category: b.Key.String(), Products: b.DocCount, AvgStars: stars.Value})
	}
	return highlights, report, nil
}

// pageCatalogue reads every product, cheapest first, a page at a time
// through a point in time: a consistent view while the index changes, with
// search_after paging that stops on a short page without an extra request.
func pageCatalogue(ctx context.Context, client *esgo.Client, index string, pageSize int) (names []string, err error) {
	s, err := dsl.OpenPointInTime(ctx, dsl.NewSearch(index).Using(client).Sort("price").Size(pageSize), "1m")
	if err != nil {
		return nil, err
	}
	defer func() {
		// s holds the latest point-in-time id the server returned.
		err = errors.Join(err, dsl.ClosePointInTime(ctx, s))
	}()
	for {
		page, err := dsl.Execute[Product](ctx, s)
		if err != nil {
			return nil, err
		}
		for _, hit := range page.Hits.Hits {
			names = append(names, hit.Source.Name)
		}
		next, more, err := dsl.NextPage(s, page)
		if err != nil || !more {
			return names, err
		}
		s = next
	}
}

var catalogue = []Product{
	{Name: "Espresso coffee beans", Category: "coffee", Price: 14, InStock: true, Reviews: []Review{{Stars: 5, Text: "rich"}, {Stars: 4, Text: "good"}}},
	{Name: "Decaf coffee beans", Category: "coffee", Price: 12, InStock: true, Reviews: []Review{{Stars: 3, Text: "fine"}}},
	{Name: "Coffee grinder", Category: "tools", Price: 89, InStock: true, Reviews: []Review{{Stars: 4, Text: "sturdy"}}},
	{Name: "Coffee scale", Category: "tools", Price: 35, InStock: false},
	{Name: "Green tea", Category: "tea", Price: 9, InStock: true},
}

// A shop's catalogue in Go: a typed mapping, a bool query with filters,
// highlighting, a terms aggregation with an average over nested reviews,
// and point-in-time paging. The whole file is the example; the integration
// tests run the same functions against Elasticsearch 9.5.3.
func Example_catalogue() {
	ctx := context.Background()
	client, err := esgo.New(esgo.WithAddresses("http://localhost:9200"))
	if err != nil {
		log.Fatal(err)
	}
	if err := createCatalogue(ctx, client, "products", catalogue); err != nil {
		log.Fatal(err)
	}
	highlights, report, err := searchCatalogue(ctx, client, "products", "coffee", 50)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(highlights) // [Decaf [coffee] beans Espresso [coffee] beans]
	for _, c := range report {
		if c.AvgStars != nil {
			fmt.Printf("%s: %d products, %.1f stars\n", c.Category, c.Products, *c.AvgStars)
		}
	}
	names, err := pageCatalogue(ctx, client, "products", 2)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(names)
}
