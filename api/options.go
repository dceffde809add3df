package api

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/esgo/esgo/transport"
)

// Option adjusts one request before it is sent. Options apply in order; the
// endpoint's own content type and accept headers are set only when no option
// set them.
type Option func(*transport.Request)

// WithTimeout bounds the request, retries included, on the client side. It
// is unrelated to the "timeout" query parameter many endpoints take, which
// tells the server how long to wait.
func WithTimeout(d time.Duration) Option {
	return func(r *transport.Request) { r.Timeout = d }
}

// WithHeader sets a header on this request only.
func WithHeader(key, value string) Option {
	return func(r *transport.Request) {
		if r.Header == nil {
			r.Header = http.Header{}
		}
		r.Header.Set(key, value)
	}
}

// WithOpaqueID sets the X-Opaque-Id header, which Elasticsearch echoes in its
// task list, slow logs and deprecation logs.
func WithOpaqueID(id string) Option { return WithHeader("X-Opaque-Id", id) }

// WithIgnore returns responses with these statuses as responses rather than
// errors (when the transport turns statuses into errors, as *esgo.Client does).
func WithIgnore(statuses ...int) Option {
	return func(r *transport.Request) { r.Ignore = append(r.Ignore, statuses...) }
}

// WithRetries overrides the client's retry count for this request; 0 disables
// retries.
func WithRetries(n int) Option {
	return func(r *transport.Request) { r.MaxRetries = &n }
}

// WithQuery sets a query string parameter, for the common parameters and any
// parameter the specification lacks.
func WithQuery(key, value string) Option {
	return func(r *transport.Request) {
		if r.Query == nil {
			r.Query = url.Values{}
		}
		r.Query.Set(key, value)
	}
}

// WithFilterPath keeps only the response fields matching the filters (the
// common filter_path parameter), such as "hits.hits._source", "-took".
func WithFilterPath(filters ...string) Option {
	return WithQuery("filter_path", strings.Join(filters, ","))
}

// WithPretty asks for indented JSON (the common pretty parameter).
func WithPretty() Option { return WithQuery("pretty", "true") }

// WithHuman asks for human readable values such as "1.2kb" next to raw
// numbers (the common human parameter).
func WithHuman() Option { return WithQuery("human", "true") }

// WithErrorTrace asks for the server's stack trace in error responses (the
// common error_trace parameter).
func WithErrorTrace() Option { return WithQuery("error_trace", "true") }

// WithRepeat overrides whether the transport may send the request again
// after an attempt whose outcome is unknown (see transport.Repeat); each
// endpoint has its own default.
func WithRepeat(r transport.Repeat) Option {
	return func(req *transport.Request) { req.Repeat = r }
}
