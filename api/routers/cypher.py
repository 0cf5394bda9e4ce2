"""``POST /cypher``: read-only Cypher over HTTP, when the store is Neo4j.

* The body is JSON: ``{"query": "MATCH …", "parameters": {…}}``. Values go in
  ``parameters`` (``$name`` in the query); the query runs in a READ
  transaction (:meth:`graph.stores.neo4j.Neo4jStore.read_cypher`), so the
  server itself refuses any write: 403 problem, nothing written.
* Limits from the settings: ``cypher_timeout`` seconds (a server-side
  transaction timeout; 504 beyond) and ``cypher_max_rows`` rows (the answer is
  cut there and says so: ``truncated: true``).
* Values come back as JSON: dates and times as ISO 8601 strings, nodes as
  ``{id, labels, properties}``, relationships as ``{id, type, start, end,
  properties}``, paths as ``{nodes, relationships}``.
* Bad Cypher: 422 problem naming ``query``. On another store (SQLite): 501
  problem, Cypher needs the Neo4j store. The server unreachable: 503.

Open like the other reads (no bearer token): the database is read-only
through here, and every query is bounded by the timeout and the row limit.
Put the API behind a proxy, or leave ``--db`` on SQLite, to keep Cypher
private.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, ConfigDict, Field

from api.auth import problem_response
from api.deps import SettingsDep, StoreDep
from api.errors import problem_responses

router = APIRouter(tags=["cypher"])

EXAMPLE_QUERY = (
    "MATCH (c:Entity {id: $company})-[r:PARTNERS_WITH]-(p:Entity) "
    "WHERE r.superseded_at IS NULL RETURN p.name AS partner, r.valid_from AS since"
)
EXAMPLE_REQUEST: dict[str, Any] = {"query": EXAMPLE_QUERY, "parameters": {"company": "microsoft"}}
EXAMPLE_ANSWER: dict[str, Any] = {
    "columns": ["partner", "since"],
    "rows": [{"partner": "OpenAI", "since": "2019-07-01"}],
    "truncated": False,
    "max_rows": 1000,
}


class CypherIn(BaseModel):
    """A read-only Cypher query and its parameters."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_REQUEST]})

    query: str = Field(
        min_length=1,
        max_length=100_000,
        description="Cypher; values as `$name` parameters, never spliced into the text",
        examples=[EXAMPLE_QUERY],
    )
    parameters: dict[str, Any] = Field(
        default_factory=dict,
        description="Values for the query's `$name` parameters (JSON values)",
        examples=[{"company": "microsoft"}],
    )


class CypherOut(BaseModel):
    """The rows a query returned, with JSON values."""

    columns: list[str] = Field(
        description="The returned keys, in order (empty when no row came back)"
    )
    rows: list[dict[str, Any]] = Field(description="One object per row, keyed by column")
    truncated: bool = Field(description="True when more rows existed beyond `max_rows`")
    max_rows: int = Field(description="This server's row limit (settings.cypher_max_rows)")


@router.post(
    "/cypher",
    response_model=CypherOut,
    summary="Run a read-only Cypher query (Neo4j store only)",
    description=(
        "Runs `query` with `parameters` in a read transaction on the Neo4j store. A query "
        "that writes is refused by the server (403, nothing written); one that runs "
        "longer than the server's `cypher_timeout` is stopped (504); answers are cut at "
        "`cypher_max_rows` rows (`truncated: true`). Dates come back as ISO strings, "
        "nodes and relationships as objects with their labels or type and properties. "
        "Open like the other reads. On a SQLite store: 501."
    ),
    responses={
        200: {"content": {"application/json": {"example": EXAMPLE_ANSWER}}},
        403: problem_response(
            403,
            "The query tries to write: only read-only Cypher runs here",
            "query: this query writes, and only read-only Cypher is allowed here",
            "/cypher",
        ),
        **problem_responses(422),
        501: problem_response(
            501,
            "The store is not Neo4j",
            "Cypher needs the Neo4j store: start the API with --db bolt://host:7687",
            "/cypher",
        ),
        **problem_responses(503),
        504: problem_response(
            504,
            "The query ran past the server's cypher_timeout",
            "query: the query ran longer than 10 s and was stopped",
            "/cypher",
        ),
    },
)
def run_cypher(body: CypherIn, store: StoreDep, settings: SettingsDep) -> CypherOut:
    read_cypher = getattr(store, "read_cypher", None)
    if read_cypher is None:
        raise HTTPException(
            501,
            f"Cypher needs the Neo4j store; this server uses {settings.store_kind} "
            "(start the API with --db bolt://host:7687)",
        )
    # Only a Neo4j store has read_cypher: its module (and the driver) is loaded by now.
    from graph.stores.neo4j import QueryTimedOut, WriteRefused

    limit = settings.cypher_max_rows
    try:
        rows: list[dict[str, Any]] = read_cypher(
            body.query,
            body.parameters,
            limit=limit + 1,
            timeout=settings.cypher_timeout,
            plain=True,
        )
    except WriteRefused as exc:
        raise HTTPException(403, exc.message) from exc
    except QueryTimedOut as exc:
        raise HTTPException(504, exc.message) from exc
    return CypherOut(
        columns=list(rows[0]) if rows else [],
        rows=rows[:limit],
        truncated=len(rows) > limit,
        max_rows=limit,
    )
