package esql

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Column describes one column of a [Result].
type Column struct {
	// Name is the column name, e.g. "avg_salary" or "user.name".
	Name string `json:"name"`
	// Type is the ES|QL type: "long", "double", "keyword", "date", ...
	Type string `json:"type"`
	// OriginalTypes lists the field types when Type is "unsupported"
	// because indices disagree.
	OriginalTypes []string `json:"original_types,omitempty"`
}

// Result is the body of a _query response: rows in columnar layout, one
// slice of raw JSON values per row, in the order of Columns. Use
// [Result.Maps], [Rows] or [AllRows] to read them.
type Result struct {
	// Took is the time the query took, in milliseconds.
	Took int64 `json:"took"`
	// IsPartial reports that some shards or clusters failed and the
	// results are incomplete (with allow_partial_results).
	IsPartial bool `json:"is_partial"`
	// Columns describes the columns of Values.
	Columns []Column `json:"columns"`
	// AllColumns lists every column, those dropped for being all null
	// included (only with [WithDropNullColumns]).
	AllColumns []Column `json:"all_columns,omitempty"`
	// Values holds one slice per row, one raw JSON value per column.
	Values [][]json.RawMessage `json:"values"`
	// Profile is the query profile (with [WithProfile]).
	Profile json.RawMessage `json:"profile,omitempty"`
	// Clusters is the cross-cluster search metadata, if any.
	Clusters json.RawMessage `json:"_clusters,omitempty"`
	// Warnings holds what the server said about the query in its Warning
	// response headers, as text, in order: that it added the default
	// LIMIT ("No limit defined, adding default limit of [1000]": the rows
	// are then not all the matching ones), or that evaluating an
	// expression failed and the value was made null ("Line 1:9:
	// java.lang.ArithmeticException: / by zero"). The query succeeded; a
	// caller should show these to whoever reads the rows. [Query],
	// [QueryAsync] and [GetAsync] fill it; [DecodeResult] cannot (it has
	// no headers).
	Warnings []string `json:"-"`
}

// DecodeResult reads a _query JSON response body.
func DecodeResult(r io.Reader) (*Result, error) {
	var res Result
	dec := json.NewDecoder(r)
	if err := dec.Decode(&res); err != nil {
		return nil, fmt.Errorf("esql: decoding _query response: %w", err)
	}
	if err := res.check(); err != nil {
		return nil, err
	}
	return &res, nil
}

func (r *Result) check() error {
	for i, row := range r.Values {
		if len(row) != len(r.Columns) {
			return fmt.Errorf("esql: _query response row %d has %d values for %d columns", i, len(row), len(r.Columns))
		}
	}
	return nil
}

// Len returns the number of rows.
func (r *Result) Len() int { return len(r.Values) }

// Maps returns the rows as maps from column name to value. Values are
// converted by column type: whole-number types (long, integer,
// unsigned_long, counters, ...) become int64 (uint64 above the int64
// range), floating-point types float64, boolean bool, null nil,
// multivalued cells []any; everything else (keyword, text, date, ip,
// version, geo_point, ...) keeps its JSON form, usually string.
func (r *Result) Maps() ([]map[string]any, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	out := make([]map[string]any, len(r.Values))
	for i, row := range r.Values {
		m := make(map[string]any, len(r.Columns))
		for j, col := range r.Columns {
			v, err := convertValue(col.Type, row[j])
			if err != nil {
				return nil, fmt.Errorf("esql: row %d, column %q: %w", i, col.Name, err)
			}
			m[col.Name] = v
		}
		out[i] = m
	}
	return out, nil
}

func convertValue(typ string, raw json.RawMessage) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return convertDecoded(typ, v)
}

func convertDecoded(typ string, v any) (any, error) {
	switch x := v.(type) {
	case []any:
		for i, e := range x {
			c, err := convertDecoded(typ, e)
			if err != nil {
				return nil, err
			}
			x[i] = c
		}
		return x, nil
	case json.Number:
		switch typ {
		case "double", "float", "half_float", "scaled_float", "counter_double":
			return x.Float64()
		}
		if n, err := x.Int64(); err == nil {
			return n, nil
		}
		if n, err := strconv.ParseUint(x.String(), 10, 64); err == nil {
			return n, nil
		}
		return x.Float64()
	case map[string]any:
		for k, e := range x {
			c, err := convertDecoded("", e)
			if err != nil {
				return nil, err
			}
			x[k] = c
		}
		return x, nil
	}
	return v, nil
}

// Rows decodes every row into a T, matching column names with T's fields
// the way encoding/json matches object keys (json tags, then
// case-insensitive names): a column "user.name" fills a field tagged
// `json:"user.name"`. Columns without a field are ignored. T may also be
// a map type. ES|QL writes a cell holding one value as a scalar and one
// holding several as a list: a slice field takes both (a scalar becomes a
// one-element slice), and null leaves a field at its zero value (use a
// pointer to tell null from zero). Longs decode exactly into int64 and
// uint64 fields, beyond 2^53 too; dates into time.Time.
func Rows[T any](r *Result) ([]T, error) {
	out := make([]T, 0, len(r.Values))
	for row, err := range AllRows[T](r) {
		if err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, nil
}

// AllRows iterates over the rows decoded into T as [Rows] does, yielding
// each row's error (a value that does not fit its field) with a zero T.
// It stops early if the loop breaks.
func AllRows[T any](r *Result) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if err := r.check(); err != nil {
			yield(zero, err)
			return
		}
		var slices map[string]bool
		if t := reflect.TypeFor[T](); t.Kind() == reflect.Struct {
			slices = sliceFields(t)
		}
		wrap := make([]bool, len(r.Columns))
		for j, col := range r.Columns {
			wrap[j] = slices[strings.ToLower(col.Name)]
		}
		var buf bytes.Buffer
		for i, row := range r.Values {
			buf.Reset()
			buf.WriteByte('{')
			for j, col := range r.Columns {
				if j > 0 {
					buf.WriteByte(',')
				}
				name, _ := json.Marshal(col.Name)
				buf.Write(name)
				buf.WriteByte(':')
				v := bytes.TrimSpace(row[j])
				if wrap[j] && len(v) > 0 && v[0] != '[' && !bytes.Equal(v, []byte("null")) {
					buf.WriteByte('[')
					buf.Write(v)
					buf.WriteByte(']')
				} else {
					buf.Write(row[j])
				}
			}
			buf.WriteByte('}')
			var v T
			if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
				if !yield(zero, fmt.Errorf("esql: decoding row %d into %T: %w", i, v, err)) {
					return
				}
				continue
			}
			if !yield(v, nil) {
				return
			}
		}
	}
}

var sliceFieldCache sync.Map // reflect.Type -> map[string]bool

// sliceFields returns the lower-cased JSON names of the fields of struct
// type t (embedded structs included, as encoding/json sees them) that are
// slices, other than []byte and json.RawMessage.
func sliceFields(t reflect.Type) map[string]bool {
	if m, ok := sliceFieldCache.Load(t); ok {
		return m.(map[string]bool)
	}
	m := map[string]bool{}
	addSliceFields(t, m, 0)
	sliceFieldCache.Store(t, m)
	return m
}

func addSliceFields(t reflect.Type, m map[string]bool, depth int) {
	if depth > 8 {
		return
	}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		if f.Anonymous && name == "" {
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				addSliceFields(ft, m, depth+1)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if ft.Kind() == reflect.Slice && ft.Elem().Kind() != reflect.Uint8 && ft != reflect.TypeFor[json.RawMessage]() {
			m[strings.ToLower(name)] = true
		}
	}
}
