"""What an app keeps besides its store and settings, made on first use from its settings.

- :func:`snapshots`: the app's :class:`graph.snapshot.GraphSnapshots` (the
  as-of graphs behind /paths, neighbourhoods and rankings, and the threads path
  searches run in); every write through the app calls :func:`invalidate_snapshots`;
- :func:`extractor`: the app's one extractor (its spaCy model takes seconds to
  load), shared by ``POST /documents`` and the MCP ``add_document`` tool.

Both live on ``app.state``, reached through the app by the routes and by the MCP
tools alike (the stdio MCP host has no lifespan, hence "on first use");
:func:`close` ends what they hold when the app shuts down.
"""

from __future__ import annotations

import threading

from fastapi import FastAPI

from graph.snapshot import GraphSnapshots
from loaders.pipeline import Extracts

_SNAPSHOTS_LOCK = threading.Lock()
_EXTRACTOR_LOCK = threading.Lock()


def snapshots(app: FastAPI) -> GraphSnapshots:
    """The app's snapshots, created on first use from ``snapshot_cache_size`` and
    ``snapshot_ttl``."""
    with _SNAPSHOTS_LOCK:
        found: GraphSnapshots | None = getattr(app.state, "snapshots", None)
        if found is None:
            settings = app.state.settings
            found = GraphSnapshots(settings.snapshot_cache_size, settings.snapshot_ttl)
            app.state.snapshots = found
        return found


def invalidate_snapshots(app: FastAPI) -> None:
    """Call after any write through the app: the next graph query rebuilds its snapshot."""
    found: GraphSnapshots | None = getattr(app.state, "snapshots", None)
    if found is not None:
        found.invalidate()


def extractor(app: FastAPI) -> Extracts:
    """The app's extractor, created on first use (the CLI's: the gazetteer, no store
    entities, so an article gives the same facts whichever door it came in by).

    Raises :class:`ImportError` when the extraction package cannot be loaded.
    """
    with _EXTRACTOR_LOCK:
        found: Extracts | None = getattr(app.state, "extractor", None)
        if found is None:
            from loaders.extract import Extractor

            found = Extractor(max_chars=app.state.settings.max_document_chars)
            app.state.extractor = found
        return found


def close(app: FastAPI) -> None:
    """Let the snapshots' worker threads end (at shutdown); a restart makes new ones."""
    found: GraphSnapshots | None = getattr(app.state, "snapshots", None)
    if found is not None:
        app.state.snapshots = None
        found.close()
