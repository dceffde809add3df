//go:build esgo_stdjson

package fastjson

import "errors"

// fastUnmarshal hands every document to encoding/json (esgo_stdjson).
func fastUnmarshal([]byte, any) error { return errors.New("built with esgo_stdjson") }
