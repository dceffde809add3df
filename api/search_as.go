package api

import (
	"context"

	"github.com/esgo/esgo/types"
)

// SearchAs runs a search like [API.Search] and decodes each hit's _source
// into T in the same pass over the answer, instead of leaving it as
// json.RawMessage for a second decode per hit: the fastest way to read
// typed documents with the typed API (see BENCHMARKS.md; the DSL's
// dsl.Execute decodes faster still). T may be any type
// encoding/json decodes into; its own UnmarshalJSON is honoured.
//
//	res, err := api.SearchAs[Book](ctx, api.For(client), api.SearchRequest{Index: []string{"books"}})
//	for _, hit := range res.Hits.Hits { fmt.Println(hit.ID, hit.Source.Title) }
func SearchAs[T any](ctx context.Context, a *API, r SearchRequest, opts ...Option) (*types.SearchResponseBody[T], error) {
	if r.TypedKeys == nil {
		r.TypedKeys = new(true)
	}
	return decodeAs[types.SearchResponseBody[T]](doSearch(ctx, a.t, r, opts))
}
