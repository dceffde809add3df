package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/esgo/esgo/transport"
)

// Call is one request of the generated API in its raw form: a [RawAPI]
// method bound to its request, which passes opts on. Write it as a closure:
//
//	call := func(ctx context.Context, raw *api.RawAPI, opts ...api.Option) (*transport.Response, error) {
//		return raw.Count(ctx, api.CountRequest{Index: []string{"logs"}}, opts...)
//	}
//
// [Route] makes one for a route the specification lacks.
type Call func(ctx context.Context, raw *RawAPI, opts ...Option) (*transport.Response, error)

// Route returns a [Call] for a route the specification lacks (OpenSearch's
// point-in-time API, say), sent through the same path as the generated
// endpoints: the same options, status rule and repeat policy. method and
// path (escaped, starting with "/") are sent as given; body is nil or any
// value [transport.Request] takes as Body. endpoint names the request in
// spans and logs; the transport repeats it after a lost answer when its
// method is GET, HEAD or OPTIONS, unless [WithRepeat] says otherwise.
//
// Route is for the helper packages and for servers that have routes the
// specification does not describe; a route the generated API has is sent
// through its method, which knows its parameters.
func Route(endpoint, method, path string, body any) Call {
	return func(ctx context.Context, raw *RawAPI, opts ...Option) (*transport.Response, error) {
		return send(ctx, raw.t, endpoint, method, path, nil, body, "", "", opts)
	}
}

// Do is the one step that sends a request through the generated API, checks
// its status and reads its answer. It sends call through t's API (see
// [For]) with opts (query values with [WithQuery], headers with
// [WithHeader], accepted statuses with [WithIgnore] ...), turns an error
// status into a *transport.Error ([transport.CheckStatus]), then reads the
// whole body, bounded by the transport's response limit and verified to its
// end (a compressed body's checksum included), and returns the status.
//
// What it does with the body depends on out:
//
//   - nil: the body is read and dropped;
//   - *[]byte: the body is stored as it came (a CSV answer, or JSON the
//     caller reads itself);
//   - anything else: a JSON body is decoded into out with dec, or with the
//     transport's serializer when dec is nil (a serializer the client was
//     given always wins; see [transport.Response.DecodeWith]). An empty
//     body leaves out as it was.
//
// An answer whose status was accepted with WithIgnore is read like a
// success (decoded, when out is not nil): the status tells them apart.
// Errors met after the answer arrived (reading, decoding) name the method
// and path of the request that was sent, and wrap the transport's error
// (*transport.SerializationError, *transport.ResponseTooLargeError ...).
func Do(ctx context.Context, t transport.Interface, call Call, out any, dec transport.Serializer, opts ...Option) (int, error) {
	if t == nil {
		return 0, errors.New("api: Do: nil transport")
	}
	if call == nil {
		return 0, errors.New("api: Do: nil call")
	}
	sent := new(transport.Request) // replaced by the request sent
	opts = append(opts[:len(opts):len(opts)], func(r *transport.Request) { sent = r })
	resp, err := call(ctx, New(t).Raw, opts...)
	if err != nil {
		return 0, err
	}
	if resp == nil {
		return 0, fmt.Errorf("api: %s %s: no response", sent.Method, sent.Path)
	}
	// send applied the rule already; a Call that reached the transport
	// another way gets it here.
	if err := transport.CheckStatus(sent, resp); err != nil {
		return 0, err
	}
	body, err := resp.Buffer()
	if err != nil {
		return resp.StatusCode, fmt.Errorf("api: %s %s: reading the answer: %w", sent.Method, sent.Path, err)
	}
	switch out := out.(type) {
	case nil:
	case *[]byte:
		*out = body
	default:
		if len(bytes.TrimSpace(body)) == 0 {
			break
		}
		if err := resp.DecodeWith(dec, out); err != nil {
			return resp.StatusCode, fmt.Errorf("api: %s %s: decoding the answer into %T: %w", sent.Method, sent.Path, out, err)
		}
	}
	return resp.StatusCode, nil
}
