"""Long documents are parsed in windows: exact offsets, facts merged across windows.

spaCy never gets more than a window of text at once (memory bounded by the
window, never over ``nlp.max_length``); the windows cover the document exactly,
so every evidence offset points into the whole text.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.model import Document
from loaders.extract import Extractor
from loaders.extract.windows import batches, windows


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab .!?\n\u201d\u00e9", max_size=300), st.integers(1, 40))
def test_windows_cover_the_text_exactly_and_cut_at_boundaries(text: str, size: int) -> None:
    pieces = list(windows(text, size))
    assert "".join(p for _, p in pieces) == text
    position = 0
    for start, piece in pieces:
        assert start == position and 0 < len(piece) <= size
        position += len(piece)
        span = text[start : start + size]
        if start + size < len(text) and "\n" in span[1:]:
            # A paragraph break inside the window: the window ends right after the last one.
            assert piece == span[: span.rindex("\n") + 1]


def test_windows_prefer_paragraphs_then_sentences_then_spaces() -> None:
    assert [p for _, p in windows("One two.\nThree four five.", 12)] == [
        "One two.\n",
        "Three four ",
        "five.",
    ]
    assert [p for _, p in windows("Aa bb. Cc dd ee.", 12)] == ["Aa bb. ", "Cc dd ee."]
    assert [p for _, p in windows("x" * 25, 10)] == ["x" * 10, "x" * 10, "x" * 5]
    with pytest.raises(ValueError):
        list(windows("text", 0))


def test_batches_bound_items_and_characters() -> None:
    assert list(batches(["ab", "cd", "e", "fghij"], len, max_items=8, max_chars=4)) == [
        ["ab", "cd"],
        ["e"],
        ["fghij"],
    ]
    assert list(batches(["a", "b", "c"], len, max_items=2, max_chars=100)) == [["a", "b"], ["c"]]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


PARAGRAPHS = [
    "Granite Foundry supplies chips to Vectra Motors, the companies said.",
    "Kestrel Labs acquired Ferrovia Systems in 2022.",
    "Velde Microsystems has partnered with Orrin Labs since 2019.",
    "Tessaract, a unit of Halvorsen Group, makes sensors.",
    "Marta Ruiz is the chief executive of Brightwave Capital.",
]


def test_small_windows_find_the_same_facts_at_the_same_offsets(extractor: Extractor) -> None:
    text = "\n".join(PARAGRAPHS * 3)
    doc = Document(text, doc_id="long", published=date(2025, 9, 11))
    whole = extractor.extract(doc)
    windowed = Extractor(window_chars=150).extract(doc)
    assert len(text) > 5 * 150
    assert [f.to_json() for f in windowed] == [f.to_json() for f in whole]
    for f in windowed:
        assert text[f.start : f.end] == f.sentence


def test_one_fact_stated_in_two_windows_merges(extractor: Extractor) -> None:
    filler = "\n".join(PARAGRAPHS[:1] * 6)
    text = (
        "Kestrel Labs acquired Ferrovia Systems in 2023.\n"
        f"{filler}\n"
        "Kestrel Labs completed its purchase of Ferrovia Systems in June 2023."
    )
    doc = Document(text, doc_id="two", published=date(2025, 9, 11))
    facts = Extractor(window_chars=200).extract(doc)
    deal = [f for f in facts if f.relation.value == "acquires"]
    assert len(deal) == 2 and deal[0].start < 60 < deal[1].start
    assert {str(f.valid_from) for f in deal} == {"2023-06"}


def test_extract_many_streams_results_in_input_order(extractor: Extractor) -> None:
    docs = [
        Document(PARAGRAPHS[1], doc_id="a"),
        Document("\n".join(PARAGRAPHS * 20), doc_id="b"),
        Document(PARAGRAPHS[0], doc_id="c"),
    ]
    small = Extractor(window_chars=500, max_chars=3_000)
    results = list(small.extract_many(docs, batch_size=4))
    assert [r.document.doc_id for r in results] == ["a", "b", "c"]
    assert results[1].error == f"text too long: {len(docs[1].text)} characters (limit 3000)"
    assert results[0].facts and results[2].facts and not results[1].facts
