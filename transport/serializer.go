package transport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// Serializer turns request bodies into bytes and response bodies into
// values. Implementations must be safe for concurrent use.
type Serializer interface {
	// Marshal encodes v as one JSON document (no trailing newline needed).
	Marshal(v any) ([]byte, error)
	// Decode reads one JSON document from r into v.
	Decode(r io.Reader, v any) error
}

// JSONSerializer is the default Serializer. It encodes with encoding/json:
// time.Time values become RFC 3339 (ISO 8601) strings, HTML characters are
// not escaped, json.RawMessage and json.Marshaler values pass through. It
// decodes with encoding/json: unknown members ignored, case-insensitive
// member names, a type's own UnmarshalJSON or UnmarshalText honoured,
// json.RawMessage kept as sent, and numbers decoded into interface values
// are json.Number, so integers larger than 2^53 stay exact. A value that
// decodes itself by the same rules (a [BodyDecoder], such as the search
// response) is handed the body first. The helpers that read hits in bulk
// (scan, the DSL) decode with a faster decoder of the same rules
// (Response.DecodeWith) while the client uses this default.
type JSONSerializer struct{}

// Marshal encodes v as JSON without escaping HTML characters.
func (JSONSerializer) Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// bytesDecoder is a Serializer that also decodes a document held in memory
// without reading it through an io.Reader (Response.Decode of a buffered
// body).
type bytesDecoder interface {
	DecodeBytes(b []byte, v any) error
}

// DecodeBytes decodes the JSON document b into v like Decode, without
// copying b. A v that is a [BodyDecoder] decodes b itself (and may keep
// references into it, so b must not change afterwards); encoding/json
// decodes what it does not.
func (JSONSerializer) DecodeBytes(b []byte, v any) error {
	if bd, ok := v.(BodyDecoder); ok && bd.DecodeBody(b) {
		return nil
	}
	return decodeStd(b, v)
}

// A BodyDecoder is a response type that decodes a whole body held in
// memory by itself, by encoding/json's rules and faster than its
// reflection: the search response (types.SearchResponseBody) is one.
// JSONSerializer hands it the body first. DecodeBody reports false, with
// the value left zero, for a body it does not read (such as invalid
// JSON); encoding/json then decodes the body, and its answer stands.
// DecodeBody may keep references into body, which the caller does not
// change afterwards.
type BodyDecoder interface {
	DecodeBody(body []byte) bool
}

// Decode decodes one JSON document from r into v, using json.Number for
// numbers that land in interface values. It reads r to its end: only white
// space may follow the document.
func (JSONSerializer) Decode(r io.Reader, v any) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return JSONSerializer{}.DecodeBytes(b, v)
}

// MIME types the transport knows.
const (
	ContentTypeJSON   = "application/json"
	ContentTypeNDJSON = "application/x-ndjson"
)

// isNDJSON reports whether a content type is newline-delimited JSON.
func isNDJSON(contentType string) bool {
	return strings.Contains(contentType, "ndjson")
}

// EncodeBody turns a Request body into bytes with s: nil stays nil, []byte,
// json.RawMessage and string pass through, an io.Reader is read fully (so
// the body can be replayed on retries), and any other value is encoded with
// s. With ndjson true, a slice or array is written one element per line
// (elements that are []byte, json.RawMessage or string pass through) and
// the result always ends with a newline.
func EncodeBody(s Serializer, body any, ndjson bool) ([]byte, error) {
	if s == nil {
		s = JSONSerializer{}
	}
	var out []byte
	switch b := body.(type) {
	case nil:
		return nil, nil
	case []byte:
		out = b
	case json.RawMessage:
		out = b
	case string:
		out = []byte(b)
	case io.Reader:
		data, err := io.ReadAll(b)
		if err != nil {
			return nil, &SerializationError{Op: "encode", Err: fmt.Errorf("reading request body: %w", err)}
		}
		if c, ok := b.(io.Closer); ok {
			_ = c.Close()
		}
		out = data
	default:
		rv := reflect.ValueOf(body)
		if ndjson && (rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array) {
			var buf bytes.Buffer
			for i := range rv.Len() {
				line, err := encodeLine(s, rv.Index(i).Interface())
				if err != nil {
					return nil, &SerializationError{Op: "encode", Err: fmt.Errorf("NDJSON line %d: %w", i, err)}
				}
				buf.Write(line)
				buf.WriteByte('\n')
			}
			return buf.Bytes(), nil
		}
		data, err := s.Marshal(body)
		if err != nil {
			return nil, &SerializationError{Op: "encode", Err: fmt.Errorf("%T: %w", body, err)}
		}
		out = data
	}
	if ndjson && len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out[:len(out):len(out)], '\n')
	}
	return out, nil
}

func encodeLine(s Serializer, v any) ([]byte, error) {
	switch b := v.(type) {
	case []byte:
		return bytes.TrimRight(b, "\n"), nil
	case json.RawMessage:
		return bytes.TrimRight(b, "\n"), nil
	case string:
		return []byte(strings.TrimRight(b, "\n")), nil
	}
	data, err := s.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("%T: %w", v, err)
	}
	if bytes.ContainsRune(data, '\n') {
		// A custom serializer may indent; NDJSON needs one line per document.
		var buf bytes.Buffer
		if err := json.Compact(&buf, data); err == nil {
			data = buf.Bytes()
		}
	}
	return data, nil
}

// decodeStd decodes the JSON document b into v with encoding/json, numbers
// in interfaces as json.Number; only white space may follow the document.
func decodeStd(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}
