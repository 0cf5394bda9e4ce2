"""The hot read, ``GET /entities/{id}/relations``, answered without FastAPI's extra work.

The handler serializes its own answer (:func:`api.responses.json_response`) and
its dependencies never go to the thread pool; the answer must be what
FastAPI's own serialization of the response model gave.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from api.app import create_app
from api.etag import body_etag
from api.routers import entities
from api.schemas import RelationsOut
from api.settings import Settings
from graph import Batch, open_store


@pytest.fixture
def client(db_url: str, sample_batch: Batch) -> Iterator[TestClient]:
    store = open_store(db_url)
    try:
        store.write(sample_batch)
    finally:
        store.close()
    with TestClient(create_app(Settings(db=db_url))) as c:
        yield c


def _relations_route() -> APIRoute:
    return next(
        r
        for r in entities.router.routes
        if isinstance(r, APIRoute) and r.path.endswith("/{id}/relations")
    )


def test_the_answer_is_the_response_models_serialization(client: TestClient) -> None:
    r = client.get("/entities/MSFT/relations", params={"as_of": "2025-09-11"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    assert r.headers["content-length"] == str(len(r.content))
    assert r.headers["etag"] == body_etag(r.content)
    assert r.headers["cache-control"] == "no-cache"
    model = RelationsOut.model_validate_json(r.content)
    assert r.content == model.model_dump_json(by_alias=True).encode()
    assert model.count == len(model.items) == 2
    assert "link" not in r.headers


def test_the_next_page_link_survives_the_handlers_own_response(client: TestClient) -> None:
    first = client.get("/entities/microsoft/relations", params={"all_time": "true", "limit": 1})
    target, rel = first.headers["link"].split(";")
    assert rel.strip() == 'rel="next"'
    second = client.get(target.strip()[1:-1])
    assert second.status_code == 200
    assert second.json()["items"] != first.json()["items"]
    again = client.get(
        "/entities/microsoft/relations",
        params={"all_time": "true", "limit": 1},
        headers={"If-None-Match": first.headers["etag"]},
    )
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == first.headers["etag"]


def test_no_dependency_of_the_hot_read_runs_in_the_thread_pool() -> None:
    def sync_calls(dependant: Dependant) -> list[str]:
        found = []
        for sub in dependant.dependencies:
            assert sub.call is not None
            if not inspect.iscoroutinefunction(sub.call):
                found.append(sub.call.__name__)
            found += sync_calls(sub)
        return found

    assert sync_calls(_relations_route().dependant) == []
