// Package rawcall sends one request of the generated API for dsl/index and
// dsl/document through api.Do, the typed API's one send-and-decode step,
// with the decoder api.SearchAs uses (internal/fastjson's Serializer:
// encoding/json's rules, numbers in interface values as json.Number). The
// DSL builds those bodies itself; what it adds to a call is query
// parameters and ignored statuses.
package rawcall

import (
	"context"
	"net/url"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/internal/fastjson"
	"github.com/esgo/esgo/transport"
)

// Call is one request of the generated API in its raw form, sent with opts.
type Call func(ctx context.Context, a *api.RawAPI, opts []api.Option) (*transport.Response, error)

// Request is a Call with what the DSL adds: query parameters and ignored
// statuses.
type Request struct {
	Query  url.Values
	Ignore []int
	Do     Call
}

// JSON sends req through api.Do and decodes a 2xx (or ignored) answer into
// out (when not nil); any other status is the one error type,
// *transport.Error, and errors met after the answer arrived name the
// request that was sent.
func JSON(ctx context.Context, t transport.Interface, req Request, out any) (int, error) {
	opts := make([]api.Option, 0, len(req.Query)+1)
	for k, vs := range req.Query {
		for _, v := range vs {
			opts = append(opts, api.WithQuery(k, v))
		}
	}
	if len(req.Ignore) > 0 {
		opts = append(opts, api.WithIgnore(req.Ignore...))
	}
	return api.Do(ctx, t, func(ctx context.Context, raw *api.RawAPI, o ...api.Option) (*transport.Response, error) {
		return req.Do(ctx, raw, o)
	}, out, fastjson.Serializer{}, opts...)
}
