package esql

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestStatementIsImmutable(t *testing.T) {
	base := From("logs-*").Where(Field("status").Ge(Lit(500)))
	before := base.String()
	a := base.Limit(1)
	b := base.Sort("took DESC").Limit(2)
	if base.String() != before {
		t.Fatalf("base changed to %q", base.String())
	}
	if want := before + "\n| LIMIT 1"; a.String() != want {
		t.Errorf("a = %q, want %q", a, want)
	}
	if want := before + "\n| SORT took DESC\n| LIMIT 2"; b.String() != want {
		t.Errorf("b = %q, want %q", b, want)
	}

	stats := From("e").Stats(As("n", CountAll()))
	byA, byB := stats.By(Field("a")), stats.By(Field("b"))
	if got, want := stats.String(), "FROM e\n| STATS n = COUNT(*)"; got != want {
		t.Errorf("stats = %q, want %q", got, want)
	}
	if !strings.HasSuffix(byA.String(), "BY a") || !strings.HasSuffix(byB.String(), "BY b") {
		t.Errorf("By results share state: %q / %q", byA, byB)
	}

	from := From("a")
	withMeta := from.Metadata("_id")
	if from.String() != "FROM a" || withMeta.String() != "FROM a METADATA _id" {
		t.Errorf("Metadata changed its receiver: %q / %q", from, withMeta)
	}

	enrich := Row(As("a", 1)).Enrich("p")
	on := enrich.On("a")
	if strings.Contains(enrich.String(), " ON ") || !strings.HasSuffix(on.String(), "ENRICH p ON a") {
		t.Errorf("Enrich.On changed its receiver: %q / %q", enrich, on)
	}
}

func TestStatementConcurrentUse(t *testing.T) {
	base := From("idx").Where(RawExpr("x > 1"))
	var wg sync.WaitGroup
	results := make([]string, 16)
	for i := range results {
		wg.Go(func() {
			results[i] = base.Limit(i).Stats(As("c", CountAll())).By(Field("k")).String()
		})
	}
	wg.Wait()
	for i, r := range results {
		if !strings.Contains(r, fmt.Sprintf("| LIMIT %d\n", i)) {
			t.Errorf("result %d = %q", i, r)
		}
	}
}

func TestContinuationsChainToCommands(t *testing.T) {
	q := From("employees").
		Stats(As("avg", Avg("salary"))).By(Field("dept")).
		Where(Field("avg").Gt(Lit(1000))).
		Sort("avg DESC").
		Limit(10)
	want := "FROM employees\n| STATS avg = AVG(salary)\n        BY dept\n| WHERE avg > 1000\n| SORT avg DESC\n| LIMIT 10"
	if q.String() != want {
		t.Errorf("got\n%s\nwant\n%s", q, want)
	}
}

func TestWhereSeveralConditionsAreParenthesized(t *testing.T) {
	got := From("t").Where(RawExpr("a == 1 OR b == 2"), Field("c").Lt(Lit(3))).String()
	want := "FROM t\n| WHERE (a == 1 OR b == 2) AND (c < 3)"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// colName is a string type: a column name like a plain string.
type colName string

func TestExpressions(t *testing.T) {
	cases := []struct {
		e    Expr
		want string
	}{
		{Field("tags").In(Str("a"), Str("b c")), `tags IN ("a", "b c")`},
		{Field("n").In(Lit(1), Field("m"), Null()), `n IN (1, m, null)`},
		{Top("salary", 3, Str("desc")), `TOP(salary, 3, "desc")`},
		{Top("salary", 3, Str("desc"), Field("emp_no")), `TOP(salary, 3, "desc", emp_no)`},
		{Func("MV_COUNT", Field("tags")), "MV_COUNT(tags)"},
		{Func("PI"), "PI()"},
		{Not(And(Field("a"), Or(Field("b"), RawExpr("c")))), "NOT ((a) AND ((b) OR (c)))"},
		{Field("first name").Desc().NullsLast(), "`first name` DESC NULLS LAST"},
		{Avg("x").Where(RawExpr("y > 1")), "AVG(x) WHERE y > 1"},
		{Field("x").Add(Lit(1.0)).Mul(Lit(2)), "x + 1.0 * 2"},
		{RawExpr("x").Sub(Lit(-1)).Neg(), "-(x - -1)"},
		{MvZip("a", "b"), "MV_ZIP(a, b)"},
		{Hypot("a", 4), "HYPOT(a, 4)"},
		{Clamp("v", 0, 10), "CLAMP(v, 0, 10)"},
		{Count("x"), "COUNT(x)"},
		// A Go string is a column, wherever it goes; a literal says so.
		{Avg("price"), "AVG(price)"},
		{Avg(Str("price")), `AVG("price")`},
		{Avg("unit price"), "AVG(`unit price`)"},
		{Concat("first_name", "last_name"), "CONCAT(first_name, last_name)"},
		{Coalesce(Field("a"), Lit(0)), "COALESCE(a, 0)"},
		{StartsWith("name", Str("H")), `STARTS_WITH(name, "H")`},
		{Round("x", Lit(2)), "ROUND(x, 2)"},
		{Pow(2.5, true), "POW(2.5, true)"},
		{Lit(uint8(7)), "7"},
		{Lit(float32(1.5)), "1.5"},
		{List("a", "b"), `["a", "b"]`},
		{List(1.0, 2.5), "[1.0, 2.5]"},
		{Date(time.Date(2024, 1, 2, 3, 4, 5, 6e6, time.FixedZone("x", 3600))), `TO_DATETIME("2024-01-02T02:04:05.006Z")`},
		{Abs(colName("n")), "ABS(n)"},
		{DateTrunc(Duration(time.Hour), "@timestamp"), "DATE_TRUNC(1 hour, @timestamp)"},
		{Field("t").Add(Duration(90 * time.Minute)), "t + 90 minutes"},
		{Duration(1500 * time.Millisecond), "1500 milliseconds"},
		{Duration(time.Second), "1 second"},
		{Duration(0), "0 milliseconds"},
		// Python 9.5.1 inverts the optional-argument test of rate and top;
		// these render what ES|QL expects.
		{Rate("requests"), "RATE(requests)"},
		{Rate("requests", Str("1m")), `RATE(requests, "1m")`},
		{TBucket(Str("1 hour")), `TBUCKET("1 hour")`},
		{DateParse(Str("yyyy-MM-dd"), "s", Object{As("locale", Str("fr"))}.Expr()), `DATE_PARSE("yyyy-MM-dd", s, {"locale": "fr"})`},
	}
	for _, c := range cases {
		if c.e.Err() != nil {
			t.Errorf("%q: unexpected error %v", c.want, c.e.Err())
		}
		if got := c.e.String(); got != c.want {
			t.Errorf("got %s, want %s", got, c.want)
		}
	}
}

func TestParamsFollowPlaceholderOrder(t *testing.T) {
	q := From("logs").
		Where(And(Field("status").Ge(Param(500)), Field("host").Eq(Param("web-1")))).
		Eval(As("label", Concat(Field("host"), Param("-"), Field("path")))).
		Fork(
			Branch().Where(Field("x").Eq(Param(true))),
			Branch().Limit(1),
		).
		Limit(5)
	text, params, err := q.Build()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(text, "?"); n != 4 {
		t.Fatalf("%d placeholders in %q, want 4", n, text)
	}
	want := []any{500, "web-1", "-", true}
	if !reflect.DeepEqual(params, want) {
		t.Errorf("params = %#v, want %#v", params, want)
	}
	if !reflect.DeepEqual(q.Params(), want) {
		t.Errorf("Params() = %#v, want %#v", q.Params(), want)
	}
	// The expression's own params are not shared with the statement's.
	p := Field("a").Eq(Param(1))
	ps := p.Params()
	ps[0] = 2
	if p.Params()[0] != 1 {
		t.Error("Expr.Params returned its internal slice")
	}
}

func TestSetDirectiveBeforeSource(t *testing.T) {
	q := From("x").Where(RawExpr("a > 1")).Set(As("approximation", true)).Limit(3)
	want := "SET approximation = true;\nFROM x\n| WHERE a > 1\n| LIMIT 3"
	if q.String() != want {
		t.Errorf("got %q, want %q", q, want)
	}
}

func TestRawSource(t *testing.T) {
	q := Raw("FROM a | WHERE b > 1").Limit(2)
	if want := "FROM a | WHERE b > 1\n| LIMIT 2"; q.String() != want {
		t.Errorf("got %q, want %q", q, want)
	}
}

func TestBuildErrors(t *testing.T) {
	nine := make([]Builder, 9)
	for i := range nine {
		nine[i] = Branch().Limit(i)
	}
	cases := []struct {
		name    string
		b       Builder
		mention string
	}{
		{"pipe in index", From("a|b"), `"a|b"`},
		{"empty index", From("logs", ""), "empty index"},
		{"no index", From(), "FROM needs"},
		{"pipe in TS", TS("m|x"), `"m|x"`},
		{"pipe in lookup", From("a").LookupJoin("b|c", "id"), `"b|c"`},
		{"lookup without field", From("a").LookupJoin("b"), "field to join on"},
		{"second fork", From("a").Fork(Branch().Limit(1)).Fork(Branch().Limit(2)), "one FORK"},
		{"branch not from Branch", From("a").Fork(From("b").Limit(1)), "branch 1"},
		{"empty branch", From("a").Fork(Branch().Limit(1), Branch()), "branch 2 is empty"},
		{"nine branches", From("a").Fork(nine...), "got 9"},
		{"no branches", From("a").Fork(), "got 0"},
		{"branch alone", Branch().Limit(1), "only usable inside FORK"},
		{"odd rename", From("a").Rename("x", "y", "z"), "3 names"},
		{"negative limit", From("a").Limit(-1), "LIMIT -1"},
		{"sample of 1", From("a").Sample(1), "SAMPLE 1"},
		{"enrich with non-column", Row(As("a", 1)).Enrich("p").With(As("x", 3)), "ENRICH WITH x"},
		{"enrich with a literal", Row(As("a", 1)).Enrich("p").With(Str("y")), `"\"y\"" is not a column`},
		{"empty column", From("a").Eval(As("x", "")), "empty column name"},
		{"column as option", From("a").Fuse(FuseLinear).With(As("normalizer", "minmax")), "Str("},
		{"nil item", From("a").Stats(nil), "nil Item"},
		{"empty name", Row(As("", 1)), `empty name for "1"`},
		{"negative duration", From("a").Eval(As("t", Duration(-time.Second))), "Duration(-1s)"},
		{"sub-millisecond duration", From("a").Eval(As("t", Duration(time.Microsecond))), "Duration(1µs)"},
		{"enrich bad policy", Row(As("a", 1)).Enrich("a | b"), `"a | b"`},
		{"completion without id", Row(As("q", "x")).Completion(Field("q"), ""), "inference ID"},
		{"rerank without fields", From("a").Rerank(Str("x"), "r"), "at least one field"},
		{"bad literal", Row(As("c", Literal(make(chan int)))), "chan int"},
		{"empty where", From("a").Where(), "WHERE needs"},
		{"empty keep", From("a").Keep(), "KEEP needs"},
		{"empty row", Row(), "ROW needs"},
		{"error inside branch", From("a").Fork(Branch().Where()), "WHERE needs"},
		{"no source command", Statement{}.Where(RawExpr("a > 1")), "source command"},
		{"pipe in keep pattern", From("logs").Keep("a* | EVAL x = secret"), `"a* | EVAL x = secret"`},
		{"newline in drop pattern", From("logs").Drop("a*\nEVAL x = 1"), `"a*\nEVAL x = 1"`},
		{"empty keep name", From("logs").Keep("a", ""), "KEEP: empty column name"},
		{"newline in index", From("logs\n| EVAL x = 1"), `"logs\n| EVAL x = 1"`},
		{"newline in policy", Row(As("a", 1)).Enrich("p\nx"), `"p\nx"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := c.b.statement().Build()
			if err == nil {
				t.Fatalf("no error for %q", c.b.statement().String())
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			if n := strings.Count(err.Error(), "esql:"); n != 1 {
				t.Errorf("error %q says \"esql:\" %d times, want once", err, n)
			}
			if !strings.Contains(err.Error(), c.mention) {
				t.Errorf("error %q does not mention %q", err, c.mention)
			}
			if err2 := c.b.statement().Err(); err2 == nil || err2.Error() != err.Error() {
				t.Errorf("Err() = %v, want %v", err2, err)
			}
		})
	}
}

// Names given to commands that take column names can never start another
// command: they are quoted, and patterns that cannot be are refused.
func TestColumnNamesCannotStartACommand(t *testing.T) {
	for _, c := range []struct {
		b    Builder
		want string
	}{
		{From("logs").Keep("a | EVAL x = secret"), "FROM logs\n| KEEP `a | EVAL x = secret`"},
		{From("logs").Drop("a\n| EVAL x = 1"), "FROM logs\n| DROP `a\n| EVAL x = 1`"},
		{From("logs").Keep("first-name*", "*-x", "a*b", "h*"), "FROM logs\n| KEEP `first-name`*, *`-x`, a*b, h*"},
		{From("logs").Keep("a`b*"), "FROM logs\n| KEEP `a``b`*"},
		{From("logs").Fuse("").By("a | EVAL x = 1"), "FROM logs\n| FUSE BY `a | EVAL x = 1`"},
		{From("logs").MvExpand("a\n| LIMIT 0"), "FROM logs\n| MV_EXPAND `a\n| LIMIT 0`"},
		{From("logs").Rename("a|b", "c\nd"), "FROM logs\n| RENAME `a|b` AS `c\nd`"},
		{From("logs").Sort("a|b DESC"), "FROM logs\n| SORT `a|b` DESC"},
		{From("logs").Metadata("_id | x"), "FROM logs METADATA `_id | x`"},
	} {
		got, _, err := c.b.statement().Build()
		if err != nil || got != c.want {
			t.Errorf("got %q, %v; want %q", got, err, c.want)
		}
	}
}

// Options keep the order they were given in, nested [Object] values too;
// Go maps (which have none) are sorted.
func TestOptionsKeepTheirOrder(t *testing.T) {
	got := From("x").Fuse("linear").With(As("z", 1), As("a", Object{As("y", 2), As("b", Literal(map[string]int{"d": 4, "c": 3}))}.Expr())).String()
	want := `FROM x` + "\n" + `| FUSE LINEAR WITH {"z": 1, "a": {"y": 2, "b": {"c": 3, "d": 4}}}`
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if got, want := Literal(Object{}).String(), "{}"; got != want {
		t.Errorf("empty Object = %s, want %s", got, want)
	}
}

// Index patterns, policy names, methods and sort keys are written into the
// query unquoted; none can carry a command, a comment or a quote.
func TestUnquotedArgumentsCannotCarryCommands(t *testing.T) {
	for _, c := range []struct {
		name    string
		b       Builder
		mention string
	}{
		{"fuse method", From("a").Fuse("x | DROP secret"), `"x | DROP secret"`},
		{"fuse unknown method", From("a").Fuse("weighted"), `"weighted"`},
		{"from line comment", From("x // comment"), `"x // comment"`},
		{"from block comment", From("x/*c*/"), `"x/*c*/"`},
		{"from comment without space", From("x//c"), `"x//c"`},
		{"lookup join comment", From("a").LookupJoin("x // comment", "id"), `"x // comment"`},
		{"ts comment", TS("m//x"), `"m//x"`},
		{"from comma", From("a,b"), `"a,b"`},
		{"from double quote", From(`a"b`), `"a\"b"`},
		{"from single quote", From("a'b"), `"a'b"`},
		{"from backtick", From("a`b"), "\"a`b\""},
		{"from tab", From("a\tb"), `"a\tb"`},
		{"from space", From("a b"), `"a b"`},
		{"from equals", From("a=b"), `"a=b"`},
		{"from bracket", From("a[b]"), `"a[b]"`},
		{"from parenthesis", From("(FROM b)"), `"(FROM b)"`},
		{"show", Show("INFO | DROP x"), `"INFO | DROP x"`},
		{"show other", Show("FUNCTIONS"), `"FUNCTIONS"`},
		{"enrich comment", Row(As("a", 1)).Enrich("p//c"), `"p//c"`},
		{"enrich quote", Row(As("a", 1)).Enrich(`p"`), `"p\""`},
		{"enrich bad mode", Row(As("a", 1)).Enrich("x:p"), `"x:p"`},
		{"enrich two colons", Row(As("a", 1)).Enrich("_any:p:q"), `"_any:p:q"`},
		{"sort extra word", From("a").Sort("x DROP y"), `"x DROP y"`},
		{"sort comment", From("a").Sort("x // c"), `"x // c"`},
		{"sort empty", From("a").Sort(""), `""`},
		{"sort half nulls", From("a").Sort("x NULLS"), `"x NULLS"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := c.b.statement().Build()
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("%q: err = %v, want ErrInvalid", c.b.statement().String(), err)
			}
			if n := strings.Count(err.Error(), "esql:"); n != 1 {
				t.Errorf("error %q says \"esql:\" %d times, want once", err, n)
			}
			if !strings.Contains(err.Error(), c.mention) {
				t.Errorf("error %q does not name %s", err, c.mention)
			}
		})
	}
	for _, c := range []struct {
		b    Builder
		want string
	}{
		{From("<logs-{now/d}>", "-logs-old", "cluster_one:logs-*", "logs::failures", "a/b"), "FROM <logs-{now/d}>, -logs-old, cluster_one:logs-*, logs::failures, a/b"},
		{From("a").LookupJoin("remote:lk", "id"), "FROM a\n| LOOKUP JOIN remote:lk ON id"},
		{Show("info"), "SHOW info"},
		{From("a").Fuse(FuseRRF), "FROM a\n| FUSE RRF"},
		{From("a").Fuse("Linear"), "FROM a\n| FUSE LINEAR"},
		{Row(As("a", 1)).Enrich("_any:p-1.x"), "ROW a = 1\n| ENRICH _any:p-1.x"},
		{From("a").Sort("x desc nulls last", "by ASC", "y NULLS FIRST"), "FROM a\n| SORT x desc nulls last, `by` ASC, y NULLS FIRST"},
	} {
		got, _, err := c.b.statement().Build()
		if err != nil || got != c.want {
			t.Errorf("got %q, %v; want %q", got, err, c.want)
		}
	}
}

// TestInvalidMessageSaysPrefixOnce: an error wrapping ErrInvalid names the
// package once, at the start, and still matches ErrInvalid.
func TestInvalidMessageSaysPrefixOnce(t *testing.T) {
	_, _, err := From("logs | DROP secret").Build()
	want := `esql: FROM: index pattern "logs | DROP secret" contains whitespace or a control character: invalid query`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("err = %v does not match ErrInvalid", err)
	}
}
