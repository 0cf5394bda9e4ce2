"""`partnergraph serve` over real HTTP (uvicorn on loopback), on the demo's own data."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import dies_with_us

ROOT = Path(__file__).resolve().parents[1]
EXE = str(Path(sys.executable).parent / "partnergraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, db: str, extra_env: dict[str, str] | None = None) -> None:
        self.db = db
        self.extra_env = extra_env or {}
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**os.environ, "PARTNERGRAPH_DB": self.db, **self.extra_env}
        self.proc = subprocess.Popen(
            dies_with_us([EXE, "serve", "--port", str(self.port)]),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            self._wait_until_up()
        except BaseException:
            log = self.stop()  # a server that never came up is not left behind
            raise AssertionError(f"server did not start: {log[-2000:]}") from None

    def _wait_until_up(self) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("server exited")
            try:
                if httpx.get(f"{self.base}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        raise AssertionError("server did not answer within 60 s")

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> str:
        """Stop the server (SIGTERM, then SIGKILL after 30 s); returns what it logged."""
        if self.proc is None:
            return ""
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        assert self.proc.stderr is not None
        log = self.proc.stderr.read().decode(errors="replace")
        self.proc.stderr.close()
        self.proc = None
        return log

    def get(self, path: str) -> httpx.Response:
        return httpx.get(self.base + path, timeout=30)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    done = subprocess.run(
        [EXE, "ingest", str(ROOT / "seeds"), "--db", db],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def server(demo_db: str) -> Iterator[Server]:
    with Server(demo_db) as s:
        yield s


def microsoft_relations(server: Server) -> list[dict]:
    answer = server.get("/entities/microsoft/relations?as_of=2025-09-11")
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


def test_the_demo_answers_its_example_queries(server: Server) -> None:
    found = server.get("/entities?q=microsoft").json()["items"]
    assert "microsoft" in [e["id"] for e in found]
    rels = microsoft_relations(server)
    partnership = [
        f
        for f in rels
        if f["relation"] == "partners_with" and "openai" in (f["subject"]["id"], f["object"]["id"])
    ]
    assert len(partnership) == 1
    assert partnership[0]["evidence"] and partnership[0]["evidence"][0]["sentence"]
    banner = subprocess.run(
        [sys.executable, "-m", "cli.demo_banner", "--port", str(server.port)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    paths = [
        line.split(server.base, 1)[1].rstrip("'") for line in banner.splitlines() if "curl" in line
    ]
    assert len(paths) == 3
    for path in paths:
        answer = server.get(path)
        assert answer.status_code == 200 and answer.json()["items"], path


def test_restarting_keeps_every_fact_and_reloading_changes_nothing(demo_db: str) -> None:
    with Server(demo_db) as first:
        before = microsoft_relations(first)
    again = subprocess.run(
        [EXE, "ingest", str(ROOT / "seeds"), "--db", demo_db],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert (
        again.returncode == 0
        and "0 new document(s)" in again.stderr
        and "facts: 0 new" in again.stderr
    )
    with Server(demo_db) as second:
        assert microsoft_relations(second) == before
