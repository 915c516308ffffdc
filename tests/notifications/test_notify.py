"""Who is told what: a new alert, an escalation, a rectification, a sampling finding; by the app, e-mail
(Django's mail, mail.outbox) and SMS (the gateway named in the settings)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from lawtrail.inspections.services import finding_record, sampling_draw
from lawtrail.notifications.channels import LoggingSmsGateway, SmsGateway
from lawtrail.notifications.models import Notification
from lawtrail.notifications.services import DeliveryFailed, notification_deliver, notify
from lawtrail.org.policies import scope_for
from lawtrail.supervision.services import alert_assign
from tests.inspections.helpers import incident
from tests.notifications.helpers import overdue_alert


def with_email(officer, address: str):
    officer.user.email = address
    officer.user.save(update_fields=["email"])
    return officer


def test_a_new_overdue_alert_tells_its_officer_and_escalates_to_the_unit_head_by_mail(
    bureau, monkeypatch, django_capture_on_commit_callbacks
):
    """Given officer A and the head of sub-bureau A with e-mail addresses, when officer A's case becomes
    overdue, then officer A has an in-app notification of the new alert, the head one of the escalation,
    and after commit both were e-mailed with a link to the alert."""
    with_email(bureau.officer_a, "zhangwei@example.org")
    with_email(bureau.head_sub_a, "liuyang@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        alert = overdue_alert(bureau, monkeypatch)
    assert alert.level == "overdue"
    mine = Notification.objects.get(recipient=bureau.officer_a)
    assert mine.kind == "alert_opened"
    assert mine.title == f"超期：{alert.title}"
    assert mine.link == f"/supervision/alerts/{alert.pk}/"
    head = Notification.objects.get(recipient=bureau.head_sub_a)
    assert head.kind == "alert_escalated"
    assert {m.to[0] for m in mail.outbox} == {"zhangwei@example.org", "liuyang@example.org"}
    assert all(f"/supervision/alerts/{alert.pk}/" in m.body for m in mail.outbox)
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2
    assert not Notification.objects.exclude(recipient__in=[bureau.officer_a, bureau.head_sub_a]).exists()


def test_nothing_is_sent_for_a_change_that_rolls_back(bureau, django_capture_on_commit_callbacks):
    """Given a notification written in a transaction that rolls back, then no e-mail is sent."""
    from django.db import transaction

    with_email(bureau.officer_a, "zhangwei@example.org")

    def refused_change() -> None:
        with transaction.atomic():
            notify(recipient=bureau.officer_a, kind="other", title="测试")
            raise RuntimeError("refused")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        refused_change()
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_an_assigned_rectification_tells_the_assignee(bureau, monkeypatch):
    """Given an overdue alert, when the legal officer assigns it to officer A2, then A2 is told to rectify
    with the deadline."""
    alert = overdue_alert(bureau, monkeypatch)
    alert_assign(
        alert=alert, actor=bureau.legal_officer, officer=bureau.officer_a2, deadline=date(2099, 1, 1)
    )
    told = Notification.objects.get(recipient=bureau.officer_a2)
    assert told.kind == "alert_assigned"
    assert told.title == f"请整改：{alert.title}"
    assert "整改期限：2099-01-01" in told.body


def test_a_sampling_finding_tells_the_officer_concerned_by_sms(bureau, settings):
    """Given officer A filmed a sampled incident and has a phone, when the legal officer records a problem,
    then officer A is told of the finding in the app and by SMS through the configured gateway."""
    bureau.officer_a.phone = "13800000001"
    bureau.officer_a.save(update_fields=["phone"])
    LoggingSmsGateway.sent.clear()
    item = incident(bureau.officer_a)
    sampling = sampling_draw(
        actor=bureau.legal_officer,
        scope=scope_for(bureau.legal_officer),
        unit=bureau.bureau,
        period_start=date(2026, 3, 1),
        period_end=date(2026, 3, 1),
        percent=100,
    )
    finding_record(
        actor=bureau.legal_officer,
        scope=scope_for(bureau.legal_officer),
        sampling=sampling,
        incident=item.number,
        result="problem",
        category="incomplete",
        description="未全程录制",
    )
    told = Notification.objects.get(recipient=bureau.officer_a)
    assert told.kind == "finding"
    assert "问题描述：未全程录制" in told.body
    notification_deliver(told.pk)  # what the task does after commit
    assert LoggingSmsGateway.sent[-1] == ("13800000001", f"【执法监督】{told.title}")


class BrokenGateway:
    def send(self, phone: str, text: str) -> None:
        raise ConnectionError("短信平台无响应")


def test_a_failing_gateway_is_recorded_and_a_retry_sends_only_what_failed(bureau, settings):
    """Given a notification to an officer with e-mail and phone, when SMS fails, then the e-mail is sent,
    the failure is recorded and raised; a retry with a working gateway sends the SMS and no second e-mail."""
    assert isinstance(BrokenGateway(), SmsGateway)
    with_email(bureau.officer_a, "zhangwei@example.org")
    bureau.officer_a.phone = "13800000001"
    bureau.officer_a.save(update_fields=["phone"])
    settings.LAWTRAIL_SMS_GATEWAY = "tests.notifications.test_notify.BrokenGateway"
    notification = notify(recipient=bureau.officer_a, kind="other", title="测试通知")
    with pytest.raises(DeliveryFailed, match="短信平台无响应"):
        notification_deliver(notification.pk)
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert notification.sms_sent_at is None
    assert "sms: 短信平台无响应" in notification.delivery_error
    settings.LAWTRAIL_SMS_GATEWAY = "lawtrail.notifications.channels.LoggingSmsGateway"
    assert notification_deliver(notification.pk) == {"sms": True}
    assert len(mail.outbox) == 1
