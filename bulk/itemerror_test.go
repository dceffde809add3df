package bulk_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/transport"
)

// An item's error object is the same ErrorCause as any error answer: its
// root causes and caused-by chain reach the *transport.Error it unwraps to.
func TestItemErrorIsAnErrorCause(t *testing.T) {
	var ie bulk.ItemError
	if err := json.Unmarshal([]byte(`{"type":"mapper_parsing_exception","reason":"failed to parse field [n]","index":"i",
		"root_cause":[{"type":"mapper_parsing_exception","reason":"failed to parse field [n]"}],
		"caused_by":{"type":"illegal_argument_exception","reason":"For input string: \"x\"","caused_by":{"type":"number_format_exception","reason":"x"}}}`), &ie); err != nil {
		t.Fatal(err)
	}
	ie.Status = 400
	var te *transport.Error
	if !errors.As(&ie, &te) || !errors.Is(&ie, transport.ErrBadRequest) {
		t.Fatalf("%v does not unwrap to a 400 *transport.Error", &ie)
	}
	if te.Type != "mapper_parsing_exception" || len(te.RootCauses) != 1 || te.CausedBy == nil || te.CausedBy.CausedBy == nil ||
		te.CausedBy.CausedBy.Type != "number_format_exception" || ie.Index != "i" {
		t.Errorf("unwrapped %+v (caused by %+v), item index %q; want the type, one root cause, a two-link chain, index i", te, te.CausedBy, ie.Index)
	}
	var ou error = &bulk.ItemOutcomeUnknownError{Err: errors.New("cut")}
	if !errors.Is(ou, transport.ErrOutcomeUnknown) {
		t.Errorf("%v does not match transport.ErrOutcomeUnknown", ou)
	}
}
