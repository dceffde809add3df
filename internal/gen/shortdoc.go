package main

import (
	"bytes"
	"fmt"
	"strings"
)

// shortConstructors names, per union, the hand-written constructors of
// types/short.go that build it in the commonest shapes; the union's godoc
// lists them so that a reader of the type finds them.
var shortConstructors = map[string][]string{
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
	links := make([]string, len(names))
	for i, n := range names {
		links[i] = "[" + n + "]"
	}
	fmt.Fprintf(b, "//\n// Short constructors: %s.\n", strings.Join(links, ", "))
}
