package transport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
)

// Sentinel errors matched by errors.Is against an *Error with the
// corresponding HTTP status.
var (
	ErrBadRequest         = errors.New("transport: bad request")         // 400
	ErrUnauthorized       = errors.New("transport: unauthorized")        // 401
	ErrPaymentRequired    = errors.New("transport: license required")    // 402
	ErrForbidden          = errors.New("transport: forbidden")           // 403
	ErrNotFound           = errors.New("transport: not found")           // 404
	ErrMethodNotAllowed   = errors.New("transport: method not allowed")  // 405
	ErrRequestTimeout     = errors.New("transport: request timeout")     // 408
	ErrConflict           = errors.New("transport: conflict")            // 409
	ErrPayloadTooLarge    = errors.New("transport: payload too large")   // 413
	ErrTooManyRequests    = errors.New("transport: too many requests")   // 429
	ErrServerError        = errors.New("transport: server error")        // any 5xx
	ErrServiceUnavailable = errors.New("transport: service unavailable") // 503
	ErrGatewayTimeout     = errors.New("transport: gateway timeout")     // 504
	ErrUnexpectedStatus   = errors.New("transport: unexpected status")   // any *Error
)

var statusSentinels = map[int]error{
	400: ErrBadRequest, 401: ErrUnauthorized, 402: ErrPaymentRequired, 403: ErrForbidden,
	404: ErrNotFound, 405: ErrMethodNotAllowed, 408: ErrRequestTimeout, 409: ErrConflict,
	413: ErrPayloadTooLarge, 429: ErrTooManyRequests, 503: ErrServiceUnavailable, 504: ErrGatewayTimeout,
}

// ErrorCause is one cause in an Elasticsearch error body (a root cause or a
// caused_by chain link).
type ErrorCause struct {
	// Type is the exception type, e.g. "index_not_found_exception".
	Type string `json:"type"`
	// Reason is the human-readable message.
	Reason string `json:"reason"`
	// Index is the index concerned, when the server names one.
	Index string `json:"index,omitempty"`
	// CausedBy is the next cause in the chain.
	CausedBy *ErrorCause `json:"caused_by,omitempty"`
	// RootCauses lists the root causes (only at the top level).
	RootCauses []ErrorCause `json:"root_cause,omitempty"`
}

// Error is an error answer from the server (a status of 300 or more that
// the request did not ask to ignore). It is the one type for such answers
// in every package: *esgo.Client returns it, the api package turns the
// error statuses a bare Interface hands back into it, and the helpers (dsl,
// scan, bulk items, esql, reindex) return it or wrap it. Match it with
// errors.As, or with errors.Is against ErrNotFound, ErrConflict and the
// other sentinels (package esgo has them too, under the same names).
//
// A not-found the client deduces itself from a successful answer (a key
// missing from it, an mget entry with found=false) is not an *Error: it is
// an error wrapping ErrNotFound, so that errors.Is answers the same and
// errors.As finds an *Error only where the server answered with an error.
type Error struct {
	// Status is the HTTP status code.
	Status int
	// Type and Reason come from the body's "error" object.
	Type, Reason string
	// RootCauses are the body's "root_cause" entries.
	RootCauses []ErrorCause
	// CausedBy is the body's "caused_by" chain.
	CausedBy *ErrorCause
	// Body is the raw response body (at most 1 MiB).
	Body []byte
	// Header holds the response headers.
	Header http.Header
	// Warnings holds the Warning headers of the response.
	Warnings []string
	// Node is the URL of the node that answered.
	Node string
	// Method and Path describe the request.
	Method, Path string
}

// Error returns "esgo: <method> <path>: <status>: <type>: <reason>", with the
// root causes and caused-by reasons that differ from the reason.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("esgo: ")
	if e.Method != "" {
		fmt.Fprintf(&b, "%s %s: ", e.Method, e.Path)
	}
	fmt.Fprintf(&b, "%d %s", e.Status, http.StatusText(e.Status))
	if e.Type != "" {
		b.WriteString(": " + e.Type)
	}
	if e.Reason != "" {
		b.WriteString(": " + e.Reason)
	}
	seen := map[string]bool{e.Type + e.Reason: true}
	var extra []string
	for _, rc := range e.RootCauses {
		if k := rc.Type + rc.Reason; !seen[k] {
			seen[k] = true
			extra = append(extra, "root cause "+rc.Type+": "+rc.Reason)
		}
	}
	for c := e.CausedBy; c != nil; c = c.CausedBy {
		if k := c.Type + c.Reason; !seen[k] {
			seen[k] = true
			extra = append(extra, "caused by "+c.Type+": "+c.Reason)
		}
	}
	if len(extra) > 0 {
		b.WriteString(" (" + strings.Join(extra, "; ") + ")")
	}
	return b.String()
}

// Is matches the sentinel for e's status (ErrNotFound for 404 ...),
// ErrServerError for any 5xx, and ErrUnexpectedStatus for any status.
func (e *Error) Is(target error) bool {
	if target == ErrUnexpectedStatus {
		return true
	}
	if target == ErrServerError {
		return e.Status >= 500
	}
	s, ok := statusSentinels[e.Status]
	return ok && s == target
}

// ParseError builds an *Error from a status and an error response body. It
// understands the current body ({"error":{"type":...,"reason":...,
// "root_cause":[...],"caused_by":{...}},"status":N}), the old one
// ({"error":"text"}), a missing document ({"found":false}) and non-JSON
// text. It never fails: unknown bodies are kept as Reason.
func ParseError(status int, body []byte) *Error {
	e := &Error{Status: status, Body: body}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return e
	}
	var doc struct {
		Error  json.RawMessage `json:"error"`
		Status json.RawMessage `json:"status"`
		Found  *bool           `json:"found"`
		Index  string          `json:"_index"`
		ID     string          `json:"_id"`
		Result string          `json:"result"`
	}
	if trimmed[0] != '{' || json.Unmarshal(trimmed, &doc) != nil {
		e.Reason = truncate(string(trimmed), 500)
		return e
	}
	if len(doc.Error) > 0 {
		var s string
		switch {
		case json.Unmarshal(doc.Error, &s) == nil:
			e.Reason = s
		case bytes.HasPrefix(bytes.TrimSpace(doc.Error), []byte("{")):
			if cause := parseCause(doc.Error, 0); cause != nil {
				e.Type, e.Reason, e.RootCauses, e.CausedBy = cause.Type, cause.Reason, cause.RootCauses, cause.CausedBy
			}
		case string(bytes.TrimSpace(doc.Error)) != "null":
			e.Reason = truncate(string(doc.Error), 500)
		}
		return e
	}
	if (doc.Found != nil && !*doc.Found) || doc.Result == "not_found" {
		e.Type = "not_found"
		e.Reason = fmt.Sprintf("document [%s] not found in index [%s]", doc.ID, doc.Index)
	}
	return e
}

// parseCause reads one error object leniently: a field of an unexpected
// type is skipped rather than failing the whole object.
func parseCause(raw json.RawMessage, depth int) *ErrorCause {
	var f struct {
		Type      json.RawMessage   `json:"type"`
		Reason    json.RawMessage   `json:"reason"`
		Index     json.RawMessage   `json:"index"`
		CausedBy  json.RawMessage   `json:"caused_by"`
		RootCause []json.RawMessage `json:"root_cause"`
	}
	if depth > 32 || json.Unmarshal(raw, &f) != nil {
		if depth > 32 {
			return nil
		}
		// root_cause may not be an array: retry without it.
		var g struct {
			Type     json.RawMessage `json:"type"`
			Reason   json.RawMessage `json:"reason"`
			Index    json.RawMessage `json:"index"`
			CausedBy json.RawMessage `json:"caused_by"`
		}
		if json.Unmarshal(raw, &g) != nil {
			return nil
		}
		f.Type, f.Reason, f.Index, f.CausedBy = g.Type, g.Reason, g.Index, g.CausedBy
	}
	c := &ErrorCause{}
	_ = json.Unmarshal(f.Type, &c.Type)
	_ = json.Unmarshal(f.Reason, &c.Reason)
	_ = json.Unmarshal(f.Index, &c.Index)
	if len(f.CausedBy) > 0 {
		c.CausedBy = parseCause(f.CausedBy, depth+1)
	}
	for _, rc := range f.RootCause {
		if p := parseCause(rc, depth+1); p != nil {
			c.RootCauses = append(c.RootCauses, *p)
		}
	}
	return c
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "..."
}

// CheckStatus is the one rule that decides whether an answer is an error.
// It returns nil when resp's status is accepted for req: below 300, listed
// in req.Ignore, or a 404 to a HEAD request (the exists endpoints answer
// false with it). Any other status is read (ErrorOf), closed and returned as
// an *Error labelled with req's method and path. *esgo.Client and the api
// package apply it, so that errors.Is and errors.As answer the same whatever
// the Interface.
func CheckStatus(req *Request, resp *Response) error {
	if resp.StatusCode < 300 || slices.Contains(req.Ignore, resp.StatusCode) ||
		(req.Method == http.MethodHead && resp.StatusCode == http.StatusNotFound) {
		return nil
	}
	return ErrorOf(resp, req.Method, req.Path)
}

// ErrorOf reads an error answer (at most 1 MiB of its body), closes it, and
// returns it as an *Error naming the request. Every package that turns an
// error status into an error goes through it.
func ErrorOf(resp *Response, method, path string) *Error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	_ = resp.Close()
	e := ParseError(resp.StatusCode, body)
	e.Header, e.Warnings, e.Node, e.Method, e.Path = resp.Header, resp.Warnings, resp.Node, method, path
	return e
}
