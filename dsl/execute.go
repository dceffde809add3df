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

func (s Search) transport() (transport.Interface, error) {
	return connections.Resolve(s.conn, s.alias)
}

// queryOptions returns URL parameters as the typed API's options.
func queryOptions(q url.Values) []api.Option {
	opts := make([]api.Option, 0, len(q))
	for k, vs := range q {
		for _, v := range vs {
			opts = append(opts, api.WithQuery(k, v))
		}
	}
	return opts
}

// do sends call through api.Do, the typed API's one send-and-decode step,
// and decodes a successful answer into out (when not nil) with the
// faster decoder of encoding/json's rules that api.SearchAs uses.
func do(ctx context.Context, t transport.Interface, call api.Call, out any, q url.Values) error {
	_, err := api.Do(ctx, t, call, out, fastjson.Serializer{}, queryOptions(q)...)
	return err
}

// SearchRequest returns the request Execute sends for s, for api.SearchAs
// or the client's Search: an api.SearchRequest with the search's indices
// (none with a point in time, which names its own), its body as RawBody
// (the JSON that ToJSON gives) and typed_keys, and the URL parameters set
// with Param as options (typed_keys excepted: it is always sent).
//
//	req, opts, err := s.SearchRequest()
//	res, err := api.SearchAs[Article](ctx, api.New(client), req, opts...)
func (s Search) SearchRequest() (api.SearchRequest, []api.Option, error) {
	body, err := s.Body()
	if err != nil {
		return api.SearchRequest{}, nil, err
	}
	index := s.index
	if _, _, ok := s.pointInTime(); ok {
		index = nil // a point in time names its indices itself
	}
	q := cloneValues(s.params)
	q.Del("typed_keys")
	return api.SearchRequest{Index: slices.Clone(index), RawBody: body, TypedKeys: new(true)}, queryOptions(q), nil
}

// DecodeResponse decodes a search answer into a Response, as Execute and
// api.SearchAs do: for an answer stored or received by other means.
func DecodeResponse[T any](data []byte) (*Response[T], error) {
	var r Response[T]
	if err := decodeResponse(data, &r); err != nil {
		return nil, fmt.Errorf("dsl: decode response: %w", err)
	}
	return &r, nil
}

// decodeResponse decodes a search answer with the decoder api.SearchAs
// uses: the typed response's one-pass reader, the sources with the faster
// decoder of encoding/json's rules (numbers in interface values are
// json.Number).
func decodeResponse[T any](data []byte, r *Response[T]) error {
	return fastjson.Serializer{}.DecodeBytes(data, r)
}

// Execute runs the search through the typed API, api.SearchAs with the
// request SearchRequest returns, and decodes hit sources into T:
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
	req, opts, err := s.SearchRequest()
	if err != nil {
		return nil, err
	}
	return api.SearchAs[T](ctx, api.New(t), req, opts...)
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
	call := func(ctx context.Context, a *api.RawAPI, o ...api.Option) (*transport.Response, error) {
		return a.Count(ctx, api.CountRequest{Index: s.index, RawBody: body}, o...)
	}
	var out struct {
		Count int64 `json:"count"`
	}
	if err := do(ctx, t, call, &out, q); err != nil {
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
	call := func(ctx context.Context, a *api.RawAPI, o ...api.Option) (*transport.Response, error) {
		return a.DeleteByQuery(ctx, api.DeleteByQueryRequest{Index: s.index, RawBody: body}, o...)
	}
	var out ByQueryResult
	if err := do(ctx, t, call, &out, s.params); err != nil {
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
