"""The SQLite store's file: its schema, the migrations that make it, and its connections.

The schema is versioned with ``PRAGMA user_version``: entry N of :data:`MIGRATIONS`
brings a database from version N to N+1, and a store opened on an older file
migrates it forward in one transaction. Facts are kept bitemporally in one table of
*versions* (``facts``; the current one has ``superseded_at IS NULL``), evidence per
fact (``evidence``), retractions in ``corrections``.

:class:`SQLiteDatabase` owns the connections: one per thread on a file (WAL, so
readers never wait for the writer), one shared under a lock for ``:memory:``; a
write is one ``BEGIN IMMEDIATE`` transaction (:meth:`SQLiteDatabase._transaction`).
The reads (:mod:`graph.stores.sqlite_read`) and writes
(:mod:`graph.stores.sqlite_write`) build on it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType

from graph.errors import StoreUnavailable
from graph.names import name_key

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
    # 3: what the feed follower has fetched (graph.fetchstate), so a restart resumes.
    """
    CREATE TABLE fetch_state (
        url           TEXT PRIMARY KEY,
        kind          TEXT NOT NULL CHECK (kind IN ('feed', 'page')),
        etag          TEXT,
        last_modified TEXT,
        content_hash  TEXT,
        document_id   TEXT,
        fingerprint   TEXT,
        fetched_at    TEXT
    );
    """,
    # 4: the name key of every name and alias (graph.names.name_key, the SQL function
    # pg_name_key), indexed, so resolving a name during ingest is an index hit
    # whatever the size of the store (issue 13).
    """
    ALTER TABLE entity_names ADD COLUMN name_key TEXT;
    UPDATE entity_names SET name_key = pg_name_key(name);
    CREATE INDEX entity_names_key ON entity_names(name_key);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)

#: The secondary indexes a bulk load builds after its rows instead of row by row
#: (:meth:`graph.stores.sqlite_write.SQLiteWrites._indexes_deferred`), each with its
#: constant DROP statement.
DEFERRABLE_INDEXES: dict[str, str] = {
    "facts_current_subject": "DROP INDEX facts_current_subject",
    "facts_current_object": "DROP INDEX facts_current_object",
    "facts_current_relation": "DROP INDEX facts_current_relation",
    "facts_history_subject": "DROP INDEX facts_history_subject",
    "facts_history_object": "DROP INDEX facts_history_object",
    "facts_history_id": "DROP INDEX facts_history_id",
    "evidence_document": "DROP INDEX evidence_document",
}


def connect(target: str) -> sqlite3.Connection:
    """A connection to ``target`` (a path or ``:memory:``) as every store connection is set up."""
    try:
        conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False, timeout=30.0)
        conn.execute("PRAGMA foreign_keys = ON")
        # The name key as SQL, for migration 4's backfill (keys are computed in Python).
        conn.create_function("pg_name_key", 1, name_key, deterministic=True)
        conn.execute("PRAGMA busy_timeout = 30000")
        if target != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as exc:
        raise StoreUnavailable(f"cannot open SQLite database {target}: {exc}") from exc
    return conn


def migrate(conn: sqlite3.Connection, path: str) -> None:
    """Bring the database forward to :data:`SCHEMA_VERSION` (inside the caller's transaction)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreUnavailable(
            f"{path} has schema version {version}, newer than this "
            f"partnergraph understands ({SCHEMA_VERSION}); upgrade partnergraph"
        )
    for step in range(version, SCHEMA_VERSION):
        for statement in MIGRATIONS[step].split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {step + 1}")  # an int we own, not input


class _Reading:
    """``with store._reading() as conn``: the connection a read uses (the shared one
    under the write lock), SQLite's OperationalError as :class:`StoreUnavailable`.

    Holds nothing per read, so each store keeps one and a read allocates nothing: a
    generator-based context manager costs as much as a small answer's rows.
    """

    __slots__ = ("_db",)

    def __init__(self, db: SQLiteDatabase) -> None:
        self._db = db

    def __enter__(self) -> sqlite3.Connection:
        db = self._db
        shared = db._shared
        if shared is None:
            return db._conn()
        db._write_lock.acquire()
        return shared

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        db = self._db
        if db._shared is not None:
            db._write_lock.release()
        if isinstance(exc, sqlite3.OperationalError):
            raise StoreUnavailable(f"cannot read {db.path}: {exc}") from exc


class SQLiteDatabase:
    """One SQLite file (or ``:memory:``), migrated, with its connections."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._memory = self.path == ":memory:"
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._shared: sqlite3.Connection | None = None
        self._all: list[sqlite3.Connection] = []
        self._closed = False
        self._read = _Reading(self)
        if self._memory:
            # One connection for every thread: a private in-memory database.
            self._shared = self._connect(":memory:")
        else:
            parent = Path(self.path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreUnavailable(f"cannot open {self.path}: folder {parent} does not exist")
        with self._transaction() as conn:
            migrate(conn, self.path)

    def _connect(self, target: str) -> sqlite3.Connection:
        conn = connect(target)
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

    def _reading(self) -> _Reading:
        """The connection a read uses, as a context manager (see :class:`_Reading`)."""
        return self._read

    def close(self) -> None:
        self._closed = True
        for conn in self._all:
            with suppress(sqlite3.Error):
                conn.close()
        self._all.clear()

    def schema_version(self) -> int:
        with self._reading() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
