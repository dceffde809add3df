package bulk_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/internal/rawtransport"
	"github.com/esgo/esgo/transport"
	"go.uber.org/goleak"
)

type transportFunc func(ctx context.Context, req *transport.Request) (*transport.Response, error)

func (f transportFunc) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	return f(ctx, req)
}

func jsonResponse(status int, v any) *transport.Response {
	b, _ := json.Marshal(v)
	return &transport.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(b))}
}

// action is one parsed action of a bulk body.
type action struct {
	name string
	meta map[string]any
	body json.RawMessage
}

func parseBulk(t testing.TB, body []byte) []action {
	t.Helper()
	var out []action
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var line map[string]map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Errorf("bad action line %q: %v", sc.Text(), err)
			return nil
		}
		var a action
		for k, v := range line {
			a.name, a.meta = k, v
		}
		if a.name != "delete" {
			if !sc.Scan() {
				t.Errorf("no body line after %v", line)
				return nil
			}
			a.body = slices.Clone(sc.Bytes())
			if !json.Valid(a.body) {
				t.Errorf("body line is not JSON: %q", a.body)
			}
		}
		out = append(out, a)
	}
	if len(body) > 0 && body[len(body)-1] != '\n' {
		t.Errorf("bulk body does not end with a newline")
	}
	return out
}

// fakeServer answers bulk requests; status decides each item's status.
type fakeServer struct {
	t        testing.TB
	mu       sync.Mutex
	attempts map[string]int // by _id
	requests int
	bodies   [][]action
	status   func(id string, attempt int) int
}

func newFakeServer(t testing.TB, status func(id string, attempt int) int) *fakeServer {
	return &fakeServer{t: t, attempts: map[string]int{}, status: status}
}

func (s *fakeServer) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	body, ok := req.Body.([]byte)
	if !ok {
		return nil, fmt.Errorf("body is %T, want []byte", req.Body)
	}
	if req.Header.Get("Content-Type") != "application/x-ndjson" {
		s.t.Errorf("Content-Type = %q", req.Header.Get("Content-Type"))
	}
	acts := parseBulk(s.t, body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	s.bodies = append(s.bodies, acts)
	var items []map[string]any
	errs := false
	for _, a := range acts {
		id, _ := a.meta["_id"].(string)
		s.attempts[id]++
		st := s.status(id, s.attempts[id])
		r := map[string]any{"_index": "i", "_id": id, "status": st, "_version": 1, "_seq_no": 7, "_primary_term": 1}
		if st < 300 {
			r["result"] = "created"
		} else {
			errs = true
			r["error"] = map[string]any{"type": fmt.Sprintf("error_%d", st), "reason": "because " + id}
		}
		items = append(items, map[string]any{a.name: r})
	}
	return jsonResponse(200, map[string]any{"took": 1, "errors": errs, "items": items}), nil
}

// collector records outcomes.
type collector struct {
	mu   sync.Mutex
	ok   map[string]int
	fail map[string]bulk.Result
}

func newCollector() *collector {
	return &collector{ok: map[string]int{}, fail: map[string]bulk.Result{}}
}

func (c *collector) options() []bulk.Option {
	return []bulk.Option{
		bulk.OnSuccess(func(r bulk.Result) { c.mu.Lock(); c.ok[r.Item.ID]++; c.mu.Unlock() }),
		bulk.OnFailure(func(r bulk.Result) {
			c.mu.Lock()
			defer c.mu.Unlock()
			if _, dup := c.fail[r.Item.ID]; dup {
				panic("two failures for " + r.Item.ID)
			}
			c.fail[r.Item.ID] = r
		}),
	}
}

func (c *collector) checkExactlyOnce(t *testing.T, n int) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range n {
		id := fmt.Sprint(i)
		_, failed := c.fail[id]
		if got := c.ok[id]; got+boolInt(failed) != 1 {
			t.Errorf("item %s: %d successes, failed=%v; want exactly one outcome", id, got, failed)
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestEncodingAllActionsAndMetadata(t *testing.T) {
	var got []byte
	tr := transportFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		got = slices.Clone(req.Body.([]byte))
		if req.Path != "/default/_bulk" {
			t.Errorf("path = %q", req.Path)
		}
		if req.Query.Get("refresh") != "wait_for" {
			t.Errorf("query = %v", req.Query)
		}
		n := len(parseBulk(t, got))
		items := make([]map[string]any, n)
		for i := range items {
			items[i] = map[string]any{"index": map[string]any{"status": 200, "result": "updated"}}
		}
		return jsonResponse(200, map[string]any{"items": items}), nil
	})
	ix, err := bulk.New(tr, bulk.WithIndex("default"), bulk.WithParam("refresh", "wait_for"), bulk.WithWorkers(1))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	type doc struct {
		Title string `json:"title"`
		HTML  string `json:"html"`
	}
	items := []bulk.Item{
		{ID: "1", Body: doc{Title: "a\"b", HTML: "<p>"}},
		{Action: bulk.Create, Index: "other", ID: "2\n", Routing: "r", Pipeline: "p", RequireAlias: true,
			Body: []byte("{\n  \"pretty\": true\n}")},
		{Action: bulk.Index, ID: "3", IfSeqNo: new(int64(5)), IfPrimaryTerm: new(int64(2)), Body: strings.NewReader(`{"r":1}`)},
		{Action: bulk.Index, ID: "4", Version: new(int64(9)), VersionType: "external", Body: `{"s":"x"}`},
		{Action: bulk.Update, ID: "5", RetryOnConflict: new(3), Doc: map[string]int{"n": 1}, DocAsUpsert: true},
		{Action: bulk.Update, ID: "6", Script: map[string]any{"source": "ctx._source.n++"}, Upsert: map[string]int{"n": 0}, ScriptedUpsert: true},
		{Action: bulk.Update, ID: "7", Body: json.RawMessage(`{"doc":{"a":1}}`)},
		{Action: bulk.Delete, ID: "8"},
	}
	for _, it := range items {
		if err := ix.Add(ctx, it); err != nil {
			t.Fatalf("Add(%+v): %v", it, err)
		}
	}
	if err := ix.Close(ctx); err != nil {
		t.Fatal(err)
	}
	want := `{"index":{"_id":"1"}}
{"title":"a\"b","html":"<p>"}
{"create":{"_index":"other","_id":"2\n","routing":"r","pipeline":"p","require_alias":true}}
{"pretty":true}
{"index":{"_id":"3","if_seq_no":5,"if_primary_term":2}}
{"r":1}
{"index":{"_id":"4","version":9,"version_type":"external"}}
{"s":"x"}
{"update":{"_id":"5","retry_on_conflict":3}}
{"doc":{"n":1},"doc_as_upsert":true}
{"update":{"_id":"6"}}
{"upsert":{"n":0},"script":{"source":"ctx._source.n++"},"scripted_upsert":true}
{"update":{"_id":"7"}}
{"doc":{"a":1}}
{"delete":{"_id":"8"}}
`
	if string(got) != want {
		t.Errorf("body:\n%s\nwant:\n%s", got, want)
	}
	s := ix.Stats()
	if s.Added != 8 || s.Indexed != 3 || s.Created != 1 || s.Updated != 3 || s.Deleted != 1 || s.Requests != 1 || s.Failed != 0 {
		t.Errorf("stats = %+v", s)
	}
	if s.Bytes != int64(len(want)) {
		t.Errorf("Bytes = %d, want %d", s.Bytes, len(want))
	}
}

func TestAddRefusesInvalidItems(t *testing.T) {
	ix, err := bulk.New(transportFunc(func(context.Context, *transport.Request) (*transport.Response, error) {
		t.Error("nothing should be sent")
		return nil, errors.New("no")
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close(context.Background())
	for _, it := range []bulk.Item{
		{Index: "i", ID: "1"},                                    // no body
		{Action: bulk.Update, Index: "i", Doc: 1},                // no id
		{Action: bulk.Delete, Index: "i", ID: "1", Body: "{}"},   // delete with body
		{Action: "upsert", Index: "i", ID: "1", Body: "{}"},      // unknown
		{ID: "1", Body: "{}"},                                    // no index
		{Action: bulk.Update, Index: "i", ID: "1", Upsert: "{}"}, // no doc nor script
	} {
		if err := ix.Add(context.Background(), it); !errors.Is(err, bulk.ErrInvalidItem) {
			t.Errorf("Add(%+v) = %v, want ErrInvalidItem", it, err)
		}
	}
	if s := ix.Stats(); s.Added != 0 {
		t.Errorf("Added = %d", s.Added)
	}
}

func TestUnencodableBodyIsReportedAsFailure(t *testing.T) {
	srv := newFakeServer(t, func(string, int) int { return 201 })
	c := newCollector()
	ix, _ := bulk.New(srv, append(c.options(), bulk.WithIndex("i"))...)
	ctx := context.Background()
	ix.Add(ctx, bulk.Item{ID: "0", Body: map[string]any{"f": func() {}}})
	ix.Add(ctx, bulk.Item{ID: "1", Body: []byte("{not json\n}")})
	ix.Add(ctx, bulk.Item{ID: "2", Body: map[string]any{"ok": true}})
	if err := ix.Close(ctx); !errors.Is(err, bulk.ErrFailed) {
		t.Errorf("Close = %v, want ErrFailed", err)
	}
	c.checkExactlyOnce(t, 3)
	if r, ok := c.fail["0"]; !ok || !strings.Contains(r.Err.Error(), "func") {
		t.Errorf("item 0: %+v", r)
	}
	if r, ok := c.fail["1"]; !ok || !errors.Is(r.Err, bulk.ErrInvalidItem) {
		t.Errorf("item 1: %+v", r)
	}
	if c.ok["2"] != 1 {
		t.Errorf("item 2 not indexed")
	}
}

func TestPerItemRetryResendsOnlyFailedItems(t *testing.T) {
	// Items whose ID ends in 3 get 429 twice, those ending in 7 get a 400,
	// the others succeed at once.
	srv := newFakeServer(t, func(id string, attempt int) int {
		switch {
		case strings.HasSuffix(id, "3") && attempt <= 2:
			return 429
		case strings.HasSuffix(id, "7"):
			return 400
		}
		return 201
	})
	c := newCollector()
	ix, err := bulk.New(srv, append(c.options(), bulk.WithIndex("i"), bulk.WithFlushActions(100),
		bulk.WithWorkers(3), bulk.WithRetries(5, time.Millisecond, 5*time.Millisecond))...)
	if err != nil {
		t.Fatal(err)
	}
	const n = 1000
	for i := range n {
		if err := ix.Add(context.Background(), bulk.Item{ID: fmt.Sprint(i), Body: map[string]int{"n": i}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Close(context.Background()); !errors.Is(err, bulk.ErrFailed) {
		t.Fatalf("Close = %v, want ErrFailed", err)
	}
	c.checkExactlyOnce(t, n)
	s := ix.Stats()
	if s.Failed != n/10 || s.Indexed != n-n/10 || s.Retried != 2*n/10 || s.Added != n {
		t.Errorf("stats = %+v; want %d failed, %d retried", s, n/10, 2*n/10)
	}
	for id, r := range c.fail {
		var ie *bulk.ItemError
		if !errors.As(r.Err, &ie) || ie.Status != 400 || ie.Type != "error_400" || ie.ID != id || r.Attempts != 1 {
			t.Errorf("failure of %s: %+v (%v)", id, r, r.Err)
		}
	}
	// A request holds only new items or only retried ones.
	seen := map[string]bool{}
	for _, acts := range srv.bodies {
		old := 0
		for _, a := range acts {
			id := a.meta["_id"].(string)
			if seen[id] {
				old++
				if !strings.HasSuffix(id, "3") {
					t.Errorf("item %s re-sent", id)
				}
			}
			seen[id] = true
		}
		if old != 0 && old != len(acts) {
			t.Errorf("request mixes %d retried items with %d new ones", old, len(acts)-old)
		}
	}
	for id, a := range srv.attempts {
		want := 1
		if strings.HasSuffix(id, "3") {
			want = 3
		}
		if a != want {
			t.Errorf("item %s sent %d times, want %d", id, a, want)
		}
	}
}

func TestRetriesExhaustedReportServerError(t *testing.T) {
	srv := newFakeServer(t, func(string, int) int { return 429 })
	c := newCollector()
	ix, _ := bulk.New(srv, append(c.options(), bulk.WithIndex("i"), bulk.WithRetries(3, time.Millisecond, time.Millisecond))...)
	for i := range 10 {
		ix.Add(context.Background(), bulk.Item{ID: fmt.Sprint(i), Body: "{}"})
	}
	ix.Close(context.Background())
	c.checkExactlyOnce(t, 10)
	for id, r := range c.fail {
		var ie *bulk.ItemError
		if !errors.As(r.Err, &ie) || ie.Status != 429 || r.Attempts != 4 {
			t.Errorf("%s: attempts %d, err %v", id, r.Attempts, r.Err)
		}
	}
	if s := ix.Stats(); s.Failed != 10 || s.Retried != 30 {
		t.Errorf("stats = %+v", s)
	}
}

func TestWholeRequestRetry(t *testing.T) {
	var calls atomic.Int32
	srv := newFakeServer(t, func(string, int) int { return 201 })
	tr := transportFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		switch calls.Add(1) {
		case 1:
			return nil, errors.New("connection refused")
		case 2:
			return jsonResponse(503, map[string]any{"error": "unavailable"}), nil
		case 3:
			return jsonResponse(429, map[string]any{"error": "busy"}), nil
		}
		return srv.Perform(ctx, req)
	})
	c := newCollector()
	ix, _ := bulk.New(tr, append(c.options(), bulk.WithIndex("i"), bulk.WithWorkers(1), bulk.WithRetries(5, time.Millisecond, time.Millisecond))...)
	for i := range 5 {
		ix.Add(context.Background(), bulk.Item{ID: fmt.Sprint(i), Body: "{}"})
	}
	if err := ix.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.checkExactlyOnce(t, 5)
	if s := ix.Stats(); s.Requests != 4 || s.Retried != 15 || s.Indexed != 5 {
		t.Errorf("stats = %+v", s)
	}
}

func TestNonRetryableRequestErrorFailsItems(t *testing.T) {
	tr := transportFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		return jsonResponse(400, map[string]any{"error": map[string]any{"type": "illegal_argument_exception"}}), nil
	})
	c := newCollector()
	ix, _ := bulk.New(tr, append(c.options(), bulk.WithIndex("i"))...)
	for i := range 3 {
		ix.Add(context.Background(), bulk.Item{ID: fmt.Sprint(i), Body: "{}"})
	}
	ix.Close(context.Background())
	c.checkExactlyOnce(t, 3)
	for _, r := range c.fail {
		var re *bulk.RequestError
		if !errors.As(r.Err, &re) || re.Status != 400 || !strings.Contains(re.Body, "illegal_argument_exception") {
			t.Errorf("err = %v", r.Err)
		}
	}
}

func TestMalformedResponses(t *testing.T) {
	for name, body := range map[string]string{
		"not json":       `<html>proxy error</html>`,
		"truncated":      `{"took":1,"errors":false,"items":[{"index":{"status":201}}`,
		"too few items":  `{"took":1,"errors":false,"items":[{"index":{"status":201}}]}`,
		"unknown action": `{"took":1,"errors":false,"items":[{"index":{"status":201}},{"frob":{"status":201}}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, body)
			}))
			defer srv.Close()
			c := newCollector()
			ix, _ := bulk.New(rawtransport.New(srv.URL), append(c.options(), bulk.WithIndex("i"), bulk.WithWorkers(1))...)
			for i := range 2 {
				ix.Add(context.Background(), bulk.Item{ID: fmt.Sprint(i), Body: "{}"})
			}
			ix.Close(context.Background())
			c.checkExactlyOnce(t, 2)
			if name == "unknown action" {
				if c.ok["0"] != 1 || !errors.Is(c.fail["1"].Err, bulk.ErrMalformedResponse) {
					t.Errorf("ok=%v fail=%v", c.ok, c.fail)
				}
				return
			}
			if len(c.fail) != 2 {
				t.Fatalf("failures = %d, want 2", len(c.fail))
			}
			for _, r := range c.fail {
				if !errors.Is(r.Err, bulk.ErrMalformedResponse) {
					t.Errorf("err = %v, want ErrMalformedResponse", r.Err)
				}
			}
		})
	}
}

func TestDroppedConnectionIsRetried(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if calls.Add(1) == 1 {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		n := len(parseBulk(t, body))
		items := make([]map[string]any, n)
		for i := range items {
			items[i] = map[string]any{"index": map[string]any{"status": 201, "result": "created"}}
		}
		json.NewEncoder(w).Encode(map[string]any{"items": items})
	}))
	defer srv.Close()
	c := newCollector()
	ix, _ := bulk.New(rawtransport.New(srv.URL), append(c.options(), bulk.WithIndex("i"), bulk.WithWorkers(1), bulk.WithRetries(3, time.Millisecond, time.Millisecond))...)
	for i := range 20 {
		ix.Add(context.Background(), bulk.Item{ID: fmt.Sprint(i), Body: "{}"})
	}
	if err := ix.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.checkExactlyOnce(t, 20)
	if s := ix.Stats(); s.Indexed != 20 || s.Retried != 20 {
		t.Errorf("stats = %+v", s)
	}
}

func TestFlushAndInterval(t *testing.T) {
	srv := newFakeServer(t, func(string, int) int { return 201 })
	c := newCollector()
	ix, _ := bulk.New(srv, append(c.options(), bulk.WithIndex("i"), bulk.WithFlushInterval(50*time.Millisecond))...)
	defer ix.Close(context.Background())
	for i := range 5 {
		ix.Add(context.Background(), bulk.Item{ID: fmt.Sprint(i), Body: "{}"})
	}
	if err := ix.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.checkExactlyOnce(t, 5) // every outcome is known when Flush returns
	ix.Add(context.Background(), bulk.Item{ID: "5", Body: "{}"})
	deadline := time.Now().Add(5 * time.Second)
	for ix.Stats().Indexed != 6 {
		if time.Now().After(deadline) {
			t.Fatal("the flush interval did not send the item")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestFlushBytes(t *testing.T) {
	srv := newFakeServer(t, func(string, int) int { return 201 })
	ix, _ := bulk.New(srv, bulk.WithIndex("i"), bulk.WithFlushBytes(1000), bulk.WithWorkers(1), bulk.WithFlushInterval(0))
	doc := `{"pad":"` + strings.Repeat("x", 180) + `"}`
	for i := range 50 {
		ix.Add(context.Background(), bulk.Item{ID: fmt.Sprint(i), Body: doc})
	}
	ix.Close(context.Background())
	for _, acts := range srv.bodies {
		if len(acts) > 5 {
			t.Errorf("request of %d actions, want at most 5 (1000 bytes)", len(acts))
		}
	}
	if srv.requests < 10 {
		t.Errorf("requests = %d", srv.requests)
	}
	if s := ix.Stats(); s.Indexed != 50 || s.Failed != 0 {
		t.Errorf("stats = %+v", s)
	}
}

func TestAddBlocksAndHonoursContextWhenServerHangs(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	tr := transportFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		<-ctx.Done() // a server that never answers
		return nil, ctx.Err()
	})
	c := newCollector()
	ix, _ := bulk.New(tr, append(c.options(), bulk.WithIndex("i"), bulk.WithWorkers(2), bulk.WithFlushActions(10), bulk.WithQueueSize(5))...)
	added := 0
	var addErr error
	start := time.Now()
	for i := range 1000 {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		addErr = ix.Add(ctx, bulk.Item{ID: fmt.Sprint(i), Body: "{}"})
		cancel()
		if addErr != nil {
			break
		}
		added++
	}
	if !errors.Is(addErr, context.DeadlineExceeded) {
		t.Fatalf("Add = %v after %d items, want DeadlineExceeded", addErr, added)
	}
	// Bounded: 2 workers x 10 + queue of 5.
	if added > 25 {
		t.Errorf("%d items were accepted with the server hanging; want at most 25", added)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("Add took %v to give up", time.Since(start))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := ix.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Close = %v", err)
	}
	c.checkExactlyOnce(t, added)
	if s := ix.Stats(); s.Failed != int64(added) {
		t.Errorf("stats = %+v", s)
	}
	if err := ix.Add(context.Background(), bulk.Item{ID: "x", Body: "{}"}); !errors.Is(err, bulk.ErrClosed) {
		t.Errorf("Add after Close = %v", err)
	}
}

// Items go to the workers in chunks (flush actions / 16): an Add whose
// chunk cannot be handed over gives up alone, and the items accepted before
// it are still sent by Flush or Close, or failed by a Close that gives up,
// each exactly once.
func TestChunkedHandOver(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	t.Run("accepted items wait for Flush and Close", func(t *testing.T) {
		srv := newFakeServer(t, func(string, int) int { return 201 })
		c := newCollector()
		ix, _ := bulk.New(srv, append(c.options(), bulk.WithIndex("i"), bulk.WithFlushInterval(0))...)
		for i := range 7 { // fewer than a chunk (62)
			if err := ix.Add(context.Background(), bulk.Item{ID: fmt.Sprint(i), Body: "{}"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := ix.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		c.checkExactlyOnce(t, 7)
		for i := range 100 {
			ix.Add(context.Background(), bulk.Item{ID: fmt.Sprint(7 + i), Body: "{}"})
		}
		if err := ix.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		c.checkExactlyOnce(t, 107)
	})
	t.Run("a hanging server", func(t *testing.T) {
		tr := transportFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		})
		c := newCollector()
		// Chunks of 10, a queue of 2 chunks, one worker with a batch of 160.
		ix, _ := bulk.New(tr, append(c.options(), bulk.WithIndex("i"), bulk.WithWorkers(1), bulk.WithFlushActions(160),
			bulk.WithQueueSize(20), bulk.WithFlushInterval(0))...)
		added, refused := 0, 0
		for i := range 250 {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			err := ix.Add(ctx, bulk.Item{ID: fmt.Sprint(i), Body: "{}"})
			cancel()
			switch {
			case err == nil:
				added++
			case errors.Is(err, context.DeadlineExceeded):
				refused++
			default:
				t.Fatal(err)
			}
		}
		if refused == 0 || added > 160+10+20+10 {
			t.Fatalf("%d added, %d refused: want a bounded queue", added, refused)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		if err := ix.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Close = %v", err)
		}
		c.checkExactlyOnce(t, added)
		if s := ix.Stats(); s.Added != int64(added) || s.Failed != int64(added) {
			t.Errorf("stats = %+v, %d added", s, added)
		}
	})
}

func TestConcurrentAddFlushClose(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	srv := newFakeServer(t, func(id string, attempt int) int {
		if attempt == 1 && len(id)%2 == 0 {
			return 429
		}
		return 201
	})
	c := newCollector()
	ix, _ := bulk.New(srv, append(c.options(), bulk.WithIndex("i"), bulk.WithFlushActions(37), bulk.WithWorkers(4),
		bulk.WithRetries(3, time.Microsecond, time.Millisecond))...)
	var wg sync.WaitGroup
	const per, goroutines = 500, 8
	for g := range goroutines {
		wg.Go(func() {
			for i := range per {
				if err := ix.Add(context.Background(), bulk.Item{ID: fmt.Sprint(g*per + i), Body: "{}"}); err != nil {
					t.Error(err)
					return
				}
				if i%100 == 99 {
					if err := ix.Flush(context.Background()); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	if err := ix.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.checkExactlyOnce(t, per*goroutines)
	if s := ix.Stats(); s.Indexed != per*goroutines || s.Retried == 0 {
		t.Errorf("stats = %+v", s)
	}
}

func TestCompression(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("Content-Encoding = %q", r.Header.Get("Content-Encoding"))
		}
		zr, err := gzipReader(r.Body)
		if err != nil {
			t.Error(err)
			w.WriteHeader(400)
			return
		}
		body, _ := io.ReadAll(zr)
		n := len(parseBulk(t, body))
		items := make([]map[string]any, n)
		for i := range items {
			items[i] = map[string]any{"index": map[string]any{"status": 201}}
		}
		json.NewEncoder(w).Encode(map[string]any{"items": items})
	}))
	defer srv.Close()
	c := newCollector()
	ix, _ := bulk.New(rawtransport.New(srv.URL), append(c.options(), bulk.WithIndex("i"), bulk.WithCompression(), bulk.WithFlushActions(7))...)
	for i := range 30 {
		ix.Add(context.Background(), bulk.Item{ID: fmt.Sprint(i), Body: map[string]int{"n": i}})
	}
	if err := ix.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.checkExactlyOnce(t, 30)
}

func TestStream(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	srv := newFakeServer(t, func(id string, _ int) int {
		if id == "13" {
			return 409
		}
		return 201
	})
	items := func(yield func(bulk.Item) bool) {
		for i := range 100 {
			if !yield(bulk.Item{Index: "i", ID: fmt.Sprint(i), Body: "{}"}) {
				return
			}
		}
		yield(bulk.Item{ID: "no-index", Body: "{}"})
	}
	seen := map[string]bool{}
	var failed []string
	for r, err := range bulk.Stream(context.Background(), srv, items, bulk.WithFlushActions(10)) {
		if seen[r.Item.ID] {
			t.Errorf("%s reported twice", r.Item.ID)
		}
		seen[r.Item.ID] = true
		if err != nil {
			failed = append(failed, r.Item.ID)
		}
	}
	slices.Sort(failed)
	if len(seen) != 101 || !slices.Equal(failed, []string{"13", "no-index"}) {
		t.Errorf("seen %d, failed %v", len(seen), failed)
	}

	// Breaking early stops everything.
	n := 0
	for range bulk.Stream(context.Background(), srv, func(yield func(bulk.Item) bool) {
		for i := 0; ; i++ {
			if !yield(bulk.Item{Index: "i", ID: fmt.Sprint(i), Body: "{}"}) {
				return
			}
		}
	}) {
		if n++; n == 50 {
			break
		}
	}
}

func TestStreamChan(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	srv := newFakeServer(t, func(string, int) int { return 201 })
	ch := make(chan bulk.Item)
	go func() {
		for i := range 20 {
			ch <- bulk.Item{Index: "i", ID: fmt.Sprint(i), Body: "{}"}
		}
		close(ch)
	}()
	n := 0
	for _, err := range bulk.StreamChan(context.Background(), srv, ch) {
		if err != nil {
			t.Error(err)
		}
		n++
	}
	if n != 20 {
		t.Errorf("%d results", n)
	}
	// A channel that is never closed: the context ends the stream.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	var last error
	for _, err := range bulk.StreamChan(ctx, srv, make(chan bulk.Item)) {
		last = err
	}
	if !errors.Is(last, context.DeadlineExceeded) {
		t.Errorf("last error = %v", last)
	}
}

func gzipReader(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }

func TestErrorsFalseFastPathStillReportsFailures(t *testing.T) {
	// Without OnSuccess, a response saying "errors":false is not decoded;
	// one saying "errors":true is, and its failures are reported.
	srv := newFakeServer(t, func(id string, _ int) int {
		if id == "5" {
			return 400
		}
		return 201
	})
	var failed []string
	ix, _ := bulk.New(srv, bulk.WithIndex("i"), bulk.WithWorkers(1), bulk.WithFlushActions(10),
		bulk.OnFailure(func(r bulk.Result) { failed = append(failed, r.ID) }))
	for i := range 100 {
		ix.Add(context.Background(), bulk.Item{ID: fmt.Sprint(i), Body: "{}"})
	}
	ix.Close(context.Background())
	if s := ix.Stats(); s.Indexed != 99 || s.Failed != 1 || !slices.Equal(failed, []string{"5"}) {
		t.Errorf("stats = %+v, failed %v", s, failed)
	}
}

func TestFlushHonoursContextAndCloseCancels(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	release := make(chan struct{})
	srv := newFakeServer(t, func(string, int) int { return 201 })
	tr := transportFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		select {
		case <-release:
			return srv.Perform(ctx, req)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	})
	c := newCollector()
	ix, _ := bulk.New(tr, append(c.options(), bulk.WithIndex("i"), bulk.WithWorkers(2))...)
	for i := range 10 {
		ix.Add(context.Background(), bulk.Item{ID: fmt.Sprint(i), Body: "{}"})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := ix.Flush(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Flush = %v", err)
	}
	// Adds wait for the flush, and honour their context meanwhile.
	ctx2, cancel2 := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel2()
	if err := ix.Add(ctx2, bulk.Item{ID: "10", Body: "{}"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Add during a stuck flush = %v", err)
	}
	close(release) // the server answers: the flush completes, Adds go on
	if err := ix.Add(context.Background(), bulk.Item{ID: "10", Body: "{}"}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.checkExactlyOnce(t, 11)
}
