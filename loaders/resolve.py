"""Resolution: extracted names → store entities, extracted facts → one ``Batch``.

A name resolves by its *key* (:func:`graph.names.name_key`: case-folded, legal
suffix, "the" and possessive removed), never by which names happened to be seen
before it, so the graph does not depend on how the input was split into runs
or ordered within one:

1. an entity already resolved in this run, or one stored with a name or alias of
   that key (:class:`graph.names.EntityKeyLookup`, an index hit in SQLite and
   Neo4j), is the answer;
2. else, for a key of six characters or more, rapidfuzz looks for a very close
   key among the **reference** names only (the gazetteer, or the ``known``
   entities given to :func:`to_batch`), within a bounded block of candidates
   that share a word or a prefix with it;
3. else a new entity whose id is the slug of the key, so "Acme Corp" seen first
   and "Acme Corporation" seen first give the same entity ``acme``.

Why this is order-independent by design: steps 1 and 3 give the same id for a
key whether or not an earlier document stored it (the stored entity *is* the one
step 3 would make), and step 2 compares only with a fixed vocabulary, never with
names earlier documents introduced (fuzzy merging among those would depend on
which came first: A≈B and B≈C but not A≈C). The one thing order still picks is
the display name of an entity several spellings share (the first one stored).
Curated entities are reference data: load them before the articles that name them.

The fuzzy threshold is deliberately high: a duplicate entity can be merged
later, a wrong merge silently corrupts every fact that touches it.

>>> from graph.model import Document
>>> batch = to_batch(Document("…", doc_id="d"), [])
>>> batch.facts
()
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Protocol

from rapidfuzz import fuzz, process

from graph import queries
from graph.model import (
    Batch,
    Document,
    Entity,
    EntityType,
    Evidence,
    Fact,
    Relation,
    slugify,
)
from graph.names import EntityKeyLookup, name_key
from graph.store import Store
from loaders.extract.types import EntityRef, ExtractedFact

__all__ = [
    "FUZZY_THRESHOLD",
    "EntityIndex",
    "EntityResolver",
    "FuzzyBlock",
    "name_key",
    "new_entity",
    "to_batch",
]

#: token_sort_ratio at or above this merges a name into a reference entity.
FUZZY_THRESHOLD = 92
#: Keys shorter than this match exactly only ("Arm" vs "Ark").
FUZZY_MIN_CHARS = 6
#: The most candidates one block offers the fuzzy scorer (a very common word).
BLOCK_CAP = 256
_STATUS_RANK = {"ended": 5, "renegotiating": 4, "strained": 3, "active": 2, "announced": 1}


class Resolves(Protocol):
    def resolve(self, ref: EntityRef) -> Entity: ...


def new_entity(name: str, type: EntityType, aliases: Iterable[str] = ()) -> Entity:
    """A new entity for ``name``: its id is the slug of the name's key, not of the spelling.

    >>> new_entity("Acme Corp.", EntityType.ORGANIZATION).id
    'acme'
    """
    key = name_key(name)
    made = Entity.named(name, type, aliases)
    return Entity(slugify(key), made.name, made.type, made.aliases) if key else made


def _blocks(key: str) -> set[str]:
    """The blocks a key falls in: each word of 3+ characters, and its sorted words' prefix."""
    words = key.split()
    found = {w for w in words if len(w) >= 3}
    found.add("^" + "".join(sorted(words))[:4])
    return found


class FuzzyBlock:
    """Reference keys per type, blocked by word and by prefix, for rapidfuzz.

    A lookup scores only the keys that share a block with the query (at most
    ``BLOCK_CAP`` per block), never the whole vocabulary.
    """

    def __init__(self) -> None:
        self._blocks: dict[tuple[EntityType, str], list[str]] = {}
        self._known: set[tuple[EntityType, str]] = set()

    def add(self, type: EntityType, key: str) -> None:
        if len(key) < FUZZY_MIN_CHARS or (type, key) in self._known:
            return
        self._known.add((type, key))
        for block in _blocks(key):
            members = self._blocks.setdefault((type, block), [])
            if len(members) < BLOCK_CAP:
                members.append(key)

    def closest(self, type: EntityType, key: str) -> str | None:
        """The reference key very close to ``key`` (token_sort_ratio ≥ FUZZY_THRESHOLD)."""
        if len(key) < FUZZY_MIN_CHARS:
            return None
        candidates = sorted(
            {c for b in _blocks(key) for c in self._blocks.get((type, b), ()) if c != key}
        )
        if not candidates:
            return None
        best = process.extractOne(
            key, candidates, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_THRESHOLD
        )
        return None if best is None else str(best[0])


class EntityIndex:
    """Entities given up front, by name key per type, with a blocked fuzzy fallback.

    The resolver of :func:`to_batch` when it is given ``known`` entities (the
    API's one-document path); an ingest run uses :class:`EntityResolver`.
    """

    def __init__(self) -> None:
        self.by_key: dict[tuple[EntityType, str], Entity] = {}
        self.fuzzy = FuzzyBlock()

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
                self.fuzzy.add(entity.type, key)

    def get(self, type: EntityType, key: str) -> Entity | None:
        return self.by_key.get((type, key))

    def resolve(self, ref: EntityRef) -> Entity:
        """The known entity ``ref`` names, or a new one."""
        key = name_key(ref.name)
        hit = self.by_key.get((ref.type, key))
        if hit is not None:
            return hit
        close = self.fuzzy.closest(ref.type, key)
        if close is not None:
            return self.by_key[(ref.type, close)]
        entity = new_entity(ref.name, ref.type)
        self.by_key[(ref.type, key)] = entity  # within the document, not a fuzzy target
        return entity


@lru_cache(maxsize=1)
def gazetteer_index() -> EntityIndex:
    """The reference vocabulary of an ingest: the gazetteer's entities (data in the repo)."""
    from loaders.extract import resources

    return EntityIndex.of(
        new_entity(name, etype, aliases) for name, etype, aliases in resources.gazetteer()
    )


class EntityResolver:
    """One per ingest run: names → entities through the store's name-key index.

    Lookups hit, in turn, an LRU of this run's answers (entities created by the
    run stay in it until written), the store's index
    (:class:`graph.names.EntityKeyLookup`; for a store without one, its entities
    read once), and the reference vocabulary, exact then fuzzy. The cost of a
    name does not grow with the store, and start-up reads nothing.
    """

    def __init__(
        self,
        store: object | None = None,
        reference: EntityIndex | None = None,
        *,
        cache_size: int = 200_000,
    ) -> None:
        self._lookup = store if isinstance(store, EntityKeyLookup) else None
        self._stored: EntityIndex | None = None
        if self._lookup is None and isinstance(store, Store):  # a store without the key index
            self._stored = EntityIndex.of(queries.all_entities(store))
        self.reference = reference if reference is not None else gazetteer_index()
        self._cache: OrderedDict[tuple[EntityType, str], Entity] = OrderedDict()
        self._cache_size = cache_size
        #: Store lookups made (for benchmarks: one per new key, not per mention).
        self.store_lookups = 0

    def _remember(self, type: EntityType, key: str, entity: Entity) -> None:
        self._cache[(type, key)] = entity
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def prefetch(self, refs: Iterable[EntityRef]) -> None:
        """Look up every key of ``refs`` not yet known in one store read per type."""
        if self._lookup is None:
            return
        wanted: dict[EntityType, set[str]] = {}
        for ref in refs:
            key = name_key(ref.name)
            if key and (ref.type, key) not in self._cache:
                wanted.setdefault(ref.type, set()).add(key)
        for etype, keys in wanted.items():
            self.store_lookups += 1
            for key, found in self._lookup.entities_by_key(etype, keys).items():
                self._remember(etype, key, found[0])

    def _from_store(self, type: EntityType, key: str) -> Entity | None:
        if self._stored is not None:
            return self._stored.get(type, key)
        if self._lookup is None:
            return None
        self.store_lookups += 1
        found = self._lookup.entities_by_key(type, [key]).get(key)
        return found[0] if found else None

    def _exact(self, type: EntityType, key: str) -> Entity | None:
        hit = self._cache.get((type, key))
        if hit is not None:
            self._cache.move_to_end((type, key))
            return hit
        return self._from_store(type, key) or self.reference.get(type, key)

    def resolve(self, ref: EntityRef) -> Entity:
        """The entity ``ref`` names: stored, reference, or new (see the module's docstring)."""
        key = name_key(ref.name)
        entity = self._exact(ref.type, key) if key else None
        if entity is None and key:
            close = self.reference.fuzzy.closest(ref.type, key)
            if close is not None:
                entity = self._exact(ref.type, close)
        if entity is None:
            entity = new_entity(ref.name, ref.type)
        if key:
            self._remember(ref.type, key, entity)
        return entity


def to_batch(
    document: Document,
    facts: Sequence[ExtractedFact],
    known: Iterable[Entity] = (),
    *,
    resolver: Resolves | None = None,
) -> Batch:
    """The store batch for one document: its entities and its facts with evidence.

    Names resolve with ``resolver`` (an ingest run's :class:`EntityResolver`), else
    against ``known``. Statements of the same triple in the document become one
    fact with one evidence per sentence; time and qualifiers are merged (an
    ending wins).
    """
    index: Resolves
    if resolver is None:
        index = EntityIndex.of(known)
    else:
        index = resolver
        if isinstance(resolver, EntityResolver):
            resolver.prefetch(r for fx in facts for r in (fx.subject, fx.object))
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
