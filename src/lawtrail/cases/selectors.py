"""Case reads, always scoped to the asker. Out of scope is indistinguishable from absent (404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from lawtrail.common.errors import NotFound
from lawtrail.events.models import Event
from lawtrail.org.policies import Scope

from .models import Case, Handler, Offence


def cases_visible(scope: Scope) -> QuerySet[Case]:
    """Cases of the units in scope, plus the cases the officer handles."""
    if scope.is_empty:
        return Case.objects.none()
    q = scope.units_q()
    if scope.officer_id:
        q |= Q(
            id__in=Handler.objects.filter(officer_id=scope.officer_id, released_at__isnull=True).values(
                "case_id"
            )
        )
    return Case.objects.filter(q)


@dataclass
class CaseFilters:
    unit: int | None = None
    kind: str | None = None
    status: str | None = None
    offence: str | None = None
    handler: str | None = None  # badge number
    accepted_from: date | None = None
    accepted_to: date | None = None
    q: str | None = None
    mine: bool = False


def case_list(scope: Scope, filters: CaseFilters | None = None) -> QuerySet[Case]:
    f = filters or CaseFilters()
    qs = cases_visible(scope).select_related("unit", "offence")
    if f.unit:
        qs = qs.filter(unit_id=f.unit)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.offence:
        qs = qs.filter(offence__code=f.offence)
    if f.handler:
        qs = qs.filter(handlers__officer__badge_no=f.handler, handlers__released_at__isnull=True)
    if f.mine and scope.officer_id:
        qs = qs.filter(handlers__officer_id=scope.officer_id, handlers__released_at__isnull=True)
    if f.accepted_from:
        qs = qs.filter(accepted_at__date__gte=f.accepted_from)
    if f.accepted_to:
        qs = qs.filter(accepted_at__date__lte=f.accepted_to)
    if f.q:
        qs = qs.filter(Q(number__icontains=f.q) | Q(title__icontains=f.q))
    return qs.order_by("-accepted_at", "-id")


def case_get(scope: Scope, number: str) -> Case:
    case = cases_visible(scope).select_related("unit", "offence", "incident").filter(number=number).first()
    if case is None:
        raise NotFound(f"案件{number}不存在或不在您的查看范围内")
    return case


def case_timeline(case: Case) -> QuerySet[Event]:
    """Every event of the case, in the order things happened (then the order they were recorded)."""
    return case.events.select_related("actor").order_by("occurred_at", "seq")


def case_handlers(case: Case) -> QuerySet[Handler]:
    return case.handlers.filter(released_at__isnull=True).select_related("officer", "officer__unit")


def offence_list(*, kind: str | None = None, q: str | None = None) -> QuerySet[Offence]:
    """The active offence catalogue (reference data: the same for everyone, not scoped)."""
    qs = Offence.objects.filter(is_active=True)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(name__icontains=q))
    return qs.order_by("kind", "code")
