"""The center API: bring in, board, steps, scoping (404), refusals (409/422)."""

from __future__ import annotations

from tests.api.conftest import bearer
from tests.factories import at
from tests.measures.helpers import case_with_suspect, summons


def _enter(client, case, party, ctr, measure=None, **extra):
    body = {
        "case": case.number,
        "party": str(party.party_id),
        "center": ctr.unit.code if ctr else "",
        "reason": "summons",
        "occurred_at": at("2026-03-01 10:20").isoformat(),
        **extra,
    }
    if measure is not None:
        body["measure"] = str(measure.measure_id)
    return client.post("/api/center/stays", body, content_type="application/json")


def test_bring_in_read_the_board_and_hand_over(bureau, center):
    """Given a summoned suspect, when brought in over the API, then the board lists them with an 8-hour
    limit; after the exit a second exit is 409."""
    case, party = case_with_suspect(bureau.officer_a)
    measure = summons(bureau.officer_a, case, party)
    client = bearer(bureau.officer_a)
    created = _enter(client, case, party, center, measure, room="候问室1")
    assert created.status_code == 201, created.content
    stay_id = created.json()["stay_id"]
    assert (created.json()["status"], created.json()["room"]) == ("in", "候问室1")
    rows = client.get("/api/center/board", {"center": center.unit.code}).json()
    assert [(r["stay"]["stay_id"], r["limit_hours"]) for r in rows] == [(stay_id, 8)]
    body = {
        "name": "center.left",
        "payload": {"reason": "released"},
        "occurred_at": at("2026-03-01 12:00").isoformat(),
    }
    left = client.post(f"/api/center/stays/{stay_id}/events", body, content_type="application/json")
    assert left.status_code == 201
    assert left.json()["name"] == "center.left"
    again = client.post(f"/api/center/stays/{stay_id}/events", body, content_type="application/json")
    assert again.status_code == 409
    assert [s["status"] for s in client.get("/api/center/stays", {"case": case.number}).json()] == ["left"]


def test_a_unit_that_is_not_a_center_is_422(bureau, center):
    """Given a suspect, when brought 'into' a police station, then 422 names the center field."""
    case, party = case_with_suspect(bureau.officer_a)
    bad = _enter(bearer(bureau.officer_a), case, party, None, center=bureau.station_a.code)
    assert bad.status_code == 422
    assert bad.json()["field"] == "center"


def test_out_of_scope_is_404(bureau, center):
    """Given a stay of a station A case, then officer B gets 404 reading it, appending to it, and listing
    the case's stays; another bureau's officer gets 404 for the board."""
    case, party = case_with_suspect(bureau.officer_a)
    stay_id = _enter(bearer(bureau.officer_a), case, party, center).json()["stay_id"]
    other = bearer(bureau.officer_b)
    assert other.get(f"/api/center/stays/{stay_id}").status_code == 404
    assert other.get("/api/center/stays", {"case": case.number}).status_code == 404
    body = {"name": "center.left", "payload": {"reason": "released"}}
    assert (
        other.post(f"/api/center/stays/{stay_id}/events", body, content_type="application/json").status_code
        == 404
    )
    assert (
        bearer(bureau.other_bureau_officer).get("/api/center/board", {"center": center.unit.code}).status_code
        == 404
    )
