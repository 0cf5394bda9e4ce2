"""``loaders.pipeline.ingest_document``: the one path of an article into the store.

The CLI, ``POST /documents`` and the MCP ``add_document`` tool all call it; here it
is checked on every backend with an extractor that answers from a table (the seam,
no spaCy): a first ingest writes and reads its facts back, the same content again
is skipped before extraction and answered from the stored document's facts
(:func:`loaders.pipeline.facts_citing`, through a backend's evidence index or the
fallback scan), a reused ``doc_id`` is a conflict before extraction.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from graph import Batch, Document, Relation
from graph.errors import Conflict
from graph.model import EntityType, Fact, PartialDate
from graph.queries import facts_citing
from graph.store import DocumentFacts, FactPattern, Store
from loaders.extract.types import EntityRef, ExtractedFact
from loaders.pipeline import ingest_document
from tests.conftest import MICROSOFT, NVIDIA, OPENAI, fact

TEXT = "Microsoft has partnered with OpenAI since 2019. Nvidia supplies chips to Microsoft."


def _stated(doc: Document, subject: str, relation: Relation, obj: str, start: int) -> ExtractedFact:
    sentence = doc.text[start:].split(". ")[0]
    return ExtractedFact(
        doc_id=doc.id,
        subject=EntityRef(subject, EntityType.ORGANIZATION),
        relation=relation,
        object=EntityRef(obj, EntityType.ORGANIZATION),
        valid_from=PartialDate.parse("2019") if relation is Relation.PARTNERS_WITH else None,
        valid_to=None,
        qualifiers={},
        confidence=0.9,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        extractor="test",
    )


class TableExtractor:
    """The extraction seam, answering the two statements of ``TEXT``; counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def extract(self, document: Document) -> Sequence[ExtractedFact]:
        self.calls += 1
        second = document.text.index("Nvidia")
        return [
            _stated(document, "Microsoft", Relation.PARTNERS_WITH, "OpenAI", 0),
            _stated(document, "Nvidia", Relation.SUPPLIES, "Microsoft", second),
        ]


def _triples(facts: Sequence[Fact]) -> list[tuple[str, str, str]]:
    return [(f.subject, f.relation.value, f.object) for f in facts]


def test_ingest_then_skip_the_same_content(store: Store) -> None:
    extractor = TableExtractor()
    first = ingest_document(store, Document(TEXT, url="https://news.example/a"), extractor)
    assert not first.skipped and extractor.calls == 1
    assert first.result.facts_added == 2
    assert first.document.url == "https://news.example/a"
    assert _triples(first.facts) == [
        ("microsoft", "partners_with", "openai"),
        ("nvidia", "supplies", "microsoft"),
    ]
    assert all(e.document_id == first.document.id for f in first.facts for e in f.evidence)

    again = ingest_document(store, Document(TEXT, url="https://mirror.example/a"), extractor)
    assert again.skipped and extractor.calls == 1  # not extracted again
    assert again.result.facts_added == 0
    assert again.document.id == first.document.id
    assert again.document.url == "https://news.example/a"  # the stored one
    assert again.facts == first.facts


def test_a_reused_doc_id_is_a_conflict_before_extraction(store: Store) -> None:
    extractor = TableExtractor()
    ingest_document(store, Document(TEXT, doc_id="reused"), extractor)
    with pytest.raises(Conflict, match="'reused'"):
        ingest_document(store, Document("Other words entirely.", doc_id="reused"), extractor)
    assert extractor.calls == 1
    assert store.get_document("reused").text == TEXT


def test_facts_extracted_elsewhere_are_written_as_given(store: Store) -> None:
    doc = Document(TEXT, doc_id="batch")
    extracted = TableExtractor().extract(doc)
    done = ingest_document(store, doc, extracted, read_back=False)
    assert not done.skipped and done.result.facts_added == 2 and done.facts == []
    # Already stored: the write's own check skips it (no extractor to spare here).
    assert ingest_document(store, Document(TEXT, doc_id="copy"), extracted).skipped


def test_facts_citing_a_document(store: Store) -> None:
    shared = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019", doc="d1")
    batch = Batch(
        entities=(MICROSOFT, OPENAI, NVIDIA),
        facts=(
            shared,
            fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019", doc="d2"),  # same fact id
            fact(NVIDIA, Relation.SUPPLIES, MICROSOFT, doc="d1"),
            fact(MICROSOFT, Relation.COMPETES_WITH, NVIDIA, "2020", doc="d2"),
        ),
    )
    store.write(batch)
    supplies = next(f for f in batch.facts if f.relation is Relation.SUPPLIES)
    store.retract(supplies.id, supplies.evidence[0].id, "misread")

    def scanned(document_id: str) -> list[tuple[str, str, str]]:
        found = [
            f
            for f in store.find_facts(FactPattern())
            if any(e.document_id == document_id for e in f.evidence)
        ]
        return sorted(_triples(found))

    assert _triples(facts_citing(store, "d1")) == [("microsoft", "partners_with", "openai")]
    assert (
        _triples(facts_citing(store, "d2"))
        == scanned("d2")
        == [
            ("microsoft", "competes_with", "nvidia"),
            ("microsoft", "partners_with", "openai"),
        ]
    )
    assert facts_citing(store, "nowhere") == []
    (partnership,) = facts_citing(store, "d1")
    assert {e.document_id for e in partnership.evidence} == {"d1", "d2"}  # all its evidence
    reference = type(store).__module__ == "graph.stores.memory"
    assert isinstance(store, DocumentFacts) != reference  # the backends answer from an index
