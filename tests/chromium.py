"""Headless Chromium for the browser tests (Debian's chromium and chromium-driver).

Missing tools skip a test on a developer's machine and fail it in CI (``CI=true``),
where ``make test`` installs them first (``scripts/system-deps.sh``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

CHROMEDRIVER = Path("/usr/bin/chromedriver")


def unavailable(reason: str) -> None:
    """Fail in CI, skip elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def chromium_binary() -> str:
    """The Chromium binary, once chromedriver is there too."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    missing = [
        name
        for name, ok in (("chromium", chromium), ("chromedriver", CHROMEDRIVER.exists()))
        if not ok
    ]
    if missing or chromium is None:
        unavailable(
            f"{' and '.join(missing)} not installed (apt-get install chromium chromium-driver)"
        )
    assert chromium is not None
    return chromium


def headless(profile: Path, *, logs: bool = False) -> Any:
    """A driver for a 1400×900 headless Chromium that resolves no host but loopback:
    anything a page needs from elsewhere fails, as it would offline."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium_binary()
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1400,900",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(argument)
    if logs:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    return driver
