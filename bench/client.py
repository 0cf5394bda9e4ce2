"""The load client for the HTTP scenarios: a separate process, sequential keep-alive requests.

    python -m bench.client --base ours=http://127.0.0.1:8123 --base bare=http://127.0.0.1:8124 \
        --paths paths.json --rounds 3 --warmup 50 --out latencies.json [--save-bodies bodies.json]
        [--bolt neo4j-cypher=bolt://127.0.0.1:7687 --cypher question.json]

Requests go round-robin across the contenders (the same question to each in
turn, the order rotating per question so none always goes first), so load from
other processes on the machine hits every server alike. Every HTTP answer must
be 200; latencies (seconds) are written per contender.

``--bolt NAME=URL`` adds a Neo4j contender asked the same questions over Bolt
with the Python driver: ``--cypher`` names a JSON file ``{"query": …, "params":
[…]}`` holding one constant Cypher query and one parameter map per path (same
order). Each question is one auto-commit read on a session kept open (the Bolt
counterpart of a keep-alive connection), every record fetched.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx


def _bolt(url: str, query: str, params: list[dict[str, Any]]) -> tuple[Callable[[int], int], Any]:
    """(ask question i → rows fetched, closer) for one Neo4j server."""
    import neo4j

    from graph.stores.neo4j import connection_for

    target = connection_for(url)  # credentials from the URL, the environment or .neo4j/
    driver = neo4j.GraphDatabase.driver(
        target.uri, auth=target.auth, notifications_min_severity="OFF"
    )
    session = driver.session(default_access_mode=neo4j.READ_ACCESS)

    def ask(i: int) -> int:
        return len(list(session.run(query, params[i])))

    def close() -> None:
        session.close()
        driver.close()

    return ask, close


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", action="append", default=[], help="name=URL (HTTP)")
    parser.add_argument("--bolt", action="append", default=[], help="name=bolt://… (Neo4j)")
    parser.add_argument("--cypher", type=Path, help='{"query": …, "params": [one per path]}')
    parser.add_argument("--paths", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--save-bodies", type=Path, help="write the first base's answers here")
    args = parser.parse_args(argv)
    bases = dict(b.split("=", 1) for b in args.base)
    bolts = dict(b.split("=", 1) for b in args.bolt)
    if not bases and not bolts:
        parser.error("give at least one --base or --bolt")
    if bolts and args.cypher is None:
        parser.error("--bolt needs --cypher")
    paths: list[str] = json.loads(args.paths.read_text())
    clients = {name: httpx.Client(base_url=url, timeout=60.0) for name, url in bases.items()}
    closers: list[Callable[[], None]] = [c.close for c in clients.values()]
    try:
        if args.save_bodies:
            first = clients[next(iter(clients))]
            bodies = {}
            for p in dict.fromkeys(paths):
                r = first.get(p)
                r.raise_for_status()
                bodies[p] = r.text
            args.save_bodies.write_text(json.dumps(bodies), encoding="utf-8")

        def http_ask(c: httpx.Client, name: str) -> Callable[[int], int]:
            def ask(i: int) -> int:
                r = c.get(paths[i])
                if r.status_code != 200:
                    raise SystemExit(f"{name} {paths[i]}: HTTP {r.status_code} {r.text[:300]}")
                return len(r.content)

            return ask

        askers: dict[str, Callable[[int], int]] = {
            name: http_ask(c, name) for name, c in clients.items()
        }
        if bolts:
            cypher = json.loads(args.cypher.read_text())
            if len(cypher["params"]) != len(paths):
                parser.error("--cypher params: one map per path")
            for name, url in bolts.items():
                ask, close = _bolt(url, cypher["query"], cypher["params"])
                askers[name] = ask
                closers.append(close)
        for i in range(min(args.warmup, len(paths))):
            for ask in askers.values():
                ask(i)
        out: dict[str, list[float]] = {name: [] for name in askers}
        sizes: dict[str, int] = {name: 0 for name in askers}  # bytes (HTTP), rows (Bolt)
        items = list(askers.items())
        orders = [items[k:] + items[:k] for k in range(len(items))]
        clock = time.perf_counter
        gc.disable()
        for _ in range(args.rounds):
            for i in range(len(paths)):
                for name, ask in orders[i % len(orders)]:
                    t0 = clock()
                    got = ask(i)
                    out[name].append(clock() - t0)
                    sizes[name] += got
            gc.collect()
        args.out.write_text(json.dumps({"latencies": out, "bytes": sizes}))
    finally:
        for close in closers:
            close()


if __name__ == "__main__":
    main()
