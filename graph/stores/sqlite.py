"""The embedded default store: one SQLite file, WAL, foreign keys, versioned schema.

All SQL lives here. Facts are kept bitemporally in one table of *versions*:
the current version of a fact has ``superseded_at IS NULL``; when a new
statement changes its dates, qualifiers or status, the current row is
superseded (transaction time) and a new version is inserted. Nothing is ever
deleted, so "as known at K" is a filter on ``recorded_at``/``superseded_at``.

An as-of lookup of one entity's relations reads the partial index
``(subject|object, relation, lo)`` over current versions: its cost depends on
that entity's degree, not on the size of the graph.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph import temporal
from graph.errors import InvalidInput, NotFound, StoreUnavailable
from graph.model import (
    Batch,
    Document,
    Entity,
    EntityType,
    Evidence,
    Fact,
    PartialDate,
    Relation,
    WriteResult,
)
from graph.store import FactPattern

#: Forward migrations: entry N brings a database from user_version N to N+1.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE entities (
        id        TEXT PRIMARY KEY,
        name      TEXT NOT NULL,
        type      TEXT NOT NULL CHECK (type IN ('Organization', 'Person', 'Product')),
        wikidata  TEXT
    );
    CREATE TABLE entity_names (
        entity_id   TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        name        TEXT NOT NULL,
        name_folded TEXT NOT NULL,
        is_alias    INTEGER NOT NULL,
        PRIMARY KEY (entity_id, name_folded)
    );
    CREATE INDEX entity_names_folded ON entity_names(name_folded);
    CREATE TABLE documents (
        id           TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        url          TEXT,
        title        TEXT,
        published    TEXT,
        text         TEXT NOT NULL,
        recorded_at  TEXT NOT NULL
    );
    CREATE TABLE facts (
        row_id        INTEGER PRIMARY KEY,
        fact_id       TEXT NOT NULL,
        subject       TEXT NOT NULL REFERENCES entities(id),
        relation      TEXT NOT NULL,
        object        TEXT NOT NULL REFERENCES entities(id),
        valid_from    TEXT,
        valid_to      TEXT,
        lo            TEXT NOT NULL,
        hi            TEXT NOT NULL,
        qualifiers    TEXT NOT NULL,
        stated_at     TEXT,
        confidence    REAL NOT NULL,
        recorded_at   TEXT NOT NULL,
        superseded_at TEXT
    );
    CREATE UNIQUE INDEX facts_current_id ON facts(fact_id) WHERE superseded_at IS NULL;
    CREATE INDEX facts_current_subject ON facts(subject, lo, hi, relation)
        WHERE superseded_at IS NULL;
    CREATE INDEX facts_current_object ON facts(object, lo, hi, relation)
        WHERE superseded_at IS NULL;
    CREATE INDEX facts_current_relation ON facts(relation, lo) WHERE superseded_at IS NULL;
    CREATE INDEX facts_history_subject ON facts(subject, recorded_at);
    CREATE INDEX facts_history_object ON facts(object, recorded_at);
    CREATE INDEX facts_history_id ON facts(fact_id, recorded_at);
    CREATE TABLE evidence (
        fact_id      TEXT NOT NULL,
        evidence_id  TEXT NOT NULL,
        document_id  TEXT NOT NULL,
        url          TEXT,
        published    TEXT,
        sentence     TEXT NOT NULL,
        start        INTEGER,
        "end"        INTEGER,
        extractor    TEXT NOT NULL,
        confidence   REAL NOT NULL,
        valid_from   TEXT,
        valid_to     TEXT,
        qualifiers   TEXT NOT NULL,
        succession   INTEGER NOT NULL DEFAULT 0,
        recorded_at  TEXT NOT NULL,
        retracted_at TEXT,
        PRIMARY KEY (fact_id, evidence_id)
    );
    CREATE INDEX evidence_document ON evidence(document_id);
    CREATE TABLE corrections (
        id          INTEGER PRIMARY KEY,
        fact_id     TEXT NOT NULL,
        evidence_id TEXT,
        reason      TEXT NOT NULL,
        recorded_at TEXT NOT NULL
    );
    CREATE INDEX corrections_time ON corrections(recorded_at);
    """,
    # 2: a revision counter, bumped by every write that changes something, so
    # caches (graph snapshots) know when to rebuild.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT INTO meta (key, value) VALUES ('revision', 0);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)

_FACT_COLUMNS = (
    "fact_id, subject, relation, object, valid_from, valid_to, qualifiers, stated_at, "
    "confidence, recorded_at, superseded_at"
)


def _now() -> datetime:
    return datetime.now(UTC)


def _ts(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: PartialDate | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


#: Fact ids per ``IN (…)`` evidence query (well under SQLite's bound-parameter limit).
_IN_CHUNK = 500


@lru_cache(maxsize=65_536)
def _partial(value: str | None) -> PartialDate | None:
    """Stored dates → PartialDate, cached: the values are immutable and few (days 1995–2026)."""
    return PartialDate.parse_optional(value)


def _json_object(text: str) -> Any:
    # Most facts and statements have no qualifiers: skip the JSON parser for them.
    return {} if text == "{}" else json.loads(text)


class SQLiteStore:
    """A :class:`graph.store.Store` in one SQLite file (or in memory)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._memory = self.path == ":memory:"
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._shared: sqlite3.Connection | None = None
        self._all: list[sqlite3.Connection] = []
        self._closed = False
        if self._memory:
            # One connection for every thread: a private in-memory database.
            self._shared = self._connect(":memory:")
        else:
            parent = Path(self.path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreUnavailable(f"cannot open {self.path}: folder {parent} does not exist")
        self._migrate()

    @classmethod
    def from_url(cls, url: str) -> SQLiteStore:
        """``sqlite:///relative.db``, ``sqlite:////absolute.db`` or ``sqlite:///:memory:``."""
        _, _, rest = url.partition("://")
        if not rest.startswith("/"):
            raise InvalidInput(f"invalid SQLite URL {url!r}: expected sqlite:///path.db")
        path = rest[1:]
        if not path:
            raise InvalidInput(f"invalid SQLite URL {url!r}: no file path")
        return cls(path)

    # -- connections -------------------------------------------------------------

    def _connect(self, target: str) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                target, isolation_level=None, check_same_thread=False, timeout=30.0
            )
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 30000")
            if target != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"cannot open SQLite database {target}: {exc}") from exc
        self._all.append(conn)
        return conn

    def _conn(self) -> sqlite3.Connection:
        if self._closed:
            raise StoreUnavailable(f"the store {self.path} is closed")
        if self._shared is not None:
            return self._shared
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect(self.path)
            self._local.conn = conn
        return conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._write_lock:
            conn = self._conn()
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreUnavailable(f"cannot write to {self.path}: {exc}") from exc
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        try:
            if self._shared is not None:
                with self._write_lock:
                    yield self._shared
            else:
                yield self._conn()
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"cannot read {self.path}: {exc}") from exc

    def _migrate(self) -> None:
        with self._transaction() as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreUnavailable(
                    f"{self.path} has schema version {version}, newer than this "
                    f"partnergraph understands ({SCHEMA_VERSION}); upgrade partnergraph"
                )
            for step in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[step].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {step + 1}")  # an int we own, not input

    def close(self) -> None:
        self._closed = True
        for conn in self._all:
            with suppress(sqlite3.Error):
                conn.close()
        self._all.clear()

    def schema_version(self) -> int:
        with self._reading() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    # -- writes ------------------------------------------------------------------

    def write(self, batch: Batch) -> WriteResult:
        now = _now()
        try:
            with self._transaction() as conn:
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
                added_entities = sum(self._upsert_entity(conn, e) for e in batch.entities)
                added = merged = 0
                ids: list[str] = []
                for fact in batch.facts:
                    was_new = self._upsert_fact(conn, fact, now)
                    added += was_new
                    merged += not was_new
                    ids.append(fact.id)
                if conn.total_changes != changes:
                    # Only a write that changed something outdates the caches (a re-load of
                    # stored facts is a no-op, revision included).
                    self._bump_revision(conn)
                return WriteResult(document_id, False, added, merged, added_entities, tuple(ids))
        except sqlite3.IntegrityError as exc:
            raise InvalidInput(f"the batch breaks a store constraint: {exc}") from exc
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"cannot write to {self.path}: {exc}") from exc

    def _insert_document(self, conn: sqlite3.Connection, doc: Document, now: datetime) -> None:
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
                _ts(now),
            ),
        )

    def _upsert_entity(self, conn: sqlite3.Connection, entity: Entity) -> bool:
        row = conn.execute("SELECT wikidata FROM entities WHERE id = ?", (entity.id,)).fetchone()
        added = row is None
        if added:
            conn.execute(
                "INSERT INTO entities (id, name, type, wikidata) VALUES (?, ?, ?, ?)",
                (entity.id, entity.name, entity.type.value, entity.wikidata),
            )
        elif row[0] is None and entity.wikidata:
            conn.execute(
                "UPDATE entities SET wikidata = ? WHERE id = ?", (entity.wikidata, entity.id)
            )
        conn.executemany(
            "INSERT OR IGNORE INTO entity_names (entity_id, name, name_folded, is_alias) "
            "VALUES (?, ?, ?, ?)",
            [(entity.id, n, n.casefold(), int(i > 0)) for i, n in enumerate(entity.all_names())],
        )
        return added

    def _upsert_fact(self, conn: sqlite3.Connection, fact: Fact, now: datetime) -> bool:
        for end in (fact.subject, fact.object):
            if conn.execute("SELECT 1 FROM entities WHERE id = ?", (end,)).fetchone() is None:
                raise InvalidInput(f"fact {fact.id} names unknown entity {end!r}")
        incoming = temporal.with_claims(fact)
        current = self._current_version(conn, fact.id)
        if current is None:
            stored = temporal.derive(incoming, incoming.evidence)
            self._insert_version(conn, stored, now)
            self._insert_evidence(conn, fact.id, stored.evidence, now)
        else:
            stored = self._add_evidence(conn, current, incoming.evidence, now)
        self._apply_successions(conn, stored, now)
        return current is None

    def _add_evidence(
        self, conn: sqlite3.Connection, current: Fact, evidence: Sequence[Evidence], now: datetime
    ) -> Fact:
        """Derive the fact again with more evidence; a changed fact is a new version."""
        known = {e.id for e in current.evidence}
        fresh = tuple(e for e in evidence if e.id not in known)
        if not fresh:
            return current
        updated = temporal.derive(current, current.evidence + fresh)
        self._store_version(conn, current, updated, now)
        self._insert_evidence(conn, current.id, fresh, now)
        return updated

    def _store_version(
        self, conn: sqlite3.Connection, current: Fact, updated: Fact, now: datetime
    ) -> None:
        if temporal.same_version(current, updated):
            conn.execute(
                "UPDATE facts SET confidence = ?, stated_at = ? "
                "WHERE fact_id = ? AND superseded_at IS NULL",
                (
                    updated.confidence,
                    updated.stated_at.isoformat() if updated.stated_at else None,
                    current.id,
                ),
            )
            return
        conn.execute(
            "UPDATE facts SET superseded_at = ? WHERE fact_id = ? AND superseded_at IS NULL",
            (_ts(now), current.id),
        )
        self._insert_version(conn, updated, now)

    def _apply_successions(self, conn: sqlite3.Connection, fact: Fact, now: datetime) -> None:
        key = temporal.succession_key(fact)
        if key is None:
            return
        relation, fixed, _role = key
        column = "object" if fact.object == fixed else "subject"
        rows = conn.execute(
            # "+relation": read the entity's own index, not every fact of the relation.
            f"SELECT {_FACT_COLUMNS} FROM facts WHERE {column} = ? AND +relation = ? "  # noqa: S608 (constant column names)
            "AND superseded_at IS NULL",
            (fixed, relation.value),
        ).fetchall()
        holders = [self._to_fact(conn, row, None) for row in rows]
        for target, evidence in temporal.successions(fact, holders):
            current = self._current_version(conn, target.id)
            if current is not None:
                self._add_evidence(conn, current, (evidence,), now)

    def restore_versions(self, entities: Iterable[Entity], versions: Iterable[Fact]) -> int:
        """Store entities and fact versions verbatim, transaction times included.

        For a lossless import of an export (``partnergraph import``): a fact the
        store already holds keeps its own history and the file's versions of it
        are skipped. One transaction; returns how many versions were written.
        """
        by_fact: dict[str, list[Fact]] = {}
        for version in versions:
            if version.recorded_at is None:
                raise InvalidInput(f"version of fact {version.id} has no recorded_at")
            by_fact.setdefault(version.id, []).append(version)
        written = 0
        try:
            with self._transaction() as conn:
                for entity in entities:
                    self._upsert_entity(conn, entity)
                for fact_id, history in by_fact.items():
                    known = conn.execute("SELECT 1 FROM facts WHERE fact_id = ?", (fact_id,))
                    if known.fetchone() is not None:
                        continue
                    history.sort(key=lambda f: f.recorded_at or _now())
                    for version in history:
                        self._insert_version_as_recorded(conn, version)
                        assert version.recorded_at is not None
                        self._insert_evidence(conn, fact_id, version.evidence, version.recorded_at)
                        written += 1
                if written:
                    self._bump_revision(conn)
        except sqlite3.IntegrityError as exc:
            raise InvalidInput(f"the import breaks a store constraint: {exc}") from exc
        return written

    def _insert_version_as_recorded(self, conn: sqlite3.Connection, fact: Fact) -> None:
        assert fact.recorded_at is not None
        self._insert_version(conn, fact, fact.recorded_at)
        if fact.superseded_at is not None:
            conn.execute(
                "UPDATE facts SET superseded_at = ? WHERE fact_id = ? AND recorded_at = ?",
                (_ts(fact.superseded_at), fact.id, _ts(fact.recorded_at)),
            )

    def _bump_revision(self, conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'revision'")

    def revision(self) -> int:
        """A counter that grows with every write or retraction (for cache invalidation)."""
        with self._reading() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        return int(row[0])

    def retract(self, fact_id: str, evidence_id: str | None = None, reason: str = "") -> Fact:
        """Retract a fact, or one piece of its evidence, in transaction time.

        Nothing is erased: the evidence is marked retracted and the fact derived
        again (a new version), or superseded with no successor when no statement
        is left. ``known_at`` queries before now still see what was retracted.
        """
        now = _now()
        with self._transaction() as conn:
            current = self._current_version(conn, fact_id)
            if current is None:
                raise NotFound("fact", fact_id)
            if evidence_id is not None and evidence_id not in {e.id for e in current.evidence}:
                raise NotFound("evidence", f"{fact_id}/{evidence_id}")
            targets = [evidence_id] if evidence_id else [e.id for e in current.evidence]
            conn.executemany(
                "UPDATE evidence SET retracted_at = ? WHERE fact_id = ? AND evidence_id = ? "
                "AND retracted_at IS NULL",
                [(_ts(now), fact_id, target) for target in targets],
            )
            conn.execute(
                "INSERT INTO corrections (fact_id, evidence_id, reason, recorded_at) "
                "VALUES (?, ?, ?, ?)",
                (fact_id, evidence_id, reason or "retracted", _ts(now)),
            )
            self._bump_revision(conn)
            live = tuple(e for e in current.evidence if e.id not in targets)
            if not any(not e.succession for e in live):
                conn.execute(
                    "UPDATE facts SET superseded_at = ? WHERE fact_id = ? "
                    "AND superseded_at IS NULL",
                    (_ts(now), fact_id),
                )
                return current.with_changes(superseded_at=now, evidence=live)
            updated = temporal.derive(current.with_changes(evidence=()), live)
            # A new version even when dates and status stay: the evidence set changed.
            conn.execute(
                "UPDATE facts SET superseded_at = ? WHERE fact_id = ? AND superseded_at IS NULL",
                (_ts(now), fact_id),
            )
            self._insert_version(conn, updated, now)
            return updated.with_changes(recorded_at=now)

    def corrections(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Retractions recorded in a transaction-time window."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT fact_id, evidence_id, reason, recorded_at FROM corrections "
                "WHERE recorded_at >= ? AND recorded_at < ? ORDER BY recorded_at, id",
                (
                    _ts(since) if since else "0000",
                    _ts(until) if until else "9999",
                ),
            ).fetchall()
        return [
            {"fact_id": r[0], "evidence_id": r[1], "reason": r[2], "recorded_at": _moment(r[3])}
            for r in rows
        ]

    def _insert_version(self, conn: sqlite3.Connection, fact: Fact, now: datetime) -> None:
        conn.execute(
            "INSERT INTO facts (fact_id, subject, relation, object, valid_from, valid_to, lo, hi, "
            "qualifiers, stated_at, confidence, recorded_at, superseded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            (
                fact.id,
                fact.subject,
                fact.relation.value,
                fact.object,
                _iso(fact.valid_from),
                _iso(fact.valid_to),
                fact.lower.isoformat(),
                fact.upper.isoformat(),
                json.dumps(dict(fact.qualifiers), ensure_ascii=False, sort_keys=True),
                fact.stated_at.isoformat() if fact.stated_at else None,
                float(fact.confidence),
                _ts(now),
            ),
        )

    def _insert_evidence(
        self, conn: sqlite3.Connection, fact_id: str, evidence: Sequence[Evidence], now: datetime
    ) -> None:
        conn.executemany(
            "INSERT OR IGNORE INTO evidence (fact_id, evidence_id, document_id, url, published, "
            'sentence, start, "end", extractor, confidence, valid_from, valid_to, qualifiers, '
            "succession, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    fact_id,
                    e.id,
                    e.document_id,
                    e.url,
                    e.published.isoformat() if e.published else None,
                    e.sentence,
                    e.start,
                    e.end,
                    e.extractor,
                    float(e.confidence),
                    _iso(e.valid_from),
                    _iso(e.valid_to),
                    json.dumps(dict(e.qualifiers), ensure_ascii=False, sort_keys=True),
                    int(e.succession),
                    _ts(now),
                )
                for e in evidence
            ],
        )

    # -- reads -------------------------------------------------------------------

    def _current_version(self, conn: sqlite3.Connection, fact_id: str) -> Fact | None:
        row = conn.execute(
            f"SELECT {_FACT_COLUMNS} FROM facts WHERE fact_id = ? AND superseded_at IS NULL",  # noqa: S608 (constant column list)
            (fact_id,),
        ).fetchone()
        if row is None:
            return None
        return self._to_fact(conn, row, None)

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
            day = pattern.as_of.isoformat()
            params += [day, day]
        known = _ts(pattern.known_at) if pattern.known_at is not None else None
        if known is not None:
            clauses.append("recorded_at <= ? AND (superseded_at IS NULL OR superseded_at > ?)")
            params += [known, known]
        elif not pattern.include_superseded:
            clauses.append("superseded_at IS NULL")
        return " AND ".join(clauses) if clauses else "1", params, known

    def find_facts(self, pattern: FactPattern) -> Iterator[Fact]:
        where, params, known = self._where(pattern)
        sql = f"SELECT {_FACT_COLUMNS} FROM facts WHERE {where} ORDER BY row_id"  # noqa: S608 (clauses are constants; values are bound)
        if pattern.limit is not None:
            sql += " LIMIT ?"
            params.append(int(pattern.limit))
        yield from self._read_facts(sql, params, known)

    def find_facts_of(self, entity_id: str, pattern: FactPattern) -> Iterator[Fact]:
        """Facts matching ``pattern`` in which ``entity_id`` is the subject or the object.

        The optional fast path :func:`graph.queries.relations` uses when a store
        offers it: one query whose two arms each read a partial index
        (``subject``/``object``, ``lo``), instead of one query per end. The
        pattern's ``subject``, ``object`` and ``limit`` must be unset.
        """
        if pattern.subject is not None or pattern.object is not None or pattern.limit is not None:
            raise InvalidInput("find_facts_of takes no subject, object or limit in its pattern")
        where, params, known = self._where(pattern, end_given=True)
        sql = (
            f"SELECT {_FACT_COLUMNS} FROM facts WHERE subject = ? AND {where} "  # noqa: S608 (clauses are constants; values are bound)
            f"UNION ALL SELECT {_FACT_COLUMNS} FROM facts WHERE object = ? AND {where}"
        )
        yield from self._read_facts(sql, [entity_id, *params, entity_id, *params], known)

    def _read_facts(self, sql: str, params: list[Any], known: str | None) -> list[Fact]:
        with self._reading() as conn:
            try:
                rows = conn.execute(sql, params).fetchall()
                return self._to_facts(conn, rows, known)
            except sqlite3.OperationalError as exc:
                raise StoreUnavailable(f"cannot read {self.path}: {exc}") from exc

    def _to_fact(self, conn: sqlite3.Connection, row: Sequence[Any], known: str | None) -> Fact:
        return self._to_facts(conn, [row], known)[0]

    def _to_facts(
        self, conn: sqlite3.Connection, rows: Sequence[Sequence[Any]], known: str | None
    ) -> list[Fact]:
        """Fact rows → facts, their evidence read in one query per 500 facts (not one per fact)."""
        if not rows:
            return []
        evidence = self._evidence_of(conn, list(dict.fromkeys(row[0] for row in rows)), known)
        return [self._fact_of(row, evidence.get(row[0], ())) for row in rows]

    def _evidence_of(
        self, conn: sqlite3.Connection, fact_ids: list[str], known: str | None
    ) -> dict[str, tuple[Evidence, ...]]:
        if known is None:
            live, live_params = "AND retracted_at IS NULL ", []
        else:
            live = "AND recorded_at <= ? AND (retracted_at IS NULL OR retracted_at > ?) "
            live_params = [known, known]
        found: dict[str, list[Evidence]] = {}
        for i in range(0, len(fact_ids), _IN_CHUNK):
            chunk = fact_ids[i : i + _IN_CHUNK]
            marks = ", ".join("?" * len(chunk))
            ev_sql = (
                'SELECT fact_id, document_id, url, published, sentence, start, "end", extractor, '  # noqa: S608 (placeholders only)
                f"confidence, valid_from, valid_to, qualifiers, succession FROM evidence "
                f"WHERE fact_id IN ({marks}) {live}"
                "ORDER BY fact_id, published, recorded_at, evidence_id"
            )
            for r in conn.execute(ev_sql, [*chunk, *live_params]):
                found.setdefault(r[0], []).append(
                    Evidence(
                        document_id=r[1],
                        url=r[2],
                        published=_day(r[3]),
                        sentence=r[4],
                        start=r[5],
                        end=r[6],
                        extractor=r[7],
                        confidence=r[8],
                        valid_from=_partial(r[9]),
                        valid_to=_partial(r[10]),
                        qualifiers=_json_object(r[11]),
                        succession=bool(r[12]),
                    )
                )
        return {fact_id: tuple(items) for fact_id, items in found.items()}

    def _fact_of(self, row: Sequence[Any], evidence: tuple[Evidence, ...]) -> Fact:
        (fact_id, subject, relation, obj, vf, vt, quals, stated, conf, rec, sup) = row
        fact = Fact(
            subject=subject,
            relation=Relation(relation),
            object=obj,
            valid_from=_partial(vf),
            valid_to=_partial(vt),
            qualifiers=_json_object(quals),
            stated_at=_day(stated),
            recorded_at=_moment(rec),
            superseded_at=_moment(sup),
            confidence=conf,
            evidence=evidence,
        )
        if fact.id != fact_id:
            raise StoreUnavailable(f"fact {fact_id} in {self.path} does not match its content")
        return fact

    def get_entity(self, entity_id: str) -> Entity:
        with self._reading() as conn:
            row = conn.execute(
                "SELECT id, name, type, wikidata FROM entities WHERE id = ?", (entity_id,)
            ).fetchone()
            if row is None:
                raise NotFound("entity", entity_id)
            return self._to_entity(conn, row)

    def get_entities(self, entity_ids: Iterable[str]) -> dict[str, Entity]:
        """The stored entities among ``entity_ids``, by id (unknown ids are left out).

        The optional fast path :func:`graph.queries.entities_by_id` uses when a
        store offers it: two queries per 500 ids instead of two per entity.
        """
        ids = list(dict.fromkeys(entity_ids))
        found: dict[str, Entity] = {}
        with self._reading() as conn:
            for i in range(0, len(ids), _IN_CHUNK):
                chunk = ids[i : i + _IN_CHUNK]
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
                    found[row[0]] = Entity(
                        row[0], row[1], EntityType(row[2]), tuple(aliases.get(row[0], ())), row[3]
                    )
        return found

    def _to_entity(self, conn: sqlite3.Connection, row: Sequence[Any]) -> Entity:
        aliases = tuple(
            r[0]
            for r in conn.execute(
                "SELECT name FROM entity_names WHERE entity_id = ? AND is_alias = 1 ORDER BY rowid",
                (row[0],),
            )
        )
        return Entity(row[0], row[1], EntityType(row[2]), aliases, row[3])

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
            # Best first: an exact name or alias, then a prefix, then any substring.
            order = (
                "(SELECT min(CASE WHEN n.name_folded = ? THEN 0 "
                "WHEN substr(n.name_folded, 1, length(?)) = ? THEN 1 ELSE 2 END) "
                "FROM entity_names n WHERE n.entity_id = e.id), e.name"
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
            return [self._to_entity(conn, row) for row in conn.execute(sql, params).fetchall()]

    def get_document(self, document_id: str) -> Document:
        with self._reading() as conn:
            row = conn.execute(
                "SELECT text, url, title, published, id FROM documents WHERE id = ?",
                (document_id,),
            ).fetchone()
        if row is None:
            raise NotFound("document", document_id)
        return Document(row[0], row[1], row[2], _day(row[3]), row[4])

    def has_document(self, content_hash: str) -> bool:
        """Whether a document with this content hash is stored (idempotent ingestion)."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)
            ).fetchone()
        return row is not None

    def all_entities(self) -> Iterator[Entity]:
        """Every entity, for gazetteers and exports."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT id, name, type, wikidata FROM entities ORDER BY id"
            ).fetchall()
            entities = [self._to_entity(conn, row) for row in rows]
        yield from entities
