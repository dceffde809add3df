package mapping

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ErrInvalid is returned (wrapped) when a struct cannot be mapped, for
// example because of a malformed `es` tag, and for mistakes in building a
// mapping (Mapping.Err).
var ErrInvalid = errors.New("mapping: invalid mapping")

// Mapping is an index mapping: field properties and top-level options
// (dynamic, _source, _routing, ...).
type Mapping struct {
	// Properties maps field names to their definitions, such as
	// map[string]any{"type": "keyword"}.
	Properties map[string]any
	// Options holds other top-level mapping keys.
	Options map[string]any
	// required lists the index paths of fields tagged "required".
	required [][]int
	reqNames []string
	// err is the first builder mistake (see Err).
	err error
}

// Required is a struct field tagged es:",required".
type Required struct {
	// Index is the field's index sequence (reflect.Value.FieldByIndex).
	Index []int
	// Name is the field's JSON name.
	Name string
}

// Required returns the fields of the mapped struct tagged "required", which
// document.Type.Validate checks before a save.
func (m *Mapping) Required() []Required {
	out := make([]Required, len(m.required))
	for i, path := range m.required {
		out[i] = Required{Index: slices.Clone(path), Name: m.reqNames[i]}
	}
	return out
}

// New returns an empty mapping.
func New() *Mapping { return &Mapping{Properties: map[string]any{}} }

// Option sets a top-level mapping option such as "dynamic" and returns m.
func (m *Mapping) Option(key string, value any) *Mapping {
	if m.Options == nil {
		m.Options = map[string]any{}
	}
	m.Options[key] = value
	return m
}

// Body returns the mapping as a map.
func (m *Mapping) Body() map[string]any {
	out := maps.Clone(m.Options)
	if out == nil {
		out = map[string]any{}
	}
	if len(m.Properties) > 0 {
		out["properties"] = m.Properties
	}
	return out
}

// MarshalJSON implements json.Marshaler.
func (m *Mapping) MarshalJSON() ([]byte, error) {
	if m.err != nil {
		return nil, m.err
	}
	return marshal(m.Body())
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

// Merge adds the properties and options of other to m (other wins), and
// a builder mistake of other (see Err).
func (m *Mapping) Merge(other *Mapping) *Mapping {
	if other == nil {
		return m
	}
	if other.err != nil {
		m.fail(other.err)
	}
	if m.Properties == nil {
		m.Properties = map[string]any{}
	}
	maps.Copy(m.Properties, other.Properties)
	for k, v := range other.Options {
		m.Option(k, v)
	}
	return m
}

// Clone returns a copy of m (definitions are shared).
func (m *Mapping) Clone() *Mapping {
	return &Mapping{Properties: maps.Clone(m.Properties), Options: maps.Clone(m.Options), required: m.required, reqNames: m.reqNames, err: m.err}
}

// Analyzers returns the names of the analyzers the mapping's fields and
// sub-fields name (analyzer, search_analyzer, search_quote_analyzer), sorted.
func (m *Mapping) Analyzers() []string {
	return m.names("analyzer", "search_analyzer", "search_quote_analyzer")
}

// Normalizers returns the names of the normalizers the mapping's fields and
// sub-fields name, sorted.
func (m *Mapping) Normalizers() []string { return m.names("normalizer") }

// names returns the string values of keys in every field definition.
func (m *Mapping) names(keys ...string) []string {
	seen := map[string]bool{}
	var walk func(props map[string]any)
	walk = func(props map[string]any) {
		for _, v := range props {
			def, ok := v.(map[string]any)
			if !ok {
				continue
			}
			for _, k := range keys {
				if s, ok := def[k].(string); ok {
					seen[s] = true
				}
			}
			if p, ok := def["properties"].(map[string]any); ok {
				walk(p)
			}
			if f, ok := def["fields"].(map[string]any); ok {
				walk(f)
			}
		}
	}
	walk(m.Properties)
	out := slices.Collect(maps.Keys(seen))
	slices.Sort(out)
	return out
}

// For derives the mapping of documents of type T (a struct) from
// its fields, their JSON names and their `es` struct tags.
//
// Go types map to: string -> text with a keyword sub-field (as
// Elasticsearch's dynamic mapping maps a string), bool -> boolean, int8 -> byte, int16 ->
// short, int32 -> integer, int/int64/uint8..uint32 -> long, uint/uint64 ->
// unsigned_long, float32 -> float, float64 -> double, time.Time -> date,
// net.IP -> ip, []byte -> binary, struct -> object, slice of structs ->
// nested, map -> object, other slices -> their element's type.
//
// The `es` tag is a comma-separated list that overrides or adds to this:
//
//	Title  string    `json:"title" es:"text,analyzer=english,fields=raw:keyword"`
//	Tags   []string  `json:"tags" es:"keyword"`
//	Author Author    `json:"author" es:"nested"`
//	Vec    []float32 `json:"vec" es:"dense_vector,dims=3,similarity=cosine"`
//	Secret string    `json:"secret" es:"-"`
//	Name   string    `json:"name" es:"keyword,required"`
//
// A bare word is a field type (or "required", or "-" to leave the field out
// of the mapping); key=value sets a mapping parameter (numbers and booleans
// are converted). "fields" defines multi-fields as name:type[:analyzer]
// items separated by "|", "copy_to" takes one name (sent as a string) or
// names separated by "|" (sent as a list).
// The field name is always the JSON name, so that documents match.
func For[T any]() (*Mapping, error) {
	return Of(reflect.TypeFor[T]())
}

// Of is For for a reflect.Type.
func Of(t reflect.Type) (*Mapping, error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%w: %s is not a struct", ErrInvalid, t)
	}
	m := New()
	props, err := structProperties(t, 0, nil, &m.required, &m.reqNames, "")
	if err != nil {
		return nil, err
	}
	m.Properties = props
	return m, nil
}

var (
	timeType    = reflect.TypeFor[time.Time]()
	ipType      = reflect.TypeFor[net.IP]()
	rawType     = reflect.TypeFor[json.RawMessage]()
	durationTyp = reflect.TypeFor[time.Duration]()
)

func jsonName(f reflect.StructField) (string, bool) {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, true
}

func structProperties(t reflect.Type, depth int, index []int, req *[][]int, reqNames *[]string, prefix string) (map[string]any, error) {
	props := map[string]any{}
	if depth > 16 {
		return props, nil
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() && !f.Anonymous {
			continue
		}
		path := append(slices.Clone(index), i)
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		_, hasJSON := f.Tag.Lookup("json")
		if f.Anonymous && ft.Kind() == reflect.Struct && (!hasJSON || strings.HasPrefix(f.Tag.Get("json"), ",")) {
			sub, err := structProperties(ft, depth, path, req, reqNames, prefix)
			if err != nil {
				return nil, err
			}
			maps.Copy(props, sub)
			continue
		}
		name, ok := jsonName(f)
		if !ok {
			continue
		}
		def, required, err := fieldDef(f, depth)
		if err != nil {
			return nil, fmt.Errorf("field %s (%s%s): %w", f.Name, prefix, name, err)
		}
		if required && depth == 0 {
			*req = append(*req, path)
			*reqNames = append(*reqNames, prefix+name)
		}
		if def != nil {
			props[name] = def
		}
	}
	return props, nil
}

// fieldDef returns the mapping of one struct field (nil when left out).
func fieldDef(f reflect.StructField, depth int) (map[string]any, bool, error) {
	tag := f.Tag.Get("es")
	def := map[string]any{}
	required := false
	explicitType := ""
	var multi map[string]any
	if tag != "" {
		items, err := splitTag(tag, ',')
		if err != nil {
			return nil, false, err
		}
		for _, item := range items {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			key, val, hasVal := strings.Cut(item, "=")
			switch {
			case !hasVal && key == "-":
				return nil, false, nil
			case !hasVal && key == "required":
				required = true
			case !hasVal:
				explicitType = key
			case key == "type":
				explicitType = val
			case key == "fields":
				multi = map[string]any{}
				specs, err := splitTag(val, '|')
				if err != nil {
					return nil, false, err
				}
				for _, spec := range specs {
					parts, err := splitTag(spec, ':')
					if err != nil {
						return nil, false, err
					}
					if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
						return nil, false, fmt.Errorf("%w: multi-field %q is not name:type[:analyzer][:option=value...]", ErrInvalid, spec)
					}
					sub := map[string]any{"type": parts[1]}
					for _, p := range parts[2:] {
						if k, v, ok := strings.Cut(p, "="); ok && !isQuoted(p) {
							tv, err := tagValue(v)
							if err != nil {
								return nil, false, fmt.Errorf("%w: multi-field %q: %v", ErrInvalid, spec, err)
							}
							sub[k] = tv
						} else if p != "" {
							sub["analyzer"] = unquote(p)
						}
					}
					multi[parts[0]] = sub
				}
			case key == "copy_to":
				ct, err := copyTo(val)
				if err != nil {
					return nil, false, err
				}
				def["copy_to"] = ct
			default:
				tv, err := tagValue(val)
				if err != nil {
					return nil, false, fmt.Errorf("%w: %s: %v", ErrInvalid, key, err)
				}
				def[key] = tv
			}
		}
	}
	ft := f.Type
	for ft.Kind() == reflect.Pointer {
		ft = ft.Elem()
	}
	typ := explicitType
	if typ == "" {
		typ = goFieldType(ft)
	}
	if typ == "nested" || typ == "object" || (typ == "" && isStructish(ft)) {
		st := ft
		for st.Kind() == reflect.Slice || st.Kind() == reflect.Array || st.Kind() == reflect.Pointer {
			st = st.Elem()
		}
		if st.Kind() == reflect.Struct && st != timeType {
			props, err := structProperties(st, depth+1, nil, nil, nil, "")
			if err != nil {
				return nil, false, err
			}
			if len(props) > 0 {
				def["properties"] = props
			}
		}
		if typ == "" {
			typ = "object"
		}
	}
	if typ == "" {
		return nil, false, fmt.Errorf("%w: no Elasticsearch type for Go type %s; set one with an es tag", ErrInvalid, f.Type)
	}
	def["type"] = typ
	if multi != nil {
		def["fields"] = multi
	} else if explicitType == "" && typ == "text" {
		// What Elasticsearch's own dynamic mapping gives a string: text to
		// search, with a keyword sub-field to sort and aggregate.
		def["fields"] = map[string]any{"keyword": map[string]any{"type": "keyword", "ignore_above": 256}}
	}
	return def, required, nil
}

func isStructish(t reflect.Type) bool {
	for t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Pointer {
		if t == rawType || t.Elem().Kind() == reflect.Uint8 {
			return false
		}
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct && t != timeType
}

// tagValue reads the value of an option in an es tag: a number, true or
// false, a JSON object or array, or a string. A value in single quotes is
// always a string, taken as written ('00000', 'true', 'a,b').
func tagValue(s string) (any, error) {
	if isQuoted(s) {
		return unquote(s), nil
	}
	if strings.HasPrefix(s, "{") || strings.HasPrefix(s, "[") {
		var v any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			return nil, fmt.Errorf("value %s is not JSON: %v", s, err)
		}
		return v, nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, nil
	}
	if s == "true" || s == "false" {
		return s == "true", nil
	}
	return s, nil
}

func isQuoted(s string) bool { return len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' }

func unquote(s string) string {
	if isQuoted(s) {
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
	}
	return s
}

// copyTo reads the value of copy_to in an es tag as Python's
// elasticsearch.dsl sends what it is given: one name is a string
// (copy_to=all_text), names separated by "|" a list (copy_to=a|b), and a
// JSON array a list as written (copy_to=["all_text"]). A name in single
// quotes is taken as written, without its quotes.
func copyTo(val string) (any, error) {
	if strings.HasPrefix(val, "[") {
		v, err := tagValue(val)
		if err != nil {
			return nil, fmt.Errorf("%w: copy_to: %v", ErrInvalid, err)
		}
		return v, nil
	}
	names, err := splitTag(val, '|')
	if err != nil {
		return nil, err
	}
	for i, n := range names {
		names[i] = unquote(n)
	}
	if len(names) == 1 {
		return names[0], nil
	}
	return names, nil
}

// splitTag splits s at sep outside single quotes and outside JSON brackets.
func splitTag(s string, sep byte) ([]string, error) {
	var out []string
	depth, quoted, start := 0, false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'':
			quoted = !quoted
		case quoted:
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		case c == sep && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	if quoted {
		return nil, fmt.Errorf("%w: unterminated quote in %q", ErrInvalid, s)
	}
	return append(out, s[start:]), nil
}

// goFieldType is the default Elasticsearch type of a Go type ("" for
// struct-like types, which become object or nested).
func goFieldType(t reflect.Type) string {
	switch t {
	case timeType:
		return "date"
	case ipType:
		return "ip"
	case rawType:
		return "object"
	case durationTyp:
		return "long"
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "boolean"
	case reflect.Int8:
		return "byte"
	case reflect.Int16:
		return "short"
	case reflect.Int32:
		return "integer"
	case reflect.Int, reflect.Int64, reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return "long"
	case reflect.Uint, reflect.Uint64:
		return "unsigned_long"
	case reflect.Float32:
		return "float"
	case reflect.Float64:
		return "double"
	case reflect.Map, reflect.Interface:
		return "object"
	case reflect.Struct:
		return ""
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "binary"
		}
		el := t.Elem()
		for el.Kind() == reflect.Pointer {
			el = el.Elem()
		}
		if el.Kind() == reflect.Struct && el != timeType {
			return "nested"
		}
		return goFieldType(el)
	case reflect.Pointer:
		return goFieldType(t.Elem())
	}
	return ""
}
