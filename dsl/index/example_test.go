package index_test

import (
	"encoding/json"
	"fmt"

	"github.com/esgo/esgo/dsl/analysis"
	"github.com/esgo/esgo/dsl/index"
	"github.com/esgo/esgo/types"
)

func printJSON(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(string(b))
}

// Custom analyzers are collected into the index settings.
func ExampleIndex() {
	trigram := analysis.CustomAnalyzer("trigram", analysis.NewTokenizer("tri", "ngram", analysis.MinGram(3), analysis.MaxGram(3)),
		[]analysis.TokenFilter{analysis.BuiltinTokenFilter("lowercase")}, nil)
	ix := index.New("blog").Settings(index.NumberOfShards(1)).
		Aliases(map[string]types.Alias{"posts": {}}).Analyzer(trigram)
	printJSON(ix)
	// Output:
	// {"aliases":{"posts":{}},"settings":{"analysis":{"analyzer":{"trigram":{"filter":["lowercase"],"tokenizer":"tri","type":"custom"}},"tokenizer":{"tri":{"max_gram":3,"min_gram":3,"type":"ngram"}}},"number_of_shards":1}}
}
