// Package index defines Elasticsearch indices and manages them: settings,
// aliases, analysis, mappings and templates, with the operations on an
// index (create, save, refresh, open, close, aliases, analyze, flush,
// force merge, delete), the counterpart of Python's elasticsearch.dsl
// Index.
//
//	ix := index.New("blog").Settings(index.NumberOfShards(1)).
//		Analyzer(trigram).Using(client)
//	if _, err := ix.Document(Post{}); err != nil { ... }   // mapping from the struct
//	err := ix.Save(ctx)                                    // create, or update settings and mappings
//	resp, err := dsl.Execute[Post](ctx, ix.Search().Query(q))
//
// An Index receives mappings from dsl/mapping (Mapping, Document) and
// collects the registered custom analyzers and normalizers their fields
// name (see analysis.RegisterAnalyzer); LegacyTemplate and
// ComposableTemplate turn the definition into index templates. Without
// Using, an index runs on the connection registered in connections.Default
// (UsingAlias picks another alias).
//
// # Compared with Python's elasticsearch.dsl
//
// testdata/diff holds the differential tests against Python's Index. The
// difference is deliberate: Save compares the stored analysis settings
// (which the server returns as strings) by value, so saving an unchanged
// definition on an open index works; Python refuses it whenever a setting
// is a number.
//
// The other DSL packages: dsl (queries, aggregations, searches and their
// responses), dsl/mapping (mappings), dsl/analysis (analyzers and their
// parts), dsl/document (documents of a Go type), dsl/faceted (faceted
// search) and dsl/connections (named connections).
package index
