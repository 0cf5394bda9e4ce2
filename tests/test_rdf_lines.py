"""The N-Triples/N-Quads writer builds its lines as text; rdflib's own row writers, fed the
terms of the same export, are the oracle: the two must agree byte for byte."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.plugins.serializers.nquads import _nq_row
from rdflib.plugins.serializers.nt import _nt_row, _quote_encode, _quoteLiteral

from graph import Batch, Entity, EntityType, Evidence, Fact, PartialDate, Relation, open_store
from graph.rdf import (
    _FROM,
    _NT_FROM,
    _confidence,
    _nt_confidence,
    _nt_qualifier,
    _nt_time,
    export,
    export_chunks,
    nt_string,
    quad_groups,
    qualifier_literal,
    time_triples,
)
from graph.rdf_vocab import RdfConfig, _part, partial_date_of_time
from graph.store import Store
from tests.test_rdf import HOSTILE, fill

#: Every ASCII character but NUL (which names refuse), and the awkward ones beyond.
AWKWARD = (
    "".join(chr(i) for i in range(1, 0x80))
    + "\u0085\u00a0é\u2028\u2029\ufeff\ufffe\uffff🚀\U0010fffd"
)
DAYS = [date(2023, 6, 1), date(2019, 1, 1), date(2026, 1, 1)]
CONFIGS = [RdfConfig(), RdfConfig("http://kg.example/data#")]


def _awkward_store(path: Path) -> Store:
    store = fill(open_store(f"sqlite:///{path}"), history=True)
    odd = Entity(AWKWARD, AWKWARD, EntityType.ORGANIZATION, (AWKWARD, "ok"), "Q42")
    plain = Entity("plain", "Plain", EntityType.PRODUCT)
    claim = Evidence(
        AWKWARD,
        AWKWARD,
        1,
        4,
        url=AWKWARD,
        published=date(20, 2, 3),
        extractor=AWKWARD,
        confidence=1e-7,
        valid_from=PartialDate(20, 2),
        valid_to=PartialDate(2021, 3, 4),
        qualifiers={"role": AWKWARD, "quantity": 12, "stake": 0.25, "amount": "5"},
    )
    store.write(Batch(entities=(odd, plain)))
    store.write(Batch(facts=(Fact(AWKWARD, Relation.USES, "plain", evidence=(claim,)),)))
    # A succession: the new CEO closes the old one's fact (succession evidence, superseded).
    store.write(
        Batch(
            entities=(Entity("ceo-2", "Second CEO", EntityType.PERSON),),
            facts=(
                Fact(
                    "ceo-2",
                    Relation.EXECUTIVE_OF,
                    "openai",
                    evidence=(
                        Evidence(
                            "d9",
                            "A new CEO of OpenAI.",
                            published=date(2024, 5, 1),
                            valid_from=PartialDate(2024, 5),
                            qualifiers={"role": "CEO"},
                        ),
                    ),
                ),
            ),
        )
    )
    return store


@pytest.fixture
def awkward_store(tmp_path: Path) -> Iterator[Store]:
    store = _awkward_store(tmp_path / "awkward.db")
    yield store
    store.close()


def _rdflib_text(store: Store, day: date, config: RdfConfig, quads: bool) -> str:
    rows = [
        _nq_row((s, p, o), g) if quads else _nt_row((s, p, o))
        for group in quad_groups(store, day, config)
        for s, p, o, g in group
    ]
    return "".join(rows)


@pytest.mark.parametrize("fmt", ["ntriples", "nquads"])
@pytest.mark.parametrize("config", CONFIGS, ids=["default-base", "hash-base"])
@pytest.mark.parametrize("day", DAYS, ids=str)
def test_lines_are_what_rdflib_writes_for_the_same_terms(
    awkward_store: Store, fmt: str, config: RdfConfig, day: date
) -> None:
    ours = b"".join(export_chunks(awkward_store, fmt, day, config)).decode("utf-8")
    assert ours == _rdflib_text(awkward_store, day, config, quads=fmt == "nquads")
    # …and what another parser reads back is what was stored.
    parsed = list(
        ox.parse(
            ours.encode("utf-8"),
            format=ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.N_TRIPLES,
        )
    )
    labels = {q.object.value for q in parsed if q.predicate.value.endswith("#label")}
    assert {AWKWARD, HOSTILE, "Second CEO"} <= labels


def test_lines_stream_in_chunks_with_every_fact_whole(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/many.db")
    orgs = tuple(Entity(f"org-{i}", f"Org {i}", EntityType.ORGANIZATION) for i in range(30))
    facts = tuple(
        Fact(
            f"org-{i}",
            Relation.SUPPLIES,
            f"org-{j}",
            evidence=(Evidence(f"doc-{i}-{j}", f"Org {i} supplies Org {j}."),),
        )
        for i in range(30)
        for j in range(30)
        if i != j
    )
    store.write(Batch(entities=orgs, facts=facts))
    chunks = list(export_chunks(store, "ntriples", date(2024, 1, 1)))
    assert len(chunks) > 2  # a few hundred facts per chunk, not the whole store in one
    assert all(chunk.endswith(b" .\n") for chunk in chunks)
    whole = io.BytesIO()
    export(store, "ntriples", date(2024, 1, 1), whole)
    assert whole.getvalue() == b"".join(chunks)
    assert whole.getvalue().decode() == _rdflib_text(
        store, date(2024, 1, 1), RdfConfig(), quads=False
    )
    store.close()


# -- the terms, one by one ---------------------------------------------------------------

TEXT = st.text(st.characters(exclude_categories=("Cs",)))  # no lone surrogates: not UTF-8


@given(TEXT)
@settings(max_examples=300)
def test_string_literals_escape_what_n_triples_requires(text: str) -> None:
    written = nt_string(text)
    assert written == _quote_encode(text)
    assert "\n" not in written and "\r" not in written
    line = f"<http://a.example/s> <http://a.example/p> {written} .\n".encode()
    (quad,) = list(ox.parse(line, format=ox.RdfFormat.N_TRIPLES))
    assert quad.object.value == text


def test_string_literals_escape_exactly_four_characters() -> None:
    assert nt_string('\\"\n\r') == r'"\\\"\n\r"'
    # Control characters, DEL, U+2028 and the rest may stand as they are (RDF 1.1 N-Triples).
    assert nt_string("\t\x01\x7f\u2028🚀") == '"\t\x01\x7f\u2028🚀"'


QUALIFIER_VALUES = st.one_of(
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    st.lists(st.integers(), max_size=3),
    st.dictionaries(TEXT, st.one_of(TEXT, st.integers()), max_size=3),
)


@given(QUALIFIER_VALUES)
@settings(max_examples=300)
def test_qualifier_values_are_written_as_rdflib_writes_them(value: Any) -> None:
    assert _nt_qualifier(value) == _quoteLiteral(qualifier_literal(value))


@given(st.one_of(st.floats(min_value=0.0, max_value=1.0), st.floats()))
@settings(max_examples=500)
def test_confidences_are_written_as_rdflib_writes_them(value: float) -> None:
    assert _nt_confidence(value) == _quoteLiteral(_confidence(value))


def test_confidences_in_positional_notation_whatever_the_float() -> None:
    for value in (0.0, -0.0, 1, 1.0, 1e-7, 5e-324, 1e22, 0.1 + 0.2, True):
        assert _nt_confidence(value) == _quoteLiteral(_confidence(value)), value
    assert _nt_confidence(1e-7).startswith('"0.0000001"')
    assert _nt_confidence(1e22).startswith('"10000000000000000000000"')
    assert Decimal(_nt_confidence(0.86).split('"')[1]) == Decimal("0.86")


@given(
    st.integers(min_value=1, max_value=9998),
    st.one_of(st.none(), st.integers(min_value=1, max_value=12)),
    st.one_of(st.none(), st.integers(min_value=1, max_value=28)),
)
def test_partial_dates_keep_their_precision(year: int, month: int | None, day: int | None) -> None:
    value = PartialDate(year, month, day if month is not None else None)
    node = URIRef("https://kg.example/statement/f-1-v1")
    triples = list(time_triples(node, _FROM, value))
    assert _nt_time(f"<{node}>", _NT_FROM, value, " .\n") == "".join(map(_nt_row, triples))
    time, precision = triples[3][2], triples[4][2]
    assert partial_date_of_time(time, precision) == value  # the value node keeps the precision


def test_literals_match_rdflib_for_a_few_fixed_values() -> None:
    assert _nt_qualifier(True) == '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'
    assert _nt_qualifier(5) == '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert _nt_qualifier({"b": 1, "a": "é"}) == _quoteLiteral(
        Literal('{"a": "é", "b": 1}', datatype="http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON")
    )


@given(st.one_of(TEXT, st.from_regex(r"[A-Za-z0-9_.~-]*", fullmatch=True)))
@settings(max_examples=300)
def test_iri_parts_are_percent_encoded_with_no_safe_characters(text: str) -> None:
    # The fast path for slugs and hashes must agree with quote() everywhere.
    assert _part(text) == quote(text, safe="")
