package transport

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"go.opentelemetry.io/otel/trace"
)

// Defaults.
const (
	DefaultMaxRetries       = 3
	DefaultRequestTimeout   = 30 * time.Second
	DefaultRetryBackoffBase = 100 * time.Millisecond
	DefaultRetryBackoffMax  = 10 * time.Second
	DefaultDeadNodeFactor   = 1 * time.Second
	DefaultDeadNodeMax      = 30 * time.Second
	DefaultConnsPerNode     = 10
	DefaultSniffTimeout     = 5 * time.Second
	DefaultMinSniffInterval = 10 * time.Second
)

// Option configures a Transport.
type Option func(*config) error

// ProductCheck says what to do when the server is not Elasticsearch.
type ProductCheck int

const (
	// ProductCheckOff (the default) works with any server: Elasticsearch of
	// any version, OpenSearch, or a proxy. The detected product is logged at
	// Debug level.
	ProductCheckOff ProductCheck = iota
	// ProductCheckWarn logs a warning once when the server is not
	// identified as Elasticsearch, and keeps working.
	ProductCheckWarn
	// ProductCheckStrict refuses every request with a *ProductError
	// unless the server identified itself as Elasticsearch.
	ProductCheckStrict
)

type config struct {
	addresses []string
	cloudID   string

	username, password string
	authSet            []string // names of the auth options used
	authHeader         string

	header     http.Header
	userAgent  string
	clientMeta bool

	roundTripper http.RoundTripper
	httpClient   *http.Client
	connsPerNode int

	logger     *slog.Logger
	trace      io.Writer
	tracer     trace.TracerProvider
	serializer Serializer
	selector   Selector
	shuffle    bool

	maxRetries     int
	retryOnStatus  []int
	retryOnTimeout bool
	backoffBase    time.Duration
	backoffMax     time.Duration
	requestTimeout time.Duration
	attemptTimeout time.Duration

	deadFactor time.Duration
	deadMax    time.Duration

	compress bool

	maxResponseBytes int64

	sniffOnStart     bool
	sniffOnFailure   bool
	sniffInterval    time.Duration
	sniffTimeout     time.Duration
	minSniffInterval time.Duration

	tlsConfig   *tls.Config
	caPEM       [][]byte
	caFiles     []string
	certFile    string
	keyFile     string
	clientCert  *tls.Certificate
	fingerprint string
	minTLS      uint16
	insecure    bool

	productCheck ProductCheck
	detect       bool
	compatMajor  int // -1 off, 0 auto, >0 forced
}

func defaultConfig() *config {
	return &config{
		header:           http.Header{},
		clientMeta:       true,
		connsPerNode:     DefaultConnsPerNode,
		serializer:       JSONSerializer{},
		maxRetries:       DefaultMaxRetries,
		retryOnStatus:    DefaultRetryOnStatus,
		backoffBase:      DefaultRetryBackoffBase,
		backoffMax:       DefaultRetryBackoffMax,
		requestTimeout:   DefaultRequestTimeout,
		deadFactor:       DefaultDeadNodeFactor,
		deadMax:          DefaultDeadNodeMax,
		sniffTimeout:     DefaultSniffTimeout,
		minSniffInterval: DefaultMinSniffInterval,
		detect:           true,
	}
}

// WithAddresses sets the node URLs ("http://host:9200", "host:9200",
// "https://user:pass@host"). Without it, ELASTICSEARCH_URL (comma separated)
// is used, else DefaultAddress.
func WithAddresses(urls ...string) Option {
	return func(c *config) error {
		for _, u := range urls {
			for s := range strings.SplitSeq(u, ",") {
				if s = strings.TrimSpace(s); s != "" {
					c.addresses = append(c.addresses, s)
				}
			}
		}
		if len(c.addresses) == 0 {
			return &ConfigError{Option: "WithAddresses", Err: errors.New("no address given")}
		}
		return nil
	}
}

// WithCloudID connects to an Elastic Cloud deployment. It cannot be combined
// with WithAddresses or sniffing; it turns compression on.
func WithCloudID(id string) Option {
	return func(c *config) error {
		if strings.TrimSpace(id) == "" {
			return &ConfigError{Option: "WithCloudID", Err: errors.New("empty Cloud ID")}
		}
		c.cloudID = id
		c.compress = true
		return nil
	}
}

func (c *config) setAuth(name, header string) {
	c.authSet = append(c.authSet, name)
	c.authHeader = header
}

// WithBasicAuth authenticates with a username and password.
func WithBasicAuth(username, password string) Option {
	return func(c *config) error {
		if username == "" {
			return &ConfigError{Option: "WithBasicAuth", Err: errors.New("empty username")}
		}
		c.username, c.password = username, password
		c.setAuth("WithBasicAuth", "")
		return nil
	}
}

// WithAPIKey authenticates with an encoded API key (the base64 "id:key"
// string Elasticsearch returns as "encoded").
func WithAPIKey(encoded string) Option {
	return func(c *config) error {
		if encoded == "" {
			return &ConfigError{Option: "WithAPIKey", Err: errors.New("empty API key")}
		}
		c.setAuth("WithAPIKey", "ApiKey "+encoded)
		return nil
	}
}

// WithAPIKeyID authenticates with an API key given as its id and key.
func WithAPIKeyID(id, key string) Option {
	return func(c *config) error {
		if id == "" || key == "" {
			return &ConfigError{Option: "WithAPIKeyID", Err: errors.New("empty id or key")}
		}
		c.setAuth("WithAPIKeyID", "ApiKey "+base64Std(id+":"+key))
		return nil
	}
}

// WithBearerToken authenticates with a bearer token (a service account
// token or an OAuth2 token).
func WithBearerToken(token string) Option {
	return func(c *config) error {
		if token == "" {
			return &ConfigError{Option: "WithBearerToken", Err: errors.New("empty token")}
		}
		c.setAuth("WithBearerToken", "Bearer "+token)
		return nil
	}
}

// WithHeader adds a header sent with every request.
func WithHeader(key, value string) Option {
	return func(c *config) error {
		if !validHeaderName(key) {
			return &ConfigError{Option: "WithHeader", Value: key, Err: errors.New("invalid header name")}
		}
		c.header.Add(key, value)
		return nil
	}
}

// WithHeaders adds headers sent with every request.
func WithHeaders(h http.Header) Option {
	return func(c *config) error {
		for k, vs := range h {
			if !validHeaderName(k) {
				return &ConfigError{Option: "WithHeaders", Value: k, Err: errors.New("invalid header name")}
			}
			for _, v := range vs {
				c.header.Add(k, v)
			}
		}
		return nil
	}
}

// WithOpaqueID sets a default X-Opaque-Id header, which Elasticsearch shows
// in tasks and slow logs.
func WithOpaqueID(id string) Option {
	return func(c *config) error { c.header.Set("X-Opaque-Id", id); return nil }
}

// WithUserAgent replaces the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(c *config) error { c.userAgent = ua; return nil }
}

// WithClientMeta turns the x-elastic-client-meta header on (the default) or off.
func WithClientMeta(on bool) Option {
	return func(c *config) error { c.clientMeta = on; return nil }
}

// WithRoundTripper sends requests through rt instead of the transport's
// tuned http.Transport. TLS options are applied to a clone of rt when it is
// an *http.Transport; with any other round tripper they are an error.
func WithRoundTripper(rt http.RoundTripper) Option {
	return func(c *config) error {
		if rt == nil {
			return &ConfigError{Option: "WithRoundTripper", Err: errors.New("nil RoundTripper")}
		}
		c.roundTripper = rt
		return nil
	}
}

// WithHTTPClient sends requests with hc (its Transport, Jar and
// CheckRedirect; its Timeout also bounds every attempt). TLS options apply
// as for WithRoundTripper.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return &ConfigError{Option: "WithHTTPClient", Err: errors.New("nil *http.Client")}
		}
		c.httpClient = hc
		return nil
	}
}

// WithConnectionsPerNode sets how many idle keep-alive connections are kept
// per node (default 10).
func WithConnectionsPerNode(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return &ConfigError{Option: "WithConnectionsPerNode", Value: fmt.Sprint(n), Err: errors.New("must be at least 1")}
		}
		c.connsPerNode = n
		return nil
	}
}

// WithLogger logs through l: retries, dead and revived nodes, sniffing and
// warnings at Info/Warn, every request at Debug. Secrets are never logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error { c.logger = l; return nil }
}

// WithTrace writes every request to w as a runnable curl command with a
// pretty-printed JSON body, followed by the response as comments.
// Authorization headers and passwords are redacted.
func WithTrace(w io.Writer) Option {
	return func(c *config) error { c.trace = w; return nil }
}

// WithTracerProvider creates an OpenTelemetry span per request through the
// OTel API. Without it the transport creates no spans. To use the
// application's global provider, pass otel.GetTracerProvider(): it follows
// a provider installed later too. The global provider is not the default
// because linking it costs every program about 200 KB (the otel package's
// global delegate links its auto-instrumentation SDK), for users who do
// not trace as much as for those who do.
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(c *config) error { c.tracer = tp; return nil }
}

// WithSerializer replaces the JSON serializer.
func WithSerializer(s Serializer) Option {
	return func(c *config) error {
		if s == nil {
			return &ConfigError{Option: "WithSerializer", Err: errors.New("nil Serializer")}
		}
		c.serializer = s
		return nil
	}
}

// WithSelector replaces the round-robin node selection.
func WithSelector(s Selector) Option {
	return func(c *config) error {
		if s == nil {
			return &ConfigError{Option: "WithSelector", Err: errors.New("nil Selector")}
		}
		c.selector = s
		return nil
	}
}

// WithShuffledAddresses shuffles the seed addresses once at start, so that
// many clients started together do not all hit the first node.
func WithShuffledAddresses(on bool) Option {
	return func(c *config) error { c.shuffle = on; return nil }
}

// WithRetries sets how many times a failed request is retried (default 3;
// 0 disables retries).
func WithRetries(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return &ConfigError{Option: "WithRetries", Value: fmt.Sprint(n), Err: errors.New("must not be negative")}
		}
		c.maxRetries = n
		return nil
	}
}

// WithRetryOnStatus replaces the statuses that are retried (default 429,
// 502, 503, 504). Only error statuses (400 to 599) are accepted: retrying
// an answer that succeeded would repeat its work.
func WithRetryOnStatus(statuses ...int) Option {
	return func(c *config) error {
		for _, s := range statuses {
			if s < 400 || s > 599 {
				return &ConfigError{Option: "WithRetryOnStatus", Value: fmt.Sprint(s), Err: errors.New("not an error status (400-599)")}
			}
		}
		c.retryOnStatus = append([]int(nil), statuses...)
		return nil
	}
}

// WithRetryOnTimeout also retries attempts that timed out (off by default:
// a timed-out write may have been applied). Only useful with a per-attempt
// timeout (WithAttemptTimeout or the Timeout of WithHTTPClient).
func WithRetryOnTimeout(on bool) Option {
	return func(c *config) error { c.retryOnTimeout = on; return nil }
}

// WithRetryBackoff sets the retry pause: before retry n the transport waits
// a random duration in [c/2, c] with c = min(maxDelay, base*2^(n-1)),
// or the server's Retry-After when it sends one (defaults 100ms and 10s).
// A zero base disables the pause.
func WithRetryBackoff(base, maxDelay time.Duration) Option {
	return func(c *config) error {
		if base < 0 || maxDelay < base {
			return &ConfigError{Option: "WithRetryBackoff", Value: fmt.Sprint(base, " ", maxDelay), Err: errors.New("need 0 <= base <= max")}
		}
		c.backoffBase, c.backoffMax = base, maxDelay
		return nil
	}
}

// WithRequestTimeout bounds each call, retries and backoff included
// (default 30s). A Request.Timeout or an earlier context deadline wins.
// Zero means no timeout besides the context's.
func WithRequestTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return &ConfigError{Option: "WithRequestTimeout", Value: d.String(), Err: errors.New("must not be negative")}
		}
		c.requestTimeout = d
		return nil
	}
}

// WithAttemptTimeout bounds each attempt on its own (off by default). A node
// that does not answer in time is marked dead, and with WithRetryOnTimeout
// the request moves on to another node while the overall timeout allows.
func WithAttemptTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return &ConfigError{Option: "WithAttemptTimeout", Value: d.String(), Err: errors.New("must not be negative")}
		}
		c.attemptTimeout = d
		return nil
	}
}

// WithDeadNodeBackoff sets how long a failed node is left out:
// min(factor * 2^(failures-1), max) (defaults 1s and 30s).
func WithDeadNodeBackoff(factor, maxTimeout time.Duration) Option {
	return func(c *config) error {
		if factor <= 0 || maxTimeout < factor {
			return &ConfigError{Option: "WithDeadNodeBackoff", Value: fmt.Sprint(factor, " ", maxTimeout), Err: errors.New("need 0 < factor <= max")}
		}
		c.deadFactor, c.deadMax = factor, maxTimeout
		return nil
	}
}

// WithCompression gzips request bodies and asks for gzipped responses.
func WithCompression(on bool) Option {
	return func(c *config) error { c.compress = on; return nil }
}

// WithSniffOnStart discovers the cluster's nodes before the first request.
func WithSniffOnStart(on bool) Option {
	return func(c *config) error { c.sniffOnStart = on; return nil }
}

// WithSniffOnFailure rediscovers the nodes when a node fails.
func WithSniffOnFailure(on bool) Option {
	return func(c *config) error { c.sniffOnFailure = on; return nil }
}

// WithSniffInterval rediscovers the nodes when d has passed since the last
// discovery (checked on each request; no background goroutine).
func WithSniffInterval(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return &ConfigError{Option: "WithSniffInterval", Value: d.String(), Err: errors.New("must not be negative")}
		}
		c.sniffInterval = d
		return nil
	}
}

// WithSniffTimeout bounds one discovery request (default 5s).
func WithSniffTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return &ConfigError{Option: "WithSniffTimeout", Value: d.String(), Err: errors.New("must be positive")}
		}
		c.sniffTimeout = d
		return nil
	}
}

// WithMinSniffInterval sets the shortest time between two discoveries
// triggered by failures (default 10s; 0 allows one per failure; a negative
// value is refused).
func WithMinSniffInterval(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return &ConfigError{Option: "WithMinSniffInterval", Value: d.String(), Err: errors.New("must not be negative")}
		}
		c.minSniffInterval = d
		return nil
	}
}

// WithTLSConfig uses cfg as the base TLS configuration (it is cloned). A
// MaxVersion below the minimum (cfg.MinVersion, WithMinTLSVersion, or TLS
// 1.2 when neither is set) is refused by New.
func WithTLSConfig(cfg *tls.Config) Option {
	return func(c *config) error { c.tlsConfig = cfg.Clone(); return nil }
}

// WithCACert trusts the PEM-encoded CA certificates (in addition to none of
// the system roots: only these are trusted).
func WithCACert(pem []byte) Option {
	return func(c *config) error {
		if len(pem) == 0 {
			return &ConfigError{Option: "WithCACert", Err: errors.New("empty PEM")}
		}
		c.caPEM = append(c.caPEM, pem)
		return nil
	}
}

// WithCAFile trusts the CA certificates in the PEM file at path.
func WithCAFile(path string) Option {
	return func(c *config) error { c.caFiles = append(c.caFiles, path); return nil }
}

// WithClientCertFile presents the client certificate and key in the PEM
// files (mutual TLS).
func WithClientCertFile(certFile, keyFile string) Option {
	return func(c *config) error { c.certFile, c.keyFile = certFile, keyFile; return nil }
}

// WithClientCert presents cert (mutual TLS); a certificate without its
// chain is refused.
func WithClientCert(cert tls.Certificate) Option {
	return func(c *config) error {
		if len(cert.Certificate) == 0 {
			return &ConfigError{Option: "WithClientCert", Err: errors.New("empty certificate")}
		}
		c.clientCert = &cert
		return nil
	}
}

// WithCertificateFingerprint trusts a server whose certificate chain holds a
// certificate with this SHA-256 fingerprint (hex, colons optional), as
// printed by Elasticsearch at first start. It replaces CA verification.
func WithCertificateFingerprint(sha256hex string) Option {
	return func(c *config) error {
		fp, err := normalizeFingerprint(sha256hex)
		if err != nil {
			return &ConfigError{Option: "WithCertificateFingerprint", Value: sha256hex, Err: err}
		}
		c.fingerprint = fp
		return nil
	}
}

// WithMinTLSVersion sets the minimum TLS version (default TLS 1.2).
func WithMinTLSVersion(v uint16) Option {
	return func(c *config) error {
		if v < tls.VersionTLS10 || v > tls.VersionTLS13 {
			return &ConfigError{Option: "WithMinTLSVersion", Value: fmt.Sprintf("0x%04x", v), Err: errors.New("unknown TLS version")}
		}
		c.minTLS = v
		return nil
	}
}

// WithInsecureSkipVerify turns certificate verification off. Never do this
// in production; the transport logs a warning when it is set.
func WithInsecureSkipVerify(on bool) Option {
	return func(c *config) error { c.insecure = on; return nil }
}

// WithProductCheck sets the reaction to a server that is not Elasticsearch.
func WithProductCheck(p ProductCheck) Option {
	return func(c *config) error {
		if p != ProductCheckOff && p != ProductCheckWarn && p != ProductCheckStrict {
			return &ConfigError{Option: "WithProductCheck", Value: fmt.Sprint(int(p)), Err: errors.New("unknown ProductCheck")}
		}
		c.productCheck = p
		return nil
	}
}

// WithServerDetection turns the detection of the server's product and
// version (one extra request before the first one) on (default) or off.
// Without detection no compatibility header is sent unless forced with
// WithCompatibilityMajor.
func WithServerDetection(on bool) Option {
	return func(c *config) error { c.detect = on; return nil }
}

// WithCompatibilityMajor forces the REST compatibility headers
// (application/vnd.elasticsearch+json; compatible-with=major). 0 restores
// the default (send the detected major to Elasticsearch 8 and later only);
// a negative value never sends them. Compatibility exists from major 7 on
// (Elasticsearch 8 reads compatible-with=7): 1 to 6 are refused.
func WithCompatibilityMajor(major int) Option {
	return func(c *config) error {
		if major > 0 && major < 7 {
			return &ConfigError{Option: "WithCompatibilityMajor", Value: fmt.Sprint(major), Err: errors.New("no REST compatibility before 7")}
		}
		c.compatMajor = major
		return nil
	}
}

// WithMaxResponseBytes bounds what Response.Decode and Response.Bytes read
// (default DefaultMaxResponseBytes, 256 MiB); a longer body fails with a
// *ResponseTooLargeError naming the limit. Reading Response.Body directly
// is never bounded.
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n < 1 {
			return &ConfigError{Option: "WithMaxResponseBytes", Value: fmt.Sprint(n), Err: errors.New("need at least 1")}
		}
		c.maxResponseBytes = n
		return nil
	}
}

// checkHeaders refuses header values that would corrupt every request
// (CR, LF or NUL), naming the header but never its value, which may be a
// secret.
func (c *config) checkHeaders() error {
	for k, vs := range c.header {
		for _, v := range vs {
			if !validHeaderValue(v) {
				return &ConfigError{Option: "WithHeader", Value: k, Err: errors.New("header value contains CR, LF or NUL")}
			}
		}
	}
	if !validHeaderValue(c.authHeader) {
		return &ConfigError{Option: strings.Join(c.authSet, ", "), Err: errors.New("credential contains CR, LF or NUL")}
	}
	if strings.ContainsAny(c.username, ":\r\n\x00") || strings.ContainsAny(c.password, "\r\n\x00") {
		return &ConfigError{Option: "WithBasicAuth", Err: errors.New("username contains a colon, CR, LF or NUL, or password contains CR, LF or NUL")}
	}
	if !validHeaderValue(c.userAgent) {
		return &ConfigError{Option: "WithUserAgent", Err: errors.New("value contains CR, LF or NUL")}
	}
	return nil
}

func validHeaderValue(v string) bool { return !strings.ContainsAny(v, "\r\n\x00") }

func validHeaderName(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if r <= ' ' || r >= 0x7f || strings.ContainsRune("\"(),/:;<=>?@[\\]{}", r) {
			return false
		}
	}
	return true
}
