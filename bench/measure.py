"""Timing and memory helpers: percentiles of many calls, peak memory, one result shape.

Absolute times on a shared machine are noise; every scenario reports its
figures next to a floor and peers measured in the same run, and the ratios are
what count. Calls are interleaved round-robin between the contenders so a
burst of load from another process hits them all alike.
"""

from __future__ import annotations

import gc
import os
import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

NOT_AVAILABLE = "not available yet"


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation; ``nan`` for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def latency_summary(seconds: Sequence[float]) -> dict[str, Any]:
    """p50/p95/p99/mean in milliseconds, and the number of calls."""
    ms = [s * 1000.0 for s in seconds]
    return {
        "p50_ms": round(percentile(ms, 50), 4),
        "p95_ms": round(percentile(ms, 95), 4),
        "p99_ms": round(percentile(ms, 99), 4),
        "mean_ms": round(statistics.fmean(ms), 4) if ms else float("nan"),
        "n": len(ms),
    }


def interleaved_latencies(
    contenders: dict[str, Callable[[Any], object]],
    args: Sequence[Any],
    rounds: int = 1,
    warmup: int = 20,
) -> dict[str, list[float]]:
    """Call every contender on every argument, round-robin, and time each call.

    The contender that goes first for an argument warms caches (SQLite's page
    cache on a shared connection, the CPU's) for those after it, so the order
    rotates: each contender goes first for an equal share of the arguments.
    """
    for a in args[:warmup]:
        for fn in contenders.values():
            fn(a)
    out: dict[str, list[float]] = {name: [] for name in contenders}
    items = list(contenders.items())
    orders = [items[k:] + items[:k] for k in range(len(items))]
    clock = time.perf_counter
    gc_was = gc.isenabled()
    gc.disable()  # a collection lands on whichever call is unlucky; collect between rounds
    try:
        for _ in range(rounds):
            for i, a in enumerate(args):
                for name, fn in orders[i % len(orders)]:
                    t0 = clock()
                    fn(a)
                    out[name].append(clock() - t0)
            gc.collect()
    finally:
        if gc_was:
            gc.enable()
    return out


def peak_traced_mb(fn: Callable[[], object]) -> tuple[float, object]:
    """Peak Python allocation (tracemalloc) while ``fn`` runs, in MiB, and its result."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 2**20, 2), result


def rss_mb(pid: int | None = None) -> float:
    import psutil

    return round(psutil.Process(pid or os.getpid()).memory_info().rss / 2**20, 1)


def peak_rss_mb(pid: int | None = None) -> float | None:
    """The process's high-water RSS (Linux ``VmHWM``), in MiB."""
    try:
        with open(f"/proc/{pid or os.getpid()}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


@dataclass
class Result:
    """One scenario at one size: ours, the floor, the peers, and their ratios.

    ``kind`` is ``latency`` (lower is better; ratio = ours / other p50) or
    ``throughput`` (higher is better; ratio = ours / other items per second).
    """

    scenario: str
    size: str
    kind: str = "latency"
    status: str = "ok"
    ours: dict[str, Any] | None = None
    floor: dict[str, Any] | None = None
    peers: dict[str, dict[str, Any]] = field(default_factory=dict)
    target: str = ""
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def _headline(self, figures: dict[str, Any] | None) -> float | None:
        if not figures or figures.get("status", "ok") != "ok":
            return None
        key = "p50_ms" if self.kind == "latency" else "per_s"
        value = figures.get(key)
        return float(value) if isinstance(value, int | float) else None

    def ratios(self) -> dict[str, float | None]:
        """``ours/floor`` and ``ours/<peer>`` on the headline figure (p50 or per second)."""
        mine = self._headline(self.ours)
        out: dict[str, float | None] = {}
        for name, other in [("floor", self.floor), *self.peers.items()]:
            theirs = self._headline(other)
            out[f"ours/{name}"] = round(mine / theirs, 3) if mine is not None and theirs else None
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "size": self.size,
            "kind": self.kind,
            "status": self.status,
            "ours": self.ours,
            "floor": self.floor,
            "peers": self.peers,
            "ratios": self.ratios(),
            "target": self.target,
            "notes": self.notes,
            "extra": self.extra,
        }


def unavailable(reason: str) -> dict[str, Any]:
    return {"status": NOT_AVAILABLE, "reason": reason}


def skipped(reason: str) -> dict[str, Any]:
    return {"status": "skipped", "reason": reason}


class RssSampler:
    """Samples this process's RSS every ``interval`` s in a thread; ``growth_mb`` = peak − start.

    For work too long or too native for tracemalloc (bulk loads, exports, C engines).
    """

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.start_mb = 0.0
        self.peak_mb = 0.0
        self._stop = False

    def __enter__(self) -> RssSampler:
        import threading

        import psutil

        proc = psutil.Process()
        self.start_mb = self.peak_mb = proc.memory_info().rss / 2**20

        def sample() -> None:
            while not self._stop:
                self.peak_mb = max(self.peak_mb, proc.memory_info().rss / 2**20)
                time.sleep(self.interval)

        self._thread = threading.Thread(target=sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop = True
        self._thread.join()

    @property
    def growth_mb(self) -> float:
        return round(self.peak_mb - self.start_mb, 1)
