// Package mapping builds index mappings: from Go structs and their `es`
// struct tags (For, Of), and from the specification's typed properties
// (types.Property) for what tags cannot say (Set, Patch, SubField, Apply),
// the counterpart of the fields of Python's elasticsearch.dsl Document and
// of its Mapping.
//
//	type Post struct {
//		Title string   `json:"title" es:"analyzer=english"`
//		Tags  []string `json:"tags" es:"keyword"`
//	}
//	m, err := mapping.For[Post]()
//	m.SubField("title", "raw", types.PropertyFromKeyword(types.KeywordProperty{IgnoreAbove: new(256)}))
//
// A Mapping goes to an index with index.Index.Mapping (or document.New,
// which derives it from the document type); the index then collects the
// custom analyzers and normalizers the fields name (see
// analysis.RegisterAnalyzer).
//
// # From Go types
//
// A field is named by its JSON name, so that documents and mappings agree.
// Go types map to: string -> text with a keyword sub-field
// ({"keyword": {"type": "keyword", "ignore_above": 256}}, as
// Elasticsearch's own dynamic mapping maps a string), bool -> boolean, int8
// -> byte, int16 -> short, int32 -> integer, int/int64/uint8..uint32 ->
// long, uint/uint64 -> unsigned_long, float32 -> float, float64 -> double,
// time.Time -> date, net.IP -> ip, []byte -> binary, struct -> object,
// slice of structs -> nested, map -> object, other slices -> their
// element's type.
//
// # The es struct tag
//
// `es:"TYPE,option=value,..."`: TYPE is the mapping type (keyword, text,
// dense_vector ...; default from the Go type), "required" makes
// document.Type.Validate check the field, "-" leaves it out. Option values
// are numbers, true or false, JSON objects or lists (meta={"unit":"ms"}), or
// strings; a value in single quotes is always a string taken as written
// (null_value='00000', 'a,b' with its comma).
// fields=NAME:TYPE[:ANALYZER][:OPTION=VALUE...]|... declares sub-fields with
// their options (fields=raw:keyword:ignore_above=256). copy_to=all_text sends
// one name as a string, copy_to=a|b a list, copy_to=["a"] a list of one
// (as Python sends copy_to="all_text" and copy_to=["a", "b"]). A tag naming a type or fields replaces the default
// keyword sub-field of a string.
//
// # Typed properties
//
// Set, Patch and SubField take a types.Property (built with
// types.PropertyFromKeyword, types.PropertyFromText, ...), whose fields are
// every parameter the specification gives the field type: options of
// sub-fields, object-valued parameters (index_options, meta, fielddata
// filters), strings that look like numbers. Set replaces a field, Patch
// merges parameters into the definition a tag gave, SubField adds a
// multi-field; a dotted path reaches into object and nested fields. Apply
// sets top-level parameters (dynamic, _source, runtime fields, dynamic
// templates) from a types.TypeMapping. Builder mistakes (a path that
// reaches no field) are recorded and returned by Err, MarshalJSON and the
// index operations, as chained calls cannot return errors.
//
// # Compared with Python's elasticsearch.dsl
//
// testdata/diff holds the differential tests against Python's mappings.
// The differences are deliberate:
//
//   - Go field types choose the numeric mapping type precisely (int32 ->
//     integer, int64 -> long, float32 -> float, float64 -> double).
//   - A Go string maps to text with a keyword sub-field, where Python maps
//     str to a plain Text(); a tag naming a type or fields says otherwise.
//   - Tags name analyzers by name; Python's fields hold analyzer objects.
//     Register custom ones with analysis.RegisterAnalyzer so that an index
//     collects them, as Python does.
//
// The other DSL packages: dsl (queries, aggregations, searches and their
// responses), dsl/analysis (analyzers and their parts), dsl/index (index
// definitions and management), dsl/document (documents of a Go type),
// dsl/faceted (faceted search) and dsl/connections (named connections).
package mapping
