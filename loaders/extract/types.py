"""The typed hand-offs between extraction stages, and the seam's output type.

``ExtractedFact`` is what :class:`loaders.extract.Extractor` returns; its
``to_json`` is exactly one line of the ontology's output format. ``Mention``
and ``Candidate`` are internal hand-offs between stages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from graph.model import EntityType, PartialDate, Relation


@dataclass(frozen=True)
class EntityRef:
    """A named end of an extracted fact, before it is resolved against the store."""

    name: str
    type: EntityType


@dataclass(frozen=True)
class ExtractedFact:
    """One fact as stated by one sentence of one document."""

    doc_id: str
    subject: EntityRef
    relation: Relation
    object: EntityRef
    valid_from: PartialDate | None
    valid_to: PartialDate | None
    qualifiers: Mapping[str, str]
    confidence: float
    sentence: str
    start: int
    end: int
    extractor: str

    def to_json(self) -> dict[str, Any]:
        """The ontology's output format line (``json.dumps`` it)."""
        return {
            "doc_id": self.doc_id,
            "subject": {"name": self.subject.name, "type": self.subject.type.value},
            "relation": self.relation.value,
            "object": {"name": self.object.name, "type": self.object.type.value},
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "qualifiers": dict(self.qualifiers),
            "confidence": round(self.confidence, 3),
            "evidence": {"text": self.sentence, "start": self.start, "end": self.end},
        }


@dataclass(frozen=True)
class Mention:
    """An entity mention: token span ``[start, end)`` in the spaCy doc."""

    start: int
    end: int
    name: str  # the canonical name within the document (after resolution)
    type: EntityType
    # "gazetteer", "known", "ner", "titled" (a person after "Mr."), "role" (a one-word
    # company found by its place in a deal or role), "slot" (made up for a relation
    # slot) or "anaphor" (the learned stage: a pronoun or description standing for the
    # named entity)
    source: str
    #: A one-word name NER read as a person's that resolution made a company (news
    #: introduces people in full); a slot that takes only a person may take it back.
    lone_person: bool = False


@dataclass
class Candidate:
    """A relation found in one sentence, before time, status and checks."""

    subject: Mention
    relation: Relation
    object: Mention
    sent_index: int
    trigger: int  # token index of the cue word
    confidence: float
    qualifiers: dict[str, str] = field(default_factory=dict)
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    ending: bool = False  # the statement reports the end of the relation
    starting: bool = False  # the statement reports its start (named, succeeded by)
    end_trigger: int | None = None  # a later word that ended it ("called off the deal")
    ended_on: int | None = None  # a date word the ending is set at ("since July, when Y left")
    dated: bool = False  # the time came from a date in the text, not the publication day
    timeless: bool = False  # a state read off a phrase ("Nvidia's Omniverse"): no clause date
    reported: bool = False  # stated only on unnamed sources ("people familiar with the matter")
    learned: bool = False  # proposed by the learned stage, not by a rule
    former: bool = False  # the role is called past ("a former CEO of X"), with no date


EMPTY: Mapping[str, str] = MappingProxyType({})
