"""Run the benchmarks and write ``bench/results/latest.{json,md}``.

    python -m bench --quick        # 10k facts, fewer requests: under 3 minutes
    python -m bench                # 10k, 100k and 1M facts (1M stores cached in bench/.cache)
    python -m bench --sizes 10k,100k --only inprocess,http
    python -m bench --quick --neo4j  # + the Neo4j peers (starts a Neo4j server)

Scenarios: inprocess, http, paths, bulk, extraction, export. Each reports
ours, its floor and its peers measured in the same run, and the ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from bench import report
from bench.build import BuiltStore, build
from bench.generate import DEFAULT_SEED, SIZES
from bench.measure import Result
from bench.scenarios import bulk, export, extraction, http, inprocess, neo4j_peer, paths
from bench.scenarios import ingest as ingest_scenario

SCENARIOS = ("inprocess", "http", "paths", "bulk", "extraction", "export", "ingest")
RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Plan:
    sizes: tuple[str, ...]
    queries: int  # in-process questions (× rounds)
    rounds: int
    requests: int  # HTTP requests per server (× http_rounds)
    http_rounds: int
    path_requests: int
    extraction_docs: int | None
    extraction_rounds: int
    export_max: int
    cache_from: int  # sizes at or above this many facts are cached


QUICK = Plan(("10k",), 300, 3, 300, 2, 100, 120, 1, 10_000, 10**9)
FULL = Plan(("10k", "100k", "1M"), 1000, 3, 1000, 2, 300, None, 3, 100_000, 100_000)

#: ``--neo4j`` loads sizes up to this many facts into Neo4j (the push runs ~1–2k facts/s
#: here: 1M facts would take hours across its rounds); larger sizes' cells say skipped.
NEO4J_MAX_FACTS = 100_000
#: Facts per transaction for the push and its raw UNWIND floor (the push's default).
NEO4J_BATCH = 500


def _advance(progress: Progress, task: TaskID, done: int) -> None:
    progress.update(task, completed=done)


def _scenario(
    name: str,
    built: BuiltStore,
    size: str,
    plan: Plan,
    workdir: Path,
    log: Callable[[str], None],
    neo4j: neo4j_peer.Neo4jPeer,
) -> Callable[[], Result]:
    """The call that runs scenario ``name`` at one size."""
    if name == "inprocess":
        return lambda: inprocess.run(built, size, plan.queries, rounds=plan.rounds, log=log)
    if name == "http":
        return lambda: http.run(
            built, size, plan.requests, workdir, rounds=plan.http_rounds, log=log, neo4j=neo4j
        )
    if name == "paths":
        return lambda: paths.run(built, size, plan.path_requests, workdir, log=log, neo4j=neo4j)
    if name == "bulk":
        return lambda: bulk.run(built, size, workdir, neo4j=neo4j)
    if name == "export":
        return lambda: export.run(built, size, workdir, max_facts=plan.export_max)
    raise ValueError(name)


def _guarded(name: str, size: str, fn: Callable[[], Result], console: Console) -> Result:
    try:
        return fn()
    except Exception as exc:  # one broken scenario must not lose the others' figures
        console.print(f"[red]{name} {size} failed:[/red] {exc}")
        console.print(traceback.format_exc(), markup=False, highlight=False)
        return Result(name, size, status=f"error: {type(exc).__name__}: {exc}"[:500])


class _Neo4jServer:
    """One Neo4j server for the whole run, started on first use (``bench.neo4j_bench.server``)."""

    def __init__(self, stack: contextlib.ExitStack, log: Callable[[str], None]) -> None:
        self.stack, self.log = stack, log
        self.url: str | None = None

    def get(self) -> str:
        if self.url is None:
            from bench import neo4j_bench

            self.url = self.stack.enter_context(neo4j_bench.server(self.log))
        return self.url


def _neo4j_load(
    server: _Neo4jServer,
    built: BuiltStore,
    size: str,
    plan: Plan,
    console: Console,
    log: Callable[[str], None],
) -> tuple[neo4j_peer.Neo4jPeer, list[Result]]:
    """Load this size's store into Neo4j (the push row) and time the in-process as-of lookups.

    The database then holds the pushed graph for the HTTP and path peers.
    """
    from bench import neo4j_bench

    n = built.n_facts
    rounds = 2 if n <= 10_000 else 1
    try:
        url = server.get()
        log(f"neo4j {size}: push vs raw UNWIND ({rounds} rounds)")
        pushed = neo4j_peer.load(url, built.path, n, NEO4J_BATCH, rounds, log)
    except Exception as exc:  # the SQLite figures stand; the Neo4j cells say why they are empty
        console.print(f"[red]neo4j {size} failed:[/red] {exc}")
        console.print(traceback.format_exc(), markup=False, highlight=False)
        status = neo4j_peer.failed(exc)
        return neo4j_peer.Neo4jPeer(status=status), [
            Result("neo4j push", size, kind="throughput", status=f"error: {status['reason']}")
        ]
    pushed.size = size
    pushed.notes.append("the SQLite scenarios' own store, pushed before they run")
    peer = neo4j_peer.Neo4jPeer(
        url=url,
        status={"status": "ok"},
        push=dict(pushed.ours or {}, batch=NEO4J_BATCH),
        unwind=dict(pushed.floor or {}, batch=NEO4J_BATCH),
    )
    results = [pushed]
    log(f"neo4j {size}: as-of lookups in-process")
    as_of = _guarded(
        "neo4j as-of",
        size,
        lambda: neo4j_bench.as_of_lookups(url, built.graph, max(100, plan.queries // 3), 2, log),
        console,
    )
    as_of.size = size
    results.append(as_of)
    return peer, results


def _neo4j_write(url: str, built: BuiltStore, size: str, log: Callable[[str], None]) -> Result:
    """``Neo4jStore.write`` of fresh facts; WIPES the database (so it runs last per size)."""
    from bench import neo4j_bench

    n = min(2_000, built.n_facts)
    result = neo4j_bench.write_path(url, built.graph, n, NEO4J_BATCH, log)
    result.size = size
    result.notes.append(f"the first {n:,} facts of the {size} graph, after the peers ran")
    return result


def _link_neo4j(results: list[Result]) -> None:
    """Show the Neo4j as-of figures as peers of the in-process SQLite row of the same size."""
    neo = {r.size: r for r in results if r.scenario == "relations as of (Neo4j)"}
    for r in results:
        if r.scenario == "relations as of (in-process)" and r.size in neo:
            cypher, store = neo[r.size].floor, neo[r.size].ours
            if cypher:
                r.peers["neo4j-cypher"] = cypher
            if store:
                r.peers["neo4j-store"] = store


#: Rows of Neo4j's own figures (the peers' sources): listed after a size's scenario rows.
NEO4J_ROWS = (
    "neo4j push",
    "relations as of (Neo4j)",
    "Neo4jStore.write",
    "neo4j as-of",
    "neo4j write",
)


def _ordered(results: list[Result]) -> list[Result]:
    """Size by size (in run order), the scenario rows first, then that size's Neo4j rows."""
    sizes = list(dict.fromkeys(r.size for r in results))
    return sorted(results, key=lambda r: (sizes.index(r.size), r.scenario in NEO4J_ROWS))


def _scaling(results: list[Result]) -> dict[str, Any]:
    by_size = {
        r.size: r.ours["p50_ms"]
        for r in results
        if r.scenario == "relations as of (in-process)" and r.ours and "p50_ms" in r.ours
    }
    out: dict[str, Any] = {}
    if "10k" in by_size:
        for big in ("100k", "1M"):
            if big in by_size:
                out[f"in-process p50 {big} ÷ p50 10k (target ≤ 1.5)"] = round(
                    by_size[big] / by_size["10k"], 3
                )
    return out


def run(
    plan: Plan,
    only: tuple[str, ...],
    seed: int,
    console: Console,
    out_dir: Path,
    with_neo4j: bool = False,
) -> dict:
    started = time.perf_counter()
    results: list[Result] = []
    doc: dict[str, Any] = {
        "mode": "quick" if plan is QUICK else "full",
        "timestamp": report.timestamp(),
        "commit": report.commit_info(),
        "machine": report.machine_info(),
        "seed": seed,
        "plan": plan.__dict__,
    }
    with (
        tempfile.TemporaryDirectory(prefix="pg-bench-") as tmp,
        contextlib.ExitStack() as stack,
        Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        ) as progress,
    ):
        workdir = Path(tmp)
        once = ("extraction", "ingest")  # over the Reuters corpus, not per size
        steps = [(s, n) for s in plan.sizes for n in SCENARIOS if n in only and n not in once]
        total = len(steps) + len(plan.sizes) + sum(n in only for n in once)
        overall = progress.add_task("bench", total=total)

        def log(message: str) -> None:
            progress.update(overall, description=message)

        neo4j_server = _Neo4jServer(stack, log)

        for size in plan.sizes:
            n = SIZES[size]
            task = progress.add_task(f"build {size}", total=n)
            built = build(
                n,
                seed,
                cache=n >= plan.cache_from,
                workdir=workdir,
                progress=partial(_advance, progress, task),
            )
            progress.update(task, completed=n)
            note = "cached" if built.cached else f"{built.load['facts_per_s']:,.0f} facts/s"
            console.print(f"store {size}: {built.path.name} ({note})")
            progress.advance(overall)
            neo4j = neo4j_peer.Neo4jPeer()
            if with_neo4j and n > NEO4J_MAX_FACTS:
                neo4j = neo4j_peer.Neo4jPeer(status=neo4j_peer.skipped_at(size, NEO4J_MAX_FACTS))
            elif with_neo4j:
                neo4j, loaded = _neo4j_load(neo4j_server, built, size, plan, console, log)
                for result in loaded:
                    results.append(result)
                    _show(console, result)
                _save(doc, results, out_dir, started)
            for name in SCENARIOS:
                if name not in only or name in once:
                    continue
                log(f"{name} {size}")
                result = _guarded(
                    name, size, _scenario(name, built, size, plan, workdir, log, neo4j), console
                )
                results.append(result)
                _show(console, result)
                _save(doc, results, out_dir, started)
                progress.advance(overall)
            if neo4j.url is not None:
                log(f"neo4j {size}: Neo4jStore.write")
                url = neo4j.url
                result = _guarded(
                    "neo4j write", size, partial(_neo4j_write, url, built, size, log), console
                )
                results.append(result)
                _show(console, result)
                _save(doc, results, out_dir, started)
        if "extraction" in only:
            log("extraction (Reuters)")
            result = _guarded(
                "extraction",
                "reuters",
                lambda: extraction.run("reuters", plan.extraction_docs, plan.extraction_rounds),
                console,
            )
            results.append(result)
            _show(console, result)
            progress.advance(overall)
        if "ingest" in only:
            log("ingest (Reuters, end to end)")
            quick = plan.extraction_docs is not None
            result = _guarded(
                "ingest", "reuters", lambda: ingest_scenario.run(quick=quick), console
            )
            results.append(result)
            _show(console, result)
            progress.advance(overall)
        log("done")
    _link_neo4j(results)
    doc["results"] = [r.as_dict() for r in _ordered(results)]
    doc["scaling"] = _scaling(results)
    doc["elapsed_s"] = round(time.perf_counter() - started, 1)
    js, md = report.write(doc, out_dir)
    console.print(f"wrote {js} and {md} in {doc['elapsed_s']} s")
    return doc


def _save(doc: dict[str, Any], results: list[Result], out_dir: Path, started: float) -> None:
    """Write what is measured so far (a run stopped half-way keeps its figures)."""
    doc["results"] = [r.as_dict() for r in _ordered(results)]
    doc["scaling"] = _scaling(results)
    doc["elapsed_s"] = round(time.perf_counter() - started, 1)
    report.write(doc, out_dir)


def _show(console: Console, r: Result) -> None:
    d = r.as_dict()
    table = Table(title=f"{r.scenario} — {r.size}", title_justify="left", show_edge=False)
    for col in ("who", "figures", "ours ÷ who", "memory"):
        table.add_column(col)
    rows = [("ours", r.ours), ("floor", r.floor), *r.peers.items()]
    for who, fig in rows:
        ratio = d["ratios"].get(f"ours/{who}") if who != "ours" else None
        table.add_row(
            who,
            report._fmt_figures(fig, r.kind),
            "" if ratio is None else f"{ratio:.2f}×",
            report._mem(fig),
        )
    if r.status != "ok":
        table.add_row("status", r.status, "", "")
    console.print(table)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="10k only, fewer requests (< 3 min)")
    parser.add_argument("--sizes", help="comma-separated subset of 10k,100k,1M")
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(SCENARIOS)}")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--neo4j",
        action="store_true",
        help="also measure the Neo4j peers (HTTP, paths, bulk load, in-process) at sizes up to "
        "100k; starts Neo4j unless BENCH_NEO4J_URL is set (whose database it WIPES)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="results folder")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.sizes:
        wanted = tuple(s.strip() for s in args.sizes.split(",") if s.strip())
        unknown = set(wanted) - set(SIZES)
        if unknown:
            parser.error(f"unknown sizes {sorted(unknown)}; choose from {', '.join(SIZES)}")
        plan = Plan(**{**plan.__dict__, "sizes": wanted})
        if args.quick:
            plan = Plan(**{**plan.__dict__})  # keep quick's budget with other sizes
    only = tuple(args.only.split(",")) if args.only else SCENARIOS
    unknown = set(only) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios {sorted(unknown)}; choose from {', '.join(SCENARIOS)}")
    run(plan, only, args.seed, Console(), args.out, with_neo4j=args.neo4j)


if __name__ == "__main__":
    main()
