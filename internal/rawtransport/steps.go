package rawtransport

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

// Do sends a JSON request through tr (a query string in path is split off)
// and decodes the answer into out when out is not nil. It fails the test on
// a transport error or a status above 299.
func Do(t testing.TB, tr transport.Interface, method, path string, body any, out any) {
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

// Count refreshes index and returns its exact number of documents.
func Count(t testing.TB, tr transport.Interface, index string) int64 {
	t.Helper()
	Do(t, tr, "POST", "/"+index+"/_refresh", nil, nil)
	var c struct{ Count int64 }
	Do(t, tr, "GET", "/"+index+"/_count", nil, &c)
	return c.Count
}

// UniqueIndex returns a new index name made of prefix and the test's name,
// so that tests sharing a server never meet.
func UniqueIndex(t testing.TB, prefix string) string {
	return strings.ToLower(fmt.Sprintf("%s-%s-%d", prefix, strings.ReplaceAll(t.Name(), "/", "-"), time.Now().UnixNano()))
}
