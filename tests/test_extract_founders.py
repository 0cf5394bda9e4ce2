"""Founders as news writes them: lists of founders and the clauses that name them.

Every company and person here is invented, so no gazetteer entry helps. Each case
lists exactly the ``founded`` facts the sentence states: a founder the rules miss
and a founder they make up both fail it.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import Document
from loaders.extract import Extractor

PUBLISHED = date(2024, 5, 17)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def founders(extractor: Extractor, text: str) -> set[tuple[str, str]]:
    facts = extractor.extract(Document(text, published=PUBLISHED, doc_id="t"))
    return {(f.subject.name, f.object.name) for f in facts if f.relation.value == "founded"}


LISTED = [
    # a description set off after the company, holding a plural the parser read as a verb
    (
        "Norvik, the Denver studio behind shows such as 'Night Shift', was founded in 2014"
        " by Ella Brandt and Karl Lind.",
        {("Ella Brandt", "Norvik"), ("Karl Lind", "Norvik")},
    ),
    (
        "Norvik, the Oslo firm behind apps like Trackly, was co-founded in 2015 by Ella"
        " Brandt and Karl Lind.",
        {("Ella Brandt", "Norvik"), ("Karl Lind", "Norvik")},
    ),
    # list items led by a kinship noun
    (
        "Norvik was started in 2002 in Boise, Idaho, by Ryan Holt, his brother Jared Holt,"
        " their father Scott Holt and Stuart Ovel.",
        {
            ("Ryan Holt", "Norvik"),
            ("Jared Holt", "Norvik"),
            ("Scott Holt", "Norvik"),
            ("Stuart Ovel", "Norvik"),
        },
    ),
    (
        "Norvik was founded in 1962 by Ryan Holt, his wife Dana Holt and their son Jared Holt.",
        {("Ryan Holt", "Norvik"), ("Dana Holt", "Norvik"), ("Jared Holt", "Norvik")},
    ),
    (
        "Ryan Holt, his brother Jared Holt and Stuart Ovel founded Norvik in 2002.",
        {("Ryan Holt", "Norvik"), ("Jared Holt", "Norvik"), ("Stuart Ovel", "Norvik")},
    ),
    (
        "Norvik was founded in 1990 by Ryan Holt and his wife Dana Holt.",
        {("Ryan Holt", "Norvik"), ("Dana Holt", "Norvik")},
    ),
    (
        "Norvik was founded by brothers Sergio Vard and Bruno Vard in 1988.",
        {("Sergio Vard", "Norvik"), ("Bruno Vard", "Norvik")},
    ),
    # the company a relative clause on its description says someone founded
    (
        "Ella Brandt is stepping down as chief executive of Norvik, the streaming service she"
        " co-founded with Karl Lind in 1997.",
        {("Ella Brandt", "Norvik"), ("Karl Lind", "Norvik")},
    ),
    (
        "Karl Lind will leave Norvik, the payments company he co-founded with Ella Brandt in 2011.",
        {("Karl Lind", "Norvik"), ("Ella Brandt", "Norvik")},
    ),
    (
        "Baltas agreed to buy a stake in Norvik, the Chinese e-commerce company that former"
        " teacher Jack Lin founded in 1999.",
        {("Jack Lin", "Norvik")},
    ),
    (
        "Orsa said it would buy a majority stake in Norvik, the Danish toy maker that"
        " businessman Paul Crane founded in 1932.",
        {("Paul Crane", "Norvik")},
    ),
    # founder nouns and the names set off beside them
    (
        "Norvik's founders, Gerard Hale, who was chief architect at Baltas, Manu Gord and"
        " John Brisk, will join Orsa.",
        {("Gerard Hale", "Norvik"), ("Manu Gord", "Norvik"), ("John Brisk", "Norvik")},
    ),
    (
        "The founders of Norvik, Ella Brandt and Karl Lind, declined to comment.",
        {("Ella Brandt", "Norvik"), ("Karl Lind", "Norvik")},
    ),
    (
        "The co-founders of Norvik, Ella Brandt and Karl Lind, own 40% of the shares.",
        {("Ella Brandt", "Norvik"), ("Karl Lind", "Norvik")},
    ),
    (
        "Ella Brandt and Karl Lind, the co-founders of Norvik, said sales rose.",
        {("Ella Brandt", "Norvik"), ("Karl Lind", "Norvik")},
    ),
    (
        "Ella Brandt, Karl Lind and Paul Crane, the founders of Norvik, sold their shares.",
        {("Ella Brandt", "Norvik"), ("Karl Lind", "Norvik"), ("Paul Crane", "Norvik")},
    ),
    (
        "Norvik's founders, Ella Brandt and Karl Lind, and investor Paul Crane will join the"
        " board.",
        {("Ella Brandt", "Norvik"), ("Karl Lind", "Norvik")},
    ),
    (
        "Norvik co-founders Ella Brandt and Karl Lind said the company would expand.",
        {("Ella Brandt", "Norvik"), ("Karl Lind", "Norvik")},
    ),
    # titles before names, and clauses on a founder
    (
        "Norvik, founded in 2006 by chief executive Ella Brandt along with Linda Ahl and Paul"
        " Crane, said customers could opt out.",
        {("Ella Brandt", "Norvik"), ("Linda Ahl", "Norvik"), ("Paul Crane", "Norvik")},
    ),
    (
        "Kelto, founded in 2011 by chief executive Ana Ruiz along with Linda Ahl and Paul"
        " Crane, said it would hire 200 people.",
        {("Ana Ruiz", "Kelto"), ("Linda Ahl", "Kelto"), ("Paul Crane", "Kelto")},
    ),
    # a description set off with its relative clause, whatever the parser hung it on
    (
        "Ryan Holt is stepping down as chief executive of Kelto, the streaming service he"
        " co-founded with Ivo Marsh in 1997, and will become chairman.",
        {("Ryan Holt", "Kelto"), ("Ivo Marsh", "Kelto")},
    ),
    (
        "Ryan Holt resigned as president of Kelto, the software maker he started with Ivo"
        " Marsh in 1990, and will join Orsa.",
        {("Ryan Holt", "Kelto"), ("Ivo Marsh", "Kelto")},
    ),
    (
        "Kelto, the Madrid startup behind games such as Dune Run, was founded by Ana Ruiz.",
        {("Ana Ruiz", "Kelto")},
    ),
    ("After Orsa bought Norvik, the company it owned laid off 30 people.", set()),
    # a relative clause with no "that" whose subject is a name
    (
        "Norvik, the company Ella Brandt started in his garage in 1984, was sold to Baltas.",
        {("Ella Brandt", "Norvik")},
    ),
    (
        "Baltas bought Norvik, the bakery chain Ella Brandt started in 1984.",
        {("Ella Brandt", "Norvik")},
    ),
    ("Norvik, the firm Ella Brandt founded in 2001, makes pumps.", {("Ella Brandt", "Norvik")}),
    # a founder of another company set off beside a name founds nothing here
    (
        "Norvik was bought by Ella Brandt, a co-founder of Baltas, in 2019.",
        {("Ella Brandt", "Baltas")},
    ),
    (
        "Norvik named Ella Brandt, the founder of Kestrel Labs, as chair.",
        {("Ella Brandt", "Kestrel Labs")},
    ),
    (
        "Ella Brandt, who co-founded Norvik with Karl Lind in 2010, left the company last year.",
        {("Ella Brandt", "Norvik"), ("Karl Lind", "Norvik")},
    ),
    (
        "Ella Brandt and Karl Lind, who founded Norvik in 2010, sold the company to Baltas.",
        {("Ella Brandt", "Norvik"), ("Karl Lind", "Norvik")},
    ),
    # what states no founding: backers, a date beside another company, a description
    (
        "Norvik was founded in 2010 by Ella Brandt and backed by Baltas Capital.",
        {("Ella Brandt", "Norvik")},
    ),
    ("Norvik was founded in 2012, a year after Baltas.", set()),
    ("Ryan Holt, his brother, said the company had grown.", set()),
    ("The investors in Norvik, Baltas Capital and Orsa Ventures, declined to comment.", set()),
    ("Ella Brandt and Karl Lind, the chief executives of Norvik and Orsa, met on Monday.", set()),
]


@pytest.mark.parametrize(("text", "expected"), LISTED)
def test_founders_listed_and_described(
    extractor: Extractor, text: str, expected: set[tuple[str, str]]
) -> None:
    assert founders(extractor, text) == expected


def test_a_plural_after_the_name_is_no_description_of_it(extractor: Extractor) -> None:
    """ "the companies announced" after a company's name speaks of the subjects, not of
    the name before the comma: the venture they form is no product of theirs."""
    text = (
        "Kelto and Varn Metals will jointly sell a new alloy through a venture called"
        " Ostra, the companies announced on Monday."
    )
    facts = extractor.extract(Document(text, published=PUBLISHED, doc_id="t"))
    assert not [f for f in facts if f.relation.value == "develops"]
