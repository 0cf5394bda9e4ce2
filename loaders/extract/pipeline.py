"""The extraction seam: ``Extractor.extract(document) -> list[ExtractedFact]``.

Stages, each a small function with a typed hand-off:

    windows (paragraph/sentence cuts)   → (offset, text) pieces of at most WINDOW_CHARS
    annotate (spaCy + gazetteer ruler)  → Doc, one per window
    entities (+ confusion fixes)        → list[Mention]
    names (in-document resolution)      → list[Mention]
    candidates (frames over the parse)  → list[Candidate]
    qualifiers, status, time            → Candidate fields
    facts (checks, merge, evidence)     → list[ExtractedFact], over all windows

A document is parsed window by window, so memory is bounded by the window,
not the document; statements of one triple merge across windows, and
evidence offsets point into the whole document. Name resolution and
pronouns reach back within a window only (a window is about 20,000
characters: every news article of the evaluation sets fits in one).

>>> from graph.model import Document
>>> ex = Extractor()
>>> [f.relation.value for f in ex.extract(Document("Acme Corp acquired Widget Inc.", doc_id="x"))]
['acquires']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple, TypeVar

from spacy.tokens import Doc

from graph.errors import InvalidInput
from graph.model import SYMMETRIC, Document, Entity, PartialDate, Relation
from loaders.extract import annotate, candidates, entities, facts, names, qualifiers, status
from loaders.extract.learned import features
from loaders.extract.learned import model as learned_model
from loaders.extract.slots import Context
from loaders.extract.types import Candidate, ExtractedFact
from loaders.extract.windows import WINDOW_CHARS, batches, windows
from loaders.limits import MAX_DOCUMENT_CHARS, DocumentTooLong, check_length

NAME = "partnergraph-rules"
VERSION = "0.1.0"

T = TypeVar("T")


class Extraction(NamedTuple):
    """One document's outcome in a batch: its facts, or why it has none."""

    document: Document
    facts: list[ExtractedFact]
    error: str | None = None


@dataclass
class _Work:
    """A document in flight: its windows still to parse and what they stated."""

    document: Document
    windows_left: int
    sentences: list[tuple[int, int]] = field(default_factory=list)
    statements: list[Candidate] = field(default_factory=list)
    error: str | None = None


class _Window(NamedTuple):
    work: _Work
    offset: int
    text: str


class Extractor:
    """Rule-based relation extraction over spaCy; the gazetteer plus ``known_entities``
    are recognized ahead of the statistical NER.

    ``max_chars`` caps one document's text (:class:`loaders.limits.DocumentTooLong`
    beyond it); ``window_chars`` is the most text spaCy parses at once.
    """

    name = f"{NAME}/{VERSION}"

    def __init__(
        self,
        known_entities: Iterable[Entity] = (),
        model: str | None = None,
        *,
        max_chars: int = MAX_DOCUMENT_CHARS,
        window_chars: int = WINDOW_CHARS,
        learned: bool = True,
    ) -> None:
        errors = candidates.frame_errors()
        if errors:  # a bad frame fails here, not when a sentence first fires it
            raise InvalidInput("relations.json: " + "; ".join(errors))
        #: The learned stage (``loaders/extract/data/learned.npz``), or None: rules only.
        self.model = learned_model.load() if learned else None
        #: Tuning only: every learned proposal, whatever its gate and threshold.
        self.tuning = False
        if self.model is not None:
            self.name = f"{NAME}/{VERSION}+{self.model.name}"
        self.nlp = annotate.load_pipeline(model, tuple(known_entities))
        self.max_chars = max_chars
        # Never more than spaCy accepts in one text, whatever was asked for.
        self.window_chars = max(1, min(window_chars, self.nlp.max_length))
        #: The most characters one ``nlp.pipe`` batch holds (a window's worth).
        self.batch_chars = self.window_chars

    def extract(self, document: Document) -> list[ExtractedFact]:
        """Facts stated in one document, each with its evidence sentence.

        Raises :class:`loaders.limits.DocumentTooLong` over ``max_chars``; any
        other error propagates (a bug to fix, not input to skip).
        """
        check_length(document, self.max_chars)
        work = _Work(document, windows_left=0)
        for offset, piece in windows(document.text, self.window_chars):
            self._add_window(work, offset, self.nlp(piece))
        return self._finish(work)

    def extract_many(
        self, documents: Iterable[Document], batch_size: int = 64
    ) -> Iterator[Extraction]:
        """Like :meth:`extract` for many documents, in input order, parsed in batches.

        One document failing (too long, or an error in a stage) is an
        :class:`Extraction` with ``error`` set; the others go on.
        """
        for result, _ in self.extract_tagged(((d, None) for d in documents), batch_size):
            yield result

    def extract_tagged(
        self, items: Iterable[tuple[Document, T]], batch_size: int = 64
    ) -> Iterator[tuple[Extraction, T]]:
        """:meth:`extract_many` over ``(document, tag)`` pairs, each result with its tag.

        Windows of consecutive documents go to ``nlp.pipe`` together, at most
        ``batch_size`` windows and ``batch_chars`` characters per batch, so the
        memory a batch needs does not grow with a document's length.
        """
        pending: list[tuple[_Work, T]] = []
        for group in batches(
            self._windows(items, pending),
            lambda w: len(w.text),
            max_items=batch_size,
            max_chars=self.batch_chars,
        ):
            self._parse(group)
            while pending and pending[0][0].windows_left == 0:
                work, tag = pending.pop(0)
                yield self._outcome(work), tag
        for work, tag in pending:  # documents with no window left to parse (too long)
            yield self._outcome(work), tag

    def _windows(
        self, items: Iterable[tuple[Document, T]], pending: list[tuple[_Work, T]]
    ) -> Iterator[_Window]:
        for document, tag in items:
            work = _Work(document, windows_left=0)
            pending.append((work, tag))
            try:
                check_length(document, self.max_chars)
            except DocumentTooLong as exc:
                work.error = exc.message
                continue
            pieces = list(windows(document.text, self.window_chars))
            work.windows_left = len(pieces)
            for offset, piece in pieces:
                yield _Window(work, offset, piece)

    def _parse(self, group: list[_Window]) -> None:
        docs: list[Doc | None]
        try:
            docs = list(self.nlp.pipe([w.text for w in group], batch_size=len(group)))
        except Exception:
            # One text spaCy cannot parse must not fail its batch-mates: parse one by one.
            docs = [self._parse_one(w) for w in group]
        for window, doc in zip(group, docs, strict=True):
            work = window.work
            work.windows_left -= 1
            if work.error is not None or doc is None:
                continue
            try:
                self._add_window(work, window.offset, doc)
            except Exception as exc:  # a stage failing on one document: report it, go on
                work.error = _failure(exc)

    def _parse_one(self, window: _Window) -> Doc | None:
        try:
            return self.nlp(window.text)
        except Exception as exc:
            window.work.error = _failure(exc)
            return None

    def _outcome(self, work: _Work) -> Extraction:
        if work.error is not None:
            return Extraction(work.document, [], work.error)
        try:
            return Extraction(work.document, self._finish(work))
        except Exception as exc:
            return Extraction(work.document, [], _failure(exc))

    def _add_window(self, work: _Work, offset: int, doc: Doc) -> None:
        """Run the stages over one window's parse; keep its statements and sentences."""
        base = len(work.sentences)
        for cand in self._statements(work.document, doc):
            cand.sent_index += base
            work.statements.append(cand)
        work.sentences.extend((offset + s.start_char, offset + s.end_char) for s in doc.sents)

    def _statements(self, document: Document, doc: Doc) -> list[Candidate]:
        mentions = names.canonicalize(entities.find_mentions(doc))
        ctx = Context(doc, mentions)
        found = candidates.find_candidates(ctx)
        if self.model is not None:
            register = learned_model.register_of(document.published)
            if self.tuning or self.model.open_in(register):
                found += learned_candidates(self.model, ctx, found, self.tuning, register)
        kept = []
        for cand in found:
            if not facts.well_formed(cand) or status.negated(ctx, cand):
                continue
            qualifiers.add_qualifiers(ctx, cand)
            status.add_status(ctx, cand)
            kept.append(cand)
        kept = facts.stake_or_control(ctx, facts.owned_share(ctx, kept))
        kept = facts.gapped_shares(ctx, kept)
        kept = facts.own_merger(ctx, facts.becomes_unit(ctx, facts.bought_unit(ctx, kept)))
        kept = facts.paid_target(ctx, kept)
        kept = facts.maker_uses(kept)
        kept = facts.succession(ctx, kept)
        facts.deal_endings(ctx, kept)
        kept = facts.earlier_offers(ctx, kept)
        published = _calendar_day(document.published)
        for cand in kept:
            if cand.valid_from is None and cand.valid_to is None and not cand.timeless:
                status.add_time(ctx, cand, published)
            if cand.ending and "status" not in cand.qualifiers:
                cand.qualifiers["status"] = "ended"
            status.mark_reported(cand)
        facts.gapped_dates(ctx, kept, published)
        status.owned_since_bought(ctx, kept)
        return [c for c in kept if facts.well_formed(c)]

    def _finish(self, work: _Work) -> list[ExtractedFact]:
        learned = self.model.name if self.model is not None else None
        return facts.to_facts(
            work.document, work.sentences, work.statements, f"{NAME}/{VERSION}", learned
        )


def learned_candidates(
    model: learned_model.LearnedModel,
    ctx: Context,
    rules: list[Candidate],
    every: bool = False,
    register: learned_model.Register = "news",
) -> list[Candidate]:
    """The learned stage's proposals the rules did not make, under the gates of the
    document's ``register`` (``learned_model.register_of``).

    Policy: the rules keep their facts, directions and precision; a proposal is
    dropped when the rules state anything about the same two names in the same
    sentence, or the same triple anywhere in the window.
    """
    doc = ctx.doc
    sent_of = {s.start: i for i, s in enumerate(doc.sents)}
    rule_pairs = {(c.sent_index, frozenset((c.subject.name, c.object.name))) for c in rules}
    rule_triples = {_triple(c) for c in rules}
    out = []
    for cand in model.propose(doc, features.with_anaphors(ctx), sent_of, every, register):
        pair = (cand.sent_index, frozenset((cand.subject.name, cand.object.name)))
        if pair in rule_pairs or _triple(cand) in rule_triples:
            continue
        out.append(cand)
    return out


def _triple(c: Candidate) -> tuple[str, Relation, str]:
    s, o = c.subject.name, c.object.name
    if c.relation in SYMMETRIC and o < s:
        s, o = o, s
    return (s, c.relation, o)


def _calendar_day(day: date | None) -> date | None:
    """The publication day, when a ``PartialDate`` can hold it (years 1 to 9998)."""
    if day is None:
        return None
    try:
        PartialDate.parse(day)
    except InvalidInput:
        return None
    return day


def _failure(exc: Exception) -> str:
    return f"extraction failed: {type(exc).__name__}: {exc}"
