"""The SPARQL endpoint: the W3C protocol through TestClient and through a real client
(SPARQLWrapper against uvicorn), read-only, limited, and the documented example
queries answering what they should."""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, URLENCODED, XML, SPARQLWrapper

from api.app import create_app
from api.routers import sparql as sparql_router
from api.settings import Settings
from graph import Batch, Entity, EntityType, Evidence, Fact, PartialDate, Relation, open_store
from graph.rdf import export
from graph.rdf_sparql import QueryRefused, check_query, example_queries
from graph.store import Revisioned, Store

ROOT = Path(__file__).resolve().parents[1]
PARTNERS = "SELECT ?a ?b WHERE { ?a pg:partnersWith ?b } ORDER BY ?a ?b"


def _ev(doc: str, host: str, published: str, **claim: Any) -> Evidence:
    return Evidence(
        document_id=doc,
        sentence=f"Sentence of {doc}.",
        start=0,
        end=10,
        url=f"https://{host}/{doc}",
        published=date.fromisoformat(published),
        valid_from=PartialDate.parse_optional(claim.pop("valid_from", None)),
        valid_to=PartialDate.parse_optional(claim.pop("valid_to", None)),
        qualifiers=claim,
    )


def org(eid: str, name: str) -> Entity:
    return Entity(eid, name, EntityType.ORGANIZATION)


def person(eid: str, name: str) -> Entity:
    return Entity(eid, name, EntityType.PERSON)


def fill(store: Store) -> None:
    store.write(
        Batch(
            entities=(
                org("microsoft", "Microsoft"),
                org("openai", "OpenAI"),
                org("nvidia", "Nvidia"),
                org("mistral", "Mistral AI"),
                org("inflection", "Inflection AI"),
                person("sam-altman", "Sam Altman"),
                person("emmett-shear", "Emmett Shear"),
                person("mira-murati", "Mira Murati"),
            )
        )
    )
    facts = [
        # Microsoft ↔ OpenAI since 2019: two publishers → an independent second source.
        Fact(
            "microsoft",
            Relation.PARTNERS_WITH,
            "openai",
            evidence=(
                _ev("a1", "www.reuters.example", "2023-01-23", valid_from="2019-07"),
                _ev("a2", "bloomberg.example", "2023-01-24", valid_from="2019"),
            ),
        ),
        # Microsoft ↔ Mistral from 2024-02: not in 2023.
        Fact(
            "microsoft",
            Relation.PARTNERS_WITH,
            "mistral",
            evidence=(_ev("a3", "reuters.example", "2024-02-26", valid_from="2024-02"),),
        ),
        # Microsoft ↔ Inflection, 2022 until 2023-06: in 2023; two articles, ONE publisher.
        Fact(
            "inflection",
            Relation.PARTNERS_WITH,
            "microsoft",
            evidence=(
                _ev("a4", "reuters.example", "2022-05-01", valid_from="2022", valid_to="2023-06"),
                _ev("a5", "www.reuters.example", "2023-07-01", valid_from="2022"),
            ),
        ),
        # Microsoft ↔ Nvidia ended before 2023 (valid_to 2023 is exclusive).
        Fact(
            "microsoft",
            Relation.PARTNERS_WITH,
            "nvidia",
            evidence=(_ev("a6", "ft.example", "2021-01-01", valid_from="2020", valid_to="2023"),),
        ),
        Fact(
            "sam-altman",
            Relation.EXECUTIVE_OF,
            "openai",
            evidence=(_ev("b1", "ft.example", "2019-03-08", valid_from="2019-03", role="CEO"),),
        ),
        Fact(
            "emmett-shear",
            Relation.EXECUTIVE_OF,
            "openai",
            evidence=(
                _ev(
                    "b2",
                    "ft.example",
                    "2023-11-20",
                    valid_from="2023-11-20",
                    valid_to="2023-11-22",
                    role="CEO",
                ),
            ),
        ),
        Fact(
            "mira-murati",
            Relation.EXECUTIVE_OF,
            "openai",
            evidence=(_ev("b3", "ft.example", "2022-05-01", valid_from="2022-05", role="CTO"),),
        ),
    ]
    store.write(Batch(facts=tuple(facts)))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "sparql.db"
    store = open_store(f"sqlite:///{path}")
    fill(store)
    store.close()
    return path


def make_app(db_path: Path, **settings: Any) -> FastAPI:
    return create_app(Settings(db=f"sqlite:///{db_path}", **settings))


@pytest.fixture
def client(db_path: Path) -> Iterator[TestClient]:
    with TestClient(make_app(db_path)) as test_client:
        yield test_client


def bindings(answer: Any) -> list[dict[str, str]]:
    return [{k: v["value"] for k, v in row.items()} for row in answer["results"]["bindings"]]


# -- the protocol ---------------------------------------------------------------------


def test_get_form_post_and_direct_post_give_the_same_answer(client: TestClient) -> None:
    by_get = client.get("/sparql", params={"query": PARTNERS})
    by_form = client.post("/sparql", data={"query": PARTNERS})
    by_body = client.post(
        "/sparql", content=PARTNERS, headers={"Content-Type": "application/sparql-query"}
    )
    for answer in (by_get, by_form, by_body):
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"] == "application/sparql-results+json"
    assert by_get.json() == by_form.json() == by_body.json()
    # Symmetric relations have direct triples both ways; only facts holding today.
    pairs = {(r["a"].rsplit("/", 1)[1], r["b"].rsplit("/", 1)[1]) for r in bindings(by_get.json())}
    assert ("microsoft", "openai") in pairs and ("openai", "microsoft") in pairs
    assert ("microsoft", "nvidia") not in pairs


@pytest.mark.parametrize(
    ("accept", "media", "parser"),
    [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            ox.QueryResultsFormat.JSON,
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            ox.QueryResultsFormat.XML,
        ),
        ("text/csv", "text/csv", ox.QueryResultsFormat.CSV),
        ("text/tab-separated-values", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("application/xml;q=0.5, text/csv;q=0.9", "text/csv", ox.QueryResultsFormat.CSV),
        ("*/*", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ],
)
def test_results_by_content_negotiation_are_read_back_by_pyoxigraph(
    client: TestClient, accept: str, media: str, parser: ox.QueryResultsFormat
) -> None:
    answer = client.get("/sparql", params={"query": PARTNERS}, headers={"Accept": accept})
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == media
    assert "Accept" in answer.headers["vary"]
    if parser == ox.QueryResultsFormat.CSV:  # lossy by design: pyoxigraph won't read it
        table = list(csv.reader(io.StringIO(answer.text)))
        assert table[0] == ["a", "b"]
        rows: list[Any] = table[1:]
    else:
        rows = list(ox.parse_query_results(answer.content, format=parser))
    assert len(rows) == 4  # today: microsoft↔openai and microsoft↔mistral, both ways


def test_ask_and_construct(client: TestClient) -> None:
    ask = client.get("/sparql", params={"query": "ASK { ?a pg:partnersWith ?b }"})
    assert ask.json() == {"head": {}, "boolean": True}
    construct = client.get(
        "/sparql",
        params={"query": "CONSTRUCT { ?a pg:partnersWith ?b } WHERE { ?a pg:partnersWith ?b }"},
        headers={"Accept": "application/n-triples"},
    )
    assert construct.headers["content-type"].startswith("application/n-triples")
    assert len(list(ox.parse(construct.content, format=ox.RdfFormat.N_TRIPLES))) == 4
    turtle = client.get("/sparql", params={"query": "DESCRIBE ?s WHERE { ?s rdfs:label 'OpenAI' }"})
    assert turtle.headers["content-type"].startswith("text/turtle")


def _problem(answer: Any, status: int) -> str:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    body = answer.json()
    assert body["status"] == status
    return str(body["detail"])


def test_updates_are_refused(client: TestClient) -> None:
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    assert "read-only" in _problem(client.post("/sparql", data={"update": update}), 403)
    assert "read-only" in _problem(client.get("/sparql", params={"update": update}), 403)
    assert "read-only" in _problem(
        client.post(
            "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}
        ),
        403,
    )
    as_query = "PREFIX ex: <urn:x#> # comment\nDELETE WHERE { ?s ?p ?o }"
    assert "read-only" in _problem(client.get("/sparql", params={"query": as_query}), 403)
    still = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert still.json()["boolean"] is True


def test_service_is_refused_even_when_escaped(client: TestClient) -> None:
    for text in (
        "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "SELECT * { \\u0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "SELECT * { service silent <http://127.0.0.1:1/> { ?s ?p ?o } }",
    ):
        assert "SERVICE" in _problem(client.get("/sparql", params={"query": text}), 403)
    # The word in a string, an IRI or a variable is not the keyword.
    check_query('SELECT ?service WHERE { ?service rdfs:label "SERVICE" }')
    check_query("SELECT * WHERE { <urn:SERVICE> ?p ?o } # SERVICE")
    with pytest.raises(QueryRefused):
        check_query("   ")


def test_malformed_requests_are_problems(client: TestClient) -> None:
    assert "invalid SPARQL" in _problem(client.get("/sparql", params={"query": "SELEKT"}), 400)
    assert "missing" in _problem(client.get("/sparql"), 400)
    _problem(client.get("/sparql", params=[("query", PARTNERS), ("query", PARTNERS)]), 400)
    _problem(client.post("/sparql", content=PARTNERS, headers={"Content-Type": "text/plain"}), 415)
    _problem(
        client.get("/sparql", params={"query": PARTNERS}, headers={"Accept": "image/png"}), 406
    )
    _problem(
        client.get("/sparql", params={"query": PARTNERS, "default-graph-uri": "not an iri"}), 400
    )


def test_named_graphs_and_default_graph_uri(client: TestClient) -> None:
    graphs = client.get(
        "/sparql",
        params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"},
    )
    names = [r["g"] for r in bindings(graphs.json())]
    assert names[0].startswith("https://partnergraph.dev/id/graph/as-of/")
    assert names[1] == "https://partnergraph.dev/id/graph/facts"
    only_facts = client.get(
        "/sparql", params={"query": "ASK { ?a pg:partnersWith ?b }", "default-graph-uri": names[1]}
    )
    assert only_facts.json()["boolean"] is False  # direct triples live in the as-of graph


def test_result_limit_truncates_and_says_so(db_path: Path) -> None:
    with TestClient(make_app(db_path, sparql_max_results=2)) as limited:
        answer = limited.get("/sparql", params={"query": PARTNERS})
        assert len(answer.json()["results"]["bindings"]) == 2
        assert answer.headers["partnergraph-results-truncated"] == "true"
        small = limited.get(
            "/sparql", params={"query": "SELECT ?s WHERE { ?s rdfs:label 'OpenAI' }"}
        )
        assert "partnergraph-results-truncated" not in small.headers


def test_time_limit_answers_504(db_path: Path) -> None:
    # Billions of rows, and a result cap far above them: only the clock can end it
    # (with the default cap a fast machine filled 10,000 rows inside the limit).
    heavy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with TestClient(make_app(db_path, sparql_timeout=0.3, sparql_max_results=10**12)) as slow:
        started = time.monotonic()
        answer = slow.get("/sparql", params={"query": heavy})
        assert "longer than" in _problem(answer, 504)
        assert time.monotonic() - started < 5


def test_the_dataset_follows_the_store(db_path: Path) -> None:
    app = make_app(db_path, sparql_ttl=3600)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a pg:Statement }"
    with TestClient(app) as client:
        before = int(bindings(client.get("/sparql", params={"query": count}).json())[0]["n"])
        store: Store = app.state.store
        store.write(
            Batch(
                facts=(
                    Fact(
                        "nvidia",
                        Relation.COMPETES_WITH,
                        "openai",
                        evidence=(_ev("c1", "ft.example", "2024-01-01"),),
                    ),
                )
            )
        )
        cached = int(bindings(client.get("/sparql", params={"query": count}).json())[0]["n"])
        if not isinstance(store, Revisioned):
            assert cached == before  # no change marker: the TTL decides…
            sparql_router.invalidate_sparql_dataset(app)  # …or an API write invalidates
        after = int(bindings(client.get("/sparql", params={"query": count}).json())[0]["n"])
        assert after == before + 1


# -- the documented example queries ------------------------------------------------------

EXPECTED = {
    "microsoft_partners_2023": ["Inflection AI", "OpenAI"],
    "openai_ceos": ["Sam Altman", "Emmett Shear"],
    "multi_source_facts": ["Microsoft partners_with OpenAI"],
    "microsoft_partners_2023_sources": ["Inflection AI", "Inflection AI", "OpenAI", "OpenAI"],
    "microsoft_relations_on_a_day": ["Mistral AI", "OpenAI"],
    "openai_leaders_2023": ["Mira Murati", "Sam Altman"],
}


def _names(name: str, rows: list[dict[str, str]]) -> list[str]:
    if name == "multi_source_facts":
        return [
            f"{r['subject']} {r['relation'].rsplit('#')[1]} {r['object']}".replace(
                "partnersWith", "partners_with"
            )
            for r in rows
        ]
    return [r["name"] for r in rows]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_queries_answer_through_the_endpoint(client: TestClient, name: str) -> None:
    query = example_queries()[name]["query"]
    answer = client.post("/sparql", data={"query": query})
    assert answer.status_code == 200, answer.text
    assert _names(name, bindings(answer.json())) == EXPECTED[name]


def test_example_queries_answer_in_a_plain_oxigraph_loaded_with_the_export(db_path: Path) -> None:
    store = open_store(f"sqlite:///{db_path}")
    out = io.BytesIO()
    export(store, "turtle", None, out)
    store.close()
    oxigraph = ox.Store()
    oxigraph.load(out.getvalue(), format=ox.RdfFormat.TURTLE)
    ceos = example_queries()["openai_ceos"]["query"]
    rows = list(oxigraph.query(ceos))
    assert [r["name"].value for r in rows] == EXPECTED["openai_ceos"]
    assert rows[1]["from"] == ox.Literal(
        "2023-11-20T00:00:00Z",  # Oxigraph writes UTC as Z
        datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime"),
    )
    assert rows[1]["to"].value == "2023-11-22T00:00:00Z"


def test_example_queries_are_documented() -> None:
    doc = (ROOT / "docs" / "sparql.md").read_text("utf-8")
    for name, example in example_queries().items():
        assert example["query"].strip() in doc, name
        assert example["title"] in doc, name


# -- a real client against a real server -------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(db_path: Path) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(make_app(db_path), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}/sparql"
    srv.should_exit = True
    thread.join(timeout=10)


def test_sparqlwrapper_against_uvicorn(server: str) -> None:
    query = example_queries()["openai_ceos"]["query"]
    client = SPARQLWrapper(server)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert [r["name"]["value"] for r in rows] == EXPECTED["openai_ceos"]

    client.setReturnFormat(XML)
    xml = client.queryAndConvert()
    names = [
        n.firstChild.data
        for n in xml.getElementsByTagName("literal")  # type: ignore[union-attr]
        if n.firstChild is not None and n.firstChild.data in EXPECTED["openai_ceos"]
    ]
    assert names == EXPECTED["openai_ceos"]

    for fmt, delimiter in ((CSV, ","), (TSV, "\t")):
        client.setReturnFormat(fmt)
        raw = client.queryAndConvert()
        text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
        table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert table[0][:2] in (["person", "name"], ["?person", "?name"])
        assert len(table) == 3

    for method in (URLENCODED, POSTDIRECTLY):
        client.setMethod(POST)
        client.setRequestMethod(method)
        client.setReturnFormat(JSON)
        rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
        assert [r["name"]["value"] for r in rows] == EXPECTED["openai_ceos"]


# -- dates compare as date-times, whatever their precision ---------------------------------


def test_a_datetime_filter_keeps_every_start_by_then_at_any_precision(tmp_path: Path) -> None:
    """Wikidata's model: a bound is the first instant of its period (xsd:dateTime), so a
    plain FILTER keeps a start of 2021, of December 2023 and of 31 December 2023."""
    acme = Entity.named("Acme", EntityType.ORGANIZATION)
    starts = {"Year Co": "2021", "Month Co": "2023-12", "Day Co": "2023-12-31", "Later Co": "2024"}
    partners = {name: Entity.named(name, EntityType.ORGANIZATION) for name in starts}
    facts = tuple(
        Fact(
            acme.id,
            Relation.PARTNERS_WITH,
            partners[name].id,
            valid_from=PartialDate.parse(start),
            evidence=(Evidence(f"d-{start}", f"Acme partners with {name}."),),
        )
        for name, start in starts.items()
    )
    path = tmp_path / "dates.db"
    store = open_store(f"sqlite:///{path}")
    store.write(Batch(entities=(acme, *partners.values()), facts=facts))
    store.close()
    query = """
    SELECT ?name ?precision WHERE {
      ?st pg:relation pg:partnersWith ; pg:validFrom ?from ;
          pg:validFromValue/pg:timePrecision ?precision ;
          pg:subject|pg:object ?partner .
      ?partner rdfs:label ?name .
      FILTER (?name != "Acme")
      FILTER (?from <= "2023-12-31T00:00:00Z"^^xsd:dateTime)
    } ORDER BY ?name"""
    with TestClient(make_app(path)) as client:
        answer = client.get("/sparql", params={"query": query})
    assert answer.status_code == 200, answer.text
    rows = bindings(answer.json())
    assert [(r["name"], r["precision"]) for r in rows] == [
        ("Day Co", "11"),
        ("Month Co", "10"),
        ("Year Co", "9"),
    ]
