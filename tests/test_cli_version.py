"""``partnergraph --version`` through the installed command (issue 16)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).with_name("partnergraph")


def test_version_prints_the_package_version() -> None:
    done = subprocess.run(
        [str(BIN), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"partnergraph \d+\.\d+\.\d+\S*\n", done.stdout)
