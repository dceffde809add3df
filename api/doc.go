// Package api is the complete Elasticsearch REST API, generated from the
// Elasticsearch 9.5.3 REST API specification (org.elasticsearch:rest-api-spec)
// by internal/gen. Files named zz_*.go are generated; do not edit them.
//
// # Shape
//
// Endpoints without a namespace are methods of [API] (search, index, get,
// bulk ...); the others hang off a namespace field: the spec endpoint
// indices.create is client.Indices.Create. Every method takes a context, a
// request struct named after the endpoint (IndicesCreateRequest) and
// optional per-request [Option] values, and returns the raw
// *transport.Response. HEAD-only endpoints (exists, indices.exists ...)
// return (bool, error) instead: 200 is true, 404 is false, anything else is
// an error.
//
// A request struct has one field per path part and query parameter:
//
//   - path parts are strings (or []string for lists, joined with ","); the
//     most specific path whose parts are set is used, and a missing required
//     part gives an error matching [ErrMissingPart];
//   - booleans are *bool and numbers *int or *float64, nil meaning "not
//     sent" (write new(true), new(10));
//   - durations are strings in Elasticsearch's time unit format ("30s",
//     "1m", "-1"); [Duration] formats a time.Duration;
//   - enumerations are named string types with constants
//     ([VersionTypeExternal], [RefreshWaitFor] ...), lists of them are slices;
//   - the body is any: a JSON-encodable value, []byte, json.RawMessage,
//     string or io.Reader. NDJSON endpoints (bulk, msearch,
//     msearch_template ...) send the NDJSON content type, and a slice body is
//     one line per element.
//
// The common parameters (filter_path, pretty, human, error_trace) are
// options: [WithFilterPath], [WithPretty] ...
//
// # Results
//
// Decode a response into your own type with [Decode] (or
// (*transport.Response).Decode). When the transport is an *esgo.Client, a
// non-2xx status is returned as an *esgo.Error unless listed in
// [WithIgnore].
//
// # Size
//
// The generated code shares its helpers and declares no per-endpoint tables:
// a method is a few lines building a path and a query, so the linker keeps
// only the endpoints a program calls. In a program that only searches, the
// package contributes about 20 KB of machine code (go tool nm), and
// compiling all 602 endpoints peaks under 200 MB of memory.
package api
