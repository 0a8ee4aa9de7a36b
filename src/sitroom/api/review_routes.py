"""The write endpoints: accept, reject, edit a field, merge, split; each needs an editor's token.

Every action is one Store method call, which writes the audit log (who, when, before, after) and
keeps the change as a correction that survives `sitroom reprocess`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query

from sitroom.api.auth import request_store, require_editor
from sitroom.api.blocking import in_worker
from sitroom.api.filters import invalid
from sitroom.api.read_routes import IdPath
from sitroom.api.schemas import (
    MAX_ITEMS,
    MAX_TEXT,
    AuditOut,
    DateIn,
    EditBody,
    IncidentDetailOut,
    LocationIn,
    MergeBody,
    SplitBody,
)
from sitroom.api.serialize import audit_out, detail_out
from sitroom.api.tokens import TokenInfo
from sitroom.errors import ConfigError
from sitroom.model import WEAPONS
from sitroom.store import Store
from sitroom.store.records import EDITABLE_FIELDS

router = APIRouter(prefix="/api", tags=["review"])

StoreDep = Annotated[Store, Depends(request_store)]
EditorDep = Annotated[TokenInfo, Depends(require_editor)]
_AUTH: dict[int | str, dict[str, Any]] = {
    401: {"description": "No token, or an unknown one"},
    403: {"description": "Not an editor"},
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    **_AUTH,
    404: {"description": "No such incident"},
    409: {"description": "Cannot be done"},
}

_LISTS = ("attacker", "target", "interceptor", "weapon")
_COUNTS = ("count", "fatalities", "injuries")
#: Largest count a person may type: more than any single incident, small enough to catch a slip.
MAX_COUNT = 1_000_000


@router.post("/incidents/{incident_id}/accept", response_model=IncidentDetailOut, responses=_ERRORS)
@in_worker
def accept(store: StoreDep, editor: EditorDep, incident_id: IdPath) -> IncidentDetailOut:
    """Mark an incident reviewed: a person checked it against its sources."""
    _exists(store, incident_id)
    return detail_out(_run(lambda: store.review_incident(incident_id, "accept", actor=editor.name)))


@router.post("/incidents/{incident_id}/reject", response_model=IncidentDetailOut, responses=_ERRORS)
@in_worker
def reject(store: StoreDep, editor: EditorDep, incident_id: IdPath) -> IncidentDetailOut:
    """Reject an incident (not a real event, or not armed violence); it leaves listings and tallies."""
    _exists(store, incident_id)
    return detail_out(_run(lambda: store.review_incident(incident_id, "reject", actor=editor.name)))


@router.patch("/incidents/{incident_id}", response_model=IncidentDetailOut, responses=_ERRORS)
@in_worker
def edit(store: StoreDep, editor: EditorDep, incident_id: IdPath, body: EditBody) -> IncidentDetailOut:
    """Set one field; the value is a list of names, a count, a text, a date or a location by field."""
    value = checked_value(body.field, body.value)
    _exists(store, incident_id)
    return detail_out(
        _run(
            lambda: store.review_incident(
                incident_id, "edit", field=body.field, value=value, actor=editor.name
            )
        )
    )


@router.post("/incidents/merge", response_model=IncidentDetailOut, responses=_ERRORS)
@in_worker
def merge(store: StoreDep, editor: EditorDep, body: MergeBody) -> IncidentDetailOut:
    """Merge incidents a person judged to be one event."""
    for incident_id in body.ids:
        _exists(store, incident_id)
    return detail_out(store.merge_incidents(body.ids, actor=editor.name))


@router.post("/incidents/{incident_id}/split", response_model=list[IncidentDetailOut], responses=_ERRORS)
@in_worker
def split(
    store: StoreDep, editor: EditorDep, incident_id: IdPath, body: SplitBody
) -> list[IncidentDetailOut]:
    """Split an incident: each group of mention keys becomes one incident."""
    _exists(store, incident_id)
    details = store.split_incident(incident_id, body.groups, actor=editor.name)
    return [detail_out(detail) for detail in details]


@router.get("/audit", response_model=list[AuditOut], tags=["review"])
@in_worker
def audit(
    store: StoreDep,
    incident_id: Annotated[str | None, Query(max_length=128)] = None,
) -> list[AuditOut]:
    """Every human action, oldest first, or those on one incident."""
    return [audit_out(entry) for entry in store.audit_log(incident_id)]


def checked_value(field: str, value: object) -> object:
    """The edit's value in the form the store takes, or a 422 that says what the field needs."""
    if field not in EDITABLE_FIELDS:
        raise invalid("body", "field", f"cannot edit {field!r}; editable: {', '.join(EDITABLE_FIELDS)}")
    if field in _LISTS:
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or len(names) > MAX_ITEMS:
            raise invalid("body", "value", f"{field} takes a list of up to {MAX_ITEMS} names")
        names = [name.strip() for name in names if name.strip()]
        if any(len(name) > MAX_TEXT for name in names):
            raise invalid("body", "value", f"{field}: a name is at most {MAX_TEXT} characters")
        if field == "weapon" and (bad := [name for name in names if name not in WEAPONS]):
            raise invalid("body", "value", f"unknown weapon {', '.join(bad)}; use {', '.join(WEAPONS)}")
        return names
    if field in _COUNTS:
        if value is not None and not (isinstance(value, int) and 0 <= value <= MAX_COUNT):
            raise invalid("body", "value", f"{field} takes a whole number 0..{MAX_COUNT}, or null")
        return value
    if field == "date":
        if not isinstance(value, DateIn) or value.end < value.start:
            raise invalid("body", "value", "date takes {start, end, precision} with end not before start")
        return {"start": value.start.isoformat(), "end": value.end.isoformat(), "precision": value.precision}
    if field == "location":
        if not isinstance(value, LocationIn):
            raise invalid("body", "value", "location takes {name, country, lat, lon[, admin1]}")
        return value.model_dump()
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
        raise invalid("body", "value", f"{field} takes a text of 1..{MAX_TEXT} characters")
    return value.strip()


def _exists(store: Store, incident_id: str) -> None:
    if store.get_incident(incident_id) is None:
        raise HTTPException(404, detail=f"no incident {incident_id}")


def _run(action: Any) -> Any:
    """Run a store action; a value the store refuses is the client's error (422), not the server's."""
    try:
        return action()
    except ConfigError as error:
        raise invalid("body", "value", str(error)) from error
