package analysis_test

import (
	"encoding/json"
	"fmt"

	"github.com/esgo/esgo/dsl/analysis"
)

// A custom analyzer carries its custom components; its definition is the
// "settings.analysis" section of an index.
func ExampleCustomAnalyzer() {
	trigram := analysis.CustomAnalyzer("trigram",
		analysis.NewTokenizer("tri", "ngram", analysis.MinGram(3), analysis.MaxGram(3)),
		[]analysis.TokenFilter{analysis.BuiltinTokenFilter("lowercase")},
		[]analysis.CharFilter{analysis.BuiltinCharFilter("html_strip")})
	b, _ := json.Marshal(trigram.Definition())
	fmt.Println(string(b))
	// Output:
	// {"analyzer":{"trigram":{"char_filter":["html_strip"],"filter":["lowercase"],"tokenizer":"tri","type":"custom"}},"tokenizer":{"tri":{"max_gram":3,"min_gram":3,"type":"ngram"}}}
}

// A registered analyzer is collected by an index whose mapping names it.
func ExampleRegisterAnalyzer() {
	analysis.RegisterAnalyzer(analysis.NewAnalyzer("short_std", "standard", analysis.MaxTokenLength(5)))
	a, ok := analysis.LookupAnalyzer("short_std")
	fmt.Println(a.Name(), ok)
	// Output:
	// short_std true
}
