"""The read commands in an 80-column terminal: direction in history, no cut relation
names, and lists that say when they are cut at --limit (issue 16)."""

from __future__ import annotations

import os
import subprocess

import pytest

from graph import Batch, Relation, open_store
from tests.conftest import MICROSOFT, MICROSOFT_AI, NVIDIA, OPENAI, SULEYMAN, fact
from tests.test_serve import EXE


@pytest.fixture
def db(db_url: str) -> str:
    store = open_store(db_url)
    store.write(
        Batch(
            entities=(MICROSOFT, OPENAI, NVIDIA, SULEYMAN, MICROSOFT_AI),
            facts=(
                fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, "2019"),
                fact(MICROSOFT, Relation.COMPETES_WITH, NVIDIA, "2020"),
                fact(SULEYMAN, Relation.EXECUTIVE_OF, MICROSOFT_AI, "2024-03", role="CEO"),
                fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019-07"),
            ),
        )
    )
    store.close()
    return db_url


def run(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PARTNERGRAPH_DB": db, "COLUMNS": "80", "TERM": "dumb"}
    done = subprocess.run([EXE, *args], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


def test_history_reads_each_relation_from_the_entitys_side(db: str) -> None:
    microsoft = run(db, "history", "microsoft").stdout
    openai = run(db, "history", "openai").stdout
    assert "→ invests_in" in microsoft and "← invests_in" not in microsoft
    assert "← invests_in" in openai and "→ invests_in" not in openai
    assert "↔ partners_with" in microsoft and "↔ partners_with" in openai
    assert "↔ competes_with" in microsoft


def test_relation_names_are_never_cut_at_80_columns(db: str) -> None:
    for args in (("history", "microsoft"), ("relations", "microsoft"), ("facts",)):
        printed = run(db, *args).stdout
        assert "…" not in printed, args
        assert max(len(line) for line in printed.splitlines()) <= 80, args
    assert "competes_with" in run(db, "relations", "microsoft").stdout


@pytest.mark.parametrize(
    ("args", "noun"),
    [
        (("entities", "--limit", "2"), "entities"),
        (("facts", "--limit", "2"), "facts"),
        (("relations", "microsoft", "--limit", "2"), "relations"),
    ],
)
def test_a_list_cut_at_its_limit_says_so(db: str, args: tuple[str, ...], noun: str) -> None:
    cut = run(db, *args, "--json")
    assert len(cut.stdout.splitlines()) == 2
    assert f"showing the first 2 {noun}" in cut.stderr and "--limit" in cut.stderr
    whole = run(db, *args[:-1], "50", "--json")
    assert len(whole.stdout.splitlines()) > 2 and "showing the first" not in whole.stderr
