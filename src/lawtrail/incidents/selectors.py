"""Incident reads, scoped to the asker (out of scope is 404)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from lawtrail.common.errors import NotFound
from lawtrail.org.policies import Scope

from .models import Incident


def incidents_visible(scope: Scope) -> QuerySet[Incident]:
    if scope.is_empty:
        return Incident.objects.none()
    return Incident.objects.filter(scope.units_q())


def incident_list(
    scope: Scope,
    *,
    status: str | None = None,
    source: str | None = None,
    category: str | None = None,
    unit: int | None = None,
    received_from: date | None = None,
    received_to: date | None = None,
    unreviewed: bool = False,
    q: str | None = None,
) -> QuerySet[Incident]:
    qs = incidents_visible(scope).select_related("unit")
    if status:
        qs = qs.filter(status=status)
    if source:
        qs = qs.filter(source=source)
    if category:
        qs = qs.filter(category=category)
    if unit:
        qs = qs.filter(unit_id=unit)
    if received_from:
        qs = qs.filter(received_at__date__gte=received_from)
    if received_to:
        qs = qs.filter(received_at__date__lte=received_to)
    if unreviewed:
        qs = qs.filter(reviewed_at__isnull=True)
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(place__icontains=q) | Q(description__icontains=q))
    return qs.order_by("-received_at", "-id")


def incident_get(scope: Scope, number: str) -> Incident:
    incident = incidents_visible(scope).select_related("unit", "dispatch_unit").filter(number=number).first()
    if incident is None:
        raise NotFound(f"警情{number}不存在或不在您的查看范围内")
    return incident
