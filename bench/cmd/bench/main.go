// Command bench measures esgo side by side with go-elasticsearch v9.5.2 and
// elasticsearch-py 9.5.1 against one real Elasticsearch 9.5.3 that it starts
// with the project's eslocal package, and writes the results (JSON and a
// Markdown table) to bench/results/.
//
//	cd bench && go run ./cmd/bench            # full run (about 25 minutes)
//	cd bench && go run ./cmd/bench -quick     # smaller counts, for iteration
//	cd bench && go run ./cmd/bench -only decode,build
//
// Every client that talks to the server runs in its own subprocess (this
// binary with -child, or bench/python/bench.py), so its CPU seconds and peak
// RSS are its own. See BENCHMARKS.md at the root of the repository.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/esgo/esgo/eslocal"
)

// config holds the command line.
type config struct {
	quick      bool
	variants   bool
	warmBuilds bool
	only       map[string]bool
	esURL      string
	outDir     string
	runs       int
	heap       string
	python     string
	smallDocs  int
	largeDocs  int
	loopDocs   int
	scanDocs   int
	// clients, when set (-clients), keeps only the ingest clients whose
	// name contains one of these strings.
	clients []string
	// variantSet, when set (-full), keeps only the -variants rows whose
	// name contains one of these strings.
	variantSet []string
	command    string
}

// flagSet reports whether the flag was given on the command line.
func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

var allFigures = []string{"ingest", "scan", "decode", "cli", "loopback", "build", "sizes"}

func main() {
	var (
		cfg   config
		only  string
		child childArgs
	)
	flag.BoolVar(&cfg.quick, "quick", false, "smaller counts and fewer runs, for iteration")
	full := flag.Bool("full", false, "the full benchmark for BENCHMARKS.md: every figure, 3 runs of each, the client-ID variants, CPU profiles; results in results/<UTC date>/ (with -quick: the same at reduced size, to try it)")
	flag.StringVar(&only, "only", strings.Join(allFigures, ","), "comma-separated figures to run: "+strings.Join(allFigures, ","))
	flag.StringVar(&cfg.esURL, "es", "", "use this running Elasticsearch instead of starting one with eslocal")
	flag.StringVar(&cfg.outDir, "out", "results", "folder for results (JSON and Markdown)")
	flag.IntVar(&cfg.runs, "runs", 0, "runs of each server-bound measurement (ingest, scan, build; default 1); decode and loopback take at least 3")
	flag.StringVar(&cfg.heap, "heap", "2g", "Elasticsearch heap")
	flag.StringVar(&cfg.python, "python", "python3", "Python interpreter with elasticsearch==9.5.1")
	flag.StringVar(&profileDir, "profile", "", "write CPU profiles (pprof) of every Go measurement into this folder")
	flag.StringVar(&child.cpuProfile, "cpuprofile", "", "internal (-child): write a CPU profile here")
	flag.StringVar(&child.mode, "child", "", "internal: run one measurement in this process and print it as JSON")
	flag.StringVar(&child.url, "url", "", "internal (-child): server URL")
	flag.StringVar(&child.index, "index", "", "internal (-child): index")
	flag.IntVar(&child.docs, "docs", 0, "internal (-child): number of documents")
	flag.BoolVar(&child.large, "large", false, "internal (-child): ~2 KB documents")
	flag.IntVar(&child.workers, "workers", 0, "internal (-child esgo-bulk, goes-bulk): bulk.WithWorkers, BulkIndexerConfig.NumWorkers")
	flag.IntVar(&child.flushActions, "flush-actions", 0, "internal (-child esgo-bulk): bulk.WithFlushActions")
	flag.StringVar(&child.ids, "ids", "", "internal (-child esgo-bulk): \"server\" (bulk.WithServerIDs), or \"random\" / \"ordered\" (the child gives each document an explicit ID of that kind, sent as create)")
	flag.BoolVar(&cfg.warmBuilds, "warm-builds", false, "figure 5 also times each build from a cache that holds the standard library (the client's own packages; slow for go-elasticsearch)")
	flag.BoolVar(&cfg.variants, "variants", false, "figure 1 also measures esgo bulk with 4 workers, and with batches cut by size only (5 MiB)")
	smallFlag := flag.Int("small-docs", 0, "figure 1: this many small documents instead of the mode's count")
	largeFlag := flag.Int("large-docs", 0, "figure 1: this many large documents instead of the mode's count")
	clientsFlag := flag.String("clients", "", "figure 1 measures only the clients whose name contains one of these comma-separated strings (e.g. \"esgo,BulkIndexer\")")
	rerender := flag.String("rerender", "", "read a results JSON file, evaluate the targets again and rewrite its JSON and Markdown")
	flag.Parse()

	if *rerender != "" {
		if err := rerenderReport(*rerender); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}

	if child.mode != "" {
		if err := runChild(child); err != nil {
			fmt.Fprintln(os.Stderr, "bench child:", err)
			os.Exit(1)
		}
		return
	}

	for c := range strings.SplitSeq(*clientsFlag, ",") {
		if c = strings.TrimSpace(c); c != "" {
			cfg.clients = append(cfg.clients, c)
		}
	}
	if *full {
		only = strings.Join(allFigures, ",")
		if cfg.runs == 0 {
			cfg.runs = 3
		}
		cfg.variants, cfg.variantSet = true, []string{"WithServerIDs", "random 128-bit IDs"}
		if !flagSet("out") {
			cfg.outDir = filepath.Join("results", time.Now().UTC().Format("2006-01-02"))
			if cfg.quick {
				cfg.outDir += "-quick"
			}
		}
		if profileDir == "" {
			profileDir = filepath.Join(cfg.outDir, "profiles")
		}
	}
	cfg.command = strings.Join(append([]string{"go run ./cmd/bench"}, os.Args[1:]...), " ")
	cfg.only = map[string]bool{}
	for f := range strings.SplitSeq(only, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !slices.Contains(allFigures, f) {
			fmt.Fprintf(os.Stderr, "bench: unknown figure %q in -only (want some of %s)\n", f, strings.Join(allFigures, ","))
			os.Exit(2)
		}
		cfg.only[f] = true
	}
	if cfg.quick {
		cfg.smallDocs, cfg.largeDocs, cfg.loopDocs, cfg.scanDocs = 100_000, 20_000, 200_000, 100_000
		if cfg.runs == 0 {
			cfg.runs = 1
		}
	} else {
		cfg.smallDocs, cfg.largeDocs, cfg.loopDocs, cfg.scanDocs = 1_000_000, 200_000, 1_000_000, 1_000_000
		if cfg.runs == 0 {
			// One run of each server-bound measurement keeps a full run
			// near 25 minutes on 2 cores; the cheap figures (decode,
			// loopback) always take at least 3 (decode 5).
			cfg.runs = 1
		}
	}
	if *smallFlag > 0 {
		cfg.smallDocs = *smallFlag
	}
	if *largeFlag > 0 {
		cfg.largeDocs = *largeFlag
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// profileDir, when set by -profile, receives CPU profiles; it is set once
// before anything runs.
var profileDir string

// loadAverage returns the 1, 5 and 15 minute load averages of the machine.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s  %s\n", time.Now().UTC().Format("15:04:05"), fmt.Sprintf(format, args...))
}

func run(ctx context.Context, cfg config) error {
	start := time.Now()
	rep := &report{
		Date:      start.UTC().Format(time.RFC3339),
		Machine:   machine(),
		GoVersion: runtime.Version(),
		Quick:     cfg.quick,
		Runs:      cfg.runs,
		Transport: esgoTransportKind,
		Command:   cfg.command,
	}
	rep.PythonVersion = pythonVersion(ctx, cfg.python)
	rep.LoadBefore = loadAverage()
	if profileDir != "" {
		if err := os.MkdirAll(profileDir, 0o755); err != nil {
			return err
		}
	}
	needServer := cfg.only["ingest"] || cfg.only["scan"] || cfg.only["decode"] || cfg.only["cli"]
	var srv *server
	stopServer := func() {}
	if needServer {
		url := cfg.esURL
		if url == "" {
			logf("starting Elasticsearch with eslocal (heap %s)", cfg.heap)
			c, err := eslocal.Start(ctx, eslocal.WithHeap(cfg.heap),
				eslocal.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))))
			if err != nil {
				return err
			}
			// Stop is idempotent: the server is stopped as soon as the
			// figures that need it are done, and in any case on return.
			stopServer = func() {
				logf("stopping Elasticsearch")
				c.Stop()
			}
			defer c.Stop()
			url = c.URL()
			logf("Elasticsearch %s at %s (data in %s)", c.Version, url, c.Dir)
		}
		srv = &server{url: strings.TrimRight(url, "/")}
		v, err := srv.version(ctx)
		if err != nil {
			return err
		}
		rep.ServerVersion = v
	}
	// A figure that fails is reported and the others still run.
	figures := []struct {
		name string
		run  func() error
	}{
		{"ingest", func() error { return figIngest(ctx, cfg, srv, rep) }},
		{"scan", func() error { return figScan(ctx, cfg, srv, rep) }},
		{"decode", func() error { return figDecode(ctx, cfg, srv, rep) }},
		{"cli", func() error { return figCLI(ctx, cfg, srv, rep) }},
		{"loopback", func() error { return figLoopback(ctx, cfg, rep) }},
		{"build", func() error { return figBuild(ctx, cfg, rep) }},
		{"sizes", func() error { return figSizes(ctx, cfg, rep) }},
	}
	for _, f := range figures {
		if f.name == "loopback" {
			stopServer() // the rest runs without a server eating CPU
		}
		if !cfg.only[f.name] {
			continue
		}
		fl := figureLoad{Figure: f.name, Before: loadAverage()}
		t0 := time.Now()
		err := f.run()
		fl.After, fl.DurationS = loadAverage(), time.Since(t0).Seconds()
		rep.FigureLoad = append(rep.FigureLoad, fl)
		if err != nil {
			logf("%s FAILED: %v", f.name, err)
			rep.Errors = append(rep.Errors, fmt.Sprintf("%s: %v", f.name, err))
		}
		// Save after every figure, so that an interrupted run keeps what
		// it measured.
		rep.DurationS = time.Since(start).Seconds()
		rep.evaluateTargets()
		if err := rep.save(cfg); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	rep.DurationS = time.Since(start).Seconds()
	rep.LoadAfter = loadAverage()
	rep.evaluateTargets()
	if err := rep.save(cfg); err != nil {
		return err
	}
	fmt.Println(rep.markdown())
	logf("done in %.0fs; results in %s", rep.DurationS, filepath.Join(cfg.outDir, rep.fileName()+".{json,md}"))
	if len(rep.Errors) > 0 {
		return fmt.Errorf("%d figure(s) failed: %s", len(rep.Errors), strings.Join(rep.Errors, "; "))
	}
	return nil
}

// fileName is the base name of the result files: "latest", or "quick".
func (r *report) fileName() string {
	if r.Quick {
		return "quick"
	}
	return "latest"
}

// save writes the report as JSON and Markdown into cfg.outDir.
func (r *report) save(cfg config) error {
	if err := os.MkdirAll(cfg.outDir, 0o755); err != nil {
		return err
	}
	js, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(cfg.outDir, r.fileName()+".json"), js, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(cfg.outDir, r.fileName()+".md"), []byte(r.markdown()), 0o644)
}

// rerenderReport re-evaluates the targets of a saved report and rewrites
// its files, for when the evaluation changed after a long run.
func rerenderReport(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var r report
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	r.evaluateTargets()
	return r.save(config{outDir: filepath.Dir(path)})
}
