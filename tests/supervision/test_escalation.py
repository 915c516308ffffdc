"""Escalation: a rectification not submitted by its deadline is escalated once per round to the unit head."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from lawtrail.cases.services import case_event
from lawtrail.notifications.models import Notification
from lawtrail.supervision.models import Alert
from lawtrail.supervision.services import alert_assign, alert_submit, alert_verify, alerts_escalate
from tests.factories import make_bureau, make_case

from .runtime_helpers import Clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(monkeypatch):
    """An overdue alert on an admin case of station A, assigned on 04-15 to officer A with deadline 04-20."""
    now = Clock(monkeypatch, "2025-03-01 10:05")
    b = make_bureau()
    case = make_case(b.officer_a, when="2025-03-01 10:00")
    now.set("2025-04-15 09:00")
    case_event(case=case, name="case.investigation_started", actor=b.officer_a)
    alert = Alert.objects.get(family="ps.case_time_limit", subject_key=case.number)
    alert_assign(alert=alert, actor=b.legal_officer, officer=b.officer_a, deadline=date(2025, 4, 20))
    return SimpleNamespace(b=b, alert=alert, clock=now)


def escalations(alert: Alert) -> list[str]:
    return list(alert.log.filter(action="escalated").values_list("note", flat=True))


def test_a_rectification_past_its_deadline_is_escalated_once_to_the_unit_head(assigned):
    """Given a rectification due 04-20, when escalation runs at 23:00 on 04-20 nothing happens; at 09:00 on
    04-21 the alert is escalated (logged with the deadline and the officer) and the head of sub-bureau A
    is notified; running again escalates nothing."""
    b, alert, now = assigned.b, assigned.alert, assigned.clock
    told = Notification.objects.filter(
        recipient=b.head_sub_a, kind="alert_escalated", title__contains=alert.title
    )
    before = told.count()  # (the head was also told when the alert opened overdue)
    now.set("2025-04-20 23:00")
    assert alerts_escalate() == []
    now.set("2025-04-21 09:00")
    assert alerts_escalate() == [alert]
    assert escalations(alert) == [
        f"整改期限2025-04-20已过，{b.officer_a.name}尚未提交整改说明，提请单位负责人督办"
    ]
    assert told.count() == before + 1
    now.set("2025-04-22 09:00")
    assert alerts_escalate() == []
    assert len(escalations(alert)) == 1
    assert told.count() == before + 1


def test_a_submitted_rectification_is_not_escalated_but_a_returned_round_is(assigned):
    """Given a rectification submitted on 04-19, then it is not escalated after its deadline; when the legal
    officer returns it on 04-22 (a new round, same deadline, already past), then that round is escalated."""
    b, alert, now = assigned.b, assigned.alert, assigned.clock
    now.set("2025-04-19 10:00")
    alert_submit(alert=alert, actor=b.officer_a, statement="已补作决定")
    now.set("2025-04-21 09:00")
    assert alerts_escalate() == []
    now.set("2025-04-22 10:00")
    alert_verify(alert=alert, actor=b.legal_officer, accept=False, note="未说明超期原因")
    now.set("2025-04-22 11:00")
    assert alerts_escalate() == [alert]
    assert len(escalations(alert)) == 1


def test_the_scheduled_sweep_escalates_a_late_rectification(assigned, settings):
    """Given a rectification due 04-20, when the worker's sweep task runs on 04-21, then the alert is
    escalated and the task reports it (the escalation needs no one to remember to run it)."""
    from lawtrail.tasks.tasks import supervision_sweep

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assigned.clock.set("2025-04-21 09:00")

    result = supervision_sweep.enqueue(triggered_by="scheduler")

    assert result.return_value["escalated"] == 1
    assert len(escalations(assigned.alert)) == 1
