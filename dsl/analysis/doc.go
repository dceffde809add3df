// Package analysis defines text analysis for index settings: analyzers,
// tokenizers, token filters, char filters and normalizers, built in or
// custom, the counterpart of Python's elasticsearch.dsl analyzer(),
// tokenizer(), token_filter(), char_filter() and normalizer().
//
// A custom analyzer carries its custom components, and its Definition is
// the "settings.analysis" section that defines them all:
//
//	tri := analysis.CustomAnalyzer("trigram",
//		analysis.NewTokenizer("tri", "ngram", analysis.P("min_gram", 3), analysis.P("max_gram", 3)),
//		[]analysis.TokenFilter{analysis.BuiltinTokenFilter("lowercase")}, nil)
//	ix := index.New("articles").Analyzer(tri)
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
