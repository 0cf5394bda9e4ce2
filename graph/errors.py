"""One small error tree for the whole graph layer.

    GraphError
    ├── NotFound          an entity, fact or document that does not exist
    ├── InvalidInput      a value that breaks the model (bad date, unknown relation…)
    ├── Conflict          a write that contradicts what is stored
    └── StoreUnavailable  the backend cannot be reached or opened

Backends translate their driver's exceptions into these at their boundary
(``raise StoreUnavailable(...) from exc``). No HTTP words here: the API maps
each class to a status in one table.
"""

from __future__ import annotations

from collections.abc import Sequence


class GraphError(Exception):
    """Base class of every error the graph layer raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(GraphError):
    def __init__(self, kind: str, key: str, suggestions: Sequence[str] = ()) -> None:
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no {kind} {key!r}{hint}")
        self.kind = kind
        self.key = key
        self.suggestions = list(suggestions)


class InvalidInput(GraphError):
    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.reason = message


class Conflict(GraphError):
    pass


class StoreUnavailable(GraphError):
    pass
