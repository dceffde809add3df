package api_test

import (
	"os/exec"
	"strings"
	"testing"
)

// A program that uses the client and the typed API links neither the
// faster decoder of the DSL and scan (segmentio/encoding) nor OTel's global
// provider (which links its auto-instrumentation SDK): each would add
// 0.2-0.4 MiB to every typed program (BENCHMARKS.md, sizes).
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
		for _, banned := range []string{"github.com/segmentio/", "go.opentelemetry.io/otel/internal/global", "go.opentelemetry.io/auto/"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("the client and the typed API depend on %s", dep)
			}
		}
	}
}
