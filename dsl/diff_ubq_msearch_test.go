package dsl_test

import (
	. "github.com/esgo/esgo/dsl"
)

func init() {
	addValue("u/script", NewUpdateByQuery("x").Query(Match("title", "python")).Script(P("source", "ctx._source.likes++"), P("lang", "painless")))
	addValue("u/script_params_filter", NewUpdateByQuery().Filter(Term("a", 1)).Exclude(Term("b", 2)).
		Script(P("source", "ctx._source.n += params.by"), P("params", m{"by": 2})).Script(P("lang", "painless")).Extra("max_docs", 10))
	addValue("u/query_only", NewUpdateByQuery().Query(Match("title", "x")).Query(Term("y", 1)))
	addValue("ms/two", NewMultiSearch().Add(NewSearch("a").Query(Match("t", "x"))).Add(NewSearch().Filter(Term("b", 1)).Size(2)))
}
