package dsl_test

import (
	"encoding/json"

	. "github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/types"
)

func init() {
	s := NewSearch()
	addValue("s/empty", s)
	addValue("s/query", s.Query(Match("title", "python")))
	addValue("s/query_twice", s.Query(Match("title", "python")).Query(Match("body", "web")))
	addValue("s/query_or", s.Query(Or(Match("title", "python"), Match("title", "django"))))
	addValue("s/filter", s.Filter(Term("published", true)))
	addValue("s/filter_twice", s.Filter(Term("published", true)).Filter(Range("date", Gte("2020-01-01"))))
	addValue("s/query_filter", s.Query(Match("title", "python")).Filter(Term("category", "search")))
	addValue("s/exclude", s.Exclude(Match("title", "java")))
	addValue("s/filter_exclude", s.Filter(Term("a", 1)).Exclude(Term("b", 2)))
	addValue("s/post_filter", s.Query(Match("title", "x")).PostFilter(Term("color", "red")))
	addValue("s/post_filter_twice", s.PostFilter(Term("color", "red")).PostFilter(Term("size", "L")))
	addValue("s/sort", s.SortBy(types.SortCombinationsFromField("category"), types.SortByField("title", types.SortOrderDesc),
		types.SortByFieldWith("price", types.FieldSort{Order: types.SortOrderAsc, Mode: types.SortModeAvg})))
	addValue("s/sort_strings", s.Sort("category", "-title"))
	addValue("s/sort_reset", s.Sort("a").Sort())
	addValue("s/source_list", s.SourceIncludes("title", "body"))
	addValue("s/source_false", s.Source(types.SourceEnabled(false)))
	addValue("s/source_incl_excl", s.SourceIncludes("obj1.*").SourceExcludes("*.description"))
	addValue("s/source_chain", s.SourceIncludes("obj1.*").SourceExcludes("*.description"))
	addValue("s/source_remove", s.SourceIncludes("a").SourceExcludes("b").SourceExcludes())
	addValue("s/highlight", s.Highlight([]string{"title", "body"}, FragmentSize(50)))
	addValue("s/highlight_two", s.Highlight([]string{"title"}, FragmentSize(50)).Highlight([]string{"body"}, FragmentSize(100)).HighlightOptions(Order("score"), PreTags([]string{"<b>"}...)))
	addValue("s/highlight_field_opts", s.Highlight([]string{"body"}, WithType("unified"), NumberOfFragments(3), FragmentSize(150), PreTags("<em>"), PostTags("</em>"), RequireFieldMatch(false)))
	addValue("s/suggest_term", s.Suggest("my_suggestion", "elasticsaerch", WithTerm(types.TermSuggester{Field: "body"})))
	addValue("s/suggest_completion", s.Suggest("auto", "pyth", Completion(types.CompletionSuggester{Field: "suggest", Size: types.Ptr(5)})))
	addValue("s/suggest_regex", s.SuggestRegex("auto", "py[thon|py]", Completion(types.CompletionSuggester{Field: "suggest"})))
	addValue("s/script_fields", s.ScriptField("times_two", "doc['field'].value * 2"))
	addValue("s/script_fields_full", s.ScriptFieldWith("times_three", types.ScriptField{Script: types.Script{Lang: "painless", Source: types.ScriptSourceFromScriptString("doc['field'].value * params.n"), Params: map[string]json.RawMessage{"n": json.RawMessage("3")}}}))
	addValue("s/collapse", s.Collapse("user.id", InnerHits(types.InnerHits{Name: "most_recent", Size: types.Ptr(5)}), MaxConcurrentGroupSearches(4)))
	addValue("s/collapse_reset", s.Collapse("user.id").RemoveCollapse())
	addValue("s/knn", s.Knn("embedding", 5, 10, []float32{0.1, 0.2, 0.3}))
	addValue("s/knn_two", s.Knn("e1", 5, 10, []float32{0.1, 0.2}, Boost(0.5), WithFilter(Term("category", "blog")), Similarity(0.8)).
		KnnBuilder("e2", 3, 20, types.QueryVectorBuilder{TextEmbedding: &types.TextEmbedding{ModelID: "m", ModelText: "hello"}}))
	addValue("s/knn_rrf", s.Query(Match("content", "search text")).Knn("embedding", 5, 10, []float32{1, 2}).RankRRF())
	addValue("s/rank_opts", s.RankRRF(RankWindowSize(50), RankConstant(20)))
	addValue("s/slice", s.Slice(10, 20))
	addValue("s/slice_twice", s.Slice(10, 30).Slice(5, 10))
	addValue("s/slice_open_end", s.Size(50).Slice(10, 100))
	addValue("s/index_one", s.From(5).Size(1).Slice(0, 1))
	addValue("s/extra", s.Extra("track_total_hits", true).Extra("min_score", 0.5).Extra("explain", true))
	addValue("s/full", NewSearch("blog").Query(Match("title", "python")).Filter(Term("published", true)).
		Exclude(Term("tags", "draft")).PostFilter(Terms("tags", []string{"go"})).Sort("-date", "_score").
		SourceIncludes("title").Highlight([]string{"title"}).Size(5).Extra("track_total_hits", true))
	addCase("s/from_dict_roundtrip", func() (any, error) {
		return SearchFromJSON([]byte(`{"query": {"bool": {"must": [{"match": {"title": "python"}}]}}, "aggs": {"t": {"terms": {"field": "tags"}}}, "size": 3, "sort": ["date"], "highlight": {"fields": {"title": {}}, "order": "score"}}`))
	})
	addCase("s/from_dict_then_filter", func() (any, error) {
		s, err := SearchFromJSON([]byte(`{"query": {"bool": {"must": [{"match": {"title": "python"}}], "should": [{"term": {"a": 1}}, {"term": {"b": 1}}]}}, "size": 3}`))
		return s.Filter(Term("published", true)).Query(Match("body", "x")), err
	})
	addCase("s/from_dict_suggest_text", func() (any, error) {
		s, err := SearchFromJSON([]byte(`{"suggest": {"text": "foo", "s1": {"term": {"field": "body"}}}, "post_filter": {"term": {"x": 1}}}`))
		return s.PostFilter(Term("y", 2)), err
	})
	addCase("s/count_body", func() (any, error) {
		return s.Query(Match("title", "x")).PostFilter(Term("a", 1)).Sort("b").Size(3).CountBody()
	})
}
