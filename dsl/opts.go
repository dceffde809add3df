package dsl

// Opt is one parameter of a query, an aggregation or a search part, as its
// Elasticsearch name and value. P makes one for any name; it is accepted
// wherever an option is (the one step to raw, for a parameter the
// specification lacks or a newer server takes).
type Opt struct {
	key   string
	value any
}

func (o Opt) apply(m map[string]any) { m[o.key] = o.value }

func (o Opt) opt() Opt { return o }

// Key returns the parameter name the option sets.
func (o Opt) Key() string { return o.key }

// P sets any parameter by its Elasticsearch name, unchecked:
// P("auto_generate_synonyms_phrase_query", false). Prefer the generated
// option (AutoGenerateSynonymsPhraseQuery(false)), which only compiles
// where the query or aggregation takes it.
func P(key string, value any) Opt { return Opt{key, value} }

// Option is any option. Each query, aggregation and search part takes its
// own interface (MatchOption, TermsAggOption, HighlightOption, ...), which
// only the options of its parameters implement (see zz_params.go, generated
// from the specification).
type Option interface {
	opt() Opt
}

// params turns typed options into parameters.
func params[O Option](opts []O) []Opt {
	if len(opts) == 0 {
		return nil
	}
	out := make([]Opt, len(opts))
	for i, o := range opts {
		out[i] = o.opt()
	}
	return out
}

// oneOrMany is the value of an option whose owners take one value or a
// list: one alone, more as a list.
func oneOrMany[T any](v []T) any {
	if len(v) == 1 {
		return v[0]
	}
	return v
}
