"""Parents and founders (helper parents): how a unit's parent company and a company's
founders are written in company pages, bios, reference leads and news.

Names are invented so no gazetteer entry helps. Each case lists the ``subsidiary_of``
and ``founded`` facts it must yield, exactly: any other fact of those two relations is
a wrong one.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import Document
from loaders.extract import ExtractedFact, Extractor

PUBLISHED = date(2024, 5, 1)
MINE = {"subsidiary_of", "founded"}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def facts_of(extractor: Extractor, text: str, dated: bool = True) -> list[ExtractedFact]:
    published = PUBLISHED if dated else None
    return extractor.extract(Document(text, published=published, doc_id="t"))


def mine(facts: list[ExtractedFact]) -> set[tuple[str, str, str]]:
    return {
        (f.subject.name, f.relation.value, f.object.name) for f in facts if f.relation.value in MINE
    }


SUB = "subsidiary_of"
FOUNDED = "founded"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a parent written as a bare title before its name, in a phrase of the clause
        (
            "Supported by parent company Baltas Group, Norvik has more than 130 stores.",
            {("Norvik", SUB, "Baltas Group")},
        ),
        (
            "Norvik wants to raise capital for parent company Baltas Group.",
            {("Norvik", SUB, "Baltas Group")},
        ),
        # the sentence's other company is no subject: it says nothing of whose parent
        ("Analysts at Kestrel said parent company Baltas Group would lose money.", set()),
        # a company that operates a named company holds it
        (
            "Baltas Group also operated the retailer Norvik until 2004.",
            {("Norvik", SUB, "Baltas Group")},
        ),
        (
            "Its Norvik Retail division operates Kestrel Foods and Dallow Markets.",
            {("Kestrel Foods", SUB, "Norvik Retail"), ("Dallow Markets", SUB, "Norvik Retail")},
        ),
        ("Baltas Group operates flights to Riga and Vilnius.", set()),
        # a regional arm named as a company of the text with a place after it
        (
            "Norvik Holdings is a Latvian retailer. Norvik Europe opened 40 stores in 2010.",
            {("Norvik Europe", SUB, "Norvik Holdings")},
        ),
        (
            "Baltas Group sells tools. Baltas Ireland Limited opened 40 stores in 2010.",
            {("Baltas Ireland Limited", SUB, "Baltas Group")},
        ),
        # a list of units, one a "person" the text calls a company
        (
            "Baltas Group is a transport company and parent of Norvik Freight, the largest"
            " mover in Latvia, and Kestrel Transit, a bus operator.",
            {("Norvik Freight", SUB, "Baltas Group"), ("Kestrel Transit", SUB, "Baltas Group")},
        ),
        # a one-word name before a description set off by commas
        (
            "Norvik, the retail unit of Baltas, said sales rose.",
            {("Norvik", SUB, "Baltas")},
        ),
        (
            "Norvik said sales rose. Norvik, the retail unit of Baltas, has 40 stores.",
            {("Norvik", SUB, "Baltas")},
        ),
        (
            "Norvik, Baltas's retail unit, said sales rose.",
            {("Norvik", SUB, "Baltas")},
        ),
        (
            "Norvik, Baltas Group's online arm, was launched in 1999.",
            {("Norvik", SUB, "Baltas Group")},
        ),
        # a unit the parent sets up
        (
            "Baltas Group said on Tuesday it had set up a new unit, Norvik Digital, to sell"
            " software.",
            {("Norvik Digital", SUB, "Baltas Group")},
        ),
        (
            "Baltas Group launched a new division, Norvik Labs, in March.",
            {("Norvik Labs", SUB, "Baltas Group")},
        ),
        ("Baltas Group set up a unit to sell software to Norvik.", set()),
        # a customer or supplier is no parent
        ("Norvik is a customer of Baltas Group.", set()),
        ("Norvik supplies garden tools to Baltas Group.", set()),
        # founders listed with how they are related to the first
        (
            "Norvik was started in 2002 in Riga by Maria Lopez, her brother Carlos Lopez and"
            " Tomas Vell.",
            {
                ("Maria Lopez", FOUNDED, "Norvik"),
                ("Carlos Lopez", FOUNDED, "Norvik"),
                ("Tomas Vell", FOUNDED, "Norvik"),
            },
        ),
        (
            "Maria Lopez, her husband Tomas Vell and Carlos Lopez founded Norvik in 2002.",
            {
                ("Maria Lopez", FOUNDED, "Norvik"),
                ("Tomas Vell", FOUNDED, "Norvik"),
                ("Carlos Lopez", FOUNDED, "Norvik"),
            },
        ),
        ("Maria Lopez, her brother Carlos Lopez, joined Norvik in 2002.", set()),
        (
            "Norvik was founded in 1999 by Ella Brandt and Karl Lind.",
            {("Ella Brandt", FOUNDED, "Norvik"), ("Karl Lind", FOUNDED, "Norvik")},
        ),
        (
            "Norvik co-founder Ella Brandt said on Tuesday the company would cut 200 jobs.",
            {("Ella Brandt", FOUNDED, "Norvik")},
        ),
        # "she" is the person NER took for a company, the subject of her own sentence
        (
            "Ella Brandt runs Norvik, the company she founded in 2005.",
            {("Ella Brandt", FOUNDED, "Norvik")},
        ),
        (
            "Ella Brandt returned to Norvik, the retailer she co-founded with Karl Lind in 1997.",
            {("Ella Brandt", FOUNDED, "Norvik"), ("Karl Lind", FOUNDED, "Norvik")},
        ),
        # a unit sold in a relative clause on its name: the tie ends
        (
            "Norvik, which Baltas Group sold to Quillon Energy last year, said on Tuesday it"
            " would cut jobs.",
            {("Norvik", SUB, "Baltas Group")},
        ),
        # a channel of a broadcaster, not a company's own sales or video channel
        (
            "Baltas One is a television channel of Baltas Media.",
            {("Baltas One", SUB, "Baltas Media")},
        ),
        ("Norvik's YouTube channel has 2 million followers.", set()),
        ("Kestrel is a key sales channel for Norvik.", set()),
        # a description the parser hung on the comma after a one-word name
        (
            "Norvik, part of the Baltas Group, said on Tuesday it would cut jobs.",
            {("Norvik", SUB, "Baltas Group")},
        ),
        (
            "Norvik, majority-owned by Baltas Group, said on Tuesday it would cut jobs.",
            {("Norvik", SUB, "Baltas Group")},
        ),
        # a parent said in passing as a former one
        ("Pentawave Inc acquired the plant from former parent Halvorsen Motors in 2007.", set()),
        # a parent's parent is not the unit's direct parent
        (
            "Norvik is a wholly owned subsidiary of Baltas Group, a unit of Quillon Energy.",
            {("Norvik", SUB, "Baltas Group"), ("Baltas Group", SUB, "Quillon Energy")},
        ),
        ("Norvik, in which Baltas Group holds a 60% stake, said it would cut jobs.", set()),
    ],
)
def test_parents_and_founders(
    extractor: Extractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert mine(facts_of(extractor, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Norvik, a former subsidiary of Baltas Group, is now independent.",
        "Norvik, formerly a unit of Baltas Group, said sales fell.",
        "Norvik was formerly a subsidiary of Baltas Group.",
    ],
)
def test_a_former_parent_is_an_ended_tie(extractor: Extractor, text: str) -> None:
    facts = [f for f in facts_of(extractor, text, dated=False) if f.relation.value == SUB]
    assert [(f.subject.name, f.object.name) for f in facts] == [("Norvik", "Baltas Group")]
    assert facts[0].qualifiers.get("status") == "ended"


def test_a_present_parent_is_not_ended(extractor: Extractor) -> None:
    facts = facts_of(extractor, "Norvik is a subsidiary of Baltas Group.", dated=False)
    fact = next(f for f in facts if f.relation.value == SUB)
    assert fact.qualifiers.get("status") != "ended"


@pytest.mark.parametrize(
    ("text", "ended"),
    [
        ("Baltas Group sold Norvik to Quillon Energy on Tuesday.", True),
        ("Baltas Group agreed to sell Norvik to Quillon Energy on Tuesday.", False),
        ("Baltas Group will sell Norvik to Quillon Energy.", False),
    ],
)
def test_a_unit_is_held_until_its_sale_is_done(
    extractor: Extractor, text: str, ended: bool
) -> None:
    facts = [f for f in facts_of(extractor, text) if f.relation.value == SUB]
    assert [(f.subject.name, f.object.name) for f in facts] == [("Norvik", "Baltas Group")]
    assert (facts[0].qualifiers.get("status") == "ended") is ended
