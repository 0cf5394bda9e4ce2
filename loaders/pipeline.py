"""Ingestion: files → (curated facts | documents → extraction → resolution) → store.

Data flows one way: readers produce documents, the extractor turns each into
facts, resolution maps names to entities, and the store writes one
transaction per document (or per curated file), so a failure never leaves a
document half-written. A document already stored (same content hash) is
skipped before extraction, which makes re-ingesting a folder cheap and
idempotent.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graph.errors import GraphError
from graph.model import Document, Entity, WriteResult
from graph.store import Store
from loaders.curated import CuratedFileError, is_curated_file, load_curated

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
    errors: list[str] = field(default_factory=list)

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
    matched nothing.
    """
    files: list[Path] = []
    errors: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.parts)
                and p.name != "README.md"
            )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif glob.has_magic(str(raw)):
            matched = sorted(Path(p) for p in glob.glob(str(raw), recursive=True))
            matched = [p for p in matched if p.is_file()]
            if not matched:
                errors.append(f"{raw}: the pattern matches no file")
            files.extend(matched)
        else:
            errors.append(f"{raw}: no such file or folder")
    return list(dict.fromkeys(files)), errors


def ingest(
    store: Store,
    paths: Sequence[str | Path],
    *,
    published: date | None = None,
    on_progress: ProgressCallback | None = None,
) -> IngestReport:
    """Load curated fact files and articles into ``store``.

    ``on_progress(label, advance)`` is called once per file read and once per
    document written, for a progress bar.
    """
    report = IngestReport()
    files, errors = expand_paths(paths)
    report.errors.extend(errors)
    report.files = len(files)
    documents: list[Document] = []
    for path in files:
        if is_curated_file(path):
            _ingest_curated(store, path, report)
        else:
            documents.extend(_read_documents(path, published, report))
        if on_progress:
            on_progress(path.name, 1)
    if documents:
        _ingest_documents(store, documents, report, on_progress)
    return report


def count_work(paths: Sequence[str | Path]) -> int:
    """How many files an ingest of ``paths`` will read (for a progress bar's total)."""
    return len(expand_paths(paths)[0])


def _ingest_curated(store: Store, path: Path, report: IngestReport) -> None:
    try:
        batch = load_curated(path)
        report.add(store.write(batch))
    except CuratedFileError as exc:
        report.errors.extend(str(e) for e in exc.errors)
    except GraphError as exc:
        report.errors.append(f"{path}: {exc.message}")


def _read_documents(path: Path, published: date | None, report: IngestReport) -> Iterator[Document]:
    from loaders.readers import read_path

    for result in read_path(path, published=published):
        if result.error is not None:
            report.errors.append(str(result.error))
        elif result.document is not None:
            yield result.document


def _known_entities(store: Store) -> list[Entity]:
    all_entities = getattr(store, "all_entities", None)
    return list(all_entities()) if callable(all_entities) else []


def _ingest_documents(
    store: Store,
    documents: list[Document],
    report: IngestReport,
    on_progress: ProgressCallback | None,
) -> None:
    from loaders.extract import Extractor
    from loaders.resolve import to_batch

    has_document: Any = getattr(store, "has_document", None)
    fresh: list[Document] = []
    for doc in documents:
        if callable(has_document) and has_document(doc.content_hash):
            report.documents_skipped += 1
        else:
            fresh.append(doc)
    if not fresh:
        return
    known = _known_entities(store)
    extractor = Extractor(known_entities=known)
    for doc, extracted in extractor.extract_many(fresh):
        try:
            result = store.write(to_batch(doc, extracted, known))
        except GraphError as exc:
            report.errors.append(f"{doc.url or doc.id}: {exc.message}")
            continue
        if result.skipped:
            report.documents_skipped += 1
        else:
            report.documents += 1
            report.add(result)
        if on_progress:
            on_progress(doc.title or doc.id, 0)
