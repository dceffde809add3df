package bulk

import (
	"errors"
	"fmt"
	"strings"

	"github.com/esgo/esgo/transport"
)

// Errors returned by the Indexer; match them with errors.Is.
var (
	// ErrClosed is returned by Add, Flush and Close once Close was called.
	ErrClosed = errors.New("bulk: indexer closed")
	// ErrInvalidItem is wrapped by the errors about items that cannot be sent.
	ErrInvalidItem = errors.New("bulk: invalid item")
	// ErrMalformedResponse is wrapped by the errors about bulk responses that
	// cannot be matched to the items sent.
	ErrMalformedResponse = errors.New("bulk: malformed bulk response")
)

// Result is the outcome of one item.
type Result struct {
	// Item is the item as given to Add.
	Item Item
	// Index and ID are those the server reported (ID is the generated one
	// for an index or create action without an ID). They are the item's own
	// when the item never reached the server.
	Index, ID string
	// Status is the item's HTTP status, 0 when the item never got one (for
	// instance after a connection error).
	Status int
	// Result is "created", "updated", "deleted", "noop" or "not_found".
	Result string
	// Version, SeqNo and PrimaryTerm are the document's after the action.
	Version, SeqNo, PrimaryTerm int64
	// Attempts is how many times the item was sent (1 when it was not retried).
	Attempts int
	// Err is nil on success. Otherwise it is an *ItemError holding the
	// server's error for this item, a *RequestError when the whole bulk
	// request failed, or the transport's or the context's error.
	Err error
}

// OK reports whether the item succeeded.
func (r *Result) OK() bool { return r.Err == nil }

// ItemError is the error the server reported for one item: the item's
// status and the server's error object (type, reason, index, caused-by
// chain), the same ErrorCause as in every error answer.
type ItemError struct {
	// Status is the item's HTTP status, e.g. 409 or 429.
	Status int
	// ErrorCause is the item's "error" object: Type (such as
	// "version_conflict_engine_exception"), Reason, Index, CausedBy.
	transport.ErrorCause
	// ID identifies the document (with ErrorCause.Index).
	ID string `json:"-"`
}

// Error implements error.
func (e *ItemError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "bulk: item %s/%s: status %d", e.Index, e.ID, e.Status)
	if e.Type != "" {
		fmt.Fprintf(&b, ": %s", e.Type)
	}
	if e.Reason != "" {
		fmt.Fprintf(&b, ": %s", e.Reason)
	}
	for c := e.CausedBy; c != nil; c = c.CausedBy {
		fmt.Fprintf(&b, " (caused by %s: %s)", c.Type, c.Reason)
	}
	return b.String()
}

// Unwrap returns the item's error as a *transport.Error, the
// one type for a server's error answer, so that errors.Is(err,
// esgo.ErrConflict) holds for a 409 item and errors.As finds a
// *transport.Error.
func (e *ItemError) Unwrap() error {
	return &transport.Error{Status: e.Status, Type: e.Type, Reason: e.Reason, RootCauses: e.RootCauses, CausedBy: e.CausedBy}
}

// RequestError is a non-2xx answer to a whole bulk request.
type RequestError struct {
	// Status is the HTTP status.
	Status int
	// Body is the start of the response body.
	Body string
}

// Unwrap returns the answer as a *transport.Error, so that
// errors.Is and errors.As answer as for any other error status.
func (e *RequestError) Unwrap() error { return transport.ParseError(e.Status, []byte(e.Body)) }

// Error implements error.
func (e *RequestError) Error() string {
	return fmt.Sprintf("bulk: request failed with status %d: %s", e.Status, e.Body)
}

// ItemOutcomeUnknownError reports an item sent in a bulk request that got no
// usable answer (the connection failed after sending, or the answer could
// not be read), and that could not be settled by sending it again: the
// server may or may not have applied it. It matches
// transport.ErrOutcomeUnknown (errors.Is) and unwraps to the cause, which
// may be the item's 409 or 404 on the repeat.
type ItemOutcomeUnknownError struct {
	// Err is what ended the item's attempts.
	Err error
}

// Error implements error.
func (e *ItemOutcomeUnknownError) Error() string {
	return fmt.Sprintf("bulk: outcome unknown (a request holding the item got no answer; it may have been applied): %v", e.Err)
}

// Unwrap returns the cause.
func (e *ItemOutcomeUnknownError) Unwrap() error { return e.Err }

// Is reports whether target is transport.ErrOutcomeUnknown.
func (e *ItemOutcomeUnknownError) Is(target error) bool { return target == transport.ErrOutcomeUnknown }
