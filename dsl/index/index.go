package index

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"reflect"
	"sync"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/analysis"
	"github.com/esgo/esgo/dsl/connections"
	"github.com/esgo/esgo/dsl/internal/rawcall"
	"github.com/esgo/esgo/dsl/mapping"
	"github.com/esgo/esgo/transport"
	"github.com/esgo/esgo/types"
)

// Index is an index definition (name, settings, aliases, analysis,
// mappings) with the index management operations. Configure it first, then
// share it: the builder methods lock, but a definition changed while
// another goroutine creates the index gives no guarantee which version is
// sent.
type Index struct {
	mu       sync.Mutex
	name     string
	settings map[string]any
	aliases  map[string]types.Alias
	analysis analysis.Analysis
	mapping  *mapping.Mapping
	conn     transport.Interface
	alias    string
}

// New returns an index definition called name.
func New(name string) *Index {
	return &Index{name: name, settings: map[string]any{}, aliases: map[string]types.Alias{}, analysis: analysis.Analysis{}}
}

// Name returns the index name.
func (ix *Index) Name() string { return ix.name }

// Using makes the index use conn and returns ix.
func (ix *Index) Using(conn transport.Interface) *Index {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.conn, ix.alias = conn, ""
	return ix
}

// UsingAlias makes the index use the connection registered under alias.
func (ix *Index) UsingAlias(alias string) *Index {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.conn, ix.alias = nil, alias
	return ix
}

// Settings sets index settings and returns ix:
// Settings(NumberOfShards(1), RefreshInterval("30s")). The options are
// generated from the specification's index settings (zz_params.go); P
// sets any other, such as P("index.mapping.total_fields.limit", 2000).
func (ix *Index) Settings(opts ...SettingOption) *Index {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, o := range opts {
		s := o.opt()
		ix.settings[s.key] = s.value
	}
	return ix
}

// Setting is one index setting: its name and value. P makes one for any
// name.
type Setting struct {
	key   string
	value any
}

func (s Setting) opt() Setting { return s }

// P sets any index setting by name, unchecked (the raw step): P("index.codec",
// "best_compression").
func P(key string, value any) Setting { return Setting{key, value} }

// Option is any index setting option; Settings takes SettingOption, which
// the generated options implement.
type Option interface {
	opt() Setting
}

// Aliases merges aliases by name, as the specification types them, and
// returns ix:
//
//	ix.Aliases(map[string]types.Alias{"blog": {}, "published": {Filter: &types.QueryContainer{
//		Term: map[string]types.TermQuery{"published": types.TermValue(true)}}}})
func (ix *Index) Aliases(aliases map[string]types.Alias) *Index {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	maps.Copy(ix.aliases, aliases)
	return ix
}

// Analyzer adds a custom analyzer (with its components) to the index
// settings and returns ix.
func (ix *Index) Analyzer(a analysis.Analyzer) *Index {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.analysis.AddAnalyzer(a)
	return ix
}

// Normalizer adds a custom normalizer to the index settings and returns ix.
func (ix *Index) Normalizer(n analysis.Normalizer) *Index {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.analysis.AddNormalizer(n)
	return ix
}

// AnalysisComponent adds a standalone custom tokenizer, token filter,
// char filter, analyzer or normalizer and returns ix.
func (ix *Index) AnalysisComponent(c analysis.Component) *Index {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	switch x := c.(type) {
	case analysis.Tokenizer:
		ix.analysis.AddTokenizer(x)
	case analysis.TokenFilter:
		ix.analysis.AddTokenFilter(x)
	case analysis.CharFilter:
		ix.analysis.AddCharFilter(x)
	case analysis.Analyzer:
		ix.analysis.AddAnalyzer(x)
	case analysis.Normalizer:
		ix.analysis.AddNormalizer(x)
	}
	return ix
}

// Mapping merges m into the index mappings and returns ix. The custom
// analyzers and normalizers that m's fields name and that were registered
// with analysis.RegisterAnalyzer or analysis.RegisterNormalizer are added
// to the index settings, as Python collects the analyzers of its fields.
func (ix *Index) Mapping(m *mapping.Mapping) *Index {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.mapping == nil {
		ix.mapping = mapping.New()
	}
	ix.mapping.Merge(m)
	for _, name := range m.Analyzers() {
		if a, ok := analysis.LookupAnalyzer(name); ok {
			ix.analysis.AddAnalyzer(a)
		}
	}
	for _, name := range m.Normalizers() {
		if n, ok := analysis.LookupNormalizer(name); ok {
			ix.analysis.AddNormalizer(n)
		}
	}
	return ix
}

// Document merges the mapping derived from the struct type of v (see
// mapping.For) into the index mappings.
func (ix *Index) Document(v any) (*Index, error) {
	m, err := mapping.Of(reflect.TypeOf(v))
	if err != nil {
		return ix, err
	}
	return ix.Mapping(m), nil
}

// Body returns the index creation body: settings (with analysis), aliases
// and mappings.
func (ix *Index) Body() map[string]any {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.bodyLocked()
}

func (ix *Index) bodyLocked() map[string]any {
	out := map[string]any{}
	settings := maps.Clone(ix.settings)
	if len(ix.analysis) > 0 {
		a := map[string]any{}
		for k, v := range ix.analysis {
			a[k] = maps.Clone(v)
		}
		settings["analysis"] = a
	}
	if len(settings) > 0 {
		out["settings"] = settings
	}
	if len(ix.aliases) > 0 {
		out["aliases"] = maps.Clone(ix.aliases)
	}
	if ix.mapping != nil {
		if mb := ix.mapping.Body(); len(mb) > 0 {
			out["mappings"] = mb
		}
	}
	return out
}

// MarshalJSON implements json.Marshaler (the creation body).
func (ix *Index) MarshalJSON() ([]byte, error) {
	if err := ix.Err(); err != nil {
		return nil, err
	}
	return marshal(ix.Body())
}

// Err returns the first builder mistake of a mapping given to the index
// (see mapping.Mapping.Err), or nil. Create, Save, PutMapping and the
// templates return it before sending anything.
func (ix *Index) Err() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.mapping == nil {
		return nil
	}
	return ix.mapping.Err()
}

// Clone returns a copy of the definition under another name.
func (ix *Index) Clone(name string) *Index {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	c := &Index{name: name, settings: maps.Clone(ix.settings), aliases: maps.Clone(ix.aliases), analysis: analysis.Analysis{}, conn: ix.conn, alias: ix.alias}
	for k, v := range ix.analysis {
		c.analysis[k] = maps.Clone(v)
	}
	if ix.mapping != nil {
		c.mapping = ix.mapping.Clone()
	}
	return c
}

// Search returns a search over this index using its connection.
func (ix *Index) Search() dsl.Search {
	s := dsl.NewSearch(ix.name)
	if conn, alias := ix.transportRef(); conn != nil {
		s = s.Using(conn)
	} else if alias != "" {
		s = s.UsingAlias(alias)
	}
	return s
}

// UpdateByQuery returns an update by query over this index using its connection.
func (ix *Index) UpdateByQuery() dsl.UpdateByQuery {
	u := dsl.NewUpdateByQuery(ix.name)
	if conn, alias := ix.transportRef(); conn != nil {
		u = u.Using(conn)
	} else if alias != "" {
		u = u.UsingAlias(alias)
	}
	return u
}

func (ix *Index) transportRef() (transport.Interface, string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.conn, ix.alias
}

// Transport returns the connection of the index: the one given to Using,
// else the one registered under its alias (UsingAlias, by default
// connections.DefaultAlias) in connections.Default.
func (ix *Index) Transport() (transport.Interface, error) {
	return connections.Resolve(ix.transportRef())
}

func (ix *Index) do(ctx context.Context, req rawcall.Request, out any) (int, error) {
	t, err := ix.Transport()
	if err != nil {
		return 0, err
	}
	return rawcall.JSON(ctx, t, req, out)
}

// Create creates the index with its settings, aliases and mappings.
func (ix *Index) Create(ctx context.Context) error {
	if err := ix.Err(); err != nil {
		return err
	}
	body := ix.Body()
	_, err := ix.do(ctx, rawcall.Request{Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		return a.Indices.Create(ctx, api.IndicesCreateRequest{Index: ix.name, RawBody: body}, o...)
	}}, nil)
	return err
}

// Exists reports whether the index exists.
func (ix *Index) Exists(ctx context.Context) (bool, error) {
	t, err := ix.Transport()
	if err != nil {
		return false, err
	}
	return api.New(t).Raw.Indices.Exists(ctx, api.IndicesExistsRequest{Index: []string{ix.name}})
}

// Delete deletes the index; a missing index is an error matching esgo.ErrNotFound.
func (ix *Index) Delete(ctx context.Context) error {
	_, err := ix.do(ctx, rawcall.Request{Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		return a.Indices.Delete(ctx, api.IndicesDeleteRequest{Index: []string{ix.name}}, o...)
	}}, nil)
	return err
}

// Refresh refreshes the index.
func (ix *Index) Refresh(ctx context.Context) error {
	_, err := ix.do(ctx, rawcall.Request{Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		return a.Indices.Refresh(ctx, api.IndicesRefreshRequest{Index: []string{ix.name}}, o...)
	}}, nil)
	return err
}

// Open opens a closed index.
func (ix *Index) Open(ctx context.Context) error {
	_, err := ix.do(ctx, rawcall.Request{Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		return a.Indices.Open(ctx, api.IndicesOpenRequest{Index: []string{ix.name}}, o...)
	}}, nil)
	return err
}

// Close closes the index.
func (ix *Index) Close(ctx context.Context) error {
	_, err := ix.do(ctx, rawcall.Request{Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		return a.Indices.Close(ctx, api.IndicesCloseRequest{Index: []string{ix.name}}, o...)
	}}, nil)
	return err
}

// PutMapping sends the index mappings (adding fields to an existing index).
func (ix *Index) PutMapping(ctx context.Context) error {
	if err := ix.Err(); err != nil {
		return err
	}
	ix.mu.Lock()
	var body map[string]any
	if ix.mapping != nil {
		body = ix.mapping.Body()
	}
	ix.mu.Unlock()
	if len(body) == 0 {
		return nil
	}
	_, err := ix.do(ctx, rawcall.Request{Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		return a.Indices.PutMapping(ctx, api.IndicesPutMappingRequest{Index: []string{ix.name}, RawBody: body}, o...)
	}}, nil)
	return err
}

// GetMapping returns the index mapping as stored by the server.
func (ix *Index) GetMapping(ctx context.Context) (*types.TypeMapping, error) {
	var out map[string]struct {
		Mappings *types.TypeMapping `json:"mappings"`
	}
	if _, err := ix.do(ctx, rawcall.Request{Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		return a.Indices.GetMapping(ctx, api.IndicesGetMappingRequest{Index: []string{ix.name}}, o...)
	}}, &out); err != nil {
		return nil, err
	}
	for _, v := range out {
		return v.Mappings, nil
	}
	return nil, fmt.Errorf("%w: no mapping for index %q in the response", esgo.ErrNotFound, ix.name)
}

// GetSettings returns the index settings (the "index" section) as stored
// by the server, typed: the server sends every value as a string, kept in
// each scalar's types.Stringified (st.MaxResultWindow.Value).
func (ix *Index) GetSettings(ctx context.Context) (*types.IndexSettings, error) {
	var out map[string]struct {
		Settings struct {
			Index *types.IndexSettings `json:"index"`
		} `json:"settings"`
	}
	if err := ix.getSettings(ctx, &out); err != nil {
		return nil, err
	}
	for _, v := range out {
		if v.Settings.Index != nil {
			return v.Settings.Index, nil
		}
	}
	return nil, fmt.Errorf("%w: no settings for index %q in the response", esgo.ErrNotFound, ix.name)
}

// settingsMap returns the "index" section of the stored settings as JSON
// values (strings), as Save compares them with the settings it sends.
func (ix *Index) settingsMap(ctx context.Context) (map[string]any, error) {
	var out map[string]struct {
		Settings struct {
			Index map[string]any `json:"index"`
		} `json:"settings"`
	}
	if err := ix.getSettings(ctx, &out); err != nil {
		return nil, err
	}
	for _, v := range out {
		return v.Settings.Index, nil
	}
	return nil, fmt.Errorf("%w: no settings for index %q in the response", esgo.ErrNotFound, ix.name)
}

func (ix *Index) getSettings(ctx context.Context, out any) error {
	_, err := ix.do(ctx, rawcall.Request{Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		return a.Indices.GetSettings(ctx, api.IndicesGetSettingsRequest{Index: []string{ix.name}}, o...)
	}}, out)
	return err
}

// PutSettings updates the dynamic settings of the index:
//
//	ix.PutSettings(ctx, types.IndexSettings{NumberOfReplicas: types.IndexSettingsNumberOfReplicasFromInt(1),
//		RefreshInterval: types.DurationFromString("30s")})
func (ix *Index) PutSettings(ctx context.Context, settings types.IndexSettings) error {
	return ix.putSettings(ctx, api.IndicesPutSettingsRequest{Body: &settings})
}

// putSettings sends r's body as the settings of the index.
func (ix *Index) putSettings(ctx context.Context, r api.IndicesPutSettingsRequest) error {
	r.Index = []string{ix.name}
	_, err := ix.do(ctx, rawcall.Request{Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		return a.Indices.PutSettings(ctx, r, o...)
	}}, nil)
	return err
}

// IsClosed reports whether the index is closed.
func (ix *Index) IsClosed(ctx context.Context) (bool, error) {
	t, err := ix.Transport()
	if err != nil {
		return false, err
	}
	var state struct {
		Metadata struct {
			Indices map[string]struct {
				State string `json:"state"`
			} `json:"indices"`
		} `json:"metadata"`
	}
	if _, err := rawcall.JSON(ctx, t, rawcall.Request{Query: url.Values{"filter_path": {"metadata.indices.*.state"}},
		Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
			return a.Cluster.State(ctx, api.ClusterStateRequest{Metric: []string{"metadata"}, Index: []string{ix.name},
				ExpandWildcards: []api.ExpandWildcards{api.ExpandWildcardsAll}}, o...)
		}}, &state); err != nil {
		return false, err
	}
	st, ok := state.Metadata.Indices[ix.name]
	if !ok {
		return false, fmt.Errorf("%w: index %q", esgo.ErrNotFound, ix.name)
	}
	return st.State == "close", nil
}

// Save creates the index, or updates an existing one: changed settings
// are put and the mappings are sent. Changing analysis on an open index
// is refused with an error matching dsl.ErrIllegalOperation (close the index
// first); identical analysis is fine.
func (ix *Index) Save(ctx context.Context) error {
	if err := ix.Err(); err != nil {
		return err
	}
	exists, err := ix.Exists(ctx)
	if err != nil {
		return err
	}
	if !exists {
		return ix.Create(ctx)
	}
	body := ix.Body()
	settings, _ := body["settings"].(map[string]any)
	settings = maps.Clone(settings)
	analysis, hasAnalysis := settings["analysis"].(map[string]any)
	delete(settings, "analysis")
	current, err := ix.settingsMap(ctx)
	if err != nil {
		return err
	}
	if hasAnalysis {
		closed, err := ix.IsClosed(ctx)
		if err != nil {
			return err
		}
		if closed {
			settings["analysis"] = analysis
		} else {
			existing, _ := current["analysis"].(map[string]any)
			for section, defs := range analysis {
				have, _ := existing[section].(map[string]any)
				for name, def := range defs.(map[string]any) {
					if !sameSettings(have[name], def) {
						return fmt.Errorf("%w: cannot update analysis configuration (%s %q) on the open index %q; close the index first",
							dsl.ErrIllegalOperation, section, name, ix.name)
					}
				}
			}
		}
	}
	for k, v := range settings {
		if cur, ok := current[k]; ok && sameSettings(cur, v) {
			delete(settings, k)
		}
	}
	if len(settings) > 0 {
		if err := ix.putSettings(ctx, api.IndicesPutSettingsRequest{RawBody: settings}); err != nil {
			return err
		}
	}
	return ix.PutMapping(ctx)
}

// sameSettings compares a stored setting (values as strings) with a
// definition (values of any type).
func sameSettings(stored, def any) bool {
	switch d := def.(type) {
	case map[string]any:
		s, ok := stored.(map[string]any)
		if !ok || len(s) != len(d) {
			return false
		}
		for k, v := range d {
			if !sameSettings(s[k], v) {
				return false
			}
		}
		return true
	case []string:
		s, ok := stored.([]any)
		if !ok || len(s) != len(d) {
			return false
		}
		for i := range d {
			if !sameSettings(s[i], d[i]) {
				return false
			}
		}
		return true
	case []any:
		s, ok := stored.([]any)
		if !ok || len(s) != len(d) {
			return false
		}
		for i := range d {
			if !sameSettings(s[i], d[i]) {
				return false
			}
		}
		return true
	}
	if stored == nil {
		return def == nil
	}
	return fmt.Sprint(stored) == fmt.Sprint(def)
}

// Template is an index template built from an index definition: legacy
// (PUT /_template) or composable (PUT /_index_template).
type Template struct {
	name       string
	index      *Index
	composable bool
	order      *int
	priority   *int
}

// LegacyTemplate returns a legacy index template called name applying the
// definition to indices matching pattern; order may be nil.
func (ix *Index) LegacyTemplate(name, pattern string, order *int) *Template {
	return &Template{name: name, index: ix.Clone(pattern), order: order}
}

// ComposableTemplate returns a composable index template called name
// applying the definition to indices matching pattern; priority may be nil.
func (ix *Index) ComposableTemplate(name, pattern string, priority *int) *Template {
	return &Template{name: name, index: ix.Clone(pattern), composable: true, priority: priority}
}

// Body returns the template body.
func (t *Template) Body() map[string]any {
	b := t.index.Body()
	if t.composable {
		out := map[string]any{"template": b, "index_patterns": []string{t.index.name}}
		if t.priority != nil {
			out["priority"] = *t.priority
		}
		return out
	}
	b["index_patterns"] = []string{t.index.name}
	if t.order != nil {
		b["order"] = *t.order
	}
	return b
}

// MarshalJSON implements json.Marshaler.
func (t *Template) MarshalJSON() ([]byte, error) {
	if err := t.index.Err(); err != nil {
		return nil, err
	}
	return marshal(t.Body())
}

// Save creates or replaces the template.
func (t *Template) Save(ctx context.Context) error {
	if err := t.index.Err(); err != nil {
		return err
	}
	tr, err := t.index.Transport()
	if err != nil {
		return err
	}
	body := t.Body()
	do := func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		//lint:ignore SA1019 legacy templates stay supported (Template without composable)
		return a.Indices.PutTemplate(ctx, api.IndicesPutTemplateRequest{Name: t.name, RawBody: body}, o...)
	}
	if t.composable {
		do = func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
			return a.Indices.PutIndexTemplate(ctx, api.IndicesPutIndexTemplateRequest{Name: t.name, RawBody: body}, o...)
		}
	}
	_, err = rawcall.JSON(ctx, tr, rawcall.Request{Do: do}, nil)
	return err
}

// AnalyzeToken is one token produced by Analyze.
type AnalyzeToken struct {
	Token       string `json:"token"`
	StartOffset int    `json:"start_offset"`
	EndOffset   int    `json:"end_offset"`
	Type        string `json:"type"`
	Position    int    `json:"position"`
}

// Analyze runs text through an analyzer of the index (a custom one
// defined on it or a built-in one) and returns the tokens.
func (ix *Index) Analyze(ctx context.Context, analyzer, text string) ([]AnalyzeToken, error) {
	var out struct {
		Tokens []AnalyzeToken `json:"tokens"`
	}
	if _, err := ix.do(ctx, rawcall.Request{Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		return a.Indices.Analyze(ctx, api.IndicesAnalyzeRequest{Index: ix.name, RawBody: map[string]any{"analyzer": analyzer, "text": text}}, o...)
	}}, &out); err != nil {
		return nil, err
	}
	return out.Tokens, nil
}

// PutAlias adds (or replaces) the alias name on the index, with the
// definition def (filter, routing, is_write_index ...; the zero Alias for
// none).
func (ix *Index) PutAlias(ctx context.Context, name string, def types.Alias) error {
	body := &def
	_, err := ix.do(ctx, rawcall.Request{Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		return a.Indices.PutAlias(ctx, api.IndicesPutAliasRequest{Index: []string{ix.name}, Name: name, RawBody: body}, o...)
	}}, nil)
	return err
}

// DeleteAlias removes the alias name from the index.
func (ix *Index) DeleteAlias(ctx context.Context, name string) error {
	_, err := ix.do(ctx, rawcall.Request{Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		return a.Indices.DeleteAlias(ctx, api.IndicesDeleteAliasRequest{Index: []string{ix.name}, Name: []string{name}}, o...)
	}}, nil)
	return err
}

// GetAliases returns the aliases of the index with their definitions.
func (ix *Index) GetAliases(ctx context.Context) (map[string]types.AliasDefinition, error) {
	var out map[string]struct {
		Aliases map[string]types.AliasDefinition `json:"aliases"`
	}
	if _, err := ix.do(ctx, rawcall.Request{Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		return a.Indices.GetAlias(ctx, api.IndicesGetAliasRequest{Index: []string{ix.name}}, o...)
	}}, &out); err != nil {
		return nil, err
	}
	for _, v := range out {
		return v.Aliases, nil
	}
	return map[string]types.AliasDefinition{}, nil
}

// Flush flushes the index.
func (ix *Index) Flush(ctx context.Context) error {
	_, err := ix.do(ctx, rawcall.Request{Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		return a.Indices.Flush(ctx, api.IndicesFlushRequest{Index: []string{ix.name}}, o...)
	}}, nil)
	return err
}

// ForceMerge merges the index segments down to maxSegments (0: the server's choice).
func (ix *Index) ForceMerge(ctx context.Context, maxSegments int) error {
	var q url.Values
	if maxSegments > 0 {
		q = url.Values{"max_num_segments": {fmt.Sprint(maxSegments)}}
	}
	_, err := ix.do(ctx, rawcall.Request{Query: q, Do: func(ctx context.Context, a *api.RawAPI, o []api.Option) (*transport.Response, error) {
		return a.Indices.Forcemerge(ctx, api.IndicesForcemergeRequest{Index: []string{ix.name}}, o...)
	}}, nil)
	return err
}

// marshal encodes v without escaping <, > and & (as Python's json does).
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
