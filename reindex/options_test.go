package reindex_test

import (
	"context"
	"errors"
	"testing"

	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/reindex"
	"github.com/esgo/esgo/scan"
	"github.com/esgo/esgo/transport"
)

type transportFunc func(ctx context.Context, req *transport.Request) (*transport.Response, error)

func (f transportFunc) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	return f(ctx, req)
}

// TestBadOptionsAreConfigErrors: every invalid reindex option (and every
// invalid scan or bulk option passed through) makes Run fail with a
// *transport.ConfigError naming it, before any request.
func TestBadOptionsAreConfigErrors(t *testing.T) {
	tr := transportFunc(func(context.Context, *transport.Request) (*transport.Response, error) {
		t.Error("a request was sent despite an invalid option")
		return nil, errors.New("unused")
	})
	for name, c := range map[string]struct {
		o      reindex.Option
		prefix string
	}{
		"op type":     {reindex.WithOpType(bulk.Delete), "reindex.WithOpType"},
		"empty op":    {reindex.WithOpType(""), "reindex.WithOpType"},
		"progress":    {reindex.WithProgress(0, func(reindex.Progress) {}), "reindex.WithProgress"},
		"scan option": {reindex.WithScanOptions(scan.WithSize(0)), "scan.WithSize"},
		"bulk option": {reindex.WithBulkOptions(bulk.WithWorkers(0)), "bulk.WithWorkers"},
	} {
		_, err := reindex.Run(context.Background(), tr, tr, "src", "dst", c.o)
		var ce *transport.ConfigError
		if !errors.As(err, &ce) || ce.Option != c.prefix {
			t.Errorf("%s: err = %v (%T), want a *transport.ConfigError naming %s", name, err, err, c.prefix)
		}
	}
}
