package bulk_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/transport"
)

// okFor answers every action of a bulk body with status.
func okFor(t testing.TB, req *transport.Request, status int) *transport.Response {
	body, _ := req.Body.([]byte)
	acts := parseBulk(t, body)
	items := make([]map[string]any, len(acts))
	for i, a := range acts {
		r := map[string]any{"_index": "i", "_id": a.meta["_id"], "status": status, "result": "created"}
		if status == http.StatusConflict {
			r["error"] = map[string]any{"type": "version_conflict_engine_exception", "reason": "document already exists"}
		}
		items[i] = map[string]any{a.name: r}
	}
	return jsonResponse(200, map[string]any{"errors": status > 299, "items": items})
}

// TestFlushBytesBigItemAlone: "a single item larger than the flush size is
// sent alone". Before, the size check ran after the item was appended, so
// the small items before it shared its request (and its 413).
func TestFlushBytesBigItemAlone(t *testing.T) {
	var mu sync.Mutex
	var batches [][]string
	tr := transportFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		body, _ := req.Body.([]byte)
		var ids []string
		for _, a := range parseBulk(t, body) {
			ids = append(ids, fmt.Sprint(a.meta["_id"]))
		}
		mu.Lock()
		batches = append(batches, ids)
		mu.Unlock()
		return okFor(t, req, 201), nil
	})
	ix, err := bulk.New(tr, bulk.WithIndex("i"), bulk.WithWorkers(1), bulk.WithFlushBytes(1000), bulk.WithFlushInterval(0))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	small := map[string]string{"s": "x"}
	big := map[string]string{"s": strings.Repeat("x", 3000)}
	for _, it := range []bulk.Item{{ID: "s1", Body: small}, {ID: "s2", Body: small}, {ID: "big", Body: big}, {ID: "s3", Body: small}} {
		if err := ix.Add(ctx, it); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Close(ctx); err != nil {
		t.Fatal(err)
	}
	want := "[[s1 s2] [big] [s3]]"
	if got := fmt.Sprint(batches); got != want {
		t.Errorf("batches %s, want %s", got, want)
	}
}

// TestBulkResponseBounded: a bulk answer larger than the limit is not read
// into memory; the items fail with an error naming the limit, reported as
// unknown outcomes (the server did apply the request).
func TestBulkResponseBounded(t *testing.T) {
	const limit = 1 << 20
	tr := transportFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		// 400 MiB of answer, produced lazily: reading it whole would take
		// the process to gigabytes.
		big := io.MultiReader(strings.NewReader(`{"errors":false,"took":1,"pad":"`),
			io.LimitReader(repeatReader('x'), 400<<20), strings.NewReader(`","items":[]}`))
		return &transport.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(big)}, nil
	})
	var failed []error
	var mu sync.Mutex
	ix, err := bulk.New(tr, bulk.WithIndex("i"), bulk.WithWorkers(1), bulk.WithMaxResponseBytes(limit),
		bulk.OnFailure(func(r bulk.Result) { mu.Lock(); failed = append(failed, r.Err); mu.Unlock() }))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := ix.Add(ctx, bulk.Item{ID: "1", Body: map[string]int{"n": 1}}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(ctx); !errors.Is(err, bulk.ErrFailed) {
		t.Fatalf("Close: %v", err)
	}
	if len(failed) != 1 {
		t.Fatalf("%d failures, want 1", len(failed))
	}
	err = failed[0]
	if !errors.Is(err, transport.ErrResponseTooLarge) || !errors.Is(err, transport.ErrOutcomeUnknown) ||
		!strings.Contains(err.Error(), fmt.Sprint(limit)) {
		t.Errorf("error %v: want ErrResponseTooLarge, ErrOutcomeUnknown and the limit in the text", err)
	}
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// TestItemErrorIsTheServerError: a failed item's error is the one type for
// a server's error answer: errors.Is matches esgo.ErrConflict for a 409 and
// errors.As finds a *transport.Error, whatever the transport.
func TestItemErrorIsTheServerError(t *testing.T) {
	tr := transportFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		return okFor(t, req, http.StatusConflict), nil
	})
	var got error
	ix, err := bulk.New(tr, bulk.WithIndex("i"), bulk.OnFailure(func(r bulk.Result) { got = r.Err }))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_ = ix.Add(ctx, bulk.Item{Action: bulk.Create, ID: "1", Body: map[string]int{"n": 1}})
	_ = ix.Close(ctx)
	var ee *transport.Error
	if !errors.Is(got, esgo.ErrConflict) || !errors.As(got, &ee) || ee.Status != 409 || ee.Type != "version_conflict_engine_exception" {
		t.Errorf("item error %v (%T): want errors.Is ErrConflict and a *transport.Error 409", got, got)
	}
	var ie *bulk.ItemError
	if !errors.As(got, &ie) || ie.ID != "1" {
		t.Errorf("item error %v: the *bulk.ItemError with the ID is still there", got)
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// TestBulkResponseBoundFollowsRequest: with the default cap (64 MiB), the
// answer to a one-item request is read only up to about 1 MiB.
func TestBulkResponseBoundFollowsRequest(t *testing.T) {
	body := &countingReader{r: io.MultiReader(strings.NewReader(`{"errors":false,"took":1,"pad":"`),
		io.LimitReader(repeatReader('x'), 400<<20), strings.NewReader(`","items":[]}`))}
	tr := transportFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		return &transport.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(body)}, nil
	})
	var failed []error
	var mu sync.Mutex
	ix, err := bulk.New(tr, bulk.WithIndex("i"), bulk.WithWorkers(1),
		bulk.OnFailure(func(r bulk.Result) { mu.Lock(); failed = append(failed, r.Err); mu.Unlock() }))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := ix.Add(ctx, bulk.Item{ID: "1", Body: map[string]int{"n": 1}}); err != nil {
		t.Fatal(err)
	}
	_ = ix.Close(ctx)
	if len(failed) != 1 {
		t.Fatalf("%d failures, want 1", len(failed))
	}
	var tl *transport.ResponseTooLargeError
	if !errors.As(failed[0], &tl) || !errors.Is(failed[0], transport.ErrOutcomeUnknown) {
		t.Fatalf("error %v: want a *ResponseTooLargeError and ErrOutcomeUnknown", failed[0])
	}
	if tl.Limit > 2<<20 || body.n.Load() > 2<<20 {
		t.Errorf("limit %d, %d bytes read for a one-item request: want about 1 MiB", tl.Limit, body.n.Load())
	}
}

// TestBadOptionsAreConfigErrors: every invalid bulk option makes New fail
// with a *transport.ConfigError naming it.
func TestBadOptionsAreConfigErrors(t *testing.T) {
	tr := transportFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		return nil, errors.New("unused")
	})
	for name, o := range map[string]bulk.Option{
		"workers":         bulk.WithWorkers(0),
		"flush actions":   bulk.WithFlushActions(0),
		"flush bytes":     bulk.WithFlushBytes(0),
		"flush interval":  bulk.WithFlushInterval(-time.Second),
		"queue size":      bulk.WithQueueSize(-1),
		"empty index":     bulk.WithIndex(""),
		"index ..":        bulk.WithIndex(".."),
		"empty param":     bulk.WithParam("", "x"),
		"header name":     bulk.WithHeader("bad name", "x"),
		"header value":    bulk.WithHeader("X-A", "x\r\nX-B: y"),
		"request timeout": bulk.WithRequestTimeout(-time.Second),
		"retries":         bulk.WithRetries(-1, time.Millisecond, time.Second),
		"backoff":         bulk.WithRetries(1, time.Second, time.Millisecond),
		"retry status":    bulk.WithRetryStatuses(200),
		"nil logger":      bulk.WithLogger(nil),
		"response limit":  bulk.WithMaxResponseBytes(0),
	} {
		_, err := bulk.New(tr, o)
		var ce *transport.ConfigError
		if !errors.As(err, &ce) || !strings.HasPrefix(ce.Option, "bulk.With") {
			t.Errorf("%s: err = %v (%T), want a *transport.ConfigError naming the option", name, err, err)
		}
	}
}
