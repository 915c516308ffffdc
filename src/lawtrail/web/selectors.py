"""The workbench's reads: what an officer needs on opening lawtrail, scoped like every other read.

Built on the domain selectors (cases_visible, incidents_visible), so the workbench can never show what
the case or incident pages would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate

from lawtrail.cases.choices import CaseStatus
from lawtrail.cases.models import Case
from lawtrail.cases.selectors import CaseFilters, case_list, cases_visible
from lawtrail.common.clock import LEGAL_TZ, local
from lawtrail.incidents.choices import Status as IncidentStatus
from lawtrail.incidents.models import Incident, MediaRecord
from lawtrail.incidents.selectors import incident_list, incidents_visible
from lawtrail.org.models import Unit
from lawtrail.org.policies import Scope

NEW_INCIDENT_STATUSES = (IncidentStatus.RECEIVED, IncidentStatus.DISPATCHED, IncidentStatus.ARRIVED)
LIST_LIMIT = 10
CHART_DAYS = 14


@dataclass
class Workbench:
    my_cases: list[Case]
    my_cases_total: int
    new_incidents: list[Incident]
    new_incidents_total: int
    case_counts: dict[str, int]
    incident_counts: dict[str, int]
    incidents_per_day: list[tuple[date, int]]

    @property
    def cases_total(self) -> int:
        return sum(self.case_counts.values())

    @property
    def open_cases_total(self) -> int:
        return sum(n for status, n in self.case_counts.items() if status != CaseStatus.CLOSED)


def workbench_for(scope: Scope, *, now: datetime) -> Workbench:
    """My open cases (I am an active handler), the new unreviewed incidents of my units, counts, 14 days."""
    mine = case_list(scope, CaseFilters(mine=True)).exclude(status=CaseStatus.CLOSED)
    new = incident_list(scope, unreviewed=True).filter(status__in=NEW_INCIDENT_STATUSES)
    case_counts = dict(
        cases_visible(scope)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    incident_counts = dict(
        incidents_visible(scope)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    today = local(now).date()
    first = today - timedelta(days=CHART_DAYS - 1)
    start = datetime(first.year, first.month, first.day, tzinfo=LEGAL_TZ)
    per_day = dict(
        incidents_visible(scope)
        .filter(received_at__gte=start)
        .annotate(day=TruncDate("received_at", tzinfo=LEGAL_TZ))
        .order_by()
        .values_list("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    days = [first + timedelta(days=i) for i in range(CHART_DAYS)]
    my_cases = list(mine[:LIST_LIMIT])
    new_incidents = list(new[:LIST_LIMIT])
    return Workbench(
        my_cases=my_cases,
        my_cases_total=len(my_cases) if len(my_cases) < LIST_LIMIT else mine.count(),
        new_incidents=new_incidents,
        new_incidents_total=len(new_incidents) if len(new_incidents) < LIST_LIMIT else new.count(),
        case_counts=case_counts,
        incident_counts=incident_counts,
        incidents_per_day=[(d, per_day.get(d, 0)) for d in days],
    )


def units_in_scope(scope: Scope) -> QuerySet[Unit]:
    """The units an officer may see records of, in tree order (unit pickers and filters)."""
    return Unit.objects.filter(id__in=scope.unit_ids).order_by("path")


def case_media(case: Case) -> QuerySet[MediaRecord]:
    """The recordings of a case: linked to it, or to the incident it came from (a call recording is
    registered before the case exists)."""
    q = Q(case=case)
    if case.incident_id:
        q |= Q(incident_id=case.incident_id)
    return MediaRecord.objects.filter(q).select_related("officer").order_by("captured_at", "id")
