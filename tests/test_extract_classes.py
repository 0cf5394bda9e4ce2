"""The nine classes of failure of issue 12, each on sentences written for these tests.

Names are invented so no gazetteer entry helps. A case the extractor still gets
wrong is marked ``xfail(strict=True)`` with the reason: it documents the gap and
fails loudly once fixed, so the mark is removed.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import Document
from loaders.extract import ExtractedFact, Extractor

PUBLISHED = date(2024, 8, 13)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def facts_of(extractor: Extractor, text: str) -> list[ExtractedFact]:
    return extractor.extract(Document(text, published=PUBLISHED, doc_id="t"))


def triples(facts: list[ExtractedFact]) -> set[tuple[str, str, str]]:
    return {(f.subject.name, f.relation.value, f.object.name) for f in facts}


def one(facts: list[ExtractedFact], s: str, r: str, o: str) -> ExtractedFact:
    hits = [f for f in facts if (f.subject.name, f.relation.value, f.object.name) == (s, r, o)]
    assert hits, f"no {(s, r, o)} in {triples(facts)}"
    return hits[0]


# 1. Sourcing is not rumour: the deal is kept as "reported", with a lower confidence.


@pytest.mark.parametrize(
    "clause",
    [
        ", according to people familiar with the matter",
        ", people familiar with the matter said",
        ", a person briefed on the plans said",
    ],
)
def test_sourced_deal_is_reported(extractor: Extractor, clause: str) -> None:
    plain = "Marlow Freight has agreed to buy Tessin Logistics for $900 million."
    sourced = plain[:-1] + clause + "."
    base = one(facts_of(extractor, plain), "Marlow Freight", "acquires", "Tessin Logistics")
    fact = one(facts_of(extractor, sourced), "Marlow Freight", "acquires", "Tessin Logistics")
    assert fact.qualifiers["status"] == "reported"
    assert fact.confidence < base.confidence
    assert fact.qualifiers["amount"] == "900000000"


def test_sourced_investment_is_reported(extractor: Extractor) -> None:
    text = "Quenby Partners will invest up to $250 million in Arvel Robotics, sources said."
    fact = one(facts_of(extractor, text), "Quenby Partners", "invests_in", "Arvel Robotics")
    assert fact.qualifiers["status"] == "reported"


@pytest.mark.parametrize(
    "text",
    [
        "Tessin Logistics is in talks to sell itself to Marlow Freight, "
        "people familiar with the matter said.",
        "Marlow Freight denied a report that it planned to buy Tessin Logistics.",
        "Marlow Freight could buy Tessin Logistics, according to people familiar with the matter.",
        # what others expect is speculation
        "Analysts expect Marlow Freight to buy Tessin Logistics next year.",
        "Marlow Freight is expected to invest in Tessin Logistics.",
    ],
)
def test_talks_denials_and_speculation_state_no_deal(extractor: Extractor, text: str) -> None:
    rels = {r for _, r, _ in triples(facts_of(extractor, text))}
    assert not rels & {"acquires", "invests_in", "partners_with"}


@pytest.mark.parametrize(
    "text",
    [
        "Marlow Freight expects to buy Tessin Logistics by March.",
        "Marlow Freight expects its purchase of Tessin Logistics to close in March.",
    ],
)
def test_a_company_expecting_its_own_deal_states_it(extractor: Extractor, text: str) -> None:
    assert ("Marlow Freight", "acquires", "Tessin Logistics") in triples(facts_of(extractor, text))


# 2. The relation lives in a noun or a light verb.


def test_contract_to_provide_is_supply(extractor: Extractor) -> None:
    text = "Tarn Compute has signed a seven-year contract to provide data storage to Pellow Media."
    one(facts_of(extractor, text), "Tarn Compute", "supplies", "Pellow Media")


def test_deal_under_which_one_supplies_the_other(extractor: Extractor) -> None:
    text = (
        "Corvane Energy and Pallas Grid struck a ten-year deal under which Pallas Grid "
        "will supply turbines to Corvane Energy."
    )
    one(facts_of(extractor, text), "Pallas Grid", "supplies", "Corvane Energy")


def test_put_money_into_is_investing(extractor: Extractor) -> None:
    text = "Quenby Partners and Ostrow Capital will put as much as $2 billion into Arvel Robotics."
    facts = facts_of(extractor, text)
    one(facts, "Quenby Partners", "invests_in", "Arvel Robotics")
    one(facts, "Ostrow Capital", "invests_in", "Arvel Robotics")


@pytest.mark.parametrize(
    ("text", "investor", "company"),
    [
        (
            "Brenna Capital pumped $300 million into Corvane Industries in 2021.",
            "Brenna Capital",
            "Corvane Industries",
        ),
        (
            "Brenna Capital already held 34% of Corvane Industries.",
            "Brenna Capital",
            "Corvane Industries",
        ),
        (
            "Brenna Capital will keep about 20% of Corvane Industries.",
            "Brenna Capital",
            "Corvane Industries",
        ),
        (
            "Corvane Industries raised $80 million from a group of backers led by Brenna Capital.",
            "Brenna Capital",
            "Corvane Industries",
        ),
        (
            "Corvane Industries secured new investments from Brenna Capital.",
            "Brenna Capital",
            "Corvane Industries",
        ),
    ],
)
def test_investment_written_as_money_moved_or_shares_held(
    extractor: Extractor, text: str, investor: str, company: str
) -> None:
    one(facts_of(extractor, text), investor, "invests_in", company)


def test_partial_ownership_is_an_investment_not_a_subsidiary(extractor: Extractor) -> None:
    facts = facts_of(
        extractor, "Corvane Industries, which is about 40% owned by Brenna Capital, cut jobs."
    )
    fact = one(facts, "Brenna Capital", "invests_in", "Corvane Industries")
    assert fact.qualifiers.get("stake") == "40"
    assert ("Corvane Industries", "subsidiary_of", "Brenna Capital") not in triples(facts)
    facts = facts_of(extractor, "Corvane Industries is majority-owned by Brenna Capital.")
    one(facts, "Brenna Capital", "invests_in", "Corvane Industries")
    one(facts, "Corvane Industries", "subsidiary_of", "Brenna Capital")


@pytest.mark.parametrize(
    "text",
    [
        "Harrow Systems agreed on Monday to buy rival Pellin Networks for $2 billion.",
        "Harrow Systems will take over the contract, replacing its larger rival Pellin Networks.",
    ],
)
def test_rival_named_by_a_modifier(extractor: Extractor, text: str) -> None:
    fact = next(
        f
        for f in facts_of(extractor, text)
        if f.relation.value == "competes_with"
        and {f.subject.name, f.object.name} == {"Harrow Systems", "Pellin Networks"}
    )
    assert fact.valid_to is None and "status" not in fact.qualifiers


# 3. Descriptions.


def test_product_described_as_developed_by(extractor: Extractor) -> None:
    text = "Nightglass is a puzzle game developed by Ambergate Studios."
    one(facts_of(extractor, text), "Ambergate Studios", "develops", "Nightglass")


def test_company_described_as_founded_by(extractor: Extractor) -> None:
    text = "Ostrava Mills was a textile company founded in 1902 by Jan Novak and Eva Dvorak."
    facts = facts_of(extractor, text)
    one(facts, "Jan Novak", "founded", "Ostrava Mills")
    one(facts, "Eva Dvorak", "founded", "Ostrava Mills")


# 4. Titles are not entities.


def test_title_words_are_no_organization(extractor: Extractor) -> None:
    text = (
        "Amara Osei is Deputy Director and Chief Operating Officer of the "
        "Federal Grain Inspection Bureau (FGIB)."
    )
    facts = facts_of(extractor, text)
    fact = one(facts, "Amara Osei", "executive_of", "Federal Grain Inspection Bureau")
    assert fact.qualifiers["role"] == "COO"
    assert not {o for _, _, o in triples(facts)} & {"Chief", "Deputy Director"}


def test_list_of_titles_names_the_company_after_of(extractor: Extractor) -> None:
    text = (
        "Tomas Reed will retire in May as Chairman of the board, President and Chief "
        "Executive Officer of Quillon Corporation."
    )
    facts = facts_of(extractor, text)
    one(facts, "Tomas Reed", "executive_of", "Quillon Corporation")
    assert all("Officer" not in o for _, _, o in triples(facts))


# 5. Stake versus control.


def test_remaining_stake_is_an_acquisition_only(extractor: Extractor) -> None:
    facts = facts_of(extractor, "Rendel Group acquired the remaining stake in Quarto Media.")
    assert triples(facts) == {("Rendel Group", "acquires", "Quarto Media")}


def test_minority_control_is_an_investment_with_a_stake(extractor: Extractor) -> None:
    text = "Halder Shipping gained control of about 30% of Vessa Lines' shares."
    facts = facts_of(extractor, text)
    assert ("Halder Shipping", "acquires", "Vessa Lines") not in triples(facts)
    assert one(facts, "Halder Shipping", "invests_in", "Vessa Lines").qualifiers["stake"] == "30"


def test_whole_company_bought_stays_an_acquisition(extractor: Extractor) -> None:
    facts = facts_of(extractor, "Halder Shipping acquired Vessa Lines for $400 million.")
    assert triples(facts) == {("Halder Shipping", "acquires", "Vessa Lines")}


# 6. Who "she" is.


def test_she_is_not_a_company_named_before(extractor: Extractor) -> None:
    text = (
        "Mira Costa's father, Paulo Costa, is founder and chairman of Costa Foods. "
        "She is the founder and chief executive of Luma Skin."
    )
    facts = facts_of(extractor, text)
    assert not any(s == "Costa Foods" for s, _, _ in triples(facts))
    one(facts, "Paulo Costa", "founded", "Costa Foods")


def test_she_is_the_person_the_paragraph_is_about(extractor: Extractor) -> None:
    text = (
        "Mira Costa's father, Paulo Costa, is founder and chairman of Costa Foods. "
        "She is the founder and chief executive of Luma Skin."
    )
    found = facts_of(extractor, text)
    one(found, "Mira Costa", "founded", "Luma Skin")
    one(found, "Mira Costa", "executive_of", "Luma Skin")
    assert not [f for f in found if f.subject.name == "Costa Foods"]


# 7. Roles and successions.


def test_named_with_effective_date_starts_the_role(extractor: Extractor) -> None:
    text = "Quillon Corporation named Ravi Menon chairman and chief executive, effective October 3."
    fact = one(facts_of(extractor, text), "Ravi Menon", "executive_of", "Quillon Corporation")
    assert fact.valid_from is not None and fact.valid_from.isoformat() == "2024-10-03"


def test_successor_closes_the_predecessor(extractor: Extractor) -> None:
    text = (
        "Quillon Corporation named Ravi Menon chairman and chief executive, effective "
        "October 3. He succeeds Ana Blum."
    )
    fact = one(facts_of(extractor, text), "Ana Blum", "executive_of", "Quillon Corporation")
    assert fact.valid_to is not None


def test_time_phrase_between_subject_and_verb(extractor: Extractor) -> None:
    text = "Brakken Motors on Wednesday named Ilse Varga chief executive."
    one(facts_of(extractor, text), "Ilse Varga", "executive_of", "Brakken Motors")


# 8. Dates in the sentence attach.


def test_became_a_subsidiary_in_a_year(extractor: Extractor) -> None:
    text = "Brakken Motors became a subsidiary of Ostrel Industries in 2017."
    fact = one(facts_of(extractor, text), "Brakken Motors", "subsidiary_of", "Ostrel Industries")
    assert fact.valid_from is not None and fact.valid_from.isoformat() == "2017"


def test_joined_as_chief_executive_in_a_year(extractor: Extractor) -> None:
    text = "Ilse Varga joined Brakken Motors as chief executive in 2021."
    fact = one(facts_of(extractor, text), "Ilse Varga", "executive_of", "Brakken Motors")
    assert fact.valid_from is not None and fact.valid_from.isoformat() == "2021"


def test_ended_supply_agreement(extractor: Extractor) -> None:
    text = "Ostrel Industries ended its supply agreement with Brakken Motors in March."
    fact = one(facts_of(extractor, text), "Ostrel Industries", "supplies", "Brakken Motors")
    assert fact.valid_to is not None


@pytest.mark.parametrize(
    ("text", "s", "r", "o", "end"),
    [
        ("Kessel Components terminated its supply contract with Orlo Motors in 2022.",
         "Kessel Components", "supplies", "Orlo Motors", "2022"),
        ("Kessel Components stopped supplying parts to Orlo Motors in 2021.",
         "Kessel Components", "supplies", "Orlo Motors", "2021"),
        ("Orlo Motors cut ties with Kessel Components, its longtime supplier, in March.",
         "Kessel Components", "supplies", "Orlo Motors", "2024-03"),
        ("Orlo Motors dropped Kessel Components, its parts supplier, in 2020.",
         "Kessel Components", "supplies", "Orlo Motors", "2020"),
        ("Orlo Motors stopped buying from Kessel Components, its main supplier, in 2019.",
         "Kessel Components", "supplies", "Orlo Motors", "2019"),
        ("Orlo Motors ended its alliance with Kessel Components, its longtime partner, in 2018.",
         "Kessel Components", "partners_with", "Orlo Motors", "2018"),
    ],
)  # fmt: skip
def test_ended_relationship_is_dated(
    extractor: Extractor, text: str, s: str, r: str, o: str, end: str
) -> None:
    fact = one(facts_of(extractor, text), s, r, o)
    assert fact.qualifiers["status"] == "ended"
    assert fact.valid_to is not None and fact.valid_to.isoformat() == end


def test_no_longer_supplies_ends_now(extractor: Extractor) -> None:
    text = "Kessel Components no longer supplies Orlo Motors."
    fact = one(facts_of(extractor, text), "Kessel Components", "supplies", "Orlo Motors")
    assert fact.qualifiers["status"] == "ended"
    assert fact.valid_to is not None and fact.valid_to.isoformat() == PUBLISHED.isoformat()


def test_a_supply_deal_merely_signed_states_no_direction(extractor: Extractor) -> None:
    """Either side may be the supplier ('X signed a supply deal with Y'): no guess."""
    for text in (
        "Kessel Components signed a supply deal with Orlo Motors.",
        "Orlo Motors has a supply agreement with Kessel Components for brakes.",
    ):
        assert not {t for t in triples(facts_of(extractor, text)) if t[1] == "supplies"}, text


def test_other_business_with_a_supplier_does_not_end_it(extractor: Extractor) -> None:
    text = "Orlo Motors sued Kessel Components, its parts supplier, in 2021."
    fact = one(facts_of(extractor, text), "Kessel Components", "supplies", "Orlo Motors")
    assert fact.qualifiers.get("status") != "ended" and fact.valid_to is None


# 9. Names and dates relative to the article.


def test_from_a_day_without_year_looks_ahead(extractor: Extractor) -> None:
    text = "Lindqvist Foods named Oskar Berg chief executive from September 1."
    fact = one(facts_of(extractor, text), "Oskar Berg", "executive_of", "Lindqvist Foods")
    assert fact.valid_from is not None and fact.valid_from.isoformat() == "2024-09-01"


def test_distinct_trailing_word_makes_a_distinct_company(extractor: Extractor) -> None:
    text = (
        "Pendra Electronics said its battery affiliate Pendra SDI will supply battery "
        "cells to Volt Motors."
    )
    facts = facts_of(extractor, text)
    one(facts, "Pendra SDI", "supplies", "Volt Motors")
    assert ("Pendra Electronics", "supplies", "Volt Motors") not in triples(facts)


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "text",
    [
        "Finance ministers of the Group of Seven met in Paris on Sunday.",
        "Trade officials from the Group of Twenty said Tallis Bank would lend more.",
    ],
)
def test_a_legal_form_followed_by_of_never_stalls(extractor: Extractor, text: str) -> None:
    """ "Group of Seven": the "of" after a legal-form word is no role to cut the name at
    (a cut past the legal form walked the name finder backwards, for ever)."""
    facts = facts_of(extractor, text)
    assert all(f.subject.name != "Seven" and f.object.name != "Seven" for f in facts)


# Roles written as "Y chief executive X" twice in one sentence, and roles the parser
# hangs on the wrong word: each person goes with the company named before their role.


@pytest.mark.parametrize(
    "text",
    [
        "Korvel Systems chief executive Dana Pruitt and Almont Systems chief executive "
        "Rafe Tolland said the two groups would stay rivals.",
        "Korvel Systems chief executive Dana Pruitt said costs would fall, while Almont "
        "Systems chief executive Rafe Tolland called the deal a win.",
    ],
)
def test_two_company_roles_in_one_sentence(extractor: Extractor, text: str) -> None:
    got = {(s, o) for s, r, o in triples(facts_of(extractor, text)) if r == "executive_of"}
    assert got == {("Dana Pruitt", "Korvel Systems"), ("Rafe Tolland", "Almont Systems")}


def test_former_role_misparsed_as_conjunct(extractor: Extractor) -> None:
    text = "Backers include Mira Castell and former Dunmore Labs chief executive Owen Pratt."
    got = {(s, o) for s, r, o in triples(facts_of(extractor, text)) if r == "executive_of"}
    assert got == {("Owen Pratt", "Dunmore Labs")}


def test_role_company_is_not_what_the_holder_pursues(extractor: Extractor) -> None:
    text = (
        "Halvern Mining dropped its offer for Tessaline Metals on Tuesday. "
        "Chief executive Gareth Wolde had pursued Tessaline Metals for a year."
    )
    got = {(s, o) for s, r, o in triples(facts_of(extractor, text)) if r == "executive_of"}
    assert got == {("Gareth Wolde", "Halvern Mining")}


def test_bare_role_takes_the_company_of_another_role(extractor: Extractor) -> None:
    text = (
        "Brenova Foods chief executive Carla Imrie will retire in June, and president "
        "Tomas Keel will succeed her, the company said."
    )
    one(facts_of(extractor, text), "Tomas Keel", "executive_of", "Brenova Foods")


# Biographies and company pages: roles, founders and parents as "about" pages write them.


def _rel(extractor: Extractor, text: str, relation: str) -> set[tuple[str, str]]:
    return {(s, o) for s, r, o in triples(facts_of(extractor, text)) if r == relation}


@pytest.mark.parametrize(
    ("text", "person", "org"),
    [
        # a role set beside a description of the person: the copula's subject holds it
        ("Ilse Varga is a Hungarian businesswoman, chairman and chief executive of "
         "Dravenor Holdings, a shipping group.", "Ilse Varga", "Dravenor Holdings"),
        ("Tobin Marsh is a former American executive who was the chairman and chief "
         "executive of Quillfield Mills.", "Tobin Marsh", "Quillfield Mills"),
        # a second role joined to the verb: "served as CEO of A and CEO of B"
        ("Tobin Marsh is a retired executive who served as CEO of Norvale Paper from 1990 "
         "to 1994 and CEO of Brightwater Glass from 1995 to 1999.", "Tobin Marsh",
         "Brightwater Glass"),
        # a role the parser hung on the previous company name
        ("Katrin Mayhew is the former publisher of The Oakridge Ledger and chief executive "
         "officer of Oakridge Ledger Media.", "Katrin Mayhew", "Oakridge Ledger Media"),
        # conjoined role nouns share their "of" company
        ("Pavel Stroud is the CEO and founder of Quenlo Finance, a lender based in Ohio.",
         "Pavel Stroud", "Quenlo Finance"),
        # "Mr." makes a one-word name a person
        ("Mr. Adeyemi is President and CEO of Tarnwell Therapeutics, Inc.", "Adeyemi",
         "Tarnwell Therapeutics, Inc."),
    ],
)  # fmt: skip
def test_bio_roles(extractor: Extractor, text: str, person: str, org: str) -> None:
    assert (person, org) in _rel(extractor, text, "executive_of")


def test_first_name_alone_holds_a_role(extractor: Extractor) -> None:
    text = "Before joining Pellam, Brannoc served as chief executive of Corvista Labs."
    assert ("Brannoc", "Corvista Labs") in _rel(extractor, text, "executive_of")


def test_a_function_is_no_company(extractor: Extractor) -> None:
    text = (
        "Ruth Kessel is senior vice president of Human Resources and Investor Relations at Orvane."
    )
    got = _rel(extractor, text, "executive_of")
    assert not any(o.startswith("Human Resources") for _, o in got)


@pytest.mark.parametrize(
    ("text", "founders", "org"),
    [
        ("The Harrow Party was a small party founded and led by Amos Keeling.",
         {"Amos Keeling"}, "Harrow Party"),
        ("Marta Velez and her brother, Jorge Velez, formed Velez Paving Company in 1950.",
         {"Marta Velez", "Jorge Velez"}, "Velez Paving Company"),
        ("In 2009 Dara Quill set up Quill Brannigan LLP as a boutique restructuring firm.",
         {"Dara Quill"}, "Quill Brannigan LLP"),
        ("The Northside Traders Association was created by its first president, Lena Ortiz.",
         {"Lena Ortiz"}, "Northside Traders Association"),
        ("Wim Dekker was a founding member of the Ruritanian Botanical Society.",
         {"Wim Dekker"}, "Ruritanian Botanical Society"),
        ("Ana Brill is the founding chair of the Corvale Film Festival.",
         {"Ana Brill"}, "Corvale Film Festival"),
    ],
)  # fmt: skip
def test_founding_phrases(extractor: Extractor, text: str, founders: set[str], org: str) -> None:
    got = _rel(extractor, text, "founded")
    assert {(f, org) for f in founders} <= got


def test_founded_and_led_needs_one_clause(extractor: Extractor) -> None:
    text = "Zorbin Media was established in 2017 and today is led by chief executive Alon Matar."
    assert not _rel(extractor, text, "founded")


@pytest.mark.parametrize(
    ("text", "unit", "parent"),
    [
        ("Halden Asset Management is a wholly-owned subsidiary of Halden, the insurer.",
         "Halden Asset Management", "Halden"),
        ("Vessar Svenska AB is a 100% daughter company of Vessar Maschinenbau GmbH.",
         "Vessar Svenska AB", "Vessar Maschinenbau GmbH"),
        ("Altaqor Global, a subsidiary of Zahran Group, has been picked to build the plant.",
         "Altaqor Global", "Zahran Group"),
    ],
)  # fmt: skip
def test_parent_phrases(extractor: Extractor, text: str, unit: str, parent: str) -> None:
    got = _rel(extractor, text, "subsidiary_of")
    assert any(u.startswith(unit) and p.startswith(parent) for u, p in got), got


def test_co_founders_alongside(extractor: Extractor) -> None:
    text = (
        "Markus Perr is a Swedish programmer who founded the game studio Brakvik alongside "
        "Carl Manneh and Jakob Porser in 2010."
    )
    got = _rel(extractor, text, "founded")
    assert {("Carl Manneh", "Brakvik"), ("Jakob Porser", "Brakvik")} <= got


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a sentence-opening description names the clause's subject
        ("A subsidiary of Corvane Media, Atelier Corvane is an online retail platform.",
         ("Atelier Corvane", "subsidiary_of", "Corvane Media")),
        ("Chief executive of Marlo Bank since 2019, Dana Pruitt said costs would fall.",
         ("Dana Pruitt", "executive_of", "Marlo Bank")),
        # "a company that is a subsidiary of Y": the copula's subject
        ("Brenwick, Inc. is a Virginia-based company that owns the retailer Toolgeek and is "
         "a subsidiary of Halvard Stores.", ("Brenwick, Inc.", "subsidiary_of", "Halvard Stores")),
        # "the parent company for A and B"
        ("Dorran Care Ltd is the parent company for Brightvale Care Home and Elmside Care "
         "Home.", ("Brightvale Care Home", "subsidiary_of", "Dorran Care Ltd")),
    ],
)  # fmt: skip
def test_page_openings_and_relative_clauses(
    extractor: Extractor, text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in triples(facts_of(extractor, text))


def test_which_stands_for_no_person(extractor: Extractor) -> None:
    text = (
        "Arvind Kolte is rich. Kolte, the region's richest man, is chairman of Varuna "
        "Industries, which also owns Zenta Mobile, the phone carrier."
    )
    got = _rel(extractor, text, "subsidiary_of")
    assert not any(p in {"Kolte", "Arvind Kolte"} for _, p in got)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a brand and a model code after the maker's name
        ("Velmora Electronics is a maker of phones. Since 2019 the Velmora Aster Tab S5 has "
         "sold well.", ("Velmora Electronics", "develops", "Velmora Aster Tab S5")),
        # "the station", "the airline": a description standing for the topic
        ("KQRV - FM is a radio station in Dover. The station is owned by Halden Media.",
         ("KQRV - FM", "subsidiary_of", "Halden Media")),
        ("Skyvale Air is a regional airline based in Oslo. The airline is a wholly owned "
         "subsidiary of Norfjell Group.", ("Skyvale Air", "subsidiary_of", "Norfjell Group")),
        # "a record label of Y", "a regional airline of Y"
        ("Tavor Records is a record label of Halden Music Group.",
         ("Tavor Records", "subsidiary_of", "Halden Music Group")),
        ("Skyvale Air is a regional airline of Norfjell Group.",
         ("Skyvale Air", "subsidiary_of", "Norfjell Group")),
    ],
)  # fmt: skip
def test_encyclopaedic_makers_and_parents(
    extractor: Extractor, text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in triples(facts_of(extractor, text))


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a unit named beside "arm" is a company, not a person
        ("Kestrel Bank agreed to sell its lending arm, Varro Credit, to Orlo Capital.",
         ("Varro Credit", "subsidiary_of", "Kestrel Bank")),
        # "X, the N business of Y": the business is Y's
        ("Halvard Systems agreed to buy Brisk Aerospace, the satellite business of Tamsin "
         "Corporation, for $2 billion.",
         ("Brisk Aerospace", "subsidiary_of", "Tamsin Corporation")),
        # an appositive the parser read as a second subject
        ("Quillo, the budget shopping app owned by Marrow Holdings, bought several ads.",
         ("Quillo", "subsidiary_of", "Marrow Holdings")),
        # an appositive the parser hung on the buyer, not on the bought company
        ("Dunmore agreed to buy Petrel Grain, the grain trader controlled by Ostrava Mining, "
         "in a cash deal.", ("Petrel Grain", "subsidiary_of", "Ostrava Mining")),
        # the owner's possessive is not part of the company's name
        ("Basker Chemicals is owned by Lena Varga's Ardent Industries.",
         ("Basker Chemicals", "subsidiary_of", "Ardent Industries")),
    ],
)  # fmt: skip
def test_unit_and_owner_phrases(
    extractor: Extractor, text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in triples(facts_of(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        # a year, a place or a role after a company's name names no product of it
        "The Velmora Cup 2008 and the Velmora Europe office opened.",
        # a maker and a bare code: a plane the text only flies
        "He flew on a Velmora Corp. A330 to Oslo.",
        # an amount after a currency code
        "Velmora Corp. said its revenue was DKK 21.4 billion in 2019.",
    ],
)
def test_maker_names_that_are_not_goods(extractor: Extractor, text: str) -> None:
    assert not [f for f in facts_of(extractor, text) if f.relation.value == "develops"]


def test_label_named_in_front_is_not_its_owner(extractor: Extractor) -> None:
    text = "Later he founded the Tavor Sound record label and a music label called Qelvane."
    assert not [f for f in facts_of(extractor, text) if f.relation.value == "subsidiary_of"]


@pytest.mark.parametrize(
    "text",
    [
        # "established that ..." states a finding, founds nothing
        "Marta Ruiz is a historian. Her research conclusively established that Velmora was "
        "born in Chad.",
        # a passive clause with its own subject takes no doer from the clause before
        "President Marco Velez was removed from his position, and the Velmora Council, led "
        "by Andrea Ruiz, was formed.",
    ],
)
def test_founding_needs_a_founder(extractor: Extractor, text: str) -> None:
    assert not [f for f in facts_of(extractor, text) if f.relation.value == "founded"]


def test_appositive_hung_on_the_buyer_is_not_the_buyers(extractor: Extractor) -> None:
    text = "Dunmore agreed to buy Petrel Grain, the grain trader controlled by Ostrava Mining."
    got = triples(facts_of(extractor, text))
    assert ("Dunmore", "subsidiary_of", "Ostrava Mining") not in got


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # "X's half of Y": a stake in a venture
        ("Corvane Group agreed to buy Ostrel Systems' half of Brisk Networks, the venture "
         "the two set up in 2001.", ("Ostrel Systems", "invests_in", "Brisk Networks")),
        # a share owned, as the passive subject
        ("Half of the Tamsin Pictures library is owned by Corvane Studios.",
         ("Corvane Studios", "invests_in", "Tamsin Pictures")),
    ],
)  # fmt: skip
def test_half_and_share_owned(extractor: Extractor, text: str, fact: tuple[str, str, str]) -> None:
    assert fact in triples(facts_of(extractor, text))


def test_owned_share_is_no_subsidiary(extractor: Extractor) -> None:
    text = "Half of the Tamsin Pictures library is owned by Corvane Studios."
    got = triples(facts_of(extractor, text))
    assert ("Tamsin Pictures", "subsidiary_of", "Corvane Studios") not in got


# Cross-sentence descriptions: "the insurer", "the miner", "the Boston company" stand for
# the company the text described that way, not for whichever company came last.
@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        (
            # an appositive description singles out one of two companies
            "Granwick, a British bank, and Selby, an Irish insurer, reported results. "
            "The bank agreed to buy Hollis Mortgage.",
            ("Granwick", "acquires", "Hollis Mortgage"),
            ("Selby", "acquires", "Hollis Mortgage"),
        ),
        (
            "Granwick, a British bank, and Selby, an Irish insurer, reported results. "
            "The insurer agreed to buy Hollis Mortgage.",
            ("Selby", "acquires", "Hollis Mortgage"),
            ("Granwick", "acquires", "Hollis Mortgage"),
        ),
        (
            # a name word says the kind: "Selby Insurance" is the insurer
            "Selby Insurance reported results on Monday. Granwick Bank said profits rose. "
            "The insurer agreed to buy Hollis Mortgage.",
            ("Selby Insurance", "acquires", "Hollis Mortgage"),
            ("Granwick Bank", "acquires", "Hollis Mortgage"),
        ),
        (
            # what the text calls a company outranks what its name suggests
            "Hollis Mortgage, a small lender, agreed to be bought by Granwick Bank. "
            "The lender's chief executive, Amy Chen, will leave.",
            ("Amy Chen", "executive_of", "Hollis Mortgage"),
            ("Amy Chen", "executive_of", "Granwick Bank"),
        ),
        (
            # the description's modifiers must fit too
            "Norvik, a Danish shipping group, said Calloway Freight had rejected its offer. "
            "The group's chief executive, Lars Holm, said talks would continue.",
            ("Lars Holm", "executive_of", "Norvik"),
            ("Lars Holm", "executive_of", "Calloway Freight"),
        ),
        (
            # synonyms: a carmaker is an automaker
            "Feldmann Motors, the German carmaker, cut its forecast. Kessler Parts said "
            "the automaker had agreed to buy Pell Axles.",
            ("Feldmann Motors", "acquires", "Pell Axles"),
            ("Kessler Parts", "acquires", "Pell Axles"),
        ),
        (
            # a name its appositive calls a utility is a company antecedent, even where
            # the name model missed it
            "Helios Grid, the Arizona utility, signed a supply deal with Sunfield Panels. "
            "The utility said its chief executive Dana Price would attend.",
            ("Dana Price", "executive_of", "Helios Grid"),
            ("Dana Price", "executive_of", "Sunfield Panels"),
        ),
        (
            # "the Irish company": the one company the text called Irish
            "Sefton, the Irish software company, was bought by Granite Tech last year. "
            "The Irish company's co-founder, Niall Byrne, will join Granite.",
            ("Niall Byrne", "founded", "Sefton"),
            ("Niall Byrne", "founded", "Granite Tech"),
        ),
        (
            # a kind said by the description's modifier: a mining group is a miner
            "Aldous Group, a South African mining group, sold its platinum unit to Kora "
            "Metals. The miner's chief executive, Thabo Nkosi, said the sale was complete.",
            ("Thabo Nkosi", "executive_of", "Aldous Group"),
            ("Thabo Nkosi", "executive_of", "Kora Metals"),
        ),
        (
            # "a maker of generic drugs" is a drugmaker
            "Vessa Pharma, a maker of generic drugs, was bought by Ember Health. "
            "The drugmaker's founder, Ned Vale, will retire.",
            ("Ned Vale", "founded", "Vessa Pharma"),
            ("Ned Vale", "founded", "Ember Health"),
        ),
        (
            # a role beside a description with a place is at that company
            "Kyoten, the Japanese electronics group, took a stake in Arclight Displays, a "
            "Taiwanese panel maker. The Taiwanese company's founder, Chen Wei, will stay "
            "as chairman.",
            ("Chen Wei", "executive_of", "Arclight Displays"),
            ("Chen Wei", "executive_of", "Kyoten"),
        ),
        (
            # "the new company" after a merger that names what it forms
            "Merrow Foods and Pallant Brands said they would combine to form Merrow "
            "Pallant. The new company's chief executive will be Jane Orr.",
            ("Jane Orr", "executive_of", "Merrow Pallant"),
            ("Jane Orr", "executive_of", "Merrow Foods"),
        ),
    ],
)
def test_a_description_stands_for_the_company_described_so(
    extractor: Extractor,
    text: str,
    want: tuple[str, str, str],
    wrong: tuple[str, str, str],
) -> None:
    got = triples(facts_of(extractor, text))
    assert want in got
    assert wrong not in got


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # two companies fit the description: the role is at neither
        ("Tamsin Bank and Corrib Bank agreed to merge. The bank's chairman, Owen Kerr, "
         "said the deal made sense.", "Owen Kerr"),
        ("Mistral Foods, a French dairy group, agreed to buy Pinecrest Milk, a Canadian "
         "dairy group. The dairy group's chairman, Luc Moreau, praised the deal.", "Luc Moreau"),
        # the only company named is of another kind than the description
        ("Ravelin Air agreed to buy 30 jets from Sorrel Aviation, a Brazilian planemaker. "
         "The carrier's chief executive, Luis Prado, called the order historic.", "Luis Prado"),
        # a merger that names no new company: "the new company" is neither party
        ("Merrow Foods and Pallant Brands agreed to merge. The new company's chief "
         "executive will be Jane Orr.", "Jane Orr"),
    ],
)  # fmt: skip
def test_an_ambiguous_description_gives_no_company(
    extractor: Extractor, text: str, person: str
) -> None:
    got = triples(facts_of(extractor, text))
    assert not [t for t in got if t[0] == person and t[1] == "executive_of"], got


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Ardent Mining, an Australian miner, reported output. "
            "The miner agreed to buy Coppervale Resources.",
            ("Ardent Mining", "acquires", "Coppervale Resources"),
        ),
        (
            "Halvard Pharmaceuticals reported sales. The drugmaker agreed to buy Ostrow Biotech.",
            ("Halvard Pharmaceuticals", "acquires", "Ostrow Biotech"),
        ),
    ],
)
def test_an_industry_noun_stands_for_the_company_of_that_industry(
    extractor: Extractor, text: str, want: tuple[str, str, str]
) -> None:
    assert want in triples(facts_of(extractor, text))


def test_an_industry_noun_no_company_fits_stands_for_none(extractor: Extractor) -> None:
    # no company was called a brewer: the brewer is none of the bidders
    got = triples(
        facts_of(
            extractor,
            "Heldmann and Tarrow won control of Brack Ales on Friday after the British "
            "brewer accepted their joint offer.",
        )
    )
    assert ("Tarrow", "acquires", "Heldmann") not in got
    assert ("Heldmann", "acquires", "Tarrow") not in got


def test_a_description_by_place_continues_the_last_sentences_company(
    extractor: Extractor,
) -> None:
    got = triples(
        facts_of(
            extractor,
            "Harlow Ventures agreed to buy Kestrel Labs. Kestrel's software helps farmers "
            "spot disease. The Boston company was founded in 2015 by Jane Moss.",
        )
    )
    assert ("Jane Moss", "founded", "Kestrel Labs") in got
    assert ("Jane Moss", "founded", "Harlow Ventures") not in got


# Encyclopedic leads: definitions, lists and descriptions of the article's topic.


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a one-word product name the parser reads as a common noun, defining the topic
        ("Skyhopper is a video game developed by Brightmoor Games.",
         ("Brightmoor Games", "develops", "Skyhopper")),
        ("Norvexa is a drug developed by Calloway Pharmaceuticals for migraine.",
         ("Calloway Pharmaceuticals", "develops", "Norvexa")),
        # "the game" continues the product the lead defines
        ("Ironvale is a real-time strategy game released in 2009. The game was developed "
         "by Brightmoor Games.", ("Brightmoor Games", "develops", "Ironvale")),
        # every item of a list NER missed, not only the first
        ("Ostrava Motors manufactures the Brisa, the Corvan and the Talon.",
         ("Ostrava Motors", "develops", "Talon")),
        # a model number ends a product's name
        ("Skyvale Aviation is an aircraft maker. Its products include the Harrier X9 and "
         "the Kestrel 200.", ("Skyvale Aviation", "develops", "Kestrel 200")),
        # "whose" after a predicate noun describes the copula's subject
        ("Valdris Holdings is a conglomerate whose subsidiaries include Lunaris Software "
         "and Ostrava Motors.", ("Ostrava Motors", "subsidiary_of", "Valdris Holdings")),
        # a "person" ending in a company word, where only a company fits
        ("Redwing Studio is a division of Brightmoor Games.",
         ("Redwing Studio", "subsidiary_of", "Brightmoor Games")),
    ],
)  # fmt: skip
def test_encyclopedic_lead(extractor: Extractor, text: str, fact: tuple[str, str, str]) -> None:
    assert fact in triples(facts_of(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        # a film its studio produced is the studio's work: test_extract_makers.py
        "Starlight Echo is an album by Mira Vance, released by Tidewell Records.",
    ],
)
def test_encyclopedic_film_or_album_is_no_product(extractor: Extractor, text: str) -> None:
    assert not [f for f in facts_of(extractor, text) if f.relation.value == "develops"]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # every title a plural noun for works lists, a full "person" name too
        ("Tidewell Soft is a game studio. Its games include Amber Crossing and Ironvale.",
         ("Tidewell Soft", "develops", "Amber Crossing")),
        # the owner of the team named in the "by" phrase makes the goods
        ("Ironvale is a 2011 puzzle game developed by Brightmoor Games' Lisbon studio.",
         ("Brightmoor Games", "develops", "Ironvale")),
        # a co-making verb makes each of its agents a maker
        ("Ironvale is a puzzle game co-developed by Brightmoor Games and Tidewell Interactive.",
         ("Tidewell Interactive", "develops", "Ironvale")),
        # a relative clause on the predicate noun describes the copula's subject
        ("The Corvan is a small hatchback that was built by Ostrava Motors until 1990.",
         ("Ostrava Motors", "develops", "Corvan")),
        ("Harlen Sound is a record label that was owned by Valdris Holdings until 2004.",
         ("Harlen Sound", "subsidiary_of", "Valdris Holdings")),
        # a participle after "in <place>" describes the noun before the place
        ("KWVB is a radio station in Tulsa owned by Marrow Broadcasting.",
         ("KWVB", "subsidiary_of", "Marrow Broadcasting")),
        # a bare "by" shares its object with the next participle's preposition
        ("KWVB is a radio station. The station is owned by and licensed to Marrow "
         "Broadcasting.", ("KWVB", "subsidiary_of", "Marrow Broadcasting")),
        # "the label", "the paper" stand for the organization the lead called so
        ("Harlen Sound is a Dutch record label. Since 2004, the label has been owned by "
         "Valdris Holdings.", ("Harlen Sound", "subsidiary_of", "Valdris Holdings")),
        ("The Tulsa Courier is a weekly newspaper. The paper is owned by Marrow Media.",
         ("Tulsa Courier", "subsidiary_of", "Marrow Media")),
        ("Harlen Records is a sublabel of Valdris Holdings.",
         ("Harlen Records", "subsidiary_of", "Valdris Holdings")),
        # a brand before common nouns that define it as goods ("Quorra photo apps are ...")
        ("Quorra photo apps are imaging applications by Tidewell Soft. They run on Quorra "
         "phones.", ("Tidewell Soft", "develops", "Quorra")),
    ],
)  # fmt: skip
def test_encyclopedic_lead_more(
    extractor: Extractor, text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in triples(facts_of(extractor, text))


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # a founded thing the text calls a theory, a town, an award: no organization
        ("The Marsh Medal is an award established in 1994 by Lena Marsh.",
         ("Lena Marsh", "founded", "Marsh Medal")),
        ("Veltanism is a theory created by the philosopher Arno Quist.",
         ("Arno Quist", "founded", "Veltanism")),
        ("Brisa Falls is a town founded by Tomas Ekberg in 1850.",
         ("Tomas Ekberg", "founded", "Brisa Falls")),
        # "the Senate and President A": the role is not the Senate's
        ("The park was created by the Senate and President Arno Quist in 1938.",
         ("Arno Quist", "executive_of", "Senate")),
        # a sister unit is beside the other, not under it
        ("Harlen Sound is a sister label of Tidewell Records.",
         ("Harlen Sound", "subsidiary_of", "Tidewell Records")),
        # a place before the participle is not what it describes
        ("KWVB is a radio station in Tulsa owned by Marrow Broadcasting.",
         ("Tulsa", "subsidiary_of", "Marrow Broadcasting")),
    ],
)  # fmt: skip
def test_encyclopedic_lookalikes(
    extractor: Extractor, text: str, wrong: tuple[str, str, str]
) -> None:
    assert wrong not in triples(facts_of(extractor, text))


def test_compound_words_of_one_name_are_not_a_list(extractor: Extractor) -> None:
    text = "Corvane Group gets Ostrel Systems' half of Baltic Brewing Holding, a venture."
    got = triples(facts_of(extractor, text))
    assert ("Ostrel Systems", "invests_in", "Brewing") not in got


def test_later_list_items_are_made_up_for_products_only(extractor: Extractor) -> None:
    text = "Pellworth Water serves Marlow as well as the Village of Brent and parts of Dunmore."
    got = triples(facts_of(extractor, text))
    assert not [t for t in got if t[2] in {"Village", "Dunmore"}]


# Supply, use, rivalry and partnership wordings of news and company profiles.


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # a long list of names with no "and", which the parser hangs as compounds
        ("Quillon Studio's clients include Harbin Foods, Maltrex Bank, Ostrel Systems, "
         "Pexton Air, Corvane Group, Brillo Mobile, Tessin Logistics, Norvik Insurance.",
         [("Quillon Studio", "supplies", n) for n in (
             "Harbin Foods", "Ostrel Systems", "Corvane Group", "Norvik Insurance")]),
        ("Quillon Studio's client list includes Harbin Foods, Maltrex Bank and Ostrel Systems.",
         [("Quillon Studio", "supplies", "Maltrex Bank")]),
        ("Quillon Studio has worked for brands including Harbin Foods and Maltrex Bank.",
         [("Quillon Studio", "supplies", "Harbin Foods")]),
        ("Quillon Studio has created campaigns for Harbin Foods and Maltrex Bank.",
         [("Quillon Studio", "supplies", "Maltrex Bank")]),
        ("Tessin Bank has been using Ostrel Systems' payment software since 2019.",
         [("Ostrel Systems", "supplies", "Tessin Bank")]),
        ("Volmar Energy will power Ostrel Systems' new data centers in Ohio.",
         [("Volmar Energy", "supplies", "Ostrel Systems")]),
        ("Corvane Group gets its steel from Halvern Steelworks.",
         [("Halvern Steelworks", "supplies", "Corvane Group")]),
        ("Brillo Mobile processes card payments for Tessin Bank and Maltrex Bank.",
         [("Brillo Mobile", "supplies", "Tessin Bank"),
          ("Brillo Mobile", "supplies", "Maltrex Bank")]),
        ("Corvane Group entered into an agreement with Pexton Media to distribute its films.",
         [("Corvane Group", "partners_with", "Pexton Media")]),
        ("Corvane Group signed an agreement with Pexton Media for the development of a sensor.",
         [("Corvane Group", "partners_with", "Pexton Media")]),
        ("Corvane Group will co-produce the series along with Pexton Media.",
         [("Corvane Group", "partners_with", "Pexton Media")]),
        ("Brillo Mobile has been gaining market share against Pexton Mobile.",
         [("Brillo Mobile", "competes_with", "Pexton Mobile")]),
        ("Brillo Mobile is in a price war with Pexton Mobile.",
         [("Brillo Mobile", "competes_with", "Pexton Mobile")]),
        # "its" is the name right before "and its", not the sentence's subject
        ("Fizzwell sells itself as an alternative to sodas from Harbin Drinks and its "
         "arch-rival Maltrex Beverages.",
         [("Harbin Drinks", "competes_with", "Maltrex Beverages")]),
    ],
)  # fmt: skip
def test_supply_use_rivalry_and_partnership_wordings(
    extractor: Extractor, text: str, wanted: list[tuple[str, str, str]]
) -> None:
    got = triples(facts_of(extractor, text))
    for fact in wanted:
        assert fact in got


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        # a deal to buy is no partnership; nor are agreements each party holds on its own
        ("Corvane Group reached an agreement with Pexton Media to buy its studio.",
         "partners_with"),
        ("Corvane Group and Pexton Media already have agreements to offer the service.",
         "partners_with"),
        # parts named by their maker: the maker is no partner
        ("Corvane Group developed the truck with Ostrel Systems chips.", "partners_with"),
        # data used, money or help got: nothing supplied
        ("Tessin Bank used Ostrel Systems' customer data to train its model.", "supplies"),
        ("Corvane Group got a loan from Halvern Bank.", "supplies"),
        ("Corvane Group got its name from Halvern Steelworks.", "supplies"),
        ("Fizzwell sells itself as an alternative to sodas from Harbin Drinks and its "
         "arch-rival Maltrex Beverages.", "none from Fizzwell"),
    ],
)  # fmt: skip
def test_supply_and_partnership_lookalikes(extractor: Extractor, text: str, relation: str) -> None:
    got = triples(facts_of(extractor, text))
    if relation == "none from Fizzwell":
        assert not [t for t in got if "Fizzwell" in t]
    else:
        assert not [t for t in got if t[1] == relation]


def test_a_list_item_with_a_possessive_ends_the_list(extractor: Extractor) -> None:
    text = "The ferry was bought by Corvane Group, Linda Marsh, Pexton Media's chief, said."
    got = triples(facts_of(extractor, text))
    assert not [t for t in got if t[0] == "Linda Marsh" and t[1] == "acquires"]


def test_a_person_closing_a_list_of_companies_is_one_of_them(extractor: Extractor) -> None:
    text = "Quillon Studio's clients include Harbin Foods, Maltrex Bank and Leo Varga."
    assert ("Quillon Studio", "supplies", "Leo Varga") in triples(facts_of(extractor, text))
    text = "Tessin Bank hired Quillon Studio and Lena Marsh to design its website."
    assert not [t for t in triples(facts_of(extractor, text)) if t[0] == "Lena Marsh"]


# Goods: who makes, supplies and uses them, however the sentence is built.


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # an owned goods noun says what a named product is: a copula or an apposition
        ("The Vortana is Zentrix Corp's best-selling scooter.",
         [("Zentrix Corp", "develops", "Vortana")]),
        ("The Corvan pickup, Zentrix Motors' first electric vehicle, goes on sale in May.",
         [("Zentrix Motors", "develops", "Corvan")]),
        # a name a making participle describes with its maker, even opening the sentence
        ("The Corvan, developed by Kestrel Motors, goes on sale in May.",
         [("Kestrel Motors", "develops", "Corvan")]),
        # a maker fused to the participle with a hyphen
        ("The Quarrix-designed Zeta chip powers the phone.",
         [("Quarrix", "develops", "Zeta")]),
        # a brand a company sells the goods as
        ("Tirzepatide lowered weight more than semaglutide, which Danish rival Novara "
         "Pharma sells as Slimora.",
         [("Novara Pharma", "develops", "Slimora")]),
        ("Kestrel Motors showed off the Corvan pickup at the Detroit auto show.",
         [("Kestrel Motors", "develops", "Corvan")]),
        ("Kestrel Motors halted production of the Corvan pickup.",
         [("Kestrel Motors", "develops", "Corvan")]),
        # a product's maker uses what the product runs on
        ("Kestrel makes the Orbit X, which runs on the Atlas chip.",
         [("Kestrel", "uses", "Atlas"), ("Orbit X", "uses", "Atlas")]),
        # a customer uses the goods its supplier makes
        ("Quarrix will supply Pellion with its Zeta chips for the new phones.",
         [("Pellion", "uses", "Zeta")]),
        # the preposition hung on the verb's object
        ("Grenwald Bank built its new app on Atlas.", [("Grenwald Bank", "uses", "Atlas")]),
        ("Grenwald Bank, an early adopter of Atlas, said costs fell.",
         [("Grenwald Bank", "uses", "Atlas")]),
        # whoever has a firm's clients is a firm, whatever NER called the name
        ("Dalton Reed's larger clients include Orlo, Netflix and Toyota.",
         [("Dalton Reed", "supplies", "Toyota")]),
        # the members a plural noun's clause "includes"
        ("Banks which have used Strideon include Harbin Savings and Pexton Bank.",
         [("Strideon", "supplies", "Pexton Bank")]),
        ("Companies that Orlo Group has acquired include Verimax and Oskel Foods.",
         [("Orlo Group", "acquires", "Oskel Foods")]),
    ],
)  # fmt: skip
def test_goods_wordings(
    extractor: Extractor, text: str, wanted: list[tuple[str, str, str]]
) -> None:
    got = triples(facts_of(extractor, text))
    for fact in wanted:
        assert fact in got, f"no {fact} in {got}"


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # what an investor's money bought is no product of it
        ("Recent investments made by Brightwater Capital include Velmora, Ostrel Systems "
         "and Quillby.", ("Brightwater Capital", "develops", "Ostrel Systems")),
        # a maker fused to a participle is no clause: "Boeing built A320s" is not said
        ("The airline flies Boeing-built 737 jets and Airbus-made A320s.",
         ("Boeing", "develops", "A320s")),
        # an ended supply leaves the customer using nothing
        ("Pellion will stop buying chips made by Quarrix, the maker of the Zeta 9, next year.",
         ("Pellion", "uses", "Zeta")),
        # goods the supplier makes, named in another sentence, may not be what it supplies
        ("Quarrix makes the Zeta phone. Quarrix will supply Pellion with chips for its cars.",
         ("Pellion", "uses", "Zeta")),
        # a person made a chief executive was not made by anyone
        ("Ana Ruiz, made chief executive by the board in 2019, runs Orlo Group.",
         ("board", "develops", "Ana Ruiz")),
    ],
)  # fmt: skip
def test_goods_lookalikes(extractor: Extractor, text: str, wrong: tuple[str, str, str]) -> None:
    assert wrong not in triples(facts_of(extractor, text))


def _pairs(facts: list[ExtractedFact], relation: str) -> set[frozenset[str]]:
    return {
        frozenset((f.subject.name, f.object.name)) for f in facts if f.relation.value == relation
    }


@pytest.mark.parametrize(
    ("text", "relation", "pair"),
    [
        # a relative clause on the subject describes it, whatever the main verb weighs
        ("Velmora Toys, which has been losing ground to Orlo Stores, had earlier weighed a "
         "sale.", "competes_with", ("Velmora Toys", "Orlo Stores")),
        ("Velmora Toys said it would close stores. The retailer, which has partnered with "
         "Orlo Stores, had earlier considered a sale.", "partners_with",
         ("Velmora Toys", "Orlo Stores")),
        # a plural verb in a clause after the last of two names is both's
        ("Velmora and Orlo Systems, which compete in the chip market, agreed to merge.",
         "competes_with", ("Velmora", "Orlo Systems")),
        # a bare passive participle says what the clause's subject underwent
        ("Faced with competition from Orbital Television, Zentrix Television closed in 2001.",
         "competes_with", ("Zentrix Television", "Orbital Television")),
        ("Zentrix Television closed in 2001, faced with stiff competition from Orbital "
         "Television.", "competes_with", ("Zentrix Television", "Orbital Television")),
        # "competition" listing its members
        ("Velmora's competition includes Orlo Systems, Kestrel Labs and others.",
         "competes_with", ("Velmora", "Kestrel Labs")),
        # share won from a company
        ("Velmora has been gaining market share at the expense of Orlo Stores.",
         "competes_with", ("Velmora", "Orlo Stores")),
        # what a rival is measured against may be its goods
        ("Velmora undercut Orlo Stores's prices.", "competes_with", ("Velmora", "Orlo Stores")),
        # "partner" as a modifier, read as "rival" is
        ("Velmora sold its stake in 2004 after a dispute with partner Orlo Systems over "
         "pricing.", "partners_with", ("Velmora", "Orlo Systems")),
        ("Velmora and partner Orlo Systems launched a credit card.", "partners_with",
         ("Velmora", "Orlo Systems")),
        # the parties of a "between" phrase, whatever NER read one of them as
        ("The rivalry between Velmora and Orlo Systems began in 1990.", "competes_with",
         ("Velmora", "Orlo Systems")),
        ("The partnership between Velmora and Orlo Systems dates back to 1990.",
         "partners_with", ("Velmora", "Orlo Systems")),
        # a ranking whose list of others the parser split
        ("Zentrix Telecom launched in 2005 as Norway's fourth mobile operator behind "
         "Orbital Mobile, Kestrel Telecom and Pallam Telecom.", "competes_with",
         ("Zentrix Telecom", "Pallam Telecom")),
        ("Zentrix Telecom launched in 2005 as the fourth mobile operator in Norway behind "
         "Orbital Mobile, Kestrel Telecom and Pallam Telecom.", "competes_with",
         ("Zentrix Telecom", "Kestrel Telecom")),
        # a company's name set before "partner", as before "rival"
        ("Orlo Systems, a Kestrel Labs partner, said profits rose.", "partners_with",
         ("Orlo Systems", "Kestrel Labs")),
        # an owned noun the tagger read as a verb
        ("Velmora's rivals Orlo Systems and Kestrel Labs cut prices too.", "competes_with",
         ("Velmora", "Kestrel Labs")),
    ],
)  # fmt: skip
def test_rivalry_and_partnership_in_clauses(
    extractor: Extractor, text: str, relation: str, pair: tuple[str, str]
) -> None:
    assert frozenset(pair) in _pairs(facts_of(extractor, text), relation)


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        # a hedge inside the relative clause still holds
        ("Velmora, which is in talks to buy Orlo Stores, weighed a sale.", "acquires"),
        ("Velmora is weighing a partnership which would see it team up with Orlo Stores.",
         "partners_with"),
        # a person set beside a trade, or called "she", stays a person
        ("Zentrix teamed up with singer Ana Ruiz to launch a perfume.", "partners_with"),
        ("Managing partner Ana Ruiz joined Velmora in 2010.", "partners_with"),
        ("The difference between Velmora and Orlo Systems is size.", "competes_with"),
        ("Velmora cut costs at the expense of Orlo Stores.", "competes_with"),
        # a singular verb after the last name is that name's alone
        ("Velmora and Orlo Systems, which competes in the chip market, agreed to merge.",
         "competes_with"),
        # the others a ranking names are no rivals of each other for it
        ("Zentrix Telecom launched in 2005 as Norway's fourth mobile operator behind "
         "Orbital Mobile and Kestrel Telecom.", "none between the others"),
    ],
)  # fmt: skip
def test_rivalry_and_partnership_lookalikes(extractor: Extractor, text: str, relation: str) -> None:
    facts = facts_of(extractor, text)
    if relation == "none between the others":
        assert frozenset(("Orbital Mobile", "Kestrel Telecom")) not in _pairs(
            facts, "competes_with"
        )
    else:
        assert not _pairs(facts, relation)


# Parents and founders: joint ventures described by their owners, units sold, studios
# held, founders named with "along with", a participle or a gerund.


@pytest.mark.parametrize(
    "text, wanted",
    [
        (
            "Nuvolt, a joint venture between Kelvaro and Brantix, will make batteries.",
            {("Nuvolt", "subsidiary_of", "Kelvaro"), ("Nuvolt", "subsidiary_of", "Brantix")},
        ),
        (
            "Nuvolt is the joint venture of Kelvaro and Brantix.",
            {("Nuvolt", "subsidiary_of", "Kelvaro"), ("Nuvolt", "subsidiary_of", "Brantix")},
        ),
        (
            "Keltic agreed to sell Brightloop to Orvan for $2 billion.",
            {("Brightloop", "subsidiary_of", "Keltic"), ("Orvan", "acquires", "Brightloop")},
        ),
        (
            "Halvane agreed to sell its own Pellora Payments business to Tessin for $1 billion.",
            {("Pellora Payments", "subsidiary_of", "Halvane")},
        ),
        (
            "Halvane, the publisher whose Pellora studio made the game, reported a profit.",
            {("Pellora", "subsidiary_of", "Halvane")},
        ),
        (
            "Halvane's game studio Pellora made the hit.",
            {("Pellora", "subsidiary_of", "Halvane")},
        ),
        (
            "Pellora, launched by Ossie Tarrant in 2001, is growing fast.",
            {("Ossie Tarrant", "founded", "Pellora")},
        ),
        (
            "Pellora, founded in 2006 by chief executive Ossie Tarrant along with Bo Lind and"
            " Ana Ruiz, said sales rose.",
            {
                ("Ossie Tarrant", "founded", "Pellora"),
                ("Bo Lind", "founded", "Pellora"),
                ("Ana Ruiz", "founded", "Pellora"),
            },
        ),
        (
            "Pellora was founded by Ossie Tarrant together with Bo Lind.",
            {("Ossie Tarrant", "founded", "Pellora"), ("Bo Lind", "founded", "Pellora")},
        ),
        (
            "Ossie Tarrant was instrumental in founding Pellora.",
            {("Ossie Tarrant", "founded", "Pellora")},
        ),
        (
            "Ossie Tarrant is credited with founding Pellora.",
            {("Ossie Tarrant", "founded", "Pellora")},
        ),
        (
            "Pellora launched a pet insurance plan. The Austin insurtech, founded in 2016 by"
            " Ossie Tarrant, has 200 staff.",
            {("Ossie Tarrant", "founded", "Pellora")},
        ),
        (
            "Ana Ruiz ran sales at Pellora, the mobile subsidiary of Halvane Group Berhad.",
            {("Pellora", "subsidiary_of", "Halvane Group Berhad")},
        ),
        (
            "Keltic completed the separation of Brightloop on Monday.",
            {("Brightloop", "subsidiary_of", "Keltic")},
        ),
        (
            "Keltic will separate its Brightloop unit from its core business next year.",
            {("Brightloop", "subsidiary_of", "Keltic")},
        ),
        ("Keltic's Brightloop division cut jobs.", {("Brightloop", "subsidiary_of", "Keltic")}),
        (
            "Brightloop was acquired by Keltic in 2008 and became a wholly owned subsidiary.",
            {("Brightloop", "subsidiary_of", "Keltic"), ("Keltic", "acquires", "Brightloop")},
        ),
        (
            "Keltic acquired Brightloop in 2008, making it a wholly owned subsidiary.",
            {("Brightloop", "subsidiary_of", "Keltic")},
        ),
        (
            "Pellora's founder and largest shareholder, Bo Lind, will stay on.",
            {("Bo Lind", "founded", "Pellora")},
        ),
        (
            "Ossie Tarrant and Bo Lind, who founded Pellora in 2012, will stay on.",
            {("Ossie Tarrant", "founded", "Pellora"), ("Bo Lind", "founded", "Pellora")},
        ),
    ],
)
def test_parent_and_founder_wordings(
    extractor: Extractor, text: str, wanted: set[tuple[str, str, str]]
) -> None:
    got = triples(facts_of(extractor, text))
    assert wanted <= got, got


@pytest.mark.parametrize(
    "text, wrong",
    [
        (
            "Kelvaro formed a joint venture with Brantix in 2019.",
            ("Brantix", "subsidiary_of", "Kelvaro"),
        ),
        (
            "Best Buy sells Samsung and LG televisions to shoppers.",
            ("LG", "subsidiary_of", "Best Buy"),
        ),
        ("The Walkman, launched by Ossie Tarrant in 1979, sold millions.", None),
        ("Halvane is interested in acquiring Pellora.", ("Halvane", "acquires", "Pellora")),
        (
            "Halvane was accused of supplying chips to Pellora.",
            ("Halvane", "supplies", "Pellora"),
        ),
        ("Halvane's studio in Austin made the hit.", None),
        ("Keltic separated the roles of chairman and chief executive.", None),
        (
            "Pellora is a firm led by its founder Bo Lind and its president Ana Ruiz.",
            ("Ana Ruiz", "founded", "Pellora"),
        ),
        (
            "Keltic acquired Brightloop in 2008 and became a unit of Orvan.",
            ("Brightloop", "subsidiary_of", "Keltic"),
        ),
        (
            "Keltic and Bo Lind, who founded Pellora in 2012, will stay on.",
            ("Keltic", "founded", "Pellora"),
        ),
    ],
)
def test_parent_and_founder_lookalikes(
    extractor: Extractor, text: str, wrong: tuple[str, str, str] | None
) -> None:
    got = triples(facts_of(extractor, text))
    if wrong is None:
        assert not any(r in {"founded", "subsidiary_of"} for _, r, _ in got), got
    else:
        assert wrong not in got, got
