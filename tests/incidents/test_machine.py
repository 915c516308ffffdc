"""The incident lifecycle, transition by transition, and conversion into a case."""

from __future__ import annotations

import hashlib
import uuid

import pytest

from lawtrail.common.errors import TransitionNotAllowed, ValidationFailed
from lawtrail.events.models import Event
from lawtrail.incidents.choices import Status
from lawtrail.incidents.machine import INCIDENT_MACHINE
from lawtrail.incidents.models import Incident, MediaRecord
from lawtrail.incidents.services import incident_convert, incident_event, incident_receive
from tests.factories import at


def payloads(bureau) -> dict:
    return {
        "incident.dispatched": {"unit": bureau.station_a.code, "officers": [bureau.officer_a.badge_no]},
        "incident.arrived": {},
        "incident.disposed": {"disposal": "accepted_as_case"},
    }


PATHS = {
    Status.RECEIVED: [],
    Status.DISPATCHED: ["incident.dispatched"],
    Status.ARRIVED: ["incident.dispatched", "incident.arrived"],
    Status.DISPOSED: ["incident.dispatched", "incident.arrived", "incident.disposed"],
}
EVENTS = ["incident.dispatched", "incident.arrived", "incident.disposed"]


def new_incident(bureau, path: list[str]) -> Incident:
    incident = incident_receive(
        actor=bureau.officer_a,
        unit=bureau.station_a,
        source="call_110",
        place="西江一路烧烤摊",
        category="dispute",
        description="烧烤摊有人打架，一人受伤",
        reporter_name="王先生",
        occurred_at=at("2026-06-12 22:14"),
    )
    for i, name in enumerate(path):
        incident_event(
            incident=incident,
            name=name,
            actor=bureau.officer_a,
            payload=payloads(bureau)[name],
            occurred_at=at(f"2026-06-12 22:{16 + i * 5}"),
        )
    incident.refresh_from_db()
    return incident


@pytest.mark.parametrize("state", list(PATHS))
@pytest.mark.parametrize("event", EVENTS)
def test_transition_table(bureau, state, event):
    """Given an incident in `state`, when `event` is recorded, then it moves on exactly when the table allows
    it, and otherwise is refused with nothing written."""
    incident = new_incident(bureau, PATHS[state])
    before = Event.objects.count()
    if state in INCIDENT_MACHINE.transitions[event].sources:
        incident_event(
            incident=incident,
            name=event,
            actor=bureau.officer_a,
            payload=payloads(bureau)[event],
            occurred_at=at("2026-06-12 23:30"),
        )
        incident.refresh_from_db()
        assert incident.status == INCIDENT_MACHINE.transitions[event].target
        assert Event.objects.count() == before + 1
    else:
        with pytest.raises(TransitionNotAllowed):
            incident_event(
                incident=incident,
                name=event,
                actor=bureau.officer_a,
                payload=payloads(bureau)[event],
                occurred_at=at("2026-06-12 23:30"),
            )
        incident.refresh_from_db()
        assert incident.status == state
        assert Event.objects.count() == before


def test_dispatch_records_times_and_officers(bureau):
    incident = new_incident(bureau, ["incident.dispatched", "incident.arrived"])
    assert incident.dispatched_at == at("2026-06-12 22:16")
    assert incident.arrived_at == at("2026-06-12 22:21")
    assert list(incident.dispatch_officers.all()) == [bureau.officer_a]


def test_convert_creates_linked_case_with_history(bureau):
    """Given an arrived incident, when it is accepted as a case, then it is disposed as 受案, converted, linked
    to a new administrative case with a query code, and both histories say so."""
    incident = new_incident(bureau, ["incident.dispatched", "incident.arrived"])
    case = incident_convert(
        incident=incident,
        actor=bureau.officer_a,
        kind="admin",
        title="王某殴打他人案",
        offence="ps.assault",
        lead=bureau.officer_a,
        occurred_at=at("2026-06-12 23:40"),
    )
    incident.refresh_from_db()
    assert (incident.status, incident.disposal) == (Status.CONVERTED, "accepted_as_case")
    assert case.incident == incident
    assert case.number.startswith(f"X{bureau.station_a.code}2026")
    assert len(case.query_code) == 8
    assert list(incident.events.values_list("name", flat=True)) == [
        "incident.received",
        "incident.dispatched",
        "incident.arrived",
        "incident.disposed",
        "incident.converted",
    ]
    assert list(case.events.values_list("name", flat=True)) == ["case.accepted", "case.handler_assigned"]


def test_incident_disposed_otherwise_cannot_convert(bureau):
    """Given an incident mediated on the spot, when conversion is attempted, then it is refused with the reason."""
    incident = new_incident(bureau, ["incident.dispatched"])
    incident_event(
        incident=incident,
        name="incident.disposed",
        actor=bureau.officer_a,
        payload={"disposal": "mediated"},
        occurred_at=at("2026-06-12 23:00"),
    )
    with pytest.raises(TransitionNotAllowed) as refused:
        incident_convert(
            incident=incident,
            actor=bureau.officer_a,
            kind="admin",
            title="x",
            occurred_at=at("2026-06-12 23:40"),
        )
    assert "受案" in refused.value.message
    incident.refresh_from_db()
    assert incident.status == Status.DISPOSED
    assert not incident.cases.exists()


def test_media_record_registered_with_hash(bureau):
    """Given an incident, when a body-camera clip is linked, then it is stored with URI, SHA-256 and capture time."""
    incident = new_incident(bureau, [])
    digest = hashlib.sha256(b"clip").hexdigest()
    incident_event(
        incident=incident,
        name="incident.media_linked",
        actor=bureau.officer_a,
        payload={
            "media_id": str(uuid.uuid4()),
            "kind": "body_camera",
            "uri": "evidence://bwc/100001/20260612-2223.mp4",
            "sha256": digest,
            "captured_at": "2026-06-12T22:23:00+08:00",
            "officer": bureau.officer_a.badge_no,
        },
    )
    media = MediaRecord.objects.get()
    assert (media.incident, media.sha256, media.captured_at) == (incident, digest, at("2026-06-12 22:23"))


def test_media_with_bad_hash_is_refused(bureau):
    incident = new_incident(bureau, [])
    with pytest.raises(ValidationFailed) as refused:
        incident_event(
            incident=incident,
            name="incident.media_linked",
            actor=None,
            payload={
                "media_id": str(uuid.uuid4()),
                "kind": "cctv",
                "uri": "x",
                "sha256": "abc",
                "captured_at": "2026-06-12T22:23:00+08:00",
            },
        )
    assert refused.value.field == "payload.sha256"
