package bulk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// Action is a bulk operation: Index, Create, Update or Delete.
type Action string

// The bulk actions.
const (
	// Index creates the document or replaces it. It is the default action.
	Index Action = "index"
	// Create creates the document and fails with 409 when its ID exists.
	Create Action = "create"
	// Update changes part of a document, or runs a script on it.
	Update Action = "update"
	// Delete removes the document. It has no body.
	Delete Action = "delete"
)

// Item is one bulk action with its metadata and body.
//
// The body of an index or create action is Body. The body of an update is
// built from Doc, DocAsUpsert, Upsert, Script and ScriptedUpsert, unless Body
// is set, in which case Body is the whole update body ({"doc": ...}).
//
// A body may be any value, which is encoded as JSON; []byte,
// json.RawMessage or string, taken as JSON as they are (newlines are
// removed with json.Compact when present); or an io.Reader, read to its end
// (and not closed) when the item is encoded.
type Item struct {
	// Action is the operation; the zero value means Index.
	Action Action
	// Index is the target index, alias or data stream; it may be empty when
	// the Indexer has a default index (WithIndex).
	Index string
	// ID is the document ID; empty lets Elasticsearch choose one (index and
	// create only).
	ID string
	// Routing is the custom routing value.
	Routing string
	// IfSeqNo and IfPrimaryTerm make the action conditional on the document's
	// current sequence number and primary term.
	IfSeqNo, IfPrimaryTerm *int64
	// Version is the explicit version, used with VersionType.
	Version *int64
	// VersionType is "internal", "external" or "external_gte".
	VersionType string
	// Pipeline is the ingest pipeline to run (index and create).
	Pipeline string
	// RetryOnConflict is how many times an update retries on a version
	// conflict, on the server.
	RetryOnConflict *int
	// RequireAlias requires Index to be an alias.
	RequireAlias bool

	// Body is the document (index, create) or the whole update body.
	Body any

	// Doc is the partial document of an update.
	Doc any
	// DocAsUpsert makes Doc the new document when it does not exist.
	DocAsUpsert bool
	// Upsert is the document created when it does not exist.
	Upsert any
	// Script is the update script, e.g. map[string]any{"source": "...", "params": ...}.
	Script any
	// ScriptedUpsert runs the script when the document does not exist.
	ScriptedUpsert bool

	// Meta is an opaque value of the caller's, handed back in the Result.
	Meta any
}

// validate checks what can be checked without encoding.
func (it *Item) validate(defaultIndex string) error {
	switch it.Action {
	case "", Index, Create:
	case Update, Delete:
		if it.ID == "" {
			return fmt.Errorf("%w: %s action needs an ID (index %q)", ErrInvalidItem, it.Action, it.Index)
		}
	default:
		return fmt.Errorf("%w: unknown action %q (index %q, id %q)", ErrInvalidItem, it.Action, it.Index, it.ID)
	}
	if it.Index == "" && defaultIndex == "" {
		return fmt.Errorf("%w: no index for %s action, id %q, and no default index", ErrInvalidItem, it.action(), it.ID)
	}
	switch it.action() {
	case Delete:
		if it.Body != nil || it.Doc != nil || it.Upsert != nil || it.Script != nil {
			return fmt.Errorf("%w: delete action with a body (index %q, id %q)", ErrInvalidItem, it.Index, it.ID)
		}
	case Update:
		if it.Body == nil && it.Doc == nil && it.Script == nil {
			return fmt.Errorf("%w: update action needs Doc, Script or Body (index %q, id %q)", ErrInvalidItem, it.Index, it.ID)
		}
	default:
		if it.Body == nil {
			return fmt.Errorf("%w: %s action without a body (index %q, id %q)", ErrInvalidItem, it.action(), it.Index, it.ID)
		}
	}
	return nil
}

func (it *Item) action() Action {
	if it.Action == "" {
		return Index
	}
	return it.Action
}

// encoder appends items to an NDJSON buffer. It is not safe for concurrent use.
type encoder struct {
	buf  []byte
	json *json.Encoder
}

func newEncoder() *encoder {
	e := &encoder{}
	e.json = json.NewEncoder((*appendWriter)(&e.buf))
	e.json.SetEscapeHTML(false)
	return e
}

// appendWriter is an io.Writer that appends to a byte slice.
type appendWriter []byte

func (w *appendWriter) Write(p []byte) (int, error) {
	*w = append(*w, p...)
	return len(p), nil
}

// encode appends the action line and the body line of it to e.buf. A
// non-nil genID is the ID the Indexer made for an item without one: the
// item is then sent as a create with that ID. On error e.buf is left as it
// was.
func (e *encoder) encode(it *Item, genID []byte) error {
	start := len(e.buf)
	err := e.encodeItem(it, genID)
	if err != nil {
		e.buf = e.buf[:start]
	}
	return err
}

func (e *encoder) encodeItem(it *Item, genID []byte) error {
	act := it.action()
	if genID != nil {
		act = Create
	}
	b := append(e.buf, `{"`...)
	b = append(b, act...)
	b = append(b, `":{`...)
	first := true
	field := func(name string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, `":`...)
	}
	if it.Index != "" {
		field("_index")
		b = appendString(b, it.Index)
	}
	if genID != nil {
		field("_id")
		b = append(b, '"')
		b = append(b, genID...) // the ID alphabet needs no escaping
		b = append(b, '"')
	} else if it.ID != "" {
		field("_id")
		b = appendString(b, it.ID)
	}
	if it.Routing != "" {
		field("routing")
		b = appendString(b, it.Routing)
	}
	if it.IfSeqNo != nil {
		field("if_seq_no")
		b = strconv.AppendInt(b, *it.IfSeqNo, 10)
	}
	if it.IfPrimaryTerm != nil {
		field("if_primary_term")
		b = strconv.AppendInt(b, *it.IfPrimaryTerm, 10)
	}
	if it.Version != nil {
		field("version")
		b = strconv.AppendInt(b, *it.Version, 10)
	}
	if it.VersionType != "" {
		field("version_type")
		b = appendString(b, it.VersionType)
	}
	if it.Pipeline != "" {
		field("pipeline")
		b = appendString(b, it.Pipeline)
	}
	if it.RetryOnConflict != nil {
		field("retry_on_conflict")
		b = strconv.AppendInt(b, int64(*it.RetryOnConflict), 10)
	}
	if it.RequireAlias {
		field("require_alias")
		b = append(b, "true"...)
	}
	b = append(b, "}}\n"...)
	e.buf = b

	switch act {
	case Delete:
		return nil
	case Update:
		if it.Body == nil {
			return e.encodeUpdate(it)
		}
	}
	if it.Body == nil {
		return fmt.Errorf("%w: %s action without a body (index %q, id %q)", ErrInvalidItem, act, it.Index, it.ID)
	}
	if err := e.value(it.Body); err != nil {
		return fmt.Errorf("bulk: encoding body of %s action (index %q, id %q): %w", act, it.Index, it.ID, err)
	}
	e.buf = append(e.buf, '\n')
	return nil
}

func (e *encoder) encodeUpdate(it *Item) error {
	if it.Doc == nil && it.Script == nil {
		return fmt.Errorf("%w: update action needs Doc, Script or Body (index %q, id %q)", ErrInvalidItem, it.Index, it.ID)
	}
	e.buf = append(e.buf, '{')
	first := true
	sep := func(name string) {
		if !first {
			e.buf = append(e.buf, ',')
		}
		first = false
		e.buf = append(e.buf, '"')
		e.buf = append(e.buf, name...)
		e.buf = append(e.buf, `":`...)
	}
	for _, f := range [...]struct {
		name string
		v    any
	}{{"doc", it.Doc}, {"upsert", it.Upsert}, {"script", it.Script}} {
		if f.v == nil {
			continue
		}
		sep(f.name)
		if err := e.value(f.v); err != nil {
			return fmt.Errorf("bulk: encoding %s of update (index %q, id %q): %w", f.name, it.Index, it.ID, err)
		}
	}
	if it.DocAsUpsert {
		sep("doc_as_upsert")
		e.buf = append(e.buf, "true"...)
	}
	if it.ScriptedUpsert {
		sep("scripted_upsert")
		e.buf = append(e.buf, "true"...)
	}
	e.buf = append(e.buf, "}\n"...)
	return nil
}

// value appends v as one line of JSON, without a trailing newline.
func (e *encoder) value(v any) error {
	start := len(e.buf)
	switch v := v.(type) {
	case []byte:
		e.buf = append(e.buf, v...)
	case json.RawMessage:
		e.buf = append(e.buf, v...)
	case string:
		e.buf = append(e.buf, v...)
	case io.Reader:
		if _, err := io.Copy((*appendWriter)(&e.buf), v); err != nil {
			return err
		}
	default:
		if err := e.json.Encode(v); err != nil {
			return err
		}
		// json.Encoder ends with a newline and never writes others.
		e.buf = e.buf[:len(e.buf)-1]
		return nil
	}
	raw := e.buf[start:]
	if len(bytes.TrimSpace(raw)) == 0 {
		return fmt.Errorf("%w: empty JSON body", ErrInvalidItem)
	}
	if bytes.IndexByte(raw, '\n') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		return nil
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return fmt.Errorf("%w: body is not valid JSON: %v", ErrInvalidItem, err)
	}
	e.buf = append(e.buf[:start], compact.Bytes()...)
	return nil
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		q, _ := json.Marshal(s) // replaces invalid bytes with U+FFFD
		return append(b, q...)
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
