package bulk_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/transport"
)

// The Indexer over the library's own transport, on a real server: item
// errors come back as results, not as transport errors.
func TestWithLibraryTransport(t *testing.T) {
	es := eslocaltest.Elasticsearch(t)
	tr, err := transport.New(transport.WithAddresses(es.URLs...))
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	index := uniqueIndex(t)
	do(t, tr, "PUT", "/"+index, map[string]any{"mappings": map[string]any{"properties": map[string]any{"n": map[string]string{"type": "integer"}}}}, nil)
	t.Cleanup(func() { do(t, tr, "DELETE", "/"+index, nil, nil) })

	c := newCollector()
	ix, err := bulk.New(tr, append(c.options(), bulk.WithIndex(index), bulk.WithFlushActions(100))...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const n = 1000
	for i := range n {
		var body any = map[string]any{"n": i}
		if i == 500 {
			body = map[string]any{"n": "not a number"} // a real mapper_parsing_exception
		}
		if err := ix.Add(ctx, bulk.Item{ID: strconv.Itoa(i), Body: body}); err != nil {
			t.Fatal(err)
		}
	}
	ix.Close(ctx)
	c.checkExactlyOnce(t, n)
	if s := ix.Stats(); s.Indexed != n-1 || s.Failed != 1 {
		t.Errorf("stats = %+v", s)
	}
	var ie *bulk.ItemError
	if r := c.fail["500"]; r.Err == nil || !errors.As(r.Err, &ie) || ie.Status != 400 || ie.Type != "document_parsing_exception" {
		t.Errorf("item 500: %+v (%v)", r, r.Err)
	}
	if got := count(t, tr, index); got != n-1 {
		t.Errorf("count = %d", got)
	}
}

// The bulk helper tag reaches the server in x-elastic-client-meta (a
// request header a real server cannot echo back, hence httptest).
func TestClientMetaHelperTag(t *testing.T) {
	var mu sync.Mutex
	var metas []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		metas = append(metas, r.Header.Get("X-Elastic-Client-Meta"))
		mu.Unlock()
		body, _ := io.ReadAll(r.Body)
		n := strings.Count(string(body), "\n") / 2
		items := make([]map[string]any, n)
		for i := range items {
			items[i] = map[string]any{"index": map[string]any{"status": 201}}
		}
		w.Header().Set("X-Elastic-Product", "Elasticsearch")
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"errors": false, "items": items})
	}))
	defer srv.Close()
	tr, err := transport.New(transport.WithAddresses(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	ix, _ := bulk.New(tr, bulk.WithIndex("i"))
	ix.Add(context.Background(), bulk.Item{ID: "1", Body: "{}"})
	if err := ix.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	found := false
	for _, m := range metas {
		if strings.HasSuffix(m, ",h=bp") && strings.HasPrefix(m, "es=") {
			found = true
		}
	}
	if !found {
		t.Errorf("x-elastic-client-meta values %q, want one ending in h=bp", metas)
	}
}
