package dsl

import (
	"bytes"
	"encoding/json"
)

// jsonMarshal encodes v without escaping <, > and &.
func jsonMarshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
