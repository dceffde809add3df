package api

import (
	"context"

	"github.com/esgo/esgo/internal/fastjson"
	"github.com/esgo/esgo/transport"
	"github.com/esgo/esgo/types"
)

// SearchAs runs a search like [API.Search] and decodes each hit's _source
// into T in the same pass over the answer, instead of leaving it as
// json.RawMessage for a second decode per hit: the fastest way to read
// typed documents. It is the one search path of the module: dsl.Execute
// sends its searches through it, and [Do] is its one send-and-decode step.
// The answer is read by the search response's own one-pass reader
// (types.SearchResponseBody.DecodeBodyWith), the sources with a faster
// decoder of encoding/json's rules (numbers in interface values are
// json.Number; whatever that decoder rejects is decoded again by
// encoding/json, whose answer stands; see BENCHMARKS.md). A serializer
// the client was given decodes the answer instead. T may be any type
// encoding/json decodes into; its own UnmarshalJSON is honoured. The
// search asks for typed_keys unless r says otherwise, so aggregation
// results are read by kind.
//
//	res, err := api.SearchAs[Book](ctx, api.New(client), api.SearchRequest{Index: []string{"books"}})
//	for _, hit := range res.Hits.Hits { fmt.Println(hit.ID, hit.Source.Title) }
func SearchAs[T any](ctx context.Context, a *API, r SearchRequest, opts ...Option) (*types.SearchResponseBody[T], error) {
	if r.TypedKeys == nil {
		r.TypedKeys = new(true)
	}
	out := new(types.SearchResponseBody[T])
	call := func(ctx context.Context, raw *RawAPI, opts ...Option) (*transport.Response, error) {
		return raw.Search(ctx, r, opts...)
	}
	if _, err := Do(ctx, a.t, call, out, fastjson.Serializer{}, opts...); err != nil {
		return nil, err
	}
	return out, nil
}
