package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// sizeProg is a program of the sizes figure: what it does (the case), the
// client, its folder in bench/sizeprogs, and for the typed-model check the
// query and aggregate types it is meant to use.
type sizeProg struct {
	cas, client, dir string
	// uses are the type names (in esgo's types or go-elasticsearch's
	// typedapi/types) of the queries and aggregates the program uses;
	// code of any other *Query or *Aggregate type is reported.
	uses []string
}

const floorCase = "(no client: standard library net/http + TLS + JSON floor)"

var sizeProgs = []sizeProg{
	{"one typed search (match query)", "esgo typed API", "esgo", []string{"MatchQuery", "MatchQueryQuery"}},
	{"one typed search (match query)", "esgo typed API, hits decoded into a struct (api.SearchAs)", "esgo-search-as", []string{"MatchQuery", "MatchQueryQuery"}},
	{"one typed search (match query)", "esgo raw API, own result struct", "esgo-raw", nil},
	{"one typed search (match query)", "go-elasticsearch typed", "goes-typed", []string{"MatchQuery"}},
	{"one typed search (match query)", "go-elasticsearch low-level", "goes-lowlevel", nil},
	{"20 common endpoints typed", "esgo typed API", "esgo-typed20", nil},
	{"20 common endpoints typed", "go-elasticsearch typed", "goes-typed20", nil},
	{"build one match query and send it", "esgo DSL (dsl.Match, dsl.Execute)", "esgo-dsl-match", []string{"MatchQuery", "MatchQueryQuery"}},
	{"build one match query and send it", "go-elasticsearch types.Query + esapi over the transport", "goes-match", []string{"MatchQuery"}},
	{"read one terms aggregation from a typed response", "esgo typed API (Aggregates.StringTerms)", "esgo-terms-read", []string{"StringTermsAggregate", "Aggregate"}},
	{"read one terms aggregation from a typed response", "go-elasticsearch types.StringTermsAggregate + esapi over the transport", "goes-terms-read", []string{"StringTermsAggregate"}},
	{"match query built and terms aggregation read", "esgo DSL", "esgo-dsl-match-terms", []string{"MatchQuery", "MatchQueryQuery", "StringTermsAggregate", "Aggregate"}},
	{"match query built and terms aggregation read", "go-elasticsearch typed client", "goes-match-terms", []string{"MatchQuery", "StringTermsAggregate"}},
	{floorCase, "(standard library alone)", "stdonly", nil},
}

// figSizes is figure 7: the binary size of small programs (the typed API's
// and the DSL's size rules, issues 11 and 12), all built with one shared
// build cache (sizes do not depend on the cache; this keeps the figure to
// a few minutes), and a look at what the linker kept: `go tool nm -size`
// sums the code of the client's model packages and lists the query and
// aggregate types whose code is linked although the program does not use
// them.
func figSizes(ctx context.Context, cfg config, rep *report) error {
	tmp, err := os.MkdirTemp("", "esgo-bench-sizes-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	cache := filepath.Join(tmp, "cache")
	var floor float64
	var rows []row
	for _, p := range sizeProgs {
		pkg := "./" + filepath.Join("sizeprogs", p.dir)
		bin := filepath.Join(tmp, p.dir)
		logf("sizes: building %s", pkg)
		if _, _, err := timedBuild(ctx, cache, bin, pkg); err != nil {
			return err
		}
		size, err := fileMB(bin)
		if err != nil {
			return err
		}
		rw := row{Figure: "sizes", Case: p.cas, Client: p.client, N: 1, Runs: 1, Samples: map[string][]float64{"binary_mb": {size}}}
		link, err := linkedCode(ctx, bin, p.uses)
		if err != nil {
			return err
		}
		rw.Samples["model_code_kb"] = []float64{link.modelKB}
		rw.Samples["other_variants"] = []float64{float64(len(link.others))}
		rw.Samples["other_variants_kb"] = []float64{link.othersKB}
		if len(link.others) > 0 {
			shown := link.others
			if len(shown) > 12 {
				shown = append(slices.Clone(shown[:12]), fmt.Sprintf("and %d more", len(link.others)-12))
			}
			rw.Note = "other query/aggregate types with code linked: " + strings.Join(shown, ", ")
		}
		if _, _, err := timedBuild(ctx, cache, bin, pkg, "-ldflags=-s -w"); err != nil {
			return err
		}
		if size, err = fileMB(bin); err != nil {
			return err
		}
		rw.Samples["stripped_mb"] = []float64{size}
		if p.dir == "stdonly" {
			floor = rw.Samples["binary_mb"][0]
		}
		logf("  %.2f MB, model code %.0f KiB, %d other query/aggregate types linked (%.1f KiB)", rw.Samples["binary_mb"][0], link.modelKB, len(link.others), link.othersKB)
		rows = append(rows, rw)
	}
	for _, rw := range rows {
		if floor > 0 {
			rw.Samples["over_floor_mb"] = []float64{rw.Samples["binary_mb"][0] - floor}
		}
		rw.summarise()
		rep.add(rw)
	}
	return nil
}

// linkResult is what `go tool nm -size` says about a binary's model code.
type linkResult struct {
	modelKB  float64  // code of esgo's types and dsl, or go-elasticsearch's typedapi/types
	others   []string // query and aggregate types not used by the program, with code linked
	othersKB float64
}

// modelPackages are the packages whose code the size rules are about.
var modelPackages = []string{"github.com/esgo/esgo/types.", "github.com/esgo/esgo/dsl.", "github.com/elastic/go-elasticsearch/v9/typedapi/types."}

// linkedCode reads the text symbols of bin: the code of the model
// packages, and the types named *Query or *Aggregate (in those packages)
// that have code linked and are not in uses.
func linkedCode(ctx context.Context, bin string, uses []string) (linkResult, error) {
	out, err := exec.CommandContext(ctx, "go", "tool", "nm", "-size", bin).Output()
	if err != nil {
		return linkResult{}, fmt.Errorf("go tool nm %s: %w", bin, err)
	}
	var res linkResult
	other := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || (f[2] != "T" && f[2] != "t") {
			continue
		}
		size, _ := strconv.ParseFloat(f[1], 64)
		name := f[3]
		pkg := ""
		for _, p := range modelPackages {
			if strings.HasPrefix(name, p) {
				pkg = p
				break
			}
		}
		if pkg == "" {
			continue
		}
		res.modelKB += size / 1024
		// types.Foo.Method, types.(*Foo).Method, types.Foo[...].Method
		typ := strings.TrimPrefix(name, pkg)
		typ = strings.TrimPrefix(typ, "(*")
		if i := strings.IndexAny(typ, ".[)"); i >= 0 {
			typ = typ[:i]
		}
		if (strings.HasSuffix(typ, "Query") || strings.HasSuffix(typ, "Aggregate")) && !slices.Contains(uses, typ) {
			other[strings.TrimSuffix(pkg[strings.LastIndex(pkg[:len(pkg)-1], "/")+1:], ".")+"."+typ] += size
		}
	}
	for name, size := range other {
		res.others = append(res.others, name)
		res.othersKB += size / 1024
	}
	slices.Sort(res.others)
	return res, sc.Err()
}
