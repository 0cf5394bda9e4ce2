"""``/documents``: ingest one article over HTTP (auth), read a stored one.

Ingestion goes through the CLI's seams, in the CLI's order: a reader
(:func:`loaders.readers.text.text_document` or
:func:`loaders.readers.html.html_document`), the skip check on the content
hash, ``Extractor.extract(document)``, ``loaders.resolve.to_batch(document,
facts, known)`` and one ``store.write(batch)``. The extractor loads a spaCy
model (seconds), so ONE is created per process, on first use, and kept on
``app.state.extractor``; :func:`get_extractor` and :func:`get_to_batch` are
the dependencies a test or another deployment overrides.

The body is read at most ``settings.max_body_bytes`` far (413 beyond), before
anything else runs; the article's text may have at most
``settings.max_document_chars`` characters (413 naming both numbers beyond),
checked before any NLP; a string that has no UTF-8 form (a lone surrogate
sent as ``"\\ud800"``) is a 422 naming its field.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Coroutine, Iterable, Sequence
from dataclasses import replace
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Depends, HTTPException, Path, Request, Response
from fastapi.routing import APIRoute
from pydantic import AfterValidator
from starlette.types import Message

from api import mapping
from api.auth import (
    WriteAuthDep,
    auth_responses,
    bearer,
    problem_response,
    require_write_token,
)
from api.deps import SettingsDep, StoreDep
from api.errors import problem_responses
from api.params import _no_nul
from api.routers.graph import invalidate_snapshots
from api.schemas import (
    EXAMPLE_DOCUMENT,
    EXAMPLE_INGEST,
    DocumentIn,
    DocumentOut,
    IngestOut,
)
from graph.errors import Conflict, InvalidInput, NotFound
from graph.model import Batch, Document, Entity, Fact
from graph.store import FactPattern, Store

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


# -- the loader seams ------------------------------------------------------------------


class ExtractorLike(Protocol):
    """The extraction seam: ``extract(document) -> list[ExtractedFact]``."""

    def extract(self, document: Document) -> Sequence[Any]: ...


ToBatch = Callable[[Document, Sequence[Any], Sequence[Entity]], Batch]

_EXTRACTOR_LOCK = threading.Lock()


def _known_entities(store: Store) -> list[Entity]:
    everything = getattr(store, "all_entities", None)
    return list(everything()) if callable(everything) else []


def get_extractor(request: Request, store: StoreDep, settings: SettingsDep) -> ExtractorLike:
    """The process's one extractor, created on first use (its model load takes seconds)."""
    with _EXTRACTOR_LOCK:
        extractor: ExtractorLike | None = getattr(request.app.state, "extractor", None)
        if extractor is None:
            try:
                from loaders.extract import Extractor
            except ImportError as exc:
                raise _unavailable("loaders.extract") from exc
            extractor = Extractor(
                known_entities=_known_entities(store),
                max_chars=settings.max_document_chars,
            )
            request.app.state.extractor = extractor
        return extractor


def get_to_batch() -> ToBatch:
    """``loaders.resolve.to_batch``: names → entities, extracted facts → a Batch."""
    try:
        from loaders.resolve import to_batch
    except ImportError as exc:
        raise _unavailable("loaders.resolve") from exc
    resolve: ToBatch = to_batch
    return resolve


def _unavailable(module: str) -> HTTPException:
    return HTTPException(503, f"ingestion is not available on this server ({module} is missing)")


ExtractorDep = Annotated[ExtractorLike, Depends(get_extractor)]
ToBatchDep = Annotated[ToBatch, Depends(get_to_batch)]


# -- routes ----------------------------------------------------------------------------


def _refuse_unencodable(body: DocumentIn) -> None:
    """422 naming the field when a string cannot be stored (no UTF-8 form)."""
    from loaders.readers.jsonl import unencodable

    for name in ("text", "html", "url", "title", "doc_id"):
        value = getattr(body, name)
        reason = unencodable(value) if value is not None else None
        if reason is not None:
            raise InvalidInput(f"not valid Unicode: {reason}", where=name)


def _refuse_too_long(doc: Document, limit: int) -> None:
    """413 before any NLP: the text is longer than the server's ``max_document_chars``."""
    from loaders.limits import DocumentTooLong, check_length

    try:
        check_length(doc, limit)
    except DocumentTooLong as exc:
        raise HTTPException(
            413,
            f"the document's text is {exc.length} characters long; "
            f"this server accepts at most {exc.limit} (max_document_chars)",
        ) from None


def _read(body: DocumentIn) -> Document:
    _refuse_unencodable(body)
    if (body.text is None) == (body.html is None):
        raise InvalidInput("send exactly one of text and html", where="text")
    if body.text is not None:
        from loaders.readers.text import text_document

        try:
            return text_document(
                body.text,
                published=body.published,
                doc_id=body.doc_id,
                url=body.url,
                title=body.title,
            )
        except InvalidInput as exc:
            raise InvalidInput(exc.reason, where="text") from None
    from loaders.readers.html import html_document

    assert body.html is not None
    try:
        doc = html_document(body.html, published=body.published)
    except InvalidInput as exc:
        raise InvalidInput(exc.reason, where="html") from None
    # What the caller states beats what the page suggests.
    return replace(
        doc,
        published=body.published,
        doc_id=body.doc_id,
        url=body.url or doc.url,
        title=body.title or doc.title,
    )


def _refuse_reused_id(store: Store, doc_id: str) -> None:
    """409 before the extraction's seconds are spent: the id names other content."""
    try:
        store.get_document(doc_id)
    except NotFound:
        return
    raise Conflict(f"document id {doc_id!r} is already stored with other content")


def _facts_citing(store: Store, document_id: str) -> list[Fact]:
    """Current facts with evidence from the document.

    A scan: the store protocol has no by-document lookup yet (see the report on issue 7).
    """
    pattern = FactPattern()
    found = [
        f
        for f in store.find_facts(pattern)
        if any(e.document_id == document_id for e in f.evidence)
    ]
    return sorted(found, key=lambda f: (f.relation.value, f.subject, f.object))


def _current(store: Store, fact_ids: Iterable[str]) -> list[Fact]:
    found: dict[str, Fact] = {}
    for fact_id in dict.fromkeys(fact_ids):
        for f in store.find_facts(FactPattern(fact_id=fact_id)):
            found[f.id] = f
    return sorted(found.values(), key=lambda f: (f.relation.value, f.subject, f.object))


def _document_out(doc: Document) -> DocumentOut:
    return DocumentOut(
        id=doc.id,
        url=doc.url,
        title=doc.title,
        published=doc.published,
        content_hash=doc.content_hash,
        text=doc.text,
    )


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
    settings: SettingsDep,
    body: DocumentIn,
    extractor: ExtractorDep,
    to_batch: ToBatchDep,
) -> IngestOut:
    doc = _read(body)
    _refuse_too_long(doc, settings.max_document_chars)
    has_document = getattr(store, "has_document", None)
    already = callable(has_document) and has_document(doc.content_hash)
    if not already and body.doc_id is not None:
        _refuse_reused_id(store, body.doc_id)
    if already:
        result = store.write(Batch(document=doc))  # stores nothing: tells the stored id
    else:
        extracted = extractor.extract(doc)
        result = store.write(to_batch(doc, extracted, _known_entities(store)))
        invalidate_snapshots(request.app)
    stored = store.get_document(result.document_id or doc.id)
    response.headers["Location"] = f"/documents/{stored.id}"
    if result.skipped:
        response.status_code = 200
        facts = _facts_citing(store, stored.id)
    else:
        facts = _current(store, result.fact_ids)
    return IngestOut(
        document=_document_out(stored),
        skipped=result.skipped,
        facts_added=result.facts_added,
        facts_merged=result.facts_merged,
        entities_added=result.entities_added,
        items=mapping.facts_out(store, facts),
        count=len(facts),
    )


DocumentIdPath = Annotated[
    str,
    AfterValidator(_no_nul),
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
    return _document_out(store.get_document(id))
