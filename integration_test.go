package esgo_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/transport"
)

// recordingTransport wraps a real http.RoundTripper and keeps the headers of
// what was sent and received.
type recordingTransport struct {
	next http.RoundTripper
	mu   sync.Mutex
	sent []http.Header
	got  []http.Header
}

func (r *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.next.RoundTrip(req)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, req.Header.Clone())
	if resp != nil {
		r.got = append(r.got, resp.Header.Clone())
	} else {
		r.got = append(r.got, nil)
	}
	return resp, err
}

func (r *recordingTransport) last() (sent, got http.Header) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sent[len(r.sent)-1], r.got[len(r.got)-1]
}

func newRecorder() *recordingTransport {
	return &recordingTransport{next: http.DefaultTransport.(*http.Transport).Clone()}
}

func mustClient(t *testing.T, opts ...esgo.Option) *esgo.Client {
	t.Helper()
	c, err := esgo.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func indexName(t *testing.T) string {
	return "esgo-root-" + strings.ToLower(strings.NewReplacer("/", "-", "_", "-").Replace(t.Name()))
}

func deleteIndex(t *testing.T, c *esgo.Client, name string) {
	t.Cleanup(func() {
		_, _ = c.Perform(context.Background(), &transport.Request{Method: "DELETE", Path: "/" + name, Ignore: []int{404}})
	})
}

func TestElasticsearchIntegration(t *testing.T) {
	es := eslocaltest.Elasticsearch(t)
	ctx := context.Background()
	rec := newRecorder()
	c := mustClient(t, esgo.WithAddresses(es.URLs...), esgo.WithRoundTripper(rec))

	info, err := c.ServerInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.Product != transport.ProductElasticsearch || info.Version != es.Version || info.Major != 9 {
		t.Fatalf("detected %+v, want Elasticsearch %s", info, es.Version)
	}

	idx := indexName(t)
	deleteIndex(t, c, idx)
	_, err = c.Indices.Create(ctx, api.IndicesCreateRequest{Index: idx, RawBody: map[string]any{
		"settings": map[string]any{"number_of_shards": 1, "number_of_replicas": 0},
		"mappings": map[string]any{"properties": map[string]any{"at": map[string]string{"type": "date"}, "big": map[string]string{"type": "long"}}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	sent, got := rec.last()
	if a := sent.Get("Accept"); a != "application/vnd.elasticsearch+json; compatible-with=9" {
		t.Errorf("Accept sent to Elasticsearch 9: %q", a)
	}
	if got.Get("X-Elastic-Product") != "Elasticsearch" {
		t.Errorf("response headers %v", got)
	}

	// time.Time as ISO 8601 and an integer beyond 2^53 survive a round trip.
	at := time.Date(2026, 11, 22, 10, 30, 15, 123000000, time.UTC)
	doc := map[string]any{"at": at, "big": int64(9223372036854775001), "title": "<b>&"}
	if _, err := c.Index(ctx, api.IndexRequest{Index: idx, ID: "1", Body: doc, Refresh: "true"}); err != nil {
		t.Fatal(err)
	}
	resp, err := c.Raw.Get(ctx, api.GetRequest{Index: idx, ID: "1"})
	if err != nil {
		t.Fatal(err)
	}
	var hit struct {
		Source struct {
			At    time.Time   `json:"at"`
			Big   json.Number `json:"big"`
			Title string      `json:"title"`
		} `json:"_source"`
	}
	if err := resp.Decode(&hit); err != nil {
		t.Fatal(err)
	}
	if !hit.Source.At.Equal(at) || hit.Source.Big.String() != "9223372036854775001" || hit.Source.Title != "<b>&" {
		t.Fatalf("document came back as %+v", hit.Source)
	}

	// Typed errors from real error responses.
	_, err = c.Get(ctx, api.GetRequest{Index: idx, ID: "missing"})
	var apiErr *transport.Error
	if !errors.Is(err, esgo.ErrNotFound) || !errors.As(err, &apiErr) || apiErr.Node != es.URL() {
		t.Errorf("missing document: %v", err)
	}
	_, err = c.Get(ctx, api.GetRequest{Index: idx + "-nope", ID: "1"})
	if !errors.As(err, &apiErr) || apiErr.Type != "index_not_found_exception" || !errors.Is(err, esgo.ErrNotFound) {
		t.Errorf("missing index: %v", err)
	}
	_, err = c.Index(ctx, api.IndexRequest{Index: idx, ID: "1", OpType: "create", Body: doc})
	if !errors.Is(err, esgo.ErrConflict) || !errors.As(err, &apiErr) || apiErr.Type != "version_conflict_engine_exception" {
		t.Errorf("duplicate create: %v", err)
	}
	_, err = c.Search(ctx, api.SearchRequest{Index: []string{idx}, RawBody: `{"query":{"no_such_query":{}}}`})
	if !errors.Is(err, esgo.ErrBadRequest) || !errors.As(err, &apiErr) || apiErr.Reason == "" || len(apiErr.RootCauses) == 0 {
		t.Errorf("bad query: %v", err)
	}
	// Ignored statuses come back as responses.
	resp, err = c.Raw.Get(ctx, api.GetRequest{Index: idx, ID: "missing"}, api.WithIgnore(404))
	if err != nil || resp.StatusCode != 404 {
		t.Errorf("ignored 404: %v %v", resp, err)
	}
	resp.Close()
	// HEAD 404 is false, not an error.
	ok, err := c.Indices.Exists(ctx, api.IndicesExistsRequest{Index: []string{idx + "-nope"}})
	if ok || err != nil {
		t.Errorf("exists(missing) = %v, %v; want false, nil", ok, err)
	}
	ok, err = c.Indices.Exists(ctx, api.IndicesExistsRequest{Index: []string{idx}})
	if !ok || err != nil {
		t.Errorf("exists(%s) = %v, %v", idx, ok, err)
	}

	// Per-request timeout against a request the server holds: a real timeout.
	start := time.Now()
	_, err = c.Perform(ctx, &transport.Request{Method: "GET", Path: "/_cluster/health",
		Query: map[string][]string{"wait_for_nodes": {"99"}, "timeout": {"10s"}}, Timeout: 300 * time.Millisecond})
	var te *transport.TimeoutError
	if !errors.As(err, &te) || te.Node != es.URL() || time.Since(start) > 3*time.Second {
		t.Errorf("timeout: %v after %v", err, time.Since(start))
	}

	// Warning headers from the server reach the caller and the log.
	var logs bytes.Buffer
	var logMu sync.Mutex
	wc := mustClient(t, esgo.WithAddresses(es.URLs...),
		esgo.WithLogger(slog.New(slog.NewTextHandler(lockedWriter{&logs, &logMu}, nil))))
	dotIdx := "." + idx
	deleteIndex(t, c, dotIdx)
	resp, err = wc.Raw.Indices.Create(ctx, api.IndicesCreateRequest{Index: dotIdx})
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	if len(resp.Warnings) != 1 || !strings.Contains(resp.Warnings[0], "starts with a dot") {
		t.Errorf("warnings %q, want the dot-prefix deprecation", resp.Warnings)
	}
	logMu.Lock()
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "starts with a dot") {
		t.Errorf("server warning not logged: %s", logs.String())
	}
	logMu.Unlock()

	// The strict product check accepts the real Elasticsearch; with
	// detection off no compatibility header is sent unless forced.
	for _, tc := range []struct {
		opts   []esgo.Option
		accept string
	}{
		{[]esgo.Option{esgo.WithProductCheck(transport.ProductCheckStrict)}, "application/vnd.elasticsearch+json; compatible-with=9"},
		{[]esgo.Option{transport.WithServerDetection(false)}, "application/json"},
		{[]esgo.Option{transport.WithServerDetection(false), transport.WithCompatibilityMajor(8)}, "application/vnd.elasticsearch+json; compatible-with=8"},
	} {
		r := newRecorder()
		sc := mustClient(t, append([]esgo.Option{esgo.WithAddresses(es.URLs...), esgo.WithRoundTripper(r)}, tc.opts...)...)
		if _, err := sc.Cluster.Health(ctx, api.ClusterHealthRequest{}); err != nil {
			t.Fatalf("%s: %v", tc.accept, err)
		}
		if sent, _ := r.last(); sent.Get("Accept") != tc.accept {
			t.Errorf("Accept %q, want %q", sent.Get("Accept"), tc.accept)
		}
	}

	// Per-request options: the server echoes X-Opaque-Id; the client default
	// applies when the request sets none.
	oc := mustClient(t, esgo.WithAddresses(es.URLs...), esgo.WithOpaqueID("client-default"))
	for _, tc := range []struct {
		opts []api.Option
		want string
	}{{nil, "client-default"}, {[]api.Option{api.WithOpaqueID("per-request")}, "per-request"}} {
		resp, err := oc.Raw.Cluster.Health(ctx, api.ClusterHealthRequest{}, tc.opts...)
		if err != nil {
			t.Fatal(err)
		}
		resp.Close()
		if got := resp.Header.Get("X-Opaque-Id"); got != tc.want {
			t.Errorf("server saw X-Opaque-Id %q, want %q", got, tc.want)
		}
	}

	// Persistent connections: sequential requests reuse one connection.
	var fresh, reused atomic.Int32
	traceCtx := httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotConn: func(i httptrace.GotConnInfo) {
		if i.Reused {
			reused.Add(1)
		} else {
			fresh.Add(1)
		}
	}})
	for range 20 {
		resp, err := c.Perform(traceCtx, &transport.Request{Method: "GET", Path: "/_cluster/health"})
		if err != nil {
			t.Fatal(err)
		}
		resp.Close()
	}
	if fresh.Load() > 1 || reused.Load() < 19 {
		t.Errorf("20 sequential requests opened %d connections and reused %d", fresh.Load(), reused.Load())
	}

	stats := c.NodeStats()
	if len(stats) != 1 || stats[0].Requests < 10 || !stats[0].Alive || stats[0].AverageLatency() <= 0 {
		t.Errorf("node stats %+v", stats)
	}
}

func TestCompressionIntegration(t *testing.T) {
	es := eslocaltest.Elasticsearch(t)
	ctx := context.Background()
	rec := newRecorder()
	rec.next.(*http.Transport).DisableCompression = true
	c := mustClient(t, esgo.WithAddresses(es.URLs...), esgo.WithRoundTripper(rec), esgo.WithCompression(true))
	idx := indexName(t)
	deleteIndex(t, c, idx)
	var lines []any
	for i := range 50 {
		lines = append(lines, map[string]any{"index": map[string]any{"_index": idx, "_id": fmt.Sprint(i)}},
			map[string]any{"n": i, "text": strings.Repeat("compressible ", 20)})
	}
	resp, err := c.Perform(ctx, &transport.Request{Method: "POST", Path: "/_bulk", Query: map[string][]string{"refresh": {"true"}},
		Header: http.Header{"Content-Type": {transport.ContentTypeNDJSON}}, Body: lines})
	if err != nil {
		t.Fatal(err)
	}
	var bulk struct {
		Errors bool  `json:"errors"`
		Items  []any `json:"items"`
	}
	if err := resp.Decode(&bulk); err != nil || bulk.Errors || len(bulk.Items) != 50 {
		t.Fatalf("gzipped bulk: %v errors=%v items=%d", err, bulk.Errors, len(bulk.Items))
	}
	sent, got := rec.last()
	if sent.Get("Content-Encoding") != "gzip" || got.Get("Content-Encoding") != "gzip" {
		t.Errorf("request Content-Encoding %q, response Content-Encoding %q; want gzip both ways",
			sent.Get("Content-Encoding"), got.Get("Content-Encoding"))
	}
	var count struct {
		Count int `json:"count"`
	}
	resp, err = c.Raw.Count(ctx, api.CountRequest{Index: []string{idx}})
	if err != nil {
		t.Fatal(err)
	}
	if err := resp.Decode(&count); err != nil || count.Count != 50 {
		t.Fatalf("count %d, %v", count.Count, err)
	}
}

func TestTraceIsRunnableAgainstRealServer(t *testing.T) {
	es := eslocaltest.Elasticsearch(t)
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed; the trace format is covered by transport unit tests")
	}
	var buf bytes.Buffer
	c := mustClient(t, esgo.WithAddresses(es.URLs...), esgo.WithTrace(&buf), transport.WithServerDetection(false))
	resp, err := c.Perform(context.Background(), &transport.Request{Method: "POST", Path: "/_search",
		Query: map[string][]string{"size": {"0"}}, Body: map[string]any{"query": map[string]any{"match_all": map[string]any{}}}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	curl := strings.SplitN(buf.String(), "\n# ", 2)[0]
	if !strings.HasPrefix(curl, "curl -X POST ") || !strings.Contains(curl, "\"match_all\": {}") {
		t.Fatalf("trace:\n%s", buf.String())
	}
	out, err := exec.Command("sh", "-c", curl+" -s -o /dev/null -w '%{http_code}'").CombinedOutput()
	if err != nil || string(out) != "200" {
		t.Fatalf("running the traced command %q gave %q, %v", curl, out, err)
	}
}

func TestOpenSearchIntegration(t *testing.T) {
	osc := eslocaltest.OpenSearch(t)
	ctx := context.Background()
	rec := newRecorder()
	c := mustClient(t, esgo.WithAddresses(osc.URLs...), esgo.WithRoundTripper(rec))
	info, err := c.ServerInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.Product != transport.ProductOpenSearch || info.Major < 3 {
		t.Fatalf("detected %+v, want OpenSearch 3", info)
	}
	idx := indexName(t)
	deleteIndex(t, c, idx)
	if _, err := c.Index(ctx, api.IndexRequest{Index: idx, ID: "1", Body: map[string]string{"a": "b"}, Refresh: "true"}); err != nil {
		t.Fatalf("indexing into OpenSearch: %v", err)
	}
	sent, got := rec.last()
	if sent.Get("Accept") != "application/json" || sent.Get("Content-Type") != "application/json" {
		t.Errorf("sent compatibility headers to OpenSearch: %v", sent)
	}
	if got.Get("X-Elastic-Product") != "" {
		t.Errorf("OpenSearch answered with X-Elastic-Product")
	}
	_, err = c.Get(ctx, api.GetRequest{Index: idx, ID: "nope"})
	if !errors.Is(err, esgo.ErrNotFound) {
		t.Errorf("missing document on OpenSearch: %v", err)
	}

	strict := mustClient(t, esgo.WithAddresses(osc.URLs...), esgo.WithProductCheck(transport.ProductCheckStrict))
	_, err = strict.Perform(ctx, &transport.Request{Method: "GET", Path: "/_cluster/health"})
	if !errors.Is(err, transport.ErrUnsupportedProduct) {
		t.Errorf("strict product check against OpenSearch: %v", err)
	}
}

func TestSecureIntegration(t *testing.T) {
	sec := eslocaltest.Secure(t)
	ctx := context.Background()
	health := func(c *esgo.Client) error {
		resp, err := c.Perform(ctx, &transport.Request{Method: "GET", Path: "/_cluster/health"})
		if err != nil {
			return err
		}
		var v map[string]any
		if err := resp.Decode(&v); err != nil {
			return err
		}
		if v["cluster_name"] == nil {
			return fmt.Errorf("unexpected health body %v", v)
		}
		return nil
	}
	if !strings.HasPrefix(sec.URL(), "https://") || sec.Fingerprint == "" || len(sec.CACert) == 0 {
		t.Fatalf("secure cluster lacks TLS material: %+v", sec)
	}
	basic := esgo.WithBasicAuth(sec.Username, sec.Password)
	ok := []struct {
		name string
		opts []esgo.Option
	}{
		{"CA PEM and basic auth", []esgo.Option{esgo.WithCACert(sec.CACert), basic}},
		{"CA file", []esgo.Option{esgo.WithCAFile(sec.CAFile), basic}},
		{"fingerprint only", []esgo.Option{esgo.WithCertificateFingerprint(sec.Fingerprint), basic}},
		{"fingerprint with colons", []esgo.Option{esgo.WithCertificateFingerprint(colons(sec.Fingerprint)), basic}},
		{"service token", []esgo.Option{esgo.WithCACert(sec.CACert), esgo.WithServiceToken(sec.ServiceToken)}},
		{"TLS 1.3 minimum", []esgo.Option{esgo.WithCACert(sec.CACert), basic, esgo.WithMinTLSVersion(0x0304)}},
		{"compression over TLS", []esgo.Option{esgo.WithCACert(sec.CACert), basic, esgo.WithCompression(true)}},
	}
	for _, tt := range ok {
		c := mustClient(t, append([]esgo.Option{esgo.WithAddresses(sec.URLs...)}, tt.opts...)...)
		if err := health(c); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	// Credentials in the URL.
	u := strings.Replace(sec.URL(), "https://", "https://"+sec.Username+":"+sec.Password+"@", 1)
	if err := health(mustClient(t, esgo.WithAddresses(u), esgo.WithCACert(sec.CACert))); err != nil {
		t.Errorf("credentials in URL: %v", err)
	}
	// Detection works with security on (GET / is 405 on this distribution).
	c := mustClient(t, esgo.WithAddresses(sec.URLs...), esgo.WithCACert(sec.CACert), basic)
	if info, err := c.ServerInfo(ctx); err != nil || info.Product != transport.ProductElasticsearch || info.Major != 9 {
		t.Errorf("detection with security: %+v %v", info, err)
	}

	// Failures.
	var tlsErr *transport.TLSError
	err := health(mustClient(t, esgo.WithAddresses(sec.URLs...), basic))
	if !errors.As(err, &tlsErr) || tlsErr.Node != sec.URL() {
		t.Errorf("untrusted certificate: %v, want a *TLSError naming the node", err)
	}
	wrong := strings.Repeat("ab", 32)
	err = health(mustClient(t, esgo.WithAddresses(sec.URLs...), basic, esgo.WithCertificateFingerprint(wrong)))
	var fpErr *transport.FingerprintMismatchError
	if !errors.As(err, &tlsErr) || !errors.As(err, &fpErr) {
		t.Errorf("wrong fingerprint: %v", err)
	}
	err = health(mustClient(t, esgo.WithAddresses(sec.URLs...), esgo.WithCACert(sec.CACert)))
	if !errors.Is(err, esgo.ErrUnauthorized) {
		t.Errorf("no credentials: %v", err)
	}
	err = health(mustClient(t, esgo.WithAddresses(sec.URLs...), esgo.WithCACert(sec.CACert), esgo.WithBasicAuth(sec.Username, "wrong")))
	var apiErr *transport.Error
	if !errors.Is(err, esgo.ErrUnauthorized) || !errors.As(err, &apiErr) || apiErr.Type != "security_exception" {
		t.Errorf("wrong password: %v", err)
	}
	// Turning verification off works and is logged as a warning.
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	if err := health(mustClient(t, esgo.WithAddresses(sec.URLs...), basic, esgo.WithInsecureSkipVerify(true), esgo.WithLogger(logger))); err != nil {
		t.Errorf("insecure: %v", err)
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "verification is turned off") {
		t.Errorf("no warning logged for InsecureSkipVerify: %q", logs.String())
	}
	if strings.Contains(logs.String(), sec.Password) {
		t.Error("password in the logs")
	}
}

func colons(hex string) string {
	var parts []string
	for i := 0; i+2 <= len(hex); i += 2 {
		parts = append(parts, strings.ToUpper(hex[i:i+2]))
	}
	return strings.Join(parts, ":")
}

func TestTooManyRequestsRetried(t *testing.T) {
	q := eslocaltest.WriteQueue1(t)
	ctx := context.Background()
	// 24 writers against a write queue of one: a write can be refused
	// many times in a row on a loaded machine (30 retries were seen to run
	// out), so the budget is large; what is checked is that every write
	// ends written, exactly once.
	c := mustClient(t, esgo.WithAddresses(q.URLs...), esgo.WithRetries(300),
		esgo.WithRetryBackoff(20*time.Millisecond, 500*time.Millisecond), esgo.WithRequestTimeout(2*time.Minute))
	idx := indexName(t)
	deleteIndex(t, c, idx)
	if _, err := c.Indices.Create(ctx, api.IndicesCreateRequest{Index: idx, RawBody: `{"settings":{"number_of_shards":1,"number_of_replicas":0}}`}); err != nil {
		t.Fatal(err)
	}

	const workers, perWorker = 24, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers*perWorker)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWorker {
				// Single-document writes: a rejected one is a whole 429
				// response (a bulk reports rejections per item instead).
				if _, err := c.Index(ctx, api.IndexRequest{Index: idx, Body: map[string]int{"w": w, "i": i}}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("request failed despite retries: %v", err)
	}
	rejected := 0
	for _, s := range c.NodeStats() {
		rejected += int(s.Failures)
	}
	if rejected == 0 {
		t.Fatalf("the write-queue-1 server sent no 429 to %d concurrent writers; the retry path was not exercised", workers)
	}
	if _, err := c.Indices.Refresh(ctx, api.IndicesRefreshRequest{Index: []string{idx}}); err != nil {
		t.Fatal(err)
	}
	count, err := c.Count(ctx, api.CountRequest{Index: []string{idx}})
	if err != nil || count.Count != workers*perWorker {
		t.Fatalf("%+v documents indexed, want %d (%v)", count, workers*perWorker, err)
	}
	t.Logf("%d attempts were answered 429 and retried", rejected)
}

// TestNodeKilledMidLoad runs a steady load against a 3-node cluster and
// kills one node in the middle: every request must still succeed, served by
// the remaining nodes, and sniffing must have found all three nodes from one
// seed.
func TestNodeKilledMidLoad(t *testing.T) {
	cl := eslocaltest.NewCluster(t, 3)
	ctx := context.Background()
	if len(cl.URLs) != 3 {
		t.Fatalf("cluster has %d URLs", len(cl.URLs))
	}

	// Sniffing from a single seed discovers the other nodes.
	sniffer := mustClient(t, esgo.WithAddresses(cl.URLs[0]), esgo.WithSniffOnStart(true))
	resp, err := sniffer.Perform(ctx, &transport.Request{Method: "GET", Path: "/_cluster/health"})
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	if got := nodeURLs(sniffer); !sameSet(got, cl.URLs) {
		t.Fatalf("sniffed %v, want %v", got, cl.URLs)
	}

	var logs bytes.Buffer
	var logMu sync.Mutex
	logger := slog.New(slog.NewTextHandler(lockedWriter{&logs, &logMu}, &slog.HandlerOptions{Level: slog.LevelInfo}))
	c := mustClient(t, esgo.WithAddresses(cl.URLs...), esgo.WithLogger(logger), esgo.WithRequestTimeout(90*time.Second))
	idx := indexName(t)
	deleteIndex(t, c, idx)
	resp, err = c.Raw.Indices.Create(ctx, api.IndicesCreateRequest{Index: idx, WaitForActiveShards: "all",
		RawBody: `{"settings":{"number_of_shards":3,"number_of_replicas":2}}`})
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []error
	total := 0
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var err error
				var resp *transport.Response
				if i%2 == 0 {
					resp, err = c.Raw.Index(ctx, api.IndexRequest{Index: idx, ID: fmt.Sprintf("%d-%d", w, i), Body: map[string]int{"w": w, "i": i}})
				} else {
					resp, err = c.Raw.Search(ctx, api.SearchRequest{Index: []string{idx}, RawBody: `{"size":1}`})
				}
				if err == nil {
					resp.Close()
				}
				mu.Lock()
				total++
				if err != nil {
					failures = append(failures, err)
				}
				mu.Unlock()
			}
		}()
	}
	// A client that follows the cluster by sniffing when a node fails.
	follower := mustClient(t, esgo.WithAddresses(cl.URLs...), esgo.WithSniffOnFailure(true),
		transport.WithMinSniffInterval(0), esgo.WithRequestTimeout(90*time.Second))

	done := func() int { mu.Lock(); defer mu.Unlock(); return total }
	for start := time.Now(); done() < 30 && time.Since(start) < time.Minute; {
		time.Sleep(100 * time.Millisecond)
	}
	killed := cl.URLs[2]
	if err := cl.Kill(2); err != nil {
		t.Fatal(err)
	}
	atKill := done()
	// Keep the load on until plenty of requests ran after the kill.
	for start := time.Now(); done()-atKill < 60 && time.Since(start) < 90*time.Second; {
		time.Sleep(100 * time.Millisecond)
	}
	close(stop)
	wg.Wait()

	// The follower hits the dead node, sniffs, and drops it from its pool.
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := follower.Perform(ctx, &transport.Request{Method: "GET", Path: "/_cluster/health"})
		if err != nil {
			t.Errorf("follower request failed: %v", err)
		} else {
			resp.Close()
		}
		if urls := nodeURLs(follower); len(urls) == 2 && !slices.Contains(urls, killed) {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("sniffing on failure kept %v after %s was killed", nodeURLs(follower), killed)
			break
		}
		time.Sleep(200 * time.Millisecond)
	}

	mu.Lock()
	defer mu.Unlock()
	for _, err := range failures {
		t.Errorf("request failed after a node was killed: %v", err)
	}
	var deadSeen bool
	for _, s := range c.NodeStats() {
		if s.URL == killed && s.Failures > 0 {
			deadSeen = true
		}
	}
	logMu.Lock()
	defer logMu.Unlock()
	if !deadSeen || !strings.Contains(logs.String(), "node marked dead") {
		t.Errorf("the killed node %s was never marked dead; stats %+v", killed, c.NodeStats())
	}
	if total-atKill < 20 {
		t.Errorf("only %d requests ran after the kill; the test did not load the cluster", total-atKill)
	}
	t.Logf("%d requests (%d after the kill), %d failures; stats %+v", total, total-atKill, len(failures), c.NodeStats())
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func nodeURLs(c *esgo.Client) []string {
	var out []string
	for _, s := range c.NodeStats() {
		out = append(out, s.URL)
	}
	return out
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]bool{}
	for _, s := range a {
		m[s] = true
	}
	for _, s := range b {
		if !m[strings.TrimRight(s, "/")] {
			return false
		}
	}
	return true
}

// TestElasticsearch710 runs against a real Elasticsearch 7.10.2. 7.10 sends
// no X-Elastic-Product header and refuses compatible-with=9: the client must
// detect it and send plain JSON.
func TestElasticsearch710(t *testing.T) {
	testOlderElasticsearch(t, eslocaltest.Elasticsearch7(t).URL(), 7, "application/json")
}

// TestElasticsearch819 runs the same client test against a real
// Elasticsearch 8.19.21, the case where a 9.x client that sends
// compatible-with=9 fails every request: 8.19 accepts 8 and 7 only.
func TestElasticsearch819(t *testing.T) {
	u := eslocaltest.Elasticsearch8(t).URL()
	rec := testOlderElasticsearch(t, u, 8, "application/vnd.elasticsearch+json; compatible-with=8")
	rec.mu.Lock()
	sent := slices.Clone(rec.sent)
	rec.mu.Unlock()
	for i, h := range sent {
		for _, name := range []string{"Accept", "Content-Type"} {
			if v := h.Get(name); strings.Contains(v, "compatible-with=9") {
				t.Errorf("request %d to 8.19 sent %s: %s", i, name, v)
			}
		}
	}
	// The test above would catch a 9: the server really refuses it.
	ctx := context.Background()
	forced := mustClient(t, esgo.WithAddresses(u), transport.WithCompatibilityMajor(9))
	_, err := forced.Perform(ctx, &transport.Request{Method: "GET", Path: "/_cluster/health",
		Header: http.Header{"Accept": {"application/json"}}})
	var e *transport.Error
	if !errors.As(err, &e) || e.Status != 400 || e.Type != "media_type_header_exception" {
		t.Fatalf("8.19 with compatible-with=9: %v; want 400 media_type_header_exception", err)
	}
}

// testOlderElasticsearch checks detection, the headers sent, indexing,
// search and the strict product check against an Elasticsearch older than
// the client's own 9.x, and returns the recorder of every request.
func testOlderElasticsearch(t *testing.T, u string, major int, wantAccept string) *recordingTransport {
	t.Helper()
	ctx := context.Background()
	rec := newRecorder()
	c := mustClient(t, esgo.WithAddresses(u), esgo.WithRoundTripper(rec))
	info, err := c.ServerInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.Product != transport.ProductElasticsearch || info.Major != major {
		t.Fatalf("detected %+v, want Elasticsearch %d", info, major)
	}
	idx := indexName(t)
	deleteIndex(t, c, idx)
	resp, err := c.Raw.Index(ctx, api.IndexRequest{Index: idx, ID: "1", Body: map[string]string{"a": "b"}, Refresh: "true"})
	if err != nil {
		t.Fatalf("indexing into %d.x: %v", major, err)
	}
	resp.Close()
	if sent, _ := rec.last(); sent.Get("Accept") != wantAccept {
		t.Errorf("sent Accept %q to %d.x, want %q", sent.Get("Accept"), major, wantAccept)
	}
	resp, err = c.Raw.Search(ctx, api.SearchRequest{Index: []string{idx}, RawBody: `{"query":{"match":{"a":"b"}}}`})
	if err != nil {
		t.Fatal(err)
	}
	var sr struct {
		Hits struct {
			Total struct {
				Value int `json:"value"`
			} `json:"total"`
		} `json:"hits"`
	}
	if err := resp.Decode(&sr); err != nil || sr.Hits.Total.Value != 1 {
		t.Fatalf("search on %d.x: %d hits, %v", major, sr.Hits.Total.Value, err)
	}
	if sent, _ := rec.last(); major >= 8 && sent.Get("Content-Type") != wantAccept {
		t.Errorf("sent Content-Type %q to %d.x, want %q", sent.Get("Content-Type"), major, wantAccept)
	}
	// The strict product check refuses an old server only if the user asks
	// for it and it cannot be identified (7.10 by GET /, later ones by the
	// product header).
	strict := mustClient(t, esgo.WithAddresses(u), esgo.WithProductCheck(transport.ProductCheckStrict))
	resp, err = strict.Perform(ctx, &transport.Request{Method: "GET", Path: "/_cluster/health"})
	if err != nil {
		t.Fatalf("strict product check refused Elasticsearch %d: %v", major, err)
	}
	resp.Close()
	return rec
}
