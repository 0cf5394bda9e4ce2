"""The MCP server (api/mcp_server.py), driven by the SDK's own client.

Over stdio against a ``partnergraph mcp`` subprocess, and over streamable HTTP
against ``partnergraph serve``, each on a copy of the demo data (seeds/). Every
process a test starts ends with it: the stdio client stops its server on exit,
``Server`` stops in all cases, and both run under ``dies_with_us``.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, closing
from pathlib import Path
from typing import Any

import anyio
import httpx
import httpx2
import pytest
from fastapi.testclient import TestClient
from mcp.client import Client
from mcp.client.stdio import StdioServerParameters
from mcp.client.streamable_http import streamable_http_client
from mcp_types import CallToolResult

from api.app import create_app
from api.mcp_http import transport_security
from api.settings import Settings
from graph.model import EntityType, Relation
from tests.conftest import dies_with_us
from tests.test_serve import EXE, ROOT, Server

TOKEN = "mcp-test-token-✓"  # non-ASCII on purpose: the API's check compares bytes
ARTICLE = {
    "text": "Acme Robotics partnered with Globex Corporation in March 2025.",
    "title": "Acme and Globex team up",
    "url": "https://example.com/acme-globex",
    "published": "2025-04-02",
}
READ_TOOLS = {
    "search_entities",
    "get_entity",
    "entity_relations",
    "find_facts",
    "get_fact",
    "entity_timeline",
    "changes_since",
    "find_paths",
    "neighbourhood",
}
#: Bounds every exchange: a hung server fails the test instead of stalling the suite.
TIMEOUT = 120


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mcp-demo") / "demo.db"
    done = anyio.run(_ingest_seeds, path)
    assert done.returncode == 0, done.stderr
    return path


async def _ingest_seeds(path: Path) -> Any:
    return await anyio.run_process(
        [EXE, "ingest", str(ROOT / "seeds"), "--db", f"sqlite:///{path}"], check=False
    )


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> str:
    """A copy of the demo store per test: writes in one test never reach another."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    return f"sqlite:///{path}"


def run(body: Callable[[], Awaitable[None]]) -> None:
    async def bounded() -> None:
        with anyio.fail_after(TIMEOUT):
            await body()

    anyio.run(bounded)


def stdio(db: str, *extra: str) -> Client:
    argv = dies_with_us([EXE, "mcp", "--db", db, *extra])
    return Client(StdioServerParameters(command=argv[0], args=argv[1:]))


@asynccontextmanager
async def over_http(server: Server, token: str | None = None) -> AsyncIterator[Client]:
    # Bytes: the token is sent as UTF-8, as a client in another language would send it.
    headers = {"Authorization": f"Bearer {token}".encode()} if token else {}
    async with (
        # A write runs extraction on the server: allow a busy CI host more than httpx's
        # 5 s default before a request counts as lost (no timing is asserted here).
        httpx2.AsyncClient(headers=headers, timeout=30) as http,
        Client(streamable_http_client(f"{server.base}/mcp", http_client=http)) as client,
    ):
        yield client


def answer(result: CallToolResult) -> dict[str, Any]:
    assert not result.is_error, result.content
    assert result.structured_content is not None
    return result.structured_content


def error_text(result: CallToolResult) -> str:
    assert result.is_error, result.structured_content
    return " ".join(getattr(block, "text", "") for block in result.content)


def documents_in(db: str) -> int:
    with closing(sqlite3.connect(db.removeprefix("sqlite:///"))) as conn:
        count: int = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    return count


# -- what both transports answer --------------------------------------------------------


async def check_reads(client: Client) -> None:
    """The read tools, as an assistant would use them."""
    names = {t.name for t in (await client.list_tools()).tools}
    assert names >= READ_TOOLS

    found = answer(
        await client.call_tool("entity_relations", {"entity": "Microsoft", "as_of": "2025-09-11"})
    )
    assert found["entity"]["id"] == "microsoft" and found["as_of"] == "2025-09-11"
    partnership = [
        f
        for f in found["items"]
        if f["relation"] == "partners_with" and "openai" in (f["subject"]["id"], f["object"]["id"])
    ]
    assert len(partnership) == 1, [f["id"] for f in found["items"]]
    fact = partnership[0]
    assert fact["id"].startswith("f-")
    assert {"valid_from", "valid_from_precision", "valid_to", "stated_at"} <= fact.keys()
    for f in found["items"]:
        assert f["evidence"], f["id"]
        for evidence in f["evidence"]:
            assert evidence["sentence"] and "url" in evidence and "published" in evidence
    assert any(e["url"] and e["published"] for e in fact["evidence"])

    missing = await client.call_tool("entity_relations", {"entity": "Microsfot"})
    text = error_text(missing)
    assert "Microsfot" in text and "did you mean" in text and "Microsoft" in text

    bad_date = await client.call_tool(
        "entity_relations", {"entity": "microsoft", "as_of": "2025-13-40"}
    )
    assert "as_of" in error_text(bad_date)
    too_many = await client.call_tool("find_facts", {"subject": "microsoft", "limit": 100_000})
    assert "limit" in error_text(too_many) and "500" in error_text(too_many)

    paths = answer(
        await client.call_tool(
            "find_paths", {"source": "nvidia", "target": "openai", "as_of": "2025-09-11"}
        )
    )
    assert paths["count"] >= 1 and all(
        f["evidence"] for h in paths["items"][0]["hops"] for f in h["facts"]
    )
    over_cap = await client.call_tool(
        "find_paths", {"source": "nvidia", "target": "openai", "max_hops": 99}
    )
    assert "max_hops" in error_text(over_cap)

    ontology = await client.read_resource("partnergraph://ontology")
    vocabulary = json.loads(getattr(ontology.contents[0], "text", ""))
    assert [r["name"] for r in vocabulary["relations"]] == [r.value for r in Relation]
    assert [t["name"] for t in vocabulary["entity_types"]] == [t.value for t in EntityType]
    assert vocabulary["date_precisions"] == ["year", "month", "day"]


async def check_article_stored(client: Client) -> None:
    stored = answer(await client.call_tool("add_document", ARTICLE))
    assert stored["skipped"] is False and stored["document"]["url"] == ARTICLE["url"]
    assert stored["count"] >= 1
    fact = stored["items"][0]
    assert fact["relation"] == "partners_with"
    assert {fact["subject"]["name"], fact["object"]["name"]} == {
        "Acme Robotics",
        "Globex Corporation",
    }
    assert fact["valid_from"] == "2025-03" and fact["valid_from_precision"] == "month"
    assert fact["evidence"][0]["sentence"] == ARTICLE["text"]
    assert fact["evidence"][0]["published"] == "2025-04-02"
    # And it is in the graph for the next question.
    acme = answer(await client.call_tool("entity_relations", {"entity": "Acme Robotics"}))
    assert [f["id"] for f in acme["items"]] == [fact["id"]]


# -- stdio ------------------------------------------------------------------------------


def test_stdio_answers_with_evidence_and_has_no_write_tool_by_default(demo_db: str) -> None:
    before = documents_in(demo_db)

    async def body() -> None:
        async with stdio(demo_db) as client:
            await check_reads(client)
            assert "add_document" not in {t.name for t in (await client.list_tools()).tools}
            refused = await client.call_tool("add_document", ARTICLE)
            assert "add_document" in error_text(refused)

    run(body)
    assert documents_in(demo_db) == before


def test_stdio_stores_an_article_with_allow_writes(demo_db: str) -> None:
    before = documents_in(demo_db)

    async def body() -> None:
        async with stdio(demo_db, "--allow-writes") as client:
            await check_article_stored(client)

    run(body)
    assert documents_in(demo_db) == before + 1


# -- streamable HTTP on `partnergraph serve` ---------------------------------------------


@pytest.fixture
def server(demo_db: str) -> Iterator[Server]:
    with Server(demo_db, {"PARTNERGRAPH_API_TOKEN": TOKEN}) as s:
        yield s


def test_http_answers_with_evidence(server: Server) -> None:
    async def body() -> None:
        async with over_http(server) as client:
            await check_reads(client)

    run(body)


def test_http_write_needs_the_bearer_token(server: Server) -> None:
    before = documents_in(server.db)

    async def body() -> None:
        async with over_http(server) as client:
            assert "add_document" in {t.name for t in (await client.list_tools()).tools}
            refused = await client.call_tool("add_document", ARTICLE)
            assert "bearer token is required" in error_text(refused)
        async with over_http(server, token="not-the-token") as client:
            refused = await client.call_tool("add_document", ARTICLE)
            assert "bearer token is required" in error_text(refused)
            missing = await client.call_tool("get_entity", {"entity": "Acme Robotics"})
            assert "Acme Robotics" in error_text(missing)

    run(body)
    assert documents_in(server.db) == before

    async def with_token() -> None:
        async with over_http(server, token=TOKEN) as client:
            await check_article_stored(client)

    run(with_token)
    assert documents_in(server.db) == before + 1
    # The HTTP API sees the same store.
    assert server.get("/entities/acme-robotics").status_code == 200


def test_http_writes_are_disabled_without_a_configured_token(demo_db: str) -> None:
    before = documents_in(demo_db)

    async def body() -> None:
        with Server(demo_db) as server:
            async with over_http(server, token=TOKEN) as client:
                refused = await client.call_tool("add_document", ARTICLE)
                assert "writes are disabled" in error_text(refused)

    run(body)
    assert documents_in(demo_db) == before


# -- the HTTP route's guards and lifespan (in process) ----------------------------------

INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "test", "version": "1"},
    },
}
MCP_HEADERS = {"Accept": "application/json, text/event-stream"}


@pytest.fixture
def app_settings(tmp_path: Path) -> Settings:
    return Settings(
        db=f"sqlite:///{tmp_path / 'empty.db'}",
        allowed_hosts=["127.0.0.1", "localhost"],
        max_body_bytes=10_000,
    )


def test_http_route_refuses_other_sites_and_stays_within_the_api_limits(
    app_settings: Settings,
) -> None:
    with TestClient(create_app(app_settings), base_url="http://127.0.0.1:8000") as client:
        ok = client.post("/mcp", json=INITIALIZE, headers=MCP_HEADERS)
        assert ok.status_code == 200, ok.text
        assert ok.json()["result"]["serverInfo"]["name"] == "partnergraph"
        local_page = {**MCP_HEADERS, "Origin": "http://localhost:5173"}
        assert client.post("/mcp", json=INITIALIZE, headers=local_page).status_code == 200
        other_site = {**MCP_HEADERS, "Origin": "http://evil.example"}
        assert client.post("/mcp", json=INITIALIZE, headers=other_site).status_code == 403
        rebound = {**MCP_HEADERS, "Host": "evil.example"}
        refused = client.post("/mcp", json=INITIALIZE, headers=rebound)
        assert refused.status_code == 400
        assert refused.headers["content-type"].startswith("application/problem+json")
        big = client.post("/mcp", json={**INITIALIZE, "pad": "x" * 20_000}, headers=MCP_HEADERS)
        assert big.status_code == 413
        stream = client.get("/mcp", headers={"Accept": "text/event-stream"})
        assert stream.status_code == 405 and "POST" in stream.headers["allow"]


def test_http_route_lives_and_ends_with_the_app(app_settings: Settings) -> None:
    app = create_app(app_settings)
    assert TestClient(app, base_url="http://127.0.0.1").post("/mcp").status_code == 503
    for _ in range(2):  # a second start gets a fresh session manager
        with TestClient(app, base_url="http://127.0.0.1") as client:
            reply = client.post("/mcp", json=INITIALIZE, headers=MCP_HEADERS)
            assert reply.status_code == 200, reply.text
    assert app.state.mcp is None and app.state.store is None


def test_transport_security_follows_the_trusted_hosts() -> None:
    loopback = transport_security(Settings(db="sqlite:///:memory:", allowed_hosts=None))
    assert loopback.enable_dns_rebinding_protection
    assert "127.0.0.1:*" in loopback.allowed_hosts and "[::1]:*" in loopback.allowed_hosts
    assert "http://localhost:*" in loopback.allowed_origins
    named = transport_security(
        Settings(
            db="sqlite:///:memory:",
            allowed_hosts=["graph.example.org"],
            cors_origins=["https://app.example.org"],
        )
    )
    assert named.allowed_hosts == ["graph.example.org", "graph.example.org:*"]
    assert "https://app.example.org" in named.allowed_origins
    # Patterns the SDK cannot match: TrustedHosts (api/hosts.py) alone checks the Host.
    anywhere = Settings(db="sqlite:///:memory:", host="0.0.0.0", allowed_hosts=None)
    assert not transport_security(anywhere).enable_dns_rebinding_protection
    subdomains = Settings(db="sqlite:///:memory:", allowed_hosts=["*.example.org"])
    assert not transport_security(subdomains).enable_dns_rebinding_protection


def test_http_api_and_mcp_agree(server: Server) -> None:
    """The tool's structured answer is the HTTP API's JSON for the same question."""
    api = httpx.get(
        f"{server.base}/entities/microsoft/relations",
        params={"as_of": "2025-09-11", "limit": 500},
        timeout=30,
    ).json()

    async def body() -> None:
        async with over_http(server) as client:
            tool = answer(
                await client.call_tool(
                    "entity_relations", {"entity": "microsoft", "as_of": "2025-09-11", "limit": 500}
                )
            )
            assert tool == api

    run(body)
