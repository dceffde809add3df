package esgo

import (
	"crypto/tls"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/esgo/esgo/transport"
	"go.opentelemetry.io/otel/trace"
)

// Option configures a Client. Every transport.With... option is an Option
// too; the most common ones are repeated here.
type Option = transport.Option

// WithAddresses sets the node URLs, e.g. "http://localhost:9200",
// "https://user:pass@es.example.com:9243". See transport.ParseAddress.
func WithAddresses(urls ...string) Option { return transport.WithAddresses(urls...) }

// WithCloudID connects to an Elastic Cloud deployment by its Cloud ID.
func WithCloudID(id string) Option { return transport.WithCloudID(id) }

// WithBasicAuth authenticates with a username and password.
func WithBasicAuth(username, password string) Option {
	return transport.WithBasicAuth(username, password)
}

// WithAPIKey authenticates with an encoded API key (base64 of "id:key").
func WithAPIKey(encoded string) Option { return transport.WithAPIKey(encoded) }

// WithAPIKeyID authenticates with an API key given as id and key.
func WithAPIKeyID(id, key string) Option { return transport.WithAPIKeyID(id, key) }

// WithBearerToken authenticates with a bearer token.
func WithBearerToken(token string) Option { return transport.WithBearerToken(token) }

// WithServiceToken authenticates with a service account token (sent as a
// bearer token).
func WithServiceToken(token string) Option { return transport.WithBearerToken(token) }

// WithRoundTripper sends requests through rt instead of the built-in tuned
// http.Transport (transport.WithRoundTripper). TLS options are applied to a
// clone of rt when it is an *http.Transport, and are an error with any
// other round tripper.
func WithRoundTripper(rt http.RoundTripper) Option { return transport.WithRoundTripper(rt) }

// WithHTTPClient sends requests with hc.
func WithHTTPClient(hc *http.Client) Option { return transport.WithHTTPClient(hc) }

// WithLogger logs through l (retries, node failures, sniffing, server
// warnings; every request at Debug level). Secrets are never logged.
func WithLogger(l *slog.Logger) Option { return transport.WithLogger(l) }

// WithTrace writes every request to w as a runnable curl command, secrets
// redacted, followed by the response as comments.
func WithTrace(w io.Writer) Option { return transport.WithTrace(w) }

// WithTracerProvider creates an OpenTelemetry span per request through
// tp. Without it the client creates no spans; pass otel.GetTracerProvider()
// to use the application's global provider (see
// transport.WithTracerProvider for why that is not the default).
func WithTracerProvider(tp trace.TracerProvider) Option { return transport.WithTracerProvider(tp) }

// WithHeader adds a header to every request.
func WithHeader(key, value string) Option { return transport.WithHeader(key, value) }

// WithOpaqueID sets a default X-Opaque-Id header.
func WithOpaqueID(id string) Option { return transport.WithOpaqueID(id) }

// WithUserAgent replaces the User-Agent header.
func WithUserAgent(ua string) Option { return transport.WithUserAgent(ua) }

// WithCompression gzips request bodies and accepts gzipped responses.
func WithCompression(on bool) Option { return transport.WithCompression(on) }

// WithRetries sets how many times a request is retried (default 3).
func WithRetries(n int) Option { return transport.WithRetries(n) }

// WithRetryOnStatus sets the statuses that are retried (default 429, 502,
// 503, 504).
func WithRetryOnStatus(statuses ...int) Option { return transport.WithRetryOnStatus(statuses...) }

// WithRetryOnTimeout also retries attempts that timed out.
func WithRetryOnTimeout(on bool) Option { return transport.WithRetryOnTimeout(on) }

// WithRetryBackoff sets the base and maximum retry pause.
func WithRetryBackoff(base, maxDelay time.Duration) Option {
	return transport.WithRetryBackoff(base, maxDelay)
}

// WithRequestTimeout bounds each call, retries included (default 30s).
func WithRequestTimeout(d time.Duration) Option { return transport.WithRequestTimeout(d) }

// WithAttemptTimeout bounds each attempt on its own (off by default).
func WithAttemptTimeout(d time.Duration) Option { return transport.WithAttemptTimeout(d) }

// WithDeadNodeBackoff sets how long failed nodes are left out.
func WithDeadNodeBackoff(factor, maxTimeout time.Duration) Option {
	return transport.WithDeadNodeBackoff(factor, maxTimeout)
}

// WithSelector replaces the round-robin node selection.
func WithSelector(s transport.Selector) Option { return transport.WithSelector(s) }

// WithSerializer replaces the JSON serializer.
func WithSerializer(s transport.Serializer) Option { return transport.WithSerializer(s) }

// WithSniffOnStart discovers the cluster's nodes before the first request.
func WithSniffOnStart(on bool) Option { return transport.WithSniffOnStart(on) }

// WithSniffOnFailure rediscovers the nodes when one fails.
func WithSniffOnFailure(on bool) Option { return transport.WithSniffOnFailure(on) }

// WithSniffInterval rediscovers the nodes every d.
func WithSniffInterval(d time.Duration) Option { return transport.WithSniffInterval(d) }

// WithCACert trusts the PEM-encoded CA certificates.
func WithCACert(pem []byte) Option { return transport.WithCACert(pem) }

// WithCAFile trusts the CA certificates in a PEM file.
func WithCAFile(path string) Option { return transport.WithCAFile(path) }

// WithClientCertFile presents a client certificate (mutual TLS).
func WithClientCertFile(certFile, keyFile string) Option {
	return transport.WithClientCertFile(certFile, keyFile)
}

// WithCertificateFingerprint pins the server certificate by its SHA-256
// fingerprint.
func WithCertificateFingerprint(sha256hex string) Option {
	return transport.WithCertificateFingerprint(sha256hex)
}

// WithMinTLSVersion sets the minimum TLS version, e.g. tls.VersionTLS13.
func WithMinTLSVersion(v uint16) Option { return transport.WithMinTLSVersion(v) }

// WithTLSConfig uses cfg as the base TLS configuration.
func WithTLSConfig(cfg *tls.Config) Option { return transport.WithTLSConfig(cfg) }

// WithInsecureSkipVerify turns certificate verification off (logged as a
// warning; never in production).
func WithInsecureSkipVerify(on bool) Option { return transport.WithInsecureSkipVerify(on) }

// WithProductCheck sets the reaction to a server that is not Elasticsearch
// (transport.ProductCheckOff by default, Warn, or Strict).
func WithProductCheck(p transport.ProductCheck) Option { return transport.WithProductCheck(p) }
