"""What a write does to the stored versions of facts: decided once, for every backend.

A fact is kept as *versions* (:mod:`graph.model`, ``../shared/ontology.md``): the
current one has no ``superseded_at``. A statement that changes a fact's dates or
qualifiers closes the current version and adds one; a statement that changes
only its confidence or stated day updates the current version in place (a
*touch*); a new holder of a one-at-a-time role (:data:`graph.model.SUCCESSION`)
ends the earlier holders; nothing is ever deleted. Which of these a batch, a
retraction or an import leads to is backend-neutral, so it is decided here, as a
:class:`ChangeSet` of typed row operations; a backend only reads what is stored
and persists the operations::

    backend (SQL / Cypher)                    ChangeSetBuilder (no I/O)
    ------------------------------------      ---------------------------------------
    read the current versions and every  ─→   load(), load_evidence()
    evidence row of the facts named
                                              add(facts)      derive; version or touch;
    read the holders at the ends asked   ←─→    successions (ends read when first needed)
                                              retract(fact)   evidence retracted, derive
                                              restore(fact)   an import's versions verbatim
    persist, in this order: retracted,   ←─   changes() → ChangeSet
    corrections, touched, superseded,
    versions, evidence

The facts of a batch are taken one by one exactly as if each were written and read
back in turn, against the rows loaded once (a few reads per batch, not per fact).
Versions added and closed within one change set are kept, recorded and superseded
at the same instant, as a fact-by-fact write leaves them.

Stored instants are compared as :func:`stamp` text (ISO 8601, UTC, microseconds),
which sorts as time does.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import NamedTuple

from graph import temporal
from graph.errors import InvalidInput, NotFound
from graph.model import SUCCESSION, Evidence, Fact

#: Where the holders of a one-at-a-time role are: (relation value, "subject" or
#: "object", the fixed end's id).
End = tuple[str, str, str]


def stamp(moment: datetime) -> str:
    """An instant as stores keep and order it: ISO 8601 in UTC, to the microsecond.

    >>> stamp(datetime(2025, 9, 11, 8, 30))
    '2025-09-11T08:30:00.000000+00:00'
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def end_of(fact: Fact) -> End | None:
    """Where the holders of ``fact``'s one-at-a-time relation are (None: not one of those).

    By relation, whatever the role: the holder lookup reads every fact at that end.
    """
    rule = SUCCESSION.get(fact.relation)
    if rule is None:
        return None
    if rule["by"] == "object":
        return (fact.relation.value, "object", fact.object)
    return (fact.relation.value, "subject", fact.subject)


# -- the row operations --------------------------------------------------------------


class NewVersion(NamedTuple):
    """A version to insert, with its transaction times.

    A write's versions are recorded at the change set's ``now`` (and superseded at
    ``now`` when a later statement of the same change closed them); an import's
    keep the times it was given.
    """

    fact_id: str
    fact: Fact
    recorded_at: datetime
    superseded_at: datetime | None


class Touch(NamedTuple):
    """A stored current version whose confidence and stated day change in place."""

    fact_id: str
    #: The stored version's row, as the backend loaded it (:meth:`ChangeSetBuilder.load`).
    row: int
    confidence: float
    stated_at: date | None


class Supersede(NamedTuple):
    """A stored current version, superseded at the change set's ``now``."""

    fact_id: str
    row: int


class NewEvidence(NamedTuple):
    """An evidence row to insert, recorded at ``recorded_at`` (never one already stored)."""

    fact_id: str
    evidence_id: str
    evidence: Evidence
    recorded_at: datetime


class Retraction(NamedTuple):
    """A live evidence row, retracted at the change set's ``now``."""

    fact_id: str
    evidence_id: str


class NewCorrection(NamedTuple):
    """Why a fact (``evidence_id`` None) or one of its statements was retracted, at ``now``."""

    fact_id: str
    evidence_id: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Every row a write, a retraction or an import changes, by kind.

    Persisted in field order (retracted … evidence): a fact then has one current
    version at every step.
    """

    now: datetime
    retracted: Sequence[Retraction]
    corrections: Sequence[NewCorrection]
    touched: Sequence[Touch]
    superseded: Sequence[Supersede]
    versions: Sequence[NewVersion]
    evidence: Sequence[NewEvidence]


# -- the builder ----------------------------------------------------------------------

#: ``_new(NewEvidence, (…))`` is ``NewEvidence(…)`` without the Python-level ``__new__``
#: of a NamedTuple (half its cost, once per row of a bulk load).
_new = tuple.__new__

#: Row order of the versions a change set adds: after every stored row.
_NEW_ROWS = 1 << 62

#: A live evidence row: (published, recorded_at stamp, evidence id, evidence).
_LiveRow = tuple[date | None, str, str, Evidence]

#: Reads the stored holders at the given ends into the builder (see :meth:`ChangeSetBuilder.add`).
ReadHolders = Callable[[set[End]], None]


def _evidence_order(row: _LiveRow) -> tuple[bool, date, str, str]:
    # The stores' evidence order: published (unknown first), recorded_at, id.
    return (row[0] is not None, row[0] or date.min, row[1], row[2])


class ChangeSetBuilder:
    """The current versions and evidence rows of the facts one change touches.

    The backend loads what is stored (:meth:`load`, :meth:`load_evidence`); then
    :meth:`add`, :meth:`retract` or :meth:`restore` decide, reading the state as
    the database would give it at that point (:meth:`read`); :meth:`changes` is
    the result.
    """

    def __init__(self, now: datetime) -> None:
        #: The change's transaction time, and its :func:`stamp`.
        self.now = now
        self.stamp = stamp(now)
        #: The current version per fact id (None: none); its ``evidence`` is not
        #: used, :meth:`read` adds the live rows.
        self._current: dict[str, Fact | None] = {}
        #: Row of a current version stored before this change.
        self._stored_row: dict[str, int] = {}
        #: Index in :attr:`_versions` of a current version this change added.
        self._new_row: dict[str, int] = {}
        #: (recorded_at, row order) of each current version: the holder lookup's order.
        self._order: dict[str, tuple[str, int]] = {}
        #: Live evidence rows per fact id.
        self._live: dict[str, list[_LiveRow]] = {}
        #: Every (fact id, evidence id) row, retracted ones included (never inserted again).
        self._rows: set[tuple[str, str]] = set()
        #: The retracted ones: stated again, a statement stays retracted.
        self._retracted: set[tuple[str, str]] = set()
        #: Facts of the one-at-a-time relations, by end.
        self._by_end: dict[End, dict[str, None]] = {}
        #: The ends whose stored holders are loaded, and those the change may need.
        self._loaded_ends: set[End] = set()
        self._wanted_ends: set[End] = set()
        self._reads: dict[str, Fact] = {}
        self._touched: dict[int, Touch] = {}
        self._superseded: list[Supersede] = []
        self._versions: list[NewVersion] = []
        self._evidence: list[NewEvidence] = []
        self._retractions: list[Retraction] = []
        self._corrections: list[NewCorrection] = []

    # -- loading what is stored ----------------------------------------------------------

    def knows(self, fact_id: str) -> bool:
        """Whether ``fact_id`` is loaded (its stored state may have changed since)."""
        return fact_id in self._current

    def load(self, fact_id: str, fact: Fact | None, row: int = 0, recorded_at: str = "") -> None:
        """A fact as stored before this change (``fact`` None: no current version).

        ``row``: the backend's handle on the stored version (what :class:`Touch`
        and :class:`Supersede` give back) and, after ``recorded_at`` (a
        :func:`stamp`), the order in which holders are taken.
        """
        self._current[fact_id] = fact
        if fact is not None:
            self._stored_row[fact_id] = row
            self._order[fact_id] = (recorded_at, row)
            self._index(fact_id, fact)

    def load_evidence(
        self, fact_id: str, evidence_id: str, recorded_at: str, evidence: Evidence | None
    ) -> None:
        """A stored evidence row (``evidence`` None: retracted; ``recorded_at``: a stamp)."""
        self._rows.add((fact_id, evidence_id))
        if evidence is None:
            self._retracted.add((fact_id, evidence_id))
        else:
            row = (evidence.published, recorded_at, evidence_id, evidence)
            self._live.setdefault(fact_id, []).append(row)

    # -- reading ---------------------------------------------------------------------------

    def read(self, fact_id: str) -> Fact | None:
        """The current version with its live evidence, as a read would give it now."""
        fact = self._reads.get(fact_id)
        if fact is None:
            row = self._current.get(fact_id)
            if row is None:
                return None
            live = self._live.get(fact_id, [])
            live.sort(key=_evidence_order)
            # A version of a stored or derived (validated) fact: the trusted constructor.
            fact = self._reads[fact_id] = Fact.stored(
                row.subject,
                row.relation,
                row.object,
                row.valid_from,
                row.valid_to,
                row.qualifiers,
                row.stated_at,
                row.recorded_at,
                row.superseded_at,
                row.confidence,
                tuple(r[3] for r in live),
            )
        return fact

    def _holders(self, end: End) -> list[Fact]:
        """The current facts at this end, in the order the lookup's index gives them."""
        ids = [i for i in self._by_end.get(end, ()) if self._current.get(i) is not None]
        ids.sort(key=self._order.__getitem__)
        return [fact for i in ids if (fact := self.read(i)) is not None]

    # -- deciding --------------------------------------------------------------------------

    def add(
        self,
        facts: Sequence[Fact],
        ids: Sequence[str],
        entities: Collection[str],
        read_holders: ReadHolders,
    ) -> int:
        """Take a batch's facts (``ids``: theirs) in order; how many are new facts.

        Every end must be among the stored ``entities``. Each fact is derived with
        what is stored of it: a first version, a touch, or a new version; then the
        holders of its one-at-a-time role, if any, are ended (or end it). At the
        first such fact, ``read_holders`` is asked to :meth:`load` the stored
        holders at every end the batch names that it has not loaded yet.
        """
        self._wanted_ends.update(end for f in facts if (end := end_of(f)) is not None)
        added = 0
        for fact, fact_id in zip(facts, ids, strict=True):
            for entity in (fact.subject, fact.object):
                if entity not in entities:
                    raise InvalidInput(f"fact {fact_id} names unknown entity {entity!r}")
            incoming = [(e.id, e) for e in temporal.claimed_evidence(fact)]
            if self._retracted:
                incoming = [(i, e) for i, e in incoming if (fact_id, i) not in self._retracted]
                if not incoming:
                    continue  # only statements a reviewer retracted: nothing to revive
            current = self.read(fact_id)
            if current is None:
                stored, evidence = temporal.derive_keyed(fact, incoming)
                self._add_version(fact_id, stored)
                self._add_evidence_rows(fact_id, evidence.items())
                added += 1
            else:
                stored = self._merge(current, fact_id, incoming)
            self._succeed(stored, read_holders)
        return added

    def retract(self, fact_id: str, evidence_id: str | None, reason: str) -> Fact:
        """Retract a fact's live statements, or one of them; the fact as it then stands.

        The fact is derived again from what is left (a new version, even when its
        dates and status stay: the evidence changed), or superseded with no
        successor when no statement is left. Needs the fact :meth:`load`-ed.
        """
        current = self.read(fact_id)
        if current is None:
            raise NotFound("fact", fact_id)
        live_ids = [e.id for e in current.evidence]
        if evidence_id is not None and evidence_id not in live_ids:
            raise NotFound("evidence", f"{fact_id}/{evidence_id}")
        targets = {evidence_id} if evidence_id else set(live_ids)
        self._retractions += [Retraction(fact_id, i) for i in live_ids if i in targets]
        self._corrections.append(NewCorrection(fact_id, evidence_id, reason or "retracted"))
        self._retracted.update((fact_id, i) for i in targets)
        self._live[fact_id] = [r for r in self._live.get(fact_id, ()) if r[2] not in targets]
        live = tuple(e for e, i in zip(current.evidence, live_ids, strict=True) if i not in targets)
        self._supersede(fact_id)
        if not any(not e.succession for e in live):
            return current.with_changes(superseded_at=self.now, evidence=live)
        updated = temporal.derive(current.with_changes(evidence=()), live)
        self._add_version(fact_id, updated)
        return updated.with_changes(recorded_at=self.now)

    def restore(self, fact_id: str, history: Iterable[Fact]) -> None:
        """The versions of a fact the store has never held, verbatim, transaction times
        included (an import; :func:`histories` checks they have them)."""
        for version in sorted(history, key=_recorded):
            recorded = _recorded(version)
            self._versions.append(NewVersion(fact_id, version, recorded, version.superseded_at))
            for e in version.evidence:
                evidence_id = e.id
                if (fact_id, evidence_id) not in self._rows:
                    self._rows.add((fact_id, evidence_id))
                    self._evidence.append(NewEvidence(fact_id, evidence_id, e, recorded))

    def changes(self) -> ChangeSet:
        """What was decided, as rows to persist."""
        return ChangeSet(
            self.now,
            self._retractions,
            self._corrections,
            list(self._touched.values()),
            self._superseded,
            self._versions,
            self._evidence,
        )

    # -- the steps -------------------------------------------------------------------------

    def _add_version(self, fact_id: str, fact: Fact) -> None:
        """A new current version (the previous one, if any, is superseded already)."""
        self._new_row[fact_id] = len(self._versions)
        self._versions.append(_new(NewVersion, (fact_id, fact, self.now, None)))
        self._current[fact_id] = fact
        self._order[fact_id] = (self.stamp, _NEW_ROWS + len(self._versions))
        self._reads.pop(fact_id, None)
        self._index(fact_id, fact)

    def _add_evidence_rows(self, fact_id: str, keyed: Iterable[tuple[str, Evidence]]) -> None:
        """Evidence rows (by id), each unless (fact id, evidence id) is stored already."""
        live = self._live.setdefault(fact_id, [])
        rows, now, stamp_ = self._rows, self.now, self.stamp
        for evidence_id, e in keyed:
            if (fact_id, evidence_id) in rows:
                continue
            rows.add((fact_id, evidence_id))
            live.append((e.published, stamp_, evidence_id, e))
            self._evidence.append(_new(NewEvidence, (fact_id, evidence_id, e, now)))
        self._reads.pop(fact_id, None)

    def _merge(self, current: Fact, fact_id: str, keyed: Sequence[tuple[str, Evidence]]) -> Fact:
        """Derive the fact again with more evidence (by id); a changed fact is a new version.

        ``current`` is what :meth:`read` gave: its evidence is the live rows.
        """
        live = self._live.get(fact_id, [])
        known = {row[2] for row in live}
        fresh = [(evidence_id, e) for evidence_id, e in keyed if evidence_id not in known]
        if not fresh:
            return current
        updated, _ = temporal.derive_keyed(current, [(r[2], r[3]) for r in live] + fresh)
        if temporal.same_version(current, updated):
            self._touch(fact_id, updated)
        else:
            self._supersede(fact_id)
            self._add_version(fact_id, updated)
        self._add_evidence_rows(fact_id, fresh)
        return updated

    def _touch(self, fact_id: str, updated: Fact) -> None:
        """The current version's confidence and stated day, updated in place."""
        index = self._new_row.get(fact_id)
        if index is not None:
            self._versions[index] = self._versions[index]._replace(fact=updated)
        else:
            row = self._stored_row[fact_id]
            self._touched[row] = Touch(fact_id, row, updated.confidence, updated.stated_at)
        self._current[fact_id] = updated
        self._reads.pop(fact_id, None)

    def _supersede(self, fact_id: str) -> None:
        index = self._new_row.pop(fact_id, None)
        if index is not None:
            self._versions[index] = self._versions[index]._replace(superseded_at=self.now)
        else:
            self._superseded.append(Supersede(fact_id, self._stored_row.pop(fact_id)))
        self._current[fact_id] = None
        self._reads.pop(fact_id, None)

    def _succeed(self, fact: Fact, read_holders: ReadHolders) -> None:
        """End the earlier holders of ``fact``'s one-at-a-time role, and ``fact`` by later ones."""
        key = temporal.succession_key(fact)
        if key is None:
            return
        relation, fixed, _role = key
        end = (relation.value, "object" if fact.object == fixed else "subject", fixed)
        if end not in self._loaded_ends:
            # Every end the batch may need at once: one read per relation and side.
            ends = (self._wanted_ends | {end}) - self._loaded_ends
            self._loaded_ends |= ends
            read_holders(ends)
        for target, evidence in temporal.successions(fact, self._holders(end)):
            current = self.read(target.id)
            if current is not None:
                self._merge(current, target.id, [(evidence.id, evidence)])

    def _index(self, fact_id: str, fact: Fact) -> None:
        end = end_of(fact)
        if end is not None:
            self._by_end.setdefault(end, {})[fact_id] = None


def _recorded(version: Fact) -> datetime:
    if version.recorded_at is None:  # histories() refuses these
        raise InvalidInput(f"version of fact {version.id} has no recorded_at")
    return version.recorded_at


def histories(versions: Iterable[Fact]) -> dict[str, list[Fact]]:
    """An import's versions by fact id, in first-seen order; each must have ``recorded_at``."""
    by_fact: dict[str, list[Fact]] = {}
    for version in versions:
        _recorded(version)
        by_fact.setdefault(version.id, []).append(version)
    return by_fact
