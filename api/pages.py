"""The graph page at ``/``, the API manual at ``/docs`` (Swagger UI) and ``/redoc``
(ReDoc), and their static assets under ``/static``, with security headers.

Everything the pages need ships with the app: ``api/static/`` holds the
hand-written ``index.html``, ``app.js`` and ``style.css``; ``api/static/vendor/``
the libraries copied from npm at install time (``node ui/build.mjs``). No CDN,
no inline script on the graph page: its Content-Security-Policy allows scripts
from this origin only, and no page may be framed. The manual's pages are FastAPI's
own templates pointed at the vendored files; their one inline script (Swagger UI's
start-up call) is allowed by its SHA-256 hash, and ReDoc, which styles itself with
generated ``<style>`` elements, may use inline styles, nothing more.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from fastapi import APIRouter
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
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


OPENAPI_URL = "/openapi.json"
VENDOR = "/static/vendor"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _manual_csp(html: str, *, inline_styles: bool) -> str:
    """The manual pages' policy: scripts from this origin plus the page's own inline
    scripts by hash; same-origin fetches (the OpenAPI document) and workers."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(m.encode()).digest()).decode() + "'"
        for m in _INLINE_SCRIPT.findall(html)
    ]
    return "; ".join(
        [
            "default-src 'none'",
            " ".join(["script-src 'self'", *hashes]),
            "style-src 'self'" + (" 'unsafe-inline'" if inline_styles else ""),
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def _manual_page(page: HTMLResponse, *, inline_styles: bool) -> Response:
    html = bytes(page.body).decode()
    csp = _manual_csp(html, inline_styles=inline_styles)
    headers = {**SECURITY_HEADERS, "Content-Security-Policy": csp, "Cache-Control": "no-cache"}
    return HTMLResponse(html, headers=headers)


async def swagger_ui(request: Request) -> Response:
    """The API manual in Swagger UI, from the vendored ``swagger-ui-dist``."""
    page = get_swagger_ui_html(
        openapi_url=OPENAPI_URL,
        title="partnergraph API",
        swagger_js_url=f"{VENDOR}/swagger-ui-bundle.js",
        swagger_css_url=f"{VENDOR}/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
        # no validator badge: it would send the document to validator.swagger.io
        swagger_ui_parameters={"validatorUrl": None},
    )
    return _manual_page(page, inline_styles=False)


async def redoc(request: Request) -> Response:
    """The API manual in ReDoc, from the vendored ``redoc`` bundle (no Google Fonts)."""
    page = get_redoc_html(
        openapi_url=OPENAPI_URL,
        title="partnergraph API",
        redoc_js_url=f"{VENDOR}/redoc.standalone.js",
        redoc_favicon_url="/static/favicon.svg",
        with_google_fonts=False,
    )
    return _manual_page(page, inline_styles=True)


#: Plain Starlette routes (not API operations): they stay out of the OpenAPI document.
router = APIRouter()
router.routes.extend(
    [
        Route("/", index, methods=["GET", "HEAD"], name="page"),
        Route("/docs", swagger_ui, methods=["GET", "HEAD"], name="docs"),
        Route("/redoc", redoc, methods=["GET", "HEAD"], name="redoc"),
        Mount(
            "/static",
            app=_WithHeaders(StaticFiles(directory=STATIC, check_dir=False)),
            name="static",
        ),
    ]
)
