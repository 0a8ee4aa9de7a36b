"""http(s) sources against a server the test starts on loopback: pages, feeds, --follow, limits."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.config import Settings
from sitroom.errors import DocumentError
from sitroom.ingest import Fetcher, IngestOptions, Problem, read_source
from sitroom.model import Document
from sitroom.pipeline import ingest_sources
from sitroom.store import Store

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Loop Wire</title>
<item><title>Short item</title><link>{link}</link><pubDate>Sat, 02 Dec 2023 10:00:00 GMT</pubDate>
<description>Only a teaser.</description></item>
<item><title>Dead link</title><link>{dead}</link><description>A teaser whose page is gone.</description></item>
</channel></rss>"""


def test_read_source_url_reads_html_page_with_its_url(loopback_site, fixtures_dir) -> None:  # type: ignore[no-untyped-def]
    page = (fixtures_dir / "ingest" / "harbour-page.html").read_bytes()
    loopback_site.serve("/news/cranes", page)
    url = loopback_site.url("/news/cranes")
    with Fetcher(timeout=5, max_bytes=1_000_000) as fetcher:
        (document,) = read_source(url, IngestOptions(), fetcher)
    assert isinstance(document, Document)
    assert document.url == url and document.urls == (url,)
    assert document.publisher == "Harbour Ledger"
    assert "patrol boat fired" in document.text


def test_ingest_feed_follow_reads_linked_pages(loopback_site, fixtures_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    loopback_site.serve("/a", (fixtures_dir / "ingest" / "harbour-page.html").read_bytes())
    feed = FEED.format(link=loopback_site.url("/a"), dead=loopback_site.url("/gone"))
    loopback_site.serve("/feed.rss", feed.encode(), "application/rss+xml")
    problems: list[Problem] = []
    with Store.open(str(tmp_path / "s.db")) as store:
        summary = ingest_sources(
            [loopback_site.url("/feed.rss")], store, Settings(), follow=True, on_problem=problems.append
        )
        followed = store.get_document(summary.document_ids[0])
        teaser = store.get_document(summary.document_ids[1])
    assert summary.ingested == 2
    assert followed is not None and "patrol boat fired" in followed.text
    assert followed.published == date(2023, 11, 14)  # the page's own metadata beats the feed's
    assert teaser is not None and teaser.text == "A teaser whose page is gone."
    assert [(p.reason, p.skipped) for p in problems] == [("http-error", False)]
    assert summary.skipped == {}


def test_fetcher_refuses_bodies_over_the_size_limit(loopback_site) -> None:  # type: ignore[no-untyped-def]
    loopback_site.serve("/big", b"x" * 5000, "text/plain")
    with Fetcher(timeout=5, max_bytes=1000) as fetcher, pytest.raises(DocumentError) as caught:
        fetcher.fetch(loopback_site.url("/big"))
    assert caught.value.reason == "too-large"


def test_fetcher_times_out_on_a_slow_server(loopback_site) -> None:  # type: ignore[no-untyped-def]
    loopback_site.serve("/slow", b"late", "text/plain", delay=1.0)
    with Fetcher(timeout=0.2, max_bytes=1000) as fetcher, pytest.raises(DocumentError) as caught:
        fetcher.fetch(loopback_site.url("/slow"))
    assert caught.value.reason == "timeout"


def test_read_source_unreachable_url_is_a_problem() -> None:
    with Fetcher(timeout=1, max_bytes=1000) as fetcher:
        (problem,) = read_source("http://127.0.0.1:9/none", IngestOptions(), fetcher)
    assert isinstance(problem, Problem)
    assert problem.reason == "unreachable" and problem.source == "http://127.0.0.1:9/none"
