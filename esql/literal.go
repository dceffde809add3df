package esql

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
)

// identifierSegment matches one dot-separated part of a name that ES|QL
// reads without quoting: a letter then letters, digits and underscores, or
// "_" or "@" followed by at least one of those.
var identifierSegment = regexp.MustCompile(`^(?:[a-zA-Z][a-zA-Z0-9_]*|[_@][a-zA-Z0-9_]+)$`)

// reservedWords are the words the ES|QL expression grammar reads as
// keywords (checked against Elasticsearch 8.19: ROW by = 1 is a parsing
// error, ROW `by` = 1 is not); as a column name, or part of one, they must
// be quoted.
var reservedWords = map[string]bool{
	"and": true, "asc": true, "by": true, "desc": true, "false": true, "first": true,
	"in": true, "is": true, "last": true, "like": true, "not": true, "null": true,
	"nulls": true, "on": true, "or": true, "rlike": true, "true": true, "where": true,
	"with": true,
}

// bareIdentifier reports whether ES|QL reads name unquoted as the column
// name: every dot-separated part a plain identifier and none a keyword.
func bareIdentifier(name string) bool {
	if name == "" {
		return false
	}
	for part := range strings.SplitSeq(name, ".") {
		if !identifierSegment.MatchString(part) || reservedWords[strings.ToLower(part)] {
			return false
		}
	}
	return true
}

// QuoteIdentifier returns name as an ES|QL identifier: unchanged when ES|QL
// reads it bare (dot-separated parts each [a-zA-Z][a-zA-Z0-9_]* or
// [_@][a-zA-Z0-9_]+, none a keyword such as "by" or "null"), otherwise
// wrapped in backticks with inner backticks doubled: "first name" becomes
// "`first name`", "by" becomes "`by`".
func QuoteIdentifier(name string) string {
	if bareIdentifier(name) {
		return name
	}
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// barePattern matches the column patterns (KEEP, DROP) that ES|QL reads
// without quoting.
var barePattern = regexp.MustCompile(`^[a-zA-Z_@*][a-zA-Z0-9_.@*]*$`)

// quotePattern is QuoteIdentifier for commands that accept wildcards (KEEP,
// DROP): in a name containing "*" (a pattern) the parts between the
// asterisks are quoted when needed ("first-name*" is `first-name`*), and a
// pattern holding "|" or a line break, which could only be an attempt to
// start another command, is refused with an error naming it.
func quotePattern(cmd, name string) (string, error) {
	if name == "" {
		return "", fmt.Errorf("esql: %s: empty column name: %w", cmd, errInvalid)
	}
	if !strings.Contains(name, "*") {
		return QuoteIdentifier(name), nil
	}
	if barePattern.MatchString(name) {
		return name, nil
	}
	if strings.ContainsAny(name, "|\n\r") {
		return "", fmt.Errorf("esql: %s: column pattern %q contains '|' or a line break: %w", cmd, name, errInvalid)
	}
	parts := strings.Split(name, "*")
	for i, p := range parts {
		if p != "" {
			parts[i] = QuoteIdentifier(p)
		}
	}
	return strings.Join(parts, "*"), nil
}

// checkIndex validates an index pattern (an index, alias or data stream
// name, with wildcards, date math, a cluster:index prefix or a ::selector)
// for FROM, TS and LOOKUP JOIN, which take it unquoted. A pattern may not
// hold what would end it or change the query's meaning: "|" (a command),
// "//" or "/*" (a comment), quotes, whitespace or control characters, ","
// (a second pattern: give each as its own argument), "=", brackets or
// parentheses.
func checkIndex(cmd, name string) error {
	if name == "" {
		return fmt.Errorf("esql: %s: empty index name: %w", cmd, errInvalid)
	}
	bad := func(what string) error {
		return fmt.Errorf("esql: %s: index pattern %q contains %s: %w", cmd, name, what, errInvalid)
	}
	for _, r := range name {
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r):
			return bad("whitespace or a control character")
		case r == '|':
			return bad(`"|"`)
		case strings.ContainsRune("\"'`", r):
			return bad("a quote")
		case strings.ContainsRune(",=[]()", r):
			return bad(fmt.Sprintf("%q", r))
		}
	}
	if strings.Contains(name, "//") || strings.Contains(name, "/*") {
		return bad("a comment")
	}
	return nil
}

// checkPolicy validates an enrich policy name, with an optional mode
// prefix (_any:, _coordinator:, _remote:), as the ES|QL grammar reads it
// unquoted: none of \ / ? " < > | , # : or whitespace in the name.
func checkPolicy(name string) error {
	bad := func(why string) error {
		return fmt.Errorf("esql: ENRICH: invalid policy name %q (%s): %w", name, why, errInvalid)
	}
	mode, policy, hasMode := strings.Cut(name, ":")
	if !hasMode {
		policy, mode = mode, ""
	} else {
		switch strings.ToLower(mode) {
		case "_any", "_coordinator", "_remote":
		default:
			return bad("the mode before ':' is not _any, _coordinator or _remote")
		}
	}
	if policy == "" {
		return bad("empty")
	}
	for _, r := range policy {
		if unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune("\\/?\"<>|,#:`'", r) {
			return bad(fmt.Sprintf("%q is not allowed", r))
		}
	}
	return nil
}

// Object is an ES|QL map literal (an options object, as in FUSE ... WITH
// or a function's options) whose keys are written in the order given, the
// way Python's json.dumps writes a dict; a Go map given to [Literal] has
// no order, so its keys are sorted instead. Values are literals:
// Object{As("b", 1), As("a", Str("x"))} is {"b": 1, "a": "x"}. An Object
// is an expression through [Object.Expr].
type Object []Named

// Expr returns the object as an expression, for a function's options:
// Match("author", Str("Faulkner"), Object{As("fuzziness", 1)}.Expr()).
func (o Object) Expr() Expr { return Literal(o) }

func literal(v any) (string, error) {
	var b strings.Builder
	if err := writeLiteral(&b, v); err != nil {
		return "", err
	}
	return b.String(), nil
}

func writeLiteral(b *strings.Builder, v any) error {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case string:
		writeString(b, x)
	case int:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case int8:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case int16:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case int32:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case uint:
		b.WriteString(strconv.FormatUint(uint64(x), 10))
	case uint8:
		b.WriteString(strconv.FormatUint(uint64(x), 10))
	case uint16:
		b.WriteString(strconv.FormatUint(uint64(x), 10))
	case uint32:
		b.WriteString(strconv.FormatUint(uint64(x), 10))
	case uint64:
		b.WriteString(strconv.FormatUint(x, 10))
	case float32:
		b.WriteString(formatFloat(float64(x), 32))
	case float64:
		b.WriteString(formatFloat(x, 64))
	case json.Number:
		b.WriteString(x.String())
	case Expr:
		return fmt.Errorf("esql: expression %q used where a literal value is expected: %w", x.text, errInvalid)
	case Object:
		if x == nil {
			b.WriteString("null")
			return nil
		}
		b.WriteByte('{')
		for i, n := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeString(b, n.Name)
			b.WriteString(": ")
			if n.Value.err != nil {
				return n.Value.err
			}
			if n.Value.column {
				return fmt.Errorf("esql: option %q: column %s where a literal is expected (a string literal is Str(...)): %w", n.Name, n.Value.text, errInvalid)
			}
			if len(n.Value.params) > 0 {
				return fmt.Errorf("esql: option %q: a Param placeholder cannot be an option value: %w", n.Name, errInvalid)
			}
			b.WriteString(n.Value.text)
		}
		b.WriteByte('}')
	default:
		return writeReflectLiteral(b, v)
	}
	return nil
}

func writeReflectLiteral(b *strings.Builder, v any) error {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			b.WriteString("null")
			return nil
		}
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			break // []byte: encoding/json makes it base64, keep that
		}
		b.WriteByte('[')
		for i := range rv.Len() {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := writeLiteral(b, rv.Index(i).Interface()); err != nil {
				return err
			}
		}
		b.WriteByte(']')
		return nil
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			break
		}
		if rv.IsNil() {
			b.WriteString("null")
			return nil
		}
		keys := make([]string, 0, rv.Len())
		values := make(map[string]reflect.Value, rv.Len())
		for it := rv.MapRange(); it.Next(); {
			k := it.Key().String()
			keys = append(keys, k)
			values[k] = it.Value()
		}
		slices.Sort(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			writeString(b, k)
			b.WriteString(": ")
			if err := writeLiteral(b, values[k].Interface()); err != nil {
				return err
			}
		}
		b.WriteByte('}')
		return nil
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			b.WriteString("null")
			return nil
		}
		if _, ok := v.(json.Marshaler); !ok {
			return writeLiteral(b, rv.Elem().Interface())
		}
	}
	// Anything else (structs, named types, json.Marshaler): go through
	// encoding/json and render the decoded value.
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("esql: cannot render %T as a literal: %w: %w", v, err, errInvalid)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return fmt.Errorf("esql: cannot render %T as a literal: %w: %w", v, err, errInvalid)
	}
	if s, ok := generic.(string); ok {
		writeString(b, s)
		return nil
	}
	return writeLiteral(b, generic)
}

// writeString writes s JSON-quoted, escaping everything outside printable
// ASCII as Python's json.dumps does by default (ensure_ascii).
func writeString(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r >= ' ' && r <= '~' {
				b.WriteRune(r)
				continue
			}
			units := []uint16{uint16(r)}
			if r > 0xFFFF {
				r1, r2 := utf16.EncodeRune(r)
				units = []uint16{uint16(r1), uint16(r2)}
			}
			for _, u := range units {
				b.WriteString(`\u`)
				b.WriteByte(hex[u>>12&0xF])
				b.WriteByte(hex[u>>8&0xF])
				b.WriteByte(hex[u>>4&0xF])
				b.WriteByte(hex[u&0xF])
			}
		}
	}
	b.WriteByte('"')
}

// formatFloat renders f like Python's repr(float): the shortest digits that
// round-trip, in positional notation with at least one fractional digit
// when the decimal exponent is in [-4, 16), else as d.ddde±XX.
func formatFloat(f float64, bitSize int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	e := strconv.FormatFloat(f, 'e', -1, bitSize) // e.g. "-1.2345e+06"
	mant, expPart, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expPart)
	sign := ""
	if strings.HasPrefix(mant, "-") {
		sign, mant = "-", mant[1:]
	}
	digits := strings.Replace(mant, ".", "", 1)
	if exp < -4 || exp >= 16 {
		m := digits[:1]
		if len(digits) > 1 {
			m += "." + digits[1:]
		}
		es := "+"
		if exp < 0 {
			es, exp = "-", -exp
		}
		return fmt.Sprintf("%s%se%s%02d", sign, m, es, exp)
	}
	var out string
	switch {
	case exp < 0:
		out = "0." + strings.Repeat("0", -exp-1) + digits
	case exp+1 >= len(digits):
		out = digits + strings.Repeat("0", exp+1-len(digits)) + ".0"
	default:
		out = digits[:exp+1] + "." + digits[exp+1:]
	}
	return sign + out
}
