package clusters_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/clusters"
)

// Load the clusters file and build a client for its current cluster.
func Example() {
	dir, _ := os.MkdirTemp("", "clusters-example-")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "clusters.json") // usually clusters.DefaultPath()

	cfg, _ := clusters.Load(path) // a missing file is an empty Config
	cfg.Clusters["local"] = clusters.Cluster{URLs: []string{"http://127.0.0.1:9200"}}
	cfg.Clusters["prod"] = clusters.Cluster{URLs: []string{"https://es.example:9200"},
		Username: "elastic", PasswordEnv: "PROD_ES_PASSWORD"}
	cfg.Current = "local"
	if err := cfg.Save(path); err != nil {
		fmt.Println(err)
		return
	}

	cfg, _ = clusters.Load(path)
	cur, err := cfg.Get("") // "" is the current cluster
	if err != nil {
		fmt.Println(err)
		return
	}
	client, err := esgo.New(cur.Options()...)
	fmt.Println(client != nil, err)
	fmt.Println(cfg.Clusters["prod"]) // secrets are never printed
	// Output:
	// true <nil>
	// https://es.example:9200 auth=basic (elastic, no password)
}
