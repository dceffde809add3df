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
}

type answer struct {
	status int
	body   string
	ctype  string
}

func (s *scripted) Perform(_ context.Context, req *transport.Request) (*transport.Response, error) {
	s.reqs = append(s.reqs, req)
	a, ok := s.answers[req.Method+" "+req.Path]
	if !ok {
		a = answer{status: 200, body: "{}"}
		if req.Path == "/_cat/indices" {
			a.body = "[]"
		}
	}
	h := http.Header{}
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
		"PUT /books/_doc/1": {200, `{"_index":"books","_id":"1","_version":1,"result":"created","_seq_no":12345678901234567}`, ""},
		"PUT /books/_doc/3": {200, `{"_index":"books","_id":"3","_version":1,"result":"created","extra_member":1}`, ""},
		"GET /books/_doc/2": {200, `{"_index":"books","_id":"2","found":true,"_source":{"hits":{"hits":[{"_source":{"name":"Go"}}]},"list":[{"a":1,"b":2},{"a":3}],"n":2.5}}`, ""},
		"GET /books/_doc/1": {404, `{"found":false,"_id":"1"}`, ""},
		"GET /_cat/count":   {200, "1700000000 10:00:00 3\n", "text/plain"},
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
		"GET /_ml/info":                    {400, `{"error":"no handler found for uri [/_ml/info] and method [GET]"}`, ""},
		"GET /":                            {405, `{"error":"Incorrect HTTP method for uri [/] and method [GET], allowed: [DELETE]","status":405}`, ""},
		"PUT /_security/user/joe":          {400, `{"error":"no handler found for uri [/_security/user/joe] and method [PUT]"}`, ""},
		"PUT /_index_template/t":           {400, `{"error":{"type":"illegal_argument_exception","reason":"composable template [t] template after composition is invalid"}}`, ""},
		"POST /_scripts/painless/_execute": {400, `{"error":{"reason":"unable to put stored script with unsupported lang [painless]"}}`, ""},
		"POST /_snapshot/r/_analyze":       {400, `{"error":{"type":"invalid_snapshot_name_exception","reason":"[r:_analyze] Invalid snapshot name [_analyze], must not start with '_'"}}`, ""},
		"PUT /_snapshot/r/_bad":            {400, `{"error":{"type":"invalid_snapshot_name_exception","reason":"[r:_bad] Invalid snapshot name [_bad], must not start with '_'"}}`, ""},
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
	for i, r := range results {
		if r.Outcome != want[i] {
			t.Errorf("%s: %s (%s), want %s", r.Test, r.Outcome, r.Reason, want[i])
		}
		if r.Outcome == Skipped && r.Reason == "" {
			t.Errorf("%s: skipped without a reason", r.Test)
		}
	}
	if !strings.Contains(results[2].Reason, "security is disabled") {
		t.Errorf("security skip reason = %q", results[2].Reason)
	}
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
	if err := skipStep(s.Tests[1].Steps[0].Args); err == nil || !strings.Contains(err.Error(), "no_such_feature") {
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
