//go:build !esgo_stdjson

package transport

import fastjson "github.com/segmentio/encoding/json"

// decodeJSON decodes the JSON document b into v with
// github.com/segmentio/encoding/json, numbers in interfaces as json.Number;
// only white space may follow the document. When that fails, b is decoded
// again by encoding/json, whose answer stands: errors are exactly those of
// encoding/json (types, messages and offsets), and a document the faster
// decoder rejected and encoding/json accepts is decoded as before.
func decodeJSON(b []byte, v any) error {
	rest, err := fastjson.Parse(b, v, fastjson.UseNumber)
	if err == nil && len(rest) == 0 {
		return nil
	}
	return decodeStd(b, v)
}
