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
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar, NamedTuple

from graph import temporal
from graph.errors import InvalidInput, NotFound, StoreUnavailable
from graph.fetchstate import FetchRecord
from graph.gcpause import gc_paused
from graph.model import (
    OPEN_END,
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
from graph.names import name_key
from graph.store import FactPattern
from graph.stores.sqlite_batch import (
    PAUSE_GC_FROM,
    BatchState,
    evidence_row,
    qualifier_json,
)

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
#: (``SQLiteStore._indexes_deferred``), each with its constant DROP statement.
_DROP_INDEX: dict[str, str] = {
    "facts_current_subject": "DROP INDEX facts_current_subject",
    "facts_current_object": "DROP INDEX facts_current_object",
    "facts_current_relation": "DROP INDEX facts_current_relation",
    "facts_history_subject": "DROP INDEX facts_history_subject",
    "facts_history_object": "DROP INDEX facts_history_object",
    "facts_history_id": "DROP INDEX facts_history_id",
    "evidence_document": "DROP INDEX evidence_document",
}
#: Fewest new versions in a batch for that (and only when they outnumber the stored ones).
_DEFER_INDEXES_FROM = 1_000

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


def _end_probe(day: date) -> str:
    """The value ``hi > ?`` compares with for ``day``.

    ``hi`` of an open end is :data:`~graph.model.OPEN_END` (``date.max``), which
    holds on every day (:meth:`Fact.holds_at`), ``date.max`` itself included: on
    that one day the probe steps back a day so that ``hi > probe`` still keeps it.
    """
    return (day if day < OPEN_END else day - timedelta(days=1)).isoformat()


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


_NO_QUALIFIERS: Mapping[str, Any] = MappingProxyType({})
#: Stored qualifier JSON → read-only mapping. Few distinct texts (statuses, roles), so
#: most rows skip the JSON parser; only all-scalar mappings are shared between facts.
_QUALIFIERS: dict[str, Mapping[str, Any]] = {"{}": _NO_QUALIFIERS}
_QUALIFIERS_MAX = 65_536
_SCALARS = (str, int, float, bool, type(None))


def _qualifiers(text: str) -> Mapping[str, Any]:
    found = _QUALIFIERS.get(text)
    if found is None:
        # Written with sort_keys=True; sorted again in case of an older row.
        value: dict[str, Any] = json.loads(text)
        found = MappingProxyType(dict(sorted(value.items())))
        if len(_QUALIFIERS) < _QUALIFIERS_MAX and all(
            isinstance(v, _SCALARS) for v in value.values()
        ):
            _QUALIFIERS[text] = found
    return found


_RELATIONS: Mapping[str, Relation] = {r.value: r for r in Relation}
_fromisoformat = date.fromisoformat
#: Stored recorded_at → datetime, cached: every fact of one write shares its timestamp.
_recorded_at = lru_cache(maxsize=65_536)(datetime.fromisoformat)

#: Evidence columns in the order :func:`_to_evidence` reads them.
_EVIDENCE_COLUMNS = (
    'document_id, sentence, start, "end", url, published, extractor, confidence, '
    "valid_from, valid_to, qualifiers, succession"
)
_JOINED_EVIDENCE_COLUMNS = (
    'e.document_id, e.sentence, e.start, e."end", e.url, e.published, e.extractor, '
    "e.confidence, e.valid_from, e.valid_to, e.qualifiers, e.succession"
)


def _to_evidence(row: Sequence[Any]) -> Evidence:
    """``_EVIDENCE_COLUMNS`` → evidence, trusted: only validated evidence is ever written."""
    doc, sentence, start, end, url, published, extractor, conf, vf, vt, quals, succession = row
    # Once per row of every lookup: the helpers' None and "{}" cases are inlined.
    return Evidence.stored(
        doc,
        sentence,
        start,
        end,
        url,
        _fromisoformat(published) if published else None,
        extractor,
        conf,
        _partial(vf) if vf else None,
        _partial(vt) if vt else None,
        _NO_QUALIFIERS if quals == "{}" else _qualifiers(quals),
        succession == 1,
    )


def _joined_evidence_order(row: Sequence[Any]) -> tuple[bool, str, str, str]:
    # The order _evidence_of's ORDER BY gives: published (NULL first), recorded_at, id.
    return (row[17] is not None, row[17] or "", row[24], row[25])


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
            # The name key as SQL, for migration 4's backfill (keys are computed in Python).
            conn.create_function("pg_name_key", 1, name_key, deterministic=True)
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
        """Write a batch in one transaction.

        What the batch touches is read at once (its entities; the current versions
        and evidence of its facts; per one-at-a-time role it names, the holders),
        its facts are derived in memory one by one exactly as if each were written
        and read back in turn (:class:`graph.stores.sqlite_batch.BatchState`), and
        the rows are written with one ``executemany`` per kind: a few statements per
        batch, not a few per fact.
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
            "INSERT OR IGNORE INTO entity_names (entity_id, name, name_folded, is_alias, name_key) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (entity.id, n, n.casefold(), int(i > 0), name_key(n))
                for i, n in enumerate(entity.all_names())
            ],
        )
        return added

    def _upsert_entities(self, conn: sqlite3.Connection, entities: Sequence[Entity]) -> int:
        """:meth:`_upsert_entity` for a whole batch: one read, then one statement per kind."""
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
            "INSERT OR IGNORE INTO entity_names (entity_id, name, name_folded, is_alias, name_key) "
            "VALUES (?, ?, ?, ?, ?)",
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

    def _upsert_facts(
        self, conn: sqlite3.Connection, facts: Sequence[Fact], now: datetime
    ) -> tuple[int, tuple[str, ...]]:
        """Derive and write ``facts`` in order; (how many were new, their ids)."""
        if not facts:
            return 0, ()
        ids = [f.id for f in facts]
        ends = self._stored_entities(conn, [end for f in facts for end in (f.subject, f.object)])
        state = BatchState(_ts(now))
        state.want_ends_of(facts)
        unique = list(dict.fromkeys(ids))
        self._load_versions(conn, state, unique, self._current_rows(conn, unique))
        added = 0
        for fact, fact_id in zip(facts, ids, strict=True):
            for end in (fact.subject, fact.object):
                if end not in ends:
                    raise InvalidInput(f"fact {fact_id} names unknown entity {end!r}")
            incoming = [(e.id, e) for e in temporal.claimed_evidence(fact)]
            incoming = state.unretracted(fact_id, incoming)
            if not incoming:
                continue  # only statements a reviewer retracted: nothing to revive
            current = state.read(fact_id)
            if current is None:
                stored, evidence = temporal.derive_keyed(fact, incoming)
                state.add_version(fact_id, stored)
                state.add_evidence_rows(fact_id, evidence.items())
                added += 1
            else:
                stored = state.add_evidence(current, fact_id, incoming)
            self._apply_successions(conn, state, stored)
        self._write_rows(conn, state)
        return added, tuple(ids)

    @staticmethod
    def _current_rows(conn: sqlite3.Connection, fact_ids: list[str]) -> list[Sequence[Any]]:
        """(row_id, then the ``_FACT_COLUMNS``) of the current versions of ``fact_ids``."""
        return conn.execute(
            "SELECT row_id, fact_id, subject, relation, object, valid_from, valid_to, "
            "qualifiers, stated_at, confidence, recorded_at, superseded_at FROM facts "
            "WHERE fact_id IN (SELECT value FROM json_each(?)) AND superseded_at IS NULL",
            (json.dumps(fact_ids),),
        ).fetchall()

    def _load_versions(
        self,
        conn: sqlite3.Connection,
        state: BatchState,
        fact_ids: list[str],
        rows: Sequence[Sequence[Any]],
    ) -> None:
        """Put ``fact_ids`` as stored into ``state``: current versions (``rows``, as
        :meth:`_current_rows` gives them) and every evidence row, retracted ones included."""
        found = set()
        for row in rows:
            found.add(row[1])
            state.load(row[1], self._fact_of(row[1:], ()), row[0], row[10])
        for fact_id in fact_ids:
            if fact_id not in found:
                state.load(fact_id, None, 0, "")
        keys = conn.execute(
            "SELECT fact_id, evidence_id, recorded_at, retracted_at IS NULL FROM evidence "
            "WHERE fact_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY fact_id, published, recorded_at, evidence_id",
            (json.dumps(fact_ids),),
        ).fetchall()
        with_live = list(dict.fromkeys(k[0] for k in keys if k[3]))
        # The live rows come in the same order as the keys above.
        live = {
            fact_id: iter(evidence)
            for fact_id, evidence in self._evidence_of(conn, with_live, None).items()
        }
        for fact_id, evidence_id, recorded_at, is_live in keys:
            evidence = next(live[fact_id]) if is_live else None
            state.load_evidence(fact_id, evidence_id, recorded_at, evidence)

    def _apply_successions(self, conn: sqlite3.Connection, state: BatchState, fact: Fact) -> None:
        """End the earlier holders of ``fact``'s one-at-a-time role, and ``fact`` by later ones."""
        key = temporal.succession_key(fact)
        if key is None:
            return
        relation, fixed, _role = key
        column = "object" if fact.object == fixed else "subject"
        end = (relation.value, column, fixed)
        if end not in state.loaded_ends:
            # The stored holders at every end the batch may need, at its first succession:
            # one query per relation and column (the batch's own holders are in ``state``).
            ends = (state.wanted_ends | {end}) - state.loaded_ends
            state.loaded_ends |= ends
            groups: dict[tuple[str, str], list[str]] = {}
            for rel, col, value in ends:
                groups.setdefault((rel, col), []).append(value)
            rows: list[Sequence[Any]] = []
            for (rel, col), values in groups.items():
                col = {"object": "object", "subject": "subject"}[col]  # never anything else
                # "+relation": read the entities' own index, not every fact of the relation.
                sql = (
                    f"SELECT row_id, {_FACT_COLUMNS} FROM facts WHERE {col} IN "  # noqa: S608 (constant column names)
                    "(SELECT value FROM json_each(?)) AND +relation = ? AND superseded_at IS NULL"
                )
                rows += conn.execute(sql, (json.dumps(values), rel)).fetchall()
            rows = [row for row in rows if not state.knows(row[1])]
            if rows:
                self._load_versions(conn, state, [row[1] for row in rows], rows)
        for target, evidence in temporal.successions(fact, state.holders(end)):
            current = state.read(target.id)
            if current is not None:
                state.add_evidence(current, target.id, [(evidence.id, evidence)])

    def _write_rows(self, conn: sqlite3.Connection, state: BatchState) -> None:
        """What ``state`` gathered, one ``executemany`` per kind (the order keeps one
        current version per fact at every step)."""
        with self._indexes_deferred(conn, len(state.versions)):
            self._insert_rows(conn, state)

    @staticmethod
    def _insert_rows(conn: sqlite3.Connection, state: BatchState) -> None:
        conn.executemany(
            "UPDATE facts SET confidence = ?, stated_at = ? WHERE row_id = ?",
            [(conf, stated, row_id) for row_id, (conf, stated) in state.touched.items()],
        )
        conn.executemany(
            "UPDATE facts SET superseded_at = ? WHERE row_id = ?",
            [(state.now, row_id) for row_id in state.superseded],
        )
        conn.executemany(
            "INSERT INTO facts (fact_id, subject, relation, object, valid_from, valid_to, lo, hi, "
            "qualifiers, stated_at, confidence, recorded_at, superseded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            state.versions,
        )
        conn.executemany(
            "INSERT OR IGNORE INTO evidence (fact_id, evidence_id, document_id, url, published, "
            'sentence, start, "end", extractor, confidence, valid_from, valid_to, qualifiers, '
            "succession, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            state.evidence,
        )

    @contextmanager
    def _indexes_deferred(self, conn: sqlite3.Connection, new_versions: int) -> Iterator[None]:
        """Drop the secondary indexes and build them again after the rows go in, when a
        batch at least doubles the table of versions (a bulk load into a new store).

        Building an index sorts once; keeping it up to date costs a B-tree descent
        per row, so this pays only while the batch outweighs what is stored. Same
        transaction: a crash or an error leaves the indexes as they were. The
        unique indexes stay, so the constraints are checked row by row as ever.
        """
        # Versions are never deleted: the largest row id is how many there are.
        stored = conn.execute("SELECT coalesce(max(row_id), 0) FROM facts").fetchone()[0]
        if new_versions < _DEFER_INDEXES_FROM or new_versions < stored:
            yield
            return
        definitions = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND name IN (SELECT value FROM json_each(?)) ORDER BY name",
            (json.dumps(list(_DROP_INDEX)),),
        ).fetchall()
        for name, _ in definitions:
            conn.execute(_DROP_INDEX[name])
        yield
        for _, definition in definitions:  # the store's own schema, as its migrations made it
            conn.execute(definition)

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
                evidence_row(fact_id, e.id, e, qualifier_json(e.qualifiers), _ts(now))
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
            params += [pattern.as_of.isoformat(), _end_probe(pattern.as_of)]
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
                f"SELECT f.*, {_JOINED_EVIDENCE_COLUMNS}, e.recorded_at, e.evidence_id FROM ("  # noqa: S608 (clauses are constants; values are bound)
                f"SELECT row_id, {_FACT_COLUMNS} FROM facts WHERE subject = ? AND {where} "
                f"UNION ALL SELECT row_id, {_FACT_COLUMNS} FROM facts WHERE object = ? AND {where}"
                f") AS f LEFT JOIN evidence e ON e.fact_id = f.fact_id AND {live}"
            )
        params: list[Any] = [entity_id]
        if relation is not None:
            params.append(Relation(relation).value)
        if as_of is not None:
            params += [as_of.isoformat(), _end_probe(as_of)]
        if known_at is not None:
            known = _ts(known_at)
            params += [known, known]
            yield from self._read_joined(sql, [*params, *params, known, known])
        else:
            yield from self._read_joined(sql, [*params, *params])

    #: find_facts_of's SQL by (relation given, as_of given, known_at given).
    _facts_of_sql: ClassVar[dict[tuple[bool, bool, bool], str]] = {}

    def _read_joined(self, sql: str, params: list[Any]) -> list[Fact]:
        """Rows of (row_id, fact columns, evidence columns, recorded_at, evidence_id) → facts."""
        # What _reading() does, inline: its generator costs as much as a small answer's rows.
        try:
            if self._shared is None:
                rows = self._conn().execute(sql, params).fetchall()
            else:
                with self._write_lock:
                    rows = self._shared.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"cannot read {self.path}: {exc}") from exc
        by_row: dict[int, list[Sequence[Any]]] = {}
        for r in rows:
            group = by_row.get(r[0])
            if group is None:
                by_row[r[0]] = [r]
            else:
                group.append(r)
        fact_of = self._fact_of
        facts: list[Fact] = []
        for group in by_row.values():
            if group[0][12] is None:  # document_id: NULL only when no evidence joined
                evidence: tuple[Evidence, ...] = ()
            else:
                if len(group) > 1:
                    group.sort(key=_joined_evidence_order)
                evidence = tuple([_to_evidence(r[12:24]) for r in group])
            facts.append(fact_of(group[0][1:12], evidence))
        return facts

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
                f"SELECT fact_id, {_EVIDENCE_COLUMNS} FROM evidence "  # noqa: S608 (placeholders only)
                f"WHERE fact_id IN ({marks}) {live}"
                "ORDER BY fact_id, published, recorded_at, evidence_id"
            )
            for r in conn.execute(ev_sql, [*chunk, *live_params]):
                found.setdefault(r[0], []).append(_to_evidence(r[1:]))
        return {fact_id: tuple(items) for fact_id, items in found.items()}

    @staticmethod
    def _fact_of(row: Sequence[Any], evidence: tuple[Evidence, ...]) -> Fact:
        """Fact columns (``_FACT_COLUMNS``) → a fact, trusted: rows are only ever written
        from validated facts under the hash of their content, so neither is redone."""
        (_fact_id, subject, relation, obj, vf, vt, quals, stated, conf, rec, sup) = row
        return Fact.stored(
            subject,
            _RELATIONS[relation],
            obj,
            _partial(vf) if vf else None,
            _partial(vt) if vt else None,
            _NO_QUALIFIERS if quals == "{}" else _qualifiers(quals),
            _fromisoformat(stated) if stated else None,
            _recorded_at(rec),  # NOT NULL
            datetime.fromisoformat(sup) if sup else None,
            conf,
            evidence,
        )

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

    def document_titles(self, document_ids: Collection[str]) -> dict[str, str]:
        """The :class:`graph.store.DocumentTitles` capability: one query per 500 ids."""
        ids = list(document_ids)
        titles: dict[str, str] = {}
        with self._reading() as conn:
            for i in range(0, len(ids), _IN_CHUNK):
                chunk = ids[i : i + _IN_CHUNK]
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
                key = _KeyRow(*row)
                entity = self._to_entity(conn, (key.id, key.name, key.type, key.wikidata))
                found.setdefault(key.name_key, []).append(entity)
        return found

    def all_entities(self) -> Iterator[Entity]:
        """Every entity, for gazetteers and exports."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT id, name, type, wikidata FROM entities ORDER BY id"
            ).fetchall()
            entities = [self._to_entity(conn, row) for row in rows]
        yield from entities

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
        for i in range(0, len(ids), _IN_CHUNK):
            chunk = ids[i : i + _IN_CHUNK]
            marks = ", ".join("?" * len(chunk))
            sql = (
                f"SELECT f.*, {_JOINED_EVIDENCE_COLUMNS}, e.recorded_at, e.evidence_id FROM ("  # noqa: S608 (placeholders and constant clauses; values are bound)
                f"SELECT row_id, {_FACT_COLUMNS} FROM facts WHERE fact_id IN ({marks}) "
                f"AND {where}) AS f LEFT JOIN evidence e ON e.fact_id = f.fact_id AND {live}"
            )
            found.extend(self._read_joined(sql, [*chunk, *params, *live_params]))
        return found

    # -- fetch state (graph.fetchstate.FetchStateStore) ------------------------------

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
        r = _FetchRow(*row)
        return FetchRecord(
            r.url,
            r.kind,
            r.etag,
            r.last_modified,
            r.content_hash,
            r.document_id,
            r.fingerprint,
            _moment(r.fetched_at),
        )

    def save_fetch_record(self, record: FetchRecord) -> None:
        """Insert or replace the record for ``record.url``."""
        fetched = _ts(record.fetched_at) if record.fetched_at else None
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


class _KeyRow(NamedTuple):
    name_key: str
    id: str
    name: str
    type: str
    wikidata: str | None


class _FetchRow(NamedTuple):
    url: str
    kind: str
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    document_id: str | None
    fingerprint: str | None
    fetched_at: str | None
