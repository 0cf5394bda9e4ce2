"""Who makes what: the develops relation as company pages and news write it.

Sentences and names are invented. Each case lists every develops fact the sentence
states, and no other develops fact may come out of it: a shop selling goods, a
distributor or a broadcaster of a show, and a customer using a product make nothing.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import Document
from loaders.extract import Extractor

PUBLISHED = date(2024, 5, 1)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def develops(extractor: Extractor, text: str, undated: bool) -> set[tuple[str, str]]:
    doc = Document(text, published=None if undated else PUBLISHED, doc_id="t")
    return {
        (f.subject.name, f.object.name)
        for f in extractor.extract(doc)
        if f.relation.value == "develops"
    }


CASES = [
    # a list of works or goods after "such as", "like" or "including" on the object
    ("Norvik produces and distributes shows such as Harbor Lights, Cold Tide and Dust Road.",
     {("Norvik", "Harbor Lights"), ("Norvik", "Cold Tide"), ("Norvik", "Dust Road")}),
    ("Norvik Media has produced many shows, such as Cold Tide and Harbor Lights.",
     {("Norvik Media", "Cold Tide"), ("Norvik Media", "Harbor Lights")}),
    ("Norvik Brewing brews beers such as Fjord Gold and Black Harbor.",
     {("Norvik Brewing", "Fjord Gold"), ("Norvik Brewing", "Black Harbor")}),
    ("Norvik develops software including Tallybook and Formstack Pro.",
     {("Norvik", "Tallybook"), ("Norvik", "Formstack Pro")}),
    ("Norvik develops video games, including Skyfarer and Moonwell.",
     {("Norvik", "Skyfarer"), ("Norvik", "Moonwell")}),
    # the maker of a work as a noun: producer, production
    ("Norvik acts as producer of films such as Dust Road and Cold Tide.",
     {("Norvik", "Dust Road"), ("Norvik", "Cold Tide")}),
    ("Norvik has been responsible for the production of Cold Tide and Harbor Lights.",
     {("Norvik", "Cold Tide"), ("Norvik", "Harbor Lights")}),
    ("Norvik is the maker of the Brisa blender.", {("Norvik", "Brisa")}),
    # works a studio made, named after the kind of work
    ("Norvik Studios produced the films Dust Road and Harbor Lights.",
     {("Norvik Studios", "Dust Road"), ("Norvik Studios", "Harbor Lights")}),
    ("Norvik Films' first three films were Dust Road, Cold Tide and Harbor Lights.",
     {("Norvik Films", "Dust Road"), ("Norvik Films", "Cold Tide"),
      ("Norvik Films", "Harbor Lights")}),
    ("Norvik's television series include Cold Tide, Harbor Lights and Dust Road.",
     {("Norvik", "Cold Tide"), ("Norvik", "Harbor Lights"), ("Norvik", "Dust Road")}),
    ("Cold Tide is a 2012 drama film directed by Ella Brandt and produced by Norvik Films.",
     {("Norvik Films", "Cold Tide")}),
    # "known for" a making gerund
    ("Norvik Studios is best known for producing Cold Tide and Harbor Lights.",
     {("Norvik Studios", "Cold Tide"), ("Norvik Studios", "Harbor Lights")}),
    ("Norvik is known for making films like Dust Road and Cold Tide.",
     {("Norvik", "Dust Road"), ("Norvik", "Cold Tide")}),
    # goods a company's set of goods lists
    ("Norvik's portfolio includes Velo Pad, Quilltrack and Harbor Desk.",
     {("Norvik", "Velo Pad"), ("Norvik", "Quilltrack"), ("Norvik", "Harbor Desk")}),
    ("Norvik currently has three products: Quilltrack, Velo Pad and Harbor Desk.",
     {("Norvik", "Quilltrack"), ("Norvik", "Velo Pad"), ("Norvik", "Harbor Desk")}),
    # a name before a kind of goods, with its model number
    ("Norvik makes the Tova kettle, the Brisa blender and the Pico toaster.",
     {("Norvik", "Tova"), ("Norvik", "Brisa"), ("Norvik", "Pico")}),
    ("Norvik makes kitchen appliances, including the Brisa blender and the Tova kettle.",
     {("Norvik", "Brisa"), ("Norvik", "Tova")}),
    ("Norvik unveiled the Strand 40 amplifier at the show.", {("Norvik", "Strand 40")}),
    ("Norvik Arms is a firearms manufacturer known for the Ranger 45 pistol.",
     {("Norvik Arms", "Ranger 45")}),
    ("The Brisa blender is made by Norvik.", {("Norvik", "Brisa")}),
    # other verbs of making
    ("Norvik is a brewery in Bergen that brews Fjord Gold and Black Harbor.",
     {("Norvik", "Fjord Gold"), ("Norvik", "Black Harbor")}),
    # what makes nothing
    ("Boeing is a planemaker. Baltas flies 40 Boeing 737s and two Boeing 717s.", set()),
    ("The first popular singer was Ella Brandt, who created the band Riffle.", set()),
    ("Baltas Stores sells the Brisa blender and the Tova kettle.", set()),
    ("Baltas Group, a distributor, markets the Brisa blender in Spain.", set()),
    ("Baltas Retail is a retailer that sells Norvik's Brisa blender.", {("Norvik", "Brisa")}),
    ("Norvik is a company that distributes films such as Dust Road and Cold Tide.", set()),
    ("Baltas TV broadcast Cold Tide in 2015.", set()),
    ("Norvik Records released the album Cold Tide in 2001.", set()),
    ("Baltas Airlines uses Tallybook to manage its accounts.", set()),
    # a language before the kind of work names no maker
    ("Harbor Lights is a Telugu - language thriller film from 2011.", set()),
]  # fmt: skip


@pytest.mark.parametrize("undated", [True, False], ids=["reference", "news"])
@pytest.mark.parametrize(("text", "expected"), CASES)
def test_develops(
    extractor: Extractor, text: str, expected: set[tuple[str, str]], undated: bool
) -> None:
    assert develops(extractor, text, undated) == expected
