"""Edges found by attacking a running install (issue 14): the Host header, the last
day of the calendar, and test servers that outlived their test."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import httpx
import psutil
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph import Batch, Relation
from graph.model import OPEN_END
from graph.store import FactPattern, Store
from tests.conftest import MICROSOFT, NVIDIA, OPENAI, ROOT, fact
from tests.test_serve import Server

LAST_DAY = date.max.isoformat()  # 9999-12-31


# -- Host header (DNS rebinding) --------------------------------------------------------


def _client(db_url: str, **settings: object) -> TestClient:
    return TestClient(create_app(Settings(db=db_url, **settings)))  # type: ignore[arg-type]


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST"])
def test_loopback_server_answers_its_own_names(db_url: str, host: str) -> None:
    with _client(db_url, allowed_hosts=None, host="127.0.0.1") as c:
        assert c.get("/health", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "host",
    ["attacker.example", "attacker.example:8000", "127.0.0.1.attacker.example", "", "a:b:c"],
)
def test_loopback_server_refuses_other_host_names(db_url: str, host: str) -> None:
    with _client(db_url, allowed_hosts=None, host="127.0.0.1") as c:
        answer = c.get("/entities", headers={"Host": host})
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert "PARTNERGRAPH_ALLOWED_HOSTS" in answer.json()["detail"]


def test_configured_hosts_replace_the_default(db_url: str) -> None:
    settings = {"allowed_hosts": ["graph.example.org", "*.internal.example"]}
    with _client(db_url, **settings) as c:
        assert c.get("/health", headers={"Host": "graph.example.org"}).status_code == 200
        assert c.get("/health", headers={"Host": "api.internal.example"}).status_code == 200
        assert c.get("/health", headers={"Host": "127.0.0.1"}).status_code == 400


def test_allowed_hosts_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTNERGRAPH_ALLOWED_HOSTS", "a.example, b.example")
    assert Settings().trusted_hosts == ["a.example", "b.example"]
    monkeypatch.delenv("PARTNERGRAPH_ALLOWED_HOSTS")
    assert Settings().trusted_hosts == ["127.0.0.1", "localhost", "[::1]"]
    assert Settings(host="0.0.0.0").trusted_hosts == ["*"]


def test_real_server_refuses_a_rebound_name(db_url: str) -> None:
    env = {"PARTNERGRAPH_ALLOWED_HOSTS": ""}  # empty: the loopback default
    with Server(db_url, env) as server:
        ok = httpx.get(f"{server.base}/health", timeout=10)
        rebound = httpx.get(
            f"{server.base}/health", headers={"Host": f"rebind.example:{server.port}"}, timeout=10
        )
    assert ok.status_code == 200
    assert rebound.status_code == 400


# -- the last day of the calendar -----------------------------------------------------------


def _three_facts(store: Store) -> None:
    store.write(
        Batch(
            entities=(MICROSOFT, OPENAI, NVIDIA),
            facts=(
                fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019-07"),
                fact(MICROSOFT, Relation.INVESTS_IN, OPENAI),  # no dates at all
                fact(MICROSOFT, Relation.COMPETES_WITH, NVIDIA, "2020", "2022"),
            ),
        )
    )


def test_open_ended_facts_hold_on_the_last_day(store: Store) -> None:
    _three_facts(store)
    for day in (date(9999, 12, 30), date.max):
        held = {f.relation for f in store.find_facts(FactPattern(as_of=day))}
        assert held == {Relation.PARTNERS_WITH, Relation.INVESTS_IN}, day


def test_holds_at_the_last_day() -> None:
    open_ended = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019")
    assert open_ended.upper == OPEN_END and open_ended.holds_at(date.max)
    ended = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019", "2020")
    assert not ended.holds_at(date.max)


def test_api_answers_the_last_day_like_the_day_before(db_url: str) -> None:
    from graph import open_store

    store = open_store(db_url)
    _three_facts(store)
    store.close()
    with _client(db_url) as c:
        for path in ("/facts", "/entities/microsoft/relations"):
            before = c.get(path, params={"as_of": "9999-12-30"}).json()["items"]
            last = c.get(path, params={"as_of": LAST_DAY}).json()["items"]
            assert len(last) == 2 and last == before, path
        hood = c.get(
            "/entities/microsoft/neighbourhood", params={"as_of": LAST_DAY, "ended": "true"}
        ).json()
        states = {(e["relation"], e.get("state")) for e in hood["edges"]}
        assert ("partners_with", "ended") not in states


# -- processes a test starts end with it, pass, fail or kill ----------------------------


INNER = """
import os, time
from tests.test_serve import Server

def test_starts_a_server_then_{how}():
    server = Server({db!r})
    server.start()
    with open({pidfile!r}, "w") as out:
        out.write(str(server.proc.pid))
    {body}
"""


def _run_inner(tmp_path: Path, db_url: str, how: str, body: str) -> tuple[subprocess.Popen, Path]:
    pidfile = tmp_path / "server.pid"
    test = tmp_path / f"test_inner_{how}.py"
    test.write_text(
        textwrap.dedent(INNER.format(how=how, db=db_url, pidfile=str(pidfile), body=body))
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    inner = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            str(test),
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return inner, pidfile


def _gone(pid: int, seconds: float = 30) -> bool:
    try:
        proc = psutil.Process(pid)
        proc.wait(timeout=seconds) if proc.ppid() == os.getpid() else None
    except psutil.NoSuchProcess:
        return True
    except psutil.TimeoutExpired:
        return False
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
def test_a_killed_test_run_takes_its_server_with_it(tmp_path: Path, db_url: str) -> None:
    inner, pidfile = _run_inner(tmp_path, db_url, "hangs", "time.sleep(600)")
    try:
        deadline = time.monotonic() + 90
        while not pidfile.exists() or not pidfile.read_text():
            assert inner.poll() is None, "the inner test run ended before its server started"
            assert time.monotonic() < deadline, "the inner server did not start"
            time.sleep(0.2)
        pid = int(pidfile.read_text())
        assert psutil.pid_exists(pid)
        inner.send_signal(signal.SIGKILL)  # no fixture, no finally: only the kernel can help
        inner.wait(timeout=30)
        assert _gone(pid), f"server {pid} outlived the test run that started it"
    finally:
        if inner.poll() is None:
            inner.kill()
            inner.wait()
