package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/esgo/esgo/eslocal/eslocaltest"
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
