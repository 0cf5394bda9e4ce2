"""Scenario 3: a shortest path between two entities as of a day.

ours   ``GET /paths?source=…&target=…&as_of=…&k=1`` under uvicorn (its snapshot
       cache warm: the first request, which builds the snapshot, is reported apart)
floor  ``networkx.shortest_path`` in-process on a prebuilt undirected as-of graph
peers  Neo4j ``shortestPath`` (``--neo4j``): one parameterized query
       (:data:`bench.scenarios.neo4j_peer.SHORTEST_PATH`) over the relationships
       holding on the day, the same pairs, sent over Bolt by the same client
       process, interleaved with the HTTP requests; lengths checked against networkx

ours is measured over HTTP and the floor in-process, as the issue's table
asks; the HTTP scenario's bare route shows what HTTP alone costs.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import quote

import httpx
import networkx as nx

from bench import peers
from bench.build import BuiltStore, readonly
from bench.measure import Result, interleaved_latencies, latency_summary, peak_rss_mb
from bench.scenarios import neo4j_peer
from bench.scenarios.http import client, server

AS_OF = date(2024, 6, 30)
MAX_HOPS = 6
#: The snapshot cache's TTL and the path timeout raised so that every measured
#: request hits the warm snapshot (its build is reported apart, as the first request).
SERVER_ENV = {"PARTNERGRAPH_SNAPSHOT_TTL": "86400", "PARTNERGRAPH_PATH_TIMEOUT": "1200"}
TARGET = "report (no numeric target in the issue)"


def as_of_graph(built: BuiltStore, day: date) -> nx.Graph:
    """Undirected: one edge per linked pair holding on ``day`` (what /paths searches)."""
    conn = readonly(built.path)
    when = day.isoformat()
    graph: nx.Graph = nx.Graph()
    for fact, lo, hi, _ in peers.current_rows(conn):
        if lo <= when < hi:
            graph.add_edge(fact[1], fact[3])
    conn.close()
    return graph


def pairs(graph: nx.Graph, n: int, seed: int) -> list[tuple[str, str]]:
    """Pairs drawn uniformly from the largest connected component, at most
    :data:`MAX_HOPS` apart (the API's default cap), so a path exists and is found."""
    rng = random.Random(seed)
    giant = sorted(max(nx.connected_components(graph), key=lambda c: len(list(c))))
    out: list[tuple[str, str]] = []
    for _ in range(n * 20):
        a, b = rng.sample(giant, 2)
        if nx.shortest_path_length(graph, a, b) <= MAX_HOPS:
            out.append((a, b))
            if len(out) == n:
                break
    return out


def run(
    built: BuiltStore,
    size: str,
    n_requests: int,
    workdir: Path,
    *,
    log: Callable[[str], None] = lambda _: None,
    neo4j: neo4j_peer.Neo4jPeer | None = None,
) -> Result:
    neo4j = neo4j or neo4j_peer.Neo4jPeer()
    log("building the as-of graph for the floor")
    t0 = time.perf_counter()
    graph = as_of_graph(built, AS_OF)
    build_s = round(time.perf_counter() - t0, 2)
    questions = pairs(graph, n_requests, built.graph.seed)
    floor_times = interleaved_latencies(
        {"floor": lambda q: nx.shortest_path(graph, q[0], q[1])}, questions, rounds=3
    )["floor"]
    lengths = {q: len(nx.shortest_path(graph, q[0], q[1])) - 1 for q in questions}
    paths = [
        f"/paths?source={quote(a, safe='')}&target={quote(b, safe='')}"
        f"&as_of={AS_OF}&k=1&max_hops={MAX_HOPS}"
        for a, b in questions
    ]
    paths_file = workdir / f"paths-{size}.json"
    paths_file.write_text(json.dumps(paths))
    db = f"sqlite:///{built.path.resolve()}"
    extra: dict[str, object] = {"floor_graph_build_s": build_s, "nodes": graph.number_of_nodes()}
    bolts: dict[str, str] = {}
    cypher: Path | None = None
    if neo4j.url is not None:
        assert neo4j_peer.SHORTEST_PATH_MAX_HOPS == MAX_HOPS
        log("checking Neo4j's shortest paths against networkx")
        neo4j_peer.check_paths(neo4j.url, questions, AS_OF, [lengths[q] for q in questions])
        cypher = workdir / f"paths-cypher-{size}.json"
        cypher.write_text(
            json.dumps(
                {
                    "query": neo4j_peer.SHORTEST_PATH,
                    "params": neo4j_peer.path_params(questions, AS_OF),
                }
            )
        )
        bolts = {"neo4j-shortestPath": neo4j.url}
    log("starting our API server for /paths")
    log_path = workdir / f"server-paths-{size}.log"
    with server(["ours", "--db", db], log_path, SERVER_ENV) as (base, pid):
        t0 = time.perf_counter()
        first = httpx.get(base + paths[0], timeout=1800)
        extra["first_request_s (snapshot build)"] = round(time.perf_counter() - t0, 3)
        if first.status_code != 200:
            raise RuntimeError(f"/paths answered {first.status_code}: {first.text[:500]}")
        got = first.json()["items"]
        if not got or got[0]["length"] != lengths[questions[0]]:
            raise AssertionError(
                f"/paths length {got} differs from networkx {lengths[questions[0]]}"
            )
        log(f"{len(paths)} /paths requests from a client process")
        answer = client(
            {"ours": base}, paths_file, workdir / "paths-lat.json", 1, None, bolts, cypher
        )
        rss = peak_rss_mb(pid)
    ours = latency_summary(answer["latencies"]["ours"])
    ours["server_peak_rss_mb"] = rss
    floor = latency_summary(floor_times)
    extra["mean_hops"] = round(sum(lengths.values()) / len(lengths), 2)
    notes = [
        f"as_of={AS_OF}; pairs uniform in the giant component, ≤ {MAX_HOPS} hops apart",
        "ours over HTTP with k=1, snapshot cache warm (TTL raised; first request apart)",
    ]
    if neo4j.url is not None:
        peer = latency_summary(answer["latencies"]["neo4j-shortestPath"])
        notes.append(
            "neo4j-shortestPath: shortestPath((a)-[*..6]-(b)) with every relationship current "
            "and holding on the day, an auto-commit read per pair on one Bolt session from "
            "the same client process (interleaved with ours); lengths checked equal to networkx"
        )
    else:
        peer = neo4j.status
    return Result(
        scenario="shortest path as of",
        size=size,
        ours=ours,
        floor=floor,
        peers={"neo4j-shortestPath": peer},
        target=TARGET,
        extra=extra,
        notes=notes,
    )
