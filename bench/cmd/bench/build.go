package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// buildProgs are the search-only programs of figure 5, in bench/sizeprogs,
// built from an empty cache each (compile time and memory). The sizes of
// all the programs, these included, are figure 7 (sizes.go).
var buildProgs = []struct{ client, dir string }{
	{"esgo typed (one typed search)", "esgo"},
	{"go-elasticsearch low-level", "goes-lowlevel"},
	{"go-elasticsearch typed", "goes-typed"},
	// The floor: what any Go program that speaks HTTPS and JSON weighs
	// before a client library adds anything.
	{"(no client: standard library net/http + TLS + JSON floor)", "stdonly"},
}

// timedBuild runs go build under /usr/bin/time -v with the given build
// cache and returns wall seconds and the peak RSS (MB) of the largest
// process of the build (the compiler or the linker). An empty out builds
// pkg without writing a binary (for patterns such as ./...), in the
// folder dir (default: the current one).
func timedBuild(ctx context.Context, cache, out, pkg string, extra ...string) (wallS, peakMB float64, err error) {
	return timedBuildIn(ctx, "", cache, out, pkg, extra...)
}

func timedBuildIn(ctx context.Context, dir, cache, out, pkg string, extra ...string) (wallS, peakMB float64, err error) {
	args := append([]string{"-v", "go", "build"}, extra...)
	if out != "" {
		args = append(args, "-o", out)
	}
	args = append(args, pkg)
	cmd := exec.CommandContext(ctx, "/usr/bin/time", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOCACHE="+cache, "GOFLAGS=")
	// The build runs in its own process group, so that cancelling kills
	// the go command and its compilers too, not only /usr/bin/time.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("go build %s: %w\n%s", pkg, err, lastLines(errb.String(), 20))
	}
	for line := range strings.SplitSeq(errb.String(), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "Elapsed (wall clock) time"):
			v := line[strings.LastIndex(line, ": ")+2:]
			wallS = parseClock(v)
		case strings.HasPrefix(line, "Maximum resident set size (kbytes):"):
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimPrefix(line, "Maximum resident set size (kbytes):")), 64)
			peakMB = kb / 1024
		}
	}
	if wallS == 0 || peakMB == 0 {
		return 0, 0, fmt.Errorf("go build %s: no figures in /usr/bin/time output:\n%s", pkg, lastLines(errb.String(), 25))
	}
	return wallS, peakMB, nil
}

// parseClock reads h:mm:ss or m:ss.ss.
func parseClock(s string) float64 {
	var total float64
	for part := range strings.SplitSeq(s, ":") {
		v, _ := strconv.ParseFloat(part, 64)
		total = total*60 + v
	}
	return total
}

func fileMB(path string) (float64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return float64(st.Size()) / (1 << 20), nil
}

// figBuild is figure 5: for each program, a build from an empty cache
// (standard library included), a build from a cache that holds only the
// standard library (warmed by sizeprogs/stdonly: the client's own
// packages), and the binary size with and without symbols.
func figBuild(ctx context.Context, cfg config, rep *report) error {
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		return fmt.Errorf("needs GNU time at /usr/bin/time (apt-get install time): %w", err)
	}
	tmp, err := os.MkdirTemp("", "esgo-bench-build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	runs := cfg.runs
	for _, p := range buildProgs {
		pkg := "./" + filepath.Join("sizeprogs", p.dir)
		if _, err := os.Stat(filepath.Join("sizeprogs", p.dir, "main.go")); err != nil {
			logf("build: %s missing, skipped", pkg)
			continue
		}
		rw := row{Figure: "build", Case: "connect + one search", Client: p.client, N: 1, Runs: runs, Samples: map[string][]float64{}}
		for r := range runs {
			cold := filepath.Join(tmp, fmt.Sprintf("%s-%d-cold", p.dir, r))
			bin := filepath.Join(tmp, p.dir+".bin")
			logf("build %s run %d/%d: from an empty cache", p.client, r+1, runs)
			w, m, err := timedBuild(ctx, cold, bin, pkg)
			if err != nil {
				return err
			}
			rw.Samples["cold_build_s"] = append(rw.Samples["cold_build_s"], w)
			rw.Samples["cold_peak_mb"] = append(rw.Samples["cold_peak_mb"], m)
			size, err := fileMB(bin)
			if err != nil {
				return err
			}
			rw.Samples["binary_mb"] = append(rw.Samples["binary_mb"], size)

			if !cfg.warmBuilds {
				// Stripped size from the cache the cold build filled.
				if _, _, err := timedBuild(ctx, cold, bin, pkg, "-ldflags=-s -w"); err != nil {
					return err
				}
				if size, err = fileMB(bin); err != nil {
					return err
				}
				rw.Samples["stripped_mb"] = append(rw.Samples["stripped_mb"], size)
				os.RemoveAll(cold)
				logf("  %.2f MB, cold %.0fs/%.0f MB", rw.Samples["binary_mb"][r], rw.Samples["cold_build_s"][r], rw.Samples["cold_peak_mb"][r])
				continue
			}
			os.RemoveAll(cold)
			warm := filepath.Join(tmp, fmt.Sprintf("%s-%d-std", p.dir, r))
			if _, _, err := timedBuild(ctx, warm, filepath.Join(tmp, "stdonly.bin"), "./sizeprogs/stdonly"); err != nil {
				return err
			}
			logf("build %s run %d/%d: from a cache holding the standard library", p.client, r+1, runs)
			w, m, err = timedBuild(ctx, warm, bin, pkg)
			if err != nil {
				return err
			}
			rw.Samples["client_build_s"] = append(rw.Samples["client_build_s"], w)
			rw.Samples["client_peak_mb"] = append(rw.Samples["client_peak_mb"], m)
			if _, _, err := timedBuild(ctx, warm, bin, pkg, "-ldflags=-s -w"); err != nil {
				return err
			}
			size, err = fileMB(bin)
			if err != nil {
				return err
			}
			rw.Samples["stripped_mb"] = append(rw.Samples["stripped_mb"], size)
			os.RemoveAll(warm)
			logf("  %.2f MB, cold %.0fs/%.0f MB, client pkgs %.0fs/%.0f MB", rw.Samples["binary_mb"][r], rw.Samples["cold_build_s"][r],
				rw.Samples["cold_peak_mb"][r], rw.Samples["client_build_s"][r], rw.Samples["client_peak_mb"][r])
		}
		rw.summarise()
		rep.add(rw)
	}
	// The whole esgo module (every package, no tests), from an empty cache.
	rw := row{Figure: "build", Case: "the whole esgo module (go build ./...)", Client: "esgo", N: 1, Runs: runs, Samples: map[string][]float64{}}
	for r := range runs {
		cold := filepath.Join(tmp, fmt.Sprintf("module-%d-cold", r))
		logf("build the esgo module run %d/%d: go build ./... from an empty cache", r+1, runs)
		w, m, err := timedBuildIn(ctx, "..", cold, "", "./...")
		if err != nil {
			return err
		}
		os.RemoveAll(cold)
		rw.Samples["cold_build_s"] = append(rw.Samples["cold_build_s"], w)
		rw.Samples["cold_peak_mb"] = append(rw.Samples["cold_peak_mb"], m)
		logf("  cold %.0fs/%.0f MB", w, m)
	}
	rw.summarise()
	rep.add(rw)
	return nil
}
