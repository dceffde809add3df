package clusters

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSaveLoadAndRedaction(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "clusters.json")
	cfg, err := Load(path)
	if err != nil || len(cfg.Clusters) != 0 {
		t.Fatalf("missing file: %v %v", cfg, err)
	}
	cfg.Clusters["prod"] = Cluster{URLs: []string{"https://a:9200"}, Username: "elastic", Password: "s3cret-pw"}
	cfg.Clusters["env"] = Cluster{URLs: []string{"http://b:9200"}, TokenEnv: "CLUSTERS_TEST_TOKEN"}
	cfg.Current = "prod"
	if err := cfg.Save(path); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode: %v %v", st.Mode(), err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := got.Get("")
	if err != nil || c.Password != "s3cret-pw" || len(c.Options()) != 2 {
		t.Fatalf("current: %+v %v", c, err)
	}
	var log strings.Builder
	slog.New(slog.NewTextHandler(&log, nil)).Info("x", "cluster", c)
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%v %+v %#v", c, c, c), log.String()} {
		if strings.Contains(s, "s3cret") {
			t.Errorf("secret printed: %s", s)
		}
	}
	t.Setenv("CLUSTERS_TEST_TOKEN", "tok")
	if _, _, tok := got.Clusters["env"].Secrets(); tok != "tok" || got.Clusters["env"].Auth() != "token" {
		t.Errorf("token from env: %q", tok)
	}
	if _, err := got.Get("nope"); !errors.Is(err, ErrUnknown) {
		t.Errorf("unknown: %v", err)
	}
	if n := got.Names(); len(n) != 2 || n[0] != "env" {
		t.Errorf("names: %v", n)
	}
}

func TestFromEnv(t *testing.T) {
	t.Setenv("ELASTICSEARCH_URL", "http://a:9200,http://b:9200")
	t.Setenv("ELASTICSEARCH_USERNAME", "elastic")
	t.Setenv("ELASTICSEARCH_PASSWORD", "s3cret")
	t.Setenv("ELASTICSEARCH_API_KEY", "")
	t.Setenv("ELASTICSEARCH_TOKEN", "")
	t.Setenv("ELASTICSEARCH_CA", "/etc/ca.pem")
	cl := FromEnv()
	if len(cl.URLs) != 2 || cl.URLs[1] != "http://b:9200" || cl.Username != "elastic" || cl.Password != "s3cret" || cl.CAFile != "/etc/ca.pem" {
		t.Errorf("FromEnv = %+v", cl)
	}
	if s := cl.String(); strings.Contains(s, "s3cret") {
		t.Errorf("String %q shows the password", s)
	}
}
