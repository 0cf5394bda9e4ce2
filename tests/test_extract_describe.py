"""Definite descriptions that stand for a named company (helper describe): a name NER
read as a person's but set beside a kind no person is ("Rovik FC, the Norwegian
football club") is a company, so a later "the club" finds it; a kind noun the text gave
one company ("X, an Australian gold miner ... the miner") resolves to it, and a place
description ("the San Francisco company") picks the one company described with that
place, also after a sentence naming a bidder and its target; "the new company" after a
sentence about a company whose side clause tells the merger that made it ("Z began
trading after X completed its merger with Y") is that company; when two companies fit
the description, or the merger's own parties are all the text names, it resolves to
none.

Sentences are invented for these tests; names are made up so no gazetteer entry helps.
"""

from __future__ import annotations

import pytest

from loaders.extract import Extractor
from tests.extract_util import Triple, triples


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


FOUND: list[tuple[str, Triple]] = [
    # a club NER took for a person: the apposition says it is a body, not a person
    (
        "Rovik FC, the Norwegian football club, said Tellus Energy had invested in the club.",
        ("Tellus Energy", "invests_in", "Rovik FC"),
    ),
    (
        "Tellus Energy agreed to sponsor Rovik FC, the Norwegian football club, until 2027."
        " The club also partners with Brisa Sports.",
        ("Brisa Sports", "partners_with", "Rovik FC"),
    ),
    (
        "Rovik United is a Norwegian football club. Tellus Energy bought a stake in the club"
        " in 2021.",
        ("Tellus Energy", "invests_in", "Rovik United"),
    ),
    (
        "Kalmar Athletic, the Scottish club, hired Dana Vors as chief executive. The club was"
        " bought by Orvano Holdings in 2019.",
        ("Orvano Holdings", "acquires", "Kalmar Athletic"),
    ),
    # a kind noun the text gave exactly one company
    (
        "Kestrel Mining is an Australian gold miner. Orvano Holdings bought the gold miner"
        " in 2022.",
        ("Orvano Holdings", "acquires", "Kestrel Mining"),
    ),
    (
        "Kestrel Mining is an Australian gold miner. Orvano Holdings, a Canadian miner,"
        " bought the Australian miner in 2022.",
        ("Orvano Holdings", "acquires", "Kestrel Mining"),
    ),
    (
        "Veltra Corp, a Swiss chemicals maker, reported results. Norrik Labs said it will"
        " acquire the chemicals maker for $2 billion.",
        ("Norrik Labs", "acquires", "Veltra Corp"),
    ),
    # a place description after a sentence naming a bidder and its target
    (
        "Norrik Labs, a Boston company, agreed to buy Veltra Corp, a San Francisco company."
        " Brisa Cloud had invested in the San Francisco company in 2020.",
        ("Brisa Cloud", "invests_in", "Veltra Corp"),
    ),
    (
        "Norrik Labs, a Boston company, agreed to buy Veltra Corp, a San Francisco company."
        " Brisa Cloud had invested in the Boston company in 2020.",
        ("Brisa Cloud", "invests_in", "Norrik Labs"),
    ),
    # "the new company" after a sentence about a company whose side clause tells the
    # merger that made it
    (
        "Corva Group debuted on the Oslo exchange on Friday, a day after Halden Capital"
        " closed its combination with Brisk Mart, the retail unit of Nilo Foods. The new"
        " company makes the Zelto phone.",
        ("Corva Group", "develops", "Zelto"),
    ),
    (
        "Corva Group began trading on Monday after Halden Capital completed its merger with"
        " Brisk Mart. The new company makes the Zelto phone.",
        ("Corva Group", "develops", "Zelto"),
    ),
    (
        "Corva Group listed its shares in Oslo on Tuesday, a week after Halden Capital and"
        " Brisk Mart completed their merger. The combined company has invested in Nilo Foods.",
        ("Corva Group", "invests_in", "Nilo Foods"),
    ),
]


NEW_COMPANY_UNCLEAR = [
    # the company the sentence is about took part in the merger: the new company is none
    "Halden Capital rose 5% after it completed its merger with Brisk Mart. The new company"
    " makes the Zelto phone.",
    "Halden Capital completed its merger with Brisk Mart. The new company makes the Zelto phone.",
    # no merger told: "the new company" is not the company of the sentence before
    "Corva Group made its debut on Monday. The new company makes the Zelto phone.",
]


@pytest.mark.parametrize("text", NEW_COMPANY_UNCLEAR)
def test_new_company_without_a_made_company(extractor: Extractor, text: str) -> None:
    assert not {t for t in triples(extractor, text) if t[1] == "develops"}


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_description_resolves(extractor: Extractor, text: str, expected: Triple) -> None:
    assert expected in triples(extractor, text)


def test_place_both_companies_share_resolves_to_none(extractor: Extractor) -> None:
    found = triples(
        extractor,
        "Norrik Labs, a San Francisco company, agreed to buy Veltra Corp, a San Francisco"
        " company. Brisa Cloud had invested in the San Francisco company in 2020.",
    )
    assert not {t for t in found if t[0] == "Brisa Cloud"}


def test_club_of_a_list_resolves_to_none(extractor: Extractor) -> None:
    found = triples(
        extractor,
        "Kalmar Athletic and Rovik FC, two Norwegian football clubs, said Tellus Energy would"
        " sponsor the club.",
    )
    assert not {t for t in found if t[0] == "Tellus Energy"}


def test_a_person_described_by_a_trade_stays_a_person(extractor: Extractor) -> None:
    found = triples(
        extractor, "Dana Vors, a former banker, joined Orvano Holdings as chief executive."
    )
    assert ("Dana Vors", "executive_of", "Orvano Holdings") in found
