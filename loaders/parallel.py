"""Extraction on more cores or machines, results back in input order to one writer.

Three ways to run the same :class:`loaders.extract.Extractor` over a stream of
``(document, tag)`` pairs, each yielding ``(Extraction, tag)`` in input order:

* :func:`in_process`: ``Extractor.extract_tagged`` here (``--workers 1``);
* :func:`in_processes`: a pool of ``workers`` processes (spawned, each loading
  spaCy once), fed chunks of ``CHUNK`` documents with at most ``workers × 4``
  chunks in flight (``--workers N``);
* :func:`on_dask`: the chunks as tasks on a Dask distributed cluster
  (``--scheduler tcp://host:8786``); each worker process loads spaCy once and
  keeps it.

Extraction is a function of the document alone (the gazetteer is data in the
repo), so the facts are the same whichever way runs it; resolution and writing
stay in the caller, one writer, in input order, which keeps entity and fact ids
identical too. Memory is bounded by the chunks in flight, not the corpus.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from graph.model import Document
from loaders.extract.pipeline import Extraction, Extractor
from loaders.limits import MAX_DOCUMENT_CHARS

T = TypeVar("T")

#: Documents per task sent to a worker.
CHUNK = 16
#: Fewer documents than this run in-process whatever ``workers`` says (a pool's start-up
#: costs a few seconds of spaCy loading per worker).
PARALLEL_FROM = 96

_WORKER_EXTRACTORS: dict[tuple[str, int], Extractor] = {}


def worker_extractor(max_chars: int) -> Extractor:
    """This process's extractor, loaded on first use and kept (one spaCy per worker),
    per model name (``PARTNERGRAPH_SPACY_MODEL`` may change between runs) and cap."""
    from loaders.extract.annotate import default_model

    key = (default_model(), max_chars)
    extractor = _WORKER_EXTRACTORS.get(key)
    if extractor is None:
        extractor = _WORKER_EXTRACTORS[key] = Extractor(max_chars=max_chars)
    return extractor


def extract_chunk(documents: list[Document], max_chars: int) -> list[Extraction]:
    """One task: the extractions of ``documents``, in order (run in a worker)."""
    return list(worker_extractor(max_chars).extract_many(documents))


def _init_worker(max_chars: int) -> None:
    worker_extractor(max_chars)


def in_process(
    items: Iterable[tuple[Document, T]], max_chars: int = MAX_DOCUMENT_CHARS
) -> Iterator[tuple[Extraction, T]]:
    """Extraction here, in batches (``Extractor.extract_tagged``)."""
    yield from worker_extractor(max_chars).extract_tagged(items)


def _failed(chunk: list[tuple[Document, T]], reason: str) -> Iterator[tuple[Extraction, T]]:
    for document, tag in chunk:
        yield Extraction(document, [], f"extraction failed: {reason}"), tag


def _ordered(
    items: Iterable[tuple[Document, T]],
    submit: Callable[[list[Document]], Any],
    result: Callable[[Any], list[Extraction]],
    in_flight: int,
) -> Iterator[tuple[Extraction, T]]:
    """Submit chunks, keep at most ``in_flight`` pending, yield results in input order."""
    pending: deque[tuple[Any, list[tuple[Document, T]]]] = deque()
    iterator = iter(items)
    while True:
        while len(pending) < in_flight:
            chunk = list(itertools.islice(iterator, CHUNK))
            if not chunk:
                break
            pending.append((submit([d for d, _ in chunk]), chunk))
        if not pending:
            return
        future, chunk = pending.popleft()
        try:
            extractions = result(future)
        except Exception as exc:  # a worker lost: that chunk's documents fail, the rest go on
            yield from _failed(chunk, f"{type(exc).__name__}: {exc}")
            continue
        for extraction, (_, tag) in zip(extractions, chunk, strict=True):
            yield extraction, tag


def _small(
    items: Iterable[tuple[Document, T]], count: int
) -> tuple[list[tuple[Document, T]], Iterator[tuple[Document, T]]]:
    iterator = iter(items)
    return list(itertools.islice(iterator, count)), iterator


def in_processes(
    items: Iterable[tuple[Document, T]],
    workers: int,
    max_chars: int = MAX_DOCUMENT_CHARS,
    parallel_from: int = PARALLEL_FROM,
) -> Iterator[tuple[Extraction, T]]:
    """Extraction in a pool of ``workers`` processes; in-process below ``parallel_from``
    documents."""
    head, rest = _small(items, parallel_from)
    if workers <= 1 or len(head) < parallel_from:
        yield from in_process(itertools.chain(head, rest), max_chars)
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process with threads
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(max_chars,)
    )
    try:

        def submit(documents: list[Document]) -> Future[list[Extraction]]:
            nonlocal pool
            try:
                return pool.submit(extract_chunk, documents, max_chars)
            except BrokenProcessPool:  # a worker died (out of memory): start over
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(
                    workers, mp_context=context, initializer=_init_worker, initargs=(max_chars,)
                )
                return pool.submit(extract_chunk, documents, max_chars)

        yield from _ordered(
            itertools.chain(head, rest),
            submit,
            lambda future: future.result(),
            # Four chunks per worker: results come back in input order, so one long
            # chunk at the head must not leave the other workers without work.
            in_flight=workers * 4,
        )
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def on_dask(
    items: Iterable[tuple[Document, T]],
    scheduler: str | Any,
    max_chars: int = MAX_DOCUMENT_CHARS,
) -> Iterator[tuple[Extraction, T]]:
    """Extraction as tasks on a Dask distributed cluster (an address or a ``Client``).

    Chunks are submitted as they are read, at most two per worker thread in
    flight, and their results come back in input order to this process.
    """
    from dask.distributed import Client

    own = not isinstance(scheduler, Client)
    client = Client(scheduler) if own else scheduler
    assert isinstance(client, Client)
    try:
        threads = max(1, sum(client.nthreads().values()))

        def submit(documents: list[Document]) -> Any:
            return client.submit(extract_chunk, documents, max_chars, pure=False)

        def result(future: Any) -> list[Extraction]:
            try:
                return list(future.result())
            finally:
                future.release()

        yield from _ordered(items, submit, result, in_flight=threads * 2)
    finally:
        if own:
            client.close()
