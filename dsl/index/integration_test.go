package index_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/analysis"
	"github.com/esgo/esgo/dsl/index"
	"github.com/esgo/esgo/dsl/internal/dsltest"
	"github.com/esgo/esgo/dsl/mapping"
	"github.com/esgo/esgo/transport"
	"github.com/esgo/esgo/types"
)

func TestIntegrationIndexManagement(t *testing.T) {
	conn := dsltest.ES(t)
	ctx := context.Background()
	dsltest.DeleteIndexAtCleanup(t, conn, "dsl-it-index")
	std := analysis.NewAnalyzer("my_std", "standard", analysis.MaxTokenLength(5))
	ix := index.New("dsl-it-index").Using(conn).Settings(index.NumberOfReplicas(0)).
		Aliases(map[string]types.Alias{"dsl-it-alias": {}}).Analyzer(std)
	ix.Mapping(mapping.New().Set("title", types.PropertyFromText(types.TextProperty{Analyzer: "my_std"})))
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
	ix.Mapping(mapping.New().Set("tag", types.PropertyFromKeyword(types.KeywordProperty{}))).Settings(index.RefreshInterval("2s"))
	if err := ix.Save(ctx); err != nil {
		t.Fatalf("Save (new field): %v", err)
	}
	mp, _ := ix.GetMapping(ctx)
	if _, ok := mp.Properties["tag"]; !ok {
		t.Errorf("new field missing from %v", mp)
	}
	st, err := ix.GetSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := jsonOf(t, st.RefreshInterval); got != `"2s"` {
		t.Errorf("refresh_interval = %s", got)
	}
	// Changing analysis on an open index is refused with a clear error.
	changed := ix.Clone("dsl-it-index").Analyzer(analysis.NewAnalyzer("my_std", "standard", analysis.MaxTokenLength(7)))
	err = changed.Save(ctx)
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
	if st, err = ix.GetSettings(ctx); err != nil {
		t.Fatal(err)
	}
	if an := jsonOf(t, st.Analysis); !strings.Contains(an, `"my_std":{`) || !strings.Contains(an, `"max_token_length":"7"`) {
		t.Errorf("analysis after update = %s", an)
	}

	// Templates, legacy and composable.
	t.Cleanup(func() {
		for _, p := range []string{"/_template/dsl-it-legacy", "/_index_template/dsl-it-composable"} {
			if r, err := conn.Perform(context.Background(), &transport.Request{Method: "DELETE", Path: p}); err == nil {
				r.Body.Close()
			}
		}
	})
	tplIx := index.New("x").Using(conn).Settings(index.NumberOfShards(1))
	tplIx.Mapping(mapping.New().Set("msg", types.PropertyFromText(types.TextProperty{})))
	if err := tplIx.LegacyTemplate("dsl-it-legacy", "dsl-it-legacy-*", new(3)).Save(ctx); err != nil {
		t.Fatalf("legacy template: %v", err)
	}
	if err := tplIx.ComposableTemplate("dsl-it-composable", "dsl-it-comp-*", new(200)).Save(ctx); err != nil {
		t.Fatalf("composable template: %v", err)
	}
	dsltest.DeleteIndexAtCleanup(t, conn, "dsl-it-comp-1")
	created := index.New("dsl-it-comp-1").Using(conn)
	if err := created.Create(ctx); err != nil {
		t.Fatal(err)
	}
	mp, err = created.GetMapping(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := mp.Properties["msg"]; !ok {
		t.Errorf("composable template not applied: %v", mp)
	}

	if err := ix.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(ctx); !errors.Is(err, dsl.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
}

func TestIntegrationIndexExtras(t *testing.T) {
	conn := dsltest.ES(t)
	ctx := context.Background()
	dsltest.DeleteIndexAtCleanup(t, conn, "dsl-it-extras")
	an := analysis.CustomAnalyzer("low_std", analysis.BuiltinTokenizer("standard"), []analysis.TokenFilter{analysis.BuiltinTokenFilter("lowercase")}, nil)
	ix := index.New("dsl-it-extras").Using(conn).Settings(index.NumberOfReplicas(0)).Analyzer(an)
	if err := ix.Create(ctx); err != nil {
		t.Fatal(err)
	}
	toks, err := ix.Analyze(ctx, "low_std", "Hello GO World")
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, tk := range toks {
		words = append(words, tk.Token)
	}
	if !slices.Equal(words, []string{"hello", "go", "world"}) || toks[1].Position != 1 {
		t.Errorf("tokens = %+v", toks)
	}
	if err := ix.PutAlias(ctx, "dsl-it-extras-go", types.Alias{Filter: &types.QueryContainer{
		Term: map[string]types.TermQuery{"tags": types.TermValue("go")}}}); err != nil {
		t.Fatal(err)
	}
	al, err := ix.GetAliases(ctx)
	if err != nil || al["dsl-it-extras-go"].Filter == nil || !termIs(al["dsl-it-extras-go"].Filter.Term["tags"], "go") {
		t.Errorf("aliases = %v, %v", al, err)
	}
	if err := ix.DeleteAlias(ctx, "dsl-it-extras-go"); err != nil {
		t.Fatal(err)
	}
	if al, _ := ix.GetAliases(ctx); len(al) != 0 {
		t.Errorf("aliases after delete = %v", al)
	}
	// Settings typed from the specification are put as written.
	if err := ix.PutSettings(ctx, types.IndexSettings{NumberOfReplicas: types.IndexSettingsNumberOfReplicasFromInt(0),
		RefreshInterval: types.DurationFromString("7s")}); err != nil {
		t.Fatal(err)
	}
	if st, err := ix.GetSettings(ctx); err != nil || jsonOf(t, st.RefreshInterval) != `"7s"` || jsonOf(t, st.NumberOfReplicas) != `"0"` {
		t.Errorf("settings after PutSettings = %s, %v", jsonOf(t, st), err)
	}
	if err := ix.Flush(ctx); err != nil {
		t.Error(err)
	}
	if err := ix.ForceMerge(ctx, 1); err != nil {
		t.Error(err)
	}
}

// termIs reports whether the term query q matches the string v.
func termIs(q types.TermQuery, v string) bool {
	s, err := q.Value.AsString()
	return err == nil && s == v
}

// jsonOf returns v as JSON.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
