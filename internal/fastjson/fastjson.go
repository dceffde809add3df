// Package fastjson decodes JSON by encoding/json's rules, three to four
// times faster on search answers, with github.com/segmentio/encoding/json,
// for the paths that read hits in bulk: api.SearchAs (and so the DSL,
// which searches through it) and scan, both with Serializer. Whatever the
// faster decoder rejects is decoded again by encoding/json, whose answer
// stands: values and errors are exactly encoding/json's. transport and
// types never import it; api imports it for SearchAs alone. The build tag
// esgo_stdjson makes it use encoding/json alone. Package internal/jsonscan's documentation says which of the
// module's JSON paths to use when.
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
