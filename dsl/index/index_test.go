package index_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/esgo/esgo/dsl/analysis"
	"github.com/esgo/esgo/dsl/document"
	"github.com/esgo/esgo/dsl/index"
)

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A custom analyzer registered by name and named in a tag reaches the index
// settings, as Python collects the analyzers of its fields.
func TestRegisteredAnalyzersAreCollected(t *testing.T) {
	analysis.RegisterAnalyzer(analysis.CustomAnalyzer("test_trigram", analysis.NewTokenizer("test_tri", "ngram", analysis.P("min_gram", 3), analysis.P("max_gram", 3)),
		[]analysis.TokenFilter{analysis.BuiltinTokenFilter("lowercase")}, nil))
	analysis.RegisterNormalizer(analysis.NewNormalizer("test_lower", []analysis.TokenFilter{analysis.BuiltinTokenFilter("lowercase")}, nil))
	type Doc struct {
		Title string `json:"title" es:"text,fields=tri:text:test_trigram"`
		Tag   string `json:"tag" es:"keyword,normalizer=test_lower"`
		Body  string `json:"body" es:"text,analyzer=standard"`
	}
	ix := index.New("collect")
	if _, err := document.New[Doc](ix); err != nil {
		t.Fatal(err)
	}
	got := mustJSON(t, ix)
	for _, want := range []string{`"test_trigram":{"filter":["lowercase"],"tokenizer":"test_tri","type":"custom"}`,
		`"test_tri":{"max_gram":3,"min_gram":3,"type":"ngram"}`, `"test_lower":{"filter":["lowercase"],"type":"custom"}`} {
		if !strings.Contains(got, want) {
			t.Errorf("index %s\nlacks %s", got, want)
		}
	}
}
