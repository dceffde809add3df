package transport

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"errors"
	"hash/crc32"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// hijackDrop answers nothing: it reads the request and closes the
// connection, as a node does when its answer is lost after the work.
func hijackDrop(w http.ResponseWriter) {
	if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
		conn.Close()
	}
}

// TestOutcomeUnknownNotRepeated: a request that is not harmless to repeat
// (a scroll continuation, a bulk, POST by default) is sent once when the
// connection fails after sending it; the error says the outcome is unknown.
// A read (GET, or a request marked RepeatSafe) is repeated on another node.
func TestOutcomeUnknownNotRepeated(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		hijackDrop(w)
	}))
	defer srv.Close()
	for _, tc := range []struct {
		name    string
		req     *Request
		repeats bool
	}{
		{"scroll", &Request{Method: "POST", Path: "/_search/scroll", Body: map[string]string{"scroll_id": "x"}, Repeat: RepeatUnsafe}, false},
		{"scroll-as-GET", &Request{Method: "GET", Path: "/_search/scroll", Repeat: RepeatUnsafe}, false},
		{"bulk", &Request{Method: "POST", Path: "/_bulk", Body: "{}\n"}, false},
		{"search", &Request{Method: "POST", Path: "/_search", Body: "{}", Repeat: RepeatSafe}, true},
		{"get", &Request{Method: "GET", Path: "/i/_doc/1"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls.Store(0)
			tr := newT(t, WithAddresses(srv.URL), WithRetries(2))
			_, err := perform(t, tr, tc.req)
			if err == nil {
				t.Fatal("no error")
			}
			var ce *ConnectionError
			if !errors.As(err, &ce) {
				t.Errorf("error %v does not unwrap to a *ConnectionError", err)
			}
			if tc.repeats {
				if calls.Load() != 3 || errors.Is(err, ErrOutcomeUnknown) {
					t.Errorf("%d attempts, err %v; want 3 and a plain connection error", calls.Load(), err)
				}
				return
			}
			if calls.Load() != 1 || !errors.Is(err, ErrOutcomeUnknown) {
				t.Errorf("%d attempts, err %v; want 1 and ErrOutcomeUnknown", calls.Load(), err)
			}
		})
	}
}

// TestNotSentAlwaysRetried: a connection refused before anything was sent
// is retried on another node whatever the request.
func TestNotSentAlwaysRetried(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	good := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{}`) }))
	defer good.Close()
	tr := newT(t, WithAddresses(deadURL, good.URL), WithShuffledAddresses(false))
	resp, err := perform(t, tr, &Request{Method: "POST", Path: "/_bulk", Body: "{}\n", Repeat: RepeatUnsafe})
	if err != nil {
		t.Fatalf("a bulk refused by a dead node was not retried on the live one: %v", err)
	}
	resp.Close()
}

// TestDetectionHonoursDeadline: a request's deadline holds while another
// request's server detection hangs.
func TestDetectionHonoursDeadline(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}
		w.Header().Set("X-Elastic-Product", "Elasticsearch")
		io.WriteString(w, `{"version":{"number":"9.5.3"}}`)
	}))
	defer srv.Close()
	defer close(release)
	tr, err := New(WithAddresses(srv.URL), WithRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	go func() { // this one detects, and hangs
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if resp, err := tr.Perform(ctx, &Request{Method: "GET", Path: "/a"}); err == nil {
			resp.Close()
		}
	}()
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_, err = tr.Perform(ctx, &Request{Method: "GET", Path: "/b"})
	if el := time.Since(start); el > 1500*time.Millisecond {
		t.Errorf("a 500 ms request returned after %v (err %v)", el, err)
	}
	if err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the deadline", err)
	}
}

// corruptGzip returns a gzip stream of s, stored (not compressed), with the
// first "1" of the data changed to "9": the deflate data stays valid, only
// the CRC at the end tells.
func corruptGzip(t *testing.T, s string) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.NoCompression)
	zw.Write([]byte(s))
	zw.Close()
	out := b.Bytes()
	i := bytes.Index(out, []byte(s))
	if i < 0 {
		t.Fatal("stored gzip does not hold the data verbatim")
	}
	j := i + strings.Index(s, "1")
	out[j] = '9'
	if crc32.ChecksumIEEE([]byte(s)) == crc32.ChecksumIEEE(out[i:i+len(s)]) {
		t.Fatal("checksum unchanged")
	}
	return out
}

// TestGzipChecksumVerified: a corrupted compressed answer is an error, not
// a wrong value.
func TestGzipChecksumVerified(t *testing.T) {
	body := corruptGzip(t, `{"count":1234}`+strings.Repeat(" ", 10))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(body)
	}))
	defer srv.Close()
	for _, compress := range []bool{true, false} {
		tr := newT(t, WithAddresses(srv.URL), WithCompression(compress))
		resp, err := perform(t, tr, &Request{Method: "GET", Path: "/_count"})
		if err != nil {
			t.Fatal(err)
		}
		var v struct{ Count int }
		err = resp.Decode(&v)
		if err == nil {
			t.Errorf("compression %v: decoded %d without an error", compress, v.Count)
		} else if !errors.Is(err, gzip.ErrChecksum) {
			t.Errorf("compression %v: error %v, want gzip.ErrChecksum", compress, err)
		}
	}
}

// TestDecodeBounded: Decode and Bytes stop at the response limit with an
// error naming it.
func TestDecodeBounded(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"a":"`+strings.Repeat("x", 1<<20)+`"}`)
	}))
	defer srv.Close()
	tr := newT(t, WithAddresses(srv.URL), WithMaxResponseBytes(1000))
	for _, read := range []func(*Response) error{
		func(r *Response) error { var v any; return r.Decode(&v) },
		func(r *Response) error { _, err := r.Bytes(); return err },
	} {
		resp, err := perform(t, tr, &Request{Path: "/"})
		if err != nil {
			t.Fatal(err)
		}
		err = read(resp)
		if !errors.Is(err, ErrResponseTooLarge) || !strings.Contains(err.Error(), "1000 bytes") {
			t.Errorf("err = %v, want ErrResponseTooLarge naming the limit", err)
		}
	}
}

// TestHeaderCRLFRefusedAtNew: a CR or LF in a header value is refused by
// New, without the value in the error.
func TestHeaderCRLFRefusedAtNew(t *testing.T) {
	const secret = "s3cr3t-value"
	for name, opt := range map[string]Option{
		"header":  WithHeader("X-Token", secret+"\r\nX-Evil: 1"),
		"headers": WithHeaders(http.Header{"X-Token": {secret + "\n"}}),
		"api key": WithAPIKey(secret + "\r\n"),
		"bearer":  WithBearerToken(secret + "\n"),
		"basic":   WithBasicAuth("elastic", secret+"\r\n"),
		"agent":   WithUserAgent("ua\r\n"),
	} {
		_, err := New(opt)
		var ce *ConfigError
		if !errors.As(err, &ce) {
			t.Errorf("%s: err = %v, want a *ConfigError", name, err)
			continue
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("%s: the error quotes the value: %v", name, err)
		}
	}
}

// TestInsecureTLSConfigWarns: verification turned off through
// WithTLSConfig logs the same warning as WithInsecureSkipVerify.
func TestInsecureTLSConfigWarns(t *testing.T) {
	var logs bytes.Buffer
	_, err := New(WithAddresses("https://localhost:9200"), WithTLSConfig(&tls.Config{InsecureSkipVerify: true}),
		WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "TLS certificate verification is turned off") {
		t.Errorf("no warning; logs: %q", logs.String())
	}
}

// TestHTTPToTLSPort: http:// to a TLS port says so, at once, instead of
// "connection failed: EOF" after every retry.
func TestHTTPToTLSPort(t *testing.T) {
	// A TLS server that, like Elasticsearch, closes a connection that
	// does not start with a TLS handshake.
	cert := httptest.NewTLSServer(http.NotFoundHandler())
	cfg := cert.TLS.Clone()
	cert.Close()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var conns atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			go func() {
				_ = c.(*tls.Conn).Handshake()
				c.Close()
			}()
		}
	}()
	tr := newT(t, WithAddresses("http://"+ln.Addr().String()), WithRetries(3))
	_, err = perform(t, tr, &Request{Path: "/"})
	if err == nil || !strings.Contains(err.Error(), "use https://") {
		t.Fatalf("err = %v, want a hint to use https://", err)
	}
	if errors.Is(err, ErrOutcomeUnknown) {
		t.Errorf("a plain-text request to a TLS server cannot have been applied: %v", err)
	}
	// One request and one TLS probe: no retries of a hopeless request.
	if n := conns.Load(); n > 2 {
		t.Errorf("%d connections: the request was retried", n)
	}
}

// dropListener accepts connections, reads one HTTP request's head from each
// and closes the connection without answering; a connection that starts
// with a TLS record (the transport's TLS probe) is counted apart and held
// until the client gives up, as a plain-HTTP server waiting for a request
// line does.
type dropListener struct {
	ln     net.Listener
	mu     sync.Mutex
	lines  []string // request lines, in order
	probes int
}

func newDropListener(t *testing.T) *dropListener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d := &dropListener{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go d.serve(c)
		}
	}()
	return d
}

func (d *dropListener) serve(c net.Conn) {
	defer c.Close()
	br := bufio.NewReader(c)
	first, err := br.Peek(1)
	if err != nil {
		return
	}
	if first[0] == 0x16 { // TLS handshake record
		d.mu.Lock()
		d.probes++
		d.mu.Unlock()
		_, _ = io.Copy(io.Discard, br)
		return
	}
	line, _ := br.ReadString('\n')
	d.mu.Lock()
	d.lines = append(d.lines, strings.TrimSpace(line))
	d.mu.Unlock()
	for {
		l, err := br.ReadString('\n')
		if err != nil || l == "\r\n" {
			return
		}
	}
}

func (d *dropListener) counts() (lines []string, probes int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.lines), d.probes
}

// TestDroppingNodeBudget: against the only node, which drops every
// connection after reading the request, a GET costs one detection request
// and 1 + retries attempts, with one TLS probe for the node's whole life and
// no pause beyond the retry backoff.
func TestDroppingNodeBudget(t *testing.T) {
	d := newDropListener(t)
	tr, err := New(WithAddresses("http://"+d.ln.Addr().String()), WithRetries(3))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for range 2 {
		_, err = tr.Perform(context.Background(), &Request{Path: "/i/_doc/1"})
		var ce *ConnectionError
		if !errors.As(err, &ce) {
			t.Fatalf("err = %v, want a *ConnectionError", err)
		}
	}
	elapsed := time.Since(start)
	lines, probes := d.counts()
	var detections, gets int
	for _, l := range lines {
		switch l {
		case "GET / HTTP/1.1":
			detections++
		case "GET /i/_doc/1 HTTP/1.1":
			gets++
		default:
			t.Errorf("unexpected request %q", l)
		}
	}
	// The second request comes less than a second after the failed
	// detection: it is not detected again (unless this machine is so slow
	// that a second passed).
	if detections < 1 || detections > 2 || gets != 8 {
		t.Errorf("%d detections and %d GETs, want 1 detection and 2 x 4 GETs: %q", detections, gets, lines)
	}
	if probes > 1 {
		t.Errorf("%d TLS probes of one node, want at most 1", probes)
	}
	// Backoff of 3 retries, twice, is at most 2 x 0.7 s, and the one probe
	// at most a second: only a loose bound, far below the 20 s it took.
	if elapsed > 8*time.Second {
		t.Errorf("two GETs took %s", elapsed)
	}
}

// countHandler counts the log records of each level with one message.
type countHandler struct {
	msg    string
	mu     sync.Mutex
	counts map[slog.Level]int
}

func (h *countHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h *countHandler) Handle(_ context.Context, r slog.Record) error {
	if r.Message == h.msg {
		h.mu.Lock()
		h.counts[r.Level]++
		h.mu.Unlock()
	}
	return nil
}

func (h *countHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *countHandler) WithGroup(string) slog.Handler      { return h }

func (h *countHandler) count(l slog.Level) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.counts[l]
}

// TestForcedRevivalWarnsOncePerDeadPeriod: while the only node drops every
// connection, forcing it back is a warning the first time and a debug
// record on the following attempts; once it has answered, the next dead
// period warns again.
func TestForcedRevivalWarnsOncePerDeadPeriod(t *testing.T) {
	var down atomic.Bool
	down.Store(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			c, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				c.Close()
			}
			return
		}
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	t.Cleanup(srv.Close)
	h := &countHandler{msg: "esgo: no node is alive, forcing a dead node back", counts: map[slog.Level]int{}}
	// Dead for an hour: every attempt after the first failure forces the
	// node back, whatever the speed of the machine.
	tr := newT(t, WithAddresses(srv.URL), WithRetries(3), WithDeadNodeBackoff(time.Hour, time.Hour), WithLogger(slog.New(h)))
	for range 2 {
		if _, err := perform(t, tr, &Request{Path: "/i/_doc/1"}); err == nil {
			t.Fatal("no error from a node that drops every connection")
		}
	}
	// 3 forced attempts in the first request (the first attempt found the
	// node alive), 4 in the second.
	if w, d := h.count(slog.LevelWarn), h.count(slog.LevelDebug); w != 1 || d != 6 {
		t.Errorf("%d warnings and %d debug records for 7 forced attempts, want 1 and 6", w, d)
	}
	down.Store(false)
	if _, err := perform(t, tr, &Request{Path: "/i/_doc/1"}); err != nil {
		t.Fatal(err)
	}
	down.Store(true)
	if _, err := perform(t, tr, &Request{Path: "/i/_doc/1"}); err == nil {
		t.Fatal("no error from a node that drops every connection")
	}
	if w := h.count(slog.LevelWarn); w != 2 {
		t.Errorf("%d warnings after a second dead period, want 2", w)
	}
}
