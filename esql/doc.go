// Package esql builds ES|QL queries and runs them, the Go counterpart of
// the Python client's elasticsearch.esql (ESQL and functions).
//
// A query is an immutable [Statement]: a source command ([From], [TS],
// [Row], [Show], or [Raw] text) followed by processing commands added with
// methods, each returning a new Statement:
//
//	q := esql.From("logs-*").
//		Where(esql.Field("status").Ge(500)).
//		Stats(esql.As("errors", esql.CountAll())).By("host").
//		Sort("errors DESC").
//		Limit(10)
//	q.String() // FROM logs-*\n| WHERE status >= 500\n| STATS errors = COUNT(*)\n        BY host\n| SORT errors DESC\n| LIMIT 10
//
// Commands are joined with a newline and "| ", and rendered exactly as the
// Python builder renders them (a differential test checks over a hundred
// queries against elasticsearch==9.5.1), with these deliberate
// differences: several WHERE conditions are each parenthesized before
// being joined with AND; [Expr.In] quotes string values; CHANGE_POINT and
// FUSE ... BY quote column names like every other command; [Top]
// renders its optional output field only when given; a column name that
// is an ES|QL keyword ("by", "null", "first", ...) or that the grammar
// cannot read bare ("a..b", "x.9", "_") is quoted with backticks, where
// Python writes it bare and the server refuses the query; and index
// patterns, enrich policies, FUSE methods, SHOW items and SORT keys are
// checked, so that none carries a command, a comment or a quote (Python
// checks only "|" in index names): such input is an error naming it that
// wraps [ErrInvalid].
//
// Expressions are [Expr] values: [Field] (a column, quoted with backticks
// when its name is not [a-zA-Z_@][a-zA-Z0-9_.]*), [Lit] (a literal, written
// as JSON), [E] (raw text), [Param] (a "?" placeholder whose value is sent
// separately), comparison and arithmetic methods (Gt, Eq, Add, ...),
// [And], [Or], [Not], and one constructor per ES|QL function ([Avg],
// [DateTrunc], [MvCount], ...) plus [Func] for any other. In command
// arguments a Go string is raw ES|QL ("age > 30"); in function arguments
// and operands it is a string literal: Avg("salary") is AVG("salary"),
// Avg(Field("salary")) is AVG(salary).
//
// [Query] sends a statement with POST /_query through any
// transport.Interface (an *esgo.Client) and returns a [Result], whose
// columnar rows [Result.Maps], [Rows] and [AllRows] decode into maps or
// structs by column name. [QueryAsync], [GetAsync] and [DeleteAsync] run
// async queries, and [QueryFormat] returns csv, tsv or txt as the server
// renders it ([Text]). What the server says about a query that ran, in its
// Warning headers ("No limit defined, adding default limit of [1000]": the
// rows are not all the matching ones; "/ by zero": a value became null), is
// in [Result.Warnings] and [Text.Warnings]; show it to whoever reads the
// rows. A server's error answer is *esgo.Error (transport.Error), the one
// type for it, through an *esgo.Client or a bare transport alike, naming
// the request that was sent and carrying the server's
// type ("verification_exception", "parsing_exception"); a server without
// ES|QL (one that answers POST /_query with 405) gives an error matching
// [ErrUnsupported]. The integration tests
// run every command against a real Elasticsearch 8.19.21 with the ES|QL
// modules (see eslocal.ModuleESQL).
//
// Statements and expressions are immutable and safe for concurrent use; a
// Result is safe for concurrent reads.
package esql
