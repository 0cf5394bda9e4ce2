"""Bearer-token auth for the write routes (``POST /documents``, later retractions).

One shared secret, ``PARTNERGRAPH_API_TOKEN`` (``settings.api_token``):

- no token configured → writes are DISABLED: 403 problem, whatever is sent;
- a missing or wrong token → 401 problem with ``WWW-Authenticate: Bearer``;
- the right token → the route runs.

The comparison is constant-time (:func:`secrets.compare_digest`) over UTF-8
bytes, so neither timing nor non-ASCII input tells anything about the token::

    @router.post("/things")
    def add_thing(_: WriteAuthDep) -> ...
"""

from __future__ import annotations

import secrets
from http import HTTPStatus
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.deps import SettingsDep
from api.errors import PROBLEM_MEDIA_TYPE, PROBLEM_SCHEMA_REF

#: ``auto_error=False``: a missing header is answered by :func:`require_write_token`
#: as a problem document, not by FastAPI's own 403.
bearer = HTTPBearer(
    auto_error=False,
    scheme_name="apiToken",
    description="The server's PARTNERGRAPH_API_TOKEN, as `Authorization: Bearer <token>`",
)

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="partnergraph"'}


def require_write_token(
    request: Request,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Let the request through only with the configured bearer token."""
    configured = settings.api_token.get_secret_value() if settings.api_token else ""
    if not configured:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "writes are disabled on this server: set PARTNERGRAPH_API_TOKEN to enable them",
        )
    offered = credentials.credentials if credentials is not None else ""
    # Compare even when nothing was offered, so every refusal costs the same.
    matches = secrets.compare_digest(_sent_bytes(offered), configured.encode("utf-8"))
    if not (offered and matches):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "a valid bearer token is required: Authorization: Bearer <token>",
            headers=CHALLENGE,
        )


def _sent_bytes(header_text: str) -> bytes:
    """The bytes the client sent: servers hand header values over decoded as latin-1, so a
    non-ASCII token sent as UTF-8 arrives as mojibake; encoding back recovers its bytes
    (found by fuzzing: a non-ASCII token could never match)."""
    try:
        return header_text.encode("latin-1")
    except UnicodeEncodeError:  # not from the wire (a test calling the function directly)
        return header_text.encode("utf-8")


WriteAuthDep = Annotated[None, Depends(require_write_token)]


def problem_response(code: int, description: str, detail: str, instance: str) -> dict[str, Any]:
    """One OpenAPI ``responses`` entry in the Problem shape, for statuses that
    :func:`api.errors.problem_responses` has no example of (401, 403, 413, 504)."""
    return {
        "description": description,
        "content": {
            PROBLEM_MEDIA_TYPE: {
                "schema": {"$ref": PROBLEM_SCHEMA_REF},
                "example": {
                    "type": "about:blank",
                    "title": HTTPStatus(code).phrase,
                    "status": code,
                    "detail": detail,
                    "instance": instance,
                },
            }
        },
    }


def auth_responses(instance: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for 401 and 403 (for write routes)."""
    return {
        401: problem_response(
            401,
            "Missing or wrong bearer token",
            "a valid bearer token is required: Authorization: Bearer <token>",
            instance,
        ),
        403: problem_response(
            403,
            "Writes are disabled (no PARTNERGRAPH_API_TOKEN configured on the server)",
            "writes are disabled on this server: set PARTNERGRAPH_API_TOKEN to enable them",
            instance,
        ),
    }
