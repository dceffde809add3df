package main

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/eslocal/eslocaltest"
)

// run executes the esgo command line args and returns its output.
func run(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	root := newRoot()
	var out bytes.Buffer
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetIn(strings.NewReader(stdin))
	err := root.Execute()
	return out.String(), err
}

func TestBulkSearchAndCall(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	var docs strings.Builder
	for i := range 50 {
		fmt.Fprintf(&docs, "{\"n\": %d, \"word\": \"w%d\"}\n\n", i, i%5)
	}
	out, err := run(t, docs.String(), "bulk", "cli-docs", "-", "--id-field", "n", "--url", url)
	if err != nil || !strings.Contains(out, "50 documents: 50 indexed, 0 failed") {
		t.Fatalf("bulk: %v\n%s", err, out)
	}
	if out, err := run(t, "", "call", "POST", "/cli-docs/_refresh", "--url", url); err != nil || !strings.Contains(out, `"successful"`) {
		t.Fatalf("call refresh: %v\n%s", err, out)
	}
	out, err = run(t, "", "search", "cli-docs", "word:w3", "--sort", "-n", "--size", "3", "--url", url)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "10 hits" && !strings.HasPrefix(lines[0], "10 hits (") || len(lines) != 4 || !strings.HasPrefix(lines[1], "cli-docs/48\t") {
		t.Fatalf("search output:\n%s", out)
	}
	// A failed request is an error that names the problem.
	_, err = run(t, "", "call", "GET", "/cli-missing/_doc/1", "--url", url)
	if !errors.Is(err, esgo.ErrNotFound) || !strings.Contains(err.Error(), "index_not_found_exception") {
		t.Fatalf("call on a missing index: %v", err)
	}
}

func TestBulkRejectsNonObjectLinesWithIDField(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	_, err := run(t, "[1,2]\n", "bulk", "cli-bad", "-", "--id-field", "id", "--url", url)
	if err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Fatalf("err = %v, want one naming line 1", err)
	}
}
