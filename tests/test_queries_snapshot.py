"""The lean as-of graph behind /paths, neighbourhoods and rankings.

``graph.snapshot.pair_graph`` builds the undirected graph from bare
``(fact_id, subject, object, relation)`` tuples (``queries.as_of_edges``); it
must be the graph the API used to derive from the full-fact multigraph
(``queries.snapshot``): same nodes, same facts per pair, and the same node and
neighbour ORDER, since path searches break ties by adjacency order. Checked on
every backend, through each store's fast path and through the protocol alone.
"""

from __future__ import annotations

import itertools
import random
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import networkx as nx
import pytest

from graph import Batch, Entity, Fact, Relation, queries
from graph.snapshot import SearchTimeout, Workers, pair_graph
from graph.store import FactPattern, Store
from tests.conftest import fact

COMPANIES = tuple(Entity.named(f"Company {i:02d}", "Organization") for i in range(24))
RELATIONS = (
    Relation.PARTNERS_WITH,
    Relation.COMPETES_WITH,
    Relation.INVESTS_IN,
    Relation.SUPPLIES,
)
DAYS = (date(2004, 6, 1), date(2012, 1, 1), date(2019, 3, 15))


def _random_facts(seed: int, n: int) -> tuple[Fact, ...]:
    rng = random.Random(seed)
    facts: dict[str, Fact] = {}
    while len(facts) < n:
        a, b = rng.sample(COMPANIES, 2)
        start = rng.randint(1998, 2015)
        end = str(start + rng.randint(1, 8)) if rng.random() < 0.4 else None
        f = fact(a, rng.choice(RELATIONS), b, str(start), end, doc=f"d{len(facts)}")
        facts.setdefault(f.id, f)
    return tuple(facts.values())


class ProtocolOnly:
    """A store offering the protocol's methods only (no fast paths): the fallbacks' seam."""

    def __init__(self, inner: Store) -> None:
        self._inner = inner

    def find_facts(self, pattern: FactPattern) -> Iterator[Fact]:
        return self._inner.find_facts(pattern)

    def get_entity(self, entity_id: str) -> Entity:
        return self._inner.get_entity(entity_id)

    def find_entities(self, *args: Any, **kwargs: Any) -> list[Entity]:
        return self._inner.find_entities(*args, **kwargs)


def _reference(snapshot: nx.MultiDiGraph) -> nx.Graph:
    """The undirected graph as the API derived it from the full-fact multigraph."""
    simple: nx.Graph = nx.Graph()
    simple.add_nodes_from(snapshot.nodes)
    for u, v, f in snapshot.edges(data="fact"):
        if simple.has_edge(u, v):
            if f.id not in simple[u][v]["facts"]:
                simple[u][v]["facts"].append(f.id)
        else:
            simple.add_edge(u, v, facts=[f.id])
    return simple


def _shape(graph: nx.Graph) -> list[tuple[str, list[tuple[str, list[str], int]]]]:
    """Nodes and neighbours in order, each pair's fact ids (as a set) and weight."""
    return [
        (
            n,
            [
                (m, sorted(d["facts"]), d.get("weight", len(d["facts"])))
                for m, d in graph.adj[n].items()
            ],
        )
        for n in graph
    ]


@pytest.fixture
def loaded(store: Store) -> tuple[Store, datetime]:
    store.write(Batch(COMPANIES, _random_facts(3, 90)))
    between = datetime.now(UTC)
    store.write(Batch(facts=_random_facts(4, 40)))
    return store, between


@pytest.mark.parametrize("lean", [True, False], ids=["store-fast-path", "protocol-only"])
def test_pair_graph_is_the_graph_the_multigraph_gave(
    loaded: tuple[Store, datetime], lean: bool
) -> None:
    store, between = loaded
    reader: Any = store if lean else ProtocolOnly(store)
    cases: list[tuple[date, datetime | None, tuple[Relation, ...]]] = [
        (day, known, rels)
        for day in DAYS
        for known in (None, between)
        for rels in ((), (Relation.PARTNERS_WITH,), (Relation.INVESTS_IN, Relation.SUPPLIES))
    ]
    sizes = []
    for day, known, rels in cases:
        expected = _reference(queries.snapshot(store, day, known, rels or None))
        got = pair_graph(queries.as_of_edges(reader, day, known, rels or None))
        assert _shape(got) == _shape(expected), (day, known, rels)
        sizes.append(got.number_of_edges())
    assert max(sizes) > 20  # the cases are not all empty


def test_paths_search_the_same_on_both_graphs(loaded: tuple[Store, datetime]) -> None:
    store, _ = loaded
    day = DAYS[2]
    expected = _reference(queries.snapshot(store, day))
    got = pair_graph(queries.as_of_edges(store, day))
    nodes = list(expected)
    for a, b in zip(nodes, reversed(nodes), strict=True):
        if a != b and nx.has_path(expected, a, b):
            first = itertools.islice(nx.shortest_simple_paths(expected, a, b), 6)
            assert list(itertools.islice(nx.shortest_simple_paths(got, a, b), 6)) == list(first)


def test_facts_by_id_reads_the_facts_holding_then(loaded: tuple[Store, datetime]) -> None:
    store, between = loaded
    every = {f.id: f for f in store.find_facts(FactPattern(known_at=None))}
    for day in DAYS:
        for known in (None, between):
            holding = {f.id: f for f in store.find_facts(FactPattern(as_of=day, known_at=known))}
            ids = [*holding, *every]  # some hold then, some don't: those are left out
            for reader in (store, ProtocolOnly(store)):
                found = queries.facts_by_id(reader, ids, day, known)  # type: ignore[arg-type]
                assert found == holding, (day, known, type(reader).__name__)
    assert queries.facts_by_id(store, [], DAYS[0]) == {}


def test_an_empty_graph() -> None:
    assert pair_graph(iter(())).number_of_nodes() == 0


def test_a_symmetric_fact_links_its_pair_once() -> None:
    edges = [
        ("f1", "b", "a", Relation.PARTNERS_WITH.value),
        ("f2", "a", "b", Relation.INVESTS_IN.value),
        ("f3", "c", "a", Relation.SUPPLIES.value),
    ]
    g = pair_graph(edges)
    assert list(g) == ["b", "a", "c"]
    assert sorted(g["a"]["b"]["facts"]) == ["f1", "f2"] and g["a"]["b"]["weight"] == 2
    assert list(g.adj["a"]) == ["b", "c"]


# -- the search workers ----------------------------------------------------------------


def test_workers_are_reused_and_a_stuck_job_delays_no_other() -> None:
    workers = Workers()
    release, stuck_started = threading.Event(), threading.Event()
    names: list[int] = []

    def stuck() -> None:
        stuck_started.set()
        release.wait(10)

    def record(done: threading.Event) -> None:
        names.append(threading.get_ident())
        done.set()

    workers.submit(stuck)
    assert stuck_started.wait(5)
    for _ in range(5):  # the stuck thread is busy: these run on another one, reused
        done = threading.Event()
        workers.submit(lambda done=done: record(done))  # type: ignore[misc]
        assert done.wait(5)
    assert len(set(names)) == 1
    release.set()


def test_bounded_hands_back_results_and_errors() -> None:
    workers = Workers()
    assert workers.bounded(lambda cancel: 42, 5, "test") == 42

    def boom(cancel: threading.Event) -> int:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        workers.bounded(boom, 5, "test")
    assert workers.bounded(lambda cancel: 7, 5, "test") == 7  # the worker survived the error
    workers.close()


def test_bounded_times_out_and_cancels_the_work() -> None:
    workers = Workers()
    cancelled = threading.Event()

    def slow(cancel: threading.Event) -> int:
        if cancel.wait(10):
            cancelled.set()
        return 0

    with pytest.raises(SearchTimeout, match=r"the slow search took longer than 0\.05 s"):
        workers.bounded(slow, 0.05, "slow search")
    assert cancelled.wait(5)
    workers.close()
