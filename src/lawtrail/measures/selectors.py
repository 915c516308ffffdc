"""Measure and interview reads, scoped like the case they belong to (out of scope is 404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet

from lawtrail.cases.models import Case
from lawtrail.cases.selectors import cases_visible
from lawtrail.common.clock import local
from lawtrail.common.errors import NotFound
from lawtrail.org.policies import Scope

from .choices import MeasureKind, MeasureStatus
from .models import Interview, Measure

# The default clock of a measure shown on the case page (hours from arrival/application). The legal
# reasoning — tiers, extensions, law versions — is the supervision catalogue's; this is the display hint.
DEFAULT_HOURS = {
    MeasureKind.SUMMONS: 8,
    MeasureKind.FORCED_SUMMONS: 8,
    MeasureKind.COMPELLED_APPEARANCE: 12,
    MeasureKind.CONTINUED_QUESTIONING: 24,
}


def measures_visible(scope: Scope) -> QuerySet[Measure]:
    return Measure.objects.filter(case__in=cases_visible(scope))


def interviews_visible(scope: Scope) -> QuerySet[Interview]:
    return Interview.objects.filter(case__in=cases_visible(scope))


def measure_get(scope: Scope, measure_id: str) -> Measure:
    measure = (
        measures_visible(scope).select_related("case", "party").filter(measure_id=measure_id).first()
        if _is_uuid(measure_id)
        else None
    )
    if measure is None:
        raise NotFound(f"措施{measure_id}不存在或不在您的查看范围内")
    return measure


def interview_get(scope: Scope, interview_id: str) -> Interview:
    interview = (
        interviews_visible(scope)
        .select_related("case", "party")
        .prefetch_related("officers")
        .filter(interview_id=interview_id)
        .first()
        if _is_uuid(interview_id)
        else None
    )
    if interview is None:
        raise NotFound(f"询问/讯问{interview_id}不存在或不在您的查看范围内")
    return interview


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class MeasureRow:
    measure: Measure
    hours: int | None
    due: datetime | None

    @property
    def clock(self) -> str:
        """ "询问查证 8小时，至 18:20" — the clock as the case page shows it ("" when there is none)."""
        if self.hours is None or self.due is None:
            return ""
        return f"{self.hours}小时，至 {local(self.due):%m-%d %H:%M}"


def case_measures(case: Case) -> list[MeasureRow]:
    """The measures of a case (the caller has already fetched the case through its scope), with clocks."""
    rows = []
    for m in case.measures.select_related("party").order_by("applied_at", "id"):
        hours = m.limit_hours or DEFAULT_HOURS.get(MeasureKind(m.kind))
        due = None
        if hours and m.status != MeasureStatus.ENDED and m.kind in DEFAULT_HOURS and m.arrived_at:
            due = m.arrived_at + timedelta(hours=hours)
        rows.append(MeasureRow(measure=m, hours=hours if due else None, due=due))
    return rows


def case_interviews(case: Case) -> QuerySet[Interview]:
    return case.interviews.select_related("party").prefetch_related("officers").order_by("started_at", "id")
