package fastjson

import (
	"io"

	"github.com/esgo/esgo/transport"
)

// Serializer is transport.JSONSerializer with the faster decoder, by the
// same rules (numbers in interface values are json.Number; only white
// space may follow the document): whatever the faster decoder rejects is
// decoded again by transport.JSONSerializer, whose answer stands. It
// encodes like transport.JSONSerializer. scan decodes its pages with it
// (transport.Response.DecodeWith) while the client has the default
// serializer.
type Serializer struct{}

// Marshal encodes like transport.JSONSerializer.
func (Serializer) Marshal(v any) ([]byte, error) { return transport.JSONSerializer{}.Marshal(v) }

// Decode reads r to its end and decodes the document into v.
func (s Serializer) Decode(r io.Reader, v any) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return s.DecodeBytes(b, v)
}

// DecodeBytes decodes the document b into v without copying b. A v that
// reads its own body and is handed a decoder for the documents it holds
// (the search response, types.SearchResponseBody.DecodeBodyWith) reads b
// itself and decodes its documents with this decoder.
func (s Serializer) DecodeBytes(b []byte, v any) error {
	if bd, ok := v.(bodyDecoderWith); ok && bd.DecodeBodyWith(b, s.document) {
		return nil
	}
	return s.document(b, v)
}

// document decodes one document b into v: the faster decoder, else
// encoding/json's answer.
func (Serializer) document(b []byte, v any) error {
	if fastDecodeNumber(b, v) == nil {
		return nil
	}
	return transport.JSONSerializer{}.DecodeBytes(b, v)
}

// bodyDecoderWith is a value that reads a whole body itself and decodes the
// documents it holds with the decoder it is given, reporting false (and
// left zero) on a body it does not read.
type bodyDecoderWith interface {
	DecodeBodyWith(body []byte, document func(data []byte, v any) error) bool
}
