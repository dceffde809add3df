package esql

import (
	"fmt"
	"testing"
	"time"

	"github.com/esgo/esgo/internal/pydiff"
)

// diffCases maps each case name of testdata/cases.py to the Go code building
// the same query; the rendered strings must be equal.
var diffCases = map[string]func() any{}

func addCase(name string, build func() any) {
	if _, dup := diffCases[name]; dup {
		panic("duplicate differential case " + name)
	}
	diffCases[name] = build
}

func init() {
	// source commands
	addCase("from/one", func() any { return From("employees") })
	addCase("from/many", func() any { return From("employees-00001", "other-employees-*") })
	addCase("from/remote", func() any { return From("cluster_one:employees-00001", "cluster_two:other-employees-*") })
	addCase("from/date_math", func() any { return From("<logs-{now/d}>") })
	addCase("from/metadata", func() any { return From("employees").Metadata("_id") })
	addCase("from/metadata_many", func() any { return From("books").Metadata("_id", "_index", "_score") })
	addCase("ts/stats", func() any {
		return TS("metrics").Where(RawExpr("@timestamp >= now() - 1 day")).
			Stats(RawExpr("SUM(AVG_OVER_TIME(memory_usage))")).By(Field("host"), RawExpr("TBUCKET(1 hour)"))
	})
	addCase("ts/metadata", func() any { return TS("metrics").Metadata("_tsid") })
	addCase("row/literals", func() any { return Row(As("a", 1), As("b", Str("two")), As("c", Null())) })
	addCase("row/list", func() any { return Row(As("a", List(1, 2))) })
	addCase("row/function", func() any { return Row(As("a", Round(1.23, Lit(0)))) })
	addCase("row/floats", func() any {
		return Row(As("x", 1.5), As("y", 2.0), As("z", 1e20), As("w", 0.00001), As("v", 123456789.125), As("u", -0.5))
	})
	addCase("row/unicode", func() any { return Row(As("s", Str("h\u00e9llo \"q\"\n\t\u2713 \U0001F600 back\\slash <&>"))) })
	addCase("row/bool", func() any { return Row(As("t", true), As("f", false)) })
	addCase("row/quoted_names", func() any {
		return Row(As("first name", 1), As("a`b", 2), As("@ok.name_1", 3), As("9lives", 4))
	})
	addCase("row/nested", func() any {
		return Row(As("a", Literal([]any{[]int{1, 2}, []any{"x", nil}})), As("b", Literal(map[string]any{"k": []any{1.5, true}})))
	})
	addCase("show/info", func() any { return Show("INFO") })

	// WHERE and expressions
	emp := From("employees")
	addCase("where/string", func() any { return emp.Where(RawExpr("still_hired == true")) })
	addCase("where/gt", func() any { return emp.Where(Field("age").Gt(Lit(30))) })
	addCase("where/eq_string", func() any { return emp.Where(Field("first_name").Eq(Str("Georgi"))) })
	addCase("where/ne_le_ge", func() any {
		return emp.Where(And(Field("a").Ne(Lit(1)), Field("b").Le(Lit(2.5)), Field("c").Ge(Lit(-3))))
	})
	addCase("where/or_not", func() any { return emp.Where(Or(Field("a").Eq(Str("x")), Not(Field("b").IsNull()))) })
	addCase("where/is_not_null", func() any { return emp.Where(Field("gender").IsNotNull()) })
	addCase("where/like", func() any { return emp.Where(Field("first_name").Like("Geor*")) })
	addCase("where/like_many", func() any { return emp.Where(Field("first_name").Like("Geor*", "?lice")) })
	addCase("where/rlike", func() any { return emp.Where(Field("first_name").RLike(".*eorg.*")) })
	addCase("where/rlike_many", func() any { return emp.Where(Field("first_name").RLike("a.*", "b.*")) })
	addCase("where/match_operator", func() any { return From("books").Where(Field("title").Match("Shakespeare")) })
	addCase("where/in_numbers", func() any { return emp.Where(Field("emp_no").In(Lit(10001), Lit(10002), Lit(10003))) })
	addCase("where/in_exprs", func() any { return emp.Where(Field("x").In(Field("a"), Field("b"))) })
	addCase("where/function", func() any { return emp.Where(StartsWith("last_name", Str("H"))) })
	addCase("where/match_function", func() any {
		return From("books").Where(Match("author", Str("Faulkner"), Literal(map[string]any{"fuzziness": 1, "operator": "AND"})))
	})
	addCase("where/multi_match", func() any {
		return From("books").Where(MultiMatch(Str("Faulkner"), Field("author"), Field("description")))
	})
	addCase("where/multi_match_options", func() any {
		return From("books").Where(MultiMatch(Str("Faulkner"), Field("author"), Field("description"), Literal(map[string]int{"fuzziness": 1})))
	})
	addCase("where/qstr", func() any { return From("books").Where(QStr(Str("author: Faulkner"))) })
	addCase("where/kql", func() any {
		return From("books").Where(KQL(Str("author: Faulkner"), Literal(map[string]bool{"case_insensitive": true})))
	})
	addCase("where/knn", func() any {
		return From("colors").Where(KNN("rgb_vector", List(0, 120, 0), Literal(map[string]int{"k": 10})))
	})
	addCase("where/cidr", func() any { return From("hosts").Where(CIDRMatch("ip1", Str("127.0.0.2/32"))) })
	addCase("where/term", func() any { return From("books").Where(Term("author", Str("faulkner"))) })

	// EVAL
	addCase("eval/named", func() any {
		return emp.Sort("emp_no").Keep("first_name", "last_name", "height").
			Eval(As("height_feet", RawExpr("height * 3.281")), As("height_cm", RawExpr("height * 100")))
	})
	addCase("eval/positional", func() any {
		return emp.Eval(RawExpr("height * 3.281")).Stats(As("avg_height_feet", Avg("height * 3.281")))
	})
	addCase("eval/arithmetic", func() any {
		return emp.Eval(As("x", Field("a").Add(Lit(1))), As("y", Field("b").Mul(Lit(2.5))), As("z", Field("c").Sub(Field("d"))),
			As("w", Field("e").Div(Lit(2))), As("m", Field("f").Mod(Lit(3))))
	})
	addCase("eval/negate", func() any { return emp.Eval(As("n", Field("a").Neg())) })
	addCase("eval/strings", func() any {
		return emp.Eval(As("u", ToUpper(Field("name"))), As("l", Length(Field("name"))), As("t", Trim(Field("name"))))
	})
	addCase("eval/case", func() any {
		return emp.Eval(As("type", Case(Field("x").Gt(Lit(1)), Str("big"), Field("x").Eq(Lit(1)), Str("one"), Str("small"))))
	})
	addCase("eval/concat", func() any { return emp.Eval(As("full", Concat(Field("first_name"), Str(" "), Field("last_name")))) })
	addCase("eval/dates", func() any {
		return From("logs").Eval(
			As("hour", DateTrunc(Str("1 hour"), "@timestamp")),
			As("year", DateExtract(Str("year"), "@timestamp")),
			As("text", DateFormat(Str("yyyy-MM-dd"), Field("@timestamp"))),
			As("days", DateDiff(Str("day"), "start", Now())),
		)
	})
	addCase("eval/math", func() any {
		a := Field("a")
		return Row(As("a", 2)).Eval(As("p", Pow(a, 3)), As("r", Round(a)), As("r2", Round(a, Lit(2))), As("s", Sqrt(a)),
			As("l", Log(10, a)), As("c", Ceil(a)), As("k", Euler()), As("q", Pi()), As("t", Tau()))
	})
	addCase("eval/string_literal_argument", func() any { return emp.Eval(As("x", ToLower(Str("ABC")))) })
	addCase("eval/conversions", func() any {
		s := Field("s")
		return emp.Eval(As("a", ToInteger(s)), As("b", ToInteger(s, Lit(16))), As("c", ToDouble(s)), As("d", ToIP(s)),
			As("e", ToDatetime(s)), As("g", ToString(Field("n"))), As("h", ToBoolean(Str("true"))))
	})
	addCase("eval/multivalue", func() any {
		a := Field("a")
		return Row(As("a", List(3, 1, 2))).Eval(As("c", MvCount(a)), As("s", MvSort(a, Str("DESC"))), As("m", MvMax(a)),
			As("j", MvConcat(ToString(a), Str(", "))), As("sl", MvSlice(a, 0, Lit(1))), As("d", MvDedupe(a)), As("z", MvZip(a, a, Str("-"))))
	})
	addCase("eval/coalesce_greatest", func() any {
		return emp.Eval(As("c", Coalesce(Field("a"), Field("b"))), As("g", Greatest(Field("a"), Field("b"))), As("l", Least(Field("a"), Lit(5))))
	})
	addCase("eval/spatial", func() any {
		p := Field("p")
		return Row(As("p", Str("POINT(1 2)"))).Eval(As("g", ToGeoPoint(p)),
			As("d", StDistance(ToGeoPoint(p), ToGeoPoint(Str("POINT(0 0)")))), As("x", StX(ToGeoPoint(p))))
	})
	addCase("eval/hash", func() any {
		s := Field("s")
		return Row(As("s", Str("hello"))).Eval(As("h", Hash(Str("sha256"), s)), As("m", MD5(s)), As("b", ToBase64(s)))
	})
	addCase("eval/substring_locate", func() any {
		s := Field("s")
		return Row(As("s", Str("hello"))).Eval(As("a", Substring(s, 1, Lit(3))), As("b", Substring(s, 2)), As("c", Locate(s, Str("l"), Lit(1))),
			As("d", Replace(s, Str("l+"), Str("L"))), As("e", Split(s, Str("e"))), As("g", Left(s, 2)), As("h", Right(s, 2)), As("i", Repeat(s, 2)))
	})

	// STATS / INLINE STATS
	addCase("stats/positional", func() any { return emp.Stats(RawExpr("AVG(salary)")) })
	addCase("stats/named_by", func() any {
		return emp.Stats(As("avg_lang", Avg(Field("languages"))), As("max_lang", Max(Field("languages")))).By(Field("gender"))
	})
	addCase("stats/literal_argument", func() any { return emp.Stats(As("x", Avg(Str("salary")))) })
	addCase("stats/filtered", func() any {
		return emp.Stats(
			As("avg50s", Avg(Field("salary")).Where(RawExpr(`birth_date < "1960-01-01"`))),
			As("avg60s", Avg(Field("salary")).Where(RawExpr(`birth_date >= "1960-01-01"`))),
		).By(Field("gender"))
	})
	addCase("stats/filtered_many", func() any {
		return emp.Stats(As("mid", Round(Avg(Field("salary"))).Where(Field("salary").Ge(Lit(50000)), Field("salary").Lt(Lit(60000)))))
	})
	addCase("stats/count_star", func() any { return emp.Stats(As("count", Count(RawExpr("*")))) })
	addCase("stats/by_only", func() any { return emp.Stats().By(Field("languages")) })
	addCase("stats/bucket", func() any {
		return emp.Where(RawExpr(`hire_date >= "1985-01-01T00:00:00Z"`)).Stats(As("hires", CountAll())).
			By(Bucket("hire_date", 20, Str("1985-01-01T00:00:00Z"), Str("1986-01-01T00:00:00Z")))
	})
	addCase("stats/aggs", func() any {
		sal := Field("salary")
		return emp.Stats(As("p", Percentile(sal, 95)), As("m", Median(sal)), As("d", CountDistinct(Field("gender"), Lit(100))),
			As("v", Values(Field("gender"))), As("s", Sum(sal)), As("sd", StdDev(sal)), As("mn", Min(sal)),
			As("w", WeightedAvg(sal, Field("height"))))
	})
	addCase("stats/categorize", func() any {
		return From("logs").Stats(As("count", CountAll())).By(Categorize(Field("message")))
	})
	addCase("inline_stats/by", func() any {
		return emp.Keep("emp_no", "languages", "salary").InlineStats(As("max_salary", Max(Field("salary")))).By(Field("languages"))
	})
	addCase("inline_stats/no_by", func() any {
		return emp.Keep("emp_no", "languages", "salary").InlineStats(As("max_salary", Max(Field("salary"))))
	})

	// SORT, LIMIT, KEEP, DROP, RENAME, MV_EXPAND
	addCase("sort/simple", func() any { return emp.Sort("emp_no") })
	addCase("sort/desc_nulls", func() any { return emp.Sort("height DESC NULLS FIRST", "emp_no") })
	addCase("sort/expr", func() any {
		return emp.SortBy(Field("a").Desc(), Field("b").Asc().NullsLast(), Field("c").NullsFirst())
	})
	addCase("sort/quoted", func() any { return emp.Sort("first-name ASC") })
	addCase("limit", func() any { return emp.Limit(10) })
	addCase("keep/patterns", func() any { return emp.Keep("first_name", "last_name", "h*") })
	addCase("keep/quoted", func() any { return emp.Keep("first name", "a`b", "x-y") })
	addCase("drop", func() any { return emp.Drop("height", "height*") })
	addCase("rename", func() any { return emp.Rename("first_name", "fn", "last_name", "ln") })
	addCase("rename/quoted", func() any { return emp.Rename("first name", "fn") })
	addCase("mv_expand", func() any { return Row(As("a", List(1, 2, 3)), As("b", Str("b"))).MvExpand("a") })

	// text extraction
	rowA := Row(As("a", Str("2023-01-23T12:15:00.000Z - some text - 127.0.0.1")))
	addCase("dissect", func() any { return rowA.Dissect("a", "%{date} - %{msg} - %{ip}").Keep("date", "msg", "ip") })
	addCase("dissect/append_separator", func() any { return rowA.Dissect("a", "%{+a} %{+a}").AppendSeparator(",") })
	addCase("grok", func() any {
		return Row(As("a", Str("2023-01-23T12:15:00.000Z 127.0.0.1 some.email@foo.com 42"))).
			Grok("a", "%{TIMESTAMP_ISO8601:date} %{IP:ip} %{EMAILADDRESS:email} %{NUMBER:num:int}").
			Keep("date", "ip", "email", "num")
	})

	// ENRICH, LOOKUP JOIN
	rowOne := Row(As("a", Str("1")))
	addCase("enrich/plain", func() any { return rowOne.Enrich("languages_policy") })
	addCase("enrich/on_with", func() any { return rowOne.Enrich("languages_policy").On("a").With(Field("language_name")) })
	addCase("enrich/with_named", func() any {
		return rowOne.Enrich("languages_policy").On("a").With(As("name", "language_name"))
	})
	addCase("enrich/with_many", func() any { return rowOne.Enrich("languages_policy").With(Field("x"), Field("y")) })
	addCase("lookup_join", func() any {
		return From("firewall_logs").LookupJoin("threat_list", "source.IP").Where(RawExpr("threat_level IS NOT NULL"))
	})

	// CHANGE_POINT, COMPLETION, RERANK, SAMPLE
	addCase("change_point/on", func() any {
		return Row(As("key", List(1, 2, 3, 4, 5))).MvExpand("key").
			Eval(As("value", Case(Field("key").Lt(Lit(3)), Lit(0), Lit(42)))).ChangePoint("value").On("key").Where(RawExpr("type IS NOT NULL"))
	})
	addCase("change_point/as", func() any { return From("k8s").ChangePoint("count").On("@timestamp").As("t", "p") })
	addCase("change_point/plain", func() any { return From("k8s").ChangePoint("count") })
	addCase("completion/plain", func() any {
		return Row(As("question", Str("What is Elasticsearch?"))).
			Completion(Field("question"), "test_completion_model").Keep("question", "completion")
	})
	addCase("completion/named", func() any {
		return Row(As("question", Str("What is Elasticsearch?"))).Completion(As("answer", "question"), "test_completion_model")
	})
	addCase("rerank/plain", func() any {
		return From("books").Metadata("_score").Where(RawExpr(`MATCH(description, "hobbit")`)).Sort("_score DESC").Limit(100).
			Rerank(Str("hobbit"), "test_reranker", "description").Limit(3)
	})
	addCase("rerank/named", func() any {
		return From("books").Rerank(As("rerank_score", Str("hobbit")), "r", "title", "description")
	})
	addCase("sample", func() any { return emp.Sample(0.1) })

	// FORK, FUSE
	addCase("fork/two", func() any {
		return emp.Fork(Branch().Where(RawExpr("emp_no == 10001")), Branch().Where(RawExpr("emp_no == 10002"))).
			Keep("emp_no", "_fork").Sort("emp_no")
	})
	addCase("fork/multi_command_branches", func() any {
		return emp.Fork(
			Branch().Where(Field("a").Gt(Lit(1))).Sort("a").Limit(5),
			Branch().Stats(As("c", Count(RawExpr("*")))).By(Field("g")),
			Branch().Eval(As("x", 1)),
		)
	})
	books := From("books").Metadata("_id", "_index", "_score").Fork(
		Branch().Where(RawExpr(`title:"Shakespeare"`)).Sort("_score DESC"),
		Branch().Where(RawExpr(`semantic_title:"Shakespeare"`)).Sort("_score DESC"),
	)
	addCase("fuse/default", func() any { return books.Fuse("") })
	addCase("fuse/linear", func() any { return books.Fuse("linear") })
	addCase("fuse/by", func() any { return books.Fuse("linear").By("title", "description") })
	addCase("fuse/with", func() any { return books.Fuse("linear").With(As("normalizer", Str("minmax"))) })
	addCase("fuse/with_order", func() any {
		return books.Fuse("linear").With(As("weights", Object{As("fork2", 0.3), As("fork1", 0.7)}.Expr()), As("normalizer", Str("minmax")))
	})

	// SET, MMR, METRICS_INFO, TS_INFO, REGISTERED_DOMAIN, URI_PARTS, USER_AGENT
	addCase("set/bool", func() any {
		return From("many_numbers").Stats(As("sum", RawExpr("SUM(sv)"))).Set(As("approximation", true))
	})
	addCase("set/object", func() any {
		return From("many_numbers").Stats(As("median", RawExpr("MEDIAN(sv)"))).Set(As("approximation", Literal(map[string]int{"rows": 10000})))
	})
	addCase("set/twice", func() any { return From("x").Set(As("a", 1)).Limit(1).Set(As("b", Str("two"))) })
	addCase("mmr/vector", func() any {
		return From("vectors").MMR("embedding").QueryVector(List(0.5, 0.25, 1.0)).MMRLimit(3).Lambda(0.2)
	})
	addCase("mmr/plain", func() any { return From("vectors").MMR("embedding") })
	addCase("mmr/function", func() any {
		return From("vectors").MMR("embedding").QueryVector(TextEmbedding(Str("be excellent"), Str("my_inference"))).MMRLimit(2)
	})
	addCase("metrics_info", func() any { return TS("metrics").MetricsInfo() })
	addCase("ts_info", func() any { return TS("metrics").TSInfo() })
	addCase("registered_domain", func() any {
		return Row(As("fqdn", Str("www.example.co.uk"))).RegisteredDomain("parts", Field("fqdn"))
	})
	addCase("uri_parts", func() any {
		return Row(As("uri", Str("https://example.com/a?b=1"))).URIParts("u", Field("uri")).Keep("u.*")
	})
	addCase("user_agent/plain", func() any { return Row(As("ua", Str("Mozilla/5.0"))).UserAgent("ua", Field("ua")) })
	addCase("user_agent/with", func() any {
		return Row(As("ua", Str("Mozilla/5.0"))).UserAgent("ua", Field("ua")).
			With(As("extract_device_type", true), As("properties", List("name", "version")))
	})
	addCase("user_agent/with_order", func() any {
		return Row(As("ua", Str("Mozilla/5.0"))).UserAgent("ua", Field("ua")).
			With(As("properties", List("name", "version")), As("extract_device_type", true))
	})

	// more functions
	x, y := Field("x"), Field("y")
	addCase("functions/time_series", func() any {
		return TS("metrics").Stats(
			As("a", AvgOverTime(Field("cpu"))), As("mx", MaxOverTime(Field("cpu"), Str("5m"))),
			As("d", Delta(Field("g"), Str("1h"))), As("i", Increase(Field("c"), Str("1h"))), As("l", LastOverTime(Field("cpu"))),
			As("p", PercentileOverTime(Field("cpu"), 95)), As("e", Earliest(Field("cpu"))), As("la", Latest(Field("cpu"))),
			As("ab", AbsentOverTime(Field("cpu"))), As("pr", PresentOverTime(Field("cpu"), Str("1m"))),
		).By(TBucket(Str("1 hour"), Str("2024-01-01T00:00:00Z"), Str("2024-01-02T00:00:00Z")))
	})
	addCase("functions/math", func() any {
		return Row(As("x", 0.5), As("y", 2)).Eval(
			As("a", Abs(x)), As("b", Acos(x)), As("c", Asin(x)), As("d", Atan(x)), As("e", Atan2(y, x)), As("g", Cbrt(y)),
			As("h", Cos(x)), As("i", Cosh(x)), As("j", Exp(x)), As("k", Floor(x)), As("m", Log10(y)), As("n", Signum(x)),
			As("o", Sin(x)), As("p", Sinh(x)), As("q", Tan(x)), As("r", Tanh(x)), As("s", Acosh(y)), As("t", Asinh(x)),
			As("u", Atanh(x)), As("v", CopySign(x, -1)), As("w", Scalb(x, 3)), As("z", Hypot(x, y)),
			As("cl", Clamp(x, 0, 1)), As("cmin", ClampMin(x, 1)), As("cmax", ClampMax(x, 0)), As("rt", RoundTo(x, List(0, 1))),
		)
	})
	addCase("functions/strings", func() any {
		s := Field("s")
		return Row(As("s", Str(" Hello "))).Eval(
			As("a", LTrim(s)), As("b", RTrim(s)), As("c", Reverse(s)), As("d", BitLength(s)), As("e", ByteLength(s)),
			As("g", Contains(s, Str("ell"))), As("h", EndsWith(s, Str("o "))), As("i", Space(3)), As("j", FromBase64(Str("SGk="))),
			As("k", SHA1(s)), As("m", SHA256(s)), As("n", URLEncode(s)), As("o", URLDecode(Str("a%20b"))),
			As("p", URLEncodeComponent(s)), As("q", JSONExtract(Str(`{"a": 1}`), Str("a"))),
		)
	})
	addCase("functions/multivalue", func() any {
		a, b := Field("a"), Field("b")
		return Row(As("a", List(1, 2, 2)), As("b", List(2, 3))).Eval(
			As("ap", MvAppend(a, b)), As("av", MvAvg(a)), As("co", MvContains(a, b)), As("fi", MvFirst(a)),
			As("la", MvLast(a)), As("mi", MvMin(a)), As("me", MvMedian(a)), As("mad", MvMedianAbsoluteDeviation(a)),
			As("pc", MvPercentile(a, 50)), As("ps", MvPSeriesWeightedSum(a, 1.5)), As("su", MvSum(a)),
			As("it", MvIntersection(a, b)), As("its", MvIntersects(a, b)), As("df", MvDifference(a, b)),
			As("un", MvUnion(a, b)),
		)
	})
	addCase("functions/conversions", func() any {
		v := Field("v")
		return Row(As("v", Str("1"))).Eval(
			As("a", ToLong(v)), As("b", ToLong(v, Lit(8))), As("c", ToUnsignedLong(v)), As("d", ToVersion(v)),
			As("e", ToDateNanos(v)), As("g", ToRadians(v)), As("h", ToDegrees(v)), As("i", ToCartesianPoint(v)),
			As("j", ToCartesianShape(v)), As("k", ToGeoShape(v)), As("m", ToDatePeriod(Str("1 day"))), As("n", ToTimeDuration(Str("1 hour"))),
			As("o", ToIP(v, Literal(map[string]string{"leading_zeros": "octal"}))), As("p", ToGeohash(v)), As("q", ToGeotile(v)), As("r", ToGeohex(v)),
		)
	})
	addCase("functions/spatial", func() any {
		a, b, shape, loc := Field("a"), Field("b"), Field("shape"), Field("location")
		return From("airports").Eval(
			As("a", StContains(Field("city_boundary"), loc)), As("b", StDisjoint(a, b)), As("c", StIntersects(a, b)),
			As("d", StWithin(a, b)), As("e", StEnvelope(shape)), As("g", StXMax(shape)), As("h", StXMin(shape)),
			As("i", StYMax(shape)), As("j", StYMin(shape)), As("k", StY(loc)), As("m", StNPoints(shape)),
			As("n", StGeohash(loc, 5)), As("o", StGeotile(loc, 4, Field("bounds"))), As("p", StGeohex(loc, 3)),
			As("q", StBuffer(loc, 10)), As("r", StSimplify(shape, 0.1)), As("s", StDimension(shape)),
			As("t", StGeometryType(shape)), As("u", StIsEmpty(shape)), As("v", StGeohashToString(Field("cell"))),
		).Stats(As("centroid", StCentroidAgg(loc)), As("extent", StExtentAgg(shape)))
	})
	addCase("functions/vectors", func() any {
		v, w := Field("v"), Field("w")
		return From("vectors").Eval(
			As("c", VCosine(v, List(1.0, 2.0))), As("d", VDotProduct(v, w)), As("h", VHamming(v, w)),
			As("l1", VL1Norm(v, w)), As("l2", VL2Norm(v, w)), As("m", VMagnitude(v)), As("dv", ToDenseVector(Field("s"))),
		)
	})
	addCase("functions/search", func() any {
		title := Field("title")
		return From("books").Metadata("_score").
			Where(Or(MatchPhrase(title, Str("the old man"), Literal(map[string]int{"slop": 1})), MatchPhrase(title, Str("sea")))).
			Eval(As("sc", Score(Match(title, Str("sea")))), As("dec", Decay(Field("price"), 10, 5, Literal(map[string]string{"type": "linear"}))),
				As("sn", TopSnippets(Field("body"), Str("sea"), Literal(map[string]int{"num_snippets": 2}))), As("ch", Chunk(Field("body"))))
	})
	addCase("functions/aggregates_more", func() any {
		sal, hired := Field("salary"), Field("hire_date")
		return From("employees").Stats(
			As("a", Absent(Field("x"))), As("p", Present(Field("x"))), As("f1", First(sal, hired)), As("l1", Last(sal, hired)),
			As("s", Sample(Field("name"), 3)), As("var", Variance(sal)), As("mad", MedianAbsoluteDeviation(sal)),
			As("af", AllFirst(sal, hired)), As("al", AllLast(sal, hired)),
		)
	})
	addCase("functions/dates_ip", func() any {
		return From("logs").Eval(
			As("p", DateParse(Str("yyyy-MM-dd"), Field("s"))), As("dn", DayName(Field("@timestamp"))), As("mn", MonthName(Field("@timestamp"))),
			As("ip", IPPrefix(Field("ip"), 24, 112)), As("nd", NetworkDirection(Field("src"), Field("dst"), List("private"))),
		).Where(TRange(Str("2024-01-01T00:00:00Z"), Str("2024-01-02T00:00:00Z")))
	})

	// a Go string is a column; literals are typed
	addCase("values/column_strings", func() any {
		return From("sales").
			Eval(As("c", Concat(Field("first_name"), Str(" "), Field("last_name"))), As("r", Round("x", Lit(2))), As("s", StartsWith("product", Str("Pro")))).
			Stats(As("a", Avg("price")), As("n", Count("order id"))).By(Field("region"))
	})
	addCase("values/duration", func() any {
		return From("logs").
			Eval(As("h", DateTrunc(Duration(time.Hour), "@timestamp")), As("later", Field("@timestamp").Add(Duration(90*time.Minute)))).
			Stats(As("n", CountAll())).By(DateTrunc(Duration(1500*time.Millisecond), "@timestamp"))
	})
	addCase("values/literals", func() any {
		return Row(As("s", Str("x")), As("l", List(1.5, 2.0)), As("b", true), As("n", Null()), As("i", -7), As("m", List("a", "b")))
	})

	// a longer pipeline
	addCase("pipeline/long", func() any {
		return From("logs-*").
			Where(And(Field("@timestamp").Ge(Str("2024-01-01")), Field("status").Ge(Lit(500)))).
			Eval(As("duration_s", Field("duration_ms").Div(Lit(1000)))).
			Stats(As("errors", Count(RawExpr("*"))), As("p99", Percentile(Field("duration_s"), 99))).By(Field("service.name"), Field("host")).
			Sort("errors DESC").
			Limit(20)
	})
}

// TestDifferentialAgainstPython runs testdata/cases.py with the DSL's
// runner (internal/pydiff): each case's value is the query string.
func TestDifferentialAgainstPython(t *testing.T) {
	var cases pydiff.Cases
	for name, build := range diffCases {
		cases.Add(name, func() (any, error) {
			b, ok := build().(Builder)
			if !ok {
				return nil, fmt.Errorf("case %q does not build a statement", name)
			}
			got, params, err := b.statement().Build()
			if err == nil && len(params) != 0 {
				err = fmt.Errorf("unexpected params %v", params)
			}
			return got, err
		})
	}
	if n := cases.Run(t, "testdata/cases.py"); n < 60 {
		t.Errorf("only %d differential cases; want at least 60", n)
	}
}
