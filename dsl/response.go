package dsl

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/esgo/esgo/scan"
	"github.com/esgo/esgo/types"
)

// Hit is one search hit: the decoded _source and every piece of metadata
// the server sends about it. It is types.Hit, the typed API's hit: Execute,
// ExecuteMulti, Iterate, Scan, NextPage, api.SearchAs and the scan package
// all use it. Sort values are kept exact, as the server sent them (a long
// keeps every digit); SearchAfter takes them back as they are.
type Hit[T any] = types.Hit[T]

// InnerHitsResult is the inner_hits result of one name in a hit.
type InnerHitsResult = types.InnerHitsResult

// InnerHitsAs decodes the sources of the inner hits called name of hit h
// into T.
func InnerHitsAs[T, S any](h Hit[S], name string) ([]Hit[T], error) {
	ih, ok := h.InnerHits[name]
	if !ok {
		return nil, fmt.Errorf("dsl: hit %q has no inner hits %q", h.ID, name)
	}
	return HitsAs[T](ih.Hits.Hits)
}

// Response is a search response whose hits are decoded into T: the typed
// API's types.SearchResponseBody, which api.SearchAs returns too. The total
// is resp.Hits.Total.Value() (Exact tells whether it is a lower bound),
// aggregation results are resp.Aggregations (see AggResults).
type Response[T any] = types.SearchResponseBody[T]

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

// Suggestions returns the result of the suggester called name in resp
// (whose key carries the suggester's kind with typed_keys, "term#name").
func Suggestions[T any](resp *Response[T], name string) ([]Suggestion, error) {
	list, ok := resp.Suggest[name]
	for k, v := range resp.Suggest {
		if ok {
			break
		}
		if i := strings.IndexByte(k, '#'); i >= 0 && k[i+1:] == name {
			list, ok = v, true
		}
	}
	if !ok {
		return nil, fmt.Errorf("dsl: no suggester %q in the response", name)
	}
	out := make([]Suggestion, len(list))
	for i, sg := range list {
		raw, err := sg.Raw()
		if err == nil {
			err = json.Unmarshal(raw, &out[i])
		}
		if err != nil {
			return nil, fmt.Errorf("dsl: suggester %q: %w", name, err)
		}
	}
	return out, nil
}

// NextPage returns the search for the page after resp with search_after,
// from the sort values of its last hit as the server sent them. It returns
// false, without a request, when resp was the last page: no hits, or fewer
// than the page size asked for (size, else the server's default of 10).
// With a point in time, the next page uses the id the server returned.
//
// A page it cannot build is an error matching both ErrIllegalOperation and
// scan.ErrSearchAfter (the check is scan.NextSearchAfter's): a search with
// neither a sort nor a point in time (whose hits carry no sort values), a
// last hit without sort values, or one whose count of sort values differs
// from the search_after of s.
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
		return s, false, fmt.Errorf("%w: %w: the search has neither a sort (Sort) nor a point in time", ErrIllegalOperation, scan.ErrSearchAfter)
	}
	prev, _ := s.extra["search_after"].(types.SortResults)
	after, err := scan.NextSearchAfter(resp.Hits.Hits, len(prev))
	if err != nil {
		return s, false, fmt.Errorf("%w: %w", ErrIllegalOperation, err)
	}
	next := s.searchAfter(after)
	if _, ok := next.extra["from"]; ok {
		next = next.From(0)
	}
	if pit && resp.PitID != "" {
		next = next.PointInTime(string(resp.PitID), keep)
	}
	return next, true, nil
}
