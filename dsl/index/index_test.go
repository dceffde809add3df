package index_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/esgo/esgo/dsl/analysis"
	"github.com/esgo/esgo/dsl/index"
	"github.com/esgo/esgo/dsl/mapping"
	"github.com/esgo/esgo/types"
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
	analysis.RegisterAnalyzer(analysis.CustomAnalyzer("test_trigram", analysis.NewTokenizer("test_tri", "ngram", analysis.MinGram(3), analysis.MaxGram(3)),
		[]analysis.TokenFilter{analysis.BuiltinTokenFilter("lowercase")}, nil))
	analysis.RegisterAnalyzer(analysis.NewAnalyzer("test_search", "standard", analysis.MaxTokenLength(4)))
	analysis.RegisterNormalizer(analysis.NewNormalizer("test_lower", []analysis.TokenFilter{analysis.BuiltinTokenFilter("lowercase")}, nil))
	type Doc struct {
		Title string `json:"title" es:"text,fields=tri:text:test_trigram"`
		Tag   string `json:"tag" es:"keyword,normalizer=test_lower"`
		Body  string `json:"body" es:"text,analyzer=standard"`
	}
	ix := index.New("collect")
	if _, err := ix.Document(Doc{}); err != nil {
		t.Fatal(err)
	}
	// Fields set with typed properties count too.
	ix.Mapping(mapping.New().Set("extra", types.PropertyFromText(types.TextProperty{SearchAnalyzer: "test_search"})))
	got := mustJSON(t, ix)
	for _, want := range []string{`"test_trigram":{"filter":["lowercase"],"tokenizer":"test_tri","type":"custom"}`,
		`"test_tri":{"max_gram":3,"min_gram":3,"type":"ngram"}`, `"test_lower":{"filter":["lowercase"],"type":"custom"}`,
		`"test_search":{"max_token_length":4,"type":"standard"}`} {
		if !strings.Contains(got, want) {
			t.Errorf("index %s\nlacks %s", got, want)
		}
	}
}

// A mistake made building a mapping stops the index before any request.
func TestMappingMistakeStopsTheIndex(t *testing.T) {
	ix := index.New("mistake").UsingAlias("index-test-no-such-connection").
		Mapping(mapping.New().Set("a.b", types.PropertyFromKeyword(types.KeywordProperty{})))
	if err := ix.Err(); !errors.Is(err, mapping.ErrInvalid) {
		t.Fatalf("Err = %v", err)
	}
	if _, err := json.Marshal(ix); !errors.Is(err, mapping.ErrInvalid) {
		t.Errorf("marshal: %v", err)
	}
	ctx := context.Background()
	for name, op := range map[string]func() error{
		"Create":     func() error { return ix.Create(ctx) },
		"Save":       func() error { return ix.Save(ctx) },
		"PutMapping": func() error { return ix.PutMapping(ctx) },
		"Template":   func() error { return ix.ComposableTemplate("t", "mistake-*", nil).Save(ctx) },
	} {
		// The alias names no connection: reaching the network would fail
		// with connections.ErrNoConnection instead.
		if err := op(); !errors.Is(err, mapping.ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
