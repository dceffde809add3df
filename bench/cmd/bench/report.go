package main

import (
	"fmt"
	"strings"
)

// report is everything one run of the command measured.
type report struct {
	Date          string  `json:"date"`
	Machine       string  `json:"machine"`
	GoVersion     string  `json:"go_version"`
	ServerVersion string  `json:"server_version"`
	PythonVersion string  `json:"python_version"`
	Transport     string  `json:"esgo_transport"`
	Quick         bool    `json:"quick"`
	Runs          int     `json:"runs"`
	DurationS     float64 `json:"duration_s"`
	LoadBefore    string  `json:"load_average_before"`
	LoadAfter     string  `json:"load_average_after"`
	// FigureLoad is the load average (1, 5, 15 min) before and after each
	// figure: a figure measured on a busy machine can be told apart.
	FigureLoad []figureLoad `json:"figure_load,omitempty"`
	// Command is the command line of the run.
	Command string   `json:"command,omitempty"`
	Rows    []row    `json:"rows"`
	Targets []target `json:"targets"`
	Errors  []string `json:"errors,omitempty"`
}

// figureLoad is the machine's load around one figure, and its duration.
type figureLoad struct {
	Figure    string  `json:"figure"`
	Before    string  `json:"before"`
	After     string  `json:"after"`
	DurationS float64 `json:"duration_s"`
}

// row is one client in one case of one figure: the medians of its runs
// and every sample.
type row struct {
	Figure  string               `json:"figure"`
	Case    string               `json:"case"`
	Client  string               `json:"client"`
	N       int                  `json:"n"`
	Runs    int                  `json:"runs"`
	Median  map[string]float64   `json:"median"`
	Samples map[string][]float64 `json:"samples"`
	Note    string               `json:"note,omitempty"`
}

// target is one of the goals, checked against the medians.
type target struct {
	Goal  string `json:"goal"`
	Case  string `json:"case"`
	Value string `json:"value"`
	Met   bool   `json:"met"`
}

func (r *report) add(rw row) { r.Rows = append(r.Rows, rw) }

// newRow summarises the results of the measuring children.
func newRow(figure, cas, client string, n int, res []childResult) row {
	rw := row{Figure: figure, Case: cas, Client: client, N: n, Runs: len(res), Samples: map[string][]float64{}}
	for _, c := range res {
		rw.Samples["docs_per_s"] = append(rw.Samples["docs_per_s"], c.DocsPerS)
		rw.Samples["cpu_s_per_mdocs"] = append(rw.Samples["cpu_s_per_mdocs"], c.CPUS/float64(max(c.Docs, 1))*1e6)
		rw.Samples["peak_rss_mb"] = append(rw.Samples["peak_rss_mb"], float64(c.MaxRSSKB)/1024)
		if c.SysCPUS > 0 {
			rw.Samples["sys_cpu_s_per_mdocs"] = append(rw.Samples["sys_cpu_s_per_mdocs"], c.SysCPUS/float64(max(c.Docs, 1))*1e6)
		}
		if c.AllocsPerDoc > 0 {
			rw.Samples["allocs_per_doc"] = append(rw.Samples["allocs_per_doc"], c.AllocsPerDoc)
			rw.Samples["bytes_per_doc"] = append(rw.Samples["bytes_per_doc"], c.BytesPerDoc)
		}
		rw.Note = c.Note
	}
	rw.summarise()
	return rw
}

func (rw *row) summarise() {
	rw.Median = map[string]float64{}
	for k, v := range rw.Samples {
		rw.Median[k] = median(v)
	}
}

func (r *report) find(figure, cas, clientPrefix string) (row, bool) {
	for _, rw := range r.Rows {
		if rw.Figure == figure && rw.Case == cas && strings.HasPrefix(rw.Client, clientPrefix) {
			return rw, true
		}
	}
	return row{}, false
}

func (r *report) cases(figure string) []string {
	var out []string
	for _, rw := range r.Rows {
		if rw.Figure == figure && (len(out) == 0 || out[len(out)-1] != rw.Case) {
			out = append(out, rw.Case)
		}
	}
	return out
}

// evaluateTargets checks the targets against the medians.
func (r *report) evaluateTargets() {
	r.Targets = nil
	for _, cas := range r.cases("ingest") {
		e, ok1 := r.find("ingest", cas, "esgo")
		g, ok2 := r.find("ingest", cas, "go-elasticsearch")
		p, ok3 := r.find("ingest", cas, "elasticsearch-py parallel_bulk")
		if ok1 && ok2 {
			x := e.Median["docs_per_s"] / g.Median["docs_per_s"]
			r.Targets = append(r.Targets, target{"bulk docs/s >= 1.25x go-elasticsearch", cas, fmt.Sprintf("%.2fx", x), x >= 1.25})
			y := e.Median["cpu_s_per_mdocs"] / g.Median["cpu_s_per_mdocs"]
			r.Targets = append(r.Targets, target{"bulk client CPU/doc <= 0.5x go-elasticsearch", cas, fmt.Sprintf("%.2fx", y), y <= 0.5})
			if gen, ok := r.find("ingest", cas, "(Go document generator"); ok {
				c := gen.Median["cpu_s_per_mdocs"]
				z := (e.Median["cpu_s_per_mdocs"] - c) / (g.Median["cpu_s_per_mdocs"] - c)
				r.Targets = append(r.Targets, target{"same, without the benchmark's own document generation", cas, fmt.Sprintf("%.2fx", z), z <= 0.5})
			}
		}
		if ok1 && ok3 {
			x := e.Median["docs_per_s"] / p.Median["docs_per_s"]
			r.Targets = append(r.Targets, target{"bulk docs/s >= 3x elasticsearch-py parallel_bulk", cas, fmt.Sprintf("%.2fx", x), x >= 3})
		}
	}
	for _, cas := range r.cases("loopback") {
		e, ok1 := r.find("loopback", cas, "esgo")
		g, ok2 := r.find("loopback", cas, "go-elasticsearch BulkIndexer")
		if ok1 && ok2 && g.Median["docs_per_s"] > 0 {
			x := e.Median["docs_per_s"] / g.Median["docs_per_s"]
			r.Targets = append(r.Targets, target{"loopback docs/s >= 10x go-elasticsearch", cas, fmt.Sprintf("%.2fx", x), x >= 10})
		}
	}
	if c, ok := r.find("cli", "small (~160 B), NDJSON file", "esgo bulk (command)"); ok {
		if l, ok := r.find("cli", "small (~160 B), NDJSON file", "esgo bulk.Indexer"); ok {
			x := c.Median["docs_per_s"] / l.Median["docs_per_s"]
			r.Targets = append(r.Targets, target{"esgo bulk (command) docs/s >= 0.9x the library's", "NDJSON file, small docs", fmt.Sprintf("%.2fx", x), x >= 0.9})
		}
	}
	if c, ok := r.find("cli", "export 1 index, 1 shard, small docs", "esgo export"); ok {
		best := 0.0
		for _, peer := range []string{"go-elasticsearch scroll loop", "elasticsearch-py helpers.scan"} {
			for _, fig := range []string{"cli", "scan"} {
				cas := "export 1 index, 1 shard, small docs"
				if fig == "scan" {
					cas = "1 index, 1 shard, small docs"
				}
				if p, ok := r.find(fig, cas, peer); ok {
					best = max(best, p.Median["docs_per_s"])
				}
			}
		}
		if best > 0 {
			x := c.Median["docs_per_s"] / best
			r.Targets = append(r.Targets, target{"esgo export docs/s >= the fastest scan peer's", "1 shard, small docs", fmt.Sprintf("%.2fx", x), x >= 1})
		}
	}
	// Scan: esgo against the fastest peer and the server floor.
	for _, cas := range r.cases("scan") {
		floor, okF := r.find("scan", cas, "(server floor")
		var best, bestCPU float64
		for _, peer := range []string{"go-elasticsearch scroll loop", "elasticsearch-py helpers.scan"} {
			if p, ok := r.find("scan", cas, peer); ok {
				best = max(best, p.Median["docs_per_s"])
				if bestCPU == 0 || p.Median["cpu_s_per_mdocs"] < bestCPU {
					bestCPU = p.Median["cpu_s_per_mdocs"]
				}
			}
		}
		for _, client := range []string{"esgo scan.Scroll", "esgo scan.PointInTime", "esgo scan.Scroll, 2 slices", "esgo scan.PointInTime, 2 slices", "esgo dsl.Scan"} {
			e, ok := r.find("scan", cas, client)
			if !ok {
				continue
			}
			if best > 0 {
				x := e.Median["docs_per_s"] / best
				r.Targets = append(r.Targets, target{"scan docs/s >= 1.5x the fastest peer (" + client + ")", cas, fmt.Sprintf("%.2fx", x), x >= 1.5})
			}
			if okF && floor.Median["docs_per_s"] > 0 {
				x := floor.Median["docs_per_s"] / e.Median["docs_per_s"]
				r.Targets = append(r.Targets, target{"scan within 1.1x of the server floor (" + client + ")", cas, fmt.Sprintf("%.2fx slower", x), x <= 1.1})
			}
			if bestCPU > 0 {
				x := e.Median["cpu_s_per_mdocs"] / bestCPU
				r.Targets = append(r.Targets, target{"scan client CPU/doc <= 0.7x the best peer's (" + client + ")", cas, fmt.Sprintf("%.2fx", x), x <= 0.7})
			}
		}
	}
	// Decoding (issue 16): every esgo decoder at most 0.3x go-elasticsearch
	// typed CPU per hit; (issue 12) the DSL with four aggregations at most 0.5x.
	for _, cas := range r.cases("decode") {
		g, ok := r.find("decode", cas, "go-elasticsearch typed")
		if !ok {
			continue
		}
		for _, client := range []string{"esgo dsl.Response[T]", "esgo typed api.SearchResponse", "esgo typed api.SearchAs[T]"} {
			e, ok := r.find("decode", cas, client)
			if !ok {
				continue
			}
			y := e.Median["cpu_ns_per_hit"] / g.Median["cpu_ns_per_hit"]
			r.Targets = append(r.Targets, target{"decode CPU ns/hit <= 0.3x go-elasticsearch typed (" + client + ")", cas, fmt.Sprintf("%.2fx", y), y <= 0.3})
		}
		if e, ok := r.find("decode", cas, "esgo dsl.Response[T]"); ok && strings.Contains(cas, "aggregations") {
			y := e.Median["cpu_ns_per_hit"] / g.Median["cpu_ns_per_hit"]
			r.Targets = append(r.Targets, target{"DSL decode with aggregations, CPU ns/hit <= 0.5x go-elasticsearch typed", cas, fmt.Sprintf("%.2fx", y), y <= 0.5})
		}
	}
	for _, cas := range r.cases("build") {
		e, ok1 := r.find("build", cas, "esgo")
		g, ok2 := r.find("build", cas, "go-elasticsearch typed")
		if ok1 && ok2 {
			x := e.Median["binary_mb"] / g.Median["binary_mb"]
			r.Targets = append(r.Targets, target{"search-only binary <= 1/3 of go-elasticsearch typed", cas, fmt.Sprintf("%.2fx", x), x <= 1.0/3})
			if f, ok := r.find("build", cas, "(no client"); ok {
				floor := f.Median["binary_mb"]
				y := (e.Median["binary_mb"] - floor) / (g.Median["binary_mb"] - floor)
				r.Targets = append(r.Targets, target{"same, counting only what the client adds over the standard library floor", cas, fmt.Sprintf("%.2fx", y), y <= 1.0/3})
			}
		}
	}
}

// column is one figure column of a Markdown table.
type column struct {
	title, key, format string
	scale              float64
}

var figureTitles = map[string]string{
	"ingest":   "1. Bulk ingest into Elasticsearch",
	"loopback": "2. Client-only bulk against a loopback server that answers instantly",
	"decode":   "3. Search response decoding into structs",
	"scan":     "4. Scan / export",
	"build":    "5. Search-only program: binary size, compile time and memory",
	"cli":      "6. The esgo command: bulk of an NDJSON file, export (whole process, peak RSS)",
	"sizes":    "7. Binary size of small programs (typed API and DSL size rules; one shared build cache)",
}

var figureColumns = map[string][]column{
	"ingest": {{"docs/s", "docs_per_s", "%.0f", 1}, {"client CPU s / M docs", "cpu_s_per_mdocs", "%.1f", 1},
		{"of it system (kernel)", "sys_cpu_s_per_mdocs", "%.1f", 1}, {"peak RSS MB", "peak_rss_mb", "%.0f", 1}},
	"loopback": {{"docs/s", "docs_per_s", "%.0f", 1}, {"allocs/doc", "allocs_per_doc", "%.2f", 1},
		{"bytes/doc", "bytes_per_doc", "%.0f", 1}, {"CPU s / M docs", "cpu_s_per_mdocs", "%.2f", 1},
		{"of it system", "sys_cpu_s_per_mdocs", "%.2f", 1}, {"peak RSS MB", "peak_rss_mb", "%.0f", 1}},
	"decode": {{"ns/hit", "ns_per_hit", "%.0f", 1}, {"CPU ns/hit", "cpu_ns_per_hit", "%.0f", 1}, {"allocs/hit", "allocs_per_hit", "%.1f", 1},
		{"bytes/hit", "bytes_per_hit", "%.0f", 1}, {"µs/response", "ns_per_op", "%.1f", 1e-3}},
	"scan": {{"docs/s", "docs_per_s", "%.0f", 1}, {"client CPU s / M docs", "cpu_s_per_mdocs", "%.1f", 1},
		{"peak RSS MB", "peak_rss_mb", "%.0f", 1}},
	"cli": {{"docs/s", "docs_per_s", "%.0f", 1}, {"CPU s / M docs", "cpu_s_per_mdocs", "%.1f", 1},
		{"peak RSS MB", "peak_rss_mb", "%.0f", 1}},
	"build": {{"binary MB", "binary_mb", "%.2f", 1}, {"stripped MB", "stripped_mb", "%.2f", 1},
		{"cold build s", "cold_build_s", "%.1f", 1}, {"cold peak RSS MB", "cold_peak_mb", "%.0f", 1},
		{"client pkgs build s", "client_build_s", "%.1f", 1}, {"client pkgs peak RSS MB", "client_peak_mb", "%.0f", 1}},
	"sizes": {{"binary MB", "binary_mb", "%.2f", 1}, {"MB over the floor", "over_floor_mb", "%+.2f", 1}, {"stripped MB", "stripped_mb", "%.2f", 1},
		{"model code KiB", "model_code_kb", "%.0f", 1}, {"other query/aggregate types linked", "other_variants", "%.0f", 1},
		{"their code KiB", "other_variants_kb", "%.1f", 1}},
}

// ratioKey is the figure's headline metric, compared with esgo's in the
// last column; higherBetter says which way is better.
var ratioKey = map[string]struct {
	key          string
	higherBetter bool
}{
	"ingest": {"docs_per_s", true}, "loopback": {"docs_per_s", true}, "decode": {"cpu_ns_per_hit", false},
	"scan": {"docs_per_s", true}, "build": {"binary_mb", false}, "cli": {"docs_per_s", true},
	"sizes": {"over_floor_mb", false},
}

func (r *report) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Run of %s on %s; %s; server %s; %s.\n", r.Date, r.Machine, r.GoVersion, orDash(r.ServerVersion), r.PythonVersion)
	fmt.Fprintf(&b, "esgo requests went through: %s.\n", r.Transport)
	mode := "full"
	if r.Quick {
		mode = "quick (-quick)"
	}
	fmt.Fprintf(&b, "Mode %s, %d run(s) per server measurement; medians shown; whole run %.0f s; load average %s before, %s after.\n",
		mode, r.Runs, r.DurationS, r.LoadBefore, r.LoadAfter)
	if r.Command != "" {
		fmt.Fprintf(&b, "Command: `%s`.\n", r.Command)
	}
	if len(r.FigureLoad) > 0 {
		b.WriteString("\n| figure | minutes | load average before | after |\n|---|---|---|---|\n")
		for _, f := range r.FigureLoad {
			fmt.Fprintf(&b, "| %s | %.1f | %s | %s |\n", f.Figure, f.DurationS/60, f.Before, f.After)
		}
	}
	for _, fig := range allFiguresInOrder() {
		cases := r.cases(fig)
		if len(cases) == 0 {
			continue
		}
		cols := figureColumns[fig]
		rk := ratioKey[fig]
		fmt.Fprintf(&b, "\n### %s\n\n| case | client | n | runs |", figureTitles[fig])
		for _, c := range cols {
			fmt.Fprintf(&b, " %s |", c.title)
		}
		b.WriteString(" esgo is ... better |\n|---|---|---|---|")
		for range cols {
			b.WriteString("---|")
		}
		b.WriteString("---|\n")
		for _, cas := range cases {
			e, hasEsgo := r.find(fig, cas, "esgo")
			for _, rw := range r.Rows {
				if rw.Figure != fig || rw.Case != cas {
					continue
				}
				fmt.Fprintf(&b, "| %s | %s | %d | %d |", cas, rw.Client, rw.N, rw.Runs)
				for _, c := range cols {
					v, ok := rw.Median[c.key]
					if !ok {
						b.WriteString(" – |")
						continue
					}
					fmt.Fprintf(&b, " "+c.format+" |", v*c.scale)
				}
				ratio := "–"
				if hasEsgo && !strings.HasPrefix(rw.Client, "esgo") && e.Median[rk.key] > 0 && rw.Median[rk.key] > 0 {
					x := e.Median[rk.key] / rw.Median[rk.key]
					if !rk.higherBetter {
						x = 1 / x
					}
					ratio = fmt.Sprintf("%.2fx", x)
				}
				fmt.Fprintf(&b, " %s |\n", ratio)
			}
		}
	}
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "\n**Figure failed:** %s\n", e)
	}
	if len(r.Targets) > 0 {
		b.WriteString("\n### Targets of the issue\n\n| target | case | esgo vs anchor | met |\n|---|---|---|---|\n")
		for _, t := range r.Targets {
			met := "**not met**"
			if t.Met {
				met = "met"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", t.Goal, t.Case, t.Value, met)
		}
	}
	return b.String()
}

func allFiguresInOrder() []string {
	return []string{"ingest", "loopback", "decode", "scan", "build", "sizes", "cli"}
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
