package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// report is one run of the harness.
type report struct {
	Date               string    `json:"date"`
	Command            string    `json:"command"`
	ESGo               string    `json:"esgo_commit"`
	Elasticdump        string    `json:"elasticdump_version"`
	Node               string    `json:"node_version"`
	Server             string    `json:"server"`
	ServerCPUFrom      string    `json:"server_cpu_from"`
	Docs               int       `json:"docs"`
	AvgSourceBytes     float64   `json:"avg_source_bytes"`
	FileMB             float64   `json:"file_mb"`
	Runs               int       `json:"runs"`
	Cores              int       `json:"cores"`
	LoadBefore         string    `json:"load_before"`
	LoadAfter          string    `json:"load_after"`
	Minutes            float64   `json:"minutes"`
	RootAnswerFromNode string    `json:"root_answer_given_to_elasticdump"`
	Rows               []*row    `json:"rows"`
	Targets            []verdict `json:"targets"`
}

// row is one tool on one case: its samples and their medians.
type row struct {
	Case        string `json:"case"`
	Desc        string `json:"description"`
	Tool        string `json:"tool"`
	Elasticdump bool   `json:"elasticdump"`
	// TargetSettings are the target index's settings after the first run
	// (import and copy): what the tool made of an index it created.
	TargetSettings string   `json:"target_settings,omitempty"`
	Samples        []sample `json:"samples"`
	WallS          float64  `json:"median_wall_s"`
	CPUS           float64  `json:"median_client_cpu_s"`
	PeakRSSMB      float64  `json:"median_peak_rss_mb"`
	ServerCPUS     float64  `json:"median_server_cpu_s"`
	// FloorS is the shortest wall time the median CPU allows on this
	// machine: (client CPU + server CPU) / cores.
	FloorS float64 `json:"floor_s"`
	// Against elasticdump's best row of the case (esgo rows only).
	Speedup float64 `json:"speedup,omitempty"`
	// PairedSpeedup is the median over runs of elasticdump's wall time in
	// a run over esgo's in the same run: less sensitive to a load that
	// drifts between runs.
	PairedSpeedup float64 `json:"paired_speedup,omitempty"`
	// ServerLimit is the most any client could be faster than elasticdump's
	// best row with this row's server work: elasticdump's wall time over
	// the row's server CPU spread over every core (a client costing
	// nothing, a server never idle).
	ServerLimit float64 `json:"server_limit,omitempty"`
	CPURatio    float64 `json:"cpu_ratio,omitempty"`
	RSSRatio    float64 `json:"rss_ratio,omitempty"`
	Baseline    string  `json:"baseline,omitempty"`
}

// verdict is one target of issue 22 for one esgo row.
type verdict struct {
	Target string  `json:"target"`
	Tool   string  `json:"tool"`
	Value  float64 `json:"value"`
	Met    bool    `json:"met"`
	// Limit is, for a speed target, the row's ServerLimit: the speed no
	// client could pass with the server's work of this run.
	Limit float64 `json:"limit,omitempty"`
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func (r *row) summarize() {
	var wall, cpu, rss, server []float64
	for _, s := range r.Samples {
		wall = append(wall, s.WallS)
		cpu = append(cpu, s.CPUS())
		rss = append(rss, s.PeakRSSMB)
		server = append(server, s.ServerCPUS)
	}
	r.WallS, r.CPUS, r.PeakRSSMB, r.ServerCPUS = median(wall), median(cpu), median(rss), median(server)
}

// minSpeedup is issue 22's goal: esgo's wall time at least this many times
// shorter than elasticdump's best.
var minSpeedup = map[string]float64{"import": 2, "export": 3, "copy": 2}

// maxCPURatio is issue 22's goal for client CPU, on every case.
const maxCPURatio = 0.3

// evaluate sets each esgo row's ratios to the fastest elasticdump row of
// its case, and the targets.
func (rep *report) evaluate() {
	best := map[string]*row{}
	for _, r := range rep.Rows {
		if r.Elasticdump && (best[r.Case] == nil || r.WallS < best[r.Case].WallS) {
			best[r.Case] = r
		}
	}
	rep.Targets = nil
	for _, r := range rep.Rows {
		if rep.Cores > 0 {
			r.FloorS = (r.CPUS + r.ServerCPUS) / float64(rep.Cores)
		}
		b := best[r.Case]
		if r.Elasticdump || b == nil || r.WallS == 0 || b.CPUS == 0 || b.PeakRSSMB == 0 {
			continue
		}
		r.Speedup, r.CPURatio, r.RSSRatio, r.Baseline = b.WallS/r.WallS, r.CPUS/b.CPUS, r.PeakRSSMB/b.PeakRSSMB, b.Tool
		var paired []float64
		for i := range min(len(r.Samples), len(b.Samples)) {
			paired = append(paired, b.Samples[i].WallS/r.Samples[i].WallS)
		}
		r.PairedSpeedup = median(paired)
		if r.ServerCPUS > 0 && rep.Cores > 0 {
			r.ServerLimit = b.WallS / (r.ServerCPUS / float64(rep.Cores))
		}
		if strings.HasPrefix(r.Tool, "variant:") {
			continue
		}
		rep.Targets = append(rep.Targets,
			verdict{Target: fmt.Sprintf("%s: wall time >= %.0fx shorter than elasticdump's best", r.Case, minSpeedup[r.Case]), Tool: r.Tool, Value: r.Speedup, Met: r.Speedup >= minSpeedup[r.Case], Limit: r.ServerLimit},
			verdict{Target: fmt.Sprintf("%s: client CPU <= %.1fx elasticdump's", r.Case, maxCPURatio), Tool: r.Tool, Value: r.CPURatio, Met: r.CPURatio <= maxCPURatio})
	}
}

func (rep *report) write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	js, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "latest.json"), append(js, '\n'), 0o644); err != nil {
		return err
	}
	md := rep.markdown()
	if err := os.WriteFile(filepath.Join(dir, "latest.md"), []byte(md), 0o644); err != nil {
		return err
	}
	fmt.Print(md)
	logf("results in %s/latest.{json,md}", dir)
	return nil
}

func (rep *report) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# esgo vs elasticdump %s\n\n", rep.Elasticdump)
	fmt.Fprintf(&b, "    %s\n\n", rep.Command)
	fmt.Fprintf(&b, "- %s, %.0f minutes; esgo at %s; elasticdump %s on Node %s; %s\n", rep.Date, rep.Minutes, rep.ESGo, rep.Elasticdump, rep.Node, rep.Server)
	fmt.Fprintf(&b, "- %d documents, %.0f bytes of _source each on average (file of %.1f MB); medians of %d runs; load average %s before, %s after\n",
		rep.Docs, rep.AvgSourceBytes, rep.FileMB, rep.Runs, rep.LoadBefore, rep.LoadAfter)
	b.WriteString("- wall time from start to exit; client CPU = user+sys of the tool's processes (both processes of a pipeline); peak RSS summed over a pipeline's processes; server CPU = the node's process CPU over the run (anything else using the server counts too), from " + rep.ServerCPUFrom + "\n\n")
	fmt.Fprintf(&b, "- CPU floor = (client CPU + server CPU) / %d cores: the shortest wall time that CPU allows on this machine; paired speed = median over runs of elasticdump's best row's wall time over esgo's in the same run; server limit = elasticdump's best wall time / (the row's server CPU / %d cores): the most any client could be faster with the server's work of that row\n\n", rep.Cores, rep.Cores)
	b.WriteString("| case | tool | wall s (median) | wall s (runs) | client CPU s | peak RSS MB | server CPU s | CPU floor s | speed vs elasticdump's best | paired speed | server limit | client CPU ratio | RSS ratio |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rep.Rows {
		var runs []string
		for _, s := range r.Samples {
			runs = append(runs, fmt.Sprintf("%.2f", s.WallS))
		}
		ratio := func(v float64, f string) string {
			if v == 0 {
				return "–"
			}
			return fmt.Sprintf(f, v)
		}
		fmt.Fprintf(&b, "| %s (%s) | %s | %.2f | %s | %.2f | %.0f | %.2f | %.2f | %s | %s | %s | %s | %s |\n",
			r.Case, r.Desc, cell(r.Tool), r.WallS, strings.Join(runs, ", "), r.CPUS, r.PeakRSSMB, r.ServerCPUS, r.FloorS,
			ratio(r.Speedup, "%.2fx"), ratio(r.PairedSpeedup, "%.2fx"), ratio(r.ServerLimit, "%.2fx"), ratio(r.CPURatio, "%.2fx"), ratio(r.RSSRatio, "%.2fx"))
	}
	b.WriteString("\nTarget index after the first run (what each tool made of an index it created):\n\n")
	for _, r := range rep.Rows {
		if r.TargetSettings != "" {
			fmt.Fprintf(&b, "- %s, %s: %s\n", r.Case, r.Tool, r.TargetSettings)
		}
	}
	b.WriteString("\n## Targets of issue 22\n\nserver limit: the speed no client could pass with the server's work measured for the row (see above).\n\n| target | esgo | value | met | server limit |\n|---|---|---|---|---|\n")
	for _, v := range rep.Targets {
		met := "met"
		if !v.Met {
			met = "**not met**"
		}
		limit := "–"
		if v.Limit > 0 {
			limit = fmt.Sprintf("%.2fx", v.Limit)
		}
		fmt.Fprintf(&b, "| %s | %s | %.3fx | %s | %s |\n", v.Target, cell(v.Tool), v.Value, met, limit)
	}
	return b.String()
}

// cell escapes the pipes of a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
