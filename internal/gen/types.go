package main

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// typeModel is the specification's type system mapped to Go: a Go name for
// every type emitted into package types, and the rules that turn a type
// expression into Go.
type typeModel struct {
	types    map[string]*sType // by namespace:name
	goName   map[string]string // key -> Go name in package types
	used     map[string]bool   // Go names taken in package types
	settings map[string]bool   // keys of the types reachable from IndexSettings (inSettings)
	// pkg is the qualifier for package types when rendering into another
	// package ("types." from package api, "" inside package types).
	pkg string
}

// runtimeNames are declared by the hand-written files of package types.
var runtimeNames = []string{"Union", "OneOrMany", "Buckets", "Stringified", "Literal", "Aggregates",
	"ErrVariant", "VariantError", "ErrNoAggregate", "AggregateError", "As"}

// numeric maps the specification's number aliases to Go.
var numeric = map[string]string{
	"integer": "int", "short": "int", "byte": "int", "uint": "uint",
	"long": "int64", "ulong": "uint64", "float": "float64", "double": "float64",
}

// renamed gives a few types the names a Go programmer would look for.
var renamed = map[string]string{}

func newTypeModel(s *schema) (*typeModel, error) {
	tm := &typeModel{types: map[string]*sType{}, goName: map[string]string{}, used: map[string]bool{}}
	for _, n := range runtimeNames {
		tm.used[n] = true
	}
	s.Types = append(s.Types, namedInlineUnions(s.Types)...)
	byName := map[string][]*sType{}
	for _, t := range s.Types {
		tm.types[t.Name.key()] = t
		if !tm.emitted(t) {
			continue
		}
		byName[strings.ToLower(goIdent(t.Name.Name))] = append(byName[strings.ToLower(goIdent(t.Name.Name))], t)
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		list := byName[n]
		for _, t := range list {
			name := goIdent(t.Name.Name)
			if r, ok := renamed[t.Name.key()]; ok {
				name = r
			} else if len(list) > 1 || strings.HasPrefix(name, "Response") || strings.HasPrefix(name, "Request") || tm.used[name] {
				name = nsPrefix(t.Name.Namespace) + name
			}
			for tm.used[name] {
				name += "Type"
			}
			tm.used[name] = true
			tm.goName[t.Name.key()] = name
		}
	}
	return tm, nil
}

// emitted reports whether t becomes a declaration of package types.
func (tm *typeModel) emitted(t *sType) bool {
	switch t.Name.Namespace {
	case "_builtins", "_spec_utils":
		return false
	}
	if t.Kind == "request" || t.Kind == "response" {
		return false
	}
	if t.Name.Namespace == "_types" {
		if _, ok := numeric[t.Name.Name]; ok {
			return false
		}
		switch t.Name.Name {
		case "DurationValue", "EpochTime":
			return false
		}
	}
	if t.Name.key() == "_types.aggregations:Buckets" {
		return false
	}
	return true
}

// nsPrefix turns a namespace into a Go name prefix: "_global.search._types"
// -> "Search", "indices._types" -> "Indices".
func nsPrefix(ns string) string {
	var b strings.Builder
	for _, part := range strings.Split(ns, ".") {
		if part == "_types" || part == "_global" || part == "" {
			continue
		}
		b.WriteString(camel(strings.TrimPrefix(part, "_")))
	}
	return b.String()
}

// goIdent turns a specification name into an exported Go identifier.
func goIdent(s string) string {
	var b strings.Builder
	upper := true
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			if upper {
				r -= 'a' - 'A'
			}
			b.WriteRune(r)
			upper = false
		case r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			upper = false
		default:
			upper = true
		}
	}
	out := b.String()
	if out == "" || out[0] >= '0' && out[0] <= '9' {
		out = "X" + out
	}
	return out
}

// fieldIdent is the Go name of a property: snake_case to CamelCase with
// the usual initialisms.
func fieldIdent(s string) string {
	n := camel(strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, s))
	if n == "" || n[0] >= '0' && n[0] <= '9' {
		n = "X" + n
	}
	return n
}

// shape classifies a Go type for field tags and pointers.
type shape int

const (
	shScalar shape = iota // number or bool: a pointer when optional
	shString              // string or named string (enum): omitempty
	shStruct              // a struct: a pointer when optional
	shZero                // has IsZero (unions, Buckets): omitzero
	shList                // slice or map: omitempty
	shRaw                 // json.RawMessage: omitempty
	shPtr                 // already a pointer
)

type gType struct {
	expr  string
	shape shape
}

// expr renders a type expression; gen maps generic parameter keys to Go
// expressions.
func (tm *typeModel) expr(v *sValue, gen map[string]string) (gType, error) {
	switch v.Kind {
	case "instance_of":
		return tm.instance(v, gen)
	case "array_of":
		e, err := tm.expr(v.elem(), gen)
		if err != nil {
			return gType{}, err
		}
		return gType{"[]" + e.expr, shList}, nil
	case "dictionary_of":
		e, err := tm.expr(v.elem(), gen)
		if err != nil {
			return gType{}, err
		}
		if e.expr == tm.pkg+"Aggregate" {
			return gType{tm.pkg + "Aggregates", shList}, nil
		}
		return gType{"map[string]" + e.expr, shList}, nil
	case "user_defined_value":
		return gType{"json.RawMessage", shRaw}, nil
	case "literal_value":
		switch {
		case len(v.RawValue) > 0 && v.RawValue[0] == '"':
			return gType{"string", shString}, nil
		case string(v.RawValue) == "true" || string(v.RawValue) == "false":
			return gType{"bool", shScalar}, nil
		default:
			return gType{"int64", shScalar}, nil
		}
	case "union_of":
		return tm.union(v, gen)
	}
	return gType{}, fmt.Errorf("unknown type kind %q", v.Kind)
}

func (tm *typeModel) instance(v *sValue, gen map[string]string) (gType, error) {
	n := v.Type
	if g, ok := gen[n.key()]; ok {
		if g == n.Name {
			return gType{g, shRaw}, nil // a type parameter of the declaration
		}
		return gType{g, exprShape(g)}, nil
	}
	switch n.Namespace {
	case "_builtins":
		switch n.Name {
		case "string":
			return gType{"string", shString}, nil
		case "boolean":
			return gType{"bool", shScalar}, nil
		case "number":
			return gType{"float64", shScalar}, nil
		case "null", "binary":
			return gType{"json.RawMessage", shRaw}, nil
		case "void":
			return gType{"struct{}", shStruct}, nil
		}
		return gType{}, fmt.Errorf("unknown builtin %s", n.Name)
	case "_spec_utils":
		arg := func() (gType, error) {
			if len(v.Generics) != 1 {
				return gType{}, fmt.Errorf("%s without its argument", n.Name)
			}
			return tm.expr(v.Generics[0], gen)
		}
		switch n.Name {
		case "Stringified":
			a, err := arg()
			if err != nil {
				return a, err
			}
			return gType{tm.pkg + "Stringified[" + a.expr + "]", shStruct}, nil
		case "WithNullValue":
			a, err := arg()
			if err != nil || a.shape == shPtr || a.shape == shList || a.shape == shRaw || a.shape == shZero {
				return a, err
			}
			return gType{"*" + a.expr, shPtr}, nil
		case "PipeSeparatedFlags":
			return gType{"string", shString}, nil
		case "NullValue":
			return gType{"json.RawMessage", shRaw}, nil
		case "Void":
			return gType{"struct{}", shStruct}, nil
		}
		return gType{}, fmt.Errorf("unknown _spec_utils type %s", n.Name)
	case "_types":
		if g, ok := numeric[n.Name]; ok {
			return gType{g, shScalar}, nil
		}
		switch n.Name {
		case "DurationValue", "EpochTime":
			if len(v.Generics) == 1 {
				return tm.expr(v.Generics[0], gen)
			}
		}
	}
	if n.key() == "_types.aggregations:Buckets" {
		a, err := tm.expr(v.Generics[0], gen)
		if err != nil {
			return a, err
		}
		return gType{tm.pkg + "Buckets[" + a.expr + "]", shZero}, nil
	}
	t, ok := tm.types[n.key()]
	if !ok {
		return gType{}, fmt.Errorf("unknown type %s", n.key())
	}
	name, ok := tm.goName[n.key()]
	if !ok {
		return gType{}, fmt.Errorf("type %s is not in package types", n.key())
	}
	name = tm.pkg + name
	if len(v.Generics) > 0 {
		args := make([]string, len(v.Generics))
		for i, g := range v.Generics {
			a, err := tm.expr(g, gen)
			if err != nil {
				return a, err
			}
			args[i] = a.expr
		}
		name += "[" + strings.Join(args, ", ") + "]"
	}
	switch t.Kind {
	case "enum":
		return gType{name, shString}, nil
	case "type_alias":
		return tm.aliasShape(t, name)
	}
	return gType{name, shStruct}, nil
}

// aliasShape is the shape of a reference to a type alias, rendered either
// as a Go alias of its target or as a union type.
func (tm *typeModel) aliasShape(t *sType, name string) (gType, error) {
	target, isUnion, err := tm.aliasTarget(t)
	if err != nil {
		return gType{}, err
	}
	if isUnion {
		return gType{name, shZero}, nil
	}
	return gType{name, target.shape}, nil
}

// aliasTarget returns what an alias stands for: a plain Go type (rendered as
// `type X = T`), or isUnion for a union rendered as a struct over Union.
func (tm *typeModel) aliasTarget(t *sType) (gType, bool, error) {
	gen := map[string]string{}
	for _, g := range t.Generics {
		gen[g.key()] = g.Name
	}
	if t.Type.Kind == "union_of" {
		if simple, ok, err := tm.simpleUnion(t.Type, gen); err != nil || ok {
			return simple, false, err
		}
		return gType{}, true, nil
	}
	g, err := tm.expr(t.Type, gen)
	return g, false, err
}

// nonNull returns the items of a union that are not null.
func nonNull(v *sValue) []*sValue {
	var out []*sValue
	for _, it := range v.Items {
		if it.Kind == "instance_of" && (it.Type.key() == "_builtins:null" || it.Type.key() == "_spec_utils:NullValue") {
			continue
		}
		out = append(out, it)
	}
	return out
}

// simpleUnion maps the unions Go can say without a union type: `X | null`
// (a pointer or an omitted field) and `X | X[]` (OneOrMany).
func (tm *typeModel) simpleUnion(v *sValue, gen map[string]string) (gType, bool, error) {
	items := nonNull(v)
	if len(items) == 1 {
		g, err := tm.expr(items[0], gen)
		if err == nil && len(items) < len(v.Items) && (g.shape == shScalar || g.shape == shStruct) {
			// `X | null`: a pointer, so that null is told from a value.
			g = gType{"*" + g.expr, shPtr}
		}
		return g, true, err
	}
	if len(items) == 2 {
		a, b := items[0], items[1]
		if a.Kind == "array_of" {
			a, b = b, a
		}
		if b.Kind == "array_of" && sameType(a, b.elem()) {
			g, err := tm.expr(a, gen)
			if err != nil {
				return g, false, err
			}
			return gType{tm.pkg + "OneOrMany[" + g.expr + "]", shList}, true, nil
		}
	}
	return gType{}, false, nil
}

func sameType(a, b *sValue) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case "instance_of":
		if a.Type.key() != b.Type.key() || len(a.Generics) != len(b.Generics) {
			return false
		}
		for i := range a.Generics {
			if !sameType(a.Generics[i], b.Generics[i]) {
				return false
			}
		}
		return true
	case "array_of":
		return sameType(a.elem(), b.elem())
	}
	return false
}

// union renders an inline union.
func (tm *typeModel) union(v *sValue, gen map[string]string) (gType, error) {
	if g, ok, err := tm.simpleUnion(v, gen); err != nil || ok {
		return g, err
	}
	return gType{tm.pkg + "Union", shZero}, nil
}

// fieldType is the Go type and JSON tag options of a property.
func fieldType(g gType, required bool) (string, string) {
	if required {
		switch g.shape {
		case shZero:
			return g.expr, ",omitzero"
		case shList, shRaw:
			return g.expr, ",omitempty"
		}
		return g.expr, ""
	}
	switch g.shape {
	case shScalar, shStruct:
		return "*" + g.expr, ",omitempty"
	case shZero:
		return g.expr, ",omitzero"
	}
	return g.expr, ",omitempty"
}

// field is a rendered struct field.
type gField struct {
	GoName, Type, JSON, Tag, Doc string
	Required                     bool
	Shortcut                     bool
}

// collect returns the properties of an interface with those it inherits
// (parents first), with generic parameters substituted, and the additional
// properties behaviour, if any.
func (tm *typeModel) collect(t *sType, gen map[string]string) ([]gField, *gField, error) {
	var fields []gField
	var extra *gField
	if t.Inherits != nil {
		parent, ok := tm.types[t.Inherits.Type.key()]
		if !ok {
			return nil, nil, fmt.Errorf("%s inherits unknown %s", t.Name.key(), t.Inherits.Type.key())
		}
		pgen := map[string]string{}
		for i, g := range parent.Generics {
			if i < len(t.Inherits.Generics) {
				a, err := tm.expr(t.Inherits.Generics[i], gen)
				if err != nil {
					return nil, nil, err
				}
				pgen[g.key()] = a.expr
			}
		}
		pf, pe, err := tm.collect(parent, pgen)
		if err != nil {
			return nil, nil, err
		}
		fields, extra = pf, pe
	}
	for _, b := range t.Behaviors {
		if b.Type.Name != "AdditionalProperties" && b.Type.Name != "AdditionalProperty" {
			continue
		}
		if len(b.Generics) != 2 {
			continue
		}
		v, err := tm.expr(b.Generics[1], gen)
		if err != nil {
			return nil, nil, err
		}
		name := "Extra"
		if b.Meta.Fieldname != "" {
			name = fieldIdent(b.Meta.Fieldname)
		}
		doc := "Additional members of the object, by name."
		if b.Meta.Fieldname == "aggregations" {
			doc = "The results of sub-aggregations, by name (with typed_keys, \"kind#name\")."
		}
		elem := "map[string]" + v.expr
		if v.expr == tm.pkg+"Aggregate" {
			elem = tm.pkg + "Aggregates"
		}
		extra = &gField{GoName: name, Type: elem, Doc: doc}
	}
	for _, p := range t.Properties {
		g, err := tm.expr(p.Type, gen)
		if err != nil {
			return nil, nil, fmt.Errorf("%s.%s: %w", t.Name.key(), p.Name, err)
		}
		if g.shape == shScalar && tm.inSettings(t) {
			// The server answers index settings with every value a string
			// ("max_result_window":"10000"), whatever the specification says.
			g = gType{tm.pkg + "Stringified[" + g.expr + "]", shStruct}
		}
		typ, opt := fieldType(g, p.Required && !tm.selfRef(t, p.Type))
		doc := p.Description
		if p.Deprecation != nil {
			d := "Deprecated: since " + p.Deprecation.Version
			if p.Deprecation.Description != "" {
				d += ": " + p.Deprecation.Description
			}
			doc = strings.TrimSpace(doc + "\n\n" + d)
		}
		f := gField{GoName: fieldIdent(p.Name), Type: typ, JSON: p.Name, Tag: p.Name + opt, Doc: doc, Required: p.Required,
			Shortcut: p.Name == t.ShortcutProperty}
		replaced := false
		for i := range fields {
			if fields[i].JSON == p.Name {
				fields[i] = f
				replaced = true
			}
		}
		if !replaced {
			fields = append(fields, f)
		}
	}
	// Distinct Go names: a property whose name only differs by an underscore
	// (`_source` and `source`) keeps the plain name for the underscored one.
	seen := map[string]int{}
	for i := range fields {
		seen[fields[i].GoName]++
	}
	for i := range fields {
		if seen[fields[i].GoName] > 1 && !strings.HasPrefix(fields[i].JSON, "_") {
			fields[i].GoName += "Value"
		}
	}
	if extra != nil && seen[extra.GoName] > 0 {
		extra.GoName = "Additional" + extra.GoName
	}
	return fields, extra, nil
}

// renderTypes renders package types, by file name.
func renderTypes(tm *typeModel) (map[string][]byte, error) {
	files := map[string]*bytes.Buffer{}
	imports := map[string]map[string]bool{}
	aggKinds := [][3]string{} // Go accessor name, Go type, typed_keys kind
	for _, key := range sortedKeys(tm.types) {
		t := tm.types[key]
		if !tm.emitted(t) {
			continue
		}
		file := typesFile(t.Name.Namespace)
		b := files[file]
		if b == nil {
			b = &bytes.Buffer{}
			files[file] = b
			imports[file] = map[string]bool{}
		}
		var err error
		switch t.Kind {
		case "interface":
			err = tm.renderInterface(b, t)
		case "enum":
			err = tm.renderEnum(b, t)
		case "type_alias":
			err = tm.renderAlias(b, t)
		default:
			err = fmt.Errorf("unexpected kind %s", t.Kind)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		if t.VariantName != "" && strings.HasPrefix(t.Name.Namespace, "_types.aggregations") && strings.HasSuffix(t.Name.Name, "Aggregate") {
			aggKinds = append(aggKinds, [3]string{strings.TrimSuffix(tm.goName[key], "Aggregate"), tm.goName[key], t.VariantName})
		}
	}
	// Typed accessors of aggregation results by name.
	ab := files["zz_aggregations.go"]
	for _, k := range aggKinds {
		fmt.Fprintf(ab, "// %s returns the %s result named name (typed_keys kind %q).\n", k[0], k[1], k[2])
		fmt.Fprintf(ab, "func (a Aggregates) %s(name string) (*%s, error) {\n\treturn aggregate[%s](a, name, %q)\n}\n\n", k[0], k[1], k[1], k[2])
	}
	out := map[string][]byte{}
	for name, b := range files {
		src := b.Bytes()
		var head bytes.Buffer
		head.WriteString(typesHeader + "package types\n\n")
		if bytes.Contains(src, []byte("json.")) {
			head.WriteString("import \"encoding/json\"\n\n")
		}
		formatted, err := gofmt(name, append(head.Bytes(), src...))
		if err != nil {
			return nil, err
		}
		out[name] = formatted
	}
	return out, nil
}

// typesHeader starts every generated file of package types.
const typesHeader = "// Code generated by go run ./internal/gen from the Elasticsearch specification 9.5. DO NOT EDIT.\n\n"

// typesFile groups declarations by namespace: "_types.query_dsl" ->
// zz_query_dsl.go, "indices._types" -> zz_indices.go.
func typesFile(ns string) string {
	parts := strings.Split(ns, ".")
	name := parts[0]
	if name == "_types" {
		name = "common"
		if len(parts) > 1 {
			name = parts[1]
		}
	}
	if name == "_global" {
		name = "global"
	}
	return "zz_" + strings.Trim(name, "_") + ".go"
}

func genericParams(t *sType) (string, map[string]string) {
	gen := map[string]string{}
	if len(t.Generics) == 0 {
		return "", gen
	}
	names := make([]string, len(t.Generics))
	for i, g := range t.Generics {
		gen[g.key()] = g.Name
		names[i] = g.Name
	}
	return "[" + strings.Join(names, ", ") + " any]", gen
}

func (tm *typeModel) renderInterface(b *bytes.Buffer, t *sType) error {
	name := tm.goName[t.Name.key()]
	params, gen := genericParams(t)
	fields, extra, err := tm.collect(t, gen)
	if err != nil {
		return err
	}
	writeDoc(b, "", docComment(name, t.Description))
	if t.Variants != nil && t.Variants.Kind == "container" {
		if t.Description != "" {
			b.WriteString("//\n")
		}
		fmt.Fprintf(b, "// %s is a container: set exactly one of its variant fields.\n", name)
	}
	if t.Description == "" && !(t.Variants != nil && t.Variants.Kind == "container") {
		fmt.Fprintf(b, "// %s is %s of the specification.\n", name, specRef(t.Name))
	}
	writeShortDoc(b, name)
	fmt.Fprintf(b, "type %s%s struct {\n", name, params)
	b.WriteString("\t_ [0]func() // not comparable: no equality code to link (see the package doc)\n")
	for _, f := range fields {
		writeDoc(b, "\t", f.Doc)
		fmt.Fprintf(b, "\t%s %s `json:%q`\n", f.GoName, f.Type, f.Tag)
	}
	if extra != nil {
		writeDoc(b, "\t", extra.Doc)
		fmt.Fprintf(b, "\t%s %s `json:\"-\"`\n", extra.GoName, extra.Type)
	}
	b.WriteString("}\n\n")
	recv, plain := name, "plain"+name
	if params != "" {
		names := make([]string, len(t.Generics))
		for i, g := range t.Generics {
			names[i] = g.Name
		}
		args := "[" + strings.Join(names, ", ") + "]"
		recv, plain = name+args, "plain"+name+args
	}
	if extra != nil || t.ShortcutProperty != "" {
		fmt.Fprintf(b, "type plain%s%s %s\n\n", name, params, recv)
	}
	if extra != nil {
		names := make([]string, len(fields))
		for i, f := range fields {
			names[i] = strconv.Quote(f.JSON)
		}
		fmt.Fprintf(b, "// UnmarshalJSON decodes the members of %s and collects the others into %s.\n", name, extra.GoName)
		fmt.Fprintf(b, "func (x *%s) UnmarshalJSON(data []byte) error {\n", recv)
		fmt.Fprintf(b, "\treturn decodeExtra(data, (*%s)(x), &x.%s, []string{%s})\n}\n\n", plain, extra.GoName, strings.Join(names, ", "))
		fmt.Fprintf(b, "// MarshalJSON encodes the members of %s with those of %s.\n", name, extra.GoName)
		fmt.Fprintf(b, "func (x %s) MarshalJSON() ([]byte, error) {\n\treturn encodeExtra(%s(x), x.%s)\n}\n\n", recv, plain, extra.GoName)
	} else if t.ShortcutProperty != "" {
		var sc *gField
		for i := range fields {
			if fields[i].Shortcut {
				sc = &fields[i]
			}
		}
		if sc == nil {
			return fmt.Errorf("shortcut property %s not found", t.ShortcutProperty)
		}
		target := "&x." + sc.GoName
		fmt.Fprintf(b, "// UnmarshalJSON decodes %s, or its short form (a value for %s alone).\n", name, sc.GoName)
		fmt.Fprintf(b, "func (x *%s) UnmarshalJSON(data []byte) error {\n", recv)
		fmt.Fprintf(b, "\treturn decodeShortcut(data, (*%s)(x), %s)\n}\n\n", plain, target)
	}
	return nil
}

func specRef(n sName) string { return "`" + n.Namespace + "." + n.Name + "`" }

func (tm *typeModel) renderEnum(b *bytes.Buffer, t *sType) error {
	name := tm.goName[t.Name.key()]
	if d := docComment(name, t.Description); d != "" {
		writeDoc(b, "", d)
		b.WriteString("//\n")
	} else {
		fmt.Fprintf(b, "// %s is the enumeration %s of the specification.\n//\n", name, specRef(t.Name))
	}
	b.WriteString("// A value the server sends that is not among the constants is kept as it is.\n")
	fmt.Fprintf(b, "type %s string\n\n", name)
	b.WriteString("const (\n")
	seen := map[string]bool{}
	for _, m := range t.Members {
		c := name + goIdent(m.Name)
		for seen[c] || (tm.used[c] && c != name) {
			c += "Value"
		}
		seen[c] = true
		writeDoc(b, "\t", m.Description)
		fmt.Fprintf(b, "\t%s %s = %q\n", c, name, m.Name)
	}
	b.WriteString(")\n\n")
	if t.EsQuirk != "" && hasBoolMember(t) {
		fmt.Fprintf(b, "// UnmarshalJSON accepts the JSON booleans the server may send for %q and %q.\n", "true", "false")
		fmt.Fprintf(b, "func (x *%s) UnmarshalJSON(data []byte) error {\n\treturn decodeLenientEnum(data, (*string)(x))\n}\n\n", name)
		fmt.Fprintf(b, "// MarshalJSON encodes %q and %q as JSON booleans.\n", "true", "false")
		fmt.Fprintf(b, "func (x %s) MarshalJSON() ([]byte, error) {\n\treturn encodeLenientEnum(string(x))\n}\n\n", name)
	}
	return nil
}

func hasBoolMember(t *sType) bool {
	for _, m := range t.Members {
		if m.Name == "true" || m.Name == "false" {
			return true
		}
	}
	return false
}

func (tm *typeModel) renderAlias(b *bytes.Buffer, t *sType) error {
	name := tm.goName[t.Name.key()]
	params, gen := genericParams(t)
	target, isUnion, err := tm.aliasTarget(t)
	if err != nil {
		return err
	}
	if !isUnion {
		if d := docComment(name, t.Description); d != "" {
			writeDoc(b, "", d)
		} else {
			fmt.Fprintf(b, "// %s is %s of the specification.\n", name, specRef(t.Name))
		}
		if params != "" {
			fmt.Fprintf(b, "type %s%s = %s\n\n", name, params, target.expr)
		} else {
			fmt.Fprintf(b, "type %s = %s\n\n", name, target.expr)
		}
		return nil
	}
	// A union: a struct over Union, an accessor and a constructor per variant.
	if d := docComment(name, t.Description); d != "" {
		writeDoc(b, "", d)
		b.WriteString("//\n")
	}
	items := nonNull(t.Type)
	var tag string
	if t.Variants != nil && t.Variants.Kind == "internal_tag" {
		tag = t.Variants.Tag
	}
	switch {
	case tag != "":
		fmt.Fprintf(b, "// %s is a union whose variant is named by its %q member: read it with %s\n// and the As accessors, build one with the From constructors.\n", name, tag, fieldIdent(tag))
	case t.Variants != nil && t.Variants.Kind == "external_tag":
		fmt.Fprintf(b, "// %s is a union whose variant is named outside it (with typed_keys, by the\n// \"kind#\" prefix of its name): read it with the As accessors.\n", name)
	default:
		fmt.Fprintf(b, "// %s is a union of %d shapes, decoded when read: use the As accessors to\n// read it and the From constructors to build one.\n", name, len(items))
	}
	writeShortDoc(b, name)
	fmt.Fprintf(b, "type %s%s struct{ Union }\n\n", name, params)
	recv := name
	if params != "" {
		names := make([]string, len(t.Generics))
		for i, g := range t.Generics {
			names[i] = g.Name
		}
		recv = name + "[" + strings.Join(names, ", ") + "]"
	}
	if tag != "" {
		fmt.Fprintf(b, "// %s returns the %q member that names the variant (\"\" when absent).\n", fieldIdent(tag), tag)
		fmt.Fprintf(b, "func (u %s) %s() string { return u.tag(%q) }\n\n", recv, fieldIdent(tag), tag)
	}
	usedNames := map[string]bool{}
	seenTypes := map[string]bool{}
	for i, it := range items {
		g, err := tm.expr(it, gen)
		if err != nil {
			return err
		}
		if seenTypes[g.expr] {
			continue
		}
		seenTypes[g.expr] = true
		vname := variantName(it, g)
		if i < len(t.CodegenNames) {
			vname = fieldIdent(t.CodegenNames[i])
		}
		if t.Variants != nil && t.Variants.Kind == "external_tag" {
			vname = strings.TrimSuffix(vname, "Aggregate")
		}
		if strings.HasSuffix(vname, name) && len(vname) > len(name) {
			vname = strings.TrimSuffix(vname, name)
		}
		lit := ""
		if tag != "" && it.Kind == "instance_of" {
			if vt, ok := tm.types[it.Type.key()]; ok {
				lit = tagLiteral(tm, vt, tag)
			}
		}
		if lit != "" && strings.HasPrefix(lit, "\"") {
			// Named after the tag the server sends: PropertyFromInteger.
			vname = fieldIdent(strings.Trim(lit, "\""))
		}
		for usedNames[vname] {
			vname += "Variant"
		}
		usedNames[vname] = true
		fmt.Fprintf(b, "// As%s decodes the union as %s.\n", vname, strings.TrimPrefix(g.expr, "*"))
		fmt.Fprintf(b, "func (u %s) As%s() (%s, error) { return as[%s](u.Union, %q, %q) }\n\n", recv, vname, g.expr, g.expr, name, vname)
		if params != "" {
			continue // generic constructors would need explicit instantiation
		}
		fmt.Fprintf(b, "// %sFrom%s returns a %s holding v.\n", name, vname, name)
		if lit != "" {
			fmt.Fprintf(b, "// It sets v's %q member to %s.\n", tag, lit)
			fmt.Fprintf(b, "func %sFrom%s(v %s) %s { v.%s = %s; return %s{of(v)} }\n\n", name, vname, g.expr, name, fieldIdent(tag), lit, name)
		} else {
			fmt.Fprintf(b, "func %sFrom%s(v %s) %s { return %s{of(v)} }\n\n", name, vname, g.expr, name, name)
		}
	}
	return nil
}

// tagLiteral finds the literal value of the tag property of a variant
// (for example "keyword" for KeywordProperty's "type").
func tagLiteral(tm *typeModel, t *sType, tag string) string {
	for cur := t; cur != nil; {
		for _, p := range cur.Properties {
			if p.Name == tag && p.Type.Kind == "literal_value" {
				return string(p.Type.RawValue)
			}
		}
		if cur.Inherits == nil {
			break
		}
		cur = tm.types[cur.Inherits.Type.key()]
	}
	return ""
}

// variantName names a union variant after its Go type.
func variantName(it *sValue, g gType) string {
	e := strings.TrimPrefix(g.expr, "*")
	e = strings.TrimPrefix(e, "types.")
	switch {
	case strings.HasPrefix(e, "[]"):
		return goIdent(strings.TrimPrefix(strings.TrimPrefix(e, "[]"), "types.")) + "List"
	case strings.HasPrefix(e, "map[string]"):
		return goIdent(strings.TrimPrefix(strings.TrimPrefix(e, "map[string]"), "types.")) + "Map"
	}
	if i := strings.IndexByte(e, '['); i >= 0 {
		e = e[:i]
	}
	switch e {
	case "string":
		return "String"
	case "bool":
		return "Bool"
	case "int", "int64", "uint", "uint64":
		return "Int"
	case "float64":
		return "Float"
	case "json.RawMessage":
		return "Raw"
	}
	return goIdent(e)
}

// selfRef reports whether a property of t refers to t itself by value,
// which Go cannot declare: such a required property becomes a pointer.
func (tm *typeModel) selfRef(t *sType, v *sValue) bool {
	return v.Kind == "instance_of" && v.Type.key() == t.Name.key()
}

// exprShape is the shape of a generic argument: a type parameter or a
// document (any, json.RawMessage) is never a pointer and is omitted when
// empty; a scalar is a pointer when optional, as everywhere.
func exprShape(e string) shape {
	switch {
	case e == "any" || e == "json.RawMessage":
		return shRaw
	case e == "string":
		return shString
	case e == "bool" || e == "int" || e == "int64" || e == "uint" || e == "uint64" || e == "float64":
		return shScalar
	case strings.HasPrefix(e, "[]") || strings.HasPrefix(e, "map["):
		return shList
	}
	return shStruct
}

// namedInlineUnions gives each union written inline in a property (such
// as HitsMetadata's total, `TotalHits | long`) a type of its own, named
// after its owner and property (HitsMetadataTotal), so that it has typed
// accessors and constructors like the specification's named unions. The
// property is rewritten to refer to it. Unions Go says without a type
// (`X | null`, `X | X[]`) and unions over a generic parameter stay as they are.
func namedInlineUnions(all []*sType) []*sType {
	var out []*sType
	for _, t := range all {
		var props []*sProp
		owner := t.Name.Name
		switch {
		case t.Kind == "interface":
			props = t.Properties
		case (t.Kind == "request" || t.Kind == "response") && t.Body != nil && t.Body.Kind == "properties":
			props = t.Body.Properties
			owner = goIdent(t.Kind)
		default:
			continue
		}
		for _, p := range props {
			if p.Type.Kind != "union_of" || isSimpleUnion(p.Type) || refsGeneric(p.Type, t.Name) {
				continue
			}
			u := &sType{Kind: "type_alias", Name: sName{Name: owner + fieldIdent(p.Name), Namespace: t.Name.Namespace},
				Description: fmt.Sprintf("The value of %s's %q member.", specRef(t.Name), p.Name), Type: p.Type}
			out = append(out, u)
			p.Type = &sValue{Kind: "instance_of", Type: &sName{Name: u.Name.Name, Namespace: u.Name.Namespace}}
		}
	}
	return out
}

// isSimpleUnion reports the unions simpleUnion maps without a union type.
func isSimpleUnion(v *sValue) bool {
	items := nonNull(v)
	if len(items) == 1 {
		return true
	}
	if len(items) == 2 {
		a, b := items[0], items[1]
		if a.Kind == "array_of" {
			a, b = b, a
		}
		return b.Kind == "array_of" && sameType(a, b.elem())
	}
	return false
}

// refsGeneric reports whether v refers to a generic parameter of owner.
func refsGeneric(v *sValue, owner sName) bool {
	if v == nil {
		return false
	}
	if v.Kind == "instance_of" && v.Type.Namespace == owner.Namespace+"."+owner.Name {
		return true
	}
	for _, g := range v.Generics {
		if refsGeneric(g, owner) {
			return true
		}
	}
	for _, it := range v.Items {
		if refsGeneric(it, owner) {
			return true
		}
	}
	if v.Kind == "array_of" || v.Kind == "dictionary_of" {
		return refsGeneric(v.elem(), owner)
	}
	return false
}

// inSettings reports whether t is reachable from the index settings
// (indices._types:IndexSettings) through properties of indices._types
// (the analysis, similarity and query types they name are not settings).
func (tm *typeModel) inSettings(t *sType) bool {
	if tm.settings == nil {
		tm.settings = map[string]bool{}
		var walk func(v *sValue)
		walk = func(v *sValue) {
			if v == nil {
				return
			}
			switch v.Kind {
			case "instance_of":
				if v.Type == nil || tm.settings[v.Type.key()] || v.Type.Namespace != "indices._types" && v.Type.Namespace != "_types.analysis" {
					return // settings types are those of indices._types and their analysis
				}
				u := tm.types[v.Type.key()]
				if u == nil {
					return
				}
				tm.settings[v.Type.key()] = true
				for _, p := range u.Properties {
					walk(p.Type)
				}
				if u.Type != nil {
					walk(u.Type)
				}
				for _, g := range v.Generics {
					walk(g)
				}
			case "array_of", "dictionary_of":
				walk(v.elem())
			case "union_of":
				for _, it := range v.Items {
					walk(it)
				}
			}
		}
		walk(&sValue{Kind: "instance_of", Type: &sName{Namespace: "indices._types", Name: "IndexSettings"}})
	}
	return tm.settings[t.Name.key()]
}
