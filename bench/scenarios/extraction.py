"""Scenario 5: extraction over the Reuters stories, against spaCy alone.

ours   ``Extractor().extract_many(documents)`` (what ``partnergraph extract`` runs)
floor  ``nlp.pipe`` of the bare spaCy model over the same texts

The measurement itself is :func:`bench.extract_bench.measure` (best of N
rounds, alternating); skipped cleanly when ``../shared`` is absent.
"""

from __future__ import annotations

from pathlib import Path

from bench.measure import Result, skipped, unavailable

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT.parent / "shared" / "eval" / "reuters-acq-train" / "docs.jsonl"
TARGET = "ours ≥ 0.7× spaCy nlp.pipe"


def run(size: str, max_docs: int | None, rounds: int, docs_path: Path = DOCS) -> Result:
    result = Result(scenario="extraction", size=size, kind="throughput", target=TARGET)
    if not docs_path.exists():
        result.status = "skipped"
        result.ours = result.floor = skipped(f"{docs_path} is absent (no ../shared)")
        return result
    try:
        from bench.extract_bench import documents, measure
    except ImportError as exc:
        result.status = "not available yet"
        result.ours = unavailable(f"the extractor cannot be imported: {exc}")
        return result
    docs = documents(docs_path)[:max_docs]
    m = measure(docs, rounds)
    n = len(docs)
    result.ours = {
        "seconds": round(m["ours_s"], 3),
        "per_s": round(n / m["ours_s"], 2),
        "peak_rss_growth_mb": m["ours_rss_growth_mb"],
    }
    result.floor = {
        "seconds": round(m["floor_s"], 3),
        "per_s": round(n / m["floor_s"], 2),
        "peak_rss_growth_mb": m["floor_rss_growth_mb"],
    }
    result.notes = [f"per_s: documents per second over {n} Reuters stories, best of {rounds}"]
    return result
