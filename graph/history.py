"""History queries over the store protocol: one fact's versions, an entity's timeline,
and the change feed (what started, ended or was corrected in a window).

    >>> from graph import open_store
    >>> store = open_store("sqlite:///:memory:")
    >>> changes(store, since=date(2025, 1, 1), until=date(2026, 1, 1))
    []
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from graph.errors import InvalidInput, NotFound
from graph.model import Fact
from graph.queries import ANY_TIME, facts, relations
from graph.store import Correction, CorrectionLog, FactPattern, Store, offers
from graph.temporal import StatusEvent, status_timeline


@dataclass(frozen=True, slots=True)
class FactRecord:
    """A fact with all it is known by: its current version, status events, all versions."""

    fact: Fact
    status_events: tuple[StatusEvent, ...]
    versions: tuple[Fact, ...]  # oldest first, the current one last (if not retracted)
    retracted: bool


def get_fact(store: Store, fact_id: str, known_at: datetime | None = None) -> Fact:
    """The fact with this id as known at ``known_at`` (default: now)."""
    found = list(store.find_facts(FactPattern(fact_id=fact_id, known_at=known_at)))
    if not found:
        raise NotFound("fact", fact_id)
    return found[0]


def fact_record(store: Store, fact_id: str) -> FactRecord:
    """Everything about one fact, including retracted and superseded versions."""
    versions = sorted(
        store.find_facts(FactPattern(fact_id=fact_id, include_superseded=True)),
        key=lambda f: f.recorded_at or datetime.min.replace(tzinfo=UTC),
    )
    if not versions:
        raise NotFound("fact", fact_id)
    current = [v for v in versions if v.superseded_at is None]
    latest = current[-1] if current else versions[-1]
    live = [e for e in latest.evidence if not e.succession]
    return FactRecord(
        fact=latest,
        status_events=tuple(status_timeline(live)),
        versions=tuple(versions),
        retracted=not current,
    )


def timeline(store: Store, entity_id: str, known_at: datetime | None = None) -> list[Fact]:
    """Every relation of an entity on a time axis: ordered by start, unknown starts first."""
    found = relations(store, entity_id, as_of=ANY_TIME, known_at=known_at)
    return sorted(
        found,
        key=lambda f: (f.lower, f.upper, f.relation.value, f.subject, f.object),
    )


ChangeKind = Literal["started", "ended", "corrected"]


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of the change feed."""

    kind: ChangeKind
    on: date | datetime  # a valid-time day for started/ended, a transaction time for corrected
    fact: Fact
    detail: str = ""


def _in_window(day: date, since: date, until: date) -> bool:
    return since <= day < until


def changes(
    store: Store,
    since: date,
    until: date | None = None,
    entity: str | None = None,
) -> list[Change]:
    """What started, ended, or was corrected in ``[since, until)``.

    Starts and ends are read in valid time (a start known only to the month
    counts in the window holding that month's first day); corrections
    (retractions and revised versions) in transaction time.
    """
    until = until or date.max
    if until <= since:
        raise InvalidInput(f"until ({until}) must be after since ({since})")
    pool: Callable[[], list[Fact]]
    if entity is not None:
        pool = lambda: timeline(store, entity)  # noqa: E731
    else:
        pool = lambda: facts(store, as_of=ANY_TIME)  # noqa: E731
    out: list[Change] = []
    for f in pool():
        if f.valid_from and _in_window(f.valid_from.first_day(), since, until):
            out.append(Change("started", f.valid_from.first_day(), f, f.valid_from.isoformat()))
        if f.valid_to and _in_window(f.valid_to.first_day(), since, until):
            out.append(Change("ended", f.valid_to.first_day(), f, f.valid_to.isoformat()))
    start = datetime.combine(since, time.min, tzinfo=UTC)
    end = datetime.combine(until, time.min, tzinfo=UTC) if until != date.max else None
    out.extend(_corrections(store, start, end, entity))
    out.sort(key=lambda c: (_sort_key(c.on), c.kind, c.fact.id))
    return out


def _sort_key(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time.min, tzinfo=UTC)


def _corrections(
    store: Store, start: datetime, end: datetime | None, entity: str | None
) -> list[Change]:
    out: list[Change] = []
    for row in corrections(store, start, end):
        pattern = FactPattern(fact_id=row.fact_id, include_superseded=True)
        versions = list(store.find_facts(pattern))
        if not versions:
            continue
        latest = max(versions, key=lambda f: f.recorded_at or start)
        if entity is not None and not latest.involves(entity):
            continue
        what = f"evidence {row.evidence_id} retracted" if row.evidence_id else "fact retracted"
        out.append(Change("corrected", row.recorded_at, latest, f"{what}: {row.reason}"))
    return out


#: Just before a moment, in transaction time (the stores keep microseconds).
_INSTANT = timedelta(microseconds=1)


def corrections(
    store: Store, since: datetime | None = None, until: datetime | None = None
) -> list[Correction]:
    """The retractions recorded in ``[since, until)`` (``None``: unbounded), oldest first.

    A store with the :class:`~graph.store.CorrectionLog` capability lists them with
    their reasons. Otherwise they are read off the fact versions: a retraction
    supersedes the current version, and the evidence known just before that moment
    but not at it is what was retracted (all of it: the whole fact, whose reason is
    then unknown and given as ``"retracted"``). A write never drops evidence, so no
    other supersession looks like this. One ``find_facts`` scan of every version.
    """
    if offers(store, CorrectionLog):
        return store.corrections(since, until)
    found: list[Correction] = []
    seen: set[tuple[str, datetime]] = set()  # a batch may supersede two versions at once
    for version in store.find_facts(FactPattern(include_superseded=True)):
        moment = version.superseded_at
        if moment is None or (since is not None and moment < since):
            continue
        if (until is not None and moment >= until) or (version.id, moment) in seen:
            continue
        seen.add((version.id, moment))
        before = _evidence_ids(store, version.id, moment - _INSTANT)
        after = _evidence_ids(store, version.id, moment)
        if after is None:  # nothing current any more: the whole fact was retracted
            found.append(Correction(version.id, None, "retracted", moment))
        else:
            found.extend(
                Correction(version.id, evidence_id, "retracted", moment)
                for evidence_id in sorted((before or set()) - after)
            )
    found.sort(key=lambda c: (c.recorded_at, c.fact_id, c.evidence_id or ""))
    return found


def _evidence_ids(store: Store, fact_id: str, known_at: datetime) -> set[str] | None:
    """The ids of the fact's evidence as known at ``known_at``; None: no version then."""
    current = list(store.find_facts(FactPattern(fact_id=fact_id, known_at=known_at)))
    return {e.id for f in current for e in f.evidence} if current else None
