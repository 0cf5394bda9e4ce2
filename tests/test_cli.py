"""The ``partnergraph`` command line, run the way users run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app

DATA = Path(__file__).parent / "data" / "curated"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def loaded(db_url: str) -> str:
    code, _, err = run("ingest", str(DATA / "good.jsonl"), str(DATA / "good.csv"), "--db", db_url)
    assert code == 0, err
    assert "6 new" in err
    return db_url


def test_every_command_has_help() -> None:
    code, out, _ = run("--help")
    assert code == 0
    commands = ["ingest", "entities", "facts", "relations", "serve", "extract"]
    for command in commands:
        assert command in out
        sub_code, sub_out, _ = run(command, "--help")
        assert sub_code == 0 and "Usage" in sub_out
    assert "partnergraph.db" in run("ingest", "--help")[1]


def test_relations_as_of_a_date(loaded: str) -> None:
    code, out, _ = run(
        "relations", "Acme Robotics", "--as-of", "2022-01-01", "--json", "--db", loaded
    )
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    rels = sorted(r["relation"] for r in rows)
    assert rels == ["competes_with", "executive_of", "invests_in", "partners_with", "supplies"]
    ceo = next(r for r in rows if r["relation"] == "executive_of")
    assert ceo["valid_to"] == "2023-06-30" and ceo["evidence"][0]["url"].startswith("https://")
    code, out, _ = run(
        "relations", "acme robotics", "--as-of", "2024-01-01", "--json", "--db", loaded
    )
    assert "executive_of" not in out and "develops" in out


def test_facts_and_entities_tables(loaded: str) -> None:
    code, out, _ = run("facts", "--relation", "develops", "--all-time", "--db", loaded)
    assert code == 0 and "Acme Arm 2" in out
    code, out, _ = run("entities", "acme", "--db", loaded)
    assert code == 0 and "acme-robotics" in out


def test_clear_errors_for_bad_input(loaded: str) -> None:
    code, _, err = run("relations", "Acme Robotcs", "--db", loaded)
    assert code == 1 and "did you mean: Acme Robotics" in err
    code, _, err = run("relations", "Acme Robotics", "--as-of", "2022-13-01", "--db", loaded)
    assert code != 0 and "--as-of" in err
    code, _, err = run("facts", "--relation", "befriends", "--db", loaded)
    assert code != 0 and "befriends" in err
    code, _, err = run("ingest", str(DATA / "bad_rows.jsonl"), "--db", loaded)
    assert code == 1 and "bad_rows.jsonl:2" in err
    code, _, err = run("facts", "--db", "mysql://x")
    assert code == 2 and "unknown store scheme" in err


def test_installed_entry_point_runs() -> None:
    exe = Path(sys.executable).parent / "partnergraph"
    done = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "relations" in done.stdout


def test_history_changes_and_retract(loaded: str) -> None:
    code, out, _ = run("history", "Acme Robotics", "--json", "--db", loaded)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["valid_from"] for r in rows] == sorted(r["valid_from"] for r in rows)
    ceo = next(r for r in rows if r["relation"] == "executive_of")
    code, out, _ = run(
        "changes", "--since", "2023-01-01", "--until", "2024-01-01", "--json", "--db", loaded
    )
    assert code == 0
    assert [(json.loads(x)["kind"], json.loads(x)["fact"]["id"]) for x in out.splitlines()] == [
        ("ended", ceo["id"])
    ]
    code, out, _ = run("retract", ceo["id"], "--reason", "test", "--db", loaded)
    assert code == 0 and "retracted" in out
    code, out, _ = run("history", "acme robotics", "--json", "--db", loaded)
    assert ceo["id"] not in out
    code, _, err = run("retract", "f-missing", "--db", loaded)
    assert code == 1 and "no fact" in err


def test_ingest_and_extract_help_name_the_cap_and_the_exit_status() -> None:
    for command in ("ingest", "extract"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "--max-chars" in out and "Exit status" in out, command
