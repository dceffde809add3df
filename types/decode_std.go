//go:build esgo_stdjson

package types

import "encoding/json"

// unmarshal decodes with encoding/json (the build tag esgo_stdjson).
func unmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }
