"""Read an export (:mod:`graph.rdf`) back into a store.

What comes back: every entity (id, name, type, aliases, Wikidata QID) and
every fact version with its dates, qualifiers, confidence, stated time and
evidence. The ids are read from ``dcterms:identifier``, never decoded from
IRIs, so an export minted under another data base imports the same.

How faithfully it lands depends on the store:

* a store with the :class:`RestoringStore` capability (``restore_versions``)
  keeps every version verbatim, transaction times included: export
  → import → export is isomorphic;
* otherwise it goes through :meth:`Store.write`, which stamps ``recorded_at``
  itself and merges statements of the same fact: each fact's *latest* version
  is written (its evidence, dates, qualifiers and confidence intact), earlier
  versions are counted in :attr:`ImportResult.versions_collapsed`, and export →
  import → export is isomorphic except for ``prov:generatedAtTime``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Protocol, runtime_checkable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from graph.errors import InvalidInput
from graph.model import Batch, Entity, Evidence, Fact, PartialDate
from graph.rdf import rdf_format, rdflib_own_deprecations
from graph.rdf_vocab import (
    PG,
    QUALIFIER_OF_PROPERTY,
    RELATION_OF_PROPERTY,
    SCHEMA,
    TYPE_OF_CLASS,
    WD,
    partial_date_of,
    partial_date_of_time,
)
from graph.store import Store

#: Facts per write() call when importing through the ordinary write path.
WRITE_BATCH = 500


@runtime_checkable
class RestoringStore(Protocol):
    """Capability: what a lossless import needs (see the module docstring)."""

    def restore_versions(self, entities: Iterable[Entity], versions: Iterable[Fact]) -> int:
        """Store entities and fact versions verbatim, keeping ``recorded_at``/``superseded_at``."""
        ...


@dataclass(frozen=True, slots=True)
class ImportResult:
    entities: int
    facts: int
    versions: int
    versions_collapsed: int  # earlier versions the store's write path could not keep
    restamped: bool  # recorded_at was set by the store, not kept from the file


def guess_format(path: str | Path) -> str:
    """The export format from a file name: ``.ttl``, ``.nt``, ``.nq``, ``.trig``, ``.jsonld``."""
    suffix = Path(path).suffix.lower().lstrip(".")
    by_suffix = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "trig": "trig"}
    by_suffix |= {"jsonld": "jsonld", "json": "jsonld"}
    if suffix not in by_suffix:
        raise InvalidInput(f"cannot tell the RDF format of {str(path)!r}; pass --format")
    return by_suffix[suffix]


def read_graph(source: str | Path | IO[bytes], format: str) -> Graph:
    """Every triple of the source, named graphs merged (the as-of graph is derived data)."""
    fmt = rdf_format(format)
    from rdflib import Dataset

    ds = Dataset()
    try:
        with rdflib_own_deprecations():
            if isinstance(source, (str, Path)):
                ds.parse(str(source), format=fmt.rdflib_name)
            else:
                ds.parse(source=source, format=fmt.rdflib_name)
    except Exception as exc:  # rdflib's parsers raise many types; all mean bad input
        raise InvalidInput(f"cannot read the {fmt.name} input: {exc}") from exc
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


class _Reader:
    def __init__(self, graph: Graph) -> None:
        self.g = graph

    def one(self, node: Node, prop: URIRef, what: str) -> Node:
        values = list(self.g.objects(node, prop))
        if len(values) != 1:
            raise InvalidInput(f"{node} needs exactly one {prop.n3()} ({what}), has {len(values)}")
        return values[0]

    def optional(self, node: Node, prop: URIRef) -> Node | None:
        values = sorted(self.g.objects(node, prop), key=str)
        return values[0] if values else None

    def text(self, node: Node, prop: URIRef, what: str) -> str:
        return str(self.one(node, prop, what))

    def entities(self) -> tuple[dict[Node, Entity], list[Entity]]:
        by_node: dict[Node, Entity] = {}
        for cls, etype in TYPE_OF_CLASS.items():
            for node in self.g.subjects(RDF.type, cls):
                qid = next(
                    (
                        str(o)[len(str(WD)) :]
                        for o in self.g.objects(node, OWL.sameAs)
                        if str(o).startswith(str(WD))
                    ),
                    None,
                )
                by_node[node] = Entity(
                    id=self.text(node, DCTERMS.identifier, "entity id"),
                    name=self.text(node, RDFS.label, "name"),
                    type=etype,
                    aliases=tuple(sorted(str(a) for a in self.g.objects(node, SKOS.altLabel))),
                    wikidata=qid,
                )
        return by_node, sorted(by_node.values(), key=lambda e: e.id)

    def evidence(self, node: Node) -> Evidence:
        doc = self.one(node, PG.document, "document")
        url = self.optional(doc, SCHEMA.url)
        published = self.optional(node, SCHEMA.datePublished)
        start, end = self.optional(node, PG.start), self.optional(node, PG.end)
        agent = self.one(node, PROV.wasAttributedTo, "extractor")
        return Evidence(
            document_id=self.text(doc, DCTERMS.identifier, "document id"),
            sentence=self.text(node, PG.sentence, "sentence"),
            start=int(str(start)) if start is not None else None,
            end=int(str(end)) if end is not None else None,
            url=str(url) if url is not None else None,
            published=date.fromisoformat(str(published)) if published is not None else None,
            extractor=self.text(agent, RDFS.label, "extractor name"),
            confidence=float(str(self.one(node, PG.confidence, "confidence"))),
            valid_from=self.bound(node, PG.validFrom, PG.validFromValue),
            valid_to=self.bound(node, PG.validTo, PG.validToValue),
            qualifiers=self.qualifiers(node),
            succession=str(self.optional(node, PG.succession) or "false") == "true",
        )

    def bound(self, node: Node, simple: URIRef, value: URIRef) -> PartialDate | None:
        """A valid-time bound: from its time value (time and precision), or, in exports
        written before time values, from the simple value typed at its precision."""
        value_node = self.optional(node, value)
        if value_node is None:
            return _partial(self.optional(node, simple))
        time = self.one(value_node, PG.time, "time")
        precision = self.one(value_node, PG.timePrecision, "time precision")
        if not (isinstance(time, Literal) and isinstance(precision, Literal)):
            raise InvalidInput(f"{value_node}: pg:time and pg:timePrecision must be literals")
        return partial_date_of_time(time, precision)

    def qualifiers(self, node: Node) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for p, o in self.g.predicate_objects(node):
            key = QUALIFIER_OF_PROPERTY.get(URIRef(str(p)))
            if key is not None and isinstance(o, Literal):
                found[key] = _qualifier_value(o)
        return found

    def version(self, node: Node, entities: dict[Node, Entity]) -> tuple[int, Fact]:
        ends = []
        for prop in (PG.subject, PG.object):
            end = self.one(node, prop, "statement end")
            if end not in entities:
                raise InvalidInput(f"statement {node} names {end}, which is not an entity")
            ends.append(entities[end].id)
        relation_node = self.one(node, PG.relation, "relation")
        if relation_node not in RELATION_OF_PROPERTY:
            raise InvalidInput(f"statement {node} has unknown relation {relation_node}")
        qualifiers = self.qualifiers(node)
        stated = self.optional(node, PG.statedAt)
        recorded = self.optional(node, PROV.generatedAtTime)
        superseded = self.optional(node, PROV.invalidatedAtTime)
        fact = Fact(
            subject=ends[0],
            relation=RELATION_OF_PROPERTY[URIRef(str(relation_node))],
            object=ends[1],
            valid_from=self.bound(node, PG.validFrom, PG.validFromValue),
            valid_to=self.bound(node, PG.validTo, PG.validToValue),
            qualifiers=qualifiers,
            stated_at=date.fromisoformat(str(stated)) if stated is not None else None,
            recorded_at=_moment(recorded),
            superseded_at=_moment(superseded),
            confidence=float(str(self.one(node, PG.confidence, "confidence"))),
            evidence=tuple(
                sorted(
                    (self.evidence(e) for e in self.g.objects(node, PROV.wasDerivedFrom)),
                    key=lambda e: (e.published or date.min, e.document_id, e.start or 0, e.id),
                )
            ),
        )
        stated_id = self.text(node, DCTERMS.identifier, "fact id")
        if fact.id != stated_id:
            raise InvalidInput(f"statement {node}: fact id {stated_id} does not match its content")
        return int(str(self.one(node, PG.version, "version"))), fact


def _partial(node: Node | None) -> PartialDate | None:
    if node is None:
        return None
    if not isinstance(node, Literal):
        raise InvalidInput(f"expected a date literal, got {node}")
    return partial_date_of(node)


def _moment(node: Node | None) -> datetime | None:
    return datetime.fromisoformat(str(node)) if node is not None else None


def _qualifier_value(lit: Literal) -> Any:
    if lit.datatype == XSD.boolean:
        return str(lit) == "true"
    if lit.datatype == XSD.integer:
        return int(str(lit))
    if lit.datatype == XSD.double:
        return float(str(lit))
    if lit.datatype == RDF.JSON:
        return json.loads(str(lit))
    return str(lit)


def read_export(graph: Graph) -> tuple[list[Entity], list[list[Fact]]]:
    """Entities and, per fact, its versions in order, from an export's triples."""
    reader = _Reader(graph)
    by_node, entities = reader.entities()
    versions: dict[str, list[tuple[int, Fact]]] = defaultdict(list)
    for node in graph.subjects(RDF.type, PG.Statement):
        number, fact = reader.version(node, by_node)
        versions[fact.id].append((number, fact))
    histories = []
    for fact_id in sorted(versions):
        numbered = sorted(versions[fact_id], key=lambda pair: pair[0])
        if [n for n, _ in numbered] != list(range(1, len(numbered) + 1)):
            raise InvalidInput(f"fact {fact_id}: versions must be numbered 1, 2, … without gaps")
        histories.append([fact for _, fact in numbered])
    return entities, histories


def import_rdf(
    store: Store, source: str | Path | IO[bytes], format: str | None = None
) -> ImportResult:
    """Read an export (a path or a binary stream) into ``store``; see the module docstring."""
    if format is None:
        if not isinstance(source, (str, Path)):
            raise InvalidInput("the format of a stream must be given")
        format = guess_format(source)
    entities, histories = read_export(read_graph(source, format))
    count = sum(len(h) for h in histories)
    if isinstance(store, RestoringStore):
        store.restore_versions(entities, (v for h in histories for v in h))
        return ImportResult(len(entities), len(histories), count, 0, restamped=False)
    store.write(Batch(entities=tuple(entities)))
    # The store derives a fact's dates, qualifiers and confidence from its evidence
    # (each piece keeps its own claim); hand it the evidence and neutral fact fields,
    # so claimless evidence stays claimless instead of taking the fact's values.
    latest = [
        history[-1].with_changes(
            valid_from=None,
            valid_to=None,
            qualifiers={},
            stated_at=None,
            confidence=1.0,
            recorded_at=None,
            superseded_at=None,
        )
        for history in histories
    ]
    for start in range(0, len(latest), WRITE_BATCH):
        store.write(Batch(facts=tuple(latest[start : start + WRITE_BATCH])))
    return ImportResult(
        len(entities), len(histories), count, count - len(histories), restamped=True
    )
