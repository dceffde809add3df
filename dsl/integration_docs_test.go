package dsl_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/connections"
)

func TestIntegrationConnectionsRegistry(t *testing.T) {
	conn := esConn(t)
	ctx := context.Background()
	docs := setupBlog(t, conn, "dsl-it-conns")
	reg := connections.Default
	reg.Add("dsl-test", conn)
	t.Cleanup(func() { _ = reg.Remove("dsl-test") })
	n, err := dsl.NewSearch(docs.Index().Name()).UsingAlias("dsl-test").Count(ctx)
	if err != nil || n != int64(len(blogPosts)) {
		t.Errorf("Count through alias = %d, %v", n, err)
	}
	if !slices.Contains(reg.Aliases(), "dsl-test") {
		t.Errorf("aliases = %v", reg.Aliases())
	}
	if _, err := dsl.NewSearch().UsingAlias("dsl-nope").Count(ctx); !errors.Is(err, connections.ErrNoConnection) {
		t.Errorf("unknown alias: %v", err)
	}
}
