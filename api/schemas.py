"""Response models: the API's own shapes, apart from the graph model.

The vocabulary enums (relation, entity type, date precision) are shared with
``graph.model`` because they *are* the public vocabulary; the dataclasses
(``Entity``, ``Fact``, ``Evidence``) never leave the API: :mod:`api.mapping`
copies them into these models.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.model import EntityType, Precision, Relation

Direction = Literal["out", "in", "both"]


class EntityRefOut(BaseModel):
    """One end of a fact: enough to show it and to link to it."""

    id: str = Field(examples=["microsoft"])
    name: str = Field(examples=["Microsoft"])
    type: EntityType


class EntityOut(EntityRefOut):
    aliases: list[str] = Field(examples=[["MSFT", "Microsoft Corporation"]])
    wikidata: str | None = Field(examples=["Q2283"])


class EvidenceOut(BaseModel):
    """One statement of a fact: which document said it, in which words, where."""

    id: str
    document_id: str
    url: str | None
    published: date | None
    sentence: str
    start: int | None = Field(description="Character offset of the sentence in the document")
    end: int | None = Field(description="Exclusive end offset")
    extractor: str
    confidence: float = Field(ge=0, le=1)


class FactOut(BaseModel):
    """``subject —relation→ object`` with valid time, transaction time and evidence."""

    id: str
    subject: EntityRefOut
    relation: Relation
    object: EntityRefOut
    valid_from: str | None = Field(
        description="ISO 8601 date at the precision the source supports: 2019, 2025-08, 2025-08-28",
        examples=["2019"],
    )
    valid_to: str | None = Field(description="Same format as valid_from; null = open")
    valid_from_precision: Precision | None
    valid_to_precision: Precision | None
    qualifiers: dict[str, Any] = Field(examples=[{"status": "strained"}])
    stated_at: date | None = Field(description="Publication date of the latest statement")
    recorded_at: datetime | None = Field(description="When the store learned this version")
    superseded_at: datetime | None = Field(description="When a later statement replaced it")
    confidence: float = Field(ge=0, le=1)
    evidence: list[EvidenceOut]


class EntityListOut(BaseModel):
    items: list[EntityOut]
    count: int = Field(description="Number of items in this answer")


class FactListOut(BaseModel):
    as_of: date | None = Field(
        description="The valid-time day the answer is for; null when all_time=true"
    )
    known_at: datetime | None = Field(
        description="The transaction-time moment; null = as the store knows it now"
    )
    items: list[FactOut]
    count: int = Field(description="Number of items in this answer")


class RelationsOut(FactListOut):
    entity: EntityRefOut
    direction: Direction


class HealthOut(BaseModel):
    status: Literal["ok"]
    store: str = Field(description="The backend kind, e.g. sqlite", examples=["sqlite"])
    version: str


class ProblemParameterOut(BaseModel):
    parameter: str | None = Field(description="The request parameter at fault", examples=["as_of"])
    message: str


class ProblemOut(BaseModel):
    """An error, as RFC 9457 ``application/problem+json``."""

    model_config = ConfigDict(title="Problem", extra="allow")

    type: str = Field(description="Problem type identifier; about:blank for plain HTTP errors")
    title: str
    status: int
    detail: str
    instance: str = Field(description="The request path")
    name_tried: str | None = Field(
        default=None, description="404 for an entity: the id or name looked up"
    )
    suggestions: list[str] | None = Field(default=None, description="404: close entity names")
    errors: list[ProblemParameterOut] | None = Field(
        default=None, description="422: one item per invalid parameter"
    )


# -- examples shown in the OpenAPI document -------------------------------------------

EXAMPLE_ENTITY: dict[str, Any] = {
    "id": "microsoft",
    "name": "Microsoft",
    "type": "Organization",
    "aliases": ["MSFT"],
    "wikidata": "Q2283",
}

EXAMPLE_FACT: dict[str, Any] = {
    "id": "f-3f1c0a9e2b7d4c51",
    "subject": {"id": "microsoft", "name": "Microsoft", "type": "Organization"},
    "relation": "partners_with",
    "object": {"id": "openai", "name": "OpenAI", "type": "Organization"},
    "valid_from": "2019",
    "valid_to": None,
    "valid_from_precision": "year",
    "valid_to_precision": None,
    "qualifiers": {"status": "strained"},
    "stated_at": "2025-09-11",
    "recorded_at": "2026-01-05T09:30:00.000000+00:00",
    "superseded_at": None,
    "confidence": 0.9,
    "evidence": [
        {
            "id": "ev-8b2e51f0c3a94d17",
            "document_id": "seed",
            "url": "https://example.com/microsoft-ai-models",
            "published": "2025-09-11",
            "sentence": "Microsoft, which has partnered with OpenAI since 2019, ...",
            "start": 118,
            "end": 301,
            "extractor": "curated",
            "confidence": 0.9,
        }
    ],
}

EXAMPLE_FACT_LIST: dict[str, Any] = {
    "as_of": "2025-09-11",
    "known_at": None,
    "items": [EXAMPLE_FACT],
    "count": 1,
}

EXAMPLE_RELATIONS: dict[str, Any] = {
    "entity": {"id": "microsoft", "name": "Microsoft", "type": "Organization"},
    "direction": "both",
    **EXAMPLE_FACT_LIST,
}
