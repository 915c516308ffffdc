"""The inspections API: the day's review and progress, reviews, samplings and findings; scoping (404),
roles (403), refusals (409/422)."""

from __future__ import annotations

import pytest

from lawtrail.org.services import officer_grant_role
from lawtrail.supervision.models import Alert
from tests.api.conftest import bearer
from tests.inspections.helpers import incident, incidents


@pytest.fixture
def duty_leader(bureau):
    officer_grant_role(actor=None, officer=bureau.head_sub_a, role="duty_leader", unit=bureau.sub_a)
    return bureau.head_sub_a


def test_the_day_review_over_the_api(bureau, duty_leader):
    """Given two incidents of 1 March, when the duty leader reviews one and bulk-marks the other, then the
    day shows 2 of 2 reviewed; a second review is 409; a case officer's review is 403."""
    first, second = incidents(bureau.officer_a, 2)
    client = bearer(duty_leader)
    day = client.get("/api/inspections/review", {"day": "2026-03-01"}).json()
    assert (day["total"], day["reviewed"]) == (2, 0)
    done = client.post(
        f"/api/inspections/review/{first.number}", {"note": "无问题"}, content_type="application/json"
    )
    assert done.status_code == 200, done.content
    assert done.json()["reviewed_by"]["badge_no"] == duty_leader.badge_no
    bulk = client.post(
        "/api/inspections/review",
        {"incidents": [first.number, second.number]},
        content_type="application/json",
    )
    assert bulk.json() == {"marked": 1}
    day = client.get("/api/inspections/review", {"day": "2026-03-01"}).json()
    assert (day["total"], day["reviewed"], day["remaining"]) == (2, 2, 0)
    again = client.post(
        f"/api/inspections/review/{first.number}", {"note": "再审"}, content_type="application/json"
    )
    assert again.status_code == 409
    officer = bearer(bureau.officer_a).post(
        f"/api/inspections/review/{second.number}", {"note": "x"}, content_type="application/json"
    )
    assert officer.status_code == 403


def test_out_of_scope_is_404(bureau, duty_leader):
    """Given an incident of station B and a sampling of the whole bureau, then sub-bureau A's duty leader
    gets 404 reviewing it or filtering on station B, and station B's officer 404 on the sampling."""
    other = incident(bureau.officer_b)
    client = bearer(duty_leader)
    assert (
        client.post(
            f"/api/inspections/review/{other.number}", {"note": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert client.get("/api/inspections/review", {"unit": bureau.station_b.code}).status_code == 404
    assert (
        client.post(
            "/api/inspections/review", {"incidents": [other.number]}, content_type="application/json"
        ).status_code
        == 404
    )
    legal = bearer(bureau.legal_officer)
    created = legal.post(
        "/api/inspections/samplings",
        {
            "unit": bureau.bureau.code,
            "period_start": "2026-03-01",
            "period_end": "2026-03-01",
            "percent": 100,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    number = created.json()["number"]
    assert bearer(bureau.officer_b).get(f"/api/inspections/samplings/{number}").status_code == 404


def test_a_sampling_and_a_finding_over_the_api(bureau):
    """Given three eligible incidents, when the legal officer draws 100% and records a problem on one, then
    the sheet lists three items, the item names its alert, and the alert is a violation; a problem without
    a description is 422 naming the field; a case officer may not draw (403)."""
    items = incidents(bureau.officer_a, 3)
    legal = bearer(bureau.legal_officer)
    body = {
        "unit": bureau.sub_a.code,
        "period_start": "2026-03-01",
        "period_end": "2026-03-01",
        "percent": 100,
    }
    sheet = legal.post("/api/inspections/samplings", body, content_type="application/json").json()
    assert len(sheet["items"]) == 3
    assert sheet["population"] == 3
    bad = legal.post(
        f"/api/inspections/samplings/{sheet['number']}/findings",
        {"incident": items[0].number, "result": "problem", "category": "conduct"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "问题描述" in bad.json()["message"]
    found = legal.post(
        f"/api/inspections/samplings/{sheet['number']}/findings",
        {"incident": items[0].number, "result": "problem", "category": "conduct", "description": "言语粗暴"},
        content_type="application/json",
    )
    assert found.status_code == 200, found.content
    alert = Alert.objects.get(pk=found.json()["alert"])
    assert (alert.level, alert.family) == ("violation", "inspection.finding")
    own_unit = {**body, "unit": bureau.station_a.code}
    assert (
        bearer(bureau.officer_a)
        .post("/api/inspections/samplings", own_unit, content_type="application/json")
        .status_code
        == 403
    )
