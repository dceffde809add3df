//go:build !esgo_stdjson

package fastjson

import (
	"errors"

	segjson "github.com/segmentio/encoding/json"
)

func fastUnmarshal(data []byte, v any) error { return segjson.Unmarshal(data, v) }

// fastDecodeNumber decodes b into v, numbers in interfaces as json.Number;
// only white space may follow the document.
func fastDecodeNumber(b []byte, v any) error {
	rest, err := segjson.Parse(b, v, segjson.UseNumber)
	if err == nil && len(rest) > 0 {
		return errors.New("unexpected data after the JSON value")
	}
	return err
}
