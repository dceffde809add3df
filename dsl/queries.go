package dsl

import (
	"time"

	"github.com/esgo/esgo/types"
)

// Full-text queries.

// Scalar is the type of a term, terms or match value: a string, a
// boolean, a number or a time.Time (or a type defined on one of them). A
// slice or a map is not a Scalar, so Term("tags", []string{...}) does not
// compile (Terms takes a list).
type Scalar interface {
	~string | ~bool | ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 |
		~float32 | ~float64 | time.Time
}

// Match returns a match query: {"match": {field: query}}, or
// {"match": {field: {"query": query, opts...}}} when options are given.
func Match[V Scalar](field string, query V, opts ...MatchOption) *Leaf {
	return nested("match", field, "query", query, params(opts))
}

// MatchPhrase returns a match_phrase query.
func MatchPhrase(field string, query string, opts ...MatchPhraseOption) *Leaf {
	return nested("match_phrase", field, "query", query, params(opts))
}

// MatchPhrasePrefix returns a match_phrase_prefix query.
func MatchPhrasePrefix(field string, query string, opts ...MatchPhrasePrefixOption) *Leaf {
	return nested("match_phrase_prefix", field, "query", query, params(opts))
}

// MatchBoolPrefix returns a match_bool_prefix query.
func MatchBoolPrefix(field string, query string, opts ...MatchBoolPrefixOption) *Leaf {
	return nested("match_bool_prefix", field, "query", query, params(opts))
}

// MultiMatch returns a multi_match query over fields.
func MultiMatch(query string, fields []string, opts ...MultiMatchOption) *Leaf {
	return plain("multi_match", map[string]any{"query": query, "fields": fields}, params(opts))
}

// CombinedFields returns a combined_fields query.
func CombinedFields(query string, fields []string, opts ...CombinedFieldsOption) *Leaf {
	return plain("combined_fields", map[string]any{"query": query, "fields": fields}, params(opts))
}

// QueryString returns a query_string query.
func QueryString(query string, opts ...QueryStringOption) *Leaf {
	return plain("query_string", map[string]any{"query": query}, params(opts))
}

// SimpleQueryString returns a simple_query_string query.
func SimpleQueryString(query string, opts ...SimpleQueryStringOption) *Leaf {
	return plain("simple_query_string", map[string]any{"query": query}, params(opts))
}

// Intervals returns an intervals query on field; rule is one of its rules:
//
//	dsl.Intervals("body", types.IntervalsQuery{Match: &types.IntervalsMatch{Query: "my favourite food"}})
func Intervals(field string, rule types.IntervalsQuery, opts ...IntervalsOption) *Leaf {
	return sibling("intervals", field, rule, params(opts))
}

// Common returns a (deprecated) common terms query.
func Common(field string, query string, opts ...CommonOption) *Leaf {
	return nested("common", field, "query", query, params(opts))
}

// Term-level queries.

// Term returns a term query: {"term": {field: value}}. TermValue takes a
// value known only at run time (a bucket key, a decoded document's field).
func Term[V Scalar](field string, value V, opts ...TermOption) *Leaf {
	return nested("term", field, "value", value, params(opts))
}

// TermValue returns a term query of a types.FieldValue (a bucket key or a
// sort value as the server sent it, or one built with
// types.FieldValueFromString ...).
func TermValue(field string, value types.FieldValue, opts ...TermOption) *Leaf {
	return nested("term", field, "value", value, params(opts))
}

// Terms returns a terms query: {"terms": {field: values}}. TermsLookup
// reads the values from a document, TermsValues takes values known only at
// run time.
func Terms[V Scalar](field string, values []V, opts ...TermsOption) *Leaf {
	return sibling("terms", field, values, params(opts))
}

// TermsValues returns a terms query of types.FieldValue values.
func TermsValues(field string, values []types.FieldValue, opts ...TermsOption) *Leaf {
	return sibling("terms", field, values, params(opts))
}

// TermsLookup returns a terms query whose values are read from a field of
// a document: {"terms": {field: {"index": ..., "id": ..., "path": ...}}}.
func TermsLookup(field string, lookup types.TermsLookup, opts ...TermsOption) *Leaf {
	return sibling("terms", field, lookup, params(opts))
}

// TermsSet returns a terms_set query matching documents that have at
// least a number of the terms (give it with MinimumShouldMatchField or
// MinimumShouldMatchScript).
func TermsSet[V Scalar](field string, terms []V, opts ...TermsSetOption) *Leaf {
	return nested("terms_set", field, "terms", terms, params(opts))
}

// Range returns a range query; give its bounds with Gte, Gt, Lte and Lt.
func Range(field string, opts ...RangeOption) *Leaf {
	return nested("range", field, "", nil, params(opts))
}

// Exists returns an exists query.
func Exists(field string, opts ...ExistsOption) *Leaf {
	return plain("exists", map[string]any{"field": field}, params(opts))
}

// Prefix returns a prefix query.
func Prefix(field string, value string, opts ...PrefixOption) *Leaf {
	return nested("prefix", field, "value", value, params(opts))
}

// Wildcard returns a wildcard query.
func Wildcard(field string, value string, opts ...WildcardOption) *Leaf {
	return nested("wildcard", field, "value", value, params(opts))
}

// Regexp returns a regexp query.
func Regexp(field string, value string, opts ...RegexpOption) *Leaf {
	return nested("regexp", field, "value", value, params(opts))
}

// Fuzzy returns a fuzzy query.
func Fuzzy[V Scalar](field string, value V, opts ...FuzzyOption) *Leaf {
	return nested("fuzzy", field, "value", value, params(opts))
}

// IDs returns an ids query.
func IDs(ids []string, opts ...IDsOption) *Leaf {
	return plain("ids", map[string]any{"values": ids}, params(opts))
}

// Type returns a (removed in 8.0) type query; kept for raw compatibility.
func Type(value string, opts ...TypeOption) *Leaf {
	return plain("type", map[string]any{"value": value}, params(opts))
}

// Compound queries.

// ConstantScore returns a constant_score query wrapping filter.
func ConstantScore(filter Query, opts ...ConstantScoreOption) *Leaf {
	return plain("constant_score", map[string]any{"filter": filter}, params(opts))
}

// DisMax returns a dis_max query.
func DisMax(queries []Query, opts ...DisMaxOption) *Leaf {
	return plain("dis_max", map[string]any{"queries": queries}, params(opts))
}

// Boosting returns a boosting query.
func Boosting(positive, negative Query, negativeBoost float64, opts ...BoostingOption) *Leaf {
	return plain("boosting", map[string]any{"positive": positive, "negative": negative, "negative_boost": negativeBoost}, params(opts))
}

// FunctionScore returns a function_score query; query may be nil.
func FunctionScore(query Query, functions []ScoreFunction, opts ...FunctionScoreOption) *Leaf {
	fixed := map[string]any{}
	if query != nil {
		fixed["query"] = query
	}
	if len(functions) > 0 {
		fixed["functions"] = functions
	}
	return plain("function_score", fixed, params(opts))
}

// ScriptScore returns a script_score query; script is its source (a
// string) or a types.Script.
func ScriptScore[S ScriptValue](query Query, script S, opts ...ScriptScoreOption) *Leaf {
	return plain("script_score", map[string]any{"query": query, "script": script}, params(opts))
}

// ScoreFunction is one function of a function_score query.
type ScoreFunction struct {
	// Kind is the function name ("field_value_factor", "script_score",
	// "random_score", "gauss", "linear", "exp"), or "" for a weight-only function.
	Kind string
	// Body is the function's parameters.
	Body any
	// Filter restricts the function to matching documents, when not nil.
	Filter Query
	// Weight multiplies the function's score, when not nil.
	Weight *float64
}

// MarshalJSON implements json.Marshaler.
func (f ScoreFunction) MarshalJSON() ([]byte, error) {
	m := map[string]any{}
	if f.Kind != "" {
		b := f.Body
		if b == nil {
			b = map[string]any{}
		}
		m[f.Kind] = b
	}
	if f.Filter != nil {
		m["filter"] = f.Filter
	}
	if f.Weight != nil {
		m["weight"] = *f.Weight
	}
	return jsonMarshal(m)
}

// SF returns a score function of the given kind with options as its body:
// SF("field_value_factor", Field("likes"), Modifier("log1p")).
func SF(kind string, opts ...ScoreFunctionOption) ScoreFunction {
	m := map[string]any{}
	for _, o := range params(opts) {
		o.apply(m)
	}
	return ScoreFunction{Kind: kind, Body: m}
}

// WithFilter returns a copy of the function restricted to documents matching q.
func (f ScoreFunction) WithFilter(q Query) ScoreFunction { f.Filter = q; return f }

// WithWeight returns a copy of the function with a weight.
func (f ScoreFunction) WithWeight(w float64) ScoreFunction { f.Weight = &w; return f }

// DecayFunction returns a gauss, linear or exp score function on field,
// decaying from origin (a number, a date or date math, a geo point) by
// scale (a number, or a distance or a duration such as "2km" or "10d").
// A date field's origin defaults to now: DecayFunctionFromNow.
func DecayFunction[O DecayOrigin, S DecayScale](kind, field string, origin O, scale S, opts ...DecayFunctionOption) ScoreFunction {
	return decayFunction(kind, field, origin, scale, opts)
}

// DecayFunctionFromNow returns a gauss, linear or exp score function on a
// date field, decaying from now by scale (a duration such as "10d").
func DecayFunctionFromNow(kind, field, scale string, opts ...DecayFunctionOption) ScoreFunction {
	return decayFunction(kind, field, nil, scale, opts)
}

func decayFunction(kind, field string, origin, scale any, opts []DecayFunctionOption) ScoreFunction {
	inner := map[string]any{"scale": scale}
	if origin != nil {
		inner["origin"] = origin
	}
	outer := map[string]any{}
	for _, o := range params(opts) {
		if o.key == "multi_value_mode" {
			o.apply(outer)
			continue
		}
		o.apply(inner)
	}
	outer[fieldName(field)] = inner
	return ScoreFunction{Kind: kind, Body: outer}
}

// Joining queries.

// Nested returns a nested query on path.
func Nested(path string, query Query, opts ...NestedOption) *Leaf {
	return plain("nested", map[string]any{"path": path, "query": query}, params(opts))
}

// HasChild returns a has_child query.
func HasChild(childType string, query Query, opts ...HasChildOption) *Leaf {
	return plain("has_child", map[string]any{"type": childType, "query": query}, params(opts))
}

// HasParent returns a has_parent query.
func HasParent(parentType string, query Query, opts ...HasParentOption) *Leaf {
	return plain("has_parent", map[string]any{"parent_type": parentType, "query": query}, params(opts))
}

// ParentID returns a parent_id query.
func ParentID(childType, id string, opts ...ParentIDOption) *Leaf {
	return plain("parent_id", map[string]any{"type": childType, "id": id}, params(opts))
}

// Geo and shape queries.

// GeoBoundingBox returns a geo_bounding_box query; box is its corners
// (types.GeoBoundsFromTopLeftBottomRight, ...).
func GeoBoundingBox(field string, box types.GeoBounds, opts ...GeoBoundingBoxOption) *Leaf {
	return sibling("geo_bounding_box", field, box, params(opts))
}

// GeoDistance returns a geo_distance query around point within distance.
//
// point is "lat,lon", a geohash, []float64{lon, lat} or a types.GeoLocation.
func GeoDistance[P GeoPoint](field string, point P, distance string, opts ...GeoDistanceOption) *Leaf {
	q := sibling("geo_distance", field, point, params(opts))
	q.params["distance"] = distance
	return q
}

// GeoGrid returns a geo_grid query; cell names the grid cell:
// types.GeoGridQuery{Geohash: "u0"}.
func GeoGrid(field string, cell types.GeoGridQuery, opts ...GeoGridOption) *Leaf {
	return sibling("geo_grid", field, cell, params(opts))
}

// GeoPolygon returns a (deprecated) geo_polygon query.
func GeoPolygon[P GeoPoint](field string, points []P, opts ...GeoPolygonOption) *Leaf {
	return sibling("geo_polygon", field, map[string]any{"points": points}, params(opts))
}

// GeoShape returns a geo_shape query; spec holds Shape or IndexedShape and
// optionally Relation.
func GeoShape(field string, spec types.GeoShapeFieldQuery, opts ...GeoShapeOption) *Leaf {
	return sibling("geo_shape", field, spec, params(opts))
}

// Shape returns a shape query; spec holds Shape or IndexedShape and
// optionally Relation.
func Shape(field string, spec types.ShapeFieldQuery, opts ...ShapeOption) *Leaf {
	return sibling("shape", field, spec, params(opts))
}

// Span queries.

// SpanTerm returns a span_term query.
func SpanTerm[V Scalar](field string, value V, opts ...SpanTermOption) *Leaf {
	return nested("span_term", field, "value", value, params(opts))
}

// SpanNear returns a span_near query.
func SpanNear(clauses []Query, slop int, opts ...SpanNearOption) *Leaf {
	return plain("span_near", map[string]any{"clauses": clauses, "slop": slop}, params(opts))
}

// SpanOr returns a span_or query.
func SpanOr(clauses []Query, opts ...SpanOrOption) *Leaf {
	return plain("span_or", map[string]any{"clauses": clauses}, params(opts))
}

// SpanNot returns a span_not query.
func SpanNot(include, exclude Query, opts ...SpanNotOption) *Leaf {
	return plain("span_not", map[string]any{"include": include, "exclude": exclude}, params(opts))
}

// SpanFirst returns a span_first query.
func SpanFirst(match Query, end int, opts ...SpanFirstOption) *Leaf {
	return plain("span_first", map[string]any{"match": match, "end": end}, params(opts))
}

// SpanContaining returns a span_containing query.
func SpanContaining(big, little Query, opts ...SpanContainingOption) *Leaf {
	return plain("span_containing", map[string]any{"big": big, "little": little}, params(opts))
}

// SpanWithin returns a span_within query.
func SpanWithin(big, little Query, opts ...SpanWithinOption) *Leaf {
	return plain("span_within", map[string]any{"big": big, "little": little}, params(opts))
}

// SpanMulti returns a span_multi query wrapping a multi-term query.
func SpanMulti(match Query, opts ...SpanMultiOption) *Leaf {
	return plain("span_multi", map[string]any{"match": match}, params(opts))
}

// SpanFieldMasking returns a span_field_masking query.
func SpanFieldMasking(query Query, field string, opts ...SpanFieldMaskingOption) *Leaf {
	return plain("span_field_masking", map[string]any{"query": query, "field": field}, params(opts))
}

// Specialized queries.

// DistanceFeature returns a distance_feature query: origin is a date (or
// date math such as "now") for a date field, a geo point for a geo_point
// field; pivot the distance or duration at which the score is halved
// ("7d", "1km").
func DistanceFeature[O GeoPoint](field string, origin O, pivot string, opts ...DistanceFeatureOption) *Leaf {
	return plain("distance_feature", map[string]any{"field": field, "origin": origin, "pivot": pivot}, params(opts))
}

// MoreLikeThis returns a more_like_this query; like is a text, several, or
// types.Like values (documents).
func MoreLikeThis[L LikeValue](fields []string, like L, opts ...MoreLikeThisOption) *Leaf {
	fixed := map[string]any{"like": like}
	if fields != nil {
		fixed["fields"] = fields
	}
	return plain("more_like_this", fixed, params(opts))
}

// Percolate returns a percolate query for one document.
func Percolate(field string, document any, opts ...PercolateOption) *Leaf {
	return plain("percolate", map[string]any{"field": field, "document": document}, params(opts))
}

// RankFeature returns a rank_feature query.
func RankFeature(field string, opts ...RankFeatureOption) *Leaf {
	return plain("rank_feature", map[string]any{"field": field}, params(opts))
}

// Script returns a script query; script is its source (a string) or a
// types.Script.
func Script[S ScriptValue](script S, opts ...ScriptOption) *Leaf {
	return plain("script", map[string]any{"script": script}, params(opts))
}

// Wrapper returns a wrapper query (query is base64-encoded JSON).
func Wrapper(query string, opts ...WrapperOption) *Leaf {
	return plain("wrapper", map[string]any{"query": query}, params(opts))
}

// Pinned returns a pinned query promoting ids above organic results.
func Pinned(organic Query, ids []string, opts ...PinnedOption) *Leaf {
	return plain("pinned", map[string]any{"organic": organic, "ids": ids}, params(opts))
}

// Rule returns a rule query applying query rulesets.
func Rule(organic Query, rulesetIDs []string, matchCriteria any, opts ...RuleOption) *Leaf {
	return plain("rule", map[string]any{"organic": organic, "ruleset_ids": rulesetIDs, "match_criteria": matchCriteria}, params(opts))
}

// Vector and semantic queries.

// Knn returns a knn query on field for the query vector vector; KnnBuilder
// takes a query_vector_builder instead. A WithFilter given a single query
// is sent as a list of one, as Python does.
func Knn(field string, vector []float32, opts ...KnnOption) *Leaf {
	return knnQuery(map[string]any{"field": field, "query_vector": vector}, opts)
}

// KnnBuilder returns a knn query on field whose query vector the server
// builds (from a text embedding model, for instance).
func KnnBuilder(field string, builder types.QueryVectorBuilder, opts ...KnnOption) *Leaf {
	return knnQuery(map[string]any{"field": field, "query_vector_builder": builder}, opts)
}

func knnQuery(fixed map[string]any, opts []KnnOption) *Leaf {
	q := plain("knn", fixed, params(opts))
	if f, ok := q.params["filter"].(Query); ok {
		// The knn query's filter is a list (Python sends one query as a
		// list of one); the search's top-level knn keeps a single object.
		q.params["filter"] = []Query{f}
	}
	return q
}

// SparseVector returns a sparse_vector query; give QueryVector, or
// InferenceID and WithQuery (the text to expand).
func SparseVector(field string, opts ...SparseVectorOption) *Leaf {
	return plain("sparse_vector", map[string]any{"field": field}, params(opts))
}

// Semantic returns a semantic query on a semantic_text field.
func Semantic(field string, query string, opts ...SemanticOption) *Leaf {
	return plain("semantic", map[string]any{"field": field, "query": query}, params(opts))
}

// TextExpansion returns a (deprecated) text_expansion query.
func TextExpansion(field, modelID, modelText string, opts ...TextExpansionOption) *Leaf {
	q := nested("text_expansion", field, "", nil, params(opts))
	q.params["model_id"] = modelID
	q.params["model_text"] = modelText
	return q
}

// WeightedTokens returns a (deprecated) weighted_tokens query.
func WeightedTokens(field string, tokens map[string]float64, opts ...WeightedTokensOption) *Leaf {
	q := nested("weighted_tokens", field, "", nil, params(opts))
	q.params["tokens"] = tokens
	return q
}

// ScriptValue is what a script parameter takes: its source alone, or a
// types.Script (source or stored id, lang, params).
type ScriptValue interface {
	~string | types.Script
}

// GeoPoint is what a geo point parameter takes: "lat,lon" or a geohash
// (or, for a date origin, a date), []float64{lon, lat}, or a
// types.GeoLocation or types.LatLonGeoLocation.
type GeoPoint interface {
	~string | []float64 | types.GeoLocation | types.LatLonGeoLocation
}

// DecayOrigin is what a decay function's origin takes: a number, a date or
// date math, or a geo point.
type DecayOrigin interface {
	~string | ~int | ~int64 | ~float64 | []float64 | types.GeoLocation | types.LatLonGeoLocation
}

// DecayScale is what a decay function's scale (and offset) takes: a number,
// or a distance or duration such as "2km" or "10d".
type DecayScale interface {
	~string | ~int | ~int64 | ~float64
}

// LikeValue is what more_like_this's like and unlike take: a text, several
// texts, or types.Like values (a text or a document).
type LikeValue interface {
	~string | []string | types.Like | []types.Like
}
