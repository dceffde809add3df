"""Shared by the differential cases.py files of the dsl packages: the case
registry, the mapping helpers and main(), which prints {case name: JSON}
built with Python's elasticsearch.dsl. pydiff runs each cases.py with this
folder on PYTHONPATH."""
import json
import sys
from datetime import datetime

from elasticsearch.dsl import Keyword, Text, mapped_field

CASES = {}


def case(name):
    def deco(fn):
        CASES[name] = fn
        return fn
    return deco


def S(**kw):
    """What esgo maps an untagged Go string to (a deliberate difference from
    Python's str -> Text(): Elasticsearch's dynamic mapping of a string)."""
    return mapped_field(Text(fields={"keyword": Keyword(ignore_above=256)}, **kw))


def mapping_case(name):
    def deco(cls):
        CASES[name] = lambda: cls._doc_type.mapping.to_dict()
        return cls
    return deco


def _default(o):
    if isinstance(o, datetime):
        return o.isoformat()
    return o.to_dict()


def main():
    out = {}
    for name, fn in CASES.items():
        out[name] = fn()
    json.dump(out, sys.stdout, sort_keys=True, default=_default)
