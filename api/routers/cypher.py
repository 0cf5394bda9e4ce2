"""``POST /cypher``: read-only Cypher over HTTP, when the store is Neo4j and it is switched on.

* **Off unless switched on** (``settings.cypher``, ``PARTNERGRAPH_CYPHER``): ``off``
  (the default) answers 404 saying how to turn it on; ``on`` needs the bearer token
  of the write routes (:func:`api.auth.require_write_token`); ``public`` is open.
* The body is JSON: ``{"query": "MATCH …", "parameters": {…}}``. Values go in
  ``parameters`` (``$name`` in the query), at most 20 levels deep (422 naming
  ``parameters`` beyond, before the driver sees them).
* The store decides what may run (:meth:`graph.stores.neo4j.Neo4jStore.read_cypher`):
  the server's own plan of the query (``EXPLAIN``) must be a graph read, so writes,
  ``LOAD CSV`` (files and URLs), ``SHOW``/``TERMINATE``, administration, and
  procedures or functions outside a small read-only allow-list answer 403 naming the
  reason; the query then runs in a read transaction.
* Limits from the settings: ``cypher_timeout`` seconds (a server-side transaction
  timeout; 504 beyond), the server's memory budget per transaction (422 beyond) and
  ``cypher_max_rows`` rows (the answer is cut there and says so: ``truncated: true``).
* Values come back as JSON: dates and times as ISO 8601 strings, nodes as
  ``{id, labels, properties}``, relationships as ``{id, type, start, end,
  properties}``, paths as ``{nodes, relationships}``.
* Bad Cypher: 422 problem naming ``query``. On another store (SQLite): 409 problem,
  Cypher needs the Neo4j store. The server unreachable: 503.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Protocol, runtime_checkable

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.auth import auth_responses, bearer, problem_response, require_write_token
from api.deps import SettingsDep, StoreDep
from api.errors import problem_responses
from graph.errors import InvalidInput
from graph.stores.neo4j_guard import (
    ALLOWED_PROCEDURES,
    MAX_PARAMETER_DEPTH,
    QueryRefused,
    QueryTimedOut,
    check_parameters,
)

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

#: The 404 detail while the switch is off.
OFF = (
    "POST /cypher is off on this server: start it with PARTNERGRAPH_CYPHER=on "
    "(the bearer token of the write routes is then required) or PARTNERGRAPH_CYPHER=public "
    "(open to every caller)"
)
NO_TOKEN = (
    "POST /cypher needs the bearer token (PARTNERGRAPH_CYPHER=on) and this server has "
    "none: set PARTNERGRAPH_API_TOKEN, or PARTNERGRAPH_CYPHER=public"
)


@runtime_checkable
class CypherReader(Protocol):
    """A store that runs untrusted read-only Cypher (the Neo4j store)."""

    def read_cypher(
        self,
        query: str,
        parameters: Mapping[str, Any] | None = None,
        *,
        limit: int = 1000,
        timeout: float = 30.0,
        plain: bool = False,
        checked: bool = True,
    ) -> list[dict[str, Any]]: ...


def cypher_switch(
    request: Request,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Let the request through only as ``settings.cypher`` says (off / on + token / public)."""
    if settings.cypher == "off":
        raise HTTPException(status.HTTP_404_NOT_FOUND, OFF)
    if settings.cypher == "on":
        if settings.api_token is None or not settings.api_token.get_secret_value():
            raise HTTPException(status.HTTP_403_FORBIDDEN, NO_TOKEN)
        require_write_token(request, settings, credentials)


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
        description=(
            "Values for the query's `$name` parameters (JSON values, at most "
            f"{MAX_PARAMETER_DEPTH} levels of lists and maps deep)"
        ),
        examples=[{"company": "microsoft"}],
    )

    @field_validator("parameters")
    @classmethod
    def _bounded(cls, value: dict[str, Any]) -> dict[str, Any]:
        try:
            check_parameters(value)
        except InvalidInput as exc:
            raise ValueError(exc.reason) from exc
        return value


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
    summary="Run a read-only Cypher query (Neo4j store; off unless PARTNERGRAPH_CYPHER is set)",
    description=(
        "Runs `query` with `parameters` in a read transaction on the Neo4j store. Off by "
        "default (404): `PARTNERGRAPH_CYPHER=on` requires the bearer token of the write "
        "routes (401 without it), `PARTNERGRAPH_CYPHER=public` opens it to every caller. "
        "The server's own plan of the query (`EXPLAIN`) must be a graph read: writes, "
        "`LOAD CSV` (files and URLs), `SHOW`/`TERMINATE` and administration commands, and "
        "procedures or functions outside a read-only allow-list ("
        + ", ".join(sorted(ALLOWED_PROCEDURES))
        + ") are refused (403, naming the reason, nothing run). A query that runs longer "
        "than the server's `cypher_timeout` is stopped (504); one that needs more memory "
        "than the database allows a transaction fails (422); answers are cut at "
        "`cypher_max_rows` rows (`truncated: true`). `parameters` nest at most "
        f"{MAX_PARAMETER_DEPTH} levels deep (422). Dates come back as ISO strings, nodes "
        "and relationships as objects with their labels or type and properties. On a "
        "store that is not Neo4j: 409."
    ),
    responses={
        200: {"content": {"application/json": {"example": EXAMPLE_ANSWER}}},
        401: auth_responses("/cypher")[401],
        403: problem_response(
            403,
            "The query is not a plain graph read (a write, LOAD CSV, SHOW/TERMINATE, "
            "administration, a procedure or function off the allow-list), or "
            "PARTNERGRAPH_CYPHER=on without a PARTNERGRAPH_API_TOKEN",
            "query: LOAD CSV reads files and URLs: refused here",
            "/cypher",
        ),
        404: problem_response(
            404, "Cypher is off on this server (PARTNERGRAPH_CYPHER)", OFF, "/cypher"
        ),
        409: problem_response(
            409,
            "The store is not Neo4j",
            "Cypher needs the Neo4j store; this server uses sqlite "
            "(start the API with --db bolt://host:7687)",
            "/cypher",
        ),
        **problem_responses(422),
        **problem_responses(503),
        504: problem_response(
            504,
            "The query ran past the server's cypher_timeout",
            "query: the query ran longer than 10 s and was stopped",
            "/cypher",
        ),
    },
    dependencies=[Depends(cypher_switch)],
)
def run_cypher(body: CypherIn, store: StoreDep, settings: SettingsDep) -> CypherOut:
    if not isinstance(store, CypherReader):
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            f"Cypher needs the Neo4j store; this server uses {settings.store_kind} "
            "(start the API with --db bolt://host:7687)",
        )
    limit = settings.cypher_max_rows
    try:
        rows = store.read_cypher(
            body.query,
            body.parameters,
            limit=limit + 1,
            timeout=settings.cypher_timeout,
            plain=True,
        )
    except QueryRefused as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, exc.message) from exc
    except QueryTimedOut as exc:
        raise HTTPException(status.HTTP_504_GATEWAY_TIMEOUT, exc.message) from exc
    return CypherOut(
        columns=list(rows[0]) if rows else [],
        rows=rows[:limit],
        truncated=len(rows) > limit,
        max_rows=limit,
    )
