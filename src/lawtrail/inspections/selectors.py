"""Inspection reads, scoped to the asker (out of scope is 404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from lawtrail.common.errors import NotFound
from lawtrail.incidents.models import Incident
from lawtrail.incidents.selectors import incidents_visible
from lawtrail.org.models import Unit
from lawtrail.org.policies import Scope

from .events import day_bounds
from .models import SampleItem, Sampling


@dataclass
class DailyReview:
    """The incidents received on one day (legal time zone) in the asker's scope, with the progress."""

    day: date
    unit: Unit | None
    incidents: QuerySet[Incident]
    total: int
    reviewed: int

    @property
    def remaining(self) -> int:
        return self.total - self.reviewed

    @property
    def percent(self) -> int:
        return round(100 * self.reviewed / self.total) if self.total else 100


def daily_review(scope: Scope, *, day: date, unit: Unit | None = None) -> DailyReview:
    """`unit` narrows to that unit and its sub-units; a unit outside the scope is NotFound."""
    start, end = day_bounds(day, day)
    qs = incidents_visible(scope).filter(received_at__gte=start, received_at__lt=end)
    if unit is not None:
        if unit.id not in scope.unit_ids:
            raise NotFound(f"单位{unit.code}不存在或不在您的查看范围内", field="unit")
        qs = qs.filter(unit__path__startswith=unit.path)
    counts = qs.aggregate(total=Count("id"), reviewed=Count("id", filter=Q(reviewed_at__isnull=False)))
    incidents = (
        qs.select_related("unit", "reviewed_by")
        .annotate(media_count=Count("media", distinct=True))
        .order_by("reviewed_at", "received_at", "id")
    )
    return DailyReview(day=day, unit=unit, incidents=incidents, **counts)


def samplings_visible(scope: Scope) -> QuerySet[Sampling]:
    if scope.is_empty:
        return Sampling.objects.none()
    return Sampling.objects.filter(scope.units_q())


def sampling_list(scope: Scope) -> QuerySet[Sampling]:
    return (
        samplings_visible(scope)
        .select_related("unit", "created_by")
        .annotate(
            size=Count("items", distinct=True),
            checked=Count("items", filter=~Q(items__result="pending"), distinct=True),
            problems=Count("items", filter=Q(items__result="problem"), distinct=True),
        )
        .order_by("-created_at", "-id")
    )


def sampling_get(scope: Scope, number: str) -> Sampling:
    sampling = samplings_visible(scope).select_related("unit", "created_by").filter(number=number).first()
    if sampling is None:
        raise NotFound(f"抽查{number}不存在或不在您的查看范围内")
    return sampling


def sampling_items(sampling: Sampling) -> QuerySet[SampleItem]:
    """The sheet: each sampled incident with its footage count and finding."""
    return (
        sampling.items.select_related(
            "incident", "incident__unit", "incident__dispatch_unit", "responsible", "checked_by", "alert"
        )
        .annotate(footage=Count("incident__media", filter=Q(incident__media__kind="body_camera")))
        .order_by("position")
    )


def sample_item_get(sampling: Sampling, incident_number: str) -> SampleItem:
    item = sampling_items(sampling).filter(incident__number=incident_number).first()
    if item is None:
        raise NotFound(f"警情{incident_number}不在抽查{sampling.number}的抽查单中")
    return item
