"""Data files (cue words, frames, gazetteer) loaded once and cached."""

from __future__ import annotations

import json
import logging
from functools import cache
from pathlib import Path
from typing import Any

from graph.model import EntityType, Relation

DATA = Path(__file__).with_name("data")
log = logging.getLogger(__name__)


@cache
def load_json(name: str) -> dict[str, Any]:
    """A JSON data file from ``loaders/extract/data`` (cached)."""
    with (DATA / name).open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


#: Adverbs the parser tags ``advmod`` that are a verb's particle, part of its key in the
#: rules' tables: "work together", "drift apart", "step down".
VERB_PARTICLES = frozenset({"down", "off", "out", "up", "away", "apart", "over", "together"})
#: Lemmas of verbs of founding a company.
FOUNDING_VERBS = frozenset({"found", "co-found", "cofound", "establish"})


def founding_verb(lemma: str, text: str) -> bool:
    """Whether a word is a verb of founding, by its lemma and lower-case text (the
    lemmatizer leaves "co-founded" as "co-founde")."""
    return lemma in FOUNDING_VERBS or text.startswith(("co-found", "cofound"))


@cache
def _gazetteer_entries() -> tuple[tuple[str, EntityType, tuple[str, ...], bool], ...]:
    """``(name, type, aliases, run as a company)`` for every valid line of
    ``gazetteer.jsonl``, read once.

    The file is written by hand; a bad line is logged and skipped so one typo
    never stops extraction.
    """
    path = DATA / "gazetteer.jsonl"
    if not path.exists():
        return ()
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            name = str(row["name"]).strip()
            etype = EntityType(row.get("type", "Organization"))
            aliases = tuple(str(a).strip() for a in row.get("aliases") or () if str(a).strip())
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("gazetteer.jsonl line %d skipped: %s", n, exc)
            continue
        if name:
            out.append((name, etype, aliases, row.get("company") is True))
    return tuple(out)


@cache
def gazetteer() -> tuple[tuple[str, EntityType, tuple[str, ...]], ...]:
    """``(name, type, aliases)`` for every valid line of ``gazetteer.jsonl``."""
    return tuple((name, etype, aliases) for name, etype, aliases, _ in _gazetteer_entries())


@cache
def run_as_companies() -> frozenset[str]:
    """Products the gazetteer marks ``"company": true``: apps run by a company of the
    same name ("Instagram", "WhatsApp"), which can be bought or owned as a company."""
    return frozenset(name for name, _, _, company in _gazetteer_entries() if company)


@cache
def relations_with(trait: str) -> frozenset[Relation]:
    """The relations ``relations.json`` gives a trait ("deals", "party_subjects")."""
    return frozenset(Relation(r) for r in load_json("relations.json")["traits"][trait])
