"""Commercial ties in business news (helper light): supply, use, making, rivalry and
partnership as news writes them beyond the plain verbs.

Mechanisms covered:
- a verb's third-person form read as a plural noun at the root, its subject's words hung
  on it ("X competes against Y", "the X7 ships with Y", "X's app runs on Y");
- goods that ship with, come with, feature, carry, run or are fitted or equipped with
  other goods use them (only goods: a company that "featured" or "came with" something
  uses nothing);
- a company running on another (not on software it owns, nor on a name described as
  goods), or switching, migrating or moving its data or workloads to it, is its
  customer (not when the switchers are a company's customers); so is one a company
  landed, won or secured as a client;
- goods' "from" phrase that the parser hung on the verb ("run on processors from X")
  still names their maker;
- rivals named by their goods ("X's Vela is pitted against the Zeta, made by Y", "the
  Zeta from Y") stand for their makers, and goods with no maker named make no rivals
  (typed goods stand in only against goods);
  "outsold" read as an adjective; companies battling or fighting for customers;
- companies pooling their resources, or one joining an alliance another leads;
- a brand or drug named after its owner's possessive ("X Foods' Crunchy brand", "X's
  drug Kelvax"), and a carrier's coded jets, which it flies and does not make.

Sentences are invented for these tests; names are made up so no gazetteer entry helps.
"""

from __future__ import annotations

import pytest

from loaders.extract import Extractor
from tests.extract_util import Triple, norm, triples

AREA = {"supplies", "uses", "develops", "competes_with", "partners_with"}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def area(found: set[Triple]) -> set[Triple]:
    return {t for t in found if t[1] in AREA}


def cw(a: str, b: str) -> Triple:
    return norm(a, "competes_with", b)


def pw(a: str, b: str) -> Triple:
    return norm(a, "partners_with", b)


QS, TM, HC, NL = "Quorvel Semiconductor", "Tessan Motors", "Halvard Cloud", "Norrik Labs"
DS, SN = "Dravon Systems", "Sorrel Networks"

SUPPLIES: list[tuple[str, set[Triple]]] = [
    ("Quorvel Semiconductor's chips power Tessan Motors' new sedans.", {(QS, "supplies", TM)}),
    # goods' "from" phrase hung on the verb
    ("Tessan Motors' cars run on processors from Quorvel Semiconductor.",
     {(QS, "supplies", TM)}),
    ("Since 2021, Tessan Motors' trucks have run on batteries from Quorvel Semiconductor.",
     {(QS, "supplies", TM)}),
    # a company running on another
    ("Norrik Labs runs its apps on Halvard Cloud's servers.", {(HC, "supplies", NL)}),
    ("Norrik Labs runs on Halvard Cloud, the company said.", {(HC, "supplies", NL)}),
    ("Norrik Labs, which runs on Halvard Cloud, raised prices on Monday.",
     {(HC, "supplies", NL)}),
    # switching, moving data or workloads to a company
    ("Tessan Motors switched to Halvard Cloud from Sorrel Networks last year.",
     {(HC, "supplies", TM)}),
    ("Norrik Labs will switch to Halvard Cloud in 2025, according to a filing.",
     {(HC, "supplies", NL)}),
    ("Norrik Labs moved its data to Halvard Cloud in 2022.", {(HC, "supplies", NL)}),
    ("Norrik Labs is moving its workloads to Halvard Cloud.", {(HC, "supplies", NL)}),
    # a client landed, won or secured
    ("Halvard Cloud landed Norrik Labs as a client in a deal worth $200 million.",
     {(HC, "supplies", NL)}),
    ("Halvard Cloud has won Norrik Labs as a customer.", {(HC, "supplies", NL)}),
    ("Halvard Cloud secured Norrik Labs as a client in March.", {(HC, "supplies", NL)}),
    # plainer phrasings the mechanisms above must not disturb
    ("Tessan Motors is a major customer of Quorvel Semiconductor.", {(QS, "supplies", TM)}),
    ("Quorvel Semiconductor will supply battery cells to Tessan Motors starting in 2025.",
     {(QS, "supplies", TM)}),
    ("Quorvel Semiconductor's customers include Belgrove Foods, Tessan Motors and Brisk"
     " Airlines.",
     {(QS, "supplies", "Belgrove Foods"), (QS, "supplies", TM),
      (QS, "supplies", "Brisk Airlines")}),
    ("Norrik Labs relies on Halvard Cloud for computing power.", {(HC, "supplies", NL)}),
]  # fmt: skip

USES: list[tuple[str, set[Triple]]] = [
    # shipping or coming with goods
    ("The Dravon X7 ships with the Pax assistant.", {("Dravon X7", "uses", "Pax")}),
    ("The Dravon X7 ships with the Pax assistant built in.", {("Dravon X7", "uses", "Pax")}),
    ("The Zephyr phone comes with the Pax assistant.", {("Zephyr", "uses", "Pax")}),
    ("The Dravon X7 comes with the Pax assistant and the Lumo app.",
     {("Dravon X7", "uses", "Pax"), ("Dravon X7", "uses", "Lumo")}),
    # featuring, carrying, running goods
    ("The Dravon X7 features the Quorvel Q8 chip.", {("Dravon X7", "uses", "Quorvel Q8")}),
    ("The new Tessan T5 sedan features the Quorvel Q8 chip, the company said.",
     {("T5", "uses", "Quorvel Q8")}),
    ("The Tessan T5 carries the Marrow M7 engine.", {("Tessan T5", "uses", "Marrow M7")}),
    ("The Dravon X7, which runs the Lumo app, went on sale on Friday.",
     {("Dravon X7", "uses", "Lumo")}),
    # fitted or equipped with goods
    ("The Varnell V90 is fitted with Marrow M7 engines.", {("Varnell V90", "uses", "Marrow M7")}),
    ("Brisk Airlines' Varnell V90 jets are fitted with Marrow M7 engines.",
     {("Varnell V90", "uses", "Marrow M7")}),
    ("The Varnell V90 is equipped with Marrow M7 engines.",
     {("Varnell V90", "uses", "Marrow M7")}),
    # plainer phrasings
    ("The Beacon app runs on the Orion-3 model.", {("Beacon", "uses", "Orion-3")}),
    ("Tessan Motors' T5 sedan runs on the Quorvel Q8 chip.", {("T5", "uses", "Quorvel Q8")}),
    ("The Zephyr phone relies on the Quorvel Q8 chip.", {("Zephyr", "uses", "Quorvel Q8")}),
    ("Marrow M7 engines power the Varnell V90.", {("Varnell V90", "uses", "Marrow M7")}),
    ("The Lumo app now integrates the Pax assistant.", {("Lumo", "uses", "Pax")}),
]  # fmt: skip

DEVELOPS: list[tuple[str, set[Triple]]] = [
    # a brand or drug named after its owner's possessive
    ("Kelmar Foods' Crunchos brand grew 10 percent last year.",
     {("Kelmar Foods", "develops", "Crunchos")}),
    ("Tessan Motors' Zeta sedan sold well in Europe.", {(TM, "develops", "Zeta")}),
    ("Orvana Pharma's drug Veltrex was approved by regulators in May.",
     {("Orvana Pharma", "develops", "Veltrex")}),
    ("Orvana Pharma's drug Veltrex failed a late-stage trial.",
     {("Orvana Pharma", "develops", "Veltrex")}),
    ("Orvana Pharma's vaccine Immulon will be tested in children.",
     {("Orvana Pharma", "develops", "Immulon")}),
    # goods named in a rivalry keep their makers
    ("Dravon Systems' X7 is pitted against the Zephyr, made by Sorrel Networks.",
     {(SN, "develops", "Zephyr")}),
    # plainer phrasings
    ("Dravon Systems unveiled its X7 smartphone on Tuesday.", {(DS, "develops", "X7")}),
    ("Norrik Labs rolled out Pax, a chatbot for banks, in March.", {(NL, "develops", "Pax")}),
    ("The V90 regional jet is built by Varnell Aerospace.",
     {("Varnell Aerospace", "develops", "V90")}),
    ("Tessan Motors makes the T5 sedan and the T9 truck.",
     {(TM, "develops", "T5"), (TM, "develops", "T9")}),
    ("Tessan Motors, the maker of the T5 sedan, raised prices.", {(TM, "develops", "T5")}),
    ("Halvard Cloud debuted its Nimbus storage service in 2022.", {(HC, "develops", "Nimbus")}),
    ("Norrik Labs is developing a self-driving system called Wayfind.",
     {(NL, "develops", "Wayfind")}),
    ("The Beacon app, from Norrik Labs, has 10 million users.", {(NL, "develops", "Beacon")}),
    ("Tessan Motors began production of its T9 electric truck.", {(TM, "develops", "T9")}),
    ("Regulators approved Veltrex, a cancer drug from Orvana Pharma.",
     {("Orvana Pharma", "develops", "Veltrex")}),
]  # fmt: skip

RIVALS: list[tuple[str, set[Triple]]] = [
    # a verb read as a plural noun at the root
    ("Dravon Systems competes against Sorrel Networks and Tessan Motors in Asia.",
     {cw(DS, SN), cw(DS, TM)}),
    ("Dravon Systems competes with Sorrel Networks in the smartphone market.", {cw(DS, SN)}),
    # goods named as rivals stand for their makers
    ("Dravon Systems' X7 phone competes with the Zephyr from Sorrel Networks.", {cw(DS, SN)}),
    ("The X7 from Dravon Systems will compete with the Zephyr from Sorrel Networks.",
     {cw(DS, SN)}),
    ("Dravon Systems' X7 is pitted against the Zephyr, made by Sorrel Networks.", {cw(DS, SN)}),
    ("The Zephyr from Sorrel Networks is the main rival to Dravon Systems' X7 phone.",
     {cw(DS, SN)}),
    # battling or fighting for customers; "outsold"
    ("Dravon Systems and Sorrel Networks are battling for market share in India.",
     {cw(DS, SN)}),
    ("Dravon Systems and Sorrel Networks have been fighting for customers since 2019.",
     {cw(DS, SN)}),
    ("Dravon Systems outsold Sorrel Networks in the first quarter.", {cw(DS, SN)}),
    # plainer phrasings
    ("Dravon Systems is fighting Sorrel Networks for customers in Brazil.", {cw(DS, SN)}),
    ("Dravon Systems and Sorrel Networks are locked in a price war.", {cw(DS, SN)}),
    ("Dravon Systems faces competition from Sorrel Networks in Europe.", {cw(DS, SN)}),
    ("Dravon Systems trails Sorrel Networks in the smartphone market.", {cw(DS, SN)}),
    ("Dravon Systems, which vies with Sorrel Networks for the top spot, cut prices.",
     {cw(DS, SN)}),
    ("Dravon Systems will compete with Orvik Labs from Norway.", {cw(DS, "Orvik Labs")}),
    # a company's own goods named beside it leave the company the rival
    ("Kelvo Bio's lead product, zortafenib ciloleucel, is under review and would compete with"
     " a similar therapy from Marvant Pharma that is expected to win approval.",
     {cw("Kelvo Bio", "Marvant Pharma")}),
]  # fmt: skip

PARTNERS: list[tuple[str, set[Triple]]] = [
    # pooling resources, joining an alliance
    ("Dravon Systems and Norrik Labs will pool their resources to build a plant.",
     {pw(DS, NL)}),
    ("Dravon Systems joined an alliance led by Norrik Labs.", {pw(DS, NL)}),
    ("Dravon Systems joined Norrik Labs' alliance of chip makers.", {pw(DS, NL)}),
    ("In 2020 Dravon Systems entered an alliance formed by Norrik Labs.", {pw(DS, NL)}),
    # a verb read as a plural noun at the root
    ("Dravon Systems partners with Norrik Labs and Tessan Motors in Europe.",
     {pw(DS, NL), pw(DS, TM)}),
    # plainer phrasings
    ("Dravon Systems teamed up with Norrik Labs to build AI chips.", {pw(DS, NL)}),
    ("Dravon Systems and Norrik Labs formed a joint venture to make batteries.", {pw(DS, NL)}),
    ("Dravon Systems will co-develop batteries with Norrik Labs.", {pw(DS, NL)}),
    ("Dravon Systems, in a partnership with Norrik Labs, will open 20 stores.", {pw(DS, NL)}),
    ("Dravon Systems has joined forces with Norrik Labs to bid for the contract.",
     {pw(DS, NL)}),
    ("Dravon Systems linked up with Norrik Labs to sell its phones in Japan.", {pw(DS, NL)}),
    ("Dravon Systems said it was collaborating with Norrik Labs on robotaxis.", {pw(DS, NL)}),
    ("Dravon Systems' partner Norrik Labs said the plant would open in 2026.", {pw(DS, NL)}),
    ("Dravon Systems expanded its alliance with Norrik Labs in May.", {pw(DS, NL)}),
    ("Dravon Systems tapped Norrik Labs as a partner for its robotaxi service.", {pw(DS, NL)}),
    ("The battery, developed jointly by Dravon Systems and Norrik Labs, goes on sale in May.",
     {pw(DS, NL)}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), SUPPLIES + USES + DEVELOPS + RIVALS + PARTNERS)
def test_commercial_ties(extractor: Extractor, text: str, expected: set[Triple]) -> None:
    found = area(triples(extractor, text))
    assert expected <= found, found


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        # a company featuring goods, or an offer coming with terms, uses nothing
        ("Norrik Labs featured the Dravon X7 at its booth.", "uses"),
        ("The offer comes with conditions attached.", "uses"),
        # a move of offices is no custom
        ("Norrik Labs moved its headquarters to Halvard Tower in 2022.", "supplies"),
        ("Norrik Labs won Halvard Cloud's approval for the plan.", "supplies"),
        # a carrier's coded jets are ones it flies
        ("Skyrail Airways' Varnell V90 jets were grounded on Monday.", "develops"),
        # goods with no maker named make no rivals; a fight in court is no contest for buyers
        ("The Zephyr phone competes with the X7 phone.", "competes_with"),
        ("Dravon Systems and Sorrel Networks battled in court over a patent.", "competes_with"),
        # money pooled by investors is no partnership
        ("Investors pooled money to buy Norrik Labs.", "partners_with"),
        # a school named after its owner's possessive is no brand
        (
            "It is the new location of Barry Ivers University's School of Podiatric medicine.",
            "develops",
        ),
    ],
)
def test_no_tie(extractor: Extractor, text: str, relation: str) -> None:
    assert not [t for t in triples(extractor, text) if t[1] == relation]


def test_rival_goods_leave_no_goods_rivalry(extractor: Extractor) -> None:
    found = triples(extractor, "The X7 from Dravon Systems will compete with the Zephyr from"
                    " Sorrel Networks.")  # fmt: skip
    rivals = {t for t in found if t[1] == "competes_with"}
    assert rivals == {cw(DS, SN)}


@pytest.mark.parametrize(
    "text",
    [
        # software a company owns is no host; a name described as goods is a product
        "Velmo Mobile's Xperix smartphones run on Orlo's Androx software.",
        "Pellmark Bank runs on Quay, a ledger platform sold by Lendry Machine.",
        # customers who switch are won from a rival, not supplied to it
        "Last spring many Kelvo subscribers dropped their old plans and switched to Ravix Mobile.",
    ],
)
def test_no_supplier_named(extractor: Extractor, text: str) -> None:
    found = triples(extractor, text)
    assert not [t for t in found if t[1] == "supplies"], found
