"""Commands over the store: ``ingest``, ``entities``, ``facts``, ``relations``, ``serve``."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from cli.tables import cut_to_limit
from cli.tables import table as new_table
from graph import queries
from graph.errors import GraphError, InvalidInput
from graph.model import EntityType, Fact, Relation, parse_day
from graph.store import Store, open_store
from loaders.limits import MAX_DOCUMENT_CHARS, MAX_DOCUMENT_CHARS_ENV

DEFAULT_DB = "sqlite:///partnergraph.db"
#: Extraction processes by default: one per core.
DEFAULT_WORKERS = os.cpu_count() or 1

err = Console(stderr=True)
out = Console()

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="PARTNERGRAPH_DB",
        help="Store URL: sqlite:///path.db (default: partnergraph.db in the working folder) "
        "or neo4j://host:port.",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Valid time, YYYY-MM-DD (default: today)."),
]
KnownAtOption = Annotated[
    str | None,
    typer.Option("--known-at", help="Transaction time, ISO date-time: what the store knew then."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="One JSON object per line.")]
MaxCharsOption = Annotated[
    int,
    typer.Option(
        "--max-chars",
        envvar=MAX_DOCUMENT_CHARS_ENV,
        min=1,
        help="The most characters one document's text may have; a longer one is an error "
        "for that document only.",
    ),
]


@contextmanager
def opened_store(url: str) -> Iterator[Store]:
    """The store at ``url``, closed afterwards; a graph error is one red line and an exit code."""
    try:
        store = open_store(url)
    except GraphError as exc:
        err.print(f"[red]error:[/red] {exc.message}", highlight=False)
        raise typer.Exit(2) from exc
    try:
        yield store
    except GraphError as exc:
        err.print(f"[red]error:[/red] {exc.message}", highlight=False)
        raise typer.Exit(1) from exc
    finally:
        store.close()


def _as_of(value: str | None, all_time: bool) -> date | queries._AnyTime | None:
    if all_time:
        return queries.ANY_TIME
    return parse_day(value, "--as-of") if value else None


def _known_at(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"invalid --known-at {value!r}: expected an ISO date-time") from None


def _relation(value: str | None) -> Relation | None:
    return Relation.parse(value) if value else None


def fact_json(store: Store, fact: Fact) -> dict[str, Any]:
    """A fact as the CLI prints it: both ends named, dates at their precision."""
    ends = queries.entities_by_id(store, (fact.subject, fact.object))
    s, o = ends[fact.subject], ends[fact.object]
    return {
        "id": fact.id,
        "subject": {"id": s.id, "name": s.name, "type": s.type.value},
        "relation": fact.relation.value,
        "object": {"id": o.id, "name": o.name, "type": o.type.value},
        "valid_from": fact.valid_from.isoformat() if fact.valid_from else None,
        "valid_to": fact.valid_to.isoformat() if fact.valid_to else None,
        "qualifiers": dict(fact.qualifiers),
        "stated_at": fact.stated_at.isoformat() if fact.stated_at else None,
        "recorded_at": fact.recorded_at.isoformat() if fact.recorded_at else None,
        "confidence": fact.confidence,
        "evidence": [
            {
                "document_id": e.document_id,
                "url": e.url,
                "published": e.published.isoformat() if e.published else None,
                "sentence": e.sentence,
                "start": e.start,
                "end": e.end,
                "extractor": e.extractor,
            }
            for e in fact.evidence
        ],
    }


def _print_facts(store: Store, facts: list[Fact], as_json: bool, title: str) -> None:
    if as_json:
        for fact in facts:
            typer.echo(json.dumps(fact_json(store, fact), ensure_ascii=False))
        return
    table = new_table(
        "subject", "relation", "object", "from", "to", "status", "sources", title=title
    )
    for fact in facts:
        row = fact_json(store, fact)
        table.add_row(
            row["subject"]["name"],
            row["relation"],
            row["object"]["name"],
            row["valid_from"] or "",
            row["valid_to"] or "",
            str(row["qualifiers"].get("status", "")),
            str(len(row["evidence"])),
        )
    out.print(table)
    if not facts:
        err.print("no facts match")


def ingest(
    paths: Annotated[
        list[str],  # str, not Path: a Path folds https:// into https:/
        typer.Argument(
            help="Files, folders or globs: curated facts (.jsonl/.csv) and articles "
            "(.txt, .html, feeds, document .jsonl); http(s) URLs of feeds or article pages.",
            exists=False,
        ),
    ],
    db: DbOption = DEFAULT_DB,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for plain-text files that carry none."),
    ] = None,
    max_chars: MaxCharsOption = MAX_DOCUMENT_CHARS,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            help="Processes extracting in parallel, one writer (default: the machine's cores; "
            "small inputs run in-process).",
        ),
    ] = DEFAULT_WORKERS,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Run extraction on a Dask distributed cluster, e.g. tcp://host:8786 "
            "(overrides --workers; results stream back to this one writer).",
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar; errors and the summary only.")
    ] = False,
) -> None:
    """Load curated facts and articles into the store, one transaction per document.

    Documents stream from the readers through extraction (in --workers processes
    or on a Dask cluster) to one writer, in bounded batches. The progress bar
    counts documents (per second, time left); the summary at the end gives
    documents new, already stored and failed, facts new and merged, and errors
    by kind.

    A file or document that cannot be loaded (missing, unreadable, too large,
    longer than --max-chars, or failing extraction) is one error line on stderr
    naming the file, line or document and the reason; the others are still
    stored. Symbolic links leaving a folder are skipped with a warning.

    Exit status: 0 when everything loaded, 1 when any file or document failed,
    2 when the store cannot be opened.
    """
    day = parse_day(published, "--published") if published else None
    from cli.follow_cmd import ingest_urls, split_urls

    urls, paths = split_urls(paths)  # URLs are fetched as `follow --once` would
    urls_ok = ingest_urls(urls, db=db, published=day, max_chars=max_chars) if urls else True
    if not paths:
        raise typer.Exit(0 if urls_ok else 1)
    from loaders.pipeline import Execution, count_work
    from loaders.pipeline import ingest as run_ingest

    execution = Execution(workers=workers, scheduler=scheduler)
    with opened_store(db) as store:
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} docs/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=err,
            transient=False,
            disable=quiet,
        ) as progress:
            task = progress.add_task("reading", total=count_work(paths), rate="–")

            def advance(label: str, step: int) -> None:
                speed = progress.tasks[task].speed
                rate = f"{speed:.1f}" if speed else "–"
                progress.update(task, advance=step, description=label[:40], rate=rate)

            report = run_ingest(
                store,
                paths,
                published=day,
                on_progress=advance,
                max_chars=max_chars,
                execution=execution,
            )
            progress.update(task, description="done")
        for warning in report.warnings:
            err.print(f"[yellow]warning:[/yellow] {warning}", highlight=False, soft_wrap=True)
        for problem in report.errors:
            err.print(f"[red]error:[/red] {problem}", highlight=False, soft_wrap=True)
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(report.error_kinds.items()))
        err.print(
            f"{report.files} file(s), {report.documents} new document(s), "
            f"{report.documents_skipped} already stored, {report.documents_failed} failed; "
            f"facts: {report.facts_added} new, {report.facts_merged} merged; "
            f"{report.entities_added} new entities; {len(report.errors)} error(s)"
            + (f" ({kinds})" if kinds else ""),
            soft_wrap=True,
            highlight=False,
        )
    if not report.ok or not urls_ok:
        raise typer.Exit(1)


def entities(
    q: Annotated[str | None, typer.Argument(help="Part of a name or alias.")] = None,
    type: Annotated[
        EntityType | None, typer.Option("--type", help="Organization, Person or Product.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="How many at most.")] = 20,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Search entities by name or alias (case-insensitive): the exact name first, then
    name prefixes, aliases and substrings, ties by how connected an entity is."""
    with opened_store(db) as store:
        found = cut_to_limit(queries.search_entities(store, q, type, limit + 1), limit, "entities")
        if as_json:
            for e in found:
                row = {"id": e.id, "name": e.name, "type": e.type.value, "aliases": list(e.aliases)}
                typer.echo(json.dumps(row, ensure_ascii=False))
            return
        table = new_table("id", "name", "type", "aliases")
        for e in found:
            table.add_row(e.id, e.name, e.type.value, ", ".join(e.aliases))
        out.print(table)


def facts(
    subject: Annotated[str | None, typer.Option(help="Subject entity id or name.")] = None,
    relation: Annotated[str | None, typer.Option(help="One of the ten relations.")] = None,
    object: Annotated[
        str | None, typer.Option("--object", help="Object entity id or name.")
    ] = None,
    as_of: AsOfOption = None,
    known_at: KnownAtOption = None,
    all_time: Annotated[bool, typer.Option("--all-time", help="Ignore valid time.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="How many at most.")] = 100,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Facts matching a pattern, valid at a date (default: today)."""
    with opened_store(db) as store:
        s = queries.resolve_entity(store, subject).id if subject else None
        o = queries.resolve_entity(store, object).id if object else None
        found = queries.facts(
            store,
            s,
            _relation(relation),
            o,
            as_of=_as_of(as_of, all_time),
            known_at=_known_at(known_at),
            limit=limit + 1,
        )
        _print_facts(store, cut_to_limit(found, limit, "facts"), as_json, "facts")


def relations(
    entity: Annotated[str, typer.Argument(help="Entity id, name or alias, e.g. Microsoft.")],
    as_of: AsOfOption = None,
    known_at: KnownAtOption = None,
    all_time: Annotated[bool, typer.Option("--all-time", help="Ignore valid time.")] = False,
    relation: Annotated[str | None, typer.Option(help="Only this relation.")] = None,
    direction: Annotated[str, typer.Option(help="out, in or both.")] = "both",
    limit: Annotated[int, typer.Option(min=1, help="How many at most.")] = 200,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """The relations of one entity, valid at a date (default: today)."""
    with opened_store(db) as store:
        target = queries.resolve_entity(store, entity)
        found = queries.relations(
            store,
            target.id,
            as_of=_as_of(as_of, all_time),
            known_at=_known_at(known_at),
            relation=_relation(relation),
            direction=direction,  # type: ignore[arg-type]  # validated by queries
        )
        found = cut_to_limit(found, limit, "relations")
        _print_facts(store, found, as_json, f"relations of {target.name}")


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="PORT", help="TCP port.")] = 8000,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    with opened_store(db):
        pass  # fail fast with one clear line when the store cannot be opened
    settings = Settings(db=db, host=host, port=port)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    for command in (ingest, entities, facts, relations, serve):
        app.command()(command)
