package dsl

import "github.com/esgo/esgo/types"

func fieldAgg(kind, field string, opts []Opt) *Agg {
	a := &Agg{kind: kind, params: map[string]any{}}
	if field != "" {
		a.params["field"] = field
	}
	for _, o := range params(opts) {
		o.apply(a.params)
	}
	return a
}

func pipelineAgg(kind string, bucketsPath any, opts []Opt) *Agg {
	a := &Agg{kind: kind, params: map[string]any{}}
	if bucketsPath != nil {
		a.params["buckets_path"] = bucketsPath
	}
	for _, o := range params(opts) {
		o.apply(a.params)
	}
	return a
}

func fixedAgg(kind string, fixed map[string]any, opts []Opt) *Agg {
	a := &Agg{kind: kind, params: fixed}
	for _, o := range params(opts) {
		o.apply(a.params)
	}
	return a
}

// HistogramAgg returns a histogram aggregation on field.
func HistogramAgg(field string, interval float64, opts ...HistogramAggOption) *Agg {
	return fixedAgg("histogram", map[string]any{"field": field, "interval": interval}, params(opts))
}

// RangeAgg returns a range aggregation:
//
//	dsl.RangeAgg("price", []types.AggregationRange{{To: types.Ptr(10.0)}, {From: types.Ptr(10.0)}})
func RangeAgg(field string, ranges []types.AggregationRange, opts ...RangeAggOption) *Agg {
	return fixedAgg("range", map[string]any{"field": field, "ranges": ranges}, params(opts))
}

// DateRangeAgg returns a date_range aggregation:
//
//	dsl.DateRangeAgg("date", []types.DateRangeExpression{{To: types.FieldDateMathFromExpr("now-10M/M")}})
func DateRangeAgg(field string, ranges []types.DateRangeExpression, opts ...DateRangeAggOption) *Agg {
	return fixedAgg("date_range", map[string]any{"field": field, "ranges": ranges}, params(opts))
}

// IPRangeAgg returns an ip_range aggregation.
func IPRangeAgg(field string, ranges []types.IpRangeAggregationRange, opts ...IPRangeAggOption) *Agg {
	return fixedAgg("ip_range", map[string]any{"field": field, "ranges": ranges}, params(opts))
}

// IPPrefixAgg returns an ip_prefix aggregation.
func IPPrefixAgg(field string, prefixLength int, opts ...IPPrefixAggOption) *Agg {
	return fixedAgg("ip_prefix", map[string]any{"field": field, "prefix_length": prefixLength}, params(opts))
}

// GeoDistanceAgg returns a geo_distance aggregation of the distances from
// origin ("lat,lon", a geohash, []float64{lon, lat} or a
// types.GeoLocation).
func GeoDistanceAgg[P GeoPoint](field string, origin P, ranges []types.AggregationRange, opts ...GeoDistanceAggOption) *Agg {
	return fixedAgg("geo_distance", map[string]any{"field": field, "origin": origin, "ranges": ranges}, params(opts))
}

// PercentileRanksAgg returns a percentile_ranks aggregation for values.
func PercentileRanksAgg(field string, values []float64, opts ...PercentileRanksAggOption) *Agg {
	return fixedAgg("percentile_ranks", map[string]any{"field": field, "values": values}, params(opts))
}

// GlobalAgg returns a global aggregation.
func GlobalAgg() *Agg { return NewAgg("global") }

// FilterAgg returns a filter aggregation: the body is the query itself.
func FilterAgg(q Query) *Agg { return &Agg{kind: "filter", query: q} }

// FiltersAgg returns a filters aggregation with named filters (keyed buckets).
func FiltersAgg(filters map[string]Query, opts ...FiltersAggOption) *Agg {
	return fixedAgg("filters", map[string]any{"filters": filters}, params(opts))
}

// AnonymousFiltersAgg returns a filters aggregation with a list of filters
// (buckets in list order).
func AnonymousFiltersAgg(filters []Query, opts ...FiltersAggOption) *Agg {
	return fixedAgg("filters", map[string]any{"filters": filters}, params(opts))
}

// AdjacencyMatrixAgg returns an adjacency_matrix aggregation.
func AdjacencyMatrixAgg(filters map[string]Query, opts ...AdjacencyMatrixAggOption) *Agg {
	return fixedAgg("adjacency_matrix", map[string]any{"filters": filters}, params(opts))
}

// NestedAgg returns a nested aggregation on path.
func NestedAgg(path string) *Agg { return fixedAgg("nested", map[string]any{"path": path}, nil) }

// ReverseNestedAgg returns a reverse_nested aggregation, which joins back
// to the root document, or to the nested object Path("...") names.
func ReverseNestedAgg(opts ...ReverseNestedAggOption) *Agg {
	a := NewAgg("reverse_nested")
	for _, o := range params(opts) {
		o.apply(a.params)
	}
	return a
}

// ChildrenAgg returns a children aggregation.
func ChildrenAgg(childType string) *Agg {
	return fixedAgg("children", map[string]any{"type": childType}, nil)
}

// ParentAgg returns a parent aggregation.
func ParentAgg(childType string) *Agg {
	return fixedAgg("parent", map[string]any{"type": childType}, nil)
}

// CompositeAgg returns a composite aggregation; each source is a one-key map
// from a name to an aggregation such as TermsAgg("tags").
func CompositeAgg(sources []map[string]*Agg, opts ...CompositeAggOption) *Agg {
	return fixedAgg("composite", map[string]any{"sources": sources}, params(opts))
}

// MultiTermsAgg returns a multi_terms aggregation over several fields.
func MultiTermsAgg(fields []string, opts ...MultiTermsAggOption) *Agg {
	terms := make([]map[string]any, len(fields))
	for i, f := range fields {
		terms[i] = map[string]any{"field": f}
	}
	return fixedAgg("multi_terms", map[string]any{"terms": terms}, params(opts))
}

// SamplerAgg returns a sampler aggregation.
func SamplerAgg(opts ...SamplerAggOption) *Agg {
	return fixedAgg("sampler", map[string]any{}, params(opts))
}

// DiversifiedSamplerAgg returns a diversified_sampler aggregation.
func DiversifiedSamplerAgg(field string, opts ...DiversifiedSamplerAggOption) *Agg {
	return fieldAgg("diversified_sampler", field, params(opts))
}

// RandomSamplerAgg returns a random_sampler aggregation.
func RandomSamplerAgg(probability float64, opts ...RandomSamplerAggOption) *Agg {
	return fixedAgg("random_sampler", map[string]any{"probability": probability}, params(opts))
}

// FrequentItemSetsAgg returns a frequent_item_sets aggregation.
func FrequentItemSetsAgg(fields []string, opts ...FrequentItemSetsAggOption) *Agg {
	fs := make([]map[string]any, len(fields))
	for i, f := range fields {
		fs[i] = map[string]any{"field": f}
	}
	return fixedAgg("frequent_item_sets", map[string]any{"fields": fs}, params(opts))
}

// TimeSeriesAgg returns a time_series aggregation.
func TimeSeriesAgg(opts ...TimeSeriesAggOption) *Agg {
	return fixedAgg("time_series", map[string]any{}, params(opts))
}

// TopHitsAgg returns a top_hits aggregation.
func TopHitsAgg(opts ...TopHitsAggOption) *Agg {
	return fixedAgg("top_hits", map[string]any{}, params(opts))
}

// TopMetricsAgg returns a top_metrics aggregation.
//
// One metric or sort is sent alone, more as a list, as Python sends them.
func TopMetricsAgg(metrics []types.TopMetricsValue, sort types.Sort, opts ...TopMetricsAggOption) *Agg {
	return fixedAgg("top_metrics", map[string]any{"metrics": oneOrMany(metrics), "sort": oneOrMany(sort)}, params(opts))
}

// ScriptedMetricAgg returns a scripted_metric aggregation.
func ScriptedMetricAgg(opts ...ScriptedMetricAggOption) *Agg {
	return fixedAgg("scripted_metric", map[string]any{}, params(opts))
}

// WeightedAvgAgg returns a weighted_avg aggregation:
//
//	dsl.WeightedAvgAgg(types.WeightedAverageValue{Field: "grade"}, types.WeightedAverageValue{Field: "weight"})
func WeightedAvgAgg(value, weight types.WeightedAverageValue, opts ...WeightedAvgAggOption) *Agg {
	return fixedAgg("weighted_avg", map[string]any{"value": value, "weight": weight}, params(opts))
}

// MatrixStatsAgg returns a matrix_stats aggregation.
func MatrixStatsAgg(fields []string, opts ...MatrixStatsAggOption) *Agg {
	return fixedAgg("matrix_stats", map[string]any{"fields": fields}, params(opts))
}

// TTestAgg returns a t_test aggregation.
func TTestAgg(a, b types.TestPopulation, opts ...TTestAggOption) *Agg {
	return fixedAgg("t_test", map[string]any{"a": a, "b": b}, params(opts))
}

// GeoLineAgg returns a geo_line aggregation.
func GeoLineAgg(point types.GeoLinePoint, sort types.GeoLineSort, opts ...GeoLineAggOption) *Agg {
	return fixedAgg("geo_line", map[string]any{"point": point, "sort": sort}, params(opts))
}

// BucketSortAgg returns a bucket_sort pipeline aggregation.
func BucketSortAgg(opts ...BucketSortAggOption) *Agg {
	return fixedAgg("bucket_sort", map[string]any{}, params(opts))
}

// InferenceAgg returns an inference pipeline aggregation.
func InferenceAgg(modelID string, bucketsPath map[string]string, opts ...InferenceAggOption) *Agg {
	return fixedAgg("inference", map[string]any{"model_id": modelID, "buckets_path": bucketsPath}, params(opts))
}

// BucketsPathValue is what a pipeline aggregation's buckets_path takes: one
// path ("sales_per_month>sales"), several, or a map from a script's
// variable to a path (bucket_script, bucket_selector).
type BucketsPathValue interface {
	~string | []string | map[string]string
}
