"""Differential test cases of package mapping: prints {case name: JSON}
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



@mapping_case("m/scalars")
class Scalars(Document):
    title: str = S()
    count: int = mapped_field(Long())
    small: int = mapped_field(Integer())
    tiny: int = mapped_field(Short())
    b: int = mapped_field(Byte())
    price: float = mapped_field(Double())
    ratio: float
    ok: bool
    when: datetime
    blob = Binary()
    addr = Ip()


@mapping_case("m/keyword_and_text")
class KT(Document):
    tags = Keyword()
    body = Text(analyzer="english", search_analyzer="standard", fields={"keyword": Keyword(ignore_above=256)})
    name = Keyword(ignore_above=256, normalizer="lowercase")
    title = Text(fields={"raw": Keyword()})
    code = Text(fields={"raw": Keyword(), "en": Text(analyzer="english")}, copy_to=["all", "other"])
    idx = Keyword(index=False, doc_values=False)


class Address(InnerDoc):
    street: str = S()
    zip = Keyword()


class Comment(InnerDoc):
    author = Keyword()
    text: str = S()
    likes = Long()
    created: datetime


@mapping_case("m/copy_to")
class CopyTo(Document):
    a = Text(copy_to="all_text")
    b = Text(copy_to="all_text")
    c = Keyword(copy_to=["all_text"])
    d = Keyword(copy_to=["all_text", "other"])
    e = Keyword(copy_to="it's")
    all_text = Text()


@mapping_case("m/nested_object")
class Post(Document):
    title: str = S()
    address: Address
    comments: List[Comment]
    tags: List[str] = mapped_field(Keyword())


@mapping_case("m/vectors")
class Vec(Document):
    embedding = DenseVector(dims=3, similarity="cosine")
    v2 = DenseVector(dims=4, index=True, similarity="dot_product", element_type="float")
    name: Optional[str] = S()


@mapping_case("m/explicit_nested_object")
class NO(Document):
    a = Object(Address)
    n = Nested(Comment)
    o = Object()
    dt = Date(format="yyyy-MM-dd")


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


CASES["m/article_mapping"] = lambda: Article._doc_type.mapping.to_dict()

# ---- the typed builder (esgo: Mapping.Set/Patch/SubField/Apply)
from elasticsearch.dsl import Mapping


@case("mb/fields")
def _():
    m = Mapping()
    m.field("title", Text(analyzer="english", fields={"raw": Keyword(ignore_above=256)}))
    m.field("code", Keyword(null_value="00000"))
    m.field("vec", DenseVector(dims=3, similarity="cosine", index=True, index_options={"type": "int8_hnsw", "m": 16}))
    m.field("price", "scaled_float", scaling_factor=100)
    m.meta("dynamic", "strict")
    m.meta("_source", {"excludes": ["secret"]})
    return m.to_dict()


class CommentO(InnerDoc):
    author = Keyword(normalizer="lowercase")
    text: str = S()
    likes = Long()
    created: datetime


@mapping_case("mb/override_tags")
class Over(Document):
    title = Text(meta={"unit": "words"}, fields={"keyword": Keyword(ignore_above=100), "en": Text(analyzer="english")})
    comments = Nested(CommentO)
    status = Keyword(null_value="00000", meta={"source": "crm"})
    score = Float()




if __name__ == "__main__":
    main()
