"""The SQLite store's reads: every SELECT of facts, evidence, entities and documents.

Rows are read by name, through the row shapes of :mod:`graph.stores.sqlite_rows`,
and become model objects through the store's one
:class:`~graph.stores.sqlite_rows.RowDecoder`.

An as-of lookup of one entity's relations reads the partial index
``(subject|object, lo, hi, relation)`` over current versions: its cost depends on
that entity's degree, not on the size of the graph.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from graph.changeset import stamp
from graph.errors import NotFound
from graph.fetchstate import FetchRecord
from graph.model import OPEN_END, Document, Entity, EntityType, Evidence, Fact, Relation
from graph.store import Correction, FactPattern
from graph.stores.sqlite_rows import (
    EVIDENCE_COLUMNS,
    FACT_COLUMNS,
    JOINED_COLUMNS,
    JOINED_DOCUMENT,
    JOINED_EVIDENCE,
    JOINED_FACT,
    CorrectionRow,
    DocumentRow,
    EntityRow,
    FetchRow,
    KeyRow,
    RowDecoder,
    joined_evidence_order,
)
from graph.stores.sqlite_schema import SQLiteDatabase

#: Ids per ``IN (…)`` query (well under SQLite's bound-parameter limit).
IN_CHUNK = 500


def _end_probe(day: date) -> str:
    """The value ``hi > ?`` compares with for ``day``.

    ``hi`` of an open end is :data:`~graph.model.OPEN_END` (``date.max``), which
    holds on every day (:meth:`Fact.holds_at`), ``date.max`` itself included: on
    that one day the probe steps back a day so that ``hi > probe`` still keeps it.
    """
    return (day if day < OPEN_END else day - timedelta(days=1)).isoformat()


# -- the reads ----------------------------------------------------------------------------


class SQLiteReads(SQLiteDatabase):
    """Every read of the SQLite store (:class:`graph.stores.sqlite.SQLiteStore`)."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)
        self._decode = RowDecoder()
        #: find_facts_of's SQL by (relation given, as_of given, known_at given).
        self._facts_of_sql: dict[tuple[bool, bool, bool], str] = {}

    @staticmethod
    def _where(pattern: FactPattern, end_given: bool = False) -> tuple[str, list[Any], str | None]:
        """The WHERE clause of a pattern, its bound values, and the known-at timestamp.

        ``end_given``: the caller adds its own ``subject = ?``/``object = ?`` clause.
        """
        clauses: list[str] = []
        params: list[Any] = []
        if pattern.fact_id is not None:
            clauses.append("fact_id = ?")
            params.append(pattern.fact_id)
        if pattern.subject is not None:
            clauses.append("subject = ?")
            params.append(pattern.subject)
        if pattern.object is not None:
            clauses.append("object = ?")
            params.append(pattern.object)
        if pattern.relation is not None:
            # With an end given, "+relation" keeps the planner on that end's index (cost
            # ~ the entity's degree) instead of the relation index (~ all its facts).
            ends = end_given or pattern.subject is not None or pattern.object is not None
            clauses.append("+relation = ?" if ends else "relation = ?")
            params.append(Relation(pattern.relation).value)
        if pattern.as_of is not None:
            clauses.append("lo <= ? AND hi > ?")
            params += [pattern.as_of.isoformat(), _end_probe(pattern.as_of)]
        known = stamp(pattern.known_at) if pattern.known_at is not None else None
        if known is not None:
            clauses.append("recorded_at <= ? AND (superseded_at IS NULL OR superseded_at > ?)")
            params += [known, known]
        elif not pattern.include_superseded:
            clauses.append("superseded_at IS NULL")
        return " AND ".join(clauses) if clauses else "1", params, known

    # -- facts -----------------------------------------------------------------------------

    def find_facts(self, pattern: FactPattern) -> Iterator[Fact]:
        where, params, known = self._where(pattern)
        sql = f"SELECT {FACT_COLUMNS} FROM facts WHERE {where} ORDER BY row_id"  # noqa: S608 (clauses are constants; values are bound)
        if pattern.limit is not None:
            sql += " LIMIT ?"
            params.append(int(pattern.limit))
        with self._reading() as conn:
            rows = conn.execute(sql, params).fetchall()
            facts = self._to_facts(conn, rows, known)
        yield from facts

    def find_facts_of(
        self,
        entity_id: str,
        relation: Relation | None = None,
        as_of: date | None = None,
        known_at: datetime | None = None,
    ) -> Iterator[Fact]:
        """Facts in which ``entity_id`` is the subject or the object, with their evidence.

        The optional fast path :func:`graph.queries.relations` uses when a store
        offers it: one query whose two arms each read a partial index
        (``subject``/``object``, ``lo``), the live evidence joined, instead of one
        query per end and one for the evidence. ``relation``, ``as_of`` and
        ``known_at`` filter as in :class:`graph.store.FactPattern` (``None``: any).
        Plain arguments, not a pattern: building one costs as much as a small answer.
        """
        shape = (relation is not None, as_of is not None, known_at is not None)
        sql = self._facts_of_sql.get(shape)
        if sql is None:
            # As _where() builds them; "+relation" keeps the planner on the end's index.
            clauses = ["+relation = ?"] if shape[0] else []
            if shape[1]:
                clauses.append("lo <= ? AND hi > ?")
            if shape[2]:
                clauses.append("recorded_at <= ? AND (superseded_at IS NULL OR superseded_at > ?)")
                live = "e.recorded_at <= ? AND (e.retracted_at IS NULL OR e.retracted_at > ?)"
            else:
                clauses.append("superseded_at IS NULL")
                live = "e.retracted_at IS NULL"
            where = " AND ".join(clauses)
            sql = self._facts_of_sql[shape] = (
                f"SELECT {JOINED_COLUMNS} FROM ("  # noqa: S608 (clauses are constants; values are bound)
                f"SELECT row_id, {FACT_COLUMNS} FROM facts WHERE subject = ? AND {where} "
                f"UNION ALL SELECT row_id, {FACT_COLUMNS} FROM facts WHERE object = ? AND {where}"
                f") AS f LEFT JOIN evidence e ON e.fact_id = f.fact_id AND {live}"
            )
        params: list[Any] = [entity_id]
        if relation is not None:
            params.append(Relation(relation).value)
        if as_of is not None:
            params += [as_of.isoformat(), _end_probe(as_of)]
        if known_at is not None:
            known = stamp(known_at)
            params += [known, known]
            yield from self._read_joined(sql, [*params, *params, known, known])
        else:
            yield from self._read_joined(sql, [*params, *params])

    def facts_by_id(
        self, fact_ids: Iterable[str], day: date | None, known_at: datetime | None = None
    ) -> list[Fact]:
        """The facts with these ids that hold on ``day`` as known at ``known_at``, with evidence.

        The optional fast path :func:`graph.queries.facts_by_id` uses: one query per
        500 ids, evidence joined, instead of one ``find_facts`` per id.
        """
        ids = list(dict.fromkeys(fact_ids))
        where, params, known = self._where(FactPattern(None, None, None, day, known_at))
        if known is None:
            live, live_params = "e.retracted_at IS NULL", []
        else:
            live = "e.recorded_at <= ? AND (e.retracted_at IS NULL OR e.retracted_at > ?)"
            live_params = [known, known]
        found: list[Fact] = []
        for i in range(0, len(ids), IN_CHUNK):
            chunk = ids[i : i + IN_CHUNK]
            marks = ", ".join("?" * len(chunk))
            sql = (
                f"SELECT {JOINED_COLUMNS} FROM ("  # noqa: S608 (placeholders and constant clauses; values are bound)
                f"SELECT row_id, {FACT_COLUMNS} FROM facts WHERE fact_id IN ({marks}) "
                f"AND {where}) AS f LEFT JOIN evidence e ON e.fact_id = f.fact_id AND {live}"
            )
            found.extend(self._read_joined(sql, [*chunk, *params, *live_params]))
        return found

    def edges_as_of(
        self,
        day: date | None,
        known_at: datetime | None = None,
        relations: Sequence[Relation] | None = None,
    ) -> Iterator[tuple[str, str, str, str]]:
        """``(fact_id, subject, object, relation)`` of the facts holding on ``day``, streamed.

        The optional fast path :func:`graph.queries.as_of_edges` uses for graph
        snapshots: the facts ``find_facts`` would return for each relation in turn
        (all of them when ``relations`` is empty), in the same order, without their
        evidence or dates, so a snapshot of the whole graph never holds full facts.
        """
        for relation in relations or (None,):
            where, params, _ = self._where(FactPattern(None, relation, None, day, known_at))
            sql = (
                f"SELECT fact_id, subject, object, relation FROM facts WHERE {where} "  # noqa: S608 (clauses are constants; values are bound)
                "ORDER BY row_id"
            )
            with self._reading() as conn:
                cursor = conn.execute(sql, params)
                while rows := cursor.fetchmany(10_000):
                    yield from rows

    def _read_joined(self, sql: str, params: list[Any]) -> list[Fact]:
        """Joined rows (:data:`JOINED_COLUMNS`) → facts, each with its live evidence."""
        with self._reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        by_row: dict[int, list[Sequence[Any]]] = {}
        for r in rows:
            group = by_row.get(r[0])
            if group is None:
                by_row[r[0]] = [r]
            else:
                group.append(r)
        fact_of, evidence_of = self._decode.fact, self._decode.evidence
        document, fact_columns, evidence_columns = JOINED_DOCUMENT, JOINED_FACT, JOINED_EVIDENCE
        facts: list[Fact] = []
        for group in by_row.values():
            if group[0][document] is None:
                evidence: tuple[Evidence, ...] = ()
            else:
                if len(group) > 1:
                    group.sort(key=joined_evidence_order)
                evidence = tuple([evidence_of(r[evidence_columns]) for r in group])
            facts.append(fact_of(group[0][fact_columns], evidence))
        return facts

    def _to_facts(
        self, conn: sqlite3.Connection, rows: Sequence[Sequence[Any]], known: str | None
    ) -> list[Fact]:
        """:class:`FactRow` rows → facts, their evidence read in one query per 500 facts."""
        if not rows:
            return []
        evidence = self._evidence_of(conn, list(dict.fromkeys(row[0] for row in rows)), known)
        fact_of = self._decode.fact
        return [fact_of(row, evidence.get(row[0], ())) for row in rows]

    def _evidence_of(
        self, conn: sqlite3.Connection, fact_ids: list[str], known: str | None
    ) -> dict[str, tuple[Evidence, ...]]:
        """The live evidence of ``fact_ids`` (as known at ``known``), in the store's order."""
        if known is None:
            live, live_params = "AND retracted_at IS NULL ", []
        else:
            live = "AND recorded_at <= ? AND (retracted_at IS NULL OR retracted_at > ?) "
            live_params = [known, known]
        evidence_of = self._decode.evidence
        found: dict[str, list[Evidence]] = {}
        for i in range(0, len(fact_ids), IN_CHUNK):
            chunk = fact_ids[i : i + IN_CHUNK]
            marks = ", ".join("?" * len(chunk))
            ev_sql = (
                f"SELECT fact_id, {EVIDENCE_COLUMNS} FROM evidence "  # noqa: S608 (placeholders only)
                f"WHERE fact_id IN ({marks}) {live}"
                "ORDER BY fact_id, published, recorded_at, evidence_id"
            )
            for r in conn.execute(ev_sql, [*chunk, *live_params]):
                found.setdefault(r[0], []).append(evidence_of(r[1:]))
        return {fact_id: tuple(items) for fact_id, items in found.items()}

    # -- entities --------------------------------------------------------------------------

    def get_entity(self, entity_id: str) -> Entity:
        with self._reading() as conn:
            row = conn.execute(
                "SELECT id, name, type, wikidata FROM entities WHERE id = ?", (entity_id,)
            ).fetchone()
            if row is None:
                raise NotFound("entity", entity_id)
            return self._to_entity(conn, EntityRow(*row))

    def get_entities(self, entity_ids: Iterable[str]) -> dict[str, Entity]:
        """The stored entities among ``entity_ids``, by id (unknown ids are left out).

        The optional fast path :func:`graph.queries.entities_by_id` uses when a
        store offers it: two queries per 500 ids instead of two per entity.
        """
        ids = list(dict.fromkeys(entity_ids))
        found: dict[str, Entity] = {}
        with self._reading() as conn:
            for i in range(0, len(ids), IN_CHUNK):
                chunk = ids[i : i + IN_CHUNK]
                marks = ", ".join("?" * len(chunk))
                aliases: dict[str, list[str]] = {}
                for entity_id, name in conn.execute(
                    f"SELECT entity_id, name FROM entity_names WHERE entity_id IN ({marks}) "  # noqa: S608 (placeholders only)
                    "AND is_alias = 1 ORDER BY rowid",
                    chunk,
                ):
                    aliases.setdefault(entity_id, []).append(name)
                for row in conn.execute(
                    f"SELECT id, name, type, wikidata FROM entities WHERE id IN ({marks})",  # noqa: S608 (placeholders only)
                    chunk,
                ):
                    e = EntityRow(*row)
                    found[e.id] = Entity(
                        e.id, e.name, EntityType(e.type), tuple(aliases.get(e.id, ())), e.wikidata
                    )
        return found

    @staticmethod
    def _to_entity(conn: sqlite3.Connection, row: EntityRow) -> Entity:
        aliases = tuple(
            r[0]
            for r in conn.execute(
                "SELECT name FROM entity_names WHERE entity_id = ? AND is_alias = 1 ORDER BY rowid",
                (row.id,),
            )
        )
        return Entity(row.id, row.name, EntityType(row.type), aliases, row.wikidata)

    def find_entities(
        self, query: str | None = None, type: EntityType | None = None, limit: int = 20
    ) -> list[Entity]:
        clauses: list[str] = []
        params: list[Any] = []
        order = "e.name"
        order_params: list[Any] = []
        if query is not None and query.strip():
            needle = query.strip().casefold()
            clauses.append(
                "e.id IN (SELECT entity_id FROM entity_names WHERE instr(name_folded, ?) > 0)"
            )
            params.append(needle)
            # Best first: the exact name, a name prefix, an exact alias, an alias prefix,
            # then any substring; ties by degree (current facts), then by name.
            order = (
                "(SELECT min(CASE WHEN n.name_folded = ? THEN 2 * n.is_alias "
                "WHEN substr(n.name_folded, 1, length(?)) = ? THEN 1 + 2 * n.is_alias "
                "ELSE 4 END) FROM entity_names n WHERE n.entity_id = e.id), "
                "(SELECT count(*) FROM facts f WHERE f.superseded_at IS NULL "
                "AND f.subject = e.id) + (SELECT count(*) FROM facts f "
                "WHERE f.superseded_at IS NULL AND f.object = e.id) DESC, e.name"
            )
            order_params = [needle, needle, needle]
        if type is not None:
            clauses.append("e.type = ?")
            params.append(EntityType(type).value)
        where = " AND ".join(clauses) if clauses else "1"
        sql = (
            f"SELECT e.id, e.name, e.type, e.wikidata FROM entities e WHERE {where} "  # noqa: S608 (constant clauses; values bound)
            f"ORDER BY {order} LIMIT ?"
        )
        params.extend(order_params)
        params.append(int(limit))
        with self._reading() as conn:
            rows = conn.execute(sql, params).fetchall()
            return [self._to_entity(conn, EntityRow(*row)) for row in rows]

    def entities_by_key(self, type: EntityType, keys: Collection[str]) -> dict[str, list[Entity]]:
        """:class:`graph.names.EntityKeyLookup`: stored entities of ``type`` by name key.

        One read of the ``entity_names_key`` index per call, whatever the store's size.
        """
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        found: dict[str, list[Entity]] = {}
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT DISTINCT n.name_key, e.id, e.name, e.type, e.wikidata "
                "FROM entity_names n JOIN entities e ON e.id = n.entity_id "
                "WHERE n.name_key IN (SELECT value FROM json_each(?)) AND e.type = ? "
                "ORDER BY e.id",
                (json.dumps(wanted), type.value),
            ).fetchall()
            for row in rows:
                key = KeyRow(*row)
                entity = self._to_entity(conn, EntityRow(key.id, key.name, key.type, key.wikidata))
                found.setdefault(key.name_key, []).append(entity)
        return found

    def all_entities(self) -> Iterator[Entity]:
        """Every entity, for gazetteers and exports."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT id, name, type, wikidata FROM entities ORDER BY id"
            ).fetchall()
            entities = [self._to_entity(conn, EntityRow(*row)) for row in rows]
        yield from entities

    # -- documents ------------------------------------------------------------------------

    def get_document(self, document_id: str) -> Document:
        with self._reading() as conn:
            row = conn.execute(
                "SELECT text, url, title, published, id FROM documents WHERE id = ?",
                (document_id,),
            ).fetchone()
        if row is None:
            raise NotFound("document", document_id)
        doc = DocumentRow(*row)
        published = date.fromisoformat(doc.published) if doc.published else None
        return Document(doc.text, doc.url, doc.title, published, doc.id)

    def document_titles(self, document_ids: Collection[str]) -> dict[str, str]:
        """The :class:`graph.store.DocumentTitles` capability: one query per 500 ids."""
        ids = list(document_ids)
        titles: dict[str, str] = {}
        with self._reading() as conn:
            for i in range(0, len(ids), IN_CHUNK):
                chunk = ids[i : i + IN_CHUNK]
                marks = ", ".join("?" * len(chunk))
                rows = conn.execute(
                    f"SELECT id, title FROM documents WHERE id IN ({marks}) AND title IS NOT NULL",  # noqa: S608 (placeholders only; values are bound)
                    chunk,
                ).fetchall()
                titles.update((row[0], row[1]) for row in rows if row[1])
        return titles

    def has_document(self, content_hash: str) -> bool:
        """Whether a document with this content hash is stored (idempotent ingestion)."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)
            ).fetchone()
        return row is not None

    def facts_citing(self, document_id: str) -> list[Fact]:
        """:class:`graph.store.DocumentFacts`: the current facts with live evidence
        from the document, found through the ``evidence_document`` index."""
        with self._reading() as conn:
            ids = [
                row[0]
                for row in conn.execute(
                    "SELECT DISTINCT fact_id FROM evidence "
                    "WHERE document_id = ? AND retracted_at IS NULL",
                    (document_id,),
                )
            ]
        return self.facts_by_id(ids, None)

    # -- transaction time ------------------------------------------------------------------

    def revision(self) -> int:
        """A counter that grows with every write or retraction (for cache invalidation)."""
        with self._reading() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        return int(row[0])

    def corrections(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[Correction]:
        """:class:`graph.store.CorrectionLog`: retractions recorded in a transaction-time window."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT fact_id, evidence_id, reason, recorded_at FROM corrections "
                "WHERE recorded_at >= ? AND recorded_at < ? ORDER BY recorded_at, id",
                (stamp(since) if since else "0000", stamp(until) if until else "9999"),
            ).fetchall()
        return [
            Correction(c.fact_id, c.evidence_id, c.reason, datetime.fromisoformat(c.recorded_at))
            for c in map(CorrectionRow._make, rows)
        ]

    # -- fetch state (graph.fetchstate.FetchStateStore) ------------------------------------

    def fetch_record(self, url: str) -> FetchRecord | None:
        """What the feed follower last saw at ``url``, or None."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT url, kind, etag, last_modified, content_hash, document_id, "
                "fingerprint, fetched_at FROM fetch_state WHERE url = ?",
                (url,),
            ).fetchone()
        if row is None:
            return None
        r = FetchRow(*row)
        return FetchRecord(
            r.url,
            r.kind,
            r.etag,
            r.last_modified,
            r.content_hash,
            r.document_id,
            r.fingerprint,
            datetime.fromisoformat(r.fetched_at) if r.fetched_at else None,
        )
