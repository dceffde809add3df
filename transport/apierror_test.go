package transport

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseError(t *testing.T) {
	body := `{"error":{"root_cause":[{"type":"index_not_found_exception","reason":"no such index [nope]","index":"nope"}],
		"type":"search_phase_execution_exception","reason":"all shards failed",
		"caused_by":{"type":"illegal_argument_exception","reason":"bad field","caused_by":{"type":"number_format_exception","reason":"For input string: \"x\""}}},"status":400}`
	e := ParseError(400, []byte(body))
	if e.Status != 400 || e.Type != "search_phase_execution_exception" || e.Reason != "all shards failed" {
		t.Fatalf("parsed %+v", e)
	}
	if len(e.RootCauses) != 1 || e.RootCauses[0].Index != "nope" || e.CausedBy == nil || e.CausedBy.CausedBy == nil ||
		e.CausedBy.CausedBy.Type != "number_format_exception" {
		t.Fatalf("causes %+v / %+v", e.RootCauses, e.CausedBy)
	}
	msg := e.Error()
	for _, want := range []string{"400 Bad Request", "all shards failed", "root cause index_not_found_exception: no such index [nope]",
		"caused by illegal_argument_exception: bad field", `caused by number_format_exception: For input string: "x"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if !errors.Is(e, ErrBadRequest) || errors.Is(e, ErrNotFound) || !errors.Is(e, ErrUnexpectedStatus) {
		t.Error("errors.Is mismatch")
	}
}

func TestParseErrorForms(t *testing.T) {
	tests := []struct {
		status          int
		body            string
		typ, reason     string
		sentinel, other error
	}{
		{404, `{"_index":"i","_id":"1","found":false}`, "not_found", "document [1] not found in index [i]", ErrNotFound, ErrConflict},
		{405, `{"error":"Incorrect HTTP method for uri [/] and method [GET], allowed: [DELETE]","status":405}`, "", "Incorrect HTTP method for uri [/] and method [GET], allowed: [DELETE]", ErrMethodNotAllowed, ErrBadRequest},
		{409, `{"error":{"type":"version_conflict_engine_exception","reason":"[1]: version conflict"},"status":409}`, "version_conflict_engine_exception", "[1]: version conflict", ErrConflict, ErrNotFound},
		{502, `<html>Bad Gateway</html>`, "", "<html>Bad Gateway</html>", ErrServerError, ErrTooManyRequests},
		{429, `{"error":{"type":"es_rejected_execution_exception","reason":"rejected"},"status":429}`, "es_rejected_execution_exception", "rejected", ErrTooManyRequests, ErrServerError},
		{401, ``, "", "", ErrUnauthorized, ErrForbidden},
		{403, `{"error":{"type":"security_exception","reason":"action [x] is unauthorized"},"status":403}`, "security_exception", "action [x] is unauthorized", ErrForbidden, ErrUnauthorized},
		{503, `{"error":[1,2]}`, "", "[1,2]", ErrServiceUnavailable, ErrNotFound},
	}
	for _, tt := range tests {
		e := ParseError(tt.status, []byte(tt.body))
		if e.Type != tt.typ || e.Reason != tt.reason {
			t.Errorf("%d %s: got type %q reason %q", tt.status, tt.body, e.Type, e.Reason)
		}
		if !errors.Is(e, tt.sentinel) || errors.Is(e, tt.other) {
			t.Errorf("%d: errors.Is(%v) = %v, errors.Is(%v) = %v", tt.status, tt.sentinel, errors.Is(e, tt.sentinel), tt.other, errors.Is(e, tt.other))
		}
		wrapped := fmt.Errorf("indexing: %w", e)
		var got *Error
		if !errors.As(wrapped, &got) || got.Status != tt.status {
			t.Errorf("%d: errors.As through a wrap failed", tt.status)
		}
	}
}

// FuzzErrorBody checks that ParseError never panics, always keeps the
// status and body, and reads back the type and reason of a well-formed body.
func FuzzErrorBody(f *testing.F) {
	f.Add(404, []byte(`{"error":{"root_cause":[{"type":"a","reason":"b"}],"type":"a","reason":"b"},"status":404}`))
	f.Add(400, []byte(`{"error":"text","status":400}`))
	f.Add(404, []byte(`{"found":false,"_index":"i","_id":"x"}`))
	f.Add(500, []byte(`not json`))
	f.Add(409, []byte(`{"error":{"caused_by":{"caused_by":{"type":"x"}}}}`))
	f.Add(429, []byte(`{"error":null}`))
	f.Add(418, []byte(`{`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e := ParseError(status, body)
		if e.Status != status || string(e.Body) != string(body) {
			t.Fatal("status or body lost")
		}
		_ = e.Error()
		var doc struct {
			Error struct {
				Type   string `json:"type"`
				Reason string `json:"reason"`
			} `json:"error"`
		}
		if json.Unmarshal(body, &doc) == nil && (doc.Error.Type != "" || doc.Error.Reason != "") {
			if e.Type != doc.Error.Type || e.Reason != doc.Error.Reason {
				t.Fatalf("body %q parsed to %q/%q, want %q/%q", body, e.Type, e.Reason, doc.Error.Type, doc.Error.Reason)
			}
		}
	})
}
