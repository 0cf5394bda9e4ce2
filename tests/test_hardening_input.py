"""Hostile or unlucky input rows never stop a batch (issue 14).

One document, file or name that cannot be loaded is one error line naming it
(file, line or document, reason); the rest of the batch is still extracted and
stored, and the exit status says something failed. Folder walks stay inside the
folder, name what they skip, and count hidden parts only below the folder given.
Every article here is written for these tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

from cli.main import app
from graph import open_store, queries
from graph.model import Document
from graph.store import FactPattern
from loaders.extract import Extractor
from loaders.extract.annotate import default_model
from loaders.limits import MAX_DOCUMENT_CHARS
from loaders.pipeline import ingest
from loaders.readers import expand

runner = CliRunner()

SUPPLY = "Granite Foundry supplies chips to Vectra Motors, the companies said on Monday.\n"
# A year-only and a full date for one fact in one article: crashed the whole batch once.
TWO_PRECISIONS = (
    "Halvorsen Group has partnered with Cirrusbyte since 2024. "
    "Halvorsen Group partnered with Cirrusbyte on May 2, 2024.\n"
)
ACQUIRE = "Kestrel Labs acquired Ferrovia Systems in 2022."
SECRET = "root:$6$hash-that-must-never-be-stored:19000:0:99999:7:::\n"


def _stored_triples(db_url: str) -> set[tuple[str, str, str]]:
    store = open_store(db_url)
    try:
        return {(f.subject, f.relation.value, f.object) for f in store.find_facts(FactPattern())}
    finally:
        store.close()


def _has_text(db_url: str, text: str) -> bool:
    store = open_store(db_url)
    try:
        return queries.has_document(store, Document(text))
    finally:
        store.close()


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A folder of good articles mixed with an oversized one, bad JSONL lines, a FIFO
    and links, one of them leaving the folder."""
    folder = tmp_path / "walk"
    folder.mkdir()
    (folder / "a_supply.txt").write_text(SUPPLY, encoding="utf-8")
    (folder / "b_two_precisions.txt").write_text(TWO_PRECISIONS, encoding="utf-8")
    (folder / "c_long.txt").write_text(
        "Orrin Labs makes sensors. " * (MAX_DOCUMENT_CHARS // 26 + 10), encoding="utf-8"
    )
    rows = [
        {"doc_id": "j1", "published": "2024-05-17", "text": ACQUIRE},
        {"doc_id": "j2", "published": "2024-05-17", "text": "Acme \ud800 bought Beta."},
        {"doc_id": "j3", "published": "2025-03-14", "text": TWO_PRECISIONS},
    ]
    (folder / "d_docs.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8"
    )
    os.mkfifo(folder / "e_pipe.txt")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "shadow.txt").write_text(SECRET, encoding="utf-8")
    (folder / "leak.txt").symlink_to(outside / "shadow.txt")
    (folder / "elsewhere").symlink_to(outside, target_is_directory=True)
    (folder / "alias.txt").symlink_to(folder / "a_supply.txt")  # inside: fine
    return folder


def test_one_bad_file_or_document_never_stops_the_batch(batch: Path, db_url: str) -> None:
    result = runner.invoke(app, ["ingest", str(batch), "--db", db_url, "--published", "2025-03-14"])
    assert result.exit_code == 1, result.output
    err = result.stderr
    lines = [line for line in err.splitlines() if line.startswith(("error:", "warning:"))]
    # The reader strips the last space: the cleaned text is one character shorter.
    length = len((batch / "c_long.txt").read_text(encoding="utf-8")) - 1
    assert any(
        "c_long.txt (document doc-" in line
        and f"text too long: {length} characters (limit {MAX_DOCUMENT_CHARS})" in line
        for line in lines
    ), err
    assert any("d_docs.jsonl:2" in line and "lone surrogate" in line for line in lines), err
    assert any("e_pipe.txt" in line and "not a regular file: FIFO" in line for line in lines), err
    assert any(
        line.startswith("warning:") and "leak.txt" in line and "outside" in line for line in lines
    ), err
    assert any(line.startswith("warning:") and "elsewhere" in line for line in lines), err
    assert len([line for line in lines if line.startswith("error:")]) == 3, err
    assert "3 error(s)" in err and "1 failed" in err

    triples = _stored_triples(db_url)
    assert ("granite-foundry", "supplies", "vectra-motors") in triples
    assert ("kestrel-labs", "acquires", "ferrovia-systems") in triples
    assert any(t[1] == "partners_with" and "cirrusbyte" in t for t in triples), triples
    assert not _has_text(db_url, SECRET.strip())


def test_the_document_that_crashed_the_merge_is_extracted_and_dated(db_url: str) -> None:
    extractor = Extractor()
    doc = Document(TWO_PRECISIONS, doc_id="p", published=None)
    facts = extractor.extract(doc)
    assert {f.valid_from.isoformat() for f in facts if f.valid_from} == {"2024-05-02"}


def test_extract_reports_each_failed_document_and_goes_on(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    rows = [
        {"doc_id": "first", "published": "2025-03-14", "text": SUPPLY},
        {"doc_id": "merge", "published": "2025-03-14", "text": TWO_PRECISIONS},
        {"doc_id": "long", "published": "2025-03-14", "text": "Orrin Labs makes sensors. " * 20},
        {"doc_id": "last", "published": "2024-05-17", "text": ACQUIRE},
    ]
    docs.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["extract", "--jsonl", str(docs), "--max-chars", "300"])
    assert result.exit_code == 1, result.output
    extracted = {json.loads(line)["doc_id"] for line in result.stdout.splitlines()}
    assert extracted == {"first", "merge", "last"}
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert f"{docs}:3 (document long): text too long: 520 characters (limit 300)" in line
    assert "--max-chars" in runner.invoke(app, ["extract", "--help"]).stdout


def test_the_cap_comes_from_the_environment_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(SUPPLY * 3, encoding="utf-8")
    monkeypatch.setenv("PARTNERGRAPH_MAX_DOCUMENT_CHARS", "100")
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 1 and "(limit 100)" in result.stderr
    assert result.stdout == ""


# -- a document whose extraction fails, through the model seam ---------------------------

SEEN_LENGTHS: list[int] = []


@Language.component("test_refuses_marker")
def _refuses_marker(doc: Doc) -> Doc:
    """A pipeline step that fails on one text and records how long each text is."""
    SEEN_LENGTHS.append(len(doc.text))
    if "QUARANTINE" in doc.text:
        raise ValueError("this text is quarantined")
    return doc


@pytest.fixture(scope="module")
def failing_model(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The installed English pipeline plus a step that fails on one marked text,
    saved to a folder: ``PARTNERGRAPH_SPACY_MODEL`` accepts a pipeline folder."""
    nlp = spacy.load(default_model())
    nlp.add_pipe("test_refuses_marker", last=True)
    path = tmp_path_factory.mktemp("model") / "failing"
    nlp.to_disk(path)
    yield str(path)


def test_a_document_failing_extraction_is_reported_and_the_rest_stored(
    failing_model: str, tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1.txt").write_text(SUPPLY, encoding="utf-8")
    (folder / "2.txt").write_text("QUARANTINE. Orrin Labs acquired Velde Systems.", "utf-8")
    (folder / "3.txt").write_text(ACQUIRE, encoding="utf-8")
    monkeypatch.setenv("PARTNERGRAPH_SPACY_MODEL", failing_model)
    result = runner.invoke(app, ["ingest", str(folder), "--db", db_url])
    assert result.exit_code == 1, result.output
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert "2.txt (document doc-" in line
    assert "extraction failed: ValueError: this text is quarantined" in line
    triples = _stored_triples(db_url)
    assert ("granite-foundry", "supplies", "vectra-motors") in triples
    assert ("kestrel-labs", "acquires", "ferrovia-systems") in triples
    assert not any("orrin-labs" in t for t in triples)
    assert "1 failed" in result.stderr


def test_spacy_never_sees_more_than_a_window(failing_model: str) -> None:
    extractor = Extractor(model=failing_model, window_chars=2_000)
    paragraph = "Granite Foundry supplies chips to Vectra Motors. " * 12 + "\n"
    # Paragraphs, then one 4,500-character "word" with nowhere to cut but inside it.
    text = paragraph * 20 + "x" * 4_500 + "\nKestrel Labs acquired Ferrovia Systems in 2022."
    SEEN_LENGTHS.clear()
    facts = extractor.extract(Document(text, doc_id="w"))
    assert len(text) > 8 * 2_000 and max(SEEN_LENGTHS) <= 2_000
    assert {f.relation.value for f in facts} == {"supplies", "acquires"}
    for f in facts:
        assert text[f.start : f.end] == f.sentence
    huge = Extractor(model=failing_model, window_chars=10**12)
    assert huge.window_chars <= huge.nlp.max_length


# -- names that yield no file, special files, hidden parents ----------------------------


def test_paths_under_a_hidden_folder_load(tmp_path: Path, db_url: str) -> None:
    seeds = tmp_path / ".cache" / "clone" / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "a.txt").write_text(ACQUIRE, encoding="utf-8")
    (seeds / ".draft.txt").write_text(SUPPLY, encoding="utf-8")
    (seeds / ".git").mkdir()
    (seeds / ".git" / "x.txt").write_text(SUPPLY, encoding="utf-8")
    assert expand([seeds]).files == [seeds / "a.txt"]
    result = runner.invoke(app, ["ingest", str(seeds), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "1 new document(s)" in result.stderr


def test_a_name_that_yields_no_file_is_an_error_naming_it(tmp_path: Path, db_url: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.png").write_bytes(b"\x89PNG")
    pattern = f"{tmp_path}/*.xml"
    store = open_store(db_url)
    try:
        report = ingest(store, [empty, pattern, tmp_path / "missing.txt"])
    finally:
        store.close()
    assert report.errors == [
        f"{empty}: no file to load in this folder (.atom, .csv, .htm, .html, .jsonl, .md, "
        ".ndjson, .rss, .text, .txt, .xhtml, .xml)",
        f"{pattern}: the pattern matches no file",
        f"{tmp_path / 'missing.txt'}: no such file or folder",
    ]


def test_special_files_are_refused_by_what_they_are(tmp_path: Path, db_url: str) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["ingest", str(fifo), "/dev/zero", "--db", db_url])
    assert result.exit_code == 1
    assert f"{fifo}: not a regular file: FIFO (named pipe)" in result.stderr
    assert "/dev/zero: not a regular file: character device" in result.stderr
    assert "no such file" not in result.stderr
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "gone.txt")
    assert [str(e) for e in expand([broken]).errors] == [f"{broken}: broken symbolic link"]


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_extract_refuses_special_files_without_reading_them(tmp_path: Path, special: str) -> None:
    target = special
    if special == "fifo":
        target = str(tmp_path / "pipe")
        os.mkfifo(target)
    # A subprocess with a timeout: reading either would block or never end.
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "extract", target],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "not a regular file" in done.stderr and "no such file" not in done.stderr


def test_a_glob_does_not_follow_links_out_of_its_folder(batch: Path) -> None:
    found = expand([f"{batch}/*.txt"])
    names = [p.name for p in found.files]
    assert "leak.txt" not in names and {"a_supply.txt", "alias.txt"} <= set(names)
    assert [w for w in found.warnings if "leak.txt" in w] == [
        f"{batch / 'leak.txt'}: skipped: a symbolic link to "
        f"{batch.parent / 'outside' / 'shadow.txt'}, outside {batch}"
    ]
    assert [str(e) for e in found.errors] == [
        f"{batch / 'e_pipe.txt'}: not a regular file: FIFO (named pipe)"
    ]
