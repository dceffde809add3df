package dsl_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/analysis"
	"github.com/esgo/esgo/dsl/document"
	"github.com/esgo/esgo/dsl/index"
	"github.com/esgo/esgo/transport"
)

type logLine struct {
	Msg   string `json:"msg" es:"text,analyzer=codes"`
	Level string `json:"level" es:"keyword"`
	Hits  int64  `json:"hits"`
}

// OpenSearch has the painless, reindex and analysis-common modules the
// Elasticsearch test zip lacks: scripts, update/delete by query and custom
// analyzers with pattern_capture run there.
func TestIntegrationOpenSearchModules(t *testing.T) {
	conn := osConn(t)
	ctx := context.Background()
	deleteIndexAtCleanup(t, conn, "dsl-it-os")
	codes := analysis.CustomAnalyzer("codes", analysis.BuiltinTokenizer("whitespace"),
		[]analysis.TokenFilter{analysis.NewTokenFilter("code_parts", "pattern_capture", analysis.PreserveOriginal(true),
			analysis.Patterns([]string{`([A-Z]+)-\d+`}...)), analysis.BuiltinTokenFilter("lowercase")}, nil)
	ix := index.New("dsl-it-os").Using(conn).Settings(index.NumberOfReplicas(0)).Analyzer(codes)
	docs, err := document.New[logLine](ix)
	if err != nil {
		t.Fatal(err)
	}
	if err := docs.Init(ctx); err != nil {
		t.Fatalf("Init with a custom analyzer: %v", err)
	}
	lines := []logLine{{"failed ABC-123 badly", "error", 0}, {"ok XYZ-9", "info", 0}, {"retry ABC-77", "warn", 0}}
	for i, l := range lines {
		if _, err := docs.Save(ctx, &document.Doc[logLine]{Meta: document.Meta{ID: string(rune('a' + i))}, Source: l}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	// The custom analyzer split ABC-123 into "abc" and "abc-123".
	n, err := docs.Search().Query(dsl.Match("msg", "abc")).Count(ctx)
	if err != nil || n != 2 {
		t.Errorf("match abc = %d, %v; want 2", n, err)
	}

	// Scripted update with upsert.
	inc := map[string]any{"source": "ctx._source.hits += params.by", "params": map[string]any{"by": 5}}
	if _, err := docs.Update(ctx, "a", document.Update{Script: inc, RetryOnConflict: 2}, document.Refresh("true")); err != nil {
		t.Fatal(err)
	}
	if _, err := docs.Update(ctx, "z", document.Update{Script: inc, Upsert: logLine{Msg: "new", Level: "info", Hits: 1}}, document.Refresh("true")); err != nil {
		t.Fatal(err)
	}
	a, _ := docs.Get(ctx, "a")
	z, _ := docs.Get(ctx, "z")
	if a == nil || a.Source.Hits != 5 || z == nil || z.Source.Hits != 1 {
		t.Errorf("after scripted updates: a=%+v z=%+v", a, z)
	}

	// Appending to a list without re-saving the document.
	for _, v := range []string{"x1", "x2"} {
		if _, err := document.AppendNested(ctx, docs, "c", "extra", v, document.Refresh("true")); err != nil {
			t.Fatal(err)
		}
	}
	var raw struct {
		Extra []string `json:"extra"`
		Msg   string   `json:"msg"`
	}
	rawDocs, _ := document.New[struct {
		Extra []string `json:"extra"`
		Msg   string   `json:"msg"`
	}](index.New("dsl-it-os").Using(conn))
	if got, err := rawDocs.Get(ctx, "c"); err != nil {
		t.Fatal(err)
	} else {
		raw = got.Source
	}
	if len(raw.Extra) != 2 || raw.Extra[1] != "x2" || raw.Msg != "retry ABC-77" {
		t.Errorf("after AppendNested: %+v", raw)
	}

	// Update by query with a script.
	res, err := ix.UpdateByQuery().Query(dsl.Match("msg", "abc")).
		Script(dsl.Source("ctx._source.level = params.l"), dsl.Lang("painless"), dsl.Params(map[string]any{"l": "tagged"})).
		Param("refresh", "true").Execute(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Updated != 2 {
		t.Errorf("updated = %d, want 2", res.Updated)
	}
	n, _ = docs.Search().Filter(dsl.Term("level", "tagged")).Count(ctx)
	if n != 2 {
		t.Errorf("tagged = %d", n)
	}

	// Delete by query.
	del, err := docs.Search().Filter(dsl.Term("level", "tagged")).Param("refresh", "true").Delete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if del.Deleted != 2 {
		t.Errorf("deleted = %d, want 2", del.Deleted)
	}
	n, _ = docs.Search().Count(ctx)
	if n != 2 {
		t.Errorf("left = %d, want 2", n)
	}

	// Point-in-time iteration works on OpenSearch too (through the scan package).
	count := 0
	for _, err := range dsl.Iterate[logLine](ctx, docs.Search()) {
		if err != nil {
			t.Fatal(err)
		}
		count++
	}
	if count != 2 {
		t.Errorf("iterated %d, want 2", count)
	}

	// A script error is reported with the server's reason.
	_, err = docs.Update(ctx, "b", document.Update{Script: map[string]any{"source": "ctx._source.nope.x = 1"}})
	var se *transport.Error
	if !errors.As(err, &se) || se.Status != http.StatusBadRequest {
		t.Errorf("bad script: %v", err)
	}
}
