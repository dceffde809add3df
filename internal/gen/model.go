package main

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// kind is the Go shape of a path part or query parameter.
type kind int

const (
	kString   kind = iota // string
	kList                 // []string, joined with ","
	kBool                 // *bool
	kInt                  // *int
	kInt64                // *int64: sequence numbers, primary terms and versions (see int64Params)
	kFloat                // *float64
	kEnum                 // a named string type with constants
	kEnumList             // a slice of a named string type, joined with ","
)

// model is what the templates render.
type model struct {
	Namespaces []*namespace // the root namespace (Name "") first, then by name
	Enums      []*enumType  // by Go name
	Count      int          // number of endpoints
}

type namespace struct {
	Name      string // "indices"; "" for root endpoints
	GoName    string // "Indices"
	TypeName  string // "IndicesAPI"; "API" for the root
	Endpoints []*endpoint
}

type endpoint struct {
	Name        string // "indices.create"
	NS          *namespace
	Method      string // "Create"
	ReqType     string // "IndicesCreateRequest"
	Description string
	DocURL      string
	Stability   string
	Visibility  string
	Deprecated  *rawDeprecation
	Fields      []*field
	Paths       []*path
	Required    []*field // parts every path needs
	HasBody     bool
	BodyDoc     string
	NDJSON      bool
	ContentType string // sent with a body when not plain JSON
	Accept      string // sent when not plain JSON
	Exists      bool   // HEAD-only endpoint returning a bool
	Typed       *typedEndpoint
}

type field struct {
	Name       string // spec name
	GoName     string
	Kind       kind
	Enum       *enumType
	Doc        string
	SpecType   string
	Deprecated *rawDeprecation
	FlagOnly   bool // behind a feature flag
	IsPart     bool
	IsParam    bool
	// IndexPart is set on a path part that names indices, aliases or data
	// streams (by the specification's type): "." and ".." are refused there,
	// as Elasticsearch refuses them as such names.
	IndexPart bool
}

type path struct {
	Template   string
	Parts      []*field
	Segments   []segment
	Method     string // without a body
	BodyMethod string // with a body
}

type segment struct {
	Literal string
	Part    *field
}

type enumType struct {
	Key     string // spec name of the parameter or part
	GoName  string
	Options []string
	Consts  []string
	Users   []string // endpoint names, for the doc comment
	// Varies is set when endpoints accept different sets of values.
	Varies   bool
	firstSet string
}

var initialisms = map[string]string{
	"id": "ID", "ids": "IDs", "api": "API", "apis": "APIs", "url": "URL", "uri": "URI",
	"http": "HTTP", "ml": "ML", "sql": "SQL", "esql": "ESQL", "eql": "EQL", "ilm": "ILM",
	"slm": "SLM", "ccr": "CCR", "ssl": "SSL", "tls": "TLS", "ip": "IP", "json": "JSON",
	"uuid": "UUID", "cpu": "CPU", "mvt": "MVT", "ttl": "TTL", "oidc": "OIDC", "saml": "SAML",
	"ccs": "CCS", "jwt": "JWT", "xpack": "XPack", "geoip": "GeoIP", "db": "DB", "nlp": "NLP",
}

// camel turns snake_case (or dotted) names into Go CamelCase with the usual
// initialisms.
func camel(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == '.' || r == '-' || r == ' ' }) {
		lw := strings.ToLower(w)
		if up, ok := initialisms[lw]; ok {
			b.WriteString(up)
			continue
		}
		b.WriteString(strings.ToUpper(lw[:1]) + lw[1:])
	}
	return b.String()
}

// enumNames overrides the Go names of enum types whose parameter names are
// too generic to stand alone in package api.
var enumNames = map[string]string{
	"type":   "ThreadType",
	"time":   "TimeUnit",
	"bytes":  "ByteUnit",
	"method": "HTTPMethod",
	"sort":   "SortBy",
}

// unenumeratedLists are list parameters whose options are column names:
// they stay []string.
var unenumeratedLists = map[string]bool{"h": true, "s": true}

// reserved are identifiers the hand-written files of package api declare.
var reserved = map[string]bool{
	"API": true, "New": true, "Option": true, "Duration": true, "Decode": true,
	"ErrMissingPart": true, "MissingPartError": true, "ErrInvalidPart": true, "InvalidPartError": true,
	"Do": true, "Call": true, "Route": true, "For": true, "SearchAs": true, "WithRepeat": true,
	"WithTimeout": true, "WithHeader": true, "WithOpaqueID": true, "WithIgnore": true,
	"WithRetries": true, "WithFilterPath": true, "WithPretty": true, "WithHuman": true,
	"WithErrorTrace": true, "WithQuery": true,
}

var partRE = regexp.MustCompile(`\{(\w+)\}`)

// buildModel turns the raw specification into the model the templates use.
func buildModel(s *spec) (*model, error) {
	m := &model{}
	nsByName := map[string]*namespace{}
	enums := map[string]*enumType{}
	idents := map[string]string{} // Go identifier -> what declared it
	claim := func(id, what string) error {
		if reserved[id] {
			return fmt.Errorf("%s: Go name %s is reserved", what, id)
		}
		if prev, ok := idents[id]; ok {
			return fmt.Errorf("%s: Go name %s already used by %s", what, id, prev)
		}
		idents[id] = what
		return nil
	}

	for _, name := range sortedKeys(s.Endpoints) {
		raw := s.Endpoints[name]
		nsName, short := "", name
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			nsName, short = name[:i], name[i+1:]
		}
		ns := nsByName[nsName]
		if ns == nil {
			ns = &namespace{Name: nsName, GoName: camel(nsName), TypeName: camel(nsName) + "API"}
			if nsName == "" {
				ns.TypeName = "API"
			} else if err := claim(ns.TypeName, "namespace "+nsName); err != nil {
				return nil, err
			}
			nsByName[nsName] = ns
		}
		e := &endpoint{
			Name:        name,
			NS:          ns,
			Method:      camel(short),
			ReqType:     camel(name) + "Request",
			Description: strings.TrimSpace(raw.Documentation.Description),
			DocURL:      raw.Documentation.URL,
			Stability:   raw.Stability,
			Visibility:  raw.Visibility,
			Deprecated:  raw.Deprecated,
		}
		if err := claim(e.ReqType, "endpoint "+name); err != nil {
			return nil, err
		}
		if err := buildEndpoint(e, raw, enums); err != nil {
			return nil, fmt.Errorf("endpoint %s: %w", name, err)
		}
		ns.Endpoints = append(ns.Endpoints, e)
		m.Count++
	}

	for _, k := range sortedKeys(nsByName) {
		m.Namespaces = append(m.Namespaces, nsByName[k]) // "" sorts first
	}
	// Method names must not clash with namespace fields on the root API.
	if root := nsByName[""]; root != nil {
		for _, e := range root.Endpoints {
			for _, ns := range m.Namespaces {
				if ns.Name != "" && ns.GoName == e.Method {
					return nil, fmt.Errorf("root endpoint %s clashes with namespace %s", e.Name, ns.Name)
				}
			}
		}
	}
	for _, k := range sortedKeys(enums) {
		en := enums[k]
		if err := claim(en.GoName, "enum "+k); err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for _, o := range en.Options {
			c := en.GoName + camel(o)
			if seen[c] {
				return nil, fmt.Errorf("enum %s: two options map to %s", k, c)
			}
			seen[c] = true
			if err := claim(c, "enum constant "+k+"="+o); err != nil {
				return nil, err
			}
			en.Consts = append(en.Consts, c)
		}
		m.Enums = append(m.Enums, en)
	}
	sort.Slice(m.Enums, func(i, j int) bool { return m.Enums[i].GoName < m.Enums[j].GoName })
	return m, nil
}

// buildEndpoint fills e from one endpoint of the rest-api-spec jar. In
// order:
//
//  1. fields: one per path part (in the order the paths name them) and one
//     per query parameter (sorted), each with a Go name that clashes with
//     no other field, Body or RawBody, and a Go type from the spec's type
//     (string, []string for lists, *bool, *int, *float64, or an enum type
//     registered in enums);
//  2. paths: a deprecated path is kept only when it can express a part no
//     other path can; the methods of every path are collected, and a part
//     found only on a dropped path becomes a plain query parameter;
//  3. paths sorted longest first (the generated code picks the most
//     specific path whose parts are set), and the parts every path needs
//     recorded as required (a missing one is api.ErrMissingPart);
//  4. the endpoint's kind: HEAD-only endpoints become exists methods
//     (bool, error); a body, an NDJSON content type and a non-JSON Accept
//     header are noted for the renderer.
func buildEndpoint(e *endpoint, raw *rawEndpoint, enums map[string]*enumType) error {
	fields, err := buildFields(e, raw, enums)
	if err != nil {
		return err
	}
	allMethods, err := buildPaths(e, raw, fields)
	if err != nil {
		return err
	}
	dropUnusedParts(e)
	sort.SliceStable(e.Paths, func(i, j int) bool { return len(e.Paths[i].Parts) > len(e.Paths[j].Parts) })
	e.Required = requiredParts(e)
	setEndpointKind(e, raw, allMethods)
	return nil
}

// fieldSet collects the fields of one endpoint while buildFields reads its
// path parts and query parameters.
type fieldSet struct {
	e      *endpoint
	enums  map[string]*enumType
	byName map[string]*field
	order  []*field
	// goNames maps each Go name taken to the spec name that took it.
	goNames map[string]string
}

// buildFields is step 1 of buildEndpoint: one field per path part (in the
// order the paths name them) and one per query parameter (sorted). It sets
// e.Fields and returns the fields by spec name.
func buildFields(e *endpoint, raw *rawEndpoint, enums map[string]*enumType) (map[string]*field, error) {
	fs := &fieldSet{e: e, enums: enums, byName: map[string]*field{}, goNames: map[string]string{"Body": "body", "RawBody": "raw body"}}
	// Paths: parts in the order they appear.
	for _, rp := range raw.URL.Paths {
		for _, m := range partRE.FindAllStringSubmatch(rp.Path, -1) {
			a, ok := rp.Parts[m[1]]
			if !ok {
				return nil, fmt.Errorf("path %s: part %s undeclared", rp.Path, m[1])
			}
			if _, err := fs.add(m[1], a, true); err != nil {
				return nil, err
			}
		}
	}
	for _, name := range sortedKeys(raw.Params) {
		if _, err := fs.add(name, raw.Params[name], false); err != nil {
			return nil, err
		}
	}
	e.Fields = fs.order
	return fs.byName, nil
}

// add returns the field named name, creating it on first sight; a name seen
// both as a path part and a query parameter is one field marked as both.
// The Go name must clash with no other field, Body or RawBody.
func (fs *fieldSet) add(name string, a rawArg, isPart bool) (*field, error) {
	if f, ok := fs.byName[name]; ok {
		if isPart {
			f.IsPart = true
		} else {
			f.IsParam = true
		}
		return f, nil
	}
	f := &field{
		Name:       name,
		GoName:     camel(name),
		Doc:        strings.TrimSpace(a.Description),
		SpecType:   a.Type,
		Deprecated: a.Deprecated,
		FlagOnly:   a.Visibility == "feature_flag",
		IsPart:     isPart,
		IsParam:    !isPart,
	}
	if f.GoName == "" {
		return nil, fmt.Errorf("parameter %q has no Go name", name)
	}
	if prev, ok := fs.goNames[f.GoName]; ok {
		return nil, fmt.Errorf("parameters %q and %q both map to %s", prev, name, f.GoName)
	}
	fs.goNames[f.GoName] = name
	kind, err := fieldKind(name, a, isPart)
	if err != nil {
		return nil, err
	}
	f.Kind = kind
	if f.Kind == kEnum || f.Kind == kEnumList {
		f.Enum = fs.enum(name, a)
	}
	fs.byName[name] = f
	fs.order = append(fs.order, f)
	return f, nil
}

// fieldKind maps the spec's type of a part or parameter to a field kind
// (string, list, bool, int, float or enum).
func fieldKind(name string, a rawArg, isPart bool) (kind, error) {
	switch a.Type {
	case "boolean":
		return kBool, nil
	case "int", "long":
		return kInt, nil
	case "number", "double":
		return kFloat, nil
	case "list":
		if len(a.Options) > 0 && !unenumeratedLists[name] && !isPart {
			return kEnumList, nil
		}
		return kList, nil
	case "enum":
		return kEnum, nil
	case "string", "time", "date", "boolean|long", "number|string":
		return kString, nil
	}
	return 0, fmt.Errorf("parameter %q has unknown type %q", name, a.Type)
}

// enum returns the enum type of parameter name, registered in fs.enums and
// shared by every endpoint with a parameter of that name: its options are
// the union of theirs (Varies when they differ) and its Users lists them.
func (fs *fieldSet) enum(name string, a rawArg) *enumType {
	en := fs.enums[name]
	if en == nil {
		gn := enumNames[name]
		if gn == "" {
			gn = camel(name)
		}
		en = &enumType{Key: name, GoName: gn}
		fs.enums[name] = en
	}
	set := strings.Join(sortedCopy(a.Options), ",")
	if en.firstSet == "" {
		en.firstSet = set
	} else if set != en.firstSet {
		en.Varies = true
	}
	for _, o := range a.Options {
		if !contains(en.Options, o) {
			en.Options = append(en.Options, o)
		}
	}
	if !contains(en.Users, fs.e.Name) {
		en.Users = append(en.Users, fs.e.Name)
	}
	return en
}

// buildPaths is step 2 of buildEndpoint: it sets e.Paths, keeping a
// deprecated path only when it can express a part no other path (or
// parameter) can, and returns the methods of every path of the spec.
func buildPaths(e *endpoint, raw *rawEndpoint, fields map[string]*field) (map[string]bool, error) {
	expressible := map[string]bool{}
	for _, rp := range raw.URL.Paths {
		if rp.Deprecated == nil {
			for k := range rp.Parts {
				expressible[k] = true
			}
		}
	}
	for k := range raw.Params {
		expressible[k] = true
	}
	allMethods := map[string]bool{}
	for _, rp := range raw.URL.Paths {
		for _, m := range rp.Methods {
			allMethods[m] = true
		}
		if rp.Deprecated != nil {
			needed := false
			for k := range rp.Parts {
				if !expressible[k] {
					needed = true
				}
			}
			if !needed {
				continue
			}
		}
		e.Paths = append(e.Paths, newPath(rp, raw.Body != nil, fields))
	}
	if len(e.Paths) == 0 {
		return nil, fmt.Errorf("no usable path")
	}
	return allMethods, nil
}

// newPath builds one path: its method (GET when allowed, else the first),
// the method used when a body is sent (PUT or POST when allowed), and its
// template cut into literal segments and parts.
func newPath(rp rawPath, hasBody bool, fields map[string]*field) *path {
	p := &path{Template: rp.Path, Method: rp.Methods[0]}
	if contains(rp.Methods, "GET") {
		p.Method = "GET"
	}
	p.BodyMethod = p.Method
	if hasBody {
		for _, m := range rp.Methods {
			if m == "PUT" || m == "POST" {
				p.BodyMethod = m
				break
			}
		}
	}
	idx := partRE.FindAllStringSubmatchIndex(rp.Path, -1)
	last := 0
	for _, loc := range idx {
		if loc[0] > last {
			p.Segments = append(p.Segments, segment{Literal: rp.Path[last:loc[0]]})
		}
		f := fields[rp.Path[loc[2]:loc[3]]]
		p.Segments = append(p.Segments, segment{Part: f})
		p.Parts = append(p.Parts, f)
		last = loc[1]
	}
	if last < len(rp.Path) {
		p.Segments = append(p.Segments, segment{Literal: rp.Path[last:]})
	}
	return p
}

// dropUnusedParts makes a part found only on a dropped deprecated path a
// plain query parameter.
func dropUnusedParts(e *endpoint) {
	for _, f := range e.Fields {
		if !f.IsPart {
			continue
		}
		used := false
		for _, p := range e.Paths {
			if containsField(p.Parts, f) {
				used = true
			}
		}
		f.IsPart = used
	}
}

// requiredParts returns the parts every path needs (step 3 of
// buildEndpoint, after the paths are sorted longest first).
func requiredParts(e *endpoint) []*field {
	var required []*field
	for _, f := range e.Paths[len(e.Paths)-1].Parts {
		all := true
		for _, p := range e.Paths {
			if !containsField(p.Parts, f) {
				all = false
			}
		}
		if all {
			required = append(required, f)
		}
	}
	return required
}

// setEndpointKind is step 4 of buildEndpoint: an exists method for a
// HEAD-only endpoint, and the body, content type and accept header.
func setEndpointKind(e *endpoint, raw *rawEndpoint, allMethods map[string]bool) {
	if len(allMethods) == 1 && allMethods["HEAD"] {
		e.Exists = true
	}
	if raw.Body != nil {
		e.HasBody = true
		e.BodyDoc = strings.TrimSpace(raw.Body.Description)
		e.NDJSON = raw.Body.Serialize == "bulk"
	}
	if ct := raw.Headers.ContentType; len(ct) > 0 && ct[0] != "application/json" {
		e.ContentType = ct[0]
	}
	if e.NDJSON {
		e.ContentType = "application/x-ndjson"
	}
	if acc := raw.Headers.Accept; len(acc) > 0 && !(len(acc) == 1 && acc[0] == "application/json") {
		e.Accept = strings.Join(acc, ", ")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsField(list []*field, f *field) bool {
	for _, x := range list {
		if x == f {
			return true
		}
	}
	return false
}

func sortedCopy(list []string) []string {
	out := append([]string(nil), list...)
	sort.Strings(out)
	return out
}
