package dsl

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/dsl/connections"
	"github.com/esgo/esgo/internal/fastjson"
	"github.com/esgo/esgo/transport"
)

// MultiSearch runs several searches in one _msearch request. It is
// immutable: Add returns a copy.
type MultiSearch struct {
	conn     transport.Interface
	alias    string
	index    []string
	searches []Search
}

// NewMultiSearch returns an empty multi search; index is the default index
// for searches that have none.
func NewMultiSearch(index ...string) MultiSearch { return MultiSearch{index: index} }

// Using returns a copy that runs on conn.
func (ms MultiSearch) Using(conn transport.Interface) MultiSearch {
	ms.conn, ms.alias = conn, ""
	return ms
}

// UsingAlias returns a copy that runs on the connection registered under alias.
func (ms MultiSearch) UsingAlias(alias string) MultiSearch {
	ms.conn, ms.alias = nil, alias
	return ms
}

// Add returns a copy with one more search.
func (ms MultiSearch) Add(s Search) MultiSearch {
	ms.searches = append(slices.Clone(ms.searches), s)
	return ms
}

// Searches returns the searches.
func (ms MultiSearch) Searches() []Search { return slices.Clone(ms.searches) }

// Lines returns the NDJSON lines: a header then a body per search.
func (ms MultiSearch) Lines() ([]any, error) {
	var out []any
	for i, s := range ms.searches {
		meta := map[string]any{}
		if len(s.index) > 0 {
			meta["index"] = s.index
		}
		for k, v := range s.params {
			if len(v) > 0 {
				meta[k] = v[0]
			}
		}
		body, err := s.Body()
		if err != nil {
			return nil, fmt.Errorf("dsl: multi search %d: %w", i, err)
		}
		out = append(out, meta, body)
	}
	return out, nil
}

// MarshalJSON implements json.Marshaler: the lines as a JSON array.
func (ms MultiSearch) MarshalJSON() ([]byte, error) {
	l, err := ms.Lines()
	if err != nil {
		return nil, err
	}
	return jsonMarshal(l)
}

// MultiResponse is the result of one search of a multi search: either a
// response or an error.
type MultiResponse[T any] struct {
	Response *Response[T]
	Err      error
}

// ExecuteMulti runs the multi search and decodes each response's hits into
// T. A failed search gives an entry with Err set (Python's
// raise_on_error=False); the returned error is for the request as a whole.
func ExecuteMulti[T any](ctx context.Context, ms MultiSearch) ([]MultiResponse[T], error) {
	t, err := connections.Resolve(ms.conn, ms.alias)
	if err != nil {
		return nil, err
	}
	lines, err := ms.Lines()
	if err != nil {
		return nil, err
	}
	var buf strings.Builder
	for _, l := range lines {
		b, err := jsonMarshal(l)
		if err != nil {
			return nil, err
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	call := func(ctx context.Context, a *api.RawAPI, o ...api.Option) (*transport.Response, error) {
		return a.Msearch(ctx, api.MsearchRequest{Index: ms.index, RawBody: buf.String(), TypedKeys: new(true)}, o...)
	}
	var raw struct {
		Responses []json.RawMessage `json:"responses"`
	}
	sent := new(transport.Request) // replaced by the request sent
	if _, err := api.Do(ctx, t, call, &raw, fastjson.Serializer{}, func(r *transport.Request) { sent = r }); err != nil {
		return nil, err
	}
	out := make([]MultiResponse[T], len(raw.Responses))
	for i, r := range raw.Responses {
		var probe struct {
			Error  json.RawMessage `json:"error"`
			Status int             `json:"status"`
		}
		_ = json.Unmarshal(r, &probe)
		if len(probe.Error) > 0 {
			// The item is an error answer of its own: parsed like one, with
			// its root causes and caused-by chain.
			se := transport.ParseError(probe.Status, r)
			se.Method, se.Path = sent.Method, sent.Path
			out[i].Err = se
			continue
		}
		var resp Response[T]
		if err := decodeResponse(r, &resp); err != nil {
			out[i].Err = fmt.Errorf("dsl: multi search %d: decode: %w", i, err)
			continue
		}
		out[i].Response = &resp
	}
	return out, nil
}
