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

// DecodeBytes decodes the document b into v without copying b.
func (Serializer) DecodeBytes(b []byte, v any) error {
	if fastDecodeNumber(b, v) == nil {
		return nil
	}
	return transport.JSONSerializer{}.DecodeBytes(b, v)
}
