package dsl_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/transport"
)

// TestIntegrationOnePath sends a search through Execute and through
// api.SearchAs with the request Search.SearchRequest gives: the same
// request, the same response, and numbers in interface values exact
// (json.Number, as the typed API decodes them; Execute decoded them as
// float64 before it went through SearchAs, and 2^53+1 came back as 2^53).
func TestIntegrationOnePath(t *testing.T) {
	conn := esConn(t)
	ctx := context.Background()
	const index = "dslapi-onepath"
	deleteIndexAtCleanup(t, conn, index)
	for id, body := range map[string]string{"1": `{"big":9007199254740993,"tag":"a"}`, "2": `{"big":2,"tag":"b"}`} {
		if _, err := api.Do(ctx, conn, func(ctx context.Context, raw *api.RawAPI, o ...api.Option) (*transport.Response, error) {
			return raw.Index(ctx, api.IndexRequest{Index: index, ID: id, Refresh: "true", RawBody: body}, o...)
		}, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	s := dsl.NewSearch(index).Using(conn).Sort("-big").Agg("tags", dsl.TermsAgg("tag.keyword")).Param("request_cache", "false")
	got, err := dsl.Execute[map[string]any](ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Hits.Hits) != 2 || got.Hits.Hits[0].Source["big"] != json.Number("9007199254740993") {
		t.Fatalf("hits = %+v, want the big integer first and exact", got.Hits.Hits)
	}
	req, opts, err := s.SearchRequest()
	if err != nil {
		t.Fatal(err)
	}
	if req.TypedKeys == nil || !*req.TypedKeys || !reflect.DeepEqual(req.Index, []string{index}) || len(opts) != 1 {
		t.Errorf("request = %+v with %d options", req, len(opts))
	}
	want, err := api.SearchAs[map[string]any](ctx, api.New(conn), req, opts...)
	if err != nil {
		t.Fatal(err)
	}
	got.Took, want.Took = 0, 0
	if !reflect.DeepEqual(got.Hits, want.Hits) || len(got.Aggregations) != 1 {
		t.Errorf("Execute = %+v\nSearchAs = %+v", got.Hits, want.Hits)
	}
	if _, err := got.Aggregations.StringTerms("tags"); err != nil {
		t.Errorf("tags: %v", err)
	}
	multi, err := dsl.ExecuteMulti[map[string]any](ctx, dsl.NewMultiSearch().Using(conn).Add(s))
	if err != nil || len(multi) != 1 || multi[0].Err != nil {
		t.Fatalf("multi: %v %+v", err, multi)
	}
	if h := multi[0].Response.Hits.Hits; len(h) != 2 || h[0].Source["big"] != json.Number("9007199254740993") {
		t.Errorf("multi hits = %+v", h)
	}
	if n, err := s.Count(ctx); err != nil || n != 2 {
		t.Errorf("Count = %d, %v", n, err)
	}
}
