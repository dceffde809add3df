package bulk_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/esgo/esgo/transport"
)

// httpTransport is a minimal transport.Interface over net/http for these
// tests: it tries the nodes in turn and moves to the next on connection
// errors, like a real client would.
type httpTransport struct {
	urls []string
	next atomic.Uint64
	hc   *http.Client
}

func newHTTPTransport(urls ...string) *httpTransport {
	return &httpTransport{urls: urls, hc: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
}

func (h *httpTransport) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	if req.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, req.Timeout)
		defer cancel()
	}
	var body []byte
	switch b := req.Body.(type) {
	case nil:
	case []byte:
		body = b
	case string:
		body = []byte(b)
	case io.Reader:
		var err error
		if body, err = io.ReadAll(b); err != nil {
			return nil, err
		}
	default:
		var err error
		if body, err = json.Marshal(b); err != nil {
			return nil, err
		}
	}
	var lastErr error
	for range len(h.urls) {
		base := h.urls[int(h.next.Add(1))%len(h.urls)]
		u := base + req.Path
		if len(req.Query) > 0 {
			u += "?" + req.Query.Encode()
		}
		hreq, err := http.NewRequestWithContext(ctx, req.Method, u, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		for k, v := range req.Header {
			hreq.Header[k] = v
		}
		if hreq.Header.Get("Content-Type") == "" && body != nil {
			hreq.Header.Set("Content-Type", "application/json")
		}
		resp, err := h.hc.Do(hreq)
		if err != nil {
			lastErr = err
			if ctx.Err() != nil {
				return nil, err
			}
			continue
		}
		return &transport.Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: resp.Body, Node: base}, nil
	}
	return nil, lastErr
}

// do sends a JSON request and decodes the answer into out (if not nil),
// failing the test on an error status.
func do(t testing.TB, tr transport.Interface, method, path string, body any, out any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	req := &transport.Request{Method: method, Path: path, Body: body}
	if p, q, ok := strings.Cut(path, "?"); ok {
		req.Path = p
		req.Query, _ = url.ParseQuery(q)
	}
	resp, err := tr.Perform(ctx, req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode > 299 {
		t.Fatalf("%s %s: status %d: %s", method, path, resp.StatusCode, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: decoding %s: %v", method, path, b, err)
		}
	}
}

// count refreshes index and returns its exact document count.
func count(t testing.TB, tr transport.Interface, index string) int64 {
	t.Helper()
	do(t, tr, "POST", "/"+index+"/_refresh", nil, nil)
	var c struct{ Count int64 }
	do(t, tr, "GET", "/"+index+"/_count", nil, &c)
	return c.Count
}

func uniqueIndex(t testing.TB) string {
	return strings.ToLower(fmt.Sprintf("bulk-%s-%d", strings.ReplaceAll(t.Name(), "/", "-"), time.Now().UnixNano()))
}
