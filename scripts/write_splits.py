"""Write ``eval/splits.json``: every evaluation set's dev and tune document ids.

.venv/bin/python scripts/write_splits.py ../shared/eval
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.extract.learned.splits import SPLITS_FILE, build  # noqa: E402

if __name__ == "__main__":
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared" / "eval")
    SPLITS_FILE.write_text(json.dumps(build(shared), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {SPLITS_FILE}")
