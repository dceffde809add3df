// Package eslocaltest gives tests real servers, started once per test
// process and shared by its tests.
//
// Use it from TestMain:
//
//	func TestMain(m *testing.M) { eslocaltest.Main(m) }
//
// and ask for a server in a test:
//
//	c := eslocaltest.Elasticsearch(t)
//
// A shared server starts on first use and stops when the package's tests end.
// Under -short every function here skips the test, so `go test -short ./...`
// needs no server. When the environment names a servers file
// (ESGO_TEST_SERVERS, written by internal/testservers, which starts the shared
// servers once for a whole `go test ./...` run), the servers it lists are used
// instead of starting new ones. ESGO_TEST_ES_URL and ESGO_TEST_OS_URL point
// the Elasticsearch and OpenSearch servers at existing clusters.
package eslocaltest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/esgo/esgo/eslocal"
)

// Shared names the servers tests share, with the options that start them.
var Shared = map[string][]eslocal.Option{
	// A single Elasticsearch 9.5.3 node, security off, with the two modules
	// Maven Central has for 9.x beyond the zip: x-pack-kql (the kql query)
	// and mapper-version (the version field type).
	"elasticsearch": {eslocal.WithModules(eslocal.ModuleKQL, eslocal.ModuleMapperVersion)},
	// Elasticsearch 8.19.21 with ES|QL: the 8.x server (compatible-with=8
	// and 7, never 9) and the only one here that runs ES|QL.
	"elasticsearch8": {eslocal.WithVersion(eslocal.Elasticsearch8Version), eslocal.WithModules(eslocal.ModuleESQL),
		eslocal.WithHeap("768m")},
	// Elasticsearch 9.5.3 with TLS, basic auth and a service token.
	"secure": {eslocal.WithTLS(), eslocal.WithServiceToken(), eslocal.WithHeap("512m")},
	// OpenSearch 3.8, which has the modules the Elasticsearch zip lacks.
	"opensearch": {eslocal.WithProduct(eslocal.OpenSearch), eslocal.WithHeap("768m")},
	// Elasticsearch 7.10.2, the last Apache-licensed one: no product header,
	// no compatibility mode.
	"elasticsearch7": {eslocal.WithVersion("7.10.2"), eslocal.WithHeap("512m")},
	// Elasticsearch 9.5.3 with a write queue of one: concurrent bulks get real 429s.
	"queue1": {eslocal.WithHeap("512m"),
		eslocal.WithSetting("thread_pool.write.queue_size", "1"),
		eslocal.WithSetting("thread_pool.write.size", "1")},
}

// Description is how a running server is described in a servers file.
type Description struct {
	Product      eslocal.Product  `json:"product"`
	Version      string           `json:"version"`
	Modules      []eslocal.Module `json:"modules,omitempty"`
	URLs         []string         `json:"urls"`
	Username     string           `json:"username,omitempty"`
	Password     string           `json:"password,omitempty"`
	ServiceToken string           `json:"service_token,omitempty"`
	CAFile       string           `json:"ca_file,omitempty"`
	Fingerprint  string           `json:"fingerprint,omitempty"`
}

// Describe returns the description of c.
func Describe(c *eslocal.Cluster) Description {
	return Description{c.Product, c.Version, c.Modules, c.URLs, c.Username, c.Password, c.ServiceToken, c.CAFile, c.Fingerprint}
}

// cluster turns a description back into a Cluster that can be used but not
// stopped (its processes belong to whoever started them).
func (d Description) cluster() (*eslocal.Cluster, error) {
	c := &eslocal.Cluster{Product: d.Product, Version: d.Version, Modules: d.Modules, URLs: d.URLs, Username: d.Username,
		Password: d.Password, ServiceToken: d.ServiceToken, CAFile: d.CAFile, Fingerprint: d.Fingerprint}
	if d.CAFile != "" {
		b, err := os.ReadFile(d.CAFile)
		if err != nil {
			return nil, err
		}
		c.CACert = b
	}
	return c, nil
}

// startTimeout is generous: a loaded two-core machine boots a JVM slowly.
const startTimeout = 8 * time.Minute

type entry struct {
	once sync.Once
	c    *eslocal.Cluster
	err  error
	own  bool // started here, so stopped here
}

var (
	mu      sync.Mutex
	entries = map[string]*entry{}
)

// Main runs the tests and then stops the servers they started.
func Main(m *testing.M) {
	code := m.Run()
	StopAll()
	os.Exit(code)
}

// StopAll stops every shared server this process started.
func StopAll() {
	mu.Lock()
	defer mu.Unlock()
	for name, e := range entries {
		if e.own && e.c != nil {
			e.c.Stop()
		}
		delete(entries, name)
	}
}

// Elasticsearch returns the shared single-node Elasticsearch 9.5.3, security
// off, with the modules x-pack-kql and mapper-version.
func Elasticsearch(t testing.TB) *eslocal.Cluster { t.Helper(); return Get(t, "elasticsearch") }

// Elasticsearch8 returns the shared Elasticsearch 8.19.21 with ES|QL
// (eslocal.ModuleESQL). Never send it CATEGORIZE or CHANGE_POINT: they
// need machine learning, which it lacks, and kill the node.
func Elasticsearch8(t testing.TB) *eslocal.Cluster { t.Helper(); return Get(t, "elasticsearch8") }

// Secure returns the shared Elasticsearch 9.5.3 with TLS, basic auth and a service token.
func Secure(t testing.TB) *eslocal.Cluster { t.Helper(); return Get(t, "secure") }

// OpenSearch returns the shared OpenSearch 3.8.
func OpenSearch(t testing.TB) *eslocal.Cluster { t.Helper(); return Get(t, "opensearch") }

// Elasticsearch7 returns the shared Elasticsearch 7.10.2.
func Elasticsearch7(t testing.TB) *eslocal.Cluster { t.Helper(); return Get(t, "elasticsearch7") }

// WriteQueue1 returns the shared Elasticsearch 9.5.3 node whose write queue
// holds one request, so concurrent bulks get real 429 responses.
func WriteQueue1(t testing.TB) *eslocal.Cluster { t.Helper(); return Get(t, "queue1") }

// Get returns the shared server of that name (a key of Shared), starting it
// on first use.
func Get(t testing.TB, name string) *eslocal.Cluster {
	t.Helper()
	skipShort(t)
	opts, ok := Shared[name]
	if !ok {
		t.Fatalf("eslocaltest: no shared server named %q", name)
	}
	mu.Lock()
	e := entries[name]
	if e == nil {
		e = &entry{}
		entries[name] = e
	}
	mu.Unlock()
	e.once.Do(func() {
		if e.c, e.err = attached(name); e.c != nil || e.err != nil {
			return
		}
		e.c, e.err = eslocal.Start(context.Background(), append(opts, eslocal.WithStartTimeout(startTimeout))...)
		e.own = e.err == nil
	})
	if e.err != nil {
		t.Fatalf("eslocaltest: server %q: %v", name, e.err)
	}
	return e.c
}

// NewCluster starts a dedicated Elasticsearch cluster of n nodes for this
// test alone (for tests that kill or stop nodes) and stops it at cleanup.
func NewCluster(t testing.TB, n int, opts ...eslocal.Option) *eslocal.Cluster {
	t.Helper()
	skipShort(t)
	opts = append([]eslocal.Option{eslocal.WithNodes(n), eslocal.WithStartTimeout(startTimeout)}, opts...)
	c, err := eslocal.Start(context.Background(), opts...)
	if err != nil {
		t.Fatalf("eslocaltest: %d-node cluster: %v", n, err)
	}
	t.Cleanup(func() { c.Stop() })
	return c
}

func skipShort(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test: needs a real server; run without -short")
	}
}

// attached returns the server named in the environment, if any.
func attached(name string) (*eslocal.Cluster, error) {
	envURL := map[string]string{"elasticsearch": "ESGO_TEST_ES_URL", "opensearch": "ESGO_TEST_OS_URL"}[name]
	if u := os.Getenv(envURL); envURL != "" && u != "" {
		p, v := eslocal.Elasticsearch, eslocal.DefaultElasticsearchVersion
		if name == "opensearch" {
			p, v = eslocal.OpenSearch, eslocal.DefaultOpenSearchVersion
		}
		return &eslocal.Cluster{Product: p, Version: v, URLs: []string{u}}, nil
	}
	file := os.Getenv("ESGO_TEST_SERVERS")
	if file == "" {
		return nil, nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("ESGO_TEST_SERVERS: %w", err)
	}
	var all map[string]Description
	if err := json.Unmarshal(b, &all); err != nil {
		return nil, fmt.Errorf("ESGO_TEST_SERVERS %s: %w", file, err)
	}
	d, ok := all[name]
	if !ok {
		return nil, nil
	}
	return d.cluster()
}
