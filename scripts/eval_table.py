"""One extraction table over every evaluation set's development split (``make eval``).

For each set of ``loaders.extract.learned.splits.SETS``: the documents of the
chosen split (``dev`` by default; ``eval/splits.json`` lists them), extracted
in-process, scored with the shared ``score.py`` under the set's flags: lenient
P/R/F1 per relation, time accuracy where the gold has dates, documents per
second. Sets marked "tuned on" had rules fitted to them before the splits
existed: their figures are not a measure.

    .venv/bin/python scripts/eval_table.py ../shared/eval [--split dev] [--no-learned]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.model import Document  # noqa: E402
from loaders.extract import Extractor  # noqa: E402
from loaders.extract.learned.splits import SETS, EvalSet, split_of  # noqa: E402


def load_scorer(shared_eval: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", shared_eval / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line.strip()]


def documents(rows: list[dict[str, Any]]) -> list[Document]:
    out = []
    for row in rows:
        day = date.fromisoformat(row["published"]) if row.get("published") else None
        out.append(Document(text=row["text"], published=day, doc_id=row["doc_id"]))
    return out


def extract(extractor: Extractor, docs: list[Document]) -> tuple[list[dict[str, Any]], float]:
    t0 = time.perf_counter()
    preds = []
    for result in extractor.extract_many(docs):
        preds.extend(f.to_json() for f in result.facts)
    return preds, time.perf_counter() - t0


def score_set(
    scorer: ModuleType, s: EvalSet, gold: list[dict[str, Any]], pred: list[dict[str, Any]]
) -> dict[str, Any]:
    scorer.LENIENT = s.lenient
    if s.only:
        gold = [g for g in gold if g["relation"] in s.only]
        pred = [p for p in pred if p.get("relation") in s.only]
    if s.pairs_only:
        by_doc = defaultdict(list)
        for g in gold:
            by_doc[g["doc_id"]].append(g)
        pred = [p for p in pred if any(scorer.same_pair(p, g) for g in by_doc[p["doc_id"]])]
    tp, fn, fp, per_rel, times = scorer.score(gold, pred)
    rels = {}
    for rel in sorted(per_rel):
        c = per_rel[rel]
        rels[rel] = dict(zip(("p", "r", "f1"), scorer.prf(c["tp"], c["fp"], c["fn"]), strict=True))
        rels[rel].update(tp=c["tp"], fp=c["fp"], fn=c["fn"])
    p, r, f = scorer.prf(len(tp), len(fp), len(fn))
    t = times["right"] / times["checked"] if times["checked"] else None
    return {
        "p": p, "r": r, "f1": f, "tp": len(tp), "fp": len(fp), "fn": len(fn),
        "time": t, "time_checked": times["checked"], "relations": rels,
        "errors": {"missed": [scorer.short(g) for g in fn],
                   "spurious": [scorer.short(x) for x in fp]},
    }  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("shared_eval", nargs="?", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--split", default="dev", choices=["dev", "tune", "train", "all"])
    ap.add_argument("--sets", help="comma-separated set names (default: all)")
    ap.add_argument("--no-learned", action="store_true", help="rules only")
    ap.add_argument("--json", help="also write every figure to this file")
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    shared = Path(args.shared_eval)
    scorer = load_scorer(shared)
    extractor = Extractor(learned=not args.no_learned)
    wanted = set(args.sets.split(",")) if args.sets else None
    cache: dict[str, tuple[list[dict[str, Any]], float, int]] = {}
    results: dict[str, Any] = {}
    print(f"split: {args.split}; extractor: {extractor.name}")
    head = f"{'set':<13} {'relation':<14} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>5} {'R':>5} {'F1':>5}"
    print(head + f" {'time':>10} {'docs/s':>7}")
    for s in SETS:
        if wanted and s.name not in wanted:
            continue
        folder = s.path(shared)
        if not (folder / "docs.jsonl").exists():
            continue
        if s.folder not in cache:
            rows = read_jsonl(folder / "docs.jsonl")
            rows = [r for r in rows if args.split == "all" or split_of(r["doc_id"]) == args.split]
            pred, secs = extract(extractor, documents(rows))
            cache[s.folder] = (pred, secs, len(rows))
        pred, secs, n = cache[s.folder]
        ids = {p["doc_id"] for p in pred}
        rows_ids = {
            r["doc_id"]
            for r in read_jsonl(folder / "docs.jsonl")
            if args.split == "all" or split_of(r["doc_id"]) == args.split
        }
        gold = [g for g in read_jsonl(folder / "gold.jsonl") if g["doc_id"] in rows_ids]
        assert ids <= rows_ids
        res = score_set(scorer, s, gold, pred)
        res.update(docs=n, docs_per_s=n / secs if secs else None, tuned_on=s.tuned_on)
        results[s.name] = res
        label = s.name + ("*" if s.tuned_on else "")
        for rel, c in res["relations"].items():
            print(
                f"{label:<13} {rel:<14} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4}"
                f" {c['p']:5.2f} {c['r']:5.2f} {c['f1']:5.2f}"
            )
        t = "n/a" if res["time"] is None else f"{res['time']:.2f}/{res['time_checked']}"
        print(
            f"{label:<13} {'ALL':<14} {res['tp']:>4} {res['fp']:>4} {res['fn']:>4}"
            f" {res['p']:5.2f} {res['r']:5.2f} {res['f1']:5.2f} {t:>10}"
            f" {res['docs_per_s']:7.1f}  ({n} docs)"
        )
        if args.show_errors:
            for m in res["errors"]["missed"]:
                print("   missed:", m)
            for x in res["errors"]["spurious"]:
                print("   spurious:", x)
    print("* rules were tuned on this set before the splits existed: not a measure")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
