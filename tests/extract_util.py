"""What the extraction tests of one area share: the day their invented articles are
dated, and the facts of a text as (subject, relation, object) triples with the two
symmetric relations in one order, so a test can compare sets."""

from __future__ import annotations

from datetime import date

from graph.model import Document
from loaders.extract import Extractor

PUBLISHED = date(2024, 5, 1)

Triple = tuple[str, str, str]


def norm(s: str, r: str, o: str) -> Triple:
    """The triple, its two ends in name order for ``competes_with`` and ``partners_with``."""
    if r in {"competes_with", "partners_with"} and o < s:
        s, o = o, s
    return (s, r, o)


def triples(extractor: Extractor, text: str) -> set[Triple]:
    """Every fact ``extractor`` finds in ``text`` (dated ``PUBLISHED``), as triples."""
    facts = extractor.extract(Document(text, published=PUBLISHED, doc_id="t"))
    return {norm(f.subject.name, f.relation.value, f.object.name) for f in facts}
