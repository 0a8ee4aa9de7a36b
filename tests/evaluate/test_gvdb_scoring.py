"""The GVDB scorer: URL datelines, gold victims, and a run of the real extractor on written reports."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from sitroom.errors import EvalError
from sitroom.evaluate.gvdb import evaluate, read_gvdb, report_figures, url_dateline


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://news.example.com/2015/12/11/man-shot-on-elm-street/", date(2015, 12, 11)),
        ("http://paper.example.com/news/2016/jan/26/girl-shot/", date(2016, 1, 26)),
        # Compact dates are not read: the README's 168 dated URLs of 400 leave them out.
        ("http://www.example.com/article/20150803/NEWS/150809844/0/x", None),
        ("http://www.example.com/crime/2016-01-21/man-shot-in-road-rage", date(2016, 1, 21)),
        ("http://www.example.com/tn-me-story-20160223-story.html", None),
        ("http://blog.example.com/2015/12/man-slain-at-home.html", None),
        ("http://www.example.com/calendar/20662526-113/arrest", None),
        ("http://www.example.com/news/man-shot-killed/36925834", None),
    ],
)
def test_url_dateline_reads_full_dates_only(url: str, day: date | None) -> None:
    assert url_dateline(url) == day


def _victim(*was: str) -> dict[str, object]:
    return {"gender": "Male", "victim-was": list(was)}


def _write_tsv(path: Path, rows: list[tuple[str, str, str, list[dict[str, object]], str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(["Article id", "Article url", "Article title", "Full text", "Json", "Worker"])
        for number, (url, title, body, victims, gold_day) in enumerate(rows, start=1):
            annotation = {"date-and-time": {"date": gold_day, "city": {"value": "Springfield"}}}
            annotation["victim-section"] = victims
            writer.writerow([str(number), url, title, title + body, json.dumps(annotation), "w1"])
    return path


ROWS = [
    (
        "http://news.example.com/2016/03/08/two-dead-in-springfield-shooting/",
        "Two dead in Springfield shooting",
        "Two men were shot and killed on Sunday night outside a bar in Springfield, police said. "
        "A third man was wounded and taken to a hospital.",
        [_victim("killed"), _victim("killed"), _victim("injured", "hospitalized")],
        "2016-3-6",
    ),
    (
        "http://news.example.com/local/teen-hurt/4411",
        "Teen hurt",
        "A 16-year-old boy was shot in the leg in Springfield, police said. He is expected to survive.",
        [_victim("injured")],
        "2016-03-01",
    ),
]


def test_read_gvdb_counts_killed_and_surviving_injured(tmp_path: Path) -> None:
    victims = [_victim("killed"), _victim("injured", "killed"), _victim("hospitalized"), _victim()]
    rows = [("http://x.example.com/2016/01/02/a", "T", " body", victims, "2016-01-01")]
    report = read_gvdb(_write_tsv(tmp_path / "g.tsv", rows))[0]
    assert (report.killed, report.injured, report.injured_literal) == (2, 1, 1)
    assert report.dateline == date(2016, 1, 2) and report.date == date(2016, 1, 1)
    assert report.text.startswith("T\n")


def test_read_gvdb_names_the_file_of_a_malformed_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("Article id\tArticle url\tFull text\tJson\n1\tu\ttext\t{not json\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"bad\.tsv: row 1"):
        read_gvdb(path)


def test_report_figures_reads_the_deadliest_violent_incident() -> None:
    output = {
        "incidents": [
            {"event_type": "Strategic developments", "fatalities": 9},
            {"event_type": "Violence against civilians", "fatalities": None, "injuries": 1},
            {"event_type": "Violence against civilians", "fatalities": None, "fatalities_min": 2,
             "injuries": None, "date": {"start": "2016-03-06"}, "location": {"name": "Springfield"}},
        ]
    }  # fmt: skip
    figures = report_figures(output)
    assert (figures.killed, figures.injured, figures.date, figures.city) == (
        2,
        0,
        date(2016, 3, 6),
        "Springfield",
    )
    assert report_figures({"incidents": []}).killed == 0


def test_evaluate_scores_the_real_extractor_on_written_reports(tmp_path: Path) -> None:
    result = evaluate(_write_tsv(tmp_path / "dev.tsv", ROWS))
    assert result.kind == "gvdb"
    assert result.metrics["killed_exact"] == 1.0
    assert result.metrics["date_exact"] == 1.0  # only the first report has a dated URL
    assert "2 reports; 1 with a dated URL" in result.notes[0]
