"""Only answer requests addressed to this server's own names (DNS-rebinding guard).

A page on another origin can make a browser send requests to 127.0.0.1 under a
name it controls (DNS rebinding); the ``Host`` header still carries that name.
So the API answers only the hosts in ``settings.trusted_hosts`` (loopback names
when bound to loopback) and refuses the rest with a 400 problem before any route
runs. The matching is Starlette's ``TrustedHostMiddleware`` (exact names and
``*.example.org`` patterns); only the refusal is ours, as ``application/problem+json``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.types import Receive, Scope, Send

from api.errors import problem


def _host_name(header: str | None) -> str | None:
    """The name in a ``Host`` header, lower-case, without port or IPv6 brackets."""
    if not header:
        return None
    try:
        parts = urlsplit("//" + header)
        parts.port  # noqa: B018  # raises on a port that is not a number
    except ValueError:
        return None
    return parts.hostname


class TrustedHosts(TrustedHostMiddleware):
    """Starlette's trusted-host check, answering a refusal as problem+json (400)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.allow_any or scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = _host_name(Headers(scope=scope).get("host"))
        if host is not None and any(_matches(host, pattern) for pattern in self.allowed_hosts):
            await self.app(scope, receive, send)
            return
        detail = (
            "this server does not answer for that Host header; "
            "set PARTNERGRAPH_ALLOWED_HOSTS to the names it is reached by"
        )
        await problem(Request(scope), 400, detail)(scope, receive, send)


def _matches(host: str, pattern: str) -> bool:
    pattern = pattern.strip("[]")
    return host == pattern or (pattern.startswith("*.") and host.endswith(pattern[1:]))
