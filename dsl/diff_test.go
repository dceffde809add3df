package dsl_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
)

// diffCases maps a case name of testdata/diff/cases.py to the esgo code
// building the same request. Each value is marshalled to JSON and compared
// with what Python's elasticsearch.dsl produced.
var diffCases = map[string]func() (any, error){}

func addCase(name string, build func() (any, error)) {
	if _, dup := diffCases[name]; dup {
		panic("duplicate diff case " + name)
	}
	diffCases[name] = build
}

func addValue(name string, v any) {
	addCase(name, func() (any, error) { return v, nil })
}

var (
	pythonOnce sync.Once
	pythonOut  map[string]json.RawMessage
	pythonErr  string
)

func pythonCases(t *testing.T) map[string]json.RawMessage {
	t.Helper()
	pythonOnce.Do(func() {
		py, err := exec.LookPath("python3")
		if err != nil {
			pythonErr = "python3 not found"
			return
		}
		cmd := exec.Command(py, "testdata/diff/cases.py")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			pythonErr = "running testdata/diff/cases.py (needs `pip install elasticsearch==9.5.1`): " + err.Error() + ": " + stderr.String()
			return
		}
		if err := json.Unmarshal(out, &pythonOut); err != nil {
			pythonErr = "decoding cases.py output: " + err.Error()
		}
	})
	if pythonErr != "" {
		if os.Getenv("ESGO_REQUIRE_PYTHON") == "1" {
			t.Fatal(pythonErr)
		}
		t.Skip(pythonErr)
	}
	return pythonOut
}

func normalize(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	return v
}

func TestDifferentialAgainstPython(t *testing.T) {
	py := pythonCases(t)
	names := make([]string, 0, len(py))
	for name := range py {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			build, ok := diffCases[name]
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
			if !reflect.DeepEqual(normalize(t, got), normalize(t, want)) {
				t.Errorf("JSON differs\n esgo:   %s\n python: %s", got, want)
			}
		})
	}
	var extra []string
	for name := range diffCases {
		if _, ok := py[name]; !ok {
			extra = append(extra, name)
		}
	}
	if len(extra) > 0 {
		t.Errorf("esgo cases without a Python counterpart: %s", strings.Join(extra, ", "))
	}
	t.Logf("%d differential cases compared", len(names))
}
