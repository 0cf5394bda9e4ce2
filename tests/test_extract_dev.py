"""Regression on the shared dev set: the seed article's five facts, each with its evidence."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from graph.model import Document, PartialDate
from loaders.extract import ExtractedFact, Extractor

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "eval" / "dev" / "docs.jsonl"

pytestmark = pytest.mark.skipif(not DEV.exists(), reason="../shared/eval is not available")


@pytest.fixture(scope="module")
def seed() -> tuple[Document, list[ExtractedFact]]:
    for line in DEV.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["doc_id"] == "seed":
            doc = Document(
                row["text"], published=date.fromisoformat(row["published"]), doc_id="seed"
            )
            return doc, Extractor().extract(doc)
    pytest.skip("no seed document in the dev set")


def fact(facts: list[ExtractedFact], subjects: set[str], relation: str, obj: str) -> ExtractedFact:
    for f in facts:
        if f.subject.name in subjects and f.relation.value == relation and f.object.name == obj:
            return f
    raise AssertionError(f"missing {subjects} {relation} {obj}")


def test_seed_article_yields_its_five_facts(seed: tuple[Document, list[ExtractedFact]]) -> None:
    doc, facts = seed
    partner = fact(facts, {"Microsoft"}, "partners_with", "OpenAI")
    assert partner.qualifiers.get("status") in {"strained", "renegotiating"}
    supply = fact(facts, {"Microsoft"}, "supplies", "OpenAI")
    assert "cloud" in supply.qualifiers.get("product", "")
    ceo = fact(facts, {"Mustafa Suleyman"}, "executive_of", "Microsoft AI")
    assert ceo.qualifiers["role"] == "CEO"
    model = fact(facts, {"Microsoft", "Microsoft AI"}, "develops", "MAI-1-preview")
    assert model.valid_from == PartialDate(2025, 8)
    chips = fact(facts, {"MAI-1-preview"}, "uses", "Nvidia H100")
    assert chips.qualifiers["quantity"] == "15000"
    for f in (partner, supply, ceo, model, chips):
        assert doc.text[f.start : f.end] == f.sentence
