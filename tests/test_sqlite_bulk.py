"""The SQLite write path in bulk: a batch is read at once and written with executemany,
with the same results as writing its facts one by one."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from dataclasses import fields, replace
from pathlib import Path

import pytest

from bench.generate import generate
from graph import Batch, Entity, Evidence, Fact, FactPattern, PartialDate, Relation, temporal
from graph.gcpause import gc_paused
from graph.model import SUCCESSION
from graph.stores.sqlite import SQLiteStore
from graph.stores.sqlite_write import PAUSE_GC_FROM
from tests.conftest import MICROSOFT, OPENAI, evidence, fact


@pytest.fixture
def sqlite(tmp_path: Path) -> Iterator[SQLiteStore]:
    store = SQLiteStore(tmp_path / "bulk.db")
    yield store
    store.close()


def current_state(store: SQLiteStore) -> list[tuple[object, ...]]:
    """The current facts without their instants: what a batching must not change."""
    return sorted(
        (
            f.id,
            str(f.valid_from),
            str(f.valid_to),
            tuple(sorted(f.qualifiers.items())),
            f.stated_at,
            f.confidence,
            tuple(sorted(e.id for e in f.evidence if not e.succession)),
            tuple(sorted(str(e.valid_to) for e in f.evidence if e.succession)),
        )
        for f in store.find_facts(FactPattern())
    )


def test_claimed_evidence_is_the_replace_it_stands_for() -> None:
    def reference(f: Fact) -> tuple[Evidence, ...]:
        return tuple(
            e
            if e.has_claim or e.succession
            else replace(
                e,
                valid_from=f.valid_from,
                valid_to=f.valid_to,
                qualifiers=f.qualifiers,
                confidence=min(e.confidence, f.confidence),
                published=e.published or f.stated_at,
            )
            for e in f.evidence
        )

    claimed = Evidence("d", "It ended.", valid_to=PartialDate(2024), confidence=0.4)
    succession = Evidence("d", "Then B.", valid_to=PartialDate(2023), succession=True)
    facts = [
        *generate(300, seed=3).facts,
        fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, "2019", amount="10").with_changes(
            confidence=0.7, evidence=(evidence("a", "Invested."), claimed, succession)
        ),
    ]
    names = [f.name for f in fields(Evidence)]
    for f in facts:
        ours, theirs = temporal.claimed_evidence(f), reference(f)
        assert ours == theirs
        for a, b in zip(ours, theirs, strict=True):
            assert [getattr(a, n) for n in names] == [getattr(b, n) for n in names]
        assert temporal.with_claims(f) == replace(f, evidence=theirs)


def test_derive_builds_every_field_of_a_fact() -> None:
    # derive_keyed builds its Fact field by field: a new field must be added there too.
    assert [f.name for f in fields(Fact)] == [
        "subject",
        "relation",
        "object",
        "valid_from",
        "valid_to",
        "qualifiers",
        "stated_at",
        "recorded_at",
        "superseded_at",
        "confidence",
        "evidence",
    ]


def test_one_batch_gives_what_fact_by_fact_writes_give(tmp_path: Path) -> None:
    graph = generate(1_500, seed=5)
    batched, one_by_one = SQLiteStore(tmp_path / "a.db"), SQLiteStore(tmp_path / "b.db")
    try:
        batched.write(Batch(graph.entities))
        one_by_one.write(Batch(graph.entities))
        facts = graph.facts + graph.facts[::7]  # some facts twice, in the same batch
        result = batched.write(Batch(facts=facts))
        added = sum(one_by_one.write(Batch(facts=(f,))).facts_added for f in facts)
        assert result.facts_added == added == len(graph.facts)
        assert result.facts_merged == len(facts) - added
        assert result.fact_ids == tuple(f.id for f in facts)
        assert current_state(batched) == current_state(one_by_one)
        ended = [f for f in batched.find_facts(FactPattern()) if f.relation in SUCCESSION]
        assert any(e.succession for f in ended for e in f.evidence)  # successions happened
    finally:
        batched.close()
        one_by_one.close()


def test_writing_a_batch_again_changes_nothing(sqlite: SQLiteStore) -> None:
    graph = generate(600, seed=7)
    batches = list(graph.batches(250))
    for batch in batches:
        sqlite.write(batch)
    revision = sqlite.revision()
    versions = len(list(sqlite.find_facts(FactPattern(include_superseded=True))))
    state = current_state(sqlite)
    for batch in batches:
        again = sqlite.write(batch)
        assert (again.facts_added, again.entities_added) == (0, 0)
    assert sqlite.revision() == revision
    assert len(list(sqlite.find_facts(FactPattern(include_superseded=True)))) == versions
    assert current_state(sqlite) == state


def test_a_later_batch_ends_holders_stored_before_it(sqlite: SQLiteStore) -> None:
    org = Entity.named("Marrowgate", "Organization")
    ada, tomas, lee = (Entity.named(n, "Person") for n in ("Ada Byrne", "Tomas Kiel", "Lee Ho"))
    sqlite.write(
        Batch(
            (org, ada, tomas, lee),
            (
                fact(tomas, Relation.EXECUTIVE_OF, org, "2022-05", doc="a", role="CEO"),
                fact(ada, Relation.EXECUTIVE_OF, org, "2018", doc="a", role="CEO"),
            ),
        )
    )
    sqlite.write(Batch((), (fact(lee, Relation.EXECUTIVE_OF, org, "2020", doc="b", role="CEO"),)))
    ends = {f.subject: f.valid_to for f in sqlite.find_facts(FactPattern(object=org.id))}
    assert ends == {ada.id: PartialDate(2020), lee.id: PartialDate(2022, 5), tomas.id: None}


def test_an_entity_twice_in_a_batch_keeps_its_wikidata_id(sqlite: SQLiteStore) -> None:
    plain = Entity("acme", "Acme", MICROSOFT.type)
    named = Entity("acme", "Acme", MICROSOFT.type, ("ACME Corp",), "Q1")
    assert sqlite.write(Batch((plain, named))).entities_added == 1
    stored = sqlite.get_entity("acme")
    assert (stored.wikidata, stored.aliases) == ("Q1", ("ACME Corp",))


def test_a_batch_reads_in_a_few_queries_not_a_few_per_fact(tmp_path: Path) -> None:
    graph = generate(2_000, seed=9)
    store = SQLiteStore(tmp_path / "count.db")
    try:
        store.write(Batch(graph.entities, graph.facts[:1_000]))
        queries: list[str] = []
        conn = store._conn()
        conn.set_trace_callback(queries.append)
        store.write(Batch(facts=graph.facts[1_000:]))
        conn.set_trace_callback(None)
    finally:
        store.close()
    reads = [q for q in queries if q.lstrip().upper().startswith("SELECT")]
    assert 0 < len(reads) <= 12, reads


def test_a_large_batch_leaves_the_collector_and_the_cache_as_they_were(
    sqlite: SQLiteStore,
) -> None:
    graph = generate(PAUSE_GC_FROM, seed=2)
    sqlite.write(Batch(graph.entities))
    assert gc.isenabled()
    sqlite.write(Batch(facts=graph.facts))
    assert gc.isenabled()
    assert sqlite._conn().execute("PRAGMA cache_size").fetchone()[0] == -2000
    gc.disable()
    try:
        sqlite.write(Batch(facts=graph.facts))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_resume_the_collector_when_the_last_one_ends() -> None:
    # A bulk write and a snapshot build on two threads: the first to finish must not
    # switch the collector back on under the other.
    outer, inner = gc_paused(), gc_paused()
    outer.__enter__()
    inner.__enter__()
    outer.__exit__(None, None, None)
    assert not gc.isenabled()
    inner.__exit__(None, None, None)
    assert gc.isenabled()
    with gc_paused(pause=False):
        assert gc.isenabled()


def test_a_failing_large_batch_writes_nothing(sqlite: SQLiteStore) -> None:
    graph = generate(PAUSE_GC_FROM, seed=4)
    sqlite.write(Batch(graph.entities))
    stranger = Entity.named("Nobody Known", "Person")
    bad = fact(stranger, Relation.EXECUTIVE_OF, MICROSOFT, "2020", role="CEO")
    with pytest.raises(Exception, match="unknown entity"):
        sqlite.write(Batch(facts=(*graph.facts, bad)))
    assert list(sqlite.find_facts(FactPattern())) == []
    assert gc.isenabled()
    raw = sqlite3.connect(sqlite.path)
    assert raw.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0
    raw.close()


def test_a_bulk_load_into_a_new_store_leaves_every_index_as_the_schema_made_it(
    tmp_path: Path,
) -> None:
    def indexes(path: Path) -> list[tuple[str, str]]:
        raw = sqlite3.connect(path)
        found = raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
        ).fetchall()
        raw.close()
        return found

    SQLiteStore(tmp_path / "empty.db").close()
    loaded = SQLiteStore(tmp_path / "loaded.db")
    graph = generate(3_000, seed=6)
    loaded.write(Batch(graph.entities))
    loaded.write(Batch(facts=graph.facts))  # into an empty table: indexes built after
    loaded.close()
    assert indexes(tmp_path / "loaded.db") == indexes(tmp_path / "empty.db")
    raw = sqlite3.connect(tmp_path / "loaded.db")
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()


def test_a_write_reads_through_indexes_only(tmp_path: Path) -> None:
    """No read of a write scans a table: the cost of a batch does not grow with the store
    (the succession lookup once scanned every current fact of its relation)."""
    graph = generate(1_200, seed=8)
    store = SQLiteStore(tmp_path / "plans.db")
    try:
        store.write(Batch(graph.entities, graph.facts[:600]))
        queries: list[str] = []
        conn = store._conn()
        conn.set_trace_callback(queries.append)
        store.write(Batch(facts=graph.facts[600:] + graph.facts[:50]))
        conn.set_trace_callback(None)
        reads = [q for q in queries if q.lstrip().upper().startswith("SELECT")]
        assert any("+relation" in q for q in reads)  # the holders were looked up
        for query in reads:
            plan = " / ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + query))
            assert "SCAN facts" not in plan and "SCAN evidence" not in plan, (query, plan)
            assert "SCAN entities" not in plan, (query, plan)
    finally:
        store.close()
