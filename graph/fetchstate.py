"""What the feed follower has seen: one record per fetched URL, kept in the store.

The follower (:mod:`loaders.follow`) persists, per feed URL, the validators the
server gave (``etag``, ``last_modified``) and when it last fetched it; per
article URL, the same plus the content hash and id of the document it ingested
and a ``fingerprint`` of the feed entry that named it. A restarted follower
reads them back, so it sends conditional requests and never ingests an article
twice.

Keeping them is an optional store capability, :class:`FetchStateStore`, checked
with ``isinstance``; both backends have it. For a store without it,
:class:`MemoryFetchState` keeps the records for the life of the process:

>>> state = MemoryFetchState()
>>> state.save_fetch_record(FetchRecord("https://example.org/feed.xml", "feed", etag='"v1"'))
>>> state.fetch_record("https://example.org/feed.xml").etag
'"v1"'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from graph.errors import InvalidInput

#: The kinds of URL the follower keeps a record for.
FETCH_KINDS = ("feed", "page")


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """The last known state of one fetched URL (a feed or an article page).

    ``content_hash``/``document_id``: the document the page's text became (None
    for feeds, and for a page that could not become a document). ``fingerprint``:
    a hash of the feed entry that led to the page, so the page is requested again
    only when its entry changes.
    """

    url: str
    kind: str
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    document_id: str | None = None
    fingerprint: str | None = None
    fetched_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.kind not in FETCH_KINDS:
            raise InvalidInput(f"unknown fetch record kind {self.kind!r}; known: feed, page")


@runtime_checkable
class FetchStateStore(Protocol):
    """A store that keeps :class:`FetchRecord` s (both backends do)."""

    def fetch_record(self, url: str) -> FetchRecord | None:
        """The record for ``url``, or None if it was never saved."""
        ...

    def save_fetch_record(self, record: FetchRecord) -> None:
        """Insert or replace the record for ``record.url`` (one transaction)."""
        ...


class MemoryFetchState:
    """Records for the life of the process: the fallback for a store without the capability."""

    def __init__(self) -> None:
        self._records: dict[str, FetchRecord] = {}

    def fetch_record(self, url: str) -> FetchRecord | None:
        return self._records.get(url)

    def save_fetch_record(self, record: FetchRecord) -> None:
        self._records[record.url] = record


def fetch_state_of(store: object) -> tuple[FetchStateStore, bool]:
    """Where to keep fetch records for ``store``: the store itself when it can,
    else a :class:`MemoryFetchState`. The flag says whether they persist."""
    if isinstance(store, FetchStateStore):
        return store, True
    return MemoryFetchState(), False
