package yamltest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/esgo/esgo/transport"
)

// scripted answers requests by method and path and records them.
type scripted struct {
	answers map[string]answer
	reqs    []*transport.Request
	// nodes is the answer to GET /_nodes/_local (default: nodesInfo).
	nodes string
}

// nodesInfo describes a 9.5.3 node with the minimal zip's modules and
// security off, as _nodes does.
const nodesInfo = `{"nodes":{"n1":{"version":"9.5.3","build_flavor":"default",
	"settings":{"xpack.security.enabled":"false","path.repo":"/tmp/r"},
	"modules":[{"name":"apm"},{"name":"transport-netty4"},{"name":"x-pack-core"},{"name":"x-pack-security"}]}}}`

type answer struct {
	status int
	body   string
	ctype  string
	allow  string // the Allow header (OPTIONS)
}

func (s *scripted) Perform(_ context.Context, req *transport.Request) (*transport.Response, error) {
	s.reqs = append(s.reqs, req)
	a, ok := s.answers[req.Method+" "+req.Path]
	if !ok {
		a = answer{status: 200, body: "{}"}
		switch {
		case req.Path == "/_cat/indices":
			a.body = "[]"
		case req.Path == "/_nodes/_local":
			a.body = s.nodes
			if a.body == "" {
				a.body = nodesInfo
			}
		case req.Method == http.MethodOptions:
			a.allow = "GET,PUT,POST,DELETE,HEAD"
		}
	}
	h := http.Header{}
	if a.allow != "" {
		h.Set("Allow", a.allow)
	}
	ct := a.ctype
	if ct == "" {
		ct = "application/json"
	}
	h.Set("Content-Type", ct)
	return &transport.Response{StatusCode: a.status, Header: h, Body: io.NopCloser(strings.NewReader(a.body))}, nil
}

func runOne(t *testing.T, tr *scripted, src string) []Result {
	t.Helper()
	s, err := Parse("t.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r := New(tr, nil)
	var out []Result
	for _, test := range s.Tests {
		out = append(out, r.Run(context.Background(), s, test))
	}
	return out
}

func TestStepsPassAndFail(t *testing.T) {
	tr := &scripted{answers: map[string]answer{
		"PUT /books/_doc/1": {200, `{"_index":"books","_id":"1","_version":1,"result":"created","_seq_no":12345678901234567}`, "", ""},
		"PUT /books/_doc/3": {200, `{"_index":"books","_id":"3","_version":1,"result":"created","extra_member":1}`, "", ""},
		"GET /books/_doc/2": {200, `{"_index":"books","_id":"2","found":true,"_source":{"hits":{"hits":[{"_source":{"name":"Go"}}]},"list":[{"a":1,"b":2},{"a":3}],"n":2.5}}`, "", ""},
		"GET /books/_doc/1": {404, `{"found":false,"_id":"1"}`, "", ""},
		"GET /_cat/count":   {200, "1700000000 10:00:00 3\n", "text/plain", ""},
	}}
	results := runOne(t, tr, `
---
"all steps pass":
  - do:
      index: {index: books, id: "1", body: {name: Go}, refresh: true}
  - match: {result: created}
  - match: {_seq_no: 12345678901234567}
  - set: {_id: id}
  - match: {_id: $id}
  - is_true: _version
  - is_false: missing_field
  - transform_and_set: {creds: "#base64EncodeCredentials(_id,result)"}
  - do:
      get: {index: books, id: "2"}
  - match:
      _source.hits.hits.0._source.name: |
        /^G  o   # a comment
         $/
  - match: {_source.hits.hits.0._source.name: "/(?i)^g/"}
  - length: {_source.list: 2}
  - contains: {_source.list: {a: 3}}
  - gt: {_source.n: 2}
  - lte: {_source.n: 2.5}
  - exists: _source.list.1.a
  - do:
      catch: missing
      get: {index: books, id: $id}
  - match: {found: false}
  - do:
      cat.count: {}
  - match: {$body: "/\\d+\\n/"}
---
"a mismatch fails":
  - do:
      index: {index: books, id: "1", body: {}}
  - match: {result: updated}
---
"an unexpected error fails":
  - do:
      get: {index: books, id: "1"}
---
"a catch that does not happen fails":
  - do:
      catch: conflict
      index: {index: books, id: "1", body: {}}
---
"a value the typed response cannot hold fails":
  - do:
      index: {index: books, id: "3", body: {}}
  - match: {extra_member: 1}
`)
	want := []Outcome{Passed, Failed, Failed, Failed, Failed}
	for i, r := range results {
		if r.Outcome != want[i] {
			t.Errorf("%s: %s (%s), want %s", r.Test, r.Outcome, r.Reason, want[i])
		}
	}
	if r := results[4]; !strings.Contains(r.Reason, "typed response of index") {
		t.Errorf("typed check reason: %s", r.Reason)
	}
	// The first index request carried its parameters and body.
	var idx *transport.Request
	for _, req := range tr.reqs {
		if req.Method == "PUT" && req.Path == "/books/_doc/1" {
			idx = req
			break
		}
	}
	if idx == nil || idx.Query.Get("refresh") != "true" {
		t.Fatalf("index request = %+v", idx)
	}
	if b, _ := json.Marshal(idx.Body); string(b) != `{"name":"Go"}` {
		t.Errorf("body = %s", b)
	}
}

func TestMissingFeaturesSkip(t *testing.T) {
	tr := &scripted{answers: map[string]answer{
		"GET /_ml/info":                    {400, `{"error":"no handler found for uri [/_ml/info] and method [GET]"}`, "", ""},
		"GET /":                            {405, `{"error":"Incorrect HTTP method for uri [/] and method [GET], allowed: [DELETE]","status":405}`, "", ""},
		"PUT /_security/user/joe":          {400, `{"error":"no handler found for uri [/_security/user/joe] and method [PUT]"}`, "", ""},
		"PUT /_index_template/t":           {400, `{"error":{"type":"illegal_argument_exception","reason":"composable template [t] template after composition is invalid"}}`, "", ""},
		"POST /_scripts/painless/_execute": {400, `{"error":{"reason":"unable to put stored script with unsupported lang [painless]"}}`, "", ""},
		"POST /_snapshot/r/_analyze":       {400, `{"error":{"type":"invalid_snapshot_name_exception","reason":"[r:_analyze] Invalid snapshot name [_analyze], must not start with '_'"}}`, "", ""},
		"PUT /_snapshot/r/_bad":            {400, `{"error":{"type":"invalid_snapshot_name_exception","reason":"[r:_bad] Invalid snapshot name [_bad], must not start with '_'"}}`, "", ""},
	}}
	results := runOne(t, tr, `
---
"ml":
  - do: {ml.info: {}}
---
"info":
  - do: {info: {}}
---
"security":
  - do:
      security.put_user: {username: joe, body: {password: x}}
---
"a real 400 is a failure":
  - do:
      indices.put_index_template: {name: t, body: {}}
---
"painless":
  - do:
      scripts_painless_execute: {body: {script: {source: "1"}}}
---
"repository analysis module missing":
  - do:
      snapshot.repository_analyze: {repository: r}
---
"a user's bad snapshot name is a failure":
  - do:
      snapshot.create: {repository: r, snapshot: _bad}
`)
	want := []Outcome{Skipped, Skipped, Skipped, Failed, Skipped, Skipped, Failed}
	if len(results) != len(want) {
		t.Fatalf("%d results", len(results))
	}
	for i, r := range results {
		if r.Outcome != want[i] {
			t.Errorf("%s: %s (%s), want %s", r.Test, r.Outcome, r.Reason, want[i])
		}
		if r.Outcome == Skipped && r.Reason == "" {
			t.Errorf("%s: skipped without a reason", r.Test)
		}
	}
	for i, want := range map[int]string{0: "module x-pack-ml (for API ml.info)", 1: "module rest-root", 2: "security is disabled",
		4: "module lang-painless", 5: "module snapshot-repo-test-kit"} {
		if !strings.Contains(results[i].Reason, want) {
			t.Errorf("%s: skip reason %q does not name %q", results[i].Test, results[i].Reason, want)
		}
	}
}

// Whether a route exists is the server's answer to OPTIONS, not an error
// text: no route for the method is a skip, a refused request on a route
// the server has is a failure.
func TestRoutesFromOptions(t *testing.T) {
	tr := &scripted{answers: map[string]answer{
		"POST /_new_api/x":    {400, `{"error":"whatever the server says"}`, "", ""},
		"OPTIONS /_new_api/x": {400, `{"error":"whatever"}`, "", ""},
		"GET /_other/x":       {405, `{}`, "", ""},
		"OPTIONS /_other/x":   {200, ``, "", "DELETE"},
		"PUT /idx":            {400, `{"error":{"type":"mapper_parsing_exception"}}`, "", ""},
		"OPTIONS /idx":        {200, ``, "", "GET,PUT,POST,DELETE,HEAD"},
		"GET /_alias/x":       {400, `{"error":"anything"}`, "", ""},
		"OPTIONS /_alias/x":   {400, `{"error":"anything"}`, "", ""},
	}}
	results := runOne(t, tr, `
---
"no route at all":
  - do: {indices.get_alias: {name: x}}
---
"index refused on a route the server has":
  - do: {indices.create: {index: idx}}
`)
	if results[0].Outcome != Skipped || !strings.Contains(results[0].Reason, "no GET route for /_alias/x") {
		t.Errorf("no route: %s (%s), want a skip naming the route", results[0].Outcome, results[0].Reason)
	}
	r := New(tr, nil)
	srv, err := r.Server(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		method, path string
		want         bool
	}{{"POST", "/_new_api/x", false}, {"GET", "/_other/x", false}, {"DELETE", "/_other/x", true}, {"PUT", "/idx", true}} {
		if ok, methods, err := srv.Allows(context.Background(), c.method, c.path); err != nil || ok != c.want {
			t.Errorf("Allows(%s %s) = %v %v %v, want %v", c.method, c.path, ok, methods, err, c.want)
		}
	}
	if results[1].Outcome != Failed {
		t.Errorf("a refused index creation: %s (%s), want failed", results[1].Outcome, results[1].Reason)
	}
}

// The server's own facts decide: its version for skip ranges, its modules
// for contains, and a query that would kill a node without ML is never sent.
func TestServerFactsDecide(t *testing.T) {
	tr := &scripted{nodes: `{"nodes":{"n":{"version":"8.19.21","settings":{"xpack.security.enabled":"false"},
		"modules":[{"name":"x-pack-core"},{"name":"x-pack-esql"},{"name":"x-pack-esql-core"}]}}}`,
		answers: map[string]answer{"GET /_nodes": {200, `{"nodes":{"n":{"modules":[{"name":"x-pack-core"}]}}}`, "", ""}}}
	results := runOne(t, tr, `
---
"skipped on 8.x":
  - skip: {version: " - 8.99.99", reason: "9.x only"}
  - do: {indices.create: {index: never}}
---
"categorize":
  - do:
      esql.query: {body: {query: "FROM logs | STATS c = COUNT(*) BY k = CATEGORIZE(message)"}}
---
"change point":
  - do:
      esql.query: {body: {query: "FROM logs | CHANGE_POINT v ON t"}}
---
"module listed":
  - do: {nodes.info: {}}
  - contains: {nodes.n.modules: {name: x-pack-core}}
---
"module not listed":
  - do: {nodes.info: {}}
  - contains: {nodes.n.modules: {name: x-pack-ent-search}}
---
"create_from keeps its source":
  - do: {indices.create_from: {source: src, dest: dst}}
`)
	want := []Outcome{Skipped, Skipped, Skipped, Passed, Skipped, Passed}
	for i, r := range results {
		if r.Outcome != want[i] {
			t.Errorf("%s: %s (%s), want %s", r.Test, r.Outcome, r.Reason, want[i])
		}
	}
	if !strings.Contains(results[1].Reason, "x-pack-ml") || !strings.Contains(results[4].Reason, "x-pack-ent-search") {
		t.Errorf("reasons: %q, %q", results[1].Reason, results[4].Reason)
	}
	var sawCreateFrom bool
	for _, req := range tr.reqs {
		if req.Path == "/_query" {
			t.Errorf("a query with CATEGORIZE or CHANGE_POINT was sent")
		}
		if req.Path == "/_create_from/src/dst" && req.Query.Get("source") == "" {
			sawCreateFrom = true
		}
		if req.Path == "/_indices/never" || req.Path == "/never" {
			t.Errorf("a step after a version skip ran")
		}
	}
	if !sawCreateFrom {
		t.Errorf("indices.create_from did not go to /_create_from/src/dst: %v", paths(tr.reqs))
	}
}

func paths(reqs []*transport.Request) []string {
	var out []string
	for _, r := range reqs {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

func TestStashInterpolation(t *testing.T) {
	s := stash{"id": "abc", "n": int64(3), "obj": map[string]any{"k": "v"}}
	got, err := s.resolve(map[string]any{"a": "$id", "b": "x-${id}-y", "c": []any{"$n"}, "d": "$obj", "$id": 1})
	if err != nil {
		t.Fatal(err)
	}
	m := got.(map[string]any)
	if m["a"] != "abc" || m["b"] != "x-abc-y" || m["c"].([]any)[0] != int64(3) || m["d"].(map[string]any)["k"] != "v" || m["abc"] != 1 {
		t.Errorf("resolve = %#v", got)
	}
	if _, err := s.resolve("$nope"); err == nil {
		t.Error("unknown stash name resolved")
	}
	v, ok, err := s.lookup(map[string]any{"nodes": map[string]any{"abc": map[string]any{"x.y": 1}}}, `nodes.$id.x\.y`)
	if err != nil || !ok || v != 1 {
		t.Errorf("lookup = %v %v %v", v, ok, err)
	}
}

func TestRegexWithComments(t *testing.T) {
	re, err := compileRegex(`/
	  ^ \d+ \s+     # epoch
	  [0-9:]+ \ +   # time, then an escaped space
	  [a-z#]+ $     # class keeps its #
	/`)
	if err != nil {
		t.Fatal(err)
	}
	if !re.MatchString("12 10:00:00  ab#c") {
		t.Errorf("regex %s does not match", re)
	}
	if re.MatchString("x 10:00:00 abc") {
		t.Errorf("regex %s matches a bad line", re)
	}
}

func TestEqualNumbers(t *testing.T) {
	for _, tc := range []struct {
		exp, act any
		want     bool
	}{
		{int64(1), json.Number("1"), true},
		{int64(1), json.Number("1.0"), true},
		{1.5, json.Number("1.5"), true},
		{int64(2), json.Number("3"), false},
		{"1", json.Number("1"), true},
		{"a", "a", true},
		{nil, nil, true},
		{map[string]any{"a": int64(1)}, map[string]any{"a": json.Number("1")}, true},
		{map[string]any{"a": int64(1)}, map[string]any{"a": json.Number("1"), "b": true}, false},
		{[]any{"x"}, []any{"x", "y"}, false},
	} {
		if got := equal(tc.exp, tc.act); got != tc.want {
			t.Errorf("equal(%#v, %#v) = %v", tc.exp, tc.act, got)
		}
	}
}

func TestParseFileShape(t *testing.T) {
	s, err := Parse("x.yml", []byte(`---
requires:
  stack: true
---
setup:
  - do: {indices.create: {index: a}}
---
teardown:
  - do: {indices.delete: {index: a}}
---
"one":
  - is_true: ''
---
"two":
  - skip: {features: no_such_feature}
`))
	if err != nil {
		t.Fatal(err)
	}
	if s.Requires["stack"] != true || len(s.Setup) != 1 || len(s.Teardown) != 1 || len(s.Tests) != 2 || s.Tests[1].Name != "two" {
		t.Fatalf("suite = %+v", s)
	}
	if err := skipStep(s.Tests[1].Steps[0].Args, "9.5.3"); err == nil || !strings.Contains(err.Error(), "no_such_feature") {
		t.Errorf("skip step = %v", err)
	}
}

func TestSummary(t *testing.T) {
	var b strings.Builder
	if err := WriteSummary(&b, []Result{
		{File: "a.yml", Test: "x", Outcome: Passed},
		{File: "a.yml", Test: "y", Outcome: Failed, Reason: "boom | bang"},
		{File: "b.yml", Test: "z", Outcome: Skipped, Reason: "ml missing"},
	}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"| passed | 1 |", "| failed | 1 |", "| skipped | 1 |", `boom \| bang`, "| ml missing | b.yml: z |"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

// Servers with the _capabilities API say precisely which routes they have
// (OPTIONS also counts the REST compatibility routes of the previous major).
func TestRoutesFromCapabilities(t *testing.T) {
	tr := &scripted{answers: map[string]answer{"GET /_capabilities": {200, `{"supported":false}`, "", ""}}}
	srv, err := New(tr, nil).Server(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ok, how, err := srv.Allows(context.Background(), "PUT", "/_query/view/dogs")
	if err != nil || ok || !strings.Contains(how, "_capabilities PUT /_query/view/dogs") {
		t.Fatalf("Allows = %v %q %v", ok, how, err)
	}
	last := tr.reqs[len(tr.reqs)-1]
	if last.Query.Get("method") != "PUT" || last.Query.Get("path") != "/_query/view/dogs" {
		t.Fatalf("asked %v", last.Query)
	}
}

// A 400 to an ES|QL query is a skip on an 8.x server (the tests are
// written for 9.x ES|QL) and a failure on a 9.x one.
func TestESQLOfALaterVersion(t *testing.T) {
	const test = `
---
"fork":
  - do:
      esql.query: {body: {query: "FROM x | FORK (WHERE a > 1) (WHERE a < 1)"}}
`
	refused := map[string]answer{"POST /_query": {400, `{"error":{"type":"parsing_exception"}}`, "", ""}}
	old := &scripted{answers: refused, nodes: `{"nodes":{"n":{"version":"8.19.21","modules":[{"name":"x-pack-esql"}]}}}`}
	if r := runOne(t, old, test)[0]; r.Outcome != Skipped || !strings.Contains(r.Reason, "8.19.21") {
		t.Errorf("on 8.19: %s (%s), want a skip naming the version", r.Outcome, r.Reason)
	}
	current := &scripted{answers: refused, nodes: `{"nodes":{"n":{"version":"9.5.3","modules":[{"name":"x-pack-esql"}]}}}`}
	if r := runOne(t, current, test)[0]; r.Outcome != Failed {
		t.Errorf("on 9.5.3: %s (%s), want a failure", r.Outcome, r.Reason)
	}
}

// Without its module, GET /_nodes/{id}/_repositories_metering is answered
// by nodes info: an assertion on that answer is a skip naming the module.
func TestFallThroughAnswerIsASkip(t *testing.T) {
	tr := &scripted{answers: map[string]answer{
		"GET /_nodes/n1/_repositories_metering": {200, `{"nodes":{"n1":{"name":"x"}}}`, "", ""},
	}}
	r := runOne(t, tr, `
---
"metering":
  - do: {nodes.get_repositories_metering_info: {node_id: n1}}
  - match: {nodes.n1.repository_name: "r"}
`)[0]
	if r.Outcome != Skipped || !strings.Contains(r.Reason, "repositories-metering-api") {
		t.Errorf("%s (%s), want a skip naming repositories-metering-api", r.Outcome, r.Reason)
	}
}
