// Package document stores, fetches and searches documents of a Go struct
// type in an index, the counterpart of Python's elasticsearch.dsl Document.
//
//	docs, err := document.New[Post](index.New("blog").Using(client))
//	err = docs.Init(ctx)                                  // create the index with T's mapping
//	_, err = docs.Save(ctx, &document.Doc[Post]{Meta: document.Meta{ID: "1"}, Source: p})
//	d, err := docs.Get(ctx, "1")                          // errors.Is(err, esgo.ErrNotFound) when missing
//	resp, err := dsl.Execute[Post](ctx, docs.Search().Query(q))
//
// New derives the mapping of T from its fields and `es` struct tags (see
// dsl/mapping) and merges it into the index definition (see dsl/index).
// Save validates first: fields tagged es:",required" must be set and a
// Validator on T must pass. Doc.Meta carries the sequence number and
// primary term of the stored version, so that the next Save only succeeds
// if nobody changed the document since (the error then matches
// esgo.ErrConflict).
//
// # Compared with Python's elasticsearch.dsl
//
// Empty values are not stripped on save (Python drops empty fields): use
// omitempty JSON tags.
//
// The other DSL packages: dsl (queries, aggregations, searches and their
// responses), dsl/mapping (mappings), dsl/analysis (analyzers and their
// parts), dsl/index (index definitions and management), dsl/faceted
// (faceted search) and dsl/connections (named connections).
package document
