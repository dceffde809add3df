package api_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

// TestRepeatAfterALostAnswer is the table of what the transport may send
// again when an attempt's answer was lost (see repeat.go): per endpoint,
// method and the parameters that make a write conditional, as the requests
// are actually built.
func TestRepeatAfterALostAnswer(t *testing.T) {
	const safe, unsafe = transport.RepeatSafe, transport.RepeatUnsafe
	doc := map[string]any{"a": 1}
	for _, tc := range []struct {
		name   string
		method string
		want   transport.Repeat
		call   func(context.Context, *api.RawAPI) error
	}{
		// Reads, whatever their method.
		{"search GET", "GET", safe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Search(ctx, api.SearchRequest{})
			return err
		}},
		{"search POST", "POST", safe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Search(ctx, api.SearchRequest{RawBody: doc})
			return err
		}},
		{"count POST", "POST", safe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Count(ctx, api.CountRequest{RawBody: doc})
			return err
		}},
		{"msearch", "POST", safe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Msearch(ctx, api.MsearchRequest{RawBody: []any{doc, doc}})
			return err
		}},
		{"get", "GET", safe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Get(ctx, api.GetRequest{Index: "i", ID: "1"})
			return err
		}},
		{"esql.query", "POST", safe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.ESQL.Query(ctx, api.ESQLQueryRequest{RawBody: doc})
			return err
		}},
		// Opening a scroll or a point in time: a repeat leaves the first
		// context open, unseen.
		{"search with scroll", "GET", unsafe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Search(ctx, api.SearchRequest{Scroll: "1m"})
			return err
		}},
		{"open_point_in_time", "POST", unsafe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.OpenPointInTime(ctx, api.OpenPointInTimeRequest{Index: []string{"i"}, KeepAlive: "1m"})
			return err
		}},
		// A scroll continuation moves the server's cursor: a repeat skips a page.
		{"scroll GET", "GET", unsafe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Scroll(ctx, api.ScrollRequest{ScrollID: "abc"})
			return err
		}},
		{"sql.query", "POST", unsafe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.SQL.Query(ctx, api.SQLQueryRequest{RawBody: doc})
			return err
		}},
		// Releasing twice answers 404, which the helpers ignore.
		{"clear_scroll", "DELETE", safe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.ClearScroll(ctx, api.ClearScrollRequest{ScrollID: []string{"abc"}})
			return err
		}},
		{"close_point_in_time", "DELETE", safe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.ClosePointInTime(ctx, api.ClosePointInTimeRequest{RawBody: map[string]string{"id": "abc"}})
			return err
		}},
		// Index with an ID: the document ends as sent, unless conditional.
		{"index PUT with an ID", "PUT", safe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Index(ctx, api.IndexRequest{Index: "i", ID: "1", RawBody: doc})
			return err
		}},
		{"index POST without an ID", "POST", unsafe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Index(ctx, api.IndexRequest{Index: "i", RawBody: doc})
			return err
		}},
		{"index PUT op_type=create", "PUT", unsafe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Index(ctx, api.IndexRequest{Index: "i", ID: "1", OpType: api.OpTypeCreate, RawBody: doc})
			return err
		}},
		{"index PUT if_seq_no", "PUT", unsafe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Index(ctx, api.IndexRequest{Index: "i", ID: "1", IfSeqNo: new(int64(3)), IfPrimaryTerm: new(int64(1)), RawBody: doc})
			return err
		}},
		{"index PUT version", "PUT", unsafe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Index(ctx, api.IndexRequest{Index: "i", ID: "1", Version: new(int64(4)), RawBody: doc})
			return err
		}},
		// Other writes are not repeated.
		{"create", "PUT", unsafe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Create(ctx, api.CreateRequest{Index: "i", ID: "1", RawBody: doc})
			return err
		}},
		{"update", "POST", unsafe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Update(ctx, api.UpdateRequest{Index: "i", ID: "1", RawBody: doc})
			return err
		}},
		{"delete", "DELETE", unsafe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Delete(ctx, api.DeleteRequest{Index: "i", ID: "1"})
			return err
		}},
		{"bulk", "POST", unsafe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Bulk(ctx, api.BulkRequest{RawBody: []any{doc}})
			return err
		}},
		{"indices.create", "PUT", unsafe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Indices.Create(ctx, api.IndicesCreateRequest{Index: "i"})
			return err
		}},
		// Writes that repeat to the same state and the same answer.
		{"indices.refresh", "GET", safe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Indices.Refresh(ctx, api.IndicesRefreshRequest{})
			return err
		}},
		{"indices.put_mapping", "PUT", safe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Indices.PutMapping(ctx, api.IndicesPutMappingRequest{Index: []string{"i"}, RawBody: doc})
			return err
		}},
		// A caller's WithRepeat wins over the table.
		{"bulk WithRepeat(Safe)", "POST", safe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := a.Bulk(ctx, api.BulkRequest{RawBody: []any{doc}}, api.WithRepeat(transport.RepeatSafe))
			return err
		}},
		// A route the specification lacks is repeated by its method.
		{"Route POST", "POST", unsafe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := api.Route("opensearch.create_pit", "POST", "/i/_search/point_in_time", nil)(ctx, a)
			return err
		}},
		{"Route GET", "GET", safe, func(ctx context.Context, a *api.RawAPI) error {
			_, err := api.Route("opensearch.get_pits", "GET", "/_search/point_in_time/_all", nil)(ctx, a)
			return err
		}},
	} {
		rec := &recorder{body: "{}"}
		if err := tc.call(context.Background(), api.New(rec).Raw); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		req := rec.last(t)
		if req.Method != tc.method || req.Repeat != tc.want {
			t.Errorf("%s: %s with Repeat %d, want %s with Repeat %d", tc.name, req.Method, req.Repeat, tc.method, tc.want)
		}
	}
}

// TestRepeatTableNamesRealEndpoints: a misspelt name in repeat.go's tables
// would silently leave its endpoint to the method rule.
func TestRepeatTableNamesRealEndpoints(t *testing.T) {
	files, err := filepath.Glob("zz_*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("generated files: %v", err)
	}
	known := map[string]bool{}
	call := regexp.MustCompile(`(?:send|exists)\(ctx, t, "([a-z0-9_.]+)"`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllSubmatch(b, -1) {
			known[string(m[1])] = true
		}
	}
	src, err := os.ReadFile("repeat.go")
	if err != nil {
		t.Fatal(err)
	}
	names := regexp.MustCompile(`"([a-z0-9_.]+)": true`).FindAllSubmatch(src, -1)
	if len(names) < 30 {
		t.Fatalf("found %d names in repeat.go's tables; the pattern no longer matches them", len(names))
	}
	for _, m := range names {
		if !known[string(m[1])] {
			t.Errorf("repeat.go names %q, which no generated endpoint is called", m[1])
		}
	}
}
