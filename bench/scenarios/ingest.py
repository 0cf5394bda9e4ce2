"""Scenario 7: the job users run, end to end: Reuters JSONL → readers → extraction →
resolution → SQLite, into one growing store (issue 13).

Ratios, each measured in the same run:

* ``workers1_vs_nlp_pipe``: documents/s of ``ingest --workers 1`` over a slice ÷ bare
  spaCy ``nlp.pipe`` over the same texts (target ≥ 0.6);
* ``last_vs_first``: documents/s over the last ``window`` stories of the corpus ÷ over
  the first ``window``, in one run into one growing store (target ≥ 0.8); with the
  RSS growth from the end of the first window to the end (target < 150 MB);
* ``workers2_vs_workers1``: the slice with ``--workers 2`` ÷ ``--workers 1`` (≥ 1.6);
* ``startup_1m_entities_s``: time to the first document stored, a store of 1,000,000
  entities (bulk write path) minus an empty store (target < 5 s).

    .venv/bin/python -m bench.scenarios.ingest --quick          # a 1,000-story slice
    .venv/bin/python -m bench.scenarios.ingest                  # the whole corpus

Parts: ``--only pipe,flat,workers,startup``. A number per part is printed and
everything goes to ``bench/results/ingest.json`` (or ``--out``).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.measure import Result, RssSampler, skipped

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpora" / "reuters-21578" / "docs.jsonl"
RESULTS = ROOT / "bench" / "results"
TARGET = "workers 1 ≥ 0.6× nlp.pipe; last/first ≥ 0.8; RSS < 150 MB; workers 2 ≥ 1.6×"


def _slice(source: Path, count: int | None, folder: Path, name: str) -> Path:
    if count is None:
        return source
    out = folder / name
    with source.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n >= count:
                break
            dst.write(line)
    return out


def _texts(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)["text"]


def timed_ingest(path: Path, db: Path, workers: int) -> dict[str, Any]:
    """One ``ingest`` of ``path`` into ``db``: a timestamp per document, RSS samples."""
    from graph.stores.sqlite import SQLiteStore
    from loaders.pipeline import Execution, ingest

    stamps: list[float] = []
    rss_at: list[float] = []
    store = SQLiteStore(db)
    try:
        with RssSampler() as rss:
            t0 = time.perf_counter()

            def progress(_label: str, step: int) -> None:
                if step:
                    stamps.append(time.perf_counter() - t0)
                    rss_at.append(rss.peak_mb)

            report = ingest(store, [path], on_progress=progress, execution=Execution(workers))
            total = time.perf_counter() - t0
    finally:
        store.close()
    return {
        "seconds": total,
        "stamps": stamps,
        "peak_at": rss_at,
        "peak_mb": rss.peak_mb,
        "documents": report.documents,
        "skipped": report.documents_skipped,
        "failed": report.documents_failed,
        "facts": report.facts_added,
    }


def pipe_floor(path: Path) -> tuple[float, float]:
    """Documents/s of bare ``nlp.pipe`` over the texts (the model loaded beforehand), and
    the seconds it took."""
    import spacy

    from loaders.extract.annotate import default_model

    nlp = spacy.load(default_model())
    texts = list(_texts(path))
    list(nlp.pipe(texts[:20]))
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    seconds = time.perf_counter() - t0
    return len(texts) / seconds, seconds


def flat(run: dict[str, Any], window: int) -> dict[str, Any]:
    stamps, n = run["stamps"], len(run["stamps"])
    window = min(window, n // 2)
    first = window / stamps[window - 1]
    last = window / (stamps[-1] - stamps[n - window - 1])
    return {
        "window": window,
        "documents": n,
        "first_per_s": round(first, 2),
        "last_per_s": round(last, 2),
        "last_vs_first": round(last / first, 3),
        "rss_after_first_mb": round(run["peak_at"][window - 1], 1),
        "rss_peak_mb": round(run["peak_mb"], 1),
        "rss_growth_mb": round(run["peak_mb"] - run["peak_at"][window - 1], 1),
        "seconds": round(run["seconds"], 1),
        "facts": run["facts"],
    }


def synthetic_store(db: Path, count: int) -> float:
    """A store of ``count`` organizations written through ``SQLiteStore.write``; seconds."""
    from graph.model import Batch, Entity, EntityType
    from graph.stores.sqlite import SQLiteStore

    t0 = time.perf_counter()
    store = SQLiteStore(db)
    try:
        for start in range(0, count, 50_000):
            stop = min(count, start + 50_000)
            entities = tuple(
                Entity(f"synthetic-{i}", f"Synthetic Holding {i} Corp", EntityType.ORGANIZATION)
                for i in range(start, stop)
            )
            store.write(Batch(entities=entities))
    finally:
        store.close()
    return time.perf_counter() - t0


def _forget_documents(db: Path) -> None:
    """Drop the sample's documents (and what they added) so the next run stores them again."""
    import sqlite3

    with sqlite3.connect(db, isolation_level=None) as conn:
        conn.execute("DELETE FROM evidence")
        conn.execute("DELETE FROM facts")
        conn.execute("DELETE FROM documents")
        conn.execute("DELETE FROM entities WHERE id NOT LIKE 'synthetic-%'")


def startup(folder: Path, entities: int, sample: Path) -> dict[str, Any]:
    """Seconds to the first document stored: a store of ``entities`` entities vs empty."""
    from loaders.limits import MAX_DOCUMENT_CHARS
    from loaders.parallel import worker_extractor
    from loaders.resolve import gazetteer_index

    worker_extractor(MAX_DOCUMENT_CHARS)  # spaCy and the gazetteer loaded once for all runs:
    gazetteer_index()  # what is timed is the store's part of start-up
    big = folder / "big.db"
    built = synthetic_store(big, entities)
    runs: dict[str, list[float]] = {"empty": [], "big": []}
    for round_ in range(2):  # interleaved: empty, big, empty, big
        for name in ("empty", "big"):
            db = folder / f"{name}-{round_}.db" if name == "empty" else big
            runs[name].append(timed_ingest(sample, db, 1)["stamps"][0])
            if name == "big":  # the same documents again would be skipped: a fresh copy
                _forget_documents(big)
    runs = {name: [min(times)] for name, times in runs.items()}
    return {
        "entities": entities,
        "build_s": round(built, 1),
        "first_document_empty_s": round(runs["empty"][0], 3),
        "first_document_big_s": round(runs["big"][0], 3),
        "startup_added_s": round(runs["big"][0] - runs["empty"][0], 3),
    }


def run(quick: bool, corpus: Path = CORPUS) -> Result:
    """The scenario as a ``make bench`` row: ours = ``--workers 1``, floor = ``nlp.pipe``;
    the flat-cost, memory, ``--workers 2`` and start-up figures in ``extra``."""
    result = Result(scenario="ingest", size="reuters", kind="throughput", target=TARGET)
    if not corpus.exists():
        result.status = "skipped"
        result.ours = result.floor = skipped(f"{corpus} is absent (no ../shared)")
        return result
    out = RESULTS / "ingest.json"
    argv = ["--corpus", str(corpus), "--out", str(out)]
    main([*argv, "--quick"] if quick else argv)
    return result_of(json.loads(out.read_text(encoding="utf-8")))


def result_of(found: dict[str, Any]) -> Result:
    """The ``make bench`` row of what :func:`main` measured (the parts it ran)."""
    result = Result(scenario="ingest", size="reuters", kind="throughput", target=TARGET)
    result.ours = {"per_s": found["workers1_per_s"], "seconds": found["workers1_seconds"]}
    if "nlp_pipe_per_s" in found:
        result.floor = {"per_s": found["nlp_pipe_per_s"], "seconds": found["nlp_pipe_seconds"]}
    if "workers2_per_s" in found:
        two = {"per_s": found["workers2_per_s"], "seconds": found["workers2_seconds"]}
        result.peers = {"workers-2": two}
    keys = ("flat", "startup", "workers2_vs_workers1")
    result.extra = {k: found[k] for k in keys if k in found}
    note = ["end to end: JSONL → readers → extraction → resolution → SQLite, one growing store"]
    if "flat" in found:
        flat = found["flat"]
        note.append(
            f"last/first window {flat['last_vs_first']} (≥ 0.8), "
            f"RSS growth {flat['rss_growth_mb']} MB (< 150)"
        )
    if "workers2_vs_workers1" in found:
        note.append(f"workers 2/1 {found['workers2_vs_workers1']} (≥ 1.6)")
    if "startup" in found:
        note.append(f"1M-entity start-up +{found['startup']['startup_added_s']} s (< 5)")
    result.notes = [", ".join(note)]
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a 1,000-story corpus, 200-story windows")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--slice", type=int, default=None, help="stories for pipe/workers (2,000)")
    ap.add_argument("--window", type=int, default=None, help="first/last window (2,000)")
    ap.add_argument("--flat-workers", type=int, default=1, help="workers for the flat run")
    ap.add_argument("--entities", type=int, default=None, help="start-up store (1,000,000)")
    ap.add_argument("--only", default="pipe,flat,workers,startup")
    ap.add_argument("--out", type=Path, default=RESULTS / "ingest.json")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))
    window = args.window or (200 if args.quick else 2_000)
    count = args.slice or (300 if args.quick else 2_000)
    found: dict[str, Any] = {"corpus": str(args.corpus), "quick": args.quick}
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        folder = Path(tmp)
        piece = _slice(args.corpus, count, folder, "slice.jsonl")
        if "pipe" in only or "workers" in only:
            one = timed_ingest(piece, folder / "w1.db", 1)
            w1 = len(one["stamps"]) / one["seconds"]
            found["workers1_per_s"] = round(w1, 2)
            found["workers1_seconds"] = round(one["seconds"], 3)
        if "pipe" in only:
            floor, seconds = pipe_floor(piece)
            found["nlp_pipe_per_s"] = round(floor, 2)
            found["nlp_pipe_seconds"] = round(seconds, 3)
            found["workers1_vs_nlp_pipe"] = round(w1 / floor, 3)
            print("pipe", found["workers1_per_s"], found["nlp_pipe_per_s"], flush=True)
        if "workers" in only:
            two = timed_ingest(piece, folder / "w2.db", 2)
            found["workers2_per_s"] = round(len(two["stamps"]) / two["seconds"], 2)
            found["workers2_seconds"] = round(two["seconds"], 3)
            found["workers2_vs_workers1"] = round(found["workers2_per_s"] / w1, 3)
            print("workers", found["workers2_per_s"], flush=True)
        if "flat" in only:
            corpus = _slice(args.corpus, 1_000 if args.quick else None, folder, "corpus.jsonl")
            run = timed_ingest(corpus, folder / "flat.db", args.flat_workers)
            found["flat"] = flat(run, window) | {"workers": args.flat_workers}
            print("flat", found["flat"], flush=True)
        if "startup" in only:
            entities = args.entities or (100_000 if args.quick else 1_000_000)
            sample = _slice(args.corpus, 5, folder, "5.jsonl")
            found["startup"] = startup(folder, entities, sample)
            print("startup", found["startup"], flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(found, indent=2))


if __name__ == "__main__":
    main()
