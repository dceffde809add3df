package main

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/esql"
)

// These tests run their own servers; each first stops the shared ones this
// test process started, so that one JVM runs at a time.

// TestESQLOnALocal8 starts Elasticsearch 8.19.21 with `esgo local start
// --version 8.19.21` (which adds the ES|QL module) and runs esgo esql on it.
func TestESQLOnALocal8(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server")
	}
	eslocaltest.StopAll()
	root := t.TempDir()
	openDir(t, root)
	env := []string{"ESGO_LOCAL_DIR=" + root, "ESGO_CONFIG=" + filepath.Join(root, "clusters.json")}
	t.Cleanup(func() { runBin(t, env, "", "local", "stop", "--name", "esql", "--delete") })
	r := runBin(t, env, "", "local", "start", "--name", "esql", "--version", "8.19.21", "--port", "0", "--heap", "768m")
	if r.code != 0 || !strings.Contains(r.stdout, "elasticsearch 8.19.21 is up at ") {
		t.Fatalf("local start --version 8.19.21: %v", r)
	}
	st, err := readState(filepath.Join(root, "esql"))
	if err != nil {
		t.Fatal(err)
	}
	url := st.URLs[0]
	var docs strings.Builder
	for i, a := range []string{"knuth", "knuth", "pike", "kernighan, brian", "pike"} {
		docs.WriteString(`{"author":"` + a + `","year":` + []string{"1968", "1973", "2015", "1978", "1984"}[i] + "}\n")
	}
	if r := runBin(t, nil, "", "index", "create", "cli-esql", "--replicas", "0", "--url", url,
		"--body", `{"mappings":{"properties":{"author":{"type":"keyword"},"year":{"type":"integer"}}}}`); r.code != 0 {
		t.Fatal(r)
	}
	if r := runBin(t, nil, docs.String(), "bulk", "cli-esql", "-", "--url", url); r.code != 0 {
		t.Fatal(r)
	}
	runBin(t, nil, "", "call", "POST", "/cli-esql/_refresh", "--url", url)
	q := "FROM cli-esql | STATS n = COUNT(*), earliest = MIN(year) BY author | SORT n DESC, author | LIMIT 10"
	r = runBin(t, nil, "", "esql", q, "--url", url)
	if r.code != 0 || !regexpMatch(`(?m)^n\s+earliest\s+author\n2\s+1968\s+knuth\n2\s+1984\s+pike\n1\s+1978\s+kernighan, brian\n$`, r.stdout) {
		t.Fatalf("table: %v", r)
	}
	r = runBin(t, nil, "", "esql", q, "-o", "csv", "--url", url)
	if r.code != 0 || r.stdout != "n,earliest,author\n2,1968,knuth\n2,1984,pike\n1,1978,\"kernighan, brian\"\n" {
		t.Fatalf("csv: %v", r)
	}
	r = runBin(t, nil, "", "esql", q, "-o", "json", "--url", url)
	want := "{\"rows\": [\n  {\"n\": 2, \"earliest\": 1968, \"author\": \"knuth\"},\n  {\"n\": 2, \"earliest\": 1984, \"author\": \"pike\"},\n  {\"n\": 1, \"earliest\": 1978, \"author\": \"kernighan, brian\"}\n],\n\"warnings\": []}\n"
	if r.code != 0 || r.stdout != want {
		t.Fatalf("json: %v", r)
	}
	// The same query through the library, for the row count.
	client, err := esgo.New(esgo.WithAddresses(url))
	if err != nil {
		t.Fatal(err)
	}
	res, err := esql.Query(context.Background(), client, esql.Raw(q))
	if err != nil || res.Len() != 3 {
		t.Fatalf("library: %v", err)
	}
	// A bad query is a failure with the server's reason.
	r = runBin(t, nil, "", "esql", "FROM cli-esql | WHERE nosuchfield > 1", "--url", url)
	if r.code != 1 || !strings.Contains(r.stderr, "verification_exception") {
		t.Fatalf("bad query: %v", r)
	}
}

// openDir makes the folders from dir up to / traversable by the server's
// unprivileged user (a test's temporary folder is private).
func openDir(t *testing.T, dir string) {
	t.Helper()
	for d := dir; d != "/" && d != "."; d = filepath.Dir(d) {
		if st, err := os.Stat(d); err == nil && st.Mode().Perm()&0o005 != 0o005 {
			if err := os.Chmod(d, st.Mode().Perm()|0o055); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestLocalStartStopKeepsData starts a detached cluster with the binary,
// checks it from other invocations, stops it, starts it again and finds the
// data again.
func TestLocalStartStopKeepsData(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server")
	}
	eslocaltest.StopAll()
	root := t.TempDir()
	openDir(t, root)
	env := []string{"ESGO_LOCAL_DIR=" + root, "ESGO_CONFIG=" + filepath.Join(root, "clusters.json")}
	const name = "cli-test"
	t.Cleanup(func() { runBin(t, env, "", "local", "stop", "--name", name) })
	// Port 9200 when free; the test uses another one so as not to take a
	// person's 9200, and asks for it the same way.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	portArg := []string{"--port", itoa(port)}

	start := func() {
		t.Helper()
		began := time.Now()
		r := runBin(t, env, "", append([]string{"local", "start", "--name", name, "--heap", "512m"}, portArg...)...)
		want := "elasticsearch 9.5.3 is up at http://127.0.0.1:" + itoa(port)
		if r.code != 0 || !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, `named cluster "local-cli-test"`) {
			t.Fatalf("local start: %v", r)
		}
		t.Logf("started in %s", time.Since(began).Round(time.Second))
	}
	start()
	// The command returned; the server runs on, detached.
	r := runBin(t, env, "", "local", "status", "--name", name)
	if r.code != 0 || !strings.Contains(r.stdout, "running elasticsearch 9.5.3") || !strings.Contains(r.stdout, "health green") {
		t.Fatalf("status: %v", r)
	}
	if r := runBin(t, env, "", "local", "start", "--name", name); r.code != 1 || !strings.Contains(r.stderr, "already runs") {
		t.Fatalf("second start: %v", r)
	}
	// Other commands reach it by its saved name (and as the current cluster).
	if r := runBin(t, env, "{\"k\":\"kept\"}\n", "bulk", "cli-kept", "-", "--id-field", "k", "--cluster", "local-cli-test"); r.code != 0 {
		t.Fatalf("bulk: %v", r)
	}
	if r := runBin(t, env, "", "local", "ls"); !regexpMatch(name+`\s+running\s+elasticsearch\s+9.5.3\s+http://127.0.0.1:`+itoa(port), r.stdout) {
		t.Fatalf("ls: %v", r)
	}
	if r := runBin(t, env, "", "local", "logs", "--name", name, "-n", "5"); r.code != 0 || !strings.Contains(r.stdout, "[node-0]") {
		t.Fatalf("logs: %v", r)
	}
	if r := runBin(t, env, "", "local", "stop", "--name", name); r.code != 0 || !strings.Contains(r.stdout, "stopped local cluster") {
		t.Fatalf("stop: %v", r)
	}
	if r := runBin(t, env, "", "local", "status", "--name", name); r.code != 1 || !strings.Contains(r.stdout, "not running") {
		t.Fatalf("status after stop: %v", r)
	}
	if r := runBin(t, env, "", "local", "ls"); !regexpMatch(name+`\s+stopped\s+elasticsearch\s+9.5.3`, r.stdout) {
		t.Fatalf("ls after stop: %v", r)
	}
	// Started again without --port, it keeps its address (a saved
	// ELASTICSEARCH_URL stays right) and has the document.
	portArg = nil
	start()
	if r := runBin(t, env, "", "call", "GET", "/cli-kept/_doc/kept"); r.code != 0 || !strings.Contains(r.stdout, `"found": true`) {
		t.Fatalf("the document did not survive a restart: %v", r)
	}
	if r := runBin(t, env, "", "local", "stop", "--name", name, "--delete"); r.code != 0 || !strings.Contains(r.stdout, "deleted") {
		t.Fatalf("stop --delete: %v", r)
	}
	if _, err := os.Stat(filepath.Join(root, name)); !os.IsNotExist(err) {
		t.Errorf("data directory left: %v", err)
	}
	if r := runBin(t, env, "", "config", "ls"); strings.Contains(r.stdout, "local-cli-test") {
		t.Errorf("stop --delete left the named cluster: %v", r)
	}
}

func TestLocalHelpSaysWhatEachServerLacks(t *testing.T) {
	r := runBin(t, nil, "", "local", "start", "--help")
	for _, want := range []string{"9.5.3", "8.19.21", "opensearch 3.8.0", "7.10.2", "analysis-common", "english",
		"scaled_float", "painless", "reindex", "405", "ingest", "ES|QL", "CATEGORIZE"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("local start --help lacks %q", want)
		}
	}
}
