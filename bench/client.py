"""The load client for the HTTP scenarios: a separate process, sequential keep-alive requests.

    python -m bench.client --base ours=http://127.0.0.1:8123 --base bare=http://127.0.0.1:8124 \
        --paths paths.json --rounds 3 --warmup 50 --out latencies.json [--save-bodies bodies.json]

Requests go round-robin across the bases (the same path to each in turn), so
load from other processes on the machine hits every server alike. Every
answer must be 200; latencies (seconds) are written per base.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path

import httpx


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", action="append", required=True, help="name=URL")
    parser.add_argument("--paths", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--save-bodies", type=Path, help="write the first base's answers here")
    args = parser.parse_args(argv)
    bases = dict(b.split("=", 1) for b in args.base)
    paths: list[str] = json.loads(args.paths.read_text())
    clients = {name: httpx.Client(base_url=url, timeout=60.0) for name, url in bases.items()}
    try:
        if args.save_bodies:
            first = clients[next(iter(clients))]
            bodies = {}
            for p in dict.fromkeys(paths):
                r = first.get(p)
                r.raise_for_status()
                bodies[p] = r.text
            args.save_bodies.write_text(json.dumps(bodies), encoding="utf-8")
        for p in paths[: args.warmup]:
            for c in clients.values():
                c.get(p).raise_for_status()
        out: dict[str, list[float]] = {name: [] for name in clients}
        sizes: dict[str, int] = {name: 0 for name in clients}
        clock = time.perf_counter
        gc.disable()
        for _ in range(args.rounds):
            for p in paths:
                for name, c in clients.items():
                    t0 = clock()
                    r = c.get(p)
                    out[name].append(clock() - t0)
                    if r.status_code != 200:
                        raise SystemExit(f"{name} {p}: HTTP {r.status_code} {r.text[:300]}")
                    sizes[name] += len(r.content)
            gc.collect()
        args.out.write_text(json.dumps({"latencies": out, "bytes": sizes}))
    finally:
        for c in clients.values():
            c.close()


if __name__ == "__main__":
    main()
