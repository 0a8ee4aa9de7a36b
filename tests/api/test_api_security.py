"""Parameter validation, size limits, security headers, CORS and the dashboard's local assets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitroom.api import ApiSettings, create_app
from sitroom.api.security import CONTENT_SECURITY_POLICY
from sitroom.errors import ConfigError
from sitroom.store import Store


@pytest.mark.parametrize(
    "params",
    [
        {"since": "2024-03-09", "until": "2024-03-01"},
        {"since": "yesterday"},
        {"limit": 0},
        {"limit": 501},
        {"offset": -1},
        {"near": "33.3,44.4"},
        {"near": "95,44.4,10"},
        {"near": "33.3,44.4,0"},
        {"q": "x" * 201},
        {"attacker": "y" * 201},
        {"status": "deleted"},
        {"country": ",".join(["IQ"] * 51)},
    ],
)
def test_incidents_bad_parameters_are_422(shared_client: TestClient, params: dict[str, object]) -> None:
    response = shared_client.get("/api/incidents", params=params)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


def test_incidents_near_filter_accepts_a_point_and_radius(client: TestClient) -> None:
    erbil = client.get("/api/incidents", params={"near": "36.19,44.01,60"}).json()
    assert erbil["total"] >= 1
    assert all(i["place"]["country"] == "IQ" for i in erbil["items"])


def test_security_headers_are_on_every_response(client: TestClient) -> None:
    for path in ("/", "/api/incidents", "/api/incidents/inc-0000000000000000", "/static/style.css"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
    assert "http" not in CONTENT_SECURITY_POLICY, "no remote origin may be allowed"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY and "unsafe-eval" not in CONTENT_SECURITY_POLICY


def test_body_over_the_limit_is_413(client: TestClient) -> None:
    big = b'{"field": "damage", "value": "' + b"x" * 70_000 + b'"}'
    declared = client.patch(
        "/api/incidents/inc-0000000000000000", content=big, headers={"content-type": "application/json"}
    )
    assert declared.status_code == 413
    assert declared.json()["error"] == "E413"

    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"x" * 8192

    streamed = client.post(
        "/api/incidents/merge", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413


def test_cors_is_off_by_default(client: TestClient) -> None:
    response = client.get("/api/incidents", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/api/incidents/merge",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_allows_only_the_configured_origin(api_store: Store) -> None:
    app = create_app(api_store, ApiSettings(cors_origins=("https://desk.example",), dashboard=False))
    with TestClient(app) as client:
        allowed = client.get("/api/tally", headers={"Origin": "https://desk.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://desk.example"
        other = client.get("/api/tally", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_dashboard_is_served_from_local_files_only(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "http://" not in page.text and "https://" not in page.text
    for name in ("d3.min.js", "topojson-client.min.js", "supercluster.min.js", "countries-50m.json"):
        assert client.get(f"/vendor/{name}").status_code == 200
    assert client.get("/vendor/package.json").status_code == 404
    assert client.get("/static/dashboard.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/..%2Fapp.py").status_code == 404
    assert client.get("/static/app.py").status_code == 404
    assert client.get("/incident/inc-0000000000000000").status_code == 200


def test_api_without_dashboard_needs_no_node_modules(api_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="npm ci"):
        create_app(api_store, ApiSettings(node_modules=tmp_path / "node_modules"))
    app = create_app(api_store, ApiSettings(dashboard=False, node_modules=tmp_path / "node_modules"))
    with TestClient(app) as client:
        assert client.get("/api/tally").status_code == 200
        assert client.get("/").status_code == 404
