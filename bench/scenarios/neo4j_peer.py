"""The Neo4j peers of the HTTP, path and bulk-load rows (``python -m bench --neo4j``).

Per size, :func:`load` pushes the very store the SQLite scenarios read (same
generator, same seed) into one Neo4j server, timing ``partnergraph neo4j
push`` against raw ``UNWIND … CREATE`` of the same rows
(:func:`bench.neo4j_bench.push_vs_floor`); the database then holds that graph
for the peers:

http    :data:`RELATIONS`: the question the SQL floor (``bench.peers.FLOOR_SQL``)
        answers, one row per (current fact holding on the day, live evidence),
        sent by the HTTP scenario's client process over Bolt, interleaved with
        the HTTP requests
paths   :data:`SHORTEST_PATH`: ``shortestPath`` over the relationships holding on
        the day (current versions only), undirected, ≤ 6 hops, the same pairs
bulk    the push's and the raw UNWIND's facts per second

Every query is constant text; every value (entity id, day, ends) is a
``$parameter``. Answers are checked against the SQL floor (rows) and networkx
(path lengths) before anything is timed.

Without ``--neo4j`` the cells say so (:func:`not_run`), never a number.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bench import peers

NOT_RUN = "run with --neo4j"

#: One entity's relations as of a day, with their live evidence: what FLOOR_SQL answers.
#: Entities link only to entities through fact relationships (``:Fact`` nodes link only
#: to documents), so the untyped pattern matches exactly the fact relationships.
RELATIONS = (
    "WITH date($day) AS day "
    "MATCH (s:Entity {id: $id})-[r]-(:Entity) "
    "WHERE r.superseded_at IS NULL "
    "AND (r.valid_from IS NULL OR r.valid_from <= day) "
    "AND (r.valid_to IS NULL OR day < r.valid_to) "
    "MATCH (:Fact {id: r.fact_id})<-[st:STATES]-(d:Document) "
    "WHERE st.retracted_at IS NULL "
    "RETURN r.fact_id AS fact_id, startNode(r).id AS subject, type(r) AS relation, "
    "endNode(r).id AS object, properties(r) AS fact, d.id AS document_id, "
    "properties(st) AS evidence"
)

#: The hop cap is part of the pattern (Cypher takes no parameter there): 6, as
#: ``bench.scenarios.paths.MAX_HOPS`` (checked by the paths scenario).
SHORTEST_PATH_MAX_HOPS = 6
SHORTEST_PATH = (
    "WITH date($day) AS day "
    "MATCH (a:Entity {id: $source}), (b:Entity {id: $target}) "
    "MATCH p = shortestPath((a)-[*..6]-(b)) "
    "WHERE all(r IN relationships(p) WHERE r.superseded_at IS NULL "
    "AND (r.valid_from IS NULL OR r.valid_from <= day) "
    "AND (r.valid_to IS NULL OR day < r.valid_to)) "
    "RETURN length(p) AS hops, [n IN nodes(p) | n.id] AS ids"
)

AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"


def not_run() -> dict[str, Any]:
    return {
        "status": NOT_RUN,
        "reason": "the Neo4j peers run only with `python -m bench --neo4j` (it starts a server)",
    }


def skipped_at(size: str, limit: int) -> dict[str, Any]:
    return {
        "status": "skipped",
        "reason": f"--neo4j runs up to {limit:,} facts; {size} is not loaded into Neo4j",
    }


def failed(exc: BaseException) -> dict[str, Any]:
    return {"status": "error", "reason": f"{type(exc).__name__}: {exc}"[:500]}


@dataclass
class Neo4jPeer:
    """One size's Neo4j: its Bolt URL once the graph is loaded, else what the cells say."""

    url: str | None = None
    status: dict[str, Any] = field(default_factory=not_run)
    push: dict[str, Any] | None = None  # facts/s of `partnergraph neo4j push`
    unwind: dict[str, Any] | None = None  # facts/s of raw UNWIND … CREATE, same rows


# -- the questions as parameters ------------------------------------------------------------


def relations_params(questions: Sequence[tuple[str, date]]) -> list[dict[str, Any]]:
    return [{"id": entity, "day": day.isoformat()} for entity, day in questions]


def path_params(pairs: Sequence[tuple[str, str]], day: date) -> list[dict[str, Any]]:
    return [{"source": a, "target": b, "day": day.isoformat()} for a, b in pairs]


# -- loading and checking -------------------------------------------------------------------


def _driver(url: str) -> Any:
    import neo4j

    from graph.stores.neo4j import connection_for

    target = connection_for(url)  # the server has authentication on
    return neo4j.GraphDatabase.driver(
        target.uri, auth=target.auth, notifications_min_severity="OFF"
    )


def _read(url: str, query: str, params: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    import neo4j

    with (
        _driver(url) as driver,
        driver.session(default_access_mode=neo4j.READ_ACCESS) as session,
    ):
        return [[r.data() for r in session.run(query, p)] for p in params]


def load(
    url: str, source_path: Any, n_facts: int, batch: int, rounds: int, log: Callable[[str], None]
) -> Any:
    """Push the built store into the (wiped) database, timed against raw UNWIND.

    Returns the ``neo4j push`` :class:`bench.measure.Result`; the pushed graph stays in
    the database, its indexes online.
    """
    from bench import neo4j_bench
    from graph.stores.sqlite import SQLiteStore

    source = SQLiteStore(source_path)
    try:
        result = neo4j_bench.push_vs_floor(url, source, n_facts, batch, rounds, log)
    finally:
        source.close()
    with _driver(url) as driver, driver.session() as session:
        session.run(AWAIT_INDEXES, seconds=600).consume()
    return result


def check_relations(
    url: str, conn: sqlite3.Connection, questions: Sequence[tuple[str, date]]
) -> dict[str, Any]:
    """Neo4j answers every question with the SQL floor's rows; raises if not."""
    answers = _read(url, RELATIONS, relations_params(questions))
    rows = 0
    for (entity, day), got in zip(questions, answers, strict=True):
        want = peers.floor_relations(conn, entity, day)
        keys = {
            (
                g["fact_id"],
                g["document_id"],
                g["evidence"].get("sentence"),
                g["evidence"].get("start"),
                g["evidence"].get("end"),
            )
            for g in got
        }
        if len(got) != len(want) or keys != peers.row_keys(want):
            raise AssertionError(
                f"Neo4j answers {entity} as of {day} with {len(got)} rows, "
                f"the SQL floor with {len(want)} (or other rows)"
            )
        rows += len(got)
    return {"rows_checked": rows}


def check_paths(url: str, pairs: Sequence[tuple[str, str]], day: date, lengths: list[int]) -> None:
    """Neo4j's shortest path has networkx's length for every pair; raises if not."""
    answers = _read(url, SHORTEST_PATH, path_params(pairs, day))
    for (a, b), got, want in zip(pairs, answers, lengths, strict=True):
        hops = got[0]["hops"] if got else None
        if hops != want:
            raise AssertionError(f"Neo4j shortestPath {a} → {b}: {hops} hops, networkx {want}")
