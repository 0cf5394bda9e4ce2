"""Result files: ``latest.json`` (every figure, the commit, the machine) and ``latest.md``."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import subprocess
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("networkx", "rdflib", "pyoxigraph", "fastapi", "uvicorn", "httpx", "spacy", "neo4j")


def _git(*args: str) -> str | None:
    try:
        out = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip()


def commit_info() -> dict[str, Any]:
    status = _git("status", "--porcelain")
    return {
        "commit": _git("rev-parse", "HEAD"),
        "dirty": bool(status) if status is not None else None,
    }


def machine_info() -> dict[str, Any]:
    cpu = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        mem_gb: float | None = round(psutil.virtual_memory().total / 2**30, 1)
        load = os.getloadavg()
    except (ImportError, OSError):
        mem_gb, load = None, (0.0, 0.0, 0.0)
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    return {
        "hostname": platform.node(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": mem_gb,
        "loadavg_at_start": [round(x, 2) for x in load],
        "sqlite": sqlite3.sqlite_version,
        "packages": versions,
    }


def _fmt_figures(fig: dict[str, Any] | None, kind: str) -> str:
    if not fig:
        return "—"
    status = fig.get("status", "ok")
    if status != "ok":
        return f"{status}: {fig.get('reason', '')}".strip(": ")
    if kind == "latency":
        return f"p50 {fig['p50_ms']:.3g} / p95 {fig['p95_ms']:.3g} / p99 {fig['p99_ms']:.3g} ms"
    return f"{fig['per_s']:,.0f}/s ({fig['seconds']:.3g} s)"


def _mem(fig: dict[str, Any] | None) -> str:
    if not fig:
        return "—"
    parts = []
    for key, label in (
        ("peak_mem_mb", "traced"),
        ("server_peak_rss_mb", "server RSS"),
        ("peak_rss_growth_mb", "RSS +"),
    ):
        if fig.get(key) is not None:
            parts.append(f"{label} {fig[key]} MB")
    return ", ".join(parts) or "—"


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.3g}×"


def markdown(doc: dict[str, Any]) -> str:
    c, m = doc["commit"], doc["machine"]
    lines = [
        f"# Benchmarks ({doc['mode']}) — {doc['timestamp']}",
        "",
        f"Commit `{(c['commit'] or 'unknown')[:12]}`{' (dirty tree)' if c['dirty'] else ''}; "
        f"{m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}, "
        f"SQLite {m['sqlite']}; load average at start {m['loadavg_at_start']}.",
        "",
        "Latency ratios are ours ÷ other on p50 (lower is better); throughput ratios are "
        "ours ÷ other on items per second (higher is better). Absolute times on a shared "
        "machine are noise: compare ratios.",
        "",
        "| scenario | size | ours | floor | ours/floor | ours/peer | target | ours memory |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in doc["results"]:
        ratios = r["ratios"]
        peer_ratios = []
        for name, fig in r["peers"].items():
            value = ratios.get(f"ours/{name}")
            if value is not None:
                peer_ratios.append(f"{name} {_ratio(value)}")
            else:
                peer_ratios.append(f"{name}: {(fig or {}).get('status', '—')}")
        lines.append(
            f"| {r['scenario']} | {r['size']} | {_fmt_figures(r['ours'], r['kind'])} | "
            f"{_fmt_figures(r['floor'], r['kind'])} | {_ratio(ratios.get('ours/floor'))} | "
            f"{'; '.join(peer_ratios) or '—'} | {r['target']} | {_mem(r['ours'])} |"
        )
    if doc.get("scaling"):
        lines += ["", "## Scaling", ""]
        for key, value in doc["scaling"].items():
            lines.append(f"- {key}: {value}")
    notes = [
        f"- **{r['scenario']} {r['size']}**: "
        + "; ".join(r["notes"])
        + (f" — extra: {json.dumps(r['extra'])}" if r["extra"] else "")
        for r in doc["results"]
        if r["notes"] or r["extra"]
    ]
    if notes:
        lines += ["", "## Notes", "", *notes]
    lines += ["", f"Total bench time: {doc['elapsed_s']} s.", ""]
    return "\n".join(lines)


def write(doc: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    js, md = out_dir / "latest.json", out_dir / "latest.md"
    tmp = out_dir / "latest.json.tmp"
    tmp.write_text(json.dumps(doc, indent=2, default=str))
    os.replace(tmp, js)
    md.write_text(markdown(doc))
    return js, md


def timestamp() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
