package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/esgo/esgo/eslocal/eslocaltest"
)

// tmux drives a tmux server of the test's own (its own socket).
type tmux struct {
	t      *testing.T
	socket string
}

func newTmux(t *testing.T) *tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (scripts/test installs it with apt-get when it can): the progress bar needs a real terminal")
	}
	tm := &tmux{t: t, socket: fmt.Sprintf("esgo-test-%d", os.Getpid())}
	t.Cleanup(func() { exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *tmux) run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// screen is what a person sees in the pane now.
func (tm *tmux) screen(target string) string { return tm.run("capture-pane", "-p", "-t", target) }

// waitFor captures the pane until match holds, and returns that screen.
func (tm *tmux) waitFor(target string, within time.Duration, what string, match func(string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(within)
	var s string
	for time.Now().Before(deadline) {
		if s = tm.screen(target); match(s) {
			return s
		}
		time.Sleep(100 * time.Millisecond)
	}
	tm.t.Fatalf("the pane never showed %s; it shows:\n%s", what, s)
	return ""
}

// shellQuote quotes s for sh.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// TestProgressBarInATerminal runs esgo bulk and esgo export in a tmux pane
// and checks the bar a person sees while they run and when they end.
func TestProgressBarInATerminal(t *testing.T) {
	tm := newTmux(t)
	url := eslocaltest.Elasticsearch(t).URL()
	const n = 100000
	file := filepath.Join(t.TempDir(), "big.ndjson")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := range n {
		fmt.Fprintf(w, `{"i":%d,"text":"some words to make the line longer %d"}`+"\n", i, i)
	}
	w.Flush()
	f.Close()
	runBin(t, nil, "", "index", "delete", "cli-tty", "--url", url)
	if r := runBin(t, nil, "", "index", "create", "cli-tty", "--replicas", "0", "--url", url); r.code != 0 {
		t.Fatal(r)
	}
	cmdline := fmt.Sprintf("%s bulk cli-tty %s --url %s; echo EXIT=$?", shellQuote(esgoBin), shellQuote(file), url)
	tm.run("new-session", "-d", "-s", "bulk", "-x", "160", "-y", "12", "sh", "-c", cmdline+"; sleep 600")

	// While it runs: a bar with a percentage, bytes, a rate, an ETA and the
	// document counts.
	running := regexp.MustCompile(`(?m)^ +\d{1,2}% \|█+ +\| \([\d.]+ ?[kM]?B?/[\d.]+ MB, [\d.]+ [kM]?B/s\) \[[\dhms]+:[\dhms]+\] bulk: \d+ read, \d+ indexed, 0 failed, \d+ docs/s$`)
	tm.waitFor("bulk", 2*time.Minute, "a running bar", running.MatchString)

	done := tm.waitFor("bulk", 3*time.Minute, "the exit status", func(s string) bool { return strings.Contains(s, "EXIT=") })
	final := regexp.MustCompile(`(?m)^ +100% \|█+\| \(([\d.]+)/([\d.]+) MB, [\d.]+ [kM]?B/s\) \[[\dhms]+\] bulk: ` + fmt.Sprint(n) + ` read, ` + fmt.Sprint(n) + ` indexed, 0 failed, \d+ docs/s$`)
	if m := final.FindStringSubmatch(done); m == nil || m[1] != m[2] || !strings.Contains(done, fmt.Sprintf("%d documents read from %s: %d indexed, 0 failed", n, file, n)) ||
		!strings.Contains(done, "EXIT=0") {
		t.Fatalf("final screen:\n%s", done)
	}
	if regexp.MustCompile(`(?m)^bulk: `).MatchString(done) {
		t.Errorf("plain progress lines on a terminal:\n%s", done)
	}

	// export: a bar counting documents against the total.
	runBin(t, nil, "", "call", "POST", "/cli-tty/_refresh", "--url", url)
	cmdline = fmt.Sprintf("%s export cli-tty --url %s -O %s; echo EXIT=$?", shellQuote(esgoBin), url, shellQuote(filepath.Join(t.TempDir(), "out.ndjson")))
	tm.run("new-session", "-d", "-s", "export", "-x", "160", "-y", "12", "sh", "-c", cmdline+"; sleep 600")
	done = tm.waitFor("export", 3*time.Minute, "the exit status", func(s string) bool { return strings.Contains(s, "EXIT=") })
	final = regexp.MustCompile(`(?m)^ +100% \|█+\| \(` + fmt.Sprint(n) + `/` + fmt.Sprint(n) + `, \d+ docs/s\) \[[\dhms]+\] export: ` + fmt.Sprint(n) + ` of ` + fmt.Sprint(n) + ` documents, \d+ docs/s$`)
	if !final.MatchString(done) || !strings.Contains(done, fmt.Sprintf("%d documents exported from cli-tty", n)) || !strings.Contains(done, "EXIT=0") {
		t.Fatalf("export's final screen:\n%s", done)
	}
}

// TestPlainProgressWhenNotATerminal checks the periodic lines written when
// stderr is not a terminal.
func TestPlainProgressWhenNotATerminal(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-plain", nil...)
	var in strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&in, "{\"i\":%d}\n", i)
	}
	r := runBin(t, nil, in.String(), "bulk", "cli-plain", "-", "--url", url, "--progress-interval", "1ms", "--batch", "100", "--workers", "1")
	if r.code != 0 || !regexp.MustCompile(`(?m)^bulk: \d+ read, \d+ indexed, 0 failed, \d+ docs/s$`).MatchString(r.stderr) || strings.Contains(r.stderr, "%|") {
		t.Fatalf("plain progress: %v", r)
	}
}

// TestProgressLineFitsTheWidth: whatever the width, the line fits in it.
func TestProgressLineFitsTheWidth(t *testing.T) {
	for _, b := range []*bar{
		{total: 5 << 20, bytes: true, began: time.Now().Add(-3 * time.Second)},
		{total: -1, bytes: true, began: time.Now().Add(-3 * time.Second)},
		{total: 100000, began: time.Now().Add(-3 * time.Second)},
	} {
		status := "bulk: 123456 read, 120000 indexed, 3 failed, 40000 docs/s"
		for width := 1; width <= 200; width++ {
			l := b.line(2<<20, status, false, width-1)
			if n := len([]rune(l)); n > width-1 {
				t.Fatalf("width %d: %d characters: %q", width, n, l)
			}
			if width >= 120 && !strings.Contains(l, status) {
				t.Fatalf("width %d: the status is cut: %q", width, l)
			}
		}
	}
}

// TestProgressBarOnANarrowTerminal runs esgo bulk in an 80-column pane: the
// bar stays on one line, redrawn in place, never wrapping over the screen.
func TestProgressBarOnANarrowTerminal(t *testing.T) {
	tm := newTmux(t)
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-narrow", "--replicas", "0")
	file := filepath.Join(t.TempDir(), "narrow.ndjson")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := range 60000 {
		fmt.Fprintf(w, `{"i":%d,"text":"some words to make the line longer %d"}`+"\n", i, i)
	}
	w.Flush()
	f.Close()
	cmdline := fmt.Sprintf("%s bulk cli-narrow %s --url %s --batch 500 --workers 1; echo EXIT=$?", shellQuote(esgoBin), shellQuote(file), url)
	tm.run("new-session", "-d", "-s", "narrow", "-x", "80", "-y", "20", "sh", "-c", cmdline+"; sleep 600")
	// While it runs: one progress line (it may drop the bar at this width).
	running := tm.waitFor("narrow", 2*time.Minute, "a running progress line", func(s string) bool {
		return strings.Contains(s, "bulk: ") && !strings.Contains(s, "EXIT=")
	})
	if strings.Count(running, "bulk: ") != 1 {
		t.Fatalf("the progress line wrapped or repeated:\n%s", running)
	}
	done := tm.waitFor("narrow", 3*time.Minute, "the exit status", func(s string) bool { return strings.Contains(s, "EXIT=") })
	// The last progress line and the summary: nothing else.
	if !strings.Contains(done, "EXIT=0") || strings.Count(done, "bulk: ") != 1 || !strings.Contains(done, " 100% ") {
		t.Fatalf("final screen:\n%s", done)
	}
}
