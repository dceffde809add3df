// Constructors for aggregations that take a field or a buckets path.

package dsl

// TermsAgg returns a terms aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func TermsAgg(field string, opts ...Opt) *Agg { return fieldAgg("terms", field, opts) }

// SignificantTermsAgg returns a significant_terms aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func SignificantTermsAgg(field string, opts ...Opt) *Agg {
	return fieldAgg("significant_terms", field, opts)
}

// SignificantTextAgg returns a significant_text aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func SignificantTextAgg(field string, opts ...Opt) *Agg {
	return fieldAgg("significant_text", field, opts)
}

// RareTermsAgg returns a rare_terms aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func RareTermsAgg(field string, opts ...Opt) *Agg { return fieldAgg("rare_terms", field, opts) }

// MissingAgg returns a missing aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func MissingAgg(field string, opts ...Opt) *Agg { return fieldAgg("missing", field, opts) }

// DateHistogramAgg returns a date_histogram aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func DateHistogramAgg(field string, opts ...Opt) *Agg { return fieldAgg("date_histogram", field, opts) }

// AutoDateHistogramAgg returns a auto_date_histogram aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func AutoDateHistogramAgg(field string, opts ...Opt) *Agg {
	return fieldAgg("auto_date_histogram", field, opts)
}

// VariableWidthHistogramAgg returns a variable_width_histogram aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func VariableWidthHistogramAgg(field string, opts ...Opt) *Agg {
	return fieldAgg("variable_width_histogram", field, opts)
}

// GeohashGridAgg returns a geohash_grid aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func GeohashGridAgg(field string, opts ...Opt) *Agg { return fieldAgg("geohash_grid", field, opts) }

// GeotileGridAgg returns a geotile_grid aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func GeotileGridAgg(field string, opts ...Opt) *Agg { return fieldAgg("geotile_grid", field, opts) }

// GeohexGridAgg returns a geohex_grid aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func GeohexGridAgg(field string, opts ...Opt) *Agg { return fieldAgg("geohex_grid", field, opts) }

// CategorizeTextAgg returns a categorize_text aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func CategorizeTextAgg(field string, opts ...Opt) *Agg {
	return fieldAgg("categorize_text", field, opts)
}

// AvgAgg returns a avg aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func AvgAgg(field string, opts ...Opt) *Agg { return fieldAgg("avg", field, opts) }

// SumAgg returns a sum aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func SumAgg(field string, opts ...Opt) *Agg { return fieldAgg("sum", field, opts) }

// MinAgg returns a min aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func MinAgg(field string, opts ...Opt) *Agg { return fieldAgg("min", field, opts) }

// MaxAgg returns a max aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func MaxAgg(field string, opts ...Opt) *Agg { return fieldAgg("max", field, opts) }

// ValueCountAgg returns a value_count aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func ValueCountAgg(field string, opts ...Opt) *Agg { return fieldAgg("value_count", field, opts) }

// CardinalityAgg returns a cardinality aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func CardinalityAgg(field string, opts ...Opt) *Agg { return fieldAgg("cardinality", field, opts) }

// StatsAgg returns a stats aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func StatsAgg(field string, opts ...Opt) *Agg { return fieldAgg("stats", field, opts) }

// ExtendedStatsAgg returns a extended_stats aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func ExtendedStatsAgg(field string, opts ...Opt) *Agg { return fieldAgg("extended_stats", field, opts) }

// PercentilesAgg returns a percentiles aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func PercentilesAgg(field string, opts ...Opt) *Agg { return fieldAgg("percentiles", field, opts) }

// MedianAbsoluteDeviationAgg returns a median_absolute_deviation aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func MedianAbsoluteDeviationAgg(field string, opts ...Opt) *Agg {
	return fieldAgg("median_absolute_deviation", field, opts)
}

// BoxplotAgg returns a boxplot aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func BoxplotAgg(field string, opts ...Opt) *Agg { return fieldAgg("boxplot", field, opts) }

// StringStatsAgg returns a string_stats aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func StringStatsAgg(field string, opts ...Opt) *Agg { return fieldAgg("string_stats", field, opts) }

// GeoBoundsAgg returns a geo_bounds aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func GeoBoundsAgg(field string, opts ...Opt) *Agg { return fieldAgg("geo_bounds", field, opts) }

// GeoCentroidAgg returns a geo_centroid aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func GeoCentroidAgg(field string, opts ...Opt) *Agg { return fieldAgg("geo_centroid", field, opts) }

// RateAgg returns a rate aggregation on field ("" for none, e.g. when a
// script is given with WithScript).
func RateAgg(field string, opts ...Opt) *Agg { return fieldAgg("rate", field, opts) }

// AvgBucketAgg returns a avg_bucket pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func AvgBucketAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("avg_bucket", bucketsPath, opts)
}

// MaxBucketAgg returns a max_bucket pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func MaxBucketAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("max_bucket", bucketsPath, opts)
}

// MinBucketAgg returns a min_bucket pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func MinBucketAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("min_bucket", bucketsPath, opts)
}

// SumBucketAgg returns a sum_bucket pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func SumBucketAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("sum_bucket", bucketsPath, opts)
}

// StatsBucketAgg returns a stats_bucket pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func StatsBucketAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("stats_bucket", bucketsPath, opts)
}

// ExtendedStatsBucketAgg returns a extended_stats_bucket pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func ExtendedStatsBucketAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("extended_stats_bucket", bucketsPath, opts)
}

// PercentilesBucketAgg returns a percentiles_bucket pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func PercentilesBucketAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("percentiles_bucket", bucketsPath, opts)
}

// DerivativeAgg returns a derivative pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func DerivativeAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("derivative", bucketsPath, opts)
}

// CumulativeSumAgg returns a cumulative_sum pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func CumulativeSumAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("cumulative_sum", bucketsPath, opts)
}

// CumulativeCardinalityAgg returns a cumulative_cardinality pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func CumulativeCardinalityAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("cumulative_cardinality", bucketsPath, opts)
}

// SerialDiffAgg returns a serial_diff pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func SerialDiffAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("serial_diff", bucketsPath, opts)
}

// MovingPercentilesAgg returns a moving_percentiles pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func MovingPercentilesAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("moving_percentiles", bucketsPath, opts)
}

// NormalizeAgg returns a normalize pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func NormalizeAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("normalize", bucketsPath, opts)
}

// BucketCorrelationAgg returns a bucket_correlation pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func BucketCorrelationAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("bucket_correlation", bucketsPath, opts)
}

// BucketCountKSTestAgg returns a bucket_count_ks_test pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func BucketCountKSTestAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("bucket_count_ks_test", bucketsPath, opts)
}

// BucketSelectorAgg returns a bucket_selector pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func BucketSelectorAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("bucket_selector", bucketsPath, opts)
}

// BucketScriptAgg returns a bucket_script pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func BucketScriptAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("bucket_script", bucketsPath, opts)
}

// MovingFnAgg returns a moving_fn pipeline aggregation; bucketsPath is a string
// or, for multi-path aggregations, a map[string]string.
func MovingFnAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("moving_fn", bucketsPath, opts)
}

// CartesianBoundsAgg returns a cartesian_bounds aggregation on field.
func CartesianBoundsAgg(field string, opts ...Opt) *Agg {
	return fieldAgg("cartesian_bounds", field, opts)
}

// CartesianCentroidAgg returns a cartesian_centroid aggregation on field.
func CartesianCentroidAgg(field string, opts ...Opt) *Agg {
	return fieldAgg("cartesian_centroid", field, opts)
}

// ChangePointAgg returns a change_point pipeline aggregation.
func ChangePointAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("change_point", bucketsPath, opts)
}

// MovingAvgAgg returns a (removed in 8.0) moving_avg pipeline aggregation;
// use MovingFnAgg on current servers.
func MovingAvgAgg(bucketsPath any, opts ...Opt) *Agg {
	return pipelineAgg("moving_avg", bucketsPath, opts)
}

// LineAgg returns a line aggregation (geo_line over cartesian points);
// point and sort are e.g. map[string]any{"field": "p"}.
func LineAgg(point, sort any, opts ...Opt) *Agg {
	return fixedAgg("line", map[string]any{"point": point, "sort": sort}, opts)
}
