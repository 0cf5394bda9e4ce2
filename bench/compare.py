"""Compare two result files: how each ratio moved from A to B.

    python -m bench.compare bench/results/before.json bench/results/latest.json

For latency ratios (ours ÷ other p50) lower is better; for throughput ratios
(ours ÷ other per second) higher is better. ``change`` is B ÷ A.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _index(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["scenario"], r["size"]): r for r in doc["results"]}


def compare(a: dict[str, Any], b: dict[str, Any]) -> list[tuple[str, str, str, Any, Any, str]]:
    """Rows of (scenario, size, ratio, A, B, verdict)."""
    rows = []
    ia, ib = _index(a), _index(b)
    for key in sorted(set(ia) | set(ib)):
        ra, rb = ia.get(key, {}), ib.get(key, {})
        kind = (rb or ra).get("kind", "latency")
        names = sorted(set(ra.get("ratios", {})) | set(rb.get("ratios", {})))
        for name in names:
            va = ra.get("ratios", {}).get(name)
            vb = rb.get("ratios", {}).get(name)
            verdict = ""
            if va and vb:
                change = vb / va
                better = change < 1 if kind == "latency" else change > 1
                verdict = f"{change:.2f}× ({'better' if better else 'worse'})"
                if abs(change - 1) < 0.05:
                    verdict = f"{change:.2f}× (same)"
            rows.append((key[0], key[1], name, va, vb, verdict))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    a, b = (json.loads(p.read_text()) for p in (args.a, args.b))
    print(f"A: {a['commit']['commit'] or '?'} {a['timestamp']}  ({a['mode']})")
    print(f"B: {b['commit']['commit'] or '?'} {b['timestamp']}  ({b['mode']})")
    header = f"{'scenario':34} {'size':6} {'ratio':18} {'A':>9} {'B':>9}  change"
    print(header)
    print("-" * len(header))
    for scenario, size, name, va, vb, verdict in compare(a, b):
        fa = "—" if va is None else f"{va:.3f}"
        fb = "—" if vb is None else f"{vb:.3f}"
        print(f"{scenario[:34]:34} {size:6} {name[:18]:18} {fa:>9} {fb:>9}  {verdict}")


if __name__ == "__main__":
    main()
