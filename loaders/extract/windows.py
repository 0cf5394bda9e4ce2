"""Cutting a document into windows for spaCy, and windows into bounded batches.

spaCy's memory grows with the length of the text it parses at once (and it
refuses texts over ``nlp.max_length``), so a document is parsed in windows of
at most :data:`WINDOW_CHARS` characters. A window ends after a paragraph break
when one falls inside it, else after a sentence end, else after a space, and
only a run of that many characters without any of them is cut mid-word. The
windows cover the text exactly and in order (``"".join`` gives it back), so a
character offset in a window plus the window's start is an offset in the
document.

A plain splitter library was not used: the common ones (LangChain's
``RecursiveCharacterTextSplitter``, ``semchunk``) strip whitespace or overlap
chunks, and recover offsets by searching the text, which is ambiguous when a
paragraph repeats.

>>> [(start, piece) for start, piece in windows("One.\\nTwo. Three.", 12)]
[(0, 'One.\\n'), (5, 'Two. Three.')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

#: The most characters spaCy is handed at once for one document.
WINDOW_CHARS = 20_000

# A sentence end: terminal punctuation, closing quotes or brackets, then whitespace.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
_SPACE = re.compile(r"\s+")

T = TypeVar("T")

# A name in angle brackets, as newswires mark a company with no ticker of its own.
_BRACKETED_NAME = re.compile(r"<([A-Z][^<>\n]{0,80}?)>")


def unbracket(piece: str) -> str:
    """``piece`` with the angle brackets around a capitalized name made spaces, so the
    parser sees the name as words; the length and every offset stay the same.

    >>> unbracket("<Orlo Corp> said it bought <Vesk Inc>.")
    ' Orlo Corp  said it bought  Vesk Inc .'
    >>> unbracket("a <b> tag, x < 5")
    'a <b> tag, x < 5'
    """
    return _BRACKETED_NAME.sub(lambda m: " " + m.group(1) + " ", piece)


def _cut(text: str, start: int, size: int) -> int:
    """Where the window starting at ``start`` ends (exclusive), at most ``size`` on."""
    limit = start + size
    if limit >= len(text):
        return len(text)
    # Not at ``start`` itself: a window of one line break is no window.
    newline = text.rfind("\n", start + 1, limit)
    if newline > start:
        return newline + 1
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, limit)]
    if ends:
        return ends[-1]
    spaces = [m.end() for m in _SPACE.finditer(text, start, limit)]
    if spaces and spaces[-1] > start:
        return spaces[-1]
    return limit


def windows(text: str, size: int = WINDOW_CHARS) -> Iterator[tuple[int, str]]:
    """``(start, piece)`` pairs covering ``text`` exactly, each piece at most ``size`` long."""
    if size < 1:
        raise ValueError("a window holds at least one character")
    start = 0
    while start < len(text):
        end = _cut(text, start, size)
        yield start, text[start:end]
        start = end


def batches(
    items: Iterable[T], size: Callable[[T], int], max_items: int, max_chars: int
) -> Iterator[list[T]]:
    """Consecutive groups of at most ``max_items`` items and ``max_chars`` characters.

    ``size(item)`` is an item's size; an item larger than ``max_chars`` on its own
    is a group of one.

    >>> list(batches(["ab", "cd", "e", "fghij"], len, max_items=8, max_chars=4))
    [['ab', 'cd'], ['e'], ['fghij']]
    """
    group: list[T] = []
    chars = 0
    for item in items:
        n = size(item)
        if group and (len(group) >= max_items or chars + n > max_chars):
            yield group
            group, chars = [], 0
        group.append(item)
        chars += n
    if group:
        yield group
