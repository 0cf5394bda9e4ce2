"""Time and endings: dates at the precision the text supports, statuses, called-off deals."""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import Document, PartialDate
from loaders.extract import ExtractedFact, Extractor
from loaders.extract.timex import resolve

SEPT_11 = date(2025, 9, 11)  # a Thursday


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("late August", SEPT_11, "2025-08"),
        ("in early March", SEPT_11, "2025-03"),
        ("October", SEPT_11, "2024-10"),  # the last October on or before publication
        ("Thursday", SEPT_11, "2025-09-11"),  # the day itself when published that day
        ("Tuesday", SEPT_11, "2025-09-09"),
        ("yesterday", SEPT_11, "2025-09-10"),
        ("last year", SEPT_11, "2024"),
        ("this year", SEPT_11, "2025"),
        ("last month", date(2025, 1, 15), "2024-12"),
        ("2019", SEPT_11, "2019"),
        ("the second half of 2026", SEPT_11, "2026-07"),
        ("the first quarter", SEPT_11, "2025-01"),
        ("June 5, 2019", SEPT_11, "2019-06-05"),
        ("5 June 2019", SEPT_11, "2019-06-05"),
        ("March 2014", None, "2014-03"),
    ],
)
def test_resolve_at_the_precision_the_text_supports(
    text: str, published: date | None, expected: str
) -> None:
    assert resolve(text, published) == PartialDate.parse(expected)


@pytest.mark.parametrize("text", ["Tuesday", "last year", "August"])
def test_relative_dates_need_a_publication_date(text: str) -> None:
    assert resolve(text, None) is None


def test_may_alone_is_not_a_month() -> None:
    assert resolve("may", SEPT_11) is None


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def one(extractor: Extractor, text: str, relation: str, published: date = SEPT_11) -> ExtractedFact:
    facts = [
        f
        for f in extractor.extract(Document(text, published=published, doc_id="t"))
        if f.relation.value == relation
    ]
    assert facts, f"no {relation} in {text!r}"
    return facts[0]


def test_late_august_sets_valid_from_at_month_precision(extractor: Extractor) -> None:
    fact = one(extractor, "Vectra Motors unveiled the Vectra X9 sedan in late August.", "develops")
    assert fact.valid_from == PartialDate(2025, 8)


def test_weekday_is_the_one_on_or_before_publication(extractor: Extractor) -> None:
    fact = one(extractor, "Kestrel Labs agreed on Tuesday to acquire Ferrovia Systems.", "acquires")
    assert fact.valid_from == PartialDate(2025, 9, 9)
    assert fact.qualifiers["status"] == "announced"


def test_the_weekday_of_the_report_is_past_even_before_a_would_clause(
    extractor: Extractor,
) -> None:
    # The parser hangs "on Tuesday" on "buy"; it is when the company spoke.
    text = "Kestrel Labs said on Tuesday it would buy Ferrovia Systems for $2 billion."
    assert one(extractor, text, "acquires").valid_from == PartialDate(2025, 9, 9)


def test_a_will_clause_keeps_its_weekday_ahead(extractor: Extractor) -> None:
    text = "Kestrel Labs will complete its purchase of Ferrovia Systems on Friday."
    assert one(extractor, text, "acquires").valid_from == PartialDate(2025, 9, 12)


def test_effective_dates_look_forward(extractor: Extractor) -> None:
    text = "Kestrel Labs named Dana Whitfield chief financial officer, effective November 1."
    assert one(extractor, text, "executive_of").valid_from == PartialDate(2025, 11, 1)


def test_since_sets_valid_from(extractor: Extractor) -> None:
    fact = one(
        extractor, "Orbital Dynamics has been a customer of Granite Foundry since 2019.", "supplies"
    )
    assert fact.valid_from == PartialDate(2019)


def test_last_year(extractor: Extractor) -> None:
    fact = one(extractor, "Lumen Robotics was acquired by Orbital Dynamics last year.", "acquires")
    assert fact.valid_from == PartialDate(2024)


def test_ended_partnership_sets_valid_to(extractor: Extractor) -> None:
    fact = one(
        extractor,
        "Quorra Systems ended its partnership with Pellucid AI in March.",
        "partners_with",
    )
    assert fact.valid_to == PartialDate(2025, 3)
    assert fact.qualifiers["status"] == "ended"


def test_stepping_down_ends_the_role_when_reported(extractor: Extractor) -> None:
    fact = one(
        extractor,
        "Ingrid Dahl is stepping down as chief executive of Halvorsen Group.",
        "executive_of",
    )
    assert fact.subject.name == "Ingrid Dahl"
    assert fact.qualifiers["status"] == "ended"
    assert fact.valid_to == PartialDate(2025, 9, 11)


def test_succession_passes_the_role(extractor: Extractor) -> None:
    text = "Halvorsen Group named Tomas Berg its chief executive on Tuesday, replacing Ingrid Dahl."
    facts = extractor.extract(Document(text, published=SEPT_11, doc_id="t"))
    by_person = {f.subject.name: f for f in facts if f.relation.value == "executive_of"}
    assert by_person["Tomas Berg"].valid_from == PartialDate(2025, 9, 9)
    assert by_person["Ingrid Dahl"].valid_to == PartialDate(2025, 9, 9)
    assert by_person["Ingrid Dahl"].qualifiers["status"] == "ended"


def test_no_longer_ends_a_supply(extractor: Extractor) -> None:
    fact = one(
        extractor, "Basalt Semiconductor no longer supplies memory to Vectra Motors.", "supplies"
    )
    assert fact.qualifiers["status"] == "ended"


def test_drifting_apart_is_strained(extractor: Extractor) -> None:
    text = "Pellucid AI's partnership with Quorra Systems is fraying as the companies drift apart."
    assert one(extractor, text, "partners_with").qualifiers["status"] == "strained"


def test_renegotiation(extractor: Extractor) -> None:
    text = "Pellucid AI and Quorra Systems are renegotiating their partnership."
    assert one(extractor, text, "partners_with").qualifiers["status"] == "renegotiating"


@pytest.mark.parametrize(
    "text",
    [
        "Kestrel Labs called off its planned acquisition of Ferrovia Systems on Monday.",
        "Kestrel Labs walked away on Monday from a $900 million agreement to buy Ferrovia Systems.",
        "Halvorsen Group agreed to buy Tessaract in January. "
        "On Monday the company scrapped the deal.",
    ],
)
def test_called_off_deal_is_never_a_plain_acquisition(extractor: Extractor, text: str) -> None:
    deals = [
        f
        for f in extractor.extract(Document(text, published=SEPT_11, doc_id="t"))
        if f.relation.value == "acquires"
    ]
    assert deals
    for deal in deals:
        assert deal.qualifiers["status"] == "ended"
        assert deal.valid_to == PartialDate(2025, 9, 8)


def test_effective_date_starts_the_successor_and_ends_the_predecessor(extractor: Extractor) -> None:
    text = (
        "Halvorsen Group said Tomas Berg would succeed Ingrid Dahl as chief executive, "
        "effective March 18."
    )
    facts = extractor.extract(Document(text, published=SEPT_11, doc_id="t"))
    by_person = {f.subject.name: f for f in facts if f.relation.value == "executive_of"}
    # "would succeed": the next March 18 after publication (2025-09-11)
    assert by_person["Tomas Berg"].valid_from == PartialDate(2026, 3, 18)
    assert by_person["Ingrid Dahl"].valid_to == PartialDate(2026, 3, 18)


def test_selling_a_stake_ends_the_investment(extractor: Extractor) -> None:
    fact = one(
        extractor,
        "Brightwave Capital sold its entire stake in Nimbus Health last month.",
        "invests_in",
    )
    assert fact.qualifiers["status"] == "ended"
    assert fact.valid_to == PartialDate(2025, 8)
    assert fact.valid_from is None


def test_talks_are_not_a_deal(extractor: Extractor) -> None:
    # Talks, stalled or not, state no acquisition (the ontology holds relations, not
    # negotiations); an agreement reached in them does.
    for text in (
        "Kestrel Labs' talks to acquire Ferrovia Systems have stalled.",
        "Kestrel Labs is in talks to acquire Ferrovia Systems.",
    ):
        doc = Document(text, published=SEPT_11, doc_id="t")
        assert [f for f in extractor.extract(doc) if f.relation.value == "acquires"] == []


def test_stepped_down_as_role_of_company_in_month(extractor: Extractor) -> None:
    text = "Ingrid Dahl stepped down as chief technology officer of Halvorsen Group in March."
    fact = one(extractor, text, "executive_of")
    assert fact.qualifiers == {"role": "CTO", "status": "ended"}
    assert fact.valid_to == PartialDate(2025, 3)


def test_leaving_another_company_does_not_end_a_role(extractor: Extractor) -> None:
    text = (
        "Marta Ruiz, Quorra Systems' co-founder and chief executive, left Halvorsen Group in 2020."
    )
    fact = one(extractor, text, "executive_of")
    assert fact.object.name == "Quorra Systems"
    assert "status" not in fact.qualifiers and fact.valid_to is None


def test_future_dates_resolve_forward() -> None:
    published = date(2026, 5, 4)
    assert resolve("June 1", published, future=True) == PartialDate(2026, 6, 1)
    assert resolve("the end of May", published, future=True) == PartialDate(2026, 5)
    assert resolve("April", published, future=True) == PartialDate(2027, 4)
    assert resolve("April", published) == PartialDate(2026, 4)


def test_announced_start_and_end_use_the_dates_the_text_gives(extractor: Extractor) -> None:
    text = (
        "Halvorsen Group said on Monday that Tomas Berg would become its chief executive on "
        "June 1. He succeeds Ingrid Dahl, who will step down as CEO at the end of May."
    )
    facts = extractor.extract(Document(text, published=date(2026, 5, 4), doc_id="t"))
    by_person = {f.subject.name: f for f in facts if f.relation.value == "executive_of"}
    assert by_person["Tomas Berg"].valid_from == PartialDate(2026, 6, 1)
    assert by_person["Ingrid Dahl"].valid_to == PartialDate(2026, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April of last year", "2024-04"),
        ("in January of this year", "2025-01"),
        ("the end of February next year", "2026-02"),
    ],
)
def test_a_month_of_a_relative_year_keeps_the_month(text: str, expected: str) -> None:
    assert resolve(text, SEPT_11) == PartialDate.parse(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Halvorsen Group chief executive Ingrid Dahl, who took over in 2021, said sales rose.",
            "2021",
        ),
        (
            "Halvorsen Group chief executive Ingrid Dahl, who took the post in May, approved "
            "the plan.",
            "2025-05",
        ),
        (
            "Chief executive Ingrid Dahl has been moving Halvorsen Group away from coal since "
            "taking the helm in 2018.",
            "2018",
        ),
        (
            "Halvorsen Group chief executive Ingrid Dahl unveiled a new ferry on Monday. "
            "Dahl, who took over in 2019, wants two new ships a year.",
            "2019",
        ),
    ],
)
def test_a_clause_on_the_person_dates_the_start_of_the_role(
    extractor: Extractor, text: str, expected: str
) -> None:
    fact = one(extractor, text, "executive_of")
    assert fact.subject.name == "Ingrid Dahl"
    assert fact.valid_from == PartialDate.parse(expected)


def test_the_day_of_the_telling_gives_way_to_the_clause_date(extractor: Extractor) -> None:
    text = (
        "Kestrel Labs said on Monday that Tomas Berg, its finance chief, will succeed "
        "Ingrid Dahl as chief executive on Jan. 1."
    )
    facts = extractor.extract(Document(text, published=SEPT_11, doc_id="t"))
    by_person = {f.subject.name: f for f in facts if f.relation.value == "executive_of"}
    assert by_person["Tomas Berg"].valid_from == PartialDate(2026, 1, 1)
    assert by_person["Ingrid Dahl"].valid_to == PartialDate(2026, 1, 1)


def test_a_predecessor_retiring_does_not_end_the_successor(extractor: Extractor) -> None:
    text = (
        "Halvorsen Group chief executive Ingrid Dahl will retire in August, and president "
        "Tomas Berg will succeed her on Sept. 1, the company said on Thursday."
    )
    facts = extractor.extract(Document(text, published=date(2026, 2, 5), doc_id="t"))
    by_person = {f.subject.name: f for f in facts if f.relation.value == "executive_of"}
    assert by_person["Ingrid Dahl"].valid_to == PartialDate(2026, 8)
    berg = by_person["Tomas Berg"]
    assert berg.valid_from == PartialDate(2026, 9, 1)
    assert berg.valid_to is None and berg.qualifiers.get("status") != "ended"


def test_a_date_in_a_clause_about_another_company_is_not_the_deals(
    extractor: Extractor,
) -> None:
    text = (
        "Kestrel Labs will pay $450 million for a 40% stake in Ferrovia Systems, the firm "
        "Dana Whitfield started in 2015, the buyer said on Monday."
    )
    assert one(extractor, text, "invests_in").valid_from == PartialDate(2025, 9, 8)


def test_the_day_of_the_telling_is_past_after_a_will_clause(extractor: Extractor) -> None:
    text = "Kestrel Labs will buy Ferrovia Systems, the regulator said late on Sunday."
    fact = one(extractor, text, "acquires", published=date(2025, 9, 15))
    assert fact.valid_from == PartialDate(2025, 9, 14)


def test_undated_news_happens_on_the_day_the_lead_names(extractor: Extractor) -> None:
    text = (
        "Halvorsen Group said on Wednesday it had raised $1 billion from investors. "
        "Tomas Berg succeeds Ingrid Dahl as chief executive."
    )
    facts = extractor.extract(Document(text, published=SEPT_11, doc_id="t"))
    by_person = {f.subject.name: f for f in facts if f.relation.value == "executive_of"}
    assert by_person["Tomas Berg"].valid_from == PartialDate(2025, 9, 10)
    assert by_person["Ingrid Dahl"].valid_to == PartialDate(2025, 9, 10)


@pytest.mark.parametrize(
    "text",
    [
        "Kestrel Labs will acquire a 10% stake in Ferrovia Systems.",
        "Ferrovia Systems today announced an agreement to be acquired by Kestrel Labs.",
    ],
)
def test_a_deal_told_in_the_future_is_made_now(extractor: Extractor, text: str) -> None:
    facts = extractor.extract(Document(text, published=SEPT_11, doc_id="t"))
    deals = [f for f in facts if f.relation.value in {"acquires", "invests_in"}]
    assert deals and all(f.valid_from == PartialDate(2025, 9, 11) for f in deals)


def test_a_company_is_founded_once(extractor: Extractor) -> None:
    text = (
        "Kestrel Labs agreed on Tuesday to buy Ferrovia Systems, a start-up founded in 2019. "
        "Ferrovia Systems' founders, Dana Whitfield and Tomas Berg, will join Kestrel Labs."
    )
    facts = extractor.extract(Document(text, published=SEPT_11, doc_id="t"))
    founded = {f.subject.name: f for f in facts if f.relation.value == "founded"}
    assert {"Dana Whitfield", "Tomas Berg"} <= set(founded)
    assert all(f.valid_from == PartialDate(2019) for f in founded.values())


def test_an_until_clause_ends_the_state(extractor: Extractor) -> None:
    text = (
        "Ferrovia Systems, which was owned by Kestrel Labs from 2012 until it listed its "
        "shares in 2019, makes rail sensors."
    )
    fact = one(extractor, text, "subsidiary_of")
    assert (fact.valid_from, fact.valid_to) == (PartialDate(2012), PartialDate(2019))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("three years ago", "2022"),
        ("two months earlier", "2025-07"),
        ("a decade ago", "2015"),
        ("last week", "2025-09"),
        ("the fourth quarter of last year", "2024-10"),
        ("the first half of next year", "2026-01"),
        ("last summer", "2025-06"),
        ("last winter", "2024-12"),
    ],
)
def test_counted_and_relative_periods(text: str, expected: str) -> None:
    assert resolve(text, SEPT_11) == PartialDate.parse(expected)


def test_a_week_across_two_months_gives_only_the_year() -> None:
    assert resolve("last week", date(2025, 10, 8)) == PartialDate(2025)


def _by(facts: list[ExtractedFact], relation: str) -> dict[tuple[str, str], ExtractedFact]:
    return {(f.subject.name, f.object.name): f for f in facts if f.relation.value == relation}


def test_a_spun_off_unit_ends_its_parents_ownership(extractor: Extractor) -> None:
    text = (
        "Ferrovia Systems, which was spun off from Kestrel Labs in 2021, agreed on "
        "Tuesday to buy a rail-sensor maker."
    )
    fact = one(extractor, text, "subsidiary_of")
    assert fact.valid_to == PartialDate(2021)
    assert fact.qualifiers.get("status") == "ended"


def test_founding_date_said_with_the_founders(extractor: Extractor) -> None:
    text = (
        "Orvane Health said on Tuesday it had hired a new finance chief. The "
        "insurer, founded in 2016 by Dana Whitfield and Tomas Berg, sells pet cover."
    )
    facts = extractor.extract(Document(text, published=SEPT_11, doc_id="t"))
    founded = [f for f in facts if f.relation.value == "founded"]
    assert all(f.valid_from == PartialDate(2016) for f in founded)


def test_another_deals_date_does_not_stop_a_deal_told_now(extractor: Extractor) -> None:
    text = (
        "Kestrel Labs, which bought Selk Farms last July, will take a 15% stake in "
        "Ferrovia Systems, the companies said on Tuesday."
    )
    facts = _by(extractor.extract(Document(text, published=SEPT_11, doc_id="t")), "invests_in")
    assert facts[("Kestrel Labs", "Ferrovia Systems")].valid_from == PartialDate(2025, 9, 9)


def test_ending_a_tie_with_one_company_leaves_the_others(extractor: Extractor) -> None:
    text = (
        "Kestrel Labs will pay $2 billion for a 20% stake in Ferrovia Systems, the "
        "companies said on Tuesday. Kestrel Labs will also sell its 5% stake in Selk "
        "Farms and end their partnership."
    )
    facts = _by(extractor.extract(Document(text, published=SEPT_11, doc_id="t")), "invests_in")
    kept = facts[("Kestrel Labs", "Ferrovia Systems")]
    assert kept.valid_to is None and kept.valid_from == PartialDate(2025, 9, 9)


def test_an_earlier_offer_rejected_does_not_end_the_deal(extractor: Extractor) -> None:
    text = (
        "Kestrel Labs agreed on Tuesday to buy Ferrovia Systems for $3 billion, after "
        "the rail-sensor maker had rejected two earlier offers."
    )
    fact = one(extractor, text, "acquires")
    assert fact.valid_from == PartialDate(2025, 9, 9) and fact.valid_to is None


@pytest.mark.parametrize(
    "text",
    [
        "Kestrel Labs agreed on Tuesday to buy Ferrovia Systems for $3 billion, months "
        "after Ferrovia rejected its first offer.",
        "Kestrel Labs agreed on Tuesday to buy Ferrovia Systems for $3 billion after "
        "Ferrovia turned down its initial approach.",
        "Kestrel Labs agreed on Tuesday to buy Ferrovia Systems for $3 billion. Ferrovia "
        "had rejected its first offer in May.",
    ],
)
def test_a_first_offer_rejected_before_the_deal_does_not_end_it(
    extractor: Extractor, text: str
) -> None:
    """The rejection told in a clause of what came first ("after", "since"), or of an
    offer marked as an earlier one ("its first offer"), is another deal's ending."""
    fact = one(extractor, text, "acquires")
    assert fact.valid_from == PartialDate(2025, 9, 9) and fact.valid_to is None


def test_a_later_rejection_still_ends_the_bid(extractor: Extractor) -> None:
    text = (
        "Kestrel Labs offered on Tuesday to buy Ferrovia Systems for $3 billion. "
        "Ferrovia rejected the offer on Wednesday."
    )
    fact = one(extractor, text, "acquires")
    assert fact.qualifiers.get("status") == "ended"


def test_the_one_replaced_ends_the_role(extractor: Extractor) -> None:
    text = (
        "Orvane Health has replaced chief executive Dana Whitfield with its finance "
        "chief, Tomas Berg, effective Oct. 1, the company said on Tuesday."
    )
    facts = _by(extractor.extract(Document(text, published=SEPT_11, doc_id="t")), "executive_of")
    dana = facts[("Dana Whitfield", "Orvane Health")]
    assert dana.valid_to == PartialDate(2025, 10, 1) and dana.valid_from is None


def test_a_successor_joined_to_the_departure_starts_on_its_date(extractor: Extractor) -> None:
    text = (
        "Orvane Health said on Tuesday that Dana Whitfield will step down as chief "
        "executive on Jan. 1 and be succeeded by Tomas Berg, its chief operating officer."
    )
    facts = _by(extractor.extract(Document(text, published=SEPT_11, doc_id="t")), "executive_of")
    assert facts[("Tomas Berg", "Orvane Health")].valid_from == PartialDate(2026, 1, 1)


def test_a_named_chief_starts_on_the_day_they_take_over(extractor: Extractor) -> None:
    text = (
        "Orvane Health named Tomas Berg as its new chief executive on Tuesday. Berg, "
        "who previously ran a hospital group, will start on Nov. 3."
    )
    facts = _by(extractor.extract(Document(text, published=SEPT_11, doc_id="t")), "executive_of")
    assert facts[("Tomas Berg", "Orvane Health")].valid_from == PartialDate(2025, 11, 3)


def test_a_planned_departure_ends_the_role(extractor: Extractor) -> None:
    text = (
        "Orvane Health agreed on Tuesday to buy a clinic chain, one of the last deals "
        "by chief executive Dana Whitfield before she steps down in December."
    )
    facts = _by(extractor.extract(Document(text, published=SEPT_11, doc_id="t")), "executive_of")
    assert facts[("Dana Whitfield", "Orvane Health")].valid_to == PartialDate(2025, 12)


def test_a_return_keeps_the_new_start(extractor: Extractor) -> None:
    text = (
        "Orvane Health said on Tuesday that Dana Whitfield would return as chief "
        "executive, effective immediately. Whitfield, who ran Orvane Health for ten years "
        "until March 2022, will serve for two years."
    )
    facts = _by(extractor.extract(Document(text, published=SEPT_11, doc_id="t")), "executive_of")
    dana = facts[("Dana Whitfield", "Orvane Health")]
    assert dana.valid_from == PartialDate(2025, 9, 9) and dana.valid_to is None


def test_a_role_held_since_said_after_an_age(extractor: Extractor) -> None:
    text = (
        "Orvane Health said on Tuesday that Tomas Berg will succeed Dana Whitfield as "
        "chief executive. Whitfield, 64, who has led Orvane Health since 2014, will "
        "become chair."
    )
    facts = _by(extractor.extract(Document(text, published=SEPT_11, doc_id="t")), "executive_of")
    assert facts[("Dana Whitfield", "Orvane Health")].valid_from == PartialDate(2014)


def test_relationship_start_and_expiry_said_elsewhere(extractor: Extractor) -> None:
    text = (
        "Kestrel Labs said on Tuesday that it would end its partnership with Ferrovia "
        "Systems. The partnership, which dates back to 2009, made rail sensors. The "
        "current arrangements expire at the end of March next year."
    )
    fact = one(extractor, text, "partners_with")
    assert (fact.valid_from, fact.valid_to) == (PartialDate(2009), PartialDate(2026, 3))


def test_an_investment_held_since(extractor: Extractor) -> None:
    text = (
        "Kestrel Labs said on Tuesday that it would sell its 12% stake in Ferrovia "
        "Systems, abandoning an investment it has held since 2011."
    )
    fact = one(extractor, text, "invests_in")
    assert fact.valid_from == PartialDate(2011)


def test_a_supply_starts_with_its_deliveries(extractor: Extractor) -> None:
    text = (
        "Kestrel Energy has agreed to supply Ferrovia Systems with 2 million tonnes of "
        "gas a year, the companies said on Tuesday. Deliveries are due to start in 2027."
    )
    fact = one(extractor, text, "supplies")
    assert fact.valid_from == PartialDate(2027)


def test_a_founder_who_started_the_company(extractor: Extractor) -> None:
    text = (
        "Orvane Health said on Tuesday that founder Dana Whitfield would return as chief "
        "executive. Whitfield started the Denver insurance company in 2004."
    )
    facts = _by(extractor.extract(Document(text, published=SEPT_11, doc_id="t")), "founded")
    assert facts[("Dana Whitfield", "Orvane Health")].valid_from == PartialDate(2004)


def test_starting_a_job_is_no_founding(extractor: Extractor) -> None:
    text = (
        "Orvane Health said on Tuesday that founder Dana Whitfield would return as chief "
        "executive. Whitfield started her career at a hospital in 1994."
    )
    facts = _by(extractor.extract(Document(text, published=SEPT_11, doc_id="t")), "founded")
    assert facts[("Dana Whitfield", "Orvane Health")].valid_from is None


@pytest.mark.parametrize(
    ("text", "relation", "start", "end"),
    [
        ("Marla Keen served as chief executive of Sollis Pharma from 2010 to 2014.",
         "executive_of", "2010", "2014"),
        ("Marla Keen was chief executive of Sollis Pharma between 2010 and 2014.",
         "executive_of", "2010", "2014"),
        ("Brimstone Capital owned Polwin Systems from 2012 to 2019.",
         "subsidiary_of", "2012", "2019"),
        ("Cygnal supplied chips to Luma Robotics from March 2018 to June 2021.",
         "supplies", "2018-03", "2021-06"),
        # an end month without a year lies after the start
        ("Cygnal will supply chips to Luma Robotics from April to December.",
         "supplies", "2026-04", "2026-12"),
    ],
)  # fmt: skip
def test_a_range_sets_both_ends(
    extractor: Extractor, text: str, relation: str, start: str, end: str
) -> None:
    fact = one(extractor, text, relation, published=date(2025, 6, 1))
    assert (fact.valid_from, fact.valid_to) == (PartialDate.parse(start), PartialDate.parse(end))


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Luma Robotics began using Cygnal chips in 2023.", "uses"),
        ("Cygnal started supplying chips to Luma Robotics in 2023.", "supplies"),
    ],
)
def test_began_doing_dates_the_start(extractor: Extractor, text: str, relation: str) -> None:
    assert one(extractor, text, relation).valid_from == PartialDate(2023)


@pytest.mark.parametrize(
    "text",
    [
        "Tovely Foods will begin buying batteries from Panasonic next year.",
        "Korvo Motors will start using Qualcomm chips in its cars next year.",
    ],
)
def test_began_doing_with_a_bare_date_dates_the_start(extractor: Extractor, text: str) -> None:
    # a date with no preposition ("next year") on a verb of starting is the start too
    assert one(extractor, text, "supplies", published=date(2025, 6, 1)).valid_from == PartialDate(
        2026
    )


def test_a_since_clause_dates_its_own_ending(extractor: Extractor) -> None:
    text = (
        "Orbix Networks has been run by Dana Ruelle since Tom Bask resigned as chief "
        "executive last August."
    )
    facts = {
        f.subject.name: f
        for f in extractor.extract(Document(text, published=date(2025, 6, 1), doc_id="t"))
        if f.relation.value == "executive_of"
    }
    assert facts["Tom Bask"].valid_from is None
    assert facts["Tom Bask"].valid_to == PartialDate(2024, 8)
    assert facts["Dana Ruelle"].valid_from == PartialDate(2024, 8)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("last quarter", "2025-01"), ("this quarter", "2025-04"), ("next quarter", "2025-07"),
     ("the end of the year", "2025"), ("the end of the month", "2025-06")],
)  # fmt: skip
def test_quarters_and_ends_named_from_publication(text: str, expected: str) -> None:
    assert resolve(text, date(2025, 6, 1)) == PartialDate.parse(expected)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Kestrel Foods acquired Ambry Dairy in a deal that closed in the third quarter of 2023.",
         "2023-07"),
        ("Kestrel Foods bought Ambry Dairy in a deal completed last quarter.", "2025-01"),
    ],
)  # fmt: skip
def test_the_closing_of_the_deal_dates_the_acquisition(
    extractor: Extractor, text: str, start: str
) -> None:
    fact = one(extractor, text, "acquires", published=date(2025, 6, 1))
    assert fact.valid_from == PartialDate.parse(start)


def test_cutting_off_deliveries_ends_a_supply(extractor: Extractor) -> None:
    text = "Gazmor cut off gas deliveries to Tellan Foods on Wednesday."
    fact = one(extractor, text, "supplies", published=date(2025, 6, 1))
    assert fact.valid_to == PartialDate(2025, 5, 28)


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Ilse Brand plans to quit as chief executive of Corvane Energy at the end of the year.",
         "2025"),
        ("Dana Ruelle, Orbix Networks' chief executive, will leave in September.", "2025-09"),
    ],
)  # fmt: skip
def test_a_planned_leaving_ends_the_role(extractor: Extractor, text: str, end: str) -> None:
    fact = one(extractor, text, "executive_of", published=date(2025, 6, 1))
    assert fact.valid_to == PartialDate.parse(end)


def test_a_date_on_the_subjects_title_is_not_the_new_roles(extractor: Extractor) -> None:
    text = (
        "Orbix Networks' chief executive from 2015 to 2021, Dana Ruelle, now runs Quillon Software."
    )
    facts = {
        f.object.name: f
        for f in extractor.extract(Document(text, published=date(2025, 6, 1), doc_id="t"))
        if f.relation.value == "executive_of"
    }
    assert (facts["Orbix Networks"].valid_from, facts["Orbix Networks"].valid_to) == (
        PartialDate(2015),
        PartialDate(2021),
    )
    quillon = facts["Quillon Software"]
    assert (quillon.valid_from, quillon.valid_to) == (None, None)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Orbix Networks ended its decade-long partnership with Quillon Software on Friday.",
         "2015"),
        ("Orbix Networks ended its two-decade alliance with Quillon Software.", "2005"),
        # counted back from the end the text dates, when it is past
        ("Orbix Networks ended its three-year partnership with Quillon Software in 2020.",
         "2017"),
    ],
)  # fmt: skip
def test_the_length_of_an_ended_relationship_dates_its_start(
    extractor: Extractor, text: str, start: str
) -> None:
    fact = one(extractor, text, "partners_with", published=date(2025, 6, 1))
    assert fact.valid_from == PartialDate.parse(start)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Luma Robotics deployed the Cygnal Atlas platform in 2022.", "2022"),
        ("Luma Robotics switched to the Cygnal Atlas platform last year.", "2024"),
    ],
)
def test_adopting_a_product_dates_its_use(extractor: Extractor, text: str, start: str) -> None:
    fact = one(extractor, text, "uses", published=date(2025, 6, 1))
    assert fact.valid_from == PartialDate.parse(start)


def test_a_founding_is_not_ended_or_dated_by_the_founders_own_clause(
    extractor: Extractor,
) -> None:
    # stepping down ends a job, not the founding; leaving dates the leaving
    text = "Dana Whitfield, who started Kestrel Labs in 2010, stepped down."
    fact = one(extractor, text, "founded")
    assert (fact.valid_from, fact.valid_to) == (PartialDate(2010), None)
    text = "Dana Whitfield, who co-founded Kestrel Labs, left the company last year."
    fact = one(extractor, text, "founded")
    assert (fact.valid_from, fact.valid_to) == (None, None)


def test_investors_named_after_the_round_date_from_the_raising(extractor: Extractor) -> None:
    text = (
        "Kestrel Labs raised $40 million on Monday. Investors in the round include Corvane Capital."
    )
    fact = one(extractor, text, "invests_in")
    assert fact.valid_from == PartialDate.parse("2025-09-08")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pia Lund will take his place as chief executive of Harrow Mills, effective immediately.",
         "2025-06-01"),
        ("Harrow Mills said Tom Rask would leave. Pia Lund, its finance chief, will take his "
         "place as chief executive of Harrow Mills on July 1.", "2025-07-01"),
    ],
)  # fmt: skip
def test_taking_someones_place_starts_the_role(
    extractor: Extractor, text: str, expected: str
) -> None:
    fact = one(extractor, text, "executive_of", published=date(2025, 6, 1))
    assert fact.subject.name == "Pia Lund"
    assert fact.valid_from == PartialDate.parse(expected)


def test_a_meeting_taking_place_does_not_date_a_role(extractor: Extractor) -> None:
    text = (
        "Brisk Logistics said its chief executive Omar Feld would attend the meeting, which "
        "will take place on July 1."
    )
    assert one(extractor, text, "executive_of", published=date(2025, 6, 1)).valid_from is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Orsted will supply Halvorsen Shipping with 300,000 tonnes a year from a new plant "
         "in Texas starting in 2027.", "2027"),
        ("Orsted will supply Halvorsen Shipping with chips for its phones beginning next year.",
         "2026"),
    ],
)  # fmt: skip
def test_a_start_participle_on_a_noun_dates_the_verb(
    extractor: Extractor, text: str, expected: str
) -> None:
    # the parser hangs "starting in 2027" on the nearest noun; it dates the supply
    fact = one(extractor, text, "supplies", published=date(2025, 6, 1))
    assert fact.valid_from == PartialDate.parse(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Halvorsen Shipping has signed a fuel agreement with Orsted, which will supply it with "
        "300,000 tonnes of methanol annually from a plant in Chile starting in 2027.",
        "Halvorsen Shipping has signed a fuel agreement with Orsted, which will supply it with "
        "methanol from a plant in Chile starting in 2027.",
    ],
)
def test_a_supply_deal_told_now_starts_when_the_supplying_does(
    extractor: Extractor, text: str
) -> None:
    fact = one(extractor, text, "supplies", published=date(2025, 6, 1))
    assert fact.valid_from == PartialDate(2027)


def test_a_when_clause_on_a_date_is_dated_by_it(extractor: Extractor) -> None:
    # "since April, when X resigned": April is the resignation's date, not a "since"
    text = (
        "Palisade Motors has been run by Rhea Tan since April, when chief executive "
        "Victor Lund resigned."
    )
    facts = {
        f.subject.name: f
        for f in extractor.extract(Document(text, published=date(2025, 6, 1), doc_id="t"))
        if f.relation.value == "executive_of"
    }
    assert (facts["Victor Lund"].valid_from, facts["Victor Lund"].valid_to) == (
        None,
        PartialDate(2025, 4),
    )
    assert facts["Rhea Tan"].valid_from == PartialDate(2025, 4)


def test_a_when_clause_on_a_date_dates_an_appointment(extractor: Extractor) -> None:
    text = (
        "The shares have doubled since March, when Palisade Motors named Victor Lund "
        "chief executive."
    )
    assert one(extractor, text, "executive_of", published=date(2025, 6, 1)).valid_from == (
        PartialDate(2025, 3)
    )


def test_an_ownership_starts_when_the_owner_bought_the_company(extractor: Extractor) -> None:
    text = (
        "Corvane is owned by buyout firm Halberd Capital, which bought it in 2012 in a "
        "$4 billion deal."
    )
    facts = {
        f.relation.value: f
        for f in extractor.extract(Document(text, published=date(2025, 6, 1), doc_id="t"))
    }
    assert facts["acquires"].valid_from == PartialDate(2012)
    assert facts["subsidiary_of"].valid_from == PartialDate(2012)
    assert facts["invests_in"].valid_from == PartialDate(2012)


def test_a_stake_is_not_dated_by_an_agreed_purchase_of_the_rest(extractor: Extractor) -> None:
    text = (
        "Halberd Capital, which owns 20% of Corvane, agreed on Tuesday to buy the rest of "
        "the company."
    )
    facts = extractor.extract(Document(text, published=date(2025, 6, 1), doc_id="t"))
    assert all(f.valid_from is None for f in facts if f.relation.value == "invests_in")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Omar Feld was named chief executive of Brisk Logistics effective May 5.", "2025-05-05"),
        ("Omar Feld was named chief executive of Brisk Logistics effective July 1.", "2025-07-01"),
        ("Omar Feld will become chief executive of Brisk Logistics effective March 1.",
         "2026-03-01"),
    ],
)  # fmt: skip
def test_effective_dates_in_a_past_clause_are_the_nearer_one(
    extractor: Extractor, text: str, expected: str
) -> None:
    # "was named ... effective May 5" in an article of June 1 is the May 5 just gone;
    # "will become ... effective March 1" is the next one
    fact = one(extractor, text, "executive_of", published=date(2025, 6, 1))
    assert fact.valid_from == PartialDate.parse(expected)


def test_a_succeeded_name_read_as_a_company_is_still_the_person() -> None:
    # "X will succeed Jane Roe as CEO" where the tagger reads "Jane Roe" as a company:
    # the succession verb is still about the role, so its date is the role's
    from dataclasses import replace

    from graph.model import EntityType, Relation
    from loaders.extract import entities, names, status
    from loaders.extract.annotate import load_pipeline
    from loaders.extract.slots import Context
    from loaders.extract.types import Candidate

    doc = load_pipeline()(
        "Omar Feld will succeed Nadia Ortiz as chief executive of Brisk Logistics."
    )
    mentions = names.canonicalize(entities.find_mentions(doc))
    by_name = {m.name: m for m in mentions}
    org = EntityType.ORGANIZATION
    mentions = [replace(m, type=org) if m.name == "Nadia Ortiz" else m for m in mentions]
    ctx = Context(doc, mentions)
    verb = next(t for t in doc if t.lemma_ == "succeed")
    cand = Candidate(by_name["Omar Feld"], Relation.EXECUTIVE_OF, by_name["Brisk Logistics"], 0,
                     verb.i, 0.9)  # fmt: skip
    assert not status._about_other(ctx, verb, cand)
    supply = Candidate(by_name["Omar Feld"], Relation.SUPPLIES, by_name["Brisk Logistics"], 0,
                       verb.i, 0.9)  # fmt: skip
    assert status._about_other(ctx, verb, supply)


@pytest.mark.parametrize(
    "text",
    [
        "Ben Oduya will take over from Rita Vance as chief executive of Calloway Bank on Oct. 21.",
        "Calloway Bank said Ben Oduya would become its top executive on Oct. 21, taking over "
        "from Rita Vance.",
    ],
)
def test_taking_over_from_someone_ends_their_role(extractor: Extractor, text: str) -> None:
    facts = {
        f.subject.name: f
        for f in extractor.extract(Document(text, published=date(2025, 6, 1), doc_id="t"))
        if f.relation.value == "executive_of"
    }
    assert facts["Ben Oduya"].valid_from == PartialDate(2025, 10, 21)
    assert facts["Rita Vance"].valid_to == PartialDate(2025, 10, 21)


def _roles(extractor: Extractor, text: str) -> dict[tuple[str, str], ExtractedFact]:
    doc = Document(text, published=date(2025, 6, 1), doc_id="t")
    return {
        (f.subject.name, f.object.name): f
        for f in extractor.extract(doc)
        if f.relation.value == "executive_of"
    }


@pytest.mark.parametrize(
    ("text", "holder", "start"),
    [
        ("Mara Quist has been at the helm of Pellworth Mining since 2017.", "Mara Quist", "2017"),
        (
            "Pellworth Mining has been run on an interim basis by Mara Quist since February.",
            "Mara Quist",
            "2025-02",
        ),
    ],
)
def test_roles_held_at_the_helm_or_by_a_nested_by_phrase(
    extractor: Extractor, text: str, holder: str, start: str
) -> None:
    fact = _roles(extractor, text)[(holder, "Pellworth Mining")]
    assert fact.valid_from == PartialDate.parse(start)


def test_a_company_without_a_chief_since_someone_left_ends_their_role(
    extractor: Extractor,
) -> None:
    text = "Pellworth Mining has been without a permanent chairman since Mara Quist quit in April."
    fact = _roles(extractor, text)[("Mara Quist", "Pellworth Mining")]
    assert fact.valid_to == PartialDate(2025, 4)
    assert fact.qualifiers.get("status") == "ended"


def test_a_successor_named_by_a_noun_takes_the_possessors_post(extractor: Extractor) -> None:
    text = (
        "Mara Quist will retire as chairman of Pellworth Mining. "
        "The board named Dov Arkin as her successor."
    )
    facts = _roles(extractor, text)
    assert ("Dov Arkin", "Pellworth Mining") in facts


def test_a_predecessor_at_a_company_held_a_post_there_without_a_date(
    extractor: Extractor,
) -> None:
    text = "Dov Arkin, his predecessor at Pellworth Mining, now advises miners."
    fact = _roles(extractor, text)[("Dov Arkin", "Pellworth Mining")]
    assert fact.valid_to is None
    assert fact.qualifiers.get("status") == "ended"


@pytest.mark.parametrize(
    "text",
    [
        "Dov Arkin, who became chief executive of Pellworth Mining last year, having succeeded "
        "Mara Quist in 2024, visited the mine.",
        "Dov Arkin, Pellworth Mining's chief executive since succeeding Mara Quist in 2024, "
        "visited the mine.",
        "Dov Arkin replaced Mara Quist, who had led Pellworth Mining since 2011, in 2024.",
    ],
)
def test_the_one_succeeded_held_the_post_until_then(extractor: Extractor, text: str) -> None:
    facts = _roles(extractor, text)
    assert ("Dov Arkin", "Pellworth Mining") in facts
    assert facts[("Mara Quist", "Pellworth Mining")].valid_to == PartialDate(2024)


def test_since_a_date_when_someone_left_ends_their_role_then(extractor: Extractor) -> None:
    text = "Dov Arkin has run Pellworth Mining since January, when Mara Quist was fired."
    facts = _roles(extractor, text)
    assert facts[("Dov Arkin", "Pellworth Mining")].valid_from == PartialDate(2025, 1)
    assert facts[("Mara Quist", "Pellworth Mining")].valid_to == PartialDate(2025, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dov Arkin is set to take over as chairman of Pellworth Mining in September.", "2025-09"),
        ("Dov Arkin is to become president of Pellworth Mining in August.", "2025-08"),
        ("Dov Arkin will lead Pellworth Mining on an interim basis.", "2025-06-01"),
        ("Dov Arkin takes over as chairman of Pellworth Mining in July.", "2025-07"),
        (
            "Mara Quist will hand over the reins at Pellworth Mining to Dov Arkin in July.",
            "2025-07",
        ),
    ],
)
def test_planned_roles_start_ahead(extractor: Extractor, text: str, expected: str) -> None:
    fact = _roles(extractor, text)[("Dov Arkin", "Pellworth Mining")]
    assert fact.valid_from == PartialDate.parse(expected)


def test_a_planned_departure_ends_ahead(extractor: Extractor) -> None:
    text = "Mara Quist is due to step down as chairman of Pellworth Mining in August."
    fact = _roles(extractor, text)[("Mara Quist", "Pellworth Mining")]
    assert fact.valid_to == PartialDate(2025, 8)


def test_joining_a_company_as_a_role_gives_the_role_there(extractor: Extractor) -> None:
    text = (
        "Dov Arkin, the former head of Pellworth Mining, joined Corvane Labs as chief "
        "operating officer."
    )
    facts = _roles(extractor, text)
    assert ("Dov Arkin", "Corvane Labs") in facts
    assert ("Dov Arkin", "Pellworth Mining") in facts


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Mara Quist will take the reins at Pellworth Mining on Jan. 1.", "2026-01-01", None),
        ("Mara Quist chaired Pellworth Mining from 2009 to 2015.", "2009", "2015"),
    ],
)
def test_role_dates_ahead_and_closed_ranges(
    extractor: Extractor, text: str, start: str, end: str | None
) -> None:
    fact = _roles(extractor, text)[("Mara Quist", "Pellworth Mining")]
    assert fact.valid_from == PartialDate.parse(start)
    assert fact.valid_to == (PartialDate.parse(end) if end else None)


def test_a_former_role_beside_a_planned_one_gets_no_start(extractor: Extractor) -> None:
    text = "Dov Arkin, a former Pellworth Mining chairman, will lead Corvane Labs."
    facts = _roles(extractor, text)
    assert facts[("Dov Arkin", "Corvane Labs")].valid_from == PartialDate(2025, 6, 1)
    assert facts[("Dov Arkin", "Pellworth Mining")].valid_from is None


@pytest.mark.parametrize(
    ("text", "holder", "company"),
    [
        ("After Corvane Labs bought Pellworth Mining, Dov Arkin stayed on as chairman.",
         "Dov Arkin", "Pellworth Mining"),
        ("Corvane Labs chief Mara Quist will stay on as chairman after buying Pellworth Mining.",
         "Mara Quist", "Corvane Labs"),
    ],
)  # fmt: skip
def test_staying_on_after_a_purchase_is_at_the_company_bought(
    extractor: Extractor, text: str, holder: str, company: str
) -> None:
    facts = _roles(extractor, text)
    assert {o for s, o in facts if s == holder} == {company}
