"""Shared fixtures: one ``store`` fixture over every backend (conventions 13)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from graph import Batch, Entity, Evidence, Fact, PartialDate, Relation, open_store
from graph.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

#: Backends the contract suite runs against. Neo4j joins when its issue lands.
STORE_BACKENDS = ["sqlite-file", "sqlite-memory"]


def _store_url(kind: str, tmp_path: Path) -> str:
    if kind == "sqlite-file":
        return f"sqlite:///{tmp_path / 'contract.db'}"
    if kind == "sqlite-memory":
        return "sqlite:///:memory:"
    raise AssertionError(kind)


@pytest.fixture(params=STORE_BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = open_store(_store_url(request.param, tmp_path))
    yield s
    s.close()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


def evidence(doc: str, sentence: str, published: str | None = None) -> Evidence:
    return Evidence(
        document_id=doc,
        sentence=sentence,
        start=0,
        end=len(sentence),
        url=f"https://example.org/{doc}",
        published=date.fromisoformat(published) if published else None,
    )


MICROSOFT = Entity.named("Microsoft", "Organization", ["Microsoft Corp", "MSFT"], "Q2283")
OPENAI = Entity.named("OpenAI", "Organization")
NVIDIA = Entity.named("Nvidia", "Organization", ["NVIDIA Corporation"])
SULEYMAN = Entity.named("Mustafa Suleyman", "Person")
MICROSOFT_AI = Entity.named("Microsoft AI", "Organization")
MAI = Entity.named("MAI-1-preview", "Product")


def fact(
    s: Entity,
    rel: Relation,
    o: Entity,
    start: str | None = None,
    end: str | None = None,
    doc: str = "d1",
    **qualifiers: str,
) -> Fact:
    return Fact(
        subject=s.id,
        relation=rel,
        object=o.id,
        valid_from=PartialDate.parse_optional(start),
        valid_to=PartialDate.parse_optional(end),
        qualifiers=qualifiers,
        evidence=(evidence(doc, f"{s.name} {rel.value} {o.name}."),),
    )


@pytest.fixture
def sample_batch() -> Batch:
    return Batch(
        entities=(MICROSOFT, OPENAI, NVIDIA, SULEYMAN, MICROSOFT_AI, MAI),
        facts=(
            fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019-07", status="strained"),
            fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, "2019", amount="1000000000"),
            fact(SULEYMAN, Relation.EXECUTIVE_OF, MICROSOFT_AI, "2024-03", role="CEO"),
            fact(MICROSOFT_AI, Relation.DEVELOPS, MAI, "2025-08"),
            fact(MICROSOFT, Relation.COMPETES_WITH, NVIDIA, "2020", "2022"),
        ),
    )


def shared_or_skip() -> Path:
    """The shared folder (eval sets, seed article); tests that need it skip without it."""
    if not SHARED.is_dir():
        if os.environ.get("CI") == "true":
            pytest.skip("../shared is absent in this checkout")
        pytest.skip("../shared is absent")
    return SHARED
