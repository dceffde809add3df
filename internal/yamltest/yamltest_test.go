package yamltest

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/eslocal"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/transport"
)

func TestMain(m *testing.M) { eslocaltest.Main(m) }

// loadSuites reads ESGO_YAML_TESTS (default testdata/yaml-tests, the
// files committed with the runner).
func loadSuites(t *testing.T) []*Suite {
	t.Helper()
	dir := os.Getenv("ESGO_YAML_TESTS")
	if dir == "" {
		dir = filepath.Join("testdata", "yaml-tests")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("YAML tests: %s not found (set ESGO_YAML_TESTS): %v", dir, err)
	}
	suites, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(suites) == 0 {
		t.Fatalf("YAML tests: no .yml files under %s", dir)
	}
	return suites
}

// runSuites runs the suites against c, one subtest per YAML test, logs the
// summary and writes it to the file named by reportEnv, if set. The requests
// go through HTTPTransport, or through an *esgo.Client (its transport and
// error handling included) when ESGO_YAML_TRANSPORT=esgo.
func runSuites(t *testing.T, c *eslocal.Cluster, suites []*Suite, reportEnv string) {
	var tr transport.Interface = &HTTPTransport{URL: c.URL(), Client: c.HTTPClient(), Username: c.Username, Password: c.Password}
	if os.Getenv("ESGO_YAML_TRANSPORT") == "esgo" {
		opts := []esgo.Option{esgo.WithAddresses(c.URLs...), esgo.WithRetries(0), esgo.WithRequestTimeout(time.Minute)}
		if len(c.CACert) > 0 {
			opts = append(opts, esgo.WithCACert(c.CACert))
		}
		if c.Username != "" {
			opts = append(opts, esgo.WithBasicAuth(c.Username, c.Password))
		}
		client, err := esgo.New(opts...)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { client.Close() })
		tr = client
	}
	runner := New(tr, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	var results []Result
	ctx := context.Background()

	// Elastic's suite runs on clusters that always hold some index; one of
	// its tests (indices/stats.yml "Index - blank") expects indices.stats
	// over all indices to report shards. A fresh node has none, so give it
	// one small index for the duration of the run.
	a := api.New(tr)
	const fixture = "yamltest-fixture"
	_, err := a.Indices.Create(ctx, api.IndicesCreateRequest{Index: fixture,
		RawBody: map[string]any{"settings": map[string]any{"number_of_replicas": 0}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = a.Indices.Delete(context.Background(), api.IndicesDeleteRequest{Index: []string{fixture}})
	})

	for _, s := range suites {
		t.Run(s.File, func(t *testing.T) {
			for _, test := range s.Tests {
				t.Run(test.Name, func(t *testing.T) {
					res := runner.Run(ctx, s, test)
					results = append(results, res)
					switch res.Outcome {
					case Skipped:
						t.Skip(res.Reason)
					case Failed:
						t.Error(res.Reason)
					}
				})
			}
		})
	}
	var summary strings.Builder
	if srv, err := runner.Server(ctx); err == nil {
		fmt.Fprintf(&summary, "Server: %s\n\n", srv)
	}
	if err := WriteSummary(&summary, results); err != nil {
		t.Fatal(err)
	}
	t.Log("YAML summary\n" + summary.String())
	if out := os.Getenv(reportEnv); out != "" {
		if err := os.WriteFile(out, []byte(summary.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}

// TestYAML runs every YAML test against the shared Elasticsearch 9.5.3
// (security off). ESGO_YAML_REPORT names a file for the Markdown summary.
func TestYAML(t *testing.T) {
	suites := loadSuites(t)
	runSuites(t, eslocaltest.Elasticsearch(t), suites, "ESGO_YAML_REPORT")
}

// TestYAMLESQL runs the ES|QL tests (esql/) against the shared
// Elasticsearch 8.19.21 with the ES|QL modules, the one server here that
// runs ES|QL. ESGO_YAML_ESQL_REPORT names a file for the Markdown summary.
func TestYAMLESQL(t *testing.T) {
	var esql []*Suite
	for _, s := range loadSuites(t) {
		if strings.HasPrefix(s.File, "esql/") {
			esql = append(esql, s)
		}
	}
	if len(esql) == 0 {
		t.Fatal("no esql/ tests in the YAML directory")
	}
	runSuites(t, eslocaltest.Elasticsearch8(t), esql, "ESGO_YAML_ESQL_REPORT")
}

// TestYAMLSecurity runs the security and ssl tests, which TestYAML must
// skip, against the shared Elasticsearch 9.5.3 with TLS and basic auth.
// ESGO_YAML_SECURITY_REPORT names a file for the Markdown summary.
func TestYAMLSecurity(t *testing.T) {
	var secure []*Suite
	for _, s := range loadSuites(t) {
		if strings.HasPrefix(s.File, "security/") || s.File == "ssl.yml" {
			secure = append(secure, s)
		}
	}
	if len(secure) == 0 {
		t.Skip("no security/ or ssl.yml tests in the YAML directory")
	}
	runSuites(t, eslocaltest.Secure(t), secure, "ESGO_YAML_SECURITY_REPORT")
}

// TestRefusalsFromTheServer checks the reading of refusals against the
// shared Elasticsearch 9.5.3 itself: what it lacks (ILM, monitoring,
// reindex) is a skip naming the module, when _nodes does not list it, and
// a misspelt setting, refused with the same error type, is a failure.
func TestRefusalsFromTheServer(t *testing.T) {
	c := eslocaltest.Elasticsearch(t)
	tr := &HTTPTransport{URL: c.URL(), Client: c.HTTPClient(), Username: c.Username, Password: c.Password}
	s, err := Parse("refusals.yml", []byte(`
---
"ILM setting":
  - do:
      indices.create:
        index: yamltest-refusal-ilm
        body: {settings: {index: {lifecycle: {name: p, rollover_alias: a}}}}
---
"ILM setting in a composable template":
  - do:
      indices.put_index_template:
        name: yamltest-refusal-t
        body: {index_patterns: [yamltest-refusal-t*], template: {settings: {lifecycle.name: p}}}
---
"monitoring cluster setting":
  - do:
      cluster.put_settings:
        body: {persistent: {xpack.monitoring.collection.enabled: null}}
---
"xpack.info":
  - do:
      xpack.info: {}
  - is_true: features
---
"synonyms":
  - do:
      synonyms.put_synonym:
        id: yamltest-refusal-syn
        body: {synonyms_set: [{synonyms: "a, b"}]}
  - do:
      synonyms.delete_synonym: {id: yamltest-refusal-syn}
---
"misspelt setting":
  - do:
      indices.create:
        index: yamltest-refusal-typo
        body: {settings: {index.number_of_shardz: 1}}
`))
	if err != nil {
		t.Fatal(err)
	}
	r := New(tr, nil)
	ctx := context.Background()
	srv, err := r.Server(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Without the module the test is a skip naming it; with it, anything
	// but a failure (xpack.info may then find another module missing).
	want := func(module string) (Outcome, string) {
		if srv.Modules[module] {
			return "", ""
		}
		return Skipped, module
	}
	type expect struct {
		outcome Outcome
		names   string
	}
	var wants []expect
	for _, m := range []string{"x-pack-ilm", "x-pack-ilm", "x-pack-monitoring", "x-pack-monitoring", "reindex"} {
		o, n := want(m)
		wants = append(wants, expect{o, n})
	}
	wants = append(wants, expect{Failed, "index.number_of_shardz"})
	for i, test := range s.Tests {
		res := r.Run(ctx, s, test)
		w := wants[i]
		if w.outcome == "" {
			if res.Outcome == Failed {
				t.Errorf("%s: failed (%s) on a server with the module", test.Name, res.Reason)
			}
			continue
		}
		if res.Outcome != w.outcome || !strings.Contains(res.Reason, w.names) {
			t.Errorf("%s: %s (%s), want %s naming %q", test.Name, res.Outcome, res.Reason, w.outcome, w.names)
		}
	}
}
