"""The RDF vocabulary and IRI scheme of partnergraph's export (see ``graph/rdf_data/pg.ttl``).

Two namespaces, one fixed and one configurable:

* the **vocabulary** ``https://partnergraph.dev/ns#`` (``pg:``) and its
  Wikidata-style families ``pgp:`` (entity → statement, like ``p:``),
  ``pgps:`` (statement → value, like ``ps:``) and ``pgq:`` (qualifiers, like
  ``pq:``). Fixed: the shipped ontology and SHACL shapes are written in it.
* the **data** base, default ``https://partnergraph.dev/id/``; a deployment
  may mint its IRIs under its own domain with :class:`RdfConfig`.

Every IRI part that comes from data is percent-encoded with *no* safe
characters, so an id with ``>``, quotes, spaces or newlines can never break
an IRI:

>>> RdfConfig().entity("microsoft")
rdflib.term.URIRef('https://partnergraph.dev/id/entity/microsoft')
>>> str(RdfConfig().entity('a "b" > c'))
'https://partnergraph.dev/id/entity/a%20%22b%22%20%3E%20c'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from graph.errors import InvalidInput
from graph.model import EntityType, PartialDate, Precision, Relation

PG = Namespace("https://partnergraph.dev/ns#")
PGP = Namespace("https://partnergraph.dev/ns/p#")
PGPS = Namespace("https://partnergraph.dev/ns/ps#")
PGQ = Namespace("https://partnergraph.dev/ns/pq#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

DEFAULT_DATA_BASE = "https://partnergraph.dev/id/"

#: Prefixes bound in Turtle/TriG/JSON-LD output and offered to SPARQL queries.
PREFIXES: dict[str, str] = {
    "pg": str(PG),
    "pgp": str(PGP),
    "pgps": str(PGPS),
    "pgq": str(PGQ),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "wd": str(WD),
    "wdt": str(WDT),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
}

#: Relation → the local name of its property in every family (``pg:``, ``pgp:``, ``pgps:``).
PROPERTY_NAMES: dict[Relation, str] = {
    Relation.PARTNERS_WITH: "partnersWith",
    Relation.INVESTS_IN: "investsIn",
    Relation.ACQUIRES: "acquires",
    Relation.SUBSIDIARY_OF: "subsidiaryOf",
    Relation.SUPPLIES: "supplies",
    Relation.COMPETES_WITH: "competesWith",
    Relation.EXECUTIVE_OF: "executiveOf",
    Relation.FOUNDED: "founded",
    Relation.DEVELOPS: "develops",
    Relation.USES: "uses",
}
RELATION_OF_PROPERTY: dict[URIRef, Relation] = {PG[n]: r for r, n in PROPERTY_NAMES.items()}

#: Entity type → (pg: class, the standard class it specialises).
CLASSES: dict[EntityType, tuple[URIRef, URIRef]] = {
    EntityType.ORGANIZATION: (PG.Organization, ORG.Organization),
    EntityType.PERSON: (PG.Person, SCHEMA.Person),
    EntityType.PRODUCT: (PG.Product, SCHEMA.Product),
}
TYPE_OF_CLASS: dict[URIRef, EntityType] = {c[0]: t for t, c in CLASSES.items()}

#: Qualifier key → its ``pgq:`` property.
QUALIFIER_PROPERTIES: dict[str, URIRef] = {
    key: PGQ[key]
    for key in ("role", "amount", "currency", "stake", "product", "quantity", "status")
}
QUALIFIER_OF_PROPERTY: dict[URIRef, str] = {p: k for k, p in QUALIFIER_PROPERTIES.items()}

DATE_TYPES: dict[Precision, URIRef] = {
    Precision.YEAR: XSD.gYear,
    Precision.MONTH: XSD.gYearMonth,
    Precision.DAY: XSD.date,
}

_QID = re.compile(r"^Q[1-9][0-9]{0,11}$")


def wikidata_iri(qid: str | None) -> URIRef | None:
    """``wd:Q2283`` for a well-formed QID; anything else is not linked (never a broken IRI)."""
    if qid is None:
        return None
    text = qid.strip()
    return WD[text] if _QID.match(text) else None


def partial_date_literal(value: PartialDate) -> Literal:
    """A date at its precision: ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``."""
    return Literal(value.isoformat(), datatype=DATE_TYPES[value.precision])


def partial_date_of(literal: Literal) -> PartialDate:
    """The inverse of :func:`partial_date_literal` (a typed literal → a :class:`PartialDate`).

    Exports before time values (see :func:`time_lexical`) carried bounds this way."""
    if literal.datatype not in DATE_TYPES.values():
        raise InvalidInput(f"expected xsd:gYear, xsd:gYearMonth or xsd:date, got {literal.n3()}")
    return PartialDate.parse(str(literal))


#: Wikidata's time precisions (``wikibase:timePrecision``): 9 year, 10 month, 11 day.
PRECISION_CODES: dict[Precision, int] = {Precision.YEAR: 9, Precision.MONTH: 10, Precision.DAY: 11}
_PRECISION_OF_CODE = {code: precision for precision, code in PRECISION_CODES.items()}


def time_lexical(value: PartialDate) -> str:
    """The first instant of a date's period, as ``xsd:dateTime`` text in UTC.

    ``2019-07`` → ``2019-07-01T00:00:00+00:00``: the simple value of a bound, which
    SPARQL compares with any ``xsd:dateTime`` (Wikidata's model: the time at the
    start of the period, and its precision on a value node). The offset is written
    as rdflib normalizes it, so its writers and ours give the same bytes.
    """
    return f"{value.first_day().isoformat()}T00:00:00+00:00"


def time_literal(value: PartialDate) -> Literal:
    return Literal(time_lexical(value), datatype=XSD.dateTime)


def precision_literal(value: PartialDate) -> Literal:
    return Literal(PRECISION_CODES[value.precision], datatype=XSD.integer)


def partial_date_of_time(time: Literal, precision: Literal) -> PartialDate:
    """The inverse of a time value: its ``pg:time`` and ``pg:timePrecision`` → a date."""
    code = _PRECISION_OF_CODE.get(int(str(precision))) if str(precision).isdigit() else None
    if time.datatype != XSD.dateTime or code is None:
        raise InvalidInput(
            f"expected an xsd:dateTime and a precision of 9, 10 or 11, got {time.n3()} "
            f"and {precision.n3()}"
        )
    day = date.fromisoformat(str(time)[:10])
    if code is Precision.YEAR:
        return PartialDate(day.year)
    if code is Precision.MONTH:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


def day_literal(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


#: The characters ``quote`` always leaves alone: an id made only of them is its own encoding.
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch


def _part(text: str) -> str:
    # No safe characters at all: "/", "#", "?" in an id must not change the IRI's shape.
    # Slugs and hashes skip quote() (4x the cost of the check) and come out the same.
    return text if _UNRESERVED(text) else quote(text, safe="")


@dataclass(frozen=True, slots=True)
class RdfConfig:
    """Where data IRIs live. Only the data base is configurable (see the module docstring)."""

    base: str = DEFAULT_DATA_BASE

    def __post_init__(self) -> None:
        if not re.match(r"^https?://[^\s<>\"{}|\\^`]+[/#]$", self.base):
            raise InvalidInput(
                f"invalid RDF base {self.base!r}: expected an http(s) IRI ending in / or #"
            )

    # The IRIs as text (``*_iri``, what the N-Triples writer uses) and as rdflib terms.

    def entity_iri(self, entity_id: str) -> str:
        return f"{self.base}entity/{_part(entity_id)}"

    def statement_iri(self, fact_id: str, version: int) -> str:
        return f"{self.base}statement/{_part(fact_id)}-v{version}"

    def evidence_iri(self, fact_id: str, evidence_id: str) -> str:
        return f"{self.base}evidence/{_part(fact_id)}/{_part(evidence_id)}"

    def document_iri(self, document_id: str) -> str:
        return f"{self.base}document/{_part(document_id)}"

    def agent_iri(self, extractor: str) -> str:
        return f"{self.base}agent/{_part(extractor)}"

    def entity(self, entity_id: str) -> URIRef:
        return URIRef(self.entity_iri(entity_id))

    def statement(self, fact_id: str, version: int) -> URIRef:
        return URIRef(self.statement_iri(fact_id, version))

    def evidence(self, fact_id: str, evidence_id: str) -> URIRef:
        return URIRef(self.evidence_iri(fact_id, evidence_id))

    def document(self, document_id: str) -> URIRef:
        return URIRef(self.document_iri(document_id))

    def agent(self, extractor: str) -> URIRef:
        return URIRef(self.agent_iri(extractor))

    @property
    def facts_graph(self) -> URIRef:
        """The named graph of entities, statements and evidence (independent of as-of)."""
        return URIRef(f"{self.base}graph/facts")

    def as_of_graph(self, day: date) -> URIRef:
        """The named graph of the direct triples that hold on ``day``."""
        return URIRef(f"{self.base}graph/as-of/{day.isoformat()}")


#: Short JSON-LD terms for the vocabulary's plain properties (literal values).
_LITERAL_TERMS = {
    "label": "rdfs:label",
    "altLabel": "skos:altLabel",
    "identifier": "dcterms:identifier",
    "title": "dcterms:title",
    "sentence": "pg:sentence",
}
#: ... and for the properties whose values are nodes (``"@type": "@id"``: a plain string).
_NODE_TERMS = {
    "sameAs": "owl:sameAs",
    "subject": "pg:subject",
    "object": "pg:object",
    "relation": "pg:relation",
    "document": "pg:document",
    "wasDerivedFrom": "prov:wasDerivedFrom",
    "wasAttributedTo": "prov:wasAttributedTo",
}


def jsonld_context(config: RdfConfig | None = None) -> dict[str, object]:
    """The JSON-LD ``@context`` the export is compacted with (also served as a file).

    Prefixes for every namespace (the vocabulary's and the data's: ``ent:``,
    ``stmt:``…), and a short term for each relation (``"partnersWith":
    "ent:openai"``) and for the common properties. Typed literals keep their
    ``@type`` (``xsd:gYear``, ``xsd:date``…), so nothing is lost: the compact
    document reads back as the same quads.
    """
    config = config or RdfConfig()
    context: dict[str, object] = dict(PREFIXES)
    context.update(data_prefixes(config))
    context.update(_LITERAL_TERMS)
    context.update({term: {"@id": iri, "@type": "@id"} for term, iri in _NODE_TERMS.items()})
    for name in PROPERTY_NAMES.values():
        context[name] = {"@id": f"pg:{name}", "@type": "@id"}
    return context


def data_prefixes(config: RdfConfig | None = None) -> dict[str, str]:
    """The data IRIs' prefixes (``ent:`` → ``…/id/entity/``, ``stmt:``, ``ev:``, ``doc:``,
    ``agent:``, ``pggraph:``), predeclared for SPARQL and used by the JSON-LD context."""
    config = config or RdfConfig()
    return {prefix: f"{config.base}{family}/" for family, prefix in _DATA_PREFIXES.items()}


#: The data IRI families and their prefixes in Turtle, TriG and JSON-LD.
_DATA_PREFIXES = {
    "entity": "ent",
    "statement": "stmt",
    "evidence": "ev",
    "document": "doc",
    "agent": "agent",
    "graph": "pggraph",
}
