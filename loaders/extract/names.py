"""In-document resolution: one name per real thing within a document.

"Suleyman" after "Mustafa Suleyman" is the same person; "Users" after
"Users Inc" and "Scott's" after "Scott's Hospitality Inc" are the same
company; legal suffixes are compared without their form (cleanco).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from cleanco import basename

from graph.model import EntityType
from loaders.extract import resources
from loaders.extract.types import Mention

# Legal forms left out of an acronym ("TWA" is Trans World Airlines Inc).
_FORMS = {"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "association", "group",
          "holdings", "cos", "lp", "gmbh"}  # fmt: skip
# Words that never stand for a company on their own, however they are capitalized.
_GENERIC = {"the", "new", "first", "national", "american", "general", "united", "international"}


@lru_cache(maxsize=16384)
def org_key(name: str) -> str:
    """A comparison key for organization names: no legal suffix, no case, no "the"."""
    base = basename(name.replace("’", "'")) or name
    words = base.lower().replace("'s", "").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def canonicalize(mentions: list[Mention]) -> list[Mention]:
    """Give every mention the fullest name used for the same thing in the document."""
    full_people = [m.name for m in mentions if m.type is EntityType.PERSON and " " in m.name]
    orgs: list[tuple[str, str]] = []  # (key, name) in text order, first fullest form wins
    out = []
    for m in mentions:
        name = m.name
        curated = m.source in {"gazetteer", "known"}
        # "Suleyman" after "Mustafa Suleyman" is that person, whatever NER thought.
        person = _person_full(name, full_people) if " " not in name and not curated else None
        if person and any(o.split()[0] == name for _, o in orgs):
            person = None  # "Velde" after "Velde Microsystems" is the company
        if person:
            m = replace(m, type=EntityType.PERSON)
            name = person
        elif m.type is EntityType.PERSON and " " not in name and not curated:
            # News introduces people by full name; a lone capitalized word NER calls a
            # person, with no full name to stand for, is a company ("Cirrusbyte").
            m = replace(m, type=EntityType.ORGANIZATION)
            name = org_full(name, orgs) or name
        elif m.type is EntityType.ORGANIZATION and not curated:
            name = org_full(name, orgs) or acronym_of(name, orgs) or name
        if m.type is EntityType.ORGANIZATION:
            orgs.append((org_key(name), name))
        out.append(replace(m, name=name) if name != m.name else m)
    return out


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-/]+", name) if w]
    skip = {"and", "of", "the", "&", "de", "des", "du", "und"}
    return "".join(
        w[0] for w in words if w.lower() not in skip and w.lower().strip(".") not in _FORMS
    )


def acronym_of(short: str, orgs: list[tuple[str, str]]) -> str | None:
    """The earlier name an acronym stands for: "TWA" → "Trans World Airlines",
    "IC Gas" → "Imperial Continental Gas Association"."""
    words = short.split()
    if not words or not (2 <= len(words[0]) <= 6 and words[0].isupper() and words[0].isalpha()):
        return None
    letters = words[0] + "".join(w[0] for w in words[1:])
    hits = {
        o for _, o in orgs if len(o.split()) >= len(letters) - 1 and _initials(o).upper() == letters
    }
    return next(iter(hits)) if len(hits) == 1 else None


def _person_full(short: str, full_people: list[str]) -> str | None:
    hits = {p for p in full_people if p.split()[-1] == short}
    return next(iter(hits)) if len(hits) == 1 else None


def org_full(name: str, orgs: list[tuple[str, str]]) -> str | None:
    """The earlier, fuller name ``name`` stands for among ``(key, name)`` pairs, if one."""
    key = org_key(name)
    if not key:
        return None
    for other_key, other in orgs:
        if other_key == key:
            return other
    words = key.split()
    if words[0] in _GENERIC:
        return None
    # A short form is a prefix of exactly one earlier, longer name ("Users" → "Users Inc").
    hits = {o for k, o in orgs if k.split()[: len(words)] == words and len(k.split()) > len(words)}
    bare = key == name.lower()  # no legal form: "Neo-Tech Inc" is a name of its own
    if not hits and bare and len(words) == 1 and len(words[0]) >= 4 and words[0] not in _heads():
        # "Kodak" after "Eastman Kodak Co": the one earlier name with that distinctive word
        hits = {o for k, o in orgs if words[0] in k.split()[1:]}
    return next(iter(hits)) if len(hits) == 1 else None


def _heads() -> frozenset[str]:
    data = resources.load_json("names.json")
    return frozenset(data["org_head_words"]) | frozenset(data["inner_words"]) | _GENERIC


def same_org(a: str, b: str) -> bool:
    """True when two names are one company written two ways ("GAF" and "GAF Corp")."""
    ka, kb = org_key(a).split(), org_key(b).split()
    if not ka or not kb:
        return a.casefold() == b.casefold()
    n = min(len(ka), len(kb))
    return ka[:n] == kb[:n]
