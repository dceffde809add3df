package transport

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"time"
)

// FingerprintMismatchError reports a server whose certificate chain holds no
// certificate with the pinned SHA-256 fingerprint.
type FingerprintMismatchError struct {
	// Want is the pinned fingerprint; Got lists those of the presented chain.
	Want string
	Got  []string
}

// Error implements error.
func (e *FingerprintMismatchError) Error() string {
	return fmt.Sprintf("no certificate in the server's chain has fingerprint %s (got %s)", e.Want, strings.Join(e.Got, ", "))
}

func base64Std(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func normalizeFingerprint(s string) (string, error) {
	f := strings.ToLower(strings.NewReplacer(":", "", " ", "").Replace(strings.TrimSpace(s)))
	f = strings.TrimPrefix(f, "sha256/")
	b, err := hex.DecodeString(f)
	if err != nil || len(b) != sha256.Size {
		return "", errors.New("want a hex SHA-256 fingerprint (64 hex digits, colons allowed)")
	}
	return f, nil
}

// buildTLS returns the TLS configuration from the options, or nil when the
// defaults (system roots, TLS 1.2+) apply.
func (c *config) buildTLS() (*tls.Config, error) {
	cfg := c.tlsConfig
	if cfg == nil {
		cfg = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	if c.minTLS != 0 {
		cfg.MinVersion = c.minTLS
	}
	if len(c.caPEM) > 0 || len(c.caFiles) > 0 {
		pool := x509.NewCertPool()
		for i, pem := range c.caPEM {
			if !pool.AppendCertsFromPEM(pem) {
				return nil, &ConfigError{Option: "WithCACert", Value: fmt.Sprint("certificate #", i+1), Err: errors.New("no PEM certificate found")}
			}
		}
		for _, f := range c.caFiles {
			pem, err := os.ReadFile(f)
			if err != nil {
				return nil, &ConfigError{Option: "WithCAFile", Value: f, Err: err}
			}
			if !pool.AppendCertsFromPEM(pem) {
				return nil, &ConfigError{Option: "WithCAFile", Value: f, Err: errors.New("no PEM certificate found")}
			}
		}
		cfg.RootCAs = pool
	}
	if c.certFile != "" || c.keyFile != "" {
		cert, err := tls.LoadX509KeyPair(c.certFile, c.keyFile)
		if err != nil {
			return nil, &ConfigError{Option: "WithClientCertFile", Value: c.certFile, Err: err}
		}
		cfg.Certificates = append(cfg.Certificates, cert)
	}
	if c.clientCert != nil {
		cfg.Certificates = append(cfg.Certificates, *c.clientCert)
	}
	if c.fingerprint != "" {
		want := c.fingerprint
		// The pin replaces chain and host name verification, as in the
		// other Elasticsearch clients; the pinned certificate may be any
		// certificate of the chain (leaf or CA).
		cfg.InsecureSkipVerify = true
		cfg.VerifyConnection = func(cs tls.ConnectionState) error {
			var got []string
			for _, cert := range cs.PeerCertificates {
				sum := sha256.Sum256(cert.Raw)
				h := hex.EncodeToString(sum[:])
				if h == want {
					return nil
				}
				got = append(got, h)
			}
			return &FingerprintMismatchError{Want: want, Got: got}
		}
	}
	if c.insecure {
		cfg.InsecureSkipVerify = true
	}
	minVersion := cfg.MinVersion
	if minVersion == 0 {
		minVersion = tls.VersionTLS12 // crypto/tls's default for clients
	}
	if cfg.MaxVersion != 0 && cfg.MaxVersion < minVersion {
		return nil, &ConfigError{Option: "WithTLSConfig", Value: fmt.Sprintf("max 0x%04x, min 0x%04x", cfg.MaxVersion, cfg.MinVersion), Err: errors.New("maximum TLS version below the minimum")}
	}
	return cfg, nil
}

// tlsOptionsGiven reports whether any TLS option was used.
func (c *config) tlsOptionsGiven() bool {
	return c.tlsConfig != nil || len(c.caPEM) > 0 || len(c.caFiles) > 0 || c.certFile != "" || c.keyFile != "" ||
		c.clientCert != nil || c.fingerprint != "" || c.minTLS != 0 || c.insecure
}

// applyTLS puts the TLS options into a user-supplied round tripper. An
// *http.Transport (or nil, meaning http.DefaultTransport) is cloned and
// given the configuration; any other round tripper cannot take it, which is
// an error rather than a silently ignored option.
func (c *config) applyTLS(rt http.RoundTripper, tlsCfg *tls.Config, option string) (http.RoundTripper, error) {
	if !c.tlsOptionsGiven() {
		return rt, nil
	}
	if rt == nil {
		rt = http.DefaultTransport
	}
	ht, ok := rt.(*http.Transport)
	if !ok {
		return nil, &ConfigError{Option: option, Value: fmt.Sprintf("%T", rt),
			Err: errors.New("TLS options need the built-in transport or an *http.Transport; configure TLS on this round tripper instead")}
	}
	ht = ht.Clone()
	ht.TLSClientConfig = tlsCfg
	return ht, nil
}

// newHTTPTransport returns the tuned http.Transport used by default.
func newHTTPTransport(tlsCfg *tls.Config, connsPerNode int) *http.Transport {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           d.DialContext,
		TLSClientConfig:       tlsCfg,
		TLSHandshakeTimeout:   10 * time.Second,
		MaxIdleConns:          0, // no global limit: the per-node limit applies
		MaxIdleConnsPerHost:   connsPerNode,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
		// We handle gzip ourselves so that Content-Encoding is visible and
		// compression can be turned off.
		DisableCompression: true,
		ForceAttemptHTTP2:  false,
	}
}

// isTLSError reports whether err comes from the TLS handshake or
// certificate verification.
func isTLSError(err error) bool {
	var (
		cve  *tls.CertificateVerificationError
		ua   x509.UnknownAuthorityError
		he   x509.HostnameError
		ci   x509.CertificateInvalidError
		rhe  tls.RecordHeaderError
		ae   tls.AlertError
		fpe  *FingerprintMismatchError
		ecdh *tls.ECHRejectionError
	)
	return errors.As(err, &cve) || errors.As(err, &ua) || errors.As(err, &he) ||
		errors.As(err, &ci) || errors.As(err, &rhe) || errors.As(err, &ae) ||
		errors.As(err, &fpe) || errors.As(err, &ecdh) ||
		strings.Contains(err.Error(), "tls: ")
}

// tlsLikeFailure reports whether a plain-text exchange ended the way TLS
// servers end them: EOF, reset, or a response starting with a TLS record.
func tlsLikeFailure(err error) bool {
	return err != nil && (errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) ||
		strings.Contains(err.Error(), "malformed HTTP response \"\\x15\\x03"))
}

// tlsProbeTimeout bounds the TLS probe. A TLS server answers a ClientHello
// within a few round trips, and the failed exchange that calls for the
// probe took at least one: the probe waits 16 times as long as that
// exchange, at least 250 ms and at most a second, so that a plain-HTTP
// server that waits for a request line holds it up only briefly.
func tlsProbeTimeout(exchange time.Duration) time.Duration {
	return min(max(16*exchange, 250*time.Millisecond), time.Second)
}

// speaksTLS reports whether the node at host (reached with http://) is a
// TLS server, so that the error says so instead of only "EOF". It is asked
// only after tlsLikeFailure, and sends nothing but a TLS ClientHello;
// exchange is how long the failed exchange took.
func speaksTLS(ctx context.Context, host string, exchange time.Duration) bool {
	pctx, cancel := context.WithTimeout(ctx, tlsProbeTimeout(exchange))
	defer cancel()
	d := tls.Dialer{Config: &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS12}} // a probe: no data is sent over it
	conn, derr := d.DialContext(pctx, "tcp", host)
	if derr != nil {
		return false
	}
	_ = conn.Close()
	return true
}
