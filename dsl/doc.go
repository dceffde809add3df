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
//     chain, so no node is lost. Results are typed by the specification's
//     Aggregate variants: resp.Aggregations.Typed().StringTerms("by_cat"),
//     then bucket.Aggregations.Avg("avg_stars"); Buckets, Value and AggAs
//     read them generically.
//   - Search: an immutable, chainable request builder; Execute decodes hits
//     into your own struct type.
//   - Documents: index mappings derived from Go structs and `es` struct tags,
//     and the usual document operations (Get, Mget, Save, Update, Delete).
//   - Index management, analysis definitions, MultiSearch, UpdateByQuery,
//     FacetedSearch and a registry of named connections.
//
// Everything that talks to the cluster takes a context and goes through a
// transport.Interface, such as *esgo.Client. Missing documents and version
// conflicts match esgo.ErrNotFound and esgo.ErrConflict (also exported here
// as ErrNotFound and ErrConflict) whichever transport is used.
//
// # Compared with Python's elasticsearch.dsl
//
// Query combination, Search serialisation, aggregations, mappings, index
// definitions and faceted searches produce the same JSON as the Python
// library; testdata/diff holds the differential tests that check it. The
// differences are deliberate:
//
//   - And with a bool query whose minimum_should_match is not an integer
//     (say "75%") keeps that clause intact inside must, where Python raises.
//   - Index.Save compares the stored analysis settings (which the server
//     returns as strings) by value, so saving an unchanged definition on an
//     open index works; Python refuses it whenever a setting is a number.
//   - Builder mistakes (sorting by "-_score", negative slices, kNN without a
//     vector) are recorded in the Search and returned by ToJSON or at
//     execution, since chained calls cannot return errors.
//   - Search.Delete sends only the query; Count reuses an exact total from
//     the last Execute of the same Search value.
//   - Go field types choose the numeric mapping type precisely (int32 ->
//     integer, int64 -> long, float32 -> float, float64 -> double), and the
//     field name is always the JSON name so documents and mappings agree.
//   - Empty values are not stripped on save: use omitempty JSON tags.
//   - A Go string without an es tag type maps to text with a keyword
//     sub-field ({"keyword": {"type": "keyword", "ignore_above": 256}}), as
//     Elasticsearch's own dynamic mapping does; Python maps str to a plain
//     Text(). A tag naming a type or fields says otherwise.
//   - "__" in a field name becomes "." exactly where Python rewrites it (a
//     field that is the query's key: Match("a__b", ...)); a field given as a
//     value (Exists, Knn, RankFeature, a mapping's field name, Sort) is sent
//     as given.
//
// # The es struct tag
//
// `es:"TYPE,option=value,..."`: TYPE is the mapping type (keyword, text,
// dense_vector ...; default from the Go type), "required" makes Validate
// check the field, "-" leaves it out. Option values are numbers, true or
// false, JSON objects or lists (meta={"unit":"ms"}), or strings; a value in
// single quotes is always a string taken as written (null_value='00000',
// 'a,b' with its comma). fields=NAME:TYPE[:ANALYZER][:OPTION=VALUE...]|...
// declares sub-fields with their options (fields=raw:keyword:ignore_above=256).
// copy_to=a|b copies to several fields. For what tags cannot say, build the
// mapping with Mapping.Field. A custom analyzer or normalizer that a tag
// names is added to the index settings by NewDocType when it was made
// known with RegisterAnalyzer or RegisterNormalizer (Python collects them
// from the field objects; Go tags hold names).
package dsl
