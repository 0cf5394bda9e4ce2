"""Fetch state in Neo4j (:class:`graph.fetchstate.FetchStateStore`), mixed into ``Neo4jStore``.

One node per fetched URL, apart from the graph of facts (nothing links to it)::

    (:FetchState {url, kind, etag, last_modified, content_hash, document_id,
                  fingerprint, fetched_at})

``url`` is unique (:data:`FETCH_STATE_SCHEMA`, part of the backend's schema);
``fetched_at`` is a UTC ``datetime``. Every value is a bound parameter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

import neo4j

from graph.fetchstate import FetchRecord

T = TypeVar("T")

FETCH_STATE_SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT fetch_state_url IF NOT EXISTS FOR (s:FetchState) REQUIRE s.url IS UNIQUE",
)

_GET_FETCH_STATE = """
MATCH (s:FetchState {url: $url})
RETURN s.url AS url, s.kind AS kind, s.etag AS etag, s.last_modified AS last_modified,
       s.content_hash AS content_hash, s.document_id AS document_id,
       s.fingerprint AS fingerprint, s.fetched_at AS fetched_at
"""

_SAVE_FETCH_STATE = """
MERGE (s:FetchState {url: $url})
SET s.kind = $kind, s.etag = $etag, s.last_modified = $last_modified,
    s.content_hash = $content_hash, s.document_id = $document_id,
    s.fingerprint = $fingerprint, s.fetched_at = $fetched_at
"""


class _Runs(Protocol):
    """What the mixin needs from ``Neo4jStore``: its translated read and write helpers."""

    def _read(self, query: str, **params: Any) -> list[neo4j.Record]: ...

    def _write(self, work: Callable[[neo4j.ManagedTransaction], T]) -> T: ...


def _moment(value: Any) -> datetime | None:
    if value is None:
        return None
    native = value.to_native() if hasattr(value, "to_native") else value
    return native if isinstance(native, datetime) else None


class Neo4jFetchState:
    """The two fetch-state methods; a mixin of :class:`graph.stores.neo4j.Neo4jStore`."""

    def fetch_record(self: _Runs, url: str) -> FetchRecord | None:
        """What the feed follower last saw at ``url``, or None."""
        records = self._read(_GET_FETCH_STATE, url=url)
        if not records:
            return None
        row = records[0]
        return FetchRecord(
            url=row["url"],
            kind=row["kind"],
            etag=row["etag"],
            last_modified=row["last_modified"],
            content_hash=row["content_hash"],
            document_id=row["document_id"],
            fingerprint=row["fingerprint"],
            fetched_at=_moment(row["fetched_at"]),
        )

    def save_fetch_record(self: _Runs, record: FetchRecord) -> None:
        """Insert or replace the record for ``record.url`` (one transaction)."""
        fetched = record.fetched_at
        if fetched is not None:
            fetched = (fetched if fetched.tzinfo else fetched.replace(tzinfo=UTC)).astimezone(UTC)
        params = {
            "url": record.url,
            "kind": record.kind,
            "etag": record.etag,
            "last_modified": record.last_modified,
            "content_hash": record.content_hash,
            "document_id": record.document_id,
            "fingerprint": record.fingerprint,
            "fetched_at": fetched,
        }
        self._write(lambda tx: tx.run(_SAVE_FETCH_STATE, params).consume())
