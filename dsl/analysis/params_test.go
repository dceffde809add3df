package analysis_test

import (
	"reflect"
	"testing"

	"github.com/esgo/esgo/dsl/analysis"
)

// TestOptionsOnlyWhereTaken: an analysis option implements the interface
// of each kind of component whose specification types have the
// parameter; P (raw) implements all.
func TestOptionsOnlyWhereTaken(t *testing.T) {
	iface := func(p any) reflect.Type { return reflect.TypeOf(p).Elem() }
	for _, c := range []struct {
		name  string
		opt   any
		iface reflect.Type
		want  bool
	}{
		{"tokenizer takes min_gram", analysis.MinGram(3), iface((*analysis.TokenizerOption)(nil)), true},
		{"token filter takes min_gram (ngram)", analysis.MinGram(3), iface((*analysis.TokenFilterOption)(nil)), true},
		{"char filter takes no min_gram", analysis.MinGram(3), iface((*analysis.CharFilterOption)(nil)), false},
		{"analyzer takes stopwords", analysis.Stopwords("_english_"), iface((*analysis.AnalyzerOption)(nil)), true},
		{"tokenizer takes no stopwords", analysis.Stopwords("_english_"), iface((*analysis.TokenizerOption)(nil)), false},
		{"char filter takes mappings", analysis.Mappings("a => b"), iface((*analysis.CharFilterOption)(nil)), true},
		{"analyzer takes max_token_length", analysis.MaxTokenLength(5), iface((*analysis.AnalyzerOption)(nil)), true},
		{"raw P goes anywhere", analysis.P("x", 1), iface((*analysis.CharFilterOption)(nil)), true},
	} {
		if got := reflect.TypeOf(c.opt).Implements(c.iface); got != c.want {
			t.Errorf("%s: %T implements %v = %v, want %v", c.name, c.opt, c.iface, got, c.want)
		}
	}
}
