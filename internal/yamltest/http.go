package yamltest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/esgo/esgo/transport"
)

// HTTPTransport is a minimal transport.Interface over net/http for the
// runner: one node, no retries, and every status returned as a response,
// which the runner needs to check catches and error bodies.
type HTTPTransport struct {
	// URL is the base URL of the node, such as "http://127.0.0.1:9200".
	URL string
	// Client sends the requests; nil means http.DefaultClient.
	Client *http.Client
	// Username and Password, when set, are sent as basic auth.
	Username, Password string
}

// Perform implements transport.Interface.
func (h *HTTPTransport) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	u := strings.TrimRight(h.URL, "/") + req.Path
	if len(req.Query) > 0 {
		u += "?" + req.Query.Encode()
	}
	body, err := encodeBody(req)
	if err != nil {
		return nil, err
	}
	if req.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, req.Timeout)
		defer cancel()
	}
	hr, err := http.NewRequestWithContext(ctx, req.Method, u, body)
	if err != nil {
		return nil, err
	}
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	for k, v := range req.Header {
		hr.Header[http.CanonicalHeaderKey(k)] = v
	}
	if h.Username != "" && hr.Header.Get("Authorization") == "" {
		hr.SetBasicAuth(h.Username, h.Password)
	}
	hc := h.Client
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(hr)
	if err != nil {
		return nil, err
	}
	// Read the body now so that a timeout cannot cut it later.
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	return &transport.Response{
		StatusCode: resp.StatusCode,
		Header:     resp.Header,
		Body:       io.NopCloser(bytes.NewReader(data)),
		Warnings:   resp.Header.Values("Warning"),
		Node:       h.URL,
	}, nil
}

func encodeBody(req *transport.Request) (io.Reader, error) {
	switch b := req.Body.(type) {
	case nil:
		return nil, nil
	case []byte:
		return bytes.NewReader(b), nil
	case json.RawMessage:
		return bytes.NewReader(b), nil
	case string:
		return strings.NewReader(b), nil
	case io.Reader:
		return b, nil
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
		return &buf, nil
	}
	if err := enc.Encode(req.Body); err != nil {
		return nil, err
	}
	return &buf, nil
}
