"""Readers: real files in tests/data/readers/ (written by the team), good and broken."""

from __future__ import annotations

import tracemalloc
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import InvalidInput
from graph.model import Document
from loaders.readers import (
    DEFAULT_MAX_BYTES,
    ReadError,
    ReadResult,
    expand_paths,
    is_curated_facts,
    read_path,
    read_paths,
)
from loaders.readers.htmltext import html_to_text
from loaders.readers.jsonl import read_jsonl
from loaders.readers.text import clean_text, furniture_patterns, guess_title, text_document

DATA = Path(__file__).parent / "data" / "readers"


def read_one(path: Path, **options: Any) -> ReadResult:
    results = list(read_path(path, **options))
    assert len(results) == 1, results
    return results[0]


def documents(path: Path, **options: Any) -> list[Document]:
    results = list(read_path(path, **options))
    assert all(r.ok for r in results), [str(r.error) for r in results]
    return [r.document for r in results if r.document is not None]


def error_of(path: Path, **options: Any) -> ReadError:
    result = read_one(path, **options)
    assert result.error is not None, result.document
    assert result.document is None
    assert result.error.path == str(path)
    return result.error


# --- plain text -----------------------------------------------------------------

SCRAPE_TEXT = (
    'Halden Micro is preparing to spend "a meaningful share" of its capital budget on a second '
    "packaging plant, chief financial officer Maren Oduya told analysts on Wednesday. The company "
    "has relied on Orvane Cloud for most of its accelerator revenue, although the two have clashed "
    "over pricing this year. Oduya's remarks suggest Halden wants more customers of its own.\n"
    "Besides Orvane, Halden now ships boards to three smaller cloud providers and is testing a "
    "design with Pellucid Labs, Oduya said. The chipmaker introduced its H7 accelerator in early "
    "April. It is the first Halden part built entirely on the company's own interconnect.\n"
    '"We cannot be a one-customer company, not at this scale," Oduya said. She added that the new '
    'plant would "roughly double" packaging capacity by 2027.\n'
    "Halden Micro plans a second packaging plant to reduce its dependence on Orvane Cloud. The H7 "
    "accelerator, launched in April, is the first part on Halden's own interconnect."
)


def test_messy_scrape_is_unwrapped_repaired_and_stripped_of_furniture() -> None:
    [doc] = documents(DATA / "scrape.txt", published=date(2025, 4, 17))
    assert doc.text == SCRAPE_TEXT
    assert doc.published == date(2025, 4, 17)  # plain text has no date of its own
    assert doc.title is None  # the first paragraph is a sentence, not a headline
    assert doc.url is None
    assert doc.doc_id is None  # so Document.id is the content hash: re-reads are idempotent
    assert doc.id == "doc-" + doc.content_hash[:16]


def test_clean_text_file_joins_hard_wraps_and_takes_the_headline_as_title() -> None:
    [doc] = documents(DATA / "clean.txt")
    assert doc.title == "Corallo Health lands diagnostics deal with Fenwick Bio"
    assert doc.text == (
        "Corallo Health lands diagnostics deal with Fenwick Bio\n"
        "Fenwick Bio has agreed to supply reagents to Corallo Health for its home testing kits, "
        "the two companies said on Monday. The agreement runs for five years.\n"
        "Corallo, founded in 2019 by Priya Anand, said the deal would cut its costs by a fifth."
    )
    assert doc.published is None


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        # Genuine quotations in a minority of paragraphs keep their quotes.
        (
            'Acme bought Beta.\n"We are thrilled."\nThe deal closed in May.',
            'Acme bought Beta.\n"We are thrilled."\nThe deal closed in May.',
        ),
        # A broken nested opening quote is repaired even when nothing is wrapped.
        (
            'Acme bought Beta.\n""It is done," Lee said.',
            'Acme bought Beta.\n"It is done," Lee said.',
        ),
        # CSV-style doubled quotes inside a wrapped paragraph.
        ('"Lee called it ""a good deal""."', 'Lee called it "a good deal".'),
        # Windows and old-Mac line endings, odd spaces, zero-width characters.
        (
            "Acme\u00a0 bought\tBeta.\r\nIt paid\u200b cash.\rThe end.",
            "Acme bought Beta.\nIt paid cash.\nThe end.",
        ),
        # Markdown headings lose their markers.
        ("# Acme buys Beta\n\nAcme bought Beta.", "Acme buys Beta\nAcme bought Beta."),
        # A hard wrap right after a sentence end stays a line break: harmless there.
        (
            "Acme bought Beta. It\npaid cash.\nLater it sold.\n\nEnd.",
            "Acme bought Beta. It paid cash.\nLater it sold.\nEnd.",
        ),
        # Furniture in the middle of an article goes too; a wrapped furniture line as well.
        (
            '"Acme bought Beta."\nAdvertisement\n"Share"\n"It paid cash."',
            "Acme bought Beta.\nIt paid cash.",
        ),
    ],
)
def test_clean_text_cases(raw: str, cleaned: str) -> None:
    assert clean_text(raw) == cleaned


@pytest.mark.parametrize(
    "line",
    [
        "Read at Business Insider",
        "read more at The Circuit Ledger",
        "Unable to calculate read time",
        "4 min read",
        "Collection",
        "[",
        "|",
        "...",
        "]",
        "Share",
        "Advertisement",
        "Story continues below advertisement",
    ],
)
def test_furniture_lines_are_dropped(line: str) -> None:
    assert clean_text(f"Acme bought Beta.\n{line}") == "Acme bought Beta."


@pytest.mark.parametrize(
    "line",
    [
        "Read at your own risk, the regulator warned investors on Monday.",
        "Share prices rose 4% after the announcement.",
        "Collection agencies were not involved.",
    ],
)
def test_sentences_that_start_like_furniture_are_kept(line: str) -> None:
    assert clean_text(f"Acme bought Beta.\n{line}") == f"Acme bought Beta.\n{line}"


def test_furniture_patterns_are_data() -> None:
    patterns = furniture_patterns()
    assert len(patterns) >= 10
    assert all(p.flags & 2 for p in patterns)  # re.IGNORECASE


def test_furniture_file_with_a_bad_pattern_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "furniture.txt"
    bad.write_text("# comment\nread at (\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"furniture\.txt:2: bad furniture pattern"):
        furniture_patterns(bad)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Acme to buy Beta for $2 billion\nAcme said on Monday…",
            "Acme to buy Beta for $2 billion",
        ),
        (
            "Is Acme drifting away from Beta?\nAnalysts think so.",
            "Is Acme drifting away from Beta?",
        ),
        ("Acme bought Beta.\nIt paid cash.", None),  # a sentence
        ("By Jane Roe\nAcme bought Beta.", None),  # a byline
        ("Acme to buy Beta", None),  # nothing follows
        ("x" * 151 + "\nmore", None),  # too long for a headline
    ],
)
def test_guess_title(text: str, title: str | None) -> None:
    assert guess_title(text) == title


def test_text_document_from_a_string_for_stdin_callers() -> None:
    doc = text_document('"Acme bought Beta."', published=date(2025, 1, 2), doc_id="stdin-1")
    assert (doc.text, doc.published, doc.id) == ("Acme bought Beta.", date(2025, 1, 2), "stdin-1")
    with pytest.raises(InvalidInput, match="no text left"):
        text_document("Share\n[\n|\n]\n")


@given(st.text(alphabet=st.sampled_from('ab "\n\r\t.[]|#\u00a0'), max_size=200))
def test_cleaned_text_has_only_stripped_non_empty_paragraphs(raw: str) -> None:
    text = clean_text(raw)
    if text:
        assert all(line and line == line.strip() for line in text.split("\n"))
        assert "\r" not in text and "\u00a0" not in text and "\t" not in text


# --- HTML -----------------------------------------------------------------------


def test_html_main_text_and_metadata() -> None:
    [doc] = documents(DATA / "article.html", published=date(1999, 1, 1))
    assert doc.title == "Lumora Robotics agrees to buy Teskel Sensors"
    assert doc.url == "https://news.example.com/2025/03/lumora-teskel"  # the canonical link
    assert doc.published == date(2025, 3, 14)  # the page's own date beats the caller's
    assert doc.text == (
        "Lumora Robotics agrees to buy Teskel Sensors\n"
        "Lumora Robotics, the warehouse automation company based in Rotterdam, said on Friday "
        "that it had agreed to acquire Teskel Sensors, a maker of lidar modules for mobile "
        "robots, in a cash deal worth about 410 million euros.\n"
        "The two companies have worked together since 2021, when Teskel began supplying depth "
        "cameras for Lumora's picking arms. Lumora chief executive Ines Vandermeer said the "
        "purchase would let the company design its own perception hardware.\n"
        "The deal still needs approval from competition regulators and is expected to close in "
        "the second half of 2025, the companies said in a joint statement."
    )
    for leak in ("SCRIPT-LEAK", "STYLE-LEAK", "NAV-LEAK", "ASIDE-LEAK", "FOOTER-LEAK"):
        assert leak not in doc.text


def test_html_with_a_declared_charset_is_decoded_with_it() -> None:
    [doc] = documents(DATA / "latin1_declared.html")
    assert doc.text.startswith("Société Générale et Crédit Agricole ont signé un accord")
    assert doc.title == "Accord bancaire"
    assert doc.published == date(2025, 2, 10)


def test_html_without_utf8_or_a_declared_charset_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "undeclared.html"
    page.write_bytes(b"<html><body><p>Soci\xe9t\xe9 G\xe9n\xe9rale</p></body></html>")
    error = error_of(page)
    assert error.reason == "not valid UTF-8 (byte 0xe9 at offset 19) and no charset declared"


def test_html_without_main_text_is_an_error(tmp_path: Path) -> None:
    page = tmp_path / "chrome.html"
    page.write_text(
        "<html><head><title>x</title><script>var a = 1;</script></head>"
        "<body><nav><a href='/'>Home</a></nav></body></html>",
        encoding="utf-8",
    )
    assert error_of(page).reason == "no main text found in the HTML page"


def test_html_without_a_date_takes_the_callers(tmp_path: Path) -> None:
    page = tmp_path / "undated.html"
    page.write_text(
        "<html><head><title>Acme buys Beta</title></head><body><article>"
        "<p>Acme Corp said it had bought Beta Ltd, a maker of industrial valves, for cash.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    [doc] = documents(page, published=date(2025, 7, 1))
    assert doc.published == date(2025, 7, 1)
    assert doc.url is None


# --- feeds ----------------------------------------------------------------------


def test_rss_feed_one_document_per_item() -> None:
    first, second = documents(DATA / "feed.rss")
    assert first.title == "Orvane Cloud signs GPU supply pact with Halden Micro"
    assert first.url == "https://news.example.com/2025/05/orvane-halden"
    # 21:40 at -07:00 is 7 May in UTC; the article's own calendar day is kept.
    assert first.published == date(2025, 5, 6)
    assert first.text == (
        "Orvane Cloud will buy accelerator boards from Halden Micro for three years.\n"
        "Financial terms were not disclosed."
    )
    assert second.title == "Brightwater Analytics names new chief executive"
    assert second.published == date(2025, 5, 7)
    # content:encoded wins over the teaser description; the script never reaches the text.
    assert second.text == (
        "Brightwater Analytics appointed Tomasz Reyes as chief executive on Wednesday.\n"
        "Reyes previously ran the data platform unit at Kestrel Systems & Co."
    )


def test_atom_feed_one_document_per_entry() -> None:
    first, second = documents(DATA / "feed.atom")
    assert first.title == "Pellucid & Norrland form chip-design partnership"
    assert first.url == "https://wire.example.org/pellucid-norrland"
    assert first.published == date(2025, 6, 2)  # <published>, not <updated>
    assert first.text == (
        "Pellucid Labs and Norrland Semiconductor said they would jointly design low-power "
        "inference chips.\nThe partnership starts with a shared team in Uppsala."
    )
    assert second.url == "https://wire.example.org/fenwick-corallo"
    assert second.published == date(2025, 6, 3)  # only <updated>
    # A text summary is not HTML: its angle brackets are text.
    assert second.text == (
        "Fenwick Bio took a 12% stake in Corallo Health, a diagnostics start-up, "
        "for $40 million <in cash>."
    )


@pytest.mark.parametrize("name", ["bomb.rss", "xxe.atom"])
def test_feeds_with_entity_declarations_are_refused(name: str) -> None:
    error = error_of(DATA / name)
    assert error.reason.startswith("unsafe XML refused: a DOCTYPE declaration is not allowed")


def test_feed_with_an_external_dtd_is_refused(tmp_path: Path) -> None:
    feed = tmp_path / "external.rss"
    feed.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
        "<rss><channel><item><description>x</description></item></channel></rss>",
        encoding="utf-8",
    )
    assert error_of(feed).reason.startswith("unsafe XML refused")


def test_malformed_feed_names_the_line() -> None:
    error = error_of(DATA / "malformed.rss")
    assert error.line == 8
    assert error.reason == "malformed XML: mismatched tag: line 8, column 6"


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    note = tmp_path / "note.xml"
    note.write_text("<note><to>Ana</to></note>", encoding="utf-8")
    assert error_of(note).reason == "XML is not an RSS or Atom feed (root element <note>)"


def test_feed_entry_without_text_is_one_error_among_documents(tmp_path: Path) -> None:
    feed = tmp_path / "partial.rss"
    feed.write_text(
        "<rss><channel>"
        "<item><title>Empty</title><link>https://e.example/1</link></item>"
        "<item><title>Full</title><description>Acme bought Beta.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    empty, full = read_path(feed)
    assert empty.error is not None
    assert empty.error.reason == "entry 1 (https://e.example/1) has no text"
    assert full.document is not None and full.document.text == "Acme bought Beta."


def test_feed_without_entries_is_an_error(tmp_path: Path) -> None:
    feed = tmp_path / "bare.atom"
    feed.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>', "utf-8")
    assert error_of(feed).reason == "feed has no entries"


def test_feed_in_a_declared_single_byte_encoding(tmp_path: Path) -> None:
    feed = tmp_path / "latin1.rss"
    feed.write_bytes(
        b'<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item>'
        b"<description>Cr\xe9dit Agricole signe un accord.</description>"
        b"</item></channel></rss>"
    )
    [doc] = documents(feed)
    assert doc.text == "Crédit Agricole signe un accord."


def test_feed_not_in_utf8_and_without_a_declaration_is_refused(tmp_path: Path) -> None:
    feed = tmp_path / "undeclared.rss"
    feed.write_bytes(
        b"<rss><channel><item><description>Cr\xe9dit</description></item></channel></rss>"
    )
    assert error_of(feed).reason == (
        "not valid UTF-8 (byte 0xe9 at offset 35) and no encoding declared in the XML declaration"
    )


def test_html_to_text_drops_scripts_and_breaks_blocks() -> None:
    fragment = "<div>Acme<br/>buys <b>Beta</b></div><style>p{}</style><ul><li>cash</li></ul>"
    assert html_to_text(fragment) == "Acme\nbuys Beta\ncash"


# --- JSON Lines -----------------------------------------------------------------


def test_jsonl_good_lines_load_and_bad_lines_name_their_line() -> None:
    results = list(read_path(DATA / "documents.jsonl"))
    docs = [r.document for r in results if r.document is not None]
    errors = [(r.error.line, r.error.reason) for r in results if r.error is not None]
    assert docs == [
        Document(
            text="Kestrel Systems opened a research lab in Lisbon on Wednesday.\n"
            "The lab will work with Pellucid Labs on compilers.",
            url="https://news.example.com/2025/04/kestrel",
            title="Kestrel Systems opens Lisbon lab",
            published=date(2025, 4, 2),
            doc_id="ledger-77",
        ),
        Document(text="Norrland Semiconductor named Ayla Brandt as chief technology officer."),
        Document(
            text="Fenwick Bio completed its purchase of Sorrel Assays.",
            published=date(2025, 4, 3),
            doc_id="after-the-bad-ones",
        ),
    ]
    assert errors == [
        (4, "invalid JSON: Unterminated string starting at (column 30)"),
        (5, "expected a JSON object, got list"),
        (6, '"text" is required and must be a string'),
        (7, '"text" is empty'),
        (8, "\"published\" must be YYYY-MM-DD or null, not '04/02/2025'"),
    ]
    assert all(r.error.path == str(DATA / "documents.jsonl") for r in results if r.error)


def test_jsonl_keeps_text_verbatim_unless_asked_to_clean() -> None:
    raw = b'{"text": "\\"Acme bought Beta.\\"\\nShare", "published": null}\n'
    [verbatim] = read_jsonl(raw, "x.jsonl")
    [cleaned] = read_jsonl(raw, "x.jsonl", clean=True)
    assert verbatim.document is not None and verbatim.document.text == '"Acme bought Beta."\nShare'
    assert cleaned.document is not None and cleaned.document.text == "Acme bought Beta."


def test_jsonl_line_separator_inside_a_string_is_not_a_line_break() -> None:
    raw = '{"text": "Acme\u2028bought Beta."}\n{"text": "Second."}\n'.encode()
    results = list(read_jsonl(raw, "x.jsonl"))
    assert [r.document.text for r in results if r.document] == ["Acme\u2028bought Beta.", "Second."]


def test_jsonl_published_falls_back_to_the_callers_date() -> None:
    [result] = read_jsonl(b'{"text": "Acme bought Beta."}', "x.jsonl", published=date(2025, 1, 9))
    assert result.document is not None and result.document.published == date(2025, 1, 9)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            b'{"text": "x", "published": "20250911"}',
            "\"published\" must be YYYY-MM-DD or null, not '20250911'",
        ),
        (b'{"text": "x", "published": 2025}', '"published" must be YYYY-MM-DD or null, not 2025'),
        (
            b'{"text": "x", "published": "2025-02-30"}',
            "\"published\" must be YYYY-MM-DD or null, not '2025-02-30'",
        ),
        (b'{"text": "x", "url": 7}', '"url" must be a string or null, not int'),
        (b'{"text": 7}', '"text" is required and must be a string'),
        (b'"just a string"', "expected a JSON object, got str"),
    ],
)
def test_jsonl_line_errors(line: bytes, reason: str) -> None:
    [result] = read_jsonl(line, "x.jsonl")
    assert result.error == ReadError("x.jsonl", 1, reason)


# --- broken files -----------------------------------------------------------------


def test_empty_file() -> None:
    assert error_of(DATA / "empty.txt").reason == "empty file"


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".rss", ".html"])
@pytest.mark.parametrize("content", [" \n\t\n", "\ufeff", "\ufeff \r\n"])
def test_blank_files_are_empty(tmp_path: Path, suffix: str, content: str) -> None:
    blank = tmp_path / f"blank{suffix}"
    blank.write_bytes(content.encode())
    assert error_of(blank).reason == "empty file"


def test_jsonl_of_unicode_blanks_still_gets_an_answer(tmp_path: Path) -> None:
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\u00a0\n\u2003\n", encoding="utf-8")
    assert error_of(blank).reason == "no JSON lines in the file"


def test_binary_file() -> None:
    assert error_of(DATA / "binary.txt").reason == "binary file (NUL byte at offset 8)"


def test_latin1_text_file_is_refused_not_guessed() -> None:
    error = error_of(DATA / "latin1.txt")
    assert error.reason == ("not valid UTF-8 (byte 0xe9 at offset 4); re-encode the file as UTF-8")


def test_utf8_with_bom_is_fine(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffAcme bought Beta.".encode())
    assert [d.text for d in documents(bom)] == ["Acme bought Beta."]


def test_missing_file() -> None:
    assert error_of(DATA / "no-such-file.txt").reason == "no such file"


def test_a_50_mb_file_is_refused_from_stat_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    tracemalloc.start()
    try:
        error = error_of(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024  # reading it would have allocated 50 MB
    assert error.reason == f"file too large: {50 * 1024 * 1024} bytes (limit {DEFAULT_MAX_BYTES})"


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_text("Acme bought Beta. " * 10, encoding="utf-8")
    assert error_of(small, max_bytes=100).reason == "file too large: 180 bytes (limit 100)"
    assert len(documents(small, max_bytes=180)) == 1


def test_a_directory_given_to_read_path_is_not_a_file(tmp_path: Path) -> None:
    assert error_of(tmp_path).reason == "not a regular file: folder"


# --- curated facts, dispatch, many files ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "curated"),
    [
        ("facts.jsonl", True),
        ("facts.csv", True),
        ("documents.jsonl", False),
        ("clean.txt", False),
        ("empty.txt", False),
        ("missing.jsonl", False),
    ],
)
def test_is_curated_facts(name: str, curated: bool) -> None:
    assert is_curated_facts(DATA / name) is curated


def test_csv_without_fact_columns_is_not_curated_and_not_a_document(tmp_path: Path) -> None:
    table = tmp_path / "prices.csv"
    table.write_text("ticker,price\nACME,12\n", encoding="utf-8")
    assert is_curated_facts(table) is False
    assert error_of(table).reason == "CSV is read only as curated facts (subject, relation, object)"


def test_read_path_refuses_a_curated_file() -> None:
    reason = error_of(DATA / "facts.jsonl").reason
    assert reason == "curated facts, not documents: load them with the facts loader"


@pytest.mark.parametrize(
    ("content", "text"),
    [
        (
            b"<rss><channel><item><description>From a feed.</description></item></channel></rss>",
            "From a feed.",
        ),
        (b'{"text": "From JSON Lines."}', "From JSON Lines."),
        (b"From plain text.", "From plain text."),
    ],
)
def test_unknown_extensions_are_sniffed(tmp_path: Path, content: bytes, text: str) -> None:
    unknown = tmp_path / "download.dat"
    unknown.write_bytes(content)
    assert [d.text for d in documents(unknown)] == [text]


def test_read_paths_over_a_directory_reads_every_file_and_skips_curated_ones() -> None:
    results = list(read_paths([DATA]))
    summary = [(Path(r.path).name, r.ok) for r in results]
    assert summary == [
        ("article.html", True),
        ("binary.txt", False),
        ("bomb.rss", False),
        ("clean.txt", True),
        *[("documents.jsonl", ok) for ok in (True, True, False, False, False, False, False, True)],
        ("empty.txt", False),
        # facts.csv and facts.jsonl: curated, skipped
        ("feed.atom", True),
        ("feed.atom", True),
        ("feed.rss", True),
        ("feed.rss", True),
        ("latin1.txt", False),
        ("latin1_declared.html", True),
        ("malformed.rss", False),
        ("scrape.txt", True),
        ("xxe.atom", False),
    ]
    # Idempotent: a second read yields the same documents, hence the same ids.
    assert [r.document.id for r in results if r.document] == [
        r.document.id for r in read_paths([DATA]) if r.document
    ]


def test_expand_paths_walks_globs_and_directories_deterministically(tmp_path: Path) -> None:
    for name in [
        "b/2.txt",
        "b/1.html",
        "a.md",
        "b/c/3.jsonl",
        ".hidden/x.txt",
        "b/.x.txt",
        "b/n.png",
        "README.md",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert expand_paths([tmp_path]) == [
        tmp_path / "a.md",
        tmp_path / "b" / "1.html",
        tmp_path / "b" / "2.txt",
        tmp_path / "b" / "c" / "3.jsonl",
    ]
    assert expand_paths(
        [f"{tmp_path}/b/*.txt", tmp_path / "b" / "2.txt", f"{tmp_path}/**/*.jsonl"]
    ) == [
        tmp_path / "b" / "2.txt",
        tmp_path / "b" / "c" / "3.jsonl",
    ]
    nothing = f"{tmp_path}/*.xml"
    assert expand_paths([nothing]) == [Path(nothing)]
    [result] = read_paths([nothing])
    assert result.error is not None and result.error.reason == "no such file"


def test_read_result_holds_exactly_one_outcome() -> None:
    with pytest.raises(ValueError):
        ReadResult("x.txt")
    with pytest.raises(ValueError):
        ReadResult("x.txt", document=Document(text="a"), error=ReadError("x.txt", None, "b"))
    assert str(ReadError("x.jsonl", 3, "bad")) == "x.jsonl:3: bad"
    assert str(ReadError("x.txt", None, "bad")) == "x.txt: bad"


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(
        st.one_of(
            st.sampled_from(
                [
                    b"<rss><channel><item><description>",
                    b"<html><body><p>",
                    b'{"text": ',
                    b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>",
                    b"\xe9",
                    b"&amp;",
                    b"<![CDATA[",
                    b"</",
                    b'"',
                    b"\n",
                    b"\xef\xbb\xbf",
                ]
            ),
            st.binary(max_size=8),
        ),
        max_size=12,
    ),
    suffix=st.sampled_from([".txt", ".jsonl", ".rss", ".html", ".dat"]),
)
def test_any_bytes_get_a_deliberate_answer(
    tmp_path_factory: pytest.TempPathFactory, parts: list[bytes], suffix: str
) -> None:
    """Arbitrary input is a document or a reasoned error, never the crash fallback."""
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(b"".join(parts))
    results = list(read_path(path))
    assert results
    assert not [r for r in results if r.error and r.error.reason.startswith("reader failed")]


def test_a_dateline_under_the_headline_dates_the_document() -> None:
    from loaders.readers.text import text_document

    doc = text_document("Acme buys Beta\nPublished: 2026-03-12\n\nAcme said it bought Beta.")
    assert doc.published == date(2026, 3, 12)
    assert doc.text == "Acme buys Beta\nAcme said it bought Beta."
    assert doc.title == "Acme buys Beta"
    spelled = text_document(
        "Acme buys Beta\nPosted on 11 Sep 2025\nAcme bought Beta.", published=date(2020, 1, 1)
    )
    assert spelled.published == date(2025, 9, 11)
    vague = text_document(
        "Acme buys Beta\nUpdated: Tuesday\nAcme bought Beta.", published=date(2020, 1, 1)
    )
    assert vague.published == date(2020, 1, 1) and "Updated: Tuesday" in vague.text
