package esql

// Func is a call of the ES|QL function name with the given arguments:
// Func("MV_COUNT", Field("tags")) is MV_COUNT(tags). It reaches every
// function, including those without a typed constructor in this package.
// The name is written as given (it is raw ES|QL); use [Field], [Str],
// [Lit], [Literal] or [Object.Expr] for the arguments.
func Func(name string, args ...Expr) Expr {
	return cat(name+"(", join(", ", args), ")")
}

// CountAll is COUNT(*): the number of rows.
func CountAll() Expr { return RawExpr("COUNT(*)") }
