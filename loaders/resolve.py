"""Resolution: extracted names → store entities, extracted facts → one ``Batch``.

A name resolves to a known entity when it equals one of its names or aliases
(case-insensitive, legal suffixes removed with cleanco), else when rapidfuzz
finds a very close name of the same type; otherwise it becomes a new entity.
The fuzzy threshold is deliberately high: a duplicate entity can be merged
later, a wrong merge silently corrupts every fact that touches it.

>>> from graph.model import Document
>>> batch = to_batch(Document("…", doc_id="d"), [])
>>> batch.facts
()
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cleanco import basename
from rapidfuzz import fuzz, process

from graph.model import Batch, Document, Entity, EntityType, Evidence, Fact, Relation
from loaders.extract.types import EntityRef, ExtractedFact

#: token_sort_ratio at or above this merges a name into a known entity.
FUZZY_THRESHOLD = 92
_STATUS_RANK = {"ended": 5, "renegotiating": 4, "strained": 3, "active": 2, "announced": 1}


def name_key(name: str) -> str:
    """The comparison key of a name: case-folded, no legal suffix, no "the", no possessive."""
    text = name.strip().replace("\u2019", "'")
    if text.endswith("'s"):
        text = text[:-2]
    base = basename(text) or text
    words = base.casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass
class EntityIndex:
    """Known entities by name key, per type, with a fuzzy fallback."""

    by_key: dict[tuple[EntityType, str], Entity] = field(default_factory=dict)
    keys: dict[EntityType, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, known: Iterable[Entity]) -> EntityIndex:
        index = cls()
        for entity in known:
            index.add(entity)
        return index

    def add(self, entity: Entity) -> None:
        for name in entity.all_names():
            key = name_key(name)
            if key and (entity.type, key) not in self.by_key:
                self.by_key[(entity.type, key)] = entity
                self.keys.setdefault(entity.type, []).append(key)

    def resolve(self, ref: EntityRef) -> Entity:
        """The known entity ``ref`` names, or a new one."""
        key = name_key(ref.name)
        hit = self.by_key.get((ref.type, key))
        if hit is not None:
            return hit
        choices = self.keys.get(ref.type, [])
        # Short names are too easy to confuse ("Arm" vs "Ark"): exact matches only.
        if choices and len(key) >= 6:
            best = process.extractOne(
                key, choices, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_THRESHOLD
            )
            if best is not None:
                return self.by_key[(ref.type, best[0])]
        entity = Entity.named(ref.name, ref.type)
        self.add(entity)
        return entity


def to_batch(
    document: Document, facts: Sequence[ExtractedFact], known: Iterable[Entity] = ()
) -> Batch:
    """The store batch for one document: its entities and its facts with evidence.

    Statements of the same triple in the document become one fact with one
    evidence per sentence; time and qualifiers are merged (an ending wins).
    """
    index = EntityIndex.of(known)
    entities: dict[str, Entity] = {}
    merged: dict[tuple[str, Relation, str], Fact] = {}
    for fx in facts:
        subject, obj = index.resolve(fx.subject), index.resolve(fx.object)
        if subject.id == obj.id:
            continue  # two names for one thing: not a relation
        entities.setdefault(subject.id, subject)
        entities.setdefault(obj.id, obj)
        evidence = Evidence(
            document_id=document.id,
            sentence=fx.sentence,
            start=fx.start,
            end=fx.end,
            url=document.url,
            published=document.published,
            extractor=fx.extractor,
            confidence=fx.confidence,
        )
        fact = Fact(
            subject=subject.id,
            relation=fx.relation,
            object=obj.id,
            valid_from=fx.valid_from,
            valid_to=fx.valid_to,
            qualifiers=dict(fx.qualifiers),
            stated_at=document.published,
            confidence=fx.confidence,
            evidence=(evidence,),
        )
        key = (fact.subject, fact.relation, fact.object)  # canonical order for symmetric ones
        merged[key] = _merge(merged[key], fact) if key in merged else fact
    return Batch(entities=tuple(entities.values()), facts=tuple(merged.values()), document=document)


def _merge(a: Fact, b: Fact) -> Fact:
    quals = dict(b.qualifiers)
    quals.update(a.qualifiers)
    status = max(
        (q["status"] for q in (a.qualifiers, b.qualifiers) if "status" in q),
        key=lambda s: _STATUS_RANK.get(s, 0),
        default=None,
    )
    if status is not None:
        quals["status"] = status
    starts = [d for d in (a.valid_from, b.valid_from) if d is not None]
    ends = [d for d in (a.valid_to, b.valid_to) if d is not None]
    valid_from, valid_to = (min(starts) if starts else None), (max(ends) if ends else None)
    if valid_from and valid_to and valid_to.end_day() <= valid_from.first_day():
        valid_from = None
    evidence = a.evidence + tuple(e for e in b.evidence if e.id not in {x.id for x in a.evidence})
    return a.with_changes(
        valid_from=valid_from,
        valid_to=valid_to,
        qualifiers=quals,
        confidence=max(a.confidence, b.confidence),
        evidence=evidence,
    )
