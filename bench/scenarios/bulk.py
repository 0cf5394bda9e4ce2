"""Scenario 4: bulk load of facts.

ours   ``SQLiteStore.write(Batch)`` per chunk of 5,000 (entities, then facts), as
       :func:`bench.build.load_store` ran it when the store was built
floor  ``executemany`` of the very rows that load produced (every table, every
       version) into a fresh database with the same schema, indexes and pragmas,
       one transaction per chunk of the same size
peers  Neo4j (``--neo4j``): ``partnergraph neo4j push`` of this very store into an
       empty database (``neo4j-push``) and raw ``UNWIND … CREATE`` of the same rows
       (``neo4j-unwind``), as measured by :func:`bench.neo4j_bench.push_vs_floor`
       (best of its rounds); their ratio is the "neo4j push" row
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from bench.build import CHUNK, BuiltStore, readonly, remove_db
from bench.measure import Result
from bench.scenarios import neo4j_peer
from graph.stores.sqlite import SQLiteStore

TABLES = ("entities", "entity_names", "documents", "facts", "evidence", "corrections")
TARGET = "ours ≥ 0.5× executemany (≥ 0.7× once indexes are deferred)"


def executemany_load(source: Path, target: Path) -> float:
    """Copy every row of ``source`` into a fresh store schema at ``target``; seconds taken."""
    remove_db(target)
    SQLiteStore(target).close()  # the same schema, indexes included
    src = readonly(source)
    tables = {t: src.execute(f"SELECT * FROM {t}").fetchall() for t in TABLES}  # noqa: S608
    src.close()
    conn = sqlite3.connect(str(target), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    t0 = time.perf_counter()
    for table, rows in tables.items():
        if not rows:
            continue
        marks = ", ".join("?" * len(rows[0]))
        sql = f"INSERT INTO {table} VALUES ({marks})"  # noqa: S608 (constant table names)
        for i in range(0, len(rows), CHUNK):
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(sql, rows[i : i + CHUNK])
            conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds = time.perf_counter() - t0
    conn.close()
    remove_db(target)
    return seconds


def _peers(neo4j: neo4j_peer.Neo4jPeer) -> dict[str, dict[str, Any]]:
    if neo4j.push is None or neo4j.unwind is None:
        return {"neo4j-push": neo4j.status, "neo4j-unwind": neo4j.status}
    return {"neo4j-push": neo4j.push, "neo4j-unwind": neo4j.unwind}


def run(
    built: BuiltStore, size: str, workdir: Path, neo4j: neo4j_peer.Neo4jPeer | None = None
) -> Result:
    peers = _peers(neo4j or neo4j_peer.Neo4jPeer())
    seconds = executemany_load(built.path, workdir / f"floor-{size}.db")
    n = built.n_facts
    floor = {"seconds": round(seconds, 3), "per_s": round(n / seconds, 1)}
    ours = {
        "seconds": built.load["seconds"],
        "per_s": built.load["facts_per_s"],
        "peak_rss_growth_mb": built.load.get("rss_growth_mb"),
    }
    notes = ["per_s: facts per second (with their entities and 1–3 evidence rows each)"]
    if neo4j is not None and neo4j.push is not None:
        notes.append(
            "neo4j-push / neo4j-unwind: best of the neo4j push row's rounds, batch of "
            f"{neo4j.push.get('batch', '?')} facts per transaction, into an empty database"
        )
    if built.cached:
        notes.append(
            f"ours measured when the cached store was built ({built.load.get('built_at')})"
        )
    return Result(
        scenario="bulk load",
        size=size,
        kind="throughput",
        ours=ours,
        floor=floor,
        peers=peers,
        target=TARGET,
        notes=notes,
    )
