package main

import (
	"bytes"
	"fmt"
	"strings"
)

// typedEndpoint is what the specification says of an endpoint's body and
// response, rendered into package api.
type typedEndpoint struct {
	// BodyType is the Go type of the typed request body ("" when the
	// specification gives the endpoint no body, or when it is NDJSON).
	BodyType  string
	BodyShape shape
	// BodyDecl declares BodyType when it is a struct of the endpoint's own.
	BodyDecl string
	// RespType is the Go type of the typed response ("" when the response
	// is not JSON: the typed method then returns the raw response).
	RespType string
	// RespDecl declares RespType.
	RespDecl string
	// TypedKeys and JSONFormat are set when the typed call asks for
	// typed_keys=true and format=json unless the caller chose.
	TypedKeys, JSONFormat bool
}

// schemaNames maps the jar's names of endpoints that the specification
// names differently.
var schemaNames = map[string]string{
	"reindex_list": "list_reindex", "reindex_get": "get_reindex", "reindex_cancel": "cancel_reindex",
}

// attachTypes looks up every endpoint of the jar in the specification.
func (tm *typeModel) attachTypes(m *model, s *schema) error {
	byName := map[string]*sEndpoint{}
	for _, e := range s.Endpoints {
		byName[e.Name] = e
	}
	for _, ns := range m.Namespaces {
		for _, e := range ns.Endpoints {
			se := byName[e.Name]
			if se == nil {
				se = byName[schemaNames[e.Name]]
			}
			if se != nil && se.Request != nil {
				markIndexParts(e, tm.types[se.Request.key()])
				markInt64Params(e, tm.types[se.Request.key()])
			}
			if se == nil || se.Request == nil || se.Response == nil {
				e.Typed = &typedEndpoint{}
				continue
			}
			te, err := tm.typedEndpoint(e, tm.types[se.Request.key()], tm.types[se.Response.key()])
			if err != nil {
				return fmt.Errorf("%s: %w", e.Name, err)
			}
			e.Typed = te
		}
	}
	return nil
}

// indexTypes are the specification's types of names of indices, aliases
// and data streams.
var indexTypes = map[string]bool{
	"_types:IndexName": true, "_types:Indices": true, "_types:IndexAlias": true,
	"_types:DataStreamName": true, "_types:DataStreamNames": true,
}

// markIndexParts sets IndexPart on the path parts of e that the request
// type req types as index, alias or data stream names.
func markIndexParts(e *endpoint, req *sType) {
	if req == nil {
		return
	}
	var names func(v *sValue) bool
	names = func(v *sValue) bool {
		if v == nil {
			return false
		}
		switch v.Kind {
		case "instance_of":
			return v.Type != nil && indexTypes[v.Type.key()]
		case "array_of":
			return names(v.elem())
		case "union_of":
			for _, it := range v.Items {
				if names(it) {
					return true
				}
			}
		}
		return false
	}
	for _, p := range req.Path {
		if !names(p.Type) {
			continue
		}
		for _, f := range e.Fields {
			if f.IsPart && f.Name == p.Name {
				f.IndexPart = true
			}
		}
	}
}

func (tm *typeModel) typedEndpoint(e *endpoint, req, resp *sType) (*typedEndpoint, error) {
	te := &typedEndpoint{}
	base := strings.TrimSuffix(e.ReqType, "Request")
	for _, f := range e.Fields {
		if f.Name == "typed_keys" && f.Kind == kBool {
			te.TypedKeys = true
		}
		if f.Name == "format" && f.Kind == kString && e.NS.Name == "cat" {
			te.JSONFormat = true
		}
	}
	// Request body.
	if req != nil && req.Body != nil && e.HasBody && !e.NDJSON {
		gen := map[string]string{}
		for _, g := range req.Generics {
			gen[g.key()] = "any"
		}
		switch req.Body.Kind {
		case "properties":
			te.BodyType, te.BodyShape = "*"+base+"Body", shPtr
			decl, err := tm.structDecl(base+"Body", "the body of ["+e.NS.TypeName+"."+e.Method+"]", req.Body.Properties, gen)
			if err != nil {
				return nil, err
			}
			te.BodyDecl = decl
		case "value":
			g, err := tm.expr(req.Body.Value, gen)
			if err != nil {
				return nil, err
			}
			switch {
			case g.expr == "any":
				te.BodyType, te.BodyShape = "any", shPtr
			case g.shape == shStruct || g.shape == shScalar:
				te.BodyType, te.BodyShape = "*"+g.expr, shPtr
			default:
				te.BodyType, te.BodyShape = g.expr, g.shape
			}
		}
	}
	// Response.
	if resp != nil && resp.Body != nil && !e.Exists && (e.Accept == "" || te.JSONFormat) {
		gen := map[string]string{}
		for _, g := range resp.Generics {
			gen[g.key()] = "json.RawMessage"
		}
		name := base + "Response"
		switch resp.Body.Kind {
		case "properties":
			decl, err := tm.structDecl(name, "the response of ["+e.NS.TypeName+"."+e.Method+"]", resp.Body.Properties, gen)
			if err != nil {
				return nil, err
			}
			te.RespType, te.RespDecl = name, decl
		case "value":
			g, err := tm.expr(resp.Body.Value, gen)
			if err != nil {
				return nil, err
			}
			if g.shape == shRaw {
				break // binary or free-form: the raw response is the typed one
			}
			te.RespType = name
			te.RespDecl = fmt.Sprintf("// %s is the response of [%s.%s].\ntype %s = %s\n\n", name, e.NS.TypeName, e.Method, name, g.expr)
		case "no_body":
			te.RespType = name
			te.RespDecl = fmt.Sprintf("// %s is the (empty) response of [%s.%s].\ntype %s struct{}\n\n", name, e.NS.TypeName, e.Method, name)
		}
	}
	return te, nil
}

// structDecl declares a struct of an endpoint (its body or response) from
// properties.
func (tm *typeModel) structDecl(name, what string, props []*sProp, gen map[string]string) (string, error) {
	fields, _, err := tm.collect(&sType{Name: sName{Name: name, Namespace: "api"}, Properties: props}, gen)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "// %s is %s.\ntype %s struct {\n", name, what, name)
	for _, f := range fields {
		writeDoc(&b, "\t", f.Doc)
		fmt.Fprintf(&b, "\t%s %s `json:%q`\n", f.GoName, f.Type, f.Tag)
	}
	b.WriteString("}\n\n")
	return b.String(), nil
}

// int64Types are the specification's types of numbers that a request must
// carry exactly as a response gave them: sequence numbers and versions.
var int64Types = map[string]bool{"_types:SequenceNumber": true, "_types:VersionNumber": true}

// markInt64Params makes *int64 the query parameters and path parts of e
// that the request type req types as a sequence number or a version, and
// the integer parameters that name a primary term, so that the values a
// response decodes into int64 (_seq_no, _primary_term, _version) go back
// into a request as they are.
func markInt64Params(e *endpoint, req *sType) {
	if req == nil {
		return
	}
	for _, p := range append(append([]*sProp(nil), req.Path...), req.Query...) {
		exact := p.Type != nil && p.Type.Kind == "instance_of" && p.Type.Type != nil && int64Types[p.Type.Type.key()]
		if !exact && !strings.Contains(p.Name, "primary_term") {
			continue
		}
		for _, f := range e.Fields {
			if f.Name == p.Name && f.Kind == kInt {
				f.Kind = kInt64
			}
		}
	}
}
