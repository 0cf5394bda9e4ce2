"""Cursor pagination for every list endpoint: ``limit`` + an opaque ``cursor``.

A cursor is base64url of ``<offset>.<query hash>``: the offset of the next
page, bound to the query it came from (path and parameters except ``cursor``
and ``limit``), so a cursor replayed on another query answers 422 naming
``cursor`` instead of a page of something else. The next page is announced in
a ``Link`` header (RFC 8288), bodies keep their shape::

    Link: </facts?relation=partners_with&limit=50&cursor=NTAuM2Y...>; rel="next"

A handler asks its query for ``page.fetch`` items (one more than the page
needs, to know whether another page follows) and returns ``page.window(items,
request, response)``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import Depends, Query, Request, Response

from api.deps import LimitDep
from graph.errors import InvalidInput

T = TypeVar("T")

#: Deeper than this is a scan, not a page: narrow the query instead.
MAX_OFFSET = 1_000_000
_SKIPPED = {"cursor", "limit"}

CursorParam = Annotated[
    str | None,
    Query(
        max_length=200,
        description=(
            'Opaque: the next page, from the `Link: <…>; rel="next"` header of the previous '
            "answer. Bound to the query it came from (422 on another one)."
        ),
        openapi_examples={"next": {"summary": "A next-page cursor", "value": "NTAuOWYxYzA0YjI"}},
    ),
]


def query_hash(request: Request) -> str:
    """What a cursor is bound to: the path and every parameter but cursor and limit."""
    items = sorted((k, v) for k, v in request.query_params.multi_items() if k not in _SKIPPED)
    raw = request.url.path + "?" + urlencode(items)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:12]


def encode_cursor(offset: int, bound_to: str) -> str:
    return base64.urlsafe_b64encode(f"{offset}.{bound_to}".encode()).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, bound_to: str) -> int:
    """The offset in ``cursor``; 422 naming ``cursor`` when malformed or from another query."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
        offset_text, _, bound = text.partition(".")
        offset = int(offset_text)
    except (ValueError, UnicodeError, binascii.Error):
        raise InvalidInput("not a cursor this server issued", where="cursor") from None
    if bound != bound_to:
        raise InvalidInput(
            "this cursor belongs to another query; start again without it", where="cursor"
        )
    if not 0 <= offset <= MAX_OFFSET:
        raise InvalidInput("not a cursor this server issued", where="cursor")
    return offset


@dataclass(frozen=True, slots=True)
class Page:
    offset: int
    limit: int
    #: The query hash; None when no cursor came in (worked out only if a next page follows).
    bound_to: str | None

    @property
    def fetch(self) -> int:
        """How many items to ask the query for (this page and one to see past it)."""
        return self.offset + self.limit + 1

    def window(self, items: Sequence[T], request: Request, response: Response) -> list[T]:
        """This page of ``items`` (the query's first ``fetch``); sets ``Link`` when more follow."""
        page = list(items[self.offset : self.offset + self.limit])
        if len(items) > self.offset + self.limit:
            bound_to = self.bound_to if self.bound_to is not None else query_hash(request)
            cursor = encode_cursor(self.offset + self.limit, bound_to)
            url = request.url.include_query_params(cursor=cursor, limit=self.limit)
            target = url.path + "?" + url.query
            response.headers["Link"] = f'<{target}>; rel="next"'
        return page


async def get_page(request: Request, limit: LimitDep, cursor: CursorParam = None) -> Page:
    # Most requests come without a cursor and end within one page: hash only when needed.
    if not cursor:
        return Page(offset=0, limit=limit, bound_to=None)
    bound_to = query_hash(request)
    return Page(offset=decode_cursor(cursor, bound_to), limit=limit, bound_to=bound_to)


PageDep = Annotated[Page, Depends(get_page)]

#: The ``headers`` entry of a list endpoint's 200 response in OpenAPI.
LINK_HEADER: dict[str, Any] = {
    "Link": {
        "description": 'The next page, when there is one: `<url>; rel="next"` (RFC 8288)',
        "schema": {"type": "string"},
        "example": '</facts?relation=partners_with&limit=50&cursor=NTAuOWYxYzA0YjI>; rel="next"',
    }
}
