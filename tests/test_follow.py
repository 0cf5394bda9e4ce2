"""Following feeds: a real HTTP server on 127.0.0.1 serves feeds, pages and robots.txt.

The server (``http.server`` in a thread, shut down in ``finally``) records every
request it gets, so what was fetched, and with which validators, is asserted from
its log. The articles are invented; no HTTP or SQLite is mocked.
"""

from __future__ import annotations

import itertools
import os
import select
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cli.follow_cmd import looks_like_url, parse_interval, split_urls
from graph import open_store
from graph.errors import InvalidInput
from graph.fetchstate import FetchRecord, FetchStateStore, MemoryFetchState, fetch_state_of
from graph.model import Relation
from graph.store import FactPattern, Store
from loaders.fetch import (
    DEFAULT_USER_AGENT,
    Fetcher,
    FetchError,
    FetchPolicy,
    Interrupted,
    UnsupportedURL,
    check_url,
)
from loaders.follow import Follower, PassReport, feed_entries
from tests.conftest import ROOT, dies_with_us

PARTNERGRAPH = str(ROOT / ".venv" / "bin" / "partnergraph")

# -- invented articles ------------------------------------------------------------------------

ARTICLES = {
    "acme": (
        "Acme Robotics buys Beta Sensors",
        "Acme Robotics acquired Beta Sensors in March 2024. The robot maker said the "
        "purchase gives it the vision sensors its warehouse machines need. Beta Sensors "
        "will keep its factory near Lyon and its two hundred employees, the companies said.",
    ),
    "zeta": (
        "Zeta Foods backs Omega Farms",
        "Zeta Foods invested in Omega Farms in 2022. The grocer wants a steady supply of "
        "greenhouse vegetables for its stores in the north. Omega Farms grows tomatoes and "
        "peppers under glass and plans to double its surface within three years.",
    ),
    "kappa": (
        "Kappa Logistics takes over Lambda Freight",
        "Kappa Logistics acquired Lambda Freight in June 2025. The deal adds sixty trucks "
        "and three depots to the Kappa fleet. Lambda Freight founders will stay on as "
        "advisers for a year while the two networks are merged into one.",
    ),
    "sigma": (
        "Sigma Chips and Tau Devices",
        "Sigma Chips supplies Tau Devices with memory. The contract runs for five years and "
        "covers every tablet Tau Devices plans to ship. Analysts said the agreement secures "
        "most of the Sigma Chips output for the coming seasons.",
    ),
}


def page(key: str, extra: str = "") -> bytes:
    title, text = ARTICLES[key]
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body><nav>Home | Markets | Tech</nav>"
        f"<article><h1>{title}</h1><p>{text}</p>{extra}</article>"
        "<footer>(c) Example News</footer></body></html>"
    ).encode()


def rss(base: str, items: list[tuple[str, str, str]]) -> bytes:
    """items: (path, title, RFC 822 date)."""
    body = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>{day}</pubDate><description>{title}</description></item>"
        for path, title, day in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Example News</title><link>{base}/</link><description>news</description>"
        f"{body}</channel></rss>"
    ).encode()


def atom(base: str, items: list[tuple[str, str, str]]) -> bytes:
    """items: (path, title, ISO date)."""
    body = "".join(
        f'<entry><title>{title}</title><link href="{base}{path}"/><id>{base}{path}</id>'
        f"<updated>{day}</updated><summary>{title}</summary></entry>"
        for path, title, day in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Example Wire</title><id>{base}/atom</id><updated>2025-07-01T00:00:00Z</updated>"
        f"{body}</feed>"
    ).encode()


# -- the server -------------------------------------------------------------------------------

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Site:
    """Routes by path, and the log of every request."""

    base: str = ""
    routes: dict[str, Handler] = field(default_factory=dict)
    log: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    sent: dict[str, int] = field(default_factory=dict)
    finished: dict[str, threading.Event] = field(default_factory=dict)

    def requests(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.log if r.path == path]

    def paths(self) -> list[str]:
        with self.lock:
            return [r.path for r in self.log]

    def clear(self) -> None:
        with self.lock:
            self.log.clear()


def _handler_class(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            with site.lock:
                site.log.append(Request(path, dict(self.headers.items()), time.monotonic()))
                route = site.routes.get(path)
            if route is None:
                send(self, 404, b"not found", "text/plain")
            else:
                route(self)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: the log above is what tests read

    return Handler


def send(
    h: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    h.send_response(status)
    for name, value in (headers or {}).items():
        h.send_header(name, value)
    if status != 304:
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    if status != 304:
        h.wfile.write(body)


def static(body: bytes, content_type: str, etag: str | None = None) -> Handler:
    """A resource with validators that answers 304 to them."""
    modified = format_datetime(datetime(2025, 7, 1, tzinfo=UTC), usegmt=True)

    def handle(h: BaseHTTPRequestHandler) -> None:
        tag = etag or f'"{abs(hash(body))}"'
        validators = {"ETag": tag, "Last-Modified": modified}
        if h.headers.get("If-None-Match") == tag:
            send(h, 304, headers=validators)
        else:
            send(h, 200, body, content_type, validators)

    return handle


def in_turn(*handlers: Handler) -> Handler:
    """The n-th request gets the n-th handler (the last one from then on)."""
    count = [0]

    def handle(h: BaseHTTPRequestHandler) -> None:
        index = min(count[0], len(handlers) - 1)
        count[0] += 1
        handlers[index](h)

    return handle


def status(code: int, headers: dict[str, str] | None = None) -> Handler:
    return lambda h: send(h, code, b"try later", "text/plain", headers)


def redirect(location: str, code: int = 301) -> Handler:
    return lambda h: send(h, code, b"", "text/plain", {"Location": location})


def slow(site: Site, seconds: float) -> Handler:
    def handle(h: BaseHTTPRequestHandler) -> None:
        site.stop.wait(seconds)  # ends at once when the server shuts down
        send(h, 200, page("acme"))

    return handle


def huge(site: Site, name: str, total: int, declare: bool) -> Handler:
    """``total`` bytes of HTML in 64 KiB writes, counting what was sent until the client left."""
    done = site.finished.setdefault(name, threading.Event())

    def handle(h: BaseHTTPRequestHandler) -> None:
        chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
        sent = 0
        try:
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            if declare:
                h.send_header("Content-Length", str(total))
            h.end_headers()
            while sent < total and not site.stop.is_set():
                h.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            site.sent[name] = sent
            done.set()

    return handle


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield site
    finally:
        site.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def publish(site: Site) -> tuple[str, str]:
    """An RSS feed (acme, zeta) and an Atom feed (kappa); answers the two feed URLs."""
    b = site.base
    site.routes["/robots.txt"] = static(ROBOTS, "text/plain")
    site.routes["/rss.xml"] = static(
        rss(
            b,
            [
                ("/articles/acme.html", "Acme buys Beta", "Mon, 18 Mar 2024 09:00:00 +0000"),
                ("/articles/zeta.html", "Zeta backs Omega", "Tue, 05 Apr 2022 10:00:00 +0000"),
            ],
        ),
        "application/rss+xml",
    )
    site.routes["/atom.xml"] = static(
        atom(b, [("/wire/kappa.html", "Kappa takes Lambda", "2025-06-20T08:00:00Z")]),
        "application/atom+xml",
    )
    for key, path in (
        ("acme", "/articles/acme.html"),
        ("zeta", "/articles/zeta.html"),
        ("kappa", "/wire/kappa.html"),
    ):
        site.routes[path] = static(page(key), "text/html; charset=utf-8")
    return f"{b}/rss.xml", f"{b}/atom.xml"


FAST = FetchPolicy(
    host_interval=0.0,
    connect_timeout=2.0,
    read_timeout=2.0,
    total_timeout=20.0,
    retries=2,
    backoff=0.05,
    max_retry_after=5.0,
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Store]:
    store = open_store(f"sqlite:///{tmp_path / 'follow.db'}")
    try:
        yield store
    finally:
        store.close()


def one_pass(store: Store, urls: list[str], policy: FetchPolicy = FAST) -> PassReport:
    with Fetcher(policy) as fetcher:
        return Follower(store, fetcher).run_pass(urls)


def pairs(store: Store, relation: Relation) -> set[tuple[str, str]]:
    return {(f.subject, f.object) for f in store.find_facts(FactPattern(relation=relation))}


# -- through the real CLI ---------------------------------------------------------------------


def run_cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        dies_with_us([PARTNERGRAPH, *args]),
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )


def test_follow_once_ingests_each_article_once_and_the_next_run_is_conditional(
    site: Site, tmp_path: Path
) -> None:
    rss_url, atom_url = publish(site)
    db_url = f"sqlite:///{tmp_path / 'cli.db'}"
    first = run_cli("follow", rss_url, atom_url, "--once", "--db", db_url, "--host-interval", "0")
    assert first.returncode == 0, first.stderr
    assert "feeds: 2 fetched, 0 not modified, 0 failed" in first.stderr
    assert "articles: 3 new, 0 changed, 0 unchanged, 0 failed" in first.stderr
    for path in ("/articles/acme.html", "/articles/zeta.html", "/wire/kappa.html"):
        assert len(site.requests(path)) == 1, path
    assert len(site.requests("/robots.txt")) == 1  # once per host and run
    agent = site.requests("/rss.xml")[0].headers["User-Agent"]
    assert agent.startswith("partnergraph/") and "(+http" in agent
    store = open_store(db_url)
    try:
        acquired = pairs(store, Relation.ACQUIRES)
        assert ("acme-robotics", "beta-sensors") in acquired
        assert ("kappa-logistics", "lambda-freight") in acquired
        assert ("zeta-foods", "omega-farms") in pairs(store, Relation.INVESTS_IN)
        [fact] = store.find_facts(FactPattern("acme-robotics", Relation.ACQUIRES, "beta-sensors"))
        assert len({e.document_id for e in fact.evidence}) == 1  # headline and sentence
        ev = fact.evidence[0]
        assert ev.url == f"{site.base}/articles/acme.html"
        assert ev.published is not None and ev.published.isoformat() == "2024-03-18"  # the feed's
        assert store.get_document(ev.document_id).title == "Acme buys Beta"  # the entry's title
    finally:
        store.close()

    site.clear()
    second = run_cli("follow", rss_url, atom_url, "--once", "--db", db_url, "--host-interval", "0")
    assert second.returncode == 0, second.stderr
    assert "feeds: 0 fetched, 2 not modified, 0 failed" in second.stderr
    assert sorted(site.paths()) == ["/atom.xml", "/robots.txt", "/rss.xml"]
    for feed in ("/rss.xml", "/atom.xml"):
        [request] = site.requests(feed)
        assert request.headers.get("If-None-Match")
        assert request.headers.get("If-Modified-Since") == "Tue, 01 Jul 2025 00:00:00 GMT"


def test_ingest_takes_urls_and_refuses_other_schemes(site: Site, tmp_path: Path) -> None:
    publish(site)
    db_url = f"sqlite:///{tmp_path / 'ingest.db'}"
    done = run_cli("ingest", f"{site.base}/articles/acme.html", "--db", db_url)
    assert done.returncode == 0, done.stderr
    assert "articles: 1 new" in done.stderr
    again = run_cli("ingest", f"{site.base}/articles/acme.html", "--db", db_url)
    assert again.returncode == 0, again.stderr
    assert "articles: 0 new, 0 changed, 1 unchanged" in again.stderr
    assert site.requests("/articles/acme.html")[-1].headers.get("If-None-Match")
    store = open_store(db_url)
    try:
        assert ("acme-robotics", "beta-sensors") in pairs(store, Relation.ACQUIRES)
    finally:
        store.close()
    refused = run_cli("ingest", "ftp://127.0.0.1/feed.xml", "--db", db_url)
    assert refused.returncode == 1
    assert "only http and https URLs are supported" in refused.stderr
    follow = run_cli("follow", "file:///etc/passwd", "--once", "--db", db_url)
    assert follow.returncode == 2
    assert "cannot fetch 'file:///etc/passwd': scheme 'file'" in follow.stderr


def test_follow_every_ends_cleanly_on_sigterm(site: Site, tmp_path: Path) -> None:
    rss_url, _ = publish(site)
    argv = [PARTNERGRAPH, "follow", rss_url, "--every", "1s", "--host-interval", "0"]
    argv += ["--db", f"sqlite:///{tmp_path / 'every.db'}"]
    proc = subprocess.Popen(dies_with_us(argv), stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    try:
        passes: list[str] = []
        deadline = time.monotonic() + 120
        while len(passes) < 2 and time.monotonic() < deadline:  # two passes, then stop it
            ready, _, _ = select.select([proc.stderr], [], [], 1.0)
            if ready:
                line = proc.stderr.readline()
                if line.startswith("feeds:"):
                    passes.append(line)
            assert proc.poll() is None, "follow --every ended by itself"
        assert len(passes) == 2, passes
        assert "1 not modified" in passes[1]
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()


def test_follow_once_fails_when_every_feed_fails(site: Site, tmp_path: Path) -> None:
    site.routes["/robots.txt"] = status(404)
    site.routes["/gone.xml"] = status(410)
    done = run_cli(
        "follow", f"{site.base}/gone.xml", "--once", "--db", f"sqlite:///{tmp_path / 'x.db'}"
    )
    assert done.returncode == 1
    assert "HTTP 410 Gone" in done.stderr


# -- through the Python API -------------------------------------------------------------------


def test_a_second_pass_fetches_only_what_changed(site: Site, db: Store) -> None:
    rss_url, atom_url = publish(site)
    first = one_pass(db, [rss_url, atom_url])
    assert (first.feeds_fetched, first.articles_new, first.errors) == (2, 3, [])
    assert first.documents_stored == 3

    # The RSS feed gains an entry and re-dates Acme's, whose page changes only in markup;
    # Zeta's entry is the same. The Atom feed does not change.
    b = site.base
    site.routes["/rss.xml"] = static(
        rss(
            b,
            [
                ("/articles/acme.html", "Acme buys Beta", "Wed, 20 Mar 2024 09:00:00 +0000"),
                ("/articles/zeta.html", "Zeta backs Omega", "Tue, 05 Apr 2022 10:00:00 +0000"),
                ("/articles/sigma.html", "Sigma and Tau", "Thu, 03 Jul 2025 10:00:00 +0000"),
            ],
        ),
        "application/rss+xml",
    )
    site.routes["/articles/acme.html"] = static(
        page("acme").replace(b"<nav>", b"<nav class='new'>"), "text/html"
    )
    site.routes["/articles/sigma.html"] = static(page("sigma"), "text/html")
    site.clear()
    second = one_pass(db, [rss_url, atom_url])
    assert second.errors == []
    assert (second.feeds_fetched, second.feeds_not_modified) == (1, 1)
    assert (second.articles_new, second.articles_changed, second.articles_unchanged) == (1, 0, 2)
    assert second.documents_stored == 1
    assert "/articles/zeta.html" not in site.paths()  # its entry did not change
    assert "/wire/kappa.html" not in site.paths()  # its feed answered 304
    [acme] = site.requests("/articles/acme.html")  # asked again, conditionally
    assert acme.headers.get("If-None-Match")
    assert ("sigma-chips", "tau-devices") in pairs(db, Relation.SUPPLIES)

    # Then Acme's text changes: a new document version, the earlier one kept.
    site.routes["/rss.xml"] = static(
        rss(b, [("/articles/acme.html", "Acme buys Beta", "Fri, 22 Mar 2024 09:00:00 +0000")]),
        "application/rss+xml",
    )
    site.routes["/articles/acme.html"] = static(
        page("acme", "<p>Acme Robotics also said Beta Sensors will keep its brand.</p>"),
        "text/html",
    )
    third = one_pass(db, [rss_url])
    assert (third.articles_changed, third.documents_stored, third.errors) == (1, 1, [])
    [fact] = db.find_facts(FactPattern("acme-robotics", Relation.ACQUIRES, "beta-sensors"))
    assert len({e.document_id for e in fact.evidence}) == 2


def test_a_restart_resumes_from_the_store(site: Site, tmp_path: Path) -> None:
    rss_url, _ = publish(site)
    path = f"sqlite:///{tmp_path / 'resume.db'}"
    for _ in range(2):
        store = open_store(path)
        try:
            report = one_pass(store, [rss_url])
        finally:
            store.close()
    assert (report.feeds_not_modified, report.articles_new) == (1, 0)
    assert len(site.requests("/articles/acme.html")) == 1
    store = open_store(path)
    try:
        assert isinstance(store, FetchStateStore)
        record = store.fetch_record(f"{site.base}/articles/acme.html")
        assert record is not None and record.document_id and record.content_hash
    finally:
        store.close()


def test_429_with_retry_after_then_success(site: Site, db: Store) -> None:
    publish(site)
    url = f"{site.base}/articles/acme.html"
    site.routes["/articles/acme.html"] = in_turn(
        status(429, {"Retry-After": "1"}), static(page("acme"), "text/html")
    )
    with Fetcher(FAST) as fetcher:
        report = Follower(db, fetcher).ingest_url(url)
    assert (report.articles_new, report.errors) == (1, [])
    first, second = site.requests("/articles/acme.html")
    assert second.at - first.at >= 0.95  # Retry-After honoured


def test_503_is_retried_then_given_up_with_a_clear_error(site: Site, db: Store) -> None:
    rss_url, _ = publish(site)
    site.routes["/articles/zeta.html"] = status(503)
    report = one_pass(db, [rss_url])
    assert len(site.requests("/articles/zeta.html")) == 3  # 1 + FAST.retries
    assert report.errors == [
        f"{site.base}/articles/zeta.html: HTTP 503 Service Unavailable, given up after 3 attempts"
    ]
    assert (report.articles_new, report.articles_failed) == (1, 1)
    # A transient failure: the feed's validators are not kept, the next pass retries it.
    assert isinstance(db, FetchStateStore)
    record = db.fetch_record(rss_url)
    assert record is not None and record.etag is None
    site.routes["/articles/zeta.html"] = static(page("zeta"), "text/html")
    site.clear()
    again = one_pass(db, [rss_url])
    assert (again.articles_new, again.articles_unchanged, again.errors) == (1, 1, [])
    assert "/articles/acme.html" not in site.paths()


def test_a_retry_after_beyond_the_bound_is_not_waited_for(site: Site) -> None:
    site.routes["/robots.txt"] = status(404)
    site.routes["/busy"] = status(429, {"Retry-After": "3600"})
    started = time.monotonic()
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError, match="retry after 3600 s"):
        fetcher.get(f"{site.base}/busy")
    assert time.monotonic() - started < 5


def test_a_redirect_is_followed_and_a_loop_refused(site: Site, db: Store) -> None:
    publish(site)
    site.routes["/old/acme"] = redirect("/articles/acme.html")
    site.routes["/loop/a"] = redirect("/loop/b", 302)
    site.routes["/loop/b"] = redirect(f"{site.base}/loop/a", 307)
    site.routes["/far"] = redirect("ftp://127.0.0.1/x")
    with Fetcher(FAST) as fetcher:
        report = Follower(db, fetcher).ingest_url(f"{site.base}/old/acme")
        assert (report.articles_new, report.errors) == (1, [])
        [fact] = db.find_facts(FactPattern("acme-robotics", Relation.ACQUIRES, "beta-sensors"))
        assert fact.evidence[0].url == f"{site.base}/articles/acme.html"  # where the text was
        with pytest.raises(FetchError, match="redirect loop refused") as loop:
            fetcher.get(f"{site.base}/loop/a")
        assert not loop.value.transient
        assert len(site.requests("/loop/a")) == 1 and len(site.requests("/loop/b")) == 1
        with pytest.raises(FetchError, match="non-http"):
            fetcher.get(f"{site.base}/far")
    hops = [f"/hop/{i}" for i in range(4)]
    for here, there in itertools.pairwise(hops):
        site.routes[here] = redirect(there)
    policy = FetchPolicy(host_interval=0, max_redirects=2)
    with Fetcher(policy) as fetcher, pytest.raises(FetchError, match="more than 2 redirects"):
        fetcher.get(f"{site.base}/hop/0")


def test_a_slow_response_times_out(site: Site) -> None:
    site.routes["/robots.txt"] = status(404)
    site.routes["/slow"] = slow(site, 5.0)
    policy = FetchPolicy(host_interval=0, read_timeout=0.3, retries=0)
    started = time.monotonic()
    with Fetcher(policy) as fetcher, pytest.raises(FetchError, match="timed out") as caught:
        fetcher.get(f"{site.base}/slow")
    assert time.monotonic() - started < 3
    assert caught.value.transient


@pytest.mark.parametrize("declare", [False, True], ids=["streamed", "content-length"])
def test_a_50_mb_page_is_cut_at_the_cap(site: Site, declare: bool) -> None:
    total = 50 * 1024 * 1024
    site.routes["/robots.txt"] = status(404)
    site.routes["/big"] = huge(site, "big", total, declare)
    policy = FetchPolicy(host_interval=0, max_bytes=1024 * 1024)
    with Fetcher(policy) as fetcher:
        with pytest.raises(FetchError, match="response too large") as caught:
            fetcher.get(f"{site.base}/big")
        assert fetcher.stats.bytes_read <= 1024 * 1024 + 256 * 1024
    assert not caught.value.transient
    assert site.finished["big"].wait(30), "the server kept sending"
    assert site.sent["big"] < total // 4  # the client hung up long before the end


def test_robots_txt_is_honoured(site: Site, db: Store) -> None:
    rss_url, _ = publish(site)
    b = site.base
    site.routes["/rss.xml"] = static(
        rss(
            b,
            [
                ("/private/secret.html", "Secret", "Mon, 18 Mar 2024 09:00:00 +0000"),
                ("/articles/acme.html", "Acme buys Beta", "Mon, 18 Mar 2024 09:00:00 +0000"),
            ],
        ),
        "application/rss+xml",
    )
    site.routes["/private/secret.html"] = static(page("sigma"), "text/html")
    report = one_pass(db, [rss_url])
    assert (report.articles_new, report.articles_disallowed, report.errors) == (1, 1, [])
    assert report.warnings == [f"{b}/private/secret.html: disallowed by robots.txt"]
    assert "/private/secret.html" not in site.paths()
    assert len(site.requests("/robots.txt")) == 1
    # A robots.txt naming our agent applies to it (the token before the version).
    site.routes["/robots.txt"] = static(b"User-agent: partnergraph\nDisallow: /\n", "text/plain")
    site.clear()
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError, match=r"robots\.txt"):
        fetcher.get(f"{b}/articles/acme.html")
    assert site.paths() == ["/robots.txt"]


def test_an_unreachable_robots_txt_forbids_the_host_for_the_run(site: Site) -> None:
    site.routes["/robots.txt"] = status(500)
    site.routes["/a"] = static(page("acme"), "text/html")
    with Fetcher(FAST) as fetcher:
        for _ in range(2):
            with pytest.raises(FetchError, match=r"robots\.txt could not be fetched") as caught:
                fetcher.get(f"{site.base}/a")
            assert caught.value.transient
    assert "/a" not in site.paths()
    assert len(site.requests("/robots.txt")) == 3  # retried once per run, not per page


def test_requests_to_one_host_are_spaced(site: Site) -> None:
    site.routes["/robots.txt"] = status(404)
    site.routes["/a"] = static(page("acme"), "text/html")
    with Fetcher(FetchPolicy(host_interval=0.4)) as fetcher:
        for _ in range(3):
            fetcher.get(f"{site.base}/a")
    times = [r.at for r in site.log]
    assert len(times) == 4 and all(b - a >= 0.35 for a, b in itertools.pairwise(times))


@pytest.mark.parametrize(
    "url",
    ["ftp://127.0.0.1/feed.xml", "file:///etc/passwd", "javascript:alert(1)", "http:///x", "feed"],
)
def test_only_http_and_https_urls_are_fetched(url: str) -> None:
    with pytest.raises(UnsupportedURL, match="only http and https URLs are supported"):
        check_url(url)
    with Fetcher(FAST) as fetcher, pytest.raises(InvalidInput):
        fetcher.get(url)


def test_setting_stop_ends_the_work_between_requests(site: Site, db: Store) -> None:
    rss_url, _ = publish(site)
    with Fetcher(FetchPolicy(host_interval=30)) as fetcher:
        follower = Follower(db, fetcher)
        threading.Timer(0.5, fetcher.stop.set).start()
        started = time.monotonic()
        report = follower.run([rss_url], every=60, max_passes=3)
    assert report.interrupted and time.monotonic() - started < 10
    with Fetcher(FAST) as fetcher:
        fetcher.stop.set()
        with pytest.raises(Interrupted):
            fetcher.get(f"{site.base}/rss.xml")


def test_feed_entries_are_absolute_dated_and_fingerprinted() -> None:
    data = rss("", [("/a.html", "A", "Mon, 18 Mar 2024 23:30:00 -0500")])
    [entry] = feed_entries(data, "https://news.example/feeds/rss.xml")
    assert entry.link == "https://news.example/a.html"
    assert entry.published is not None and entry.published.isoformat() == "2024-03-18"
    redated = rss("", [("/a.html", "A", "Tue, 19 Mar 2024 10:00:00 -0500")])
    assert feed_entries(redated, "https://news.example/")[0].fingerprint != entry.fingerprint
    with pytest.raises(InvalidInput, match="DOCTYPE"):
        feed_entries(b'<!DOCTYPE x [<!ENTITY a "b">]><rss/>', "https://news.example/")


def test_interval_and_url_arguments() -> None:
    assert parse_interval("15m") == 900 and parse_interval("2h") == 7200
    assert parse_interval("45") == 45 and parse_interval("1d") == 86400
    for bad in ("0s", "soon", "5 minutes", "-1m"):
        with pytest.raises(InvalidInput):
            parse_interval(bad)
    assert looks_like_url("https://x.example/a") and not looks_like_url("seeds/a.txt")
    assert split_urls(["a.txt", "http://x/f", "ftp://y"]) == (["http://x/f", "ftp://y"], ["a.txt"])
    assert DEFAULT_USER_AGENT.startswith("partnergraph/")


# -- the fetch state, on every backend --------------------------------------------------------


def test_fetch_records_are_kept_by_every_backend(store: Store) -> None:
    if not isinstance(store, FetchStateStore):  # the reference store: a capability it lacks
        assert fetch_state_of(store)[1] is False
        return
    assert store.fetch_record("https://news.example/rss") is None
    when = datetime(2025, 7, 1, 12, 30, tzinfo=UTC)
    feed = FetchRecord("https://news.example/rss", "feed", '"e1"', "Tue, 01 Jul 2025", None)
    store.save_fetch_record(feed)
    page_record = FetchRecord(
        "https://news.example/a?x='1'&y=\"2\"",
        "page",
        etag='W/"p"',
        content_hash="h" * 64,
        document_id="doc-1",
        fingerprint="f" * 64,
        fetched_at=when,
    )
    store.save_fetch_record(page_record)
    assert store.fetch_record(feed.url) == feed
    assert store.fetch_record(page_record.url) == page_record
    newer = FetchRecord(feed.url, "feed", '"e2"', None, fetched_at=when)
    store.save_fetch_record(newer)
    assert store.fetch_record(feed.url) == newer
    assert list(store.find_facts(FactPattern())) == []  # not part of the graph


def test_a_store_without_the_capability_keeps_records_in_memory() -> None:
    state = MemoryFetchState()
    assert isinstance(state, FetchStateStore)
    with pytest.raises(InvalidInput):
        FetchRecord("https://x.example/", "image")
    assert fetch_state_of(object())[1] is False
