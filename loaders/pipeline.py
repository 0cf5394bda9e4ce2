"""Ingestion: files → (curated facts | documents → extraction → resolution) → store.

Data flows one way: readers produce documents, the extractor turns each into
facts, resolution maps names to entities, and the store writes one
transaction per document (or per curated file), so a failure never leaves a
document half-written. A document already stored (same content hash) is
skipped before extraction, which makes re-ingesting a folder cheap and
idempotent.

One bad input never stops the others: a name that yields no file, an
unreadable or oversized file, a document over the character cap, a document
whose extraction or write fails: each is one line in ``IngestReport.errors``
(file, line or document, and the reason), and the rest is still stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graph.errors import GraphError
from graph.model import Document, Entity, WriteResult
from graph.store import Store
from loaders.curated import CuratedFileError, is_curated_file, load_curated
from loaders.limits import MAX_DOCUMENT_CHARS
from loaders.readers.paths import expand

ProgressCallback = Callable[[str, int], None]


@dataclass
class IngestReport:
    """What an ingest did: counts and every problem, by file."""

    files: int = 0
    documents: int = 0
    documents_skipped: int = 0
    facts_added: int = 0
    facts_merged: int = 0
    entities_added: int = 0
    #: Documents read but not stored: too long, or their extraction or write failed.
    documents_failed: int = 0
    errors: list[str] = field(default_factory=list)
    #: Things skipped on purpose that the user should know of (links leaving a folder).
    warnings: list[str] = field(default_factory=list)

    def add(self, result: WriteResult) -> None:
        self.facts_added += result.facts_added
        self.facts_merged += result.facts_merged
        self.entities_added += result.entities_added

    @property
    def ok(self) -> bool:
        return not self.errors


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Files named directly, found under folders (recursively) or matched by globs.

    Returns the files in a deterministic order and an error per name that
    yields no file (see :mod:`loaders.readers.paths`).
    """
    found = expand(paths)
    return found.files, [str(e) for e in found.errors]


def ingest(
    store: Store,
    paths: Sequence[str | Path],
    *,
    published: date | None = None,
    on_progress: ProgressCallback | None = None,
    max_chars: int = MAX_DOCUMENT_CHARS,
) -> IngestReport:
    """Load curated fact files and articles into ``store``.

    ``on_progress(label, advance)`` is called once per file read and once per
    document written, for a progress bar. A document longer than ``max_chars``
    characters is an error, not stored.
    """
    report = IngestReport()
    found = expand(paths)
    report.errors.extend(str(e) for e in found.errors)
    report.warnings.extend(found.warnings)
    report.files = len(found.files)
    documents: list[tuple[Document, str]] = []
    for path in found.files:
        if is_curated_file(path):
            _ingest_curated(store, path, report)
        else:
            documents.extend(_read_documents(path, published, report))
        if on_progress:
            on_progress(path.name, 1)
    if documents:
        _ingest_documents(store, documents, report, on_progress, max_chars)
    return report


def count_work(paths: Sequence[str | Path]) -> int:
    """How many files an ingest of ``paths`` will read (for a progress bar's total)."""
    return len(expand_paths(paths)[0])


def ingest_documents(
    store: Store,
    documents: Sequence[tuple[Document, str]],
    *,
    on_progress: ProgressCallback | None = None,
    max_chars: int = MAX_DOCUMENT_CHARS,
) -> IngestReport:
    """Ingest documents read elsewhere (fetched pages: :mod:`loaders.follow`), each with a
    label naming it in error lines (``"label: reason"``); the same stages as :func:`ingest`."""
    report = IngestReport()
    if documents:
        _ingest_documents(store, list(documents), report, on_progress, max_chars)
    return report


def _ingest_curated(store: Store, path: Path, report: IngestReport) -> None:
    try:
        batch = load_curated(path)
        report.add(store.write(batch))
    except CuratedFileError as exc:
        report.errors.extend(str(e) for e in exc.errors)
    except GraphError as exc:
        report.errors.append(f"{path}: {exc.message}")


def _read_documents(
    path: Path, published: date | None, report: IngestReport
) -> Iterator[tuple[Document, str]]:
    """The documents of one file, each with where it came from (for error lines)."""
    from loaders.readers import read_path

    for result in read_path(path, published=published):
        if result.error is not None:
            report.errors.append(str(result.error))
        elif result.document is not None:
            yield result.document, _label(result.where, result.document)


def _label(where: str, doc: Document) -> str:
    return f"{where} (document {doc.doc_id or doc.url or doc.id})"


def _known_entities(store: Store) -> list[Entity]:
    all_entities = getattr(store, "all_entities", None)
    return list(all_entities()) if callable(all_entities) else []


def _ingest_documents(
    store: Store,
    documents: list[tuple[Document, str]],
    report: IngestReport,
    on_progress: ProgressCallback | None,
    max_chars: int,
) -> None:
    from loaders.extract import Extractor

    has_document: Any = getattr(store, "has_document", None)
    fresh: list[tuple[Document, str]] = []
    for doc, label in documents:
        if callable(has_document) and has_document(doc.content_hash):
            report.documents_skipped += 1
        else:
            fresh.append((doc, label))
    if not fresh:
        return
    known = _known_entities(store)
    extractor = Extractor(known_entities=known, max_chars=max_chars)
    for extraction, label in extractor.extract_tagged(fresh):
        if extraction.error is not None:
            _failed(report, label, extraction.error)
        else:
            _store_document(store, extraction.document, extraction.facts, known, label, report)
        if on_progress:
            on_progress(extraction.document.title or extraction.document.id, 0)


def _store_document(
    store: Store,
    doc: Document,
    extracted: Sequence[Any],
    known: list[Entity],
    label: str,
    report: IngestReport,
) -> None:
    """One document's facts in one transaction; a failure is that document's error only."""
    from loaders.resolve import to_batch

    try:
        result = store.write(to_batch(doc, extracted, known))
    except GraphError as exc:
        _failed(report, label, exc.message)
        return
    except Exception as exc:  # a bug met by one document must not lose the rest of the batch
        _failed(report, label, f"storing failed: {type(exc).__name__}: {exc}")
        return
    if result.skipped:
        report.documents_skipped += 1
    else:
        report.documents += 1
        report.add(result)


def _failed(report: IngestReport, label: str, reason: str) -> None:
    report.documents_failed += 1
    report.errors.append(f"{label}: {reason}")
