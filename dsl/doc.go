// Package dsl is a typed, composable query language for Elasticsearch: the Go
// counterpart of Python's elasticsearch.dsl.
//
// It offers:
//
//   - Queries: one constructor for each of the 61 query types of the
//     Elasticsearch 9.5 specification (Match, Term, Range, Nested, Knn,
//     SparseVector, Semantic, span and geo queries...), plus Q, Raw and
//     ParseQuery as escape hatches. And, Or and Not combine queries with
//     exactly the simplification rules of the Python library.
//   - Options generated from the specification (zz_params.go): every
//     parameter of every query, aggregation and search part is a function
//     (Boost, Operator, FragmentSize, MaxBoost, MinChildren, K ...) whose
//     result implements only the option interfaces of the types that take
//     it (MatchOption, TermsAggOption, HighlightFieldOption ...), so
//     Range("price", Size(3)) does not compile. Values are typed where the
//     specification gives a scalar, a query or a list of them; a structure
//     or union takes the types.X value or its JSON form. P(name, value) is
//     the one raw step, accepted everywhere. QueryFrom and AggFrom take a
//     query or an aggregation built with the specification's own types
//     (package types, shared with the typed API) into the DSL.
//   - Aggregations: constructors for all of the specification's bucket,
//     metric and pipeline aggregations; Bucket returns the child, Metric
//     and Pipeline the parent, and Search.Agg registers the root of a
//     chain, so no node is lost. Every search asks for typed_keys, and
//     results are read by kind, with the specification's Aggregate
//     variants: resp.Aggregations.StringTerms("by_cat"), then
//     bucket.Aggregations.Avg("avg_stars"); Buckets, SingleBucketOf and
//     Value read them generically, and refuse a result of another kind.
//   - Search: an immutable, chainable request builder; Execute decodes hits
//     into your own struct type, Iterate and Scan page through all of them.
//     What comes back is the typed API's: Response is
//     types.SearchResponseBody and Hit is types.Hit, the same types
//     api.SearchAs and the scan package return.
//   - MultiSearch and UpdateByQuery, built like a Search.
//
// The rest of Python's elasticsearch.dsl lives in packages of its own, one
// idea each:
//
//   - dsl/mapping: index mappings from Go structs and `es` struct tags, and
//     typed properties (types.Property) for what tags cannot say.
//   - dsl/analysis: analyzers, tokenizers, token filters, char filters and
//     normalizers.
//   - dsl/index: index definitions (settings, aliases, analysis, mappings,
//     templates) and their management.
//   - dsl/document: documents of a Go struct type stored in an index (Get,
//     Mget, Save, Update, Delete).
//   - dsl/faceted: faceted search over a Search.
//   - dsl/connections: the registry of named connections a Search uses when
//     given none (Using and UsingAlias choose one).
//
// Everything that talks to the cluster takes a context and goes through a
// transport.Interface, such as *esgo.Client. Missing documents and version
// conflicts match esgo.ErrNotFound and esgo.ErrConflict (also exported here
// as ErrNotFound and ErrConflict) whichever transport is used.
//
// # Names
//
// An option is named after the specification's parameter, in Go case
// (fragment_size: FragmentSize, num_candidates: NumCandidates); when that
// name is already a constructor or another identifier of the package, the
// option takes the prefix With (filter: WithFilter, query: WithQuery,
// type: WithType, analyzer: WithAnalyzer), and _name and _source are
// QueryName and HitSource. A parameter that is a query in some owners and
// a text in others has one option for each: WithQuery(q Query) and
// QueryText(s string).
//
// # Types
//
// Every option takes the type the specification gives its parameter:
// Go scalars, enums of package types (Operator(types.OperatorAnd), or a
// string constant), Query for queries (variadic for lists), and the
// structures of package types (InnerHits(types.InnerHits{Size:
// types.Ptr(3)})). A union takes its members too, so the short forms
// Python takes compile: Include("go.*") and Include([]string{"go"}) as
// well as a types.TermsInclude; Fuzziness("AUTO") or Fuzziness(2); a
// script its source alone. Such options are generic over the members
// (Include[V ~string | []string | ...]); the compiler names the accepted
// types when a value fits none. Values known only at run time have their
// constructors: TermValue and TermsValues take types.FieldValue.
//
// Four names set raw values, unchecked, and say so: P sets any parameter
// of a query or aggregation, Q builds a query from its name and a map as
// Python's Q does, Search.Extra sets any key of the search body, and
// Search.Param any URL parameter of the request; prefer the typed option
// where one exists.
//
// # Compared with Python's elasticsearch.dsl
//
// Query combination, Search serialisation, aggregations, MultiSearch and
// UpdateByQuery produce the same JSON as the Python library; testdata/diff
// holds the differential tests that check it (each package above has its
// own). The differences are deliberate (those of the other packages are
// listed in their documentation):
//
//   - And with a bool query whose minimum_should_match is not an integer
//     (say "75%") keeps that clause intact inside must, where Python raises.
//   - Builder mistakes (sorting by "-_score", negative slices, kNN without a
//     vector) are recorded in the Search and returned by ToJSON or at
//     execution, since chained calls cannot return errors.
//   - Search.Delete sends only the query; Count asks the server each time.
//   - Sort("price:desc") is an error (Python sorts on a field of that
//     name); Collapse("") is an error (RemoveCollapse removes collapsing);
//     Knn takes a vector and KnnBuilder a query_vector_builder.
//   - Execute and ExecuteMulti send typed_keys (Python does not), so that
//     aggregation results are read by kind.
//   - "__" in a field name becomes "." exactly where Python rewrites it (a
//     field that is the query's key: Match("a__b", ...)); a field given as a
//     value (Exists, Knn, RankFeature, Sort) is sent as given.
package dsl
