package bulk_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/internal/rawtransport"
	"github.com/esgo/esgo/transport"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { eslocaltest.Main(m) }

// smallDoc is about 120 bytes of JSON, like the go-elasticsearch benchmark's.
type smallDoc struct {
	N     int    `json:"n"`
	Title string `json:"title"`
	Tag   string `json:"tag"`
	Ts    string `json:"ts"`
}

func newSmallDoc(i int) smallDoc {
	return smallDoc{N: i, Title: "document number " + strconv.Itoa(i), Tag: []string{"red", "green", "blue"}[i%3], Ts: "2026-11-22T10:00:00Z"}
}

func createIndex(t testing.TB, tr transport.Interface, index string, shards, replicas int) {
	t.Helper()
	do(t, tr, "PUT", "/"+index, map[string]any{
		"settings": map[string]any{"number_of_shards": shards, "number_of_replicas": replicas, "refresh_interval": "-1"},
		"mappings": map[string]any{"properties": map[string]any{
			"n": map[string]any{"type": "integer"}, "title": map[string]any{"type": "text"},
			"tag": map[string]any{"type": "keyword"}, "ts": map[string]any{"type": "date"}}},
	}, nil)
	t.Cleanup(func() { do(t, tr, "DELETE", "/"+index, nil, nil) })
}

func TestMillionDocuments(t *testing.T) {
	es := eslocaltest.Elasticsearch(t)
	tr, err := esgo.New(esgo.WithAddresses(es.URLs...))
	if err != nil {
		t.Fatal(err)
	}
	index := uniqueIndex(t)
	createIndex(t, tr, index, 2, 0)
	const n = 1_000_000
	var failures atomic.Int64
	ix, err := bulk.New(tr, bulk.WithIndex(index), bulk.WithWorkers(4), bulk.WithFlushActions(2000),
		bulk.OnFailure(func(r bulk.Result) {
			if failures.Add(1) < 10 {
				t.Errorf("item %s failed: %v", r.Item.ID, r.Err)
			}
		}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	start := time.Now()
	for i := range n {
		if err := ix.Add(ctx, bulk.Item{ID: strconv.Itoa(i), Body: newSmallDoc(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Close(ctx); err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	s := ix.Stats()
	t.Logf("%d docs in %v: %.0f docs/s, %.1f MB/s; stats %+v", n, elapsed.Round(time.Millisecond),
		n/elapsed.Seconds(), float64(s.Bytes)/elapsed.Seconds()/1e6, s)
	if s.Added != n || s.Indexed != n || s.Failed != 0 {
		t.Errorf("stats = %+v", s)
	}
	if got := count(t, tr, index); got != n {
		t.Errorf("count = %d, want %d", got, n)
	}
}

func TestWriteQueueOf1RetriesRejections(t *testing.T) {
	es := eslocaltest.WriteQueue1(t)
	tr, err := esgo.New(esgo.WithAddresses(es.URLs...))
	if err != nil {
		t.Fatal(err)
	}
	index := uniqueIndex(t)
	createIndex(t, tr, index, 3, 0)
	// 100,000 documents keep the test short; many small concurrent
	// requests on three shards overflow a write queue of one.
	const n = 100_000
	c := newCollector()
	ix, err := bulk.New(tr, append(c.options(), bulk.WithIndex(index), bulk.WithWorkers(8), bulk.WithFlushActions(250),
		bulk.WithRetries(30, 50*time.Millisecond, 2*time.Second))...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	start := time.Now()
	for i := range n {
		if err := ix.Add(ctx, bulk.Item{ID: strconv.Itoa(i), Body: newSmallDoc(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Close(ctx); err != nil {
		t.Fatal(err)
	}
	s := ix.Stats()
	t.Logf("%d docs in %v with write queue 1: stats %+v", n, time.Since(start).Round(time.Millisecond), s)
	c.checkExactlyOnce(t, n)
	if s.Failed != 0 || s.Indexed != n {
		t.Errorf("stats = %+v", s)
	}
	if s.Retried == 0 {
		t.Errorf("no item was retried: the server never rejected anything, the test proves nothing")
	}
	if got := count(t, tr, index); got != n {
		t.Errorf("count = %d, want %d", got, n)
	}
}

func TestNodeKilledMidBulk(t *testing.T) {
	cl := eslocaltest.NewCluster(t, 3)
	// The library's own client, as a user would set it up: every node, its
	// retries and dead-node tracking, and the bulk helper's item retries.
	tr, err := esgo.New(esgo.WithAddresses(cl.URLs...))
	if err != nil {
		t.Fatal(err)
	}
	index := uniqueIndex(t)
	createIndex(t, tr, index, 3, 1)
	do(t, tr, "GET", "/_cluster/health/"+index+"?wait_for_status=green&timeout=60s", nil, nil)

	const n = 200_000
	c := newCollector()
	ix, err := bulk.New(tr, append(c.options(), bulk.WithIndex(index), bulk.WithWorkers(4), bulk.WithFlushActions(1000),
		bulk.WithRequestTimeout(30*time.Second), bulk.WithRetries(15, 100*time.Millisecond, 5*time.Second))...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var killed sync.WaitGroup
	for i := range n {
		if i == n/4 {
			killed.Go(func() {
				t.Logf("killing node 2 after %d adds", ix.Stats().Added)
				if err := cl.Kill(2); err != nil {
					t.Error(err)
				}
			})
		}
		if err := ix.Add(ctx, bulk.Item{ID: strconv.Itoa(i), Body: newSmallDoc(i)}); err != nil {
			t.Fatal(err)
		}
	}
	closeErr := ix.Close(ctx)
	killed.Wait()
	s := ix.Stats()
	t.Logf("stats after a node was killed: %+v (close: %v)", s, closeErr)
	c.checkExactlyOnce(t, n)
	if s.Indexed+s.Failed != n {
		t.Errorf("indexed %d + failed %d != %d", s.Indexed, s.Failed, n)
	}
	if (s.Failed > 0) != errors.Is(closeErr, bulk.ErrFailed) {
		t.Errorf("Close = %v with %d failures", closeErr, s.Failed)
	}
	// Every success is in the index; a failed item may be there too (its
	// request may have been applied before the connection broke).
	do(t, tr, "GET", "/_cluster/health/"+index+"?wait_for_status=yellow&timeout=60s", nil, nil)
	got := count(t, tr, index)
	present := int64(0)
	for id := range c.fail {
		resp, err := tr.Perform(ctx, &transport.Request{Method: "GET", Path: "/" + index + "/_doc/" + id, Ignore: []int{404}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == 200 {
			present++
		}
	}
	if got != s.Indexed+present {
		t.Errorf("count = %d, want %d indexed + %d failed but present", got, s.Indexed, present)
	}
	for id, r := range c.fail {
		t.Logf("reported failure: %s after %d attempts: %v", id, r.Attempts, r.Err)
		break
	}
}

func TestServerStoppedWhileAdding(t *testing.T) {
	cl := eslocaltest.NewCluster(t, 1)
	tr := rawtransport.New(cl.URLs...)
	index := uniqueIndex(t)
	do(t, tr, "PUT", "/"+index, nil, nil)
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())

	c := newCollector()
	ix, err := bulk.New(tr, append(c.options(), bulk.WithIndex(index), bulk.WithWorkers(2), bulk.WithFlushActions(500))...)
	if err != nil {
		t.Fatal(err)
	}
	var stopped atomic.Bool
	triggered := false
	added := 0
	var addErr error
	deadline := time.Now().Add(5 * time.Minute)
	for i := 0; ; {
		if i == 20_000 && !triggered {
			triggered = true
			go func() {
				cl.Stop()
				stopped.Store(true)
			}()
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		addErr = ix.Add(ctx, bulk.Item{ID: strconv.Itoa(i), Body: newSmallDoc(i)})
		cancel()
		if time.Now().After(deadline) {
			t.Fatalf("Add never gave up: %d added, last error %v", added, addErr)
		}
		if addErr != nil && triggered {
			break
		}
		if addErr != nil {
			// A slow (loaded) server can hold Add up before it is stopped;
			// the item was not added: add it again.
			t.Logf("Add timed out with the server up (%v); retrying item %d", addErr, i)
			continue
		}
		added++
		i++
	}
	if !errors.Is(addErr, context.DeadlineExceeded) {
		t.Errorf("Add = %v, want DeadlineExceeded", addErr)
	}
	for !stopped.Load() {
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("Add unblocked with %v after %d items; stats %+v", addErr, added, ix.Stats())
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	closeErr := ix.Close(ctx)
	if closeErr == nil || time.Since(start) > 10*time.Second {
		t.Errorf("Close = %v after %v", closeErr, time.Since(start))
	}
	s := ix.Stats()
	c.checkExactlyOnce(t, added)
	if s.Indexed+s.Failed != int64(added) || s.Failed == 0 {
		t.Errorf("stats = %+v for %d added", s, added)
	}
	tr.CloseIdleConnections()
}
