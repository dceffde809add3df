package dsl

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/esgo/esgo/transport"
	"github.com/esgo/esgo/types"
)

// ErrIllegalOperation is returned (wrapped) by ToJSON and the execution
// functions when a Search was built with an invalid call, such as sorting
// by "-_score" or negative slicing.
var ErrIllegalOperation = errors.New("dsl: illegal operation")

// Search is an immutable search request. Every method returns a modified
// copy and leaves the receiver unchanged, so a Search can be shared between
// goroutines and used as a base for variations:
//
//	base := dsl.NewSearch("blog").Filter(dsl.Term("published", true))
//	recent := base.Sort("-date").Size(10)
//
// The zero value is usable and searches all indices with the default
// connection of connections.Default.
type Search struct {
	conn          transport.Interface
	alias         string
	index         []string
	query         Query
	postFilter    Query
	aggs          *Aggs
	sort          []any
	source        any
	highlight     map[string]any
	highlightOpts map[string]any
	suggest       map[string]any
	scriptFields  map[string]any
	collapse      map[string]any
	knn           []map[string]any
	rank          map[string]any
	extra         map[string]any
	params        url.Values
	err           error
}

// NewSearch returns a search over the given indices (all indices when none).
func NewSearch(index ...string) Search {
	return Search{index: slices.Clone(index)}
}

// copy returns a shallow copy; the caller clones whatever field it
// modifies.
func (s Search) copy() Search { return s }

func (s Search) withErr(err error) Search {
	c := s.copy()
	if c.err == nil {
		c.err = err
	}
	return c
}

// Err returns the first error recorded while building the search, if any.
func (s Search) Err() error { return s.err }

// Using returns a copy that runs on conn (for example an *esgo.Client).
func (s Search) Using(conn transport.Interface) Search {
	c := s.copy()
	c.conn, c.alias = conn, ""
	return c
}

// UsingAlias returns a copy that runs on the connection registered under
// alias in connections.Default.
func (s Search) UsingAlias(alias string) Search {
	c := s.copy()
	c.conn, c.alias = nil, alias
	return c
}

// Index returns a copy that also searches the given indices; with no
// arguments it resets the list to all indices.
func (s Search) Index(index ...string) Search {
	c := s.copy()
	if len(index) == 0 {
		c.index = nil
	} else {
		c.index = append(slices.Clone(s.index), index...)
	}
	return c
}

// Indices returns the indices searched.
func (s Search) Indices() []string { return slices.Clone(s.index) }

// Query returns a copy with q added to the query; calling it twice combines
// the queries with And.
func (s Search) Query(q Query) Search {
	c := s.copy()
	if c.query == nil {
		c.query = q
	} else {
		c.query = And(c.query, q)
	}
	return c
}

// ReplaceQuery returns a copy whose query is q (nil removes it).
func (s Search) ReplaceQuery(q Query) Search {
	c := s.copy()
	c.query = q
	return c
}

// GetQuery returns the current query, or nil.
func (s Search) GetQuery() Query { return s.query }

// Filter returns a copy with q added in filter context (bool filter).
func (s Search) Filter(q Query) Search {
	return s.Query(&BoolQuery{Filter: []Query{q}})
}

// Exclude returns a copy with the negation of q added in filter context.
func (s Search) Exclude(q Query) Search {
	return s.Query(&BoolQuery{Filter: []Query{Not(q)}})
}

// PostFilter returns a copy with q added to the post_filter (combined with
// And when called twice).
func (s Search) PostFilter(q Query) Search {
	c := s.copy()
	if c.postFilter == nil {
		c.postFilter = q
	} else {
		c.postFilter = And(c.postFilter, q)
	}
	return c
}

// Aggs returns a copy whose aggregations are modified by build:
//
//	s = s.Aggs(func(a *dsl.Aggs) {
//		a.Agg("per_tag", dsl.TermsAgg("tags").Metric("max_lines", dsl.MaxAgg("lines")))
//	})
func (s Search) Aggs(build func(a *Aggs)) Search {
	c := s.copy()
	if s.aggs != nil {
		c.aggs = s.aggs.clone()
	} else {
		c.aggs = &Aggs{}
	}
	build(c.aggs)
	return c
}

// Agg returns a copy with the top-level aggregation a (a copy of it) under name.
func (s Search) Agg(name string, a *Agg) Search {
	return s.Aggs(func(r *Aggs) { r.Agg(name, a.Clone()) })
}

// GetAggs returns a copy of the aggregations.
func (s Search) GetAggs() *Aggs {
	if s.aggs == nil {
		return &Aggs{}
	}
	return s.aggs.clone()
}

// Sort returns a copy sorted by keys in Python's string form, replacing
// any previous sort: a field name ("name"), or a field name after "-" for a
// descending sort ("-name"). "name:desc" is refused, as a field of that
// name is surely not meant, and so is "-_score". SortBy takes typed keys
// (order, mode, missing ...). With no keys the sort is removed.
func (s Search) Sort(keys ...string) Search {
	c := s.copy()
	c.sort = nil
	for _, str := range keys {
		if f, order, ok := strings.Cut(str, ":"); ok && (order == "asc" || order == "desc") {
			return c.withErr(fmt.Errorf("%w: sort key %q: write %q (descending) or %q (ascending)", ErrIllegalOperation, str, "-"+f, f))
		}
		if f, desc := strings.CutPrefix(str, "-"); desc {
			if f == "_score" {
				return c.withErr(fmt.Errorf("%w: sorting by %q is not allowed", ErrIllegalOperation, str))
			}
			c.sort = append(c.sort, map[string]any{f: map[string]any{"order": "desc"}})
			continue
		}
		c.sort = append(c.sort, str)
	}
	return c
}

// SortBy returns a copy sorted by typed keys, replacing any previous sort:
// the typed API's sort values, such as
//
//	s.SortBy(types.SortByField("price", types.SortOrderAsc),
//		types.SortByFieldWith("rating", types.FieldSort{Order: types.SortOrderDesc, Mode: types.SortModeAvg}),
//		types.SortByScore(types.SortOrderDesc))
//
// With no keys the sort is removed.
func (s Search) SortBy(keys ...types.SortCombinations) Search {
	c := s.copy()
	c.sort = nil
	for _, k := range keys {
		c.sort = append(c.sort, k)
	}
	return c
}

// Source returns a copy whose _source is cfg: types.SourceEnabled(false)
// returns no source, types.SourceIncludes and types.SourceExcludes filter
// it (SourceIncludes and SourceExcludes below set one side and keep the
// other); RemoveSource restores the default (the whole document).
func (s Search) Source(cfg types.SourceConfig) Search {
	c := s.copy()
	c.source = cfg
	return c
}

// RemoveSource returns a copy without a _source section: hits carry the
// whole document.
func (s Search) RemoveSource() Search {
	c := s.copy()
	c.source = nil
	return c
}

// SourceIncludes returns a copy whose _source includes are fields (nil
// removes them), keeping any excludes.
func (s Search) SourceIncludes(fields ...string) Search { return s.sourceKey("includes", fields) }

// SourceExcludes returns a copy whose _source excludes are fields (nil
// removes them), keeping any includes.
func (s Search) SourceExcludes(fields ...string) Search { return s.sourceKey("excludes", fields) }

func (s Search) sourceKey(key string, fields []string) Search {
	c := s.copy()
	m, ok := s.source.(map[string]any)
	if ok {
		m = maps.Clone(m)
	} else {
		m = map[string]any{}
	}
	if fields == nil {
		delete(m, key)
	} else {
		m[key] = fields
	}
	c.source = m
	return c
}

// Highlight returns a copy that highlights the given fields, each with the
// options opts (fragment_size, number_of_fragments, type...).
func (s Search) Highlight(fields []string, opts ...HighlightFieldOption) Search {
	c := s.copy()
	c.highlight = maps.Clone(s.highlight)
	if c.highlight == nil {
		c.highlight = map[string]any{}
	}
	for _, f := range fields {
		m := map[string]any{}
		for _, o := range params(opts) {
			o.apply(m)
		}
		c.highlight[f] = m
	}
	return c
}

// HighlightOptions returns a copy with global highlight options such as
// Order("score") or PreTags("<b>").
func (s Search) HighlightOptions(opts ...HighlightOption) Search {
	c := s.copy()
	c.highlightOpts = maps.Clone(s.highlightOpts)
	if c.highlightOpts == nil {
		c.highlightOpts = map[string]any{}
	}
	for _, o := range params(opts) {
		o.apply(c.highlightOpts)
	}
	return c
}

// Suggest returns a copy with a suggester called name for text; options
// hold the suggester, e.g. WithTerm(types.TermSuggester{Field: "body"}). With
// a "completion" suggester the text is sent as "prefix".
func (s Search) Suggest(name, text string, opts ...SuggesterOption) Search {
	if text == "" {
		return s.withErr(fmt.Errorf("%w: suggester %q needs a text", ErrIllegalOperation, name))
	}
	m := map[string]any{}
	key := "text"
	for _, o := range params(opts) {
		if o.key == "completion" {
			key = "prefix"
		}
		o.apply(m)
	}
	m[key] = text
	return s.setSuggest(name, m)
}

// SuggestRegex returns a copy with a completion suggester called name
// matching regex; opts must include Completion(...).
func (s Search) SuggestRegex(name, regex string, opts ...SuggesterOption) Search {
	m := map[string]any{"regex": regex}
	for _, o := range params(opts) {
		o.apply(m)
	}
	if _, ok := m["completion"]; !ok {
		return s.withErr(fmt.Errorf("%w: regex suggester %q needs a completion option", ErrIllegalOperation, name))
	}
	return s.setSuggest(name, m)
}

func (s Search) setSuggest(name string, m map[string]any) Search {
	c := s.copy()
	c.suggest = maps.Clone(s.suggest)
	if c.suggest == nil {
		c.suggest = map[string]any{}
	}
	c.suggest[name] = m
	return c
}

// ScriptField returns a copy with a script field computed by the script
// source: {"name": {"script": source}}. ScriptFieldWith takes a whole
// definition (lang, params, ignore_failure).
func (s Search) ScriptField(name, source string) Search {
	return s.scriptField(name, map[string]any{"script": source})
}

// ScriptFieldWith returns a copy with the script field def:
//
//	s.ScriptFieldWith("n3", types.ScriptField{Script: types.Script{
//		Source: types.ScriptSourceFromScriptString("doc['n'].value * 3")}})
func (s Search) ScriptFieldWith(name string, def types.ScriptField) Search {
	return s.scriptField(name, def)
}

func (s Search) scriptField(name string, def any) Search {
	c := s.copy()
	c.scriptFields = maps.Clone(s.scriptFields)
	if c.scriptFields == nil {
		c.scriptFields = map[string]any{}
	}
	c.scriptFields[name] = def
	return c
}

// Collapse returns a copy collapsing results on field, replacing any
// previous collapse; options are inner_hits and
// max_concurrent_group_searches. RemoveCollapse removes it; an empty field
// is an error.
func (s Search) Collapse(field string, opts ...CollapseOption) Search {
	if field == "" {
		return s.withErr(fmt.Errorf("%w: Collapse needs a field (RemoveCollapse removes collapsing)", ErrIllegalOperation))
	}
	c := s.copy()
	c.collapse = map[string]any{"field": field}
	for _, o := range params(opts) {
		o.apply(c.collapse)
	}
	return c
}

// RemoveCollapse returns a copy without field collapsing.
func (s Search) RemoveCollapse() Search {
	c := s.copy()
	c.collapse = nil
	return c
}

// Knn returns a copy with one more approximate kNN search of the query
// vector vector (KnnBuilder takes a query_vector_builder instead). Other
// options: Boost, WithFilter, Similarity, InnerHits ... (KnnSearchOption).
func (s Search) Knn(field string, k, numCandidates int, vector []float32, opts ...KnnSearchOption) Search {
	if vector == nil {
		return s.withErr(fmt.Errorf("%w: knn on %q needs a query vector (KnnBuilder takes a query_vector_builder)", ErrIllegalOperation, field))
	}
	return s.addKnn(map[string]any{"field": field, "k": k, "num_candidates": numCandidates, "query_vector": vector}, opts)
}

// KnnBuilder returns a copy with one more approximate kNN search whose query
// vector the server builds from builder.
func (s Search) KnnBuilder(field string, k, numCandidates int, builder types.QueryVectorBuilder, opts ...KnnSearchOption) Search {
	return s.addKnn(map[string]any{"field": field, "k": k, "num_candidates": numCandidates, "query_vector_builder": builder}, opts)
}

func (s Search) addKnn(m map[string]any, opts []KnnSearchOption) Search {
	for _, o := range params(opts) {
		o.apply(m)
	}
	_, hasVec := m["query_vector"]
	_, hasBuilder := m["query_vector_builder"]
	if hasVec == hasBuilder {
		return s.withErr(fmt.Errorf("%w: knn on %q needs exactly one of a query vector and a query_vector_builder", ErrIllegalOperation, m["field"]))
	}
	c := s.copy()
	c.knn = append(slices.Clone(s.knn), m)
	return c
}

// RankRRF returns a copy ranking with reciprocal rank fusion; options such
// as RankWindowSize(50) go into the rrf object.
func (s Search) RankRRF(opts ...RankRRFOption) Search {
	c := s.copy()
	m := map[string]any{}
	for _, o := range params(opts) {
		o.apply(m)
	}
	c.rank = map[string]any{"rrf": m}
	return c
}

// Extra returns a copy with a top-level body key set, such as "from",
// "size", "track_total_hits", "min_score" or "explain".
func (s Search) Extra(key string, value any) Search {
	c := s.copy()
	c.extra = maps.Clone(s.extra)
	if c.extra == nil {
		c.extra = map[string]any{}
	}
	c.extra[key] = value
	return c
}

// From returns a copy starting at hit n.
func (s Search) From(n int) Search { return s.Extra("from", n) }

// Size returns a copy returning n hits.
func (s Search) Size(n int) Search { return s.Extra("size", n) }

// SearchAfter returns a copy continuing after the given sort values: a
// hit's Sort as it came back (hit.Sort...), sent exactly as the server
// wrote them, or values built with types.FieldValueFromLong,
// FieldValueFromString ...
func (s Search) SearchAfter(values ...types.FieldValue) Search { return s.searchAfter(values) }

func (s Search) searchAfter(values types.SortResults) Search {
	return s.Extra("search_after", slices.Clone(values))
}

// PointInTime returns a copy that searches the point in time id (opened
// with OpenPointInTime, or by the server's open point-in-time API), kept
// alive keepAlive ("1m") more by each request. The request then names no
// index (the point in time holds them), and without a sort of its own it is
// sorted by _shard_doc, so NextPage can page through every hit once.
func (s Search) PointInTime(id, keepAlive string) Search {
	pit := map[string]any{"id": id}
	if keepAlive != "" {
		pit["keep_alive"] = keepAlive
	}
	return s.Extra("pit", pit)
}

// pointInTime returns the point in time the search uses, if any.
func (s Search) pointInTime() (id, keepAlive string, ok bool) {
	pit, ok := s.extra["pit"].(map[string]any)
	if !ok {
		return "", "", false
	}
	id, _ = pit["id"].(string)
	keepAlive, _ = pit["keep_alive"].(string)
	return id, keepAlive, true
}

// Slice returns a copy restricted to hits [start, stop) of the current
// window, like Python's s[start:stop]; stop < 0 means "to the end of the
// window". Slicing a slice narrows it.
func (s Search) Slice(start, stop int) Search {
	if start < 0 {
		return s.withErr(fmt.Errorf("%w: negative slice start %d", ErrIllegalOperation, start))
	}
	oldFrom, hasFrom := asInt(s.extra["from"])
	oldSize, hasSize := asInt(s.extra["size"])
	oldTo := -1
	if hasSize {
		oldTo = oldFrom + oldSize
	}
	newFrom := oldFrom + start
	newTo := oldTo
	if stop >= 0 {
		newTo = oldFrom + stop
		if oldTo >= 0 && oldTo < newTo {
			newTo = oldTo
		}
	}
	_ = hasFrom
	c := s.Extra("from", newFrom)
	if newTo >= 0 {
		c.extra["size"] = max(0, newTo-newFrom)
	}
	return c
}

// Param returns a copy with a URL query parameter (routing, preference,
// search_type, request_cache, ...), sent as it is.
func (s Search) Param(key, value string) Search {
	c := s.copy()
	c.params = cloneValues(s.params)
	c.params.Set(key, value)
	return c
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}

// Body returns the request body as a map.
func (s Search) Body() (map[string]any, error) {
	return s.body(false)
}

func (s Search) body(count bool) (map[string]any, error) {
	if s.err != nil {
		return nil, s.err
	}
	d := map[string]any{}
	if s.query != nil {
		d["query"] = s.query
	}
	if len(s.knn) == 1 {
		d["knn"] = s.knn[0]
	} else if len(s.knn) > 1 {
		d["knn"] = s.knn
	}
	if len(s.rank) > 0 {
		d["rank"] = s.rank
	}
	if count {
		return d, nil
	}
	if s.postFilter != nil {
		d["post_filter"] = s.postFilter
	}
	if s.aggs != nil && s.aggs.Len() > 0 {
		d["aggs"] = childrenMap(s.aggs.list)
	}
	if len(s.sort) > 0 {
		d["sort"] = s.sort
	} else if _, _, ok := s.pointInTime(); ok {
		d["sort"] = []any{"_shard_doc"}
	}
	if len(s.collapse) > 0 {
		d["collapse"] = s.collapse
	}
	maps.Copy(d, s.extra)
	if m, ok := s.source.(map[string]any); s.source != nil && (!ok || len(m) > 0) {
		d["_source"] = s.source
	}
	if len(s.highlight) > 0 {
		h := maps.Clone(s.highlightOpts)
		if h == nil {
			h = map[string]any{}
		}
		h["fields"] = s.highlight
		d["highlight"] = h
	}
	if len(s.suggest) > 0 {
		d["suggest"] = s.suggest
	}
	if len(s.scriptFields) > 0 {
		d["script_fields"] = s.scriptFields
	}
	return d, nil
}

// ToJSON returns the request body as JSON.
func (s Search) ToJSON() ([]byte, error) {
	d, err := s.body(false)
	if err != nil {
		return nil, err
	}
	return jsonMarshal(d)
}

// MarshalJSON implements json.Marshaler (the request body).
func (s Search) MarshalJSON() ([]byte, error) { return s.ToJSON() }

// FromJSON returns a copy of s updated from a raw search body: query,
// post_filter and aggregations become objects that combine with further
// calls; other keys are kept as they are.
func (s Search) FromJSON(data []byte) (Search, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return s, fmt.Errorf("dsl: search from JSON: %w", err)
	}
	c := s.copy()
	c.extra = maps.Clone(s.extra)
	if c.extra == nil {
		c.extra = map[string]any{}
	}
	dec := func(v json.RawMessage, dst any) error { return decodeUseNumber(v, dst) }
	for k, v := range raw {
		var err error
		switch k {
		case "query":
			c.query, err = ParseQuery(v)
		case "post_filter":
			c.postFilter, err = ParseQuery(v)
		case "aggs", "aggregations":
			var list []namedAgg
			list, err = parseAggMap(v)
			c.aggs = &Aggs{list: list}
		case "knn":
			var one map[string]any
			if err = dec(v, &one); err == nil {
				c.knn = []map[string]any{one}
			} else {
				err = dec(v, &c.knn)
			}
		case "rank":
			err = dec(v, &c.rank)
		case "collapse":
			err = dec(v, &c.collapse)
		case "sort":
			var one any
			err = dec(v, &one)
			if l, ok := one.([]any); ok {
				c.sort = l
			} else {
				c.sort = []any{one}
			}
		case "_source":
			err = dec(v, &c.source)
		case "highlight":
			var h map[string]any
			err = dec(v, &h)
			if f, ok := h["fields"].(map[string]any); ok {
				c.highlight = f
			}
			delete(h, "fields")
			c.highlightOpts = h
		case "suggest":
			err = dec(v, &c.suggest)
			if text, ok := c.suggest["text"]; ok {
				delete(c.suggest, "text")
				for name, sv := range c.suggest {
					if m, ok := sv.(map[string]any); ok {
						if _, has := m["text"]; !has {
							m["text"] = text
						}
					}
					c.suggest[name] = sv
				}
			}
		case "script_fields":
			err = dec(v, &c.scriptFields)
		default:
			var x any
			err = dec(v, &x)
			c.extra[k] = x
		}
		if err != nil {
			return s, fmt.Errorf("dsl: search from JSON: %q: %w", k, err)
		}
	}
	return c, nil
}

// SearchFromJSON is NewSearch(index...).FromJSON(data).
func SearchFromJSON(data []byte, index ...string) (Search, error) {
	return NewSearch(index...).FromJSON(data)
}

// CountBody returns the body sent by Count: the query only.
func (s Search) CountBody() (map[string]any, error) { return s.body(true) }
