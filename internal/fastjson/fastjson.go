// Package fastjson decodes JSON like encoding/json.Unmarshal, three to four
// times faster on search answers, with github.com/segmentio/encoding/json:
// the DSL's calls decode with it (transport.FastJSONSerializer is the same
// decoder for the transport's rules: json.Number in interfaces). Whatever
// the faster decoder rejects is decoded again by encoding/json, whose
// answer stands: values and errors are exactly encoding/json's. The build
// tag esgo_stdjson makes it use encoding/json alone.
package fastjson

import "encoding/json"

// Unmarshal decodes data into v like encoding/json.Unmarshal (numbers in
// interface values are float64).
func Unmarshal(data []byte, v any) error {
	if fastUnmarshal(data, v) == nil {
		return nil
	}
	return json.Unmarshal(data, v)
}
