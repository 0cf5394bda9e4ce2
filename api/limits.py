"""The request body limit, for every route: 413 beyond ``settings.max_body_bytes``.

A declared ``Content-Length`` over the limit is answered at once, before the
app reads anything; a body sent without one (chunked) is counted as it is
read, and the read fails with 413 as soon as it passes the limit. Routes need
do nothing: ``POST /documents``, ``POST /sparql`` and ``POST /cypher`` are all
covered, and so is any body-taking route added later.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem


def too_large(limit: int) -> str:
    return f"the request body is larger than this server's {limit} bytes"


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", ())).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            response = problem(Request(scope), 413, too_large(self.limit))
            await response(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # Raised inside the app's read: answered by the HTTPException handler.
                    raise HTTPException(413, too_large(self.limit))
            return message

        await self.app(scope, counted, send)
