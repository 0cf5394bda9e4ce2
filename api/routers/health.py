"""``GET /health``: is the API up and its store answering?"""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import SettingsDep, StoreDep
from api.errors import problem_responses
from api.schemas import HealthOut

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    response_model=HealthOut,
    summary="Liveness and store check",
    description=(
        "Answers `ok` when the API runs and its store answers a one-row read; "
        "503 (problem+json) when the store cannot be reached. Cheap enough for a load "
        "balancer probe: no counts."
    ),
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {"status": "ok", "store": "sqlite", "version": "0.1.0"}
                }
            }
        },
        **problem_responses(503),
    },
)
def health(request: Request, store: StoreDep, settings: SettingsDep) -> HealthOut:
    store.find_entities(None, None, limit=1)
    return HealthOut(status="ok", store=settings.store_kind, version=request.app.version)
