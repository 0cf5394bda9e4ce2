"""Response schemas for history: one fact's record, timelines and the change feed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from api.schemas import EXAMPLE_FACT, EntityRefOut, FactOut


class StatusEventOut(BaseModel):
    on: str | None = Field(description="When the status took effect, at its precision")
    status: str
    evidence_id: str
    published: date | None


class FactRecordOut(BaseModel):
    """A fact with its evidence, its status events and every version the store recorded."""

    fact: FactOut
    retracted: bool = Field(description="True when the fact was retracted as a whole")
    status_events: list[StatusEventOut]
    versions: list[FactOut] = Field(description="Transaction history, oldest first")


class TimelineOut(BaseModel):
    entity: EntityRefOut
    known_at: datetime | None
    items: list[FactOut] = Field(description="Every relation, ordered by start (unknown first)")
    count: int


class ChangeOut(BaseModel):
    kind: Literal["started", "ended", "corrected"]
    on: str = Field(description="A valid-time day (started, ended) or a transaction time")
    detail: str
    fact: FactOut


class ChangesOut(BaseModel):
    since: date
    until: date | None
    items: list[ChangeOut]
    count: int


EXAMPLE_RECORD: dict[str, Any] = {
    "fact": EXAMPLE_FACT,
    "retracted": False,
    "status_events": [
        {"on": "2019-07", "status": "active", "evidence_id": "ev-1", "published": "2019-07-22"},
        {
            "on": "2025-09-11",
            "status": "strained",
            "evidence_id": "ev-2",
            "published": "2025-09-11",
        },
    ],
    "versions": [EXAMPLE_FACT],
}

EXAMPLE_CHANGES: dict[str, Any] = {
    "since": "2025-01-01",
    "until": "2026-01-01",
    "items": [{"kind": "started", "on": "2025-08-01", "detail": "2025-08", "fact": EXAMPLE_FACT}],
    "count": 1,
}
