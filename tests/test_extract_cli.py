"""``partnergraph extract``: plain text and JSON Lines in, clean JSON Lines out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()


def lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_help_names_the_options() -> None:
    result = runner.invoke(app, ["extract", "--help"])
    assert result.exit_code == 0
    for option in ("--jsonl", "--published", "--doc-id"):
        assert option in result.output


def test_plain_text_file_with_metadata(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Kestrel Labs said on Tuesday it agreed to acquire Ferrovia Systems.\n")
    result = runner.invoke(
        app, ["extract", str(article), "--published", "2024-05-17", "--doc-id", "k1"]
    )
    assert result.exit_code == 0, result.output
    (fact,) = lines(result.stdout)
    assert fact["doc_id"] == "k1"
    assert fact["relation"] == "acquires"
    assert fact["valid_from"] == "2024-05-14"


def test_stdin_is_read_with_a_dash() -> None:
    result = runner.invoke(
        app, ["extract", "-"], input="Granite Foundry supplies chips to Vectra Motors."
    )
    assert result.exit_code == 0
    assert [f["relation"] for f in lines(result.stdout)] == ["supplies"]


def test_jsonl_reports_bad_lines_and_extracts_the_others(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        '{"doc_id": "a", "published": "2024-05-17",'
        ' "text": "Nimbus Health is backed by Brightwave Capital."}\n'
        "this is not json\n"
        '{"doc_id": "c", "published": "17/05/2024", "text": "x"}\n'
        '{"doc_id": "d", "text": "Tessaract, a unit of Halvorsen Group, makes sensors."}\n'
    )
    result = runner.invoke(app, ["extract", "--jsonl", str(docs)])
    assert result.exit_code == 1
    facts = lines(result.stdout)  # stdout stays clean JSON Lines
    assert {(f["doc_id"], f["relation"]) for f in facts} == {
        ("a", "invests_in"),
        ("d", "subsidiary_of"),
    }
    assert ":2:" in result.stderr and "invalid JSON" in result.stderr
    assert ":3:" in result.stderr and "published" in result.stderr


def test_bad_published_date_is_a_usage_error(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Granite Foundry supplies chips to Vectra Motors.")
    result = runner.invoke(app, ["extract", str(article), "--published", "yesterday"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_missing_file_is_reported() -> None:
    result = runner.invoke(app, ["extract", "/nonexistent/article.txt"])
    assert result.exit_code == 2
    assert "nonexistent" in result.stderr


@pytest.mark.parametrize("payload", [b"", b"\xff\xfe\x00binary"])
def test_empty_or_binary_text_is_an_error(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(payload)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""


def test_unknown_spacy_model_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTNERGRAPH_SPACY_MODEL", "no_such_model_xx")
    result = runner.invoke(app, ["extract", "-"], input="Granite Foundry supplies chips.")
    assert result.exit_code == 2
    assert "no_such_model_xx" in result.stderr and "PARTNERGRAPH_SPACY_MODEL" in result.stderr
