"""The extraction seam: ``Extractor.extract(document) -> list[ExtractedFact]``.

Stages, each a small function with a typed hand-off:

    annotate (spaCy + gazetteer ruler)  → Doc
    entities (+ confusion fixes)        → list[Mention]
    names (in-document resolution)      → list[Mention]
    candidates (frames over the parse)  → list[Candidate]
    qualifiers, status, time            → Candidate fields
    facts (checks, merge, evidence)     → list[ExtractedFact]

>>> from graph.model import Document
>>> ex = Extractor()
>>> [f.relation.value for f in ex.extract(Document("Acme Corp acquired Widget Inc.", doc_id="x"))]
['acquires']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from graph.model import Document, Entity
from loaders.extract import annotate, candidates, entities, facts, names, qualifiers, status
from loaders.extract.slots import Context
from loaders.extract.types import ExtractedFact

NAME = "partnergraph-rules"
VERSION = "0.1.0"


class Extractor:
    """Rule-based relation extraction over spaCy; the gazetteer plus ``known_entities``
    are recognized ahead of the statistical NER."""

    name = f"{NAME}/{VERSION}"

    def __init__(self, known_entities: Iterable[Entity] = (), model: str | None = None) -> None:
        self.nlp = annotate.load_pipeline(model, tuple(known_entities))

    def extract(self, document: Document) -> list[ExtractedFact]:
        """Facts stated in one document, each with its evidence sentence."""
        return self._facts(document, self.nlp(document.text))

    def extract_many(
        self, documents: Iterable[Document], batch_size: int = 64
    ) -> Iterator[tuple[Document, list[ExtractedFact]]]:
        """Like :meth:`extract` for many documents, parsed in batches with ``nlp.pipe``."""
        texts = ((d.text, d) for d in documents)
        for doc, document in self.nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
            yield document, self._facts(document, doc)

    def _facts(self, document: Document, doc: Doc) -> list[ExtractedFact]:
        mentions = names.canonicalize(entities.find_mentions(doc))
        ctx = Context(doc, mentions)
        found = candidates.find_candidates(ctx)
        kept = []
        for cand in found:
            if not facts.well_formed(cand) or status.negated(ctx, cand):
                continue
            qualifiers.add_qualifiers(ctx, cand)
            status.add_status(ctx, cand)
            kept.append(cand)
        kept = facts.succession(ctx, kept)
        facts.deal_endings(ctx, kept)
        for cand in kept:
            if cand.valid_from is None and cand.valid_to is None and not cand.timeless:
                status.add_time(ctx, cand, document.published)
            if cand.ending and "status" not in cand.qualifiers:
                cand.qualifiers["status"] = "ended"
        return facts.to_facts(document, ctx, [c for c in kept if facts.well_formed(c)], self.name)
