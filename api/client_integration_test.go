package api_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/transport"
)

// TestThroughEsgoClient drives the generated API through the real client:
// error statuses become *transport.Error, HEAD 404s are false, WithIgnore hands
// the response back.
func TestThroughEsgoClient(t *testing.T) {
	const index = "api-client-it"
	client := freshIndex(t, index)
	ctx := context.Background()

	if ok, err := client.Indices.Exists(ctx, api.IndicesExistsRequest{Index: []string{index}}); err != nil || ok {
		t.Fatalf("exists before create = %v, %v", ok, err)
	}
	created, err := api.Decode[struct {
		Acknowledged bool   `json:"acknowledged"`
		Index        string `json:"index"`
	}](client.Raw.Indices.Create(ctx, api.IndicesCreateRequest{Index: index, WaitForActiveShards: "1",
		RawBody: map[string]any{"settings": map[string]any{"number_of_replicas": 0}}}))
	if err != nil || !created.Acknowledged || created.Index != index {
		t.Fatalf("create = %+v, %v", created, err)
	}
	if ok, err := client.Indices.Exists(ctx, api.IndicesExistsRequest{Index: []string{index}}); err != nil || !ok {
		t.Fatalf("exists after create = %v, %v", ok, err)
	}

	// A second create is a 400: a typed error naming the cause.
	_, err = client.Indices.Create(ctx, api.IndicesCreateRequest{Index: index})
	var esErr *transport.Error
	if !errors.As(err, &esErr) || !errors.Is(err, esgo.ErrBadRequest) || esErr.Type != "resource_already_exists_exception" {
		t.Fatalf("second create: %v", err)
	}
	// A missing document is ErrNotFound, or a response when ignored.
	if _, err := client.Get(ctx, api.GetRequest{Index: index, ID: "nope"}); !errors.Is(err, esgo.ErrNotFound) {
		t.Fatalf("get missing: %v", err)
	}
	got, err := client.Get(ctx, api.GetRequest{Index: index, ID: "nope"}, api.WithIgnore(404))
	if err != nil || got.Found || got.ID != "nope" {
		t.Fatalf("get missing with WithIgnore(404): %+v %v", got, err)
	}
	if ok, err := client.Exists(ctx, api.ExistsRequest{Index: index, ID: "nope"}); err != nil || ok {
		t.Fatalf("exists(missing doc) = %v, %v", ok, err)
	}
	// NDJSON through the real transport: a slice body is one line per element.
	bulk, err := api.Decode[struct {
		Errors bool  `json:"errors"`
		Items  []any `json:"items"`
	}](client.Raw.Bulk(ctx, api.BulkRequest{Index: index, Refresh: api.RefreshTrue, RawBody: []any{
		map[string]any{"index": map[string]any{"_id": "1"}}, map[string]any{"title": "one"},
		map[string]any{"index": map[string]any{"_id": "2"}}, map[string]any{"title": "two"},
	}}))
	if err != nil || bulk.Errors || len(bulk.Items) != 2 {
		t.Fatalf("bulk = %+v, %v", bulk, err)
	}
	// The typed cat API asks for JSON and decodes the records.
	counts, err := client.Cat.Count(ctx, api.CatCountRequest{Index: []string{index}})
	if err != nil || len(*counts) != 1 || (*counts)[0].Count != "2" {
		t.Fatalf("typed cat.count = %+v, %v", counts, err)
	}
	// The raw cat API sends its own Accept header: text by default, JSON with format=json.
	cat, err := client.Raw.Cat.Count(ctx, api.CatCountRequest{Index: []string{index}, H: []string{"count"}})
	if err != nil {
		t.Fatal(err)
	}
	text, _ := io.ReadAll(cat.Body)
	cat.Body.Close()
	if strings.TrimSpace(string(text)) != "2" {
		t.Fatalf("cat.count text = %q", text)
	}
	rows, err := api.Decode[[]map[string]string](client.Raw.Cat.Count(ctx, api.CatCountRequest{Index: []string{index}, Format: "json"}))
	if err != nil || len(rows) != 1 || rows[0]["count"] != "2" {
		t.Fatalf("cat.count json = %v, %v", rows, err)
	}
	ms, err := api.Decode[struct {
		Responses []struct {
			Hits struct {
				Total struct{ Value int } `json:"total"`
			} `json:"hits"`
		} `json:"responses"`
	}](client.Raw.Msearch(ctx, api.MsearchRequest{Index: []string{index}, RawBody: []any{
		map[string]any{}, map[string]any{"query": map[string]any{"match": map[string]any{"title": "one"}}},
		map[string]any{}, map[string]any{"query": map[string]any{"match_all": map[string]any{}}},
	}}))
	if err != nil || len(ms.Responses) != 2 || ms.Responses[0].Hits.Total.Value != 1 || ms.Responses[1].Hits.Total.Value != 2 {
		t.Fatalf("msearch = %+v, %v", ms, err)
	}

	// Ping is HEAD /, which this minimal server answers with 405: an error, not false.
	if ok, err := client.Ping(ctx, api.PingRequest{}); err == nil || ok {
		t.Fatalf("ping on a server without the root endpoint = %v, %v", ok, err)
	}
}

// freshIndex returns a client of the shared Elasticsearch 9.5.3 with index
// deleted, and deletes it again when the test ends; the client is closed then.
func freshIndex(t *testing.T, index string) *esgo.Client {
	t.Helper()
	c := eslocaltest.Elasticsearch(t)
	client, err := esgo.New(esgo.WithAddresses(c.URL()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	if _, err := client.Indices.Delete(context.Background(), api.IndicesDeleteRequest{Index: []string{index}}, api.WithIgnore(404)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Indices.Delete(context.Background(), api.IndicesDeleteRequest{Index: []string{index}}) })
	return client
}

// TestIndicesGetSettingsDecodes reads an index's settings back typed: the
// server sends every setting as a string ("max_result_window":"500"), which
// the specification's integer fields could not decode before settings
// scalars became types.Stringified.
func TestIndicesGetSettingsDecodes(t *testing.T) {
	const index = "esgo-api-get-settings"
	client := freshIndex(t, index)
	ctx := context.Background()
	if _, err := client.Indices.Create(ctx, api.IndicesCreateRequest{Index: index,
		RawBody: `{"settings":{"number_of_shards":2,"max_result_window":500,"blocks":{"read_only":false}}}`}); err != nil {
		t.Fatal(err)
	}
	res, err := client.Indices.GetSettings(ctx, api.IndicesGetSettingsRequest{Index: []string{index}})
	if err != nil {
		t.Fatal(err)
	}
	st, ok := (*res)[index]
	if !ok || st.Settings == nil || st.Settings.Index == nil {
		t.Fatalf("no settings for %s: %+v", index, res)
	}
	s := st.Settings.Index
	if s.MaxResultWindow == nil || s.MaxResultWindow.Value != 500 || !s.MaxResultWindow.Quoted {
		t.Errorf("max_result_window = %+v, want 500 (sent as a string)", s.MaxResultWindow)
	}
	if n, err := s.NumberOfShards.AsString(); err != nil || n != "2" {
		t.Errorf("number_of_shards = %q, %v; want \"2\"", n, err)
	}
}
