"""Incremental supervision: after each event the subject's rules are evaluated and its alerts kept."""

from __future__ import annotations

import pytest

from lawtrail.cases.services import case_add_party, case_event
from lawtrail.supervision.models import Alert, AlertState
from tests.factories import make_bureau, make_case

from .runtime_helpers import Clock

pytestmark = pytest.mark.django_db
FAMILY = "ps.case_time_limit"


def test_a_warning_opens_on_an_event_and_auto_resolves_when_the_case_is_decided(monkeypatch):
    """Given an admin 治安 case accepted 2025-03-01 (30-day limit), when a party is added on 03-29 (within
    the warning window), then a warning alert opens; when the case is decided on 03-30, then the alert is
    auto-resolved by that event, and every change is in the alert's log."""
    now = Clock(monkeypatch, "2025-03-01 10:05")
    b = make_bureau()
    case = make_case(b.officer_a, when="2025-03-01 10:00")
    assert not Alert.objects.filter(family=FAMILY).exists()

    now.set("2025-03-29 09:00")
    case_add_party(case=case, actor=b.officer_a, role="admin_suspect", name="李四")
    alert = Alert.objects.get(family=FAMILY, subject_key=case.number)
    assert alert.state == AlertState.OPEN
    assert alert.is_warning
    assert alert.case_id == case.id
    assert alert.unit_id == case.unit_id
    assert alert.responsible_id == b.officer_a.id
    assert alert.explanation
    assert alert.citation

    now.set("2025-03-30 09:00")
    case_event(case=case, name="case.investigation_started", actor=b.officer_a)
    decided = case_event(
        case=case,
        name="case.decided",
        actor=b.officer_a,
        payload={"outcome": "no_penalty", "reason": "情节轻微"},
    )
    alert.refresh_from_db()
    assert alert.state == AlertState.AUTO_RESOLVED
    assert alert.resolved_by_event_id == decided.seq
    assert "case.decided" in alert.resolved_how
    assert list(alert.log.values_list("action", flat=True)) == ["opened", "auto_resolved"]


def test_an_overdue_alert_opens_and_a_late_decision_keeps_it_on_record(monkeypatch):
    """Given an admin case accepted 2025-03-01, when an event is recorded on 04-15, then an overdue alert
    opens; when the case is decided late, then the alert stays active (met late: a breach on record)."""
    now = Clock(monkeypatch, "2025-03-01 10:05")
    b = make_bureau()
    case = make_case(b.officer_a, when="2025-03-01 10:00")
    now.set("2025-04-15 09:00")
    case_event(case=case, name="case.investigation_started", actor=b.officer_a)
    alert = Alert.objects.get(family=FAMILY, subject_key=case.number)
    assert alert.level == "overdue"
    assert alert.rule_state == "overdue"

    case_event(
        case=case, name="case.decided", actor=b.officer_a, payload={"outcome": "no_penalty", "reason": "x"}
    )
    alert.refresh_from_db()
    assert alert.state == AlertState.OPEN
    assert alert.rule_state == "met_late"
    assert Alert.objects.filter(family=FAMILY, subject_key=case.number).count() == 1
