"""The fixed development splits of every evaluation set (``eval/splits.json``).

A document's split depends on its id only: the first 8 hex digits of
``sha256("partnergraph-split-v1:" + doc_id)`` as an integer, modulo 10:
0–1 is ``dev`` (reported, never trained or tuned on), 2 is ``tune`` (carved
out of the training portion to choose thresholds), 3–9 is ``train``.

>>> split_of("example-doc")
'train'
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Split = Literal["dev", "tune", "train"]
SALT = "partnergraph-split-v1:"
ROOT = Path(__file__).resolve().parents[3]
SPLITS_FILE = ROOT / "eval" / "splits.json"


def split_of(doc_id: str) -> Split:
    """``dev`` (20%), ``tune`` (10%) or ``train`` (70%), from the id's hash alone."""
    bucket = int(hashlib.sha256((SALT + doc_id).encode()).hexdigest()[:8], 16) % 10
    if bucket < 2:
        return "dev"
    return "tune" if bucket == 2 else "train"


@dataclass(frozen=True)
class EvalSet:
    """One evaluation set: where it is and how ``score.py`` scores it."""

    name: str
    folder: str  # relative to the shared eval folder, or "project:" + a project path
    only: tuple[str, ...] = ()
    lenient: bool = True
    pairs_only: bool = False
    tuned_on: bool = False  # rules were fitted to it before the splits existed
    note: str = ""

    def path(self, shared_eval: Path) -> Path:
        if self.folder.startswith("project:"):
            return ROOT / self.folder.removeprefix("project:")
        return shared_eval / self.folder


CORE_ONLY = ("acquires", "subsidiary_of", "invests_in", "partners_with", "competes_with",
             "supplies", "develops")  # fmt: skip

SETS: tuple[EvalSet, ...] = (
    EvalSet("news", "news-train", note="in-domain news, all ten relations"),
    EvalSet("reuters-acq", "reuters-acq-train", only=("acquires",)),
    EvalSet("core", "train/core", only=CORE_ONLY),
    EvalSet("core-pairs", "train/core", only=CORE_ONLY, pairs_only=True),
    EvalSet(
        "knowledgenet", "train/knowledgenet", only=("founded", "executive_of", "subsidiary_of")
    ),
    EvalSet(
        "redocred", "train/redocred", only=("founded", "subsidiary_of", "develops", "executive_of")
    ),
    EvalSet("shared-dev", "dev", lenient=False, tuned_on=True),
    EvalSet("heldout", "project:eval/heldout", lenient=False, tuned_on=True),
)


def read_ids(docs_file: Path) -> list[str]:
    ids = []
    for line in docs_file.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            ids.append(json.loads(line)["doc_id"])
    return ids


def build(shared_eval: Path) -> dict[str, object]:
    """The content of ``eval/splits.json``: every set's dev and tune ids."""
    sets: dict[str, object] = {}
    seen: set[str] = set()
    for s in SETS:
        if s.folder in seen:
            continue
        seen.add(s.folder)
        ids = read_ids(s.path(shared_eval) / "docs.jsonl")
        sets[s.folder] = {
            "documents": len(ids),
            "dev": sorted(i for i in ids if split_of(i) == "dev"),
            "tune": sorted(i for i in ids if split_of(i) == "tune"),
        }
    return {
        "method": __doc__.split("\n\n")[1].replace("\n", " ") if __doc__ else "",
        "salt": SALT,
        "sets": sets,
    }
