package main

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/esgo/esgo/eslocal/eslocaltest"
)

// exportLines exports index as NDJSON and returns its lines without the
// _index, sorted.
func exportLines(t *testing.T, url, index string, extra ...string) []string {
	t.Helper()
	out := filepath.Join(t.TempDir(), index+".ndjson.gz")
	r := runBin(t, nil, "", append([]string{"export", index, "-O", out, "--url", url, "--slices", "3", "--size", "70"}, extra...)...)
	if r.code != 0 {
		t.Fatalf("export %s: %v", index, r)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("export -O x.gz did not write gzip: %v", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	re := regexp.MustCompile(`^\{"_index":"[^"]*",`)
	for i, l := range lines {
		if !re.MatchString(l) {
			t.Fatalf("line %d: %s", i+1, l)
		}
		lines[i] = re.ReplaceAllString(l, "{")
	}
	slices.Sort(lines)
	return lines
}

// TestExportThenBulkRoundTrips copies an index with export | bulk and
// checks that the copy holds the same ids, routing and sources, byte for byte.
func TestExportThenBulkRoundTrips(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	for _, idx := range []string{"cli-rt-src", "cli-rt-copy"} {
		runBin(t, nil, "", "index", "delete", idx, "--url", url)
		if r := runBin(t, nil, "", "index", "create", idx, "--shards", "3", "--replicas", "0", "--url", url,
			"--body", `{"mappings":{"dynamic":false,"properties":{"n":{"type":"long"}}}}`); r.code != 0 {
			t.Fatal(r)
		}
	}
	// Sources the server keeps as they are: odd spacing is compacted by
	// nothing, numbers beyond float64, unicode, escapes, nesting, routing.
	var src strings.Builder
	for i := range 500 {
		fmt.Fprintf(&src, `{"_id":"id-%d","_source":{"n":%d,"big":1234567890123456789%d,"f":1.10,"s":"é\u00e9\"<&>\\n %d","nested":{"a":[1,{"b":null}]},"empty":{}}}`+"\n", i, i, i%10, i)
	}
	src.WriteString(`{"_id":"routed","_routing":"r1","_source":{"n":-1}}` + "\n")
	src.WriteString(`{"_id":"99999999999999999","_source":{"n":-2}}` + "\n")
	if r := runBin(t, nil, src.String(), "bulk", "cli-rt-src", "-", "--url", url); r.code != 0 || !strings.Contains(r.stderr, "502 indexed, 0 failed") {
		t.Fatalf("loading the source index: %v", r)
	}
	runBin(t, nil, "", "call", "POST", "/cli-rt-src/_refresh", "--url", url)
	orig := exportLines(t, url, "cli-rt-src")
	if len(orig) != 502 {
		t.Fatalf("exported %d documents, want 502", len(orig))
	}
	// export | bulk, through a file as a person would.
	file := filepath.Join(t.TempDir(), "dump.ndjson")
	if r := runBin(t, nil, "", "export", "cli-rt-src", "-O", file, "--url", url); r.code != 0 || !strings.Contains(r.stderr, "502 documents exported") {
		t.Fatalf("export: %v", r)
	}
	if r := runBin(t, nil, "", "bulk", "cli-rt-copy", file, "--url", url); r.code != 0 || !strings.Contains(r.stderr, "502 indexed, 0 failed") {
		t.Fatalf("bulk of the export: %v", r)
	}
	runBin(t, nil, "", "call", "POST", "/cli-rt-copy/_refresh", "--url", url)
	copied := exportLines(t, url, "cli-rt-copy")
	if !slices.Equal(orig, copied) {
		for i := range min(len(orig), len(copied)) {
			if orig[i] != copied[i] {
				t.Fatalf("first difference:\n%s\n%s", orig[i], copied[i])
			}
		}
		t.Fatalf("%d documents, copy has %d", len(orig), len(copied))
	}
	if !slices.Contains(orig, `{"_id":"routed","_routing":"r1","_source":{"n":-1}}`) {
		t.Errorf("routing not kept: %v", orig[len(orig)-3:])
	}

	// A query, JSON and CSV.
	r := runBin(t, nil, "", "export", "cli-rt-src", "-q", "n:<3", "-o", "json", "--source-only", "--url", url)
	var docs []map[string]any
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &docs) != nil || len(docs) != 5 {
		t.Fatalf("json with a query (n 0,1,2 and -1,-2): %v", r)
	}
	r = runBin(t, nil, "", "export", "cli-rt-src", "--query-json", `{"range":{"n":{"gte":10,"lt":12}}}`, "-o", "csv", "--fields", "n,s,nested.a", "--url", url)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if r.code != 0 || err != nil || len(rows) != 3 || !slices.Equal(rows[0], []string{"_id", "n", "s", "nested.a"}) {
		t.Fatalf("csv: %v %v", err, r)
	}
	slices.SortFunc(rows[1:], func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	if !slices.Equal(rows[1], []string{"id-10", "10", "éé\"<&>\\n 10", `[1,{"b":null}]`}) {
		t.Errorf("csv row: %q", rows[1])
	}
}

// TestBulkCtrlCSendsWhatWasRead interrupts a bulk that reads from a pipe
// that stays open: the documents read are sent, the summary says so, and the
// exit code is 130.
func TestBulkCtrlCSendsWhatWasRead(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-sigint", nil...)
	cmd := exec.Command(esgoBin, "bulk", "cli-sigint", "-", "--url", url, "--progress", "plain", "--progress-interval", "50ms")
	cmd.Env = cleanEnv()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	for i := range 150 {
		fmt.Fprintf(stdin, "{\"i\":%d}\n", i)
	}
	sc := bufio.NewScanner(stderr)
	var seen []string
	deadline := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
	defer deadline.Stop()
	for sc.Scan() {
		seen = append(seen, sc.Text())
		if strings.Contains(sc.Text(), "bulk: 150 read") {
			break
		}
	}
	// Fewer than a batch: nothing was sent yet; the bulk waits for more input.
	cmd.Process.Signal(syscall.SIGINT)
	for sc.Scan() {
		seen = append(seen, sc.Text())
	}
	err = cmd.Wait()
	all := strings.Join(seen, "\n")
	if cmd.ProcessState.ExitCode() != 130 || !strings.Contains(all, "interrupted: sending the 150 documents already read") ||
		!strings.Contains(all, "150 documents read from standard input: 150 indexed, 0 failed") ||
		!strings.Contains(all, "cannot be resumed exactly") {
		t.Fatalf("exit %v:\n%s", err, all)
	}
	runBin(t, nil, "", "call", "POST", "/cli-sigint/_refresh", "--url", url)
	if r := runBin(t, nil, "", "call", "GET", "/cli-sigint/_count", "--url", url); !strings.Contains(r.stdout, `"count": 150`) {
		t.Errorf("count: %v", r)
	}
}

// TestBulkSecondCtrlCWritesWhatWasNotSent interrupts the drain itself: the
// server is unreachable, so the documents read are still being retried when
// the second Ctrl-C comes; they go to the rejected file, none is lost.
func TestBulkSecondCtrlCWritesWhatWasNotSent(t *testing.T) {
	rejected := filepath.Join(t.TempDir(), "unsent.ndjson")
	cmd := exec.Command(esgoBin, "bulk", "cli-unsent", "-", "--url", "http://127.0.0.1:1", "--rejected", rejected,
		"--progress", "plain", "--progress-interval", "50ms")
	cmd.Env = cleanEnv()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	var sent []string
	for i := range 10 {
		line := fmt.Sprintf(`{"i":%d}`, i)
		sent = append(sent, line)
		fmt.Fprintln(stdin, line)
	}
	deadline := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
	defer deadline.Stop()
	sc := bufio.NewScanner(stderr)
	var seen []string
	waitFor := func(s string) {
		for sc.Scan() {
			seen = append(seen, sc.Text())
			if strings.Contains(sc.Text(), s) {
				return
			}
		}
		t.Fatalf("never saw %q:\n%s", s, strings.Join(seen, "\n"))
	}
	waitFor("bulk: 10 read")
	cmd.Process.Signal(syscall.SIGINT)
	waitFor("interrupted: sending the 10 documents already read")
	time.Sleep(300 * time.Millisecond) // the drain is retrying against the closed port
	cmd.Process.Signal(syscall.SIGINT)
	for sc.Scan() {
		seen = append(seen, sc.Text())
	}
	cmd.Wait()
	all := strings.Join(seen, "\n")
	if cmd.ProcessState.ExitCode() != 130 || !strings.Contains(all, "10 documents read from standard input: 0 indexed, 10 failed") ||
		!strings.Contains(all, "the failed documents are in "+rejected) {
		t.Fatalf("exit %d:\n%s", cmd.ProcessState.ExitCode(), all)
	}
	var got []string
	for _, f := range readRejected(t, rejected) {
		if f.ID == "" {
			t.Errorf("a document sent without its _id: %+v", f)
		}
		got = append(got, string(f.Source))
	}
	slices.Sort(got)
	slices.Sort(sent)
	if !slices.Equal(got, sent) {
		t.Fatalf("rejected file:\n%s", mustRead(t, rejected))
	}
}
