"""Investors (helper invest): ways news writes who put money into or holds a stake in
a company, beyond "X invested in Y".

- the rest of a company's shares handed to others: "with the other 30% split between
  A and B", "the rest is divided among A, B and C", "while the remaining 35% is owned
  by A", "A and B will split the remaining 40%", "with the remainder held by A";
- a clause of putting money in that names no company shares the company of the
  clause it is joined to: "while A and B will each put in $5 million", "and A
  contributed $10 million", "A took a stake in X, while B put in $7 million";
- parse repairs around such clauses: a subject hung on the auxiliary ("A and B are
  also investing"), a clause's subject read as one more list item ("founded by A,
  a former trader, and its largest shareholder is B"; "put $8 million into X and B
  invested $3 million");
- a round told a few sentences before the clause that names more investors ("X raised
  $600 million ... A and B are also investing"; "X received $22 million ... The round
  also included contributions from A");
- part of a sum set off with "including": "X raised $90 million, including $25 million
  from A";
- funding handed over: "A provided $15 million in funding to X", "A gave X $6 million
  in growth funding", "A provided X with $30 million in financing";
- "per cent" as a share ("jointly own 100 per cent of X");
- a joint venture "called" a name is a company, so money put "in the venture" reaches it;
- "making A Y's biggest shareholder", where NER ran the two names together.

None of these is said of talks, hedges, loans, goods, or shares of something other
than a company. Sentences are invented for these tests; names are made up.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import Document
from loaders.extract import Extractor

PUBLISHED = date(2024, 5, 1)

Triple = tuple[str, str, str]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def triples(extractor: Extractor, text: str) -> set[Triple]:
    facts = extractor.extract(Document(text, published=PUBLISHED, doc_id="t"))
    return {(f.subject.name, f.relation.value, f.object.name) for f in facts}


def investments(found: set[Triple]) -> set[Triple]:
    return {t for t in found if t[1] == "invests_in"}


def inv(subject: str, obj: str) -> Triple:
    return (subject, "invests_in", obj)


OR = "Orvane Robotics"

INVESTORS: list[tuple[str, set[Triple]]] = [
    # the rest of a company's shares, handed to others
    (
        "Brannock Group will own 70% of Orvane Robotics, with the other 30% split evenly"
        " between Kestrel Capital and Sablewood Partners.",
        {inv("Brannock Group", OR), inv("Kestrel Capital", OR), inv("Sablewood Partners", OR)},
    ),
    (
        "Brannock Group holds 55% of Orvane Robotics, and the rest is divided among"
        " Kestrel Capital, Pellham Ventures and Sablewood Partners.",
        {
            inv("Brannock Group", OR),
            inv("Kestrel Capital", OR),
            inv("Pellham Ventures", OR),
            inv("Sablewood Partners", OR),
        },
    ),
    (
        "Brannock Group owns 25% of Orvane Robotics, while the remaining 35% is owned by"
        " Kestrel Capital.",
        {inv("Brannock Group", OR), inv("Kestrel Capital", OR)},
    ),
    (
        "Brannock Group will keep 80% of Orvane Robotics, with the remainder held by"
        " Pellham Ventures.",
        {inv("Brannock Group", OR), inv("Pellham Ventures", OR)},
    ),
    (
        "Brannock Group bought a 35% stake in Orvane Robotics; Kestrel Capital and Pellham"
        " Ventures will split the remaining 65%.",
        {inv("Brannock Group", OR), inv("Kestrel Capital", OR), inv("Pellham Ventures", OR)},
    ),
    # a clause of putting money in that names no company shares the other clause's
    (
        "Brannock Group will put $20 million into Orvane Robotics, while Kestrel Capital"
        " and Pellham Ventures will each put in $5 million.",
        {inv("Brannock Group", OR), inv("Kestrel Capital", OR), inv("Pellham Ventures", OR)},
    ),
    (
        "Brannock Group invested $30 million in Orvane Robotics, and Kestrel Capital"
        " contributed $10 million.",
        {inv("Brannock Group", OR), inv("Kestrel Capital", OR)},
    ),
    (
        "Pellham Ventures will contribute $12 million, while Brannock Group will invest"
        " $40 million in Orvane Robotics.",
        {inv("Brannock Group", OR), inv("Pellham Ventures", OR)},
    ),
    (
        "Brannock Group acquired a 15% stake in Orvane Robotics, while Kestrel Capital put"
        " in $7 million.",
        {inv("Brannock Group", OR), inv("Kestrel Capital", OR)},
    ),
    # parse repairs: a clause's subject read as a list item, or hung on the auxiliary
    (
        "Kestrel Capital put $8 million into Orvane Robotics and Sablewood Partners"
        " invested $3 million.",
        {inv("Kestrel Capital", OR), inv("Sablewood Partners", OR)},
    ),
    (
        "Kestrel Capital invested $9 million in Orvane Robotics last year, and Pellham"
        " Ventures invested in Lumora Bio.",
        {inv("Kestrel Capital", OR), inv("Pellham Ventures", "Lumora Bio")},
    ),
    (
        "Orvane Robotics was started in 2016 by Mira Holt and Dan Pryce, two former bank"
        " traders, and its only outside backer is Kestrel Capital.",
        {inv("Kestrel Capital", OR)},
    ),
    (
        "Orvane Robotics was started by Mira Holt, a former trader, and its largest"
        " shareholder is Pellham Ventures.",
        {inv("Pellham Ventures", OR)},
    ),
    # a round told a few sentences before
    (
        "Orvane Robotics said on Tuesday it had raised $600 million from a group led by"
        " Kestrel Capital, giving it room to expand in Asia. Mira Holt succeeds Dan Pryce"
        " as chief executive, and Holt and two directors join the board. Sablewood"
        " Partners and Pellham Ventures are also investing.",
        {inv("Kestrel Capital", OR), inv("Sablewood Partners", OR), inv("Pellham Ventures", OR)},
    ),
    (
        "In June 2021, Orvane Robotics received $22 million in Series B funding led by"
        " Kestrel Capital. The round also included contributions from Pellham Ventures.",
        {inv("Kestrel Capital", OR), inv("Pellham Ventures", OR)},
    ),
    # part of a sum set off with "including"
    (
        "Orvane Robotics raised $90 million, including $25 million from Kestrel Capital.",
        {inv("Kestrel Capital", OR)},
    ),
    (
        "Orvane Robotics has secured $400 million of fresh capital, including $150 million"
        " from Pellham Ventures.",
        {inv("Pellham Ventures", OR)},
    ),
    # funding handed over
    (
        "Kestrel Capital provided $15 million in funding to Orvane Robotics.",
        {inv("Kestrel Capital", OR)},
    ),
    (
        "In 2019, Pellham Ventures granted $4 million in seed funding to Orvane Robotics.",
        {inv("Pellham Ventures", OR)},
    ),
    (
        "Kestrel Capital gave Orvane Robotics $6 million in growth funding.",
        {inv("Kestrel Capital", OR)},
    ),
    (
        "Pellham Ventures provided Orvane Robotics with $30 million in financing.",
        {inv("Pellham Ventures", OR)},
    ),
    (
        "Kestrel Capital provided $5 million in funding for Orvane Robotics.",
        {inv("Kestrel Capital", OR)},
    ),
    # a list of holdings, and a partner that only holds a stake
    (
        "Notable investments made by Kestrel Capital include Orvane Robotics and Lumora Bio.",
        {inv("Kestrel Capital", OR), inv("Kestrel Capital", "Lumora Bio")},
    ),
    (
        "Pellham Ventures's investments include Orvane Robotics, Lumora Bio and Velkor.",
        {
            inv("Pellham Ventures", OR),
            inv("Pellham Ventures", "Lumora Bio"),
            inv("Pellham Ventures", "Velkor"),
        },
    ),
    (
        "Brannock Group will take full control of Orvane Robotics under a deal with"
        " Kestrel Capital, which becomes a silent partner in Orvane Robotics.",
        {inv("Kestrel Capital", OR)},
    ),
    (
        "Kestrel Capital, a limited partner in Pellham Fund, said returns were weak.",
        {inv("Kestrel Capital", "Pellham Fund")},
    ),
    # "per cent"
    (
        "Kestrel Capital and Pellham Ventures jointly own 100 per cent of Orvane Robotics.",
        {inv("Kestrel Capital", OR), inv("Pellham Ventures", OR)},
    ),
    (
        "Kestrel Capital holds 12 per cent of Orvane Robotics.",
        {inv("Kestrel Capital", OR)},
    ),
    # a joint venture called a name is a company
    (
        "Brannock Group and Lumora Bio will pool their battery work in a joint venture"
        " called Velkor, the companies said. Kestrel Capital will invest $20 million in"
        " the venture, while Pellham Ventures will put in $15 million.",
        {inv("Kestrel Capital", "Velkor"), inv("Pellham Ventures", "Velkor")},
    ),
    # "making A Y's biggest shareholder" with the two names run together
    (
        "Brannock Group will buy Lumora Bio from Pellham Ventures for $2 billion in shares,"
        " making Pellham Ventures Brannock Group's biggest shareholder.",
        {inv("Pellham Ventures", "Brannock Group")},
    ),
    (
        "The all-stock deal makes Pellham Ventures Brannock's second-largest investor."
        " Brannock said the deal would close in June.",
        {inv("Pellham Ventures", "Brannock")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), INVESTORS)
def test_investors(extractor: Extractor, text: str, expected: set[Triple]) -> None:
    assert investments(triples(extractor, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Brannock Group will split the business into two listed companies.",
        "The profits of Orvane Robotics will be split between Kestrel Capital and Lumora Bio.",
        "Brannock Group provided $15 million in loans to Orvane Robotics.",
        "Brannock Group provides sensors to Orvane Robotics.",
        "Kestrel Capital is in talks to put $50 million into Orvane Robotics.",
        "Kestrel Capital denied that it would contribute $10 million to Orvane Robotics.",
        "Orvane Robotics received $250 million in damages, including $50 million from"
        " Brannock Group.",
        "Orvane Robotics raised $40 million last year. The round included investors from"
        " Europe and Asia.",
        "Kestrel Capital formed a unit in 1990 to provide financing for the Orvane retail"
        " dealer chain.",
        "Kestrel Capital's investments include a plant in Ohio.",
        "Kestrel Capital is a partner of Orvane Robotics.",
    ],
)
def test_no_investment(extractor: Extractor, text: str) -> None:
    assert investments(triples(extractor, text)) == set()


def test_only_the_clause_that_states_it_invests(extractor: Extractor) -> None:
    found = investments(
        triples(
            extractor,
            "Brannock Group invested $30 million in Orvane Robotics, while Kestrel Capital"
            " said it might put in $10 million.",
        )
    )
    assert found == {inv("Brannock Group", OR)}
    found = investments(
        triples(
            extractor,
            "Brannock Group invested $30 million in Orvane Robotics, while Kestrel Capital"
            " put in a bid for Lumora Bio.",
        )
    )
    assert found == {inv("Brannock Group", OR)}


def test_the_rest_of_something_else_is_no_stake(extractor: Extractor) -> None:
    found = investments(
        triples(
            extractor,
            "Brannock Group will own 70% of Orvane Robotics, and the rest of the board will"
            " be split between Kestrel Capital and Lumora Bio.",
        )
    )
    assert found == {inv("Brannock Group", OR)}


def test_handed_funding_is_no_supply(extractor: Extractor) -> None:
    found = triples(
        extractor, "Kestrel Capital provided $15 million in funding to Orvane Robotics."
    )
    assert ("Kestrel Capital", "supplies", OR) not in found


def test_the_two_are_the_pair_not_their_venture(extractor: Extractor) -> None:
    found = triples(
        extractor,
        "Brannock Group and Lumora Bio will sell the alloy through a new joint venture called"
        " Velkor. Kestrel Capital, which brought the two rivals together, will invest $9"
        " million in the venture.",
    )
    assert ("Brannock Group", "competes_with", "Lumora Bio") in found
    assert inv("Kestrel Capital", "Velkor") in found
