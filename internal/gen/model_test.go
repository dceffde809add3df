package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// synthetic builds a model from endpoint definitions written as spec JSON.
func synthetic(t *testing.T, defs string) *model {
	t.Helper()
	var eps map[string]*rawEndpoint
	if err := json.Unmarshal([]byte(defs), &eps); err != nil {
		t.Fatal(err)
	}
	m, err := buildModel(&spec{Endpoints: eps})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func find(m *model, name string) *endpoint {
	for _, ns := range m.Namespaces {
		for _, e := range ns.Endpoints {
			if e.Name == name {
				return e
			}
		}
	}
	return nil
}

func TestModelRules(t *testing.T) {
	m := synthetic(t, `{
	  "things.search": {
	    "documentation": {"url": "u", "description": "Search things"}, "stability": "stable", "visibility": "public",
	    "headers": {"accept": ["application/json"], "content_type": ["application/json"]},
	    "url": {"paths": [
	      {"path": "/_things", "methods": ["POST", "GET"]},
	      {"path": "/{index}/_things", "methods": ["POST", "GET"], "parts": {"index": {"type": "list"}}},
	      {"path": "/_things/{scroll_id}", "methods": ["GET"], "parts": {"scroll_id": {"type": "string"}},
	       "deprecated": {"version": "7.0.0", "description": "use the body"}}
	    ]},
	    "params": {
	      "scroll_id": {"type": "string"},
	      "expand_wildcards": {"type": "list", "options": ["open", "all"]},
	      "h": {"type": "list", "options": ["a", "b"]},
	      "version_type": {"type": "enum", "options": ["internal", "external"]},
	      "size": {"type": "int"}, "ratio": {"type": "double"}, "ok": {"type": "boolean"}, "t": {"type": "time"}
	    },
	    "body": {"description": "the query", "required": false}
	  },
	  "things.exists": {
	    "documentation": {"url": "u", "description": "Check"}, "stability": "beta", "visibility": "public",
	    "headers": {},
	    "url": {"paths": [{"path": "/{index}/_thing/{id}", "methods": ["HEAD"],
	      "parts": {"index": {"type": "string"}, "id": {"type": "string"}}}]}
	  },
	  "bulk": {
	    "documentation": {"url": "u", "description": "Bulk"}, "stability": "stable", "visibility": "public",
	    "headers": {"accept": ["text/plain", "application/json"], "content_type": ["application/x-ndjson"]},
	    "url": {"paths": [{"path": "/_bulk", "methods": ["POST", "PUT"]}]},
	    "body": {"description": "lines", "required": true, "serialize": "bulk"},
	    "deprecated": {"version": "1.0.0", "description": "gone"}
	  }
	}`)
	if m.Count != 3 || len(m.Namespaces) != 2 || m.Namespaces[0].Name != "" {
		t.Fatalf("count %d, namespaces %d", m.Count, len(m.Namespaces))
	}

	s := find(m, "things.search")
	if len(s.Paths) != 2 {
		t.Fatalf("the deprecated path whose part is also a parameter was kept: %d paths", len(s.Paths))
	}
	if s.Paths[0].Template != "/{index}/_things" || s.Paths[0].Method != "GET" || s.Paths[0].BodyMethod != "POST" {
		t.Errorf("first path = %+v, want the most specific, GET without a body, POST with one", s.Paths[0])
	}
	kinds := map[string]kind{}
	for _, f := range s.Fields {
		kinds[f.Name] = f.Kind
		if f.Name == "scroll_id" && (f.IsPart || !f.IsParam) {
			t.Errorf("scroll_id should be a plain parameter once its path is dropped: %+v", f)
		}
	}
	want := map[string]kind{"index": kList, "expand_wildcards": kEnumList, "h": kList, "version_type": kEnum,
		"size": kInt, "ratio": kFloat, "ok": kBool, "t": kString, "scroll_id": kString}
	for k, w := range want {
		if kinds[k] != w {
			t.Errorf("%s: kind %v, want %v", k, kinds[k], w)
		}
	}
	if len(s.Required) != 0 || !s.HasBody || s.NDJSON || s.ContentType != "" || s.Accept != "" {
		t.Errorf("search: required %v body %v ndjson %v ct %q accept %q", s.Required, s.HasBody, s.NDJSON, s.ContentType, s.Accept)
	}

	e := find(m, "things.exists")
	if !e.Exists || len(e.Required) != 2 || e.Method != "Exists" || e.ReqType != "ThingsExistsRequest" {
		t.Errorf("exists = %+v", e)
	}
	b := find(m, "bulk")
	if !b.NDJSON || b.ContentType != "application/x-ndjson" || b.Accept != "text/plain, application/json" || b.Paths[0].BodyMethod != "POST" {
		t.Errorf("bulk = %+v", b)
	}

	// The rendered code carries the doc URL, stability and deprecation.
	code := string(renderNamespace(m.Namespaces[0]))
	for _, want := range []string{"// Deprecated: gone. (since 1.0.0)", `"application/x-ndjson"`, "func (a *API) Bulk("} {
		if !strings.Contains(code, want) {
			t.Errorf("root code lacks %q", want)
		}
	}
	things := string(renderNamespace(m.Namespaces[1]))
	for _, want := range []string{"Stability: beta.", "See u", "(bool, error)", `missingPart("things.exists", "index")`,
		`setEnums(q, "expand_wildcards", r.ExpandWildcards)`, `setStr(q, "version_type", string(r.VersionType))`} {
		if !strings.Contains(things, want) {
			t.Errorf("things code lacks %q", want)
		}
	}
	if _, err := gofmt("things", renderNamespace(m.Namespaces[1])); err != nil {
		t.Error(err)
	}
}

func TestModelRejectsClashes(t *testing.T) {
	var eps map[string]*rawEndpoint
	if err := json.Unmarshal([]byte(`{
	  "x.a": {"documentation": {}, "headers": {}, "url": {"paths": [{"path": "/a", "methods": ["GET"]}]},
	    "params": {"foo_bar": {"type": "string"}, "foo.bar": {"type": "string"}}}
	}`), &eps); err != nil {
		t.Fatal(err)
	}
	if _, err := buildModel(&spec{Endpoints: eps}); err == nil || !strings.Contains(err.Error(), "FooBar") {
		t.Errorf("two parameters mapping to one Go name: err = %v", err)
	}
}
