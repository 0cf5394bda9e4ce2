"""In-document resolution: one name per real thing within a document.

"Suleyman" after "Mustafa Suleyman" is the same person; "Users" after
"Users Inc" and "Scott's" after "Scott's Hospitality Inc" are the same
company; legal suffixes are compared without their form (cleanco).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from cleanco import basename as _cleanco_basename

from graph.model import EntityType
from loaders.extract import resources
from loaders.extract.types import Mention

# Legal forms left out of an acronym ("TWA" is Trans World Airlines Inc).
_FORMS = {"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "association", "group",
          "holdings", "cos", "lp", "gmbh"}  # fmt: skip
# Words that never stand for a company on their own, however they are capitalized.
_GENERIC = {"the", "new", "first", "national", "american", "general", "united", "international"}


@lru_cache(maxsize=16384)
def basename(name: str) -> str:
    """cleanco's ``basename`` (the name without its legal form), remembered: it runs a
    dozen regular expressions per call, and name resolution asks it about the same few
    names of a document over and over (every pair of organizations)."""
    return str(_cleanco_basename(name))


@lru_cache(maxsize=16384)
def org_key(name: str) -> str:
    """A comparison key for organization names: no legal suffix, no case, no "the"."""
    base = basename(name.replace("’", "'")) or name
    words = base.lower().replace("'s", "").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


# Lower-case name particles: "de Geus" is the surname of "Aart de Geus".
_PARTICLES = {"de", "van", "von", "der", "den", "du", "da", "di", "del", "della", "le", "la",
              "ten", "ter", "al", "el", "bin", "dos", "das"}  # fmt: skip


def _surname_form(name: str) -> bool:
    """A name that may stand for a fuller person's name: one word ("Suleyman"), a
    surname with its particle ("De Geus"), or one with an initial ("A. de Geus")."""
    words = name.split()
    if len(words) == 1:
        return True
    first = words[0].rstrip(".")
    return len(words) <= 3 and (
        first.lower() in _PARTICLES or (len(first) == 1 and first.isupper())
    )


def canonicalize(mentions: list[Mention]) -> list[Mention]:
    """Give every mention the fullest name used for the same thing in the document."""
    full_people = [m.name for m in mentions if m.type is EntityType.PERSON and " " in m.name]
    # where each person is first named in full: a company named for its founder
    # ("Tarnby and Lundgard ended talks" before "Eva Lundgard") comes first
    first_full: dict[str, int] = {}
    for m in mentions:
        if m.type is EntityType.PERSON and " " in m.name:
            first_full.setdefault(m.name, m.start)
    orgs: list[tuple[str, str]] = []  # (key, name) in text order, first fullest form wins
    # Every company name of the document: a short form may come before its full one
    # ("Chipotle" in a headline, "Chipotle Mexican Grill" in the text).
    every = [
        (org_key(m.name), m.name)
        for m in mentions
        if m.type is EntityType.ORGANIZATION and m.source not in {"gazetteer", "known"}
    ]
    out = []
    for m in mentions:
        name = m.name
        curated = m.source in {"gazetteer", "known"}
        # "Suleyman" after "Mustafa Suleyman" is that person, whatever NER thought.
        alone = _surname_form(name) and not curated and m.source != "role"  # "buy Costa"
        person = person_full(name, full_people) if alone else None
        if person and any(o.split()[0] == name for _, o in orgs):
            person = None  # "Velde" after "Velde Microsystems" is the company
        if person and _company_before_founder(m, first_full[person], orgs):
            person = None
        if person:
            m = replace(m, type=EntityType.PERSON)
            name = person
        elif (
            m.type is EntityType.PERSON
            and " " not in name
            and not curated
            and m.source != "titled"  # "Mr. Okafor" is a person, full name or not
        ):
            # News introduces people by full name; a lone capitalized word NER calls a
            # person, with no full name to stand for, is a company ("Cirrusbyte").
            name = org_full(name, orgs) or _fuller(name, every) or name
            m = replace(m, type=EntityType.ORGANIZATION, lone_person=name == m.name)
        elif m.type is EntityType.ORGANIZATION and not curated:
            name = org_full(name, orgs) or acronym_of(name, orgs) or _fuller(name, every) or name
        elif m.type is EntityType.ORGANIZATION and m.source == "gazetteer":
            # a known acronym after the full name it stands for is that company
            name = _written_in_full(name, orgs) or acronym_of(name, orgs) or name
        if m.type is EntityType.ORGANIZATION:
            orgs.append((org_key(name), name))
        out.append(replace(m, name=name) if name != m.name else m)
    return out


def _company_before_founder(m: Mention, founder_at: int, orgs: list[tuple[str, str]]) -> bool:
    """A surname NER tagged as a company that is a company: written before the person
    bearing it is first named in full ("Tarnby and Lundgard ended their talks ... Eva
    Lundgard, Lundgard's chief executive"), or again after the company was so named."""
    if m.type is not EntityType.ORGANIZATION or m.source != "ner" or " " in m.name:
        return False
    return m.start < founder_at or any(o == m.name for _, o in orgs)


def _written_in_full(name: str, orgs: list[tuple[str, str]]) -> str | None:
    """The earlier name a known company's short name shortens: "Kodak" after "Eastman
    Kodak Co", "Revlon" after "Revlon Group Inc". The gazetteer knows both names as
    companies; the document names one company twice."""
    words = org_key(name).split()
    n = len(words)
    if not words:
        return None
    for key, other in orgs:
        ks = key.split()
        if ks == words:
            return None  # written so before: nothing longer to stand for
        longer = len(ks) > n
        if longer and ks[:n] == words and all(w in _FORMS for w in ks[n:]):
            return other
        if longer and len(ks) == n + 1 and ks[1:] == words and ks[0] not in _GENERIC:
            return other
    return None


def _initials(name: str, forms: bool = False) -> str:
    """The first letters of a name's words; with ``forms``, its legal form's too
    ("OTL" for Orlo Tasman Ltd)."""
    words = [w for w in re.split(r"[\s\-/]+", name) if w]
    skip = {"and", "of", "the", "&", "de", "des", "du", "und"}
    return "".join(
        w[0]
        for w in words
        if w.lower() not in skip and (forms or w.lower().strip(".") not in _FORMS)
    )


def acronym_of(short: str, orgs: list[tuple[str, str]]) -> str | None:
    """The earlier name an acronym stands for: "TWA" → "Trans World Airlines",
    "IC Gas" → "Imperial Continental Gas Association", "OTL" → "Orlo Tasman Ltd"."""
    words = short.split()
    if not words or not (2 <= len(words[0]) <= 6 and words[0].isupper() and words[0].isalpha()):
        return None
    letters = words[0] + "".join(w[0] for w in words[1:])
    hits = {
        o
        for _, o in orgs
        if len(o.split()) >= len(letters) - 1
        and letters in {_initials(o).upper(), _initials(o, forms=True).upper()}
    }
    return next(iter(hits)) if len(hits) == 1 else None


def person_full(short: str, full_people: list[str]) -> str | None:
    words = short.casefold().split()
    if words and len(words[0].rstrip(".")) == 1:
        initial, words = words[0][0], words[1:]  # "A. de Geus": "Aart de Geus"
    else:
        initial = ""
    n = len(words)
    ends = [
        p
        for p in full_people
        if len(p.split()) > n
        and [w.casefold() for w in p.split()[-n:]] == words
        and p.casefold().startswith(initial)
    ]
    # "A. de Geus" stands for a fuller name when there is one; else ("Shantaram" after
    # "V. Shantaram") it is the fullest name the text gives.
    hits = {p for p in ends if len(p.split()[0].rstrip(".")) > 1}
    if not hits and not initial:
        hits = set(ends)
    return next(iter(hits)) if len(hits) == 1 else None


def distinct_tail(short: str, long: str) -> bool:
    """True when ``long`` starts with ``short``'s words but its further words name a
    company of their own: an acronym ("Orlo SDI") or a name with its own head ("Orlo
    Beta Networks", "Orlo Music Entertainment"). "Orlo Systems", "Orlo Mining and
    Chemicals" and "Orlo Mexican Grill" are Orlo written in full."""
    n = len(org_key(short).split())
    words = (basename(long.replace("’", "'")) or long).replace("'s", "").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    rest = words[n:]
    if not rest:
        return False
    heads = _heads()
    if len(rest) == 1:
        w = rest[0]
        return w.isupper() and w.isalpha() and 2 <= len(w) <= 5 and w.lower() not in heads
    # "Beta Networks" names a company; "Minerals and Chemicals" only says what it does
    return rest[-1].lower() in heads and any(w.lower() not in heads for w in rest[:-1])


def _fuller(name: str, every: list[tuple[str, str]]) -> str | None:
    """The one longer name anywhere in the document that ``name`` is a short form of."""
    key = org_key(name)
    words = key.split()
    if len(words) != 1 or words[0] in _GENERIC or not _bare(name):
        return None
    heads = _heads()
    hits = set()
    for k, o in every:
        rest = k.split()[1:]
        if k.split()[0] != words[0] or not rest or "," in o:
            continue
        if any(w in heads or w in _FORMS for w in rest) or distinct_tail(name, o):
            return None  # "Orlo Media", "Orlo Beta Networks": a unit may be named so
        hits.add(o)
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
    bare = _bare(name)  # no legal form: "Neo-Tech Inc" is a name of its own
    if words[0] in _GENERIC or not bare:
        return None
    # A short form is a prefix of exactly one earlier, longer name ("Users" → "Users Inc").
    # News writes the full name first and shortens it after: "Orlo Video Enterprises
    # Inc ... Orlo said" is one company, though "Orlo Video Enterprises" would be a
    # unit's name beside an Orlo named on its own before it (matched above). Only an
    # acronym tail keeps them apart ("Orlo SDI ... Orlo").
    hits = {
        o
        for k, o in orgs
        if k.split()[: len(words)] == words
        and len(k.split()) > len(words)
        and not (distinct_tail(name, o) and len(k.split()) == len(words) + 1)
    }
    if not hits and bare and len(words) == 1 and len(words[0]) >= 4 and words[0] not in _heads():
        # "Kodak" after "Eastman Kodak Co": the one earlier name with that distinctive word
        hits = {o for k, o in orgs if words[0] in k.split()[1:]}
    return next(iter(hits)) if len(hits) == 1 else None


def _bare(name: str) -> bool:
    """True when the name carries no legal form ("Orlo", not "Orlo Ltd")."""
    clean = name.replace("’", "'")
    return (basename(clean) or clean).lower() == clean.lower()


@cache
def _heads() -> frozenset[str]:
    data = resources.load_json("names.json")
    return frozenset(data["org_head_words"]) | frozenset(data["inner_words"]) | _GENERIC


def same_org(a: str, b: str) -> bool:
    """True when two names are one company written two ways ("GAF" and "GAF Corp")."""
    ka, kb = org_key(a).split(), org_key(b).split()
    if not ka or not kb:
        return a.casefold() == b.casefold()
    n = min(len(ka), len(kb))
    if ka[:n] != kb[:n]:
        return False
    short, long = (a, b) if len(ka) <= len(kb) else (b, a)
    return len(ka) == len(kb) or not distinct_tail(short, long)  # "Orlo" and "Orlo SDI"
