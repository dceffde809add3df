package types

import "encoding/json"

// unmarshal decodes a union's variant, buckets and the other values this
// package reads from raw JSON, with encoding/json (a typed program links
// no other decoder: the search response reads its own members with
// internal/jsonscan and leaves the rest to encoding/json; the helpers that
// read many hits decode whole pages with a faster one, internal/fastjson).
func unmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }
