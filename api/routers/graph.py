"""Graph queries over an as-of snapshot: paths, an entity's neighbourhood, rankings.

The routes parse and shape; the snapshots (the lean as-of graph of the facts
holding on a day, its cache, PageRank and the path search's worker threads) are
:mod:`graph.snapshot`'s, one :class:`graph.snapshot.GraphSnapshots` per app
(:func:`api.state.snapshots`), and the answers shared with the MCP tools are
:mod:`api.graph_answers`'s.

Snapshots are reused while the store's revision is unchanged; a store without
one has them rebuilt after ``settings.snapshot_ttl`` seconds (30 by default),
and every write through this API (``POST /documents``, retractions) empties the
cache at once. Path searches answer 504 after ``settings.path_timeout`` seconds.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import AfterValidator

from api import graph_answers, state
from api.auth import problem_response
from api.deps import SettingsDep, StoreDep
from api.errors import problem_responses
from api.pagination import LINK_HEADER, PageDep
from api.params import (
    AsOfParam,
    EntityKeyPath,
    EntityTypeParam,
    KnownAtParam,
    no_nul,
    stripped,
)
from api.schemas import (
    EXAMPLE_NEIGHBOURHOOD,
    EXAMPLE_PATHS,
    EXAMPLE_RANKINGS,
    NeighbourhoodOut,
    PathsOut,
    RankingsOut,
)
from graph.model import Relation

router = APIRouter(tags=["graph"])


# -- parameters ------------------------------------------------------------------------


def _end(which: str, example: str) -> Any:
    return Query(
        min_length=1,
        max_length=300,
        description=f"The {which}: an entity id, or an exact name or alias (case-insensitive)",
        openapi_examples={which: {"summary": f"A {which}", "value": example}},
    )


SourceParam = Annotated[
    str, AfterValidator(no_nul), AfterValidator(stripped), _end("source", "nvidia")
]
TargetParam = Annotated[
    str, AfterValidator(no_nul), AfterValidator(stripped), _end("target", "OpenAI")
]
RelationsParam = Annotated[
    list[Relation] | None,
    Query(
        alias="relation",
        description="Follow only these relations (repeat the parameter for several)",
        openapi_examples={"partners": {"summary": "Partnerships", "value": ["partners_with"]}},
    ),
]
MaxHopsParam = Annotated[
    int | None,
    Query(
        ge=1,
        description="The longest path, in hops: default 4, at most the server's max_hops (6)",
        openapi_examples={"three": {"summary": "Three hops", "value": 3}},
    ),
]
KParam = Annotated[
    int | None,
    Query(
        ge=1,
        description="How many paths, shortest first: default 3, at most the server's max_paths",
        openapi_examples={"three": {"summary": "Three paths", "value": 3}},
    ),
]
DepthParam = Annotated[
    int | None,
    Query(
        ge=1,
        description="Hops from the centre: default 1, at most the server's max_depth (3)",
        openapi_examples={"two": {"summary": "Friends of friends", "value": 2}},
    ),
]
EndedParam = Annotated[
    bool,
    Query(
        description=(
            "Also the centre's relations that ended before as_of, with `state: ended` "
            "(for drawing them faded)"
        ),
        openapi_examples={"ended": {"summary": "With ended relations", "value": True}},
    ),
]
OrderParam = Annotated[
    Literal["pagerank", "degree"],
    Query(
        description="Rank by PageRank (default) or by degree",
        openapi_examples={"degree": {"summary": "By degree", "value": "degree"}},
    ),
]


# -- routes ----------------------------------------------------------------------------


@router.get(
    "/paths",
    response_model=PathsOut,
    summary="How two entities are connected at a date",
    description=(
        "Up to `k` shortest paths between `source` and `target` over the facts holding on "
        "`as_of` (default today), as known at `known_at`, each at most `max_hops` long. "
        "Direction is ignored for connectivity (a supplier of a partner is connected); "
        "every hop lists the facts linking its two entities, each with its evidence. "
        "No connection is an empty list. A search running longer than the server's "
        "`path_timeout` answers 504. Example: "
        "`GET /paths?source=nvidia&target=openai&as_of=2025-09-11&max_hops=3&k=3`."
    ),
    responses={
        200: {"content": {"application/json": {"example": EXAMPLE_PATHS}}},
        **problem_responses(404, 422, 503),
        504: problem_response(
            504,
            "The search took longer than the server's path_timeout",
            "the path search took longer than 5 s; try fewer hops, a smaller k or a "
            "relation filter",
            "/paths",
        ),
    },
)
def find_paths(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    source: SourceParam,
    target: TargetParam,
    as_of: AsOfParam = None,
    known_at: KnownAtParam = None,
    max_hops: MaxHopsParam = None,
    relation: RelationsParam = None,
    k: KParam = None,
) -> PathsOut:
    return graph_answers.paths(
        request.app,
        store,
        settings,
        source,
        target,
        as_of=as_of,
        known_at=known_at,
        max_hops=max_hops,
        relations=relation,
        k=k,
    )


@router.get(
    "/entities/{id}/neighbourhood",
    response_model=NeighbourhoodOut,
    summary="An entity's ego graph at a date, ready for drawing",
    description=(
        "The entities within `depth` hops of the centre over the facts holding on `as_of` "
        "(default today), as nodes (with their distance) and edges (one per fact, with the "
        "fact and its evidence). `ended=true` adds the centre's relations that ended "
        "before `as_of`, marked `state: ended`. `{id}` takes an id, name or alias. "
        "Example: `GET /entities/microsoft/neighbourhood?depth=1&as_of=2025-09-11`."
    ),
    responses={
        200: {"content": {"application/json": {"example": EXAMPLE_NEIGHBOURHOOD}}},
        **problem_responses(404, 422, 503),
    },
)
def neighbourhood(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    id: EntityKeyPath,
    depth: DepthParam = None,
    as_of: AsOfParam = None,
    known_at: KnownAtParam = None,
    ended: EndedParam = False,
) -> NeighbourhoodOut:
    return graph_answers.neighbourhood(
        request.app,
        store,
        settings,
        id,
        depth=depth,
        as_of=as_of,
        known_at=known_at,
        ended=ended,
    )


@router.get(
    "/rankings",
    response_model=RankingsOut,
    summary="The most connected entities at a date",
    description=(
        "Entities ranked by PageRank (or by degree, `order=degree`) over the facts holding "
        "on `as_of` (default today), optionally over some relations only and for one "
        "entity type. Degree counts facts; PageRank runs on the undirected graph weighted "
        "by the number of facts between two entities. Example: "
        "`GET /rankings?as_of=2025-09-11&type=Organization&limit=10`."
    ),
    responses={
        200: {
            "headers": LINK_HEADER,
            "content": {"application/json": {"example": EXAMPLE_RANKINGS}},
        },
        **problem_responses(422, 503),
    },
)
def rankings(
    request: Request,
    response: Response,
    store: StoreDep,
    page: PageDep,
    as_of: AsOfParam = None,
    known_at: KnownAtParam = None,
    relation: RelationsParam = None,
    entity_type: EntityTypeParam = None,
    order: OrderParam = "pagerank",
) -> RankingsOut:
    day = as_of or date.today()
    relations = tuple(relation or ())
    ranking = state.snapshots(request.app).ranking(
        store, day, known_at, relations, entity_type=entity_type, order=order
    )
    shown = page.window(list(enumerate(ranking.order, 1)), request, response)
    items = graph_answers.ranking_items(ranking, shown)
    return RankingsOut(
        as_of=day,
        known_at=known_at,
        relations=list(relations),
        order=order,
        items=items,
        count=len(items),
    )
