"""Name keys: the comparison form of an entity's names, and the lookup capability over them.

A name key is case-folded, without a legal suffix (cleanco), a leading "the" or a
possessive, so "The Acme Corp." and "acme's" share the key ``acme``. Resolution
(:mod:`loaders.resolve`) compares names by key only; a backend that stores the
key of every name and alias in an index offers :class:`EntityKeyLookup`, so a
lookup is an index hit whatever the size of the store.

>>> name_key("The Microsoft Corp.") == name_key("microsoft's")
True
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from typing import Protocol, runtime_checkable

from cleanco import basename

from graph.model import Entity, EntityType


@lru_cache(maxsize=1 << 17)
def name_key(name: str) -> str:
    """The comparison key of a name: case-folded, no legal suffix, no "the", no possessive."""
    text = name.strip().replace("\u2019", "'")
    if text.endswith("'s"):
        text = text[:-2]
    base = basename(text) or text
    words = base.casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@runtime_checkable
class EntityKeyLookup(Protocol):
    """A store that finds entities by the name key of any of their names (an index hit)."""

    def entities_by_key(self, type: EntityType, keys: Collection[str]) -> dict[str, list[Entity]]:
        """For each of ``keys`` that a stored entity of ``type`` has: those entities, by id."""
        ...
