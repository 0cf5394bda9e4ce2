"""Regenerate ``docs/page.png``, the README's picture of the graph page, from the seeds.

    .venv/bin/python ui/screenshot.py            # needs chromium + chromium-driver

Loads ``seeds/curated_facts.jsonl`` into a throw-away SQLite file, serves the
app on a free loopback port, opens Microsoft as of September 2025 in headless
Chromium, selects the Microsoft–OpenAI partnership and saves the window.
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.app import create_app  # noqa: E402
from api.settings import Settings  # noqa: E402
from graph import open_store  # noqa: E402
from loaders.pipeline import ingest  # noqa: E402

AS_OF_INDEX = (2025 - 1995) * 12 + 8  # September 2025 on the page's slider


def main(out: Path = ROOT / "docs" / "page.png") -> None:
    work = Path(tempfile.mkdtemp(prefix="partnergraph-shot-"))
    url = f"sqlite:///{work / 'seed.db'}"
    store = open_store(url)
    ingest(store, [ROOT / "seeds" / "curated_facts.jsonl"])
    store.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(Settings(db=url)),
            host="127.0.0.1",
            port=port,
            ws="none",
            log_level="warning",
        )
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    options = webdriver.ChromeOptions()
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--window-size=1440,960",
        f"--user-data-dir={work / 'p'}",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    wait = WebDriverWait(driver, 15)
    try:
        driver.get(f"http://127.0.0.1:{port}/")
        wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
        driver.find_element(By.ID, "search").send_keys("Microsoft")
        pick = (By.CSS_SELECTOR, "#search-suggestions li[data-id='microsoft']")
        wait.until(ec.element_to_be_clickable(pick)).click()
        driver.execute_script(
            "const s = document.getElementById('time'); s.value = arguments[0];"
            "s.dispatchEvent(new Event('change'));",
            AS_OF_INDEX,
        )
        wait.until(
            lambda d: (
                d.find_element(By.TAG_NAME, "body").get_attribute("data-as-of") == "2025-09-30"
            )
        )
        driver.execute_script(
            "const e = partnergraph.cy.edges().filter(e => e.data('label') === 'partners with'"
            " && e.connectedNodes().some(n => n.id() === 'openai'))[0];"
            "document.querySelector(`#edge-list li[data-fact-id='${e.id()}']`).click();"
        )
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#evidence li"))
        out.parent.mkdir(exist_ok=True)
        driver.save_screenshot(str(out))
        print(f"saved {out}")
    finally:
        driver.quit()
        server.should_exit = True


if __name__ == "__main__":
    main()
