// Command gen generates package api and the yamltest dispatch table from the
// Elasticsearch REST API specification (org.elasticsearch:rest-api-spec).
//
// Run it from anywhere inside the module:
//
//	go run ./internal/gen
//
// It reads the specification jar from the local Maven repository, fetching it
// with mvn when missing, and rewrites api/zz_*.go and
// internal/yamltest/zz_dispatch.go. The output depends only on the
// specification, so running it twice gives the same bytes.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	jar := flag.String("spec", defaultJarPath(), "path of the rest-api-spec jar (fetched with mvn when missing)")
	root := flag.String("root", "", "module root (default: found from the working directory)")
	check := flag.Bool("check", false, "do not write: exit 1 when the committed files differ from the generated ones")
	flag.Parse()
	if err := run(*jar, *root, *check); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// output is every generated file, keyed by path relative to the module root.
type output map[string][]byte

// generate reads the specification jar and renders every generated file.
func generate(jar, root string) (output, *model, error) {
	if err := ensureJar(jar); err != nil {
		return nil, nil, err
	}
	s, err := readSpec(jar)
	if err != nil {
		return nil, nil, err
	}
	m, err := buildModel(s)
	if err != nil {
		return nil, nil, err
	}
	sch, err := readSchema(root)
	if err != nil {
		return nil, nil, err
	}
	tm, err := newTypeModel(sch)
	if err != nil {
		return nil, nil, err
	}
	typeFiles, err := renderTypes(tm)
	if err != nil {
		return nil, nil, err
	}
	out := output{}
	for name, data := range typeFiles {
		out[filepath.Join("types", name)] = data
	}
	tm.pkg = "types."
	if err := tm.attachTypes(m, sch); err != nil {
		return nil, nil, err
	}
	apiFiles, err := renderAPI(m)
	if err != nil {
		return nil, nil, err
	}
	for name, data := range apiFiles {
		out[filepath.Join("api", name)] = data
	}
	dispatch, err := renderDispatch(m)
	if err != nil {
		return nil, nil, err
	}
	out[filepath.Join("internal", "yamltest", "zz_dispatch.go")] = dispatch
	return out, m, nil
}

func run(jar, root string, check bool) error {
	if root == "" {
		var err error
		if root, err = moduleRoot(); err != nil {
			return err
		}
	}
	out, m, err := generate(jar, root)
	if err != nil {
		return err
	}
	if check {
		diffs, err := compare(root, out)
		if err != nil {
			return err
		}
		if len(diffs) > 0 {
			return fmt.Errorf("generated code is stale; run go run ./internal/gen:\n  %s", strings.Join(diffs, "\n  "))
		}
		return nil
	}
	if err := write(root, out); err != nil {
		return err
	}
	var size int
	for _, data := range out {
		size += len(data)
	}
	slog.Info("generated", "endpoints", m.Count, "files", len(out), "bytes", size)
	return nil
}

// generatedDirs are the directories whose zz_*.go files the generator owns.
var generatedDirs = []string{"api", "types", filepath.Join("internal", "yamltest")}

// compare lists the differences between out and the files under root.
func compare(root string, out output) ([]string, error) {
	var diffs []string
	for _, name := range sortedKeys(out) {
		have, err := os.ReadFile(filepath.Join(root, name))
		switch {
		case errors.Is(err, os.ErrNotExist):
			diffs = append(diffs, name+": missing")
		case err != nil:
			return nil, err
		case !bytes.Equal(have, out[name]):
			diffs = append(diffs, name+": differs")
		}
	}
	for _, dir := range generatedDirs {
		stale, err := filepath.Glob(filepath.Join(root, dir, "zz_*.go"))
		if err != nil {
			return nil, err
		}
		for _, f := range stale {
			rel, _ := filepath.Rel(root, f)
			if _, ok := out[rel]; !ok {
				diffs = append(diffs, rel+": not generated any more")
			}
		}
	}
	return diffs, nil
}

// write replaces the generated files under root, removing stale ones.
func write(root string, out output) error {
	for _, dir := range generatedDirs {
		stale, err := filepath.Glob(filepath.Join(root, dir, "zz_*.go"))
		if err != nil {
			return err
		}
		for _, f := range stale {
			rel, _ := filepath.Rel(root, f)
			if _, ok := out[rel]; !ok {
				if err := os.Remove(f); err != nil {
					return err
				}
			}
		}
	}
	for _, name := range sortedKeys(out) {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, out[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// moduleRoot walks up from the working directory to the directory holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}
