"""The SQLite write path's in-memory view of the rows one batch touches (no SQL here).

:meth:`graph.stores.sqlite.SQLiteStore.write` takes a batch's facts one by one
exactly as if each were written and read back in turn (derive; a new version
or a touch of the current one; then successions), but against a
:class:`BatchState` loaded once per batch instead of a few statements per fact.
The rows it gathers are then written with one ``executemany`` per kind.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from graph import temporal
from graph.model import SUCCESSION, Evidence, Fact

#: Row order of the versions a batch adds: after every stored row id.
_NEW_ROWS = 1 << 62

#: A live evidence row: (published, recorded_at, evidence id, evidence).
LiveRow = tuple[date | None, str, str, Evidence]

#: (relation, fixed column, fixed end): where the holders of a one-at-a-time role are.
End = tuple[str, str, str]

# json.dumps(…, ensure_ascii=False, sort_keys=True) without building an encoder per call.
_encode_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


#: Batches of this many facts and entities are written with the cyclic GC paused.
PAUSE_GC_FROM = 1_000


def qualifier_json(qualifiers: Mapping[str, Any]) -> str:
    """Qualifiers as the store writes them (sorted keys, UTF-8 kept)."""
    return _encode_json(dict(qualifiers)) if qualifiers else "{}"


def evidence_row(
    fact_id: str, evidence_id: str, e: Evidence, qualifiers: str, recorded_at: str
) -> tuple[Any, ...]:
    """An ``evidence`` table row, in the column order the store inserts
    (``qualifiers``: :func:`qualifier_json` of ``e.qualifiers``)."""
    return (
        fact_id,
        evidence_id,
        e.document_id,
        e.url,
        e.published.isoformat() if e.published else None,
        e.sentence,
        e.start,
        e.end,
        e.extractor,
        float(e.confidence),
        e.valid_from.isoformat() if e.valid_from else None,
        e.valid_to.isoformat() if e.valid_to else None,
        qualifiers,
        int(e.succession),
        recorded_at,
    )


def _evidence_order(row: LiveRow) -> tuple[bool, date, str, str]:
    # The store's evidence order (``_evidence_of``): published (NULL first), recorded_at, id.
    return (row[0] is not None, row[0] or date.min, row[1], row[2])


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


class BatchState:
    """The current versions and evidence rows of the facts one write touches.

    :meth:`read` answers what the database would at that point: the current
    version with its live evidence in the store's order. What changed is kept
    as rows to write: :attr:`touched` (confidence and stated_at of stored
    versions), :attr:`superseded` (stored row ids), :attr:`versions` and
    :attr:`evidence` (rows to insert, in order). Versions added and superseded
    within the batch are kept (recorded and superseded at the same instant), as
    a fact-by-fact write leaves them.
    """

    def __init__(self, now: str) -> None:
        #: The write's transaction time, as stored.
        self.now = now
        #: The current version per fact id (None: none); its ``evidence`` is not
        #: used, :meth:`read` adds the live rows.
        self._current: dict[str, Fact | None] = {}
        #: Row id of a current version stored before this write.
        self._stored_row: dict[str, int] = {}
        #: Index in :attr:`versions` of a current version this write added.
        self._new_row: dict[str, int] = {}
        #: (recorded_at, row order) of each current version: the holder lookup's order.
        self._order: dict[str, tuple[str, int]] = {}
        #: Live evidence rows per fact id.
        self._live: dict[str, list[LiveRow]] = {}
        #: Every (fact id, evidence id) row, retracted ones included (INSERT OR IGNORE).
        self._rows: set[tuple[str, str]] = set()
        #: The retracted ones: written again, a statement stays retracted.
        self._retracted: set[tuple[str, str]] = set()
        #: Facts of the one-at-a-time relations, by end.
        self._by_end: dict[End, dict[str, None]] = {}
        #: The ends whose stored holders are loaded, and those the batch may need.
        self.loaded_ends: set[End] = set()
        self.wanted_ends: set[End] = set()
        self._reads: dict[str, Fact] = {}
        self.touched: dict[int, tuple[float, str | None]] = {}
        self.superseded: list[int] = []
        self.versions: list[list[Any]] = []
        self.evidence: list[tuple[Any, ...]] = []

    # -- loading what is stored ---------------------------------------------------------

    def knows(self, fact_id: str) -> bool:
        return fact_id in self._current

    def load(self, fact_id: str, fact: Fact | None, row_id: int, recorded_at: str) -> None:
        """A fact as stored before this write (``fact`` None: it has no current version)."""
        self._current[fact_id] = fact
        if fact is not None:
            self._stored_row[fact_id] = row_id
            self._order[fact_id] = (recorded_at, row_id)
            self._index(fact_id, fact)

    def load_evidence(
        self, fact_id: str, evidence_id: str, recorded_at: str, evidence: Evidence | None
    ) -> None:
        """A stored evidence row (``evidence`` None: retracted)."""
        self._rows.add((fact_id, evidence_id))
        if evidence is None:
            self._retracted.add((fact_id, evidence_id))
        else:
            row = (evidence.published, recorded_at, evidence_id, evidence)
            self._live.setdefault(fact_id, []).append(row)

    def unretracted(
        self, fact_id: str, keyed: list[tuple[str, Evidence]]
    ) -> list[tuple[str, Evidence]]:
        """``keyed`` without the statements a reviewer retracted from this fact."""
        if not self._retracted:
            return keyed
        return [(i, e) for i, e in keyed if (fact_id, i) not in self._retracted]

    # -- reading and changing -------------------------------------------------------------

    def read(self, fact_id: str) -> Fact | None:
        """The current version with its live evidence, as a SELECT would give it now."""
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

    def holders(self, end: End) -> list[Fact]:
        """The current facts at this end, in the order the lookup's index gives them."""
        ids = [i for i in self._by_end.get(end, ()) if self._current.get(i) is not None]
        ids.sort(key=self._order.__getitem__)
        return [fact for i in ids if (fact := self.read(i)) is not None]

    def add_version(self, fact_id: str, fact: Fact) -> None:
        """A new current version (the previous one, if any, is superseded already)."""
        self._new_row[fact_id] = len(self.versions)
        self.versions.append(
            [
                fact_id,
                fact.subject,
                fact.relation.value,
                fact.object,
                fact.valid_from.isoformat() if fact.valid_from else None,
                fact.valid_to.isoformat() if fact.valid_to else None,
                fact.lower.isoformat(),
                fact.upper.isoformat(),
                qualifier_json(fact.qualifiers),
                fact.stated_at.isoformat() if fact.stated_at else None,
                float(fact.confidence),
                self.now,
                None,  # superseded_at
            ]
        )
        self._current[fact_id] = fact
        self._order[fact_id] = (self.now, _NEW_ROWS + len(self.versions))
        self._reads.pop(fact_id, None)
        self._index(fact_id, fact)

    def add_evidence_rows(self, fact_id: str, keyed: Iterable[tuple[str, Evidence]]) -> None:
        """Evidence rows (by id), each unless (fact id, evidence id) is stored already."""
        live = self._live.setdefault(fact_id, [])
        qualifiers: Mapping[str, Any] | None = None
        text = "{}"
        for evidence_id, e in keyed:
            if (fact_id, evidence_id) in self._rows:
                continue
            self._rows.add((fact_id, evidence_id))
            live.append((e.published, self.now, evidence_id, e))
            if e.qualifiers is not qualifiers:  # often shared by a fact's evidence
                qualifiers, text = e.qualifiers, qualifier_json(e.qualifiers)
            self.evidence.append(evidence_row(fact_id, evidence_id, e, text, self.now))
        self._reads.pop(fact_id, None)

    def add_evidence(
        self, current: Fact, fact_id: str, keyed: Sequence[tuple[str, Evidence]]
    ) -> Fact:
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
            self.add_version(fact_id, updated)
        self.add_evidence_rows(fact_id, fresh)
        return updated

    def _touch(self, fact_id: str, updated: Fact) -> None:
        """The current version's confidence and stated_at, updated in place."""
        stated = _iso(updated.stated_at)
        index = self._new_row.get(fact_id)
        if index is not None:
            self.versions[index][9] = stated
            self.versions[index][10] = updated.confidence
        else:
            self.touched[self._stored_row[fact_id]] = (updated.confidence, stated)
        self._current[fact_id] = updated
        self._reads.pop(fact_id, None)

    def _supersede(self, fact_id: str) -> None:
        index = self._new_row.pop(fact_id, None)
        if index is not None:
            self.versions[index][12] = self.now
        else:
            self.superseded.append(self._stored_row.pop(fact_id))
        self._current[fact_id] = None
        self._reads.pop(fact_id, None)

    def want_ends_of(self, facts: Iterable[Fact]) -> None:
        """Note the ends of the one-at-a-time facts among ``facts`` (loaded when first needed)."""
        self.wanted_ends.update(end for f in facts if (end := end_of(f)) is not None)

    def _index(self, fact_id: str, fact: Fact) -> None:
        end = end_of(fact)
        if end is not None:
            self._by_end.setdefault(end, {})[fact_id] = None


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
