// Package connections is the registry of named Elasticsearch connections
// used by the DSL packages, the counterpart of Python's
// elasticsearch.dsl.connections.
//
// A connection is any transport.Interface, usually an *esgo.Client.
// Register one under an alias (Add, Create, CreateClient), or a factory
// that creates it on first use (Configure, ConfigureClient), or every
// cluster of the esgo command's clusters file (LoadClusters). Requests
// built without an explicit connection use the one registered under
// DefaultAlias in Default; UsingAlias picks another:
//
//	connections.Default.Add(connections.DefaultAlias, client)
//	resp, err := dsl.Execute[Post](ctx, dsl.NewSearch("blog").Query(q))
//
// The other DSL packages: dsl (queries, aggregations, searches and their
// responses), dsl/mapping (mappings from struct tags and typed
// properties), dsl/analysis (analyzers and their parts), dsl/index (index
// definitions and management), dsl/document (documents of a Go type) and
// dsl/faceted (faceted search).
package connections
