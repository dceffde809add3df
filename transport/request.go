package transport

import (
	"context"
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
}
