"""Throughput: ``Extractor.extract_many`` against bare ``nlp.pipe`` over the same texts.

Not a test. Prints both rates in documents per second and their ratio (the
issue asks for at least 0.7):

    .venv/bin/python -m bench.extract_bench ../shared/eval/reuters-acq-train/docs.jsonl
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

import spacy

from graph.model import Document
from loaders.extract import Extractor
from loaders.extract.annotate import default_model


def documents(path: Path) -> list[Document]:
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            day = date.fromisoformat(row["published"]) if row.get("published") else None
            docs.append(Document(text=row["text"], published=day, doc_id=row.get("doc_id")))
    return docs


def measure(docs: list[Document], rounds: int = 3) -> dict[str, float]:
    """Best-of-``rounds`` seconds for bare ``nlp.pipe`` and ``Extractor.extract_many``.

    Also the peak RSS growth of each (a sampler thread; spaCy allocates natively).
    """
    from bench.measure import RssSampler

    texts = [d.text for d in docs]
    bare = spacy.load(default_model())
    extractor = Extractor()
    list(bare.pipe(texts[:20]))  # warm up both pipelines
    list(extractor.extract_many(docs[:20]))

    # Rounds alternate between the two so a busy machine slows both alike.
    floor_times, our_times = [], []
    floor_rss = ours_rss = 0.0
    for _ in range(rounds):
        with RssSampler() as rss:
            t0 = time.perf_counter()
            list(bare.pipe(texts, batch_size=64))
            floor_times.append(time.perf_counter() - t0)
        floor_rss = max(floor_rss, rss.growth_mb)
        with RssSampler() as rss:
            t0 = time.perf_counter()
            list(extractor.extract_many(docs, batch_size=64))
            our_times.append(time.perf_counter() - t0)
        ours_rss = max(ours_rss, rss.growth_mb)
    return {
        "floor_s": min(floor_times),
        "ours_s": min(our_times),
        "floor_rss_growth_mb": floor_rss,
        "ours_rss_growth_mb": ours_rss,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("docs", type=Path, help="JSON Lines documents")
    ap.add_argument("--rounds", type=int, default=3, help="best of N rounds (default 3)")
    args = ap.parse_args()
    docs = documents(args.docs)
    m = measure(docs, args.rounds)
    floor, ours = m["floor_s"], m["ours_s"]
    n = len(docs)
    print(f"documents            {n}")
    print(f"bare nlp.pipe        {n / floor:8.1f} docs/s")
    print(f"Extractor            {n / ours:8.1f} docs/s")
    print(f"ratio                {floor / ours:8.2f}  (target >= 0.70)")


if __name__ == "__main__":
    main()
