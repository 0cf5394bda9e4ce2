"""Scenario 1: one entity's relations as of a day, in-process.

ours   ``graph.queries.relations(store, id, as_of=day)`` over the SQLite store
floor  :data:`bench.peers.FLOOR_SQL` run with sqlite3 (same rows, evidence included)
peers  networkx filter over a prebuilt graph; rdflib and pyoxigraph SPARQL

Every contender's answers are checked equal (as sets of fact/evidence keys)
on a sample before anything is timed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from bench import peers
from bench.build import BuiltStore, readonly
from bench.generate import query_sample
from bench.measure import (
    Result,
    interleaved_latencies,
    latency_summary,
    peak_traced_mb,
    rss_mb,
    skipped,
)
from graph import queries
from graph.stores.sqlite import SQLiteStore

TARGET = "ours ≤ 1.5× floor; p50 at 1M ≤ 1.5× p50 at 10k"
#: Largest graphs each RDF peer is loaded at. rdflib: ~35 triples per fact, 10k facts
#: already take 15-40 s and 0.5 GB to load; 100k would take minutes and 5 GB.
#: pyoxigraph (in memory): 1M facts are 45M triples, a 4.8 GB file and more than the
#: ~7 GB this shared machine had left next to the other contenders.
RDF_LIMITS = {"rdflib": 10_000, "pyoxigraph": 100_000}

Question = tuple[str, date]


def _networkx(graph: Any, q: Question) -> Any:
    return peers.networkx_relations(graph, q[0], q[1])


def _each(fn: Callable[[Question], Any], questions: list[Question]) -> list[Any]:
    return [fn(q) for q in questions]


def _load_peers(
    built: BuiltStore, wanted: tuple[str, ...], log: Callable[[str], None]
) -> tuple[dict[str, Callable[[Question], Any]], dict[str, dict[str, Any]], dict[str, Any]]:
    conn = readonly(built.path)
    fns: dict[str, Callable[[Question], Any]] = {}
    status: dict[str, dict[str, Any]] = {}
    extra: dict[str, Any] = {}
    for name in wanted:
        limit = RDF_LIMITS.get(name)
        if limit is not None and built.n_facts > limit:
            status[name] = skipped(f"not loaded above {limit:,} facts (time and memory)")
            continue
        log(f"loading {name} peer")
        before = rss_mb()
        t0 = time.perf_counter()
        if name == "networkx":
            graph = peers.networkx_graph(conn)
            fns[name] = partial(_networkx, graph)
        elif name == "pyoxigraph":
            ox = peers.OxigraphPeer(conn)
            fns[name] = lambda q, p=ox: p.relations(q[0], q[1])  # type: ignore[misc]
        elif name == "rdflib":
            rd = peers.RdflibPeer(conn)
            fns[name] = lambda q, p=rd: p.relations(q[0], q[1])  # type: ignore[misc]
        extra[f"{name}_load_s"] = round(time.perf_counter() - t0, 2)
        extra[f"{name}_rss_growth_mb"] = round(rss_mb() - before, 1)
    conn.close()
    return fns, status, extra


def check_equal(
    contenders: dict[str, Callable[[Question], Any]],
    questions: list[Question],
) -> None:
    """Every contender gives the same (fact, evidence) keys as ours; AssertionError if not."""
    for q in questions:
        want = peers.fact_keys(contenders["ours"](q))
        for name, fn in contenders.items():
            if name == "ours":
                continue
            rows = fn(q)
            got = (
                peers.sparql_keys(rows)
                if name in ("rdflib", "pyoxigraph")
                else peers.row_keys(rows)
            )
            if got != want:
                raise AssertionError(f"{name} disagrees with ours on {q}: {got ^ want}")


def run(
    built: BuiltStore,
    size: str,
    n_queries: int,
    *,
    peer_names: tuple[str, ...] = ("networkx", "pyoxigraph", "rdflib"),
    rounds: int = 3,
    log: Callable[[str], None] = lambda _: None,
) -> Result:
    questions = query_sample(built.graph, n_queries)
    store = SQLiteStore(built.path)
    conn = readonly(built.path)
    contenders: dict[str, Callable[[Question], Any]] = {
        "ours": lambda q: queries.relations(store, q[0], as_of=q[1]),
        "floor": lambda q: peers.floor_relations(conn, q[0], q[1]),
    }
    peer_fns, peer_status, extra = _load_peers(built, peer_names, log)
    contenders.update(peer_fns)
    log("checking answers are equal")
    check_equal(contenders, questions[: min(50, len(questions))])
    # Slow peers get fewer rounds (their answers are 100× slower; the ratio is clear).
    fast = {k: v for k, v in contenders.items() if k in ("ours", "floor", "networkx")}
    slow = {k: v for k, v in contenders.items() if k not in fast}
    log(f"timing {len(questions)} questions × {rounds} rounds")
    times = interleaved_latencies(fast, questions, rounds=rounds)
    if slow:
        times.update(interleaved_latencies(slow, questions[: max(50, n_queries // 5)], warmup=5))
    figures = {name: latency_summary(t) for name, t in times.items()}
    sample = questions[:30]
    for name, fn in contenders.items():
        figures[name]["peak_mem_mb"] = peak_traced_mb(partial(_each, fn, sample))[0]
    rows = [len(peers.floor_relations(conn, *q)) for q in questions]
    store.close()
    conn.close()
    extra["rows_per_answer_mean"] = round(sum(rows) / len(rows), 2)
    extra["rows_per_answer_max"] = max(rows)
    return Result(
        scenario="relations as of (in-process)",
        size=size,
        ours=figures["ours"],
        floor=figures["floor"],
        peers={name: figures.get(name) or peer_status[name] for name in peer_names},
        target=TARGET,
        extra=extra,
        notes=[
            "peak_mem_mb: tracemalloc peak over 30 calls",
            "questions: entities drawn uniformly among those with facts, days 2000–2026",
        ],
    )
