"""The fact model: plain frozen data, no I/O.

The vocabulary is fixed by ``shared/ontology.md``: three entity types, ten
relations (two of them symmetric), qualifiers, three clocks per fact (valid
time, stated time, transaction time) and evidence on every fact.

Validity is a half-open interval at the precision the text supports:

>>> d = PartialDate.parse("2025-08")
>>> d.precision, d.first_day(), d.end_day()
(<Precision.MONTH: 'month'>, datetime.date(2025, 8, 1), datetime.date(2025, 9, 1))

A fact holds at day T when ``valid_from <= T < valid_to``, each bound compared
at its own precision (the ontology's rule): ``lower`` is the first day of
``valid_from``'s period and ``upper`` the first day of ``valid_to``'s period.
So "since 2019" holds from 2019-01-01, and "ended in March 2025" no longer
holds on 2025-03-01.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any, cast

from graph.errors import InvalidInput

#: The lower and upper sentinels used where a bound is unknown (open).
OPEN_START = date.min
OPEN_END = date.max


class EntityType(StrEnum):
    ORGANIZATION = "Organization"
    PERSON = "Person"
    PRODUCT = "Product"


class Relation(StrEnum):
    PARTNERS_WITH = "partners_with"
    INVESTS_IN = "invests_in"
    ACQUIRES = "acquires"
    SUBSIDIARY_OF = "subsidiary_of"
    SUPPLIES = "supplies"
    COMPETES_WITH = "competes_with"
    EXECUTIVE_OF = "executive_of"
    FOUNDED = "founded"
    DEVELOPS = "develops"
    USES = "uses"

    @property
    def symmetric(self) -> bool:
        return self in SYMMETRIC

    @property
    def neo4j_type(self) -> str:
        """The Neo4j relationship type, e.g. ``PARTNERS_WITH``."""
        return self.value.upper()

    @classmethod
    def parse(cls, value: str) -> Relation:
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            allowed = ", ".join(r.value for r in cls)
            raise InvalidInput(f"unknown relation {value!r}; expected one of: {allowed}") from None


SYMMETRIC = frozenset({Relation.PARTNERS_WITH, Relation.COMPETES_WITH})

#: Which entity types may stand at each end of a relation (ontology table).
SIGNATURES: Mapping[Relation, tuple[frozenset[EntityType], frozenset[EntityType]]] = {
    Relation.PARTNERS_WITH: (
        frozenset({EntityType.ORGANIZATION}),
        frozenset({EntityType.ORGANIZATION}),
    ),
    Relation.INVESTS_IN: (
        frozenset({EntityType.ORGANIZATION, EntityType.PERSON}),
        frozenset({EntityType.ORGANIZATION}),
    ),
    Relation.ACQUIRES: (frozenset({EntityType.ORGANIZATION}), frozenset({EntityType.ORGANIZATION})),
    Relation.SUBSIDIARY_OF: (
        frozenset({EntityType.ORGANIZATION}),
        frozenset({EntityType.ORGANIZATION}),
    ),
    Relation.SUPPLIES: (frozenset({EntityType.ORGANIZATION}), frozenset({EntityType.ORGANIZATION})),
    Relation.COMPETES_WITH: (
        frozenset({EntityType.ORGANIZATION}),
        frozenset({EntityType.ORGANIZATION}),
    ),
    Relation.EXECUTIVE_OF: (frozenset({EntityType.PERSON}), frozenset({EntityType.ORGANIZATION})),
    Relation.FOUNDED: (
        frozenset({EntityType.PERSON, EntityType.ORGANIZATION}),
        frozenset({EntityType.ORGANIZATION}),
    ),
    Relation.DEVELOPS: (frozenset({EntityType.ORGANIZATION}), frozenset({EntityType.PRODUCT})),
    Relation.USES: (
        frozenset({EntityType.ORGANIZATION, EntityType.PRODUCT}),
        frozenset({EntityType.PRODUCT}),
    ),
}

#: Relations that hold for one holder at a time: a new holder closes the previous
#: one from its own start. ``by`` names the end that stays fixed (the
#: organization); ``roles`` restricts executive_of to one-at-a-time roles.
SUCCESSION: Mapping[Relation, Mapping[str, Any]] = {
    Relation.EXECUTIVE_OF: {
        "by": "object",
        "roles": frozenset(
            {
                "ceo",
                "chief executive",
                "chief executive officer",
                "chair",
                "chairman",
                "chairwoman",
                "chairperson",
                "president",
                "cto",
                "cfo",
                "coo",
            }
        ),
    },
    Relation.SUBSIDIARY_OF: {"by": "subject", "roles": None},
}

#: Qualifier keys the ontology defines; anything else is refused.
QUALIFIER_KEYS = frozenset({"role", "amount", "currency", "stake", "product", "quantity", "status"})
STATUSES = frozenset({"announced", "active", "strained", "renegotiating", "ended"})


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date known to a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9998:
            raise InvalidInput(f"year {self.year} is out of range")
        if self.month is None and self.day is not None:
            raise InvalidInput("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidInput(f"month {self.month} is out of range in {self.year}")
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise InvalidInput(f"day {self.day} does not exist in {self.year}-{self.month:02d}")

    @classmethod
    def parse(cls, value: str | date | PartialDate) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a ``date`` is day precision)."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        m = _PARTIAL_DATE.match(str(value).strip())
        if not m:
            raise InvalidInput(f"invalid date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
        y, mo, d = m.groups()
        try:
            return cls(int(y), int(mo) if mo else None, int(d) if d else None)
        except InvalidInput as exc:
            raise InvalidInput(f"invalid date {value!r}: {exc.message}") from None

    @classmethod
    def parse_optional(cls, value: str | date | PartialDate | None) -> PartialDate | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return cls.parse(value)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day is not None and self.month is not None:
            return date(self.year, self.month, self.day)
        if self.month is not None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    def end_day(self) -> date:
        """The first day after the period (exclusive end)."""
        return self.last_day() + timedelta(days=1)

    def contains(self, other: PartialDate) -> bool:
        """True when ``other`` lies within this period (``2025`` contains ``2025-08``)."""
        return self.first_day() <= other.first_day() and other.last_day() <= self.last_day()

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.isoformat()


def parse_day(value: str | date, what: str = "date") -> date:
    """A full day (``YYYY-MM-DD``) for as-of style parameters, with a clear error."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput(f"invalid {what} {value!r}: expected YYYY-MM-DD") from None


def slugify(name: str) -> str:
    """A stable entity id from a name: ``"Microsoft AI"`` → ``"microsoft-ai"``.

    Non-Latin names keep their letters (NFKC, lower-cased); an empty result
    falls back to a short hash so every non-empty name has an id.
    """
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "")
    slug = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")
    if not slug:
        slug = "e-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
    return slug[:200]


#: ``json.dumps`` with these options builds an encoder per call; ids are hashed often.
_ID_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)


def _digest(*parts: object) -> str:
    raw = _ID_ENCODER.encode(parts)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def content_hash(text: str) -> str:
    """The hash that makes re-loading the same document a no-op.

    Never raises: a lone surrogate (``"\\ud800"`` from JSON) has no UTF-8 form, so
    ``surrogatepass`` encodes it as its code point's bytes; every valid string
    hashes exactly as plain UTF-8.
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _frozen_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(sorted((value or {}).items())))


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None

    def __post_init__(self) -> None:
        if not self.id or not self.id.strip():
            raise InvalidInput("an entity needs a non-empty id")
        if not self.name or not self.name.strip():
            raise InvalidInput(f"entity {self.id!r} needs a non-empty name")
        if "\x00" in self.name or "\x00" in self.id:
            raise InvalidInput(f"entity {self.id!r}: NUL characters are not allowed in names")

    @classmethod
    def named(
        cls,
        name: str,
        type: EntityType | str,
        aliases: Iterable[str] = (),
        wikidata: str | None = None,
    ) -> Entity:
        """An entity whose id is the slug of its name."""
        clean = name.strip()
        if not clean:
            raise InvalidInput("an entity needs a non-empty name")
        etype = EntityType(type) if not isinstance(type, EntityType) else type
        extra = tuple(dict.fromkeys(a.strip() for a in aliases if a.strip() and a.strip() != clean))
        return cls(slugify(clean), clean, etype, extra, wikidata)

    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Document:
    """A source article as read: its cleaned text and metadata."""

    text: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    doc_id: str | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    @property
    def id(self) -> str:
        return self.doc_id or "doc-" + self.content_hash[:16]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One statement of a fact: where it was said, in which words, and what it claimed.

    ``valid_from``, ``valid_to`` and ``qualifiers`` are what *this* statement
    says (its claim); the fact's own fields are derived from all its evidence
    (:func:`graph.temporal.derive`), so the stored fact never depends on the
    order in which sources arrived. ``succession`` marks evidence the system
    adds when a new holder of a one-at-a-time role closes the previous one.
    """

    document_id: str
    sentence: str
    start: int | None = None
    end: int | None = None
    url: str | None = None
    published: date | None = None
    extractor: str = "curated"
    confidence: float = 1.0
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    qualifiers: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    succession: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "qualifiers", _frozen_mapping(self.qualifiers))
        if not 0.0 <= float(self.confidence) <= 1.0:
            raise InvalidInput(f"evidence confidence {self.confidence} is outside [0, 1]")

    @property
    def id(self) -> str:
        return "ev-" + _digest(
            self.document_id, self.start, self.end, self.sentence, self.succession or None
        )

    @property
    def has_claim(self) -> bool:
        return bool(self.valid_from or self.valid_to or self.qualifiers)

    @classmethod
    def stored(
        cls,
        document_id: str,
        sentence: str,
        start: int | None,
        end: int | None,
        url: str | None,
        published: date | None,
        extractor: str,
        confidence: float,
        valid_from: PartialDate | None,
        valid_to: PartialDate | None,
        qualifiers: Mapping[str, Any],
        succession: bool,
    ) -> Evidence:
        """Evidence read back from a store: for a store's own rows only, never for input.

        A store holds only evidence that was validated when it was written, so
        this skips ``__post_init__`` (the checks and the re-freezing of the
        qualifiers); ``qualifiers`` must already be a read-only mapping in key
        order. Every value from a user goes through the ordinary constructor.
        """
        ev: Any = _EvidenceDraft()
        ev.document_id = document_id
        ev.sentence = sentence
        ev.start = start
        ev.end = end
        ev.url = url
        ev.published = published
        ev.extractor = extractor
        ev.confidence = confidence
        ev.valid_from = valid_from
        ev.valid_to = valid_to
        ev.qualifiers = qualifiers
        ev.succession = succession
        ev.__class__ = cls
        return cast(Evidence, ev)


@dataclass(frozen=True, slots=True)
class Fact:
    """``subject —relation→ object`` with time validity, qualifiers and evidence.

    ``subject`` and ``object`` are entity ids. Symmetric relations are put in
    canonical order on construction, so ``Fact(b, partners_with, a)`` equals
    ``Fact(a, partners_with, b)``.
    """

    subject: str
    relation: Relation
    object: str
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    qualifiers: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    stated_at: date | None = None
    recorded_at: datetime | None = None
    superseded_at: datetime | None = None
    confidence: float = 1.0
    evidence: tuple[Evidence, ...] = ()

    def __post_init__(self) -> None:
        rel = (
            self.relation if isinstance(self.relation, Relation) else Relation.parse(self.relation)
        )
        object.__setattr__(self, "relation", rel)
        if not self.subject or not self.object:
            raise InvalidInput("a fact needs both a subject and an object")
        if self.subject == self.object:
            raise InvalidInput(f"a fact cannot relate {self.subject!r} to itself")
        if rel.symmetric and self.object < self.subject:
            s, o = self.object, self.subject
            object.__setattr__(self, "subject", s)
            object.__setattr__(self, "object", o)
        unknown = set(self.qualifiers) - QUALIFIER_KEYS
        if unknown:
            raise InvalidInput(
                f"unknown qualifier(s) {sorted(unknown)}; allowed: {sorted(QUALIFIER_KEYS)}"
            )
        status = self.qualifiers.get("status")
        if status is not None and status not in STATUSES:
            raise InvalidInput(f"unknown status {status!r}; allowed: {sorted(STATUSES)}")
        object.__setattr__(self, "qualifiers", _frozen_mapping(self.qualifiers))
        if not 0.0 <= float(self.confidence) <= 1.0:
            raise InvalidInput(f"confidence {self.confidence} is outside [0, 1]")
        if (
            self.valid_from
            and self.valid_to
            and self.valid_to.end_day() <= self.valid_from.first_day()
        ):
            raise InvalidInput(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")

    @property
    def id(self) -> str:
        """Content-addressed: the same triple is the same fact, whoever states it."""
        return "f-" + _digest(self.subject, self.relation.value, self.object)

    @property
    def lower(self) -> date:
        return self.valid_from.first_day() if self.valid_from else OPEN_START

    @property
    def upper(self) -> date:
        return self.valid_to.first_day() if self.valid_to else OPEN_END

    def holds_at(self, day: date) -> bool:
        """Valid time: ``valid_from <= day < valid_to`` with open unknown ends.

        An open end holds on every day, the last one the calendar has too
        (``date.max``, which is also :data:`OPEN_END`).
        """
        return self.lower <= day and (day < self.upper or self.upper == OPEN_END)

    def known_at(self, moment: datetime) -> bool:
        """Transaction time: recorded at or before ``moment`` and not yet superseded."""
        if self.recorded_at is not None and self.recorded_at > moment:
            return False
        return self.superseded_at is None or moment < self.superseded_at

    def involves(self, entity_id: str) -> bool:
        return entity_id in (self.subject, self.object)

    def other_end(self, entity_id: str) -> str:
        return self.object if entity_id == self.subject else self.subject

    def with_changes(self, **changes: Any) -> Fact:
        return replace(self, **changes)

    @classmethod
    def stored(
        cls,
        subject: str,
        relation: Relation,
        object: str,
        valid_from: PartialDate | None,
        valid_to: PartialDate | None,
        qualifiers: Mapping[str, Any],
        stated_at: date | None,
        recorded_at: datetime | None,
        superseded_at: datetime | None,
        confidence: float,
        evidence: tuple[Evidence, ...],
    ) -> Fact:
        """A fact read back from a store: for a store's own rows only, never for input.

        A store holds only facts that were validated (and put in canonical
        order) when they were written, under an id hashed from their content,
        so this skips ``__post_init__`` and the re-hashing: reading a fact back
        costs what building the object costs. ``relation`` must be a
        :class:`Relation` and ``qualifiers`` a read-only mapping in key order.
        Every value from a user goes through the ordinary constructor.
        """
        fact: Any = _FactDraft()
        fact.subject = subject
        fact.relation = relation
        fact.object = object
        fact.valid_from = valid_from
        fact.valid_to = valid_to
        fact.qualifiers = qualifiers
        fact.stated_at = stated_at
        fact.recorded_at = recorded_at
        fact.superseded_at = superseded_at
        fact.confidence = confidence
        fact.evidence = evidence
        fact.__class__ = cls
        return cast(Fact, fact)


class _EvidenceDraft:
    """Evidence's slots, writable: ``Evidence.stored`` fills one, then makes it Evidence.

    Plain attribute stores cost a quarter of the ``object.__setattr__`` calls a
    frozen dataclass needs; the same slots (names and order) make the
    ``__class__`` assignment legal, and the result is an ordinary ``Evidence``.
    """

    __slots__ = Evidence.__slots__


class _FactDraft:
    """Fact's slots, writable: ``Fact.stored`` fills one, then makes it a Fact."""

    __slots__ = Fact.__slots__


@dataclass(frozen=True, slots=True)
class Batch:
    """What one transaction writes: a document (optional), entities and facts."""

    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    document: Document | None = None


@dataclass(frozen=True, slots=True)
class WriteResult:
    document_id: str | None
    skipped: bool  # the document was already stored (same content hash)
    facts_added: int
    facts_merged: int
    entities_added: int
    fact_ids: tuple[str, ...] = ()
