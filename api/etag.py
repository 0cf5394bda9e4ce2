"""``ETag`` / ``If-None-Match`` for the JSON reads: a hash of the body, 304 when unchanged.

A pure ASGI middleware: for a GET answered 200 with a JSON body and
no ETag of its own, it hashes the body (SHA-256, 32 hex digits) into a strong
ETag, adds ``Cache-Control: no-cache`` (caches must revalidate: the graph
changes under the same URL), and answers ``304 Not Modified`` without a body
when the request's ``If-None-Match`` lists that tag (or ``*``). Static files
keep the ETag Starlette gives them; errors are never tagged.

The body is computed before the tag, so a 304 saves bandwidth, not work.
"""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def body_etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110 §13.1.2: weak comparison over a list of tags, or ``*``."""
    wanted = etag.removeprefix("W/")
    for tag in if_none_match.split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/") == wanted:
            return True
    return False


class ETagMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        if_none_match = Headers(scope=scope).get("if-none-match")
        start: Message | None = None
        chunks: list[bytes] = []
        passthrough = False

        async def buffered(message: Message) -> None:
            nonlocal start, passthrough
            if message["type"] == "http.response.start":
                headers = Headers(raw=message.get("headers", []))
                json = headers.get("content-type", "").startswith("application/json")
                if message["status"] != 200 or not json or "etag" in headers:
                    passthrough = True
                    await send(message)
                else:
                    start = message
                return
            if passthrough or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            assert start is not None
            body = b"".join(chunks)
            etag = body_etag(body)
            headers = MutableHeaders(raw=list(start.get("headers", [])))
            headers["ETag"] = etag
            headers.setdefault("Cache-Control", "no-cache")
            if if_none_match and matches(if_none_match, etag):
                for name in ("content-length", "content-type"):
                    del headers[name]
                await send({"type": "http.response.start", "status": 304, "headers": headers.raw})
                await send({"type": "http.response.body", "body": b""})
                return
            await send({**start, "headers": headers.raw})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, buffered)
