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
	"reflect"
	"strings"
	"sync/atomic"

	"github.com/esgo/esgo/transport"
)

// Transport is a minimal transport.Interface over net/http: it tries the
// nodes in turn and moves to the next on connection errors, and does
// nothing else (no retries of statuses, no server detection, no status to
// error conversion: every status is a response). It is safe for concurrent
// use. It is the module's one test transport: the YAML runner's
// HTTPTransport sends through it too.
type Transport struct {
	urls       []string
	next       *atomic.Uint64
	hc         *http.Client
	user, pass string
}

// New returns a Transport over the nodes at urls.
func New(urls ...string) *Transport {
	return &Transport{urls: urls, next: new(atomic.Uint64), hc: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
}

// WithHTTPClient returns a copy of h that sends with hc (for a server's
// TLS settings, say).
func (h *Transport) WithHTTPClient(hc *http.Client) *Transport {
	c := *h
	c.hc = hc
	return &c
}

// WithBasicAuth returns a copy of h that sends basic auth credentials with
// every request that has no Authorization header of its own ("" user: none).
func (h *Transport) WithBasicAuth(user, password string) *Transport {
	c := *h
	c.user, c.pass = user, password
	return &c
}

// Perform sends req to the next node, and to the following ones while
// connections fail. The body is []byte, json.RawMessage, string, an
// io.Reader, or a value encoded as JSON (HTML characters not escaped; a
// slice is one line per element when the Content-Type is NDJSON). With
// req.Timeout set, the answer is read whole before Perform returns, so
// that the timeout cannot cut it later. Perform implements
// transport.Interface.
func (h *Transport) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	if req.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, req.Timeout)
		defer cancel()
	}
	body, err := encodeBody(req)
	if err != nil {
		return nil, err
	}
	var lastErr error
	for range len(h.urls) {
		base := h.urls[int(h.next.Add(1))%len(h.urls)]
		u := strings.TrimRight(base, "/") + req.Path
		if len(req.Query) > 0 {
			u += "?" + req.Query.Encode()
		}
		var rd io.Reader
		if body != nil {
			rd = bytes.NewReader(body)
		}
		hreq, err := http.NewRequestWithContext(ctx, req.Method, u, rd)
		if err != nil {
			return nil, err
		}
		for k, v := range req.Header {
			hreq.Header[http.CanonicalHeaderKey(k)] = v
		}
		if hreq.Header.Get("Content-Type") == "" && body != nil {
			hreq.Header.Set("Content-Type", "application/json")
		}
		if h.user != "" && hreq.Header.Get("Authorization") == "" {
			hreq.SetBasicAuth(h.user, h.pass)
		}
		resp, err := h.hc.Do(hreq)
		if err != nil {
			lastErr = err
			if ctx.Err() != nil {
				return nil, err
			}
			continue
		}
		out := &transport.Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: resp.Body,
			Warnings: resp.Header.Values("Warning"), Node: base}
		if req.Timeout > 0 {
			data, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return nil, err
			}
			out.Body = io.NopCloser(bytes.NewReader(data))
		}
		return out, nil
	}
	return nil, lastErr
}

// encodeBody returns the bytes of req's body, nil when it has none.
func encodeBody(req *transport.Request) ([]byte, error) {
	switch b := req.Body.(type) {
	case nil:
		return nil, nil
	case []byte:
		return b, nil
	case json.RawMessage:
		return b, nil
	case string:
		return []byte(b), nil
	case io.Reader:
		return io.ReadAll(b)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	v := reflect.ValueOf(req.Body)
	if strings.Contains(req.Header.Get("Content-Type"), "ndjson") && v.Kind() == reflect.Slice {
		for i := range v.Len() {
			if err := enc.Encode(v.Index(i).Interface()); err != nil {
				return nil, err
			}
		}
		return buf.Bytes(), nil
	}
	if err := enc.Encode(req.Body); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// CloseIdleConnections closes the idle keep-alive connections.
func (h *Transport) CloseIdleConnections() { h.hc.CloseIdleConnections() }
