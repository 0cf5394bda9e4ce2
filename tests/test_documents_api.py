"""POST /documents and GET /documents/{id} over HTTP, with the real extractor.

The write route needs ``PARTNERGRAPH_API_TOKEN``; the body is limited in size;
the same content twice is skipped; and a write empties the graph snapshots.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from api.app import create_app
from api.settings import Settings
from graph import Batch, Document, Entity, open_store

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"
TOKEN = "t0ken-long-enough-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

ARTICLE = (
    "Microsoft deepens its AI bet\n"
    "Microsoft has partnered with OpenAI since 2019, the company said on Thursday. "
    "Nvidia supplies chips to Microsoft."
)


def _app(url: str, **settings: Any) -> FastAPI:
    return create_app(Settings(db=url, **settings))


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("documents") / "docs.db"
    store = open_store(f"sqlite:///{path}")
    store.write(Batch(entities=(Entity.named("Microsoft", "Organization", aliases=["MSFT"]),)))
    store.close()
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def client(db_url: str) -> Iterator[TestClient]:
    with TestClient(_app(db_url, api_token=TOKEN, snapshot_ttl=3600)) as c:
        yield c


def _post(client: TestClient, body: Any, headers: dict[str, Any] | None = None) -> Any:
    return client.post("/documents", json=body, headers=AUTH if headers is None else headers)


def _problem(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM
    body: dict[str, Any] = r.json()
    assert body["status"] == status and body["instance"].startswith("/documents")
    return body


# -- auth ------------------------------------------------------------------------------


def test_writes_are_disabled_without_a_configured_token(db_url: str) -> None:
    with TestClient(_app(db_url)) as c:
        for headers in ({}, AUTH, {"Authorization": "Bearer "}):
            body = _problem(_post(c, {"text": ARTICLE, "published": "2025-09-11"}, headers), 403)
            assert "PARTNERGRAPH_API_TOKEN" in body["detail"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer \u00e9\u00e9".encode("latin-1")},
    ],
)
def test_a_missing_or_wrong_token_is_a_401_with_a_challenge(
    client: TestClient, headers: dict[str, Any]
) -> None:
    r = _post(client, {"text": ARTICLE, "published": "2025-09-11"}, headers)
    _problem(r, 401)
    assert r.headers["www-authenticate"].startswith("Bearer")


def test_auth_comes_before_body_validation(client: TestClient) -> None:
    _problem(_post(client, {"published": "not a date"}, {}), 401)


# -- ingestion -------------------------------------------------------------------------


def test_ingest_then_skip_the_same_content(client: TestClient) -> None:
    body = {"text": ARTICLE, "published": "2025-09-11", "url": "https://news.example/a1"}
    r = _post(client, body)
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["skipped"] is False
    doc = created["document"]
    assert doc["id"].startswith("doc-") and doc["url"] == "https://news.example/a1"
    assert doc["title"] == "Microsoft deepens its AI bet"
    assert doc["published"] == "2025-09-11"
    assert r.headers["location"] == f"/documents/{doc['id']}"
    triples = {(f["subject"]["id"], f["relation"], f["object"]["id"]) for f in created["items"]}
    assert ("microsoft", "partners_with", "openai") in triples
    assert ("nvidia", "supplies", "microsoft") in triples
    assert created["count"] == len(created["items"]) == created["facts_added"]
    partnership = next(f for f in created["items"] if f["relation"] == "partners_with")
    assert partnership["valid_from"] == "2019"
    (evidence,) = partnership["evidence"]
    assert evidence["document_id"] == doc["id"]
    assert "Microsoft has partnered with OpenAI since 2019" in evidence["sentence"]
    assert doc["text"][evidence["start"] : evidence["end"]] == evidence["sentence"]

    again = _post(client, {**body, "url": "https://mirror.example/a1"})
    assert again.status_code == 200, again.text
    skipped = again.json()
    assert skipped["skipped"] is True and skipped["facts_added"] == 0
    assert skipped["document"]["id"] == doc["id"]
    assert skipped["document"]["url"] == "https://news.example/a1"  # the stored one
    assert {f["id"] for f in skipped["items"]} == {f["id"] for f in created["items"]}

    stored = client.get(f"/documents/{doc['id']}")
    assert stored.status_code == 200
    assert stored.json() == doc


def test_ingest_html_with_caller_metadata(client: TestClient) -> None:
    page = (
        "<html><head><title>Chips</title><script>alert(1)</script></head><body>"
        "<nav>Home | World</nav><article><h1>Chips deal</h1>"
        "<p>Amazon has partnered with Anthropic since 2023, the companies said.</p>"
        "<p>The deal covers cloud capacity for several years to come.</p>"
        "</article></body></html>"
    )
    r = _post(client, {"html": page, "published": "2024-03-01", "doc_id": "html-1"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["document"]["id"] == "html-1"
    assert body["document"]["published"] == "2024-03-01"
    assert (
        "alert" not in body["document"]["text"] and "Home | World" not in body["document"]["text"]
    )
    assert any(f["relation"] == "partners_with" for f in body["items"])


def test_a_reused_doc_id_with_other_content_is_a_409(client: TestClient) -> None:
    first = {"text": "Acme partnered with Beta in 2020.", "published": "2025-09-11"}
    assert _post(client, {**first, "doc_id": "reused"}).status_code == 201
    other = {"text": "Gamma acquired Delta in 2021.", "published": "2025-09-11"}
    body = _problem(_post(client, {**other, "doc_id": "reused"}), 409)
    assert "reused" in body["detail"]
    assert client.get("/documents/reused").json()["text"] == first["text"]


def test_an_unknown_document_is_a_404(client: TestClient) -> None:
    body = _problem(client.get("/documents/nope"), 404)
    assert body["name_tried"] == "nope"


@pytest.mark.parametrize(
    ("body", "parameter"),
    [
        ({"text": ARTICLE, "published": "2025-13-01"}, "published"),
        ({"text": ARTICLE, "published": "11/09/2025"}, "published"),
        ({"text": ARTICLE}, "published"),
        ({"text": ARTICLE, "published": "2025-09-11", "doc_id": "a/b"}, "doc_id"),
        ({"text": ARTICLE, "published": "2025-09-11", "extra": 1}, "extra"),
        ({"published": "2025-09-11"}, "text"),
        ({"text": ARTICLE, "html": "<p>x</p>", "published": "2025-09-11"}, "text"),
        ({"text": "Share\n\n", "published": "2025-09-11"}, "text"),
    ],
)
def test_bad_bodies_are_a_422_naming_the_field(
    client: TestClient, body: dict[str, Any], parameter: str
) -> None:
    problem = _problem(_post(client, body), 422)
    assert [e["parameter"] for e in problem["errors"]] == [parameter]


def test_a_body_over_the_limit_is_a_413(db_url: str) -> None:
    with TestClient(_app(db_url, api_token=TOKEN, max_body_bytes=1000)) as c:
        big = {"text": "Acme partnered with Beta. " * 100, "published": "2025-09-11"}
        body = _problem(_post(c, big), 413)
        assert "1000 bytes" in body["detail"]
        # Declared length or not (chunked upload), the limit holds.
        chunks = iter([b'{"text": "', b"x" * 1500, b'", "published": "2025-09-11"}'])
        r = c.post(
            "/documents", content=chunks, headers={**AUTH, "content-type": "application/json"}
        )
        _problem(r, 413)
        small = _post(c, {"text": "Acme partnered with Beta.", "published": "2025-09-11"})
        assert small.status_code in (200, 201), small.text


def test_a_write_refreshes_the_cached_graph(client: TestClient) -> None:
    params = {"source": "nvidia", "target": "anthropic", "as_of": "2025-09-11", "k": 5}
    before = client.get("/paths", params=params).json()
    assert before["items"] == []
    article = "Nvidia has partnered with Anthropic since 2024, Nvidia said."
    assert _post(client, {"text": article, "published": "2025-09-11"}).status_code == 201
    after = client.get("/paths", params=params).json()
    assert [n["id"] for n in after["items"][0]["nodes"]] == ["nvidia", "anthropic"]


def test_openapi_documents_the_write_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    op = spec["paths"]["/documents"]["post"]
    for status in ("200", "201"):
        assert op["responses"][status]["content"]["application/json"]["example"], status
    for status in ("401", "403", "409", "413", "422"):
        assert list(op["responses"][status]["content"]) == [PROBLEM], status
    assert op["security"] == [{"apiToken": []}]
    assert op["requestBody"]["content"]["application/json"]["examples"]["text"]["value"]
    assert spec["paths"]["/documents/{id}"]["get"]["responses"]["200"]["content"]


def test_the_extractor_is_created_once(db_url: str, tmp_path: Path) -> None:
    app = _app(db_url, api_token=TOKEN)
    with TestClient(app) as c:
        assert getattr(app.state, "extractor", None) is None  # lazily: not at startup
        _post(c, {"text": "Acme partnered with Beta in 2020.", "published": "2025-09-11"})
        first = app.state.extractor
        _post(c, {"text": "Gamma acquired Delta in 2021.", "published": "2025-09-11"})
        assert app.state.extractor is first


# -- input hygiene (issue 14) ----------------------------------------------------------


def test_a_text_over_max_document_chars_is_a_413_naming_both_numbers(db_url: str) -> None:
    with TestClient(_app(db_url, api_token=TOKEN, max_document_chars=1000)) as c:
        text = "Acme partnered with Beta. " * 60  # 1,559 characters once cleaned
        body = _problem(_post(c, {"text": text, "published": "2025-09-11"}), 413)
        assert "1559 characters" in body["detail"] and "at most 1000" in body["detail"]
        page = f"<html><body><article><p>{text}</p></article></body></html>"
        _problem(_post(c, {"html": page, "published": "2025-09-11"}), 413)
    with TestClient(_app(db_url, api_token=TOKEN)) as c:
        text = "Acme partnered with Beta. " * 8000  # 207,999 characters: over the default
        body = _problem(_post(c, {"text": text, "published": "2025-09-11"}), 413)
        assert "207999 characters" in body["detail"] and "at most 200000" in body["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "Acme partnered with Beta. LONE"}, "text"),
        ({"html": "<p>Acme partnered with Beta. LONE</p>"}, "html"),
        ({"text": "Acme partnered with Beta.", "title": "LONE"}, "title"),
        ({"text": "Acme partnered with Beta.", "url": "https://x.example/LONE"}, "url"),
    ],
)
def test_a_lone_surrogate_is_a_422_naming_the_field(
    client: TestClient, body: dict[str, str], field: str
) -> None:
    raw = json.dumps({**body, "published": "2025-09-11"}).replace("LONE", "\\ud800")
    r = client.post(
        "/documents", content=raw.encode(), headers={**AUTH, "content-type": "application/json"}
    )
    problem = _problem(r, 422)
    assert [e["parameter"] for e in problem["errors"]] == [field]
    if field in ("text", "html"):  # free-length strings: refused by the route, not pydantic
        assert "lone surrogate" in problem["errors"][0]["message"]


def test_content_hash_never_raises() -> None:
    from graph.model import content_hash

    assert len(content_hash("x\ud800")) == 64
    assert content_hash("café") == hashlib.sha256("café".encode()).hexdigest()
    assert Document("Acme \udfff bought Beta.").id.startswith("doc-")


def test_openapi_names_both_size_limits(client: TestClient) -> None:
    op = client.get("/openapi.json").json()["paths"]["/documents"]["post"]
    assert "max_document_chars" in op["responses"]["413"]["description"]
    assert "max_body_bytes" in op["responses"]["413"]["description"]
    assert "max_document_chars" in op["description"]
