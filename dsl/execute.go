package dsl

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"slices"
	"strings"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/dsl/connections"
	"github.com/esgo/esgo/dsl/internal/rawcall"
	"github.com/esgo/esgo/internal/fastjson"
	"github.com/esgo/esgo/scan"
	"github.com/esgo/esgo/transport"
)

// ErrNotFound is esgo.ErrNotFound: errors for missing documents and indices
// match it (errors.Is), whether they come from an *esgo.Client or from this
// package.
var ErrNotFound = esgo.ErrNotFound

// ErrConflict is esgo.ErrConflict: version conflicts (HTTP 409) match it.
var ErrConflict = esgo.ErrConflict

// request is a call of the generated raw API with what the DSL adds (see
// internal/rawcall).
type request struct {
	query  url.Values
	ignore []int
	do     rawcall.Call
}

// performJSON sends req and decodes a successful response into out (when
// not nil).
func performJSON(ctx context.Context, t transport.Interface, req request, out any) (int, error) {
	return rawcall.JSON(ctx, t, rawcall.Request{Query: req.query, Ignore: req.ignore, Do: req.do}, out)
}

func (s Search) transport() (transport.Interface, error) {
	return connections.Resolve(s.conn, s.alias)
}

// DecodeResponse decodes a search answer into a Response, as Execute does
// (with the faster decoder of encoding/json's rules the DSL uses): for an
// answer stored or received by other means.
func DecodeResponse[T any](data []byte) (*Response[T], error) {
	var r Response[T]
	if err := decodeResponse(data, &r); err != nil {
		return nil, fmt.Errorf("dsl: decode response: %w", err)
	}
	return &r, nil
}

// decodeResponse decodes a search answer with the typed API's one-pass
// decoder, the sources with the faster decoder (numbers in interface values
// are float64); what it does not read is decoded by encoding/json's rules.
func decodeResponse[T any](data []byte, r *Response[T]) error {
	if r.DecodeBodyWith(data, fastjson.Unmarshal) {
		return nil
	}
	return fastjson.Unmarshal(data, r)
}

// Execute runs the search and decodes hit sources into T:
//
//	resp, err := dsl.Execute[Article](ctx, s)
//	for _, h := range resp.Hits.Hits { fmt.Println(h.ID, h.Source.Title) }
//
// The search asks for typed_keys (whatever Param says), so aggregation
// results are read by kind (see AggResults).
func Execute[T any](ctx context.Context, s Search) (*Response[T], error) {
	t, err := s.transport()
	if err != nil {
		return nil, err
	}
	body, err := s.Body()
	if err != nil {
		return nil, err
	}
	index := s.index
	if _, _, ok := s.pointInTime(); ok {
		index = nil // a point in time names its indices itself
	}
	q := cloneValues(s.params)
	q.Del("typed_keys")
	req := request{query: q,
		do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
			return a.Search(ctx, api.SearchRequest{Index: index, RawBody: body, TypedKeys: new(true)}, o...)
		}}
	_, data, sent, err := rawcall.Perform(ctx, t, rawcall.Request{Query: req.query, Do: req.do})
	if err != nil {
		return nil, err
	}
	var resp Response[T]
	if err := decodeResponse(data, &resp); err != nil {
		return nil, fmt.Errorf("dsl: %s %s: decode response: %w", sent.Method, sent.Path, err)
	}
	return &resp, nil
}

// Count returns the number of matching documents, asked of the server
// (POST /<index>/_count) at each call: nothing is cached.
func (s Search) Count(ctx context.Context) (int64, error) {
	t, err := s.transport()
	if err != nil {
		return 0, err
	}
	body, err := s.body(true)
	if err != nil {
		return 0, err
	}
	delete(body, "knn")
	delete(body, "rank")
	q := url.Values{}
	for k, v := range s.params {
		if k == "routing" || k == "preference" || k == "ignore_unavailable" || k == "allow_no_indices" || k == "expand_wildcards" {
			q[k] = slices.Clone(v)
		}
	}
	req := request{query: q,
		do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
			return a.Count(ctx, api.CountRequest{Index: s.index, RawBody: body}, o...)
		}}
	var out struct {
		Count int64 `json:"count"`
	}
	if _, err := performJSON(ctx, t, req, &out); err != nil {
		return 0, err
	}
	return out.Count, nil
}

// ByQueryResult is the result of a delete by query or update by query.
type ByQueryResult struct {
	Took             int64             `json:"took"`
	TimedOut         bool              `json:"timed_out"`
	Total            int64             `json:"total"`
	Deleted          int64             `json:"deleted"`
	Updated          int64             `json:"updated"`
	Batches          int64             `json:"batches"`
	VersionConflicts int64             `json:"version_conflicts"`
	Noops            int64             `json:"noops"`
	Failures         []json.RawMessage `json:"failures"`
	Task             string            `json:"task,omitempty"`
}

// Delete deletes every document matching the search's query
// (POST /<index>/_delete_by_query). URL parameters set with Param (such as
// refresh or conflicts) are passed on.
func (s Search) Delete(ctx context.Context) (*ByQueryResult, error) {
	t, err := s.transport()
	if err != nil {
		return nil, err
	}
	body, err := s.body(true)
	if err != nil {
		return nil, err
	}
	delete(body, "knn")
	delete(body, "rank")
	req := request{query: cloneValues(s.params),
		do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
			return a.DeleteByQuery(ctx, api.DeleteByQueryRequest{Index: s.index, RawBody: body}, o...)
		}}
	var out ByQueryResult
	if _, err := performJSON(ctx, t, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// OpenPointInTime opens a point in time on the search's indices, kept
// alive keepAlive ("1m"), with scan.OpenPointInTime (on Elasticsearch or
// OpenSearch), and returns the search set to use it (see
// Search.PointInTime), whose pages NextPage builds. Close it with
// ClosePointInTime when done.
func OpenPointInTime(ctx context.Context, s Search, keepAlive string) (Search, error) {
	t, err := s.transport()
	if err != nil {
		return s, err
	}
	if len(s.index) == 0 {
		return s, fmt.Errorf("%w: a point in time needs an index", ErrIllegalOperation)
	}
	id, err := scan.OpenPointInTime(ctx, t, strings.Join(s.index, ","), keepAlive)
	if err != nil {
		return s, err
	}
	return s.PointInTime(id, keepAlive), nil
}

// ClosePointInTime closes the point in time the search uses, with
// scan.ClosePointInTime (a search without one is left alone).
func ClosePointInTime(ctx context.Context, s Search) error {
	id, _, ok := s.pointInTime()
	if !ok {
		return nil
	}
	t, err := s.transport()
	if err != nil {
		return err
	}
	return scan.ClosePointInTime(ctx, t, id)
}

// Scan iterates over every hit of the search with the scroll API, through
// the scan package (see scan.Scroll for the options: page size, keep
// alive, slices, PreserveOrder to keep the search's sort...). The scroll is
// cleared at the end, also when the loop stops early or fails; failed
// shards end the iteration with an error.
func Scan[T any](ctx context.Context, s Search, opts ...scan.Option) iter.Seq2[Hit[T], error] {
	return scanWith[T](ctx, s, opts, scan.Scroll[T])
}

// Iterate iterates over every hit of the search with a point in time and
// search_after (sorted by the search's sort, else _shard_doc), through the
// scan package (see scan.PointInTime for the options). The point in time is
// closed at the end. It works on Elasticsearch and OpenSearch.
func Iterate[T any](ctx context.Context, s Search, opts ...scan.Option) iter.Seq2[Hit[T], error] {
	return scanWith[T](ctx, s, opts, scan.PointInTime[T])
}

type scanFunc[T any] func(ctx context.Context, client transport.Interface, index string, query any, opts ...scan.Option) iter.Seq2[scan.Hit[T], error]

func scanWith[T any](ctx context.Context, s Search, opts []scan.Option, run scanFunc[T]) iter.Seq2[Hit[T], error] {
	return func(yield func(Hit[T], error) bool) {
		t, err := s.transport()
		if err != nil {
			yield(Hit[T]{}, err)
			return
		}
		body, err := s.Body()
		if err != nil {
			yield(Hit[T]{}, err)
			return
		}
		delete(body, "from")
		delete(body, "aggs")
		raw, err := jsonMarshal(body)
		if err != nil {
			yield(Hit[T]{}, err)
			return
		}
		for k, v := range s.params {
			if len(v) > 0 {
				opts = append(opts, scan.WithParam(k, v[0]))
			}
		}
		for h, err := range run(ctx, t, strings.Join(s.index, ","), json.RawMessage(raw), opts...) {
			if !yield(h, err) || err != nil {
				return
			}
		}
	}
}
