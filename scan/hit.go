package scan

import "github.com/esgo/esgo/types"

// Hit is one search hit, the one hit type of esgo: types.Hit, the typed
// API's hit, which scan's iterators yield and the dsl package's Execute,
// Iterate and Scan return (dsl.Hit is the same type). T is the type
// _source decodes into; json.RawMessage keeps it as it is.
//
// Every piece of metadata the server sends about a hit has a field (the
// specification's _global.search._types.Hit); sort values are kept exact,
// as the server sent them, ready for search_after.
type Hit[T any] = types.Hit[T]
