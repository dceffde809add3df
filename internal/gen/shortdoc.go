package main

import (
	"bytes"
)

// shortConstructors names, per type, the hand-written constructors of
// types/short*.go that build it in the commonest shapes; the type's godoc
// lists them so that a reader of the type finds them (TestShortDocNames
// checks that each exists).
var shortConstructors = map[string][]string{
	"QueryContainer": {"MatchOn", "MatchWith", "MatchPhraseOn", "MatchPhraseWith", "MatchPhrasePrefixOn", "MatchPhrasePrefixWith",
		"TermOn", "TermWith", "TermsOn", "RangeOn", "RangeWith", "PrefixOn", "PrefixWith", "WildcardOn", "WildcardWith",
		"RegexpOn", "RegexpWith", "ExistsOn", "NestedOn", "MatchAll", "Bool", "Must", "Filter", "Should", "MustNot"},
	"AggregationContainer": {"Aggs", "Agg", "TermsAgg", "AvgAgg", "SumAgg", "MinAgg", "MaxAgg", "StatsAgg", "ValueCountAgg",
		"CardinalityAgg", "NestedAgg", "FilterAgg", "DateHistogramAgg", "HistogramAgg", "RangeAgg"},
	"MatchQuery":       {"MatchValue"},
	"TermQuery":        {"TermValue"},
	"FieldValue":       {"Value", "Values", "TermValue"},
	"MatchQueryQuery":  {"MatchValue"},
	"TermsQueryField":  {"TermsValues"},
	"RangeQuery":       {"Range", "Gt", "Gte", "Lt", "Lte"},
	"SortCombinations": {"SortByField", "SortByFieldWith", "SortByScore", "SortByDoc"},
	"HighlightFields":  {"HighlightFieldsOf"},
	"TrackHits":        {"TrackTotalHits", "TrackTotalHitsUpTo"},
	"SourceConfig":     {"SourceIncludes", "SourceExcludes", "SourceEnabled"},
}

// writeShortDoc writes the paragraph of the union name's godoc that lists
// its short constructors, if it has any.
func writeShortDoc(b *bytes.Buffer, name string) {
	names := shortConstructors[name]
	if len(names) == 0 {
		return
	}
	b.WriteString("//\n")
	line := "// Short constructors:"
	for i, n := range names {
		word := " [" + n + "]"
		if i < len(names)-1 {
			word += ","
		} else {
			word += "."
		}
		if len(line)+len(word) > 80 {
			b.WriteString(line + "\n")
			line = "//"
		}
		line += word
	}
	b.WriteString(line + "\n")
}
