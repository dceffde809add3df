package esql

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// ErrInvalid is wrapped by every error about a query that cannot be built
// as asked: an index name containing "|", a second FORK, a FORK branch not
// started with [Branch], a value that cannot be rendered, and so on.
var ErrInvalid = errors.New("esql: invalid query")

// errInvalid ends the message of each error wrapping ErrInvalid: those
// messages start with "esql:" already, so it reads "invalid query" without
// the prefix, and matches ErrInvalid (errors.Is).
var errInvalid error = invalidTail{}

type invalidTail struct{}

func (invalidTail) Error() string { return "invalid query" }

func (invalidTail) Is(target error) bool { return target == ErrInvalid }

// Expr is an ES|QL expression: a column, a literal, a function call, a
// condition. Its zero value is the empty expression. Expr values are
// immutable; their methods return new expressions.
//
// An Expr may hold "?" placeholders made by [Param]; their values travel
// with it and end up in [Statement.Params] in the order the placeholders
// appear in the query.
type Expr struct {
	text   string
	params []any
	err    error
	column bool // made by Field: a plain column reference
}

// Scalar is the constraint of [Lit] and [List]: the Go strings, booleans
// and numbers (and types based on them) that are ES|QL literals.
type Scalar interface {
	~string | ~bool |
		~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 |
		~float32 | ~float64
}

// Value is the constraint of the function constructors ([Avg], [Round],
// [Concat], ...) and of [As]: what an argument may be. The rule is the one
// of the DSL: a Go string (or a type based on string) is a column name, as
// [Field] makes it; a number or a boolean is a literal; an [Expr] is used
// as is. A string literal is [Str] (or [Lit]): Avg("price") is AVG(price),
// StartsWith("name", Str("H")) is STARTS_WITH(name, "H").
type Value interface {
	Scalar | Expr
}

// RawExpr is raw ES|QL text used verbatim as an expression: the escape
// hatch for what the typed constructors do not say, such as
// RawExpr("salary * 1.1"), RawExpr("1 year") (a date period) or
// RawExpr("still_hired == true"). Nothing in it is checked or quoted.
func RawExpr(text string) Expr { return Expr{text: text} }

// Field is a reference to the column name, quoted with backticks when
// needed: Field("age") is age, Field("first name") is `first name`. An
// empty name is an error.
func Field(name string) Expr {
	if name == "" {
		return Expr{err: fmt.Errorf("esql: empty column name: %w", errInvalid)}
	}
	return Expr{text: QuoteIdentifier(name), column: true}
}

// Lit is v as a literal: Lit("text") is "text" (JSON-quoted, as Python's
// json.dumps writes it), Lit(1.5) is 1.5, Lit(2.0) is 2.0, Lit(true) is
// true. See [Literal] for lists, maps and other values.
func Lit[T Scalar](v T) Expr { return scalar(v, false) }

// Str is the string literal s: Str("text") is "text". In any place that
// takes a [Value], a Go string is a column name; Str says it is text.
func Str(s string) Expr { return Lit(s) }

// Null is the null literal.
func Null() Expr { return Expr{text: "null"} }

// List is a list literal: List(1, 2) is [1, 2], List("a", "b") is
// ["a", "b"] (its strings are string literals, as in [Lit]).
func List[T Scalar](values ...T) Expr {
	parts := make([]Expr, len(values))
	for i, v := range values {
		parts[i] = Lit(v)
	}
	return cat("[", join(", ", parts), "]")
}

// Date is t as a datetime: TO_DATETIME("2024-01-02T03:04:05.000Z"), in
// UTC with milliseconds (the precision of an ES|QL datetime).
func Date(t time.Time) Expr {
	return Func("TO_DATETIME", Str(t.UTC().Format("2006-01-02T15:04:05.000Z")))
}

// Duration is d as an ES|QL time span literal in the largest unit that
// holds it exactly: Duration(time.Hour) is 1 hour, Duration(90*time.Minute)
// is 90 minutes, Duration(1500*time.Millisecond) is 1500 milliseconds, for
// DateTrunc, Bucket or date arithmetic (Field("@timestamp").Add(Duration(d))).
// A negative duration, or one with a part below a millisecond, is an error
// wrapping [ErrInvalid].
func Duration(d time.Duration) Expr {
	if d < 0 || d%time.Millisecond != 0 {
		return Expr{err: fmt.Errorf("esql: Duration(%v): want a non-negative whole number of milliseconds: %w", d, errInvalid)}
	}
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{time.Hour, "hour"}, {time.Minute, "minute"}, {time.Second, "second"}, {time.Millisecond, "millisecond"}} {
		if d%u.d == 0 && (d != 0 || u.d == time.Millisecond) {
			n := int64(d / u.d)
			if n != 1 {
				u.name += "s"
			}
			return Expr{text: strconv.FormatInt(n, 10) + " " + u.name}
		}
	}
	panic("unreachable")
}

// Literal is v as a literal, for the values [Lit] does not take: nil is
// null, slices and arrays are lists "[1, [2, 3]]", maps are objects with
// sorted keys {"a": 1, "b": 2} and an [Object] keeps its order, structs
// and other values are encoded with encoding/json first. It renders
// numbers and strings as [Lit] does, the way Python's json.dumps does
// (so that queries match the Python client's byte for byte). A value that
// cannot be encoded (a channel, a function, an [Expr] inside a list) makes
// an expression whose Err wraps [ErrInvalid].
func Literal(v any) Expr {
	s, err := literal(v)
	if err != nil {
		return Expr{err: err}
	}
	return Expr{text: s}
}

// Param is a "?" placeholder whose value is sent in the request's params
// instead of being written into the query text.
func Param(value any) Expr { return Expr{text: "?", params: []any{value}} }

// String returns the ES|QL text of the expression.
func (e Expr) String() string { return e.text }

// Err returns the first error met while building the expression, such as
// a value that cannot be rendered as a literal.
func (e Expr) Err() error { return e.err }

// Params returns the values of the expression's "?" placeholders, in order.
func (e Expr) Params() []any { return append([]any(nil), e.params...) }

// arg renders a function argument by the [Value] rule: an Expr as is, a
// string as a column, a number or a boolean as a literal.
func arg[T Value](v T) Expr {
	switch x := any(v).(type) {
	case Expr:
		return x
	case string:
		return Field(x)
	}
	return scalar(v, true)
}

// args renders each of values with arg.
func args[T Value](values []T) []Expr {
	out := make([]Expr, len(values))
	for i, v := range values {
		out[i] = arg(v)
	}
	return out
}

// scalar renders a Scalar: a string is a column when stringIsColumn, else
// a string literal.
func scalar(v any, stringIsColumn bool) Expr {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		if stringIsColumn {
			return Field(rv.String())
		}
		var b strings.Builder
		writeString(&b, rv.String())
		return Expr{text: b.String()}
	case reflect.Bool:
		return Expr{text: strconv.FormatBool(rv.Bool())}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return Expr{text: strconv.FormatInt(rv.Int(), 10)}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return Expr{text: strconv.FormatUint(rv.Uint(), 10)}
	case reflect.Float32:
		return Expr{text: formatFloat(rv.Float(), 32)}
	case reflect.Float64:
		return Expr{text: formatFloat(rv.Float(), 64)}
	}
	return Expr{err: fmt.Errorf("esql: cannot render %T: %w", v, errInvalid)}
}

// join concatenates parts with sep, in order, merging their parameters
// and errors.
func join(sep string, parts []Expr) Expr {
	var out Expr
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p.text)
		out.params = append(out.params, p.params...)
		if out.err == nil {
			out.err = p.err
		}
	}
	out.text = b.String()
	return out
}

// cat concatenates its pieces: strings are written as is, Expr values with
// their parameters.
func cat(pieces ...any) Expr {
	parts := make([]Expr, len(pieces))
	for i, p := range pieces {
		switch x := p.(type) {
		case string:
			parts[i] = Expr{text: x}
		case Expr:
			parts[i] = x
		default:
			panic(fmt.Sprintf("esql: internal: cat of %T", p))
		}
	}
	return join("", parts)
}

func (e Expr) binary(op string, v Expr) Expr { return cat(e, " "+op+" ", v) }

// Eq is e == v: Field("age").Eq(Lit(30)), Field("name").Eq(Str("Ann")),
// Field("a").Eq(Field("b")).
func (e Expr) Eq(v Expr) Expr { return e.binary("==", v) }

// Ne is e != v.
func (e Expr) Ne(v Expr) Expr { return e.binary("!=", v) }

// Lt is e < v.
func (e Expr) Lt(v Expr) Expr { return e.binary("<", v) }

// Le is e <= v.
func (e Expr) Le(v Expr) Expr { return e.binary("<=", v) }

// Gt is e > v.
func (e Expr) Gt(v Expr) Expr { return e.binary(">", v) }

// Ge is e >= v.
func (e Expr) Ge(v Expr) Expr { return e.binary(">=", v) }

// Add is e + v.
func (e Expr) Add(v Expr) Expr { return e.binary("+", v) }

// Sub is e - v.
func (e Expr) Sub(v Expr) Expr { return e.binary("-", v) }

// Mul is e * v.
func (e Expr) Mul(v Expr) Expr { return e.binary("*", v) }

// Div is e / v.
func (e Expr) Div(v Expr) Expr { return e.binary("/", v) }

// Mod is e % v.
func (e Expr) Mod(v Expr) Expr { return e.binary("%", v) }

// Neg is -(e).
func (e Expr) Neg() Expr { return cat("-(", e, ")") }

// IsNull is e IS NULL.
func (e Expr) IsNull() Expr { return cat(e, " IS NULL") }

// IsNotNull is e IS NOT NULL.
func (e Expr) IsNotNull() Expr { return cat(e, " IS NOT NULL") }

// In is e IN (v1, v2, ...): Field("n").In(Lit(1), Lit(2)),
// Field("tag").In(Str("a"), Str("b")), Field("a").In(Field("b"), Field("c")).
func (e Expr) In(values ...Expr) Expr {
	return cat(e, " IN (", join(", ", values), ")")
}

func (e Expr) patterns(op string, patterns []string) Expr {
	if len(patterns) == 1 {
		return cat(e, " "+op+" ", Str(patterns[0]))
	}
	parts := make([]Expr, len(patterns))
	for i, p := range patterns {
		parts[i] = Str(p)
	}
	return cat(e, " "+op+" (", join(", ", parts), ")")
}

// Like is e LIKE "pattern", or e LIKE ("p1", "p2") for several patterns
// (* matches any characters, ? one character). The patterns are string
// literals.
func (e Expr) Like(patterns ...string) Expr { return e.patterns("LIKE", patterns) }

// RLike is e RLIKE "regex", or e RLIKE ("r1", "r2") for several.
func (e Expr) RLike(patterns ...string) Expr { return e.patterns("RLIKE", patterns) }

// Match is the match operator e:"query": a full-text match of the text
// query (a string literal) on the field.
func (e Expr) Match(query string) Expr { return cat(e, ":", Str(query)) }

// Asc is e ASC, for [Statement.SortBy].
func (e Expr) Asc() Expr { return cat(e, " ASC") }

// Desc is e DESC, for [Statement.SortBy].
func (e Expr) Desc() Expr { return cat(e, " DESC") }

// NullsFirst is e NULLS FIRST, for [Statement.SortBy].
func (e Expr) NullsFirst() Expr { return cat(e, " NULLS FIRST") }

// NullsLast is e NULLS LAST, for [Statement.SortBy].
func (e Expr) NullsLast() Expr { return cat(e, " NULLS LAST") }

// Where is e WHERE condition, a filtered aggregation in STATS, e.g.
// Avg("salary").Where(Field("age").Lt(Lit(40))). Several conditions are
// each parenthesized and joined with AND.
func (e Expr) Where(conditions ...Expr) Expr {
	if len(conditions) == 1 {
		return cat(e, " WHERE ", conditions[0])
	}
	return cat(e, " WHERE ", parenthesized(" AND ", conditions))
}

func parenthesized(sep string, conditions []Expr) Expr {
	parts := make([]Expr, len(conditions))
	for i, c := range conditions {
		parts[i] = cat("(", c, ")")
	}
	return join(sep, parts)
}

// And is (c1) AND (c2) AND ....
func And(conditions ...Expr) Expr { return parenthesized(" AND ", conditions) }

// Or is (c1) OR (c2) OR ....
func Or(conditions ...Expr) Expr { return parenthesized(" OR ", conditions) }

// Not is NOT (condition).
func Not(condition Expr) Expr { return cat("NOT (", condition, ")") }

// Item is what EVAL, STATS and BY take: an [Expr], or a [Named] expression
// made with [As] (name = expression).
type Item interface {
	item() Expr
}

func (e Expr) item() Expr { return e }

// Named is a value with a name: a column assignment name = value in ROW,
// EVAL, STATS, BY, COMPLETION, RERANK and ENRICH ... WITH, a setting in
// SET, an option in WITH {...}. Make it with [As].
type Named struct {
	// Name is the column (or setting, or option) name; it is quoted when
	// needed (not in option objects, where it is a JSON key).
	Name string
	// Value is the expression.
	Value Expr
}

func (n Named) item() Expr {
	if n.Name == "" {
		return Expr{err: fmt.Errorf("esql: empty name for %q: %w", n.Value.text, errInvalid)}
	}
	return cat(QuoteIdentifier(n.Name), " = ", n.Value)
}

// As names a value, with the [Value] rule (a string is a column, a number
// or boolean a literal, an Expr as is): Eval(As("height_cm",
// Field("height").Mul(Lit(100)))) is EVAL height_cm = height * 100,
// Row(As("a", 1), As("b", Str("two"))) is ROW a = 1, b = "two".
func As[T Value](name string, value T) Named { return Named{Name: name, Value: arg(value)} }
