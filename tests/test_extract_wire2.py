"""Wire-style takeover stories, second round (helper reuters): mechanisms past those of
tests/test_extract_wire.py.

Mechanisms covered:

- a company name in angle brackets ("<Veltra Corp> said it agreed to buy <Norrik Inc>"),
  as the wires mark a company with no ticker: the brackets are read as spaces, so the
  name parses as words and every offset stays the same;
- "the merger of X into Y" where the parser hangs "into Y" on X or on X's appositive
  ("the merger of X, a unit of Z, into Y") instead of on the merger: Y still buys X;
- a central bank or a banking board that approves or rejects a deal ("the Federal
  Reserve approved its acquisition of Y") rules on it and is no party: "its" is the
  reporting company's;
- a name ending in "Mill", "Sawmill" or "Brewery" is a business ("paid 3 mln dlrs for
  the bankrupt Orvale Pine Sawmill");
- a merger's direction from the share swap of the next sentence ("X agreed to a merger
  with Y. Each X share will be converted into 1.2 Y shares") or of a "with" clause
  ("with each X share to be exchanged for 0.8 Y share"): X's holders are bought out;
- bank names joined by "and" between trade words ("Merchants and Farmers State Bank")
  are one name, not two companies;
- a town NER took for a person before "-based" ("the Porto-based Kronwald Group") is
  where the company is based, not a party.

Sentences are invented for these tests; names are made up so no gazetteer entry helps.
"""

from __future__ import annotations

import pytest

from loaders.extract import Extractor
from tests.extract_util import Triple, triples


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def deals(extractor: Extractor, text: str) -> set[Triple]:
    """The text's acquires facts, names without a closing full stop."""
    return {
        (s.rstrip("."), r, o.rstrip(".")) for s, r, o in triples(extractor, text) if r == "acquires"
    }


BRACKETED: list[tuple[str, Triple]] = [
    (
        "<Veltra Corp> said it agreed in principle to acquire <Norrik Labs Inc> for 12 dlrs"
        " a share.",
        ("Veltra Corp", "acquires", "Norrik Labs Inc"),
    ),
    (
        "<Halvard Tool Co> said it has been acquired by Brisk Industries Inc for about 9 mln dlrs.",
        ("Brisk Industries Inc", "acquires", "Halvard Tool Co"),
    ),
    (
        "Orvale Group Plc said it completed the purchase of <Kestrel Marine Ltd>, a"
        " boat builder, last Friday.",
        ("Orvale Group Plc", "acquires", "Kestrel Marine Ltd"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), BRACKETED)
def test_bracketed_names(extractor: Extractor, text: str, expected: Triple) -> None:
    assert expected in deals(extractor, text)


MERGED_INTO: list[tuple[str, Triple]] = [
    (
        "Veltra Corp said holders will vote on the proposed merger of Norrik Acquiring"
        " Corp, a wholly-owned subsidiary of Halden Holdings Inc into Veltra.",
        ("Veltra Corp", "acquires", "Norrik Acquiring Corp"),
    ),
    (
        "Stockholders approved the planned merger of Brisk Labs Inc into Orvale Corp.",
        ("Orvale Corp", "acquires", "Brisk Labs Inc"),
    ),
    (
        "Kestrel Inc fixed June 9 as the record date for the vote on the merger of Tamsin"
        " Foods Inc into Kestrel.",
        ("Kestrel Inc", "acquires", "Tamsin Foods Inc"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), MERGED_INTO)
def test_merger_into_hung_on_the_target(extractor: Extractor, text: str, expected: Triple) -> None:
    found = deals(extractor, text)
    assert expected in found
    assert (expected[2], "acquires", expected[0]) not in found


APPROVERS: list[tuple[str, Triple]] = [
    (
        "Veltra Corp said the Federal Reserve approved its acquisition of Norrik Bancorp.",
        ("Veltra Corp", "acquires", "Norrik Bancorp"),
    ),
    (
        "Orvale Financial Corp said the Fed has cleared its proposed purchase of Kell"
        " Savings Bank.",
        ("Orvale Financial Corp", "acquires", "Kell Savings Bank"),
    ),
    (
        "Brisk Savings Corp said the Federal Home Loan Bank Board approved its takeover"
        " of Tamsin Federal Savings Bank on Monday.",
        ("Brisk Savings Corp", "acquires", "Tamsin Federal Savings Bank"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), APPROVERS)
def test_a_regulator_is_no_buyer(extractor: Extractor, text: str, expected: Triple) -> None:
    assert deals(extractor, text) == {expected}


MILLS: list[tuple[str, Triple]] = [
    (
        "Veltra Corp has agreed to pay 3,200,000 dlrs for the bankrupt Orvale Pine Sawmill"
        " in Bend, Ore.",
        ("Veltra Corp", "acquires", "Orvale Pine Sawmill"),
    ),
    (
        "Kestrel Inc said it bought the Halden Creek Mill for two mln dlrs.",
        ("Kestrel Inc", "acquires", "Halden Creek Mill"),
    ),
    (
        "Brisk Beverages Co said it agreed to acquire the Tamsin Valley Brewery.",
        ("Brisk Beverages Co", "acquires", "Tamsin Valley Brewery"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), MILLS)
def test_mills_are_businesses(extractor: Extractor, text: str, expected: Triple) -> None:
    assert expected in deals(extractor, text)


SWAPS: list[tuple[str, Triple]] = [
    (
        "Norrik Labs Inc said it agreed to a merger with Veltra Corp. Under the agreement,"
        " each outstanding share of Norrik common stock will be converted into 1.2 shares"
        " of Veltra common stock.",
        ("Veltra Corp", "acquires", "Norrik Labs Inc"),
    ),
    (
        "Norrik Labs Inc and Veltra Corp agreed to merge, with each Norrik share to be"
        " exchanged for 0.8 Veltra share.",
        ("Veltra Corp", "acquires", "Norrik Labs Inc"),
    ),
    (
        "Kestrel Inc said it signed a merger agreement with Orvale Corp. Each Kestrel share"
        " will be exchanged for two Orvale shares.",
        ("Orvale Corp", "acquires", "Kestrel Inc"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), SWAPS)
def test_the_swapped_party_is_bought(extractor: Extractor, text: str, expected: Triple) -> None:
    assert deals(extractor, text) == {expected}


def test_the_buyers_own_terms_keep_it_the_buyer(extractor: Extractor) -> None:
    found = deals(
        extractor,
        "Veltra Corp said it agreed to merge with Norrik Labs Inc. Each Norrik share will"
        " be converted into 0.5 Veltra share.",
    )
    assert found == {("Veltra Corp", "acquires", "Norrik Labs Inc")}


BANKS: list[tuple[str, set[Triple]]] = [
    (
        "Halden Corp said it agreed to buy Merchants and Farmers State Bank and First"
        " National Bank of Orvale.",
        {
            ("Halden Corp", "acquires", "Merchants and Farmers State Bank"),
            ("Halden Corp", "acquires", "First National Bank of Orvale"),
        },
    ),
    (
        "Kestrel Bancorp said it completed the purchase of Farmers and Mechanics Bank.",
        {("Kestrel Bancorp", "acquires", "Farmers and Mechanics Bank")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), BANKS)
def test_trade_words_joined_in_a_bank_name(
    extractor: Extractor, text: str, expected: set[Triple]
) -> None:
    assert deals(extractor, text) == expected


BASED: list[str] = [
    "Veltra AB sold its Lisbon unit to the Porto-based Kronwald Group for an undisclosed price.",
    "Veltra AB said it sold Norrik Ltd to the Tarvo-based Kronwald Group last month.",
]


@pytest.mark.parametrize("text", BASED)
def test_a_town_before_based_is_no_party(extractor: Extractor, text: str) -> None:
    names = {n for s, _, o in triples(extractor, text) for n in (s, o)}
    assert not names & {"Porto", "Tarvo"}
