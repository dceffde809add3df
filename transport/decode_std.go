//go:build esgo_stdjson

package transport

// decodeJSON decodes the JSON document b into v with encoding/json (the
// build tag esgo_stdjson), numbers in interfaces as json.Number; only white
// space may follow the document.
func decodeJSON(b []byte, v any) error { return decodeStd(b, v) }
