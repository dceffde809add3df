package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/esgo/esgo/eslocal/eslocaltest"
)

// TestESQLWarnings: the server's warnings reach standard error and -o json;
// the exit code is 0, or 1 with --strict.
func TestESQLWarnings(t *testing.T) {
	url := eslocaltest.Elasticsearch8(t).URL()
	r := runBin(t, nil, "", "esql", "ROW a = 1/0", "--url", url)
	if r.code != 0 || !strings.Contains(r.stderr, "warning: ") || !strings.Contains(r.stderr, "/ by zero") || !strings.Contains(r.stdout, "null") {
		t.Fatalf("ROW a = 1/0: %v", r)
	}
	r = runBin(t, nil, "", "esql", "ROW a = 1/0", "--url", url, "-o", "json")
	var out struct {
		Rows     []map[string]json.RawMessage `json:"rows"`
		Warnings []string                     `json:"warnings"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &out) != nil || len(out.Rows) != 1 || len(out.Warnings) == 0 ||
		!strings.Contains(strings.Join(out.Warnings, "\n"), "/ by zero") {
		t.Fatalf("-o json: %v", r)
	}
	r = runBin(t, nil, "", "esql", "ROW a = 1/0", "--url", url, "--strict")
	if r.code != 1 || !strings.Contains(r.stdout, "null") || !strings.Contains(r.stderr, "--strict") {
		t.Fatalf("--strict: %v", r)
	}
	r = runBin(t, nil, "", "esql", "ROW a = 1 | LIMIT 1", "--url", url, "--strict")
	if r.code != 0 || strings.Contains(r.stderr, "warning") {
		t.Fatalf("no warning: %v", r)
	}
}

// TestESQLOnAServerWithoutIt says so instead of a bare 405.
func TestESQLOnAServerWithoutIt(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL() // the 9.5.3 minimal zip: no ES|QL module
	r := runBin(t, nil, "", "esql", "ROW a = 1", "--url", url)
	if r.code != 1 || !strings.Contains(r.stderr, "this server has no ES|QL") {
		t.Fatalf("%v", r)
	}
}
