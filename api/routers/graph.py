"""Graph queries over an as-of snapshot: paths, an entity's neighbourhood, rankings.

All three read a snapshot: the undirected graph of the facts holding on a day
(:func:`pair_graph`), built from one scan of bare ``(fact id, subject, object,
relation)`` tuples (:func:`graph.queries.as_of_edges`) and holding ids only; the
entities and facts an answer shows are read from the store for that answer
(1M facts: about 0.4 GB and 5 s, where a graph of full facts took 1.8 GB and
over a minute). It is CACHED per ``(as_of, known_at, relations)`` in a small
LRU on ``app.state.snapshots``.

Invalidation, until the store protocol has a change marker:

- every write through this API (``POST /documents``, later retractions) calls
  :func:`invalidate_snapshots`, which empties the cache at once;
- writes by other processes (the CLI's ``ingest``) are seen after at most
  ``settings.snapshot_ttl`` seconds (30 by default), when the entry expires;
- a store that offers ``revision() -> int`` (a counter bumped by every
  committed write or retraction) makes the TTL unnecessary: an entry is reused
  only while the revision it was built at is current.

Path searches run in a worker thread and answer 504 after
``settings.path_timeout`` seconds; the worker stops at its next path.
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter
from typing import Annotated, Any, Literal, TypeVar

import networkx as nx
from fastapi import APIRouter, FastAPI, HTTPException, Query, Request, Response
from pydantic import AfterValidator

from api import mapping
from api.auth import problem_response
from api.deps import SettingsDep, StoreDep
from api.errors import problem_responses
from api.pagination import LINK_HEADER, PageDep
from api.params import (
    AsOfParam,
    EntityKeyPath,
    EntityTypeParam,
    KnownAtParam,
    _no_nul,
    _stripped,
)
from api.schemas import (
    EXAMPLE_NEIGHBOURHOOD,
    EXAMPLE_PATHS,
    EXAMPLE_RANKINGS,
    GraphEdgeOut,
    GraphNodeOut,
    NeighbourhoodOut,
    PathHopOut,
    PathOut,
    PathsOut,
    RankingOut,
    RankingsOut,
)
from graph import queries
from graph.errors import InvalidInput
from graph.gcpause import gc_paused
from graph.model import Entity, Fact, Relation
from graph.store import Store

router = APIRouter(tags=["graph"])

T = TypeVar("T")
SnapshotKey = tuple[date, datetime | None, tuple[Relation, ...]]


# -- the snapshot cache ----------------------------------------------------------------


_SYMMETRIC = frozenset(r.value for r in Relation if r.symmetric)
_HALF = 32  # bits of a node number in a pair key (``u << _HALF | v``)
_SEQ = 34  # bits of an edge's position in an order key (``node << _SEQ | position``)


@dataclass
class Snapshot:
    """One as-of graph, lean: entity ids and fact ids only, plus lazy rankings.

    Entities and facts are read from the store for the nodes and edges an answer
    shows (:func:`graph.queries.entities_by_id`, :func:`graph.queries.facts_by_id`).
    """

    undirected: nx.Graph  # one edge per linked pair: ``facts`` (fact ids), ``weight`` (count)
    built: float
    marker: Hashable
    _pagerank: dict[str, float] | None = field(default=None, repr=False)
    _entities: dict[str, Entity] | None = field(default=None, repr=False)

    def pagerank(self) -> dict[str, float]:
        if self._pagerank is None:
            self._pagerank = pagerank(self.undirected)
        return self._pagerank

    def entities(self, store: Store) -> dict[str, Entity]:
        """Every node's entity (id, name, type), read once, for rankings."""
        if self._entities is None:
            found = queries.entities_by_id(store, self.undirected)
            self._entities = {n: Entity(n, e.name, e.type) for n, e in found.items()}
        return self._entities


def pair_graph(edges: Iterable[queries.Edge]) -> nx.Graph:
    """The undirected graph of ``(fact_id, subject, object, relation)`` edges.

    One edge per linked pair, with the ids of its facts (``facts``) and their
    number (``weight``); node ids are shared strings, nothing else is kept.

    Nodes, and each node's neighbours, come in the order of the directed
    multigraph (:func:`graph.queries.snapshot`) this graph was once derived
    from, so path searches break ties as before: nodes by first appearance;
    pairs by the first directed edge (symmetric facts go both ways) that links
    them in that graph's edge order, i.e. by (its source's node number, its
    position among the edges).
    """
    index: dict[str, int] = {}
    nodes: list[str] = []
    pairs: dict[int, list[Any]] = {}  # pair key -> [order key, pair key, fact ids...]
    position = 0
    for fact_id, subject, obj, relation in edges:
        s = index.get(subject)
        if s is None:
            s = index[subject] = len(nodes)
            nodes.append(subject)
        o = index.get(obj)
        if o is None:
            o = index[obj] = len(nodes)
            nodes.append(obj)
        order = s << _SEQ | position
        if relation in _SYMMETRIC:
            order = min(order, o << _SEQ | (position + 1))
        position += 2
        key = s << _HALF | o if s <= o else o << _HALF | s
        entry = pairs.get(key)
        if entry is None:
            pairs[key] = [order, key, fact_id]
        else:
            entry[0] = min(entry[0], order)
            entry.append(fact_id)
    index.clear()
    graph: nx.Graph = nx.Graph()
    graph.add_nodes_from(nodes)
    mask = (1 << _HALF) - 1

    def linked(entry: list[Any]) -> tuple[str, str, dict[str, Any]]:
        ids = tuple(dict.fromkeys(entry[2:])) if len(entry) > 3 else (entry[2],)
        return nodes[entry[1] >> _HALF], nodes[entry[1] & mask], {"facts": ids, "weight": len(ids)}

    ordered = sorted(pairs.values(), key=itemgetter(0))
    pairs.clear()
    graph.add_edges_from(map(linked, ordered))
    return graph


def _change_marker(store: Store) -> Hashable:
    """The store's revision when it offers one (see the module docstring), else None."""
    revision = getattr(store, "revision", None)
    return revision() if callable(revision) else None


class SnapshotCache:
    """A small LRU of snapshots, emptied by :meth:`invalidate` and aged by ``ttl``."""

    def __init__(self, size: int, ttl: float, clock: Callable[[], float] = time.monotonic):
        self.size, self.ttl, self.clock = size, ttl, clock
        self._entries: OrderedDict[SnapshotKey, Snapshot] = OrderedDict()
        self._lock = threading.Lock()
        self._generation = 0
        self.hits = self.misses = 0

    def get(
        self, store: Store, as_of: date, known_at: datetime | None, relations: Sequence[Relation]
    ) -> Snapshot:
        key: SnapshotKey = (as_of, known_at, tuple(sorted(set(relations))))
        marker = _change_marker(store)
        with self._lock:
            snap = self._entries.get(key)
            if snap is not None and self._fresh(snap, marker):
                self._entries.move_to_end(key)
                self.hits += 1
                return snap
            generation = self._generation
            self.misses += 1
        edges = queries.as_of_edges(store, as_of, known_at, key[2] or None)
        with gc_paused():  # 1M facts: 4 s, not 13 s
            snap = Snapshot(pair_graph(edges), self.clock(), marker)
        with self._lock:
            # A write that invalidated the cache while this was built makes it stale.
            if generation == self._generation:
                self._entries[key] = snap
                self._entries.move_to_end(key)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return snap

    def _fresh(self, snap: Snapshot, marker: Hashable) -> bool:
        if marker is not None:
            return snap.marker == marker
        return self.clock() - snap.built <= self.ttl

    def invalidate(self) -> None:
        with self._lock:
            self._entries.clear()
            self._generation += 1


_CACHE_LOCK = threading.Lock()


def snapshot_cache(app: FastAPI) -> SnapshotCache:
    """The app's cache, created on first use from its settings."""
    with _CACHE_LOCK:
        cache: SnapshotCache | None = getattr(app.state, "snapshots", None)
        if cache is None:
            settings = app.state.settings
            cache = SnapshotCache(settings.snapshot_cache_size, settings.snapshot_ttl)
            app.state.snapshots = cache
        return cache


def invalidate_snapshots(app: FastAPI) -> None:
    """Call after any write through the API: the next graph query rebuilds its snapshot."""
    cache: SnapshotCache | None = getattr(app.state, "snapshots", None)
    if cache is not None:
        cache.invalidate()


def pagerank(graph: nx.Graph, alpha: float = 0.85, tol: float = 1e-10) -> dict[str, float]:
    """Weighted PageRank by power iteration (networkx's own needs scipy, which we don't ship)."""
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    strength = {v: float(graph.degree(v, weight="weight")) for v in graph}
    rank = dict.fromkeys(graph, 1.0 / n)
    for _ in range(200):
        dangling = alpha * sum(rank[v] for v in graph if not strength[v]) / n
        nxt = dict.fromkeys(graph, (1.0 - alpha) / n + dangling)
        for v in graph:
            if strength[v]:
                share = alpha * rank[v] / strength[v]
                for u, data in graph[v].items():
                    nxt[u] += share * data["weight"]
        error = sum(abs(nxt[v] - rank[v]) for v in graph)
        rank = nxt
        if error < n * tol:
            break
    return rank


class _Workers:
    """Daemon threads reused by graph searches (starting one per request cost more than
    a typical search: ``Thread.start`` waits until the new thread is scheduled).

    A job goes to an idle thread, else to a new one, so a search that outlives its
    timeout never delays another; threads are never more than the peak concurrency.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._idle = 0  # threads free, less the jobs queued for them

    def submit(self, job: Callable[[], None]) -> None:
        with self._lock:
            spare = self._idle > 0
            if spare:
                self._idle -= 1
        if not spare:
            threading.Thread(
                target=self._serve, name="partnergraph-graph-query", daemon=True
            ).start()
        self._jobs.put(job)

    def _serve(self) -> None:
        while True:
            self._jobs.get()()  # the job catches its own exceptions
            with self._lock:
                self._idle += 1


_WORKERS = _Workers()


def _bounded(work: Callable[[threading.Event], T], timeout: float, what: str) -> T:
    """Run ``work(cancel)`` in a worker; 504 after ``timeout`` s (and ``cancel`` is set)."""
    outcome: list[T] = []
    failure: list[BaseException] = []
    done, cancel = threading.Event(), threading.Event()

    def run() -> None:
        try:
            outcome.append(work(cancel))
        except BaseException as exc:  # handed to the request thread below
            failure.append(exc)
        finally:
            done.set()

    _WORKERS.submit(run)
    if not done.wait(timeout):
        cancel.set()
        raise HTTPException(
            504,
            f"the {what} took longer than {timeout:g} s; "
            "try fewer hops, a smaller k or a relation filter",
        )
    if failure:
        raise failure[0]
    return outcome[0]


# -- parameters ------------------------------------------------------------------------


def _end(which: str, example: str) -> Any:
    return Query(
        min_length=1,
        max_length=300,
        description=f"The {which}: an entity id, or an exact name or alias (case-insensitive)",
        openapi_examples={which: {"summary": f"A {which}", "value": example}},
    )


SourceParam = Annotated[
    str, AfterValidator(_no_nul), AfterValidator(_stripped), _end("source", "nvidia")
]
TargetParam = Annotated[
    str, AfterValidator(_no_nul), AfterValidator(_stripped), _end("target", "OpenAI")
]
RelationsParam = Annotated[
    list[Relation] | None,
    Query(
        alias="relation",
        description="Follow only these relations (repeat the parameter for several)",
        openapi_examples={"partners": {"summary": "Partnerships", "value": ["partners_with"]}},
    ),
]
MaxHopsParam = Annotated[
    int | None,
    Query(
        ge=1,
        description="The longest path, in hops: default 4, at most the server's max_hops (6)",
        openapi_examples={"three": {"summary": "Three hops", "value": 3}},
    ),
]
KParam = Annotated[
    int | None,
    Query(
        ge=1,
        description="How many paths, shortest first: default 3, at most the server's max_paths",
        openapi_examples={"three": {"summary": "Three paths", "value": 3}},
    ),
]
DepthParam = Annotated[
    int | None,
    Query(
        ge=1,
        description="Hops from the centre: default 1, at most the server's max_depth (3)",
        openapi_examples={"two": {"summary": "Friends of friends", "value": 2}},
    ),
]
EndedParam = Annotated[
    bool,
    Query(
        description=(
            "Also the centre's relations that ended before as_of, with `state: ended` "
            "(for drawing them faded)"
        ),
        openapi_examples={"ended": {"summary": "With ended relations", "value": True}},
    ),
]
OrderParam = Annotated[
    Literal["pagerank", "degree"],
    Query(
        description="Rank by PageRank (default) or by degree",
        openapi_examples={"degree": {"summary": "By degree", "value": "degree"}},
    ),
]


def _capped(value: int | None, default: int, cap: int, name: str) -> int:
    """``value`` (or ``default``, within the cap) when it is within the server's cap."""
    if value is None:
        return min(default, cap)
    if value > cap:
        raise InvalidInput(f"must be at most {cap}, got {value}", where=name)
    return value


# -- routes ----------------------------------------------------------------------------


@router.get(
    "/paths",
    response_model=PathsOut,
    summary="How two entities are connected at a date",
    description=(
        "Up to `k` shortest paths between `source` and `target` over the facts holding on "
        "`as_of` (default today), as known at `known_at`, each at most `max_hops` long. "
        "Direction is ignored for connectivity (a supplier of a partner is connected); "
        "every hop lists the facts linking its two entities, each with its evidence. "
        "No connection is an empty list. A search running longer than the server's "
        "`path_timeout` answers 504. Example: "
        "`GET /paths?source=nvidia&target=openai&as_of=2025-09-11&max_hops=3&k=3`."
    ),
    responses={
        200: {"content": {"application/json": {"example": EXAMPLE_PATHS}}},
        **problem_responses(404, 422, 503),
        504: problem_response(
            504,
            "The search took longer than the server's path_timeout",
            "the path search took longer than 5 s; try fewer hops, a smaller k or a "
            "relation filter",
            "/paths",
        ),
    },
)
def find_paths(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    source: SourceParam,
    target: TargetParam,
    as_of: AsOfParam = None,
    known_at: KnownAtParam = None,
    max_hops: MaxHopsParam = None,
    relation: RelationsParam = None,
    k: KParam = None,
) -> PathsOut:
    max_hops = _capped(max_hops, 4, settings.max_hops, "max_hops")
    k = _capped(k, 3, settings.max_paths, "k")
    start = queries.resolve_entity(store, source)
    end = queries.resolve_entity(store, target)
    if start.id == end.id:
        raise InvalidInput("source and target are the same entity", where="target")
    day = as_of or date.today()
    relations = tuple(relation or ())
    cache = snapshot_cache(request.app)

    def search(cancel: threading.Event) -> tuple[Snapshot, list[list[str]]]:
        snap = cache.get(store, day, known_at, relations)
        return snap, _shortest_paths(snap.undirected, start.id, end.id, k, max_hops, cancel)

    snap, found = _bounded(search, settings.path_timeout, "path search")
    hops = [(u, v) for path in found for u, v in itertools.pairwise(path)]
    others = (n for path in found for n in path if n not in (start.id, end.id))
    entities = {start.id: start, end.id: end, **queries.entities_by_id(store, others)}
    facts = queries.facts_by_id(
        store, (i for u, v in hops for i in snap.undirected[u][v]["facts"]), day, known_at
    )
    items = [_path_out(snap, path, entities, facts) for path in found]
    return PathsOut(
        source=mapping.entity_ref(start),
        target=mapping.entity_ref(end),
        as_of=day,
        known_at=known_at,
        max_hops=max_hops,
        relations=list(relations),
        items=items,
        count=len(items),
    )


def _shortest_paths(
    graph: nx.Graph, source: str, target: str, k: int, max_hops: int, cancel: threading.Event
) -> list[list[str]]:
    if source not in graph or target not in graph:
        return []
    found: list[list[str]] = []
    try:
        for path in nx.shortest_simple_paths(graph, source, target):
            if cancel.is_set() or len(path) - 1 > max_hops:
                break
            found.append(path)
            if len(found) >= k:
                break
    except nx.NetworkXNoPath:
        return []
    return found


def _path_out(
    snap: Snapshot, path: list[str], entities: dict[str, Entity], facts: dict[str, Fact]
) -> PathOut:
    hops = [
        PathHopOut(
            source=mapping.entity_ref(entities[u]),
            target=mapping.entity_ref(entities[v]),
            facts=[mapping.fact_out(f, entities) for f in _pair_facts(snap, u, v, facts)],
        )
        for u, v in itertools.pairwise(path)
    ]
    nodes = [mapping.entity_ref(entities[n]) for n in path]
    return PathOut(length=len(path) - 1, nodes=nodes, hops=hops)


def _pair_facts(snap: Snapshot, u: str, v: str, facts: dict[str, Fact]) -> list[Fact]:
    """The facts linking ``u`` and ``v``, by relation, start and id (those still holding)."""
    linked = [facts[i] for i in snap.undirected[u][v]["facts"] if i in facts]
    return sorted(linked, key=lambda f: (f.relation.value, f.lower, f.id))


@router.get(
    "/entities/{id}/neighbourhood",
    response_model=NeighbourhoodOut,
    summary="An entity's ego graph at a date, ready for drawing",
    description=(
        "The entities within `depth` hops of the centre over the facts holding on `as_of` "
        "(default today), as nodes (with their distance) and edges (one per fact, with the "
        "fact and its evidence). `ended=true` adds the centre's relations that ended "
        "before `as_of`, marked `state: ended`. `{id}` takes an id, name or alias. "
        "Example: `GET /entities/microsoft/neighbourhood?depth=1&as_of=2025-09-11`."
    ),
    responses={
        200: {"content": {"application/json": {"example": EXAMPLE_NEIGHBOURHOOD}}},
        **problem_responses(404, 422, 503),
    },
)
def neighbourhood(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    id: EntityKeyPath,
    depth: DepthParam = None,
    as_of: AsOfParam = None,
    known_at: KnownAtParam = None,
    ended: EndedParam = False,
) -> NeighbourhoodOut:
    depth = _capped(depth, 1, settings.max_depth, "depth")
    center = queries.resolve_entity(store, id)
    day = as_of or date.today()
    snap = snapshot_cache(request.app).get(store, day, known_at, ())
    entities: dict[str, Entity] = {center.id: center}
    depths: dict[str, int] = {center.id: 0}
    edges: list[GraphEdgeOut] = []
    if center.id in snap.undirected:
        depths = nx.single_source_shortest_path_length(snap.undirected, center.id, cutoff=depth)
        ego = snap.undirected.subgraph(depths)
        ids = [i for _, _, pair in ego.edges(data="facts") for i in pair]
        entities.update(queries.entities_by_id(store, (n for n in depths if n != center.id)))
        facts = queries.facts_by_id(store, ids, day, known_at)
        edges.extend(_edge(facts[i], "valid", entities) for i in ids if i in facts)
    if ended:
        gone = [
            f
            for f in queries.relations(store, center.id, as_of=queries.ANY_TIME, known_at=known_at)
            if f.valid_to is not None and f.upper <= day
        ]
        others = [f.other_end(center.id) for f in gone if f.other_end(center.id) not in depths]
        entities.update(queries.entities_by_id(store, others))
        for f in gone:
            depths.setdefault(f.other_end(center.id), 1)
            edges.append(_edge(f, "ended", entities))
    nodes = [
        GraphNodeOut(id=e.id, name=e.name, type=e.type, depth=depths[e.id])
        for e in sorted(entities.values(), key=lambda e: (depths[e.id], e.name.casefold()))
    ]
    edges.sort(key=lambda e: (e.state, e.relation.value, e.source, e.target))
    return NeighbourhoodOut(
        center=mapping.entity_ref(center),
        as_of=day,
        known_at=known_at,
        depth=depth,
        nodes=nodes,
        edges=edges,
    )


def _edge(fact: Fact, state: Literal["valid", "ended"], ends: dict[str, Entity]) -> GraphEdgeOut:
    return GraphEdgeOut(
        id=fact.id,
        source=fact.subject,
        target=fact.object,
        relation=fact.relation,
        symmetric=fact.relation.symmetric,
        state=state,
        fact=mapping.fact_out(fact, ends),
    )


@router.get(
    "/rankings",
    response_model=RankingsOut,
    summary="The most connected entities at a date",
    description=(
        "Entities ranked by PageRank (or by degree, `order=degree`) over the facts holding "
        "on `as_of` (default today), optionally over some relations only and for one "
        "entity type. Degree counts facts; PageRank runs on the undirected graph weighted "
        "by the number of facts between two entities. Example: "
        "`GET /rankings?as_of=2025-09-11&type=Organization&limit=10`."
    ),
    responses={
        200: {
            "headers": LINK_HEADER,
            "content": {"application/json": {"example": EXAMPLE_RANKINGS}},
        },
        **problem_responses(422, 503),
    },
)
def rankings(
    request: Request,
    response: Response,
    store: StoreDep,
    page: PageDep,
    as_of: AsOfParam = None,
    known_at: KnownAtParam = None,
    relation: RelationsParam = None,
    entity_type: EntityTypeParam = None,
    order: OrderParam = "pagerank",
) -> RankingsOut:
    day = as_of or date.today()
    relations = tuple(relation or ())
    snap = snapshot_cache(request.app).get(store, day, known_at, relations)
    ranks = snap.pagerank()
    degree = dict(snap.undirected.degree(weight="weight"))
    entities = snap.entities(store)
    nodes = [n for n in snap.undirected if entity_type is None or entities[n].type == entity_type]

    def position(n: str) -> tuple[float, float, str]:
        first, second = (ranks[n], degree[n]) if order == "pagerank" else (degree[n], ranks[n])
        return (-first, -second, entities[n].name.casefold())

    nodes.sort(key=position)
    shown = page.window(list(enumerate(nodes, 1)), request, response)
    items = [
        RankingOut(
            rank=i,
            entity=mapping.entity_ref(entities[n]),
            degree=int(degree[n]),
            pagerank=round(ranks[n], 6),
        )
        for i, n in shown
    ]
    return RankingsOut(
        as_of=day,
        known_at=known_at,
        relations=list(relations),
        order=order,
        items=items,
        count=len(items),
    )
