package dsl

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/esgo/esgo/types"
)

// Agg is one aggregation. Build it with a constructor (TermsAgg, AvgAgg,
// DateHistogramAgg, ...) or NewAgg, and nest more aggregations under it:
// Bucket adds a sub-aggregation and returns it (so the next call goes one
// level deeper), Metric and Pipeline add one and return the receiver.
//
// A chain never loses a node: Search.Agg and Aggs.Bucket/Metric/Pipeline
// register the root of the chain they are given, so
//
//	s.Agg("by_cat", TermsAgg("cat").Bucket("reviews", NestedAgg("reviews")).Metric("avg", AvgAgg("reviews.stars")))
//
// registers the terms aggregation as "by_cat", with the nested one under it
// (the chain ends on the nested aggregation, which Bucket returned).
//
// An Agg is a builder: it is not safe for concurrent modification, and a
// Search copies the aggregation tree it is given.
type Agg struct {
	kind     string
	params   map[string]any
	query    Query // body of a filter aggregation
	children []namedAgg
	meta     map[string]any
	parent   *Agg // the aggregation this one was added under, if any
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

// Bucket adds the sub-aggregation child under name and returns child.
func (a *Agg) Bucket(name string, child *Agg) *Agg {
	a.children = setChild(a.children, name, root(child))
	root(child).parent = a
	return child
}

// Metric adds the sub-aggregation m under name and returns a.
func (a *Agg) Metric(name string, m *Agg) *Agg {
	a.children = setChild(a.children, name, root(m))
	root(m).parent = a
	return a
}

// Pipeline adds the pipeline aggregation p under name and returns a.
func (a *Agg) Pipeline(name string, p *Agg) *Agg {
	a.children = setChild(a.children, name, root(p))
	root(p).parent = a
	return a
}

// Root returns the aggregation at the top of the chain a belongs to (a
// itself when it was not added under another).
func (a *Agg) Root() *Agg { return root(a) }

func root(a *Agg) *Agg {
	for a != nil && a.parent != nil {
		a = a.parent
	}
	return a
}

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
		cc := ch.agg.Clone()
		cc.parent = c
		c.children = append(c.children, namedAgg{ch.name, cc})
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
// Search.Aggs. Bucket returns the new aggregation; Metric and Pipeline
// return the Aggs.
type Aggs struct {
	list []namedAgg
}

// Bucket adds a top-level aggregation (the root of a's chain) and returns a.
func (r *Aggs) Bucket(name string, a *Agg) *Agg {
	r.list = setChild(r.list, name, root(a))
	return a
}

// Metric adds a top-level aggregation (the root of a's chain) and returns r.
func (r *Aggs) Metric(name string, a *Agg) *Aggs {
	r.list = setChild(r.list, name, root(a))
	return r
}

// Pipeline adds a top-level pipeline aggregation (the root of a's chain)
// and returns r.
func (r *Aggs) Pipeline(name string, a *Agg) *Aggs {
	r.list = setChild(r.list, name, root(a))
	return r
}

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
