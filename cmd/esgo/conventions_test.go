package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/internal/faultproxy"
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
		{"export", "x", "--progress-interval", "0s"},
		{"index", "create", "x", "--shards", "0"},
		{"index", "create", "x", "--replicas", "-1"},
		{"copy", "x", "y", "--aliases", "sometimes"},
		{"copy", "x", "y", "--slices", "-1"},
		{"esql", "ROW a = 1", "-o", "yaml"},
	} {
		r := runBin(t, nil, "", append(args, "--url", "http://127.0.0.1:1", "--trace")...)
		if r.code != 2 || strings.Contains(r.stderr, "curl ") {
			t.Errorf("esgo %s: want exit 2 and no request, got %v", strings.Join(args, " "), r)
		}
	}
}

// TestListingsAsJSON: every listing takes -o json.
func TestListingsAsJSON(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-list", "--replicas", "0")
	if r := runBin(t, nil, "", "index", "alias", "add", "cli-list", "cli-list-alias", "--url", url); r.code != 0 {
		t.Fatal(r)
	}
	dir := t.TempDir()
	env := []string{"ESGO_CONFIG=" + filepath.Join(dir, "clusters.json"), "ESGO_LOCAL_DIR=" + filepath.Join(dir, "local"), "SECRET_PW=x"}
	if r := runBin(t, env, "", "config", "add", "withpw", "--url", "http://elastic:hunter2@127.0.0.1:9"); r.code != 0 {
		t.Fatal(r)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"index", "ls", "cli-list", "-o", "json", "--url", url}, `"index": "cli-list"`},
		{[]string{"index", "alias", "ls", "cli-list", "-o", "json", "--url", url}, `"alias": "cli-list-alias"`},
		{[]string{"config", "ls", "-o", "json"}, `"urls": "http://elastic:xxxxx@127.0.0.1:9"`},
		{[]string{"local", "ls", "-o", "json"}, `[]`},
	} {
		r := runBin(t, env, "", tc.args...)
		var v []map[string]string
		if r.code != 0 || json.Unmarshal([]byte(r.stdout), &v) != nil || !strings.Contains(r.stdout, tc.want) {
			t.Errorf("esgo %s: want %s in %v", strings.Join(tc.args, " "), tc.want, r)
		}
	}
	if r := runBin(t, env, "", "config", "ls"); r.code != 0 || strings.Contains(r.stdout, "hunter2") || !strings.Contains(r.stdout, "elastic:xxxxx@") {
		t.Errorf("config ls shows a password: %v", r)
	}
	if r := runBin(t, env, "", "index", "ls", "-o", "yaml", "--url", url); r.code != 2 {
		t.Errorf("-o yaml: %v", r)
	}
}

// TestCredentialsStayWithTheirCluster: --url naming another host than the
// named cluster's drops the cluster's credentials, with a warning; the
// ELASTICSEARCH_* credentials apply to the current cluster.
func TestCredentialsStayWithTheirCluster(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	var auth []string
	var mu sync.Mutex
	proxy, err := faultproxy.New(strings.TrimPrefix(url, "http://"), func(x *faultproxy.Exchange) faultproxy.Action {
		mu.Lock()
		auth = append(auth, x.Header.Get("Authorization"))
		mu.Unlock()
		return faultproxy.Pass
	})
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	dir := t.TempDir()
	env := []string{"ESGO_CONFIG=" + filepath.Join(dir, "clusters.json"), "SEC_PW=s3cret"}
	if r := runBin(t, env, "", "config", "add", "sec", "--url", "http://127.0.0.1:9", "--user", "elastic", "--password-env", "SEC_PW"); r.code != 0 {
		t.Fatal(r)
	}
	r := runBin(t, env, "", "--cluster", "sec", "index", "ls", "--url", proxy.URL())
	if r.code != 0 || !strings.Contains(r.stderr, "credentials are not sent there") {
		t.Fatalf("another host: %v", r)
	}
	mu.Lock()
	if len(auth) != 1 || auth[0] != "" {
		t.Errorf("sent Authorization %q to a host that is not the cluster's", auth)
	}
	auth = nil
	mu.Unlock()
	// The current cluster (as esgo local start makes it), credentials from
	// the environment.
	if r := runBin(t, env, "", "config", "add", "cur", "--url", proxy.URL(), "--use"); r.code != 0 {
		t.Fatal(r)
	}
	r = runBin(t, append(env, "ELASTICSEARCH_USERNAME=u1", "ELASTICSEARCH_PASSWORD=p1"), "", "index", "ls")
	mu.Lock()
	defer mu.Unlock()
	if r.code != 0 || len(auth) != 1 || auth[0] != "Basic dTE6cDE=" {
		t.Errorf("ELASTICSEARCH_USERNAME/PASSWORD ignored: %q %v", auth, r)
	}
}
