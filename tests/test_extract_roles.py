"""Roles and founders (helper roles): a company description read by the parser as the
whole sentence with a naming participle on it ("The company named A as chief
executive"); "named B as his replacement" after the earlier holder was fired or
retired (the pronoun is the earlier holder, not B); a succession told in a sentence of
its own, which passes the one post the text gave the new holder before and ends the
predecessor's ("A had been in the job a year, having succeeded B in 2024"); "with B
as chairman" beside a clause that names or runs a company (B holds the role there);
a name the parser could not read (taken for an adverb or a number) opening a
sentence before a participle set off by commas ("X, founded in 2006 by A, said"); and a
former post set off beside a name ("A, a former boss of B, becomes chairman"), which
ties the bare role the sentence gives next to the company the text is about, not to B.

Sentences are invented for these tests; names are made up so no gazetteer entry helps.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import Document
from loaders.extract import Extractor

PUBLISHED = date(2024, 5, 1)

Triple = tuple[str, str, str]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def facts(extractor: Extractor, text: str) -> dict[Triple, dict[str, str | None]]:
    found = extractor.extract(Document(text, published=PUBLISHED, doc_id="t"))
    return {
        (f.subject.name, f.relation.value, f.object.name): {
            "status": f.qualifiers.get("status"),
            "from": f.valid_from.isoformat() if f.valid_from else None,
            "to": f.valid_to.isoformat() if f.valid_to else None,
        }
        for f in found
        if f.relation.value in {"executive_of", "founded"}
    }


NAMED_BY_DESCRIPTION: list[tuple[str, Triple]] = [
    (
        "Brintco reported a loss on Monday. The company named Lena Dahl as chief executive.",
        ("Lena Dahl", "executive_of", "Brintco"),
    ),
    (
        "Brintco cut its forecast. The bank appointed Lena Dahl as its new chairwoman.",
        ("Lena Dahl", "executive_of", "Brintco"),
    ),
    (
        "Brintco cut its forecast again. The firm picked Lena Dahl as president.",
        ("Lena Dahl", "executive_of", "Brintco"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), NAMED_BY_DESCRIPTION)
def test_description_naming_a_holder(extractor: Extractor, text: str, expected: Triple) -> None:
    assert expected in facts(extractor, text)


REPLACEMENTS = [
    "Brintco fired chief executive Ivar Holm on Monday. The company named Lena Dahl as his"
    " replacement.",
    "Brintco said chief executive Ivar Holm would retire. The company named Lena Dahl as his"
    " successor.",
    "Brintco said chief executive Ivar Holm would retire. The board picked Lena Dahl as his"
    " successor.",
    "Brintco ousted chief executive Ivar Holm last week. The Danish shipping group named Lena"
    " Dahl, head of its tanker unit, as his replacement.",
]


@pytest.mark.parametrize("text", REPLACEMENTS)
def test_replacement_of_an_earlier_holder(extractor: Extractor, text: str) -> None:
    found = facts(extractor, text)
    assert found[("Ivar Holm", "executive_of", "Brintco")]["status"] == "ended"
    assert ("Lena Dahl", "executive_of", "Brintco") in found
    assert found[("Lena Dahl", "executive_of", "Brintco")]["status"] != "ended"


SUCCEEDED_EARLIER: list[tuple[str, str | None]] = [
    (
        "Brintco fired chief executive Ivar Holm on Monday. Holm had been in the job for only a"
        " year, having succeeded Sven Aasen in September 2023.",
        "2023-09",
    ),
    ("Brintco named Ivar Holm chief executive. Holm succeeded Sven Aasen, who retired.", None),
    (
        "Veltra Corp said on Tuesday that Ivar Holm, its chief executive, would leave. Holm"
        " succeeded Sven Aasen in 2019.",
        "2019",
    ),
]


@pytest.mark.parametrize(("text", "ended"), SUCCEEDED_EARLIER)
def test_succession_in_a_sentence_of_its_own(
    extractor: Extractor, text: str, ended: str | None
) -> None:
    found = facts(extractor, text)
    company = "Brintco" if "Brintco" in text else "Veltra Corp"
    old = found[("Sven Aasen", "executive_of", company)]
    assert old["status"] == "ended"
    if ended is not None:
        assert old["to"] == ended


@pytest.mark.parametrize(
    "text",
    [
        # the succession is at a company of its own, or the post at another body
        "Brintco named Ivar Holm chief executive. Holm succeeded Sven Aasen at Veltra Corp in"
        " 2010.",
        "Brintco named Ivar Holm chief executive. Holm succeeded Sven Aasen at Norrik Labs.",
    ],
)
def test_no_succession_to_another_post(extractor: Extractor, text: str) -> None:
    assert ("Sven Aasen", "executive_of", "Brintco") not in facts(extractor, text)


WITH_AS: list[tuple[str, set[Triple]]] = [
    (
        "Veltra named Ivar Holm chief executive, with Lena Dahl as chairwoman.",
        {("Ivar Holm", "executive_of", "Veltra"), ("Lena Dahl", "executive_of", "Veltra")},
    ),
    (
        "Ivar Holm will run Veltra, with Lena Dahl as chairwoman.",
        {("Ivar Holm", "executive_of", "Veltra"), ("Lena Dahl", "executive_of", "Veltra")},
    ),
    (
        "Brintco Group appointed Ane Berg as chief executive on Friday, with Sara Lind as"
        " president.",
        {
            ("Ane Berg", "executive_of", "Brintco Group"),
            ("Sara Lind", "executive_of", "Brintco Group"),
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), WITH_AS)
def test_with_someone_as_a_role(extractor: Extractor, text: str, expected: set[Triple]) -> None:
    found = facts(extractor, text)
    assert expected <= set(found)


def test_with_as_role_is_not_the_subjects(extractor: Extractor) -> None:
    found = facts(extractor, "Ivar Holm will run Veltra, with Lena Dahl as his deputy.")
    assert ("Lena Dahl", "executive_of", "Veltra") not in found


MISREAD_OPENERS: list[tuple[str, set[Triple]]] = [
    (
        "Orvo Capital bought a stake in Kindly last year. Kindly, founded in 2006 by chief"
        " executive Ane Berg along with Sara Lind and Ivar Holm, said customers could opt out.",
        {
            ("Ane Berg", "founded", "Kindly"),
            ("Sara Lind", "founded", "Kindly"),
            ("Ivar Holm", "founded", "Kindly"),
            ("Ane Berg", "executive_of", "Kindly"),
        },
    ),
    (
        "Orvo Capital bought a stake in Kindly last year. Kindly, founded in 2012 by Lena Dahl,"
        " will keep its name.",
        {("Lena Dahl", "founded", "Kindly")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), MISREAD_OPENERS)
def test_name_misread_before_a_participle(
    extractor: Extractor, text: str, expected: set[Triple]
) -> None:
    assert expected <= set(facts(extractor, text))


FORMER_POSTS = [
    "Veltra named a new board on Monday. Ivar Holm, a former boss of pump maker Brintco,"
    " becomes non-executive chairman.",
    "Veltra reshuffled its board. Ivar Holm, a former chief executive of Brintco, will become"
    " chairman.",
    "Veltra reshuffled its board on Friday. Ivar Holm, an erstwhile president of Brintco, was"
    " named chairman.",
]


@pytest.mark.parametrize("text", FORMER_POSTS)
def test_role_beside_a_former_post(extractor: Extractor, text: str) -> None:
    found = facts(extractor, text)
    assert ("Ivar Holm", "executive_of", "Veltra") in found
    assert ("Ivar Holm", "executive_of", "Brintco") in found
