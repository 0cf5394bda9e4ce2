"""The saved queries in the Neo4j Browser: clean on a fresh database, served as a guide.

Issue 16: on a fresh database every saved query (scripts/neo4j/queries.cypher) showed
"The property `superseded_at` does not exist", and the queries were a file to copy.
Now the store registers the graph's labels, relationship types and property keys when
it sets up its schema (``graph.stores.neo4j.GRAPH_PROPERTY_KEYS``), and the Neo4j that
scripts/neo4j/neo4j.sh starts serves the file as a Browser guide at
``/partnergraph/guide`` and plays it when the Browser connects.

These tests need a database no other test has touched (Neo4j never forgets a name
once used), so the module starts its own server, with HTTP, instead of sharing the
session's; its tests run in file order, the first on the untouched database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import neo4j
import pytest

from graph import Batch, FactPattern, Relation, open_store
from graph.stores.neo4j import (
    GRAPH_LABELS,
    GRAPH_PROPERTY_KEYS,
    GRAPH_RELATIONSHIP_TYPES,
    Neo4jStore,
)
from tests.chromium import headless
from tests.conftest import (
    MAI,
    MICROSOFT,
    MICROSOFT_AI,
    NVIDIA,
    OPENAI,
    SULEYMAN,
    Neo4jServer,
    fact,
    neo4j_server,
    ready_field,
)
from tests.test_neo4j import DOCS, QUERIES, exploration_data, load_queries

GUIDE_PATH = "/partnergraph/guide"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """A Neo4j of this module's own, as ``neo4j.sh`` starts it, with HTTP and the guide."""
    with neo4j_server(tmp_path_factory.mktemp("neo4j-browser"), "--http-port", "0") as started:
        yield started


def examples(path: Path = QUERIES) -> dict[str, str]:
    """``// example: {...}`` of each query: a Cypher map of example parameter values."""
    found: dict[str, str] = {}
    for block in re.split(r"^// name: ", path.read_text(), flags=re.M)[1:]:
        name, _, body = block.partition("\n")
        [example] = re.findall(r"^// example: (.+)$", body, flags=re.M) or [""]
        assert example, f"query {name.strip()} has no '// example:' line"
        found[name.strip()] = example.strip()
    return found


def driver(server: Neo4jServer) -> neo4j.Driver:
    """A plain driver that receives every notification (the store turns them off)."""
    password = (server.home / "password").read_text().strip()
    bolt = ready_field(server.ready, "bolt")
    assert bolt is not None, server.ready
    return neo4j.GraphDatabase.driver(
        bolt,
        auth=("neo4j", password),
        notifications_min_severity="INFORMATION",
        warn_notification_severity="OFF",  # read from the summaries below instead
    )


def notifications(session: neo4j.Session, query: str, params: dict[str, Any]) -> list[str]:
    """Every notification the server attaches to ``query``, whatever its severity."""
    summary = session.run(query, params).consume()
    return [
        f"{status.gql_status} {status.raw_severity}: {status.status_description}"
        for status in summary.gql_status_objects
        if status.is_notification
    ]


def example_params(session: neo4j.Session, example: str) -> dict[str, Any]:
    """The example map evaluated by the server, exactly as the Browser's ``:params``."""
    record = session.run(f"RETURN {example} AS params").single()
    assert record is not None
    params: dict[str, Any] = record["params"]
    return params


# -- no warnings on a fresh database (runs first: the database is still untouched) -----


def test_saved_queries_run_without_notifications_on_a_fresh_database(
    server: Neo4jServer,
) -> None:
    queries, example = load_queries(), examples()
    assert set(example) == set(queries)
    with driver(server) as raw, raw.session() as session:
        params = {name: example_params(session, example[name]) for name in queries}
        for name, query in queries.items():
            used = set(re.findall(r"\$(\w+)", query))
            assert used == set(params[name]), f"{name}: its example sets {sorted(params[name])}"
        # Before partnergraph has set the database up: the warnings of issue 16.
        before = notifications(session, queries["partners_as_of"], params["partners_as_of"])
        assert any("`superseded_at` does not exist" in n for n in before), before

        store = open_store(server.url)  # creates the schema, registers the names
        store.close()
        for name, query in queries.items():
            assert notifications(session, query, params[name]) == [], name
            assert session.run(query, params[name]).data() == [], name  # and nothing found


# -- the guide, served by our Neo4j ----------------------------------------------------


class _Guide(HTMLParser):
    """Slides (``<slide id>``) and the text of their runnable ``<pre>`` blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.slides: list[str] = []
        self.runnable: dict[str, list[str]] = {}
        self._pre: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "slide":
            self.slides.append(attributes.get("id") or "")
        elif tag == "pre" and "runnable" in (attributes.get("class") or "").split():
            self._pre = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self._pre is not None:
            self.runnable.setdefault(self.slides[-1], []).append("".join(self._pre))
            self._pre = None

    def handle_data(self, data: str) -> None:
        if self._pre is not None:
            self._pre.append(data)


def test_the_guide_is_served_without_a_password_and_holds_every_saved_query(
    server: Neo4jServer,
) -> None:
    guide = ready_field(server.ready, "guide")
    assert guide == f"{server.http}{GUIDE_PATH}"
    with httpx.Client(timeout=30) as http:
        answer = http.get(guide)  # the Browser fetches guides without credentials
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("text/html")
        # The exception is this one path: the rest of the HTTP API still asks for the password.
        for path in (f"{GUIDE_PATH}/", "/partnergraph/other", "/db/neo4j/tx"):
            assert http.get(f"{server.http}{path}").status_code in (401, 404), path
    parsed = _Guide()
    parsed.feed(answer.text)
    queries, example = load_queries(), examples()
    assert parsed.slides == ["partnergraph-start", *queries]  # an introduction, then in order
    for name, query in queries.items():
        assert parsed.runnable[name] == [f":params {example[name]}", query], name


def test_the_browser_is_told_to_play_the_guide_on_connect(server: Neo4jServer) -> None:
    """What the Browser reads after it connects (``CALL dbms.clientConfig()``)."""
    guide = f"{server.http}{GUIDE_PATH}"
    with driver(server) as raw:
        records, _, _ = raw.execute_query("CALL dbms.clientConfig() YIELD name, value")
    config = {record["name"]: record["value"] for record in records}
    assert config["browser.post_connect_cmd"] == f"play {guide}"
    allowed = [
        host.strip() for host in config["browser.remote_content_hostname_whitelist"].split(",")
    ]
    assert "127.0.0.1" in allowed
    # No third-party analytics or feedback scripts in the Browser.
    assert str(config["client.allow_telemetry"]).lower() == "false"


def test_docs_show_every_example_and_how_to_open_the_guide() -> None:
    docs = DOCS.read_text()
    for name, example in examples().items():
        assert f":params {example}" in docs, f"docs/cypher.md lacks the example of {name!r}"
    assert f":play http://127.0.0.1:PORT{GUIDE_PATH}" in docs


# -- the real Browser: connect, the guide opens, every slide runs cleanly ---------------


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[Any]:
    browser = headless(tmp_path / "profile")
    try:
        yield browser
    finally:
        browser.quit()


#: Each frame of the Browser's stream as [its command, its text] (read in one go: the
#: stream re-renders as frames arrive, so element handles go stale).
_FRAMES = (
    "return Array.from(document.querySelectorAll('[data-testid=frame]'))"
    ".filter(f => !arguments[0] || !f.hasAttribute('data-seen')).map(f => ["
    "(f.querySelector('[data-testid=frameCommand]') || {}).textContent || '', f.innerText]);"
)
#: The frame whose command is ``arguments[0]`` (the guide's), then ``arguments[1]`` in it.
_IN_GUIDE = (
    "const frame = Array.from(document.querySelectorAll('[data-testid=frame]')).find(f => "
    "((f.querySelector('[data-testid=frameCommand]') || {}).textContent || '').trim() "
    "=== arguments[0]);"
)
#: Show the guide's next slide.
_NEXT_SLIDE = _IN_GUIDE + "frame.querySelector('[data-testid=nextSlide]').click();"
#: Click the play icon of runnable block number ``arguments[1]`` on the slide shown (the
#: Browser's own handler, which runs the block as a new frame), having marked the frames
#: already there (the stream keeps a bounded number: the oldest ones go).
_RUN_BLOCK = (
    _IN_GUIDE + "document.querySelectorAll('[data-testid=frame]')"
    ".forEach(f => f.setAttribute('data-seen', ''));"
    "const pres = frame ? frame.querySelectorAll('pre.runnable') : [];"
    "const icon = pres[arguments[1]] && pres[arguments[1]].querySelector('i');"
    "if (!icon) { return false; } icon.click(); return true;"
)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _frames(browser: Any, new: bool = False) -> list[tuple[str, str]]:
    """The frames, newest first (``new``: only those since the last :func:`_run`)."""
    return [(_flat(command), text) for command, text in browser.execute_script(_FRAMES, new)]


def _wait(browser: Any, condition: Any, timeout: float = 30) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(condition)


def _run(browser: Any, guide: str, block: int, command: str) -> str:
    """Run a block of the guide's slide shown; answer the text of the frame it made."""
    assert browser.execute_script(_RUN_BLOCK, guide, block), f"no block {block}: {command}"

    def finished(b: Any) -> str | None:
        for ran, text in _frames(b, new=True):
            if ran == _flat(command) and re.search(r"Completed|Started streaming|Success", text):
                return text
        return None

    from selenium.common.exceptions import TimeoutException

    try:
        text: str = _wait(browser, finished)
    except TimeoutException:
        newest = [(ran[:80], shown[:900]) for ran, shown in _frames(browser)[:3]]
        pytest.fail(f"no finished frame for {_flat(command)[:80]!r}; newest frames: {newest}")
    return text


def _log_in(browser: Any, password: str) -> None:
    """Fill in the Browser's connect form, again while it is still being rendered."""
    from selenium.common.exceptions import (
        ElementNotInteractableException,
        NoSuchElementException,
        StaleElementReferenceException,
    )
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def fill(b: Any) -> bool:
        for field, value in (("username", "neo4j"), ("password", password)):
            box = b.find_element(By.CSS_SELECTOR, f"[data-testid={field}]")
            box.clear()
            box.send_keys(value)
        b.find_element(By.CSS_SELECTOR, "[data-testid=connect]").click()
        return True

    not_yet = (
        NoSuchElementException,
        ElementNotInteractableException,
        StaleElementReferenceException,
    )
    WebDriverWait(browser, 30, ignored_exceptions=not_yet).until(fill)


def test_the_browser_plays_the_guide_on_connect_and_each_query_runs_cleanly(
    server: Neo4jServer, chromium: Any
) -> None:
    password = (server.home / "password").read_text().strip()
    # The ready line's Browser address preselects NATIVE (user name and password).
    browser_url = ready_field(server.ready, "browser")
    assert browser_url is not None and browser_url.startswith(f"{server.http}/browser/")
    assert "preselectAuthMethod=NATIVE" in browser_url
    chromium.get(browser_url)
    _log_in(chromium, password)

    guide = f":play {server.http}{GUIDE_PATH}"  # played by browser.post_connect_cmd
    _wait(chromium, lambda b: any(c == guide and "saved queries" in t for c, t in _frames(b)))
    queries, example = load_queries(), examples()
    store = open_store(server.url)
    try:
        for number, name in enumerate(queries, start=2):  # slide 1 is the introduction
            chromium.execute_script(_NEXT_SLIDE, guide)
            shown = f"{number} / {len(queries) + 1}"
            _wait(chromium, lambda b, s=shown: any(c == guide and s in t for c, t in _frames(b)))
            params = _run(chromium, guide, 0, f":params {example[name]}")
            assert "Successfully set your parameters" in params, params
            answer = _run(chromium, guide, 1, queries[name])
            # A query with notifications gets a "Warn" tab beside Table and Code.
            assert "Warn" not in answer.splitlines(), f"{name}: {answer[:500]}"
            assert "no records" in answer, f"{name} found data in an empty database: {answer}"
        # With data, the guide's query answers it (the last slide: history_of_relationship).
        store.write(exploration_data())
        store.write(Batch((), (fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, "2019", doc="d7"),)))
        answer = _run(chromium, guide, 1, queries["history_of_relationship"])
        assert '"2019"' in answer and "Warn" not in answer.splitlines(), answer
    finally:
        store.close()


# -- every name the store writes is one it registered ------------------------------------


def test_the_store_registers_every_name_it_writes(server: Neo4jServer) -> None:
    """So that no query over the graph's vocabulary can warn on a fresh database: after
    writing every kind of thing, the database knows no label, type or key the store did
    not register up front (bookkeeping nodes apart)."""
    store = open_store(server.url)
    assert isinstance(store, Neo4jStore)
    try:
        store.write(exploration_data())
        store.write(
            Batch(
                (SULEYMAN, MICROSOFT_AI, MAI, NVIDIA),
                (
                    fact(SULEYMAN, Relation.EXECUTIVE_OF, MICROSOFT_AI, "2024-03", role="CEO"),
                    fact(MICROSOFT_AI, Relation.DEVELOPS, MAI, "2025-08"),
                    fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, "2019", amount="10", stake="49"),
                    fact(NVIDIA, Relation.SUPPLIES, MICROSOFT, "2023", product="H100"),
                ),
            )
        )
        pattern = FactPattern(MICROSOFT.id, Relation.PARTNERS_WITH, OPENAI.id)
        [partners] = store.find_facts(pattern)
        store.retract(partners.id, reason="test")
        found = {
            "labels": "CALL db.labels() YIELD label RETURN collect(label) AS names",
            "types": "CALL db.relationshipTypes() YIELD relationshipType "
            "RETURN collect(relationshipType) AS names",
            "keys": "CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey) AS names",
        }
        known = {
            name: set(store.read_cypher(query, checked=False)[0]["names"])
            for name, query in found.items()
        }
    finally:
        store.close()
    assert known["labels"] - {"PushMarker", "FetchState"} <= set(GRAPH_LABELS)
    assert known["types"] <= set(GRAPH_RELATIONSHIP_TYPES)
    assert known["keys"] <= set(GRAPH_PROPERTY_KEYS)
    assert {"superseded_at", "retracted_at", "role", "amount", "stake", "product"} <= known["keys"]
