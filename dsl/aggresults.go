package dsl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/esgo/esgo/types"
)

// ErrNoAggregation is returned (wrapped) when a result has no aggregation of
// the requested name.
var ErrNoAggregation = errors.New("dsl: no such aggregation in the response")

// AggResults holds aggregation results by name, as found in a search
// response or inside a bucket. Read them with Buckets, Value, AggAs and the
// other typed accessors.
type AggResults map[string]json.RawMessage

// Typed returns the results as the specification's typed aggregation
// results (package types), read by name and kind:
//
//	terms, err := resp.Aggregations.Typed().StringTerms("by_cat")
//	avg, err := terms.Buckets.Array[0].Aggregations.Avg("avg_stars")
//
// Nothing is decoded until an accessor asks.
func (r AggResults) Typed() types.Aggregates {
	out := make(types.Aggregates, len(r))
	for k, raw := range r {
		var a types.Aggregate
		_ = a.UnmarshalJSON(raw) // keeps the bytes; cannot fail
		out[k] = a
	}
	return out
}

// Has reports whether a result called name exists.
func (r AggResults) Has(name string) bool {
	_, ok := r[name]
	return ok
}

func (r AggResults) raw(name string) (json.RawMessage, error) {
	v, ok := r[name]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrNoAggregation, name)
	}
	return v, nil
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
				b.Aggregations[k] = v
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
// order).
func Buckets[K any](r AggResults, name string) ([]Bucket[K], error) {
	raw, err := r.raw(name)
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

// SingleBucketOf returns the result of the single-bucket aggregation called name.
func SingleBucketOf(r AggResults, name string) (SingleBucket, error) {
	raw, err := r.raw(name)
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
// A null value (e.g. avg of no documents) is returned as NaN.
func Value(r AggResults, name string) (float64, error) {
	raw, err := r.raw(name)
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
// ExtendedStats, Percentiles or your own struct.
func AggAs[T any](r AggResults, name string) (T, error) {
	var v T
	raw, err := r.raw(name)
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

// TopHits is the result of a top_hits aggregation; decode hit sources with
// HitsAs.
type TopHits struct {
	Hits struct {
		Total    Total                  `json:"total"`
		MaxScore *float64               `json:"max_score"`
		Hits     []Hit[json.RawMessage] `json:"hits"`
	} `json:"hits"`
}

// HitsAs decodes hits whose source was left raw into hits of type T.
func HitsAs[T any](hits []Hit[json.RawMessage]) ([]Hit[T], error) {
	out := make([]Hit[T], len(hits))
	for i, h := range hits {
		out[i] = Hit[T]{Index: h.Index, ID: h.ID, Score: h.Score, Routing: h.Routing, Fields: h.Fields, Sort: h.Sort,
			SeqNo: h.SeqNo, PrimaryTerm: h.PrimaryTerm, Version: h.Version, Highlight: h.Highlight,
			MatchedQueries: h.MatchedQueries, InnerHits: h.InnerHits, Explanation: h.Explanation, Nested: h.Nested,
			Ignored: h.Ignored, IgnoredFieldValues: h.IgnoredFieldValues, Shard: h.Shard, Node: h.Node, Rank: h.Rank, Slice: h.Slice}
		if len(h.Source) > 0 {
			if err := json.Unmarshal(h.Source, &out[i].Source); err != nil {
				return nil, fmt.Errorf("dsl: hit %q: %w", h.ID, err)
			}
		}
	}
	return out, nil
}
