package esql

// Func is a call of the ES|QL function name with the given arguments:
// Func("MV_COUNT", Field("tags")) is MV_COUNT(tags). It reaches every
// function, including those without a typed constructor in this package.
// Arguments follow the function-argument rule: an [Expr] is used as is,
// anything else is a literal, so a Go string is a string literal
// (Func("TO_UPPER", "abc") is TO_UPPER("abc")); use [Field] or [E] for
// columns and expressions. Maps are rendered as option objects
// ({"fuzziness": 1}).
func Func(name string, args ...any) Expr {
	return cat(name+"(", join(", ", exprs(args, arg)), ")")
}

// CountAll is COUNT(*): the number of rows.
func CountAll() Expr { return E("COUNT(*)") }
