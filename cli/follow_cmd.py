"""``partnergraph follow``: keep the store current from RSS/Atom feeds (and URLs for ``ingest``).

``follow URL… --once`` does one pass; ``--every 15m`` (the default) repeats until
SIGINT or SIGTERM, which end it between requests. Progress and the summary of each
pass go to stderr; ``--quiet`` leaves only warnings and errors.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from types import FrameType
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from cli.store_cmds import DEFAULT_DB, DbOption, MaxCharsOption, opened_store
from graph.errors import InvalidInput
from loaders.fetch import (
    DEFAULT_MAX_BYTES,
    DEFAULT_USER_AGENT,
    USER_AGENT_ENV,
    Fetcher,
    FetchPolicy,
    UnsupportedURL,
)
from loaders.follow import Follower, PassReport, validate_urls
from loaders.limits import MAX_DOCUMENT_CHARS

err = Console(stderr=True)

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
#: The shortest --every accepted: a feed is not a chat.
MIN_INTERVAL = 1.0


def parse_interval(value: str) -> float:
    """Seconds from ``30s``, ``15m``, ``2h``, ``1d`` or a bare number of seconds.

    >>> parse_interval("15m")
    900.0
    """
    match = _INTERVAL.match(value)
    if match is None:
        raise InvalidInput(f"invalid --every {value!r}: expected e.g. 30s, 15m, 2h or 1d")
    seconds = float(match.group(1)) * _UNITS[(match.group(2) or "s").lower()]
    if seconds < MIN_INTERVAL:
        raise InvalidInput(f"invalid --every {value!r}: at least {MIN_INTERVAL:g} s")
    return seconds


def looks_like_url(arg: str) -> bool:
    """Whether a command-line argument is a URL (``scheme://…``) rather than a path."""
    return bool(_URL.match(arg))


def split_urls(args: Sequence[str]) -> tuple[list[str], list[str]]:
    """``(urls, paths)`` from ``ingest``'s arguments, each in its given order."""
    return [a for a in args if looks_like_url(a)], [a for a in args if not looks_like_url(a)]


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set ``stop`` (the run ends between requests); a second one
    acts as usual. Only in the main thread, where Python delivers signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signals = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.getsignal(s) for s in signals}

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()
        signal.signal(signum, previous[signal.Signals(signum)])

    for s in signals:
        signal.signal(s, handler)
    try:
        yield
    finally:
        for s in signals:
            signal.signal(s, previous[s])


def _progress(quiet: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet,
    )


@contextmanager
def _following(
    db: str, policy: FetchPolicy, max_chars: int, quiet: bool, label: str
) -> Iterator[tuple[Follower, Progress, TaskID]]:
    """The store, a fetcher that SIGINT/SIGTERM stop between requests, a progress line
    showing the URL at work, and the follower over them: what ``follow`` and
    ``ingest https://…`` both run."""
    stop = threading.Event()
    with (
        opened_store(db) as store,
        Fetcher(policy, stop=stop) as fetcher,
        stop_on_signals(stop),
        _progress(quiet) as progress,
    ):
        task = progress.add_task(label, total=None)
        follower = Follower(
            store,
            fetcher,
            max_chars=max_chars,
            on_progress=lambda url: progress.update(task, description=url[-60:]),
        )
        yield follower, progress, task


def _print_report(report: PassReport, quiet: bool, console: Console) -> None:
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}", highlight=False, soft_wrap=True)
    for problem in report.errors:
        console.print(f"[red]error:[/red] {problem}", highlight=False, soft_wrap=True)
    if not quiet:
        console.print(report.summary(), highlight=False, soft_wrap=True)


def _persistence_warning(follower: Follower) -> None:
    if not follower.persistent:
        err.print(
            "[yellow]warning:[/yellow] this store cannot keep fetch state; "
            "what was seen is remembered only until the command ends",
            highlight=False,
        )


def follow(
    urls: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs (http or https).")],
    db: DbOption = DEFAULT_DB,
    every: Annotated[
        str | None,
        typer.Option(help="Fetch again at this interval (30s, 15m, 2h, 1d); default 15m."),
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress or summary; only problems.")
    ] = False,
    user_agent: Annotated[
        str, typer.Option(envvar=USER_AGENT_ENV, help="The User-Agent sent with every request.")
    ] = DEFAULT_USER_AGENT,
    host_interval: Annotated[
        float,
        typer.Option(min=0, help="Seconds between two requests to the same host."),
    ] = 1.0,
    connect_timeout: Annotated[float, typer.Option(min=0.001, help="Seconds to connect.")] = 10.0,
    read_timeout: Annotated[
        float, typer.Option(min=0.001, help="Seconds of silence before a request fails.")
    ] = 30.0,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="The largest response read, in bytes.")
    ] = DEFAULT_MAX_BYTES,
    max_redirects: Annotated[int, typer.Option(min=0, help="Redirects followed.")] = 5,
    retries: Annotated[
        int, typer.Option(min=0, help="Retries after a 429 or 5xx (exponential back-off).")
    ] = 3,
    max_retry_after: Annotated[
        float, typer.Option(min=0, help="The longest Retry-After honoured, in seconds.")
    ] = 120.0,
    ignore_robots: Annotated[
        bool,
        typer.Option(
            "--ignore-robots", help="Do not read robots.txt (only for sites you operate)."
        ),
    ] = False,
    max_chars: MaxCharsOption = MAX_DOCUMENT_CHARS,
) -> None:
    """Follow RSS/Atom feeds: ingest each new article once, then keep checking.

    Every pass fetches each feed conditionally (ETag, Last-Modified), fetches the
    pages of new or changed entries (trafilatura finds the text), and ingests them
    as `partnergraph ingest` does. What was seen is kept in the store, so a restart
    resumes. robots.txt is honoured; requests are rate-limited per host, timed out,
    size-capped, and retried on 429/5xx. See docs/feeds.md.

    Exit status: 0; 1 when --once and every feed failed; 2 for a bad URL or option,
    or when the store cannot be opened.
    """
    if once and every:
        err.print("[red]error:[/red] --once and --every exclude each other", highlight=False)
        raise typer.Exit(2)
    try:
        feeds = validate_urls(urls)
        interval = None if once else parse_interval(every or "15m")
        policy = FetchPolicy(
            user_agent=user_agent,
            host_interval=host_interval,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            max_bytes=max_bytes,
            max_redirects=max_redirects,
            retries=retries,
            max_retry_after=max_retry_after,
            obey_robots=not ignore_robots,
        )
    except InvalidInput as exc:
        err.print(f"[red]error:[/red] {exc.message}", highlight=False)
        raise typer.Exit(2) from exc
    with _following(db, policy, max_chars, quiet, "starting") as (follower, progress, task):
        _persistence_warning(follower)

        def after_pass(report: PassReport) -> None:
            _print_report(report, quiet, progress.console)
            progress.update(task, description="waiting for the next pass")

        if interval is None:
            report = follower.run_pass(feeds)
            after_pass(report)
        else:
            report = follower.run(feeds, interval, on_pass=after_pass)
    if interval is None and report.every_feed_failed:
        raise typer.Exit(1)


def ingest_urls(
    urls: Sequence[str],
    *,
    db: str,
    published: date | None = None,
    max_chars: int = MAX_DOCUMENT_CHARS,
) -> bool:
    """``partnergraph ingest https://…``: each URL is a feed (its articles are ingested)
    or an article page. Prints problems and a summary; answers whether all went well."""
    ok = True
    good: list[str] = []
    for url in urls:
        try:
            good.extend(validate_urls([url]))
        except UnsupportedURL as exc:
            err.print(f"[red]error:[/red] {exc.message}", highlight=False, soft_wrap=True)
            ok = False
    if not good:
        return ok
    policy = FetchPolicy(user_agent=os.environ.get(USER_AGENT_ENV) or DEFAULT_USER_AGENT)
    with _following(db, policy, max_chars, False, "fetching") as (follower, progress, _):
        for url in good:
            report = follower.ingest_url(url, published)
            _print_report(report, False, progress.console)
            ok = ok and not report.errors and not report.interrupted
            if report.interrupted:
                break
    return ok


def register(app: typer.Typer) -> None:
    app.command()(follow)
