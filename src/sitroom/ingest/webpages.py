"""HTML pages: trafilatura finds the main text (no menus, footers or comments) and the metadata."""

from __future__ import annotations

import warnings

import trafilatura

from sitroom.errors import DocumentError
from sitroom.ingest.datelines import parse_metadata_date
from sitroom.ingest.records import RawReport

#: What trafilatura finds in a page with no article is menu text ("Home", "Sign in"); the shortest
#: real report, a one-sentence brief ("Rockets hit the base on Sunday."), is longer than this.
MIN_ARTICLE_CHARS = 25


def read_html(html: str, source: str, url: str | None = None) -> RawReport:
    """The main text, title, author, publisher and date of an HTML page.

    >>> page = "<html><body><article><p>" + "Rockets hit the base. " * 5 + "</p></article></body></html>"
    >>> read_html(page, "a.html").text.startswith("Rockets hit")
    True
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            extracted = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, include_comments=False, include_tables=False
            )
    except (ValueError, TypeError, AttributeError) as exc:
        raise DocumentError(source, "malformed-html", f"HTML could not be parsed: {exc}") from exc
    if extracted is None:
        raise DocumentError(source, "malformed-html", "HTML could not be parsed or holds no article text")
    found = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = (found.get("text") or "").strip()
    if len(text) < MIN_ARTICLE_CHARS:
        raise DocumentError(source, "no-text", f"the page holds no article text (found {text[:40]!r})")
    return RawReport(
        text=text,
        source=source,
        title=found.get("title") or None,
        url=url or found.get("url") or None,
        publisher=found.get("sitename") or found.get("hostname") or None,
        author=found.get("author") or None,
        published=parse_metadata_date(found.get("date")),
    )


def looks_like_html(text: str) -> bool:
    """True when a text is an HTML page rather than prose that mentions a tag."""
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and head[:1] == "<")
