"""The curated-fact loader: JSON Lines and CSV, whole files or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph import EntityType, FactPattern, PartialDate, Relation, open_store, queries
from graph.store import Store
from loaders.curated import CuratedFileError, is_curated_file, load_curated
from loaders.pipeline import ingest

DATA = Path(__file__).parent / "data" / "curated"


@pytest.fixture
def db(tmp_path: Path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 'curated.db'}")


def test_jsonl_rows_become_facts_with_their_evidence() -> None:
    batch = load_curated(DATA / "good.jsonl")
    assert len(batch.facts) == 4
    by_rel = {f.relation: f for f in batch.facts}
    ceo = by_rel[Relation.EXECUTIVE_OF]
    assert (ceo.valid_from, ceo.valid_to) == (PartialDate(2019), PartialDate(2023, 6, 30))
    assert ceo.qualifiers == {"role": "CEO"}
    [ev] = ceo.evidence
    assert ev.url == "https://example.org/acme-ceo" and ev.document_id == "t-2"
    assert ev.extractor == "curated" and str(ev.published) == "2023-07-01"
    types = {e.name: e.type for e in batch.entities}
    assert types["Acme Arm 2"] is EntityType.PRODUCT
    assert types["Dana Whitfield"] is EntityType.PERSON


def test_csv_rows_with_qualifier_columns() -> None:
    batch = load_curated(DATA / "good.csv")
    invest = next(f for f in batch.facts if f.relation is Relation.INVESTS_IN)
    assert invest.qualifiers == {"amount": "40000000", "currency": "USD"}
    assert invest.confidence == 0.8
    assert invest.evidence[0].sentence.endswith('its "largest bet" so far.')
    rivals = next(f for f in batch.facts if f.relation is Relation.COMPETES_WITH)
    assert rivals.valid_from == PartialDate(2018) and rivals.confidence == 1.0


def test_every_bad_row_is_reported_with_file_line_and_reason() -> None:
    with pytest.raises(CuratedFileError) as caught:
        load_curated(DATA / "bad_rows.jsonl")
    errors = {e.line: e.reason for e in caught.value.errors}
    assert set(errors) == {2, 3, 4, 5, 6}
    assert "befriends" in errors[2]
    assert "2024-13" in errors[3]
    assert "Person" in errors[4]
    assert "invalid JSON" in errors[5]
    assert "evidence" in errors[6]
    assert all(e.path.endswith("bad_rows.jsonl") for e in caught.value.errors)


def test_a_file_with_a_bad_row_stores_nothing(db: Store) -> None:
    report = ingest(db, [DATA / "bad_rows.jsonl"])
    assert not report.ok
    assert any("bad_rows.jsonl:3" in e for e in report.errors)
    assert list(db.find_facts(FactPattern())) == []
    assert db.find_entities() == []


def test_bad_header_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(CuratedFileError, match="subject_type"):
        load_curated(DATA / "bad_header.csv")
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('{"relation": "uses", "subject": "Caf\xe9"}\n'.encode("latin-1"))
    with pytest.raises(CuratedFileError, match="not valid UTF-8"):
        load_curated(latin)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n")
    with pytest.raises(CuratedFileError, match="no facts"):
        load_curated(empty)
    binary = tmp_path / "nul.jsonl"
    binary.write_bytes(b'{"relation": "uses"}\n\x00\n')
    with pytest.raises(CuratedFileError, match="NUL byte at offset 21"):
        load_curated(binary)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    assert not is_curated_file(fifo)  # sniffing would block on open()
    with pytest.raises(CuratedFileError, match="not a regular file"):
        load_curated(fifo)


def test_curated_files_are_recognised(tmp_path: Path) -> None:
    assert is_curated_file(DATA / "good.jsonl")
    assert is_curated_file(DATA / "good.csv")
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"doc_id": "a", "text": "Hello."}\n')
    assert not is_curated_file(docs)


def test_loading_twice_changes_nothing(db: Store) -> None:
    first = ingest(db, [DATA])
    assert first.facts_added == 6 and first.errors == [e for e in first.errors if "bad_" in e]
    before = sorted((f.id, len(f.evidence), f.recorded_at) for f in db.find_facts(FactPattern()))
    second = ingest(db, [DATA / "good.jsonl", DATA / "good.csv"])
    assert second.ok and second.facts_added == 0
    after = sorted((f.id, len(f.evidence), f.recorded_at) for f in db.find_facts(FactPattern()))
    assert before == after
    acme = queries.resolve_entity(db, "acme robotics")
    assert len(queries.relations(db, acme.id, as_of=queries.ANY_TIME)) == 6


def test_missing_paths_are_reported(db: Store, tmp_path: Path) -> None:
    report = ingest(db, [tmp_path / "nope.jsonl", str(tmp_path / "*.csv")])
    assert len(report.errors) == 2
    assert "no such file" in report.errors[0] and "matches no file" in report.errors[1]


def test_rows_about_one_fact_keep_each_rows_claims(tmp_path: Path) -> None:
    rows = tmp_path / "two.jsonl"
    base = (
        '{"doc_id": "%s", "subject": {"name": "Acme Robotics", "type": "Organization"}, '
        '"relation": "invests_in", "object": {"name": "Hooli", "type": "Organization"}, '
        '"valid_from": "%s", "qualifiers": %s, '
        '"evidence": {"text": "%s", "published": "%s"}}\n'
    )
    rows.write_text(
        base
        % ("a", "2019-07", '{"amount": "1000000000", "currency": "USD"}', "First.", "2019-07-22")
        + base % ("b", "2023-01", "{}", "Second.", "2023-01-23")
    )
    [f] = load_curated(rows).facts
    assert str(f.valid_from) == "2019-07"
    assert f.qualifiers == {"amount": "1000000000", "currency": "USD"}
    assert len(f.evidence) == 2
