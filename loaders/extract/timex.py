"""Stage 5, time: date expressions resolved against the publication date.

Precision follows the text: "late August" → ``2025-08``, "on Tuesday" → the
Tuesday on or before publication, "in 2014" → ``2014``, "the second half of
2026" → ``2026-07``, "last year" → the year before, "April of last year" → that
April, "three years ago" → three years before. Own rules first (they are
fast and exact); dateparser for explicit dates the rules do not read.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from graph.errors import InvalidInput
from graph.model import PartialDate
from loaders.extract import resources

_YEAR = re.compile(r"\b(1[8-9]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")


def resolve(text: str, published: date | None, future: bool = False) -> PartialDate | None:
    """The date ``text`` names, at the precision it supports, or None.

    A month or weekday without a year is the last one on or before publication,
    or with ``future`` (the clause says "will", "would") the next one on or after.
    A date outside the years a ``PartialDate`` holds (1 to 9998: "next year" in
    an article dated 9998) is no date.
    """
    try:
        return _resolve(" ".join(text.lower().replace(",", " ").split()), published, future)
    except (InvalidInput, OverflowError):
        return None


@lru_cache(maxsize=4096)
def _resolve(low: str, published: date | None, future: bool = False) -> PartialDate | None:
    t = resources.load_json("time.json")
    year_m = _YEAR.search(low)
    year = int(year_m.group(1)) if year_m else None
    words = re.findall(r"[a-z0-9]+", low)
    if published is not None:
        relative = _relative(low, words, published, t)
        if relative is not None:
            return relative
    month = _period_start(low, t["period_starts"])
    if month is not None:
        y = year or (published.year if published else None)
        if year is None and published is not None and "last" in words:
            # "last summer": the one over by publication, else the year before's
            y = published.year if month + 3 <= published.month else published.year - 1
        return PartialDate(y, month) if y else None
    month = next((t["months"][w] for w in words if w in t["months"]), None)
    if words == ["may"]:
        return None  # "may" alone is a verb far more often than a month
    if month is not None:
        day = _day_of(low, year)
        if year is None:
            if published is None:
                return None
            if future:
                year = published.year if month >= published.month else published.year + 1
            else:
                year = published.year if month <= published.month else published.year - 1
        try:
            return PartialDate(year, month, day) if day else PartialDate(year, month)
        except InvalidInput:
            return PartialDate(year, month)
    if published is not None:
        for name, wd in t["weekdays"].items():
            if name in words:
                if future:
                    return PartialDate.parse(
                        published + timedelta(days=(wd - published.weekday()) % 7)
                    )
                back = (published.weekday() - wd) % 7
                return PartialDate.parse(published - timedelta(days=back))
    if year is not None:
        return PartialDate(year)
    return _dateparser(low, published) if any(c.isdigit() for c in low) else None


#: Decades and longer spans ("the 1990s", "the early 2000s", "the '90s", "the past
#: decade"): an ISO date of a year, month or day cannot say them.
#: A length ("a two-decade alliance", "decade-long") is no such time.
_VAGUE = re.compile(
    r"\b(?:1[89]|20)?\d0s\b|'\d0s\b|\b(?:this|last|past|previous) (?:decade|century)\b"
    r"|\b(?:1[89]|20)th century\b"
)


def vague_period(text: str) -> bool:
    """``text`` names a time longer than a year that no ISO date says: "the 1990s",
    "the early 2000s", "since the '80s", "earlier this decade"."""
    return bool(_VAGUE.search(text.lower()))


def names_month(text: str) -> bool:
    """``text`` names a month ("March", "Sept.")."""
    months = resources.load_json("time.json")["months"]
    return any(w in months for w in re.findall(r"[a-z]+", text.lower()))


def _relative(low: str, words: list[str], published: date, t: dict[str, Any]) -> PartialDate | None:
    """Days, weeks, years and months named relative to publication ("yesterday", "last
    week", "April of last year", "three years ago", "next month")."""
    for phrase, delta in t["relative_days"].items():
        if phrase in words:
            return PartialDate.parse(published + timedelta(days=delta))
    week = _week(words, published, t["relative_weeks"])
    if week is not None:
        return week
    for phrase, delta in t["relative_years"].items():
        if phrase in low:
            # "in January of last year", "the end of February next year", "the fourth
            # quarter of last year": the month of it
            month = next((t["months"][w] for w in words if w in t["months"]), None)
            month = month or _period_start(low, t["period_starts"])
            if month is not None:
                return PartialDate(published.year + delta, month)
            return PartialDate(published.year + delta)
    counted = _counted_ago(words, published, t["counted_ago"])
    if counted is not None:
        return counted
    for phrase, delta in t["relative_quarters"].items():
        if not phrase.startswith("_") and phrase in low:
            m = (published.month - 1) // 3 * 3 + 3 * delta
            return PartialDate(published.year + m // 12, m % 12 + 1)
    for phrase, delta in t["relative_months"].items():
        if phrase in low:
            m = published.month + delta
            y = published.year + (m - 1) // 12
            return PartialDate(y, (m - 1) % 12 + 1)
    return None


def _period_start(low: str, periods: dict[str, int]) -> int | None:
    for phrase, month in periods.items():
        if re.search(rf"\b{re.escape(phrase)}\b", low):
            return month
    return None


def _week(words: list[str], published: date, rules: dict[str, int]) -> PartialDate | None:
    """ "last week", "earlier this week": the month the week lies in, when it lies in one
    (a week across two months gives only their year, if they share one)."""
    for phrase, delta in rules.items():
        if phrase.startswith("_") or not _has(words, phrase.split()):
            continue
        first = published - timedelta(days=published.weekday() - 7 * delta)
        last = min(first + timedelta(days=6), published)
        if (first.year, first.month) == (last.year, last.month):
            return PartialDate(first.year, first.month)
        return PartialDate(first.year) if first.year == last.year else None
    return None


def _has(words: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


def _counted_ago(words: list[str], published: date, rules: dict[str, object]) -> PartialDate | None:
    """ "three years ago", "two months earlier", "18 months ago": counted back from
    publication, at the precision of the unit (a year, or a month)."""
    numbers = rules["numbers"]
    back = rules["words"]
    assert isinstance(numbers, dict) and isinstance(back, list)
    for i in range(len(words) - 2):
        count, unit, word = words[i], words[i + 1], words[i + 2]
        if word not in back or unit.rstrip("s") not in {"year", "month", "decade"}:
            continue
        n = int(count) if count.isdigit() and len(count) < 3 else numbers.get(count)
        if not n:
            continue
        if unit.startswith("year"):
            return PartialDate(published.year - n)
        if unit.startswith("decade"):
            return PartialDate(published.year - 10 * n)
        m = published.month - n
        return PartialDate(published.year + (m - 1) // 12, (m - 1) % 12 + 1)
    return None


def _day_of(low: str, year: int | None) -> int | None:
    for m in _DAY.finditer(low):
        value = int(m.group(1))
        if 1 <= value <= 31 and value != year:
            return value
    return None


def _dateparser(low: str, published: date | None) -> PartialDate | None:
    # Explicit numeric dates ("6/13/2016"); imported lazily because it is slow to load.
    if not re.search(r"\d+[/.-]\d+[/.-]\d+", low):
        return None
    import dateparser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    parsed = dateparser.parse(low, languages=["en"], settings=settings)
    return PartialDate.parse(parsed.date()) if parsed else None
