package document_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/document"
	"github.com/esgo/esgo/dsl/index"
	"github.com/esgo/esgo/dsl/internal/dsltest"
	"github.com/esgo/esgo/transport"
)

func TestIntegrationDocuments(t *testing.T) {
	conn := dsltest.ES(t)
	ctx := context.Background()
	docs := dsltest.SetupBlog(t, conn, "dsl-it-docs")

	// Get and missing documents.
	d, err := docs.Get(ctx, "2")
	if err != nil {
		t.Fatal(err)
	}
	if d.Meta.ID != "2" || d.Source.Title != "Go concurrency" || d.Meta.SeqNo == nil || d.Meta.PrimaryTerm == nil {
		t.Fatalf("Get = %+v", d)
	}
	// A not-found the server answered is its *transport.Error; one the
	// client deduces from a 200 (mget) only wraps ErrNotFound.
	var se *transport.Error
	if _, err := docs.Get(ctx, "nope"); !errors.Is(err, dsl.ErrNotFound) || !errors.As(err, &se) || se.Path != "/dsl-it-docs/_doc/nope" {
		t.Errorf("Get missing: %v, want ErrNotFound, the server's *transport.Error for GET /dsl-it-docs/_doc/nope", err)
	}
	noIndex, err := document.New[dsltest.BlogPost](index.New("dsl-it-docs-no-such-index").Using(conn))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := noIndex.Get(ctx, "1"); !errors.Is(err, dsl.ErrNotFound) || !errors.As(err, &se) || se.Type != "index_not_found_exception" {
		t.Errorf("Get in a missing index: %v, want the server's index_not_found_exception", err)
	}
	if ok, err := docs.Exists(ctx, "2"); err != nil || !ok {
		t.Errorf("Exists(2) = %v, %v", ok, err)
	}
	if ok, err := docs.Exists(ctx, "nope"); err != nil || ok {
		t.Errorf("Exists(nope) = %v, %v", ok, err)
	}

	// Mget with the three missing modes.
	got, err := docs.Mget(ctx, []string{"1", "nope", "3"}, document.MissingNone)
	if err != nil || len(got) != 3 || got[0].Meta.ID != "1" || got[1] != nil || got[2].Source.Title != "Go web servers" {
		t.Errorf("Mget none = %+v, %v", got, err)
	}
	got, err = docs.Mget(ctx, []string{"1", "nope", "3"}, document.MissingSkip)
	if err != nil || len(got) != 2 || got[1].Meta.ID != "3" {
		t.Errorf("Mget skip = %+v, %v", got, err)
	}
	if _, err := docs.Mget(ctx, []string{"1", "nope", "nada"}, document.MissingRaise); !errors.Is(err, dsl.ErrNotFound) || errors.As(err, &se) ||
		!strings.Contains(err.Error(), "nope, nada") {
		t.Errorf("Mget raise: %v, want an error wrapping ErrNotFound naming nope, nada, not a *transport.Error", err)
	}

	// Optimistic concurrency: two copies of the same version, the second save loses.
	a, _ := docs.Get(ctx, "2")
	b, _ := docs.Get(ctx, "2")
	a.Source.Lines = 301
	if res, err := docs.Save(ctx, a, document.Refresh("true")); err != nil || res != "updated" {
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
	n := &document.Doc[dsltest.BlogPost]{Source: dsltest.BlogPost{Title: "New", Author: "zed"}}
	if res, err := docs.Save(ctx, n); err != nil || res != "created" || n.Meta.ID == "" {
		t.Errorf("auto id save = %q, %v, %+v", res, err, n.Meta)
	}

	// Validation before save: required field and the Validate hook.
	if _, err := docs.Save(ctx, &document.Doc[dsltest.BlogPost]{Meta: document.Meta{ID: "bad"}, Source: dsltest.BlogPost{Title: "x"}}); !errors.Is(err, document.ErrValidation) {
		t.Errorf("missing author: %v", err)
	}
	if _, err := docs.Save(ctx, &document.Doc[dsltest.BlogPost]{Meta: document.Meta{ID: "bad"}, Source: dsltest.BlogPost{Author: "x", Lines: -1}}); !errors.Is(err, document.ErrValidation) {
		t.Errorf("negative lines: %v", err)
	}
	if ok, _ := docs.Exists(ctx, "bad"); ok {
		t.Error("an invalid document was stored")
	}

	// Partial update, upsert, retry on conflict, fetch source.
	up, err := docs.Update(ctx, "3", document.Update{Doc: map[string]any{"lines": 81}, RetryOnConflict: 3, FetchSource: true})
	if err != nil || up.Result != "updated" || up.Doc == nil || up.Doc.Lines != 81 || up.Doc.Title != "Go web servers" {
		t.Errorf("partial update = %+v, %v", up, err)
	}
	up, err = docs.Update(ctx, "6", document.Update{Doc: map[string]any{"title": "Upserted", "author": "u"}, DocAsUpsert: true})
	if err != nil || up.Result != "created" {
		t.Errorf("doc_as_upsert = %+v, %v", up, err)
	}
	if _, err := docs.Update(ctx, "7", document.Update{Doc: map[string]any{"title": "x"}}); !errors.Is(err, dsl.ErrNotFound) {
		t.Errorf("update of a missing document: %v", err)
	}
	cur, _ := docs.Get(ctx, "3")
	if _, err := docs.Update(ctx, "3", document.Update{Doc: map[string]any{"lines": 82}}, document.IfSeqNo(*cur.Meta.SeqNo+10), document.IfPrimaryTerm(*cur.Meta.PrimaryTerm)); !errors.Is(err, dsl.ErrConflict) {
		t.Errorf("conditional update with a wrong seq_no: %v", err)
	}

	// Delete.
	if err := docs.Delete(ctx, "4", document.Refresh("true")); err != nil {
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
	props := mp.Properties
	if props["comments"].Type() != "nested" || props["tags"].Type() != "keyword" ||
		props["published"].Type() != "date" || props["lines"].Type() != "long" {
		t.Errorf("stored mapping = %v", props)
	}
}
