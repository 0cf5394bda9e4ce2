"""Security defaults: loopback bind, CORS off, security headers, writes need the token,
and no query text built from anything but constants (a meta-test over the source)."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest

from api.app import create_app
from api.settings import Settings
from tests.conftest import dies_with_us
from tests.test_hardening_limits import SEED, seeded_db
from tests.test_serve import EXE, free_port

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "security-token"
PROBLEM = "application/problem+json"
#: Every route that changes the store (the meta-check below keeps this list complete).
WRITE_ROUTES = [
    ("POST", "/documents", {"text": "Acme partners with Globex.", "published": "2025-01-01"}),
    ("DELETE", "/facts/f-0000000000000000", None),
    ("DELETE", "/facts/f-0000000000000000/evidence/ev-0000000000000000", None),
]
#: Non-GET operations that only read (their own tests prove they cannot write).
READ_ONLY_POSTS = {("POST", "/sparql"), ("POST", "/cypher")}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    assert SEED.is_file()
    return seeded_db(tmp_path_factory.mktemp("security"))


def _client(db: str, **settings: Any) -> TestClient:
    return TestClient(create_app(Settings(db=db, **settings)))


# -- serve binds loopback by default ---------------------------------------------------


@pytest.fixture
def served(db: str) -> Iterator[psutil.Popen]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTNERGRAPH_")}
    proc = psutil.Popen(
        dies_with_us([EXE, "serve", "--db", db, "--port", str(port)]),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    proc.port = port
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert proc.poll() is None, "serve exited"
            try:
                httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_binds_loopback_by_default(served: psutil.Popen) -> None:
    listening = [
        c.laddr
        for c in served.net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN and c.laddr.port == served.port
    ]
    assert listening and {a.ip for a in listening} == {"127.0.0.1"}


def test_serve_help_states_the_loopback_default() -> None:
    out = subprocess.run([EXE, "serve", "--help"], capture_output=True, text=True, check=True)
    assert "127.0.0.1" in out.stdout


# -- CORS ------------------------------------------------------------------------------

ORIGIN = "https://app.example"


def test_no_cors_headers_unless_configured(db: str) -> None:
    # (test_api.py checks a simple GET; here the preflight and a write.)
    with _client(db) as c:
        preflight = c.options(
            "/facts", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"}
        )
        write = c.post("/documents", json={}, headers={"Origin": ORIGIN})
    for r in (preflight, write):
        assert not any(h.startswith("access-control-") for h in r.headers), r.headers


def test_configured_cors_allows_reads_from_listed_origins_only(db: str) -> None:
    with _client(db, cors_origins=[ORIGIN]) as c:
        ok = c.get("/health", headers={"Origin": ORIGIN})
        other = c.get("/health", headers={"Origin": "https://evil.example"})
        preflight = c.options(
            "/documents",
            headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"},
        )
    assert ok.headers["access-control-allow-origin"] == ORIGIN
    assert "access-control-allow-origin" not in other.headers
    assert preflight.status_code == 400  # only GET is allowed cross-origin


# -- security headers on the page ------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/static/app.js"])
def test_the_page_and_its_assets_carry_security_headers(db: str, path: str) -> None:
    # (tests/test_page.py checks them in Chromium; this is the quick check.)
    with _client(db) as c:
        r = c.get(path)
    if r.status_code == 404:
        pytest.skip(f"{path} not built (node ui/build.mjs)")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"


# -- writes need the token ---------------------------------------------------------------


def test_the_write_routes_are_every_store_changing_operation(db: str) -> None:
    with _client(db) as c:
        spec = c.get("/openapi.json").json()
    writes = {
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method != "get" and (method.upper(), path) not in READ_ONLY_POSTS
    }
    listed = {
        (m, re.sub(r"/f-0+", "/{fact_id}", re.sub(r"/ev-0+", "/{evidence_id}", p)))
        for m, p, _ in WRITE_ROUTES
    }
    assert writes == listed
    for method, path in writes:
        op = spec["paths"][path][method.lower()]
        assert {"401", "403"} <= op["responses"].keys(), (method, path)


@pytest.mark.parametrize(("method", "path", "body"), WRITE_ROUTES, ids=lambda v: str(v)[:30])
def test_writes_are_disabled_without_a_configured_token(
    db: str, method: str, path: str, body: Any
) -> None:
    with _client(db) as c:
        for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": f"Bearer {TOKEN}"}):
            r = c.request(method, path, json=body, headers=headers)
            assert r.status_code == 403, r.text
            assert r.headers["content-type"] == PROBLEM
            assert "PARTNERGRAPH_API_TOKEN" in r.json()["detail"]


@pytest.mark.parametrize(("method", "path", "body"), WRITE_ROUTES, ids=lambda v: str(v)[:30])
def test_a_wrong_token_is_refused_before_anything_is_read(
    db: str, method: str, path: str, body: Any
) -> None:
    with _client(db, api_token=TOKEN) as c:
        for headers in ({}, {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": TOKEN}):
            r = c.request(method, path, json=body, headers=headers)
            assert r.status_code == 401, r.text
            assert r.headers["www-authenticate"].startswith("Bearer")
        # A body FastAPI cannot even parse: still 401, not a 422 telling what was wrong
        # (regression: found by fuzzing).
        r = c.request(
            method, path, content=b"{not json", headers={"content-type": "application/json"}
        )
        assert r.status_code == 401, r.text


# -- no query text from input: a meta-test over graph/, api/, loaders/, cli/ -------------

#: Query words of SQL, Cypher and SPARQL, as they appear in query text (upper case).
QUERY = re.compile(
    r"\b(SELECT|INSERT INTO|INSERT DATA|UPDATE \w+ SET|DELETE FROM|DETACH DELETE|"
    r"CREATE (?:TABLE|INDEX|UNIQUE|CONSTRAINT)|PRAGMA|MATCH ?\(|MERGE ?\(|UNWIND|RETURN|"
    r"WHERE|ORDER BY|CONSTRUCT|DESCRIBE|PREFIX)\b"
)

#: (file, function) → why its formatted query text has only constant parts.
ALLOWED: dict[tuple[str, str], str] = {
    ("graph/stores/sqlite_schema.py", "migrate"): (
        "PRAGMA user_version takes no parameter; the value is the migration index, an int"
    ),
    ("graph/stores/sqlite_write.py", "<module>"): (
        "statements built at import from the constant column list of a row shape and the "
        "column names 'subject' and 'object'; values are bound"
    ),
    ("graph/stores/sqlite_read.py", "SQLiteReads.find_facts"): (
        "WHERE {where} joins constant clauses from _where(); every value is a ? parameter"
    ),
    ("graph/stores/sqlite_read.py", "SQLiteReads.find_facts_of"): "as find_facts",
    ("graph/stores/sqlite_read.py", "SQLiteReads.edges_as_of"): "as find_facts",
    ("graph/stores/sqlite_read.py", "SQLiteReads.facts_by_id"): (
        "IN (?, ?, …) placeholders, constant column lists and _where()'s constant clauses"
    ),
    ("graph/stores/sqlite_read.py", "SQLiteReads._evidence_of"): (
        "IN (?, ?, …): one placeholder per id, and a constant liveness clause"
    ),
    ("graph/stores/sqlite_read.py", "SQLiteReads.get_entities"): (
        "IN (?, ?, …): placeholders only"
    ),
    ("graph/stores/sqlite_read.py", "SQLiteReads.document_titles"): (
        "IN (?, ?, …): placeholders only"
    ),
    ("graph/stores/sqlite_read.py", "SQLiteReads.find_entities"): (
        "constant clauses and a constant ORDER BY; the search text is bound"
    ),
    ("graph/stores/neo4j.py", "<module>"): (
        "query templates built at import, before any input exists, from the Relation and "
        "EntityType enums (relationship types and labels cannot be parameters in Cypher)"
    ),
    ("graph/stores/neo4j.py", "_facts_query"): (
        "WHERE/ORDER/LIMIT assembled from constant fragments; values are $parameters"
    ),
}


def _text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


class _Finder(ast.NodeVisitor):
    """Query-looking text assembled at run time: f-strings with fields, %, .format, +."""

    def __init__(self, path: str) -> None:
        self.path, self.scope = path, []
        self.found: list[tuple[str, str, int, str]] = []

    def _scoped(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scoped

    def _hit(self, node: ast.expr | ast.stmt, text: str | None) -> None:
        if text is not None and QUERY.search(text):
            where = ".".join(self.scope) or "<module>"
            self.found.append((self.path, where, node.lineno, text[:80]))

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        if any(isinstance(v, ast.FormattedValue) for v in node.values):
            self._hit(node, _text(node))
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if isinstance(node.op, ast.Mod):
            self._hit(node, _text(node.left))
        if isinstance(node.op, ast.Add):
            for one, other in ((node.left, node.right), (node.right, node.left)):
                if _text(other) is None:
                    self._hit(node, _text(one))
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.op, ast.Add):
            self._hit(node, _text(node.value))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            self._hit(node, _text(node.func.value))
        self.generic_visit(node)


def formatted_queries(root: Path = ROOT) -> list[tuple[str, str, int, str]]:
    found = []
    for package in ("graph", "api", "loaders", "cli"):
        for path in sorted((root / package).rglob("*.py")):
            finder = _Finder(path.relative_to(root).as_posix())
            finder.visit(ast.parse(path.read_text(encoding="utf-8")))
            found += finder.found
    return found


def test_no_query_text_is_built_from_anything_but_constants() -> None:
    found = formatted_queries()
    new = [f for f in found if (f[0], f[1]) not in ALLOWED]
    assert new == [], (
        "query text built with formatting: bind the values as parameters, or add the site "
        f"to ALLOWED with the reason its parts are constant: {new}"
    )
    stale = set(ALLOWED) - {(f[0], f[1]) for f in found}
    assert stale == set(), f"ALLOWED names sites that no longer format queries: {stale}"


def test_the_meta_test_catches_an_unsafe_query(tmp_path: Path) -> None:
    bad = tmp_path / "graph" / "bad.py"
    bad.parent.mkdir()
    bad.write_text(
        "def find(conn, name):\n"
        "    conn.execute(f\"SELECT * FROM entities WHERE name = '{name}'\")\n"
        "    conn.execute('SELECT * FROM entities WHERE name = ' + name)\n"
        "    conn.execute('MATCH (e {name: \"%s\"}) RETURN e' % name)\n"
        "    conn.execute('SELECT ?s WHERE {{ ?s ?p \"{}\" }}'.format(name))\n"
        "    conn.execute('SELECT 1 WHERE x = ?', (name,))\n"
    )
    for package in ("api", "loaders", "cli"):
        (tmp_path / package).mkdir()
    assert [(f[1], f[2]) for f in formatted_queries(tmp_path)] == [
        ("find", 2),
        ("find", 3),
        ("find", 4),
        ("find", 5),
    ]
