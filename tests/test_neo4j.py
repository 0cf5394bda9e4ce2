"""Neo4j-only behaviour: the graph as the Browser shows it, and the exploration kit.

The contract suite (tests/test_store_contract.py) already runs against Neo4j;
these tests look inside the database, so they use Cypher directly.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, date
from pathlib import Path

import neo4j.time
import pytest
import typer
from typer.testing import CliRunner

from cli import neo4j_cmd
from graph import (
    Batch,
    Conflict,
    Document,
    Entity,
    Evidence,
    Fact,
    FactPattern,
    InvalidInput,
    PartialDate,
    Relation,
    StoreUnavailable,
    open_store,
)
from graph.store import Store
from graph.stores.neo4j import Neo4jStore
from tests.conftest import MICROSOFT, NVIDIA, OPENAI, ROOT, fact

QUERIES = ROOT / "scripts" / "neo4j" / "queries.cypher"
DOCS = ROOT / "docs" / "cypher.md"


@pytest.fixture
def neo(neo4j_url: str) -> Iterator[Neo4jStore]:
    store = open_store(neo4j_url)
    assert isinstance(store, Neo4jStore)
    store.delete_everything()
    yield store
    store.close()


def rows(store: Neo4jStore, query: str, **params: object) -> list[dict[str, object]]:
    """Through the same guard as ``POST /cypher``: every query here must pass it."""
    return store.read_cypher(query, params)


def trusted_rows(store: Neo4jStore, query: str) -> list[dict[str, object]]:
    """Maintenance queries the guard refuses to callers (``SHOW …``)."""
    return store.read_cypher(query, checked=False)


def load_queries(path: Path = QUERIES) -> dict[str, str]:
    """``// name: x`` blocks of queries.cypher → {name: query text without comments}."""
    found: dict[str, str] = {}
    for block in re.split(r"^// name: ", path.read_text(), flags=re.M)[1:]:
        name, _, body = block.partition("\n")
        lines = [line for line in body.splitlines() if not line.startswith("//")]
        text = "\n".join(lines).strip()
        assert text.endswith(";"), f"query {name} must end with a ';' line"
        found[name.strip()] = text[:-1].strip()
    return found


# -- the graph model ------------------------------------------------------------------


def test_relations_are_typed_relationships(neo: Neo4jStore, sample_batch: Batch) -> None:
    neo.write(sample_batch)
    types = {r["t"] for r in rows(neo, "CALL db.relationshipTypes() YIELD relationshipType AS t")}
    expected = {"PARTNERS_WITH", "INVESTS_IN", "EXECUTIVE_OF", "DEVELOPS", "COMPETES_WITH"}
    assert expected <= types
    assert types - expected <= {"STATES", "CORRECTS"} | {r.neo4j_type for r in Relation}
    [edge] = rows(
        neo,
        "MATCH (a:Entity)-[r:PARTNERS_WITH]->(b:Entity) "
        "RETURN a.id AS a, b.id AS b, labels(a) AS labels, r.status AS status",
    )
    assert (edge["a"], edge["b"], edge["status"]) == ("microsoft", "openai", "strained")
    assert set(edge["labels"]) == {"Entity", "Organization"}  # type: ignore[arg-type]
    person = rows(neo, "MATCH (p:Person) RETURN p.name AS name, p.aliases AS aliases")
    assert person == [{"name": "Mustafa Suleyman", "aliases": []}]


def test_dates_are_neo4j_dates_with_their_precision(neo: Neo4jStore) -> None:
    neo.write(
        Batch(
            (MICROSOFT, NVIDIA),
            (fact(MICROSOFT, Relation.COMPETES_WITH, NVIDIA, "2020-03", "2022"),),
        )
    )
    [r] = rows(neo, "MATCH ()-[r:COMPETES_WITH]->() RETURN properties(r) AS r")
    edge = r["r"]
    assert isinstance(edge, dict)
    assert edge["valid_from"] == neo4j.time.Date(2020, 3, 1)
    assert edge["valid_to"] == neo4j.time.Date(2022, 1, 1)
    assert (edge["valid_from_precision"], edge["valid_to_precision"]) == ("month", "year")
    assert (edge["valid_from_iso"], edge["valid_to_iso"]) == ("2020-03", "2022")
    recorded = edge["recorded_at"]
    assert isinstance(recorded, neo4j.time.DateTime)
    assert recorded.utcoffset() is not None and recorded.utcoffset().total_seconds() == 0
    assert "superseded_at" not in edge  # current version
    [f] = neo.find_facts(FactPattern())
    assert f.recorded_at is not None and f.recorded_at.tzinfo is not None
    assert f.recorded_at == recorded.to_native().astimezone(UTC)


def test_constraints_and_indexes_exist(neo: Neo4jStore) -> None:
    constraints = {r["name"] for r in trusted_rows(neo, "SHOW CONSTRAINTS YIELD name")}
    assert {"entity_id", "fact_id", "document_id", "document_content_hash"} <= constraints
    indexes = {r["name"] for r in trusted_rows(neo, "SHOW INDEXES YIELD name")}
    assert {f"{r.value}_fact_id" for r in Relation} <= indexes
    neo.ensure_schema()  # idempotent


def test_evidence_is_one_hop_from_the_fact_node(neo: Neo4jStore) -> None:
    doc = Document("Microsoft and OpenAI renewed their pact.", title="Pact renewed")
    neo.write(
        Batch(
            (MICROSOFT, OPENAI),
            (fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019-07", doc=doc.id),),
            doc,
        )
    )
    [row] = rows(
        neo,
        "MATCH (:Entity)-[r:PARTNERS_WITH]->(:Entity) "
        "MATCH (:Fact {id: r.fact_id})<-[st:STATES]-(d:Document) "
        "RETURN d.title AS title, st.sentence AS sentence, st.claim_from AS claim",
    )
    assert row == {
        "title": "Pact renewed",
        "sentence": "Microsoft partners_with OpenAI.",
        "claim": "2019-07",
    }


def test_retraction_marks_evidence_and_records_a_correction(neo: Neo4jStore) -> None:
    neo.write(Batch((MICROSOFT, OPENAI), (fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, "2019"),)))
    [f] = neo.find_facts(FactPattern())
    neo.retract(f.id, reason="wrong company")
    assert list(neo.find_facts(FactPattern())) == []
    assert len(list(neo.find_facts(FactPattern(include_superseded=True)))) == 1
    [c] = neo.corrections()
    assert (c.fact_id, c.reason) == (f.id, "wrong company")
    [st] = rows(neo, "MATCH ()-[st:STATES]->(:Fact) RETURN st.retracted_at AS at")
    assert isinstance(st["at"], neo4j.time.DateTime)


@pytest.mark.parametrize(
    "name",
    [
        "MATCH (n) DETACH DELETE n",
        "x'}) DETACH DELETE n //",
        '"}) WITH 1 AS x MATCH (m) DELETE m //',
        "`PARTNERS_WITH` $param {id: 1}",
        "\\u0027; CALL dbms.components() //",
    ],
)
def test_cypher_looking_names_are_stored_verbatim(neo: Neo4jStore, name: str) -> None:
    entity = Entity.named(name, "Organization", [name + " Inc"])
    neo.write(Batch((entity, OPENAI), (fact(entity, Relation.PARTNERS_WITH, OPENAI),)))
    assert neo.get_entity(entity.id).name == name
    assert neo.get_entity(entity.id).aliases == (name + " Inc",)
    stored = rows(neo, "MATCH (e:Entity) RETURN e.name AS name ORDER BY name")
    assert sorted(r["name"] for r in stored) == sorted([name, "OpenAI"])  # type: ignore[type-var]
    assert (
        len(list(neo.find_facts(FactPattern(subject=entity.id))))
        + len(list(neo.find_facts(FactPattern(object=entity.id))))
        == 1
    )


def test_read_cypher_refuses_writes(neo: Neo4jStore) -> None:
    with pytest.raises(InvalidInput):
        neo.read_cypher("CREATE (n:Intruder) RETURN n")
    assert rows(neo, "MATCH (n:Intruder) RETURN count(n) AS n") == [{"n": 0}]


def test_concurrent_writers_leave_one_current_version(neo: Neo4jStore, neo4j_url: str) -> None:
    neo.write(Batch((MICROSOFT, OPENAI)))
    errors: list[BaseException] = []

    def writer(i: int) -> None:
        store = open_store(neo4j_url)
        try:
            year = str(2015 + i)
            store.write(
                Batch((), (fact(MICROSOFT, Relation.INVESTS_IN, OPENAI, year, doc=f"d{i}"),))
            )
        except BaseException as exc:  # collected and re-raised below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    [f] = neo.find_facts(FactPattern())
    assert f.valid_from == PartialDate(2015)
    assert len(f.evidence) == 4


def _shape(store: Store) -> list[tuple[object, ...]]:
    """Every version as the store answers it, without the instants (they differ)."""
    return sorted(
        (
            f.id,
            f.superseded_at is None,
            str(f.valid_from),
            str(f.valid_to),
            tuple(sorted(f.qualifiers.items())),
            f.confidence,
            tuple(sorted(e.id for e in f.evidence)),
        )
        for f in store.find_facts(FactPattern(include_superseded=True))
    )


def test_a_batch_is_derived_like_sqlite_fact_by_fact(neo: Neo4jStore, tmp_path: Path) -> None:
    """One batch holding a fact twice, a refinement and a CEO succession in both orders:
    the batched write (read once, derive in Python, UNWIND) gives SQLite's versions."""
    ceo = Entity.named("Ada Byrne", "Person")
    next_ceo = Entity.named("Tomas Kiel", "Person")
    org = Entity.named("Marrowgate", "Organization")
    first = Batch(
        (MICROSOFT, OPENAI, NVIDIA, ceo, next_ceo, org),
        (
            fact(next_ceo, Relation.EXECUTIVE_OF, org, "2022-05", doc="a", role="CEO"),
            fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019", doc="a"),
            fact(ceo, Relation.EXECUTIVE_OF, org, "2018", doc="a", role="CEO"),
            fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019-07", doc="b"),
            fact(OPENAI, Relation.PARTNERS_WITH, MICROSOFT, "2019-07", doc="b"),
        ),
    )
    second = Batch(
        (),
        (
            fact(ceo, Relation.EXECUTIVE_OF, org, "2018-02", doc="c", role="CEO"),
            fact(NVIDIA, Relation.SUPPLIES, OPENAI, "2020", doc="c"),
            fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019-07", doc="c", status="ended"),
        ),
    )
    sqlite = open_store(f"sqlite:///{tmp_path / 'same.db'}")
    try:
        for batch in (first, second):
            ours, theirs = neo.write(batch), sqlite.write(batch)
            assert (ours.facts_added, ours.facts_merged, ours.entities_added) == (
                theirs.facts_added,
                theirs.facts_merged,
                theirs.entities_added,
            )
        assert _shape(neo) == _shape(sqlite)
        assert len(_shape(sqlite)) > len(list(sqlite.find_facts(FactPattern()))) + 2
    finally:
        sqlite.close()
    [ada] = neo.find_facts(FactPattern(subject=ceo.id))
    assert ada.valid_to == PartialDate(2022, 5)  # ended by the successor in the same batch


# -- failure at the boundary ----------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_server_is_store_unavailable_with_one_clear_message() -> None:
    url = f"bolt://127.0.0.1:{closed_port()}"
    with pytest.raises(StoreUnavailable) as caught:
        open_store(url)
    message = caught.value.message
    assert message == f"cannot connect to Neo4j at {url}: the server is unreachable"
    assert "\n" not in message


def test_credentials_in_the_url_are_not_kept_in_its_text() -> None:
    url = f"bolt://someone:s%40cret@127.0.0.1:{closed_port()}"
    with pytest.raises(StoreUnavailable) as caught:
        open_store(url)
    assert "s@cret" not in caught.value.message and "someone" not in caught.value.message


def test_a_closed_store_refuses_to_work(neo4j_url: str) -> None:
    store = open_store(neo4j_url)
    store.close()
    with pytest.raises(StoreUnavailable, match="closed"):
        store.get_entity("microsoft")


# -- the exploration kit --------------------------------------------------------------

ADA = Entity.named("Ada Byrne", "Person")
TOMAS = Entity.named("Tomas Kiel", "Person")
MARROWGATE = Entity.named("Marrowgate", "Organization")


def exploration_data() -> Batch:
    doc = Document(
        "Microsoft and OpenAI deepened their partnership.",
        title="Microsoft and OpenAI",
        published=date(2023, 1, 23),
        doc_id="doc-msft-openai",
    )
    partners = Fact(
        MICROSOFT.id,
        Relation.PARTNERS_WITH,
        OPENAI.id,
        valid_from=PartialDate.parse("2019-07"),
        qualifiers={"status": "active"},
        evidence=(
            Evidence(
                doc.id,
                "Microsoft and OpenAI deepened their partnership.",
                0,
                48,
                published=date(2023, 1, 23),
            ),
        ),
    )
    return Batch(
        (MICROSOFT, OPENAI, NVIDIA, ADA, TOMAS, MARROWGATE),
        (
            partners,
            fact(NVIDIA, Relation.SUPPLIES, OPENAI, "2020"),
            fact(MICROSOFT, Relation.PARTNERS_WITH, MARROWGATE, "2010", "2015"),
            fact(ADA, Relation.EXECUTIVE_OF, MARROWGATE, "2018", role="CEO"),
            fact(TOMAS, Relation.EXECUTIVE_OF, MARROWGATE, "2022-05", doc="d2", role="CEO"),
        ),
        doc,
    )


def test_queries_file_is_well_formed_and_matches_the_enum() -> None:
    queries = load_queries()
    assert set(queries) >= {
        "partners_as_of",
        "ceo_succession",
        "path_between",
        "evidence_for_relationship",
    }
    all_types = "|".join(r.neo4j_type for r in Relation)
    assert all_types in queries["path_between"]


def test_docs_show_every_query_verbatim() -> None:
    docs = DOCS.read_text()
    for name, query in load_queries().items():
        assert query in docs, f"docs/cypher.md lacks the query {name!r} as in queries.cypher"


def test_exploration_queries_answer_against_the_real_server(neo: Neo4jStore) -> None:
    neo.write(exploration_data())
    q = load_queries()

    partners = rows(neo, q["partners_as_of"], company="microsoft", day="2025-09-11")
    assert partners == [
        {"partner": "OpenAI", "since": "2019-07", "until": None, "status": "active"}
    ]
    in_2012 = rows(neo, q["partners_as_of"], company="microsoft", day="2012-06-01")
    assert [r["partner"] for r in in_2012] == ["Marrowgate"]

    ceos = rows(neo, q["ceo_succession"], company="marrowgate")
    assert ceos == [
        {"person": "Ada Byrne", "role": "CEO", "since": "2018", "until": "2022-05"},
        {"person": "Tomas Kiel", "role": "CEO", "since": "2022-05", "until": None},
    ]

    [path] = rows(neo, q["path_between"], **{"from": "microsoft", "to": "nvidia"})
    assert path["names"] == ["Microsoft", "OpenAI", "Nvidia"]
    assert path["relations"] == ["PARTNERS_WITH", "SUPPLIES"]
    assert path["hops"] == 2

    [ev] = rows(
        neo,
        q["evidence_for_relationship"],
        subject="openai",
        relation="PARTNERS_WITH",
        object="microsoft",
    )
    assert ev["document"] == "doc-msft-openai"
    assert ev["source"] == "Microsoft and OpenAI"
    assert ev["published"] == neo4j.time.Date(2023, 1, 23)
    assert (ev["start"], ev["end"]) == (0, 48)
    assert ev["sentence"] == "Microsoft and OpenAI deepened their partnership."

    around = rows(neo, q["neighbourhood"], company="marrowgate")
    assert len(around) == 3  # two CEOs and one past partner

    neo.write(Batch((), (fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019-01", doc="d9"),)))
    history = rows(
        neo,
        q["history_of_relationship"],
        subject="microsoft",
        relation="PARTNERS_WITH",
        object="openai",
    )
    assert [h["since"] for h in history] == ["2019-07", "2019-01"]
    assert history[0]["superseded_at"] is not None and history[1]["superseded_at"] is None


# -- sync: partnergraph neo4j push -----------------------------------------------------


def versions(store: Store) -> set[tuple[object, ...]]:
    """Every version a push must reproduce (versions closed in the same instant excepted)."""
    return {
        (
            f.id,
            f.recorded_at,
            f.superseded_at,
            f.valid_from,
            f.valid_to,
            tuple(sorted(f.qualifiers.items())),
            f.confidence,
            tuple(sorted(e.id for e in f.evidence)),
        )
        for f in store.find_facts(FactPattern(include_superseded=True))
        if f.superseded_at != f.recorded_at
    }


def counts(neo: Neo4jStore) -> dict[str, object]:
    types = "|".join(r.neo4j_type for r in Relation)
    [row] = rows(
        neo,
        f"CALL () {{ MATCH ()-[r:{types}]->() RETURN count(r) AS versions }} "
        "CALL () { MATCH ()-[st:STATES]->() RETURN count(st) AS evidence } "
        "CALL () { MATCH (f:Fact) RETURN count(f) AS facts } "
        "CALL () { MATCH (e:Entity) RETURN count(e) AS entities } "
        "RETURN versions, evidence, facts, entities",
    )
    return row


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Store]:
    store = open_store(f"sqlite:///{tmp_path / 'source.db'}")
    store.write(exploration_data())
    store.write(Batch((), (fact(MICROSOFT, Relation.PARTNERS_WITH, OPENAI, "2019-01", doc="d9"),)))
    yield store
    store.close()


def cli_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """partnergraph (test)."""

    neo4j_cmd.register(app)
    return app


def test_push_copies_every_version_and_then_only_what_changed(
    neo: Neo4jStore, source: Store, tmp_path: Path, neo4j_url: str
) -> None:
    db = f"sqlite:///{tmp_path / 'source.db'}"
    url = neo4j_url  # with its credentials (the server has authentication on)
    runner = CliRunner()
    first = runner.invoke(cli_app(), ["neo4j", "push", "--uri", url, "--db", db])
    assert first.exit_code == 0, first.output
    assert first.output.startswith("pushed 6 entities, 1 documents, 5 facts")
    assert versions(neo) == versions(source)
    before = counts(neo)

    again = runner.invoke(cli_app(), ["neo4j", "push", "--uri", url, "--db", db])
    assert again.exit_code == 0, again.output
    assert again.output.startswith("pushed 0 entities, 0 documents, 0 facts")
    assert "5 facts were already up to date" in again.output
    assert counts(neo) == before

    # A new fact, a new statement of an old one, a retraction: three facts change.
    source.write(Batch((), (fact(NVIDIA, Relation.PARTNERS_WITH, MICROSOFT, "2024", doc="n1"),)))
    source.write(Batch((), (fact(NVIDIA, Relation.SUPPLIES, OPENAI, "2020", doc="n2"),)))
    [supplies] = source.find_facts(FactPattern(relation=Relation.SUPPLIES))
    [partners] = source.find_facts(FactPattern(subject="microsoft", object="openai"))
    source.retract(partners.id, partners.evidence[0].id, reason="misread")
    third = runner.invoke(cli_app(), ["neo4j", "push", "--uri", url, "--db", db])
    assert third.exit_code == 0, third.output
    assert " 3 facts " in third.output and "1 corrections" in third.output
    assert versions(neo) == versions(source)
    [marker] = rows(neo, "MATCH (m:PushMarker) RETURN m.facts AS facts, m.id AS id")
    assert marker == {"facts": 6, "id": f"sqlite:///{(tmp_path / 'source.db').resolve()}"}
    [now] = neo.find_facts(FactPattern(fact_id=supplies.id))
    assert len(now.evidence) == 2


def test_an_interrupted_push_converges_without_duplicates(neo: Neo4jStore, source: Store) -> None:
    def stop_after_two(batch: int) -> None:
        if batch == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        neo4j_cmd.push(source, neo, "test-source", batch_size=1, on_batch=stop_after_two)
    partial = counts(neo)
    assert partial["facts"] == 2  # two whole facts landed, nothing half-written
    summary = neo4j_cmd.push(source, neo, "test-source", batch_size=2)
    assert summary.facts == 3 and summary.unchanged_facts == 2
    assert versions(neo) == versions(source)
    again = neo4j_cmd.push(source, neo, "test-source", batch_size=2)
    assert again.facts == 0
    total = counts(neo)
    assert total["versions"] == len(versions(source))
    assert total["facts"] == 5 and total["entities"] == 6
    # Everything works as a store afterwards, "as known at" included.
    [partners] = neo.find_facts(FactPattern(subject="microsoft", object="openai"))
    assert partners.valid_from == PartialDate(2019, 1)


def test_push_refuses_a_database_written_some_other_way(neo: Neo4jStore, source: Store) -> None:
    neo.write(exploration_data())
    with pytest.raises(Conflict, match="no push wrote"):
        neo4j_cmd.push(source, neo, "test-source")


def test_push_to_an_unreachable_server_is_one_clear_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    url = f"bolt://127.0.0.1:{closed_port()}"
    result = CliRunner().invoke(cli_app(), ["neo4j", "push", "--uri", url, "--db", db])
    assert result.exit_code == 2
    assert (
        result.output.strip()
        == f"error: cannot connect to Neo4j at {url}: the server is unreachable"
    )
