package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/esgo/esgo/eslocal/eslocaltest"
)

// TestOneRequestPath: the commands send through the generated API; only
// esgo call, the deliberate raw door, builds a transport.Request.
func TestOneRequestPath(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "call.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "transport.Request{") {
			t.Errorf("%s builds a transport.Request by hand: send through the api package", f)
		}
	}
}

// TestNoProbingRequests: a command sends the requests it needs and no
// other (no GET / or GET /_nodes/_local first).
func TestNoProbingRequests(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	r := runBin(t, nil, "", "index", "ls", "--url", url, "--trace")
	sent := regexp.MustCompile(`(?m)^curl .*$`).FindAllString(r.stderr, -1)
	if r.code != 0 || len(sent) != 1 || !strings.Contains(sent[0], "/_cat/indices") {
		t.Fatalf("esgo index ls sent %d requests:\n%s", len(sent), strings.Join(sent, "\n"))
	}
}

// TestGlobalFlagsBeforeOrAfter: the connection flags work on either side of
// the command's name.
func TestGlobalFlagsBeforeOrAfter(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	for _, args := range [][]string{
		{"--url", url, "--trace", "index", "ls"},
		{"index", "--url", url, "ls", "--trace"},
		{"index", "ls", "--url", url, "--trace"},
	} {
		r := runBin(t, nil, "", args...)
		if r.code != 0 || !strings.Contains(r.stderr, "curl -X GET '"+url+"/_cat/indices") {
			t.Errorf("esgo %s: %v", strings.Join(args, " "), r)
		}
	}
}

// TestFlagsValidatedUpFront: invalid values are usage errors (exit 2),
// refused before any request.
func TestFlagsValidatedUpFront(t *testing.T) {
	for _, args := range [][]string{
		{"bulk", "x", "-", "--workers", "-1"},
		{"bulk", "x", "-", "--batch", "-5"},
		{"bulk", "x", "-", "--skip", "-1"},
		{"bulk", "x", "-", "--format", "yaml"},
		{"bulk", "x", "-", "--progress", "fancy"},
		{"export", "x", "--slices", "-1"},
		{"export", "x", "--size", "-1"},
		{"search", "x", "--size", "-1"},
		{"search", "x", "--timeout", "-1s"},
	} {
		r := runBin(t, nil, "", append(args, "--url", "http://127.0.0.1:1", "--trace")...)
		if r.code != 2 || strings.Contains(r.stderr, "curl ") {
			t.Errorf("esgo %s: want exit 2 and no request, got %v", strings.Join(args, " "), r)
		}
	}
}
