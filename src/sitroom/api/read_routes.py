"""The read-only endpoints: incidents, tallies, timeline, map points, claims, documents, places, exports.

Every one is a thin call of a Store method (the same ones the CLI calls) and a conversion to schemas.
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from sitroom.api.auth import current_token, request_store
from sitroom.api.blocking import in_worker
from sitroom.api.filters import MAX_FILTER_TEXT, incident_filter
from sitroom.api.schemas import (
    ClaimOut,
    ClaimSeriesOut,
    DocumentOut,
    DocumentPage,
    IncidentDetailOut,
    IncidentPage,
    MapOut,
    MapPoint,
    PlaceCount,
    SeriesPoint,
    TallyOut,
    TimelineOut,
    WhoAmI,
)
from sitroom.api.serialize import claim_out, detail_out, document_out, incident_out, place_out, tally_out
from sitroom.api.tokens import TokenInfo
from sitroom.store import Store
from sitroom.store.records import IncidentFilter, IncidentRecord

router = APIRouter(prefix="/api")

StoreDep = Annotated[Store, Depends(request_store)]
FilterDep = Annotated[IncidentFilter, Depends(incident_filter)]
#: Incident ids and document keys are short slugs or hex digests; anything longer is not one.
IdPath = Annotated[str, PathParam(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$")]

#: Most incidents one map answer carries; the map says so when there are more.
MAX_MAP_POINTS = 20_000
#: Most rows one page of a listing carries.
MAX_PAGE = 500

TallyBy = Literal["day", "week", "month", "country", "type", "weapon", "attacker"]
ExportFormat = Literal["acled-csv", "geojson", "jsonl", "parquet"]
_EXPORT_TYPES: dict[str, tuple[str, str]] = {
    "acled-csv": ("text/csv", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


@router.get("/incidents", response_model=IncidentPage, tags=["incidents"])
@in_worker
def list_incidents(
    store: StoreDep,
    scope: FilterDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> IncidentPage:
    """Incidents matching the filters, newest first, one page at a time."""
    items = store.list_incidents(scope, limit=limit, offset=offset)
    return IncidentPage(
        total=store.count_incidents(scope),
        limit=limit,
        offset=offset,
        items=[incident_out(item) for item in items],
    )


@router.get(
    "/incidents/{incident_id}",
    response_model=IncidentDetailOut,
    responses={404: {"description": "No such incident"}},
    tags=["incidents"],
)
@in_worker
def get_incident(store: StoreDep, incident_id: IdPath) -> IncidentDetailOut:
    """One incident with its sources, evidence spans, mentions, merge history and audit log."""
    detail = store.get_incident(incident_id)
    if detail is None:
        raise HTTPException(404, detail=f"no incident {incident_id}")
    return detail_out(detail)


@router.get("/tally", response_model=TallyOut, tags=["incidents"])
@in_worker
def tally(store: StoreDep, scope: FilterDep, by: TallyBy | None = None) -> TallyOut:
    """How many incidents match, grouped by a period or a field when `by` is given."""
    return tally_out(store.tally(scope, by=by))


@router.get("/timeline", response_model=TimelineOut, tags=["incidents"])
@in_worker
def timeline(
    store: StoreDep, scope: FilterDep, by: Literal["auto", "day", "week", "month"] = "auto"
) -> TimelineOut:
    """Incident counts per day, week or month, stacked by type, with empty periods filled in."""
    days = [date.fromisoformat(key) for key, _ in store.tally(scope, by="day").rows if _is_day(key)]
    if not days:
        return TimelineOut(by="day" if by == "auto" else by, types=[], periods=[], counts=[])
    chosen = _granularity(min(days), max(days)) if by == "auto" else by
    periods = _periods(min(days), max(days), chosen)
    index = {period: i for i, period in enumerate(periods)}
    types = [key for key, _ in sorted(store.tally(scope, by="type").rows, key=lambda row: -row[1])]
    counts = [[0] * len(types) for _ in periods]
    for j, kind in enumerate(types):
        for key, count in store.tally(replace(scope, types=(kind,)), by="day").rows:
            if _is_day(key):
                counts[index[_period_of(date.fromisoformat(key), chosen)]][j] += count
    return TimelineOut(by=chosen, types=types, periods=[p.isoformat() for p in periods], counts=counts)


@router.get("/map", response_model=MapOut, tags=["incidents"])
@in_worker
def map_points(store: StoreDep, scope: FilterDep) -> MapOut:
    """Every located incident matching the filters, as the map draws it."""
    items = store.list_incidents(scope, limit=MAX_MAP_POINTS + 1)
    truncated = len(items) > MAX_MAP_POINTS
    located = [item for item in items[:MAX_MAP_POINTS] if item.place is not None]
    return MapOut(
        points=[_point(item) for item in located],
        unlocated=min(len(items), MAX_MAP_POINTS) - len(located),
        truncated=truncated,
    )


@router.get("/places", response_model=list[PlaceCount], tags=["incidents"])
@in_worker
def places(
    store: StoreDep, scope: FilterDep, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100
) -> list[PlaceCount]:
    """The places incidents matching the filters happened at, most incidents first."""
    counts: dict[str, int] = defaultdict(int)
    found = {}
    for item in store.list_incidents(scope, limit=MAX_MAP_POINTS):
        if item.place is not None:
            counts[item.place.gazetteer_id] += 1
            found[item.place.gazetteer_id] = item.place
    ranked = sorted(counts, key=lambda key: (-counts[key], found[key].name))[:limit]
    return [PlaceCount(place=place_out(found[key]), incidents=counts[key]) for key in ranked]  # type: ignore[arg-type]


@router.get("/claims", response_model=list[ClaimOut], tags=["claims"])
@in_worker
def claims(store: StoreDep) -> list[ClaimOut]:
    """Every reported tally, beside sitroom's own count for the same scope and the difference."""
    return [claim_out(comparison) for comparison in store.list_claims()]


@router.get("/claims/series", response_model=list[ClaimSeriesOut], tags=["claims"])
@in_worker
def claim_series(store: StoreDep) -> list[ClaimSeriesOut]:
    """Claims grouped by what they count from when ("attacks since October 17"), each group beside
    sitroom's running count by day over the countries any of its claims names.

    A tally restated over weeks ("19 attacks", then "103", then "165") is one series of dots against
    one line, which is what shows whether sitroom keeps up.
    """
    grouped: dict[IncidentFilter, list[tuple[IncidentFilter, ClaimOut]]] = defaultdict(list)
    for comparison in store.list_claims():
        key = replace(comparison.scope, until=None, countries=())
        grouped[key].append((comparison.scope, claim_out(comparison)))
    series = []
    for key, members in grouped.items():
        countries = tuple(sorted({c for scope, _ in members for c in scope.countries}))
        scope = replace(key, countries=countries)
        running, total = [], 0
        for day, count in sorted(store.tally(scope, by="day").rows):
            if _is_day(day):
                total += count
                running.append(SeriesPoint(day=date.fromisoformat(day), count=total))
        items = sorted((claim for _, claim in members), key=lambda claim: claim.as_of or date.min)
        label = f"since {scope.since}" if scope.since else "all dates"
        label += f" in {', '.join(countries)}" if countries else ""
        series.append(ClaimSeriesOut(scope_text=label, since=scope.since, running=running, claims=items))
    series.sort(key=lambda one: -len(one.claims))
    return series


@router.get("/documents", response_model=DocumentPage, tags=["documents"])
@in_worker
def documents(
    store: StoreDep,
    since: date | None = None,
    q: Annotated[str | None, Query(max_length=MAX_FILTER_TEXT)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
) -> DocumentPage:
    """Stored reports published since a day and matching words, newest or best matching first."""
    found = store.list_documents(since=since, search=q, limit=limit)
    return DocumentPage(
        total=store.count_documents(since=since, search=q), items=[document_out(d) for d in found]
    )


@router.get(
    "/documents/{key}",
    response_model=DocumentOut,
    responses={404: {"description": "No such document"}},
    tags=["documents"],
)
@in_worker
def get_document(store: StoreDep, key: IdPath) -> DocumentOut:
    """One report with its text, by id, alias or unambiguous id prefix."""
    document = store.get_document(key)
    if document is None:
        raise HTTPException(404, detail=f"no document {key}")
    return document_out(document, with_text=True)


@router.get(
    "/exports/{export_format}",
    response_class=FileResponse,
    responses={200: {"content": {mime: {} for mime, _ in _EXPORT_TYPES.values()}}},
    tags=["exports"],
)
@in_worker
def export(store: StoreDep, scope: FilterDep, export_format: ExportFormat) -> FileResponse:
    """The incidents matching the filters as a download: ACLED-style CSV, GeoJSON, JSON Lines or Parquet."""
    from sitroom.export import write_export

    media_type, suffix = _EXPORT_TYPES[export_format]
    # A file, not a stream: Parquet is written with seeks; the background task deletes it once sent.
    descriptor, name = tempfile.mkstemp(prefix="sitroom-export-", suffix=f".{suffix}")
    os.close(descriptor)
    path = Path(name)
    try:
        write_export(store, export_format, path, scope)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return FileResponse(
        path,
        media_type=media_type,
        filename=f"sitroom-incidents.{suffix}",
        background=BackgroundTask(path.unlink, missing_ok=True),
    )


#: The token is optional here, which OpenAPI says with an empty alternative requirement.
@router.get(
    "/whoami",
    response_model=WhoAmI,
    tags=["review"],
    openapi_extra={"security": [{}, {"HTTPBearer": []}]},
)
def whoami(token: Annotated[TokenInfo | None, Depends(current_token)]) -> WhoAmI:
    """Whose token the request carries (the dashboard shows review actions to editors)."""
    if token is None:
        return WhoAmI(authenticated=False)
    return WhoAmI(authenticated=True, name=token.name, role=token.role)


def _point(item: IncidentRecord) -> MapPoint:
    place = item.place
    assert place is not None
    casualties = (item.fatalities.best or 0) + (item.injuries.best or 0)
    return MapPoint(
        id=item.id,
        lat=place.lat,
        lon=place.lon,
        type=item.sub_event_type or item.event_type,
        casualties=casualties,
        date=item.date.start if item.date else None,
        place=item.place_text or place.name,
    )


def _is_day(key: str) -> bool:
    try:
        date.fromisoformat(key)
    except ValueError:
        return False
    return len(key) == 10


def _granularity(first: date, last: date) -> Literal["day", "week", "month"]:
    """Days up to two months, weeks up to two years, months beyond: at most about 100 bars."""
    span = (last - first).days
    if span <= 62:
        return "day"
    return "week" if span <= 730 else "month"


def _period_of(day: date, by: str) -> date:
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day


def _periods(first: date, last: date, by: str) -> list[date]:
    periods, current = [], _period_of(first, by)
    while current <= last:
        periods.append(current)
        if by == "day":
            current += timedelta(days=1)
        elif by == "week":
            current += timedelta(days=7)
        else:
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
    return periods
