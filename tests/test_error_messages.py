"""Errors a person can act on (issue 16): where a JSON body broke, in words; where a
SPARQL query broke, quoted; the common prefixes predeclared and documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph import Batch, open_store
from graph.rdf_vocab import PREFIXES, data_prefixes

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "errors-token"


@pytest.fixture
def client(db_url: str, sample_batch: Batch) -> TestClient:
    store = open_store(db_url)
    store.write(sample_batch)
    store.close()
    return TestClient(create_app(Settings(db=db_url, api_token=TOKEN)))


def test_a_malformed_json_body_names_the_body_and_the_place_in_words(client: TestClient) -> None:
    body = b'{"text": "Acme buys Beta.",\n  "title": "x"\n  "url": "https://example.org"}'
    with client:
        answer = client.post(
            "/documents",
            content=body,
            headers={"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"},
        )
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["errors"] == [
        {
            "parameter": "body",
            "message": "malformed JSON at line 3, column 3 (character 45): Expecting ',' delimiter",
        }
    ]
    assert "invalid body: malformed JSON at line 3" in problem["detail"]


def test_a_sparql_syntax_error_quotes_the_line_and_marks_the_column(client: TestClient) -> None:
    query = "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER( }"
    with client:
        answer = client.get("/sparql", params={"query": query})
    assert answer.status_code == 400
    detail = answer.json()["detail"]
    assert re.match(r"invalid SPARQL query: line 3, column \d+: expected one of ", detail)
    quoted, marker = detail.splitlines()[1:3]
    assert quoted.strip() == "FILTER( }"
    # The caret stands where Oxigraph stopped: at the stray "}" (or just after it).
    assert marker.index("^") - quoted.index("}") in (0, 1)


def test_common_prefixes_are_predeclared_and_documented(client: TestClient) -> None:
    with client:
        answer = client.get(
            "/sparql", params={"query": "SELECT ?n WHERE { ent:microsoft rdfs:label ?n }"}
        )
    assert answer.status_code == 200, answer.text
    assert [b["n"]["value"] for b in answer.json()["results"]["bindings"]] == ["Microsoft"]
    documented = set(re.findall(r"`([a-z]+):`", (ROOT / "docs" / "sparql.md").read_text("utf-8")))
    assert set(PREFIXES) | set(data_prefixes()) <= documented
