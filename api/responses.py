"""Answers serialized by the handler: a JSON :class:`Response` from a response model.

FastAPI validates whatever a handler returns against its ``response_model``
again before serializing it (in the thread pool, for a ``def`` handler). A
model this API built is valid by construction, so a hot handler can return
:func:`json_response` instead: the same bytes (``model_dump_json`` is what
FastAPI's serializer calls), without the second validation. The route keeps
``response_model=`` for the OpenAPI document; FastAPI returns a
:class:`Response` as it is.

    >>> from api.schemas import EntityRefOut
    >>> json_response(EntityRefOut(id="x", name="X", type="Organization")).body
    b'{"id":"x","name":"X","type":"Organization"}'
"""

from __future__ import annotations

from fastapi import Response
from pydantic import BaseModel


def json_response(model: BaseModel, headers_from: Response | None = None) -> Response:
    """``model`` as ``application/json``, with the headers a handler set on ``headers_from``.

    ``headers_from`` is the ``response: Response`` parameter the handler was
    given (FastAPI copies its headers only onto responses it builds itself);
    ``Link`` from :meth:`api.pagination.Page.window` travels this way.
    """
    response = Response(model.model_dump_json(by_alias=True), media_type="application/json")
    if headers_from is not None:
        response.headers.raw.extend(headers_from.headers.raw)
    return response


def body_schema(media_type: str) -> dict[str, object]:
    """The OpenAPI schema of an answer in ``media_type``: a JSON answer (JSON-LD) is a JSON
    document, the other formats text (found by fuzzing: JSON-LD was documented as a
    string, and clients validating it failed)."""
    if media_type.endswith("json"):
        return {"type": ["array", "object"]}
    return {"type": "string"}
