package api_test

import (
	"os/exec"
	"strings"
	"testing"
)

// A program that uses the client and the typed API does not link OTel's
// global provider (which links its auto-instrumentation SDK, 0.2-0.4 MiB
// in every typed program; BENCHMARKS.md, sizes). The faster decoder
// (segmentio/encoding, through internal/fastjson) is linked: api.SearchAs
// decodes with it, +0.07 MiB for a program that does not call SearchAs.
func TestTypedAPIDependencies(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the dependencies with:", err)
	}
	out, err := exec.Command(gobin, "list", "-deps", "github.com/esgo/esgo", "github.com/esgo/esgo/api").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"go.opentelemetry.io/otel/internal/global", "go.opentelemetry.io/auto/"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("the client and the typed API depend on %s", dep)
			}
		}
	}
}
