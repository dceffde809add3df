package analysis

import (
	"maps"
	"sync"
)

// analysisPart is a named analysis component: a tokenizer, token filter,
// char filter, analyzer or normalizer. A built-in one has no type and no
// definition.
type analysisPart struct {
	name   string
	typ    string
	params map[string]any
}

// Component is an analysis component: a Tokenizer, TokenFilter,
// CharFilter, Analyzer or Normalizer.
type Component interface{ isComponent() }

func (analysisPart) isComponent() {}

// Param is one parameter of a component's definition, such as
// P("min_gram", 3).
type Param struct {
	key   string
	value any
}

// P sets the parameter key of a component definition to value (any value
// that encodes to JSON), unchecked: the one raw step, accepted by every
// constructor. Prefer the generated options (zz_params.go, from the
// specification): NewTokenizer("tri", "ngram", MinGram(3), MaxGram(3)).
func P(key string, value any) Param { return Param{key, value} }

func (p Param) opt() Param { return p }

// Option is any option of an analysis component. Each constructor takes
// its own interface (TokenizerOption, TokenFilterOption, CharFilterOption,
// AnalyzerOption), which the options of the parameters of the
// specification's types of that kind implement.
type Option interface {
	opt() Param
}

// params turns typed options into parameters.
func params[O Option](opts []O) []Param {
	out := make([]Param, len(opts))
	for i, o := range opts {
		out[i] = o.opt()
	}
	return out
}

func newPart(name, typ string, params []Param) analysisPart {
	p := analysisPart{name: name, typ: typ}
	if typ != "" || len(params) > 0 {
		p.params = map[string]any{}
		for _, o := range params {
			p.params[o.key] = o.value
		}
	}
	return p
}

func (p analysisPart) custom() bool { return p.typ != "" }

func (p analysisPart) definition() map[string]any {
	d := maps.Clone(p.params)
	if d == nil {
		d = map[string]any{}
	}
	d["type"] = p.typ
	return d
}

// Tokenizer is a tokenizer, built in (BuiltinTokenizer) or custom (NewTokenizer).
type Tokenizer struct{ analysisPart }

// TokenFilter is a token filter, built in or custom.
type TokenFilter struct{ analysisPart }

// CharFilter is a char filter, built in or custom.
type CharFilter struct{ analysisPart }

// NewTokenizer defines a custom tokenizer: NewTokenizer("trigram", "ngram", MinGram(3), MaxGram(3)).
func NewTokenizer(name, typ string, opts ...TokenizerOption) Tokenizer {
	return Tokenizer{newPart(name, typ, params(opts))}
}

// BuiltinTokenizer refers to a built-in tokenizer such as "standard".
func BuiltinTokenizer(name string) Tokenizer { return Tokenizer{analysisPart{name: name}} }

// NewTokenFilter defines a custom token filter: NewTokenFilter("my_stop", "stop", Stopwords([]string{"a"})).
func NewTokenFilter(name, typ string, opts ...TokenFilterOption) TokenFilter {
	return TokenFilter{newPart(name, typ, params(opts))}
}

// BuiltinTokenFilter refers to a built-in token filter such as "lowercase".
func BuiltinTokenFilter(name string) TokenFilter { return TokenFilter{analysisPart{name: name}} }

// NewCharFilter defines a custom char filter.
func NewCharFilter(name, typ string, opts ...CharFilterOption) CharFilter {
	return CharFilter{newPart(name, typ, params(opts))}
}

// BuiltinCharFilter refers to a built-in char filter such as "html_strip".
func BuiltinCharFilter(name string) CharFilter { return CharFilter{analysisPart{name: name}} }

// Name returns the component name.
func (p analysisPart) Name() string { return p.name }

// Analyzer is an analyzer: built in (BuiltinAnalyzer("english")), custom
// (CustomAnalyzer) or a configured built-in type (NewAnalyzer).
type Analyzer struct {
	analysisPart
	tokenizer   *Tokenizer
	filters     []TokenFilter
	charFilters []CharFilter
}

// BuiltinAnalyzer refers to a built-in analyzer such as "english".
func BuiltinAnalyzer(name string) Analyzer { return Analyzer{analysisPart: analysisPart{name: name}} }

// NewAnalyzer defines an analyzer of a built-in type with parameters:
// NewAnalyzer("my_std", "standard", Stopwords("_english_")).
func NewAnalyzer(name, typ string, opts ...AnalyzerOption) Analyzer {
	return Analyzer{analysisPart: newPart(name, typ, params(opts))}
}

// CustomAnalyzer defines a custom analyzer from a tokenizer, token filters
// and char filters; custom components are defined along with it.
func CustomAnalyzer(name string, tokenizer Tokenizer, filters []TokenFilter, charFilters []CharFilter, opts ...AnalyzerOption) Analyzer {
	return Analyzer{analysisPart: newPart(name, "custom", params(opts)), tokenizer: &tokenizer, filters: filters, charFilters: charFilters}
}

// Normalizer is a custom normalizer for keyword fields.
type Normalizer struct {
	analysisPart
	filters     []TokenFilter
	charFilters []CharFilter
}

// NewNormalizer defines a custom normalizer.
func NewNormalizer(name string, filters []TokenFilter, charFilters []CharFilter) Normalizer {
	return Normalizer{analysisPart: analysisPart{name: name, typ: "custom"}, filters: filters, charFilters: charFilters}
}

// Analysis collects analysis definitions for index settings
// ("settings.analysis").
type Analysis map[string]map[string]any

func (a Analysis) put(kind string, p analysisPart, def map[string]any) {
	if a[kind] == nil {
		a[kind] = map[string]any{}
	}
	a[kind][p.name] = def
}

func names[T interface{ Name() string }](items []T) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Name()
	}
	return out
}

// AddAnalyzer adds the analyzer and its custom components.
func (a Analysis) AddAnalyzer(an Analyzer) {
	if !an.custom() {
		return
	}
	def := an.definition()
	if an.tokenizer != nil {
		def["tokenizer"] = an.tokenizer.name
		if an.tokenizer.custom() {
			a.put("tokenizer", an.tokenizer.analysisPart, an.tokenizer.definition())
		}
	}
	if len(an.filters) > 0 {
		def["filter"] = names(an.filters)
		for _, f := range an.filters {
			if f.custom() {
				a.put("filter", f.analysisPart, f.definition())
			}
		}
	}
	if len(an.charFilters) > 0 {
		def["char_filter"] = names(an.charFilters)
		for _, f := range an.charFilters {
			if f.custom() {
				a.put("char_filter", f.analysisPart, f.definition())
			}
		}
	}
	a.put("analyzer", an.analysisPart, def)
}

// AddNormalizer adds the normalizer and its custom components.
func (a Analysis) AddNormalizer(n Normalizer) {
	def := n.definition()
	if len(n.filters) > 0 {
		def["filter"] = names(n.filters)
		for _, f := range n.filters {
			if f.custom() {
				a.put("filter", f.analysisPart, f.definition())
			}
		}
	}
	if len(n.charFilters) > 0 {
		def["char_filter"] = names(n.charFilters)
		for _, f := range n.charFilters {
			if f.custom() {
				a.put("char_filter", f.analysisPart, f.definition())
			}
		}
	}
	a.put("normalizer", n.analysisPart, def)
}

// AddTokenizer, AddTokenFilter and AddCharFilter add standalone custom components.

// AddTokenizer adds a custom tokenizer.
func (a Analysis) AddTokenizer(t Tokenizer) {
	if t.custom() {
		a.put("tokenizer", t.analysisPart, t.definition())
	}
}

// AddTokenFilter adds a custom token filter.
func (a Analysis) AddTokenFilter(f TokenFilter) {
	if f.custom() {
		a.put("filter", f.analysisPart, f.definition())
	}
}

// AddCharFilter adds a custom char filter.
func (a Analysis) AddCharFilter(f CharFilter) {
	if f.custom() {
		a.put("char_filter", f.analysisPart, f.definition())
	}
}

// Definition returns the analysis settings needed by the analyzer, like
// Python's get_analysis_definition.
func (an Analyzer) Definition() Analysis {
	a := Analysis{}
	a.AddAnalyzer(an)
	return a
}

// Definition returns the analysis settings needed by the normalizer.
func (n Normalizer) Definition() Analysis {
	a := Analysis{}
	a.AddNormalizer(n)
	return a
}

// registry holds the analyzers and normalizers known by name, for struct
// tags that name them.
var registry struct {
	sync.Mutex
	analyzers   map[string]Analyzer
	normalizers map[string]Normalizer
}

// RegisterAnalyzer makes a custom analyzer known by its name, so that a
// struct tag naming it (es:"text,analyzer=NAME", also search_analyzer,
// search_quote_analyzer and sub-fields) brings its definition into the index
// settings when the mapping is added to an index.Index (index.Index.Mapping,
// document.New), as Python collects the analyzers of its fields.
// Registering a name again replaces the definition.
func RegisterAnalyzer(a Analyzer) {
	registry.Lock()
	defer registry.Unlock()
	if registry.analyzers == nil {
		registry.analyzers = map[string]Analyzer{}
	}
	registry.analyzers[a.Name()] = a
}

// RegisterNormalizer makes a custom normalizer known by its name, for tags
// such as es:"keyword,normalizer=NAME" (see RegisterAnalyzer).
func RegisterNormalizer(n Normalizer) {
	registry.Lock()
	defer registry.Unlock()
	if registry.normalizers == nil {
		registry.normalizers = map[string]Normalizer{}
	}
	registry.normalizers[n.Name()] = n
}

// LookupAnalyzer returns the analyzer registered under name with
// RegisterAnalyzer.
func LookupAnalyzer(name string) (Analyzer, bool) {
	registry.Lock()
	defer registry.Unlock()
	a, ok := registry.analyzers[name]
	return a, ok
}

// LookupNormalizer returns the normalizer registered under name with
// RegisterNormalizer.
func LookupNormalizer(name string) (Normalizer, bool) {
	registry.Lock()
	defer registry.Unlock()
	n, ok := registry.normalizers[name]
	return n, ok
}
