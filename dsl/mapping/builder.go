package mapping

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/esgo/esgo/types"
)

// The typed builder: fields and top-level options given as the
// specification's types (types.Property, types.TypeMapping), for what
// struct tags cannot say, alone or on top of a mapping derived from tags.
//
// A path names a field through its object and nested parents, separated
// by dots ("comments.author"), as Elasticsearch reads dotted field names in
// a mapping. A path that does not reach a field, or a property that cannot
// be encoded, is a builder mistake: it is recorded in the Mapping and
// returned by Err and MarshalJSON (and by index.Index and document.New
// when the mapping is given to them); the rest of the chain still applies.

// Set makes p the definition of the field at path, replacing a definition
// derived from struct tags or set before:
//
//	m.Set("tags", types.PropertyFromKeyword(types.KeywordProperty{IgnoreAbove: new(64)}))
//
// The parent objects of a dotted path must exist.
func (m *Mapping) Set(path string, p types.Property) *Mapping {
	def, err := propertyMap(p)
	if err != nil {
		return m.fail(fmt.Errorf("%w: field %q: %v", ErrInvalid, path, err))
	}
	props, name, err := m.parent(path)
	if err != nil {
		return m.fail(err)
	}
	props[name] = def
	return m
}

// Patch merges the parameters set in p into the definition of the field
// at path, keeping the others: nested objects (fields, properties, meta,
// ...) are merged key by key, other values are replaced. When p has another
// type than the field, or the field does not exist yet, p replaces the
// definition as with Set. For example, on a string field whose tag gave
// text with a keyword sub-field:
//
//	m.Patch("title", types.PropertyFromText(types.TextProperty{
//		Meta: map[string]string{"unit": "words"},
//		Fields: map[string]types.Property{
//			"keyword": types.PropertyFromKeyword(types.KeywordProperty{IgnoreAbove: new(100)}),
//		},
//	}))
func (m *Mapping) Patch(path string, p types.Property) *Mapping {
	def, err := propertyMap(p)
	if err != nil {
		return m.fail(fmt.Errorf("%w: field %q: %v", ErrInvalid, path, err))
	}
	props, name, err := m.parent(path)
	if err != nil {
		return m.fail(err)
	}
	old, ok := props[name].(map[string]any)
	if !ok || old["type"] != def["type"] {
		props[name] = def
		return m
	}
	props[name] = merge(old, def)
	return m
}

// SubField sets the multi-field name of the field at path (a "fields"
// entry) to p, adding it or replacing it; the field must exist:
//
//	m.SubField("title", "raw", types.PropertyFromKeyword(types.KeywordProperty{IgnoreAbove: new(256)}))
func (m *Mapping) SubField(path, name string, p types.Property) *Mapping {
	def, err := propertyMap(p)
	if err != nil {
		return m.fail(fmt.Errorf("%w: sub-field %q of %q: %v", ErrInvalid, name, path, err))
	}
	props, field, err := m.parent(path)
	if err != nil {
		return m.fail(err)
	}
	parent, ok := props[field].(map[string]any)
	if !ok {
		return m.fail(fmt.Errorf("%w: sub-field %q: no field %q", ErrInvalid, name, path))
	}
	parent = maps.Clone(parent)
	subs, _ := parent["fields"].(map[string]any)
	subs = maps.Clone(subs)
	if subs == nil {
		subs = map[string]any{}
	}
	subs[name] = def
	parent["fields"] = subs
	props[field] = parent
	return m
}

// Apply applies the top-level mapping parameters set in tm (dynamic,
// _source, _routing, runtime fields, dynamic templates, ...), replacing
// the same options set before, and sets each of tm.Properties as with Set:
//
//	m.Apply(types.TypeMapping{Dynamic: types.DynamicMappingStrict, Source: &types.SourceField{Excludes: []string{"secret"}}})
func (m *Mapping) Apply(tm types.TypeMapping) *Mapping {
	props := tm.Properties
	tm.Properties = nil
	data, err := json.Marshal(tm)
	if err != nil {
		return m.fail(fmt.Errorf("%w: mapping options: %v", ErrInvalid, err))
	}
	var opts map[string]any
	if err := decode(data, &opts); err != nil {
		return m.fail(fmt.Errorf("%w: mapping options: %v", ErrInvalid, err))
	}
	for k, v := range opts {
		m.Option(k, v)
	}
	for _, name := range sortedKeys(props) {
		m.Set(name, props[name])
	}
	return m
}

// Err returns the first builder mistake of Set, Patch, SubField and Apply
// (it matches ErrInvalid), or nil.
func (m *Mapping) Err() error { return m.err }

func (m *Mapping) fail(err error) *Mapping {
	if m.err == nil {
		m.err = err
	}
	return m
}

// parent returns the properties holding the last element of path, and
// that element. The objects on the way are copied before they change, so
// a Clone never sees the change.
func (m *Mapping) parent(path string) (map[string]any, string, error) {
	if path == "" {
		return nil, "", fmt.Errorf("%w: empty field path", ErrInvalid)
	}
	if m.Properties == nil {
		m.Properties = map[string]any{}
	}
	props := m.Properties
	parts := strings.Split(path, ".")
	for i, part := range parts[:len(parts)-1] {
		def, ok := props[part].(map[string]any)
		if !ok {
			return nil, "", fmt.Errorf("%w: field %q: no object field %q", ErrInvalid, path, strings.Join(parts[:i+1], "."))
		}
		if t, _ := def["type"].(string); t != "" && t != "object" && t != "nested" {
			return nil, "", fmt.Errorf("%w: field %q: %q is a %s field, not an object", ErrInvalid, path, strings.Join(parts[:i+1], "."), t)
		}
		def = maps.Clone(def)
		sub, _ := def["properties"].(map[string]any)
		sub = maps.Clone(sub)
		if sub == nil {
			sub = map[string]any{}
		}
		def["properties"] = sub
		props[part] = def
		props = sub
	}
	return props, parts[len(parts)-1], nil
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// propertyMap is the JSON object of p, with numbers kept exactly as
// json.Number.
func propertyMap(p types.Property) (map[string]any, error) {
	if p.IsZero() {
		return nil, fmt.Errorf("empty property")
	}
	data, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	var def map[string]any
	if err := decode(data, &def); err != nil {
		return nil, err
	}
	if def == nil {
		return nil, fmt.Errorf("property %s is not an object", data)
	}
	return def, nil
}

func decode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}

// merge returns old with the keys of patch merged in (objects key by key).
func merge(old, patch map[string]any) map[string]any {
	out := maps.Clone(old)
	for k, v := range patch {
		pm, ok1 := v.(map[string]any)
		om, ok2 := out[k].(map[string]any)
		if ok1 && ok2 {
			out[k] = mergeNested(k, om, pm)
			continue
		}
		out[k] = v
	}
	return out
}

// mergeNested merges a nested object: sub-fields and properties are field
// definitions (merged as Patch does, replaced when their type changes);
// other objects (meta, ...) are merged key by key.
func mergeNested(key string, old, patch map[string]any) map[string]any {
	if key != "fields" && key != "properties" {
		return merge(old, patch)
	}
	out := maps.Clone(old)
	for name, v := range patch {
		pd, ok1 := v.(map[string]any)
		od, ok2 := out[name].(map[string]any)
		if ok1 && ok2 && od["type"] == pd["type"] {
			out[name] = merge(od, pd)
		} else {
			out[name] = v
		}
	}
	return out
}
