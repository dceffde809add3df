//go:build esgo_stdjson

package fastjson

import "errors"

var errStd = errors.New("built with esgo_stdjson")

// fastUnmarshal hands every document to encoding/json (esgo_stdjson).
func fastUnmarshal([]byte, any) error { return errStd }

// fastDecodeNumber hands every document to encoding/json (esgo_stdjson).
func fastDecodeNumber([]byte, any) error { return errStd }
