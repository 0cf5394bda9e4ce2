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

if TYPE_CHECKING:
    from loaders.extract import Extractor

err = Console(stderr=True)


def _read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read: {exc.strerror or exc}") from exc


def _jsonl_documents(
    data: bytes, source: str, published: date | None, problems: list[str]
) -> Iterator[Document]:
    """Documents from JSON Lines; every bad line is reported (line number and reason)."""
    try:
        from loaders.readers.jsonl import read_jsonl
    except ImportError:  # the readers package is optional for this command
        yield from _plain_jsonl(data, source, published, problems)
        return
    try:
        for result in read_jsonl(data, source, published=published):
            if result.document is not None:
                yield result.document
            elif result.error is not None:
                problems.append(str(result.error))
    except InvalidInput as exc:
        problems.append(f"{source}: {exc.message}")


def _plain_jsonl(
    data: bytes, source: str, published: date | None, problems: list[str]
) -> Iterator[Document]:
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
            yield Document(
                text=row["text"],
                url=row.get("url"),
                title=row.get("title"),
                published=day,
                doc_id=row.get("doc_id"),
            )
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
        int, typer.Option("--batch-size", min=1, help="Documents parsed per spaCy batch.")
    ] = 64,
) -> None:
    """Extract facts from articles and print one JSON fact per line.

    The output is exactly the ontology's format (../shared/ontology.md), ready for
    the evaluation scorer:

        partnergraph extract article.txt --published 2025-09-11 --doc-id seed

        partnergraph extract --jsonl docs.jsonl > facts.jsonl

    Bad JSONL lines are reported on stderr with their line number; the other lines
    are still extracted and the exit status is 1 at the end.
    """
    try:
        day = parse_day(published, "--published") if published else None
        data = _read_input(path)
    except InvalidInput as exc:
        err.print(f"[red]error:[/red] {exc.message}", highlight=False)
        raise typer.Exit(2) from exc
    source = "<stdin>" if path == "-" else path
    problems: list[str] = []
    if jsonl:
        documents: Iterator[Document] = _jsonl_documents(data, source, day, problems)
    else:
        try:
            documents = iter([_text_document(data, source, day, doc_id)])
        except InvalidInput as exc:
            err.print(f"[red]error:[/red] {exc.message}", highlight=False)
            raise typer.Exit(1) from exc

    from loaders.extract import Extractor  # loads spaCy: only when the command runs

    try:
        extractor = Extractor()
    except InvalidInput as exc:
        err.print(f"[red]error:[/red] {exc.message}", highlight=False)
        raise typer.Exit(2) from exc
    count = _run(extractor, documents, batch_size)
    for problem in problems:
        err.print(f"[red]error:[/red] {problem}", highlight=False, soft_wrap=True)
    if sys.stderr.isatty():
        err.print(f"{count} documents, {len(problems)} errors")
    if problems:
        raise typer.Exit(1)


def _run(extractor: Extractor, documents: Iterator[Document], batch_size: int) -> int:
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
        for _document, facts in extractor.extract_many(documents, batch_size=batch_size):
            for fact in facts:
                write(json.dumps(fact.to_json(), ensure_ascii=False) + "\n")
            count += 1
            progress.advance(task)
    sys.stdout.flush()
    return count


def register(app: typer.Typer) -> None:
    """Add ``extract`` to the ``partnergraph`` command line."""
    app.command("extract")(extract_command)
