"""The graph page in a real headless Chromium, against the app served by uvicorn.

Debian's ``chromium`` and ``chromium-driver`` drive it through selenium. Without
them the test is skipped with the reason, unless ``CI=true``, where it fails.
The store holds dated facts around Microsoft: the slider at 2019 and at 2025
must show different relationships, an ended one faded; a click on an edge shows
its evidence. A screenshot goes to ``test-artifacts/page.png``.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from api.app import create_app
from api.settings import Settings
from graph import Batch, Entity, Evidence, Fact, PartialDate, Relation, open_store

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMEDRIVER = Path("/usr/bin/chromedriver")
VENDORED = ROOT / "api" / "static" / "vendor" / "cytoscape.min.js"
FIRST_YEAR = 1995  # the slider's first year (api/static/app.js)

ENTITIES = (
    Entity.named("Microsoft", "Organization", aliases=["MSFT"]),
    Entity.named("OpenAI", "Organization"),
    Entity.named("Nvidia", "Organization"),
    Entity.named("Google", "Organization"),
    Entity.named("Microsoft AI", "Organization"),
    Entity.named("Mustafa Suleyman", "Person"),
    Entity.named("Copilot", "Product"),
)

PARTNERSHIP_SENTENCE = "Microsoft has partnered with OpenAI since 2019, the companies said."
PARTNERSHIP_URL = "https://news.example/microsoft-openai"


def _fact(s: str, rel: Relation, o: str, start: str, end: str | None, sentence: str) -> Fact:
    slug = f"{s}-{rel.value}-{o}"
    return Fact(
        subject=s,
        relation=rel,
        object=o,
        valid_from=PartialDate.parse(start),
        valid_to=PartialDate.parse_optional(end),
        evidence=(
            Evidence(
                document_id=slug,
                sentence=sentence,
                start=0,
                end=len(sentence),
                url=PARTNERSHIP_URL
                if rel is Relation.PARTNERS_WITH
                else f"https://news.example/{slug}",
                published=date(2025, 9, 11),
                confidence=0.9,
            ),
        ),
    )


FACTS = (
    _fact("microsoft", Relation.PARTNERS_WITH, "openai", "2019", None, PARTNERSHIP_SENTENCE),
    _fact("microsoft", Relation.INVESTS_IN, "openai", "2019-07", None, "Microsoft invested $1bn."),
    _fact("microsoft", Relation.COMPETES_WITH, "google", "2015", "2021", "The rivals competed."),
    _fact("nvidia", Relation.SUPPLIES, "microsoft", "2023-03", None, "Nvidia supplies chips."),
    _fact("microsoft-ai", Relation.SUBSIDIARY_OF, "microsoft", "2024-03", None, "A new unit."),
    _fact("mustafa-suleyman", Relation.EXECUTIVE_OF, "microsoft-ai", "2024-03-19", None, "CEO."),
    _fact("microsoft", Relation.DEVELOPS, "copilot", "2023-02", None, "Microsoft built Copilot."),
)


def _browser_or_skip() -> str:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    missing = [
        name
        for name, ok in (("chromium", chromium), ("chromedriver", CHROMEDRIVER.exists()))
        if not ok
    ]
    if missing:
        reason = f"{' and '.join(missing)} not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    if not VENDORED.exists():
        reason = "the page's vendored assets are missing: run `node ui/build.mjs`"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    assert chromium is not None
    return chromium


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("page") / "page.db"
    store = open_store(f"sqlite:///{path}")
    store.write(Batch(entities=ENTITIES, facts=FACTS))
    store.close()
    app = create_app(Settings(db=f"sqlite:///{path}"))
    port = _free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", ws="none", lifespan="on"
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, name="uvicorn-page-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    chromium = _browser_or_skip()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
        "--window-size=1400,900",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver: Any, condition: Any, timeout: float = 10) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _slide_to(driver: Any, year: int, month: int) -> str:
    """Move the slider as a user's drag ends (value, then input and change events)."""
    index = (year - FIRST_YEAR) * 12 + month - 1
    driver.execute_script(
        "const s = document.getElementById('time'); s.value = arguments[0];"
        "s.dispatchEvent(new Event('input', {bubbles: true}));"
        "s.dispatchEvent(new Event('change', {bubbles: true}));",
        index,
    )
    last = (date(year + month // 12, month % 12 + 1, 1) - date.resolution).isoformat()
    _wait(driver, lambda d: d.find_element("tag name", "body").get_attribute("data-as-of") == last)
    return last


def _shown(driver: Any) -> dict[str, set[str]]:
    """The relations drawn, by state (from the graph itself, not from the list)."""
    edges: list[dict[str, Any]] = driver.execute_script(
        "return partnergraph.cy.edges().map(e => ({label: e.data('label'),"
        " ended: e.hasClass('ended'), opacity: Number(e.style('opacity'))}));"
    )
    shown: dict[str, set[str]] = {"valid": set(), "ended": set()}
    for edge in edges:
        shown["ended" if edge["ended"] else "valid"].add(edge["label"])
        assert (edge["opacity"] < 0.5) == edge["ended"], edge  # ended edges are faded
    return shown


def _pick(driver: Any, input_id: str, text: str, entity_id: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    box = driver.find_element(By.ID, input_id)
    box.clear()
    box.send_keys(text)
    selector = f"#{input_id}-suggestions li[data-id='{entity_id}']"
    _wait(driver, ec.element_to_be_clickable((By.CSS_SELECTOR, selector))).click()


def test_the_graph_page(server: str, browser: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    _wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))

    # Search "Microsoft" and pick the suggestion.
    _pick(browser, "search", "Microsoft", "microsoft")
    _wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-as-of"))

    # 2019: the partnership, the investment and the rivalry; no chips, no AI unit yet.
    assert _slide_to(browser, 2019, 12) == "2019-12-31"
    assert browser.find_element(By.ID, "time-label").text == "2019-12"
    assert _shown(browser) == {
        "valid": {"partners with", "invests in", "competes with"},
        "ended": set(),
    }

    # 2025: the rivalry has ended (drawn faded); the chips, the unit and Copilot are in.
    _slide_to(browser, 2025, 6)
    assert _shown(browser) == {
        "valid": {"partners with", "invests in", "supplies", "subsidiary of", "develops"},
        "ended": {"competes with"},
    }
    listed = browser.find_elements(By.CSS_SELECTOR, "#edge-list li.ended")
    assert [li.get_attribute("data-relation") for li in listed] == ["competes_with"]

    # Click the partnership edge on the canvas and read its evidence.
    canvas = browser.find_element(By.ID, "graph")
    x, y = browser.execute_script(
        "const e = partnergraph.cy.edges().filter(e => e.data('label') === 'partners with')[0];"
        "const p = e.renderedMidpoint(); return [p.x, p.y];"
    )
    width, height = canvas.rect["width"], canvas.rect["height"]
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(x - width / 2), int(y - height / 2)
    ).click().perform()
    title = _wait(browser, lambda d: d.find_element(By.ID, "fact-title"))
    assert title.text == "Microsoft — partners with → OpenAI"
    details = browser.find_element(By.ID, "details").text
    assert "2019 (year)" in details and "open" in details
    (evidence,) = browser.find_elements(By.CSS_SELECTOR, "#evidence li")
    assert evidence.find_element(By.TAG_NAME, "blockquote").text == PARTNERSHIP_SENTENCE
    link = evidence.find_element(By.TAG_NAME, "a")
    assert link.get_attribute("href") == PARTNERSHIP_URL
    assert link.get_attribute("rel") == "noopener noreferrer"

    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "page.png"))

    # Click a node: its timeline, ended relations included.
    x, y = browser.execute_script(
        "const p = partnergraph.cy.getElementById('google').renderedPosition();return [p.x, p.y];"
    )
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(x - width / 2), int(y - height / 2)
    ).click().perform()
    timeline = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#timeline li"))
    assert [li.text.splitlines() for li in timeline] == [
        ["2015 – 2021", "Google — competes with → Microsoft"]
    ]

    # The path finder.
    _pick(browser, "path-from", "Nvid", "nvidia")
    _pick(browser, "path-to", "Open", "openai")
    browser.find_element(By.ID, "path-find").click()
    results = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".path-result"))
    assert "Nvidia → Microsoft → OpenAI" in results[0].text
    assert browser.execute_script("return partnergraph.cy.nodes().length") == 3

    # No console errors, in particular no Content-Security-Policy violations.
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def test_the_page_works_offline_and_sends_security_headers(server: str) -> None:
    import httpx

    with httpx.Client(base_url=server) as client:
        page = client.get("/")
        assert page.status_code == 200
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert page.headers["x-content-type-options"] == "nosniff"
        assert page.headers["referrer-policy"] == "no-referrer"
        assert "http" not in page.text.replace("http-equiv", "")  # no CDN, no remote asset
        for asset in ("/static/app.js", "/static/style.css", "/static/vendor/cytoscape.min.js"):
            r = client.get(asset)
            assert r.status_code == 200, asset
            assert r.headers["x-content-type-options"] == "nosniff"
