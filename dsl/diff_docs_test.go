package dsl_test

import (
	"net"
	"time"

	. "github.com/esgo/esgo/dsl"
)

type Scalars struct {
	Title string    `json:"title"`
	Count int64     `json:"count"`
	Small int32     `json:"small"`
	Tiny  int16     `json:"tiny"`
	B     int8      `json:"b"`
	Price float64   `json:"price"`
	Ratio float32   `json:"ratio"`
	OK    bool      `json:"ok"`
	When  time.Time `json:"when"`
	Blob  []byte    `json:"blob"`
	Addr  net.IP    `json:"addr"`
	// Skipped fields.
	Secret   string `json:"-"`
	internal string //lint:ignore U1000 unexported fields stay out of the mapping
	NoMap    string `json:"nomap" es:"-"`
}

type KT struct {
	Tags  []string `json:"tags" es:"keyword"`
	Body  string   `json:"body" es:"analyzer=english,search_analyzer=standard"`
	Name  string   `json:"name" es:"keyword,ignore_above=256,normalizer=lowercase"`
	Title string   `json:"title" es:"fields=raw:keyword"`
	Code  string   `json:"code" es:"text,fields=raw:keyword|en:text:english,copy_to=all|other"`
	Idx   string   `json:"idx" es:"keyword,index=false,doc_values=false"`
}

type Address struct {
	Street string `json:"street"`
	Zip    string `json:"zip" es:"keyword"`
}

type Comment struct {
	Author  string    `json:"author" es:"keyword"`
	Text    string    `json:"text"`
	Likes   int64     `json:"likes"`
	Created time.Time `json:"created"`
}

type BlogPost struct {
	Title    string    `json:"title"`
	Address  Address   `json:"address"`
	Comments []Comment `json:"comments"`
	Tags     []string  `json:"tags" es:"keyword"`
}

type Vec struct {
	Embedding []float32 `json:"embedding" es:"dense_vector,dims=3,similarity=cosine"`
	V2        []float32 `json:"v2" es:"dense_vector,dims=4,index=true,similarity=dot_product,element_type=float"`
	Name      *string   `json:"name"`
}

type NO struct {
	A  *Address       `json:"a"`
	N  []*Comment     `json:"n"`
	O  map[string]any `json:"o"`
	DT time.Time      `json:"dt" es:"format=yyyy-MM-dd"`
}

type Article struct {
	Title    string    `json:"title" es:"analyzer=my_an,fields=raw:keyword"`
	Tag      string    `json:"tag" es:"keyword,normalizer=my_norm"`
	Comments []Comment `json:"comments"`
}

var (
	myAnalyzer = CustomAnalyzer("my_an", NewTokenizer("tri", "ngram", P("min_gram", 3), P("max_gram", 3)),
		[]TokenFilter{BuiltinTokenFilter("lowercase"), NewTokenFilter("my_stop", "stop", P("stopwords", []string{"a", "the"}))},
		[]CharFilter{BuiltinCharFilter("html_strip"), NewCharFilter("cf", "mapping", P("mappings", []string{"a => b"}))})
	myNormalizer = NewNormalizer("my_norm", []TokenFilter{BuiltinTokenFilter("lowercase"), BuiltinTokenFilter("asciifolding")}, nil)
)

func mappingCase[T any]() func() (any, error) {
	return func() (any, error) { return MappingFor[T]() }
}

func articleIndex() *Index {
	ix := NewIndex("articles").Settings(m{"number_of_shards": 1, "number_of_replicas": 0}).Aliases(m{"arts": m{}}).
		Analyzer(myAnalyzer).Normalizer(myNormalizer)
	if _, err := NewDocType[Article](ix); err != nil {
		panic(err)
	}
	return ix
}

func postsIndex(name string) *Index {
	ix := NewIndex(name).Settings(m{"number_of_shards": 1})
	if _, err := ix.Document(BlogPost{}); err != nil {
		panic(err)
	}
	return ix
}

func init() {
	addCase("m/scalars", mappingCase[Scalars]())
	addCase("m/keyword_and_text", mappingCase[KT]())
	addCase("m/nested_object", mappingCase[BlogPost]())
	addCase("m/vectors", mappingCase[Vec]())
	addCase("m/explicit_nested_object", mappingCase[NO]())
	addCase("m/article_mapping", mappingCase[Article]())
	addCase("i/article_index", func() (any, error) { return articleIndex(), nil })
	addCase("i/plain", func() (any, error) {
		return NewIndex("x").Settings(m{"number_of_shards": 2}).Settings(m{"number_of_replicas": 0}), nil
	})
	addCase("i/aliases_filter", func() (any, error) {
		return NewIndex("blog-v2").Aliases(m{"blog": m{}, "published": m{"filter": Term("published", true)}}), nil
	})
	addCase("i/analyzer_only", func() (any, error) { return NewIndex("x").Analyzer(myAnalyzer), nil })
	addCase("i/builtin_type_analyzer", func() (any, error) {
		return NewIndex("x").Analyzer(NewAnalyzer("my_std", "standard", P("stopwords", "_english_"), P("max_token_length", 5))), nil
	})
	addCase("i/document_and_settings", func() (any, error) { return postsIndex("posts"), nil })
	addCase("i/legacy_template", func() (any, error) { return postsIndex("logs").LegacyTemplate("logs-tpl", "logs-*", new(2)), nil })
	addCase("i/composable_template", func() (any, error) {
		return NewIndex("logs").Settings(m{"number_of_shards": 1}).Aliases(m{"all_logs": m{}}).ComposableTemplate("logs-ctpl", "logs-*", new(100)), nil
	})
	addCase("an/definition", func() (any, error) { return myAnalyzer.Definition(), nil })
	addCase("an/normalizer_definition", func() (any, error) { return myNormalizer.Definition(), nil })
	addCase("an/whitespace_custom", func() (any, error) {
		return CustomAnalyzer("ws", BuiltinTokenizer("whitespace"), []TokenFilter{BuiltinTokenFilter("lowercase"), NewTokenFilter("syn", "synonym", P("synonyms", []string{"a, b"}))}, nil).Definition(), nil
	})

	addValue("u/script", NewUpdateByQuery("x").Query(Match("title", "python")).Script(Source("ctx._source.likes++"), Lang("painless")))
	addValue("u/script_params_filter", NewUpdateByQuery().Filter(Term("a", 1)).Exclude(Term("b", 2)).
		Script(Source("ctx._source.n += params.by"), Params(m{"by": 2})).Script(Lang("painless")).Extra("max_docs", 10))
	addValue("u/query_only", NewUpdateByQuery().Query(Match("title", "x")).Query(Term("y", 1)))
	addValue("ms/two", NewMultiSearch().Add(NewSearch("a").Query(Match("t", "x"))).Add(NewSearch().Filter(Term("b", 1)).Size(2)))

	blog := func() FacetedSearch {
		return NewFacetedSearch(NewSearch("blogs"), "title^5", "body").
			Facet("tags", TermsFacet("tags")).
			Facet("stars", RangeFacet("stars", []FacetRange{{Key: "low", To: 3}, {Key: "high", From: 3}})).
			Facet("size", HistogramFacet("size", 10)).
			Facet("month", DateHistogramFacet("published", FacetParam("calendar_interval", "month"))).
			Facet("authors", NestedFacet("comments", TermsFacet("comments.author")))
	}
	addValue("f/no_query", blog())
	addValue("f/query", blog().Query("python web"))
	addValue("f/filter_terms", blog().Query("python").Filter("tags", "go", "rust"))
	addValue("f/filter_range", blog().Filter("stars", "high"))
	addValue("f/filter_histogram", blog().Filter("size", 20))
	addValue("f/filter_date", blog().Filter("month", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)))
	addValue("f/filter_nested", blog().Filter("authors", "kim"))
	addValue("f/filters_combined", blog().Query("q").Filter("tags", "go").Filter("stars", "low", "high").Filter("size", 10, 30))
	addValue("f/sort", blog().Query("q").Sort("-published", "title"))
	addValue("f/page", blog().Query("q").Slice(10, 20))
	shop := func() FacetedSearch {
		return NewFacetedSearch(NewSearch("shop")).Facet("brand", TermsFacet("brand", FacetMetric(MaxAgg("price"), "desc"), FacetParam("size", 5)))
	}
	addValue("f/metric", shop())
	addValue("f/metric_filter", shop().Query("phone").Filter("brand", "acme"))
}
