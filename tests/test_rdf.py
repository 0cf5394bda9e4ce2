"""RDF export and import: every format read back by independent parsers, validated
against the shipped SHACL shapes, hostile names harmless, streaming memory flat,
export → import → export isomorphic."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tracemalloc
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import typer
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD
from typer.testing import CliRunner

from api.app import create_app
from api.routers import export as export_router
from api.settings import Settings
from cli.rdf_cmd import register
from graph import Batch, Entity, EntityType, Evidence, Fact, PartialDate, Relation, open_store
from graph.errors import InvalidInput, NotFound
from graph.model import Document
from graph.rdf import FORMATS, export
from graph.rdf_import import import_rdf, read_graph
from graph.rdf_vocab import PG, RdfConfig
from graph.store import FactPattern, Store

AS_OF = date(2023, 6, 1)
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
#: rapper's parser names; raptor2 has no JSON-LD parser, so JSON-LD is checked by
#: pyoxigraph and rdflib only.
RAPPER_PARSERS = {"turtle": "turtle", "ntriples": "ntriples", "nquads": "nquads", "trig": "trig"}

HOSTILE = 'Evil "Corp"> <x>\n\r\t🚀 "; DROP TABLE facts; --'


def ev(
    doc: str,
    sentence: str,
    host: str = "example.org",
    published: str = "2023-01-15",
    **claim: object,
) -> Evidence:
    return Evidence(
        document_id=doc,
        sentence=sentence,
        start=0,
        end=len(sentence),
        url=f"https://{host}/{doc}",
        published=date.fromisoformat(published),
        extractor="test-extractor/1",
        confidence=0.8,
        valid_from=PartialDate.parse_optional(claim.pop("valid_from", None)),  # type: ignore[arg-type]
        valid_to=PartialDate.parse_optional(claim.pop("valid_to", None)),  # type: ignore[arg-type]
        qualifiers=claim,
    )


MICROSOFT = Entity(
    "microsoft", "Microsoft", EntityType.ORGANIZATION, ("MSFT", "Microsoft Corp"), "Q2283"
)
OPENAI = Entity("openai", "OpenAI", EntityType.ORGANIZATION, (), "Q21708200")
NVIDIA = Entity("nvidia", "Nvidia", EntityType.ORGANIZATION, ("NVIDIA Corporation",))
ALTMAN = Entity("sam-altman", "Sam Altman", EntityType.PERSON)
MURATI = Entity("mira-murati", "Mira Murati", EntityType.PERSON)
GPT4 = Entity("gpt-4", "GPT-4", EntityType.PRODUCT)
EVIL = Entity(HOSTILE, HOSTILE, EntityType.ORGANIZATION, ("a>b", 'q"q', "🚀"), "not-a-qid>")
ENTITIES = (MICROSOFT, OPENAI, NVIDIA, ALTMAN, MURATI, GPT4, EVIL)


def base_facts() -> list[Fact]:
    return [
        Fact(
            "microsoft",
            Relation.PARTNERS_WITH,
            "openai",
            evidence=(
                ev("d1", "Microsoft and OpenAI partner.", valid_from="2019-07", status="active"),
                ev("d2", "OpenAI works with Microsoft.", host="news.example.com"),
            ),
        ),
        Fact(
            "microsoft",
            Relation.COMPETES_WITH,
            "nvidia",
            evidence=(ev("d3", "Microsoft rivals Nvidia.", valid_from="2020", valid_to="2021"),),
        ),
        Fact(
            "sam-altman",
            Relation.EXECUTIVE_OF,
            "openai",
            evidence=(ev("d4", "Sam Altman, CEO of OpenAI.", valid_from="2019-03", role="CEO"),),
        ),
        Fact(
            "openai",
            Relation.DEVELOPS,
            "gpt-4",
            evidence=(ev("d5", "OpenAI released GPT-4.", valid_from="2023-03-14"),),
        ),
        Fact(
            "microsoft",
            Relation.INVESTS_IN,
            "openai",
            evidence=(
                ev(
                    "d6",
                    "Microsoft invests $10bn.",
                    valid_from="2023-01",
                    amount="10000000000",
                    currency="USD",
                ),
            ),
        ),
        Fact(
            HOSTILE,
            Relation.PARTNERS_WITH,
            "openai",
            evidence=(
                Evidence(
                    HOSTILE,
                    HOSTILE,
                    0,
                    5,
                    url='https://x.test/"><script>\n',
                    published=date(2023, 2, 1),
                    extractor=HOSTILE,
                ),
            ),
        ),
    ]


def fill(store: Store, history: bool) -> Store:
    store.write(Batch(entities=ENTITIES))
    store.write(Batch(facts=tuple(base_facts())))
    if history:
        # A later statement ends the partnership: the fact gets a second version.
        ended = Fact(
            "microsoft",
            Relation.PARTNERS_WITH,
            "openai",
            evidence=(
                ev(
                    "d7",
                    "Microsoft ended its OpenAI deal.",
                    host="wire.example.net",
                    published="2025-04-01",
                    valid_to="2025-03",
                    status="ended",
                ),
            ),
        )
        store.write(Batch(facts=(ended,)))
    return store


@pytest.fixture
def plain_store(tmp_path: Path) -> Iterator[Store]:
    store = fill(open_store(f"sqlite:///{tmp_path}/plain.db"), history=False)
    yield store
    store.close()


@pytest.fixture
def rich_store(tmp_path: Path) -> Iterator[Store]:
    store = fill(open_store(f"sqlite:///{tmp_path}/rich.db"), history=True)
    yield store
    store.close()


def exported(store: Store, fmt: str, as_of: date = AS_OF, config: RdfConfig | None = None) -> bytes:
    out = io.BytesIO()
    export(store, fmt, as_of, out, config)
    return out.getvalue()


def triples_of(data: bytes, fmt: str) -> Graph:
    return read_graph(io.BytesIO(data), fmt)


SHAPES = Graph().parse(
    data=resources.files("graph.rdf_data").joinpath("shapes.ttl").read_text("utf-8"),
    format="turtle",
)


def conforms(graph: Graph) -> tuple[bool, str]:
    ok, _, text = pyshacl.validate(graph, shacl_graph=SHAPES)
    return bool(ok), str(text)


# -- every format, read back by others ------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_is_read_back_by_pyoxigraph_and_conforms(rich_store: Store, fmt: str) -> None:
    data = exported(rich_store, fmt)
    ours = triples_of(data, fmt)
    theirs = {(q.subject, q.predicate, q.object) for q in ox.parse(data, format=OX_FORMATS[fmt])}
    assert len(theirs) == len(ours) > 100
    ok, report = conforms(ours)
    assert ok, report


@pytest.mark.parametrize("fmt", sorted(RAPPER_PARSERS))
def test_every_format_is_read_back_by_rapper(rich_store: Store, fmt: str) -> None:
    rapper = shutil.which("rapper")
    if rapper is None:
        if os.environ.get("CI") == "true":
            pytest.fail("rapper (Debian package raptor2-utils) is required when CI=true")
        pytest.skip("rapper (raptor2-utils) is not installed")
    data = exported(rich_store, fmt)
    run = subprocess.run(
        [rapper, "--input", RAPPER_PARSERS[fmt], "--count", "-", "http://base.invalid/"],
        input=data,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr.decode()
    assert "error" not in run.stderr.decode().lower()
    # rapper counts triples as written (N-Quads/TriG: per graph), so at least the distinct ones.
    count = int(run.stderr.decode().split("returned")[1].split()[0])
    assert count >= len(triples_of(data, fmt))


def test_the_shipped_files_parse_and_the_shapes_catch_a_broken_export(rich_store: Store) -> None:
    ontology = Graph().parse(
        data=resources.files("graph.rdf_data").joinpath("pg.ttl").read_text("utf-8"),
        format="turtle",
    )
    for name in (
        "partnersWith",
        "investsIn",
        "acquires",
        "subsidiaryOf",
        "supplies",
        "competesWith",
        "executiveOf",
        "founded",
        "develops",
        "uses",
    ):
        assert (PG[name], RDFS.label, None) in ontology, name
    assert (
        PG.partnersWith,
        OWL.equivalentProperty,
        URIRef("http://www.wikidata.org/prop/direct/P2652"),
    ) in ontology
    graph = triples_of(exported(rich_store, "turtle"), "turtle")
    statement = next(graph.subjects(PG.relation, PG.executiveOf))
    graph.set((statement, PG.confidence, Literal("1.5", datatype=XSD.decimal)))
    graph.remove((URIRef(str(RdfConfig().entity("openai"))), RDFS.label, None))
    graph.add((RdfConfig().entity("gpt-4"), PG.partnersWith, RdfConfig().entity("openai")))
    ok, report = conforms(graph)
    assert not ok
    assert "pg:confidence" in report and "rdfs:label" in report and "gpt-4" in report


# -- what the export says -----------------------------------------------------------------


def test_statements_carry_time_precision_qualifiers_and_provenance(rich_store: Store) -> None:
    g = triples_of(exported(rich_store, "ntriples"), "ntriples")
    stmts = {
        int(g.value(s, PG.version)): s
        for s in g.subjects(PG.relation, PG.partnersWith)
        if g.value(s, PG.subject) == RdfConfig().entity("microsoft")
    }
    assert set(stmts) == {1, 2}
    first, second = stmts[1], stmts[2]
    assert when(g, first, "validFrom") == ("2019-07-01T00:00:00+00:00", 10)
    assert when(g, second, "validTo") == ("2025-03-01T00:00:00+00:00", 10)
    assert g.value(second, URIRef("https://partnergraph.dev/ns/pq#status")) == Literal("ended")
    assert g.value(first, PROV.invalidatedAtTime) is not None
    assert g.value(second, PROV.invalidatedAtTime) is None
    assert g.value(second, PROV.generatedAtTime).datatype == XSD.dateTime
    evidence = list(g.objects(second, PROV.wasDerivedFrom))
    assert len(evidence) == 3
    sentences = {str(g.value(e, PG.sentence)) for e in evidence}
    assert "Microsoft ended its OpenAI deal." in sentences
    doc = g.value(evidence[0], PG.document)
    assert str(doc).startswith("https://partnergraph.dev/id/document/")
    years = [s for s in g.subjects(PG.relation, PG.competesWith)]
    assert when(g, years[0], "validFrom") == ("2020-01-01T00:00:00+00:00", 9)
    day = next(g.subjects(PG.relation, PG.develops))
    assert when(g, day, "validFrom") == ("2023-03-14T00:00:00+00:00", 11)


def when(g: Graph, node: URIRef, bound: str) -> tuple[str, int]:
    """A bound's simple value (an xsd:dateTime) and its value node's precision, checked
    to agree (Wikidata's model: the time at the start of the period, and a precision)."""
    simple = g.value(node, PG[bound])
    value = g.value(node, PG[bound + "Value"])
    assert simple is not None and simple.datatype == XSD.dateTime
    assert g.value(value, RDF.type) == PG.TimeValue and g.value(value, PG.time) == simple
    return str(simple), int(g.value(value, PG.timePrecision))


def test_direct_triples_hold_on_the_as_of_day_both_ways_when_symmetric(rich_store: Store) -> None:
    cfg = RdfConfig()
    ms, oa, nv = cfg.entity("microsoft"), cfg.entity("openai"), cfg.entity("nvidia")
    in_2023 = triples_of(exported(rich_store, "turtle", date(2023, 6, 1)), "turtle")
    assert (ms, PG.partnersWith, oa) in in_2023 and (oa, PG.partnersWith, ms) in in_2023
    assert (ms, PG.competesWith, nv) not in in_2023  # from 2020 to 2021
    in_2020 = triples_of(exported(rich_store, "turtle", date(2020, 12, 31)), "turtle")
    assert (ms, PG.competesWith, nv) in in_2020 and (nv, PG.competesWith, ms) in in_2020
    in_2021 = triples_of(exported(rich_store, "turtle", date(2021, 1, 1)), "turtle")
    assert (ms, PG.competesWith, nv) not in in_2021  # valid_to 2021 is exclusive
    later = triples_of(exported(rich_store, "turtle", date(2025, 9, 1)), "turtle")
    assert (ms, PG.partnersWith, oa) not in later  # ended 2025-03
    quads = list(ox.parse(exported(rich_store, "nquads", AS_OF), format=ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads if q.predicate.value == str(PG.partnersWith)}
    assert graphs == {"https://partnergraph.dev/id/graph/as-of/2023-06-01"}


def test_entity_iris_are_stable_and_link_wikidata(rich_store: Store) -> None:
    one = triples_of(exported(rich_store, "turtle"), "turtle")
    two = triples_of(exported(rich_store, "turtle", date(2020, 1, 1)), "turtle")
    ms = URIRef("https://partnergraph.dev/id/entity/microsoft")
    assert (ms, RDFS.label, Literal("Microsoft")) in one and (ms, RDFS.label, None) in two
    assert (ms, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q2283")) in one
    evil = RdfConfig().entity(HOSTILE)
    assert (evil, OWL.sameAs, None) not in one  # a malformed QID is never linked
    custom = triples_of(
        exported(rich_store, "turtle", config=RdfConfig("https://kg.example/x/")), "turtle"
    )
    assert (URIRef("https://kg.example/x/entity/microsoft"), RDFS.label, None) in custom
    with pytest.raises(InvalidInput):
        RdfConfig("not an iri>")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_hostile_names_never_break_the_output(rich_store: Store, fmt: str) -> None:
    data = exported(rich_store, fmt)
    parsed = list(ox.parse(data, format=OX_FORMATS[fmt]))
    evil = str(RdfConfig().entity(HOSTILE))
    assert " " not in evil and ">" not in evil and '"' not in evil and "\n" not in evil
    labels = {
        q.object.value
        for q in parsed
        if q.subject.value == evil and q.predicate.value == str(RDFS.label)
    }
    assert labels == {HOSTILE}
    aliases = {
        q.object.value
        for q in parsed
        if q.subject.value == evil
        and q.predicate.value == "http://www.w3.org/2004/02/skos/core#altLabel"
    }
    assert aliases == {"a>b", 'q"q', "🚀"}
    urls = {q.object.value for q in parsed if q.predicate.value == "https://schema.org/url"}
    assert 'https://x.test/"><script>\n' in urls


# -- import ------------------------------------------------------------------------------


def _without_recorded(graph: Graph) -> Graph:
    kept = Graph()
    for triple in graph:
        if triple[1] != PROV.generatedAtTime:
            kept.add(triple)
    return kept


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip_through_sqlite_is_isomorphic(
    rich_store: Store, tmp_path: Path, fmt: str
) -> None:
    """SQLite restores versions verbatim: export → import → export is isomorphic,
    transaction times and superseded versions included."""
    first = exported(rich_store, fmt)
    target = open_store(f"sqlite:///{tmp_path}/copy.db")
    result = import_rdf(target, io.BytesIO(first), fmt)
    assert (result.versions_collapsed, result.restamped) == (0, False)
    second = exported(target, fmt)
    assert isomorphic(triples_of(first, fmt), triples_of(second, fmt))
    again = import_rdf(target, io.BytesIO(first), fmt)  # the facts are known: nothing changes
    assert isomorphic(triples_of(exported(target, fmt), fmt), triples_of(first, fmt))
    assert again.facts == result.facts
    target.close()


class WriteOnlyStore:
    """The protocol seam without ``restore_versions``: import goes through write()."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> object:
        if name == "restore_versions":
            raise AttributeError(name)
        return getattr(self.inner, name)


@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_round_trip_through_write_differs_only_in_recorded_times(
    plain_store: Store, tmp_path: Path, fmt: str
) -> None:
    first = exported(plain_store, fmt)
    target = open_store(f"sqlite:///{tmp_path}/copy.db")
    result = import_rdf(WriteOnlyStore(target), io.BytesIO(first), fmt)  # type: ignore[arg-type]
    assert (result.entities, result.facts, result.versions_collapsed) == (7, 6, 0)
    assert result.restamped
    second = exported(target, fmt)
    a, b = triples_of(first, fmt), triples_of(second, fmt)
    assert len(a) == len(b)
    # recorded_at is stamped by the store's write(): the only triples that differ.
    assert isomorphic(_without_recorded(a), _without_recorded(b))
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    assert {p for _, p, _ in only_a} == {p for _, p, _ in only_b} == {PROV.generatedAtTime}
    target.close()


class RestoringMemoryStore:
    """A store through the protocol seam plus the proposed ``restore_versions``:
    versions kept verbatim, as a backend implementing the proposal would."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.versions: list[Fact] = []

    def restore_versions(self, entities: Iterable[Entity], versions: Iterable[Fact]) -> int:
        self.entities.update((e.id, e) for e in entities)
        added = list(versions)
        self.versions += added
        return len(added)

    def write(self, batch: Batch) -> object:
        raise AssertionError("a restoring import must not go through write()")

    def find_facts(self, pattern: FactPattern) -> Iterator[Fact]:
        for fact in sorted(
            self.versions, key=lambda f: f.recorded_at or datetime.min.replace(tzinfo=UTC)
        ):
            if pattern.subject in (None, fact.subject) and (
                pattern.include_superseded or fact.superseded_at is None
            ):
                yield fact

    def all_entities(self) -> Iterator[Entity]:
        yield from sorted(self.entities.values(), key=lambda e: e.id)

    def get_entity(self, entity_id: str) -> Entity:
        if entity_id not in self.entities:
            raise NotFound("entity", entity_id)
        return self.entities[entity_id]

    def find_entities(
        self, query: str | None = None, type: EntityType | None = None, limit: int = 20
    ) -> list[Entity]:
        return list(self.all_entities())[:limit]

    def get_document(self, document_id: str) -> Document:
        raise NotFound("document", document_id)

    def close(self) -> None:
        pass


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "jsonld"])
def test_round_trip_with_history_is_isomorphic_given_a_restoring_store(
    rich_store: Store, fmt: str
) -> None:
    first = exported(rich_store, fmt)
    target = RestoringMemoryStore()
    result = import_rdf(target, io.BytesIO(first), fmt)  # type: ignore[arg-type]
    assert (result.versions, result.versions_collapsed, result.restamped) == (7, 0, False)
    second = exported(target, fmt)  # type: ignore[arg-type]
    assert isomorphic(triples_of(first, fmt), triples_of(second, fmt))


def test_import_through_write_keeps_the_current_state_and_counts_lost_versions(
    rich_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "export.ttl"
    path.write_bytes(exported(rich_store, "turtle"))
    target = open_store(f"sqlite:///{tmp_path}/copy.db")
    result = import_rdf(WriteOnlyStore(target), path)  # type: ignore[arg-type]
    assert (result.facts, result.versions, result.versions_collapsed) == (6, 7, 1)
    [current] = target.find_facts(
        FactPattern(subject="microsoft", object="openai", relation=Relation.PARTNERS_WITH)
    )
    assert current.valid_to == PartialDate(2025, 3)
    assert current.qualifiers["status"] == "ended"
    assert len(current.evidence) == 3
    assert target.get_entity(HOSTILE).aliases == tuple(sorted(EVIL.aliases))
    target.close()


def test_import_refuses_what_is_not_an_export(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/x.db")
    with pytest.raises(InvalidInput):
        import_rdf(store, io.BytesIO(b"<a> <b> ."), "ntriples")
    bad = (
        b"<https://partnergraph.dev/id/statement/x> "
        b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        b"<https://partnergraph.dev/ns#Statement> .\n"
    )
    with pytest.raises(InvalidInput):
        import_rdf(store, io.BytesIO(bad), "ntriples")
    with pytest.raises(InvalidInput):
        import_rdf(store, tmp_path / "file.unknown")
    store.close()


# -- streaming -----------------------------------------------------------------------------


class _Sink(io.RawIOBase):
    """Counts what is written and keeps nothing (so only the export's own memory shows)."""

    def __init__(self) -> None:
        self.size = 0
        self.lines = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.size += len(data)
        self.lines += bytes(data).count(b"\n")
        return len(data)


def _synthetic(store: Store, n_facts: int, n_orgs: int = 250) -> None:
    orgs = tuple(Entity(f"org-{i}", f"Org {i}", EntityType.ORGANIZATION) for i in range(n_orgs))
    store.write(Batch(entities=orgs))
    relations = [
        Relation.PARTNERS_WITH,
        Relation.SUPPLIES,
        Relation.ACQUIRES,
        Relation.COMPETES_WITH,
        Relation.INVESTS_IN,
        Relation.SUBSIDIARY_OF,
    ]
    batch: list[Fact] = []
    seen: set[str] = set()
    i = 0
    while len(seen) < n_facts:
        a, b = i % n_orgs, (i * 7919 + i // n_orgs + 1) % n_orgs
        rel = relations[(i // (n_orgs * n_orgs)) % len(relations)]
        i += 1
        if a == b:
            continue
        f = Fact(
            f"org-{a}",
            rel,
            f"org-{b}",
            evidence=(
                Evidence(
                    f"doc-{i}",
                    f"Org {a} and Org {b}.",
                    0,
                    10,
                    f"https://n.example/{i}",
                    date(2024, 1, 1),
                    valid_from=PartialDate(2020),
                ),
            ),
        )
        if f.id in seen:
            continue
        seen.add(f.id)
        batch.append(f)
        if len(batch) == 2000:
            store.write(Batch(facts=tuple(batch)))
            batch = []
    if batch:
        store.write(Batch(facts=tuple(batch)))


def _peak_export_memory(store: Store) -> tuple[int, int]:
    sink = _Sink()
    tracemalloc.start()
    try:
        export(store, "ntriples", AS_OF, sink)  # type: ignore[arg-type]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, sink.lines


@pytest.mark.slow
def test_streaming_ntriples_memory_stays_flat(tmp_path: Path) -> None:
    small = open_store(f"sqlite:///{tmp_path}/small.db")
    big = open_store(f"sqlite:///{tmp_path}/big.db")
    _synthetic(small, 5_000)
    _synthetic(big, 50_000)
    small_peak, small_lines = _peak_export_memory(small)
    big_peak, big_lines = _peak_export_memory(big)
    assert big_lines > 9 * small_lines
    # Ten times the facts, not ten times the memory: per subject and per chunk only.
    assert big_peak < 2 * small_peak, (small_peak, big_peak)
    small.close()
    big.close()


# -- CLI and API -----------------------------------------------------------------------------


def test_cli_export_and_import(rich_store: Store, tmp_path: Path) -> None:
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    db = f"sqlite:///{tmp_path}/rich.db"
    out = tmp_path / "x.nq"
    done = runner.invoke(
        app, ["export", "--format", "nquads", "--as-of", "2023-06-01", "-o", str(out), "--db", db]
    )
    assert done.exit_code == 0, done.output
    assert len(list(ox.parse(out.read_bytes(), format=ox.RdfFormat.N_QUADS))) > 100
    stdout = runner.invoke(app, ["export", "--format", "turtle", "--db", db])
    assert stdout.exit_code == 0 and "pg:partnersWith" in stdout.stdout
    copy = f"sqlite:///{tmp_path}/copy.db"
    done = runner.invoke(app, ["import", str(out), "--db", copy])
    assert done.exit_code == 0, done.output
    assert "7 entities" in done.output and "(7 versions)" in done.output
    assert "earlier version" not in done.output  # SQLite keeps every version
    bad = runner.invoke(app, ["export", "--format", "rdfxml", "--db", db])
    assert bad.exit_code != 0
    bad_day = runner.invoke(app, ["export", "--as-of", "2023-13-01", "--db", db])
    assert bad_day.exit_code != 0 and "as-of" in bad_day.output


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_api_export_media_types(rich_store: Store, tmp_path: Path, fmt: str) -> None:
    app = create_app(Settings(db=f"sqlite:///{tmp_path}/rich.db"))
    app.include_router(export_router.router)
    with TestClient(app) as client:
        answer = client.get("/export", params={"format": fmt, "as_of": "2023-06-01"})
        assert answer.status_code == 200
        assert answer.headers["content-type"].split(";")[0] == FORMATS[fmt].media_type
        assert len(list(ox.parse(answer.content, format=OX_FORMATS[fmt]))) > 100
        wrong = client.get("/export", params={"format": "rdfxml"})
        assert wrong.status_code == 422
        assert wrong.headers["content-type"] == "application/problem+json"
        bad_day = client.get("/export", params={"format": fmt, "as_of": "yesterday"})
        assert bad_day.status_code == 422
