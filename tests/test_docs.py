"""Meta-tests that keep the surface honest: every command and route is documented."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from api.app import create_app
from api.settings import Settings
from cli.main import app as cli_app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme() -> None:
    group = typer.main.get_command(cli_app)
    names = sorted(group.commands)  # type: ignore[attr-defined]
    assert len(names) >= 10
    missing = [n for n in names if f"partnergraph {n}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_route_is_in_the_readme() -> None:
    spec = create_app(Settings(db="sqlite:///:memory:")).openapi()
    documented = {
        re.sub(r"\{[^}]+\}", "{}", p)
        for p in re.findall(r"`(?:GET|POST|DELETE)[/ ]*[^`]*?(/[^` ?]*)", README)
    }
    documented |= {re.sub(r"\{[^}]+\}", "{}", p) for p in re.findall(r"(/[a-z{][^` ?,)]*)", README)}
    missing = [p for p in spec["paths"] if re.sub(r"\{[^}]+\}", "{}", p) not in documented]
    assert not missing, f"routes missing from README.md: {missing}"
