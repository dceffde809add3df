package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShortDocNames checks that every constructor a generated godoc lists
// (shortConstructors) is a function of package types written by hand, so
// the list cannot name one that was renamed or removed.
func TestShortDocNames(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("../../types/*.go")
	if err != nil {
		t.Fatal(err)
	}
	funcs := map[string]bool{}
	for _, name := range files {
		base := filepath.Base(name)
		if strings.HasPrefix(base, "zz_") || strings.HasSuffix(base, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
				funcs[fd.Name.Name] = true
			}
		}
	}
	for typ, names := range shortConstructors {
		for _, n := range names {
			if !funcs[n] {
				t.Errorf("the godoc of %s lists %s, which is not a hand-written function of package types", typ, n)
			}
		}
	}
}
