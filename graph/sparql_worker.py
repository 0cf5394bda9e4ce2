"""SPARQL queries in worker processes, so that a time limit really stops the work.

Oxigraph has no cancellation, and a query can spend all its time before its first
result (a sort, an aggregate, a cross product), where no check between results can
stop it; a thread running it cannot be stopped either. So queries run in child
processes (``python -P -m graph.sparql_worker``). Each holds its own copy of the
dataset (the N-Quads export, sent down its stdin) and answers one query at a time.
When a query runs past its limit, the parent SIGKILLs the worker, reaps it and
starts a fresh one: the CPU is back at once.

:class:`WorkerPool` bounds the work: at most ``size`` queries run at once, as many
more may wait for a worker (each at most its own time limit), and any further query
is refused at once with :class:`QueryBusy` (a 503 with ``Retry-After`` over HTTP),
so slow queries cannot hold every server thread.

A worker

* refuses ``SERVICE``, decided on rdflib's parse of the query (:func:`check_query`);
* cannot create a socket (:func:`deny_network`, a seccomp filter on Linux x86-64 and
  aarch64), so a query that slipped past the check still could not fetch a URL;
* dies with its parent: a thread reads its stdin and ends the process at EOF, which
  the kernel delivers when the parent exits, however it exits (SIGKILL included);
* writes only protocol frames to the parent (stray prints go to stderr).

A frame is 8 bytes (JSON header length, body length; big endian), the JSON header,
then the body bytes.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import platform
import queue
import re
import select
import signal
import struct
import subprocess
import sys
import threading
import time
import unicodedata
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.errors import GraphError, InvalidInput, StoreUnavailable

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
    """The query ran past the time limit (and was stopped)."""


class QueryBusy(GraphError):
    """Every worker is busy and the waiting line is full, or the wait ran out."""


@dataclass(frozen=True, slots=True)
class Answer:
    kind: str  # "solutions", "boolean" or "graph"
    body: bytes
    format: str  # a key of RESULT_FORMATS or GRAPH_FORMATS
    truncated: bool


@dataclass(frozen=True, slots=True)
class Export:
    """One build of the dataset: N-Quads chunks of whole lines, and a number for the build."""

    generation: int
    chunks: tuple[bytes, ...]


# -- what a query is allowed to be ------------------------------------------------------

_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_NOT_KEYWORDS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*'
)
# After _keywords_only the prologue is just "PREFIX name:" and "BASE" (IRIs blanked).
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:|BASE)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)
SERVICE_REFUSED = "SERVICE (federated query) is not allowed on this endpoint"


def _keywords_only(query: str) -> str:
    """Codepoint escapes decoded, strings, IRIs and comments blanked (for the update message)."""

    def decode(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= sys.maxunicode else " "

    return _NOT_KEYWORDS.sub(" ", _UNICODE_ESCAPE.sub(decode, query))


def _may_name_service(query: str) -> bool:
    """False only when no spelling of the keyword can be in the text: neither ``service``
    in any case (Unicode case folding and compatibility forms included) nor a codepoint
    escape (``\\u``, ``\\U``). Then there is nothing to parse for."""
    folded = query.casefold()
    if "service" in folded or "\\u" in folded:
        return True
    return not query.isascii() and "service" in unicodedata.normalize("NFKC", folded).casefold()


# rdflib expands every "\u" + 4 or 8 hex digits (either case) before it parses; this
# disarms exactly those, so that rdflib reads the text as it is written.
_RDFLIB_ESCAPE = re.compile(r"\\(?=[uU][0-9A-Fa-f]{4})")


def _as_written(query: str) -> str:
    """The text for rdflib, read as Oxigraph reads it: Oxigraph decodes codepoint
    escapes inside IRIs and strings only, where they cannot end the token
    (``"\\u0022"`` is a one-quote string), and nowhere else (``\\u0053ERVICE`` is not
    a keyword to it). rdflib would decode them all first, and greedily (``\\u003A3869``
    as one 8-digit escape): a backslash before an escape becomes an ``X``, which keeps
    every token's extent."""
    return _RDFLIB_ESCAPE.sub("X", query)


def _as_specified(query: str) -> str:
    """The text as the SPARQL spec reads it: every escape (``\\u`` + 4, ``\\U`` + 8 hex
    digits) decoded once, before parsing (an engine that did so would see this)."""

    def decode(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= sys.maxunicode else m.group(0)

    return _as_written(_UNICODE_ESCAPE.sub(decode, query))


def _parse(query: str) -> Any:
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        return parseQuery(query)
    # Any failure of the parser (pyparsing's ParseException, a bad codepoint escape, a
    # RecursionError on deep nesting…) means the query cannot be checked: it is refused.
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise QueryRefused(
            f"invalid SPARQL query (checked for SERVICE with rdflib's parser): {first[:300]}",
            "syntax",
        ) from None


def _has_service(tree: Any) -> bool:
    """Whether rdflib's parse tree holds a ``ServiceGraphPattern`` anywhere (OPTIONAL,
    UNION, MINUS, GRAPH, subqueries and EXISTS in expressions are all in the tree)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack, seen = [tree], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(dict.values(node))
        elif isinstance(node, ParseResults):
            stack.extend(node)
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return False


def check_query(query: str) -> None:
    """Refuse what must not run: an empty text, an update, ``SERVICE``.

    ``SERVICE`` is decided on the parse of the query by rdflib's SPARQL parser, however
    it is written (any case, comments, nested anywhere, a variable or a prefixed name as
    the endpoint), read as Oxigraph reads it (:func:`_as_written`); a query rdflib cannot
    parse that way is refused. When codepoint escapes are about, the spec's reading
    (:func:`_as_specified`) is checked as well. A text that cannot name the keyword in
    any spelling is not parsed (rdflib takes 3 to 70 ms a query). Oxigraph's ``query``
    cannot run updates; they are named here for a clear answer only."""
    if not query.strip():
        raise QueryRefused("the query is empty", "syntax")
    if _UPDATE.match(_keywords_only(query)):
        raise QueryRefused("this endpoint is read-only: SPARQL updates are refused", "update")
    if not _may_name_service(query):
        return
    written, specified = _as_written(query), _as_specified(query)
    if specified != written:  # do escapes outside strings and IRIs spell SERVICE?
        tree = None
        with contextlib.suppress(QueryRefused):  # unparsable this way: Oxigraph's way decides
            tree = _parse(specified)
        if tree is not None and _has_service(tree):
            raise QueryRefused(SERVICE_REFUSED, "service")
    if _has_service(_parse(written)):
        raise QueryRefused(SERVICE_REFUSED, "service")


# -- no sockets in a worker -------------------------------------------------------------

#: platform.machine() → (AUDIT_ARCH_*, __NR_socket, __NR_seccomp)
_SECCOMP_ARCH = {"x86_64": (0xC000003E, 41, 317), "aarch64": (0xC00000B7, 198, 277)}


class _SockFilter(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint32),
    ]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def deny_network() -> bool:
    """Make every later ``socket()`` in this process fail with EACCES, in all its threads.

    A seccomp filter (Linux x86-64 and aarch64): Oxigraph's HTTP client, which serves
    ``SERVICE``, can then connect nowhere. Pipes and open descriptors keep working.
    Returns False where it cannot be installed. Irreversible: for worker processes only.
    """
    spec = _SECCOMP_ARCH.get(platform.machine())
    if spec is None or not sys.platform.startswith("linux"):
        return False
    arch, nr_socket, nr_seccomp = spec
    ld, jeq, and_, ret = 0x20, 0x15, 0x54, 0x06  # BPF_LD|W|ABS, JMP|JEQ|K, ALU|AND|K, RET|K
    program = [
        (ld, 0, 0, 4),  # seccomp_data.arch
        (jeq, 0, 4, arch),  # another ABI: allow (nothing here uses one)
        (ld, 0, 0, 0),  # seccomp_data.nr
        (and_, 0, 0, 0xBFFFFFFF),  # x32 numbers have bit 30 set
        (jeq, 0, 1, nr_socket),
        (ret, 0, 0, 0x00050000 | errno.EACCES),  # SECCOMP_RET_ERRNO
        (ret, 0, 0, 0x7FFF0000),  # SECCOMP_RET_ALLOW
    ]
    filters = (_SockFilter * len(program))(*(_SockFilter(*step) for step in program))
    fprog = _SockFprog(len(program), filters)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl, syscall = libc.prctl, libc.syscall
    except (OSError, AttributeError):
        return False
    if prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS, needed without privileges
        return False
    done = syscall(
        ctypes.c_long(nr_seccomp),
        ctypes.c_ulong(1),  # SECCOMP_SET_MODE_FILTER
        ctypes.c_ulong(1),  # SECCOMP_FILTER_FLAG_TSYNC: every thread
        ctypes.byref(fprog),
    )
    return bool(done == 0)


# -- running a query (in the worker) ------------------------------------------------------


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


_ERROR_AT = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)


def syntax_message(query: str, error: str) -> str:
    """Oxigraph's "error at 2:11: expected one of …" with the line quoted and the place
    marked, and the list of expected tokens shortened: what a person can act on."""
    found = _ERROR_AT.match(error.strip())
    if found is None:
        return error[:500]
    line_no, column = int(found[1]), int(found[2])
    expected = " ".join(found[3].split())
    if len(expected) > 200:
        expected = expected[:200].rsplit(",", 1)[0] + ", …"
    lines = query.splitlines() or [""]
    line = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
    start = max(0, column - 1 - 40)
    quoted = line[start : column - 1 + 40]
    marker = " " * (column - 1 - start) + "^"
    return f"line {line_no}, column {column}: {expected}\n    {quoted}\n    {marker}"


def answer_query(dataset: ox.Store, request: dict[str, Any]) -> Answer:
    """Check and run one query request on ``dataset``; serialize at most ``max_results``.

    The deadline is also checked between results, which ends a streaming query without
    killing its worker; a query busy before its first result is the parent's to kill.
    """
    query: str = request["query"]
    check_query(query)
    deadline = time.monotonic() + float(request["timeout"])
    options: dict[str, Any] = {"prefixes": dict(request["prefixes"])}
    if request["default_graphs"]:
        options["default_graph"] = [ox.NamedNode(g) for g in request["default_graphs"]]
    else:
        options["use_default_graph_as_union"] = True
    if request["named_graphs"]:
        options["named_graphs"] = [ox.NamedNode(g) for g in request["named_graphs"]]
    try:
        results = dataset.query(query, **options)
    except SyntaxError as exc:
        raise QueryRefused(
            f"invalid SPARQL query: {syntax_message(query, str(exc))}", "syntax"
        ) from None
    except OSError as exc:
        raise InvalidInput(f"the query failed: {exc}", where="query") from None
    max_results = int(request["max_results"])
    result_format, graph_format = request["result_format"], request["graph_format"]
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


# -- frames -------------------------------------------------------------------------------

_PREFIX = struct.Struct(">II")


class _WorkerGone(Exception):
    """The worker closed its pipe or sent something unexpected."""


class _Late(Exception):
    """The parent's deadline passed while talking to the worker."""


def _wait(fd: int, event: int, deadline: float | None) -> None:
    if deadline is None:
        return
    remaining = deadline - time.monotonic()
    poller = select.poll()
    poller.register(fd, event | select.POLLHUP | select.POLLERR)
    if remaining <= 0 or not poller.poll(max(1, int(remaining * 1000))):
        raise _Late


def _read_exact(fd: int, size: int, deadline: float | None) -> bytes:
    parts, left = [], size
    while left:
        _wait(fd, select.POLLIN, deadline)
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            raise _WorkerGone("the pipe was closed")
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _read_frame(fd: int, deadline: float | None) -> tuple[dict[str, Any], bytes]:
    head_size, body_size = _PREFIX.unpack(_read_exact(fd, _PREFIX.size, deadline))
    if deadline is not None:  # the answer is made: its bytes get time to arrive
        deadline = max(deadline, time.monotonic() + 60)
    header = json.loads(_read_exact(fd, head_size, deadline))
    if not isinstance(header, dict):
        raise _WorkerGone("not a frame")
    return header, _read_exact(fd, body_size, deadline)


def _write_frame(fd: int, header: dict[str, Any], body: bytes, deadline: float | None) -> None:
    head = json.dumps(header).encode("utf-8")
    data = memoryview(_PREFIX.pack(len(head), len(body)) + head + body)
    while data:
        try:
            data = data[os.write(fd, data) :]
        except BlockingIOError:
            _wait(fd, select.POLLOUT, deadline)
        except BrokenPipeError as exc:
            raise _WorkerGone("the pipe was closed") from exc


# -- the worker process -------------------------------------------------------------------


def _reply(fd: int, dataset: ox.Store, request: dict[str, Any]) -> None:
    try:
        answer = answer_query(dataset, request)
    except QueryRefused as exc:
        _write_frame(fd, {"op": "refused", "reason": exc.refusal, "detail": exc.reason}, b"", None)
    except QueryTimeout:
        _write_frame(fd, {"op": "late"}, b"", None)
    except InvalidInput as exc:
        _write_frame(fd, {"op": "failed", "detail": exc.reason}, b"", None)
    except Exception as exc:  # a bug: said as such (a 500), and the worker lives on
        _write_frame(fd, {"op": "error", "detail": f"{type(exc).__name__}: {exc}"}, b"", None)
    else:
        header = {"op": "answer", "kind": answer.kind, "format": answer.format}
        _write_frame(fd, header | {"truncated": answer.truncated}, answer.body, None)


def _read_requests(fd: int, inbox: queue.Queue[tuple[dict[str, Any], bytes]]) -> None:
    try:
        while True:
            inbox.put(_read_frame(fd, None))
    except BaseException:  # EOF above all: the parent is gone or done with us
        pass
    os._exit(0)


def main() -> None:
    """The worker: ``python -P -m graph.sparql_worker``, spoken to through stdin/stdout."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C is the server's to handle
    requests, replies = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)  # print() and friends go to stderr, never into the protocol
    sandboxed = deny_network()
    _parse("SELECT * WHERE { SERVICE <urn:warm-up> { ?s ?p ?o } }")  # load rdflib's grammar now
    inbox: queue.Queue[tuple[dict[str, Any], bytes]] = queue.Queue(maxsize=4)
    threading.Thread(target=_read_requests, args=(requests, inbox), daemon=True).start()
    _write_frame(replies, {"op": "ready", "pid": os.getpid(), "sandboxed": sandboxed}, b"", None)
    dataset = ox.Store()
    while True:
        header, _ = inbox.get()
        if header["op"] == "load":
            dataset = ox.Store()  # the old copy goes first
            for _ in range(int(header["chunks"])):
                dataset.load(inbox.get()[1], format=ox.RdfFormat.N_QUADS)
            _write_frame(replies, {"op": "loaded"}, b"", None)
        elif header["op"] == "query":
            _reply(replies, dataset, header)


def _answer_from(header: dict[str, Any], body: bytes) -> Answer:
    """The worker's reply as an :class:`Answer`, or the error it stands for."""
    op = header.get("op")
    if op == "answer":
        return Answer(str(header["kind"]), body, str(header["format"]), bool(header["truncated"]))
    if op == "refused":
        raise QueryRefused(str(header["detail"]), str(header["reason"]))
    if op == "late":
        raise QueryTimeout("the query ran past the time limit")
    if op == "failed":
        raise InvalidInput(str(header["detail"]), where="query")
    raise RuntimeError(f"the SPARQL worker failed: {header.get('detail', op)}")


# -- the parent's side ----------------------------------------------------------------------

#: Seconds a new worker may take to start (imports, rdflib's grammar) before it is given up.
STARTUP_SECONDS = 60.0
#: Seconds a worker may take to load an export.
LOAD_SECONDS = 600.0
#: The parent waits this long past the time limit for the worker to say "late" itself
#: (a streaming query, and the worker lives on) before it kills the worker.
GRACE_SECONDS = 0.25


def _worker_env() -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[1])  # the folder holding this package
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": root + (os.pathsep + path if path else "")}


class QueryWorker:
    """One worker process, seen from the parent; lent to one thread at a time."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-P", "-m", "graph.sparql_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            close_fds=True,
            env=_worker_env(),
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._to = self.proc.stdin.fileno()
        self._from = self.proc.stdout.fileno()
        os.set_blocking(self._to, False)
        self.ready = False
        self.sandboxed = False
        self.generation: int | None = None

    @property
    def pid(self) -> int:
        return self.proc.pid

    def prepare(self, export: Export) -> None:
        """Wait until the worker is up and holds ``export``."""
        if not self.ready:
            header, _ = _read_frame(self._from, time.monotonic() + STARTUP_SECONDS)
            if header.get("op") != "ready":
                raise _WorkerGone(f"unexpected first frame {header.get('op')!r}")
            self.ready, self.sandboxed = True, bool(header.get("sandboxed"))
        if self.generation != export.generation:
            self.generation = None
            deadline = time.monotonic() + LOAD_SECONDS
            _write_frame(self._to, {"op": "load", "chunks": len(export.chunks)}, b"", deadline)
            for chunk in export.chunks:
                _write_frame(self._to, {"op": "chunk"}, chunk, deadline)
            header, _ = _read_frame(self._from, deadline)
            if header.get("op") != "loaded":
                raise _WorkerGone(f"the dataset did not load: {header.get('op')!r}")
            self.generation = export.generation

    def ask(self, request: dict[str, Any], seconds: float) -> tuple[dict[str, Any], bytes]:
        deadline = time.monotonic() + seconds
        _write_frame(self._to, {"op": "query"} | request, b"", deadline)
        return _read_frame(self._from, deadline)

    def kill(self) -> None:
        """SIGKILL, reap (no zombie), close both pipes. Idempotent."""
        with contextlib.suppress(ProcessLookupError):
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()


def _kill_all(workers: set[QueryWorker]) -> None:
    for worker in list(workers):
        worker.kill()
    workers.clear()


class WorkerPool:
    """At most ``size`` worker processes; ``waiting`` more callers may wait for one."""

    def __init__(self, size: int = 2, waiting: int | None = None) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.size = size
        self._admission = threading.BoundedSemaphore(size + (size if waiting is None else waiting))
        self._slots = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._idle: list[QueryWorker] = []
        self._workers: set[QueryWorker] = set()
        self._closed = False
        # Workers never outlive the pool: dropped without close(), or at interpreter exit.
        self._finalizer = weakref.finalize(self, _kill_all, self._workers)

    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        with self._lock:
            return sorted(w.pid for w in self._workers)

    def _spawn(self) -> QueryWorker:
        worker = QueryWorker()
        with self._lock:
            if self._closed:
                worker.kill()
                raise StoreUnavailable("the SPARQL engine is shut down")
            self._workers.add(worker)
        return worker

    def _checkout(self) -> QueryWorker:
        """An idle worker, the one with the latest export first; else a new one."""
        with self._lock:
            if self._closed:
                raise StoreUnavailable("the SPARQL engine is shut down")
            if self._idle:
                latest = max(self._idle, key=lambda w: -1 if w.generation is None else w.generation)
                self._idle.remove(latest)
                return latest
        return self._spawn()

    def _checkin(self, worker: QueryWorker) -> None:
        with self._lock:
            if not self._closed:
                self._idle.append(worker)
                return
        self._discard(worker, replace=False)

    def _discard(self, worker: QueryWorker, replace: bool = True) -> None:
        worker.kill()
        with self._lock:
            self._workers.discard(worker)
            replace = replace and not self._closed
        if replace:  # started now, so that it is up by the next query
            with contextlib.suppress(StoreUnavailable):
                fresh = self._spawn()
                with self._lock:
                    self._idle.append(fresh)

    def query(
        self, export: Callable[[], Export], request: dict[str, Any], timeout: float
    ) -> Answer:
        """Run ``request`` on a worker holding ``export()``.

        ``export`` is called once a worker is ours (its process starts meanwhile), so a
        rebuild waits in line too. Raises :class:`QueryBusy` when the line is full or no
        worker frees up within ``timeout``; :class:`QueryTimeout` when the query runs past
        ``timeout`` (its worker is killed); :class:`QueryRefused` or :class:`InvalidInput`
        for a query refused or failed in the worker, or one the worker died under.
        """
        if not self._admission.acquire(blocking=False):
            raise QueryBusy(f"all {self.size} SPARQL workers are busy and the line is full")
        try:
            if not self._slots.acquire(timeout=timeout):
                raise QueryBusy(f"no SPARQL worker became free within {timeout:g} s")
            try:
                header, body = self._run(export, request, timeout)
            finally:
                self._slots.release()
        finally:
            self._admission.release()
        return _answer_from(header, body)

    def _run(
        self, export: Callable[[], Export], request: dict[str, Any], timeout: float
    ) -> tuple[dict[str, Any], bytes]:
        worker = self._checkout()
        try:
            dataset = export()
        except BaseException:
            self._checkin(worker)
            raise
        for attempt in (1, 2):  # a worker that died idle (OOM killer…) is replaced once
            try:
                worker.prepare(dataset)
                break
            except (_WorkerGone, _Late, OSError, ValueError) as exc:
                self._discard(worker, replace=False)
                if attempt == 2:
                    raise StoreUnavailable(f"the SPARQL worker did not start: {exc}") from None
                worker = self._spawn()
        try:
            header, body = worker.ask(request, timeout + GRACE_SECONDS)
        except _Late:
            self._discard(worker)
            raise QueryTimeout("the query ran past the time limit and was stopped") from None
        except (_WorkerGone, OSError, ValueError):
            code = worker.proc.poll()
            self._discard(worker)
            raise InvalidInput(
                f"the query failed: the engine stopped under it (exit status {code})",
                where="query",
            ) from None
        self._checkin(worker)
        return header, body

    def close(self) -> None:
        """Kill every worker; queries still running get an error. Idempotent."""
        with self._lock:
            self._closed = True
            self._idle.clear()
            workers = set(self._workers)
        _kill_all(workers)
        with self._lock:
            self._workers.clear()


if __name__ == "__main__":
    main()
