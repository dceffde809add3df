package transport

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// These tests use httptest only for what a real server cannot produce on
// demand: Retry-After, dropped connections, malformed bodies, hung
// responses, and the headers of other products and versions.

func newT(t *testing.T, opts ...Option) *Transport {
	t.Helper()
	tr, err := New(append([]Option{WithServerDetection(false), WithRetryBackoff(time.Millisecond, 5*time.Millisecond)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func perform(t *testing.T, tr *Transport, req *Request) (*Response, error) {
	t.Helper()
	return tr.Perform(context.Background(), req)
}

func TestRetryAfterHonoured(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	defer srv.Close()
	tr := newT(t, WithAddresses(srv.URL))
	start := time.Now()
	resp, err := perform(t, tr, &Request{Method: "GET", Path: "/x"})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Close()
	if resp.StatusCode != 200 || calls.Load() != 2 {
		t.Fatalf("status %d after %d calls", resp.StatusCode, calls.Load())
	}
	if el := time.Since(start); el < time.Second {
		t.Fatalf("retried after %v, want at least the 1s of Retry-After", el)
	}
	// 429 is cluster back-pressure, not a node failure.
	if s := tr.NodeStats()[0]; !s.Alive {
		t.Fatalf("node marked dead by a 429: %+v", s)
	}
}

func TestRetryAfterBeyondDeadlineReturnsAtOnce(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, `{"error":{"type":"es_rejected_execution_exception","reason":"busy"},"status":429}`)
	}))
	defer srv.Close()
	tr := newT(t, WithAddresses(srv.URL))
	start := time.Now()
	resp, err := perform(t, tr, &Request{Method: "GET", Path: "/x", Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := resp.Bytes()
	if resp.StatusCode != 429 || !strings.Contains(string(body), "busy") {
		t.Fatalf("got %d %q, want the 429 and its body", resp.StatusCode, body)
	}
	if el := time.Since(start); el > 500*time.Millisecond || calls.Load() != 1 {
		t.Fatalf("took %v and %d calls; should give up at once when Retry-After passes the deadline", el, calls.Load())
	}
}

func TestBackoffNeverPastDeadline(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	tr := newT(t, WithAddresses(srv.URL), WithRetryBackoff(400*time.Millisecond, 10*time.Second), WithRetries(10))
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	start := time.Now()
	resp, err := tr.Perform(ctx, &Request{Method: "GET", Path: "/x"})
	el := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	if resp.StatusCode != 503 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if el >= 1500*time.Millisecond {
		t.Fatalf("took %v: slept past the 1.5s deadline", el)
	}
	if n := calls.Load(); n < 2 || n > 4 {
		t.Fatalf("%d attempts; backoff 200-400ms, 400-800ms... within 1.5s allows 2 to 3", n)
	}
}

func TestDroppedConnectionRetriedOnAnotherNode(t *testing.T) {
	var dropped atomic.Int32
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dropped.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	defer bad.Close()
	good := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"node":"good"}`)
	}))
	defer good.Close()

	tr := newT(t, WithAddresses(bad.URL, good.URL))
	for i := range 10 {
		// A search sent as POST: harmless to repeat.
		resp, err := perform(t, tr, &Request{Method: "POST", Path: "/i/_search", Body: map[string]int{"n": i}, Repeat: RepeatSafe})
		if err != nil {
			t.Fatalf("request %d failed though a healthy node was there: %v", i, err)
		}
		var v map[string]string
		if err := resp.Decode(&v); err != nil || v["node"] != "good" {
			t.Fatalf("request %d: %v %v", i, v, err)
		}
	}
	if dropped.Load() != 1 {
		t.Errorf("the dropping node got %d requests; after its first failure it should be dead", dropped.Load())
	}
	stats := tr.NodeStats()
	if stats[0].Alive || stats[0].Failures != 1 || stats[0].Requests != 1 {
		t.Errorf("bad node stats %+v", stats[0])
	}
	if !stats[1].Alive || stats[1].Requests != 10 || stats[1].Failures != 0 || stats[1].TotalLatency <= 0 {
		t.Errorf("good node stats %+v", stats[1])
	}

	// Without retries the error names the node.
	tr2 := newT(t, WithAddresses(bad.URL), WithRetries(0))
	_, err := perform(t, tr2, &Request{Method: "GET", Path: "/"})
	var ce *ConnectionError
	if !errors.As(err, &ce) || ce.Node != bad.URL {
		t.Fatalf("got %v, want a *ConnectionError naming %s", err, bad.URL)
	}
}

func TestCompressedBodyReplayedOnRetries(t *testing.T) {
	var mu sync.Mutex
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("Content-Encoding %q", r.Header.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			t.Errorf("request body is not gzip: %v", err)
			return
		}
		b, _ := io.ReadAll(zr)
		mu.Lock()
		bodies = append(bodies, string(b))
		n := len(bodies)
		mu.Unlock()
		if n < 3 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Errorf("Accept-Encoding %q", r.Header.Get("Accept-Encoding"))
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		_, _ = io.WriteString(zw, `{"acknowledged":true}`)
		_ = zw.Close()
	}))
	defer srv.Close()
	tr := newT(t, WithAddresses(srv.URL), WithCompression(true))
	resp, err := perform(t, tr, &Request{Method: "PUT", Path: "/idx", Body: map[string]any{"settings": map[string]int{"number_of_shards": 1}}})
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]bool
	if err := resp.Decode(&v); err != nil || !v["acknowledged"] {
		t.Fatalf("gzipped response decoded to %v, %v", v, err)
	}
	want := `{"settings":{"number_of_shards":1}}`
	if len(bodies) != 3 {
		t.Fatalf("%d attempts, want 3", len(bodies))
	}
	for i, b := range bodies {
		if b != want {
			t.Errorf("attempt %d sent %q, want %q", i+1, b, want)
		}
	}
}

func TestMalformedJSONResponse(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"hits":{"total":`)
	}))
	defer srv.Close()
	tr := newT(t, WithAddresses(srv.URL))
	resp, err := perform(t, tr, &Request{Method: "GET", Path: "/_search"})
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	err = resp.Decode(&v)
	var se *SerializationError
	if !errors.As(err, &se) || se.Node != srv.URL || !strings.Contains(err.Error(), srv.URL) {
		t.Fatalf("got %v, want a *SerializationError naming %s", err, srv.URL)
	}
}

func TestTimeoutNotRetriedByDefault(t *testing.T) {
	var calls atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	tr := newT(t, WithAddresses(srv.URL))
	start := time.Now()
	_, err := perform(t, tr, &Request{Method: "GET", Path: "/slow", Timeout: 200 * time.Millisecond})
	var te *TimeoutError
	if !errors.As(err, &te) || te.Node != srv.URL || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want a *TimeoutError naming the node", err)
	}
	if el := time.Since(start); el > time.Second || calls.Load() != 1 {
		t.Fatalf("%v, %d calls", el, calls.Load())
	}
}

// fakeServer answers like a product/version that is not running here.
func fakeServer(t *testing.T, header http.Header, root string, seen *[]http.Header, mu *sync.Mutex) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		*seen = append(*seen, r.Header.Clone())
		mu.Unlock()
		for k, v := range header {
			w.Header()[k] = v
		}
		if r.URL.Path == "/" {
			_, _ = io.WriteString(w, root)
			return
		}
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestServerDetectionAndCompatibilityHeader(t *testing.T) {
	tests := []struct {
		name       string
		header     http.Header
		root       string
		product    Product
		version    string
		wantAccept string
	}{
		{"Elasticsearch 8", http.Header{"X-Elastic-Product": {"Elasticsearch"}},
			`{"version":{"number":"8.19.2","build_flavor":"default"},"tagline":"You Know, for Search"}`,
			ProductElasticsearch, "8.19.2", "application/vnd.elasticsearch+json; compatible-with=8"},
		{"Elasticsearch 7.10 has no product header", nil,
			`{"version":{"number":"7.10.2","build_flavor":"oss"},"tagline":"You Know, for Search"}`,
			ProductElasticsearch, "7.10.2", "application/json"},
		{"Elasticsearch 7.17", http.Header{"X-Elastic-Product": {"Elasticsearch"}},
			`{"version":{"number":"7.17.9"},"tagline":"You Know, for Search"}`,
			ProductElasticsearch, "7.17.9", "application/json"},
		{"unknown product", http.Header{"Server": {"SomethingElse/1.0"}}, `{"name":"x"}`,
			ProductUnknown, "", "application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var seen []http.Header
			srv := fakeServer(t, tt.header, tt.root, &seen, &mu)
			tr, err := New(WithAddresses(srv.URL))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := perform(t, tr, &Request{Method: "POST", Path: "/i/_search", Body: map[string]any{}})
			if err != nil {
				t.Fatal(err)
			}
			resp.Close()
			info, err := tr.ServerInfo(context.Background())
			if err != nil && tt.product != ProductUnknown {
				t.Fatal(err)
			}
			if info.Product != tt.product || info.Version != tt.version {
				t.Fatalf("detected %+v, want %s %s", info, tt.product, tt.version)
			}
			mu.Lock()
			last := seen[len(seen)-1]
			mu.Unlock()
			if got := last.Get("Accept"); got != tt.wantAccept {
				t.Errorf("Accept %q, want %q", got, tt.wantAccept)
			}
			wantCT := strings.Replace(tt.wantAccept, "application/json", "application/json", 1)
			if got := last.Get("Content-Type"); got != wantCT {
				t.Errorf("Content-Type %q, want %q", got, wantCT)
			}
		})
	}
}

func TestStrictProductCheck(t *testing.T) {
	var mu sync.Mutex
	var seen []http.Header
	srv := fakeServer(t, http.Header{"Server": {"NotElastic"}}, `{"name":"x"}`, &seen, &mu)
	tr, err := New(WithAddresses(srv.URL), WithProductCheck(ProductCheckStrict))
	if err != nil {
		t.Fatal(err)
	}
	_, err = perform(t, tr, &Request{Method: "GET", Path: "/_cluster/health"})
	var pe *ProductError
	if !errors.Is(err, ErrUnsupportedProduct) || !errors.As(err, &pe) || pe.Node != srv.URL {
		t.Fatalf("got %v, want a *ProductError", err)
	}
	// The default accepts the same server.
	tr, _ = New(WithAddresses(srv.URL))
	resp, err := perform(t, tr, &Request{Method: "GET", Path: "/_cluster/health"})
	if err != nil {
		t.Fatalf("default product check refused an unknown server: %v", err)
	}
	resp.Close()
}

// recorder is a RoundTripper that records requests and answers 200 {}.
type recorder struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.mu.Unlock()
	return &http.Response{StatusCode: 200, Header: http.Header{"X-Elastic-Product": {"Elasticsearch"}},
		Body: io.NopCloser(strings.NewReader(`{}`)), Request: req}, nil
}

func (r *recorder) last() *http.Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reqs[len(r.reqs)-1]
}

func TestHeaders(t *testing.T) {
	rec := &recorder{}
	tr := newT(t, WithAddresses("http://es:9200"), WithRoundTripper(rec), WithOpaqueID("default-id"),
		WithHeader("X-Team", "search"), WithAPIKeyID("id1", "key1"))
	resp, err := perform(t, tr, &Request{Method: "POST", Path: "/_bulk",
		Header: http.Header{"X-Opaque-Id": {"per-request"}, "Content-Type": {ContentTypeNDJSON}, "X-Elastic-Client-Meta": {"h=bp"}},
		Body:   []any{map[string]any{"index": map[string]any{}}, map[string]int{"a": 1}}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	r := rec.last()
	checks := map[string]string{
		"X-Opaque-Id":   "per-request",
		"X-Team":        "search",
		"Authorization": "ApiKey " + base64.StdEncoding.EncodeToString([]byte("id1:key1")),
		"Content-Type":  ContentTypeNDJSON,
		"Accept":        ContentTypeJSON,
	}
	for k, want := range checks {
		if got := r.Header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "esgo/"+Version+" (") {
		t.Errorf("User-Agent %q", ua)
	}
	if meta := r.Header.Get("X-Elastic-Client-Meta"); !strings.HasPrefix(meta, "es="+Version+",go=") || !strings.HasSuffix(meta, ",h=bp") {
		t.Errorf("x-elastic-client-meta %q", meta)
	}
	body, _ := io.ReadAll(r.Body)
	if string(body) != "{\"index\":{}}\n{\"a\":1}\n" {
		t.Errorf("NDJSON body %q", body)
	}

	// Without per-request overrides the defaults apply.
	resp, _ = perform(t, tr, &Request{Method: "GET", Path: "/"})
	resp.Close()
	if got := rec.last().Header.Get("X-Opaque-Id"); got != "default-id" {
		t.Errorf("default X-Opaque-Id %q", got)
	}
	if got := rec.last().Header.Get("Content-Type"); got != "" {
		t.Errorf("Content-Type %q on a request without body", got)
	}
}

func TestAuthMethods(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"basic", []Option{WithAddresses("es:9200"), WithBasicAuth("elastic", "pw")}, "Basic " + base64.StdEncoding.EncodeToString([]byte("elastic:pw"))},
		{"url credentials", []Option{WithAddresses("http://u:p%40ss@es:9200")}, "Basic " + base64.StdEncoding.EncodeToString([]byte("u:p@ss"))},
		{"api key", []Option{WithAddresses("es:9200"), WithAPIKey("ZW5jb2RlZA==")}, "ApiKey ZW5jb2RlZA=="},
		{"bearer", []Option{WithAddresses("es:9200"), WithBearerToken("tok")}, "Bearer tok"},
		{"none", []Option{WithAddresses("es:9200")}, ""},
	}
	for _, tt := range tests {
		rec := &recorder{}
		tr := newT(t, append(tt.opts, WithRoundTripper(rec))...)
		resp, err := perform(t, tr, &Request{Method: "GET", Path: "/"})
		if err != nil {
			t.Fatal(err)
		}
		resp.Close()
		if got := rec.last().Header.Get("Authorization"); got != tt.want {
			t.Errorf("%s: Authorization %q, want %q", tt.name, got, tt.want)
		}
		if rec.last().URL.User != nil {
			t.Errorf("%s: credentials left in the URL", tt.name)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	cid := "n:" + base64.StdEncoding.EncodeToString([]byte("host.io$es$kb"))
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"two auth methods", []Option{WithBasicAuth("u", "p"), WithAPIKey("k")}, "WithBasicAuth and WithAPIKey"},
		{"url credentials and api key", []Option{WithAddresses("http://u:p@h:1"), WithAPIKey("k")}, "credentials in the URL"},
		{"cloud id and addresses", []Option{WithCloudID(cid), WithAddresses("h:1")}, "WithAddresses"},
		{"cloud id and sniffing", []Option{WithCloudID(cid), WithSniffOnStart(true)}, "sniffing"},
		{"bad cloud id", []Option{WithCloudID("n:???")}, "base64"},
		{"bad url", []Option{WithAddresses("ftp://h")}, `"ftp://h"`},
		{"bad url redacted", []Option{WithAddresses("ftp://u:secret@h")}, "xxxxx"},
		{"bad fingerprint", []Option{WithCertificateFingerprint("abc")}, "SHA-256"},
		{"missing CA file", []Option{WithCAFile("/nonexistent/ca.pem")}, "/nonexistent/ca.pem"},
		{"negative retries", []Option{WithRetries(-1)}, "WithRetries"},
	}
	for _, tt := range tests {
		_, err := New(tt.opts...)
		var ce *ConfigError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want a *ConfigError mentioning %q", tt.name, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: error leaks a password: %v", tt.name, err)
		}
	}
}

func TestAddressFromEnvironment(t *testing.T) {
	t.Setenv("ELASTICSEARCH_URL", "http://es1:9200, http://es2:9200")
	tr, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if n := tr.NodeStats(); len(n) != 2 || n[0].URL != "http://es1:9200" || n[1].URL != "http://es2:9200" {
		t.Fatalf("nodes %+v", n)
	}
	t.Setenv("ELASTICSEARCH_URL", "")
	tr, _ = New()
	if n := tr.NodeStats(); len(n) != 1 || n[0].URL != DefaultAddress {
		t.Fatalf("nodes %+v, want %s", n, DefaultAddress)
	}
	cid := "n:" + base64.StdEncoding.EncodeToString([]byte("host.io$es$kb"))
	tr, _ = New(WithCloudID(cid))
	if n := tr.NodeStats(); len(n) != 1 || n[0].URL != "https://es.host.io:443" || !tr.cfg.compress {
		t.Fatalf("cloud nodes %+v compress %v", n, tr.cfg.compress)
	}
}

func TestTraceIsRunnableCurlWithoutSecrets(t *testing.T) {
	var buf bytes.Buffer
	rec := &recorder{}
	tr := newT(t, WithAddresses("https://es:9200"), WithRoundTripper(rec), WithBasicAuth("elastic", "hunter2"), WithTrace(&buf))
	resp, err := perform(t, tr, &Request{Method: "POST", Path: "/my-index/_search", Body: map[string]any{"query": map[string]any{"match": map[string]string{"title": "it's"}}}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	out := buf.String()
	if strings.Contains(out, "hunter2") || strings.Contains(out, base64.StdEncoding.EncodeToString([]byte("elastic:hunter2"))) {
		t.Fatalf("trace leaks the password:\n%s", out)
	}
	for _, want := range []string{"curl -X POST 'https://es:9200/my-index/_search'", "-H 'Content-Type: application/json'",
		"\"match\": {", `it'\''s`, "# [200] OK"} {
		if !strings.Contains(out, want) {
			t.Errorf("trace lacks %q:\n%s", want, out)
		}
	}
}

func TestWarningsSurfaced(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Warning", `299 Elasticsearch-9.5.3 "this request accesses system indices"`)
		w.Header().Add("Warning", `299 Elasticsearch-9.5.3 "[types removal] deprecated"`)
		_, _ = io.WriteString(w, `{}`)
	}))
	defer srv.Close()
	tr := newT(t, WithAddresses(srv.URL))
	resp, err := perform(t, tr, &Request{Method: "GET", Path: "/.kibana"})
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	if len(resp.Warnings) != 2 || !strings.Contains(resp.Warnings[1], "types removal") {
		t.Fatalf("warnings %q", resp.Warnings)
	}
}

func TestPerRequestOverrides(t *testing.T) {
	seq := &sequence{statuses: []int{503, 503, 503, 503, 200}}
	tr := newT(t, WithAddresses("http://es1:9200"), WithRoundTripper(seq), WithRetries(5))
	zero := 0
	resp, err := tr.Perform(context.Background(), &Request{Method: "GET", Path: "/", MaxRetries: &zero})
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	if resp.StatusCode != 503 {
		t.Fatalf("MaxRetries 0 still retried: status %d", resp.StatusCode)
	}
	// An ignored status is not retried either.
	resp, err = tr.Perform(context.Background(), &Request{Method: "GET", Path: "/", Ignore: []int{503}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	if resp.StatusCode != 503 {
		t.Fatalf("ignored status retried: %d", resp.StatusCode)
	}
	// The client default retries until success.
	resp, err = tr.Perform(context.Background(), &Request{Method: "GET", Path: "/"})
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d after retries", resp.StatusCode)
	}
}

func TestUserHTTPClient(t *testing.T) {
	rec := &recorder{}
	tr := newT(t, WithAddresses("http://es1:9200"), WithHTTPClient(&http.Client{Transport: rec}))
	resp, err := tr.Perform(context.Background(), &Request{Method: "GET", Path: "/_cat/indices", Query: map[string][]string{"format": {"json"}}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	if got := rec.last().URL.String(); got != "http://es1:9200/_cat/indices?format=json" {
		t.Fatalf("sent %s through the user's client", got)
	}
}

func TestEscapedPathSentAsIs(t *testing.T) {
	rec := &recorder{}
	tr := newT(t, WithAddresses("http://es1:9200/prefix"), WithRoundTripper(rec))
	for _, p := range []string{"/my%2Findex/_doc/a%20b%3F", "/logs-*/_search", "/%3Clogs-%7Bnow%2Fd%7D%3E/_doc/1", "/i/_doc/caf%C3%A9"} {
		resp, err := tr.Perform(context.Background(), &Request{Method: "GET", Path: p})
		if err != nil {
			t.Fatal(err)
		}
		resp.Close()
		if got := rec.last().URL.RequestURI(); got != "/prefix"+p {
			t.Errorf("path %q sent as %q", p, got)
		}
	}
}

func TestAttemptTimeoutRetriedOnAnotherNode(t *testing.T) {
	release := make(chan struct{})
	var hung atomic.Int32
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hung.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(release)
	fast := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{}`)
	}))
	defer fast.Close()

	tr := newT(t, WithAddresses(slow.URL, fast.URL), WithAttemptTimeout(200*time.Millisecond), WithRetryOnTimeout(true))
	start := time.Now()
	resp, err := perform(t, tr, &Request{Method: "GET", Path: "/"})
	if err != nil {
		t.Fatalf("attempt timeout not retried on the healthy node: %v", err)
	}
	resp.Close()
	if resp.Node != fast.URL || time.Since(start) > 2*time.Second || hung.Load() != 1 {
		t.Fatalf("answered by %s after %v (%d hung attempts)", resp.Node, time.Since(start), hung.Load())
	}
	if s := tr.NodeStats()[0]; s.Alive {
		t.Fatalf("the node that timed out is still alive: %+v", s)
	}

	// Without WithRetryOnTimeout the timeout is returned, naming the node.
	tr = newT(t, WithAddresses(slow.URL, fast.URL), WithAttemptTimeout(200*time.Millisecond))
	_, err = perform(t, tr, &Request{Method: "GET", Path: "/"})
	var te *TimeoutError
	if !errors.As(err, &te) || te.Node != slow.URL {
		t.Fatalf("got %v, want a *TimeoutError naming %s", err, slow.URL)
	}
}
