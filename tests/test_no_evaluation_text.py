"""No evaluation text in the code: test sentences, comments and docstrings are our own.

Rules and tests capture how sentences are written, never one sentence of the evaluation
data, and must not quote it (the brief's discipline for issue 12). A run of nine words
shared with any document of ``../shared/eval`` in a string or comment of the Python
sources is reported with its place. Nine words is long enough that everyday phrasing
("is a wholly owned subsidiary of the") does not trip it.
"""

from __future__ import annotations

import io
import json
import re
import tokenize

from tests.conftest import ROOT, shared_or_skip

RUN = 9
SOURCES = ("api", "bench", "cli", "graph", "loaders", "scripts", "tests")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _runs(words: list[str]) -> set[int]:
    return {hash(tuple(words[i : i + RUN])) for i in range(len(words) - RUN + 1)}


def test_no_string_or_comment_quotes_an_evaluation_document() -> None:
    shared = shared_or_skip()
    seen: set[int] = set()
    docs = list((shared / "eval").rglob("docs.jsonl")) + list((ROOT / "eval").rglob("docs.jsonl"))
    assert docs, "no evaluation documents found"
    for path in docs:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                seen |= _runs(_words(json.loads(line)["text"]))
    found = []
    for top in SOURCES:
        for path in sorted((ROOT / top).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            for tok in tokenize.generate_tokens(io.StringIO(source).readline):
                if tok.type not in (tokenize.STRING, tokenize.COMMENT):
                    continue
                if _runs(_words(tok.string)) & seen:
                    found.append(f"{path.relative_to(ROOT)}:{tok.start[0]}")
    assert not found, "text shared with an evaluation document: " + ", ".join(found)


def test_the_check_finds_a_quoted_run() -> None:
    text = "one two three four five six seven eight nine ten"
    assert _runs(_words("x " + text)) & _runs(_words(text.upper() + " y"))
    assert not _runs(_words("one two three four five six seven eight")) & _runs(_words(text))
