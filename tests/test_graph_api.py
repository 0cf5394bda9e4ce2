"""Graph endpoints over HTTP: /paths, /entities/{id}/neighbourhood, /rankings.

TestClient over a real SQLite file holding a small dated graph: who is
connected to whom changes with ``as_of``, and the answers must follow.
"""

from __future__ import annotations

import random
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from api.settings import Settings
from graph import Batch, Entity, Evidence, Fact, PartialDate, Relation, open_store

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"

ENTITIES = (
    Entity.named("Microsoft", "Organization", aliases=["MSFT"]),
    Entity.named("OpenAI", "Organization"),
    Entity.named("Nvidia", "Organization"),
    Entity.named("Google", "Organization"),
    Entity.named("Anthropic", "Organization"),
    Entity.named("Amazon", "Organization"),
    Entity.named("Microsoft AI", "Organization"),
    Entity.named("Mustafa Suleyman", "Person"),
    Entity.named("Inflection AI", "Organization"),
)


def _fact(s: str, rel: Relation, o: str, start: str, end: str | None = None, **q: str) -> Fact:
    sentence = f"{s} {rel.value} {o} since {start}."
    doc = f"doc-{s}-{rel.value}-{o}"
    return Fact(
        subject=s,
        relation=rel,
        object=o,
        valid_from=PartialDate.parse(start),
        valid_to=PartialDate.parse_optional(end),
        qualifiers=q,
        evidence=(
            Evidence(
                document_id=doc,
                sentence=sentence,
                start=0,
                end=len(sentence),
                url=f"https://news.example/{doc}",
                published=date(2025, 1, 2),
                confidence=0.8,
            ),
        ),
    )


FACTS = (
    _fact("microsoft", Relation.PARTNERS_WITH, "openai", "2019", status="active"),
    _fact("microsoft", Relation.INVESTS_IN, "openai", "2019-07"),
    _fact("nvidia", Relation.SUPPLIES, "microsoft", "2023-03"),
    _fact("nvidia", Relation.SUPPLIES, "openai", "2024"),
    _fact("microsoft", Relation.COMPETES_WITH, "google", "2015", "2021"),
    _fact("google", Relation.INVESTS_IN, "anthropic", "2023"),
    _fact("amazon", Relation.PARTNERS_WITH, "anthropic", "2023-09"),
    _fact("microsoft-ai", Relation.SUBSIDIARY_OF, "microsoft", "2024-03"),
    _fact("mustafa-suleyman", Relation.EXECUTIVE_OF, "inflection-ai", "2022-03", "2024-03"),
    _fact("mustafa-suleyman", Relation.EXECUTIVE_OF, "microsoft-ai", "2024-03-19"),
)


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("graph-api") / "graph.db"
    store = open_store(f"sqlite:///{path}")
    try:
        store.write(Batch(entities=ENTITIES, facts=FACTS))
    finally:
        store.close()
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=db_url))) as c:
        yield c


def _ok(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def _problem(client: TestClient, url: str, status: int, **params: Any) -> dict[str, Any]:
    r = client.get(url, params=params)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM
    body: dict[str, Any] = r.json()
    assert body["status"] == status
    return body


def _node_paths(body: dict[str, Any]) -> list[list[str]]:
    return [[n["id"] for n in p["nodes"]] for p in body["items"]]


# -- /paths ----------------------------------------------------------------------------


def test_a_path_carries_every_edges_fact_with_evidence(client: TestClient) -> None:
    body = _ok(client, "/paths", source="Nvidia", target="OpenAI", as_of="2023-06-01")
    assert body["source"]["id"] == "nvidia" and body["target"]["id"] == "openai"
    assert body["as_of"] == "2023-06-01"
    (path,) = body["items"]
    assert path["length"] == 2
    assert [n["id"] for n in path["nodes"]] == ["nvidia", "microsoft", "openai"]
    first, second = path["hops"]
    assert (first["source"]["id"], first["target"]["id"]) == ("nvidia", "microsoft")
    (supplies,) = first["facts"]
    assert (supplies["subject"]["id"], supplies["relation"]) == ("nvidia", "supplies")
    evidence = supplies["evidence"][0]
    assert evidence["sentence"] == "nvidia supplies microsoft since 2023-03."
    assert evidence["url"] == "https://news.example/doc-nvidia-supplies-microsoft"
    # Two facts link Microsoft and OpenAI: the hop lists both.
    assert {f["relation"] for f in second["facts"]} == {"partners_with", "invests_in"}
    assert all(f["evidence"] for f in second["facts"])


def test_k_paths_shortest_first(client: TestClient) -> None:
    body = _ok(client, "/paths", source="nvidia", target="openai", as_of="2025-01-01", k=5)
    assert _node_paths(body) == [["nvidia", "openai"], ["nvidia", "microsoft", "openai"]]
    assert [p["length"] for p in body["items"]] == [1, 2]
    assert body["count"] == 2
    one = _ok(client, "/paths", source="nvidia", target="openai", as_of="2025-01-01", k=1)
    assert _node_paths(one) == [["nvidia", "openai"]]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2014-12-31", []),  # nothing links them yet
        ("2020-01-01", [["microsoft", "google"]]),  # rivals from 2015 until 2021
        ("2022-01-01", []),  # rivalry ended, Anthropic not yet funded
        ("2024-01-01", []),
    ],
)
def test_as_of_changes_the_answer(
    client: TestClient, as_of: str, expected: list[list[str]]
) -> None:
    body = _ok(client, "/paths", source="microsoft", target="google", as_of=as_of)
    assert _node_paths(body) == expected


def test_max_hops_bounds_the_search(client: TestClient) -> None:
    params = {"source": "amazon", "target": "google", "as_of": "2024-01-01"}
    assert _node_paths(_ok(client, "/paths", **params, max_hops=1)) == []
    assert _node_paths(_ok(client, "/paths", **params, max_hops=2)) == [
        ["amazon", "anthropic", "google"]
    ]


def test_relation_filter_is_repeatable(client: TestClient) -> None:
    base = [("source", "nvidia"), ("target", "openai"), ("as_of", "2025-01-01"), ("k", "5")]
    r = client.get("/paths", params=[*base, ("relation", "supplies")])
    only_supplies = r.json()
    assert _node_paths(only_supplies) == [["nvidia", "openai"]]
    assert only_supplies["relations"] == ["supplies"]
    r = client.get(
        "/paths", params=[*base, ("relation", "supplies"), ("relation", "partners_with")]
    )
    assert len(r.json()["items"]) == 2


def test_names_and_aliases_resolve(client: TestClient) -> None:
    body = _ok(client, "/paths", source="MSFT", target="openai", as_of="2025-01-01")
    assert body["source"]["id"] == "microsoft"
    assert _node_paths(body)[0] == ["microsoft", "openai"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"max_hops": 7}, "max_hops"),  # beyond the default cap of 6
        ({"max_hops": 0}, "max_hops"),
        ({"k": 11}, "k"),
        ({"as_of": "2025-13-01"}, "as_of"),
        ({"relation": "likes"}, "relation.0"),
        ({"target": "nvidia"}, "target"),  # same entity
    ],
)
def test_invalid_path_parameters_are_named(
    client: TestClient, params: dict[str, Any], parameter: str
) -> None:
    query = {"source": "nvidia", "target": "openai", **params}
    body = _problem(client, "/paths", 422, **query)
    assert [e["parameter"] for e in body["errors"]] == [parameter]


def test_unknown_end_is_a_404_with_suggestions(client: TestClient) -> None:
    body = _problem(client, "/paths", 404, source="Nvidai", target="openai")
    assert body["name_tried"] == "Nvidai"
    assert "Nvidia" in body["suggestions"]


def test_caps_follow_settings(db_url: str) -> None:
    settings = Settings(db=db_url, max_hops=2, max_depth=1, max_paths=1)
    with TestClient(create_app(settings)) as c:
        body = _problem(c, "/paths", 422, source="nvidia", target="openai", max_hops=3)
        assert "at most 2" in body["detail"]
        assert (
            _problem(c, "/paths", 422, source="nvidia", target="openai", k=2)["errors"][0][
                "parameter"
            ]
            == "k"
        )
        deep = _problem(c, "/entities/microsoft/neighbourhood", 422, depth=2)
        assert [e["parameter"] for e in deep["errors"]] == ["depth"]


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A dense random graph: thousands of facts, so a cold search takes real time."""
    rng = random.Random(7)
    people = [Entity.named(f"Company {i:04d}", "Organization") for i in range(300)]
    facts = []
    seen = set()
    while len(facts) < 3000:
        a, b = rng.sample(people, 2)
        key = tuple(sorted((a.id, b.id)))
        if key in seen:
            continue
        seen.add(key)
        facts.append(_fact(a.id, Relation.PARTNERS_WITH, b.id, "2010"))
    path = tmp_path_factory.mktemp("graph-big") / "big.db"
    store = open_store(f"sqlite:///{path}")
    try:
        store.write(Batch(entities=tuple(people), facts=tuple(facts)))
    finally:
        store.close()
    return f"sqlite:///{path}"


def test_a_slow_search_answers_504(big_db: str) -> None:
    settings = Settings(db=big_db, path_timeout=0.001)
    with TestClient(create_app(settings)) as c:
        body = _problem(
            c, "/paths", 504, source="company-0000", target="company-0299", max_hops=6, k=10
        )
    assert "longer than 0.001 s" in body["detail"]
    assert body["instance"] == "/paths"


def test_the_same_search_answers_in_time_with_the_default_timeout(big_db: str) -> None:
    with TestClient(create_app(Settings(db=big_db))) as c:
        body = _ok(c, "/paths", source="company-0000", target="company-0299", k=3)
    assert 1 <= body["count"] <= 3


# -- neighbourhood ---------------------------------------------------------------------


def _edges(body: dict[str, Any]) -> set[tuple[str, str, str, str]]:
    return {(e["source"], e["relation"], e["target"], e["state"]) for e in body["edges"]}


def test_neighbourhood_depth_one_and_two(client: TestClient) -> None:
    one = _ok(client, "/entities/microsoft/neighbourhood", as_of="2025-01-01")
    assert one["center"]["id"] == "microsoft" and one["depth"] == 1
    depths = {n["id"]: n["depth"] for n in one["nodes"]}
    assert depths == {"microsoft": 0, "openai": 1, "nvidia": 1, "microsoft-ai": 1}
    assert ("nvidia", "supplies", "openai", "valid") in _edges(one)  # between two neighbours
    two = _ok(client, "/entities/microsoft/neighbourhood", as_of="2025-01-01", depth=2)
    assert {n["id"]: n["depth"] for n in two["nodes"]}["mustafa-suleyman"] == 2
    edge = next(e for e in two["edges"] if e["relation"] == "executive_of")
    assert edge["fact"]["evidence"][0]["sentence"].startswith("mustafa-suleyman executive_of")
    assert edge["symmetric"] is False


def test_neighbourhood_follows_as_of_and_shows_ended_on_request(client: TestClient) -> None:
    url = "/entities/MSFT/neighbourhood"
    assert _edges(_ok(client, url, as_of="2020-01-01")) == {
        ("microsoft", "partners_with", "openai", "valid"),
        ("microsoft", "invests_in", "openai", "valid"),
        ("google", "competes_with", "microsoft", "valid"),
    }
    later = _ok(client, url, as_of="2025-01-01")
    assert not any(e["relation"] == "competes_with" for e in later["edges"])
    faded = _ok(client, url, as_of="2025-01-01", ended="true")
    assert ("google", "competes_with", "microsoft", "ended") in _edges(faded)
    assert {n["id"]: n["depth"] for n in faded["nodes"]}["google"] == 1


def test_neighbourhood_of_an_isolated_entity(client: TestClient) -> None:
    body = _ok(client, "/entities/anthropic/neighbourhood", as_of="2010-01-01")
    assert body["nodes"] == [
        {"id": "anthropic", "name": "Anthropic", "type": "Organization", "depth": 0}
    ]
    assert body["edges"] == []
    assert _problem(client, "/entities/nobody/neighbourhood", 404)["name_tried"] == "nobody"


# -- rankings --------------------------------------------------------------------------


def test_rankings_order_by_pagerank_and_degree(client: TestClient) -> None:
    body = _ok(client, "/rankings", as_of="2025-01-01")
    ids = [i["entity"]["id"] for i in body["items"]]
    assert ids[0] == "microsoft"
    assert [i["rank"] for i in body["items"]] == list(range(1, len(ids) + 1))
    ranks = [i["pagerank"] for i in body["items"]]
    assert ranks == sorted(ranks, reverse=True)
    assert abs(sum(ranks) - 1) < 1e-3
    by_degree = _ok(client, "/rankings", as_of="2025-01-01", order="degree")
    degrees = {i["entity"]["id"]: i["degree"] for i in by_degree["items"]}
    assert degrees["microsoft"] == 4 and degrees["openai"] == 3
    assert [i["degree"] for i in by_degree["items"]] == sorted(degrees.values(), reverse=True)


def test_rankings_at_a_date_by_type_and_relation(client: TestClient) -> None:
    early = _ok(client, "/rankings", as_of="2016-01-01")
    assert {i["entity"]["id"] for i in early["items"]} == {"microsoft", "google"}
    people = _ok(client, "/rankings", as_of="2025-01-01", type="Person")
    assert [i["entity"]["id"] for i in people["items"]] == ["mustafa-suleyman"]
    partners = _ok(client, "/rankings", as_of="2025-01-01", relation="partners_with")
    assert {i["entity"]["id"] for i in partners["items"]} == {
        "microsoft",
        "openai",
        "amazon",
        "anthropic",
    }
    assert _ok(client, "/rankings", as_of="2025-01-01", limit=2)["count"] == 2


# -- the cache -------------------------------------------------------------------------


def test_snapshots_follow_the_store_revision(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cache.db'}"
    writer = open_store(url)
    writer.write(Batch(entities=ENTITIES, facts=FACTS[:1]))
    params = {"source": "nvidia", "target": "openai", "as_of": "2025-01-01"}
    try:
        with TestClient(create_app(Settings(db=url, snapshot_ttl=3600))) as c:
            assert _ok(c, "/paths", **params)["items"] == []
            writer.write(Batch(facts=(FACTS[3],)))  # another process's write
            # The store's revision moved: the cached snapshot is stale despite the long TTL.
            assert _ok(c, "/paths", **params)["count"] == 1
        with TestClient(create_app(Settings(db=url, snapshot_ttl=0))) as c:
            assert _ok(c, "/paths", **params)["count"] == 1
            writer.write(Batch(facts=(FACTS[2],)))
            assert _ok(c, "/paths", **params, k=5)["count"] == 2
    finally:
        writer.close()


def test_openapi_documents_the_graph_routes(client: TestClient) -> None:
    spec = _ok(client, "/openapi.json")
    for path in ("/paths", "/entities/{id}/neighbourhood", "/rankings"):
        op = spec["paths"][path]["get"]
        assert op["responses"]["200"]["content"]["application/json"]["example"], path
        for parameter in op["parameters"]:
            assert parameter.get("examples"), f"{path}: {parameter['name']}"
    timeout = spec["paths"]["/paths"]["get"]["responses"]["504"]["content"][PROBLEM]
    assert timeout["example"]["status"] == 504


# -- pagination and ETags (every list endpoint) ------------------------------------------

LISTS = [
    ("/entities", {}),
    ("/entities", {"q": "a"}),
    ("/facts", {"all_time": "true"}),
    ("/facts", {"as_of": "2025-01-01", "relation": "supplies"}),
    ("/entities/microsoft/relations", {"all_time": "true"}),
    ("/entities/microsoft/timeline", {}),
    ("/changes", {"since": "2000-01-01"}),
    ("/rankings", {"as_of": "2025-01-01"}),
]


def _walk(client: TestClient, url: str, params: dict[str, Any], limit: int) -> list[Any]:
    items: list[Any] = []
    query: dict[str, Any] = {**params, "limit": limit}
    pages = 0
    while True:
        r = client.get(url, params=query)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["count"] == len(body["items"]) <= limit
        items.extend(body["items"])
        pages += 1
        assert pages < 100
        link = r.headers.get("link")
        if link is None:
            return items
        target, rel = link.split(";")
        assert rel.strip() == 'rel="next"'
        next_url = client.base_url.join(target.strip()[1:-1])
        query = dict(next_url.params)
        assert query["limit"] == str(limit) and query["cursor"]


@pytest.mark.parametrize(("url", "params"), LISTS)
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_walking_every_page_gives_the_unpaginated_list(
    client: TestClient, url: str, params: dict[str, Any], limit: int
) -> None:
    whole = _ok(client, url, **params, limit=500)
    assert len(whole["items"]) >= 2, url  # the walk crosses a page boundary
    assert _walk(client, url, params, limit) == whole["items"]


def test_a_cursor_is_bound_to_its_query(client: TestClient) -> None:
    r = client.get("/facts", params={"all_time": "true", "limit": 2})
    cursor = dict(client.base_url.join(r.headers["link"].split(";")[0][1:-1]).params)["cursor"]
    other = _problem(client, "/facts", 422, relation="supplies", all_time="true", cursor=cursor)
    assert [e["parameter"] for e in other["errors"]] == ["cursor"]
    assert "another query" in other["detail"]
    for bad in ("garbage", "!!!", "LTEuYWJj", "x" * 201):
        body = _problem(client, "/facts", 422, all_time="true", cursor=bad)
        assert [e["parameter"] for e in body["errors"]] == ["cursor"]
    last = _ok(client, "/facts", all_time="true", limit=500)
    assert "link" not in client.get("/facts", params={"all_time": "true", "limit": 500}).headers
    assert last["count"] == len(FACTS)


@pytest.mark.parametrize(
    "url",
    [
        "/entities?q=micro",
        "/entities/microsoft",
        "/facts?all_time=true",
        "/paths?source=nvidia&target=openai&as_of=2025-01-01",
        "/entities/microsoft/neighbourhood?as_of=2025-01-01",
        "/rankings?as_of=2025-01-01",
        "/health",
    ],
)
def test_etag_and_if_none_match(client: TestClient, url: str) -> None:
    first = client.get(url)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert first.headers["cache-control"] == "no-cache"
    assert client.get(url).headers["etag"] == etag  # stable
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    for header in (f'"other", W/{etag}', "*"):
        assert client.get(url, headers={"If-None-Match": header}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200


def test_the_etag_changes_with_the_answer(client: TestClient) -> None:
    a = client.get("/entities/microsoft/neighbourhood", params={"as_of": "2020-01-01"})
    b = client.get("/entities/microsoft/neighbourhood", params={"as_of": "2025-01-01"})
    assert a.headers["etag"] != b.headers["etag"]
    r = client.get(
        "/entities/microsoft/neighbourhood",
        params={"as_of": "2025-01-01"},
        headers={"If-None-Match": a.headers["etag"]},
    )
    assert r.status_code == 200 and r.json()["as_of"] == "2025-01-01"


def test_errors_carry_no_etag(client: TestClient) -> None:
    r = client.get("/entities/nobody")
    assert r.status_code == 404 and "etag" not in r.headers
