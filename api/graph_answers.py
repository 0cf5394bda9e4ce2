"""The graph answers of ``/paths``, ``/entities/{id}/neighbourhood`` and ``/rankings``,
shared by those routes (``api/routers/graph.py``) and the MCP tools.

Each applies the server's caps (``max_hops``, ``max_paths``, ``max_depth``),
resolves names to entities, asks the app's :class:`graph.snapshot.GraphSnapshots`
(:func:`api.state.snapshots`) and shapes its answer. A path search running longer
than ``settings.path_timeout`` answers 504.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from fastapi import FastAPI, HTTPException

from api import mapping, state
from api.schemas import (
    GraphEdgeOut,
    GraphNodeOut,
    NeighbourhoodOut,
    PathHopOut,
    PathOut,
    PathsOut,
    RankingOut,
)
from api.settings import Settings
from graph import queries
from graph.errors import InvalidInput
from graph.model import Entity, Fact, Relation
from graph.snapshot import EdgeState, Paths, Ranking, SearchTimeout
from graph.store import Store

#: What a timed-out path search tells the caller to change.
TIMEOUT_HINT = "try fewer hops, a smaller k or a relation filter"


def capped(value: int | None, default: int, cap: int, name: str) -> int:
    """``value`` (or ``default``, within the cap) when it is within the server's cap."""
    if value is None:
        return min(default, cap)
    if value > cap:
        raise InvalidInput(f"must be at most {cap}, got {value}", where=name)
    return value


def paths(
    app: FastAPI,
    store: Store,
    settings: Settings,
    source: str,
    target: str,
    *,
    as_of: date | None,
    known_at: datetime | None,
    max_hops: int | None,
    relations: Sequence[Relation] | None,
    k: int | None,
) -> PathsOut:
    """Up to ``k`` shortest paths between two entities (ids, names or aliases)."""
    max_hops = capped(max_hops, 4, settings.max_hops, "max_hops")
    k = capped(k, 3, settings.max_paths, "k")
    start = queries.resolve_entity(store, source)
    end = queries.resolve_entity(store, target)
    if start.id == end.id:
        raise InvalidInput("source and target are the same entity", where="target")
    day = as_of or date.today()
    followed = tuple(relations or ())
    try:
        found = state.snapshots(app).paths(
            store,
            start,
            end,
            day,
            known_at,
            followed,
            k=k,
            max_hops=max_hops,
            timeout=settings.path_timeout,
        )
    except SearchTimeout as exc:
        raise HTTPException(504, f"{exc}; {TIMEOUT_HINT}") from None
    items = [_path_out(found, path) for path in found.paths]
    return PathsOut(
        source=mapping.entity_ref(start),
        target=mapping.entity_ref(end),
        as_of=day,
        known_at=known_at,
        max_hops=max_hops,
        relations=list(followed),
        items=items,
        count=len(items),
    )


def _path_out(found: Paths, path: list[str]) -> PathOut:
    entities = found.entities
    hops = [
        PathHopOut(
            source=mapping.entity_ref(entities[u]),
            target=mapping.entity_ref(entities[v]),
            facts=[mapping.fact_out(f, entities) for f in found.hop_facts(u, v)],
        )
        for u, v in itertools.pairwise(path)
    ]
    nodes = [mapping.entity_ref(entities[n]) for n in path]
    return PathOut(length=len(path) - 1, nodes=nodes, hops=hops)


def neighbourhood(
    app: FastAPI,
    store: Store,
    settings: Settings,
    key: str,
    *,
    depth: int | None,
    as_of: date | None,
    known_at: datetime | None,
    ended: bool,
) -> NeighbourhoodOut:
    """An entity's ego graph at a date, as nodes and edges ready for drawing."""
    depth = capped(depth, 1, settings.max_depth, "depth")
    center = queries.resolve_entity(store, key)
    day = as_of or date.today()
    found = state.snapshots(app).neighbourhood(store, center, depth, day, known_at, ended=ended)
    depths, entities = found.depths, found.entities
    nodes = [
        GraphNodeOut(id=e.id, name=e.name, type=e.type, depth=depths[e.id])
        for e in sorted(entities.values(), key=lambda e: (depths[e.id], e.name.casefold()))
    ]
    edges = [_edge(fact, edge_state, entities) for fact, edge_state in found.edges]
    edges.sort(key=lambda e: (e.state, e.relation.value, e.source, e.target))
    return NeighbourhoodOut(
        center=mapping.entity_ref(center),
        as_of=day,
        known_at=known_at,
        depth=depth,
        nodes=nodes,
        edges=edges,
    )


def _edge(fact: Fact, state: EdgeState, ends: dict[str, Entity]) -> GraphEdgeOut:
    return GraphEdgeOut(
        id=fact.id,
        source=fact.subject,
        target=fact.object,
        relation=fact.relation,
        symmetric=fact.relation.symmetric,
        state=state,
        fact=mapping.fact_out(fact, ends),
    )


def ranking_items(ranking: Ranking, shown: Iterable[tuple[int, str]]) -> list[RankingOut]:
    """The ``(rank, entity id)`` pairs of one page of a ranking, shaped."""
    return [
        RankingOut(
            rank=i,
            entity=mapping.entity_ref(ranking.entities[n]),
            degree=int(ranking.degree[n]),
            pagerank=round(ranking.pagerank[n], 6),
        )
        for i, n in shown
    ]
