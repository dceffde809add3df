"""Differential test cases of package index: prints {case name: JSON}
built with Python's elasticsearch.dsl. diff_test.go builds the same cases
with esgo and compares the JSON. Run: python3 cases.py"""
import json
import sys
from datetime import datetime
from typing import List, Optional

from elasticsearch.dsl import Q

from diffcases import CASES, case, main  # noqa: F401 (shared prelude, internal/pydiff)


from elasticsearch.dsl import (Document, InnerDoc, Index, Text, Keyword, Integer, Long, Float, Double, Boolean, Date,
                               Nested, Object, DenseVector, Short, Byte, Ip, Binary, analyzer, tokenizer, token_filter,
                               char_filter, normalizer, mapped_field)

from diffcases import S, mapping_case  # noqa: E402


class Address(InnerDoc):
    street: str = S()
    zip = Keyword()


class Comment(InnerDoc):
    author = Keyword()
    text: str = S()
    likes = Long()
    created: datetime


class Post(Document):
    title: str = S()
    address: Address
    comments: List[Comment]
    tags: List[str] = mapped_field(Keyword())


my_an = analyzer("my_an", tokenizer=tokenizer("tri", "ngram", min_gram=3, max_gram=3),
                 filter=["lowercase", token_filter("my_stop", "stop", stopwords=["a", "the"])],
                 char_filter=["html_strip", char_filter("cf", "mapping", mappings=["a => b"])])
my_norm = normalizer("my_norm", filter=["lowercase", "asciifolding"])


class Article(Document):
    title = Text(analyzer=my_an, fields={"raw": Keyword()})
    tag = Keyword(normalizer=my_norm)
    comments = Nested(Comment)

    class Index:
        name = "articles"
        settings = {"number_of_shards": 1, "number_of_replicas": 0}
        aliases = {"arts": {}}


CASES["i/article_index"] = lambda: Article._index.to_dict()


@case("i/plain")
def _():
    i = Index("x")
    i.settings(number_of_shards=2)
    i.settings(number_of_replicas=0)
    return i.to_dict()


@case("i/aliases_filter")
def _():
    i = Index("blog-v2")
    # types.TermQuery (a typed alias filter) sends the long form of term
    i.aliases(blog={}, published={"filter": Q("term", published={"value": True})})
    return i.to_dict()


@case("i/analyzer_only")
def _():
    i = Index("x")
    i.analyzer(my_an)
    return i.to_dict()


@case("i/builtin_type_analyzer")
def _():
    i = Index("x")
    i.analyzer(analyzer("my_std", "standard", stopwords="_english_", max_token_length=5))
    return i.to_dict()


@case("i/document_and_settings")
def _():
    i = Index("posts")
    i.settings(number_of_shards=1)
    i.document(Post)
    return i.to_dict()


@case("i/legacy_template")
def _():
    i = Index("logs")
    i.settings(number_of_shards=1)
    i.document(Post)
    return i.as_template("logs-tpl", "logs-*", order=2).to_dict()


@case("i/composable_template")
def _():
    i = Index("logs")
    i.settings(number_of_shards=1)
    i.aliases(all_logs={})
    return i.as_composable_template("logs-ctpl", "logs-*", priority=100).to_dict()


@case("i/typed_mapping")
def _():
    from elasticsearch.dsl import Mapping
    i = Index("typed")
    m = Mapping()
    m.field("title", Text(analyzer=my_an, fields={"raw": Keyword(ignore_above=256)}))
    m.field("tag", Keyword(normalizer=my_norm))
    m.meta("dynamic", "strict")
    i.mapping(m)
    return i.to_dict()


if __name__ == "__main__":
    main()
