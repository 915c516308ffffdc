"""Supervision reads, scoped to the asker: the inbox, one alert, the counts, a case's compliance panel.

Who sees which alerts: officers with a role over units (legal officer, unit head, bureau leader …) see the
alerts of the units in their scope — the legal brigade's grant on the bureau makes it the whole bureau; a
case officer sees the alerts of the cases they handle and those assigned to them for rectification. Out of
scope is the same answer as absent (NotFound → 404).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet

from lawtrail.cases.models import Case, Handler
from lawtrail.common.errors import NotFound
from lawtrail.org.choices import SUBTREE_ROLES
from lawtrail.org.policies import Scope
from lawtrail.supervision.models import ACTIVE_ALERT_STATES, Alert, AlertLevel
from lawtrail.supervision.runtime import Engine, evaluate_subject
from lawtrail.supervision.sources import build_case_facts
from lawtrail.supervision.timeline import State


def sees_unit_alerts(scope: Scope) -> bool:
    return scope.has_role(*SUBTREE_ROLES)


def alerts_visible(scope: Scope) -> QuerySet[Alert]:
    if scope.is_empty:
        return Alert.objects.none()
    if sees_unit_alerts(scope):
        return Alert.objects.filter(scope.units_q())
    handled = Handler.objects.filter(officer_id=scope.officer_id, released_at__isnull=True).values("case_id")
    return Alert.objects.filter(
        Q(case_id__in=handled) | Q(rectifications__assigned_to_id=scope.officer_id)
    ).distinct()


@dataclass
class AlertFilters:
    level: str | None = None
    state: str | None = None  # a state, or "active" (the default) / "all"
    unit: int | None = None
    rule: str | None = None  # a rule family
    case: str | None = None  # a case number
    incident: str | None = None  # an incident number


def alert_list(scope: Scope, filters: AlertFilters | None = None) -> QuerySet[Alert]:
    f = filters or AlertFilters()
    qs = alerts_visible(scope).select_related("unit", "case", "incident", "responsible")
    if f.state in (None, "", "active"):
        qs = qs.filter(state__in=ACTIVE_ALERT_STATES)
    elif f.state != "all":
        qs = qs.filter(state=f.state)
    if f.level:
        qs = qs.filter(level=f.level)
    if f.unit:
        qs = qs.filter(unit_id=f.unit)
    if f.rule:
        qs = qs.filter(family=f.rule)
    if f.case:
        qs = qs.filter(subject_type="case", subject_key=f.case)
    if f.incident:
        qs = qs.filter(subject_type="incident", subject_key=f.incident)
    return qs.order_by("due", "-opened_at", "-id")


def alert_get(scope: Scope, pk: int) -> Alert:
    alert = (
        alerts_visible(scope)
        .select_related("unit", "case", "incident", "responsible", "resolved_by_event")
        .filter(pk=pk)
        .first()
    )
    if alert is None:
        raise NotFound(f"预警{pk}不存在或不在您的查看范围内")
    return alert


@dataclass
class AlertCounts:
    active: int
    by_level: dict[str, int]
    submitted: int  # rectifications waiting for verification
    mine: int  # assigned to the asker for rectification

    @property
    def overdue(self) -> int:
        return self.by_level.get(AlertLevel.OVERDUE, 0) + self.by_level.get(AlertLevel.VIOLATION, 0)

    @property
    def warnings(self) -> int:
        return sum(self.by_level.get(level, 0) for level in ("blue", "yellow", "orange", "red"))


def alert_counts(scope: Scope) -> AlertCounts:
    """The workbench's tiles: one grouped query plus one count."""
    rows = (
        alerts_visible(scope)
        .filter(state__in=ACTIVE_ALERT_STATES)
        .values("level", "state")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_level: dict[str, int] = {}
    submitted = 0
    for row in rows:
        by_level[row["level"]] = by_level.get(row["level"], 0) + row["n"]
        if row["state"] == "rectification_submitted":
            submitted += row["n"]
    mine = 0
    if scope.officer_id:
        mine = (
            Alert.objects.filter(
                state="assigned",
                rectifications__assigned_to_id=scope.officer_id,
                rectifications__submitted_at__isnull=True,
                rectifications__outcome="",
            )
            .distinct()
            .count()
        )
    return AlertCounts(active=sum(by_level.values()), by_level=by_level, submitted=submitted, mine=mine)


@dataclass
class ComplianceRow:
    rule_id: str
    family: str
    title: str
    citation: str
    state: State
    due: datetime | None
    explanation: tuple[str, ...]
    alert: Alert | None


SHOWN_FIRST = [
    State.OVERDUE,
    State.VIOLATED,
    State.MANUAL_REVIEW,
    State.MET_LATE,
    State.WARNING,
    State.PAUSED,
    State.PENDING,
    State.MET,
    State.NOT_APPLICABLE,
]


@dataclass
class Compliance:
    started: list[ComplianceRow]  # most serious first
    waiting: list[ComplianceRow]  # applicable, not started (its start event has not happened)


def case_compliance(case: Case, *, now: datetime) -> Compliance:
    """Every rule that applies to the case, evaluated now, with its alert if there is one (most serious
    first). Three queries: the events, the handlers' officers, the alerts."""
    subject, facts = build_case_facts(case)
    evaluation = evaluate_subject(facts, subject, as_of=now, engine=Engine.load())
    alerts = {
        a.family: a for a in Alert.objects.filter(subject_type="case", subject_key=case.number).order_by("id")
    }
    rows = []
    for rule, results in evaluation.rules:
        for result in results:
            rows.append(
                ComplianceRow(
                    rule_id=result.rule_id,
                    family=rule.family,
                    title=rule.title,
                    citation=result.citation,
                    state=result.state,
                    due=result.due,
                    explanation=result.explanation,
                    alert=alerts.get(rule.family),
                )
            )
    rows.sort(key=lambda r: (SHOWN_FIRST.index(r.state), r.due or now))
    return Compliance(
        started=[r for r in rows if r.state is not State.NOT_APPLICABLE],
        waiting=[r for r in rows if r.state is State.NOT_APPLICABLE],
    )
