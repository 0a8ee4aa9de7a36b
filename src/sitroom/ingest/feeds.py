"""RSS and Atom feeds: each item is a report; with --follow the page an item links to is read instead."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import feedparser
import lxml.etree
import lxml.html

from sitroom.errors import DocumentError
from sitroom.ingest.datelines import date_from_struct
from sitroom.ingest.records import Problem, RawReport

_FEED_ROOTS = ("<rss", "<feed", "<rdf:rdf")
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(\n\s*)+")
_SPACES = re.compile(r"[ \t\r\f\v]+")

#: Reads the page at a URL into a RawReport (pipeline passes the URL reader); raises DocumentError.
PageReader = Callable[[str, str], RawReport]


def looks_like_feed(text: str) -> bool:
    """True when a text is an RSS, RDF or Atom document."""
    head = text[:2048].lstrip().lower()
    return head.startswith("<") and any(root in head for root in _FEED_ROOTS)


def read_feed(xml: str, source: str, follow: PageReader | None = None) -> Iterator[RawReport | Problem]:
    """Each item of a feed as a report (or a Problem for an item that cannot be used).

    >>> feed = '<rss version="2.0"><channel><title>W</title><item><title>T</title>'
    >>> feed += '<description>Rockets hit the base.</description></item></channel></rss>'
    >>> [report.text for report in read_feed(feed, "f.xml")]
    ['Rockets hit the base.']
    """
    parsed = feedparser.parse(xml, sanitize_html=False, resolve_relative_uris=False)
    # feedparser recovers what it can from broken XML; a broken feed whose items hold no text
    # gave us nothing, and the reason to report is the broken XML, not the empty items.
    recovered = any(_entry_text(entry) or entry.get("link") for entry in parsed.entries)
    if parsed.bozo and not recovered:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or str(
            parsed.get("bozo_exception") or "not a feed"
        )
        raise DocumentError(source, "malformed-xml", f"feed XML is malformed: {reason}")
    publisher = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source} item {number}"
        item = RawReport(
            text=_entry_text(entry),
            source=where,
            title=entry.get("title") or None,
            url=entry.get("link") or None,
            publisher=publisher,
            author=entry.get("author") or None,
            published=date_from_struct(entry.get("published_parsed") or entry.get("updated_parsed")),
        )
        if follow is not None and item.url:
            try:
                page = follow(item.url, where)
            except DocumentError as exc:
                yield Problem(where, exc.reason, f"{exc.message} (kept the feed's own text)", skipped=False)
            else:
                yield _merge(page, item)
                continue
        if item.text:
            yield item
        else:
            yield Problem(where, "no-text", "feed item has no text (use --follow to read the linked page)")


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    contents = entry.get("content") or []
    body = contents[0].get("value", "") if contents else entry.get("summary", "")
    return fragment_text(body or "")


def _merge(page: RawReport, item: RawReport) -> RawReport:
    # The page's own metadata is the more complete; the feed fills what the page lacks.
    return RawReport(
        text=page.text,
        source=item.source,
        title=page.title or item.title,
        url=item.url,
        publisher=page.publisher or item.publisher,
        author=page.author or item.author,
        published=page.published or item.published,
        retrieved=page.retrieved,
    )


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's body), one paragraph per block element.

    >>> fragment_text("<p>One.</p><p>Two<br>three.</p>")
    'One.\\n\\nTwo\\nthree.'
    """
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*_BLOCKS):
        block.tail = "\n\n" + (block.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in root.text_content().splitlines())
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
