package transport

import (
	"bytes"
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
	// Repeat says whether the request may be sent again after an attempt
	// whose outcome is unknown (the request was sent, then the connection
	// failed or timed out before a response). The generated api package
	// sets it per endpoint; the zero value decides by method (see Repeat).
	Repeat Repeat
}

// Repeat tells the transport whether sending a request twice is harmless.
// A request that never left the client (connection refused, TLS failure,
// DNS failure) is always retried on another node; Repeat only matters once
// the request may have reached the server. See the package documentation,
// "What is retried".
type Repeat uint8

const (
	// RepeatByMethod, the zero value, treats GET, HEAD and OPTIONS as
	// harmless to repeat and every other method as not.
	RepeatByMethod Repeat = iota
	// RepeatSafe marks a request that may be sent again whatever happened
	// to the first attempt (a search sent as POST, a count, a refresh).
	RepeatSafe
	// RepeatUnsafe marks a request that must not be sent twice without the
	// caller's consent (a scroll continuation, a bulk, an update). When its
	// outcome is unknown, Perform returns an *OutcomeUnknownError.
	RepeatUnsafe
)

// repeatable reports whether req may be re-sent after an unknown outcome.
func (req *Request) repeatable() bool {
	switch req.Repeat {
	case RepeatSafe:
		return true
	case RepeatUnsafe:
		return false
	}
	switch req.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions:
		return true
	}
	return false
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
	limit      int64 // the most Decode and Bytes read; 0 is DefaultMaxResponseBytes
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
	if bb, ok := r.Body.(*bufferedBody); ok && bb.Len() == len(bb.b) {
		if bd, ok := s.(bytesDecoder); ok {
			// A buffered body (Buffer), untouched: decoded in place,
			// without copying it again.
			b := bb.b
			bb.Reset(nil)
			bb.b = nil
			if err := bd.DecodeBytes(b, v); err != nil {
				return &SerializationError{Node: r.Node, Op: "decode", Err: err}
			}
			return nil
		}
	}
	body := LimitBody(r.Body, r.maxBytes())
	if err := s.Decode(body, v); err != nil {
		var tl *ResponseTooLargeError
		if errors.As(err, &tl) {
			tl.Node = r.Node
			return tl
		}
		return &SerializationError{Node: r.Node, Op: "decode", Err: err}
	}
	// Read to the end, so that a compressed body's checksum is verified
	// and nothing but white space follows the value.
	if err := verifyEnd(body); err != nil {
		var tl *ResponseTooLargeError
		if errors.As(err, &tl) {
			tl.Node = r.Node
			return tl
		}
		return &SerializationError{Node: r.Node, Op: "decode", Err: err}
	}
	return nil
}

// verifyEnd reads r to its end (at most 1 MiB) and fails when that fails
// (a corrupt gzip stream fails its checksum only at its end) or when
// anything but white space is left.
func verifyEnd(r io.Reader) error {
	buf := make([]byte, 512)
	var total int
	for {
		n, err := r.Read(buf)
		for _, c := range buf[:n] {
			if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
				return errors.New("unexpected data after the JSON value")
			}
		}
		total += n
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if total > 1<<20 {
			return errors.New("more than 1 MiB of white space after the JSON value")
		}
	}
}

func (r *Response) maxBytes() int64 {
	if r.limit > 0 {
		return r.limit
	}
	return DefaultMaxResponseBytes
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

// Buffer reads the whole body into memory (bounded and verified to its
// end, like Decode and Bytes) and keeps it as the body, so that Decode can
// run later, after the connection is free for the next request. It returns
// the bytes read.
func (r *Response) Buffer() ([]byte, error) {
	b, err := r.Bytes()
	if err != nil {
		return nil, err
	}
	if r != nil {
		r.Body = &bufferedBody{Reader: bytes.NewReader(b), b: b}
	}
	return b, nil
}

// bufferedBody is the body Buffer keeps: the bytes, and a reader over them.
type bufferedBody struct {
	*bytes.Reader
	b []byte
}

// Close implements io.Closer; there is nothing to release.
func (*bufferedBody) Close() error { return nil }

// Bytes reads the whole body and closes it.
func (r *Response) Bytes() ([]byte, error) {
	if r == nil || r.Body == nil {
		return nil, nil
	}
	defer r.Body.Close()
	b, err := io.ReadAll(LimitBody(r.Body, r.maxBytes()))
	if err != nil {
		var tl *ResponseTooLargeError
		if errors.As(err, &tl) {
			tl.Node = r.Node
			return nil, tl
		}
		return b, &ConnectionError{Node: r.Node, Err: fmt.Errorf("reading response body: %w", err)}
	}
	return b, nil
}

// DefaultMaxResponseBytes bounds what Response.Decode and Response.Bytes
// read (WithMaxResponseBytes changes it). Reading Body directly is not
// bounded.
const DefaultMaxResponseBytes = 256 << 20

// LimitBody returns a reader of r that fails with a *ResponseTooLargeError
// once more than limit bytes were read (limit <= 0: no limit). Unlike
// io.LimitReader it never truncates silently.
func LimitBody(r io.Reader, limit int64) io.Reader {
	if limit <= 0 {
		return r
	}
	return &limitedBody{r: r, left: limit, limit: limit}
}

type limitedBody struct {
	r           io.Reader
	left, limit int64
}

func (l *limitedBody) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, &ResponseTooLargeError{Limit: l.limit}
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n - int(-l.left), &ResponseTooLargeError{Limit: l.limit}
	}
	return n, err
}

func nodeOf(r *Response) string {
	if r == nil {
		return ""
	}
	return r.Node
}
