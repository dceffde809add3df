package dsl_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/transport"
)

func TestMain(m *testing.M) { eslocaltest.Main(m) }

// testConn is a minimal transport.Interface over net/http, so these tests
// exercise the dsl package alone against real servers. It returns error
// statuses as responses, as a plain transport does.
type testConn struct {
	base string
	hc   *http.Client
	// requests records "METHOD path" of every request.
	requests []string
}

func newTestConn(base string, hc *http.Client) *testConn {
	if hc == nil {
		hc = http.DefaultClient
	}
	return &testConn{base: strings.TrimRight(base, "/"), hc: hc}
}

func (c *testConn) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	var body io.Reader
	switch b := req.Body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return nil, err
		}
		body = bytes.NewReader(data)
	}
	u := c.base + req.Path
	if len(req.Query) > 0 {
		u += "?" + req.Query.Encode()
	}
	hr, err := http.NewRequestWithContext(ctx, req.Method, u, body)
	if err != nil {
		return nil, err
	}
	for k, v := range req.Header {
		hr.Header[k] = v
	}
	if body != nil && hr.Header.Get("Content-Type") == "" {
		hr.Header.Set("Content-Type", "application/json")
	}
	c.requests = append(c.requests, req.Method+" "+req.Path)
	resp, err := c.hc.Do(hr)
	if err != nil {
		return nil, err
	}
	return &transport.Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: resp.Body, Node: c.base}, nil
}

func esConn(t *testing.T) *testConn {
	t.Helper()
	c := eslocaltest.Elasticsearch(t)
	return newTestConn(c.URL(), c.HTTPClient())
}

func osConn(t *testing.T) *testConn {
	t.Helper()
	c := eslocaltest.OpenSearch(t)
	return newTestConn(c.URL(), c.HTTPClient())
}

// deleteIndexAtCleanup removes test indices whatever happens.
func deleteIndexAtCleanup(t *testing.T, conn transport.Interface, names ...string) {
	t.Helper()
	del := func() {
		for _, n := range names {
			resp, err := conn.Perform(context.Background(), &transport.Request{Method: http.MethodDelete, Path: "/" + n})
			if err == nil {
				resp.Body.Close()
			}
		}
	}
	del()
	t.Cleanup(del)
}

type transportRequest = transport.Request
