"""Partnerships and supply (helper deals): a negation stays on its own verb ("did not
renew X and instead formed an alliance with Y"); two companies announcing the formation
of a third, or forming one, are partners; "in partnership with Y" says how the clause's
doer acted however deep the parser hung it, and "together with Y" on a verb of work is a
partnership; a company hired, employed, taken on or under contract to do a job supplies
whoever hired it; services offered for or taken from a company are supply, not a bid;
a customer making up a share of a company's revenue; goods installed from their owner;
agreements arranged or renewed with a partner, or agreeing with one to work together; a
distributor or licensee of a company's goods.

Sentences are invented for these tests; names are made up so no gazetteer entry helps.
"""

from __future__ import annotations

import pytest

from loaders.extract import Extractor
from tests.extract_util import Triple, norm, triples


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def area(found: set[Triple]) -> set[Triple]:
    return {t for t in found if t[1] in {"partners_with", "supplies"}}


def pw(a: str, b: str) -> Triple:
    return norm(a, "partners_with", b)


DEALS: list[tuple[str, set[Triple]]] = [
    # a negation stays on its own verb
    (
        "Orlenta Systems did not renew its contract with Pyrrin Foods and instead formed an"
        " alliance with Kestrabo Labs.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    (
        "Orlenta Systems did not buy Pyrrin Foods but signed a partnership with Kestrabo Labs.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    (
        "In 2019 Orlenta Systems did not extend its deal with Pyrrin Foods, but instead teamed"
        " up with Kestrabo Labs.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    # two companies announcing the formation of a third, or forming one
    (
        "In 1996, Orlenta Systems and Kestrabo Labs announced the formation of Tamsel Cloud,"
        " a company that makes sensors.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    (
        "Orlenta Systems and Kestrabo Labs on Monday announced the creation of Tamsel Power"
        " to build batteries.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    (
        "Orlenta Systems and Kestrabo Labs completed the formation of their joint company"
        " Tamsel Cloud last year.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    (
        "Orlenta Systems and Kestrabo Labs formed Tamsel Cloud in 2018.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    (
        "Orlenta Systems and Kestrabo Labs set up Tamsel Cloud, a battery venture, in 2021.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    # "in partnership with Y" says how the doer acted; "together with Y" on a verb of work
    (
        "Orlenta Systems produces radio coverage of the games in conjunction with Kestrabo Labs.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    (
        "Orlenta Systems staged two festivals in the city in cooperation with Kestrabo Labs.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    (
        "Orlenta Systems released the album together with Kestrabo Labs.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    (
        "Together with Kestrabo Labs, Orlenta Systems has established a hydrogen research group.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    (
        "In 2012, together with Kestrabo Labs, Orlenta Systems launched a hydrogen fund.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    # hired, employed, taken on or under contract to do a job
    (
        "Orlenta Systems has an exclusive contract with Kestrabo Labs to design jerseys for"
        " its teams.",
        {("Orlenta Systems", "supplies", "Kestrabo Labs")},
    ),
    (
        "Orlenta Systems signed a contract with Kestrabo Labs to build two ferries.",
        {("Orlenta Systems", "supplies", "Kestrabo Labs")},
    ),
    (
        "In 1951 Orlenta Systems was employed by Kestrabo Labs to undertake land clearance.",
        {("Orlenta Systems", "supplies", "Kestrabo Labs")},
    ),
    (
        "Kestrabo Labs hired Orlenta Systems to do the creative work on its campaign.",
        {("Orlenta Systems", "supplies", "Kestrabo Labs")},
    ),
    (
        "Kestrabo Labs engaged Orlenta Systems to audit its accounts.",
        {("Orlenta Systems", "supplies", "Kestrabo Labs")},
    ),
    (
        "In 2000, Orlenta Systems was taken on by Kestrabo Labs to promote its shows.",
        {("Orlenta Systems", "supplies", "Kestrabo Labs")},
    ),
    (
        "Kestrabo Labs took on Orlenta Systems to build its website.",
        {("Orlenta Systems", "supplies", "Kestrabo Labs")},
    ),
    # services offered for or taken from a company
    (
        "Orlenta Systems has offered software development services for Kestrabo Labs,"
        " Pyrrin Foods and Tamsel Cloud.",
        {
            ("Orlenta Systems", "supplies", "Kestrabo Labs"),
            ("Orlenta Systems", "supplies", "Pyrrin Foods"),
            ("Orlenta Systems", "supplies", "Tamsel Cloud"),
        },
    ),
    (
        "Kestrabo Labs takes cloud services from data center provider Orlenta Systems.",
        {("Orlenta Systems", "supplies", "Kestrabo Labs")},
    ),
    (
        "Kestrabo Labs took power from Orlenta Energy under a long-term deal.",
        {("Orlenta Energy", "supplies", "Kestrabo Labs")},
    ),
    # a customer making up a share of a company's revenue
    (
        "Kestrabo Labs accounted for 70% of Orlenta Systems' revenue last year.",
        {("Orlenta Systems", "supplies", "Kestrabo Labs")},
    ),
    (
        "Kestrabo Labs made up about half of Orlenta Systems' sales in 2023.",
        {("Orlenta Systems", "supplies", "Kestrabo Labs")},
    ),
    (
        "Kestrabo Labs represented 15 percent of Orlenta Systems' total sales.",
        {("Orlenta Systems", "supplies", "Kestrabo Labs")},
    ),
    # goods installed from their owner
    (
        "Kestrabo Labs installed Orlenta Systems' scoring technology on 32 courts.",
        {("Orlenta Systems", "supplies", "Kestrabo Labs")},
    ),
    # agreeing with a company to do work together
    (
        "Orlenta Systems agreed with Kestrabo Labs to jointly build a plant.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    (
        "Orlenta Systems has agreed with Kestrabo Labs to develop hydrogen engines.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    # a distributor or licensee of a company's goods partners with it
    (
        "Orlenta Systems will act as the exclusive distributor of Kestrabo Labs products in Asia.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    (
        "Orlenta Systems, the distributor for Kestrabo Labs in Europe, said sales rose.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    (
        "Orlenta Systems became a licensee of Kestrabo Labs in 2010.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    # agreements arranged or renewed with a partner
    (
        "Orlenta Systems renewed its distribution agreement with Kestrabo Labs in 2020.",
        {pw("Orlenta Systems", "Kestrabo Labs")},
    ),
    (
        "Orlenta Systems has arranged marketing agreements with Kestrabo Labs and Pyrrin Foods.",
        {pw("Orlenta Systems", "Kestrabo Labs"), pw("Orlenta Systems", "Pyrrin Foods")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), DEALS)
def test_deals(extractor: Extractor, text: str, expected: set[Triple]) -> None:
    assert area(triples(extractor, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a negation shared by a bare conjoined verb still holds
        "Orlenta Systems did not partner or collaborate with Kestrabo Labs.",
        "Orlenta Systems did not buy Pyrrin Foods or merge with Kestrabo Labs.",
        "Orlenta Systems has not partnered with Kestrabo Labs and does not plan to.",
        # talks, denials and guesses are no deals
        "Orlenta Systems is in talks to partner with Kestrabo Labs.",
        "Orlenta Systems denied it would partner with Kestrabo Labs.",
        "Orlenta Systems could supply chips to Kestrabo Labs.",
        # a merger, jobs made together, or one company alone makes no partners
        "Orlenta Systems and Kestrabo Labs announced the formation of a new holding company"
        " after their merger.",
        "Orlenta Systems and Kestrabo Labs created 500 jobs in 2019.",
        "Orlenta Systems announced the formation of Tamsel Cloud, a unit that makes chips.",
        "Smith and Jones founded Tamsel Cloud in 2019.",
        # "together with" on a verb of holding or buying
        "Orlenta Systems, together with Kestrabo Labs, holds 60% of the market.",
        # hired for advice or to lead a round: no goods or work supplied
        "Kestrabo Labs hired Orlenta Systems to advise it on the sale.",
        "Kestrabo Labs tapped Orlenta Systems to lead the funding round.",
        # a share of revenue from a unit or a country
        "Tamsel Cloud, the cloud unit, accounted for 40% of Orlenta Systems' revenue.",
        "China accounted for 20% of Orlenta Systems' revenue.",
        # taking a stake or market share is no supply
        "Kestrabo Labs took a 20% stake from Orlenta Systems.",
        "Kestrabo Labs took market share from Orlenta Systems.",
        "Orlenta Systems renewed its loan agreement with Kestrabo Bank.",
        # agreeing with a company on a view or a settlement; distributing a commodity
        "Orlenta Systems agreed with Kestrabo Labs that prices were too high.",
        "Orlenta Systems agreed with Kestrabo Labs to settle the lawsuit.",
        "Orlenta Systems is the largest distributor of electricity in Texas.",
    ],
)
def test_no_deal(extractor: Extractor, text: str) -> None:
    assert area(triples(extractor, text)) == set()


def test_a_price_offered_is_a_bid_not_supply(extractor: Extractor) -> None:
    found = triples(extractor, "Orlenta Systems offered $5 a share for Kestrabo Labs.")
    assert ("Orlenta Systems", "acquires", "Kestrabo Labs") in found
    assert not area(found)


def test_a_company_taken_on_in_a_market_is_a_rival(extractor: Extractor) -> None:
    found = triples(extractor, "Kestrabo Labs took on Orlenta Systems in the cloud market.")
    assert ("Kestrabo Labs", "competes_with", "Orlenta Systems") in found
    assert not area(found)
