"""The trusted read path: ``Fact.stored``/``Evidence.stored`` and SQLite's one-query lookup.

Rows read back from a store skip re-validation and re-hashing; these tests pin
that what comes back is the same as the ordinary constructors and the
protocol-only path give, and that input still goes through validation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import MappingProxyType

import pytest

from graph import Batch, Evidence, Fact, FactPattern, InvalidInput, PartialDate, Relation, queries
from graph.stores.sqlite import SQLiteStore
from tests.conftest import MAI, MICROSOFT, MICROSOFT_AI, NVIDIA, OPENAI, SULEYMAN, fact


def _evidence(doc: str, published: date | None, sentence: str = "They said so.") -> Evidence:
    return Evidence(doc, sentence, 0, len(sentence), f"https://example.org/{doc}", published)


def test_stored_constructors_give_the_same_objects_as_the_ordinary_ones() -> None:
    ev = Evidence(
        "d1", "s", 0, 1, "u", date(2025, 1, 2), "x", 0.5, PartialDate(2025), None, {"role": "ceo"}
    )
    same_ev = Evidence.stored(
        "d1", "s", 0, 1, "u", date(2025, 1, 2), "x", 0.5, PartialDate(2025), None,
        MappingProxyType({"role": "ceo"}), False,
    )  # fmt: skip
    assert type(same_ev) is Evidence and same_ev == ev and same_ev.id == ev.id
    f = Fact("openai", "partners_with", "microsoft", PartialDate(2019, 7), evidence=(ev,))
    same = Fact.stored(
        "microsoft", Relation.PARTNERS_WITH, "openai", PartialDate(2019, 7), None,
        MappingProxyType({}), None, None, None, 1.0, (same_ev,),
    )  # fmt: skip
    assert type(same) is Fact and same == f and same.id == f.id and repr(same) == repr(f)
    with pytest.raises(dataclasses.FrozenInstanceError):
        same.subject = "nvidia"
    # Changing a stored fact goes through the ordinary, validating constructor.
    with pytest.raises(InvalidInput):
        same.with_changes(object="microsoft")


def test_input_is_still_validated() -> None:
    with pytest.raises(InvalidInput):
        Fact("microsoft", Relation.USES, "microsoft")
    with pytest.raises(InvalidInput):
        Fact("microsoft", Relation.USES, "mai", qualifiers={"colour": "blue"})
    with pytest.raises(InvalidInput):
        Evidence("d1", "s", confidence=2.0)


class _ProtocolOnly:
    """The store seen through the protocol alone: no ``find_facts_of`` fast path."""

    def __init__(self, inner: SQLiteStore) -> None:
        self._inner = inner

    def find_facts(self, pattern: FactPattern) -> Iterator[Fact]:
        return self._inner.find_facts(pattern)


@pytest.fixture(params=["file", "memory"])
def sqlite(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SQLiteStore]:
    s = SQLiteStore(tmp_path / "read.db" if request.param == "file" else ":memory:")
    yield s
    s.close()


def test_one_query_lookup_answers_as_the_protocol_path_does(sqlite: SQLiteStore) -> None:
    partners = fact(OPENAI, Relation.PARTNERS_WITH, MICROSOFT, "2019-07", status="strained")
    sqlite.write(
        Batch(
            (MICROSOFT, OPENAI, NVIDIA, SULEYMAN, MICROSOFT_AI, MAI),
            (
                # Several pieces of evidence, out of date order, two on the same day.
                partners.with_changes(
                    evidence=(
                        _evidence("b", date(2023, 1, 5)),
                        _evidence("a", None),
                        _evidence("c", date(2020, 2, 1), "Same day, one."),
                        _evidence("d", date(2020, 2, 1), "Same day, two."),
                    )
                ),
                fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, "2019", amount="1000000000"),
                fact(SULEYMAN, Relation.EXECUTIVE_OF, MICROSOFT_AI, "2024-03", role="CEO"),
                fact(MICROSOFT_AI, Relation.DEVELOPS, MAI, "2025-08"),
                fact(MICROSOFT, Relation.COMPETES_WITH, NVIDIA, "2020", "2022"),
            ),
        )
    )
    between = datetime.now(UTC)
    sqlite.write(Batch((), (fact(MICROSOFT, Relation.USES, MAI, "2025-09", doc="later"),)))
    [invests] = sqlite.find_facts(FactPattern(relation=Relation.INVESTS_IN))
    sqlite.retract(invests.id, invests.evidence[0].id, "wrong")
    plain = _ProtocolOnly(sqlite)
    cases: list[dict] = [
        {"as_of": date(2021, 6, 1)},
        {"as_of": date(2025, 9, 11)},
        {"as_of": queries.ANY_TIME},
        {"as_of": queries.ANY_TIME, "known_at": between},
        {"as_of": queries.ANY_TIME, "relation": Relation.PARTNERS_WITH},
        {"as_of": queries.ANY_TIME, "direction": "in"},
        {"as_of": queries.ANY_TIME, "direction": "out", "limit": 2},
    ]
    for entity in ("microsoft", "openai", "mai-1-preview", "nvidia"):
        for case in cases:
            fast = queries.relations(sqlite, entity, **case)
            assert fast == queries.relations(plain, entity, **case), (entity, case)
    [p] = queries.relations(
        sqlite, "openai", as_of=queries.ANY_TIME, relation=Relation.PARTNERS_WITH
    )
    # Unknown publication first, then by date (same-day ties as the protocol path has them).
    docs = [e.document_id for e in p.evidence]
    assert docs[0] == "a" and sorted(docs[1:3]) == ["c", "d"] and docs[3] == "b"
    assert p.qualifiers == {"status": "strained"}
    assert isinstance(p.qualifiers, MappingProxyType)
