"""The benchmark code stays correct: a tiny graph, one scenario end to end. No timings asserted."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bench import compare, peers, report
from bench.build import BuiltStore, load_store
from bench.generate import generate, query_sample
from bench.measure import latency_summary, percentile
from bench.scenarios import inprocess
from graph import queries
from graph.errors import NotFound
from graph.model import SIGNATURES, Fact
from graph.store import FactPattern, Store
from graph.stores.sqlite import SQLiteStore

N = 300


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltStore:
    graph = generate(N, seed=3)
    path = tmp_path_factory.mktemp("bench") / "tiny.db"
    meta = load_store(graph, path)
    return BuiltStore(path, N, graph, meta, cached=False)


def test_the_generator_is_deterministic_and_follows_the_ontology() -> None:
    a, b = generate(N, seed=3), generate(N, seed=3)
    assert a.facts == b.facts and a.entities == b.entities
    assert generate(N, seed=4).facts != a.facts
    types = {e.id: e.type for e in a.entities}
    assert len({f.id for f in a.facts}) == N
    for f in a.facts:
        subjects, objects = SIGNATURES[f.relation]
        assert types[f.subject] in subjects and types[f.object] in objects
        assert 1 <= len(f.evidence) <= 3
        for d in (f.valid_from, f.valid_to):
            assert d is None or 1995 <= d.year <= 2026
    precisions = {f.valid_from.precision for f in a.facts if f.valid_from}
    assert len(precisions) == 3


def test_the_store_holds_every_generated_fact(built: BuiltStore) -> None:
    store = SQLiteStore(built.path)
    stored = {f.id for f in store.find_facts(FactPattern())}
    store.close()
    assert stored == {f.id for f in built.graph.facts}


def test_the_in_process_scenario_runs_end_to_end(built: BuiltStore) -> None:
    # check_equal inside run() fails the scenario if any contender's answer differs.
    # (rdflib is left out: its SPARQL engine alone takes ~5 s to warm up.)
    run = inprocess.run(built, "tiny", 10, peer_names=("networkx", "pyoxigraph"), rounds=1)
    result = run.as_dict()
    assert result["status"] == "ok"
    assert set(result["ratios"]) == {"ours/floor", "ours/networkx", "ours/pyoxigraph"}
    assert all(v is not None and v > 0 for v in result["ratios"].values())
    assert result["ours"]["n"] == 10


class _ProtocolOnly:
    """The store without its optional fast path, as another backend would be."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def find_facts(self, pattern: FactPattern) -> Iterator[Fact]:
        return self._store.find_facts(pattern)


@pytest.mark.parametrize("direction", ["both", "out", "in"])
def test_the_fast_path_answers_as_the_protocol_does(built: BuiltStore, direction: str) -> None:
    store = SQLiteStore(built.path)
    slow = _ProtocolOnly(store)
    for entity_id, day in query_sample(built.graph, 40, seed=5):
        for as_of in (day, queries.ANY_TIME):
            fast = queries.relations(store, entity_id, as_of=as_of, direction=direction)  # type: ignore[arg-type]
            want = queries.relations(slow, entity_id, as_of=as_of, direction=direction)  # type: ignore[arg-type]
            assert fast == want
    store.close()


def test_entities_by_id_fast_path_matches_the_protocol(built: BuiltStore) -> None:
    store = SQLiteStore(built.path)
    every = [e.id for e in built.graph.entities]
    ids = every[:: max(1, len(every) // 60)]
    assert queries.entities_by_id(store, ids) == {i: store.get_entity(i) for i in ids}
    assert any(e.aliases for e in queries.entities_by_id(store, every).values())
    with pytest.raises(NotFound):
        queries.entities_by_id(store, [ids[0], "no-such-entity"])
    store.close()


def test_the_floor_returns_what_ours_returns(built: BuiltStore) -> None:
    store = SQLiteStore(built.path)
    conn = store._conn()
    for entity_id, day in query_sample(built.graph, 30, seed=6):
        ours = queries.relations(store, entity_id, as_of=day)
        assert peers.row_keys(peers.floor_relations(conn, entity_id, day)) == peers.fact_keys(ours)
    store.close()


def test_figures_reports_and_comparison(tmp_path: Path) -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    summary = latency_summary([0.001] * 10)
    assert summary["p50_ms"] == pytest.approx(1.0) and summary["n"] == 10
    result = {
        "scenario": "s",
        "size": "tiny",
        "kind": "latency",
        "status": "ok",
        "ours": {"p50_ms": 2.0, "p95_ms": 3.0, "p99_ms": 4.0},
        "floor": {"p50_ms": 1.0, "p95_ms": 1.0, "p99_ms": 1.0},
        "peers": {},
        "ratios": {"ours/floor": 2.0},
        "target": "",
        "notes": [],
        "extra": {},
    }
    doc = {
        "mode": "quick",
        "timestamp": "t",
        "commit": {"commit": None, "dirty": None},
        "machine": report.machine_info(),
        "results": [result],
        "elapsed_s": 1,
    }
    js, md = report.write(doc, tmp_path)
    assert json.loads(js.read_text())["results"][0]["ratios"]["ours/floor"] == 2.0
    assert "| s | tiny |" in md.read_text()
    faster = json.loads(json.dumps(doc))
    faster["results"][0]["ratios"]["ours/floor"] = 1.0
    rows = compare.compare(doc, faster)
    assert rows == [("s", "tiny", "ours/floor", 2.0, 1.0, "0.50× (better)")]


def test_query_days_fall_in_the_window(built: BuiltStore) -> None:
    for _, day in query_sample(built.graph, 50):
        assert date(2000, 1, 1) <= day <= date(2026, 6, 30)


# -- the Neo4j peers (bench/scenarios/neo4j_peer.py) ----------------------------------------


def test_without_neo4j_the_peer_cells_say_how_to_get_them(
    built: BuiltStore, tmp_path: Path
) -> None:
    from bench.scenarios import bulk, neo4j_peer

    result = bulk.run(built, "tiny", tmp_path).as_dict()
    assert set(result["peers"]) == {"neo4j-push", "neo4j-unwind"}
    assert {p["status"] for p in result["peers"].values()} == {neo4j_peer.NOT_RUN}
    doc = {
        "mode": "quick",
        "timestamp": "t",
        "commit": {"commit": None, "dirty": None},
        "machine": report.machine_info(),
        "results": [result],
        "elapsed_s": 1,
    }
    assert "neo4j-push: run with --neo4j" in report.markdown(doc)
    assert "not available yet" not in report.markdown(doc)


def test_the_neo4j_peer_queries_are_constant_text_with_parameters() -> None:
    import ast
    import inspect

    from bench import client
    from bench.scenarios import neo4j_peer
    from tests.test_hardening_security import _Finder

    for module in (neo4j_peer, client):
        finder = _Finder(module.__name__)
        finder.visit(ast.parse(inspect.getsource(module)))
        assert finder.found == []
    for query, params in (
        (neo4j_peer.RELATIONS, {"id", "day"}),
        (neo4j_peer.SHORTEST_PATH, {"source", "target", "day"}),
    ):
        assert set(re.findall(r"\$(\w+)", query)) == params
    assert "*..6" in neo4j_peer.SHORTEST_PATH and neo4j_peer.SHORTEST_PATH_MAX_HOPS == 6


@pytest.mark.slow
def test_the_neo4j_peers_answer_as_the_floors_do(
    built: BuiltStore, neo4j_url: str, tmp_path: Path
) -> None:
    import subprocess
    import sys

    from bench.build import readonly
    from bench.scenarios import neo4j_peer, paths

    pushed = neo4j_peer.load(neo4j_url, built.path, N, 100, 1, lambda _: None)
    assert pushed.as_dict()["ratios"]["ours/floor"] > 0
    questions = query_sample(built.graph, 20, seed=7)
    conn = readonly(built.path)
    try:
        checked = neo4j_peer.check_relations(neo4j_url, conn, questions)["rows_checked"]
        want_rows = sum(len(peers.floor_relations(conn, e, d)) for e, d in questions)
    finally:
        conn.close()
    assert checked == want_rows > 0
    graph = paths.as_of_graph(built, paths.AS_OF)
    pairs = paths.pairs(graph, 5, seed=3)
    lengths = [len(paths.nx.shortest_path(graph, a, b)) - 1 for a, b in pairs]
    neo4j_peer.check_paths(neo4j_url, pairs, paths.AS_OF, lengths)
    with pytest.raises(AssertionError):
        neo4j_peer.check_paths(neo4j_url, pairs, paths.AS_OF, [n + 1 for n in lengths])
    # The client process asks the same questions over Bolt, one record list each.
    (tmp_path / "paths.json").write_text(json.dumps([f"/q/{i}" for i in range(len(questions))]))
    (tmp_path / "cypher.json").write_text(
        json.dumps(
            {"query": neo4j_peer.RELATIONS, "params": neo4j_peer.relations_params(questions)}
        )
    )
    out = tmp_path / "out.json"
    cmd = [sys.executable, "-m", "bench.client", "--bolt", f"neo4j={neo4j_url}"]
    cmd += ["--cypher", str(tmp_path / "cypher.json"), "--paths", str(tmp_path / "paths.json")]
    cmd += ["--rounds", "2", "--warmup", "3", "--out", str(out)]
    subprocess.run(
        cmd,
        cwd=Path(__file__).resolve().parents[1],
        check=True,
        timeout=300,
    )
    answer = json.loads(out.read_text())
    assert len(answer["latencies"]["neo4j"]) == 2 * len(questions)
    assert answer["bytes"]["neo4j"] == 2 * want_rows


def test_the_ingest_scenario_row_renders_in_the_report(tmp_path: Path) -> None:
    """The ingest scenario end to end on a tiny corpus, then its row in the report
    (a throughput row without seconds once crashed ``make bench`` after the run)."""
    from bench.scenarios import ingest as ingest_scenario

    corpus = tmp_path / "tiny.jsonl"
    texts = [
        "Norvale Systems agreed to buy Pellham Robotics for $40 million on Tuesday.",
        "Quillmark Foods said it supplies oats to Brevant Bakeries under a new contract.",
        "Tessaro Labs named Ada Okafor chief executive, the company said.",
    ]
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    out = tmp_path / "ingest.json"
    ingest_scenario.main(["--corpus", str(corpus), "--only", "pipe,workers", "--out", str(out)])
    row = ingest_scenario.result_of(json.loads(out.read_text(encoding="utf-8")))
    assert row.ours and row.ours["seconds"] > 0 and row.floor and row.floor["seconds"] > 0
    assert set(row.ratios()) == {"ours/floor", "ours/workers-2"}
    doc = {
        "mode": "quick",
        "timestamp": "t",
        "commit": {"commit": None, "dirty": None},
        "machine": report.machine_info(),
        "results": [row.as_dict()],
        "elapsed_s": 1,
    }
    _, md = report.write(doc, tmp_path)
    assert "| ingest | reuters |" in md.read_text(encoding="utf-8")
