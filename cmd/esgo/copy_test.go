package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/internal/faultproxy"
)

// definition returns the mappings, the settings that are not the
// server's, and the aliases of index, as esgo index prints them.
func definition(t *testing.T, url, index string) (mappings string, settings map[string]any, aliases []string) {
	t.Helper()
	r := runBin(t, nil, "", "index", "mapping", index, "--url", url)
	var m map[string]json.RawMessage
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &m) != nil {
		t.Fatalf("mapping: %v", r)
	}
	mappings = string(m[index])
	r = runBin(t, nil, "", "index", "settings", index, "--url", url)
	var s map[string]struct {
		Settings map[string]any `json:"settings"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &s) != nil {
		t.Fatalf("settings: %v", r)
	}
	settings = s[index].Settings
	for _, k := range []string{"index.uuid", "index.creation_date", "index.provided_name", "index.version.created", "index.routing.allocation.include._tier_preference"} {
		delete(settings, k)
	}
	r = runBin(t, nil, "", "index", "alias", "ls", index, "-o", "json", "--url", url)
	var rows []map[string]string
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &rows) != nil {
		t.Fatalf("aliases: %v", r)
	}
	for _, row := range rows {
		aliases = append(aliases, row["alias"])
	}
	return mappings, settings, aliases
}

// TestCopyReproducesAnIndex copies an index with a keyword field, a custom
// date format, an analyzer, 2 shards, a filtered alias and a routed
// document, on the same cluster and to another one: the copy has the same
// mappings, settings, aliases and documents (ids, routing, sources).
func TestCopyReproducesAnIndex(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-copy-src", "--shards", "2", "--replicas", "0", "--body",
		`{"settings":{"refresh_interval":"7s","analysis":{"analyzer":{"my":{"type":"custom","tokenizer":"standard","filter":["lowercase"]}}}},`+
			`"mappings":{"properties":{"k":{"type":"keyword"},"d":{"type":"date","format":"dd/MM/yyyy"},"t":{"type":"text","analyzer":"my"}}},`+
			`"aliases":{"cli-copy-alias":{"filter":{"term":{"k":"a"}}}}}`)
	freshIndex(t, url, "cli-copy-dst", nil...)
	var docs strings.Builder
	docs.WriteString(`{"_id":"r1","_routing":"x","_source":{"k":"a","d":"01/02/2020","t":"Hello"}}` + "\n")
	for i := range 300 {
		docs.WriteString(`{"_id":"` + itoa(i) + `","_source":{"k":"b","d":"03/04/2021","t":"World"}}` + "\n")
	}
	if r := runBin(t, nil, docs.String(), "bulk", "cli-copy-src", "-", "--url", url, "--refresh"); r.code != 0 {
		t.Fatal(r)
	}
	r := runBin(t, nil, "", "copy", "cli-copy-src", "cli-copy-dst", "--url", url, "--aliases", "always")
	if r.code != 0 || !strings.Contains(r.stderr, "301 documents copied") {
		t.Fatalf("copy: %v", r)
	}
	srcMap, srcSet, srcAliases := definition(t, url, "cli-copy-src")
	dstMap, dstSet, dstAliases := definition(t, url, "cli-copy-dst")
	if srcMap != dstMap {
		t.Errorf("mappings:\n%s\n%s", srcMap, dstMap)
	}
	sb, _ := json.Marshal(srcSet)
	db, _ := json.Marshal(dstSet)
	if string(sb) != string(db) {
		t.Errorf("settings:\n%s\n%s", sb, db)
	}
	if !slices.Equal(srcAliases, []string{"cli-copy-alias"}) || !slices.Equal(dstAliases, srcAliases) {
		t.Errorf("aliases: %v %v", srcAliases, dstAliases)
	}
	if a, b := exportLines(t, url, "cli-copy-src"), exportLines(t, url, "cli-copy-dst"); !slices.Equal(a, b) || len(a) != 301 {
		t.Errorf("documents differ: %d and %d", len(a), len(b))
	}

	// An existing DEST is refused; --resume sends everything again, and
	// nothing is duplicated.
	r = runBin(t, nil, "", "copy", "cli-copy-src", "cli-copy-dst", "--url", url)
	if r.code != 1 || !strings.Contains(r.stderr, "--resume") {
		t.Fatalf("copy onto an existing index: %v", r)
	}
	r = runBin(t, nil, "", "copy", "cli-copy-src", "cli-copy-dst", "--url", url, "--resume", "--aliases", "never")
	if r.code != 0 || countDocs(t, url, "cli-copy-dst") != 301 {
		t.Fatalf("--resume: %v", r)
	}

	// To another cluster (8.19.21): the aliases come along by default.
	url8 := eslocaltest.Elasticsearch8(t).URL()
	freshIndex(t, url8, "cli-copy-dst", nil...)
	runBin(t, nil, "", "index", "delete", "cli-copy-alias", "--url", url8)
	r = runBin(t, nil, "", "copy", "cli-copy-src", "cli-copy-dst", "--url", url, "--to-url", url8)
	if r.code != 0 || !strings.Contains(r.stderr, "aliases copied: 1") {
		t.Fatalf("copy to another cluster: %v", r)
	}
	otherMap, _, otherAliases := definition(t, url8, "cli-copy-dst")
	if otherMap != srcMap || !slices.Equal(otherAliases, srcAliases) {
		t.Errorf("on the other cluster: %s %v", otherMap, otherAliases)
	}
	if a, b := exportLines(t, url, "cli-copy-src"), exportLines(t, url8, "cli-copy-dst"); !slices.Equal(a, b) {
		t.Errorf("documents differ on the other cluster")
	}
}

// TestIndexMappingOutputCreatesAnIndex: what esgo index mapping prints is
// a body esgo index create takes.
func TestIndexMappingOutputCreatesAnIndex(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-def-src", "--replicas", "0", "--body", `{"mappings":{"properties":{"k":{"type":"keyword"},"d":{"type":"date","format":"dd/MM/yyyy"}}}}`)
	freshIndex(t, url, "cli-def-dst", nil...)
	r := runBin(t, nil, "", "index", "mapping", "cli-def-src", "--url", url)
	if r.code != 0 {
		t.Fatal(r)
	}
	if r := runBin(t, nil, r.stdout, "index", "create", "cli-def-dst", "--body", "-", "--url", url); r.code != 0 {
		t.Fatalf("index create --body from index mapping: %v", r)
	}
	a, _, _ := definition(t, url, "cli-def-src")
	b, _, _ := definition(t, url, "cli-def-dst")
	if a != b {
		t.Errorf("mappings:\n%s\n%s", a, b)
	}
}

// TestExportDefinitionThenBulk: export writes the index definition next to
// the documents; bulk --definition creates the target from it (and sets
// its refresh_interval and replicas back after the load).
func TestExportDefinitionThenBulk(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	freshIndex(t, url, "cli-defx-src", "--shards", "2", "--replicas", "0", "--body",
		`{"settings":{"refresh_interval":"9s"},"mappings":{"properties":{"k":{"type":"keyword"},"d":{"type":"date","format":"dd/MM/yyyy"}}}}`)
	freshIndex(t, url, "cli-defx-dst", nil...)
	if r := runBin(t, nil, `{"_id":"a","_source":{"k":"x","d":"01/01/2020"}}`+"\n", "bulk", "cli-defx-src", "-", "--url", url, "--refresh"); r.code != 0 {
		t.Fatal(r)
	}
	dir := t.TempDir()
	r := runShell(t, dir, "", "esgo export cli-defx-src --definition def.json -O docs.ndjson --url "+url+" && esgo bulk cli-defx-dst docs.ndjson --definition def.json --url "+url)
	if r.code != 0 || !strings.Contains(r.stderr, "created cli-defx-dst from the definition") {
		t.Fatalf("export --definition | bulk --definition: %v", r)
	}
	a, as, _ := definition(t, url, "cli-defx-src")
	b, bs, _ := definition(t, url, "cli-defx-dst")
	sa, _ := json.Marshal(as)
	sb, _ := json.Marshal(bs)
	if a != b || string(sa) != string(sb) {
		t.Errorf("definitions differ:\n%s %s\n%s %s", a, sa, b, sb)
	}
	if n := countDocs(t, url, "cli-defx-dst"); n != 1 {
		t.Errorf("%d documents", n)
	}
}

// TestCopySeveralIndices copies a list with a pattern to {index} names
// through a proxy that stalls the second index's bulk requests, interrupts
// the copy, and follows the printed resume command literally: the
// interrupted index got its refresh_interval and replicas back at once, the
// command names only what was not copied, and at the end every copy has
// its source's mappings, settings and documents. Refusals come first: a
// pattern into one DEST, a DEST that is its source, a pattern matching
// nothing.
func TestCopySeveralIndices(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	sources := map[string][]string{
		"cli-mcopy-one": {"--shards", "2", "--replicas", "0", "--body", `{"mappings":{"properties":{"k":{"type":"keyword"}}}}`},
		"cli-mcopy-src-a": {"--replicas", "1", "--body", `{"settings":{"refresh_interval":"7s","analysis":{"analyzer":{"my":{"type":"custom","tokenizer":"standard","filter":["lowercase"]}}}},` +
			`"mappings":{"properties":{"t":{"type":"text","analyzer":"my"},"d":{"type":"date","format":"dd/MM/yyyy"}}}}`},
		"cli-mcopy-src-b": {"--shards", "3", "--replicas", "0", "--body", `{"mappings":{"properties":{"n":{"type":"long"}}}}`},
	}
	names := []string{"cli-mcopy-one", "cli-mcopy-src-a", "cli-mcopy-src-b"}
	for _, name := range names {
		freshIndex(t, url, name, sources[name]...)
		freshIndex(t, url, "cli-mcopy-dst-"+name, nil...)
		t.Cleanup(func() {
			runBin(t, nil, "", "index", "delete", name, "--url", url)
			runBin(t, nil, "", "index", "delete", "cli-mcopy-dst-"+name, "--url", url)
		})
		var docs strings.Builder
		docs.WriteString(`{"_id":"r","_routing":"x","_source":{"k":"a","t":"Routed","d":"01/02/2020","n":1}}` + "\n")
		for i := range 200 {
			fmt.Fprintf(&docs, `{"_id":"%s-%d","_source":{"k":"b","t":"Hello %d","d":"03/04/2021","n":%d}}`+"\n", name, i, i, 12345678901234567+i)
		}
		if r := runBin(t, nil, docs.String(), "bulk", name, "-", "--url", url, "--refresh"); r.code != 0 {
			t.Fatal(r)
		}
	}

	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"cli-mcopy-src-*", "cli-mcopy-x"}, 2, "would all go to cli-mcopy-x"},
		{[]string{"cli-mcopy-one,cli-mcopy-src-*", "{index}"}, 2, "is its source index on the same cluster"},
		{[]string{"cli-mcopy-src-*", "cli-mcopy-{name}"}, 2, "the only placeholder is {index}"},
		{[]string{"cli-mcopy-src-*", "x-*"}, 2, "must be one index name"},
		{[]string{"cli-mcopy-none-*", "{index}-x"}, 1, "names no open index"},
	} {
		r := runBin(t, nil, "", append([]string{"copy", "--url", url}, c.args...)...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) {
			t.Errorf("copy %v: want exit %d and %q, got %v", c.args, c.code, c.want, r)
		}
	}
	if r := runBin(t, nil, "", "index", "ls", "cli-mcopy-x", "--url", url); r.code == 0 && strings.Contains(r.stdout, "cli-mcopy-x") {
		t.Errorf("a refused copy created its DEST: %v", r)
	}

	proxy, err := faultproxy.New(strings.TrimPrefix(url, "http://"), func(x *faultproxy.Exchange) faultproxy.Action {
		if strings.Contains(x.Path, "cli-mcopy-dst-cli-mcopy-src-a") && strings.HasSuffix(x.Path, "/_bulk") {
			return faultproxy.Stall
		}
		return faultproxy.Pass
	})
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	cmd := exec.Command(esgoBin, "copy", "cli-mcopy-src-*,cli-mcopy-one", "cli-mcopy-dst-{index}", "--url", url,
		"--to-url", proxy.URL(), "--aliases", "never", "--workers", "1")
	cmd.Env = cleanEnv()
	var errb syncBuffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	kill := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
	defer kill.Stop()
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	for proxy.Count(faultproxy.Stall) == 0 {
		select {
		case <-exited:
			t.Fatalf("the copy ended before its second index (exit %d):\n%s", cmd.ProcessState.ExitCode(), errb.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	// During the load: no refresh, no replica.
	if _, s, _ := definition(t, url, "cli-mcopy-dst-cli-mcopy-src-a"); s["index.refresh_interval"] != "-1" || s["index.number_of_replicas"] != "0" ||
		s["index.translog.durability"] != "async" {
		t.Errorf("settings during the load: %v", s)
	}
	cmd.Process.Signal(syscall.SIGINT)
	<-exited
	out := errb.String()
	if cmd.ProcessState.ExitCode() != 130 {
		t.Fatalf("exit %d:\n%s", cmd.ProcessState.ExitCode(), out)
	}
	if _, s, _ := definition(t, url, "cli-mcopy-dst-cli-mcopy-src-a"); s["index.refresh_interval"] != "7s" || s["index.number_of_replicas"] != "1" ||
		s["index.translog.durability"] != nil {
		t.Errorf("settings after the interruption: %v", s)
	}
	hint := hintAfter(t, out, "finish it with:")
	want := "esgo copy cli-mcopy-src-a,cli-mcopy-src-b 'cli-mcopy-dst-{index}' --url " + url + " --to-url " + proxy.URL() + " --aliases never --resume"
	if hint != want {
		t.Fatalf("resume command:\n%s\nwant\n%s\n%s", hint, want, out)
	}
	proxy.SetRule(nil)
	r := runShell(t, t.TempDir(), "", hint)
	if r.code != 0 || strings.Contains(r.stderr, "cli-mcopy-one") || !strings.Contains(r.stderr, "resuming the copy of cli-mcopy-src-a") ||
		!strings.Contains(r.stderr, "created cli-mcopy-dst-cli-mcopy-src-b") {
		t.Fatalf("following %s: %v", hint, r)
	}
	for _, name := range names {
		srcMap, srcSet, _ := definition(t, url, name)
		dstMap, dstSet, _ := definition(t, url, "cli-mcopy-dst-"+name)
		sb, _ := json.Marshal(srcSet)
		db, _ := json.Marshal(dstSet)
		if srcMap != dstMap || string(sb) != string(db) {
			t.Errorf("%s: definitions differ:\n%s %s\n%s %s", name, srcMap, sb, dstMap, db)
		}
		if a, b := exportLines(t, url, name), exportLines(t, url, "cli-mcopy-dst-"+name); !slices.Equal(a, b) || len(a) != 201 {
			t.Errorf("%s: documents differ: %d and %d", name, len(a), len(b))
		}
	}
}

// TestCopyTemplatesToAnotherCluster: a copy to another cluster brings the
// index templates that match the source, with their component templates,
// and leaves a template the destination already has as it is.
func TestCopyTemplatesToAnotherCluster(t *testing.T) {
	url := eslocaltest.Elasticsearch(t).URL()
	url8 := eslocaltest.Elasticsearch8(t).URL()
	call := func(u, method, path, body string) result {
		t.Helper()
		args := []string{"call", method, path, "--url", u}
		if body != "" {
			args = append(args, "--data", body)
		}
		return runBin(t, nil, "", args...)
	}
	cleanup := func() {
		for _, u := range []string{url, url8} {
			// One by one: a list with one missing name deletes none.
			for _, name := range []string{"cli-tpl-a", "cli-tpl-b", "cli-tpl-other"} {
				call(u, "DELETE", "/_index_template/"+name, "")
			}
			call(u, "DELETE", "/_component_template/cli-tpl-comp", "")
			runBin(t, nil, "", "index", "delete", "cli-tpl-src", "--url", u)
			runBin(t, nil, "", "index", "delete", "cli-tpl-dst", "--url", u)
		}
	}
	cleanup()
	t.Cleanup(cleanup)
	for _, c := range [][3]string{
		{"PUT", "/_component_template/cli-tpl-comp", `{"template":{"mappings":{"properties":{"k":{"type":"keyword"}}}}}`},
		{"PUT", "/_index_template/cli-tpl-a", `{"index_patterns":["cli-tpl-s*"],"composed_of":["cli-tpl-comp"],"priority":71,"template":{"settings":{"number_of_shards":2}},"_meta":{"team":"x"}}`},
		{"PUT", "/_index_template/cli-tpl-b", `{"index_patterns":["cli-tpl-src"],"priority":72,"template":{"aliases":{"cli-tpl-alias":{}}}}`},
		{"PUT", "/_index_template/cli-tpl-other", `{"index_patterns":["cli-tpl-nothing-*"],"priority":73}`},
	} {
		if r := call(url, c[0], c[1], c[2]); r.code != 0 {
			t.Fatalf("%s %s: %v", c[0], c[1], r)
		}
	}
	// On the destination, cli-tpl-b exists already, with other contents.
	if r := call(url8, "PUT", "/_index_template/cli-tpl-b", `{"index_patterns":["cli-tpl-src"],"priority":74}`); r.code != 0 {
		t.Fatal(r)
	}
	if r := runBin(t, nil, `{"_id":"1","_source":{"k":"a"}}`+"\n", "bulk", "cli-tpl-src", "-", "--url", url, "--refresh"); r.code != 0 {
		t.Fatal(r)
	}

	// The same cluster: no template is touched.
	r := runBin(t, nil, "", "copy", "cli-tpl-src", "cli-tpl-dst", "--url", url)
	if r.code != 0 || strings.Contains(r.stderr, "template") {
		t.Fatalf("copy on the same cluster: %v", r)
	}

	r = runBin(t, nil, "", "copy", "cli-tpl-src", "cli-tpl-dst", "--url", url, "--to-url", url8)
	if r.code != 0 {
		t.Fatalf("copy to another cluster: %v", r)
	}
	for _, want := range []string{"component template cli-tpl-comp copied", "index template cli-tpl-a copied", "index template cli-tpl-b exists on the destination: left as it is"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "cli-tpl-other") {
		t.Errorf("a template that matches no source was copied:\n%s", r.stderr)
	}
	type tpl struct {
		IndexTemplates []struct {
			Name          string         `json:"name"`
			IndexTemplate map[string]any `json:"index_template"`
		} `json:"index_templates"`
	}
	read := func(u, name string) map[string]any {
		t.Helper()
		r := call(u, "GET", "/_index_template/"+name, "")
		var got tpl
		if r.code != 0 || json.Unmarshal([]byte(r.stdout), &got) != nil || len(got.IndexTemplates) != 1 {
			t.Fatalf("reading %s: %v", name, r)
		}
		m := got.IndexTemplates[0].IndexTemplate
		for _, f := range readOnlyTemplateFields {
			delete(m, f)
		}
		return m
	}
	a, a8 := read(url, "cli-tpl-a"), read(url8, "cli-tpl-a")
	if ab, a8b := fmt.Sprint(a), fmt.Sprint(a8); ab != a8b {
		t.Errorf("cli-tpl-a:\n%s\n%s", ab, a8b)
	}
	if p := fmt.Sprint(read(url8, "cli-tpl-b")["priority"]); p != "74" {
		t.Errorf("the destination's own cli-tpl-b was replaced: priority %s", p)
	}
	if r := call(url8, "GET", "/_component_template/cli-tpl-comp", ""); r.code != 0 || !strings.Contains(r.stdout, `"keyword"`) {
		t.Errorf("component template on the destination: %v", r)
	}
	if r := call(url8, "GET", "/_index_template/cli-tpl-other", ""); r.code == 0 {
		t.Errorf("cli-tpl-other is on the destination: %v", r)
	}

	// Again with --resume: the templates are there, left as they are.
	r = runBin(t, nil, "", "copy", "cli-tpl-src", "cli-tpl-dst", "--url", url, "--to-url", url8, "--resume")
	if r.code != 0 || !strings.Contains(r.stderr, "index template cli-tpl-a exists on the destination") {
		t.Fatalf("--resume: %v", r)
	}
	// --templates never, and a bad value refused before any request.
	if r := runBin(t, nil, "", "copy", "cli-tpl-src", "cli-tpl-dst", "--url", url, "--to-url", url8, "--resume", "--templates", "never"); r.code != 0 || strings.Contains(r.stderr, "template") {
		t.Errorf("--templates never: %v", r)
	}
	if r := runBin(t, nil, "", "copy", "cli-tpl-src", "cli-tpl-dst", "--url", url, "--templates", "always"); r.code != 2 || !strings.Contains(r.stderr, "--templates must be auto or never") {
		t.Errorf("--templates always: %v", r)
	}
}

// TestSimpleMatch checks Elasticsearch's simple wildcard patterns.
func TestSimpleMatch(t *testing.T) {
	for _, c := range []struct {
		p, s string
		want bool
	}{
		{"logs-*", "logs-a", true}, {"logs-*", "logs-", true}, {"logs-*", "log", false},
		{"*", "", true}, {"a*b*c", "abc", true}, {"a*b*c", "axxbyyc", true}, {"a*b*c", "acb", false},
		{"*-2024", "x-2024", true}, {"a*a", "a", false}, {"abc", "abc", true}, {"abc", "abd", false},
		{"**", "x", true}, {"a*", "b", false},
	} {
		if got := simpleMatch(c.p, c.s); got != c.want {
			t.Errorf("simpleMatch(%q, %q) = %v", c.p, c.s, got)
		}
	}
}
