"""The supervision API: alerts in scope with filters, an alert's explanation and history, the rectification
workflow (assign → submit → verify), a case's compliance — and 404 outside the asker's scope."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from lawtrail.cases.services import case_event
from lawtrail.supervision.models import Alert
from tests.api.conftest import bearer
from tests.factories import make_bureau, make_case

from .runtime_helpers import Clock

pytestmark = pytest.mark.django_db
FAMILY = "ps.case_time_limit"


@pytest.fixture
def overdue(monkeypatch):
    """A bureau; an admin case of station A accepted 2025-03-01 and never decided, its overdue alert opened by
    an event on 04-15; and a case of station B (another sub-bureau) accepted the same day."""
    now = Clock(monkeypatch, "2025-03-01 10:05")
    b = make_bureau()
    case = make_case(b.officer_a, when="2025-03-01 10:00")
    other = make_case(b.officer_b, when="2025-03-01 10:00")
    now.set("2025-04-15 09:00")
    case_event(case=case, name="case.investigation_started", actor=b.officer_a)
    case_event(case=other, name="case.investigation_started", actor=b.officer_b)
    alert = Alert.objects.get(family=FAMILY, subject_key=case.number)
    return SimpleNamespace(b=b, case=case, other=other, alert=alert, clock=now)


def post(client, url: str, body: dict):
    return client.post(url, body, content_type="application/json")


def test_the_legal_officer_lists_the_bureau_s_alerts_with_filters(overdue):
    """Given overdue alerts on cases of two sub-bureaus, when the legal officer lists alerts, then both are
    there; filtered by case, unit, level or rule family, only the matching ones; a bad level is 422."""
    b, case, other = overdue.b, overdue.case, overdue.other
    client = bearer(b.legal_officer)
    everything = client.get("/api/supervision/alerts").json()
    keys = {(a["family"], a["subject_key"]) for a in everything["items"]}
    assert {(FAMILY, case.number), (FAMILY, other.number)} <= keys
    assert everything["total"] == len(everything["items"])

    by_case = client.get("/api/supervision/alerts", {"case": case.number}).json()["items"]
    assert {a["subject_key"] for a in by_case} == {case.number}
    by_unit = client.get("/api/supervision/alerts", {"unit": b.station_b.id}).json()["items"]
    assert {a["subject_key"] for a in by_unit} == {other.number}
    overdue_only = client.get("/api/supervision/alerts", {"level": "overdue", "rule": FAMILY}).json()
    assert {a["subject_key"] for a in overdue_only["items"]} == {case.number, other.number}
    assert all(a["level_label"] == "超期" for a in overdue_only["items"])
    assert client.get("/api/supervision/alerts", {"level": "purple"}).status_code == 422
    assert client.get("/api/supervision/alerts", {"state": "verified_closed"}).json()["items"] == []


def test_a_case_officer_sees_only_the_alerts_of_their_cases(overdue):
    """Given alerts on a case of officer A and one of officer B, when officer B lists alerts, then only B's
    case's are there, and A's alert and A's case's compliance are 404 for B."""
    b, case, other, alert = overdue.b, overdue.case, overdue.other, overdue.alert
    client = bearer(b.officer_b)
    items = client.get("/api/supervision/alerts").json()["items"]
    assert items
    assert {a["subject_key"] for a in items} == {other.number}
    assert client.get(f"/api/supervision/alerts/{alert.pk}").status_code == 404
    assert client.get(f"/api/supervision/cases/{case.number}/compliance").status_code == 404
    assert (
        post(client, f"/api/supervision/alerts/{alert.pk}/rectification", {"statement": "x"}).status_code
        == 404
    )
    assert bearer(b.other_bureau_officer).get(f"/api/supervision/alerts/{alert.pk}").status_code == 404


def test_alert_detail_has_the_explanation_and_the_history(overdue):
    """Given an overdue alert, when its case officer asks for it, then it has its rule, citation, due time,
    the explanation of the computation and its log (opened)."""
    b, alert = overdue.b, overdue.alert
    body = bearer(b.officer_a).get(f"/api/supervision/alerts/{alert.pk}").json()
    assert body["family"] == FAMILY
    assert body["subject_type"] == "case"
    assert body["unit"]["code"] == b.station_a.code
    assert body["responsible"]["badge_no"] == b.officer_a.badge_no
    assert "治安管理处罚法" in body["citation"]
    assert body["due"] == "2025-04-01T00:00:00+08:00"  # 03-31 24:00
    assert any("期满" in line for line in body["explanation"])
    assert body["explanation"][-1].startswith("结论")
    assert [h["action"] for h in body["history"]] == ["opened"]
    assert body["history"][0]["event_seq"] is not None
    assert body["rectifications"] == []


def test_assign_submit_return_and_verify_over_the_api(overdue):
    """Given an overdue alert, when the legal officer assigns it to officer A, A submits a 整改说明, the legal
    officer returns it with a note, A submits again and the legal officer accepts, then the alert is
    verified and closed, with two rounds and every step in its history."""
    b, alert = overdue.b, overdue.alert
    legal, officer = bearer(b.legal_officer), bearer(b.officer_a)
    url = f"/api/supervision/alerts/{alert.pk}"
    assigned = post(legal, f"{url}/assign", {"officer": b.officer_a.badge_no, "deadline": "2025-04-20"})
    assert assigned.status_code == 200, assigned.content
    assert assigned.json()["state"] == "assigned"
    assert post(officer, f"{url}/rectification", {"statement": "已补作决定"}).json()["state"] == (
        "rectification_submitted"
    )
    returned = post(legal, f"{url}/verify", {"accept": False, "note": "未说明超期原因"})
    assert returned.json()["state"] == "assigned"
    post(officer, f"{url}/rectification", {"statement": "超期原因：当事人外出，已补正"})
    closed = post(legal, f"{url}/verify", {"accept": True})
    assert closed.status_code == 200, closed.content
    body = closed.json()
    assert (body["state"], body["state_label"]) == ("verified_closed", "已核销")
    assert [(r["outcome"], r["statement"]) for r in body["rectifications"]] == [
        ("returned", "已补作决定"),
        ("accepted", "超期原因：当事人外出，已补正"),
    ]
    assert body["rectifications"][0]["note"] == "未说明超期原因"
    assert [h["action"] for h in body["history"]] == [
        "opened",
        "assigned",
        "submitted",
        "returned",
        "submitted",
        "verified",
    ]


def test_the_workflow_refuses_the_wrong_person_and_the_wrong_step(overdue):
    """Given an open alert, then a case officer cannot assign it (403), submitting before it is assigned is
    409, an unknown badge is 404 with the field, a past deadline and an empty statement are 422 with a
    Chinese message, and returning without a note is 422; nothing changes the alert."""
    b, alert = overdue.b, overdue.alert
    legal, officer = bearer(b.legal_officer), bearer(b.officer_a)
    url = f"/api/supervision/alerts/{alert.pk}"
    mine = post(officer, f"{url}/assign", {"officer": b.officer_a.badge_no, "deadline": "2025-04-20"})
    assert (mine.status_code, mine.json()["code"]) == (403, "not_legal_officer")
    early = post(officer, f"{url}/rectification", {"statement": "已整改"})
    assert (early.status_code, early.json()["code"]) == (409, "not_assigned")
    nobody = post(legal, f"{url}/assign", {"officer": "999999", "deadline": "2025-04-20"})
    assert (nobody.status_code, nobody.json()["field"]) == (404, "officer")
    past = post(legal, f"{url}/assign", {"officer": b.officer_a.badge_no, "deadline": "2025-04-01"})
    assert (past.status_code, past.json()["field"]) == (422, "deadline")
    assert "今天" in past.json()["message"]
    alert.refresh_from_db()
    assert alert.state == "open"

    post(legal, f"{url}/assign", {"officer": b.officer_a.badge_no, "deadline": "2025-04-20"})
    blank = post(officer, f"{url}/rectification", {"statement": "  "})
    assert (blank.status_code, blank.json()["field"]) == (422, "statement")
    post(officer, f"{url}/rectification", {"statement": "已补作决定"})
    silent = post(legal, f"{url}/verify", {"accept": False})
    assert (silent.status_code, silent.json()["code"]) == (422, "note_required")
    alert.refresh_from_db()
    assert alert.state == "rectification_submitted"


def test_case_compliance_lists_every_applicable_rule_with_its_due_time_and_explanation(overdue):
    """Given the overdue case, when its officer asks for its compliance on 04-15, then the rules are listed
    most serious first: the 30-day limit overdue (due 03-31 24:00) with the alert's id and its explanation,
    and rules that apply but have not started are listed after the started ones."""
    b, case, alert = overdue.b, overdue.case, overdue.alert
    body = bearer(b.officer_a).get(f"/api/supervision/cases/{case.number}/compliance").json()
    assert body["case"] == case.number
    assert body["as_of"].startswith("2025-04-15T09:00")
    rules = body["rules"]
    first = rules[0]
    assert (first["family"], first["state"], first["started"]) == (FAMILY, "overdue", True)
    assert first["due"] == "2025-04-01T00:00:00+08:00"
    assert first["alert"] == alert.pk
    assert first["explanation"][-1] == "结论：超期"
    started = [r["started"] for r in rules]
    assert started == sorted(started, reverse=True)
    assert any(not r["started"] and r["state"] == "not_applicable" for r in rules)
    assert (
        bearer(b.officer_a).get("/api/supervision/cases/X450403510000202599999/compliance").status_code == 404
    )
