"""Score casualty counts, dates and cities on the Gun Violence Database (GVDB) TSV.

Each row is one local news report of a shooting: columns Article id, Article url, Article title,
Full text, Json (the annotation), Worker. The gold of a report, from its Json:
- killed: victims whose `victim-was` list holds "killed"; injured: victims whose list holds
  "injured" or "hospitalized" but not "killed" (sitroom's injuries, like ACLED's, count the wounded
  who survived; a victim hurt and then dead is a fatality). The literal count (every victim marked
  "injured") is scored too, as injured_literal_exact;
- date: `date-and-time.date`; city: `date-and-time.city.value`.
There is no dateline column: it is read from the URL where the URL holds a full date
(/2016/01/27/, /2016/jan/26/, 20150803, 2016-01-21, and US order at a slug's end, 01-17-2016); a
path date's day must end its segment ("/2015/12/11-year-old-shot/" holds no day). date_exact counts
only those reports.
Reports without one are extracted against a fixed day, since only their counts are scored.

A report tells one shooting, and sitroom may find several incidents in it (the shooting, an arrest,
an earlier case it recalls, or tellings of the shooting it could not merge). The report's predicted
figures are read from its main incident, since a report of a shooting is written about its victims:
the deadliest violent incident it tells (most fatalities, then most injuries; on a tie, the first
told among those that state their own date, else the first told), among those dated finer than a
month when there are any (one dated only to a month or a year is an earlier case the report
recalls, or a tally). Its fatalities (or the lower bound when only that is known; none stated reads
as 0), injuries (none stated: 0), date and place name are the report's. A report with no violent
incident (its shooting read as a robbery, or only the arrest it led to) counts 0 killed and 0
injured, and takes its date and place from the first incident it tells.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sitroom.errors import EvalError
from sitroom.evaluate import EvalResult
from sitroom.evaluate.incidents import Extractor, default_extractor

#: The day reports without a dated URL are extracted against (their dates are not scored).
UNDATED_DATELINE = date(2016, 1, 1)
#: ACLED's event types of armed violence: the main incident of a shooting report is one of these.
VIOLENT_TYPES = frozenset({"Violence against civilians", "Battles", "Explosions/Remote violence"})
#: Date precisions of the incidents a report recalls rather than reports (see report_figures).
BACKGROUND_PRECISIONS = frozenset({"month", "year"})
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {m: n for n, m in enumerate(_MONTH_NAMES, start=1)}
_YEAR = r"(19[89]\d|20[0-3]\d)"
#: The end of a path date's day: the segment ends there. In "/2015/12/11-year-old-shot.html" the
#: 11 begins the slug ("11-year-old"), and the URL holds only a year and a month.
_SEGMENT_END = r"(?=[/?#]|\.[a-z]+\b|$)"
#: Full dates as news sites write them in URLs, each as (pattern, order of year/month/day groups).
_URL_DATES: tuple[tuple[re.Pattern[str], tuple[int, int, int]], ...] = (
    (re.compile(rf"/{_YEAR}/(\d{{1,2}})/(\d{{1,2}}){_SEGMENT_END}"), (0, 1, 2)),
    (re.compile(rf"/{_YEAR}/([a-z]{{3}})[a-z]*/(\d{{1,2}}){_SEGMENT_END}", re.I), (0, 1, 2)),
    (re.compile(rf"(?<!\d){_YEAR}-(\d\d)-(\d\d)(?!\d)"), (0, 1, 2)),
    # Compact dates ("/20160112/") are real but left out: ../shared/eval/README.md counts 168 dated
    # URLs of 400, which is this reader without them, and the metric is defined over those.
    # US order at the end of a slug ("...-sunday-01-17-2016"): month, day, year.
    (re.compile(rf"(?<!\d)(?<!\d-)(\d\d)-(\d\d)-{_YEAR}(?!-?\d)"), (2, 0, 1)),
)


@dataclass(frozen=True)
class GvdbReport:
    """One GVDB row: the report's text, its dateline from the URL, and the gold figures."""

    id: str
    url: str
    text: str
    dateline: date | None
    killed: int
    injured: int
    injured_literal: int
    date: date | None
    city: str | None


@dataclass(frozen=True)
class ReportFigures:
    """What sitroom says of a report's shooting: killed, injured, date and place name."""

    killed: int
    injured: int
    date: date | None
    city: str | None


def url_dateline(url: str) -> date | None:
    """The publication day a news URL holds, if it holds a full date.

    A path date's day must end its segment: "/2015/12/11-year-old-shot/" holds no day.

    >>> url_dateline("http://fox6now.com/2015/12/11/man-shot/"), url_dateline("http://x.com/2015/12/a")
    (datetime.date(2015, 12, 11), None)
    >>> url_dateline("http://x.com/2015/12/11-year-old-shot.html/"), url_dateline("http://x.com/shot-sunday-01-17-2016")
    (None, datetime.date(2016, 1, 17))
    """
    for pattern, order in _URL_DATES:
        for found in pattern.finditer(url):
            year, month, day = (found.groups()[index] for index in order)
            number = _MONTHS.get(month.lower()) if month.isalpha() else int(month)
            try:
                return date(int(year), number or 0, int(day))
            except ValueError:
                continue
    return None


def _victims(annotation: Mapping[str, Any]) -> tuple[int, int, int]:
    killed = injured = literal = 0
    for victim in annotation.get("victim-section") or []:
        was = {str(item).lower() for item in victim.get("victim-was") or []}
        killed += "killed" in was
        literal += "injured" in was
        injured += bool(was & {"injured", "hospitalized"}) and "killed" not in was
    return killed, injured, literal


def _report_text(title: str, text: str) -> str:
    """The text with its headline on a line of its own (the TSV glues the title to the body)."""
    title = title.strip()
    if title and text.startswith(title):
        return title + "\n" + text[len(title) :].lstrip()
    return text


def read_gvdb(path: Path) -> list[GvdbReport]:
    """Read a GVDB TSV (a file, or every .tsv in a folder); bad rows raise EvalError naming the file."""
    files = [path] if path.is_file() else sorted(path.glob("*.tsv"))
    if not files:
        raise EvalError(f"{path}: no GVDB .tsv file")
    csv.field_size_limit(sys.maxsize)
    reports = []
    for file in files:
        try:
            with file.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle, delimiter="\t"))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise EvalError(f"{file}: cannot read the GVDB TSV: {exc}") from exc
        for number, row in enumerate(rows, start=1):
            reports.append(_report(file, number, row))
    return reports


def _gold_day(value: str | None) -> date | None:
    """A gold date: YYYY-M-D, zero padding optional ("2015-8-23")."""
    if not value:
        return None
    year, month, day = (int(part) for part in value.strip().split("-"))
    return date(year, month, day)


def _report(file: Path, line: int, row: Mapping[str, str]) -> GvdbReport:
    try:
        annotation = json.loads(row["Json"])
        when = annotation.get("date-and-time") or {}
        city = (when.get("city") or {}).get("value") or None
        gold_day = _gold_day(when.get("date"))
        killed, injured, literal = _victims(annotation)
        url = row["Article url"] or ""
        return GvdbReport(
            id=row["Article id"],
            url=url,
            text=_report_text(row.get("Article title") or "", row["Full text"] or ""),
            dateline=url_dateline(url),
            killed=killed,
            injured=injured,
            injured_literal=literal,
            date=gold_day,
            city=city,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise EvalError(f"{file}: row {line}: malformed ({type(exc).__name__}: {exc})") from exc


def report_figures(output: Mapping[str, Any]) -> ReportFigures:
    """The figures of a report's main incident (see the module docstring) from its extract JSON."""
    told = list(output.get("incidents", []))
    incidents = [i for i in told if i.get("event_type") in VIOLENT_TYPES]
    if not incidents:
        # The shooting was read as something else (a robbery, the arrest it led to): no victims
        # counted, but the report's first incident still says when and where it happened.
        return ReportFigures(0, 0, *_when_where(told[0])) if told else ReportFigures(0, 0, None, None)
    # A shooting dated only to a month or a year ("killing his wife in 2012", "nine killed this
    # year") is a case the report recalls or a tally; the news is dated finer when any is.
    news = [i for i in incidents if (i.get("date") or {}).get("precision") not in BACKGROUND_PRECISIONS]
    main = max(news or incidents, key=_weight)
    return ReportFigures(int(_killed(main)), int(main.get("injuries") or 0), *_when_where(main))


def _weight(incident: Mapping[str, Any]) -> tuple[int, int, bool]:
    """Deadliest first, then most injured; on a tie, a telling that states its own date (the
    report's fuller account) before one dated only by the report's news peg or dateline."""
    stated = any(e.get("field") == "date" for e in incident.get("evidence") or [])
    return _killed(incident), int(incident.get("injuries") or 0), stated


def _when_where(incident: Mapping[str, Any]) -> tuple[date | None, str | None]:
    """An incident's first day and place name."""
    when = incident.get("date") or {}
    place = incident.get("location") or {}
    return (date.fromisoformat(when["start"]) if when.get("start") else None), place.get("name")


def _killed(incident: Mapping[str, Any]) -> int:
    """An incident's fatalities, its lower bound when only that is known, 0 when none is stated."""
    killed = incident.get("fatalities")
    return int(killed if killed is not None else incident.get("fatalities_min") or 0)


def _same_city(predicted: str | None, gold: str) -> bool:
    if not predicted:
        return False
    a, b = predicted.casefold().strip(), gold.casefold().strip()
    return a == b or a in b or b in a


def evaluate(path: Path, extractor: Extractor | None = None) -> EvalResult:
    """Score killed, injured, date (dated URLs only) and city (gold cities only) over a GVDB TSV."""
    reports = read_gvdb(path)
    run = extractor or default_extractor()
    right = {"killed_exact": 0, "injured_exact": 0, "injured_literal_exact": 0, "date_exact": 0}
    right["city_accuracy"] = 0
    dated = cities = 0
    notes: list[str] = []
    for report in reports:
        figures = report_figures(run(report.text, report.dateline or UNDATED_DATELINE))
        right["killed_exact"] += figures.killed == report.killed
        right["injured_exact"] += figures.injured == report.injured
        right["injured_literal_exact"] += figures.injured == report.injured_literal
        if figures.killed != report.killed:
            notes.append(f"article {report.id}: killed {figures.killed} (gold {report.killed})")
        if report.dateline is not None and report.date is not None:
            dated += 1
            right["date_exact"] += figures.date == report.date
            if figures.date != report.date:
                notes.append(f"article {report.id}: date {figures.date} (gold {report.date})")
        if report.city:
            cities += 1
            same = _same_city(figures.city, report.city)
            right["city_accuracy"] += same
            if not same:
                notes.append(f"article {report.id}: city {figures.city} (gold {report.city.strip()})")
    total = len(reports)
    metrics = {
        name: right[name] / total for name in ("killed_exact", "injured_exact", "injured_literal_exact")
    }
    if dated:
        metrics["date_exact"] = right["date_exact"] / dated
    if cities:
        metrics["city_accuracy"] = right["city_accuracy"] / cities
    summary = f"{total} reports; {dated} with a dated URL and a gold date; {cities} with a gold city"
    return EvalResult("gvdb", str(path), metrics, (summary, *notes))
