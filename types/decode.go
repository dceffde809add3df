//go:build !esgo_stdjson

package types

import (
	"encoding/json"

	fastjson "github.com/segmentio/encoding/json"
)

// unmarshal decodes a union's variant, buckets and the other values this
// package reads from raw JSON, by the rules of encoding/json (unknown
// members ignored, a type's own UnmarshalJSON honoured, the same error
// types) with the faster decoder the transport uses for response bodies
// (github.com/segmentio/encoding/json; see the README's dependency table).
// When that fails, encoding/json decodes data again and its answer stands,
// so errors are exactly encoding/json's. The build tag esgo_stdjson uses
// encoding/json alone.
func unmarshal(data []byte, v any) error {
	if fastjson.Unmarshal(data, v) == nil {
		return nil
	}
	return json.Unmarshal(data, v)
}
