"""JSON Lines documents: ``{"doc_id", "published", "url", "title", "text"}``.

The format of ``shared/ontology.md``'s batch input. ``text`` is required and
non-empty; ``published`` is ``YYYY-MM-DD`` or null; the other keys are optional
strings (or null) and unknown keys are ignored. Blank lines are skipped. A bad
line is one error naming its line number; the other lines still load.

The text is kept verbatim by default: a caller who sends text expects evidence
offsets into exactly that text. ``clean=True`` runs the plain-text cleaner
(``text.clean_text``) on each text, for JSONL made of raw scrapes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from graph.model import Document
from loaders.readers.base import ReadResult, Unreadable, decode_utf8
from loaders.readers.text import clean_text

# Exactly YYYY-MM-DD: since 3.11 date.fromisoformat also takes "20250911", "2025-W37-4"…
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def unencodable(value: str) -> str | None:
    """Why ``value`` cannot be stored as UTF-8 (a lone surrogate from a ``\\ud800``
    escape), or None when it can.

    >>> unencodable("caf\\u00e9"), unencodable("x\\ud800")
    (None, "'\\\\ud800' at character 1 is a lone surrogate, not a character")
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = value[exc.start : exc.start + 1]
        return f"{bad!r} at character {exc.start} is a lone surrogate, not a character"
    return None


def _string(key: str, value: str) -> str:
    reason = unencodable(value)
    if reason is not None:
        raise Unreadable(f'"{key}" is not valid Unicode: {reason}')
    return value


def _optional_string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise Unreadable(f'"{key}" must be a string or null, not {type(value).__name__}')
    return _string(key, value).strip() or None


def document_from_record(
    record: Any, *, published: date | None = None, clean: bool = False
) -> Document:
    """A Document from one decoded JSON value; raises ``Unreadable`` with the reason.

    ``published`` is the fallback for a record whose ``published`` is null or absent.
    """
    if not isinstance(record, dict):
        raise Unreadable(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise Unreadable('"text" is required and must be a string')
    text = _string("text", text)
    if clean:
        text = clean_text(text)
    if not text.strip():
        raise Unreadable('"text" is empty')
    raw_day = record.get("published")
    day = published
    if raw_day is not None:
        try:
            ok = isinstance(raw_day, str) and _DAY.fullmatch(raw_day)
            day = date.fromisoformat(raw_day) if ok else None
        except ValueError:
            day = None
        if day is None:
            raise Unreadable(f'"published" must be YYYY-MM-DD or null, not {raw_day!r}')
    return Document(
        text=text,
        url=_optional_string(record, "url"),
        title=_optional_string(record, "title"),
        published=day,
        doc_id=_optional_string(record, "doc_id"),
    )


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time (a 20 MB file is not copied into a list)."""
    start = 0
    while (end := text.find("\n", start)) != -1:
        yield text[start:end]
        start = end + 1
    yield text[start:]


def read_jsonl(
    data: bytes, source: str, *, published: date | None = None, clean: bool = False
) -> Iterator[ReadResult]:
    """One result per non-blank line of a JSONL file's bytes: a document or an error."""
    found = False
    # Split on "\n" only: JSON strings may hold a raw U+2028, which splitlines() breaks on.
    for number, line in enumerate(_lines(decode_utf8(data)), 1):
        if not line.strip():
            continue
        found = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadResult.failed(source, f"invalid JSON: {exc.msg} (column {exc.colno})", number)
            continue
        try:
            document = document_from_record(record, published=published, clean=clean)
        except Unreadable as exc:
            yield ReadResult.failed(source, exc.reason, number)
            continue
        yield ReadResult.of(source, document, number)
    if not found:
        # Every file gets an answer: one of only (Unicode) blank lines is not silently nothing.
        raise Unreadable("no JSON lines in the file")
