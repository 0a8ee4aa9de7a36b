"""The readers: HTML pages, RSS and Atom feeds, JSON Lines and plain text."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.errors import DocumentError
from sitroom.ingest.feeds import fragment_text, read_feed
from sitroom.ingest.jsonl import read_jsonl
from sitroom.ingest.plain_text import read_text
from sitroom.ingest.records import Problem, RawReport
from sitroom.ingest.webpages import read_html


def test_read_html_keeps_article_and_drops_boilerplate(fixtures_dir) -> None:  # type: ignore[no-untyped-def]
    page = (fixtures_dir / "ingest" / "harbour-page.html").read_text(encoding="utf-8")
    report = read_html(page, "harbour-page.html")
    assert "patrol boat fired on the harbour" in report.text
    assert "Subscribe to the newsletter" not in report.text
    assert "Cookie settings" not in report.text
    assert report.title == "Patrol boat fires on harbour cranes"
    assert report.author == "Lena Marsh"
    assert report.publisher == "Harbour Ledger"
    assert report.published == date(2023, 11, 14)


def test_read_html_without_article_is_no_text() -> None:
    with pytest.raises(DocumentError) as caught:
        read_html('<html><body><nav><a href="/">Home</a></nav><div class="', "broken.html")
    assert caught.value.reason in {"no-text", "malformed-html"}


def test_read_feed_rss_items_become_reports(fixtures_dir) -> None:  # type: ignore[no-untyped-def]
    feed = (fixtures_dir / "ingest" / "ledger.rss").read_text(encoding="utf-8")
    reports = list(read_feed(feed, "ledger.rss"))
    assert all(isinstance(r, RawReport) for r in reports)
    first, second = reports  # type: ignore[misc]
    assert first.publisher == "Harbour Ledger Briefs"
    assert first.url == "http://harbour.example/briefs/1"
    assert first.published == date(2023, 11, 14)
    assert first.text.startswith("A patrol boat fired") and "<p>" not in first.text
    assert second.source == "ledger.rss item 2"


def test_read_feed_atom_entries_become_reports(fixtures_dir) -> None:  # type: ignore[no-untyped-def]
    feed = (fixtures_dir / "ingest" / "outposts.atom").read_text(encoding="utf-8")
    (report,) = read_feed(feed, "outposts.atom")
    assert isinstance(report, RawReport)
    assert report.author == "Omar Kenji"
    assert report.published == date(2023, 12, 2)
    assert "mortar rounds" in report.text


def test_read_feed_malformed_xml_names_the_reason() -> None:
    with pytest.raises(DocumentError) as caught:
        list(read_feed('<?xml version="1.0"?><rss><channel><item><title>Rock', "broken.rss"))
    assert caught.value.reason == "malformed-xml"


def test_read_jsonl_lines_with_problems_named_by_line() -> None:
    lines = "\n".join(
        [
            '{"text": "Rockets hit the base.", "id": "r1", "published": "2023-12-04", "url": "http://x/1"}',
            "not json",
            '{"text": ""}',
            '{"title": "no text"}',
            '{"text": "A drone fell.", "published": "last week"}',
            "",
            '{"text": "A drone was shot down.", "id": 7, "publisher": "Wire"}',
        ]
    )
    items = list(read_jsonl(lines, "feed.jsonl"))
    reports = [i for i in items if isinstance(i, RawReport)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert [(r.alias, r.published, r.url) for r in reports] == [
        ("r1", date(2023, 12, 4), "http://x/1"),
        ("7", None, None),
    ]
    assert [(p.source, p.reason) for p in problems] == [
        ("feed.jsonl:2", "bad-json"),
        ("feed.jsonl:3", "empty"),
        ("feed.jsonl:4", "bad-json"),
        ("feed.jsonl:5", "bad-date"),
    ]


def test_read_text_keeps_text_exactly_and_finds_title() -> None:
    text = "Drone downed near the port\n\n  A drone was shot down near the port on Monday.\n"
    report = read_text(text, "a.txt")
    assert report.text == text
    assert report.title == "Drone downed near the port"
    assert read_text("One paragraph only, no headline.", "b.txt").title is None


def test_fragment_text_keeps_paragraphs() -> None:
    assert fragment_text("<div><h2>Head</h2><p>One &amp; two.</p><ul><li>a</li></ul></div>") == (
        "Head\n\nOne & two.\n\na"
    )
