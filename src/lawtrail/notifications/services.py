"""Notification writes: notify an officer (the in-app row now; e-mail and SMS by the task queue once the
transaction that caused it has committed), deliver, mark read.

Other apps call `notify`; supervision's alerts reach it through listeners.py (alert opened → its responsible
officer; overdue → the unit head; rectification assigned → the assignee; a sampling finding → the officer
concerned).
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from django.db import transaction

from lawtrail.common import clock
from lawtrail.common.errors import NotFound
from lawtrail.org.models import Officer

from .channels import can_reach, enabled_channels, send_email, send_sms
from .models import Notification


class DeliveryFailed(Exception):
    """A channel failed; the notification keeps the error and the task shows as failed."""


def notify(
    *,
    recipient: Officer,
    kind: str,
    title: str,
    body: str = "",
    link: str = "",
    now: datetime | None = None,
) -> Notification:
    """Tell `recipient`: the in-app notification is written in the caller's transaction; delivery by e-mail
    and SMS is enqueued after it commits (nothing is sent for a rolled-back change)."""
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        title=title[:200],
        body=body,
        link=link,
        created_at=now or clock.now(),
    )
    if can_reach(notification):
        transaction.on_commit(partial(_enqueue_delivery, notification.pk))
    return notification


def _enqueue_delivery(notification_id: int) -> None:
    from lawtrail.tasks.tasks import deliver_notification

    deliver_notification.enqueue(notification_id)


def notification_deliver(notification_id: int) -> dict[str, bool]:
    """Send one notification by every enabled channel it has not gone out on yet (idempotent: a retry sends
    only what failed). Raises DeliveryFailed naming the failed channels."""
    notification = Notification.objects.select_related("recipient", "recipient__user").get(pk=notification_id)
    sent: dict[str, bool] = {}
    errors: list[str] = []
    for channel, done_field, send in (("email", "emailed_at", send_email), ("sms", "sms_sent_at", send_sms)):
        if channel not in enabled_channels() or getattr(notification, done_field) is not None:
            continue
        try:
            sent[channel] = send(notification)
        except Exception as exc:
            errors.append(f"{channel}: {exc}")
            continue
        if sent[channel]:
            setattr(notification, done_field, clock.now())
    notification.delivery_error = "；".join(errors)
    notification.save(update_fields=["emailed_at", "sms_sent_at", "delivery_error"])
    if errors:
        raise DeliveryFailed(notification.delivery_error)
    return sent


def notification_mark_read(*, officer: Officer, notification_id: int) -> Notification:
    notification = Notification.objects.filter(pk=notification_id, recipient=officer).first()
    if notification is None:
        raise NotFound(f"通知{notification_id}不存在")
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, officer: Officer) -> int:
    return Notification.objects.filter(recipient=officer, read_at__isnull=True).update(read_at=clock.now())
