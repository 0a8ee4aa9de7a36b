"""Review through the API: tokens required, every action audited, edits surviving reprocessing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitroom.api.tokens import create_token, revoke_token
from sitroom.config import Settings
from sitroom.model import Document, Extraction
from sitroom.pipeline import update_incidents
from sitroom.store import Store

Find = Callable[[str], dict[str, Any]]


def bearer(secret: str) -> dict[str, str]:
    """The header that carries a token."""
    return {"Authorization": f"Bearer {secret}"}


def writes(incident_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    """One request of each write endpoint on `incident_id`."""
    return [
        ("POST", f"/api/incidents/{incident_id}/accept", {}),
        ("POST", f"/api/incidents/{incident_id}/reject", {}),
        ("PATCH", f"/api/incidents/{incident_id}", {"field": "injuries", "value": 2}),
        ("POST", "/api/incidents/merge", {"ids": [incident_id, "inc-0000000000000000"]}),
        ("POST", f"/api/incidents/{incident_id}/split", {"groups": [["x"]]}),
    ]


def test_review_without_a_token_is_401_and_changes_nothing(client: TestClient, incident_in: Find) -> None:
    erbil = incident_in("IQ")
    for method, path, body in writes(erbil["id"]):
        response = client.request(method, path, json=body)
        assert response.status_code == 401, (path, response.text)
        assert response.headers["www-authenticate"].startswith("Bearer")
    assert client.get(f"/api/incidents/{erbil['id']}").json()["incident"] == erbil
    assert client.get("/api/audit").json() == []


def test_review_with_a_bad_viewer_or_revoked_token_is_refused(
    client: TestClient, api_store: Store, incident_in: Find
) -> None:
    erbil = incident_in("IQ")
    viewer = create_token(api_store, "viewer", "vera").secret
    revoked = create_token(api_store, "editor", "rex")
    assert revoke_token(api_store, revoked.info.id)
    for method, path, body in writes(erbil["id"]):
        assert client.request(method, path, json=body, headers=bearer(viewer)).status_code == 403
        assert client.request(method, path, json=body, headers=bearer(revoked.secret)).status_code == 401
        assert client.request(method, path, json=body, headers=bearer("srt_forged")).status_code == 401
    assert client.get("/api/whoami", headers=bearer(viewer)).json() == {
        "authenticated": True,
        "name": "vera",
        "role": "viewer",
    }
    assert client.get("/api/audit").json() == []


def test_accept_and_reject_are_audited_with_the_editor_name(
    client: TestClient, editor_token: str, incident_in: Find
) -> None:
    erbil = incident_in("IQ")
    accepted = client.post(f"/api/incidents/{erbil['id']}/accept", headers=bearer(editor_token))
    assert accepted.status_code == 200 and accepted.json()["incident"]["status"] == "reviewed"
    rejected = client.post(f"/api/incidents/{erbil['id']}/reject", headers=bearer(editor_token), json={})
    assert rejected.json()["incident"]["status"] == "rejected"
    assert erbil["id"] not in [i["id"] for i in client.get("/api/incidents").json()["items"]]
    shown = client.get("/api/incidents", params={"status": "rejected"}).json()["items"]
    assert [i["id"] for i in shown] == [erbil["id"]]
    audit = client.get("/api/audit", params={"incident_id": erbil["id"]}).json()
    assert [(a["actor"], a["action"]) for a in audit] == [("alice", "accept"), ("alice", "reject")]
    assert audit[1]["before"] == {"status": "reviewed"} and audit[1]["after"] == {"status": "rejected"}


def test_edit_sets_a_field_and_logs_before_and_after(
    client: TestClient, editor_token: str, incident_in: Find
) -> None:
    erbil = incident_in("IQ")
    response = client.patch(
        f"/api/incidents/{erbil['id']}",
        json={"field": "attacker", "value": ["Islamic Resistance in Iraq"]},
        headers=bearer(editor_token),
    )
    assert response.status_code == 200, response.text
    incident = response.json()["incident"]
    assert incident["attacker"] == ["Islamic Resistance in Iraq"] and "attacker" in incident["edited"]
    dated = client.patch(
        f"/api/incidents/{erbil['id']}",
        json={"field": "date", "value": {"start": "2024-03-04", "end": "2024-03-05", "precision": "range"}},
        headers=bearer(editor_token),
    ).json()["incident"]
    assert dated["date"] == {"start": "2024-03-04", "end": "2024-03-05", "precision": "range"}
    entry = response.json()["audit"][-1]
    assert (entry["actor"], entry["action"], entry["field"]) == ("alice", "edit", "attacker")
    assert entry["before"] == {"attacker": erbil["attacker"]}
    assert entry["after"] == {"attacker": ["Islamic Resistance in Iraq"]}


@pytest.mark.parametrize(
    "body",
    [
        {"field": "status", "value": "reviewed"},
        {"field": "weapon", "value": ["laser"]},
        {"field": "injuries", "value": -1},
        {"field": "injuries", "value": "many"},
        {"field": "date", "value": {"start": "2024-03-05", "end": "2024-03-01"}},
        {"field": "location", "value": {"name": "Nowhere", "lat": 123, "lon": 0}},
        {"field": "damage", "value": ""},
        {"field": "damage", "value": "x", "extra": 1},
        {"field": "attacker", "value": ["a"] * 21},
    ],
)
def test_edit_with_a_bad_value_is_422(shared_client: TestClient, body: dict[str, Any]) -> None:
    erbil = shared_client.get("/api/incidents", params={"country": "IQ"}).json()["items"][0]
    logged = len(shared_client.get("/api/audit").json())
    response = shared_client.patch(f"/api/incidents/{erbil['id']}", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["msg"]
    assert len(shared_client.get("/api/audit").json()) == logged
    assert shared_client.get(f"/api/incidents/{erbil['id']}").json()["incident"] == erbil


def test_review_of_an_unknown_incident_is_404(client: TestClient, editor_token: str) -> None:
    for method, path, body in writes("inc-0000000000000000")[:3]:
        assert client.request(method, path, json=body, headers=bearer(editor_token)).status_code == 404


def test_merge_then_split_round_trip(client: TestClient, editor_token: str) -> None:
    red_sea = [
        i for i in client.get("/api/incidents").json()["items"] if "Red Sea" in (i["place_text"] or "")
    ]
    syria = client.get("/api/incidents", params={"country": "SY"}).json()["items"][0]
    ids = [red_sea[0]["id"], syria["id"]]
    before = client.get("/api/incidents").json()["total"]
    merged = client.post("/api/incidents/merge", json={"ids": ids}, headers=bearer(editor_token))
    assert merged.status_code == 200, merged.text
    one = merged.json()
    assert client.get("/api/incidents").json()["total"] == before - 1
    assert len(one["mentions"]) >= 2
    groups = [[one["mentions"][0]["key"]]]
    parts = client.post(
        f"/api/incidents/{one['incident']['id']}/split", json={"groups": groups}, headers=bearer(editor_token)
    )
    assert parts.status_code == 200, parts.text
    assert len(parts.json()) == 2
    assert client.get("/api/incidents").json()["total"] == before
    actions = [a["action"] for a in client.get("/api/audit").json()]
    assert actions == ["merge", "split"]
    bad = client.post(
        f"/api/incidents/{parts.json()[0]['incident']['id']}/split",
        json={"groups": [["nokey"]]},
        headers=bearer(editor_token),
    )
    assert bad.status_code == 409


def test_edits_survive_reprocessing(
    client: TestClient,
    api_store: Store,
    editor_token: str,
    incident_in: Find,
    cached_extract: Callable[[Document], Extraction],
) -> None:
    erbil = incident_in("IQ")
    client.patch(
        f"/api/incidents/{erbil['id']}",
        json={"field": "fatalities", "value": 0},
        headers=bearer(editor_token),
    )
    update_incidents(api_store, Settings(), reextract=True, extract=cached_extract)
    again = incident_in("IQ")
    assert again["fatalities"]["best"] == 0 and "fatalities" in again["edited"]
    assert [a["action"] for a in client.get("/api/audit").json()] == ["edit"]
