"""The graph page at ``/`` and its static assets under ``/static``, with security headers.

Everything the page needs ships with the app: ``api/static/`` holds the
hand-written ``index.html``, ``app.js`` and ``style.css``; ``api/static/vendor/``
the libraries copied from npm at install time (``node ui/build.mjs``). No CDN,
no inline script: the Content-Security-Policy allows scripts from this origin
only, and the page may not be framed.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STATIC = Path(__file__).with_name("static")

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class _WithHeaders:
    """Adds the security headers, and ``Cache-Control: no-cache`` (revalidate by ETag, so a
    new release is picked up at once), to every response of the wrapped ASGI app."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in {**SECURITY_HEADERS, "Cache-Control": "no-cache"}.items():
                    if name.lower().encode("latin-1") not in present:
                        headers.append((name.lower().encode("latin-1"), value.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def index(request: Request) -> Response:
    """The graph page."""
    return FileResponse(
        STATIC / "index.html",
        media_type="text/html; charset=utf-8",
        headers={**SECURITY_HEADERS, "Cache-Control": "no-cache"},
    )


#: Plain Starlette routes (not API operations): they stay out of the OpenAPI document.
router = APIRouter()
router.routes.extend(
    [
        Route("/", index, methods=["GET", "HEAD"], name="page"),
        Mount(
            "/static",
            app=_WithHeaders(StaticFiles(directory=STATIC, check_dir=False)),
            name="static",
        ),
    ]
)
