"""Recognise curated-fact files, which are not documents.

Curated facts (``subject, relation, object`` rows) go straight to the store, not
through extraction, so a directory that mixes articles and facts must be split.
Only the head of the file is looked at, so this is cheap on any file size.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

_HEAD_BYTES = 64 * 1024
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_FACT_COLUMNS = frozenset({"subject", "relation", "object"})


def _head(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            data = handle.read(_HEAD_BYTES)
    except OSError:
        return None
    # The head may end inside a multi-byte character; only whole lines are used.
    return data.decode("utf-8-sig", errors="replace")


def is_curated_facts(path: Path | str) -> bool:
    """True for a curated-fact file rather than documents.

    That is a JSONL/NDJSON file whose first non-empty line is a JSON object
    with a ``"relation"`` key, or a CSV file whose header has ``subject``,
    ``relation`` and ``object`` columns (any order, case and surrounding
    spaces). Unreadable files are not curated facts (the reader reports them).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in _JSONL_SUFFIXES and suffix != ".csv":
        return False
    head = _head(path)
    if head is None:
        return False
    lines = [line for line in head.split("\n") if line.strip()]
    if not lines:
        return False
    if suffix == ".csv":
        header = next(csv.reader([lines[0]]), [])
        return _FACT_COLUMNS.issubset(column.strip().lower() for column in header)
    try:
        first = json.loads(lines[0])
    except ValueError:
        return False
    return isinstance(first, dict) and "relation" in first
