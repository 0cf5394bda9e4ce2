"""The store protocol: the few methods every backend implements, and its capabilities.

Everything else (relations of an entity, timelines, paths, snapshots) is
written once in :mod:`graph.queries` on top of these methods.

Backends are chosen by URL and imported lazily, so ``import graph`` never
needs a backend's driver:

    >>> store = open_store("sqlite:///:memory:")
    >>> store.find_entities("micro")
    []

Capabilities are optional speed-ups (or extras) a backend may offer: each is a
small ``runtime_checkable`` protocol that callers test with ``isinstance``, never
a method looked up by name, and each has one fallback over the required methods,
written once. ``memory://`` (:mod:`graph.stores.memory`) implements none of them,
so the contract suite runs every fallback.

Capability (method) → the function that uses it and holds its fallback:

- :class:`FactsOfEntity` (``find_facts_of``) → :func:`graph.queries.relations`
- :class:`EntitiesById` (``get_entities``) → :func:`graph.queries.entities_by_id`
- :class:`EdgesAsOf` (``edges_as_of``) → :func:`graph.queries.as_of_edges`
- :class:`FactsById` (``facts_by_id``) → :func:`graph.queries.facts_by_id`
- :class:`EntityListing` (``all_entities``) → :func:`graph.queries.all_entities`
- :class:`DocumentTitles` (``document_titles``) → :func:`graph.queries.document_titles`
- :class:`DocumentHashes` (``has_document``) → :func:`graph.queries.has_document`
- :class:`Revisioned` (``revision``) → :func:`graph.queries.revision`
- :class:`DocumentFacts` (``facts_citing``) → :func:`graph.queries.facts_citing`
- :class:`CorrectionLog` (``corrections``) → :func:`graph.history.corrections`

Capabilities defined next to their one user, which decides what to do without them:
:class:`graph.names.EntityKeyLookup` (resolution by name key; else an index of
:func:`graph.queries.all_entities` built once), :class:`graph.fetchstate.FetchStateStore`
(feed fetch records; else kept in memory for the process),
:class:`graph.rdf_import.RestoringStore` (a lossless import; else one write per fact)
and ``api.routers.cypher.CypherReader`` (read-only Cypher; else 409).
"""

from __future__ import annotations

import importlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple, Protocol, TypeGuard, TypeVar, runtime_checkable

from graph.errors import InvalidInput
from graph.model import Batch, Document, Entity, EntityType, Fact, Relation, WriteResult

#: URL scheme → "module:Class" of the backend; imported only when used.
BACKENDS: dict[str, str] = {
    "memory": "graph.stores.memory:MemoryStore",
    "sqlite": "graph.stores.sqlite:SQLiteStore",
    "neo4j": "graph.stores.neo4j:Neo4jStore",
    "bolt": "graph.stores.neo4j:Neo4jStore",
    "neo4j+s": "graph.stores.neo4j:Neo4jStore",
    "bolt+s": "graph.stores.neo4j:Neo4jStore",
}


@dataclass(frozen=True, slots=True)
class FactPattern:
    """Which facts to find. ``None`` matches anything.

    ``as_of`` filters on valid time (the fact holds that day); ``known_at`` on
    transaction time (the store knew it then and had not superseded it). With
    ``known_at=None`` only facts not superseded today are returned; set
    ``include_superseded`` to see every version.
    """

    subject: str | None = None
    relation: Relation | None = None
    object: str | None = None
    as_of: date | None = None
    known_at: datetime | None = None
    include_superseded: bool = False
    limit: int | None = None
    fact_id: str | None = None


#: A fact as a bare graph edge: ``(fact_id, subject, object, relation value)``.
Edge = tuple[str, str, str, str]


class Correction(NamedTuple):
    """A retraction as recorded: the fact, the evidence (``None``: the whole fact), why, when."""

    fact_id: str
    evidence_id: str | None
    reason: str
    recorded_at: datetime


@runtime_checkable
class FactsOfEntity(Protocol):
    """Capability: the facts an entity takes part in, at either end, in one read.

    Optional; :func:`graph.queries.relations` falls back to ``find_facts`` per end.
    """

    def find_facts_of(
        self,
        entity_id: str,
        relation: Relation | None = None,
        as_of: date | None = None,
        known_at: datetime | None = None,
    ) -> Iterator[Fact]:
        """Facts whose subject or object is ``entity_id``, as ``find_facts`` would give them."""
        ...


@runtime_checkable
class EntitiesById(Protocol):
    """Capability: many entities in one read.

    Optional; :func:`graph.queries.entities_by_id` falls back to ``get_entity`` per id.
    """

    def get_entities(self, entity_ids: Iterable[str]) -> dict[str, Entity]:
        """The stored entities among ``entity_ids``, by id (unknown ids are left out)."""
        ...


@runtime_checkable
class EdgesAsOf(Protocol):
    """Capability: the facts holding on a day as bare :data:`Edge` tuples, no evidence.

    Optional; :func:`graph.queries.as_of_edges` falls back to ``find_facts``.
    """

    def edges_as_of(
        self,
        day: date | None,
        known_at: datetime | None = None,
        relations: Sequence[Relation] | None = None,
    ) -> Iterator[Edge]:
        """The edges ``find_facts`` would give per relation in turn (all when none given)."""
        ...


@runtime_checkable
class FactsById(Protocol):
    """Capability: many facts by id in one read.

    Optional; :func:`graph.queries.facts_by_id` falls back to ``find_facts`` per id.
    """

    def facts_by_id(
        self, fact_ids: Iterable[str], day: date | None, known_at: datetime | None = None
    ) -> Iterable[Fact]:
        """The facts with these ids that hold on ``day`` as known at ``known_at``."""
        ...


@runtime_checkable
class EntityListing(Protocol):
    """Capability: every entity, streamed.

    Optional; :func:`graph.queries.all_entities` falls back to ``find_entities``
    with no filter.
    """

    def all_entities(self) -> Iterator[Entity]:
        """Every stored entity."""
        ...


@runtime_checkable
class DocumentTitles(Protocol):
    """Capability: many documents' titles in one read (the RDF export's fast path).

    Optional; :func:`graph.queries.document_titles` falls back to ``get_document``.
    """

    def document_titles(self, document_ids: Collection[str]) -> dict[str, str]:
        """``{id: title}`` for the stored documents among ``document_ids`` that have one."""
        ...


@runtime_checkable
class DocumentHashes(Protocol):
    """Capability: whether a document's content is stored, by its content hash.

    Optional; :func:`graph.queries.has_document` falls back to ``get_document``.
    """

    def has_document(self, content_hash: str) -> bool:
        """Whether a document with this content hash is stored (idempotent ingestion)."""
        ...


@runtime_checkable
class Revisioned(Protocol):
    """Capability: a change marker, a counter bumped by every committed write or retraction.

    Optional; :func:`graph.queries.revision` answers ``None`` without it (caches
    then age by time).
    """

    def revision(self) -> int:
        """The current revision; it grows with every write or retraction that changes something."""
        ...


@runtime_checkable
class DocumentFacts(Protocol):
    """Capability: the current facts a document's live evidence supports, from an index.

    Optional; :func:`graph.queries.facts_citing` falls back to reading every current fact.
    """

    def facts_citing(self, document_id: str) -> Iterable[Fact]:
        """Current facts with evidence from ``document_id`` that is not retracted."""
        ...


@runtime_checkable
class CorrectionLog(Protocol):
    """Capability: the retractions recorded in a transaction-time window, with their reasons.

    Optional; :func:`graph.history.corrections` falls back to reading them off the
    fact versions (no reasons).
    """

    def corrections(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[Correction]:
        """Retractions recorded in ``[since, until)`` (``None``: unbounded), oldest first."""
        ...


@runtime_checkable
class Store(Protocol):
    """What a backend provides. Writes are atomic per :class:`Batch` (and per retraction)."""

    def write(self, batch: Batch) -> WriteResult:
        """Store a document (optional), its entities and facts in one transaction.

        Facts already stored (same id) are merged: evidence is added, dates
        refined. A document whose content hash is already stored is skipped.
        """
        ...

    def find_facts(self, pattern: FactPattern) -> Iterator[Fact]:
        """Facts matching the pattern, with their evidence."""
        ...

    def get_entity(self, entity_id: str) -> Entity:
        """The entity with that id; :class:`graph.errors.NotFound` otherwise."""
        ...

    def find_entities(
        self, query: str | None = None, type: EntityType | None = None, limit: int = 20
    ) -> list[Entity]:
        """Entities whose name or an alias contains ``query`` (case-insensitive), best first:
        the exact name, a name prefix, an exact alias, an alias prefix, then any substring;
        ties by degree (current facts), then by name."""
        ...

    def get_document(self, document_id: str) -> Document:
        """A stored document; :class:`graph.errors.NotFound` otherwise."""
        ...

    def retract(self, fact_id: str, evidence_id: str | None = None, reason: str = "") -> Fact:
        """Retract a fact or one piece of its evidence in transaction time (never erased)."""
        ...

    def close(self) -> None: ...


Capability = TypeVar("Capability")


def offers(store: object, capability: type[Capability]) -> TypeGuard[Capability]:
    """Whether ``store`` offers ``capability`` (one of the protocols above).

    The answer of ``isinstance(store, capability)``, decided once per class of store
    (capabilities are methods of the class): a runtime protocol check looks every
    method up on each call, which costs microseconds on the hottest read paths.
    """
    key = (type(store), capability)
    known = _OFFERED.get(key)
    if known is None:
        known = _OFFERED[key] = isinstance(store, capability)
    return known


#: (class of store, capability) → offered; grows by one entry per pair ever asked.
_OFFERED: dict[tuple[type, type], bool] = {}


def open_store(url: str) -> Store:
    """Open a backend by URL: ``sqlite:///path.db``, ``sqlite:///:memory:``, ``neo4j://…``,
    ``memory://`` (the reference store, :mod:`graph.stores.memory`)."""
    scheme, sep, _ = url.partition("://")
    if not sep:
        raise InvalidInput(f"invalid store URL {url!r}: expected e.g. sqlite:///partnergraph.db")
    target = BACKENDS.get(scheme.lower())
    if target is None:
        raise InvalidInput(
            f"unknown store scheme {scheme!r} in {url!r}; known: {', '.join(sorted(BACKENDS))}"
        )
    module_name, _, class_name = target.partition(":")
    module = importlib.import_module(module_name)
    store: Store = getattr(module, class_name).from_url(url)
    return store
