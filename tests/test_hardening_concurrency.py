"""Concurrency: 16 readers and 2 writers against a real server (uvicorn on loopback).

``partnergraph serve`` runs as a subprocess over a SQLite file seeded with
300 curated documents (600 facts). For ``LOAD_SECONDS``:

- 16 reader threads cycle through searches, relations, facts, timelines,
  paths, neighbourhoods, rankings, the change feed and documents;
- writer 1 posts articles to ``POST /documents`` (the real spaCy extractor):
  each one states "Nvidia supplies H100 chips to Microsoft", so every
  acknowledged article must end up as one more piece of evidence on ONE fact;
- writer 2 retracts the seeded facts one by one (``DELETE /facts/{id}``);
- meanwhile ANOTHER process, ``partnergraph ingest``, loads 200 more documents
  into the same file (SQLite's one-writer lock, shared across processes).

Every answer must be the expected status (200/201), none may mention a locked
database, and afterwards every acknowledged write is visible: each document,
its evidence on the shared fact, and each retraction.
"""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph import open_store
from loaders.curated import load_curated
from tests.test_hardening_crash import write_documents
from tests.test_serve import EXE, Server

LOAD_SECONDS = float(os.environ.get("PARTNERGRAPH_LOAD_SECONDS", "20"))
READERS = 16
TOKEN = "load-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SEEDED = 300


class LoadServer(Server):
    """The real ``partnergraph serve`` with a write token, plus what the test loads."""

    db_url: str
    more: Path

    def __init__(self, db: Path) -> None:
        super().__init__(f"sqlite:///{db}", {"PARTNERGRAPH_API_TOKEN": TOKEN})
        self.start()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LoadServer]:
    write_documents(tmp_path / "seed", SEEDED)
    db = tmp_path / "load.db"
    store = open_store(f"sqlite:///{db}")
    try:
        for path in sorted((tmp_path / "seed").glob("*.jsonl")):
            store.write(load_curated(path))
    finally:
        store.close()
    s = LoadServer(db)
    s.db_url = f"sqlite:///{db}"
    try:
        s.more = tmp_path / "more"
        write_documents(s.more, SEEDED + 200)
        for path in sorted(s.more.glob("*.jsonl"))[:SEEDED]:
            path.unlink()  # keep doc-0300 … doc-0499: documents the store does not have yet
        yield s
    finally:
        s.stop()


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: Counter[str] = Counter()
        self.errors: list[str] = []

    def record(self, kind: str, r: httpx.Response, expected: set[int]) -> bool:
        ok = r.status_code in expected and "locked" not in r.text.lower()
        with self.lock:
            self.requests[kind] += 1
            if not ok:
                self.errors.append(
                    f"{r.request.method} {r.request.url}: {r.status_code} {r.text[:300]}"
                )
        return ok

    def failed(self, what: str, exc: Exception) -> None:
        with self.lock:
            self.errors.append(f"{what}: {type(exc).__name__}: {exc}")


#: The fact every article states; 404 until the first article is in.
SHARED_FACT = "/facts?subject=nvidia&object=microsoft&all_time=true"


def _read_urls(i: int) -> list[str]:
    a, b = f"crashco-{i % SEEDED}", f"crashco-{(i + 3) % SEEDED}"
    return [
        "/health",
        f"/entities?q=crashco {i % SEEDED}",
        f"/entities/{a}",
        f"/entities/{a}/relations?all_time=true",
        f"/entities/{a}/timeline",
        f"/facts?subject={a}&all_time=true",
        SHARED_FACT,
        f"/paths?source={a}&target={b}&as_of=2025-01-01&max_hops=4",
        f"/entities/{a}/neighbourhood?depth=2&as_of=2025-01-01",
        "/rankings?limit=10&as_of=2025-01-01",
        "/changes?since=2000-01-01&limit=20",
    ]


def _reader(base: str, n: int, stop: threading.Event, tally: Tally) -> None:
    rng = random.Random(n)
    with httpx.Client(base_url=base, timeout=60) as client:
        for i in itertools.count(n):
            if stop.is_set():
                return
            url = rng.choice(_read_urls(i))
            try:
                tally.record("read", client.get(url), {200, 404} if url == SHARED_FACT else {200})
            except httpx.HTTPError as exc:
                tally.failed(url, exc)


def _article_writer(base: str, stop: threading.Event, tally: Tally, acked: list[str]) -> None:
    with httpx.Client(base_url=base, timeout=120, headers=AUTH) as client:
        for n in itertools.count():
            if stop.is_set():
                return
            doc_id = f"load-{n}"
            body = {
                "text": f"Nvidia supplies H100 chips to Microsoft, the companies said in {n}.",
                "published": "2025-01-15",
                "doc_id": doc_id,
            }
            try:
                r = client.post("/documents", json=body)
            except httpx.HTTPError as exc:
                tally.failed(doc_id, exc)
                continue
            if tally.record("write", r, {201}):
                acked.append(doc_id)


def _retractor(base: str, stop: threading.Event, tally: Tally, acked: list[str]) -> None:
    with httpx.Client(base_url=base, timeout=60, headers=AUTH) as client:
        facts = client.get("/facts", params={"all_time": "true", "limit": 500}).json()["items"]
        for item in facts:
            if stop.is_set():
                return
            try:
                r = client.delete(f"/facts/{item['id']}", params={"reason": "load test"})
            except httpx.HTTPError as exc:
                tally.failed(item["id"], exc)
                continue
            if tally.record("write", r, {200}):
                acked.append(item["id"])


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_readers_and_writers_under_load(server: LoadServer) -> None:
    stop, tally = threading.Event(), Tally()
    documents: list[str] = []
    # Load the extractor's model (seconds) before the clock starts: an article, acknowledged.
    body = {"text": "Nvidia supplies H100 chips to Microsoft.", "published": "2025-01-15"}
    warm = httpx.post(f"{server.base}/documents", json=body, headers=AUTH, timeout=120)
    assert warm.status_code == 201, warm.text
    documents.append(warm.json()["document"]["id"])
    retracted: list[str] = []
    threads = [
        threading.Thread(target=_reader, args=(server.base, n, stop, tally)) for n in range(READERS)
    ]
    threads.append(
        threading.Thread(target=_article_writer, args=(server.base, stop, tally, documents))
    )
    threads.append(threading.Thread(target=_retractor, args=(server.base, stop, tally, retracted)))
    started = time.monotonic()
    for t in threads:
        t.start()
    # Meanwhile another process writes to the same file: the CLI loading 200 more documents.
    external = subprocess.run(
        [EXE, "ingest", str(server.more), "--db", server.db_url],
        capture_output=True,
        text=True,
        timeout=LOAD_SECONDS + 120,
    )
    time.sleep(max(0.0, LOAD_SECONDS - (time.monotonic() - started)))
    stop.set()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert tally.errors == [], f"{len(tally.errors)} errors: {tally.errors[:5]}"
    assert external.returncode == 0 and "locked" not in external.stderr, external.stderr
    assert documents and retracted and tally.requests["read"] > READERS

    with httpx.Client(base_url=server.base, timeout=60) as client:
        for doc_id in documents:
            assert client.get(f"/documents/{doc_id}").status_code == 200, doc_id
        (shared,) = client.get(
            "/facts", params={"subject": "nvidia", "object": "microsoft", "all_time": "true"}
        ).json()["items"]
        cited = {e["document_id"] for e in shared["evidence"]}
        assert set(documents) <= cited
        for fact_id in retracted:
            assert client.get(f"/facts/{fact_id}").json()["retracted"] is True, fact_id
        for i in (SEEDED, SEEDED + 199):  # the other process's first and last documents
            assert client.get(f"/entities/fund-{i}").status_code == 200
    log = server.stop()
    assert "locked" not in log.lower() and "Traceback" not in log
    print(
        f"\n{sum(tally.requests.values())} requests in {LOAD_SECONDS:g} s "
        f"({tally.requests['read']} reads, {len(documents)} articles, "
        f"{len(retracted)} retractions), {len(tally.errors)} errors"
    )
