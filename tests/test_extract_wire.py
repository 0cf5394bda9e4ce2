"""Wire-style takeover stories (helper reuters): the 1980s newswire register, with legal
forms on every name ("Corp", "Inc", "Plc"), "dlrs", "pct" and "said it" clauses.

Mechanisms covered:

- a deal that is only the infinitive of a failed or possible attempt ("its unsuccessful
  battle to take over Y", "a failed attempt to acquire Y") states no takeover;
- a company that only takes a side on a takeover ("may support a buyout of Y",
  "opposes the takeover of Y") is not its buyer;
- "X said Y agreed to buy its Z unit": no buyer buys its own unit, so "its" is the
  reporter's, and Z was X's unit, not Y's;
- a passive's "by" phrase naming an unnamed unit of a company ("agreed to be acquired
  by a subsidiary of Y") makes the owner the buyer;
- a buyer's "to" phrase the parser hung on a word inside a foreign name ("selling its
  unit Halmer und Sohn GmbH to Y", "und" read as a verb), and the Portuguese and
  Italian legal forms "Lda", "Ltda", "Srl" closing a name;
- a group named as a clause's subject stands for the companies that lead or make it
  up, for the pronouns and descriptions of its clause ("X said a group led by Y agreed
  to acquire the company", "a group including A and B said it holds 9.8 pct of X");
- "the rest", "the remainder" or "the remaining shares" with no company of its own is
  the rest of the one company the sentence says a stake of is held ("X, which already
  owns 45 pct of Y, agreed to acquire the rest");
- a merger's direction from who is paid: "X agreed to a merger with Y under which its
  holders will receive 30 dlrs a share" (or "its stock no longer exists") makes Y the
  buyer of X;
- the usual wire phrasings of agreed, completed and offered deals stay found.

Sentences are invented for these tests; names are made up so no gazetteer entry helps.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import Document
from loaders.extract import Extractor

PUBLISHED = date(1987, 4, 2)

Triple = tuple[str, str, str]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _name(name: str) -> str:
    return name.rstrip(".")


def triples(extractor: Extractor, text: str) -> set[Triple]:
    facts = extractor.extract(Document(text, published=PUBLISHED, doc_id="t"))
    return {(_name(f.subject.name), f.relation.value, _name(f.object.name)) for f in facts}


def deals(found: set[Triple]) -> set[Triple]:
    return {t for t in found if t[1] == "acquires"}


FAILED_OR_SIDED: list[str] = [
    # the infinitive of a failed or possible attempt
    "Dalmor Corp made the offer months after its unsuccessful battle to take over Wexley"
    " Stores Plc.",
    "Dalmor Corp's abortive bid to buy Wexley Stores Plc cost it 12 mln dlrs.",
    "The costs of Dalmor Corp's failed attempt to acquire Wexley Stores Plc were"
    " written off last year.",
    "Dalmor Corp said a possible bid to acquire Wexley Stores Plc was discussed by its board.",
    # a side taken on a takeover by a holder
    "Firms controlled by Halden Partners Inc told regulators they may support a buyout"
    " of Vester Corp.",
    "Halden Partners Inc said it opposes the takeover of Vester Corp.",
    "Halden Partners Inc said it would back a purchase of Vester Corp by an outside buyer.",
]


@pytest.mark.parametrize("text", FAILED_OR_SIDED)
def test_no_takeover_stated(extractor: Extractor, text: str) -> None:
    assert deals(triples(extractor, text)) == set()


def test_a_failed_attempt_leaves_the_real_deal(extractor: Extractor) -> None:
    found = triples(
        extractor,
        "After a failed attempt to acquire Wexley Stores Plc last year, Dalmor Corp"
        " bought Pinner Inc.",
    )
    assert deals(found) == {("Dalmor Corp", "acquires", "Pinner Inc")}


SOLD_UNITS: list[tuple[str, Triple, Triple]] = [
    (
        "Veltra Corp said Norrik Labs Inc bought its Tamsin Foods Inc subsidiary for 12 mln dlrs.",
        ("Norrik Labs Inc", "acquires", "Tamsin Foods Inc"),
        ("Tamsin Foods Inc", "subsidiary_of", "Veltra Corp"),
    ),
    (
        "Veltra Corp said Norrik Labs Inc agreed to buy its Tamsin Foods unit.",
        ("Norrik Labs Inc", "acquires", "Tamsin Foods"),
        ("Tamsin Foods", "subsidiary_of", "Veltra Corp"),
    ),
    (
        "Veltra Corp said Norrik Labs Inc has agreed to acquire its Tamsin Tools Inc"
        " division for eight mln dlrs.",
        ("Norrik Labs Inc", "acquires", "Tamsin Tools Inc"),
        ("Tamsin Tools Inc", "subsidiary_of", "Veltra Corp"),
    ),
]


@pytest.mark.parametrize(("text", "deal", "parent"), SOLD_UNITS)
def test_a_bought_unit_was_the_reporters(
    extractor: Extractor, text: str, deal: Triple, parent: Triple
) -> None:
    found = triples(extractor, text)
    assert deal in found
    assert parent in found
    assert (deal[2], "subsidiary_of", deal[0]) not in found


UNIT_BUYERS: list[str] = [
    "Norrik Labs Inc said it agreed to be acquired by a subsidiary of Veltra Corp.",
    "Norrik Labs Inc was bought last year by a wholly owned subsidiary of Veltra Corp"
    " for 40 mln dlrs.",
    "Norrik Labs Inc said it will be acquired by a division of Veltra Corp in a cash transaction.",
]


@pytest.mark.parametrize("text", UNIT_BUYERS)
def test_an_unnamed_unit_buys_for_its_owner(extractor: Extractor, text: str) -> None:
    assert deals(triples(extractor, text)) == {("Veltra Corp", "acquires", "Norrik Labs Inc")}


PAID_TARGETS: list[str] = [
    "Norrik Labs Inc said it agreed to a merger with Veltra Corp under which its holders"
    " will receive 30 dlrs a share.",
    "Norrik Labs Inc said its merger with Veltra Corp was completed and its shareholders"
    " now have the right to receive 15 dlrs a share.",
    "Norrik Labs Inc said its merger with Veltra Corp was completed and its stockholders"
    " are entitled to receive 15 dlrs a share.",
    "Veltra Corp said its merger with Norrik Labs Inc was completed and Norrik holders"
    " will receive 15 dlrs a share.",
    "Norrik Labs Inc said its merger with Veltra Corp was completed and its stock no"
    " longer exists.",
    "Norrik Labs Inc said its merger with Veltra Corp became effective and its shares will"
    " be delisted.",
]


@pytest.mark.parametrize("text", PAID_TARGETS)
def test_the_paid_party_is_bought(extractor: Extractor, text: str) -> None:
    assert deals(triples(extractor, text)) == {("Veltra Corp", "acquires", "Norrik Labs Inc")}


WIRE_DEALS: list[tuple[str, Triple]] = [
    (
        "Veltra Corp said it agreed in principle to acquire Norrik Labs Inc for 22 dlrs a"
        " share, or about 140 mln dlrs.",
        ("Veltra Corp", "acquires", "Norrik Labs Inc"),
    ),
    (
        "Marlow Inc on Tuesday completed its previously announced purchase of Ferris Tool"
        " Co, paying 30 mln dlrs.",
        ("Marlow Inc", "acquires", "Ferris Tool Co"),
    ),
    (
        "Brightwater Corp said its board approved the merger with Sallow Industries Inc.",
        ("Brightwater Corp", "acquires", "Sallow Industries Inc"),
    ),
    (
        "Ostrava Group Plc said it agreed to sell its Tamsin Tools Inc unit to Quorra"
        " Holdings Ltd.",
        ("Quorra Holdings Ltd", "acquires", "Tamsin Tools Inc"),
    ),
    (
        "Raskin Corp said it began a tender offer for all outstanding shares of Bellwood"
        " Inc at 40 dlrs a share.",
        ("Raskin Corp", "acquires", "Bellwood Inc"),
    ),
    (
        "Veltra Corp has agreed to pay 12.5 mln dlrs for the bankrupt Norrik Labs Inc in"
        " Boise, Idaho.",
        ("Veltra Corp", "acquires", "Norrik Labs Inc"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), WIRE_DEALS)
def test_wire_deals(extractor: Extractor, text: str, expected: Triple) -> None:
    assert expected in deals(triples(extractor, text))


def test_a_small_stake_is_no_takeover(extractor: Extractor) -> None:
    found = triples(
        extractor,
        "Veltra Corp told securities regulators it bought 420,000 Tamsin Foods Inc shares,"
        " a holding of 6.2 pct.",
    )
    assert deals(found) == set()
    assert ("Veltra Corp", "invests_in", "Tamsin Foods Inc") in found


FOREIGN_UNITS: list[tuple[str, Triple]] = [
    (
        "Specialty metals group Tervik KGaA said it is selling its Bremen steel wire"
        " subsidiary Halmer und Sohn GmbH to Kronwald Draht AG.",
        ("Kronwald Draht AG", "acquires", "Halmer und Sohn GmbH"),
    ),
    (
        "Tervik AG said it sold Halmer und Sohn GmbH to Kronwald Draht AG for 40 mln marks.",
        ("Kronwald Draht AG", "acquires", "Halmer und Sohn GmbH"),
    ),
    (
        "Tervik SA said it has agreed to sell its Lisbon packaging unit, Companhia de"
        " Papeis e Cartoes Lda, to Kronwald Group.",
        ("Kronwald Group", "acquires", "Companhia de Papeis e Cartoes Lda"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOREIGN_UNITS)
def test_foreign_unit_names(extractor: Extractor, text: str, expected: Triple) -> None:
    assert expected in deals(triples(extractor, text))


GROUPS: list[tuple[str, set[Triple]]] = [
    (
        "Norrik Labs Inc said an investor group led by Halden Partners LP completed its"
        " acquisition of the company.",
        {("Halden Partners LP", "acquires", "Norrik Labs Inc")},
    ),
    (
        "Norrik Labs Inc said a group led by Halden Partners LP agreed to acquire the company.",
        {("Halden Partners LP", "acquires", "Norrik Labs Inc")},
    ),
    (
        "An investor group including Halden Partners LP and Vesper Capital Corp said it"
        " agreed to acquire Norrik Labs Inc for 30 mln dlrs.",
        {
            ("Halden Partners LP", "acquires", "Norrik Labs Inc"),
            ("Vesper Capital Corp", "acquires", "Norrik Labs Inc"),
        },
    ),
    (
        "A group including Halden Partners LP and Vesper Capital Corp said it holds 9.8 pct"
        " of Norrik Labs Inc.",
        {
            ("Halden Partners LP", "invests_in", "Norrik Labs Inc"),
            ("Vesper Capital Corp", "invests_in", "Norrik Labs Inc"),
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), GROUPS)
def test_groups_stand_for_their_members(
    extractor: Extractor, text: str, expected: set[Triple]
) -> None:
    found = {t for t in triples(extractor, text) if t[1] in {"acquires", "invests_in"}}
    assert found == expected


RESTS: list[str] = [
    "Veltra Corp, which already owns 45 pct of Norrik Labs Inc, said it agreed to acquire"
    " the rest for 20 dlrs a share.",
    "Veltra Corp, which already owns 45 pct of Norrik Labs Inc, said it agreed to acquire"
    " the remaining shares for 20 dlrs a share.",
    "Veltra Corp owns 45 pct of Norrik Labs Inc and said it will offer 20 dlrs a share for"
    " the remainder.",
]


@pytest.mark.parametrize("text", RESTS)
def test_the_rest_of_a_held_company(extractor: Extractor, text: str) -> None:
    assert deals(triples(extractor, text)) == {("Veltra Corp", "acquires", "Norrik Labs Inc")}


def test_keeping_the_rest_buys_nothing(extractor: Extractor) -> None:
    found = triples(extractor, "Veltra Corp sold 40 pct of Norrik Labs Inc and kept the rest.")
    assert deals(found) == set()
