// Package rawcall sends one request of the generated raw API for the DSL
// packages (dsl, dsl/index, dsl/document) through [api.Do] and decodes its
// JSON answer with fastjson.Unmarshal: the DSL builds bodies itself and
// reads answers into its own types, numbers in interface values as float64.
package rawcall

import (
	"bytes"
	"context"
	"fmt"
	"net/url"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/internal/fastjson"
	"github.com/esgo/esgo/transport"
)

// Call is one request of the generated API in its raw form, sent with opts.
type Call func(ctx context.Context, a *api.RawAPI, opts []api.Option) (*transport.Response, error)

// Request is a Call with what the DSL adds: query parameters and ignored
// statuses. Errors name the request that was sent.
type Request struct {
	Query  url.Values
	Ignore []int
	Do     Call
}

// Perform sends req through api.Do and returns the status and body of a 2xx
// (or ignored) answer, read bounded and verified to its end, and the
// request that was sent, which names the call in the caller's errors; any
// other status is the one error type, *transport.Error.
func Perform(ctx context.Context, t transport.Interface, req Request) (int, []byte, *transport.Request, error) {
	opts := make([]api.Option, 0, len(req.Query)+2)
	for k, vs := range req.Query {
		for _, v := range vs {
			opts = append(opts, api.WithQuery(k, v))
		}
	}
	if len(req.Ignore) > 0 {
		opts = append(opts, api.WithIgnore(req.Ignore...))
	}
	sent := new(transport.Request) // replaced by the request sent
	opts = append(opts, func(r *transport.Request) { sent = r })
	var body []byte
	status, err := api.Do(ctx, t, func(ctx context.Context, raw *api.RawAPI, o ...api.Option) (*transport.Response, error) {
		return req.Do(ctx, raw, o)
	}, &body, nil, opts...)
	if err != nil {
		return status, nil, sent, err
	}
	return status, body, sent, nil
}

// JSON sends req and decodes a successful answer into out (when not nil).
func JSON(ctx context.Context, t transport.Interface, req Request, out any) (int, error) {
	status, body, sent, err := Perform(ctx, t, req)
	if err != nil {
		return status, err
	}
	if out != nil && len(bytes.TrimSpace(body)) > 0 {
		if err := fastjson.Unmarshal(body, out); err != nil {
			return status, fmt.Errorf("dsl: %s %s: decode response: %w", sent.Method, sent.Path, err)
		}
	}
	return status, nil
}
