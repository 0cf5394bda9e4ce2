"""Neo4j benchmark (not a test): push and write throughput, as-of lookups, each next to its floor.

    .venv/bin/python -m bench.neo4j_bench                     # 10k facts, own server
    .venv/bin/python -m bench.neo4j_bench --facts 2000 --quick
    PARTNERGRAPH_TEST_NEO4J=bolt://127.0.0.1:7687 .venv/bin/python -m bench.neo4j_bench

It starts its own Neo4j with ``scripts/neo4j/neo4j.sh run`` in a temporary
folder (or uses ``PARTNERGRAPH_TEST_NEO4J`` / ``BENCH_NEO4J_URL``, whose
database it WIPES), builds a SQLite store from the synthetic graph of
:mod:`bench.generate`, and measures in the same run, alternating contenders:

push    ``partnergraph neo4j push`` (:func:`cli.neo4j_cmd.push`, source reads
        included) into an empty database, facts/s
floor   the same rows (entities, documents, ``:Fact`` nodes, every version as
        its typed relationship, every ``STATES`` evidence link) written with
        the driver as plain ``UNWIND … CREATE``, one transaction per batch of
        the same size; target: push ≥ 0.7× floor
write   ``Neo4jStore.write(Batch)`` of fresh facts (the ingest path), facts/s
as-of   :func:`graph.queries.relations` through ``Neo4jStore`` vs the same two
        Cypher queries run with the driver (records only, no mapping); p50/p95

Ratios are printed and everything is written to ``bench/results/neo4j.json``.
The Cypher below is the floor's by definition: a benchmark is the one place
outside the backend that may hold some.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import neo4j

from bench.build import load_store
from bench.generate import DEFAULT_SEED, SyntheticGraph, generate, query_sample
from bench.measure import Result, interleaved_latencies, latency_summary
from cli.neo4j_cmd import push
from graph import queries
from graph.model import Batch, EntityType, Relation
from graph.store import FactPattern
from graph.stores import neo4j as backend
from graph.stores.neo4j import Neo4jStore
from graph.stores.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "neo4j" / "neo4j.sh"
RESULTS = Path(__file__).resolve().parent / "results"
PUSH_TARGET = "push ≥ 0.7× floor (raw UNWIND … CREATE of the same rows)"


# -- the server -------------------------------------------------------------------------


@contextmanager
def server(log: Callable[[str], None]) -> Iterator[str]:
    """A Bolt URL: the configured server, or one started for this run and stopped after."""
    configured = os.environ.get("BENCH_NEO4J_URL") or os.environ.get("PARTNERGRAPH_TEST_NEO4J")
    if configured:
        log(f"using {backend.connection_for(configured).uri} (its database is wiped)")
        yield configured
        return
    with tempfile.TemporaryDirectory(prefix="pg-neo4j-bench-") as home:
        started = time.perf_counter()
        proc = subprocess.Popen(
            ["bash", str(SCRIPT), "run", "--home", home, "--http-port", "-1"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdout is not None
        try:
            url = None
            deadline = time.monotonic() + 600
            while url is None and time.monotonic() < deadline and proc.poll() is None:
                if select.select([proc.stdout], [], [], 1.0)[0]:
                    line = proc.stdout.readline()
                    if line.startswith("partnergraph-neo4j ready "):
                        url = line.split(" bolt=", 1)[1].split()[0]
            if url is None:
                raise SystemExit("neo4j_bench: the Neo4j server did not start")
            log(f"started Neo4j at {url} in {time.perf_counter() - started:.1f} s")
            # Authentication is on: the launcher keeps the password in its home.
            password = quote((Path(home) / backend.PASSWORD_FILE).read_text().strip(), safe="")
            yield url.replace("://", f"://neo4j:{password}@", 1)
        finally:
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    stream.close()  # the launcher stops when its stdin closes
            try:
                proc.wait(timeout=90)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _driver(url: str) -> neo4j.Driver:
    """A plain driver for ``url``, with the credentials partnergraph would use."""
    target = backend.connection_for(url)
    return neo4j.GraphDatabase.driver(
        target.uri, auth=target.auth, notifications_min_severity="OFF"
    )


# -- the floor: the same rows, plain UNWIND … CREATE ---------------------------------------

_FLOOR_ENTITIES = {
    t: f"UNWIND $rows AS r CREATE (e:Entity:{t.value}) SET e = r" for t in EntityType
}
_FLOOR_DOCUMENTS = "UNWIND $rows AS r CREATE (d:Document) SET d = r"
_FLOOR_FACTS = "UNWIND $rows AS r CREATE (f:Fact) SET f = r"
_FLOOR_VERSIONS = {
    rel: "UNWIND $rows AS r MATCH (s:Entity {id: r.subject}), (o:Entity {id: r.object}) "
    f"CREATE (s)-[x:{rel.neo4j_type}]->(o) SET x = r.props"
    for rel in Relation
}
_FLOOR_EVIDENCE = (
    "UNWIND $rows AS r MATCH (f:Fact {id: r.fact_id}), (d:Document {id: r.document_id}) "
    "CREATE (d)-[st:STATES]->(f) SET st = r.props"
)
# The same, with instants sent as [epoch seconds, nanoseconds] as the push sends them
# (the driver's pure-Python packer is slow on datetime values).
_AT = "datetime({epochSeconds: r.at[0], nanosecond: r.at[1]})"
_UNTIL = (
    "CASE WHEN r.until IS NULL THEN null "
    "ELSE datetime({epochSeconds: r.until[0], nanosecond: r.until[1]}) END"
)
_FLOOR_VERSIONS_EPOCH = {
    rel: "UNWIND $rows AS r MATCH (s:Entity {id: r.subject}), (o:Entity {id: r.object}) "
    f"CREATE (s)-[x:{rel.neo4j_type}]->(o) "
    f"SET x = r.props, x.recorded_at = {_AT}, x.superseded_at = {_UNTIL}"
    for rel in Relation
}
_FLOOR_EVIDENCE_EPOCH = (
    "UNWIND $rows AS r MATCH (f:Fact {id: r.fact_id}), (d:Document {id: r.document_id}) "
    f"CREATE (d)-[st:STATES]->(f) SET st = r.props, st.recorded_at = {_AT}"
)


def _epoch(moment: datetime) -> list[int]:
    delta = moment.astimezone(UTC) - datetime(1970, 1, 1, tzinfo=UTC)
    return [delta.days * 86_400 + delta.seconds, delta.microseconds * 1000]


def epoch_rows(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The floor's fact rows with their instants as [epoch seconds, nanoseconds]."""
    out = []
    for f in facts:
        versions = []
        for rel, row in f["versions"]:
            props = dict(row["props"])
            at = _epoch(props.pop("recorded_at"))
            until = props.pop("superseded_at", None)
            versions.append(
                (rel, row | {"props": props, "at": at, "until": until and _epoch(until)})
            )
        evidence = []
        for e in f["evidence"]:
            props = dict(e["props"])
            evidence.append(e | {"props": props, "at": _epoch(props.pop("recorded_at"))})
        out.append(f | {"versions": versions, "evidence": evidence})
    return out


def floor_rows(source: SQLiteStore) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(entity rows, per-fact rows) holding everything a push writes, prepared up front."""
    entities = [
        {
            "id": e.id,
            "type": e.type.value,
            "name": e.name,
            "aliases": list(e.aliases),
            "names_folded": list(dict.fromkeys(n.casefold() for n in e.all_names())),
            "wikidata": e.wikidata,
        }
        for e in source.all_entities()
    ]
    by_fact: dict[str, dict[str, Any]] = {}
    for v in source.find_facts(FactPattern(include_superseded=True)):
        if v.superseded_at is not None and v.superseded_at == v.recorded_at:
            continue
        assert v.recorded_at is not None
        row = by_fact.setdefault(
            v.id,
            {
                "key": {
                    "id": v.id,
                    "relation": v.relation.value,
                    "subject": v.subject,
                    "object": v.object,
                },
                "versions": [],
                "evidence": [],
            },
        )
        props = backend._version_props(v, v.recorded_at)
        if v.superseded_at is not None:
            props["superseded_at"] = v.superseded_at
        row["versions"].append(
            (v.relation, {"subject": v.subject, "object": v.object, "props": props})
        )
        if v.superseded_at is None:
            for ev in v.evidence:
                e_row = backend._evidence_row(ev, v.recorded_at)
                row["evidence"].append(
                    {"fact_id": v.id, "document_id": ev.document_id, "props": e_row["props"]}
                )
    seen: set[str] = set()
    for row in by_fact.values():  # each document once, with the first fact that cites it
        row["documents"] = []
        for e in row["evidence"]:
            if e["document_id"] not in seen:
                seen.add(e["document_id"])
                props = e["props"]
                row["documents"].append(
                    {"id": e["document_id"], "url": props["url"], "published": props["published"]}
                )
    return entities, list(by_fact.values())


def floor_load(
    url: str,
    entities: list[dict[str, Any]],
    facts: list[dict[str, Any]],
    batch: int,
    epoch: bool = False,
) -> float:
    """Seconds to write the prepared rows with the driver, one transaction per batch."""
    versions_query = _FLOOR_VERSIONS_EPOCH if epoch else _FLOOR_VERSIONS
    evidence_query = _FLOOR_EVIDENCE_EPOCH if epoch else _FLOOR_EVIDENCE
    with _driver(url) as driver:
        t0 = time.perf_counter()
        with driver.session(database=backend.DEFAULT_DATABASE) as session:
            for i in range(0, len(entities), batch):
                chunk = entities[i : i + batch]

                def put_entities(
                    tx: neo4j.ManagedTransaction, chunk: list[dict[str, Any]] = chunk
                ) -> None:
                    for t in EntityType:
                        rows = [r for r in chunk if r["type"] == t.value]
                        if rows:
                            tx.run(_FLOOR_ENTITIES[t], rows=rows).consume()

                session.execute_write(put_entities)
            for i in range(0, len(facts), batch):
                chunk = facts[i : i + batch]

                def put_facts(
                    tx: neo4j.ManagedTransaction, chunk: list[dict[str, Any]] = chunk
                ) -> None:
                    evidence = [e for f in chunk for e in f["evidence"]]
                    docs = [d for f in chunk for d in f["documents"]]
                    tx.run(_FLOOR_DOCUMENTS, rows=docs).consume()
                    tx.run(_FLOOR_FACTS, rows=[f["key"] for f in chunk]).consume()
                    by_rel: dict[Relation, list[dict[str, Any]]] = {}
                    for f in chunk:
                        for rel, row in f["versions"]:
                            by_rel.setdefault(rel, []).append(row)
                    for rel, rows in by_rel.items():
                        tx.run(versions_query[rel], rows=rows).consume()
                    tx.run(evidence_query, rows=evidence).consume()

                session.execute_write(put_facts)
        return time.perf_counter() - t0


# -- the scenarios ------------------------------------------------------------------------


def _per_s(n: int, seconds: float) -> dict[str, Any]:
    return {"seconds": round(seconds, 3), "per_s": round(n / seconds, 1), "facts": n}


def push_vs_floor(
    url: str, source: SQLiteStore, n: int, batch: int, rounds: int, log: Callable[[str], None]
) -> Result:
    entities, facts = floor_rows(source)
    facts_epoch = epoch_rows(facts)
    target = Neo4jStore.from_url(url)
    floor_s: list[float] = []
    epoch_s: list[float] = []
    push_s: list[float] = []
    try:
        for r in range(rounds):  # alternate, so load from elsewhere hits both alike
            target.delete_everything()
            floor_s.append(floor_load(url, entities, facts, batch))
            log(f"round {r + 1}: floor {n / floor_s[-1]:,.0f} facts/s")
            target.delete_everything()
            epoch_s.append(floor_load(url, entities, facts_epoch, batch, epoch=True))
            log(f"round {r + 1}: floor (epoch instants) {n / epoch_s[-1]:,.0f} facts/s")
            target.delete_everything()
            t0 = time.perf_counter()
            summary = push(source, target, "bench-source", batch_size=batch)
            push_s.append(time.perf_counter() - t0)
            assert summary.facts == len(facts), (summary, len(facts))
            log(f"round {r + 1}: push  {n / push_s[-1]:,.0f} facts/s")
    finally:
        target.close()
    versions = sum(len(f["versions"]) for f in facts)
    evidence = sum(len(f["evidence"]) for f in facts)
    documents = sum(len(f["documents"]) for f in facts)
    rows = len(entities) + documents + len(facts) + versions + evidence
    floor = _per_s(n, min(floor_s)) | {"all_seconds": [round(s, 3) for s in floor_s]}
    floor["rows_per_s"] = round(rows / min(floor_s), 1)
    return Result(
        scenario="neo4j push",
        size=str(n),
        kind="throughput",
        ours=_per_s(n, min(push_s)) | {"all_seconds": [round(s, 3) for s in push_s]},
        floor=floor,
        peers={
            "floor, instants as epoch ints": _per_s(n, min(epoch_s))
            | {"all_seconds": [round(s, 3) for s in epoch_s]}
        },
        target=PUSH_TARGET,
        notes=[
            f"best of {rounds}; batch {batch} facts; rows: {len(entities)} entities, "
            f"{documents} documents, {len(facts)} facts, {versions} versions, "
            f"{evidence} evidence",
            "floor rows are prepared before the clock starts; the push reads its source "
            "(SQLite) and builds its rows inside the timing",
        ],
    )


def write_path(
    url: str, graph: SyntheticGraph, n: int, batch: int, log: Callable[[str], None]
) -> Result:
    target = Neo4jStore.from_url(url)
    try:
        target.delete_everything()
        facts = graph.facts[:n]
        ends = {e for f in facts for e in (f.subject, f.object)}
        target.write(Batch(entities=tuple(e for e in graph.entities if e.id in ends)))
        t0 = time.perf_counter()
        for i in range(0, len(facts), batch):
            target.write(Batch(facts=facts[i : i + batch]))
        seconds = time.perf_counter() - t0
    finally:
        target.close()
    log(f"write {n / seconds:,.0f} facts/s")
    return Result(
        scenario="Neo4jStore.write",
        size=str(n),
        kind="throughput",
        ours=_per_s(n, seconds),
        notes=[f"Batch of {batch} facts per write (one transaction each), entities written first"],
    )


def as_of_lookups(
    url: str, graph: SyntheticGraph, n_queries: int, rounds: int, log: Callable[[str], None]
) -> Result:
    """Run after a push: the database holds the graph."""
    questions = query_sample(graph, n_queries)
    store = Neo4jStore.from_url(url)
    driver = _driver(url)

    def through_store(q: tuple[str, date]) -> object:
        return queries.relations(store, q[0], as_of=q[1])

    def with_driver(q: tuple[str, date]) -> object:
        entity, day = q
        out: list[neo4j.Record] = []
        for pattern in (FactPattern(entity, None, None, day), FactPattern(None, None, entity, day)):
            text = backend._facts_query(pattern)
            params = backend._facts_params(pattern)

            def work(tx: neo4j.ManagedTransaction) -> list[neo4j.Record]:
                return list(tx.run(text, params))  # noqa: B023 (called at once)

            # One session per query, as Neo4jStore.find_facts opens one.
            with driver.session(
                database=store.database, default_access_mode=neo4j.READ_ACCESS
            ) as s:
                out.extend(s.execute_read(work))
        return out

    try:
        times = interleaved_latencies(
            {"store": through_store, "driver": with_driver}, questions, rounds=rounds
        )
    finally:
        driver.close()
        store.close()
    ours, floor = latency_summary(times["store"]), latency_summary(times["driver"])
    log(f"as-of p50 store {ours['p50_ms']} ms, driver {floor['p50_ms']} ms")
    return Result(
        scenario="relations as of (Neo4j)",
        size=str(len(graph.facts)),
        ours=ours,
        floor=floor,
        notes=["queries.relations through Neo4jStore vs the same two queries with the driver"],
    )


def run(
    n_facts: int,
    write_facts: int,
    batch: int,
    n_queries: int,
    rounds: int,
    seed: int,
    log: Callable[[str], None],
) -> list[Result]:
    graph = generate(n_facts, seed)
    with tempfile.TemporaryDirectory(prefix="pg-neo4j-bench-src-") as tmp:
        path = Path(tmp) / "source.db"
        loaded = load_store(graph, path)
        log(f"source store: {n_facts} facts in {loaded['seconds']} s (SQLite)")
        source = SQLiteStore(path)
        try:
            with server(log) as url:
                # The push rounds first: they also warm the server's JIT for the rest.
                pushed = push_vs_floor(url, source, n_facts, batch, rounds, log)
                results = [
                    pushed,
                    as_of_lookups(url, graph, n_queries, rounds, log),  # needs the pushed graph
                    write_path(url, graph, min(write_facts, n_facts), batch, log),
                ]
        finally:
            source.close()
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000, help="facts pushed (default 10000)")
    parser.add_argument("--write-facts", type=int, default=2_000, help="facts through write()")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--queries", type=int, default=300, help="as-of questions per round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=RESULTS / "neo4j.json")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    started = time.perf_counter()
    results = run(
        args.facts, args.write_facts, args.batch_size, args.queries, args.rounds, args.seed, log
    )
    doc = {
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "facts": args.facts,
        "seed": args.seed,
        "batch_size": args.batch_size,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "elapsed_s": round(time.perf_counter() - started, 1),
        "results": [r.as_dict() for r in results],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(doc, indent=2, default=str) + "\n")
    for r in results:
        d = r.as_dict()
        print(f"{r.scenario} ({r.size}): ours {r.ours}")
        if r.floor:
            print(f"    floor {r.floor}")
            print(f"    ours/floor = {d['ratios']['ours/floor']}  {r.target}")
        for name, figures in r.peers.items():
            print(f"    {name} {figures}")
            print(f"    ours/({name}) = {d['ratios'][f'ours/{name}']}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
