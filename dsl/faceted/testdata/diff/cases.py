"""Differential test cases of package faceted: prints {case name: JSON}
built with Python's elasticsearch.dsl. diff_test.go builds the same cases
with esgo and compares the JSON. Run: python3 cases.py"""
import json
import sys
from datetime import datetime

from elasticsearch.dsl import A, FacetedSearch, TermsFacet, RangeFacet, HistogramFacet, DateHistogramFacet, NestedFacet

from diffcases import CASES, case, main  # noqa: F401 (shared prelude, internal/pydiff)


# ---- faceted search
class BlogSearch(FacetedSearch):
    index = "blogs"
    fields = ["title^5", "body"]
    facets = {
        "tags": TermsFacet(field="tags"),
        "stars": RangeFacet(field="stars", ranges=[("low", (None, 3)), ("high", (3, None))]),
        "size": HistogramFacet(field="size", interval=10),
        "month": DateHistogramFacet(field="published", calendar_interval="month"),
        "authors": NestedFacet("comments", TermsFacet(field="comments.author")),
    }


def facet_case(name, fn):
    CASES[name] = lambda: fn()._s.to_dict()


facet_case("f/no_query", lambda: BlogSearch())
facet_case("f/query", lambda: BlogSearch("python web"))
facet_case("f/filter_terms", lambda: BlogSearch("python", filters={"tags": ["go", "rust"]}))
facet_case("f/filter_range", lambda: BlogSearch(filters={"stars": "high"}))
facet_case("f/filter_histogram", lambda: BlogSearch(filters={"size": 20}))
facet_case("f/filter_date", lambda: BlogSearch(filters={"month": datetime(2024, 1, 1)}))
facet_case("f/filter_nested", lambda: BlogSearch(filters={"authors": "kim"}))
facet_case("f/filters_combined", lambda: BlogSearch("q", filters={"tags": "go", "stars": ["low", "high"], "size": [10, 30]}))
facet_case("f/sort", lambda: BlogSearch("q", sort=["-published", "title"]))
facet_case("f/page", lambda: BlogSearch("q")[10:20])


class MetricSearch(FacetedSearch):
    index = "shop"
    facets = {"brand": TermsFacet(field="brand", metric=A("max", field="price"), metric_sort="desc", size=5)}


facet_case("f/metric", lambda: MetricSearch())
facet_case("f/metric_filter", lambda: MetricSearch("phone", filters={"brand": "acme"}))





if __name__ == "__main__":
    main()
