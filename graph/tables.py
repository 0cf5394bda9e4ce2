"""The graph at a date for graph tools and spreadsheets: GraphML and CSV.

Both hold the facts that are valid on ``as_of`` (as :func:`graph.queries.facts`
answers them) and the entities at their ends; history, superseded versions and
the full evidence stay in the RDF export. One edge per fact, keyed by the fact
id; symmetric relations (``partners_with``, ``competes_with``) are marked so.

- **GraphML** (networkx's writer) opens in Gephi, yEd, Cytoscape and networkx;
  every attribute is declared with its type, and missing values are empty strings
  (GraphML has no null).
- **CSV** is two tables in Gephi's spreadsheet-import shape: ``nodes.csv``
  (``Id, Label, type, wikidata, aliases``) and ``edges.csv`` (``Id, Source,
  Target, Type, Label`` then the fact's dates, confidence, evidence count, first
  source and one ``q_<name>`` column per qualifier). A cell that a spreadsheet
  would run as a formula (it starts with ``= + - @`` or a tab or carriage
  return) is written with a leading apostrophe (OWASP's advice for CSV
  injection); the rest is verbatim.

    >>> from graph import open_store
    >>> import io
    >>> out = io.BytesIO()
    >>> write_graphml(open_store("sqlite:///:memory:"), date(2025, 1, 1), out)
    >>> b"<graphml" in out.getvalue()
    True
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from datetime import date
from typing import IO, Any

import networkx as nx

from graph import queries
from graph.model import Entity, Fact, PartialDate
from graph.store import Store

NODE_COLUMNS = ("Id", "Label", "type", "wikidata", "aliases")
EDGE_COLUMNS = (
    "Id",
    "Source",
    "Target",
    "Type",
    "Label",
    "relation",
    "valid_from",
    "valid_to",
    "stated_at",
    "confidence",
    "evidence_count",
    "source_url",
    "sentence",
)
#: Characters XML 1.0 cannot carry (GraphML is XML): C0 controls but tab, LF, CR; U+FFFE/F.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: What a spreadsheet reads as the start of a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: PartialDate | date | None) -> str:
    return "" if value is None else value.isoformat()


def _rows(store: Store, as_of: date) -> tuple[dict[str, Entity], list[dict[str, Any]], list[str]]:
    """The entities at the ends of the facts valid on ``as_of`` (by id), an edge row per
    fact, and the ``q_<name>`` qualifier columns the rows use, sorted."""
    facts = queries.facts(store, as_of=as_of)
    ends = queries.entities_by_id(store, (i for f in facts for i in (f.subject, f.object)))
    rows = [_edge_row(f) for f in facts]
    qualifier_names = sorted({k for row in rows for k in row if k.startswith("q_")})
    return ends, rows, qualifier_names


def _node_row(entity: Entity) -> dict[str, str]:
    return {
        "Id": entity.id,
        "Label": entity.name,
        "type": entity.type.value,
        "wikidata": entity.wikidata or "",
        "aliases": "; ".join(entity.aliases),
    }


def _edge_row(fact: Fact) -> dict[str, Any]:
    first = fact.evidence[0] if fact.evidence else None
    return {
        "Id": fact.id,
        "Source": fact.subject,
        "Target": fact.object,
        "Type": "Undirected" if fact.relation.symmetric else "Directed",
        "Label": fact.relation.value.replace("_", " "),
        "relation": fact.relation.value,
        "valid_from": _text(fact.valid_from),
        "valid_to": _text(fact.valid_to),
        "stated_at": _text(fact.stated_at),
        "confidence": float(fact.confidence),
        "evidence_count": len(fact.evidence),
        "source_url": (first.url or "") if first else "",
        "sentence": first.sentence if first else "",
    } | {f"q_{name}": str(value) for name, value in sorted(fact.qualifiers.items())}


def as_of_graph(store: Store, as_of: date) -> nx.MultiDiGraph:
    """The facts valid on ``as_of`` as a networkx multigraph (edge key = fact id)."""
    ends, rows, qualifier_names = _rows(store, as_of)
    graph = nx.MultiDiGraph(as_of=as_of.isoformat(), source="partnergraph")
    for entity in ends.values():
        node = _node_row(entity)
        graph.add_node(node.pop("Id"), label=node.pop("Label"), **node)
    for row in rows:
        attributes: dict[str, Any] = {
            k: v for k, v in row.items() if k not in ("Id", "Source", "Target")
        }
        attributes["label"] = attributes.pop("Label")
        attributes["symmetric"] = attributes.pop("Type") == "Undirected"
        for name in qualifier_names:
            attributes.setdefault(name, "")  # GraphML declares each key once, with one type
        graph.add_edge(row["Source"], row["Target"], key=row["Id"], **attributes)
    return graph


def _xml_safe(attributes: dict[str, Any]) -> None:
    for name, value in attributes.items():
        if isinstance(value, str) and _NOT_XML.search(value):
            attributes[name] = _NOT_XML.sub("\ufffd", value)


def write_graphml(store: Store, as_of: date, out: IO[bytes]) -> None:
    """GraphML of the facts valid on ``as_of`` (UTF-8 bytes to ``out``).

    A character XML cannot carry (a NUL, most C0 controls) is written as U+FFFD.
    """
    graph = as_of_graph(store, as_of)
    for _, attributes in graph.nodes(data=True):
        _xml_safe(attributes)
    for _, _, attributes in graph.edges(data=True):
        _xml_safe(attributes)
    nx.write_graphml(graph, out, encoding="utf-8", prettyprint=True)


def _safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_text(columns: Iterable[str], rows: Iterable[Mapping[str, Any]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), restval="", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _safe_cell(v) for k, v in row.items()})
    return buffer.getvalue()


def csv_tables(store: Store, as_of: date) -> dict[str, str]:
    """``{"nodes.csv": …, "edges.csv": …}`` for the facts valid on ``as_of`` (RFC 4180)."""
    ends, edges, qualifier_names = _rows(store, as_of)
    return {
        "nodes.csv": _csv_text(NODE_COLUMNS, (_node_row(e) for e in ends.values())),
        "edges.csv": _csv_text((*EDGE_COLUMNS, *qualifier_names), edges),
    }


def write_csv_zip(store: Store, as_of: date, out: IO[bytes]) -> None:
    """Both CSV tables in one zip archive (what ``GET /export?format=csv`` answers)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in csv_tables(store, as_of).items():
            archive.writestr(name, text.encode("utf-8"))
