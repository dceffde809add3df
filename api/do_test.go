package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

func countCall(ctx context.Context, raw *api.RawAPI, opts ...api.Option) (*transport.Response, error) {
	return raw.Count(ctx, api.CountRequest{Index: []string{"logs"}}, opts...)
}

func TestDoSendsOptionsAndDecodes(t *testing.T) {
	rec := &recorder{body: `{"count":7}` + "\n"}
	var out struct{ Count int }
	status, err := api.Do(context.Background(), rec, countCall, &out, nil,
		api.WithQuery("q", "level:error"), api.WithHeader("X-Test", "1"))
	if err != nil || status != 200 || out.Count != 7 {
		t.Fatalf("Do = %d, %v, count %d; want 200, nil, 7", status, err, out.Count)
	}
	req := rec.last(t)
	check(t, req, "GET", "/logs/_count", "q=level%3Aerror")
	if req.Header.Get("X-Test") != "1" || req.Endpoint != "count" || req.Repeat != transport.RepeatSafe {
		t.Errorf("request header %v, endpoint %q, repeat %v; want X-Test, count, RepeatSafe", req.Header, req.Endpoint, req.Repeat)
	}
}

func TestDoErrorStatusNamesTheSentRequest(t *testing.T) {
	rec := &recorder{status: 404, body: `{"error":{"type":"index_not_found_exception","reason":"no such index [logs]"},"status":404}`}
	status, err := api.Do(context.Background(), rec, countCall, nil, nil)
	var e *transport.Error
	if !errors.As(err, &e) || !errors.Is(err, transport.ErrNotFound) {
		t.Fatalf("Do = %d, %v; want a *transport.Error matching ErrNotFound", status, err)
	}
	if e.Method != "GET" || e.Path != "/logs/_count" || e.Type != "index_not_found_exception" {
		t.Errorf("error = %s %s %s, want GET /logs/_count index_not_found_exception", e.Method, e.Path, e.Type)
	}
}

func TestDoIgnoredStatusIsDecoded(t *testing.T) {
	rec := &recorder{status: 404, body: `{"_index":"logs","_id":"1","found":false}`}
	var out struct{ Found *bool }
	status, err := api.Do(context.Background(), rec, func(ctx context.Context, raw *api.RawAPI, opts ...api.Option) (*transport.Response, error) {
		return raw.Get(ctx, api.GetRequest{Index: "logs", ID: "1"}, opts...)
	}, &out, nil, api.WithIgnore(404))
	if err != nil || status != 404 || out.Found == nil || *out.Found {
		t.Fatalf("Do = %d, %v, found %v; want 404, nil, false", status, err, out.Found)
	}
}

func TestDoBytesAndEmptyBody(t *testing.T) {
	rec := &recorder{body: "a,b\n1,2\n"}
	var raw []byte
	if _, err := api.Do(context.Background(), rec, countCall, &raw, nil); err != nil || string(raw) != "a,b\n1,2\n" {
		t.Fatalf("Do into *[]byte = %q, %v", raw, err)
	}
	rec.body = " \n"
	out := map[string]int{"kept": 1}
	if _, err := api.Do(context.Background(), rec, countCall, &out, nil); err != nil || out["kept"] != 1 {
		t.Fatalf("Do of an empty body = %v, %v; want out unchanged", out, err)
	}
}

// failingBody fails after its content, as a connection cut mid-body does.
type failingBody struct{ r io.Reader }

func (f *failingBody) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, io.ErrUnexpectedEOF
	}
	return n, err
}
func (f *failingBody) Close() error { return nil }

// bodyTransport answers every request with status 200 and body.
type bodyTransport struct{ body func() io.ReadCloser }

func (b bodyTransport) Perform(context.Context, *transport.Request) (*transport.Response, error) {
	return &transport.Response{StatusCode: 200, Header: http.Header{}, Body: b.body()}, nil
}

func TestDoReadsToTheEnd(t *testing.T) {
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	_, _ = w.Write([]byte(`{"count":1}`))
	_ = w.Close()
	corrupt := bytes.Clone(gz.Bytes())
	corrupt[len(corrupt)-5] ^= 0xff // the checksum, read only at the end
	for name, body := range map[string]func() io.ReadCloser{
		"data after the value": func() io.ReadCloser { return io.NopCloser(strings.NewReader(`{"count":1} {"count":2}`)) },
		"cut mid-body":         func() io.ReadCloser { return &failingBody{strings.NewReader(`{"count":1}`)} },
		"bad gzip checksum": func() io.ReadCloser {
			r, err := gzip.NewReader(bytes.NewReader(corrupt))
			if err != nil {
				t.Fatal(err)
			}
			return r
		},
	} {
		var out struct{ Count int }
		_, err := api.Do(context.Background(), bodyTransport{body}, countCall, &out, nil)
		if err == nil || !strings.Contains(err.Error(), "GET /logs/_count") {
			t.Errorf("%s: Do = %v; want an error naming GET /logs/_count", name, err)
		}
	}
}

func TestRoute(t *testing.T) {
	rec := &recorder{body: `{"pit_id":"abc"}`}
	var out struct {
		PitID string `json:"pit_id"`
	}
	_, err := api.Do(context.Background(), rec, api.Route("opensearch.create_pit", http.MethodPost, "/logs/_search/point_in_time", nil),
		&out, nil, api.WithQuery("keep_alive", "1m"))
	if err != nil || out.PitID != "abc" {
		t.Fatalf("Do(Route) = %v, %q", err, out.PitID)
	}
	req := rec.last(t)
	check(t, req, "POST", "/logs/_search/point_in_time", "keep_alive=1m")
	if req.Endpoint != "opensearch.create_pit" || req.Repeat != transport.RepeatUnsafe {
		t.Errorf("endpoint %q repeat %v, want opensearch.create_pit RepeatUnsafe", req.Endpoint, req.Repeat)
	}
	rec.status = 500
	if _, err := api.Do(context.Background(), rec, api.Route("x", http.MethodDelete, "/_search/point_in_time", map[string]any{"pit_id": []string{"abc"}}), nil, nil,
		api.WithRepeat(transport.RepeatSafe)); !errors.Is(err, transport.ErrServerError) {
		t.Fatalf("Do(Route) of a 500 = %v, want ErrServerError", err)
	}
	if req := rec.last(t); req.Repeat != transport.RepeatSafe || req.Body == nil {
		t.Errorf("repeat %v body %v; want RepeatSafe and the body", req.Repeat, req.Body)
	}
}
