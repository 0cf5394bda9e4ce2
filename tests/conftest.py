"""Shared fixtures: one ``store`` fixture over every backend (conventions 13)."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import quote

import psutil
import pytest

from graph import Batch, Entity, Evidence, Fact, PartialDate, Relation, open_store
from graph.store import Store

# Starlette's TestClient sends ``Host: testserver``; the API answers only the hosts it
# is told to (api/hosts.py), so the suite names it. Tests of the Host check itself pass
# ``allowed_hosts`` explicitly (tests/test_hardening_security.py).
os.environ.setdefault("PARTNERGRAPH_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# -- processes a test starts end with it ----------------------------------------------


def dies_with_us(argv: list[str]) -> list[str]:
    """``argv`` run so that the kernel ends it when this process dies (even by SIGKILL).

    ``setpriv --pdeathsig TERM`` (util-linux) sets the child's parent-death signal and
    then execs ``argv``, so the pid is the command's own. Fixtures still stop their
    servers in ``finally``; this covers a pytest that is killed or crashes.
    """
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "TERM", "--", *argv] if setpriv else argv


#: Children that live as long as the interpreter by design (multiprocessing's helpers).
_INTERPRETER_HELPERS = ("multiprocessing.resource_tracker", "multiprocessing.forkserver")


def _leftover_children() -> list[psutil.Process]:
    left = []
    for child in psutil.Process().children(recursive=True):
        try:
            if child.status() == psutil.STATUS_ZOMBIE:
                continue
            if any(h in " ".join(child.cmdline()) for h in _INTERPRETER_HELPERS):
                continue
        except psutil.NoSuchProcess:
            continue
        left.append(child)
    return left


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if a test left a process running, and end those processes.

    Every fixture stops what it started, pass or fail; a process still running
    here is a leak (a server that outlives pytest keeps its port and its files).
    """
    left = _leftover_children()
    if not left:
        return
    _, alive = psutil.wait_procs(left, timeout=5)  # one that is already on its way out
    if not alive:
        return
    names = ", ".join(f"{p.pid} {' '.join(p.cmdline())[:120]}" for p in alive)
    for proc in alive:
        proc.kill()
    session.config.get_terminal_writer().line(f"processes left running by tests: {names}", red=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


#: Backends the contract suite runs against. ``memory`` is the reference store: it has
#: none of the capabilities of graph.store, so every fallback of graph.queries runs.
STORE_BACKENDS = ["memory", "sqlite-file", "sqlite-memory", "neo4j"]


def _store_url(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if kind == "memory":
        return "memory://"
    if kind == "sqlite-file":
        return f"sqlite:///{tmp_path / 'contract.db'}"
    if kind == "sqlite-memory":
        return "sqlite:///:memory:"
    if kind == "neo4j":
        url: str = request.getfixturevalue("neo4j_url")
        return url
    raise AssertionError(kind)


@pytest.fixture(params=STORE_BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = open_store(_store_url(request.param, request, tmp_path))
    if request.param == "neo4j":
        s.delete_everything()  # type: ignore[attr-defined]  # one database: clear it per test
    yield s
    s.close()


# -- Neo4j: one server per test run (scripts/neo4j/neo4j.sh), or PARTNERGRAPH_TEST_NEO4J ----

NEO4J_SCRIPT = ROOT / "scripts" / "neo4j" / "neo4j.sh"
#: Generous: the first run downloads Neo4j (~140 MB); a loaded 2-core machine starts slowly.
NEO4J_START_TIMEOUT = float(os.environ.get("PARTNERGRAPH_TEST_NEO4J_TIMEOUT", "600"))


def neo4j_missing(reason: str) -> None:
    """Skip the Neo4j tests, or fail them when ``CI=true`` (conventions 13)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"Neo4j is required when CI=true: {reason}", pytrace=False)
    pytest.skip(f"Neo4j not available: {reason} (PARTNERGRAPH_TEST_NEO4J=bolt://… uses one)")


def _start_neo4j(home: Path, *options: str) -> tuple[subprocess.Popen[str], str, str]:
    """Run the server in the foreground of a child process; it stops when our pipe closes.

    ``options`` go to the launcher (e.g. ``--bolt-port 7687``, ``--http-port 0``). The
    server is configured as ``neo4j.sh up`` configures it (authentication on, no file
    or URL access, a memory budget per transaction); answers (the process, its Bolt URL
    with the credentials from ``home/password``, the ready line)."""
    built = (NEO4J_SCRIPT.parent / "target" / "lib" / ".complete").is_file()
    if not built and shutil.which("mvn") is None:
        neo4j_missing("Maven (mvn) is not installed and scripts/neo4j is not built")
    if not any(Path("/usr/lib/jvm").glob("java-17-openjdk-*/bin/java")) and not os.environ.get(
        "NEO4J_JAVA_HOME"
    ):
        neo4j_missing("OpenJDK 17 is not installed (/usr/lib/jvm/java-17-openjdk-*)")
    log = home / "launcher.log"
    with log.open("w") as err:
        proc = subprocess.Popen(
            ["bash", str(NEO4J_SCRIPT), "run", "--home", str(home), "--http-port", "-1", *options],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
    assert proc.stdout is not None
    deadline = time.monotonic() + NEO4J_START_TIMEOUT
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 1.0)
        if ready:
            line = proc.stdout.readline()
            if line.startswith("partnergraph-neo4j ready "):
                return proc, _with_password(home, ready_field(line, "bolt") or ""), line
        if proc.poll() is not None:
            break
    _stop_neo4j(proc)
    tail = log.read_text(errors="replace").strip().splitlines()[-5:]
    neo4j_missing(f"the server did not start; {log}: " + " | ".join(tail))
    raise AssertionError("unreachable")


def ready_field(line: str, name: str) -> str | None:
    """``bolt``, ``http``, ``browser``… from the launcher's ready line."""
    for word in line.split():
        key, sep, value = word.partition("=")
        if sep and key == name:
            return value
    return None


def _with_password(home: Path, url: str) -> str:
    """The Bolt URL with the user and the password the launcher keeps in ``home/password``
    (the form ``PARTNERGRAPH_TEST_NEO4J`` takes too)."""
    password = (home / "password").read_text(encoding="utf-8").strip()
    return url.replace("://", f"://neo4j:{quote(password, safe='')}@", 1)


def _stop_neo4j(proc: subprocess.Popen[str]) -> None:
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            stream.close()  # the launcher stops when its stdin closes
    try:
        proc.wait(timeout=90)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Neo4jServer:
    """A Neo4j of a test's own (see :func:`neo4j_server`), which the test may stop."""

    def __init__(self, proc: subprocess.Popen[str], url: str, ready: str, home: Path) -> None:
        self.proc = proc
        #: The Bolt URL with credentials (``bolt://neo4j:PASSWORD@127.0.0.1:PORT``).
        self.url = url
        #: The launcher's ready line; ``http`` is None unless started with ``--http-port``.
        self.ready = ready
        self.http = ready_field(ready, "http")
        self.home = home

    def stop(self) -> None:
        """A clean shutdown (the launcher stops when its stdin closes; ~10 s)."""
        _stop_neo4j(self.proc)

    def crash(self) -> None:
        """SIGKILL the JVM (``neo4j.sh run`` execs it): gone at once, as in a crash.
        The next start on the same home recovers the data."""
        self.proc.kill()
        self.proc.wait()
        _stop_neo4j(self.proc)


@contextmanager
def neo4j_server(home: Path, *options: str) -> Iterator[Neo4jServer]:
    """Start a SEPARATE short-lived Neo4j in ``home`` (never the session's shared one).

    For tests that stop or restart a server; start it again on the same
    ``home`` with ``"--bolt-port", port`` to get the same URL and data back.
    """
    proc, url, ready = _start_neo4j(home, *options)
    server = Neo4jServer(proc, url, ready, home)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Bolt URL for the Neo4j tests, with credentials (``bolt://user:pw@host:port``).
    Its database is cleared by every test that uses it."""
    configured = os.environ.get("PARTNERGRAPH_TEST_NEO4J")
    if configured:
        from graph.errors import StoreUnavailable

        try:
            open_store(configured).close()
        except StoreUnavailable as exc:  # (exc.message never holds the password)
            neo4j_missing(f"PARTNERGRAPH_TEST_NEO4J: {exc.message}")
        yield configured
        return
    proc, url, _ = _start_neo4j(tmp_path_factory.mktemp("neo4j"))
    try:
        yield url
    finally:
        _stop_neo4j(proc)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


def evidence(doc: str, sentence: str, published: str | None = None) -> Evidence:
    return Evidence(
        document_id=doc,
        sentence=sentence,
        start=0,
        end=len(sentence),
        url=f"https://example.org/{doc}",
        published=date.fromisoformat(published) if published else None,
    )


MICROSOFT = Entity.named("Microsoft", "Organization", ["Microsoft Corp", "MSFT"], "Q2283")
OPENAI = Entity.named("OpenAI", "Organization")
NVIDIA = Entity.named("Nvidia", "Organization", ["NVIDIA Corporation"])
SULEYMAN = Entity.named("Mustafa Suleyman", "Person")
MICROSOFT_AI = Entity.named("Microsoft AI", "Organization")
MAI = Entity.named("MAI-1-preview", "Product")


def fact(
    s: Entity,
    rel: Relation,
    o: Entity,
    start: str | None = None,
    end: str | None = None,
    doc: str = "d1",
    **qualifiers: str,
) -> Fact:
    return Fact(
        subject=s.id,
        relation=rel,
        object=o.id,
        valid_from=PartialDate.parse_optional(start),
        valid_to=PartialDate.parse_optional(end),
        qualifiers=qualifiers,
        evidence=(evidence(doc, f"{s.name} {rel.value} {o.name}."),),
    )


@pytest.fixture
def sample_batch() -> Batch:
    return Batch(
        entities=(MICROSOFT, OPENAI, NVIDIA, SULEYMAN, MICROSOFT_AI, MAI),
        facts=(
            fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019-07", status="strained"),
            fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, "2019", amount="1000000000"),
            fact(SULEYMAN, Relation.EXECUTIVE_OF, MICROSOFT_AI, "2024-03", role="CEO"),
            fact(MICROSOFT_AI, Relation.DEVELOPS, MAI, "2025-08"),
            fact(MICROSOFT, Relation.COMPETES_WITH, NVIDIA, "2020", "2022"),
        ),
    )


def shared_or_skip() -> Path:
    """The shared folder (eval sets, seed article); tests that need it skip without it."""
    if not SHARED.is_dir():
        if os.environ.get("CI") == "true":
            pytest.skip("../shared is absent in this checkout")
        pytest.skip("../shared is absent")
    return SHARED
