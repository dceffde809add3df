// Command gen generates package api, package types and the yamltest
// dispatch table from two specifications of the Elasticsearch REST API:
//
//   - the rest-api-spec jar of Elasticsearch 9.5.3
//     (org.elasticsearch:rest-api-spec, read from the local Maven repository
//     and fetched with mvn when missing): endpoint names, paths, HTTP
//     methods and query parameters, as the server itself declares them;
//   - the compiled specification of elastic/elasticsearch-specification,
//     branch 9.5, committed in internal/gen/spec with its provenance and
//     licence: every request body, response and shared type (package types).
//
// Where the two disagree, the jar wins for what it owns (it is what the
// 9.5.3 server routes): endpoints only the compiled specification has
// (cancel_reindex, get_reindex, list_reindex, encryption.reset) are not
// generated, and the jar's reindex_cancel, reindex_get and reindex_list get
// the types of their renamed counterparts; where the jar says an endpoint
// takes no body (cat.count, indices.resolve_index) no typed body is
// generated, although the compiled specification declares one. The compiled
// specification wins for bodies and responses: the jar only says whether
// there is a body. A query parameter only the compiled specification lists
// can still be sent with api.WithQuery.
//
// Run it from anywhere inside the module:
//
//	go run ./internal/gen
//
// It rewrites api/zz_*.go, types/zz_*.go, dsl/zz_params.go,
// dsl/analysis/zz_params.go, dsl/index/zz_params.go and
// internal/yamltest/zz_dispatch.go.
// The output depends only on the two specifications, so running it twice
// gives the same bytes; `go run ./internal/gen -check` (run in CI) fails
// when the committed files differ.
//
// The shape of the generated types follows the rules measured in
// internal/gen/spec/SIZE.md (summarised in types/doc.go): decoding by reflection, custom decoders only where struct
// tags cannot express the wire form, lazy unions, enumerations as string
// types, no package-level registries.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"maps"
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
	params, err := renderDSLParams(sch, tm, root)
	if err != nil {
		return nil, nil, err
	}
	maps.Copy(out, params)
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
var generatedDirs = []string{"api", "types", "dsl", filepath.Join("dsl", "analysis"), filepath.Join("dsl", "index"), filepath.Join("internal", "yamltest")}

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
