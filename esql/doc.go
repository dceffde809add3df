// Package esql builds ES|QL queries and runs them, the Go counterpart of
// the Python client's elasticsearch.esql (ESQL and functions).
//
// A query is an immutable [Statement]: a source command ([From], [TS],
// [Row], [Show], or [Raw] text) followed by processing commands added with
// methods, each returning a new Statement:
//
//	q := esql.From("logs-*").
//		Where(esql.Field("status").Ge(esql.Lit(500))).
//		Stats(esql.As("errors", esql.CountAll()), esql.As("p99", esql.Percentile("took", 99))).
//		By(esql.Field("host")).
//		Sort("errors DESC").
//		Limit(10)
//	q.String() // FROM logs-*\n| WHERE status >= 500\n| STATS errors = COUNT(*),\n        p99 = PERCENTILE(took, 99)\n        BY host\n| SORT errors DESC\n| LIMIT 10
//
// # Strings, columns and literals
//
// One rule, the DSL's: a Go string given where a column or a value goes is
// a column name. Avg("price") is AVG(price), As("total", "price") is
// total = price, Sort("price DESC") sorts on the column price. A literal
// says so by its type: [Str] ("text", a string literal), [Lit] (a string,
// number or boolean: Lit(30), Lit(1.5), Lit(true)), [List] ([1, 2]),
// [Date] (a time.Time), [Duration] (a time span: 1 hour), [Null], [Literal] (any other Go value: nested
// lists, maps, structs, as Python's json.dumps writes them) and [Object]
// (an options object in order). Numbers and booleans given directly to a
// function constructor or to [As] are literals too, since they cannot be
// columns: Round("x", Lit(2)), Percentile("took", 99), As("n", 1).
//
// Expressions are [Expr] values: [Field] (a column, quoted with backticks
// when ES|QL would not read it bare: a keyword such as by or null, a name
// with a space or a dash), the literals above, [Param] (a "?" placeholder
// whose value is sent separately), comparison and arithmetic methods (Gt,
// Eq, Add, ...) that take an Expr, [And], [Or], [Not], and one constructor
// per ES|QL function ([Avg], [DateTrunc], [MvCount], ...) whose arguments
// follow the [Value] rule. A variadic constructor ([Concat], [Coalesce],
// [Case]) takes arguments of one type: all strings (columns) or all Exprs,
// so Concat(Field("first_name"), Str(" "), Field("last_name")).
//
// Raw ES|QL has three doors, each named for it: [Raw] (a whole query
// text), [RawExpr] (an expression's text, such as RawExpr("1 year") or
// RawExpr("a > 1 OR b IS NULL")) and [Func] (a function by name). Nothing
// in them is checked or quoted.
//
// # Checked input
//
// Everything else written into the query unquoted is checked, so that no
// argument can carry a command, a comment or a quote: index patterns
// (FROM, TS, LOOKUP JOIN: no "|", "//", "/*", quote, whitespace, ",", "=",
// brackets or parentheses), enrich policy names, FUSE methods
// ([FuseMethod]), SHOW items and SORT keys (a column then ASC, DESC, NULLS
// FIRST or NULLS LAST). Column names are quoted. Such input is an error
// that names it and wraps [ErrInvalid], returned by [Statement.Build] and
// by [Query] before anything is sent.
//
// # Differences from Python's builder
//
// Commands are joined with a newline and "| ", and rendered as the Python
// builder renders them (a differential test checks over a hundred queries
// against elasticsearch==9.5.1), except where Python's output is wrong or
// unsafe, deliberately:
//
//   - several WHERE conditions are each parenthesized before being joined
//     with AND (Python joins them bare, so "a OR b", "c" changes meaning);
//   - [Expr.In] takes Exprs, so Str("b c") is the quoted literal "b c"
//     (Python's in_ writes values with str(): tags IN (a, b c));
//   - CHANGE_POINT and FUSE ... BY quote column names like every other
//     command (Python writes them bare);
//   - [Top] and [Rate] render their optional argument only when given
//     (Python 9.5.1 inverts the test);
//   - a column name that is an ES|QL keyword ("by", "null", "first", ...) or
//     that the grammar cannot read bare ("a..b", "x.9", "_") is quoted with
//     backticks (Python writes it bare and the server refuses the query);
//   - index patterns, enrich policies, FUSE methods, SHOW items and SORT
//     keys are checked as above (Python checks only "|" in index names, so
//     its Fuse("x | DROP secret") and From("x // comment") pass through);
//   - a Go string in a function argument is a column (Python's
//     avg("price") is AVG("price"), the string literal; write Str("price")
//     for that).
//
// # Running queries
//
// [Query] sends a statement with POST /_query through any
// transport.Interface (an *esgo.Client) and returns a [Result], whose
// columnar rows [Result.Maps], [Rows] and [AllRows] decode into maps or
// structs by column name. [QueryAsync], [GetAsync] and [DeleteAsync] run
// async queries, and [QueryFormat] returns csv, tsv or txt as the server
// renders it ([Text]). Every call goes through api.Do: the answer is read
// bounded by the transport's response limit.
//
// What the server says about a query that ran, in its Warning headers
// ("No limit defined, adding default limit of [1000]": the rows are not all
// the matching ones; "/ by zero": a value became null), is in
// [Result.Warnings] and [Text.Warnings]; show it to whoever reads the rows.
//
// A server's error answer is *transport.Error, the one type
// for it, through an *esgo.Client or a bare transport alike, naming the
// request that was sent and carrying the server's type
// ("verification_exception", "parsing_exception"); a server without ES|QL
// (one that answers POST /_query with 405) gives an error matching
// [ErrUnsupported]. The integration tests run every command against a real
// Elasticsearch 8.19.21 with the ES|QL modules (see eslocal.ModuleESQL).
//
// Statements and expressions are immutable and safe for concurrent use; a
// Result is safe for concurrent reads.
package esql
