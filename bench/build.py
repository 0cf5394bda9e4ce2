"""Build a SQLite store from a synthetic graph, through the store's own ``write``.

Small sizes are built fresh each run (the build is the bulk-load measurement).
Large ones are cached under ``bench/.cache/`` keyed by size, seed and a
fingerprint of the generator and of the store's write path, with the load
timings beside them, so a full run does not spend its budget re-loading 1M
facts, and a changed write path is always measured afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.generate import SyntheticGraph, generate
from bench.measure import RssSampler
from graph.stores.sqlite import SQLiteStore

CACHE = Path(__file__).resolve().parent / ".cache"
CHUNK = 5_000


@dataclass
class BuiltStore:
    path: Path
    n_facts: int
    graph: SyntheticGraph
    load: dict[str, Any]  # seconds, facts_per_s, cached, built_at
    cached: bool


#: Bump to rebuild every cached store (e.g. after a change to what ``write`` stores).
CACHE_VERSION = 1


#: The files whose code a cached store's load timings measure (the bulk-load row).
WRITE_PATH = (
    "graph/changeset.py",
    "graph/stores/sqlite.py",
    "graph/stores/sqlite_schema.py",
    "graph/stores/sqlite_rows.py",
    "graph/stores/sqlite_read.py",
    "graph/stores/sqlite_write.py",
    "graph/temporal.py",
    "graph/gcpause.py",
    "graph/model.py",
)


def fingerprint() -> str:
    """Changes when the generator or the write path does (then cached stores are rebuilt).

    Not the schema: the store migrates a cached database forward when it opens it.
    """
    here = Path(__file__).resolve().parent
    src = (here / "generate.py").read_bytes()
    src += b"".join((here.parent / name).read_bytes() for name in WRITE_PATH)
    return hashlib.sha256(src + str(CACHE_VERSION).encode()).hexdigest()[:10]


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            p.unlink()


def load_store(
    graph: SyntheticGraph,
    path: Path,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Write the graph through ``SQLiteStore.write`` in chunks; the load timings."""
    remove_db(path)
    store = SQLiteStore(path)
    t0 = time.perf_counter()
    done = 0
    with RssSampler() as rss:
        for batch in graph.batches(CHUNK):
            store.write(batch)
            done += len(batch.facts)
            if progress is not None:
                progress(done)
        with store._reading() as conn:  # a checkpoint is part of a durable load
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
    seconds = time.perf_counter() - t0
    return {
        "seconds": round(seconds, 3),
        "facts_per_s": round(len(graph.facts) / seconds, 1),
        "evidence": graph.evidence_count,
        "entities": len(graph.entities),
        "rss_growth_mb": rss.growth_mb,
    }


def build(
    n_facts: int,
    seed: int,
    *,
    cache: bool,
    workdir: Path,
    progress: Callable[[int], None] | None = None,
) -> BuiltStore:
    """A store with ``n_facts`` synthetic facts (from the cache when ``cache`` and present)."""
    graph = generate(n_facts, seed)
    if cache:
        CACHE.mkdir(parents=True, exist_ok=True)
        path = CACHE / f"pg-{n_facts}-s{seed}-{fingerprint()}.db"
        meta_path = path.with_suffix(".json")
        if path.exists() and meta_path.exists():
            meta = json.loads(meta_path.read_text())
            return BuiltStore(path, n_facts, graph, meta, cached=True)
        tmp = path.with_suffix(".building.db")
        meta = load_store(graph, tmp, progress)
        meta["built_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        remove_db(path)
        os.replace(tmp, path)
        meta_path.write_text(json.dumps(meta, indent=2))
        return BuiltStore(path, n_facts, graph, meta, cached=False)
    path = workdir / f"pg-{n_facts}.db"
    meta = load_store(graph, path, progress)
    return BuiltStore(path, n_facts, graph, meta, cached=False)


def readonly(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection to a built store, as the floor and the peers read it."""
    # Not ``mode=ro``: a WAL database read-only cannot create its -shm file.
    return sqlite3.connect(str(path), check_same_thread=False)
