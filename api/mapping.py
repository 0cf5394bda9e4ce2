"""Graph model → response schema. The only place that reads model objects for output."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from api.schemas import EntityOut, EntityRefOut, EvidenceOut, FactOut
from api.schemas_history import ChangeOut, ChangesOut
from graph import queries
from graph.history import Change
from graph.model import Entity, Evidence, Fact
from graph.store import Store


def entity_out(entity: Entity) -> EntityOut:
    return EntityOut(
        id=entity.id,
        name=entity.name,
        type=entity.type,
        aliases=list(entity.aliases),
        wikidata=entity.wikidata,
    )


def entity_ref(entity: Entity) -> EntityRefOut:
    return EntityRefOut(id=entity.id, name=entity.name, type=entity.type)


def evidence_out(evidence: Evidence) -> EvidenceOut:
    return EvidenceOut(
        id=evidence.id,
        document_id=evidence.document_id,
        url=evidence.url,
        published=evidence.published,
        sentence=evidence.sentence,
        start=evidence.start,
        end=evidence.end,
        extractor=evidence.extractor,
        confidence=evidence.confidence,
    )


def fact_out(fact: Fact, entities: Mapping[str, Entity]) -> FactOut:
    return FactOut(
        id=fact.id,
        subject=entity_ref(entities[fact.subject]),
        relation=fact.relation,
        object=entity_ref(entities[fact.object]),
        valid_from=fact.valid_from.isoformat() if fact.valid_from else None,
        valid_to=fact.valid_to.isoformat() if fact.valid_to else None,
        valid_from_precision=fact.valid_from.precision if fact.valid_from else None,
        valid_to_precision=fact.valid_to.precision if fact.valid_to else None,
        qualifiers=dict(fact.qualifiers),
        stated_at=fact.stated_at,
        recorded_at=fact.recorded_at,
        superseded_at=fact.superseded_at,
        confidence=fact.confidence,
        evidence=[evidence_out(e) for e in fact.evidence],
    )


def facts_out(store: Store, facts: Sequence[Fact]) -> list[FactOut]:
    """Facts with both ends named: looks each entity up once."""
    ends = queries.entities_by_id(store, (end for f in facts for end in (f.subject, f.object)))
    return [fact_out(f, ends) for f in facts]


def changes_out(
    store: Store, feed: Sequence[Change], since: date, until: date | None
) -> ChangesOut:
    """A window of the change feed, each change with its fact (``GET /changes``, MCP)."""
    rendered = facts_out(store, [c.fact for c in feed])
    return ChangesOut(
        since=since,
        until=until,
        items=[
            ChangeOut(kind=c.kind, on=c.on.isoformat(), detail=c.detail, fact=f)
            for c, f in zip(feed, rendered, strict=True)
        ],
        count=len(feed),
    )
