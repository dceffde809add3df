package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/esgo/esgo/transport"
)

// esgoTransportKind says, in the results, what carried esgo's requests.
const esgoTransportKind = "interim net/http adapter in bench (esgo.New / transport not in the tree yet)"

// newEsgoTransport returns the transport.Interface the esgo helpers run on.
//
// The root esgo.New and the transport package had not landed when these
// benchmarks were written, so this is a minimal net/http implementation of
// the transport contract (shared connection pool, no retries, no sniffing).
// It is as thin as a transport can be, so the esgo figures measure bulk,
// scan, api and dsl themselves.
func newEsgoTransport(baseURL string) (transport.Interface, error) {
	if baseURL == "" {
		return nil, fmt.Errorf("newEsgoTransport: empty URL")
	}
	return &interimTransport{
		base: strings.TrimRight(baseURL, "/"),
		client: &http.Client{Transport: &http.Transport{
			MaxIdleConnsPerHost: 64,
			IdleConnTimeout:     90 * time.Second,
		}},
	}, nil
}

type interimTransport struct {
	base   string
	client *http.Client
}

func (t *interimTransport) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	var body io.Reader
	switch b := req.Body.(type) {
	case nil:
	case []byte:
		body = bytes.NewReader(b)
	case json.RawMessage:
		body = bytes.NewReader(b)
	case string:
		body = strings.NewReader(b)
	case io.Reader:
		body = b
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			return nil, fmt.Errorf("interim transport: encode body of %s %s: %w", req.Method, req.Path, err)
		}
		body = bytes.NewReader(buf)
	}
	if req.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, req.Timeout)
		defer cancel()
	}
	u := t.base + req.Path
	if len(req.Query) > 0 {
		u += "?" + req.Query.Encode()
	}
	hreq, err := http.NewRequestWithContext(ctx, req.Method, u, body)
	if err != nil {
		return nil, err
	}
	for k, v := range req.Header {
		hreq.Header[k] = v
	}
	if body != nil && hreq.Header.Get("Content-Type") == "" {
		hreq.Header.Set("Content-Type", "application/json")
	}
	hresp, err := t.client.Do(hreq)
	if err != nil {
		return nil, err
	}
	return &transport.Response{StatusCode: hresp.StatusCode, Header: hresp.Header, Body: hresp.Body,
		Warnings: hresp.Header.Values("Warning"), Node: t.base}, nil
}
