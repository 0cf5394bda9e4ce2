"""Ownership as company histories and wire stories tell it: who bought whom.

The companies are invented, so no gazetteer entry helps: the rules must find the
buyer and the bought company from how the sentence is written. Each case lists
every ``acquires``, ``subsidiary_of`` and ``supplies`` fact the text states, so a
wrong direction or a sale read as goods fails as surely as a miss.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import Document
from loaders.extract import Extractor

PUBLISHED = date(2024, 5, 17)
OWNERSHIP = {"acquires", "subsidiary_of", "supplies"}

Triple = tuple[str, str, str]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def owned(extractor: Extractor, text: str, published: date | None) -> set[Triple]:
    facts = extractor.extract(Document(text, published=published, doc_id="h"))
    return {
        (f.subject.name, f.relation.value, f.object.name)
        for f in facts
        if f.relation.value in OWNERSHIP
    }


BOUGHT = ("Baltas Group", "acquires", "Norvik")

GERUNDS = [
    # a passive gerund under a preposition of time is about the clause's subject
    "After being acquired by Baltas Group, Norvik became a maker of pumps.",
    "After being acquired by Baltas Group in 2012, Norvik moved its offices to Oslo.",
    "Since being acquired by Baltas Group, Norvik has grown quickly.",
    "Norvik grew quickly after being bought by Baltas Group in 2004.",
    "Before being acquired by Baltas Group in 2004, Norvik was listed in Oslo.",
    "Norvik is currently in the process of being bought by Baltas Group.",
    "Norvik makes pumps. After being acquired by Baltas Group, the company moved to Oslo.",
    # a possessive in the opening phrase stands for the clause's subject
    "Following its acquisition by Baltas Group, Norvik expanded into Asia.",
    "Upon its acquisition by Baltas Group in 2004, Norvik moved to Oslo.",
    "After its sale to Baltas Group, Norvik expanded into Asia.",
    # a deal noun with only its buyer, in the opening phrase: "following" is a preposition
    "Following the takeover by Baltas Group, Norvik moved to Oslo.",
    "Norvik makes pumps. Following the takeover by Baltas Group, the company moved to Oslo.",
]


@pytest.mark.parametrize("text", GERUNDS)
@pytest.mark.parametrize("published", [PUBLISHED, None], ids=["news", "reference"])
def test_a_phrase_of_time_names_the_company_bought(
    extractor: Extractor, text: str, published: date | None
) -> None:
    assert owned(extractor, text, published) == {BOUGHT}


@pytest.mark.parametrize(
    "text",
    [
        "Norvik fought hard against being taken over by Baltas Group.",
        # the subject after the verb is no clause the opening phrase is about
        "Among its backers prior to its sale were Baltas Group and Telvane Capital.",
    ],
)
def test_no_deal_outside_a_phrase_of_time(extractor: Extractor, text: str) -> None:
    assert not {t for t in owned(extractor, text, PUBLISHED) if t[1] == "acquires"}


CASES: list[tuple[str, set[Triple] | None]] = [
    # a passive merger: the company merged with the other is absorbed by it
    ("Norvik was merged with Baltas Group in 1999.", {BOUGHT}),
    ("In 2004 Norvik was merged with Baltas Group.", {BOUGHT}),
    ("Norvik was merged into Baltas Group in 1999.", {BOUGHT}),
    # a bare past form joined to a passive shares it
    (
        "Norvik Corp was founded in 1950 by Ella Brandt and sold to Baltas Group in 2004.",
        {("Baltas Group", "acquires", "Norvik Corp")},
    ),
    (
        "Norvik Corp was listed in 1990 and sold to Baltas Group in 2004.",
        {("Baltas Group", "acquires", "Norvik Corp")},
    ),
    (  # with an object of its own it is active again: goods sold
        "Norvik Corp was founded by Ella Brandt in 1950 and sold pumps to Baltas Group.",
        {("Norvik Corp", "supplies", "Baltas Group")},
    ),
    # accounts, chains and companies sold are no goods
    ("Norvik sold all its accounts to Baltas Group.", set()),
    ("Norvik sold its restaurant chain to Baltas Group in 2009.", set()),
    ("Norvik sold 40 turbines to Baltas Group.", {("Norvik", "supplies", "Baltas Group")}),
    # a company described as another's acquisition
    ("Norvik was one of Baltas Group's first acquisitions.", {BOUGHT}),
    ("Norvik was Baltas Group's largest acquisition.", {BOUGHT}),
    (
        "Baltas Group's acquisitions include Norvik and Telvane.",
        {BOUGHT, ("Baltas Group", "acquires", "Telvane")},
    ),
    # a merger whose sentence says one party now belongs to the other: that one is bought
    (
        "Norvik completed its merger with Baltas Group and is now a wholly owned"
        " subsidiary of Baltas Group.",
        {BOUGHT, ("Norvik", "subsidiary_of", "Baltas Group")},
    ),
    (
        "Norvik merged with Baltas Group in 2004 and became part of Baltas Group.",
        {BOUGHT, ("Norvik", "subsidiary_of", "Baltas Group")},
    ),
    (  # a third company it now belongs to survives no merger
        "Norvik merged with Baltas Group in 2004 and is now a unit of Telvane Holdings.",
        {("Norvik", "acquires", "Baltas Group"), ("Norvik", "subsidiary_of", "Telvane Holdings")},
    ),
    (  # a unit merged into its parent is no acquisition
        "Baltas Group will merge with Norvik, its wholly owned subsidiary.",
        {("Norvik", "subsidiary_of", "Baltas Group")},
    ),
    # ownership handed over
    ("Telvane sold its ownership of Norvik to Baltas Group in 2003.", {BOUGHT}),
    ("Baltas Group took ownership of Norvik in 2003.", {BOUGHT}),
    # attempts and bids that came to nothing state no deal
    ("Baltas Group's attempt to buy Norvik failed.", set()),
    ("Baltas Group abandoned its attempt to buy Norvik.", set()),
    ("Baltas Group's bid for Norvik failed.", set()),
    # a gapped second object, which the parser hangs on the first one's date
    (
        "Kestrel Group acquired Norvik Corp in 2004 and Telvane Systems in 2006.",
        {
            ("Kestrel Group", "acquires", "Norvik Corp"),
            ("Kestrel Group", "acquires", "Telvane Systems"),
        },
    ),
    (  # a second clause with a buyer of its own is no object of the first
        "Kestrel Group sold Norvik Corp to Baltic Holdings in 2004 and Telvane Systems to"
        " Orlamo Labs in 2006.",
        None,
    ),
    # a company taken private: the adjective is the verb's complement
    ("Norvik was taken private by Baltas Group in 2009.", {BOUGHT}),
    ("Baltas Group took Norvik private in 2009.", {BOUGHT}),
    # the kinds already read stay read
    ("Norvik, which Baltas Group bought in 2010, makes pumps.", {BOUGHT}),
    ("Norvik was founded in 1950. The company was sold to Baltas Group in 1998.", {BOUGHT}),
    ("Baltas Group completed acquisition of Norvik in March.", {BOUGHT}),
    ("Norvik was bought out by its management in 2004.", set()),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
@pytest.mark.parametrize("published", [PUBLISHED, None], ids=["news", "reference"])
def test_ownership_facts_stated(
    extractor: Extractor, text: str, expected: set[Triple] | None, published: date | None
) -> None:
    found = owned(extractor, text, published)
    if expected is None:  # only: no wrong buyer
        assert ("Baltic Holdings", "acquires", "Telvane Systems") not in found, found
        assert ("Baltic Holdings", "acquires", "Norvik Corp") in found, found
        return
    assert found == expected


def test_a_gapped_object_takes_its_own_date(extractor: Extractor) -> None:
    text = "Kestrel Group acquired Norvik Corp in March 2004 and Telvane Systems in June 2006."
    facts = extractor.extract(Document(text, published=None, doc_id="h"))
    when = {f.object.name: str(f.valid_from) for f in facts if f.relation.value == "acquires"}
    assert when == {"Norvik Corp": "2004-03", "Telvane Systems": "2006-06"}


@pytest.mark.parametrize("published", [PUBLISHED, None], ids=["news", "reference"])
def test_acquisitions_made_are_no_products(extractor: Extractor, published: date | None) -> None:
    """ "made several acquisitions, including X": X is no product of the buyer. The
    rules state nothing more; in reference text the learned stage may read the purchase
    itself, which is right."""
    text = "Baltas Group has made several acquisitions, including Norvik in 2004."
    found = owned(extractor, text, published)
    assert found <= {BOUGHT}, found
    facts = extractor.extract(Document(text, published=published, doc_id="h"))
    assert not [f for f in facts if f.relation.value == "develops"]
