package transport

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

// Version is the version of this library, sent in User-Agent and
// x-elastic-client-meta.
const Version = "0.1.0"

// Transport sends requests to a pool of nodes with retries, dead-node
// tracking, optional sniffing, compression, authentication and server
// detection. It is safe for concurrent use; create one and share it.
type Transport struct {
	cfg    *config
	pool   *pool
	client *http.Client
	logger *slog.Logger
	tracer trace.Tracer

	username, password string
	authHeader         string
	header             http.Header
	userAgent          string
	meta               string
	cloud              bool

	startOnce sync.Once

	infoSem  chan struct{} // held by the one detection running
	info     atomic.Pointer[ServerInfo]
	infoNext atomic.Int64 // unix nanos before which detection is not retried

	sniffing   atomic.Bool
	sniffAgain atomic.Bool
	// Follow-up sniffs after a sniff that found fewer nodes than before.
	sniffFollow atomic.Bool
	sniffMax    atomic.Int64
	sniffMisses atomic.Int32
	lastSniff   atomic.Int64 // unix nanos

	warnedProduct atomic.Bool
}

// New returns a Transport configured by opts. Configuration mistakes (a bad
// URL, two authentication methods, a Cloud ID together with addresses or
// sniffing, unreadable certificates) are reported here as *ConfigError.
func New(opts ...Option) (*Transport, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(cfg); err != nil {
			return nil, err
		}
	}
	t := &Transport{cfg: cfg, logger: cfg.logger, infoSem: make(chan struct{}, 1)}
	if t.logger == nil {
		t.logger = slog.New(slog.DiscardHandler)
	}
	if err := t.setup(); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *Transport) setup() error {
	cfg := t.cfg
	var addrs []Address
	if cfg.cloudID != "" {
		if len(cfg.addresses) > 0 {
			return &ConfigError{Option: "WithCloudID", Err: errors.New("cannot be combined with WithAddresses")}
		}
		if cfg.sniffOnStart || cfg.sniffOnFailure || cfg.sniffInterval > 0 {
			return &ConfigError{Option: "WithCloudID", Err: errors.New("cannot be combined with sniffing (the cloud proxy hides the nodes)")}
		}
		cid, err := ParseCloudID(cfg.cloudID)
		if err != nil {
			return &ConfigError{Option: "WithCloudID", Err: err}
		}
		a, err := ParseAddress(cid.URL())
		if err != nil {
			return &ConfigError{Option: "WithCloudID", Err: err}
		}
		addrs = append(addrs, a)
		t.cloud = true
	} else {
		raw := cfg.addresses
		option := "WithAddresses"
		if len(raw) == 0 {
			if env := os.Getenv("ELASTICSEARCH_URL"); strings.TrimSpace(env) != "" {
				option = "ELASTICSEARCH_URL"
				for s := range strings.SplitSeq(env, ",") {
					if s = strings.TrimSpace(s); s != "" {
						raw = append(raw, s)
					}
				}
			} else {
				raw = []string{DefaultAddress}
			}
		}
		for _, s := range raw {
			a, err := ParseAddress(s)
			if err != nil {
				return &ConfigError{Option: option, Value: redactAddress(s), Err: err}
			}
			addrs = append(addrs, a)
		}
	}
	urlCreds := false
	for _, a := range addrs {
		if a.Username != "" {
			urlCreds = true
		}
	}
	methods := slices.Clone(cfg.authSet)
	if urlCreds {
		methods = append(methods, "credentials in the URL")
	}
	if len(methods) > 1 {
		return &ConfigError{Option: "authentication", Err: fmt.Errorf("use one method, not %s", strings.Join(methods, " and "))}
	}
	t.username, t.password, t.authHeader = cfg.username, cfg.password, cfg.authHeader

	if cfg.shuffle {
		rand.Shuffle(len(addrs), func(i, j int) { addrs[i], addrs[j] = addrs[j], addrs[i] })
	}
	sel := cfg.selector
	if sel == nil {
		sel = &RoundRobin{}
	}
	t.pool = &pool{selector: sel, deadFactor: cfg.deadFactor, deadMax: cfg.deadMax, now: time.Now}
	t.pool.onRevive = func(n *Node, first bool) {
		// A warning once per dead period (until a node answers); the
		// attempts that follow force nodes back too, logged at Debug.
		level := slog.LevelDebug
		if first {
			level = slog.LevelWarn
		}
		t.logger.Log(context.Background(), level, "esgo: no node is alive, forcing a dead node back", "node", n.URL())
	}
	t.pool.replace(addrs)

	tlsCfg, err := cfg.buildTLS()
	if err != nil {
		return err
	}
	if cfg.insecure || (tlsCfg != nil && tlsCfg.InsecureSkipVerify && cfg.fingerprint == "" && tlsCfg.VerifyConnection == nil && tlsCfg.VerifyPeerCertificate == nil) {
		t.logger.Warn("esgo: TLS certificate verification is turned off; connections can be intercepted")
	}
	if err := cfg.checkHeaders(); err != nil {
		return err
	}
	switch {
	case cfg.httpClient != nil:
		hc := *cfg.httpClient
		rt, err := cfg.applyTLS(hc.Transport, tlsCfg, "WithHTTPClient")
		if err != nil {
			return err
		}
		hc.Transport = rt
		t.client = &hc
	case cfg.roundTripper != nil:
		rt, err := cfg.applyTLS(cfg.roundTripper, tlsCfg, "WithRoundTripper")
		if err != nil {
			return err
		}
		t.client = &http.Client{Transport: rt}
	default:
		t.client = &http.Client{Transport: newHTTPTransport(tlsCfg, cfg.connsPerNode)}
	}

	t.header = cfg.header.Clone()
	t.userAgent = cfg.userAgent
	if t.userAgent == "" {
		t.userAgent = fmt.Sprintf("esgo/%s (%s; %s; %s)", Version, runtime.GOOS, runtime.GOARCH, runtime.Version())
	}
	if cfg.clientMeta {
		t.meta = "es=" + Version + ",go=" + strings.TrimPrefix(runtime.Version(), "go") + ",t=" + Version + ",hc=" + strings.TrimPrefix(runtime.Version(), "go")
	}
	tp := cfg.tracer
	if tp == nil {
		tp = noop.NewTracerProvider() // spans only through a provider the caller gives (see WithTracerProvider)
	}
	t.tracer = tp.Tracer("github.com/esgo/esgo/transport", trace.WithInstrumentationVersion(Version))
	return nil
}

// NodeStats returns a snapshot of every node's state and counters.
func (t *Transport) NodeStats() []NodeStats {
	nodes := t.pool.snapshot()
	out := make([]NodeStats, len(nodes))
	for i, n := range nodes {
		out[i] = n.Stats()
	}
	return out
}

// Close releases idle connections. The Transport stays usable.
func (t *Transport) Close() error {
	t.client.CloseIdleConnections()
	return nil
}

// cancelOnClose releases the request's context when the body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
	once   sync.Once
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.once.Do(c.cancel)
	return err
}

// Perform sends req to a node, retrying on other nodes as configured, and
// returns the response whatever its status. The caller must Close the
// response (or Decode it). Errors are *ConnectionError, *TimeoutError,
// *TLSError, *SerializationError or *ProductError, or the context's error.
func (t *Transport) Perform(ctx context.Context, req *Request) (*Response, error) {
	if req == nil {
		return nil, errors.New("transport: nil Request")
	}
	timeout := t.cfg.requestTimeout
	if req.Timeout > 0 {
		timeout = req.Timeout
	}
	cancel := context.CancelFunc(func() {})
	if timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, timeout)
	}
	t.start(ctx)
	resp, err := t.perform(ctx, req, false)
	if err != nil {
		cancel()
		return nil, err
	}
	if resp.Body == nil {
		resp.Body = http.NoBody
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// start runs the one-time work before the first request: sniffing on start
// and, lazily, server detection and interval sniffing.
func (t *Transport) start(ctx context.Context) {
	t.startOnce.Do(func() {
		if t.cfg.sniffOnStart {
			if err := t.Sniff(ctx); err != nil {
				t.logger.Warn("esgo: sniffing on start failed", "error", err)
			}
		}
	})
	if t.cfg.detect && t.info.Load() == nil && time.Now().UnixNano() >= t.infoNext.Load() {
		_, _ = t.detect(ctx)
	}
	if iv := t.cfg.sniffInterval; iv > 0 && time.Since(time.Unix(0, t.lastSniff.Load())) >= iv {
		t.sniffAsync(false)
	}
}

func (t *Transport) maxRetries(req *Request) int {
	if req.MaxRetries != nil {
		return max(*req.MaxRetries, 0)
	}
	return t.cfg.maxRetries
}

// perform runs the attempt loop. internal requests (detection, sniffing)
// get no compatibility headers and no product check.
func (t *Transport) perform(ctx context.Context, req *Request, internal bool) (resp *Response, err error) {
	ctx, span := t.startSpan(ctx, req)
	defer func() { t.endSpan(span, resp, err) }()

	contentType := req.Header.Get("Content-Type")
	body, err := EncodeBody(t.cfg.serializer, req.Body, isNDJSON(contentType))
	if err != nil {
		return nil, err
	}
	plain := body
	gzipped := false
	if t.cfg.compress && len(body) > 0 {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, _ = zw.Write(body)
		if err := zw.Close(); err != nil {
			return nil, &SerializationError{Op: "encode", Err: fmt.Errorf("gzip: %w", err)}
		}
		body, gzipped = buf.Bytes(), true
	}
	hdr := t.headers(req, len(body) > 0, gzipped, internal)

	retries := t.maxRetries(req)
	for attempt := 0; ; attempt++ {
		node, err := t.pool.next()
		if err != nil {
			return nil, err
		}
		resp, sent, err := t.attempt(ctx, node, req, hdr, body, plain, internal)
		var wait time.Duration
		if err != nil {
			retryable := false
			var te *TimeoutError
			var ce *ConnectionError
			switch {
			case errors.As(err, &te):
				retryable = t.cfg.retryOnTimeout
				if ctx.Err() == nil { // the node, not our deadline, timed out
					t.nodeFailed(node, err)
				}
			case errors.As(err, &ce):
				retryable = !ce.wrongScheme
				t.nodeFailed(node, err)
			}
			if sent && !req.repeatable() && !errors.As(err, new(*ProductError)) {
				// The server may have applied it: sending it again could
				// apply it twice (a bulk, an update) or skip a page (a
				// scroll). The caller decides.
				return nil, &OutcomeUnknownError{Method: methodOf(req), Path: req.Path, Node: node.URL(), Err: err}
			}
			if !retryable || attempt >= retries || ctx.Err() != nil {
				return nil, err
			}
			wait = RetryBackoff(t.cfg.backoffBase, t.cfg.backoffMax, attempt+1)
			t.logger.Info("esgo: retrying request", "method", req.Method, "path", req.Path, "node", node.URL(), "attempt", attempt+1, "error", err, "backoff", wait)
			span.AddEvent("retry", trace.WithAttributes(attrRetry(attempt+1, node.URL(), err.Error())...))
			if !sleepCtx(ctx, wait) {
				return nil, err
			}
			continue
		}
		if !slices.Contains(t.cfg.retryOnStatus, resp.StatusCode) || attempt >= retries || slices.Contains(req.Ignore, resp.StatusCode) {
			if resp.StatusCode < 500 || resp.StatusCode == http.StatusInternalServerError {
				if t.pool.markAlive(node) {
					t.logger.Info("esgo: node is alive again", "node", node.URL())
				}
			}
			return resp, nil
		}
		node.errors.Add(1)
		if resp.StatusCode != http.StatusTooManyRequests {
			t.nodeFailed(node, fmt.Errorf("status %d", resp.StatusCode))
		}
		wait = RetryBackoff(t.cfg.backoffBase, t.cfg.backoffMax, attempt+1)
		if ra, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			wait = ra
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) <= wait {
			// Waiting would pass the deadline: the response is the answer.
			return resp, nil
		}
		// Keep the (small) error body in memory, free the connection.
		data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		_ = resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(data))
		t.logger.Info("esgo: retrying request", "method", req.Method, "path", req.Path, "node", node.URL(), "attempt", attempt+1, "status", resp.StatusCode, "backoff", wait)
		span.AddEvent("retry", trace.WithAttributes(attrRetry(attempt+1, node.URL(), "status "+strconv.Itoa(resp.StatusCode))...))
		if !sleepCtx(ctx, wait) {
			return resp, nil
		}
	}
}

// nodeFailed marks n dead and triggers sniffing on failure if enabled.
func (t *Transport) nodeFailed(n *Node, cause error) {
	d := t.pool.markDead(n)
	t.logger.Warn("esgo: node marked dead", "node", n.URL(), "for", d, "error", cause)
	if t.cfg.sniffOnFailure {
		last := time.Unix(0, t.lastSniff.Load())
		if time.Since(last) >= t.cfg.minSniffInterval {
			t.sniffAsync(true)
		}
	}
}

// headers builds the headers shared by all attempts of a request.
func (t *Transport) headers(req *Request, hasBody, gzipped, internal bool) http.Header {
	h := t.header.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Set("User-Agent", t.userAgent)
	h.Set("Accept", ContentTypeJSON)
	if hasBody {
		h.Set("Content-Type", ContentTypeJSON)
	}
	helperMeta := ""
	for k, vs := range req.Header {
		if http.CanonicalHeaderKey(k) == "X-Elastic-Client-Meta" {
			helperMeta = strings.Join(vs, ",")
			continue
		}
		h[http.CanonicalHeaderKey(k)] = slices.Clone(vs)
	}
	if t.meta != "" {
		meta := t.meta
		if helperMeta != "" {
			meta += "," + helperMeta
		}
		h.Set("X-Elastic-Client-Meta", meta)
	} else if helperMeta != "" {
		h.Set("X-Elastic-Client-Meta", helperMeta)
	}
	if !hasBody {
		h.Del("Content-Type")
	}
	if gzipped {
		h.Set("Content-Encoding", "gzip")
	}
	switch {
	case t.username != "":
		h.Set("Authorization", "Basic "+base64Std(t.username+":"+t.password))
	case t.authHeader != "":
		h.Set("Authorization", t.authHeader)
	}
	if t.cfg.compress {
		h.Set("Accept-Encoding", "gzip")
	}
	if !internal {
		if major := t.compatMajor(); major > 0 {
			compat := "; compatible-with=" + strconv.Itoa(major)
			if h.Get("Accept") == ContentTypeJSON {
				h.Set("Accept", "application/vnd.elasticsearch+json"+compat)
			}
			switch ct := h.Get("Content-Type"); {
			case ct == ContentTypeJSON:
				h.Set("Content-Type", "application/vnd.elasticsearch+json"+compat)
			case isNDJSON(ct) && !strings.Contains(ct, "compatible-with"):
				h.Set("Content-Type", "application/vnd.elasticsearch+x-ndjson"+compat)
			}
		}
	}
	return h
}

// compatMajor returns the major for the compatibility headers, 0 for none.
func (t *Transport) compatMajor() int {
	switch m := t.cfg.compatMajor; {
	case m < 0:
		return 0
	case m > 0:
		return m
	}
	info := t.info.Load()
	if info == nil || info.Product != ProductElasticsearch || info.Major < 8 {
		return 0
	}
	return info.Major
}

func methodOf(req *Request) string {
	if req.Method == "" {
		return http.MethodGet
	}
	return req.Method
}

// attempt sends one HTTP request to node. sent reports whether the request
// may have reached the server (its headers were written to the connection):
// after a failure, a request that was not sent is always safe to retry.
func (t *Transport) attempt(ctx context.Context, node *Node, req *Request, hdr http.Header, body, plain []byte, internal bool) (resp *Response, sent bool, err error) {
	u := *node.url
	// req.Path is already escaped: keep it byte for byte as RawPath.
	u.RawPath = node.url.EscapedPath() + req.Path
	if p, err := url.PathUnescape(u.RawPath); err == nil {
		u.Path = p
	} else {
		u.Path = u.RawPath
	}
	if len(req.Query) > 0 {
		u.RawQuery = req.Query.Encode()
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	actx := ctx
	acancel := context.CancelFunc(func() {})
	if d := t.cfg.attemptTimeout; d > 0 {
		actx, acancel = context.WithTimeout(ctx, d)
	}
	var wrote atomic.Bool
	actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{WroteHeaders: func() { wrote.Store(true) }})
	hreq, err := http.NewRequestWithContext(actx, method, u.String(), rd)
	if err != nil {
		acancel()
		return nil, false, &ConnectionError{Node: node.URL(), Err: err}
	}
	// hdr is shared by the attempts and never modified; credentials of the
	// node's own URL need a copy.
	hreq.Header = hdr
	if node.username != "" {
		hreq.Header = hdr.Clone()
		hreq.SetBasicAuth(node.username, node.password)
	}
	if body != nil {
		hreq.ContentLength = int64(len(body))
		hreq.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	}

	start := time.Now()
	node.requests.Add(1)
	hresp, err := t.client.Do(hreq)
	elapsed := time.Since(start)
	node.latencyNS.Add(int64(elapsed))
	if err != nil {
		acancel()
		node.errors.Add(1)
		if ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
			err = &TimeoutError{Node: node.URL(), Err: fmt.Errorf("attempt timeout %s: %w", t.cfg.attemptTimeout, context.DeadlineExceeded)}
		} else {
			err = classify(ctx, node.URL(), err)
		}
		sent := wrote.Load()
		var ce *ConnectionError
		if errors.As(err, &ce) && node.url.Scheme == "http" && t.nodeSpeaksTLS(ctx, node, ce.Err, elapsed) {
			ce.wrongScheme = true
			ce.Err = fmt.Errorf("%w (the node answers with TLS: use https:// in its address)", ce.Err)
			sent = false // a TLS server applies nothing it reads in plain text
		}
		if t.logger.Enabled(ctx, slog.LevelDebug) {
			t.logger.Debug("esgo: request failed", "method", method, "url", RedactURL(u.String()), "error", err, "duration", elapsed)
		}
		if t.cfg.trace != nil {
			t.writeTrace(hreq, plain, nil, nil, elapsed, err)
		}
		return nil, sent, err
	}
	node.answered.Store(true)
	// The attempt's context must live until the body is read.
	hresp.Body = &cancelOnClose{ReadCloser: hresp.Body, cancel: acancel}
	resp = &Response{StatusCode: hresp.StatusCode, Header: hresp.Header, Body: hresp.Body,
		Warnings: hresp.Header.Values("Warning"), Node: node.URL(), serializer: t.cfg.serializer, limit: t.cfg.maxResponseBytes}
	if strings.EqualFold(hresp.Header.Get("Content-Encoding"), "gzip") && method != http.MethodHead {
		zr, err := newGzipBody(hresp.Body)
		if err != nil {
			_ = hresp.Body.Close()
			node.errors.Add(1)
			return nil, true, &SerializationError{Node: node.URL(), Op: "decode", Err: fmt.Errorf("gzip response: %w", err)}
		}
		resp.Body = zr
		resp.Header.Del("Content-Encoding")
		resp.Header.Del("Content-Length")
	}
	for _, w := range resp.Warnings {
		t.logger.Warn("esgo: server warning", "node", node.URL(), "path", req.Path, "warning", w)
	}
	if t.logger.Enabled(ctx, slog.LevelDebug) {
		t.logger.Debug("esgo: request", "method", method, "url", RedactURL(u.String()), "status", resp.StatusCode, "duration", elapsed)
	}
	if t.cfg.trace != nil {
		data, rerr := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		rest := resp.Body
		resp.Body = readCloser{io.MultiReader(bytes.NewReader(data), rest), rest}
		if rerr != nil {
			data = append(data, []byte("\n[error reading body: "+rerr.Error()+"]")...)
		}
		t.writeTrace(hreq, plain, resp, data, elapsed, nil)
	}
	if !internal && resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if err := t.checkProduct(resp); err != nil {
			_ = resp.Close()
			return nil, true, err
		}
	}
	return resp, true, nil
}

// nodeSpeaksTLS reports whether node, reached with http://, is a TLS
// server, so that err (an EOF or reset) says so. The node is probed once, on
// its first such failure and only if it never answered HTTP; the answer is
// kept, so that a node that drops every connection costs one probe, not one
// per attempt.
func (t *Transport) nodeSpeaksTLS(ctx context.Context, node *Node, err error, exchange time.Duration) bool {
	if node.answered.Load() || !tlsLikeFailure(err) {
		return false
	}
	switch node.tlsProbe.Load() {
	case probeTLS:
		return true
	case probeNone:
		if !node.tlsProbe.CompareAndSwap(probeNone, probeRunning) {
			return false // another request is probing
		}
		state := probePlain
		if speaksTLS(ctx, node.url.Host, exchange) {
			state = probeTLS
		}
		node.tlsProbe.Store(state)
		return state == probeTLS
	}
	return false
}

type readCloser struct {
	io.Reader
	io.Closer
}

// gzipBody decompresses a response body and closes the underlying body.
type gzipBody struct {
	zr   *gzip.Reader
	body io.ReadCloser
}

func newGzipBody(body io.ReadCloser) (*gzipBody, error) {
	zr, err := gzip.NewReader(body)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return &gzipBody{body: body}, nil
		}
		return nil, err
	}
	return &gzipBody{zr: zr, body: body}, nil
}

func (g *gzipBody) Read(p []byte) (int, error) {
	if g.zr == nil {
		return 0, io.EOF
	}
	return g.zr.Read(p)
}

func (g *gzipBody) Close() error { return g.body.Close() }

// classify turns an http.Client error into a typed error naming the node.
func classify(ctx context.Context, node string, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		if errors.Is(ctxErr, context.DeadlineExceeded) {
			return &TimeoutError{Node: node, Err: ctxErr}
		}
		return fmt.Errorf("transport: request to %s: %w", node, ctxErr)
	}
	if isTLSError(err) {
		return &TLSError{Node: node, Err: unwrapURLError(err)}
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return &TimeoutError{Node: node, Err: unwrapURLError(err)}
	}
	return &ConnectionError{Node: node, Err: unwrapURLError(err)}
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}
