"""Ingest at scale (issue 13): the same graph however the input is split or run,
a name lookup that is an index hit, streaming progress, and parallel extraction.

Times are never asserted here: ``bench/scenarios/ingest.py`` measures the ratios.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli.main import app
from graph.model import Batch, Document, Entity, EntityType
from graph.names import EntityKeyLookup, name_key
from graph.store import Store
from graph.stores.sqlite import MIGRATIONS, SCHEMA_VERSION, SQLiteStore
from graph.tables import csv_tables
from loaders.extract.types import EntityRef
from loaders.pipeline import Execution, count_work, ingest, ingest_documents
from loaders.resolve import EntityIndex, EntityResolver
from tests.ingest_corpus import corpus, write_jsonl

ORG = EntityType.ORGANIZATION


def signature(db: Path) -> tuple[frozenset[tuple[object, ...]], ...]:
    """Every current fact and every piece of evidence, without transaction times."""
    with sqlite3.connect(db) as conn:
        facts = conn.execute(
            "SELECT fact_id, subject, relation, object, valid_from, valid_to, qualifiers, "
            "stated_at, confidence FROM facts WHERE superseded_at IS NULL"
        ).fetchall()
        evidence = conn.execute(
            'SELECT fact_id, evidence_id, document_id, sentence, start, "end", valid_from, '
            "valid_to, qualifiers FROM evidence WHERE retracted_at IS NULL"
        ).fetchall()
        entities = conn.execute("SELECT id, type FROM entities").fetchall()
    return frozenset(facts), frozenset(evidence), frozenset(entities)


def _load(store: SQLiteStore, documents: list[Document], **kwargs: object) -> int:
    report = ingest_documents(store, [(d, d.doc_id or d.id) for d in documents], **kwargs)  # type: ignore[arg-type]
    assert not report.errors, report.errors
    return report.documents


@pytest.fixture(scope="module")
def one_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[frozenset[tuple[object, ...]], ...]:
    db = tmp_path_factory.mktemp("one-run") / "graph.db"
    store = SQLiteStore(db)
    try:
        assert _load(store, corpus()) == len(corpus())
    finally:
        store.close()
    found = signature(db)
    assert len(found[0]) >= 15  # the corpus states facts, and spellings meet across articles
    return found


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_split_order_or_rerun_gives_the_same_facts(
    one_run: tuple[frozenset[tuple[object, ...]], ...],
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
) -> None:
    documents = corpus()
    order = data.draw(st.permutations(documents), label="order")
    cuts = sorted(data.draw(st.sets(st.integers(1, len(documents) - 1), max_size=4), label="cuts"))
    crashed = data.draw(st.integers(0, len(documents)), label="crash after")
    db = tmp_path_factory.mktemp("split") / "graph.db"
    store = SQLiteStore(db)
    try:
        _load(store, order[:crashed])  # a run that stopped there, as after a kill
        bounds = [0, *cuts, len(order)]
        for start, end in itertools.pairwise(bounds):
            _load(store, order[start:end])
        assert _load(store, documents) == 0  # everything is stored: a rerun is a no-op
    finally:
        store.close()
    assert signature(db) == one_run


def test_first_spelling_seen_does_not_name_the_entity_id(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "g.db")
    try:
        resolver = EntityResolver(store)
        first = resolver.resolve(EntityRef("Halvorsen Dynamics Corp", ORG))
        other = EntityResolver(store).resolve(EntityRef("Halvorsen Dynamics Inc.", ORG))
    finally:
        store.close()
    assert first.id == other.id == "halvorsen-dynamics"


def test_name_keys_are_an_index_hit(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "g.db")
    try:
        acme = Entity.named("Acme Corporation", ORG, aliases=["ACME Robotics"])
        store.write(Batch(entities=(acme, Entity.named("Acme", EntityType.PERSON))))
        assert isinstance(store, EntityKeyLookup)
        found = store.entities_by_key(ORG, [name_key("acme corp."), "acme robotics", "nobody"])
        assert {k: [e.id for e in v] for k, v in found.items()} == {
            "acme": ["acme-corporation"],
            "acme robotics": ["acme-corporation"],
        }
        assert found["acme"][0].aliases == ("ACME Robotics",)
    finally:
        store.close()
    with sqlite3.connect(tmp_path / "g.db") as conn:
        plan = " ".join(
            str(row[-1])
            for row in conn.execute(
                "EXPLAIN QUERY PLAN SELECT entity_id FROM entity_names "
                "WHERE name_key IN (SELECT value FROM json_each(?))",
                ('["acme"]',),
            )
        )
    assert "entity_names_key" in plan


def test_migration_backfills_name_keys(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db, isolation_level=None) as conn:
        for script in MIGRATIONS[:3]:
            conn.executescript(script)
        conn.execute("PRAGMA user_version = 3")
        conn.execute(
            "INSERT INTO entities (id, name, type) "
            "VALUES ('t', 'The Tallis Bank Ltd', 'Organization')"
        )
        conn.execute(
            "INSERT INTO entity_names (entity_id, name, name_folded, is_alias) "
            "VALUES ('t', 'The Tallis Bank Ltd', 'the tallis bank ltd', 0)"
        )
    store = SQLiteStore(db)
    try:
        assert store.schema_version() == SCHEMA_VERSION
        assert [
            e.id for e in store.entities_by_key(ORG, [name_key("Tallis Bank")])["tallis bank"]
        ] == ["t"]
    finally:
        store.close()


def test_resolver_start_up_reads_nothing_and_looks_up_each_key_once(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "g.db")
    try:
        many = tuple(Entity.named(f"Company {i:05d}", ORG) for i in range(5_000))
        store.write(Batch(entities=many))
        resolver = EntityResolver(store)
        assert resolver.store_lookups == 0
        assert resolver.resolve(EntityRef("Company 04999 Inc", ORG)).id == "company-04999"
        assert resolver.resolve(EntityRef("company 04999", ORG)).id == "company-04999"
        assert resolver.store_lookups == 1  # the second spelling is the same key: cached
    finally:
        store.close()


def test_fuzzy_matches_only_reference_names_within_a_block() -> None:
    resolver = EntityResolver()
    near = resolver.resolve(EntityRef("Activision Blizard", ORG))  # the gazetteer's, misspelt
    assert near.id == "activision-blizzard" and near.name == "Activision Blizzard"
    # a name an article introduced is never a fuzzy target: "Quillfeathr" stays apart
    assert resolver.resolve(EntityRef("Quillfeather Labs", ORG)).id == "quillfeather-labs"
    assert resolver.resolve(EntityRef("Quillfeathr Labs", ORG)).id == "quillfeathr-labs"


def test_progress_counts_documents_of_a_jsonl(tmp_path: Path) -> None:
    path = write_jsonl(corpus(), tmp_path / "stories.jsonl")
    assert count_work([path]) == 12
    steps: list[int] = []
    store = SQLiteStore(tmp_path / "g.db")
    try:
        report = ingest(store, [path], on_progress=lambda _label, step: steps.append(step))
        again = ingest(store, [path], on_progress=lambda _label, step: steps.append(step))
    finally:
        store.close()
    assert report.documents == 12 and sum(steps) == 24
    assert again.documents == 0 and again.documents_skipped == 12


def test_cli_quiet_prints_the_summary_with_errors_by_kind(tmp_path: Path) -> None:
    path = write_jsonl(corpus(), tmp_path / "stories.jsonl")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            str(path),
            "--db",
            f"sqlite:///{tmp_path / 'g.db'}",
            "--quiet",
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 1
    assert "━" not in result.stderr  # no progress bar
    assert "12 new document(s)" in result.stderr
    assert "facts:" in result.stderr and "(1 read)" in result.stderr


def _export(db: Path) -> bytes:
    store = SQLiteStore(db)
    try:
        tables = csv_tables(store, date(2030, 1, 1))
    finally:
        store.close()
    return json.dumps(tables, sort_keys=True).encode()


@pytest.fixture(scope="module")
def in_process_export(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    db = tmp_path_factory.mktemp("workers-1") / "g.db"
    store = SQLiteStore(db)
    try:
        _load(store, corpus(40))
    finally:
        store.close()
    return _export(db)


@pytest.mark.slow
def test_worker_processes_give_the_same_export(in_process_export: bytes, tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "g.db")
    try:
        _load(store, corpus(40), execution=Execution(workers=2, parallel_from=1))
    finally:
        store.close()
    assert _export(tmp_path / "g.db") == in_process_export


@pytest.mark.slow
def test_a_dask_cluster_gives_the_same_export(in_process_export: bytes, tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    try:
        store = SQLiteStore(tmp_path / "g.db")
        try:
            _load(store, corpus(40), execution=Execution(scheduler=cluster.scheduler_address))
        finally:
            store.close()
    finally:
        cluster.close()
    assert _export(tmp_path / "g.db") == in_process_export


def test_every_backend_resolves_stored_entities_by_name_key(store: Store) -> None:
    """Through the backend's name-key index where it has one, else its entities read once."""
    acme = Entity.named("Acme Corporation", ORG)
    store.write(Batch(entities=(acme, Entity.named("Acme", EntityType.PERSON))))
    if isinstance(store, EntityKeyLookup):
        found = store.entities_by_key(ORG, [name_key("The Acme Corp."), "nobody"])
        assert {k: [e.id for e in v] for k, v in found.items()} == {"acme": ["acme-corporation"]}
    resolver = EntityResolver(store, EntityIndex())
    assert resolver.resolve(EntityRef("The Acme Corp.", ORG)).id == "acme-corporation"
    assert resolver.resolve(EntityRef("Acme", EntityType.PERSON)).id == "acme"
    assert resolver.resolve(EntityRef("Nobody Ltd", ORG)).id not in {"acme", "acme-corporation"}
