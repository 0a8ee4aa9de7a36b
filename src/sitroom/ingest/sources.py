"""From a source (file, folder, URL) to Documents: read, detect the format, check, identify."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from sitroom.documents import document_id
from sitroom.errors import DocumentError
from sitroom.ingest.datelines import find_dateline
from sitroom.ingest.decoding import check_size, decode_bytes
from sitroom.ingest.feeds import looks_like_feed, read_feed
from sitroom.ingest.fetch import Fetcher, is_url
from sitroom.ingest.jsonl import read_jsonl
from sitroom.ingest.language import check_language
from sitroom.ingest.plain_text import read_text
from sitroom.ingest.records import IngestOptions, Problem, RawReport
from sitroom.ingest.webpages import looks_like_html, read_html
from sitroom.model import Document

_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_FEED_SUFFIXES = {".rss", ".atom", ".xml"}
_FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
}


def expand_sources(sources: Iterable[str]) -> tuple[list[str], list[Problem]]:
    """Files and URLs to read, folders walked recursively in name order (hidden files left out).

    >>> expand_sources(["https://example.org/a"])
    (['https://example.org/a'], [])
    """
    inputs: list[str] = []
    problems: list[Problem] = []
    for source in sources:
        path = Path(source)
        if is_url(source):
            inputs.append(source)
        elif path.is_dir():
            inputs.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            inputs.append(source)
        else:
            problems.append(Problem(source, "missing", "no such file, folder or http(s) URL"))
    return inputs, problems


def read_source(
    source: str, options: IngestOptions, fetcher: Fetcher | None = None
) -> Iterator[Document | Problem]:
    """Every Document in one file or URL, and a Problem for each part that cannot be used.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("BAGHDAD, Dec. 4, 2023 - Rockets hit a base.")
    >>> [d.published for d in read_source(str(folder / "a.txt"), IngestOptions())]
    [datetime.date(2023, 12, 4)]
    """
    retrieved = datetime.now(UTC)
    try:
        reports = list(_read_reports(source, options, fetcher))
    except DocumentError as exc:
        yield Problem(exc.source, exc.reason, exc.message.removeprefix(f"{exc.source}: "))
        return
    for report in reports:
        if isinstance(report, Problem):
            yield report
            continue
        try:
            yield assemble_document(report, options, retrieved)
        except DocumentError as exc:
            yield Problem(exc.source, exc.reason, exc.message.removeprefix(f"{exc.source}: "))


def assemble_document(report: RawReport, options: IngestOptions, retrieved: datetime) -> Document:
    """A Document from a raw report: id from the text, language checked, date from metadata or text."""
    if not report.text.strip():
        raise DocumentError(report.source, "no-text", "no text")
    language = check_language(report.text, report.source, options.language)
    reference = options.published or (report.retrieved or retrieved).date()
    # Precedence: the source's own metadata, then its dateline, then --published as the fallback.
    published = report.published or find_dateline(report.text, reference) or options.published
    return Document(
        id=document_id(report.text),
        text=report.text,
        title=report.title,
        url=report.url,
        urls=(report.url,) if report.url else (),
        publisher=report.publisher,
        author=report.author,
        published=published,
        retrieved=report.retrieved or retrieved,
        source=report.source,
        language=language,
        aliases=(report.alias,) if report.alias else (),
    )


def _read_reports(
    source: str, options: IngestOptions, fetcher: Fetcher | None
) -> Iterator[RawReport | Problem]:
    if is_url(source):
        if fetcher is None:
            raise DocumentError(source, "unreachable", "URLs need a fetcher (internal error)")
        fetched = fetcher.fetch(source)
        text, _ = decode_bytes(fetched.content, source, options.max_bytes, fetched.charset)
        suffix = Path(fetched.url.split("?")[0]).suffix.lower()
        kind = _kind_of(text, suffix, fetched.content_type)
        yield from _dispatch(
            kind, text, source, options, fetcher, url=fetched.url, retrieved=fetched.retrieved
        )
        return
    path = Path(source)
    try:
        check_size(path.stat().st_size, source, options.max_bytes)
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(source, "unreadable", f"cannot read: {exc.strerror or exc}") from exc
    text, _ = decode_bytes(raw, source, options.max_bytes)
    yield from _dispatch(_kind_of(text, path.suffix.lower(), None), text, source, options, fetcher)


def _kind_of(text: str, suffix: str, content_type: str | None) -> str:
    if suffix in _JSONL_SUFFIXES or content_type in {"application/x-ndjson", "application/jsonl"}:
        return "jsonl"
    if content_type in _FEED_TYPES or suffix in _FEED_SUFFIXES or looks_like_feed(text):
        return "feed" if suffix not in _HTML_SUFFIXES or looks_like_feed(text) else "html"
    if suffix in _HTML_SUFFIXES or content_type in {"text/html", "application/xhtml+xml"}:
        return "html"
    return "html" if looks_like_html(text) else "text"


def _dispatch(
    kind: str,
    text: str,
    source: str,
    options: IngestOptions,
    fetcher: Fetcher | None,
    *,
    url: str | None = None,
    retrieved: datetime | None = None,
) -> Iterator[RawReport | Problem]:
    if kind == "jsonl":
        yield from read_jsonl(text, source)
    elif kind == "feed":
        follow = _page_reader(options, fetcher) if options.follow and fetcher is not None else None
        yield from read_feed(text, source, follow)
    elif kind == "html":
        yield _with_retrieval(read_html(text, source, url), url, retrieved)
    else:
        yield _with_retrieval(read_text(text, source), url, retrieved)


def _page_reader(options: IngestOptions, fetcher: Fetcher) -> Callable[[str, str], RawReport]:
    def read_page(url: str, where: str) -> RawReport:
        fetched = fetcher.fetch(url, f"{where} ({url})")
        text, _ = decode_bytes(fetched.content, where, options.max_bytes, fetched.charset)
        page = read_html(text, where, fetched.url) if looks_like_html(text) else read_text(text, where)
        return _with_retrieval(page, fetched.url, fetched.retrieved)

    return read_page


def _with_retrieval(report: RawReport, url: str | None, retrieved: datetime | None) -> RawReport:
    if url is None and retrieved is None:
        return report
    return RawReport(
        text=report.text,
        source=report.source,
        title=report.title,
        url=report.url or url,
        publisher=report.publisher,
        author=report.author,
        published=report.published,
        retrieved=retrieved,
        alias=report.alias,
    )
