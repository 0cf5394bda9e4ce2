"""Keeping the graph current from news feeds: feeds → article pages → the ingest pipeline.

A pass (:meth:`Follower.run_pass`) takes each feed URL in turn:

1. the feed is fetched conditionally (its stored ``ETag``/``Last-Modified``); a ``304``
   ends its work for this pass;
2. each entry names an article URL; an entry seen before with the same
   *fingerprint* (a hash of its id, link, title and dates) is unchanged and not
   fetched again. A new or changed entry's page is fetched conditionally (the
   page's own validators, when a document was made from it);
3. the page's main text comes from trafilatura; the document keeps the page's
   final URL and the entry's title (else the page's), and the entry's date as its
   publication date (else the page's own);
4. a page whose text hashes to what was ingested from that URL before is
   unchanged; otherwise the text is a new document (its id is its content hash), so
   an edited article is ingested again as a new document version only when its
   *text* changed. The earlier version and its evidence stay;
5. the new documents of one feed go through :func:`loaders.pipeline.ingest_documents`
   (the stages and caps ``partnergraph ingest`` uses, one transaction per document;
   a document already stored is skipped), then their fetch records are saved.

Fetch records (:mod:`graph.fetchstate`) live in the store, so a restarted follower
resumes. A feed's validators are saved only when every entry was dealt with: an
article that failed for a reason a later pass may not meet (a timeout, a 503, an
unreachable robots.txt) makes the next pass fetch the whole feed again and retry it,
while articles already ingested are not fetched again. Permanent failures (a 404, a
page too large, no text, robots.txt disallowing it) are recorded with the entry's
fingerprint and retried only when the entry changes.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from urllib.parse import urljoin

import feedparser

from graph.errors import InvalidInput
from graph.fetchstate import FetchRecord, fetch_state_of
from graph.model import Document
from graph.store import Store
from loaders.fetch import DisallowedByRobots, Fetched, Fetcher, FetchError, Interrupted, check_url
from loaders.limits import MAX_DOCUMENT_CHARS
from loaders.readers.feed import check_feed_xml, entry_day
from loaders.readers.html import decode_html, html_document
from loaders.readers.text import text_document

ProgressCallback = Callable[[str], None]

_FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"}
)
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """What a feed says about one article."""

    link: str
    title: str | None = None
    published: date | None = None
    #: Changes when the entry changes; None: always fetch (a URL given directly).
    fingerprint: str | None = None


@dataclass
class PassReport:
    """What one pass did, for its summary line."""

    feeds_fetched: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    articles_new: int = 0
    articles_changed: int = 0
    articles_unchanged: int = 0
    articles_failed: int = 0
    articles_disallowed: int = 0
    documents_stored: int = 0
    documents_already_stored: int = 0
    facts_added: int = 0
    facts_merged: int = 0
    entities_added: int = 0
    errors: list[str] = field(default_factory=list)
    #: Things skipped on purpose (articles robots.txt disallows).
    warnings: list[str] = field(default_factory=list)
    interrupted: bool = False

    @property
    def feeds(self) -> int:
        return self.feeds_fetched + self.feeds_not_modified + self.feeds_failed

    @property
    def every_feed_failed(self) -> bool:
        return self.feeds > 0 and self.feeds_failed == self.feeds

    def summary(self) -> str:
        return (
            f"feeds: {self.feeds_fetched} fetched, {self.feeds_not_modified} not modified, "
            f"{self.feeds_failed} failed; articles: {self.articles_new} new, "
            f"{self.articles_changed} changed, {self.articles_unchanged} unchanged, "
            f"{self.articles_failed} failed, {self.articles_disallowed} disallowed by robots.txt; "
            f"facts: {self.facts_added} new, {self.facts_merged} merged; "
            f"{self.entities_added} new entities" + ("; interrupted" if self.interrupted else "")
        )


# -- feeds ---------------------------------------------------------------------------------


def is_feed(answer: Fetched) -> bool:
    """Whether a fetched body is an RSS/Atom feed (by media type, else by its first bytes)."""
    if answer.media_type in _FEED_TYPES:
        return True
    head = answer.body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and any(marker in head for marker in _FEED_MARKERS)


def feed_entries(data: bytes, base_url: str) -> list[FeedEntry]:
    """The entries of an RSS/Atom feed that link an article, links made absolute.

    Raises :class:`loaders.readers.base.Unreadable` for anything but a safe,
    well-formed feed (the check ``partnergraph ingest`` makes on feed files).
    """
    check_feed_xml(data)
    parsed = feedparser.parse(
        io.BytesIO(data),
        sanitize_html=True,
        resolve_relative_uris=True,
        response_headers={"content-location": base_url},
    )
    entries: list[FeedEntry] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        link = urljoin(base_url, str(link).strip())
        title = " ".join(str(entry.get("title") or "").split()) or None
        # dict.get: feedparser's own get maps a missing "updated" to "published", warning.
        dates = [dict.get(entry, "published"), dict.get(entry, "updated")]
        keys = [entry.get("id"), link, title, *dates]
        fingerprint = hashlib.sha256(json.dumps(keys, default=str).encode()).hexdigest()
        entries.append(FeedEntry(link, title, entry_day(entry), fingerprint))
    return list({e.link: e for e in entries}.values())  # an article once per feed


# -- pages ---------------------------------------------------------------------------------


def _decoded(answer: Fetched, html: bool) -> str:
    try:
        return decode_html(answer.body) if html else answer.body.decode("utf-8-sig")
    except (InvalidInput, UnicodeDecodeError):
        if not answer.charset:
            raise InvalidInput("not valid UTF-8 and no charset declared") from None
    try:
        return answer.body.decode(answer.charset)
    except (LookupError, UnicodeDecodeError):
        raise InvalidInput(f"not valid {answer.charset} as declared") from None


def page_document(answer: Fetched, entry: FeedEntry) -> Document:
    """The document an article page gives: trafilatura's main text for HTML, plain text
    as is; the entry's title and date win over the page's. Raises ``InvalidInput``."""
    media = answer.media_type
    if media in _HTML_TYPES or (not media and answer.body.lstrip()[:1] == b"<"):
        doc = html_document(_decoded(answer, html=True))
    elif media == "text/plain":
        doc = text_document(_decoded(answer, html=False))
    else:
        raise InvalidInput(f"unsupported content type {media or 'unknown'!r} for an article")
    return replace(
        doc,
        url=answer.url,
        title=entry.title or doc.title,
        published=entry.published or doc.published,
    )


# -- the follower --------------------------------------------------------------------------


@dataclass
class _Pending:
    entry: FeedEntry
    answer: Fetched
    document: Document
    changed: bool


class Follower:
    """Feeds into ``store`` through ``fetcher`` (see the module docstring)."""

    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        *,
        max_chars: int = MAX_DOCUMENT_CHARS,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.max_chars = max_chars
        self.on_progress = on_progress
        self.state, self.persistent = fetch_state_of(store)

    @property
    def stop(self) -> threading.Event:
        return self.fetcher.stop

    def run_pass(self, feed_urls: Sequence[str]) -> PassReport:
        """Fetch every feed once and ingest its new articles."""
        report = PassReport()
        for url in feed_urls:
            try:
                self._feed(url, report)
            except Interrupted:
                report.interrupted = True
                break
        return report

    def run(
        self,
        feed_urls: Sequence[str],
        every: float,
        *,
        on_pass: Callable[[PassReport], None] | None = None,
        max_passes: int | None = None,
    ) -> PassReport:
        """Passes every ``every`` seconds until :attr:`stop` is set (or ``max_passes``)."""
        passes = 0
        while True:
            report = self.run_pass(feed_urls)
            passes += 1
            if on_pass:
                on_pass(report)
            if report.interrupted or (max_passes is not None and passes >= max_passes):
                return report
            if self.stop.wait(every):
                return report

    def ingest_url(self, url: str, published: date | None = None) -> PassReport:
        """One URL given directly: a feed (its articles are followed) or an article page."""
        report = PassReport()
        try:
            record = self.state.fetch_record(url)
            try:
                answer = self._get(url, record)
            except FetchError as exc:
                report.articles_failed += 1
                report.errors.append(str(exc))
                return report
            if answer.not_modified:
                if record is not None and record.kind == "feed":
                    report.feeds_not_modified += 1
                else:
                    report.articles_unchanged += 1
                self._save(_touched(record, url, record.kind if record else "page"))
            elif is_feed(answer):
                self._feed(url, report, answer)
            else:
                entry = FeedEntry(url, None, published, None)
                self._articles([entry], report, first=answer)
        except Interrupted:
            report.interrupted = True
        return report

    # -- one feed ------------------------------------------------------------------------

    def _feed(self, url: str, report: PassReport, answer: Fetched | None = None) -> None:
        record = self.state.fetch_record(url)
        if answer is None:
            try:
                answer = self._get(url, record)
            except FetchError as exc:
                report.feeds_failed += 1
                report.errors.append(str(exc))
                return
        if answer.not_modified:
            report.feeds_not_modified += 1
            self._save(_touched(record, url, "feed"))
            return
        try:
            entries = feed_entries(answer.body, answer.url)
        except InvalidInput as exc:
            report.feeds_failed += 1
            report.errors.append(f"{url}: not a usable feed: {exc.message}")
            return
        except Exception as exc:  # as above, for feedparser
            report.feeds_failed += 1
            report.errors.append(f"{url}: feed reader failed: {type(exc).__name__}: {exc}")
            return
        report.feeds_fetched += 1
        complete = self._articles(entries, report)
        self._save(
            FetchRecord(
                url,
                "feed",
                etag=answer.etag if complete else None,
                last_modified=answer.last_modified if complete else None,
                fetched_at=_now(),
            )
        )

    def _articles(
        self, entries: Iterable[FeedEntry], report: PassReport, first: Fetched | None = None
    ) -> bool:
        """Fetch the pages of new or changed entries and ingest them; False when a
        transient failure means the feed must be read again next pass."""
        complete = True
        pending: list[_Pending] = []
        try:
            for entry in entries:
                record = self.state.fetch_record(entry.link)
                fingerprint = entry.fingerprint
                if fingerprint is not None and record and record.fingerprint == fingerprint:
                    report.articles_unchanged += 1
                    continue
                outcome = self._article(entry, record, report, first)
                first = None
                if outcome is False:
                    complete = False
                elif isinstance(outcome, _Pending):
                    pending.append(outcome)
        finally:  # an interrupted pass still stores what it fetched
            self._ingest(pending, report)
        return complete

    def _article(
        self,
        entry: FeedEntry,
        record: FetchRecord | None,
        report: PassReport,
        answer: Fetched | None,
    ) -> _Pending | bool:
        """One page: a document to ingest, True when dealt with, False on a transient failure."""
        try:
            if answer is None:
                answer = self._get(entry.link, record if record and record.document_id else None)
        except DisallowedByRobots as exc:
            report.articles_disallowed += 1
            report.warnings.append(str(exc))
            self._save(_failed_record(entry))
            return True
        except FetchError as exc:
            report.articles_failed += 1
            report.errors.append(str(exc))
            if exc.transient:
                return False
            self._save(_failed_record(entry))
            return True
        if answer.not_modified:
            report.articles_unchanged += 1
            self._save(_page_record(entry, answer, record))
            return True
        try:
            document = page_document(answer, entry)
        except InvalidInput as exc:
            return self._unusable(entry, exc.message, report)
        except Exception as exc:  # a parser crashing on one odd page must not end the pass
            return self._unusable(entry, f"reader failed: {type(exc).__name__}: {exc}", report)
        if record is not None and record.content_hash == document.content_hash:
            report.articles_unchanged += 1
            self._save(_page_record(entry, answer, record))
            return True
        changed = record is not None and record.document_id is not None
        return _Pending(entry, answer, document, changed)

    def _unusable(self, entry: FeedEntry, reason: str, report: PassReport) -> bool:
        report.articles_failed += 1
        report.errors.append(f"{entry.link}: {reason}")
        self._save(_failed_record(entry))
        return True

    def _ingest(self, pending: list[_Pending], report: PassReport) -> None:
        if not pending:
            return
        from loaders.pipeline import ingest_documents

        labels = [p.entry.link for p in pending]
        result = ingest_documents(
            self.store,
            [(p.document, label) for p, label in zip(pending, labels, strict=True)],
            max_chars=self.max_chars,
        )
        report.documents_stored += result.documents
        report.documents_already_stored += result.documents_skipped
        report.facts_added += result.facts_added
        report.facts_merged += result.facts_merged
        report.entities_added += result.entities_added
        for item, label in zip(pending, labels, strict=True):
            problems = [e for e in result.errors if e.startswith(label + ": ")]
            if problems:
                report.articles_failed += 1
                report.errors.extend(problems)
                self._save(_failed_record(item.entry))
                continue
            if item.changed:
                report.articles_changed += 1
            else:
                report.articles_new += 1
            self._save(_page_record(item.entry, item.answer, None, item.document))

    # -- plumbing ------------------------------------------------------------------------

    def _get(self, url: str, record: FetchRecord | None) -> Fetched:
        if self.on_progress:
            self.on_progress(url)
        if record is None:
            return self.fetcher.get(url)
        return self.fetcher.get(url, etag=record.etag, last_modified=record.last_modified)

    def _save(self, record: FetchRecord) -> None:
        self.state.save_fetch_record(record)


def _now() -> datetime:
    return datetime.now(UTC)


def _touched(record: FetchRecord | None, url: str, kind: str) -> FetchRecord:
    if record is None:
        return FetchRecord(url, kind, fetched_at=_now())
    return replace(record, fetched_at=_now())


def _failed_record(entry: FeedEntry) -> FetchRecord:
    """A page that cannot become a document: remembered by its entry, retried when it changes."""
    return FetchRecord(entry.link, "page", fingerprint=entry.fingerprint, fetched_at=_now())


def _page_record(
    entry: FeedEntry,
    answer: Fetched,
    previous: FetchRecord | None,
    document: Document | None = None,
) -> FetchRecord:
    """The record after a page answered: its validators (kept from ``previous`` on a 304
    that sent none), and the document it became (``document``, else ``previous``'s)."""
    kept = previous or FetchRecord(entry.link, "page")
    return FetchRecord(
        entry.link,
        "page",
        etag=answer.etag or kept.etag,
        last_modified=answer.last_modified or kept.last_modified,
        content_hash=document.content_hash if document else kept.content_hash,
        document_id=document.id if document else kept.document_id,
        fingerprint=entry.fingerprint,
        fetched_at=_now(),
    )


def validate_urls(urls: Iterable[str]) -> list[str]:
    """Every URL checked (http/https with a host) before any is fetched; duplicates dropped."""
    return list(dict.fromkeys(check_url(url) for url in urls))
