"""The MCP server on the API, at ``/mcp`` (streamable HTTP).

:func:`mount` adds the route when the app is built; :func:`running` is entered
by the app's lifespan, inside the store's: it builds the server
(:func:`api.mcp_server.build_server` over this app's state) and runs the
SDK's session manager (its task group) for as long as the app runs, and
stops it before the store closes. A manager runs only once, so each lifespan
run gets a new one: ``TestClient`` may start an app twice.

The transport is **stateless with JSON answers**: every POST stands alone (no
session to keep, no server-sent stream held open), so shutdown never waits
on an idle client, and the bearer token is checked on the very request that
calls the write tool.

What guards the route, outermost first:

- ``api.hosts.TrustedHosts`` refuses a ``Host`` outside ``settings.trusted_hosts``
  (400), as for every route; ``api.limits.BodyLimitMiddleware`` caps the body
  (413), and so does the SDK, at the same ``settings.max_body_bytes``;
- the SDK's DNS-rebinding check (:func:`transport_security`) accepts the same
  host names (any port) and refuses an ``Origin`` that is not one of them or
  of ``settings.cors_origins`` (403). It matches exact names only, so when the
  trusted hosts hold patterns (``*``, ``*.example.org``) it is off and the
  Host check is ``TrustedHosts`` alone; the SDK still refuses a POST that is
  not ``application/json``, so a page elsewhere cannot send one without a CORS
  preflight, which this API grants only to ``settings.cors_origins``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from mcp.server.transport_security import TransportSecuritySettings
from starlette.requests import Request
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from api.errors import problem
from api.mcp_server import build_server
from api.settings import Settings

PATH = "/mcp"


def transport_security(settings: Settings) -> TransportSecuritySettings:
    """The SDK's Host/Origin check, from the API's own trusted hosts (see the module docstring)."""
    hosts = settings.trusted_hosts
    if any("*" in host for host in hosts):
        return TransportSecuritySettings(enable_dns_rebinding_protection=False)
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=[form for host in hosts for form in (host, f"{host}:*")],
        allowed_origins=[
            *(
                f"{scheme}://{host}{port}"
                for host in hosts
                for scheme in ("http", "https")
                for port in ("", ":*")
            ),
            *settings.cors_origins,
        ],
    )


class _Endpoint:
    """The ``/mcp`` route: hands each request to the session manager of the running app."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in ("POST", "DELETE"):
            # Stateless: no server-sent stream to open with GET (the spec's answer is 405).
            detail = "the MCP endpoint takes JSON-RPC messages by POST"
            allow = {"Allow": "POST, DELETE"}
            await problem(Request(scope), 405, detail, headers=allow)(scope, receive, send)
            return
        manager: StreamableHTTPSessionManager | None = getattr(self.app.state, "mcp", None)
        if manager is None:
            detail = "the MCP endpoint is not running: was the app started without its lifespan?"
            await problem(Request(scope), 503, detail)(scope, receive, send)
            return
        await manager.handle_request(scope, receive, send)


def mount(app: FastAPI) -> None:
    """Serve the MCP server at ``/mcp`` on ``app`` (writes need the bearer token)."""
    app.state.mcp = None
    # An ASGI app as the endpoint (as the SDK's own app does): every method reaches it.
    app.router.routes.append(Route(PATH, endpoint=_Endpoint(app), include_in_schema=False))


@asynccontextmanager
async def running(app: FastAPI, settings: Settings, version: str = "") -> AsyncIterator[None]:
    """Run a fresh server and session manager for the app's lifetime (enter inside the
    store's lifespan). Built here, not in :func:`mount`: an app never started (an
    OpenAPI check) does not pay for the tools' schemas (about 40 ms)."""
    server = build_server(app, writes="token", version=version)
    server.streamable_http_app(
        stateless_http=True,
        json_response=True,
        max_request_body_size=settings.max_body_bytes,
        transport_security=transport_security(settings),
        host=settings.host,
    )
    manager: StreamableHTTPSessionManager = server.session_manager
    async with manager.run():
        app.state.mcp = manager
        try:
            yield
        finally:
            app.state.mcp = None
