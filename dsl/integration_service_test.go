package dsl_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/eslocal/eslocaltest"
)

// TestIntegrationExampleService runs the functions of Example_service
// against Elasticsearch 9.5.3 and checks every result.
func TestIntegrationExampleService(t *testing.T) {
	c := eslocaltest.Elasticsearch(t)
	client, err := esgo.New(esgo.WithAddresses(c.URLs...))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const name = "dsl-it-example-service"
	deleteIndexAtCleanup(t, client, name)
	if err := setupShop(ctx, client, name, shopItems); err != nil {
		t.Fatal(err)
	}

	// In stock, at most 40, "coffee" in the name, cheapest first, two a
	// page: mug 8, decaf 12 | espresso 14, grinder 39 | (empty last page).
	pages, facets, err := searchDSL(ctx, client, name, "coffee", 40, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprint([][]string{{"<em>Coffee</em> mug", "Decaf <em>coffee</em> beans"}, {"Espresso <em>coffee</em> beans", "<em>Coffee</em> grinder"}, nil})
	if got := fmt.Sprint(pages); got != want {
		t.Errorf("DSL pages = %s, want %s", got, want)
	}
	if len(facets) != 3 || facets[0].Category != "coffee" || facets[0].Count != 2 || facets[0].AvgStars == nil || *facets[0].AvgStars != 4 {
		t.Errorf("facets = %+v", facets)
	}
	for _, f := range facets[1:] {
		if f.Count != 1 || (f.Category == "tableware") != (f.AvgStars == nil) {
			t.Errorf("facet %+v", f)
		}
	}

	// The typed API's half gives the same answers.
	typedPages, typedFacets, err := searchTyped(ctx, client, name, "coffee", 40, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(typedPages); got != want {
		t.Errorf("typed pages = %s, want %s (the DSL's)", got, want)
	}
	if got, want := facetsString(typedFacets), facetsString(facets); got != want {
		t.Errorf("typed facets = %s, want %s (the DSL's)", got, want)
	}

	// Optimistic concurrency: of two updates racing from the same read,
	// one wins and the other is told ErrStale.
	if err := reprice(ctx, client, name, "1", 15); err != nil {
		t.Fatal(err)
	}
	got, err := client.Get(ctx, api.GetRequest{Index: name, ID: "1"})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Go(func() {
			_, err := client.Index(ctx, api.IndexRequest{Index: name, ID: "1", Body: shopItems[0], IfSeqNo: got.SeqNo, IfPrimaryTerm: got.PrimaryTerm})
			errs[i] = classify(err)
		})
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) || !slices.ContainsFunc(errs, func(e error) bool { return errors.Is(e, ErrStale) }) {
		t.Errorf("two updates from the same read: %v", errs)
	}

	// The three errors told apart.
	if _, _, err := searchTyped(ctx, client, "dsl-it-no-such-shop", "coffee", 40, 2); !errors.Is(err, ErrNoIndex) || errors.Is(err, ErrBadQuery) {
		t.Errorf("missing index: %v", err)
	}
	if _, _, err := searchDSL(ctx, client, "dsl-it-no-such-shop", "coffee", 40, 2); !errors.Is(err, ErrNoIndex) {
		t.Errorf("missing index (DSL): %v", err)
	}
	if _, _, err := searchDSL(ctx, client, name, "coffee", 40, 0); err != nil {
		t.Errorf("size 0: %v", err)
	}
	if _, _, err := searchDSL(ctx, client, name, "coffee", 40, -5); !errors.Is(err, ErrBadQuery) || errors.Is(err, ErrNoIndex) {
		t.Errorf("bad query (negative size): %v", err)
	}
	if pages, facets, err := searchTyped(ctx, client, name, "coffee", 40, 0); err != nil || len(pages) != 1 || len(facets) != 3 {
		t.Errorf("size 0 (typed): %v, %v, %v", pages, facets, err)
	}
	if _, _, err := searchTyped(ctx, client, name, "coffee", 40, -5); !errors.Is(err, ErrBadQuery) || errors.Is(err, ErrNoIndex) {
		t.Errorf("bad query (negative size, typed): %v", err)
	}
}

// facetsString prints facets with their average, not its address.
func facetsString(facets []Facet) string {
	var b strings.Builder
	for _, f := range facets {
		fmt.Fprintf(&b, "%s:%d:", f.Category, f.Count)
		if f.AvgStars != nil {
			fmt.Fprint(&b, *f.AvgStars)
		}
		b.WriteString(" ")
	}
	return b.String()
}
