"""Limits: body size (413 on every body-taking route), ``limit``/``max_hops``/``k``/``depth``
caps (422 naming the parameter), and time limits (504 rather than a hang).

Covered elsewhere and referenced from docs/reliability.md: the SPARQL time limit
(tests/test_sparql.py::test_time_limit_answers_504; that it stops the query's work, and
the bound on concurrent SPARQL queries, in tests/test_hardening_sparql.py), the Cypher one
(tests/test_cypher_api.py::test_a_slow_query_is_stopped_at_the_timeout, Neo4j only), a slow
path search on a big graph (tests/test_graph_api.py::test_a_slow_search_answers_504) and
feeds with entity declarations or an external DTD
(tests/test_readers.py::test_feeds_with_entity_declarations_are_refused,
::test_feed_with_an_external_dtd_is_refused).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from api.settings import Settings
from graph import open_store
from loaders.curated import load_curated

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

SEED = Path(__file__).parent / "data" / "hardening" / "seed.jsonl"
TOKEN = "limits-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LIMIT = 2_000
PROBLEM = "application/problem+json"

#: Every operation that takes a body, with a body of the right type (checked below
#: against the OpenAPI document, so a new body-taking route must be added here).
BODY_ROUTES: dict[tuple[str, str], tuple[str, bytes]] = {
    ("POST", "/documents"): (
        "application/json",
        b'{"published": "2025-01-01", "text": "' + b"x" * LIMIT + b'"}',
    ),
    ("POST", "/sparql"): (
        "application/sparql-query",
        b"SELECT * WHERE { ?s ?p ?o } # " + b"x" * LIMIT,
    ),
    ("POST", "/cypher"): (
        "application/json",
        b'{"query": "RETURN 1 // ' + b"x" * LIMIT + b'"}',
    ),
}


def seeded_db(folder: Path) -> str:
    url = f"sqlite:///{folder / 'limits.db'}"
    store = open_store(url)
    try:
        store.write(load_curated(SEED))
    finally:
        store.close()
    return url


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return seeded_db(tmp_path_factory.mktemp("limits"))


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    settings = Settings(db=db, api_token=TOKEN, max_body_bytes=LIMIT, max_limit=50)
    with TestClient(create_app(settings)) as c:
        yield c


def _problem(r: Any, status: int, parameter: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM
    body: dict[str, Any] = r.json()
    if parameter is not None:
        assert [e["parameter"] for e in body["errors"]] == [parameter]
    return body


def test_every_body_taking_route_is_covered(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    with_body = {
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if "requestBody" in op
    }
    assert with_body == set(BODY_ROUTES)


@pytest.mark.parametrize("route", sorted(BODY_ROUTES), ids=" ".join)
def test_a_declared_body_over_the_limit_is_a_413(
    client: TestClient, route: tuple[str, str]
) -> None:
    method, path = route
    media, body = BODY_ROUTES[route]
    r = client.request(method, path, content=body, headers={**AUTH, "content-type": media})
    assert f"{LIMIT} bytes" in _problem(r, 413)["detail"]


@pytest.mark.parametrize("route", sorted(BODY_ROUTES), ids=" ".join)
def test_a_streamed_body_over_the_limit_is_a_413(
    client: TestClient, route: tuple[str, str]
) -> None:
    # No Content-Length (chunked): counted while read. A regression test: /cypher once
    # parsed any size, /sparql read the whole body before comparing.
    method, path = route
    media, body = BODY_ROUTES[route]
    chunks = iter([body[:100], body[100:]])
    r = client.request(method, path, content=chunks, headers={**AUTH, "content-type": media})
    _problem(r, 413)


def test_a_body_within_the_limit_is_read(client: TestClient) -> None:
    r = client.post(
        "/sparql",
        content=b"ASK { ?s ?p ?o }",
        headers={"content-type": "application/sparql-query"},
    )
    assert r.status_code == 200 and r.json()["boolean"] is True
    r = client.post("/cypher", json={"query": "RETURN 1"})
    assert r.status_code == 404  # within the limit, and /cypher is off by default (issue 14)


def test_the_size_limit_comes_from_the_settings(db: str) -> None:
    body = b"ASK { ?s ?p ?o } # " + b"x" * 3_000
    media = {"content-type": "application/sparql-query"}
    with TestClient(create_app(Settings(db=db))) as c:  # default: 5 MB
        assert c.post("/sparql", content=body, headers=media).status_code == 200
    with TestClient(create_app(Settings(db=db, max_body_bytes=1_000))) as c:
        _problem(c.post("/sparql", content=body, headers=media), 413)


def test_every_limit_parameter_is_capped(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    capped = [
        path
        for path, item in spec["paths"].items()
        if any(p["name"] == "limit" for p in item.get("get", {}).get("parameters", []))
    ]
    assert len(capped) >= 6
    required = {"/changes": {"since": "2020-01-01"}}
    for path in capped:
        url = path.replace("{id}", "acme-robotics")
        params = {**required.get(path, {}), "limit": 51}
        body = _problem(client.get(url, params=params), 422, "limit")
        assert "at most 50" in body["detail"]
        params["limit"] = 50
        assert client.get(url, params=params).status_code == 200, url


@pytest.mark.parametrize(
    ("url", "parameter", "cap"),
    [
        ("/paths?source=acme-robotics&target=initech&max_hops={}", "max_hops", 6),
        ("/paths?source=acme-robotics&target=initech&k={}", "k", 10),
        ("/entities/acme-robotics/neighbourhood?depth={}", "depth", 3),
    ],
)
def test_graph_search_sizes_are_capped(
    client: TestClient, url: str, parameter: str, cap: int
) -> None:
    assert client.get(url.format(cap)).status_code == 200
    for over in (cap + 1, 10**9):
        _problem(client.get(url.format(over)), 422, parameter)


def test_a_sparql_query_past_its_time_limit_answers_504(db: str) -> None:
    # A cross product that never ends on its own (4 patterns over every triple).
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with TestClient(create_app(Settings(db=db, sparql_timeout=0.5))) as c:
        r = c.get("/sparql", params={"query": query})
    assert "took longer" in _problem(r, 504)["detail"]
