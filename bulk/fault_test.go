package bulk_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/internal/faultproxy"
	"github.com/esgo/esgo/internal/rawtransport"
	"github.com/esgo/esgo/transport"
)

// faultyBulk returns a client through a proxy in front of the real server
// that breaks the first _bulk exchange with act, and a direct client.
func faultyBulk(t *testing.T, act faultproxy.Action, bare bool) (through, direct transport.Interface, p *faultproxy.Proxy) {
	t.Helper()
	es := eslocaltest.Elasticsearch(t)
	var mu sync.Mutex
	broken := false
	p, err := faultproxy.New(strings.TrimPrefix(es.URL(), "http://"), func(x *faultproxy.Exchange) faultproxy.Action {
		mu.Lock()
		defer mu.Unlock()
		if strings.HasSuffix(x.Path, "/_bulk") && !broken {
			broken = true
			return act
		}
		return faultproxy.Pass
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	direct, err = esgo.New(esgo.WithAddresses(es.URL()))
	if err != nil {
		t.Fatal(err)
	}
	if bare {
		return rawtransport.New(p.URL()), direct, p
	}
	through, err = esgo.New(esgo.WithAddresses(p.URL()))
	if err != nil {
		t.Fatal(err)
	}
	return through, direct, p
}

// outcomes collects every reported result, to check each item is reported
// exactly once.
type outcomes struct {
	mu     sync.Mutex
	ok     map[string]int
	failed map[string]error
	n      int
}

func (o *outcomes) options() []bulk.Option {
	o.ok, o.failed = map[string]int{}, map[string]error{}
	key := func(r bulk.Result) string { return fmt.Sprint(r.Item.Meta) }
	return []bulk.Option{
		bulk.OnSuccess(func(r bulk.Result) {
			o.mu.Lock()
			o.ok[key(r)]++
			o.n++
			o.mu.Unlock()
		}),
		bulk.OnFailure(func(r bulk.Result) {
			o.mu.Lock()
			o.failed[key(r)] = r.Err
			o.n++
			o.mu.Unlock()
		}),
	}
}

// TestLostBulkResponse loses (or cuts) the answer to the first bulk request
// after the server applied it: every document must end indexed once and
// every item reported once, whatever the action and whether the ID is given.
// Before: automatic IDs gave 2,000 documents for 1,000 items, and creates
// with IDs were reported as plain 409 failures although they were written.
func TestLostBulkResponse(t *testing.T) {
	const n = 1000
	for _, tc := range []struct {
		name   string
		act    faultproxy.Action
		action bulk.Action
		ids    bool
		bare   bool
	}{
		{"dropped/index/auto-id", faultproxy.DropResponse, bulk.Index, false, false},
		{"dropped/create/auto-id", faultproxy.DropResponse, bulk.Create, false, false},
		{"dropped/index/ids", faultproxy.DropResponse, bulk.Index, true, false},
		{"dropped/create/ids", faultproxy.DropResponse, bulk.Create, true, false},
		{"cut/index/auto-id", faultproxy.CutBody, bulk.Index, false, false},
		{"cut/create/ids", faultproxy.CutBody, bulk.Create, true, false},
		{"bare-transport/dropped/index/auto-id", faultproxy.DropResponse, bulk.Index, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			through, direct, p := faultyBulk(t, tc.act, tc.bare)
			index := uniqueIndex(t)
			createIndex(t, direct, index, 1, 0)
			var o outcomes
			opts := append(o.options(), bulk.WithIndex(index), bulk.WithWorkers(1), bulk.WithFlushActions(n),
				bulk.WithRetries(3, 10*time.Millisecond, 50*time.Millisecond))
			ix, err := bulk.New(through, opts...)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			for i := range n {
				it := bulk.Item{Action: tc.action, Body: newSmallDoc(i), Meta: i}
				if tc.ids {
					it.ID = fmt.Sprint("d", i)
				}
				if err := ix.Add(ctx, it); err != nil {
					t.Fatal(err)
				}
			}
			closeErr := ix.Close(ctx)
			if p.Count(tc.act) != 1 {
				t.Fatalf("the proxy broke %d exchanges, want 1", p.Count(tc.act))
			}
			if got := count(t, direct, index); got != n {
				t.Errorf("%d documents in the index for %d items", got, n)
			}
			if o.n != n || len(o.ok)+len(o.failed) != n {
				t.Errorf("%d outcomes for %d items (%d distinct successes, %d failures)", o.n, n, len(o.ok), len(o.failed))
			}
			for k, c := range o.ok {
				if c != 1 {
					t.Errorf("item %s reported %d times", k, c)
				}
			}
			for k, err := range o.failed {
				// The only failure allowed: an outcome reported as unknown.
				if !errors.Is(err, transport.ErrOutcomeUnknown) {
					t.Errorf("item %s failed: %v", k, err)
				}
			}
			if tc.action == bulk.Create && tc.ids {
				// A 409 on the repeat proves nothing (the document could
				// be someone else's): each item is unknown, and says why.
				if len(o.failed) != n {
					t.Errorf("%d of %d items reported unknown, want all", len(o.failed), n)
				}
				for _, err := range o.failed {
					if !errors.Is(err, esgo.ErrConflict) {
						t.Errorf("unknown outcome without the 409 that caused it: %v", err)
					}
					break
				}
				if !errors.Is(closeErr, bulk.ErrFailed) {
					t.Errorf("Close: %v", closeErr)
				}
			} else if len(o.failed) > 0 || closeErr != nil {
				t.Errorf("%d failures, Close: %v", len(o.failed), closeErr)
			}
		})
	}
}

// TestLostBulkResponseScriptedUpdate: a scripted update cannot be repeated
// harmlessly, so after a lost answer it is reported as unknown, not sent
// again; a partial-document update is repeated and succeeds.
func TestLostBulkResponseScriptedUpdate(t *testing.T) {
	through, direct, _ := faultyBulk(t, faultproxy.DropResponse, false)
	index := uniqueIndex(t)
	createIndex(t, direct, index, 1, 0)
	do(t, direct, "PUT", "/"+index+"/_doc/1?refresh=true", map[string]any{"n": 1}, nil)
	var o outcomes
	ix, err := bulk.New(through, append(o.options(), bulk.WithIndex(index), bulk.WithWorkers(1))...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := ix.Add(ctx, bulk.Item{Action: bulk.Update, ID: "1", Script: map[string]any{"source": "ctx._source.n += 1"}, Meta: "script"}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(ctx, bulk.Item{Action: bulk.Update, ID: "1", Doc: map[string]any{"tag": "x"}, Meta: "doc"}); err != nil {
		t.Fatal(err)
	}
	_ = ix.Close(ctx)
	if err := o.failed["script"]; !errors.Is(err, transport.ErrOutcomeUnknown) {
		t.Errorf("scripted update after a lost answer: %v, want an unknown outcome", err)
	}
	if o.ok["doc"] != 1 {
		t.Errorf("partial-document update after a lost answer: ok %d, failed %v", o.ok["doc"], o.failed["doc"])
	}
}
