"""The API for changing a measure and executing an administrative detention: created, stepped, scoped."""

from __future__ import annotations

from tests.api.conftest import bearer
from tests.factories import at
from tests.measures.helpers import case_with_suspect, summons


def test_change_a_detention_into_bail_over_the_api(bureau):
    """Given a criminal detention, when it is changed to bail over the API, then the answer is the new
    measure naming the old one; changing the ended detention again is 409."""
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    old = summons(bureau.officer_a, case, party, kind="criminal_detention")
    client = bearer(bureau.officer_a)
    body = {
        "kind": "bail",
        "approver": "局长 张伟",
        "reason": "不需要继续羁押",
        "occurred_at": at("2026-03-02 09:00").isoformat(),
    }
    r = client.post(f"/api/measures/{old.measure_id}/change", body, content_type="application/json")
    assert r.status_code == 201, r.content
    assert (r.json()["kind"], r.json()["changed_from"]) == ("bail", str(old.measure_id))
    again = client.post(f"/api/measures/{old.measure_id}/change", body, content_type="application/json")
    assert again.status_code == 409


def test_a_detention_over_the_api_and_its_scope(bureau):
    """Given an admin case, when a detention is created, the family notified and the person released over
    the API, then the detention shows each step; station B's officer gets 404; a bad step is 422."""
    case, party = case_with_suspect(bureau.officer_a)
    client = bearer(bureau.officer_a)
    r = client.post(
        "/api/measures/detentions",
        {
            "case": case.number,
            "party": str(party.party_id),
            "days": 5,
            "detention_house": "梧州市拘留所",
            "occurred_at": at("2026-03-01 15:00").isoformat(),
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    detention_id = r.json()["detention_id"]
    for name, payload in [("detention.family_notified", {"method": "phone"}), ("detention.released", {})]:
        step = client.post(
            f"/api/measures/detentions/{detention_id}/events",
            {"name": name, "payload": payload},
            content_type="application/json",
        )
        assert step.status_code == 201, step.content
    got = client.get(f"/api/measures/detentions/{detention_id}").json()
    assert (got["status"], got["family_notice_method"]) == ("released", "phone")
    assert (
        client.get(f"/api/measures/detentions?case={case.number}").json()[0]["detention_id"] == detention_id
    )
    assert bearer(bureau.officer_b).get(f"/api/measures/detentions/{detention_id}").status_code == 404
    bad = client.post(
        f"/api/measures/detentions/{detention_id}/events",
        {"name": "measure.ended", "payload": {}},
        content_type="application/json",
    )
    assert bad.status_code == 422
