"""The SQLite store's row shapes and its one mapper from rows to model objects.

Every SELECT of :mod:`graph.stores.sqlite_read` and :mod:`graph.stores.sqlite_write`
reads its rows by name: through a row shape (a NamedTuple) or, for the joined
fact-and-evidence rows of the hot lookups, through offset constants computed from
those shapes, never by a bare position. :class:`RowDecoder` turns stored values
into model objects, one per store with the caches that make that cheap.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

from graph.model import Evidence, Fact, PartialDate, Relation

# -- row shapes ------------------------------------------------------------------------


class FactRow(NamedTuple):
    """A fact version's columns, as :data:`FACT_COLUMNS` selects them."""

    fact_id: str
    subject: str
    relation: str
    object: str
    valid_from: str | None
    valid_to: str | None
    qualifiers: str
    stated_at: str | None
    confidence: float
    recorded_at: str
    superseded_at: str | None


class EvidenceRow(NamedTuple):
    """An evidence row's columns, as :data:`EVIDENCE_COLUMNS` selects them."""

    document_id: str
    sentence: str
    start: int | None
    end: int | None
    url: str | None
    published: str | None
    extractor: str
    confidence: float
    valid_from: str | None
    valid_to: str | None
    qualifiers: str
    succession: int


# The shapes below are of SELECTs that write their column lists out (in sqlite_read).


class EntityRow(NamedTuple):
    id: str
    name: str
    type: str
    wikidata: str | None


class DocumentRow(NamedTuple):
    text: str
    url: str | None
    title: str | None
    published: str | None
    id: str


class KeyRow(NamedTuple):
    name_key: str
    id: str
    name: str
    type: str
    wikidata: str | None


class FetchRow(NamedTuple):
    url: str
    kind: str
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    document_id: str | None
    fingerprint: str | None
    fetched_at: str | None


class CorrectionRow(NamedTuple):
    fact_id: str
    evidence_id: str | None
    reason: str
    recorded_at: str


def _columns(fields: tuple[str, ...], prefix: str = "") -> str:
    """A row shape's fields as a SELECT's column list (``end`` is an SQL keyword)."""
    return ", ".join(prefix + ('"end"' if name == "end" else name) for name in fields)


FACT_COLUMNS = _columns(FactRow._fields)
#: A version with its row id (the write path): ``row_id``, then a :class:`FactRow`.
VERSION_COLUMNS = "row_id, " + FACT_COLUMNS
EVIDENCE_COLUMNS = _columns(EvidenceRow._fields)

#: The joined rows of :meth:`SQLiteReads._read_joined`: ``row_id``, a :class:`FactRow`,
#: an :class:`EvidenceRow` (all NULL when the fact has no live evidence), then the
#: evidence's ``recorded_at`` and ``evidence_id``; as :data:`JOINED_COLUMNS` selects
#: them from ``(SELECT row_id, FACT_COLUMNS …) AS f LEFT JOIN evidence e``.
JOINED_COLUMNS = f"f.*, {_columns(EvidenceRow._fields, 'e.')}, e.recorded_at, e.evidence_id"
JOINED_FACT = slice(1, 1 + len(FactRow._fields))
JOINED_EVIDENCE = slice(JOINED_FACT.stop, JOINED_FACT.stop + len(EvidenceRow._fields))
#: The evidence's document_id (NOT NULL in the table: NULL only when none joined).
JOINED_DOCUMENT = JOINED_EVIDENCE.start + EvidenceRow._fields.index("document_id")
JOINED_PUBLISHED = JOINED_EVIDENCE.start + EvidenceRow._fields.index("published")
JOINED_RECORDED = JOINED_EVIDENCE.stop
JOINED_EVIDENCE_ID = JOINED_RECORDED + 1


def joined_evidence_order(row: Sequence[Any]) -> tuple[bool, str, str, str]:
    """The order of a fact's joined evidence rows that ``ORDER BY published, recorded_at,
    evidence_id`` gives (published NULL first)."""
    published = row[JOINED_PUBLISHED]
    return (published is not None, published or "", row[JOINED_RECORDED], row[JOINED_EVIDENCE_ID])


# -- stored values → model objects ------------------------------------------------------

_NO_QUALIFIERS: Mapping[str, Any] = MappingProxyType({})
_QUALIFIERS_MAX = 65_536
_SCALARS = (str, int, float, bool, type(None))
_RELATIONS: Mapping[str, Relation] = {r.value: r for r in Relation}


class RowDecoder:
    """Stored rows → model objects, trusted: only validated values are ever written,
    under the hash of their content, so neither check is redone.

    One per store, with its caches: stored dates → :class:`PartialDate` (few: days
    1995–2026), qualifier JSON → read-only mappings (few distinct texts: statuses,
    roles; only all-scalar mappings are shared between facts), ``recorded_at`` text →
    datetime (every fact of one write shares it). The decoders are closures over
    them: a cell lookup per use is cheaper, once per row of every lookup, than an
    attribute.
    """

    __slots__ = ("evidence", "fact", "qualifiers")

    evidence: Callable[[Sequence[Any]], Evidence]
    fact: Callable[[Sequence[Any], tuple[Evidence, ...]], Fact]
    qualifiers: Callable[[str], Mapping[str, Any]]

    def __init__(self) -> None:
        partial = lru_cache(maxsize=65_536)(PartialDate.parse_optional)
        recorded_at = lru_cache(maxsize=65_536)(datetime.fromisoformat)
        known: dict[str, Mapping[str, Any]] = {"{}": _NO_QUALIFIERS}
        day = date.fromisoformat
        moment = datetime.fromisoformat
        relations = _RELATIONS
        stored_evidence = Evidence.stored
        stored_fact = Fact.stored

        def qualifiers(text: str) -> Mapping[str, Any]:
            found = known.get(text)
            if found is None:
                # Written with sort_keys=True; sorted again in case of an older row.
                value: dict[str, Any] = json.loads(text)
                found = MappingProxyType(dict(sorted(value.items())))
                if len(known) < _QUALIFIERS_MAX and all(
                    isinstance(v, _SCALARS) for v in value.values()
                ):
                    known[text] = found
            return found

        def evidence(row: Sequence[Any]) -> Evidence:
            """An :class:`EvidenceRow` → evidence."""
            doc, sentence, start, end, url, published, extractor, conf, vf, vt, quals, succ = row
            # Once per row of every lookup: the None and "{}" cases are inlined.
            return stored_evidence(
                doc,
                sentence,
                start,
                end,
                url,
                day(published) if published else None,
                extractor,
                conf,
                partial(vf) if vf else None,
                partial(vt) if vt else None,
                _NO_QUALIFIERS if quals == "{}" else qualifiers(quals),
                succ == 1,
            )

        def fact(row: Sequence[Any], evidence: tuple[Evidence, ...]) -> Fact:
            """A :class:`FactRow` and the fact's evidence → the fact."""
            (_fact_id, subject, relation, obj, vf, vt, quals, stated, conf, rec, sup) = row
            return stored_fact(
                subject,
                relations[relation],
                obj,
                partial(vf) if vf else None,
                partial(vt) if vt else None,
                _NO_QUALIFIERS if quals == "{}" else qualifiers(quals),
                day(stated) if stated else None,
                recorded_at(rec),  # NOT NULL
                moment(sup) if sup else None,
                conf,
                evidence,
            )

        self.qualifiers = qualifiers
        self.evidence = evidence
        self.fact = fact
