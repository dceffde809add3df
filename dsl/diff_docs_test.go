package dsl_test

import (
	"time"

	. "github.com/esgo/esgo/dsl"
)

func init() {
	addValue("u/script", NewUpdateByQuery("x").Query(Match("title", "python")).Script(P("source", "ctx._source.likes++"), P("lang", "painless")))
	addValue("u/script_params_filter", NewUpdateByQuery().Filter(Term("a", 1)).Exclude(Term("b", 2)).
		Script(P("source", "ctx._source.n += params.by"), P("params", m{"by": 2})).Script(P("lang", "painless")).Extra("max_docs", 10))
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
