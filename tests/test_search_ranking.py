"""Entity search ranks what people type (issue 16): the exact name, then a name prefix,
then an exact alias, then an alias prefix, then any substring; ties by degree.

The contract runs over every backend (the ``store`` fixture); the API and the seeds
check the two cases the issue found: "Micro" opened Azure, "nvid" listed Blackwell first.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph import Batch, Entity, Evidence, Fact, PartialDate, Relation, open_store, queries
from graph.store import Store
from loaders.pipeline import ingest

ROOT = Path(__file__).resolve().parents[1]

ENTITIES = (
    Entity.named("Microsoft", "Organization"),
    Entity.named("Microchip", "Organization"),
    Entity.named("MF Holdings", "Organization", aliases=["Micro"]),
    Entity.named("Azure", "Product", aliases=["Microsoft Azure"]),
    Entity.named("AMD", "Organization", aliases=["Advanced Micro Devices"]),
    Entity.named("Nvidia", "Organization"),
    Entity.named("Nvidia H100", "Product"),
    Entity.named("Blackwell", "Product", aliases=["Nvidia Blackwell"]),
    Entity.named("OpenAI", "Organization"),
    Entity.named("Google", "Organization"),
)


def _fact(s: str, rel: Relation, o: str) -> Fact:
    sentence = f"{s} {rel.value} {o}."
    return Fact(
        subject=s,
        relation=rel,
        object=o,
        valid_from=PartialDate.parse("2020"),
        evidence=(
            Evidence(
                document_id=f"{s}-{o}",
                sentence=sentence,
                start=0,
                end=len(sentence),
                published=date(2024, 1, 1),
                confidence=0.9,
            ),
        ),
    )


# Degrees: Azure 4 and Blackwell 4 (well connected, yet only alias prefixes), Microsoft 1,
# Microchip 0 (a name prefix still beats them), Nvidia H100 2, Nvidia 1.
FACTS = (
    _fact("microsoft", Relation.DEVELOPS, "azure"),
    _fact("openai", Relation.USES, "azure"),
    _fact("google", Relation.COMPETES_WITH, "azure"),
    _fact("amd", Relation.SUPPLIES, "azure"),
    _fact("nvidia", Relation.DEVELOPS, "blackwell"),
    _fact("openai", Relation.USES, "blackwell"),
    _fact("google", Relation.USES, "blackwell"),
    _fact("amd", Relation.COMPETES_WITH, "blackwell"),
    _fact("openai", Relation.USES, "nvidia-h100"),
    _fact("google", Relation.USES, "nvidia-h100"),
)


def _names(store: Store, q: str, limit: int = 20) -> list[str]:
    return [e.name for e in queries.search_entities(store, q, limit=limit)]


def test_name_beats_alias_and_substring_comes_last(store: Store) -> None:
    store.write(Batch(entities=ENTITIES, facts=FACTS))
    assert _names(store, "Micro") == ["Microsoft", "Microchip", "MF Holdings", "Azure", "AMD"]
    assert _names(store, "micro", limit=1) == ["Microsoft"]


def test_exact_name_first_then_prefix_ties_by_degree(store: Store) -> None:
    store.write(Batch(entities=ENTITIES, facts=FACTS))
    assert _names(store, "nvidia") == ["Nvidia", "Nvidia H100", "Blackwell"]
    # "nvid": two name prefixes; H100 has the higher degree, Blackwell is an alias prefix.
    assert _names(store, "nvid") == ["Nvidia H100", "Nvidia", "Blackwell"]
    assert _names(store, "microsoft azure") == ["Azure"]


@pytest.fixture(scope="module")
def seeded_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('ranking') / 'seeds.db'}"
    store = open_store(url)
    ingest(store, [ROOT / "seeds"])
    store.close()
    with TestClient(create_app(Settings(db=url))) as client:
        yield client


def _api_names(client: TestClient, q: str) -> list[str]:
    r = client.get("/entities", params={"q": q, "limit": 8})
    assert r.status_code == 200, r.text
    return [e["name"] for e in r.json()["items"]]


def test_api_search_on_the_seeds(seeded_client: TestClient) -> None:
    micro = _api_names(seeded_client, "Micro")
    assert micro[0] == "Microsoft"
    assert micro.index("Azure") > micro.index("Microsoft AI")  # alias prefix after names
    nvid = _api_names(seeded_client, "nvid")
    assert nvid[0] == "Nvidia"
    assert nvid.index("Blackwell") > nvid.index("Nvidia")
