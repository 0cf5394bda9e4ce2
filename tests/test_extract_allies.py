"""Partnerships and supply ties as company pages, reference passages and news write them.

Invented sentences and names. Each case lists every ``partners_with`` and ``supplies``
fact it states (``partners_with`` in either order); any other fact of those two
relations is wrong.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import Document
from loaders.extract import Extractor

PUBLISHED = date(2024, 5, 1)
AREA = {"partners_with", "supplies"}

Triple = tuple[str, str, str]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def area_facts(extractor: Extractor, text: str, undated: bool) -> set[Triple]:
    doc = Document(text, published=None if undated else PUBLISHED, doc_id="t")
    found = set()
    for f in extractor.extract(doc):
        s, r, o = f.subject.name, f.relation.value, f.object.name
        if r == "partners_with":
            s, o = sorted((s, o))
        found.add((s, r, o))
    return found


S = "supplies"
P = "partners_with"

CASES: list[tuple[str, list[Triple], bool]] = [
    # A contract maker supplies the company whose goods it makes, past a portion word.
    ("Norvik's beers are brewed by Helmstad.", [("Helmstad", S, "Norvik")], True),
    (
        "Since 2002, most of Norvik's beers have been brewed by Helmstad Brewery in Kent.",
        [("Helmstad Brewery", S, "Norvik")],
        True,
    ),
    (
        "Norvik is a Danish brewer. Its beers are brewed under licence by Helmstad.",
        [("Helmstad", S, "Norvik")],
        True,
    ),
    # A firm engaged to do a job does it, whoever engaged it.
    (
        "Norvik was hired by Helmstad to build its new headquarters.",
        [("Norvik", S, "Helmstad")],
        True,
    ),
    (
        "Norvik was employed by Helmstad to design the new terminal.",
        [("Norvik", S, "Helmstad")],
        True,
    ),
    (
        "In 2014, Norvik was commissioned by Helmstad to design a new logo.",
        [("Norvik", S, "Helmstad")],
        True,
    ),
    (
        "In 2009, Norvik was hired by Helmstad, a Swedish retailer, to design its stores.",
        [("Norvik", S, "Helmstad")],
        True,
    ),
    (
        "Norvik, which was hired by Helmstad to build the tunnel, went bankrupt in 2011.",
        [("Norvik", S, "Helmstad")],
        True,
    ),
    ("Helmstad was commissioned by the government to build the dam.", [], True),
    ("Norvik was employed by Helmstad until 2010.", [], True),
    # Goods sold through a retailer: the maker supplies the retailer.
    ("Norvik sells its products through Helmstad.", [("Norvik", S, "Helmstad")], True),
    (
        "Norvik sells its products through retailers such as Helmstad and Tandrel.",
        [("Norvik", S, "Helmstad"), ("Norvik", S, "Tandrel")],
        True,
    ),
    (
        "Norvik's products are sold through Helmstad and Tandrel.",
        [("Norvik", S, "Helmstad"), ("Norvik", S, "Tandrel")],
        True,
    ),
    (
        "Norvik's products are sold in stores such as Helmstad and Tandrel.",
        [("Norvik", S, "Helmstad"), ("Norvik", S, "Tandrel")],
        True,
    ),
    (
        "Founded in 1988, Norvik sells its furniture through Helmstad and Tandrel.",
        [("Norvik", S, "Helmstad"), ("Norvik", S, "Tandrel")],
        True,
    ),
    (
        "Norvik will sell its drinks through Helmstad stores across Germany.",
        [("Norvik", S, "Helmstad")],
        False,
    ),
    ("Norvik sold its headquarters building to Helmstad in 2010.", [], True),
    ("Norvik's shares are sold on the Oslo exchange.", [], True),
    ("Norvik's assets were sold to Helmstad in 2002.", [], True),
    # A distributor partners with the company whose goods or titles it distributes, as
    # a distribution agreement does; goods distributed through a retailer supply it.
    (
        "Norvik distributes titles from Helmstad, Tandrel and Kemper Mills.",
        [("Helmstad", P, "Norvik"), ("Norvik", P, "Tandrel"), ("Kemper Mills", P, "Norvik")],
        True,
    ),
    ("Norvik distributes Helmstad products in Poland.", [("Helmstad", P, "Norvik")], True),
    ("Norvik's films are distributed by Helmstad.", [("Helmstad", P, "Norvik")], True),
    (
        "Since 2015, Norvik has distributed Helmstad's games in Japan.",
        [("Helmstad", P, "Norvik")],
        True,
    ),
    (
        "Under the agreement, Norvik will distribute Helmstad films in Asia.",
        [("Helmstad", P, "Norvik")],
        False,
    ),
    ("Norvik distributes its products through Helmstad.", [("Norvik", S, "Helmstad")], True),
    ("Norvik distributed shares to Helmstad shareholders.", [], True),
    # Customers named after a fronted "among" phrase.
    (
        "Among Norvik's customers are Helmstad and Tandrel.",
        [("Norvik", S, "Helmstad"), ("Norvik", S, "Tandrel")],
        True,
    ),
    (
        "Norvik makes software for banks. Among its customers are Helmstad and Tandrel.",
        [("Norvik", S, "Helmstad"), ("Norvik", S, "Tandrel")],
        True,
    ),
    (
        "Among the partners of Norvik are Helmstad and Tandrel.",
        [("Helmstad", P, "Norvik"), ("Norvik", P, "Tandrel")],
        True,
    ),
    # Customers listed after a place phrase the parser hung the list on.
    (
        "Norvik has 600 clients in 30 markets, including Helmstad and Tandrel.",
        [("Norvik", S, "Helmstad"), ("Norvik", S, "Tandrel")],
        True,
    ),
    ("Norvik has customers in many countries, including France and Spain.", [], True),
    # Concessions run inside another company's stores.
    (
        "Norvik opened concession stores within Helmstad supermarkets.",
        [("Helmstad", P, "Norvik")],
        True,
    ),
    (
        "In 2005, Norvik opened its first concession inside a Helmstad department store.",
        [("Helmstad", P, "Norvik")],
        True,
    ),
    ("The government granted Norvik a mining concession in Chile.", [], True),
    # Licensing out, and contracts awarded.
    ("Norvik licensed its technology to Helmstad.", [("Helmstad", P, "Norvik")], True),
    (
        "Norvik has agreed to license its patents to Helmstad.",
        [("Helmstad", P, "Norvik")],
        False,
    ),
    (
        "Norvik was awarded a contract by Helmstad to build the plant.",
        [("Norvik", S, "Helmstad")],
        False,
    ),
    # Forms the extractor already read, kept so the changes above do not lose them.
    (
        "Norvik's clients include Helmstad, Tandrel and Kemper Mills.",
        [("Norvik", S, "Helmstad"), ("Norvik", S, "Tandrel"), ("Norvik", S, "Kemper Mills")],
        True,
    ),
    (
        "Norvik was founded in 1990. The company supplies Helmstad with engines.",
        [("Norvik", S, "Helmstad")],
        True,
    ),
    (
        "Norvik launched the service in partnership with Helmstad.",
        [("Helmstad", P, "Norvik")],
        True,
    ),
    (
        "Norvik signed licensing deals with Helmstad and Tandrel.",
        [("Helmstad", P, "Norvik"), ("Norvik", P, "Tandrel")],
        True,
    ),
    ("Helmstad hired Norvik to build its new headquarters.", [("Norvik", S, "Helmstad")], True),
    # What states neither tie.
    ("Norvik sued Helmstad over a patent dispute.", [], True),
    ("Norvik sold its trucking unit to Helmstad in 2010.", [], True),
    ("Norvik donated equipment to the Helmstad Foundation.", [], True),
    (
        "Helmstad supplies Norvik, which in turn supplies Tandrel.",
        [("Helmstad", S, "Norvik"), ("Norvik", S, "Tandrel")],
        True,
    ),
    (
        "Norvik buys steel from Helmstad, whose supplier is Kemper Mills.",
        [("Helmstad", S, "Norvik"), ("Kemper Mills", S, "Helmstad")],
        True,
    ),
    ("Norvik sold Helmstad to Tandrel in 2004.", [], True),
    ("Norvik acquired Helmstad in 2012.", [], True),
    ("Norvik sold its chip unit to Helmstad for $2 billion.", [], False),
]


@pytest.mark.parametrize(("text", "expected", "undated"), CASES)
def test_partner_and_supply_ties(
    extractor: Extractor, text: str, expected: list[Triple], undated: bool
) -> None:
    want = {(min(s, o), r, max(s, o)) if r == P else (s, r, o) for s, r, o in expected}
    got = {t for t in area_facts(extractor, text, undated) if t[1] in AREA}
    assert got == want
