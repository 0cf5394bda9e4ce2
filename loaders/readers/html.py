"""HTML pages: main text and metadata with trafilatura.

trafilatura finds the article body and its metadata (title, canonical URL —
``<link rel=canonical>`` or ``og:url`` —, publication date via htmldate). On
top of its own boilerplate removal, navigation, scripts, styles, forms and
asides are pruned from the tree before extraction (``prune_xpath``), so they
cannot reach the text even when a fallback extractor is used.

Encoding: UTF-8 (with or without BOM) first, else the charset the page
declares in a ``<meta>`` tag or XML declaration within its first 4 KB; a page
that is neither is refused rather than guessed at (trafilatura would guess and,
failing that, decode destructively).

Choices: comments and tables are left out (tables render as runs of cell text
that read as one long non-sentence); the date search is not "extensive", so a
page without date markup gets no date rather than the first date its prose
mentions; the caller's ``published`` is only a fallback.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import date

import trafilatura
from trafilatura.settings import Document as TrafilaturaDocument

from graph.model import Document
from loaders.readers.base import ReadResult, Unreadable
from loaders.readers.text import clean_text

_DECLARED_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""")
_PRUNED = [
    "//nav",
    "//script",
    "//style",
    "//noscript",
    "//template",
    "//form",
    "//aside",
    "//iframe",
    "//footer",
    "//*[@role='navigation']",
    "//*[@aria-hidden='true']",
]
# Original (publication) date, not "last modified"; no guessing from prose.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


def decode_html(data: bytes) -> str:
    """Decode a page: UTF-8, else its declared charset, else raise ``Unreadable``."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = exc.start
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None:
        raise Unreadable(
            f"not valid UTF-8 (byte 0x{data[bad]:02x} at offset {bad}) and no charset declared"
        )
    charset = match.group(1).decode("ascii")
    try:
        codecs.lookup(charset)
        return data.decode(charset)
    except LookupError:
        raise Unreadable(f"unknown declared charset {charset!r}") from None
    except UnicodeDecodeError as exc:
        raise Unreadable(
            f"not valid {charset} as declared (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def html_document(page: str, *, published: date | None = None) -> Document:
    """A Document from an HTML page: cleaned main text, title, canonical URL, date.

    ``published`` is used only when the page carries no date of its own.
    Raises ``Unreadable`` (an ``InvalidInput``) when no main text is found.
    """
    extracted = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        prune_xpath=_PRUNED,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    if not isinstance(extracted, TrafilaturaDocument) or not extracted.text:
        raise Unreadable("no main text found in the HTML page")
    text = clean_text(extracted.text, join_hard_wraps=False)
    if not text:
        raise Unreadable("no main text found in the HTML page")
    return Document(
        text=text,
        url=extracted.url or None,
        title=(extracted.title or "").strip() or None,
        published=_day(extracted.date) or published,
    )


def read_html(data: bytes, source: str, *, published: date | None = None) -> Iterator[ReadResult]:
    """One document from an HTML file's bytes."""
    yield ReadResult.of(source, html_document(decode_html(data), published=published))
