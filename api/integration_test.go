package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/transport"
)

func TestMain(m *testing.M) { eslocaltest.Main(m) }

// httpTransport is the smallest transport.Interface over net/http: one node,
// no retries, statuses returned as they are. It keeps these tests
// independent of package transport.
type httpTransport struct {
	base string
	hc   *http.Client
}

func (h httpTransport) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	u := h.base + req.Path
	if len(req.Query) > 0 {
		u += "?" + req.Query.Encode()
	}
	var body io.Reader
	ndjson := strings.Contains(req.Header.Get("Content-Type"), "ndjson")
	switch b := req.Body.(type) {
	case nil:
	case []byte:
		body = bytes.NewReader(b)
	case string:
		body = strings.NewReader(b)
	case io.Reader:
		body = b
	default:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		if v := reflect.ValueOf(b); ndjson && v.Kind() == reflect.Slice {
			for i := range v.Len() {
				if err := enc.Encode(v.Index(i).Interface()); err != nil {
					return nil, err
				}
			}
		} else if err := enc.Encode(b); err != nil {
			return nil, err
		}
		body = &buf
	}
	hr, err := http.NewRequestWithContext(ctx, req.Method, u, body)
	if err != nil {
		return nil, err
	}
	hr.Header.Set("Content-Type", "application/json")
	hr.Header.Set("Accept", "application/json")
	for k, v := range req.Header {
		hr.Header[k] = v
	}
	resp, err := h.hc.Do(hr)
	if err != nil {
		return nil, err
	}
	return &transport.Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: resp.Body, Node: h.base}, nil
}

func TestAgainstElasticsearch(t *testing.T) {
	c := eslocaltest.Elasticsearch(t)
	ctx := context.Background()
	a := api.New(httpTransport{base: c.URL(), hc: c.HTTPClient()})
	index := fmt.Sprintf("api-it-%d", len(t.Name()))

	status := func(resp *transport.Response, err error) int {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode >= 300 {
			b, _ := io.ReadAll(resp.Body)
			t.Fatalf("status %d: %s", resp.StatusCode, b)
		}
		return resp.StatusCode
	}
	a.Indices.Delete(ctx, api.IndicesDeleteRequest{Index: []string{index}})
	t.Cleanup(func() { a.Indices.Delete(context.Background(), api.IndicesDeleteRequest{Index: []string{index}}) })

	status(a.Raw.Indices.Create(ctx, api.IndicesCreateRequest{Index: index, RawBody: map[string]any{
		"settings": map[string]any{"number_of_replicas": 0},
		"mappings": map[string]any{"properties": map[string]any{"title": map[string]any{"type": "text"}}},
	}}))
	if ok, err := a.Indices.Exists(ctx, api.IndicesExistsRequest{Index: []string{index}}); err != nil || !ok {
		t.Fatalf("indices.exists = %v, %v", ok, err)
	}
	if ok, err := a.Indices.Exists(ctx, api.IndicesExistsRequest{Index: []string{index + "-nope"}}); err != nil || ok {
		t.Fatalf("indices.exists of a missing index = %v, %v", ok, err)
	}
	status(a.Raw.Index(ctx, api.IndexRequest{Index: index, ID: "1 /x", Body: map[string]string{"title": "go in action"}, Refresh: api.RefreshTrue}))
	lines := []any{
		map[string]any{"index": map[string]any{"_id": "2"}}, map[string]any{"title": "elastic go"},
		map[string]any{"create": map[string]any{"_id": "3"}}, map[string]any{"title": "rust"},
	}
	bulk, err := api.Decode[struct {
		Errors bool `json:"errors"`
		Items  []any
	}](a.Raw.Bulk(ctx, api.BulkRequest{Index: index, RawBody: lines, Refresh: api.RefreshWaitFor}))
	if err != nil || bulk.Errors || len(bulk.Items) != 2 {
		t.Fatalf("bulk = %+v, %v", bulk, err)
	}
	doc, err := api.Decode[struct {
		ID     string            `json:"_id"`
		Source map[string]string `json:"_source"`
	}](a.Raw.Get(ctx, api.GetRequest{Index: index, ID: "1 /x"}))
	if err != nil || doc.ID != "1 /x" || doc.Source["title"] != "go in action" {
		t.Fatalf("get = %+v, %v", doc, err)
	}
	if ok, err := a.Exists(ctx, api.ExistsRequest{Index: index, ID: "missing"}); err != nil || ok {
		t.Fatalf("exists(missing) = %v, %v", ok, err)
	}
	res, err := api.Decode[struct {
		Hits struct {
			Total struct{ Value int } `json:"total"`
			Hits  []struct {
				ID string `json:"_id"`
			} `json:"hits"`
		} `json:"hits"`
	}](a.Raw.Search(ctx, api.SearchRequest{Index: []string{index}, Size: new(1), Sort: []string{"_score:desc"},
		RawBody: map[string]any{"query": map[string]any{"match": map[string]any{"title": "go action"}}}}))
	if err != nil || res.Hits.Total.Value != 2 || len(res.Hits.Hits) != 1 || res.Hits.Hits[0].ID != "1 /x" {
		t.Fatalf("search = %+v, %v", res, err)
	}
	ms, err := api.Decode[struct{ Responses []map[string]any }](a.Raw.Msearch(ctx, api.MsearchRequest{Index: []string{index}, RawBody: []any{
		map[string]any{}, map[string]any{"query": map[string]any{"match_all": map[string]any{}}},
		map[string]any{}, map[string]any{"query": map[string]any{"match": map[string]any{"title": "rust"}}},
	}}))
	if err != nil || len(ms.Responses) != 2 {
		t.Fatalf("msearch = %+v, %v", ms, err)
	}
	records, err := a.Cat.Indices(ctx, api.CatIndicesRequest{Index: []string{index}})
	if err != nil || len(*records) != 1 || (*records)[0].Index != index || (*records)[0].DocsCount != "3" {
		t.Fatalf("typed cat.indices = %+v, %v", records, err)
	}
	cat, err := a.Raw.Cat.Indices(ctx, api.CatIndicesRequest{Index: []string{index}, H: []string{"index", "docs.count"}})
	if err != nil {
		t.Fatal(err)
	}
	text, _ := io.ReadAll(cat.Body)
	cat.Body.Close()
	if got := strings.Fields(string(text)); len(got) != 2 || got[0] != index || got[1] != "3" {
		t.Fatalf("cat.indices text = %q", text)
	}
	count, err := api.Decode[struct{ Count int }](a.Raw.Count(ctx, api.CountRequest{Index: []string{index}, Q: "title:go"}))
	if err != nil || count.Count != 2 {
		t.Fatalf("count = %+v, %v", count, err)
	}
	// A server error is an error for Decode.
	_, err = api.Decode[map[string]any](a.Raw.Search(ctx, api.SearchRequest{Index: []string{index}, Sort: []string{"_id"}}))
	var se *transport.Error
	if !errors.As(err, &se) || se.Status != 400 || !strings.Contains(string(se.Body), "Fielddata access on the _id field") {
		t.Fatalf("Decode of a 400: %v", err)
	}
	// A server-side error is the one error type, with its status, through
	// a bare transport too, from the raw and the typed API alike.
	_, err = a.Raw.Indices.Create(ctx, api.IndicesCreateRequest{Index: index})
	var te *transport.Error
	if !errors.As(err, &te) || te.Status != http.StatusBadRequest || te.Type != "resource_already_exists_exception" {
		t.Fatalf("creating an existing index (raw): %v", err)
	}
	_, err = a.Indices.Create(ctx, api.IndicesCreateRequest{Index: index})
	if !errors.As(err, &te) || te.Status != http.StatusBadRequest || te.Type != "resource_already_exists_exception" {
		t.Fatalf("creating an existing index (typed): %v", err)
	}
}
