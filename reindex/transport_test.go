package reindex_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/esgo/esgo/transport"
)

// do sends a JSON request and decodes the answer into out (if not nil),
// failing the test on an error status.
func do(t testing.TB, tr transport.Interface, method, path string, body any, out any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	req := &transport.Request{Method: method, Path: path, Body: body}
	if p, q, ok := strings.Cut(path, "?"); ok {
		req.Path = p
		req.Query, _ = url.ParseQuery(q)
	}
	resp, err := tr.Perform(ctx, req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode > 299 {
		t.Fatalf("%s %s: status %d: %s", method, path, resp.StatusCode, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: decoding %s: %v", method, path, b, err)
		}
	}
}

// count refreshes index and returns its exact document count.
func count(t testing.TB, tr transport.Interface, index string) int64 {
	t.Helper()
	do(t, tr, "POST", "/"+index+"/_refresh", nil, nil)
	var c struct{ Count int64 }
	do(t, tr, "GET", "/"+index+"/_count", nil, &c)
	return c.Count
}

func uniqueIndex(t testing.TB) string {
	return strings.ToLower(fmt.Sprintf("reindex-%s-%d", strings.ReplaceAll(t.Name(), "/", "-"), time.Now().UnixNano()))
}
