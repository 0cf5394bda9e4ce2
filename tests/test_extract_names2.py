"""Entity names (helper names): a describing word that opens a sentence ("Embattled",
"Fellow", "Longtime", "Privately held") neither starts a company's name nor stands in
as the sentence's verb, and an item NER left out of a list of companies (read as a
place) is a company when the list's other items are.

Sentences are invented for these tests; names are made up so no gazetteer entry helps.
"""

from __future__ import annotations

import pytest

from loaders.extract import Extractor
from tests.extract_util import Triple, triples


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def names(found: set[Triple]) -> set[str]:
    return {t[0] for t in found} | {t[2] for t in found}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Embattled Dravon was bought by Halvard Cloud.",
            ("Halvard Cloud", "acquires", "Dravon"),
        ),
        (
            "Fellow Norrik Labs partnered with Veltra Corp.",
            ("Norrik Labs", "partners_with", "Veltra Corp."),
        ),
        (
            "Struggling retailer Kesto was acquired by Ambrin Group.",
            ("Ambrin Group", "acquires", "Kesto"),
        ),
        (
            "Struggling Kesto Robotics was acquired by Ambrin Group in March.",
            ("Ambrin Group", "acquires", "Kesto Robotics"),
        ),
        (
            "Privately held Quenta Foods invested in Marlo.",
            ("Quenta Foods", "invests_in", "Marlo"),
        ),
        (
            "Closely held Orvane Systems bought a stake in Velmo Labs last year.",
            ("Orvane Systems", "invests_in", "Velmo Labs"),
        ),
    ],
)
def test_opening_descriptor_is_no_name(extractor: Extractor, text: str, want: Triple) -> None:
    found = triples(extractor, text)
    assert want in found
    opener = text.split()[0]
    assert not any(n.startswith(opener) for n in names(found))


@pytest.mark.parametrize(
    "text",
    [
        "Longtime partner Tessaly Motors said it would acquire Brindle Foods.",
        "Longtime rivals Velmora and Orlo agreed to merge.",
        "Fellow investor Ambrin Capital also backed Velmo.",
    ],
)
def test_opening_descriptor_pairs_nobody(extractor: Extractor, text: str) -> None:
    opener = text.split()[0]
    assert opener not in names(triples(extractor, text))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Veltra Corp partnered with Orvin, Tessel Media, Garo Studios, and Pemba.",
            ("Pemba", "partners_with", "Veltra Corp"),
        ),
        (
            "Orlo Systems, Kestrel Capital and Pemba invested in Veltra Corp.",
            ("Pemba", "invests_in", "Veltra Corp."),
        ),
    ],
)
def test_item_left_out_of_company_list(extractor: Extractor, text: str, want: Triple) -> None:
    assert want in triples(extractor, text)


def test_list_of_places_stays(extractor: Extractor) -> None:
    found = triples(extractor, "Veltra Corp opened offices in Pemba, Orvin Media and Garo Labs.")
    assert "Pemba" not in names(found)
