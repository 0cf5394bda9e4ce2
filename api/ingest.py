"""One article through the API's doors: ``POST /documents`` and the MCP ``add_document`` tool.

The body becomes a :class:`graph.model.Document` through a reader
(:func:`loaders.readers.text.text_document` or
:func:`loaders.readers.html.html_document`); a string that has no UTF-8 form (a
lone surrogate sent as ``"\\ud800"``) is a 422 naming its field, a text longer
than ``settings.max_document_chars`` a 413 naming both numbers, before any NLP.
Then :func:`loaders.pipeline.ingest_document` does what the CLI does with a
document (skip on a known content hash, extract, resolve, one write), and a
write empties the app's graph snapshots.
"""

from __future__ import annotations

from dataclasses import replace

from fastapi import FastAPI, HTTPException

from api import state
from api.schemas import DocumentIn
from graph.errors import InvalidInput
from graph.model import Document
from graph.store import Store
from loaders.pipeline import Extracts, Ingested, ingest_document


def ingest(app: FastAPI, store: Store, body: DocumentIn, extractor: Extracts) -> Ingested:
    """The article in ``body`` read, checked and ingested; its document and facts as stored."""
    doc = read_document(body)
    refuse_too_long(doc, app.state.settings.max_document_chars)
    ingested = ingest_document(store, doc, extractor)
    if not ingested.skipped:
        state.invalidate_snapshots(app)
    return ingested


def read_document(body: DocumentIn) -> Document:
    """The document ``body`` describes: its text, or the text of its HTML page, with the
    caller's metadata (which beats what the page suggests)."""
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
    return replace(
        doc,
        published=body.published,
        doc_id=body.doc_id,
        url=body.url or doc.url,
        title=body.title or doc.title,
    )


def refuse_too_long(doc: Document, limit: int) -> None:
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


def _refuse_unencodable(body: DocumentIn) -> None:
    """422 naming the field when a string cannot be stored (no UTF-8 form)."""
    from loaders.readers.jsonl import unencodable

    for name in ("text", "html", "url", "title", "doc_id"):
        value = getattr(body, name)
        reason = unencodable(value) if value is not None else None
        if reason is not None:
            raise InvalidInput(f"not valid Unicode: {reason}", where=name)
