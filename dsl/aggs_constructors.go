// Constructors for aggregations that take a field or a buckets path.

package dsl

import "github.com/esgo/esgo/types"

// TermsAgg returns a terms aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func TermsAgg(field string, opts ...TermsAggOption) *Agg {
	return fieldAgg("terms", field, params(opts))
}

// SignificantTermsAgg returns a significant_terms aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func SignificantTermsAgg(field string, opts ...SignificantTermsAggOption) *Agg {
	return fieldAgg("significant_terms", field, params(opts))
}

// SignificantTextAgg returns a significant_text aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func SignificantTextAgg(field string, opts ...SignificantTextAggOption) *Agg {
	return fieldAgg("significant_text", field, params(opts))
}

// RareTermsAgg returns a rare_terms aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func RareTermsAgg(field string, opts ...RareTermsAggOption) *Agg {
	return fieldAgg("rare_terms", field, params(opts))
}

// MissingAgg returns a missing aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func MissingAgg(field string, opts ...MissingAggOption) *Agg {
	return fieldAgg("missing", field, params(opts))
}

// DateHistogramAgg returns a date_histogram aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func DateHistogramAgg(field string, opts ...DateHistogramAggOption) *Agg {
	return fieldAgg("date_histogram", field, params(opts))
}

// AutoDateHistogramAgg returns a auto_date_histogram aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func AutoDateHistogramAgg(field string, opts ...AutoDateHistogramAggOption) *Agg {
	return fieldAgg("auto_date_histogram", field, params(opts))
}

// VariableWidthHistogramAgg returns a variable_width_histogram aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func VariableWidthHistogramAgg(field string, opts ...VariableWidthHistogramAggOption) *Agg {
	return fieldAgg("variable_width_histogram", field, params(opts))
}

// GeohashGridAgg returns a geohash_grid aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func GeohashGridAgg(field string, opts ...GeohashGridAggOption) *Agg {
	return fieldAgg("geohash_grid", field, params(opts))
}

// GeotileGridAgg returns a geotile_grid aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func GeotileGridAgg(field string, opts ...GeotileGridAggOption) *Agg {
	return fieldAgg("geotile_grid", field, params(opts))
}

// GeohexGridAgg returns a geohex_grid aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func GeohexGridAgg(field string, opts ...GeohexGridAggOption) *Agg {
	return fieldAgg("geohex_grid", field, params(opts))
}

// CategorizeTextAgg returns a categorize_text aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func CategorizeTextAgg(field string, opts ...CategorizeTextAggOption) *Agg {
	return fieldAgg("categorize_text", field, params(opts))
}

// AvgAgg returns a avg aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func AvgAgg(field string, opts ...AvgAggOption) *Agg { return fieldAgg("avg", field, params(opts)) }

// SumAgg returns a sum aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func SumAgg(field string, opts ...SumAggOption) *Agg { return fieldAgg("sum", field, params(opts)) }

// MinAgg returns a min aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func MinAgg(field string, opts ...MinAggOption) *Agg { return fieldAgg("min", field, params(opts)) }

// MaxAgg returns a max aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func MaxAgg(field string, opts ...MaxAggOption) *Agg { return fieldAgg("max", field, params(opts)) }

// ValueCountAgg returns a value_count aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func ValueCountAgg(field string, opts ...ValueCountAggOption) *Agg {
	return fieldAgg("value_count", field, params(opts))
}

// CardinalityAgg returns a cardinality aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func CardinalityAgg(field string, opts ...CardinalityAggOption) *Agg {
	return fieldAgg("cardinality", field, params(opts))
}

// StatsAgg returns a stats aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func StatsAgg(field string, opts ...StatsAggOption) *Agg {
	return fieldAgg("stats", field, params(opts))
}

// ExtendedStatsAgg returns a extended_stats aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func ExtendedStatsAgg(field string, opts ...ExtendedStatsAggOption) *Agg {
	return fieldAgg("extended_stats", field, params(opts))
}

// PercentilesAgg returns a percentiles aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func PercentilesAgg(field string, opts ...PercentilesAggOption) *Agg {
	return fieldAgg("percentiles", field, params(opts))
}

// MedianAbsoluteDeviationAgg returns a median_absolute_deviation aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func MedianAbsoluteDeviationAgg(field string, opts ...MedianAbsoluteDeviationAggOption) *Agg {
	return fieldAgg("median_absolute_deviation", field, params(opts))
}

// BoxplotAgg returns a boxplot aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func BoxplotAgg(field string, opts ...BoxplotAggOption) *Agg {
	return fieldAgg("boxplot", field, params(opts))
}

// StringStatsAgg returns a string_stats aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func StringStatsAgg(field string, opts ...StringStatsAggOption) *Agg {
	return fieldAgg("string_stats", field, params(opts))
}

// GeoBoundsAgg returns a geo_bounds aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func GeoBoundsAgg(field string, opts ...GeoBoundsAggOption) *Agg {
	return fieldAgg("geo_bounds", field, params(opts))
}

// GeoCentroidAgg returns a geo_centroid aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func GeoCentroidAgg(field string, opts ...GeoCentroidAggOption) *Agg {
	return fieldAgg("geo_centroid", field, params(opts))
}

// RateAgg returns a rate aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func RateAgg(field string, opts ...RateAggOption) *Agg { return fieldAgg("rate", field, params(opts)) }

// AvgBucketAgg returns a avg_bucket pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func AvgBucketAgg[P BucketsPathValue](bucketsPath P, opts ...AvgBucketAggOption) *Agg {
	return pipelineAgg("avg_bucket", bucketsPath, params(opts))
}

// MaxBucketAgg returns a max_bucket pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func MaxBucketAgg[P BucketsPathValue](bucketsPath P, opts ...MaxBucketAggOption) *Agg {
	return pipelineAgg("max_bucket", bucketsPath, params(opts))
}

// MinBucketAgg returns a min_bucket pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func MinBucketAgg[P BucketsPathValue](bucketsPath P, opts ...MinBucketAggOption) *Agg {
	return pipelineAgg("min_bucket", bucketsPath, params(opts))
}

// SumBucketAgg returns a sum_bucket pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func SumBucketAgg[P BucketsPathValue](bucketsPath P, opts ...SumBucketAggOption) *Agg {
	return pipelineAgg("sum_bucket", bucketsPath, params(opts))
}

// StatsBucketAgg returns a stats_bucket pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func StatsBucketAgg[P BucketsPathValue](bucketsPath P, opts ...StatsBucketAggOption) *Agg {
	return pipelineAgg("stats_bucket", bucketsPath, params(opts))
}

// ExtendedStatsBucketAgg returns a extended_stats_bucket pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func ExtendedStatsBucketAgg[P BucketsPathValue](bucketsPath P, opts ...ExtendedStatsBucketAggOption) *Agg {
	return pipelineAgg("extended_stats_bucket", bucketsPath, params(opts))
}

// PercentilesBucketAgg returns a percentiles_bucket pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func PercentilesBucketAgg[P BucketsPathValue](bucketsPath P, opts ...PercentilesBucketAggOption) *Agg {
	return pipelineAgg("percentiles_bucket", bucketsPath, params(opts))
}

// DerivativeAgg returns a derivative pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func DerivativeAgg[P BucketsPathValue](bucketsPath P, opts ...DerivativeAggOption) *Agg {
	return pipelineAgg("derivative", bucketsPath, params(opts))
}

// CumulativeSumAgg returns a cumulative_sum pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func CumulativeSumAgg[P BucketsPathValue](bucketsPath P, opts ...CumulativeSumAggOption) *Agg {
	return pipelineAgg("cumulative_sum", bucketsPath, params(opts))
}

// CumulativeCardinalityAgg returns a cumulative_cardinality pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func CumulativeCardinalityAgg[P BucketsPathValue](bucketsPath P, opts ...CumulativeCardinalityAggOption) *Agg {
	return pipelineAgg("cumulative_cardinality", bucketsPath, params(opts))
}

// SerialDiffAgg returns a serial_diff pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func SerialDiffAgg[P BucketsPathValue](bucketsPath P, opts ...SerialDiffAggOption) *Agg {
	return pipelineAgg("serial_diff", bucketsPath, params(opts))
}

// MovingPercentilesAgg returns a moving_percentiles pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func MovingPercentilesAgg[P BucketsPathValue](bucketsPath P, opts ...MovingPercentilesAggOption) *Agg {
	return pipelineAgg("moving_percentiles", bucketsPath, params(opts))
}

// NormalizeAgg returns a normalize pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func NormalizeAgg[P BucketsPathValue](bucketsPath P, opts ...NormalizeAggOption) *Agg {
	return pipelineAgg("normalize", bucketsPath, params(opts))
}

// BucketCorrelationAgg returns a bucket_correlation pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func BucketCorrelationAgg[P BucketsPathValue](bucketsPath P, opts ...BucketCorrelationAggOption) *Agg {
	return pipelineAgg("bucket_correlation", bucketsPath, params(opts))
}

// BucketCountKSTestAgg returns a bucket_count_ks_test pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func BucketCountKSTestAgg[P BucketsPathValue](bucketsPath P, opts ...BucketCountKsTestAggOption) *Agg {
	return pipelineAgg("bucket_count_ks_test", bucketsPath, params(opts))
}

// BucketSelectorAgg returns a bucket_selector pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func BucketSelectorAgg[P BucketsPathValue](bucketsPath P, opts ...BucketSelectorAggOption) *Agg {
	return pipelineAgg("bucket_selector", bucketsPath, params(opts))
}

// BucketScriptAgg returns a bucket_script pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func BucketScriptAgg[P BucketsPathValue](bucketsPath P, opts ...BucketScriptAggOption) *Agg {
	return pipelineAgg("bucket_script", bucketsPath, params(opts))
}

// MovingFnAgg returns a moving_fn pipeline aggregation; bucketsPath is a path
// (a string), several paths or, for multi-path aggregations, a map from variable to path.
func MovingFnAgg[P BucketsPathValue](bucketsPath P, opts ...MovingFnAggOption) *Agg {
	return pipelineAgg("moving_fn", bucketsPath, params(opts))
}

// CartesianBoundsAgg returns a cartesian_bounds aggregation on field.
func CartesianBoundsAgg(field string, opts ...CartesianBoundsAggOption) *Agg {
	return fieldAgg("cartesian_bounds", field, params(opts))
}

// CartesianCentroidAgg returns a cartesian_centroid aggregation on field.
func CartesianCentroidAgg(field string, opts ...CartesianCentroidAggOption) *Agg {
	return fieldAgg("cartesian_centroid", field, params(opts))
}

// ChangePointAgg returns a change_point pipeline aggregation.
func ChangePointAgg[P BucketsPathValue](bucketsPath P, opts ...ChangePointAggOption) *Agg {
	return pipelineAgg("change_point", bucketsPath, params(opts))
}

// MovingAvgAgg returns a (removed in 8.0) moving_avg pipeline aggregation;
// use MovingFnAgg on current servers.
func MovingAvgAgg[P BucketsPathValue](bucketsPath P, opts ...MovingAvgAggOption) *Agg {
	return pipelineAgg("moving_avg", bucketsPath, params(opts))
}

// LineAgg returns a line aggregation (geo_line over cartesian points);
// point and sort name their fields.
func LineAgg(point types.GeoLinePoint, sort types.GeoLineSort, opts ...LineAggOption) *Agg {
	return fixedAgg("line", map[string]any{"point": point, "sort": sort}, params(opts))
}
