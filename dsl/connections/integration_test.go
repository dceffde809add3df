package connections_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/esgo/esgo/clusters"
	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/connections"
	"github.com/esgo/esgo/eslocal/eslocaltest"
)

func TestIntegrationLoadClusters(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	path := filepath.Join(t.TempDir(), "clusters.json")
	cfg := &clusters.Config{Current: "here", Clusters: map[string]clusters.Cluster{
		"here":    {URLs: []string{url}},
		"nowhere": {URLs: []string{"http://127.0.0.1:1"}},
	}}
	if err := cfg.Save(path); err != nil {
		t.Fatal(err)
	}
	reg := &connections.Connections{}
	if err := reg.LoadClusters(path); err != nil {
		t.Fatal(err)
	}
	if got := reg.Aliases(); len(got) != 3 {
		t.Fatalf("aliases = %v, want default, here, nowhere", got)
	}
	for _, alias := range []string{"here", connections.DefaultAlias} {
		conn, err := reg.Get(alias)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := dsl.NewSearch("dsl-clusters-*").Using(conn).Count(context.Background()); err != nil {
			t.Errorf("count through %q: %v", alias, err)
		}
	}
}
