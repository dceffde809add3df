// Command dumpbench measures the esgo command against npm elasticdump
// 6.125.1 on a running Elasticsearch: import (NDJSON file to index), export
// (index to file) and copy (index to index), each tool run as a separate
// process whose wall time, CPU (user+sys of the process and its children)
// and peak RSS are taken from wait4, with the server's CPU over the same run
// from the node stats.
//
//	cd bench && go run ./cmd/dumpbench                       # the server "elasticsearch" of $ESGO_TEST_SERVERS
//	cd bench && go run ./cmd/dumpbench -es http://127.0.0.1:9200 -runs 3
//
// It builds esgo from the parent module, installs elasticdump with npm into
// bench/.cache/ (pinned, not committed), writes 300,000 documents of about
// 200 bytes as one {"_index","_id","_source"} object a line (the format of
// both tools), and answers elasticdump's GET / in process with a Node preload
// (preload.js: the minimal 9.5.3 answers that request with 405). Indices are
// named dumpbench-* and deleted at the end. Results go to
// results/<UTC date>-dumpbench/latest.{json,md}. See BENCHMARKS.md.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// elasticdumpVersion is the npm version the harness installs and measures.
const elasticdumpVersion = "6.125.1"

// edBest are elasticdump's best settings (ANCHORS.md): bulk and page size
// 5000, no refresh after each bulk request, 4 requests in flight.
var edBest = []string{"--limit=5000", "--noRefresh", "--concurrency=4"}

type config struct {
	esURL    string
	servers  string
	server   string
	docs     int
	runs     int
	outDir   string
	cacheDir string
	only     map[string]bool
	variants bool
	command  string
}

func main() {
	var cfg config
	var only string
	flag.StringVar(&cfg.esURL, "es", "", "Elasticsearch URL (default: the -server entry of the -servers file)")
	flag.StringVar(&cfg.servers, "servers", os.Getenv("ESGO_TEST_SERVERS"), "servers file (JSON, as ESGO_TEST_SERVERS); used when -es is not given")
	flag.StringVar(&cfg.server, "server", "elasticsearch", "entry of the servers file")
	flag.IntVar(&cfg.docs, "docs", 300_000, "documents")
	flag.IntVar(&cfg.runs, "runs", 3, "runs of each case and tool (medians are reported)")
	flag.StringVar(&cfg.outDir, "out", "", "results folder (default results/<UTC date>-dumpbench)")
	flag.StringVar(&cfg.cacheDir, "cache", ".cache", "folder for the npm install of elasticdump (not committed)")
	flag.BoolVar(&cfg.variants, "variants", false, "also measure esgo bulk with --batch 5000 (import, and the bulk side of copy), and into targets made first with load settings or with keyword mappings (import)")
	flag.StringVar(&only, "only", "import,export,copy", "cases to run")
	flag.Parse()
	cfg.command = strings.Join(append([]string{"go run ./cmd/dumpbench"}, os.Args[1:]...), " ")
	cfg.only = map[string]bool{}
	for c := range strings.SplitSeq(only, ",") {
		switch c = strings.TrimSpace(c); c {
		case "import", "export", "copy":
			cfg.only[c] = true
		case "":
		default:
			fmt.Fprintf(os.Stderr, "dumpbench: unknown case %q (want import, export, copy)\n", c)
			os.Exit(2)
		}
	}
	if cfg.docs <= 0 || cfg.runs <= 0 {
		fmt.Fprintln(os.Stderr, "dumpbench: -docs and -runs must be positive")
		os.Exit(2)
	}
	if cfg.outDir == "" {
		cfg.outDir = filepath.Join("results", time.Now().UTC().Format("2006-01-02")+"-dumpbench")
	}
	if _, err := os.Stat("go.mod"); err != nil || !fileHas("go.mod", "module github.com/esgo/esgo/bench") {
		fmt.Fprintln(os.Stderr, "dumpbench: run it from the bench folder: cd bench && go run ./cmd/dumpbench")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "dumpbench:", err)
		os.Exit(1)
	}
}

func fileHas(name, s string) bool {
	b, err := os.ReadFile(name)
	return err == nil && strings.Contains(string(b), s)
}

// serverURL returns -es, or the first URL of the named server in the
// servers file.
func serverURL(cfg config) (string, error) {
	if cfg.esURL != "" {
		return strings.TrimRight(cfg.esURL, "/"), nil
	}
	if cfg.servers == "" {
		return "", fmt.Errorf("give -es URL, or -servers FILE (or set ESGO_TEST_SERVERS)")
	}
	b, err := os.ReadFile(cfg.servers)
	if err != nil {
		return "", err
	}
	var servers map[string]struct {
		URLs []string `json:"urls"`
	}
	if err := json.Unmarshal(b, &servers); err != nil {
		return "", fmt.Errorf("%s: %w", cfg.servers, err)
	}
	s, ok := servers[cfg.server]
	if !ok || len(s.URLs) == 0 {
		return "", fmt.Errorf("%s: no server %q with a URL", cfg.servers, cfg.server)
	}
	return strings.TrimRight(s.URLs[0], "/"), nil
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s  %s\n", time.Now().UTC().Format("15:04:05"), fmt.Sprintf(format, args...))
}

// loadAverage returns the machine's 1, 5 and 15 minute load averages.
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
