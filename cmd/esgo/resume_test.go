package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/internal/faultproxy"
)

// runShell runs a command line with sh in dir, with the esgo binary first
// on the PATH (so that a printed "esgo ..." hint runs as it is).
func runShell(t *testing.T, dir, stdin, cmdline string) result {
	t.Helper()
	cmd := exec.Command("sh", "-c", cmdline)
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), "PATH="+filepath.Dir(esgoBin)+string(os.PathListSeparator)+os.Getenv("PATH"))
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("sh -c %s: %v", cmdline, err)
	}
	return result{out.String(), errb.String(), code}
}

// hintAfter returns the command printed on the line after the one holding
// marker, or fails the test.
func hintAfter(t *testing.T, stderr, marker string) string {
	t.Helper()
	lines := strings.Split(stderr, "\n")
	for i, l := range lines {
		if strings.Contains(l, marker) && i+1 < len(lines) {
			return strings.TrimSpace(lines[i+1])
		}
	}
	t.Fatalf("no %q in:\n%s", marker, stderr)
	return ""
}

// countDocs refreshes index and returns its number of documents.
func countDocs(t *testing.T, url, index string) int {
	t.Helper()
	runBin(t, nil, "", "call", "POST", "/"+index+"/_refresh", "--url", url)
	r := runBin(t, nil, "", "call", "GET", "/"+index+"/_count", "--url", url)
	var c struct {
		Count int `json:"count"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &c) != nil {
		t.Fatalf("count: %v", r)
	}
	return c.Count
}

// readRejected parses a rejected file.
func readRejected(t *testing.T, path string) []failure {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []failure
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var f failure
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatalf("rejected line %q: %v", l, err)
		}
		out = append(out, f)
	}
	return out
}

// TestBulkResumeFromAFileIsExact stops a load from a file (--on-error
// abort) and follows the printed hints literally: the file's path and the
// --id-field are repeated, shell-quoted, and the index ends with every
// document once.
func TestBulkResumeFromAFileIsExact(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-resume-file", "--replicas", "0", "--body", `{"mappings":{"properties":{"n":{"type":"integer"}}}}`)
	dir := t.TempDir()
	var in strings.Builder
	for i := range 300 {
		if i == 150 {
			fmt.Fprintf(&in, "{\"key\":\"k%d\",\"n\":\"not a number\"}\n", i)
			continue
		}
		fmt.Fprintf(&in, "{\"key\":\"k%d\",\"n\":%d}\n", i, i)
	}
	file := filepath.Join(dir, "my 'docs'.ndjson")
	if err := os.WriteFile(file, []byte(in.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runShell(t, dir, "", fmt.Sprintf("esgo bulk cli-resume-file %s --id-field key --url %s --on-error abort --batch 10 --workers 1", shq(file), url))
	if r.code != 1 || !strings.Contains(r.stderr, "aborted") {
		t.Fatalf("abort: %v", r)
	}
	resume := hintAfter(t, r.stderr, "load the rest with:")
	feed := hintAfter(t, r.stderr, "send them again with:")
	for _, h := range []string{resume, feed} {
		if !strings.Contains(h, "--id-field key") || !strings.Contains(h, "cli-resume-file") || !strings.Contains(h, "--url "+url) {
			t.Errorf("a hint lacks the options that matter: %s", h)
		}
	}
	if !strings.Contains(resume, shq(file)) || !regexp.MustCompile(`--skip \d+$`).MatchString(resume) {
		t.Fatalf("resume hint: %s", resume)
	}
	// The rest, literally as printed.
	if r := runShell(t, dir, "", resume); r.code != 0 {
		t.Fatalf("following %s: %v", resume, r)
	}
	// The failed one, fixed, literally as printed.
	rejPath := filepath.Join(dir, "cli-resume-file.rejected.ndjson")
	rej := readRejected(t, rejPath)
	if len(rej) != 1 || rej[0].ID != "k150" || !strings.Contains(rej[0].Error, "document_parsing_exception") {
		t.Fatalf("rejected: %+v", rej)
	}
	fixed := strings.Replace(mustRead(t, rejPath), `"not a number"`, "150", 1)
	if err := os.WriteFile(rejPath, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runShell(t, dir, "", feed); r.code != 0 {
		t.Fatalf("following %s: %v", feed, r)
	}
	if n := countDocs(t, url, "cli-resume-file"); n != 300 {
		t.Fatalf("after the hints: %d documents, want 300", n)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestBulkRejectedFileNeverOverwritten runs a failing load twice in the
// same folder: the second run writes a new file; an existing --rejected
// file is refused before anything is sent.
func TestBulkRejectedFileNeverOverwritten(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-rej-keep", nil...)
	dir := t.TempDir()
	for i, want := range []string{"cli-rej-keep.rejected.ndjson", "cli-rej-keep.rejected-2.ndjson"} {
		r := runShell(t, dir, fmt.Sprintf("broken %d\n{\"a\":1}\n", i), "esgo bulk cli-rej-keep - --url "+url)
		if r.code != 3 || !strings.Contains(r.stderr, "the failed documents are in "+want) {
			t.Fatalf("run %d: %v", i+1, r)
		}
		if rej := readRejected(t, filepath.Join(dir, want)); len(rej) != 1 || *rej[0].Raw != fmt.Sprintf("broken %d", i) {
			t.Fatalf("%s: %+v", want, rej)
		}
	}
	r := runShell(t, dir, "{\"a\":1}\n", "esgo bulk cli-rej-keep - --rejected cli-rej-keep.rejected.ndjson --url "+url)
	if r.code != 2 || !strings.Contains(r.stderr, "exists") {
		t.Fatalf("an existing --rejected: %v", r)
	}
}

// TestBulkResumeFromExportPipeIsByID interrupts esgo export | esgo bulk:
// standard input is not resumed by position (no --skip), and following
// the hint loads every document exactly once.
func TestBulkResumeFromExportPipeIsByID(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-pipe-src", "--shards", "4", "--replicas", "0")
	freshIndex(t, url, "cli-pipe-dst", "--replicas", "0")
	const n = 20000
	var in strings.Builder
	for i := range n {
		fmt.Fprintf(&in, "{\"_id\":\"d%d\",\"_source\":{\"i\":%d}}\n", i, i)
	}
	if r := runBin(t, nil, in.String(), "bulk", "cli-pipe-src", "-", "--url", url, "--refresh"); r.code != 0 {
		t.Fatal(r)
	}
	export := exec.Command(esgoBin, "export", "cli-pipe-src", "--url", url, "--size", "500")
	export.Env = cleanEnv()
	bulkCmd := exec.Command(esgoBin, "bulk", "cli-pipe-dst", "-", "--url", url, "--batch", "200", "--workers", "1",
		"--progress", "plain", "--progress-interval", "20ms")
	bulkCmd.Env = cleanEnv()
	pipe, err := export.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	bulkCmd.Stdin = pipe
	stderr, err := bulkCmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := bulkCmd.Start(); err != nil {
		t.Fatal(err)
	}
	if err := export.Start(); err != nil {
		t.Fatal(err)
	}
	kill := time.AfterFunc(2*time.Minute, func() { bulkCmd.Process.Kill(); export.Process.Kill() })
	defer kill.Stop()
	sc := bufio.NewScanner(stderr)
	var seen []string
	signalled := false
	for sc.Scan() {
		seen = append(seen, sc.Text())
		if !signalled && regexp.MustCompile(`^bulk: [1-9]\d* read, [1-9]\d* indexed`).MatchString(sc.Text()) {
			bulkCmd.Process.Signal(syscall.SIGINT)
			signalled = true
		}
	}
	bulkCmd.Wait()
	export.Process.Kill()
	export.Wait()
	all := strings.Join(seen, "\n")
	if bulkCmd.ProcessState.ExitCode() == 0 {
		t.Skipf("the load ended before the interrupt could stop it:\n%s", all)
	}
	if bulkCmd.ProcessState.ExitCode() != 130 || regexp.MustCompile(`--skip \d`).MatchString(all) ||
		!strings.Contains(all, "cannot be resumed by position") {
		t.Fatalf("exit %d:\n%s", bulkCmd.ProcessState.ExitCode(), all)
	}
	hint := hintAfter(t, all, "none is duplicated")
	if !strings.HasPrefix(hint, "... | esgo bulk cli-pipe-dst -") {
		t.Fatalf("hint: %s", hint)
	}
	producer := fmt.Sprintf("esgo export cli-pipe-src --url %s", url)
	if r := runShell(t, t.TempDir(), "", strings.Replace(hint, "...", producer, 1)); r.code != 0 {
		t.Fatalf("following the hint: %v", r)
	}
	if got := countDocs(t, url, "cli-pipe-dst"); got != n {
		t.Fatalf("%d documents after the resume, want %d", got, n)
	}
}

// TestBulkTwoCtrlCKeepIDs loses the answer of a bulk request the server
// applied, stalls the repeat, and interrupts twice: the documents go to the
// rejected file with their _id and an unknown outcome, and feeding the file
// back as printed leaves each document once.
func TestBulkTwoCtrlCKeepIDs(t *testing.T) {
	es := eslocaltest.Elasticsearch(t)
	url := es.URL()
	freshIndex(t, url, "cli-twice", "--replicas", "0")
	var bulks atomic.Int64
	proxy, err := faultproxy.New(strings.TrimPrefix(url, "http://"), func(x *faultproxy.Exchange) faultproxy.Action {
		if !strings.HasSuffix(x.Path, "/_bulk") {
			return faultproxy.Pass
		}
		if bulks.Add(1) == 1 {
			return faultproxy.DropResponse // applied, the answer lost
		}
		return faultproxy.Stall
	})
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	dir := t.TempDir()
	rejected := filepath.Join(dir, "twice.ndjson")
	cmd := exec.Command(esgoBin, "bulk", "cli-twice", "-", "--url", proxy.URL(), "--rejected", rejected,
		"--batch", "10", "--workers", "1", "--progress", "none")
	cmd.Env = cleanEnv()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb syncBuffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	for i := range 10 {
		fmt.Fprintf(stdin, "{\"i\":%d}\n", i)
	}
	kill := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
	defer kill.Stop()
	for proxy.Count(faultproxy.Stall) == 0 {
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	for !strings.Contains(errb.String(), "interrupted: sending") {
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	cmd.Wait()
	out := errb.String()
	if cmd.ProcessState.ExitCode() != 130 || !strings.Contains(out, "10 of the failed documents have an unknown outcome") {
		t.Fatalf("exit %d:\n%s", cmd.ProcessState.ExitCode(), out)
	}
	rej := readRejected(t, rejected)
	ids := map[string]bool{}
	for _, f := range rej {
		if f.ID == "" || f.Outcome != "unknown" || len(f.Source) == 0 {
			t.Fatalf("rejected line without its _id or outcome: %+v", f)
		}
		ids[f.ID] = true
	}
	if len(rej) != 10 || len(ids) != 10 {
		t.Fatalf("rejected: %+v", rej)
	}
	// The server has them already; sending them again, as printed, through
	// a proxy that passes everything now, duplicates nothing.
	proxy.SetRule(nil)
	feed := hintAfter(t, out, "send them again with:")
	if r := runShell(t, dir, "", feed); r.code != 0 {
		t.Fatalf("following %s: %v", feed, r)
	}
	if got := countDocs(t, url, "cli-twice"); got != 10 {
		t.Fatalf("%d documents, want 10", got)
	}
}

// TestBulkGivesUpOnADeadCluster stops the cluster (its proxy) in the middle
// of a load: esgo stops by itself, exits 1, and the printed hints, followed
// once the cluster is back, load every document exactly once.
func TestBulkGivesUpOnADeadCluster(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-dead", "--replicas", "0")
	var bulks atomic.Int64
	var proxy *faultproxy.Proxy
	proxy, err := faultproxy.New(strings.TrimPrefix(url, "http://"), func(x *faultproxy.Exchange) faultproxy.Action {
		if strings.HasSuffix(x.Path, "/_bulk") && bulks.Add(1) == 4 {
			go proxy.Close() // the cluster goes away: every later connection is refused
			return faultproxy.Refuse
		}
		return faultproxy.Pass
	})
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	dir := t.TempDir()
	const n = 20000
	var in strings.Builder
	for i := range n {
		fmt.Fprintf(&in, "{\"i\":%d}\n", i)
	}
	file := filepath.Join(dir, "docs.ndjson")
	if err := os.WriteFile(file, []byte(in.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runShell(t, dir, "", fmt.Sprintf("esgo bulk cli-dead docs.ndjson --url %s --batch 500 --workers 2 --give-up-after 2s --progress none", proxy.URL()))
	if r.code != 1 || !strings.Contains(r.stderr, "no node has answered") {
		t.Fatalf("a dead cluster: %v", r)
	}
	resume := hintAfter(t, r.stderr, "load the rest with:")
	if r := runShell(t, dir, "", strings.ReplaceAll(resume, proxy.URL(), url)); r.code != 0 {
		t.Fatalf("following %s: %v", resume, r)
	}
	if strings.Contains(r.stderr, "send them again with:") {
		feed := hintAfter(t, r.stderr, "send them again with:")
		if r := runShell(t, dir, "", strings.ReplaceAll(feed, proxy.URL(), url)); r.code != 0 {
			t.Fatalf("following %s: %v", feed, r)
		}
	}
	if got := countDocs(t, url, "cli-dead"); got != n {
		t.Fatalf("%d documents after the hints, want %d", got, n)
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestCSVErrors: an unterminated quote stops the load with an error (not a
// panic); rows of the wrong length go to the rejected file; a CSV written
// by esgo export loads back with its ids.
func TestCSVErrors(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-csv-err", "--replicas", "0")
	dir := t.TempDir()
	r := runShell(t, dir, "a,b\n1,2\n\"unterminated,3\n", "esgo bulk cli-csv-err - --format csv --url "+url)
	if r.code != 1 || strings.Contains(r.stderr, "panic") || !strings.Contains(r.stderr, "quote") {
		t.Fatalf("unterminated quote: %v", r)
	}
	r = runShell(t, dir, "a,b\n1,2\n3\n4,5,6\n7,8\n", "esgo bulk cli-csv-err - --format csv --url "+url+" --rejected bad.ndjson")
	if r.code != 3 || !strings.Contains(r.stderr, "2 indexed, 2 failed") {
		t.Fatalf("wrong field counts: %v", r)
	}
	rej := readRejected(t, filepath.Join(dir, "bad.ndjson"))
	var raws []string
	for _, f := range rej {
		raws = append(raws, *f.Raw)
	}
	if !slices.Equal(raws, []string{"3", "4,5,6"}) || rej[0].Record != 3 || rej[1].Record != 4 {
		t.Fatalf("rejected: %+v", rej)
	}

	// Export as CSV, load back: same ids, _id not a field.
	freshIndex(t, url, "cli-csv-src", "--replicas", "0")
	freshIndex(t, url, "cli-csv-copy", "--replicas", "0")
	if r := runBin(t, nil, "{\"_id\":\"x1\",\"_source\":{\"name\":\"a, \\\"b\\\"\"}}\n{\"_id\":\"x2\",\"_source\":{\"name\":\"c\"}}\n",
		"bulk", "cli-csv-src", "-", "--url", url, "--refresh"); r.code != 0 {
		t.Fatal(r)
	}
	r = runShell(t, dir, "", fmt.Sprintf("esgo export cli-csv-src -o csv --url %s | esgo bulk cli-csv-copy - --format csv --url %s --refresh", url, url))
	if r.code != 0 {
		t.Fatalf("export | bulk as CSV: %v", r)
	}
	got := exportLines(t, url, "cli-csv-copy")
	want := []string{`{"_id":"x1","_source":{"name":"a, \"b\""}}`, `{"_id":"x2","_source":{"name":"c"}}`}
	if !slices.Equal(got, want) {
		t.Fatalf("the copy:\n%s", strings.Join(got, "\n"))
	}
}

// TestBulkOneCtrlCOnADeadCluster: after one Ctrl-C, a cluster that does not
// answer is not waited for: esgo exits by itself, the documents read in the
// rejected file with their ids, and prints the hints.
func TestBulkOneCtrlCOnADeadCluster(t *testing.T) {
	rejected := filepath.Join(t.TempDir(), "dead.ndjson")
	cmd := exec.Command(esgoBin, "bulk", "cli-dead-int", "-", "--url", "http://127.0.0.1:1", "--rejected", rejected,
		"--give-up-after", "1h", "--progress", "plain", "--progress-interval", "20ms")
	cmd.Env = cleanEnv()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb syncBuffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	for i := range 10 {
		fmt.Fprintf(stdin, "{\"_id\":\"%d\",\"_source\":{\"i\":%d}}\n", i, i)
	}
	kill := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
	defer kill.Stop()
	for !strings.Contains(errb.String(), "bulk: 10 read") {
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	cmd.Wait()
	out := errb.String()
	if cmd.ProcessState.ExitCode() != 130 || !strings.Contains(out, "no node has answered") ||
		!strings.Contains(out, "sending the whole input again is safe") {
		t.Fatalf("exit %d:\n%s", cmd.ProcessState.ExitCode(), out)
	}
	if rej := readRejected(t, rejected); len(rej) != 10 {
		t.Fatalf("rejected: %+v", rej)
	}
}
