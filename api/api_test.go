package api_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

// recorder is a transport.Interface that records requests and answers with
// a fixed status and body.
type recorder struct {
	reqs   []*transport.Request
	status int
	body   string
	err    error
}

func (r *recorder) Perform(_ context.Context, req *transport.Request) (*transport.Response, error) {
	r.reqs = append(r.reqs, req)
	if r.err != nil {
		return nil, r.err
	}
	status := r.status
	if status == 0 {
		status = 200
	}
	return &transport.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(r.body))}, nil
}

func (r *recorder) last(t *testing.T) *transport.Request {
	t.Helper()
	if len(r.reqs) == 0 {
		t.Fatal("no request was sent")
	}
	return r.reqs[len(r.reqs)-1]
}

func check(t *testing.T, req *transport.Request, method, path, query string) {
	t.Helper()
	if req.Method != method || req.Path != path {
		t.Errorf("request = %s %s, want %s %s", req.Method, req.Path, method, path)
	}
	got := url.Values(req.Query).Encode()
	if got != query {
		t.Errorf("query = %q, want %q", got, query)
	}
}

func TestSearchPathsMethodsAndParams(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{}
	a := api.New(rec)

	if _, err := a.Raw.Search(ctx, api.SearchRequest{}); err != nil {
		t.Fatal(err)
	}
	check(t, rec.last(t), "GET", "/_search", "")

	body := map[string]any{"query": map[string]any{"match_all": map[string]any{}}}
	_, err := a.Raw.Search(ctx, api.SearchRequest{
		Index:                      []string{"books", "logs-*"},
		Size:                       new(10),
		TrackTotalHits:             "true",
		AllowNoIndices:             new(false),
		ExpandWildcards:            []api.ExpandWildcards{api.ExpandWildcardsOpen, api.ExpandWildcardsHidden},
		DefaultOperator:            api.DefaultOperatorAnd,
		Scroll:                     api.Duration(time.Minute),
		Routing:                    []string{"a", "b"},
		SearchType:                 api.SearchTypeDfsQueryThenFetch,
		MaxConcurrentShardRequests: new(3),
		RawBody:                    body,
	})
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	check(t, req, "POST", "/books,logs-*/_search",
		"allow_no_indices=false&default_operator=and&expand_wildcards=open%2Chidden&max_concurrent_shard_requests=3&routing=a%2Cb&scroll=1m&search_type=dfs_query_then_fetch&size=10&track_total_hits=true")
	if req.Body == nil {
		t.Error("body not passed through")
	}
	if ct := req.Header.Get("Content-Type"); ct != "" {
		t.Errorf("JSON endpoint set Content-Type %q; the transport's default should apply", ct)
	}
}

func TestIndexChoosesPathAndMethod(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{}
	a := api.New(rec)
	doc := map[string]string{"title": "x"}

	if _, err := a.Raw.Index(ctx, api.IndexRequest{Index: "books", ID: "a b/1", Body: doc, Refresh: api.RefreshWaitFor, IfSeqNo: new(int64(0))}); err != nil {
		t.Fatal(err)
	}
	check(t, rec.last(t), "PUT", "/books/_doc/a%20b%2F1", "if_seq_no=0&refresh=wait_for")

	if _, err := a.Raw.Index(ctx, api.IndexRequest{Index: "books", Body: doc}); err != nil {
		t.Fatal(err)
	}
	check(t, rec.last(t), "POST", "/books/_doc", "")
}

func TestMissingRequiredPart(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{}
	a := api.New(rec)
	_, err := a.Raw.Get(ctx, api.GetRequest{Index: "books"})
	var mp *api.MissingPartError
	if !errors.Is(err, api.ErrMissingPart) || !errors.As(err, &mp) || mp.Part != "id" || mp.Endpoint != "get" {
		t.Fatalf("err = %v, want a MissingPartError for get/id", err)
	}
	if !strings.Contains(err.Error(), `"id"`) {
		t.Errorf("error %q does not name the part", err)
	}
	if _, err := a.Raw.Indices.Create(ctx, api.IndicesCreateRequest{}); !errors.Is(err, api.ErrMissingPart) {
		t.Fatalf("indices.create without index: err = %v", err)
	}
	if _, err := a.Raw.Exists(ctx, api.ExistsRequest{ID: "1"}); !errors.Is(err, api.ErrMissingPart) {
		t.Fatalf("exists without index: err = %v", err)
	}
	if len(rec.reqs) != 0 {
		t.Errorf("%d requests were sent for invalid calls", len(rec.reqs))
	}
}

func TestExists(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		status  int
		want    bool
		wantErr bool
	}{{200, true, false}, {404, false, false}, {500, false, true}} {
		rec := &recorder{status: tc.status}
		ok, err := api.New(rec).Indices.Exists(ctx, api.IndicesExistsRequest{Index: []string{"books"}, Local: new(true)})
		if ok != tc.want || (err != nil) != tc.wantErr {
			t.Errorf("status %d: got (%v, %v), want (%v, error=%v)", tc.status, ok, err, tc.want, tc.wantErr)
		}
		var se *transport.Error
		if tc.wantErr && (!errors.As(err, &se) || se.Status != tc.status) {
			t.Errorf("status %d: error %v is not a *transport.Error", tc.status, err)
		}
		req := rec.last(t)
		check(t, req, "HEAD", "/books", "local=true")
		if len(req.Ignore) != 1 || req.Ignore[0] != 404 {
			t.Errorf("Ignore = %v, want [404]", req.Ignore)
		}
	}
	boom := errors.New("connection refused")
	if _, err := api.New(&recorder{err: boom}).Ping(ctx, api.PingRequest{}); !errors.Is(err, boom) {
		t.Errorf("transport error lost: %v", err)
	}
}

func TestNDJSONAndAcceptHeaders(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{}
	a := api.New(rec)
	lines := []any{map[string]any{"index": map[string]any{"_index": "x"}}, map[string]any{"f": 1}}
	if _, err := a.Raw.Bulk(ctx, api.BulkRequest{Index: "x", RawBody: lines}); err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	check(t, req, "POST", "/x/_bulk", "")
	if ct := req.Header.Get("Content-Type"); ct != "application/x-ndjson" {
		t.Errorf("bulk Content-Type = %q", ct)
	}
	if _, err := a.Raw.Msearch(ctx, api.MsearchRequest{RawBody: lines}); err != nil {
		t.Fatal(err)
	}
	if ct := rec.last(t).Header.Get("Content-Type"); ct != "application/x-ndjson" {
		t.Errorf("msearch Content-Type = %q", ct)
	}
	if _, err := a.Raw.Cat.Indices(ctx, api.CatIndicesRequest{H: []string{"index", "docs.count"}, Bytes: api.ByteUnitKb}); err != nil {
		t.Fatal(err)
	}
	req = rec.last(t)
	check(t, req, "GET", "/_cat/indices", "bytes=kb&h=index%2Cdocs.count")
	if acc := req.Header.Get("Accept"); !strings.Contains(acc, "text/plain") {
		t.Errorf("cat Accept = %q", acc)
	}
	// An explicit header wins over the endpoint's default.
	if _, err := a.Raw.Cat.Indices(ctx, api.CatIndicesRequest{}, api.WithHeader("Accept", "application/json")); err != nil {
		t.Fatal(err)
	}
	if acc := rec.last(t).Header.Get("Accept"); acc != "application/json" {
		t.Errorf("Accept = %q after WithHeader", acc)
	}
}

func TestPartsThatAreAlsoParameters(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{}
	a := api.New(rec)
	// scroll_id is only a path part in a deprecated path: it goes in the query.
	if _, err := a.Raw.Scroll(ctx, api.ScrollRequest{ScrollID: "abc", Scroll: "1m"}); err != nil {
		t.Fatal(err)
	}
	check(t, rec.last(t), "GET", "/_search/scroll", "scroll=1m&scroll_id=abc")
	// index of indices.analyze: in the path when set.
	if _, err := a.Raw.Indices.Analyze(ctx, api.IndicesAnalyzeRequest{Index: "books", RawBody: map[string]any{"text": "x"}}); err != nil {
		t.Fatal(err)
	}
	check(t, rec.last(t), "POST", "/books/_analyze", "")
	// Integer path parts.
	if _, err := a.Raw.SearchMVT(ctx, api.SearchMVTRequest{Index: []string{"geo"}, Field: "loc", Zoom: new(3), X: new(1), Y: new(2)}); err != nil {
		t.Fatal(err)
	}
	check(t, rec.last(t), "GET", "/geo/_mvt/loc/3/1/2", "")
	if _, err := a.Raw.SearchMVT(ctx, api.SearchMVTRequest{Index: []string{"geo"}, Field: "loc", Zoom: new(3), X: new(1)}); !errors.Is(err, api.ErrMissingPart) {
		t.Errorf("search_mvt without y: %v", err)
	}
}

func TestNamespacedEndpoints(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{}
	a := api.New(rec)
	if _, err := a.Raw.Cluster.Health(ctx, api.ClusterHealthRequest{WaitForStatus: api.WaitForStatusYellow, Timeout: "30s", Level: api.LevelShards}); err != nil {
		t.Fatal(err)
	}
	check(t, rec.last(t), "GET", "/_cluster/health", "level=shards&timeout=30s&wait_for_status=yellow")
	if _, err := a.Raw.Indices.PutMapping(ctx, api.IndicesPutMappingRequest{Index: []string{"a", "b"}, RawBody: `{"properties":{}}`}); err != nil {
		t.Fatal(err)
	}
	check(t, rec.last(t), "PUT", "/a,b/_mapping", "")
	if _, err := a.Raw.Nodes.Stats(ctx, api.NodesStatsRequest{NodeID: []string{"_local"}, Metric: []string{"jvm"}}); err != nil {
		t.Fatal(err)
	}
	check(t, rec.last(t), "GET", "/_nodes/_local/stats/jvm", "")
	if _, err := a.Raw.ML.GetBuckets(ctx, api.MLGetBucketsRequest{JobID: "j", Timestamp: "2020", AnomalyScore: new(0.5)}); err != nil {
		t.Fatal(err)
	}
	check(t, rec.last(t), "GET", "/_ml/anomaly_detectors/j/results/buckets/2020", "anomaly_score=0.5")
	if _, err := a.Raw.Indices.AddBlock(ctx, api.IndicesAddBlockRequest{Index: []string{"x"}, Block: api.BlockWrite}); err != nil {
		t.Fatal(err)
	}
	check(t, rec.last(t), "PUT", "/x/_block/write", "")
}

func TestOptions(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{}
	a := api.New(rec)
	_, err := a.Raw.Info(ctx, api.InfoRequest{},
		api.WithTimeout(2*time.Second), api.WithOpaqueID("job-1"), api.WithIgnore(404, 409),
		api.WithRetries(0), api.WithFilterPath("version.number", "-tagline"), api.WithPretty(),
		api.WithHuman(), api.WithErrorTrace(), api.WithQuery("x", "y"), api.WithHeader("X-A", "b"))
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	check(t, req, "GET", "/", "error_trace=true&filter_path=version.number%2C-tagline&human=true&pretty=true&x=y")
	if req.Timeout != 2*time.Second || req.MaxRetries == nil || *req.MaxRetries != 0 {
		t.Errorf("Timeout=%v MaxRetries=%v", req.Timeout, req.MaxRetries)
	}
	if req.Header.Get("X-Opaque-Id") != "job-1" || req.Header.Get("X-A") != "b" {
		t.Errorf("headers = %v", req.Header)
	}
	if len(req.Ignore) != 2 || req.Ignore[0] != 404 || req.Ignore[1] != 409 {
		t.Errorf("Ignore = %v", req.Ignore)
	}
}

func TestDecode(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{body: `{"count": 42, "_shards": {"total": 1}}`}
	a := api.New(rec)
	type countResult struct {
		Count int `json:"count"`
	}
	res, err := api.Decode[countResult](a.Raw.Count(ctx, api.CountRequest{Index: []string{"x"}, Q: "title:go"}))
	if err != nil || res.Count != 42 {
		t.Fatalf("Decode = %+v, %v", res, err)
	}
	check(t, rec.last(t), "GET", "/x/_count", "q=title%3Ago")
	boom := errors.New("boom")
	if _, err := api.Decode[countResult](nil, boom); !errors.Is(err, boom) {
		t.Errorf("Decode lost the call error: %v", err)
	}
	rec.body = "not json"
	if _, err := api.Decode[countResult](a.Raw.Count(ctx, api.CountRequest{})); err == nil || !strings.Contains(err.Error(), "countResult") {
		t.Errorf("Decode of bad JSON: %v", err)
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		-1:                      "-1",
		0:                       "0s",
		90 * time.Second:        "90s",
		5 * time.Minute:         "5m",
		1500 * time.Millisecond: "1500ms",
		48 * time.Hour:          "2d",
		3 * time.Microsecond:    "3micros",
		7:                       "7nanos",
	} {
		if got := api.Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestRequestsNameTheirEndpoint(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{}
	a := api.New(rec)
	a.Raw.Search(ctx, api.SearchRequest{})
	a.Raw.Indices.Create(ctx, api.IndicesCreateRequest{Index: "i"})
	a.Raw.Indices.Exists(ctx, api.IndicesExistsRequest{Index: []string{"i"}})
	var got []string
	for _, r := range rec.reqs {
		got = append(got, r.Endpoint)
	}
	want := []string{"search", "indices.create", "indices.exists"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("endpoints = %v, want %v (they name tracing spans)", got, want)
	}
}
