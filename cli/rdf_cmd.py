"""``partnergraph export`` and ``partnergraph import``: the graph as RDF and back, and
the graph at a date for graph tools (GraphML, CSV).

Wired into the CLI by ``register(app)`` (see cli/main.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, BinaryIO

import typer
from rich.console import Console

from cli.store_cmds import DEFAULT_DB, DbOption, opened_store
from graph.errors import GraphError
from graph.model import parse_day
from graph.rdf import export as export_rdf
from graph.rdf_import import import_rdf
from graph.store import Store
from graph.tables import csv_tables, write_csv_zip, write_graphml

err = Console(stderr=True)


class Format(StrEnum):
    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    NQUADS = "nquads"
    TRIG = "trig"
    JSONLD = "jsonld"
    GRAPHML = "graphml"
    CSV = "csv"


class ImportFormat(StrEnum):
    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    NQUADS = "nquads"
    TRIG = "trig"
    JSONLD = "jsonld"


def _write_tables(store: Store, format: Format, day: date, output: Path | None) -> None:
    """GraphML to a file or stdout; CSV to a folder (nodes.csv, edges.csv) or a .zip."""
    if format is Format.GRAPHML:
        if output is None:
            write_graphml(store, day, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return
        _atomic_write(output, lambda out: write_graphml(store, day, out))
        err.print(f"wrote {output} ({output.stat().st_size:,} bytes, graphml)")
        return
    if output is None:
        err.print(
            "[red]error:[/red] --format csv writes two files: give --output FOLDER or FILE.zip"
        )
        raise typer.Exit(2)
    if output.suffix.lower() == ".zip":
        _atomic_write(output, lambda out: write_csv_zip(store, day, out))
        err.print(f"wrote {output} (nodes.csv and edges.csv)")
        return
    output.mkdir(parents=True, exist_ok=True)
    for name, text in csv_tables(store, day).items():
        _atomic_write(output / name, _writes(text.encode("utf-8")))
    err.print(f"wrote {output / 'nodes.csv'} and {output / 'edges.csv'}")


def _writes(data: bytes) -> Callable[[BinaryIO], object]:
    return lambda out: out.write(data)


def _atomic_write(path: Path, write: Callable[[BinaryIO], object]) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") as out:
            write(out)
        partial.replace(path)  # a failed export never leaves half a file behind
    finally:
        partial.unlink(missing_ok=True)


def export(
    format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="RDF (turtle, ntriples, nquads, trig, jsonld), or graphml / csv for graph "
            "tools: the facts valid at --as-of only.",
        ),
    ] = Format.TURTLE,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Valid time, YYYY-MM-DD (default: today): facts holding then get direct triples.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (default: stdout); for csv a folder, or a .zip file.",
        ),
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export the graph as RDF: entities, every fact version with evidence, direct triples.

    N-Triples and N-Quads stream (flat memory at any size); Turtle, TriG and JSON-LD
    are built in memory first. Vocabulary: https://partnergraph.dev/ns# (graph/rdf_data/pg.ttl).
    GraphML (Gephi, yEd, networkx) and CSV (nodes.csv and edges.csv, Gephi's spreadsheet
    import) hold the facts valid at --as-of and their entities.
    """
    try:
        day = parse_day(as_of, "--as-of") if as_of else None
    except GraphError as exc:
        err.print(f"[red]error:[/red] {exc.message}", highlight=False)
        raise typer.Exit(2) from exc
    with opened_store(db) as store:
        if format in (Format.GRAPHML, Format.CSV):
            _write_tables(store, format, day or date.today(), output)
            return
        if output is None:
            export_rdf(store, format.value, day, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return
        _atomic_write(output, lambda out: export_rdf(store, format.value, day, out))
        err.print(f"wrote {output} ({output.stat().st_size:,} bytes, {format.value})")


def import_(
    file: Annotated[Path, typer.Argument(help="An export: .ttl, .nt, .nq, .trig or .jsonld.")],
    format: Annotated[
        ImportFormat | None,
        typer.Option("--format", "-f", help="RDF format (default: from the file name)."),
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Read an export back into the store (entities, facts, evidence).

    Through the store's ordinary write path the store stamps recorded times itself
    and keeps each fact's latest version; earlier versions are counted, not restored.
    """
    if not file.is_file():
        err.print(f"[red]error:[/red] no file {str(file)!r}", highlight=False)
        raise typer.Exit(2)
    with opened_store(db) as store:
        result = import_rdf(store, file, format.value if format else None)
    err.print(
        f"{result.entities} entities, {result.facts} facts ({result.versions} versions) "
        f"imported from {file}"
    )
    if result.versions_collapsed:
        err.print(
            f"[yellow]note:[/yellow] {result.versions_collapsed} earlier version(s) of facts "
            "were not restored: this store keeps only what write() derives"
        )
    if result.restamped:
        err.print("recorded times were set by the store (now), not taken from the file")


def register(app: typer.Typer) -> None:
    """Add ``export`` and ``import`` to the CLI."""
    app.command("export")(export)
    app.command("import")(import_)
