package yamltest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

// A refusal is an error answer in which the server names what it lacks:
// an action no module of the node registers, or a setting no module of the
// node defines. It is read from the error's structured fields (its type,
// the HTTP status and the body's status must agree), and the thing named
// must be one a module the server did not list in _nodes provides (and, for
// a setting, one the request itself sent). Anything else is a failure: a
// client that sends a misspelt setting, or a wrong value, is refused with
// the same types but not with these facts.

// esError is the "error" member of an Elasticsearch error answer.
type esError struct {
	Type       string    `json:"type"`
	Reason     string    `json:"reason"`
	RootCause  []esError `json:"root_cause"`
	Suppressed []esError `json:"suppressed"`
}

// parseError reads an error answer: {"error": {...}, "status": N} whose
// status is the HTTP status of the answer.
func parseError(status int, raw []byte) (*esError, bool) {
	var body struct {
		Error  json.RawMessage `json:"error"`
		Status int             `json:"status"`
	}
	if json.Unmarshal(raw, &body) != nil || body.Status != status || len(body.Error) == 0 || body.Error[0] != '{' {
		return nil, false
	}
	var e esError
	if json.Unmarshal(body.Error, &e) != nil || e.Type == "" {
		return nil, false
	}
	return &e, true
}

// Elasticsearch's own wording of the refusals read here (the message is
// the only place the action or setting is named; the type and status are
// checked first, and the whole reason must be the message, nothing more).
var (
	// TransportService / NodeClient: an action no plugin registered.
	noActionRE = regexp.MustCompile(`^failed to find action \[([a-z]+:[A-Za-z0-9_/\[\]*.-]+)\] to execute$`)
	// AbstractScopedSettings.validate: a setting no plugin defines (a close
	// match would add "did you mean [...]?" instead).
	unknownSettingRE = regexp.MustCompile(`^unknown setting \[([A-Za-z0-9_.@-]+)\] please check that any required plugins are installed, or check the breaking changes documentation for removed settings$`)
	// SettingsUpdater: a cluster setting no plugin defines.
	unknownClusterSettingRE = regexp.MustCompile(`^(?:persistent|transient) setting \[([A-Za-z0-9_.@-]+)\], not recognized$`)
	// MetadataIndexTemplateService: a composable template whose one
	// validation error is an unknown setting.
	invalidTemplateRE = regexp.MustCompile(`^index_template \[[^\]]+\] invalid, cause \[Validation Failed: 1: (unknown setting \[[A-Za-z0-9_.@-]+\] please check that any required plugins are installed, or check the breaking changes documentation for removed settings);\]$`)
)

// refusal explains an error answer by what the server says it lacks, or
// returns "" when the answer is not such a refusal.
func refusal(srv *Server, apiName string, args map[string]any, status int, raw []byte) string {
	e, ok := parseError(status, raw)
	if !ok {
		return ""
	}
	switch {
	case status == http.StatusInternalServerError && e.Type == "illegal_state_exception":
		return missingAction(srv, apiName, e)
	case status == http.StatusBadRequest && (e.Type == "illegal_argument_exception" || e.Type == "invalid_index_template_exception"):
		return unknownSettings(srv, apiName, args, e)
	}
	return ""
}

// missingAction: "failed to find action [X] to execute" (500,
// illegal_state_exception), the root causes saying the same.
func missingAction(srv *Server, apiName string, e *esError) string {
	m := noActionRE.FindStringSubmatch(e.Reason)
	if m == nil || len(e.Suppressed) > 0 {
		return ""
	}
	for _, rc := range e.RootCause {
		if rc.Type != e.Type || rc.Reason != e.Reason {
			return ""
		}
	}
	action := m[1]
	module := actionModule(action)
	switch {
	case module == "":
		return fmt.Sprintf("%s: the node does not register action [%s] (500 illegal_state_exception), which a module it lacks would provide", apiName, action)
	case srv.Modules[module]:
		// The module is there and its action is not: not a missing module.
		return ""
	}
	return fmt.Sprintf("%s: the node does not register action [%s] (500 illegal_state_exception), which module %s provides; the server lacks it (its _nodes does not list it)", apiName, action, module)
}

// unknownSettings: every setting the refusal names (its reason and the
// suppressed ones) is unknown, sent by the request, and defined by a module
// the server lacks.
func unknownSettings(srv *Server, apiName string, args map[string]any, e *esError) string {
	reasons := []string{e.Reason}
	if e.Type == "invalid_index_template_exception" {
		m := invalidTemplateRE.FindStringSubmatch(e.Reason)
		if m == nil || len(e.Suppressed) > 0 {
			return ""
		}
		reasons[0] = m[1]
	}
	for _, s := range e.Suppressed {
		if s.Type != "illegal_argument_exception" {
			return ""
		}
		reasons = append(reasons, s.Reason)
	}
	sent := sentSettings(args)
	var names, modules []string
	for _, reason := range reasons {
		m := unknownSettingRE.FindStringSubmatch(reason)
		if m == nil {
			m = unknownClusterSettingRE.FindStringSubmatch(reason)
		}
		if m == nil {
			return ""
		}
		name := m[1]
		module := settingModule(name)
		if module == "" || srv.Modules[module] || !sent[name] {
			return ""
		}
		names = append(names, name)
		if !slices.Contains(modules, module) {
			modules = append(modules, module)
		}
	}
	sort.Strings(modules)
	what, defines := "setting", "which module %s defines; the server lacks it (its _nodes does not list it)"
	if len(names) > 1 {
		what = "settings"
	}
	if len(modules) > 1 {
		defines = "which modules %s define; the server lacks them (its _nodes does not list them)"
	}
	return fmt.Sprintf("%s: the server does not know %s [%s] (400 %s), "+defines,
		apiName, what, strings.Join(names, "], ["), e.Type, strings.Join(modules, ", "))
}

// sentSettings returns the setting names in a request's arguments, flat
// ("index.lifecycle.name" from {index: {lifecycle: {name: x}}}), each also
// with the "index." prefix Elasticsearch adds to index settings given
// without it.
func sentSettings(args map[string]any) map[string]bool {
	out := map[string]bool{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				walk(p, e)
			}
		case string:
			if prefix == "body" {
				var m map[string]any
				if json.Unmarshal([]byte(x), &m) == nil {
					walk("", m)
				}
			}
		}
		if prefix == "" {
			return
		}
		// Every suffix of a path is a candidate name: settings sit under
		// body.settings, body.template.settings, body.persistent ...
		parts := strings.Split(prefix, ".")
		for i := range parts {
			name := strings.Join(parts[i:], ".")
			out[name] = true
			if !strings.HasPrefix(name, "index.") {
				out["index."+name] = true
			}
		}
	}
	walk("", args)
	return out
}

// answerLacks explains a failed assertion by what the answer it was made on
// says the server lacks: a license the build cannot verify, or the built-in
// templates of a module the server does not have. "" when it does not.
func (r *Runner) answerLacks(ctx context.Context, st *state) string {
	switch st.lastAPI {
	case "license.post":
		return r.unverifiedLicense(st)
	case "cat.templates", "cat.component_templates", "indices.get_index_template", "cluster.get_component_template", "indices.get_template":
		return r.noBuiltInTemplates(ctx, st)
	}
	return ""
}

// unverifiedLicense: the server answered license.post with license_status
// "invalid" for the license the test sent, sent intact (the body the
// client sent is the test's).
func (r *Runner) unverifiedLicense(st *state) string {
	body, _ := st.body.(map[string]any)
	if st.status != http.StatusOK || body == nil || body["license_status"] != "invalid" {
		return ""
	}
	want, ok := jsonValue(st.lastArgs["body"])
	if !ok {
		return ""
	}
	sent, ok := jsonValue(r.rec.lastBody())
	if !ok || !equalJSON(want, sent) {
		return ""
	}
	return `license.post: the server answered license_status "invalid" to the test's license, sent intact: this build cannot verify its signature`
}

// jsonValue decodes a body (JSON text or a value) into plain JSON values.
func jsonValue(v any) (any, bool) {
	var data []byte
	switch x := v.(type) {
	case nil:
		return nil, false
	case string:
		data = []byte(x)
	case []byte:
		data = x
	case json.RawMessage:
		data = x
	default:
		b, err := json.Marshal(x)
		if err != nil {
			return nil, false
		}
		data = b
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out any
	if dec.Decode(&out) != nil {
		return nil, false
	}
	return out, true
}

func equalJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// templateKinds says which kinds of templates an API lists.
var templateKinds = map[string][]string{
	"cat.templates":                  {"index", "legacy"},
	"cat.component_templates":        {"component"},
	"indices.get_index_template":     {"index"},
	"cluster.get_component_template": {"component"},
	"indices.get_template":           {"legacy"},
}

// noBuiltInTemplates: the assertion was on a listing of all templates, the
// listing holds exactly the templates the server has (asked again now),
// none built in and none the test's own, and the server lacks x-pack-stack,
// the module that installs the built-in ones. A listing that differs from
// what the server holds, or that holds a template the test made, is left
// to fail.
func (r *Runner) noBuiltInTemplates(ctx context.Context, st *state) string {
	const stack = "x-pack-stack"
	if r.server.Modules[stack] {
		return ""
	}
	for _, k := range []string{"name", "id"} {
		if _, named := st.lastArgs[k]; named {
			return "" // one template asked for by name
		}
	}
	listed, ok := listedTemplates(st.lastAPI, st.body)
	if _, isText := st.body.(string); isText && st.lastArgs["format"] != nil && st.lastArgs["format"] != "text" {
		ok = false // asked for JSON (or another format), answered with text
	}
	if !ok {
		return ""
	}
	have := map[string]bool{}
	for _, kind := range templateKinds[st.lastAPI] {
		for n := range r.templateNames(ctx, kind) {
			have[n] = true
		}
	}
	if len(listed) != len(have) {
		return ""
	}
	for n := range listed {
		if !have[n] || st.mentioned[n] || builtInRE.MatchString(n) {
			return ""
		}
	}
	return fmt.Sprintf("%s: the server has no built-in templates for the assertion to find: the answer lists exactly the %d template(s) it holds, none built in and none the test's, and module %s, which installs the built-in ones, is not in its _nodes",
		st.lastAPI, len(listed), stack)
}

// listedTemplates reads the template names of a listing: the rows of a cat
// answer (JSON rows with "name", or text lines whose first column is the
// name), or the names in a get answer.
func listedTemplates(apiName string, body any) (map[string]bool, bool) {
	out := map[string]bool{}
	switch x := body.(type) {
	case string:
		if !strings.HasPrefix(apiName, "cat.") {
			return nil, false
		}
		for _, line := range strings.Split(x, "\n") {
			if f := strings.Fields(line); len(f) > 0 {
				out[f[0]] = true
			}
		}
	case []any:
		for _, row := range x {
			m, ok := row.(map[string]any)
			name, _ := m["name"].(string)
			if !ok || name == "" {
				return nil, false
			}
			out[name] = true
		}
	case map[string]any:
		listField := map[string]string{"indices.get_index_template": "index_templates", "cluster.get_component_template": "component_templates"}[apiName]
		if listField == "" {
			for k := range x {
				out[k] = true
			}
			break
		}
		list, ok := x[listField].([]any)
		if !ok && len(x) > 0 {
			return nil, false
		}
		for _, e := range list {
			m, _ := e.(map[string]any)
			name, _ := m["name"].(string)
			if name == "" {
				return nil, false
			}
			out[name] = true
		}
	default:
		return nil, false
	}
	return out, true
}

// templateNames asks the server for the names of its templates of a kind:
// "index" (composable), "component" or "legacy".
func (r *Runner) templateNames(ctx context.Context, kind string) map[string]bool {
	ignore := api.WithIgnore(404)
	switch kind {
	case "index":
		return r.names(ctx, "index_templates", func() (*transport.Response, error) {
			return r.api.Raw.Indices.GetIndexTemplate(ctx, api.IndicesGetIndexTemplateRequest{}, ignore)
		})
	case "component":
		return r.names(ctx, "component_templates", func() (*transport.Response, error) {
			return r.api.Raw.Cluster.GetComponentTemplate(ctx, api.ClusterGetComponentTemplateRequest{}, ignore)
		})
	}
	return r.names(ctx, "", func() (*transport.Response, error) {
		//lint:ignore SA1019 cat.templates lists legacy templates too
		return r.api.Raw.Indices.GetTemplate(ctx, api.IndicesGetTemplateRequest{}, ignore)
	})
}
