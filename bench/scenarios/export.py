"""Scenario 6: export as N-Triples.

ours   ``graph.rdf.export(store, "ntriples", as_of, out)`` (streams, a few hundred
       facts per rdflib serialize call)
floor  pyoxigraph serializing the same triples (loaded from ours' output, untimed)
peers  rdflib ``Graph.serialize(format="nt")`` of the same triples (parsed, untimed)

Throughput is triples per second written to a file; memory is the peak RSS
growth while each one writes (flat across sizes = streaming).
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.build import BuiltStore
from bench.measure import Result, RssSampler, skipped, unavailable
from graph.stores.sqlite import SQLiteStore

AS_OF = date(2024, 6, 30)
TARGET = "ours ≥ 0.5× pyoxigraph; memory flat at 1M facts"
RDFLIB_LIMIT = 10_000


def _timed(fn: Any) -> dict[str, float]:
    with RssSampler() as rss:
        t0 = time.perf_counter()
        fn()
        seconds = time.perf_counter() - t0
    return {"seconds": round(seconds, 3), "peak_rss_growth_mb": rss.growth_mb}


def run(built: BuiltStore, size: str, workdir: Path, *, max_facts: int) -> Result:
    result = Result(scenario="export N-Triples", size=size, kind="throughput", target=TARGET)
    try:
        from graph.rdf import export
    except ImportError as exc:
        result.status = "not available yet"
        result.ours = unavailable(f"graph.rdf.export cannot be imported: {exc}")
        return result
    if built.n_facts > max_facts:
        result.status = "skipped"
        result.ours = skipped(f"export not run above {max_facts:,} facts (time budget)")
        return result
    out = workdir / f"export-{size}.nt"
    store = SQLiteStore(built.path)
    with out.open("wb") as fh:
        ours = _timed(lambda: export(store, "ntriples", AS_OF, fh))
    store.close()
    with out.open("rb") as fh:
        triples = sum(1 for _ in fh)
    ours["per_s"] = round(triples / ours["seconds"], 1)
    result.ours = ours

    import pyoxigraph as ox

    oxs = ox.Store()
    oxs.bulk_load(path=str(out), format=ox.RdfFormat.N_TRIPLES)
    floor_out = workdir / f"export-{size}.ox.nt"
    floor = _timed(
        lambda: oxs.dump(
            output=str(floor_out), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()
        )
    )
    floor["per_s"] = round(triples / floor["seconds"], 1)
    result.floor = floor

    if built.n_facts <= RDFLIB_LIMIT:
        from rdflib import Graph

        graph = Graph()
        graph.parse(str(out), format="nt")
        rd_out = workdir / f"export-{size}.rdflib.nt"
        peer = _timed(
            lambda: graph.serialize(destination=str(rd_out), format="nt", encoding="utf-8")
        )
        peer["per_s"] = round(triples / peer["seconds"], 1)
        result.peers["rdflib"] = peer
        del graph
    else:
        result.peers["rdflib"] = skipped(f"not loaded above {RDFLIB_LIMIT:,} facts")
    for f in workdir.glob(f"export-{size}*.nt"):
        f.unlink()
    result.extra = {"triples": triples, "as_of": AS_OF.isoformat()}
    result.notes = ["per_s: triples per second; memory: peak RSS growth while writing"]
    return result
