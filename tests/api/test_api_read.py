"""The read endpoints against a real SQLite file and a real PostgreSQL database (each test runs on both)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from itertools import pairwise
from typing import Any

import pyarrow.parquet as pq
from fastapi.testclient import TestClient

from sitroom.store import Store
from sitroom.store.records import IncidentFilter


def test_incidents_list_matches_store_and_pages(client: TestClient, api_store: Store) -> None:
    everything = client.get("/api/incidents", params={"limit": 500}).json()
    assert everything["total"] == api_store.count_incidents(IncidentFilter()) >= 3
    assert [i["id"] for i in everything["items"]] == [
        r.id for r in api_store.list_incidents(IncidentFilter(), limit=500)
    ]
    first = client.get("/api/incidents", params={"limit": 2, "offset": 0}).json()
    second = client.get("/api/incidents", params={"limit": 2, "offset": 2}).json()
    assert (first["limit"], first["offset"], len(first["items"])) == (2, 0, 2)
    paged = [i["id"] for i in first["items"] + second["items"]]
    assert paged == [i["id"] for i in everything["items"]][: len(paged)]


def test_incidents_filters_narrow_the_listing(client: TestClient) -> None:
    iraq = client.get("/api/incidents", params={"country": "IQ"}).json()
    assert iraq["total"] >= 1
    assert all(i["place"]["country"] == "IQ" for i in iraq["items"])
    several = client.get("/api/incidents", params=[("country", "IQ"), ("country", "SY")]).json()
    assert several["total"] >= iraq["total"] + 1
    assert client.get("/api/incidents", params={"country": "IQ,SY"}).json()["total"] == several["total"]
    later = client.get("/api/incidents", params={"since": "2024-03-07"}).json()
    assert later["items"] and all(i["date"]["end"] >= "2024-03-07" for i in later["items"])
    drones = client.get("/api/incidents", params={"weapon": "drone"}).json()
    assert drones["total"] >= 1 and all("drone" in i["weapon"] for i in drones["items"])
    kind = iraq["items"][0]["sub_event_type"]
    typed = client.get("/api/incidents", params={"type": kind}).json()
    assert typed["total"] >= 1 and all(i["sub_event_type"] == kind for i in typed["items"])
    words = client.get("/api/incidents", params={"q": "Erbil"}).json()
    assert iraq["items"][0]["id"] in [i["id"] for i in words["items"]]
    nothing = client.get("/api/incidents", params={"q": "zzqxvnonexistentword"}).json()
    assert nothing == {"total": 0, "limit": 50, "offset": 0, "items": []}


def test_incident_detail_holds_sources_and_evidence_spans(
    client: TestClient, incident_in: Callable[[str], dict[str, Any]]
) -> None:
    erbil = incident_in("IQ")
    detail = client.get(f"/api/incidents/{erbil['id']}").json()
    assert detail["incident"]["id"] == erbil["id"]
    assert len(detail["sources"]) >= 2, "two fixture reports tell the Erbil attack"
    assert {s["publisher"] for s in detail["sources"]} == {"Test Desk Wire", "Northern Ledger"}
    assert len(detail["mentions"]) >= 2 and detail["merges"]
    texts = {s["id"]: client.get(f"/api/documents/{s['id']}").json()["text"] for s in detail["sources"]}
    assert detail["evidence"]
    for span in detail["evidence"]:
        assert texts[span["document_id"]][span["start"] : span["end"]] == span["text"]
    assert {"date", "location", "weapon"} <= {span["field"] for span in detail["evidence"]}


def test_incident_unknown_or_malformed_id_is_refused(client: TestClient) -> None:
    assert client.get("/api/incidents/inc-0000000000000000").status_code == 404
    assert client.get("/api/incidents/" + "a" * 129).status_code == 422
    assert client.get("/api/incidents/bad%20id%3Cscript%3E").status_code == 422


def test_tally_matches_the_listing(client: TestClient) -> None:
    total = client.get("/api/incidents").json()["total"]
    plain = client.get("/api/tally").json()
    assert plain == {"total": total, "by": None, "rows": []}
    by_country_rows = client.get("/api/tally", params={"by": "country"}).json()
    assert sum(row["count"] for row in by_country_rows["rows"]) == total
    iraq = next(row["count"] for row in by_country_rows["rows"] if row["key"] == "IQ")
    assert iraq == client.get("/api/incidents", params={"country": "IQ"}).json()["total"]
    assert client.get("/api/tally", params={"by": "hour"}).status_code == 422


def test_timeline_stacks_types_over_filled_periods(client: TestClient) -> None:
    timeline = client.get("/api/timeline", params={"by": "day"}).json()
    assert timeline["by"] == "day"
    days = [date.fromisoformat(p) for p in timeline["periods"]]
    assert days == sorted(days) and all((b - a).days == 1 for a, b in pairwise(days))
    assert len(timeline["counts"]) == len(days)
    assert all(len(row) == len(timeline["types"]) for row in timeline["counts"])
    dated = client.get("/api/tally", params={"by": "day"}).json()
    assert sum(map(sum, timeline["counts"])) == sum(
        r["count"] for r in dated["rows"] if r["key"][:1].isdigit()
    )
    weekly = client.get("/api/timeline", params={"by": "week"}).json()
    assert all(date.fromisoformat(p).weekday() == 0 for p in weekly["periods"])
    assert sum(map(sum, weekly["counts"])) == sum(map(sum, timeline["counts"]))


def test_map_points_are_the_located_incidents(client: TestClient) -> None:
    listing = client.get("/api/incidents", params={"limit": 500}).json()
    located = {i["id"]: i for i in listing["items"] if i["place"]}
    answer = client.get("/api/map").json()
    assert {p["id"] for p in answer["points"]} == set(located)
    assert answer["unlocated"] == listing["total"] - len(located)
    for point in answer["points"]:
        assert (point["lat"], point["lon"]) == (
            located[point["id"]]["place"]["lat"],
            located[point["id"]]["place"]["lon"],
        )
    assert client.get("/api/map", params={"country": "IQ"}).json()["points"]


def test_places_count_incidents_per_place(client: TestClient) -> None:
    places = client.get("/api/places").json()
    assert places and all(p["incidents"] >= 1 for p in places)
    assert sum(p["incidents"] for p in places) == len(client.get("/api/map").json()["points"])
    assert len(client.get("/api/places", params={"limit": 1}).json()) == 1


def test_claims_stand_beside_sitroom_counts(client: TestClient, api_store: Store) -> None:
    claims = client.get("/api/claims").json()
    assert len(claims) == len(api_store.list_claims()) >= 1
    claim = next(c for c in claims if c["quantity"] == 12)
    assert claim["since"] == "2024-03-01" and claim["unit"] == "attacks"
    assert claim["difference"] == claim["counted"] - claim["quantity"]
    series = client.get("/api/claims/series").json()
    scope = next(s for s in series if claim["claim_id"] in [c["claim_id"] for c in s["claims"]])
    counts = [p["count"] for p in scope["running"]]
    assert counts == sorted(counts), "a running count never goes down"


def test_documents_list_search_and_text(client: TestClient) -> None:
    listing = client.get("/api/documents").json()
    assert listing["total"] == 4 and all(d["text"] is None for d in listing["items"])
    found = client.get("/api/documents", params={"q": "destroyer"}).json()
    assert found["total"] == 1
    one = client.get(f"/api/documents/{found['items'][0]['id']}").json()
    assert "<script>alert('x')</script>" in one["text"], "text is stored and served verbatim, as JSON"
    by_alias = client.get("/api/documents/api-fixture-syria").json()
    assert by_alias["url"] == "javascript:alert(1)" and by_alias["aliases"] == ["api-fixture-syria"]
    assert client.get("/api/documents/nosuchdocument").status_code == 404


def test_exports_download_in_every_format(client: TestClient) -> None:
    total = client.get("/api/incidents").json()["total"]
    acled = client.get("/api/exports/acled-csv")
    assert acled.status_code == 200 and acled.headers["content-type"].startswith("text/csv")
    assert "attachment" in acled.headers["content-disposition"]
    assert len(list(csv.DictReader(io.StringIO(acled.text)))) == total
    geo = client.get("/api/exports/geojson", params={"country": "IQ"}).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) >= 1
    lines = client.get("/api/exports/jsonl").text.splitlines()
    assert len(lines) == total and all(json.loads(line)["id"] for line in lines)
    parquet = client.get("/api/exports/parquet")
    assert parquet.content[:4] == b"PAR1"
    assert pq.read_table(io.BytesIO(parquet.content)).num_rows == total
    assert client.get("/api/exports/xlsx").status_code == 422


def test_openapi_schema_describes_every_endpoint(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/tally",
        "/api/timeline",
        "/api/map",
        "/api/claims",
        "/api/claims/series",
        "/api/documents",
        "/api/documents/{key}",
        "/api/places",
        "/api/exports/{export_format}",
        "/api/incidents/{incident_id}/accept",
        "/api/incidents/{incident_id}/reject",
        "/api/incidents/merge",
        "/api/incidents/{incident_id}/split",
        "/api/audit",
        "/api/whoami",
    } <= paths
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    # No CDN-backed documentation page: this tool never loads anything from elsewhere.
    assert client.get("/docs").status_code == 404
