package types

import fastjson "github.com/segmentio/encoding/json"

// unmarshal decodes a union's variant, buckets and the other values this
// package reads from raw JSON, by the rules of encoding/json (unknown
// members ignored, a type's own UnmarshalJSON honoured, the same error
// types) with the faster decoder the transport uses for response bodies
// (github.com/segmentio/encoding/json; see the README's dependency table).
func unmarshal(data []byte, v any) error { return fastjson.Unmarshal(data, v) }
