//go:build !esgo_stdjson

package fastjson

import segjson "github.com/segmentio/encoding/json"

func fastUnmarshal(data []byte, v any) error { return segjson.Unmarshal(data, v) }
