package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

// readOnlyTemplateFields are what a cluster writes in a template it
// returns and refuses in one it is given.
var readOnlyTemplateFields = []string{"created_date", "created_date_millis", "modified_date", "modified_date_millis"}

// namedTemplate is one index template to copy; the body is kept as JSON,
// to be sent again exactly.
type namedTemplate struct {
	Name string
	Body map[string]json.RawMessage
}

// indexTemplates is the answer of GET _index_template, each body kept as
// JSON.
type indexTemplates struct {
	IndexTemplates []struct {
		Name          string                     `json:"name"`
		IndexTemplate map[string]json.RawMessage `json:"index_template"`
	} `json:"index_templates"`
}

// componentTemplates is the answer of GET _component_template/NAME.
type componentTemplates struct {
	ComponentTemplates []struct {
		Name              string                     `json:"name"`
		ComponentTemplate map[string]json.RawMessage `json:"component_template"`
	} `json:"component_templates"`
}

// copyTemplates puts on dst the composable index templates of src whose
// index_patterns match one of the indices, with the component templates
// they are composed of, after the indices are copied (a template never
// applies to the copies themselves). A template that exists on dst is left
// as it is. It returns an error naming every template it could not put.
func copyTemplates(ctx context.Context, errOut io.Writer, src, dst *esgo.Client, indices []string) error {
	got, err := api.Decode[indexTemplates](src.Raw.Indices.GetIndexTemplate(ctx, api.IndicesGetIndexTemplateRequest{}))
	var te *transport.Error
	if errors.As(err, &te) && (te.Status == 405 || te.Status == 404 && te.Type == "" || te.Type == "invalid_index_name_exception") {
		// A server older than composable templates (before 7.8).
		fmt.Fprintf(errOut, "the source cluster has no composable index templates (_index_template answers %d): none copied\n", te.Status)
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading the index templates of the source cluster: %w", err)
	}
	var templates []namedTemplate
	components := map[string]bool{}
	for _, t := range got.IndexTemplates {
		var patterns []string
		if err := json.Unmarshal(t.IndexTemplate["index_patterns"], &patterns); err != nil {
			var one string
			if json.Unmarshal(t.IndexTemplate["index_patterns"], &one) != nil {
				fmt.Fprintf(errOut, "index template %s not considered: its index_patterns are not a list of names (%s)\n", t.Name, t.IndexTemplate["index_patterns"])
				continue
			}
			patterns = []string{one}
		}
		if !slices.ContainsFunc(indices, func(ix string) bool { return matchesAny(patterns, ix) }) {
			continue
		}
		templates = append(templates, namedTemplate{Name: t.Name, Body: t.IndexTemplate})
		var composed []string
		if raw := t.IndexTemplate["composed_of"]; raw != nil {
			if err := json.Unmarshal(raw, &composed); err != nil {
				fmt.Fprintf(errOut, "index template %s: composed_of is not a list of names (%s): its component templates are not copied\n", t.Name, raw)
			}
		}
		for _, c := range composed {
			components[c] = true
		}
	}
	if len(templates) == 0 {
		return nil
	}
	sort.Slice(templates, func(i, j int) bool { return templates[i].Name < templates[j].Name })
	var failed []string
	put := func(kind, name string, body map[string]json.RawMessage, send func(create *bool, raw any) (*transport.Response, error)) {
		for _, f := range readOnlyTemplateFields {
			delete(body, f)
		}
		yes := true
		_, err := api.Decode[json.RawMessage](send(&yes, body))
		var te *transport.Error
		switch {
		case err == nil:
			fmt.Fprintf(errOut, "%s template %s copied\n", kind, name)
		case errors.As(err, &te) && te.Status == 400 && strings.Contains(te.Reason, "already exists"):
			fmt.Fprintf(errOut, "%s template %s exists on the destination: left as it is\n", kind, name)
		default:
			fmt.Fprintf(errOut, "%s template %s not copied: %v\n", kind, name, err)
			failed = append(failed, name)
		}
	}
	// The components first: an index template naming a missing one is
	// refused.
	names := make([]string, 0, len(components))
	for c := range components {
		names = append(names, c)
	}
	sort.Strings(names)
	for _, name := range names {
		comp, err := api.Decode[componentTemplates](src.Raw.Cluster.GetComponentTemplate(ctx, api.ClusterGetComponentTemplateRequest{Name: name}))
		if err == nil && len(comp.ComponentTemplates) != 1 {
			err = fmt.Errorf("%d templates answered", len(comp.ComponentTemplates))
		}
		if err != nil {
			fmt.Fprintf(errOut, "component template %s not copied: reading it: %v\n", name, err)
			failed = append(failed, name)
			continue
		}
		put("component", name, comp.ComponentTemplates[0].ComponentTemplate, func(create *bool, raw any) (*transport.Response, error) {
			return dst.Raw.Cluster.PutComponentTemplate(ctx, api.ClusterPutComponentTemplateRequest{Name: name, Create: create, RawBody: raw})
		})
	}
	for _, t := range templates {
		put("index", t.Name, t.Body, func(create *bool, raw any) (*transport.Response, error) {
			return dst.Raw.Indices.PutIndexTemplate(ctx, api.IndicesPutIndexTemplateRequest{Name: t.Name, Create: create, RawBody: raw})
		})
	}
	if len(failed) > 0 {
		return fmt.Errorf("the indices are copied, but not the templates %s: put them on the destination by hand (esgo call PUT /_index_template/NAME), or leave them out with --templates never", strings.Join(failed, ", "))
	}
	return nil
}

// matchesAny reports whether name matches one of Elasticsearch's simple
// wildcard patterns ('*' stands for any run of characters).
func matchesAny(patterns []string, name string) bool {
	for _, p := range patterns {
		if simpleMatch(p, name) {
			return true
		}
	}
	return false
}

func simpleMatch(pattern, s string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return strings.HasSuffix(s, last) && len(s) >= len(last)
}
