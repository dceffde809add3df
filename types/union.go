package types

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/esgo/esgo/internal/jsonscan"
)

// Union holds a value that the specification allows in several JSON shapes
// (a union). It is decoded lazily: decoding a response only keeps the raw
// JSON, and the generated accessor of a variant (AsXxx) decodes it when
// called, so a program links the code of the variants it reads, not of all.
// A union built with a generated constructor (XxxFromYyy) keeps the Go value
// and encodes it when the request is sent.
//
// The zero Union is absent: fields of union types are tagged omitzero.
type Union struct {
	raw json.RawMessage
	val any
}

// MarshalJSON encodes the value given to a constructor, or the raw JSON
// that was decoded, as it came.
func (u Union) MarshalJSON() ([]byte, error) {
	if u.val != nil {
		return json.Marshal(u.val)
	}
	if len(u.raw) == 0 {
		return []byte("null"), nil
	}
	return u.raw, nil
}

// UnmarshalJSON keeps a copy of data; nothing is decoded yet.
func (u *Union) UnmarshalJSON(data []byte) error {
	u.raw = append(json.RawMessage(nil), data...)
	u.val = nil
	return nil
}

// IsZero reports whether the union holds nothing (neither decoded JSON nor
// a constructed value). encoding/json's omitzero uses it.
func (u Union) IsZero() bool { return u.val == nil && len(u.raw) == 0 }

// Raw returns the JSON of the union: as decoded, or the encoding of the
// constructed value.
func (u Union) Raw() (json.RawMessage, error) {
	if u.val != nil {
		return json.Marshal(u.val)
	}
	return u.raw, nil
}

// Shape reports the JSON shape of the union's value: one of "object",
// "array", "string", "number", "bool", "null", or "" when it is empty.
func (u Union) Shape() string {
	raw, err := u.Raw()
	if err != nil {
		return ""
	}
	return shapeOf(raw)
}

// tag returns the string value of the member name of an internally tagged
// union (such as "type" for mapping properties), or "" when absent.
func (u Union) tag(name string) string {
	raw, err := u.Raw()
	if err != nil || shapeOf(raw) != "object" {
		return ""
	}
	var m map[string]json.RawMessage
	if unmarshal(raw, &m) != nil {
		return ""
	}
	var s string
	if unmarshal(m[name], &s) != nil {
		return ""
	}
	return s
}

func shapeOf(raw []byte) string {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	default:
		return "number"
	}
}

// ErrVariant is matched by errors.Is when a union accessor is asked for a
// variant the union does not hold.
var ErrVariant = errors.New("types: union does not hold this variant")

// VariantError reports a union accessor asked for a variant that the JSON
// does not decode as.
type VariantError struct {
	// Union and Variant are the Go names of the union and the variant asked for.
	Union, Variant string
	// Err is the decoding error.
	Err error
}

// Error implements error.
func (e *VariantError) Error() string {
	return fmt.Sprintf("types: %s is not a %s: %v", e.Union, e.Variant, e.Err)
}

// Is reports whether target is [ErrVariant].
func (e *VariantError) Is(target error) bool { return target == ErrVariant }

// Unwrap returns the decoding error.
func (e *VariantError) Unwrap() error { return e.Err }

// as decodes a union as T.
func as[T any](u Union, union, variant string) (T, error) {
	if v, ok := u.val.(T); ok {
		return v, nil
	}
	if p, ok := u.val.(*T); ok && p != nil {
		return *p, nil
	}
	var v T
	raw, err := u.Raw()
	if err == nil {
		if len(raw) == 0 {
			err = errors.New("empty")
		} else {
			err = unmarshal(raw, &v)
		}
	}
	if err != nil {
		return v, &VariantError{Union: union, Variant: variant, Err: err}
	}
	return v, nil
}

// of returns a union holding v.
func of(v any) Union { return Union{val: v} }

// OneOrMany is a list that the specification also accepts, and the server
// may send, as a single value (`X | X[]`). It decodes either form; it
// always encodes as a JSON array, which every endpoint accepts.
type OneOrMany[T any] []T

// UnmarshalJSON decodes a single value or an array.
func (l *OneOrMany[T]) UnmarshalJSON(data []byte) error {
	if shapeOf(data) == "array" {
		return unmarshal(data, (*[]T)(l))
	}
	if shapeOf(data) == "null" {
		*l = nil
		return nil
	}
	var v T
	if err := unmarshal(data, &v); err != nil {
		return err
	}
	*l = OneOrMany[T]{v}
	return nil
}

// Buckets holds the buckets of a multi-bucket aggregation result: an array
// (the default) or, for aggregations asked to be keyed, an object by key.
type Buckets[T any] struct {
	// Array holds the buckets when the server sent an array.
	Array []T
	// Keyed holds the buckets when the server sent an object.
	Keyed map[string]T
}

// UnmarshalJSON decodes either form.
func (b *Buckets[T]) UnmarshalJSON(data []byte) error {
	*b = Buckets[T]{}
	if shapeOf(data) == "object" {
		return unmarshal(data, &b.Keyed)
	}
	return unmarshal(data, &b.Array)
}

// MarshalJSON encodes the form that was decoded (keyed when Keyed is set).
func (b Buckets[T]) MarshalJSON() ([]byte, error) {
	if b.Keyed != nil {
		return json.Marshal(b.Keyed)
	}
	if b.Array == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(b.Array)
}

// IsZero reports whether there are no buckets of either form.
func (b Buckets[T]) IsZero() bool { return b.Array == nil && b.Keyed == nil }

// Stringified is a scalar that the server sends either as JSON or as a
// string holding it (`T | string`, such as `"42"` for 42). It decodes both
// and encodes in the form it was decoded from.
type Stringified[T any] struct {
	// Value is the decoded value.
	Value T
	// Quoted is set when the server sent the value as a string.
	Quoted bool
}

// UnmarshalJSON decodes the value or a string holding it.
func (s *Stringified[T]) UnmarshalJSON(data []byte) error {
	*s = Stringified[T]{}
	if shapeOf(data) == "string" {
		var str string
		if err := unmarshal(data, &str); err != nil {
			return err
		}
		s.Quoted = true
		if _, isString := any(s.Value).(string); isString {
			return unmarshal(data, &s.Value)
		}
		return unmarshal([]byte(str), &s.Value)
	}
	return unmarshal(data, &s.Value)
}

// MarshalJSON encodes the value, quoted when it was decoded quoted.
func (s Stringified[T]) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(s.Value)
	if err != nil || !s.Quoted {
		return b, err
	}
	return json.Marshal(string(b))
}

// Literal returns a Stringified holding v, encoded as plain JSON.
func Literal[T any](v T) Stringified[T] { return Stringified[T]{Value: v} }

// Aggregates holds aggregation results by name. With `typed_keys` (which
// esgo's typed search sets) each key is "kind#name", such as
// "sterms#by_category"; the generated accessors (StringTerms, Avg, ...) take
// the name alone and decode the variant asked for.
type Aggregates map[string]Aggregate

// Lookup returns the raw result named name and the kind the server gave it
// (the typed_keys prefix, such as "sterms"; "" without typed_keys).
func (a Aggregates) Lookup(name string) (agg Aggregate, kind string, ok bool) {
	if v, ok := a[name]; ok {
		return v, "", true
	}
	for k, v := range a {
		if i := strings.IndexByte(k, '#'); i >= 0 && k[i+1:] == name {
			return v, k[:i], true
		}
	}
	return Aggregate{}, "", false
}

// ErrNoAggregate is matched by errors.Is when a response holds no
// aggregation result of the name (and kind) asked for.
var ErrNoAggregate = errors.New("types: no such aggregation result")

// AggregateError reports an aggregation result that is missing or of
// another kind than asked.
type AggregateError struct {
	// Name is the aggregation name asked for; Kind the typed_keys kind
	// asked for and Found the one present ("" when absent).
	Name, Kind, Found string
}

// Error implements error.
func (e *AggregateError) Error() string {
	if e.Found == "" {
		return fmt.Sprintf("types: no aggregation result %q", e.Name)
	}
	return fmt.Sprintf("types: aggregation result %q is %q, not %q", e.Name, e.Found, e.Kind)
}

// Is reports whether target is [ErrNoAggregate].
func (e *AggregateError) Is(target error) bool { return target == ErrNoAggregate }

// aggregate decodes the result named name as T, checking its typed_keys
// kind when the server sent one.
func aggregate[T any](a Aggregates, name, kind string) (*T, error) {
	v, found, ok := a.Lookup(name)
	if !ok {
		return nil, &AggregateError{Name: name, Kind: kind}
	}
	if found != "" && found != kind {
		return nil, &AggregateError{Name: name, Kind: kind, Found: found}
	}
	t, err := as[T](v.Union, "Aggregate", kind)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// decodeExtra decodes an object whose known members go to known (a pointer
// to a struct without custom decoding) and whose other members go to extra
// (a pointer to a map: the specification's additional properties, such as
// the sub-aggregations of a bucket). It is not generic on purpose: one copy
// of this code serves every type with additional properties.
//
// One pass splits the members: the known ones are decoded together by
// encoding/json, sub-aggregations are kept raw without decoding, other
// extra members are decoded together into the map. An object whose names
// match a known one only without regard to case, or that is not an
// object, is decoded the slow way (decodeExtraStd), whose result and
// errors are the reference.
func decodeExtra(data []byte, known any, extra any, names []string) error {
	s := jsonscan.New(data)
	if s.Peek() != '{' {
		return decodeExtraStd(data, known, extra, names)
	}
	var kb, eb []byte // the known and the extra members, as the inside of an object
	aggs, _ := extra.(*Aggregates)
	var sub []Aggregate // with aggs: the sub-aggregations, in the order of subNames
	var subNames []string
	for more := s.Object(); more; more = s.More('}') {
		mark := s.Mark()
		k := s.Key()
		isKnown := false
		for _, n := range names {
			if string(k) == n {
				isKnown = true
			} else if foldsTo(k, n) {
				s.Fail() // encoding/json would decode it into known as well
			}
		}
		v := s.Skip()
		switch {
		case isKnown:
			kb = appendMember(kb, s.From(mark))
		case aggs != nil:
			subNames = append(subNames, string(k))
			sub = append(sub, Aggregate{Union{raw: append(json.RawMessage(nil), v...)}})
		default:
			eb = appendMember(eb, s.From(mark))
		}
	}
	if !s.End() {
		return decodeExtraStd(data, known, extra, names)
	}
	if kb != nil {
		if err := unmarshal(append(append([]byte{'{'}, kb...), '}'), known); err != nil {
			return decodeExtraStd(data, known, extra, names)
		}
	}
	if eb != nil {
		if err := unmarshal(append(append([]byte{'{'}, eb...), '}'), extra); err != nil {
			return decodeExtraStd(data, known, extra, names)
		}
	}
	if len(sub) > 0 && *aggs == nil {
		*aggs = make(Aggregates, len(sub))
	}
	for i, a := range sub {
		(*aggs)[subNames[i]] = a
	}
	return nil
}

func appendMember(b, member []byte) []byte {
	if b != nil {
		b = append(b, ',')
	}
	return append(b, member...)
}

// foldsTo reports whether encoding/json may match the member name k to
// the field name n without regard to case (any name that is not ASCII
// may: Unicode folding, such as ſ for s or K for k, is left to it).
func foldsTo(k []byte, n string) bool {
	if len(k) != len(n) {
		for _, c := range k {
			if c >= 0x80 {
				return true
			}
		}
		return false
	}
	for i, c := range k {
		if c >= 0x80 {
			return true
		}
		if c|0x20 != n[i]|0x20 {
			return false
		}
	}
	return true
}

// decodeExtraStd is decodeExtra with encoding/json alone: known from the
// whole object, then each member not in names into a new map value.
func decodeExtraStd(data []byte, known any, extra any, names []string) error {
	if err := unmarshal(data, known); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := unmarshal(data, &all); err != nil {
		return err
	}
	m := reflect.ValueOf(extra).Elem()
	for k, raw := range all {
		if contains(names, k) {
			continue
		}
		v := reflect.New(m.Type().Elem())
		if err := unmarshal(raw, v.Interface()); err != nil {
			return fmt.Errorf("member %q: %w", k, err)
		}
		if m.IsNil() {
			m.Set(reflect.MakeMap(m.Type()))
		}
		m.SetMapIndex(reflect.ValueOf(k), v.Elem())
	}
	return nil
}

// encodeExtra encodes known (a struct without custom encoding) with the
// members of extra (a map) added, in key order.
func encodeExtra(known any, extra any) ([]byte, error) {
	b, err := json.Marshal(known)
	m := reflect.ValueOf(extra)
	if err != nil || m.Len() == 0 {
		return b, err
	}
	keys := make([]string, 0, m.Len())
	for _, k := range m.MapKeys() {
		keys = append(keys, k.String())
	}
	sortStrings(keys)
	var buf bytes.Buffer
	buf.Write(b[:len(b)-1])
	first := len(b) == 2
	for _, k := range keys {
		if !first {
			buf.WriteByte(',')
		}
		first = false
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(m.MapIndex(reflect.ValueOf(k)).Interface())
		if err != nil {
			return nil, err
		}
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(vb)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// decodeShortcut decodes data into full, or, when data is not an object,
// into the shortcut member (the specification's shorthand form, such as
// `{"match": {"title": "text"}}` for `{"query": "text"}`).
func decodeShortcut(data []byte, full any, shortcut any) error {
	if shapeOf(data) == "object" {
		return unmarshal(data, full)
	}
	return unmarshal(data, shortcut)
}

// decodeLenientEnum decodes an enum that the server may send as a JSON
// boolean (the specification's esQuirk enums, such as dynamic mapping).
func decodeLenientEnum(data []byte, s *string) error {
	switch string(bytes.TrimSpace(data)) {
	case "true", "false":
		*s = string(bytes.TrimSpace(data))
		return nil
	}
	return unmarshal(data, s)
}

// encodeLenientEnum encodes "true" and "false" as JSON booleans, as the
// server and Kibana expect.
func encodeLenientEnum(s string) ([]byte, error) {
	if s == "true" || s == "false" {
		return []byte(s), nil
	}
	return json.Marshal(s)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// Of returns a Union holding v, for the fields whose union has no name of
// its own in the specification (such as the query text of a match query,
// a string, a number or a boolean): `Query: types.Of("quick fox")`.
func Of(v any) Union { return of(v) }

// As decodes a Union as T.
func As[T any](u Union) (T, error) { return as[T](u, "Union", fmt.Sprintf("%T", *new(T))) }

// String returns the value as text: a string as it is, a number or a
// boolean as JSON writes it ("" when empty), so a bucket key prints
// naturally: fmt.Println(bucket.Key).
func (u FieldValue) String() string {
	raw, err := u.Raw()
	if err != nil || len(raw) == 0 {
		return ""
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	}
	return string(raw)
}
