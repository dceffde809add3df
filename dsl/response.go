package dsl

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/esgo/esgo/scan"
)

// Total is a hit count with its relation ("eq" for exact, "gte" for a lower bound).
type Total struct {
	Value    int64  `json:"value"`
	Relation string `json:"relation"`
}

// UnmarshalJSON accepts both the object form and the legacy plain number.
func (t *Total) UnmarshalJSON(b []byte) error {
	var n int64
	if err := json.Unmarshal(b, &n); err == nil {
		*t = Total{Value: n, Relation: "eq"}
		return nil
	}
	type plainTotal Total
	var p plainTotal
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*t = Total(p)
	return nil
}

// Exact reports whether the total is an exact count.
func (t Total) Exact() bool { return t.Relation == "" || t.Relation == "eq" }

// Shards summarises how many shards answered a request.
type Shards struct {
	Total      int               `json:"total"`
	Successful int               `json:"successful"`
	Skipped    int               `json:"skipped"`
	Failed     int               `json:"failed"`
	Failures   []json.RawMessage `json:"failures,omitempty"`
}

// Hit is one search hit: the decoded _source and every piece of metadata
// the server sends about it, in one flat struct. It is scan.Hit, the one hit
// type of esgo: Execute, Iterate, Scan, NextPage and the scan package all
// use it. Sort values are kept exact (raw JSON); Hit.SortValues gives them
// to SearchAfter.
type Hit[T any] = scan.Hit[T]

// InnerHitsResult is the inner_hits result of one name in a hit.
type InnerHitsResult = scan.InnerHits

// InnerHitsAs decodes the sources of the inner hits called name of hit h
// into T.
func InnerHitsAs[T, S any](h Hit[S], name string) ([]Hit[T], error) {
	ih, ok := h.InnerHits[name]
	if !ok {
		return nil, fmt.Errorf("dsl: hit %q has no inner hits %q", h.ID, name)
	}
	return HitsAs[T](ih.Hits.Hits)
}

// Response is a search response whose hits are decoded into T.
type Response[T any] struct {
	Took         int64                      `json:"took"`
	TimedOut     bool                       `json:"timed_out"`
	Shards       Shards                     `json:"_shards"`
	Aggregations AggResults                 `json:"aggregations,omitempty"`
	Suggest      map[string]json.RawMessage `json:"suggest,omitempty"`
	ScrollID     string                     `json:"_scroll_id,omitempty"`
	PitID        string                     `json:"pit_id,omitempty"`
	Hits         struct {
		Total    Total    `json:"total"`
		MaxScore *float64 `json:"max_score"`
		Hits     []Hit[T] `json:"hits"`
	} `json:"hits"`
}

// Total returns the hit total.
func (r *Response[T]) Total() Total { return r.Hits.Total }

// Success reports whether all shards answered and the search did not time out.
func (r *Response[T]) Success() bool {
	return !r.TimedOut && r.Shards.Total == r.Shards.Successful
}

// Docs returns the decoded sources of the hits.
func (r *Response[T]) Docs() []T {
	out := make([]T, len(r.Hits.Hits))
	for i, h := range r.Hits.Hits {
		out[i] = h.Source
	}
	return out
}

// Len returns the number of hits in this page.
func (r *Response[T]) Len() int { return len(r.Hits.Hits) }

// Suggestion is one entry of a suggester's result: a piece of the input
// text and the options proposed for it.
type Suggestion struct {
	Text    string          `json:"text"`
	Offset  int             `json:"offset"`
	Length  int             `json:"length"`
	Options []SuggestOption `json:"options"`
}

// SuggestOption is one proposal of a term, phrase or completion suggester.
type SuggestOption struct {
	Text  string  `json:"text"`
	Score float64 `json:"score"`
	// Freq is set by term suggesters.
	Freq int64 `json:"freq,omitempty"`
	// Highlighted is set by phrase suggesters asked to highlight.
	Highlighted string `json:"highlighted,omitempty"`
	// ID, Index and Source are set by completion suggesters.
	ID     string          `json:"_id,omitempty"`
	Index  string          `json:"_index,omitempty"`
	Source json.RawMessage `json:"_source,omitempty"`
}

// Suggestions returns the result of the suggester called name.
func (r *Response[T]) Suggestions(name string) ([]Suggestion, error) {
	raw, ok := r.Suggest[name]
	for k, v := range r.Suggest {
		if ok {
			break
		}
		// typed_keys names a suggester "kind#name" ("term#fix").
		if i := strings.IndexByte(k, '#'); i >= 0 && k[i+1:] == name {
			raw, ok = v, true
		}
	}
	if !ok {
		return nil, fmt.Errorf("dsl: no suggester %q in the response", name)
	}
	var out []Suggestion
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("dsl: suggester %q: %w", name, err)
	}
	return out, nil
}

// NextPage returns the search for the page after resp with search_after,
// from the sort values of its last hit. It returns false, without a
// request, when resp was the last page: no hits, or fewer than the page
// size asked for (size, else the server's default of 10). With a point in
// time, the next page uses the id the server returned.
//
// A page it cannot build is an error (wrapping ErrIllegalOperation): a
// search with neither a sort nor a point in time (whose hits carry no sort
// values), or a last hit without sort values.
func NextPage[T any](s Search, resp *Response[T]) (Search, bool, error) {
	n := len(resp.Hits.Hits)
	if n == 0 {
		return s, false, nil
	}
	size := 10
	if v, ok := asInt(s.extra["size"]); ok {
		size = v
	}
	if n < size {
		return s, false, nil
	}
	_, keep, pit := s.pointInTime()
	if len(s.sort) == 0 && !pit {
		return s, false, fmt.Errorf("%w: search_after needs a sorted search (Sort) or a point in time", ErrIllegalOperation)
	}
	last := resp.Hits.Hits[n-1]
	if len(last.Sort) == 0 {
		return s, false, fmt.Errorf("%w: search_after: hit %q has no sort values", ErrIllegalOperation, last.ID)
	}
	next := s.SearchAfter(last.SortValues()...)
	if _, ok := next.extra["from"]; ok {
		next = next.From(0)
	}
	if pit && resp.PitID != "" {
		next = next.PointInTime(resp.PitID, keep)
	}
	return next, true, nil
}
