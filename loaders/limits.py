"""Input limits shared by every way in (CLI, HTTP): how long one document may be.

The cap is checked before any NLP runs, on the document's (cleaned) text. It
is a policy, not a technical ceiling: the extractor feeds spaCy in windows
(:mod:`loaders.extract.windows`), so memory does not grow with the length of a
document; the cap bounds the time one document may take.

>>> check_length(Document("Acme Corp acquired Widget Inc."), 10)
Traceback (most recent call last):
...
loaders.limits.DocumentTooLong: text too long: 30 characters (limit 10)
"""

from __future__ import annotations

from graph.errors import InvalidInput
from graph.model import Document

#: The most characters one document's text may have, unless configured otherwise.
MAX_DOCUMENT_CHARS = 200_000
#: The environment variable that sets it (the CLI's ``--max-chars``, the API's setting).
MAX_DOCUMENT_CHARS_ENV = "PARTNERGRAPH_MAX_DOCUMENT_CHARS"


class DocumentTooLong(InvalidInput):
    """A document's text is longer than the configured cap; carries both numbers."""

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(f"text too long: {length} characters (limit {limit})")
        self.length = length
        self.limit = limit


def check_length(document: Document, limit: int = MAX_DOCUMENT_CHARS) -> None:
    """Raise :class:`DocumentTooLong` when ``document``'s text exceeds ``limit`` characters."""
    if len(document.text) > limit:
        raise DocumentTooLong(len(document.text), limit)
