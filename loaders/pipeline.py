"""Ingestion: files → (curated facts | documents → extraction → resolution) → store.

Data flows one way and streams: readers yield documents one at a time, the
extractor parses them in bounded batches (here, in worker processes or on a
Dask cluster: :mod:`loaders.parallel`), resolution maps names to entities
through one :class:`loaders.resolve.EntityResolver` for the run (the store's
name-key index behind it), and the store writes one transaction per document,
so a failure never leaves a document half-written and memory does not grow
with the corpus. A document already stored (same content hash) is skipped
before extraction, which makes re-ingesting a folder cheap and idempotent.

The graph does not depend on how the input is split into runs or ordered:
extraction reads the document alone (the gazetteer, not the store), and
resolution decides by name key (see :mod:`loaders.resolve`). Curated fact
files are loaded first, before any article, whatever their place in the list.

One bad input never stops the others: a name that yields no file, an
unreadable or oversized file, a document over the character cap, a document
whose extraction or write fails: each is one line in ``IngestReport.errors``
(file, line or document, and the reason), counted by kind in
``IngestReport.error_kinds``, and the rest is still stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from graph import queries
from graph.errors import Conflict, GraphError, NotFound
from graph.model import Batch, Document, Fact, WriteResult
from graph.store import Store
from loaders.limits import MAX_DOCUMENT_CHARS

# The readers (trafilatura, feedparser: 17 MB) load when a run needs them, so the API,
# which imports this module for ingest_document, does not carry them from start-up.
if TYPE_CHECKING:  # loaders.extract imports spaCy: not at start-up either
    from loaders.extract.types import ExtractedFact
    from loaders.resolve import Resolves

#: ``on_progress(label, advance)``: ``advance`` is 1 per document done (stored, skipped
#: or failed) and per curated file, 0 for a label change only.
ProgressCallback = Callable[[str, int], None]

_JSONL = frozenset({".jsonl", ".ndjson"})


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
    #: How many errors of each kind: path, read, curated, too long, extraction, write.
    error_kinds: Counter[str] = field(default_factory=Counter)
    #: Things skipped on purpose that the user should know of (links leaving a folder).
    warnings: list[str] = field(default_factory=list)

    def add(self, result: WriteResult) -> None:
        self.facts_added += result.facts_added
        self.facts_merged += result.facts_merged
        self.entities_added += result.entities_added

    def error(self, kind: str, line: str) -> None:
        self.errors.append(line)
        self.error_kinds[kind] += 1

    @property
    def ok(self) -> bool:
        return not self.errors


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Files named directly, found under folders (recursively) or matched by globs.

    Returns the files in a deterministic order and an error per name that
    yields no file (see :mod:`loaders.readers.paths`).
    """
    from loaders.readers.paths import expand

    found = expand(paths)
    return found.files, [str(e) for e in found.errors]


@dataclass(frozen=True)
class Execution:
    """Where extraction runs: ``workers`` processes here, or a Dask ``scheduler``."""

    workers: int = 1
    scheduler: Any = None  # an address ("tcp://host:8786") or a dask.distributed.Client
    #: Fewer documents than this are extracted in-process whatever ``workers`` says.
    parallel_from: int = 96

    def extract(
        self, items: Iterable[tuple[Document, str]], max_chars: int
    ) -> Iterator[tuple[Any, str]]:
        from loaders import parallel

        if self.scheduler is not None:
            return parallel.on_dask(items, self.scheduler, max_chars)
        if self.workers > 1:
            return parallel.in_processes(items, self.workers, max_chars, self.parallel_from)
        return parallel.in_process(items, max_chars)


def ingest(
    store: Store,
    paths: Sequence[str | Path],
    *,
    published: date | None = None,
    on_progress: ProgressCallback | None = None,
    max_chars: int = MAX_DOCUMENT_CHARS,
    execution: Execution | None = None,
) -> IngestReport:
    """Load curated fact files and articles into ``store``, streaming.

    ``on_progress(label, advance)`` is called once per curated file and once per
    document (stored, already stored or failed), for a progress bar whose total
    is :func:`count_work`. A document longer than ``max_chars`` characters is an
    error, not stored. ``execution`` says where extraction runs (default: here).
    """
    from loaders.curated import is_curated_file
    from loaders.readers.paths import expand

    report = IngestReport()
    found = expand(paths)
    for problem in found.errors:
        report.error("path", str(problem))
    report.warnings.extend(found.warnings)
    report.files = len(found.files)
    articles = []
    for path in found.files:
        if is_curated_file(path):
            _ingest_curated(store, path, report)
            if on_progress:
                on_progress(path.name, 1)
        else:
            articles.append(path)
    documents = (
        item for path in articles for item in _read_documents(path, published, report, on_progress)
    )
    _ingest_documents(store, documents, report, on_progress, max_chars, execution or Execution())
    return report


def count_work(paths: Sequence[str | Path]) -> int:
    """About how many progress steps an ingest of ``paths`` makes: a curated file is one,
    a JSONL file one per non-blank line, any other file one (a feed may hold more)."""
    from loaders.curated import is_curated_file

    total = 0
    for path in expand_paths(paths)[0]:
        if path.suffix.lower() in _JSONL and not is_curated_file(path):
            total += _count_lines(path)
        else:
            total += 1
    return total


def _count_lines(path: Path) -> int:
    """Lines holding something, counted in 1 MiB blocks (never the whole file in memory)."""
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                lines += block.count(b"\n") - block.count(b"\n\n")  # blank lines don't count
                last = block[-1:]
    except OSError:
        return 1
    return max(1, lines + (last != b"\n"))


def ingest_documents(
    store: Store,
    documents: Iterable[tuple[Document, str]],
    *,
    on_progress: ProgressCallback | None = None,
    max_chars: int = MAX_DOCUMENT_CHARS,
    execution: Execution | None = None,
) -> IngestReport:
    """Ingest documents read elsewhere (fetched pages: :mod:`loaders.follow`), each with a
    label naming it in error lines (``"label: reason"``); the same stages as :func:`ingest`."""
    report = IngestReport()
    _ingest_documents(store, documents, report, on_progress, max_chars, execution or Execution())
    return report


# -- one document ----------------------------------------------------------------------


class Extracts(Protocol):
    """The extraction seam: ``extract(document) -> facts`` (:class:`loaders.extract.Extractor`)."""

    def extract(self, document: Document) -> Sequence[ExtractedFact]: ...


@dataclass(frozen=True)
class Ingested:
    """What :func:`ingest_document` did with one document."""

    result: WriteResult
    #: The document as stored; when skipped, the one stored earlier with the same content.
    document: Document
    #: Its facts as stored (merged with earlier evidence), by relation, subject and object;
    #: when skipped, the stored document's facts. Empty when not read back.
    facts: list[Fact]

    @property
    def skipped(self) -> bool:
        """The content was already stored: nothing was extracted or written."""
        return self.result.skipped


def ingest_document(
    store: Store,
    document: Document,
    extractor: Extracts | Sequence[ExtractedFact],
    resolver: Resolves | None = None,
    *,
    read_back: bool = True,
) -> Ingested:
    """One document into ``store``: skipped when its content is stored, else extracted,
    resolved and written in one transaction (the CLI, ``POST /documents`` and MCP).

    ``extractor`` finds the document's facts, or IS the facts an extractor already
    found in it (in a batch, in worker processes, on Dask: :func:`ingest`); the
    write's own check on the content hash then skips a stored document. Names
    resolve with ``resolver`` (an ingest run passes its one), by default a new
    :class:`loaders.resolve.EntityResolver` over the store and the gazetteer. A
    ``doc_id`` already naming other content is a :class:`~graph.errors.Conflict`,
    raised before the extraction's seconds are spent. ``read_back`` reads the
    stored document and its facts for an answer (a bulk ingest needs neither).

    >>> from graph import open_store
    >>> store = open_store("sqlite:///:memory:")
    >>> ingest_document(store, Document("Nothing said.", doc_id="d"), []).document.id
    'd'
    >>> ingest_document(store, Document("Nothing said.", doc_id="e"), []).skipped
    True
    """
    from loaders.resolve import EntityResolver, to_batch

    if isinstance(extractor, Sequence):
        extracted = extractor
    elif queries.has_document(store, document):
        result = store.write(Batch(document=document))  # stores nothing: tells the stored id
        return _ingested(store, document, result, read_back)
    else:
        if document.doc_id is not None:
            _refuse_reused_id(store, document.doc_id)
        extracted = extractor.extract(document)
    if resolver is None:
        resolver = EntityResolver(store)
    batch = to_batch(document, extracted, resolver=resolver)
    return _ingested(store, document, store.write(batch), read_back)


def _refuse_reused_id(store: Store, doc_id: str) -> None:
    try:
        store.get_document(doc_id)
    except NotFound:
        return
    raise Conflict(f"document id {doc_id!r} is already stored with other content")


def _ingested(store: Store, document: Document, result: WriteResult, read_back: bool) -> Ingested:
    if not read_back:
        return Ingested(result, document, [])
    stored = store.get_document(result.document_id or document.id)
    if result.skipped:
        facts = queries.facts_citing(store, stored.id)
    else:
        written = queries.facts_by_id(store, result.fact_ids, queries.ANY_TIME)
        facts = sorted(written.values(), key=queries.listed_order)
    return Ingested(result, stored, facts)


# -- many documents --------------------------------------------------------------------


def _ingest_curated(store: Store, path: Path, report: IngestReport) -> None:
    from loaders.curated import CuratedFileError, load_curated

    try:
        batch = load_curated(path)
        report.add(store.write(batch))
    except CuratedFileError as exc:
        for problem in exc.errors:
            report.error("curated", str(problem))
    except GraphError as exc:
        report.error("curated", f"{path}: {exc.message}")


def _read_documents(
    path: Path,
    published: date | None,
    report: IngestReport,
    on_progress: ProgressCallback | None,
) -> Iterator[tuple[Document, str]]:
    """The documents of one file, one at a time, each with where it came from."""
    from loaders.readers import read_path

    for result in read_path(path, published=published):
        if result.error is not None:
            report.error("read", str(result.error))
            if on_progress:
                on_progress(path.name, 1)
        elif result.document is not None:
            yield result.document, _label(result.where, result.document)


def _label(where: str, doc: Document) -> str:
    return f"{where} (document {doc.doc_id or doc.url or doc.id})"


def _ingest_documents(
    store: Store,
    documents: Iterable[tuple[Document, str]],
    report: IngestReport,
    on_progress: ProgressCallback | None,
    max_chars: int,
    execution: Execution,
) -> None:
    from loaders.resolve import EntityResolver

    def fresh() -> Iterator[tuple[Document, str]]:
        for doc, label in documents:
            if queries.has_document(store, doc):
                report.documents_skipped += 1
                if on_progress:
                    on_progress(doc.title or doc.id, 1)
            else:
                yield doc, label

    resolver: EntityResolver | None = None
    for extraction, label in execution.extract(fresh(), max_chars):
        if extraction.error is not None:
            kind = "too long" if extraction.error.startswith("text too long") else "extraction"
            _failed(report, label, extraction.error, kind)
        else:
            if resolver is None:  # made on the first document: nothing read at start-up
                resolver = EntityResolver(store)
            _store_document(store, extraction.document, extraction.facts, resolver, label, report)
        if on_progress:
            on_progress(extraction.document.title or extraction.document.id, 1)


def _store_document(
    store: Store,
    doc: Document,
    extracted: Sequence[ExtractedFact],
    resolver: Resolves,
    label: str,
    report: IngestReport,
) -> None:
    """One document's facts in one transaction; a failure is that document's error only."""
    try:
        result = ingest_document(store, doc, extracted, resolver, read_back=False).result
    except GraphError as exc:
        _failed(report, label, exc.message, "write")
        return
    except Exception as exc:  # a bug met by one document must not lose the rest of the batch
        _failed(report, label, f"storing failed: {type(exc).__name__}: {exc}", "write")
        return
    if result.skipped:
        report.documents_skipped += 1
    else:
        report.documents += 1
        report.add(result)


def _failed(report: IngestReport, label: str, reason: str, kind: str) -> None:
    report.documents_failed += 1
    report.error(kind, f"{label}: {reason}")
