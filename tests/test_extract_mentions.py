"""Entity mentions: names NER missed or mistyped, and one name per thing in a document.

Sentences and names are invented for these tests; a known company from the
gazetteer appears only where the test is about known names.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from graph.model import Document, EntityType, Relation
from loaders.extract import Extractor, annotate, entities, names
from loaders.extract.types import Mention

ORG, PERSON = EntityType.ORGANIZATION, EntityType.PERSON


@pytest.fixture(scope="module")
def nlp() -> Language:
    return annotate.load_pipeline()


def mentions(nlp: Language, text: str) -> dict[str, EntityType]:
    doc = nlp(text)
    return {m.name: m.type for m in names.canonicalize(entities.find_mentions(doc))}


def test_a_deal_verbs_subject_and_object_are_companies(nlp: Language) -> None:
    found = mentions(nlp, "Quorvane agreed on Monday to buy Tessaly for $2 billion in cash.")
    assert found.get("Quorvane") is ORG
    assert found.get("Tessaly") is ORG


def test_the_name_whose_shares_trade_is_a_company(nlp: Language) -> None:
    found = mentions(nlp, "Shares of Kesto rose after Orvane agreed to buy a stake in it.")
    assert found.get("Kesto") is ORG, found
    assert "Texas" not in mentions(nlp, "Shares of Texas rose.")


def test_a_name_bought_or_run_is_a_company_not_a_person(nlp: Language) -> None:
    found = mentions(
        nlp, "Talvic Holdings agreed to acquire Hale Pruitt for $3 billion, the companies said."
    )
    assert found.get("Hale Pruitt") is ORG
    found = mentions(nlp, "Dana Orlov is the chief executive of Marcus Whitby.")
    assert found.get("Marcus Whitby") is ORG
    assert found.get("Dana Orlov") is PERSON


def test_a_company_named_again_is_a_mention_again(nlp: Language) -> None:
    doc = nlp(
        "Brennick Quarry Systems agreed to buy Kessel Labs. "
        "Brennick Quarry Systems has offices in Oslo."
    )
    found = [m for m in entities.find_mentions(doc) if m.name == "Brennick Quarry Systems"]
    assert len(found) == 2


def test_a_known_company_with_a_distinct_head_is_another_company(nlp: Language) -> None:
    found = mentions(nlp, "Nokia said Nokia Velvor Networks, its venture, will cut jobs.")
    assert found.get("Nokia Velvor Networks") is ORG
    assert found.get("Nokia") is ORG


def test_two_companies_joined_by_and_are_two(nlp: Language) -> None:
    found = mentions(nlp, "Varnet Groupe and Oskel Group have called off their planned merger.")
    assert "Varnet Groupe and Oskel Group" not in found
    assert "Oskel Group" in found


def test_a_distinct_trailing_word_makes_a_distinct_company() -> None:
    assert names.distinct_tail("Pendra", "Pendra SDI")
    assert names.distinct_tail("Pendra", "Pendra Beta Networks")
    assert not names.distinct_tail("Pendra", "Pendra Systems")
    assert not names.distinct_tail("Pendra", "Pendra Mexican Grill")
    assert not names.distinct_tail("Pendra", "Pendra Mining and Chemicals Corp")
    assert not names.same_org("Pendra", "Pendra SDI")
    assert names.same_org("Pendra", "Pendra Corp")


def test_a_short_form_before_its_full_name_is_one_company() -> None:
    out = names.canonicalize(
        [
            Mention(0, 1, "Brisca", ORG, "ner"),
            Mention(5, 8, "Brisca Mexican Grill", ORG, "ner"),
            Mention(12, 13, "Brisca", ORG, "ner"),
        ]
    )
    assert {m.name for m in out} == {"Brisca Mexican Grill"}


def test_a_parent_is_not_merged_into_its_venture() -> None:
    """A company named on its own before a venture named after it stays itself; named
    only after the full name, the short form is that name shortened, as news writes."""
    out = names.canonicalize(
        [
            Mention(0, 1, "Acme", ORG, "ner"),
            Mention(3, 6, "Acme Beta Networks", ORG, "ner"),
            Mention(8, 9, "Acme", ORG, "ner"),
        ]
    )
    assert [m.name for m in out] == ["Acme", "Acme Beta Networks", "Acme"]
    out = names.canonicalize(
        [
            Mention(0, 4, "Acme Video Enterprises Inc", ORG, "ner"),
            Mention(5, 6, "Acme", ORG, "ner"),
        ]
    )
    assert [m.name for m in out] == ["Acme Video Enterprises Inc"] * 2
    out = names.canonicalize(
        [Mention(0, 2, "Acme SDI", ORG, "ner"), Mention(5, 6, "Acme", ORG, "ner")]
    )
    assert [m.name for m in out] == ["Acme SDI", "Acme"]


def test_a_name_with_a_legal_form_is_a_name_of_its_own() -> None:
    out = names.canonicalize(
        [
            Mention(0, 3, "Calder Technologies Ltd", ORG, "ner"),
            Mention(5, 7, "Calder Ltd", ORG, "ner"),
        ]
    )
    assert [m.name for m in out] == ["Calder Technologies Ltd", "Calder Ltd"]


@pytest.mark.parametrize("short", ["De Veen", "de Veen", "A. de Veen", "Veen"])
def test_a_surname_with_its_particle_is_the_person(short: str) -> None:
    out = names.canonicalize(
        [
            Mention(0, 3, "Aart de Veen", PERSON, "ner"),
            Mention(6, 8, short, PERSON, "ner"),
        ]
    )
    assert [m.name for m in out] == ["Aart de Veen", "Aart de Veen"]


def test_a_bought_company_keeps_its_name_beside_a_namesake() -> None:
    out = names.canonicalize(
        [
            Mention(0, 2, "Bruno Teller", PERSON, "ner"),
            Mention(6, 7, "Teller", ORG, "role"),
        ]
    )
    assert out[1].name == "Teller" and out[1].type is ORG


def test_a_name_opened_by_a_company_word_is_a_company(nlp: Language) -> None:
    doc = nlp("Banco Velardo said it would buy a stake in Orlo Systems.")
    found = {m.name: m.type for m in entities.find_mentions(doc)}
    assert found.get("Banco Velardo") is ORG


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Honeywell Orbital Systems was sold to Tessaly.", "Honeywell Orbital Systems"),
        ("Honeywell Orbital LBO Inc said it would buy Tessaly.", "Honeywell Orbital LBO Inc"),
        ("Honeywell Orbital, Inc. is a unit of Tessaly.", "Honeywell Orbital, Inc."),
    ],
)
def test_a_known_company_followed_by_its_own_name_is_another_company(
    nlp: Language, text: str, name: str
) -> None:
    assert mentions(nlp, text).get(name) is ORG


def test_a_title_after_a_known_company_is_no_part_of_its_name(nlp: Language) -> None:
    found = mentions(nlp, "Honeywell CEO Tamsin Roe said the plant would close.")
    assert found == {"Honeywell": ORG, "Tamsin Roe": PERSON}


def test_a_known_short_name_after_the_full_one_is_that_company(nlp: Language) -> None:
    text = "Eastman Kodak Co said it bought Tessaly Inc. Kodak said the deal had closed."
    doc = nlp(text)
    found = [m.name for m in names.canonicalize(entities.find_mentions(doc))]
    assert found.count("Eastman Kodak") == 2 and "Kodak" not in found


PRODUCT = EntityType.PRODUCT


@pytest.fixture(scope="module")
def rules() -> Extractor:
    return Extractor(learned=False)


def develops(rules: Extractor, text: str) -> set[tuple[str, str]]:
    return {
        (f.subject.name, f.object.name)
        for f in rules.extract(Document(text, doc_id="t"))
        if f.relation is Relation.DEVELOPS
    }


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (
            "Velmor Games, the maker of 'Star Quest' and 'Iron Tide', cut jobs.",
            ["Star Quest", "Iron Tide"],
        ),
        (
            "Halvor ended its deal, taking 'Ash Crown', 'Iron Tide' and other titles offline.",
            ["Ash Crown", "Iron Tide"],
        ),
        (
            "Kestrel Studios, the developer of the online shooter 'Ash Crown', was sold.",
            ["Ash Crown"],
        ),
    ],
)
def test_a_quoted_title_after_a_product_cue_is_a_product(
    nlp: Language, text: str, titles: list[str]
) -> None:
    found = mentions(nlp, text)
    assert all(found.get(t) is PRODUCT for t in titles), found


@pytest.mark.parametrize(
    "text",
    [
        "Kessler said 'Very Good News' on Monday.",
        "The chairman of Orlo called the plan 'a very bad idea for everyone'.",
        "Orlo's chief executive said the deal was 'the best thing we ever did'.",
    ],
)
def test_quoted_speech_is_no_product(nlp: Language, text: str) -> None:
    assert PRODUCT not in mentions(nlp, text).values()


@pytest.mark.parametrize(
    ("text", "products"),
    [
        (
            "Brand Corp, the maker of Zorvex diapers and Velta cleaners, cut jobs.",
            ["Zorvex", "Velta"],
        ),
        (
            "The deal gives Dravo control of Halvor's cancer drugs Avastix, Herceptol and Rituxo.",
            ["Avastix", "Herceptol", "Rituxo"],
        ),
        ("The purchase gives Dravo the blood-thinner Kelvax.", ["Kelvax"]),
        ("Quillon launched its Quillo app on Monday.", ["Quillo"]),
    ],
)
def test_a_name_beside_a_generic_product_noun_is_a_product(
    nlp: Language, text: str, products: list[str]
) -> None:
    found = mentions(nlp, text)
    assert all(found.get(p) is PRODUCT for p in products), found


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "Velmor Games, the maker of 'Star Quest' and 'Iron Tide', cut jobs.",
            {("Velmor Games", "Star Quest"), ("Velmor Games", "Iron Tide")},
        ),
        (
            "Dravo bought Kestrel Films, the production company behind 'Night Desk'.",
            {("Kestrel Films", "Night Desk")},
        ),
        (
            "Orla Media, whose Kestrel studio made 'Ash Crown', agreed to be bought.",
            {("Kestrel", "Ash Crown")},
        ),
        (
            "Brand Corp, the maker of Zorvex diapers and Velta cleaners, cut jobs.",
            {("Brand Corp", "Zorvex"), ("Brand Corp", "Velta")},
        ),
        (
            "The deal gives Dravo control of Halvor's cancer drugs Avastix, Herceptol and Rituxo.",
            {("Halvor", "Avastix"), ("Halvor", "Herceptol"), ("Halvor", "Rituxo")},
        ),
        (
            "Halvor has replaced its chief executive, the maker of Zorvex diapers said on Tuesday.",
            {("Halvor", "Zorvex")},
        ),
    ],
)
def test_a_typed_product_has_its_developer(
    rules: Extractor, text: str, pairs: set[tuple[str, str]]
) -> None:
    assert pairs <= develops(rules, text)


@pytest.mark.parametrize(
    ("text", "name", "not_name"),
    [
        ("Quorvane said it would buy Pacific Southwest Airlines.",
         "Pacific Southwest Airlines", "Southwest Airlines"),
        ("Pilgrim Venture Corp said it agreed to buy Tessaly Inc.", "Pilgrim Venture Corp",
         "Venture Corp"),
    ],
)  # fmt: skip
def test_a_known_name_at_the_end_of_a_longer_one_is_another_company(
    nlp: Language, text: str, name: str, not_name: str
) -> None:
    found = mentions(nlp, text)
    assert found.get(name) is ORG and not_name not in found


def test_a_headline_word_before_a_known_name_is_no_part_of_it(nlp: Language) -> None:
    assert "Microsoft" in mentions(nlp, "Rival Microsoft said on Monday it would buy Tessaly.")
    assert "Apple" in mentions(nlp, "Tech Giant Apple said it would buy Tessaly.")


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("Readings come from Halvor's Q7 continuous glucose monitor, the company said.",
         {("Halvor", "Q7")}),
        ("Drovin Aero Ltd named a new chief executive. The British engine maker, whose "
         "Trent ZX is the only engine on the jet, is recovering.",
         {("Drovin Aero Ltd", "Trent ZX")}),
        ("Quorvane Games agreed to be acquired by a consortium for $5 billion. Merlow Capital "
         "will roll over its stake in the publisher of 'Star Quest' and 'Iron Tide'.",
         {("Quorvane Games", "Star Quest"), ("Quorvane Games", "Iron Tide")}),
    ],
)  # fmt: skip
def test_a_product_named_without_a_cue_has_its_developer(
    rules: Extractor, text: str, pairs: set[tuple[str, str]]
) -> None:
    assert pairs <= develops(rules, text)


def test_an_owned_product_noun_names_the_product_in_apposition(rules: Extractor) -> None:
    text = "Tessaly's next console, the Quillo, uses a chip from Orvane, the chipmaker said."
    assert ("Tessaly", "Quillo") in develops(rules, text)


def test_a_disease_before_a_product_noun_is_no_developer(rules: Extractor) -> None:
    text = "Regulators approved Zelvora, an Alzheimer's disease treatment from Halvor Ltd."
    assert not any(subject == "Alzheimer" for subject, _ in develops(rules, text))


def test_a_town_named_with_its_state_before_a_company_noun_is_a_place(nlp: Language) -> None:
    found = mentions(nlp, "Skopra, the Culver City, California, maker of 'Tile Quest', grew.")
    assert "Culver City" not in found


def test_a_name_after_a_form_of_address_is_a_person(nlp: Language) -> None:
    found = mentions(nlp, "Mr. Adeyemi is President and CEO of Tarnwell Therapeutics, Inc.")
    assert found.get("Adeyemi") is PERSON


def test_a_name_described_as_a_company_is_one(nlp: Language) -> None:
    found = mentions(nlp, "Altaqor Global, a subsidiary of Zahran Group, will build the plant.")
    assert found.get("Altaqor Global") is ORG


def test_a_department_is_no_company(nlp: Language) -> None:
    found = mentions(nlp, "Ruth Kessel is vice president of Human Resources at Orvane Mills.")
    assert not any(name.startswith("Human Resources") for name in found)


def test_a_title_is_no_part_of_a_persons_name(nlp: Language) -> None:
    found = mentions(nlp, "Professor Ada Lindqvist founded Quorvane Labs in 2004.")
    assert "Ada Lindqvist" in found
    assert not any(name.startswith("Professor") for name in found)


def test_a_first_name_ner_left_out_joins_the_person(nlp: Language) -> None:
    from spacy.tokens import Doc, Span

    words = ["Anatoly", "Petrovich", "Orlov", "is", "a", "banker", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        pos=["PROPN", "PROPN", "PROPN", "AUX", "DET", "NOUN", "PUNCT"],
        deps=["compound", "compound", "nsubj", "ROOT", "det", "attr", "punct"],
        heads=[2, 2, 3, 3, 5, 3, 3],
    )
    doc.ents = [Span(doc, 1, 3, label="PERSON")]
    found = {m.name: m.type for m in entities.find_mentions(doc)}
    assert found == {"Anatoly Petrovich Orlov": PERSON}


def test_a_defined_game_is_a_product_whatever_ner_said(nlp: Language) -> None:
    found = mentions(nlp, "Zorblax is a 1994 video game developed by Quintar Software.")
    assert found.get("Zorblax") is EntityType.PRODUCT


def test_a_name_span_across_a_preposition_is_cut_before_it(nlp: Language) -> None:
    # "the merger of A into B" read as one name "A into B": the name ends before "into"
    doc = nlp("Holders approved the merger of Calloway into Dunwick Group on Friday.")
    start = next(t.i for t in doc if t.text == "Calloway")
    end = next(t.i for t in doc if t.text == "Group") + 1
    assert entities._trim(doc, start, end) == (start, start + 1)
    # a name's own lower-case words stay: "Banco de Talca", "Harrow and Bligh Inc"
    doc = nlp("Harrow and Bligh Inc bought Banco de Talca.")
    assert entities._trim(doc, 0, 4) == (0, 4)


def test_a_name_with_and_written_short_later_stays_one_company(nlp: Language) -> None:
    found = mentions(
        nlp,
        "Rogers and Cowan Inc said it agreed to buy Dessen Corp. "
        "Later, Rogers and Cowan said it will pay 20 dlrs a share.",
    )
    assert "Rogers" not in found and "Cowan" not in found, found
    assert found.get("Rogers and Cowan Inc") is ORG


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tarrow Aerospace showed the 797X, its new widebody, on Monday.", "797X"),
        ("The jet uses two LX-2C engines made by Kelvo Aero.", "LX-2C"),
        ("The plane is powered by the KX9Z, an engine developed by Kelvo Aero.", "KX9Z"),
    ],
)
def test_a_model_code_is_a_product(nlp: Language, text: str, name: str) -> None:
    assert mentions(nlp, text).get(name) is EntityType.PRODUCT


def test_a_network_generation_is_no_product(nlp: Language) -> None:
    assert "5G" not in mentions(nlp, "Kelvo Telecom launched 5G service in Q3.")


def test_a_lowercase_generic_drug_name_is_a_product(nlp: Language) -> None:
    found = mentions(nlp, "Kelvo Pharma said sales of vorastatin and zentolimab rose.")
    assert found.get("zentolimab") is EntityType.PRODUCT
    assert found.get("vorastatin") is EntityType.PRODUCT


def test_a_capitalized_word_with_a_digit_is_a_name_not_a_model_code(nlp: Language) -> None:
    found = mentions(nlp, "Velto9 is a wholly owned subsidiary of Tarrow, Inc.")
    assert found.get("Velto9") is not EntityType.PRODUCT


@pytest.mark.parametrize(
    "text, name",
    [
        ("Danish pea-milk maker Plantly has raised $100 million from investors.", "Plantly"),
        ("Tarrow Ltd agreed to buy trucking company Mon-way for $2 billion.", "Mon-way"),
        ("London fintech Ardent Loom raised money from banks last year.", "Ardent Loom"),
        ("Shares of sportswear maker Over Armor fell on Tuesday.", "Over Armor"),
    ],
)
def test_a_capitalized_word_after_a_company_noun_names_the_company(
    nlp: Language, text: str, name: str
) -> None:
    assert mentions(nlp, text).get(name) is ORG


def test_a_company_noun_before_a_date_or_title_names_nothing(nlp: Language) -> None:
    found = mentions(nlp, "The company Chief Executive said the company Tuesday met rivals.")
    assert "Chief Executive" not in found and "Tuesday" not in found


def test_what_a_stake_or_an_investment_is_in_is_a_company(nlp: Language) -> None:
    found = mentions(nlp, "Kessel Motors will invest $1 billion in QTR for an 8 percent stake.")
    assert found.get("QTR") is ORG


def test_what_a_company_owns_or_takes_over_is_a_company(nlp: Language) -> None:
    found = mentions(nlp, "Orvane agreed to buy Ardent Lines, the group that owns QRX.")
    assert found.get("QRX") is ORG


def test_a_web_address_name_is_a_company(nlp: Language) -> None:
    found = mentions(nlp, "Kessel Stores agreed on Monday to buy Plim.com, an online retailer.")
    assert found.get("Plim.com") is ORG


def test_a_persons_first_name_ner_left_out_is_taken_back(nlp: Language) -> None:
    from spacy.tokens import Span

    doc = nlp("Tavrik Haddad, formerly of Kessel Motors, will run the unit.")
    assert doc[0].dep_ == "compound" and doc[0].head.i == 1
    doc.ents = [Span(doc, 1, 2, label="PERSON")]  # NER read only the surname
    found = {m.name: m.type for m in entities.find_mentions(doc)}
    assert found.get("Tavrik Haddad") is PERSON


def test_a_dateline_town_in_capitals_is_no_company(nlp: Language) -> None:
    from spacy.tokens import Span

    doc = nlp("NEW YORK and TALLBROOK, Wash. — Orvane Inc. and Kessel Inc. announced a merger.")
    assert doc[3].text == "TALLBROOK"
    doc.ents = [Span(doc, 3, 4, label="ORG")]  # NER took the town for a company
    assert not any("TALLBROOK" in m.name for m in entities.find_mentions(doc))
    assert entities.slot_mention(doc, doc[3], ORG) is None


def test_a_client_in_apposition_is_a_company(nlp: Language) -> None:
    found = mentions(nlp, "Kestrel Group is losing its biggest client, Ambrosa, to a rival.")
    assert found.get("Ambrosa") is ORG


@pytest.mark.parametrize(
    "text, name",
    [
        ("Ana Ruiz co-founded Vartel Path in 2007 and has led it since.", "Vartel Path"),
        ("In October 2009 Mike set up Rollwin Barr as a boutique firm.", "Rollwin Barr"),
        ("He serves as chief executive officer of QLX, a small channel.", "QLX"),
        ("Brimstow is a subsidiary of Kessel Industries.", "Brimstow"),
        ("In 2009 Dana Orlov set up Rollwin Barr LLP in Leeds.", "Rollwin Barr LLP"),
    ],
)
def test_what_is_founded_run_or_called_a_subsidiary_is_a_company(
    nlp: Language, text: str, name: str
) -> None:
    assert mentions(nlp, text).get(name) is ORG


def test_a_name_that_was_founded_is_a_company_not_a_person(nlp: Language) -> None:
    found = mentions(nlp, "Qorvel Istara was established in 2012 and is led by Ana Ruiz.")
    assert found.get("Qorvel Istara") is ORG


def test_a_full_names_first_word_alone_later_is_the_company(nlp: Language) -> None:
    doc = nlp(
        "Zentrix Systems is a software company based in Leeds. Zentrix differs from "
        "competitors like Bellcom and Harlow in that it offers natural language access."
    )
    found = names.canonicalize(entities.find_mentions(doc))
    assert sum(m.name == "Zentrix Systems" for m in found) == 2


def test_a_name_span_across_a_main_verb_is_cut_before_it(nlp: Language) -> None:
    found = mentions(
        nlp, "Quillo Films is a production company. Quillo produced Red Harbor for Netflix."
    )
    assert not any("produced" in name for name in found)


def test_a_bare_capitalized_subject_of_a_making_verb_is_a_company(nlp: Language) -> None:
    found = mentions(
        nlp, "Velmora has produced more than 20 titles, including Shatterline and Speed Torrent."
    )
    assert found.get("Velmora") is ORG


def test_names_listed_under_a_plural_noun_for_works_are_products(nlp: Language) -> None:
    found = mentions(
        nlp,
        "Velmora has produced more than 20 titles, including Shatterline, GripWave, "
        "Harbor Kartz, and Speed Torrent.",
    )
    assert found.get("Harbor Kartz") is EntityType.PRODUCT
    assert found.get("Speed Torrent") is EntityType.PRODUCT


def test_a_person_name_produced_by_a_company_is_a_product(nlp: Language) -> None:
    found = mentions(nlp, "Flame Ventures produced Wu Assassins for Netflix in 2019.")
    assert found.get("Wu Assassins") is EntityType.PRODUCT


def test_names_listed_under_a_plural_company_noun_are_companies(nlp: Language) -> None:
    found = mentions(nlp, "Zentrix Foods competes with firms such as Bellcom Market and Orlo.")
    assert found.get("Bellcom Market") is ORG


def test_a_name_a_copula_makes_a_companys_rival_is_a_company(nlp: Language) -> None:
    found = mentions(nlp, "In the 1990s, Bellcom's main competitor was QuickPage.")
    assert found.get("QuickPage") is ORG


def test_a_name_beside_the_work_a_making_verb_made_is_a_product(nlp: Language) -> None:
    found = mentions(nlp, "Tarrow Media publishes a monthly magazine, Harbor Life.")
    assert found.get("Harbor Life") is EntityType.PRODUCT


def test_an_owners_possessive_is_not_part_of_the_company(nlp: Language) -> None:
    found = mentions(nlp, "Basker Chemicals is owned by Lena Varga's Ardent Industries.")
    assert found.get("Ardent Industries") is ORG
    assert "Lena Varga's Ardent Industries" not in found


def test_a_name_beside_arm_is_a_company(nlp: Language) -> None:
    found = mentions(nlp, "Kestrel Bank agreed to sell its lending arm, Varro Credit, to Orlo.")
    assert found.get("Varro Credit") is ORG


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Dutch state owns 15% of Korvald Motors.", "Dutch state"),
        ("The Saudi government has invested $2 billion in Quorra Robotics.", "Saudi government"),
        ("Italy's economy ministry holds 30% of Fantana Telecom.", "Italy's economy ministry"),
        ("The city of Hamburg bought a 25% stake in Elbwerk Logistics.", "city of Hamburg"),
        ("The province of Ontario will invest C$100 million in Maplecell.", "province of Ontario"),
    ],
)
def test_a_government_state_ministry_or_city_is_a_party(
    nlp: Language, text: str, name: str
) -> None:
    found = mentions(nlp, text)
    assert found.get(name) is ORG


@pytest.mark.parametrize(
    "text",
    [
        "Velmo is a small town in the province of Tarsia, in northern Italy.",
        "A state-owned lender, Kessel Bank, agreed to buy Orlo Finance.",
        "The government said it would review the deal.",
        "French state aid for Voltaire Motors was approved.",
    ],
)
def test_a_place_a_modifier_or_a_bare_government_is_no_party(nlp: Language, text: str) -> None:
    found = mentions(nlp, text)
    assert not [n for n in found if n.split()[-1] in {"state", "government"} or " of " in n]


def test_a_government_invests_and_owns_but_develops_nothing() -> None:
    ex = Extractor()
    facts = ex.extract(
        Document(text="The Norwegian state owns a 34% stake in Fjordkraft Energi.", doc_id="g1")
    )
    assert ("Norwegian state", Relation.INVESTS_IN, "Fjordkraft Energi") in {
        (f.subject.name, f.relation, f.object.name) for f in facts
    }
    facts = ex.extract(
        Document(
            text="The Velmo Archive is a research service run by the Dutch government.", doc_id="g2"
        )
    )
    assert not [f for f in facts if f.subject.name == "Dutch government"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Chipmaker Korvi agreed to buy Pelton Semiconductor.", "Korvi"),
        ("Carmaker Velora said it would buy Ampvolt.", "Velora"),
        ("Startup Nimbra raised $30 million from Harbor Ventures.", "Nimbra"),
        ("Drugmaker Olvia said its drug Pemrazine won approval.", "Olvia"),
    ],
)
def test_a_capitalized_company_noun_opening_a_name_is_no_part_of_it(
    nlp: Language, text: str, name: str
) -> None:
    found = mentions(nlp, text)
    assert found.get(name) is ORG
    assert not [n for n in found if n.endswith(" " + name)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("fuzzPay, the payments startup, raised $50 million from Harbor Ventures.", "fuzzPay"),
        ("Harbor Ventures led a $50 million round in fuzzPay.", "fuzzPay"),
        ("Orlo Labs acquired StreamBoxHD in 2020.", "StreamBoxHD"),
        ("Kessel Capital invested in SunPath, a solar startup.", "SunPath"),
    ],
)
def test_a_brand_word_with_an_inner_capital_is_a_name(nlp: Language, text: str, name: str) -> None:
    assert name in mentions(nlp, text)


def test_a_surname_or_legal_form_with_an_inner_capital_is_no_brand(nlp: Language) -> None:
    found = mentions(nlp, "Pell Foods hired Marta McCann from Velder GmbH as chief executive.")
    assert found.get("Marta McCann") is PERSON
    assert "McCann" not in found and "GmbH" not in found


def test_a_brand_word_after_a_name_ends_that_name(nlp: Language) -> None:
    found = mentions(nlp, "Korvi AirLink agreed to buy Mannholt for $9 billion.")
    assert "Korvi AirLink" in found
    assert "AirLink" not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Apple supplier Velmo Precision will build a plant in Texas.", "Velmo Precision"),
        ("Pell Audio is owned by Vantor, the investment arm of Harrow & Bligh.", "Pell Audio"),
    ],
)
def test_a_name_after_a_company_noun_or_with_an_industry_head_is_a_company(
    nlp: Language, text: str, name: str
) -> None:
    assert mentions(nlp, text).get(name) is ORG


def test_a_maker_and_model_code_tagged_as_a_place_is_a_product(nlp: Language) -> None:
    found = mentions(nlp, "Tarnis Aero builds the TR900X engine, which powers the Velmo V5 jet.")
    assert found.get("Velmo V5") is EntityType.PRODUCT


def test_a_name_run_across_a_lists_commas_is_one_name_per_item(nlp: Language) -> None:
    found = mentions(nlp, "The fund has invested in CloudKeep, Dandelion Energy and Iron Ox.")
    assert {"Dandelion Energy", "Iron Ox"} <= set(found)
    assert not [n for n in found if "," in n or " and " in n]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Orlo Works, Inc. agreed to buy Kessel Foods.", "Orlo Works"),
        ("Dana Orlov is a partner at Collins, Neal & Pratt.", "Collins, Neal & Pratt"),
    ],
)
def test_a_legal_form_or_a_partnerships_name_after_a_comma_stays(
    nlp: Language, text: str, name: str
) -> None:
    assert name in mentions(nlp, text)


def test_a_one_word_person_serving_in_a_title_stays_a_person(nlp: Language) -> None:
    # A bio names its subject by surname alone: the title keeps the name a person.
    text = "McAllister now serves as President and CEO of Velmora Association."
    assert mentions(nlp, text).get("McAllister") is PERSON
    facts = Extractor().extract(Document(text=text, doc_id="titled-lone"))
    got = {(f.subject.name, f.relation, f.object.name) for f in facts}
    assert ("McAllister", Relation.EXECUTIVE_OF, "Velmora Association") in got


def test_a_section_heading_run_into_a_name_is_no_part_of_it(nlp: Language) -> None:
    found = mentions(
        nlp, "Sustainability Velmora operates as a certified business and works with Kestrel Foods."
    )
    assert found.get("Velmora") is ORG and "Sustainability Velmora" not in found
    found = mentions(nlp, "Overview Quillworth produces routing systems for Orvane Logistics.")
    assert "Quillworth" in found and "Overview Quillworth" not in found
    # a common word after the first one: a name of common words, left whole
    assert "Vision Service Plan" in mentions(nlp, "Vision Service Plan acquired Orlo Optics.")
    assert "Miles Orlov" in mentions(nlp, "Chief executive Miles Orlov had pursued Kessel.")


def test_a_capitalized_description_before_a_name_is_no_part_of_it(nlp: Language) -> None:
    found = mentions(nlp, "Regional Coffee Franchisor Tarvik Brands purchased Plumly Bakes.")
    assert "Tarvik Brands" in found
    assert not any(n.startswith("Regional") for n in found)


def test_the_agent_of_a_passive_deal_verb_is_a_company(nlp: Language) -> None:
    assert mentions(nlp, "The plant was acquired by Trellmont in 2019.").get("Trellmont") is ORG


def test_a_listed_firm_with_an_ampersand_after_other_names_is_its_own_item(
    nlp: Language,
) -> None:
    found = mentions(
        nlp, "Corvix sells watches from Larnier, Movelo, Brintz, Saule & Mercot and Ebrel."
    )
    assert "Brintz" in found and "Saule & Mercot" in found


def test_a_coined_word_acting_as_a_subject_is_a_company(nlp: Language) -> None:
    found = mentions(nlp, "Mornet has partnerships with Orvane Telecom and Brandt Mobile.")
    assert found.get("Mornet") is ORG
    found = mentions(nlp, "Trelix provides managed services for Orvane Cloud.")
    assert found.get("Trelix") is ORG
    assert "Ruiz" not in mentions(nlp, "Ruiz said the company would expand.")


def test_titles_a_making_verb_made_are_products_one_per_title(nlp: Language) -> None:
    found = mentions(
        nlp, "After Red Mountain, Ostrel produced The Ollie Marsh Show and Temperatures Falling."
    )
    assert found.get("Temperatures Falling") is EntityType.PRODUCT
    assert found.get("Ollie Marsh Show") is EntityType.PRODUCT
    found = mentions(nlp, "Tarnwick developed Ashfall Legends and Iron Harbor for consoles.")
    assert found.get("Ashfall Legends") is EntityType.PRODUCT
    assert found.get("Iron Harbor") is EntityType.PRODUCT


def test_or_parts_two_names_ner_read_as_one(nlp: Language) -> None:
    found = mentions(nlp, "It was not as large as Brandt or T & R, the older lines.")
    assert "Brandt" in found and "T & R" in found


def test_company_names_run_together_into_a_company_word_are_one_name(nlp: Language) -> None:
    found = mentions(nlp, "In 2001 Sony Kestrel Mobile Communications was formed.")
    assert "Sony Kestrel Mobile Communications" in found


def test_titles_and_generic_nouns_tagged_as_companies_name_nobody(nlp: Language) -> None:
    # NER's "Professor and University" cut in two: neither half is a company
    found = mentions(
        nlp,
        "Dora Rhee is a botanist. She is currently Professor and University Chairman of "
        "the botany department at Orlin College.",
    )
    assert "Professor" not in found and "University" not in found, found
    assert found.get("Orlin College") is ORG
    # a company's page writes "the Company" for itself: no name of its own
    found = mentions(
        nlp,
        "Harlow Mills makes paper. The Company employs 300 people and the Company "
        "chairman is Dora Rhee.",
    )
    assert "Company" not in found, found


def test_a_bracketed_nickname_stays_in_the_persons_name(nlp: Language) -> None:
    found = mentions(nlp, "Bob's Shop was founded by Robert (Bob) Korvac, a graduate of Lund.")
    assert found.get("Robert (Bob) Korvac") is PERSON, found


def test_a_possessed_title_is_no_part_of_the_companys_name(nlp: Language) -> None:
    # NER tags "Quarto's Founder" as one company: the title is the company's, not its name
    found = mentions(
        nlp, "Due to the vision of Quarto’s Founder and Chairman, Ana Ruiz, the firm grew."
    )
    assert found.get("Quarto") is ORG, found
    assert "Quarto’s Founder" not in found, found


def test_a_name_opening_a_sentence_before_its_verb_is_a_company(nlp: Language) -> None:
    # two capitalized words NER left untagged, then the verb they are the subject of
    found = mentions(nlp, "Copper Kettle has more than 200 clients, among them Ostrava Bank.")
    assert found.get("Copper Kettle") is ORG, found
    found = mentions(nlp, "Boat Lantern later relocated to Denver, where it opened an office.")
    assert found.get("Boat Lantern") is ORG, found
    # after a heading line, and after a time phrase
    found = mentions(nlp, "History\nKestrel Care was created in 2015 by Orrin Medical.")
    assert found.get("Kestrel Care") is ORG, found
    found = mentions(nlp, "In 2012, Open Fields was set up to build robots with Tarn Labs.")
    assert found.get("Open Fields") is ORG, found
    # one common word, the subject of a company's dealing, never written in lower case
    found = mentions(nlp, "Beacon provided software for Tally Systems and its clients.")
    assert found.get("Beacon") is ORG, found
    # a name opening a sentence as an owner
    found = mentions(nlp, "Quiet Harbor's first release came in 2014 with a short film.")
    assert found.get("Quiet Harbor") is ORG, found


def test_opening_words_that_are_no_name_stay_out(nlp: Language) -> None:
    found = mentions(nlp, "Analysts expect Orvane Systems to post a loss.")
    assert "Analysts" not in found, found
    found = mentions(nlp, "In 2019, Revenue rose by a tenth at Orvane Systems.")
    assert "Revenue" not in found, found
    found = mentions(nlp, "Recently acquired units of Orvane Systems lost money.")
    assert "Recently" not in found, found


def test_a_product_named_after_its_makers_possessive_is_two_names(nlp: Language) -> None:
    found = mentions(nlp, "Velmora's Quillon tablet uses chips supplied by Orvane.")
    assert found.get("Velmora") is ORG, found
    assert found.get("Quillon") is EntityType.PRODUCT, found
    assert "Velmora's Quillon" not in found, found
    # NER's own name after an owner's possessive, before a noun for goods
    found = mentions(nlp, "Orvane's Zeta chip powers servers sold by Kesto.")
    assert found.get("Zeta") is EntityType.PRODUCT, found
    found = mentions(nlp, "Kesto's Arlo Pro camera was designed by Tarvik Labs.")
    assert found.get("Arlo Pro") is EntityType.PRODUCT, found


def test_a_name_with_a_model_number_tagged_as_a_law_is_a_product(nlp: Language) -> None:
    found = mentions(nlp, "Orvane unveiled the Zeta 5 in Berlin on Tuesday.")
    assert found.get("Zeta 5") is EntityType.PRODUCT, found
    found = mentions(nlp, "Velmora filed for Chapter 11 protection after Orvane left.")
    assert "Chapter 11" not in found, found


def test_a_company_named_for_its_founder_before_the_founder_stays_a_company() -> None:
    # "Lundgard and Kestrel called off their merger ... Eva Lundgard, chief executive ..."
    found = names.canonicalize(
        [
            Mention(0, 1, "Lundgard", ORG, "ner"),
            Mention(10, 12, "Eva Lundgard", PERSON, "ner"),
            Mention(20, 21, "Lundgard", ORG, "ner"),
        ]
    )
    assert [(m.name, m.type) for m in found] == [
        ("Lundgard", ORG),
        ("Eva Lundgard", PERSON),
        ("Lundgard", ORG),
    ]
    # named in full first, the surname alone is the person, whatever NER tagged
    found = names.canonicalize(
        [Mention(0, 2, "Eva Lundgard", PERSON, "ner"), Mention(9, 10, "Lundgard", ORG, "ner")]
    )
    assert [(m.name, m.type) for m in found][1] == ("Eva Lundgard", PERSON)


def test_a_name_beside_a_job_title_is_a_persons(nlp: Language) -> None:
    found = mentions(nlp, "Orvane Systems named Bo Tarrow chief executive on Monday.")
    assert found.get("Bo Tarrow") is PERSON, found
    # a title that introduces another name leaves the name before it alone
    found = mentions(nlp, "Kesto Inc CEO Ana Ruiz said the company would buy Lumio.")
    assert found.get("Ana Ruiz") is PERSON, found
    found = mentions(nlp, "Velmora Technologies Chief Executive Ana Ruiz said talks went well.")
    assert found.get("Ana Ruiz") is PERSON, found
    doc = nlp("Boat Lantern chief executive Ana Ruiz said sales rose.")
    made = entities._titled_people(doc, [])
    assert all(doc[r[0] : r[1]].text != "Boat Lantern" for r in made), made


def test_every_member_of_a_kind_nouns_list_is_of_that_kind(nlp: Language) -> None:
    # NER reads some listed brands as places or people and leaves others out
    found = mentions(
        nlp, "The agency has worked for brands such as Plenta, Juvo, Rastell and Ombra."
    )
    assert all(found.get(n) is ORG for n in ("Plenta", "Juvo", "Rastell", "Ombra")), found
    found = mentions(
        nlp, "Brintz supplies components to carmakers including Zeltra, Okavo and Fennick."
    )
    assert found.get("Okavo") is ORG and found.get("Fennick") is ORG, found
    found = mentions(nlp, "The studio produced films such as Dustlight, The Long Ember and Morrow.")
    assert found.get("Dustlight") is EntityType.PRODUCT, found
    assert found.get("Long Ember") is EntityType.PRODUCT, found
    # "include" lists its plural subject's members
    found = mentions(nlp, "The fund's partners include Corvo Capital, Zentix and Brimmo.")
    assert found.get("Zentix") is ORG and found.get("Brimmo") is ORG, found
    assert not mentions(nlp, "Its main markets include Germany, France and Quebec.")
    # places listed under a noun for places stay places
    assert "Quebec" not in mentions(
        nlp, "Orlo opened offices in countries such as Germany, France and Quebec."
    )


def test_a_place_like_word_listed_with_companies_is_one(nlp: Language) -> None:
    found = mentions(nlp, "Tarvik competes with Ostreo, Nimbrel and Castoro in the snack market.")
    assert found.get("Ostreo") is ORG and found.get("Nimbrel") is ORG, found
    assert "Quebec" not in mentions(nlp, "Orlo and Kessa Foods expanded into Germany and Quebec.")


def test_and_parts_a_coined_name_from_a_company_words_name(nlp: Language) -> None:
    doc = nlp("Velmora worked with Quillworth and Monsoon Energy on the game.")
    cut = entities._two_names(doc, 3, 7)
    assert doc[3:cut].text == "Quillworth", cut
    # a firm's own "and" name with a legal form stays whole
    doc = nlp("The deal was advised by Zentrix and Harlow Partners.")
    assert entities._two_names(doc, 5, 9) == 0


def test_quoted_letters_inside_a_name_keep_it_whole(nlp: Language) -> None:
    found = mentions(nlp, "In 2015, Games 'R' Fun acquired Kessel Toys for $20 million.")
    assert found.get("Games 'R' Fun") is ORG, found
    found = mentions(nlp, 'Kessel Toys was acquired by Games "R" Fun in 2015.')
    assert found.get('Games "R" Fun') is ORG, found
    # a quoted nickname inside a person's name is no company's
    found = mentions(nlp, 'Orlo named Ana "AJ" Ruiz its new finance chief.')
    assert 'Ana "AJ" Ruiz' not in found, found
    # the name ends with its sentence
    found = mentions(
        nlp, "Kessel hired Ana Ruiz from Games 'R' Us. Chief executive Bo Lind said so."
    )
    assert "Games 'R' Us" in found, found


def test_a_firm_named_for_two_people_with_a_legal_form_is_one_name(nlp: Language) -> None:
    found = mentions(
        nlp, "Dorvale Industries Inc agreed to acquire Pemberton and Hale Inc for cash."
    )
    assert found.get("Pemberton and Hale Inc") is ORG, found
    found = mentions(
        nlp, "Shandwick Plc agreed to buy the Boston-based Rogan and Coley Inc last week."
    )
    assert found.get("Rogan and Coley Inc") is ORG, found
    found = mentions(nlp, "Dorvale Inc will acquire Tasker and Vine Publishers Inc for cash.")
    assert found.get("Tasker and Vine Publishers Inc") is ORG, found
    # two companies: the text names the second alone
    found = mentions(nlp, "Dorvale Inc bought Pemberton and Hale Inc. Hale said it agreed.")
    assert "Pemberton and Hale Inc" not in found, found


def test_an_industry_pair_before_a_legal_form_stays_in_the_name(nlp: Language) -> None:
    found = mentions(
        nlp, "Ardent Inc sold its valve unit to Grover Mining and Industrial Corp for cash."
    )
    assert found.get("Grover Mining and Industrial Corp") is ORG, found


def test_a_legal_forms_full_stop_before_a_capital_ends_the_sentence(nlp: Language) -> None:
    doc = nlp("Lowther Co said it agreed to acquire Sable Corp. Lowther said it would pay cash.")
    assert doc[9].text == "Lowther" and doc[9].is_sent_start
    doc = nlp("The fund sold its stake in Orlo Co. Ltd to Kessel.")
    assert not any(t.is_sent_start for t in doc[1:])
    doc = nlp("Tarvo Inc. Chief Executive Ana Ruiz said sales rose.")
    assert not any(t.is_sent_start for t in doc[1:])
    found = Extractor().extract(
        Document(
            text="Lowther Co said it agreed to buy Sable Corp. Lowther said it pays cash.",
            doc_id="t",
        )
    )
    assert {(f.subject.name, f.object.name) for f in found if f.relation is Relation.ACQUIRES} == {
        ("Lowther Co", "Sable Corp.")
    }


def test_an_abbreviated_first_name_stays_in_a_company_name(nlp: Language) -> None:
    found = mentions(nlp, "Marlow Resources Corp's Wm. T. Brandon Co unit said it grew.")
    assert found.get("Wm. T. Brandon Co") is ORG, found
    doc = nlp("Geo. Hartley and Sons Inc said it acquired Orwell Printing Ltd.")
    assert not any(t.is_sent_start for t in doc[1:])


def test_a_first_word_that_lost_its_capital_stays_in_the_name(nlp: Language) -> None:
    found = mentions(nlp, "golden Harvest Foods Inc said it acquired Kessel Foods Inc for cash.")
    assert found.get("golden Harvest Foods Inc") is ORG, found
    # only at the start of the text, and never a function word
    found = mentions(nlp, "Kessel said the Harvest Foods Inc plant will close.")
    assert "the Harvest Foods Inc" not in found, found


def test_an_app_run_as_a_company_listed_among_clients_is_a_company(nlp: Language) -> None:
    found = mentions(nlp, "Ashgrove's clients include Dunmore Bank, WhatsApp and Pellway.")
    assert found.get("WhatsApp") is ORG, found
    found = mentions(nlp, "Dunmore Bank bought ads on apps such as WhatsApp and Instagram.")
    assert found.get("WhatsApp") is EntityType.PRODUCT, found


@pytest.mark.parametrize(
    "text, name",
    [
        ("Brindlewick co-founder Ossie Tarrant said the company would hire.", "Brindlewick"),
        ("Sales rose, while Quorvane chief executive Hale Munro will join the board.", "Quorvane"),
        ("Pellix co-founder and chief executive Ana Lind will step down.", "Pellix"),
    ],
)
def test_a_name_before_a_title_and_its_holder_is_a_company(
    nlp: Language, text: str, name: str
) -> None:
    found = mentions(nlp, text)
    assert found.get(name) is ORG, found


@pytest.mark.parametrize(
    "text",
    [
        "Interim chief executive Hale Munro said sales rose.",
        "Former chief executive Hale Munro said sales rose.",
        "Group chief executive Hale Munro said sales rose.",
        "Brindlewick, run by Norwegian chief executive Hale Munro, raised its offer.",
    ],
)
def test_a_title_modifier_before_a_title_is_no_company(nlp: Language, text: str) -> None:
    found = mentions(nlp, text)
    assert not any(t is ORG for n, t in found.items() if n != "Brindlewick"), found


@pytest.mark.parametrize(
    "text, name",
    [
        ("Mira Holding said it would buy Corvel Energy.", "Mira Holding"),
        ("Tallow Associates bought a stake in Pinnet.", "Tallow Associates"),
        ("Dorne Bros. agreed to buy Kettle Ridge.", "Dorne Bros."),
        ("Harvo Channel signed a deal with Velma Ruiz.", "Harvo Channel"),
    ],
)
def test_a_name_ending_in_a_company_word_is_a_company(nlp: Language, text: str, name: str) -> None:
    found = mentions(nlp, text)
    assert found.get(name) is ORG, found


def test_a_name_ending_in_a_small_number_is_a_model_not_a_person(nlp: Language) -> None:
    found = mentions(nlp, "Kestrel said that regulators had cleared Dosa 5, a tubeless pump.")
    assert found.get("Dosa 5") is EntityType.PRODUCT, found


@pytest.mark.parametrize(
    "text",
    [
        "Zentro launched the app Fennly in March.",
        "Vexa launched the Fennly app in March.",
        "Plinth's app, Fennly, lets users send money.",
        "Orvane makes the Fennly line of razors.",
    ],
)
def test_a_name_beside_the_and_a_product_noun_is_a_product(nlp: Language, text: str) -> None:
    found = mentions(nlp, text)
    assert found.get("Fennly") is EntityType.PRODUCT, found


def test_a_name_before_a_product_noun_inside_a_longer_noun_is_no_product(nlp: Language) -> None:
    found = mentions(nlp, "In 1971, Tarvo bought the Dina Reyes guitar pick line from Holm Music.")
    assert found.get("Dina Reyes") is not EntityType.PRODUCT, found


def test_a_companys_full_name_cut_short_later_is_the_company(nlp: Language) -> None:
    doc = nlp("Patch Carter Logistics agreed to buy Vell Systems. Patch Carter will keep its name.")
    found = names.canonicalize(entities.find_mentions(doc))
    short = [m for m in found if doc[m.start : m.end].text == "Patch Carter"]
    assert [(m.name, m.type) for m in short] == [("Patch Carter Logistics", ORG)], short
    doc = nlp(
        "Patch Carter Logistics agreed to buy Vell Systems. Its founder Patch Carter will stay."
    )
    found = {doc[m.start : m.end].text: m.type for m in entities.find_mentions(doc)}
    assert found.get("Patch Carter") is PERSON, found


def test_a_lettered_rounds_full_stop_ends_its_sentence(nlp: Language) -> None:
    text = "Hallow Health raised $50 million in a Series B. Brisk Ventures led the round."
    assert mentions(nlp, text).get("Brisk Ventures") is ORG
    doc = nlp(text)
    assert doc.text == text and len(list(doc.sents)) == 2
    assert len(list(nlp("John F. Kennedy met Dana Ruiz.").sents)) == 1


def test_a_speaker_set_off_after_a_product_noun_is_no_product(nlp: Language) -> None:
    found = mentions(nlp, "Sales of the drug, Orvane said, rose sharply.")
    assert found.get("Orvane") is ORG, found


@pytest.mark.parametrize(
    ("text", "owner", "unit"),
    [
        ("Brenlow's Quistar Bank unit raised its fees.", "Brenlow", "Quistar Bank"),
        ("In a filing, Brenlow's Quistar Bank unit raised its fees.", "Brenlow", "Quistar Bank"),
        ("Brenlow's Quistar Holdings said it would cut prices.", "Brenlow", "Quistar Holdings"),
    ],
)
def test_an_owners_possessive_parts_it_from_its_units_name(
    nlp: Language, text: str, owner: str, unit: str
) -> None:
    """NER ends the owner at "'s": a company word after the unit's name ("Bank") does not
    join the two into one name; a legal form proper still may ("Scott's Hospitality Inc")."""
    found = mentions(nlp, text)
    assert found.get(owner) is EntityType.ORGANIZATION, found
    assert found.get(unit) is EntityType.ORGANIZATION, found


def test_a_name_before_goods_and_a_business_noun_is_a_company(nlp: Language) -> None:
    found = mentions(
        nlp, "Brenlow plans to spin off its Quistar valves and Oldane pumps businesses."
    )
    assert found.get("Quistar") is EntityType.ORGANIZATION, found
    assert found.get("Oldane") is EntityType.ORGANIZATION, found


@pytest.mark.parametrize(
    "text, person",
    [
        ("Dana Q. Ferrell was promoted to president of Brindlewick.", "Dana Q. Ferrell"),
        ("Brindlewick hired Ossie T. Tarrant as its finance chief.", "Ossie T. Tarrant"),
        ("Ana Ruiz, 52, will take over from Hale Munro at Quorvane.", "Ana Ruiz"),
        ("Quorvane said Ana Ruiz, 61, would retire in June.", "Ana Ruiz"),
        ("Quorvane chief executive Ana Ruiz said the company would cut 300 jobs.", "Ana Ruiz"),
    ],
)
def test_a_middle_initial_an_age_or_a_title_marks_a_persons_name(
    nlp: Language, text: str, person: str
) -> None:
    found = mentions(nlp, text)
    assert found.get(person) is PERSON, found


def test_an_age_after_a_company_name_makes_no_person(nlp: Language) -> None:
    found = mentions(nlp, "Kessel Mills, 52, paid a dividend.")
    assert found.get("Kessel Mills") is not PERSON, found


@pytest.mark.parametrize(
    "text, company, holder",
    [
        ("On Monday, Brindlewick Chief Financial Officer Hale Munro said margins rose.",
         "Brindlewick", "Hale Munro"),
        ('"We are hiring," Quorvane Chief Executive Laura Penning said.', "Quorvane",
         "Laura Penning"),
        ("Quorvane CEO Ana Ruiz said sales rose.", "Quorvane", "Ana Ruiz"),
        ("Quorvane co-founder and CEO Hale Munro said sales rose.", "Quorvane", "Hale Munro"),
        ("Quorvane CEO and co-founder Hale Munro said sales rose.", "Quorvane", "Hale Munro"),
        ("Former Tessaly Corp. chief executive Hale Munro said the plan failed.", "Tessaly Corp.",
         "Hale Munro"),
    ],
)  # fmt: skip
def test_a_capitalized_title_or_past_modifier_is_no_part_of_the_company(
    nlp: Language, text: str, company: str, holder: str
) -> None:
    found = mentions(nlp, text)
    assert found.get(company) is ORG, found
    assert found.get(holder) is PERSON, found
    assert not any(w in n for n in found for w in ("Chief", "CEO", "Former")), found


@pytest.mark.parametrize(
    "text",
    [
        "Software company Quorvane named Hale Munro chief executive.",
        "Hale Munro resigned as chairman of software company Quorvane.",
    ],
)
def test_a_company_noun_before_a_name_is_no_part_of_it(nlp: Language, text: str) -> None:
    found = mentions(nlp, text)
    assert found.get("Quorvane") is ORG, found
    assert not any("ompany" in n or n == "Software" for n in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Quorvane interim chief executive Hale Munro said the plan was on track.",
        "Former Quorvane Chief Executive Hale Munro said the plan was flawed.",
    ],
)
def test_a_dated_title_still_names_its_company(nlp: Language, text: str) -> None:
    found = mentions(nlp, text)
    assert found.get("Quorvane") is ORG, found
    assert found.get("Hale Munro") is PERSON, found


@pytest.mark.parametrize(
    "text, name",
    [
        ("Gullwings will acquire Pellcore Systems.", "Gullwings"),  # plural read, modal verb
        ("Gullwings bought Pellcore Systems last week.", "Gullwings"),  # plural, past tense
        ("Gullwings agreed to buy Pellcore for $90 million.", "Gullwings"),
        ("Gullwings took a 15 percent stake in Pellcore.", "Gullwings"),
        ("Kindly invested $8 million in Pellcore.", "Kindly"),  # read as an adverb
        ("Kindly will acquire Pellcore Systems.", "Kindly"),
    ],
)
def test_a_one_word_name_opening_a_deal_sentence_is_a_company(
    nlp: Language, text: str, name: str
) -> None:
    assert mentions(nlp, text).get(name) is ORG


@pytest.mark.parametrize(
    "text", ["Investors bought Pellcore shares.", "Analysts agreed to meet Pellcore."]
)
def test_a_plural_noun_for_people_opening_a_sentence_is_no_company(
    nlp: Language, text: str
) -> None:
    found = mentions(nlp, text)
    assert not any(n in found for n in ("Investors", "Analysts")), found


@pytest.mark.parametrize(
    "text",
    [
        "Gullwings (GWX.O) agreed to buy Tessaly for $90 million.",
        "Gullwings (NYSE: GWX) agreed to buy Tessaly for $90 million.",
        "Quorvane (QRV.N) will pay $1 billion for Tessaly.",
    ],
)
def test_a_name_with_a_stock_listing_after_it_is_the_buyer(text: str) -> None:
    facts = Extractor().extract(Document(text=text, doc_id="listed-buyer"))
    got = {(f.subject.name, f.relation, f.object.name) for f in facts}
    buyer = text.split(" (")[0]
    assert (buyer, Relation.ACQUIRES, "Tessaly") in got, got


@pytest.mark.parametrize(
    "text, apart",
    [
        ("Dorvik and Zelltron Corp are teaming up to build ferries.", True),  # plural verb
        ("Dorvik and Zelltron Corp will build ferries. Zelltron makes engines.", True),
        ("Gullwings and Zelltron Corp agreed to buy Tessaly. Zelltron makes engines.", True),
        ("Harrow and Pyle Inc said it would build ferries. Harrow said sales rose.", False),
        ("Harrow and Pyle Inc is building ferries.", False),
    ],
)
def test_and_parts_two_companies_only_on_the_texts_evidence(
    nlp: Language, text: str, apart: bool
) -> None:
    found = mentions(nlp, text)
    if apart:
        first = text.split(" and ")[0]
        assert found.get(first) is ORG and found.get("Zelltron Corp") is ORG, found
    else:
        assert found.get("Harrow and Pyle Inc") is ORG, found


def test_a_name_after_its_new_is_the_companys_product(nlp: Language) -> None:
    found = mentions(nlp, "Dorvik said its new Quasar GT would go on sale in May.")
    assert found.get("Quasar GT") is PRODUCT, found
    found = mentions(nlp, "Dorvik merged its new Pellcore unit with Zelltron.")
    assert found.get("Pellcore") is ORG, found
