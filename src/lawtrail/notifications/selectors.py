"""Notification reads: an officer sees only their own."""

from __future__ import annotations

from django.db.models import QuerySet

from lawtrail.org.models import Officer

from .models import Notification


def notifications_of(officer: Officer | None, *, unread: bool = False) -> QuerySet[Notification]:
    if officer is None:
        return Notification.objects.none()
    qs = Notification.objects.filter(recipient=officer)
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")


def unread_count(officer: Officer | None) -> int:
    return notifications_of(officer, unread=True).count()
