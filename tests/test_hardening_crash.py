"""Crash safety: ``partnergraph ingest`` killed with SIGKILL mid-run loses nothing it acknowledged.

2,000 curated fact files (one document each, two facts each; a curated file is
one transaction) are ingested by a real ``partnergraph ingest`` subprocess,
which is SIGKILLed at a random point, three times over (each rerun resumes
the same folder and is killed further along). After every kill the SQLite
file passes ``PRAGMA integrity_check`` and ``foreign_key_check``, and every
document is either fully present (both facts, both pieces of evidence) or
absent. A last rerun completes the rest: every document once, no duplicate
fact, version or evidence.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

EXE = str(Path(sys.executable).parent / "partnergraph")
DOCUMENTS = 2_000
FACTS_PER_DOCUMENT = 2
KILLS = 3


def _row(doc: str, subject: str, relation: str, obj: str, day: str) -> str:
    return json.dumps(
        {
            "doc_id": doc,
            "subject": {"name": subject, "type": "Organization"},
            "relation": relation,
            "object": {"name": obj, "type": "Organization"},
            "valid_from": day,
            "evidence": {
                "text": f"{subject} {relation.replace('_', ' ')} {obj} since {day}.",
                "url": f"https://example.org/{doc}",
                "published": day,
            },
        }
    )


def write_documents(folder: Path, count: int = DOCUMENTS) -> list[str]:
    """``count`` curated files, ``doc-NNNN.jsonl``: two facts each, no fact shared."""
    folder.mkdir()
    ids = []
    for i in range(count):
        doc = f"doc-{i:04d}"
        day = f"{2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        rows = [
            _row(doc, f"Crashco {i}", "partners_with", f"Crashco {i + 1}", day),
            _row(doc, f"Crashco {i}", "invests_in", f"Fund {i}", day),
        ]
        (folder / f"{doc}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
        ids.append(doc)
    return ids


def _count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # not created yet, or mid-migration
        return 0


def _ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [EXE, "ingest", str(folder), "--db", f"sqlite:///{db}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _kill_after(proc: subprocess.Popen[bytes], db: Path, evidence_rows: int) -> None:
    """SIGKILL ``proc`` once the store holds ``evidence_rows`` pieces of evidence."""
    deadline = time.monotonic() + 120
    while _count(db, "SELECT count(*) FROM evidence") < evidence_rows:
        assert proc.poll() is None, "the ingest ended before it could be killed"
        assert time.monotonic() < deadline, "the ingest made no progress in 120 s"
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.stderr is not None
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL


def check_consistent(db: Path, ids: list[str]) -> int:
    """Integrity and all-or-nothing per document; returns how many documents are present."""
    with sqlite3.connect(db, timeout=30) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        per_doc = dict(
            conn.execute("SELECT document_id, count(*) FROM evidence GROUP BY document_id")
        )
        duplicates = conn.execute(
            "SELECT fact_id FROM facts WHERE superseded_at IS NULL "
            "GROUP BY fact_id HAVING count(*) > 1"
        ).fetchall()
        versions = conn.execute("SELECT count(*) FROM facts").fetchone()[0]
        current = conn.execute("SELECT count(*) FROM facts WHERE superseded_at IS NULL").fetchone()[
            0
        ]
    assert set(per_doc) <= set(ids)
    partial = {doc: n for doc, n in per_doc.items() if n != FACTS_PER_DOCUMENT}
    assert partial == {}, f"half-written documents: {partial}"
    assert duplicates == []
    # One version per fact: a rerun re-merging a stored file adds nothing.
    assert versions == current == FACTS_PER_DOCUMENT * len(per_doc)
    return len(per_doc)


@pytest.mark.slow
@pytest.mark.timeout(420)
def test_sigkill_mid_ingest_leaves_whole_documents_and_a_rerun_completes(tmp_path: Path) -> None:
    ids = write_documents(tmp_path / "docs")
    db = tmp_path / "crash.db"
    rng = random.Random(9)
    # Kill points spread over the run, each further along than the last (in evidence rows).
    total = DOCUMENTS * FACTS_PER_DOCUMENT
    points = sorted(
        rng.randrange(total * k // (KILLS + 1), total * (k + 1) // (KILLS + 1))
        for k in range(KILLS)
    )
    present = []
    for point in points:
        _kill_after(_ingest(tmp_path / "docs", db), db, max(point, 1))
        present.append(check_consistent(db, ids))
    assert 0 < present[0] < DOCUMENTS
    assert present == sorted(present)
    rerun = _ingest(tmp_path / "docs", db)
    _, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr.decode()
    assert check_consistent(db, ids) == DOCUMENTS
    print(f"\nkilled at {present} of {DOCUMENTS} documents; the rerun completed all {DOCUMENTS}")
