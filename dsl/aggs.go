package dsl

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/esgo/esgo/types"
)

// Agg is one aggregation. Build it with a constructor (TermsAgg, AvgAgg,
// DateHistogramAgg, ...) or NewAgg, and nest more aggregations under it
// with Agg (Metric and Pipeline are the same call, named for what they
// add). Each adds a sub-aggregation and returns the receiver, so a chain
// never moves to another node: a sub-aggregation's own sub-aggregations
// are given with it, as the argument.
//
//	s.Agg("by_cat", TermsAgg("cat").
//		Agg("reviews", NestedAgg("reviews").Metric("avg", AvgAgg("reviews.stars"))).
//		Metric("max_price", MaxAgg("price")))
//
// puts "reviews" and "max_price" under the terms aggregation and "avg"
// under the nested one. The JSON is Python's for the same tree (Python's
// bucket returns the new aggregation, so its chains move down a level;
// here the nesting is in the arguments).
//
// An Agg is a builder: it is not safe for concurrent modification, and a
// Search copies the aggregation tree it is given.
type Agg struct {
	kind     string
	params   map[string]any
	query    Query // body of a filter aggregation
	children []namedAgg
	meta     map[string]any
}

type namedAgg struct {
	name string
	agg  *Agg
}

// NewAgg returns an aggregation of any type: NewAgg("terms", Field("tags"), Size(5)).
func NewAgg(kind string, opts ...Option) *Agg {
	return fixedAgg(kind, map[string]any{}, params(opts))
}

// Kind returns the aggregation type, such as "terms".
func (a *Agg) Kind() string { return a.kind }

// Agg adds the sub-aggregation child (with the sub-aggregations it holds)
// under name and returns a, not child: to nest under child, give child its
// own sub-aggregations before passing it.
func (a *Agg) Agg(name string, child *Agg) *Agg {
	a.children = setChild(a.children, name, child)
	return a
}

// Metric adds the metric aggregation m under name and returns a: it is Agg.
func (a *Agg) Metric(name string, m *Agg) *Agg { return a.Agg(name, m) }

// Pipeline adds the pipeline aggregation p under name and returns a: it is
// Agg.
func (a *Agg) Pipeline(name string, p *Agg) *Agg { return a.Agg(name, p) }

// Sub returns the sub-aggregation called name, or nil.
func (a *Agg) Sub(name string) *Agg { return findChild(a.children, name) }

// Meta sets the aggregation's "meta" object and returns a.
func (a *Agg) Meta(meta map[string]any) *Agg { a.meta = meta; return a }

// Clone returns a deep copy of the aggregation tree.
func (a *Agg) Clone() *Agg {
	if a == nil {
		return nil
	}
	c := &Agg{kind: a.kind, params: maps.Clone(a.params), query: a.query, meta: maps.Clone(a.meta)}
	for _, ch := range a.children {
		c.children = append(c.children, namedAgg{ch.name, ch.agg.Clone()})
	}
	return c
}

// MarshalJSON implements json.Marshaler.
func (a *Agg) MarshalJSON() ([]byte, error) {
	m := map[string]any{}
	if a.query != nil {
		m[a.kind] = a.query
	} else {
		m[a.kind] = paramsOrEmpty(a.params)
	}
	if len(a.children) > 0 {
		m["aggs"] = childrenMap(a.children)
	}
	if a.meta != nil {
		m["meta"] = a.meta
	}
	return jsonMarshal(m)
}

func setChild(list []namedAgg, name string, a *Agg) []namedAgg {
	for i, c := range list {
		if c.name == name {
			list = slices.Clone(list)
			list[i].agg = a
			return list
		}
	}
	return append(list, namedAgg{name, a})
}

func findChild(list []namedAgg, name string) *Agg {
	for _, c := range list {
		if c.name == name {
			return c.agg
		}
	}
	return nil
}

func childrenMap(list []namedAgg) map[string]*Agg {
	m := make(map[string]*Agg, len(list))
	for _, c := range list {
		m[c.name] = c.agg
	}
	return m
}

// Aggs is the top level of a search's aggregations, as passed to
// Search.Aggs. Agg, Metric and Pipeline add a top-level aggregation and
// return the Aggs, like Agg's methods of the same names.
type Aggs struct {
	list []namedAgg
}

// Agg adds the top-level aggregation a (with the sub-aggregations it
// holds) under name and returns r.
func (r *Aggs) Agg(name string, a *Agg) *Aggs {
	r.list = setChild(r.list, name, a)
	return r
}

// Metric adds a top-level metric aggregation and returns r: it is Agg.
func (r *Aggs) Metric(name string, a *Agg) *Aggs { return r.Agg(name, a) }

// Pipeline adds a top-level pipeline aggregation and returns r: it is Agg.
func (r *Aggs) Pipeline(name string, a *Agg) *Aggs { return r.Agg(name, a) }

// Get returns the top-level aggregation called name, or nil.
func (r *Aggs) Get(name string) *Agg { return findChild(r.list, name) }

// Names returns the names of the top-level aggregations in insertion order.
func (r *Aggs) Names() []string {
	out := make([]string, len(r.list))
	for i, c := range r.list {
		out[i] = c.name
	}
	return out
}

// Len returns the number of top-level aggregations.
func (r *Aggs) Len() int { return len(r.list) }

func (r *Aggs) clone() *Aggs {
	c := &Aggs{}
	for _, ch := range r.list {
		c.list = append(c.list, namedAgg{ch.name, ch.agg.Clone()})
	}
	return c
}

// ParseAgg builds an aggregation from its JSON form, such as
// {"terms": {"field": "tags"}, "aggs": {...}}.
func ParseAgg(data []byte) (*Agg, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("dsl: parse aggregation: %w", err)
	}
	a := &Agg{}
	for k, v := range m {
		switch k {
		case "aggs", "aggregations":
			subs, err := parseAggMap(v)
			if err != nil {
				return nil, err
			}
			a.children = subs
		case "meta":
			if err := decodeUseNumber(v, &a.meta); err != nil {
				return nil, fmt.Errorf("dsl: parse aggregation meta: %w", err)
			}
		default:
			if a.kind != "" {
				return nil, fmt.Errorf("dsl: parse aggregation: two types %q and %q in %s", a.kind, k, truncate(data))
			}
			a.kind = k
			if k == "filter" {
				q, err := ParseQuery(v)
				if err != nil {
					return nil, fmt.Errorf("dsl: parse filter aggregation: %w", err)
				}
				a.query = q
				continue
			}
			if err := decodeUseNumber(v, &a.params); err != nil {
				return nil, fmt.Errorf("dsl: parse %s aggregation: %w", k, err)
			}
		}
	}
	if a.kind == "" {
		return nil, fmt.Errorf("dsl: parse aggregation: no type in %s", truncate(data))
	}
	return a, nil
}

func parseAggMap(data []byte) ([]namedAgg, error) {
	names, raws, err := orderedObject(data)
	if err != nil {
		return nil, fmt.Errorf("dsl: parse aggregations: %w", err)
	}
	var out []namedAgg
	for i, name := range names {
		a, err := ParseAgg(raws[i])
		if err != nil {
			return nil, fmt.Errorf("aggregation %q: %w", name, err)
		}
		out = append(out, namedAgg{name, a})
	}
	return out, nil
}

// orderedObject returns the keys and raw values of a JSON object in order.
func orderedObject(data []byte) ([]string, []json.RawMessage, error) {
	dec := json.NewDecoder(bytesReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, nil, fmt.Errorf("want a JSON object, got %v", tok)
	}
	var keys []string
	var vals []json.RawMessage
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, nil, err
		}
		keys = append(keys, kt.(string))
		vals = append(vals, raw)
	}
	return keys, vals, nil
}

// AggFrom returns the aggregation held by a container of the
// specification's types, with its sub-aggregations, for an aggregation
// built fully typed: AggFrom(types.AggregationContainer{Terms:
// &types.TermsAggregation{Field: "tags"}}).
func AggFrom(c types.AggregationContainer) (*Agg, error) {
	data, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("dsl: aggregation from container: %w", err)
	}
	return ParseAgg(data)
}
