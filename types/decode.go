package types

import "encoding/json"

// unmarshal decodes a union's variant, buckets and the other values this
// package reads from raw JSON, with encoding/json (the search response
// reads its own members with internal/jsonscan and leaves the rest to
// encoding/json; api.SearchAs and scan, which read many hits, decode the
// sources with a faster one, internal/fastjson).
func unmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }
