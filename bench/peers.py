"""The floor and the peers for "one entity's relations as of a day", over the same data.

Every contender answers with the same rows: one row per (current fact, live
piece of evidence), the fact's stored columns followed by the evidence's. The
peers are loaded from the built store's own tables, so they hold exactly what
the store holds (successions and superseded versions included).
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date
from typing import Any

import networkx as nx

from graph.model import Fact

FACT_COLUMNS = (
    "f.fact_id, f.subject, f.relation, f.object, f.valid_from, f.valid_to, f.qualifiers, "
    "f.stated_at, f.confidence, f.recorded_at, f.superseded_at"
)
EVIDENCE_COLUMNS = (
    'e.document_id, e.url, e.published, e.sentence, e.start, e."end", e.extractor, '
    "e.confidence, e.valid_from, e.valid_to, e.qualifiers, e.succession"
)
_LIVE = "JOIN evidence e ON e.fact_id = f.fact_id AND e.retracted_at IS NULL"

#: The floor: the one indexed query the lookup needs (each arm uses a partial index).
FLOOR_SQL = (
    f"SELECT {FACT_COLUMNS}, {EVIDENCE_COLUMNS} FROM facts f {_LIVE} "  # noqa: S608 (constants)
    "WHERE f.subject = ?1 AND f.lo <= ?2 AND f.hi > ?2 AND f.superseded_at IS NULL "
    f"UNION ALL SELECT {FACT_COLUMNS}, {EVIDENCE_COLUMNS} FROM facts f {_LIVE} "
    "WHERE f.object = ?1 AND f.lo <= ?2 AND f.hi > ?2 AND f.superseded_at IS NULL"
)
_ALL_SQL = (
    f"SELECT {FACT_COLUMNS}, f.lo, f.hi, {EVIDENCE_COLUMNS} FROM facts f {_LIVE} "  # noqa: S608
    "WHERE f.superseded_at IS NULL ORDER BY f.row_id"
)

Row = tuple[Any, ...]
#: What equality of answers is checked on: (fact id, document, sentence, start, end).
Key = tuple[Any, ...]


def floor_relations(conn: sqlite3.Connection, entity_id: str, day: date) -> list[Row]:
    return conn.execute(FLOOR_SQL, (entity_id, day.isoformat())).fetchall()


def row_keys(rows: list[Row]) -> set[Key]:
    return {(r[0], r[11], r[14], r[15], r[16]) for r in rows}


def fact_keys(facts: list[Fact]) -> set[Key]:
    return {(f.id, e.document_id, e.sentence, e.start, e.end) for f in facts for e in f.evidence}


def current_rows(conn: sqlite3.Connection) -> Iterator[tuple[Row, str, str, list[Row]]]:
    """(fact columns, lo, hi, [evidence columns…]) per current fact, in row order."""
    fact: Row | None = None
    lo = hi = ""
    evidence: list[Row] = []
    for r in conn.execute(_ALL_SQL):
        head = r[:11]
        if fact is not None and head[0] != fact[0]:
            yield fact, lo, hi, evidence
            evidence = []
        fact, lo, hi = head, r[11], r[12]
        evidence.append(r[13:])
    if fact is not None:
        yield fact, lo, hi, evidence


# -- networkx ---------------------------------------------------------------------------


def networkx_graph(conn: sqlite3.Connection) -> nx.MultiDiGraph:
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    for fact, lo, hi, evidence in current_rows(conn):
        graph.add_edge(fact[1], fact[3], key=fact[0], lo=lo, hi=hi, fact=fact, ev=evidence)
    return graph


def networkx_relations(graph: nx.MultiDiGraph, entity_id: str, day: date) -> list[Row]:
    if entity_id not in graph:
        return []
    when = day.isoformat()
    out: list[Row] = []
    for edges in (graph.out_edges(entity_id, data=True), graph.in_edges(entity_id, data=True)):
        for _, _, d in edges:
            if d["lo"] <= when < d["hi"]:
                out.extend(d["fact"] + ev for ev in d["ev"])
    return out


# -- RDF (rdflib, pyoxigraph) -----------------------------------------------------------

PG = "https://partnergraph.dev/ns/bench#"
ID = "https://partnergraph.dev/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _lit(value: Any, datatype: str | None = None) -> str:
    text = (
        str(value)
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )
    return f'"{text}"^^<{XSD}{datatype}>' if datatype else f'"{text}"'


def ntriples(conn: sqlite3.Connection) -> Iterator[str]:
    """The current facts and their evidence as N-Triples lines (one node per fact/evidence)."""
    p = {
        name: f"<{PG}{name}>"
        for name in [
            "subject",
            "relation",
            "object",
            "lo",
            "hi",
            "validFrom",
            "validTo",
            "qualifiers",
            "statedAt",
            "confidence",
            "recordedAt",
            "evidenceOf",
            "document",
            "url",
            "published",
            "sentence",
            "start",
            "end",
            "extractor",
            "claimFrom",
            "claimTo",
            "succession",
        ]
    }
    for fact, lo, hi, evidence in current_rows(conn):
        fid, s, rel, o, vf, vt, q, st, conf, rec, _ = fact
        f = f"<{ID}fact/{fid}>"
        yield f"{f} {p['subject']} <{ID}entity/{s}> .\n"
        yield f"{f} {p['relation']} {_lit(rel)} .\n"
        yield f"{f} {p['object']} <{ID}entity/{o}> .\n"
        yield f"{f} {p['lo']} {_lit(lo, 'date')} .\n"
        yield f"{f} {p['hi']} {_lit(hi, 'date')} .\n"
        yield f"{f} {p['validFrom']} {_lit(vf or '')} .\n"
        yield f"{f} {p['validTo']} {_lit(vt or '')} .\n"
        yield f"{f} {p['qualifiers']} {_lit(q)} .\n"
        yield f"{f} {p['statedAt']} {_lit(st or '')} .\n"
        yield f"{f} {p['confidence']} {_lit(repr(float(conf)), 'double')} .\n"
        yield f"{f} {p['recordedAt']} {_lit(rec)} .\n"
        for i, ev in enumerate(evidence):
            doc, url, pub, sent, start, end, ext, econf, cf, ct, eq, succ = ev
            e = f"<{ID}evidence/{fid}/{i}>"
            yield f"{e} {p['evidenceOf']} {f} .\n"
            yield f"{e} {p['document']} {_lit(doc)} .\n"
            yield f"{e} {p['url']} {_lit(url or '')} .\n"
            yield f"{e} {p['published']} {_lit(pub or '')} .\n"
            yield f"{e} {p['sentence']} {_lit(sent)} .\n"
            yield f"{e} {p['start']} {_lit(start, 'integer')} .\n"
            yield f"{e} {p['end']} {_lit(end, 'integer')} .\n"
            yield f"{e} {p['extractor']} {_lit(ext)} .\n"
            yield f"{e} {p['confidence']} {_lit(repr(float(econf)), 'double')} .\n"
            yield f"{e} {p['claimFrom']} {_lit(cf or '')} .\n"
            yield f"{e} {p['claimTo']} {_lit(ct or '')} .\n"
            yield f"{e} {p['qualifiers']} {_lit(eq)} .\n"
            yield f"{e} {p['succession']} {_lit(succ, 'integer')} .\n"


#: Every property is present on every node ("" for none), so the query needs no
#: OPTIONAL: both engines plan OPTIONAL as a scan of the whole property, 100-1000x slower.
SPARQL = f"""
PREFIX pg: <{PG}>
SELECT ?f ?s ?r ?o ?vf ?vt ?q ?st ?conf ?rec ?doc ?url ?pub ?sent ?start ?end ?ext ?econf
       ?cf ?ct ?eq ?succ
WHERE {{
  {{ ?f pg:subject ?e }} UNION {{ ?f pg:object ?e }}
  ?f pg:lo ?lo ; pg:hi ?hi .
  FILTER (?lo <= ?day && ?hi > ?day)
  ?f pg:subject ?s ; pg:relation ?r ; pg:object ?o ; pg:qualifiers ?q ; pg:validFrom ?vf ;
     pg:validTo ?vt ; pg:statedAt ?st ; pg:confidence ?conf ; pg:recordedAt ?rec .
  ?ev pg:evidenceOf ?f ; pg:document ?doc ; pg:sentence ?sent ; pg:start ?start ;
      pg:end ?end ; pg:extractor ?ext ; pg:confidence ?econf ; pg:qualifiers ?eq ;
      pg:succession ?succ ; pg:url ?url ; pg:published ?pub ; pg:claimFrom ?cf ;
      pg:claimTo ?ct .
}}
"""


def sparql_keys(rows: list[Row]) -> set[Key]:
    """Answer rows of :data:`SPARQL` reduced to :func:`row_keys`' shape."""

    def plain(term: Any) -> Any:
        return None if term is None else getattr(term, "value", None) or str(term)

    return {
        (
            plain(r[0]).rsplit("/", 1)[1],
            plain(r[10]),
            plain(r[13]),
            int(plain(r[14])),
            int(plain(r[15])),
        )
        for r in rows
    }


class OxigraphPeer:
    """pyoxigraph's in-memory store, SPARQL with the entity and day substituted."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.store = ox.Store()
        # Through a file: at 1M facts the N-Triples are ~5 GB, too big for one string.
        with tempfile.NamedTemporaryFile("w", suffix=".nt", encoding="utf-8") as fh:
            fh.writelines(ntriples(conn))
            fh.flush()
            self.store.bulk_load(path=fh.name, format=ox.RdfFormat.N_TRIPLES)
        self._date = ox.NamedNode(XSD + "date")

    def relations(self, entity_id: str, day: date) -> list[Row]:
        ox = self.ox
        # Substitution needs projected variables, so the values are bound with VALUES
        # (the terms are built by pyoxigraph, so an id cannot break the query text).
        entity = ox.NamedNode(f"{ID}entity/{entity_id}")
        when = ox.Literal(day.isoformat(), datatype=self._date)
        query = SPARQL.replace("WHERE {", f"WHERE {{ VALUES (?e ?day) {{ ({entity} {when}) }}", 1)
        return [tuple(solution) for solution in self.store.query(query)]  # type: ignore[union-attr]


class RdflibPeer:
    """rdflib's in-memory graph, SPARQL with ``initBindings``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        from rdflib import Graph
        from rdflib.plugins.sparql import prepareQuery

        self.graph = Graph()
        self.graph.parse(data="".join(ntriples(conn)), format="nt")
        self.query = prepareQuery(SPARQL)

    def relations(self, entity_id: str, day: date) -> list[Row]:
        from rdflib import Literal, URIRef
        from rdflib.namespace import XSD as RXSD

        answer = self.graph.query(
            self.query,
            initBindings={
                "e": URIRef(f"{ID}entity/{entity_id}"),
                "day": Literal(day.isoformat(), datatype=RXSD.date),
            },
        )
        return [tuple(row) for row in answer]  # type: ignore[arg-type]
