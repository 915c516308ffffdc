"""The measures and interviews API: create, append steps, scoping (404), refusals (409/422)."""

from __future__ import annotations

import pytest

from tests.api.conftest import bearer
from tests.factories import at
from tests.measures.helpers import case_with_suspect


@pytest.fixture
def suspect(bureau):
    return case_with_suspect(bureau.officer_a)


def _measure(client, case, party):
    return client.post(
        "/api/measures",
        {
            "case": case.number,
            "kind": "summons",
            "party": str(party.party_id),
            "approver": "所长",
            "occurred_at": at("2026-03-01 10:10").isoformat(),
        },
        content_type="application/json",
    )


def test_take_a_measure_and_record_the_arrival(bureau, suspect):
    """Given a suspect, when a summons is taken and the arrival appended over the API, then the measure is
    listed for the case with its arrival time; ending it twice is 409."""
    case, party = suspect
    client = bearer(bureau.officer_a)
    created = _measure(client, case, party)
    assert created.status_code == 201, created.content
    measure_id = created.json()["measure_id"]
    arrived = client.post(
        f"/api/measures/{measure_id}/events",
        {"name": "measure.arrived", "occurred_at": at("2026-03-01 10:20").isoformat()},
        content_type="application/json",
    )
    assert arrived.status_code == 201, arrived.content
    assert arrived.json()["name"] == "measure.arrived"
    listed = client.get("/api/measures", {"case": case.number}).json()
    assert [(m["measure_id"], m["status"], m["arrived_at"]) for m in listed] == [
        (measure_id, "arrived", "2026-03-01T10:20:00+08:00")
    ]
    end = {
        "name": "measure.ended",
        "payload": {"reason": "released"},
        "occurred_at": at("2026-03-01 12:00").isoformat(),
    }
    assert (
        client.post(f"/api/measures/{measure_id}/events", end, content_type="application/json").status_code
        == 201
    )
    assert (
        client.post(f"/api/measures/{measure_id}/events", end, content_type="application/json").status_code
        == 409
    )


def test_out_of_scope_measures_are_404(bureau, suspect):
    """Given station A's measure, then station B can neither read it, append to it, nor list the case's."""
    case, party = suspect
    measure_id = _measure(bearer(bureau.officer_a), case, party).json()["measure_id"]
    other = bearer(bureau.officer_b)
    assert other.get(f"/api/measures/{measure_id}").status_code == 404
    assert (
        other.post(
            f"/api/measures/{measure_id}/events", {"name": "measure.arrived"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert other.get("/api/measures", {"case": case.number}).status_code == 404
    assert _measure(other, case, party).status_code == 404


def test_record_an_interview_and_refuse_a_minor_alone(bureau, suspect):
    """Given a suspect, when an interview is recorded over the API, then it is read back with its officers;
    an interview ending before it starts is 422."""
    case, party = suspect
    client = bearer(bureau.officer_a)
    body = {
        "case": case.number,
        "kind": "questioning",
        "party": str(party.party_id),
        "started_at": at("2026-03-01 11:00").isoformat(),
        "ended_at": at("2026-03-01 12:00").isoformat(),
        "officers": ["100001", "100010"],
        "place": "case_area",
        "room": "询问室1",
    }
    created = client.post("/api/interviews", body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert {o["badge_no"] for o in created.json()["officers"]} == {"100001", "100010"}
    assert client.get(f"/api/interviews/{created.json()['interview_id']}").status_code == 200
    assert (
        bearer(bureau.officer_b).get(f"/api/interviews/{created.json()['interview_id']}").status_code == 404
    )
    backwards = client.post(
        "/api/interviews",
        {**body, "ended_at": at("2026-03-01 10:00").isoformat()},
        content_type="application/json",
    )
    assert backwards.status_code == 422
    assert backwards.json()["field"] == "ended_at"
