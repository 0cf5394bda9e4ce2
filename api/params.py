"""Query and path parameters shared by the routers, with their validation and examples.

Dates are strict ISO 8601 (``2025-09-11``; no timestamps, no ``2025-9-1``). A
value that fails validation answers 422 with the parameter named in
``errors[].parameter``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from api.schemas import Direction
from graph.errors import InvalidInput
from graph.model import EntityType, Relation
from graph.queries import ANY_TIME, AsOf


def iso_day(value: Any) -> Any:
    """A ``BeforeValidator``: ``YYYY-MM-DD`` text to a date, else a 422 naming the format."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError(
                "date_format", "expected a date as YYYY-MM-DD, e.g. 2025-09-11"
            ) from None
    return value


def iso_moment(value: Any) -> Any:
    """A ``BeforeValidator``: ISO 8601 text to a datetime (no offset = UTC), else a 422."""
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError(
                "datetime_format",
                "expected an ISO 8601 date-time, e.g. 2025-09-12T00:00:00Z",
            ) from None
        # A moment without an offset is read as UTC, the store's clock.
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return value


def no_nul(value: str | None) -> str | None:
    """An ``AfterValidator``: a 422 for text holding a NUL character."""
    if value is not None and "\x00" in value:
        raise PydanticCustomError("nul_character", "NUL characters are not allowed")
    return value


def stripped(value: str | None) -> str | None:
    """An ``AfterValidator``: the text without surrounding white space."""
    # Never turns "" into None: pydantic applies Query(max_length=…) after this
    # validator and would crash (500) on a None.
    return value.strip() if value is not None else None


AsOfParam = Annotated[
    date | None,
    BeforeValidator(iso_day),
    Query(
        description=(
            "Valid time: the day the facts must hold (`valid_from <= as_of < valid_to`, "
            "unknown ends open). Default: today."
        ),
        openapi_examples={
            "seed": {"summary": "The seed article's date", "value": "2025-09-11"},
            "before": {"summary": "Before the OpenAI partnership", "value": "2018-06-01"},
        },
    ),
]

KnownAtParam = Annotated[
    datetime | None,
    BeforeValidator(iso_moment),
    Query(
        description=(
            "Transaction time: answer as the store knew it at this moment (ISO 8601; no "
            "offset = UTC). Default: now."
        ),
        openapi_examples={"moment": {"summary": "A moment", "value": "2025-09-12T00:00:00Z"}},
    ),
]

AllTimeParam = Annotated[
    bool,
    Query(
        description=(
            "Ignore valid time: every fact the store currently holds, whatever its dates. "
            "Cannot be combined with `as_of` (422)."
        ),
        openapi_examples={"history": {"summary": "Whole history", "value": True}},
    ),
]

RelationParam = Annotated[
    Relation | None,
    Query(
        description="Only this relation (the closed vocabulary of the ontology)",
        openapi_examples={"partners": {"summary": "Partnerships", "value": "partners_with"}},
    ),
]

DirectionParam = Annotated[
    Direction,
    Query(
        description=(
            "`out`: the entity is the subject; `in`: the object; `both`. Symmetric "
            "relations (partners_with, competes_with) count in every direction."
        ),
        openapi_examples={"out": {"summary": "Outgoing", "value": "out"}},
    ),
]

EntityTypeParam = Annotated[
    EntityType | None,
    Query(
        alias="type",
        description="Only entities of this type",
        openapi_examples={"org": {"summary": "Organizations", "value": "Organization"}},
    ),
]

SearchParam = Annotated[
    str | None,
    AfterValidator(no_nul),
    AfterValidator(stripped),
    Query(
        max_length=200,
        description="Text contained in the name or an alias, case-insensitive",
        openapi_examples={
            "name": {"summary": "By name", "value": "microsoft"},
            "alias": {"summary": "By alias", "value": "MSFT"},
        },
    ),
]

EntityKeyPath = Annotated[
    str,
    AfterValidator(no_nul),
    Path(
        min_length=1,
        max_length=300,
        description="An entity id, or an exact name or alias (case-insensitive)",
        openapi_examples={
            "id": {"summary": "By id", "value": "microsoft"},
            "alias": {"summary": "By alias", "value": "MSFT"},
        },
    ),
]


def _end_param(which: str, example: str) -> Any:
    return Query(
        alias=which,
        max_length=300,
        description=f"The {which}: an entity id, or an exact name or alias",
        openapi_examples={which: {"summary": f"A {which}", "value": example}},
    )


SubjectParam = Annotated[
    str | None,
    AfterValidator(no_nul),
    AfterValidator(stripped),
    _end_param("subject", "microsoft"),
]
ObjectParam = Annotated[
    str | None, AfterValidator(no_nul), AfterValidator(stripped), _end_param("object", "openai")
]


def valid_time(as_of: date | None, all_time: bool) -> AsOf:
    """The ``as_of`` to pass to :mod:`graph.queries`: a day, today, or ANY_TIME."""
    if all_time:
        if as_of is not None:
            raise InvalidInput("cannot be combined with as_of", where="all_time")
        return ANY_TIME
    return as_of if as_of is not None else date.today()
