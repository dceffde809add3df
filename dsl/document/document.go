package document

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/index"
	"github.com/esgo/esgo/dsl/internal/rawcall"
	"github.com/esgo/esgo/dsl/mapping"
	"github.com/esgo/esgo/transport"
)

// ErrValidation is matched (errors.Is) by validation failures before a save.
var ErrValidation = errors.New("document: validation failed")

// Validator is implemented by documents that check themselves before being
// saved (Python's clean()). Implement it on T or *T.
type Validator interface {
	Validate() error
}

// Meta is the metadata of a stored document.
type Meta struct {
	ID          string `json:"_id"`
	Index       string `json:"_index"`
	Routing     string `json:"_routing,omitempty"`
	Version     *int64 `json:"_version,omitempty"`
	SeqNo       *int64 `json:"_seq_no,omitempty"`
	PrimaryTerm *int64 `json:"_primary_term,omitempty"`
}

// Doc is a document with its metadata. Meta.SeqNo and Meta.PrimaryTerm,
// filled by Get and Save, make the next Save conditional (optimistic
// concurrency control).
type Doc[T any] struct {
	Meta   Meta
	Source T
}

// Type binds a Go struct type T to an index: it derives the mapping from
// T and stores, fetches and searches documents of type T. It is safe for
// concurrent use.
type Type[T any] struct {
	index    *index.Index
	mapping  *mapping.Mapping
	required []mapping.Required
}

// New derives the mapping of T (see mapping.For), merges it into the index
// definition ix (with the registered analyzers its fields name) and returns
// the document type.
func New[T any](ix *index.Index) (*Type[T], error) {
	m, err := mapping.For[T]()
	if err != nil {
		return nil, err
	}
	ix.Mapping(m)
	return &Type[T]{index: ix, mapping: m, required: m.Required()}, nil
}

// Index returns the index definition.
func (d *Type[T]) Index() *index.Index { return d.index }

// Mapping returns the mapping derived from T.
func (d *Type[T]) Mapping() *mapping.Mapping { return d.mapping.Clone() }

// Init creates the index, or updates its settings and mappings (see index.Index.Save).
func (d *Type[T]) Init(ctx context.Context) error { return d.index.Save(ctx) }

// Search returns a search over the index; run it with dsl.Execute[T].
func (d *Type[T]) Search() dsl.Search { return d.index.Search() }

// Opt is a URL parameter of a document request.
type Opt struct {
	key   string
	value any
}

// Refresh sets "refresh" ("true", "false" or "wait_for").
func Refresh(v string) Opt { return Opt{"refresh", v} }

// Routing sets "routing".
func Routing(v string) Opt { return Opt{"routing", v} }

// IfSeqNo sets "if_seq_no" (with IfPrimaryTerm: write only if unchanged).
func IfSeqNo(n int64) Opt { return Opt{"if_seq_no", n} }

// IfPrimaryTerm sets "if_primary_term".
func IfPrimaryTerm(n int64) Opt { return Opt{"if_primary_term", n} }

func queryOf(opts []Opt) url.Values {
	q := url.Values{}
	for _, o := range opts {
		q.Set(o.key, fmt.Sprint(o.value))
	}
	return q
}

type getResult[T any] struct {
	Meta
	Found  bool            `json:"found"`
	Source json.RawMessage `json:"_source"`
}

func (g *getResult[T]) doc() (*Doc[T], error) {
	doc := &Doc[T]{Meta: g.Meta}
	if len(g.Source) > 0 {
		if err := json.Unmarshal(g.Source, &doc.Source); err != nil {
			return nil, fmt.Errorf("document: decode document %q: %w", g.ID, err)
		}
	}
	return doc, nil
}

// Get fetches the document with the given id. A missing document (or
// index) gives an error matching esgo.ErrNotFound.
func (d *Type[T]) Get(ctx context.Context, id string, opts ...Opt) (*Doc[T], error) {
	t, err := d.index.Transport()
	if err != nil {
		return nil, err
	}
	var g getResult[T]
	// The server's 404 (a missing document or index) is its *transport.Error.
	if _, err := rawcall.JSON(ctx, t, rawcall.Request{Query: queryOf(opts),
		Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
			return a.Get(ctx, api.GetRequest{Index: d.index.Name(), ID: id}, o...)
		}}, &g); err != nil {
		return nil, err
	}
	if !g.Found {
		return nil, fmt.Errorf("document: get %q in index %q: %w", id, d.index.Name(), transport.ErrNotFound)
	}
	return g.doc()
}

// Exists reports whether the document with the given id exists.
func (d *Type[T]) Exists(ctx context.Context, id string, opts ...Opt) (bool, error) {
	t, err := d.index.Transport()
	if err != nil {
		return false, err
	}
	q := queryOf(opts)
	o := make([]api.Option, 0, len(q))
	for k := range q {
		o = append(o, api.WithQuery(k, q.Get(k)))
	}
	return api.New(t).Raw.Exists(ctx, api.ExistsRequest{Index: d.index.Name(), ID: id}, o...)
}

// Missing says what Mget does with ids that are not found.
type Missing int

const (
	// MissingNone puts a nil in the result for each missing document.
	MissingNone Missing = iota
	// MissingSkip leaves missing documents out of the result.
	MissingSkip
	// MissingRaise fails with an error matching esgo.ErrNotFound that lists the
	// missing ids.
	MissingRaise
)

// Mget fetches several documents by id, in order.
func (d *Type[T]) Mget(ctx context.Context, ids []string, missing Missing) ([]*Doc[T], error) {
	t, err := d.index.Transport()
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var out struct {
		Docs []json.RawMessage `json:"docs"`
	}
	if _, err := rawcall.JSON(ctx, t, rawcall.Request{
		Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
			return a.Mget(ctx, api.MgetRequest{Index: d.index.Name(), RawBody: map[string]any{"ids": ids}}, o...)
		}}, &out); err != nil {
		return nil, err
	}
	var docs []*Doc[T]
	var notFound []string
	for i, raw := range out.Docs {
		var g getResult[T]
		var probe struct {
			Error json.RawMessage `json:"error"`
		}
		if err := json.Unmarshal(raw, &probe); err == nil && len(probe.Error) > 0 {
			return nil, fmt.Errorf("document: mget %q: %s", ids[i], probe.Error)
		}
		if err := json.Unmarshal(raw, &g); err != nil {
			return nil, fmt.Errorf("document: mget: decode %q: %w", ids[i], err)
		}
		if !g.Found {
			notFound = append(notFound, g.ID)
			if missing == MissingNone {
				docs = append(docs, nil)
			}
			continue
		}
		doc, err := g.doc()
		if err != nil {
			return nil, err
		}
		docs = append(docs, doc)
	}
	if missing == MissingRaise && len(notFound) > 0 {
		return nil, fmt.Errorf("document: mget in index %q: documents not found: %s: %w", d.index.Name(), strings.Join(notFound, ", "), transport.ErrNotFound)
	}
	return docs, nil
}

// Validate runs the checks done before a save: fields tagged
// `es:",required"` must not be zero and the Validator hook must pass.
func (d *Type[T]) Validate(v *T) error {
	rv := reflect.ValueOf(v).Elem()
	for _, r := range d.required {
		f, err := rv.FieldByIndexErr(r.Index)
		if err != nil || f.IsZero() {
			return fmt.Errorf("%w: field %q is required", ErrValidation, r.Name)
		}
	}
	var val any = v
	if vd, ok := val.(Validator); ok {
		if err := vd.Validate(); err != nil {
			return fmt.Errorf("%w: %w", ErrValidation, err)
		}
	} else if vd, ok := any(*v).(Validator); ok {
		if err := vd.Validate(); err != nil {
			return fmt.Errorf("%w: %w", ErrValidation, err)
		}
	}
	return nil
}

// writeResult is the answer to index, update and delete requests.
type writeResult struct {
	Meta
	Result string `json:"result"`
}

// Save validates and stores the document: under doc.Meta.ID, or under a
// new id when it is empty. When doc.Meta carries SeqNo and PrimaryTerm (as
// after Get or a previous Save), the write only succeeds if the stored
// document is unchanged; otherwise the error matches esgo.ErrConflict (or the
// client's conflict error). doc.Meta is updated. The result is "created"
// or "updated".
func (d *Type[T]) Save(ctx context.Context, doc *Doc[T], opts ...Opt) (string, error) {
	if err := d.Validate(&doc.Source); err != nil {
		return "", err
	}
	t, err := d.index.Transport()
	if err != nil {
		return "", err
	}
	q := url.Values{}
	if doc.Meta.SeqNo != nil && doc.Meta.PrimaryTerm != nil {
		q.Set("if_seq_no", fmt.Sprint(*doc.Meta.SeqNo))
		q.Set("if_primary_term", fmt.Sprint(*doc.Meta.PrimaryTerm))
	}
	if doc.Meta.Routing != "" {
		q.Set("routing", doc.Meta.Routing)
	}
	for k, v := range queryOf(opts) {
		q[k] = v
	}
	var res writeResult
	if _, err := rawcall.JSON(ctx, t, rawcall.Request{Query: q,
		Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
			return a.Index(ctx, api.IndexRequest{Index: d.index.Name(), ID: doc.Meta.ID, RawBody: doc.Source}, o...)
		}}, &res); err != nil {
		return "", err
	}
	doc.Meta = mergeMeta(doc.Meta, res.Meta)
	return res.Result, nil
}

func mergeMeta(old, got Meta) Meta {
	if got.Routing == "" {
		got.Routing = old.Routing
	}
	return got
}

// Update describes a partial update.
type Update struct {
	// Doc is a partial document merged into the stored one.
	Doc any
	// Script updates the document, e.g. map[string]any{"source": "ctx._source.n += params.by", "params": ...}.
	Script any
	// Upsert is indexed when the document does not exist.
	Upsert any
	// DocAsUpsert indexes Doc when the document does not exist.
	DocAsUpsert bool
	// ScriptedUpsert runs the script also when the document does not exist.
	ScriptedUpsert bool
	// RetryOnConflict retries the update that many times on version conflicts.
	RetryOnConflict int
	// FetchSource returns the updated document in the result.
	FetchSource bool
}

// UpdateResult is the result of Update.
type UpdateResult[T any] struct {
	Meta   Meta
	Result string
	// Doc is the updated document when Update.FetchSource was set.
	Doc *T
}

// Update applies a partial update to the document with the given id.
// IfSeqNo and IfPrimaryTerm options make it conditional.
func (d *Type[T]) Update(ctx context.Context, id string, u Update, opts ...Opt) (*UpdateResult[T], error) {
	if u.Doc == nil && u.Script == nil {
		return nil, fmt.Errorf("%w: update of %q needs a partial document or a script", dsl.ErrIllegalOperation, id)
	}
	t, err := d.index.Transport()
	if err != nil {
		return nil, err
	}
	body := map[string]any{}
	if u.Doc != nil {
		body["doc"] = u.Doc
	}
	if u.Script != nil {
		body["script"] = u.Script
	}
	if u.Upsert != nil {
		body["upsert"] = u.Upsert
	}
	if u.DocAsUpsert {
		body["doc_as_upsert"] = true
	}
	if u.ScriptedUpsert {
		body["scripted_upsert"] = true
	}
	q := queryOf(opts)
	if u.RetryOnConflict > 0 {
		q.Set("retry_on_conflict", fmt.Sprint(u.RetryOnConflict))
	}
	if u.FetchSource {
		body["_source"] = true
	}
	var res struct {
		writeResult
		Get struct {
			Source json.RawMessage `json:"_source"`
		} `json:"get"`
	}
	if _, err := rawcall.JSON(ctx, t, rawcall.Request{Query: q,
		Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
			return a.Update(ctx, api.UpdateRequest{Index: d.index.Name(), ID: id, RawBody: body}, o...)
		}}, &res); err != nil {
		return nil, err
	}
	out := &UpdateResult[T]{Meta: res.Meta, Result: res.Result}
	if len(res.Get.Source) > 0 {
		out.Doc = new(T)
		if err := json.Unmarshal(res.Get.Source, out.Doc); err != nil {
			return nil, fmt.Errorf("document: decode updated document %q: %w", id, err)
		}
	}
	return out, nil
}

// Delete deletes the document with the given id. A missing document gives
// an error matching esgo.ErrNotFound.
func (d *Type[T]) Delete(ctx context.Context, id string, opts ...Opt) error {
	t, err := d.index.Transport()
	if err != nil {
		return err
	}
	_, err = rawcall.JSON(ctx, t, rawcall.Request{Query: queryOf(opts),
		Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
			return a.Delete(ctx, api.DeleteRequest{Index: d.index.Name(), ID: id}, o...)
		}}, nil)
	return err
}

// appendScript appends params.v to the top-level field params.f, creating
// the list when missing and turning a single value into a list.
const appendScript = `if (ctx._source[params.f] == null) { ctx._source[params.f] = [params.v] } ` +
	`else if (ctx._source[params.f] instanceof List) { ctx._source[params.f].add(params.v) } ` +
	`else { ctx._source[params.f] = [ctx._source[params.f], params.v] }`

// AppendNested adds value to the list in the top-level field (a nested or
// array field) of the document of d with the given id, with a painless
// script: the parent document is not re-sent. Retries on conflict up to 3
// times. V is the type of the list's elements (a struct of the nested
// objects, or a string):
//
//	document.AppendNested(ctx, posts, "1", "comments", Comment{Author: "kim", Text: "nice"})
func AppendNested[T, V any](ctx context.Context, d *Type[T], id, field string, value V, opts ...Opt) (*UpdateResult[T], error) {
	return d.Update(ctx, id, Update{
		Script:          map[string]any{"source": appendScript, "lang": "painless", "params": map[string]any{"f": field, "v": value}},
		RetryOnConflict: 3,
	}, opts...)
}
