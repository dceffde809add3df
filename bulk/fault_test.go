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
			if len(o.failed) > 0 || closeErr != nil {
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

// TestLostAnswerConflictsResolved: 10,000 creates with IDs of the caller's,
// the answer to one bulk request lost after the server applied it. The
// repeat meets 409 for the items the lost request wrote; the Indexer reads
// those documents, finds what it sent, and reports them created.
func TestLostAnswerConflictsResolved(t *testing.T) {
	const n = 10000
	through, direct, p := faultyBulk(t, faultproxy.DropResponse, false)
	index := uniqueIndex(t)
	createIndex(t, direct, index, 1, 0)
	var o outcomes
	ix, err := bulk.New(through, append(o.options(), bulk.WithIndex(index), bulk.WithWorkers(2),
		bulk.WithRetries(3, 10*time.Millisecond, 50*time.Millisecond))...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := range n {
		if err := ix.Add(ctx, bulk.Item{Action: bulk.Create, ID: fmt.Sprint("d", i), Body: newSmallDoc(i), Meta: i}); err != nil {
			t.Fatal(err)
		}
	}
	closeErr := ix.Close(ctx)
	if p.Count(faultproxy.DropResponse) != 1 {
		t.Fatalf("the proxy lost %d answers, want 1", p.Count(faultproxy.DropResponse))
	}
	if got := count(t, direct, index); got != n {
		t.Errorf("%d documents in the index for %d items", got, n)
	}
	st := ix.Stats()
	if len(o.ok) != n || len(o.failed) != 0 || o.n != n || st.Created != n || st.Failed != 0 || closeErr != nil {
		t.Errorf("%d reported created (stats %d), %d failed (stats %d), %d outcomes for %d items; Close: %v",
			len(o.ok), st.Created, len(o.failed), st.Failed, o.n, n, closeErr)
		for k, err := range o.failed {
			t.Errorf("item %s: %v", k, err)
			break
		}
	}
}

// TestLostAnswerRealConflicts: after a lost answer, a 409 on the repeat is
// settled by the stored document. A create whose ID holds another document,
// and an index conditional on a sequence number that someone else's write
// moved past, are conflicts (esgo.ErrConflict, not an unknown outcome); a
// conditional index that the lost request applied is reported indexed.
func TestLostAnswerRealConflicts(t *testing.T) {
	through, direct, p := faultyBulk(t, faultproxy.DropResponse, false)
	index := uniqueIndex(t)
	createIndex(t, direct, index, 1, 0)
	do(t, direct, "PUT", "/"+index+"/_doc/taken?refresh=true", map[string]any{"n": -1, "title": "someone else's"}, nil)
	type written struct {
		SeqNo       int64 `json:"_seq_no"`
		PrimaryTerm int64 `json:"_primary_term"`
	}
	var mine, theirs written
	do(t, direct, "PUT", "/"+index+"/_doc/mine", map[string]any{"n": 0}, &mine)
	do(t, direct, "PUT", "/"+index+"/_doc/theirs", map[string]any{"n": 0}, &theirs)
	stale := theirs
	do(t, direct, "PUT", "/"+index+"/_doc/theirs", map[string]any{"n": 99, "title": "changed meanwhile"}, &theirs)

	var o outcomes
	ix, err := bulk.New(through, append(o.options(), bulk.WithIndex(index), bulk.WithWorkers(1),
		bulk.WithRetries(3, 10*time.Millisecond, 50*time.Millisecond))...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	items := []bulk.Item{
		{Action: bulk.Create, ID: "taken", Body: newSmallDoc(1), Meta: "create-taken"},
		{Action: bulk.Create, ID: "free", Body: newSmallDoc(2), Meta: "create-free"},
		{Action: bulk.Index, ID: "mine", Body: newSmallDoc(3), IfSeqNo: &mine.SeqNo, IfPrimaryTerm: &mine.PrimaryTerm, Meta: "index-mine"},
		{Action: bulk.Index, ID: "theirs", Body: newSmallDoc(4), IfSeqNo: &stale.SeqNo, IfPrimaryTerm: &stale.PrimaryTerm, Meta: "index-theirs"},
	}
	for _, it := range items {
		if err := ix.Add(ctx, it); err != nil {
			t.Fatal(err)
		}
	}
	_ = ix.Close(ctx)
	if p.Count(faultproxy.DropResponse) != 1 {
		t.Fatalf("the proxy lost %d answers, want 1", p.Count(faultproxy.DropResponse))
	}
	for _, k := range []string{"create-free", "index-mine"} {
		if o.ok[k] != 1 {
			t.Errorf("%s: reported ok %d times, failed: %v", k, o.ok[k], o.failed[k])
		}
	}
	for _, k := range []string{"create-taken", "index-theirs"} {
		err := o.failed[k]
		if !errors.Is(err, esgo.ErrConflict) || errors.Is(err, transport.ErrOutcomeUnknown) {
			t.Errorf("%s: %v, want a conflict (not an unknown outcome)", k, err)
		}
	}
	if o.n != len(items) {
		t.Errorf("%d outcomes for %d items", o.n, len(items))
	}
}

// TestLostAnswerThroughAlias: creates sent to an alias are settled from the
// concrete index the 409 names.
func TestLostAnswerThroughAlias(t *testing.T) {
	const n = 100
	through, direct, _ := faultyBulk(t, faultproxy.DropResponse, false)
	index := uniqueIndex(t)
	createIndex(t, direct, index, 1, 0)
	alias := index + "-alias"
	do(t, direct, "PUT", "/"+index+"/_alias/"+alias, nil, nil)
	var o outcomes
	ix, err := bulk.New(through, append(o.options(), bulk.WithIndex(alias), bulk.WithWorkers(1),
		bulk.WithRetries(3, 10*time.Millisecond, 50*time.Millisecond))...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := range n {
		if err := ix.Add(ctx, bulk.Item{Action: bulk.Create, ID: fmt.Sprint("a", i), Body: newSmallDoc(i), Meta: i}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Close(ctx); err != nil || len(o.ok) != n || len(o.failed) != 0 {
		t.Errorf("%d created, %d failed of %d; Close: %v", len(o.ok), len(o.failed), n, err)
	}
}
