"""The API on a Neo4j store: ``POST /cypher`` (read-only Cypher), and a server outage.

Against the real server of the test run (``neo4j_url`` in conftest), through
``create_app(Settings(db=<bolt url>))`` and FastAPI's TestClient. The outage
test starts a Neo4j of its own (it stops and restarts it), never the shared one.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from graph import Batch, Document, Relation, open_store
from graph.stores.neo4j import Neo4jStore
from tests.conftest import MICROSOFT, NVIDIA, OPENAI, fact, neo4j_server

with warnings.catch_warnings():
    # As in tests/test_api.py: Starlette's TestClient warns about httpx; only for this import.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"


@pytest.fixture
def neo(neo4j_url: str) -> Iterator[Neo4jStore]:
    store = open_store(neo4j_url)
    assert isinstance(store, Neo4jStore)
    store.delete_everything()
    doc = Document("Microsoft and OpenAI renewed their pact.", title="Pact renewed")
    store.write(
        Batch(
            (MICROSOFT, OPENAI, NVIDIA),
            (
                fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019-07", doc=doc.id),
                fact(NVIDIA, Relation.SUPPLIES, OPENAI, "2020"),
            ),
            doc,
        )
    )
    yield store
    store.close()


@pytest.fixture
def client(neo: Neo4jStore, neo4j_url: str) -> Iterator[TestClient]:
    settings = Settings(db=neo4j_url, cypher="public", cypher_max_rows=5, cypher_timeout=2.0)
    with TestClient(create_app(settings)) as c:
        yield c


def cypher(client: TestClient, query: str, **parameters: Any) -> Any:
    return client.post("/cypher", json={"query": query, "parameters": parameters})


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["instance"] == "/cypher"
    return body


def test_a_read_query_with_parameters(client: TestClient) -> None:
    r = cypher(
        client,
        "MATCH (c:Entity {id: $company})-[r:PARTNERS_WITH]-(p:Entity) "
        "RETURN p.name AS partner, r.valid_from AS since, r.status AS status",
        company="microsoft",
    )
    assert r.status_code == 200, r.text
    assert r.json() == {
        "columns": ["partner", "since", "status"],
        "rows": [{"partner": "OpenAI", "since": "2019-07-01", "status": None}],
        "truncated": False,
        "max_rows": 5,
    }


def test_nodes_relationships_and_times_come_back_as_json(client: TestClient) -> None:
    r = cypher(
        client,
        "MATCH (a:Entity {id: $id})-[r:SUPPLIES]->(b) "
        "RETURN a, r, b.name AS name, r.recorded_at AS recorded, [1, 'x'] AS list",
        id="nvidia",
    )
    assert r.status_code == 200, r.text
    [row] = r.json()["rows"]
    assert row["a"]["labels"] == ["Entity", "Organization"]
    assert row["a"]["properties"]["name"] == "Nvidia"
    assert row["r"]["type"] == "SUPPLIES"
    assert row["r"]["start"] == row["a"]["id"]
    assert row["r"]["properties"]["valid_from"] == "2020-01-01"
    assert row["r"]["properties"]["valid_from_iso"] == "2020"
    assert row["recorded"].startswith("20") and "T" in row["recorded"]
    assert row["list"] == [1, "x"] and row["name"] == "OpenAI"


def test_a_path_comes_back_as_nodes_and_relationships(client: TestClient) -> None:
    r = cypher(
        client,
        "MATCH p = (:Entity {id: $a})-[*..3]-(:Entity {id: $b}) RETURN p LIMIT 1",
        a="microsoft",
        b="nvidia",
    )
    assert r.status_code == 200, r.text
    path = r.json()["rows"][0]["p"]
    assert [n["properties"]["name"] for n in path["nodes"]] == ["Microsoft", "OpenAI", "Nvidia"]
    assert [rel["type"] for rel in path["relationships"]] == ["PARTNERS_WITH", "SUPPLIES"]


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n:Intruder) RETURN n",
        "MATCH (e:Entity) SET e.name = 'pwned' RETURN e",
        "MATCH (n) DETACH DELETE n",
        "MERGE (n:Intruder {id: 1})",
    ],
)
def test_a_write_is_refused_and_nothing_is_written(
    client: TestClient, neo: Neo4jStore, query: str
) -> None:
    body = problem(cypher(client, query), 403)
    assert "read-only" in body["detail"]
    counts = neo.read_cypher(
        "MATCH (n) RETURN count(n) AS nodes, sum(CASE WHEN n:Intruder THEN 1 ELSE 0 END) AS bad"
    )
    assert counts == [{"nodes": 3 + 2 + 2, "bad": 0}]  # 3 entities, 2 facts, 2 documents
    names = {r["name"] for r in neo.read_cypher("MATCH (e:Entity) RETURN e.name AS name")}
    assert names == {"Microsoft", "OpenAI", "Nvidia"}


def test_a_huge_answer_is_cut_at_the_row_limit(client: TestClient) -> None:
    started = time.monotonic()
    r = cypher(client, "UNWIND range(1, 100000000) AS i RETURN i")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["rows"] == [{"i": i} for i in range(1, 6)]
    assert (body["truncated"], body["max_rows"]) == (True, 5)
    assert time.monotonic() - started < 30  # streamed and cut, not computed to the end


def test_a_slow_query_is_stopped_at_the_timeout(client: TestClient) -> None:
    started = time.monotonic()
    r = cypher(
        client,
        "UNWIND range(1, 1000000000000) AS i WITH i WHERE i < 0 RETURN count(i) AS n",
    )
    body = problem(r, 504)
    assert "longer than 2 s" in body["detail"]
    assert time.monotonic() - started < 30


@pytest.mark.parametrize(
    ("payload", "parameter"),
    [
        ({"query": "MATCH (n RETURN n"}, "query"),
        ({"query": "RETURN $missing AS x"}, "query"),
        ({"query": ""}, "query"),
        ({"parameters": {}}, "query"),
        ({"query": "RETURN 1", "parameters": [1, 2]}, "parameters"),
        ({"query": "RETURN $x AS x", "parameters": {"x": 2**70}}, "parameters"),
    ],
)
def test_bad_cypher_is_a_422_problem(
    client: TestClient, payload: dict[str, Any], parameter: str
) -> None:
    body = problem(client.post("/cypher", json=payload), 422)
    assert [e["parameter"] for e in body["errors"]] == [parameter]


def test_values_are_parameters_never_spliced(client: TestClient, neo: Neo4jStore) -> None:
    hostile = "x'}) DETACH DELETE n //"
    r = cypher(client, "MATCH (e:Entity) WHERE e.name = $name RETURN e.id AS id", name=hostile)
    assert r.status_code == 200 and r.json()["rows"] == []
    assert len(neo.read_cypher("MATCH (e:Entity) RETURN e")) == 3


def test_on_the_sqlite_store_cypher_answers_a_clear_problem(tmp_path: Path) -> None:
    # Was a 501: a 5xx for the client's choice of route (issue 14).
    settings = Settings(db=f"sqlite:///{tmp_path / 'plain.db'}", cypher="public")
    with TestClient(create_app(settings)) as c:
        body = problem(c.post("/cypher", json={"query": "RETURN 1"}), 409)
    assert "needs the Neo4j store" in body["detail"] and "sqlite" in body["detail"]


def test_cypher_is_off_unless_switched_on(neo: Neo4jStore, neo4j_url: str) -> None:
    with TestClient(create_app(Settings(db=neo4j_url))) as c:
        body = problem(c.post("/cypher", json={"query": "RETURN 1 AS x"}), 404)
    assert "PARTNERGRAPH_CYPHER=on" in body["detail"]
    assert "PARTNERGRAPH_CYPHER=public" in body["detail"]


def test_cypher_on_needs_the_bearer_token(neo: Neo4jStore, neo4j_url: str) -> None:
    query = {"query": "MATCH (e:Entity) RETURN count(e) AS n"}
    settings = Settings(db=neo4j_url, cypher="on", api_token=SecretStr("s3cret-token"))
    with TestClient(create_app(settings)) as c:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret-token"}):
            denied = c.post("/cypher", json=query, headers=headers)
            problem(denied, 401)
            assert denied.headers["www-authenticate"].startswith("Bearer")
        allowed = c.post("/cypher", json=query, headers={"Authorization": "Bearer s3cret-token"})
    assert allowed.status_code == 200, allowed.text
    assert allowed.json()["rows"] == [{"n": 3}]
    # Switched on, but the server has no token to compare with: refused, saying why.
    with TestClient(create_app(Settings(db=neo4j_url, cypher="on"))) as c:
        body = problem(c.post("/cypher", json=query), 403)
    assert "PARTNERGRAPH_API_TOKEN" in body["detail"]


def test_openapi_documents_cypher(client: TestClient) -> None:
    op = client.get("/openapi.json").json()["paths"]["/cypher"]["post"]
    assert op["summary"] and op["description"] and op["tags"] == ["cypher"]
    assert op["responses"]["200"]["content"]["application/json"]["example"]["rows"]
    assert "PARTNERGRAPH_CYPHER" in op["description"] and "LOAD CSV" in op["description"]
    for status in ("401", "403", "404", "409", "422", "503", "504"):
        assert list(op["responses"][status]["content"]) == [PROBLEM], status


# -- an outage: 503 while the server is down, 200 again once it is back ----------------

#: How long a request may take to answer 503 while the server is down: the driver
#: retries for the store's ``retry_seconds`` (5 s; about 7 s with its back-off), plus
#: slack for a loaded machine.
OUTAGE_ANSWER_SECONDS = 20


@pytest.mark.slow
def test_the_api_answers_503_while_neo4j_is_down_and_recovers_by_itself(
    tmp_path: Path,
) -> None:
    """Kills and restarts a Neo4j of its own (same port, same data): two server starts
    (15-40 s each on a loaded 2-core machine) plus the driver's 15 s of retries."""
    home = tmp_path / "neo4j"
    home.mkdir()
    clock = time.monotonic()
    phases: dict[str, float] = {}
    with neo4j_server(home) as first:
        phases["first start"] = time.monotonic() - clock
        url = first.url
        port = url.rsplit(":", 1)[1]
        store = open_store(url)
        store.write(Batch((MICROSOFT, OPENAI), (fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI),)))
        store.close()
        with TestClient(create_app(Settings(db=url))) as client:
            assert client.get("/health").status_code == 200
            first.crash()

            started = time.monotonic()
            down = client.get("/entities/microsoft")
            waited = time.monotonic() - started
            body = problem_at(down, 503, "/entities/microsoft")
            assert body["detail"] == "the graph store is unavailable; try again later"
            assert waited < OUTAGE_ANSWER_SECONDS, f"503 took {waited:.1f} s"
            assert client.get("/health").status_code == 503

            phases["503 answer"] = waited
            clock = time.monotonic()
            with neo4j_server(home, "--bolt-port", port) as second:
                phases["second start"] = time.monotonic() - clock
                assert second.url == url
                answer = client.get("/entities/microsoft")  # the same app, no restart
                assert answer.status_code == 200, answer.text
                assert answer.json()["name"] == "Microsoft"
                assert client.get("/health").status_code == 200
                print("outage phases (s):", {k: round(v, 1) for k, v in phases.items()})


def problem_at(response: Any, status: int, instance: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["instance"] == instance
    return body
