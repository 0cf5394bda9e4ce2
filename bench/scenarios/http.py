"""Scenario 2: the same question over HTTP, ``GET /entities/{id}/relations?as_of=``.

ours   ``api.app.create_app`` under uvicorn, in its own process
floor  a bare FastAPI route at the same path returning the same JSON, precomputed
peers  Neo4j Cypher via the driver, once the Neo4j backend and a server exist

Both servers run at once (each idle while the other answers); a separate
client process sends the same path to each in turn over keep-alive
connections. Server memory is each process's high-water RSS.
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

from bench.build import BuiltStore
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


def client(bases: dict[str, str], paths: Path, out: Path, rounds: int, save: Path | None) -> dict:
    cmd = [sys.executable, "-m", "bench.client", "--paths", str(paths), "--out", str(out)]
    cmd += ["--rounds", str(rounds), "--warmup", "30"]
    for name, url in bases.items():
        cmd += ["--base", f"{name}={url}"]
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
) -> Result:
    questions = query_sample(built.graph, n_requests, seed=built.graph.seed + 1)
    paths = [
        f"/entities/{quote(e, safe='')}/relations?as_of={d}&limit={LIMIT}" for e, d in questions
    ]
    paths_file = workdir / f"http-paths-{size}.json"
    paths_file.write_text(json.dumps(paths))
    bodies = workdir / f"http-bodies-{size}.json"
    db = f"sqlite:///{built.path.resolve()}"
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
                {"ours": ours, "bare": bare}, paths_file, workdir / "lat.json", rounds, None
            )
            bare_rss = peak_rss_mb(bare_pid)
        ours_rss = peak_rss_mb(ours_pid)
    lat = answer["latencies"]
    figures = {name: latency_summary(v) for name, v in lat.items()}
    figures["ours"]["server_peak_rss_mb"] = ours_rss
    figures["bare"]["server_peak_rss_mb"] = bare_rss
    return Result(
        scenario="relations as of (HTTP)",
        size=size,
        ours=figures["ours"],
        floor=figures["bare"],
        peers={"neo4j": neo4j_peer.availability()},
        target=TARGET,
        extra={"bytes_per_answer_mean": round(answer["bytes"]["ours"] / len(lat["ours"]), 1)},
        notes=[
            f"limit={LIMIT} on every request; one sequential keep-alive httpx client process",
            "server_peak_rss_mb: the server process's VmHWM after the run",
        ],
    )
