"""The FastAPI application factory.

No application is built at import: ``create_app(settings)`` builds one, and
its lifespan opens ONE store for the process and closes it on shutdown::

    uvicorn --factory api.app:create_app          # settings from PARTNERGRAPH_*

    >>> from api.settings import Settings
    >>> app = create_app(Settings(db="sqlite:///:memory:"))
    >>> app.title
    'partnergraph'
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute

from api import errors, mcp_http, pages, state
from api.etag import ETagMiddleware
from api.hosts import TrustedHosts
from api.limits import BodyLimitMiddleware
from api.routers import (
    cypher,
    documents,
    entities,
    export,
    facts,
    graph,
    health,
    history,
    sparql,
)
from api.schemas import ProblemOut
from api.settings import Settings, get_settings
from graph.store import open_store

DESCRIPTION = """\
A knowledge graph of corporate relationships from the news: facts
`subject —relation→ object` with valid time, transaction time and evidence.

**Time.** `as_of=YYYY-MM-DD` asks which facts *held* on that day (valid time;
default today); `known_at=<ISO date-time>` asks what the store *knew* then
(transaction time; default now). Dates in answers keep the precision of their
source: `2019`, `2025-08`, `2025-08-28`.

**Lists** take `limit` and answer one page; when more follow, a
`Link: <…&cursor=…>; rel="next"` header (RFC 8288) gives the next page's URL
(the cursor is opaque and bound to its query). **Reads** carry an `ETag`;
send it back as `If-None-Match` for a `304 Not Modified` while the answer is
unchanged.

**Errors** are `application/problem+json` (RFC 9457): `type`, `title`,
`status`, `detail`, `instance`, plus `name_tried` and `suggestions` for an
unknown entity, and `errors: [{parameter, message}]` for invalid parameters.
"""

TAGS: list[dict[str, Any]] = [
    {"name": "entities", "description": "Organizations, people and products, and their relations"},
    {"name": "facts", "description": "Facts by pattern, in valid and transaction time"},
    {"name": "history", "description": "Timelines, fact histories and the change feed"},
    {"name": "graph", "description": "Paths, neighbourhoods and rankings at a date"},
    {"name": "documents", "description": "Ingest an article (bearer token); read a stored one"},
    {
        "name": "export",
        "description": "The graph as RDF: Turtle, N-Triples, N-Quads, TriG, JSON-LD",
    },
    {"name": "sparql", "description": "SPARQL 1.1 Protocol endpoint (read-only)"},
    {"name": "health", "description": "Is the service up?"},
]


ROUTERS: tuple[APIRouter, ...] = (
    health.router,
    entities.router,
    facts.router,
    history.router,
    graph.router,
    documents.router,
    export.router,
    sparql.router,
    cypher.router,
    pages.router,
)


def _version() -> str:
    try:
        return version("partnergraph")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0.0.0"


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the API; ``settings`` default to :func:`api.settings.get_settings`."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = open_store(settings.db)
        app.state.store = store
        try:
            async with mcp_http.running(app, settings, app.version):  # /mcp's task group
                yield
        finally:
            state.close(app)  # the graph snapshots' worker threads
            app.state.store = None
            store.close()

    app = FastAPI(
        title="partnergraph",
        description=DESCRIPTION,
        version=_version(),
        openapi_tags=TAGS,
        docs_url=None,  # /docs and /redoc: api/pages.py, from vendored assets
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = None
    errors.install(app)
    app.add_middleware(ETagMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET"],
            allow_headers=["*"],
            expose_headers=["ETag", "Link"],
        )
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    # Outermost: a request for another host name (DNS rebinding) is refused before anything.
    app.add_middleware(TrustedHosts, allowed_hosts=settings.trusted_hosts)
    for router in ROUTERS:
        app.include_router(router)
    mcp_http.mount(app)  # /mcp, the MCP server (docs/mcp.md)
    app.openapi = _finish_openapi(app, app.openapi, settings)  # type: ignore[method-assign]
    return app


def _finish_openapi(
    app: FastAPI, build: Callable[[], dict[str, Any]], settings: Settings
) -> Callable[[], dict[str, Any]]:
    """Complete FastAPI's document with what only the app knows.

    - the ``Problem`` schema that every error response refers to;
    - ``maximum: settings.max_limit`` on every ``limit`` parameter (the cap is
      per app, so the routers cannot declare it);
    - the response examples verbatim: FastAPI drops ``None`` values while
      encoding the document, and an example without ``"valid_to": null``
      would suggest the field is optional.
    """

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        problem = ProblemOut.model_json_schema(ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(problem.pop("$defs", {}))
        components["Problem"] = problem
        for item in schema["paths"].values():
            for operation in item.values():
                for parameter in operation.get("parameters", []):
                    if parameter["name"] == "limit":
                        parameter["schema"]["maximum"] = settings.max_limit
        for route in (r for router in ROUTERS for r in router.routes):
            if not isinstance(route, APIRoute):
                continue
            for method in route.methods or ():
                operation = schema["paths"][route.path_format].get(method.lower(), {})
                for status, response in route.responses.items():
                    for media_type, content in response.get("content", {}).items():
                        if "example" in content:
                            answer = operation["responses"][str(status)]["content"][media_type]
                            answer["example"] = content["example"]
        return schema

    return openapi
