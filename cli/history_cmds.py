"""Commands over time: ``history``, ``changes``, ``retract``."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from cli.store_cmds import DEFAULT_DB, DbOption, JsonOption, _known_at, fact_json, opened_store, out
from cli.tables import table as new_table
from graph import history, queries
from graph.model import Relation, parse_day


def history_command(
    entity: Annotated[str, typer.Argument(help="Entity id, name or alias.")],
    known_at: Annotated[
        str | None, typer.Option("--known-at", help="What the store knew then (ISO date-time).")
    ] = None,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Every relation of an entity on a time axis, ended ones included.

    The relation column reads from the entity's side: ``→ invests_in`` means it invests
    in the other end, ``← invests_in`` that the other end invests in it, ``↔`` symmetric.
    """
    with opened_store(db) as store:
        target = queries.resolve_entity(store, entity)
        facts = history.timeline(store, target.id, _known_at(known_at))
        if as_json:
            for f in facts:
                typer.echo(json.dumps(fact_json(store, f), ensure_ascii=False))
            return
        table = new_table(
            "from", "to", "relation", "with", "status", "id", title=f"history of {target.name}"
        )
        for f in facts:
            row = fact_json(store, f)
            other = row["object"] if f.subject == target.id else row["subject"]
            table.add_row(
                row["valid_from"] or "?",
                row["valid_to"] or "",
                _directed(f.relation, outgoing=f.subject == target.id),
                other["name"],
                str(row["qualifiers"].get("status", "")),
                f.id,
            )
        out.print(table)


def _directed(relation: Relation, *, outgoing: bool) -> str:
    """The relation read from the entity's side: ``→ invests_in`` (it invests in the
    other end), ``← invests_in`` (the other end invests in it), ``↔`` when symmetric."""
    arrow = "↔" if relation.symmetric else "→" if outgoing else "←"
    return f"{arrow} {relation.value}"


def changes_command(
    since: Annotated[str, typer.Option(help="Window start, YYYY-MM-DD (inclusive).")],
    until: Annotated[str | None, typer.Option(help="Window end, YYYY-MM-DD (exclusive).")] = None,
    entity: Annotated[str | None, typer.Option(help="Only changes involving this entity.")] = None,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """What started, ended, or was corrected in a window: the change feed."""
    start = parse_day(since, "--since")
    end = parse_day(until, "--until") if until else None
    with opened_store(db) as store:
        entity_id = queries.resolve_entity(store, entity).id if entity else None
        feed = history.changes(store, start, end, entity_id)
        if as_json:
            for c in feed:
                change: dict[str, object] = {
                    "kind": c.kind,
                    "on": c.on.isoformat(),
                    "detail": c.detail,
                }
                change["fact"] = fact_json(store, c.fact)
                typer.echo(json.dumps(change, ensure_ascii=False))
            return
        table = new_table("on", "change", "subject", "relation", "object", "detail")
        for c in feed:
            described = fact_json(store, c.fact)
            table.add_row(
                c.on.isoformat()[:19],
                c.kind,
                described["subject"]["name"],
                described["relation"],
                described["object"]["name"],
                c.detail,
            )
        out.print(table)


def retract_command(
    fact_id: Annotated[str, typer.Argument(help="The fact's id (f-…).")],
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="Retract only this piece of evidence (ev-…).")
    ] = None,
    reason: Annotated[str, typer.Option(help="Why: kept with the correction.")] = "",
    db: DbOption = DEFAULT_DB,
) -> None:
    """Retract a fact or one piece of its evidence (nothing is erased: --known-at sees it)."""
    with opened_store(db) as store:
        updated = store.retract(fact_id, evidence, reason)
        state = "retracted" if updated.superseded_at else "derived again from its other evidence"
        out.print(f"{fact_id}: {state}")


def register(app: typer.Typer) -> None:
    app.command("history")(history_command)
    app.command("changes")(changes_command)
    app.command("retract")(retract_command)
