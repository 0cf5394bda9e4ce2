"""Fuzzing the API with schemathesis, against the app's own OpenAPI document.

Every operation gets generated requests (valid and invalid), over a real SQLite
file seeded from ``tests/data/hardening/seed.jsonl``; every answer must be a
non-5xx that matches its documented status, content type, headers and schema.
Write routes are called twice per case: without the token (must be 401) and
with it. A stateful run follows the links schemathesis infers between
operations (a fact listed by ``GET /facts`` → ``GET/DELETE /facts/{fact_id}``).

The extractor behind ``POST /documents`` is replaced through its seam
(:func:`api.routers.documents.get_extractor`) by one that finds nothing: the
route, the reader, the store write and the answer are real, the spaCy model
(seconds per load, and not what is fuzzed here) is not.
"""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import schemathesis.checks as st_checks
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.python import asgi as st_asgi

from api.app import create_app
from api.routers.documents import get_extractor
from api.settings import Settings
from graph import open_store
from graph.model import Document
from loaders.curated import load_curated

with warnings.catch_warnings():
    # As in tests/test_api.py: Starlette deprecates httpx for its TestClient.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

SEED = Path(__file__).parent / "data" / "hardening" / "seed.jsonl"
TOKEN = "fuzz-token-Ω"  # non-ASCII on purpose: compared as UTF-8 bytes
#: Headers travel as latin-1: the token's UTF-8 bytes, spelled as latin-1 text.
AUTH = {"Authorization": f"Bearer {TOKEN}".encode().decode("latin-1")}
WRITES = {("POST", "/documents"), ("DELETE", "/facts/{fact_id}")} | {
    ("DELETE", "/facts/{fact_id}/evidence/{evidence_id}")
}
#: What every answer is checked for. Left out: ``positive_data_acceptance`` (a
#: schema-valid value may still be refused with a 422 naming it: a cursor this server
#: did not issue, ``source == target``, a ``limit`` over a setting) and the stateful
#: checks, which :func:`test_stateful_links_hold` runs.
CHECKS = [
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_headers_conformance,
    st_checks.response_schema_conformance,
    st_checks.negative_data_rejection,
]
#: Cases per operation; with ~20 operations that is a few hundred per run.
EXAMPLES = 20
#: Cases run, by operation (the report on issue 9 quotes the total).
RUN: dict[str, int] = {}


class FindsNothing:
    """The extraction seam, without spaCy: an article yields no facts."""

    def extract(self, document: Document) -> Sequence[Any]:
        return []


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}"
    store = open_store(url)
    try:
        store.write(load_curated(SEED))
    finally:
        store.close()
    return url


def _app(db: str) -> Any:
    app = create_app(Settings(db=db, api_token=TOKEN))
    app.dependency_overrides[get_extractor] = FindsNothing
    return app


@pytest.fixture(scope="module")
def fuzz_app(fuzz_db: str) -> Iterator[Any]:
    app = _app(fuzz_db)
    yield app
    # schemathesis keeps an app's lifespan running for the process: end ours (closes the store).
    st_asgi.shutdown_lifespans()


@pytest.fixture(scope="module")
def api_schema(fuzz_app: Any) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)


def _all_time_with_as_of(case: Any, response: Any) -> bool:
    """The one documented 422 that schemathesis calls a rejection of valid data."""
    query = case.query or {}
    return (
        response.status_code == 422
        and "all_time" in response.text
        and "as_of" in query
        and str(query.get("all_time")).lower() in {"true", "1", "yes", "on"}
    )


def _check(case: Any, headers: dict[str, str] | None = None) -> Any:
    response = case.call(headers=headers)
    assert response.status_code < 500, f"{case.method} {case.path}: {response.text[:500]}"
    if _all_time_with_as_of(case, response):
        return response
    case.validate_response(response, checks=CHECKS)
    return response


def _run_case(case: Any, mode: GenerationMode) -> None:
    key = f"{case.method} {case.operation.path}"
    RUN[key] = RUN.get(key, 0) + 1
    if (case.method, case.operation.path) in WRITES:
        anonymous = case.call(headers={"Authorization": ""})
        assert anonymous.status_code == 401, anonymous.text
        assert anonymous.headers["content-type"] == ["application/problem+json"]
        assert anonymous.headers["www-authenticate"][0].startswith("Bearer")
        authorized = _check(case, AUTH)
        if mode is GenerationMode.POSITIVE:  # (a negative case may drop the header on purpose)
            assert authorized.status_code != 401, authorized.text
    else:
        _check(case)


def _operations(api_schema: Any) -> list[Any]:
    return [result.ok() for result in api_schema.get_all_operations()]


# (The schemathesis pytest loader `from_fixture` breaks on pytest 9.2 (`_nodeid`), so each
# operation's strategy is driven by Hypothesis directly; the checks are the same.)
@pytest.mark.slow
@pytest.mark.timeout(240)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_answers_within_its_schema(api_schema: Any, mode: GenerationMode) -> None:
    for operation in _operations(api_schema):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case: Any) -> None:
            _run_case(case, mode)

        try:
            fuzz()
        except Unsatisfiable:
            # Nothing invalid to send (GET /health takes no input): positive mode covers it.
            assert mode is GenerationMode.NEGATIVE
    if mode is GenerationMode.POSITIVE:
        assert {f"{op.method.upper()} {op.path}" for op in _operations(api_schema)} <= set(RUN)
    print(f"\nfuzzed {sum(RUN.values())} cases so far over {len(RUN)} operations ({mode})")


@pytest.fixture(scope="module")
def stateful(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path, Path]:
    """Its own app over its own database, and a pristine copy to restore it from."""
    folder = tmp_path_factory.mktemp("stateful")
    pristine, live = folder / "pristine.db", folder / "live.db"
    for path in (pristine, live):
        store = open_store(f"sqlite:///{path}")
        try:
            store.write(load_curated(SEED))
        finally:
            store.close()
    schema = schemathesis.openapi.from_asgi("/openapi.json", _app(f"sqlite:///{live}"))
    return schema, pristine, live


def _restore(pristine: Path, live: Path, revision: int) -> None:
    """Put the live database back to the seeded state (SQLite's online backup, safe with
    the app's connection open), under a revision number never used before, so no cache
    keyed by revision can answer from an earlier scenario."""
    source, target = sqlite3.connect(pristine), sqlite3.connect(live)
    try:
        source.backup(target)
        with target:
            target.execute("UPDATE meta SET value = ? WHERE key = 'revision'", (str(revision),))
    finally:
        source.close()
        target.close()


def test_stateful_links_hold(stateful: tuple[Any, Path, Path]) -> None:
    """Sequences of calls along the links schemathesis infers (ids from one answer fed to
    the next operation), with the same checks; writes carry the token.

    Each scenario starts from the seeded database: with one database carried across
    scenarios, a scenario's deletes changed what the next one (or Hypothesis replaying
    it) was generated from, and Hypothesis failed the run as FlakyStrategyDefinition."""
    api_schema, pristine, live = stateful
    base = api_schema.as_state_machine()
    scenarios = iter(range(1_000_000, 10**9, 1_000))

    class Links(base):  # type: ignore[misc, valid-type]
        def setup(self) -> None:
            _restore(pristine, live, next(scenarios))

        def call(self, case: Any, **kwargs: Any) -> Any:
            key = f"{case.method} {case.operation.path}"
            RUN[f"stateful {key}"] = RUN.get(f"stateful {key}", 0) + 1
            if (case.method, case.operation.path) not in WRITES:
                return case.call(**kwargs)
            response = case.call(headers=AUTH, **kwargs)
            # A negative case may drop the Authorization header on purpose (schemathesis
            # then leaves ours out too): only a positive one must get past the token check.
            if not case.meta.generation.mode.is_negative:
                assert response.status_code != 401, response.text
            return response

        def validate_response(self, response: Any, case: Any, *args: Any, **kwargs: Any) -> None:
            if not _all_time_with_as_of(case, response):
                case.validate_response(response, checks=CHECKS)

    Links.run(
        settings=settings(
            max_examples=15,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
    print(f"\nstateful steps: {sum(v for k, v in RUN.items() if k.startswith('stateful'))}")


# -- regressions found by the fuzzer ---------------------------------------------------------


@pytest.mark.parametrize("path", ["/documents", "/cypher"])
def test_a_body_that_is_not_utf8_is_a_422_naming_the_body(fuzz_db: str, path: str) -> None:
    # Was an undocumented 400 ("There was an error parsing the body").
    with TestClient(_app(fuzz_db)) as c:
        token = {"Authorization": f"Bearer {TOKEN}".encode()}
        r = c.post(path, content=b"I\xff", headers={**token, "content-type": "application/json"})
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"] == [
        {"parameter": "body", "message": "expected a JSON object in UTF-8"}
    ]


def test_a_malformed_body_without_the_token_is_a_401(fuzz_db: str) -> None:
    # Was a 422 describing the body: FastAPI parses JSON before it checks dependencies.
    with TestClient(_app(fuzz_db)) as c:
        r = c.post("/documents", content=b"\x00", headers={"content-type": "application/json"})
    assert r.status_code == 401, r.text


def test_a_non_ascii_token_sent_as_utf8_is_accepted(fuzz_db: str) -> None:
    # Was always a 401: the header arrives decoded as latin-1 and was compared as UTF-8.
    with TestClient(_app(fuzz_db)) as c:
        right = c.delete("/facts/f-0", headers={"Authorization": f"Bearer {TOKEN}".encode()})
        wrong = c.delete("/facts/f-0", headers={"Authorization": "Bearer fuzz-token-Ø".encode()})
    assert right.status_code == 404, right.text
    assert wrong.status_code == 401, wrong.text


def test_json_ld_answers_are_documented_as_json(fuzz_db: str) -> None:
    # Was documented as {"type": "string"}: every JSON-LD export failed its own schema.
    with TestClient(_app(fuzz_db)) as c:
        spec = c.get("/openapi.json").json()
        body = c.get("/export", params={"format": "jsonld"}).json()
    export = spec["paths"]["/export"]["get"]["responses"]["200"]["content"]
    sparql = spec["paths"]["/sparql"]["get"]["responses"]["200"]["content"]
    for content in (export, sparql):
        assert content["application/ld+json"]["schema"] == {"type": ["array", "object"]}
    assert isinstance(body, list | dict)
