"""How statements combine into a fact, and how facts close (backend-independent).

A fact's dates, status, qualifiers and confidence are *derived* from its live
evidence, each piece of which carries its own claim. Derivation is a pure
function of the evidence set, so ingesting sources in any order gives the same
fact, and retracting one piece of evidence simply derives again.

- ``valid_from``: the earliest start the evidence supports, refined when one
  claim lies inside another (``2025`` then ``2025-08`` gives ``2025-08``);
- ``valid_to``: the latest end claimed (refined likewise); a statement that the
  relationship ended with no date of its own ends it on its publication day; a
  successor in a one-at-a-time role (:data:`graph.model.SUCCESSION`) ends it at
  the successor's start, the earliest successor winning;
- ``status``: the status of the latest dated status event;
- other qualifiers: from the most recently published statement giving them;
- ``confidence``: independent documents reinforce each other (noisy-or).

    >>> from graph.model import PartialDate as D
    >>> earliest_start(D.parse("2025"), D.parse("2025-08")).isoformat()
    '2025-08'
    >>> earliest_start(D.parse("2019"), D.parse("2023-01")).isoformat()
    '2019'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from graph.errors import InvalidInput
from graph.model import SUCCESSION, Evidence, Fact, PartialDate, Relation


def _refine(a: PartialDate | None, b: PartialDate | None, prefer_later: bool) -> PartialDate | None:
    if a is None or b is None:
        return a or b
    if a.contains(b):
        return b
    if b.contains(a):
        return a
    if prefer_later:
        return max(a, b, key=lambda d: (d.last_day(), d.first_day()))
    return min(a, b, key=lambda d: (d.first_day(), d.last_day()))


def earliest_start(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    """The earliest start two statements support, refined when one contains the other."""
    return _refine(a, b, prefer_later=False)


def latest_end(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    """The end two statements support: refined when nested, else the later one."""
    return _refine(a, b, prefer_later=True)


def combined_confidence(values: Iterable[float]) -> float:
    """Independent statements reinforce each other (noisy-or), never past 1."""
    remaining = 1.0
    for value in values:
        remaining *= 1.0 - value
    return round(min(1.0, 1.0 - remaining), 6)


@dataclass(frozen=True, slots=True)
class StatusEvent:
    """A dated change of a fact's status, with the evidence that states it."""

    on: PartialDate | None
    status: str
    evidence_id: str
    published: date | None


def _published_day(e: Evidence) -> PartialDate | None:
    return PartialDate.parse(e.published) if e.published else None


def _event_day(e: Evidence) -> PartialDate | None:
    status = e.qualifiers.get("status")
    if status == "ended" and e.valid_to:
        return e.valid_to
    if status in ("announced", "active") and e.valid_from and not e.published:
        return e.valid_from
    return _published_day(e) or e.valid_to or e.valid_from


def _sort_day(day: PartialDate | None) -> date:
    return day.first_day() if day else date.min


def status_timeline(evidence: Sequence[Evidence]) -> list[StatusEvent]:
    """Every status a fact's statements give, in the order they happened."""
    return _timeline([(e.id, e) for e in evidence if "status" in e.qualifiers])


def _timeline(keyed: Iterable[tuple[str, Evidence]]) -> list[StatusEvent]:
    """:func:`status_timeline` of (evidence id, evidence) pairs (each id hashed once)."""
    events = [
        StatusEvent(_event_day(e), str(e.qualifiers["status"]), eid, e.published)
        for eid, e in keyed
        if not e.succession and "status" in e.qualifiers
    ]
    events.sort(key=lambda ev: (_sort_day(ev.on), ev.published or date.min, ev.evidence_id))
    return events


def with_claims(fact: Fact) -> Fact:
    """Give each piece of evidence that claims nothing the fact's own dates and qualifiers."""
    return replace(fact, evidence=claimed_evidence(fact))


def claimed_evidence(fact: Fact) -> tuple[Evidence, ...]:
    """The evidence of :func:`with_claims` (without building the fact around it)."""
    if not fact.evidence:
        raise InvalidInput(f"fact {fact.id} has no evidence: every fact needs its source")
    # Evidence.stored, not dataclasses.replace (~4x slower on a bulk load): every value
    # comes from the fact and evidence as validated, the qualifiers already frozen in key
    # order, which is what the trusted constructor asks for. tests/test_sqlite_bulk.py
    # checks this stays equal to the replace() it stands for.
    return tuple(
        e
        if e.has_claim or e.succession
        else Evidence.stored(
            e.document_id,
            e.sentence,
            e.start,
            e.end,
            e.url,
            e.published or fact.stated_at,
            e.extractor,
            min(e.confidence, fact.confidence),
            fact.valid_from,
            fact.valid_to,
            fact.qualifiers,
            e.succession,
        )
        for e in fact.evidence
    )


def _by_publication(pair: tuple[str, Evidence]) -> tuple[date, str]:
    return (pair[1].published or date.min, pair[0])


def derive(fact: Fact, evidence: Sequence[Evidence]) -> Fact:
    """The fact as its live ``evidence`` states it (dates, status, qualifiers, confidence)."""
    return derive_keyed(fact, [(e.id, e) for e in evidence])[0]


def derive_keyed(
    fact: Fact, keyed: Sequence[tuple[str, Evidence]]
) -> tuple[Fact, dict[str, Evidence]]:
    """:func:`derive` of (evidence id, evidence) pairs; also the derived evidence by id.

    For a store's write path: each id (a hash) is computed once, by the caller,
    and the ids of what the fact keeps come back with it.
    """
    statements = [(eid, e) for eid, e in keyed if not e.succession]
    ordered = sorted(statements, key=_by_publication) if len(statements) > 1 else statements
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    qualifiers: dict[str, object] = {}
    for _, e in ordered:
        if e.valid_from is not None:
            valid_from = (
                e.valid_from if valid_from is None else earliest_start(valid_from, e.valid_from)
            )
        end = e.valid_to
        if end is None and e.qualifiers.get("status") == "ended" and e.published:
            end = PartialDate.parse(e.published)
        if end is not None:
            valid_to = end if valid_to is None else latest_end(valid_to, end)
        if e.qualifiers:  # later statements overwrite earlier ones
            qualifiers.update({k: v for k, v in e.qualifiers.items() if k != "status"})
    successors = [e.valid_to for _, e in keyed if e.succession and e.valid_to]
    if successors:
        first = min(successors, key=lambda d: (d.first_day(), d.last_day()))
        if valid_to is None or first.first_day() < valid_to.first_day():
            valid_to = first
    if valid_from and valid_to and valid_to.end_day() <= valid_from.first_day():
        valid_to = None  # a claim that contradicts the start cannot close the fact
    timeline = _timeline(statements)
    if timeline:
        qualifiers["status"] = timeline[-1].status
    per_document: dict[str, float] = {}
    for _, e in statements:
        per_document[e.document_id] = max(per_document.get(e.document_id, 0.0), e.confidence)
    published = [e.published for _, e in statements if e.published]
    unique = dict(ordered)
    unique.update((eid, e) for eid, e in keyed if e.succession)
    # Field by field rather than dataclasses.replace (which looks the fields up on every
    # call); tests/test_sqlite_bulk.py fails when Fact gains a field this would drop.
    derived = Fact(
        subject=fact.subject,
        relation=fact.relation,
        object=fact.object,
        valid_from=valid_from,
        valid_to=valid_to,
        qualifiers=qualifiers,
        stated_at=min(published) if published else fact.stated_at,
        recorded_at=fact.recorded_at,
        superseded_at=fact.superseded_at,
        confidence=combined_confidence(per_document.values()) if per_document else 0.0,
        evidence=tuple(unique.values()),
    )
    return derived, unique


def merge(old: Fact, new: Fact) -> Fact:
    """``old`` updated by a new statement ``new`` of the same fact (same id)."""
    if old.id != new.id:
        raise ValueError(f"cannot merge different facts {old.id} and {new.id}")
    old_evidence = with_claims(old).evidence if old.evidence else ()
    incoming = with_claims(new).evidence
    known = {e.id for e in old_evidence}
    return derive(old, old_evidence + tuple(e for e in incoming if e.id not in known))


def same_version(a: Fact, b: Fact) -> bool:
    """True when the fields that transaction time tracks are equal."""
    return (
        a.valid_from == b.valid_from
        and a.valid_to == b.valid_to
        and dict(a.qualifiers) == dict(b.qualifiers)
    )


# -- succession ---------------------------------------------------------------------


def succession_key(fact: Fact) -> tuple[Relation, str, str | None] | None:
    """What a one-at-a-time fact is keyed on: (relation, fixed end, role), or None."""
    rule = SUCCESSION.get(fact.relation)
    if rule is None:
        return None
    roles = rule["roles"]
    role = str(fact.qualifiers.get("role", "")).strip().casefold() or None
    if roles is not None and role not in roles:
        return None
    fixed = fact.object if rule["by"] == "object" else fact.subject
    return (fact.relation, fixed, role)


def succession_evidence(successor: Fact) -> Evidence:
    """The evidence a successor lends to the holder it replaces (ends at the successor's start)."""
    source = successor.evidence[0]
    return Evidence(
        document_id=source.document_id,
        sentence=source.sentence,
        start=source.start,
        end=source.end,
        url=source.url,
        published=source.published,
        extractor="partnergraph-succession",
        confidence=source.confidence,
        valid_to=successor.valid_from,
        succession=True,
    )


def successions(new: Fact, holders: Iterable[Fact]) -> list[tuple[Fact, Evidence]]:
    """Which facts get succession evidence when ``new`` joins ``holders`` of the same role.

    Returns (fact to update, evidence to add) pairs: every earlier holder is
    ended by ``new``, and ``new`` is ended by every later holder (the earliest
    of them wins in :func:`derive`). Holders with no known start are left alone.
    """
    key = succession_key(new)
    if key is None or new.valid_from is None:
        return []
    updates: list[tuple[Fact, Evidence]] = []
    triple = (new.subject, new.relation, new.object)  # its id, without hashing per holder
    for other in holders:
        if (
            (other.subject, other.relation, other.object) == triple
            or succession_key(other) != key
            or other.valid_from is None
        ):
            continue
        if other.valid_from.first_day() < new.valid_from.first_day():
            updates.append((other, succession_evidence(new)))
        elif new.valid_from.first_day() < other.valid_from.first_day():
            updates.append((new, succession_evidence(other)))
    return updates
