package types

// Short constructors of a search's aggregations: [Aggs] builds the
// aggregations by name from [Agg]s, each an aggregation (TermsAgg, AvgAgg,
// NestedAgg, ...) with its sub-aggregations given as arguments, so the Go
// nests like the JSON and no map is written:
//
//	Aggregations: types.Aggs(
//		types.Agg("by_category", types.TermsAgg("category"),
//			types.Agg("reviews", types.NestedAgg("reviews"),
//				types.Agg("avg_stars", types.AvgAgg("reviews.stars"))))),
//	// "aggregations":{"by_category":{"terms":{"field":"category"},
//	//   "aggregations":{"reviews":{"nested":{"path":"reviews"},
//	//     "aggregations":{"avg_stars":{"avg":{"field":"reviews.stars"}}}}}}}
//
// (encoding/json writes a container's "aggregations" before its kind;
// the server reads either order.)
//
// An aggregation's other options are set on the variant it holds
// (a := types.TermsAgg("category"); a.Terms.Size = new(20)), or written
// as an AggregationContainer literal. The results are read by name and
// kind with [Aggregates].

// NamedAggregation is an aggregation with its name, made by [Agg] and
// given to [Aggs] or, as a sub-aggregation, to another Agg.
type NamedAggregation struct {
	name string
	agg  AggregationContainer
}

// Agg returns the aggregation a named name, with the sub-aggregations sub
// (which run in each of a's buckets):
//
//	types.Agg("by_category", types.TermsAgg("category"), types.Agg("avg_price", types.AvgAgg("price")))
//	// "by_category":{"terms":{"field":"category"},"aggregations":{"avg_price":{"avg":{"field":"price"}}}}
//
// Sub-aggregations already in a are kept (a later one of the same name
// replaces them); a itself is not modified.
func Agg(name string, a AggregationContainer, sub ...NamedAggregation) NamedAggregation {
	if len(sub) > 0 {
		all := make(map[string]AggregationContainer, len(a.Aggregations)+len(sub))
		for k, v := range a.Aggregations {
			all[k] = v
		}
		for _, s := range sub {
			all[s.name] = s.agg
		}
		a.Aggregations = all
	}
	return NamedAggregation{name, a}
}

// Aggs returns the aggregations by name of a search (its Aggregations),
// each made by [Agg]; a later aggregation of the same name replaces an
// earlier one.
//
//	Aggregations: types.Aggs(types.Agg("by_category", types.TermsAgg("category")), types.Agg("avg_price", types.AvgAgg("price")))
func Aggs(aggs ...NamedAggregation) map[string]AggregationContainer {
	m := make(map[string]AggregationContainer, len(aggs))
	for _, a := range aggs {
		m[a.name] = a.agg
	}
	return m
}

// TermsAgg returns the terms aggregation on field: a bucket for each of
// its most frequent values (10 unless Size is set), read back with
// [Aggregates.StringTerms], [Aggregates.LongTerms] or
// [Aggregates.DoubleTerms] depending on the field's type.
//
//	types.TermsAgg("category") // {"terms":{"field":"category"}}
func TermsAgg(field string) AggregationContainer {
	return AggregationContainer{Terms: &TermsAggregation{Field: field}}
}

// AvgAgg returns the avg aggregation on field: the average of its values,
// read back with [Aggregates.Avg] (a nil Value when no document has one).
//
//	types.AvgAgg("price") // {"avg":{"field":"price"}}
func AvgAgg(field string) AggregationContainer {
	return AggregationContainer{Avg: &AverageAggregation{Field: field}}
}

// SumAgg returns the sum aggregation on field, read back with
// [Aggregates.Sum]: {"sum":{"field":"price"}}.
func SumAgg(field string) AggregationContainer {
	return AggregationContainer{Sum: &SumAggregation{Field: field}}
}

// MinAgg returns the min aggregation on field, read back with
// [Aggregates.Min]: {"min":{"field":"price"}}.
func MinAgg(field string) AggregationContainer {
	return AggregationContainer{Min: &MinAggregation{Field: field}}
}

// MaxAgg returns the max aggregation on field, read back with
// [Aggregates.Max]: {"max":{"field":"price"}}.
func MaxAgg(field string) AggregationContainer {
	return AggregationContainer{Max: &MaxAggregation{Field: field}}
}

// StatsAgg returns the stats aggregation on field (count, min, max, avg
// and sum at once), read back with [Aggregates.Stats]:
// {"stats":{"field":"price"}}.
func StatsAgg(field string) AggregationContainer {
	return AggregationContainer{Stats: &StatsAggregation{Field: field}}
}

// ValueCountAgg returns the value_count aggregation on field (how many
// values it has), read back with [Aggregates.ValueCount]:
// {"value_count":{"field":"price"}}.
func ValueCountAgg(field string) AggregationContainer {
	return AggregationContainer{ValueCount: &ValueCountAggregation{Field: field}}
}

// CardinalityAgg returns the cardinality aggregation on field (an
// approximate count of its distinct values), read back with
// [Aggregates.Cardinality]: {"cardinality":{"field":"category"}}.
func CardinalityAgg(field string) AggregationContainer {
	return AggregationContainer{Cardinality: &CardinalityAggregation{Field: field}}
}

// NestedAgg returns the nested aggregation on path: one bucket of the
// nested objects under path, for the sub-aggregations on their fields;
// read back with [Aggregates.Nested].
//
//	types.Agg("reviews", types.NestedAgg("reviews"), types.Agg("avg_stars", types.AvgAgg("reviews.stars")))
//	// "reviews":{"nested":{"path":"reviews"},"aggregations":{"avg_stars":{"avg":{"field":"reviews.stars"}}}}
func NestedAgg(path string) AggregationContainer {
	return AggregationContainer{Nested: &NestedAggregation{Path: path}}
}

// FilterAgg returns the filter aggregation: one bucket of the documents
// that match q, read back with [Aggregates.Filter].
//
//	types.FilterAgg(types.TermOn("in_stock", true)) // {"filter":{"term":{"in_stock":{"value":true}}}}
func FilterAgg(q QueryContainer) AggregationContainer {
	return AggregationContainer{Filter: &q}
}

// DateHistogramAgg returns the date_histogram aggregation on field with a
// bucket per calendar interval, read back with [Aggregates.DateHistogram]:
//
//	types.DateHistogramAgg("created", types.CalendarIntervalMonth)
//	// {"date_histogram":{"calendar_interval":"month","field":"created"}}
//
// For a fixed interval ("30d"), set FixedInterval on the
// DateHistogramAggregation instead.
func DateHistogramAgg(field string, interval CalendarInterval) AggregationContainer {
	return AggregationContainer{DateHistogram: &DateHistogramAggregation{Field: field, CalendarInterval: interval}}
}

// HistogramAgg returns the histogram aggregation on field with buckets of
// width interval, read back with [Aggregates.Histogram]:
//
//	types.HistogramAgg("price", 10) // {"histogram":{"field":"price","interval":10}}
func HistogramAgg(field string, interval float64) AggregationContainer {
	return AggregationContainer{Histogram: &HistogramAggregation{Field: field, Interval: &interval}}
}

// RangeAgg returns the range aggregation on field with a bucket per range
// (From is included, To excluded; leave one out for an open end), read
// back with [Aggregates.Range]:
//
//	types.RangeAgg("price", types.AggregationRange{To: new(10.0)}, types.AggregationRange{From: new(10.0)})
//	// {"range":{"field":"price","ranges":[{"to":10},{"from":10}]}}
func RangeAgg(field string, ranges ...AggregationRange) AggregationContainer {
	return AggregationContainer{Range: &RangeAggregation{Field: field, Ranges: ranges}}
}
