package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// Interface is what sends a Request to the cluster and returns its Response.
// *Transport implements it; so does *esgo.Client, which also turns error
// statuses into typed errors. Helpers and the generated API depend only on it.
type Interface interface {
	Perform(ctx context.Context, req *Request) (*Response, error)
}

// Request is one HTTP request, before a node is chosen for it.
type Request struct {
	// Method is the HTTP method, such as "GET" or "POST".
	Method string
	// Path is the escaped URL path, starting with "/", e.g. "/my-index/_doc/1".
	Path string
	// Query holds the query string parameters.
	Query url.Values
	// Header holds headers for this request only; they override the
	// client's default headers.
	Header http.Header
	// Body is nil, []byte, json.RawMessage, string, io.Reader, or any other
	// value, which the serializer encodes as JSON. When Header carries an
	// NDJSON content type and Body is a slice, each element is one line.
	Body any

	// Timeout bounds this request, retries included; 0 means the client's default.
	Timeout time.Duration
	// MaxRetries overrides the client's retry count when not nil.
	MaxRetries *int
	// Ignore lists statuses that are returned as responses rather than errors.
	Ignore []int
	// Endpoint optionally names the API endpoint (e.g. "search",
	// "indices.create"); it names the OpenTelemetry span and log records.
	Endpoint string
}

// Response is an HTTP response from a node. The caller must Close it, or
// call Decode, which closes it.
type Response struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Header holds the response headers.
	Header http.Header
	// Body is the (already decompressed) response body.
	Body io.ReadCloser
	// Warnings holds the values of the Warning headers, if any.
	Warnings []string
	// Node is the URL of the node that answered.
	Node string

	serializer Serializer
}

// Decode decodes the JSON body into v with the transport's serializer and
// closes the body. A body that is not valid JSON gives a *SerializationError
// naming the node.
func (r *Response) Decode(v any) error {
	if r == nil || r.Body == nil {
		return &SerializationError{Node: nodeOf(r), Op: "decode", Err: errors.New("no response body")}
	}
	defer r.Body.Close()
	s := r.serializer
	if s == nil {
		s = JSONSerializer{}
	}
	if err := s.Decode(r.Body, v); err != nil {
		return &SerializationError{Node: r.Node, Op: "decode", Err: err}
	}
	return nil
}

// Close discards the rest of the body and closes it, so that the connection
// can be reused. It is safe to call more than once.
func (r *Response) Close() error {
	if r == nil || r.Body == nil {
		return nil
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, 1<<20))
	return r.Body.Close()
}

// Bytes reads the whole body and closes it.
func (r *Response) Bytes() ([]byte, error) {
	if r == nil || r.Body == nil {
		return nil, nil
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return b, &ConnectionError{Node: r.Node, Err: fmt.Errorf("reading response body: %w", err)}
	}
	return b, nil
}

func nodeOf(r *Response) string {
	if r == nil {
		return ""
	}
	return r.Node
}
