"""Products (helper products): a known maker's name before one model code names the
maker's goods ("the Varden V350", "ported to the Koltek 2600"), but not a carrier's
plane, a year or a head count; an engine (or engine option) offered, available or chosen
on or for a product is used by it, also as "one of two engine options on Y"; model codes
with letters on both sides of their number ("TX1100G") stay one word, and a code before
a full stop keeps its name; a name ending in a model code is a product, never a person,
and NER's untagged "Name Code" ("the Orion X5 is powered by ...") or a bare code before a
kind of goods ("a T9 processor") is a product too, but not a flight, a gate or a form.

Sentences are invented for these tests; names are made up. The makers a gazetteer would
know are given to the extractor as known entities.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import Document, Entity
from loaders.extract import Extractor, annotate

PUBLISHED = date(2024, 5, 1)

Triple = tuple[str, str, str]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    known = [
        Entity.named("Varden Aerospace", "Organization", ["Varden"]),
        Entity.named("Koltek", "Organization"),
        Entity.named("Skyrail Airways", "Organization", ["Skyrail"]),
    ]
    return Extractor(known_entities=known)


def triples(extractor: Extractor, text: str) -> set[Triple]:
    facts = extractor.extract(Document(text, published=PUBLISHED, doc_id="t"))
    return {(f.subject.name, f.relation.value, f.object.name) for f in facts}


def area(found: set[Triple]) -> set[Triple]:
    return {t for t in found if t[1] in {"develops", "uses"}}


MADE: list[tuple[str, Triple]] = [
    # a known maker's name before one model code
    ("Inspectors grounded forty Varden V420neo jets last month.",
     ("Varden Aerospace", "develops", "Varden V420neo")),
    ("The carrier will take delivery of its first Varden V350 in June.",
     ("Varden Aerospace", "develops", "Varden V350")),
    ("Orders for the Varden V350 slowed sharply in 2023.",
     ("Varden Aerospace", "develops", "Varden V350")),
    ("The game was later ported to the Koltek 2600 console.",
     ("Koltek", "develops", "Koltek 2600")),
    ("A sequel became the pack-in game for the Koltek 5200 in 1982.",
     ("Koltek", "develops", "Koltek 5200")),
    # the code written alone elsewhere is the document's name for the product
    ("Airlines grounded several Varden V320neo jets. The RX7 is one of two engine options "
     "on the V320neo family.", ("Varden Aerospace", "develops", "V320neo")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fact"), MADE)
def test_a_known_maker_before_a_model_code(extractor: Extractor, text: str, fact: Triple) -> None:
    assert fact in triples(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        # a carrier's name before a plane's code: a plane it flies
        "Passengers boarded a Skyrail A330 bound for Lisbon.",
        # a year after the maker: its results, not a model
        "Varden 2021 results disappointed investors.",
        # a number before a plural noun counts things
        "Koltek 3400 workers went on strike on Monday.",
    ],
)
def test_a_maker_before_a_number_that_names_no_goods(extractor: Extractor, text: str) -> None:
    assert not [t for t in triples(extractor, text) if t[1] == "develops"]


ENGINES: list[tuple[str, Triple]] = [
    ("The RZ800 is the only engine available on the Brisa B7 jet.",
     ("Brisa B7", "uses", "RZ800")),
    ("The RZ800, the sole engine offered on the Brisa B7, is built by Tamsen Motors.",
     ("Brisa B7", "uses", "RZ800")),
    ("The RZ800 was the engine chosen for the Brisa B7 in 2019.",
     ("Brisa B7", "uses", "RZ800")),
    ("The TX1100G is one of two engine options on the Brisa B9 family; the other is the "
     "QL-2B, made by Corvel Power.", ("Brisa B9", "uses", "TX1100G")),
    ("Tamsen Motors, whose RZ800 is the only engine offered on the Brisa B7, cut its "
     "forecast.", ("Brisa B7", "uses", "RZ800")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fact"), ENGINES)
def test_an_engine_on_a_product_is_used_by_it(
    extractor: Extractor, text: str, fact: Triple
) -> None:
    assert fact in triples(extractor, text)


def test_the_other_engine_option_keeps_its_maker(extractor: Extractor) -> None:
    text = (
        "The TX1100G is one of two engine options on the Brisa B9 family; the other is the "
        "QL-2B, made by Corvel Power."
    )
    assert ("Corvel Power", "develops", "QL-2B") in triples(extractor, text)


@pytest.mark.parametrize(
    ("word", "tokens"),
    [
        ("TX1100G", ["TX1100G"]),  # letters on both sides of the number: one code
        ("TX1100G.", ["TX1100G", "."]),
        ("GE7X.", ["GE7X", "."]),  # a code before a full stop is no abbreviation
        ("K9X,", ["K9X", ","]),
        ("100G", ["100", "G"]),  # a number and its unit stay apart
        ("5G", ["5", "G"]),
        ("U.S.", ["U.S."]),
    ],
)
def test_model_codes_stay_whole(word: str, tokens: list[str]) -> None:
    nlp = annotate.load_pipeline(None, ())
    assert [t.text for t in nlp.tokenizer(word)] == tokens


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Regulators cleared the TX1100G engine built by Tamsen Motors.",
         ("Tamsen Motors", "develops", "TX1100G")),
        ("Tamsen Motors said it had tested the GE7X.", None),
        ("The RZ800 engine for the Brisa B7 is made by Tamsen Motors.",
         ("Tamsen Motors", "develops", "RZ800")),
    ],
)  # fmt: skip
def test_codes_in_running_text(extractor: Extractor, text: str, fact: Triple | None) -> None:
    found = area(triples(extractor, text))
    if fact is None:
        assert not [t for t in found if t[2].endswith(".")], found
    else:
        assert fact in found


def test_a_name_ending_in_a_code_is_no_person(extractor: Extractor) -> None:
    text = "The RZ800 was the engine chosen for the Brisa B7 in 2019."
    facts = extractor.extract(Document(text, published=PUBLISHED, doc_id="t"))
    kinds = {f.subject.name: f.subject.type.value for f in facts}
    assert kinds.get("Brisa B7") == "Product"


CODED: list[tuple[str, Triple]] = [
    ("The Orion X5 is powered by a T9 processor.", ("Orion X5", "uses", "T9")),
    ("The Orion X5 smartwatch uses the T9 chip.", ("Orion X5", "uses", "T9")),
    ("The H320neo uses the PX1100G engine made by Brennan Motors.",
     ("H320neo", "uses", "PX1100G")),
    ("The H320neo uses the PX1100G engine made by Brennan Motors.",
     ("Brennan Motors", "develops", "PX1100G")),
    ("The Orion X5 runs on a T9 chip designed by Tavon Semiconductor.",
     ("Tavon Semiconductor", "develops", "T9")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fact"), CODED)
def test_untagged_coded_names_are_products(extractor: Extractor, text: str, fact: Triple) -> None:
    assert fact in triples(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "He filed a Form S-1 with regulators before boarding Flight AB123.",
        "Passengers on Flight QF12 were delayed at Gate B12 on Monday.",
        "Ana Ruiz joined Velmora in Q3.",
    ],
)
def test_codes_that_name_no_goods(extractor: Extractor, text: str) -> None:
    facts = extractor.extract(Document(text, published=PUBLISHED, doc_id="t"))
    assert not [f for f in facts if "Product" in {f.subject.type.value, f.object.type.value}]
