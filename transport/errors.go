package transport

import (
	"errors"
	"fmt"
)

// ErrNoNodes is returned when the pool holds no node at all.
var ErrNoNodes = errors.New("transport: no nodes configured")

// ErrUnsupportedProduct is matched (errors.Is) by a ProductError: the server
// is not the product the client was told to require.
var ErrUnsupportedProduct = errors.New("transport: unsupported product")

// ConnectionError reports that a node could not be reached or dropped the
// connection before a complete response arrived. The request may be retried
// on another node.
type ConnectionError struct {
	// Node is the URL of the node that failed.
	Node string
	// Err is the underlying network error.
	Err error

	wrongScheme bool // http:// to a node that speaks TLS: retrying is pointless
}

// Error implements error.
func (e *ConnectionError) Error() string {
	return fmt.Sprintf("transport: connection to %s failed: %v", e.Node, e.Err)
}

// Unwrap returns the underlying error.
func (e *ConnectionError) Unwrap() error { return e.Err }

// TimeoutError reports that a request did not complete in time, either
// because its context deadline passed or because the client's request
// timeout elapsed.
type TimeoutError struct {
	// Node is the URL of the node the request was sent to, if any.
	Node string
	// Err is the underlying error, usually context.DeadlineExceeded.
	Err error
}

// Error implements error.
func (e *TimeoutError) Error() string {
	if e.Node == "" {
		return fmt.Sprintf("transport: request timed out: %v", e.Err)
	}
	return fmt.Sprintf("transport: request to %s timed out: %v", e.Node, e.Err)
}

// Unwrap returns the underlying error.
func (e *TimeoutError) Unwrap() error { return e.Err }

// Timeout reports true, so that a TimeoutError satisfies net.Error-style checks.
func (e *TimeoutError) Timeout() bool { return true }

// TLSError reports a failed TLS handshake or certificate verification
// (including a fingerprint that did not match).
type TLSError struct {
	// Node is the URL of the node whose certificate was refused.
	Node string
	// Err is the underlying error.
	Err error
}

// Error implements error.
func (e *TLSError) Error() string {
	return fmt.Sprintf("transport: TLS with %s failed: %v", e.Node, e.Err)
}

// Unwrap returns the underlying error.
func (e *TLSError) Unwrap() error { return e.Err }

// SerializationError reports a body that could not be encoded or a response
// that could not be decoded.
type SerializationError struct {
	// Node is the URL of the node whose response failed to decode; empty when
	// a request body failed to encode.
	Node string
	// Op is "encode" or "decode".
	Op string
	// Err is the underlying error.
	Err error
}

// Error implements error.
func (e *SerializationError) Error() string {
	if e.Node == "" {
		return fmt.Sprintf("transport: cannot %s body: %v", e.Op, e.Err)
	}
	return fmt.Sprintf("transport: cannot %s body from %s: %v", e.Op, e.Node, e.Err)
}

// Unwrap returns the underlying error.
func (e *SerializationError) Unwrap() error { return e.Err }

// SniffError reports a failed node discovery.
type SniffError struct {
	// Node is the URL of the node that was asked for the node list.
	Node string
	// Err is the underlying error.
	Err error
}

// Error implements error.
func (e *SniffError) Error() string {
	if e.Node == "" {
		return fmt.Sprintf("transport: sniffing nodes failed: %v", e.Err)
	}
	return fmt.Sprintf("transport: sniffing nodes from %s failed: %v", e.Node, e.Err)
}

// Unwrap returns the underlying error.
func (e *SniffError) Unwrap() error { return e.Err }

// ProductError reports a server that is not the product the client requires
// (see WithProductCheck). It matches ErrUnsupportedProduct with errors.Is.
type ProductError struct {
	// Node is the URL of the node that answered.
	Node string
	// Product is what the server identified as ("" when unknown).
	Product Product
}

// Error implements error.
func (e *ProductError) Error() string {
	p := string(e.Product)
	if p == "" {
		p = "an unknown product"
	}
	return fmt.Sprintf("transport: %s is %s, not Elasticsearch (the client requires Elasticsearch)", e.Node, p)
}

// Is reports whether target is ErrUnsupportedProduct.
func (e *ProductError) Is(target error) bool { return target == ErrUnsupportedProduct }

// ConfigError reports an invalid option given to New.
type ConfigError struct {
	// Option names the offending option, e.g. "WithAddresses".
	Option string
	// Value is the offending value, with secrets removed.
	Value string
	// Err explains what is wrong.
	Err error
}

// Error implements error.
func (e *ConfigError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("transport: %s: %v", e.Option, e.Err)
	}
	return fmt.Sprintf("transport: %s(%q): %v", e.Option, e.Value, e.Err)
}

// Unwrap returns the underlying error.
func (e *ConfigError) Unwrap() error { return e.Err }

// ErrOutcomeUnknown is matched (errors.Is) by an *OutcomeUnknownError: a
// request that must not be repeated was sent, and no answer came back, so
// the server may or may not have applied it.
var ErrOutcomeUnknown = errors.New("transport: outcome unknown")

// OutcomeUnknownError reports a request that reached (or may have reached)
// the server and got no complete answer: the connection failed or timed
// out after the request was written. The transport does not send such a
// request again unless its Repeat says it is harmless; the caller decides
// (look the result up, or repeat it knowingly). It matches
// ErrOutcomeUnknown, and unwraps to the *ConnectionError or *TimeoutError.
type OutcomeUnknownError struct {
	// Method and Path describe the request.
	Method, Path string
	// Node is the URL of the node the request was sent to.
	Node string
	// Err is the *ConnectionError or *TimeoutError that cut the exchange.
	Err error
}

// Error implements error.
func (e *OutcomeUnknownError) Error() string {
	to := ""
	if e.Node != "" {
		to = "sent to " + e.Node + ", "
	}
	return fmt.Sprintf("transport: %s %s: outcome unknown (%snot repeated: a repeat could apply it twice or skip a page): %v",
		e.Method, e.Path, to, e.Err)
}

// Unwrap returns the underlying error.
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// Is reports whether target is ErrOutcomeUnknown.
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }

// ErrResponseTooLarge is matched (errors.Is) by a *ResponseTooLargeError.
var ErrResponseTooLarge = errors.New("transport: response too large")

// ResponseTooLargeError reports a response body longer than the limit set
// for reading it whole.
type ResponseTooLargeError struct {
	// Node is the URL of the node that answered, when known.
	Node string
	// Limit is the limit in bytes.
	Limit int64
}

// Error implements error.
func (e *ResponseTooLargeError) Error() string {
	if e.Node == "" {
		return fmt.Sprintf("transport: response body larger than the limit of %d bytes", e.Limit)
	}
	return fmt.Sprintf("transport: response body from %s larger than the limit of %d bytes", e.Node, e.Limit)
}

// Is reports whether target is ErrResponseTooLarge.
func (e *ResponseTooLargeError) Is(target error) bool { return target == ErrResponseTooLarge }
