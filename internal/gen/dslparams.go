package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// The DSL's parameters (dsl/zz_params.go), generated from the
// specification's query container, aggregation container and the search
// parts the DSL builds (highlight, collapse, kNN, RRF, suggesters, score
// functions), as Python's elasticsearch.dsl generates its classes:
//
//   - every parameter name of those types becomes one option function
//     (boost → Boost, fragment_size → FragmentSize), returning its own type;
//   - every query, aggregation and search part becomes an interface
//     (MatchOption, TermsAggOption, HighlightOption) that exactly the option
//     types of its parameters implement, so dsl.Range("price", dsl.Size(3))
//     does not compile;
//   - value types come from the specification: strings, enums, numbers and
//     booleans as Go scalars, an enum as its type in package types (a
//     string constant converts: Operator("and")), queries as dsl.Query,
//     lists of them variadic;
//     a parameter whose type is a structure or a union takes the type of
//     package types (types.InnerHits), and for a union also its members
//     (include takes "a.*", []string or a types.TermsInclude), as Python
//     takes the object or its short forms; a script also takes its source
//     alone; such an option is generic over those types (Include[V ~string
//     | []string | ...]);
//   - a name typed differently by different owners takes what each owner
//     takes: one element type given alone or as a list becomes variadic
//     (WithFilter(q ...Query) sends one query alone, more as a list), other
//     differences a generic option over the union of the owners' types;
//     paramGenerics and paramSplits pin the few Go cannot infer (range
//     bounds, decay functions; query as a Query or as a text); only a
//     user-defined value (a percolated document, script params) takes any;
//   - dsl.P(name, value) (a raw Opt) is every option, the one step to raw.
//
// A function name that would collide with an identifier of package dsl (a
// query constructor such as Match or Terms) gets the prefix With, listed in
// paramNames so the output depends on the specification alone; a new
// collision is an error naming it.

// paramOwner is a query, aggregation or search part that takes options.
type paramOwner struct {
	Iface string   // Go interface name, e.g. MatchOption
	What  string   // e.g. "the match query"
	Types []*sType // its classes (more than one for a union such as range)
}

// paramOpt is one option function.
type paramOpt struct {
	Key      string
	Func     string
	GoType   string
	Variadic bool
	// OneOrMany: a variadic option sends one value alone, more as a list
	// (the owners take either).
	OneOrMany bool
	// Generic is the type constraint of an option whose owners take
	// different types (GoType is then its type parameter, V).
	Generic string
	Desc    string
	Owners  map[string]bool
	types   map[string]bool
	byOwner map[string]string // owner interface -> Go type
}

// paramNames pins the Go names of options that had them before the
// parameters were generated, or whose plain name would mislead.
var paramNames = map[string]string{
	"_name":    "QueryName",
	"_source":  "HitSource",
	"missing":  "MissingValue",
	"analyzer": "WithAnalyzer",
	"script":   "WithScript",
	"type":     "WithType",
	// names of query constructors and other identifiers of package dsl
	"buckets":  "WithBuckets",
	"filter":   "WithFilter",
	"fuzzy":    "WithFuzzy",
	"ids":      "WithIDs",
	"index":    "WithIndex",
	"match":    "WithMatch",
	"prefix":   "WithPrefix",
	"query":    "WithQuery",
	"range":    "WithRange",
	"regexp":   "WithRegexp",
	"routing":  "WithRouting",
	"term":     "WithTerm",
	"terms":    "WithTerms",
	"value":    "WithValue",
	"wildcard": "WithWildcard",
	"a":        "TTestA",
	"b":        "TTestB",
}

// paramTypes pins the value types of options whose specification type is
// too loose to be pleasant (fields are field names in every owner that
// takes them, or objects whose short form is a name).
var paramTypes = map[string]string{
	"fields": "[]string",
	// match, multi_match and match_bool_prefix take types.Operator,
	// combined_fields types.CombinedFieldsOperator: the same two values.
	"operator": "types.Operator",
	// a duration such as "30m" (types.Duration)
	"fixed_interval": "string",
	// distance_feature's pivot: a distance or a duration
	"pivot": "string",
	// a highlighter's options (strings for a custom highlighter)
	"options": "map[string]string",
}

// paramGenerics pins the type constraints of options whose specification
// type is a generic parameter or a user-defined value: range bounds take
// what types.Gt takes, a decay function's origin, scale and offset what
// dsl.DecayFunction takes.
var paramGenerics = map[string]string{
	"gt": "types.RangeValue", "gte": "types.RangeValue", "lt": "types.RangeValue", "lte": "types.RangeValue",
	"origin": "DecayOrigin", "scale": "DecayScale", "offset": "DecayScale",
}

// paramSplits gives query and match an option per kind of value: a query
// (the compound and joining queries, span_multi, span_first) or a text
// (sparse_vector, and the full-text queries that take it as an argument).
var paramSplits = map[string][]paramSplit{
	"query": {
		{Func: "WithQuery", GoType: "Query", Of: []string{"Query", "types.SpanQuery", "types.QueryContainer"}},
		{Func: "QueryText", GoType: "string", Of: []string{"string"}},
	},
	"match":   {{Func: "WithMatch", GoType: "Query", Of: []string{"Query", "types.SpanQuery"}}},
	"filters": {{Func: "Filters", GoType: "map[string]Query", Of: []string{"map[string]types.QueryContainer", "types.Buckets[types.QueryContainer]"}}},
}

// dslSearchParts are the non-container types whose parameters the DSL's
// Search takes as options.
var dslSearchParts = []struct {
	iface, what string
	types       []string
}{
	{"HighlightOption", "Search.HighlightOptions (the highlight section)", []string{"_global.search._types:Highlight"}},
	{"HighlightFieldOption", "Search.Highlight (one highlighted field)", []string{"_global.search._types:HighlightField"}},
	{"CollapseOption", "Search.Collapse", []string{"_global.search._types:FieldCollapse"}},
	{"KnnSearchOption", "Search.Knn", []string{"_types:KnnSearch"}},
	{"RankRRFOption", "Search.RankRRF", []string{"_types:RrfRank"}},
	{"SuggesterOption", "Search.Suggest and Search.SuggestRegex", []string{"_global.search._types:FieldSuggester"}},
	{"ScoreFunctionOption", "SF (a function_score function)", []string{
		"_types.query_dsl:FieldValueFactorScoreFunction", "_types.query_dsl:RandomScoreFunction",
		"_types.query_dsl:ScriptScoreFunction"}},
	{"ScriptSourceOption", "UpdateByQuery.Script (a script)", []string{"_types:Script"}},
	{"DecayFunctionOption", "DecayFunction", []string{"_types.query_dsl:DecayPlacement", "_types.query_dsl:DecayFunctionBase"}},
}

// paramPackage is a package that takes generated options.
type paramPackage struct {
	Name  string            // package name, e.g. "dsl"
	Dir   string            // its folder in the module, e.g. "dsl/analysis"
	Base  string            // its hand-written raw option type: Opt in dsl, Param in analysis
	Names map[string]string // pinned function names by parameter name
	Skip  map[string]bool   // parameters that are not options (positional ones)
	Types map[string]string // pinned value types by parameter name
	// Generics pins type constraints by parameter name (the option is
	// generic over them).
	Generics map[string]string
	// Splits gives a parameter that owners type too differently one option
	// per kind of value; an owner none of them fits does not take it as an
	// option (it is a constructor's argument there).
	Splits map[string][]paramSplit
}

// paramSplit is one option of a split parameter: the owners taking one of
// Of (Go types as paramAccepts names them) take Func, of type GoType.
type paramSplit struct {
	Func, GoType string
	Of           []string
}

// renderDSLParams renders dsl/zz_params.go and dsl/analysis/zz_params.go;
// root is the module root, whose packages (if present) are read to report
// a name the output would redeclare.
func renderDSLParams(s *schema, tm *typeModel, root string) (map[string][]byte, error) {
	byKey := map[string]*sType{}
	for _, t := range s.Types {
		byKey[t.Name.key()] = t
	}
	owners, err := dslOwners(byKey)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	dsl := paramPackage{Name: "dsl", Dir: "dsl", Base: "Opt", Names: paramNames, Types: paramTypes,
		Generics: paramGenerics, Splits: paramSplits}
	if out[filepath.Join(dsl.Dir, "zz_params.go")], err = renderParams(dsl, byKey, tm, owners, root); err != nil {
		return nil, err
	}
	an := paramPackage{Name: "analysis", Dir: filepath.Join("dsl", "analysis"), Base: "Param", Names: analysisParamNames,
		Skip: map[string]bool{"type": true}}
	var anOwners []*paramOwner
	for _, u := range analysisUnions {
		t := byKey[u.union]
		if t == nil {
			return nil, fmt.Errorf("analysis params: no %s in the specification", u.union)
		}
		anOwners = append(anOwners, &paramOwner{Iface: u.iface, What: u.what, Types: classesOf(byKey, t)})
	}
	if out[filepath.Join(an.Dir, "zz_params.go")], err = renderParams(an, byKey, tm, anOwners, root); err != nil {
		return nil, err
	}
	ix := paramPackage{Name: "index", Dir: filepath.Join("dsl", "index"), Base: "Setting", Names: indexParamNames,
		Types: map[string]string{"number_of_shards": "int", "number_of_replicas": "int"},
		Skip:  map[string]bool{"analysis": true, "index": true}} // analysis comes from Analyzer; "index" nests these settings again
	settings := byKey["indices._types:IndexSettings"]
	if settings == nil {
		return nil, fmt.Errorf("index params: no IndexSettings in the specification")
	}
	ixOwners := []*paramOwner{{Iface: "SettingOption", What: "Index.Settings (index settings)", Types: []*sType{settings}}}
	if out[filepath.Join(ix.Dir, "zz_params.go")], err = renderParams(ix, byKey, tm, ixOwners, root); err != nil {
		return nil, err
	}
	return out, nil
}

// analysisUnions are the specification's unions of analysis components:
// an option of any member takes the union's interface (the component's
// type is a string given at run time).
var analysisUnions = []struct{ iface, what, union string }{
	{"AnalyzerOption", "NewAnalyzer and CustomAnalyzer (any analyzer type)", "_types.analysis:Analyzer"},
	{"TokenizerOption", "NewTokenizer (any tokenizer type)", "_types.analysis:TokenizerDefinition"},
	{"TokenFilterOption", "NewTokenFilter (any token filter type)", "_types.analysis:TokenFilterDefinition"},
	{"CharFilterOption", "NewCharFilter (any char filter type)", "_types.analysis:CharFilterDefinition"},
}

// analysisParamNames pins option names that would collide with package
// analysis.
var analysisParamNames = map[string]string{
	"tokenizer":   "WithTokenizer",
	"char_filter": "WithCharFilters",
	"filter":      "WithFilter",
}

// indexParamNames pins option names that would collide with package index.
var indexParamNames = map[string]string{}

// dslOwners returns the queries, aggregations and search parts of package dsl.
func dslOwners(byKey map[string]*sType) ([]*paramOwner, error) {
	var owners []*paramOwner
	container := func(name, suffix, what string, skip map[string]bool) error {
		c := byKey["_types.query_dsl:"+name]
		if c == nil {
			c = byKey["_types.aggregations:"+name]
		}
		if c == nil {
			return fmt.Errorf("dsl params: no %s in the specification", name)
		}
		for _, p := range allProps(byKey, c) {
			if skip[p.Name] {
				continue
			}
			v := p.Type
			if v.Kind == "dictionary_of" {
				v = v.elem()
			}
			if v.Kind != "instance_of" || v.Type == nil {
				continue
			}
			t := byKey[v.Type.key()]
			if t == nil {
				return fmt.Errorf("dsl params: %s.%s: no type %s", name, p.Name, v.Type.key())
			}
			owners = append(owners, &paramOwner{
				Iface: camel(p.Name) + suffix,
				What:  fmt.Sprintf(what, p.Name),
				Types: classesOf(byKey, t),
			})
		}
		return nil
	}
	if err := container("QueryContainer", "Option", "the %s query", map[string]bool{"bool": true}); err != nil {
		return nil, err
	}
	if err := container("AggregationContainer", "AggOption", "the %s aggregation", map[string]bool{"aggregations": true, "aggs": true, "meta": true, "filter": true}); err != nil {
		return nil, err
	}
	for _, part := range dslSearchParts {
		o := &paramOwner{Iface: part.iface, What: part.what}
		for _, k := range part.types {
			t := byKey[k]
			if t == nil {
				return nil, fmt.Errorf("dsl params: no %s in the specification", k)
			}
			o.Types = append(o.Types, t)
		}
		owners = append(owners, o)
	}
	return owners, nil
}

// renderParams renders the options of pkg's owners.
func renderParams(pkg paramPackage, byKey map[string]*sType, tm *typeModel, owners []*paramOwner, root string) ([]byte, error) {
	taken, err := packageIdents(filepath.Join(root, pkg.Dir))
	if err != nil {
		return nil, err
	}
	sort.Slice(owners, func(i, j int) bool { return owners[i].Iface < owners[j].Iface })
	for _, o := range owners {
		if taken[o.Iface] {
			return nil, fmt.Errorf("%s params: %s is taken in package %s", pkg.Name, o.Iface, pkg.Name)
		}
	}

	opts := map[string]*paramOpt{}
	for _, o := range owners {
		for _, t := range o.Types {
			for _, p := range allProps(byKey, t) {
				if pkg.Skip[p.Name] {
					continue
				}
				acc := paramAccepts(byKey, tm, p.Type)
				id := p.Name
				var split *paramSplit
				if splits, ok := pkg.Splits[p.Name]; ok {
					if split = splitFor(splits, acc); split == nil {
						continue
					}
					id = p.Name + "#" + split.Func
				}
				po := opts[id]
				if po == nil {
					po = &paramOpt{Key: p.Name, Owners: map[string]bool{}, types: map[string]bool{}, byOwner: map[string]string{}}
					if split != nil {
						po.Func, po.GoType = split.Func, split.GoType
					}
					opts[id] = po
				}
				po.Owners[o.Iface] = true
				for _, gt := range acc {
					po.types[gt] = true
				}
				po.byOwner[o.Iface] = strings.Join(acc, " | ")
				if po.Desc == "" {
					po.Desc = firstSentence(p.Description)
				}
			}
		}
	}
	if os.Getenv("DEBUG_PARAMS") != "" {
		for _, key := range sortedKeys(opts) {
			if po := opts[key]; len(po.types) > 1 || po.types["any"] {
				fmt.Fprintf(os.Stderr, "%s %s: %v\n", pkg.Name, key, po.byOwner)
			}
		}
	}
	funcs := map[string]string{}
	usesTypes := false
	for _, key := range sortedKeys(opts) {
		po := opts[key]
		pinned := po.GoType
		po.GoType = "any"
		if pinned != "" {
			po.GoType = pinned
		} else if c, ok := pkg.Generics[key]; ok {
			po.GoType, po.Generic = "V", c
		} else if t, ok := pkg.Types[key]; ok {
			po.GoType = t
		} else if len(po.types) == 1 {
			for t := range po.types {
				po.GoType = t
			}
		} else if allEnums(tm, po.types) {
			po.GoType = "string" // different enums: their values are strings
		} else if e, list, ok := commonElem(po.types); ok {
			po.GoType, po.OneOrMany = "[]"+e, !list
		} else if u, ok := unionConstraint(tm, po.types); ok {
			po.GoType, po.Generic = "V", u
		}
		if strings.Contains(po.GoType, "types.") {
			usesTypes = true
		}
		if strings.HasPrefix(po.GoType, "[]") {
			po.Variadic = true
		}
		name := po.Func
		if name == "" {
			name = pkg.Names[key]
		}
		if name == "" {
			name = camel(key)
		}
		if other, dup := funcs[name]; dup {
			return nil, fmt.Errorf("%s params: %q and %q both become %s", pkg.Name, other, key, name)
		}
		if taken[name] {
			return nil, fmt.Errorf("%s params: %s (for %q) is taken in package %s", pkg.Name, name, key, pkg.Name)
		}
		if other, dup := funcs[po.typeNameOf(name)]; dup {
			return nil, fmt.Errorf("%s params: %q and %q both become type %s", pkg.Name, other, key, po.typeNameOf(name))
		}
		funcs[name] = key
		funcs[po.typeNameOf(name)] = key
		po.Func = name
		if taken[po.typeName()] {
			return nil, fmt.Errorf("%s params: %s (for %q) is taken in package %s", pkg.Name, po.typeName(), key, pkg.Name)
		}
	}

	var b bytes.Buffer
	b.WriteString("// Code generated by internal/gen from the Elasticsearch specification. DO NOT EDIT.\n\n")
	b.WriteString("package " + pkg.Name + "\n\n")
	if usesTypes {
		b.WriteString("import \"github.com/esgo/esgo/types\"\n\n")
	}
	b.WriteString("// The parameters of every query, aggregation and search part, from the\n")
	b.WriteString("// specification's types (see internal/gen/dslparams.go for the rules).\n\n")
	byOwner := map[string][]string{}
	for _, key := range sortedKeys(opts) {
		for o := range opts[key].Owners {
			byOwner[o] = append(byOwner[o], opts[key].Func)
		}
	}
	for _, o := range owners {
		fns := byOwner[o.Iface]
		sort.Strings(fns)
		fmt.Fprintf(&b, "// %s is an option of %s:\n//\n", o.Iface, o.What)
		writeDoc(&b, "", wrapWords(strings.Join(fns, ", ")+", or P (raw).", 76))
		fmt.Fprintf(&b, "type %s interface {\n\tOption\n\tis%s()\n}\n\n", o.Iface, o.Iface)
		fmt.Fprintf(&b, "func (%s) is%s() {}\n\n", pkg.Base, o.Iface)
	}
	for _, key := range sortedKeys(opts) {
		po := opts[key]
		tname := po.typeName()
		arg, val, tparams := "v "+po.GoType, "v", ""
		if po.Variadic {
			arg = "v ..." + strings.TrimPrefix(po.GoType, "[]")
		}
		if po.OneOrMany {
			val = "oneOrMany(v)"
		}
		if po.Generic != "" {
			tparams = "[V " + po.Generic + "]"
		}
		desc := po.Desc
		if desc != "" {
			desc = " " + desc
		}
		fmt.Fprintf(&b, "// %s sets %q.%s\n//\n", po.Func, po.Key, desc)
		writeDoc(&b, "", wrapWords("For "+strings.Join(sortedKeys(po.Owners), ", ")+".", 76))
		fmt.Fprintf(&b, "func %s%s(%s) %s { return %s{%q, %s} }\n\n", po.Func, tparams, arg, tname, tname, po.Key, val)
		fmt.Fprintf(&b, "// %s is the option %s returns.\n", tname, po.Func)
		fmt.Fprintf(&b, "type %s %s\n\n", tname, pkg.Base)
		fmt.Fprintf(&b, "func (p %s) opt() %s { return %s(p) }\n", tname, pkg.Base, pkg.Base)
		for _, o := range sortedKeys(po.Owners) {
			fmt.Fprintf(&b, "func (%s) is%s() {}\n", tname, o)
		}
		b.WriteString("\n")
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%s params: %w", pkg.Name, err)
	}
	return src, nil
}

// typeName is the Go type of the option's value: BoostParam.
func (po *paramOpt) typeName() string { return po.typeNameOf(po.Func) }

func (po *paramOpt) typeNameOf(fn string) string {
	return strings.TrimPrefix(fn, "With") + "Param"
}

// classesOf returns the classes behind t: t itself, or the members of a
// union alias (range, distance_feature, moving_avg).
func classesOf(byKey map[string]*sType, t *sType) []*sType {
	if t.Kind == "interface" {
		return []*sType{t}
	}
	if t.Kind != "type_alias" || t.Type == nil {
		return nil
	}
	items := []*sValue{t.Type}
	if t.Type.Kind == "union_of" {
		items = t.Type.Items
	}
	var out []*sType
	for _, it := range items {
		if it.Kind == "instance_of" && it.Type != nil {
			if u := byKey[it.Type.key()]; u != nil {
				out = append(out, classesOf(byKey, u)...)
			}
		}
	}
	return out
}

// allProps returns the properties of t with those it inherits.
func allProps(byKey map[string]*sType, t *sType) []*sProp {
	var out []*sProp
	if t.Inherits != nil {
		if p := byKey[t.Inherits.Type.key()]; p != nil {
			out = append(out, allProps(byKey, p)...)
		}
	}
	return append(out, t.Properties...)
}

// paramGoType is the Go type an option of specification type v takes.
func paramGoType(byKey map[string]*sType, tm *typeModel, v *sValue) string {
	switch v.Kind {
	case "instance_of":
		if v.Type == nil {
			return "any"
		}
		if v.Type.Namespace == "_builtins" {
			switch v.Type.Name {
			case "string":
				return "string"
			case "boolean":
				return "bool"
			case "number":
				return "float64"
			}
			return "any"
		}
		switch v.Type.Name {
		case "integer", "long", "short", "byte", "uint", "ulong":
			return "int"
		case "float", "double":
			return "float64"
		case "QueryContainer":
			return "Query"
		}
		t := byKey[v.Type.key()]
		switch {
		case t == nil: // a generic parameter
			return "any"
		case t.Kind == "enum" && t.EsQuirk == "" && tm.goName[t.Name.key()] != "":
			return "types." + tm.goName[t.Name.key()]
		case t.Kind == "enum":
			return "string"
		case t.Kind == "type_alias" && t.Type != nil:
			return paramGoType(byKey, tm, t.Type)
		}
		return "any"
	case "array_of":
		switch e := paramGoType(byKey, tm, v.elem()); e {
		case "string", "Query":
			return "[]" + e
		}
		return "any"
	case "union_of":
		var one string
		for _, it := range v.Items {
			t := paramGoType(byKey, tm, it)
			if one != "" && t != one {
				return "any"
			}
			one = t
		}
		if one == "" {
			return "any"
		}
		return one
	}
	return "any"
}

// packageIdents returns the top-level identifiers of the hand-written Go
// files in dir.
func packageIdents(dir string) (map[string]bool, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		base := filepath.Base(f)
		if strings.HasPrefix(base, "zz_") || strings.HasSuffix(base, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		af, err := parser.ParseFile(fset, f, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range af.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					out[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.TypeSpec:
						out[sp.Name.Name] = true
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							out[n.Name] = true
						}
					}
				}
			}
		}
	}
	return out, nil
}

// allEnums reports whether every Go type in set is an enum of package types
// (or a string).
func allEnums(tm *typeModel, set map[string]bool) bool {
	for t := range set {
		if t != "string" && t != "~string" && !isEnum(tm, t) {
			return false
		}
	}
	return true
}

// isEnum reports whether the Go type t ("types.X") is an enum of package
// types.
func isEnum(tm *typeModel, t string) bool {
	name, ok := strings.CutPrefix(t, "types.")
	if !ok {
		return false
	}
	for key, n := range tm.goName {
		if n == name {
			return tm.types[key] != nil && tm.types[key].Kind == "enum"
		}
	}
	return false
}

// wrapWords breaks s into lines of at most width characters.
func wrapWords(s string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(s) {
		if n > 0 && n+1+len(w) > width {
			b.WriteString("\n")
			n = 0
		} else if n > 0 {
			b.WriteString(" ")
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

// firstSentence returns the first sentence of a description, on one line.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i+1]
	}
	return s
}

// paramAccepts returns the Go types an option of specification type v
// takes: its Go scalar, enum or Query type; else the type of package types
// for a structure or a union, with the union's members beside it (so that
// include takes "a.*" as well as a types.TermsInclude); else any.
func paramAccepts(byKey map[string]*sType, tm *typeModel, v *sValue) []string {
	if g := paramGoType(byKey, tm, v); g != "any" {
		return []string{g}
	}
	u := v
	if v.Kind == "instance_of" && v.Type != nil {
		if t := byKey[v.Type.key()]; t != nil && t.Kind == "type_alias" && t.Type != nil && t.Type.Kind == "union_of" && len(t.Generics) == 0 {
			u = t.Type
		}
	}
	var out []string
	if g := typedParam(tm, v); g != "any" && g != "types.Union" {
		out = append(out, g)
		// short forms the server reads as well: a script's source alone,
		// a stringified value as itself
		if g == "types.Script" {
			out = append(out, "~string")
		}
		if t, ok := strings.CutPrefix(g, "types.Stringified["); ok {
			out = append(out, strings.TrimSuffix(t, "]"))
		}
	}
	if u.Kind == "union_of" && !(len(out) > 0 && strings.HasPrefix(out[0], "types.OneOrMany[")) {
		for _, it := range nonNull(u) {
			m := paramGoType(byKey, tm, it)
			if m == "any" {
				m = typedParam(tm, it)
			}
			if m == "any" || m == "types.Union" || m == "Query" || strings.Contains(m, "QueryContainer") || strings.Contains(m, "map[string]any") {
				continue
			}
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
	}
	if len(out) == 0 {
		return []string{"any"}
	}
	return out
}

// typedParam is the type of package types for a parameter whose value is a
// structure or a union, or "any" when there is none; a type defined over
// string is "~string" (any string or enum, as a union member).
func typedParam(tm *typeModel, v *sValue) string {
	old := tm.pkg
	tm.pkg = "types."
	defer func() { tm.pkg = old }()
	g, err := tm.expr(v, nil)
	if err != nil || strings.Contains(g.expr, "json.RawMessage") {
		return "any"
	}
	if g.shape == shString && strings.HasPrefix(g.expr, "types.") && !isEnum(tm, g.expr) {
		return "~string"
	}
	return g.expr
}

// commonElem reports whether the Go types in set are one element type E,
// given alone, as a list or as types.OneOrMany[E] (a query container being
// the DSL's Query); list is true when an owner takes only a list.
func commonElem(set map[string]bool) (elem string, list, ok bool) {
	for t := range set {
		e := t
		switch {
		case strings.HasPrefix(t, "[]"):
			e, list = t[2:], true
		case strings.HasPrefix(t, "types.OneOrMany[") && strings.HasSuffix(t, "]"):
			e = strings.TrimSuffix(strings.TrimPrefix(t, "types.OneOrMany["), "]")
		}
		if e == "types.QueryContainer" {
			e = "Query"
		}
		if elem != "" && e != elem {
			return "", false, false
		}
		elem = e
	}
	return elem, list, elem != "" && elem != "any" && elem != "~string"
}

// unionConstraint returns the type constraint of an option whose owners
// take the different Go types in set, when Go can express it: a union of
// those types (strings and enums as ~string, int beside float64 so that an
// untyped constant such as 10 satisfies it); not for any, a map or the
// DSL's Query interface.
func unionConstraint(tm *typeModel, set map[string]bool) (string, bool) {
	var ts []string
	for t := range set {
		if t == "any" || strings.Contains(t, "Query") && !strings.HasPrefix(t, "types.") || strings.Contains(t, "map[string]any") {
			return "", false
		}
		if t == "string" || t == "~string" || isEnum(tm, t) {
			t = "~string" // a string constant, or any enum of package types
		}
		if !slices.Contains(ts, t) {
			ts = append(ts, t)
		}
	}
	if set["float64"] && !set["int"] {
		ts = append(ts, "int")
	}
	sort.Strings(ts)
	return strings.Join(ts, " | "), true
}

// splitFor returns the split option an owner taking the Go types acc takes,
// or nil.
func splitFor(splits []paramSplit, acc []string) *paramSplit {
	for i, sp := range splits {
		for _, t := range acc {
			if slices.Contains(sp.Of, t) {
				return &splits[i]
			}
		}
	}
	return nil
}
