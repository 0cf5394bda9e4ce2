"""The store protocol: the few methods every backend implements.

Everything else (relations of an entity, timelines, paths, snapshots) is
written once in :mod:`graph.queries` on top of these methods.

Backends are chosen by URL and imported lazily, so ``import graph`` never
needs a backend's driver:

    >>> store = open_store("sqlite:///:memory:")
    >>> store.find_entities("micro")
    []
"""

from __future__ import annotations

import importlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, runtime_checkable

from graph.errors import InvalidInput
from graph.model import Batch, Document, Entity, EntityType, Fact, Relation, WriteResult

#: URL scheme → "module:Class" of the backend; imported only when used.
BACKENDS: dict[str, str] = {
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


@runtime_checkable
class DocumentTitles(Protocol):
    """Capability: many documents' titles in one read (the RDF export's fast path).

    Optional; :func:`graph.queries.document_titles` falls back to ``get_document``.
    """

    def document_titles(self, document_ids: Collection[str]) -> dict[str, str]:
        """``{id: title}`` for the stored documents among ``document_ids`` that have one."""
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


def open_store(url: str) -> Store:
    """Open a backend by URL: ``sqlite:///path.db``, ``sqlite:///:memory:``, ``neo4j://…``."""
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
