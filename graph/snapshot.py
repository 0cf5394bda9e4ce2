"""Graph questions over an as-of snapshot: paths, an entity's neighbourhood, rankings.

All three read a snapshot: the undirected graph of the facts holding on a day
(:func:`pair_graph`), built from one scan of bare ``(fact id, subject, object,
relation)`` tuples (:func:`graph.queries.as_of_edges`) and holding ids only; the
entities and facts an answer shows are read from the store for that answer
(1M facts: about 0.4 GB and 5 s, where a graph of full facts took 1.8 GB and
over a minute).

:class:`GraphSnapshots` is what a process keeps (the API: one per app): a small
LRU of snapshots per ``(as_of, known_at, relations)`` and the worker threads
path searches run in. Invalidation:

- a store with a change marker (:class:`graph.store.Revisioned`, read through
  :func:`graph.queries.revision`) reuses an entry only while the revision it
  was built at is current;
- otherwise an entry expires ``ttl`` seconds after it was built, and every
  write the owner makes itself should call :meth:`GraphSnapshots.invalidate`,
  which empties the cache at once.

A path search runs in a worker thread and raises :class:`SearchTimeout` after
``timeout`` seconds; the worker stops at its next path.

    >>> from datetime import date
    >>> from graph import open_store
    >>> snapshots = GraphSnapshots()
    >>> snapshots.get(open_store("sqlite:///:memory:"), date(2025, 9, 11)).undirected.order()
    0
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
from typing import Any, Literal, TypeVar

import networkx as nx

from graph import queries
from graph.gcpause import gc_paused
from graph.model import Entity, EntityType, Fact, Relation
from graph.store import Edge, Store

T = TypeVar("T")
SnapshotKey = tuple[date, datetime | None, tuple[Relation, ...]]
#: How a neighbourhood's edge stands on its day: the fact holds, or it ended before.
EdgeState = Literal["valid", "ended"]
RankOrder = Literal["pagerank", "degree"]

_SYMMETRIC = frozenset(r.value for r in Relation if r.symmetric)
_HALF = 32  # bits of a node number in a pair key (``u << _HALF | v``)
_SEQ = 34  # bits of an edge's position in an order key (``node << _SEQ | position``)


# -- the snapshot ----------------------------------------------------------------------


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


def pair_graph(edges: Iterable[Edge]) -> nx.Graph:
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


# -- the cache -------------------------------------------------------------------------


class SnapshotCache:
    """A small LRU of snapshots, emptied by :meth:`invalidate` and aged by ``ttl``
    (or kept while the store's revision is unchanged, when it has one)."""

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
        marker = queries.revision(store)
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


# -- bounded searches ------------------------------------------------------------------


class SearchTimeout(Exception):
    """A bounded search ran longer than its timeout (its worker was told to stop)."""

    def __init__(self, what: str, seconds: float) -> None:
        super().__init__(f"the {what} took longer than {seconds:g} s")
        self.what = what
        self.seconds = seconds


class Workers:
    """Daemon threads reused by graph searches (starting one per request cost more than
    a typical search: ``Thread.start`` waits until the new thread is scheduled).

    A job goes to an idle thread, else to a new one, so a search that outlives its
    timeout never delays another; threads are never more than the peak concurrency.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._idle = 0  # threads free, less the jobs queued for them
        self._threads = 0

    def submit(self, job: Callable[[], None]) -> None:
        with self._lock:
            spare = self._idle > 0
            if spare:
                self._idle -= 1
            else:
                self._threads += 1
        if not spare:
            threading.Thread(
                target=self._serve, name="partnergraph-graph-query", daemon=True
            ).start()
        self._jobs.put(job)

    def _serve(self) -> None:
        while (job := self._jobs.get()) is not None:
            job()  # the job catches its own exceptions
            with self._lock:
                self._idle += 1

    def close(self) -> None:
        """Let every thread end: idle ones at once, a busy one after its job."""
        with self._lock:
            threads, self._threads, self._idle = self._threads, 0, 0
        for _ in range(threads):
            self._jobs.put(None)

    def bounded(self, work: Callable[[threading.Event], T], timeout: float, what: str) -> T:
        """``work(cancel)`` in a worker; :class:`SearchTimeout` after ``timeout`` seconds,
        when ``cancel`` is set for the work to stop at its next step."""
        outcome: list[T] = []
        failure: list[BaseException] = []
        done, cancel = threading.Event(), threading.Event()

        def run() -> None:
            try:
                outcome.append(work(cancel))
            except BaseException as exc:  # handed to the calling thread below
                failure.append(exc)
            finally:
                done.set()

        self.submit(run)
        if not done.wait(timeout):
            cancel.set()
            raise SearchTimeout(what, timeout)
        if failure:
            raise failure[0]
        return outcome[0]


def shortest_paths(
    graph: nx.Graph, source: str, target: str, k: int, max_hops: int, cancel: threading.Event
) -> list[list[str]]:
    """Up to ``k`` shortest simple paths, none longer than ``max_hops``; stops when
    ``cancel`` is set."""
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


# -- the answers -----------------------------------------------------------------------


@dataclass(frozen=True)
class Paths:
    """Paths found in a snapshot, with the entities on them and the facts of their hops."""

    snapshot: Snapshot
    paths: list[list[str]]  # entity ids, source first
    entities: dict[str, Entity]
    facts: dict[str, Fact]  # the hops' facts holding on the day, by id

    def hop_facts(self, u: str, v: str) -> list[Fact]:
        """The facts linking ``u`` and ``v``, by relation, start and id (those still holding)."""
        linked = [self.facts[i] for i in self.snapshot.undirected[u][v]["facts"] if i in self.facts]
        return sorted(linked, key=lambda f: (f.relation.value, f.lower, f.id))


@dataclass(frozen=True)
class Neighbourhood:
    """An entity's ego graph: each entity's distance from the centre, and one edge per fact."""

    center: Entity
    depths: dict[str, int]
    entities: dict[str, Entity]
    edges: list[tuple[Fact, EdgeState]]


@dataclass(frozen=True)
class Ranking:
    """Entity ids, best first, with the scores they were ranked by."""

    order: list[str]
    pagerank: dict[str, float]
    degree: dict[str, float]  # the number of facts an entity takes part in
    entities: dict[str, Entity]  # id, name and type of every entity in the snapshot


class GraphSnapshots:
    """The snapshots of one process (or app) and the threads its path searches run in.

    ``size`` snapshots are kept, least recently used dropped first; ``ttl`` ages
    them when the store has no revision (see the module's docstring).
    """

    def __init__(
        self, size: int = 16, ttl: float = 30.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.cache = SnapshotCache(size, ttl, clock)
        self.workers = Workers()

    def get(
        self,
        store: Store,
        as_of: date,
        known_at: datetime | None = None,
        relations: Sequence[Relation] = (),
    ) -> Snapshot:
        """The snapshot of the facts holding on ``as_of`` as known at ``known_at``."""
        return self.cache.get(store, as_of, known_at, relations)

    def invalidate(self) -> None:
        """Call after a write: the next question rebuilds its snapshot."""
        self.cache.invalidate()

    def close(self) -> None:
        """Let the worker threads end (the snapshots stay usable, the threads do not)."""
        self.workers.close()

    def paths(
        self,
        store: Store,
        source: Entity,
        target: Entity,
        as_of: date,
        known_at: datetime | None,
        relations: Sequence[Relation],
        *,
        k: int,
        max_hops: int,
        timeout: float,
    ) -> Paths:
        """Up to ``k`` shortest paths between two entities, at most ``max_hops`` long,
        over the facts holding on ``as_of`` (direction ignored).

        The snapshot's build and the search run in a worker: :class:`SearchTimeout`
        after ``timeout`` seconds.
        """

        def search(cancel: threading.Event) -> tuple[Snapshot, list[list[str]]]:
            snap = self.get(store, as_of, known_at, relations)
            return snap, shortest_paths(snap.undirected, source.id, target.id, k, max_hops, cancel)

        snap, found = self.workers.bounded(search, timeout, "path search")
        hops = [(u, v) for path in found for u, v in itertools.pairwise(path)]
        others = (n for path in found for n in path if n not in (source.id, target.id))
        entities = {source.id: source, target.id: target, **queries.entities_by_id(store, others)}
        facts = queries.facts_by_id(
            store, (i for u, v in hops for i in snap.undirected[u][v]["facts"]), as_of, known_at
        )
        return Paths(snap, found, entities, facts)

    def neighbourhood(
        self,
        store: Store,
        center: Entity,
        depth: int,
        as_of: date,
        known_at: datetime | None = None,
        *,
        ended: bool = False,
    ) -> Neighbourhood:
        """The entities within ``depth`` hops of ``center`` on ``as_of`` and the facts
        between them; with ``ended``, also the centre's facts that ended before then."""
        snap = self.get(store, as_of, known_at)
        entities: dict[str, Entity] = {center.id: center}
        depths: dict[str, int] = {center.id: 0}
        edges: list[tuple[Fact, EdgeState]] = []
        if center.id in snap.undirected:
            depths = nx.single_source_shortest_path_length(snap.undirected, center.id, cutoff=depth)
            ego = snap.undirected.subgraph(depths)
            ids = [i for _, _, pair in ego.edges(data="facts") for i in pair]
            entities.update(queries.entities_by_id(store, (n for n in depths if n != center.id)))
            facts = queries.facts_by_id(store, ids, as_of, known_at)
            edges.extend((facts[i], "valid") for i in ids if i in facts)
        if ended:
            gone = [
                f
                for f in queries.relations(
                    store, center.id, as_of=queries.ANY_TIME, known_at=known_at
                )
                if f.valid_to is not None and f.upper <= as_of
            ]
            others = [f.other_end(center.id) for f in gone if f.other_end(center.id) not in depths]
            entities.update(queries.entities_by_id(store, others))
            for f in gone:
                depths.setdefault(f.other_end(center.id), 1)
                edges.append((f, "ended"))
        return Neighbourhood(center, depths, entities, edges)

    def ranking(
        self,
        store: Store,
        as_of: date,
        known_at: datetime | None = None,
        relations: Sequence[Relation] = (),
        *,
        entity_type: EntityType | None = None,
        order: RankOrder = "pagerank",
    ) -> Ranking:
        """Entities (of ``entity_type``, when given) by PageRank or by degree, then by the
        other, then by name."""
        snap = self.get(store, as_of, known_at, relations)
        ranks = snap.pagerank()
        degree = dict(snap.undirected.degree(weight="weight"))
        entities = snap.entities(store)
        nodes = [
            n for n in snap.undirected if entity_type is None or entities[n].type == entity_type
        ]

        def position(n: str) -> tuple[float, float, str]:
            first, second = (ranks[n], degree[n]) if order == "pagerank" else (degree[n], ranks[n])
            return (-first, -second, entities[n].name.casefold())

        nodes.sort(key=position)
        return Ranking(nodes, ranks, degree, entities)
