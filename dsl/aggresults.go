package dsl

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"github.com/esgo/esgo/types"
)

// ErrNoAggregation is types.ErrNoAggregate: errors.Is matches it when a
// result has no aggregation of the requested name, or has one of another
// kind than the read asks for (the error is then a *types.AggregateError
// naming both kinds).
var ErrNoAggregation = types.ErrNoAggregate

// AggResults is types.Aggregates, the typed API's aggregation results by
// name, as found in a search response or inside a bucket. Every DSL search
// asks the server for typed_keys, so each result carries its kind
// ("sterms#by_category") and every read checks it: the typed accessors of
// types.Aggregates (StringTerms, Avg, Nested ...) and this package's
// Buckets, SingleBucketOf and Value refuse a result of another kind with a
// *types.AggregateError instead of returning a zero value. Names are given
// without the kind prefix:
//
//	terms, err := resp.Aggregations.StringTerms("by_cat")
//	avg, err := terms.Buckets.Array[0].Aggregations.Avg("avg_stars")
type AggResults = types.Aggregates

// The typed_keys kinds of the results each generic read accepts.
var (
	// multiBucketKinds have a "buckets" member (a list or a keyed object).
	multiBucketKinds = []string{"adjacency_matrix", "auto_date_histogram", "composite", "date_histogram",
		"date_range", "dterms", "filters", "frequent_item_sets", "geo_distance", "geohash_grid", "geohex_grid",
		"geotile_grid", "histogram", "ip_prefix", "ip_range", "lrareterms", "lterms", "multi_terms", "range",
		"siglterms", "sigsterms", "srareterms", "sterms", "time_series", "umrareterms", "umsigterms", "umterms",
		"variable_width_histogram", "categorize_text"}
	// singleBucketKinds have a doc_count and sub-aggregations.
	singleBucketKinds = []string{"children", "filter", "global", "missing", "nested", "parent", "reverse_nested",
		"sampler", "unmapped_sampler", "random_sampler"}
	// valueKinds have one numeric "value".
	valueKinds = []string{"avg", "bucket_metric_value", "cardinality", "derivative", "max",
		"median_absolute_deviation", "min", "rate", "simple_long_value", "simple_value", "sum", "t_test",
		"value_count", "weighted_avg"}
)

// lookupRaw returns the JSON of the result called name, checking that its kind
// (when the server sent one) is among kinds; what names the kinds in an
// error.
func lookupRaw(r AggResults, name, what string, kinds []string) (json.RawMessage, error) {
	a, kind, ok := r.Lookup(name)
	if !ok {
		return nil, &types.AggregateError{Name: name, Kind: what}
	}
	if kind != "" && !slices.Contains(kinds, kind) {
		return nil, &types.AggregateError{Name: name, Kind: what, Found: kind}
	}
	return a.Raw()
}

// Bucket is one bucket of a bucket aggregation result. K is the key type:
// string for terms on keyword fields, float64 for histograms, int64 for
// date histograms (epoch millis), map[string]any for composite and so on.
type Bucket[K any] struct {
	// Key is the bucket key. For keyed results (filters, keyed ranges), it
	// is the bucket name when the bucket itself has no key.
	Key K
	// KeyAsString is the formatted key, when the server sent one.
	KeyAsString string
	// DocCount is the number of documents in the bucket.
	DocCount int64
	// From and To are the bounds of range buckets.
	From, To *float64
	// Aggregations holds the sub-aggregation results of the bucket.
	Aggregations AggResults
	// Raw is the whole bucket object.
	Raw json.RawMessage
}

// decodeBucket fills b from a bucket object; name is the map key for keyed
// buckets ("" otherwise).
func decodeBucket[K any](raw json.RawMessage, name string, b *Bucket[K]) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return err
	}
	b.Raw = raw
	b.Aggregations = AggResults{}
	var sub types.Aggregate
	hasKey := false
	for k, v := range fields {
		switch k {
		case "key":
			hasKey = true
			if err := json.Unmarshal(v, &b.Key); err != nil {
				return fmt.Errorf("bucket key %s: %w", v, err)
			}
		case "key_as_string":
			_ = json.Unmarshal(v, &b.KeyAsString)
		case "doc_count":
			if err := json.Unmarshal(v, &b.DocCount); err != nil {
				return fmt.Errorf("bucket doc_count: %w", err)
			}
		case "from":
			_ = json.Unmarshal(v, &b.From)
		case "to":
			_ = json.Unmarshal(v, &b.To)
		default:
			if t := bytes.TrimSpace(v); len(t) > 0 && t[0] == '{' {
				_ = sub.UnmarshalJSON(v) // keeps the bytes; cannot fail
				b.Aggregations[k] = sub
			}
		}
	}
	if !hasKey && name != "" {
		q, _ := json.Marshal(name)
		if err := json.Unmarshal(q, &b.Key); err != nil {
			// Key type is not a string: leave it zero, KeyAsString tells.
			b.KeyAsString = name
		}
		if b.KeyAsString == "" {
			b.KeyAsString = name
		}
	}
	return nil
}

// Buckets returns the buckets of the bucket aggregation called name,
// whether the server sent them as a list or as a keyed object (in server
// order). A result of another kind than a multi-bucket aggregation is an
// error (*types.AggregateError).
func Buckets[K any](r AggResults, name string) ([]Bucket[K], error) {
	raw, err := lookupRaw(r, name, "multi-bucket", multiBucketKinds)
	if err != nil {
		return nil, err
	}
	var body struct {
		Buckets json.RawMessage `json:"buckets"`
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		return nil, fmt.Errorf("dsl: aggregation %q: %w", name, err)
	}
	b := bytes.TrimSpace(body.Buckets)
	if len(b) == 0 {
		return nil, fmt.Errorf("dsl: aggregation %q has no buckets", name)
	}
	var out []Bucket[K]
	if b[0] == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(b, &items); err != nil {
			return nil, fmt.Errorf("dsl: aggregation %q buckets: %w", name, err)
		}
		out = make([]Bucket[K], len(items))
		for i, it := range items {
			if err := decodeBucket(it, "", &out[i]); err != nil {
				return nil, fmt.Errorf("dsl: aggregation %q bucket %d: %w", name, i, err)
			}
		}
		return out, nil
	}
	keys, vals, err := orderedObject(b)
	if err != nil {
		return nil, fmt.Errorf("dsl: aggregation %q buckets: %w", name, err)
	}
	out = make([]Bucket[K], len(keys))
	for i := range keys {
		if err := decodeBucket(vals[i], keys[i], &out[i]); err != nil {
			return nil, fmt.Errorf("dsl: aggregation %q bucket %q: %w", name, keys[i], err)
		}
	}
	return out, nil
}

// SingleBucket is the result of a single-bucket aggregation (filter,
// global, nested, reverse_nested, missing, sampler, children...).
type SingleBucket struct {
	DocCount     int64
	Aggregations AggResults
}

// SingleBucketOf returns the result of the single-bucket aggregation called
// name; a result of another kind is an error (*types.AggregateError).
func SingleBucketOf(r AggResults, name string) (SingleBucket, error) {
	raw, err := lookupRaw(r, name, "single-bucket", singleBucketKinds)
	if err != nil {
		return SingleBucket{}, err
	}
	var b Bucket[string]
	if err := decodeBucket(raw, "", &b); err != nil {
		return SingleBucket{}, fmt.Errorf("dsl: aggregation %q: %w", name, err)
	}
	return SingleBucket{DocCount: b.DocCount, Aggregations: b.Aggregations}, nil
}

// Value returns the "value" of the single-value metric aggregation called
// name (avg, sum, min, max, cardinality, value_count, derivative, ...).
// A null value (e.g. avg of no documents) is returned as NaN; a result of
// another kind (terms, stats ...) is an error (*types.AggregateError).
func Value(r AggResults, name string) (float64, error) {
	raw, err := lookupRaw(r, name, "single-value metric", valueKinds)
	if err != nil {
		return 0, err
	}
	var body struct {
		Value *float64 `json:"value"`
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		return 0, fmt.Errorf("dsl: aggregation %q value: %w", name, err)
	}
	if body.Value == nil {
		return math.NaN(), nil
	}
	return *body.Value, nil
}

// AggAs decodes the aggregation called name into T, e.g. Stats,
// ExtendedStats, Percentiles or your own struct, whatever its kind (the
// typed accessors of types.Aggregates check it).
func AggAs[T any](r AggResults, name string) (T, error) {
	var v T
	a, _, ok := r.Lookup(name)
	if !ok {
		return v, &types.AggregateError{Name: name}
	}
	raw, err := a.Raw()
	if err != nil {
		return v, err
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return v, fmt.Errorf("dsl: aggregation %q: %w", name, err)
	}
	return v, nil
}

// Stats is the result of a stats aggregation (or stats_bucket).
type Stats struct {
	Count int64    `json:"count"`
	Min   *float64 `json:"min"`
	Max   *float64 `json:"max"`
	Avg   *float64 `json:"avg"`
	Sum   float64  `json:"sum"`
}

// ExtendedStats is the result of an extended_stats aggregation.
type ExtendedStats struct {
	Stats
	SumOfSquares       *float64           `json:"sum_of_squares"`
	Variance           *float64           `json:"variance"`
	StdDeviation       *float64           `json:"std_deviation"`
	StdDeviationBounds map[string]float64 `json:"std_deviation_bounds"`
}

// Percentiles is the result of a percentiles or percentile_ranks
// aggregation (keyed form): percentile -> value.
type Percentiles struct {
	Values map[string]*float64 `json:"values"`
}

// HitsAs decodes hits whose source was left raw (inner hits, the hits of
// resp.Aggregations.TopHits(name)) into hits of type T.
func HitsAs[T any](hits []Hit[json.RawMessage]) ([]Hit[T], error) {
	out := make([]Hit[T], len(hits))
	for i, h := range hits {
		out[i] = Hit[T]{Index: h.Index, ID: h.ID, Score: h.Score, Explanation: h.Explanation, Fields: h.Fields,
			Highlight: h.Highlight, InnerHits: h.InnerHits, MatchedQueries: h.MatchedQueries, Nested: h.Nested,
			Ignored: h.Ignored, IgnoredFieldValues: h.IgnoredFieldValues, Shard: h.Shard, Node: h.Node,
			Routing: h.Routing, Rank: h.Rank, SeqNo: h.SeqNo, PrimaryTerm: h.PrimaryTerm, Version: h.Version, Sort: h.Sort}
		if len(h.Source) > 0 {
			if err := json.Unmarshal(h.Source, &out[i].Source); err != nil {
				return nil, fmt.Errorf("dsl: hit %q: %w", h.ID, err)
			}
		}
	}
	return out, nil
}
