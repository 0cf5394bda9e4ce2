"""Document nodes in the RDF export carry the title, URL and publication date."""

from __future__ import annotations

import io
from datetime import date

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, XSD

from graph import Batch, Document, Evidence, Fact, Relation, queries
from graph.rdf import export
from graph.rdf_vocab import SCHEMA, RdfConfig
from graph.store import Store
from tests.conftest import MICROSOFT, OPENAI
from tests.test_rdf import conforms

DAY = date(2025, 9, 11)
ARTICLE = Document(
    text="Microsoft and OpenAI said on Monday they had extended their partnership.",
    url="https://news.example.org/ms-openai",
    title='Microsoft & OpenAI extend "partnership"',
    published=date(2025, 9, 8),
)


def _with_article(store: Store) -> None:
    said = Evidence(ARTICLE.id, ARTICLE.text, 0, len(ARTICLE.text), ARTICLE.url, ARTICLE.published)
    curated = Evidence("curated-1", "Microsoft invests in OpenAI.", published=date(2023, 1, 23))
    store.write(
        Batch(
            entities=(MICROSOFT, OPENAI),
            facts=(
                Fact(MICROSOFT.id, Relation.PARTNERS_WITH, OPENAI.id, evidence=(said,)),
                Fact(MICROSOFT.id, Relation.INVESTS_IN, OPENAI.id, evidence=(curated,)),
            ),
            document=ARTICLE,
        )
    )


def test_document_titles_come_from_the_store_or_its_fallback(store: Store) -> None:
    _with_article(store)
    titles = queries.document_titles(store, [ARTICLE.id, "curated-1", "no-such-document"])
    assert titles == {ARTICLE.id: ARTICLE.title}


def test_document_nodes_carry_title_url_and_date(store: Store) -> None:
    _with_article(store)
    turtle, ntriples = io.BytesIO(), io.BytesIO()
    export(store, "turtle", DAY, turtle)
    export(store, "ntriples", DAY, ntriples)
    graph = Graph().parse(data=turtle.getvalue(), format="turtle")
    doc = URIRef(RdfConfig().document_iri(ARTICLE.id))
    assert graph.value(doc, DCTERMS.title) == Literal(ARTICLE.title)
    assert graph.value(doc, SCHEMA.url) == Literal(ARTICLE.url, datatype=XSD.anyURI)
    assert graph.value(doc, SCHEMA.datePublished) == Literal("2025-09-08", datatype=XSD.date)
    curated = URIRef(RdfConfig().document_iri("curated-1"))
    assert graph.value(curated, DCTERMS.title) is None  # no stored document: no title
    assert graph.value(curated, SCHEMA.datePublished) == Literal("2023-01-23", datatype=XSD.date)
    ok, report = conforms(graph)
    assert ok, report
    # The streamed lines say exactly what rdflib's Turtle says.
    lines = Graph().parse(data=ntriples.getvalue(), format="nt")
    assert isomorphic(graph, lines)
    assert len(list(ox.parse(ntriples.getvalue(), format=ox.RdfFormat.N_TRIPLES))) == len(lines)
