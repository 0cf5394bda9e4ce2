"""Relationship queries, written once over the :class:`graph.store.Store` protocol.

Every function takes a store and plain values and returns model objects, so
the CLI, the API and the RDF export share one meaning of "Microsoft's
relations as of 2025-09-11":

    >>> from datetime import date
    >>> from graph import open_store
    >>> store = open_store("sqlite:///:memory:")
    >>> relations(store, "microsoft", as_of=date(2025, 9, 11))
    []

Time defaults follow the ontology: with no ``as_of`` a query answers for
today; with no ``known_at``, as the store knows it now. ``as_of=ANY_TIME``
drops the valid-time filter (the whole history of current knowledge).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Literal

import networkx as nx
from rapidfuzz import fuzz, process

from graph.errors import InvalidInput, NotFound
from graph.model import Document, Entity, EntityType, Fact, Relation
from graph.store import (
    DocumentFacts,
    DocumentHashes,
    DocumentTitles,
    Edge,
    EdgesAsOf,
    EntitiesById,
    EntityListing,
    FactPattern,
    FactsById,
    FactsOfEntity,
    Revisioned,
    Store,
    offers,
)

Direction = Literal["out", "in", "both"]


class _AnyTime(Enum):
    ANY_TIME = "any"


#: Pass as ``as_of`` to ignore valid time.
ANY_TIME = _AnyTime.ANY_TIME
AsOf = date | None | _AnyTime


def _as_of(value: AsOf) -> date | None:
    if value is ANY_TIME:
        return None
    if value is None:
        return date.today()
    assert isinstance(value, date)
    return value


def facts(
    store: Store,
    subject: str | None = None,
    relation: Relation | None = None,
    object: str | None = None,
    *,
    as_of: AsOf = None,
    known_at: datetime | None = None,
    limit: int | None = None,
) -> list[Fact]:
    """Facts matching a pattern (``None`` = any end or relation).

    A symmetric relation is stored in canonical order, so the pattern is tried
    both ways round for it.
    """
    day = _as_of(as_of)
    # The limit applies after sorting, so a page is the first N in answer order.
    found = list(store.find_facts(FactPattern(subject, relation, object, day, known_at)))
    symmetric_possible = relation is None or relation.symmetric
    if symmetric_possible and subject != object and (subject or object):
        seen = {f.id for f in found}
        for f in store.find_facts(FactPattern(object, relation, subject, day, known_at)):
            if f.relation.symmetric and f.id not in seen:
                found.append(f)
    found.sort(key=_fact_order)
    return found[:limit] if limit is not None else found


def relations(
    store: Store,
    entity_id: str,
    *,
    as_of: AsOf = None,
    known_at: datetime | None = None,
    relation: Relation | None = None,
    direction: Direction = "both",
    limit: int | None = None,
) -> list[Fact]:
    """The facts an entity takes part in.

    ``direction="out"``: the entity is the subject; ``"in"``: the object;
    symmetric relations count in both directions.
    """
    if direction not in ("out", "in", "both"):
        raise InvalidInput(f"invalid direction {direction!r}: expected out, in or both")
    day = _as_of(as_of)
    if offers(store, FactsOfEntity):
        # The store's fast path: one query over both ends (no fact relates an entity to
        # itself, so no fact comes back twice).
        found = [
            f
            for f in store.find_facts_of(entity_id, relation, day, known_at)
            if direction == "both"
            or f.relation.symmetric
            or (f.subject if direction == "out" else f.object) == entity_id
        ]
        found.sort(key=_fact_order)
        return found[:limit] if limit is not None else found
    by_id: dict[str, Fact] = {}
    if direction in ("out", "both"):
        for f in store.find_facts(FactPattern(entity_id, relation, None, day, known_at)):
            by_id[f.id] = f
    for f in store.find_facts(FactPattern(None, relation, entity_id, day, known_at)):
        if direction in ("in", "both") or f.relation.symmetric:
            by_id[f.id] = f
    if direction == "in":
        for f in store.find_facts(FactPattern(entity_id, relation, None, day, known_at)):
            if f.relation.symmetric:
                by_id[f.id] = f
    found = sorted(by_id.values(), key=_fact_order)
    return found[:limit] if limit is not None else found


def _fact_order(f: Fact) -> tuple[str, tuple[int, int, int], str, str]:
    # Relation, start, ends. A Relation is a str equal to its value (``.value`` is a slow
    # enum descriptor); (year, month or 0, day or 0) sorts as the start's ISO text
    # ("" < "2025" < "2025-01" < "2025-01-01") without formatting it, the costliest step.
    vf = f.valid_from
    start = (vf.year, vf.month or 0, vf.day or 0) if vf else (0, 0, 0)
    return (f.relation, start, f.subject, f.object)


def search_entities(
    store: Store, q: str | None = None, type: EntityType | None = None, limit: int = 20
) -> list[Entity]:
    """Entities whose name or alias contains ``q`` (case-insensitive), best first: the exact
    name, a name prefix, an exact alias, an alias prefix, then any substring; ties by degree.
    """
    if limit < 1:
        raise InvalidInput(f"limit must be at least 1, got {limit}")
    return store.find_entities(q, type, limit=limit)


def resolve_entity(store: Store, key: str) -> Entity:
    """An entity by id, or by exact name or alias (case-insensitive).

    Raises :class:`NotFound` carrying close matches when nothing fits.
    """
    key = key.strip()
    if not key:
        raise InvalidInput("an entity id or name is required")
    try:
        return store.get_entity(key)
    except NotFound:
        pass
    folded = key.casefold()
    candidates = store.find_entities(key, None, limit=50)
    for e in candidates:
        if folded in (n.casefold() for n in e.all_names()):
            return e
    raise NotFound("entity", key, suggestions=suggest(store, key))


def suggest(store: Store, key: str, limit: int = 5) -> list[str]:
    """Names close to ``key``, for "did you mean" answers."""
    pool: dict[str, Entity] = {}
    for probe in {key, key[:3], key[:1]}:
        if probe.strip():
            for e in store.find_entities(probe, None, limit=200):
                pool[e.id] = e
    choices = {e.id: e.name for e in pool.values()}
    ranked = process.extract(key, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
    return [name for name, _score, _id in ranked]


def entities_by_id(store: Store, ids: Iterable[str]) -> dict[str, Entity]:
    """The entities behind a set of ids (for rendering both ends of facts)."""
    wanted = list(dict.fromkeys(ids))
    if offers(store, EntitiesById):  # the store's fast path: a few queries for all of them
        found = store.get_entities(wanted)
        if all(entity_id in found for entity_id in wanted):
            return {entity_id: found[entity_id] for entity_id in wanted}
    # One by one; an id not stored raises NotFound.
    return {entity_id: store.get_entity(entity_id) for entity_id in wanted}


def snapshot(
    store: Store,
    as_of: AsOf = None,
    known_at: datetime | None = None,
    relations_: Sequence[Relation] | None = None,
) -> nx.MultiDiGraph:
    """The graph as of a date, for path and neighbourhood algorithms.

    Nodes are entity ids with ``name`` and ``type``; each edge is a fact keyed
    by its id with ``relation`` and the fact itself under ``fact``. Symmetric
    facts are added in both directions so directed algorithms see them.
    """
    day = _as_of(as_of)
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    wanted = list(relations_) if relations_ else [None]
    fact_list: list[Fact] = []
    for rel in wanted:
        fact_list.extend(store.find_facts(FactPattern(None, rel, None, day, known_at)))
    ends = entities_by_id(store, (e for f in fact_list for e in (f.subject, f.object)))
    for entity in ends.values():
        graph.add_node(entity.id, name=entity.name, type=entity.type.value)
    for f in fact_list:
        graph.add_edge(f.subject, f.object, key=f.id, relation=f.relation.value, fact=f)
        if f.relation.symmetric:
            graph.add_edge(f.object, f.subject, key=f.id, relation=f.relation.value, fact=f)
    return graph


def as_of_edges(
    store: Store,
    as_of: AsOf = None,
    known_at: datetime | None = None,
    relations_: Sequence[Relation] | None = None,
) -> Iterator[Edge]:
    """The facts holding on a day as bare ``(fact_id, subject, object, relation)`` tuples.

    The same facts, in the same order, as :func:`snapshot` reads (per relation
    in turn, else all), for building lean graphs: the store's ``edges_as_of``
    (:class:`~graph.store.EdgesAsOf`) when it offers one (no evidence, no fact objects),
    else ``find_facts``.
    """
    day = _as_of(as_of)
    if offers(store, EdgesAsOf):
        yield from store.edges_as_of(day, known_at, list(relations_ or ()))
        return
    for rel in list(relations_) if relations_ else [None]:
        for f in store.find_facts(FactPattern(None, rel, None, day, known_at)):
            yield (f.id, f.subject, f.object, f.relation.value)


def facts_by_id(
    store: Store, ids: Iterable[str], as_of: AsOf = None, known_at: datetime | None = None
) -> dict[str, Fact]:
    """The facts with these ids holding on ``as_of`` as known at ``known_at``, by id.

    Ids of facts that do not hold then are left out. Uses the store's
    ``facts_by_id`` (:class:`~graph.store.FactsById`) when it offers one (a few
    queries for all of them), else one ``find_facts`` per id.
    """
    day = _as_of(as_of)
    wanted = list(dict.fromkeys(ids))
    if offers(store, FactsById):
        return {f.id: f for f in store.facts_by_id(wanted, day, known_at)}
    found: dict[str, Fact] = {}
    for fact_id in wanted:
        pattern = FactPattern(as_of=day, known_at=known_at, fact_id=fact_id)
        for f in store.find_facts(pattern):
            found[f.id] = f
    return found


def document_titles(store: Store, document_ids: Collection[str]) -> dict[str, str]:
    """``{id: title}`` for the stored documents among ``document_ids`` that have a title.

    A store with the :class:`~graph.store.DocumentTitles` capability answers in one
    read; otherwise each document is fetched (ids that name no stored document,
    such as a curated file's source, are skipped).
    """
    if offers(store, DocumentTitles):
        return store.document_titles(document_ids)
    titles: dict[str, str] = {}
    for document_id in document_ids:
        try:
            title = store.get_document(document_id).title
        except NotFound:
            continue
        if title:
            titles[document_id] = title
    return titles


#: ``find_entities``'s limit that means "all of them" (an int every backend binds).
_EVERY = 2**62


def all_entities(store: Store) -> Iterator[Entity]:
    """Every entity: ``all_entities()`` when the backend has it
    (:class:`~graph.store.EntityListing`), else the protocol's ``find_entities`` with
    no filter (for exports, gazetteers, and name indexes of stores without a key index).
    """
    if offers(store, EntityListing):
        yield from store.all_entities()
    else:
        yield from store.find_entities(None, None, limit=_EVERY)


def has_document(store: Store, document: Document) -> bool:
    """Whether ``document``'s content is already stored, so ingesting it would be skipped.

    A store with the :class:`~graph.store.DocumentHashes` capability looks the content
    hash up; otherwise the document is fetched by its id, and by the id its content
    alone gives, and the content compared (content stored under some other explicit
    ``doc_id`` is not seen here, but :meth:`~graph.store.Store.write` still skips it).
    """
    if offers(store, DocumentHashes):
        return store.has_document(document.content_hash)
    for document_id in dict.fromkeys((document.id, Document(document.text).id)):
        try:
            stored = store.get_document(document_id)
        except NotFound:
            continue
        if stored.content_hash == document.content_hash:
            return True
    return False


def revision(store: Store) -> int | None:
    """The store's change marker (:class:`~graph.store.Revisioned`), else ``None``.

    Equal revisions mean nothing was written in between; ``None`` means the store
    cannot tell, so a cache must age its entries by time or be invalidated by hand.
    """
    return store.revision() if offers(store, Revisioned) else None


def listed_order(fact: Fact) -> tuple[str, str, str]:
    """The order facts are listed in: by relation, subject, object."""
    return (fact.relation.value, fact.subject, fact.object)


def facts_citing(store: Store, document_id: str) -> list[Fact]:
    """The current facts with live evidence from a document, by relation, subject, object.

    A store with the :class:`~graph.store.DocumentFacts` capability reads them through
    its evidence index; otherwise every current fact is read and filtered.
    """
    if offers(store, DocumentFacts):
        found = list(store.facts_citing(document_id))
    else:
        found = [
            f
            for f in store.find_facts(FactPattern())
            if any(e.document_id == document_id for e in f.evidence)
        ]
    return sorted(found, key=listed_order)
