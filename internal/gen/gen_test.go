package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// specJar returns the specification jar, fetching it unless -short.
func specJar(t *testing.T) string {
	t.Helper()
	jar := defaultJarPath()
	if _, err := os.Stat(jar); err != nil && testing.Short() {
		t.Skipf("%s is not in the local Maven repository and -short forbids fetching it", specArtifact)
	}
	return jar
}

// TestCommittedCodeIsGenerated fails when api/zz_*.go or
// internal/yamltest/zz_dispatch.go differ from what the generator writes.
func TestCommittedCodeIsGenerated(t *testing.T) {
	jar := specJar(t)
	out, m, err := generate(jar, "../..")
	if err != nil {
		t.Fatal(err)
	}
	if m.Count != 602 {
		t.Errorf("endpoints = %d, want the 602 of rest-api-spec %s", m.Count, specVersion)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	diffs, err := compare(root, out)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diffs {
		t.Errorf("%s (run: go run ./internal/gen)", d)
	}
}

// TestOutputIsReproducible generates twice, the second time into a
// temporary directory, and compares byte for byte.
func TestOutputIsReproducible(t *testing.T) {
	jar := specJar(t)
	first, _, err := generate(jar, "../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	schema, err := os.ReadFile(filepath.Join("..", "..", schemaFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(schemaFile)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, schemaFile), schema, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(jar, dir, false); err != nil {
		t.Fatal(err)
	}
	for name, want := range first {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	if diffs, err := compare(dir, first); err != nil || len(diffs) > 0 {
		t.Errorf("compare after write: %v %v", diffs, err)
	}
}

func TestCamel(t *testing.T) {
	for in, want := range map[string]string{
		"put_mapping":             "PutMapping",
		"_source_includes":        "SourceIncludes",
		"id":                      "ID",
		"ml":                      "ML",
		"xpack":                   "XPack",
		"get_api_key":             "GetAPIKey",
		"search_mvt":              "SearchMVT",
		"indices.put_alias":       "IndicesPutAlias",
		"IN_PROGRESS":             "InProgress",
		"_internal":               "Internal",
		"ccs_minimize_roundtrips": "CCSMinimizeRoundtrips",
	} {
		if got := camel(in); got != want {
			t.Errorf("camel(%q) = %q, want %q", in, got, want)
		}
	}
}
