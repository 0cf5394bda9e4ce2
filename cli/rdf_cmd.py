"""``partnergraph export`` and ``partnergraph import``: the graph as RDF and back.

Wired into the CLI by ``register(app)`` (see cli/main.py).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cli.store_cmds import DEFAULT_DB, DbOption, opened_store
from graph.errors import GraphError
from graph.model import parse_day
from graph.rdf import export as export_rdf
from graph.rdf_import import import_rdf

err = Console(stderr=True)


class Format(StrEnum):
    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    NQUADS = "nquads"
    TRIG = "trig"
    JSONLD = "jsonld"


def export(
    format: Annotated[
        Format, typer.Option("--format", "-f", help="RDF format of the output.")
    ] = Format.TURTLE,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Valid time, YYYY-MM-DD (default: today): facts holding then get direct triples.",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export the graph as RDF: entities, every fact version with evidence, direct triples.

    N-Triples and N-Quads stream (flat memory at any size); Turtle, TriG and JSON-LD
    are built in memory first. Vocabulary: https://partnergraph.dev/ns# (graph/rdf_data/pg.ttl).
    """
    try:
        day = parse_day(as_of, "--as-of") if as_of else None
    except GraphError as exc:
        err.print(f"[red]error:[/red] {exc.message}", highlight=False)
        raise typer.Exit(2) from exc
    with opened_store(db) as store:
        if output is None:
            export_rdf(store, format.value, day, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return
        partial = output.with_name(output.name + ".partial")
        try:
            with partial.open("wb") as out:
                export_rdf(store, format.value, day, out)
            partial.replace(output)  # a failed export never leaves half a file behind
        finally:
            partial.unlink(missing_ok=True)
        err.print(f"wrote {output} ({output.stat().st_size:,} bytes, {format.value})")


def import_(
    file: Annotated[Path, typer.Argument(help="An export: .ttl, .nt, .nq, .trig or .jsonld.")],
    format: Annotated[
        Format | None,
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
