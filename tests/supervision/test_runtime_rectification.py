"""The alert pages and the rectification workflow: assign → submit → verify (accept or return); scoping."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.test import Client

from lawtrail.common.errors import PermissionDenied, TransitionNotAllowed
from lawtrail.supervision.models import Alert, AlertState
from lawtrail.supervision.services import alert_assign, alert_submit, alert_verify
from tests.factories import make_bureau, make_case

from .runtime_helpers import Clock

pytestmark = pytest.mark.django_db
FAMILY = "ps.case_time_limit"


@pytest.fixture
def overdue(monkeypatch):
    """A bureau, an admin case of station A accepted 2025-03-01, and its overdue alert (an event on 04-15)."""
    now = Clock(monkeypatch, "2025-03-01 10:05")
    b = make_bureau()
    case = make_case(b.officer_a, when="2025-03-01 10:00")
    now.set("2025-04-15 09:00")
    from lawtrail.cases.services import case_event

    case_event(case=case, name="case.investigation_started", actor=b.officer_a)
    return SimpleNamespace(b=b, case=case, alert=Alert.objects.get(family=FAMILY, subject_key=case.number))


def login(officer) -> Client:
    client = Client()
    client.force_login(officer.user)
    return client


def test_the_legal_officer_assigns_the_officer_submits_the_legal_officer_returns_then_accepts(overdue):
    """Given an overdue alert, when the legal officer assigns it to the case officer, the officer submits a
    statement, the legal officer returns it, the officer submits again and the legal officer accepts, then
    the alert is verified and closed, with two rectification rounds and every step in its log."""
    b, _case, alert = overdue.b, overdue.case, overdue.alert
    alert_assign(alert=alert, actor=b.legal_officer, officer=b.officer_a, deadline=date(2025, 4, 20))
    alert_submit(alert=alert, actor=b.officer_a, statement="已补作决定")
    alert_verify(alert=alert, actor=b.legal_officer, accept=False, note="未说明超期原因")
    alert.refresh_from_db()
    assert alert.state == AlertState.ASSIGNED

    alert_submit(alert=alert, actor=b.officer_a, statement="超期原因：当事人外出，已补正")
    alert_verify(alert=alert, actor=b.legal_officer, accept=True)

    alert.refresh_from_db()
    assert alert.state == AlertState.VERIFIED_CLOSED
    rounds = list(alert.rectifications.values_list("outcome", "statement"))
    assert rounds == [("returned", "已补作决定"), ("accepted", "超期原因：当事人外出，已补正")]
    assert list(alert.log.values_list("action", flat=True)) == [
        "opened",
        "assigned",
        "submitted",
        "returned",
        "submitted",
        "verified",
    ]


def test_only_a_legal_officer_assigns_and_only_the_assignee_submits(overdue):
    """Given an overdue alert, when a case officer tries to assign it, then it is refused; when another
    officer submits for the assignee, then it is refused; a verified alert cannot be assigned again."""
    b, _case, alert = overdue.b, overdue.case, overdue.alert
    with pytest.raises(PermissionDenied):
        alert_assign(alert=alert, actor=b.officer_a, officer=b.officer_a, deadline=date(2025, 4, 20))
    alert_assign(alert=alert, actor=b.legal_officer, officer=b.officer_a, deadline=date(2025, 4, 20))
    with pytest.raises(PermissionDenied):
        alert_submit(alert=alert, actor=b.officer_a2, statement="代为提交")
    with pytest.raises(TransitionNotAllowed):
        alert_assign(alert=alert, actor=b.legal_officer, officer=b.officer_a2, deadline=date(2025, 4, 20))


def test_the_pages_walk_the_workflow(overdue):
    """Given an overdue alert, when the legal officer assigns it on the alert page and the case officer
    submits on it, then the inbox of each shows it and the state moves on."""
    b, _case, alert = overdue.b, overdue.case, overdue.alert
    legal, officer = login(b.legal_officer), login(b.officer_a)
    assert alert.title in legal.get("/supervision/").content.decode()
    assert alert.title in officer.get("/supervision/").content.decode()

    response = legal.post(
        f"/supervision/alerts/{alert.pk}/assign/", {"officer": b.officer_a.pk, "deadline": "2025-04-20"}
    )
    assert response.status_code == 302
    page = officer.get(f"/supervision/alerts/{alert.pk}/").content.decode()
    assert "提交整改说明" in page
    response = officer.post(f"/supervision/alerts/{alert.pk}/submit/", {"statement": "已整改"})
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.state == AlertState.RECTIFICATION_SUBMITTED


def test_an_alert_outside_the_officers_scope_is_not_found(overdue):
    """Given an alert on a case of station A, then an officer of another sub-bureau and one of another
    bureau get 404 for it and do not see it in their inbox; the case page shows its compliance panel."""
    b, case, alert = overdue.b, overdue.case, overdue.alert
    for outsider in (b.officer_b, b.other_bureau_officer):
        client = login(outsider)
        assert client.get(f"/supervision/alerts/{alert.pk}/").status_code == 404
        assert client.post(f"/supervision/alerts/{alert.pk}/assign/", {}).status_code == 404
        assert alert.title not in client.get("/supervision/").content.decode()
    page = login(b.officer_a).get(f"/cases/{case.number}/").content.decode()
    assert "合规检查" in page
    assert "ps.case_time_limit" in page


def test_the_workbench_counts_alerts(overdue):
    """Given an overdue alert, then the legal officer's workbench counts it among the active alerts."""
    b, _case, _alert = overdue.b, overdue.case, overdue.alert
    page = login(b.legal_officer).get("/").content.decode()
    assert "待处理监督预警" in page
