"""Investors and owners, second round (helper invest): ways news writes a stake or a
round that the first round's rules (tests/test_extract_invest.py) did not read.

- a stake held, even over half, is an investment and no more ("X owns 65% of Y",
  "X holds a majority stake in Y"): the parent relation needs a word of a unit;
- the stake a holder keeps, with the company named only in the sentence before: "X
  will pay for a 51% stake in Y. Z will keep the remaining stake", "Z will retain a 30%
  stake"; not when that sentence names shares in two companies; failing a stake there,
  the company that sentence is about when it names the holder too ("Y began trading as
  a separate company ... X is splitting off. X kept an 18% stake");
- "with the remaining 20% split between A and B" read with "the remaining 20%" as the
  subject of "split";
- a list whose next item an appositive swallowed: "backed by A, the fund run by P, and
  B" (B backs the company; P runs A, not B);
- a state's investment fund is an investor, though its name says "Authority";
- a half, a third or a quarter taken or got: "will take a third of X", "gets Y's half
  of X";
- a sum of funding told with "have" before the clause that names the investors ("X had
  a total of $22 million in funding; investors included A and B");
- money put in whose phrase names the company ("the investment in X included A", "its
  first round included A"), or whose sentence follows one about the company ("X was
  set up in 2004. An investment of $5 million in 2006 included A");
- a round that values the company: "led a round that valued X at $2 billion", "a
  round valuing X at ...".

Sentences are invented for these tests; names are made up.
"""

from __future__ import annotations

import pytest

from loaders.extract import Extractor
from tests.extract_util import Triple, triples


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def area(found: set[Triple]) -> set[Triple]:
    return {t for t in found if t[1] in {"invests_in", "subsidiary_of"}}


def inv(subject: str, obj: str) -> Triple:
    return (subject, "invests_in", obj)


def sub(unit: str, parent: str) -> Triple:
    return (unit, "subsidiary_of", parent)


NL, VC = "Norrik Labs", "Veltra Corp"

FOUND: list[tuple[str, set[Triple]]] = [
    # the kept stake's company named in the sentence before
    (
        "Under the agreement, Veltra Corp buys 51% of Norrik Labs, a bakery chain set up in"
        " 2009 by Ana Roth. Roth keeps the remaining 49%, and she will go on running the"
        " kitchens.",
        {inv(VC, NL), inv("Ana Roth", NL)},
    ),
    (
        "Veltra Corp will pay $2 billion for a 51% stake in Norrik Labs. Halvard Cloud"
        " will retain the rest.",
        {inv(VC, NL), inv("Halvard Cloud", NL)},
    ),
    (
        "Tovik Partners agreed on Monday to sell a 70% stake in Norrik Labs to Veltra Corp"
        " for $1 billion. Tovik Partners will retain a 30% stake.",
        {inv(VC, NL), inv("Tovik Partners", NL)},
    ),
    # a stake kept in the company the sentence before is about, which names the holder
    (
        "Norrik Health began trading in Oslo on Monday as a separate company, one of two"
        " businesses that Veltra Corp is splitting off. Veltra Corp kept an 18% stake that"
        " it intends to sell within two years.",
        {inv(VC, "Norrik Health"), sub("Norrik Health", VC)},
    ),
    (
        "Norrik Health completed its spin-off from Veltra Corp on Monday. Veltra Corp will"
        " retain a 10% stake.",
        {inv(VC, "Norrik Health"), sub("Norrik Health", VC)},
    ),
    # "with the remaining 20% split between A and B"
    (
        "Kestor Fund will hold 80% of Norrik Labs, with the remaining 20% split equally"
        " between Pemberly Ventures and Tovik Partners.",
        {inv("Kestor Fund", NL), inv("Pemberly Ventures", NL), inv("Tovik Partners", NL)},
    ),
    (
        "Kestor Fund will hold 80% of Norrik Labs, with the remaining 20% split equally"
        " between Pemberly Ventures, the investment firm run by Ana Roth, and Tovik"
        " Partners.",
        {inv("Kestor Fund", NL), inv("Pemberly Ventures", NL), inv("Tovik Partners", NL)},
    ),
    # a list's next item swallowed by an appositive
    (
        "Norrik Labs is backed by Pemberly Ventures, the fund run by Ana Roth, and Tovik Partners.",
        {inv("Pemberly Ventures", NL), inv("Tovik Partners", NL)},
    ),
    (
        "Norrik Labs raised $20 million from Pemberly Ventures, a fund set up by Ana Roth,"
        " and Tovik Partners.",
        {inv("Pemberly Ventures", NL), inv("Tovik Partners", NL)},
    ),
    # a state's investment fund
    (
        "The sovereign wealth fund Kestor Investment Authority has a 7% stake in Norrik Labs.",
        {inv("Kestor Investment Authority", NL)},
    ),
    (
        "Kestor Investment Authority bought a 4% stake in Norrik Labs in March.",
        {inv("Kestor Investment Authority", NL)},
    ),
    # a half, a third or a quarter of a company is a stake
    ("Veltra Corp will take a third of Norrik Labs.", {inv(VC, NL)}),
    (
        "Veltra Corp gets Tovik Partners's half of Norrik Labs, the bakery venture the two"
        " set up in 2011.",
        {inv(VC, NL), inv("Tovik Partners", NL)},
    ),
    # a sum told with "have", then the investors
    (
        "Norrik Labs had a total of $22.5 million in funding by 2018; investors included"
        " Pemberly Ventures, Tovik Capital and Kestor Partners.",
        {inv("Pemberly Ventures", NL), inv("Tovik Capital", NL), inv("Kestor Partners", NL)},
    ),
    (
        "Norrik Labs has $30 million in venture funding. Its backers include Pemberly"
        " Ventures and Tovik Capital.",
        {inv("Pemberly Ventures", NL), inv("Tovik Capital", NL)},
    ),
    # money put in whose own phrase, or the sentence before, names the company
    (
        "The $5 million investment in Norrik Labs included Pemberly Ventures and Tovik Capital.",
        {inv("Pemberly Ventures", NL), inv("Tovik Capital", NL)},
    ),
    (
        "Norrik Labs opened an office in Lyon in 2005. Its first round of funding in 2006"
        " included Pemberly Ventures.",
        {inv("Pemberly Ventures", NL)},
    ),
    (
        "Norrik Labs was set up by Ana Roth in 2004. An investment of about $5 million in"
        " May 2006 included Pemberly Ventures and Tovik Capital.",
        {inv("Pemberly Ventures", NL), inv("Tovik Capital", NL)},
    ),
    # a round that values the company
    ("Veltra Corp led a round that valued Norrik Labs at $2 billion.", {inv(VC, NL)}),
    (
        "Veltra Corp and Halvard Cloud led a $40 million Series B round that valued Norrik"
        " Labs at $1 billion.",
        {inv(VC, NL), inv("Halvard Cloud", NL)},
    ),
    (
        "Veltra Corp participated in a funding round that values Norrik Labs at about $3 billion.",
        {inv(VC, NL)},
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_found(extractor: Extractor, text: str, expected: set[Triple]) -> None:
    assert area(triples(extractor, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a stake held, a half, a minority, a person: an investment, no subsidiary
        ("Veltra Corp owns 65% of Norrik Labs.", {inv(VC, NL)}),
        ("Veltra Corp holds a majority stake in Norrik Labs.", {inv(VC, NL)}),
        ("Veltra Corp will keep 50% of Norrik Labs.", {inv(VC, NL)}),
        ("Veltra Corp holds a minority stake in Norrik Labs.", {inv(VC, NL)}),
        ("Ana Roth owns 70% of Norrik Labs.", {inv("Ana Roth", NL)}),
        ("Veltra Corp does not own 60% of Norrik Labs.", set()),
        # the sentence before names shares in two companies: which one is unclear
        (
            "Veltra Corp bought stakes in Norrik Labs and Tovik Partners. Halvard Cloud"
            " keeps the remaining 40%.",
            {inv(VC, NL), inv(VC, "Tovik Partners")},
        ),
        # the rest of something other than shares
        (
            "Halvard Cloud bought a 30% stake in Norrik Labs. Veltra Corp will keep the"
            " rest of its cash in bonds.",
            {inv("Halvard Cloud", NL)},
        ),
        # a stake kept, where the sentence before does not name the holder
        (
            "Norrik Health reported higher sales on Monday. Veltra Corp will retain a 10% stake.",
            set(),
        ),
        # a half of something other than a company
        ("Veltra Corp took half of its revenue from Norrik Labs.", set()),
        # what an investment included is no investor unless it is a company
        (
            "Norrik Labs opened an office in Lyon in 2005. The investment included a new plant.",
            set(),
        ),
        # a valuation that is no round's
        ("Veltra Corp won a contract that valued Norrik Labs at $2 billion.", set()),
    ],
)
def test_not_found(extractor: Extractor, text: str, expected: set[Triple]) -> None:
    assert area(triples(extractor, text)) == expected


def test_swallowed_item_is_not_the_inner_phrase(extractor: Extractor) -> None:
    """ "A, the fund run by P, and B": P runs A; B is the outer list's item, not P's."""
    found = triples(
        extractor,
        "Norrik Labs is backed by Pemberly Ventures, the fund run by Ana Roth, and Tovik Partners.",
    )
    assert ("Ana Roth", "executive_of", "Pemberly Ventures") in found
    assert ("Ana Roth", "executive_of", "Tovik Partners") not in found
    found = triples(
        extractor,
        "Norrik Labs raised $20 million from Pemberly Ventures, a fund set up by Ana Roth"
        " and Mia Lund.",
    )
    assert ("Mia Lund", "founded", "Pemberly Ventures") in found
    assert inv("Mia Lund", NL) not in found


def test_a_unit_described_by_a_called_phrase_still_found(extractor: Extractor) -> None:
    found = triples(extractor, "Veltra Corp has a subsidiary in Sweden called Norrik Labs.")
    assert sub(NL, VC) in found
