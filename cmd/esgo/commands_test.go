package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/spf13/cobra"
)

// run executes the esgo command line in this process and returns its output.
func run(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	root := newRoot()
	var out bytes.Buffer
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetIn(strings.NewReader(stdin))
	err := root.Execute()
	return out.String(), err
}

func TestBulkSearchAndCall(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-docs", nil...)
	var docs strings.Builder
	for i := range 50 {
		fmt.Fprintf(&docs, "{\"n\": %d, \"word\": \"w%d\"}\n\n", i, i%5)
	}
	out, err := run(t, docs.String(), "bulk", "cli-docs", "-", "--id-field", "n", "--url", url)
	if err != nil || !strings.Contains(out, "50 documents read from standard input: 50 indexed, 0 failed") {
		t.Fatalf("bulk: %v\n%s", err, out)
	}
	if out, err := run(t, "", "call", "POST", "/cli-docs/_refresh", "--url", url); err != nil || !strings.Contains(out, `"successful"`) {
		t.Fatalf("call refresh: %v\n%s", err, out)
	}
	out, err = run(t, "", "search", "cli-docs", "word:w3", "--sort", "-n", "--size", "3", "--url", url)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "10 hits" && !strings.HasPrefix(lines[0], "10 hits (") || len(lines) != 4 || !strings.HasPrefix(lines[1], "cli-docs/48\t") {
		t.Fatalf("search output:\n%s", out)
	}
	// A failed request is an error that names the problem.
	_, err = run(t, "", "call", "GET", "/cli-missing/_doc/1", "--url", url)
	if !errors.Is(err, esgo.ErrNotFound) || !strings.Contains(err.Error(), "index_not_found_exception") {
		t.Fatalf("call on a missing index: %v", err)
	}
}

func TestCommandsAreWired(t *testing.T) {
	root := newRoot()
	for _, path := range [][]string{{"demo"}, {"local", "start"}, {"local", "stop"}, {"local", "status"}, {"local", "logs"},
		{"local", "ls"}, {"local", "install"}, {"call"}, {"search"}, {"bulk"}, {"export"}, {"esql"},
		{"index", "ls"}, {"index", "create"}, {"index", "delete"}, {"index", "mapping"}, {"index", "settings"},
		{"index", "alias", "add"}, {"config", "add"}, {"config", "use"}, {"completion"}, {"copy"}, {"version"}} {
		cmd, _, err := root.Find(path)
		if err != nil || cmd.Name() != path[len(path)-1] {
			t.Errorf("esgo %s: %v", strings.Join(path, " "), err)
		}
	}
}

// TestExitCodes checks the documented codes of the binary: 0, 1, 2, and
// --version. Code 3 is checked by the bulk tests, 130 by the interrupt test.
func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--version"}, 0, "esgo "},
		{[]string{"version"}, 0, "esgo "},
		{[]string{"nosuchcommand"}, 2, `unknown command "nosuchcommand"`},
		{[]string{"bulk", "only-index"}, 2, "Usage: esgo bulk INDEX FILE [flags]"},
		{[]string{"search", "--nosuchflag", "x"}, 2, "unknown flag: --nosuchflag"},
		{[]string{"bulk", "x", "-", "--on-error", "maybe"}, 2, "--on-error must be skip or abort"},
		{[]string{"search", "x", "-o", "yaml"}, 2, "--output must be table, json, ndjson or csv"},
		{[]string{"call", "GET", "/", "--url", "http://127.0.0.1:1"}, 1, "esgo: "},
		{[]string{"local", "status", "--name", "nothing-here"}, 1, "not running"},
	} {
		r := runBin(t, []string{"ESGO_LOCAL_DIR=" + t.TempDir()}, "", tc.args...)
		if r.code != tc.code || !strings.Contains(r.stdout+r.stderr, tc.want) {
			t.Errorf("esgo %s: want exit %d and %q, got %v", strings.Join(tc.args, " "), tc.code, tc.want, r)
		}
	}
}

// TestSecretsNeverShown runs --help of every command with secrets in the
// environment, and failing commands with secrets in flags.
func TestSecretsNeverShown(t *testing.T) {
	const secret = "Sup3rSecretValue"
	env := []string{"ELASTICSEARCH_PASSWORD=" + secret, "ELASTICSEARCH_API_KEY=" + secret + "key",
		"ELASTICSEARCH_TOKEN=" + secret + "tok", "ELASTICSEARCH_USERNAME=elastic"}
	var paths [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		paths = append(paths, path)
		for _, sub := range c.Commands() {
			walk(sub, append(slices.Clone(path), sub.Name()))
		}
	}
	walk(newRoot(), nil)
	if len(paths) < 20 {
		t.Fatalf("only %d commands found", len(paths))
	}
	for _, p := range paths {
		r := runBin(t, env, "", append(p, "--help")...)
		if r.code != 0 || strings.Contains(r.stdout+r.stderr, secret) {
			t.Errorf("esgo %s --help: %v", strings.Join(p, " "), r)
		}
	}
	// Errors and traces (the curl commands of --trace), with the secrets
	// in the environment and in flags.
	url := eslocaltest.Elasticsearch(t).URL()
	for _, tc := range []struct {
		code int
		args []string
	}{
		{1, []string{"call", "GET", "/cli-secret-missing/_doc/1", "--url", url, "--trace"}},
		{1, []string{"call", "GET", "/cli-secret-missing/_doc/1", "--url", url, "--user", "elastic", "--password", secret, "--trace"}},
		{1, []string{"search", "x", "--url", "http://127.0.0.1:1", "--password", secret, "--user", "u", "--trace"}},
		{0, []string{"search", "*", "--url", url, "--api-key", secret, "--trace"}},
	} {
		r := runBin(t, env, "", tc.args...)
		if r.code != tc.code || strings.Contains(r.stdout+r.stderr, secret) || !strings.Contains(r.stderr, "curl") {
			t.Errorf("esgo %s: %v", strings.Join(tc.args, " "), r)
		}
	}
}

func TestBulkKeepsIDsExactly(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	input := `{"id": 1234567, "v": 1}
{"id": 99999999999999999, "v": 2}
{"id": 99999999999999998, "v": 3}
{"id": "a b/é", "v": 4}
{"id": -0.5e3, "v": 5}
`
	freshIndex(t, url, "cli-ids", "--body", `{"mappings":{"properties":{"id":{"type":"keyword"}}}}`)
	r := runBin(t, nil, input, "bulk", "cli-ids", "-", "--id-field", "id", "--url", url, "--rejected", filepath.Join(t.TempDir(), "r"))
	if r.code != 0 || !strings.Contains(r.stderr, "5 indexed, 0 failed") {
		t.Fatalf("bulk: %v", r)
	}
	for id, v := range map[string]string{"1234567": "1", "99999999999999999": "2", "99999999999999998": "3", "a%20b%2F%C3%A9": "4", "-0.5e3": "5"} {
		r := runBin(t, nil, "", "call", "GET", "/cli-ids/_doc/"+id, "--url", url)
		if r.code != 0 || !strings.Contains(r.stdout, `"v": `+v) {
			t.Errorf("document %s: %v", id, r)
		}
	}
}

func TestBulkFormats(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-formats", nil...)
	freshIndex(t, url, "cli-formats-stdin", nil...)
	dir := t.TempDir()
	// A JSON array, spread over lines, big numbers kept.
	arr := writeFile(t, "docs.json", []byte("[\n {\"k\": \"a\", \"n\": 1234567890123456789},\n {\"k\": \"b\",\n  \"n\": 2}\n]\n"))
	// CSV with a header, quoted commas and newlines; ids from a column.
	csvFile := writeFile(t, "docs.csv", []byte("k,name,note\nc,\"Smith, J\",\"two\nlines\"\nd,Doe,<&>\n"))
	// Gzipped NDJSON with a BOM and CRLF line ends.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("\xef\xbb\xbf{\"k\":\"e\"}\r\n{\"k\":\"f\"}\r\n"))
	zw.Close()
	gzFile := writeFile(t, "docs.ndjson.gz", gz.Bytes())
	for _, f := range []string{arr, csvFile, gzFile} {
		r := runBin(t, nil, "", "bulk", "cli-formats", f, "--id-field", "k", "--url", url, "--rejected", filepath.Join(dir, "rej"))
		if r.code != 0 || !strings.Contains(r.stderr, "2 indexed, 0 failed") {
			t.Fatalf("bulk %s: %v", f, r)
		}
	}
	// Standard input, gzipped too.
	r := runBin(t, nil, gz.String(), "bulk", "cli-formats-stdin", "-", "--url", url)
	if r.code != 0 || !strings.Contains(r.stderr, "2 indexed") {
		t.Fatalf("bulk gzip stdin: %v", r)
	}
	for id, want := range map[string]string{"a": `"n": 1234567890123456789`, "c": `"note": "two\nlines"`, "d": `"note": "<&>"`, "f": `"k": "f"`} {
		r := runBin(t, nil, "", "call", "GET", "/cli-formats/_doc/"+id, "--url", url)
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("document %s lacks %s: %v", id, want, r)
		}
	}
	if r := runBin(t, nil, "", "call", "GET", "/cli-formats/_doc/c", "--url", url); !strings.Contains(r.stdout, `"name": "Smith, J"`) {
		t.Errorf("CSV quoting: %v", r)
	}
}

func TestBulkRejectedFileAndExitCode3(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-rej", "--replicas", "0", "--body", `{"mappings":{"properties":{"n":{"type":"integer"}}}}`)
	rejected := filepath.Join(t.TempDir(), "bad.ndjson")
	input := "{\"id\":1,\"n\":1}\nnot json\n{\"id\":2,\"n\":\"abc\"}\n[1,2]\n{\"id\":3,\"n\":3}\n{\"n\":4}\n"
	r := runBin(t, nil, input, "bulk", "cli-rej", "-", "--id-field", "id", "--url", url, "--rejected", rejected, "--progress", "none")
	if r.code != 3 || !strings.Contains(r.stderr, "6 documents read from standard input: 2 indexed, 4 failed") ||
		!strings.Contains(r.stderr, "1 document_parsing_exception") || !strings.Contains(r.stderr, rejected) {
		t.Fatalf("bulk with bad lines: %v", r)
	}
	// One JSON object a line: documents with their _id and _source, other
	// records with their text.
	var got []string
	for _, f := range readRejected(t, rejected) {
		switch {
		case f.Raw != nil:
			got = append(got, fmt.Sprintf("%d raw %s", f.Record, *f.Raw))
		default:
			got = append(got, fmt.Sprintf("%d id=%s %s", f.Record, f.ID, f.Source))
		}
	}
	slices.Sort(got)
	want := []string{"2 raw not json", `3 id=2 {"id":2,"n":"abc"}`, "4 raw [1,2]", `6 id= {"n":4}`}
	if !slices.Equal(got, want) {
		t.Fatalf("rejected file:\n%s\nwant %q", got, want)
	}
	// Fixed, the file goes back in; a line still holding no document is
	// refused again, not loaded as a document.
	fixed := strings.NewReplacer(`"abc"`, "2", `{"n":4}`, `{"id":4,"n":4}`).Replace(mustRead(t, rejected))
	r = runBin(t, nil, fixed, "bulk", "cli-rej", "-", "--id-field", "id", "--url", url, "--rejected", rejected+"2")
	if r.code != 3 || !strings.Contains(r.stderr, "2 indexed, 2 failed") || !strings.Contains(r.stderr, "holds no document") {
		t.Fatalf("feeding back: %v", r)
	}
	if n := countDocs(t, url, "cli-rej"); n != 4 {
		t.Errorf("count after feeding back: %d", n)
	}
}

func TestBulkAbortSendsWhatWasRead(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-abort", nil...)
	// Records are numbered by line, blank lines included.
	input := "{\"a\":1}\n\n{\"a\":2}\nbroken\n{\"a\":4}\n"
	file := writeFile(t, "in.ndjson", []byte(input))
	r := runBin(t, nil, "", "bulk", "cli-abort", file, "--on-error", "abort", "--url", url, "--rejected", filepath.Join(t.TempDir(), "r"))
	if r.code != 1 || !strings.Contains(r.stderr, "3 documents read from "+file+": 2 indexed, 1 failed") ||
		!strings.Contains(r.stderr, "--skip 4\n") || !strings.Contains(r.stderr, "aborted at record 4") {
		t.Fatalf("abort: %v", r)
	}
	r = runBin(t, nil, "", "bulk", "cli-abort", file, "--skip", "4", "--url", url)
	if r.code != 0 || !strings.Contains(r.stderr, "1 documents read from "+file+": 1 indexed") {
		t.Fatalf("resume: %v", r)
	}
	// From standard input without ids, no exact resume exists: esgo says so.
	r = runBin(t, nil, input, "bulk", "cli-abort", "-", "--on-error", "abort", "--url", url, "--rejected", filepath.Join(t.TempDir(), "r"))
	if r.code != 1 || !strings.Contains(r.stderr, "cannot be resumed exactly") {
		t.Fatalf("abort from standard input: %v", r)
	}
}

func TestSearchOutputs(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-search", nil...)
	var docs strings.Builder
	for i := range 20 {
		fmt.Fprintf(&docs, "{\"n\": %d, \"name\": \"doc %d\", \"tags\": {\"even\": %v}}\n", i, i, i%2 == 0)
	}
	if r := runBin(t, nil, docs.String(), "bulk", "cli-search", "-", "--id-field", "n", "--url", url); r.code != 0 {
		t.Fatal(r)
	}
	runBin(t, nil, "", "call", "POST", "/cli-search/_refresh", "--url", url)
	r := runBin(t, nil, "", "search", "cli-search", "--sort", "n", "--from", "5", "-n", "2", "-o", "ndjson", "--url", url)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], `{"_index":"cli-search","_id":"5",`) {
		t.Fatalf("ndjson: %v", r)
	}
	r = runBin(t, nil, "", "search", "cli-search", "n:7", "-o", "json", "--url", url)
	var resp struct {
		Hits struct {
			Hits []struct {
				ID string `json:"_id"`
			} `json:"hits"`
		} `json:"hits"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &resp) != nil || len(resp.Hits.Hits) != 1 || resp.Hits.Hits[0].ID != "7" {
		t.Fatalf("json: %v", r)
	}
	r = runBin(t, nil, "", "search", "cli-search", "n:<2", "--sort", "n", "--fields", "name,tags.even", "--url", url)
	if r.code != 0 || !strings.Contains(r.stdout, "NAME") || !regexpMatch(`cli-search/1\s+-\s+doc 1\s+false`, r.stdout) {
		t.Fatalf("table with fields: %v", r)
	}
	if strings.Contains(r.stdout, `"n"`) {
		t.Errorf("--fields should leave other fields out: %v", r)
	}
	r = runBin(t, nil, "", "search", "cli-search", "n:<2", "--sort", "n", "-o", "csv", "--url", url)
	if r.code != 0 || r.stdout != "_index,_id,_score,n,name,tags\ncli-search,0,,0,doc 0,\"{\"\"even\"\": true}\"\ncli-search,1,,1,doc 1,\"{\"\"even\"\": false}\"\n" {
		t.Errorf("csv: %v", r)
	}
	// -o is the format everywhere, export included (never a file name).
	dir := t.TempDir()
	r = runShell(t, dir, "", "esgo export cli-search --output json --url "+url)
	if _, err := os.Stat(filepath.Join(dir, "json")); err == nil || r.code != 0 || !strings.HasPrefix(r.stdout, "[\n{") {
		t.Errorf("export --output json: %v", r)
	}
}

func TestCallTextAndHead(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-call", []string{}...)
	r := runBin(t, nil, "", "call", "GET", "/_cat/indices/cli-call?v", "--url", url)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "health status index") || !strings.Contains(r.stdout, "cli-call") {
		t.Fatalf("_cat as text: %v", r)
	}
	r = runBin(t, nil, "", "call", "GET", "/_cat/indices/cli-call?format=json", "--url", url)
	if r.code != 0 || !strings.Contains(r.stdout, `"index": "cli-call"`) {
		t.Fatalf("_cat as json: %v", r)
	}
	body := writeFile(t, "doc.json", []byte(`{"from":"a file"}`))
	if r := runBin(t, nil, "", "call", "PUT", "/cli-call/_doc/1?refresh=true", "-d", "@"+body, "--url", url); r.code != 0 || !strings.Contains(r.stdout, `"created"`) {
		t.Errorf("--data @FILE: %v", r)
	}
	if r := runBin(t, nil, "", "call", "HEAD", "/cli-call", "--url", url); r.code != 0 || strings.TrimSpace(r.stdout) != "200" {
		t.Errorf("HEAD existing: %v", r)
	}
	if r := runBin(t, nil, "", "call", "HEAD", "/cli-call-missing", "--url", url); r.code != 1 || strings.TrimSpace(r.stdout) != "404" {
		t.Errorf("HEAD missing: %v", r)
	}
	if r := runBin(t, nil, "", "call", "GET", "/cli-call-missing", "--url", url); r.code != 1 {
		t.Errorf("GET missing: %v", r)
	}
}

func TestIndexCommands(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	u := []string{"--url", url}
	step := func(want string, args ...string) {
		t.Helper()
		r := runBin(t, nil, "", append(args, u...)...)
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Fatalf("esgo %s: want %q, got %v", strings.Join(args, " "), want, r)
		}
	}
	runBin(t, nil, "", append([]string{"index", "delete", "cli-idx"}, u...)...)
	step("created cli-idx", "index", "create", "cli-idx", "--shards", "2", "--replicas", "0", "--body", `{"mappings":{"properties":{"title":{"type":"text"}}}}`)
	step("cli-idx", "index", "ls", "cli-*")
	step(`"index.number_of_shards": "2"`, "index", "settings", "cli-idx")
	step("updated the settings", "index", "settings", "cli-idx", "--set", `{"index":{"refresh_interval":"5s"}}`)
	step(`"index.refresh_interval": "5s"`, "index", "settings", "cli-idx")
	step("updated the mappings", "index", "mapping", "cli-idx", "--set", `{"properties":{"isbn":{"type":"keyword"}}}`)
	step(`"isbn"`, "index", "mapping", "cli-idx")
	step("add: cli-alias -> cli-idx", "index", "alias", "add", "cli-idx", "cli-alias")
	step("cli-alias", "index", "alias", "ls", "cli-idx")
	step("remove: cli-alias -> cli-idx", "index", "alias", "rm", "cli-idx", "cli-alias")
	step("deleted cli-idx", "index", "delete", "cli-idx")
	if r := runBin(t, nil, "", append([]string{"index", "delete", "cli-idx"}, u...)...); r.code != 1 || !strings.Contains(r.stderr, "index_not_found_exception") {
		t.Errorf("deleting a missing index: %v", r)
	}
	if r := runBin(t, nil, "", append([]string{"index", "delete", "cli-*"}, u...)...); r.code != 2 {
		t.Errorf("deleting a pattern: %v", r)
	}
}

func TestNamedClusters(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	cfg := []string{"ESGO_CONFIG=" + filepath.Join(t.TempDir(), "clusters.json"), "CLI_TEST_PW=pw-Secret-42"}
	if r := runBin(t, cfg, "", "config", "add", "here", "--url", url, "--user", "someone", "--password-env", "CLI_TEST_PW"); r.code != 0 {
		t.Fatal(r)
	}
	if r := runBin(t, cfg, "", "config", "add", "nowhere", "--url", "http://127.0.0.1:1"); r.code != 0 {
		t.Fatal(r)
	}
	r := runBin(t, cfg, "", "config", "ls")
	if r.code != 0 || !regexpMatch(`\*\s+here\s+`+url+`\s+basic \(someone\)`, r.stdout) || strings.Contains(r.stdout, "pw-Secret") {
		t.Fatalf("config ls: %v", r)
	}
	// The current cluster is used without --url (security is off, so the
	// credentials are accepted and ignored).
	if r := runBin(t, cfg, "", "call", "GET", "/_cluster/health"); r.code != 0 || !strings.Contains(r.stdout, `"status"`) {
		t.Fatalf("current cluster: %v", r)
	}
	if r := runBin(t, cfg, "", "call", "GET", "/_cluster/health", "--cluster", "nowhere"); r.code != 1 {
		t.Fatalf("--cluster nowhere: %v", r)
	}
	if r := runBin(t, cfg, "", "config", "use", "nowhere"); r.code != 0 {
		t.Fatal(r)
	}
	if r := runBin(t, cfg, "", "call", "GET", "/_cluster/health", "--cluster", "here"); r.code != 0 {
		t.Fatalf("--cluster here: %v", r)
	}
	if r := runBin(t, append(cfg, "ELASTICSEARCH_URL="+url), "", "call", "GET", "/_cluster/health"); r.code != 0 {
		t.Fatalf("$ELASTICSEARCH_URL over the current cluster: %v", r)
	}
	if r := runBin(t, cfg, "", "call", "GET", "/", "--cluster", "nope"); r.code != 1 || !strings.Contains(r.stderr, "no such cluster") {
		t.Fatalf("unknown cluster: %v", r)
	}
}
