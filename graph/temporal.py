"""How a new statement of a fact combines with what is stored (backend-independent).

The same (subject, relation, object) stated by several documents is one fact
with several pieces of evidence. Its ``valid_from`` is the earliest start the
evidence supports, at the best precision any of them gives; a finer date that
falls inside a coarser one refines it:

    >>> from graph.model import PartialDate as D
    >>> earliest_start(D.parse("2025"), D.parse("2025-08")).isoformat()
    '2025-08'
    >>> earliest_start(D.parse("2019"), D.parse("2023-01")).isoformat()
    '2019'
"""

from __future__ import annotations

from datetime import date
from typing import Any

from graph.model import Evidence, Fact, PartialDate


def _refine(a: PartialDate | None, b: PartialDate | None, prefer_later: bool) -> PartialDate | None:
    if a is None or b is None:
        return a or b
    if a.contains(b):
        return b
    if b.contains(a):
        return a
    if prefer_later:
        return max(a, b, key=lambda d: d.last_day())
    return min(a, b, key=lambda d: d.first_day())


def earliest_start(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    """The earliest start two statements support, refined when one contains the other."""
    return _refine(a, b, prefer_later=False)


def latest_end(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    """The end two statements support: refined when nested, else the later one."""
    return _refine(a, b, prefer_later=True)


def _stated(a: date | None, b: date | None) -> date | None:
    if a is None or b is None:
        return a or b
    return min(a, b)


def merge_qualifiers(
    old: Fact, new: Fact
) -> dict[str, Any]:
    """Keep what is known; a later statement's status wins over an earlier one's."""
    merged = dict(old.qualifiers)
    for key, value in new.qualifiers.items():
        if key not in merged:
            merged[key] = value
        elif key == "status" and _is_later(new.stated_at, old.stated_at):
            merged[key] = value
    return merged


def _is_later(a: date | None, b: date | None) -> bool:
    if a is None:
        return False
    return b is None or a >= b


def combined_confidence(a: float, b: float) -> float:
    """Independent statements reinforce each other (noisy-or), never past 1."""
    return round(min(1.0, 1.0 - (1.0 - a) * (1.0 - b)), 6)


def merge(old: Fact, new: Fact) -> Fact:
    """``old`` updated by a new statement ``new`` of the same fact (same id)."""
    if old.id != new.id:
        raise ValueError(f"cannot merge different facts {old.id} and {new.id}")
    known = {e.id for e in old.evidence}
    fresh: tuple[Evidence, ...] = tuple(e for e in new.evidence if e.id not in known)
    confidence = old.confidence
    if fresh:
        confidence = combined_confidence(old.confidence, new.confidence)
    return old.with_changes(
        valid_from=earliest_start(old.valid_from, new.valid_from),
        valid_to=latest_end(old.valid_to, new.valid_to),
        qualifiers=merge_qualifiers(old, new),
        stated_at=_stated(old.stated_at, new.stated_at),
        confidence=confidence,
        evidence=old.evidence + fresh,
    )


def same_version(a: Fact, b: Fact) -> bool:
    """True when the fields that transaction time tracks are equal."""
    return (
        a.valid_from == b.valid_from
        and a.valid_to == b.valid_to
        and dict(a.qualifiers) == dict(b.qualifiers)
    )
