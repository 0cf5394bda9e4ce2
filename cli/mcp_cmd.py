"""``partnergraph mcp``: the MCP server over stdio, for AI assistants (see docs/mcp.md).

Wired into the CLI by ``register(app)`` (see cli/main.py). The server itself
is :mod:`api.mcp_server`, the same one the API mounts at ``/mcp``.
"""

from __future__ import annotations

import logging
import sys
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated

import anyio
import typer
from fastapi import FastAPI

from cli.store_cmds import DEFAULT_DB, DbOption, opened_store

HELP = (
    "Serve the graph to AI assistants over MCP (Model Context Protocol), on stdin/stdout.\n\n"
    "An MCP client starts this command itself. Give it an absolute store path, e.g. in "
    "Claude Desktop's claude_desktop_config.json or a project's .mcp.json:\n\n"
    '  {"mcpServers": {"partnergraph": {\n'
    '      "command": "/path/to/.venv/bin/partnergraph",\n'
    '      "args": ["mcp", "--db", "sqlite:////abs/path/partnergraph.db"]}}}\n\n'
    "Tools: search_entities, get_entity, entity_relations, find_facts, get_fact, "
    "entity_timeline, changes_since, find_paths, neighbourhood, and add_document with "
    "--allow-writes. The resource partnergraph://ontology describes the vocabulary. Every "
    "answer carries fact ids, dates at their precision and evidence to cite.\n\n"
    "Writes are off by default: add_document exists only with --allow-writes (otherwise an "
    "assistant could store whatever an article it read tells it to). Over HTTP the same "
    "server is at /mcp of `partnergraph serve`, where writes need the bearer token instead. "
    "Only protocol messages go to stdout; logs go to stderr. See docs/mcp.md."
)


def _version() -> str:
    try:
        return version("partnergraph")
    except PackageNotFoundError:  # a checkout that was never installed
        return "0.0.0"


def mcp_command(
    db: DbOption = DEFAULT_DB,
    allow_writes: Annotated[
        bool,
        typer.Option(
            "--allow-writes",
            help="Offer the add_document tool: the assistant may store articles and their facts.",
        ),
    ] = False,
) -> None:
    from api.mcp_server import build_server
    from api.settings import Settings

    # stdout carries the protocol: every log line goes to stderr.
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(message)s"
    )
    with opened_store(db) as store:
        # The tools keep their state on an app's state, as in the API (no HTTP here).
        holder = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
        holder.state.settings = Settings(db=db)
        holder.state.store = store
        server = build_server(holder, writes="on" if allow_writes else "off", version=_version())
        anyio.run(server.run_stdio_async)


def register(app: typer.Typer) -> None:
    app.command("mcp", help=HELP)(mcp_command)
