// Package rawtransport is a minimal transport.Interface over net/http, for
// tests that must see requests and responses exactly as sent and received:
// the helpers' tests use it beside the full client to show that they do not
// depend on the client's own retries or error conversion.
package rawtransport

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync/atomic"

	"github.com/esgo/esgo/transport"
)

// Transport is a minimal transport.Interface over net/http: it tries the
// nodes in turn and moves to the next on connection errors, and does
// nothing else (no retries of statuses, no server detection, no status to
// error conversion). It is safe for concurrent use.
type Transport struct {
	urls []string
	next atomic.Uint64
	hc   *http.Client
}

// New returns a Transport over the nodes at urls.
func New(urls ...string) *Transport {
	return &Transport{urls: urls, hc: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
}

// Perform sends req to the next node, and to the following ones while
// connections fail. Perform implements transport.Interface.
func (h *Transport) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
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

// CloseIdleConnections closes the idle keep-alive connections.
func (h *Transport) CloseIdleConnections() { h.hc.CloseIdleConnections() }
