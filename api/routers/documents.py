"""``/documents``: ingest one article over HTTP (auth), read a stored one.

The route parses and shapes; ingestion is the CLI's own,
:func:`loaders.pipeline.ingest_document` (skip on the content hash, extract,
resolve, one write), reached through :mod:`api.ingest`, which the MCP
``add_document`` tool shares. The extractor loads a spaCy model (seconds), so
ONE is created per app, on first use (:func:`api.state.extractor`);
:func:`get_extractor` is the dependency a test or another deployment overrides.

The body is read at most ``settings.max_body_bytes`` far (413 beyond), before
anything else runs; the article's text may have at most
``settings.max_document_chars`` characters (413 naming both numbers beyond),
checked before any NLP; a string that has no UTF-8 form (a lone surrogate
sent as ``"\\ud800"``) is a 422 naming its field.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request, Response
from fastapi.routing import APIRoute
from pydantic import AfterValidator
from starlette.types import Message

from api import ingest, mapping, state
from api.auth import (
    WriteAuthDep,
    auth_responses,
    bearer,
    problem_response,
    require_write_token,
)
from api.deps import StoreDep
from api.errors import problem_responses
from api.params import no_nul
from api.schemas import (
    EXAMPLE_DOCUMENT,
    EXAMPLE_INGEST,
    DocumentIn,
    DocumentOut,
    IngestOut,
)
from loaders.pipeline import Extracts

# -- the body size limit ---------------------------------------------------------------


class BodyLimitRoute(APIRoute):
    """Reads the body up to ``settings.max_body_bytes`` before FastAPI parses it (413 beyond)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        # FastAPI parses a JSON body before it solves dependencies, so a malformed body
        # would answer 422 before the token is checked: check it first (found by fuzzing).
        needs_token = any(d.call is require_write_token for d in self.dependant.dependencies)

        async def limited(request: Request) -> Response:
            settings = request.app.state.settings
            if needs_token:
                require_write_token(request, settings, await bearer(request))
            limit: int = settings.max_body_bytes
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise _too_large(limit)
            body = bytearray()
            async for chunk in request.stream():
                body += chunk
                if len(body) > limit:
                    raise _too_large(limit)
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": bytes(body), "more_body": False}
                return await request.receive()

            return await handler(Request(request.scope, replay))

        return limited


def _too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"the request body is larger than this server's {limit} bytes")


router = APIRouter(prefix="/documents", tags=["documents"], route_class=BodyLimitRoute)


# -- the loader seam -------------------------------------------------------------------


def get_extractor(request: Request) -> Extracts:
    """The app's one extractor, created on first use (its model load takes seconds)."""
    try:
        return state.extractor(request.app)
    except ImportError as exc:
        raise HTTPException(
            503, "ingestion is not available on this server (loaders.extract is missing)"
        ) from exc


ExtractorDep = Annotated[Extracts, Depends(get_extractor)]


# -- routes ----------------------------------------------------------------------------


EXAMPLE_SKIPPED = {**EXAMPLE_INGEST, "skipped": True, "facts_added": 0, "entities_added": 0}


@router.post(
    "",
    response_model=IngestOut,
    status_code=201,
    summary="Ingest one article (bearer token)",
    description=(
        "Reads an article sent as plain `text` or as an HTML page (`html`; nothing is "
        "fetched), extracts its facts, resolves their entities and stores them in one "
        "transaction. Answers 201 with the document and the facts it produced, as stored "
        "(merged with earlier evidence). The same content sent again is not re-extracted: "
        "200 with `skipped: true`. Needs `Authorization: Bearer <PARTNERGRAPH_API_TOKEN>`; "
        "with no token configured the server refuses every write (403). Bodies over the "
        "server's `max_body_bytes` (5 MB) answer 413, and so does an article whose text is "
        "longer than `max_document_chars` (200,000 characters by default); a `doc_id` "
        "already naming other content, 409. A string that is not valid Unicode (a lone "
        "surrogate escape such as `\\ud800`) answers 422 naming its field."
    ),
    responses={
        201: {"content": {"application/json": {"example": EXAMPLE_INGEST}}},
        200: {
            "description": "Already stored (same content): nothing written",
            "content": {"application/json": {"example": EXAMPLE_SKIPPED}},
        },
        **auth_responses("/documents"),
        413: problem_response(
            413,
            "The body is larger than the server's max_body_bytes, or the article's text "
            "longer than its max_document_chars",
            "the document's text is 250000 characters long; this server accepts at most "
            "200000 (max_document_chars)",
            "/documents",
        ),
        409: problem_response(
            409,
            "The doc_id is already stored with other content",
            "document id 'seed' is already stored with other content",
            "/documents",
        ),
        **problem_responses(422, 503),
    },
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "examples": {
                        "text": {
                            "summary": "Plain text",
                            "value": {
                                "text": "Microsoft, which has partnered with OpenAI since "
                                "2019, unveiled its first in-house models.",
                                "published": "2025-09-11",
                                "url": "https://example.com/microsoft-ai-models",
                            },
                        },
                        "html": {
                            "summary": "An HTML page",
                            "value": {
                                "html": "<html><body><article><p>Nvidia supplies H100 "
                                "chips to Microsoft.</p></article></body></html>",
                                "published": "2023-03-21",
                            },
                        },
                    }
                }
            }
        }
    },
)
def ingest_document(
    request: Request,
    response: Response,
    _: WriteAuthDep,
    store: StoreDep,
    body: DocumentIn,
    extractor: ExtractorDep,
) -> IngestOut:
    ingested = ingest.ingest(request.app, store, body, extractor)
    response.headers["Location"] = f"/documents/{ingested.document.id}"
    if ingested.skipped:
        response.status_code = 200
    return mapping.ingest_out(store, ingested)


DocumentIdPath = Annotated[
    str,
    AfterValidator(no_nul),
    Path(
        min_length=1,
        max_length=300,
        description="A document id: the one sent as doc_id, or doc-<content hash prefix>",
        openapi_examples={"seed": {"summary": "The seed article", "value": "seed"}},
    ),
]


@router.get(
    "/{id}",
    response_model=DocumentOut,
    summary="One stored document",
    description=(
        "The document as stored: its cleaned text (evidence offsets point into it), URL, "
        "title, publication date and content hash. Example: `GET /documents/seed`."
    ),
    responses={
        200: {"content": {"application/json": {"example": EXAMPLE_DOCUMENT}}},
        **problem_responses(404, 422, 503),
    },
)
def get_document(store: StoreDep, id: DocumentIdPath) -> DocumentOut:
    return mapping.document_out(store.get_document(id))
