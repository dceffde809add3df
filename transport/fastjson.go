package transport

import "io"

// FastJSONSerializer is JSONSerializer with a decoder three to four times
// faster on search answers (github.com/segmentio/encoding/json; see
// BENCHMARKS.md), by the same rules: whatever it rejects is decoded again
// by encoding/json, whose answer stands, so values and errors are exactly
// JSONSerializer's. It encodes like JSONSerializer.
//
// The helpers that read many hits (scan, api.SearchAs) use it while the
// client has the default serializer; give it to the whole client with
// WithSerializer(FastJSONSerializer{}). A program that never names it does
// not link the faster decoder (0.4 MiB). The build tag esgo_stdjson makes
// it decode with encoding/json.
type FastJSONSerializer struct{}

// Marshal encodes like JSONSerializer.
func (FastJSONSerializer) Marshal(v any) ([]byte, error) { return JSONSerializer{}.Marshal(v) }

// Decode reads r to its end and decodes the document into v.
func (s FastJSONSerializer) Decode(r io.Reader, v any) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return s.DecodeBytes(b, v)
}

// DecodeBytes decodes the document b into v without copying b.
func (FastJSONSerializer) DecodeBytes(b []byte, v any) error {
	if fastDecodeNumber(b, v) == nil {
		return nil
	}
	return decodeStd(b, v)
}
