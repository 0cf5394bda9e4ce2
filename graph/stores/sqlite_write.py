"""The SQLite store's writes: batches, retractions, imports, each in one transaction.

Which versions a change adds, touches or supersedes is decided in
:mod:`graph.changeset`, the same for every backend; this module reads what the
builder needs (the current versions and evidence rows of the facts named, the
holders of a one-at-a-time role when first asked) and persists the
:class:`~graph.changeset.ChangeSet` it gives, one ``executemany`` per kind of
row: a few statements per batch, not a few per fact.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from graph.changeset import (
    ChangeSet,
    ChangeSetBuilder,
    End,
    NewEvidence,
    NewVersion,
    histories,
    stamp,
)
from graph.errors import InvalidInput, StoreUnavailable
from graph.fetchstate import FetchRecord
from graph.gcpause import gc_paused
from graph.model import Batch, Document, Entity, Evidence, Fact, WriteResult
from graph.names import name_key
from graph.stores.sqlite_read import SQLiteReads
from graph.stores.sqlite_rows import VERSION_COLUMNS, FactRow
from graph.stores.sqlite_schema import DEFERRABLE_INDEXES

#: Batches of this many facts and entities are written with the cyclic GC paused.
PAUSE_GC_FROM = 1_000

#: Fewest new versions in a change for building the secondary indexes after its rows
#: (and only when they outnumber the stored ones): :meth:`SQLiteWrites._indexes_deferred`.
_DEFER_INDEXES_FROM = 1_000

#: The current versions of the facts in a JSON array of ids (:data:`VERSION_COLUMNS`).
_CURRENT_VERSIONS = (
    f"SELECT {VERSION_COLUMNS} FROM facts "  # noqa: S608 (constant column list)
    "WHERE fact_id IN (SELECT value FROM json_each(?)) AND superseded_at IS NULL"
)
#: Every evidence row of the facts in a JSON array of ids, retracted ones included.
_EVIDENCE_KEYS = (
    "SELECT fact_id, evidence_id, recorded_at, retracted_at IS NULL FROM evidence "
    "WHERE fact_id IN (SELECT value FROM json_each(?)) "
    "ORDER BY fact_id, published, recorded_at, evidence_id"
)
#: The current holders of a one-at-a-time relation (bound second) at the ends in a JSON
#: array, per column. "+relation": read the entities' own index, not every fact of it.
_HOLDERS = {
    column: f"SELECT {VERSION_COLUMNS} FROM facts WHERE {column} IN "  # noqa: S608 (constant names)
    "(SELECT value FROM json_each(?)) AND +relation = ? AND superseded_at IS NULL"
    for column in ("subject", "object")
}
_INSERT_VERSIONS = (
    "INSERT INTO facts (fact_id, subject, relation, object, valid_from, valid_to, lo, hi, "
    "qualifiers, stated_at, confidence, recorded_at, superseded_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_EVIDENCE = (
    "INSERT OR IGNORE INTO evidence (fact_id, evidence_id, document_id, url, published, "
    'sentence, start, "end", extractor, confidence, valid_from, valid_to, qualifiers, '
    "succession, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_NAMES = (
    "INSERT OR IGNORE INTO entity_names (entity_id, name, name_folded, is_alias, name_key) "
    "VALUES (?, ?, ?, ?, ?)"
)

# json.dumps(…, ensure_ascii=False, sort_keys=True) without building an encoder per call.
_encode_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _now() -> datetime:
    return datetime.now(UTC)


def qualifier_json(qualifiers: Mapping[str, Any]) -> str:
    """Qualifiers as the store writes them (sorted keys, UTF-8 kept)."""
    return _encode_json(dict(qualifiers)) if qualifiers else "{}"


def evidence_row(
    fact_id: str, evidence_id: str, e: Evidence, qualifiers: str, recorded_at: str
) -> tuple[Any, ...]:
    """An ``evidence`` row in :data:`_INSERT_EVIDENCE`'s column order
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


def _version_rows(
    versions: Sequence[NewVersion], now: datetime, now_stamp: str
) -> list[tuple[Any, ...]]:
    """``facts`` rows in :data:`_INSERT_VERSIONS`' column order."""
    return [
        (
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
            now_stamp if recorded_at is now else stamp(recorded_at),
            (now_stamp if superseded_at is now else stamp(superseded_at))
            if superseded_at is not None
            else None,
        )
        for fact_id, fact, recorded_at, superseded_at in versions
    ]


def _evidence_rows(
    evidence: Sequence[NewEvidence], now: datetime, now_stamp: str
) -> list[tuple[Any, ...]]:
    """``evidence`` rows in :data:`_INSERT_EVIDENCE`'s column order."""
    rows: list[tuple[Any, ...]] = []
    append = rows.append
    qualifiers: Mapping[str, Any] | None = None
    text = "{}"
    for fact_id, evidence_id, e, recorded_at in evidence:
        if e.qualifiers is not qualifiers:  # often shared by a fact's evidence
            qualifiers, text = e.qualifiers, qualifier_json(e.qualifiers)
        recorded = now_stamp if recorded_at is now else stamp(recorded_at)
        append(evidence_row(fact_id, evidence_id, e, text, recorded))
    return rows


class SQLiteWrites(SQLiteReads):
    """Every write of the SQLite store (:class:`graph.stores.sqlite.SQLiteStore`)."""

    def write(self, batch: Batch) -> WriteResult:
        """Write a batch in one transaction.

        What the batch touches is read at once (its entities; the current versions
        and evidence of its facts; per one-at-a-time role it names, the holders),
        :class:`graph.changeset.ChangeSetBuilder` derives its facts in memory one by
        one exactly as if each were written and read back in turn, and the rows are
        written with one ``executemany`` per kind: a few statements per batch, not a
        few per fact.
        """
        now = _now()
        large = len(batch.facts) + len(batch.entities) >= PAUSE_GC_FROM
        try:
            with self._transaction() as conn, gc_paused(large), self._bulk_cache(conn, large):
                changes = conn.total_changes
                document_id = None
                if batch.document is not None:
                    doc = batch.document
                    document_id = doc.id
                    row = conn.execute(
                        "SELECT id FROM documents WHERE content_hash = ?", (doc.content_hash,)
                    ).fetchone()
                    if row is not None:
                        return WriteResult(row[0], True, 0, 0, 0)
                    self._insert_document(conn, doc, now)
                added_entities = self._upsert_entities(conn, batch.entities)
                added, ids = self._upsert_facts(conn, batch.facts, now)
                if conn.total_changes != changes:
                    # Only a write that changed something outdates the caches (a re-load of
                    # stored facts is a no-op, revision included).
                    self._bump_revision(conn)
                return WriteResult(document_id, False, added, len(ids) - added, added_entities, ids)
        except sqlite3.IntegrityError as exc:
            raise InvalidInput(f"the batch breaks a store constraint: {exc}") from exc
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"cannot write to {self.path}: {exc}") from exc

    def retract(self, fact_id: str, evidence_id: str | None = None, reason: str = "") -> Fact:
        """Retract a fact, or one piece of its evidence, in transaction time.

        Nothing is erased: the evidence is marked retracted and the fact derived
        again (a new version), or superseded with no successor when no statement
        is left (:meth:`graph.changeset.ChangeSetBuilder.retract`). ``known_at``
        queries before now still see what was retracted.
        """
        builder = ChangeSetBuilder(_now())
        with self._transaction() as conn:
            self._load_facts(conn, builder, [fact_id])
            retracted = builder.retract(fact_id, evidence_id, reason)
            self._persist(conn, builder.changes())
            self._bump_revision(conn)
        return retracted

    def restore_versions(self, entities: Iterable[Entity], versions: Iterable[Fact]) -> int:
        """Store entities and fact versions verbatim, transaction times included.

        For a lossless import of an export (``partnergraph import``): a fact the
        store already holds keeps its own history and the file's versions of it
        are skipped. One transaction; returns how many versions were written.
        """
        by_fact = histories(versions)
        builder = ChangeSetBuilder(_now())
        try:
            with self._transaction() as conn:
                self._upsert_entities(conn, list(entities))
                stored = {
                    row[0]
                    for row in conn.execute(
                        "SELECT DISTINCT fact_id FROM facts "
                        "WHERE fact_id IN (SELECT value FROM json_each(?))",
                        (json.dumps(list(by_fact)),),
                    )
                }
                for fact_id, history in by_fact.items():
                    if fact_id not in stored:
                        builder.restore(fact_id, history)
                changes = builder.changes()
                self._persist(conn, changes)
                if changes.versions:
                    self._bump_revision(conn)
        except sqlite3.IntegrityError as exc:
            raise InvalidInput(f"the import breaks a store constraint: {exc}") from exc
        return len(changes.versions)

    def save_fetch_record(self, record: FetchRecord) -> None:
        """Insert or replace the record for ``record.url``."""
        fetched = stamp(record.fetched_at) if record.fetched_at else None
        with self._transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO fetch_state (url, kind, etag, last_modified, "
                "content_hash, document_id, fingerprint, fetched_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.url,
                    record.kind,
                    record.etag,
                    record.last_modified,
                    record.content_hash,
                    record.document_id,
                    record.fingerprint,
                    fetched,
                ),
            )

    # -- documents and entities ------------------------------------------------------------

    @staticmethod
    def _insert_document(conn: sqlite3.Connection, doc: Document, now: datetime) -> None:
        exists = conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if exists:
            raise InvalidInput(f"document id {doc.id!r} is already stored with other content")
        conn.execute(
            "INSERT INTO documents (id, content_hash, url, title, published, text, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id,
                doc.content_hash,
                doc.url,
                doc.title,
                doc.published.isoformat() if doc.published else None,
                doc.text,
                stamp(now),
            ),
        )

    def _upsert_entities(self, conn: sqlite3.Connection, entities: Sequence[Entity]) -> int:
        """Insert new entities, fill in a missing wikidata id, add names: one read, then
        one statement per kind. How many entities were new."""
        if not entities:
            return 0
        stored = self._stored_entities(conn, [e.id for e in entities])
        new: dict[str, list[Any]] = {}
        wikidata: dict[str, str] = {}
        for entity in entities:
            row = new.get(entity.id)
            if row is not None:  # twice in the batch: fill in a wikidata id, as an UPDATE would
                if row[3] is None and entity.wikidata:
                    row[3] = entity.wikidata
            elif entity.id not in stored:
                new[entity.id] = [entity.id, entity.name, entity.type.value, entity.wikidata]
            elif stored[entity.id] is None and entity.wikidata:
                stored[entity.id] = wikidata[entity.id] = entity.wikidata
        conn.executemany(
            "INSERT INTO entities (id, name, type, wikidata) VALUES (?, ?, ?, ?)", new.values()
        )
        conn.executemany(
            "UPDATE entities SET wikidata = ? WHERE id = ?",
            [(value, entity_id) for entity_id, value in wikidata.items()],
        )
        conn.executemany(
            _INSERT_NAMES,
            [
                (e.id, name, name.casefold(), int(i > 0), name_key(name))
                for e in entities
                for i, name in enumerate(e.all_names())
            ],
        )
        return len(new)

    @staticmethod
    def _stored_entities(conn: sqlite3.Connection, entity_ids: Iterable[str]) -> dict[str, Any]:
        """The stored entities among ``entity_ids``: id → wikidata id (or None).

        The ids go as one JSON array, whatever their number. (json_each cannot carry a
        NUL character, which no entity id holds: :class:`Entity` refuses them.)
        """
        ids = list(dict.fromkeys(entity_ids))
        return dict(
            conn.execute(
                "SELECT id, wikidata FROM entities WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(ids),),
            )
        )

    # -- facts -----------------------------------------------------------------------------

    def _upsert_facts(
        self, conn: sqlite3.Connection, facts: Sequence[Fact], now: datetime
    ) -> tuple[int, tuple[str, ...]]:
        """Derive and write ``facts`` in order; (how many were new, their ids)."""
        if not facts:
            return 0, ()
        ids = [f.id for f in facts]
        entities = self._stored_entities(
            conn, [end for f in facts for end in (f.subject, f.object)]
        )
        builder = ChangeSetBuilder(now)
        self._load_facts(conn, builder, list(dict.fromkeys(ids)))
        added = builder.add(
            facts, ids, entities, lambda ends: self._load_holders(conn, builder, ends)
        )
        self._persist(conn, builder.changes())
        return added, tuple(ids)

    def _load_facts(
        self,
        conn: sqlite3.Connection,
        builder: ChangeSetBuilder,
        fact_ids: list[str],
        rows: Sequence[Sequence[Any]] | None = None,
    ) -> None:
        """Put ``fact_ids`` as stored into ``builder``: their current versions (``rows``
        of :data:`VERSION_COLUMNS` when read already) and every evidence row, retracted
        ones included."""
        if rows is None:
            rows = conn.execute(_CURRENT_VERSIONS, (json.dumps(fact_ids),)).fetchall()
        fact_of = self._decode.fact
        found = set()
        for row in rows:
            row_id, columns = row[0], row[1:]
            version = FactRow._make(columns)
            found.add(version.fact_id)
            builder.load(version.fact_id, fact_of(columns, ()), row_id, version.recorded_at)
        for fact_id in fact_ids:
            if fact_id not in found:
                builder.load(fact_id, None)
        keys = conn.execute(_EVIDENCE_KEYS, (json.dumps(fact_ids),)).fetchall()
        with_live = list(dict.fromkeys(fact_id for fact_id, _, _, is_live in keys if is_live))
        # The live rows come in the same order as the keys above.
        live = {
            fact_id: iter(evidence)
            for fact_id, evidence in self._evidence_of(conn, with_live, None).items()
        }
        for fact_id, evidence_id, recorded_at, is_live in keys:
            evidence = next(live[fact_id]) if is_live else None
            builder.load_evidence(fact_id, evidence_id, recorded_at, evidence)

    def _load_holders(
        self, conn: sqlite3.Connection, builder: ChangeSetBuilder, ends: set[End]
    ) -> None:
        """The stored current holders at ``ends``, into ``builder``: one query per
        relation and column (the batch's own facts are in the builder already)."""
        groups: dict[tuple[str, str], list[str]] = {}
        for relation, column, fixed in ends:
            groups.setdefault((relation, column), []).append(fixed)
        rows: list[Sequence[Any]] = []
        for (relation, column), fixed_ends in groups.items():
            rows += conn.execute(_HOLDERS[column], (json.dumps(fixed_ends), relation)).fetchall()
        versions = [(FactRow._make(row[1:]), row) for row in rows]  # row_id, then a FactRow
        fresh = [(v, row) for v, row in versions if not builder.knows(v.fact_id)]
        if fresh:
            self._load_facts(conn, builder, [v.fact_id for v, _ in fresh], [r for _, r in fresh])

    def _persist(self, conn: sqlite3.Connection, changes: ChangeSet) -> None:
        """The change set's rows, one ``executemany`` per kind, in the order that keeps
        one current version per fact at every step."""
        now = stamp(changes.now)
        conn.executemany(
            "UPDATE evidence SET retracted_at = ? WHERE fact_id = ? AND evidence_id = ? "
            "AND retracted_at IS NULL",
            [(now, r.fact_id, r.evidence_id) for r in changes.retracted],
        )
        conn.executemany(
            "INSERT INTO corrections (fact_id, evidence_id, reason, recorded_at) "
            "VALUES (?, ?, ?, ?)",
            [(c.fact_id, c.evidence_id, c.reason, now) for c in changes.corrections],
        )
        with self._indexes_deferred(conn, len(changes.versions)):
            conn.executemany(
                "UPDATE facts SET confidence = ?, stated_at = ? WHERE row_id = ?",
                [
                    (t.confidence, t.stated_at.isoformat() if t.stated_at else None, t.row)
                    for t in changes.touched
                ],
            )
            conn.executemany(
                "UPDATE facts SET superseded_at = ? WHERE row_id = ?",
                [(now, s.row) for s in changes.superseded],
            )
            conn.executemany(_INSERT_VERSIONS, _version_rows(changes.versions, changes.now, now))
            conn.executemany(_INSERT_EVIDENCE, _evidence_rows(changes.evidence, changes.now, now))

    def _bump_revision(self, conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'revision'")

    # -- bulk loads ------------------------------------------------------------------------

    @contextmanager
    def _bulk_cache(self, conn: sqlite3.Connection, large: bool) -> Iterator[None]:
        """A 64 MiB page cache while a large batch is written, then SQLite's default again.

        A batch updates index pages all over the file (its fact and evidence ids are
        hashes); with the default 2 MiB cache, a 5,000-fact batch into a store of
        100k facts re-reads the same pages many times (a third of its SQL time).
        Left alone when the connection's cache size was set to anything else.
        """
        if not large or self._memory:
            yield
            return
        if conn.execute("PRAGMA cache_size").fetchone()[0] != -2000:
            yield
            return
        conn.execute("PRAGMA cache_size = -65536")
        try:
            yield
        finally:
            conn.execute("PRAGMA cache_size = -2000")

    @contextmanager
    def _indexes_deferred(self, conn: sqlite3.Connection, new_versions: int) -> Iterator[None]:
        """Drop the secondary indexes and build them again after the rows go in, when a
        change at least doubles the table of versions (a bulk load into a new store).

        Building an index sorts once; keeping it up to date costs a B-tree descent
        per row, so this pays only while the change outweighs what is stored. Same
        transaction: a crash or an error leaves the indexes as they were. The
        unique indexes stay, so the constraints are checked row by row as ever.
        """
        if new_versions < _DEFER_INDEXES_FROM:
            yield
            return
        # Versions are never deleted: the largest row id is how many there are.
        stored = conn.execute("SELECT coalesce(max(row_id), 0) FROM facts").fetchone()[0]
        if new_versions < stored:
            yield
            return
        definitions = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND name IN (SELECT value FROM json_each(?)) ORDER BY name",
            (json.dumps(list(DEFERRABLE_INDEXES)),),
        ).fetchall()
        for name, _ in definitions:
            conn.execute(DEFERRABLE_INDEXES[name])
        yield
        for _, definition in definitions:  # the store's own schema, as its migrations made it
            conn.execute(definition)
