"""What the Neo4j columns of the HTTP, path and bulk-load rows say.

Those Neo4j peers are not written yet: every such column says "not available
yet", never a number. The as-of lookup against Neo4j is measured by
``bench/neo4j_bench.py`` (``python -m bench --neo4j``), whose figures join the
in-process row as peers.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from bench.measure import unavailable


def availability() -> dict[str, Any]:
    if importlib.util.find_spec("graph.stores.neo4j") is None:
        return unavailable("graph/stores/neo4j.py (the Neo4j backend) does not exist yet")
    return unavailable(
        "this Neo4j peer is not written yet (--neo4j runs the as-of lookup via neo4j_bench)"
    )
