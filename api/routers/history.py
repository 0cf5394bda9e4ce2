"""History: one fact's full record, an entity's timeline, and the change feed."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import AfterValidator, BeforeValidator

from api import mapping
from api.auth import WriteAuthDep, auth_responses
from api.deps import StoreDep
from api.errors import problem_responses
from api.pagination import LINK_HEADER, PageDep
from api.params import EntityKeyPath, KnownAtParam, iso_day, no_nul
from api.schemas import EXAMPLE_FACT_LIST
from api.schemas_history import (
    EXAMPLE_CHANGES,
    EXAMPLE_RECORD,
    ChangesOut,
    FactRecordOut,
    TimelineOut,
)
from api.state import invalidate_snapshots
from graph import history, queries
from graph.errors import InvalidInput

router = APIRouter(tags=["history"])

FactIdPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=100,
        description="A fact id (f-…)",
        openapi_examples={"fact": {"summary": "A fact", "value": "f-3f1c0a9e2b7d4c51"}},
    ),
]
SinceParam = Annotated[
    date,
    BeforeValidator(iso_day),
    Query(
        description="Window start (inclusive), YYYY-MM-DD",
        openapi_examples={"year": {"summary": "Since 2025", "value": "2025-01-01"}},
    ),
]
UntilParam = Annotated[
    date | None,
    BeforeValidator(iso_day),
    Query(
        description="Window end (exclusive), YYYY-MM-DD; default: open",
        openapi_examples={"year": {"summary": "Until 2026", "value": "2026-01-01"}},
    ),
]
EntityFilterParam = Annotated[
    str | None,
    AfterValidator(no_nul),
    Query(
        max_length=300,
        description="Only changes involving this entity (id, name or alias)",
        openapi_examples={"entity": {"summary": "Microsoft", "value": "microsoft"}},
    ),
]


@router.get(
    "/facts/{fact_id}",
    response_model=FactRecordOut,
    summary="One fact: evidence, status events and transaction history",
    description=(
        "The fact as the store knows it now (or, when retracted, as it was last known), "
        "all its evidence, its dated status events (announced → active → strained → ended) "
        "and every version the store recorded. Example: `GET /facts/f-3f1c0a9e2b7d4c51`."
    ),
    responses={
        200: {"content": {"application/json": {"example": EXAMPLE_RECORD}}},
        **problem_responses(404, 422, 503),
    },
)
def get_fact(store: StoreDep, fact_id: FactIdPath) -> FactRecordOut:
    return mapping.record_out(store, history.fact_record(store, fact_id))


@router.get(
    "/entities/{id}/timeline",
    response_model=TimelineOut,
    summary="Every relation of an entity on a time axis",
    description=(
        "All of the entity's relations, current and ended, ordered by start date (unknown "
        "starts first). `known_at` answers as the store knew it then. "
        "Example: `GET /entities/microsoft/timeline`."
    ),
    responses={
        200: {
            "headers": LINK_HEADER,
            "content": {
                "application/json": {
                    "example": {
                        "entity": {"id": "microsoft", "name": "Microsoft", "type": "Organization"},
                        "known_at": None,
                        "items": EXAMPLE_FACT_LIST["items"],
                        "count": 1,
                    }
                }
            },
        },
        **problem_responses(404, 422, 503),
    },
)
def entity_timeline(
    request: Request,
    response: Response,
    store: StoreDep,
    id: EntityKeyPath,
    page: PageDep,
    known_at: KnownAtParam = None,
) -> TimelineOut:
    entity = queries.resolve_entity(store, id)
    found = page.window(history.timeline(store, entity.id, known_at), request, response)
    return TimelineOut(
        entity=mapping.entity_ref(entity),
        known_at=known_at,
        items=mapping.facts_out(store, found),
        count=len(found),
    )


@router.get(
    "/changes",
    response_model=ChangesOut,
    summary="What started, ended, or was corrected in a window",
    description=(
        "The change feed: relationships that started or ended (valid time) in "
        "`[since, until)`, and corrections (retractions) recorded in that window "
        "(transaction time), optionally for one entity. "
        "Example: `GET /changes?since=2025-01-01&until=2026-01-01&entity=microsoft`."
    ),
    responses={
        200: {
            "headers": LINK_HEADER,
            "content": {"application/json": {"example": EXAMPLE_CHANGES}},
        },
        **problem_responses(404, 422, 503),
    },
)
def change_feed(
    request: Request,
    response: Response,
    store: StoreDep,
    page: PageDep,
    since: SinceParam,
    until: UntilParam = None,
    entity: EntityFilterParam = None,
) -> ChangesOut:
    if until is not None and until <= since:
        raise InvalidInput(f"must be after since ({since})", where="until")
    entity_id = queries.resolve_entity(store, entity).id if entity else None
    feed = page.window(history.changes(store, since, until, entity_id), request, response)
    return mapping.changes_out(store, feed, since, until)


ReasonParam = Annotated[
    str,
    AfterValidator(no_nul),
    Query(
        max_length=2000,
        description="Why: kept with the correction and shown in the change feed",
        openapi_examples={"misread": {"summary": "A misreading", "value": "misread the article"}},
    ),
]
EvidenceIdPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=100,
        description="An evidence id (ev-…), as listed in the fact's evidence",
        openapi_examples={"evidence": {"summary": "One evidence", "value": "ev-8b2e51f0c3a94d17"}},
    ),
]


@router.delete(
    "/facts/{fact_id}",
    response_model=FactRecordOut,
    summary="Retract a fact (auth)",
    description=(
        "Retracts the fact as a whole. Nothing is erased: the fact is superseded in "
        "transaction time, so queries with an earlier `known_at` still see it, and the "
        "correction shows in `/changes`. Needs `Authorization: Bearer <token>`. "
        "Example: `DELETE /facts/f-3f1c0a9e2b7d4c51?reason=duplicate`."
    ),
    responses={
        200: {"content": {"application/json": {"example": {**EXAMPLE_RECORD, "retracted": True}}}},
        **auth_responses("/facts/f-3f1c0a9e2b7d4c51"),
        **problem_responses(404, 422, 503),
    },
)
def retract_fact(
    _: WriteAuthDep,
    request: Request,
    store: StoreDep,
    fact_id: FactIdPath,
    reason: ReasonParam = "",
) -> FactRecordOut:
    store.retract(fact_id, None, reason)
    invalidate_snapshots(request.app)
    return mapping.record_out(store, history.fact_record(store, fact_id))


@router.delete(
    "/facts/{fact_id}/evidence/{evidence_id}",
    response_model=FactRecordOut,
    summary="Retract one piece of a fact's evidence (auth)",
    description=(
        "Retracts one statement: the fact is derived again from its other evidence (its "
        "dates and status may change) as a new version, or retracted when nothing is left. "
        "Earlier `known_at` queries still see the evidence. Needs a bearer token. "
        "Example: `DELETE /facts/f-3f1c0a9e2b7d4c51/evidence/ev-8b2e51f0c3a94d17`."
    ),
    responses={
        200: {"content": {"application/json": {"example": EXAMPLE_RECORD}}},
        **auth_responses("/facts/f-3f1c0a9e2b7d4c51/evidence/ev-8b2e51f0c3a94d17"),
        **problem_responses(404, 422, 503),
    },
)
def retract_evidence(
    _: WriteAuthDep,
    request: Request,
    store: StoreDep,
    fact_id: FactIdPath,
    evidence_id: EvidenceIdPath,
    reason: ReasonParam = "",
) -> FactRecordOut:
    store.retract(fact_id, evidence_id, reason)
    invalidate_snapshots(request.app)
    return mapping.record_out(store, history.fact_record(store, fact_id))
