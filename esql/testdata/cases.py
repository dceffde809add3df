"""Prints {case name: ES|QL query} for queries built with the Python
client's ES|QL builder (pip install elasticsearch==9.5.1). The Go test
TestDifferentialAgainstPython builds the same cases with package esql and
compares the strings."""

import json

from elasticsearch.esql import ESQL, E, and_, functions as f, not_, or_

cases = {}


def case(name, query):
    if name in cases:
        raise SystemExit(f"duplicate case {name}")
    cases[name] = str(query)


# source commands
case("from/one", ESQL.from_("employees"))
case("from/many", ESQL.from_("employees-00001", "other-employees-*"))
case("from/remote", ESQL.from_("cluster_one:employees-00001", "cluster_two:other-employees-*"))
case("from/date_math", ESQL.from_("<logs-{now/d}>"))
case("from/metadata", ESQL.from_("employees").metadata("_id"))
case("from/metadata_many", ESQL.from_("books").metadata("_id", "_index", "_score"))
case("ts/stats", ESQL.ts("metrics").where("@timestamp >= now() - 1 day")
     .stats("SUM(AVG_OVER_TIME(memory_usage))").by("host", "TBUCKET(1 hour)"))
case("ts/metadata", ESQL.ts("metrics").metadata("_tsid"))
case("row/literals", ESQL.row(a=1, b="two", c=None))
case("row/list", ESQL.row(a=[1, 2]))
case("row/function", ESQL.row(a=f.round(1.23, 0)))
case("row/floats", ESQL.row(x=1.5, y=2.0, z=1e20, w=0.00001, v=123456789.125, u=-0.5))
case("row/unicode", ESQL.row(s='h\u00e9llo "q"\n\t\u2713 \U0001F600 back\\slash <&>'))
case("row/bool", ESQL.row(t=True, f=False))
case("row/quoted_names", ESQL.row(**{"first name": 1, "a`b": 2, "@ok.name_1": 3, "9lives": 4}))
case("row/nested", ESQL.row(a=[[1, 2], ["x", None]], b={"k": [1.5, True]}))
case("show/info", ESQL.show("INFO"))

# WHERE and expressions
emp = ESQL.from_("employees")
case("where/string", emp.where("still_hired == true"))
case("where/gt", emp.where(E("age") > 30))
case("where/eq_string", emp.where(E("first_name") == "Georgi"))
case("where/ne_le_ge", emp.where(and_(E("a") != 1, E("b") <= 2.5, E("c") >= -3)))
case("where/or_not", emp.where(or_(E("a") == "x", not_(E("b").is_null()))))
case("where/is_not_null", emp.where(E("gender").is_not_null()))
case("where/like", emp.where(E("first_name").like("Geor*")))
case("where/like_many", emp.where(E("first_name").like("Geor*", "?lice")))
case("where/rlike", emp.where(E("first_name").rlike(".*eorg.*")))
case("where/rlike_many", emp.where(E("first_name").rlike("a.*", "b.*")))
case("where/match_operator", ESQL.from_("books").where(E("title").match("Shakespeare")))
case("where/in_numbers", emp.where(E("emp_no").in_(10001, 10002, 10003)))
case("where/in_exprs", emp.where(E("x").in_(E("a"), E("b"))))
case("where/function", emp.where(f.starts_with(E("last_name"), "H")))
case("where/match_function", ESQL.from_("books").where(f.match(E("author"), "Faulkner", {"fuzziness": 1, "operator": "AND"})))
case("where/multi_match", ESQL.from_("books").where(f.multi_match("Faulkner", E("author"), E("description"))))
case("where/multi_match_options", ESQL.from_("books").where(f.multi_match("Faulkner", E("author"), E("description"), options={"fuzziness": 1})))
case("where/qstr", ESQL.from_("books").where(f.qstr("author: Faulkner")))
case("where/kql", ESQL.from_("books").where(f.kql("author: Faulkner", {"case_insensitive": True})))
case("where/knn", ESQL.from_("colors").where(f.knn(E("rgb_vector"), [0, 120, 0], {"k": 10})))
case("where/cidr", ESQL.from_("hosts").where(f.cidr_match(E("ip1"), "127.0.0.2/32")))
case("where/term", ESQL.from_("books").where(f.term(E("author"), "faulkner")))

# EVAL
case("eval/named", emp.sort("emp_no").keep("first_name", "last_name", "height")
     .eval(height_feet="height * 3.281", height_cm="height * 100"))
case("eval/positional", emp.eval("height * 3.281").stats(avg_height_feet=f.avg(E("`height * 3.281`"))))
case("eval/arithmetic", emp.eval(x=E("a") + 1, y=E("b") * 2.5, z=E("c") - E("d"), w=E("e") / 2, m=E("f") % 3))
case("eval/negate", emp.eval(n=-E("a")))
case("eval/strings", emp.eval(u=f.to_upper(E("name")), l=f.length(E("name")), t=f.trim(E("name"))))
case("eval/case", emp.eval(type=f.case(E("x") > 1, "big", E("x") == 1, "one", "small")))
case("eval/concat", emp.eval(full=f.concat(E("first_name"), " ", E("last_name"))))
case("eval/dates", ESQL.from_("logs").eval(
    hour=f.date_trunc("1 hour", E("@timestamp")),
    year=f.date_extract("year", E("@timestamp")),
    text=f.date_format(E("@timestamp"), "yyyy-MM-dd"),
    days=f.date_diff("day", E("start"), f.now()),
))
case("eval/math", ESQL.row(a=2).eval(
    p=f.pow(E("a"), 3), r=f.round(E("a")), r2=f.round(E("a"), 2), s=f.sqrt(E("a")),
    l=f.log(10, E("a")), c=f.ceil(E("a")), k=f.e(), q=f.pi(), t=f.tau(),
))
case("eval/string_literal_argument", emp.eval(x=f.to_lower("ABC")))
case("eval/conversions", emp.eval(
    a=f.to_integer(E("s")), b=f.to_integer(E("s"), 16), c=f.to_double(E("s")),
    d=f.to_ip(E("s")), e=f.to_datetime(E("s")), g=f.to_string(E("n")), h=f.to_boolean("true"),
))
case("eval/multivalue", ESQL.row(a=[3, 1, 2]).eval(
    c=f.mv_count(E("a")), s=f.mv_sort(E("a"), "DESC"), m=f.mv_max(E("a")),
    j=f.mv_concat(f.to_string(E("a")), ", "), sl=f.mv_slice(E("a"), 0, 1),
    d=f.mv_dedupe(E("a")), z=f.mv_zip(E("a"), E("a"), "-"),
))
case("eval/coalesce_greatest", emp.eval(c=f.coalesce(E("a"), E("b")), g=f.greatest(E("a"), E("b")), l=f.least(E("a"), 5)))
case("eval/spatial", ESQL.row(p="POINT(1 2)").eval(
    g=f.to_geopoint(E("p")), d=f.st_distance(f.to_geopoint(E("p")), f.to_geopoint("POINT(0 0)")),
    x=f.st_x(f.to_geopoint(E("p"))),
))
case("eval/hash", ESQL.row(s="hello").eval(h=f.hash("sha256", E("s")), m=f.md5(E("s")), b=f.to_base64(E("s"))))
case("eval/substring_locate", ESQL.row(s="hello").eval(
    a=f.substring(E("s"), 1, 3), b=f.substring(E("s"), 2), c=f.locate(E("s"), "l", 1), d=f.replace(E("s"), "l+", "L"),
    e=f.split(E("s"), "e"), g=f.left(E("s"), 2), h=f.right(E("s"), 2), i=f.repeat(E("s"), 2),
))

# STATS / INLINE STATS
case("stats/positional", emp.stats("AVG(salary)"))
case("stats/named_by", emp.stats(avg_lang=f.avg(E("languages")), max_lang=f.max(E("languages"))).by("gender"))
case("stats/literal_argument", emp.stats(x=f.avg("salary")))
case("stats/filtered", emp.stats(
    avg50s=f.avg(E("salary")).where('birth_date < "1960-01-01"'),
    avg60s=f.avg(E("salary")).where('birth_date >= "1960-01-01"'),
).by("gender"))
case("stats/filtered_many", emp.stats(mid=f.round(f.avg(E("salary"))).where(E("salary") >= 50000, E("salary") < 60000)))
case("stats/count_star", emp.stats(count=f.count(E("*"))))
case("stats/by_only", emp.stats().by("languages"))
case("stats/bucket", emp.where("hire_date >= \"1985-01-01T00:00:00Z\"").stats(
    hires=f.count(E("*"))).by(f.bucket(E("hire_date"), 20, "1985-01-01T00:00:00Z", "1986-01-01T00:00:00Z")))
case("stats/aggs", emp.stats(
    p=f.percentile(E("salary"), 95), m=f.median(E("salary")), d=f.count_distinct(E("gender"), 100),
    v=f.values(E("gender")), s=f.sum(E("salary")), sd=f.std_dev(E("salary")),
    mn=f.min(E("salary")), w=f.weighted_avg(E("salary"), E("height")),
))
case("stats/categorize", ESQL.from_("logs").stats(count=f.count(E("*"))).by(f.categorize(E("message"))))
case("inline_stats/by", emp.keep("emp_no", "languages", "salary")
     .inline_stats(max_salary=f.max(E("salary"))).by("languages"))
case("inline_stats/no_by", emp.keep("emp_no", "languages", "salary").inline_stats(max_salary=f.max(E("salary"))))

# SORT, LIMIT, KEEP, DROP, RENAME, MV_EXPAND
case("sort/simple", emp.sort("emp_no"))
case("sort/desc_nulls", emp.sort("height DESC NULLS FIRST", "emp_no"))
case("sort/expr", emp.sort(E("a").desc(), E("b").asc().nulls_last(), E("c").nulls_first()))
case("sort/quoted", emp.sort("first-name ASC"))
case("limit", emp.limit(10))
case("keep/patterns", emp.keep("first_name", "last_name", "h*"))
case("keep/quoted", emp.keep("first name", "a`b", "x-y"))
case("drop", emp.drop("height", "height*"))
case("rename", emp.rename(first_name="fn", last_name="ln"))
case("rename/quoted", emp.rename(**{"first name": "fn"}))
case("mv_expand", ESQL.row(a=[1, 2, 3], b="b").mv_expand("a"))

# text extraction
row_a = ESQL.row(a="2023-01-23T12:15:00.000Z - some text - 127.0.0.1")
case("dissect", row_a.dissect("a", "%{date} - %{msg} - %{ip}").keep("date", "msg", "ip"))
case("dissect/append_separator", row_a.dissect("a", "%{+a} %{+a}").append_separator(","))
case("grok", ESQL.row(a="2023-01-23T12:15:00.000Z 127.0.0.1 some.email@foo.com 42")
     .grok("a", "%{TIMESTAMP_ISO8601:date} %{IP:ip} %{EMAILADDRESS:email} %{NUMBER:num:int}")
     .keep("date", "ip", "email", "num"))

# ENRICH, LOOKUP JOIN
case("enrich/plain", ESQL.row(a="1").enrich("languages_policy"))
case("enrich/on_with", ESQL.row(a="1").enrich("languages_policy").on("a").with_("language_name"))
case("enrich/with_named", ESQL.row(a="1").enrich("languages_policy").on("a").with_(name="language_name"))
case("enrich/with_many", ESQL.row(a="1").enrich("languages_policy").with_("x", "y"))
case("lookup_join", ESQL.from_("firewall_logs").lookup_join("threat_list").on("source.IP")
     .where("threat_level IS NOT NULL"))

# CHANGE_POINT, COMPLETION, RERANK, SAMPLE
case("change_point/on", ESQL.row(key=list(range(1, 6))).mv_expand("key")
     .eval(value=f.case(E("key") < 3, 0, 42)).change_point("value").on("key").where("type IS NOT NULL"))
case("change_point/as", ESQL.from_("k8s").change_point("count").on("@timestamp").as_("t", "p"))
case("change_point/plain", ESQL.from_("k8s").change_point("count"))
case("completion/plain", ESQL.row(question="What is Elasticsearch?")
     .completion("question").with_("test_completion_model").keep("question", "completion"))
case("completion/named", ESQL.row(question="What is Elasticsearch?")
     .completion(answer="question").with_("test_completion_model"))
case("rerank/plain", ESQL.from_("books").metadata("_score").where('MATCH(description, "hobbit")')
     .sort("_score DESC").limit(100).rerank("hobbit").on("description").with_("test_reranker").limit(3))
case("rerank/named", ESQL.from_("books").rerank(rerank_score="hobbit").on("title", "description").with_("r"))
case("sample", emp.sample(0.1))

# FORK, FUSE
case("fork/two", emp.fork(ESQL.branch().where("emp_no == 10001"), ESQL.branch().where("emp_no == 10002"))
     .keep("emp_no", "_fork").sort("emp_no"))
case("fork/multi_command_branches", emp.fork(
    ESQL.branch().where(E("a") > 1).sort("a").limit(5),
    ESQL.branch().stats(c=f.count(E("*"))).by("g"),
    ESQL.branch().eval(x=1),
))
books = ESQL.from_("books").metadata("_id", "_index", "_score").fork(
    ESQL.branch().where('title:"Shakespeare"').sort("_score DESC"),
    ESQL.branch().where('semantic_title:"Shakespeare"').sort("_score DESC"),
)
case("fuse/default", books.fuse())
case("fuse/linear", books.fuse("linear"))
case("fuse/by", books.fuse("linear").by("title", "description"))
case("fuse/with", books.fuse("linear").with_(normalizer="minmax"))
case("fuse/with_order", books.fuse("linear").with_(weights={"fork2": 0.3, "fork1": 0.7}, normalizer="minmax"))

# SET, MMR, METRICS_INFO, TS_INFO, REGISTERED_DOMAIN, URI_PARTS, USER_AGENT
case("set/bool", ESQL.from_("many_numbers").stats(sum="SUM(sv)").set(approximation=True))
case("set/object", ESQL.from_("many_numbers").stats(median="MEDIAN(sv)").set(approximation={"rows": 10000}))
case("set/twice", ESQL.from_("x").set(a=1).limit(1).set(b="two"))
case("mmr/vector", ESQL.from_("vectors").mmr("embedding", [0.5, 0.25, 1.0]).mmr_limit(3).with_(lambda_=0.2))
case("mmr/plain", ESQL.from_("vectors").mmr("embedding"))
case("mmr/function", ESQL.from_("vectors").mmr("embedding", f.text_embedding("be excellent", "my_inference")).mmr_limit(2))
case("metrics_info", ESQL.ts("metrics").metrics_info())
case("ts_info", ESQL.ts("metrics").ts_info())
case("registered_domain", ESQL.row(fqdn="www.example.co.uk").registered_domain(parts="fqdn"))
case("uri_parts", ESQL.row(uri="https://example.com/a?b=1").uri_parts(u="uri").keep("u.*"))
case("user_agent/plain", ESQL.row(ua="Mozilla/5.0").user_agent(ua="ua"))
case("user_agent/with", ESQL.row(ua="Mozilla/5.0").user_agent(ua="ua").with_(extract_device_type=True, properties=["name", "version"]))
case("user_agent/with_order", ESQL.row(ua="Mozilla/5.0").user_agent(ua="ua").with_(properties=["name", "version"], extract_device_type=True))

# more functions
x, y = E("x"), E("y")
case("functions/time_series", ESQL.ts("metrics").stats(
    a=f.avg_over_time(E("cpu")), mx=f.max_over_time(E("cpu"), "5m"),
    d=f.delta(E("g"), "1h"), i=f.increase(E("c"), "1h"), l=f.last_over_time(E("cpu")),
    p=f.percentile_over_time(E("cpu"), 95), e=f.earliest(E("cpu")), la=f.latest(E("cpu")),
    ab=f.absent_over_time(E("cpu")), pr=f.present_over_time(E("cpu"), "1m"),
).by(f.tbucket("1 hour", "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z")))
case("functions/math", ESQL.row(x=0.5, y=2).eval(
    a=f.abs(x), b=f.acos(x), c=f.asin(x), d=f.atan(x), e=f.atan2(y, x), g=f.cbrt(y), h=f.cos(x), i=f.cosh(x),
    j=f.exp(x), k=f.floor(x), m=f.log10(y), n=f.signum(x), o=f.sin(x), p=f.sinh(x), q=f.tan(x), r=f.tanh(x),
    s=f.acosh(y), t=f.asinh(x), u=f.atanh(x), v=f.copy_sign(x, -1), w=f.scalb(x, 3), z=f.hypot(x, y),
    cl=f.clamp(x, 0, 1), cmin=f.clamp_min(x, 1), cmax=f.clamp_max(x, 0), rt=f.round_to(x, [0, 1]),
))
case("functions/strings", ESQL.row(s=" Hello ").eval(
    a=f.ltrim(E("s")), b=f.rtrim(E("s")), c=f.reverse(E("s")), d=f.bit_length(E("s")), e=f.byte_length(E("s")),
    g=f.contains(E("s"), "ell"), h=f.ends_with(E("s"), "o "), i=f.space(3), j=f.from_base64("SGk="),
    k=f.sha1(E("s")), m=f.sha256(E("s")), n=f.url_encode(E("s")), o=f.url_decode("a%20b"),
    p=f.url_encode_component(E("s")), q=f.json_extract('{"a": 1}', "a"),
))
case("functions/multivalue", ESQL.row(a=[1, 2, 2], b=[2, 3]).eval(
    ap=f.mv_append(E("a"), E("b")), av=f.mv_avg(E("a")), co=f.mv_contains(E("a"), E("b")), fi=f.mv_first(E("a")),
    la=f.mv_last(E("a")), mi=f.mv_min(E("a")), me=f.mv_median(E("a")), mad=f.mv_median_absolute_deviation(E("a")),
    pc=f.mv_percentile(E("a"), 50), ps=f.mv_pseries_weighted_sum(E("a"), 1.5), su=f.mv_sum(E("a")),
    it=f.mv_intersection(E("a"), E("b")), its=f.mv_intersects(E("a"), E("b")), df=f.mv_difference(E("a"), E("b")),
    un=f.mv_union(E("a"), E("b")),
))
case("functions/conversions", ESQL.row(v="1").eval(
    a=f.to_long(E("v")), b=f.to_long(E("v"), 8), c=f.to_unsigned_long(E("v")), d=f.to_version(E("v")),
    e=f.to_date_nanos(E("v")), g=f.to_radians(E("v")), h=f.to_degrees(E("v")), i=f.to_cartesianpoint(E("v")),
    j=f.to_cartesianshape(E("v")), k=f.to_geoshape(E("v")), m=f.to_dateperiod("1 day"), n=f.to_timeduration("1 hour"),
    o=f.to_ip(E("v"), {"leading_zeros": "octal"}), p=f.to_geohash(E("v")), q=f.to_geotile(E("v")), r=f.to_geohex(E("v")),
))
case("functions/spatial", ESQL.from_("airports").eval(
    a=f.st_contains(E("city_boundary"), E("location")), b=f.st_disjoint(E("a"), E("b")), c=f.st_intersects(E("a"), E("b")),
    d=f.st_within(E("a"), E("b")), e=f.st_envelope(E("shape")), g=f.st_xmax(E("shape")), h=f.st_xmin(E("shape")),
    i=f.st_ymax(E("shape")), j=f.st_ymin(E("shape")), k=f.st_y(E("location")), m=f.st_npoints(E("shape")),
    n=f.st_geohash(E("location"), 5), o=f.st_geotile(E("location"), 4, E("bounds")), p=f.st_geohex(E("location"), 3),
    q=f.st_buffer(E("location"), 10), r=f.st_simplify(E("shape"), 0.1), s=f.st_dimension(E("shape")),
    t=f.st_geometrytype(E("shape")), u=f.st_isempty(E("shape")), v=f.st_geohash_to_string(E("cell")),
).stats(centroid=f.st_centroid_agg(E("location")), extent=f.st_extent_agg(E("shape"))))
case("functions/vectors", ESQL.from_("vectors").eval(
    c=f.v_cosine(E("v"), [1.0, 2.0]), d=f.v_dot_product(E("v"), E("w")), h=f.v_hamming(E("v"), E("w")),
    l1=f.v_l1_norm(E("v"), E("w")), l2=f.v_l2_norm(E("v"), E("w")), m=f.v_magnitude(E("v")),
    dv=f.to_dense_vector(E("s")),
))
case("functions/search", ESQL.from_("books").metadata("_score").where(or_(
    f.match_phrase(E("title"), "the old man", {"slop": 1}), f.match_phrase(E("title"), "sea"))).eval(
    sc=f.score(f.match(E("title"), "sea")), dec=f.decay(E("price"), 10, 5, {"type": "linear"}),
    sn=f.top_snippets(E("body"), "sea", {"num_snippets": 2}), ch=f.chunk(E("body")),
))
case("functions/aggregates_more", ESQL.from_("employees").stats(
    a=f.absent(E("x")), p=f.present(E("x")), f1=f.first(E("salary"), E("hire_date")), l1=f.last(E("salary"), E("hire_date")),
    s=f.sample(E("name"), 3), var=f.variance(E("salary")), mad=f.median_absolute_deviation(E("salary")),
    af=f.all_first(E("salary"), E("hire_date")), al=f.all_last(E("salary"), E("hire_date")),
))
case("functions/dates_ip", ESQL.from_("logs").eval(
    p=f.date_parse("yyyy-MM-dd", E("s")), dn=f.day_name(E("@timestamp")), mn=f.month_name(E("@timestamp")),
    ip=f.ip_prefix(E("ip"), 24, 112), nd=f.network_direction(E("src"), E("dst"), ["private"]),
).where(f.trange("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z")))

# a Go string is a column; literals are typed
case("values/column_strings", ESQL.from_("sales")
     .eval(c=f.concat(E("first_name"), " ", E("last_name")), r=f.round(E("x"), 2), s=f.starts_with(E("product"), "Pro"))
     .stats(a=f.avg(E("price")), n=f.count(E("`order id`"))).by("region"))
case("values/duration", ESQL.from_("logs")
     .eval(h=f.date_trunc(E("1 hour"), E("@timestamp")), later=E("@timestamp") + E("90 minutes"))
     .stats(n=f.count(E("*"))).by(f.date_trunc(E("1500 milliseconds"), E("@timestamp"))))
case("values/literals", ESQL.row(s="x", l=[1.5, 2.0], b=True, n=None, i=-7, m=["a", "b"]))

# a longer pipeline
case("pipeline/long", ESQL.from_("logs-*")
     .where(and_(E("@timestamp") >= "2024-01-01", E("status") >= 500))
     .eval(duration_s=E("duration_ms") / 1000)
     .stats(errors=f.count(E("*")), p99=f.percentile(E("duration_s"), 99)).by("service.name", "host")
     .sort("errors DESC")
     .limit(20))

print(json.dumps(cases, indent=1, sort_keys=True))
