package transport

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Secrets used by the secrets tests; each must never appear in an error, a
// log line or a trace, nor in base64 (alone or as user:secret).
const (
	secretPassword = "Pa55-Secret-x9"
	secretAPIKey   = "QVBJa2V5LVNlY3JldA-key"
	secretToken    = "tok-Secret-77"
)

// leaks returns the forms of the secrets found in s.
func leaks(s string) []string {
	var found []string
	for _, sec := range []string{secretPassword, secretAPIKey, secretToken} {
		for _, form := range []string{sec, url.QueryEscape(sec), base64.StdEncoding.EncodeToString([]byte(sec)),
			base64.StdEncoding.EncodeToString([]byte("elastic:" + sec)), base64.StdEncoding.EncodeToString([]byte("u:" + sec)),
			base64.RawURLEncoding.EncodeToString([]byte(sec))} {
			if strings.Contains(s, form) {
				found = append(found, form)
			}
		}
	}
	return found
}

// malformedAddresses holds credentials in addresses that fail to parse in
// every way we could think of.
func malformedAddresses() []string {
	p := secretPassword
	return []string{
		"http://u:" + p + "@ho st:9200",
		"http://u:" + p + "@host:99999",
		"http://u:" + p + "@host:port",
		"http://u:" + p + "@host:-1",
		"ftp://u:" + p + "@host",
		"http://u:" + p + "@[::1",
		"http://u:" + p + "@host/pa th?q=1",
		"http://u:" + p + "@host#frag",
		"http://u:" + p + "@host:9200/%zz",
		"http://u:" + p + "%zz@host",
		"u:" + p + "@ho st",
		"u:" + p + "@host:x",
		"http://u:" + p + "@",
		"http://u:" + p + "@host\x7f",
		"http://u:Se@" + p + "@ho st",
		"http://u:" + p + "/x@ho st",
		"http://u:" + p + " x@ho st",
		"http://:" + p + "@host",
		"http://" + secretToken + "@ho st",
		"http://" + secretToken + "@host:0",
		"\x00http://u:" + p + "@host",
		"http://u:" + p + "@host:9200\n",
		"http//u:" + p + "@host",
		"http:/u:" + p + "@host",
		"https://u:" + p + "@host?x=" + p,
	}
}

// TestNoSecretInAddressErrors: whatever the malformed address, given to
// WithAddresses or in ELASTICSEARCH_URL, the error holds no secret.
func TestNoSecretInAddressErrors(t *testing.T) {
	for _, addr := range malformedAddresses() {
		for _, how := range []string{"option", "env"} {
			var err error
			var logs bytes.Buffer
			log := WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
			if how == "option" {
				_, err = New(WithAddresses(addr), log)
			} else {
				if strings.ContainsRune(addr, 0) {
					continue // no environment variable holds a NUL
				}
				t.Setenv("ELASTICSEARCH_URL", addr)
				_, err = New(log)
			}
			if err == nil {
				continue // some are valid, oddly; the request tests cover those
			}
			for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), logs.String()} {
				if l := leaks(s); l != nil {
					t.Errorf("%s %q: secret %q in %q", how, addr, l, s)
				}
			}
		}
	}
	// ParseAddress and RedactURL directly.
	for _, addr := range malformedAddresses() {
		if _, err := ParseAddress(addr); err != nil && leaks(err.Error()) != nil {
			t.Errorf("ParseAddress(%q): %v", addr, err)
		}
		if l := leaks(RedactURL(addr)); l != nil && !strings.Contains(addr, "?") {
			t.Errorf("RedactURL(%q) = %q", addr, RedactURL(addr))
		}
	}
}

// TestNoSecretInRequestOutput: requests that fail (node down), with every
// authentication method, log at Debug, trace, and return errors without a
// secret.
func TestNoSecretInRequestOutput(t *testing.T) {
	for name, opts := range map[string][]Option{
		"url":       {WithAddresses("http://elastic:" + secretPassword + "@127.0.0.1:1")},
		"basic":     {WithAddresses("http://127.0.0.1:1"), WithBasicAuth("elastic", secretPassword)},
		"apikey":    {WithAddresses("http://127.0.0.1:1"), WithAPIKey(secretAPIKey)},
		"apikey-id": {WithAddresses("http://127.0.0.1:1"), WithAPIKeyID("id", secretAPIKey)},
		"bearer":    {WithAddresses("http://127.0.0.1:1"), WithBearerToken(secretToken)},
		"header":    {WithAddresses("http://127.0.0.1:1"), WithHeader("Authorization", "Bearer "+secretToken)},
		"sniff":     {WithAddresses("http://elastic:" + secretPassword + "@127.0.0.1:1"), WithSniffOnStart(true)},
	} {
		var logs, trace bytes.Buffer
		opts = append(opts, WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
			WithTrace(&trace), WithRetries(1), WithRetryBackoff(time.Millisecond, time.Millisecond))
		tr, err := New(opts...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, err = tr.Perform(ctx, &Request{Method: "POST", Path: "/_search", Body: "{}", Repeat: RepeatSafe})
		cancel()
		if err == nil {
			t.Fatalf("%s: no error from a closed port", name)
		}
		for what, s := range map[string]string{"error": err.Error(), "error %#v": fmt.Sprintf("%#v", err), "logs": logs.String(), "trace": trace.String()} {
			if l := leaks(s); l != nil {
				t.Errorf("%s: secret %q in the %s: %s", name, l, what, s)
			}
		}
	}
}
