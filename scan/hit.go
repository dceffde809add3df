package scan

import "encoding/json"

// Hit is one search hit, the one hit type of esgo: scan's iterators, and
// the dsl package's Execute, Iterate and Scan (dsl.Hit is an alias of it).
// T is the type _source decodes into; json.RawMessage keeps it as it is.
//
// Every piece of metadata the server sends about a hit has a field (the
// specification's _global.search._types.Hit). A hit decodes in one pass,
// field by field, with no method of its own: T's own UnmarshalJSON, if any,
// is honoured. Members whose shape varies or that are deep trees
// (matched_queries, _explanation, fields, sort values) are kept as the
// server sent them, exact, and decoded only when read.
type Hit[T any] struct {
	// Index and ID identify the document.
	Index string `json:"_index"`
	ID    string `json:"_id"`
	// Score is nil when the search is not scored.
	Score *float64 `json:"_score"`
	// Routing is the custom routing value, if any.
	Routing string `json:"_routing,omitempty"`
	// Source is the document (the zero T when the search excludes it).
	Source T `json:"_source"`
	// Fields holds the requested fields ("fields", "docvalue_fields",
	// "script_fields", "stored_fields"), each as the server sent it.
	Fields map[string]json.RawMessage `json:"fields,omitempty"`
	// Sort holds the hit's sort values exactly as sent (a long keeps every
	// digit), ready for search_after; see SortValues.
	Sort []json.RawMessage `json:"sort,omitempty"`
	// SeqNo and PrimaryTerm are set when the search asks for them
	// (seq_no_primary_term), Version with version.
	SeqNo       *int64 `json:"_seq_no,omitempty"`
	PrimaryTerm *int64 `json:"_primary_term,omitempty"`
	Version     *int64 `json:"_version,omitempty"`
	// Highlight holds the highlighted fragments by field, when the search
	// asks for highlighting.
	Highlight map[string][]string `json:"highlight,omitempty"`
	// MatchedQueries holds the named queries the hit matched: an array of
	// names, or an object of names to scores with
	// include_named_queries_score.
	MatchedQueries json.RawMessage `json:"matched_queries,omitempty"`
	// InnerHits holds the inner hits by name (nested, has_child,
	// has_parent, collapse), their sources raw.
	InnerHits map[string]InnerHits `json:"inner_hits,omitempty"`
	// Explanation is the score explanation, with explain.
	Explanation json.RawMessage `json:"_explanation,omitempty"`
	// Nested locates a nested hit (an inner hit) in its parent document.
	Nested *NestedIdentity `json:"_nested,omitempty"`
	// Ignored lists the fields ignored at indexing (ignore_malformed,
	// ignore_above ...), IgnoredFieldValues their values.
	Ignored            []string                     `json:"_ignored,omitempty"`
	IgnoredFieldValues map[string][]json.RawMessage `json:"ignored_field_values,omitempty"`
	// Shard and Node name where the hit was found, with explain.
	Shard string `json:"_shard,omitempty"`
	Node  string `json:"_node,omitempty"`
	// Rank is the hit's rank with a rank or retriever that sets it (rrf).
	Rank *int `json:"_rank,omitempty"`
	// Slice is the slice the hit was read from by Scroll or PointInTime
	// with WithSlices (0 otherwise); it is not part of the server's answer.
	Slice int `json:"-"`
}

// SortValues returns the sort values as a []any of raw JSON values, for
// APIs taking search_after values as ...any (each encodes as it was sent).
func (h *Hit[T]) SortValues() []any {
	if len(h.Sort) == 0 {
		return nil
	}
	out := make([]any, len(h.Sort))
	for i, v := range h.Sort {
		out[i] = v
	}
	return out
}

// InnerHits is the result of one named inner_hits of a hit.
type InnerHits struct {
	Hits struct {
		// Total is nil when the server does not count the inner hits.
		Total    *TotalHits             `json:"total,omitempty"`
		MaxScore *float64               `json:"max_score"`
		Hits     []Hit[json.RawMessage] `json:"hits"`
	} `json:"hits"`
}

// TotalHits is a hit count: exact when Relation is "eq", a lower bound when
// it is "gte".
type TotalHits struct {
	Value    int64  `json:"value"`
	Relation string `json:"relation"`
}

// NestedIdentity locates a nested object: the path of the nested field,
// the object's position in it, and, for a nested field inside another, the
// position in that one.
type NestedIdentity struct {
	Field  string          `json:"field"`
	Offset int             `json:"offset"`
	Nested *NestedIdentity `json:"_nested,omitempty"`
}
