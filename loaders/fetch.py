"""Polite, bounded HTTP GETs for the feed follower (:mod:`loaders.follow`).

One :class:`Fetcher` per run (per ``follow`` process) holds an ``httpx.Client``
and what it learns about hosts: their ``robots.txt`` (fetched once per run and
host, read with ``urllib.robotparser``) and when each was last asked something.
Every request:

- is ``http`` or ``https`` only (:class:`UnsupportedURL` otherwise, before any I/O);
- carries a clear ``User-Agent`` (``partnergraph/<version> (+project URL)``, configurable)
  and, when given, the validators of the last answer (``If-None-Match`` /
  ``If-Modified-Since``), so an unchanged resource costs a ``304``;
- is allowed by the host's ``robots.txt`` (RFC 9309: a ``4xx`` robots.txt allows
  everything; one that cannot be fetched (``5xx``, network error) forbids the host
  for the run);
- waits its turn: at most one request per ``host_interval`` seconds per host (or the
  robots.txt ``Crawl-delay``, if longer, up to ``max_crawl_delay``);
- has connect and read timeouts and an overall deadline per response;
- reads at most ``max_bytes``: a ``Content-Length`` above it is refused unread, a body
  that grows past it is abandoned at the cap (the connection is closed, the server
  sends no more);
- follows at most ``max_redirects`` redirects, each hop checked (scheme, robots,
  rate), and refuses a loop;
- is retried on ``429`` and ``5xx`` with exponential back-off (``backoff`` × 2ⁿ),
  honouring ``Retry-After`` (seconds or a date) up to ``max_retry_after`` seconds,
  at most ``retries`` times. Timeouts and connection errors are not retried within
  a pass: the next pass tries again.

A failure is a :class:`FetchError` naming the URL and the reason, marked
``transient`` when a later pass may succeed. Setting the ``stop`` event ends
the work between requests (waits are interruptible): :class:`Interrupted`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from graph.errors import InvalidInput

#: Where the project lives, for the User-Agent's contact part.
PROJECT_URL = "https://partnergraph.dev"
#: The environment variable that sets the User-Agent (the CLI's ``--user-agent``).
USER_AGENT_ENV = "PARTNERGRAPH_USER_AGENT"
#: Largest response read, unless configured otherwise (5 MiB).
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: Largest robots.txt read (RFC 9309 asks crawlers to parse at least 500 KiB).
ROBOTS_MAX_BYTES = 512 * 1024
#: Statuses worth asking again after a pause.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_SCHEMES = frozenset({"http", "https"})


def _package_version() -> str:
    try:
        return version("partnergraph")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0"


DEFAULT_USER_AGENT = f"partnergraph/{_package_version()} (+{PROJECT_URL})"


class UnsupportedURL(InvalidInput):
    """A URL the follower will not fetch: not ``http``/``https``, or no host."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"cannot fetch {url!r}: {reason}; only http and https URLs are supported")
        self.url = url


class FetchError(Exception):
    """A request that did not give a usable answer; ``transient``: a later pass may succeed."""

    def __init__(
        self, url: str, reason: str, *, transient: bool = False, status: int | None = None
    ) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient
        self.status = status


class DisallowedByRobots(FetchError):
    """The host's robots.txt does not allow this URL for our user agent."""

    def __init__(self, url: str) -> None:
        super().__init__(url, "disallowed by robots.txt")


class Interrupted(Exception):
    """The ``stop`` event was set: the run ends between requests."""


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL with a host; :class:`UnsupportedURL` otherwise.

    >>> check_url("ftp://example.org/feed.xml")
    Traceback (most recent call last):
    ...
    loaders.fetch.UnsupportedURL: cannot fetch 'ftp://example.org/feed.xml': scheme 'ftp'; \
only http and https URLs are supported
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SCHEMES:
        raise UnsupportedURL(url, f"scheme {parts.scheme!r}" if parts.scheme else "no scheme")
    if not parts.hostname:
        raise UnsupportedURL(url, "no host")
    return url


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How politely and how far a :class:`Fetcher` goes; every number is configurable."""

    user_agent: str = DEFAULT_USER_AGENT
    #: Seconds between two requests to the same host (host:port).
    host_interval: float = 1.0
    connect_timeout: float = 10.0
    #: Longest silence while waiting for headers or the next bytes.
    read_timeout: float = 30.0
    #: Longest one response may take, headers to last byte.
    total_timeout: float = 120.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    #: Further attempts after a 429 or 5xx.
    retries: int = 3
    #: The first pause before a retry, doubled each time (when no Retry-After is given).
    backoff: float = 1.0
    #: The longest Retry-After honoured; a server asking for more is an error for this pass.
    max_retry_after: float = 120.0
    max_crawl_delay: float = 60.0
    obey_robots: bool = True

    def __post_init__(self) -> None:
        if not self.user_agent.strip():
            raise InvalidInput("the user agent must not be empty")
        for name in ("host_interval", "backoff", "max_retry_after", "max_crawl_delay"):
            if getattr(self, name) < 0:
                raise InvalidInput(f"{name} must not be negative")
        for name in ("connect_timeout", "read_timeout", "total_timeout"):
            if getattr(self, name) <= 0:
                raise InvalidInput(f"{name} must be positive")
        if self.max_bytes < 1 or self.max_redirects < 0 or self.retries < 0:
            raise InvalidInput("max_bytes must be positive; max_redirects and retries not negative")


@dataclass(frozen=True, slots=True)
class Fetched:
    """An answer: ``200`` with its body, or ``304`` (not modified, empty body)."""

    url: str
    status: int
    body: bytes = b""
    media_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Host:
    robots: RobotFileParser | None = None
    robots_problem: str | None = None
    interval: float = 0.0
    last_request: float | None = None


@dataclass
class FetchStats:
    """Requests sent in this run (for the summary and for tests)."""

    requests: int = 0
    bytes_read: int = 0
    by_host: dict[str, int] = field(default_factory=dict)


class Fetcher:
    """Polite GETs (see the module docstring); use as a context manager or call :meth:`close`."""

    def __init__(
        self, policy: FetchPolicy | None = None, *, stop: threading.Event | None = None
    ) -> None:
        self.policy = policy or FetchPolicy()
        self.stop = stop or threading.Event()
        self.stats = FetchStats()
        self._hosts: dict[str, _Host] = {}
        p = self.policy
        self._client = httpx.Client(
            timeout=httpx.Timeout(
                connect=p.connect_timeout,
                read=p.read_timeout,
                write=p.read_timeout,
                pool=p.connect_timeout,
            ),
            follow_redirects=False,
            headers={"User-Agent": p.user_agent},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- the one public operation ---------------------------------------------------------

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET ``url`` (following redirects) conditionally on the given validators.

        Raises :class:`UnsupportedURL`, :class:`FetchError` or :class:`Interrupted`.
        """
        check_url(url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._follow(url, headers, self.policy.max_bytes, robots=self.policy.obey_robots)

    # -- redirects, robots, retries -------------------------------------------------------

    def _follow(self, url: str, headers: dict[str, str], cap: int, *, robots: bool) -> Fetched:
        seen = [url]
        current = url
        while True:
            if robots:
                self._check_robots(current)
            response = self._with_retries(current, headers, cap)
            if response.status not in _REDIRECTS:
                return response
            location = response.url  # _once puts the Location there for redirects
            target = urljoin(current, location).split("#", 1)[0]
            try:
                check_url(target)
            except UnsupportedURL:
                raise FetchError(url, f"redirected to a non-http(s) URL {target!r}") from None
            if target in seen:
                chain = " → ".join([*seen, target])
                raise FetchError(url, f"redirect loop refused: {chain}")
            if len(seen) > self.policy.max_redirects:
                raise FetchError(url, f"more than {self.policy.max_redirects} redirects")
            seen.append(target)
            current = target

    def _with_retries(self, url: str, headers: dict[str, str], cap: int) -> Fetched:
        p = self.policy
        for attempt in range(p.retries + 1):
            response, retry_after = self._once(url, headers, cap)
            if response.status not in RETRY_STATUSES:
                return response
            phrase = _phrase(response.status)
            if attempt == p.retries:
                raise FetchError(
                    url,
                    f"HTTP {response.status} {phrase}, given up after {attempt + 1} attempts",
                    transient=True,
                    status=response.status,
                )
            delay = retry_after if retry_after is not None else p.backoff * 2**attempt
            if delay > p.max_retry_after:
                raise FetchError(
                    url,
                    f"HTTP {response.status} {phrase} asking to retry after {delay:.0f} s, "
                    f"more than the {p.max_retry_after:.0f} s allowed",
                    transient=True,
                    status=response.status,
                )
            self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, url: str, headers: dict[str, str], cap: int) -> tuple[Fetched, float | None]:
        """One request; answers the response (redirects carry Location as ``url``) and
        Retry-After in seconds. Other statuses than 2xx/304/redirects/retryable raise."""
        self._wait_turn(url)
        p = self.policy
        deadline = time.monotonic() + p.total_timeout
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                status = r.status_code
                if status in _REDIRECTS:
                    location = r.headers.get("location")
                    if not location:
                        raise FetchError(url, f"HTTP {status} redirect without a Location")
                    return Fetched(location, status), None
                if status in RETRY_STATUSES:
                    return Fetched(url, status), _retry_after(r.headers.get("retry-after"))
                if status == 304:
                    return self._answer(url, r, b""), None
                if status != 200:
                    raise FetchError(
                        url, f"HTTP {status} {_phrase(status)}", status=status, transient=False
                    )
                return self._answer(url, r, self._read_capped(url, r, cap, deadline)), None
        except httpx.TimeoutException as exc:
            kind = "connecting" if isinstance(exc, httpx.ConnectTimeout) else "waiting for data"
            raise FetchError(
                url, f"timed out {kind} ({type(exc).__name__})", transient=True
            ) from None
        except httpx.TransportError as exc:
            raise FetchError(
                url, f"request failed: {type(exc).__name__}: {exc}", transient=True
            ) from None

    def _read_capped(self, url: str, r: httpx.Response, cap: int, deadline: float) -> bytes:
        declared = r.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise FetchError(url, f"response too large: {declared} bytes declared (limit {cap})")
        chunks: list[bytes] = []
        size = 0
        for chunk in r.iter_bytes():
            size += len(chunk)
            self.stats.bytes_read += len(chunk)
            if size > cap:
                raise FetchError(url, f"response too large: more than {cap} bytes (limit {cap})")
            if time.monotonic() > deadline:
                raise FetchError(
                    url,
                    f"response took longer than {self.policy.total_timeout:g} s",
                    transient=True,
                )
            chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    def _answer(url: str, r: httpx.Response, body: bytes) -> Fetched:
        media, _, params = r.headers.get("content-type", "").partition(";")
        charset = None
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                charset = value.strip().strip("\"'")
        return Fetched(
            url=url,
            status=r.status_code,
            body=body,
            media_type=media.strip().lower(),
            charset=charset,
            etag=r.headers.get("etag"),
            last_modified=r.headers.get("last-modified"),
        )

    # -- politeness -----------------------------------------------------------------------

    def _host(self, url: str) -> tuple[str, _Host]:
        parts = urlsplit(url)
        key = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        return key, self._hosts.setdefault(key, _Host(interval=self.policy.host_interval))

    def _wait_turn(self, url: str) -> None:
        if self.stop.is_set():
            raise Interrupted
        key, host = self._host(url)
        if host.last_request is not None:
            wait = host.last_request + host.interval - time.monotonic()
            if wait > 0:
                self._sleep(wait)
        host.last_request = time.monotonic()
        self.stats.requests += 1
        self.stats.by_host[key] = self.stats.by_host.get(key, 0) + 1

    def _sleep(self, seconds: float) -> None:
        if self.stop.wait(seconds):
            raise Interrupted

    def _check_robots(self, url: str) -> None:
        origin, host = self._host(url)
        if host.robots is None and host.robots_problem is None:
            self._load_robots(origin, host)
        if host.robots_problem is not None:
            raise FetchError(url, host.robots_problem, transient=True)
        assert host.robots is not None
        if not host.robots.can_fetch(self.policy.user_agent, url):
            raise DisallowedByRobots(url)

    def _load_robots(self, origin: str, host: _Host) -> None:
        parser = RobotFileParser(origin + "/robots.txt")
        try:
            answer = self._follow(origin + "/robots.txt", {}, ROBOTS_MAX_BYTES, robots=False)
            parser.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                parser.parse([])  # no robots.txt: everything is allowed
            else:
                host.robots_problem = f"robots.txt could not be fetched ({exc.reason})"
                return
        delay = parser.crawl_delay(self.policy.user_agent)
        if delay is not None:
            host.interval = max(host.interval, min(float(delay), self.policy.max_crawl_delay))
        host.robots = parser


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds from now: delta-seconds or an HTTP date; None if absent or odd."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
