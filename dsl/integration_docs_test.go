package dsl_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/analysis"
	"github.com/esgo/esgo/dsl/connections"
)

func TestIntegrationDocuments(t *testing.T) {
	conn := esConn(t)
	ctx := context.Background()
	docs := setupBlog(t, conn, "dsl-it-docs")

	// Get and missing documents.
	d, err := docs.Get(ctx, "2")
	if err != nil {
		t.Fatal(err)
	}
	if d.Meta.ID != "2" || d.Source.Title != "Go concurrency" || d.Meta.SeqNo == nil || d.Meta.PrimaryTerm == nil {
		t.Fatalf("Get = %+v", d)
	}
	if _, err := docs.Get(ctx, "nope"); !errors.Is(err, dsl.ErrNotFound) {
		t.Errorf("Get missing: %v, want ErrNotFound", err)
	}
	if ok, err := docs.Exists(ctx, "2"); err != nil || !ok {
		t.Errorf("Exists(2) = %v, %v", ok, err)
	}
	if ok, err := docs.Exists(ctx, "nope"); err != nil || ok {
		t.Errorf("Exists(nope) = %v, %v", ok, err)
	}

	// Mget with the three missing modes.
	got, err := docs.Mget(ctx, []string{"1", "nope", "3"}, dsl.MissingNone)
	if err != nil || len(got) != 3 || got[0].Meta.ID != "1" || got[1] != nil || got[2].Source.Title != "Go web servers" {
		t.Errorf("Mget none = %+v, %v", got, err)
	}
	got, err = docs.Mget(ctx, []string{"1", "nope", "3"}, dsl.MissingSkip)
	if err != nil || len(got) != 2 || got[1].Meta.ID != "3" {
		t.Errorf("Mget skip = %+v, %v", got, err)
	}
	if _, err := docs.Mget(ctx, []string{"1", "nope", "nada"}, dsl.MissingRaise); !errors.Is(err, dsl.ErrNotFound) {
		t.Errorf("Mget raise: %v", err)
	}

	// Optimistic concurrency: two copies of the same version, the second save loses.
	a, _ := docs.Get(ctx, "2")
	b, _ := docs.Get(ctx, "2")
	a.Source.Lines = 301
	if res, err := docs.Save(ctx, a, dsl.Refresh("true")); err != nil || res != "updated" {
		t.Fatalf("Save a = %q, %v", res, err)
	}
	b.Source.Lines = 999
	if _, err := docs.Save(ctx, b); !errors.Is(err, dsl.ErrConflict) {
		t.Errorf("stale Save: %v, want ErrConflict", err)
	}
	if a.Meta.SeqNo == nil || *a.Meta.SeqNo == *b.Meta.SeqNo {
		t.Errorf("Save did not update the metadata: %+v", a.Meta)
	}
	// a carries the new seq_no: saving it again works.
	a.Source.Lines = 302
	if _, err := docs.Save(ctx, a); err != nil {
		t.Errorf("Save with fresh metadata: %v", err)
	}

	// Auto id.
	n := &dsl.Doc[blogPost]{Source: blogPost{Title: "New", Author: "zed"}}
	if res, err := docs.Save(ctx, n); err != nil || res != "created" || n.Meta.ID == "" {
		t.Errorf("auto id save = %q, %v, %+v", res, err, n.Meta)
	}

	// Validation before save: required field and the Validate hook.
	if _, err := docs.Save(ctx, &dsl.Doc[blogPost]{Meta: dsl.DocMeta{ID: "bad"}, Source: blogPost{Title: "x"}}); !errors.Is(err, dsl.ErrValidation) {
		t.Errorf("missing author: %v", err)
	}
	if _, err := docs.Save(ctx, &dsl.Doc[blogPost]{Meta: dsl.DocMeta{ID: "bad"}, Source: blogPost{Author: "x", Lines: -1}}); !errors.Is(err, dsl.ErrValidation) {
		t.Errorf("negative lines: %v", err)
	}
	if ok, _ := docs.Exists(ctx, "bad"); ok {
		t.Error("an invalid document was stored")
	}

	// Partial update, upsert, retry on conflict, fetch source.
	up, err := docs.Update(ctx, "3", dsl.Update{Doc: map[string]any{"lines": 81}, RetryOnConflict: 3, FetchSource: true})
	if err != nil || up.Result != "updated" || up.Doc == nil || up.Doc.Lines != 81 || up.Doc.Title != "Go web servers" {
		t.Errorf("partial update = %+v, %v", up, err)
	}
	up, err = docs.Update(ctx, "6", dsl.Update{Doc: map[string]any{"title": "Upserted", "author": "u"}, DocAsUpsert: true})
	if err != nil || up.Result != "created" {
		t.Errorf("doc_as_upsert = %+v, %v", up, err)
	}
	if _, err := docs.Update(ctx, "7", dsl.Update{Doc: map[string]any{"title": "x"}}); !errors.Is(err, dsl.ErrNotFound) {
		t.Errorf("update of a missing document: %v", err)
	}
	cur, _ := docs.Get(ctx, "3")
	if _, err := docs.Update(ctx, "3", dsl.Update{Doc: map[string]any{"lines": 82}}, dsl.IfSeqNo(*cur.Meta.SeqNo+10), dsl.IfPrimaryTerm(*cur.Meta.PrimaryTerm)); !errors.Is(err, dsl.ErrConflict) {
		t.Errorf("conditional update with a wrong seq_no: %v", err)
	}

	// Delete.
	if err := docs.Delete(ctx, "4", dsl.Refresh("true")); err != nil {
		t.Fatal(err)
	}
	if err := docs.Delete(ctx, "4"); !errors.Is(err, dsl.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}

	// The stored mapping is the one derived from the struct.
	mp, err := docs.Index().GetMapping(ctx)
	if err != nil {
		t.Fatal(err)
	}
	props := mp["properties"].(map[string]any)
	if props["comments"].(map[string]any)["type"] != "nested" || props["tags"].(map[string]any)["type"] != "keyword" ||
		props["published"].(map[string]any)["type"] != "date" || props["lines"].(map[string]any)["type"] != "long" {
		t.Errorf("stored mapping = %v", props)
	}
}

func TestIntegrationIndexManagement(t *testing.T) {
	conn := esConn(t)
	ctx := context.Background()
	deleteIndexAtCleanup(t, conn, "dsl-it-index")
	std := analysis.NewAnalyzer("my_std", "standard", analysis.P("max_token_length", 5))
	ix := dsl.NewIndex("dsl-it-index").Using(conn).Settings(map[string]any{"number_of_replicas": 0}).
		Aliases(map[string]any{"dsl-it-alias": map[string]any{}}).Analyzer(std)
	ix.Mapping(dsl.NewMapping().Field("title", map[string]any{"type": "text", "analyzer": "my_std"}))
	if ok, err := ix.Exists(ctx); err != nil || ok {
		t.Fatalf("Exists before create = %v, %v", ok, err)
	}
	if err := ix.Save(ctx); err != nil {
		t.Fatalf("Save (create): %v", err)
	}
	if ok, err := ix.Exists(ctx); err != nil || !ok {
		t.Fatalf("Exists after create = %v, %v", ok, err)
	}
	// Saving the same definition again is fine (same analysis, settings as strings).
	if err := ix.Save(ctx); err != nil {
		t.Fatalf("Save (unchanged): %v", err)
	}
	// Adding a field and changing a dynamic setting work on an open index.
	ix.Mapping(dsl.NewMapping().Field("tag", map[string]any{"type": "keyword"})).Settings(map[string]any{"refresh_interval": "2s"})
	if err := ix.Save(ctx); err != nil {
		t.Fatalf("Save (new field): %v", err)
	}
	mp, _ := ix.GetMapping(ctx)
	if _, ok := mp["properties"].(map[string]any)["tag"]; !ok {
		t.Errorf("new field missing from %v", mp)
	}
	st, _ := ix.GetSettings(ctx)
	if st["refresh_interval"] != "2s" {
		t.Errorf("refresh_interval = %v", st["refresh_interval"])
	}
	// Changing analysis on an open index is refused with a clear error.
	changed := ix.Clone("dsl-it-index").Analyzer(analysis.NewAnalyzer("my_std", "standard", analysis.P("max_token_length", 7)))
	err := changed.Save(ctx)
	if !errors.Is(err, dsl.ErrIllegalOperation) {
		t.Fatalf("analysis change on an open index: %v", err)
	}
	// Closed, it is accepted.
	if err := ix.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if closed, err := ix.IsClosed(ctx); err != nil || !closed {
		t.Fatalf("IsClosed = %v, %v", closed, err)
	}
	if err := changed.Save(ctx); err != nil {
		t.Fatalf("analysis change on a closed index: %v", err)
	}
	if err := ix.Open(ctx); err != nil {
		t.Fatal(err)
	}
	st, _ = ix.GetSettings(ctx)
	an := st["analysis"].(map[string]any)["analyzer"].(map[string]any)["my_std"].(map[string]any)
	if an["max_token_length"] != "7" {
		t.Errorf("analysis after update = %v", an)
	}

	// Templates, legacy and composable.
	t.Cleanup(func() {
		for _, p := range []string{"/_template/dsl-it-legacy", "/_index_template/dsl-it-composable"} {
			if r, err := conn.Perform(context.Background(), &transportRequest{Method: "DELETE", Path: p}); err == nil {
				r.Body.Close()
			}
		}
	})
	tplIx := dsl.NewIndex("x").Using(conn).Settings(map[string]any{"number_of_shards": 1})
	tplIx.Mapping(dsl.NewMapping().Field("msg", map[string]any{"type": "text"}))
	if err := tplIx.LegacyTemplate("dsl-it-legacy", "dsl-it-legacy-*", new(3)).Save(ctx); err != nil {
		t.Fatalf("legacy template: %v", err)
	}
	if err := tplIx.ComposableTemplate("dsl-it-composable", "dsl-it-comp-*", new(200)).Save(ctx); err != nil {
		t.Fatalf("composable template: %v", err)
	}
	deleteIndexAtCleanup(t, conn, "dsl-it-comp-1")
	created := dsl.NewIndex("dsl-it-comp-1").Using(conn)
	if err := created.Create(ctx); err != nil {
		t.Fatal(err)
	}
	mp, err = created.GetMapping(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := mp["properties"].(map[string]any)["msg"]; !ok {
		t.Errorf("composable template not applied: %v", mp)
	}

	if err := ix.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(ctx); !errors.Is(err, dsl.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
}

func TestIntegrationConnectionsRegistry(t *testing.T) {
	conn := esConn(t)
	ctx := context.Background()
	docs := setupBlog(t, conn, "dsl-it-conns")
	reg := connections.Default
	reg.Add("dsl-test", conn)
	t.Cleanup(func() { _ = reg.Remove("dsl-test") })
	n, err := dsl.NewSearch(docs.Index().Name()).UsingAlias("dsl-test").Count(ctx)
	if err != nil || n != int64(len(blogPosts)) {
		t.Errorf("Count through alias = %d, %v", n, err)
	}
	if !slices.Contains(reg.Aliases(), "dsl-test") {
		t.Errorf("aliases = %v", reg.Aliases())
	}
	if _, err := dsl.NewSearch().UsingAlias("dsl-nope").Count(ctx); !errors.Is(err, connections.ErrNoConnection) {
		t.Errorf("unknown alias: %v", err)
	}
}
