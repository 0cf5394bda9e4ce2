"""partnergraph's graph layer: the fact model, the store protocol, backends and queries.

>>> from graph import open_store, queries
>>> store = open_store("sqlite:///:memory:")
>>> queries.relations(store, "microsoft")
[]
"""

from graph.errors import Conflict, GraphError, InvalidInput, NotFound, StoreUnavailable
from graph.model import (
    Batch,
    Document,
    Entity,
    EntityType,
    Evidence,
    Fact,
    PartialDate,
    Precision,
    Relation,
    WriteResult,
)
from graph.store import FactPattern, Store, open_store

__all__ = [
    "Batch",
    "Conflict",
    "Document",
    "Entity",
    "EntityType",
    "Evidence",
    "Fact",
    "FactPattern",
    "GraphError",
    "InvalidInput",
    "NotFound",
    "PartialDate",
    "Precision",
    "Relation",
    "Store",
    "StoreUnavailable",
    "WriteResult",
    "open_store",
]
