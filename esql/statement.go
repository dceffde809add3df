package esql

import (
	"fmt"
	"strings"
)

// Statement is an immutable ES|QL query under construction: a source
// command ([From], [Row], [Show], [TS], [Raw]) followed by processing
// commands added with its methods. Every method returns a new Statement and
// leaves the receiver untouched, so a Statement can be shared, reused as a
// base for several queries, and used from several goroutines. The zero
// Statement is empty and renders as "".
//
// Commands with optional clauses (STATS ... BY, ENRICH ... ON ... WITH,
// DISSECT ... APPEND_SEPARATOR, ...) return a command-specific statement
// type that embeds Statement and adds methods for those clauses.
//
// A Go string given where a column or a value goes is a column name
// ([Value]); conditions and expressions are [Expr] values, raw ES|QL text
// is [RawExpr] and a string literal is [Str].
type Statement struct {
	n *node
}

// Builder is implemented by [Statement] and by every command-specific
// statement type that embeds it (StatsStatement, EnrichStatement, ...), so
// any of them can be given to [Query] or as a FORK branch.
type Builder interface {
	statement() Statement
}

type node struct {
	parent *node
	cmd    command // nil for the root of a [Branch]
	set    []Named // a SET directive instead of a command
	err    error
	branch bool // the root of a [Branch]
	source bool // a source command (FROM, ROW, ...)
}

// command is one ES|QL command.
type command interface {
	render() Expr
}

func (s Statement) statement() Statement { return s }

func (s Statement) then(c command) Statement {
	return Statement{&node{parent: s.n, cmd: c}}
}

// source starts a statement with a source command.
func source(c command) Statement {
	return Statement{&node{cmd: c, source: true}}
}

func (s Statement) fail(err error) Statement {
	return Statement{&node{parent: s.n, err: err}}
}

// nodes returns the statement's nodes from the source command on.
func (s Statement) nodes() []*node {
	var out []*node
	for n := s.n; n != nil; n = n.parent {
		out = append(out, n)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// render returns the query text, its parameters and the first error.
func (s Statement) render() Expr {
	var directives, commands []Expr
	var firstErr error
	for _, n := range s.nodes() {
		switch {
		case n.err != nil:
			if firstErr == nil {
				firstErr = n.err
			}
		case n.set != nil:
			directives = append(directives, renderSet(n.set))
		case n.cmd != nil:
			commands = append(commands, n.cmd.render())
		}
	}
	out := join("\n| ", commands)
	if len(directives) > 0 {
		out = cat(join(";\n", directives), ";\n", out)
	}
	if firstErr != nil {
		out.err = firstErr
	}
	return out
}

// String returns the ES|QL query text. It renders even an invalid
// statement as well as it can; use [Statement.Build] to also get errors.
func (s Statement) String() string { return s.render().text }

// Params returns the values of the query's [Param] placeholders, in the
// order they appear in the query text.
func (s Statement) Params() []any { return s.render().params }

// Err returns the error [Statement.Build] would return, or nil. All errors
// wrap [ErrInvalid].
func (s Statement) Err() error {
	_, _, err := s.Build()
	return err
}

// Build returns the query text and its placeholder values, or the first
// error made while building the statement.
func (s Statement) Build() (query string, params []any, err error) {
	r := s.render()
	if r.err != nil {
		return "", nil, r.err
	}
	for _, n := range s.nodes() {
		if n.branch {
			return "", nil, fmt.Errorf("esql: a Branch is only usable inside FORK: %w", errInvalid)
		}
		if n.cmd != nil && !n.source {
			return "", nil, fmt.Errorf("esql: the query does not start with a source command (From, TS, Row, Show, Raw): %w", errInvalid)
		}
		if n.cmd != nil {
			break
		}
	}
	return r.text, r.params, nil
}

// textCommand is a command rendered from a fixed expression.
type textCommand struct{ e Expr }

func (c textCommand) render() Expr { return c.e }

func items(values []Item) []Expr {
	out := make([]Expr, len(values))
	for i, v := range values {
		if v == nil {
			out[i] = Expr{err: fmt.Errorf("esql: nil Item: %w", errInvalid)}
			continue
		}
		out[i] = v.item()
	}
	return out
}

func ids(names []string, quote func(string) string) Expr {
	parts := make([]Expr, len(names))
	for i, n := range names {
		parts[i] = Expr{text: quote(n)}
	}
	return join(", ", parts)
}

// patterns renders column names that may be patterns (KEEP, DROP).
func patterns(cmd string, names []string) Expr {
	parts := make([]Expr, len(names))
	for i, n := range names {
		text, err := quotePattern(cmd, n)
		parts[i] = Expr{text: text, err: err}
	}
	return join(", ", parts)
}

func renderSet(settings []Named) Expr {
	parts := make([]Expr, len(settings))
	for i, n := range settings {
		parts[i] = n.item()
	}
	return cat("SET ", join(", ", parts))
}

func missing(cmd, what string) error {
	return fmt.Errorf("esql: %s needs %s: %w", cmd, what, errInvalid)
}

// ----- source commands

// FromStatement is a FROM or TS source command, which may add METADATA.
type FromStatement struct {
	Statement
	cmd fromCommand
}

type fromCommand struct {
	name     string
	indices  []string
	metadata []string
}

func (c fromCommand) render() Expr {
	e := cat(c.name+" ", RawExpr(strings.Join(c.indices, ", ")))
	if len(c.metadata) > 0 {
		e = cat(e, " METADATA ", ids(c.metadata, QuoteIdentifier))
	}
	return e
}

func newFrom(c fromCommand) FromStatement {
	if len(c.indices) == 0 {
		return FromStatement{Statement{}.fail(missing(c.name, "at least one index")), c}
	}
	for _, idx := range c.indices {
		if err := checkIndex(c.name, idx); err != nil {
			return FromStatement{Statement{}.fail(err), c}
		}
	}
	return FromStatement{source(c), c}
}

// From is the FROM source command: rows of the given indices, data
// streams or aliases (wildcards, date math and cluster:index allowed):
// From("employees-00001", "other-employees-*") is
// FROM employees-00001, other-employees-*.
func From(indices ...string) FromStatement {
	return newFrom(fromCommand{name: "FROM", indices: append([]string(nil), indices...)})
}

// TS is the TS source command: FROM for time series indices.
func TS(indices ...string) FromStatement {
	return newFrom(fromCommand{name: "TS", indices: append([]string(nil), indices...)})
}

// Metadata adds METADATA fields, e.g. Metadata("_id", "_score");
// it replaces fields given before.
func (s FromStatement) Metadata(fields ...string) FromStatement {
	c := s.cmd
	c.metadata = append([]string(nil), fields...)
	return newFrom(c)
}

// Row is the ROW source command: one row with the given columns:
// Row(As("a", 1), As("b", Str("two")), As("c", Null())) is
// ROW a = 1, b = "two", c = null.
func Row(columns ...Named) Statement {
	if len(columns) == 0 {
		return Statement{}.fail(missing("ROW", "at least one column"))
	}
	parts := make([]Expr, len(columns))
	for i, c := range columns {
		parts[i] = c.item()
	}
	return source(textCommand{cat("ROW ", join(", ", parts))})
}

// Show is the SHOW source command; item can only be "INFO" (in any case),
// anything else is an error naming it.
func Show(item string) Statement {
	if !strings.EqualFold(item, "INFO") {
		return Statement{}.fail(fmt.Errorf("esql: SHOW %q: the only item is INFO: %w", item, errInvalid))
	}
	return source(textCommand{RawExpr("SHOW " + item)})
}

// Raw starts a statement with the given ES|QL text, used verbatim; more
// commands can be chained after it. Raw("FROM logs | LIMIT 5") is a whole
// query.
func Raw(query string) Statement {
	return source(textCommand{RawExpr(query)})
}

// Branch starts a FORK branch: a statement with no source command, only
// usable as an argument of [Statement.Fork].
func Branch() Statement { return Statement{&node{branch: true}} }

// ----- directives

// Set adds a SET directive (query settings, written before the source
// command): From("many_numbers").Stats(Sum("sv")).Set(As("approximation", true))
// starts with SET approximation = true;. Values are literals
// (As("name", Str("text")) for text) or [Expr].
func (s Statement) Set(settings ...Named) Statement {
	if len(settings) == 0 {
		return s.fail(missing("SET", "at least one setting"))
	}
	return Statement{&node{parent: s.n, set: append([]Named(nil), settings...)}}
}

// ----- processing commands

// Where is the WHERE command: rows for which the conditions hold,
// Where(Field("age").Gt(Lit(30))) or Where(RawExpr("age > 30")); several
// conditions are each parenthesized and joined with AND (unlike Python's
// where, which joins them bare, so that "a OR b", "c" keeps its meaning).
func (s Statement) Where(conditions ...Expr) Statement {
	switch len(conditions) {
	case 0:
		return s.fail(missing("WHERE", "a condition"))
	case 1:
		return s.then(textCommand{cat("WHERE ", conditions[0])})
	}
	return s.then(textCommand{cat("WHERE ", parenthesized(" AND ", conditions))})
}

// Eval is the EVAL command: new columns computed from expressions.
// Each column is an [Expr] (named after its text by the server) or a
// [Named] made with [As]: Eval(As("height_cm", Field("height").Mul(Lit(100))))
// is EVAL height_cm = height * 100.
func (s Statement) Eval(columns ...Item) Statement {
	if len(columns) == 0 {
		return s.fail(missing("EVAL", "at least one column"))
	}
	return s.then(textCommand{cat("EVAL ", join(", ", items(columns)))})
}

// StatsStatement is a STATS or INLINE STATS command, which may add BY.
type StatsStatement struct {
	Statement
	cmd statsCommand
}

type statsCommand struct {
	name  string
	aggs  []Item
	by    []Item
	hasBy bool
}

func (c statsCommand) render() Expr {
	indent := strings.Repeat(" ", len(c.name)+3)
	e := cat(c.name+" ", join(",\n"+indent, items(c.aggs)))
	if c.hasBy {
		e = cat(e, "\n"+indent+"BY ", join(", ", items(c.by)))
	}
	return e
}

// Stats is the STATS command: aggregations over groups of rows (add the
// groups with By). Each aggregation is an [Expr] or a [Named]:
// Stats(As("avg_salary", Avg("salary"))).By(Field("languages")).
func (s Statement) Stats(aggregations ...Item) StatsStatement {
	c := statsCommand{name: "STATS", aggs: append([]Item(nil), aggregations...)}
	return StatsStatement{s.then(c), c}
}

// InlineStats is the INLINE STATS command: STATS that keeps every input
// column and adds the aggregated values to each row.
func (s Statement) InlineStats(aggregations ...Item) StatsStatement {
	c := statsCommand{name: "INLINE STATS", aggs: append([]Item(nil), aggregations...)}
	return StatsStatement{s.then(c), c}
}

// By sets the grouping expressions, replacing any given before: columns
// (Field("host")), expressions (Bucket("hired", 20, Str("1985-01-01"),
// Str("1986-01-01"))) or named ones made with [As].
func (s StatsStatement) By(groups ...Item) StatsStatement {
	c := s.cmd
	c.by, c.hasBy = append([]Item(nil), groups...), true
	return StatsStatement{Statement{s.n.parent}.then(c), c}
}

// Sort is the SORT command on columns. Each key is a column name, quoted
// when needed, optionally followed by ASC or DESC and by NULLS FIRST or
// NULLS LAST (in any case), as in Python: "emp_no DESC NULLS FIRST", or
// "first-name ASC" which becomes `first-name` ASC. Any other word after
// the column is an error naming the key. [Statement.SortBy] sorts on
// expressions and on names with spaces.
func (s Statement) Sort(keys ...string) Statement {
	if len(keys) == 0 {
		return s.fail(missing("SORT", "at least one key"))
	}
	parts := make([]Expr, len(keys))
	for i, k := range keys {
		e, err := sortKey(k)
		if err != nil {
			return s.fail(err)
		}
		parts[i] = e
	}
	return s.then(textCommand{cat("SORT ", join(", ", parts))})
}

// SortBy is the SORT command on expressions: SortBy(Field("a").Desc(),
// Length("name").Asc().NullsLast()).
func (s Statement) SortBy(keys ...Expr) Statement {
	if len(keys) == 0 {
		return s.fail(missing("SORT", "at least one key"))
	}
	return s.then(textCommand{cat("SORT ", join(", ", keys))})
}

// sortKey renders "column [ASC|DESC] [NULLS FIRST|NULLS LAST]".
func sortKey(key string) (Expr, error) {
	words := strings.Split(key, " ")
	out := []string{QuoteIdentifier(words[0])}
	rest := words[1:]
	if len(rest) > 0 && (strings.EqualFold(rest[0], "ASC") || strings.EqualFold(rest[0], "DESC")) {
		out, rest = append(out, rest[0]), rest[1:]
	}
	if len(rest) == 2 && strings.EqualFold(rest[0], "NULLS") &&
		(strings.EqualFold(rest[1], "FIRST") || strings.EqualFold(rest[1], "LAST")) {
		out, rest = append(out, rest...), nil
	}
	if len(rest) > 0 || words[0] == "" {
		return Expr{}, fmt.Errorf("esql: SORT key %q is not a column name followed by ASC, DESC, NULLS FIRST or NULLS LAST: %w", key, errInvalid)
	}
	return RawExpr(strings.Join(out, " ")), nil
}

// Limit is the LIMIT command: at most n rows.
func (s Statement) Limit(n int) Statement {
	if n < 0 {
		return s.fail(fmt.Errorf("esql: LIMIT %d: negative: %w", n, errInvalid))
	}
	return s.then(textCommand{RawExpr(fmt.Sprintf("LIMIT %d", n))})
}

// Keep is the KEEP command: only these columns, in this order. Names are
// quoted when needed; names with "*" are patterns, whose parts between
// asterisks are quoted when needed; a pattern with "|" or a line break is
// an error naming it (it could only start another command).
func (s Statement) Keep(columns ...string) Statement {
	if len(columns) == 0 {
		return s.fail(missing("KEEP", "at least one column"))
	}
	return s.then(textCommand{cat("KEEP ", patterns("KEEP", columns))})
}

// Drop is the DROP command: removes columns (patterns with "*" allowed,
// quoted as in [Statement.Keep]).
func (s Statement) Drop(columns ...string) Statement {
	if len(columns) == 0 {
		return s.fail(missing("DROP", "at least one column"))
	}
	return s.then(textCommand{cat("DROP ", patterns("DROP", columns))})
}

// Rename is the RENAME command, given old and new names in turn like
// strings.NewReplacer: Rename("first_name", "fn", "last_name", "ln") is
// RENAME first_name AS fn, last_name AS ln.
func (s Statement) Rename(oldNew ...string) Statement {
	if len(oldNew) == 0 || len(oldNew)%2 != 0 {
		return s.fail(fmt.Errorf("esql: RENAME needs old and new name pairs, got %d names: %w", len(oldNew), errInvalid))
	}
	parts := make([]Expr, 0, len(oldNew)/2)
	for i := 0; i < len(oldNew); i += 2 {
		parts = append(parts, RawExpr(QuoteIdentifier(oldNew[i])+" AS "+QuoteIdentifier(oldNew[i+1])))
	}
	return s.then(textCommand{cat("RENAME ", join(", ", parts))})
}

// MvExpand is the MV_EXPAND command: one row per value of a multivalued column.
func (s Statement) MvExpand(column string) Statement {
	return s.then(textCommand{RawExpr("MV_EXPAND " + QuoteIdentifier(column))})
}

// DissectStatement is a DISSECT command, which may add APPEND_SEPARATOR.
type DissectStatement struct {
	Statement
	cmd dissectCommand
}

type dissectCommand struct {
	input, pattern string
	separator      *string
}

func (c dissectCommand) render() Expr {
	e := cat("DISSECT "+QuoteIdentifier(c.input)+" ", Str(c.pattern))
	if c.separator != nil {
		e = cat(e, " APPEND_SEPARATOR=", Str(*c.separator))
	}
	return e
}

// Dissect is the DISSECT command: extracts columns from the string column
// input with a dissect pattern such as "%{date} - %{msg}".
func (s Statement) Dissect(input, pattern string) DissectStatement {
	c := dissectCommand{input: input, pattern: pattern}
	return DissectStatement{s.then(c), c}
}

// AppendSeparator sets the separator used between appended values.
func (s DissectStatement) AppendSeparator(separator string) DissectStatement {
	c := s.cmd
	c.separator = &separator
	return DissectStatement{Statement{s.n.parent}.then(c), c}
}

// Grok is the GROK command: extracts columns from the string column input
// with a grok pattern such as "%{IP:ip} %{NUMBER:num:int}".
func (s Statement) Grok(input, pattern string) Statement {
	return s.then(textCommand{cat("GROK "+QuoteIdentifier(input)+" ", Str(pattern))})
}

// EnrichStatement is an ENRICH command, which may add ON and WITH.
type EnrichStatement struct {
	Statement
	cmd enrichCommand
}

type enrichCommand struct {
	policy string
	on     string
	with   []Item
	err    error
}

func (c enrichCommand) render() Expr {
	e := RawExpr("ENRICH " + c.policy)
	if c.on != "" {
		e = cat(e, " ON ", QuoteIdentifier(c.on))
	}
	if len(c.with) > 0 {
		e = cat(e, " WITH ", join(", ", items(c.with)))
	}
	e.err = c.err
	return e
}

func newEnrich(parent Statement, c enrichCommand) EnrichStatement {
	if c.err != nil {
		return EnrichStatement{parent.fail(c.err), c}
	}
	return EnrichStatement{parent.then(c), c}
}

// Enrich is the ENRICH command: adds columns from an enrich policy. The
// policy name is written unquoted, so one the ES|QL grammar would not read
// as a name (with "|", "/", a space, a quote, ...) is an error naming it; a
// mode prefix _any:, _coordinator: or _remote: is allowed.
func (s Statement) Enrich(policy string) EnrichStatement {
	c := enrichCommand{policy: policy, err: checkPolicy(policy)}
	return newEnrich(s, c)
}

// On sets the match column.
func (s EnrichStatement) On(matchField string) EnrichStatement {
	c := s.cmd
	c.on = matchField
	return newEnrich(Statement{s.n.parent}, c)
}

// With sets the enrich fields to add: columns (Field("language_name")),
// or As(newName, field) to rename one: With(As("name", "language_name"))
// is WITH name = language_name. Anything but a column is an error.
func (s EnrichStatement) With(fields ...Item) EnrichStatement {
	c := s.cmd
	c.with = append([]Item(nil), fields...)
	for _, f := range fields {
		var e Expr
		what := "ENRICH WITH"
		switch x := f.(type) {
		case Expr:
			e = x
		case Named:
			e, what = x.Value, "ENRICH WITH "+x.Name
		}
		if !e.column && c.err == nil {
			c.err = fmt.Errorf("esql: %s: %q is not a column (use Field or As(name, field)): %w", what, e.text, errInvalid)
		}
	}
	return newEnrich(Statement{s.n.parent}, c)
}

// LookupJoin is the LOOKUP JOIN command: adds columns from the lookup
// index (a concrete index in lookup mode) where the join fields match.
func (s Statement) LookupJoin(index string, on ...string) Statement {
	if err := checkIndex("LOOKUP JOIN", index); err != nil {
		return s.fail(err)
	}
	if len(on) == 0 {
		return s.fail(missing("LOOKUP JOIN "+index, "a field to join on"))
	}
	return s.then(textCommand{cat("LOOKUP JOIN "+index+" ON ", ids(on, QuoteIdentifier))})
}

// ChangePointStatement is a CHANGE_POINT command, which may add ON and AS.
type ChangePointStatement struct {
	Statement
	cmd changePointCommand
}

type changePointCommand struct {
	value, key           string
	typeName, pvalueName string
}

func (c changePointCommand) render() Expr {
	e := RawExpr("CHANGE_POINT " + QuoteIdentifier(c.value))
	if c.key != "" {
		e = cat(e, " ON ", QuoteIdentifier(c.key))
	}
	if c.typeName != "" || c.pvalueName != "" {
		t, p := c.typeName, c.pvalueName
		if t == "" {
			t = "type"
		}
		if p == "" {
			p = "pvalue"
		}
		e = cat(e, " AS ", QuoteIdentifier(t), ", ", QuoteIdentifier(p))
	}
	return e
}

// ChangePoint is the CHANGE_POINT command: detects spikes, dips and change
// points in the metric column value.
func (s Statement) ChangePoint(value string) ChangePointStatement {
	c := changePointCommand{value: value}
	return ChangePointStatement{s.then(c), c}
}

// On sets the key column that orders the values (default @timestamp).
func (s ChangePointStatement) On(key string) ChangePointStatement {
	c := s.cmd
	c.key = key
	return ChangePointStatement{Statement{s.n.parent}.then(c), c}
}

// As names the output columns (defaults type and pvalue).
func (s ChangePointStatement) As(typeName, pvalueName string) ChangePointStatement {
	c := s.cmd
	c.typeName, c.pvalueName = typeName, pvalueName
	return ChangePointStatement{Statement{s.n.parent}.then(c), c}
}

// Completion is the COMPLETION command: sends prompt to the inference
// endpoint inferenceID. prompt is an [Expr] (a column: Field("question")),
// or As(column, prompt) to name the output column (default completion):
// Completion(As("answer", "question"), "my-model") is
// COMPLETION answer = question WITH {"inference_id": "my-model"}.
func (s Statement) Completion(prompt Item, inferenceID string) Statement {
	if inferenceID == "" {
		return s.fail(missing("COMPLETION", "an inference ID"))
	}
	if prompt == nil {
		return s.fail(missing("COMPLETION", "a prompt"))
	}
	with := Object{As("inference_id", Str(inferenceID))}.Expr()
	return s.then(textCommand{cat("COMPLETION ", prompt.item(), " WITH ", with)})
}

// Rerank is the RERANK command: rescores rows with the rerank inference
// endpoint inferenceID, comparing query (an [Expr], usually a string
// literal: Str("hobbit"); or As(column, query) to name the score column)
// with the fields on.
func (s Statement) Rerank(query Item, inferenceID string, on ...string) Statement {
	if inferenceID == "" {
		return s.fail(missing("RERANK", "an inference ID"))
	}
	if len(on) == 0 {
		return s.fail(missing("RERANK", "at least one field"))
	}
	if query == nil {
		return s.fail(missing("RERANK", "a query"))
	}
	with := Object{As("inference_id", Str(inferenceID))}.Expr()
	return s.then(textCommand{cat("RERANK ", query.item(), " ON ", ids(on, QuoteIdentifier), " WITH ", with)})
}

// maxForkBranches is the most branches FORK accepts.
const maxForkBranches = 8

type forkCommand struct{ e Expr }

func (c forkCommand) render() Expr { return c.e }

// Fork is the FORK command: runs each branch (made with [Branch]) on the
// same input and combines their rows, tagged with a _fork column. A
// query has at most one FORK, with 1 to 8 branches.
func (s Statement) Fork(branches ...Builder) Statement {
	for n := s.n; n != nil; n = n.parent {
		if _, ok := n.cmd.(forkCommand); ok {
			return s.fail(fmt.Errorf("esql: a query can only have one FORK: %w", errInvalid))
		}
	}
	if len(branches) == 0 || len(branches) > maxForkBranches {
		return s.fail(fmt.Errorf("esql: FORK takes 1 to %d branches, got %d: %w", maxForkBranches, len(branches), errInvalid))
	}
	parts := make([]Expr, len(branches))
	for i, b := range branches {
		nodes := b.statement().nodes()
		if len(nodes) == 0 || !nodes[0].branch {
			return s.fail(fmt.Errorf("esql: FORK branch %d does not start with Branch(): %w", i+1, errInvalid))
		}
		if len(nodes) == 1 {
			return s.fail(fmt.Errorf("esql: FORK branch %d is empty: %w", i+1, errInvalid))
		}
		for _, n := range nodes {
			if n.set != nil {
				return s.fail(fmt.Errorf("esql: FORK branch %d: SET is not allowed in a branch: %w", i+1, errInvalid))
			}
		}
		r := b.statement().render()
		r.text = strings.ReplaceAll(r.text, "\n", " ")
		parts[i] = cat("( ", r, " )")
	}
	return s.then(forkCommand{cat("FORK ", join("\n       ", parts))})
}

// FuseStatement is a FUSE command, which may add BY and WITH.
type FuseStatement struct {
	Statement
	cmd fuseCommand
}

type fuseCommand struct {
	method  FuseMethod
	by      []string
	options Object
}

func (c fuseCommand) render() Expr {
	e := RawExpr("FUSE")
	if c.method != "" {
		e = cat(e, " ", strings.ToUpper(string(c.method)))
	}
	for _, col := range c.by {
		e = cat(e, " BY ", QuoteIdentifier(col))
	}
	if len(c.options) > 0 {
		e = cat(e, " WITH ", c.options.Expr())
	}
	return e
}

// FuseMethod is how [Statement.Fuse] combines the scores of FORK branches:
// one of the server's fuse types.
type FuseMethod string

// The fuse methods the server knows.
const (
	// FuseDefault leaves the method to the server (RRF).
	FuseDefault FuseMethod = ""
	// FuseRRF is reciprocal rank fusion.
	FuseRRF FuseMethod = "rrf"
	// FuseLinear is a weighted linear combination of the scores.
	FuseLinear FuseMethod = "linear"
)

func (m FuseMethod) check() error {
	switch strings.ToLower(string(m)) {
	case "", string(FuseRRF), string(FuseLinear):
		return nil
	}
	return fmt.Errorf("esql: FUSE: method %q is not rrf or linear: %w", string(m), errInvalid)
}

// Fuse is the FUSE command: merges the rows of FORK branches and scores
// them again. method is [FuseDefault], [FuseRRF] or [FuseLinear] (rendered
// in upper case); any other value is an error naming it.
func (s Statement) Fuse(method FuseMethod) FuseStatement {
	c := fuseCommand{method: method}
	if err := method.check(); err != nil {
		return FuseStatement{s.fail(err), c}
	}
	return FuseStatement{s.then(c), c}
}

// By adds key columns (each becomes a BY clause).
func (s FuseStatement) By(columns ...string) FuseStatement {
	c := s.cmd
	c.by = append(append([]string(nil), c.by...), columns...)
	return FuseStatement{Statement{s.n.parent}.then(c), c}
}

// With sets the options, written in the order given:
// With(As("normalizer", Str("minmax"))) is WITH {"normalizer": "minmax"}.
// Values are literals (a column is an error); [Object.Expr] is a nested
// object in order.
func (s FuseStatement) With(options ...Named) FuseStatement {
	c := s.cmd
	c.options = append(Object(nil), options...)
	return FuseStatement{Statement{s.n.parent}.then(c), c}
}

// Sample is the SAMPLE command: keeps each row with the given probability,
// between 0 and 1 exclusive.
func (s Statement) Sample(probability float64) Statement {
	if !(probability > 0 && probability < 1) {
		return s.fail(fmt.Errorf("esql: SAMPLE %v: probability must be between 0 and 1 exclusive: %w", probability, errInvalid))
	}
	return s.then(textCommand{RawExpr("SAMPLE " + formatFloat(probability, 64))})
}

// MetricsInfo is the METRICS_INFO command (after TS): the metrics available.
func (s Statement) MetricsInfo() Statement { return s.then(textCommand{RawExpr("METRICS_INFO")}) }

// TSInfo is the TS_INFO command (after TS): the time series available.
func (s Statement) TSInfo() Statement { return s.then(textCommand{RawExpr("TS_INFO")}) }

// MMRStatement is an MMR command, which may add LIMIT and WITH.
type MMRStatement struct {
	Statement
	cmd mmrCommand
}

type mmrCommand struct {
	field       string
	queryVector *Expr
	limit       *int
	lambda      *float64
}

func (c mmrCommand) render() Expr {
	e := RawExpr("MMR ")
	if c.queryVector != nil {
		e = cat(e, *c.queryVector, " ")
	}
	e = cat(e, "ON ", QuoteIdentifier(c.field))
	if c.limit != nil {
		e = cat(e, fmt.Sprintf(" LIMIT %d", *c.limit))
	}
	if c.lambda != nil {
		e = cat(e, " WITH ", Object{As("lambda", *c.lambda)}.Expr())
	}
	return e
}

// MMR is the MMR command: diversifies rows by the dense_vector column
// field (add a query vector with QueryVector).
func (s Statement) MMR(field string) MMRStatement {
	c := mmrCommand{field: field}
	return MMRStatement{s.then(c), c}
}

// QueryVector sets the vector the rows are compared with: a literal
// vector (List(0.5, 0.1)) or an expression (TextEmbedding(...)).
func (s MMRStatement) QueryVector(v Expr) MMRStatement {
	c := s.cmd
	c.queryVector = &v
	return MMRStatement{Statement{s.n.parent}.then(c), c}
}

// MMRLimit sets the number of rows MMR returns.
func (s MMRStatement) MMRLimit(n int) MMRStatement {
	c := s.cmd
	c.limit = &n
	return MMRStatement{Statement{s.n.parent}.then(c), c}
}

// Lambda sets the balance between similarity (1) and diversity (0).
func (s MMRStatement) Lambda(lambda float64) MMRStatement {
	c := s.cmd
	c.lambda = &lambda
	return MMRStatement{Statement{s.n.parent}.then(c), c}
}

func (s Statement) prefixed(cmd, prefix string, value Expr) Statement {
	return s.then(textCommand{cat(cmd+" "+QuoteIdentifier(prefix)+" = ", value)})
}

// RegisteredDomain is the REGISTERED_DOMAIN command: splits the domain name
// in value (a column: Field("fqdn"), or an expression) into columns named
// prefix.*.
func (s Statement) RegisteredDomain(prefix string, value Expr) Statement {
	return s.prefixed("REGISTERED_DOMAIN", prefix, value)
}

// URIParts is the URI_PARTS command: splits the URI in value (a column or
// an expression) into columns named prefix.*.
func (s Statement) URIParts(prefix string, value Expr) Statement {
	return s.prefixed("URI_PARTS", prefix, value)
}

// UserAgentStatement is a USER_AGENT command, which may add WITH.
type UserAgentStatement struct {
	Statement
	prefix  string
	value   Expr
	options Object
}

// UserAgent is the USER_AGENT command: parses the user agent in value (a
// column or an expression) into columns named prefix.*.
func (s Statement) UserAgent(prefix string, value Expr) UserAgentStatement {
	return UserAgentStatement{s.prefixed("USER_AGENT", prefix, value), prefix, value, nil}
}

// With sets options, written in the order given, such as
// With(As("properties", List("name", "version"))).
func (s UserAgentStatement) With(options ...Named) UserAgentStatement {
	parent := Statement{s.n.parent}
	next := parent.prefixed("USER_AGENT", s.prefix, s.value)
	options = append(Object(nil), options...)
	if len(options) > 0 {
		c := next.n.cmd.(textCommand)
		next = parent.then(textCommand{cat(c.e, " WITH ", Object(options).Expr())})
	}
	return UserAgentStatement{next, s.prefix, s.value, options}
}
