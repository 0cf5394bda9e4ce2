"""Pictures of the graph page from the demo data, for README.md and docs/.

    .venv/bin/python ui/screenshot.py            # needs chromium + chromium-driver

Loads ``seeds/`` (what ``make demo`` loads) into a throw-away SQLite file, serves the
app on a free loopback port and, in headless Chromium, saves:

- ``docs/graph-depth1.png`` and ``docs/graph-depth2.png``: Microsoft as of September
  2025 at depth 1 and 2;
- ``docs/page.png``: the same view with the Microsoft–OpenAI partnership's evidence open.

tests/test_page.py makes the same pictures in its run (``shoot``) and checks them with
``label_overlaps`` and ``canvas_use``.
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from api.app import create_app  # noqa: E402
from api.settings import Settings  # noqa: E402
from graph import open_store  # noqa: E402
from loaders.pipeline import ingest  # noqa: E402

AS_OF = "2025-09"  # the month the pictures show
CHROMEDRIVER = "/usr/bin/chromedriver"

#: The label boxes (node and label, model coordinates) of every node, and the canvas's
#: rendered size and the drawing's rendered box.
_GEOMETRY_JS = """
const cy = partnergraph.cy;
const boxes = cy.nodes().map(n => {
  const b = n.boundingBox({includeLabels: true, includeOverlays: false});
  return {id: n.id(), x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2};
});
const r = cy.elements().renderedBoundingBox({includeLabels: true});
return {boxes, width: cy.width(), height: cy.height(),
        drawn: {x1: r.x1, y1: r.y1, x2: r.x2, y2: r.y2}};
"""


def seeded_db(folder: Path) -> str:
    """The demo data in a new SQLite file under ``folder``; answers its URL."""
    url = f"sqlite:///{folder / 'seeds.db'}"
    store = open_store(url)
    try:
        ingest(store, [ROOT / "seeds"])
    finally:
        store.close()
    return url


@contextmanager
def serving(db_url: str) -> Iterator[str]:
    """The app on a free loopback port, for as long as the block runs; yields its URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(Settings(db=db_url)),
            host="127.0.0.1",
            port=port,
            ws="none",
            log_level="warning",
            lifespan="on",
        )
    )
    thread = threading.Thread(target=server.run, name="uvicorn-screenshot", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def open_entity(driver: Any, base: str, entity: str, depth: int, as_of: str = AS_OF) -> None:
    """Open an entity's view by its URL and wait until it is drawn."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # A new hash on the same page keeps the body: clear the mark the last drawing left,
    # or the wait below passes on the previous view before this one is drawn.
    url = f"{base}/#/entity/{entity}?as_of={as_of}&depth={depth}"
    if driver.current_url.startswith(base) and driver.current_url != url:
        driver.execute_script("delete document.body.dataset.asOf")
    driver.get(url)
    WebDriverWait(driver, 30).until(
        lambda d: (
            (d.find_element(By.TAG_NAME, "body").get_attribute("data-as-of") or "").startswith(
                as_of
            )
            and d.execute_script(
                "const v = partnergraph.view();"
                "return Boolean(v) && v.centerId === arguments[0] && v.depth === arguments[1]",
                entity,
                depth,
            )
        )
    )


def geometry(driver: Any) -> dict[str, Any]:
    result: dict[str, Any] = driver.execute_script(_GEOMETRY_JS)
    return result


def label_overlaps(driver: Any) -> list[tuple[str, str]]:
    """Pairs of nodes whose boxes (node with its label) overlap."""
    boxes = geometry(driver)["boxes"]
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if min(a["x2"], b["x2"]) > max(a["x1"], b["x1"]) and min(a["y2"], b["y2"]) > max(
                a["y1"], b["y1"]
            ):
                pairs.append((a["id"], b["id"]))
    return pairs


def canvas_use(driver: Any) -> tuple[float, float]:
    """The share of the canvas's width and height that the drawing spans."""
    g = geometry(driver)
    drawn = g["drawn"]
    return (
        (min(drawn["x2"], g["width"]) - max(drawn["x1"], 0)) / g["width"],
        (min(drawn["y2"], g["height"]) - max(drawn["y1"], 0)) / g["height"],
    )


def chromium(profile: Path, width: int = 1440, height: int = 960) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--window-size={width},{height}",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def shoot(driver: Any, base: str, out: Path = ROOT / "docs") -> list[Path]:
    """Save the three pictures into ``out``; answers their paths."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    out.mkdir(parents=True, exist_ok=True)
    saved = []
    for depth in (2, 1):
        open_entity(driver, base, "microsoft", depth)
        path = out / f"graph-depth{depth}.png"
        driver.save_screenshot(str(path))
        saved.append(path)
    # The README's picture: the partnership's evidence open.
    driver.execute_script(
        "const v = partnergraph.view();"
        "const d = v.drawn.flatMap(d => d.edges).find(e => e.relation === 'partners_with'"
        " && [e.source, e.target].includes('openai'));"
        "document.querySelector(`#edge-list li[data-fact-id='${d.id}']`).click();"
    )
    WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#evidence li"))
    path = out / "page.png"
    driver.save_screenshot(str(path))
    saved.append(path)
    return saved


def main(out: Path = ROOT / "docs") -> None:
    work = Path(tempfile.mkdtemp(prefix="partnergraph-shot-"))
    with serving(seeded_db(work)) as base:
        driver = chromium(work / "profile")
        try:
            for path in shoot(driver, base, out):
                print(f"saved {path}")
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
