"""The MCP write tool, ``add_document``: ``POST /documents`` for one article.

Registered by :func:`api.mcp_server.build_server` unless writes are ``"off"``.
Over HTTP (``"token"``) the request carrying the call must have the API's bearer
token, checked by the API's own :func:`api.auth.require_write_token` (constant
time; disabled with no token configured); over stdio it exists only with
``partnergraph mcp --allow-writes`` (``"on"``). See docs/mcp.md, "Writes".

The article goes through the route's own steps (:func:`api.ingest.ingest`): its
reader, length check, then :func:`loaders.pipeline.ingest_document` (skip on a
known content hash, the app's one extractor shared with the route, resolution,
one write), and the facts as stored.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import FastAPI
from fastapi.security import HTTPAuthorizationCredentials
from fastapi.security.utils import get_authorization_scheme_param
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import ToolAnnotations
from pydantic import Field
from starlette.requests import Request

from api import ingest, mapping, state
from api.auth import require_write_token
from api.mcp_args import day_arg, settings_of, store_of, tool_errors
from api.schemas import DocumentIn, IngestOut

Writes = Literal["token", "on", "off"]


def _authorize_write(app: FastAPI, ctx: Context | None, writes: Writes) -> None:
    """Over HTTP, the bearer token of the request carrying this call, as the API checks it."""
    if writes == "on":
        return
    request = ctx.request_context.request if ctx is not None else None
    if writes != "token":
        raise ToolError("writes are disabled on this server")
    if not isinstance(request, Request):
        raise ToolError("add_document needs an HTTP request carrying the bearer token")
    scheme, token = get_authorization_scheme_param(request.headers.get("authorization"))
    offered = (
        HTTPAuthorizationCredentials(scheme=scheme, credentials=token)
        if scheme.lower() == "bearer" and token
        else None
    )
    require_write_token(request, settings_of(app), offered)


def add_write_tool(server: MCPServer, app: FastAPI, writes: Writes) -> None:
    token_note = (
        " Needs the request header `Authorization: Bearer <PARTNERGRAPH_API_TOKEN>`."
        if writes == "token"
        else ""
    )

    def add_document(
        text: Annotated[str, Field(min_length=1, description="The article's text")],
        ctx: Context,
        title: Annotated[str | None, Field(max_length=500, description="Its headline")] = None,
        url: Annotated[
            str | None, Field(max_length=2000, description="Where it was published")
        ] = None,
        published: Annotated[
            str | None,
            Field(
                description="Publication date, YYYY-MM-DD (default: today); dates in the "
                "text such as 'last Thursday' are read against it"
            ),
        ] = None,
    ) -> IngestOut:
        _authorize_write(app, ctx, writes)
        return _ingest(app, text, title, url, published)

    server.add_tool(
        tool_errors(add_document),
        title="Add a news article",
        description=(
            "Store an article and the facts it states (extracted, resolved to entities and "
            "merged with earlier evidence); answers with the document and its facts as "
            "stored. The same text sent again is not extracted twice (skipped: true)." + token_note
        ),
        annotations=ToolAnnotations(
            read_only_hint=False,
            destructive_hint=False,
            idempotent_hint=True,
            open_world_hint=False,
        ),
    )


def _ingest(
    app: FastAPI, text: str, title: str | None, url: str | None, published: str | None
) -> IngestOut:
    """``POST /documents`` for one plain-text article, with the route's own steps."""
    store = store_of(app)
    day = day_arg(published, "published") or date.today()
    body = DocumentIn(text=text, title=title, url=url, published=day)
    return mapping.ingest_out(store, ingest.ingest(app, store, body, state.extractor(app)))
