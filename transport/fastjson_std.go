//go:build esgo_stdjson

package transport

import "errors"

// fastDecodeNumber hands every document to encoding/json (esgo_stdjson).
func fastDecodeNumber([]byte, any) error { return errors.New("built with esgo_stdjson") }
