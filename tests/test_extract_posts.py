"""Posts and periods (helper posts): the time and status of a role.

- A post called former ("A, a former president of X", "X's former chief executive A",
  "Former X chief executive A", "A, formerly chief executive of X", "a onetime
  chairman", "a previous chief executive", "the ex-chairman", "the late founder and
  chief executive") is ended, with no end date (the clause's own date, "said on Monday",
  is not the post's); a statement in the same document of holding the post now
  ("will return as CEO", "named ... chief executive again") wins over it.
- A post the text dates to an end before publication ("who ran X until 2020", "led X
  from 2010 to 2018") is ended; an end still ahead ("until 2030") is not.
- A decade or a longer span ("in the 1990s", "since the 1980s", "the early 2000s",
  "during the 2010s", "earlier this decade") is no date the ontology can write: the
  fact gets none, never the publication day.

Sentences are invented for these tests; names are made up so no gazetteer entry helps.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import Document
from loaders.extract import Extractor, timex

PUBLISHED = date(2024, 5, 1)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def role(extractor: Extractor, text: str, person: str, org: str) -> tuple[str, str, str] | None:
    """(valid_from, valid_to, status) of the person's executive_of tie to org, or None."""
    facts = extractor.extract(Document(text, published=PUBLISHED, doc_id="t"))
    for f in facts:
        if f.relation.value == "executive_of" and (f.subject.name, f.object.name) == (person, org):
            return (
                str(f.valid_from or ""),
                str(f.valid_to or ""),
                f.qualifiers.get("status", ""),
            )
    return None


def dated(extractor: Extractor, text: str, relation: str) -> list[str]:
    facts = extractor.extract(Document(text, published=PUBLISHED, doc_id="t"))
    return [str(f.valid_from or "") for f in facts if f.relation.value == relation]


FORMER = [
    "Jana Morel, a former president of Veltra Corp, joined Norrik Labs.",
    "Veltra Corp's former chief executive Jana Morel said prices would rise.",
    "Former Veltra Corp chief executive Jana Morel said prices would rise.",
    "Jana Morel, formerly chief executive of Veltra Corp, said prices would rise.",
    "Jana Morel, a onetime chairman of Veltra Corp, said prices would rise.",
    "Jana Morel, a previous chief executive of Veltra Corp, joined Norrik Labs.",
    "Jana Morel, the ex-chairman of Veltra Corp, joined Norrik Labs.",
    "Jana Morel, the late founder and chief executive of Veltra Corp, was honored.",
    "Jana Morel, a former president of Veltra Corp, said on Monday that prices would rise.",
    "Veltra Corp's former chief executive Jana Morel joined Norrik Labs in March.",
]


@pytest.mark.parametrize("text", FORMER)
def test_former_post_is_ended_without_a_date(extractor: Extractor, text: str) -> None:
    assert role(extractor, text, "Jana Morel", "Veltra Corp") == ("", "", "ended")


CURRENT = [
    # the person holds the post now: no ending, whatever the phrasing
    ("Jana Morel, the chief executive of Veltra Corp, said prices would rise.", ""),
    ("Veltra Corp's interim chief executive Jana Morel said prices would rise.", ""),
    ("Veltra Corp's outgoing chief executive Jana Morel said prices would rise.", ""),
    ("Veltra Corp's chief executive Jana Morel said late on Monday that prices would rise.", ""),
    ("Jana Morel, the founder and chief executive of Veltra Corp, said prices would rise.", ""),
    # a former post beside a return: the new term wins, and is not ended
    (
        "Veltra Corp's former CEO Jana Morel will return as CEO in June, the company said.",
        "2024-06",
    ),
    (
        "Veltra Corp named Jana Morel, its former chief executive, as chief executive again.",
        "2024-05-01",
    ),
    (
        "Veltra Corp's former chief executive Jana Morel has been named chief executive"
        " again. Morel will start on Monday.",
        "2024-05-06",
    ),
]


@pytest.mark.parametrize(("text", "start"), CURRENT)
def test_current_post_is_not_ended(extractor: Extractor, text: str, start: str) -> None:
    assert role(extractor, text, "Jana Morel", "Veltra Corp") == (start, "", "")


PAST_END = [
    ("Jana Morel, who led Veltra Corp from 2010 to 2018, said prices would rise.", "2010", "2018"),
    ("Jana Morel, who ran Veltra Corp until 2020, said prices would rise.", "", "2020"),
    (
        "Jana Morel, who was chief executive of Veltra Corp until March, said prices would rise.",
        "",
        "2024-03",
    ),
]


@pytest.mark.parametrize(("text", "start", "end"), PAST_END)
def test_post_dated_to_a_past_end_is_ended(
    extractor: Extractor, text: str, start: str, end: str
) -> None:
    assert role(extractor, text, "Jana Morel", "Veltra Corp") == (start, end, "ended")


def test_post_ending_ahead_is_not_ended(extractor: Extractor) -> None:
    text = "Jana Morel will remain chief executive of Veltra Corp until the end of the year."
    found = role(extractor, text, "Jana Morel", "Veltra Corp")
    assert found is not None and found[2] == ""


PERIODS = [
    ("Norrik Labs became a major competitor to Veltra Corp in the 1990s.", "competes_with"),
    ("Norrik Labs has been a rival of Veltra Corp since the 1980s.", "competes_with"),
    ("Norrik Labs began supplying chips to Veltra Corp in the early 2000s.", "supplies"),
    ("Norrik Labs partnered with Veltra Corp during the 2010s.", "partners_with"),
    ("Norrik Labs acquired Halvard Cloud in the late 1990s.", "acquires"),
    ("Norrik Labs has partnered with Veltra Corp since earlier this decade.", "partners_with"),
]


@pytest.mark.parametrize(("text", "relation"), PERIODS)
def test_decade_gives_no_date(extractor: Extractor, text: str, relation: str) -> None:
    assert dated(extractor, text, relation) == [""]


DATED = [
    ("Norrik Labs became a major competitor to Veltra Corp in 2019.", "competes_with", "2019"),
    ("Norrik Labs acquired Halvard Cloud in 1998.", "acquires", "1998"),
    ("Norrik Labs acquired Halvard Cloud three decades ago.", "acquires", "1994"),
    ("Norrik Labs acquired Halvard Cloud late last year.", "acquires", "2023"),
]


@pytest.mark.parametrize(("text", "relation", "when"), DATED)
def test_years_still_date(extractor: Extractor, text: str, relation: str, when: str) -> None:
    assert dated(extractor, text, relation) == [when]


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("the 1990s", True),
        ("the early 2000s", True),
        ("the '80s", True),
        ("earlier this decade", True),
        ("1990", False),
        ("late 2019", False),
        ("last year", False),
    ],
)
def test_vague_period(text: str, vague: bool) -> None:
    assert timex.vague_period(text) is vague


@pytest.mark.parametrize("text", ["two-decade", "decade-long", "a decade", "three decades"])
def test_a_length_is_not_a_vague_period(text: str) -> None:
    assert not timex.vague_period(text)
