package types

import (
	"reflect"
	"time"
)

// Short constructors for the unions a search touches most: they read like
// the JSON they send. Every union keeps its generated XxxFromYyy
// constructors for the other shapes.

// Scalar is the set of Go types a field value can be built from: strings,
// booleans and numbers (and types defined over them).
type Scalar interface {
	~string | ~bool |
		~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 |
		~float32 | ~float64
}

// scalar returns v as the plain Go value it encodes as: string, bool,
// int64, uint64 or float64 (a type defined over one of them loses its
// methods, so a MarshalJSON of its own is not used).
func scalar[T Scalar](v T) any {
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.String:
		return r.String()
	case reflect.Bool:
		return r.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return r.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return r.Uint()
	default:
		return r.Float()
	}
}

// Value returns a FieldValue holding v: a string, a number or a boolean.
// Integers keep every digit (they are not sent through float64).
//
//	types.Value("books") // "books"
//	types.Value(42)      // 42
func Value[T Scalar](v T) FieldValue { return FieldValue{of(scalar(v))} }

// Values returns a FieldValue for each of vs, as the terms query and
// search_after take them.
//
//	types.Values("books", "music") // ["books","music"]
func Values[T Scalar](vs ...T) []FieldValue {
	out := make([]FieldValue, len(vs))
	for i, v := range vs {
		out[i] = Value(v)
	}
	return out
}

// TermValue returns a TermQuery for the exact value v, to set its other
// options before giving it to [TermWith] ([TermOn] takes the value alone):
//
//	q := types.TermValue("Books")
//	q.CaseInsensitive = new(true)
//	types.TermWith("category", q) // {"term":{"category":{"value":"Books","case_insensitive":true}}}
func TermValue[T Scalar](v T) TermQuery { return TermQuery{Value: Value(v)} }

// TermsValues returns the values of a terms query on one field, as
// [TermsOn] sends them:
//
//	types.TermsOn("category", "books", "music") // {"terms":{"category":["books","music"]}}
func TermsValues[T Scalar](vs ...T) TermsQueryField { return TermsQueryFieldFromValue(Values(vs...)) }

// MatchValue returns a MatchQuery for the text (or number, or boolean) q,
// to set its other fields (Operator, Fuzziness, ...) before giving it to
// [MatchWith] ([MatchOn] takes the text alone):
//
//	m := types.MatchValue("go")
//	m.Operator = types.OperatorAnd
//	types.MatchWith("title", m) // {"match":{"title":{"operator":"and","query":"go"}}}
func MatchValue[T Scalar](q T) MatchQuery { return MatchQuery{Query: MatchQueryQuery{of(scalar(q))}} }

// RangeBound is one bound of a range query, made by [Gt], [Gte], [Lt] or
// [Lte] and given to [RangeOn] or [Range].
type RangeBound struct {
	op string
	v  any
}

// RangeValue is the set of Go types a range bound can be built from:
// numbers, strings (terms, dates, date math such as "now-1d/d") and
// time.Time (sent as RFC 3339 with nanoseconds).
type RangeValue interface {
	~string |
		~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 |
		~float32 | ~float64 |
		time.Time
}

func bound[T RangeValue](op string, v T) RangeBound {
	if t, ok := any(v).(time.Time); ok {
		return RangeBound{op, t}
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.String:
		return RangeBound{op, r.String()}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return RangeBound{op, r.Int()}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return RangeBound{op, r.Uint()}
	default:
		return RangeBound{op, r.Float()}
	}
}

// Gt is the bound "greater than v" of a [RangeOn] or a [Range].
func Gt[T RangeValue](v T) RangeBound { return bound("gt", v) }

// Gte is the bound "greater than or equal to v" of a [RangeOn] or a [Range].
func Gte[T RangeValue](v T) RangeBound { return bound("gte", v) }

// Lt is the bound "less than v" of a [RangeOn] or a [Range].
func Lt[T RangeValue](v T) RangeBound { return bound("lt", v) }

// Lte is the bound "less than or equal to v" of a [RangeOn] or a [Range].
func Lte[T RangeValue](v T) RangeBound { return bound("lte", v) }

// rangeBounds is the JSON of a range made by Range.
type rangeBounds struct {
	Gt  any `json:"gt,omitempty"`
	Gte any `json:"gte,omitempty"`
	Lt  any `json:"lt,omitempty"`
	Lte any `json:"lte,omitempty"`
}

// Range returns a range query on numbers, strings or dates with the given
// bounds (a later bound of the same kind replaces an earlier one), as
// [RangeOn] sends it on a field:
//
//	types.Range(types.Gte(10), types.Lt(20)) // {"gte":10,"lt":20}
//	types.Range(types.Gte("now-1d/d"))       // {"gte":"now-1d/d"}
//	types.RangeOn("price", types.Gte(10))    // {"range":{"price":{"gte":10}}}
//
// For a format, a time zone, a relation or a boost, build the range with
// [RangeQueryFromDate], [RangeQueryFromNumber] or [RangeQueryFromTerm].
func Range(bounds ...RangeBound) RangeQuery {
	var r rangeBounds
	for _, b := range bounds {
		switch b.op {
		case "gt":
			r.Gt = b.v
		case "gte":
			r.Gte = b.v
		case "lt":
			r.Lt = b.v
		case "lte":
			r.Lte = b.v
		}
	}
	return RangeQuery{of(r)}
}

// SortByField returns the sort on field in the given order:
//
//	Sort: types.Sort{types.SortByField("price", types.SortOrderAsc)}
//	// "sort":[{"price":{"order":"asc"}}]
func SortByField(field string, order SortOrder) SortCombinations {
	return SortCombinationsFromOptions(SortOptions{Extra: map[string]FieldSort{field: {Order: order}}})
}

// SortByFieldWith returns the sort on field with all of FieldSort's
// options (mode, missing, unmapped_type, ...):
//
//	types.SortByFieldWith("price", types.FieldSort{Order: types.SortOrderDesc, Mode: types.SortModeAvg})
//	// {"price":{"mode":"avg","order":"desc"}}
func SortByFieldWith(field string, s FieldSort) SortCombinations {
	return SortCombinationsFromOptions(SortOptions{Extra: map[string]FieldSort{field: s}})
}

// SortByScore returns the sort by relevance score in the given order
// (the server's default is descending): {"_score":{"order":"desc"}}.
func SortByScore(order SortOrder) SortCombinations {
	return SortCombinationsFromOptions(SortOptions{Score: &ScoreSort{Order: order}})
}

// SortByDoc returns the sort by index order, the cheapest sort for paging
// through every hit: {"_doc":{"order":"asc"}}.
func SortByDoc(order SortOrder) SortCombinations {
	return SortCombinationsFromOptions(SortOptions{Doc: &ScoreSort{Order: order}})
}

// HighlightFieldsOf returns the highlight of each named field with the
// options of the enclosing Highlight:
//
//	Highlight: &types.Highlight{Fields: types.HighlightFieldsOf("title", "body")}
//	// "highlight":{"fields":{"body":{},"title":{}}}
//
// Give fields their own options with [HighlightFieldsFromHighlightFieldMap].
func HighlightFieldsOf(fields ...string) HighlightFields {
	m := make(map[string]HighlightField, len(fields))
	for _, f := range fields {
		m[f] = HighlightField{}
	}
	return HighlightFieldsFromHighlightFieldMap(m)
}

// TrackTotalHits returns track_total_hits as a boolean: true counts every
// matching hit exactly, false does not count them.
//
//	TrackTotalHits: types.TrackTotalHits(true) // "track_total_hits":true
func TrackTotalHits(exact bool) TrackHits { return TrackHitsFromEnabled(exact) }

// TrackTotalHitsUpTo returns track_total_hits as a number: hits are
// counted exactly up to n (the server's default is 10,000).
//
//	TrackTotalHits: types.TrackTotalHitsUpTo(100) // "track_total_hits":100
func TrackTotalHitsUpTo(n int) TrackHits { return TrackHitsFromCount(n) }

// SourceIncludes returns the _source filter that returns only the given
// fields (wildcards allowed):
//
//	Source: types.SourceIncludes("title", "price") // "_source":{"includes":["title","price"]}
func SourceIncludes(fields ...string) SourceConfig {
	return SourceConfigFromFilter(SourceFilter{Includes: fields})
}

// SourceExcludes returns the _source filter that returns every field but
// the given ones (wildcards allowed):
//
//	Source: types.SourceExcludes("body") // "_source":{"excludes":["body"]}
func SourceExcludes(fields ...string) SourceConfig {
	return SourceConfigFromFilter(SourceFilter{Excludes: fields})
}

// SourceEnabled returns _source as a boolean: false returns no source in
// the hits, true all of it.
//
//	Source: types.SourceEnabled(false) // "_source":false
func SourceEnabled(fetch bool) SourceConfig { return SourceConfigFromFetch(fetch) }
