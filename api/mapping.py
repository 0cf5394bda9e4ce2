"""Graph model → response schema. The only place that reads model objects for output."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from api.schemas import DocumentOut, EntityOut, EntityRefOut, EvidenceOut, FactOut, IngestOut
from api.schemas_history import ChangeOut, ChangesOut, FactRecordOut, StatusEventOut
from graph import queries
from graph.history import Change, FactRecord
from graph.model import Document, Entity, Evidence, Fact
from graph.store import Store
from loaders.pipeline import Ingested


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


def record_out(store: Store, record: FactRecord) -> FactRecordOut:
    """A fact with its status events and versions (``GET /facts/{id}``, retractions, MCP)."""
    facts = [record.fact, *record.versions]
    rendered = facts_out(store, facts)
    return FactRecordOut(
        fact=rendered[0],
        retracted=record.retracted,
        status_events=[
            StatusEventOut(
                on=e.on.isoformat() if e.on else None,
                status=e.status,
                evidence_id=e.evidence_id,
                published=e.published,
            )
            for e in record.status_events
        ],
        versions=rendered[1:],
    )


def document_out(doc: Document) -> DocumentOut:
    return DocumentOut(
        id=doc.id,
        url=doc.url,
        title=doc.title,
        published=doc.published,
        content_hash=doc.content_hash,
        text=doc.text,
    )


def ingest_out(store: Store, ingested: Ingested) -> IngestOut:
    """What ingesting one article did (``POST /documents``, the MCP ``add_document`` tool)."""
    result = ingested.result
    return IngestOut(
        document=document_out(ingested.document),
        skipped=result.skipped,
        facts_added=result.facts_added,
        facts_merged=result.facts_merged,
        entities_added=result.entities_added,
        items=facts_out(store, ingested.facts),
        count=len(ingested.facts),
    )
