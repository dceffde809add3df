package dsl_test

import (
	"testing"

	"github.com/esgo/esgo/internal/pydiff"
)

// diffCases holds the esgo side of the cases of testdata/diff/cases.py:
// each value is marshalled to JSON and compared with what Python's
// elasticsearch.dsl produced.
var diffCases pydiff.Cases

func addCase(name string, build func() (any, error)) { diffCases.Add(name, build) }

func addValue(name string, v any) { diffCases.Value(name, v) }

func TestDifferentialAgainstPython(t *testing.T) {
	diffCases.Run(t, "testdata/diff/cases.py")
}
