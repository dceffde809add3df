package types

// Short constructors of the queries a search touches most. Each returns a
// QueryContainer and reads like the query's JSON: the query's name, then
// "On", then the field it runs on, so no map by field is written.
//
//	types.MatchOn("name", "coffee")        // {"match":{"name":{"query":"coffee"}}}
//	types.RangeOn("price", types.Lte(40))  // {"range":{"price":{"lte":40}}}
//
// The XxxWith forms take the query's generated struct, for its other
// options (operator, fuzziness, boost, format, ...):
//
//	m := types.MatchValue("coffee beans")
//	m.Operator = types.OperatorAnd
//	types.MatchWith("name", m) // {"match":{"name":{"operator":"and","query":"coffee beans"}}}

// MatchOn returns the match query for q (a text, a number or a boolean,
// analyzed before matching) on field:
//
//	types.MatchOn("name", "coffee") // {"match":{"name":{"query":"coffee"}}}
//
// For its options (operator, fuzziness, ...) use [MatchWith].
func MatchOn[T Scalar](field string, q T) QueryContainer {
	return MatchWith(field, MatchValue(q))
}

// MatchWith returns the match query q on field, with all of MatchQuery's
// options; start from [MatchValue]:
//
//	m := types.MatchValue("coffee beans")
//	m.Operator = types.OperatorAnd
//	types.MatchWith("name", m) // {"match":{"name":{"operator":"and","query":"coffee beans"}}}
func MatchWith(field string, q MatchQuery) QueryContainer {
	return QueryContainer{Match: map[string]MatchQuery{field: q}}
}

// MatchPhraseOn returns the match_phrase query for phrase on field: the
// words of phrase, in the same order.
//
//	types.MatchPhraseOn("name", "coffee beans") // {"match_phrase":{"name":{"query":"coffee beans"}}}
func MatchPhraseOn(field, phrase string) QueryContainer {
	return MatchPhraseWith(field, MatchPhraseQuery{Query: phrase})
}

// MatchPhraseWith returns the match_phrase query q on field, with all of
// MatchPhraseQuery's options (slop, analyzer, ...).
func MatchPhraseWith(field string, q MatchPhraseQuery) QueryContainer {
	return QueryContainer{MatchPhrase: map[string]MatchPhraseQuery{field: q}}
}

// MatchPhrasePrefixOn returns the match_phrase_prefix query for text on
// field: its words in order, the last one a prefix (search as you type).
//
//	types.MatchPhrasePrefixOn("name", "coffee gr") // {"match_phrase_prefix":{"name":{"query":"coffee gr"}}}
func MatchPhrasePrefixOn(field, text string) QueryContainer {
	return MatchPhrasePrefixWith(field, MatchPhrasePrefixQuery{Query: text})
}

// MatchPhrasePrefixWith returns the match_phrase_prefix query q on field,
// with all of MatchPhrasePrefixQuery's options (max_expansions, slop, ...).
func MatchPhrasePrefixWith(field string, q MatchPhrasePrefixQuery) QueryContainer {
	return QueryContainer{MatchPhrasePrefix: map[string]MatchPhrasePrefixQuery{field: q}}
}

// TermOn returns the term query for the exact value v (not analyzed) on
// field:
//
//	types.TermOn("in_stock", true)     // {"term":{"in_stock":{"value":true}}}
//	types.TermOn("category", "coffee") // {"term":{"category":{"value":"coffee"}}}
//
// For its options (case_insensitive, boost) use [TermWith].
func TermOn[T Scalar](field string, v T) QueryContainer {
	return TermWith(field, TermValue(v))
}

// TermWith returns the term query q on field, with all of TermQuery's
// options.
func TermWith(field string, q TermQuery) QueryContainer {
	return QueryContainer{Term: map[string]TermQuery{field: q}}
}

// TermsOn returns the terms query on field: documents whose field holds
// one of values exactly.
//
//	types.TermsOn("category", "coffee", "tools") // {"terms":{"category":["coffee","tools"]}}
func TermsOn[T Scalar](field string, values ...T) QueryContainer {
	return QueryContainer{Terms: &TermsQuery{Extra: map[string]TermsQueryField{field: TermsValues(values...)}}}
}

// RangeOn returns the range query on field with the given bounds (made by
// [Gt], [Gte], [Lt] and [Lte]; a later bound of the same kind replaces an
// earlier one):
//
//	types.RangeOn("price", types.Gte(10), types.Lt(20)) // {"range":{"price":{"gte":10,"lt":20}}}
//	types.RangeOn("created", types.Gte("now-1d/d"))    // {"range":{"created":{"gte":"now-1d/d"}}}
//
// For a format, a time zone, a relation or a boost use [RangeWith].
func RangeOn(field string, bounds ...RangeBound) QueryContainer {
	return RangeWith(field, Range(bounds...))
}

// RangeWith returns the range query r on field, built with [Range] or
// with RangeQueryFromDate, RangeQueryFromNumber or RangeQueryFromTerm for
// all of a range's options:
//
//	types.RangeWith("created", types.RangeQueryFromDate(types.DateRangeQuery{Gte: new("01/2025"), Format: "MM/yyyy"}))
//	// {"range":{"created":{"gte":"01/2025","format":"MM/yyyy"}}}
func RangeWith(field string, r RangeQuery) QueryContainer {
	return QueryContainer{Range: map[string]RangeQuery{field: r}}
}

// PrefixOn returns the prefix query on field: terms that begin with
// prefix (not analyzed).
//
//	types.PrefixOn("category", "cof") // {"prefix":{"category":{"value":"cof"}}}
func PrefixOn(field, prefix string) QueryContainer {
	return PrefixWith(field, PrefixQuery{Value: prefix})
}

// PrefixWith returns the prefix query q on field, with all of
// PrefixQuery's options (case_insensitive, rewrite, ...).
func PrefixWith(field string, q PrefixQuery) QueryContainer {
	return QueryContainer{Prefix: map[string]PrefixQuery{field: q}}
}

// WildcardOn returns the wildcard query on field: terms that match
// pattern, where ? is any one character and * any characters.
//
//	types.WildcardOn("category", "co*ee") // {"wildcard":{"category":{"value":"co*ee"}}}
func WildcardOn(field, pattern string) QueryContainer {
	return WildcardWith(field, WildcardQuery{Value: pattern})
}

// WildcardWith returns the wildcard query q on field, with all of
// WildcardQuery's options (case_insensitive, rewrite, ...).
func WildcardWith(field string, q WildcardQuery) QueryContainer {
	return QueryContainer{Wildcard: map[string]WildcardQuery{field: q}}
}

// RegexpOn returns the regexp query on field: terms that match the
// regular expression pattern (Lucene's syntax, anchored at both ends).
//
//	types.RegexpOn("category", "co.*e") // {"regexp":{"category":{"value":"co.*e"}}}
func RegexpOn(field, pattern string) QueryContainer {
	return RegexpWith(field, RegexpQuery{Value: pattern})
}

// RegexpWith returns the regexp query q on field, with all of
// RegexpQuery's options (flags, case_insensitive, ...).
func RegexpWith(field string, q RegexpQuery) QueryContainer {
	return QueryContainer{Regexp: map[string]RegexpQuery{field: q}}
}

// ExistsOn returns the exists query on field: documents with an indexed
// value for it.
//
//	types.ExistsOn("reviews") // {"exists":{"field":"reviews"}}
func ExistsOn(field string) QueryContainer {
	return QueryContainer{Exists: &ExistsQuery{Field: field}}
}

// NestedOn returns the nested query on path: documents with a nested
// object under path that matches q on its own.
//
//	types.NestedOn("reviews", types.RangeOn("reviews.stars", types.Gte(4)))
//	// {"nested":{"path":"reviews","query":{"range":{"reviews.stars":{"gte":4}}}}}
func NestedOn(path string, q QueryContainer) QueryContainer {
	return QueryContainer{Nested: &NestedQuery{Path: path, Query: q}}
}

// MatchAll returns the query that matches every document: {"match_all":{}}.
func MatchAll() QueryContainer { return QueryContainer{MatchAll: &MatchAllQuery{}} }

// BoolClause is one occurrence type of a [Bool] query with its queries,
// made by [Must], [Filter], [Should] or [MustNot].
type BoolClause struct {
	occur   string
	queries []QueryContainer
}

// Must is the bool query's clause whose queries must all match and
// count in the score.
func Must(q ...QueryContainer) BoolClause { return BoolClause{"must", q} }

// Filter is the bool query's clause whose queries must all match, in
// filter context: not scored, and cacheable.
func Filter(q ...QueryContainer) BoolClause { return BoolClause{"filter", q} }

// Should is the bool query's clause whose queries should match: each
// one that does adds to the score; with no Must or Filter clause, at
// least one must match.
func Should(q ...QueryContainer) BoolClause { return BoolClause{"should", q} }

// MustNot is the bool query's clause whose queries must not match (in
// filter context).
func MustNot(q ...QueryContainer) BoolClause { return BoolClause{"must_not", q} }

// Bool returns the bool query made of the given clauses (a clause given
// twice adds its queries to the first's):
//
//	types.Bool(
//		types.Must(types.MatchOn("name", "coffee")),
//		types.Filter(types.TermOn("in_stock", true), types.RangeOn("price", types.Lte(40))),
//	)
//	// {"bool":{"filter":[{"term":{"in_stock":{"value":true}}},{"range":{"price":{"lte":40}}}],
//	//          "must":[{"match":{"name":{"query":"coffee"}}}]}}
//
// For minimum_should_match or a boost, set them on the BoolQuery it holds
// (q.Bool.MinimumShouldMatch) or write the BoolQuery.
func Bool(clauses ...BoolClause) QueryContainer {
	b := &BoolQuery{}
	for _, c := range clauses {
		switch c.occur {
		case "must":
			b.Must = append(b.Must, c.queries...)
		case "filter":
			b.Filter = append(b.Filter, c.queries...)
		case "should":
			b.Should = append(b.Should, c.queries...)
		case "must_not":
			b.MustNot = append(b.MustNot, c.queries...)
		}
	}
	return QueryContainer{Bool: b}
}

// FuzzyOn returns the fuzzy query for value on field: terms within an edit
// distance of value (the server's AUTO distance by default):
//
//	types.FuzzyOn("name", "cofee") // {"fuzzy":{"name":{"value":"cofee"}}}
//
// For fuzziness, prefix_length, transpositions, ... use [FuzzyWith].
func FuzzyOn(field, value string) QueryContainer {
	return FuzzyWith(field, FuzzyQuery{Value: FuzzyQueryValueFromString(value)})
}

// FuzzyWith returns the fuzzy query q on field, with all of FuzzyQuery's
// options:
//
//	types.FuzzyWith("name", types.FuzzyQuery{Value: types.FuzzyQueryValueFromString("cofee"), Fuzziness: types.FuzzinessFromInt(1)})
func FuzzyWith(field string, q FuzzyQuery) QueryContainer {
	return QueryContainer{Fuzzy: map[string]FuzzyQuery{field: q}}
}

// MatchBoolPrefixOn returns the match_bool_prefix query for text on field:
// its words in any order, the last one a prefix.
//
//	types.MatchBoolPrefixOn("name", "beans gr") // {"match_bool_prefix":{"name":{"query":"beans gr"}}}
func MatchBoolPrefixOn(field, text string) QueryContainer {
	return MatchBoolPrefixWith(field, MatchBoolPrefixQuery{Query: text})
}

// MatchBoolPrefixWith returns the match_bool_prefix query q on field, with
// all of MatchBoolPrefixQuery's options (operator, fuzziness, ...).
func MatchBoolPrefixWith(field string, q MatchBoolPrefixQuery) QueryContainer {
	return QueryContainer{MatchBoolPrefix: map[string]MatchBoolPrefixQuery{field: q}}
}

// SpanTermOn returns the span_term query for the exact value v on field,
// the building block of the span queries:
//
//	types.SpanTermOn("body", "coffee") // {"span_term":{"body":{"value":"coffee"}}}
func SpanTermOn[T Scalar](field string, v T) QueryContainer {
	return QueryContainer{SpanTerm: map[string]SpanTermQuery{field: {Value: Value(v)}}}
}

// TermsSetWith returns the terms_set query q on field: documents holding
// at least a number of its terms, that number given by
// MinimumShouldMatchField, MinimumShouldMatchScript or MinimumShouldMatch:
//
//	types.TermsSetWith("tags", types.TermsSetQuery{Terms: types.Values("a", "b", "c"), MinimumShouldMatchField: "required"})
func TermsSetWith(field string, q TermsSetQuery) QueryContainer {
	return QueryContainer{TermsSet: map[string]TermsSetQuery{field: q}}
}

// IntervalsWith returns the intervals query q on field (one of its rules:
// match, prefix, wildcard, fuzzy, all_of, any_of, ...):
//
//	types.IntervalsWith("body", types.IntervalsQuery{Match: &types.IntervalsMatch{Query: "hot coffee", Ordered: types.Ptr(true)}})
func IntervalsWith(field string, q IntervalsQuery) QueryContainer {
	return QueryContainer{Intervals: map[string]IntervalsQuery{field: q}}
}
