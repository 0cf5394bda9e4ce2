"""``partnergraph``: the command line. Each command group lives in its own module."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from cli import extract_cmd, follow_cmd, history_cmds, neo4j_cmd, rdf_cmd, store_cmds
from graph.errors import GraphError

app = typer.Typer(
    name="partnergraph",
    help="A knowledge graph of corporate relationships built from the news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

store_cmds.register(app)
history_cmds.register(app)
extract_cmd.register(app)
neo4j_cmd.register(app)
rdf_cmd.register(app)
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
