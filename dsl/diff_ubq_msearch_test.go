package dsl_test

import (
	. "github.com/esgo/esgo/dsl"
)

func init() {
	addValue("u/script", NewUpdateByQuery("x").Query(Match("title", "python")).Script(Source("ctx._source.likes++"), Lang("painless")))
	addValue("u/script_params_filter", NewUpdateByQuery().Filter(Term("a", 1)).Exclude(Term("b", 2)).
		Script(Source("ctx._source.n += params.by"), Params(m{"by": 2})).Script(Lang("painless")).Extra("max_docs", 10))
	addValue("u/query_only", NewUpdateByQuery().Query(Match("title", "x")).Query(Term("y", 1)))
	addValue("ms/two", NewMultiSearch().Add(NewSearch("a").Query(Match("t", "x"))).Add(NewSearch().Filter(Term("b", 1)).Size(2)))
}
