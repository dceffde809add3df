package dsl

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/esgo/esgo/types"
)

// Query is one query clause. It marshals to JSON as {"<name>": {...}}.
//
// Query values are immutable: combining them with And, Or and Not, or adding
// them to a Search, never modifies them.
type Query interface {
	json.Marshaler
	// Name returns the query type, such as "match" or "bool".
	Name() string
}

// fieldName turns Python-style "field__sub" names into "field.sub". As in
// Python, where only keyword-argument names are rewritten, it applies only
// where the field is the key of the query (match, term, range, ... and the
// decay score functions, Q's parameter names), never to a field given as a
// value (exists, knn, rank_feature, a mapping's field name, sort ...).
func fieldName(f string) string {
	return strings.ReplaceAll(f, "__", ".")
}

// leafMode says how a leaf query lays out its field and parameters; the
// zero value is {"name": {params...}}.
type leafMode int

const (
	// modeNested: {"name": {"field": value}} or, with parameters,
	// {"name": {"field": {"<valueKey>": value, params...}}}
	modeNested leafMode = iota + 1
	// modeSibling: {"name": {"field": value, params...}}
	modeSibling
)

// Leaf is a query clause other than bool, match_all and match_none. The query
// constructors (Match, Term, Range, ...) return it.
type Leaf struct {
	name     string
	mode     leafMode
	field    string
	valueKey string
	value    any
	hasValue bool
	params   map[string]any
}

// Name returns the query type.
func (q *Leaf) Name() string { return q.name }

// Field returns the field the query is about, or "" for queries that are not
// keyed by a field.
func (q *Leaf) Field() string { return q.field }

// Param returns the value of a parameter and whether it is set.
func (q *Leaf) Param(key string) (any, bool) {
	v, ok := q.params[key]
	return v, ok
}

// With returns a copy of the query with more options applied.
func (q *Leaf) With(opts ...Option) *Leaf {
	c := *q
	c.params = maps.Clone(q.params)
	if c.params == nil {
		c.params = map[string]any{}
	}
	for _, o := range params(opts) {
		o.apply(c.params)
	}
	return &c
}

// body returns the value placed under the query name.
func (q *Leaf) body() map[string]any {
	switch q.mode {
	case modeNested:
		if len(q.params) == 0 && q.hasValue {
			return map[string]any{q.field: q.value}
		}
		inner := maps.Clone(q.params)
		if inner == nil {
			inner = map[string]any{}
		}
		if q.hasValue {
			inner[q.valueKey] = q.value
		}
		return map[string]any{q.field: inner}
	case modeSibling:
		b := maps.Clone(q.params)
		if b == nil {
			b = map[string]any{}
		}
		b[q.field] = q.value
		return b
	default:
		b := maps.Clone(q.params)
		if b == nil {
			b = map[string]any{}
		}
		return b
	}
}

// MarshalJSON implements json.Marshaler.
func (q *Leaf) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{q.name: q.body()})
}

func newLeaf(name string, opts []Opt) *Leaf {
	q := &Leaf{name: name, params: map[string]any{}}
	for _, o := range params(opts) {
		o.apply(q.params)
	}
	return q
}

// plain builds {"name": {params}} with the given fixed parameters first.
func plain(name string, fixed map[string]any, opts []Opt) *Leaf {
	q := newLeaf(name, nil)
	for k, v := range fixed {
		q.params[k] = v
	}
	for _, o := range params(opts) {
		o.apply(q.params)
	}
	return q
}

func nested(name, field, valueKey string, value any, opts []Opt) *Leaf {
	q := newLeaf(name, params(opts))
	q.mode, q.field, q.valueKey, q.value, q.hasValue = modeNested, fieldName(field), valueKey, value, valueKey != ""
	return q
}

func sibling(name, field string, value any, opts []Opt) *Leaf {
	q := newLeaf(name, params(opts))
	q.mode, q.field, q.value, q.hasValue = modeSibling, fieldName(field), value, true
	return q
}

// Raw is a query given as its name and body, for anything the constructors do
// not cover: Raw("match", map[string]any{"title": "go"}).
type Raw struct {
	QueryName string
	Body      any
}

// Name returns the query type.
func (q Raw) Name() string { return q.QueryName }

// MarshalJSON implements json.Marshaler.
func (q Raw) MarshalJSON() ([]byte, error) {
	b := q.Body
	if b == nil {
		b = map[string]any{}
	}
	return json.Marshal(map[string]any{q.QueryName: b})
}

// MatchAllQuery matches every document. And(MatchAll(), q) is q and
// Or(MatchAll(), q) is MatchAll().
type MatchAllQuery struct {
	// Params holds optional parameters such as "boost" and "_name".
	Params map[string]any
}

// Name returns "match_all".
func (MatchAllQuery) Name() string { return "match_all" }

// MarshalJSON implements json.Marshaler.
func (q MatchAllQuery) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{"match_all": paramsOrEmpty(q.Params)})
}

// MatchNoneQuery matches no document. And(MatchNone(), q) is MatchNone() and
// Or(MatchNone(), q) is q.
type MatchNoneQuery struct {
	// Params holds optional parameters such as "boost" and "_name".
	Params map[string]any
}

// Name returns "match_none".
func (MatchNoneQuery) Name() string { return "match_none" }

// MarshalJSON implements json.Marshaler.
func (q MatchNoneQuery) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{"match_none": paramsOrEmpty(q.Params)})
}

func paramsOrEmpty(p map[string]any) map[string]any {
	if p == nil {
		return map[string]any{}
	}
	return p
}

// MatchAll returns a match_all query.
func MatchAll(opts ...MatchAllOption) Query {
	q := MatchAllQuery{}
	if len(opts) > 0 {
		q.Params = map[string]any{}
		for _, o := range params(opts) {
			o.apply(q.Params)
		}
	}
	return q
}

// MatchNone returns a match_none query.
func MatchNone(opts ...MatchNoneOption) Query {
	q := MatchNoneQuery{}
	if len(opts) > 0 {
		q.Params = map[string]any{}
		for _, o := range params(opts) {
			o.apply(q.Params)
		}
	}
	return q
}

// BoolQuery is a bool query. Build it directly or with And, Or and Not, which
// merge bool queries the way Python's elasticsearch.dsl does.
type BoolQuery struct {
	Must    []Query
	Should  []Query
	MustNot []Query
	Filter  []Query
	// MinimumShouldMatch is nil when unset, else an int or a string like "75%".
	MinimumShouldMatch any
	// Params holds other parameters such as "boost" and "_name".
	Params map[string]any
}

// Bool returns a bool query built from options: Must, Should, MustNot,
// Filter, MinimumShouldMatchBool, and the options every query takes, Boost
// and QueryName:
//
//	dsl.Bool(dsl.Must(dsl.Match("title", "go")), dsl.Filter(dsl.Term("tags", "web")), dsl.Boost(2), dsl.QueryName("main"))
func Bool(opts ...BoolOption) *BoolQuery {
	b := &BoolQuery{}
	for _, o := range opts {
		o.applyBool(b)
	}
	return b
}

// BoolOption is an option of Bool: a BoolOpt (Must, Should, MustNot,
// Filter, MinimumShouldMatchBool), Boost, QueryName or P.
type BoolOption interface{ applyBool(*BoolQuery) }

// BoolOpt configures a bool query built with Bool.
type BoolOpt func(*BoolQuery)

func (o BoolOpt) applyBool(b *BoolQuery) { o(b) }

func (p BoostParam) applyBool(b *BoolQuery)     { boolParam(p.key, p.value)(b) }
func (p QueryNameParam) applyBool(b *BoolQuery) { boolParam(p.key, p.value)(b) }

// Must adds clauses to the must list of a bool query.
func Must(qs ...Query) BoolOpt { return func(b *BoolQuery) { b.Must = append(b.Must, qs...) } }

// Should adds clauses to the should list of a bool query.
func Should(qs ...Query) BoolOpt { return func(b *BoolQuery) { b.Should = append(b.Should, qs...) } }

// MustNot adds clauses to the must_not list of a bool query.
func MustNot(qs ...Query) BoolOpt {
	return func(b *BoolQuery) { b.MustNot = append(b.MustNot, qs...) }
}

// Filter adds clauses to the filter list of a bool query.
func Filter(qs ...Query) BoolOpt { return func(b *BoolQuery) { b.Filter = append(b.Filter, qs...) } }

// MinimumShouldMatchBool sets minimum_should_match (an int or a string such as "75%").
func MinimumShouldMatchBool[V ~int | ~string](v V) BoolOpt {
	return func(b *BoolQuery) { b.MinimumShouldMatch = v }
}

// applyBool makes P (a raw parameter) an option of Bool.
func (o Opt) applyBool(b *BoolQuery) { boolParam(o.key, o.value)(b) }

// boolParam sets another bool query parameter such as "boost" or "_name".
func boolParam(key string, value any) BoolOpt {
	return func(b *BoolQuery) {
		if b.Params == nil {
			b.Params = map[string]any{}
		}
		b.Params[key] = value
	}
}

// Name returns "bool".
func (*BoolQuery) Name() string { return "bool" }

// MarshalJSON implements json.Marshaler.
func (b *BoolQuery) MarshalJSON() ([]byte, error) {
	body := maps.Clone(b.Params)
	if body == nil {
		body = map[string]any{}
	}
	for k, v := range map[string][]Query{"must": b.Must, "should": b.Should, "must_not": b.MustNot, "filter": b.Filter} {
		if len(v) > 0 {
			body[k] = v
		}
	}
	if b.MinimumShouldMatch != nil {
		body["minimum_should_match"] = b.MinimumShouldMatch
	}
	return json.Marshal(map[string]any{"bool": body})
}

func (b *BoolQuery) clone() *BoolQuery {
	return &BoolQuery{
		Must:               slices.Clone(b.Must),
		Should:             slices.Clone(b.Should),
		MustNot:            slices.Clone(b.MustNot),
		Filter:             slices.Clone(b.Filter),
		MinimumShouldMatch: b.MinimumShouldMatch,
		Params:             maps.Clone(b.Params),
	}
}

// shouldOnly reports whether the bool has nothing but should clauses (and no
// truthy minimum_should_match).
func (b *BoolQuery) shouldOnly() bool {
	return len(b.Must) == 0 && len(b.MustNot) == 0 && len(b.Filter) == 0 && !truthy(b.MinimumShouldMatch)
}

// minShouldMatch is the effective minimum_should_match.
func (b *BoolQuery) minShouldMatch() any {
	if b.MinimumShouldMatch != nil {
		return b.MinimumShouldMatch
	}
	if len(b.Should) == 0 || len(b.Must) > 0 || len(b.Filter) > 0 {
		return 0
	}
	return 1
}

func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return x != ""
	case bool:
		return x
	}
	if n, ok := asInt(v); ok {
		return n != 0
	}
	return true
}

func asInt(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, true
	case int8:
		return int(x), true
	case int16:
		return int(x), true
	case int32:
		return int(x), true
	case int64:
		return int(x), true
	case uint:
		return int(x), true
	case uint8:
		return int(x), true
	case uint16:
		return int(x), true
	case uint32:
		return int(x), true
	case uint64:
		return int(x), true
	case float64:
		if x == float64(int(x)) {
			return int(x), true
		}
	case float32:
		if x == float32(int(x)) {
			return int(x), true
		}
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return int(n), true
		}
	}
	return 0, false
}

// And combines queries like Python's q1 & q2 & ...: leaves become a bool
// must; bool queries merge their clauses; match_all disappears and
// match_none wins. It returns MatchAll() when called without queries.
func And(qs ...Query) Query {
	return fold(qs, and2)
}

// Or combines queries like Python's q1 | q2 | ...: leaves become a bool
// should; should-only bool queries merge; match_all wins and match_none
// disappears. It returns MatchAll() when called without queries.
func Or(qs ...Query) Query {
	return fold(qs, or2)
}

func fold(qs []Query, op func(a, b Query) Query) Query {
	var acc Query
	for _, q := range qs {
		if q == nil {
			continue
		}
		if acc == nil {
			acc = q
			continue
		}
		acc = op(acc, q)
	}
	if acc == nil {
		return MatchAll()
	}
	return acc
}

// Not negates a query like Python's ~q: a leaf becomes bool must_not;
// a bool query is inverted with De Morgan's laws (an empty bool becomes
// match_none); match_all and match_none swap.
func Not(q Query) Query {
	switch x := q.(type) {
	case MatchAllQuery:
		return MatchNoneQuery{}
	case MatchNoneQuery:
		return MatchAllQuery{}
	case *BoolQuery:
		return boolInvert(x)
	}
	return &BoolQuery{MustNot: []Query{q}}
}

func and2(a, b Query) Query {
	switch x := a.(type) {
	case MatchAllQuery:
		return b
	case MatchNoneQuery:
		return a
	case *BoolQuery:
		return boolAnd(x, b)
	}
	switch y := b.(type) {
	case *BoolQuery:
		return boolAnd(y, a)
	case MatchAllQuery:
		return a
	case MatchNoneQuery:
		return b
	}
	return &BoolQuery{Must: []Query{a, b}}
}

func or2(a, b Query) Query {
	switch x := a.(type) {
	case MatchAllQuery:
		return a
	case MatchNoneQuery:
		return b
	case *BoolQuery:
		return boolOr(x, b)
	}
	switch y := b.(type) {
	case *BoolQuery:
		return boolOr(y, a)
	case MatchAllQuery:
		return b
	case MatchNoneQuery:
		return a
	}
	return &BoolQuery{Should: []Query{a, b}}
}

func boolOr(self *BoolQuery, other Query) Query {
	for _, q := range []Query{self, other} {
		qb, ok := q.(*BoolQuery)
		if !ok || !qb.shouldOnly() {
			continue
		}
		var rest Query = other
		if q == other {
			rest = self
		}
		c := qb.clone()
		if rb, ok := rest.(*BoolQuery); ok && rb.shouldOnly() {
			c.Should = append(c.Should, rb.Should...)
		} else {
			c.Should = append(c.Should, rest)
		}
		return c
	}
	return &BoolQuery{Should: []Query{self, other}}
}

func boolInvert(b *BoolQuery) Query {
	if len(b.Must)+len(b.Filter)+len(b.Should)+len(b.MustNot) == 0 {
		return MatchNoneQuery{}
	}
	var neg []Query
	for _, q := range b.Must {
		neg = append(neg, Not(q))
	}
	for _, q := range b.Filter {
		neg = append(neg, Not(q))
	}
	neg = append(neg, b.MustNot...)
	if len(b.Should) > 0 && truthy(b.minShouldMatch()) {
		neg = append(neg, &BoolQuery{MustNot: slices.Clone(b.Should)})
	}
	if len(neg) == 1 {
		return neg[0]
	}
	return &BoolQuery{Should: neg}
}

func boolAnd(self *BoolQuery, other Query) Query {
	q := self.clone()
	ob, ok := other.(*BoolQuery)
	if !ok {
		if len(q.Must) == 0 && len(q.Filter) == 0 && len(q.Should) > 0 && q.MinimumShouldMatch == nil {
			q.MinimumShouldMatch = 1
		}
		q.Must = append(q.Must, other)
		return q
	}
	q.Must = append(q.Must, ob.Must...)
	q.MustNot = append(q.MustNot, ob.MustNot...)
	q.Filter = append(q.Filter, ob.Filter...)
	q.Should = nil
	q.MinimumShouldMatch = nil
	for _, qx := range []*BoolQuery{self, ob} {
		msmAny := qx.minShouldMatch()
		msm, isInt := asInt(msmAny)
		if !isInt || msm < 0 {
			// Python refuses to combine such queries; keep the clause intact.
			if len(qx.Should) > 0 {
				q.Must = append(q.Must, &BoolQuery{Should: slices.Clone(qx.Should), MinimumShouldMatch: msmAny})
			}
			continue
		}
		qmsm, _ := asInt(q.minShouldMatch())
		switch {
		case len(qx.Should) <= msm:
			q.Must = append(q.Must, qx.Should...)
		case len(q.Should) == 0:
			q.MinimumShouldMatch = msm
			q.Should = slices.Clone(qx.Should)
		case qmsm == 0 && msm == 0:
			q.Should = append(q.Should, qx.Should...)
		default:
			q.Must = append(q.Must, &BoolQuery{Should: slices.Clone(qx.Should), MinimumShouldMatch: msm})
		}
	}
	return q
}

// ParseQuery builds a Query from its JSON form, such as
// {"bool": {"must": [...]}}. Bool, match_all and match_none queries become
// *BoolQuery, MatchAllQuery and MatchNoneQuery so they combine like built
// ones; other queries become Raw values that marshal back unchanged.
func ParseQuery(data []byte) (Query, error) {
	var m map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("dsl: parse query: %w", err)
	}
	if len(m) != 1 {
		return nil, fmt.Errorf("dsl: parse query: want exactly one query name, got %d keys in %s", len(m), truncate(data))
	}
	for name, body := range m {
		return parseNamed(name, body)
	}
	panic("unreachable")
}

func truncate(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "..."
	}
	return string(b)
}

func decodeUseNumber(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}

func parseNamed(name string, body json.RawMessage) (Query, error) {
	switch name {
	case "match_all", "match_none":
		var p map[string]any
		if err := decodeUseNumber(body, &p); err != nil {
			return nil, fmt.Errorf("dsl: parse %s query: %w", name, err)
		}
		if len(p) == 0 {
			p = nil
		}
		if name == "match_all" {
			return MatchAllQuery{Params: p}, nil
		}
		return MatchNoneQuery{Params: p}, nil
	case "bool":
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(body, &raw); err != nil {
			return nil, fmt.Errorf("dsl: parse bool query: %w", err)
		}
		b := &BoolQuery{}
		for k, v := range raw {
			var dst *[]Query
			switch k {
			case "must":
				dst = &b.Must
			case "should":
				dst = &b.Should
			case "must_not":
				dst = &b.MustNot
			case "filter":
				dst = &b.Filter
			case "minimum_should_match":
				if err := decodeUseNumber(v, &b.MinimumShouldMatch); err != nil {
					return nil, fmt.Errorf("dsl: parse bool minimum_should_match: %w", err)
				}
				if n, ok := asInt(b.MinimumShouldMatch); ok {
					b.MinimumShouldMatch = n
				}
				continue
			default:
				var pv any
				if err := decodeUseNumber(v, &pv); err != nil {
					return nil, fmt.Errorf("dsl: parse bool %s: %w", k, err)
				}
				if b.Params == nil {
					b.Params = map[string]any{}
				}
				b.Params[k] = pv
				continue
			}
			qs, err := parseClauses(v)
			if err != nil {
				return nil, fmt.Errorf("dsl: parse bool %s: %w", k, err)
			}
			*dst = qs
		}
		return b, nil
	}
	var v any
	if err := decodeUseNumber(body, &v); err != nil {
		return nil, fmt.Errorf("dsl: parse %s query: %w", name, err)
	}
	return Raw{QueryName: name, Body: v}, nil
}

// parseClauses accepts a single query object or an array of them.
func parseClauses(data json.RawMessage) ([]Query, error) {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '{' {
		q, err := ParseQuery(data)
		if err != nil {
			return nil, err
		}
		return []Query{q}, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		return nil, err
	}
	out := make([]Query, 0, len(items))
	for _, it := range items {
		q, err := ParseQuery(it)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}

// Q builds a query from its name and parameters, like Python's
// Q("match", title="python"): top-level parameter names have "__" turned
// into "." and bool, match_all and match_none become *BoolQuery,
// MatchAllQuery and MatchNoneQuery (so they combine like built ones).
// Parameters may hold Query values.
func Q(name string, params map[string]any) Query {
	body := make(map[string]any, len(params))
	for k, v := range params {
		body[fieldName(k)] = v
	}
	raw := Raw{QueryName: name, Body: body}
	data, err := jsonMarshal(raw)
	if err != nil {
		return raw // marshalling reports the error again later
	}
	q, err := ParseQuery(data)
	if err != nil {
		return raw
	}
	return q
}

// QueryFrom returns the query held by a container of the specification's
// types (package types), for a query built fully typed:
//
//	q, err := QueryFrom(types.QueryContainer{Match: map[string]types.MatchQuery{
//		"title": {Query: types.MatchQueryQueryFromString("go"), Operator: types.OperatorAnd}}})
//
// The result combines with And, Or and Not like any other query. The
// container must hold exactly one query.
func QueryFrom(c types.QueryContainer) (Query, error) {
	data, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("dsl: query from container: %w", err)
	}
	return ParseQuery(data)
}
