package reindex_test

import (
	"testing"

	"github.com/esgo/esgo/internal/rawtransport"
	"github.com/esgo/esgo/transport"
)

// do, count and uniqueIndex are the steps these tests share with the other helpers' tests.
func do(t testing.TB, tr transport.Interface, method, path string, body any, out any) {
	t.Helper()
	rawtransport.Do(t, tr, method, path, body, out)
}

func count(t testing.TB, tr transport.Interface, index string) int64 {
	t.Helper()
	return rawtransport.Count(t, tr, index)
}

func uniqueIndex(t testing.TB) string { return rawtransport.UniqueIndex(t, "reindex") }
