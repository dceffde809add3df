package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/esgo/esgo/transport"
)

// New returns the API over t, which sends every request: the one t
// embeds when t is an *esgo.Client (client.API, the same value), else a new
// one over t (a *transport.Transport, or any implementation of
// [transport.Interface], such as a fake in tests). Code that holds an
// *esgo.Client uses client.API; code that takes any transport, as the
// helper packages do, uses New.
func New(t transport.Interface) *API {
	if p, ok := t.(provider); ok {
		if a := p.self(); a != nil {
			return a
		}
	}
	return newAPI(t)
}

// provider is implemented by *API and every type that embeds it.
type provider interface{ self() *API }

func (a *API) self() *API { return a }

// ErrMissingPart is matched by errors.Is when a request lacks a path part
// the endpoint needs (for example the index of indices.create).
var ErrMissingPart = errors.New("api: missing required path part")

// MissingPartError reports a request that lacks a required path part. It
// matches [ErrMissingPart] with errors.Is.
type MissingPartError struct {
	// Endpoint is the spec name of the endpoint, such as "indices.create".
	Endpoint string
	// Part is the spec name of the missing part, such as "index"; several
	// alternatives are joined with " or ".
	Part string
}

// Error implements error.
func (e *MissingPartError) Error() string {
	return fmt.Sprintf("api: %s: missing required path part %q", e.Endpoint, e.Part)
}

// Is reports whether target is [ErrMissingPart].
func (e *MissingPartError) Is(target error) bool { return target == ErrMissingPart }

func missingPart(endpoint, part string) error {
	return &MissingPartError{Endpoint: endpoint, Part: part}
}

// Decode decodes the JSON body of a response into a new T and closes the
// body; a status of 300 or more is a [*transport.Error] (the type
// *esgo.Client returns). It takes the results of an endpoint call directly:
//
//	res, err := api.Decode[MyResult](client.Search(ctx, api.SearchRequest{...}))
//
// When err is not nil, Decode returns it unchanged. The body is read
// whole, up to the transport's response limit, and verified to its end (a
// compressed body's checksum included).
func Decode[T any](resp *transport.Response, err error) (T, error) {
	var v T
	if err != nil {
		return v, err
	}
	if resp == nil || resp.Body == nil {
		return v, errors.New("api: decoding response: no body")
	}
	// The status rule with nothing ignored: a status the call accepted
	// (WithIgnore) is an error here, as Decode cannot tell its shape.
	if err := transport.CheckStatus(new(transport.Request), resp); err != nil {
		return v, err
	}
	if err := resp.Decode(&v); err != nil {
		return v, fmt.Errorf("api: decoding %T from response: %w", v, err)
	}
	return v, nil
}

// decodeAs decodes the JSON body of a response into a new T for the typed
// endpoints, and closes the body. A status the caller chose to ignore
// (WithIgnore) is decoded like a success: Get of a missing document with
// WithIgnore(404) returns the server's answer, found=false.
func decodeAs[T any](resp *transport.Response, err error) (*T, error) {
	if resp != nil && resp.Body != nil {
		defer resp.Body.Close()
	}
	if err != nil {
		return nil, err
	}
	if resp == nil || resp.Body == nil {
		return nil, errors.New("api: decoding response: no body")
	}
	v := new(T)
	if err := resp.Decode(v); err != nil {
		if resp.StatusCode >= 300 {
			return nil, &transport.Error{Status: resp.StatusCode, Node: resp.Node, Header: resp.Header}
		}
		return nil, err
	}
	return v, nil
}

// Duration formats d as an Elasticsearch time value, in the largest unit
// that represents it exactly: "90s", "5m", "1500ms". A negative d gives "-1"
// (which many parameters read as "no timeout" or "forever").
func Duration(d time.Duration) string {
	if d < 0 {
		return "-1"
	}
	units := []struct {
		size time.Duration
		name string
	}{
		{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"},
		{time.Millisecond, "ms"}, {time.Microsecond, "micros"},
	}
	for _, u := range units {
		if d >= u.size && d%u.size == 0 {
			return strconv.FormatInt(int64(d/u.size), 10) + u.name
		}
	}
	if d == 0 {
		return "0s"
	}
	return strconv.FormatInt(int64(d), 10) + "nanos"
}

// send builds the transport request shared by every endpoint and performs it.
func send(ctx context.Context, t transport.Interface, endpoint, method, path string, q url.Values, body any, contentType, accept string, opts []Option) (*transport.Response, error) {
	req := newRequest(endpoint, method, path, q, opts)
	if body != nil {
		req.Body = body
		if contentType != "" && req.Header.Get("Content-Type") == "" {
			setHeader(req, "Content-Type", contentType)
		}
	}
	if accept != "" && req.Header.Get("Accept") == "" {
		setHeader(req, "Accept", accept)
	}
	resp, err := t.Perform(ctx, req)
	if err != nil {
		return nil, err
	}
	// A bare transport hands error statuses back as responses; turn them
	// into the error *esgo.Client returns.
	if err := transport.CheckStatus(req, resp); err != nil {
		return nil, err
	}
	return resp, nil
}

// exists performs a HEAD request: 2xx is true, 404 is false, anything else
// is an error.
func exists(ctx context.Context, t transport.Interface, endpoint, method, path string, q url.Values, opts []Option) (bool, error) {
	req := newRequest(endpoint, method, path, q, opts)
	req.Ignore = append(req.Ignore, http.StatusNotFound)
	resp, err := t.Perform(ctx, req)
	if err != nil {
		return false, err
	}
	if err := transport.CheckStatus(req, resp); err != nil {
		return false, err
	}
	_ = resp.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return true, nil
	case resp.StatusCode == http.StatusNotFound:
		return false, nil
	}
	return false, &transport.Error{Method: method, Path: path, Status: resp.StatusCode, Node: resp.Node, Header: resp.Header}
}

func newRequest(endpoint, method, path string, q url.Values, opts []Option) *transport.Request {
	req := &transport.Request{Method: method, Path: path, Endpoint: endpoint}
	if len(q) > 0 {
		req.Query = q
	}
	for _, o := range opts {
		if o != nil {
			o(req)
		}
	}
	if req.Repeat == transport.RepeatByMethod {
		req.Repeat = repeatOf(endpoint, req.Method, req.Query)
	}
	return req
}

func setHeader(req *transport.Request, key, value string) {
	if req.Header == nil {
		req.Header = http.Header{}
	}
	req.Header.Set(key, value)
}

func setStr(q url.Values, key, v string) {
	if v != "" {
		q.Set(key, v)
	}
}

func setList(q url.Values, key string, v []string) {
	if len(v) > 0 {
		q.Set(key, strings.Join(v, ","))
	}
}

func setEnums[T ~string](q url.Values, key string, v []T) {
	if len(v) == 0 {
		return
	}
	var b strings.Builder
	for i, s := range v {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(string(s))
	}
	q.Set(key, b.String())
}

func setBool(q url.Values, key string, v *bool) {
	if v != nil {
		q.Set(key, strconv.FormatBool(*v))
	}
}

func setInt(q url.Values, key string, v *int) {
	if v != nil {
		q.Set(key, strconv.Itoa(*v))
	}
}

func setFloat(q url.Values, key string, v *float64) {
	if v != nil {
		q.Set(key, strconv.FormatFloat(*v, 'f', -1, 64))
	}
}

func setInt64(q url.Values, key string, v *int64) {
	if v != nil {
		q.Set(key, strconv.FormatInt(*v, 10))
	}
}
