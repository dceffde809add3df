"""Differential test cases: prints {case name: request JSON} built with
Python's elasticsearch.dsl. dsl/diff_test.go builds the same cases with esgo
and compares the JSON. Run: python3 cases.py"""
import json
import sys

from elasticsearch.dsl import Q, A, Search, query as query_mod
from elasticsearch.dsl.function import SF

from diffcases import CASES, case, main  # noqa: F401 (shared prelude, internal/pydiff)



def q(name, value):
    CASES[name] = lambda: value.to_dict()


# ---- full text
q("q/match", Q("match", title="python"))
q("q/match_opts", Q("match", title={"query": "python web", "operator": "and", "fuzziness": "AUTO"}))
q("q/function_score_opts", Q("function_score", query=Q("match", title="x"), functions=[SF("field_value_factor", field="likes", factor=1.2, modifier="sqrt", missing=1)], max_boost=42, score_mode="sum", boost_mode="multiply", min_score=0.5))
q("q/has_child_opts", Q("has_child", type="answer", query=Q("match", body="x"), min_children=2, max_children=10, score_mode="max", ignore_unmapped=True))
q("q/knn_opts", Q("knn", field="vec", query_vector=[1.0, 2.0], k=5, num_candidates=50, similarity=0.3, boost=2))
q("q/mlt_opts", Q("more_like_this", fields=["title", "body"], like="once upon a time", min_term_freq=1, max_query_terms=12, min_doc_freq=2, stop_words=["a", "the"]))
q("q/nested_opts", Q("nested", path="comments", query=Q("match", **{"comments.text": "x"}), score_mode="avg", inner_hits={"size": 2}, ignore_unmapped=True))
q("q/query_string_opts", Q("query_string", query="a AND b", default_field="body", allow_leading_wildcard=False, analyze_wildcard=True, phrase_slop=2, quote_field_suffix=".exact"))
q("q/match_dunder", Q("match", author__name="joe"))
q("q/match_phrase", Q("match_phrase", body="quick brown fox"))
q("q/match_phrase_slop", Q("match_phrase", body={"query": "quick fox", "slop": 2}))
q("q/match_phrase_prefix", Q("match_phrase_prefix", title={"query": "quick br", "max_expansions": 10}))
q("q/match_bool_prefix", Q("match_bool_prefix", message="quick brown f"))
q("q/multi_match", Q("multi_match", query="this is a test", fields=["subject", "message"]))
q("q/multi_match_opts", Q("multi_match", query="brown fox", fields=["subject^3", "message"], type="best_fields", tie_breaker=0.3))
q("q/combined_fields", Q("combined_fields", query="database systems", fields=["title", "abstract"], operator="and"))
q("q/query_string", Q("query_string", query="(new york city) OR (big apple)", default_field="content"))
q("q/query_string_op", Q("query_string", query="a b", default_operator="AND", fields=["x", "y"]))
q("q/simple_query_string", Q("simple_query_string", query='"fried eggs" +(eggplant | potato)', fields=["title^5", "body"], default_operator="and"))
q("q/intervals", Q("intervals", my_text={"match": {"query": "my favorite food", "max_gaps": 0, "ordered": True}}))
# ---- term level
q("q/term", Q("term", status="published"))
q("q/term_opts", Q("term", user__id={"value": "kimchy", "boost": 1.5}))
q("q/terms", Q("terms", tags=["a", "b"]))
q("q/terms_lookup", Q("terms", user={"index": "users", "id": "2", "path": "followers"}))
q("q/term_value", Q("term", n=9007199254740993))
q("q/terms_boost", Q("terms", tags=["a", "b"], boost=2.0))
q("q/terms_set", Q("terms_set", programming_languages={"terms": ["c++", "java"], "minimum_should_match_field": "required_matches"}))
q("q/range", Q("range", age={"gte": 10, "lte": 20}))
q("q/range_date", Q("range", published={"gte": "now-1d/d", "lt": "now/d", "time_zone": "+01:00", "format": "strict_date_optional_time"}))
q("q/exists", Q("exists", field="user"))
# "__" is rewritten only in keyword-argument names, never in a field given as a value.
q("q/exists_dunder", Q("exists", field="user__name"))
q("q/knn_dunder", Q("knn", field="img__vec", query_vector=[1, 2], k=3))
q("q/rank_feature_dunder", Q("rank_feature", field="page__rank"))
q("q/term_dunder", Q("term", user__id="kimchy"))
q("q/prefix", Q("prefix", user={"value": "ki"}))
q("q/prefix_short", Q("prefix", user="ki"))
q("q/wildcard", Q("wildcard", user={"value": "ki*y", "case_insensitive": True}))
q("q/regexp", Q("regexp", user={"value": "k.*y", "flags": "ALL", "max_determinized_states": 10000}))
q("q/fuzzy", Q("fuzzy", user={"value": "ki", "fuzziness": "AUTO", "prefix_length": 0}))
q("q/ids", Q("ids", values=["1", "4", "100"]))
# ---- compound
q("q/bool_explicit", Q("bool", must=[Q("match", a=1)], filter=[Q("term", b=2)], must_not=[Q("term", c=3)], should=[Q("term", d=4)], minimum_should_match=1, boost=2.0))
q("q/bool_boost_name", Q("bool", filter=[Q("term", b=2)], boost=1.5, _name="main"))
q("q/constant_score", Q("constant_score", filter=Q("term", user="kimchy"), boost=1.2))
q("q/dis_max", Q("dis_max", queries=[Q("term", title="Quick pets"), Q("term", body="Quick pets")], tie_breaker=0.7))
q("q/boosting", Q("boosting", positive=Q("term", text="apple"), negative=Q("term", text="pie"), negative_boost=0.5))
q("q/function_score", Q("function_score", query=Q("match_all"), functions=[SF("field_value_factor", field="likes", modifier="log1p")], boost_mode="multiply"))
q("q/function_score_filter_weight", Q("function_score", query=Q("match", title="x"), functions=[SF({"filter": Q("term", tag="a"), "weight": 2.0}), SF("random_score", seed=10, field="_seq_no")], score_mode="sum"))
q("q/function_score_decay", Q("function_score", functions=[SF("gauss", date={"origin": "2013-09-17", "scale": "10d", "offset": "5d", "decay": 0.5})]))
q("q/script_score", Q("script_score", query=Q("match", message="elasticsearch"), script={"source": "doc['likes'].value / 10"}))
# ---- joining
q("q/nested", Q("nested", path="obj1", query=Q("match", obj1__name="blue"), score_mode="avg"))
q("q/nested_inner_hits", Q("nested", path="comments", query=Q("term", comments__author="kim"), inner_hits={}))
q("q/has_child", Q("has_child", type="child", query=Q("match_all"), max_children=10, score_mode="min"))
q("q/has_parent", Q("has_parent", parent_type="parent", query=Q("term", tag="Elasticsearch"), score=True))
q("q/parent_id", Q("parent_id", type="my-child", id="1"))
# ---- geo / shape
q("q/geo_bounding_box", Q("geo_bounding_box", pin__location={"top_left": {"lat": 40.73, "lon": -74.1}, "bottom_right": {"lat": 40.01, "lon": -71.12}}))
q("q/geo_distance", Q("geo_distance", distance="200km", pin__location={"lat": 40, "lon": -70}))
q("q/geo_grid", Q("geo_grid", location={"geohash": "u0"}))
q("q/geo_polygon", Q("geo_polygon", person__location={"points": [{"lat": 40, "lon": -70}, {"lat": 30, "lon": -80}, {"lat": 20, "lon": -90}]}))
q("q/geo_shape", Q("geo_shape", location={"shape": {"type": "envelope", "coordinates": [[13.0, 53.0], [14.0, 52.0]]}, "relation": "within"}, ignore_unmapped=True))
q("q/shape", Q("shape", geometry={"shape": {"type": "envelope", "coordinates": [[1355.0, 5355.0], [1400.0, 5200.0]]}, "relation": "within"}))
# ---- span
q("q/span_term", Q("span_term", user="kimchy"))
q("q/span_near", Q("span_near", clauses=[Q("span_term", field="value1"), Q("span_term", field="value2")], slop=12, in_order=False))
q("q/span_or", Q("span_or", clauses=[Q("span_term", field="value1"), Q("span_term", field="value2")]))
q("q/span_not", Q("span_not", include=Q("span_term", field1="hoya"), exclude=Q("span_term", field1="la")))
q("q/span_first", Q("span_first", match=Q("span_term", user="kimchy"), end=3))
q("q/span_containing", Q("span_containing", big=Q("span_term", f="a"), little=Q("span_term", f="b")))
q("q/span_within", Q("span_within", big=Q("span_term", f="a"), little=Q("span_term", f="b")))
q("q/span_multi", Q("span_multi", match=Q("prefix", user={"value": "ki"})))
q("q/span_field_masking", Q("span_field_masking", query=Q("span_term", text__stems="fox"), field="text"))
# ---- specialized
q("q/distance_feature", Q("distance_feature", field="production_date", pivot="7d", origin="now"))
q("q/more_like_this", Q("more_like_this", fields=["title", "description"], like="Once upon a time", min_term_freq=1, max_query_terms=12))
q("q/percolate", Q("percolate", field="query", document={"message": "A new bonsai tree in the office"}))
q("q/rank_feature", Q("rank_feature", field="pagerank", saturation={"pivot": 8}))
q("q/script", Q("script", script={"source": "doc['num1'].value > params.param1", "params": {"param1": 5}}))
q("q/wrapper", Q("wrapper", query="eyJ0ZXJtIiA6IHsgInVzZXIuaWQiIDogImtpbWNoeSIgfX0="))
q("q/pinned", Q("pinned", ids=["1", "4", "100"], organic=Q("match", description="iphone")))
q("q/rule", Q("rule", match_criteria={"user_query": "pugs"}, ruleset_ids=["my-ruleset"], organic=Q("match", description="puggles")))
q("q/match_all", Q("match_all"))
q("q/match_all_boost", Q("match_all", boost=1.2))
q("q/match_none", Q("match_none"))
# ---- vector / semantic
q("q/knn", Q("knn", field="image-vector", query_vector=[-5, 9, -12], k=10, num_candidates=100))
q("q/knn_filter_one", Q("knn", field="vec", query_vector=[1.0, 2.0], k=3, filter=Q("term", category="a")))
q("q/knn_filter_two", Q("knn", field="vec", query_vector=[1.0, 2.0], k=3, filter=[Q("term", category="a"), Q("range", price={"lt": 10})]))
q("q/sparse_vector", Q("sparse_vector", field="ml.tokens", inference_id="my-elser", query="How is the weather?"))
q("q/sparse_vector_tokens", Q("sparse_vector", field="ml.tokens", query_vector={"token1": 0.5, "token2": 0.3}))
q("q/semantic", Q("semantic", field="inference_field", query="Best surfing places"))
q("q/text_expansion", Q("text_expansion", ml__tokens={"model_id": ".elser_model_2", "model_text": "the query"}))
q("q/weighted_tokens", Q("weighted_tokens", query_expansion_field={"tokens": {"2161": 0.4, "3000": 1.2}}))
q("q/Q_dunder", Q("match", title__raw={"query": "x", "operator": "and"}))
q("q/Q_bool_combine", Q("bool", must=[Q("term", a=1)], should=[Q("term", b=2)]) & Q("term", c=3))
q("q/Q_match_all_or", Q("match_all") | Q("term", x=1))
q("q/raw", Q({"match": {"title": {"query": "go", "operator": "and"}}}))

# ---- combinations (& | ~)
a, b, c, d = Q("match", a=1), Q("match", b=2), Q("match", c=3), Q("match", d=4)
q("c/and_leaves", a & b)
q("c/and_three", a & b & c)
q("c/or_leaves", a | b)
q("c/or_three", a | b | c)
q("c/not_leaf", ~a)
q("c/not_not", ~~a)
q("c/and_or", (a | b) & c)
q("c/or_and", (a & b) | c)
q("c/and_or_or", (a | b) & (c | d))
q("c/or_or_merge", (a | b) | (c | d))
q("c/leaf_and_bool", a & (b | c))
q("c/leaf_or_bool", a | (b & c))
q("c/not_bool_must", ~(a & b))
q("c/not_bool_should", ~(a | b))
q("c/not_bool_mixed", ~Q("bool", must=[a], must_not=[b], filter=[c]))
q("c/not_empty_bool", ~Q("bool"))
q("c/not_should_with_must", ~Q("bool", must=[a], should=[b, c]))
q("c/match_all_and", Q("match_all") & a)
q("c/and_match_all", a & Q("match_all"))
q("c/match_all_or", Q("match_all") | a)
q("c/or_match_all", a | Q("match_all"))
q("c/match_none_and", Q("match_none") & a)
q("c/match_none_or", Q("match_none") | a)
q("c/or_match_none", a | Q("match_none"))
q("c/not_match_all", ~Q("match_all"))
q("c/not_match_none", ~Q("match_none"))
q("c/bool_and_match_all", Q("bool", must=[a]) & Q("match_all"))
q("c/bool_filter_and_bool_filter", Q("bool", filter=[a]) & Q("bool", filter=[b], must_not=[c]))
q("c/msm_and", Q("bool", should=[a, b, c], minimum_should_match=2) & Q("bool", should=[d], minimum_should_match=1))
q("c/msm_and2", Q("bool", should=[a, b, c], minimum_should_match=2) & Q("bool", should=[c, d], minimum_should_match=1))
q("c/should_and_leaf", Q("bool", should=[a, b]) & c)
q("c/should_must_and_should", Q("bool", must=[a], should=[b]) & Q("bool", must=[c], should=[d]))
q("c/boosted_bool_or", Q("bool", should=[a], boost=2.0) | b)
q("c/msm_bool_or", Q("bool", should=[a, b], minimum_should_match=1) | c)
q("c/complex", (a & ~b) | (c & ~d))
q("c/demorgan_nested", ~((a | b) & ~c))

# ---- aggregations
def agg(name, value):
    CASES[name] = lambda: value.to_dict()


agg("a/terms", A("terms", field="tags"))
agg("a/terms_typed_opts", A("terms", field="tags", size=5, shard_size=20, include="go.*", execution_hint="map", collect_mode="breadth_first", show_term_doc_count_error=True))
agg("a/date_histogram_opts", A("date_histogram", field="date", calendar_interval="month", format="yyyy-MM", min_doc_count=0, extended_bounds={"min": "2024-01", "max": "2024-12"}, time_zone="+01:00", offset="+6h"))
agg("a/terms_opts", A("terms", field="tags", size=5, order={"_count": "desc"}, min_doc_count=2, missing="N/A"))
agg("a/significant_terms", A("significant_terms", field="crime_type"))
agg("a/significant_text", A("significant_text", field="content", filter_duplicate_text=True))
agg("a/rare_terms", A("rare_terms", field="genre", max_doc_count=2))
agg("a/missing", A("missing", field="price"))
agg("a/histogram", A("histogram", field="price", interval=50, min_doc_count=1))
agg("a/date_histogram", A("date_histogram", field="date", calendar_interval="month", format="yyyy-MM-dd"))
agg("a/date_histogram_fixed", A("date_histogram", field="date", fixed_interval="30d", time_zone="-01:00"))
agg("a/auto_date_histogram", A("auto_date_histogram", field="date", buckets=10))
agg("a/variable_width_histogram", A("variable_width_histogram", field="price", buckets=2))
agg("a/range", A("range", field="price", ranges=[{"to": 100.0}, {"from": 100.0, "to": 200.0}, {"from": 200.0}]))
agg("a/range_keyed", A("range", field="price", keyed=True, ranges=[{"key": "cheap", "to": 100}, {"key": "expensive", "from": 100}]))
agg("a/date_range", A("date_range", field="date", format="MM-yyyy", ranges=[{"to": "now-10M/M"}, {"from": "now-10M/M"}]))
agg("a/ip_range", A("ip_range", field="ip", ranges=[{"to": "10.0.0.5"}, {"from": "10.0.0.5"}]))
agg("a/ip_prefix", A("ip_prefix", field="ipv4", prefix_length=24))
agg("a/geo_distance", A("geo_distance", field="location", origin="52.3760, 4.894", ranges=[{"to": 100000}, {"from": 100000}]))
agg("a/geohash_grid", A("geohash_grid", field="location", precision=3))
agg("a/geotile_grid", A("geotile_grid", field="location", precision=8))
agg("a/geohex_grid", A("geohex_grid", field="location", precision=4))
agg("a/global", A("global"))
agg("a/filter", A("filter", filter=Q("term", type="t-shirt")))
agg("a/filters", A("filters", filters={"errors": Q("match", body="error"), "warnings": Q("match", body="warning")}))
agg("a/adjacency_matrix", A("adjacency_matrix", filters={"grpA": Q("terms", accounts=["hillary", "sidney"]), "grpB": Q("terms", accounts=["donald"])}))
agg("a/nested", A("nested", path="resellers"))
agg("a/reverse_nested", A("reverse_nested"))
agg("a/reverse_nested_path", A("reverse_nested", path="comments"))
agg("a/children", A("children", type="answer"))
agg("a/parent", A("parent", type="answer"))
agg("a/composite", A("composite", sources=[{"date": A("date_histogram", field="timestamp", calendar_interval="1d")}, {"product": A("terms", field="product")}], size=2))
agg("a/multi_terms", A("multi_terms", terms=[{"field": "genre"}, {"field": "product"}]))
agg("a/sampler", A("sampler", shard_size=200))
agg("a/diversified_sampler", A("diversified_sampler", shard_size=200, field="author"))
agg("a/random_sampler", A("random_sampler", probability=0.1))
agg("a/categorize_text", A("categorize_text", field="message"))
agg("a/frequent_item_sets", A("frequent_item_sets", fields=[{"field": "category.keyword"}, {"field": "geoip.city_name"}], minimum_set_size=3))
agg("a/avg", A("avg", field="grade"))
agg("a/avg_missing", A("avg", field="grade", missing=10))
agg("a/sum_script", A("sum", script={"source": "doc['price'].value * 2"}))
agg("a/min", A("min", field="price"))
agg("a/max", A("max", field="price"))
agg("a/value_count", A("value_count", field="type"))
agg("a/cardinality", A("cardinality", field="type", precision_threshold=100))
agg("a/stats", A("stats", field="grade"))
agg("a/extended_stats", A("extended_stats", field="grade", sigma=3))
agg("a/percentiles", A("percentiles", field="load_time", percents=[95, 99, 99.9]))
agg("a/percentile_ranks", A("percentile_ranks", field="load_time", values=[500.0, 600.0]))
agg("a/mad", A("median_absolute_deviation", field="rating", compression=100))
agg("a/boxplot", A("boxplot", field="load_time"))
agg("a/string_stats", A("string_stats", field="message.keyword", show_distribution=True))
agg("a/geo_bounds", A("geo_bounds", field="location", wrap_longitude=True))
agg("a/geo_centroid", A("geo_centroid", field="location"))
agg("a/rate", A("rate", unit="year"))
agg("a/top_hits", A("top_hits", sort=[{"date": {"order": "desc"}}], _source={"includes": ["date", "price"]}, size=1))
agg("a/top_metrics", A("top_metrics", metrics={"field": "m"}, sort={"s": {"order": "desc"}}))
agg("a/weighted_avg", A("weighted_avg", value={"field": "grade"}, weight={"field": "weight"}))
agg("a/matrix_stats", A("matrix_stats", fields=["poverty", "income"]))
agg("a/t_test", A("t_test", a={"field": "startup_time_before"}, b={"field": "startup_time_after"}, type="paired"))
agg("a/scripted_metric", A("scripted_metric", init_script="state.x = []", map_script="state.x.add(1)", combine_script="return state.x", reduce_script="return states"))
agg("a/avg_bucket", A("avg_bucket", buckets_path="sales_per_month>sales"))
agg("a/max_bucket", A("max_bucket", buckets_path="sales_per_month>sales"))
agg("a/min_bucket", A("min_bucket", buckets_path="sales_per_month>sales"))
agg("a/sum_bucket", A("sum_bucket", buckets_path="sales_per_month>sales"))
agg("a/stats_bucket", A("stats_bucket", buckets_path="sales_per_month>sales"))
agg("a/extended_stats_bucket", A("extended_stats_bucket", buckets_path="sales_per_month>sales"))
agg("a/percentiles_bucket", A("percentiles_bucket", buckets_path="sales_per_month>sales", percents=[25.0, 50.0]))
agg("a/derivative", A("derivative", buckets_path="sales"))
agg("a/cumulative_sum", A("cumulative_sum", buckets_path="sales"))
agg("a/cumulative_cardinality", A("cumulative_cardinality", buckets_path="distinct_users"))
agg("a/serial_diff", A("serial_diff", buckets_path="the_sum", lag=30))
agg("a/moving_fn", A("moving_fn", buckets_path="the_sum", window=10, script="MovingFunctions.unweightedAvg(values)"))
agg("a/normalize", A("normalize", buckets_path="sales", method="percent_of_sum"))
agg("a/bucket_script", A("bucket_script", buckets_path={"tShirtSales": "t-shirts>sales", "totalSales": "total_sales"}, script="params.tShirtSales / params.totalSales * 100"))
agg("a/bucket_selector", A("bucket_selector", buckets_path={"totalSales": "total_sales"}, script="params.totalSales > 200"))
agg("a/bucket_sort", A("bucket_sort", sort=[{"total_sales": {"order": "desc"}}], size=3, gap_policy="skip"))
agg("a/cartesian_bounds", A("cartesian_bounds", field="p"))
agg("a/cartesian_centroid", A("cartesian_centroid", field="p"))
agg("a/change_point", A("change_point", buckets_path="date>avg"))
agg("a/moving_avg", A("moving_avg", buckets_path="the_sum", model="holt", window=5))
agg("a/line", A("line", point={"field": "p"}, sort={"field": "t"}, size=100))
agg("a/meta", A("terms", field="tags", meta={"color": "blue"}))


@case("a/nested_chain")
def _():
    a = A("terms", field="tags")
    a.bucket("per_day", "date_histogram", field="date", calendar_interval="day").metric("avg_price", "avg", field="price").metric("max_price", "max", field="price")
    a.pipeline("total", "sum_bucket", buckets_path="per_day>avg_price")
    return a.to_dict()


@case("s/aggs_tree")
def _():
    s = Search()
    s.aggs.bucket("per_tag", "terms", field="tags").metric("max_lines", "max", field="lines")
    s.aggs.bucket("per_author", "terms", field="author").bucket("per_year", "date_histogram", field="date", calendar_interval="year").metric("words", "sum", field="words")
    s.aggs.metric("avg_all", "avg", field="lines")
    s.aggs.pipeline("best", "max_bucket", buckets_path="per_tag>max_lines")
    return s.to_dict()


@case("s/aggs_nested_reverse")
def _():
    s = Search()
    s.aggs.bucket("comments", "nested", path="comments").bucket("by_author", "terms", field="comments.author").bucket("back", "reverse_nested").metric("tags", "terms", field="tags")
    return s.to_dict()


@case("s/aggs_filter_sub")
def _():
    s = Search()
    s.aggs.bucket("red", "filter", filter=Q("term", color="red")).metric("avg_price", "avg", field="price")
    return s.to_dict()

# ---- searches
def srch(name, fn):
    CASES[name] = lambda: fn().to_dict()


srch("s/empty", lambda: Search())
srch("s/query", lambda: Search().query("match", title="python"))
srch("s/query_twice", lambda: Search().query("match", title="python").query("match", body="web"))
srch("s/query_or", lambda: Search().query(Q("match", title="python") | Q("match", title="django")))
srch("s/filter", lambda: Search().filter("term", published=True))
srch("s/filter_twice", lambda: Search().filter("term", published=True).filter("range", date={"gte": "2020-01-01"}))
srch("s/query_filter", lambda: Search().query("match", title="python").filter("term", category="search"))
srch("s/exclude", lambda: Search().exclude("match", title="java"))
srch("s/filter_exclude", lambda: Search().filter("term", a=1).exclude("term", b=2))
srch("s/post_filter", lambda: Search().query("match", title="x").post_filter("term", color="red"))
srch("s/post_filter_twice", lambda: Search().post_filter("term", color="red").post_filter("term", size="L"))
srch("s/sort", lambda: Search().sort("category", "-title", {"price": {"order": "asc", "mode": "avg"}}))
srch("s/sort_strings", lambda: Search().sort("category", "-title"))
srch("s/sort_reset", lambda: Search().sort("a").sort())
srch("s/source_list", lambda: Search().source(includes=["title", "body"]))
srch("s/source_false", lambda: Search().source(False))
srch("s/source_incl_excl", lambda: Search().source(includes=["obj1.*"], excludes=["*.description"]))
srch("s/source_chain", lambda: Search().source(includes=["obj1.*"]).source(excludes=["*.description"]))
srch("s/source_remove", lambda: Search().source(includes=["a"], excludes=["b"]).source(excludes=None))
srch("s/highlight", lambda: Search().highlight("title", "body", fragment_size=50))
srch("s/highlight_two", lambda: Search().highlight("title", fragment_size=50).highlight("body", fragment_size=100).highlight_options(order="score", pre_tags=["<b>"]))
srch("s/highlight_field_opts", lambda: Search().highlight("body", type="unified", number_of_fragments=3, fragment_size=150, pre_tags=["<em>"], post_tags=["</em>"], require_field_match=False))
srch("s/suggest_term", lambda: Search().suggest("my_suggestion", "elasticsaerch", term={"field": "body"}))
srch("s/suggest_completion", lambda: Search().suggest("auto", "pyth", completion={"field": "suggest", "size": 5}))
srch("s/suggest_regex", lambda: Search().suggest("auto", regex="py[thon|py]", completion={"field": "suggest"}))
srch("s/script_fields", lambda: Search().script_fields(times_two="doc['field'].value * 2"))
srch("s/script_fields_full", lambda: Search().script_fields(times_three={"script": {"lang": "painless", "source": "doc['field'].value * params.n", "params": {"n": 3}}}))
srch("s/collapse", lambda: Search().collapse("user.id", inner_hits={"name": "most_recent", "size": 5}, max_concurrent_group_searches=4))
srch("s/collapse_reset", lambda: Search().collapse("user.id").collapse())
srch("s/knn", lambda: Search().knn("embedding", 5, 10, query_vector=[0.1, 0.2, 0.3]))
srch("s/knn_two", lambda: Search().knn("e1", 5, 10, query_vector=[0.1, 0.2], boost=0.5, filter=Q("term", category="blog"), similarity=0.8).knn("e2", 3, 20, query_vector_builder={"text_embedding": {"model_id": "m", "model_text": "hello"}}))
srch("s/knn_rrf", lambda: Search().query("match", content="search text").knn("embedding", 5, 10, query_vector=[1.0, 2.0]).rank(rrf=True))
srch("s/rank_opts", lambda: Search().rank(rrf={"rank_window_size": 50, "rank_constant": 20}))
srch("s/slice", lambda: Search()[10:20])
srch("s/slice_twice", lambda: Search()[10:30][5:10])
srch("s/slice_open_end", lambda: Search().extra(size=50)[10:100])
srch("s/index_one", lambda: Search().extra(from_=5, size=1)[0:1])
srch("s/extra", lambda: Search().extra(track_total_hits=True, min_score=0.5, explain=True))
srch("s/full", lambda: Search(index="blog").query("match", title="python").filter("term", published=True).exclude("term", tags="draft").post_filter("terms", tags=["go"]).sort("-date", "_score").source(includes=["title"]).highlight("title").extra(size=5, track_total_hits=True))


@case("s/from_dict_roundtrip")
def _():
    d = {"query": {"bool": {"must": [{"match": {"title": "python"}}]}}, "aggs": {"t": {"terms": {"field": "tags"}}}, "size": 3, "sort": ["date"], "highlight": {"fields": {"title": {}}, "order": "score"}}
    return Search.from_dict(d).to_dict()


@case("s/from_dict_then_filter")
def _():
    d = {"query": {"bool": {"must": [{"match": {"title": "python"}}], "should": [{"term": {"a": 1}}, {"term": {"b": 1}}]}}, "size": 3}
    return Search.from_dict(d).filter("term", published=True).query("match", body="x").to_dict()


@case("s/from_dict_suggest_text")
def _():
    d = {"suggest": {"text": "foo", "s1": {"term": {"field": "body"}}}, "post_filter": {"term": {"x": 1}}}
    return Search.from_dict(d).post_filter("term", y=2).to_dict()


@case("s/count_body")
def _():
    return Search().query("match", title="x").post_filter("term", a=1).sort("b").extra(size=3).to_dict(count=True)

# ---- update by query, multi search
from datetime import datetime
from elasticsearch.dsl import UpdateByQuery, MultiSearch


@case("u/script")
def _():
    return UpdateByQuery(index="x").query("match", title="python").script(source="ctx._source.likes++", lang="painless").to_dict()


@case("u/script_params_filter")
def _():
    u = UpdateByQuery().filter("term", a=1).exclude("term", b=2).script(source="ctx._source.n += params.by", params={"by": 2})
    return u.script(lang="painless").extra(max_docs=10).to_dict()


@case("u/query_only")
def _():
    return UpdateByQuery().query("match", title="x").query("term", y=1).to_dict()


@case("ms/two")
def _():
    ms = MultiSearch().add(Search(index="a").query("match", t="x")).add(Search().filter("term", b=1).extra(size=2))
    return ms.to_dict()




if __name__ == "__main__":
    main()
