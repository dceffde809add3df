package eslocal_test

import (
	"context"
	"fmt"
	"log"

	"github.com/esgo/esgo/eslocal"
)

// Start a local single-node Elasticsearch 9.5.3 (downloaded from Maven
// Central on first use), use it, and stop it.
func ExampleStart() {
	ctx := context.Background()
	c, err := eslocal.Start(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer c.Stop()
	fmt.Println("Elasticsearch is at", c.URL())
}

// A three-node cluster with security on: HTTPS with a generated CA, basic
// auth and a service token.
func ExampleStart_secureCluster() {
	c, err := eslocal.Start(context.Background(), eslocal.WithNodes(3), eslocal.WithTLS(), eslocal.WithServiceToken())
	if err != nil {
		log.Fatal(err)
	}
	defer c.Stop()
	fmt.Println(c.URLs, c.Username, c.CAFile, c.Fingerprint)
}

// OpenSearch 3.8, which ships the modules the minimal Elasticsearch
// distribution lacks (painless, reindex, analysis-common ...).
func ExampleStart_openSearch() {
	c, err := eslocal.Start(context.Background(), eslocal.WithProduct(eslocal.OpenSearch))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Stop()
	fmt.Println("OpenSearch is at", c.URL())
}

// Elasticsearch 8.19 with ES|QL, its modules built once from Maven Central
// jars into a cached copy of the server's home.
func ExampleWithModules() {
	c, err := eslocal.Start(context.Background(),
		eslocal.WithVersion(eslocal.Elasticsearch8Version), eslocal.WithModules(eslocal.ModuleESQL))
	if err != nil {
		log.Fatal(err) // for 9.x: eslocal.ErrModuleUnavailable, ES|QL's engine is not published
	}
	defer c.Stop()
	fmt.Println("ES|QL is at", c.URL()+"/_query")
}
