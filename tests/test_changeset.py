"""The backend-neutral change-set builder (graph/changeset.py), without a database:
what a batch, a retraction and an import turn into, as rows to persist."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graph import Entity, Fact, InvalidInput, NotFound, PartialDate, Relation, temporal
from graph.changeset import (
    ChangeSetBuilder,
    End,
    NewEvidence,
    NewVersion,
    Supersede,
    histories,
    stamp,
)
from tests.conftest import MICROSOFT, OPENAI, evidence, fact

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
KNOWN = {MICROSOFT.id, OPENAI.id}


def _no_holders(ends: set[End]) -> None:
    raise AssertionError(f"no succession here, yet asked for {ends}")


def _stored(builder: ChangeSetBuilder, f: Fact, row: int) -> None:
    """``f`` as a backend would load it: its current version and live evidence rows
    (as written: each claiming the fact's dates and qualifiers unless it has its own)."""
    builder.load(f.id, f, row, stamp(NOW - timedelta(days=1)))
    for e in temporal.claimed_evidence(f):
        builder.load_evidence(f.id, e.id, stamp(NOW - timedelta(days=1)), e)


def test_a_new_fact_is_a_first_version_with_its_evidence_rows() -> None:
    f = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019-07", status="active")
    builder = ChangeSetBuilder(NOW)
    builder.load(f.id, None)
    assert builder.add([f, f], [f.id, f.id], KNOWN, _no_holders) == 1  # twice: one fact
    changes = builder.changes()
    [version] = changes.versions
    assert isinstance(version, NewVersion)
    assert (version.fact_id, version.recorded_at, version.superseded_at) == (f.id, NOW, None)
    assert version.fact.valid_from == PartialDate(2019, 7)
    assert [(e.fact_id, e.recorded_at) for e in changes.evidence] == [(f.id, NOW)]
    assert isinstance(changes.evidence[0], NewEvidence)
    assert not (changes.touched or changes.superseded or changes.retracted)


def test_a_statement_that_changes_nothing_tracked_touches_the_stored_version() -> None:
    stored = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019-07")
    again = stored.with_changes(evidence=(evidence("d2", "Microsoft works with OpenAI."),))
    builder = ChangeSetBuilder(NOW)
    _stored(builder, stored, row=7)
    assert builder.add([again], [again.id], KNOWN, _no_holders) == 0
    changes = builder.changes()
    assert [(t.fact_id, t.row) for t in changes.touched] == [(stored.id, 7)]
    assert not changes.versions and not changes.superseded
    assert [e.evidence.document_id for e in changes.evidence] == ["d2"]


def test_a_statement_that_changes_the_dates_supersedes_and_adds_a_version() -> None:
    stored = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019")
    ended = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, None, "2024", doc="d2")
    builder = ChangeSetBuilder(NOW)
    _stored(builder, stored, row=3)
    builder.add([ended], [ended.id], KNOWN, _no_holders)
    changes = builder.changes()
    assert changes.superseded == [Supersede(stored.id, 3)]
    [version] = changes.versions
    assert (version.fact.valid_from, version.fact.valid_to) == (
        PartialDate(2019),
        PartialDate(2024),
    )


def test_holders_are_read_once_at_the_first_succession() -> None:
    org = Entity.named("Marrowgate", "Organization")
    ada, lee = Entity.named("Ada Byrne", "Person"), Entity.named("Lee Ho", "Person")
    earlier = fact(ada, Relation.EXECUTIVE_OF, org, "2018", doc="a", role="CEO")
    later = fact(lee, Relation.EXECUTIVE_OF, org, "2020", doc="b", role="CEO")
    builder = ChangeSetBuilder(NOW)
    builder.load(later.id, None)
    asked: list[set[End]] = []

    def holders(ends: set[End]) -> None:
        asked.append(ends)
        _stored(builder, earlier, row=1)

    builder.add([later], [later.id], {org.id, ada.id, lee.id}, holders)
    assert asked == [{("executive_of", "object", org.id)}]
    changes = builder.changes()
    assert changes.superseded == [Supersede(earlier.id, 1)]
    ends = {v.fact_id: v.fact.valid_to for v in changes.versions}
    assert ends == {later.id: None, earlier.id: PartialDate(2020)}


def test_an_unknown_end_is_refused() -> None:
    f = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI)
    builder = ChangeSetBuilder(NOW)
    builder.load(f.id, None)
    with pytest.raises(InvalidInput, match="unknown entity"):
        builder.add([f], [f.id], {MICROSOFT.id}, _no_holders)


def test_a_retraction_marks_the_evidence_and_derives_again() -> None:
    one, two = evidence("d1", "They partner."), evidence("d2", "They still partner.")
    stored = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI).with_changes(evidence=(one, two))
    builder = ChangeSetBuilder(NOW)
    _stored(builder, stored, row=5)
    result = builder.retract(stored.id, one.id, "wrong document")
    assert [e.document_id for e in result.evidence] == ["d2"] and result.recorded_at == NOW
    changes = builder.changes()
    assert [(r.fact_id, r.evidence_id) for r in changes.retracted] == [(stored.id, one.id)]
    assert [c.reason for c in changes.corrections] == ["wrong document"]
    assert changes.superseded == [Supersede(stored.id, 5)]
    assert len(changes.versions) == 1  # a new version, though dates and status stay
    with pytest.raises(NotFound):
        ChangeSetBuilder(NOW).retract(stored.id, None, "")


def test_an_import_keeps_every_version_and_its_times() -> None:
    first = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019").with_changes(
        recorded_at=NOW - timedelta(days=2), superseded_at=NOW - timedelta(days=1)
    )
    second = first.with_changes(recorded_at=NOW - timedelta(days=1), superseded_at=None)
    by_fact = histories([second, first])
    builder = ChangeSetBuilder(NOW)
    builder.restore(first.id, by_fact[first.id])
    changes = builder.changes()
    assert [(v.recorded_at, v.superseded_at) for v in changes.versions] == [
        (first.recorded_at, first.superseded_at),
        (second.recorded_at, None),
    ]
    assert [e.recorded_at for e in changes.evidence] == [first.recorded_at]  # once per id
    with pytest.raises(InvalidInput, match="no recorded_at"):
        histories([first.with_changes(recorded_at=None)])
