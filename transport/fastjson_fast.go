//go:build !esgo_stdjson

package transport

import (
	"errors"

	segjson "github.com/segmentio/encoding/json"
)

// fastDecodeNumber decodes b into v with the faster decoder, numbers in
// interfaces as json.Number; only white space may follow the document.
func fastDecodeNumber(b []byte, v any) error {
	rest, err := segjson.Parse(b, v, segjson.UseNumber)
	if err == nil && len(rest) > 0 {
		return errors.New("unexpected data after the JSON value")
	}
	return err
}
