package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/esgo/esgo/eslocal/eslocaltest"
)

// esgoBin is the esgo command built for the tests that run it as a process
// (exit codes, signals, the terminal, detached starts).
var esgoBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "esgo-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	esgoBin = filepath.Join(dir, "esgo")
	if out, err := exec.Command("go", "build", "-o", esgoBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building esgo: %v\n%s", err, out)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)
	eslocaltest.Main(m)
}

// result is what a run of the esgo binary printed and its exit code.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// runBin runs the esgo binary with env added to a clean environment (no
// ELASTICSEARCH_* or ESGO_* variables of the caller's).
func runBin(t *testing.T, env []string, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(esgoBin, args...)
	cmd.Env = append(cleanEnv(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running esgo %v: %v", args, err)
	}
	return result{out.String(), errb.String(), code}
}

// cleanEnv is the environment without the variables that steer esgo; the
// clusters file and the local clusters folder point at empty places.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "ELASTICSEARCH_") || strings.HasPrefix(kv, "ESGO_CLUSTER") ||
			strings.HasPrefix(kv, "ESGO_CONFIG") || strings.HasPrefix(kv, "ESGO_LOCAL_DIR") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "ESGO_CONFIG="+filepath.Join(os.TempDir(), "esgo-test-no-such-dir", "clusters.json"))
}

// writeFile writes a file in a test's temporary folder.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// freshIndex deletes index (left by an earlier run on a shared server) and,
// when create is not nil, creates it with these extra arguments of esgo
// index create.
func freshIndex(t *testing.T, url, index string, create ...string) {
	t.Helper()
	if r := runBin(t, nil, "", "index", "delete", index, "--url", url); r.code != 0 && !strings.Contains(r.stderr, "index_not_found_exception") {
		t.Fatalf("deleting %s: %v", index, r)
	}
	if create == nil {
		return
	}
	if r := runBin(t, nil, "", append([]string{"index", "create", index, "--url", url}, create...)...); r.code != 0 {
		t.Fatal(r)
	}
}
