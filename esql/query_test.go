package esql

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/transport"
)

// These tests use httptest servers to check exactly what Query sends and
// how it reads answers a real server cannot give on demand; the real
// ES|QL server is in integration_test.go.

// httpTransport is a minimal transport.Interface over HTTP, as a bare
// transport would be: it JSON-encodes the body and returns every status.
type httpTransport struct{ base string }

func (h httpTransport) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	body, err := json.Marshal(req.Body)
	if err != nil {
		return nil, err
	}
	u := h.base + req.Path
	if len(req.Query) > 0 {
		u += "?" + req.Query.Encode()
	}
	hr, err := http.NewRequestWithContext(ctx, req.Method, u, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	hr.Header = req.Header.Clone()
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		return nil, err
	}
	return &transport.Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: resp.Body}, nil
}

type captured struct {
	method, path string
	query        map[string][]string
	contentType  string
	body         map[string]any
}

// esqlServer answers POST /_query with response and records the request.
func esqlServer(t *testing.T, status int, response string) (*httptest.Server, *captured, *atomic.Int32) {
	t.Helper()
	var got captured
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Elastic-Product", "Elasticsearch")
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path != "/_query" {
			// Server detection by esgo.Client.
			_, _ = io.WriteString(w, `{"version": {"number": "9.5.3"}, "tagline": "You Know, for Search"}`)
			return
		}
		calls.Add(1)
		got = captured{method: r.Method, path: r.URL.Path, query: r.URL.Query(), contentType: r.Header.Get("Content-Type")}
		dec := json.NewDecoder(r.Body)
		dec.UseNumber()
		if err := dec.Decode(&got.body); err != nil {
			t.Errorf("request body is not JSON: %v", err)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, response)
	}))
	t.Cleanup(srv.Close)
	return srv, &got, &calls
}

func TestQuerySendsStatementAndParams(t *testing.T) {
	srv, got, _ := esqlServer(t, 200, sampleResponse)
	q := From("employees").Where(Field("salary").Gt(Param(50000))).Eval(As("x", Concat(Field("a"), Param("-")))).Limit(5)
	res, err := Query(context.Background(), httpTransport{srv.URL}, q,
		WithFilter(map[string]any{"term": map[string]any{"dept": "eng"}}),
		WithLocale("fr-FR"), WithTimeZone("Europe/Paris"), WithProfile(),
		WithDropNullColumns(), WithAllowPartialResults(false), WithHeader("X-Test", "1"))
	if err != nil {
		t.Fatal(err)
	}
	if got.method != http.MethodPost || got.path != "/_query" {
		t.Errorf("request %s %s, want POST /_query", got.method, got.path)
	}
	if got.contentType != "application/json" {
		t.Errorf("Content-Type %q", got.contentType)
	}
	for k, want := range map[string]string{"format": "json", "drop_null_columns": "true", "allow_partial_results": "false"} {
		if v := got.query[k]; len(v) != 1 || v[0] != want {
			t.Errorf("query parameter %s = %v, want %s", k, v, want)
		}
	}
	wantBody := map[string]any{
		"query":     q.String(),
		"params":    []any{json.Number("50000"), "-"},
		"filter":    map[string]any{"term": map[string]any{"dept": "eng"}},
		"locale":    "fr-FR",
		"time_zone": "Europe/Paris",
		"profile":   true,
	}
	if !jsonEqual(got.body, wantBody) {
		t.Errorf("body = %#v\nwant %#v", got.body, wantBody)
	}
	if !strings.Contains(got.body["query"].(string), "salary > ?") {
		t.Errorf("query text %q has no placeholder", got.body["query"])
	}
	if res.Len() != 2 || res.Columns[1].Name != "user.name" {
		t.Errorf("result = %+v", res)
	}
}

func jsonEqual(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	var va, vb any
	_ = json.Unmarshal(ja, &va)
	_ = json.Unmarshal(jb, &vb)
	return string(mustJSON(va)) == string(mustJSON(vb))
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

func TestQueryWithExplicitParams(t *testing.T) {
	srv, got, _ := esqlServer(t, 200, `{"took": 1, "columns": [], "values": []}`)
	_, err := Query(context.Background(), httpTransport{srv.URL}, Raw("FROM a | WHERE b == ?name"),
		WithParams(map[string]any{"name": "x"}))
	if err != nil {
		t.Fatal(err)
	}
	if !jsonEqual(got.body["params"], []any{map[string]any{"name": "x"}}) {
		t.Errorf("params = %#v", got.body["params"])
	}
	if _, ok := got.body["filter"]; ok {
		t.Error("filter sent without WithFilter")
	}
}

func TestQueryRowsThroughEsgoClient(t *testing.T) {
	srv, _, calls := esqlServer(t, 200, sampleResponse)
	client, err := esgo.New(esgo.WithAddresses(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = client.Close() }()
	rows, err := QueryRows[employee](context.Background(), client, From("employees").Keep("emp_no", "user.name"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].EmpNo != 10001 || rows[1].EmpNo != 10002 {
		t.Errorf("rows = %+v", rows)
	}
	if calls.Load() != 1 {
		t.Errorf("%d _query calls, want 1", calls.Load())
	}
}

func TestQueryErrorStatus(t *testing.T) {
	const body = `{"error": {"type": "verification_exception", "reason": "Unknown column [nope]"}, "status": 400}`
	srv, _, _ := esqlServer(t, 400, body)

	_, err := Query(context.Background(), httpTransport{srv.URL}, From("a").Keep("nope"))
	var se *transport.Error
	if !errors.As(err, &se) || se.Status != 400 || !strings.Contains(string(se.Body), "Unknown column") ||
		se.Method != "POST" || se.Path != "/_query" {
		t.Errorf("bare transport: error %v, want *transport.Error 400 naming POST /_query", err)
	}

	client, err := esgo.New(esgo.WithAddresses(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = client.Close() }()
	_, err = Query(context.Background(), client, From("a").Keep("nope"))
	var ee *transport.Error
	if !errors.As(err, &ee) || !errors.Is(err, esgo.ErrBadRequest) {
		t.Errorf("esgo client: error %v, want *transport.Error matching ErrBadRequest", err)
	}
}

func TestQueryMalformedResponse(t *testing.T) {
	for _, body := range []string{`{"columns": [`, `{"columns": [{"name": "a", "type": "long"}], "values": [[1, 2]]}`} {
		srv, _, _ := esqlServer(t, 200, body)
		if _, err := Query(context.Background(), httpTransport{srv.URL}, From("a")); err == nil {
			t.Errorf("no error for response %s", body)
		}
	}
}

func TestQueryRefusesInvalidStatementsWithoutSending(t *testing.T) {
	srv, _, calls := esqlServer(t, 200, sampleResponse)
	tr := httpTransport{srv.URL}
	ctx := context.Background()
	for name, run := range map[string]func() error{
		"bad index": func() error { _, err := Query(ctx, tr, From("a|b")); return err },
		"empty":     func() error { _, err := Query(ctx, tr, Statement{}); return err },
		"mixed params": func() error {
			_, err := Query(ctx, tr, From("a").Where(Field("x").Eq(Param(1))), WithParams(2))
			return err
		},
		"nil statement": func() error { _, err := Query(ctx, tr, nil); return err },
	} {
		if err := run(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: error %v, want ErrInvalid", name, err)
		}
	}
	if _, err := Query(ctx, nil, From("a")); err == nil {
		t.Error("nil client: no error")
	}
	if calls.Load() != 0 {
		t.Errorf("%d requests sent for invalid statements", calls.Load())
	}
}

type failingTransport struct{ err error }

func (f failingTransport) Perform(context.Context, *transport.Request) (*transport.Response, error) {
	return nil, f.err
}

func TestQueryTransportError(t *testing.T) {
	sentinel := errors.New("connection refused")
	_, err := Query(context.Background(), failingTransport{sentinel}, From("a"))
	if !errors.Is(err, sentinel) {
		t.Errorf("error %v does not wrap the transport error", err)
	}
}

func TestWarningText(t *testing.T) {
	for in, want := range map[string]string{
		`299 Elasticsearch-8.19.21-abc "No limit defined, adding default limit of [1000]"`:   "No limit defined, adding default limit of [1000]",
		`299 Elasticsearch-9.5.3-abc "a \"quoted\" \\ word" "Mon, 07 Dec 2026 13:20:09 GMT"`: `a "quoted" \ word`,
		`299 agent "unterminated`: `299 agent "unterminated`,
		`just text`:               "just text",
	} {
		if got := warningText(in); got != want {
			t.Errorf("warningText(%q) = %q, want %q", in, got, want)
		}
	}
}

// A 405 answer to POST /_query, and a 400 "no handler found" to the async
// routes, mean the server has no ES|QL.
func TestUnsupportedServer(t *testing.T) {
	for _, c := range []struct {
		status int
		body   string
		want   bool
	}{
		{405, `{"error":"Incorrect HTTP method for uri [/_query?format=json] and method [POST], allowed: [GET, PUT, DELETE, HEAD]","status":405}`, true},
		{400, `{"error":"no handler found for uri [/_query/async?format=json] and method [POST]"}`, true},
		{400, `{"error":{"type":"parsing_exception","reason":"no handler found for uri"},"status":400}`, false},
		{404, `{"error":{"type":"resource_not_found_exception","reason":"x"},"status":404}`, false},
	} {
		srv, _, _ := esqlServer(t, c.status, c.body)
		_, err := Query(context.Background(), httpTransport{srv.URL}, Row(As("a", 1)))
		var se *transport.Error
		if errors.Is(err, ErrUnsupported) != c.want || !errors.As(err, &se) || se.Status != c.status {
			t.Errorf("%d %s: %v; want ErrUnsupported %v and the *transport.Error", c.status, c.body, err, c.want)
		}
	}
}

// QueryFormat reads its answer bounded by the transport's response limit,
// like every other answer.
func TestQueryFormatIsBounded(t *testing.T) {
	srv, _, _ := esqlServer(t, 200, "a\n"+strings.Repeat("x,", 10_000)+"\n")
	client, err := esgo.New(esgo.WithAddresses(srv.URL), transport.WithMaxResponseBytes(1000))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = client.Close() }()
	_, err = QueryFormat(context.Background(), client, Row(As("a", 1)), FormatCSV)
	if !errors.Is(err, transport.ErrResponseTooLarge) || !strings.Contains(err.Error(), "POST /_query") {
		t.Errorf("20 kB CSV with a 1000-byte limit: %v; want ErrResponseTooLarge naming POST /_query", err)
	}
	text, err := QueryFormat(context.Background(), httpTransport{srv.URL}, Row(As("a", 1)), FormatCSV)
	if err != nil || len(text.Body) != 20_003 {
		t.Errorf("within the limit: %d bytes, %v", len(text.Body), err)
	}
}
