package main

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

//go:embed preload.js
var preloadJS []byte

// srcIndex is the index that export and copy read; the harness loads it
// once, unmeasured.
const srcIndex = "dumpbench-src"

// tool is one way of running a case.
type tool struct {
	name string
	// elasticdump marks elasticdump's rows (the baseline of the ratios).
	elasticdump bool
	// stages builds the pipeline for a run: target index (import, copy)
	// and output file (export).
	stages func(target, out string) []stage
	// prepare, when set, creates the target before the run (unmeasured).
	prepare func(ctx context.Context, target string) error
}

// benchCase is import, export or copy, with its tools.
type benchCase struct {
	name  string
	desc  string
	tools []tool
	// check verifies a run's result (a count in the target, or the lines
	// of the output file).
	check func(ctx context.Context, target, out string) error
}

func run(ctx context.Context, cfg config) error {
	began := time.Now().UTC()
	url, err := serverURL(cfg)
	if err != nil {
		return err
	}
	srv := &es{url: url}
	root, version, err := srv.rootAnswer(ctx)
	if err != nil {
		return fmt.Errorf("reading the server's version: %w", err)
	}
	srv.findPID(ctx)
	logf("server %s: Elasticsearch %s; server CPU from %s; load average %s", url, version, srv.cpuSource, loadAverage())

	work, err := os.MkdirTemp("", "dumpbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	esgo := filepath.Join(work, "esgo")
	logf("building the esgo command")
	build := exec.CommandContext(ctx, "go", "build", "-o", esgo, "./cmd/esgo")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building esgo: %v\n%s", err, out)
	}
	commit := gitDescribe(ctx)

	edDir, err := filepath.Abs(filepath.Join(cfg.cacheDir, "elasticdump-"+elasticdumpVersion))
	if err != nil {
		return err
	}
	if err := installElasticdump(ctx, edDir); err != nil {
		return err
	}
	preload := filepath.Join(work, "preload.js")
	if err := os.WriteFile(preload, preloadJS, 0o644); err != nil {
		return err
	}
	nodeVersion, _ := exec.CommandContext(ctx, "node", "--version").Output()
	edBin := filepath.Join(edDir, "node_modules", "elasticdump", "bin", "elasticdump")
	edEnv := []string{"DUMPBENCH_ROOT_ANSWER=" + root}
	elasticdump := func(args ...string) []stage {
		return []stage{{argv: append([]string{"node", "-r", preload, edBin, "--type=data"}, args...), env: edEnv}}
	}

	data := filepath.Join(work, "docs.ndjson")
	size, srcBytes, err := writeDocs(data, cfg.docs)
	if err != nil {
		return err
	}
	logf("%d documents, %.0f bytes of _source each on average, file %.1f MB", cfg.docs, float64(srcBytes)/float64(cfg.docs), float64(size)/1e6)

	var created []string
	defer func() {
		// The harness's indices go even when a run fails or is interrupted.
		c, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		for _, ix := range append(created, srcIndex) {
			if err := srv.drop(c, ix); err != nil {
				logf("deleting %s: %v", ix, err)
			}
		}
	}()
	if cfg.only["export"] || cfg.only["copy"] {
		logf("loading %s (not measured)", srcIndex)
		if err := srv.drop(ctx, srcIndex); err != nil {
			return err
		}
		if _, err := srv.do(ctx, "PUT", "/"+srcIndex, map[string]any{"settings": map[string]any{"number_of_shards": 1, "number_of_replicas": 0}}, nil); err != nil {
			return err
		}
		if out, err := exec.CommandContext(ctx, esgo, "bulk", srcIndex, data, "--url", url, "--progress", "none").CombinedOutput(); err != nil {
			return fmt.Errorf("loading %s: %v\n%s", srcIndex, err, out)
		}
		if n, err := srv.count(ctx, srcIndex); err != nil || n != cfg.docs {
			return fmt.Errorf("%s holds %d documents, want %d (%v)", srcIndex, n, cfg.docs, err)
		}
		// One segment, as an index that is no longer written to.
		if _, err := srv.do(ctx, "POST", "/"+srcIndex+"/_forcemerge?max_num_segments=1", nil, nil); err != nil {
			return err
		}
	}

	countIs := func(ctx context.Context, target, _ string) error {
		n, err := srv.count(ctx, target)
		if err != nil {
			return err
		}
		if n != cfg.docs {
			return fmt.Errorf("%s holds %d documents, want %d", target, n, cfg.docs)
		}
		return nil
	}
	linesAre := func(_ context.Context, _, out string) error {
		n, err := countLines(out)
		if err != nil {
			return err
		}
		if n != cfg.docs {
			return fmt.Errorf("%s has %d lines, want %d", out, n, cfg.docs)
		}
		return nil
	}
	src := url + "/" + srcIndex
	cases := []benchCase{{
		name: "import",
		desc: "NDJSON file → new index",
		tools: []tool{
			{name: "esgo bulk", stages: func(target, _ string) []stage {
				return []stage{{argv: []string{esgo, "bulk", target, data, "--url", url, "--progress", "none"}}}
			}},
			{name: "elasticdump " + strings.Join(edBest, " "), elasticdump: true, stages: func(target, _ string) []stage {
				return elasticdump(append([]string{"--input=" + data, "--output=" + url + "/" + target}, edBest...)...)
			}},
		},
		check: countIs,
	}, {
		name: "export",
		desc: "index → NDJSON file",
		tools: []tool{
			{name: "esgo export", stages: func(_, out string) []stage {
				return []stage{{argv: []string{esgo, "export", srcIndex, "-O", out, "--url", url, "--progress", "none"}}}
			}},
			{name: "elasticdump " + strings.Join(edBest, " "), elasticdump: true, stages: func(_, out string) []stage {
				return elasticdump(append([]string{"--input=" + src, "--output=" + out}, edBest...)...)
			}},
			{name: "elasticdump --limit=10000 --noRefresh --concurrency=4", elasticdump: true, stages: func(_, out string) []stage {
				return elasticdump("--input="+src, "--output="+out, "--limit=10000", "--noRefresh", "--concurrency=4")
			}},
		},
		check: linesAre,
	}, {
		name: "copy",
		desc: "index → new index",
		tools: []tool{
			{name: "esgo export SRC | esgo bulk DST -", stages: func(target, _ string) []stage {
				return []stage{
					{argv: []string{esgo, "export", srcIndex, "--url", url, "--progress", "none"}},
					{argv: []string{esgo, "bulk", target, "-", "--url", url, "--progress", "none"}},
				}
			}},
			{name: "elasticdump " + strings.Join(edBest, " "), elasticdump: true, stages: func(target, _ string) []stage {
				return elasticdump(append([]string{"--input=" + src, "--output=" + url + "/" + target}, edBest...)...)
			}},
		},
		check: countIs,
	}}
	if cfg.variants {
		// Bigger bulk requests, as elasticdump's --limit=5000 sends: does the
		// request size change the server's work?
		cases[0].tools = append(cases[0].tools, tool{name: "variant: esgo bulk --batch 5000", stages: func(target, _ string) []stage {
			return []stage{{argv: []string{esgo, "bulk", target, data, "--url", url, "--progress", "none", "--batch", "5000"}}}
		}})
		// What the server's work on an import depends on: esgo bulk into a
		// target made first with esgo copy's load settings, then with
		// mappings that index each string once (keyword, or text for the
		// message) instead of the dynamic text + keyword.
		bulkInto := func(target, _ string) []stage {
			return []stage{{argv: []string{esgo, "bulk", target, data, "--url", url, "--progress", "none"}}}
		}
		create := func(body map[string]any) func(context.Context, string) error {
			return func(ctx context.Context, target string) error {
				_, err := srv.do(ctx, "PUT", "/"+target, body, nil)
				return err
			}
		}
		loadSettings := map[string]any{"index": map[string]any{"refresh_interval": "-1", "number_of_replicas": 0, "translog.durability": "async"}}
		kw := map[string]any{"type": "keyword"}
		cases[0].tools = append(cases[0].tools,
			tool{name: "variant: esgo bulk into a target made with refresh_interval -1, 0 replicas, async translog", stages: bulkInto,
				prepare: create(map[string]any{"settings": loadSettings})},
			tool{name: "variant: esgo bulk into a target whose strings are indexed once (keyword; message text)", stages: bulkInto,
				prepare: create(map[string]any{"mappings": map[string]any{"properties": map[string]any{
					"@timestamp": map[string]any{"type": "date"}, "host": kw, "level": kw, "path": kw,
					"status": map[string]any{"type": "long"}, "took_ms": map[string]any{"type": "long"}, "user_id": map[string]any{"type": "long"},
					"message": map[string]any{"type": "text"}}}})})
		cases[2].tools = append(cases[2].tools, tool{name: "variant: esgo export SRC | esgo bulk DST - --batch 5000", stages: func(target, _ string) []stage {
			return []stage{
				{argv: []string{esgo, "export", srcIndex, "--url", url, "--progress", "none"}},
				{argv: []string{esgo, "bulk", target, "-", "--url", url, "--progress", "none", "--batch", "5000"}},
			}
		}})
	}
	if copyArgs, ok := esgoCopy(ctx, esgo, url); ok {
		logf("esgo has a copy command: measuring it too")
		// Right after export | bulk, before elasticdump and the variants.
		cases[2].tools = slices.Insert(cases[2].tools, 1, tool{name: "esgo copy SRC DST", stages: func(target, _ string) []stage {
			return []stage{{argv: append([]string{esgo, "copy", srcIndex, target}, copyArgs...)}}
		}})
	} else {
		logf("esgo has no copy command at %s: copy is measured as export | bulk only", commit)
	}

	rep := &report{
		Date:               began.Format(time.RFC3339),
		Command:            "cd bench && " + cfg.command,
		ESGo:               commit,
		Elasticdump:        elasticdumpVersion,
		Node:               strings.TrimSpace(string(nodeVersion)),
		Server:             "Elasticsearch " + version + " at " + url,
		ServerCPUFrom:      srv.cpuSource,
		Docs:               cfg.docs,
		AvgSourceBytes:     float64(srcBytes) / float64(cfg.docs),
		FileMB:             float64(size) / 1e6,
		Runs:               cfg.runs,
		Cores:              runtime.NumCPU(),
		LoadBefore:         loadAverage(),
		RootAnswerFromNode: root,
	}
	for _, c := range cases {
		if !cfg.only[c.name] {
			continue
		}
		rows := make([]*row, len(c.tools))
		for i, t := range c.tools {
			rows[i] = &row{Case: c.name, Desc: c.desc, Tool: t.name, Elasticdump: t.elasticdump}
		}
		for r := range cfg.runs {
			// Alternate the order of the tools from run to run, so that
			// neither always follows the other.
			order := make([]int, len(c.tools))
			for i := range order {
				order[i] = i
				if r%2 == 1 {
					order[i] = len(order) - 1 - i
				}
			}
			for _, i := range order {
				t := c.tools[i]
				target := "dumpbench-" + c.name + "-" + strconv.Itoa(i)
				out := filepath.Join(work, "out.ndjson")
				if err := srv.drop(ctx, target); err != nil {
					return err
				}
				os.Remove(out)
				created = appendNew(created, target)
				if t.prepare != nil {
					if err := t.prepare(ctx, target); err != nil {
						return fmt.Errorf("%s, %s: creating %s: %w", c.name, t.name, target, err)
					}
				}
				s, err := measure(ctx, srv, t.stages(target, out))
				if err != nil {
					return fmt.Errorf("%s, %s: %w", c.name, t.name, err)
				}
				if err := c.check(ctx, target, out); err != nil {
					return fmt.Errorf("%s, %s: %w", c.name, t.name, err)
				}
				if c.name != "export" && r == 0 {
					if st, err := srv.settings(ctx, target); err == nil {
						rows[i].TargetSettings = st
					}
				}
				s.Run = r + 1
				rows[i].Samples = append(rows[i].Samples, s)
				logf("%s run %d/%d, %s: %.2f s, client CPU %.2f s, peak RSS %.0f MB, server CPU %.2f s (load %s)",
					c.name, r+1, cfg.runs, t.name, s.WallS, s.CPUS(), s.PeakRSSMB, s.ServerCPUS, s.Load)
				if err := srv.drop(ctx, target); err != nil {
					return err
				}
				os.Remove(out)
			}
		}
		for _, rw := range rows {
			rw.summarize()
			rep.Rows = append(rep.Rows, rw)
		}
	}
	rep.LoadAfter = loadAverage()
	rep.Minutes = time.Since(began).Minutes()
	rep.evaluate()
	return rep.write(cfg.outDir)
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// esgoCopy reports whether the esgo binary has a copy command, and the
// flags to give it.
func esgoCopy(ctx context.Context, esgo, url string) ([]string, bool) {
	out, err := exec.CommandContext(ctx, esgo, "copy", "--help").CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("copy")) || bytes.Contains(out, []byte("unknown command")) {
		return nil, false
	}
	args := []string{"--url", url}
	if bytes.Contains(out, []byte("--progress")) {
		args = append(args, "--progress", "none")
	}
	return args, true
}

// gitDescribe names the esgo commit measured (changes under bench/ do not
// count: they are not in the esgo binary).
func gitDescribe(ctx context.Context) string {
	out, err := exec.CommandContext(ctx, "git", "-C", "..", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	s := strings.TrimSpace(string(out))
	if st, err := exec.CommandContext(ctx, "git", "-C", "..", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench").Output(); err == nil && len(bytes.TrimSpace(st)) > 0 {
		s += " (with uncommitted changes)"
	}
	return s
}

// installElasticdump installs the pinned elasticdump into dir with npm,
// unless it is there already.
func installElasticdump(ctx context.Context, dir string) error {
	pkg := filepath.Join(dir, "node_modules", "elasticdump", "package.json")
	if b, err := os.ReadFile(pkg); err == nil {
		var p struct {
			Version string `json:"version"`
		}
		if json.Unmarshal(b, &p) == nil && p.Version == elasticdumpVersion {
			return nil
		}
	}
	logf("installing elasticdump %s with npm into %s", elasticdumpVersion, dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, "npm", "install", "--prefix", dir, "--no-audit", "--no-fund", "--no-save", "elasticdump@"+elasticdumpVersion)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("npm install elasticdump@%s: %v\n%s", elasticdumpVersion, err, out)
	}
	if _, err := os.Stat(pkg); err != nil {
		return errors.New("npm install did not install elasticdump")
	}
	return nil
}

// countLines counts the newline-terminated lines of a file.
func countLines(name string) (int, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	buf := make([]byte, 1<<20)
	for {
		k, err := f.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if err != nil {
			if err == io.EOF {
				return n, nil
			}
			return n, err
		}
	}
}

// writeDocs writes n documents as {"_index","_id","_source"} lines (the
// format elasticdump writes and reads, and esgo export writes and esgo bulk
// reads) and returns the file's size and the sources' total size.
func writeDocs(name string, n int) (int64, int64, error) {
	f, err := os.Create(name)
	if err != nil {
		return 0, 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var size, src int64
	var line []byte
	for i := range n {
		line = append(line[:0], `{"_index":"`+srcIndex+`","_id":"`...)
		line = strconv.AppendInt(line, int64(i), 10)
		line = append(line, `","_source":`...)
		start := len(line)
		line = appendSource(line, i)
		src += int64(len(line) - start)
		line = append(line, "}\n"...)
		size += int64(len(line))
		w.Write(line)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return 0, 0, err
	}
	return size, src, f.Close()
}

var (
	levels  = []string{"info", "info", "info", "warn", "error", "debug"}
	methods = []string{"GET", "GET", "GET", "POST", "PUT", "DELETE"}
	things  = []string{"orders", "items", "users", "carts", "invoices", "sessions"}
)

// appendSource appends document i: a log line of about 200 bytes, with
// values drawn from a fixed pseudo-random sequence.
func appendSource(b []byte, i int) []byte {
	x := uint64(i)*6364136223846793005 + 1442695040888963407
	next := func(m int) int {
		x ^= x >> 33
		x *= 0xff51afd7ed558ccd
		x ^= x >> 29
		return int(x % uint64(m))
	}
	ts := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 137 * time.Millisecond)
	status := []int{200, 200, 200, 201, 204, 301, 404, 500}[next(8)]
	lat := next(5000)
	user := next(1_000_000)
	thing := things[next(len(things))]
	id := next(10_000_000)
	method := methods[next(len(methods))]
	b = append(b, `{"@timestamp":"`...)
	b = ts.AppendFormat(b, "2006-01-02T15:04:05.000Z")
	b = fmt.Appendf(b, `","host":"web-%03d","level":"%s","status":%d,"took_ms":%d,"path":"/api/v2/%s/%d","user_id":%d,"message":"%s /%s/%d answered %d in %d ms"}`,
		next(200), levels[next(len(levels))], status, lat, thing, id, user, method, thing, id, status, lat)
	return b
}
