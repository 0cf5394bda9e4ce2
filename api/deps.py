"""Dependencies as ``Annotated`` aliases (the FastAPI full-stack template's ``deps.py`` style).

@router.get("/things")
def things(store: StoreDep, settings: SettingsDep) -> ...

The dependencies here (and ``get_page``) are ``async def`` although they await
nothing: they do no I/O, and FastAPI runs every plain ``def`` dependency in the
thread pool, a hop that cost more than the work itself on each request.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from api.settings import Settings
from graph.errors import InvalidInput, StoreUnavailable
from graph.store import Store


async def get_store(request: Request) -> Store:
    """The one store the lifespan opened for this process."""
    store: Store | None = getattr(request.app.state, "store", None)
    if store is None:
        raise StoreUnavailable("the store is not open: was the app started without its lifespan?")
    return store


async def get_app_settings(request: Request) -> Settings:
    """The settings this app was created with (``create_app(settings)``)."""
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]

DEFAULT_LIMIT = 50


async def get_limit(
    settings: SettingsDep,
    limit: Annotated[
        int,
        Query(
            ge=1,
            description="How many items at most (1 to the server's max_limit, 500 by default)",
            openapi_examples={"twenty": {"summary": "20 items", "value": 20}},
        ),
    ] = DEFAULT_LIMIT,
) -> int:
    """``limit``, capped by ``settings.max_limit`` (422 naming ``limit`` when over)."""
    if limit > settings.max_limit:
        raise InvalidInput(f"must be at most {settings.max_limit}, got {limit}", where="limit")
    return limit


LimitDep = Annotated[int, Depends(get_limit)]
