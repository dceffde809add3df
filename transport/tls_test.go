package transport

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testPKI is a throw-away CA with a server and a client certificate. The
// shared secure test server does not ask for client certificates, so mutual
// TLS is tested against an httptest server configured to require them.
type testPKI struct {
	caPEM                 []byte
	caFile                string
	server                tls.Certificate
	serverDER             []byte
	clientCert, clientKey string
}

func newTestPKI(t *testing.T) *testPKI {
	t.Helper()
	dir := t.TempDir()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "esgo test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	issue := func(cn string, usage x509.ExtKeyUsage, ips []net.IP) ([]byte, *ecdsa.PrivateKey) {
		key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IPAddresses: ips,
			KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{usage}}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
		if err != nil {
			t.Fatal(err)
		}
		return der, key
	}
	p := &testPKI{caPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})}
	p.caFile = filepath.Join(dir, "ca.pem")
	write := func(path string, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(p.caFile, p.caPEM)
	sDER, sKey := issue("127.0.0.1", x509.ExtKeyUsageServerAuth, []net.IP{net.ParseIP("127.0.0.1")})
	p.serverDER = sDER
	p.server = tls.Certificate{Certificate: [][]byte{sDER}, PrivateKey: sKey}
	cDER, cKey := issue("esgo client", x509.ExtKeyUsageClientAuth, nil)
	keyDER, _ := x509.MarshalECPrivateKey(cKey)
	p.clientCert, p.clientKey = filepath.Join(dir, "client.pem"), filepath.Join(dir, "client.key")
	write(p.clientCert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cDER}))
	write(p.clientKey, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}))
	return p
}

func tlsServer(t *testing.T, p *testPKI, cfg *tls.Config) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{}`)
	}))
	cfg.Certificates = []tls.Certificate{p.server}
	srv.TLS = cfg
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func TestMutualTLS(t *testing.T) {
	p := newTestPKI(t)
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(p.caPEM)
	srv := tlsServer(t, p, &tls.Config{ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pool})

	tr := newT(t, WithAddresses(srv.URL), WithCAFile(p.caFile), WithClientCertFile(p.clientCert, p.clientKey))
	resp, err := perform(t, tr, &Request{Method: "GET", Path: "/"})
	if err != nil {
		t.Fatalf("mutual TLS: %v", err)
	}
	resp.Close()

	tr = newT(t, WithAddresses(srv.URL), WithCACert(p.caPEM), WithRetries(0))
	_, err = perform(t, tr, &Request{Method: "GET", Path: "/"})
	var te *TLSError
	if !errors.As(err, &te) || te.Node != srv.URL {
		t.Fatalf("no client certificate: got %v, want a *TLSError naming the node", err)
	}
	if _, err := New(WithClientCertFile(p.clientCert, "/nonexistent.key")); err == nil {
		t.Fatal("a missing key file was accepted")
	}
}

func TestMinTLSVersionAndFingerprint(t *testing.T) {
	p := newTestPKI(t)
	srv := tlsServer(t, p, &tls.Config{MaxVersion: tls.VersionTLS12})
	tr := newT(t, WithAddresses(srv.URL), WithCACert(p.caPEM), WithMinTLSVersion(tls.VersionTLS13), WithRetries(0))
	_, err := perform(t, tr, &Request{Method: "GET", Path: "/"})
	var te *TLSError
	if !errors.As(err, &te) || te.Node != srv.URL {
		t.Fatalf("TLS 1.3 minimum against a TLS 1.2 server: %v, want a *TLSError naming the node", err)
	}
	tr = newT(t, WithAddresses(srv.URL), WithCACert(p.caPEM))
	resp, err := perform(t, tr, &Request{Method: "GET", Path: "/"})
	if err != nil {
		t.Fatalf("default minimum (TLS 1.2): %v", err)
	}
	resp.Close()

	// A pinned fingerprint replaces CA verification.
	sum := sha256.Sum256(p.serverDER)
	tr = newT(t, WithAddresses(srv.URL), WithCertificateFingerprint(hex.EncodeToString(sum[:])))
	resp, err = perform(t, tr, &Request{Method: "GET", Path: "/"})
	if err != nil {
		t.Fatalf("pinned leaf fingerprint: %v", err)
	}
	resp.Close()
}

func TestTLSOptionsWithUserRoundTripper(t *testing.T) {
	p := newTestPKI(t)
	srv := tlsServer(t, p, &tls.Config{})
	// An *http.Transport takes the TLS options (on a clone).
	user := &http.Transport{}
	tr := newT(t, WithAddresses(srv.URL), WithRoundTripper(user), WithCACert(p.caPEM))
	resp, err := perform(t, tr, &Request{Method: "GET", Path: "/"})
	if err != nil {
		t.Fatalf("CA applied to the user's *http.Transport: %v", err)
	}
	resp.Close()
	if user.TLSClientConfig != nil && user.TLSClientConfig.RootCAs != nil {
		t.Fatal("the user's transport was modified")
	}
	// Any other round tripper cannot take them: an error, not a silent no-op.
	_, err = New(WithRoundTripper(&recorder{}), WithCertificateFingerprint(strings.Repeat("a", 64)))
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Option != "WithRoundTripper" {
		t.Fatalf("got %v, want a *ConfigError for WithRoundTripper", err)
	}
	_, err = New(WithHTTPClient(&http.Client{}), WithCACert(p.caPEM))
	if err != nil {
		t.Fatalf("http.Client with the default transport: %v", err)
	}
}
