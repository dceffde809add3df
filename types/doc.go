// Package types holds the types of the Elasticsearch specification (9.5):
// queries, aggregations and their results, mappings, analysis, settings and
// every other structure that requests and responses are made of, generated
// by internal/gen from the specification's compiled schema.
//
// The package is built to cost little: types decode by reflection
// (encoding/json), so a program links only the code of the types it uses;
// unions ([Union]) keep their raw JSON and decode a variant only when its
// accessor is called; enumerations are string types whose unknown values are
// kept, so a newer server never breaks decoding; unknown members are
// ignored.
//
// Shapes the specification allows in several forms map to:
//   - `X | X[]`: [OneOrMany] (decodes either, encodes an array);
//   - `X | null`: an optional field (a pointer, or omitted when empty);
//   - a number the server may send as a string: [Stringified];
//   - aggregation buckets, an array or keyed: [Buckets];
//   - other unions: a struct over [Union] with AsXxx accessors and
//     XxxFromYyy constructors; a union the specification writes inline in a
//     property gets a type named after its owner and property
//     (HitsMetadataTotal, MatchQueryQuery);
//   - aggregation results by name: [Aggregates], read with typed accessors
//     such as [Aggregates.StringTerms], which check the typed_keys kind.
//
// The common path has short constructors that read like the JSON, listed
// in the godoc of the type they build: queries ([MatchOn], [TermOn],
// [RangeOn], [Bool] with [Must] and [Filter], ... under [QueryContainer]),
// aggregations by name with their sub-aggregations ([Aggs], [Agg],
// [TermsAgg], [NestedAgg], [AvgAgg], ... under [AggregationContainer]),
// field values, sort, highlight fields, track_total_hits and source
// filtering ([Value], [SortByField], [HighlightFieldsOf], [TrackTotalHits],
// [SourceIncludes]). A search written with them has no map:
//
//	Query: new(types.Bool(
//		types.Must(types.MatchOn("name", "coffee")),
//		types.Filter(types.TermOn("in_stock", true), types.RangeOn("price", types.Lte(40))),
//	)),
//	Sort: types.Sort{types.SortByField("price", types.SortOrderAsc)},
//	Aggregations: types.Aggs(
//		types.Agg("by_category", types.TermsAgg("category"),
//			types.Agg("reviews", types.NestedAgg("reviews"),
//				types.Agg("avg_stars", types.AvgAgg("reviews.stars"))))),
//
// Structs are not comparable with == (each starts with a zero-size
// `_ [0]func()` field): comparable types make the compiler link an equality
// function for each, about 20 KiB in a typed search for nothing a program
// needs. Write keyed literals (as go vet asks anyway).
//
// Optional numbers and booleans are pointers: set them with new(v), as in
// `Size: new(10)`.
package types
