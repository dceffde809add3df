package esgo

import (
	"github.com/esgo/esgo/transport"
)

// Sentinel errors matched by errors.Is against an *Error with the
// corresponding HTTP status. They are the transport package's, so that an
// error matches them whichever package returned it.
var (
	ErrBadRequest         = transport.ErrBadRequest         // 400
	ErrUnauthorized       = transport.ErrUnauthorized       // 401
	ErrPaymentRequired    = transport.ErrPaymentRequired    // 402
	ErrForbidden          = transport.ErrForbidden          // 403
	ErrNotFound           = transport.ErrNotFound           // 404
	ErrMethodNotAllowed   = transport.ErrMethodNotAllowed   // 405
	ErrRequestTimeout     = transport.ErrRequestTimeout     // 408
	ErrConflict           = transport.ErrConflict           // 409
	ErrPayloadTooLarge    = transport.ErrPayloadTooLarge    // 413
	ErrTooManyRequests    = transport.ErrTooManyRequests    // 429
	ErrServerError        = transport.ErrServerError        // any 5xx
	ErrServiceUnavailable = transport.ErrServiceUnavailable // 503
	ErrGatewayTimeout     = transport.ErrGatewayTimeout     // 504
	ErrUnexpectedStatus   = transport.ErrUnexpectedStatus   // any *Error
	// ErrOutcomeUnknown is matched when a request that is not safe to
	// repeat was sent and its answer was lost (see transport.Repeat).
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
)

// Errors from the transport, re-exported for convenience; match them with
// errors.As.
type (
	// ConnectionError is transport.ConnectionError: a node could not be reached.
	ConnectionError = transport.ConnectionError
	// TimeoutError is transport.TimeoutError: a request ran out of time.
	TimeoutError = transport.TimeoutError
	// TLSError is transport.TLSError: a TLS handshake or verification failed.
	TLSError = transport.TLSError
	// SerializationError is transport.SerializationError: a body could not be encoded or decoded.
	SerializationError = transport.SerializationError
	// SniffError is transport.SniffError: node discovery failed.
	SniffError = transport.SniffError
	// ProductError is transport.ProductError: the server is not Elasticsearch under a strict product check.
	ProductError = transport.ProductError
	// ConfigError is transport.ConfigError: an option given to New is invalid.
	ConfigError = transport.ConfigError
	// OutcomeUnknownError is transport.OutcomeUnknownError: a request that
	// must not be repeated was sent and its answer was lost.
	OutcomeUnknownError = transport.OutcomeUnknownError
)

// Error is transport.Error: an error answer from the server (a status of
// 300 or more that the request did not ask to ignore), the same type in
// every package of this module. Match it with errors.As, or with errors.Is
// against ErrNotFound, ErrConflict and the other sentinels.
type Error = transport.Error

// ErrorCause is transport.ErrorCause: one cause in an Elasticsearch error
// body (a root cause or a caused_by chain link).
type ErrorCause = transport.ErrorCause

// ParseError builds an *Error from a status and an error response body; see
// transport.ParseError.
func ParseError(status int, body []byte) *Error { return transport.ParseError(status, body) }
