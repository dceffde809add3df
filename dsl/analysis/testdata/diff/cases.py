"""Differential test cases of package analysis: prints {case name: JSON}
built with Python's elasticsearch.dsl. diff_test.go builds the same cases
with esgo and compares the JSON. Run: python3 cases.py"""
import json
import sys

from elasticsearch.dsl import analyzer, tokenizer, token_filter, char_filter, normalizer

from diffcases import CASES, case, main  # noqa: F401 (shared prelude, internal/pydiff)



my_an = analyzer("my_an", tokenizer=tokenizer("tri", "ngram", min_gram=3, max_gram=3),
                 filter=["lowercase", token_filter("my_stop", "stop", stopwords=["a", "the"])],
                 char_filter=["html_strip", char_filter("cf", "mapping", mappings=["a => b"])])
my_norm = normalizer("my_norm", filter=["lowercase", "asciifolding"])


@case("an/definition")
def _():
    return my_an.get_analysis_definition()


@case("an/normalizer_definition")
def _():
    return my_norm.get_analysis_definition()


@case("an/whitespace_custom")
def _():
    return analyzer("ws", tokenizer="whitespace", filter=["lowercase", token_filter("syn", "synonym", synonyms=["a, b"])]).get_analysis_definition()


@case("an/builtin_type")
def _():
    return analyzer("my_std", "standard", stopwords="_english_", max_token_length=5).get_analysis_definition()



if __name__ == "__main__":
    main()
