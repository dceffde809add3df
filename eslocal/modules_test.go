package eslocal_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/esgo/esgo/eslocal"
	"github.com/esgo/esgo/eslocal/eslocaltest"
)

func TestModulesRefusedWhereTheyCannotBeBuilt(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		opts []eslocal.Option
		want string
	}{
		{"esql on 9.x", []eslocal.Option{eslocal.WithModules(eslocal.ModuleESQL)}, "9.5.3"},
		{"esql on 8.18", []eslocal.Option{eslocal.WithVersion("8.18.0"), eslocal.WithModules(eslocal.ModuleESQL)}, "8.18.0"},
		{"opensearch", []eslocal.Option{eslocal.WithProduct(eslocal.OpenSearch), eslocal.WithModules(eslocal.ModuleKQL)}, "opensearch"},
		{"elasticsearch 7", []eslocal.Option{eslocal.WithVersion("7.10.2"), eslocal.WithModules(eslocal.ModuleMapperVersion)}, "7.10.2"},
		{"unknown", []eslocal.Option{eslocal.WithModules("x-pack-ml")}, "x-pack-ml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t0 := time.Now()
			c, err := eslocal.Start(ctx, tc.opts...)
			if err == nil {
				c.Stop()
				t.Fatal("started; want ErrModuleUnavailable")
			}
			if !errors.Is(err, eslocal.ErrModuleUnavailable) || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v; want one line, ErrModuleUnavailable naming %q", err, tc.want)
			}
			if time.Since(t0) > 5*time.Second {
				t.Fatalf("refusing took %v: it must be decided before any download", time.Since(t0))
			}
			if err := eslocal.Install(ctx, tc.opts...); !errors.Is(err, eslocal.ErrModuleUnavailable) {
				t.Fatalf("Install: err = %v; want ErrModuleUnavailable", err)
			}
		})
	}
}

// A module whose jars Maven cannot deliver is reported in one line, and the
// plain home it would have been built from is left as it was.
func TestModuleMissingFromMavenIsOneLine(t *testing.T) {
	if testing.Short() {
		t.Skip("asks Maven Central for an artifact that does not exist")
	}
	cache := t.TempDir()
	t.Setenv("ESGO_CACHE", cache)
	base := filepath.Join(cache, "elasticsearch-8.0.99")
	for _, d := range []string{"lib", "modules/x-pack-core", "config"} {
		os.MkdirAll(filepath.Join(base, d), 0o755)
	}
	os.WriteFile(filepath.Join(base, ".esgo-unpacked"), nil, 0o644)
	_, err := eslocal.InstallElasticsearchModules(context.Background(), "8.0.99", eslocal.ModuleKQL)
	if !errors.Is(err, eslocal.ErrDownload) || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "x-pack-kql") {
		t.Fatalf("err = %v; want a one-line ErrDownload naming the module", err)
	}
	if _, serr := os.Stat(filepath.Join(base, "modules", "x-pack-kql")); !os.IsNotExist(serr) {
		t.Fatal("the shared unpacked home was changed")
	}
	if m, _ := filepath.Glob(filepath.Join(cache, "elasticsearch-8.0.99-with-*")); len(m) != 0 {
		t.Fatalf("a failed build left %v behind", m)
	}
}

// nodeInfo returns the version and module names the first node reports.
func nodeInfo(t *testing.T, c *eslocal.Cluster) (version string, modules []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	status, body, err := c.Get(ctx, "/_nodes/_local/plugins")
	if err != nil || status != 200 {
		t.Fatalf("_nodes: %d %s %v", status, body, err)
	}
	var r struct {
		Nodes map[string]struct {
			Version string `json:"version"`
			Modules []struct {
				Name string `json:"name"`
			} `json:"modules"`
		} `json:"nodes"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	for _, n := range r.Nodes {
		for _, m := range n.Modules {
			modules = append(modules, m.Name)
		}
		return n.Version, modules
	}
	t.Fatal("_nodes lists no node")
	return "", nil
}

func post(t *testing.T, c *eslocal.Cluster, path, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.URL()+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(bytes.TrimSpace(b))
}

func TestElasticsearch8WithESQL(t *testing.T) {
	c := eslocaltest.Elasticsearch8(t)
	v, mods := nodeInfo(t, c)
	if v != eslocal.Elasticsearch8Version || !slices.Contains(mods, "x-pack-esql") || !slices.Contains(mods, "x-pack-esql-core") {
		t.Fatalf("node reports version %s, modules %v; want %s with x-pack-esql", v, mods, eslocal.Elasticsearch8Version)
	}
	status, body := post(t, c, "/_query", `{"query":"ROW a = 1 | EVAL b = a + 41 | KEEP b"}`)
	if status != 200 || !strings.Contains(body, `"values":[[42]]`) {
		t.Fatalf("ROW query: %d %s", status, body)
	}
}

func TestElasticsearchWithKQLAndVersionField(t *testing.T) {
	c := eslocaltest.Elasticsearch(t)
	_, mods := nodeInfo(t, c)
	if !slices.Contains(mods, "x-pack-kql") || !slices.Contains(mods, "mapper-version") {
		t.Fatalf("modules %v; want x-pack-kql and mapper-version", mods)
	}
	idx := "eslocal-modules-" + strings.ToLower(strings.ReplaceAll(time.Now().Format("150405.000000"), ".", ""))
	req, _ := http.NewRequest(http.MethodPut, c.URL()+"/"+idx, strings.NewReader(`{"mappings":{"properties":{"v":{"type":"version"},"k":{"type":"keyword"}}}}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("create index with a version field: %d", resp.StatusCode)
	}
	t.Cleanup(func() {
		req, _ := http.NewRequest(http.MethodDelete, c.URL()+"/"+idx, nil)
		if resp, err := c.HTTPClient().Do(req); err == nil {
			resp.Body.Close()
		}
	})
	for _, doc := range []string{`{"v":"1.10.0","k":"a"}`, `{"v":"1.9.0","k":"b"}`} {
		if status, body := post(t, c, "/"+idx+"/_doc?refresh=true", doc); status != 201 {
			t.Fatalf("index: %d %s", status, body)
		}
	}
	// version sorts semantically (1.9.0 < 1.10.0); kql finds by field.
	status, body := post(t, c, "/"+idx+"/_search", `{"query":{"kql":{"query":"k: a"}},"sort":[{"v":"desc"}]}`)
	if status != 200 || !strings.Contains(body, `"1.10.0"`) || strings.Contains(body, `"1.9.0"`) {
		t.Fatalf("kql search: %d %s", status, body)
	}
	status, body = post(t, c, "/"+idx+"/_search", `{"query":{"range":{"v":{"gt":"1.9.5"}}}}`)
	if status != 200 || !strings.Contains(body, `"1.10.0"`) || strings.Contains(body, `"1.9.0"`) {
		t.Fatalf("version range: %d %s", status, body)
	}
}
