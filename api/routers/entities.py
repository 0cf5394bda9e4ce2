"""``/entities``: search, one entity, an entity's relations."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request, Response

from api import mapping
from api.deps import StoreDep
from api.errors import problem_responses
from api.pagination import LINK_HEADER, PageDep
from api.params import (
    AllTimeParam,
    AsOfParam,
    DirectionParam,
    EntityKeyPath,
    EntityTypeParam,
    KnownAtParam,
    RelationParam,
    SearchParam,
    valid_time,
)
from api.responses import json_response
from api.schemas import (
    EXAMPLE_ENTITY,
    EXAMPLE_RELATIONS,
    EntityListOut,
    EntityOut,
    RelationsOut,
)
from graph import queries

router = APIRouter(prefix="/entities", tags=["entities"])


@router.get(
    "",
    response_model=EntityListOut,
    summary="Search entities by name or alias",
    description=(
        "Entities whose name or one of whose aliases contains `q`, case-insensitive; "
        "exact and prefix matches first. Without `q`, entities in name order. "
        "Example: `GET /entities?q=microsoft&type=Organization&limit=20`."
    ),
    responses={
        200: {
            "headers": LINK_HEADER,
            "content": {"application/json": {"example": {"items": [EXAMPLE_ENTITY], "count": 1}}},
        },
        **problem_responses(422, 503),
    },
)
def search_entities(
    request: Request,
    response: Response,
    store: StoreDep,
    page: PageDep,
    q: SearchParam = None,
    entity_type: EntityTypeParam = None,
) -> EntityListOut:
    found = queries.search_entities(store, q, entity_type, limit=page.fetch)
    items = page.window(found, request, response)
    return EntityListOut(items=[mapping.entity_out(e) for e in items], count=len(items))


@router.get(
    "/{id}",
    response_model=EntityOut,
    summary="One entity, by id, name or alias",
    description=(
        "The entity with this id; failing that, the entity with this exact name or "
        "alias (case-insensitive). 404 problem+json with close matches in `suggestions` "
        "otherwise. Example: `GET /entities/MSFT`."
    ),
    responses={
        200: {"content": {"application/json": {"example": EXAMPLE_ENTITY}}},
        **problem_responses(404, 422, 503),
    },
)
def get_entity(store: StoreDep, id: EntityKeyPath) -> EntityOut:
    return mapping.entity_out(queries.resolve_entity(store, id))


@router.get(
    "/{id}/relations",
    response_model=RelationsOut,
    summary="An entity's relations as of a date",
    description=(
        "The facts the entity takes part in that hold on `as_of` (default today) as the "
        "store knew them at `known_at` (default now), each with both ends, its dates at "
        "their precision, qualifiers, confidence and evidence. `all_time=true` ignores "
        "valid time. Example: "
        "`GET /entities/microsoft/relations?as_of=2025-09-11&relation=partners_with`."
    ),
    responses={
        200: {
            "headers": LINK_HEADER,
            "content": {"application/json": {"example": EXAMPLE_RELATIONS}},
        },
        **problem_responses(404, 422, 503),
    },
)
def entity_relations(
    request: Request,
    response: Response,
    store: StoreDep,
    id: EntityKeyPath,
    page: PageDep,
    as_of: AsOfParam = None,
    known_at: KnownAtParam = None,
    relation: RelationParam = None,
    direction: DirectionParam = "both",
    all_time: AllTimeParam = False,
) -> Response:
    entity = queries.resolve_entity(store, id)
    when = valid_time(as_of, all_time)
    found = queries.relations(
        store,
        entity.id,
        as_of=when,
        known_at=known_at,
        relation=relation,
        direction=direction,
        limit=page.fetch,
    )
    found = page.window(found, request, response)
    answer = RelationsOut(
        entity=mapping.entity_ref(entity),
        direction=direction,
        as_of=when if isinstance(when, date) else None,
        known_at=known_at,
        items=mapping.facts_out(store, found),
        count=len(found),
    )
    # The hot read (see bench/): serialized here, not validated a second time by FastAPI.
    return json_response(answer, headers_from=response)
