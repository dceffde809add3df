// Package rawcall sends one request of the generated raw API for the DSL
// packages (dsl, dsl/index, dsl/document) and decodes its JSON answer: the
// DSL builds bodies itself and reads answers into its own types.
package rawcall

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

// Call is one request of the generated API in its raw form, sent with opts.
type Call func(ctx context.Context, a *api.RawAPI, opts []api.Option) (*transport.Response, error)

// Request is a Call with what the DSL adds: query parameters, ignored
// statuses, and the method and path that name it in errors.
type Request struct {
	Method, Path string
	Query        url.Values
	Ignore       []int
	Do           Call
}

// Perform sends req through the generated API and returns the status and
// body of a 2xx (or ignored) answer; the API returns any other status as
// the one error type, *transport.Error.
func Perform(ctx context.Context, t transport.Interface, req Request) (int, []byte, error) {
	opts := make([]api.Option, 0, len(req.Query)+1)
	for k, vs := range req.Query {
		for _, v := range vs {
			opts = append(opts, api.WithQuery(k, v))
		}
	}
	if len(req.Ignore) > 0 {
		opts = append(opts, api.WithIgnore(req.Ignore...))
	}
	resp, err := req.Do(ctx, api.For(t).Raw, opts)
	if err != nil {
		return 0, nil, err
	}
	body, err := resp.Bytes() // bounded, and verified to its end
	if err != nil {
		return resp.StatusCode, nil, fmt.Errorf("dsl: %s %s: read response: %w", req.Method, req.Path, err)
	}
	return resp.StatusCode, body, nil
}

// JSON sends req and decodes a successful answer into out (when not nil).
func JSON(ctx context.Context, t transport.Interface, req Request, out any) (int, error) {
	status, body, err := Perform(ctx, t, req)
	if err != nil {
		return status, err
	}
	if out != nil && len(bytes.TrimSpace(body)) > 0 {
		if err := json.Unmarshal(body, out); err != nil {
			return status, fmt.Errorf("dsl: %s %s: decode response: %w", req.Method, req.Path, err)
		}
	}
	return status, nil
}
