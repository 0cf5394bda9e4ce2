"""Encyclopedic and biography text (helper wiki): a biography's subject named by a
first name alone that NER took for a company holds the role its clause gives, and a
pronoun after it stands for it when a job title describes it; a
founding role conjoined to another role ("president and founding chief executive")
founded the company; a founder noun joined before a role ("X founder and chief
executive A") founded it too, and is cut off the company's name NER ran it into; a
company founded "as" an earlier name "by" its founders (the "by" phrase the parser hung
on that name); a known company's name followed by more name words and a legal form
("Orlo Sports Co. Ltd.") names another company.

Sentences are invented for these tests; names are made up so no gazetteer entry helps,
except the known company whose name opens a longer one (the mechanism needs one).
"""

from __future__ import annotations

import pytest

from loaders.extract import Extractor
from tests.extract_util import Triple, triples


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def area(found: set[Triple]) -> set[Triple]:
    return {t for t in found if t[1] in {"executive_of", "founded", "subsidiary_of"}}


FOUND: list[tuple[str, set[Triple]]] = [
    # a first name alone, the subject of a role
    (
        "Oskar was formerly chief executive officer of Tarnwick Ltd and has long experience.",
        {("Oskar", "executive_of", "Tarnwick Ltd")},
    ),
    (
        "Ilsabet is the chief executive of Quorvane Analytics, a data firm in Leeds.",
        {("Ilsabet", "executive_of", "Quorvane Analytics")},
    ),
    (
        "Devika co-founded Marlow Advisory in 2014 and has been serving as CEO since 2016.",
        {
            ("Devika", "founded", "Marlow Advisory"),
            ("Devika", "executive_of", "Marlow Advisory"),
        },
    ),
    # a pronoun after a sentence whose subject is a first name a job title describes
    (
        "Oskar, formerly Tarnwick's chief operating officer, took over from Lena Berg as CEO "
        "in 2008. He also started Pellmont Labs.",
        {
            ("Oskar", "executive_of", "Tarnwick"),
            ("Lena Berg", "executive_of", "Tarnwick"),
            ("Oskar", "founded", "Pellmont Labs"),
        },
    ),
    (
        "Brannock hired Ana Ruiz as its chief executive. She previously founded Norrik Labs.",
        {("Ana Ruiz", "executive_of", "Brannock"), ("Ana Ruiz", "founded", "Norrik Labs")},
    ),
    # a founding role conjoined to another role
    (
        "Greta Holm served as president and founding chief executive of the Varnel Museum "
        "from 1988 to 2009.",
        {
            ("Greta Holm", "executive_of", "Varnel Museum"),
            ("Greta Holm", "founded", "Varnel Museum"),
        },
    ),
    (
        "Tobin Ashcroft was chairman and founding president of Kelvaro Systems.",
        {
            ("Tobin Ashcroft", "executive_of", "Kelvaro Systems"),
            ("Tobin Ashcroft", "founded", "Kelvaro Systems"),
        },
    ),
    (
        "Lena Ostrova, the founding chief executive of Dravik Health, retired in 2019.",
        {
            ("Lena Ostrova", "executive_of", "Dravik Health"),
            ("Lena Ostrova", "founded", "Dravik Health"),
        },
    ),
    # a founder noun joined before the role, in front of the name
    (
        "Quillon founder and CEO Mara Lindqvist said the firm had doubled its staff.",
        {
            ("Mara Lindqvist", "executive_of", "Quillon"),
            ("Mara Lindqvist", "founded", "Quillon"),
        },
    ),
    (
        "Brevant Founder and Chairman Osric Tallow opened the new plant in March.",
        {
            ("Osric Tallow", "executive_of", "Brevant"),
            ("Osric Tallow", "founded", "Brevant"),
        },
    ),
    (
        "Harlowe co-founder and chairman Pia Sandahl will step down next year.",
        {
            ("Pia Sandahl", "executive_of", "Harlowe"),
            ("Pia Sandahl", "founded", "Harlowe"),
        },
    ),
    # founded "as" an earlier name "by" its founders
    (
        "Tervola Games was founded in 1979 as Ombrel Systems by Anika Sorn and Jules Varga.",
        {
            ("Anika Sorn", "founded", "Tervola Games"),
            ("Jules Varga", "founded", "Tervola Games"),
        },
    ),
    (
        "Tervola Games is an American publisher founded in 1981 as Ombrel Systems by Anika Sorn.",
        {("Anika Sorn", "founded", "Tervola Games")},
    ),
    (
        "The label was started in 1990 as Pinewood Tapes by Jules Varga.",
        set(),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_encyclopedic_roles_and_founders(
    extractor: Extractor, text: str, expected: set[Triple]
) -> None:
    assert area(triples(extractor, text)) == expected


@pytest.mark.parametrize(
    ("text", "unit", "parent"),
    [
        (
            "Halden Pumps is a unit of Toyota Marine Co. Ltd., based in Osaka.",
            "Halden Pumps",
            "Toyota Marine",
        ),
        (
            "Halden Pumps is a wholly owned subsidiary of Toyota Seiki Co., Ltd.",
            "Halden Pumps",
            "Toyota Seiki",
        ),
    ],
)
def test_legal_forms_close_the_longer_name(
    extractor: Extractor, text: str, unit: str, parent: str
) -> None:
    # a known company's name ("Toyota") opens the longer name of another company
    parents = {o for s, r, o in triples(extractor, text) if s == unit and r == "subsidiary_of"}
    assert parents and all(o.startswith(parent) for o in parents)


@pytest.mark.parametrize(
    "text",
    [
        # a company as the subject of a clause is no person
        "Tarnwick is the largest supplier of Quorvane Analytics.",
        # a first name with a surname after it is not alone
        "Oskar Lind was a director of the Tarnwick Foundation.",
    ],
)
def test_no_person_made_of_a_company(extractor: Extractor, text: str) -> None:
    found = area(triples(extractor, text))
    assert ("Tarnwick", "executive_of", "Quorvane Analytics") not in found
    assert ("Oskar", "executive_of", "Tarnwick Foundation") not in found
