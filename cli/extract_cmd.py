"""``partnergraph extract``: documents in, one JSON fact per line out (the ontology's format).

stdout carries only JSON Lines, so it can be piped into the scorer; errors and
the progress bar (when stderr is a terminal) go to stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from graph.errors import InvalidInput
from graph.model import Document, parse_day
from loaders.limits import MAX_DOCUMENT_CHARS, MAX_DOCUMENT_CHARS_ENV

if TYPE_CHECKING:
    from loaders.extract import Extractor

err = Console(stderr=True)


def _read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    from loaders.readers.base import DEFAULT_MAX_BYTES, Unreadable, regular_file_size

    try:
        # A FIFO or /dev/zero would block or never end: refused by what it is.
        size = regular_file_size(Path(path))
        if size > DEFAULT_MAX_BYTES:
            raise Unreadable(f"file too large: {size} bytes (limit {DEFAULT_MAX_BYTES})")
        return Path(path).read_bytes()
    except Unreadable as exc:
        raise InvalidInput(f"{path}: {exc.reason}") from exc
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read: {exc.strerror or exc}") from exc


Labelled = Iterator[tuple[Document, str]]


def _label(where: str, document: Document) -> str:
    return f"{where} (document {document.doc_id})" if document.doc_id else where


def _jsonl_documents(
    data: bytes, source: str, published: date | None, problems: list[str]
) -> Labelled:
    """Documents from JSON Lines, each with its ``file:line``; every bad line is reported."""
    try:
        from loaders.readers.jsonl import read_jsonl
    except ImportError:  # the readers package is optional for this command
        yield from _plain_jsonl(data, source, published, problems)
        return
    try:
        for result in read_jsonl(data, source, published=published):
            if result.document is not None:
                yield result.document, _label(result.where, result.document)
            elif result.error is not None:
                problems.append(str(result.error))
    except InvalidInput as exc:
        problems.append(f"{source}: {exc.message}")


def _plain_jsonl(data: bytes, source: str, published: date | None, problems: list[str]) -> Labelled:
    # Fallback reader: the ontology's input format, one object per line.
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(f"{source}: not UTF-8 text")
        return
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise ValueError('expected an object with a "text" string')
            day = parse_day(row["published"]) if row.get("published") else published
            document = Document(
                text=row["text"],
                url=row.get("url"),
                title=row.get("title"),
                published=day,
                doc_id=row.get("doc_id"),
            )
            yield document, _label(f"{source}:{number}", document)
        except (ValueError, InvalidInput) as exc:
            problems.append(f"{source}:{number}: {exc}")


def _text_document(
    data: bytes, source: str, published: date | None, doc_id: str | None
) -> Document:
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{source}: not UTF-8 text") from exc
    try:
        from loaders.readers.text import text_document
    except ImportError:
        if not raw.strip():
            raise InvalidInput(f"{source}: empty text") from None
        return Document(text=raw, published=published, doc_id=doc_id)
    try:
        return text_document(raw, published=published, doc_id=doc_id)
    except InvalidInput as exc:
        raise InvalidInput(f"{source}: {exc.message}") from exc


def extract_command(
    path: Annotated[
        str,
        typer.Argument(
            help="A plain-text article, a JSON Lines file with --jsonl, or - for stdin."
        ),
    ] = "-",
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl",
            help='Read JSON Lines documents: {"doc_id", "published", "url", "title", "text"}.',
        ),
    ] = False,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication date YYYY-MM-DD: resolves 'on Tuesday', 'last year'... "
            "(with --jsonl: for lines that have none).",
        ),
    ] = None,
    doc_id: Annotated[
        str | None,
        typer.Option(
            "--doc-id", help="Document id for a plain-text input (default: content hash)."
        ),
    ] = None,
    batch_size: Annotated[
        int,
        typer.Option("--batch-size", min=1, help="Most texts (windows) parsed per spaCy batch."),
    ] = 64,
    max_chars: Annotated[
        int,
        typer.Option(
            "--max-chars",
            envvar=MAX_DOCUMENT_CHARS_ENV,
            min=1,
            help="The most characters one document's text may have; a longer one is an "
            "error for that document only.",
        ),
    ] = MAX_DOCUMENT_CHARS,
) -> None:
    """Extract facts from articles and print one JSON fact per line.

    The output is exactly the ontology's format (../shared/ontology.md), ready for
    the evaluation scorer:

        partnergraph extract article.txt --published 2025-09-11 --doc-id seed

        partnergraph extract --jsonl docs.jsonl > facts.jsonl

    A bad JSONL line, a document longer than --max-chars or one whose extraction
    fails is one error line on stderr (file:line, document id, reason); the other
    documents are still extracted.

    Exit status: 0 when every document was extracted, 1 when any line or document
    failed, 2 when the input cannot be read at all (or the spaCy model is missing).
    """
    try:
        day = parse_day(published, "--published") if published else None
        data = _read_input(path)
    except InvalidInput as exc:
        err.print(f"[red]error:[/red] {exc.message}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc
    source = "<stdin>" if path == "-" else path
    problems: list[str] = []
    if jsonl:
        documents: Labelled = _jsonl_documents(data, source, day, problems)
    else:
        try:
            document = _text_document(data, source, day, doc_id)
            documents = iter([(document, _label(source, document))])
        except InvalidInput as exc:
            err.print(f"[red]error:[/red] {exc.message}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from exc

    from loaders.extract import Extractor  # loads spaCy: only when the command runs

    try:
        extractor = Extractor(max_chars=max_chars)
    except InvalidInput as exc:
        err.print(f"[red]error:[/red] {exc.message}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc
    count = _run(extractor, documents, batch_size, problems)
    for problem in problems:
        err.print(f"[red]error:[/red] {problem}", highlight=False, soft_wrap=True)
    if problems or sys.stderr.isatty():
        err.print(f"{count} documents extracted, {len(problems)} errors")
    if problems:
        raise typer.Exit(1)


def _run(extractor: Extractor, documents: Labelled, batch_size: int, problems: list[str]) -> int:
    """Print each extracted document's facts; a failed document is one line in ``problems``."""
    count = 0
    write = sys.stdout.write
    progress = Progress(
        SpinnerColumn(),
        TextColumn("extracting {task.completed} documents"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not sys.stderr.isatty(),
    )
    with progress:
        task = progress.add_task("extract", total=None)
        for result, label in extractor.extract_tagged(documents, batch_size=batch_size):
            progress.advance(task)
            if result.error is not None:
                problems.append(f"{label}: {result.error}")
                continue
            for fact in result.facts:
                write(json.dumps(fact.to_json(), ensure_ascii=False) + "\n")
            count += 1
    sys.stdout.flush()
    return count


def register(app: typer.Typer) -> None:
    """Add ``extract`` to the ``partnergraph`` command line."""
    app.command("extract")(extract_command)
