package dsl

import (
	"context"
	"maps"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

// UpdateByQuery is an immutable update by query request: the query is
// built as for a Search, and Script sets the update script. Run it with Execute.
type UpdateByQuery struct {
	s      Search
	script map[string]any
}

// NewUpdateByQuery returns an update by query over the given indices.
func NewUpdateByQuery(index ...string) UpdateByQuery {
	return UpdateByQuery{s: NewSearch(index...)}
}

// Using returns a copy that runs on conn.
func (u UpdateByQuery) Using(conn transport.Interface) UpdateByQuery {
	u.s = u.s.Using(conn)
	return u
}

// UsingAlias returns a copy that runs on the connection registered under alias.
func (u UpdateByQuery) UsingAlias(alias string) UpdateByQuery {
	u.s = u.s.UsingAlias(alias)
	return u
}

// Query returns a copy with q added to the query (And when called twice).
func (u UpdateByQuery) Query(q Query) UpdateByQuery { u.s = u.s.Query(q); return u }

// Filter returns a copy with q added in filter context.
func (u UpdateByQuery) Filter(q Query) UpdateByQuery { u.s = u.s.Filter(q); return u }

// Exclude returns a copy with the negation of q added in filter context.
func (u UpdateByQuery) Exclude(q Query) UpdateByQuery { u.s = u.s.Exclude(q); return u }

// Param returns a copy with a URL parameter (refresh, conflicts, slices, ...).
func (u UpdateByQuery) Param(key, value string) UpdateByQuery {
	u.s = u.s.Param(key, value)
	return u
}

// Extra returns a copy with a top-level body key such as "max_docs".
func (u UpdateByQuery) Extra(key string, value any) UpdateByQuery {
	u.s = u.s.Extra(key, value)
	return u
}

// Script returns a copy whose script is made of the given keys (source,
// lang, params, id), replacing any previous script as Python's script() does.
func (u UpdateByQuery) Script(opts ...ScriptSourceOption) UpdateByQuery {
	m := map[string]any{}
	for _, o := range params(opts) {
		o.apply(m)
	}
	u.script = m
	return u
}

// Body returns the request body.
func (u UpdateByQuery) Body() (map[string]any, error) {
	if u.s.err != nil {
		return nil, u.s.err
	}
	d := map[string]any{}
	if u.s.query != nil {
		d["query"] = u.s.query
	}
	if len(u.script) > 0 {
		d["script"] = u.script
	}
	maps.Copy(d, u.s.extra)
	return d, nil
}

// MarshalJSON implements json.Marshaler (the request body).
func (u UpdateByQuery) MarshalJSON() ([]byte, error) {
	b, err := u.Body()
	if err != nil {
		return nil, err
	}
	return jsonMarshal(b)
}

// Execute runs the update by query (POST /<index>/_update_by_query).
func (u UpdateByQuery) Execute(ctx context.Context) (*ByQueryResult, error) {
	t, err := u.s.transport()
	if err != nil {
		return nil, err
	}
	body, err := u.Body()
	if err != nil {
		return nil, err
	}
	call := func(ctx context.Context, a *api.RawAPI, o ...api.Option) (*transport.Response, error) {
		return a.UpdateByQuery(ctx, api.UpdateByQueryRequest{Index: u.s.index, RawBody: body}, o...)
	}
	var out ByQueryResult
	if err := do(ctx, t, call, &out, u.s.params); err != nil {
		return nil, err
	}
	return &out, nil
}
