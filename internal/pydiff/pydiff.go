// Package pydiff is the one runner of the differential tests against the
// Python client (elasticsearch==9.5.1): a package's cases.py prints {case
// name: JSON value} built with Python (elasticsearch.dsl for the DSL
// packages, in their testdata/diff/cases.py; elasticsearch.esql for esql,
// whose values are the query strings), the package's test builds the same
// cases in Go, and Run compares the two sets of values.
//
// Without python3 or the elasticsearch package the comparison is skipped,
// unless ESGO_REQUIRE_PYTHON=1 makes that a failure (as in CI).
package pydiff

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// Cases maps case names of a cases.py to the Go code building the same
// value. The zero value is ready to use.
type Cases struct {
	build map[string]func() (any, error)
}

// Add registers the Go side of the case called name; the value build
// returns is encoded with encoding/json.
func (c *Cases) Add(name string, build func() (any, error)) {
	if _, dup := c.build[name]; dup {
		panic("pydiff: duplicate case " + name)
	}
	if c.build == nil {
		c.build = map[string]func() (any, error){}
	}
	c.build[name] = build
}

// Value registers v as the Go side of the case called name.
func (c *Cases) Value(name string, v any) {
	c.Add(name, func() (any, error) { return v, nil })
}

// python runs script and decodes its output, or says why it cannot.
func python(script string) (map[string]json.RawMessage, string) {
	py, err := exec.LookPath("python3")
	if err != nil {
		return nil, "python3 not found"
	}
	cmd := exec.Command(py, script)
	// The shared prelude (diffcases.py) sits beside this file.
	_, self, _, _ := runtime.Caller(0)
	cmd.Env = append(os.Environ(), "PYTHONPATH="+filepath.Dir(self))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, "running " + script + " (needs `pip install elasticsearch==9.5.1`): " + err.Error() + ": " + stderr.String()
	}
	var cases map[string]json.RawMessage
	if err := json.Unmarshal(out, &cases); err != nil {
		return nil, "decoding the output of " + script + ": " + err.Error()
	}
	return cases, ""
}

func normalize(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	return v
}

// Run runs the Python script (testdata/diff/cases.py of the calling
// package) and compares each of its cases, in a subtest, with the Go case
// of the same name. A Python case without a Go counterpart, or the
// reverse, is a failure. It returns the number of cases compared (0 when
// skipped).
func (c *Cases) Run(t *testing.T, script string) int {
	t.Helper()
	py, why := python(script)
	if why != "" {
		if os.Getenv("ESGO_REQUIRE_PYTHON") == "1" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	names := make([]string, 0, len(py))
	for name := range py {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			build, ok := c.build[name]
			if !ok {
				t.Fatalf("no esgo counterpart for Python case %q", name)
			}
			v, err := build()
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			got, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			want := py[name]
			g, w := normalize(t, got), normalize(t, want)
			if reflect.DeepEqual(g, w) {
				return
			}
			gs, gok := g.(string)
			ws, wok := w.(string)
			if gok && wok { // query strings: shown as they read
				t.Errorf("differs\n--- esgo:\n%s\n--- python:\n%s", gs, ws)
				return
			}
			t.Errorf("JSON differs\n esgo:   %s\n python: %s", got, want)
		})
	}
	var extra []string
	for name := range c.build {
		if _, ok := py[name]; !ok {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("esgo cases without a Python counterpart: %s", strings.Join(extra, ", "))
	}
	t.Logf("%d differential cases compared", len(names))
	return len(names)
}
