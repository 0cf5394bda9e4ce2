"""What only the embedded SQLite backend promises: durability, schema versions, index use."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from graph import Batch, FactPattern, InvalidInput, Relation, StoreUnavailable, open_store
from graph.stores.sqlite import SCHEMA_VERSION, SQLiteStore
from tests.conftest import MICROSOFT, OPENAI, fact


def test_facts_survive_a_restart(tmp_path: Path, sample_batch: Batch) -> None:
    url = f"sqlite:///{tmp_path / 'pg.db'}"
    first = open_store(url)
    first.write(sample_batch)
    first.close()
    again = open_store(url)
    assert len(list(again.find_facts(FactPattern()))) == 5
    assert again.get_entity("microsoft").aliases == ("Microsoft Corp", "MSFT")
    again.close()


def test_the_file_uses_wal_foreign_keys_and_a_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "pg.db"
    store = SQLiteStore(path)
    assert store.schema_version() == SCHEMA_VERSION
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    raw.close()
    store.close()


def test_a_newer_schema_is_refused_not_damaged(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.close()
    with pytest.raises(StoreUnavailable, match="newer"):
        SQLiteStore(path)


def test_store_urls(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="expected"):
        open_store("partnergraph.db")
    with pytest.raises(InvalidInput, match="unknown store scheme"):
        open_store("postgres://localhost/x")
    with pytest.raises(StoreUnavailable, match="does not exist"):
        open_store(f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    absolute = open_store(f"sqlite:///{tmp_path / 'abs.db'}")
    assert (tmp_path / "abs.db").exists()
    absolute.close()


@pytest.mark.parametrize("column", ["subject", "object"])
def test_as_of_lookup_of_one_entity_reads_an_index(tmp_path: Path, column: str) -> None:
    """The lookup's cost follows the entity's degree, not the graph's size."""
    store = SQLiteStore(tmp_path / "plan.db")
    store.write(Batch((MICROSOFT, OPENAI), (fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI),)))
    conn = store._conn()
    plan = conn.execute(
        f"EXPLAIN QUERY PLAN SELECT * FROM facts WHERE {column} = ? AND lo <= ? AND hi > ? "
        "AND superseded_at IS NULL",
        ("microsoft", "2025-01-01", "2025-01-01"),
    ).fetchall()
    detail = " ".join(row[-1] for row in plan)
    assert f"facts_current_{column}" in detail and "SCAN" not in detail
    store.close()


def test_concurrent_threads_read_while_one_writes(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from graph import Entity

    store = SQLiteStore(tmp_path / "threads.db")
    store.write(Batch((MICROSOFT, OPENAI)))

    def write(i: int) -> None:
        other = Entity.named(f"Partner {i}", "Organization")
        store.write(Batch((other,), (fact(MICROSOFT, Relation.PARTNERS_WITH, other),)))

    def read(_: int) -> int:
        return len(list(store.find_facts(FactPattern(subject="microsoft", as_of=date(2025, 1, 1)))))

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(write, range(40)))
        counts = list(pool.map(read, range(40)))
    assert all(0 <= c <= 40 for c in counts)  # readers never fail mid-write
    assert (
        len(list(store.find_facts(FactPattern(subject="microsoft"))))
        + len(list(store.find_facts(FactPattern(object="microsoft"))))
        == 40
    )
    store.close()


def test_revision_grows_with_every_change_and_old_files_migrate(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    raw = sqlite3.connect(path)
    from graph.stores.sqlite import MIGRATIONS

    raw.executescript(MIGRATIONS[0])
    raw.execute("PRAGMA user_version = 1")
    raw.close()
    store = SQLiteStore(path)  # migrates 1 → current
    assert store.schema_version() == SCHEMA_VERSION
    assert store.revision() == 0
    store.write(Batch((MICROSOFT, OPENAI), (fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI),)))
    assert store.revision() == 1
    [f] = store.find_facts(FactPattern())
    store.retract(f.id, reason="test")
    assert store.revision() == 2
    store.close()
