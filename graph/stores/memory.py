"""An in-memory store: the reference implementation of :class:`graph.store.Store`.

Plain dicts and tuples, meant to be read in one sitting (the model is rdflib's
``plugins/stores/memory.py``). It implements the required methods and none of the
capabilities of :mod:`graph.store`, so every query over it takes the fallback that
:mod:`graph.queries` and :mod:`graph.history` write once; the contract suite runs on
it for that reason. Every read scans: simple and correct, not fast.

    >>> from graph import open_store
    >>> store = open_store("memory://")
    >>> store.find_entities("micro")
    []

Its tables (:class:`_Tables`):

- ``documents``: document id → :class:`Document`; ``hashes``: content hash → document id;
- ``entities``: entity id → :class:`Entity` (its aliases are read from ``names``);
- ``names``: entity id → every name stored for it, in the order added, one per
  case-folded spelling (the name first, then aliases);
- ``versions``: every version of every fact in the order recorded, each a :class:`Fact`
  without evidence whose ``superseded_at`` is set when a later version replaces it;
  ``current``: fact id → the index of its current version (none once retracted);
- ``evidence``: fact id → its statements in the order added, each with when it was
  recorded and, once a reviewer retracted it, when that happened;
- ``corrections``: why facts or statements were retracted, in the order recorded
  (kept as every backend keeps them; reading them back is the
  :class:`graph.store.CorrectionLog` capability, which this store leaves out).

What a write or a retraction does to the versions is not decided here but in
:class:`graph.changeset.ChangeSetBuilder`, as for every backend. The store's part,
and all a new backend has to write:

1. :func:`_load`: the current version and every evidence row (retracted ones too)
   of the facts named, into the builder;
2. :func:`_load_holders`: the current holders at the ends of a one-at-a-time role,
   when the builder first asks for them;
3. :func:`_persist`: the :class:`~graph.changeset.ChangeSet` it decides, kind by
   kind, in the order documented there.

Writes are atomic: a write works on a copy of the tables (containers of frozen values,
so a shallow copy is enough) and publishes it when done, so a failing batch leaves
nothing behind and a reader never sees half of one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from graph.changeset import ChangeSet, ChangeSetBuilder, End, end_of, stamp
from graph.errors import InvalidInput, NotFound, StoreUnavailable
from graph.model import (
    Batch,
    Document,
    Entity,
    EntityType,
    Evidence,
    Fact,
    WriteResult,
)
from graph.store import FactPattern

#: The smallest step of transaction time (what the SQLite backend stores, too).
_TICK = timedelta(microseconds=1)


class _Name(NamedTuple):
    """One stored name of an entity."""

    text: str
    folded: str
    is_alias: bool


class _Statement(NamedTuple):
    """One piece of evidence as stored for a fact."""

    id: str
    evidence: Evidence
    recorded_at: datetime
    retracted_at: datetime | None = None

    def known_at(self, moment: datetime | None) -> bool:
        """Live now (``moment`` None), or recorded and not yet retracted at ``moment``."""
        if moment is None:
            return self.retracted_at is None
        return self.recorded_at <= moment and (
            self.retracted_at is None or moment < self.retracted_at
        )


def _statement_order(s: _Statement) -> tuple[bool, date, datetime, str]:
    # The contract's evidence order: published (unknown first), recorded, id.
    published = s.evidence.published
    return (published is not None, published or date.min, s.recorded_at, s.id)


class _Correction(NamedTuple):
    """Why a fact (``evidence_id`` None) or one statement of it was retracted, and when."""

    fact_id: str
    evidence_id: str | None
    reason: str
    recorded_at: datetime


@dataclass(slots=True)
class _Tables:
    """Everything the store holds (see the module docstring)."""

    documents: dict[str, Document] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    names: dict[str, tuple[_Name, ...]] = field(default_factory=dict)
    versions: list[Fact] = field(default_factory=list)
    current: dict[str, int] = field(default_factory=dict)
    evidence: dict[str, tuple[_Statement, ...]] = field(default_factory=dict)
    corrections: list[_Correction] = field(default_factory=list)

    def copy(self) -> _Tables:
        return _Tables(
            dict(self.documents),
            dict(self.hashes),
            dict(self.entities),
            dict(self.names),
            list(self.versions),
            dict(self.current),
            dict(self.evidence),
            list(self.corrections),
        )

    def entity(self, entity_id: str) -> Entity:
        stored = self.entities[entity_id]
        aliases = tuple(n.text for n in self.names[entity_id] if n.is_alias)
        return replace(stored, aliases=aliases)

    def with_evidence(self, version: Fact, known_at: datetime | None = None) -> Fact:
        """A version with its fact's evidence as known at ``known_at`` (None: live now)."""
        statements = [s for s in self.evidence.get(version.id, ()) if s.known_at(known_at)]
        statements.sort(key=_statement_order)
        return replace(version, evidence=tuple(s.evidence for s in statements))


class MemoryStore:
    """A :class:`graph.store.Store` in this process's memory, gone when it ends."""

    def __init__(self) -> None:
        self._tables: _Tables | None = _Tables()
        self._lock = threading.Lock()  # one writer at a time; readers take a published copy
        self._last = datetime.min.replace(tzinfo=UTC)

    @classmethod
    def from_url(cls, url: str) -> MemoryStore:
        """``memory://``: a new, empty store."""
        if url.lower() != "memory://":
            raise InvalidInput(f"invalid memory store URL {url!r}: expected memory://")
        return cls()

    def close(self) -> None:
        """Drop everything; the store answers :class:`StoreUnavailable` from then on."""
        self._tables = None

    def _open(self) -> _Tables:
        if self._tables is None:
            raise StoreUnavailable("the memory store is closed")
        return self._tables

    def _now(self) -> datetime:
        """Transaction time: now, and always after the previous write's."""
        self._last = max(datetime.now(UTC), self._last + _TICK)
        return self._last

    # -- writes ---------------------------------------------------------------------

    def write(self, batch: Batch) -> WriteResult:
        """:meth:`graph.store.Store.write`: the document, the entities, then the facts as
        :meth:`ChangeSetBuilder.add` decides them; all of it or nothing."""
        with self._lock:
            tables = self._open().copy()
            builder = ChangeSetBuilder(self._now())
            document_id = None
            if batch.document is not None:
                doc = batch.document
                if doc.content_hash in tables.hashes:
                    return WriteResult(tables.hashes[doc.content_hash], True, 0, 0, 0)
                if doc.id in tables.documents:
                    raise InvalidInput(
                        f"document id {doc.id!r} is already stored with other content"
                    )
                document_id = doc.id
                tables.documents[doc.id] = replace(doc, doc_id=doc.id)
                tables.hashes[doc.content_hash] = doc.id
            added_entities = sum(_upsert_entity(tables, e) for e in batch.entities)
            ids = tuple(f.id for f in batch.facts)
            _load(tables, builder, dict.fromkeys(ids))
            added = builder.add(
                batch.facts, ids, tables.entities, lambda ends: _load_holders(tables, builder, ends)
            )
            _persist(tables, builder.changes())
            self._tables = tables
        return WriteResult(document_id, False, added, len(ids) - added, added_entities, ids)

    def retract(self, fact_id: str, evidence_id: str | None = None, reason: str = "") -> Fact:
        """:meth:`graph.store.Store.retract`, as :meth:`ChangeSetBuilder.retract` decides it."""
        with self._lock:
            tables = self._open().copy()
            builder = ChangeSetBuilder(self._now())
            _load(tables, builder, [fact_id])
            retracted = builder.retract(fact_id, evidence_id, reason)
            _persist(tables, builder.changes())
            self._tables = tables
        return retracted

    # -- reads ----------------------------------------------------------------------

    def find_facts(self, pattern: FactPattern) -> Iterator[Fact]:
        """:meth:`graph.store.Store.find_facts`: versions in the order recorded."""
        tables = self._open()
        known = _utc(pattern.known_at) if pattern.known_at is not None else None
        found: list[Fact] = []
        for version in tables.versions:
            if pattern.limit is not None and len(found) >= pattern.limit:
                break
            if not _matches(version, pattern, known):
                continue
            found.append(tables.with_evidence(version, known))
        yield from found

    def get_entity(self, entity_id: str) -> Entity:
        """:meth:`graph.store.Store.get_entity`."""
        tables = self._open()
        if entity_id not in tables.entities:
            raise NotFound("entity", entity_id)
        return tables.entity(entity_id)

    def find_entities(
        self, query: str | None = None, type: EntityType | None = None, limit: int = 20
    ) -> list[Entity]:
        """:meth:`graph.store.Store.find_entities`: every entity scanned and ranked."""
        tables = self._open()
        needle = query.strip().casefold() if query is not None and query.strip() else None
        found = [
            entity_id
            for entity_id, entity in tables.entities.items()
            if (type is None or entity.type == EntityType(type))
            and (needle is None or any(needle in n.folded for n in tables.names[entity_id]))
        ]
        if needle is None:
            found.sort(key=lambda entity_id: tables.entities[entity_id].name)
        else:
            degree = _degrees(tables)
            found.sort(
                key=lambda entity_id: (
                    min(_rank(n, needle) for n in tables.names[entity_id]),
                    -degree.get(entity_id, 0),
                    tables.entities[entity_id].name,
                )
            )
        return [tables.entity(entity_id) for entity_id in found[: max(limit, 0)]]

    def get_document(self, document_id: str) -> Document:
        """:meth:`graph.store.Store.get_document`."""
        tables = self._open()
        if document_id not in tables.documents:
            raise NotFound("document", document_id)
        return tables.documents[document_id]


# -- what a write does ---------------------------------------------------------------


def _upsert_entity(tables: _Tables, entity: Entity) -> bool:
    """Add an entity, or a stored one's new names and missing Wikidata id; True if new."""
    stored = tables.entities.get(entity.id)
    if stored is None:
        tables.entities[entity.id] = replace(entity, aliases=())
    elif stored.wikidata is None and entity.wikidata:
        tables.entities[entity.id] = replace(stored, wikidata=entity.wikidata)
    names = tables.names.get(entity.id, ())
    folded = {n.folded for n in names}
    for i, text in enumerate(entity.all_names()):
        if text.casefold() not in folded:
            folded.add(text.casefold())
            names += (_Name(text, text.casefold(), i > 0),)
    tables.names[entity.id] = names
    return stored is None


# -- what a write reads and persists (graph.changeset decides the rest) -------------------


def _load(tables: _Tables, builder: ChangeSetBuilder, fact_ids: Iterable[str]) -> None:
    """Put ``fact_ids`` as stored into ``builder``: the current version of each (if any;
    its row is its index in ``versions``) and every evidence row, retracted ones too."""
    for fact_id in fact_ids:
        index = tables.current.get(fact_id)
        if index is None:
            builder.load(fact_id, None)
        else:
            version = tables.versions[index]
            recorded = stamp(version.recorded_at) if version.recorded_at else ""
            builder.load(fact_id, version, index, recorded)
        for s in tables.evidence.get(fact_id, ()):
            live = s.evidence if s.retracted_at is None else None
            builder.load_evidence(fact_id, s.id, stamp(s.recorded_at), live)


def _load_holders(tables: _Tables, builder: ChangeSetBuilder, ends: set[End]) -> None:
    """The current holders at ``ends`` that ``builder`` does not know yet, into it."""
    holders = [
        fact_id
        for fact_id, index in tables.current.items()
        if end_of(tables.versions[index]) in ends and not builder.knows(fact_id)
    ]
    _load(tables, builder, holders)


def _persist(tables: _Tables, changes: ChangeSet) -> None:
    """The change set's rows, kind by kind in the order of its fields: a fact has one
    current version at every step."""
    now = changes.now
    for retraction in changes.retracted:
        tables.evidence[retraction.fact_id] = tuple(
            s._replace(retracted_at=now) if s.id == retraction.evidence_id else s
            for s in tables.evidence[retraction.fact_id]
        )
    tables.corrections += [
        _Correction(c.fact_id, c.evidence_id, c.reason, now) for c in changes.corrections
    ]
    for touch in changes.touched:
        version = tables.versions[touch.row]
        tables.versions[touch.row] = replace(
            version, confidence=touch.confidence, stated_at=touch.stated_at
        )
    for superseded in changes.superseded:
        version = tables.versions[superseded.row]
        tables.versions[superseded.row] = replace(version, superseded_at=now)
        del tables.current[superseded.fact_id]
    for new in changes.versions:
        if new.superseded_at is None:
            tables.current[new.fact_id] = len(tables.versions)
        tables.versions.append(
            replace(
                new.fact,
                recorded_at=new.recorded_at,
                superseded_at=new.superseded_at,
                evidence=(),
            )
        )
    for row in changes.evidence:
        statement = _Statement(row.evidence_id, row.evidence, row.recorded_at)
        tables.evidence[row.fact_id] = (*tables.evidence.get(row.fact_id, ()), statement)


# -- what a read compares ------------------------------------------------------------


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _matches(version: Fact, pattern: FactPattern, known: datetime | None) -> bool:
    if pattern.fact_id is not None and version.id != pattern.fact_id:
        return False
    if pattern.subject is not None and version.subject != pattern.subject:
        return False
    if pattern.object is not None and version.object != pattern.object:
        return False
    if pattern.relation is not None and version.relation != pattern.relation:
        return False
    if pattern.as_of is not None and not version.holds_at(pattern.as_of):
        return False
    if known is not None:
        return version.known_at(known)
    return pattern.include_superseded or version.superseded_at is None


def _degrees(tables: _Tables) -> dict[str, int]:
    """Current facts per entity (either end): search's tie-break."""
    degree: dict[str, int] = {}
    for index in tables.current.values():
        version = tables.versions[index]
        for end in (version.subject, version.object):
            degree[end] = degree.get(end, 0) + 1
    return degree


def _rank(name: _Name, needle: str) -> int:
    """The exact name 0, a name prefix 1, the exact alias 2, an alias prefix 3, else 4."""
    if name.folded == needle:
        return 2 * name.is_alias
    if name.folded.startswith(needle):
        return 1 + 2 * name.is_alias
    return 4
