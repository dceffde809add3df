package main

import (
	"strings"

	"github.com/esgo/esgo/eslocal"
)

// versionOptions returns the eslocal options for a version given to
// esgo local start: Elasticsearch 8 gets the ES|QL module (its compute
// engine is published for 8.x only).
func versionOptions(product, version string) []eslocal.Option {
	if version == "" {
		return nil
	}
	opts := []eslocal.Option{eslocal.WithVersion(version)}
	if product == string(eslocal.Elasticsearch) && strings.HasPrefix(version, "8.") {
		opts = append(opts, eslocal.WithModules(eslocal.ModuleESQL))
	}
	return opts
}
