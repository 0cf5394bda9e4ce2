"""History over HTTP: a fact's record, an entity's timeline, the change feed, retractions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph import Batch, open_store
from tests.test_time import ALL, ENTITIES

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('history') / 'h.db'}"
    store = open_store(url)
    store.write(Batch(ENTITIES))
    for statement in reversed(ALL):
        store.write(Batch((), (statement,)))
    store.close()
    return url


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=db, api_token="s3cret-token"))) as c:
        yield c


def partnership_id(client: TestClient) -> str:
    timeline = client.get("/entities/Acme Robotics/timeline").json()
    return next(f["id"] for f in timeline["items"] if f["relation"] == "partners_with")


def test_timeline_orders_every_relation_by_start(client: TestClient) -> None:
    answer = client.get("/entities/acme-robotics/timeline")
    assert answer.status_code == 200
    body = answer.json()
    assert body["entity"]["id"] == "acme-robotics"
    starts = [f["valid_from"] for f in body["items"]]
    assert starts == ["2012-03", "2018-05-20", "2021-02-09", "2023-01"]
    ended = {f["subject"]["id"]: f["valid_to"] for f in body["items"]}
    assert ended["ana-ortiz"] == "2018-05-20" and ended["ben-okafor"] == "2023-01"
    assert client.get("/entities/nobody/timeline").status_code == 404


def test_fact_record_has_status_events_and_versions(client: TestClient) -> None:
    fact_id = partnership_id(client)
    body = client.get(f"/facts/{fact_id}").json()
    assert body["retracted"] is False
    assert [e["status"] for e in body["status_events"]] == [
        "announced",
        "active",
        "strained",
        "ended",
    ]
    assert body["fact"]["valid_to"] == "2025-03" and body["fact"]["valid_to_precision"] == "month"
    assert len(body["fact"]["evidence"]) == 4
    assert len(body["versions"]) >= 2
    assert body["versions"][-1]["superseded_at"] is None
    missing = client.get("/facts/f-0000000000000000")
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM


def test_change_feed_windows(client: TestClient) -> None:
    body = client.get("/changes", params={"since": "2018-01-01", "until": "2019-01-01"}).json()
    assert sorted((c["kind"], c["fact"]["subject"]["id"]) for c in body["items"]) == [
        ("ended", "ana-ortiz"),
        ("started", "ben-okafor"),
    ]
    acme = client.get("/changes", params={"since": "2025-01-01", "entity": "Acme Robotics"}).json()
    assert [(c["kind"], c["detail"]) for c in acme["items"]] == [("ended", "2025-03")]
    bad = client.get("/changes", params={"since": "2025-01-01", "until": "2024-01-01"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["parameter"] == "until"
    missing = client.get("/changes")
    assert missing.status_code == 422 and missing.json()["errors"][0]["parameter"] == "since"


def test_retractions_need_the_token_and_keep_history(client: TestClient) -> None:
    fact_id = partnership_id(client)
    record = client.get(f"/facts/{fact_id}").json()
    ending = next(e for e in record["fact"]["evidence"] if "ended" in e["sentence"])
    url = f"/facts/{fact_id}/evidence/{ending['id']}"
    assert client.delete(url).status_code == 401
    wrong = client.delete(url, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"].startswith("Bearer")
    before = client.get("/facts", params={"subject": "acme-robotics", "all_time": "true"}).json()
    moment = record["fact"]["recorded_at"]
    auth = {"Authorization": "Bearer s3cret-token"}
    done = client.delete(url, params={"reason": "the talks went on"}, headers=auth)
    assert done.status_code == 200, done.text
    assert done.json()["fact"]["valid_to"] is None
    assert done.json()["fact"]["qualifiers"]["status"] == "strained"
    then = client.get(
        "/facts",
        params={
            "subject": "acme-robotics",
            "object": "globex-cloud",
            "all_time": "true",
            "known_at": moment,
        },
    ).json()["items"]
    assert then[0]["valid_to"] == "2025-03"
    feed = client.get("/changes", params={"since": "2000-01-01"}).json()["items"]
    assert any(c["kind"] == "corrected" and "the talks went on" in c["detail"] for c in feed)
    gone = client.delete(f"/facts/{fact_id}", headers=auth)
    assert gone.status_code == 200 and gone.json()["retracted"] is True
    assert client.delete(f"/facts/{fact_id}", headers=auth).status_code == 404
    assert before["count"] >= 1


def test_writes_are_disabled_without_a_configured_token(db: str) -> None:
    with TestClient(create_app(Settings(db=db))) as c:
        answer = c.delete("/facts/f-0000000000000000", headers={"Authorization": "Bearer x"})
        assert answer.status_code == 403 and "disabled" in answer.json()["detail"]
