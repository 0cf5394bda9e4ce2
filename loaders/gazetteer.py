"""The team's gazetteer: known organizations, people and products with aliases.

One JSON object per line in ``loaders/extract/data/gazetteer.jsonl``:
``{"name": "Microsoft", "type": "Organization", "aliases": ["MSFT"], "wikidata": "Q2283"}``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from graph.errors import GraphError, InvalidInput
from graph.model import Entity

GAZETTEER_PATH = Path(__file__).resolve().parent / "extract" / "data" / "gazetteer.jsonl"


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = GAZETTEER_PATH) -> tuple[Entity, ...]:
    """Every gazetteer entry as an :class:`Entity` (id = slug of the name)."""
    if not path.exists():
        return ()
    entities: list[Entity] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                entities.append(
                    Entity.named(
                        row["name"], row["type"], row.get("aliases", ()), row.get("wikidata")
                    )
                )
            except (ValueError, KeyError, TypeError, GraphError) as exc:
                raise InvalidInput(f"{exc}", where=f"{path}:{number}") from exc
    return tuple(entities)


def gazetteer_index() -> dict[str, Entity]:
    """Gazetteer entities by every case-folded name and alias."""
    index: dict[str, Entity] = {}
    for entity in load_gazetteer():
        for name in entity.all_names():
            index.setdefault(name.casefold(), entity)
    return index
