package esql

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid is wrapped by every error about a query that cannot be built
// as asked: an index name containing "|", a second FORK, a FORK branch not
// started with [Branch], a value that cannot be rendered, and so on.
var ErrInvalid = errors.New("invalid ES|QL query")

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
}

// E wraps raw ES|QL text as an expression, used verbatim: E("salary * 1.1"),
// E("*") (for COUNT(*)), E("`first name`").
func E(text string) Expr { return Expr{text: text} }

// Field is a reference to the column name, quoted with backticks when
// needed: Field("age") is age, Field("first name") is `first name`.
func Field(name string) Expr { return Expr{text: QuoteIdentifier(name)} }

// Lit is v as a literal expression: Lit("text") is "text", Lit(1.5) is 1.5,
// Lit(nil) is null, Lit([]int{1, 2}) is [1, 2]. See [Literal] for the rules.
func Lit(v any) Expr {
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

// arg renders a function argument or operand: an Expr as is, anything else
// (strings included) as a literal.
func arg(v any) Expr {
	if x, ok := v.(Expr); ok {
		return x
	}
	return Lit(v)
}

// raw renders a command argument: an Expr as is, a string as raw ES|QL
// text, anything else as a literal.
func raw(v any) Expr {
	switch x := v.(type) {
	case Expr:
		return x
	case string:
		return E(x)
	}
	return Lit(v)
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

func (e Expr) binary(op string, v any) Expr { return cat(e, " "+op+" ", arg(v)) }

// Eq is e == v. v is an Expr or a literal value (a string is a string literal).
func (e Expr) Eq(v any) Expr { return e.binary("==", v) }

// Ne is e != v.
func (e Expr) Ne(v any) Expr { return e.binary("!=", v) }

// Lt is e < v.
func (e Expr) Lt(v any) Expr { return e.binary("<", v) }

// Le is e <= v.
func (e Expr) Le(v any) Expr { return e.binary("<=", v) }

// Gt is e > v.
func (e Expr) Gt(v any) Expr { return e.binary(">", v) }

// Ge is e >= v.
func (e Expr) Ge(v any) Expr { return e.binary(">=", v) }

// Add is e + v.
func (e Expr) Add(v any) Expr { return e.binary("+", v) }

// Sub is e - v.
func (e Expr) Sub(v any) Expr { return e.binary("-", v) }

// Mul is e * v.
func (e Expr) Mul(v any) Expr { return e.binary("*", v) }

// Div is e / v.
func (e Expr) Div(v any) Expr { return e.binary("/", v) }

// Mod is e % v.
func (e Expr) Mod(v any) Expr { return e.binary("%", v) }

// Neg is -(e).
func (e Expr) Neg() Expr { return cat("-(", e, ")") }

// IsNull is e IS NULL.
func (e Expr) IsNull() Expr { return cat(e, " IS NULL") }

// IsNotNull is e IS NOT NULL.
func (e Expr) IsNotNull() Expr { return cat(e, " IS NOT NULL") }

// In is e IN (v1, v2, ...). Values are Expr or literals; unlike Python's
// in_, which writes values with str(), a Go string here is a quoted
// string literal.
func (e Expr) In(values ...any) Expr {
	parts := make([]Expr, len(values))
	for i, v := range values {
		parts[i] = arg(v)
	}
	return cat(e, " IN (", join(", ", parts), ")")
}

func (e Expr) patterns(op string, patterns []string) Expr {
	if len(patterns) == 1 {
		return cat(e, " "+op+" ", Lit(patterns[0]))
	}
	parts := make([]Expr, len(patterns))
	for i, p := range patterns {
		parts[i] = Lit(p)
	}
	return cat(e, " "+op+" (", join(", ", parts), ")")
}

// Like is e LIKE "pattern", or e LIKE ("p1", "p2") for several patterns
// (* matches any characters, ? one character).
func (e Expr) Like(patterns ...string) Expr { return e.patterns("LIKE", patterns) }

// RLike is e RLIKE "regex", or e RLIKE ("r1", "r2") for several.
func (e Expr) RLike(patterns ...string) Expr { return e.patterns("RLIKE", patterns) }

// Match is the match operator e:"query": a full-text match on the field.
func (e Expr) Match(query string) Expr { return cat(e, ":", Lit(query)) }

// Asc is e ASC, for [Statement.Sort].
func (e Expr) Asc() Expr { return cat(e, " ASC") }

// Desc is e DESC, for [Statement.Sort].
func (e Expr) Desc() Expr { return cat(e, " DESC") }

// NullsFirst is e NULLS FIRST, for [Statement.Sort].
func (e Expr) NullsFirst() Expr { return cat(e, " NULLS FIRST") }

// NullsLast is e NULLS LAST, for [Statement.Sort].
func (e Expr) NullsLast() Expr { return cat(e, " NULLS LAST") }

// Where is e WHERE condition, a filtered aggregation in STATS, e.g.
// Avg(Field("salary")).Where(Field("age").Lt(40)). Several conditions are
// each parenthesized and joined with AND. A string is raw ES|QL.
func (e Expr) Where(conditions ...any) Expr {
	if len(conditions) == 1 {
		return cat(e, " WHERE ", raw(conditions[0]))
	}
	return cat(e, " WHERE ", parenthesized(" AND ", conditions))
}

func parenthesized(sep string, conditions []any) Expr {
	parts := make([]Expr, len(conditions))
	for i, c := range conditions {
		parts[i] = cat("(", raw(c), ")")
	}
	return join(sep, parts)
}

// And is (c1) AND (c2) AND ...; a string is raw ES|QL.
func And(conditions ...any) Expr { return parenthesized(" AND ", conditions) }

// Or is (c1) OR (c2) OR ...; a string is raw ES|QL.
func Or(conditions ...any) Expr { return parenthesized(" OR ", conditions) }

// Not is NOT (condition); a string is raw ES|QL.
func Not(condition any) Expr { return cat("NOT (", raw(condition), ")") }

// Named is a value with a name: a column assignment name = value in ROW,
// EVAL, STATS, SET, COMPLETION, RERANK or ENRICH ... WITH. Make it with [As].
type Named struct {
	// Name is the column (or setting) name; it is quoted when needed.
	Name string
	// Value is the expression or literal; how a string is read depends on
	// the command (see each command).
	Value any
}

// As names a value: Eval(As("height_cm", "height * 100")) is
// EVAL height_cm = height * 100.
func As(name string, value any) Named { return Named{Name: name, Value: value} }
