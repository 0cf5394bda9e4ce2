"""A deterministic synthetic graph: entities, facts and evidence with a power-law degree.

The same ``(facts, seed)`` always gives the same graph, so a result file names
exactly what was measured:

    >>> g = generate(200, seed=1)
    >>> len(g.facts), g.facts[0] == generate(200, seed=1).facts[0]
    (200, True)

Shape (chosen to look like news about companies, and to keep the store's
one-at-a-time rules from turning a bulk load quadratic):

- organizations ~ facts/8, people and products ~ facts/16 each;
- each end of a fact is drawn by a Zipf law over the entities of the type the
  relation's signature allows (:data:`graph.model.SIGNATURES`), so a few hubs
  take part in thousands of facts and most entities in a handful; the fixed
  end of a succession relation (``executive_of``'s organization,
  ``subsidiary_of``'s subsidiary) is drawn uniformly, as real boards and
  parents are few per company;
- ``valid_from`` 1995–2026 skewed to recent years, at year, month or day
  precision (10% unknown); about a third of the facts have ended;
- 1–3 pieces of evidence per fact, each a sentence, a URL and a publication day.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from graph.model import (
    SIGNATURES,
    SUCCESSION,
    Batch,
    Entity,
    EntityType,
    Evidence,
    Fact,
    PartialDate,
    Relation,
)

SIZES: dict[str, int] = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}
DEFAULT_SEED = 8
FIRST_YEAR, LAST_YEAR = 1995, 2026
LAST_DAY = date(2026, 11, 27)

#: How often each relation is stated (sums to 1).
RELATION_MIX: dict[Relation, float] = {
    Relation.PARTNERS_WITH: 0.18,
    Relation.INVESTS_IN: 0.12,
    Relation.ACQUIRES: 0.07,
    Relation.SUBSIDIARY_OF: 0.07,
    Relation.SUPPLIES: 0.12,
    Relation.COMPETES_WITH: 0.10,
    Relation.EXECUTIVE_OF: 0.10,
    Relation.FOUNDED: 0.05,
    Relation.DEVELOPS: 0.11,
    Relation.USES: 0.08,
}
ZIPF_EXPONENT = 0.85

_SYLLABLES = [
    "ac",
    "ar",
    "bel",
    "cor",
    "dyn",
    "ex",
    "fal",
    "gen",
    "hel",
    "in",
    "jor",
    "kel",
    "lum",
    "mar",
    "nov",
    "or",
    "pax",
    "quan",
    "ra",
    "sol",
    "tel",
    "ul",
    "ver",
    "wex",
    "xan",
    "yor",
    "zen",
    "bri",
    "cal",
    "dor",
    "fen",
    "gal",
    "har",
    "iv",
    "jun",
    "kor",
    "lin",
    "mon",
    "nor",
]
_ORG_SUFFIX = ("Corp", "Inc", "Labs", "Systems", "Group", "Holdings", "Technologies", "AG")
_FIRST = [
    "Ada",
    "Ben",
    "Chloe",
    "Dev",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jon",
    "Kira",
    "Luis",
    "Maya",
    "Nils",
    "Omar",
    "Priya",
]
_LAST = [
    "Abe",
    "Berg",
    "Chen",
    "Diaz",
    "Eze",
    "Fox",
    "Gupta",
    "Haas",
    "Ito",
    "Jung",
    "Khan",
    "Lopez",
    "Moreau",
    "Ng",
    "Okafor",
    "Patel",
]
_PRODUCT = ("Cloud", "Chip", "Model", "Studio", "Engine", "Suite", "Platform", "OS")
_VERBS: dict[Relation, str] = {
    Relation.PARTNERS_WITH: "announced a partnership with",
    Relation.INVESTS_IN: "invested in",
    Relation.ACQUIRES: "agreed to acquire",
    Relation.SUBSIDIARY_OF: "became a unit of",
    Relation.SUPPLIES: "supplies chips to",
    Relation.COMPETES_WITH: "competes with",
    Relation.EXECUTIVE_OF: "was named an executive of",
    Relation.FOUNDED: "founded",
    Relation.DEVELOPS: "released",
    Relation.USES: "runs on",
}
_SUCCESSION_ROLES = ("ceo", "cfo", "cto", "chair", "president")
_OTHER_ROLES = ("svp engineering", "head of research", "director", "vp sales", "board member")
_STATUSES = ("announced", "active", "strained", "renegotiating")


@dataclass(frozen=True, slots=True)
class SyntheticGraph:
    """What :func:`generate` made: entities (by type) and facts, each with evidence."""

    seed: int
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]

    @property
    def evidence_count(self) -> int:
        return sum(len(f.evidence) for f in self.facts)

    def batches(self, chunk: int = 5_000) -> Iterator[Batch]:
        """Entity batches first, then fact batches: what a bulk load writes, in order."""
        for i in range(0, len(self.entities), chunk):
            yield Batch(entities=self.entities[i : i + chunk])
        for i in range(0, len(self.facts), chunk):
            yield Batch(facts=self.facts[i : i + chunk])


def entity_counts(n_facts: int) -> dict[EntityType, int]:
    return {
        EntityType.ORGANIZATION: max(8, n_facts // 8),
        EntityType.PERSON: max(4, n_facts // 16),
        EntityType.PRODUCT: max(4, n_facts // 16),
    }


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _entities(counts: dict[EntityType, int], rng: random.Random) -> dict[EntityType, list[Entity]]:
    out: dict[EntityType, list[Entity]] = {}
    orgs = []
    for i in range(counts[EntityType.ORGANIZATION]):
        name = f"{_word(rng)} {rng.choice(_ORG_SUFFIX)} {i}"
        aliases = (f"{name.split()[0].upper()}{i}",) if rng.random() < 0.2 else ()
        orgs.append(Entity(f"org-{i}", name, EntityType.ORGANIZATION, aliases))
    out[EntityType.ORGANIZATION] = orgs
    out[EntityType.PERSON] = [
        Entity(f"person-{i}", f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {i}", EntityType.PERSON)
        for i in range(counts[EntityType.PERSON])
    ]
    out[EntityType.PRODUCT] = [
        Entity(f"product-{i}", f"{_word(rng)} {rng.choice(_PRODUCT)} {i}", EntityType.PRODUCT)
        for i in range(counts[EntityType.PRODUCT])
    ]
    return out


class _Zipf:
    """Draw an index in ``range(n)`` with P(k) proportional to 1/(k+1)^s (a shuffled rank)."""

    def __init__(self, n: int, s: float, rng: random.Random) -> None:
        self.cum = list(itertools.accumulate(1.0 / (k + 1) ** s for k in range(n)))
        self.order = list(range(n))
        rng.shuffle(self.order)  # the hubs are not simply entity 0, 1, 2…

    def draw(self, rng: random.Random) -> int:
        k = bisect.bisect_left(self.cum, rng.random() * self.cum[-1])
        return self.order[min(k, len(self.order) - 1)]


def _partial(day: date, rng: random.Random) -> PartialDate:
    p = rng.random()
    if p < 0.3:
        return PartialDate(day.year)
    if p < 0.7:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


def _random_day(rng: random.Random) -> date:
    # Skewed to recent years, as news is.
    span = (LAST_DAY - date(FIRST_YEAR, 1, 1)).days
    return date(FIRST_YEAR, 1, 1) + timedelta(days=int(span * rng.random() ** 0.6))


def _dates(rng: random.Random) -> tuple[PartialDate | None, PartialDate | None, date]:
    """(valid_from, valid_to, a day the fact was first reported)."""
    start = _random_day(rng)
    valid_from = _partial(start, rng) if rng.random() < 0.9 else None
    valid_to = None
    if rng.random() < 0.35:
        end = start + timedelta(days=rng.randint(200, 3650))
        if end < LAST_DAY:
            valid_to = _partial(end, rng)
            if valid_from and valid_to.end_day() <= valid_from.first_day():
                valid_to = None
    return valid_from, valid_to, start


def _qualifiers(rel: Relation, rng: random.Random, ended: bool) -> dict[str, object]:
    q: dict[str, object] = {}
    if rel is Relation.EXECUTIVE_OF:
        roles = _SUCCESSION_ROLES if rng.random() < 0.3 else _OTHER_ROLES
        q["role"] = rng.choice(roles)
    elif rel in (Relation.INVESTS_IN, Relation.ACQUIRES) and rng.random() < 0.6:
        q["amount"] = str(rng.randint(1, 900) * 10**6)
        q["currency"] = "USD"
        if rel is Relation.INVESTS_IN:
            q["stake"] = str(rng.randint(1, 49))
    elif rel is Relation.USES and rng.random() < 0.3:
        q["quantity"] = str(rng.randint(1, 500) * 100)
    if ended and rng.random() < 0.5:
        q["status"] = "ended"
    elif rel is Relation.PARTNERS_WITH and rng.random() < 0.4:
        q["status"] = rng.choice(_STATUSES)
    return q


def _evidence(
    subject: Entity, rel: Relation, obj: Entity, first: date, doc_seq: int, rng: random.Random
) -> tuple[Evidence, ...]:
    out = []
    for k in range(rng.choice((1, 1, 2, 2, 3))):
        published = min(LAST_DAY, first + timedelta(days=rng.randint(0, 30) + 400 * k))
        doc = f"doc-{doc_seq}-{k}"
        sentence = f"{subject.name} {_VERBS[rel]} {obj.name}, the companies said on {published}."
        out.append(
            Evidence(
                document_id=doc,
                sentence=sentence,
                start=0,
                end=len(sentence),
                url=f"https://news.example/{published.year}/{published.month:02d}/{doc}",
                published=published,
                extractor="bench-generator",
                confidence=round(0.55 + 0.45 * rng.random(), 3),
            )
        )
    return tuple(out)


def _ends(
    rel: Relation,
    by_type: dict[EntityType, list[Entity]],
    zipf: dict[EntityType, _Zipf],
    rng: random.Random,
) -> tuple[Entity, Entity]:
    subject_types, object_types = SIGNATURES[rel]
    st = rng.choice(sorted(subject_types))
    ot = rng.choice(sorted(object_types))
    uniform = SUCCESSION.get(rel, {}).get("by")

    def pick(t: EntityType, fixed: bool) -> Entity:
        pool = by_type[t]
        return pool[rng.randrange(len(pool))] if fixed else pool[zipf[t].draw(rng)]

    return pick(st, uniform == "subject"), pick(ot, uniform == "object")


def generate(n_facts: int, seed: int = DEFAULT_SEED) -> SyntheticGraph:
    """``n_facts`` distinct facts (distinct subject, relation, object) and their entities."""
    rng = random.Random(seed)
    by_type = _entities(entity_counts(n_facts), rng)
    zipf = {t: _Zipf(len(pool), ZIPF_EXPONENT, rng) for t, pool in by_type.items()}
    relations: Sequence[Relation] = list(RELATION_MIX)
    weights = list(RELATION_MIX.values())
    seen: set[tuple[str, str, str]] = set()
    facts: list[Fact] = []
    while len(facts) < n_facts:
        rel = rng.choices(relations, weights)[0]
        subject, obj = _ends(rel, by_type, zipf, rng)
        if subject.id == obj.id:
            continue
        a, b = (subject.id, obj.id)
        key = (min(a, b), rel.value, max(a, b)) if rel.symmetric else (a, rel.value, b)
        if key in seen:
            continue
        seen.add(key)
        valid_from, valid_to, first = _dates(rng)
        facts.append(
            Fact(
                subject=subject.id,
                relation=rel,
                object=obj.id,
                valid_from=valid_from,
                valid_to=valid_to,
                qualifiers=_qualifiers(rel, rng, valid_to is not None),
                confidence=1.0,
                evidence=_evidence(subject, rel, obj, first, len(facts), rng),
            )
        )
    entities = tuple(e for t in EntityType for e in by_type[t])
    return SyntheticGraph(seed, entities, tuple(facts))


def query_sample(graph: SyntheticGraph, n: int, seed: int = DEFAULT_SEED) -> list[tuple[str, date]]:
    """``n`` (entity id, as-of day) questions: entities that take part in facts, drawn
    uniformly (a typical entity, not only hubs), days uniform over 2000–2026."""
    rng = random.Random(seed * 7919 + 1)
    ends = sorted({e for f in graph.facts for e in (f.subject, f.object)})
    span = (date(2026, 6, 30) - date(2000, 1, 1)).days
    return [
        (rng.choice(ends), date(2000, 1, 1) + timedelta(days=rng.randrange(span))) for _ in range(n)
    ]
