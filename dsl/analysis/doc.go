// Package analysis defines text analysis for index settings: analyzers,
// tokenizers, token filters, char filters and normalizers, built in or
// custom, the counterpart of Python's elasticsearch.dsl analyzer(),
// tokenizer(), token_filter(), char_filter() and normalizer().
//
// A custom analyzer carries its custom components, and its Definition is
// the "settings.analysis" section that defines them all:
//
//	tri := analysis.CustomAnalyzer("trigram",
//		analysis.NewTokenizer("tri", "ngram", analysis.MinGram(3), analysis.MaxGram(3)),
//		[]analysis.TokenFilter{analysis.BuiltinTokenFilter("lowercase")}, nil)
//	ix := index.New("articles").Analyzer(tri)
//
// The parameters of every component are options generated from the
// specification (zz_params.go): MinGram, Stopwords, Synonyms ... Each
// implements the interfaces of the kinds of component whose types take it
// (TokenizerOption, TokenFilterOption, CharFilterOption, AnalyzerOption);
// the component's type is a string, so a parameter of another type of the
// same kind is caught by the server, not the compiler. P(name, value) is
// the raw step.
//
// Mappings name analyzers by name (a struct tag holds a string). Register
// a custom analyzer or normalizer with RegisterAnalyzer or
// RegisterNormalizer, and an index that receives a mapping naming it adds
// its definition to the index settings, as Python collects the analyzers of
// a document's fields.
//
// The other DSL packages: dsl (queries, aggregations, searches and their
// responses), dsl/mapping (mappings), dsl/index (index definitions and
// management), dsl/document (documents of a Go type), dsl/faceted (faceted
// search) and dsl/connections (named connections).
package analysis
