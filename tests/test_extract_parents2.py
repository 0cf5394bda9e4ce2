"""Parents, second round (helper parents): how a unit's parent is written apart from the
unit, and when a sale of a unit ends the tie.

Mechanisms covered:

* a sale or purchase of a unit written with a unit noun ("sold its X unit to Z", "Z
  bought Y's division, X") or with "from" ("Z bought X from Y") ends X's tie to its
  seller once done; a sale agreed, planned or under way ("agreed to sell", "will buy",
  "is selling") leaves it open; a stake bought from a holder says nothing of a parent;
* a description set off with "in turn" ("Y, in turn a unit of Z"), which the parser
  hangs on the clause;
* a description hung on the place after the unit's name ("X in Rotterdam, a
  subsidiary of Y");
* a name in front of a unit noun whose owner an "of" phrase names ("the X unit of Y");
* a possessed unit noun before a comma and a name the parser hung elsewhere ("on the
  board of its subsidiary, the X Corp.");
* a sentence-opening "Parent" before a company's name describes it;
* names NER took for places, listed with a company as the object of "own", are
  companies ("X owns A FC and B City").

Precision: a possessive of a person or a rival is no parent; a people or place word in
front of a unit noun is no name.

Sentences are invented for these tests; names are made up so no gazetteer entry helps.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import Document
from loaders.extract import ExtractedFact, Extractor

PUBLISHED = date(2024, 5, 1)
SUB = "subsidiary_of"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def facts_of(extractor: Extractor, text: str) -> list[ExtractedFact]:
    return extractor.extract(Document(text, published=PUBLISHED, doc_id="t"))


def parents(facts: list[ExtractedFact]) -> set[tuple[str, str]]:
    return {(f.subject.name, f.object.name) for f in facts if f.relation.value == SUB}


def ended(facts: list[ExtractedFact]) -> dict[tuple[str, str], bool]:
    return {
        (f.subject.name, f.object.name): f.qualifiers.get("status") == "ended"
        for f in facts
        if f.relation.value == SUB
    }


@pytest.mark.parametrize(
    ("text", "pair", "is_ended", "valid_to"),
    [
        # a unit noun the seller possesses, with the name in front or set beside it
        (
            "Veltra Corp sold its Norrik Labs unit to Quillon Energy in 2019.",
            ("Norrik Labs", "Veltra Corp"),
            True,
            "2019",
        ),
        (
            "Veltra Corp sold its Norrik Labs subsidiary last year.",
            ("Norrik Labs", "Veltra Corp"),
            True,
            None,
        ),
        (
            "Quillon Energy bought Veltra Corp's software division, Norrik Labs, in March.",
            ("Norrik Labs", "Veltra Corp"),
            True,
            "2024-03",
        ),
        # the seller named with "from"
        (
            "Quillon Energy bought Norrik Labs from Veltra Corp in 2019.",
            ("Norrik Labs", "Veltra Corp"),
            True,
            "2019",
        ),
        (
            "In 2021 Quillon Energy purchased Norrik Labs from Veltra Group.",
            ("Norrik Labs", "Veltra Group"),
            True,
            "2021",
        ),
        # a sale agreed, planned or under way: the unit is still the seller's
        (
            "Veltra Corp agreed to sell its Norrik Labs unit to Quillon Energy.",
            ("Norrik Labs", "Veltra Corp"),
            False,
            None,
        ),
        (
            "Veltra Corp will sell its Norrik Labs division.",
            ("Norrik Labs", "Veltra Corp"),
            False,
            None,
        ),
        (
            "Veltra Corp is selling its software unit, Norrik Labs, to Quillon Energy for"
            " $1 billion.",
            ("Norrik Labs", "Veltra Corp"),
            False,
            None,
        ),
        (
            "Veltra Corp is selling Norrik Labs to Quillon Energy for $1 billion.",
            ("Norrik Labs", "Veltra Corp"),
            False,
            None,
        ),
        (
            "Quillon Energy agreed to buy Veltra Corp's Japanese phone unit, Norrik Mobile,"
            " for about $15 billion.",
            ("Norrik Mobile", "Veltra Corp"),
            False,
            None,
        ),
        (
            "Quillon Energy will acquire Norrik Labs from Veltra Corp for $3 billion.",
            ("Norrik Labs", "Veltra Corp"),
            False,
            None,
        ),
    ],
)
def test_a_unit_sold_leaves_its_parent_once_the_sale_is_done(
    extractor: Extractor,
    text: str,
    pair: tuple[str, str],
    is_ended: bool,
    valid_to: str | None,
) -> None:
    facts = facts_of(extractor, text)
    assert ended(facts) == {pair: is_ended}
    if valid_to is not None:
        fact = next(f for f in facts if f.relation.value == SUB)
        assert str(fact.valid_to) == valid_to


@pytest.mark.parametrize(
    "text",
    [
        "Quillon Energy agreed to buy a 24% stake in Norrik Labs from Veltra Corp.",
        "Quillon Energy bought shares of Norrik Labs from Veltra Corp last week.",
    ],
)
def test_a_stake_bought_from_a_holder_names_no_parent(extractor: Extractor, text: str) -> None:
    assert parents(facts_of(extractor, text)) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "in turn" sets off the description of the parent's own parent
        (
            "Norrik Labs Ltd is a subsidiary of Halvard Cloud Ltd, in turn a wholly-owned"
            " subsidiary of Veltra Group.",
            {("Norrik Labs Ltd", "Halvard Cloud Ltd"), ("Halvard Cloud Ltd", "Veltra Group")},
        ),
        (
            "Norrik Labs operates as a unit of Halvard Cloud, in turn a division of Veltra Group.",
            {("Norrik Labs", "Halvard Cloud"), ("Halvard Cloud", "Veltra Group")},
        ),
        ("Norrik Labs sold its stake to Halvard Cloud, in turn a rival of Veltra Group.", set()),
        # a description hung on the place after the unit's name
        (
            "Anna Berg became president of Norrik Holding in Rotterdam, a subsidiary of"
            " Veltra Coal in Essen, Germany, in 1999.",
            {("Norrik Holding", "Veltra Coal")},
        ),
        (
            "Norrik Holding in Rotterdam, a unit of Veltra Corp, cut 200 jobs.",
            {("Norrik Holding", "Veltra Corp")},
        ),
        (
            "Norrik Labs in Austin, a division of Veltra Corp, makes chips.",
            {("Norrik Labs", "Veltra Corp")},
        ),
        ("Veltra Corp opened a plant in Rotterdam, a city in the Netherlands.", set()),
        # a name in front of a unit noun whose owner an "of" phrase names
        (
            "The station is owned by the Norrik Stations subsidiary of Veltra Corporation.",
            {("Norrik Stations", "Veltra Corporation")},
        ),
        (
            "The Norrik Labs unit of Veltra Corp said sales rose.",
            {("Norrik Labs", "Veltra Corp")},
        ),
        (
            "Anna Berg ran the Norrik Labs division of Veltra Corp for a decade.",
            {("Norrik Labs", "Veltra Corp")},
        ),
        # a one-word people or person word in front is no name
        ("Anna Berg co-founded the Bavarian branch of the popular party Veltra.", set()),
        # a possessed unit noun before a comma and a name the parser hung elsewhere
        (
            "Anna Berg served on the board of Veltra Corp and also served on the board of"
            " its subsidiary, the Norrik Investment Corp.",
            {("Norrik Investment Corp.", "Veltra Corp")},
        ),
        (
            "Anna Berg worked at Veltra Corp and later ran its subsidiary, Norrik Labs.",
            {("Norrik Labs", "Veltra Corp")},
        ),
        ("Veltra Corp cut jobs at its subsidiary, Norrik Labs said.", set()),
        # a sentence-opening "Parent" describes the company named after it
        (
            "Parent Norrik Foods is controlled by the Veltra Dairy Board.",
            {("Norrik Foods", "Veltra Dairy Board")},
        ),
        # names NER took for places, listed with a company as what a company owns
        (
            "Veltra Group owns Norrik FC, Orvane City and Kestrel United.",
            {
                ("Norrik FC", "Veltra Group"),
                ("Orvane City", "Veltra Group"),
                ("Kestrel United", "Veltra Group"),
            },
        ),
        (
            "Veltra Group, whose chief executive is Anna Berg, also owns Norrik FC and Orvane"
            " City.",
            {("Norrik FC", "Veltra Group"), ("Orvane City", "Veltra Group")},
        ),
        (
            "Veltra Group owns Norrik Labs and land in Kansas City.",
            {("Norrik Labs", "Veltra Group")},
        ),
        # possessives that name no parent
        ("Veltra Corp's rival Norrik Labs said on Monday it would cut jobs.", set()),
        ("Anna Berg's Norrik Labs said on Monday it would cut jobs.", set()),
    ],
)
def test_a_parent_written_apart_from_its_unit(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert parents(facts_of(extractor, text)) == expected
