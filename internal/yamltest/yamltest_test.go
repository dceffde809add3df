package yamltest

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/esgo/esgo/eslocal/eslocaltest"
)

func TestMain(m *testing.M) { eslocaltest.Main(m) }

// TestYAML runs every YAML test under ESGO_YAML_TESTS (default
// ../../../shared/yaml-tests) against the shared Elasticsearch 9.5.3, one
// subtest per YAML test. ESGO_YAML_REPORT names a file for the Markdown
// summary.
func TestYAML(t *testing.T) {
	dir := os.Getenv("ESGO_YAML_TESTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "yaml-tests")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("YAML tests are absent: %s not found (set ESGO_YAML_TESTS): %v", dir, err)
	}
	suites, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(suites) == 0 {
		t.Skipf("YAML tests are absent: no .yml files under %s", dir)
	}
	c := eslocaltest.Elasticsearch(t)
	runner := New(&HTTPTransport{URL: c.URL(), Client: c.HTTPClient(), Username: c.Username, Password: c.Password},
		slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))

	var results []Result
	ctx := context.Background()
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
	if err := WriteSummary(&summary, results); err != nil {
		t.Fatal(err)
	}
	t.Log("YAML summary\n" + summary.String())
	if out := os.Getenv("ESGO_YAML_REPORT"); out != "" {
		if err := os.WriteFile(out, []byte(summary.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}
