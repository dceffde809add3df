package index_test

import (
	"testing"

	"github.com/esgo/esgo/dsl/analysis"
	. "github.com/esgo/esgo/dsl/index"
	"github.com/esgo/esgo/dsl/internal/dsltest"
	"github.com/esgo/esgo/dsl/mapping"
	"github.com/esgo/esgo/internal/pydiff"
	"github.com/esgo/esgo/types"
)

// The document types shared with the other packages' differential cases.
type (
	Address = dsltest.Address
	Comment = dsltest.Comment
	Post    = dsltest.Post
)

type Article struct {
	Title    string    `json:"title" es:"analyzer=my_an,fields=raw:keyword"`
	Tag      string    `json:"tag" es:"keyword,normalizer=my_norm"`
	Comments []Comment `json:"comments"`
}

var (
	myAnalyzer = analysis.CustomAnalyzer("my_an", analysis.NewTokenizer("tri", "ngram", analysis.MinGram(3), analysis.MaxGram(3)),
		[]analysis.TokenFilter{analysis.BuiltinTokenFilter("lowercase"), analysis.NewTokenFilter("my_stop", "stop", analysis.Stopwords([]string{"a", "the"}))},
		[]analysis.CharFilter{analysis.BuiltinCharFilter("html_strip"), analysis.NewCharFilter("cf", "mapping", analysis.Mappings([]string{"a => b"}...))})
	myNormalizer = analysis.NewNormalizer("my_norm", []analysis.TokenFilter{analysis.BuiltinTokenFilter("lowercase"), analysis.BuiltinTokenFilter("asciifolding")}, nil)
)

func articleIndex() *Index {
	ix := New("articles").Settings(NumberOfShards(1), NumberOfReplicas(0)).Aliases(map[string]types.Alias{"arts": {}}).
		Analyzer(myAnalyzer).Normalizer(myNormalizer)
	if _, err := ix.Document(Article{}); err != nil {
		panic(err)
	}
	return ix
}

func postsIndex(name string) *Index {
	ix := New(name).Settings(NumberOfShards(1))
	if _, err := ix.Document(Post{}); err != nil {
		panic(err)
	}
	return ix
}

func TestDifferentialAgainstPython(t *testing.T) {
	var c pydiff.Cases
	c.Add("i/article_index", func() (any, error) { return articleIndex(), nil })
	c.Add("i/plain", func() (any, error) {
		return New("x").Settings(NumberOfShards(2)).Settings(NumberOfReplicas(0)), nil
	})
	c.Add("i/aliases_filter", func() (any, error) {
		return New("blog-v2").Aliases(map[string]types.Alias{"blog": {}, "published": {Filter: &types.QueryContainer{
			Term: map[string]types.TermQuery{"published": types.TermValue(true)}}}}), nil
	})
	c.Add("i/analyzer_only", func() (any, error) { return New("x").Analyzer(myAnalyzer), nil })
	c.Add("i/builtin_type_analyzer", func() (any, error) {
		return New("x").Analyzer(analysis.NewAnalyzer("my_std", "standard", analysis.Stopwords("_english_"), analysis.MaxTokenLength(5))), nil
	})
	c.Add("i/document_and_settings", func() (any, error) { return postsIndex("posts"), nil })
	c.Add("i/legacy_template", func() (any, error) { return postsIndex("logs").LegacyTemplate("logs-tpl", "logs-*", new(2)), nil })
	c.Add("i/composable_template", func() (any, error) {
		return New("logs").Settings(NumberOfShards(1)).Aliases(map[string]types.Alias{"all_logs": {}}).ComposableTemplate("logs-ctpl", "logs-*", new(100)), nil
	})
	// Analyzers named by typed properties are collected as Python collects
	// the analyzers of its fields, once registered.
	analysis.RegisterAnalyzer(myAnalyzer)
	analysis.RegisterNormalizer(myNormalizer)
	c.Value("i/typed_mapping", New("typed").Mapping(mapping.New().
		Set("title", types.PropertyFromText(types.TextProperty{Analyzer: "my_an", Fields: map[string]types.Property{
			"raw": types.PropertyFromKeyword(types.KeywordProperty{IgnoreAbove: new(256)}),
		}})).
		Set("tag", types.PropertyFromKeyword(types.KeywordProperty{Normalizer: "my_norm"})).
		Apply(types.TypeMapping{Dynamic: types.DynamicMappingStrict})))
	c.Run(t, "testdata/diff/cases.py")
}
