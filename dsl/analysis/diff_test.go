package analysis_test

import (
	"testing"

	. "github.com/esgo/esgo/dsl/analysis"
	"github.com/esgo/esgo/internal/pydiff"
)

var (
	myAnalyzer = CustomAnalyzer("my_an", NewTokenizer("tri", "ngram", MinGram(3), MaxGram(3)),
		[]TokenFilter{BuiltinTokenFilter("lowercase"), NewTokenFilter("my_stop", "stop", Stopwords([]string{"a", "the"}))},
		[]CharFilter{BuiltinCharFilter("html_strip"), NewCharFilter("cf", "mapping", Mappings([]string{"a => b"}...))})
	myNormalizer = NewNormalizer("my_norm", []TokenFilter{BuiltinTokenFilter("lowercase"), BuiltinTokenFilter("asciifolding")}, nil)
)

func TestDifferentialAgainstPython(t *testing.T) {
	var c pydiff.Cases
	c.Value("an/definition", myAnalyzer.Definition())
	c.Value("an/normalizer_definition", myNormalizer.Definition())
	c.Value("an/whitespace_custom", CustomAnalyzer("ws", BuiltinTokenizer("whitespace"),
		[]TokenFilter{BuiltinTokenFilter("lowercase"), NewTokenFilter("syn", "synonym", Synonyms([]string{"a, b"}...))}, nil).Definition())
	c.Value("an/builtin_type", NewAnalyzer("my_std", "standard", Stopwords("_english_"), MaxTokenLength(5)).Definition())
	c.Run(t, "testdata/diff/cases.py")
}

func TestRegistry(t *testing.T) {
	if _, ok := LookupAnalyzer("analysis_test_unknown"); ok {
		t.Error("unregistered analyzer found")
	}
	RegisterAnalyzer(NewAnalyzer("analysis_test_an", "standard", MaxTokenLength(5)))
	a, ok := LookupAnalyzer("analysis_test_an")
	if !ok || a.Name() != "analysis_test_an" {
		t.Errorf("LookupAnalyzer = %v, %v", a, ok)
	}
	RegisterNormalizer(NewNormalizer("analysis_test_norm", []TokenFilter{BuiltinTokenFilter("lowercase")}, nil))
	if n, ok := LookupNormalizer("analysis_test_norm"); !ok || n.Name() != "analysis_test_norm" {
		t.Errorf("LookupNormalizer = %v, %v", n, ok)
	}
	// A built-in analyzer has no definition to add.
	if d := BuiltinAnalyzer("english").Definition(); len(d) != 0 {
		t.Errorf("built-in analyzer definition = %v", d)
	}
}
