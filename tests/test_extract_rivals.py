"""Rivals and owners (helper rivals): goods named as a rival stand for their makers, a
deal that creates a rival makes its buyer that rival, a rival making a move is the
rival of the sentence's other company, contests written as "pit X against Y" or
"challenge Y's dominance", and an owner noun held by a person or an investor.

Sentences are invented for these tests; names are made up so no gazetteer entry helps.
"""

from __future__ import annotations

import pytest

from loaders.extract import Extractor
from tests.extract_util import Triple, triples


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def area(found: set[Triple]) -> set[Triple]:
    return {t for t in found if t[1] in {"competes_with", "invests_in"}}


RIVALS: list[tuple[str, set[Triple]]] = [
    # goods named as a rival stand for their makers
    (
        "Norvik's Vela tablet will compete with Baltas's Helix.",
        {("Baltas", "competes_with", "Norvik")},
    ),
    (
        "Norvik will compete with Baltas's Helix cloud service.",
        {("Baltas", "competes_with", "Norvik")},
    ),
    # a deal that creates a rival makes its buyer that rival
    (
        "Norvik agreed to buy Orsa for $2 billion, creating a stronger rival to Baltas.",
        {("Baltas", "competes_with", "Norvik")},
    ),
    (
        "Norvik agreed on Tuesday to buy Orsa in a deal that creates a shipping giant to"
        " rival Baltas and Kestrel.",
        {("Baltas", "competes_with", "Norvik"), ("Kestrel", "competes_with", "Norvik")},
    ),
    (
        "Norvik agreed to buy Orsa for $2 billion. The deal creates a stronger rival to Baltas.",
        {("Baltas", "competes_with", "Norvik")},
    ),
    (
        "Norvik's purchase of Orsa creates a stronger rival to Baltas.",
        {("Baltas", "competes_with", "Norvik")},
    ),
    # a rival making or taking a move is the rival of the sentence's other company
    (
        "Orsa agreed to be bought by rival Norvik for $3 billion.",
        {("Norvik", "competes_with", "Orsa")},
    ),
    (
        "Kestrel rejected a takeover offer from rival Dunmore Corp.",
        {("Dunmore Corp.", "competes_with", "Kestrel")},
    ),
    (
        "Norvik, like rival Baltas Group, cut its forecast on Tuesday.",
        {("Baltas Group", "competes_with", "Norvik")},
    ),
    # a rival named by a modifier holds whatever the clause says happened
    (
        "Unlike rival Baltas Group, Norvik did not cut its forecast.",
        {("Baltas Group", "competes_with", "Norvik")},
    ),
    (
        "Norvik could buy rival Baltas Group, analysts said.",
        {("Baltas Group", "competes_with", "Norvik")},
    ),
    ("Norvik denied that it would compete with Baltas Group.", set()),
    # an unnamed rival its owner takes over is the company the sentence has it buy
    (
        "Norvik agreed on Monday to buy Orsa, the third time it has tried to acquire its"
        " closest rival.",
        {("Norvik", "competes_with", "Orsa")},
    ),
    ("Norvik agreed to buy Orsa for $4 billion, its first attempt to merge with a rival.", set()),
    # contests
    (
        "The launch pits Norvik against Baltas Group in the market for budget phones.",
        {("Baltas Group", "competes_with", "Norvik")},
    ),
    (
        "The tender pits Norvik against Baltas Group and Kestrel.",
        {("Baltas Group", "competes_with", "Norvik"), ("Kestrel", "competes_with", "Norvik")},
    ),
    (
        "Norvik wants to challenge Baltas Group's dominance in search.",
        {("Baltas Group", "competes_with", "Norvik")},
    ),
    (
        "Norvik and Baltas Group are vying for the same customers.",
        {("Baltas Group", "competes_with", "Norvik")},
    ),
    (
        "Regulators fined rivals Norvik Corp and Baltas Group for fixing prices.",
        {("Baltas Group", "competes_with", "Norvik Corp")},
    ),
    # a named rival of several subjects is each one's rival, not the subjects each other's
    (
        "Norvik and Baltas compete with Orsa, their common rival.",
        {("Norvik", "competes_with", "Orsa"), ("Baltas", "competes_with", "Orsa")},
    ),
    ("Norvik and Baltas compete in the truck market.", {("Baltas", "competes_with", "Norvik")}),
    # owners
    (
        "The sale ends Ivan Morrow's ten years as owner of Norvik.",
        {("Ivan Morrow", "invests_in", "Norvik")},
    ),
    (
        "Norvik's owner, Ivan Morrow, put the company up for sale.",
        {("Ivan Morrow", "invests_in", "Norvik")},
    ),
    ("Norvik owner Ivan Morrow said he would not sell.", {("Ivan Morrow", "invests_in", "Norvik")}),
    (
        "Norvik's owner, private-equity firm Baltas Capital, put the company up for sale.",
        {("Baltas Capital", "invests_in", "Norvik")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), RIVALS)
def test_rivals_and_owners(extractor: Extractor, text: str, expected: set[Triple]) -> None:
    assert area(triples(extractor, text)) == expected


def test_goods_are_no_rivals(extractor: Extractor) -> None:
    found = triples(extractor, "Norvik's Vela tablet will compete with Baltas's Helix.")
    assert ("Norvik", "develops", "Vela") in found
    assert not {t for t in found if t[1] == "competes_with" and {"Vela", "Helix"} & {t[0], t[2]}}
    assert ("Helix", "subsidiary_of", "Baltas") not in found


def test_the_bought_company_is_not_made_a_rival(extractor: Extractor) -> None:
    found = triples(extractor, "Norvik's purchase of Orsa creates a stronger rival to Baltas.")
    assert ("Norvik", "acquires", "Orsa") in found
    assert ("Baltas", "competes_with", "Orsa") not in found


@pytest.mark.parametrize(
    "text",
    [
        "Norvik's share price has lagged Baltas Group's this year.",
        "Norvik shares outperformed Baltas shares on Monday.",
        "Unlike Baltas Group, Norvik did not cut its forecast.",
        "Norvik, a customer of Baltas, said it would raise prices.",
        "Norvik and Baltas signed a partnership to develop batteries.",
        "Ella Brandt, the owner of the building, sold it to Norvik.",
    ],
)
def test_no_rivalry_or_ownership(extractor: Extractor, text: str) -> None:
    assert area(triples(extractor, text)) == set()


def test_a_company_owner_is_a_parent_not_an_investor(extractor: Extractor) -> None:
    found = triples(extractor, "Norvik's owner Baltas Group is seeking a buyer.")
    assert ("Norvik", "subsidiary_of", "Baltas Group") in found
    assert ("Baltas Group", "invests_in", "Norvik") not in found
