"""The MCP server: the graph's questions as tools for AI assistants (Model Context Protocol).

One server definition, two transports:

- ``partnergraph mcp`` serves it over stdio (:mod:`cli.mcp_cmd`);
- the API mounts it at ``/mcp`` as streamable HTTP (:mod:`api.mcp_http`).

Each tool is a thin adapter: it validates its arguments, calls the same
``graph.queries`` / ``graph.history`` functions (or, for paths and
neighbourhoods, the same bounded route functions) as the HTTP API, and answers
with the API's response schemas (:mod:`api.schemas`), so a tool's structured
result is the HTTP API's JSON for the same question: fact ids, dates at their
precision, and evidence (sentence, URL, publication date) to cite.

Errors are tool errors (``isError: true``) with the API's words: an unknown
entity names it with close matches, a bad argument is named. Lists take
``limit`` up to ``settings.max_limit``. (Argument checks and the error mapping:
:mod:`api.mcp_args`.)

The state lives on ``app.state`` as in the API (``settings``, ``store``, the
snapshot cache, the extractor): the API's own app over HTTP, a bare app
holding the store ``partnergraph mcp`` opened over stdio.

Writes (``add_document``, :mod:`api.mcp_write`) follow ``writes``:

- ``"token"`` (HTTP): the request needs ``Authorization: Bearer
  $PARTNERGRAPH_API_TOKEN``, checked by :func:`api.auth.require_write_token`;
  with no token configured, writes are disabled;
- ``"on"`` (stdio with ``--allow-writes``): allowed;
- ``"off"`` (stdio by default): the tool does not exist.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any, ParamSpec, TypeVar

from fastapi import FastAPI
from mcp.server.mcpserver import MCPServer
from mcp_types import ToolAnnotations
from pydantic import Field

from api import graph_answers, mapping, mcp_ontology
from api.mcp_args import (
    day_arg,
    limit_arg,
    moment_arg,
    settings_of,
    store_of,
    text_arg,
    tool_errors,
)
from api.mcp_write import Writes, add_write_tool
from api.params import valid_time
from api.schemas import (
    Direction,
    EntityListOut,
    EntityOut,
    FactListOut,
    NeighbourhoodOut,
    PathsOut,
    RelationsOut,
)
from api.schemas_history import ChangesOut, FactRecordOut, TimelineOut
from graph import history, queries
from graph.errors import InvalidInput
from graph.model import EntityType, Relation

INSTRUCTIONS = """\
partnergraph: a knowledge graph of corporate relationships built from news articles.
Facts are `subject -relation-> object` with valid time (valid_from/valid_to, at the
precision the source gives: "2019", "2025-08", "2025-08-28"), transaction time
(recorded_at/superseded_at; ask with known_at) and evidence: the sentence, its source URL
and publication date. Cite facts by their id and quote their evidence.
Entities are named by id, exact name or alias (search_entities finds them).
Dates are YYYY-MM-DD; as_of defaults to today. The vocabulary (relations, entity types,
qualifiers, time rules) is the resource partnergraph://ontology."""

P = ParamSpec("P")
T = TypeVar("T")

EntityArg = Annotated[
    str,
    Field(
        min_length=1,
        max_length=300,
        description="An entity id, or an exact name or alias (case-insensitive), e.g. microsoft",
    ),
]
AsOfArg = Annotated[
    str | None,
    Field(
        description="Valid time: the day the facts must hold, YYYY-MM-DD (default: today)",
        examples=["2025-09-11"],
    ),
]
KnownAtArg = Annotated[
    str | None,
    Field(
        description=(
            "Transaction time: answer as the store knew it at this ISO 8601 date-time "
            "(no offset = UTC; default: now)"
        ),
        examples=["2025-09-12T00:00:00Z"],
    ),
]
AllTimeArg = Annotated[
    bool,
    Field(description="Ignore valid time: every current fact whatever its dates (not with as_of)"),
]
LimitArg = Annotated[
    int, Field(ge=1, description="How many items at most (up to the server's max_limit, 500)")
]

READ = ToolAnnotations(read_only_hint=True, open_world_hint=False)


# -- the server -----------------------------------------------------------------------------


@contextmanager
def _root_logging_kept() -> Iterator[None]:
    """Leave the root logger as it was: ``MCPServer()`` calls ``logging.basicConfig`` (a
    Rich handler), which is the host process's business. In the API it made every log
    record go through Rich (the fuzz suite ran 7 times slower); the CLI sets its own."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in root.handlers:
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)


def build_server(app: FastAPI, writes: Writes, version: str = "") -> MCPServer:
    """The MCP server over ``app.state`` (``settings``, ``store``); see the module docstring."""
    with _root_logging_kept():
        server: MCPServer = MCPServer(
            name="partnergraph",
            title="partnergraph",
            instructions=INSTRUCTIONS,
            version=version,
            log_level="WARNING",
        )
    _add_read_tools(server, app)
    if writes != "off":
        add_write_tool(server, app, writes)

    @server.resource(
        mcp_ontology.URI,
        name="ontology",
        title="partnergraph ontology",
        description=(
            "Relations (with their entity types, symmetry and one-holder-at-a-time rules), "
            "entity types, qualifiers, statuses, date precisions and how valid time, "
            "transaction time and evidence are read; generated from the code's vocabulary."
        ),
        mime_type="application/json",
    )
    def ontology() -> dict[str, Any]:
        return mcp_ontology.ontology()

    return server


def _add_read_tools(server: MCPServer, app: FastAPI) -> None:
    def tool(title: str) -> Callable[[Callable[P, T]], Callable[P, T]]:
        def register(fn: Callable[P, T]) -> Callable[P, T]:
            server.add_tool(tool_errors(fn), title=title, annotations=READ)
            return fn

        return register

    @tool("Search entities")
    def search_entities(
        query: Annotated[
            str | None,
            Field(max_length=200, description="Text in the name or an alias, case-insensitive"),
        ] = None,
        type: Annotated[EntityType | None, Field(description="Only this entity type")] = None,
        limit: LimitArg = 20,
    ) -> EntityListOut:
        """Entities whose name or an alias contains `query` (exact and prefix matches first)."""
        store = store_of(app)
        found = queries.search_entities(
            store, text_arg(query, "query") or None, type, limit_arg(limit, settings_of(app))
        )
        return EntityListOut(items=[mapping.entity_out(e) for e in found], count=len(found))

    @tool("Get an entity")
    def get_entity(entity: EntityArg) -> EntityOut:
        """One entity (id, name, type, aliases, Wikidata id) by id, name or alias."""
        return mapping.entity_out(
            queries.resolve_entity(store_of(app), text_arg(entity, "entity") or "")
        )

    @tool("An entity's relations at a date")
    def entity_relations(
        entity: EntityArg,
        as_of: AsOfArg = None,
        known_at: KnownAtArg = None,
        relation: Annotated[Relation | None, Field(description="Only this relation")] = None,
        direction: Annotated[
            Direction,
            Field(description="out: the entity is the subject; in: the object; both"),
        ] = "both",
        all_time: AllTimeArg = False,
        limit: LimitArg = 50,
    ) -> RelationsOut:
        """The facts an entity takes part in that hold on `as_of` as known at `known_at`,
        each with both ends, dates at their precision, qualifiers and evidence."""
        store = store_of(app)
        found_entity = queries.resolve_entity(store, text_arg(entity, "entity") or "")
        when = valid_time(day_arg(as_of, "as_of"), all_time)
        moment = moment_arg(known_at)
        found = queries.relations(
            store,
            found_entity.id,
            as_of=when,
            known_at=moment,
            relation=relation,
            direction=direction,
            limit=limit_arg(limit, settings_of(app)),
        )
        return RelationsOut(
            entity=mapping.entity_ref(found_entity),
            direction=direction,
            as_of=when if isinstance(when, date) else None,
            known_at=moment,
            items=mapping.facts_out(store, found),
            count=len(found),
        )

    @tool("Facts by pattern")
    def find_facts(
        subject: Annotated[str | None, Field(max_length=300, description="Subject entity")] = None,
        relation: Annotated[Relation | None, Field(description="The relation")] = None,
        object: Annotated[str | None, Field(max_length=300, description="Object entity")] = None,
        as_of: AsOfArg = None,
        known_at: KnownAtArg = None,
        all_time: AllTimeArg = False,
        limit: LimitArg = 50,
    ) -> FactListOut:
        """Facts matching subject, relation and object (an omitted part matches anything);
        symmetric relations match either way round."""
        store = store_of(app)
        subject_key, object_key = text_arg(subject, "subject"), text_arg(object, "object")
        subject_id = queries.resolve_entity(store, subject_key).id if subject_key else None
        object_id = queries.resolve_entity(store, object_key).id if object_key else None
        when = valid_time(day_arg(as_of, "as_of"), all_time)
        moment = moment_arg(known_at)
        found = queries.facts(
            store,
            subject_id,
            relation,
            object_id,
            as_of=when,
            known_at=moment,
            limit=limit_arg(limit, settings_of(app)),
        )
        return FactListOut(
            as_of=when if isinstance(when, date) else None,
            known_at=moment,
            items=mapping.facts_out(store, found),
            count=len(found),
        )

    @tool("One fact with its history")
    def get_fact(
        fact_id: Annotated[str, Field(min_length=1, max_length=100, description="A fact id (f-…)")],
    ) -> FactRecordOut:
        """A fact with all its evidence, its dated status events and every recorded version."""
        store = store_of(app)
        record = history.fact_record(store, text_arg(fact_id, "fact_id") or "")
        return mapping.record_out(store, record)

    @tool("An entity's timeline")
    def entity_timeline(
        entity: EntityArg, known_at: KnownAtArg = None, limit: LimitArg = 100
    ) -> TimelineOut:
        """Every relation of the entity, current and ended, ordered by start date."""
        store = store_of(app)
        found_entity = queries.resolve_entity(store, text_arg(entity, "entity") or "")
        moment = moment_arg(known_at)
        found = history.timeline(store, found_entity.id, moment)[
            : limit_arg(limit, settings_of(app))
        ]
        return TimelineOut(
            entity=mapping.entity_ref(found_entity),
            known_at=moment,
            items=mapping.facts_out(store, found),
            count=len(found),
        )

    @tool("What changed since a date")
    def changes_since(
        since: Annotated[str, Field(description="Window start (inclusive), YYYY-MM-DD")],
        until: Annotated[
            str | None, Field(description="Window end (exclusive), YYYY-MM-DD; default: open")
        ] = None,
        entity: Annotated[
            str | None, Field(max_length=300, description="Only changes involving this entity")
        ] = None,
        limit: LimitArg = 100,
    ) -> ChangesOut:
        """Relationships that started or ended in [since, until), and corrections recorded then."""
        store = store_of(app)
        start = day_arg(since, "since")
        if start is None:
            raise InvalidInput("a date YYYY-MM-DD is required", where="since")
        end = day_arg(until, "until")
        if end is not None and end <= start:
            raise InvalidInput(f"must be after since ({start})", where="until")
        entity_key = text_arg(entity, "entity")
        entity_id = queries.resolve_entity(store, entity_key).id if entity_key else None
        feed = history.changes(store, start, end, entity_id)[: limit_arg(limit, settings_of(app))]
        return mapping.changes_out(store, feed, start, end)

    @tool("Paths between two entities")
    def find_paths(
        source: EntityArg,
        target: EntityArg,
        as_of: AsOfArg = None,
        known_at: KnownAtArg = None,
        max_hops: Annotated[
            int | None,
            Field(ge=1, description="The longest path in hops: default 4, at most max_hops (6)"),
        ] = None,
        relations: Annotated[
            list[Relation] | None, Field(description="Follow only these relations")
        ] = None,
        k: Annotated[
            int | None, Field(ge=1, description="How many paths, shortest first: default 3")
        ] = None,
    ) -> PathsOut:
        """Up to k shortest paths between two entities over the facts holding on `as_of`,
        every hop with the facts linking it and their evidence; bounded in hops and time."""
        return graph_answers.paths(
            app,
            store_of(app),
            settings_of(app),
            text_arg(source, "source") or "",
            text_arg(target, "target") or "",
            as_of=day_arg(as_of, "as_of"),
            known_at=moment_arg(known_at),
            max_hops=max_hops,
            relations=relations,
            k=k,
        )

    @tool("An entity's neighbourhood")
    def neighbourhood(
        entity: EntityArg,
        depth: Annotated[
            int | None, Field(ge=1, description="Hops from the centre: default 1, at most 3")
        ] = None,
        as_of: AsOfArg = None,
        known_at: KnownAtArg = None,
        ended: Annotated[
            bool, Field(description="Also the centre's relations that ended before as_of")
        ] = False,
    ) -> NeighbourhoodOut:
        """The entities within `depth` hops at `as_of`, as nodes and edges (one per fact)."""
        return graph_answers.neighbourhood(
            app,
            store_of(app),
            settings_of(app),
            text_arg(entity, "entity") or "",
            depth=depth,
            as_of=day_arg(as_of, "as_of"),
            known_at=moment_arg(known_at),
            ended=ended,
        )
