"""What an untrusted caller may run through :meth:`Neo4jStore.read_cypher`: a policy
over the server's own plan of the query, and bounds on its parameters.

``read_cypher`` asks the server to plan the query (``EXPLAIN``, in the same read
transaction, with the same parameters) and hands the plan to :func:`check_plan`,
which raises unless the query may run. The decision rests on the server's own parse
of the text, never on a pattern over it: comments, string escapes, backticks and
odd spacing are resolved before a plan exists. A query may run only when ALL hold
(deny by default):

- the server calls it read-only: query type ``r`` (writes are ``rw``/``w``; schema
  commands, administration and DBMS procedures are ``s``);
- every operator of its plan is a graph read (:data:`READ_OPERATORS`,
  :data:`INDEX_OPERATOR`): an operator this module does not know (``LoadCSV``,
  ``ShowTransactions``, ``TerminateTransactions``, ``AdministrationCommand``,
  ``Foreach``, ``TransactionApply``, or one a later Neo4j adds) is refused;
- every ``ProcedureCall`` is one of :data:`ALLOWED_PROCEDURES` (schema and label
  listings);
- every namespaced function is one of Cypher's own (:data:`BUILTIN_FUNCTIONS`).
  Neo4j refuses user-defined functions in the root namespace, so a plug-in's
  functions (``apoc.…``) always show up here with their namespace.

Neo4j 5.26 plans ``SHOW …`` and ``TERMINATE …`` commands as operators of query type
``r`` (``ShowTransactions``, ``TerminateTransactions``), ``CALL db.clearQueryCaches()``
and ``dbms.*`` procedures as type ``s``, and administration commands as one
``AdministrationCommand@system`` operator: each is refused by a rule above.

    >>> check_plan("r", {"operatorType": "ProduceResults@neo4j", "args": {}, "children": [
    ...     {"operatorType": "AllNodesScan@neo4j", "args": {"Details": "n"}}]})
    >>> check_plan("r", {"operatorType": "LoadCSV@neo4j", "args": {}})
    Traceback (most recent call last):
    ...
    graph.stores.neo4j_guard.QueryRefused: query: LOAD CSV reads files and URLs: refused here
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graph.errors import InvalidInput

#: How deep ``parameters`` may nest (maps and lists): deeper is refused before the
#: driver, whose encoder recurses, sees it.
MAX_PARAMETER_DEPTH = 20
#: How many values ``parameters`` may hold in all (every map entry and list item).
MAX_PARAMETER_VALUES = 100_000

#: Procedures a read-only caller may run: schema and label listings.
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
    }
)

#: Cypher's own namespaced functions (Neo4j 5.26 ``SHOW FUNCTIONS``, less ``graph.*``,
#: which switches graphs). Compared case-insensitively, as Cypher resolves them.
BUILTIN_FUNCTIONS = frozenset(
    name.casefold()
    for kind in ("date", "datetime", "localdatetime", "localtime", "time")
    for name in (
        f"{kind}.realtime",
        f"{kind}.statement",
        f"{kind}.transaction",
        f"{kind}.truncate",
    )
) | frozenset(
    name.casefold()
    for name in (
        "datetime.fromepoch",
        "datetime.fromepochmillis",
        "duration.between",
        "duration.inDays",
        "duration.inMonths",
        "duration.inSeconds",
        "point.distance",
        "point.withinBBox",
        "vector.similarity.cosine",
        "vector.similarity.euclidean",
    )
)

#: Operators that only read the graph and shape rows (names without their ``@database``).
READ_OPERATORS = frozenset(
    {
        # leaves
        "Argument",
        "ArgumentTracker",
        "EmptyRow",
        "AllNodesScan",
        "NodeByLabelScan",
        "IntersectionNodeByLabelsScan",
        "UnionNodeByLabelsScan",
        "SubtractionNodeByLabelsScan",
        "NodeByIdSeek",
        "NodeByElementIdSeek",
        "NodeCountFromCountStore",
        "RelationshipCountFromCountStore",
        "DirectedAllRelationshipsScan",
        "UndirectedAllRelationshipsScan",
        "DirectedRelationshipTypeScan",
        "UndirectedRelationshipTypeScan",
        "DirectedUnionRelationshipTypesScan",
        "UndirectedUnionRelationshipTypesScan",
        "DirectedRelationshipByIdSeek",
        "UndirectedRelationshipByIdSeek",
        "DirectedRelationshipByElementIdSeek",
        "UndirectedRelationshipByElementIdSeek",
        "MultiNodeIndexSeek",
        # traversal
        "Expand(All)",
        "Expand(Into)",
        "OptionalExpand(All)",
        "OptionalExpand(Into)",
        "ShortestPath",
        "PathPropagatingBFS",
        "ProjectEndpoints",
        "NullifyMetadata",
        "TriadicSelection",
        "TriadicBuild",
        "TriadicFilter",
        # rows
        "ProduceResults",
        "EmptyResult",
        "Filter",
        "Projection",
        "Aggregation",
        "EagerAggregation",
        "OrderedAggregation",
        "Distinct",
        "OrderedDistinct",
        "Sort",
        "PartialSort",
        "Top",
        "PartialTop",
        "Limit",
        "ExhaustiveLimit",
        "Skip",
        "Unwind",
        "Eager",
        "CacheProperties",
        "Optional",
        "Union",
        "OrderedUnion",
        # joins and subqueries
        "Apply",
        "SemiApply",
        "AntiSemiApply",
        "LetSemiApply",
        "LetAntiSemiApply",
        "SelectOrSemiApply",
        "SelectOrAntiSemiApply",
        "LetSelectOrSemiApply",
        "LetSelectOrAntiSemiApply",
        "ConditionalApply",
        "AntiConditionalApply",
        "RollUpApply",
        "CartesianProduct",
        "NodeHashJoin",
        "NodeLeftOuterHashJoin",
        "NodeRightOuterHashJoin",
        "ValueHashJoin",
    }
)
#: Index reads and the parametrised traversals, by their name patterns.
INDEX_OPERATOR = re.compile(
    r"(?:Partitioned)?(?:Node|(?:Directed|Undirected)Relationship)(?:Unique)?"
    r"Index(?:Seek|Scan|ContainsScan|EndsWithScan)(?:ByRange)?"
    r"|Partitioned(?:AllNodesScan|NodeByLabelScan|Unwind|"
    r"(?:Intersection|Union|Subtraction)NodeByLabelsScan|"
    r"(?:Directed|Undirected)(?:AllRelationshipsScan|RelationshipTypeScan))"
    r"|VarLengthExpand\((?:All|Into|Pruning|Pruning,BFS|Pruning,BFS,All|Pruning,BFS,Into)\)"
    r"|StatefulShortestPath\((?:All|Into)\)"
    r"|(?:Bidirectional)?Repeat\((?:Trail|Walk)\)"
)
#: A namespaced call in a plan's details: ``date.truncate(``, ``apoc.text.join(``,
#: `` `apoc`.`text`.join( ``.
_NAME = r"(?:`[^`]*`|[A-Za-z_][A-Za-z0-9_$]*)"
_NAMESPACED_CALL = re.compile(rf"({_NAME}(?:\s*\.\s*{_NAME})+)\s*\(")

_WHY = {
    "LoadCSV": "LOAD CSV reads files and URLs",
    "AdministrationCommand": "administration commands",
    "Foreach": "FOREACH writes",
    "TransactionApply": "CALL … IN TRANSACTIONS",
    "TransactionForeach": "CALL … IN TRANSACTIONS",
}


class QueryRefused(InvalidInput):
    """A query for :meth:`Neo4jStore.read_cypher` that the policy of this module refuses."""

    def __init__(self, message: str) -> None:
        super().__init__(message, where="query")


class WriteRefused(QueryRefused):
    """A query for :meth:`Neo4jStore.read_cypher` that writes (the server says so)."""


class QueryTimedOut(InvalidInput):
    """A read-only query ran past its timeout and the server stopped it."""


class QueryOutOfMemory(InvalidInput):
    """A read-only query needed more memory than the server gives one transaction."""


def check_plan(query_type: str | None, plan: Mapping[str, Any] | None) -> None:
    """Raise :class:`WriteRefused` or :class:`QueryRefused` unless the server's plan
    (``summary.query_type``, ``summary.plan`` of an ``EXPLAIN``) only reads the graph."""
    if query_type != "r":
        if query_type in ("rw", "w"):
            raise WriteRefused("this query writes, and only read-only Cypher is allowed here")
        raise QueryRefused(
            f"the server classifies this query as {query_type or 'unknown'!r}, not read-only: "
            "schema, administration and DBMS commands are refused here"
        )
    if not plan:
        raise QueryRefused("the server gave no plan for this query, so it is refused")
    pending: list[Mapping[str, Any]] = [plan]
    while pending:  # iterative: a deep plan cannot exhaust the stack
        operator = pending.pop()
        _check_operator(operator)
        pending.extend(operator.get("children") or ())


def _check_operator(operator: Mapping[str, Any]) -> None:
    full = str(operator.get("operatorType") or "")
    name, _, database = full.partition("@")
    args = operator.get("args") or {}
    details = str(args.get("Details") or "")
    if database == "system":
        raise QueryRefused("queries of the system database (administration) are refused here")
    if name == "ProcedureCall":
        called = details.partition("(")[0]
        procedure = called.strip().replace("`", "")
        if procedure not in ALLOWED_PROCEDURES:
            allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
            raise QueryRefused(f"procedure {procedure or '?'} is refused here; allowed: {allowed}")
        details = details[len(called) :]  # its arguments may call functions
    elif name not in READ_OPERATORS and not INDEX_OPERATOR.fullmatch(name):
        if name.startswith(("Show", "Terminate")):
            raise QueryRefused(f"SHOW and TERMINATE commands ({name}) are refused here")
        why = _WHY.get(name, f"the plan operator {name or '?'} is not a graph read")
        raise QueryRefused(f"{why}: refused here")
    for call in _NAMESPACED_CALL.findall(details):
        function = re.sub(r"\s+", "", call).replace("`", "")
        if function.casefold() not in BUILTIN_FUNCTIONS:
            raise QueryRefused(f"function {function} is refused here (only Cypher's own)")


def check_parameters(parameters: Mapping[str, Any]) -> None:
    """Raise :class:`InvalidInput` naming ``parameters`` when they nest deeper than
    :data:`MAX_PARAMETER_DEPTH` or hold more than :data:`MAX_PARAMETER_VALUES` values."""
    count = 0
    pending: list[tuple[Any, int]] = [(parameters, 1)]
    while pending:  # iterative: the depth is what is being checked
        value, depth = pending.pop()
        if isinstance(value, Mapping):
            children: list[Any] = list(value.values())
        elif isinstance(value, list | tuple):
            children = list(value)
        else:
            continue
        if depth > MAX_PARAMETER_DEPTH:
            raise InvalidInput(
                f"values nest deeper than {MAX_PARAMETER_DEPTH} levels of lists and maps",
                where="parameters",
            )
        count += len(children)
        if count > MAX_PARAMETER_VALUES:
            raise InvalidInput(
                f"more than {MAX_PARAMETER_VALUES:,} values in all", where="parameters"
            )
        pending.extend((child, depth + 1) for child in children)
