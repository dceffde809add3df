package esgo_test

import (
	"crypto/tls"
	"encoding/base64"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

// roundTripperFunc is a round tripper that is not an *http.Transport.
type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestBadConfigurationsAreConfigErrors: every configuration mistake that
// esgo.New can see is refused with a *ConfigError naming the option.
func TestBadConfigurationsAreConfigErrors(t *testing.T) {
	cid := "n:" + base64.StdEncoding.EncodeToString([]byte("host.io$es$kb"))
	rt := roundTripperFunc(func(*http.Request) (*http.Response, error) { return nil, errors.New("unused") })
	caPEM := []byte("-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n")
	for _, tc := range []struct {
		name string
		env  string // ELASTICSEARCH_URL
		opts []esgo.Option
	}{
		{"no address", "", []esgo.Option{esgo.WithAddresses()}},
		{"blank address", "", []esgo.Option{esgo.WithAddresses(" , ")}},
		{"unknown scheme", "", []esgo.Option{esgo.WithAddresses("ftp://h:1")}},
		{"bad host", "", []esgo.Option{esgo.WithAddresses("http://[::1")}},
		{"bad port", "", []esgo.Option{esgo.WithAddresses("http://h:99999")}},
		{"bad environment address", "ftp://h:1", nil},
		{"bad cloud id", "", []esgo.Option{esgo.WithCloudID("n:???")}},
		{"cloud id and addresses", "", []esgo.Option{esgo.WithCloudID(cid), esgo.WithAddresses("h:1")}},
		{"cloud id and sniffing", "", []esgo.Option{esgo.WithCloudID(cid), esgo.WithSniffOnStart(true)}},
		{"cloud id and sniff interval", "", []esgo.Option{esgo.WithCloudID(cid), esgo.WithSniffInterval(time.Minute)}},
		{"empty username", "", []esgo.Option{esgo.WithBasicAuth("", "p")}},
		{"username with a colon", "", []esgo.Option{esgo.WithBasicAuth("a:b", "p")}},
		{"password with a newline", "", []esgo.Option{esgo.WithBasicAuth("u", "p\n")}},
		{"empty api key", "", []esgo.Option{esgo.WithAPIKey("")}},
		{"empty api key id", "", []esgo.Option{esgo.WithAPIKeyID("", "k")}},
		{"api key with a newline", "", []esgo.Option{esgo.WithAPIKey("k\r\n")}},
		{"empty bearer token", "", []esgo.Option{esgo.WithBearerToken("")}},
		{"two auth methods", "", []esgo.Option{esgo.WithAPIKey("k"), esgo.WithBearerToken("t")}},
		{"url credentials and basic auth", "", []esgo.Option{esgo.WithAddresses("http://u:p@h:1"), esgo.WithBasicAuth("u", "p")}},
		{"bad header name", "", []esgo.Option{esgo.WithHeader("bad name", "v")}},
		{"header value with a newline", "", []esgo.Option{esgo.WithHeader("X-A", "v\r\nX-B: w")}},
		{"bad header in WithHeaders", "", []esgo.Option{transport.WithHeaders(http.Header{"bad name": {"v"}})}},
		{"user agent with a newline", "", []esgo.Option{esgo.WithUserAgent("a\nb")}},
		{"opaque id with a newline", "", []esgo.Option{esgo.WithOpaqueID("a\nb")}},
		{"nil round tripper", "", []esgo.Option{esgo.WithRoundTripper(nil)}},
		{"nil http client", "", []esgo.Option{esgo.WithHTTPClient(nil)}},
		{"zero connections per node", "", []esgo.Option{transport.WithConnectionsPerNode(0)}},
		{"nil serializer", "", []esgo.Option{esgo.WithSerializer(nil)}},
		{"nil selector", "", []esgo.Option{esgo.WithSelector(nil)}},
		{"negative retries", "", []esgo.Option{esgo.WithRetries(-1)}},
		{"negative backoff", "", []esgo.Option{esgo.WithRetryBackoff(-time.Second, time.Second)}},
		{"backoff base above max", "", []esgo.Option{esgo.WithRetryBackoff(2*time.Second, time.Second)}},
		{"negative request timeout", "", []esgo.Option{esgo.WithRequestTimeout(-time.Second)}},
		{"negative attempt timeout", "", []esgo.Option{esgo.WithAttemptTimeout(-time.Second)}},
		{"zero dead node factor", "", []esgo.Option{esgo.WithDeadNodeBackoff(0, time.Second)}},
		{"negative sniff interval", "", []esgo.Option{esgo.WithSniffInterval(-time.Second)}},
		{"zero sniff timeout", "", []esgo.Option{transport.WithSniffTimeout(0)}},
		{"negative min sniff interval", "", []esgo.Option{transport.WithMinSniffInterval(-time.Second)}},
		{"empty CA", "", []esgo.Option{esgo.WithCACert(nil)}},
		{"CA without a certificate", "", []esgo.Option{esgo.WithCACert(caPEM)}},
		{"missing CA file", "", []esgo.Option{esgo.WithCAFile("/nonexistent/ca.pem")}},
		{"missing client certificate", "", []esgo.Option{esgo.WithClientCertFile("/nonexistent/c.pem", "/nonexistent/k.pem")}},
		{"bad fingerprint", "", []esgo.Option{esgo.WithCertificateFingerprint("abc")}},
		{"unknown TLS version", "", []esgo.Option{esgo.WithMinTLSVersion(1)}},
		{"TLS options on a custom round tripper", "", []esgo.Option{esgo.WithRoundTripper(rt), esgo.WithInsecureSkipVerify(true)}},
		{"TLS options on a custom http client", "", []esgo.Option{esgo.WithHTTPClient(&http.Client{Transport: rt}), esgo.WithMinTLSVersion(0x0304)}},
		{"zero response limit", "", []esgo.Option{transport.WithMaxResponseBytes(0)}},
		{"unknown product check", "", []esgo.Option{esgo.WithProductCheck(transport.ProductCheck(7))}},
		{"empty cloud id", "", []esgo.Option{esgo.WithCloudID(" ")}},
		{"retry on a success status", "", []esgo.Option{esgo.WithRetryOnStatus(503, 200)}},
		{"empty client certificate", "", []esgo.Option{transport.WithClientCert(tls.Certificate{})}},
		{"compatibility major 3", "", []esgo.Option{transport.WithCompatibilityMajor(3)}},
		{"TLS maximum below the minimum", "", []esgo.Option{esgo.WithTLSConfig(&tls.Config{MaxVersion: tls.VersionTLS11})}},
		{"TLS maximum below WithMinTLSVersion", "", []esgo.Option{esgo.WithMinTLSVersion(tls.VersionTLS13), esgo.WithTLSConfig(&tls.Config{MaxVersion: tls.VersionTLS12})}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("ELASTICSEARCH_URL", tc.env)
			_, err := esgo.New(tc.opts...)
			var ce *transport.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v (%T), want a *ConfigError", err, err)
			}
			if ce.Option == "" {
				t.Errorf("the *ConfigError names no option: %v", err)
			}
		})
	}
}

// TestNewClientEmbedsAPI checks that a new client's typed API is set and
// that api.New of the client returns that same API (api.New once returned
// the client's still-nil embedded API while the client was being built).
func TestNewClientEmbedsAPI(t *testing.T) {
	c, err := esgo.New(esgo.WithAddresses("http://127.0.0.1:1"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.API == nil || c.Indices == nil {
		t.Fatal("esgo.New: client.API is nil")
	}
	if api.New(c) != c.API {
		t.Error("api.New(client) is not client.API")
	}
}
