package dsl_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/types"
)

// TestOptionsOnlyWhereTaken: an option implements the option interface of
// exactly the queries, aggregations and search parts whose specification
// type has that parameter; P (raw) implements all of them.
func TestOptionsOnlyWhereTaken(t *testing.T) {
	iface := func(p any) reflect.Type { return reflect.TypeOf(p).Elem() }
	for _, c := range []struct {
		name  string
		opt   any
		iface reflect.Type
		want  bool
	}{
		{"range takes no size", dsl.Size(3), iface((*dsl.RangeOption)(nil)), false},
		{"terms agg takes size", dsl.Size(3), iface((*dsl.TermsAggOption)(nil)), true},
		{"range takes gte", dsl.Gte(1), iface((*dsl.RangeOption)(nil)), true},
		{"match takes no gte", dsl.Gte(1), iface((*dsl.MatchOption)(nil)), false},
		{"highlight field takes fragment_size", dsl.FragmentSize(150), iface((*dsl.HighlightFieldOption)(nil)), true},
		{"match takes no fragment_size", dsl.FragmentSize(150), iface((*dsl.MatchOption)(nil)), false},
		{"function_score takes max_boost", dsl.MaxBoost(4), iface((*dsl.FunctionScoreOption)(nil)), true},
		{"has_child takes min_children", dsl.MinChildren(2), iface((*dsl.HasChildOption)(nil)), true},
		{"has_parent takes no min_children", dsl.MinChildren(2), iface((*dsl.HasParentOption)(nil)), false},
		{"knn query takes k", dsl.K(5), iface((*dsl.KnnOption)(nil)), true},
		{"knn search takes similarity", dsl.Similarity(0.5), iface((*dsl.KnnSearchOption)(nil)), true},
		{"avg agg takes no order", dsl.Order(map[string]types.SortOrder{"_count": types.SortOrderAsc}), iface((*dsl.AvgAggOption)(nil)), false},
		{"every query takes _name", dsl.QueryName("n"), iface((*dsl.GeoShapeOption)(nil)), true},
		{"raw P goes anywhere", dsl.P("x", 1), iface((*dsl.RangeOption)(nil)), true},
	} {
		if got := reflect.TypeOf(c.opt).Implements(c.iface); got != c.want {
			t.Errorf("%s: %T implements %v = %v, want %v", c.name, c.opt, c.iface, got, c.want)
		}
	}
}

// TestOptionsSetTheirParameter: an option sets the parameter it is named
// after, with its value, where the query puts parameters.
func TestOptionsSetTheirParameter(t *testing.T) {
	q := dsl.Match("title", "go", dsl.Operator("and"), dsl.Fuzziness("AUTO"), dsl.QueryName("m"))
	got, err := json.Marshal(q)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"match":{"title":{"_name":"m","fuzziness":"AUTO","operator":"and","query":"go"}}}`
	if string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
	s := dsl.NewSearch("x").Highlight([]string{"body"}, dsl.FragmentSize(150), dsl.NumberOfFragments(3))
	body, err := s.ToJSON()
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"highlight":{"fields":{"body":{"fragment_size":150,"number_of_fragments":3}}}}`; string(body) != want {
		t.Errorf("got %s, want %s", body, want)
	}
}

// TestWrongOptionDoesNotCompile builds a program that gives a range query
// a size, through the go command with an overlay (nothing is written into
// the source tree), and expects the compiler to refuse it naming the
// option interface.
func TestWrongOptionDoesNotCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command (-short)")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	prog := "package main\n\nimport \"github.com/esgo/esgo/dsl\"\n\nfunc main() { _ = dsl.Range(\"price\", dsl.Size(3)) }\n"
	if err := os.WriteFile(src, []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(wd, "internal_compilecheck", "main.go")
	overlay, _ := json.Marshal(map[string]any{"Replace": map[string]string{target: src}})
	ov := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(ov, overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goCmd, "build", "-overlay", ov, "-o", os.DevNull, "./internal_compilecheck")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatal("dsl.Range(\"price\", dsl.Size(3)) compiled")
	}
	t.Logf("%s", out)
	if !strings.Contains(string(out), "RangeOption") {
		t.Errorf("the compiler's error does not name RangeOption:\n%s", out)
	}
}

// TestFromSpecTypes: a query and an aggregation built with the
// specification's types join the DSL and combine like the others.
func TestFromSpecTypes(t *testing.T) {
	q, err := dsl.QueryFrom(types.QueryContainer{Match: map[string]types.MatchQuery{
		"title": {Query: types.MatchQueryQueryFromString("go"), Operator: types.OperatorAnd}}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(dsl.And(q, dsl.Term("status", "published")))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"bool":{"must":[{"match":{"title":{"operator":"and","query":"go"}}},{"term":{"status":"published"}}]}}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
	a, err := dsl.AggFrom(types.AggregationContainer{Terms: &types.TermsAggregation{Field: "tags"},
		Aggregations: map[string]types.AggregationContainer{"avg_lines": {Avg: &types.AverageAggregation{Field: "lines"}}}})
	if err != nil {
		t.Fatal(err)
	}
	body, err := dsl.NewSearch().Agg("tags", a).ToJSON()
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"aggs":{"tags":{"aggs":{"avg_lines":{"avg":{"field":"lines"}}},"terms":{"field":"tags"}}}}`; string(body) != want {
		t.Errorf("got %s, want %s", body, want)
	}
	if _, err := dsl.QueryFrom(types.QueryContainer{}); err == nil {
		t.Error("an empty container gave no error")
	}
}
