"""Scenario 2: the same question over HTTP, ``GET /entities/{id}/relations?as_of=``.

ours   ``api.app.create_app`` under uvicorn, in its own process
floor  a bare FastAPI route at the same path returning the same JSON, precomputed
peers  Neo4j Cypher via the driver (``--neo4j``): the SQL floor's question as one
       parameterized query (:data:`bench.scenarios.neo4j_peer.RELATIONS`) over Bolt,
       on the same graph pushed into Neo4j, its rows checked against the SQL floor

Both servers run at once (each idle while the other answers); a separate
client process sends the same question to each in turn (HTTP over keep-alive
connections, Cypher over one Bolt session), the order rotating per question.
Server memory is each process's high-water RSS.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import httpx

from bench.build import BuiltStore, readonly
from bench.generate import query_sample
from bench.measure import Result, latency_summary, peak_rss_mb
from bench.scenarios import neo4j_peer

ROOT = Path(__file__).resolve().parents[2]
TARGET = "ours ≤ 2× bare route; faster than Neo4j; ≥ 10× faster than rdflib SPARQL"
#: The API caps ``limit`` at 500 by default; hubs can have more, so ask for the most.
LIMIT = 500


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(
    args: list[str], log_path: Path, env: dict[str, str] | None = None
) -> Iterator[tuple[str, int]]:
    """Start ``python -m bench.server …`` on a free loopback port; yield (base URL, pid).

    ``env``: extra environment (``PARTNERGRAPH_*`` settings) for the server.
    """
    port = free_port()
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench.server", *args, "--port", str(port)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {log_path.read_text()[-2000:]}")
            try:
                if httpx.get(f"{base}/health", timeout=2.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {log_path.read_text()[-2000:]}")
            time.sleep(0.2)
        yield base, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def client(
    bases: dict[str, str],
    paths: Path,
    out: Path,
    rounds: int,
    save: Path | None,
    bolts: dict[str, str] | None = None,
    cypher: Path | None = None,
) -> dict:
    """Run ``bench.client``; ``bolts`` (name → Bolt URL) ask ``cypher``'s query per path."""
    cmd = [sys.executable, "-m", "bench.client", "--paths", str(paths), "--out", str(out)]
    cmd += ["--rounds", str(rounds), "--warmup", "30"]
    for name, url in bases.items():
        cmd += ["--base", f"{name}={url}"]
    for name, url in (bolts or {}).items():
        cmd += ["--bolt", f"{name}={url}"]
    if cypher is not None:
        cmd += ["--cypher", str(cypher)]
    if save is not None:
        cmd += ["--save-bodies", str(save)]
    subprocess.run(cmd, cwd=ROOT, check=True, timeout=3600)
    return json.loads(out.read_text())


def run(
    built: BuiltStore,
    size: str,
    n_requests: int,
    workdir: Path,
    *,
    rounds: int = 2,
    log: Callable[[str], None] = lambda _: None,
    neo4j: neo4j_peer.Neo4jPeer | None = None,
) -> Result:
    neo4j = neo4j or neo4j_peer.Neo4jPeer()
    questions = query_sample(built.graph, n_requests, seed=built.graph.seed + 1)
    paths = [
        f"/entities/{quote(e, safe='')}/relations?as_of={d}&limit={LIMIT}" for e, d in questions
    ]
    paths_file = workdir / f"http-paths-{size}.json"
    paths_file.write_text(json.dumps(paths))
    bodies = workdir / f"http-bodies-{size}.json"
    db = f"sqlite:///{built.path.resolve()}"
    bolts: dict[str, str] = {}
    cypher: Path | None = None
    extra: dict[str, object] = {}
    if neo4j.url is not None:
        log("checking Neo4j's answers against the SQL floor")
        conn = readonly(built.path)
        try:
            extra["neo4j_rows_checked"] = neo4j_peer.check_relations(neo4j.url, conn, questions)[
                "rows_checked"
            ]
        finally:
            conn.close()
        cypher = workdir / f"http-cypher-{size}.json"
        cypher.write_text(
            json.dumps(
                {"query": neo4j_peer.RELATIONS, "params": neo4j_peer.relations_params(questions)}
            )
        )
        bolts = {"neo4j-cypher": neo4j.url}
    log("starting our API server")
    with server(["ours", "--db", db], workdir / f"server-ours-{size}.log") as (ours, ours_pid):
        client({"ours": ours}, paths_file, workdir / "warm.json", 1, bodies)  # answers → bare
        log("starting the bare route server")
        with server(["bare", "--bodies", str(bodies)], workdir / f"server-bare-{size}.log") as (
            bare,
            bare_pid,
        ):
            log(f"{len(paths)} requests × {rounds} rounds from a client process")
            answer = client(
                {"ours": ours, "bare": bare},
                paths_file,
                workdir / "lat.json",
                rounds,
                None,
                bolts,
                cypher,
            )
            bare_rss = peak_rss_mb(bare_pid)
        ours_rss = peak_rss_mb(ours_pid)
    lat = answer["latencies"]
    figures = {name: latency_summary(v) for name, v in lat.items()}
    figures["ours"]["server_peak_rss_mb"] = ours_rss
    figures["bare"]["server_peak_rss_mb"] = bare_rss
    notes = [
        f"limit={LIMIT} on every request; one sequential keep-alive httpx client process",
        "server_peak_rss_mb: the server process's VmHWM after the run",
    ]
    if neo4j.url is not None:
        peer = figures["neo4j-cypher"]
        extra["neo4j_rows_per_answer_mean"] = round(
            answer["bytes"]["neo4j-cypher"] / len(lat["neo4j-cypher"]), 2
        )
        notes.append(
            "neo4j-cypher: the SQL floor's question as one parameterized Cypher query, "
            "an auto-commit read per question on one Bolt session from the same client "
            "process, every record fetched; rows checked equal to the SQL floor's first"
        )
    else:
        peer = neo4j.status
    return Result(
        scenario="relations as of (HTTP)",
        size=size,
        ours=figures["ours"],
        floor=figures["bare"],
        peers={"neo4j-cypher": peer},
        target=TARGET,
        extra={"bytes_per_answer_mean": round(answer["bytes"]["ours"] / len(lat["ours"]), 1)}
        | extra,
        notes=notes,
    )
