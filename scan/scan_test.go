package scan_test

import (
	"bytes"
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
	"time"

	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/internal/rawtransport"
	"github.com/esgo/esgo/scan"
	"github.com/esgo/esgo/transport"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { eslocaltest.Main(m) }

type doc struct {
	N   int    `json:"n"`
	Tag string `json:"tag"`
}

const numDocs = 100_000

var (
	fixtureOnce sync.Once
	fixture     string
	fixtureErr  error
)

// docsIndex returns an index of numDocs documents on 3 shards, created once
// per test process on the shared Elasticsearch.
func docsIndex(t *testing.T) (*rawtransport.Transport, string) {
	es := eslocaltest.Elasticsearch(t)
	tr := rawtransport.New(es.URL())
	fixtureOnce.Do(func() {
		fixture = "scan-fixture-" + strconv.FormatInt(time.Now().UnixNano(), 36)
		fixtureErr = fillIndex(tr, fixture, numDocs)
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return tr, fixture
}

func fillIndex(tr transport.Interface, index string, n int) error {
	ctx := context.Background()
	resp, err := tr.Perform(ctx, &transport.Request{Method: "PUT", Path: "/" + index, Body: map[string]any{
		"settings": map[string]any{"number_of_shards": 3, "number_of_replicas": 0},
		"mappings": map[string]any{"properties": map[string]any{"n": map[string]any{"type": "integer"}, "tag": map[string]any{"type": "keyword"}}},
	}})
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		return errors.New("creating " + index + ": " + resp.Header.Get("status"))
	}
	ix, err := bulk.New(tr, bulk.WithIndex(index))
	if err != nil {
		return err
	}
	for i := range n {
		if err := ix.Add(ctx, bulk.Item{ID: strconv.Itoa(i), Body: doc{N: i, Tag: []string{"a", "b", "c", "d"}[i%4]}}); err != nil {
			return err
		}
	}
	if err := ix.Close(ctx); err != nil {
		return err
	}
	resp, err = tr.Perform(ctx, &transport.Request{Method: "POST", Path: "/" + index + "/_refresh"})
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func checkAll(t *testing.T, name string, seq func(yield func(scan.Hit[doc], error) bool), want int, _ int) {
	t.Helper()
	seen := make([]bool, numDocs)
	got := 0
	for h, err := range seq {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		id, _ := strconv.Atoi(h.ID)
		if h.Source.N != id {
			t.Fatalf("%s: hit %s has n=%d", name, h.ID, h.Source.N)
		}
		if seen[id] {
			t.Fatalf("%s: hit %s seen twice", name, h.ID)
		}
		seen[id] = true
		got++
	}
	if got != want {
		t.Errorf("%s: %d hits, want %d", name, got, want)
	}
}

func TestScrollAndPointInTimeReadEverything(t *testing.T) {
	tr, index := docsIndex(t)
	ctx := context.Background()
	for _, slices := range []int{1, 4} {
		start := time.Now()
		checkAll(t, "scroll", scan.Scroll[doc](ctx, tr, index, nil, scan.WithSlices(slices)), numDocs, slices)
		t.Logf("scroll, %d slice(s): %v", slices, time.Since(start))
		start = time.Now()
		checkAll(t, "pit", scan.PointInTime[doc](ctx, tr, index, nil, scan.WithSlices(slices)), numDocs, slices)
		t.Logf("point in time, %d slice(s): %v", slices, time.Since(start))
	}
	// A query, a smaller page, the order kept.
	q := map[string]any{"query": map[string]any{"term": map[string]any{"tag": "b"}}, "sort": []any{map[string]string{"n": "desc"}}}
	last := numDocs
	n := 0
	for h, err := range scan.Scroll[doc](ctx, tr, index, q, scan.WithSize(500), scan.PreserveOrder()) {
		if err != nil {
			t.Fatal(err)
		}
		if h.Source.Tag != "b" || h.Source.N >= last {
			t.Fatalf("hit %+v after n=%d", h.Source, last)
		}
		last = h.Source.N
		n++
	}
	if n != numDocs/4 {
		t.Errorf("%d hits for tag b", n)
	}
	n, last = 0, numDocs
	for h, err := range scan.PointInTime[doc](ctx, tr, index, q, scan.WithSize(700)) {
		if err != nil {
			t.Fatal(err)
		}
		if h.Source.Tag != "b" || h.Source.N >= last {
			t.Fatalf("hit %+v after n=%d", h.Source, last)
		}
		last = h.Source.N
		n++
	}
	if n != numDocs/4 {
		t.Errorf("%d hits for tag b with a point in time", n)
	}
}

// recorder remembers the requests that release scrolls and points in time.
type recorder struct {
	transport.Interface
	mu       sync.Mutex
	releases []string // bodies of DELETE requests
	ids      []string // scroll and pit ids seen in search requests
	returned []string // scroll ids the server returned
}

func (r *recorder) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	b, _ := json.Marshal(req.Body)
	r.mu.Lock()
	if req.Method == "DELETE" {
		r.releases = append(r.releases, string(b))
	}
	var m struct {
		ScrollID string `json:"scroll_id"`
		Pit      struct{ ID string }
	}
	json.Unmarshal(b, &m)
	if id := m.ScrollID + m.Pit.ID; id != "" {
		r.ids = append(r.ids, id)
	}
	r.mu.Unlock()
	resp, err := r.Interface.Perform(ctx, req)
	if err != nil || resp.StatusCode != 200 {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	var ids struct {
		ScrollID string `json:"_scroll_id"`
	}
	json.Unmarshal(body, &ids)
	if ids.ScrollID != "" {
		r.mu.Lock()
		r.returned = append(r.returned, ids.ScrollID)
		r.mu.Unlock()
	}
	return resp, err
}

func TestReleasedOnEveryExit(t *testing.T) {
	tr, index := docsIndex(t)
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent(), goleak.IgnoreTopFunction("net/http.(*persistConn).readLoop"), goleak.IgnoreTopFunction("net/http.(*persistConn).writeLoop"), goleak.IgnoreTopFunction("internal/poll.runtime_pollWait"))
	type iterFunc func(ctx context.Context, tr transport.Interface) func(func(scan.Hit[doc], error) bool)
	kinds := map[string]iterFunc{
		"scroll": func(ctx context.Context, tr transport.Interface) func(func(scan.Hit[doc], error) bool) {
			return scan.Scroll[doc](ctx, tr, index, nil, scan.WithSize(100))
		},
		"scroll-sliced": func(ctx context.Context, tr transport.Interface) func(func(scan.Hit[doc], error) bool) {
			return scan.Scroll[doc](ctx, tr, index, nil, scan.WithSize(100), scan.WithSlices(3))
		},
		"pit": func(ctx context.Context, tr transport.Interface) func(func(scan.Hit[doc], error) bool) {
			return scan.PointInTime[doc](ctx, tr, index, nil, scan.WithSize(100))
		},
		"pit-sliced": func(ctx context.Context, tr transport.Interface) func(func(scan.Hit[doc], error) bool) {
			return scan.PointInTime[doc](ctx, tr, index, nil, scan.WithSize(100), scan.WithSlices(3))
		},
	}
	for name, it := range kinds {
		t.Run(name+"/break", func(t *testing.T) {
			rec := &recorder{Interface: tr}
			n := 0
			for _, err := range it(context.Background(), rec) {
				if err != nil {
					t.Fatal(err)
				}
				if n++; n == 250 {
					break
				}
			}
			checkReleased(t, tr, rec, name)
		})
		t.Run(name+"/cancel", func(t *testing.T) {
			rec := &recorder{Interface: tr}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			n := 0
			var last error
			for _, err := range it(ctx, rec) {
				if err != nil {
					last = err
					continue
				}
				if n++; n == 250 {
					cancel()
				}
			}
			if !errors.Is(last, context.Canceled) {
				t.Errorf("last error = %v, want context.Canceled", last)
			}
			if n > 250+3*100 {
				t.Errorf("%d hits after cancel", n-250)
			}
			checkReleased(t, tr, rec, name)
		})
	}
}

// checkReleased checks that the scrolls or the point in time the iterator
// used were released: the server no longer knows the last id.
func checkReleased(t *testing.T, tr transport.Interface, rec *recorder, kind string) {
	t.Helper()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.ids) == 0 {
		t.Fatal("no scroll or pit id was used")
	}
	if strings.HasPrefix(kind, "scroll") {
		// Every scroll the server opened was cleared.
		released := strings.Join(rec.releases, " ")
		for _, id := range rec.returned {
			if !strings.Contains(released, id) {
				t.Errorf("scroll %s was never cleared", id)
			}
		}
		if strings.HasSuffix(kind, "sliced") && len(rec.releases) != 3 {
			t.Logf("%d of 3 slices had started", len(rec.releases))
		}
	} else if len(rec.releases) != 1 {
		t.Errorf("%d release requests (%v), want 1", len(rec.releases), rec.releases)
	}
	last := rec.ids[len(rec.ids)-1]
	var req *transport.Request
	if strings.HasPrefix(kind, "scroll") {
		req = &transport.Request{Method: "POST", Path: "/_search/scroll", Body: map[string]string{"scroll_id": last, "scroll": "1m"}}
	} else {
		req = &transport.Request{Method: "POST", Path: "/_search", Body: map[string]any{"pit": map[string]string{"id": last}, "size": 1}}
	}
	resp, err := tr.Perform(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("the server still knows the released id: %d %s", resp.StatusCode, body)
	}
}

func TestShardFailuresAreErrors(t *testing.T) {
	es := eslocaltest.Elasticsearch(t)
	tr := rawtransport.New(es.URL())
	base := uniqueIndex(t)
	// The same field is a number in one index and a keyword in the other:
	// a term query for "abc" fails on the shards of the first only.
	do(t, tr, "PUT", "/"+base+"-num", map[string]any{"mappings": map[string]any{"properties": map[string]any{"f": map[string]string{"type": "integer"}}}}, nil)
	do(t, tr, "PUT", "/"+base+"-kw", map[string]any{"mappings": map[string]any{"properties": map[string]any{"f": map[string]string{"type": "keyword"}}}}, nil)
	defer do(t, tr, "DELETE", "/"+base+"-num,"+base+"-kw", nil, nil)
	do(t, tr, "PUT", "/"+base+"-num/_doc/1?refresh=true", map[string]any{"f": 1}, nil)
	do(t, tr, "PUT", "/"+base+"-kw/_doc/1?refresh=true", map[string]any{"f": "abc"}, nil)
	q := map[string]any{"query": map[string]any{"term": map[string]any{"f": "abc"}}}
	for name, seq := range map[string]func(func(scan.Hit[json.RawMessage], error) bool){
		"scroll": scan.Scroll[json.RawMessage](context.Background(), tr, base+"-*", q),
		"pit":    scan.PointInTime[json.RawMessage](context.Background(), tr, base+"-*", q),
	} {
		var se *scan.ShardsError
		n := 0
		for _, err := range seq {
			if err != nil && !errors.As(err, &se) {
				t.Errorf("%s: %v", name, err)
			}
			if err == nil {
				n++
			}
		}
		if se == nil || se.Failed != 1 || len(se.Failures) != 1 || !strings.Contains(se.Error(), "number_format_exception") && !strings.Contains(se.Error(), "query_shard_exception") {
			t.Errorf("%s: shards error = %v (%d hits)", name, se, n)
		}
		if se != nil && (!errors.Is(se, scan.ErrShardsFailed) || se.Failures[0].Reason.Type == "") {
			t.Errorf("%s: shards error %v does not match ErrShardsFailed or has no reason type", name, se)
		}
	}
	n := 0
	for _, err := range scan.Scroll[json.RawMessage](context.Background(), tr, base+"-*", q, scan.AllowPartialResults()) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 1 {
		t.Errorf("partial results: %d hits, want 1", n)
	}
}

func TestMissingIndex(t *testing.T) {
	es := eslocaltest.Elasticsearch(t)
	tr := rawtransport.New(es.URL())
	for _, seq := range []func(func(scan.Hit[doc], error) bool){
		scan.Scroll[doc](context.Background(), tr, "no-such-index-x", nil),
		scan.PointInTime[doc](context.Background(), tr, "no-such-index-x", nil),
	} {
		var re *transport.Error
		for _, err := range seq {
			if !errors.As(err, &re) || re.Status != 404 {
				t.Errorf("err = %v, want a 404 *transport.Error", err)
			}
		}
		if re == nil {
			t.Error("no error for a missing index")
		}
	}
}

func TestMalformedPage(t *testing.T) {
	var deletes int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == "DELETE":
			deletes++
			io.WriteString(w, `{"succeeded":true}`)
		case r.URL.Path == "/i/_search":
			io.WriteString(w, `{"_scroll_id":"s1","_shards":{"total":1,"successful":1},"hits":{"hits":[{"_id":"1","_source":{"n":1}}]}}`)
		default:
			io.WriteString(w, `{"_scroll_id":"s1","hits":{"hits":[{"_id":"2","_source":{"n":`) // truncated
		}
	}))
	defer srv.Close()
	var ids []string
	var last error
	for h, err := range scan.Scroll[doc](context.Background(), rawtransport.New(srv.URL), "i", nil) {
		if err != nil {
			last = err
			continue
		}
		ids = append(ids, h.ID)
	}
	if len(ids) != 1 || last == nil || !strings.Contains(last.Error(), "decoding") {
		t.Errorf("ids %v, error %v", ids, last)
	}
	if deletes != 1 {
		t.Errorf("scroll cleared %d times", deletes)
	}
}

func TestBadOptionsAndQuery(t *testing.T) {
	tr := transportFunc(func(context.Context, *transport.Request) (*transport.Response, error) {
		t.Error("nothing should be sent")
		return nil, errors.New("no")
	})
	for _, seq := range []func(func(scan.Hit[doc], error) bool){
		scan.Scroll[doc](context.Background(), tr, "i", nil, scan.WithSize(0)),
		scan.Scroll[doc](context.Background(), tr, "i", "[1,2]"),
		scan.PointInTime[doc](context.Background(), tr, "", nil),
		scan.PointInTime[doc](context.Background(), tr, "i", nil, scan.WithSlices(0)),
	} {
		n := 0
		for _, err := range seq {
			if err == nil {
				t.Error("no error")
			}
			n++
		}
		if n != 1 {
			t.Errorf("%d yields", n)
		}
	}
}

type transportFunc func(ctx context.Context, req *transport.Request) (*transport.Response, error)

func (f transportFunc) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	return f(ctx, req)
}
