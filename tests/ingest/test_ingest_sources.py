"""From files and folders to Documents: format detection, checks, ids and date precedence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sitroom.documents import document_id
from sitroom.ingest import IngestOptions, Problem, expand_sources, read_source
from sitroom.model import Document

REPORT = (
    "Two drones were shot down near a coalition base in the early hours of Tuesday, officials said. "
    "A third drone crashed in an empty field outside the perimeter and caused no damage."
)


def read_all(path: Path, **options: object) -> list[Document | Problem]:
    """Everything read_source yields for one file."""
    return list(read_source(str(path), IngestOptions(**options)))  # type: ignore[arg-type]


def test_expand_sources_walks_folders_in_order_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/z.txt", "a.txt", ".hidden.txt", ".git/config"):
        (tmp_path / name).write_text(REPORT)
    inputs, problems = expand_sources([str(tmp_path), str(tmp_path / "missing.txt")])
    assert [Path(p).relative_to(tmp_path).as_posix() for p in inputs] == ["a.txt", "b/z.txt"]
    assert [(p.reason, p.source) for p in problems] == [("missing", str(tmp_path / "missing.txt"))]


def test_read_source_text_file_gets_id_of_normalised_text(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT + "\n", encoding="utf-8")
    (document,) = read_all(path)
    assert isinstance(document, Document)
    assert document.id == document_id(REPORT)
    assert document.text == REPORT + "\n"
    assert document.source == str(path)
    assert document.language == "en"


def test_read_source_sniffs_html_and_feeds_whatever_the_suffix(tmp_path: Path, fixtures_dir: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text((fixtures_dir / "ingest" / "harbour-page.html").read_text(encoding="utf-8"))
    feed = tmp_path / "feed.txt"
    feed.write_text((fixtures_dir / "ingest" / "ledger.rss").read_text(encoding="utf-8"))
    (from_page,) = read_all(page)
    from_feed = read_all(feed)
    assert isinstance(from_page, Document) and from_page.publisher == "Harbour Ledger"
    assert [d.url for d in from_feed if isinstance(d, Document)] == [
        "http://harbour.example/briefs/1",
        "http://harbour.example/briefs/2",
    ]


def test_read_source_date_precedence_metadata_then_dateline_then_flag(tmp_path: Path) -> None:
    jsonl = tmp_path / "lines.jsonl"
    jsonl.write_text(
        '{"text": "KIRKUK, Dec. 4, 2023 (Wire) - Rockets hit.", "published": "2023-12-05"}\n'
        '{"text": "KIRKUK, Dec. 4, 2023 (Wire) - Rockets hit again."}\n'
        '{"text": "Rockets hit the base once more on Monday."}\n'
    )
    documents = read_all(jsonl, published=date(2023, 12, 9))
    assert [d.published for d in documents if isinstance(d, Document)] == [
        date(2023, 12, 5),
        date(2023, 12, 4),
        date(2023, 12, 9),
    ]


def test_read_source_latin1_report_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    text = REPORT + " The café owner, Zoë Müller, said windows were broken."
    path.write_bytes(text.encode("latin-1"))
    (document,) = read_all(path)
    assert isinstance(document, Document)
    assert document.text == text


def test_read_source_problems_name_file_and_reason(tmp_path: Path) -> None:
    cases = {
        "empty.txt": b"",
        "image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "big.txt": REPORT.encode() * 20,
        "spanish.txt": (
            "Dos drones fueron derribados cerca de una base de la coalición en la madrugada del martes, "
            "según informaron las autoridades. Un tercer dron cayó en un campo vacío y no causó daños."
        ).encode(),
        "broken.xml": b'<?xml version="1.0"?><rss><channel><item><title>Rock',
    }
    reasons = {}
    for name, raw in cases.items():
        (tmp_path / name).write_bytes(raw)
        (problem,) = read_all(tmp_path / name, max_bytes=2000)
        assert isinstance(problem, Problem)
        assert problem.source == str(tmp_path / name)
        reasons[name] = problem.reason
    assert reasons == {
        "empty.txt": "empty",
        "image.png": "binary",
        "big.txt": "too-large",
        "spanish.txt": "not-english",
        "broken.xml": "malformed-xml",
    }


def test_read_source_jsonl_keeps_given_id_as_alias(tmp_path: Path) -> None:
    path = tmp_path / "contract.jsonl"
    path.write_text('{"text": "Rockets hit the base.", "published": "2023-12-04", "id": "doc-1"}\n')
    (document,) = read_all(path)
    assert isinstance(document, Document)
    assert document.aliases == ("doc-1",)
    assert document.id == document_id("Rockets hit the base.")
