package dsl_test

import (
	"context"
	"errors"
	"testing"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/document"
	"github.com/esgo/esgo/dsl/faceted"
	"github.com/esgo/esgo/dsl/index"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/transport"
)

// The same flows through the library's own client, which turns error
// statuses into *transport.Error: the dsl sentinels are esgo's, so errors.Is
// works the same way.
func TestIntegrationWithEsgoClient(t *testing.T) {
	c := eslocaltest.Elasticsearch(t)
	client, err := esgo.New(esgo.WithAddresses(c.URLs...))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	deleteIndexAtCleanup(t, client, "dsl-it-client")
	ix := index.New("dsl-it-client").Using(client).Settings(index.NumberOfReplicas(0))
	docs, err := document.New[blogPost](ix)
	if err != nil {
		t.Fatal(err)
	}
	if err := docs.Init(ctx); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"1", "2", "3"} {
		if _, err := docs.Save(ctx, &document.Doc[blogPost]{Meta: document.Meta{ID: id}, Source: blogPosts[id]}, document.Refresh("true")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := docs.Get(ctx, "nope"); !errors.Is(err, esgo.ErrNotFound) {
		t.Errorf("Get missing: %v", err)
	}
	if ok, err := docs.Exists(ctx, "nope"); err != nil || ok {
		t.Errorf("Exists missing = %v, %v", ok, err)
	}
	a, _ := docs.Get(ctx, "1")
	b, _ := docs.Get(ctx, "1")
	if _, err := docs.Save(ctx, a); err != nil {
		t.Fatal(err)
	}
	_, err = docs.Save(ctx, b)
	var apiErr *transport.Error
	if !errors.Is(err, dsl.ErrConflict) || !errors.As(err, &apiErr) || apiErr.Status != 409 {
		t.Errorf("stale save: %v", err)
	}
	if err := docs.Delete(ctx, "nope"); !errors.Is(err, dsl.ErrNotFound) {
		t.Errorf("delete missing: %v", err)
	}
	resp, err := dsl.Execute[blogPost](ctx, docs.Search().Query(dsl.Term("tags", "go")).Sort("lines"))
	if err != nil || len(resp.Hits.Hits) != 2 || resp.Hits.Hits[0].ID != "3" {
		t.Errorf("search = %+v, %v", resp, err)
	}
	n, err := docs.Search().Count(ctx)
	if err != nil || n != 3 {
		t.Errorf("count = %d, %v", n, err)
	}
	fr, err := faceted.Execute[blogPost](ctx, faceted.New(docs.Search()).Facet("tags", faceted.Terms("tags")).Filter("tags", "web"))
	if err != nil || len(fr.Hits.Hits) != 2 || len(fr.Facets["tags"]) != 3 {
		t.Errorf("faceted = %+v, %v", fr, err)
	}
	ids := 0
	for _, err := range dsl.Iterate[blogPost](ctx, docs.Search()) {
		if err != nil {
			t.Fatal(err)
		}
		ids++
	}
	if ids != 3 {
		t.Errorf("iterated %d", ids)
	}
	if _, err := dsl.Execute[blogPost](ctx, dsl.NewSearch("dsl-it-client-missing").Using(client)); !errors.Is(err, dsl.ErrNotFound) {
		t.Errorf("missing index: %v", err)
	}
}
