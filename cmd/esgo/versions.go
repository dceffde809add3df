package main

import "github.com/esgo/esgo/eslocal"

// versionOptions returns the eslocal options for a version given to
// esgo local start.
func versionOptions(version string) []eslocal.Option {
	if version == "" {
		return nil
	}
	return []eslocal.Option{eslocal.WithVersion(version)}
}
