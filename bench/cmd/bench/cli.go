package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// figCLI is figure 6: the esgo command. `esgo bulk` of an NDJSON file of
// small documents against the library's bulk.Indexer (the same documents,
// generated in the child), and `esgo export` of the scan figure's index
// against the fastest peers of the scan figure. Peak RSS is the whole
// process's (rusage).
func figCLI(ctx context.Context, cfg config, srv *server, rep *report) error {
	dir, err := os.MkdirTemp("", "esgo-bench-cli-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "esgo")
	logf("cli: building the esgo command")
	// Built in esgo's own module (the parent folder), with its dependencies.
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/esgo")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building esgo: %v\n%s", err, out)
	}
	docs := cfg.smallDocs
	file := filepath.Join(dir, "docs.ndjson")
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var scratch []byte
	for i := range docs {
		scratch = appendDoc(scratch[:0], i, false)
		w.Write(scratch)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	f.Close()

	// A freshly started server is slow until its JIT has warmed up: one
	// unmeasured round of each first.
	for _, which := range []string{"cli", "lib"} {
		logf("cli warm-up (not measured): %s", which)
		if err := srv.recreate(ctx, "bench-warmup"); err != nil {
			return err
		}
		var err error
		if which == "cli" {
			_, err = runCLI(ctx, docs, bin, "bulk", "bench-warmup", file, "--url", srv.url, "--progress", "none")
		} else {
			_, err = goChild(ctx, "esgo-bulk", srv.url, "bench-warmup", docs, false)
		}
		if err != nil {
			return err
		}
	}
	if err := srv.drop(ctx, "bench-warmup"); err != nil {
		return err
	}
	// Bulk: the command and the library take turns.
	const cas = "small (~160 B), NDJSON file"
	var cliRes, libRes []childResult
	for r := range cfg.runs {
		for _, which := range []string{"cli", "lib"} {
			index := "bench-cli-" + which
			if err := srv.recreate(ctx, index); err != nil {
				return err
			}
			logf("cli bulk run %d/%d: %s, %d docs", r+1, cfg.runs, which, docs)
			var res childResult
			if which == "cli" {
				res, err = runCLI(ctx, docs, bin, "bulk", index, file, "--url", srv.url, "--progress", "none")
			} else {
				res, err = goChild(ctx, "esgo-bulk", srv.url, index, docs, false)
			}
			if err != nil {
				return err
			}
			if n, err := srv.count(ctx, index); err != nil || n != docs {
				return fmt.Errorf("%s: index holds %d documents, want %d (%v)", which, n, docs, err)
			}
			logf("  %.0f docs/s, peak RSS %.0f MB", res.DocsPerS, float64(res.MaxRSSKB)/1024)
			if which == "cli" {
				cliRes = append(cliRes, res)
			} else {
				libRes = append(libRes, res)
			}
			if err := srv.drop(ctx, index); err != nil {
				return err
			}
		}
	}
	rep.add(newRow("cli", cas, "esgo bulk (command)", docs, cliRes))
	rep.add(newRow("cli", cas, "esgo bulk.Indexer (library)", docs, libRes))

	// Export: the scan figure's index, to /dev/null.
	if err := fillScanIndex(ctx, cfg, srv); err != nil {
		return err
	}
	n := cfg.scanDocs
	var exp, goes []childResult
	for r := range cfg.runs {
		logf("cli export run %d/%d", r+1, cfg.runs)
		res, err := runCLI(ctx, n, bin, "export", scanIndex, "-O", os.DevNull, "--url", srv.url, "--progress", "none")
		if err != nil {
			return err
		}
		logf("  %.0f docs/s, peak RSS %.0f MB", res.DocsPerS, float64(res.MaxRSSKB)/1024)
		exp = append(exp, res)
		if res, err = goChild(ctx, "goes-scan", srv.url, scanIndex, 0, false); err != nil {
			return err
		}
		goes = append(goes, res)
	}
	rep.add(newRow("cli", "export 1 index, 1 shard, small docs", "esgo export (command, NDJSON, defaults)", n, exp))
	rep.add(newRow("cli", "export 1 index, 1 shard, small docs", "go-elasticsearch scroll loop", n, goes))
	return nil
}

// runCLI runs the esgo command and measures it as a child: wall time, CPU
// and peak RSS of the process.
func runCLI(ctx context.Context, docs int, bin string, args ...string) (childResult, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stderr = os.Stderr
	began := time.Now()
	if err := cmd.Run(); err != nil {
		return childResult{}, fmt.Errorf("esgo %v: %w", args, err)
	}
	wall := time.Since(began).Seconds()
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
	return childResult{Client: "esgo " + args[0], Docs: docs, WallS: wall, DocsPerS: float64(docs) / wall,
		CPUS: cpu, MaxRSSKB: ru.Maxrss, ProcCPUS: cpu, ProcMaxRSSKB: ru.Maxrss}, nil
}
