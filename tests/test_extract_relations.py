"""The extractor on sentences written for these tests: every relation, both voices.

The companies and people are invented so no gazetteer entry helps: the rules
must find them from how the sentence is written.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import SIGNATURES, SYMMETRIC, Document, Entity, EntityType, Relation
from loaders.extract import ExtractedFact, Extractor

PUBLISHED = date(2024, 5, 17)  # a Friday


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def facts_of(
    extractor: Extractor, text: str, published: date | None = PUBLISHED
) -> list[ExtractedFact]:
    return extractor.extract(Document(text, published=published, doc_id="t"))


def triples(facts: list[ExtractedFact]) -> set[tuple[str, str, str]]:
    return {(f.subject.name, f.relation.value, f.object.name) for f in facts}


def states(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    """The text states ``want`` (unless None) and not ``wrong`` (unless None)."""
    found = triples(facts_of(rules, text))
    assert want is None or want in found, found
    assert wrong is None or wrong not in found, found


def states_no(rules: Extractor, text: str, relation: str) -> None:
    """The text states no fact of ``relation``."""
    found = {t for t in triples(facts_of(rules, text)) if t[1] == relation}
    assert not found, found


def find(facts: list[ExtractedFact], relation: str) -> ExtractedFact:
    hits = [f for f in facts if f.relation.value == relation]
    assert hits, f"no {relation} in {triples(facts)}"
    return hits[0]


CASES = [
    # acquires: active, passive, relative clause, "said it agreed to"
    ("Orbital Dynamics Inc acquired Lumen Robotics for $2.5 billion in March.",
     ("Orbital Dynamics Inc", "acquires", "Lumen Robotics")),
    ("Lumen Robotics was acquired by Orbital Dynamics last year.",
     ("Orbital Dynamics", "acquires", "Lumen Robotics")),
    ("Lumen Robotics, which Orbital Dynamics bought in 2018, makes warehouse drones.",
     ("Orbital Dynamics", "acquires", "Lumen Robotics")),
    ("Kestrel Labs said on Tuesday it agreed to acquire Ferrovia Systems.",
     ("Kestrel Labs", "acquires", "Ferrovia Systems")),
    # invests_in
    ("Brightwave Capital's $300 million investment in Nimbus Health gives it a 12% stake.",
     ("Brightwave Capital", "invests_in", "Nimbus Health")),
    ("Nimbus Health is backed by Brightwave Capital.",
     ("Brightwave Capital", "invests_in", "Nimbus Health")),
    # subsidiary_of
    ("Tessaract, a unit of Halvorsen Group, makes sensors.",
     ("Tessaract", "subsidiary_of", "Halvorsen Group")),
    ("Halvorsen Group's Tessaract unit reported higher sales.",
     ("Tessaract", "subsidiary_of", "Halvorsen Group")),
    # supplies
    ("Granite Foundry supplies chips to Vectra Motors.",
     ("Granite Foundry", "supplies", "Vectra Motors")),
    ("Vectra Motors is a customer of Granite Foundry.",
     ("Granite Foundry", "supplies", "Vectra Motors")),
    # competes_with (symmetric: stored in name order)
    ("Granite Foundry competes with Basalt Semiconductor in memory chips.",
     ("Basalt Semiconductor", "competes_with", "Granite Foundry")),
    ("Basalt Semiconductor, a rival of Granite Foundry, raised prices.",
     ("Basalt Semiconductor", "competes_with", "Granite Foundry")),
    # executive_of
    ("Halvorsen chief executive Ingrid Dahl said the company would expand.",
     ("Ingrid Dahl", "executive_of", "Halvorsen")),
    ("Ingrid Dahl, the chief executive of Halvorsen Group, spoke on Thursday.",
     ("Ingrid Dahl", "executive_of", "Halvorsen Group")),
    # founded
    ("Marta Ruiz co-founded Quorra Systems in 2014.",
     ("Marta Ruiz", "founded", "Quorra Systems")),
    ("Quorra Systems was founded by Marta Ruiz.",
     ("Marta Ruiz", "founded", "Quorra Systems")),
    # develops
    ("Vectra Motors unveiled the Vectra X9 electric sedan in late April.",
     ("Vectra Motors", "develops", "Vectra X9")),
    ("The Vectra X9 was developed by Vectra Motors.",
     ("Vectra Motors", "develops", "Vectra X9")),
    # uses
    ("Quorra Systems uses Granite Foundry's G7 chips in its servers.",
     ("Quorra Systems", "uses", "G7")),
    ("Lark-2 is powered by Granite Foundry's G7 processors.",
     ("Lark-2", "uses", "G7")),
    # partners_with
    ("Pellucid AI and Quorra Systems announced a partnership on Wednesday.",
     ("Pellucid AI", "partners_with", "Quorra Systems")),
    ("Pellucid AI has partnered with Quorra Systems since 2019.",
     ("Pellucid AI", "partners_with", "Quorra Systems")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[1][1] for c in CASES])
def test_relation_in_both_voices(
    extractor: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(facts_of(extractor, text))


def test_every_fact_respects_the_signature_and_has_no_self_relation(extractor: Extractor) -> None:
    text = " ".join(c[0] for c in CASES)
    for fact in facts_of(extractor, text):
        subject_types, object_types = SIGNATURES[fact.relation]
        assert fact.subject.type in subject_types
        assert fact.object.type in object_types
        assert fact.subject.name != fact.object.name


def test_symmetric_relation_is_emitted_once_per_pair(extractor: Extractor) -> None:
    text = (
        "Pellucid AI and Quorra Systems announced a partnership on Wednesday. "
        "Quorra Systems said its partnership with Pellucid AI would grow."
    )
    pairs = [
        (f.subject.name, f.object.name, f.sentence)
        for f in facts_of(extractor, text)
        if f.relation is Relation.PARTNERS_WITH
    ]
    assert {(s, o) for s, o, _ in pairs} == {("Pellucid AI", "Quorra Systems")}
    assert len(pairs) == len({p[2] for p in pairs})  # at most one per sentence


def test_pronoun_resolves_to_the_company_that_said_it(extractor: Extractor) -> None:
    facts = facts_of(
        extractor, "Kestrel Labs said on Tuesday it agreed to acquire Ferrovia Systems."
    )
    assert find(facts, "acquires").subject.name == "Kestrel Labs"


def test_definite_description_resolves_to_the_earlier_company(extractor: Extractor) -> None:
    text = "Orbital Dynamics reported strong sales. The company also said it bought Lumen Robotics."
    assert ("Orbital Dynamics", "acquires", "Lumen Robotics") in triples(facts_of(extractor, text))


def test_a_chain_or_a_grocer_stands_for_the_earlier_company(extractor: Extractor) -> None:
    text = "Tarvo Markets runs 300 stores in Norway. The chain was bought by Orvane Holdings."
    assert ("Orvane Holdings", "acquires", "Tarvo Markets") in triples(facts_of(extractor, text))
    text = "Brisk Foods sells snacks in Spain. Last year the grocer was acquired by Kesto Group."
    assert ("Kesto Group", "acquires", "Brisk Foods") in triples(facts_of(extractor, text))


def test_the_company_after_said_it_would_is_not_the_speaker(extractor: Extractor) -> None:
    text = "Kestrel Labs reported strong sales. Orbital Dynamics said it would acquire the company."
    assert triples(facts_of(extractor, text)) == {("Orbital Dynamics", "acquires", "Kestrel Labs")}


def test_a_subject_the_model_took_for_a_nationality_is_an_antecedent(
    extractor: Extractor,
) -> None:
    # en_core_web_sm tags this "Rivian" NORP; it is not a listed place or nationality.
    text = (
        "Rivian reported higher sales. Volkswagen said it would invest $5 billion in the company."
    )
    assert ("Volkswagen", "invests_in", "Rivian") in triples(facts_of(extractor, text))
    placed = "China reported higher exports. Volkswagen will invest $5 billion in the company."
    assert triples(facts_of(extractor, placed)) == set()


def test_short_name_resolves_to_the_full_name(extractor: Extractor) -> None:
    text = (
        "Ingrid Dahl, the chief executive of Halvorsen Group, spoke on Thursday. "
        "Dahl said Halvorsen Group would buy Tessaract."
    )
    people = {
        f.subject.name for f in facts_of(extractor, text) if f.subject.type is EntityType.PERSON
    }
    assert people == {"Ingrid Dahl"}


def test_qualifiers_amount_currency_stake_quantity_role_product(extractor: Extractor) -> None:
    deal = find(
        facts_of(extractor, "Orbital Dynamics Inc acquired Lumen Robotics for $2.5 billion."),
        "acquires",
    )
    assert deal.qualifiers["amount"] == "2500000000" and deal.qualifiers["currency"] == "USD"
    stake = find(
        facts_of(
            extractor, "Snowline Partners LP said it bought a 15 pct stake in Ferrovia Systems."
        ),
        "invests_in",  # a minority stake is an investment (ontology; issue 12 class 5)
    )
    assert stake.qualifiers["stake"] == "15"
    uses = find(facts_of(extractor, "Lark-2 was trained on 4,000 Nvidia H100 chips."), "uses")
    assert uses.qualifiers["quantity"] == "4000"
    role = find(
        facts_of(extractor, "Ingrid Dahl, the chief executive of Halvorsen Group, spoke."),
        "executive_of",
    )
    assert role.qualifiers["role"] == "CEO"
    supply = find(
        facts_of(extractor, "Granite Foundry supplies chips to Vectra Motors."), "supplies"
    )
    assert supply.qualifiers["product"] == "chips"


def test_known_entities_are_recognized_under_their_own_name() -> None:
    known = [Entity.named("Zephyr Quantum Computing", "Organization", aliases=["Zephyr Quantum"])]
    extractor = Extractor(known_entities=known)
    facts = extractor.extract(Document("Zephyr Quantum bought Lumen Robotics in 2021.", doc_id="k"))
    assert find(facts, "acquires").subject.name == "Zephyr Quantum Computing"


def test_negated_statement_is_not_a_fact(extractor: Extractor) -> None:
    assert not facts_of(extractor, "Kestrel Labs did not acquire Ferrovia Systems.")


def test_funding_round_led_by_an_investor(extractor: Extractor) -> None:
    text = "Nimbus Health has raised $40 million in a funding round led by Brightwave Capital."
    fact = find(facts_of(extractor, text), "invests_in")
    assert (fact.subject.name, fact.object.name) == ("Brightwave Capital", "Nimbus Health")
    assert fact.qualifiers["amount"] == "40000000"


def test_supplied_goods_are_the_product_not_the_customer(extractor: Extractor) -> None:
    text = (
        "Granite Foundry said it will invest $2 billion in Vectra Motors as part of a deal "
        "to supply the carmaker with battery chips."
    )
    fact = find(facts_of(extractor, text), "supplies")
    assert (fact.subject.name, fact.object.name) == ("Granite Foundry", "Vectra Motors")
    assert fact.qualifiers["product"] == "battery chips"


def test_owned_by_is_a_subsidiary(extractor: Extractor) -> None:
    text = "Tessaract, which is majority-owned by Halvorsen Group, makes sensors."
    assert ("Tessaract", "subsidiary_of", "Halvorsen Group") in triples(facts_of(extractor, text))


def test_speculation_is_not_a_fact(extractor: Extractor) -> None:
    text = "Analysts said Orbital Dynamics could buy Lumen Robotics to expand."
    assert not [f for f in facts_of(extractor, text) if f.relation is Relation.ACQUIRES]


def test_group_of_rivals_and_investors_including(extractor: Extractor) -> None:
    rivals = facts_of(extractor, "Granite Foundry and Basalt Semiconductor are fierce rivals.")
    assert ("Basalt Semiconductor", "competes_with", "Granite Foundry") in triples(rivals)
    text = (
        "Nimbus Health raised $90 million from investors including Brightwave Capital "
        "and Orbital Dynamics."
    )
    investors = {
        f.subject.name for f in facts_of(extractor, text) if f.relation is Relation.INVESTS_IN
    }
    assert investors == {"Brightwave Capital", "Orbital Dynamics"}


def test_object_pronoun_is_not_the_clause_subject(extractor: Extractor) -> None:
    text = "Orbital Dynamics will buy Tessaract from Halvorsen Group, which spun it off in 2021."
    facts = facts_of(extractor, text)
    spun = [f for f in facts if f.relation is Relation.SUBSIDIARY_OF and f.valid_to is not None]
    assert [(f.subject.name, f.object.name) for f in spun] == [("Tessaract", "Halvorsen Group")]
    deal = find(facts, "acquires")
    # 2021 belongs to the relative clause, not to the deal, which is told as made now
    assert deal.valid_from is not None and deal.valid_from.year != 2021


def test_hyphenated_owner_is_the_parent(extractor: Extractor) -> None:
    facts = facts_of(extractor, "Halvorsen-owned Tessaract said it will deploy new sensors.")
    assert ("Tessaract", "subsidiary_of", "Halvorsen") in triples(facts)


@pytest.fixture(scope="module")
def rules() -> Extractor:
    return Extractor(learned=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # customers listed: "whose customers include", "for clients such as"
        ("Quorvex Labs, whose customers include Halden Bank, raised $40 million.",
         ("Quorvex Labs", "supplies", "Halden Bank")),
        ("Quorvex Labs has built apps for clients such as Halden Bank.",
         ("Quorvex Labs", "supplies", "Halden Bank")),
        ("Quorvex Labs works with clients including Halden Bank.",
         ("Quorvex Labs", "supplies", "Halden Bank")),
        # "whose units include": the relative clause's antecedent owns them
        ("Brannock Group, whose business units include Kelvar and Oskari, cut jobs.",
         ("Kelvar", "subsidiary_of", "Brannock Group")),
        # competition and rivalry nouns
        ("Quorvex Labs faces competition from Brenner Systems.",
         ("Quorvex Labs", "competes_with", "Brenner Systems")),
        ("Quorvex Labs ended its long rivalry with Brenner Systems.",
         ("Quorvex Labs", "competes_with", "Brenner Systems")),
        # partners: "teamed with", "partners with ... such as", joint ventures
        ("Nortek has teamed with Halden Bank to develop a quieter microphone.",
         ("Nortek", "partners_with", "Halden Bank")),
        ("Quorvex Labs partners with industry leaders such as Halden Bank.",
         ("Quorvex Labs", "partners_with", "Halden Bank")),
        ("Orbis, the joint venture formed by Nortek, Halden Bank and Tarnet Airlines, closed.",
         ("Nortek", "partners_with", "Halden Bank")),
        ("Toyota and Panasonic launched their joint battery company on Wednesday.",
         ("Toyota", "partners_with", "Panasonic")),
        # uses: the owner of what is powered
        ("Orvane's map answers will be powered by Kelvo's Zephra.",
         ("Orvane", "uses", "Zephra")),
    ],
)  # fmt: skip
def test_listed_customers_rivals_partners_and_owners(
    extractor: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    found = triples(facts_of(extractor, text))
    s, rel, o = expected
    assert expected in found or (Relation(rel) in SYMMETRIC and (o, rel, s) in found), found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a company sold, or a bid made, is a deal, not goods supplied
        ("Dalmor Group agreed to sell Brisk Foods for $2 billion.",
         ("Dalmor Group", "supplies", "Brisk Foods")),
        ("Dalmor Group made a hostile offer for Brisk Foods on Monday.",
         ("Dalmor Group", "supplies", "Brisk Foods")),
        # working with clients is serving them, not a partnership
        ("Quorvex Labs works with clients including Halden Bank.",
         ("Halden Bank", "partners_with", "Quorvex Labs")),
    ],
)  # fmt: skip
def test_deals_and_clients_are_not_supply_or_partnership(
    rules: Extractor, text: str, absent: tuple[str, str, str]
) -> None:
    s, rel, o = absent
    found = triples(facts_of(rules, text))
    assert absent not in found and (o, rel, s) not in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a price paid for a company is its acquisition
        ("Zentro Corp is paying $7 billion in stock and cash for Quibly Inc, a chat app maker.",
         {("Zentro Corp", "acquires", "Quibly Inc")}),
        # a takeover whose buyer follows "by": the target is who agreed to it
        ("Dreshold Insurance Group has agreed to a £2.1 billion takeover by Avora Holdings.",
         {("Avora Holdings", "acquires", "Dreshold Insurance Group")}),
        # "took X private", "won control of X"
        ("Marlin Partners agreed to take Kelvo Corp private.",
         {("Marlin Partners", "acquires", "Kelvo Corp")}),
        ("Zentro Corp and Marlin AG won control of Kelvo Corp on Friday.",
         {("Zentro Corp", "acquires", "Kelvo Corp"), ("Marlin AG", "acquires", "Kelvo Corp")}),
        # a fronted participle describes the subject of the clause it opens
        ("Acquired by Zentro Corp in 2019, Kelvo Labs now makes sensors.",
         {("Zentro Corp", "acquires", "Kelvo Labs")}),
        # a majority stake sold or bought is control and a stake
        ("Kelvo Corp agreed to sell a 66% stake in Marlin Labs to Zentro Capital.",
         {("Zentro Capital", "acquires", "Marlin Labs"),
          ("Zentro Capital", "invests_in", "Marlin Labs")}),
    ],
)  # fmt: skip
def test_acquisitions_by_price_target_and_majority(
    rules: Extractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    found = triples(facts_of(rules, text))
    assert expected <= found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # light verbs with a share: "took a 20% stake", "will take 20% of"
        ("Kelvo Corp took a 20% stake in Marlin Labs last year.",
         ("Kelvo Corp", "invests_in", "Marlin Labs")),
        ("Tiber Steel will take 20% of Elkon Resources.",
         ("Tiber Steel", "invests_in", "Elkon Resources")),
        # the buyer of a stake someone sells
        ("Kelvo Corp sold its 12% stake in Marlin Labs to Zentro Capital last year.",
         ("Zentro Capital", "invests_in", "Marlin Labs")),
        # "in which" reaches the company the relative clause describes
        ("Voltra Bank runs on Vault, a banking system from London fintech Kelvo Systems, "
         "in which Zentro Corp has also taken a stake.",
         ("Zentro Corp", "invests_in", "Kelvo Systems")),
        # several owners of one company are its investors, not its parents
        ("Kelvo Corp's owners include Verlinvest and Crest Resources.",
         ("Crest Resources", "invests_in", "Kelvo Corp")),
    ],
)  # fmt: skip
def test_stakes_taken_sold_and_shared(
    rules: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(facts_of(rules, text))


def test_co_owners_are_not_parents(rules: Extractor) -> None:
    found = triples(facts_of(rules, "Kelvo Corp's owners include Verlinvest and Crest Resources."))
    assert ("Verlinvest", "invests_in", "Kelvo Corp") in found
    assert not {f for f in found if f[1] == "subsidiary_of"}, found


def test_gapped_holder_is_no_stake(rules: Extractor) -> None:
    text = "Ventana Holdings owns 51% of Pexa Energy and Lumo Corp the remaining 49%."
    found = triples(facts_of(rules, text))
    assert ("Ventana Holdings", "invests_in", "Pexa Energy") in found
    assert ("Ventana Holdings", "invests_in", "Lumo Corp") not in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a founder listed after another founder's appositive
        ("Quenta Labs was founded in 2016 by Ravi Sood, its chief executive, and Lena Moss.",
         {("Ravi Sood", "founded", "Quenta Labs"), ("Lena Moss", "founded", "Quenta Labs")}),
        # "Founded in 2016 by A and B, X ..."
        ("Founded in 2016 by Karl Oden and Paolo Verri, both former Tesla engineers, "
         "the Swedish startup Voltrik raised more than $13 billion.",
         {("Karl Oden", "founded", "Voltrik"), ("Paolo Verri", "founded", "Voltrik")}),
        # a copula's subject is the firm the participle describes
        ("Kelvo Partners is the buyout firm founded by Oren Balik.",
         {("Oren Balik", "founded", "Kelvo Partners")}),
        # a name that starts with a preposition is still the object
        ("Ethan Marsh, who founded Beyond Grain in 2009, is its chief executive.",
         {("Ethan Marsh", "founded", "Beyond Grain")}),
        # "founding partner" is a founder
        ("Its founding partner and chief executive, Kofi Mensah, joins the board of "
         "Marlin Group.",
         {("Kofi Mensah", "founded", "Marlin Group")}),
    ],
)  # fmt: skip
def test_founders_in_lists_fronted_and_copular(
    rules: Extractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    found = triples(facts_of(rules, text))
    assert expected <= found, found


def test_relative_clause_speaks_only_of_its_antecedent(rules: Extractor) -> None:
    text = "Zelbo was started in 2008 by Nia Okafor, who earlier founded Quexpedia, and Tom Haldt."
    found = triples(facts_of(rules, text))
    assert {("Nia Okafor", "founded", "Zelbo"), ("Tom Haldt", "founded", "Zelbo"),
            ("Nia Okafor", "founded", "Quexpedia")} <= found  # fmt: skip
    assert ("Tom Haldt", "founded", "Quexpedia") not in found, found


def test_rest_of_a_company_is_its_acquisition(rules: Extractor) -> None:
    text = "Zentro Corp agreed to buy the rest of Kelvo Mining, in which it already held 34%."
    found = triples(facts_of(rules, text))
    assert ("Zentro Corp", "acquires", "Kelvo Mining") in found, found


def test_light_verbs_need_a_share(rules: Extractor) -> None:
    text = "Zentro Corp takes the British business, while Kelvo Corp receives the brands."
    found = triples(facts_of(rules, text))
    assert not {f for f in found if f[1] == "invests_in"}, found


@pytest.mark.parametrize(
    ("text", "person", "company"),
    [
        # the company's name is a compound of the role, the role a compound of the name
        ("Brandwell-Ostra chief executive Tamsin Roe said demand was strong.",
         "Tamsin Roe", "Brandwell-Ostra"),
        ("Keldor agreed to be bought by Orvane. Orvane chief executive Ilse Marr will run it.",
         "Ilse Marr", "Orvane"),
    ],
)  # fmt: skip
def test_a_role_between_company_and_person_is_the_persons(
    extractor: Extractor, text: str, person: str, company: str
) -> None:
    found = triples(facts_of(extractor, text))
    assert (person, "executive_of", company) in found
    assert not {t for t in found if t[0] == company and t[1] == "executive_of"}


def test_the_combined_company_is_no_earlier_company(extractor: Extractor) -> None:
    """After a merger "the combined company" is the one the deal makes: leading it is
    no role at the company bought."""
    text = (
        "Keldor Freight agreed to buy Vantry Logistics for $2 billion. Its chief "
        "executive Ilse Marr will lead the combined company."
    )
    found = triples(facts_of(extractor, text))
    assert ("Ilse Marr", "executive_of", "Keldor Freight") in found
    assert ("Ilse Marr", "executive_of", "Vantry Logistics") not in found
    later = "Keldor Freight agreed to buy Vantry Logistics. Ilse Marr will run the merged company."
    assert not [t for t in triples(facts_of(extractor, later)) if t[1] == "executive_of"]


def test_the_combined_company_after_a_purchase_is_the_buyer(rules: Extractor) -> None:
    """ "X agreed to buy Y ... Z will run the combined company": the buyer goes on, so
    running it is a role at the buyer; after a merger of two it is neither."""
    text = (
        "Orbis Capital agreed on Monday to buy Halvorsen Energy for $2 billion. Tom "
        "Berg, Halvorsen's chairman, will stay until the deal closes, after which Marta "
        "Ruiz will run the combined company."
    )
    found = triples(facts_of(rules, text))
    assert ("Marta Ruiz", "executive_of", "Orbis Capital") in found
    assert ("Marta Ruiz", "executive_of", "Halvorsen Energy") not in found
    merger = (
        "Orbis Capital and Halvorsen Energy agreed to merge. Marta Ruiz will run the "
        "combined company."
    )
    assert not [t for t in triples(facts_of(rules, merger)) if t[1] == "executive_of"]


def test_a_role_with_no_company_after_a_role_at_one(rules: Extractor) -> None:
    """A successor's role that names no company, after a sentence that names the company
    only in a role ("X resigned as chief executive of B"), is a role at B."""
    text = (
        "Tom Brask stepped down as chief executive of Keldor Freight on Tuesday, bowing to "
        "pressure from investors. Vice chairman Ilse Marr will take over as interim chief "
        "executive."
    )
    found = triples(facts_of(rules, text))
    assert ("Ilse Marr", "executive_of", "Keldor Freight") in found


def test_the_carrier_is_the_earlier_subject(rules: Extractor) -> None:
    text = (
        "Keldor Freight agreed to buy Vantry Logistics. The French carrier, founded in "
        "Marseille by Ilse Marr in 1978, will become the largest container line."
    )
    assert ("Ilse Marr", "founded", "Keldor Freight") in triples(facts_of(rules, text))


@pytest.mark.parametrize(
    "text",
    [
        "Brandwell Systems is investing $50 million in Quorvex Labs, and the two will "
        "work together to build models.",
        "Orvane Air will pay $800 million for a 15% stake in Keldor Airlines, and the two "
        "will form a strategic partnership.",
        "Brandwell Systems has invested $400 million in Quorvex Labs, deepening a "
        "partnership the two began last year.",
    ],
)
def test_the_two_partners_are_the_two_parties_named(rules: Extractor, text: str) -> None:
    found = triples(facts_of(rules, text))
    pairs = {frozenset((s, o)) for s, r, o in found if r == "partners_with"}
    assert len(pairs) == 1 and len(next(iter(pairs))) == 2, found


def test_the_two_needs_exactly_two_parties(rules: Extractor) -> None:
    text = (
        "Brandwell Systems, Quorvex Labs and Keldor Airlines met on Monday, and the two "
        "will work together."
    )
    assert not [t for t in triples(facts_of(rules, text)) if t[1] == "partners_with"]


def test_doing_something_jointly_is_a_partnership(rules: Extractor) -> None:
    text = "Halden Metals and Marrow Mining will jointly commercialize a process for smelting."
    found = triples(facts_of(rules, text))
    assert {("Halden Metals", "partners_with", "Marrow Mining"),
            ("Marrow Mining", "partners_with", "Halden Metals")} & found, found  # fmt: skip


def test_a_company_owned_by_a_person_is_their_investment(rules: Extractor) -> None:
    found = triples(facts_of(rules, "Lucerna Films is wholly owned by its founder, Dario Venn."))
    assert ("Dario Venn", "invests_in", "Lucerna Films") in found, found
    # a parent company owning it makes a unit, not an investment read off "own"
    owned = triples(facts_of(rules, "Lucerna Films is wholly owned by Halden Media Group."))
    assert not [t for t in owned if t[1] == "invests_in"], owned


def test_the_seller_of_a_stake_held_it(rules: Extractor) -> None:
    text = "Lirra Mining agreed to buy a 24% stake in Quorvex Lithium from Helm Nutrients."
    found = triples(facts_of(rules, text))
    assert ("Helm Nutrients", "invests_in", "Quorvex Lithium") in found, found
    assert ("Lirra Mining", "invests_in", "Quorvex Lithium") in found, found


def test_selling_a_majority_keeps_a_stake_not_control(rules: Extractor) -> None:
    text = "Ardent Group sold a 60% stake in Kelvo Rail to Tarrow Capital."
    found = triples(facts_of(rules, text))
    assert ("Tarrow Capital", "acquires", "Kelvo Rail") in found, found
    assert ("Ardent Group", "acquires", "Kelvo Rail") not in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Halden Motor and Marrow Electric formed a joint venture, Pellam Energy, to make cells.",
        "Pellam Energy, a joint venture formed by Halden Motor and Marrow Electric, makes cells.",
    ],
)
def test_the_parents_of_a_venture_they_form_invest_in_it(rules: Extractor, text: str) -> None:
    found = triples(facts_of(rules, text))
    invested = {s for s, r, o in found if r == "invests_in" and o.endswith("Energy")}
    assert invested == {"Halden Motor", "Marrow Electric"}, found


def test_a_venture_merely_described_states_no_investment(rules: Extractor) -> None:
    text = (
        "The engines are made by Ceyla Aero, the joint venture of Halden Electric and Marrow Jet."
    )
    found = triples(facts_of(rules, text))
    assert not [t for t in found if t[1] == "invests_in"], found


def test_the_leader_of_a_consortium_partners_its_members(rules: Extractor) -> None:
    text = (
        "The contract went to a consortium led by Halden Data that also includes "
        "Tarrow Consulting and Marrow Health."
    )
    found = triples(facts_of(rules, text))
    partners = {frozenset((s, o)) for s, r, o in found if r == "partners_with"}
    assert partners == {frozenset(("Halden Data", "Tarrow Consulting")),
                        frozenset(("Halden Data", "Marrow Health"))}, found  # fmt: skip
    # co-investors in a group "of" investors are no partners
    money = (
        "Kelvo Foods raised $50 million from a group of investors led by Halden Data "
        "and including Tarrow Consulting."
    )
    assert not [t for t in triples(facts_of(rules, money)) if t[1] == "partners_with"]


@pytest.mark.parametrize(
    "text",
    [
        "Halden Air agreed a tie-up with Marrow Airways.",
        "Halden Air expanded its codeshare with Marrow Airways.",
    ],
)
def test_tie_ups_and_codeshares_are_partnerships(rules: Extractor, text: str) -> None:
    found = triples(facts_of(rules, text))
    assert {frozenset((s, o)) for s, r, o in found if r == "partners_with"} == {
        frozenset(("Halden Air", "Marrow Airways"))
    }, found


def test_a_holding_in_a_company_is_an_investment(rules: Extractor) -> None:
    found = triples(facts_of(rules, "Ardent Corp has a 10% holding in Tessaro Oil."))
    assert ("Ardent Corp", "invests_in", "Tessaro Oil") in found, found


def test_selling_a_share_of_a_company_shows_the_seller_held_it(rules: Extractor) -> None:
    text = (
        "Ardent Chips Corp agreed to sell 51% of Kelvo Logic Inc, its chip business, "
        "to Tarrow Capital."
    )
    found = triples(facts_of(rules, text))
    assert ("Tarrow Capital", "invests_in", "Kelvo Logic Inc") in found, found
    assert ("Ardent Chips Corp", "invests_in", "Kelvo Logic Inc") in found, found
    assert ("Ardent Chips Corp", "acquires", "Kelvo Logic Inc") not in found, found


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Halden Search and Tarrow Web will team up against Kelvo Corp, the market leader.",
            ("Halden Search", "Kelvo Corp"),
        ),
        (
            "Seeking to catch up with Kelvo Corp in cloud software, Halden Systems agreed "
            "to buy Tarrow Labs.",
            ("Halden Systems", "Kelvo Corp"),
        ),
        (
            "Halden Shop is spending heavily to lure shoppers away from Kelvo Mart.",
            ("Halden Shop", "Kelvo Mart"),
        ),
        (
            "Halden Networks will take on Kelvo Corp in the cloud market.",
            ("Halden Networks", "Kelvo Corp"),
        ),
    ],
)
def test_ganging_up_catching_up_and_luring_customers_are_competition(
    rules: Extractor, text: str, pair: tuple[str, str]
) -> None:
    found = triples(facts_of(rules, text))
    rivals = {frozenset((s, o)) for s, r, o in found if r == "competes_with"}
    assert frozenset(pair) in rivals, found


def test_taking_on_a_client_is_no_competition(rules: Extractor) -> None:
    found = triples(facts_of(rules, "Halden Networks took on Kelvo Corp as a client."))
    assert not [t for t in found if t[1] == "competes_with"], found


@pytest.mark.parametrize(
    ("text", "supplier", "customer"),
    [
        (
            "Halden Games' new console is powered by a custom processor from Kelvo Chips "
            "Corp, Halden Games said.",
            "Kelvo Chips Corp",
            "Halden Games",
        ),
        (
            "Halden Telecom has chosen Kelvo Networks to build its new wireless network.",
            "Kelvo Networks",
            "Halden Telecom",
        ),
        (
            "Halden Pharmacy, which relies on Kelvo Health to process insurance claims, "
            "said it was affected.",
            "Kelvo Health",
            "Halden Pharmacy",
        ),
    ],
)
def test_chosen_relied_on_and_powering_makers_are_suppliers(
    rules: Extractor, text: str, supplier: str, customer: str
) -> None:
    assert (supplier, "supplies", customer) in triples(facts_of(rules, text))


def test_a_choice_without_work_to_do_is_no_supply(rules: Extractor) -> None:
    found = triples(facts_of(rules, "Halden Telecom has chosen Kelvo Networks as its partner."))
    assert not [t for t in found if t[1] == "supplies"], found


def test_ending_reliance_on_a_makers_chips_ends_the_supply(rules: Extractor) -> None:
    text = (
        "Halden Computer will use Tarrow processors, ending its reliance on the chips "
        "made by Kelvo Semiconductor."
    )
    fact = find(facts_of(rules, text), "supplies")
    assert (fact.subject.name, fact.object.name) == ("Kelvo Semiconductor", "Halden Computer")
    assert fact.qualifiers.get("status") == "ended", fact


# --- news deal phrasing: rivals, investors, partners, owners, founders -------------------


def test_the_company_is_the_topic_not_the_last_company_named(extractor: Extractor) -> None:
    text = (
        "Orvane Bank opened branches in Spain, the lender said on Thursday. Analysts expect "
        "Orvane Bank to compete with Brightmere Capital. Chief executive Lena Vasquez "
        "founded the company in 2015."
    )
    facts = triples(facts_of(extractor, text))
    assert ("Lena Vasquez", "founded", "Orvane Bank") in facts
    assert ("Lena Vasquez", "founded", "Brightmere Capital") not in facts


@pytest.mark.parametrize(
    "text",
    [
        "Kestrel Foods wants to keep pace with larger rivals Harvest Co and Grainly Inc.",
        "Kestrel Foods lost ground last year to Harvest Co and Grainly Inc.",
        "Kestrel Foods said its bar will compete with snacks from Harvest Co and Grainly Inc.",
    ],
)
def test_rivals_named_by_the_verb_that_governs_them(extractor: Extractor, text: str) -> None:
    facts = triples(facts_of(extractor, text))
    assert ("Harvest Co", "competes_with", "Kestrel Foods") in facts
    assert ("Grainly Inc.", "competes_with", "Kestrel Foods") in facts
    assert ("Grainly Inc.", "competes_with", "Harvest Co") not in facts


def test_rival_modifier_on_a_noun_with_the_name_in_apposition(extractor: Extractor) -> None:
    text = "Kestrel Foods agreed to buy rival website Grainly for $2 billion."
    assert ("Grainly", "competes_with", "Kestrel Foods") in triples(facts_of(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "Quillon Labs and Tessary Systems scrapped their merger, the two rival chipmakers said.",
        "Quillon Labs and Tessary Systems will form a venture. Nordlake, which introduced "
        "the two rivals, will invest $13 million.",
    ],
)
def test_the_two_rivals_are_a_pair_of_competitors(extractor: Extractor, text: str) -> None:
    facts = triples(facts_of(extractor, text))
    assert ("Quillon Labs", "competes_with", "Tessary Systems") in facts
    assert not any(s == "Nordlake" and r == "competes_with" for s, r, _ in facts)


def test_a_role_list_shares_its_owner(extractor: Extractor) -> None:
    text = "Anna Berg, Kestrel Foods' president and biggest shareholder, plans to retire."
    assert ("Anna Berg", "invests_in", "Kestrel Foods") in triples(facts_of(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "Fiserv agreed to buy Kestrel Data from private-equity firm Harwick Partners.",
        "Quorvex agreed to buy Kestrel Data from a group of investors led by Harwick Partners.",
        "Kestrel Data is controlled by private equity firm Harwick Partners.",
        "Kestrel Data is owned by Harwick Partners, the buyout firm.",
    ],
)
def test_an_investor_that_owns_or_sells_a_company_invested_in_it(
    extractor: Extractor, text: str
) -> None:
    assert ("Harwick Partners", "invests_in", "Kestrel Data") in triples(facts_of(extractor, text))


def test_a_parent_company_that_owns_a_company_is_no_investor(extractor: Extractor) -> None:
    facts = triples(facts_of(extractor, "Kestrel Data is owned by Harwick Group."))
    assert ("Kestrel Data", "subsidiary_of", "Harwick Group") in facts
    assert ("Harwick Group", "invests_in", "Kestrel Data") not in facts


def test_the_two_combining_units_in_a_venture_are_partners(extractor: Extractor) -> None:
    text = (
        "Kestrel Foods and Harvest Co agreed on Tuesday to trade assets. The two companies "
        "will put their bakery lines into a joint venture."
    )
    assert ("Harvest Co", "partners_with", "Kestrel Foods") in triples(facts_of(extractor, text))


def test_developing_a_product_with_a_company_is_a_partnership(extractor: Extractor) -> None:
    facts = triples(facts_of(extractor, "Kestrel Foods developed the Zest bar with Harvest Co."))
    assert ("Harvest Co.", "partners_with", "Kestrel Foods") in facts


def test_a_company_written_as_another_company_s_is_its_subsidiary(extractor: Extractor) -> None:
    text = "Kestrel Foods said Harwick's Tessary Systems would expand into Asia."
    facts = triples(facts_of(extractor, text))
    assert ("Tessary Systems", "subsidiary_of", "Harwick") in facts
    one_name = triples(facts_of(extractor, "Orvane's Zelmira is already on sale in Europe."))
    assert not any(r == "subsidiary_of" for _, r, _ in one_name)


def test_a_person_ending_a_list_of_roles_holds_each(extractor: Extractor) -> None:
    text = "Harwick founder and chairman Anna Berg said on Monday it would expand."
    facts = triples(facts_of(extractor, text))
    assert ("Anna Berg", "founded", "Harwick") in facts
    assert ("Anna Berg", "executive_of", "Harwick") in facts


def test_a_long_list_is_read_to_its_end(rules: Extractor) -> None:
    text = (
        "Quellith's clients include Brightwave Capital, Orbital Dynamics, Tarrow Foods, "
        "Kelvo Networks, Halden Telecom, Nimbus Health, Basalt Semiconductor and Granite Foundry."
    )
    customers = {o for s, r, o in triples(facts_of(rules, text)) if r == "supplies"}
    assert {"Brightwave Capital", "Basalt Semiconductor", "Granite Foundry"} <= customers
    assert len(customers) == 8, customers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the members of "a number of" firms
            "Quellith works with a number of large firms, including Kelvo Networks and "
            "Halden Telecom.",
            ("Halden Telecom", "partners_with", "Quellith"),
        ),
        (  # a kind of agreement named on the noun
            "Quellith signed a licensing agreement with Kelvo Networks in 2011.",
            ("Kelvo Networks", "partners_with", "Quellith"),
        ),
        (
            "Tarrow Foods reached a distribution deal with Halden Retail.",
            ("Halden Retail", "partners_with", "Tarrow Foods"),
        ),
        (  # a company's productions and products are what it develops
            "Ravenna Studios' notable productions include Harbor Lights (1982) and Northern "
            "Drift (1996).",
            ("Ravenna Studios", "develops", "Northern Drift"),
        ),
        (
            "Kelvo's products include the Zentra router.",
            ("Kelvo", "develops", "Zentra"),
        ),
        (  # serving brands is supplying them
            "Quellith has served over 80 brands, including Tarrow Foods and Halden Retail.",
            ("Quellith", "supplies", "Tarrow Foods"),
        ),
        (  # the counted noun carries the customer phrase
            "Quellith produced a number of games for Kelvo Interactive.",
            ("Quellith", "supplies", "Kelvo Interactive"),
        ),
        (  # the version's "of" phrase names the product
            "Quellith released the first public version of Zentrabase in 2009.",
            ("Quellith", "develops", "Zentrabase"),
        ),
        (  # a company that became part of another
            "Kelvo Labs became part of Halden Group in 2015.",
            ("Kelvo Labs", "subsidiary_of", "Halden Group"),
        ),
        (
            "Kelvo Labs, part of Halden Group, makes sensors.",
            ("Kelvo Labs", "subsidiary_of", "Halden Group"),
        ),
        (  # a member of an alliance works with it
            "Kelvo Labs is a member of the Open Sensor Alliance.",
            ("Kelvo Labs", "partners_with", "Open Sensor Alliance"),
        ),
        (  # the purpose of a passive clause is its subject's
            "The Tarrow Biscuit Company was formed to compete against Halden Foods.",
            ("Halden Foods", "competes_with", "Tarrow Biscuit Company"),
        ),
        (  # co-producing with a studio is a partnership
            "In 2007, Kelvo Films co-produced a film with Halden Pictures.",
            ("Halden Pictures", "partners_with", "Kelvo Films"),
        ),
        (
            "In 2007, Kelvo Films co-produced the drama Silent Harbor with Halden Pictures.",
            ("Kelvo Films", "develops", "Silent Harbor"),
        ),
        (
            "Quellith Foods hired Tarrow Design, in association with Kelvo Partners, to redraw "
            "its logo.",
            ("Kelvo Partners", "partners_with", "Quellith Foods"),
        ),
        (  # a main verb the parser read as a participle on the name
            "In August 2007, Kelvo-Dunn partnered with Quellith to sell training tools.",
            ("Kelvo-Dunn", "partners_with", "Quellith"),
        ),
        (  # a subject the parser took into the opening date phrase
            "In 2014 Halden Systems joined an alliance with Kelvo Networks.",
            ("Halden Systems", "partners_with", "Kelvo Networks"),
        ),
        (  # "led by" hung on the verb that raised the round
            "Kelvo Labs closed a $30M Series B round in May 2019, led by Tarrow Ventures.",
            ("Tarrow Ventures", "invests_in", "Kelvo Labs"),
        ),
        (
            "In 2005, Kelvo closed a $30 million financing from Tarrow Advisors.",
            ("Tarrow Advisors", "invests_in", "Kelvo"),
        ),
        (  # a town with its region before "-based" is a place, not the buyer
            "In November 2016, Louisville, Colorado-based software maker Quellith Software "
            "acquired Tarrow Labs.",
            ("Quellith Software", "acquires", "Tarrow Labs"),
        ),
    ],
)
def test_company_description_phrasings(
    rules: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    found = triples(facts_of(rules, text))
    s, r, o = expected
    assert expected in found or (r in {"partners_with", "competes_with"} and (o, r, s) in found), (
        found
    )


def test_part_of_a_plan_is_no_ownership(rules: Extractor) -> None:
    text = "Halden Group sold Kelvo Labs to Tarrow Capital as part of its restructuring."
    assert not [t for t in triples(facts_of(rules, text)) if t[2] == "restructuring"]
    found = triples(facts_of(rules, text))
    assert ("Kelvo Labs", "subsidiary_of", "Tarrow Capital") not in found, found


# Encyclopaedic leads: a definition names a product and its maker.


@pytest.mark.parametrize(
    ("text", "maker", "product"),
    [
        (
            "Zorblax is a 1994 video game developed and published by Quintar Software.",
            "Quintar Software",
            "Zorblax",
        ),
        (
            "The Kestrel 400 is a light aircraft designed by Arlen Aviation.",
            "Arlen Aviation",
            "Kestrel 400",
        ),
        (
            "Quell: Rise of Ash is a strategy video game for mobile phones. "
            "It was developed by Tamsin Interactive.",
            "Tamsin Interactive",
            "Quell: Rise of Ash",
        ),
        (
            "The Orlo Vanta series is a line of mid-range phones made by Orlo Mobile.",
            "Orlo Mobile",
            "Orlo Vanta",
        ),
        ("Zorblax is a 1994 platform game by Quintar Software.", "Quintar Software", "Zorblax"),
        (
            "The Merrow Coupe is a sports car produced by Merrow, and is the company's "
            "smallest model.",
            "Merrow",
            "Merrow Coupe",
        ),
    ],
)
def test_a_defined_product_is_developed_by_its_maker(
    rules: Extractor, text: str, maker: str, product: str
) -> None:
    assert (maker, "develops", product) in triples(facts_of(rules, text))


@pytest.mark.parametrize(
    ("text", "products"),
    [
        (
            "Brannock Games is known for its game franchises, such as Emberfall and Ironveil.",
            {"Emberfall", "Ironveil"},
        ),
        (
            "Brannock Games makes missiles. The company is best known for its guided "
            "missiles such as the Tarsk and the Vell.",
            {"Tarsk", "Vell"},
        ),
    ],
)
def test_goods_listed_under_an_owned_noun_are_developed_by_the_owner(
    rules: Extractor, text: str, products: set[str]
) -> None:
    found = triples(facts_of(rules, text))
    assert {("Brannock Games", "develops", p) for p in products} <= found, found


def test_a_released_recording_is_no_product(rules: Extractor) -> None:
    found = triples(facts_of(rules, "Harlow Records released the album Glass Towers in 2001."))
    assert not [t for t in found if t[1] == "develops"], found


def test_a_presidents_title_before_a_name_is_no_role_at_a_company(rules: Extractor) -> None:
    text = (
        "The Halvorsen Trust runs parks in the north. In 1882, President Carl Ostrander "
        "appointed Mira Lund to the board of the Halvorsen Trust."
    )
    found = triples(facts_of(rules, text))
    assert ("Carl Ostrander", "executive_of", "Halvorsen Trust") not in found, found


@pytest.mark.parametrize(
    ("text", "unit", "parent"),
    [
        ("Tern Books is an imprint of Halvorsen Publishing.", "Tern Books", "Halvorsen Publishing"),
        (
            "The Orlo Vanta series is a line of phones made by Orlo Mobile, a division of "
            "Orlo Group.",
            "Orlo Mobile",
            "Orlo Group",
        ),
    ],
)
def test_an_imprint_or_division_of_a_company_is_its_subsidiary(
    rules: Extractor, text: str, unit: str, parent: str
) -> None:
    assert (unit, "subsidiary_of", parent) in triples(facts_of(rules, text))


@pytest.mark.parametrize(
    ("text", "person", "org"),
    [
        (
            "In the 2006 election, the Velmoran Democratic Party and its leader Patrice "
            "Oyelaran won.",
            "Patrice Oyelaran",
            "Velmoran Democratic Party",
        ),
        ("Halvorsen Trust chairperson Ben Ngata resigned.", "Ben Ngata", "Halvorsen Trust"),
        (
            "Tarrow said Kessel Bank chairman Ben Ngata and chief executive Dana Frost "
            "asked it to end Tarrow's licences.",
            "Dana Frost",
            "Kessel Bank",
        ),
    ],
)
def test_a_leader_chairperson_or_conjoined_role_is_an_executive(
    rules: Extractor, text: str, person: str, org: str
) -> None:
    assert (person, "executive_of", org) in triples(facts_of(rules, text))


def test_a_market_leader_is_no_executive(rules: Extractor) -> None:
    found = triples(facts_of(rules, "Acme Routers is the market leader in routers."))
    assert not [t for t in found if t[1] == "executive_of"], found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # newswire prices before the deal noun: "its 40 dlr per share tender offer for X"
        ("Dornier Holdings said its 25 dlr per share tender offer for all shares of "
         "Valtris Inc had expired.",
         ("Dornier Holdings", "acquires", "Valtris Inc")),
        ("Pemberly Mills said it and Harrock Container Corp have met all waiting period "
         "requirements for Harrock's proposed 30 dlr per share cash acquisition of Pemberly.",
         ("Harrock Container Corp", "acquires", "Pemberly Mills")),
        ("Ostrava Corp said Quellin Partners Inc offered 22 dlrs a share for the company.",
         ("Quellin Partners Inc", "acquires", "Ostrava Corp")),
        # the owner of an offer its receiver answers is the bidder
        ("Tamsin Corp said Brevard Housing Corp has accepted its previously announced "
         "acquisition offer.",
         ("Tamsin Corp", "acquires", "Brevard Housing Corp")),
        ("Halcott Broadcasting Co said its board rejected the offer of Vireo Corp.",
         ("Vireo Corp", "acquires", "Halcott Broadcasting Co")),
        ("Pellworth Corp said its board approved the offer from Danbury Capital Inc.",
         ("Danbury Capital Inc", "acquires", "Pellworth Corp")),
        # "the shares it does not already hold in X" is the rest of X
        ("Corvane Ltd said it will offer 3.10 dlrs a share for the shares it does not "
         "already hold in Pilbury Mills Ltd.",
         ("Corvane Ltd", "acquires", "Pilbury Mills Ltd")),
        # the offer's price first, its target hung on the verb
        ("Marwell Corp made an offer of 7.75 dlrs per share for Granfield Industries Inc.",
         ("Marwell Corp", "acquires", "Granfield Industries Inc")),
        # shares tendered in response to an offer are the target's
        ("Marwell Corp said 2,088,461 Granfield Industries Inc common shares have been "
         "tendered in response to Marwell's offer.",
         ("Marwell Corp", "acquires", "Granfield Industries Inc")),
        # "after the merger of A into B": A merges, whoever governs the phrase
        ("Yesterday Tessaro Bank said it had offered to acquire from Dunwick Group, after "
         "the merger of Calloway into Dunwick Group, its rail business.",
         ("Dunwick Group", "acquires", "Calloway")),
        # the owner of a deal in a passive clause is its doer
        ("Corvell's was acquired by Quarry Foods in its acquisition of Golden Mill Pasta Co.",
         ("Quarry Foods", "acquires", "Golden Mill Pasta Co")),
        # "the X group ... the group's proposal"
        ("The Harwick Capital Management group said financing can be arranged if the "
         "Pennock Fund's board accepts the group's acquisition proposal.",
         ("Harwick Capital Management", "acquires", "Pennock Fund")),
    ],
)  # fmt: skip
def test_newswire_offers_prices_and_answers(
    rules: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    found = triples(facts_of(rules, text))
    s, rel, o = expected
    assert any(
        f[1] == rel and f[0].startswith(s) and f[2].rstrip(".").startswith(o.rstrip("."))
        for f in found
    ), found


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # the receiver of an offer is not its owner
        ("Tamsin Corp said Brevard Housing Corp rejected its offer.",
         ("Brevard Housing Corp", "Tamsin Corp")),
        # warrants or an option to buy shares are no purchase
        ("Calloway Industries agreed to sell its Alder unit to Kestrin PLC for 400 mln dlrs "
         "and warrants to purchase two mln Kestrin ordinary shares.",
         ("Calloway Industries", "Kestrin PLC")),
        # selling its own shares to Y does not make Y the buyer of the seller
        ("Harlan Corp agreed to reduce its stake by selling just over half its shares to "
         "Brisco Inc.",
         ("Brisco Inc", "Harlan Corp")),
        # a regulator told of a plan buys nothing
        ("The investors told the SEC they might buy more Delmont Corp stock.",
         ("SEC", "Delmont Corp")),
    ],
)  # fmt: skip
def test_offers_options_and_regulators_state_no_wrong_buyer(
    rules: Extractor, text: str, wrong: tuple[str, str]
) -> None:
    found = triples(facts_of(rules, text))
    assert not any(
        f[1] == "acquires" and f[0].startswith(wrong[0]) and f[2].startswith(wrong[1])
        for f in found
    ), found


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # buying "the remaining N pct" or the shares "it does not already own" is control
        ("Norcastle Corp said it acquired the remaining 40 pct of Halvey Corp it did not "
         "already own.",
         ("Norcastle Corp", "acquires", "Halvey Corp"), None),
        ("Brisk Holdings said it agreed to pay 90 mln dlrs for the 35 pct of Tolland Mills "
         "Inc it does not already own.",
         ("Brisk Holdings", "acquires", "Tolland Mills Inc"), None),
        # a stake held by the company sold, in a relative clause, is not the buyer's stake
        ("Brantor Ltd sold Kellner, which holds a 25 pct interest in two gas fields, to a "
         "Weiss Corp unit for 900 mln dlrs.",
         ("Weiss Corp", "acquires", "Kellner"), None),
        # "will become a (wholly owned) subsidiary of Y" in a merger: Y takes X over
        ("Kellner Corp will become a wholly owned subsidiary of Weiss Industries Inc under "
         "the merger its holders backed on Friday.",
         ("Weiss Industries Inc", "acquires", "Kellner Corp"), None),
        ("Quillan Industries Inc said it will become a unit of Zorvex Corp under the "
         "agreement.",
         ("Zorvex Corp", "acquires", "Quillan Industries Inc"), None),
        # ... but "part of its division" places a bought company, it names no buyer
        ("Zorvex Corp said Quillan Labs will become part of its Brindle Instruments "
         "division.",
         None, ("Brindle Instruments", "acquires", "Quillan Labs")),
        # "its acquisition by Y": the owner of the noun is the target
        ("Quillan Industries Inc said its acquisition by Zorvex Corp was completed.",
         ("Zorvex Corp", "acquires", "Quillan Industries Inc"), None),
        # a merger with one's own subsidiary, or of two units, is a reorganisation
        ("Norcastle Corp plans a merger with its wholly-owned subsidiary, Halvey "
         "Insurance Co, to cut costs.",
         ("Halvey Insurance Co", "subsidiary_of", "Norcastle Corp"),
         ("Norcastle Corp", "acquires", "Halvey Insurance Co")),
        ("Norcastle Corp said it will merge its Halvey Insurance Co subsidiary into its "
         "Brill Life unit.",
         None, ("Brill Life", "acquires", "Halvey Insurance Co")),
        # "Inc of <town>, <state>": the town is where the company is, not its name
        ("Norcastle Corp will buy the snack wholesaler Halvey Foods "
         "Inc of Green Bay, Wis., for an undisclosed sum.",
         ("Norcastle Corp", "acquires", "Halvey Foods Inc"),
         ("Norcastle Corp", "acquires", "Halvey Foods Inc of Green Bay")),
        ("Zorvex Corp said it acquired Dynamics Corp of America for 20 mln dlrs.",
         ("Zorvex Corp", "acquires", "Dynamics Corp of America"), None),
    ],
)  # fmt: skip
def test_newswire_control_reorganisations_and_addresses(
    rules: Extractor,
    text: str,
    expected: tuple[str, str, str] | None,
    absent: tuple[str, str, str] | None,
) -> None:
    found = {(s.rstrip("."), r, o.rstrip(".")) for s, r, o in triples(facts_of(rules, text))}
    if expected is not None:
        assert expected in found, found
    if absent is not None:
        assert absent not in found, found


# Product-side relations: names found through modifiers, "from X", appositions, verbs.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The two signed a deal under which Halden Corp's BX12 device-management software "
            "supports Kelvo Inc's Arden security platform.",
            {("Halden Corp", "develops", "BX12"), ("Kelvo Inc", "develops", "Arden")},
        ),
        (
            "Regulators approved Zentara, a gene therapy from Kelvo Pharmaceuticals and "
            "Tarrow Therapeutics Inc.",
            {
                ("Kelvo Pharmaceuticals", "develops", "Zentara"),
                ("Tarrow Therapeutics Inc.", "develops", "Zentara"),
            },
        ),
        (
            "Halden Games' next console, the Lumo, is powered by a custom Quill processor "
            "from Tarrow Semiconductor.",
            {("Tarrow Semiconductor", "develops", "Quill")},
        ),
        (
            "Regulators approved Velmitra, Kelvo Pharma's once-weekly injection for diabetes "
            "and the first drug of its kind.",
            {("Kelvo Pharma", "develops", "Velmitra")},
        ),
        (
            "Kelvo Pharma is testing zentolimab in patients with lung cancer.",
            {("Kelvo Pharma", "develops", "zentolimab")},
        ),
        (
            "Its main rival in analytics is Halden Software Inc, which sells QuorraBI.",
            {("Halden Software Inc", "develops", "QuorraBI")},
        ),
        (
            "Tarrow Devices Inc's Versal smartwatches run on its own software.",
            {("Tarrow Devices Inc", "develops", "Versal")},
        ),
    ],
)
def test_product_names_and_their_makers(
    rules: Extractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    found = triples(facts_of(rules, text))
    assert expected <= found, found


def test_a_company_sold_off_is_no_product_it_sells(rules: Extractor) -> None:
    text = "Halden Telecom said it will sell Quorra, the mobile operator that Kelvo bought."
    found = triples(facts_of(rules, text))
    assert not [t for t in found if t[1] == "develops"], found


def test_a_disease_before_a_vaccine_is_no_product_from_its_makers(rules: Extractor) -> None:
    text = "It will compete with RSV vaccines from Kelvo Pharma and Tarrow Bio."
    found = triples(facts_of(rules, text))
    assert not [t for t in found if t[1] == "develops"], found


@pytest.mark.parametrize(
    ("text", "supplier", "customer"),
    [
        (
            "Ardent Airlines has ordered up to 40 Kelvo Aerospace jets, the airline said.",
            "Kelvo Aerospace",
            "Ardent Airlines",
        ),
        (
            "Halden Computer Inc will start using Tarrow Semiconductor processors next year.",
            "Tarrow Semiconductor",
            "Halden Computer Inc",
        ),
        (
            "Halden Shipping Group has signed an offtake agreement with Kelvo Fuels Inc "
            "for methanol.",
            "Kelvo Fuels Inc",
            "Halden Shipping Group",
        ),
        (
            "Halden Cloud signed a 15-year power purchase agreement with Kelvo Energy.",
            "Kelvo Energy",
            "Halden Cloud",
        ),
        (
            "Kelvo Gas cut off gas deliveries to Halden Power on Wednesday.",
            "Kelvo Gas",
            "Halden Power",
        ),
        (
            "Halden Health has awarded Kelvo Analytics a contract to build a data platform.",
            "Kelvo Analytics",
            "Halden Health",
        ),
    ],
)
def test_orders_offtake_deliveries_and_awards_are_supply(
    rules: Extractor, text: str, supplier: str, customer: str
) -> None:
    assert (supplier, "supplies", customer) in triples(facts_of(rules, text))


@pytest.mark.parametrize(
    "text",
    [
        "Payments will run through Quorra, the payments unit that Halden Media Inc agreed to buy "
        "from Kelvo Group in May.",
        "Halden Group agreed to buy Tarrow Aircraft from Kelvo Holdings for $2 billion.",
        "Halden Group signed a share purchase agreement with Kelvo Holdings.",
        "Halden Group awarded Kelvo Holdings a prize for design.",
    ],
)
def test_bought_businesses_share_deals_and_prizes_are_no_supply(
    rules: Extractor, text: str
) -> None:
    found = triples(facts_of(rules, text))
    assert not [t for t in found if t[1] == "supplies"], found


def test_a_model_built_into_products_is_used(rules: Extractor) -> None:
    text = "Halden Systems is working with Tarrow to build Kelvo's Quorra model into its products."
    assert ("Halden Systems", "uses", "Quorra") in triples(facts_of(rules, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Halden Bank Inc has signed an agreement with Kelvo Inc to roll out Quorra Assist "
            "to 3,000 of its employees.",
            ("Halden Bank Inc", "uses", "Quorra Assist"),
        ),
        (
            "Tarrow Pharmaceuticals plans to train the models on Kelvo Inc's Zenith Compute "
            "service.",
            ("Tarrow Pharmaceuticals", "uses", "Zenith"),
        ),
    ],
)
def test_tools_rolled_out_to_staff_and_clouds_trained_on_are_used(
    rules: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    subject, relation, product = expected
    found = triples(facts_of(rules, text))
    assert any(s == subject and r == relation and o.startswith(product) for s, r, o in found), found


def test_a_product_rolled_out_to_customers_is_the_makers(rules: Extractor) -> None:
    text = "Kelvo Inc rolled out its Quorra app to customers in Spain."
    assert ("Kelvo Inc", "develops", "Quorra") in triples(facts_of(rules, text))


def test_the_owner_of_a_used_product_is_not_its_user(rules: Extractor) -> None:
    text = "Tarrow Pharmaceuticals plans to train the models on Kelvo Inc's Zenith Compute service."
    found = triples(facts_of(rules, text))
    assert not [t for t in found if t[0] == "Kelvo Inc" and t[1] == "uses"], found


def test_the_unit_is_the_business_the_text_called_a_unit(rules: Extractor) -> None:
    text = (
        "Halden Systems agreed to buy Kelvo Space, the satellite business of Kelvo Group, "
        "for $2 billion. The unit employs 3,000 people and builds spacecraft for NASA."
    )
    found = triples(facts_of(rules, text))
    assert ("Kelvo Space", "supplies", "NASA") in found, found
    assert ("Halden Systems", "supplies", "NASA") not in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tarrow Motors unveiled its Quill Battery on Sunday, a pack of long flat cells.",
            ("Tarrow Motors", "develops", "Quill Battery"),
        ),
        (
            "Halden, founded in 2015, launched its own car insurance product, Halden Drive, "
            "last week.",
            ("Halden", "develops", "Halden Drive"),
        ),
    ],
)
def test_unveiled_and_named_after_the_maker(
    rules: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(facts_of(rules, text))


def test_a_companys_goods_powering_anothers_are_supplied(rules: Extractor) -> None:
    text = "Kelvo Inc's processors have powered Halden Corp's laptops since 2019."
    assert ("Kelvo Inc", "supplies", "Halden Corp") in triples(facts_of(rules, text))


def test_units_and_owners_listed_are_no_products(rules: Extractor) -> None:
    text = "Kelvo Inc, whose business units include Tarrow and Quillon, said it would grow."
    found = triples(facts_of(rules, text))
    assert not [t for t in found if t[1] == "develops"], found


def test_the_company_a_person_left_is_the_one_named_in_the_role(rules: Extractor) -> None:
    """ "X resigned as chief executive of B, pushed by investors led by C. He stays
    chairman of the company he co-founded": the company is B, X's, not the last named."""
    text = (
        "Tom Berg stepped down as chief executive of Halvorsen Energy on Tuesday, bowing to "
        "pressure from investors led by Orbis Capital. He will become non-executive "
        "chairman of the company he co-founded in 2007 with Marta Ruiz."
    )
    found = triples(facts_of(rules, text))
    assert ("Marta Ruiz", "founded", "Halvorsen Energy") in found
    assert not [t for t in found if t[2] == "Orbis Capital"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare name after a company's possessive is its product
        ("It is a market where Halden Corp's Brevoxa is already on sale.",
         ("Halden Corp", "develops", "Brevoxa")),
        ("Shoppers can open a store on Kelvo Inc's Quillmart site.",
         ("Kelvo Inc", "develops", "Quillmart")),
        # the maker of one kind of goods and of a named series
        ("Voltra Corp agreed to buy Kelvo Inc, the British maker of racing games and the "
         "'Dust Run' series, for $1 billion.", ("Kelvo Inc", "develops", "Dust Run")),
        # winning approval for a product
        ("Kelvo Inc won U.S. approval on Friday for Zelmira, a vaccine against the flu.",
         ("Kelvo Inc", "develops", "Zelmira")),
        # running or operating apps and marketplaces
        ("Kelvo Inc operates the Quillon and Zenvia apps.",
         ("Kelvo Inc", "develops", "Quillon")),
        ("Kelvo Inc also runs Quillmart, the discount marketplace.",
         ("Kelvo Inc", "develops", "Quillmart")),
        # a named product listed after an owned one, each beside its noun
        ("Analysts praised Kelvo Inc's Zenvia pumps and Quillon monitors on Monday.",
         ("Kelvo Inc", "develops", "Quillon")),
        # a maker's model number flown by an airline, or in its fleet
        ("Voltra Air, which flies only Halden 737s, will expand.",
         ("Voltra Air", "uses", "Halden 737s")),
        ("Voltra Air will decide what to do with Skyline Air's fleet of Halden 717s.",
         ("Skyline Air", "uses", "Halden 717s")),
        # an offtake deal "to date with" its supplier; goods offered at a retailer
        ("Voltra Shipping has signed its largest methanol offtake agreement to date with "
         "wind turbine maker Kelvo Inc, which will supply fuel from 2026.",
         ("Kelvo Inc", "supplies", "Voltra Shipping")),
        ("Klarna will replace Kelvo Inc, which has offered installment loans at Voltra "
         "Stores since 2019.", ("Kelvo Inc", "supplies", "Voltra Stores")),
    ],
)  # fmt: skip
def test_owned_approved_operated_and_flown_products(
    rules: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(facts_of(rules, text))


#: Constructions news writes in many ways: each line is one class of sentence (a misread
#: subject, a conjoined rival, a copular plural, an idiom of taking charge or losing
#: ground, a phrase hung on a name, a company whose name ends in an industry word).
BROAD_CASES = [
    # a verb whose subject the parser took for a compound on it
    ("Vantrell Systems competes with Oskano Software in cloud billing.",
     ("Vantrell Systems", "competes_with", "Oskano Software")),
    # "X and rival Y" as the subject
    ("Vantrell Systems and rival Oskano Software both reported losses.",
     ("Vantrell Systems", "competes_with", "Oskano Software")),
    # "the rivalry between X and Y"
    ("The rivalry between Vantrell Systems and Oskano Software has intensified.",
     ("Vantrell Systems", "competes_with", "Oskano Software")),
    # plural rival nouns, losing customers to, undercutting, overtaking as, "the likes of"
    ("Vantrell Systems and Oskano Software are archrivals.",
     ("Vantrell Systems", "competes_with", "Oskano Software")),
    ("Brindle Airways has been losing customers to Corvane Airlines.",
     ("Brindle Airways", "competes_with", "Corvane Airlines")),
    ("Brindle Airways has undercut Corvane Airlines on fares.",
     ("Brindle Airways", "competes_with", "Corvane Airlines")),
    ("Brindle Airways overtook Corvane Airlines as the country's biggest carrier.",
     ("Brindle Airways", "competes_with", "Corvane Airlines")),
    ("Brindle Airways competes against the likes of Corvane Airlines.",
     ("Brindle Airways", "competes_with", "Corvane Airlines")),
    # "X and Y have been partners", "X, in partnership with Y, opened"
    ("Vantrell Systems and Oskano Software have been partners since 2015.",
     ("Vantrell Systems", "partners_with", "Oskano Software")),
    ("Wexley Foods, in partnership with Arnott Dairy, opened a plant in Ohio.",
     ("Wexley Foods", "partners_with", "Arnott Dairy")),
    # taking the helm or the reins, chairing, helming
    ("Ilse Varga took the helm at Vantrell Systems in 2021.",
     ("Ilse Varga", "executive_of", "Vantrell Systems")),
    ("Ilse Varga took the reins of Vantrell Systems last year.",
     ("Ilse Varga", "executive_of", "Vantrell Systems")),
    ("Ilse Varga, who chairs Vantrell Systems, opposed the deal.",
     ("Ilse Varga", "executive_of", "Vantrell Systems")),
    ("Ilse Varga has helmed Vantrell Systems since 2011.",
     ("Ilse Varga", "executive_of", "Vantrell Systems")),
    # "Y's new owner, X"
    ("Oskano Software's new owner, Vantrell Systems, plans to cut jobs.",
     ("Vantrell Systems", "acquires", "Oskano Software")),
    # launching a company (not a product)
    ("Dana Rourke launched the startup Velmora Systems.",
     ("Dana Rourke", "founded", "Velmora Systems")),
    ("Dana Rourke launched Velmora Systems, an online lender, in 2015.",
     ("Dana Rourke", "founded", "Velmora Systems")),
    ("Velmora Systems, the startup Dana Rourke launched in 2015, raised $20 million.",
     ("Dana Rourke", "founded", "Velmora Systems")),
    # names NER misses or mistypes that end in an industry word
    ("Wexley Foods has formed an alliance with Arnott Dairy.",
     ("Wexley Foods", "partners_with", "Arnott Dairy")),
    ("Korvath Mining and Ellery Metals have teamed up to build a smelter.",
     ("Korvath Mining", "partners_with", "Ellery Metals")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), BROAD_CASES)
def test_broad_constructions(
    extractor: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    found = triples(facts_of(extractor, text))
    s, rel, o = expected
    assert expected in found or (rel in SYMMETRIC_NAMES and (o, rel, s) in found), found


SYMMETRIC_NAMES = {"competes_with", "partners_with"}


def test_launching_a_product_founds_nothing(extractor: Extractor) -> None:
    text = "Dana Rourke launched the Zest phone at a Velmora Systems event."
    assert not [t for t in triples(facts_of(extractor, text)) if t[1] == "founded"]


def test_rival_in_an_object_list_is_not_paired_with_its_conjunct(extractor: Extractor) -> None:
    text = "Orrin Corp bought Vantrell Systems and rival Oskano Software."
    found = triples(facts_of(extractor, text))
    assert not [t for t in found if t[1] == "competes_with" and "Orrin Corp" not in t], found


def test_a_name_that_goes_on_after_and_is_not_cut(extractor: Extractor) -> None:
    text = "Corvane Holding said it bought the mines of Eastfield Gas and Fuel Associates."
    found = triples(facts_of(extractor, text))
    assert not [t for t in found if t[2] == "Eastfield Gas"], found


@pytest.mark.parametrize(
    "text",
    [
        "Halden Corp's Marta Ruiz said sales rose.",
        "Halden Corp's Chief Counsel resigned.",
        "Kelvo Inc's Tarrow unit will be sold.",
        "Kelvo Inc won approval from shareholders for the merger.",
        "Marta Ruiz runs Kelvo Inc, the Oslo lender.",
        "Kelvo Inc offered a job at Voltra Corp to Marta Ruiz.",
    ],
)
def test_people_units_deals_and_jobs_are_no_goods(rules: Extractor, text: str) -> None:
    found = triples(facts_of(rules, text))
    assert not [t for t in found if t[1] in {"develops", "uses", "supplies"}], found


def test_a_companys_credits_or_films_include_what_it_develops(extractor: Extractor) -> None:
    found = triples(
        facts_of(
            extractor,
            "Quillo Films is a production company. Quillo's credits include Red Harbor, "
            "Iron Gate and the series Blue Moon Rising.",
        )
    )
    assert ("Quillo Films", "develops", "Red Harbor") in found
    found = triples(facts_of(extractor, "Tarrow Interactive's game Red Harbor sold well."))
    assert ("Tarrow Interactive", "develops", "Red Harbor") in found


@pytest.mark.parametrize(
    "text",
    [
        "Kestrel Bank and Orrin Capital, which bought stakes in Vantrell Systems last year, "
        "remain shareholders.",
        "Vantrell Systems will acquire Orrin Corp shares of the same value.",
    ],
)
def test_stakes_or_shares_bought_without_size_are_no_takeover(
    extractor: Extractor, text: str
) -> None:
    found = triples(facts_of(extractor, text))
    assert not [t for t in found if t[1] == "acquires"], found
    assert [t for t in found if t[1] == "invests_in"], found


def test_controlling_stake_or_a_holders_stake_is_still_a_takeover(extractor: Extractor) -> None:
    found = triples(
        facts_of(extractor, "Orrin Capital bought a controlling stake in Vantrell Systems.")
    )
    assert ("Orrin Capital", "acquires", "Vantrell Systems") in found


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # "selected X to build": the chosen maker supplies the chooser
        ("Halden Bank selected Brenner Systems to build its new trading platform.",
         ("Brenner Systems", "supplies", "Halden Bank"), None),
        # goods licensed from a maker: used by the licensee, supplied by the licensor
        ("Halden Bank licensed the Zeta software from Brenner Systems.",
         ("Halden Bank", "uses", "Zeta"), None),
        ("Halden Bank licensed the Zeta software from Brenner Systems.",
         ("Brenner Systems", "supplies", "Halden Bank"), None),
        # the winner of a contract or order does the work it names
        ("Pravik Engineering won a contract to provide Tarnet Airlines with landing gear.",
         ("Pravik Engineering", "supplies", "Tarnet Airlines"), None),
        ("Pravik Engineering secured a $40 million order to deliver seats to Tarnet Airlines.",
         ("Pravik Engineering", "supplies", "Tarnet Airlines"), None),
        # the receiver of an offer is not who makes it
        ("Tarnet Airlines received an offer to buy Pravik Engineering.",
         None, ("Tarnet Airlines", "acquires", "Pravik Engineering")),
    ],
)  # fmt: skip
def test_supply_chosen_licensed_and_won(
    rules: Extractor,
    text: str,
    expected: tuple[str, str, str] | None,
    absent: tuple[str, str, str] | None,
) -> None:
    found = triples(facts_of(rules, text))
    if expected:
        assert expected in found, found
    if absent:
        assert absent not in found, found


@pytest.mark.parametrize(
    "text",
    [
        # a round named only by its series letter
        "Halden Ventures led a $50 million Series B in Corvel Robotics.",
        "Halden Ventures led a Series A in Corvel Robotics alongside Pemberly Capital.",
        # the company owns the round the investor leads, joins or takes part in
        "Halden Ventures led Corvel Robotics' Series B round.",
        "Halden Ventures joined Corvel Robotics' seed round.",
        "Halden Ventures participated in Corvel Robotics' seed round.",
        "Halden Ventures participated in Corvel Robotics' $30 million funding round.",
        "Halden Ventures participated in the seed round for Corvel Robotics.",
    ],
)
def test_investor_in_a_round_the_company_owns(extractor: Extractor, text: str) -> None:
    assert ("Halden Ventures", "invests_in", "Corvel Robotics") in triples(
        facts_of(extractor, text)
    )


def test_a_round_with_no_company_is_no_investment(extractor: Extractor) -> None:
    assert not facts_of(extractor, "Halden Ventures participated in the round.")


def test_a_joint_venture_of_two_parents_pairs_the_parents(extractor: Extractor) -> None:
    found = triples(
        facts_of(
            extractor, "Corvex Energy is a joint venture of Marlow Devices and Tiberon Networks."
        )
    )
    assert ("Marlow Devices", "partners_with", "Tiberon Networks") in found
    assert not any(s == "Corvex Energy" and r == "partners_with" for s, r, _ in found)


def _has(found: set[tuple[str, str, str]], s: str, rel: str, o: str) -> bool:
    return (s, rel, o) in found or (o, rel, s) in found


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        # verbs of beating, trailing, racing or fighting a named company
        ("Velmora Foods trails Ostrand Brands in the market for frozen pizza.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods outsold Ostrand Brands in the fourth quarter.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods is racing Ostrand Brands to launch a meal kit.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods is battling Ostrand Brands for shelf space.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods has overtaken Ostrand Brands in frozen desserts.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods still lags behind Ostrand Brands in Europe.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods is struggling to keep pace with Ostrand Brands.",
         [("Velmora Foods", "Ostrand Brands")]),
        # a company ranked behind (after, ahead of) named others
        ("Velmora Foods is the second-largest maker of snacks behind Ostrand Brands.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods, the third-biggest grocer after Ostrand Brands and Pellin Markets, "
         "cut prices.",
         [("Velmora Foods", "Ostrand Brands"), ("Velmora Foods", "Pellin Markets")]),
        ("The merger made Velmora Foods into the second biggest baker in the country, behind "
         "Ostrand Brands.", [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods is the largest maker of frozen pizza, ahead of Ostrand Brands.",
         [("Velmora Foods", "Ostrand Brands")]),
        # a rival modifier on a list names every listed company
        ("Velmora Foods keeps losing shelf space to larger rivals Ostrand Brands and "
         "Pellin Markets.",
         [("Velmora Foods", "Ostrand Brands"), ("Velmora Foods", "Pellin Markets")]),
        # the same preposition repeated over a list
        ("Velmora Foods spends heavily to lure shoppers away from Ostrand Brands and from "
         "Pellin Markets.",
         [("Velmora Foods", "Ostrand Brands"), ("Velmora Foods", "Pellin Markets")]),
        ("Velmora Foods is positioning itself as a challenger to Ostrand Brands.",
         [("Velmora Foods", "Ostrand Brands")]),
        # winning customers or share away from a named company
        ("Velmora Foods poached customers from Ostrand Brands.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods has been taking market share from Ostrand Brands and Pellin Markets.",
         [("Velmora Foods", "Ostrand Brands"), ("Velmora Foods", "Pellin Markets")]),
        ("Velmora Foods started a price war with Ostrand Brands.",
         [("Velmora Foods", "Ostrand Brands")]),
        # head-on contests: bidding, beating to market, squaring off
        ("Velmora Foods was outbid by Ostrand Brands for the bakery chain.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods beat Ostrand Brands to the market with a vegan pizza.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods is going up against Ostrand Brands in frozen meals.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods competes in the snack market against Ostrand Brands and Pellin Markets.",
         [("Velmora Foods", "Ostrand Brands"), ("Velmora Foods", "Pellin Markets")]),
    ],
)  # fmt: skip
def test_rivals_trailing_ranked_and_listed(
    extractor: Extractor, text: str, pairs: list[tuple[str, str]]
) -> None:
    found = triples(facts_of(extractor, text))
    for s, o in pairs:
        assert _has(found, s, "competes_with", o), found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # rivals of a third company are not each other's rivals
        ("The label keeps losing shelf space to larger rivals Ostrand Brands and Pellin Markets.",
         ("Ostrand Brands", "Pellin Markets")),
        ("Its rivals Ostrand Brands and Pellin Markets cut prices.",
         ("Ostrand Brands", "Pellin Markets")),
        # a ranked owner or customer is no rival; a lawsuit is no contest for a market
        ("Velmora Foods is the second-largest shareholder in Kadri Farms behind Ostrand Brands.",
         ("Velmora Foods", "Ostrand Brands")),
        ("Velmora Foods fought Ostrand Brands in court over a patent.",
         ("Velmora Foods", "Ostrand Brands")),
        ("Velmora Foods took over the business from Ostrand Brands.",
         ("Velmora Foods", "Ostrand Brands")),
        ("Velmora Foods beat Ostrand Brands in court.", ("Velmora Foods", "Ostrand Brands")),
    ],
)  # fmt: skip
def test_no_rivalry_without_a_contest(rules: Extractor, text: str, absent: tuple[str, str]) -> None:
    assert not _has(triples(facts_of(rules, text)), absent[0], "competes_with", absent[1])


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("Velmora Foods linked up with Ostrand Brands to launch the app.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods will work alongside Ostrand Brands to build the plant.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods also agreed to develop new snacks with Ostrand Brands for its stores.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods recycles its packaging in cooperation with Ostrand Brands.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods' cooperation with Ostrand Brands began in 2010.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("The new plant was a joint project between Velmora Foods and Ostrand Brands.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods and Ostrand Brands launched a joint initiative to cut food waste.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods became a launch partner for Ostrand Brands.",
         [("Velmora Foods", "Ostrand Brands")]),
        # example partners a company has or works through are its own partners
        ("Velmora Foods has had partners including Ostrand Brands and Pellin Markets.",
         [("Velmora Foods", "Ostrand Brands"), ("Velmora Foods", "Pellin Markets")]),
        ("Velmora Foods licenses its recipes to partners such as Ostrand Brands.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods is partnered with Ostrand Brands.", [("Velmora Foods", "Ostrand Brands")]),
    ],
)  # fmt: skip
def test_partnership_verbs_and_joint_work(
    extractor: Extractor, text: str, pairs: list[tuple[str, str]]
) -> None:
    found = triples(facts_of(extractor, text))
    for s, o in pairs:
        assert _has(found, s, "partners_with", o), found


@pytest.mark.parametrize(
    "text",
    [
        "Velmora Foods has had partners including Ostrand Brands and Pellin Markets.",
        "Velmora Foods licenses its recipes to partners such as Ostrand Brands and Pellin Markets.",
    ],
)
def test_listed_partners_are_not_each_others(rules: Extractor, text: str) -> None:
    found = triples(facts_of(rules, text))
    assert not _has(found, "Ostrand Brands", "partners_with", "Pellin Markets"), found


@pytest.mark.parametrize(
    ("text", "supplier", "customer"),
    [
        # relying on / turning to a company for goods
        ("Vectra Motors relies on Granite Foundry for its battery cells.",
         "Granite Foundry", "Vectra Motors"),
        ("Vectra Motors turned to Granite Foundry for its battery cells.",
         "Granite Foundry", "Vectra Motors"),
        # orders placed with a maker, orders and contracts won from a customer
        ("Halden Air placed an order with Tarrow Aerospace for 50 jets.",
         "Tarrow Aerospace", "Halden Air"),
        ("Tarrow Aerospace won an order from Halden Air for 30 jets.",
         "Tarrow Aerospace", "Halden Air"),
        ("Kelvo Defense landed a $2 billion contract from Halden Navy Systems.",
         "Kelvo Defense", "Halden Navy Systems"),
        # a company contracted or commissioned to do the work
        ("Granite Labs was contracted by Vectra Motors to develop its ordering portal.",
         "Granite Labs", "Vectra Motors"),
        # equipping a customer with goods
        ("Granite Foundry outfitted Vectra Motors with battery packs.",
         "Granite Foundry", "Vectra Motors"),
        # deploying or implementing another company's goods
        ("Vectra Motors is implementing Granite Labs' billing system across its plants.",
         "Granite Labs", "Vectra Motors"),
        # a company used by customers
        ("Granite Labs is used by firms such as Vectra Motors.",
         "Granite Labs", "Vectra Motors"),
        # customers named with a compound or counted among customers
        ("Granite Labs clients include Vectra Motors and Halden Air.",
         "Granite Labs", "Vectra Motors"),
        ("Granite Labs counts Vectra Motors among its customers.",
         "Granite Labs", "Vectra Motors"),
        ("Vectra Motors supplier Granite Foundry reported higher sales.",
         "Granite Foundry", "Vectra Motors"),
        # the customer in a phrase on the goods, or on the copula
        ("Granite Foundry is the sole provider of cloud computing for Vectra Motors.",
         "Granite Foundry", "Vectra Motors"),
        ("Granite Foundry became the main supplier of modems to Vectra Motors.",
         "Granite Foundry", "Vectra Motors"),
        # work done on a customer's systems or processes
        ("Granite Systems had run Vectra Retail's website since 2001.",
         "Granite Systems", "Vectra Retail"),
        ("Granite Health will process Vectra Insurance's prescription claims.",
         "Granite Health", "Vectra Insurance"),
    ],
)  # fmt: skip
def test_supply_families(rules: Extractor, text: str, supplier: str, customer: str) -> None:
    assert (supplier, "supplies", customer) in triples(facts_of(rules, text))


@pytest.mark.parametrize(
    "text",
    [
        # revenue from a customer, advice from a bank, a regulator's order
        "Granite Foundry relies on Vectra Motors for about 20% of its revenue.",
        "Vectra Motors turned to Halden Capital for advice.",
        # the data of a partner it invests in
        "Vectra Motors will use Granite Labs' database to find new drug targets.",
        # an order with a company won, not placed
        "Tarrow Aerospace won an order with Halden Air.",
        # a named product described as such is used, not a supplier
        "Vectra Motors uses Quelldb, a distributed database, for storage.",
        # a guess at the customer
        "Tarrow Aerospace hopes its first T7 goes out in 2027, probably to Halden Air.",
    ],
)
def test_revenue_advice_and_won_orders_are_no_supply(rules: Extractor, text: str) -> None:
    found = triples(facts_of(rules, text))
    assert not [t for t in found if t[1] == "supplies"], found


@pytest.mark.parametrize(
    ("text", "user", "product"),
    [
        ("Quorra is built on Kelvo's Zenith.", "Quorra", "Zenith"),
        ("The Tarrow Max is built around the Kelvo Burger.", "Tarrow Max", "Kelvo Burger"),
        ("Halden Air operates a fleet of Tarrow T7 jets.", "Halden Air", "Tarrow T7"),
    ],
)
def test_use_families(rules: Extractor, text: str, user: str, product: str) -> None:
    assert (user, "uses", product) in triples(facts_of(rules, text))


def test_moving_a_home_to_a_country_is_no_use(rules: Extractor) -> None:
    text = "Halden Systems plans to shift its registered office from Malta to Ireland."
    assert not [t for t in triples(facts_of(rules, text)) if t[1] == "uses"]


def test_a_described_product_continues_the_topic(rules: Extractor) -> None:
    text = (
        "Tarrow Aerospace's T9 jet made its maiden flight on Friday. "
        "The widebody runs on the K9X, a new turbofan."
    )
    assert ("T9", "uses", "K9X") in triples(facts_of(rules, text))


def test_a_description_after_several_products_is_not_resolved(rules: Extractor) -> None:
    text = (
        "Halden Air flew the first service of the Corvo C5, which Beijing hopes will rival "
        "Tarrow's T9 and Kelvo's K7. The jet still depends on suppliers for its Zenix Q5 engines."
    )
    found = triples(facts_of(rules, text))
    assert not [t for t in found if t[1] == "uses" and t[0] in {"T9", "K7"}], found


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("The French state owns 15% of Belltrix Labs.", "French state"),
        ("The Italian government holds 40% of Belltrix Labs.", "Italian government"),
        ("China's government agreed to invest $2 billion in Belltrix Labs.", "China's government"),
        ("The city of Hamburg holds a 14% stake in Belltrix Labs.", "city of Hamburg"),
        ("The French state, Belltrix Labs' biggest shareholder, objected.", "French state"),
    ],
)
def test_a_government_holds_stakes(extractor: Extractor, text: str, owner: str) -> None:
    assert (owner, "invests_in", "Belltrix Labs") in triples(facts_of(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "The French state approved the merger of Belltrix Labs and Orvane Group.",
        "The Italian government blocked the takeover of Belltrix Labs by Orvane Group.",
        "The French state will buy 20% of Belltrix Labs from Orvane Group.",
    ],
)
def test_a_government_makes_no_other_deal(extractor: Extractor, text: str) -> None:
    found = triples(facts_of(extractor, text))
    public = {"French state", "Italian government"}
    assert not [t for t in found if t[0] in public and t[1] != "invests_in"]
    assert not [t for t in found if t[2] in public]


@pytest.mark.parametrize(
    "text",
    [
        "Cordalis Group scooped up Veltrum Labs last year.",
        "Cordalis Group gobbled up Veltrum Labs in 2021.",
        "Cordalis Group swallowed Veltrum Labs in 2015.",
        "Cordalis Group swallowed up Veltrum Labs.",
        "Veltrum Labs agreed to be acquired for $6 billion by Cordalis Group.",
    ],
)
def test_buying_verbs_and_a_by_phrase_after_the_price(extractor: Extractor, text: str) -> None:
    assert ("Cordalis Group", "acquires", "Veltrum Labs") in triples(facts_of(extractor, text))


def test_a_by_phrase_after_the_price_names_every_buyer(extractor: Extractor) -> None:
    found = triples(
        facts_of(
            extractor,
            "Veltrum Labs was bought for $2 billion by Cordalis Group and Pellora Holdings.",
        )
    )
    assert ("Cordalis Group", "acquires", "Veltrum Labs") in found
    assert ("Pellora Holdings", "acquires", "Veltrum Labs") in found


@pytest.mark.parametrize(
    "text",
    [
        "Norvane Capital holds about a third of Belltrix Labs.",
        "Norvane Capital owns a quarter of Belltrix Labs.",
        "Belltrix Labs shareholders Norvane Capital and Halbrook Partners backed the plan.",
        "The sale will leave Norvane Capital with an 18% stake in Belltrix Labs.",
        "Norvane Capital, with a 12% stake in Belltrix Labs, opposed the plan.",
        "Norvane Capital emerged with a 12% stake in Belltrix Labs.",
    ],
)
def test_shares_held_in_fractions_lists_and_with_phrases(extractor: Extractor, text: str) -> None:
    facts = facts_of(extractor, text)
    assert ("Norvane Capital", "invests_in", "Belltrix Labs") in triples(facts)
    kept = [f for f in facts if f.relation.value == "invests_in"]
    assert all(f.valid_to is None for f in kept)  # what a sale leaves is held, not ended


def test_backing_an_offer_is_no_investment(extractor: Extractor) -> None:
    text = "The board of Belltrix Labs backed Orvane Group's revised offer for the business."
    assert not [t for t in triples(facts_of(extractor, text)) if t[1] == "invests_in"]


@pytest.mark.parametrize(
    "text",
    [
        "Cordalis Group withdrew its offer for Veltrum Labs on Saturday.",
        "Cordalis Group dropped its $6 billion offer for Veltrum Labs.",
        "Cordalis Group withdrew a bid to acquire 60 pct of Veltrum Labs.",
        "Cordalis Group pulled out of the contest for Veltrum Labs.",
    ],
)
def test_a_failed_offer_is_no_deal(extractor: Extractor, text: str) -> None:
    found = triples(facts_of(extractor, text))
    assert not [t for t in found if t[1] in {"acquires", "invests_in"}]


def test_an_agreed_deal_called_off_still_ends_one(extractor: Extractor) -> None:
    facts = facts_of(extractor, "Cordalis Group abandoned its agreement to buy Veltrum Labs.")
    assert ("Cordalis Group", "acquires", "Veltrum Labs") in triples(facts)


@pytest.mark.parametrize(
    "text",
    [
        "Cordalis Group walked away on Tuesday from its bid for Veltrum Labs.",
        "Cordalis Group wants to buy Veltrum Labs.",
        "Cordalis Group is seeking to buy Veltrum Labs.",
        "Cordalis Group is looking to acquire Veltrum Labs.",
        "Cordalis Group hopes to buy a stake in Veltrum Labs.",
        "Cordalis Group would like to invest in Veltrum Labs.",
        "Cordalis Group plans to bid for Veltrum Labs.",
        "Cordalis Group intends to make an offer for Veltrum Labs.",
    ],
)
def test_a_wanted_deal_or_a_planned_bid_is_no_deal(extractor: Extractor, text: str) -> None:
    found = triples(facts_of(extractor, text))
    assert not [t for t in found if t[1] in {"acquires", "invests_in"}], found


def test_a_planned_purchase_is_still_an_announced_deal(extractor: Extractor) -> None:
    found = triples(facts_of(extractor, "Cordalis Group plans to buy Veltrum Labs."))
    assert ("Cordalis Group", "acquires", "Veltrum Labs") in found


@pytest.mark.parametrize(
    "text",
    [
        "Cordalis Group will buy Veltrum Labs for $2 billion, sending its shares up 4%.",
        "Cordalis Group agreed to acquire Veltrum Labs; shares of Veltrum Labs rose 20%.",
        "Cordalis Group said it would buy Veltrum Labs, sending Veltrum shares up 30%.",
        "Cordalis Group will buy Veltrum Labs for $14 a share, a 30% premium to its close.",
        "Cordalis Group completed its purchase of Veltrum Labs, a 25% premium to its price.",
        "Cordalis Group bought Veltrum Labs, lifting its shares 8%.",
        "Cordalis Group bought Veltrum Labs, giving it 25% of the domestic market.",
    ],
)
def test_a_share_price_move_is_no_stake(extractor: Extractor, text: str) -> None:
    found = triples(facts_of(extractor, text))
    assert ("Cordalis Group", "acquires", "Veltrum Labs") in found, found
    assert ("Cordalis Group", "invests_in", "Veltrum Labs") not in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Cordalis Group bought 30% of Veltrum Labs, sending its shares up 4%.",
        "Cordalis Group bought shares of Veltrum Labs, lifting its stake to 12%.",
    ],
)
def test_a_stake_beside_a_price_move_is_still_a_stake(extractor: Extractor, text: str) -> None:
    found = triples(facts_of(extractor, text))
    assert ("Cordalis Group", "invests_in", "Veltrum Labs") in found, found
    assert ("Cordalis Group", "acquires", "Veltrum Labs") not in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Cordalis Group teamed up with Parrow Capital to buy Veltrum Labs.",
        "Cordalis Group joined forces with Parrow Capital to acquire Veltrum Labs.",
        "Cordalis Group partnered with Parrow Capital to buy Veltrum Labs for $1 billion.",
    ],
)
def test_a_partner_joined_to_buy_is_a_buyer_too(extractor: Extractor, text: str) -> None:
    found = triples(facts_of(extractor, text))
    assert ("Cordalis Group", "acquires", "Veltrum Labs") in found, found
    assert ("Parrow Capital", "acquires", "Veltrum Labs") in found, found


@pytest.mark.parametrize(
    ("text", "buyer"),
    [
        ("Hedge fund billionaire Jane Roe agreed to buy Veltrum Labs.", "Jane Roe"),
        ("Veltrum Labs was bought by British businessman Mark Doe in 2013.", "Mark Doe"),
    ],
)
def test_a_person_who_buys_a_company_invests_in_it(
    extractor: Extractor, text: str, buyer: str
) -> None:
    assert (buyer, "invests_in", "Veltrum Labs") in triples(facts_of(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "Norvane Capital will buy $1 billion of Belltrix Labs stock.",
        "Norvane Capital bought $500 million of Belltrix Labs shares in March.",
    ],
)
def test_a_sum_spent_on_shares_is_an_investment(extractor: Extractor, text: str) -> None:
    found = triples(facts_of(extractor, text))
    assert ("Norvane Capital", "invests_in", "Belltrix Labs") in found
    assert ("Norvane Capital", "acquires", "Belltrix Labs") not in found


def test_a_sum_paid_for_a_company_is_still_a_takeover(extractor: Extractor) -> None:
    text = "Norvane Capital bought Belltrix Labs for $500 million."
    assert ("Norvane Capital", "acquires", "Belltrix Labs") in triples(facts_of(extractor, text))


def test_a_country_possessive_is_no_part_of_the_owner(extractor: Extractor) -> None:
    text = "Belltrix Labs, the valve maker majority-owned by Germany's Cordalis Group, is hiring."
    assert ("Cordalis Group", "invests_in", "Belltrix Labs") in triples(facts_of(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "Belltrix Labs is in talks with Norvane Capital, its largest shareholder, about a merger.",
        "Talks collapsed after Norvane Capital, an early investor in Belltrix Labs, objected.",
    ],
)
def test_a_described_investor_holds_in_talk_of_a_deal(extractor: Extractor, text: str) -> None:
    assert ("Norvane Capital", "invests_in", "Belltrix Labs") in triples(facts_of(extractor, text))


def test_talks_of_a_purchase_state_no_investment(extractor: Extractor) -> None:
    text = "Norvane Capital is in talks to buy a stake in Belltrix Labs."
    assert not facts_of(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Belltrix Labs, in which Norvane Capital has a stake, makes drones.",
        "Norvane Capital has shares in Belltrix Labs.",
        "Norvane Capital bought into Belltrix Labs in 2019.",
        "Norvane Capital co-led the round in Belltrix Labs.",
    ],
)
def test_having_or_buying_into_a_stake(extractor: Extractor, text: str) -> None:
    assert ("Norvane Capital", "invests_in", "Belltrix Labs") in triples(facts_of(extractor, text))


def test_having_an_interest_in_working_together_is_no_stake(extractor: Extractor) -> None:
    text = "Norvane Capital has an interest in working with Belltrix Labs."
    assert not [t for t in triples(facts_of(extractor, text)) if t[1] == "invests_in"]


def test_a_rival_named_with_a_possessive_is_no_unit(extractor: Extractor) -> None:
    found = triples(facts_of(extractor, "Cordalis Group bought Belltrix Labs' rival Pellora Inc."))
    assert not [t for t in found if t[1] == "subsidiary_of"]
    assert any(t[0] == "Cordalis Group" and t[1] == "acquires" for t in found)


# develops and subsidiary_of wording families (issue 12, devsub round)
DEVSUB_CASES = [
    # a work noun aside ("at the auto show", "its music matching") drops no product
    ("Halvorsen Motors unveiled the Zephyr EV at the Geneva auto show.",
     ("Halvorsen Motors", "develops", "Zephyr EV")),
    ("Its music matching feature ships inside Veltrix's Orbit software.",
     ("Veltrix", "develops", "Orbit")),
    # "X is (best) known for Y"
    ("Pellucid Systems is known for Quartzline, a cloud database.",
     ("Pellucid Systems", "develops", "Quartzline")),
    ("Drakon Games is best known for the Iron Tide video game series.",
     ("Drakon Games", "develops", "Iron Tide")),
    # "markets Y", "started selling Y", "began to sell Y"
    ("Corlan Therapeutics markets Calmivex in Europe.",
     ("Corlan Therapeutics", "develops", "Calmivex")),
    ("Halvorsen Motors began selling the Zephyr EV in Europe.",
     ("Halvorsen Motors", "develops", "Zephyr EV")),
    # a name given by a participle: "a console code-named QX"
    ("Loomis Games is developing a console codenamed QX.",
     ("Loomis Games", "develops", "QX")),
    # a bare one-word name opening "is a subsidiary of"
    ("Pentawave is a wholly owned subsidiary of Halvorsen Motors.",
     ("Pentawave", "subsidiary_of", "Halvorsen Motors")),
    ("Pentawave Inc is a subsidiary company of the Halvorsen Group.",
     ("Pentawave Inc", "subsidiary_of", "Halvorsen Group")),
    ("Halvorsen Motors is the holding company of Pentawave Inc.",
     ("Pentawave Inc.", "subsidiary_of", "Halvorsen Motors")),
    # "parent company Y" on a preposition of the subsidiary's verb
    ("Pentawave Inc raised money for parent company Halvorsen Motors.",
     ("Pentawave Inc", "subsidiary_of", "Halvorsen Motors")),
    # "Y's battery business, X"
    ("Teva agreed to buy Halvorsen Motors' battery business, Pentawave Energy, for $4 billion.",
     ("Pentawave Energy", "subsidiary_of", "Halvorsen Motors")),
    # spin-off nouns and verbs
    ("Pentawave Energy was split off from Halvorsen Motors in 2009.",
     ("Pentawave Energy", "subsidiary_of", "Halvorsen Motors")),
    ("Halvorsen Motors completed the spin-off of Pentawave Energy on Monday.",
     ("Pentawave Energy", "subsidiary_of", "Halvorsen Motors")),
    ("Pentawave Energy, a spinoff of Halvorsen Motors, listed its shares.",
     ("Pentawave Energy", "subsidiary_of", "Halvorsen Motors")),
    # a name written before a possessed part noun: "its X subsidiary"
    ("Halvorsen Motors and its Pentawave Energy subsidiary signed the deal.",
     ("Pentawave Energy", "subsidiary_of", "Halvorsen Motors")),
    # "which" is the company before it, not the person whose role the parser hung it on
    ("Ruiz is chairman of Halvorsen, which also owns Corlan Bank, the biggest lender.",
     ("Corlan Bank", "subsidiary_of", "Halvorsen")),
    # a place-like name listed after a company that an owner owns
    ("Halvorsen Group, the owner of Corlan Air and Navarra, reported a loss.",
     ("Navarra", "subsidiary_of", "Halvorsen Group")),
    # a "person" set before a business noun names the business
    ("Corlan Cafes was bought by Halvorsen Group, the owner of the Maple Lodge hotel chain.",
     ("Maple Lodge", "subsidiary_of", "Halvorsen Group")),
    # a gadget noun makes the name before it a product
    ("Grindel Labs makes the Pulse fitness tracker.",
     ("Grindel Labs", "develops", "Pulse")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "want"), DEVSUB_CASES)
def test_develops_and_subsidiary_families(
    extractor: Extractor, text: str, want: tuple[str, str, str]
) -> None:
    assert want in triples(facts_of(extractor, text))


def test_spin_off_noun_ends_the_tie(extractor: Extractor) -> None:
    text = "Pentawave Energy, a spinoff of Halvorsen Motors, listed its shares."
    fact = find(facts_of(extractor, text), "subsidiary_of")
    assert fact.valid_to is not None


def test_seller_described_as_investor_is_no_parent(extractor: Extractor) -> None:
    text = (
        "Halvorsen Motors agreed to acquire Pentawave Energy from shareholders such as "
        "Lund Partners and Corlan Capital Partners for $780 million."
    )
    found = triples(facts_of(extractor, text))
    assert not {f for f in found if f[1] == "subsidiary_of"}, found
    assert ("Lund Partners", "invests_in", "Pentawave Energy") in found


@pytest.mark.parametrize(
    "text",
    [
        "Pentawave Inc acquired the plant from former parent Halvorsen Motors in 2007.",
        "Halvorsen Motors said it would keep its business, which makes cars, in Ohio.",
        "Pellucid Systems is known for its work with Corlan Bank.",
    ],
)
def test_devsub_non_facts(extractor: Extractor, text: str) -> None:
    found = triples(facts_of(extractor, text))
    assert not {f for f in found if f[1] in {"subsidiary_of", "develops"}}, found


@pytest.mark.parametrize(
    "text",
    [
        "Orlo Homes sold 2,000 apartments to Velmo Capital.",
        "Both landlords proposed selling 8,000 flats to the city of Hamburg.",
    ],
)
def test_property_sold_to_a_buyer_is_no_supply(extractor: Extractor, text: str) -> None:
    assert not [f for f in facts_of(extractor, text) if f.relation is Relation.SUPPLIES]


def test_a_government_investing_is_a_party(extractor: Extractor) -> None:
    got = triples(
        facts_of(extractor, "The German government took a 20% stake in Kessler Airlines.")
    )
    assert ("German government", "invests_in", "Kessler Airlines") in got


# Bio and company-page forms of founded, executive_of and subsidiary_of (invented).
BIO_CASES = [
    # a list of three founders, the middle one parsed as an appositive
    (
        "Kesto Resources was established in 2003 by Harlan Mott, Dana Pike and Lisa Orr.",
        {
            ("Harlan Mott", "founded", "Kesto Resources"),
            ("Dana Pike", "founded", "Kesto Resources"),
            ("Lisa Orr", "founded", "Kesto Resources"),
        },
    ),
    # a fronted participle the parser read as the clause's subject
    (
        "Founded in 2004 by Daniel Foster, Talmor Systems makes routers.",
        {("Daniel Foster", "founded", "Talmor Systems")},
    ),
    # a "where" clause puts the role at the company it describes
    (
        "Prior to Dravel Group, Dana Pike founded Kesto Resources, where she served as "
        "president for eleven years.",
        {("Dana Pike", "executive_of", "Kesto Resources")},
    ),
    # "founder and CEO of X" after another role: the last "of" phrase is both roles'
    (
        "Harlan Mott is the chairperson of the Kesto Authority and founder and CEO of "
        "Dravel Group.",
        {
            ("Harlan Mott", "executive_of", "Dravel Group"),
            ("Harlan Mott", "founded", "Dravel Group"),
        },
    ),
    # two verbs sharing one object
    (
        "Harlan Mott founded and became CEO of Kesto Consultants in 1978.",
        {
            ("Harlan Mott", "founded", "Kesto Consultants"),
            ("Harlan Mott", "executive_of", "Kesto Consultants"),
        },
    ),
    (
        "Harlan Mott founded and later sold Dravel Group.",
        {("Harlan Mott", "founded", "Dravel Group")},
    ),
    (
        "Harlan Mott co-founded and worked as CTO at Pellam Labs until 2012.",
        {("Harlan Mott", "founded", "Pellam Labs"), ("Harlan Mott", "executive_of", "Pellam Labs")},
    ),
    (
        "Harlan Mott co-founded and sat on the advisory board for Pellam Labs.",
        {("Harlan Mott", "founded", "Pellam Labs")},
    ),
    # a passive conjunct continuing an appositive's participle, not the main verb
    (
        "The Daily Ledger is funded by Northgate Partners, an investment firm located in "
        "Tulsa and co-founded by Dana Pike and Harlan Mott.",
        {
            ("Dana Pike", "founded", "Northgate Partners"),
            ("Harlan Mott", "founded", "Northgate Partners"),
        },
    ),
    (
        "Pellam Foods, offering car loans, is a subsidiary company of the Gravine Group.",
        {("Pellam Foods", "subsidiary_of", "Gravine Group")},
    ),
    (
        "Pellam Foods is a daughter company of Gravine Holdings.",
        {("Pellam Foods", "subsidiary_of", "Gravine Holdings")},
    ),
    (
        "Pellam Labs, a Microsoft company, makes sensors.",
        {("Pellam Labs", "subsidiary_of", "Microsoft")},
    ),
    (
        "Pellam Labs is a Berkshire Hathaway company.",
        {("Pellam Labs", "subsidiary_of", "Berkshire Hathaway")},
    ),
    # the stock listings in brackets are no parent
    (
        "Pellam Asia Ltd. (SGX:4417) is a subsidiary of hotel operator Marriott International "
        "Inc. (NASDAQ:MAR).",
        {("Pellam Asia Ltd.", "subsidiary_of", "Marriott International")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), BIO_CASES)
def test_bio_and_company_page_forms(
    extractor: Extractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    got = triples(facts_of(extractor, text))
    assert expected <= got, got
    if "NASDAQ" in text:
        assert not any(o in {"NASDAQ", "MAR"} or "SGX" in s for s, _, o in got), got


@pytest.mark.parametrize(
    "text",
    [
        "Pellam Labs, a SoftBank portfolio company, raised money.",  # an investor, no parent
        "Pellam Labs, a Fortune 500 company, makes sensors.",
        "The channel shares a studio with ABC affiliate KQPL-TV.",  # a network affiliate
    ],
)
def test_described_companies_that_are_no_subsidiary(extractor: Extractor, text: str) -> None:
    assert not [f for f in facts_of(extractor, text) if f.relation.value == "subsidiary_of"]


def test_titles_kin_and_places_are_no_company(extractor: Extractor) -> None:
    got = triples(
        facts_of(extractor, "Harlan Mott, MBA, CPA - Chief Executive Officer, Founder")
        + facts_of(
            extractor, "The CEO is Harlan Mott, nephew of Dana Pike, Founder of Kesto Motors."
        )
        + facts_of(
            extractor,
            "Pellam Inc. is a Marlow County, Oregon–based company that owns the retailer "
            "Snackly and is a subsidiary of Gravine.",
        )
    )
    assert not any(o in {"MBA - Founder", "nephew", "Nephew"} for _, _, o in got), got
    assert not any(s == "Marlow County" for s, _, _ in got), got


def test_a_nationality_before_a_name_is_no_part_of_it(extractor: Extractor) -> None:
    got = triples(
        facts_of(extractor, "In 1984 he established Lund Motors with fellow Canadian Mira Lund.")
    )
    assert ("Mira Lund", "founded", "Lund Motors") in got, got


def test_a_bio_names_its_person_by_one_word_after_the_full_name(extractor: Extractor) -> None:
    text = (
        "Priya Raman is an entrepreneur. Priya co-founded Dravel Advisory in 2011 and has "
        "served as the CEO since 2012."
    )
    assert ("Priya", "executive_of", "Dravel Advisory") in triples(facts_of(extractor, text))


def test_a_fronted_role_before_a_time_phrase_and_its_holder(extractor: Extractor) -> None:
    text = "Chief executive of Pellam Labs since 2019, in 2021 Harlan Mott said sales rose."
    assert ("Harlan Mott", "executive_of", "Pellam Labs") in triples(facts_of(extractor, text))


def test_a_vice_president_of_a_function_is_no_executive_of_the_company(
    extractor: Extractor,
) -> None:
    for text in (
        "Harlan Mott is vice president of engineering at Pellam Labs.",
        "Harlan Mott, Pellam Labs' senior vice president — Human Resources, spoke.",
    ):
        assert not [f for f in facts_of(extractor, text) if f.relation.value == "executive_of"]
    text = "Harlan Mott, vice president of Pellam Labs, said sales rose."
    assert ("Harlan Mott", "executive_of", "Pellam Labs") in triples(facts_of(extractor, text))


def test_a_brand_written_in_small_letters_is_used_not_a_supplier(rules: Extractor) -> None:
    found = triples(facts_of(rules, "Velmora Foods uses zTrack and qLedger in its depots."))
    assert ("Velmora Foods", "uses", "zTrack") in found, found
    assert not [t for t in found if t[1] == "supplies"], found


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # the noun between owner and name says what the name is to the owner
        ("Orlo Labs' parent Velmora Group cut jobs.",
         ("Orlo Labs", "subsidiary_of", "Velmora Group"),
         ("Velmora Group", "subsidiary_of", "Orlo Labs")),
        ("Orlo Labs' parent company Velmora Group cut jobs.",
         ("Orlo Labs", "subsidiary_of", "Velmora Group"),
         ("Velmora Group", "subsidiary_of", "Orlo Labs")),
        ("Orlo Labs' supplier Velmora Group cut jobs.",
         ("Velmora Group", "supplies", "Orlo Labs"),
         ("Velmora Group", "subsidiary_of", "Orlo Labs")),
        # ... and a unit noun keeps the unit reading
        ("Orlo Labs' subsidiary Velmora Group cut jobs.",
         ("Velmora Group", "subsidiary_of", "Orlo Labs"), None),
    ],
)  # fmt: skip
def test_a_relation_noun_before_a_possessed_name(
    rules: Extractor, text: str, want: tuple[str, str, str], wrong: tuple[str, str, str] | None
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # goods a company makes, bought: the maker is no company bought
        ("Velmora Foods bought Orlo Systems' processors for its stores.", None,
         ("Velmora Foods", "acquires", "Orlo Systems")),
        ("Velmora Foods bought Orlo Systems' snack brand.",
         ("Velmora Foods", "acquires", "Orlo Systems"), None),
        # a company the gazetteer knows by its product's name is bought as a company
        ("Facebook agreed to buy WhatsApp for $19 billion.",
         ("Facebook", "acquires", "WhatsApp"), None),
        ("Velmora Foods bought Azure credits worth $1 million.", None,
         ("Velmora Foods", "acquires", "Azure")),
        # ... and owned as one, when the gazetteer says the app is run as a company
        ("Instagram, owned by Meta, has a new chief.",
         ("Instagram", "subsidiary_of", "Meta"), None),
        ("Velmora says TikTok, which is owned by ByteDance, is its rival.",
         ("TikTok", "subsidiary_of", "ByteDance"), None),
        ("Windows, owned by Microsoft, runs on most desktops.", None,
         ("Windows", "subsidiary_of", "Microsoft")),
    ],
)  # fmt: skip
def test_goods_bought_and_companies_named_as_products(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


def test_a_known_product_read_as_an_adjective_is_still_named(rules: Extractor) -> None:
    # the tagger reads the product name before a goods noun as an adjective
    found = triples(facts_of(rules, "Velmora Foods switched to the Azure cloud in 2023."))
    assert ("Velmora Foods", "uses", "Azure") in found, found
    # ... but an adjective that names no product stays an adjective
    found = triples(facts_of(rules, "A group of Liberal investors bought Orlo Press in 1990."))
    assert not [t for t in found if t[0] == "Liberal"], found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a relative clause without "that", which the parser reads as two appositives
        ("Zumo Labs, the company Orlen Systems acquired in 2019, makes sensors.",
         ("Orlen Systems", "acquires", "Zumo Labs")),
        ("The chips come from Zumo Labs, a designer Orlen Systems bought last year.",
         ("Orlen Systems", "acquires", "Zumo Labs")),
        ("The feature relies on Zumo Labs, the mapping startup Orlen Systems acquired in 2019.",
         ("Orlen Systems", "acquires", "Zumo Labs")),
        ("Lending runs through Frinton Credit, the online lender Orlen Systems agreed to buy "
         "in June.", ("Orlen Systems", "acquires", "Frinton Credit")),
        # "that"/"which" as the object of an infinitive in the relative clause
        ("Sales will run through Pellow Media, the ad-tech unit that Orlen Systems agreed to "
         "buy last year.", ("Orlen Systems", "acquires", "Pellow Media")),
        ("Zumo Labs, which Orlen Systems has agreed to acquire, reported a loss.",
         ("Orlen Systems", "acquires", "Zumo Labs")),
    ],
)  # fmt: skip
def test_a_company_bought_named_by_a_relative_clause(
    rules: Extractor, text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in triples(facts_of(rules, text))


@pytest.mark.parametrize(
    "text",
    [
        "Zumo Labs, the company Orlen Systems bought a stake in, makes sensors.",
        "Zumo Labs, the firm Orlen Systems bought two plants from, makes sensors.",
    ],
)
def test_a_relative_clause_with_its_own_object_buys_no_company(rules: Extractor, text: str) -> None:
    got = triples(facts_of(rules, text))
    assert ("Orlen Systems", "acquires", "Zumo Labs") not in got


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Zarcon Labs closed a $12 million seed round led by Pellucid Ventures.",
         ("Pellucid Ventures", "invests_in", "Zarcon Labs")),
        ("Pellucid Ventures led Zarcon Labs' $40 million Series C.",
         ("Pellucid Ventures", "invests_in", "Zarcon Labs")),
        ("Zarcon Labs' $40 million Series C was led by Pellucid Ventures.",
         ("Pellucid Ventures", "invests_in", "Zarcon Labs")),
        ("The round in Zarcon Labs was led by Pellucid Ventures.",
         ("Pellucid Ventures", "invests_in", "Zarcon Labs")),
        ("Pellucid Ventures co-led the financing for Zarcon Labs.",
         ("Pellucid Ventures", "invests_in", "Zarcon Labs")),
        ("Zarcon Labs secured $15 million in funding from Pellucid Ventures.",
         ("Pellucid Ventures", "invests_in", "Zarcon Labs")),
    ],
)  # fmt: skip
def test_funding_round_wordings(rules: Extractor, text: str, fact: tuple[str, str, str]) -> None:
    assert fact in triples(facts_of(rules, text))


@pytest.mark.parametrize(
    "text",
    [
        "The round of talks was led by Pellucid Ventures.",
        "Zarcon Labs secured a $15 million loan from Pellucid Bank.",
        "Zarcon Labs secured approval from Pellucid Ventures.",
    ],
)
def test_rounds_of_talks_and_loans_are_no_funding(rules: Extractor, text: str) -> None:
    assert not [f for f in facts_of(rules, text) if f.relation.value == "invests_in"]


def test_a_minority_position_is_a_stake(rules: Extractor) -> None:
    got = triples(facts_of(rules, "Pellucid Ventures took a minority position in Zarcon Labs."))
    assert ("Pellucid Ventures", "invests_in", "Zarcon Labs") in got
    text = "Pellucid Ventures took a leading position in Zarcon Labs."
    assert not [f for f in facts_of(rules, text) if f.relation.value == "invests_in"]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # "the round" refers back to the round the company raised
        ("Zarcon Labs raised $40 million on Tuesday. Pellucid Ventures led the round.",
         ("Pellucid Ventures", "invests_in", "Zarcon Labs")),
        ("Zarcon Labs said Pellucid Ventures led the round.",
         ("Pellucid Ventures", "invests_in", "Zarcon Labs")),
        # a stake held by an investor, with the participle hung on the company
        ("The 40% stake in Zarcon Labs held by Pellucid Ventures will be sold.",
         ("Pellucid Ventures", "invests_in", "Zarcon Labs")),
        # a share fused to the participle, and a "by" phrase after "majority-owned"
        ("Zarcon Health, 40%-owned by Pellucid Group, agreed to buy Marlow Labs.",
         ("Pellucid Group", "invests_in", "Zarcon Health")),
        ("Zarcon Health, the company majority-owned by Pellucid Group, agreed to buy "
         "Marlow Labs.", ("Pellucid Group", "invests_in", "Zarcon Health")),
        # a stake held before, in a relative clause, leaves the takeover a takeover
        ("Orlen Systems completed its takeover of Tarvo Labs, in which it already held 34%.",
         ("Orlen Systems", "acquires", "Tarvo Labs")),
        # the closer of a deal and the winner of an approval make the deal
        ("Orlen Systems closed the deal to buy Tarvo Labs on Friday.",
         ("Orlen Systems", "acquires", "Tarvo Labs")),
        ("Orlen Systems closed the acquisition of Tarvo Labs on Friday.",
         ("Orlen Systems", "acquires", "Tarvo Labs")),
        ("Orlen Systems won approval to buy Tarvo Labs.",
         ("Orlen Systems", "acquires", "Tarvo Labs")),
        # an infinitive's gap in a relative clause whose "that" was read as a conjunction
        ("All advertising will be sold through Pellow, the digital-ads unit that Orlen "
         "Systems agreed to buy from Kessler Telecom last December.",
         ("Orlen Systems", "acquires", "Pellow")),
    ],
)  # fmt: skip
def test_stakes_rounds_and_deals_closed(
    rules: Extractor, text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in triples(facts_of(rules, text))


@pytest.mark.parametrize(
    "text",
    [
        "Orlen Systems received an offer to buy Tarvo Labs.",
        "Zarcon Labs hired Marlow Bank. Pellucid Ventures led the round.",
        "Halden Corp said it completed the sale of its retail division to Grisham Valve Co.",
        "Halden Corp said it agreed to sell its retail division to Grisham Valve Co.",
    ],
)
def test_offers_received_rounds_unnamed_and_parts_sold_state_no_deal(
    rules: Extractor, text: str
) -> None:
    got = facts_of(rules, text)
    assert not [f for f in got if f.relation.value in {"acquires", "invests_in", "supplies"}]


@pytest.mark.parametrize(
    ("text", "investors"),
    [
        ("Zarcon Labs raised $40 million in a Series B round. Pellucid Ventures and Corvid "
         "Capital also participated.", {"Pellucid Ventures", "Corvid Capital"}),
        ("Zarcon Labs raised $40 million in a Series B round. Existing investors Pellucid "
         "Ventures and Corvid Capital also took part.", {"Pellucid Ventures", "Corvid Capital"}),
        ("Zarcon Labs raised $40 million in a Series B round. The round included Pellucid "
         "Ventures and Corvid Capital.", {"Pellucid Ventures", "Corvid Capital"}),
        ("Zarcon Labs raised $40 million in a Series B round. Other backers include Pellucid "
         "Ventures and Corvid Capital.", {"Pellucid Ventures", "Corvid Capital"}),
        ("Zarcon Labs raised $40 million. The money came from Pellucid Ventures and Corvid "
         "Capital.", {"Pellucid Ventures", "Corvid Capital"}),
        ("Zarcon Labs raised $40 million in a round led by Pellucid Ventures. Corvid Capital "
         "also invested.", {"Pellucid Ventures", "Corvid Capital"}),
    ],
)  # fmt: skip
def test_investors_named_after_the_round(rules: Extractor, text: str, investors: set[str]) -> None:
    got = triples(facts_of(rules, text))
    assert {(name, "invests_in", "Zarcon Labs") for name in investors} <= got


@pytest.mark.parametrize(
    "text",
    [
        "Zarcon Labs raised $40 million last year. Pellucid Ventures invested in a new plant.",
        "Zarcon Labs raised $40 million. Pellucid Ventures took part in the talks.",
        "Zarcon Labs raised prices last year. Pellucid Ventures also participated.",
        "Zarcon Labs raised $40 million. Its products include the Zarcon One sensor.",
    ],
)
def test_a_round_before_does_not_make_every_clause_an_investment(
    rules: Extractor, text: str
) -> None:
    assert not [f for f in facts_of(rules, text) if f.relation.value == "invests_in"]


@pytest.mark.parametrize(
    "text",
    [
        "The deal gives Pellucid Capital a 20% stake in Zarcon Labs.",
        "Zarcon Labs sold a 9% stake to Pellucid Capital for $300 million.",
        "Zarcon Labs agreed to sell a minority stake to Pellucid Capital.",
    ],
)
def test_a_stake_handed_or_sold_by_the_company_itself(rules: Extractor, text: str) -> None:
    assert ("Pellucid Capital", "invests_in", "Zarcon Labs") in triples(facts_of(rules, text))


def test_a_stake_in_another_company_sold_is_a_stake_in_that_company(rules: Extractor) -> None:
    text = "Zarcon Labs sold a 9% stake in Marlow Foods to Pellucid Capital."
    got = triples(facts_of(rules, text))
    assert ("Pellucid Capital", "invests_in", "Marlow Foods") in got
    assert ("Pellucid Capital", "invests_in", "Zarcon Labs") not in got


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # function chiefs and a bare "chief" are roles
        ("Dunmore Logistics said its finance chief, Amy Ross, would retire.",
         ("Amy Ross", "executive_of", "Dunmore Logistics"), None),
        ("Kalibra chief Jon Bell said demand was weak.",
         ("Jon Bell", "executive_of", "Kalibra"), None),
        # "his B counterpart, Y": Y's role is at B; the person named before holds none there
        ("Harlen Steel chief executive Victor Osei and his Corvana Health counterpart, "
         "Amy Ross, met on Monday.",
         ("Amy Ross", "executive_of", "Corvana Health"), None),
        ("Victor Osei, the chief executive of Harlen Steel, and his counterpart at "
         "Corvana Health, Amy Ross, met on Monday.",
         ("Victor Osei", "executive_of", "Harlen Steel"),
         ("Victor Osei", "executive_of", "Corvana Health")),
        # a bare role is not at the company another person of the sentence ran
        ("Dunmore Logistics hired Paul Chen, who previously ran Corvana Health, taking "
         "over from Amy Ross, who has served as interim chief executive since May.",
         ("Amy Ross", "executive_of", "Dunmore Logistics"),
         ("Amy Ross", "executive_of", "Corvana Health")),
        # promoted to a role, picked to lead a unit, leadership, oversight
        ("Raj Patel was promoted to chief operating officer at Orvana Pharmaceuticals.",
         ("Raj Patel", "executive_of", "Orvana Pharmaceuticals"), None),
        ("Orvana Pharmaceuticals promoted Raj Patel to chief executive.",
         ("Raj Patel", "executive_of", "Orvana Pharmaceuticals"), None),
        ("Orvana Pharmaceuticals has tapped Raj Patel to lead its cloud business.",
         ("Raj Patel", "executive_of", "Orvana Pharmaceuticals"), None),
        ("Under Julia Brandt's leadership, Kestrel Motors has doubled its sales.",
         ("Julia Brandt", "executive_of", "Kestrel Motors"), None),
        ("Raj Patel oversees Orvana Pharmaceuticals' European operations.",
         ("Raj Patel", "executive_of", "Orvana Pharmaceuticals"), None),
        ("Raj Patel took charge of Orvana Pharmaceuticals in 2020.",
         ("Raj Patel", "executive_of", "Orvana Pharmaceuticals"), None),
        # the description a sentence names the company by, for a bare role
        ("Brellium Labs will buy Quillon. Amy Ross, who founded the startup in 2018, will "
         "stay on as chief executive.",
         ("Amy Ross", "executive_of", "Quillon"), ("Amy Ross", "executive_of", "Brellium Labs")),
        # "X and its arm, Y": the possessive is the first conjunct
        ("Spotify and Harlen Group agreed to swap stakes, with the Chinese internet group "
         "and its music arm, Harlen Music, taking 7% of Spotify.",
         ("Harlen Music", "subsidiary_of", "Harlen Group"),
         ("Harlen Music", "subsidiary_of", "Spotify")),
        # "spin off its unit as Y": Y is the unit spun off
        ("Harlen Group plans to spin off its energy businesses as Harlen Power next year.",
         ("Harlen Power", "subsidiary_of", "Harlen Group"),
         ("Harlen Group", "subsidiary_of", "Harlen Power")),
        # a name ending in a model code is a product, however the tagger typed it
        ("The Falcon 9X, developed by Norvik Aerospace, flew for the first time.",
         ("Norvik Aerospace", "develops", "Falcon 9X"), None),
        ("Norvik Aerospace, the creator of the Falcon 9X, raised funds.",
         ("Norvik Aerospace", "develops", "Falcon 9X"), None),
        ("Pellucid Software is working on Lumen, a new search engine.",
         ("Pellucid Software", "develops", "Lumen"), None),
    ],
)  # fmt: skip
def test_roles_units_and_products_in_more_wordings(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str],
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    "text",
    [
        "Finance minister Jon Bell met his French counterpart, Amy Ross, in Paris.",
        "Pellucid Software is working on a deal with Harlen Group.",
        "Pellucid Software is working on Harlen Group's cloud.",
    ],
)
def test_counterparts_and_work_on_without_a_company_role_or_product(
    rules: Extractor, text: str
) -> None:
    found = triples(facts_of(rules, text))
    assert not [t for t in found if t[1] in {"executive_of", "develops"}], found


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # the person who left is the one whose role the new holder took
        ("Amy Ross returned as chief executive of Quillon Corp in October after Jon Bell "
         "was ousted.",
         ("Jon Bell", "executive_of", "Quillon Corp"), None),
        ("Amy Ross has been interim chief executive of Quillon Corp since Jon Bell "
         "resigned in May.",
         ("Jon Bell", "executive_of", "Quillon Corp"), None),
        ("Amy Ross became chief executive of Quillon Corp after Jon Bell left Brellium Labs.",
         ("Amy Ross", "executive_of", "Quillon Corp"),
         ("Jon Bell", "executive_of", "Quillon Corp")),
        # a role two people share, written in the plural
        ("Quillon Corp ousted its founder. Amy Ross and Jon Bell will take over as "
         "co-chief executives.",
         ("Jon Bell", "executive_of", "Quillon Corp"), None),
        # "B founder and chief executive Y" is Y's company, not a bare role's elsewhere
        ("Velmo Group founder and chief executive Ana Ruiz said Quillon Corp, led by "
         "co-chief executives Amy Ross and Jon Bell, would stay independent.",
         ("Amy Ross", "executive_of", "Quillon Corp"),
         ("Amy Ross", "executive_of", "Velmo Group")),
        # a product named before "maker", which NER took for a company
        ("Shares of Glimmer maker Corvana Health rose.",
         ("Corvana Health", "develops", "Glimmer"), None),
        ("Falcon 9X maker Norvik Aerospace raised prices.",
         ("Norvik Aerospace", "develops", "Falcon 9X"), None),
        # "it" in a clause on "A and B, which had owned it" is neither A nor B
        ("Velo Capital bought Harlen Media in 2005 from Brellium Labs and Quillon Corp, "
         "which had owned it jointly.",
         ("Harlen Media", "subsidiary_of", "Brellium Labs"),
         ("Quillon Corp", "subsidiary_of", "Brellium Labs")),
    ],
)  # fmt: skip
def test_departures_shared_roles_and_makers(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str],
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


def test_a_current_role_beside_a_successor_keeps_its_own_reading(rules: Extractor) -> None:
    # the successor's present role neither passes to the predecessor nor starts on the day
    text = (
        "Velmo Group said on Monday that Ana Ruiz, its finance chief, will succeed Jon Bell "
        "as chief executive on Jan. 1."
    )
    facts = rules.extract(Document(text, published=date(2025, 9, 11), doc_id="t"))
    by_person = {f.subject.name: f for f in facts if f.relation.value == "executive_of"}
    assert by_person["Jon Bell"].qualifiers.get("role") == "CEO", by_person
    assert by_person["Ana Ruiz"].valid_from is not None
    assert by_person["Ana Ruiz"].valid_from.year == 2026, by_person


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # the person replaced is a pronoun whose role the sentence before gave
        ("Amy Ross is stepping down as chief executive of Quillon Labs. She will be "
         "replaced by Jon Bell.",
         ("Jon Bell", "executive_of", "Quillon Labs"), None),
        # a pronoun object is not its own clause's subject
        ("Amy Ross is stepping down as chief executive of Quillon Labs. Jon Bell will "
         "replace her in May.",
         ("Jon Bell", "executive_of", "Quillon Labs"), None),
        # only the latest of the person's roles passes on
        ("Amy Ross ran Quillon Labs until 2019 and later became chief executive of "
         "Brellium Labs. She was replaced by Jon Bell in 2022.",
         ("Jon Bell", "executive_of", "Brellium Labs"),
         ("Jon Bell", "executive_of", "Quillon Labs")),
    ],
)  # fmt: skip
def test_a_role_passed_on_from_the_sentence_before(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str],
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a name set beside "car" or "plane" is a model
        ("The Tarn, Harlen Motors' best-selling car, was recalled.",
         ("Harlen Motors", "develops", "Tarn")),
        ("The Osprey, a plane built by Norvik Aerospace, flew.",
         ("Norvik Aerospace", "develops", "Osprey")),
        # an owned list of goods written as the subject of "include"
        ("Harlen Motors, whose models include the Tarn and the Brisa, cut prices.",
         ("Harlen Motors", "develops", "Brisa")),
    ],
)  # fmt: skip
def test_models_named_beside_their_kind_or_listed(
    rules: Extractor, text: str, want: tuple[str, str, str]
) -> None:
    found = triples(facts_of(rules, text))
    assert want in found, found


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # a role held at a company the text only describes is at no named company
        ("Before founding Orlin Partners in 2009, Rob Danner served as vice president of a "
         "Dallas engineering firm.", ("Rob Danner", "founded", "Orlin Partners"),
         ("Rob Danner", "executive_of", "Orlin Partners")),
        ("Before joining Orlin Partners, Rob Danner was chief executive of a regional bank.",
         None, ("Rob Danner", "executive_of", "Orlin Partners")),
        # "the Company" a company's own page writes is that company, no name of its own
        ("Harlow Mills is a paper maker. The Company's current chairman is Dr Matthew Crane.",
         ("Matthew Crane", "executive_of", "Harlow Mills"),
         ("Matthew Crane", "executive_of", "Company")),
        # "a Retired Nurse", "a renowned Heart Surgeon": kinds of people, not names
        ("Ida Venn is a renowned Heart Surgeon who helped in establishing Venn Clinic in "
         "Leeds.", None, ("Heart Surgeon", "founded", "Venn Clinic")),
        # what a subsidiary belongs to is a company, and so is a name said to be one
        ("Nimbus Forge is an American video game developer and a subsidiary of Tallis Games.",
         ("Nimbus Forge", "subsidiary_of", "Tallis Games"), None),
        ("Harwick Radio is a radio station owned by Tallon Media.",
         ("Harwick Radio", "subsidiary_of", "Tallon Media"), None),
        ("Harwick Radio is owned and operated by Tallon Media.",
         ("Harwick Radio", "subsidiary_of", "Tallon Media"), None),
        # nobody is developed: the name a making participle describes is a work
        ("Deep Orbit, developed by Nimbus Studios, was released in 2011.",
         ("Nimbus Studios", "develops", "Deep Orbit"), None),
        # a role at a place is at no company; nor one at a firm held "as counsel to"
        ("Ronan Vesk is the chairman of Orlin Bank. He was on the jet carrying the "
         "President of Poland Lech Kaczynski.", ("Ronan Vesk", "executive_of", "Orlin Bank"),
         ("Lech Kaczynski", "executive_of", "Orlin Bank")),
        ("Before forming Orlin Partners, Rob Danner served as vice president and general "
         "counsel to a Texas engineering firm.", ("Rob Danner", "founded", "Orlin Partners"),
         ("Rob Danner", "executive_of", "Orlin Partners")),
        # a maker written in front of the kind of goods and the name
        ("Breakout Run was inspired by the 1972 Korvex arcade game Pong Star.",
         ("Korvex", "develops", "Pong Star"), None),
        ("The Lynx Mini is a Korvex Games handheld console released in 1989.",
         ("Korvex Games", "develops", "Lynx Mini"), None),
        # a lone surname is the person the text names in full, even after an initial
        ("Kholi is a 1930 silent film directed by V. Ravelkar. Ravelkar had formed Prabhat "
         "Pictures in 1929 with Dorran, Becket and Fennick.",
         ("V. Ravelkar", "founded", "Prabhat Pictures"), None),
        # a film named in the list of founders is a work, no founder
        ("Ravelkar formed Prabhat Pictures in 1929 with Tom Dorran and Ana Becket, and "
         "their first film Gopal Krishna was a success.",
         ("Tom Dorran", "founded", "Prabhat Pictures"),
         ("Gopal Krishna", "founded", "Prabhat Pictures")),
        # founders each with an occupation; "the company" is the one the text defines
        ("Velmora Bio was a drug company co-founded in 1987 by Frank Aldino, chemist, "
         "Michael Lewin, neuroscientist and James Kauer, engineer, all former scientists at "
         "Orlin Labs. Aldino served as the company's chairman until 2010.",
         ("Michael Lewin", "founded", "Velmora Bio"),
         ("Frank Aldino", "executive_of", "Orlin Labs")),
        ("Velmora Bio was a drug company co-founded in 1987 by Frank Aldino, chemist, and "
         "Michael Lewin, neuroscientist, at Orlin Labs. Aldino served as the company's "
         "chairman until 2010.", ("Frank Aldino", "executive_of", "Velmora Bio"), None),
        ("Orvane Sounds was set up in 2011 by popular comedian Ron Whyte, singer/songwriter "
         "Margo Reyes and music industry veteran Michael Blake.",
         ("Michael Blake", "founded", "Orvane Sounds"), None),
        # a fronted participle whose company the parser hung on the last founder
        ("Created in 1899 by French engineers Alain Girot and Louis Lachenal, Vanterre has "
         "become a large builder.", ("Louis Lachenal", "founded", "Vanterre"), None),
        # "who" stands for the person a company's name hangs from, never the company
        ("Velmora Weekly was founded by James Fenwick, formerly associate publisher of Orlin "
         "Review, who had also founded the Harwick Trust.",
         ("James Fenwick", "founded", "Harwick Trust"),
         ("Orlin Review", "founded", "Harwick Trust")),
        # a bio naming its person by one word: "he" is that person
        ("A native of Lund, Gruber graduated from Lund College with a degree in law. He "
         "worked with Ana Ruiz in Geneva and later co-founded the Orlin Institute with Tom "
         "Becket.", ("Gruber", "founded", "Orlin Institute"), None),
        # a nickname in brackets stays in the person's name
        ("Bob's Shop was founded by Robert (Bob) Korvac, a graduate of Marquette High School.",
         ("Robert (Bob) Korvac", "founded", "Shop"), None),
    ],
)  # fmt: skip
def test_encyclopedic_roles_and_kinds_of_people(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


def test_a_capitalized_kind_of_person_founds_nothing(rules: Extractor) -> None:
    found = triples(facts_of(rules, "Tarrow Care was set up in 1990 by a Retired Nurse."))
    assert not [t for t in found if t[0] == "Retired Nurse"], found


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # a battle, fight or race between companies is a rivalry, whoever is named where
        ("Velmora and Quillon are locked in a fierce battle for shoppers.",
         ("Quillon", "competes_with", "Velmora"), None),
        ("Velmora is locked in a fight with Quillon for the budget market.",
         ("Quillon", "competes_with", "Velmora"), None),
        ("The race between Velmora and Quillon for new routes heated up.",
         ("Quillon", "competes_with", "Velmora"), None),
        # ... but a lawsuit or a court fight is not
        ("Velmora is embroiled in a legal battle with Quillon over a patent.", None,
         ("Quillon", "competes_with", "Velmora")),
        ("Velmora won a court fight with Quillon last year.", None,
         ("Quillon", "competes_with", "Velmora")),
        # the subject of a passive "locked in" or "engaged in" takes part in the noun
        ("Velmora is engaged in a partnership with Quillon on batteries.",
         ("Quillon", "partners_with", "Velmora"), None),
        # making something together is a partnership; holding a share together is not
        ("Velmora and Quillon designed the Orlo drone together.",
         ("Quillon", "partners_with", "Velmora"), None),
        ("Velmora and Quillon together hold 60% of the drone market.", None,
         ("Quillon", "partners_with", "Velmora")),
    ],
)  # fmt: skip
def test_battles_races_and_states_held_in(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # more nouns for a supplier and a rival
        ("Quillon, Velmora's main assembler, reported higher sales.",
         ("Quillon", "supplies", "Velmora")),
        ("Velmora's vendor Quillon raised its prices.", ("Quillon", "supplies", "Velmora")),
        ("Quillon is a contractor for Velmora.", ("Quillon", "supplies", "Velmora")),
        ("Quillon is a serious threat to Velmora.", ("Quillon", "competes_with", "Velmora")),
        ("Quillon remains Velmora's old nemesis.", ("Quillon", "competes_with", "Velmora")),
        # a root the tagger read as a noun though it takes an object is the verb
        ("Rolls-Royce engines power Velmora's new jets.", ("Rolls-Royce", "supplies", "Velmora")),
        # goods named by their maker in a phrase of the verb
        ("Velmora's servers run on Quillon chips.", ("Quillon", "supplies", "Velmora")),
        # a known product counted by its plural, named by its owner
        ("Quillon makes the screens for Apple's iPhones.", ("Quillon", "supplies", "Apple")),
        # ... or by its maker's name before the model
        ("Quillon supplies seats for the Airbus A350-1000.", ("Quillon", "supplies", "Airbus")),
        ("Velmora is the launch customer for the Airbus A350-1000.",
         ("Airbus", "supplies", "Velmora")),
    ],
)  # fmt: skip
def test_supplier_and_rival_nouns_and_goods_named_by_their_maker(
    rules: Extractor, text: str, want: tuple[str, str, str]
) -> None:
    assert want in triples(facts_of(rules, text))


def test_a_known_product_bought_in_numbers_is_goods(rules: Extractor) -> None:
    # "bought 500 Zeta X1s" buys goods: no company is acquired
    found = triples(facts_of(rules, "Velmora bought 20,000 Nvidia H100s last year."))
    assert not [t for t in found if t[1] == "acquires"], found


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # investment wordings: backing received, a round joined, money committed,
        # co-investors, shares bought at a price
        ("Quillon has received backing from Velmora.", ("Velmora", "invests_in", "Quillon")),
        ("Velmora participated in Quillon's $30 million Series B.",
         ("Velmora", "invests_in", "Quillon")),
        ("Velmora has committed $1 billion to Quillon.", ("Velmora", "invests_in", "Quillon")),
        ("Velmora co-invested in Quillon alongside Orlo Ventures.",
         ("Orlo Ventures", "invests_in", "Quillon")),
        ("Velmora bought shares in Quillon worth $200 million.",
         ("Velmora", "invests_in", "Quillon")),
    ],
)  # fmt: skip
def test_more_ways_of_writing_an_investment(
    rules: Extractor, text: str, want: tuple[str, str, str]
) -> None:
    found = triples(facts_of(rules, text))
    assert want in found, found
    assert not [t for t in found if t[1] == "acquires"], found


def test_joining_something_that_is_no_round_is_no_investment(rules: Extractor) -> None:
    found = triples(facts_of(rules, "Velmora participated in the talks with Quillon."))
    assert not [t for t in found if t[1] == "invests_in"], found


def test_a_model_name_after_the_article_is_a_product(rules: Extractor) -> None:
    # NER takes "the" into a company-tagged model name; the model code still makes it a product
    found = triples(facts_of(rules, "Velmora began selling the Tarn TR-40 in March."))
    assert ("Velmora", "develops", "Tarn TR-40") in found, found


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a portfolio company, more money into a backed company, a round's co-investors
        ("Kestrel Labs, a portfolio company of Corvane Capital, opened an office in Oslo.",
         ("Corvane Capital", "invests_in", "Kestrel Labs")),
        ("Corvane Capital's portfolio company Kestrel Labs opened an office in Oslo.",
         ("Corvane Capital", "invests_in", "Kestrel Labs")),
        ("Corvane Capital doubled down on Kestrel Labs with another $50 million.",
         ("Corvane Capital", "invests_in", "Kestrel Labs")),
        ("Kestrel Labs closed a $12 million seed round led by Corvane Capital, with participation "
         "from Brisk Ventures.", ("Brisk Ventures", "invests_in", "Kestrel Labs")),
        ("Kestrel Labs raised $9 million this week. The round was led by Corvane Capital, with "
         "participation from Brisk Ventures.", ("Brisk Ventures", "invests_in", "Kestrel Labs")),
        ("Kestrel Labs raised $40 million in a round that included Corvane Capital.",
         ("Corvane Capital", "invests_in", "Kestrel Labs")),
        ("Corvane Capital took part in Kestrel Labs's seed round.",
         ("Corvane Capital", "invests_in", "Kestrel Labs")),
        ("Corvane Capital anchored Kestrel Labs's $60 million round.",
         ("Corvane Capital", "invests_in", "Kestrel Labs")),
        # a stake got, gained or built
        ("Under the plan, Corvane Capital will get a 10% stake in Kestrel Labs.",
         ("Corvane Capital", "invests_in", "Kestrel Labs")),
        ("Corvane Capital has quietly built a 5% stake in Kestrel Labs.",
         ("Corvane Capital", "invests_in", "Kestrel Labs")),
        # investors counted in a list the parser hangs "among" on; "its" in a predicate
        ("Kestrel Labs counts Corvane Capital, Brisk Ventures and Orla Finch among its investors.",
         ("Orla Finch", "invests_in", "Kestrel Labs")),
        ("Kestrel Labs makes payment terminals. Corvane Capital is its largest shareholder.",
         ("Corvane Capital", "invests_in", "Kestrel Labs")),
        ("The merger will make Corvane Capital the largest shareholder in Kestrel Labs.",
         ("Corvane Capital", "invests_in", "Kestrel Labs")),
        # a relative clause without "that" on the backed company
        ("Kestrel Labs, a startup Corvane Capital has invested in, makes drones.",
         ("Corvane Capital", "invests_in", "Kestrel Labs")),
        ("Kestrel Labs, a lab Halvorsen Group funded last year, makes drones.",
         ("Halvorsen Group", "invests_in", "Kestrel Labs")),
        # a co-owner holds a share; a round said to value a company is its round
        ("Corvane Capital, a co-owner of Kestrel Labs, declined to comment.",
         ("Corvane Capital", "invests_in", "Kestrel Labs")),
        ("Corvane Capital led the round, which values Kestrel Labs at $1 billion.",
         ("Corvane Capital", "invests_in", "Kestrel Labs")),
    ],
)  # fmt: skip
def test_investment_wordings_of_rounds_portfolios_and_stakes(
    rules: Extractor, text: str, want: tuple[str, str, str]
) -> None:
    assert want in triples(facts_of(rules, text))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Kestrel Labs was launched by Dana Whitfield in 2012.",
         ("Dana Whitfield", "founded", "Kestrel Labs")),
        ("Kestrel Labs chief executive and co-founder Dana Whitfield spoke at the fair.",
         ("Dana Whitfield", "founded", "Kestrel Labs")),
        ("Corvane Group founder and chief executive Dana Whitfield spoke at the fair.",
         ("Dana Whitfield", "founded", "Corvane Group")),
        ("Kestrel Labs was the brainchild of Dana Whitfield.",
         ("Dana Whitfield", "founded", "Kestrel Labs")),
        ("Kestrel Labs, founded in 2017 by its chief executive, Dana Whitfield, sells terminals.",
         ("Dana Whitfield", "founded", "Kestrel Labs")),
        # companies that form a venture or a company found it
        ("Kestrel Labs, the joint venture formed by Corvane Group and Brisk Holdings, will close.",
         ("Brisk Holdings", "founded", "Kestrel Labs")),
        ("Corvane Group is forming Kestrel Health to run clinics.",
         ("Corvane Group", "founded", "Kestrel Health")),
        # the founder of the company whose board he leads
        ("Orbix Systems dropped its bid for Kestrel Labs after the payments firm's board, led by "
         "co-founder and chief executive Hana Ito, rejected it.",
         ("Hana Ito", "founded", "Kestrel Labs")),
    ],
)  # fmt: skip
def test_founding_wordings(rules: Extractor, text: str, want: tuple[str, str, str]) -> None:
    assert want in triples(facts_of(rules, text))


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # the former employer of the founders or backers founded and backs nothing
        ("Kestrel Labs, a start-up founded by three former Orbix engineers, sells terminals.",
         ("Orbix", "founded", "Kestrel Labs")),
        ("Kestrel Labs, started by a group of Orbix veterans, sells terminals.",
         ("Orbix", "founded", "Kestrel Labs")),
        ("Founded by two ex-Orbix executives, the startup raised $5 million from Corvane "
         "Capital.", ("Corvane Capital", "invests_in", "Orbix")),
        # a merger makes the company it forms
        ("Corvane Group bought Brisk Holdings to form Corvane Brisk.",
         ("Corvane Group", "founded", "Corvane Brisk")),
        # a bare founder title is not of the company an earlier sentence was about
        ("Orbix Systems agreed to buy Kestrel Labs. Corvane Capital, which owns 40% of Kestrel "
         "Labs, will get shares. Orbix chief executive Ana Ruiz will lead the company, and "
         "founder Omar Reyes will remain its chairman.",
         ("Omar Reyes", "founded", "Corvane Capital")),
    ],
)  # fmt: skip
def test_founding_and_backing_read_off_no_other_company(
    rules: Extractor, text: str, wrong: tuple[str, str, str]
) -> None:
    assert wrong not in triples(facts_of(rules, text))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a unit kept by a verb of having or running, named by "called" or by "as"
        ("Gessler AG has a subsidiary in Sweden called Trelawn AB.",
         ("Trelawn AB", "subsidiary_of", "Gessler AG")),
        ("Gessler AG still operates Trelawn Motors as a wholly owned subsidiary.",
         ("Trelawn Motors", "subsidiary_of", "Gessler AG")),
        # "belongs to" a group
        ("Trelawn Motors belongs to the Gessler Group.",
         ("Trelawn Motors", "subsidiary_of", "Gessler Group")),
        # the last of three listed companies, which the parser lost
        ("Gessler AG is the parent company of Trelawn Motors, Pellator Systems and Vireo "
         "Software.", ("Vireo Software", "subsidiary_of", "Gessler AG")),
    ],
)  # fmt: skip
def test_encyclopedic_ways_of_keeping_a_unit(
    rules: Extractor, text: str, want: tuple[str, str, str]
) -> None:
    assert want in triples(facts_of(rules, text))


def test_three_words_of_one_name_are_no_list(rules: Extractor) -> None:
    text = (
        "Dunmore was the founding chairman of the Council on Physical Fitness, Sports, "
        "and Nutrition."
    )
    found = triples(facts_of(rules, text))
    assert not [t for t in found if t[2] in {"Sports", "Nutrition"}], found


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a firm named after its founder
        ("Milton Quarry founded the Milton Quarry Company in 1901.",
         ("Milton Quarry", "founded", "Milton Quarry Company")),
        # a known company's one-word name as a person's surname
        ("Walter Ford is the chief executive of Velmora.",
         ("Walter Ford", "executive_of", "Velmora")),
        # a second founder NER passed over, joined to the first by "and"
        ("Ivan Morl and Pia Lund founded Harlan Records in 1990.",
         ("Pia Lund", "founded", "Harlan Records")),
    ],
)  # fmt: skip
def test_people_who_share_a_company_name(
    rules: Extractor, text: str, want: tuple[str, str, str]
) -> None:
    assert want in triples(facts_of(rules, text))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a maker's name NER took for a product ("... Games")
        ("Skyforge Rally is a 1995 racing video game developed and published by Tarnwick "
         "Games.", ("Tarnwick Games", "develops", "Skyforge Rally")),
        # a named series of goods "by" its maker
        ("The Brickfall series of puzzle games by Quillworth Studios sold well.",
         ("Quillworth Studios", "develops", "Brickfall")),
        # a participle set off after a phrase describes the defined thing
        ("Skyforge Rally is an action game for the PlayStation, developed by Tarnwick "
         "Games.", ("Tarnwick Games", "develops", "Skyforge Rally")),
        ("Halvex Bank is a bank in Lund, founded by Ivan Morl in 1921.",
         ("Ivan Morl", "founded", "Halvex Bank")),
        # a brand "of" its maker
        ("Marlo is a cereal brand of Quenby Industries.",
         ("Quenby Industries", "develops", "Marlo")),
        # "from" its maker in a definition
        ("Veloxa is a web browser from Quillworth Software.",
         ("Quillworth Software", "develops", "Veloxa")),
        # a fronted participle with its maker
        ("Developed by Tarnwick Games, Skyforge Rally was released in 1998.",
         ("Tarnwick Games", "develops", "Skyforge Rally")),
        # an owned service with a name of its own; an owned name with its year
        ("Velmora's Streamly subscription service launched in 2019.",
         ("Velmora", "develops", "Streamly")),
        ("Reviewers compared it with Kitefin's 1989 Brickfall, which sold well.",
         ("Kitefin", "develops", "Brickfall")),
    ],
)  # fmt: skip
def test_encyclopedic_makers_of_games_and_services(
    rules: Extractor, text: str, want: tuple[str, str, str]
) -> None:
    assert want in triples(facts_of(rules, text))


def test_a_set_off_participle_does_not_make_the_console(rules: Extractor) -> None:
    found = triples(
        facts_of(rules, "Skyforge Rally is an action game for the PlayStation, developed by "
                 "Tarnwick Games.")
    )  # fmt: skip
    assert ("Tarnwick Games", "develops", "PlayStation") not in found, found


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        # an agreement signed, reached or entered into with a company, whatever its kind
        ("Velmora Foods reached an agreement with the Ohio-based Ostrand Brands.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods signed a manufacturing agreement with Ostrand Brands to introduce "
         "trucks in Peru.", [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods inked a pact with Ostrand Brands.", [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods has a long-standing relationship with Ostrand Brands.",
         [("Velmora Foods", "Ostrand Brands")]),
        # partner nouns and verbs: "is partners with", a venture between two, hands joined
        ("Velmora Foods is partners with Ostrand Brands and Pellin Markets.",
         [("Velmora Foods", "Ostrand Brands"), ("Velmora Foods", "Pellin Markets")]),
        ("Kadri Energy is a 50-50 venture between Velmora Foods and Ostrand Brands.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods joined hands with Ostrand Brands to build chargers.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods has tied up with Ostrand Brands for electric buses.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods, Ostrand Brands and Pellin Markets formed a consortium to bid for "
         "the licence.",
         [("Velmora Foods", "Ostrand Brands"), ("Ostrand Brands", "Pellin Markets")]),
        # a plural class noun that lists its members ("businesses, such as")
        ("Velmora Foods has partnered with several other local businesses, such as Ostrand "
         "Brands and Pellin Markets.",
         [("Velmora Foods", "Ostrand Brands"), ("Velmora Foods", "Pellin Markets")]),
        # "The partners" opening a sentence: the two named before
        ("Velmora Foods will pay $4 billion for a 20% stake in Ostrand Brands, the companies "
         "said. The partners plan to link their stores.", [("Velmora Foods", "Ostrand Brands")]),
        # two names joined by a hyphen before the noun of their tie
        ("The Corvane Group-Pexton Media joint venture opened a plant in Ohio. Corvane Group "
         "owns 60% and Pexton Media the rest.", [("Corvane Group", "Pexton Media")]),
    ],
)  # fmt: skip
def test_agreements_ventures_and_named_partners(
    rules: Extractor, text: str, pairs: list[tuple[str, str]]
) -> None:
    found = triples(facts_of(rules, text))
    for s, o in pairs:
        assert _has(found, s, "partners_with", o), found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # an agreement to buy, settle, borrow or sell; a regulator; a customer tie
        ("Velmora Foods signed an agreement with Ostrand Brands to acquire its bakery unit.",
         ("Velmora Foods", "Ostrand Brands")),
        ("Velmora Foods reached an agreement with Ostrand Brands to settle the lawsuit.",
         ("Velmora Foods", "Ostrand Brands")),
        ("Velmora Foods signed a loan agreement with Ostrand Brands.",
         ("Velmora Foods", "Ostrand Brands")),
        ("Velmora Foods reached a definitive agreement with Ostrand Brands.",
         ("Velmora Foods", "Ostrand Brands")),
        ("Velmora Foods has a customer relationship with Ostrand Brands.",
         ("Velmora Foods", "Ostrand Brands")),
        # the topic's partners, listed with no owner, are not each other's
        ("Velmora Foods is a grocer based in Ohio. Partners include Ostrand Brands and Pellin "
         "Markets.", ("Ostrand Brands", "Pellin Markets")),
        # a "the partners" not opening its sentence, or three companies before it
        ("Velmora Foods, Ostrand Brands and Pellin Markets met on Monday. The partners plan to "
         "link their stores.", ("Velmora Foods", "Ostrand Brands")),
        # a joint project between two: the project itself is no partner
        ("Kadri Tower was a joint project between Velmora Foods and Ostrand Brands.",
         ("Kadri Tower", "Velmora Foods")),
    ],
)  # fmt: skip
def test_agreements_that_are_no_partnership(
    rules: Extractor, text: str, absent: tuple[str, str]
) -> None:
    assert not _has(triples(facts_of(rules, text)), absent[0], "partners_with", absent[1])


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("Velmora Foods challenged Ostrand Brands in the broadband market.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods is the market leader, ahead of Ostrand Brands and Pellin Markets.",
         [("Velmora Foods", "Ostrand Brands"), ("Velmora Foods", "Pellin Markets")]),
        # leaving one company for a rival: the one left is the rival's
        ("Tom Reed left Velmora Foods for the larger rival Ostrand Brands.",
         [("Velmora Foods", "Ostrand Brands")]),
        ("Velmora Foods dropped Pellin Markets for rival Ostrand Brands.",
         [("Pellin Markets", "Ostrand Brands")]),
        ("Velmora Foods' early years were marked by a feud between itself and Ostrand Brands.",
         [("Velmora Foods", "Ostrand Brands")]),
        # rivals listed with no owner are the topic company's
        ("Velmora Foods is a grocer based in Ohio. Competitors include Ostrand Brands and "
         "Pellin Markets.",
         [("Velmora Foods", "Ostrand Brands"), ("Velmora Foods", "Pellin Markets")]),
        # an unnamed rival making a move: the sentence's one other company
        ("Ostrand Brands has agreed to a takeover by Velmora Foods, weeks after Ostrand Brands "
         "turned down an approach from its larger rival.", [("Velmora Foods", "Ostrand Brands")]),
    ],
)  # fmt: skip
def test_rivals_challenged_left_and_listed(
    rules: Extractor, text: str, pairs: list[tuple[str, str]]
) -> None:
    found = triples(facts_of(rules, text))
    for s, o in pairs:
        assert _has(found, s, "competes_with", o), found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Velmora Foods challenged Ostrand Brands in court over the patent.",
         ("Velmora Foods", "Ostrand Brands")),
        ("Velmora Foods dropped Pellin Markets for rival Ostrand Brands.",
         ("Velmora Foods", "Ostrand Brands")),
        ("Velmora Foods is a grocer based in Ohio. Competitors include Ostrand Brands and "
         "Pellin Markets.", ("Ostrand Brands", "Pellin Markets")),
        ("Velmora Foods hired Pellin Markets to study its rival.",
         ("Velmora Foods", "Pellin Markets")),
        ("Velmora Foods bought a stake in Pellin Markets and its rival.",
         ("Velmora Foods", "Pellin Markets")),
    ],
)  # fmt: skip
def test_no_rivalry_from_a_court_a_customer_or_a_third_company(
    rules: Extractor, text: str, absent: tuple[str, str]
) -> None:
    assert not _has(triples(facts_of(rules, text)), absent[0], "competes_with", absent[1])


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # a merger named by both parties: the first named takes the other over
        ("Velmora Bancorp and Quillon Financial said they agreed to merge in a share swap.",
         ("Velmora Bancorp", "acquires", "Quillon Financial"), None),
        ("Velmora Bancorp said its board and the board of Quillon Financial backed a plan "
         "to merge on Friday.",
         ("Velmora Bancorp", "acquires", "Quillon Financial"), None),
        # an unnamed unit merging into a company is its owner's vehicle for buying it
        ("Under the agreement, a unit of Velmora Group will merge into Quillon Corp later "
         "this year.",
         ("Velmora Group", "acquires", "Quillon Corp"), None),
        ("Quillon Corp will then be merged into a subsidiary of Velmora Group.",
         ("Velmora Group", "acquires", "Quillon Corp"), None),
        # units sold: listed before a kind noun, or named in an appositive before "to"
        ("Tarvex Inc agreed to sell its Kelvar and Tessaro packaging subsidiaries to "
         "Velmora PLC for 90 mln dlrs.",
         ("Velmora PLC", "acquires", "Tessaro"), None),
        ("Tarvex AB said it was selling one of its Danish units, Ondra Tools A/S, to "
         "the Aarhus-based Velmora Group for an undisclosed price.",
         ("Velmora Group", "acquires", "Ondra Tools A/S"), None),
        # a named part is the company bought, not its owner
        ("Velmora Group agreed to buy the Ondra Tools unit of Tarvex Corp.",
         ("Velmora Group", "acquires", "Ondra Tools"),
         ("Velmora Group", "acquires", "Tarvex Corp")),
        ("Velmora Group will buy Tarvex Corp's Ondra Tools unit for 40 mln dlrs.",
         ("Velmora Group", "acquires", "Ondra Tools"),
         ("Velmora Group", "acquires", "Tarvex Corp")),
        # an object pronoun after "agreed to" is not the subject of "agreed"
        ("Ondra Corp said Velmora Group agreed to buy it for 12 dlrs a share.",
         ("Velmora Group", "acquires", "Ondra Corp"), None),
        # a letter of intent is the paper its signer is bought under
        ("Ondra Corp executed a letter of intent to be bought by Velmora Group.",
         ("Velmora Group", "acquires", "Ondra Corp"), None),
        # the shares "it does not already own" are the rest, even hung on the main verb
        ("Velmora Group said it agreed to acquire the 38 pct of Ondra Corp it does not "
         "already own for 40 mln dlrs.",
         ("Velmora Group", "acquires", "Ondra Corp"), None),
        # a bid whose purpose is a merger with a named unit of the reporting company
        ("Ondra Holding Co said its board appointed a committee to negotiate the terms of an "
         "offer made by Velmora Group to merge with its Quillon Care Corp unit.",
         ("Velmora Group", "acquires", "Quillon Care Corp"),
         ("Velmora Group", "acquires", "Ondra Holding Co")),
        # a proposal to do something else makes no target of the company reporting it
        ("A Tarvex spokesman said the firm had no view on Velmora's bid for Quillon or on "
         "its proposal to negotiate a merger among Velmora, Quillon and Ondra.",
         ("Velmora", "acquires", "Quillon"), ("Quillon", "acquires", "Tarvex")),
    ],
)  # fmt: skip
def test_wire_deal_wordings_mergers_units_and_parts(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


def test_a_legal_form_ending_the_sentence_still_heads_its_name(rules: Extractor) -> None:
    # "Inc." carries the full stop; the parser took it for the stop and lost the conjunct
    text = (
        "Velmora Services said it plans to acquire the Ondra Relocation Corp and the "
        "Pellam Realty Network Inc. The company said the deals add revenue."
    )
    found = triples(facts_of(rules, text))
    assert any(s == "Velmora Services" and o.startswith("Pellam Realty") for s, _, o in found), (
        found
    )


def test_an_acronym_may_keep_the_legal_form_letter(rules: Extractor) -> None:
    text = (
        "Velmora Tasman Ltd (VTL) said it will hold talks. Separately, VTL agreed to buy "
        "Quillon Ltd for 40 mln dlrs."
    )
    found = triples(facts_of(rules, text))
    assert ("Velmora Tasman Ltd", "acquires", "Quillon Ltd") in found, found
    assert not [t for t in found if t[0] == "VTL"], found


def test_a_state_after_a_comma_is_no_second_company(rules: Extractor) -> None:
    text = (
        "Velmora Bancorp said it completed the acquisition of First Merchants Bank of Orlo, "
        "Ind, which has 90 mln dlrs in assets."
    )
    found = triples(facts_of(rules, text))
    assert not [t for t in found if t[2] == "Ind"], found
    assert any(
        s == "Velmora Bancorp" and o.startswith("First Merchants Bank") for s, _, o in found
    ), found


@pytest.mark.parametrize(
    "text",
    [
        "Pellam Labs named Harlan Mott its new chief executive.",
        "Pellam Labs Inc named Harlan Mott its chief executive on Tuesday.",
        "The board of Pellam Labs has made Harlan Mott its president.",
    ],
)
def test_a_name_read_as_a_second_complement_is_the_object(extractor: Extractor, text: str) -> None:
    found = triples(facts_of(extractor, text))
    assert any(s == "Harlan Mott" and r == "executive_of" and "Pellam" in o for s, r, o in found), (
        found
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Pellam named Harlan Mott as its new chief executive after Rosa Vint resigned.",
         {("Harlan Mott", "executive_of", "Pellam"), ("Rosa Vint", "executive_of", "Pellam")}),
        ("Pellam Labs appointed Harlan Mott as chief operating officer.",
         {("Harlan Mott", "executive_of", "Pellam Labs")}),
        ("Pellam acquired Dorrit Tools in 2021.", {("Pellam", "acquires", "Dorrit Tools")}),
    ],
)  # fmt: skip
def test_a_verb_read_as_a_participle_after_a_name_is_the_verb(
    extractor: Extractor, text: str, want: set[tuple[str, str, str]]
) -> None:
    """The parser reads "Pellam named Harlan Mott as ..." as a name described by a
    participle, a sentence without a verb; the repair makes "named" its verb."""
    assert want <= triples(facts_of(extractor, text))


def test_a_participle_after_a_comma_still_describes_the_name(extractor: Extractor) -> None:
    doc = extractor.nlp("Pellam, named after a river, makes sensors for Dorrit Tools.")
    assert [t.text for t in doc if t.dep_ == "ROOT"] == ["makes"]


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # "publish" makes what it publishes
        ("Ravelin Press publishes the Harbor Gazette, a weekly paper for sailors.",
         ("Ravelin Press", "develops", "Harbor Gazette"), None),
        ("The Harbor Gazette is published by Ravelin Press.",
         ("Ravelin Press", "develops", "Harbor Gazette"), None),
        # a company's short name before the goods a verb takes is their maker
        ("Tovaro Studios and Ravelin Press will end their pact to publish Tovaro games "
         "in Peru.", None, ("Ravelin Press", "develops", "Tovaro")),
        # "$34 per share" is a price, not a 34% stake
        ("In 2011, Ravelin Press acquired Tovaro Studios for $34.00 per share in cash.",
         ("Ravelin Press", "acquires", "Tovaro Studios"),
         ("Ravelin Press", "invests_in", "Tovaro Studios")),
        # a company speaking of itself as "they"
        ("In May 2019, Ravelin Press announced they will acquire Tovaro Studios.",
         ("Ravelin Press", "acquires", "Tovaro Studios"), None),
        ("Ravelin Press told its rivals they could buy Tovaro Studios.",
         None, ("Ravelin Press", "acquires", "Tovaro Studios")),
        # a funding round led by an investor, the participle on the raising verb
        ("Last spring Tovaro Studios raised about $75 million in fresh funding, led by Marsk "
         "Capital.",
         ("Marsk Capital", "invests_in", "Tovaro Studios"), None),
        # "Series B" is a round
        ("Tovaro Studios raised a $40 million Series B led by Marsk Capital.",
         ("Marsk Capital", "invests_in", "Tovaro Studios"), None),
        # the parser may hang a passive's subject on its auxiliary
        ("Tovaro Studios is 60% owned by Marsk Capital.",
         ("Marsk Capital", "invests_in", "Tovaro Studios"), None),
    ],
)  # fmt: skip
def test_company_passage_wordings(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # a founding passive after a deal tells the history of the company bought
        (
            "Zorvex agreed to buy Quillan Labs for $2 billion. "
            "The company was founded in 2011 by Mara Teller.",
            ("Mara Teller", "founded", "Quillan Labs"),
            ("Mara Teller", "founded", "Zorvex"),
        ),
        (
            "Orbix Capital has invested $40 million in Tessal, the robotics startup said. "
            "The round values Tessal at $1 billion. "
            "The company was started in 2019 by Kim Aro, its chief executive.",
            ("Kim Aro", "founded", "Tessal"),
            ("Kim Aro", "founded", "Orbix Capital"),
        ),
        (
            "Orbix Capital has invested $40 million in Tessal, the robotics startup said. "
            "The round values Tessal at $1 billion. "
            "The company was started in 2019 by Kim Aro, its chief executive.",
            ("Kim Aro", "executive_of", "Tessal"),
            ("Kim Aro", "executive_of", "Orbix Capital"),
        ),
        # without a deal the description keeps to the topic
        (
            "Zorvex reported higher profits on Monday. "
            "The company was founded in 1990 by Mara Teller.",
            ("Mara Teller", "founded", "Zorvex"),
            None,
        ),
    ],
)
def test_a_founding_passive_after_a_deal_is_about_the_target(
    rules: Extractor, text: str, want: tuple[str, str, str], wrong: tuple[str, str, str] | None
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # "its rival" under a description subject is the description's company
        (
            "Brixen signed a deal with Hollow Athletic. "
            "The German sportswear company will replace its American rival Korvath.",
            ("Brixen", "competes_with", "Korvath"),
        ),
        # more description nouns
        (
            "Quorin raised $30 million. The fintech was started in 2018 by Ben Ochs.",
            ("Ben Ochs", "founded", "Quorin"),
        ),
        (
            "Kiro Games released a sequel. The studio was acquired by Harlow Media in 2021.",
            ("Harlow Media", "acquires", "Kiro Games"),
        ),
        # "a joint venture called X ... the venture"
        (
            "Varta and Kolm will set up a joint venture called Novalux. "
            "Pembro Capital will invest $10 million in the venture.",
            ("Pembro Capital", "invests_in", "Novalux"),
        ),
    ],
)
def test_descriptions_in_a_later_sentence(
    rules: Extractor, text: str, want: tuple[str, str, str]
) -> None:
    states(rules, text, want, None)


@pytest.mark.parametrize(
    "text",
    [
        "Pellam Labs counts Corvane Capital as a shareholder.",
        "Pellam Labs has added Corvane Capital as an investor.",
        "Pellam Labs brought in Corvane Capital as a minority investor.",
    ],
)
def test_a_company_counting_another_as_its_investor(rules: Extractor, text: str) -> None:
    found = triples(facts_of(rules, text))
    assert ("Corvane Capital", "invests_in", "Pellam Labs") in found, found


def test_joining_as_an_investor_makes_no_investment_in_oneself(rules: Extractor) -> None:
    found = triples(facts_of(rules, "Corvane Capital joined Pellam Labs as an investor."))
    assert ("Pellam Labs", "invests_in", "Corvane Capital") not in found, found


@pytest.mark.parametrize("verb", ["got", "received", "landed"])
def test_money_got_in_a_round_led_by_an_investor(rules: Extractor, verb: str) -> None:
    text = f"Pellam Labs {verb} $30 million in a round led by Corvane Capital."
    found = triples(facts_of(rules, text))
    assert ("Corvane Capital", "invests_in", "Pellam Labs") in found, found


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # a stake listed with "including" in a takeover is the holder's, in the company
        # bought; the buyer takes all of it, so the stake's size is not its own
        (
            "Halvorsen Group agreed to buy Ferrant Lines for $2 billion, including the 60% "
            "stake held by Kessel Holdings.",
            ("Kessel Holdings", "invests_in", "Ferrant Lines"),
            ("Halvorsen Group", "invests_in", "Ferrant Lines"),
        ),
        (
            "Halvorsen Group will pay $3 billion for Ferrant Lines, including Kessel "
            "Holdings' 25% stake.",
            ("Halvorsen Group", "acquires", "Ferrant Lines"),
            ("Halvorsen Group", "invests_in", "Ferrant Lines"),
        ),
        # "making X Y's largest shareholder": the small clause the parser fused
        (
            "Ferrant Lines will buy Tolland from Grenmoor Partners, making Grenmoor Partners "
            "Ferrant Lines' largest shareholder.",
            ("Grenmoor Partners", "invests_in", "Ferrant Lines"),
            None,
        ),
        # buying another holder's half of a venture is a stake in it
        (
            "Felder Group agreed to buy Corvane Partners' half of Mistral Labs.",
            ("Felder Group", "invests_in", "Mistral Labs"),
            None,
        ),
        # an investee may carry its owner's name
        (
            "Ravel Health, the medical device maker majority-owned by Ravel, agreed to buy "
            "Varnum Instruments.",
            ("Ravel", "invests_in", "Ravel Health"),
            None,
        ),
        # money received in venture capital or funding from an investor
        (
            "In 2011, Quillfeather Labs received $7 million in venture capital from Harbor "
            "Peak Ventures.",
            ("Harbor Peak Ventures", "invests_in", "Quillfeather Labs"),
            None,
        ),
        (
            "Quillfeather Labs got $4 million in seed funding from Harbor Peak Ventures.",
            ("Harbor Peak Ventures", "invests_in", "Quillfeather Labs"),
            None,
        ),
        (
            "Quillfeather Labs received $50 million from Tolland Motors for the sale of its "
            "battery unit.",
            None,
            ("Tolland Motors", "invests_in", "Quillfeather Labs"),
        ),
        (
            "Quillfeather Labs received its first round of funding in 2016, with a $5 million "
            "investment co-led by Harbor Peak Ventures and Ostrich Capital.",
            ("Ostrich Capital", "invests_in", "Quillfeather Labs"),
            None,
        ),
        # a second holder in a gapped clause with its own share
        (
            "Orbis Capital will keep about 31% of Ferrant Lines, the entity that builds the "
            "ships, and Tolland Partners, the state's investment agency, about 19%.",
            ("Tolland Partners", "invests_in", "Ferrant Lines"),
            None,
        ),
        (
            "Ferrant Lines is 70% owned by Grenmoor Partners and 30% by Harbor Peak Ventures.",
            ("Harbor Peak Ventures", "invests_in", "Ferrant Lines"),
            None,
        ),
        # activist shareholders of the one company the sentence names
        (
            "Dunmore Steel replaced its chief executive, bowing to pressure from activist "
            "shareholders Ridgeline Capital and Talbot Partners.",
            ("Talbot Partners", "invests_in", "Dunmore Steel"),
            None,
        ),
        (
            "The activist investor Ridgeline Capital, known for its campaign at Tolland Foods, "
            "is now targeting Dunmore Steel.",
            None,
            ("Ridgeline Capital", "invests_in", "Tolland Foods"),
        ),
        # growing its own stake with no size is an investment, not control
        (
            "Marwick Bank boosted its stake in Tolland Mining.",
            ("Marwick Bank", "invests_in", "Tolland Mining"),
            ("Marwick Bank", "acquires", "Tolland Mining"),
        ),
        (
            "Marwick Bank increased its shareholding in Tolland Mining to 9%.",
            ("Marwick Bank", "invests_in", "Tolland Mining"),
            None,
        ),
        (
            "Orlo Health agreed to buy Kessel Scripts Holding for about $52 billion.",
            ("Orlo Health", "acquires", "Kessel Scripts Holding"),
            ("Orlo Health", "invests_in", "Kessel Scripts Holding"),
        ),
        # the seller of a stake whose "from" phrase the parser hung on the company
        (
            "Marwick Bank bought a 9.9% stake in Tolland Mining from Orbis Capital.",
            ("Orbis Capital", "invests_in", "Tolland Mining"),
            None,
        ),
        (
            "Marwick Bank acquired a minority interest in Tolland Mining.",
            ("Marwick Bank", "invests_in", "Tolland Mining"),
            ("Marwick Bank", "acquires", "Tolland Mining"),
        ),
        # new shares issued to an investor
        (
            "Tolland Mining will issue 5 million shares to Marwick Bank and Orbis Ventures.",
            ("Orbis Ventures", "invests_in", "Tolland Mining"),
            None,
        ),
        # investors led by a named one, in a phrase about the one company named
        (
            "Dana Whitcombe stepped down as chief executive of Tolland Mining, bowing to "
            "pressure from investors led by Marwick Bank.",
            ("Marwick Bank", "invests_in", "Tolland Mining"),
            None,
        ),
        (
            "Investors led by Marwick Bank agreed to buy Tolland Mining for $2 billion.",
            ("Marwick Bank", "acquires", "Tolland Mining"),
            ("Marwick Bank", "invests_in", "Tolland Mining"),
        ),
        # a stake in a part of a company is not a stake in the company
        (
            "Grenmoor Partners agreed to take a 50% stake in Tolland Rail's jetliner program.",
            None,
            ("Grenmoor Partners", "invests_in", "Tolland Rail"),
        ),
        (
            "Grenmoor Partners bought a 30% stake in Tolland Rail's freight unit.",
            None,
            ("Grenmoor Partners", "invests_in", "Tolland Rail"),
        ),
        # a majority owner holds a stake as well as control
        (
            "Marwick Capital became Tolland Foods' majority owner in 2018.",
            ("Marwick Capital", "invests_in", "Tolland Foods"),
            None,
        ),
        # a company's shareholders are not the company
        (
            "Kessel shareholders will own about 40% of the combined company, Orbis Health.",
            None,
            ("Kessel", "invests_in", "Orbis Health"),
        ),
    ],
)
def test_holders_named_as_stakes_change_hands(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb negated over another noun does not negate the deal in that noun's phrase
        ("Penwick Corp said its directors are not taking a position on the cash offer "
         "launched by Ostrava Oil Co.",
         ("Ostrava Oil Co", "acquires", "Penwick Corp")),
        ("Ostrava Oil Co said it did not give details of its planned takeover of Penwick "
         "Corp.",
         ("Ostrava Oil Co", "acquires", "Penwick Corp")),
        # a price per share between the offer and its participle: "offer at N a share made by"
        ("Penwick Corp said it rejected the offer at 20 dlrs a share made by Ostrava Oil Co.",
         ("Ostrava Oil Co", "acquires", "Penwick Corp")),
        ("Penwick Corp said its board will study the bid at 15.50 dlrs per share launched "
         "by Ostrava Oil Co.",
         ("Ostrava Oil Co", "acquires", "Penwick Corp")),
        # "by X" the parser hung on the active verb belongs to the deal noun before it
        ("Penwick Corp said shareholders approved its acquisition by Ostrava Oil Co on "
         "Friday.",
         ("Ostrava Oil Co", "acquires", "Penwick Corp")),
        # the merger of Y into an unnamed subsidiary: the one completing it is the buyer
        ("Ostrava Oil Co said it completed the merger of Penwick Corp into a wholly owned "
         "subsidiary.",
         ("Ostrava Oil Co", "acquires", "Penwick Corp")),
    ],
)  # fmt: skip
def test_wire_offers_and_mergers_keep_their_parties(
    rules: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    found = triples(facts_of(rules, text))
    s, rel, o = expected
    assert any(
        f[1] == rel and f[0].startswith(s) and f[2].rstrip(".").startswith(o) for f in found
    ), found


@pytest.mark.parametrize(
    "text",
    [
        "Carlow Partners Inc said it would support an acquisition of Penwick Corp by "
        "another party.",
        "Carlow Partners Inc said it would oppose a takeover of Penwick Corp by a foreign company.",
        "Carlow Partners Inc said it would welcome a purchase of Penwick Corp by a third party.",
        "Carlow Partners Inc said it has no plans for an acquisition of Penwick Corp.",
        "Carlow Partners Inc did not make an offer for Penwick Corp.",
        # a modal on the verb the deal verb is the purpose or second half of
        "Carlow Partners Inc told the SEC it may buy more shares of Penwick Corp or seek "
        "to acquire the company.",
        "Carlow Partners Inc said it may decide to acquire Penwick Corp.",
    ],
)
def test_a_buyer_left_unnamed_or_a_denied_deal_is_no_acquisition(
    rules: Extractor, text: str
) -> None:
    found = triples(facts_of(rules, text))
    assert not any(f[1] == "acquires" for f in found), found


def test_a_counted_plural_takes_the_names_the_next_sentence_lists(rules: Extractor) -> None:
    found = triples(
        facts_of(
            rules,
            "Harwick Corp said it agreed to buy two firms for cash. They are Dellow Inc, "
            "which builds pumps, and Tamworth Controls Corp, which sells them.",
        )
    )
    assert ("Harwick Corp", "acquires", "Dellow Inc") in found, found
    assert any(f[0] == "Harwick Corp" and f[2].startswith("Tamworth Controls Corp") for f in found)
    found = triples(
        facts_of(
            rules,
            "Harwick Corp said it completed the purchase of three banks. The banks are "
            "Dellow National Bank, Strand State Bank and Tolland Savings Bank.",
        )
    )
    assert {f[2] for f in found if f[1] == "acquires"} >= {
        "Dellow National Bank",
        "Strand State Bank",
        "Tolland Savings Bank",
    }, found
    # a next sentence that lists no names, or only one, adds nothing
    found = triples(facts_of(rules, "Harwick Corp acquired two firms. They are based in Ohio."))
    assert not any(f[1] == "acquires" for f in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Dunmore Inc agreed to merge with a Velston Corp unit.",
        "Dunmore Inc agreed to merge with a unit of Velston Corp.",
        "Dunmore Inc said its holders approved a merger with a subsidiary of Velston Corp.",
    ],
)
def test_merging_with_an_unnamed_unit_is_a_sale_to_its_owner(rules: Extractor, text: str) -> None:
    found = {(f[0].rstrip("."), f[2].rstrip(".")) for f in triples(facts_of(rules, text))}
    assert ("Velston Corp", "Dunmore Inc") in found, found
    assert ("Dunmore Inc", "Velston Corp") not in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Dunmore Inc said it agreed in principle to merge with Velston Corp, with Velston "
        "the surviving company.",
        "Dunmore Inc will merge with Velston Corp, which will be the surviving corporation.",
        "Dunmore Inc agreed to a merger with Velston Corp, with Velston Corp as the "
        "surviving company.",
    ],
)
def test_the_surviving_company_of_a_merger_is_the_buyer(rules: Extractor, text: str) -> None:
    found = {(f[0].rstrip("."), f[2].rstrip(".")) for f in triples(facts_of(rules, text))}
    assert ("Velston Corp", "Dunmore Inc") in found, found
    assert ("Dunmore Inc", "Velston Corp") not in found, found


def test_they_and_their_stand_for_the_names_joined_by_and(rules: Extractor) -> None:
    text = "Harwick Corp and Tolland Inc said Velston Corp rejected their offer."
    found = {(f[0], f[2].rstrip(".")) for f in triples(facts_of(rules, text)) if f[1] == "acquires"}
    assert found == {("Harwick Corp", "Velston Corp"), ("Tolland Inc", "Velston Corp")}, found


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a company's range of goods listed by a range noun: portfolio, models
        (
            "Halvern Pharma's portfolio includes Zentorix, Plumavir and Oxelan.",
            ("Halvern Pharma", "develops", "Plumavir"),
        ),
        (
            "Amberlin Audio's models include the Sorrel and the Tamsin.",
            ("Amberlin Audio", "develops", "Tamsin"),
        ),
        (
            "Amberlin Audio's model range includes the Sorrel, the Tamsin and the Quill.",
            ("Amberlin Audio", "develops", "Quill"),
        ),
        # a company's users are its customers
        (
            "Ashgrove Systems' users include Dunmore Bank and Pellway Insurance.",
            ("Ashgrove Systems", "supplies", "Pellway Insurance"),
        ),
        # a deal or contract with a customer to supply it
        (
            "Ashgrove signed a deal with Dunmore Motors to supply tyres for its vans.",
            ("Ashgrove", "supplies", "Dunmore Motors"),
        ),
        (
            "Ashgrove had an exclusive contract with Dunmore Motors to make its seats.",
            ("Ashgrove", "supplies", "Dunmore Motors"),
        ),
        # a customer appointing or tapping a supplier to do a job
        (
            "Ashgrove was appointed by Dunmore Bank to manage its pension fund.",
            ("Ashgrove", "supplies", "Dunmore Bank"),
        ),
        (
            "Dunmore Bank tapped Ashgrove to build its new app.",
            ("Ashgrove", "supplies", "Dunmore Bank"),
        ),
        # a shop stocking a maker's goods
        (
            "Dunmore Stores began stocking Ashgrove in 2014.",
            ("Ashgrove", "supplies", "Dunmore Stores"),
        ),
        # a name beside a product kind noun is a product
        (
            "Tollan Play released the Skybound trampoline in 2013.",
            ("Tollan Play", "develops", "Skybound"),
        ),
        (
            "Brisa Labs developed the debugger Tracewell for Windows.",
            ("Brisa Labs", "develops", "Tracewell"),
        ),
    ],
)
def test_goods_ranges_customers_and_supply_jobs(
    rules: Extractor, text: str, want: tuple[str, str, str]
) -> None:
    states(rules, text, want, None)


@pytest.mark.parametrize(
    "text",
    [
        "Ashgrove signed a deal with Dunmore Motors to buy 500 vans.",
        "The new coin will be available to Dunmore and Pellway users next year.",
        "Dunmore Stores stocked up on Ashgrove shares.",
    ],
)
def test_no_supply_from_a_purchase_deal_or_a_users_modifier(rules: Extractor, text: str) -> None:
    states_no(rules, text, "supplies")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # work done or goods made "for" a listed kind of customer
        (
            "Ashgrove Aero has painted jets for airlines such as Dunmore Air and Pellway Airways.",
            ("Ashgrove Aero", "supplies", "Pellway Airways"),
        ),
        (
            "Ashgrove builds studio sets for broadcasters including Dunmore TV and Pellway Media.",
            ("Ashgrove", "supplies", "Dunmore TV"),
        ),
        # an app run as a company, listed among clients, is the company
        (
            "Ashgrove has hosted servers for clients such as Dunmore Bank, WhatsApp and Pellway.",
            ("Ashgrove", "supplies", "WhatsApp"),
        ),
    ],
)
def test_customers_listed_in_a_for_phrase(
    rules: Extractor, text: str, want: tuple[str, str, str]
) -> None:
    states(rules, text, want, None)


@pytest.mark.parametrize(
    "text",
    [
        "Ashgrove paid $2 billion for companies such as Dunmore Bank and Pellway Insurance.",
        "Ashgrove is searching for companies such as Dunmore Bank to buy.",
        "Ashgrove raised money for startups such as Dunmore Labs.",
    ],
)
def test_a_for_phrase_of_what_is_sought_or_paid_serves_no_one(rules: Extractor, text: str) -> None:
    states_no(rules, text, "supplies")


def test_each_brand_of_a_list_of_branded_goods(rules: Extractor) -> None:
    found = triples(facts_of(rules, "Orvane sells Kelso detergent and Zentra soap."))
    assert ("Orvane", "develops", "Kelso") in found, found
    assert ("Orvane", "develops", "Zentra") in found, found


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Dunmore Bank outsourced its call centres to Ashgrove.",
            ("Ashgrove", "supplies", "Dunmore Bank"),
        ),
        (
            "Ashgrove has done work for Dunmore Bank and Pellway Insurance.",
            ("Ashgrove", "supplies", "Pellway Insurance"),
        ),
        (
            "Ashgrove's work for Dunmore Bank won an award.",
            ("Ashgrove", "supplies", "Dunmore Bank"),
        ),
    ],
)
def test_work_done_for_a_customer(rules: Extractor, text: str, want: tuple[str, str, str]) -> None:
    states(rules, text, want, None)


@pytest.mark.parametrize(
    "text",
    [
        # an intransitive verb of leaving: the subject is the unit
        "Tessaro Optics split from Brannock Holdings in 2021.",
        "Tessaro Optics split off from Brannock Holdings in 2021.",
        "Tessaro Optics broke away from Brannock Holdings in 2021.",
        "Tessaro Optics separated from Brannock Holdings in 2021.",
        "Tessaro Optics, which split from Brannock Holdings in 2021, makes lenses.",
        # a particle read as a preposition: "spun out of", "carved out of"
        "Tessaro Optics was spun out of Brannock Holdings in 2021.",
        "Tessaro Optics was carved out of Brannock Holdings in 2021.",
        # the unit's own separation from its parent
        "Since its separation from Brannock Holdings in 2020, Tessaro Optics has grown fast.",
        "Tessaro Optics completed its spin-off from Brannock Holdings in 2020.",
        "After its split from Brannock Holdings in 2019, Tessaro Optics cut jobs.",
        "Tessaro Optics was hived off from Brannock Holdings in 2019.",
        # the parent written before the noun of an appositive
        "Tessaro Optics, a Brannock Holdings spinoff, listed its shares on Friday.",
        # the spin-off names only a business: the company that trades alone is it
        "Tessaro Optics began trading as an independent company on Tuesday after "
        "Brannock Holdings completed the spin-off of its lens business.",
        "Tessaro Optics started trading on Wednesday as a standalone company, the first "
        "of two businesses that Brannock Holdings is separating.",
    ],
)
def test_a_unit_leaving_its_parent_ends_the_subsidiary(rules: Extractor, text: str) -> None:
    facts = [f for f in facts_of(rules, text) if f.relation.value == "subsidiary_of"]
    assert ("Tessaro Optics", "subsidiary_of", "Brannock Holdings") in triples(facts), facts
    assert all(f.valid_to is not None for f in facts), facts


@pytest.mark.parametrize(
    "text",
    [
        "Tessaro Optics was spun out of Brannock University in 2014.",
        # a tie or a thing of the company's left, not the company
        "Tessaro Optics split from its partner Brannock Holdings in 2019.",
        "Tessaro Optics separated from Brannock Holdings's dealer network in 2019.",
    ],
)
def test_leaving_a_school_a_partner_or_a_network_is_no_spin_off(
    rules: Extractor, text: str
) -> None:
    found = {t for t in triples(facts_of(rules, text)) if t[1] == "subsidiary_of"}
    assert not found, found


@pytest.mark.parametrize(
    "text",
    [
        "Brannock Holdings agreed to sell Tessaro Optics to rival Quillon Group.",
        "Brannock Holdings sold Tessaro Optics to rival Quillon Group for $2 billion.",
    ],
)
def test_a_unit_sold_to_a_rival_is_bought_by_it(rules: Extractor, text: str) -> None:
    found = triples(facts_of(rules, text))
    assert ("Quillon Group", "acquires", "Tessaro Optics") in found, found
    assert ("Brannock Holdings", "competes_with", "Quillon Group") in found or (
        "Quillon Group",
        "competes_with",
        "Brannock Holdings",
    ) in found, found


def test_a_product_made_to_rival_another_keeps_the_infinitive(rules: Extractor) -> None:
    found = triples(facts_of(rules, "Brannock Holdings designed a lens to rival Quillon Group."))
    assert not any(t[1] == "acquires" for t in found), found


@pytest.mark.parametrize(
    "text",
    [
        # "own" read as an adjective by the tagger
        "Brannock Holdings and Quillon Group will each own half of the new company, Tessaro.",
        # the rest of the company whose stake the main clause names
        "Brannock Holdings holds a 51% stake in Tessaro, with Quillon Group owning the rest.",
        "Brannock Holdings owns 70% of Tessaro, while Quillon Group holds the remaining 30%.",
    ],
)
def test_co_owners_of_a_venture_each_invest_in_it(rules: Extractor, text: str) -> None:
    found = triples(facts_of(rules, text))
    assert ("Brannock Holdings", "invests_in", "Tessaro") in found, found
    assert ("Quillon Group", "invests_in", "Tessaro") in found, found


def test_the_rest_of_an_unnamed_holding_names_no_company(rules: Extractor) -> None:
    text = "Brannock Holdings sold its chip plants, with Quillon Group buying the rest."
    found = {t for t in triples(facts_of(rules, text)) if t[1] == "invests_in"}
    assert not found, found


@pytest.mark.parametrize(
    "text",
    [
        "Brannock Holdings and Quillon Group will merge their lens units into a joint "
        "venture called Tessaro.",
        "Brannock Holdings will merge its lens unit into Tessaro.",
    ],
)
def test_a_unit_merged_into_a_venture_is_no_takeover_of_its_owner(
    rules: Extractor, text: str
) -> None:
    found = {t for t in triples(facts_of(rules, text)) if t[1] == "acquires"}
    assert not found, found


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # a part of a company changes hands, not the company that owned it
        ("Brennan Group will sell Talbot Medical's vascular business to Orwell Labs.",
         None, ("Orwell Labs", "acquires", "Talbot Medical")),
        ("Greyfield Corp said it purchased certain assets of Harlow Aviation.",
         None, ("Greyfield Corp", "acquires", "Harlow Aviation")),
        ("Pinecrest Capital bought Lambert Steel's Ohio plant for $40 million.",
         None, ("Pinecrest Capital", "acquires", "Lambert Steel")),
        ("Harlan Energy agreed to buy the oil assets of Vexford Petroleum.",
         None, ("Harlan Energy", "acquires", "Vexford Petroleum")),
        ("Mirelle Pharma will buy Castor Bio's cancer drugs for up to $3 billion.",
         None, ("Mirelle Pharma", "acquires", "Castor Bio")),
        ("Vantor Media agreed to acquire Kellan Broadcasting's three television stations.",
         None, ("Vantor Media", "acquires", "Kellan Broadcasting")),
        ("The acquisition of Brindle Foods' frozen-meals unit by Oxley Partners closed.",
         None, ("Oxley Partners", "acquires", "Brindle Foods")),
        # ... nor its seller
        ("Delmar Foods sold the bakery business to Kinloch Group in 2019.",
         None, ("Kinloch Group", "acquires", "Delmar Foods")),
        ("Delmar Foods agreed to sell the frozen-foods unit to Kinloch Group.",
         None, ("Kinloch Group", "acquires", "Delmar Foods")),
        ("Delmar Foods sold the dairy division of Pell Media to Kinloch Group.",
         None, ("Kinloch Group", "acquires", "Delmar Foods")),
        # and a sale of stores or a network is no supply
        ("Halden Retail sold its Canadian stores to Pryce Holdings last year.",
         None, ("Halden Retail", "supplies", "Pryce Holdings")),
        ("Corvel Energy will sell its pipeline network to Ashby Infrastructure.",
         None, ("Corvel Energy", "supplies", "Ashby Infrastructure")),
        # the whole company still is bought
        ("Lotmar Systems agreed to acquire substantially all of the assets of Fenner Data.",
         ("Lotmar Systems", "acquires", "Fenner Data"), None),
        ("Pell Foods bought the assets of Mariner Bakery for $12 million.",
         ("Pell Foods", "acquires", "Mariner Bakery"), None),
        ("Fendal Corp bought all the stock and the warehouse assets of Norbrook Inc, a "
         "grocer.", ("Fendal Corp", "acquires", "Norbrook Inc"), None),
        ("Kiso Holdings agreed to buy Ralston Group's Japanese unit, Ralston Japan.",
         ("Kiso Holdings", "acquires", "Ralston Japan"), None),
        ("Delmar Foods agreed to sell itself to Kinloch Group.",
         ("Kinloch Group", "acquires", "Delmar Foods"), None),
    ],
)  # fmt: skip
def test_a_part_sold_is_not_its_owner_bought(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # a company has one chief executive: not the one another sentence's role names
        ("The startup was founded by chief executive Dana Kerr and Luis Ortega, and the "
         "collapse of the deal is a setback for Norvik chief executive Sam Hale.",
         ("Sam Hale", "executive_of", "Norvik"), ("Dana Kerr", "executive_of", "Norvik")),
        ("Norvik agreed to buy Pelto, a payments startup. The company was founded by "
         "chief executive Dana Kerr and Luis Ortega.",
         ("Dana Kerr", "executive_of", "Pelto"), ("Dana Kerr", "executive_of", "Norvik")),
        ("Norvik dropped its plan to buy Pelto, a payments startup. The company was "
         "founded by Dana Kerr and Luis Ortega.",
         ("Dana Kerr", "founded", "Pelto"), ("Dana Kerr", "founded", "Norvik")),
        # a role in apposition to another person is that person's company
        ("Jon Bell, the vice chairman of Tessary Media, becomes Corland's chairman, while "
         "Ray Moss stays on as chief executive.",
         ("Ray Moss", "executive_of", "Corland"), ("Ray Moss", "executive_of", "Tessary Media")),
        # a name read as a person's before the role is the role's company
        ("Henry Tallis chief executive Ned Varga will run the combined firm, and Brook "
         "Securities will be folded into it.",
         None, ("Ned Varga", "executive_of", "Brook Securities")),
        # a role written between a company and a person, however the parser joins them
        ("The deal was negotiated by Quell Group chief executive Adam Park and Dorsey Media "
         "chairman Beth Wynn.",
         ("Beth Wynn", "executive_of", "Dorsey Media"),
         ("Beth Wynn", "executive_of", "Quell Group")),
        ("The combined group will be run by Alderton chief executive Maria Velez, while "
         "Brisco chief executive Tom Hardy is leaving.",
         ("Maria Velez", "executive_of", "Alderton"), ("Maria Velez", "executive_of", "Brisco")),
    ],
)  # fmt: skip
def test_a_role_goes_to_its_own_company(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # an attempt, or a failed or aborted deal, states no deal
        ("Brantley Airways attempted to take over Osric Jets in 2019.",
         None, ("Brantley Airways", "acquires", "Osric Jets")),
        ("Keld Air's bid comes two years after rival Brantley Airways tried and failed to "
         "buy Osric Jets.", None, ("Brantley Airways", "acquires", "Osric Jets")),
        ("Kinloch Group's failed bid for Pell Media cost it $40 million in fees.",
         None, ("Kinloch Group", "acquires", "Pell Media")),
        ("Kinloch Group's aborted merger with Pell Media was its second.",
         None, ("Kinloch Group", "acquires", "Pell Media")),
        ("Ardent Capital tried to invest in Pell Media but was rebuffed.",
         None, ("Ardent Capital", "invests_in", "Pell Media")),
        ("Kinloch Group, the company that tried to buy Pell Media last year, said on Monday "
         "it would buy Dorne Foods.",
         ("Kinloch Group", "acquires", "Dorne Foods"), ("Kinloch Group", "acquires", "Pell Media")),
        # a deal only in a condition is none; a condition on a stated deal keeps it
        ("\"If Dorne Foods buys Pell Media, prices will rise,\" said Ann Cole.",
         None, ("Dorne Foods", "acquires", "Pell Media")),
        ("Unless Kinloch Group invests in Pell Media, the startup will close.",
         None, ("Kinloch Group", "invests_in", "Pell Media")),
        ("Kinloch Group will buy Pell Media if shareholders agree.",
         ("Kinloch Group", "acquires", "Pell Media"), None),
        ("If regulators approve, Kinloch Group will buy Pell Media for $2 billion.",
         ("Kinloch Group", "acquires", "Pell Media"), None),
        # a deal beside an attempt still is one
        ("Kinloch Group completed its purchase of Pell Media after failing to win Dorne Foods.",
         ("Kinloch Group", "acquires", "Pell Media"), ("Kinloch Group", "acquires", "Dorne Foods")),
        ("After an unsuccessful takeover attempt for Pell Media, Kinloch Group bought Dorne "
         "Foods.", ("Kinloch Group", "acquires", "Dorne Foods"), None),
    ],
)  # fmt: skip
def test_an_attempted_or_failed_deal_is_none(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # a competition's name on a club describes the club, it is not the club
        ("A group led by Harbor Capital completed its takeover of Kestrel United, ending "
         "Tom Reed's ten years as owner of the Premier League club.",
         ("Harbor Capital", "acquires", "Kestrel United"),
         ("Premier League", "subsidiary_of", "Harbor Capital")),
        ("Harbor Capital agreed to buy the Premier League club for $400 million.",
         None, ("Harbor Capital", "acquires", "Premier League")),
        ("Harbor Capital will buy Velora Holdings, the Nasdaq-listed company, for $1 billion.",
         ("Harbor Capital", "acquires", "Velora Holdings"), None),
    ],
)  # fmt: skip
def test_a_competition_named_on_a_club_is_not_the_club(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    "text",
    [
        "Dunmore Freight agreed to buy the Nasdaq-listed company for $2 billion.",
        "Dunmore Freight agreed to buy the Kessel-backed startup for $80 million.",
    ],
)
def test_a_name_in_a_participle_of_a_description_is_not_what_it_describes(
    rules: Extractor, text: str
) -> None:
    """The name in "the X-listed company" or "the X-backed startup" describes the company
    bought; it is not that company."""
    states_no(rules, text, "acquires")


def test_a_description_set_beside_its_name_still_names_it(rules: Extractor) -> None:
    text = "Dunmore Freight agreed to buy Pellam Labs, the Nasdaq-listed chipmaker, for $2 billion."
    states(rules, text, ("Dunmore Freight", "acquires", "Pellam Labs"), None)


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # a named unit acts for itself, never for its owner (subject, "by" phrase)
        ("Morvish's Tallon unit agreed on Friday to buy Quenby.",
         ("Tallon", "acquires", "Quenby"), ("Morvish", "acquires", "Quenby")),
        ("Quenby Ltd agreed to be taken over by Morvish's Tallon unit.",
         ("Tallon", "acquires", "Quenby Ltd"), ("Morvish", "acquires", "Quenby Ltd")),
        ("Morvish's Tallon unit invested in Quenby.",
         ("Tallon", "invests_in", "Quenby"), ("Morvish", "invests_in", "Quenby")),
        # the owner's possessive is no part of a multi-word name after it
        ("Morvish's Tallon Group said it would acquire Quenby.",
         ("Tallon Group", "acquires", "Quenby"), ("Morvish", "acquires", "Quenby")),
        ("Quenby raised $30 million in funding led by Morvish's Tallon Partners.",
         ("Tallon Partners", "invests_in", "Quenby"), None),
    ],
)  # fmt: skip
def test_an_owners_named_unit_is_the_party_not_the_owner(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


def test_a_unit_named_by_an_unknown_word_does_not_stand_for_its_owner(rules: Extractor) -> None:
    """ "X's Y unit" where no mention holds Y: the unit is not X, so X buys nothing."""
    text = "Morvish's Pinbrook unit is acquiring Quenby Inc."
    states(rules, text, None, ("Morvish", "acquires", "Quenby Inc"))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a time phrase after a coined name does not swallow it into a date
        ("Larkin bought an 8% stake in Brasko on Tuesday.", ("Larkin", "invests_in", "Brasko")),
        ("Larkin took an 8% stake in Brasko on Tuesday.", ("Larkin", "invests_in", "Brasko")),
        # a seller's buyer after "to" is no part of the name sold
        ("Dovrin has agreed to sell Brasko to Larkin in April.", ("Larkin", "acquires", "Brasko")),
        ("Dovrin agreed to sell Danish valve maker Brasko to Larkin.",
         ("Larkin", "acquires", "Brasko")),
        # a ticker in parentheses is no part of the name
        ("Larkin Industries agreed to acquire Brasko (BRSK.O) in a deal valued at $1 billion.",
         ("Larkin Industries", "acquires", "Brasko")),
        # the appositive between a subject and a verb read as a participle
        ("Larkin Ventures, the Lisbon-based maker of valves, invested in Brasko.",
         ("Larkin Ventures", "invests_in", "Brasko")),
        # the first of two listed subjects, cut off by its appositive
        ("Harlow Ventures, the Lisbon-based maker of valves, and Tenzo invested in Brasko.",
         ("Harlow Ventures", "invests_in", "Brasko")),
        # a listed subject whose verb the parse hung on the list's first name
        ("Harlow Capital, Tenzo and Quill Ventures invested on Monday a combined $60 million "
         "in Brasko.", ("Quill Ventures", "invests_in", "Brasko")),
        # a time phrase between the subject and its verb (read as a bare passive)
        ("Harlow Ventures on Tuesday invested in Brasko.",
         ("Harlow Ventures", "invests_in", "Brasko")),
        # a participle clause between the subject and its verb
        ("Harlow Ventures, led by chief executive Mara Quist, invested in Brasko.",
         ("Harlow Ventures", "invests_in", "Brasko")),
        # a reported clause the parse hung on "statement" keeps its own subject
        ("The two firms said in a statement that Harlow Ventures invested in Brasko.",
         ("Harlow Ventures", "invests_in", "Brasko")),
        # "led by" hung on the sum raised
        ("Brasko raised $25 million in funding led by venture firm Larkin Partners, with "
         "participation from Odell Ventures.", ("Larkin Partners", "invests_in", "Brasko")),
        # a share one ends up with
        ("Larkin will end up with a tenth of Brasko's stock.", ("Larkin", "invests_in", "Brasko")),
        ("Larkin ended up with about 12% of Brasko after the offer.",
         ("Larkin", "invests_in", "Brasko")),
    ],
)  # fmt: skip
def test_deal_decorations_keep_the_fact(
    rules: Extractor, text: str, want: tuple[str, str, str]
) -> None:
    states(rules, text, want, None)


def test_a_stake_one_ends_up_with_is_not_ended(rules: Extractor) -> None:
    fact = find(facts_of(rules, "Larkin will end up with a tenth of Brasko's stock."), "invests_in")
    assert fact.qualifiers.get("status") != "ended" and fact.valid_to is None


@pytest.mark.parametrize(
    "text",
    [
        "Larkin took a 5% stake in Brasko on Friday.",
        "Larkin ended up with a deal with Brasko.",
    ],
)
def test_a_date_or_a_deal_after_a_phrasal_verb_is_no_rivalry_or_stake(
    rules: Extractor, text: str
) -> None:
    states_no(rules, text, "competes_with")
    if "deal" in text:
        states_no(rules, text, "invests_in")


# subsidiary_of under decorations (issue 12, metamorphic round): a possessed unit keeps
# its owner, and only the unit does what the clause says, however the clause is dressed
@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # a possessed single name that buys is a company, not the owner's product
        ("Brenlow's Quistar agreed on Friday to buy Fenmark.",
         ("Quistar", "subsidiary_of", "Brenlow"), None),
        ("Brenlow's Quistar said late on Sunday it would buy Fenmark.",
         ("Quistar", "subsidiary_of", "Brenlow"), None),
        # the owner of a named unit does not buy what its unit buys
        ("Brenlow's Quistar unit agreed to buy Fenmark.",
         ("Quistar", "acquires", "Fenmark"), ("Brenlow", "acquires", "Fenmark")),
        # the owner's company word is no relation noun between owner and unit
        ("Brenlow Group's Quistar Systems agreed to buy Fenmark Inc.",
         ("Quistar Systems", "subsidiary_of", "Brenlow Group"), None),
        # a description before the owner is no subject of its own
        ("Dutch conglomerate Brenlow's Quistar agreed to buy Fenmark.",
         ("Quistar", "acquires", "Fenmark"), ("Brenlow", "acquires", "Fenmark")),
        # a bare description set beside a named unit describes the unit
        ("Brenlow's Quistar Motors unit, the Lyon-based maker of gears, cut 300 jobs.",
         ("Quistar Motors", "subsidiary_of", "Brenlow"),
         ("Brenlow", "subsidiary_of", "Quistar Motors")),
        # a named business (through the goods it makes) is a unit, not a product
        ("Brenlow said its Quistar valves business would cut 400 jobs.",
         ("Quistar", "subsidiary_of", "Brenlow"), ("Brenlow", "develops", "Quistar")),
    ],
)  # fmt: skip
def test_a_possessed_unit_under_decorations(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    "text",
    [
        "Brenlow will spin off its Quistar and Oldane businesses.",
        "Brenlow plans to spin off its Quistar valves and Oldane pumps businesses in May.",
    ],
)
def test_units_spun_off_in_a_list_are_ended_subsidiaries(rules: Extractor, text: str) -> None:
    """Each named business of a spin-off list was the parent's unit until then."""
    facts = facts_of(rules, text)
    for unit in ("Quistar", "Oldane"):
        fact = next(
            (f for f in facts if (f.subject.name, f.relation.value) == (unit, "subsidiary_of")),
            None,
        )
        assert fact is not None and fact.object.name == "Brenlow", triples(facts)
        assert fact.qualifiers.get("status") == "ended", fact.qualifiers
    assert not [t for t in triples(facts) if t[1] == "develops"], triples(facts)


@pytest.mark.parametrize(
    "text",
    [
        "Brenlow's Ana Ruiz said the company would hire 200 engineers.",
        "Brenlow's shares fell 5% after Fenmark cut its forecast.",
        "Brenlow's Quistar platform is used by 300 banks.",
    ],
)
def test_a_possessed_person_product_or_share_is_no_unit(rules: Extractor, text: str) -> None:
    states_no(rules, text, "subsidiary_of")


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # a time phrase between the subject and its verb (annotate._root_participle,
        # slots._shared_object skipping slots.time_phrase)
        ("Kestrow Bank on Monday named Ilse Brandauer as its chief financial officer.",
         ("Ilse Brandauer", "executive_of", "Kestrow Bank"), None),
        ("Osric Delane on Thursday founded and later ran Quenlow Analytics.",
         ("Osric Delane", "founded", "Quenlow Analytics"), None),
        # a time phrase is no particle: "On Monday ... took" makes no "take on" rivalry
        ("On Monday, Brisvale Capital took a 15% stake in Tormund Foods.",
         ("Brisvale Capital", "invests_in", "Tormund Foods"),
         ("Brisvale Capital", "competes_with", "Tormund Foods")),
        ("Fenwold Steel on Wednesday will take 30% of Ardley Mining.",
         ("Fenwold Steel", "invests_in", "Ardley Mining"),
         ("Ardley Mining", "competes_with", "Fenwold Steel")),
        # "said on Friday" run into the next clause's subject (annotate._date_then_subject)
        ("Holvik Labs said on Friday Tamsworth Ventures led the round.",
         ("Tamsworth Ventures", "invests_in", "Holvik Labs"), None),
        ("Tesmond Corp said on Monday Brightholm Group agreed to buy it.",
         ("Brightholm Group", "acquires", "Tesmond Corp"), None),
    ],
)  # fmt: skip
def test_a_time_phrase_decorates_no_slot(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str],
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # a set-off relative clause or apposition between a name and its copula
        # (entities.set_off_only), a "which" clause of business (_which_does_business)
        ("Marsby Radio, which sells farm adverts, is a radio station owned by Selmar Media.",
         ("Marsby Radio", "subsidiary_of", "Selmar Media"), None),
        ("Brisco Play, which makes garden toys, released the Skywhirl trampoline in 2016.",
         ("Brisco Play", "develops", "Skywhirl"), None),
        # an owner's possessive NER took into a coined company name
        # (entities._coined_after_owner)
        ("Pallister Energy agreed to buy Hovrand's Tarquel Resources.",
         ("Pallister Energy", "acquires", "Tarquel Resources"),
         ("Pallister Energy", "acquires", "Hovrand's Tarquel Resources")),
        ("Brenlow Films is a unit of Hovrand's Tarquel Media Group.",
         ("Brenlow Films", "subsidiary_of", "Tarquel Media Group"), None),
        # names that hold their possessive stay whole
        ("Scott's Hospitality Inc agreed to buy Pexwood Media.",
         ("Scott's Hospitality Inc", "acquires", "Pexwood Media"), None),
    ],
)  # fmt: skip
def test_a_set_off_phrase_or_owner_decorates_no_name(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str],
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


def test_a_common_noun_before_a_possessive_owns_no_company(rules: Extractor) -> None:
    """ "The Children's Rights Council": a possessive inside a name whose words are
    common English is part of the name, not an owner."""
    found = triples(facts_of(rules, "The Children's Rights Council is a charity in Leeds."))
    assert not {t for t in found if t[1] == "subsidiary_of"}, found


def _pairs_of(rules: Extractor, text: str, relation: str) -> set[frozenset[str]]:
    return {frozenset((s, o)) for s, r, o in triples(facts_of(rules, text)) if r == relation}


def test_members_of_a_consortium_are_partners_of_each_other(rules: Extractor) -> None:
    """ "a consortium of A, B and C" that acts: each member partners the others, also when
    a member's name has "of" inside it; members named only as the passive's "by" phrase
    of a purchase are its buyers."""
    text = (
        "Norlith dropped its bid, leaving a consortium of First Bank of Tessaly, Quarvo "
        "Capital and Ebbing Partners free to complete its purchase of Halvern."
    )
    assert _pairs_of(rules, text, "partners_with") == {
        frozenset(("First Bank of Tessaly", "Quarvo Capital")),
        frozenset(("First Bank of Tessaly", "Ebbing Partners")),
        frozenset(("Quarvo Capital", "Ebbing Partners")),
    }
    text = "A consortium of Brisko, Pellam and Tarvik will build the new rail line."
    assert len(_pairs_of(rules, text, "partners_with")) == 3
    text = "Halvern agreed to be bought by a consortium of Quarvo Capital and Ebbing Partners."
    assert not _pairs_of(rules, text, "partners_with")


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # "A and B joined forces / joined hands": a group of two
        ("Brisko Motors and Tarvik Group joined forces to make battery packs.",
         ("Brisko Motors", "Tarvik Group")),
        ("Brisko and Tarvik joined hands to open a plant in Ohio.", ("Brisko", "Tarvik")),
        # a descriptor taken for a second subject, or for the conjunct before a name
        ("Danish brewer Brisko and Tarvik agreed to collaborate on cans.", ("Brisko", "Tarvik")),
        ("Brisko and Danish brewer Tarvik have joined forces.", ("Brisko", "Tarvik")),
        # a list whose first item carries a relative clause
        ("Brisko, which sells sensors, and Tarvik agreed to collaborate on drones.",
         ("Brisko", "Tarvik")),
        # a verb read as hanging on a subject with a description set off by commas
        ("Brisko, the Lyon-based maker of valves, teamed up with Tarvik to sell pumps.",
         ("Brisko", "Tarvik")),
        # a one-word subject NER took for a product, listed with a company
        ("Velmora and Brantel set up a joint venture in India.", ("Velmora", "Brantel")),
    ],
)  # fmt: skip
def test_partners_through_decorated_subjects(
    rules: Extractor, text: str, pair: tuple[str, str]
) -> None:
    assert frozenset(pair) in _pairs_of(rules, text, "partners_with"), triples(
        facts_of(rules, text)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Pellam, which builds scanners, competes with Tarvik in hospital imaging.",
        "Pellam competes with Tarvik in hospital imaging, the two companies said on Monday.",
    ],
)
def test_rivals_through_a_set_off_clause_or_a_report(rules: Extractor, text: str) -> None:
    assert frozenset(("Pellam", "Tarvik")) in _pairs_of(rules, text, "competes_with")


@pytest.mark.parametrize(
    "text, person, relation, company",
    [
        ("Dana Q. Ferrell, the chief executive of Brindlewick, said sales rose.",
         "Dana Q. Ferrell", "executive_of", "Brindlewick"),
        ("Ana Ruiz, 52, will succeed Hale Munro as chief executive of Quorvane.",
         "Ana Ruiz", "executive_of", "Quorvane"),
        ("On Monday, Brindlewick Chief Financial Officer Hale Munro said margins rose.",
         "Hale Munro", "executive_of", "Brindlewick"),
        ("Quorvane CEO Ana Ruiz said sales rose.", "Ana Ruiz", "executive_of", "Quorvane"),
        ("Software company Quorvane named Hale Munro chief executive.",
         "Hale Munro", "executive_of", "Quorvane"),
        ("Ossie T. Tarrant, who founded Brindlewick in 2009, said sales rose.",
         "Ossie T. Tarrant", "founded", "Brindlewick"),
        ("Quorvane chief executive and co-founder Hale Munro, a former banker, said sales rose.",
         "Hale Munro", "founded", "Quorvane"),
        ("Tessaly, which makes garden tools, named Dana Ferrell chief executive.",
         "Dana Ferrell", "executive_of", "Tessaly"),
        ("Tessaly, the Lund-based maker of rakes, named Dana Ferrell chief executive.",
         "Dana Ferrell", "executive_of", "Tessaly"),
        ("Quorvane chief executive and co-founder Hale Munro, a former banker, said sales rose.",
         "Hale Munro", "executive_of", "Quorvane"),
    ],
)  # fmt: skip
def test_a_role_survives_decorations_of_its_names(
    rules: Extractor, text: str, person: str, relation: str, company: str
) -> None:
    found = triples(facts_of(rules, text))
    assert (person, relation, company) in found, found
    assert not any(t[1] == relation and t[2] != company for t in found), found


def test_a_second_name_after_and_holds_no_role_of_the_first(rules: Extractor) -> None:
    found = triples(
        facts_of(rules, "Hale Munro is executive chairman and Dana Ferrell chief executive.")
    )
    assert not any(t[0] == "Dana Ferrell" for t in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Tessaly, the Lund-based maker of rakes, founded by Dana Ferrell in 2011, is hiring.",
        "Tessaly, a maker of garden tools founded by Dana Ferrell in 2011, is hiring.",
    ],
)
def test_a_company_described_by_its_goods_is_what_was_founded(rules: Extractor, text: str) -> None:
    found = triples(facts_of(rules, text))
    assert ("Dana Ferrell", "founded", "Tessaly") in found, found


def test_a_business_the_company_owns_is_not_what_was_founded(rules: Extractor) -> None:
    text = "Tessaly, the owner of a bakery founded by Dana Ferrell in 2011, is hiring."
    assert ("Dana Ferrell", "founded", "Tessaly") not in triples(facts_of(rules, text))


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # a model number after the name is part of it, up to the kind of goods
        ("Brisco Motors released the Velta S7 sedan on Friday.",
         ("Brisco Motors", "develops", "Velta S7"), ("Brisco Motors", "develops", "Velta")),
        ("Tarrow Devices makes the Quill 300 headset.",
         ("Tarrow Devices", "develops", "Quill 300"), ("Tarrow Devices", "develops", "Quill")),
        # or up to the description set off after it
        ("Tarrow Devices unveiled the Quill 300, its first headset.",
         ("Tarrow Devices", "develops", "Quill 300"), ("Tarrow Devices", "develops", "Quill")),
        # "Aria 5" read like a date ("April 5") is still a model
        ("Kestrel Labs introduced the Aria 5 smartphone on Friday.",
         ("Kestrel Labs", "develops", "Aria 5"), None),
        # a coined word opening the sentence, read as a common noun, starts the company
        ("Tarrow Devices manufactures the Helix T2 tablet.",
         ("Tarrow Devices", "develops", "Helix T2"), ("Devices", "develops", "Helix T2")),
        # a code NER tagged alone takes back the name before it
        ("The Helix T2 tablet, made by Tarrow Devices, ships in June.",
         ("Tarrow Devices", "develops", "Helix T2"), ("Tarrow Devices", "develops", "Helix")),
        # a count before plural goods is no model number
        ("Kestrel shipped the Aria 300 phones.", None, ("Kestrel", "develops", "Aria 300")),
    ],
)  # fmt: skip
def test_a_model_number_belongs_to_the_product_name(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    "text",
    [
        "The Lumen scanner will run on Kestrel's Aria platform.",
        "On Tuesday, the Lumen scanner will run on Kestrel's Aria platform, the companies said.",
    ],
)
def test_what_runs_on_an_owners_named_platform_uses_the_platform(
    rules: Extractor, text: str
) -> None:
    """ "X's Aria platform" is Aria, owned by X: the user uses Aria, not X."""
    states(rules, text, ("Lumen", "uses", "Aria"), ("Lumen", "uses", "Kestrel"))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Marlo Rivera, chief executive of Kestrel Labs, unveiled the Aria X1 router.",
         ("Kestrel Labs", "develops", "Aria X1")),
        ("Kestrel Labs chief executive Marlo Rivera unveiled the Aria X1 router on Monday.",
         ("Kestrel Labs", "develops", "Aria X1")),
    ],
)  # fmt: skip
def test_an_executive_unveils_for_the_company(
    rules: Extractor, text: str, want: tuple[str, str, str]
) -> None:
    states(rules, text, want, None)


def test_a_former_executive_unveils_for_no_company_named(rules: Extractor) -> None:
    text = "Marlo Rivera, former chief executive of Kestrel Labs, unveiled the Aria X1 router."
    states_no(rules, text, "develops")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # NER cut the name before its company word
        ("Varden Aero supplies engines to Nimbra Airlines.",
         ("Varden Aero", "supplies", "Nimbra Airlines")),
        # a parent's plural possessive is no part of the name after it
        ("Trevon Holdings' Halvorn Corp supplies batteries to Tessaro Inc on Friday.",
         ("Halvorn Corp", "supplies", "Tessaro Inc")),
        ("Trevon Holdings' Halvorn Corp supplies batteries to Tessaro Inc on Friday.",
         ("Halvorn Corp", "subsidiary_of", "Trevon Holdings")),
    ],
)  # fmt: skip
def test_supplier_names_keep_their_company_words_and_lose_their_owners(
    rules: Extractor, text: str, want: tuple[str, str, str]
) -> None:
    states(rules, text, want, None)


def test_a_numbered_version_of_a_product_is_the_product(rules: Extractor) -> None:
    """ "version 5 of X": the "of" phrase is the version's, not its number's."""
    text = "Lumenix Software released version 5 of its Atlas database on Tuesday."
    states(rules, text, ("Lumenix Software", "develops", "Atlas"), None)


@pytest.mark.parametrize(
    "text",
    [
        "OSLO, May 14 (Reuters) - Halvorn Corp launched the Lumen scanner.",
        "OSLO (Reuters) - Halvorn Corp launched the Lumen scanner.",
        "SAN FRANCISCO, May 14 \u2014 Halvorn Corp launched the Lumen scanner.",
    ],
)
def test_a_dateline_town_is_not_the_subject(rules: Extractor, text: str) -> None:
    """The dateline's dash ends a sentence: the story's subject does the verb."""
    found = triples(facts_of(rules, text))
    assert ("Halvorn Corp", "develops", "Lumen") in found, found
    assert not [t for t in found if t[0] in {"OSLO", "Reuters", "SAN FRANCISCO"}], found


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # centering: a description or pronoun as the next sentence's subject continues
        # the company the sentence before is about, not a company of its side clause
        ("Halvex Robotics opened a plant in Ohio, two years after Brannock Group sold its "
         "stake. The company is run by chief executive Marta Solis.",
         ("Marta Solis", "executive_of", "Halvex Robotics"),
         ("Marta Solis", "executive_of", "Brannock Group")),
        ("Pellucid Systems unveiled a chip, weeks after Zarcon showed a rival design. It was "
         "founded by Ana Ruiz in 2015.",
         ("Ana Ruiz", "founded", "Pellucid Systems"), ("Ana Ruiz", "founded", "Zarcon")),
        ("Quillfeather hired 200 engineers this year, even as Marbrook cut jobs. The startup "
         "is run by chief executive Daniel Okafor.",
         ("Daniel Okafor", "executive_of", "Quillfeather"),
         ("Daniel Okafor", "executive_of", "Marbrook")),
        ("Norvo listed its shares on Monday, hours after Dalmar completed its merger with "
         "Trevon. The new company is run by chief executive Ana Ruiz.",
         ("Ana Ruiz", "executive_of", "Norvo"), ("Ana Ruiz", "executive_of", "Dalmar")),
        # the description may own or describe the subject
        ("Halvex Robotics opened a plant in Ohio, months after Brannock Group sold its stake. "
         "The company's chief executive, Marta Solis, said it would hire.",
         ("Marta Solis", "executive_of", "Halvex Robotics"),
         ("Marta Solis", "executive_of", "Brannock Group")),
        # a kind two companies fit is the one the sentence before was about
        ("Marbrook Bank reported a jump in profit, while rival Quellin Bank warned of bad "
         "loans. The lender is run by chief executive Tomas Berg.",
         ("Tomas Berg", "executive_of", "Marbrook Bank"),
         ("Tomas Berg", "executive_of", "Quellin Bank")),
        # a trailing attribution reports the sentence: its source is not its subject
        ("Orlin Labs began trading after Halvor Group spun it off, Brindle News reported. "
         "The new company is led by chief executive Marta Solis.",
         ("Marta Solis", "executive_of", "Orlin Labs"),
         ("Marta Solis", "executive_of", "Brindle News")),
        # the chief who stays on after a takeover is the bought company's
        ("Kestrel will buy Orvane for $2 billion. Ana Ruiz will remain chief executive, and "
         "the company will stay in Austin.",
         ("Ana Ruiz", "executive_of", "Orvane"), ("Ana Ruiz", "executive_of", "Kestrel")),
        ("Brannock Capital agreed to buy Tessaly. Daniel Okafor will continue as chief "
         "executive.",
         ("Daniel Okafor", "executive_of", "Tessaly"),
         ("Daniel Okafor", "executive_of", "Brannock Capital")),
        ("Veltrix will acquire Sorrel Aviation. Chief executive Ana Ruiz will stay on after "
         "the deal closes.",
         ("Ana Ruiz", "executive_of", "Sorrel Aviation"), ("Ana Ruiz", "executive_of", "Veltrix")),
        ("Pellman Corp will acquire Quorvane Systems. Daniel Okafor will continue to run the "
         "company as chief executive.",
         ("Daniel Okafor", "executive_of", "Quorvane Systems"),
         ("Daniel Okafor", "executive_of", "Pellman Corp")),
        # the subject may be a noun the company's name hangs from
        ("Shares of Orvane fell 5% after Kestrel cut its orders. The company is led by "
         "chief executive Ana Ruiz.",
         ("Ana Ruiz", "executive_of", "Orvane"), ("Ana Ruiz", "executive_of", "Kestrel")),
        # of two companies, the founders named next are of the one the other was buying
        ("Kestrel and Orvane called off Kestrel's planned purchase of the startup. The "
         "Denver company was founded by Tomas Berg.",
         ("Tomas Berg", "founded", "Orvane"), ("Tomas Berg", "founded", "Kestrel")),
        # "the new company" a merger makes is neither party; after a listing, the listed one
        ("Dalmar agreed to merge with Trevon. The new company will be run by chief "
         "executive Ana Ruiz.", None, ("Ana Ruiz", "executive_of", "Dalmar")),
        ("Norvo began trading on Monday after Dalmar spun it off. The new company is run "
         "by chief executive Ana Ruiz.",
         ("Ana Ruiz", "executive_of", "Norvo"), ("Ana Ruiz", "executive_of", "Dalmar")),
        # when the sentence before is about two companies, "the company" is neither
        ("Kestrel and Orvane both reported higher sales. The company is run by chief "
         "executive Ana Ruiz.",
         None, ("Ana Ruiz", "executive_of", "Kestrel")),
    ],
)  # fmt: skip
def test_the_next_sentences_subject_continues_the_topic(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str],
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    "text, want, wrong",
    [
        # a naming verb's only complement is the person when the role follows in "as"
        ("Brindle Works Inc named Dana Ferrell, 47, as its chief financial officer.",
         ("Dana Ferrell", "executive_of", "Brindle Works Inc"), None),
        ("Brindle Works Inc named Dana Ferrell as its chief financial officer on Monday.",
         ("Dana Ferrell", "executive_of", "Brindle Works Inc"), None),
        # ... or in an infinitive after it, an age set off between them
        ("Brindle Works Inc named Dana Ferrell, 47, to replace Hale Munro as chief executive.",
         ("Hale Munro", "executive_of", "Brindle Works Inc"), None),
        # the person and the role read as one phrase: the person is the object
        ("Brindle Works Inc appointed Dana Ferrell chief executive, succeeding Hale Munro.",
         ("Hale Munro", "executive_of", "Brindle Works Inc"), None),
        # "took over as chief executive from Y": the "from" phrase hung on the role
        ("Dana Ferrell took over as chief executive of Brindle Works Inc from Hale Munro in "
         "March.",
         ("Hale Munro", "executive_of", "Brindle Works Inc"), None),
        # the new holder's post elsewhere, in apposition, does not pass to the one replaced
        ("Quorvane Corp has named Dana Ferrell, a former finance chief at Brindle Works Inc, "
         "as its next chief executive, replacing Hale Munro.",
         ("Hale Munro", "executive_of", "Quorvane Corp"),
         ("Hale Munro", "executive_of", "Brindle Works Inc")),
    ],
)  # fmt: skip
def test_succession_survives_ages_and_split_phrases(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)


@pytest.mark.parametrize(
    ("text", "want", "wrong"),
    [
        # a name after a company noun is a company, not goods: "engineering group X"
        ("Halvik Tools is a contractor for German chemicals group Dremora.",
         ("Halvik Tools", "supplies", "Dremora"), None),
        ("Mara Venn is the chief executive of Austrian engineering group Tolbeck.",
         ("Mara Venn", "executive_of", "Tolbeck"), None),
        ("Kinsale Bank outsourced its payroll to Belgian services group Ardwick.",
         ("Ardwick", "supplies", "Kinsale Bank"), None),
        # the last item of an object's list, hung on the verb or the subject after a
        # description set off on the object, is still the object's
        ("Fenmore Capital invested in Dravik, an Oslo-based maker of valves, and "
         "Quorn Labs.",
         ("Fenmore Capital", "invests_in", "Quorn Labs"), None),
        ("Fenmore Capital invested in Dravik, Tesso, which makes valves, and Quorn Labs.",
         ("Fenmore Capital", "invests_in", "Quorn Labs"),
         ("Quorn Labs", "invests_in", "Dravik")),
        # not when the item opens a clause of its own
        ("Ostlund Corp acquired Dravik, which makes valves, and Tesso Systems agreed to "
         "buy Quorn Labs.",
         ("Tesso Systems", "acquires", "Quorn Labs"),
         ("Ostlund Corp", "acquires", "Tesso Systems")),
        # both conjuncts with a descriptor: "German carmaker X and Swiss group Y"
        ("Korvane Foods competes with Danish brewer Harsko and Dutch group Temmen.",
         ("Harsko", "competes_with", "Korvane Foods"), None),
        ("Ostlund Corp invested in Danish brewer Harsko and Dutch group Temmen.",
         ("Ostlund Corp", "invests_in", "Harsko"), None),
    ],
)  # fmt: skip
def test_descriptions_and_lists_on_the_object_keep_the_fact(
    rules: Extractor,
    text: str,
    want: tuple[str, str, str] | None,
    wrong: tuple[str, str, str] | None,
) -> None:
    states(rules, text, want, wrong)
