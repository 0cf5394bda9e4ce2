"""``partnergraph neo4j push``: copy the embedded store into Neo4j, incrementally.

Each push compares a content hash per entity and per fact (every version and
its live evidence) with the hashes earlier pushes stored in Neo4j, and sends
only what differs, in batches of ``UNWIND`` statements, one transaction per
batch: ``CREATE`` for facts the target never saw (no hash there), ``MERGE`` for
the others. A fact's hash is written in the same transaction as the fact, so a
push that is interrupted and run again sends exactly the facts that did not
land, and MERGE keys (entity id, fact id + recorded_at, evidence id) keep the
result free of duplicates. A ``(:PushMarker {id: <source URL>})`` node records
the last push (start, end, counts); retractions newer than its start are sent.

No Cypher here: the target side is :class:`graph.stores.neo4j.Neo4jStore`.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from graph import history, queries
from graph.errors import GraphError, InvalidInput, NotFound
from graph.model import Document, Entity, Evidence, Fact
from graph.store import FactPattern, Store, open_store

DEFAULT_DB = "sqlite:///partnergraph.db"

err = Console(stderr=True)
out = Console()


@dataclass(frozen=True, slots=True)
class PushSummary:
    entities: int
    documents: int
    facts: int
    versions: int
    unchanged_facts: int
    corrections: int
    seconds: float

    def line(self, uri: str) -> str:
        return (
            f"pushed {self.entities} entities, {self.documents} documents, {self.facts} facts "
            f"({self.versions} versions), {self.corrections} corrections to {uri} in "
            f"{self.seconds:.1f} s; {self.unchanged_facts} facts were already up to date"
        )


def _digest(value: Any) -> str:
    raw = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def entity_hash(entity: Entity) -> str:
    return _digest([entity.id, entity.name, entity.type.value, entity.aliases, entity.wikidata])


def _evidence_key(e: Evidence) -> list[Any]:
    return [
        e.id,
        e.url,
        e.published,
        e.extractor,
        e.confidence,
        e.valid_from,
        e.valid_to,
        dict(e.qualifiers),
        e.succession,
    ]


def fact_hash(versions: Sequence[Fact], evidence: Iterable[Evidence]) -> str:
    """What a push must reproduce of one fact: its versions and live evidence."""
    return _digest(
        [
            [
                [
                    v.recorded_at,
                    v.superseded_at,
                    v.valid_from,
                    v.valid_to,
                    dict(v.qualifiers),
                    v.stated_at,
                    v.confidence,
                ]
                for v in versions
            ],
            sorted(_evidence_key(e) for e in evidence),
        ]
    )


def _versions_by_fact(source: Store) -> dict[str, list[Fact]]:
    grouped: dict[str, list[Fact]] = {}
    for version in source.find_facts(FactPattern(include_superseded=True)):
        # A version superseded in the transaction that recorded it was never visible
        # to any "known at" question; it would also collide with its successor's key.
        if version.superseded_at is not None and version.superseded_at == version.recorded_at:
            continue
        grouped.setdefault(version.id, []).append(version)
    for versions in grouped.values():
        versions.sort(key=lambda v: v.recorded_at or datetime.min.replace(tzinfo=UTC))
    return grouped


def _live(versions: Sequence[Fact]) -> tuple[Evidence, ...]:
    """The fact's live evidence: its current version's, none once it was retracted."""
    return versions[-1].evidence if versions[-1].superseded_at is None else ()


def _recorded_evidence(
    source: Store, versions: Sequence[Fact], started: datetime
) -> tuple[tuple[Evidence, datetime], ...]:
    """Live evidence with the moment it was first known (the first version that shows it)."""
    first_seen: dict[str, datetime] = {}
    for v in versions:
        assert v.recorded_at is not None
        for then in source.find_facts(FactPattern(fact_id=v.id, known_at=v.recorded_at)):
            for e in then.evidence:
                first_seen.setdefault(e.id, v.recorded_at)
    live = versions[-1].evidence
    # Evidence added without a new version: known by the time this push started.
    return tuple((e, first_seen.get(e.id, started)) for e in live)


def _documents(source: Store, ids: Iterable[str]) -> list[Document]:
    found = []
    for doc_id in sorted(set(ids)):
        try:
            found.append(source.get_document(doc_id))
        except NotFound:
            continue  # known only from evidence: a stub node is enough
    return found


def push(
    source: Store,
    target: Any,
    source_name: str,
    batch_size: int = 500,
    on_batch: Callable[[int], None] | None = None,
) -> PushSummary:
    """Copy what changed in ``source`` since the last push into the Neo4j ``target``."""
    from graph.stores.neo4j import PushedFact  # the driver only when pushing

    if batch_size < 1:
        raise InvalidInput(f"batch size must be at least 1, got {batch_size}")
    clock = time.monotonic()
    started = datetime.now(UTC)
    marker = target.push_marker(source_name)
    entity_hashes, fact_hashes, stored_documents = target.sync_state()

    entities = [(e, entity_hash(e)) for e in queries.all_entities(source)]
    changed_entities = [(e, h) for e, h in entities if entity_hashes.get(e.id) != h]
    for start in range(0, len(changed_entities), batch_size):
        target.push_entities(changed_entities[start : start + batch_size])

    grouped = _versions_by_fact(source)
    changed: list[tuple[str, list[Fact], str]] = []
    unchanged = 0
    for fact_id, versions in grouped.items():
        digest = fact_hash(versions, _live(versions))
        if fact_hashes.get(fact_id) == digest:
            unchanged += 1
            continue
        changed.append((fact_id, versions, digest))

    # Documents first: a batch's evidence then links to them, full text included.
    doc_ids = {e.document_id for _, versions, _ in changed for e in _live(versions)}
    documents = _documents(source, doc_ids - stored_documents)
    for start in range(0, len(documents), batch_size):
        target.push_documents(documents[start : start + batch_size])

    def prepare(chunk: Sequence[tuple[str, list[Fact], str]]) -> list[PushedFact]:
        return [
            PushedFact(
                fact_id,
                tuple(versions),
                _recorded_evidence(source, versions, started) if _live(versions) else (),
                digest,
                fact_id not in fact_hashes,  # never pushed: the target creates, not merges
            )
            for fact_id, versions, digest in chunk
        ]

    # A pipeline of depth one: batch N+1 is read from the source while batch N is
    # written. A batch is handed over only once the one before it committed (and
    # ``on_batch`` accepted it), so an interruption leaves whole batches only.
    chunks = [changed[i : i + batch_size] for i in range(0, len(changed), batch_size)]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="neo4j-push") as writer:
        running: Future[None] | None = None
        for number, chunk in enumerate(chunks, 1):
            batch = prepare(chunk)
            if running is not None:
                running.result()
                if on_batch is not None:
                    on_batch(number - 1)
            running = writer.submit(target.push_facts, batch)
        if running is not None:
            running.result()
            if on_batch is not None:
                on_batch(len(chunks))

    since = marker.get("started_at") if marker else None
    if isinstance(since, datetime):
        since -= timedelta(seconds=1)  # clock granularity: MERGE makes overlap harmless
    else:
        since = None
    corrections = [c for c in history.corrections(source, since) if c.fact_id in grouped]
    target.push_corrections(corrections)

    summary = PushSummary(
        entities=len(changed_entities),
        documents=len(documents),
        facts=len(changed),
        versions=sum(len(versions) for _, versions, _ in changed),
        unchanged_facts=unchanged,
        corrections=len(corrections),
        seconds=time.monotonic() - clock,
    )
    target.set_push_marker(
        source_name,
        {
            "started_at": started,
            "finished_at": datetime.now(UTC),
            "entities": len(entities),
            "facts": len(grouped),
            "pushed_facts": summary.facts,
        },
    )
    return summary


def _source_name(db: str) -> str:
    scheme, _, rest = db.partition("://")
    if scheme == "sqlite" and rest.startswith("/") and rest != "/:memory:":
        return f"sqlite:///{Path(rest[1:]).expanduser().resolve()}"
    return db


def register(app: typer.Typer) -> None:
    """Add the ``neo4j`` command group to the CLI."""
    neo4j_app = typer.Typer(
        name="neo4j",
        help="Copy the store into Neo4j (explore it in the Neo4j Browser).",
        no_args_is_help=True,
    )

    @neo4j_app.command("push")
    def push_cmd(
        uri: Annotated[
            str,
            typer.Option(
                "--uri",
                envvar="PARTNERGRAPH_NEO4J_URI",
                help=(
                    "Neo4j Bolt URL, e.g. bolt://127.0.0.1:7687 (see .neo4j/uri; the password "
                    "of that server is found in .neo4j/password)."
                ),
            ),
        ],
        user: Annotated[
            str | None,
            typer.Option("--user", envvar="PARTNERGRAPH_NEO4J_USER", help="Neo4j user."),
        ] = None,
        password: Annotated[
            str | None,
            typer.Option(
                "--password",
                envvar="PARTNERGRAPH_NEO4J_PASSWORD",
                help="Neo4j password (default: the URL's, else .neo4j/password for the "
                "server scripts/neo4j/neo4j.sh up started).",
            ),
        ] = None,
        db: Annotated[
            str,
            typer.Option("--db", envvar="PARTNERGRAPH_DB", help="The store to copy from."),
        ] = DEFAULT_DB,
        batch_size: Annotated[
            int, typer.Option("--batch-size", help="Facts per transaction.")
        ] = 500,
    ) -> None:
        """Copy what changed since the last push into Neo4j (safe to interrupt and rerun)."""
        from graph.stores.neo4j import Neo4jStore

        if uri.split("://", 1)[0].lower() not in ("bolt", "neo4j", "bolt+s", "neo4j+s"):
            err.print(
                f"[red]error:[/red] --uri must be a bolt:// or neo4j:// URL, got {uri!r}",
                soft_wrap=True,
            )
            raise typer.Exit(2)
        try:
            source = open_store(db)
        except GraphError as exc:
            err.print(f"[red]error:[/red] {exc.message}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from exc
        try:
            target = Neo4jStore.from_url(uri, user=user, password=password)
        except GraphError as exc:
            source.close()
            err.print(f"[red]error:[/red] {exc.message}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from exc
        try:
            summary = push(source, target, _source_name(db), batch_size)
        except GraphError as exc:
            err.print(f"[red]error:[/red] {exc.message}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from exc
        finally:
            target.close()
            source.close()
        out.print(summary.line(target.uri), highlight=False, soft_wrap=True)

    app.add_typer(neo4j_app, name="neo4j")
