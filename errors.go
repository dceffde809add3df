package esgo

import (
	"github.com/esgo/esgo/transport"
)

// Sentinel errors matched by errors.Is against a *transport.Error with the
// corresponding HTTP status: errors.Is(err, esgo.ErrNotFound). They are the
// transport package's values under a shorter name, so that an error matches
// them whichever package returned it. The error types themselves
// (*transport.Error for a server's error answer, *transport.ConnectionError,
// *transport.TimeoutError, *transport.ConfigError ...) have one name each,
// in package transport.
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
	ErrUnexpectedStatus   = transport.ErrUnexpectedStatus   // any *transport.Error
	// ErrOutcomeUnknown is matched when a request that is not safe to
	// repeat was sent and its answer was lost (see transport.Repeat).
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
)
