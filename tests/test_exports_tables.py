"""GraphML and CSV exports: the facts valid at a date, for graph tools and spreadsheets."""

from __future__ import annotations

import csv
import io
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph import Batch, Entity, Relation, open_store, queries
from tests.conftest import MICROSOFT, fact
from tests.test_serve import EXE

DAY = date(2025, 9, 11)
HOSTILE = Entity.named('=HYPERLINK("http://x")\x07<b>&\'"', "Organization")


@pytest.fixture
def seeded(db_url: str, sample_batch: Batch) -> str:
    store = open_store(db_url)
    store.write(sample_batch)
    store.write(
        Batch(
            entities=(HOSTILE, MICROSOFT),
            facts=(fact(HOSTILE, Relation.SUPPLIES, MICROSOFT, "2024", role="-1+1"),),
        )
    )
    store.close()
    return db_url


def _as_of_facts(db_url: str) -> list:
    store = open_store(db_url)
    try:
        return queries.facts(store, as_of=DAY)
    finally:
        store.close()


def test_graphml_loads_in_networkx_with_one_edge_per_valid_fact(
    seeded: str, tmp_path: Path
) -> None:
    out = tmp_path / "g.graphml"
    done = subprocess.run(
        [EXE, "export", "--format", "graphml", "--as-of", DAY.isoformat(), "-o", str(out)],
        env={"PARTNERGRAPH_DB": seeded, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    graph = nx.read_graphml(out, force_multigraph=True)
    valid = _as_of_facts(seeded)
    assert graph.number_of_edges() == len(valid) > 0
    by_fact = {key: (u, v, data) for u, v, key, data in graph.edges(keys=True, data=True)}
    for f in valid:
        u, v, data = by_fact[f.id]
        assert (u, v) == (f.subject, f.object)
        assert data["relation"] == f.relation.value
        assert data["symmetric"] == f.relation.symmetric
        assert data["valid_from"] == (f.valid_from.isoformat() if f.valid_from else "")
        assert data["confidence"] == pytest.approx(f.confidence)
    partnership = next(f for f in valid if f.relation is Relation.PARTNERS_WITH)
    assert by_fact[partnership.id][2]["q_status"] == "strained"
    # XML cannot carry most C0 controls: it comes out as U+FFFD, everything else verbatim.
    assert graph.nodes[HOSTILE.id]["label"] == HOSTILE.name.replace("\x07", "\ufffd")


def test_csv_tables_have_gephi_columns_and_defuse_formulas(seeded: str, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    done = subprocess.run(
        [EXE, "export", "-f", "csv", "--as-of", DAY.isoformat(), "-o", str(folder)],
        env={"PARTNERGRAPH_DB": seeded, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    with (folder / "nodes.csv").open(newline="", encoding="utf-8") as f:
        nodes = {row["Id"]: row for row in csv.DictReader(f)}
    with (folder / "edges.csv").open(newline="", encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    valid = _as_of_facts(seeded)
    assert {e["Id"] for e in edges} == {f.id for f in valid}
    assert {e["Source"] for e in edges} | {e["Target"] for e in edges} == set(nodes)
    types = {e["relation"]: e["Type"] for e in edges}
    assert types["partners_with"] == "Undirected" and types["invests_in"] == "Directed"
    # A cell a spreadsheet would run as a formula gets a leading apostrophe.
    assert nodes[HOSTILE.id]["Label"] == "'" + HOSTILE.name
    supplies = next(e for e in edges if e["relation"] == "supplies")
    assert supplies["q_role"] == "'-1+1"


def test_csv_needs_an_output(seeded: str) -> None:
    done = subprocess.run(
        [EXE, "export", "-f", "csv"],
        env={"PARTNERGRAPH_DB": seeded, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "--output" in done.stderr


def test_http_export_answers_graphml_and_a_csv_zip(seeded: str) -> None:
    valid = _as_of_facts(seeded)
    with TestClient(create_app(Settings(db=seeded))) as c:
        graphml = c.get("/export", params={"format": "graphml", "as_of": DAY.isoformat()})
        zipped = c.get("/export", params={"format": "csv", "as_of": DAY.isoformat()})
    assert graphml.status_code == 200
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    graph = nx.read_graphml(io.BytesIO(graphml.content), force_multigraph=True)
    assert graph.number_of_edges() == len(valid)
    assert zipped.status_code == 200 and zipped.headers["content-type"] == "application/zip"
    assert 'filename="partnergraph-2025-09-11.zip"' in zipped.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
        edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8"))))
    assert len(edges) == len(valid)


def test_an_empty_store_exports_empty_tables(db_url: str) -> None:
    open_store(db_url).close()
    with TestClient(create_app(Settings(db=db_url))) as c:
        graphml = c.get("/export", params={"format": "graphml"})
        zipped = c.get("/export", params={"format": "csv"})
    assert nx.read_graphml(io.BytesIO(graphml.content)).number_of_nodes() == 0
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        assert archive.read("edges.csv").decode().startswith("Id,Source,Target,Type,Label")
