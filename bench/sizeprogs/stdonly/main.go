// Command stdonly uses the standard library packages that every client
// needs (net/http with TLS, encoding/json, compress/gzip, log/slog); bench
// builds it first to warm a fresh build cache, so that the timed builds
// after it measure the clients' own packages.
package main

import (
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	u, _ := url.Parse(os.Getenv("ES_URL"))
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: x509.NewCertPool()}}
	req, err := http.NewRequestWithContext(ctx, "GET", u.String(), nil)
	if err != nil {
		slog.Error("request", "err", err)
		return
	}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		slog.Error("request", "err", err)
		return
	}
	defer resp.Body.Close()
	var r io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		if r, err = gzip.NewReader(resp.Body); err != nil {
			return
		}
	}
	var v map[string]any
	_ = json.NewDecoder(r).Decode(&v)
	fmt.Println(strconv.Itoa(len(v)))
}
