"""Issue 14, the Cypher/Neo4j rows: each attack on a running install, replayed for real.

Two servers: the session's (``neo4j_url``: the API's own guard, which must hold on any
Neo4j, including one we did not start) and one this module starts exactly as the
README does (``scripts/neo4j/neo4j.sh up --home <tmp> --http-port 0``, stopped with
``down``): its own hardening (authentication, no file or URL access, a memory budget,
CORS for its own origin only) is checked over Bolt and HTTP, without the API.
URL fetches are aimed at a real HTTP listener on 127.0.0.1, which must see nothing.

| attack (severity)                                   | tests                                 |
|-----------------------------------------------------|---------------------------------------|
| LOAD CSV reads local files, fetches URLs (critical) | test_load_csv_*, test_our_server_*    |
| one read query kills Neo4j by OOM (high)            | test_a_runaway_query_*                |
| admin commands through /cypher (med)                | test_admin_commands_*                 |
| dev Neo4j HTTP: no auth, CORS ``*`` (med)           | test_the_http_port_*, test_bolt_*     |
| 900-deep parameter gives 500 (low)                  | test_deep_or_huge_parameters_*        |
| /cypher on SQLite answers 501 (low)                 | test_cypher_api.py (409 now)          |
"""

from __future__ import annotations

import http.server
import os
import secrets
import stat
import subprocess
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import neo4j
import pytest
from typer.testing import CliRunner

from api.app import create_app
from api.settings import Settings
from graph import Batch, InvalidInput, Relation, open_store
from graph.stores.neo4j import (
    Neo4jStore,
    QueryRefused,
    connection_for,
    launcher_password,
)
from graph.stores.neo4j_guard import check_plan
from tests.conftest import MICROSOFT, NEO4J_SCRIPT, NVIDIA, OPENAI, fact, neo4j_missing, ready_field
from tests.test_neo4j import cli_app

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"
EVIL_ORIGIN = "http://127.0.0.1:9"  # another local origin (a page the attacker controls)


# -- a real HTTP listener, for the URL-fetch attempts -----------------------------------


class Listener:
    """Records every request a 127.0.0.1 HTTP server receives (and answers a tiny CSV)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        seen = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                seen.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"leaked,row\n")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/x.csv"


@contextmanager
def listener() -> Iterator[Listener]:
    heard = Listener()
    thread = threading.Thread(target=heard.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield heard
    finally:
        heard.server.shutdown()
        heard.server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def canary(tmp_path: Path) -> tuple[str, str]:
    """A local file holding a secret: (its file:/// URL, the secret)."""
    secret = "canary-" + secrets.token_hex(8)
    path = tmp_path / "secret.csv"
    path.write_text(f"{secret},x\n")
    return path.as_uri(), secret


# -- the session's server, through the API's guard --------------------------------------


@pytest.fixture
def client(neo4j_url: str) -> Iterator[TestClient]:
    store = open_store(neo4j_url)
    assert isinstance(store, Neo4jStore)
    store.delete_everything()
    store.write(Batch((MICROSOFT, OPENAI), (fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI),)))
    store.close()
    with TestClient(create_app(Settings(db=neo4j_url, cypher="public"))) as c:
        yield c


def cypher(client: TestClient, query: str, **parameters: Any) -> Any:
    return client.post("/cypher", json={"query": query, "parameters": parameters})


def refused(response: Any, *words: str) -> str:
    assert response.status_code == 403, response.text
    assert response.headers["content-type"] == PROBLEM
    detail: str = response.json()["detail"]
    for word in words:
        assert word in detail, detail
    return detail


LOAD_CSV_QUERIES = [
    "LOAD CSV FROM $u AS r RETURN r",
    "load csv from $u as r return r",
    "LOAD/* a comment */CSV FROM $u AS r RETURN r",
    "// LOAD CSV is only in this comment\nLOAD CSV WITH HEADERS FROM $u AS r RETURN r",
    "CALL () { LOAD CSV FROM $u AS r RETURN r } RETURN r",
    "RETURN COLLECT { LOAD CSV FROM $u AS r RETURN r } AS rows",
    "WITH 1 AS x WHERE EXISTS { LOAD CSV FROM $u AS r RETURN r } RETURN x",
    "CYPHER runtime=slotted LOAD CSV FROM $u AS r RETURN r",
    "MATCH (e:Entity) WITH e LIMIT 1 LOAD CSV FROM $u AS r RETURN e.name, r",
]


@pytest.mark.parametrize("query", LOAD_CSV_QUERIES)
def test_load_csv_cannot_read_local_files(
    client: TestClient, canary: tuple[str, str], query: str
) -> None:
    url, secret = canary
    environ = Path(f"/proc/{os.getpid()}/environ")  # the API process's own environment
    path_value = os.environ.get("PATH", "")
    for target in (url, environ.as_uri(), "file:///etc/shadow", "file:///etc/passwd"):
        r = cypher(client, query, u=target)
        refused(r, "LOAD CSV")
        assert secret not in r.text and "root:" not in r.text
        assert not path_value or path_value not in r.text


@pytest.mark.parametrize("query", LOAD_CSV_QUERIES[:3])
def test_load_csv_cannot_fetch_urls(client: TestClient, query: str) -> None:
    with listener() as heard:
        for url in (heard.url, heard.url.replace("127.0.0.1", "localhost")):
            r = cypher(client, query, u=url)
            refused(r, "LOAD CSV")
            assert "leaked" not in r.text
        assert heard.requests == []


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("SHOW TRANSACTIONS", "SHOW"),
        ("SHOW TRANSACTIONS YIELD transactionId RETURN transactionId", "SHOW"),
        ("TERMINATE TRANSACTIONS $ids", "TERMINATE"),
        ("SHOW SETTINGS", "SHOW"),
        ("SHOW PROCEDURES", "SHOW"),
        ("SHOW USERS", "administration"),
        ("SHOW DATABASES", "administration"),
        ("CALL db.clearQueryCaches()", "administration"),
        ("CALL dbms.listConnections()", "administration"),
        ("CALL dbms.listConfig()", "administration"),
        ("CALL `dbms`.`listConfig`()", "administration"),
        ("CALL dbms.listConfig", "administration"),
        ("RETURN COUNT { CALL dbms.listConfig() YIELD name RETURN name } AS n", "administration"),
        ("CALL db.awaitIndexes()", "procedure db.awaitIndexes"),
        ("CALL db.ping()", "procedure db.ping"),
        ("MATCH (n) WHERE EXISTS { CALL db.info() YIELD id RETURN id } RETURN n", "db.info"),
        ("CREATE INDEX pwned IF NOT EXISTS FOR (n:X) ON (n.y)", "administration"),
        ("CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN 1 AS x", "IN TRANSACTIONS"),
        ("FOREACH (x IN [1] | CREATE (:Intruder))", "read-only"),
    ],
)
def test_admin_commands_and_procedures_are_refused(
    client: TestClient, query: str, reason: str
) -> None:
    detail = refused(cypher(client, query, ids=["neo4j-transaction-1"]), reason)
    assert detail.startswith("query: ")


@pytest.mark.parametrize(
    "query",
    [
        "CALL db.labels()",
        "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
        "CALL db.propertyKeys()",
        "CALL db.schema.visualization()",
        "CALL db.schema.nodeTypeProperties()",
        "CALL db.schema.relTypeProperties()",
        "RETURN date.truncate('month', date('2025-09-11')) AS d, toUpper('x') AS u",
    ],
)
def test_the_read_only_listings_and_builtin_functions_still_run(
    client: TestClient, query: str
) -> None:
    r = cypher(client, query)
    assert r.status_code == 200, r.text


def test_the_store_refuses_before_running(neo4j_url: str, canary: tuple[str, str]) -> None:
    """The guard lives in the store (``read_cypher``), not only in the route."""
    store = open_store(neo4j_url)
    assert isinstance(store, Neo4jStore)
    try:
        with pytest.raises(QueryRefused, match="LOAD CSV"):
            store.read_cypher("LOAD CSV FROM $u AS r RETURN r", {"u": canary[0]})
        with pytest.raises(QueryRefused, match="SHOW"):
            store.read_cypher("SHOW TRANSACTIONS")
    finally:
        store.close()


def test_functions_outside_cypher_s_own_are_refused() -> None:
    """A plug-in's function (APOC, on a server we did not start) as the server plans it:
    user-defined functions always carry a namespace, which the plan shows."""
    for details in ("apoc.text.join($l, $s) AS x", "`apoc`.`util`.sleep($n) AS x"):
        plan = {
            "operatorType": "ProduceResults@neo4j",
            "args": {"Details": "x"},
            "children": [{"operatorType": "Projection@neo4j", "args": {"Details": details}}],
        }
        with pytest.raises(QueryRefused, match="function apoc"):
            check_plan("r", plan)
    own = {"operatorType": "Projection@neo4j", "args": {"Details": "DATE.truncate($d, x) AS y"}}
    check_plan("r", own)


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def test_deep_or_huge_parameters_are_a_422_naming_parameters(
    client: TestClient, neo4j_url: str
) -> None:
    # Was a 500 (RecursionError in the driver's encoder) at 900 levels.
    for parameters in ({"x": _nested(900)}, {"x": {"y": _nested(25)}}, {"x": [0] * 100_001}):
        r = client.post("/cypher", json={"query": "RETURN $x AS x", "parameters": parameters})
        assert r.status_code == 422, r.text[:300]
        assert r.headers["content-type"] == PROBLEM
        assert [e["parameter"] for e in r.json()["errors"]] == ["parameters"]
    ok = cypher(client, "RETURN $x AS x", x=_nested(10))
    assert ok.status_code == 200 and ok.json()["rows"] == [{"x": _nested(10)}]
    store = open_store(neo4j_url)
    assert isinstance(store, Neo4jStore)
    try:
        with pytest.raises(InvalidInput) as caught:
            store.read_cypher("RETURN $x AS x", {"x": _nested(900)})
        assert caught.value.where == "parameters"
    finally:
        store.close()


# -- the server neo4j.sh up starts: its own hardening -------------------------------------


@dataclass(frozen=True)
class Upped:
    """A server started by ``neo4j.sh up``: its home, Bolt URL (no credentials), ready line."""

    home: Path
    uri: str
    ready: str

    @property
    def http(self) -> str:
        value = ready_field(self.ready, "http")
        assert value is not None, self.ready
        return value

    def driver(self, auth: tuple[str, str] | None) -> neo4j.Driver:
        return neo4j.GraphDatabase.driver(self.uri, auth=auth, notifications_min_severity="OFF")

    def password(self) -> str:
        return (self.home / "password").read_text().strip()


def _neo4j_sh(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(NEO4J_SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=700,
        env={k: v for k, v in os.environ.items() if not k.startswith("PARTNERGRAPH_NEO4J")},
    )


@pytest.fixture(scope="module")
def upped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Upped]:
    home = tmp_path_factory.mktemp("neo4j-up")
    try:
        started = _neo4j_sh("up", "--home", str(home), "--http-port", "0")
        if started.returncode != 0:
            neo4j_missing(f"neo4j.sh up failed: {started.stderr.strip()[-500:]}")
        yield Upped(home, (home / "uri").read_text().strip(), (home / "ready").read_text())
    finally:
        _neo4j_sh("down", "--home", str(home))


@pytest.fixture
def up_env(upped: Upped) -> Iterator[None]:
    """As a user of the README: PARTNERGRAPH_NEO4J_HOME names the folder ``up`` used
    (the default, ``.neo4j`` in the checkout, needs nothing), no credentials set."""
    with pytest.MonkeyPatch.context() as mp:
        for name in ("PARTNERGRAPH_NEO4J_USER", "PARTNERGRAPH_NEO4J_PASSWORD"):
            mp.delenv(name, raising=False)
        mp.setenv("PARTNERGRAPH_NEO4J_HOME", str(upped.home))
        yield


def test_up_writes_an_owner_only_password_and_clients_find_it(
    upped: Upped, up_env: None, tmp_path: Path
) -> None:
    mode = stat.S_IMODE((upped.home / "password").stat().st_mode)
    assert mode == 0o600, oct(mode)
    assert stat.S_IMODE(upped.home.stat().st_mode) & 0o077 == 0
    assert len(upped.password()) >= 24
    assert upped.password() not in upped.ready + upped.uri
    assert "preselectAuthMethod=NATIVE" in upped.ready
    # partnergraph serve --db "$(cat .neo4j/uri)": the URL alone is enough.
    assert connection_for(upped.uri).auth == ("neo4j", upped.password())
    with TestClient(create_app(Settings(db=upped.uri))) as c:
        assert c.get("/health").status_code == 200
    # partnergraph neo4j push --uri "$(cat .neo4j/uri)" --db sqlite:///…
    source = f"sqlite:///{tmp_path / 'source.db'}"
    store = open_store(source)
    store.write(Batch((MICROSOFT, NVIDIA), (fact(NVIDIA, Relation.SUPPLIES, MICROSOFT),)))
    store.close()
    pushed = CliRunner().invoke(cli_app(), ["neo4j", "push", "--uri", upped.uri, "--db", source])
    assert pushed.exit_code == 0, pushed.output
    assert upped.password() not in pushed.output
    target = open_store(upped.uri)
    assert isinstance(target, Neo4jStore)
    try:
        assert target.get_entity("nvidia").name == "Nvidia"
        target.delete_everything()
    finally:
        target.close()


def test_the_password_is_offered_only_to_the_server_that_owns_it(
    upped: Upped, up_env: None
) -> None:
    port = int(upped.uri.rsplit(":", 1)[1])
    assert launcher_password("127.0.0.1", port) == upped.password()
    assert launcher_password("localhost", port) == upped.password()
    assert launcher_password("127.0.0.1", port + 1) is None
    assert launcher_password("db.example.org", port) is None
    assert connection_for(f"bolt://127.0.0.1:{port + 1}").auth is None
    with pytest.MonkeyPatch.context() as mp:  # the environment comes first
        mp.setenv("PARTNERGRAPH_NEO4J_PASSWORD", "from-the-environment")
        assert connection_for(upped.uri).auth == ("neo4j", "from-the-environment")


def test_a_stale_or_forged_home_offers_no_password(tmp_path: Path) -> None:
    """The password file counts only while the server that wrote it runs."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "uri").write_text("bolt://127.0.0.1:7699\n")
    (home / "password").write_text("stale-password\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PARTNERGRAPH_NEO4J_HOME", str(home))
        for name in ("PARTNERGRAPH_NEO4J_USER", "PARTNERGRAPH_NEO4J_PASSWORD"):
            mp.delenv(name, raising=False)
        dead = subprocess.Popen(["true"])
        dead.wait()
        for pid in (str(dead.pid), "0", "-1", "not-a-pid"):
            (home / "neo4j.pid").write_text(pid)
            assert launcher_password("127.0.0.1", 7699) is None, pid
        (home / "neo4j.pid").write_text(str(os.getpid()))  # a running process
        assert launcher_password("127.0.0.1", 7699) == "stale-password"
        assert connection_for("bolt://someone@127.0.0.1:7699").auth == ("someone", "")


def test_bolt_refuses_a_client_without_the_password(upped: Upped) -> None:
    for auth in (None, ("neo4j", "neo4j"), ("neo4j", "wrong-password")):
        with upped.driver(auth) as driver, pytest.raises(neo4j.exceptions.AuthError):
            driver.verify_connectivity()


def test_our_server_refuses_file_urls_over_bolt(upped: Upped, canary: tuple[str, str]) -> None:
    """Authenticated, straight over Bolt, no API guard: the server itself says no."""
    url, secret = canary
    with upped.driver(("neo4j", upped.password())) as driver, driver.session() as session:
        for target in (url, "file:///etc/passwd", f"file:///proc/{os.getpid()}/environ"):
            with pytest.raises(neo4j.exceptions.ClientError) as caught:
                session.run("LOAD CSV FROM $u AS r RETURN r", u=target).consume()
            assert "allow_csv_import_from_file_urls" in str(caught.value.message)
            assert secret not in str(caught.value) and "root:" not in str(caught.value)


def test_our_server_never_fetches_urls_over_bolt(upped: Upped) -> None:
    with (
        listener() as heard,
        upped.driver(("neo4j", upped.password())) as driver,
        driver.session() as session,
    ):
        for url in (heard.url, heard.url.replace("127.0.0.1", "localhost")):
            with pytest.raises(neo4j.exceptions.ClientError, match="blocked"):
                session.run("LOAD CSV FROM $u AS r RETURN r", u=url).consume()
        assert heard.requests == []


def test_a_runaway_query_fails_alone_and_the_server_keeps_answering(
    upped: Upped, up_env: None
) -> None:
    """Was: JVM OutOfMemoryError, Neo4j gone, every route 503."""
    with TestClient(create_app(Settings(db=upped.uri, cypher="public"))) as c:
        for query in (
            "WITH reduce(s = 'x', i IN range(1, 40) | s + s) AS s RETURN size(s) AS n",
            "UNWIND range(1, 100000000) AS i WITH collect(i) AS l RETURN size(l) AS n",
        ):
            r = c.post("/cypher", json={"query": query})
            assert r.status_code == 422, r.text
            assert r.headers["content-type"] == PROBLEM
            assert "memory" in r.json()["detail"]
            assert [e["parameter"] for e in r.json()["errors"]] == ["query"]
            after = c.post("/cypher", json={"query": "RETURN 1 AS one"})
            assert after.status_code == 200 and after.json()["rows"] == [{"one": 1}]
            assert c.get("/health").status_code == 200
    with upped.driver(("neo4j", upped.password())) as driver:
        records, _, _ = driver.execute_query("RETURN 2 AS two")
        assert records[0]["two"] == 2


def test_the_http_port_refuses_unauthenticated_requests_and_foreign_origins(
    upped: Upped, canary: tuple[str, str]
) -> None:
    """Was: no auth and ``Access-Control-Allow-Origin: *``; a page on another local
    origin POSTed CREATE and LOAD CSV to /db/neo4j/tx/commit."""
    url, secret = canary
    commit = f"{upped.http}/db/neo4j/tx/commit"
    statements = [
        {"statement": "CREATE (:Intruder)"},
        {"statement": "LOAD CSV FROM $u AS r RETURN r", "parameters": {"u": url}},
    ]
    with httpx.Client(timeout=30) as http:
        preflight = http.options(
            commit,
            headers={
                "Origin": EVIL_ORIGIN,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        for answer in (preflight,):
            allowed = answer.headers.get("access-control-allow-origin")
            assert allowed in (None, upped.http), allowed
        for body in ([statements[0]], [statements[1]]):
            posted = http.post(commit, json={"statements": body}, headers={"Origin": EVIL_ORIGIN})
            assert posted.status_code == 401, posted.text
            assert posted.headers.get("access-control-allow-origin") in (None, upped.http)
            assert secret not in posted.text
        # The Browser still loads from the ready line's URL.
        browser = ready_field(upped.ready, "browser")
        assert browser is not None and "preselectAuthMethod=NATIVE" in browser
        page = http.get(browser)
        assert page.status_code == 200 and "<html" in page.text.lower()
        assert page.headers.get("access-control-allow-origin") in (None, upped.http)
        # With the password, HTTP works, and still reads no file.
        authed = http.post(
            commit,
            json={"statements": [statements[1]]},
            auth=("neo4j", upped.password()),
            headers={"Origin": upped.http},
        )
        assert authed.status_code == 200
        assert authed.headers.get("access-control-allow-origin") == upped.http
        assert authed.json()["errors"] and secret not in authed.text
    with upped.driver(("neo4j", upped.password())) as driver:
        records, _, _ = driver.execute_query("MATCH (n:Intruder) RETURN count(n) AS n")
        assert records[0]["n"] == 0
