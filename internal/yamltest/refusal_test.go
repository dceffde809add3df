package yamltest

import (
	"strings"
	"testing"
)

// minimalServer is the minimal 9.5.3: no reindex, ILM, monitoring or
// x-pack-stack.
func minimalServer(extra ...string) *Server {
	s := &Server{Product: "elasticsearch", Version: "9.5.3", Modules: map[string]bool{}, Settings: map[string]string{}}
	for _, m := range append([]string{"apm", "transport-netty4", "x-pack-core", "x-pack-security"}, extra...) {
		s.Modules[m] = true
	}
	return s
}

const unknownLifecycle = `unknown setting [index.lifecycle.name] please check that any required plugins are installed, or check the breaking changes documentation for removed settings`

// Each refusal is read from the error's type, the status (the HTTP one and
// the body's agreeing) and Elasticsearch's whole message; what it names
// must be provided by a module the server lacks and, for a setting, sent by
// the request. Everything else stays a failure.
func TestRefusalClassification(t *testing.T) {
	ilmIndex := map[string]any{"index": "x", "body": map[string]any{"settings": map[string]any{"index": map[string]any{"lifecycle": map[string]any{"name": "p"}}}}}
	ilmTemplate := map[string]any{"name": "t", "body": map[string]any{"template": map[string]any{"settings": map[string]any{"lifecycle.name": "p"}}}}
	typo := map[string]any{"index": "x", "body": map[string]any{"settings": map[string]any{"index.number_of_shardz": 1}}}
	monitoring := map[string]any{"body": map[string]any{"persistent": map[string]any{"xpack.monitoring.collection.enabled": true}}}
	for _, c := range []struct {
		name   string
		srv    *Server
		api    string
		args   map[string]any
		status int
		body   string
		want   string // a part of the skip reason; "" for a failure
	}{
		{"action of a missing module", minimalServer(), "xpack.info", nil, 500,
			`{"error":{"root_cause":[{"type":"illegal_state_exception","reason":"failed to find action [cluster:monitor/xpack/info/monitoring] to execute"}],"type":"illegal_state_exception","reason":"failed to find action [cluster:monitor/xpack/info/monitoring] to execute"},"status":500}`,
			"action [cluster:monitor/xpack/info/monitoring] (500 illegal_state_exception), which module x-pack-monitoring provides"},
		{"delete-by-query behind synonyms", minimalServer(), "synonyms.put_synonym", nil, 500,
			`{"error":{"root_cause":[{"type":"illegal_state_exception","reason":"failed to find action [indices:data/write/delete/byquery] to execute"}],"type":"illegal_state_exception","reason":"failed to find action [indices:data/write/delete/byquery] to execute"},"status":500}`,
			"which module reindex provides"},
		{"action of a module the server has", minimalServer("reindex"), "synonyms.put_synonym", nil, 500,
			`{"error":{"type":"illegal_state_exception","reason":"failed to find action [indices:data/write/delete/byquery] to execute"},"status":500}`, ""},
		{"action of a module the tables do not know", minimalServer(), "x.y", nil, 500,
			`{"error":{"type":"illegal_state_exception","reason":"failed to find action [cluster:admin/brand/new] to execute"},"status":500}`,
			"does not register action [cluster:admin/brand/new]"},
		{"the message inside a longer reason", minimalServer(), "xpack.info", nil, 500,
			`{"error":{"type":"illegal_state_exception","reason":"client sent garbage; failed to find action [cluster:monitor/xpack/info/monitoring] to execute"},"status":500}`, ""},
		{"another error type", minimalServer(), "xpack.info", nil, 500,
			`{"error":{"type":"null_pointer_exception","reason":"failed to find action [cluster:monitor/xpack/info/monitoring] to execute"},"status":500}`, ""},
		{"another status", minimalServer(), "xpack.info", nil, 400,
			`{"error":{"type":"illegal_state_exception","reason":"failed to find action [cluster:monitor/xpack/info/monitoring] to execute"},"status":400}`, ""},
		{"statuses disagree", minimalServer(), "xpack.info", nil, 500,
			`{"error":{"type":"illegal_state_exception","reason":"failed to find action [cluster:monitor/xpack/info/monitoring] to execute"},"status":400}`, ""},
		{"a root cause that says something else", minimalServer(), "xpack.info", nil, 500,
			`{"error":{"root_cause":[{"type":"parse_exception","reason":"bad body"}],"type":"illegal_state_exception","reason":"failed to find action [cluster:monitor/xpack/info/monitoring] to execute"},"status":500}`, ""},
		{"an error given as text", minimalServer(), "xpack.info", nil, 500,
			`{"error":"failed to find action [cluster:monitor/xpack/info/monitoring] to execute","status":500}`, ""},
		{"not JSON", minimalServer(), "xpack.info", nil, 500, `failed to find action [cluster:monitor/xpack/info/monitoring] to execute`, ""},

		{"ILM setting sent, ILM missing", minimalServer(), "indices.create", ilmIndex, 400,
			`{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"` + unknownLifecycle + `"}],"type":"illegal_argument_exception","reason":"` + unknownLifecycle + `"},"status":400}`,
			"setting [index.lifecycle.name] (400 illegal_argument_exception), which module x-pack-ilm defines"},
		{"ILM setting in a composable template, given without index.", minimalServer(), "indices.put_index_template", ilmTemplate, 400,
			`{"error":{"type":"invalid_index_template_exception","reason":"index_template [t] invalid, cause [Validation Failed: 1: ` + unknownLifecycle + `;]"},"status":400}`,
			"setting [index.lifecycle.name] (400 invalid_index_template_exception)"},
		{"a template with a second validation error", minimalServer(), "indices.put_index_template", ilmTemplate, 400,
			`{"error":{"type":"invalid_index_template_exception","reason":"index_template [t] invalid, cause [Validation Failed: 1: ` + unknownLifecycle + `;2: index_patterns must not be empty;]"},"status":400}`, ""},
		{"ILM setting the request did not send", minimalServer(), "indices.create", typo, 400,
			`{"error":{"type":"illegal_argument_exception","reason":"` + unknownLifecycle + `"},"status":400}`, ""},
		{"ILM setting, ILM present", minimalServer("x-pack-ilm"), "indices.create", ilmIndex, 400,
			`{"error":{"type":"illegal_argument_exception","reason":"` + unknownLifecycle + `"},"status":400}`, ""},
		{"a misspelt setting", minimalServer(), "indices.create", typo, 400,
			`{"error":{"type":"illegal_argument_exception","reason":"unknown setting [index.number_of_shardz] did you mean [index.number_of_shards]?"},"status":400}`, ""},
		{"a setting no module defines", minimalServer(), "indices.create", typo, 400,
			`{"error":{"type":"illegal_argument_exception","reason":"unknown setting [index.number_of_shardz] please check that any required plugins are installed, or check the breaking changes documentation for removed settings"},"status":400}`, ""},
		{"a suppressed second ILM setting", minimalServer(), "indices.create",
			map[string]any{"body": map[string]any{"settings": map[string]any{"index.lifecycle.name": "p", "index.lifecycle.rollover_alias": "a"}}}, 400,
			`{"error":{"type":"illegal_argument_exception","reason":"` + unknownLifecycle + `","suppressed":[{"type":"illegal_argument_exception","reason":"unknown setting [index.lifecycle.rollover_alias] please check that any required plugins are installed, or check the breaking changes documentation for removed settings"}]},"status":400}`,
			"settings [index.lifecycle.name], [index.lifecycle.rollover_alias]"},
		{"a suppressed misspelt setting", minimalServer(), "indices.create",
			map[string]any{"body": map[string]any{"settings": map[string]any{"index.lifecycle.name": "p", "index.number_of_shardz": 1}}}, 400,
			`{"error":{"type":"illegal_argument_exception","reason":"` + unknownLifecycle + `","suppressed":[{"type":"illegal_argument_exception","reason":"unknown setting [index.number_of_shardz] did you mean [index.number_of_shards]?"}]},"status":400}`, ""},
		{"a cluster setting of a missing module", minimalServer(), "cluster.put_settings", monitoring, 400,
			`{"error":{"type":"illegal_argument_exception","reason":"persistent setting [xpack.monitoring.collection.enabled], not recognized"},"status":400}`,
			"setting [xpack.monitoring.collection.enabled] (400 illegal_argument_exception), which module x-pack-monitoring defines"},
		{"a cluster setting that cannot change", minimalServer(), "cluster.put_settings", monitoring, 400,
			`{"error":{"type":"illegal_argument_exception","reason":"persistent setting [xpack.monitoring.collection.enabled], not dynamically updateable"},"status":400}`, ""},
		{"a settings body given as JSON text", minimalServer(), "indices.create",
			map[string]any{"index": "x", "body": `{"settings":{"index.lifecycle.name":"p"}}`}, 400,
			`{"error":{"type":"illegal_argument_exception","reason":"` + unknownLifecycle + `"},"status":400}`,
			"which module x-pack-ilm defines"},
		{"a mapping error naming a setting", minimalServer(), "indices.create", ilmIndex, 400,
			`{"error":{"type":"mapper_parsing_exception","reason":"` + unknownLifecycle + `"},"status":400}`, ""},
	} {
		got := refusal(c.srv, c.api, c.args, c.status, []byte(c.body))
		switch {
		case c.want == "" && got != "":
			t.Errorf("%s: skipped (%s), want a failure", c.name, got)
		case c.want != "" && !strings.Contains(got, c.want):
			t.Errorf("%s: reason %q, want one containing %q", c.name, got, c.want)
		}
	}
}

func TestActionAndSettingModules(t *testing.T) {
	for action, want := range map[string]string{
		"cluster:monitor/xpack/info/monitoring": "x-pack-monitoring",
		"cluster:monitor/xpack/usage/ml":        "x-pack-ml",
		"cluster:monitor/xpack/info/unheard_of": "",
		"indices:data/write/delete/byquery":     "reindex",
		"indices:data/write/reindex":            "reindex",
		"cluster:admin/ilm/put":                 "x-pack-ilm",
		"indices:data/read/search":              "",
	} {
		if got := actionModule(action); got != want {
			t.Errorf("actionModule(%s) = %q, want %q", action, got, want)
		}
	}
	for name, want := range map[string]string{
		"index.lifecycle.name":       "x-pack-ilm",
		"index.lifecycle.prefer_ilm": "", // the server core's own
		"index.number_of_shards":     "",
		"xpack.ml.enabled":           "x-pack-ml",
	} {
		if got := settingModule(name); got != want {
			t.Errorf("settingModule(%s) = %q, want %q", name, got, want)
		}
	}
}

// A license the build cannot verify is a skip when the server says so
// (license_status "invalid") for the license the test sent; a license sent
// otherwise, or another status, is a failure.
func TestUnverifiedLicense(t *testing.T) {
	const lic = `{"licenses":[{"uid":"u1","type":"trial","signature":"AAAA"}]}`
	tr := &scripted{answers: map[string]answer{
		"PUT /_license": {200, `{"acknowledged":true,"license_status":"invalid"}`, "", ""},
	}}
	results := runOne(t, tr, `
---
"invalid license":
  - do:
      license.post:
        acknowledge: true
        body: |
          `+lic+`
  - match: { license_status: "valid" }
---
"a mismatch on another API stays a failure":
  - do:
      license.get: {}
  - match: { license.status: "active" }
`)
	if r := results[0]; r.Outcome != Skipped || !strings.Contains(r.Reason, `license_status "invalid"`) {
		t.Errorf("invalid license: %s (%s), want a skip", r.Outcome, r.Reason)
	}
	if r := results[1]; r.Outcome != Failed {
		t.Errorf("license.get: %s (%s), want failed", r.Outcome, r.Reason)
	}

	r := New(tr, nil)
	r.server = minimalServer()
	for _, c := range []struct {
		name   string
		sent   any
		answer map[string]any
		want   bool
	}{
		{"sent intact", lic, map[string]any{"license_status": "invalid"}, true},
		{"sent as a value", map[string]any{"licenses": []any{map[string]any{"uid": "u1", "type": "trial", "signature": "AAAA"}}}, map[string]any{"license_status": "invalid"}, true},
		{"signature lost on the way", `{"licenses":[{"uid":"u1","type":"trial"}]}`, map[string]any{"license_status": "invalid"}, false},
		{"nothing sent", nil, map[string]any{"license_status": "invalid"}, false},
		{"expired", lic, map[string]any{"license_status": "expired"}, false},
	} {
		r.rec.body = c.sent
		st := &state{lastAPI: "license.post", lastArgs: map[string]any{"body": lic}, body: c.answer, status: 200}
		if got := r.unverifiedLicense(st) != ""; got != c.want {
			t.Errorf("%s: skip = %v, want %v", c.name, got, c.want)
		}
	}
}

// A failed assertion on a listing of all templates is a skip when the
// server lacks x-pack-stack and the listing is exactly what the server
// holds, none built in and none the test's.
func TestNoBuiltInTemplates(t *testing.T) {
	run := func(nodes string, answers map[string]answer, src string) Result {
		t.Helper()
		return runOne(t, &scripted{nodes: nodes, answers: answers}, src)[0]
	}
	const catJSON = `
---
"cat.templates":
  - do:
      cat.templates: { format: json }
  - match: { 0.name: "/[a-z0-9\\-\\.]+/" }
`
	const catText = `
---
"cat.component_templates":
  - do:
      cat.component_templates: { format: text }
  - match: { $body: "/metrics/" }
`
	empty := map[string]answer{"GET /_cat/templates": {200, `[]`, "", ""}, "GET /_cat/component_templates": {200, ``, "text/plain", ""}}
	if r := run("", empty, catJSON); r.Outcome != Skipped || !strings.Contains(r.Reason, "x-pack-stack") {
		t.Errorf("empty cat.templates: %s (%s), want a skip naming x-pack-stack", r.Outcome, r.Reason)
	}
	if r := run("", empty, catText); r.Outcome != Skipped {
		t.Errorf("empty cat.component_templates: %s (%s), want a skip", r.Outcome, r.Reason)
	}
	others := map[string]answer{
		"GET /_cat/component_templates": {200, "other-ct 1 0 0 0 0 []\n", "text/plain", ""},
		"GET /_component_template":      {200, `{"component_templates":[{"name":"other-ct","component_template":{}}]}`, "", ""},
	}
	if r := run("", others, catText); r.Outcome != Skipped {
		t.Errorf("another user's template only: %s (%s), want a skip", r.Outcome, r.Reason)
	}
	// The answer lists a template the server does not hold.
	wrong := map[string]answer{"GET /_cat/templates": {200, `[{"name":"Not-A-Template!"}]`, "", ""}}
	if r := run("", wrong, `
---
"cat.templates":
  - do:
      cat.templates: { format: json }
  - match: { 0.name: "logs" }
`); r.Outcome != Failed {
		t.Errorf("a listing unlike the server's templates: %s (%s), want failed", r.Outcome, r.Reason)
	}
	// The answer is not a listing (a client that lost format=json).
	text := map[string]answer{"GET /_cat/templates": {200, "", "text/plain", ""}}
	if r := run("", text, catJSON); r.Outcome != Failed {
		t.Errorf("a text answer to a JSON assertion: %s (%s), want failed", r.Outcome, r.Reason)
	}
	// The server installs built-in templates: a mismatch is the client's.
	withStack := strings.Replace(nodesInfo, `{"name":"apm"}`, `{"name":"apm"},{"name":"x-pack-stack"}`, 1)
	if r := run(withStack, empty, catJSON); r.Outcome != Failed {
		t.Errorf("x-pack-stack listed: %s (%s), want failed", r.Outcome, r.Reason)
	}
	// The test's own template is listed and the assertion on it fails.
	mine := map[string]answer{
		"GET /_cat/templates":  {200, `[{"name":"mine","order":"0"}]`, "", ""},
		"GET /_index_template": {200, `{"index_templates":[{"name":"mine","index_template":{}}]}`, "", ""},
	}
	if r := run("", mine, `
---
"own template":
  - do:
      indices.put_index_template: { name: mine, body: { index_patterns: [m*], priority: 3 } }
  - do:
      cat.templates: { format: json }
  - match: { 0.order: "3" }
`); r.Outcome != Failed {
		t.Errorf("an assertion on the test's own template: %s (%s), want failed", r.Outcome, r.Reason)
	}
}

// "do: api" without arguments, and $status, the answer's HTTP status.
func TestBareDoAndStatus(t *testing.T) {
	tr := &scripted{answers: map[string]answer{"GET /_cat/aliases": {200, "", "text/plain", ""}}}
	results := runOne(t, tr, `
---
"bare do":
  - do:
      cat.aliases
  - match: { $status: 200 }
---
"bare HEAD":
  - do:
      ping
  - is_true: ''
  - match: { $status: 200 }
---
"wrong status":
  - do:
      cat.aliases
  - match: { $status: 201 }
`)
	want := []Outcome{Passed, Passed, Failed}
	for i, r := range results {
		if r.Outcome != want[i] {
			t.Errorf("%s: %s (%s), want %s", r.Test, r.Outcome, r.Reason, want[i])
		}
	}
}
