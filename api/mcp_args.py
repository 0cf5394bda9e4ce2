"""Argument checks, errors and state access shared by the MCP tools (api/mcp_server.py).

Arguments are checked in the API's words (``api/params.py``, ``api/deps.py``): a
bad date or limit names its argument; NUL characters are refused. Anticipated
failures become tool errors (``isError: true``) with the message the API's
problem document would show (:func:`tool_errors`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import ParamSpec, TypeVar

from fastapi import FastAPI
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import ValidationError
from starlette.exceptions import HTTPException

from api.errors import problem_kind
from api.settings import Settings
from graph.errors import GraphError, InvalidInput, StoreUnavailable
from graph.model import parse_day
from graph.store import Store

logger = logging.getLogger("partnergraph.mcp")

P = ParamSpec("P")
T = TypeVar("T")


# -- arguments --------------------------------------------------


def text_arg(value: str | None, name: str) -> str | None:
    """Stripped text; NUL refused (as the API's ``_no_nul``), naming the argument."""
    if value is None:
        return None
    if "\x00" in value:
        raise InvalidInput("NUL characters are not allowed", where=name)
    return value.strip()


def day_arg(value: str | None, name: str) -> date | None:
    text = text_arg(value, name)
    return parse_day(text, name) if text else None


def moment_arg(value: str | None, name: str = "known_at") -> datetime | None:
    text = text_arg(value, name)
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"expected an ISO 8601 date-time, e.g. 2025-09-12T00:00:00Z, got {text!r}", where=name
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def limit_arg(limit: int, settings: Settings) -> int:
    if limit > settings.max_limit:
        raise InvalidInput(f"must be at most {settings.max_limit}, got {limit}", where="limit")
    return limit


def validation_message(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or 'input'}: {e['msg']}" for e in exc.errors()
    )


def tool_errors(fn: Callable[P, T]) -> Callable[P, T]:
    """Anticipated failures as tool errors with a clear message (the API's 4xx/5xx details)."""

    @functools.wraps(fn)
    def tool(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return fn(*args, **kwargs)
        except GraphError as exc:  # NotFound carries "did you mean: …"; InvalidInput its argument
            kind = problem_kind(exc)  # what the API would show, e.g. not a driver's message
            if not kind.expose_message:
                logger.warning("%s in an MCP tool: %s", type(exc).__name__, exc)
            raise ToolError(exc.message if kind.expose_message else kind.generic_detail) from None
        except HTTPException as exc:  # the API's refusals: 401/403 writes, 413 sizes, 504 timeouts
            raise ToolError(str(exc.detail)) from None
        except ValidationError as exc:
            raise ToolError(validation_message(exc)) from None

    return tool


# -- the host: where the state lives --------------------------------------------------------


def store_of(app: FastAPI) -> Store:
    store: Store | None = getattr(app.state, "store", None)
    if store is None:
        raise StoreUnavailable("the store is not open")
    return store


def settings_of(app: FastAPI) -> Settings:
    settings: Settings = app.state.settings
    return settings
