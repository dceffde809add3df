package api_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/transport"
)

// TestDotSegmentsEncodedOrRefused: an ID "." or ".." goes out
// percent-encoded, so that no proxy resolving dot segments turns
// DELETE /victim/_doc/.. into DELETE /victim; an index name ".", ".." or
// "" and an empty element of any list are refused before anything is sent.
func TestDotSegmentsEncodedOrRefused(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{body: "{}"}
	a := api.New(rec)
	sent := []struct {
		name string
		call func() error
		path string
	}{
		{"delete id ..", func() error { _, err := a.Raw.Delete(ctx, api.DeleteRequest{Index: "victim", ID: ".."}); return err }, "/victim/_doc/%2E%2E"},
		{"delete id .", func() error { _, err := a.Raw.Delete(ctx, api.DeleteRequest{Index: "victim", ID: "."}); return err }, "/victim/_doc/%2E"},
		{"get id ..", func() error { _, err := a.Raw.Get(ctx, api.GetRequest{Index: "victim", ID: ".."}); return err }, "/victim/_doc/%2E%2E"},
		{"id with dots inside", func() error { _, err := a.Raw.Get(ctx, api.GetRequest{Index: "victim", ID: "a..b"}); return err }, "/victim/_doc/a..b"},
		{"pipeline ..", func() error {
			_, err := a.Raw.Ingest.DeletePipeline(ctx, api.IngestDeletePipelineRequest{ID: ".."})
			return err
		}, "/_ingest/pipeline/%2E%2E"},
		{"index .hidden", func() error {
			_, err := a.Raw.Search(ctx, api.SearchRequest{Index: []string{".hidden", "a*"}})
			return err
		}, "/.hidden,a*/_search"},
	}
	for _, tc := range sent {
		if err := tc.call(); err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := rec.last(t).Path; got != tc.path {
			t.Errorf("%s: path %q, want %q", tc.name, got, tc.path)
		}
	}
	n := len(rec.reqs)
	refused := []struct {
		name, endpoint, part, value string
		call                        func() error
	}{
		{"delete index ..", "delete", "index", "..", func() error { _, err := a.Raw.Delete(ctx, api.DeleteRequest{Index: "..", ID: "1"}); return err }},
		{"indices.delete .", "indices.delete", "index", ".", func() error {
			_, err := a.Raw.Indices.Delete(ctx, api.IndicesDeleteRequest{Index: []string{"."}})
			return err
		}},
		{"search index empty", "search", "index", "", func() error { _, err := a.Raw.Search(ctx, api.SearchRequest{Index: []string{""}}); return err }},
		{"search index a and empty", "search", "index", "", func() error { _, err := a.Raw.Search(ctx, api.SearchRequest{Index: []string{"a", ""}}); return err }},
		{"search index ..", "search", "index", "..", func() error { _, err := a.Raw.Search(ctx, api.SearchRequest{Index: []string{"a", ".."}}); return err }},
		{"exists alias ..", "indices.exists_alias", "name", "", func() error {
			_, err := a.Raw.Indices.ExistsAlias(ctx, api.IndicesExistsAliasRequest{Name: []string{"x", ""}})
			return err
		}},
		{"nodes.info empty element", "nodes.info", "node_id", "", func() error {
			_, err := a.Raw.Nodes.Info(ctx, api.NodesInfoRequest{NodeID: []string{"a", ""}})
			return err
		}},
	}
	for _, tc := range refused {
		err := tc.call()
		var ip *api.InvalidPartError
		if !errors.Is(err, api.ErrInvalidPart) || !errors.As(err, &ip) {
			t.Errorf("%s: err = %v, want an *InvalidPartError", tc.name, err)
			continue
		}
		if ip.Endpoint != tc.endpoint || ip.Part != tc.part || ip.Value != tc.value {
			t.Errorf("%s: error names %s/%s %q, want %s/%s %q", tc.name, ip.Endpoint, ip.Part, ip.Value, tc.endpoint, tc.part, tc.value)
		}
	}
	if len(rec.reqs) != n {
		t.Errorf("%d requests sent for refused parts", len(rec.reqs)-n)
	}
}

// TestDotSegmentsOnTheWire: through the real transport, the request line
// carries the encoded ID (the path is not unescaped or cleaned on the way).
func TestDotSegmentsOnTheWire(t *testing.T) {
	var mu sync.Mutex
	var uris []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		uris = append(uris, r.RequestURI)
		mu.Unlock()
		w.Header().Set("X-Elastic-Product", "Elasticsearch")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	tr, err := transport.New(transport.WithAddresses(srv.URL), transport.WithServerDetection(false))
	if err != nil {
		t.Fatal(err)
	}
	a := api.New(tr)
	ctx := context.Background()
	if _, err := a.Delete(ctx, api.DeleteRequest{Index: "victim", ID: ".."}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Get(ctx, api.GetRequest{Index: "victim", ID: "."}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []string{"/victim/_doc/%2E%2E", "/victim/_doc/%2E"}
	if len(uris) != 2 || uris[0] != want[0] || uris[1] != want[1] {
		t.Errorf("request URIs %q, want %q", uris, want)
	}
}

// TestDotIDRoundTrip: against the real server, documents with the IDs ".."
// and "." are indexed, read and deleted as documents, and the index is
// still there afterwards.
func TestDotIDRoundTrip(t *testing.T) {
	c := eslocaltest.Elasticsearch(t)
	tr, err := transport.New(transport.WithAddresses(c.URL()), transport.WithHTTPClient(c.HTTPClient()))
	if err != nil {
		t.Fatal(err)
	}
	a := api.New(tr)
	ctx := context.Background()
	index := "api-dot-ids"
	_, _ = a.Indices.Delete(ctx, api.IndicesDeleteRequest{Index: []string{index}}, api.WithIgnore(404))
	t.Cleanup(func() { _, _ = a.Indices.Delete(ctx, api.IndicesDeleteRequest{Index: []string{index}}) })
	for _, id := range []string{"..", "."} {
		if _, err := a.Index(ctx, api.IndexRequest{Index: index, ID: id, Body: map[string]any{"id": id}, Refresh: api.RefreshTrue}); err != nil {
			t.Fatalf("index %q: %v", id, err)
		}
		got, err := a.Get(ctx, api.GetRequest{Index: index, ID: id})
		if err != nil {
			t.Fatalf("get %q: %v", id, err)
		}
		if got.ID != id || !got.Found {
			t.Fatalf("get %q: _id %q found %v", id, got.ID, got.Found)
		}
	}
	for _, id := range []string{"..", "."} {
		del, err := a.Delete(ctx, api.DeleteRequest{Index: index, ID: id})
		if err != nil {
			t.Fatalf("delete %q: %v", id, err)
		}
		if del.ID != id || del.Result != "deleted" {
			t.Errorf("delete %q: _id %q result %q", id, del.ID, del.Result)
		}
	}
	if ok, err := a.Indices.Exists(ctx, api.IndicesExistsRequest{Index: []string{index}}); err != nil || !ok {
		t.Fatalf("index gone after deleting the documents: exists=%v err=%v", ok, err)
	}
}
