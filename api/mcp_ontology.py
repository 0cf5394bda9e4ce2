"""The ontology as an MCP resource: what an assistant needs to read the graph's answers.

Generated, never hand-copied: the vocabulary comes from the code's enums and
tables (:class:`graph.model.Relation`, :data:`graph.model.SIGNATURES`,
:data:`graph.model.SUCCESSION`, :class:`graph.model.EntityType`, the
qualifier keys and statuses, :class:`graph.model.Precision`) and the
descriptions from the RDF vocabulary ``graph/rdf_data/pg.ttl`` (each term's
``rdfs:label`` and ``rdfs:comment``), so the resource changes when they do::

    >>> doc = ontology()
    >>> [r["name"] for r in doc["relations"]][:2]
    ['partners_with', 'invests_in']
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from graph.model import (
    QUALIFIER_KEYS,
    SIGNATURES,
    STATUSES,
    SUCCESSION,
    EntityType,
    Precision,
    Relation,
)
from graph.rdf_vocab import CLASSES, PG, PROPERTY_NAMES, QUALIFIER_PROPERTIES

URI = "partnergraph://ontology"

#: How to read the three clocks of every answer (the model's own rules, see graph/model.py).
TIME_RULES = {
    "as_of": (
        "Valid time. A fact holds on day T when valid_from <= T < valid_to, each bound "
        "compared at its own precision (a start 'in 2019' holds from 2019-01-01; an end "
        "'in 2025-03' no longer holds on 2025-03-01); a missing bound is open. Tools "
        "default as_of to today; all_time=true ignores valid time."
    ),
    "known_at": (
        "Transaction time. Nothing is deleted: a correction supersedes a fact version "
        "(recorded_at <= K < superseded_at). known_at=K answers as the store knew it at K; "
        "the default is now."
    ),
    "stated_at": "The publication date of the earliest article stating the fact.",
    "dates": (
        "valid_from and valid_to are ISO 8601 at the precision the source supports: "
        "'2019' (year), '2025-08' (month) or '2025-08-28' (day); valid_from_precision and "
        "valid_to_precision name it."
    ),
    "symmetric": (
        "partners_with and competes_with are stored once, ends in a canonical order, and "
        "match either way round: read subject and object of such a fact as unordered."
    ),
    "evidence": (
        "Every fact lists the sentences that state it, each with its document, URL, "
        "publication date, character offsets, extractor and confidence: cite these."
    ),
}


@cache
def _vocabulary() -> Graph:
    graph = Graph()
    graph.parse(data=files("graph.rdf_data").joinpath("pg.ttl").read_text("utf-8"), format="turtle")
    return graph


def _text(term: URIRef, predicate: URIRef) -> str | None:
    value = _vocabulary().value(term, predicate)
    return str(value) if value is not None else None


def _relation(relation: Relation) -> dict[str, Any]:
    subjects, objects = SIGNATURES[relation]
    term = PG[PROPERTY_NAMES[relation]]
    succession = SUCCESSION.get(relation)
    return {
        "name": relation.value,
        "label": _text(term, RDFS.label),
        "description": _text(term, RDFS.comment),
        "symmetric": relation.symmetric,
        "subject_types": sorted(t.value for t in subjects),
        "object_types": sorted(t.value for t in objects),
        "one_holder_at_a_time": None
        if succession is None
        else {
            "fixed_end": succession["by"],
            "roles": sorted(succession["roles"]) if succession["roles"] else None,
        },
        "rdf_property": str(term),
    }


def ontology() -> dict[str, Any]:
    """The vocabulary, its constraints and the time rules, as one JSON-ready document."""
    return {
        "entity_types": [
            {
                "name": t.value,
                "description": _text(CLASSES[t][0], RDFS.comment),
                "rdf_class": str(CLASSES[t][0]),
            }
            for t in EntityType
        ],
        "relations": [_relation(r) for r in Relation],
        "qualifiers": [
            {"name": key, "description": _text(QUALIFIER_PROPERTIES[key], RDFS.comment)}
            for key in sorted(QUALIFIER_KEYS)
        ],
        "statuses": sorted(STATUSES),
        "date_precisions": [p.value for p in Precision],
        "time": {
            **TIME_RULES,
            "valid_from": _text(PG.validFrom, RDFS.comment),
            "valid_to": _text(PG.validTo, RDFS.comment),
        },
        "rdf_vocabulary": str(PG).rstrip("#"),
    }
