"""Idempotency through the real entry points: ``partnergraph ingest`` and ``POST /documents``.

tests/test_store_contract.py covers the store: the same batch twice changes nothing,
a document with stored content is skipped, a second source adds evidence. Here:

- the same article ingested again, under its own name or a copied one (same content
  hash), changes nothing: no document, fact, version, evidence or revision;
- the same fact stated by two articles is ONE fact with two pieces of evidence;
- a curated file ingested twice changes nothing;
- the same over HTTP: the same content posted twice answers ``skipped: true``.

Extraction is real (spaCy), so these take a few seconds each.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import warnings
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from api.settings import Settings
from graph.store import FactPattern
from tests.test_hardening_limits import SEED
from tests.test_serve import EXE

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

FIRST = "Nvidia supplies H100 chips to Microsoft, the companies said on Tuesday.\n"
SECOND = "Microsoft buys H100 chips from Nvidia. Nvidia supplies H100 chips to Microsoft.\n"


def _ingest(db: str, *paths: Path) -> str:
    done = subprocess.run(
        [EXE, "ingest", *map(str, paths), "--db", db, "--published", "2025-03-04"],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "COLUMNS": "200"},  # one line per summary, for the asserts
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


def _state(db: str) -> dict[str, Any]:
    """Everything a re-ingest could change, as rows."""
    with sqlite3.connect(db.removeprefix("sqlite:///")) as conn:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("documents", "entities", "entity_names", "facts", "evidence", "meta")
        }


def _supplies(state: dict[str, Any]) -> list[Any]:
    return [r for r in state["facts"] if r[2:5] == ("nvidia", "supplies", "microsoft")]


@pytest.mark.slow
def test_ingesting_the_same_articles_again_changes_nothing(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'idem.db'}"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(FIRST, encoding="utf-8")
    b.write_text(SECOND, encoding="utf-8")
    first = _ingest(db, a, b)
    assert "2 new document(s)" in first
    before = _state(db)
    (fact,) = _supplies(before)  # one fact (one current version) …
    evidence = [r for r in before["evidence"] if r[0] == fact[1]]
    assert sorted({r[2] for r in evidence}) == sorted(r[0] for r in before["documents"])
    assert len(evidence) >= 2  # … with evidence from both articles

    copy = tmp_path / "copy-of-a.txt"
    shutil.copy(a, copy)
    again = _ingest(db, a, b, copy)
    assert "0 new document(s), 3 already stored" in again
    assert "facts: 0 new, 0 merged" in again
    assert _state(db) == before


def test_a_curated_file_ingested_twice_changes_nothing(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'curated.db'}"
    assert "facts: 6 new" in _ingest(db, SEED)
    before = _state(db)
    again = _ingest(db, SEED)
    assert "facts: 0 new" in again and "0 new entities" in again  # (6 merged: as they were)
    assert _state(db) == before


@pytest.mark.slow
def test_posting_the_same_document_twice_changes_nothing(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'api.db'}"
    auth = {"Authorization": "Bearer idem"}
    with TestClient(create_app(Settings(db=db, api_token="idem"))) as c:
        one = c.post("/documents", json={"text": FIRST, "published": "2025-03-04"}, headers=auth)
        assert one.status_code == 201, one.text
        two = c.post("/documents", json={"text": SECOND, "published": "2025-03-05"}, headers=auth)
        assert two.status_code == 201, two.text
        before = _state(db)
        (fact,) = _supplies(before)
        again = c.post("/documents", json={"text": FIRST, "published": "2025-03-04"}, headers=auth)
        assert again.status_code == 200 and again.json()["skipped"] is True
        assert again.json()["document"]["id"] == one.json()["document"]["id"]
        assert _state(db) == before
        shown = c.get(f"/facts/{fact[1]}").json()["fact"]
    cited = {e["document_id"] for e in shown["evidence"]}
    assert cited == {one.json()["document"]["id"], two.json()["document"]["id"]}


def test_rewriting_stored_facts_keeps_the_revision(tmp_path: Path) -> None:
    # Regression: every write bumped the revision, so a no-op re-load emptied the graph
    # and SPARQL caches of a running server.
    from graph import open_store
    from loaders.curated import load_curated

    store = open_store(f"sqlite:///{tmp_path / 'rev.db'}")
    try:
        store.write(load_curated(SEED))
        revision = store.revision()  # type: ignore[attr-defined]
        store.write(load_curated(SEED))
        assert store.revision() == revision  # type: ignore[attr-defined]
        store.retract(store.find_facts(FactPattern()).__next__().id, None, "test")
        assert store.revision() == revision + 1  # type: ignore[attr-defined]
    finally:
        store.close()
