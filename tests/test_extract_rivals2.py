"""Rivals, second round (helper rivals): how news states a rivalry beyond the rival noun.

Mechanisms covered:
- a named rival doing something in a clause set beside another company's clause ("X
  gained, while rival Y lost"; "X cut prices after rival Y launched a phone");
- "X faces rivals Y and Z" with "rivals" read as a second verb by the parser;
- a rival word fronting a list of names with no owner ("the longtime rivals X and Y",
  "the rival carmakers X and Y", "competing lenders X and Y");
- rankings placed with "to" on an ordinal ("a distant second to Y", "second only to Y"),
  "No. 2 ... behind Y", "followed by Y" after a ranked noun or a verb of leading a
  field, and "ahead of Y" on such a verb;
- displacement with "as" ("unseated Y as the top seller"; not a client filling its own
  post: "X supplanted Y with Z as its supplier");
- contest idioms ("head to head with", "playing catch-up to", "neck and neck with", "up
  against");
- contest nouns: a challenge to or from a company, a threat a company poses, a contest,
  competition between or among companies, a duopoly, a collision course;
- a company put into competition ("the deal puts X in direct competition with Y") or hurt
  by it ("X was hit by competition from Y");
- verbs eroding another company's dominance or share ("erode Y's market share");
- a field others hold, entered or contested ("X entered a market dominated by Y");
- rivals named as examples of a rival noun ("fend off rival chains such as Y");
- a threat or an alternative a company is seen or positioned as ("X emerged as the main
  alternative to Y", "X is seen as a threat to Y"), and "taking aim at Y";
- companies named together as the top few of a trade ("X and Y are the two largest makers
  of Z"; not ties such as "the two largest shareholders").

Sentences are invented for these tests; names are made up so no gazetteer entry helps.
"""

from __future__ import annotations

import pytest

from loaders.extract import Extractor
from tests.extract_util import Triple, triples


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def rivals(found: set[Triple]) -> set[Triple]:
    return {t for t in found if t[1] == "competes_with"}


QV: Triple = ("Quillon Corp", "competes_with", "Vantor Labs")
QH: Triple = ("Hesketh Group", "competes_with", "Quillon Corp")
HV: Triple = ("Hesketh Group", "competes_with", "Vantor Labs")

CASES: list[tuple[str, set[Triple]]] = [
    # a rival's own clause set beside another company's
    ("Quillon Corp posted higher profits in May, while rival Vantor Labs reported a loss.", {QV}),
    ("While rival Vantor Labs laid off staff, Quillon Corp kept hiring engineers.", {QV}),
    ("Quillon Corp lowered its prices after rival Vantor Labs opened a store in Lyon.", {QV}),
    ("Quillon Corp lifted its outlook, and rival Vantor Labs cut its own.", {QV}),
    ("Quillon Corp kept its forecast even as rival Vantor Labs trimmed guidance.", {QV}),
    ("Quillon Corp said rival Vantor Labs had copied its design.", set()),
    # "rivals" after a verb, read as a second verb
    (
        "Quillon Corp faces rivals Vantor Labs and Hesketh Group in Brazil.",
        {QV, QH},
    ),
    ("In Brazil, Quillon Corp will face rivals Vantor Labs and Hesketh Group.", {QV, QH}),
    # a rival word fronting a list of names with no owner
    ("The longtime rivals Quillon Corp and Vantor Labs agreed to merge.", {QV}),
    ("The rival carmakers Quillon Corp and Vantor Labs both raised prices.", {QV}),
    ("Competing lenders Quillon Corp and Vantor Labs both cut rates on Friday.", {QV}),
    ("Shares of bitter rivals Quillon Corp and Vantor Labs fell sharply.", {QV}),
    ("Bigger rivals Quillon Corp and Vantor Labs cut prices.", set()),
    ("The board rejected competing bids from Quillon Corp and Vantor Labs.", set()),
    # rankings
    ("Quillon Corp is a distant second to Vantor Labs in home insurance.", {QV}),
    ("Quillon Corp is second only to Vantor Labs in home insurance.", {QV}),
    ("Quillon Corp is the No. 2 in home insurance behind Vantor Labs.", {QV}),
    ("Quillon Corp is the biggest maker of ferries, followed by Vantor Labs.", {QV}),
    ("Quillon Corp leads the market, followed by Vantor Labs and Hesketh Group.", {QV, QH}),
    ("Quillon Corp dominates the market, ahead of Vantor Labs and Hesketh Group.", {QV, QH}),
    ("Quillon Corp led the funding round, followed by Vantor Labs.", set()),
    ("The talks were led by Quillon Corp, followed by Vantor Labs.", set()),
    # displacement
    ("Quillon Corp wants to unseat Vantor Labs as the top seller of scooters.", {QV}),
    ("Quillon Corp displaced Vantor Labs as the biggest seller of scooters in 2023.", {QV}),
    ("Quillon Corp will supplant Vantor Labs as the league's ball supplier next year.", {QV}),
    ("Hesketh Group supplanted Vantor Labs with Quillon Corp as its main supplier.", set()),
    ("Hesketh Group displaced Vantor Labs as its auditor.", set()),
    # contest idioms
    ("Quillon Corp goes head to head with Vantor Labs in home insurance.", {QV}),
    ("Quillon Corp will go head-to-head with Vantor Labs next year.", {QV}),
    ("Quillon Corp has been playing catch-up to Vantor Labs in batteries.", {QV}),
    ("Quillon Corp is playing catch-up with Vantor Labs and Hesketh Group.", {QV, QH}),
    ("Quillon Corp is running neck and neck with Vantor Labs.", {QV}),
    ("Quillon Corp is up against Vantor Labs in the bidding for the port.", {QV}),
    ("Quillon Corp is racing to catch up to Vantor Labs.", {QV}),
    # contest nouns
    ("Quillon Corp stepped up its challenge to Vantor Labs on Monday.", {QV}),
    ("Quillon Corp faces a growing challenge from Vantor Labs in batteries.", {QV}),
    ("Quillon Corp filed a legal challenge to Vantor Labs' patent.", set()),
    ("Quillon Corp poses a threat to Vantor Labs, analysts said.", {QV}),
    ("Quillon Corp has been in a fierce contest with Vantor Labs for market share.", {QV}),
    ("Competition between Quillon Corp and Vantor Labs has intensified.", {QV}),
    ("Competition among Quillon Corp, Vantor Labs and Hesketh Group is fierce.", {QV, QH, HV}),
    ("The market is a duopoly of Quillon Corp and Vantor Labs.", {QV}),
    # put into competition, or hurt by it
    ("The deal puts Quillon Corp in direct competition with Vantor Labs.", {QV}),
    ("The launch brings Quillon Corp into competition with Vantor Labs.", {QV}),
    ("The move puts Quillon Corp on a collision course with Vantor Labs.", {QV}),
    ("Quillon Corp has been hurt by competition from Vantor Labs.", {QV}),
    ("Quillon Corp was hit by fierce competition from Vantor Labs and Hesketh Group.", {QV, QH}),
    ("Quillon Corp was dragged into a price war with Vantor Labs.", {QV}),
    ("Quillon Corp was hurt by a legal battle with Vantor Labs.", set()),
    # eroding another company's dominance or share
    ("Quillon Corp is trying to erode Vantor Labs' market share.", {QV}),
    ("Quillon Corp's cheaper scooters have dented Vantor Labs' lead in Spain.", {QV}),
    ("Quillon Corp bought Orbel Systems to counter Vantor Labs' growing dominance.", {QV}),
    ("Quillon Corp wants to loosen Vantor Labs' grip on the market.", {QV}),
    ("The lawsuit threatens Vantor Labs' business.", set()),
    # a field others hold, entered or contested
    ("Quillon Corp entered a market dominated by Vantor Labs and Hesketh Group.", {QV, QH}),
    ("Quillon Corp was set up to compete in a field dominated by Vantor Labs.", {QV}),
    ("Quillon Corp wants a bigger share of a market dominated by Vantor Labs.", {QV}),
    ("Quillon Corp is pushing into a business long dominated by Vantor Labs.", {QV}),
    ("Hesketh Group buys parts in a market dominated by Vantor Labs.", set()),
    ("The market is dominated by Vantor Labs and Hesketh Group.", set()),
    # rivals named as examples of a rival noun
    ("Quillon Corp cut prices to fend off rival chains such as Vantor Labs.", {QV}),
    ("Quillon Corp is under pressure from rival carmakers such as Vantor Labs.", {QV}),
    ("Quillon Corp has lost shoppers to rival grocers like Vantor Labs.", {QV}),
    # a threat or alternative someone is seen as, and taking aim
    ("Quillon Corp is seen as a threat to Vantor Labs.", {QV}),
    ("Quillon Corp is Vantor Labs' biggest threat, analysts say.", {QV}),
    ("Quillon Corp has emerged as the main alternative to Vantor Labs.", {QV}),
    ("Quillon Corp has positioned its service as an alternative to Vantor Labs.", {QV}),
    ("Quillon Corp is taking aim at Vantor Labs with a cheaper scooter.", {QV}),
    ("Quillon Corp sold its unit as part of a plan to cut debt.", set()),
    ("The threat of a strike at Vantor Labs worried Quillon Corp.", set()),
    # named together as the top few of a trade
    ("Quillon Corp and Vantor Labs are the two largest makers of ferries.", {QV}),
    (
        "Quillon Corp and Hesketh Group, the two biggest carmakers in Norway, reported results.",
        {QH},
    ),
    ("Quillon Corp and Vantor Labs are the two largest shareholders in Hesketh Group.", set()),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_rivalry_phrasings(extractor: Extractor, text: str, expected: set[Triple]) -> None:
    assert rivals(triples(extractor, text)) == expected
