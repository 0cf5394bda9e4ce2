"""The Neo4j backend: the same store protocol, a graph that reads well in the Browser.

All Cypher lives here. Every value is a bound parameter; the only names spliced
into query text are relationship types and labels taken from the closed enums
(:class:`Relation`'s ``neo4j_type``, :class:`EntityType`), never from input.

The graph::

    (:Entity:Organization {id, name, aliases, type, wikidata, names_folded})
    (:Entity:Organization)-[:PARTNERS_WITH {fact_id, valid_from, valid_to, ...}]->(:Entity)
    (:Fact {id, relation, subject, object})
    (:Document {id, url, title, published, content_hash, text, recorded_at})
    (:Document)-[:STATES {evidence_id, sentence, start, end, url, published, extractor,
                          confidence, claim_from, claim_to, claim_qualifiers, succession,
                          recorded_at, retracted_at}]->(:Fact)
    (:Correction {fact_id, evidence_id, reason, recorded_at})-[:CORRECTS]->(:Fact)
    (:PushMarker {id, started_at, finished_at, ...})       the last `neo4j push` per source

**Facts are typed relationships, one per version.** Each bitemporal version of
a fact is its own relationship of the relation's type (``PARTNERS_WITH``,
``EXECUTIVE_OF``…) from the subject to the object entity, carrying
``fact_id``; ``valid_from``/``valid_to`` as Neo4j ``date`` values (the first
day of each bound's period, exactly :attr:`Fact.lower`/:attr:`Fact.upper`, so a
fact holds on day T when ``valid_from <= T < valid_to``: "ended in 2022" is
``valid_to = 2022-01-01``) with ``valid_from_precision``/``valid_to_precision``
and the text's own ``valid_from_iso``/``valid_to_iso`` (``"2019-07"``);
``confidence``, ``stated_at``, each qualifier as a property (``status``,
``role``…, plus the exact ``qualifiers`` as JSON), and transaction time
``recorded_at``/``superseded_at`` as UTC ``datetime`` values. The current
version has ``superseded_at`` null; a new statement that changes dates or
qualifiers closes it and adds a new relationship. Nothing is deleted. So
``MATCH (a)-[r:PARTNERS_WITH]-(b) WHERE r.superseded_at IS NULL`` is today's
knowledge, and the Browser shows facts as the typed edges they are.

**Evidence is one hop from the fact's ``:Fact`` node.** A fact's identity
(``fact_id``, content-addressed) has one ``:Fact`` node; each statement of it is
a ``(:Document)-[:STATES]->(:Fact)`` relationship with the sentence, offsets,
extractor and confidence. ``:Fact`` nodes link only to documents, so expanding
an entity in the Browser shows its relations, and expanding a document shows
what it states. Documents known only from evidence are stub ``:Document`` nodes
(id, url, published, no ``content_hash``); :meth:`Neo4jStore.get_document`
answers only for stored articles.

A :class:`Batch` is one transaction (``session.execute_write``) of a few
statements whatever its size: the batch's ``:Fact`` nodes are write-locked
(in id order, so concurrent writers queue rather than deadlock) together with
the current holders of any one-at-a-time role it touches; their current
versions are read in ONE query; what the new statements change is decided by
:class:`graph.changeset.ChangeSetBuilder`, the same as for the SQLite backend;
then every change is written with ``UNWIND $rows``: one statement for touched
versions, one for superseded ones, one ``CREATE`` per relation type for new
versions (the type from the closed enum, never from input), one for evidence.
Retractions (:meth:`Neo4jStore.retract`) go the same way: the builder marks
``STATES.retracted_at`` and derives again. The ``push_*`` methods are the
target side of ``partnergraph neo4j push`` (``cli/neo4j_cmd.py``): batched
``UNWIND … CREATE`` for facts the target never saw, ``UNWIND … MERGE`` for
the others, idempotent. :meth:`Neo4jStore.read_cypher` runs a query in a read
transaction (``POST /cypher``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import count
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

import neo4j
from neo4j import exceptions as neo4j_errors

from graph.changeset import ChangeSet, ChangeSetBuilder, End, stamp
from graph.errors import Conflict, GraphError, InvalidInput, NotFound, StoreUnavailable
from graph.model import (
    QUALIFIER_KEYS,
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
from graph.store import (
    Correction,
    CorrectionLog,
    DocumentFacts,
    DocumentHashes,
    EntityListing,
    FactPattern,
)
from graph.stores.neo4j_fetchstate import FETCH_STATE_SCHEMA, Neo4jFetchState
from graph.stores.neo4j_guard import (
    QueryOutOfMemory,
    QueryRefused,
    QueryTimedOut,
    WriteRefused,
    check_parameters,
    check_plan,
)

__all__ = [
    "Connection",
    "Neo4jStore",
    "PushedFact",
    "QueryOutOfMemory",
    "QueryRefused",
    "QueryTimedOut",
    "WriteRefused",
    "connection_for",
    "launcher_password",
    "plain_value",
]

T = TypeVar("T")

DEFAULT_DATABASE = "neo4j"

#: Every fact relationship type, from the closed enum only.
_FACT_TYPES = "|".join(r.neo4j_type for r in Relation)
_RELATION_BY_TYPE = {r.neo4j_type: r for r in Relation}

SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
    "CREATE CONSTRAINT fact_id IF NOT EXISTS FOR (f:Fact) REQUIRE f.id IS UNIQUE",
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
    "CREATE CONSTRAINT document_content_hash IF NOT EXISTS "
    "FOR (d:Document) REQUIRE d.content_hash IS UNIQUE",
    "CREATE CONSTRAINT push_marker_id IF NOT EXISTS FOR (m:PushMarker) REQUIRE m.id IS UNIQUE",
    # The name key of an entity's name (graph.names), so ingest resolves by an index hit.
    "CREATE INDEX entity_name_key IF NOT EXISTS FOR (e:Entity) ON (e.name_key)",
    *FETCH_STATE_SCHEMA,
    *(
        f"CREATE INDEX {r.value}_fact_id IF NOT EXISTS FOR ()-[r:{r.neo4j_type}]-() ON (r.fact_id)"
        for r in Relation
    ),
    *(
        f"CREATE INDEX {r.value}_valid IF NOT EXISTS "
        f"FOR ()-[r:{r.neo4j_type}]-() ON (r.valid_from, r.valid_to)"
        for r in Relation
    ),
)

#: The graph's vocabulary as a reader queries it (the module docstring, docs/cypher.md):
#: every label, relationship type and property key the store writes on entities, fact
#: versions, ``:Fact`` nodes, documents, statements and corrections. Neo4j creates such a
#: name only when something first uses it (and never drops it), and warns on a query that
#: names one it has not seen ("The property `superseded_at` does not exist", GQL status
#: 01N50-01N52), so :meth:`Neo4jStore.ensure_schema` registers them all with Neo4j's own
#: ``db.createLabel``/``db.createRelationshipType``/``db.createProperty``: the saved queries
#: (scripts/neo4j/queries.cypher) then answer an empty database with no rows, not warnings.
#: No data is written and no index is added for it (an index per key would cost every write).
GRAPH_LABELS: tuple[str, ...] = (
    "Entity",
    *(t.value for t in EntityType),
    "Fact",
    "Document",
    "Correction",
)
GRAPH_RELATIONSHIP_TYPES: tuple[str, ...] = (
    *(r.neo4j_type for r in Relation),
    "STATES",
    "CORRECTS",
)
GRAPH_PROPERTY_KEYS: tuple[str, ...] = tuple(
    sorted(
        {
            # (:Entity)
            *("id", "name", "aliases", "type", "wikidata", "names_folded", "name_key"),
            "sync_hash",  # also on (:Fact), written by `neo4j push`
            # a fact version: -[:PARTNERS_WITH|…]->
            *("fact_id", "valid_from", "valid_to", "valid_from_precision", "valid_to_precision"),
            *("valid_from_iso", "valid_to_iso", "qualifiers", "stated_at", "confidence"),
            *("recorded_at", "superseded_at", *QUALIFIER_KEYS),
            # (:Fact)
            *("relation", "subject", "object"),
            # (:Document)
            *("url", "title", "published", "content_hash", "text"),
            # -[:STATES]->
            *("evidence_id", "sentence", "start", "end", "extractor", "claim_from", "claim_to"),
            *("claim_qualifiers", "succession", "retracted_at"),
            # (:Correction)
            *("reason", "key"),
        }
    )
)
_REGISTER_TOKENS = (
    "UNWIND $labels AS label CALL db.createLabel(label)",
    "UNWIND $types AS type CALL db.createRelationshipType(type)",
    "UNWIND $keys AS key CALL db.createProperty(key)",
)

# -- entities -------------------------------------------------------------------------

_ENTITY_RETURN = (
    "RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases, "
    "e.wikidata AS wikidata, e.names_folded AS names_folded"
)
_ENTITIES_BY_ID = "UNWIND $ids AS id MATCH (e:Entity {id: id}) " + _ENTITY_RETURN
_GET_ENTITY = "MATCH (e:Entity {id: $id}) " + _ENTITY_RETURN
_ALL_ENTITIES = "MATCH (e:Entity) " + _ENTITY_RETURN + " ORDER BY e.id"
_ENTITIES_BY_KEY = (
    "UNWIND $keys AS key MATCH (e:Entity {name_key: key}) WHERE e.type = $type "
    "WITH key, e ORDER BY e.id "
    "RETURN key AS name_key, e.id AS id, e.name AS name, e.type AS type, "
    "e.aliases AS aliases, e.wikidata AS wikidata"
)
#: Best first: the exact name, a name prefix, an exact alias, an alias prefix, then any
#: substring (``names_folded[0]`` is the name); ties by degree (current facts), then by name.
_FIND_ENTITIES = (
    "MATCH (e:Entity) "
    "WHERE ($q IS NULL OR any(n IN e.names_folded WHERE n CONTAINS $q)) "
    "AND ($type IS NULL OR e.type = $type) "
    "WITH e, CASE WHEN $q IS NULL THEN 4 WHEN e.names_folded[0] = $q THEN 0 "
    "WHEN e.names_folded[0] STARTS WITH $q THEN 1 "
    "WHEN any(n IN e.names_folded[1..] WHERE n = $q) THEN 2 "
    "WHEN any(n IN e.names_folded[1..] WHERE n STARTS WITH $q) THEN 3 ELSE 4 END AS rank, "
    f"COUNT {{ (e)-[r:{_FACT_TYPES}]-(:Entity) WHERE r.superseded_at IS NULL }} AS degree "
    + _ENTITY_RETURN
    + " ORDER BY rank, degree DESC, e.name LIMIT $limit"
)
#: One statement per entity type: labels come from the closed EntityType enum.
_UPSERT_ENTITIES = {
    t: "UNWIND $rows AS row MERGE (e:Entity {id: row.id}) "
    f"ON CREATE SET e:{t.value}, e.type = row.type, e.name = row.name "
    "SET e.aliases = row.aliases, e.names_folded = row.names_folded, e.wikidata = row.wikidata, "
    "e.name_key = coalesce(e.name_key, row.name_key)"
    for t in EntityType
}

# -- documents ------------------------------------------------------------------------

_DOCUMENT_BY_HASH = "MATCH (d:Document {content_hash: $hash}) RETURN d.id AS id"
_DOCUMENT_BY_ID = "MATCH (d:Document {id: $id}) RETURN d.content_hash AS content_hash"
_PUT_DOCUMENT = (
    "MERGE (d:Document {id: $id}) "
    "SET d.content_hash = $hash, d.text = $text, d.url = $url, d.title = $title, "
    "d.published = $published, d.recorded_at = $now"
)
_GET_DOCUMENT = (
    "MATCH (d:Document {id: $id}) WHERE d.content_hash IS NOT NULL "
    "RETURN d.text AS text, d.url AS url, d.title AS title, d.published AS published"
)
_HAS_DOCUMENT = "MATCH (d:Document {content_hash: $hash}) RETURN count(d) > 0 AS found"
_FACTS_STATED_IN = (
    "MATCH (:Document {id: $id})-[st:STATES]->(f:Fact) WHERE st.retracted_at IS NULL "
    "RETURN DISTINCT f.id AS id"
)

# -- facts ----------------------------------------------------------------------------

_EXISTING_ENTITY_IDS = "UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.id AS id"
# SET of an unchanged value still takes the node's write lock: concurrent writers of
# one fact queue here, so a fact never gets two current versions. Rows come sorted by
# id, so two batches lock their common facts in the same order.
_LOCK_FACTS = (
    "UNWIND $rows AS row MERGE (f:Fact {id: row.id}) "
    "SET f.relation = row.relation, f.subject = row.subject, f.object = row.object"
)
#: A version's live evidence; as known at $known when given (retractions included).
_EVIDENCE_OF = (
    "CALL (r) { OPTIONAL MATCH (:Fact {id: r.fact_id})<-[st:STATES]-(d:Document) "
    "WHERE CASE WHEN $known IS NULL THEN st.retracted_at IS NULL "
    "ELSE st.recorded_at <= $known "
    "AND (st.retracted_at IS NULL OR st.retracted_at > $known) END "
    "RETURN collect(st {.*, document_id: d.id}) AS evidence } "
)
_FACT_RETURN = (
    "RETURN s.id AS subject, type(r) AS type, o.id AS object, properties(r) AS props, evidence"
)
#: The current versions of many facts at once (the write path reads a batch's in one go).
#: Statements a reviewer retracted, per fact: written again, they stay retracted.
_RETRACTED_EVIDENCE = (
    "UNWIND $ids AS id MATCH (:Document)-[st:STATES]->(:Fact {id: id}) "
    "WHERE st.retracted_at IS NOT NULL RETURN id, st.evidence_id AS evidence_id"
)
_CURRENT_VERSIONS = (
    "UNWIND $ids AS id MATCH (f:Fact {id: id}) "
    f"MATCH (s:Entity {{id: f.subject}})-[r:{_FACT_TYPES}]->(o:Entity {{id: f.object}}) "
    "WHERE r.fact_id = id AND r.superseded_at IS NULL "
    "WITH s, r, o " + _EVIDENCE_OF + _FACT_RETURN
)
#: Holders of one-at-a-time roles (graph.model.SUCCESSION) at the given fixed ends, one
#: statement per relation and side: the type comes from the closed Relation enum. Their
#: :Fact nodes are write-locked before their versions are read.
_LOCK_HOLDERS = {
    (rel, side): "UNWIND $ids AS fixed "
    + (
        f"MATCH (:Entity)-[r:{rel.neo4j_type}]->(:Entity {{id: fixed}}) "
        if side == "object"
        else f"MATCH (:Entity {{id: fixed}})-[r:{rel.neo4j_type}]->(:Entity) "
    )
    + "WHERE r.superseded_at IS NULL WITH DISTINCT r.fact_id AS id ORDER BY id "
    "MATCH (f:Fact {id: id}) SET f.relation = f.relation RETURN id"
    for rel in Relation
    for side in ("subject", "object")
}
_TOUCH_VERSIONS = (
    "UNWIND $rows AS row MATCH (f:Fact {id: row.id}) "
    f"MATCH (:Entity {{id: f.subject}})-[r:{_FACT_TYPES}]->(:Entity {{id: f.object}}) "
    "WHERE r.fact_id = row.id AND r.superseded_at IS NULL "
    "SET r.confidence = row.confidence, r.stated_at = row.stated_at"
)
_SUPERSEDE_VERSIONS = (
    "UNWIND $ids AS id MATCH (f:Fact {id: id}) "
    f"MATCH (:Entity {{id: f.subject}})-[r:{_FACT_TYPES}]->(:Entity {{id: f.object}}) "
    "WHERE r.fact_id = id AND r.superseded_at IS NULL SET r.superseded_at = $now"
)
#: One CREATE per relation: the type comes from the closed Relation enum.
#: ``$now`` is sent once per statement: a datetime per row costs more to encode (in the
#: driver's pure-Python packer) than the rest of the row.
_CREATE_VERSIONS = {
    rel: "UNWIND $rows AS row MATCH (s:Entity {id: row.subject}), (o:Entity {id: row.object}) "
    f"CREATE (s)-[r:{rel.neo4j_type}]->(o) SET r = row.props, r.recorded_at = $now, "
    "r.superseded_at = CASE WHEN row.superseded THEN $now END"
    for rel in Relation
}
_ADD_EVIDENCE = (
    "UNWIND $rows AS row MATCH (f:Fact {id: row.fact_id}) "
    "MERGE (d:Document {id: row.document_id}) "
    "ON CREATE SET d.url = row.url, d.published = row.published "
    "MERGE (d)-[st:STATES {evidence_id: row.evidence_id}]->(f) "
    "ON CREATE SET st += row.props, st.recorded_at = $now"
)
_RETRACT_EVIDENCE = (
    "UNWIND $rows AS row MATCH (:Fact {id: row.fact_id})<-[st:STATES]-(:Document) "
    "WHERE st.evidence_id = row.evidence_id AND st.retracted_at IS NULL "
    "SET st.retracted_at = $now"
)
_ADD_CORRECTIONS = (
    "UNWIND $rows AS row MATCH (f:Fact {id: row.fact_id}) "
    "CREATE (c:Correction {fact_id: row.fact_id, evidence_id: row.evidence_id, "
    "reason: row.reason, recorded_at: $now})-[:CORRECTS]->(f)"
)
_CORRECTIONS = (
    "MATCH (c:Correction) WHERE ($since IS NULL OR c.recorded_at >= $since) "
    "AND ($until IS NULL OR c.recorded_at < $until) "
    "RETURN c.fact_id AS fact_id, c.evidence_id AS evidence_id, c.reason AS reason, "
    "c.recorded_at AS recorded_at ORDER BY c.recorded_at, elementId(c)"
)
_DELETE_EVERYTHING = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"

# -- sync (partnergraph neo4j push): batched UNWIND … MERGE, idempotent -----------------

_SYNC_STATE = (
    "CALL () { MATCH (e:Entity) WHERE e.sync_hash IS NOT NULL "
    "RETURN collect([e.id, e.sync_hash]) AS entities } "
    "CALL () { MATCH (f:Fact) WHERE f.sync_hash IS NOT NULL "
    "RETURN collect([f.id, f.sync_hash]) AS facts } "
    "CALL () { MATCH (d:Document) WHERE d.content_hash IS NOT NULL "
    "RETURN collect(d.id) AS documents } "
    "CALL () { MATCH (f:Fact) WHERE f.sync_hash IS NULL RETURN count(f) AS unsynced } "
    "RETURN entities, facts, documents, unsynced"
)
_PUSH_ENTITIES = {
    t: "UNWIND $rows AS row MERGE (e:Entity {id: row.id}) "
    f"ON CREATE SET e:{t.value} "
    "SET e.type = row.type, e.name = row.name, e.aliases = row.aliases, "
    "e.names_folded = row.names_folded, e.wikidata = row.wikidata, e.sync_hash = row.sync_hash, "
    "e.name_key = row.name_key"
    for t in EntityType
}
_PUSH_DOCUMENTS = (
    "UNWIND $rows AS row MERGE (d:Document {id: row.id}) "
    "SET d.content_hash = row.content_hash, d.text = row.text, d.url = row.url, "
    "d.title = row.title, d.published = row.published, "
    "d.recorded_at = coalesce(d.recorded_at, $now)"
)
_PUSH_FACT_NODES = (
    "UNWIND $rows AS row MERGE (f:Fact {id: row.id}) "
    "SET f.relation = row.relation, f.subject = row.subject, f.object = row.object"
)
# A push sends each instant as [epoch seconds, nanoseconds], turned into a datetime by
# the server: the driver's pure-Python packer takes ~100 µs per datetime value.
_AT = "datetime({epochSeconds: row.at[0], nanosecond: row.at[1]})"
_UNTIL = (
    "CASE WHEN row.until IS NULL THEN null "
    "ELSE datetime({epochSeconds: row.until[0], nanosecond: row.until[1]}) END"
)
#: A version is keyed by (fact_id, recorded_at): re-pushing it updates it in place.
_PUSH_VERSIONS = {
    rel: "UNWIND $rows AS row "
    "MATCH (s:Entity {id: row.subject}), (o:Entity {id: row.object}) "
    f"MERGE (s)-[r:{rel.neo4j_type} {{fact_id: row.props.fact_id, recorded_at: {_AT}}}]->(o) "
    f"SET r = row.props, r.recorded_at = {_AT}, r.superseded_at = {_UNTIL}"
    for rel in Relation
}
_PUSH_EVIDENCE = (
    "UNWIND $rows AS row MATCH (f:Fact {id: row.fact_id}) "
    "MERGE (d:Document {id: row.document_id}) "
    "ON CREATE SET d.url = row.url, d.published = row.published "
    "MERGE (d)-[st:STATES {evidence_id: row.evidence_id}]->(f) "
    f"ON CREATE SET st.recorded_at = {_AT} "
    "SET st += row.props, st.retracted_at = null"
)
_PUSH_RETRACTIONS = (
    "UNWIND $rows AS row MATCH (f:Fact {id: row.id})<-[st:STATES]-(:Document) "
    "WHERE NOT st.evidence_id IN row.live AND st.retracted_at IS NULL "
    "SET st.retracted_at = $now"
)
# Written last in a fact batch: a fact counts as pushed only with everything above.
_PUSH_FACT_HASHES = (
    "UNWIND $rows AS row MATCH (f:Fact {id: row.id}) SET f.sync_hash = row.sync_hash"
)
# Facts the target has never seen (no sync hash: see sync_state) are created outright,
# without MERGE's lookups; a concurrent creator would hit the fact_id constraint.
_PUSH_NEW_FACT_NODES = (
    "UNWIND $rows AS row CREATE (f:Fact {id: row.id, relation: row.relation, "
    "subject: row.subject, object: row.object, sync_hash: row.sync_hash})"
)
_PUSH_NEW_VERSIONS = {
    rel: "UNWIND $rows AS row "
    "MATCH (s:Entity {id: row.subject}), (o:Entity {id: row.object}) "
    f"CREATE (s)-[r:{rel.neo4j_type}]->(o) "
    f"SET r = row.props, r.recorded_at = {_AT}, r.superseded_at = {_UNTIL}"
    for rel in Relation
}
_PUSH_NEW_EVIDENCE = (
    "UNWIND $rows AS row MATCH (f:Fact {id: row.fact_id}) "
    "MERGE (d:Document {id: row.document_id}) "
    "ON CREATE SET d.url = row.url, d.published = row.published "
    "CREATE (d)-[st:STATES {evidence_id: row.evidence_id}]->(f) "
    f"SET st += row.props, st.recorded_at = {_AT}"
)
_PUSH_CORRECTIONS = (
    "UNWIND $rows AS row MATCH (f:Fact {id: row.fact_id}) "
    "MERGE (c:Correction {key: row.key}) "
    "SET c.fact_id = row.fact_id, c.evidence_id = row.evidence_id, c.reason = row.reason, "
    "c.recorded_at = row.recorded_at MERGE (c)-[:CORRECTS]->(f)"
)
_GET_PUSH_MARKER = "MATCH (m:PushMarker {id: $source}) RETURN properties(m) AS marker"
_SET_PUSH_MARKER = "MERGE (m:PushMarker {id: $source}) SET m += $props"


def _facts_query(pattern: FactPattern) -> str:
    """The find_facts query for a pattern: constant fragments only, values as parameters."""
    prefix = ""
    start = "(s:Entity)"
    end = "(o:Entity)"
    clauses: list[str] = []
    if pattern.fact_id is not None:
        prefix = "MATCH (f:Fact {id: $fact_id}) "
        start, end = "(s:Entity {id: f.subject})", "(o:Entity {id: f.object})"
        clauses.append("r.fact_id = $fact_id")
        if pattern.subject is not None:
            clauses.append("s.id = $subject")
        if pattern.object is not None:
            clauses.append("o.id = $object")
    else:
        if pattern.subject is not None:
            start = "(s:Entity {id: $subject})"
        if pattern.object is not None:
            end = "(o:Entity {id: $object})"
    types = Relation(pattern.relation).neo4j_type if pattern.relation else _FACT_TYPES
    if pattern.as_of is not None:
        clauses.append(
            "(r.valid_from IS NULL OR r.valid_from <= $day) "
            "AND (r.valid_to IS NULL OR $day < r.valid_to)"
        )
    if pattern.known_at is not None:
        clauses.append(
            "r.recorded_at <= $known AND (r.superseded_at IS NULL OR r.superseded_at > $known)"
        )
    elif not pattern.include_superseded:
        clauses.append("r.superseded_at IS NULL")
    query = f"{prefix}MATCH {start}-[r:{types}]->{end} "
    if clauses:
        query += "WHERE " + " AND ".join(clauses) + " "
    query += "WITH s, r, o ORDER BY r.recorded_at, r.fact_id "
    if pattern.limit is not None:
        query += "LIMIT $limit "
    return query + _EVIDENCE_OF + _FACT_RETURN


def _facts_params(pattern: FactPattern) -> dict[str, Any]:
    return {
        "fact_id": pattern.fact_id,
        "subject": pattern.subject,
        "object": pattern.object,
        "day": pattern.as_of,
        "known": _utc(pattern.known_at) if pattern.known_at is not None else None,
        "limit": int(pattern.limit) if pattern.limit is not None else None,
    }


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _native(value: Any) -> Any:
    """neo4j.time values → datetime/date (UTC for instants); anything else as is."""
    if value is None:
        return None
    if isinstance(value, neo4j.time.DateTime):
        return _utc(value.to_native())
    if isinstance(value, neo4j.time.Date):
        return value.to_native()
    return value


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def plain_value(value: Any) -> Any:
    """A driver value as JSON-ready Python: temporal values as ISO 8601 strings, nodes as
    ``{id, labels, properties}``, relationships as ``{id, type, start, end, properties}``,
    paths as ``{nodes, relationships}``, points as ``{srid, coordinates}``."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, neo4j.graph.Node):
        return {
            "id": value.element_id,
            "labels": sorted(value.labels),
            "properties": {k: plain_value(v) for k, v in value.items()},
        }
    if isinstance(value, neo4j.graph.Relationship):
        return {
            "id": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id if value.start_node is not None else None,
            "end": value.end_node.element_id if value.end_node is not None else None,
            "properties": {k: plain_value(v) for k, v in value.items()},
        }
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [plain_value(n) for n in value.nodes],
            "relationships": [plain_value(r) for r in value.relationships],
        }
    if isinstance(value, Mapping):
        return {str(k): plain_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_value(v) for v in value]
    if isinstance(value, neo4j.spatial.Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, bytes | bytearray):
        return value.hex()
    iso = getattr(value, "iso_format", None) or getattr(value, "isoformat", None)
    if callable(iso):  # neo4j.time Date/DateTime/Time/Duration, datetime values
        return str(iso())
    return str(value)


@dataclass(frozen=True, slots=True)
class Connection:
    """Where and as whom to connect: a URL without credentials, the auth pair, the database."""

    uri: str
    auth: tuple[str, str] | None
    database: str = DEFAULT_DATABASE

    def __repr__(self) -> str:  # never show the password
        user = self.auth[0] if self.auth else None
        return f"Connection(uri={self.uri!r}, user={user!r}, database={self.database!r})"


#: The file, beside ``uri`` in a ``scripts/neo4j/neo4j.sh`` home, with its server's password.
PASSWORD_FILE = "password"
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def connection_for(url: str, *, user: str | None = None, password: str | None = None) -> Connection:
    """Split a Neo4j URL into a clean URL, credentials and a database, finding the credentials.

    In order: the arguments; the URL's userinfo (``bolt://user:pw@host:7687``); the
    environment (``PARTNERGRAPH_NEO4J_USER``, ``PARTNERGRAPH_NEO4J_PASSWORD``; the
    user defaults to ``neo4j``); then, for the server ``scripts/neo4j/neo4j.sh up``
    started, the password it wrote beside its URL (:func:`launcher_password`). Without
    any, no credentials are sent (a server with authentication off).

        >>> connection_for("bolt://neo4j:s%40cret@127.0.0.1:7687?database=graph")
        Connection(uri='bolt://127.0.0.1:7687', user='neo4j', database='graph')
    """
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        raise InvalidInput(f"invalid Neo4j URL {_redacted(url)!r}: {exc}") from exc
    if not host:
        raise InvalidInput(f"invalid Neo4j URL {_redacted(url)!r}: no host")
    user = user or (unquote(parts.username) if parts.username else None)
    password = password or (unquote(parts.password) if parts.password else None)
    user = user or os.environ.get("PARTNERGRAPH_NEO4J_USER") or None
    password = password or os.environ.get("PARTNERGRAPH_NEO4J_PASSWORD") or None
    if password is None and user in (None, "neo4j"):
        password = launcher_password(host, port)
    if password is not None and user is None:
        user = "neo4j"
    auth = (user, password or "") if user is not None else None
    database = parse_qs(parts.query).get("database", [DEFAULT_DATABASE])[0]
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return Connection(urlunsplit((parts.scheme, netloc, "", "", "")), auth, database)


def launcher_password(host: str, port: int | None) -> str | None:
    """The password of the Neo4j that ``scripts/neo4j/neo4j.sh up`` runs at host:port, if any.

    ``up`` writes the server's Bolt URL to ``HOME/uri`` and its password to
    ``HOME/password`` (owner-only), HOME being ``PARTNERGRAPH_NEO4J_HOME`` or
    ``.neo4j`` in the checkout. This looks in ``PARTNERGRAPH_NEO4J_HOME``, ``./.neo4j``
    and the checkout's ``.neo4j``, and answers only for a home whose ``uri`` names
    this very port on this machine and whose server (``HOME/neo4j.pid``) is running:
    the password is never offered to another server.
    """
    if port is None or host.strip("[]") not in _LOOPBACK:
        return None
    for home in _launcher_homes():
        try:
            started = urlsplit((home / "uri").read_text(encoding="utf-8").strip())
            pid = int((home / "neo4j.pid").read_text(encoding="utf-8").strip())
            if pid <= 0 or started.port != port or (started.hostname or "") not in _LOOPBACK:
                continue
            os.kill(pid, 0)  # the server that wrote it still runs (and is ours to signal)
            password = (home / PASSWORD_FILE).read_text(encoding="utf-8").strip()
        except (OSError, ValueError):
            continue
        if password:
            return password
    return None


def _launcher_homes() -> list[Path]:
    configured = os.environ.get("PARTNERGRAPH_NEO4J_HOME")
    homes = [Path(configured)] if configured else []
    homes += [Path.cwd() / ".neo4j", Path(__file__).resolve().parents[2] / ".neo4j"]
    return list(dict.fromkeys(homes))


def _redacted(url: str) -> str:
    """``url`` without its password (for messages)."""
    scheme, sep, rest = url.partition("://")
    userinfo, at, hostpart = rest.partition("@")
    if not sep or not at or "/" in userinfo:
        return url
    return f"{scheme}://{userinfo.partition(':')[0]}:***@{hostpart}"


#: ``read_cypher`` asks the server for the plan first (see graph/stores/neo4j_guard.py).
_EXPLAIN = "EXPLAIN "


def _query_error(exc: InvalidInput | StoreUnavailable, timeout: float) -> GraphError:
    """The error a failed user query answers, from the driver error behind ``exc``."""
    code = getattr(exc.__cause__, "code", None) or ""
    if "AccessMode" in code or "ForbiddenDueToTransactionType" in code:
        return WriteRefused("this query writes, and only read-only Cypher is allowed here")
    if "TransactionTimedOut" in code or code.endswith("Transaction.Terminated"):
        return QueryTimedOut(
            f"the query ran longer than {timeout:g} s and was stopped", where="query"
        )
    if code.endswith(("General.OutOfMemoryError", "General.MemoryPoolOutOfMemoryError")):
        return QueryOutOfMemory(
            "the query needed more memory than the server allows one transaction, and was stopped",
            where="query",
        )
    if isinstance(exc, StoreUnavailable):
        return exc
    reason = getattr(exc.__cause__, "message", None) or exc.reason
    return InvalidInput(f"Neo4j refused the query: {reason}", where="query")


class Neo4jStore(Neo4jFetchState, EntityListing, DocumentHashes, CorrectionLog, DocumentFacts):
    """A :class:`graph.store.Store` in a Neo4j 5 database (Community or Enterprise).

    Its capabilities of :mod:`graph.store` are its bases (which mypy checks).
    """

    def __init__(
        self,
        uri: str,
        auth: tuple[str, str] | None = None,
        database: str = DEFAULT_DATABASE,
        *,
        retry_seconds: float = 5.0,
    ) -> None:
        """Connect, check the server answers, create the schema.

        ``retry_seconds``: how long the driver retries a transaction that failed
        transiently (a deadlock, a leader switch, the server unreachable). With
        its 1-2-4 s back-off, 5 s means about 7 s before an unreachable server
        is reported (:class:`StoreUnavailable`, 503 in the API) instead of ~31 s
        with 15 s: an API should say "unavailable" before its clients give up.
        """
        self.uri = uri
        self.database = database
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=auth,
                user_agent="partnergraph",
                connection_timeout=10.0,
                connection_acquisition_timeout=30.0,
                max_transaction_retry_time=retry_seconds,
                # Server notifications ("property key does not exist" on an empty
                # database…) are noise for a library: neither sent nor warned.
                notifications_min_severity="OFF",
                warn_notification_severity="OFF",
            )
        except (neo4j_errors.ConfigurationError, ValueError) as exc:
            raise InvalidInput(f"invalid Neo4j URL {uri!r}: {exc}") from exc
        self._closed = False
        try:
            with self._translate("connect to"):
                self._driver.verify_connectivity()
            self.ensure_schema()
        except BaseException:
            self._driver.close()
            raise

    @classmethod
    def from_url(
        cls, url: str, *, user: str | None = None, password: str | None = None
    ) -> Neo4jStore:
        """``bolt://[user:password@]host:port[?database=name]`` (also ``neo4j://``, ``+s``).

        Credentials are found as :func:`connection_for` says; they never stay in
        :attr:`uri` or in an error message.
        """
        target = connection_for(url, user=user, password=password)
        return cls(target.uri, target.auth, target.database)

    # -- plumbing ----------------------------------------------------------------------

    @contextmanager
    def _translate(self, action: str) -> Iterator[None]:
        """Driver exceptions → the graph error tree, with one clear message."""
        where = f"Neo4j at {self.uri}"
        try:
            yield
        except GraphError:
            raise
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
            raise StoreUnavailable(f"cannot {action} {where}: the server is unreachable") from exc
        except neo4j_errors.AuthError as exc:
            raise StoreUnavailable(
                f"cannot {action} {where}: authentication failed (credentials come from "
                "the URL's user:password@, PARTNERGRAPH_NEO4J_USER/PASSWORD, or, for "
                "scripts/neo4j/neo4j.sh up, its .neo4j/password)"
            ) from exc
        except neo4j_errors.ConstraintError as exc:
            raise Conflict(f"cannot {action} {where}: {exc.message}") from exc
        except (neo4j_errors.CypherTypeError, neo4j_errors.CypherSyntaxError) as exc:
            raise InvalidInput(f"{where} refused a value: {exc.message}") from exc
        except neo4j_errors.DatabaseUnavailable as exc:
            raise StoreUnavailable(f"cannot {action} {where}: {exc.message}") from exc
        except neo4j_errors.Forbidden as exc:
            raise InvalidInput(f"{where} refused: {exc.message}") from exc
        except neo4j_errors.TransientError as exc:
            raise StoreUnavailable(f"cannot {action} {where}: {exc.message}") from exc
        except neo4j_errors.ClientError as exc:
            if "DatabaseNotFound" in (exc.code or ""):
                raise StoreUnavailable(f"cannot {action} {where}: {exc.message}") from exc
            raise InvalidInput(f"{where} refused the request: {exc.message}") from exc
        except neo4j_errors.DatabaseError as exc:
            raise StoreUnavailable(f"cannot {action} {where}: {exc.message}") from exc
        except neo4j_errors.DriverError as exc:
            raise StoreUnavailable(f"cannot {action} {where}: {exc}") from exc

    def _session(self, read: bool) -> neo4j.Session:
        if self._closed:
            raise StoreUnavailable(f"the store for {self.uri} is closed")
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _read(self, query: str, **params: Any) -> list[neo4j.Record]:
        def work(tx: neo4j.ManagedTransaction) -> list[neo4j.Record]:
            return list(tx.run(query, params))

        with self._translate("read from"), self._session(read=True) as session:
            return session.execute_read(work)

    def _write(self, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
        with self._translate("write to"), self._session(read=False) as session:
            return session.execute_write(work)

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and indexes, and register the graph's labels,
        relationship types and property keys (:data:`GRAPH_PROPERTY_KEYS`); idempotent."""
        names = {
            "labels": list(GRAPH_LABELS),
            "types": list(GRAPH_RELATIONSHIP_TYPES),
            "keys": list(GRAPH_PROPERTY_KEYS),
        }
        with self._translate("set up"), self._session(read=False) as session:
            for statement in SCHEMA:
                session.run(statement).consume()
            for statement in _REGISTER_TOKENS:
                session.run(statement, names).consume()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._driver.close()

    # -- writes ------------------------------------------------------------------------

    def write(self, batch: Batch) -> WriteResult:
        now = _now()
        return self._write(lambda tx: self._write_batch(tx, batch, now))

    def _write_batch(
        self, tx: neo4j.ManagedTransaction, batch: Batch, now: datetime
    ) -> WriteResult:
        document_id = None
        if batch.document is not None:
            doc = batch.document
            found = tx.run(_DOCUMENT_BY_HASH, hash=doc.content_hash).single()
            if found is not None:
                return WriteResult(found["id"], True, 0, 0, 0)
            stored = tx.run(_DOCUMENT_BY_ID, id=doc.id).single()
            if stored is not None and stored["content_hash"] is not None:
                raise InvalidInput(f"document id {doc.id!r} is already stored with other content")
            tx.run(
                _PUT_DOCUMENT,
                id=doc.id,
                hash=doc.content_hash,
                text=doc.text,
                url=doc.url,
                title=doc.title,
                published=doc.published,
                now=now,
            ).consume()
            document_id = doc.id
        added_entities = self._upsert_entities(tx, batch.entities)
        added, merged, ids = self._upsert_facts(tx, batch.facts, now)
        return WriteResult(document_id, False, added, merged, added_entities, ids)

    def _upsert_entities(self, tx: neo4j.ManagedTransaction, entities: Sequence[Entity]) -> int:
        if not entities:
            return 0
        ids = list(dict.fromkeys(e.id for e in entities))
        state: dict[str, dict[str, Any]] = {
            r["id"]: dict(r) for r in tx.run(_ENTITIES_BY_ID, ids=ids)
        }
        added = 0
        for entity in entities:
            row = state.get(entity.id)
            if row is None:
                added += 1
                row = {
                    "id": entity.id,
                    "name": entity.name,
                    "type": entity.type.value,
                    "aliases": [],
                    "wikidata": entity.wikidata,
                    "names_folded": [],
                }
                state[entity.id] = row
            elif row["wikidata"] is None and entity.wikidata:
                row["wikidata"] = entity.wikidata
            # Like SQLite's entity_names: a name is kept once per case-folded spelling.
            for i, name in enumerate(entity.all_names()):
                folded = name.casefold()
                if folded not in row["names_folded"]:
                    row["names_folded"] = [*row["names_folded"], folded]
                    if i > 0:
                        row["aliases"] = [*row["aliases"], name]
        by_type: dict[EntityType, list[dict[str, Any]]] = {}
        for row in state.values():
            row["name_key"] = _indexable_key(row["name"])
            by_type.setdefault(EntityType(row["type"]), []).append(row)
        for etype, rows in by_type.items():
            tx.run(_UPSERT_ENTITIES[etype], rows=rows).consume()
        return added

    def _upsert_facts(
        self, tx: neo4j.ManagedTransaction, facts: Sequence[Fact], now: datetime
    ) -> tuple[int, int, tuple[str, ...]]:
        """Lock and read the batch's facts at once, decide, write with UNWIND.

        :class:`graph.changeset.ChangeSetBuilder` takes the facts one by one
        (derive, version, then successions) against the versions read here; its
        changes are then written in a few statements whatever the batch size.
        """
        if not facts:
            return 0, 0, ()
        ends = list(dict.fromkeys(e for f in facts for e in (f.subject, f.object)))
        known = {r["id"] for r in tx.run(_EXISTING_ENTITY_IDS, ids=ends)}
        keys = sorted({f.id: _key(f) for f in facts}.values(), key=lambda k: str(k["id"]))
        tx.run(_LOCK_FACTS, rows=keys).consume()
        builder = ChangeSetBuilder(now)
        rows = count()
        self._load(tx, builder, [str(k["id"]) for k in keys], rows)
        ids = [f.id for f in facts]
        added = builder.add(
            facts, ids, known, lambda ends: self._load_holders(tx, builder, ends, rows)
        )
        self._persist(tx, builder.changes())
        return added, len(facts) - added, tuple(ids)

    def _load(
        self,
        tx: neo4j.ManagedTransaction,
        builder: ChangeSetBuilder,
        ids: list[str],
        rows: Iterator[int],
    ) -> None:
        """The current versions of ``ids`` (in ONE query) and every statement of them,
        retracted ones included, into ``builder``; ``rows`` numbers the versions."""
        found: set[str] = set()
        for record in tx.run(_CURRENT_VERSIONS, ids=ids, known=None):
            fact = self._to_fact(record)
            fact_id = str(record["props"]["fact_id"])  # checked against the content
            found.add(fact_id)
            at = stamp(fact.recorded_at) if fact.recorded_at else ""
            builder.load(fact_id, fact, next(rows), at)
            recorded = {r["evidence_id"]: _native(r.get("recorded_at")) for r in record["evidence"]}
            for ev in fact.evidence:
                evidence_id = ev.id
                moment = recorded.get(evidence_id)
                builder.load_evidence(fact_id, evidence_id, stamp(moment) if moment else "", ev)
        for fact_id in ids:
            if fact_id not in found:
                builder.load(fact_id, None)
        for r in tx.run(_RETRACTED_EVIDENCE, ids=ids):
            builder.load_evidence(r["id"], r["evidence_id"], "", None)

    def _load_holders(
        self,
        tx: neo4j.ManagedTransaction,
        builder: ChangeSetBuilder,
        ends: set[End],
        rows: Iterator[int],
    ) -> None:
        """Lock the current holders at ``ends`` (one statement per relation and side,
        in id order) and load those the builder does not know yet."""
        fixed: dict[tuple[Relation, str], list[str]] = {}
        for relation, side, end in ends:
            fixed.setdefault((Relation(relation), side), []).append(end)
        found: list[str] = []
        for (relation, side), values in sorted(fixed.items(), key=lambda kv: kv[0]):
            query = _LOCK_HOLDERS[(relation, side)]
            found += [r["id"] for r in tx.run(query, ids=sorted(values))]
        unknown = [i for i in dict.fromkeys(found) if not builder.knows(i)]
        if unknown:
            self._load(tx, builder, unknown, rows)

    @staticmethod
    def _persist(tx: neo4j.ManagedTransaction, changes: ChangeSet) -> None:
        """Every change, in a few UNWIND statements (one per relation type for versions).

        Versions and statements are recorded at ``changes.now``, sent once per
        statement (a write's and a retraction's rows all are).
        """
        now = changes.now
        rows: list[dict[str, Any]]
        if changes.retracted:
            rows = [{"fact_id": r.fact_id, "evidence_id": r.evidence_id} for r in changes.retracted]
            tx.run(_RETRACT_EVIDENCE, rows=rows, now=now).consume()
        if changes.corrections:
            rows = [
                {"fact_id": c.fact_id, "evidence_id": c.evidence_id, "reason": c.reason}
                for c in changes.corrections
            ]
            tx.run(_ADD_CORRECTIONS, rows=rows, now=now).consume()
        if changes.touched:
            rows = [
                {"id": t.fact_id, "confidence": float(t.confidence), "stated_at": t.stated_at}
                for t in changes.touched
            ]
            tx.run(_TOUCH_VERSIONS, rows=rows).consume()
        if changes.superseded:
            ids = [s.fact_id for s in changes.superseded]
            tx.run(_SUPERSEDE_VERSIONS, ids=ids, now=now).consume()
        by_relation: dict[Relation, list[dict[str, Any]]] = {}
        for version in changes.versions:
            fact = version.fact
            by_relation.setdefault(fact.relation, []).append(
                {
                    "subject": fact.subject,
                    "object": fact.object,
                    "props": _version_props(fact, None),  # recorded_at: $now
                    "superseded": version.superseded_at is not None,
                }
            )
        for relation, created in by_relation.items():
            tx.run(_CREATE_VERSIONS[relation], rows=created, now=now).consume()
        if changes.evidence:
            rows = []
            for fact_id, evidence_id, ev, _ in changes.evidence:
                row = _evidence_row(ev, None, evidence_id)  # recorded_at: $now
                row["fact_id"] = fact_id
                rows.append(row)
            tx.run(_ADD_EVIDENCE, rows=rows, now=now).consume()

    def retract(self, fact_id: str, evidence_id: str | None = None, reason: str = "") -> Fact:
        """Retract a fact, or one piece of its evidence, in transaction time.

        Nothing is erased: the ``STATES`` relationship gets ``retracted_at`` and
        the fact is derived again (a new version), or superseded with no
        successor when no statement is left; a ``(:Correction)-[:CORRECTS]->(:Fact)``
        node records why.
        """
        now = _now()
        return self._write(lambda tx: self._retract(tx, fact_id, evidence_id, reason, now))

    def _retract(
        self,
        tx: neo4j.ManagedTransaction,
        fact_id: str,
        evidence_id: str | None,
        reason: str,
        now: datetime,
    ) -> Fact:
        builder = ChangeSetBuilder(now)
        self._load(tx, builder, [fact_id], count())
        retracted = builder.retract(fact_id, evidence_id, reason)
        self._persist(tx, builder.changes())
        return retracted

    def corrections(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[Correction]:
        """:class:`graph.store.CorrectionLog`: retractions recorded in ``[since, until)``."""
        records = self._read(
            _CORRECTIONS,
            since=_utc(since) if since else None,
            until=_utc(until) if until else None,
        )
        return [
            Correction(r["fact_id"], r["evidence_id"], r["reason"], _native(r["recorded_at"]))
            for r in records
        ]

    # -- reads -------------------------------------------------------------------------

    def find_facts(self, pattern: FactPattern) -> Iterator[Fact]:
        records = self._read(_facts_query(pattern), **_facts_params(pattern))
        facts = [self._to_fact(r) for r in records]
        yield from facts

    def _to_fact(self, record: neo4j.Record) -> Fact:
        props: Mapping[str, Any] = record["props"]
        evidence = sorted(
            (_to_evidence(ev) for ev in record["evidence"]),
            key=lambda pair: pair[0],
        )
        fact = Fact(
            subject=record["subject"],
            relation=_RELATION_BY_TYPE[record["type"]],
            object=record["object"],
            valid_from=PartialDate.parse_optional(props.get("valid_from_iso")),
            valid_to=PartialDate.parse_optional(props.get("valid_to_iso")),
            qualifiers=json.loads(props.get("qualifiers") or "{}"),
            stated_at=_native(props.get("stated_at")),
            recorded_at=_native(props.get("recorded_at")),
            superseded_at=_native(props.get("superseded_at")),
            confidence=float(props.get("confidence", 1.0)),
            evidence=tuple(ev for _, ev in evidence),
        )
        if fact.id != props.get("fact_id"):
            raise StoreUnavailable(
                f"fact {props.get('fact_id')} in {self.uri} does not match its content"
            )
        return fact

    def get_entity(self, entity_id: str) -> Entity:
        records = self._read(_GET_ENTITY, id=entity_id)
        if not records:
            raise NotFound("entity", entity_id)
        return _to_entity(records[0])

    def find_entities(
        self, query: str | None = None, type: EntityType | None = None, limit: int = 20
    ) -> list[Entity]:
        q = query.strip().casefold() if query is not None and query.strip() else None
        records = self._read(
            _FIND_ENTITIES,
            q=q,
            type=EntityType(type).value if type is not None else None,
            limit=int(limit),
        )
        return [_to_entity(r) for r in records]

    def get_document(self, document_id: str) -> Document:
        records = self._read(_GET_DOCUMENT, id=document_id)
        if not records:
            raise NotFound("document", document_id)
        r = records[0]
        return Document(r["text"], r["url"], r["title"], _native(r["published"]), document_id)

    def has_document(self, content_hash: str) -> bool:
        """Whether a document with this content hash is stored (idempotent ingestion)."""
        return bool(self._read(_HAS_DOCUMENT, hash=content_hash)[0]["found"])

    def facts_citing(self, document_id: str) -> list[Fact]:
        """:class:`graph.store.DocumentFacts`: the current facts the document states
        (``STATES`` not retracted), from its ``:Document`` node."""
        ids = [r["id"] for r in self._read(_FACTS_STATED_IN, id=document_id)]
        return [self._to_fact(r) for r in self._read(_CURRENT_VERSIONS, ids=ids, known=None)]

    def entities_by_key(self, type: EntityType, keys: Collection[str]) -> dict[str, list[Entity]]:
        """:class:`graph.names.EntityKeyLookup` over the indexed ``name_key`` property.

        The key of an entity's name only: an alias is found by its own key in
        SQLite, here through the entity's name (the gazetteer carries the aliases).
        """
        found: dict[str, list[Entity]] = {}
        for record in self._read(_ENTITIES_BY_KEY, keys=list(dict.fromkeys(keys)), type=type.value):
            found.setdefault(record["name_key"], []).append(_to_entity(record))
        return found

    def all_entities(self) -> Iterator[Entity]:
        """Every entity, for gazetteers and exports."""
        yield from [_to_entity(r) for r in self._read(_ALL_ENTITIES)]

    # -- exploration and maintenance ----------------------------------------------------

    def read_cypher(
        self,
        query: str,
        parameters: Mapping[str, Any] | None = None,
        *,
        limit: int = 1000,
        timeout: float = 30.0,
        plain: bool = False,
        checked: bool = True,
    ) -> list[dict[str, Any]]:
        """Run a read-only query in a read transaction, safe for an untrusted caller.

        First the parameters are bounded (:func:`~graph.stores.neo4j_guard.check_parameters`:
        nesting depth and size, :class:`InvalidInput` naming ``parameters``); then, with
        ``checked`` (the default), the server plans the query (``EXPLAIN``, same
        transaction, same parameters) and :func:`~graph.stores.neo4j_guard.check_plan`
        refuses anything but a graph read: a write (:class:`WriteRefused`), ``LOAD CSV``,
        ``SHOW``/``TERMINATE``, administration, procedures and functions outside a small
        allow-list (:class:`QueryRefused`). Then it runs, once (no retries), with a
        server-side ``timeout`` in seconds (:class:`QueryTimedOut` beyond) and the
        server's memory budget per transaction (:class:`QueryOutOfMemory` beyond).

        Returns at most ``limit`` rows as dicts of driver values, or with ``plain`` of
        JSON-ready values (:func:`plain_value`). ``checked=False`` is for trusted
        maintenance queries (``SHOW CONSTRAINTS`` in tests); the read transaction still
        refuses writes.
        """
        params = dict(parameters or {})
        check_parameters(params)
        convert = plain_value if plain else (lambda value: value)
        try:
            with (
                self._translate("query"),
                self._session(read=True) as session,
                session.begin_transaction(timeout=timeout) as tx,
            ):
                if checked:
                    summary = tx.run(_EXPLAIN + query, params).consume()
                    check_plan(summary.query_type, summary.plan)
                result = tx.run(query, params)
                rows: list[dict[str, Any]] = []
                for record in result:
                    if len(rows) >= limit:
                        break
                    rows.append({key: convert(value) for key, value in record.items()})
                result.consume()
                tx.rollback()  # it only read: nothing to commit
            return rows
        except (OverflowError, ValueError, TypeError) as exc:  # the driver cannot encode it
            raise InvalidInput(
                f"a value cannot be sent to Neo4j: {exc}", where="parameters"
            ) from exc
        except QueryRefused:
            raise
        except (InvalidInput, StoreUnavailable) as exc:
            raise _query_error(exc, timeout) from exc.__cause__

    # -- sync: the target side of ``partnergraph neo4j push`` ---------------------------

    def sync_state(self) -> tuple[dict[str, str], dict[str, str], set[str]]:
        """What earlier pushes left: entity and fact sync hashes, stored document ids.

        Raises :class:`Conflict` when the database holds facts written some other
        way (``--db bolt://…`` ingestion): a push mirrors one store into a
        database of its own, and merging two histories would duplicate versions.
        """
        [record] = self._read(_SYNC_STATE)
        if record["unsynced"]:
            raise Conflict(
                f"Neo4j at {self.uri} holds {record['unsynced']} facts that no push wrote; "
                "push into an empty database or one that only receives pushes"
            )
        return (
            {k: v for k, v in record["entities"]},
            {k: v for k, v in record["facts"]},
            set(record["documents"]),
        )

    def push_entities(self, entities: Sequence[tuple[Entity, str]]) -> None:
        """Upsert entities with their sync hash, in one transaction."""
        by_type: dict[EntityType, list[dict[str, Any]]] = {}
        for entity, sync_hash in entities:
            names = list(dict.fromkeys(n.casefold() for n in entity.all_names()))
            by_type.setdefault(entity.type, []).append(
                {
                    "id": entity.id,
                    "type": entity.type.value,
                    "name": entity.name,
                    "aliases": list(entity.aliases),
                    "names_folded": names,
                    "name_key": _indexable_key(entity.name),
                    "wikidata": entity.wikidata,
                    "sync_hash": sync_hash,
                }
            )

        def work(tx: neo4j.ManagedTransaction) -> None:
            for etype, rows in by_type.items():
                tx.run(_PUSH_ENTITIES[etype], rows=rows).consume()

        self._write(work)

    def push_documents(self, documents: Sequence[Document]) -> None:
        """Upsert stored articles (text included), in one transaction."""
        rows = [
            {
                "id": d.id,
                "content_hash": d.content_hash,
                "text": d.text,
                "url": d.url,
                "title": d.title,
                "published": d.published,
            }
            for d in documents
        ]
        now = _now()
        self._write(lambda tx: tx.run(_PUSH_DOCUMENTS, rows=rows, now=now).consume())

    def push_facts(self, facts: Sequence[PushedFact]) -> None:
        """Upsert whole facts (every version, live evidence) in ONE transaction.

        Facts the target already holds are merged: versions on (fact_id,
        recorded_at), evidence on its id, so a batch pushed twice, or a push
        interrupted and run again, converges to the same graph. Facts it has
        never seen (``PushedFact.new``) are created outright. A fact's sync hash
        is written in the same transaction: it is either fully pushed or not at all.
        """
        now = _now()
        fresh = [p for p in facts if p.new]
        known = [p for p in facts if not p.new]
        new_facts = [_key_of(p) | {"sync_hash": p.sync_hash} for p in fresh]
        new_versions = _version_rows(fresh)
        new_evidence = _pushed_evidence_rows(fresh)
        fact_rows = [_key_of(p) for p in known]
        versions = _version_rows(known)
        evidence = _pushed_evidence_rows(known)
        retractions = [{"id": p.fact_id, "live": [e.id for e, _ in p.evidence]} for p in known]
        hashes = [{"id": p.fact_id, "sync_hash": p.sync_hash} for p in known]

        def work(tx: neo4j.ManagedTransaction) -> None:
            if new_facts:
                tx.run(_PUSH_NEW_FACT_NODES, rows=new_facts).consume()
                for rel, rows in new_versions.items():
                    tx.run(_PUSH_NEW_VERSIONS[rel], rows=rows).consume()
                if new_evidence:
                    tx.run(_PUSH_NEW_EVIDENCE, rows=new_evidence).consume()
            if fact_rows:
                tx.run(_PUSH_FACT_NODES, rows=fact_rows).consume()
                for rel, rows in versions.items():
                    tx.run(_PUSH_VERSIONS[rel], rows=rows).consume()
                if evidence:
                    tx.run(_PUSH_EVIDENCE, rows=evidence).consume()
                tx.run(_PUSH_RETRACTIONS, rows=retractions, now=now).consume()
                tx.run(_PUSH_FACT_HASHES, rows=hashes).consume()

        self._write(work)

    def push_corrections(self, corrections: Sequence[Correction]) -> None:
        """Upsert retraction records (``corrections()`` rows of the source store)."""
        rows = [
            {
                "key": f"{c.fact_id}|{c.evidence_id or ''}|{_utc(c.recorded_at).isoformat()}",
                "fact_id": c.fact_id,
                "evidence_id": c.evidence_id,
                "reason": c.reason or "retracted",
                "recorded_at": _utc(c.recorded_at),
            }
            for c in corrections
        ]
        if rows:
            self._write(lambda tx: tx.run(_PUSH_CORRECTIONS, rows=rows).consume())

    def push_marker(self, source: str) -> dict[str, Any] | None:
        """The marker the last push from ``source`` left, or None."""
        records = self._read(_GET_PUSH_MARKER, source=source)
        if not records:
            return None
        return {k: _native(v) for k, v in records[0]["marker"].items()}

    def set_push_marker(self, source: str, props: Mapping[str, Any]) -> None:
        values = {k: _utc(v) if isinstance(v, datetime) else v for k, v in props.items()}
        self._write(lambda tx: tx.run(_SET_PUSH_MARKER, source=source, props=values).consume())

    def delete_everything(self) -> None:
        """Delete every node and relationship (constraints and indexes stay). For tests."""
        with self._translate("clear"), self._session(read=False) as session:
            session.run(_DELETE_EVERYTHING).consume()


# -- record ↔ model mappers ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PushedFact:
    """One fact as a push sends it: every version, live evidence with when it was recorded."""

    fact_id: str
    versions: tuple[Fact, ...]
    evidence: tuple[tuple[Evidence, datetime], ...]
    sync_hash: str
    #: The target has never seen this fact (no sync hash there): create, don't merge.
    new: bool = False


def _epoch(moment: datetime) -> list[int]:
    """An instant as [seconds since 1970 UTC, nanoseconds] (see ``_AT`` in the queries)."""
    delta = _utc(moment) - _EPOCH
    return [delta.days * 86_400 + delta.seconds, delta.microseconds * 1000]


def _version_rows(facts: Sequence[PushedFact]) -> dict[Relation, list[dict[str, Any]]]:
    """Every version of the facts, grouped by relation (one statement per relationship type)."""
    versions: dict[Relation, list[dict[str, Any]]] = {}
    for p in facts:
        for v in p.versions:
            assert v.recorded_at is not None
            props = _version_props(v, None)
            versions.setdefault(v.relation, []).append(
                {
                    "subject": v.subject,
                    "object": v.object,
                    "props": props,
                    "at": _epoch(v.recorded_at),
                    "until": _epoch(v.superseded_at) if v.superseded_at is not None else None,
                }
            )
    return versions


def _pushed_evidence_rows(facts: Sequence[PushedFact]) -> list[dict[str, Any]]:
    rows = []
    for p in facts:
        for ev, recorded in p.evidence:
            row = _evidence_row(ev, None)
            row["fact_id"] = p.fact_id
            row["at"] = _epoch(recorded)
            rows.append(row)
    return rows


def _key_of(p: PushedFact) -> dict[str, Any]:
    return _key(p.versions[-1])


def _key(fact: Fact) -> dict[str, Any]:
    return {
        "id": fact.id,
        "relation": fact.relation.value,
        "subject": fact.subject,
        "object": fact.object,
    }


def _version_props(fact: Fact, now: datetime | None) -> dict[str, Any]:
    """A version's properties; ``recorded_at`` only when ``now`` is given (else the
    statement sets it)."""
    props: dict[str, Any] = {
        "fact_id": fact.id,
        "valid_from": fact.valid_from.first_day() if fact.valid_from else None,
        "valid_to": fact.valid_to.first_day() if fact.valid_to else None,
        "valid_from_precision": fact.valid_from.precision.value if fact.valid_from else None,
        "valid_to_precision": fact.valid_to.precision.value if fact.valid_to else None,
        "valid_from_iso": fact.valid_from.isoformat() if fact.valid_from else None,
        "valid_to_iso": fact.valid_to.isoformat() if fact.valid_to else None,
        "qualifiers": json.dumps(dict(fact.qualifiers), ensure_ascii=False, sort_keys=True),
        "stated_at": fact.stated_at,
        "confidence": float(fact.confidence),
    }
    if now is not None:
        props["recorded_at"] = now
    # Each qualifier also as its own property (closed key set), for Browser captions.
    for key, value in fact.qualifiers.items():
        if _scalar(value):
            props[key] = value
    return props


def _evidence_row(
    ev: Evidence, now: datetime | None, evidence_id: str | None = None
) -> dict[str, Any]:
    """A STATES row; ``props.recorded_at`` only when ``now`` is given (else the statement
    sets it). ``evidence_id``: ``ev.id``, when the caller has it already."""
    evidence_id = evidence_id or ev.id
    row: dict[str, Any] = {
        "evidence_id": evidence_id,
        "document_id": ev.document_id,
        "url": ev.url,
        "published": ev.published,
        "props": {
            "sentence": ev.sentence,
            "start": ev.start,
            "end": ev.end,
            "url": ev.url,
            "published": ev.published,
            "extractor": ev.extractor,
            "confidence": float(ev.confidence),
            # What this statement claimed (the fact's dates are derived from all claims).
            "claim_from": ev.valid_from.isoformat() if ev.valid_from else None,
            "claim_to": ev.valid_to.isoformat() if ev.valid_to else None,
            "claim_qualifiers": json.dumps(dict(ev.qualifiers), ensure_ascii=False, sort_keys=True),
            "succession": ev.succession,
            "evidence_id": evidence_id,
        },
    }
    if now is not None:
        row["props"]["recorded_at"] = now
    return row


def _to_evidence(row: Mapping[str, Any]) -> tuple[tuple[Any, ...], Evidence]:
    published: date | None = _native(row.get("published"))
    recorded: datetime | None = _native(row.get("recorded_at"))
    ev = Evidence(
        document_id=row["document_id"],
        sentence=row["sentence"],
        start=row.get("start"),
        end=row.get("end"),
        url=row.get("url"),
        published=published,
        extractor=row.get("extractor", "curated"),
        confidence=float(row.get("confidence", 1.0)),
        valid_from=PartialDate.parse_optional(row.get("claim_from")),
        valid_to=PartialDate.parse_optional(row.get("claim_to")),
        qualifiers=json.loads(row.get("claim_qualifiers") or "{}"),
        succession=bool(row.get("succession", False)),
    )
    # SQLite's order: published (unknown first), then recorded_at, then evidence id.
    order = (published is not None, published or date.min, recorded or _EPOCH, ev.id)
    return order, ev


#: A range index refuses a value over about 8 kB: a longer key is not indexed (not found).
_MAX_KEY_BYTES = 4_000


def _indexable_key(name: str) -> str | None:
    key = name_key(name)
    return key if len(key.encode("utf-8")) <= _MAX_KEY_BYTES else None


def _to_entity(record: neo4j.Record) -> Entity:
    return Entity(
        record["id"],
        record["name"],
        EntityType(record["type"]),
        tuple(record["aliases"] or ()),
        record["wikidata"],
    )
