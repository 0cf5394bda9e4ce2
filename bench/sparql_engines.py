"""Which SPARQL engine serves /sparql? Measure rdflib and pyoxigraph on the same export.

    .venv/bin/python bench/sparql_engines.py [--facts 2000 20000]

For each size: build a synthetic SQLite store (organizations, people, products,
facts with evidence from several publishers, some superseded versions), export
it, load the export into an rdflib Dataset and into a pyoxigraph Store, and time
the load and each documented example query (best of 3). Also prints N-Quads
export throughput and what pyoxigraph takes to serialize the same quads.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyoxigraph as ox
from rdflib import Dataset

from graph import (
    Batch,
    Entity,
    EntityType,
    Evidence,
    Fact,
    PartialDate,
    Relation,
    open_store,
)
from graph.model import SIGNATURES
from graph.rdf import export
from graph.rdf_sparql import example_queries
from graph.store import Store

AS_OF = date(2025, 9, 11)
HOSTS = ["example.org", "news.example.com", "wire.example.net", "daily.example.io"]


def build_store(path: Path, n_facts: int, seed: int = 7) -> Store:
    rng = random.Random(seed)
    n_entities = max(30, n_facts // 20)
    per_type = {
        EntityType.ORGANIZATION: [f"org-{i}" for i in range(n_entities // 2)],
        EntityType.PERSON: [f"person-{i}" for i in range(n_entities // 4)],
        EntityType.PRODUCT: [f"product-{i}" for i in range(n_entities // 4)],
    }
    per_type[EntityType.ORGANIZATION][:2] = ["microsoft", "openai"]
    entities = [
        Entity(eid, eid.replace("-", " ").title(), etype)
        for etype, ids in per_type.items()
        for eid in ids
    ]
    store = open_store(f"sqlite:///{path}")
    store.write(Batch(entities=tuple(entities)))
    facts: dict[str, Fact] = {}
    while len(facts) < n_facts:
        relation = rng.choice(list(Relation))
        subjects, objects = SIGNATURES[relation]
        s = rng.choice(per_type[rng.choice(sorted(subjects))])
        o = rng.choice(per_type[rng.choice(sorted(objects))])
        if s == o:
            continue
        start = PartialDate(rng.randint(2010, 2024), rng.choice([None, rng.randint(1, 12)]))
        quals = {"role": "CEO"} if relation is Relation.EXECUTIVE_OF else {}
        evidence = tuple(
            Evidence(
                document_id=f"doc-{rng.randint(0, n_facts)}",
                sentence=f"{s} {relation.value} {o}.",
                start=0,
                end=20,
                url=f"https://{rng.choice(HOSTS)}/a/{rng.randint(0, n_facts)}",
                published=date(2025, rng.randint(1, 9), rng.randint(1, 28)),
            )
            for _ in range(rng.randint(1, 3))
        )
        fact = Fact(s, relation, o, valid_from=start, qualifiers=quals, evidence=evidence)
        facts[fact.id] = fact
    batch = list(facts.values())
    for i in range(0, len(batch), 1000):
        store.write(Batch(facts=tuple(batch[i : i + 1000])))
    # Supersede a few: the same facts, now ended.
    ended = [f.with_changes(valid_to=PartialDate(2025, 6)) for f in batch[::50]]
    store.write(Batch(facts=tuple(ended)))
    return store


class Sink(io.RawIOBase):
    """Discards what is written: the export's own memory, not its output's."""

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        return len(data)


def best_of(fn, times: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, nargs="+", default=[2000, 20000])
    args = parser.parse_args()
    queries = example_queries()
    for n in args.facts:
        with tempfile.TemporaryDirectory() as tmp:
            store = build_store(Path(tmp) / "bench.db", n)
            buffer = io.BytesIO()
            t0 = time.perf_counter()
            export(store, "nquads", AS_OF, buffer)
            export_s = time.perf_counter() - t0
            data = buffer.getvalue()
            tracemalloc.start()
            export(store, "nquads", AS_OF, Sink())  # type: ignore[arg-type]
            export_peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
            tracemalloc.start()
            t0 = time.perf_counter()
            ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
            ox_s = time.perf_counter() - t0
            ox_peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"\n== {n} facts, {len(quads)} quads, {len(data) / 1e6:.1f} MB N-Quads")
            print(
                f"export nquads (partnergraph, rdflib per chunk): {export_s:.2f} s, "
                f"{len(quads) / export_s:,.0f} quads/s, peak {export_peak / 1e6:.1f} MB (to a sink)"
            )
            print(
                f"pyoxigraph serialize of the same quads:        {ox_s:.2f} s, "
                f"{len(quads) / ox_s:,.0f} quads/s, peak {ox_peak / 1e6:.1f} MB (its output)"
            )

            t0 = time.perf_counter()
            ds = Dataset(default_union=True)
            ds.parse(data=data, format="nquads")
            rdflib_load = time.perf_counter() - t0
            t0 = time.perf_counter()
            oxs = ox.Store()
            oxs.load(data, format=ox.RdfFormat.N_QUADS)
            ox_load = time.perf_counter() - t0
            print(f"{'':28} {'rdflib':>10} {'pyoxigraph':>11}  rows")
            print(f"{'load':28} {rdflib_load:>9.3f}s {ox_load:>10.3f}s")
            for name, q in queries.items():
                rows_r = len(list(ds.query(q["query"])))
                rows_o = len(list(oxs.query(q["query"], use_default_graph_as_union=True)))
                t_r = best_of(lambda q=q, ds=ds: list(ds.query(q["query"])), 1 if n > 5000 else 3)
                t_o = best_of(
                    lambda q=q, oxs=oxs: list(
                        oxs.query(q["query"], use_default_graph_as_union=True)
                    )
                )
                same = "same" if rows_r == rows_o else f"DIFFERENT ({rows_r} vs {rows_o})"
                print(f"{name:28} {t_r:>9.3f}s {t_o:>10.4f}s  {rows_o} {same}")
            store.close()


if __name__ == "__main__":
    main()
