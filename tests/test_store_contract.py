"""The store contract: every backend answers these the same way."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from graph import (
    Batch,
    Document,
    Entity,
    EntityType,
    FactPattern,
    InvalidInput,
    NotFound,
    PartialDate,
    Relation,
    history,
    queries,
)
from graph.store import (
    CorrectionLog,
    DocumentHashes,
    DocumentTitles,
    EdgesAsOf,
    EntitiesById,
    EntityListing,
    FactsById,
    FactsOfEntity,
    Revisioned,
    Store,
    open_store,
)
from graph.stores.memory import MemoryStore
from tests.conftest import MAI, MICROSOFT, MICROSOFT_AI, NVIDIA, OPENAI, SULEYMAN, fact


def all_facts(store: Store) -> list:
    return list(store.find_facts(FactPattern()))


def test_write_then_find_by_pattern(store: Store, sample_batch: Batch) -> None:
    result = store.write(sample_batch)
    assert (result.facts_added, result.entities_added) == (5, 6)
    found = list(store.find_facts(FactPattern(subject="microsoft")))
    assert {f.relation for f in found} == {
        Relation.PARTNERS_WITH,
        Relation.INVESTS_IN,
        Relation.COMPETES_WITH,
    }
    only = list(store.find_facts(FactPattern(relation=Relation.DEVELOPS)))
    assert [(f.subject, f.object) for f in only] == [("microsoft-ai", "mai-1-preview")]
    assert len(all_facts(store)) == 5


def test_fact_keeps_everything_it_was_given(store: Store, sample_batch: Batch) -> None:
    store.write(sample_batch)
    [f] = store.find_facts(FactPattern(subject="mustafa-suleyman"))
    assert f.valid_from == PartialDate(2024, 3)
    assert f.qualifiers["role"] == "CEO"
    assert f.recorded_at is not None and f.superseded_at is None
    [ev] = f.evidence
    assert ev.sentence == "Mustafa Suleyman executive_of Microsoft AI."
    assert (ev.start, ev.end, ev.url) == (0, len(ev.sentence), "https://example.org/d1")


def test_symmetric_facts_are_stored_once_and_match_either_order(store: Store) -> None:
    store.write(
        Batch(
            (MICROSOFT, OPENAI),
            (fact(OPENAI, Relation.PARTNERS_WITH, MICROSOFT, doc="a"),),
        )
    )
    store.write(Batch((), (fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, doc="b"),)))
    [f] = all_facts(store)
    assert (f.subject, f.object) == ("microsoft", "openai")
    assert len(f.evidence) == 2
    either = queries.facts(
        store, "openai", Relation.PARTNERS_WITH, "microsoft", as_of=queries.ANY_TIME
    )
    assert [x.id for x in either] == [f.id]


def test_as_of_is_half_open_at_the_precision_given(store: Store) -> None:
    store.write(
        Batch(
            (MICROSOFT, NVIDIA),
            (fact(MICROSOFT, Relation.COMPETES_WITH, NVIDIA, "2020-03", "2022"),),
        )
    )

    def holds(day: str) -> bool:
        return bool(list(store.find_facts(FactPattern(as_of=date.fromisoformat(day)))))

    assert not holds("2020-02-29")
    assert holds("2020-03-01")
    assert holds("2021-12-31")
    assert not holds("2022-01-01")  # "ended in 2022": valid_to compared at its precision


def test_open_ends_hold_at_any_date(store: Store) -> None:
    store.write(Batch((MICROSOFT, OPENAI), (fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI),)))
    assert list(store.find_facts(FactPattern(as_of=date(1900, 1, 1))))
    assert list(store.find_facts(FactPattern(as_of=date(2999, 1, 1))))


def test_same_batch_twice_changes_nothing(store: Store, sample_batch: Batch) -> None:
    store.write(sample_batch)
    before = {(f.id, f.recorded_at, len(f.evidence)) for f in all_facts(store)}
    again = store.write(sample_batch)
    assert (again.facts_added, again.entities_added) == (0, 0)
    after = {(f.id, f.recorded_at, len(f.evidence)) for f in all_facts(store)}
    assert before == after
    assert len(list(store.find_facts(FactPattern(include_superseded=True)))) == 5


def test_second_source_adds_evidence_and_refines_the_start(store: Store) -> None:
    store.write(
        Batch((MICROSOFT, OPENAI), (fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, "2019", doc="a"),))
    )
    store.write(Batch((), (fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, "2019-07", doc="b"),)))
    [f] = all_facts(store)
    assert f.valid_from == PartialDate(2019, 7)
    assert {e.document_id for e in f.evidence} == {"a", "b"}
    # An earlier, unrelated start keeps the earliest start the evidence supports.
    store.write(Batch((), (fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, "2018", doc="c"),)))
    [f] = all_facts(store)
    assert f.valid_from == PartialDate(2018)


def test_known_at_sees_the_version_known_then(store: Store) -> None:
    store.write(
        Batch((MICROSOFT, OPENAI), (fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, "2019", doc="a"),))
    )
    [first] = all_facts(store)
    assert first.recorded_at is not None
    between = first.recorded_at + timedelta(microseconds=1)
    store.write(Batch((), (fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, "2019-07", doc="b"),)))
    [now] = all_facts(store)
    assert now.valid_from == PartialDate(2019, 7)
    [then] = store.find_facts(FactPattern(known_at=between))
    assert then.valid_from == PartialDate(2019)
    assert [e.document_id for e in then.evidence] == ["a"]
    before_anything = first.recorded_at - timedelta(seconds=1)
    assert list(store.find_facts(FactPattern(known_at=before_anything))) == []
    versions = list(store.find_facts(FactPattern(include_superseded=True)))
    assert len(versions) == 2 and sum(v.superseded_at is None for v in versions) == 1


def test_document_with_same_content_is_skipped(store: Store) -> None:
    doc = Document("Microsoft and OpenAI renewed their pact.", url="https://example.org/x")
    batch = Batch(
        (MICROSOFT, OPENAI), (fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, doc=doc.id),), doc
    )
    assert not store.write(batch).skipped
    assert store.write(batch).skipped
    assert store.get_document(doc.id).text == doc.text
    with pytest.raises(NotFound):
        store.get_document("doc-missing")


def test_a_failing_batch_writes_nothing(store: Store) -> None:
    doc = Document("Some article text.", published=date(2025, 1, 2))
    ghost = Entity.named("Ghost Corp", "Organization")
    bad = Batch(
        (MICROSOFT, OPENAI),
        (
            fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI),
            fact(MICROSOFT, Relation.ACQUIRES, ghost),
        ),
        doc,
    )
    with pytest.raises(InvalidInput, match="ghost-corp"):
        store.write(bad)
    assert all_facts(store) == []
    assert store.find_entities() == []
    with pytest.raises(NotFound):
        store.get_document(doc.id)


def test_entities_by_id_name_and_alias(store: Store, sample_batch: Batch) -> None:
    store.write(sample_batch)
    assert store.get_entity("microsoft").aliases == ("Microsoft Corp", "MSFT")
    assert store.get_entity("microsoft").wikidata == "Q2283"
    with pytest.raises(NotFound):
        store.get_entity("nope")
    assert [e.id for e in store.find_entities("MICRO")] == ["microsoft", "microsoft-ai"]
    assert [e.id for e in store.find_entities("msft")] == ["microsoft"]
    assert [e.id for e in store.find_entities(None, EntityType.PERSON)] == ["mustafa-suleyman"]
    assert [e.id for e in store.find_entities("micro", limit=1)] == ["microsoft"]


def test_new_aliases_are_added_to_a_known_entity(store: Store) -> None:
    store.write(Batch((MICROSOFT,)))
    store.write(
        Batch((Entity("microsoft", "Microsoft", EntityType.ORGANIZATION, ("Redmond giant",)),))
    )
    assert store.get_entity("microsoft").aliases == ("Microsoft Corp", "MSFT", "Redmond giant")


@pytest.mark.parametrize(
    "name",
    [
        'O\'Reilly "Media"; DROP TABLE facts;--',
        "' OR 1=1 --",
        "MATCH (n) DETACH DELETE n",
        "SELECT * WHERE { ?s ?p ?o }",
        "back\\slash %_ wildcard",
        "שלום عربي Ltd",
        "🚀 Rocket AI",
        "x" * 100_000,
    ],
)
def test_hostile_names_are_stored_and_returned_exactly(store: Store, name: str) -> None:
    entity = Entity.named(name, "Organization")
    store.write(Batch((entity, OPENAI), (fact(entity, Relation.PARTNERS_WITH, OPENAI),)))
    assert store.get_entity(entity.id).name == name
    assert [e.name for e in store.find_entities(name[:50])] == [name]
    [f] = queries.relations(store, entity.id, as_of=queries.ANY_TIME)
    assert f.involves(entity.id)
    assert store.get_entity("openai").name == "OpenAI"


def test_nul_bytes_are_refused() -> None:
    with pytest.raises(InvalidInput, match="NUL"):
        Entity.named("Bad\x00Name", "Organization")


def test_relations_of_an_entity_by_direction(store: Store, sample_batch: Batch) -> None:
    store.write(sample_batch)
    day = date(2025, 9, 11)
    both = queries.relations(store, "openai", as_of=day)
    assert {f.relation for f in both} == {Relation.PARTNERS_WITH, Relation.INVESTS_IN}
    incoming = queries.relations(store, "openai", as_of=day, direction="in")
    assert {f.relation for f in incoming} == {Relation.PARTNERS_WITH, Relation.INVESTS_IN}
    outgoing = queries.relations(store, "openai", as_of=day, direction="out")
    assert {f.relation for f in outgoing} == {Relation.PARTNERS_WITH}  # symmetric: both ways
    only = queries.relations(store, "microsoft", as_of=day, relation=Relation.INVESTS_IN)
    assert [f.object for f in only] == ["openai"]
    # competes_with ended in 2022: gone as of 2025, there as of 2021.
    assert Relation.COMPETES_WITH not in {
        f.relation for f in queries.relations(store, "nvidia", as_of=day)
    }
    assert queries.relations(store, "nvidia", as_of=date(2021, 5, 1))
    assert not queries.relations(store, "nvidia", as_of=date(2022, 5, 1))
    with pytest.raises(InvalidInput):
        queries.relations(store, "openai", direction="sideways")  # type: ignore[arg-type]


def test_resolve_entity_and_suggestions(store: Store, sample_batch: Batch) -> None:
    store.write(sample_batch)
    assert queries.resolve_entity(store, "MSFT").id == "microsoft"
    assert queries.resolve_entity(store, "microsoft corp").id == "microsoft"
    with pytest.raises(NotFound) as caught:
        queries.resolve_entity(store, "Microsfot")
    assert "Microsoft" in caught.value.suggestions


def test_snapshot_is_the_graph_as_of_a_date(store: Store, sample_batch: Batch) -> None:
    store.write(sample_batch)
    g2021 = queries.snapshot(store, date(2021, 1, 1))
    g2025 = queries.snapshot(store, date(2025, 9, 11))
    assert g2021.has_edge("microsoft", "nvidia") and not g2025.has_edge("microsoft", "nvidia")
    assert g2025.has_edge("microsoft-ai", "mai-1-preview")
    assert g2025.has_edge("openai", "microsoft")  # symmetric edges go both ways
    assert g2025.nodes["mustafa-suleyman"]["type"] == "Person"


def test_known_at_before_anything_was_recorded(store: Store, sample_batch: Batch) -> None:
    store.write(sample_batch)
    long_ago = datetime(2000, 1, 1, tzinfo=UTC)
    assert queries.relations(store, "microsoft", as_of=queries.ANY_TIME, known_at=long_ago) == []


def test_default_as_of_is_today(store: Store) -> None:
    store.write(
        Batch(
            (MICROSOFT, NVIDIA, SULEYMAN, MICROSOFT_AI, MAI),
            (fact(MICROSOFT, Relation.COMPETES_WITH, NVIDIA, "2001", "2002"),),
        )
    )
    assert queries.relations(store, "microsoft") == []
    assert len(queries.relations(store, "microsoft", as_of=queries.ANY_TIME)) == 1


def test_entity_search_puts_exact_then_prefix_matches_first(store: Store) -> None:
    """Names before aliases (issue 16: typing "Micro" opens Microsoft, not an alias that
    starts so): the exact name, name prefixes, the exact alias, alias prefixes, then
    substrings, each group however many weaker matches the store holds."""
    names = [f"Ametaphor {i:02d}" for i in range(60)] + ["Metamorph Labs", "Meta Platforms"]
    store.write(Batch(tuple(Entity.named(n, "Organization") for n in names)))
    store.write(Batch((Entity.named("Zeta Meta", "Organization", ["META"]),)))
    assert [e.name for e in store.find_entities("meta", limit=1)] == ["Meta Platforms"]
    top = [e.name for e in store.find_entities("meta", limit=4)]
    assert top == ["Meta Platforms", "Metamorph Labs", "Zeta Meta", "Ametaphor 00"]
    store.write(Batch((Entity.named("Meta", "Organization"),)))
    assert [e.name for e in store.find_entities("meta", limit=2)] == ["Meta", "Meta Platforms"]


def test_a_retracted_statement_written_again_stays_retracted(store: Store) -> None:
    """Re-ingesting the same document does not resurrect what a reviewer retracted,
    and a retracted holder is not ended by a successor; a new statement brings it back."""
    ann = MICROSOFT_AI  # any two orgs would do; the role needs a person
    first = fact(SULEYMAN, Relation.EXECUTIVE_OF, ann, "2020", doc="a", role="CEO")
    store.write(Batch((SULEYMAN, ann), (first,)))
    [stored] = all_facts(store)
    store.retract(stored.id, reason="misread")
    before = queries.revision(store)

    store.write(Batch((SULEYMAN, ann), (first,)))  # the same statement, again
    assert all_facts(store) == []
    assert list(store.find_facts(FactPattern(fact_id=stored.id))) == []
    assert queries.revision(store) == before

    successor = fact(NVIDIA, Relation.EXECUTIVE_OF, ann, "2024", doc="b", role="CEO")
    store.write(Batch((NVIDIA, ann), (successor,)))  # a successor must not revive it
    assert [f.subject for f in all_facts(store)] == [NVIDIA.id]

    again = fact(SULEYMAN, Relation.EXECUTIVE_OF, ann, "2020", doc="c", role="CEO")
    store.write(Batch((SULEYMAN, ann), (again,)))  # another document says it: it is back
    [back] = store.find_facts(FactPattern(subject=SULEYMAN.id))
    assert [e.document_id for e in back.evidence if not e.succession] == ["c"]
    assert back.valid_to == PartialDate(2024)  # and the successor now ends it


def test_a_retracted_claim_written_again_does_not_move_the_dates(store: Store) -> None:
    early = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2016", doc="wrong")
    right = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019-07", doc="right")
    store.write(Batch((MICROSOFT, OPENAI), (early, right)))
    [f] = all_facts(store)
    assert f.valid_from == PartialDate(2016)
    [bad] = [e for e in f.evidence if e.document_id == "wrong"]
    fixed = store.retract(f.id, bad.id, reason="misread the year")
    assert fixed.valid_from == PartialDate(2019, 7)

    store.write(Batch((MICROSOFT, OPENAI), (early,)))  # the misread document, re-ingested
    [f] = all_facts(store)
    assert f.valid_from == PartialDate(2019, 7)
    assert [e.document_id for e in f.evidence] == ["right"]


# -- capabilities: each answers as its fallback does (the memory store takes every one) ----

CAPABILITIES = (
    FactsOfEntity,
    EntitiesById,
    EdgesAsOf,
    FactsById,
    EntityListing,
    DocumentTitles,
    DocumentHashes,
    Revisioned,
    CorrectionLog,
)


def test_the_reference_store_has_none_of_the_capabilities() -> None:
    store = open_store("memory://")
    assert isinstance(store, MemoryStore) and isinstance(store, Store)
    assert [c.__name__ for c in CAPABILITIES if isinstance(store, c)] == []
    assert store.find_entities() == []
    assert isinstance(open_store("MEMORY://"), MemoryStore)
    with pytest.raises(InvalidInput, match="memory://"):
        open_store("memory://somewhere")


def test_every_entity(store: Store, sample_batch: Batch) -> None:
    assert list(queries.all_entities(store)) == []
    store.write(sample_batch)
    every = {e.id: e for e in queries.all_entities(store)}
    assert set(every) == {e.id for e in sample_batch.entities}
    assert every["microsoft"].aliases == ("Microsoft Corp", "MSFT")


def test_entities_by_id(store: Store, sample_batch: Batch) -> None:
    store.write(sample_batch)
    found = queries.entities_by_id(store, ["openai", "microsoft", "openai"])
    assert list(found) == ["openai", "microsoft"]
    assert found["microsoft"] == store.get_entity("microsoft")
    with pytest.raises(NotFound):
        queries.entities_by_id(store, ["openai", "nope"])


def all_facts_on(store: Store, day: date) -> list:
    return list(store.find_facts(FactPattern(as_of=day)))


def test_edges_as_of_are_the_facts_holding_that_day(store: Store, sample_batch: Batch) -> None:
    store.write(sample_batch)
    for day in (date(2021, 1, 1), date(2025, 9, 11)):
        held = [(f.id, f.subject, f.object, f.relation.value) for f in all_facts_on(store, day)]
        assert list(queries.as_of_edges(store, day)) == held
    picked = [Relation.DEVELOPS, Relation.COMPETES_WITH]
    edges = list(queries.as_of_edges(store, date(2021, 1, 1), relations_=picked))
    assert [e[3] for e in edges] == ["competes_with"]  # develops starts in 2025
    long_ago = datetime(2000, 1, 1, tzinfo=UTC)
    assert list(queries.as_of_edges(store, queries.ANY_TIME, known_at=long_ago)) == []


def test_facts_by_id(store: Store, sample_batch: Batch) -> None:
    store.write(sample_batch)
    ended = fact(MICROSOFT, Relation.COMPETES_WITH, NVIDIA).id
    invests = fact(MICROSOFT, Relation.INVESTS_IN, OPENAI).id
    wanted = [ended, invests, "f-unknown"]
    found = queries.facts_by_id(store, wanted, as_of=queries.ANY_TIME)
    assert set(found) == {ended, invests}
    assert found[invests].qualifiers["amount"] == "1000000000"
    assert [e.document_id for e in found[invests].evidence] == ["d1"]
    assert set(queries.facts_by_id(store, wanted, as_of=date(2025, 9, 11))) == {invests}
    long_ago = datetime(2000, 1, 1, tzinfo=UTC)
    assert queries.facts_by_id(store, wanted, queries.ANY_TIME, known_at=long_ago) == {}


def test_has_document(store: Store) -> None:
    doc = Document("Nvidia supplies OpenAI.", title="Chips")
    named = Document("Microsoft backs OpenAI.", doc_id="press-1")
    assert not queries.has_document(store, doc)
    store.write(Batch(document=doc))
    store.write(Batch(document=named))
    assert queries.has_document(store, doc)
    assert queries.has_document(store, Document(doc.text))  # the content, whatever the title
    assert queries.has_document(store, named)
    assert queries.has_document(store, Document(doc.text, doc_id="press-2"))  # reposted, named
    assert not queries.has_document(store, Document("Something else."))


def test_revision_marks_every_change_or_is_none(store: Store, sample_batch: Batch) -> None:
    first = queries.revision(store)
    if not isinstance(store, Revisioned):
        assert first is None
        return
    assert first is not None
    store.write(sample_batch)
    second = queries.revision(store)
    assert second is not None and second > first
    store.write(sample_batch)  # nothing new: no change
    assert queries.revision(store) == second
    [f] = store.find_facts(FactPattern(subject="mustafa-suleyman"))
    store.retract(f.id)
    assert (queries.revision(store) or 0) > second


def test_corrections_are_the_retractions_of_a_window(store: Store) -> None:
    early = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2016", doc="wrong")
    right = fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019-07", doc="right")
    gone = fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, "2019", doc="a")
    store.write(Batch((MICROSOFT, OPENAI), (early, right, gone)))
    store.write(Batch((), (fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, "2019-07", doc="b"),)))
    [partners] = store.find_facts(FactPattern(relation=Relation.PARTNERS_WITH))
    [bad] = [e for e in partners.evidence if e.document_id == "wrong"]
    assert history.corrections(store) == []

    store.retract(partners.id, bad.id, reason="misread the year")
    store.retract(gone.id, reason="no such deal")
    found = history.corrections(store)
    assert [(c.fact_id, c.evidence_id) for c in found] == [(partners.id, bad.id), (gone.id, None)]
    if isinstance(store, CorrectionLog):
        assert [c.reason for c in found] == ["misread the year", "no such deal"]
    else:  # read off the versions: the reason is not kept
        assert [c.reason for c in found] == ["retracted", "retracted"]
    between = found[1].recorded_at
    assert history.corrections(store, until=between) == found[:1]
    assert history.corrections(store, since=between) == found[1:]

    feed = history.changes(store, since=date(2000, 1, 1))
    corrected = [c for c in feed if c.kind == "corrected"]
    assert [(c.fact.id, c.on) for c in corrected] == [(c.fact_id, c.recorded_at) for c in found]
    assert corrected[0].detail.startswith(f"evidence {bad.id} retracted")
    assert corrected[1].detail.startswith("fact retracted")
