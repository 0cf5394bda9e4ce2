"""The model: dates at their precision, closed vocabularies, canonical symmetric facts."""

from __future__ import annotations

from datetime import date

import pytest

from graph import Entity, Fact, InvalidInput, PartialDate, Precision, Relation
from graph.model import slugify
from graph.temporal import earliest_start, latest_end, merge, with_claims
from tests.conftest import MICROSOFT, OPENAI, evidence, fact


@pytest.mark.parametrize(
    ("text", "precision", "first", "end"),
    [
        ("2025", Precision.YEAR, date(2025, 1, 1), date(2026, 1, 1)),
        ("2025-08", Precision.MONTH, date(2025, 8, 1), date(2025, 9, 1)),
        ("2024-02-29", Precision.DAY, date(2024, 2, 29), date(2024, 3, 1)),
        ("2025-12", Precision.MONTH, date(2025, 12, 1), date(2026, 1, 1)),
    ],
)
def test_partial_dates_keep_their_precision(
    text: str, precision: Precision, first: date, end: date
) -> None:
    d = PartialDate.parse(text)
    assert (d.precision, d.first_day(), d.end_day(), d.isoformat()) == (precision, first, end, text)


@pytest.mark.parametrize(
    "bad", ["2025-13", "2025-02-30", "25-01", "2025/08", "August 2025", "", "0000"]
)
def test_bad_dates_are_refused_with_the_value(bad: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        PartialDate.parse(bad)
    assert caught.value.message


def test_unknown_relation_names_the_allowed_ones() -> None:
    with pytest.raises(InvalidInput, match="partners_with"):
        Relation.parse("befriends")


def test_symmetric_facts_have_one_canonical_order() -> None:
    a = fact(OPENAI, Relation.PARTNERS_WITH, MICROSOFT)
    b = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI)
    assert (a.subject, a.object) == ("microsoft", "openai")
    assert a.id == b.id
    assert (
        fact(OPENAI, Relation.INVESTS_IN, MICROSOFT).id
        != fact(MICROSOFT, Relation.INVESTS_IN, OPENAI).id
    )


def test_fact_validation() -> None:
    with pytest.raises(InvalidInput, match="itself"):
        Fact("a", Relation.USES, "a")
    with pytest.raises(InvalidInput, match="qualifier"):
        Fact("a", Relation.USES, "b", qualifiers={"mood": "happy"})
    with pytest.raises(InvalidInput, match="status"):
        Fact("a", Relation.USES, "b", qualifiers={"status": "sleepy"})
    with pytest.raises(InvalidInput, match="before"):
        Fact("a", Relation.USES, "b", valid_from=PartialDate(2020), valid_to=PartialDate(2019))
    with pytest.raises(InvalidInput, match="confidence"):
        Fact("a", Relation.USES, "b", confidence=1.5)


def test_holds_at_half_open() -> None:
    f = Fact("a", Relation.USES, "b", valid_from=PartialDate(2020, 3), valid_to=PartialDate(2021))
    assert not f.holds_at(date(2020, 2, 29))
    assert f.holds_at(date(2020, 3, 1)) and f.holds_at(date(2020, 12, 31))
    assert not f.holds_at(date(2021, 1, 1))


def test_merge_rules() -> None:
    assert earliest_start(PartialDate(2025), PartialDate(2025, 8)) == PartialDate(2025, 8)
    assert earliest_start(PartialDate(2019), PartialDate(2023, 1)) == PartialDate(2019)
    assert earliest_start(None, PartialDate(2019)) == PartialDate(2019)
    assert latest_end(PartialDate(2023), PartialDate(2024, 5)) == PartialDate(2024, 5)
    assert latest_end(PartialDate(2023, 2), PartialDate(2023)) == PartialDate(2023, 2)
    old = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019", status="active")
    old = with_claims(old.with_changes(stated_at=date(2019, 7, 22), confidence=0.5))
    new = Fact(
        "openai",
        Relation.PARTNERS_WITH,
        "microsoft",
        valid_from=PartialDate(2019, 7),
        qualifiers={"status": "strained", "role": "x"},
        stated_at=date(2025, 9, 11),
        confidence=0.5,
        evidence=(evidence("d2", "Strained."),),
    )
    merged = merge(old, new)
    assert merged.valid_from == PartialDate(2019, 7)
    assert merged.qualifiers["status"] == "strained"
    assert merged.stated_at == date(2019, 7, 22)
    assert merged.confidence == 0.75
    assert len(merged.evidence) == 2
    assert merge(merged, new).confidence == 0.75  # the same evidence again adds nothing


def test_slugs_are_stable_and_never_empty() -> None:
    assert slugify("Microsoft AI") == "microsoft-ai"
    assert slugify("AT&T") == "at-and-t"
    assert slugify("Nvidia H100") == "nvidia-h100"
    assert slugify("!!!").startswith("e-")
    assert Entity.named("  OpenAI ", "Organization", ["OpenAI", "Open AI"]).aliases == ("Open AI",)
