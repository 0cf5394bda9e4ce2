"""The embedded default store: one SQLite file, WAL, foreign keys, versioned schema.

All SQL lives in this backend, in modules by concern:

- :mod:`graph.stores.sqlite_schema`: the tables and indexes, their migrations,
  and the connections (:class:`~graph.stores.sqlite_schema.SQLiteDatabase`);
- :mod:`graph.stores.sqlite_rows`: the row shape of every SELECT, and the one
  mapper from rows to model objects (:class:`~graph.stores.sqlite_rows.RowDecoder`);
- :mod:`graph.stores.sqlite_read`: every read;
- :mod:`graph.stores.sqlite_write`: batches, retractions and imports, which
  persist the change sets :mod:`graph.changeset` decides.

Facts are kept bitemporally in one table of *versions*: the current version of
a fact has ``superseded_at IS NULL``; when a new statement changes its dates,
qualifiers or status, the current row is superseded (transaction time) and a new
version is inserted. Nothing is ever deleted, so "as known at K" is a filter on
``recorded_at``/``superseded_at``.
"""

from __future__ import annotations

from graph.errors import InvalidInput
from graph.store import (
    CorrectionLog,
    DocumentFacts,
    DocumentHashes,
    DocumentTitles,
    EdgesAsOf,
    EntitiesById,
    EntityListing,
    FactsById,
    FactsOfEntity,
    Revisioned,
)
from graph.stores.sqlite_schema import MIGRATIONS, SCHEMA_VERSION
from graph.stores.sqlite_write import SQLiteWrites

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "SQLiteStore"]


class SQLiteStore(
    SQLiteWrites,
    FactsOfEntity,
    EntitiesById,
    EdgesAsOf,
    FactsById,
    EntityListing,
    DocumentTitles,
    DocumentHashes,
    Revisioned,
    CorrectionLog,
    DocumentFacts,
):
    """A :class:`graph.store.Store` in one SQLite file (or in memory).

    It offers every capability of :mod:`graph.store` (the bases, which mypy checks).
    Its reads are :class:`~graph.stores.sqlite_read.SQLiteReads`, its writes
    :class:`~graph.stores.sqlite_write.SQLiteWrites`.
    """

    @classmethod
    def from_url(cls, url: str) -> SQLiteStore:
        """``sqlite:///relative.db``, ``sqlite:////absolute.db`` or ``sqlite:///:memory:``."""
        _, _, rest = url.partition("://")
        if not rest.startswith("/"):
            raise InvalidInput(f"invalid SQLite URL {url!r}: expected sqlite:///path.db")
        path = rest[1:]
        if not path:
            raise InvalidInput(f"invalid SQLite URL {url!r}: no file path")
        return cls(path)
