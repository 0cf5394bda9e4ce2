"""Read-only SPARQL over the RDF export, with Oxigraph (pyoxigraph) as the engine.

Why Oxigraph: ``bench/sparql_engines.py`` loads the same export into an
rdflib Dataset and into a pyoxigraph Store and runs the example queries.
Oxigraph loads the export 10 to 33 times faster (and the dataset is rebuilt
after every store change), answers the selective example queries as fast or
faster and the aggregate one 40 to 60 times faster, keeps the data outside
the Python heap, and yields results lazily, so the time and result limits can
stop a query between results (numbers in ``docs/sparql.md``).

The dataset is the store's export (N-Quads chunks loaded as they stream),
cached, and rebuilt when the store changes: when the backend offers
``revision()`` (proposed for the protocol, the same marker ``GET /paths``
uses; e.g. count and ``max(recorded_at)`` of fact versions and evidence plus
the entity count) a change is seen on the next query; otherwise the cache
lives ``ttl_seconds``, and :meth:`SparqlDataset.invalidate` drops it at once.
It is also rebuilt when the day changes, since the direct triples hold "as of today".

Queries are the user's text, passed as is (it *is* the query); nothing is
ever formatted into a query text here. Three things are refused: updates
(Oxigraph's ``query`` cannot run them anyway), ``SERVICE`` (Oxigraph would
fetch remote endpoints: a server-side request on the user's behalf), and
anything over the time limit or the result limit (truncated, and said so).
"""

from __future__ import annotations

import json
import re
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

import pyoxigraph as ox

from graph.errors import GraphError, InvalidInput
from graph.rdf import export_chunks
from graph.rdf_vocab import PREFIXES, RdfConfig
from graph.store import Store

#: SELECT/ASK result formats: name → Oxigraph format.
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
#: CONSTRUCT/DESCRIBE graph formats: name → Oxigraph format.
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


class QueryRefused(InvalidInput):
    """A query that is malformed (``reason="syntax"``), an update, or asks for ``SERVICE``."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message, where="query")
        self.refusal = reason


class QueryTimeout(GraphError):
    """The query ran past the time limit."""


def example_queries() -> dict[str, dict[str, str]]:
    """The documented example queries (``graph/rdf_data/example_queries.toml``)."""
    text = resources.files("graph.rdf_data").joinpath("example_queries.toml").read_text("utf-8")
    queries: dict[str, dict[str, str]] = tomllib.loads(text)
    return queries


# -- what a query is allowed to be ----------------------------------------------------

_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_NOT_KEYWORDS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*'
)
_SERVICE = re.compile(r"(?<![?$:\w])SERVICE(?![\w:])", re.IGNORECASE)
# After _keywords_only the prologue is just "PREFIX name:" and "BASE" (IRIs blanked).
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:|BASE)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)


def _keywords_only(query: str) -> str:
    """The query with codepoint escapes decoded (as SPARQL does first) and strings,
    IRIs and comments blanked, so keywords can be looked for safely."""

    def decode(m: re.Match[str]) -> str:
        return chr(int(m.group(1) or m.group(2), 16))

    return _NOT_KEYWORDS.sub(" ", _UNICODE_ESCAPE.sub(decode, query))


def check_query(query: str) -> None:
    """Refuse what must not run; the engine's parser judges the rest."""
    if not query.strip():
        raise QueryRefused("the query is empty", "syntax")
    words = _keywords_only(query)
    if _SERVICE.search(words):
        raise QueryRefused("SERVICE (federated query) is not allowed on this endpoint", "service")
    if _UPDATE.match(words):
        raise QueryRefused("this endpoint is read-only: SPARQL updates are refused", "update")


# -- the cached dataset -----------------------------------------------------------------


class SparqlDataset:
    """The store's export in an in-memory Oxigraph store, rebuilt when the store changes."""

    def __init__(
        self,
        store: Store,
        config: RdfConfig | None = None,
        ttl_seconds: float = 60.0,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.store = store
        self.config = config or RdfConfig()
        self.ttl_seconds = ttl_seconds
        self._today = today
        self._lock = threading.Lock()
        self._oxigraph: ox.Store | None = None
        self._built_for: tuple[Any, ...] | None = None
        self._built_at = 0.0
        self.builds = 0

    def _marker(self) -> tuple[Any, ...]:
        revision = getattr(self.store, "revision", None)
        if callable(revision):
            return (self._today(), revision())
        return (self._today(), None)

    def _fresh(self, marker: tuple[Any, ...]) -> bool:
        if self._oxigraph is None or marker != self._built_for:
            return False
        has_marker = marker[1] is not None
        return has_marker or time.monotonic() - self._built_at < self.ttl_seconds

    def invalidate(self) -> None:
        with self._lock:
            self._oxigraph = None

    def get(self) -> ox.Store:
        """The current dataset, rebuilt first if the store changed."""
        with self._lock:
            marker = self._marker()
            if not self._fresh(marker) or self._oxigraph is None:
                self._oxigraph = self._build(marker[0])
                self._built_for, self._built_at = marker, time.monotonic()
                self.builds += 1
            return self._oxigraph

    def _build(self, day: date) -> ox.Store:
        target = ox.Store()
        for chunk in export_chunks(self.store, "nquads", day, self.config):
            target.load(chunk, format=ox.RdfFormat.N_QUADS)
        return target


# -- running a query ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Answer:
    kind: str  # "solutions", "boolean" or "graph"
    body: bytes
    format: str  # a key of RESULT_FORMATS or GRAPH_FORMATS
    truncated: bool


def _term_json(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}  # an RDF-star triple: shown as text


def run_query(
    dataset: ox.Store,
    query: str,
    *,
    result_format: str = "json",
    graph_format: str = "turtle",
    max_results: int = 10_000,
    timeout_seconds: float = 10.0,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> Answer:
    """Run a read-only query and serialize at most ``max_results`` results.

    The deadline is checked between results; a query that spends its time
    before the first result (a big sort or aggregate) is bounded by the
    caller's wait (the API answers when the limit passes).
    """
    check_query(query)
    deadline = time.monotonic() + timeout_seconds
    options: dict[str, Any] = {"prefixes": dict(PREFIXES)}
    try:
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            options["use_default_graph_as_union"] = True
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    except ValueError as exc:
        raise QueryRefused(f"invalid graph IRI: {exc}", "syntax") from exc
    try:
        results = dataset.query(query, **options)
    except SyntaxError as exc:
        raise QueryRefused(f"invalid SPARQL query: {exc}", "syntax") from None
    except OSError as exc:
        raise InvalidInput(f"the query failed: {exc}", where="query") from None
    # Oxigraph's result objects must be dropped on the thread that made them, so
    # nothing that refers to them (a traceback included) may leave this function.
    try:
        if isinstance(results, ox.QueryBoolean):
            doc: dict[str, Any] = {"head": {}, "boolean": bool(results)}
            return _answer_solutions(doc, "boolean", result_format, truncated=False)
        if isinstance(results, ox.QuerySolutions):
            names = [v.value for v in results.variables]
            rows, truncated, late = _collect(
                results,
                deadline,
                max_results,
                lambda s: {n: _term_json(s[n]) for n in names if s[n] is not None},
            )
            if not late:
                doc = {"head": {"vars": names}, "results": {"bindings": rows}}
                return _answer_solutions(doc, "solutions", result_format, truncated)
        else:
            triples, truncated, late = _collect(results, deadline, max_results, lambda t: t)
            if not late:
                body = ox.serialize(triples, format=GRAPH_FORMATS[graph_format])
                return Answer("graph", body or b"", graph_format, truncated)
        failed = "late"
    except OSError as exc:
        failed = str(exc)
    finally:
        del results
    if failed == "late":
        raise QueryTimeout("the query ran past the time limit")
    raise InvalidInput(f"the query failed: {failed}", where="query")


def _collect(
    results: Iterator[Any], deadline: float, limit: int, convert: Callable[[Any], Any]
) -> tuple[list[Any], bool, bool]:
    """At most ``limit`` converted items; (items, truncated, ran past the deadline)."""
    items: list[Any] = []
    for item in results:
        if time.monotonic() > deadline:
            return items, False, True
        if len(items) >= limit:
            return items, True, False
        items.append(convert(item))
    return items, False, False


def _answer_solutions(doc: dict[str, Any], kind: str, fmt: str, truncated: bool) -> Answer:
    raw = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "json":
        return Answer(kind, raw, fmt, truncated)
    # Oxigraph writes XML, CSV and TSV from the JSON document: one well-tested writer.
    parsed = ox.parse_query_results(raw, format=ox.QueryResultsFormat.JSON)
    return Answer(kind, parsed.serialize(format=RESULT_FORMATS[fmt]) or b"", fmt, truncated)
