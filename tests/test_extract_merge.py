"""Merging the statements of one fact within one document, at every mix of date precisions.

The ontology's rule (README "What a fact is"): the start is the earliest the
statements support, refined by finer dates ("2025" then "2025-08-28" gives
2025-08-28); the end is the latest, refined likewise. A year-only date next
to a full one used to crash the whole batch (``None < int`` in ``_merge``).
"""

from __future__ import annotations

import itertools
import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.model import Document, EntityType, PartialDate, Relation
from loaders.extract import Extractor
from loaders.extract.facts import merged_end, merged_start, to_facts
from loaders.extract.types import Candidate, Mention

ORG = EntityType.ORGANIZATION


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    """A date at year, month or day precision, in a few close years so they collide."""
    year = draw(st.integers(2023, 2025))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month)
    return PartialDate(year, month, draw(st.integers(1, 28)))


def _finest(dates: list[PartialDate]) -> list[PartialDate]:
    """The dates no other (different) date refines: "2025" goes when "2025-08" is there."""
    return [d for d in dates if not any(e != d and d.contains(e) for e in dates)]


def expected_start(dates: list[PartialDate]) -> PartialDate:
    return min(_finest(dates), key=lambda d: (d.first_day(), d.last_day()))


def expected_end(dates: list[PartialDate]) -> PartialDate:
    return max(_finest(dates), key=lambda d: (d.last_day(), d.first_day()))


@pytest.mark.parametrize(
    ("dates", "start", "end"),
    [
        (["2025", "2025-01-17"], "2025-01-17", "2025-01-17"),
        (["2025-01-17", "2025"], "2025-01-17", "2025-01-17"),
        (["2024", "2024-05"], "2024-05", "2024-05"),
        (["2024-05", "2024-05-02"], "2024-05-02", "2024-05-02"),
        (["2025", "2025"], "2025", "2025"),
        (["2019", "2025-08"], "2019", "2025-08"),
        (["2025", "2025-08", "2025-03"], "2025-03", "2025-08"),
        (["2024-12-31", "2025", "2024"], "2024-12-31", "2025"),
    ],
)
def test_every_mix_of_precisions_merges(dates: list[str], start: str, end: str) -> None:
    parsed = [PartialDate.parse(d) for d in dates]
    assert str(merged_start(parsed)) == start
    assert str(merged_end(parsed)) == end
    assert merged_start([]) is None and merged_end([]) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(partial_dates(), min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_merge_is_the_earliest_finest_date_in_any_order(
    dates: list[PartialDate], rnd: random.Random
) -> None:
    start, end = merged_start(dates), merged_end(dates)
    assert start == expected_start(dates)
    assert end == expected_end(dates)
    shuffled = dates[:]
    rnd.shuffle(shuffled)
    assert (merged_start(shuffled), merged_end(shuffled)) == (start, end)


def _mention(name: str, start: int) -> Mention:
    return Mention(start, start + 1, name, ORG, "gazetteer")


statement = st.fixed_dictionaries(
    {
        "sent": st.integers(0, 3),
        "valid_from": st.none() | partial_dates(),
        "valid_to": st.none() | partial_dates(),
        "ending": st.booleans(),
        "dated": st.booleans(),
        "status": st.sampled_from([None, "announced", "active", "ended"]),
    }
)


@settings(max_examples=300, deadline=None)
@given(st.lists(statement, min_size=1, max_size=6))
def test_fact_building_accepts_any_dates(rows: list[dict[str, object]]) -> None:
    """The extractor's last stage, fed statements of one triple with any dates."""
    text = "Acme bought Beta. Acme owns Beta. Beta is Acme's. Acme, Beta."
    sentences = [(0, 18), (18, 33), (33, 50), (50, len(text))]
    document = Document(text, doc_id="d", published=date(2025, 9, 11))

    def candidates() -> list[Candidate]:
        out = []
        for row in rows:
            c = Candidate(
                subject=_mention("Acme", 0),
                relation=Relation.ACQUIRES,
                object=_mention("Beta", 2),
                sent_index=row["sent"],  # type: ignore[arg-type]
                trigger=1,
                confidence=0.8,
                valid_from=row["valid_from"],  # type: ignore[arg-type]
                valid_to=row["valid_to"],  # type: ignore[arg-type]
                ending=bool(row["ending"]),
                dated=bool(row["dated"]),
            )
            if row["status"]:
                c.qualifiers["status"] = str(row["status"])
            out.append(c)
        return out

    facts = to_facts(document, sentences, candidates(), "test")
    assert len(facts) == len({r["sent"] for r in rows})  # one per sentence stating it
    assert len({(f.valid_from, f.valid_to) for f in facts}) == 1  # shared by the document
    fact = facts[0]
    froms = {r["valid_from"] for r in rows} - {None}
    tos = {r["valid_to"] for r in rows} - {None}
    assert fact.valid_from is None or fact.valid_from in froms
    assert fact.valid_to is None or fact.valid_to in tos
    if tos:
        assert fact.valid_to is not None
    if fact.valid_from is not None and fact.valid_to is not None:
        assert fact.valid_from.first_day() < fact.valid_to.end_day()
    for f in facts:
        assert text[f.start : f.end] == f.sentence and f.sentence == f.sentence.strip()
    for order in itertools.islice(itertools.permutations(range(len(rows))), 6):
        again = to_facts(document, sentences, [candidates()[i] for i in order], "test")
        assert {(f.valid_from, f.valid_to) for f in again} == {(fact.valid_from, fact.valid_to)}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


PHRASES = {
    "year": ("in {y}", lambda y, m, d: PartialDate(y)),
    "month": ("in {month} {y}", lambda y, m, d: PartialDate(y, m)),
    "day": ("on {month} {d}, {y}", lambda y, m, d: PartialDate(y, m, d)),
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(PHRASES)),
            st.integers(2021, 2024),
            st.integers(1, 12),
            st.integers(1, 28),
        ),
        min_size=2,
        max_size=4,
    )
)
def test_an_article_dating_one_deal_at_several_precisions(
    extractor: Extractor, dated: list[tuple[str, int, int, int]]
) -> None:
    """End to end: "Velde Microsystems acquired Orrin Labs in 2023 … on June 3, 2023 …"."""
    sentences, stated = [], []
    for precision, y, m, d in dated:
        phrase, make = PHRASES[precision]
        when = phrase.format(y=y, month=MONTHS[m - 1], d=d)
        sentences.append(f"Velde Microsystems acquired Orrin Labs {when}.")
        stated.append(make(y, m, d))
    text = " ".join(sentences)
    facts = extractor.extract(Document(text, doc_id="v", published=date(2025, 9, 11)))
    deal = [f for f in facts if f.relation is Relation.ACQUIRES]
    assert deal, facts
    assert {f.valid_from for f in deal} == {expected_start(stated)}
    for f in facts:
        assert text[f.start : f.end] == f.sentence
