"""The seam's output: evidence offsets, the ontology's JSON line, and resolution to a Batch."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.model import QUALIFIER_KEYS, SIGNATURES, STATUSES, Document, Entity, EntityType, Relation
from loaders.extract import EntityRef, ExtractedFact, Extractor
from loaders.resolve import EntityIndex, name_key, to_batch

TEXT = (
    '"Orbital Dynamics Inc said on Tuesday it agreed to acquire Lumen Robotics'
    ' for $2.5 billion."\n\n'
    "  Lumen Robotics chief executive Sara Okafor will join Orbital Dynamics.\n"
    "Orbital Dynamics competes with Basalt Semiconductor, which Vectra Motors backed in 2019.\n"
)
DOC = Document(TEXT, url="https://example.test/a", published=date(2024, 5, 17), doc_id="doc-1")


@pytest.fixture(scope="module")
def facts() -> list[ExtractedFact]:
    return Extractor().extract(DOC)


def test_offsets_point_at_the_evidence_sentence(facts: list[ExtractedFact]) -> None:
    assert len(facts) >= 4
    for fact in facts:
        assert TEXT[fact.start : fact.end] == fact.sentence
        assert fact.sentence == fact.sentence.strip()
        assert fact.doc_id == "doc-1"
        assert fact.extractor.startswith("partnergraph-rules/")
        assert 0.0 < fact.confidence <= 1.0


def test_qualifiers_use_the_ontology_vocabulary(facts: list[ExtractedFact]) -> None:
    for fact in facts:
        assert set(fact.qualifiers) <= QUALIFIER_KEYS
        assert fact.qualifiers.get("status", "active") in STATUSES


def test_to_json_is_exactly_the_ontology_line(facts: list[ExtractedFact]) -> None:
    deal = next(f for f in facts if f.relation is Relation.ACQUIRES)
    line = json.loads(json.dumps(deal.to_json(), ensure_ascii=False))
    assert list(line) == [
        "doc_id", "subject", "relation", "object", "valid_from", "valid_to",
        "qualifiers", "confidence", "evidence",
    ]  # fmt: skip
    assert line["subject"] == {"name": "Orbital Dynamics Inc", "type": "Organization"}
    assert line["relation"] == "acquires"
    assert line["object"] == {"name": "Lumen Robotics", "type": "Organization"}
    assert line["valid_from"] == "2024-05-14" and line["valid_to"] is None
    assert line["qualifiers"]["amount"] == "2500000000"
    assert set(line["evidence"]) == {"text", "start", "end"}
    assert TEXT[line["evidence"]["start"] : line["evidence"]["end"]] == line["evidence"]["text"]


def test_name_key_ignores_case_suffix_and_possessive() -> None:
    assert name_key("Microsoft Corp.") == name_key("microsoft") == name_key("Microsoft's")


def test_resolution_prefers_known_entities_and_refuses_loose_matches() -> None:
    known = [
        Entity.named("Orbital Dynamics Incorporated", "Organization", aliases=["Orbital"]),
        Entity.named("Arkwright Labs", "Organization"),
    ]
    index = EntityIndex.of(known)
    org = EntityType.ORGANIZATION
    assert index.resolve(EntityRef("Orbital Dynamics Inc", org)).id == known[0].id  # suffix
    assert index.resolve(EntityRef("ORBITAL", org)).id == known[0].id  # alias, any case
    assert index.resolve(EntityRef("Arkwright Lab", org)).id == known[1].id  # close enough
    assert index.resolve(EntityRef("Ark Labs", org)).id == "ark-labs"  # new rather than wrong
    assert index.resolve(EntityRef("Arkwright Labs", EntityType.PERSON)).id == "arkwright-labs"


def test_to_batch_merges_statements_of_one_fact(facts: list[ExtractedFact]) -> None:
    deal = next(f for f in facts if f.relation is Relation.ACQUIRES)
    later = ExtractedFact(
        doc_id=deal.doc_id, subject=deal.subject, relation=deal.relation, object=deal.object,
        valid_from=None, valid_to=None, qualifiers={"status": "ended"}, confidence=0.5,
        sentence=facts[-1].sentence, start=facts[-1].start, end=facts[-1].end,
        extractor=deal.extractor,
    )  # fmt: skip
    known = [Entity.named("Orbital Dynamics", "Organization")]
    batch = to_batch(DOC, [*facts, later], known)
    merged = [f for f in batch.facts if f.relation is Relation.ACQUIRES]
    assert len(merged) == 1
    fact = merged[0]
    assert fact.subject == "orbital-dynamics"  # resolved to the known entity
    assert fact.qualifiers["status"] == "ended"  # an ending wins
    assert fact.stated_at == DOC.published
    assert len(fact.evidence) == 2
    ev = fact.evidence[0]
    assert (ev.document_id, ev.url, ev.published) == ("doc-1", DOC.url, DOC.published)
    assert TEXT[ev.start : ev.end] == ev.sentence  # type: ignore[misc]
    ids = {e.id for e in batch.entities}
    assert {f.subject for f in batch.facts} | {f.object for f in batch.facts} <= ids


WORDS = [
    "Acme",
    "Corp",
    "Inc",
    "said",
    "it",
    "would",
    "buy",
    "acquire",
    "the",
    "company",
    "its",
    "Ltd",
    "and",
    "of",
    ",",
    ".",
    "to",
    "from",
    "by",
    "unit",
    "CEO",
    "chief",
    "executive",
    "partnership",
    "with",
    "rival",
    "invests",
    "in",
    "stake",
    "20",
    "pct",
    "$",
    "billion",
    "on",
    "Tuesday",
    "since",
    "2019",
    "ended",
    "stepping",
    "down",
    "no",
    "longer",
    "not",
    "Dahl",
    "Ingrid",
    "Granite",
    "Foundry",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=50))
def test_any_word_salad_gives_well_formed_facts(words: list[str]) -> None:
    text = " ".join(words)
    for fact in Extractor().extract(Document(text, published=date(2024, 5, 17), doc_id="r")):
        assert text[fact.start : fact.end] == fact.sentence
        subject_types, object_types = SIGNATURES[fact.relation]
        assert fact.subject.type in subject_types and fact.object.type in object_types
        assert set(fact.qualifiers) <= QUALIFIER_KEYS
        json.dumps(fact.to_json())


@pytest.mark.parametrize(
    "text",
    [
        "Velmora bought Quillon, Orlo, Tarvik, Zenvia,",
        "Velmora bought Quillon, Orlo, Tarvik and",
        "Velmora works with Quillon, Orlo, Tarvik, Zenvia or",
    ],
)
def test_a_list_cut_off_at_the_end_of_the_text_is_read_safely(text: str) -> None:
    # a list of names whose last join ends the text: the list reader stops at the edge
    facts = Extractor(learned=False).extract(Document(text=text, doc_id="edge"))
    assert all(f.sentence for f in facts)
