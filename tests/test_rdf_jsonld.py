"""JSON-LD: compacted with the published context, and still exactly the same quads."""

from __future__ import annotations

import io
import json
from datetime import date

import pyoxigraph as ox
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph import Batch, open_store
from graph.rdf import export
from graph.rdf_vocab import jsonld_context

DAY = date(2025, 9, 11)


def _quads(data: bytes, fmt: ox.RdfFormat) -> set[str]:
    return {str(q) for q in ox.parse(data, format=fmt)}


def test_jsonld_is_compact_and_reads_back_as_the_nquads(db_url: str, sample_batch: Batch) -> None:
    store = open_store(db_url)
    store.write(sample_batch)
    jsonld, nquads = io.BytesIO(), io.BytesIO()
    export(store, "jsonld", DAY, jsonld)
    export(store, "nquads", DAY, nquads)
    store.close()
    document = json.loads(jsonld.getvalue())
    assert document["@context"] == jsonld_context()
    nodes = [n for g in document["@graph"] for n in g["@graph"]]
    microsoft = next(n for n in nodes if n.get("investsIn") and n["@id"] == "ent:microsoft")
    assert microsoft["investsIn"] == "ent:openai"  # a short term, the object as a short IRI
    statement = next(n for n in nodes if n.get("@type") == "pg:Statement")
    assert statement["relation"].startswith("pg:") and statement["subject"].startswith("ent:")
    # Another parser (Oxigraph) expands it to exactly the quads of the N-Quads export.
    assert _quads(jsonld.getvalue(), ox.RdfFormat.JSON_LD) == _quads(
        nquads.getvalue(), ox.RdfFormat.N_QUADS
    )


def test_the_context_is_published(db_url: str) -> None:
    with TestClient(create_app(Settings(db=db_url))) as c:
        answer = c.get("/export/context.jsonld")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/ld+json")
    assert answer.json() == {"@context": jsonld_context()}
    assert answer.json()["@context"]["partnersWith"] == {"@id": "pg:partnersWith", "@type": "@id"}
