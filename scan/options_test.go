package scan_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/esgo/esgo/scan"
	"github.com/esgo/esgo/transport"
)

// TestBadOptionsAreConfigErrors: every invalid scan option ends both
// iterations with a *transport.ConfigError naming it, before any request.
func TestBadOptionsAreConfigErrors(t *testing.T) {
	tr := transportFunc(func(context.Context, *transport.Request) (*transport.Response, error) {
		t.Error("a request was sent despite an invalid option")
		return nil, errors.New("unused")
	})
	for name, o := range map[string]scan.Option{
		"size":            scan.WithSize(0),
		"keep alive":      scan.WithKeepAlive(time.Millisecond),
		"slices":          scan.WithSlices(0),
		"empty param":     scan.WithParam("", "x"),
		"request timeout": scan.WithRequestTimeout(-time.Second),
		"nil logger":      scan.WithLogger(nil),
	} {
		for kind, it := range map[string]func() error{
			"Scroll": func() error {
				for _, err := range scan.Scroll[doc](context.Background(), tr, "idx", nil, o) {
					return err
				}
				return nil
			},
			"PointInTime": func() error {
				for _, err := range scan.PointInTime[doc](context.Background(), tr, "idx", nil, o) {
					return err
				}
				return nil
			},
		} {
			err := it()
			var ce *transport.ConfigError
			if !errors.As(err, &ce) || !strings.HasPrefix(ce.Option, "scan.With") {
				t.Errorf("%s %s: err = %v (%T), want a *transport.ConfigError naming the option", kind, name, err, err)
			}
		}
	}
}
