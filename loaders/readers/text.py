"""Plain-text documents, including messy scrapes.

The document's text is the CLEANED text: every character offset found later
(evidence spans) points into it, never into the file. Cleaning, in order:

1. Lines are split on any line break; zero-width characters go; runs of
   spaces, tabs and no-break spaces become one space; lines are stripped.
2. Site furniture ("Read at …", "Unable to calculate read time", a bookmark
   menu of "[", "|", "...", "]" lines, "Share", "Advertisement"…) is dropped:
   a line is furniture when a pattern of ``furniture.txt`` matches all of it.
3. Markdown heading markers (``# ``) are dropped, so ``.md`` reads as prose.
4. Quote-wrapped paragraphs, a scraper artefact, are unwrapped: when at least
   half of the lines start and end with ``"``, those lines lose that outer
   pair and any doubled ``""`` inside them becomes ``"``. A document where a
   few paragraphs are genuine quotations is left alone. A line starting with a
   broken nested quote (``""It's``) is repaired (``"It's``) in any document.
5. Paragraphs are joined with ``"\\n"``. In a file that separates paragraphs
   with blank lines, a single line break after a line that does not end a
   sentence is a hard wrap and becomes a space; one-paragraph-per-line files
   (as scrapes are) keep every line.

Title: the first paragraph counts as a headline when more text follows, it is
at most 150 characters, does not end like a sentence (``.``, ``,``, ``;``,
``:`` or a closing quote) and is not a byline ("By …"). The headline stays in
the text too, because headlines state facts ("Acme to buy Beta").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path

from graph.model import Document
from loaders.readers.base import ReadResult, Unreadable, decode_utf8

FURNITURE_FILE = Path(__file__).with_name("furniture.txt")

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile("[ \t\u00a0\u2007\u202f]+")
_HEADING = re.compile(r"^#{1,6}\s+")
_BROKEN_OPEN_QUOTE = re.compile(r'^""(?=[^"])')
# A line ending one of these ends a sentence, so the next line is not a hard wrap.
_SENTENCE_END = (".", "!", "?", ":", '"', "'", "\u201d", "\u2019", ")")
_HEADLINE_MAX = 150


@cache
def furniture_patterns(path: Path = FURNITURE_FILE) -> tuple[re.Pattern[str], ...]:
    """The compiled furniture patterns of ``path`` (see the file's header)."""
    patterns = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        source = line.strip()
        if not source or source.startswith("#"):
            continue
        try:
            patterns.append(re.compile(source, re.IGNORECASE))
        except re.error as exc:
            # A broken data file is a bug to fix, not input to skip.
            raise ValueError(f"{path}:{number}: bad furniture pattern: {exc}") from exc
    return tuple(patterns)


def is_furniture(line: str) -> bool:
    """True when the whole (stripped) line is site furniture."""
    return any(p.fullmatch(line) for p in furniture_patterns())


def _is_wrapped(line: str) -> bool:
    return len(line) >= 2 and line.startswith('"') and line.endswith('"')


def _unwrap_quotes(lines: list[str]) -> list[str]:
    content = [line for line in lines if line]
    wrapped = sum(_is_wrapped(line) for line in content)
    unwrap = bool(content) and 2 * wrapped >= len(content)
    fixed = []
    for line in lines:
        if unwrap and _is_wrapped(line):
            line = line[1:-1].replace('""', '"').strip()
            if not line:
                continue  # dropped, not blanked: a blank line would mean "paragraph break"
        fixed.append(_BROKEN_OPEN_QUOTE.sub('"', line))
    return fixed


def _paragraphs(lines: list[str], join_hard_wraps: bool) -> list[str]:
    body = lines[:]
    while body and not body[0]:
        body.pop(0)
    hard_wrapped = join_hard_wraps and "" in body
    paragraphs: list[str] = []
    joinable = False
    for line in body:
        if not line:
            joinable = False
            continue
        if joinable and hard_wrapped:
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        joinable = not line.endswith(_SENTENCE_END)
    return paragraphs


def clean_text(raw: str, *, join_hard_wraps: bool = True) -> str:
    """Clean a plain-text article (see the module docstring for the steps).

    ``join_hard_wraps=False`` keeps every line a paragraph, for text whose line
    breaks are already paragraph breaks (an HTML extractor's output).

    >>> clean_text('"Acme said "yes" today."\\n"He agreed."\\nShare\\n[\\n|\\n]')
    'Acme said "yes" today.\\nHe agreed.'
    """
    lines = [_SPACES.sub(" ", _ZERO_WIDTH.sub("", line)).strip() for line in raw.splitlines()]
    lines = [_HEADING.sub("", line) for line in lines if not (line and is_furniture(line))]
    # Furniture goes before the quote vote (it would outvote the wrapped lines)
    # and again after it, for a furniture line that came wrapped in quotes.
    lines = [line for line in _unwrap_quotes(lines) if not (line and is_furniture(line))]
    return "\n".join(_paragraphs(lines, join_hard_wraps))


def guess_title(text: str) -> str | None:
    """The first paragraph of cleaned ``text`` when it reads as a headline, else None.

    >>> guess_title("Acme agrees to buy Beta\\nAcme said on Monday it would buy Beta.")
    'Acme agrees to buy Beta'
    """
    first, sep, rest = text.partition("\n")
    if not sep or not rest.strip() or len(first) > _HEADLINE_MAX:
        return None
    if first.endswith((".", ",", ";", ":", '"', "\u201d")) or first.lower().startswith("by "):
        return None
    return first


def text_document(
    raw: str,
    *,
    published: date | None = None,
    doc_id: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Document:
    """A Document from raw article text: cleaned text, guessed title unless given.

    ``doc_id`` None lets ``Document.id`` fall back to the content hash, so the
    same text read twice is the same document. Raises ``Unreadable`` (an
    ``InvalidInput``) when nothing but furniture is left.
    """
    raw, dateline = _take_dateline(raw)
    text = clean_text(raw)
    if not text:
        raise Unreadable("no text left after removing site furniture and blank lines")
    return Document(
        text=text,
        url=url,
        title=title if title is not None else guess_title(text),
        published=dateline or published,
        doc_id=doc_id,
    )


_DATELINE = re.compile(
    r"^(?:published|posted|updated|date)(?:\s+on)?\s*[:\-\u2013\u2014]?\s*(?P<when>.{6,40})$",
    re.IGNORECASE,
)
_DATELINE_SEARCH = 4  # a dateline sits under the headline, not deep in the story


def _take_dateline(raw: str) -> tuple[str, date | None]:
    """Find and remove a "Published: 2026-03-12" style line among the first lines.

    The date in the file wins over a caller's fallback; only a full date
    (day, month and year) counts, so "Updated: Tuesday" is left as prose.
    """
    lines = raw.splitlines()
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > _DATELINE_SEARCH:
            break
        match = _DATELINE.match(line.strip().strip('"'))
        if not match:
            continue
        when = _parse_full_date(match.group("when"))
        if when is not None:
            return "\n".join(lines[:index] + lines[index + 1 :]), when
    return raw, None


def _parse_full_date(value: str) -> date | None:
    import dateparser  # slow to import: only when a dateline is there

    parsed = dateparser.parse(
        value.strip(),
        languages=["en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date() if parsed else None


def read_text(data: bytes, source: str, *, published: date | None = None) -> Iterator[ReadResult]:
    """One document from a UTF-8 plain-text file's bytes; ``published`` comes from the caller."""
    yield ReadResult.of(source, text_document(decode_utf8(data), published=published))
