"""RDF is an adapter: facts → RDF terms; rdflib writes the formats (but the line ones).

The export follows Wikidata's pattern so that simple and precise questions are
both easy (the vocabulary is ``graph/rdf_data/pg.ttl``, the shapes of a valid
export ``graph/rdf_data/shapes.ttl``):

* **direct triples** for the facts that hold on the export's as-of day, like
  Wikidata's ``wdt:``: ``ent:microsoft pg:partnersWith ent:openai`` (both
  directions for symmetric relations), in the named graph ``graph/as-of/DAY``;
* a **statement node** for every version of every fact, current or
  superseded, like ``p:``/``ps:``/``pq:``: ``ent:s pgp:partnersWith st``,
  ``st pgps:partnersWith ent:o``, plus ``pg:subject``/``pg:relation``/
  ``pg:object``, the valid time as ``xsd:gYear``/``xsd:gYearMonth``/``xsd:date``
  (precision kept), qualifiers as ``pgq:*``, ``pg:confidence``,
  ``prov:generatedAtTime`` (recorded) and ``prov:invalidatedAtTime``
  (superseded), and ``prov:wasDerivedFrom`` each piece of evidence (a node with
  its document, quoted sentence, offsets, extractor and publication date), in
  the named graph ``graph/facts`` with the entities.

N-Triples and N-Quads **stream**: entities first, then one subject's facts at
a time (``find_facts(subject=…, include_superseded=True)``), a few hundred
facts' lines per write; memory stays flat however many facts the store holds.
Their lines are built as text (:class:`_Lines`), byte for byte what rdflib's
row writers give for the same terms (a test holds the two together): an rdflib
term per node cost 85% of the time. Turtle, TriG and JSON-LD need the whole
graph (prefixes, grouping), so they go through an rdflib Dataset.

>>> import io
>>> from graph import Batch, Entity, Evidence, Fact, open_store
>>> store = open_store("sqlite:///:memory:")
>>> ms, oa = Entity.named("Microsoft", "Organization"), Entity.named("OpenAI", "Organization")
>>> said = Evidence("d1", "Microsoft and OpenAI partner.")
>>> _ = store.write(Batch((ms, oa), (Fact(ms.id, "partners_with", oa.id, evidence=(said,)),)))
>>> out = io.BytesIO()
>>> export(store, "ntriples", date(2025, 9, 11), out)
>>> b"<https://partnergraph.dev/ns#partnersWith>" in out.getvalue()
True
"""

from __future__ import annotations

import io
import json
import warnings
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import islice
from typing import IO, Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from graph import queries
from graph.errors import InvalidInput
from graph.model import Entity, Evidence, Fact, PartialDate
from graph.rdf_vocab import (
    CLASSES,
    PG,
    PGP,
    PGPS,
    PRECISION_CODES,
    PREFIXES,
    PROPERTY_NAMES,
    QUALIFIER_PROPERTIES,
    SCHEMA,
    RdfConfig,
    day_literal,
    jsonld_context,
    precision_literal,
    time_lexical,
    time_literal,
    wikidata_iri,
)
from graph.store import FactPattern, Store

Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, URIRef]


@dataclass(frozen=True, slots=True)
class RdfFormat:
    name: str
    rdflib_name: str
    media_type: str
    extension: str
    streams: bool
    quads: bool


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("turtle", "turtle", "text/turtle", "ttl", streams=False, quads=False),
        RdfFormat("ntriples", "nt", "application/n-triples", "nt", streams=True, quads=False),
        RdfFormat("nquads", "nquads", "application/n-quads", "nq", streams=True, quads=True),
        RdfFormat("trig", "trig", "application/trig", "trig", streams=False, quads=True),
        RdfFormat("jsonld", "json-ld", "application/ld+json", "jsonld", streams=False, quads=True),
    )
}

#: How many facts the line formats serialize per rdflib call (memory ∝ this, not the store).
CHUNK_FACTS = 200


def rdf_format(name: str) -> RdfFormat:
    """The export format called ``name``: turtle, ntriples, nquads, trig or jsonld."""
    found = FORMATS.get(str(name).strip().lower())
    if found is None:
        raise InvalidInput(
            f"unknown RDF format {name!r}; expected one of: {', '.join(FORMATS)}", where="format"
        )
    return found


# Terms looked up once: rdflib's namespace attribute access costs a URIRef per call.
_DCTERMS_IDENTIFIER = DCTERMS.identifier
_DCTERMS_TITLE = DCTERMS.title
_OWL_SAMEAS = OWL.sameAs
_PG_DOCUMENT_CLASS = PG.Document
_PG_EVIDENCE = PG.Evidence
_PG_STATEMENT = PG.Statement
_PG_CONFIDENCE = PG.confidence
_PG_DOCUMENT = PG.document
_PG_END = PG.end
_PG_OBJECT = PG.object
_PG_RELATION = PG.relation
_PG_SENTENCE = PG.sentence
_PG_START = PG.start
_PG_STATEDAT = PG.statedAt
_PG_SUBJECT = PG.subject
_PG_SUCCESSION = PG.succession
_PG_VALIDFROM = PG.validFrom
_PG_VALIDTO = PG.validTo
_PG_VERSION = PG.version
_PG_TIME = PG.time
_PG_TIMEPRECISION = PG.timePrecision
_PG_TIMEVALUE = PG.TimeValue
_PROV_SOFTWAREAGENT = PROV.SoftwareAgent
_PROV_GENERATEDATTIME = PROV.generatedAtTime
_PROV_INVALIDATEDATTIME = PROV.invalidatedAtTime
_PROV_WASATTRIBUTEDTO = PROV.wasAttributedTo
_PROV_WASDERIVEDFROM = PROV.wasDerivedFrom
_RDF_JSON = RDF.JSON
_RDF_TYPE = RDF.type
_RDFS_LABEL = RDFS.label
_SCHEMA_DATEPUBLISHED = SCHEMA.datePublished
_SCHEMA_URL = SCHEMA.url
_SKOS_ALTLABEL = SKOS.altLabel
_XSD_ANYURI = XSD.anyURI
_XSD_BOOLEAN = XSD.boolean
_XSD_DATETIME = XSD.dateTime
_XSD_DECIMAL = XSD.decimal
_XSD_DOUBLE = XSD.double
_XSD_INTEGER = XSD.integer


# -- terms ------------------------------------------------------------------------


def _confidence(value: float) -> Literal:
    # repr() is the shortest text that reads back as the same float: 0.86, not 0.8599999…
    return Literal(Decimal(repr(float(value))), datatype=_XSD_DECIMAL)


def qualifier_literal(value: Any) -> Literal:
    """A qualifier value as a literal whose datatype says how to read it back."""
    if isinstance(value, bool):
        return Literal(value, datatype=_XSD_BOOLEAN)
    if isinstance(value, int):
        return Literal(value, datatype=_XSD_INTEGER)
    if isinstance(value, float):
        return Literal(repr(value), datatype=_XSD_DOUBLE)
    if isinstance(value, str):
        return Literal(value)
    return Literal(json.dumps(value, ensure_ascii=False, sort_keys=True), datatype=_RDF_JSON)


def entity_triples(entity: Entity, config: RdfConfig) -> Iterator[Triple]:
    """An entity: its pg: and standard classes, id, name, aliases, Wikidata link."""
    node = config.entity(entity.id)
    pg_class, standard_class = CLASSES[entity.type]
    yield node, _RDF_TYPE, pg_class
    yield node, _RDF_TYPE, standard_class
    yield node, _DCTERMS_IDENTIFIER, Literal(entity.id)
    yield node, _RDFS_LABEL, Literal(entity.name)
    for alias in entity.aliases:
        yield node, _SKOS_ALTLABEL, Literal(alias)
    qid = wikidata_iri(entity.wikidata)
    if qid is not None:
        yield node, _OWL_SAMEAS, qid


def direct_triples(fact: Fact, config: RdfConfig) -> Iterator[Triple]:
    """``subject pg:relation object`` (and back, for a symmetric relation)."""
    prop = PG[PROPERTY_NAMES[fact.relation]]
    s, o = config.entity(fact.subject), config.entity(fact.object)
    yield s, prop, o
    if fact.relation.symmetric:
        yield o, prop, s


def statement_triples(
    fact: Fact, version: int, config: RdfConfig, fact_id: str | None = None
) -> Iterator[Triple]:
    """One version of a fact as a statement node (without its evidence nodes)."""
    fact_id = fact_id or fact.id  # a hash: computed once
    st = config.statement(fact_id, version)
    name = PROPERTY_NAMES[fact.relation]
    s, o = config.entity(fact.subject), config.entity(fact.object)
    yield st, _RDF_TYPE, _PG_STATEMENT
    yield st, _DCTERMS_IDENTIFIER, Literal(fact_id)
    yield st, _PG_VERSION, Literal(version, datatype=_XSD_INTEGER)
    yield s, PGP[name], st
    yield st, PGPS[name], o
    yield st, _PG_SUBJECT, s
    yield st, _PG_RELATION, PG[name]
    yield st, _PG_OBJECT, o
    if fact.valid_from is not None:
        yield from time_triples(st, _FROM, fact.valid_from)
    if fact.valid_to is not None:
        yield from time_triples(st, _TO, fact.valid_to)
    if fact.stated_at is not None:
        yield st, _PG_STATEDAT, day_literal(fact.stated_at)
    yield st, _PG_CONFIDENCE, _confidence(fact.confidence)
    for key, value in fact.qualifiers.items():
        yield st, QUALIFIER_PROPERTIES[key], qualifier_literal(value)
    if fact.recorded_at is not None:
        yield st, _PROV_GENERATEDATTIME, Literal(fact.recorded_at, datatype=_XSD_DATETIME)
    if fact.superseded_at is not None:
        yield st, _PROV_INVALIDATEDATTIME, Literal(fact.superseded_at, datatype=_XSD_DATETIME)
    for ev in fact.evidence:
        yield st, _PROV_WASDERIVEDFROM, config.evidence(fact_id, ev.id)


#: A bound's simple property, its value-node property and the value node's IRI suffix.
_FROM = (_PG_VALIDFROM, PG.validFromValue, "/validFrom")
_TO = (_PG_VALIDTO, PG.validToValue, "/validTo")


def time_triples(
    node: URIRef, bound: tuple[URIRef, URIRef, str], value: PartialDate
) -> Iterator[Triple]:
    """A valid-time bound, Wikidata's way: the first instant of its period as the simple
    value (``pg:validFrom "2019-07-01T00:00:00+00:00"^^xsd:dateTime``, what ``FILTER``
    compares), and a value node keeping the precision (``pg:validFromValue`` →
    ``pg:time``, ``pg:timePrecision`` 9 year / 10 month / 11 day)."""
    simple, link, suffix = bound
    time = time_literal(value)
    value_node = URIRef(str(node) + suffix)
    yield node, simple, time
    yield node, link, value_node
    yield value_node, _RDF_TYPE, _PG_TIMEVALUE
    yield value_node, _PG_TIME, time
    yield value_node, _PG_TIMEPRECISION, precision_literal(value)


def evidence_triples(fact_id: str, ev: Evidence, config: RdfConfig) -> Iterator[Triple]:
    """One piece of evidence: the quoted sentence, where it is in which document, who
    read it, and what it claimed (dates, qualifiers; ``pg:succession`` when the system
    added it because a successor took a one-at-a-time role)."""
    node = config.evidence(fact_id, ev.id)
    yield node, _RDF_TYPE, _PG_EVIDENCE
    yield node, _PG_DOCUMENT, config.document(ev.document_id)
    yield node, _PG_SENTENCE, Literal(ev.sentence)
    if ev.start is not None:
        yield node, _PG_START, Literal(ev.start, datatype=_XSD_INTEGER)
    if ev.end is not None:
        yield node, _PG_END, Literal(ev.end, datatype=_XSD_INTEGER)
    if ev.published is not None:
        yield node, _SCHEMA_DATEPUBLISHED, day_literal(ev.published)
    yield node, _PG_CONFIDENCE, _confidence(ev.confidence)
    yield node, _PROV_WASATTRIBUTEDTO, config.agent(ev.extractor)
    # What this statement claimed; the fact's own fields are derived from these.
    if ev.valid_from is not None:
        yield from time_triples(node, _FROM, ev.valid_from)
    if ev.valid_to is not None:
        yield from time_triples(node, _TO, ev.valid_to)
    for key, value in ev.qualifiers.items():
        yield node, QUALIFIER_PROPERTIES[key], qualifier_literal(value)
    if ev.succession:
        yield node, _PG_SUCCESSION, Literal(True, datatype=_XSD_BOOLEAN)


def document_triples(ev: Evidence, config: RdfConfig, title: str | None = None) -> Iterator[Triple]:
    """A source document: its id, title (when the store holds the document), URL and
    publication date (as the evidence states them)."""
    node = config.document(ev.document_id)
    yield node, _RDF_TYPE, _PG_DOCUMENT_CLASS
    yield node, _DCTERMS_IDENTIFIER, Literal(ev.document_id)
    if title:
        yield node, _DCTERMS_TITLE, Literal(title)
    if ev.url:
        yield node, _SCHEMA_URL, Literal(ev.url, datatype=_XSD_ANYURI)
    if ev.published is not None:
        yield node, _SCHEMA_DATEPUBLISHED, day_literal(ev.published)


def agent_triples(extractor: str, config: RdfConfig) -> Iterator[Triple]:
    node = config.agent(extractor)
    yield node, _RDF_TYPE, _PROV_SOFTWAREAGENT
    yield node, _RDFS_LABEL, Literal(extractor)


# -- walking the store --------------------------------------------------------------


class _Recent:
    """A bounded memory of nodes already written, so shared documents are written
    once in the common case; an old one may be written again (harmless in RDF)."""

    def __init__(self, size: int = 4096) -> None:
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._size = size

    def first_time(self, key: str) -> bool:
        if key in self._seen:
            self._seen.move_to_end(key)
            return False
        self._seen[key] = None
        if len(self._seen) > self._size:
            self._seen.popitem(last=False)
        return True


def fact_versions(store: Store, entity_ids: Iterable[str]) -> Iterator[tuple[Fact, int]]:
    """Every version of every fact, numbered 1, 2… per fact in recording order.

    Read one subject at a time, so memory is bounded by the largest subject's
    history, not by the store.
    """
    for fact, _, version in _versions(store, entity_ids):
        yield fact, version


def _versions(store: Store, entity_ids: Iterable[str]) -> Iterator[tuple[Fact, str, int]]:
    """:func:`fact_versions` with each fact's id (a hash: computed once, here)."""
    for entity_id in entity_ids:
        seen: dict[str, int] = {}
        pattern = FactPattern(subject=entity_id, include_superseded=True)
        for fact in store.find_facts(pattern):
            fact_id = fact.id
            version = seen[fact_id] = seen.get(fact_id, 0) + 1
            yield fact, fact_id, version


def _titled(
    store: Store, versions: Iterator[tuple[Fact, str, int]]
) -> Iterator[tuple[Fact, str, int, dict[str, str]]]:
    """``versions`` with the titles of their documents, read CHUNK_FACTS facts at a time
    (one query per chunk where the store can, so titles cost no read per document)."""
    while chunk := list(islice(versions, CHUNK_FACTS)):
        ids = {ev.document_id for fact, _, _ in chunk for ev in fact.evidence}
        titles = queries.document_titles(store, ids)
        for fact, fact_id, version in chunk:
            yield fact, fact_id, version, titles


def quad_groups(store: Store, as_of: date, config: RdfConfig) -> Iterator[list[Quad]]:
    """The export as groups of quads: one per entity, then one per fact version."""
    facts_graph, as_of_graph = config.facts_graph, config.as_of_graph(as_of)
    ids: list[str] = []
    for entity in queries.all_entities(store):
        ids.append(entity.id)
        yield [(s, p, o, facts_graph) for s, p, o in entity_triples(entity, config)]
    recent = _Recent()
    for fact, fact_id, version, titles in _titled(store, _versions(store, ids)):
        group = [
            (s, p, o, facts_graph) for s, p, o in statement_triples(fact, version, config, fact_id)
        ]
        for ev in fact.evidence:
            if recent.first_time(f"e {fact_id} {ev.id}"):
                group += [
                    (s, p, o, facts_graph) for s, p, o in evidence_triples(fact_id, ev, config)
                ]
            if recent.first_time(f"d {ev.document_id}"):
                title = titles.get(ev.document_id)
                group += [(s, p, o, facts_graph) for s, p, o in document_triples(ev, config, title)]
            if recent.first_time(f"a {ev.extractor}"):
                group += [(s, p, o, facts_graph) for s, p, o in agent_triples(ev.extractor, config)]
        if fact.superseded_at is None and fact.holds_at(as_of):
            group += [(s, p, o, as_of_graph) for s, p, o in direct_triples(fact, config)]
        yield group


def _bind_prefixes(graph: Graph, config: RdfConfig) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("ent", URIRef(f"{config.base}entity/"))
    graph.bind("stmt", URIRef(f"{config.base}statement/"))


@contextmanager
def rdflib_own_deprecations() -> Iterator[None]:
    """rdflib 7.6's JSON-LD reader and writer call Dataset methods it has deprecated
    itself (``contexts``, ``default_context``); those warnings are not ours to fix."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", r"(Dataset\.\w+|ConjunctiveGraph) is deprecated", DeprecationWarning
        )
        yield


def to_dataset(store: Store, as_of: date | None = None, config: RdfConfig | None = None) -> Dataset:
    """The whole export as an rdflib Dataset (two named graphs; see the module docstring)."""
    config = config or RdfConfig()
    ds = Dataset()
    _bind_prefixes(ds, config)
    for group in quad_groups(store, as_of or date.today(), config):
        ds.addN((s, p, o, ds.graph(g)) for s, p, o, g in group)
    return ds


def export(
    store: Store,
    format: str,
    as_of: date | None,
    out: IO[bytes],
    config: RdfConfig | None = None,
) -> None:
    """Write the store as RDF to the binary stream ``out`` (UTF-8).

    ``as_of`` (default today) chooses which facts get direct triples; every
    version of every fact gets a statement node whatever the day.
    """
    fmt = rdf_format(format)
    config = config or RdfConfig()
    day = as_of or date.today()
    if fmt.streams:
        for chunk in _line_chunks(store, fmt, day, config):
            out.write(chunk)
        return
    if fmt.quads:
        ds = to_dataset(store, day, config)
        # JSON-LD is compacted with the published context (graph/rdf_vocab.jsonld_context),
        # inline, so that a reader needs no fetch to expand it back to the same quads.
        extra: dict[str, Any] = (
            {"context": jsonld_context(config), "auto_compact": True}
            if fmt.name == "jsonld"
            else {}
        )
        with rdflib_own_deprecations():
            ds.serialize(destination=out, format=fmt.rdflib_name, encoding="utf-8", **extra)
        return
    graph = Graph()  # Turtle: the two named graphs merged
    _bind_prefixes(graph, config)
    for group in quad_groups(store, day, config):
        graph.addN((s, p, o, graph) for s, p, o, _ in group)
    graph.serialize(destination=out, format=fmt.rdflib_name, encoding="utf-8")


def export_chunks(
    store: Store, format: str, as_of: date | None = None, config: RdfConfig | None = None
) -> Iterator[bytes]:
    """The export as an iterator of byte chunks; only the line formats truly stream."""
    fmt = rdf_format(format)
    config = config or RdfConfig()
    day = as_of or date.today()
    if fmt.streams:
        yield from _line_chunks(store, fmt, day, config)
        return
    buffer = io.BytesIO()
    export(store, fmt.name, day, buffer, config)
    yield buffer.getvalue()


def _line_chunks(store: Store, fmt: RdfFormat, day: date, config: RdfConfig) -> Iterator[bytes]:
    """N-Triples/N-Quads, written a few hundred facts at a time.

    Every node is an IRI (no blank nodes), so chunk by chunk gives exactly the
    document a whole-graph serialization would.
    """
    lines = _Lines(config, day, quads=fmt.quads)
    pending: list[str] = []
    ids: list[str] = []
    groups = 0
    for entity in queries.all_entities(store):
        ids.append(entity.id)
        lines.entity(entity, pending)
        groups += 1
        if groups >= CHUNK_FACTS:
            yield "".join(pending).encode("utf-8")
            pending, groups = [], 0
    for fact, fact_id, version, titles in _titled(store, _versions(store, ids)):
        lines.fact(fact, fact_id, version, pending, titles)
        groups += 1
        if groups >= CHUNK_FACTS:
            yield "".join(pending).encode("utf-8")
            pending, groups = [], 0
    if pending:
        yield "".join(pending).encode("utf-8")


# -- the line formats, as text ---------------------------------------------------------
#
# N-Triples and N-Quads lines are built as strings: the same triples, in the same
# order and the same bytes as rdflib's row writers would give for the terms above
# (tests/test_rdf_lines.py holds the two to each other), without an rdflib term per
# node (a URIRef checks its IRI, a Literal parses and re-prints its value: 85% of the
# time of the line formats went there). Each ``_Lines`` method names the term
# function it mirrors: a change to one is a change to both.


def _iri(term: str) -> str:
    return f"<{term}>"


def _pred(term: str) -> str:
    return f" <{term}> "


def _dt(datatype: str) -> str:
    """What closes a typed literal: ``'"' + lexical + _dt(xsd:integer)``."""
    return f'"^^<{datatype}>'


def nt_string(text: str) -> str:
    r"""``text`` as an N-Triples string literal, quotes included.

    The only characters a ``STRING_LITERAL_QUOTE`` may not hold as they are are
    ``"``, ``\``, LF and CR (RDF 1.1 N-Triples, grammar rule 9); they are written
    ``\"``, ``\\``, ``\n``, ``\r``. Everything else, control characters and
    non-ASCII included, is written as itself (UTF-8), as rdflib's writer does.

    >>> print(nt_string('a "b" \\ c\nd'))
    "a \"b\" \\ c\nd"
    """
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
        )
    return f'"{text}"'


_NT_TYPE = _pred(_RDF_TYPE)
_NT_IDENTIFIER = _pred(_DCTERMS_IDENTIFIER)
_NT_TITLE = _pred(_DCTERMS_TITLE)
_NT_LABEL = _pred(_RDFS_LABEL)
_NT_ALTLABEL = _pred(_SKOS_ALTLABEL)
_NT_SAMEAS = _pred(_OWL_SAMEAS)
_NT_VERSION = _pred(_PG_VERSION)
_NT_SUBJECT = _pred(_PG_SUBJECT)
_NT_RELATION = _pred(_PG_RELATION)
_NT_OBJECT = _pred(_PG_OBJECT)
_NT_STATEDAT = _pred(_PG_STATEDAT)
_NT_CONFIDENCE = _pred(_PG_CONFIDENCE)
_NT_GENERATEDATTIME = _pred(_PROV_GENERATEDATTIME)
_NT_INVALIDATEDATTIME = _pred(_PROV_INVALIDATEDATTIME)
_NT_WASDERIVEDFROM = _pred(_PROV_WASDERIVEDFROM)
_NT_DOCUMENT = _pred(_PG_DOCUMENT)
_NT_SENTENCE = _pred(_PG_SENTENCE)
_NT_START = _pred(_PG_START)
_NT_END = _pred(_PG_END)
_NT_DATEPUBLISHED = _pred(_SCHEMA_DATEPUBLISHED)
_NT_WASATTRIBUTEDTO = _pred(_PROV_WASATTRIBUTEDTO)
_NT_SUCCESSION = _pred(_PG_SUCCESSION)
_NT_URL = _pred(_SCHEMA_URL)
_NT_STATEMENT_CLASS = _iri(_PG_STATEMENT)
_NT_EVIDENCE_CLASS = _iri(_PG_EVIDENCE)
_NT_DOCUMENT_CLASS = _iri(_PG_DOCUMENT_CLASS)
_NT_AGENT_CLASS = _iri(_PROV_SOFTWAREAGENT)
_NT_INTEGER = _dt(_XSD_INTEGER)
_NT_DECIMAL = _dt(_XSD_DECIMAL)
_NT_DOUBLE = _dt(_XSD_DOUBLE)
_NT_DATETIME = _dt(_XSD_DATETIME)
_NT_DAY = _dt(XSD.date)
_NT_TRUE = f'"true{_dt(_XSD_BOOLEAN)}'
_NT_FALSE = f'"false{_dt(_XSD_BOOLEAN)}'
_NT_ANYURI = f"^^<{_XSD_ANYURI}>"
_NT_JSON = f"^^<{_RDF_JSON}>"
_NT_TIMEVALUE_CLASS = _iri(_PG_TIMEVALUE)
_NT_TIME = _pred(_PG_TIME)
_NT_TIMEPRECISION = _pred(_PG_TIMEPRECISION)
#: Precision → its ``pg:timePrecision`` literal.
_NT_PRECISIONS = {p: f'"{code}{_NT_INTEGER}' for p, code in PRECISION_CODES.items()}
#: A bound's simple predicate, value-node predicate and IRI suffix (see ``_FROM``/``_TO``).
_NT_FROM = (_pred(_FROM[0]), _pred(_FROM[1]), _FROM[2])
_NT_TO = (_pred(_TO[0]), _pred(_TO[1]), _TO[2])
#: Entity type → its two ``rdf:type`` objects.
_NT_CLASSES = {etype: (_iri(a), _iri(b)) for etype, (a, b) in CLASSES.items()}
#: Relation → (`` <pg:name> `` as a predicate, ``<pg:name>`` as an object, pgp:, pgps:).
_NT_RELATIONS = {
    relation: (_pred(PG[name]), _iri(PG[name]), _pred(PGP[name]), _pred(PGPS[name]))
    for relation, name in PROPERTY_NAMES.items()
}
_NT_QUALIFIERS = {key: _pred(prop) for key, prop in QUALIFIER_PROPERTIES.items()}


def _nt_time(node: str, bound: tuple[str, str, str], value: PartialDate, end: str) -> str:
    """:func:`time_triples` as N-Triples text (``node`` is ``<iri>``)."""
    simple, link, suffix = bound
    time = f'"{time_lexical(value)}{_NT_DATETIME}'
    value_node = f"{node[:-1]}{suffix}>"
    return (
        f"{node}{simple}{time}{end}"
        f"{node}{link}{value_node}{end}"
        f"{value_node}{_NT_TYPE}{_NT_TIMEVALUE_CLASS}{end}"
        f"{value_node}{_NT_TIME}{time}{end}"
        f"{value_node}{_NT_TIMEPRECISION}{_NT_PRECISIONS[value.precision]}{end}"
    )


def _nt_confidence(value: float) -> str:
    """:func:`_confidence` as N-Triples text."""
    text = repr(float(value))
    # In positional notation the shortest repr already is what Decimal(text):f gives;
    # only an exponent (1e-07) or a non-number needs Decimal (1 µs, 5x the repr).
    if "e" in text or not text[-1].isdigit():
        text = f"{Decimal(text):f}"
    return f'"{text}{_NT_DECIMAL}'


def _nt_qualifier(value: Any) -> str:
    """:func:`qualifier_literal` as N-Triples text."""
    if isinstance(value, bool):
        return _NT_TRUE if value else _NT_FALSE
    if isinstance(value, int):
        return f'"{value}{_NT_INTEGER}'
    if isinstance(value, float):
        return f'"{value!r}{_NT_DOUBLE}'
    if isinstance(value, str):
        return nt_string(value)
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return nt_string(text) + _NT_JSON


class _Lines:
    """The export's N-Triples (``quads=False``) or N-Quads lines: one string per entity
    or fact version (~40 lines), appended to the caller's list.

    The same triples, in the same order, as :func:`quad_groups`.
    """

    def __init__(self, config: RdfConfig, day: date, *, quads: bool) -> None:
        self.config = config
        self.day = day
        self.end = f" <{config.facts_graph}> .\n" if quads else " .\n"
        self.direct_end = f" <{config.as_of_graph(day)}> .\n" if quads else " .\n"
        self.recent = _Recent()
        self._agents: dict[str, str] = {}  # extractor → its IRI: a handful per store
        self._subject = ("", "")  # the last subject and its IRI: facts come by subject

    def entity(self, entity: Entity, out: list[str]) -> None:
        """:func:`entity_triples`."""
        node, end = f"<{self.config.entity_iri(entity.id)}>", self.end
        pg_class, standard_class = _NT_CLASSES[entity.type]
        text = (
            f"{node}{_NT_TYPE}{pg_class}{end}"
            f"{node}{_NT_TYPE}{standard_class}{end}"
            f"{node}{_NT_IDENTIFIER}{nt_string(entity.id)}{end}"
            f"{node}{_NT_LABEL}{nt_string(entity.name)}{end}"
        )
        for alias in entity.aliases:
            text += f"{node}{_NT_ALTLABEL}{nt_string(alias)}{end}"
        qid = wikidata_iri(entity.wikidata)
        if qid is not None:
            text += f"{node}{_NT_SAMEAS}<{qid}>{end}"
        out.append(text)

    def fact(
        self,
        fact: Fact,
        fact_id: str,
        version: int,
        out: list[str],
        titles: Mapping[str, str] | None = None,
    ) -> None:
        """One fact version's group in :func:`quad_groups`: its statement, the evidence,
        documents and agents not written recently, its direct triples."""
        config, end = self.config, self.end
        st = f"<{config.statement_iri(fact_id, version)}>"
        if fact.subject != self._subject[0]:
            self._subject = (fact.subject, f"<{config.entity_iri(fact.subject)}>")
        s, o = self._subject[1], f"<{config.entity_iri(fact.object)}>"
        direct, relation, pgp, pgps = _NT_RELATIONS[fact.relation]
        text = (
            f"{st}{_NT_TYPE}{_NT_STATEMENT_CLASS}{end}"
            f"{st}{_NT_IDENTIFIER}{nt_string(fact_id)}{end}"
            f'{st}{_NT_VERSION}"{version}{_NT_INTEGER}{end}'
            f"{s}{pgp}{st}{end}"
            f"{st}{pgps}{o}{end}"
            f"{st}{_NT_SUBJECT}{s}{end}"
            f"{st}{_NT_RELATION}{relation}{end}"
            f"{st}{_NT_OBJECT}{o}{end}"
        )
        if fact.valid_from is not None:
            text += _nt_time(st, _NT_FROM, fact.valid_from, end)
        if fact.valid_to is not None:
            text += _nt_time(st, _NT_TO, fact.valid_to, end)
        if fact.stated_at is not None:
            text += f'{st}{_NT_STATEDAT}"{fact.stated_at.isoformat()}{_NT_DAY}{end}'
        text += f"{st}{_NT_CONFIDENCE}{_nt_confidence(fact.confidence)}{end}"
        for key, value in fact.qualifiers.items():
            text += f"{st}{_NT_QUALIFIERS[key]}{_nt_qualifier(value)}{end}"
        if fact.recorded_at is not None:
            text += f'{st}{_NT_GENERATEDATTIME}"{fact.recorded_at.isoformat()}{_NT_DATETIME}{end}'
        if fact.superseded_at is not None:
            moment = fact.superseded_at.isoformat()
            text += f'{st}{_NT_INVALIDATEDATTIME}"{moment}{_NT_DATETIME}{end}'
        evidence = []
        for ev in fact.evidence:
            ev_id = ev.id  # a hash: computed once
            node = f"<{config.evidence_iri(fact_id, ev_id)}>"
            text += f"{st}{_NT_WASDERIVEDFROM}{node}{end}"
            evidence.append((ev, ev_id, node))
        first_time = self.recent.first_time
        for ev, ev_id, node in evidence:
            agent = self._agents.get(ev.extractor) or self._agent(ev.extractor)
            new_evidence, new_document = (
                first_time(f"e {fact_id} {ev_id}"),
                first_time(f"d {ev.document_id}"),
            )
            if new_evidence or new_document:
                document = f"<{config.document_iri(ev.document_id)}>"
                if new_evidence:
                    text += self._evidence(ev, node, document, agent)
                if new_document:
                    text += self._document(ev, document, (titles or {}).get(ev.document_id))
            if first_time(f"a {ev.extractor}"):
                text += (
                    f"{agent}{_NT_TYPE}{_NT_AGENT_CLASS}{end}"
                    f"{agent}{_NT_LABEL}{nt_string(ev.extractor)}{end}"
                )
        if fact.superseded_at is None and fact.holds_at(self.day):
            text += f"{s}{direct}{o}{self.direct_end}"
            if fact.relation.symmetric:
                text += f"{o}{direct}{s}{self.direct_end}"
        out.append(text)

    def _agent(self, extractor: str) -> str:
        node = f"<{self.config.agent_iri(extractor)}>"
        if len(self._agents) < 4096:
            self._agents[extractor] = node
        return node

    def _evidence(self, ev: Evidence, node: str, document: str, agent: str) -> str:
        """:func:`evidence_triples`."""
        end = self.end
        text = (
            f"{node}{_NT_TYPE}{_NT_EVIDENCE_CLASS}{end}"
            f"{node}{_NT_DOCUMENT}{document}{end}"
            f"{node}{_NT_SENTENCE}{nt_string(ev.sentence)}{end}"
        )
        if ev.start is not None:
            text += f'{node}{_NT_START}"{ev.start}{_NT_INTEGER}{end}'
        if ev.end is not None:
            text += f'{node}{_NT_END}"{ev.end}{_NT_INTEGER}{end}'
        if ev.published is not None:
            text += f'{node}{_NT_DATEPUBLISHED}"{ev.published.isoformat()}{_NT_DAY}{end}'
        text += (
            f"{node}{_NT_CONFIDENCE}{_nt_confidence(ev.confidence)}{end}"
            f"{node}{_NT_WASATTRIBUTEDTO}{agent}{end}"
        )
        if ev.valid_from is not None:
            text += _nt_time(node, _NT_FROM, ev.valid_from, end)
        if ev.valid_to is not None:
            text += _nt_time(node, _NT_TO, ev.valid_to, end)
        for key, value in ev.qualifiers.items():
            text += f"{node}{_NT_QUALIFIERS[key]}{_nt_qualifier(value)}{end}"
        if ev.succession:
            text += f"{node}{_NT_SUCCESSION}{_NT_TRUE}{end}"
        return text

    def _document(self, ev: Evidence, node: str, title: str | None) -> str:
        """:func:`document_triples`."""
        end = self.end
        text = (
            f"{node}{_NT_TYPE}{_NT_DOCUMENT_CLASS}{end}"
            f"{node}{_NT_IDENTIFIER}{nt_string(ev.document_id)}{end}"
        )
        if title:
            text += f"{node}{_NT_TITLE}{nt_string(title)}{end}"
        if ev.url:
            text += f"{node}{_NT_URL}{nt_string(ev.url)}{_NT_ANYURI}{end}"
        if ev.published is not None:
            text += f'{node}{_NT_DATEPUBLISHED}"{ev.published.isoformat()}{_NT_DAY}{end}'
        return text
