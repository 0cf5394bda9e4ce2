"""Tables and list notes the read commands share.

Columns fold a long value onto the next line instead of cutting it with an
ellipsis (rich's default), so "competes_with" is never "competes_w…" in an
80-column terminal; a list cut at ``--limit`` says so on stderr.
"""

from __future__ import annotations

from typing import TypeVar

from rich.console import Console
from rich.table import Table

err = Console(stderr=True)
T = TypeVar("T")


def table(*columns: str, title: str | None = None) -> Table:
    """A table whose columns wrap (and fold words longer than the column) instead of cutting."""
    made = Table(title=title)
    for column in columns:
        if column == "relation":  # never broken: "↔ competes_with" is 15 characters
            made.add_column(column, no_wrap=True, min_width=15)
        else:
            made.add_column(column, overflow="fold")
    return made


def cut_to_limit(items: list[T], limit: int, noun: str) -> list[T]:
    """The first ``limit`` of ``items`` (fetched as ``limit + 1``), saying on stderr when
    more exist, so a list is never silently truncated."""
    if len(items) <= limit:
        return items
    err.print(f"showing the first {limit} {noun}; more match (use --limit to see more)")
    return items[:limit]
