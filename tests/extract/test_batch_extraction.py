"""Extraction over many reports, their candidate sentences parsed in shared batches, gives what one
report at a time gives, in input order, and one bad report does not stop the others."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from spacy.language import Language
from typer.testing import CliRunner

from sitroom.errors import DocumentError
from sitroom.extract import extract_each, extract_incidents
from sitroom.extract.contract import extraction_to_json
from sitroom.extract.prefilter import find_candidates, parse_candidates, parsed_sentences, parser_input
from sitroom.model import Document

PUBLISHED = date(2024, 5, 20)

#: Written for this test: short reports of several kinds, a headline, a report with no incident.
REPORTS = (
    "Gunmen killed two villagers and wounded three others on Sunday near Kirkuk, police said.",
    "Man Shot And Killed In Riverton\n\nA 34-year-old man died at the hospital after a shooting on Main Street.",
    "The council met on Tuesday to discuss the budget. No decision was taken.",
    "A roadside bomb struck an army patrol on Friday. Two soldiers were hurt. "
    "It was the third attack on the road since March, a spokesman said.",
    "Rockets hit a base in the west of the country overnight, causing no casualties.",
    "BALDWIN (AP) — Two men were shot dead outside a bar early Saturday. Police arrested a suspect, "
    "a 22-year-old man, who was charged with murder.",
    "Militants stormed a checkpoint and killed four policemen on Wednesday, the interior ministry "
    "said. A fifth officer was missing. The group claimed the attack in a statement.",
    "Protesters threw stones at riot police, who fired tear gas to disperse them in the capital. "
    "Dozens were injured, medics said.",
    "A drone struck a car on the coastal highway, killing its three occupants. It was the second such "
    "strike this week. Residents said the car was carrying fighters.",
    "Police said a woman was stabbed in her home on Elm Avenue on Thursday night. She is in stable "
    "condition. Her former partner was detained.",
    "Naval forces intercepted two missiles fired at a cargo ship in the gulf. Nobody was hurt.",
)


def _reports() -> list[Document]:
    return [Document(id=f"r{i}", text=text, published=PUBLISHED) for i, text in enumerate(REPORTS)]


def _as_json(found: object) -> str:
    assert not isinstance(found, Exception), found
    return json.dumps(extraction_to_json(found))  # type: ignore[arg-type]


def test_extract_each_gives_the_extractions_of_one_report_at_a_time(nlp: Language) -> None:
    reports = _reports()
    alone = [json.dumps(extraction_to_json(extract_incidents(r, nlp))) for r in reports]
    assert sum(line.count('"event_type"') for line in alone) >= 10  # the reports do hold incidents
    for batch in (1, 5, 1000):
        together = list(extract_each(reports, nlp, batch_sentences=batch))
        assert [d.id for d, _ in together] == [r.id for r in reports]
        assert [_as_json(found) for _, found in together] == alone, batch


def test_extract_each_parses_a_window_in_one_shared_stream(nlp: Language, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The reports' candidate sentences go to `nlp.pipe` together, not one report at a time."""
    streams: list[int] = []
    pipe = nlp.pipe

    def counting_pipe(texts, **kwargs):  # type: ignore[no-untyped-def]
        texts = list(texts)
        streams.append(len(texts))
        return pipe(texts, **kwargs)

    monkeypatch.setattr(nlp, "pipe", counting_pipe)
    results = list(extract_each(_reports(), nlp, batch_sentences=1000))
    assert all(not isinstance(found, Exception) for _, found in results)
    assert len(streams) == 1 and streams[0] >= len(REPORTS)
    streams.clear()
    list(extract_each(_reports(), nlp, batch_sentences=1))
    assert len(streams) > 1  # a window closes as soon as it holds batch_sentences candidates


def test_batch_parsing_gives_the_parses_of_one_report_at_a_time(nlp: Language) -> None:
    vocabulary = frozenset({"killed", "shot", "bomb", "rockets", "hit", "attack", "died", "hurt", "strikes"})
    reports = _reports()
    candidates = [find_candidates(r.text, nlp, vocabulary) for r in reports]
    shared = iter(
        nlp.pipe([parser_input(r.text, c) for r, cs in zip(reports, candidates, strict=True) for c in cs])
    )
    for report, found in zip(reports, candidates, strict=True):
        batched = parsed_sentences(found, [next(shared) for _ in found])
        alone = parse_candidates(report.text, nlp, vocabulary)
        assert [(s.start, s.paragraph, s.index) for s in batched] == [
            (s.start, s.paragraph, s.index) for s in alone
        ]
        for one, other in zip(batched, alone, strict=True):
            assert [(t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_) for t in one.doc] == [
                (t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_) for t in other.doc
            ]


def test_extract_each_reports_an_undated_report_and_goes_on(nlp: Language) -> None:
    reports = [
        Document(id="a", text=REPORTS[0], published=PUBLISHED),
        Document(id="undated", text=REPORTS[3], published=None, source="undated.txt"),
        Document(id="empty", text="  \n", published=PUBLISHED),
        Document(id="b", text=REPORTS[4], published=PUBLISHED),
    ]
    results = dict((d.id, found) for d, found in extract_each(reports, nlp))
    assert list(results) == ["a", "undated", "empty", "b"]
    undated = results["undated"]
    assert isinstance(undated, DocumentError) and undated.reason == "no-date"
    assert _as_json(results["empty"]) == json.dumps(extraction_to_json(extract_incidents(reports[2], nlp)))
    assert _as_json(results["b"]) == json.dumps(extraction_to_json(extract_incidents(reports[3], nlp)))
    assert '"Shelling/artillery/missile attack"' in _as_json(results["b"])


def test_extract_command_keeps_one_line_per_file_in_order_with_files_batched(tmp_path: Path) -> None:
    from sitroom.cli import register_commands

    first, second = tmp_path / "first.txt", tmp_path / "second.jsonl"
    first.write_text(REPORTS[0], encoding="utf-8")
    second.write_text(
        "\n".join(
            json.dumps({"id": f"j{i}", "text": t, "published": "2024-05-20"})
            for i, t in enumerate(REPORTS[3:5])
        ),
        encoding="utf-8",
    )
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(
        register_commands(),
        [
            "extract",
            "--json",
            "--no-places",
            "--published",
            "2024-05-20",
            str(first),
            str(missing),
            str(second),
        ],
    )
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1  # the missing FILE is reported, the others extracted
    assert [line["document"].get("id") for line in lines] == [lines[0]["document"]["id"], None, "j0", "j1"]
    assert lines[1]["document"]["source"] == str(missing) and lines[1]["incidents"] == []
    assert lines[0]["incidents"][0]["fatalities"] == 2
    assert lines[2]["incidents"] and lines[3]["incidents"]
