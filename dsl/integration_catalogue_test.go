package dsl_test

import (
	"context"
	"slices"
	"testing"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/eslocal/eslocaltest"
)

// TestIntegrationCatalogue runs the functions of Example_catalogue (the
// README's taste) against Elasticsearch 9.5.3 and checks every result.
func TestIntegrationCatalogue(t *testing.T) {
	c := eslocaltest.Elasticsearch(t)
	client, err := esgo.New(esgo.WithAddresses(c.URLs...))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const index = "dsl-it-catalogue"
	deleteIndexAtCleanup(t, client, index)
	if err := createCatalogue(ctx, client, index, catalogue); err != nil {
		t.Fatal(err)
	}

	highlights, report, err := searchCatalogue(ctx, client, index, "coffee", 50)
	if err != nil {
		t.Fatal(err)
	}
	// In stock, at most 50, "coffee" in the name, cheapest first: the
	// scale is out of stock, the grinder too dear.
	if want := []string{"Decaf [coffee] beans", "Espresso [coffee] beans"}; !slices.Equal(highlights, want) {
		t.Errorf("highlights = %q, want %q", highlights, want)
	}
	if len(report) != 1 || report[0].Category != "coffee" || report[0].Products != 2 || report[0].AvgStars == nil || *report[0].AvgStars != 4 {
		t.Errorf("report = %+v, want coffee: 2 products, 4 stars (5, 4 and 3)", report)
	}
	// A category whose products have no reviews: the nested average is null.
	_, report, err = searchCatalogue(ctx, client, index, "tea", 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(report) != 1 || report[0].Category != "tea" || report[0].AvgStars != nil {
		t.Errorf("tea report = %+v, want one bucket without an average", report)
	}

	for _, size := range []int{2, 5, 10} { // pages: 2+2+1, one full page (and no extra request), one short
		names, err := pageCatalogue(ctx, client, index, size)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Green tea", "Decaf coffee beans", "Espresso coffee beans", "Coffee scale", "Coffee grinder"}
		if !slices.Equal(names, want) {
			t.Errorf("page size %d: names = %q, want %q", size, names, want)
		}
	}
	// Every point in time was closed.
	stats, err := client.Indices.Stats(ctx, api.IndicesStatsRequest{Index: []string{index}, Metric: []string{"search"}})
	if err != nil {
		t.Fatal(err)
	}
	if st := stats.All.Total; st == nil || st.Search == nil || st.Search.OpenContexts == nil {
		t.Error("indices stats without search.open_contexts")
	} else if n := *st.Search.OpenContexts; n != 0 {
		t.Errorf("%d point-in-time contexts left open", n)
	}
}
