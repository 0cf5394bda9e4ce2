"""The hand-written gazetteer: every line parses, no surface names two entities,
and every organization resolves through the EntityRuler patterns to itself."""

from __future__ import annotations

import json

from graph.model import EntityType
from loaders.extract import annotate, resources

PATH = resources.DATA / "gazetteer.jsonl"


def _rows() -> list[dict]:
    return [
        json.loads(line) for line in PATH.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def test_every_line_is_a_valid_entry() -> None:
    for n, line in enumerate(PATH.read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        assert isinstance(row["name"], str) and row["name"].strip() == row["name"] != "", n
        EntityType(row.get("type", "Organization"))
        aliases = row.get("aliases", [])
        assert isinstance(aliases, list), n
        assert all(isinstance(a, str) and a.strip() == a != "" for a in aliases), n
        assert row.get("company", True) is True or row["company"] is False, n
        assert not row.get("company") or row.get("type") == "Product", n
    assert len(resources.gazetteer()) == len(_rows())


def test_no_surface_names_two_entities() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for row in _rows():
        for surface in {row["name"], *row.get("aliases", [])}:
            if surface in seen and seen[surface] != row["name"]:
                clashes.append((surface, seen[surface], row["name"]))
            seen.setdefault(surface, row["name"])
    assert not clashes


def test_no_alias_of_one_or_two_letters() -> None:
    short = [(r["name"], a) for r in _rows() for a in r.get("aliases", []) if len(a) <= 2]
    assert not short


def test_sorted_by_type_then_name() -> None:
    order = {"Organization": 0, "Person": 1, "Product": 2}
    keys = [(order[r["type"]], r["name"].casefold()) for r in _rows()]
    assert keys == sorted(keys)


def test_every_organization_resolves_to_itself() -> None:
    patterns = {p["pattern"]: p for p in annotate.ruler_patterns()}
    for row in _rows():
        if row["type"] != "Organization":
            continue
        for surface in (row["name"], *row.get("aliases", [])):
            assert patterns[surface]["id"] == row["name"], surface
            assert patterns[surface]["label"] == "ORG", surface
