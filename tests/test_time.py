"""Time validity: merging, endings that close facts, succession, order independence,
retractions and the history queries. Scenarios are the team's own dated statements."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import (
    Batch,
    Entity,
    Evidence,
    Fact,
    FactPattern,
    NotFound,
    PartialDate,
    Relation,
    open_store,
    queries,
)
from graph.history import changes, fact_record, get_fact, timeline
from graph.store import Store

ACME = Entity.named("Acme Robotics", "Organization")
GLOBEX = Entity.named("Globex Cloud", "Organization")
INITECH = Entity.named("Initech", "Organization")
HOOLI = Entity.named("Hooli", "Organization")
ANA = Entity.named("Ana Ortiz", "Person")
BEN = Entity.named("Ben Okafor", "Person")
CHLOE = Entity.named("Chloe Brandt", "Person")
ENTITIES = (ACME, GLOBEX, INITECH, HOOLI, ANA, BEN, CHLOE)


def statement(
    s: Entity,
    rel: Relation,
    o: Entity,
    published: str,
    sentence: str,
    start: str | None = None,
    end: str | None = None,
    **qualifiers: str,
) -> Fact:
    """One article's statement of a fact, as the extractor would hand it over."""
    return Fact(
        subject=s.id,
        relation=rel,
        object=o.id,
        valid_from=PartialDate.parse_optional(start),
        valid_to=PartialDate.parse_optional(end),
        qualifiers=qualifiers,
        stated_at=date.fromisoformat(published),
        evidence=(
            Evidence(
                document_id=f"doc-{published}-{abs(hash(sentence)) % 10_000}",
                sentence=sentence,
                start=0,
                end=len(sentence),
                url=f"https://example.org/{published}",
                published=date.fromisoformat(published),
                extractor="test",
            ),
        ),
    )


PARTNERSHIP = [
    statement(
        ACME,
        Relation.PARTNERS_WITH,
        GLOBEX,
        "2021-02-09",
        "Acme and Globex announced a cloud alliance on Tuesday.",
        "2021-02-09",
        status="announced",
    ),
    statement(
        ACME,
        Relation.PARTNERS_WITH,
        GLOBEX,
        "2022-06-15",
        "Acme expanded its Globex alliance to cover robotics training.",
        "2021",
        status="active",
    ),
    statement(
        ACME,
        Relation.PARTNERS_WITH,
        GLOBEX,
        "2024-10-02",
        "Talks between Acme and Globex have grown tense.",
        status="strained",
    ),
    statement(
        ACME,
        Relation.PARTNERS_WITH,
        GLOBEX,
        "2025-04-01",
        "Acme ended its partnership with Globex in March.",
        end="2025-03",
        status="ended",
    ),
]
SUCCESSION = [
    statement(
        ANA,
        Relation.EXECUTIVE_OF,
        ACME,
        "2012-03-01",
        "Ana Ortiz became Acme's chief executive.",
        "2012-03",
        role="CEO",
    ),
    statement(
        BEN,
        Relation.EXECUTIVE_OF,
        ACME,
        "2018-05-20",
        "Ben Okafor succeeds Ana Ortiz as Acme CEO.",
        "2018-05-20",
        role="CEO",
    ),
    statement(
        CHLOE,
        Relation.EXECUTIVE_OF,
        ACME,
        "2023-01-10",
        "Chloe Brandt takes over as Acme's CEO.",
        "2023-01",
        role="CEO",
    ),
]
CALLED_OFF = [
    statement(
        INITECH,
        Relation.ACQUIRES,
        HOOLI,
        "2016-06-13",
        "Initech agreed to buy Hooli for $2 billion.",
        "2016-06-13",
        status="announced",
        amount="2000000000",
        currency="USD",
    ),
    statement(
        INITECH,
        Relation.ACQUIRES,
        HOOLI,
        "2016-09-30",
        "Initech called off its planned takeover of Hooli.",
        end="2016-09-30",
        status="ended",
    ),
]
ALL = PARTNERSHIP + SUCCESSION + CALLED_OFF


def fresh_store() -> Store:
    store = open_store("sqlite:///:memory:")
    store.write(Batch(ENTITIES))
    return store


def ingest(store: Store, statements: list[Fact]) -> None:
    for s in statements:
        store.write(Batch((), (s,)))


def final_state(store: Store) -> list[tuple[object, ...]]:
    return sorted(
        (
            f.id,
            str(f.valid_from),
            str(f.valid_to),
            tuple(sorted(f.qualifiers.items())),
            f.confidence,
            f.stated_at,
            tuple(sorted(e.id for e in f.evidence)),
        )
        for f in store.find_facts(FactPattern())
    )


def holds(store: Store, s: Entity, rel: Relation, o: Entity, day: str) -> Fact | None:
    found = queries.facts(store, s.id, rel, o.id, as_of=date.fromisoformat(day))
    return found[0] if found else None


def check_answers(store: Store) -> None:
    """The right answer at every as-of date for the three scenarios."""
    p = (ACME, Relation.PARTNERS_WITH, GLOBEX)
    assert holds(store, *p, "2021-02-08") is None
    assert holds(store, *p, "2021-02-09") is not None  # the finer start refines "2021"
    assert holds(store, *p, "2025-02-28") is not None
    assert holds(store, *p, "2025-03-01") is None  # "ended in March"
    [f] = queries.facts(store, ACME.id, Relation.PARTNERS_WITH, GLOBEX.id, as_of=queries.ANY_TIME)
    assert (str(f.valid_from), str(f.valid_to), f.qualifiers["status"]) == (
        "2021-02-09",
        "2025-03",
        "ended",
    )
    ceo = {
        day: [
            x.subject
            for x in queries.facts(
                store, None, Relation.EXECUTIVE_OF, ACME.id, as_of=date.fromisoformat(day)
            )
        ]
        for day in (
            "2011-12-31",
            "2015-06-01",
            "2018-05-19",
            "2018-05-20",
            "2022-12-31",
            "2023-01-01",
            "2030-01-01",
        )
    }
    assert ceo == {
        "2011-12-31": [],
        "2015-06-01": [ANA.id],
        "2018-05-19": [ANA.id],
        "2018-05-20": [BEN.id],
        "2022-12-31": [BEN.id],
        "2023-01-01": [CHLOE.id],
        "2030-01-01": [CHLOE.id],
    }
    deal = (INITECH, Relation.ACQUIRES, HOOLI)
    assert holds(store, *deal, "2016-07-01") is not None
    assert holds(store, *deal, "2016-09-29") is not None
    assert holds(store, *deal, "2016-09-30") is None
    [d] = queries.facts(store, INITECH.id, Relation.ACQUIRES, HOOLI.id, as_of=queries.ANY_TIME)
    assert d.qualifiers["status"] == "ended" and d.qualifiers["amount"] == "2000000000"


def test_scenarios_in_publication_order() -> None:
    store = fresh_store()
    ingest(store, ALL)
    check_answers(store)


@pytest.mark.parametrize("seed", range(12))
def test_scenarios_in_any_order_give_the_same_graph(seed: int) -> None:
    reference = fresh_store()
    ingest(reference, ALL)
    shuffled = ALL[:]
    random.Random(seed).shuffle(shuffled)
    store = fresh_store()
    ingest(store, shuffled)
    check_answers(store)
    assert final_state(store) == final_state(reference)


def test_every_order_of_the_succession() -> None:
    results = set()
    for order in itertools.permutations(SUCCESSION):
        store = fresh_store()
        ingest(store, list(order))
        results.add(tuple(final_state(store)))
    assert len(results) == 1


def test_known_at_answers_what_was_known_then() -> None:
    store = fresh_store()
    moments = []
    for s in PARTNERSHIP:
        store.write(Batch((), (s,)))
        moments.append(datetime.now(UTC))
    statuses = []
    for moment in moments:
        [f] = store.find_facts(FactPattern(subject=ACME.id, known_at=moment))
        statuses.append((f.qualifiers["status"], str(f.valid_to)))
    assert statuses == [
        ("announced", "None"),
        ("active", "None"),
        ("strained", "None"),
        ("ended", "2025-03"),
    ]
    # As known before the ending, the partnership still held in April 2025.
    before_end = queries.facts(
        store,
        ACME.id,
        Relation.PARTNERS_WITH,
        GLOBEX.id,
        as_of=date(2025, 4, 2),
        known_at=moments[2],
    )
    assert len(before_end) == 1
    assert not queries.facts(
        store, ACME.id, Relation.PARTNERS_WITH, GLOBEX.id, as_of=date(2025, 4, 2)
    )


def test_closing_never_touches_another_pair() -> None:
    store = open_store("sqlite:///:memory:")
    rng = random.Random(7)
    orgs = [Entity.named(f"Company {i:03d}", "Organization") for i in range(120)]
    store.write(Batch(tuple(orgs)))
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < 1000:
        a, b = rng.sample(range(120), 2)
        pairs.add((min(a, b), max(a, b)))
    originals = []
    for a, b in sorted(pairs):
        year = rng.randint(1995, 2020)
        originals.append(
            statement(
                orgs[a],
                Relation.PARTNERS_WITH,
                orgs[b],
                f"{year}-01-15",
                f"{orgs[a].name} partners with {orgs[b].name}.",
                str(year),
            )
        )
    store.write(Batch((), tuple(originals)))
    ended = rng.sample(originals, 100)
    endings = tuple(
        statement(
            orgs[0], Relation.PARTNERS_WITH, orgs[1], "2023-05-02", "placeholder"
        ).with_changes(
            subject=f.subject,
            object=f.object,
            valid_to=PartialDate(2023, 4),
            qualifiers={"status": "ended"},
            evidence=(
                Evidence(
                    f"end-{f.id}",
                    f"The {f.subject}/{f.object} alliance ended in April.",
                    0,
                    40,
                    published=date(2023, 5, 2),
                ),
            ),
        )
        for f in ended
    )
    store.write(Batch((), endings))
    closed = {f.id for f in store.find_facts(FactPattern()) if f.valid_to is not None}
    assert closed == {f.id for f in ended}
    assert len(list(store.find_facts(FactPattern()))) == 1000


def test_retracting_evidence_and_facts_keeps_history() -> None:
    store = fresh_store()
    ingest(store, PARTNERSHIP)
    [f] = store.find_facts(FactPattern(subject=ACME.id))
    ending = next(e for e in f.evidence if e.qualifiers.get("status") == "ended")
    before = datetime.now(UTC)
    updated = store.retract(f.id, ending.id, reason="misread: the talks continued")
    assert updated.valid_to is None and updated.qualifiers["status"] == "strained"
    assert holds(store, ACME, Relation.PARTNERS_WITH, GLOBEX, "2025-06-01") is not None
    [then] = store.find_facts(FactPattern(subject=ACME.id, known_at=before))
    assert str(then.valid_to) == "2025-03" and ending.id in {e.id for e in then.evidence}
    with pytest.raises(NotFound):
        store.retract(f.id, "ev-nope")
    store.retract(f.id, reason="duplicate of another fact")
    assert list(store.find_facts(FactPattern(subject=ACME.id))) == []
    assert len(list(store.find_facts(FactPattern(subject=ACME.id, known_at=before)))) == 1
    record = fact_record(store, f.id)
    assert record.retracted and len(record.versions) >= 5
    with pytest.raises(NotFound):
        get_fact(store, f.id)
    feed = changes(store, since=date.today(), until=date.today() + timedelta(days=1))
    assert [c.kind for c in feed].count("corrected") == 2


def test_status_events_timeline_and_change_feed() -> None:
    store = fresh_store()
    ingest(store, list(reversed(ALL)))
    [f] = queries.facts(store, ACME.id, Relation.PARTNERS_WITH, GLOBEX.id, as_of=queries.ANY_TIME)
    record = fact_record(store, f.id)
    assert [e.status for e in record.status_events] == ["announced", "active", "strained", "ended"]
    assert [str(e.on) for e in record.status_events] == [
        "2021-02-09",
        "2022-06-15",
        "2024-10-02",
        "2025-03",
    ]
    line = timeline(store, ACME.id)
    assert [x.subject for x in line if x.relation is Relation.EXECUTIVE_OF] == [
        ANA.id,
        BEN.id,
        CHLOE.id,
    ]
    feed = changes(store, since=date(2018, 1, 1), until=date(2019, 1, 1))
    assert {(c.kind, c.fact.subject) for c in feed} == {("started", BEN.id), ("ended", ANA.id)}
    for_acme = changes(store, since=date(2025, 1, 1), entity=ACME.id)
    assert [(c.kind, c.detail) for c in for_acme] == [("ended", "2025-03")]


def test_dates_keep_their_precision_end_to_end() -> None:
    store = fresh_store()
    ingest(
        store,
        [
            statement(
                ACME, Relation.COMPETES_WITH, HOOLI, "2019-05-05", "Rivals since 2014.", "2014"
            )
        ],
    )
    [f] = queries.relations(store, ACME.id, as_of=date(2019, 5, 5))
    assert f.valid_from == PartialDate(2014) and f.valid_from.isoformat() == "2014"


DATES = st.dates(min_value=date(1995, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def dated_statements(draw: st.DrawFn) -> list[Fact]:
    out = []
    for i in range(draw(st.integers(1, 6))):
        published = draw(DATES)
        precision = draw(st.sampled_from(["year", "month", "day", None]))
        start = None
        if precision:
            start = {
                "year": published.strftime("%Y"),
                "month": published.strftime("%Y-%m"),
                "day": published.isoformat(),
            }[precision]
        status = draw(st.sampled_from([None, "announced", "active", "strained", "ended"]))
        quals = {"status": status} if status else {}
        end = published.strftime("%Y-%m") if status == "ended" and draw(st.booleans()) else None
        if (
            end
            and start
            and PartialDate.parse(end).end_day() <= PartialDate.parse(start).first_day()
        ):
            end = None
        out.append(
            statement(
                ACME,
                Relation.PARTNERS_WITH,
                GLOBEX,
                published.isoformat(),
                f"Statement {i}.",
                None if end and start and end < start else start,
                end,
                **quals,
            )
        )
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dated_statements(), st.randoms(use_true_random=False))
def test_property_ingestion_order_does_not_matter(
    statements: list[Fact], rng: random.Random
) -> None:
    a = fresh_store()
    ingest(a, statements)
    shuffled = statements[:]
    rng.shuffle(shuffled)
    b = fresh_store()
    ingest(b, shuffled)
    assert final_state(a) == final_state(b)
