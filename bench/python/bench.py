"""Measures elasticsearch-py 9.5.1 for the esgo benchmarks (bench/cmd/bench).

Usage: python3 bench.py MODE --url URL --index INDEX --docs N [--large]
MODE is streaming_bulk, parallel_bulk or scan. Prints one JSON line with the
same fields as the Go children: docs, docs_per_s, cpu_s (resource.getrusage,
this process, the measured phase only) and maxrss_kb (peak RSS).

The documents are the same as bench/cmd/bench/docs.go generates.
"""

import argparse
import json
import resource
import sys
import time

import elasticsearch
from elasticsearch import Elasticsearch, helpers

LEVELS = ["INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG"]
MSGS = ["request served", "cache miss", "slow upstream", "retrying call", "user logged in", "session expired"]
WORDS = (
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore "
    "magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea commodo "
    "consequat duis aute irure in reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint "
    "occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum"
).split()
LARGE_TEXT_LEN = 1850


def status_of(i):
    r = i % 20
    if r == 0:
        return 500
    if r in (1, 2):
        return 404
    return 200


def doc(i, large):
    ms = i * 37
    secs = ms // 1000
    d = {
        "@timestamp": "2026-01-01T%02d:%02d:%02d.%03dZ" % ((secs // 3600) % 24, (secs // 60) % 60, secs % 60, ms % 1000),
        "host": "web-%02d" % (i % 16 + 1),
        "level": LEVELS[i % len(LEVELS)],
        "status": status_of(i),
        "latency_ms": (i * 7919) % 2000,
        "path": "/items/%d" % ((i * 104729) % 100000),
        "msg": MSGS[i % len(MSGS)],
        "user_id": (i * 31) % 50000,
    }
    if large:
        parts = []
        n = 0
        k = 0
        while n < LARGE_TEXT_LEN:
            w = WORDS[(i * 31 + k * 17) % len(WORDS)]
            n += len(w) + (1 if k > 0 else 0)
            parts.append(w)
            k += 1
        d["message"] = " ".join(parts)
    return d


def actions(index, n, large):
    for i in range(n):
        yield {"_index": index, "_source": doc(i, large)}


def cpu():
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["streaming_bulk", "parallel_bulk", "scan"])
    p.add_argument("--url", required=True)
    p.add_argument("--index", required=True)
    p.add_argument("--docs", type=int, default=0)
    p.add_argument("--large", action="store_true")
    a = p.parse_args()

    es = Elasticsearch(a.url, request_timeout=120)
    ok = failed = 0
    first_error = None
    note = ""
    cpu0 = cpu()
    t0 = time.perf_counter()
    if a.mode == "streaming_bulk":
        note = "helpers.streaming_bulk, defaults (chunk_size 500)"
        for success, info in helpers.streaming_bulk(es, actions(a.index, a.docs, a.large), raise_on_error=False):
            if success:
                ok += 1
            else:
                failed += 1
                first_error = first_error or info
    elif a.mode == "parallel_bulk":
        note = "helpers.parallel_bulk, defaults (4 threads, chunk_size 500)"
        for success, info in helpers.parallel_bulk(es, actions(a.index, a.docs, a.large), raise_on_error=False):
            if success:
                ok += 1
            else:
                failed += 1
                first_error = first_error or info
    else:
        note = "helpers.scan, scroll 5m, size 1000"
        seen = 0
        for hit in helpers.scan(es, index=a.index, query={"query": {"match_all": {}}}, size=1000, scroll="5m"):
            ok += 1
            seen += len(hit["_source"]["host"])
        if seen == 0:
            print("scan: no host field seen", file=sys.stderr)
            sys.exit(1)
    wall = time.perf_counter() - t0
    cpu_s = cpu() - cpu0
    if first_error is not None:
        note += "; first failure: " + json.dumps(first_error)[:300]
    docs = ok + failed
    print(json.dumps({
        "client": "elasticsearch-py " + elasticsearch.__versionstr__,
        "case": a.mode,
        "docs": docs,
        "failed": failed,
        "wall_s": wall,
        "docs_per_s": docs / wall if wall > 0 else 0,
        "cpu_s": cpu_s,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "note": note,
    }))


if __name__ == "__main__":
    main()
