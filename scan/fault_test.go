package scan_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/internal/faultproxy"
	"github.com/esgo/esgo/scan"
	"github.com/esgo/esgo/transport"
)

// faultyClient returns an *esgo.Client whose requests pass through a proxy
// in front of the real server; the proxy breaks the n-th exchange that
// match wants with act (n counts from 1).
func faultyClient(t *testing.T, act faultproxy.Action, n int, match func(x *faultproxy.Exchange) bool) (*esgo.Client, *faultproxy.Proxy) {
	t.Helper()
	es := eslocaltest.Elasticsearch(t)
	var mu sync.Mutex
	seen := 0
	p, err := faultproxy.New(strings.TrimPrefix(es.URL(), "http://"), func(x *faultproxy.Exchange) faultproxy.Action {
		if !match(x) {
			return faultproxy.Pass
		}
		mu.Lock()
		defer mu.Unlock()
		seen++
		if seen == n {
			return act
		}
		return faultproxy.Pass
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	c, err := esgo.New(esgo.WithAddresses(p.URL()))
	if err != nil {
		t.Fatal(err)
	}
	return c, p
}

func isScrollNext(x *faultproxy.Exchange) bool {
	return x.Path == "/_search/scroll" && x.Method != "DELETE"
}

// collect runs an iteration and returns the ids seen, how many times each,
// and the error.
func collect(seq func(func(scan.Hit[doc], error) bool)) (map[string]int, int, error) {
	ids := map[string]int{}
	n := 0
	var last error
	for h, err := range seq {
		if err != nil {
			last = err
			continue
		}
		ids[h.ID]++
		n++
	}
	return ids, n, last
}

// TestScrollPageLost: the answer to a scroll continuation is lost after the
// server produced it. A repeat would return the next page (the server's
// cursor moved), silently skipping one: before, 99,000 of 100,000 hits and
// no error. Now the iteration stops with an error that says the outcome is
// unknown, and never skips or repeats a page.
func TestScrollPageLost(t *testing.T) {
	for _, act := range []faultproxy.Action{faultproxy.DropResponse, faultproxy.CutBody} {
		_, index := docsIndex(t)
		c, p := faultyClient(t, act, 3, isScrollNext)
		ids, n, err := collect(scan.Scroll[doc](context.Background(), c, index, nil, scan.WithSize(1000)))
		if p.Count(act) != 1 {
			t.Fatalf("the proxy broke %d exchanges", p.Count(act))
		}
		if err == nil {
			t.Fatalf("action %d: no error, %d of %d hits", act, n, numDocs)
		}
		if !errors.Is(err, transport.ErrOutcomeUnknown) || !errors.Is(err, esgo.ErrOutcomeUnknown) {
			t.Errorf("error %v does not match ErrOutcomeUnknown", err)
		}
		if n != 3000 || len(ids) != n {
			t.Errorf("%d hits (%d distinct) before the error, want the 3 complete pages", n, len(ids))
		}
	}
}

// TestPointInTimePageLost: a point-in-time page is a read that the same
// search_after repeats exactly, so the transport repeats it: every hit
// comes once.
func TestPointInTimePageLost(t *testing.T) {
	_, index := docsIndex(t)
	c, p := faultyClient(t, faultproxy.DropResponse, 3, func(x *faultproxy.Exchange) bool {
		return x.Path == "/_search" && bytes.Contains(x.Body, []byte(`"pit"`))
	})
	ids, n, err := collect(scan.PointInTime[doc](context.Background(), c, index, nil, scan.WithSize(1000)))
	if err != nil {
		t.Fatal(err)
	}
	if p.Count(faultproxy.DropResponse) != 1 {
		t.Fatalf("the proxy dropped %d answers", p.Count(faultproxy.DropResponse))
	}
	if n != numDocs || len(ids) != numDocs {
		t.Errorf("%d hits, %d distinct, want %d", n, len(ids), numDocs)
	}
}

// TestOpeningLost: the answer opening a scroll or a point in time is lost.
// The transport does not repeat it (the server opened a context the client
// never learns of); scan opens another one and says so in a warning,
// instead of the retry hiding it. The data is complete.
func TestOpeningLost(t *testing.T) {
	_, index := docsIndex(t)
	for name, tc := range map[string]struct {
		match func(x *faultproxy.Exchange) bool
		run   func(c *esgo.Client, log *slog.Logger) func(func(scan.Hit[doc], error) bool)
	}{
		"scroll": {
			match: func(x *faultproxy.Exchange) bool {
				return strings.Contains(x.RawQuery, "scroll=") && strings.HasSuffix(x.Path, "/_search")
			},
			run: func(c *esgo.Client, log *slog.Logger) func(func(scan.Hit[doc], error) bool) {
				return scan.Scroll[doc](context.Background(), c, index, nil, scan.WithSize(5000), scan.WithLogger(log))
			},
		},
		"pit": {
			match: func(x *faultproxy.Exchange) bool { return strings.HasSuffix(x.Path, "/_pit") && x.Method == "POST" },
			run: func(c *esgo.Client, log *slog.Logger) func(func(scan.Hit[doc], error) bool) {
				return scan.PointInTime[doc](context.Background(), c, index, nil, scan.WithSize(5000), scan.WithLogger(log))
			},
		},
	} {
		t.Run(name, func(t *testing.T) {
			c, p := faultyClient(t, faultproxy.DropResponse, 1, tc.match)
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, nil))
			ids, n, err := collect(tc.run(c, log))
			if err != nil {
				t.Fatal(err)
			}
			if p.Count(faultproxy.DropResponse) != 1 {
				t.Fatalf("the proxy dropped %d answers", p.Count(faultproxy.DropResponse))
			}
			if n != numDocs || len(ids) != numDocs {
				t.Errorf("%d hits, %d distinct, want %d", n, len(ids), numDocs)
			}
			if !strings.Contains(logs.String(), "may stay open on the server until its keep-alive") {
				t.Errorf("no warning about the context left open; logs:\n%s", logs.String())
			}
		})
	}
}

// TestNotFoundIsTheServerError: a missing index is the one error type for
// server answers, through a bare transport as through the client.
func TestNotFoundIsTheServerError(t *testing.T) {
	tr, _ := docsIndex(t)
	c, err := esgo.New(esgo.WithAddresses(eslocaltest.Elasticsearch(t).URL()))
	if err != nil {
		t.Fatal(err)
	}
	for name, ti := range map[string]transport.Interface{"bare": tr, "client": c} {
		_, _, err := collect(scan.Scroll[doc](context.Background(), ti, "no-such-index-fault", nil))
		var ee *transport.Error
		if !errors.As(err, &ee) || !errors.Is(err, esgo.ErrNotFound) || ee.Type != "index_not_found_exception" {
			t.Errorf("%s: %v, want a *transport.Error 404", name, err)
		}
	}
}
