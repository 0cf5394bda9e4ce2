"""Readers: files of any supported kind in, ``graph.model.Document``s out.

One small reader per source — ``text`` (plain text and messy scrapes),
``html`` (pages, via trafilatura), ``feed`` (RSS/Atom, via feedparser behind a
defusedxml check), ``jsonl`` (documents as JSON Lines) — and this dispatcher.

Reading never raises for bad input. Every outcome is a :class:`ReadResult`
holding a document or a :class:`ReadError` (path, line, reason), and one bad
file or line never stops the others:

>>> for result in read_paths(["seeds/"]):  # doctest: +SKIP
...     print(result.document.id if result.ok else result.error)

Documents from files get ``doc_id=None``, so ``Document.id`` is the content
hash and re-reading a file is idempotent; ``url`` is set where the source
names one (canonical link, feed entry link, JSONL ``url``). The caller's
``published`` date is a fallback for documents that carry no date of their own.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Protocol

from loaders.readers.base import (
    DEFAULT_MAX_BYTES,
    ReadError,
    ReadResult,
    Unreadable,
    display,
    load_bytes,
)
from loaders.readers.curated import is_curated_facts
from loaders.readers.feed import read_feed
from loaders.readers.html import read_html
from loaders.readers.jsonl import read_jsonl
from loaders.readers.paths import Expansion, expand, expand_one
from loaders.readers.text import read_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DOCUMENT_SUFFIXES",
    "WALKED_SUFFIXES",
    "Expansion",
    "ReadError",
    "ReadResult",
    "expand",
    "expand_paths",
    "is_curated_facts",
    "read_path",
    "read_paths",
]


class _Reader(Protocol):
    def __call__(
        self, data: bytes, source: str, *, published: date | None = None
    ) -> Iterator[ReadResult]: ...


_BY_SUFFIX: dict[str, _Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
}
#: File name endings a directory walk picks up (CSV only ever as curated facts).
DOCUMENT_SUFFIXES = frozenset(_BY_SUFFIX)
#: File name endings a folder walk picks up.
WALKED_SUFFIXES = DOCUMENT_SUFFIXES | {".csv"}


def _sniff(data: bytes) -> _Reader:
    """The reader for a file whose name does not say what it is."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        feed_markers = (b"<rss", b"<feed", b"<rdf:rdf")
        return read_feed if any(marker in head for marker in feed_markers) else read_html
    if head.startswith(b"{"):
        return read_jsonl
    return read_text


def read_path(
    path: Path | str,
    *,
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[ReadResult]:
    """Read one file into documents, dispatching on its name, else its content.

    ``.txt/.text/.md`` → text; ``.html/.htm/.xhtml`` → HTML; ``.xml/.rss/.atom``
    → feed; ``.jsonl/.ndjson`` → JSONL; any other name is sniffed (``<rss``,
    ``<feed``, ``<rdf:RDF`` → feed, other markup → HTML, ``{`` → JSONL, else
    text). Files over ``max_bytes`` are refused from ``stat`` alone. A curated
    fact file (see :func:`is_curated_facts`) or other CSV is an error here:
    asking for it as documents is a mistake.

    >>> [r.error.reason for r in read_path("missing.txt")]
    ['no such file']
    """
    path = Path(path)
    source = display(path)
    try:
        if is_curated_facts(path):
            raise Unreadable("curated facts, not documents: load them with the facts loader")
        if path.suffix.lower() == ".csv":
            raise Unreadable("CSV is read only as curated facts (subject, relation, object)")
        data = load_bytes(path, max_bytes)
        reader = _BY_SUFFIX.get(path.suffix.lower()) or _sniff(data)
        yield from reader(data, source, published=published)
    except Unreadable as exc:
        yield ReadResult.failed(source, exc.reason, exc.line)
    except Exception as exc:
        # A third-party parser crashing on one odd file must not end a batch
        # of thousands; the error names the file so it can be investigated.
        yield ReadResult.failed(source, f"reader failed: {type(exc).__name__}: {exc}")


def expand_paths(paths_or_globs: Iterable[Path | str]) -> list[Path]:
    """Files named by paths, directories and glob patterns, in a deterministic order.

    A directory contributes its files with a known ending (``DOCUMENT_SUFFIXES``
    and ``.csv``), recursively, sorted, skipping hidden files and directories
    below it, ``README.*`` files and symbolic links that leave it.
    A glob (``*``, ``?``, ``[``; ``**`` recurses) contributes its sorted matches,
    directories among them walked. A name that yields no file (missing, a glob
    matching nothing, a FIFO) is kept as is, so that reading it reports why.
    Each file appears once, at its first position. :func:`loaders.readers.paths.expand`
    gives the reasons and warnings instead.
    """
    ordered: dict[Path, None] = {}
    for spec in paths_or_globs:
        found = expand_one(spec, WALKED_SUFFIXES).files or [Path(os.fspath(spec))]
        ordered.update(dict.fromkeys(found))
    return list(ordered)


def read_paths(
    paths_or_globs: Iterable[Path | str],
    *,
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[ReadResult]:
    """Read every file named by paths, directories and globs (see :func:`expand_paths`).

    Curated-fact files are skipped, not reported: they are not documents. A
    caller that also loads facts partitions the files itself::

        files = expand_paths(specs)
        facts = [f for f in files if is_curated_facts(f)]
        results = read_paths(f for f in files if not is_curated_facts(f))
    """
    for path in expand_paths(paths_or_globs):
        if is_curated_facts(path):
            continue
        yield from read_path(path, published=published, max_bytes=max_bytes)
