"""RSS and Atom feeds: one document per entry, via feedparser.

The bytes are first parsed by defusedxml with DTDs forbidden, so a DOCTYPE
(and with it any ENTITY declaration: billion-laughs bombs, external entities
reaching for local files or URLs) is refused before feedparser sees anything.
That parse is strict: malformed XML is refused with the parser's message
instead of being read by feedparser's forgiving fallback, and a well-formed
document whose root is not ``<rss>``, ``<feed>`` or ``<rdf:RDF>`` is not a feed.
The XML declaration's encoding is honoured by both parsers.

Per entry: title; link; published from the entry's own date string as written
(its local calendar day, not the UTC day feedparser normalises to), else
``published_parsed``/``updated_parsed``, else the caller's ``published``;
text from the longest ``content`` value, else the summary, HTML turned into
text (``htmltext``). An entry without text is one error; the others still load.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeElementTree
import feedparser
from defusedxml import DefusedXmlException

from graph.model import Document
from loaders.readers.base import ReadResult, Unreadable
from loaders.readers.htmltext import html_to_text
from loaders.readers.text import clean_text

_ENCODING_DECLARATION = re.compile(rb"\s*<\?xml[^>]*\bencoding\s*=")
_FEED_ROOTS = frozenset({"rss", "feed", "RDF"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_UNSAFE = {
    "DTDForbidden": "a DOCTYPE declaration",
    "EntitiesForbidden": "an ENTITY declaration",
    "ExternalReferenceForbidden": "an external reference",
}


def _check_encoding(data: bytes) -> None:
    # expat would call undeclared Latin-1 "not well-formed (invalid token)"; say what it is.
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not _ENCODING_DECLARATION.match(data):
            raise Unreadable(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) "
                "and no encoding declared in the XML declaration"
            ) from None


def check_feed_xml(data: bytes) -> None:
    """Raise ``Unreadable`` unless ``data`` is well-formed, DTD-free RSS/Atom XML."""
    _check_encoding(data)
    try:
        root = SafeElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        kind = _UNSAFE.get(type(exc).__name__, "an unsafe construct")
        raise Unreadable(
            f"unsafe XML refused: {kind} is not allowed in a feed "
            "(entity expansion bombs and external entities hide there)"
        ) from None
    except ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise Unreadable(f"malformed XML: {exc}", line=line) from None
    local_name = root.tag.rpartition("}")[2]
    if local_name not in _FEED_ROOTS:
        raise Unreadable(f"XML is not an RSS or Atom feed (root element <{local_name}>)")


def entry_day(entry: Mapping[str, Any]) -> date | None:
    """A feed entry's day as written in the feed (its local calendar day), or None."""
    for key in ("published", "updated"):
        raw = entry.get(key)
        if not raw:
            continue
        for parse in (parsedate_to_datetime, datetime.fromisoformat):
            try:
                return parse(raw).date()
            except (TypeError, ValueError, IndexError):
                continue
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _as_text(detail: Mapping[str, Any]) -> str:
    value = str(detail.get("value") or "")
    if detail.get("type", "text/html") in _HTML_TYPES:
        value = html_to_text(value)
    return clean_text(value, join_hard_wraps=False)


def _entry_text(entry: Mapping[str, Any]) -> str:
    bodies = [_as_text(c) for c in entry.get("content") or ()]
    if entry.get("summary_detail"):
        bodies.append(_as_text(entry["summary_detail"]))
    return max(bodies, key=len, default="")


def _entry_title(entry: Mapping[str, Any]) -> str | None:
    detail = entry.get("title_detail")
    title = _as_text(detail) if detail else str(entry.get("title") or "")
    return " ".join(title.split()) or None


def read_feed(data: bytes, source: str, *, published: date | None = None) -> Iterator[ReadResult]:
    """One document per entry of an RSS/Atom file's bytes (see the module docstring)."""
    check_feed_xml(data)
    # Bytes in a stream: feedparser treats a bare string as a URL or file name to open.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    if not parsed.entries:
        raise Unreadable("feed has no entries")
    for number, entry in enumerate(parsed.entries, 1):
        link = entry.get("link") or None
        text = _entry_text(entry)
        if not text:
            label = f"entry {number}" + (f" ({link})" if link else "")
            yield ReadResult.failed(source, f"{label} has no text")
            continue
        document = Document(
            text=text,
            url=link,
            title=_entry_title(entry),
            published=entry_day(entry) or published,
        )
        yield ReadResult.of(source, document)
