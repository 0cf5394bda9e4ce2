"""Descriptions that stand for a company ("the chemicals maker", "the lender", "the new
group") in news: the kind the text said of one company decides, and nothing resolves
where two companies fit alike.

The companies and people are invented; no gazetteer entry helps.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import Document
from loaders.extract import ExtractedFact, Extractor

PUBLISHED = date(2024, 5, 1)

Triple = tuple[str, str, str]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def facts_of(extractor: Extractor, text: str) -> list[ExtractedFact]:
    return extractor.extract(Document(text, published=PUBLISHED, doc_id="t"))


def triples(facts: list[ExtractedFact]) -> set[Triple]:
    return {(f.subject.name, f.relation.value, f.object.name) for f in facts}


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # the description set off after the object name describes that name, not the
        # sentence's subject
        (
            "Orsa agreed to buy Norvik, the Swiss chemicals maker. Baltas Capital owns "
            "about 9% of the chemicals maker.",
            ("Baltas Capital", "invests_in", "Norvik"),
            ("Baltas Capital", "invests_in", "Orsa"),
        ),
        (
            "Halden agreed to buy Norvik, the Swiss chemicals maker, from Orsa for $2 "
            "billion. Baltas Capital holds 5% of the chemicals maker.",
            ("Baltas Capital", "invests_in", "Norvik"),
            ("Baltas Capital", "invests_in", "Orsa"),
        ),
        (
            "Orsa agreed to buy Norvik, the Swiss chemicals maker. The chemicals maker's "
            "largest shareholder, Baltas Capital, backed the deal.",
            ("Baltas Capital", "invests_in", "Norvik"),
            ("Baltas Capital", "invests_in", "Orsa"),
        ),
        # the subject described before its verb
        (
            "Norvik, the biggest Swiss chemicals maker, agreed to buy Halden. Baltas "
            "Capital owns 5% of the chemicals maker.",
            ("Baltas Capital", "invests_in", "Norvik"),
            ("Baltas Capital", "invests_in", "Halden"),
        ),
        # in the same sentence as the name
        (
            "Orsa agreed on Monday to buy Tessel, a Finnish software maker, for $400 "
            "million, and Baltas Capital said it would sell its 15% stake in the software "
            "maker.",
            ("Baltas Capital", "invests_in", "Tessel"),
            ("Baltas Capital", "invests_in", "Orsa"),
        ),
        # the kind said by "X is a ...", by a premodifier, by the name
        (
            "Veltrix is a German carmaker. In March, Orsa bought a 12% stake in the carmaker.",
            ("Orsa", "invests_in", "Veltrix"),
            None,
        ),
        (
            "Orsa said it would buy German carmaker Veltrix. Baltas Capital named Ella "
            "Brandt chief executive of the carmaker.",
            ("Ella Brandt", "executive_of", "Veltrix"),
            ("Ella Brandt", "executive_of", "Orsa"),
        ),
        (
            "Orsa Motors agreed to buy Selby Insurance. Baltas Capital built a stake in the "
            "insurer.",
            ("Baltas Capital", "invests_in", "Selby Insurance"),
            ("Baltas Capital", "invests_in", "Orsa Motors"),
        ),
        (
            "Selby Insurance agreed to buy Orsa Motors. Baltas Capital built a stake in the "
            "carmaker.",
            ("Baltas Capital", "invests_in", "Orsa Motors"),
            ("Baltas Capital", "invests_in", "Selby Insurance"),
        ),
        # two candidates, only one of the kind
        (
            "Pellan, a Dutch bank, agreed to lend money to Veltrix, a German carmaker. "
            "Ella Brandt is chief executive of the automaker.",
            ("Ella Brandt", "executive_of", "Veltrix"),
            ("Ella Brandt", "executive_of", "Pellan"),
        ),
        (
            "Veltrix, a German carmaker, and Pellan, a Dutch bank, signed a deal. Baltas "
            "Capital owns 7% of the lender.",
            ("Baltas Capital", "invests_in", "Pellan"),
            ("Baltas Capital", "invests_in", "Veltrix"),
        ),
        # the company a merger forms
        (
            "Norvik and Halden completed their merger to form Altavia on Monday. Baltas "
            "Capital owns about 9% of the new group.",
            ("Baltas Capital", "invests_in", "Altavia"),
            ("Baltas Capital", "invests_in", "Halden"),
        ),
        (
            "Norvik and Halden completed their merger to create Altavia. Ella Brandt was "
            "named chief executive of the new group.",
            ("Ella Brandt", "executive_of", "Altavia"),
            ("Norvik", "develops", "Altavia"),
        ),
        (
            "Norvik merged with Halden last year to create Altavia, a Swiss chemicals "
            "maker. Baltas Capital owns 9% of the chemicals maker.",
            ("Baltas Capital", "invests_in", "Altavia"),
            ("Norvik", "develops", "Altavia"),
        ),
        # the name the text gave the company a deal makes
        (
            "Orsa finished its takeover of Norvik on Monday. The combined company, Orsa "
            "Norvik, will be led by Ella Brandt. Baltas Capital owns about 7% of the new "
            "group.",
            ("Baltas Capital", "invests_in", "Orsa Norvik"),
            ("Baltas Capital", "invests_in", "Orsa"),
        ),
        (
            "Orsa agreed to buy Norvik for $5 billion. Baltas Capital will own about 16% of "
            "the combined company, to be called Orsa Norvik.",
            ("Baltas Capital", "invests_in", "Orsa Norvik"),
            ("Baltas Capital", "invests_in", "Orsa"),
        ),
        (
            "Orsa and Norvik agreed to merge. The merged group will be called Altavia. "
            "Baltas Capital will own 9% of the new company.",
            ("Baltas Capital", "invests_in", "Altavia"),
            ("Baltas Capital", "invests_in", "Orsa"),
        ),
        # "the combined firm" after a purchase that combines two companies is the buyer
        (
            "Orsa will buy Norvik for $2 billion, combining the two biggest Nordic brokers. "
            "Baltas Capital, a 40% shareholder in Norvik, will end up with 12% of the "
            "combined firm.",
            ("Baltas Capital", "invests_in", "Orsa"),
            None,
        ),
        # a description in a relative clause on a person titled with no company: the
        # company the sentence before is about, where the title holds
        (
            "Orsa said on Tuesday it would buy Norvik for $1 billion. Chairman and chief "
            "executive Ella Brandt, who gained control of the company through a $90 million "
            "investment in 2015, has since turned Orsa into a large group.",
            ("Ella Brandt", "invests_in", "Orsa"),
            ("Ella Brandt", "invests_in", "Norvik"),
        ),
        (
            "Orsa agreed to buy Norvik. Ella Brandt, the chief executive of Norvik, who "
            "founded the company in 2009, said the deal made sense.",
            ("Ella Brandt", "founded", "Norvik"),
            ("Ella Brandt", "founded", "Orsa"),
        ),
        # a listed pair's company is still the document's topic where it outweighs them
        (
            "Orsa won a banking licence on Monday, the Swedish fintech said. The licence "
            "lets Orsa compete with Halden and Pellan Bank. Chief executive Ella Brandt "
            "founded the company in 2015.",
            ("Ella Brandt", "founded", "Orsa"),
            ("Ella Brandt", "founded", "Pellan Bank"),
        ),
        # a place the text said of another company
        (
            "Orsa bought Veltrix, the Italian carmaker, last year. Baltas Capital has since "
            "built a 5% stake in the German company.",
            ("Orsa", "acquires", "Veltrix"),
            ("Baltas Capital", "invests_in", "Veltrix"),
        ),
        (
            "Orsa bought Veltrix, the Italian carmaker, last year. Baltas Capital has since "
            "built a 5% stake in the Italian company.",
            ("Baltas Capital", "invests_in", "Veltrix"),
            None,
        ),
    ],
)
def test_a_description_stands_for_the_company_of_its_kind(
    extractor: Extractor, text: str, want: Triple, wrong: Triple | None
) -> None:
    found = triples(facts_of(extractor, text))
    assert want in found
    assert wrong is None or wrong not in found


@pytest.mark.parametrize(
    ("text", "investor"),
    [
        # two companies listed, the kind said of neither
        (
            "Norvik and Halden dropped their planned merger after the activist fund Baltas "
            "Capital took a 15% holding in the Swiss chemicals maker.",
            "Baltas Capital",
        ),
        (
            "Orsa and Halden agreed to merge. Baltas Capital owns 9% of the company.",
            "Baltas Capital",
        ),
        # two companies of the same kind
        (
            "Orsa agreed to buy Norvik, a Swiss bank, and Halden, a Swiss bank. Baltas "
            "Capital owns 9% of the lender.",
            "Baltas Capital",
        ),
        (
            "Orsa and Halden, two Swiss lenders, agreed to merge. Baltas Capital owns 9% of "
            "the lender.",
            "Baltas Capital",
        ),
        (
            "Orsa, a German carmaker, agreed to buy Veltrix, a French carmaker. Baltas "
            "Capital owns 9% of the carmaker.",
            "Baltas Capital",
        ),
        (
            "Orsa Motors and Selby Insurance said Baltas Capital had built a 6% stake in the "
            "company.",
            "Baltas Capital",
        ),
        # a generic "a company" is no description of an earlier one
        (
            "Orsa agreed to buy Norvik. Baltas Capital has invested in a company that makes "
            "chemicals.",
            "Baltas Capital",
        ),
    ],
)
def test_a_description_two_companies_fit_stands_for_neither(
    extractor: Extractor, text: str, investor: str
) -> None:
    found = triples(facts_of(extractor, text))
    assert not [t for t in found if t[0] == investor]


@pytest.mark.parametrize(
    "text",
    [
        "Orsa agreed to buy Norvik, a Swiss bank, and Halden, a Swiss bank.",
        "Orsa said it bought Halden, a year after it sold Pellan.",
    ],
)
def test_a_list_of_described_names_keeps_its_names(extractor: Extractor, text: str) -> None:
    found = triples(facts_of(extractor, text))
    assert ("Orsa", "acquires", "Halden") in found
    assert not [t for t in found if "bank" in t[2] or "year" in t[2]]


@pytest.mark.parametrize(
    "text",
    [
        "Norvik and Halden scrapped their merger on Friday.",
        "Norvik and Halden called off their planned merger.",
        "Norvik and Halden terminated their merger agreement on Tuesday.",
        "Norvik abandoned its planned acquisition of Halden.",
        "Norvik has abandoned its $2 billion deal to buy Halden.",
        "Norvik said it had walked away from its deal to acquire Halden.",
        "Norvik and Halden dropped their planned merger after the activist fund Baltas "
        "Capital took a 15% holding in the Swiss chemicals maker.",
    ],
)
def test_a_called_off_deal_states_no_standing_acquisition(extractor: Extractor, text: str) -> None:
    deals = [f for f in facts_of(extractor, text) if f.relation.value == "acquires"]
    for deal in deals:
        assert deal.qualifiers.get("status") == "ended"
