// Package dsl is a typed, composable query language for Elasticsearch: the Go
// counterpart of Python's elasticsearch.dsl.
//
// It offers:
//
//   - Queries: one constructor per Elasticsearch 9.5 query type (Match, Term,
//     Range, Nested, Knn, SparseVector, Semantic, span and geo queries...),
//     each taking options (Boost, Operator, P for any parameter), plus Raw and
//     ParseQuery as escape hatches. And, Or and Not combine queries with
//     exactly the simplification rules of the Python library.
//   - Aggregations: constructors for every bucket, metric and pipeline
//     aggregation; Bucket returns the child, Metric and Pipeline the parent.
//     Results are read with Buckets, Value and AggAs, without map walking.
//   - Search: an immutable, chainable request builder; Execute decodes hits
//     into your own struct type.
//   - Documents: index mappings derived from Go structs and `es` struct tags,
//     and the usual document operations (Get, Mget, Save, Update, Delete).
//   - Index management, analysis definitions, MultiSearch, UpdateByQuery,
//     FacetedSearch and a registry of named connections.
//
// Everything that talks to the cluster takes a context and goes through a
// transport.Interface, such as *esgo.Client.
package dsl
