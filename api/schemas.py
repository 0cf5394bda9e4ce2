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


# -- graph: paths, neighbourhoods, rankings (api/routers/graph.py, api/graph_answers.py) -


class PathHopOut(BaseModel):
    """One step of a path: two entities and every fact that links them at the date."""

    source: EntityRefOut
    target: EntityRefOut
    facts: list[FactOut] = Field(description="The facts between the two, each with evidence")


class PathOut(BaseModel):
    length: int = Field(description="Number of hops", examples=[2])
    nodes: list[EntityRefOut] = Field(description="From source to target")
    hops: list[PathHopOut]


class PathsOut(BaseModel):
    source: EntityRefOut
    target: EntityRefOut
    as_of: date
    known_at: datetime | None
    max_hops: int
    relations: list[Relation] = Field(description="The relations followed; empty = all")
    items: list[PathOut] = Field(description="Shortest first, at most k")
    count: int


class GraphNodeOut(EntityRefOut):
    """A node ready for drawing."""

    depth: int = Field(description="Hops from the centre (0 = the centre)")


class GraphEdgeOut(BaseModel):
    """An edge ready for drawing: one fact, with its ends as node ids."""

    id: str = Field(description="The fact id", examples=["f-3f1c0a9e2b7d4c51"])
    source: str = Field(description="Subject id (for symmetric relations, canonical order)")
    target: str = Field(description="Object id")
    relation: Relation
    symmetric: bool
    state: Literal["valid", "ended"] = Field(
        description="`valid`: holds at as_of; `ended`: held before as_of and has ended"
    )
    fact: FactOut


class NeighbourhoodOut(BaseModel):
    center: EntityRefOut
    as_of: date
    known_at: datetime | None
    depth: int
    nodes: list[GraphNodeOut]
    edges: list[GraphEdgeOut]


class RankingOut(BaseModel):
    rank: int = Field(description="1 = most central", examples=[1])
    entity: EntityRefOut
    degree: int = Field(description="Facts the entity takes part in at the date")
    pagerank: float = Field(description="PageRank over the undirected fact graph (sums to 1)")


class RankingsOut(BaseModel):
    as_of: date
    known_at: datetime | None
    relations: list[Relation]
    order: Literal["pagerank", "degree"]
    items: list[RankingOut]
    count: int


# -- documents (api/routers/documents.py) ----------------------------------------------


class DocumentIn(BaseModel):
    """One article to ingest: plain ``text`` or URL-less ``html`` (exactly one)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="The article as plain text")
    html: str | None = Field(
        default=None, description="The article as an HTML page (its body is extracted)"
    )
    published: date = Field(description="Publication date, YYYY-MM-DD", examples=["2025-09-11"])
    url: str | None = Field(default=None, max_length=2000, description="Where it was published")
    title: str | None = Field(default=None, max_length=500)
    doc_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        pattern=r"^[\w.:-]+$",
        description="Your id for it; default: doc-<content hash>",
    )


class DocumentOut(BaseModel):
    id: str = Field(examples=["doc-5c8a0e3f1b2d4e6f"])
    url: str | None
    title: str | None
    published: date | None
    content_hash: str
    text: str


class IngestOut(BaseModel):
    document: DocumentOut
    skipped: bool = Field(description="True when the same content was already stored")
    facts_added: int
    facts_merged: int
    entities_added: int
    items: list[FactOut] = Field(description="The facts this article produced, as stored")
    count: int


EXAMPLE_PATHS: dict[str, Any] = {
    "source": {"id": "nvidia", "name": "Nvidia", "type": "Organization"},
    "target": {"id": "openai", "name": "OpenAI", "type": "Organization"},
    "as_of": "2025-09-11",
    "known_at": None,
    "max_hops": 4,
    "relations": [],
    "items": [
        {
            "length": 2,
            "nodes": [
                {"id": "nvidia", "name": "Nvidia", "type": "Organization"},
                {"id": "microsoft", "name": "Microsoft", "type": "Organization"},
                {"id": "openai", "name": "OpenAI", "type": "Organization"},
            ],
            "hops": [
                {
                    "source": {"id": "nvidia", "name": "Nvidia", "type": "Organization"},
                    "target": {"id": "microsoft", "name": "Microsoft", "type": "Organization"},
                    "facts": [
                        {
                            **EXAMPLE_FACT,
                            "id": "f-9a1b2c3d4e5f6071",
                            "subject": {"id": "nvidia", "name": "Nvidia", "type": "Organization"},
                            "relation": "supplies",
                            "object": {
                                "id": "microsoft",
                                "name": "Microsoft",
                                "type": "Organization",
                            },
                            "valid_from": "2023-03",
                            "valid_from_precision": "month",
                            "qualifiers": {"product": "H100"},
                        }
                    ],
                },
                {
                    "source": {"id": "microsoft", "name": "Microsoft", "type": "Organization"},
                    "target": {"id": "openai", "name": "OpenAI", "type": "Organization"},
                    "facts": [EXAMPLE_FACT],
                },
            ],
        }
    ],
    "count": 1,
}

EXAMPLE_NEIGHBOURHOOD: dict[str, Any] = {
    "center": {"id": "microsoft", "name": "Microsoft", "type": "Organization"},
    "as_of": "2025-09-11",
    "known_at": None,
    "depth": 1,
    "nodes": [
        {"id": "microsoft", "name": "Microsoft", "type": "Organization", "depth": 0},
        {"id": "openai", "name": "OpenAI", "type": "Organization", "depth": 1},
    ],
    "edges": [
        {
            "id": EXAMPLE_FACT["id"],
            "source": "microsoft",
            "target": "openai",
            "relation": "partners_with",
            "symmetric": True,
            "state": "valid",
            "fact": EXAMPLE_FACT,
        }
    ],
}

EXAMPLE_RANKINGS: dict[str, Any] = {
    "as_of": "2025-09-11",
    "known_at": None,
    "relations": [],
    "order": "pagerank",
    "items": [
        {
            "rank": 1,
            "entity": {"id": "microsoft", "name": "Microsoft", "type": "Organization"},
            "degree": 4,
            "pagerank": 0.31,
        },
        {
            "rank": 2,
            "entity": {"id": "openai", "name": "OpenAI", "type": "Organization"},
            "degree": 2,
            "pagerank": 0.18,
        },
    ],
    "count": 2,
}

EXAMPLE_DOCUMENT: dict[str, Any] = {
    "id": "doc-5c8a0e3f1b2d4e6f",
    "url": "https://example.com/microsoft-ai-models",
    "title": "Microsoft unveils its own AI models",
    "published": "2025-09-11",
    "content_hash": "5c8a0e3f1b2d4e6f" + "0" * 48,
    "text": "Microsoft, which has partnered with OpenAI since 2019, unveiled ...",
}

EXAMPLE_INGEST: dict[str, Any] = {
    "document": EXAMPLE_DOCUMENT,
    "skipped": False,
    "facts_added": 1,
    "facts_merged": 0,
    "entities_added": 2,
    "items": [EXAMPLE_FACT],
    "count": 1,
}
