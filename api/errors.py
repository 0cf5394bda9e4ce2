"""Errors as HTTP: one table, one body shape (``application/problem+json``, RFC 9457).

Every error answer, from the graph layer, from request validation or from
Starlette's routing (unknown route, wrong method), is a problem document::

    {"type": "...", "title": "Not Found", "status": 404,
     "detail": "no entity 'Microsfot'; did you mean: Microsoft?",
     "instance": "/entities/Microsfot",
     "name_tried": "Microsfot", "suggestions": ["Microsoft"]}

Extension members: ``name_tried`` and ``suggestions`` for a missing entity;
``errors: [{"parameter", "message"}]`` for invalid input. Anything unexpected
answers 500 with a generic detail: internals never reach the client.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.errors import Conflict, GraphError, InvalidInput, NotFound, StoreUnavailable

logger = logging.getLogger("partnergraph.api")

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_SCHEMA_REF = "#/components/schemas/Problem"

#: Problem types are identifiers, not links (RFC 9457 §3.1.1 allows tag URIs).
TYPE_PREFIX = "tag:partnergraph,2026:problem/"


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_MEDIA_TYPE


@dataclass(frozen=True, slots=True)
class ProblemKind:
    status: int
    type: str
    #: Whether ``str(exc)`` is safe and useful to show; otherwise a generic detail.
    expose_message: bool = True
    generic_detail: str = ""

    @property
    def title(self) -> str:
        return HTTPStatus(self.status).phrase


#: THE mapping: graph error class → HTTP status and problem type.
#: A subclass not listed answers as its nearest listed ancestor.
PROBLEMS: dict[type[GraphError], ProblemKind] = {
    NotFound: ProblemKind(404, TYPE_PREFIX + "not-found"),
    InvalidInput: ProblemKind(422, TYPE_PREFIX + "invalid-input"),
    Conflict: ProblemKind(409, TYPE_PREFIX + "conflict"),
    StoreUnavailable: ProblemKind(
        503,
        TYPE_PREFIX + "store-unavailable",
        expose_message=False,
        generic_detail="the graph store is unavailable; try again later",
    ),
}

INTERNAL = ProblemKind(
    500,
    "about:blank",
    expose_message=False,
    generic_detail="an unexpected error occurred; it has been logged",
)
VALIDATION = PROBLEMS[InvalidInput]


def problem_kind(exc: GraphError) -> ProblemKind:
    for cls in type(exc).__mro__:
        kind = PROBLEMS.get(cls)
        if kind is not None:
            return kind
    return INTERNAL


def problem(
    request: Request,
    status: int,
    detail: str,
    *,
    type: str = "about:blank",
    title: str | None = None,
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> ProblemResponse:
    """The one body shape every error answer uses."""
    body: dict[str, Any] = {
        "type": type,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extensions,
    }
    return ProblemResponse(body, status_code=status, headers=headers)


async def graph_error_handler(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, GraphError)
    kind = problem_kind(exc)
    extensions: dict[str, Any] = {}
    if isinstance(exc, NotFound):
        extensions = {"name_tried": exc.key, "suggestions": exc.suggestions}
    elif isinstance(exc, InvalidInput):
        extensions = {"errors": [{"parameter": exc.where, "message": exc.reason}]}
    if kind.expose_message:
        detail = exc.message
    else:
        logger.warning("%s on %s: %s", type(exc).__name__, request.url.path, exc)
        detail = kind.generic_detail
    return problem(request, kind.status, detail, type=kind.type, **extensions)


def _parameter(loc: tuple[Any, ...]) -> str:
    # ("query", "as_of") → "as_of"; ("body", "a", 0) → "a.0"
    parts = [str(p) for p in loc[1:]] if len(loc) > 1 else [str(p) for p in loc]
    return ".".join(parts)


def _json_error(err: dict[str, Any], document: Any) -> str:
    """Where a body stopped being JSON, in words: "malformed JSON at line 3, column 14
    (character 41): Expecting ',' delimiter" (FastAPI reports only the offset, as a
    parameter named after the number)."""
    loc = tuple(err.get("loc", ()))
    position = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
    reason = str((err.get("ctx") or {}).get("error") or err.get("msg") or "not JSON")
    if position is None:
        return f"malformed JSON: {reason}"
    where = f"character {position}"
    if isinstance(document, str | bytes):
        text = document if isinstance(document, str) else document.decode("utf-8", "replace")
        before = text[:position]
        line = before.count("\n") + 1
        column = position - (before.rfind("\n") + 1) + 1
        where = f"line {line}, column {column} (character {position})"
    return f"malformed JSON at {where}: {reason}"


async def validation_error_handler(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, RequestValidationError)
    errors: list[dict[str, str]] = []
    for err in exc.errors():
        if err.get("type") == "json_invalid":
            item = {"parameter": "body", "message": _json_error(err, exc.body)}
        else:
            item = {"parameter": _parameter(tuple(err.get("loc", ()))), "message": str(err["msg"])}
        if item not in errors:
            errors.append(item)
    detail = "; ".join(f"invalid {e['parameter']}: {e['message']}" for e in errors)
    return problem(
        request, VALIDATION.status, detail or "invalid request", type=VALIDATION.type, errors=errors
    )


#: FastAPI's answer to a body it cannot decode at all (not UTF-8, not a form); JSON it
#: cannot parse is a validation error already.
FASTAPI_BODY_ERROR = "There was an error parsing the body"


async def http_error_handler(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    detail = str(exc.detail)
    if status == 400 and detail == FASTAPI_BODY_ERROR:
        # The documented answer to a bad body is 422 naming it, whatever the bad bytes were
        # (found by fuzzing: a non-UTF-8 JSON body answered an undocumented 400).
        message = "expected a JSON object in UTF-8"
        return problem(
            request,
            VALIDATION.status,
            f"invalid body: {message}",
            type=VALIDATION.type,
            errors=[{"parameter": "body", "message": message}],
        )
    headers = dict(exc.headers) if exc.headers else None
    if detail == HTTPStatus(status).phrase:
        # Starlette's default details say nothing the status does not; say something useful.
        if status == 404:
            detail = f"nothing at {request.url.path}; the endpoints are listed at /docs"
        elif status == 405:
            allowed = (headers or {}).get("allow") or (headers or {}).get("Allow")
            detail = f"{request.method} is not allowed on {request.url.path}" + (
                f"; allowed: {allowed}" if allowed else ""
            )
    return problem(request, status, detail, headers=headers)


async def unexpected_error_handler(request: Request, exc: Exception) -> ProblemResponse:
    # Starlette's ServerErrorMiddleware re-raises after this, so the server logs
    # the traceback; the client only learns that something went wrong.
    return problem(request, INTERNAL.status, INTERNAL.generic_detail, type=INTERNAL.type)


def install(app: FastAPI) -> None:
    """Register the handlers so every error answers ``application/problem+json``."""
    app.add_exception_handler(GraphError, graph_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    app.add_exception_handler(Exception, unexpected_error_handler)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for error statuses, all pointing at the Problem schema."""
    examples: dict[int, dict[str, Any]] = {
        404: {
            "type": PROBLEMS[NotFound].type,
            "title": HTTPStatus(404).phrase,
            "status": 404,
            "detail": "no entity 'Microsfot'; did you mean: Microsoft?",
            "instance": "/entities/Microsfot",
            "name_tried": "Microsfot",
            "suggestions": ["Microsoft"],
        },
        422: {
            "type": VALIDATION.type,
            "title": HTTPStatus(422).phrase,
            "status": 422,
            "detail": "invalid as_of: expected a date as YYYY-MM-DD, e.g. 2025-09-11",
            "instance": "/entities/microsoft/relations",
            "errors": [
                {"parameter": "as_of", "message": "expected a date as YYYY-MM-DD, e.g. 2025-09-11"}
            ],
        },
        503: {
            "type": PROBLEMS[StoreUnavailable].type,
            "title": HTTPStatus(503).phrase,
            "status": 503,
            "detail": PROBLEMS[StoreUnavailable].generic_detail,
            "instance": "/health",
        },
    }
    descriptions = {
        404: "No such entity (with close matches in `suggestions`)",
        422: "Invalid parameter (named in `errors[].parameter`)",
        503: "The graph store cannot be reached",
    }
    return {
        status: {
            "description": descriptions.get(status, HTTPStatus(status).phrase),
            "content": {
                PROBLEM_MEDIA_TYPE: {
                    "schema": {"$ref": PROBLEM_SCHEMA_REF},
                    "example": examples[status],
                }
            },
        }
        for status in statuses
    }
