"""Query parameters shared by every incident endpoint, validated and turned into an IncidentFilter.

They are the options of `sitroom incidents`, so a dashboard URL and a CLI line ask the same question.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from fastapi import Query
from fastapi.exceptions import RequestValidationError
from pydantic import Field

from sitroom.store.records import IncidentFilter

#: Longest value of a free-text filter; a name or a few words, never a document.
MAX_FILTER_TEXT = 200
#: Most values a repeated filter (country, type, status) may take in one request.
MAX_VALUES = 50
Status = Literal["machine", "reviewed", "rejected"]

_NEAR = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(\d{1,5}(?:\.\d+)?)\s*$")


def invalid(where: str, name: str, message: str) -> RequestValidationError:
    """A 422 in FastAPI's own shape (a list of {loc, msg, type}), so every 422 reads the same."""
    return RequestValidationError([{"type": "value_error", "loc": (where, name), "msg": message}])


Text = Annotated[str | None, Query(max_length=MAX_FILTER_TEXT)]
#: One value of a repeatable filter.
Item = Annotated[str, Field(max_length=MAX_FILTER_TEXT)]


async def incident_filter(
    since: Annotated[date | None, Query(description="First day (YYYY-MM-DD), inclusive.")] = None,
    until: Annotated[date | None, Query(description="Last day (YYYY-MM-DD), inclusive.")] = None,
    country: Annotated[
        list[Item],
        Query(max_length=MAX_VALUES, description="ISO country code; repeat or comma-separate for several."),
    ] = [],  # noqa: B006 - FastAPI reads the default, never mutates it
    type: Annotated[
        list[Item],
        Query(max_length=MAX_VALUES, description="Event or sub-event type (ACLED); repeatable."),
    ] = [],  # noqa: B006
    attacker: Annotated[Text, Query(description="Actor name or alias on the attacking side.")] = None,
    target: Annotated[Text, Query(description="Actor or object name on the target side.")] = None,
    weapon: Annotated[
        Text, Query(description="Weapon of the controlled vocabulary (drone, rocket...).")
    ] = None,
    q: Annotated[Text, Query(description="Words that must appear in the incident's evidence.")] = None,
    near: Annotated[
        str | None,
        Query(
            max_length=60,
            pattern=_NEAR.pattern,
            description="LAT,LON,KM: incidents within KM kilometres of a point.",
        ),
    ] = None,
    status: Annotated[
        list[Status], Query(max_length=3, description="Review status; default machine and reviewed.")
    ] = [],  # noqa: B006
) -> IncidentFilter:
    """The IncidentFilter the query parameters describe (422 when they contradict each other)."""
    if since is not None and until is not None and since > until:
        raise invalid("query", "since", "since must not be after until")
    return IncidentFilter(
        since=since,
        until=until,
        countries=_listed(country, "country"),
        types=_listed(type, "type"),
        attacker=_text(attacker),
        target=_text(target),
        weapon=_text(weapon),
        text=_text(q),
        near=_near(near),
        status=tuple(dict.fromkeys(status)) or ("machine", "reviewed"),
    )


def _listed(values: list[str], name: str) -> tuple[str, ...]:
    items = [part.strip() for value in values for part in value.split(",") if part.strip()]
    if len(items) > MAX_VALUES or any(len(item) > MAX_FILTER_TEXT for item in items):
        raise invalid("query", name, f"at most {MAX_VALUES} values of {MAX_FILTER_TEXT} characters")
    return tuple(dict.fromkeys(items))


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _near(value: str | None) -> tuple[float, float, float] | None:
    if value is None or not value.strip():
        return None
    match = _NEAR.match(value)
    if match is None:
        raise invalid("query", "near", "near must be LAT,LON,KM, e.g. 33.3,44.4,50")
    lat, lon, km = (float(group) for group in match.groups())
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20000):
        raise invalid("query", "near", "latitude -90..90, longitude -180..180, radius 0..20000 km")
    return (lat, lon, km)
