"""Read-only SPARQL over the RDF export, with Oxigraph (pyoxigraph) as the engine.

Why Oxigraph: ``bench/sparql_engines.py`` loads the same export into an
rdflib Dataset and into a pyoxigraph Store and runs the example queries.
Oxigraph loads the export 10 to 33 times faster (and the dataset is rebuilt
after every store change), answers the selective example queries as fast or
faster and the aggregate one 40 to 60 times faster, keeps the data outside
the Python heap, and yields results lazily (numbers in ``docs/sparql.md``).

The dataset is the store's export (N-Quads), cached, and rebuilt when the store
changes: when the backend has the :class:`graph.store.Revisioned` capability
(:func:`graph.queries.revision`, the same marker ``GET /paths`` uses) a change is
seen on the next query;
otherwise the cache lives ``ttl_seconds``, and :meth:`SparqlDataset.invalidate`
drops it at once. It is also rebuilt when the day changes, since the direct
triples hold "as of today".

Queries run in worker processes (:mod:`graph.sparql_worker`): each holds its own
Oxigraph copy of the export, a query past its time limit is stopped by killing its
worker, at most ``workers`` queries run at once and as many wait, and a worker cannot
open a socket. This process keeps the export's N-Quads bytes (about 190 bytes a quad)
to load new workers from.

Queries are the user's text, passed as is (it *is* the query); nothing is
ever formatted into a query text here. Refused: updates (Oxigraph's ``query``
cannot run them anyway), ``SERVICE`` (Oxigraph would fetch remote endpoints: a
server-side request on the user's behalf; decided on the parsed query), and
anything over the time limit (stopped) or the result limit (truncated, and said so).
"""

from __future__ import annotations

import threading
import time
import tomllib
from collections.abc import Callable
from datetime import date
from importlib import resources
from typing import Any

import pyoxigraph as ox

from graph import queries
from graph.rdf import export_chunks
from graph.rdf_vocab import PREFIXES, RdfConfig, data_prefixes
from graph.sparql_worker import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    Answer,
    Export,
    QueryBusy,
    QueryRefused,
    QueryTimeout,
    WorkerPool,
    check_query,
)
from graph.store import Store

__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "Answer",
    "QueryBusy",
    "QueryRefused",
    "QueryTimeout",
    "SparqlDataset",
    "check_query",
    "example_queries",
]

#: Export chunks are joined up to about this size before they travel to a worker.
_CHUNK_BYTES = 4 << 20


def example_queries() -> dict[str, dict[str, str]]:
    """The documented example queries (``graph/rdf_data/example_queries.toml``)."""
    text = resources.files("graph.rdf_data").joinpath("example_queries.toml").read_text("utf-8")
    queries: dict[str, dict[str, str]] = tomllib.loads(text)
    return queries


# -- the cached dataset -----------------------------------------------------------------


class SparqlDataset:
    """The store's export, rebuilt when the store changes, queried in worker processes.

    ``workers`` queries run at once (each in its own process, holding its own copy of
    the export); ``waiting`` more (default: as many) may wait for a worker; past that
    a query is refused at once with :class:`QueryBusy`. Call :meth:`close` to end the
    workers (they also end when this object is dropped, or with the interpreter).
    """

    def __init__(
        self,
        store: Store,
        config: RdfConfig | None = None,
        ttl_seconds: float = 60.0,
        today: Callable[[], date] = date.today,
        workers: int = 2,
        waiting: int | None = None,
    ) -> None:
        self.store = store
        self.config = config or RdfConfig()
        self.ttl_seconds = ttl_seconds
        self._today = today
        self._lock = threading.Lock()
        self._export: Export | None = None
        self._built_for: tuple[Any, ...] | None = None
        self._built_at = 0.0
        self.builds = 0
        self.pool = WorkerPool(workers, waiting)

    def _marker(self) -> tuple[Any, ...]:
        return (self._today(), queries.revision(self.store))

    def _fresh(self, marker: tuple[Any, ...]) -> bool:
        if self._export is None or marker != self._built_for:
            return False
        has_marker = marker[1] is not None
        return has_marker or time.monotonic() - self._built_at < self.ttl_seconds

    def invalidate(self) -> None:
        with self._lock:
            self._export = None

    def get(self) -> Export:
        """The current export, rebuilt first if the store changed."""
        with self._lock:
            marker = self._marker()
            if not self._fresh(marker) or self._export is None:
                self.builds += 1
                self._export = Export(self.builds, self._build(marker[0]))
                self._built_for, self._built_at = marker, time.monotonic()
            return self._export

    def _build(self, day: date) -> tuple[bytes, ...]:
        chunks: list[bytes] = []
        pending: list[bytes] = []
        size = 0
        for chunk in export_chunks(self.store, "nquads", day, self.config):
            pending.append(chunk)  # whole lines, and no blank nodes: safe to join
            size += len(chunk)
            if size >= _CHUNK_BYTES:
                chunks.append(b"".join(pending))
                pending, size = [], 0
        if pending:
            chunks.append(b"".join(pending))
        return tuple(chunks)

    def query(
        self,
        query: str,
        *,
        result_format: str = "json",
        graph_format: str = "turtle",
        max_results: int = 10_000,
        timeout_seconds: float = 10.0,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Answer:
        """Run a read-only query in a worker; at most ``max_results`` results.

        A query past ``timeout_seconds`` is stopped (its worker is killed) and raises
        :class:`QueryTimeout`; the wait for a free worker is bounded by the same time.
        """
        if result_format not in RESULT_FORMATS or graph_format not in GRAPH_FORMATS:
            raise ValueError(f"unknown format {result_format!r} / {graph_format!r}")
        for graph in [*(default_graphs or []), *(named_graphs or [])]:
            try:
                ox.NamedNode(graph)
            except ValueError as exc:
                raise QueryRefused(f"invalid graph IRI: {exc}", "syntax") from None
        request = {
            "query": query,
            "prefixes": {**PREFIXES, **data_prefixes()},
            "result_format": result_format,
            "graph_format": graph_format,
            "max_results": max_results,
            "timeout": timeout_seconds,
            "default_graphs": list(default_graphs or []),
            "named_graphs": list(named_graphs or []),
        }
        return self.pool.query(self.get, request, timeout_seconds)

    def close(self) -> None:
        """End the worker processes (idempotent)."""
        self.pool.close()
