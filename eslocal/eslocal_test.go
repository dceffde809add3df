package eslocal_test

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/esgo/esgo/eslocal"
	"github.com/esgo/esgo/eslocal/eslocaltest"
)

func TestMain(m *testing.M) { eslocaltest.Main(m) }

func TestFindJavaNamesWhatIsMissing(t *testing.T) {
	dir := t.TempDir()
	// A fake JDK 17 in ES_JAVA_HOME is refused with its version named.
	os.MkdirAll(filepath.Join(dir, "bin"), 0o755)
	os.WriteFile(filepath.Join(dir, "bin", "java"), []byte("#!/bin/sh\n"), 0o755)
	os.WriteFile(filepath.Join(dir, "release"), []byte(`JAVA_VERSION="17.0.2"`+"\n"), 0o644)
	t.Setenv("ES_JAVA_HOME", dir)
	t.Setenv("JAVA_HOME", "")
	home, err := eslocal.FindJava()
	if err == nil {
		// The machine has a real JDK 21+ in /usr/lib/jvm: it must not be the fake one.
		if home == dir {
			t.Fatalf("FindJava accepted a JDK 17 at %s", dir)
		}
		return
	}
	if !errors.Is(err, eslocal.ErrNoJava) || !strings.Contains(err.Error(), "version 17") || !strings.Contains(err.Error(), "ES_JAVA_HOME") {
		t.Fatalf("error = %v; want ErrNoJava naming the version found and ES_JAVA_HOME", err)
	}
}

func TestBrokenDownloadIsReportedAndRemoved(t *testing.T) {
	repo := t.TempDir()
	cache := t.TempDir()
	t.Setenv("ESGO_MAVEN_REPO", repo)
	t.Setenv("ESGO_CACHE", cache)
	dir := filepath.Join(repo, "org", "elasticsearch", "distribution", "integ-test-zip", "elasticsearch", "0.0.1")
	os.MkdirAll(dir, 0o755)
	archive := filepath.Join(dir, "elasticsearch-0.0.1.zip")
	os.WriteFile(archive, []byte("this is not a zip"), 0o644)
	_, err := eslocal.InstallElasticsearch(context.Background(), "0.0.1")
	if !errors.Is(err, eslocal.ErrDownload) {
		t.Fatalf("err = %v; want ErrDownload", err)
	}
	if strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "run again") {
		t.Fatalf("want a one-line error saying what to do, got %q", err)
	}
	if _, serr := os.Stat(archive); !os.IsNotExist(serr) {
		t.Fatalf("the broken archive was not removed")
	}
	if _, serr := os.Stat(filepath.Join(cache, "elasticsearch-0.0.1")); !os.IsNotExist(serr) {
		t.Fatalf("a broken archive left an unpacked folder behind")
	}
}

func TestUnpackStripsTopFolderAndKeepsExecBits(t *testing.T) {
	repo := t.TempDir()
	t.Setenv("ESGO_MAVEN_REPO", repo)
	t.Setenv("ESGO_CACHE", t.TempDir())
	dir := filepath.Join(repo, "org", "elasticsearch", "distribution", "integ-test-zip", "elasticsearch", "0.0.2")
	os.MkdirAll(dir, 0o755)
	f, _ := os.Create(filepath.Join(dir, "elasticsearch-0.0.2.zip"))
	zw := zip.NewWriter(f)
	h := &zip.FileHeader{Name: "elasticsearch-0.0.2/bin/elasticsearch"}
	h.SetMode(0o755)
	w, _ := zw.CreateHeader(h)
	w.Write([]byte("#!/bin/sh\n"))
	w, _ = zw.Create("elasticsearch-0.0.2/config/jvm.options")
	w.Write([]byte("-Xss1m\n"))
	zw.Close()
	f.Close()
	home, err := eslocal.InstallElasticsearch(context.Background(), "0.0.2")
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(home, "bin", "elasticsearch"))
	if err != nil || fi.Mode()&0o111 == 0 {
		t.Fatalf("bin/elasticsearch missing or not executable: %v %v", fi, err)
	}
	// A second install reuses the unpacked tree even if the archive is gone.
	os.RemoveAll(dir)
	if again, err := eslocal.InstallElasticsearch(context.Background(), "0.0.2"); err != nil || again != home {
		t.Fatalf("second install = %q, %v; want the cached %q", again, err, home)
	}
}

func health(t *testing.T, c *eslocal.Cluster) map[string]any {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	status, body, err := c.Get(ctx, "/_cluster/health")
	if err != nil || status != 200 {
		t.Fatalf("health: %d %s %v", status, body, err)
	}
	var h map[string]any
	if err := json.Unmarshal(body, &h); err != nil {
		t.Fatal(err)
	}
	return h
}

func TestElasticsearchSingleNode(t *testing.T) {
	c := eslocaltest.Elasticsearch(t)
	if h := health(t, c); h["number_of_nodes"] != 1.0 {
		t.Fatalf("health = %v", h)
	}
	resp, err := http.Get(c.URL() + "/_nodes/_local")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("X-Elastic-Product"); got != "Elasticsearch" {
		t.Fatalf("X-Elastic-Product = %q", got)
	}
}

func TestSecureWithTLS(t *testing.T) {
	c := eslocaltest.Secure(t)
	if !strings.HasPrefix(c.URL(), "https://") || c.Password == "" || c.ServiceToken == "" || c.Fingerprint == "" {
		t.Fatalf("secure cluster lacks TLS or credentials: %+v", eslocaltest.Describe(c))
	}
	health(t, c) // basic auth over TLS, trusting the generated CA

	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(c.CACert) {
		t.Fatal("CACert is not PEM")
	}
	var served []byte
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{
		RootCAs: pool,
		VerifyConnection: func(cs tls.ConnectionState) error {
			served = cs.PeerCertificates[0].Raw
			return nil
		},
	}}}
	do := func(auth string) int {
		req, _ := http.NewRequest("GET", c.URL()+"/_cluster/health", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := do(""); got != 401 {
		t.Fatalf("without credentials: %d, want 401", got)
	}
	if got := do("Bearer " + c.ServiceToken); got != 200 {
		t.Fatalf("with the service token: %d, want 200", got)
	}
	sum := sha256.Sum256(served)
	if hex.EncodeToString(sum[:]) != c.Fingerprint {
		t.Fatalf("Fingerprint %s does not match the served certificate", c.Fingerprint)
	}
}

func TestOpenSearch(t *testing.T) {
	c := eslocaltest.OpenSearch(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	status, body, err := c.Get(ctx, "/")
	if err != nil || status != 200 {
		t.Fatalf("GET /: %d %s %v", status, body, err)
	}
	var info struct {
		Version struct {
			Distribution string `json:"distribution"`
			Number       string `json:"number"`
		} `json:"version"`
	}
	json.Unmarshal(body, &info)
	if info.Version.Distribution != "opensearch" || !strings.HasPrefix(info.Version.Number, "3.8") {
		t.Fatalf("version = %+v", info.Version)
	}
}

func TestThreeNodeClusterAndKill(t *testing.T) {
	c := eslocaltest.NewCluster(t, 3)
	if len(c.URLs) != 3 {
		t.Fatalf("URLs = %v", c.URLs)
	}
	if h := health(t, c); h["number_of_nodes"] != 3.0 {
		t.Fatalf("health = %v", h)
	}
	for i, pid := range eslocal.ServerPIDs(c) {
		if pid <= 1 && runtime.GOOS == "linux" {
			t.Errorf("node %d: its server's pid is not recognised (%d)", i, pid)
		}
	}
	// Three nodes have joined, but the voting configuration may still hold
	// the two that bootstrapped the cluster: killing one of those would
	// leave no quorum. Kill only once all three vote.
	deadline := time.Now().Add(60 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		status, body, err := c.Get(ctx, "/_cluster/state/metadata?filter_path=metadata.cluster_coordination.last_committed_config")
		cancel()
		var st struct {
			Metadata struct {
				Coordination struct {
					Voting []string `json:"last_committed_config"`
				} `json:"cluster_coordination"`
			} `json:"metadata"`
		}
		if err == nil && status == 200 && json.Unmarshal(body, &st) == nil && len(st.Metadata.Coordination.Voting) == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the voting configuration never held the three nodes: %d %s %v", status, body, err)
		}
		time.Sleep(500 * time.Millisecond)
	}
	if err := c.Kill(2); err != nil {
		t.Fatal(err)
	}
	// The killed server's pid file stays; its pid is no longer signalled.
	if pid := eslocal.ServerPIDs(c)[2]; pid != 0 {
		t.Errorf("after Kill, node 2's pid %d would still be signalled", pid)
	}
	if _, err := http.Get(c.URLs[2] + "/_cluster/health"); err == nil {
		t.Fatal("the killed node still answers")
	}
	// The other two still form a cluster (2 of 3 master-eligible nodes).
	deadline = time.Now().Add(90 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		status, body, err := c.Get(ctx, "/_cluster/health?wait_for_nodes=2&timeout=5s")
		cancel()
		if err == nil && status == 200 && strings.Contains(string(body), `"number_of_nodes":2`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the cluster did not settle on 2 nodes: %d %s %v", status, body, err)
		}
		time.Sleep(time.Second)
	}
}

func TestElasticsearch7FromTheClusterRunner(t *testing.T) {
	c := eslocaltest.Elasticsearch7(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	status, body, err := c.Get(ctx, "/")
	if err != nil || status != 200 {
		t.Fatalf("GET /: %d %s %v", status, body, err)
	}
	var info struct {
		Version struct {
			Number string `json:"number"`
		} `json:"version"`
	}
	json.Unmarshal(body, &info)
	if info.Version.Number != "7.10.2" {
		t.Fatalf("version = %q, want 7.10.2", info.Version.Number)
	}
}
