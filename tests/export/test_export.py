"""Exports of a store filled through the real pipeline, on SQLite and PostgreSQL: GeoJSON validated
against RFC 7946 models (geojson-pydantic), ACLED-style CSV, Parquet, and the JSON Lines contract."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from geojson_pydantic import FeatureCollection

from sitroom.config import Settings
from sitroom.errors import ConfigError
from sitroom.export import FORMATS, export_bytes, write_export
from sitroom.export.columns import ACLED_COLUMNS
from sitroom.pipeline import ingest_sources, open_store, update_incidents
from sitroom.store import IncidentFilter, Store

REPORTS = [
    {"id": "harbour-1", "published": "2023-12-04", "publisher": "Port Courier",
     "text": "ADEN, Dec. 4, 2023 (Port Courier) - A drone struck a cargo ship off the port of Aden on "
             "Sunday, wounding three sailors, the ship's operator said."},
    {"id": "harbour-2", "published": "2023-12-04", "publisher": "Coast Ledger",
     "text": "Three crew members were hurt when a drone hit a freighter near Aden on Sunday, the shipping "
             "company said."},
    {"id": "camp-1", "published": "2023-11-06", "publisher": "Desert Bulletin",
     "text": "Rockets were fired at a base hosting coalition troops near Baghdad airport on Saturday, "
             "security officials said. Nobody was hurt."},
    {"id": "nowhere-1", "published": "2023-11-06", "publisher": "Desert Bulletin",
     "text": "Gunmen killed two shepherds on Friday, a local official said."},
]  # fmt: skip


@pytest.fixture
def store(store_db: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    source = tmp_path / "reports.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    with open_store(store_db) as opened:
        ingest_sources([str(source)], opened, Settings())
        update_incidents(opened, Settings())
        yield opened


def test_export_geojson_is_valid_rfc7946(store: Store) -> None:
    data = json.loads(export_bytes(store, "geojson"))
    collection = FeatureCollection.model_validate(data)
    located = [i for i in store.list_incidents(limit=None) if i.place is not None]
    assert len(collection.features) == len(located) > 0
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        # QGIS reads flat properties as columns: no nested objects or lists.
        assert all(not isinstance(v, (dict, list)) for v in feature["properties"].values())


def test_export_acled_csv_has_acled_columns_and_one_row_per_incident(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export_bytes(store, "acled-csv").decode("utf-8"))))
    assert len(rows) == store.count_incidents()
    assert tuple(rows[0])[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    ship = next(r for r in rows if r["sitroom_documents"] and "harbour-1" in r["sitroom_documents"])
    assert ship["sitroom_source_count"] == "2" and ship["event_date"] == "2023-12-03"
    assert ship["source"] == "Coast Ledger; Port Courier" or ship["source"] == "Port Courier; Coast Ledger"


def test_export_jsonl_follows_the_cross_report_contract(store: Store) -> None:
    lines = [json.loads(line) for line in export_bytes(store, "jsonl").splitlines()]
    texts = {r["id"]: r["text"] for r in REPORTS}
    assert {s["document"] for line in lines for s in line["sources"]} <= set(texts)
    ship = next(line for line in lines if len(line["sources"]) == 2)
    assert {s["document"] for s in ship["sources"]} == {"harbour-1", "harbour-2"}
    for source in ship["sources"]:
        assert source["evidence"]
        for e in source["evidence"]:
            assert texts[source["document"]][e["start"] : e["end"]] == e["text"]
    for key in ("event_type", "sub_event_type", "date", "location", "attacker", "target", "weapon",
                "fatalities", "injuries", "evidence"):  # fmt: skip
        assert key in ship


def test_export_parquet_has_typed_columns(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    count = write_export(store, "parquet", path)
    table = pq.read_table(path)
    assert table.num_rows == count == store.count_incidents()
    assert str(table.schema.field("event_date").type) == "date32[day]"
    assert str(table.schema.field("latitude").type) == "double"


def test_export_filter_and_every_format_write_files(store: Store, tmp_path: Path) -> None:
    only_iq = IncidentFilter(countries=("IQ",))
    for name in FORMATS:
        path = tmp_path / f"x.{name}"
        count = write_export(store, name, path, only_iq)
        assert count == store.count_incidents(only_iq) and path.stat().st_size > 0
    assert not list(tmp_path.glob("*.partial"))


def test_export_bad_format_or_folder_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown export format"):
        write_export(store, "xlsx", tmp_path / "x.xlsx")
    with pytest.raises(ConfigError, match="does not exist"):
        write_export(store, "jsonl", tmp_path / "missing" / "x.jsonl")
