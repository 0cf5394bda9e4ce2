"""``GET/POST /sparql``: a read-only SPARQL 1.1 Protocol endpoint over the RDF export.

* ``GET /sparql?query=…``; ``POST`` a form (``application/x-www-form-urlencoded``,
  ``query=…``) or the query itself (``application/sparql-query``);
  ``default-graph-uri`` / ``named-graph-uri`` as the protocol says. Without
  ``default-graph-uri`` the default graph is the union of all graphs.
* Results by content negotiation (``Accept``): SELECT and ASK as
  ``application/sparql-results+json`` (default), ``application/sparql-results+xml``,
  ``text/csv`` or ``text/tab-separated-values``; CONSTRUCT and DESCRIBE as
  ``text/turtle`` (default), ``application/n-triples``, ``application/ld+json``
  or ``application/rdf+xml``. Nothing acceptable: 406.
* Read-only: updates (``update=``, ``application/sparql-update`` or an update
  text) answer 403; ``SERVICE`` answers 403 (no server-side fetches); a
  malformed query 400. Errors are ``application/problem+json``.
* Limits from the settings: ``sparql_timeout`` seconds (504 beyond, and the query
  is stopped: its worker process is killed), ``sparql_max_results`` rows (the answer
  is cut there and says so in the ``Partnergraph-Results-Truncated: true`` header)
  and ``sparql_workers`` queries at once, as many waiting (503 with ``Retry-After``
  beyond).

The engine is Oxigraph over the cached export, in worker processes (see
:mod:`graph.rdf_sparql` and :mod:`graph.sparql_worker`); they end with the app.
"""

from __future__ import annotations

import math
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any
from urllib.parse import parse_qs

import anyio
from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.responses import Response

from api.auth import problem_response
from api.deps import SettingsDep, StoreDep
from api.errors import problem_responses
from api.responses import body_schema
from api.settings import Settings
from graph.rdf_sparql import Answer, QueryBusy, QueryRefused, QueryTimeout, SparqlDataset
from graph.store import Store


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The app's SPARQL workers end with the app (merged into its lifespan by FastAPI)."""
    try:
        yield
    finally:
        close_sparql_dataset(app)


router = APIRouter(tags=["sparql"], lifespan=_lifespan)


RESULT_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_MEDIA = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
_RESULT_ACCEPT = {v: k for k, v in RESULT_MEDIA.items()} | {
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
_GRAPH_ACCEPT = {v: k for k, v in GRAPH_MEDIA.items()} | {"application/json": "jsonld"}


def negotiate(accept: str | None, offers: dict[str, str], default: str) -> str | None:
    """The offer the ``Accept`` header prefers (q-values honoured; exact beats wildcard)."""
    if accept is None or not accept.strip():
        return default
    best: tuple[float, str] | None = None
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        if q <= 0:
            continue
        if media in offers:
            name, rank = offers[media], q
        elif media in ("*/*", "application/*") or (
            media.endswith("/*") and offers_media(offers, default).startswith(media[:-1])
        ):
            name, rank = default, q - 1e-6
        else:
            continue
        if best is None or rank > best[0]:
            best = (rank, name)
    return best[1] if best else None


def offers_media(offers: dict[str, str], name: str) -> str:
    return next(media for media, offer in offers.items() if offer == name)


_STATE_LOCK = threading.Lock()


def sparql_dataset(app: FastAPI, store: Store, settings: Settings) -> SparqlDataset:
    """The app's cached SPARQL dataset, created on first use (and again for a new store)."""
    with _STATE_LOCK:
        dataset: SparqlDataset | None = getattr(app.state, "sparql_dataset", None)
        if dataset is None or dataset.store is not store:
            if dataset is not None:
                dataset.close()
            dataset = SparqlDataset(
                store,
                ttl_seconds=settings.sparql_ttl,
                workers=settings.sparql_workers,
            )
            app.state.sparql_dataset = dataset
        return dataset


def close_sparql_dataset(app: FastAPI) -> None:
    """End the app's SPARQL worker processes (idempotent; the next query starts new ones)."""
    with _STATE_LOCK:
        dataset: SparqlDataset | None = getattr(app.state, "sparql_dataset", None)
        app.state.sparql_dataset = None
    if dataset is not None:
        dataset.close()


def invalidate_sparql_dataset(app: FastAPI) -> None:
    """Call after a write through the API: the next query sees it without waiting for the TTL."""
    dataset: SparqlDataset | None = getattr(app.state, "sparql_dataset", None)
    if dataset is not None:
        dataset.invalidate()


async def _answer(
    request: Request,
    store: Store,
    settings: Settings,
    query: str | None,
    default_graphs: list[str],
    named_graphs: list[str],
) -> Response:
    if query is None:
        raise HTTPException(400, "missing the query: pass it as the `query` parameter")
    accept = request.headers.get("accept")
    result_format = negotiate(accept, _RESULT_ACCEPT, "json")
    graph_format = negotiate(accept, _GRAPH_ACCEPT, "turtle")
    if result_format is None and graph_format is None:
        raise HTTPException(406, _not_acceptable(accept))
    timeout = settings.sparql_timeout
    max_results = settings.sparql_max_results
    dataset = sparql_dataset(request.app, store, settings)

    def work() -> Answer:
        return dataset.query(
            query,
            result_format=result_format or "json",
            graph_format=graph_format or "turtle",
            max_results=max_results,
            timeout_seconds=timeout,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
        )

    # The thread waits for a worker process, which the pool kills at the time limit:
    # nothing is left running when the answer is a 504.
    try:
        answer = await anyio.to_thread.run_sync(work)
    except QueryTimeout:
        raise HTTPException(504, f"the query took longer than {timeout:g} s") from None
    except QueryBusy as exc:
        retry = str(max(1, math.ceil(timeout)))
        raise HTTPException(503, exc.message, headers={"Retry-After": retry}) from None
    except QueryRefused as exc:
        status = 400 if exc.refusal == "syntax" else 403
        raise HTTPException(status, exc.reason) from None
    if answer.kind == "graph":
        if graph_format is None:
            raise HTTPException(406, _not_acceptable(accept))
        media = GRAPH_MEDIA[answer.format]
    else:
        if result_format is None:
            raise HTTPException(406, _not_acceptable(accept))
        media = RESULT_MEDIA[answer.format]
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers["Partnergraph-Results-Truncated"] = "true"
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Response(answer.body, media_type=media + charset, headers=headers)


def _not_acceptable(accept: str | None) -> str:
    offered = ", ".join([*RESULT_MEDIA.values(), *GRAPH_MEDIA.values()])
    return f"cannot answer in {accept!r}; available: {offered}"


_DESCRIPTION = (
    "SPARQL 1.1 Protocol query endpoint, read-only, over the RDF export (see `GET /export` "
    "and docs/sparql.md for the vocabulary and example queries). Prefixes `pg:`, `pgp:`, "
    "`pgps:`, `pgq:`, `prov:`, `schema:`, `org:`, `wd:`, `wdt:`, `dcterms:`, `skos:`, `owl:`, "
    "`rdfs:`, `rdf:` and `xsd:` are predeclared. Example: "
    "`GET /sparql?query=SELECT ?s WHERE { ?s pg:partnersWith ?o } LIMIT 5`."
)
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Query results, in the negotiated format",
        "content": {m: {"schema": {"type": "string"}} for m in RESULT_MEDIA.values()}
        | {m: {"schema": body_schema(m)} for m in GRAPH_MEDIA.values()}
        | {
            "application/sparql-results+json": {
                "schema": {"type": "object"},
                "example": {
                    "head": {"vars": ["partner"]},
                    "results": {
                        "bindings": [
                            {
                                "partner": {
                                    "type": "uri",
                                    "value": "https://partnergraph.dev/id/entity/openai",
                                }
                            }
                        ]
                    },
                },
            }
        },
    },
    400: problem_response(400, "Malformed query or request", "invalid SPARQL query: …", "/sparql"),
    403: problem_response(
        403,
        "An update, or SERVICE: the endpoint is read-only",
        "this endpoint is read-only: SPARQL updates are refused",
        "/sparql",
    ),
    406: problem_response(
        406, "No acceptable result format", "cannot answer in 'image/png'; …", "/sparql"
    ),
    415: problem_response(
        415, "POST body of another type", "unsupported content type 'text/plain'", "/sparql"
    ),
    503: {
        **problem_response(
            503,
            "Every SPARQL worker is busy (or the store is unavailable); retry after the "
            "`Retry-After` seconds",
            "all 2 SPARQL workers are busy and the line is full",
            "/sparql",
        ),
        "headers": {
            "Retry-After": {
                "description": "Seconds to wait before retrying",
                "schema": {"type": "integer"},
            }
        },
    },
    504: problem_response(
        504,
        "Past the time limit (the query was stopped)",
        "the query took longer than 10 s",
        "/sparql",
    ),
    **problem_responses(422),
}

QueryParam = Annotated[
    str | None,
    Query(
        description="The SPARQL query",
        openapi_examples={
            "partners": {
                "summary": "Who partners with whom today",
                "value": "SELECT ?a ?b WHERE { ?a pg:partnersWith ?b } LIMIT 10",
            }
        },
    ),
]
DefaultGraphParam = Annotated[
    list[str] | None,
    Query(
        alias="default-graph-uri",
        description="Graphs whose union is the default graph",
        openapi_examples={
            "facts": {
                "summary": "Statements only",
                "value": ["https://partnergraph.dev/id/graph/facts"],
            }
        },
    ),
]
NamedGraphParam = Annotated[
    list[str] | None,
    Query(
        alias="named-graph-uri",
        description="Graphs visible to GRAPH clauses",
        openapi_examples={
            "facts": {
                "summary": "The statements graph",
                "value": ["https://partnergraph.dev/id/graph/facts"],
            }
        },
    ),
]


@router.get("/sparql", summary="SPARQL query (GET)", description=_DESCRIPTION, responses=_RESPONSES)
async def sparql_get(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    query: QueryParam = None,
    default_graph_uri: DefaultGraphParam = None,
    named_graph_uri: NamedGraphParam = None,
) -> Response:
    if "update" in request.query_params:
        raise HTTPException(403, "this endpoint is read-only: SPARQL updates are refused")
    if len(request.query_params.getlist("query")) > 1:
        raise HTTPException(400, "pass exactly one `query` parameter")
    return await _answer(
        request, store, settings, query, default_graph_uri or [], named_graph_uri or []
    )


@router.post(
    "/sparql",
    summary="SPARQL query (POST: form or application/sparql-query)",
    description=_DESCRIPTION,
    responses=_RESPONSES,
    openapi_extra={
        "requestBody": {
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {"query": {"type": "string"}},
                        "required": ["query"],
                    }
                },
                "application/sparql-query": {"schema": {"type": "string"}},
            }
        }
    },
)
async def sparql_post(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    default_graph_uri: DefaultGraphParam = None,
    named_graph_uri: NamedGraphParam = None,
) -> Response:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    limit = settings.max_body_bytes
    body = await request.body()
    if len(body) > limit:
        raise HTTPException(413, f"the request body is larger than {limit} bytes")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "the request body is not UTF-8") from None
    defaults, named = default_graph_uri or [], named_graph_uri or []
    if media == "application/sparql-update":
        raise HTTPException(403, "this endpoint is read-only: SPARQL updates are refused")
    if media == "application/sparql-query":
        return await _answer(request, store, settings, text, defaults, named)
    if media == "application/x-www-form-urlencoded":
        form = parse_qs(text, keep_blank_values=True)
        if "update" in form:
            raise HTTPException(403, "this endpoint is read-only: SPARQL updates are refused")
        queries = form.get("query", [])
        if len(queries) > 1:
            raise HTTPException(400, "pass exactly one `query` parameter")
        defaults = defaults + form.get("default-graph-uri", [])
        named = named + form.get("named-graph-uri", [])
        return await _answer(
            request, store, settings, queries[0] if queries else None, defaults, named
        )
    raise HTTPException(
        415,
        f"unsupported content type {media!r}: use application/x-www-form-urlencoded "
        "or application/sparql-query",
    )
