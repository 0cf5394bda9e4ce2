"""``/facts``: facts by pattern (subject, relation, object) in valid and transaction time."""

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
    KnownAtParam,
    ObjectParam,
    RelationParam,
    SubjectParam,
    valid_time,
)
from api.schemas import EXAMPLE_FACT_LIST, FactListOut
from graph import queries

router = APIRouter(prefix="/facts", tags=["facts"])


@router.get(
    "",
    response_model=FactListOut,
    summary="Facts by subject, relation and object",
    description=(
        "Facts matching the pattern (an omitted part matches anything) that hold on "
        "`as_of` (default today) as the store knew them at `known_at` (default now). "
        "`subject` and `object` take entity ids, or exact names or aliases; symmetric "
        "relations match in either order. Example: "
        "`GET /facts?subject=microsoft&object=openai&as_of=2025-09-11`."
    ),
    responses={
        200: {
            "headers": LINK_HEADER,
            "content": {"application/json": {"example": EXAMPLE_FACT_LIST}},
        },
        **problem_responses(404, 422, 503),
    },
)
def list_facts(
    request: Request,
    response: Response,
    store: StoreDep,
    page: PageDep,
    subject: SubjectParam = None,
    object_: ObjectParam = None,
    relation: RelationParam = None,
    as_of: AsOfParam = None,
    known_at: KnownAtParam = None,
    all_time: AllTimeParam = False,
) -> FactListOut:
    subject_id = queries.resolve_entity(store, subject).id if subject else None
    object_id = queries.resolve_entity(store, object_).id if object_ else None
    when = valid_time(as_of, all_time)
    found = queries.facts(
        store, subject_id, relation, object_id, as_of=when, known_at=known_at, limit=page.fetch
    )
    found = page.window(found, request, response)
    return FactListOut(
        as_of=when if isinstance(when, date) else None,
        known_at=known_at,
        items=mapping.facts_out(store, found),
        count=len(found),
    )
