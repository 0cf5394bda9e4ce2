"""``partnergraph``: the command line. Each command group lives in its own module."""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version

import typer
from rich.console import Console

from cli import (
    extract_cmd,
    follow_cmd,
    history_cmds,
    mcp_cmd,
    neo4j_cmd,
    rdf_cmd,
    store_cmds,
)
from graph.errors import GraphError

app = typer.Typer(
    name="partnergraph",
    help="A knowledge graph of corporate relationships built from the news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        try:
            number = version("partnergraph")
        except PackageNotFoundError:  # a checkout that was never installed
            number = "0.0.0"
        typer.echo(f"partnergraph {number}")
        raise typer.Exit()


@app.callback()
def _options(
    show_version: bool = typer.Option(
        False,
        "--version",
        help="Print the version and exit.",
        callback=_print_version,
        is_eager=True,
    ),
) -> None:
    """A knowledge graph of corporate relationships built from the news."""


store_cmds.register(app)
history_cmds.register(app)
extract_cmd.register(app)
neo4j_cmd.register(app)
rdf_cmd.register(app)
mcp_cmd.register(app)
follow_cmd.register(app)


def main() -> None:
    """Run the CLI; a model or store error is one clear line and exit status 2."""
    try:
        app()
    except GraphError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc.message}", highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
