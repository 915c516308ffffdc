"""Supervision at run time: the engine's results on stored cases and incidents, kept as alerts.

Two ways in, one way to write (`sync_alerts`):

* incremental — `after_event`, a post-apply listener of `events.services.event_record` (registered in
  `SupervisionConfig.ready`): after a case or incident event is applied, the subject (and the case or
  incident linked to it, whose timeline holds the event too) is re-evaluated in the same transaction, at
  the event's `recorded_at` — what was known when it was recorded. A refused event writes no alert.
* the sweep — `sweep()` (`lawtrail supervise`): every open case and incident in scope, at `as_of` (now by
  default), in chunks; warnings fall due with time and a change of rules, calendar or settings shows up
  here. Idempotent: alerts are unique per (rule family, subject, occurrence), so a second run updates
  nothing. A sweep `as_of` a past moment (回头看) writes no alerts: it reports what the engine would have
  found with the events recorded by then (`SweepRun.retrospective`, the counts in `SweepRun.counts`).

Which results are alerts: `warning` (level blue…red), `overdue` and `met_late` (level overdue),
`violated` (violation), `manual_review`. An active alert whose rule now reports `pending`, `paused`, `met`
or `not_applicable` (or that is no longer produced at all) is auto-resolved, with the event that did it.
A `met_late` result keeps an overdue alert active: the breach is on record and the legal officer
verifies it. Every state change is a row of `AlertEvent`.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings as django_settings
from django.db import transaction

from lawtrail.cases.choices import CaseStatus, HandlerRole
from lawtrail.cases.models import Case, Handler
from lawtrail.common import clock
from lawtrail.events.models import Event
from lawtrail.incidents.models import Incident
from lawtrail.supervision.applicability import applicable_rules
from lawtrail.supervision.calendar import load_calendar
from lawtrail.supervision.engine import evaluate_each
from lawtrail.supervision.facts import Fact
from lawtrail.supervision.loader import Catalogue, default_catalogue
from lawtrail.supervision.models import (
    ACTIVE_ALERT_STATES,
    Alert,
    AlertEvent,
    AlertLevel,
    AlertState,
    SweepRun,
)
from lawtrail.supervision.periods import Calendar
from lawtrail.supervision.rules import Rule
from lawtrail.supervision.settings import SupervisionSettings, load_settings
from lawtrail.supervision.sources import build_case_facts, build_incident_facts, build_many
from lawtrail.supervision.timeline import RuleResult, State

CHUNK = 500
# A sweep as of a moment older than this is a retrospective (回头看) and writes no alerts.
_SLACK = timedelta(minutes=1)
PROBLEM_LEVEL = {
    State.OVERDUE: AlertLevel.OVERDUE,
    State.MET_LATE: AlertLevel.OVERDUE,
    State.VIOLATED: AlertLevel.VIOLATION,
    State.MANUAL_REVIEW: AlertLevel.MANUAL_REVIEW,
}


@dataclass
class Evaluation:
    """The applicable rules of one subject and their results (the compliance panel, the alerts)."""

    subject: dict[str, Any]
    rules: list[tuple[Rule, list[RuleResult]]]


@dataclass
class Engine:
    """What an evaluation needs besides the facts: loaded once per request, event or sweep."""

    calendar: Calendar
    settings: SupervisionSettings
    catalogue: Catalogue

    @classmethod
    def load(cls) -> Engine:
        return cls(calendar=load_calendar(), settings=load_settings(), catalogue=default_catalogue())


def evaluate_subject(
    facts: Sequence[Fact], subject: dict[str, Any], *, as_of: datetime, engine: Engine
) -> Evaluation:
    known = [f for f in facts if f.recorded_at <= as_of]
    rules = applicable_rules(subject, known, catalogue=engine.catalogue, settings=engine.settings)
    out = []
    for rule in rules:
        results = evaluate_each(
            rule,
            facts,
            as_of=as_of,
            calendar=engine.calendar,
            settings=engine.settings,
            catalogue=engine.catalogue,
        )
        out.append((rule, results))
    return Evaluation(subject=subject, rules=out)


def alert_level(result: RuleResult) -> str | None:
    if result.state is State.WARNING:
        return str(result.level or "blue")
    level = PROBLEM_LEVEL.get(result.state)
    return str(level) if level else None


def occurrence_of(rule: Rule, result: RuleResult) -> str:
    if rule.start.pick == "each":
        return result.key or (result.started_at.isoformat() if result.started_at else "")
    return result.key


@dataclass
class Target:
    """A case or incident whose alerts are being synced."""

    subject_type: str
    record: Case | Incident

    @property
    def key(self) -> str:
        return self.record.number


@dataclass
class SyncCounts:
    opened: int = 0
    updated: int = 0
    resolved: int = 0
    by_level: Counter = field(default_factory=Counter)

    def add(self, other: SyncCounts) -> None:
        self.opened += other.opened
        self.updated += other.updated
        self.resolved += other.resolved
        self.by_level.update(other.by_level)


def _lead_of(target: Target, leads: dict[int, int] | None) -> int | None:
    if target.subject_type != "case":
        return None
    if leads is not None:
        return leads.get(target.record.id)
    return (
        Handler.objects.filter(case_id=target.record.id, role=HandlerRole.LEAD, released_at__isnull=True)
        .values_list("officer_id", flat=True)
        .first()
    )


def sync_alerts(
    target: Target,
    evaluation: Evaluation,
    *,
    now: datetime,
    event: Event | None = None,
    existing: Iterable[Alert] | None = None,
    leads: dict[int, int] | None = None,
) -> SyncCounts:
    """Open, update and auto-resolve the subject's alerts to match the evaluation."""
    counts = SyncCounts()
    if existing is None:
        existing = Alert.objects.filter(subject_type=target.subject_type, subject_key=target.key).order_by()
    by_key = {(a.family, a.occurrence): a for a in existing}
    seen: set[tuple[str, str]] = set()
    for rule, results in evaluation.rules:
        for result in results:
            level = alert_level(result)
            if level is None:
                continue
            key = (rule.family, occurrence_of(rule, result))
            seen.add(key)
            counts.by_level[level] += 1
            alert = by_key.get(key)
            if alert is None:
                alert = _open(target, rule, result, level, now=now, event=event, leads=leads)
                by_key[key] = alert
                counts.opened += 1
            elif _refresh(alert, result, level, now=now, event=event):
                counts.updated += 1
    for key, alert in by_key.items():
        if key not in seen and alert.state in ACTIVE_ALERT_STATES:
            _auto_resolve(alert, now=now, event=event, evaluation=evaluation)
            counts.resolved += 1
    return counts


def _fields(result: RuleResult, level: str) -> dict[str, Any]:
    return {
        "rule_id": result.rule_id,
        "level": level,
        "rule_state": str(result.state),
        "due": result.due,
        "explanation": list(result.explanation),
        "citation": result.citation,
        "severity": str(result.severity),
    }


def _open(target, rule, result, level, *, now, event, leads) -> Alert:
    record = target.record
    alert = Alert.objects.create(
        family=rule.family,
        title=rule.title,
        subject_type=target.subject_type,
        subject_key=target.key,
        occurrence=occurrence_of(rule, result),
        case=record if target.subject_type == "case" else None,
        incident=record if target.subject_type == "incident" else None,
        unit_id=record.unit_id,
        bureau_id=record.bureau_id,
        state=AlertState.OPEN,
        responsible_id=_lead_of(target, leads),
        opened_at=now,
        updated_at=now,
        **_fields(result, level),
    )
    AlertEvent.objects.create(
        alert=alert,
        action="opened",
        to_state=AlertState.OPEN,
        event=event,
        at=now,
        note=f"{result.state.label}",
    )
    return alert


def _refresh(alert: Alert, result: RuleResult, level: str, *, now, event) -> bool:
    fields = _fields(result, level)
    reopened = alert.state == AlertState.AUTO_RESOLVED
    # The explanation alone changes with every as_of ("截至…"): it is rewritten only with a real change
    # (level, rule state, due, rule version), so that a sweep at a later moment does not touch every row.
    changed = [
        name for name, value in fields.items() if name != "explanation" and getattr(alert, name) != value
    ]
    if changed:
        changed.append("explanation")
    if not changed and not reopened:
        return False
    old_level, old_state = alert.level, alert.state
    for name in changed:
        setattr(alert, name, fields[name])
    if reopened:
        alert.state = AlertState.OPEN
        alert.resolved_how = ""
        alert.resolved_by_event = None
    alert.updated_at = now
    alert.save()
    if reopened:
        AlertEvent.objects.create(
            alert=alert,
            action="reopened",
            from_state=old_state,
            to_state=alert.state,
            event=event,
            at=now,
            note=result.state.label,
        )
    elif "level" in changed:
        AlertEvent.objects.create(
            alert=alert,
            action="level_changed",
            from_state=old_state,
            to_state=alert.state,
            event=event,
            at=now,
            note=f"{old_level} → {level}",
        )
    return True


def _auto_resolve(alert: Alert, *, now, event, evaluation: Evaluation) -> None:
    state = None
    for rule, results in evaluation.rules:
        if rule.family == alert.family and results:
            state = results[0].state
    how = "规则不再适用于本对象" if state is None else f"条件已满足或不再适用（{state.label}）"
    if event is not None:
        how += f"，由事件「{event.name}」（{clock.local(event.occurred_at):%Y-%m-%d %H:%M}）"
    old = alert.state
    alert.state = AlertState.AUTO_RESOLVED
    alert.resolved_how = how
    alert.resolved_by_event = event
    alert.updated_at = now
    alert.save()
    AlertEvent.objects.create(
        alert=alert,
        action="auto_resolved",
        from_state=old,
        to_state=alert.state,
        event=event,
        at=now,
        note=how,
    )


# --- incremental ----------------------------------------------------------------------------------------


def incremental_enabled() -> bool:
    return bool(getattr(django_settings, "SUPERVISION_INCREMENTAL", True))


def after_event(event: Event, subject: Any) -> None:
    """Post-apply listener: re-evaluate the case or incident the event belongs to (and the linked one).

    Events of a case's sub-records (a measure, an interview: `event.case_id` set by events.services) count
    for their case."""
    if not incremental_enabled() or not (event.case_id or event.incident_id):
        return
    engine = Engine.load()
    targets: list[Target] = []
    if event.case_id:
        case = (
            subject
            if event.subject_type == "case"
            else Case.objects.select_related("offence").get(pk=event.case_id)
        )
        targets.append(Target("case", case))
        if case.incident_id:
            targets.append(Target("incident", case.incident))
    else:
        incident = subject
        targets.append(Target("incident", incident))
        targets.extend(Target("case", c) for c in incident.cases.select_related("offence").order_by())
    for target in targets:
        supervise_one(target, as_of=event.recorded_at, engine=engine, event=event)


def supervise_one(
    target: Target, *, as_of: datetime, engine: Engine, event: Event | None = None
) -> SyncCounts:
    if target.subject_type == "case":
        subject, facts = build_case_facts(target.record)
    else:
        subject, facts = build_incident_facts(target.record)
    evaluation = evaluate_subject(facts, subject, as_of=as_of, engine=engine)
    return sync_alerts(target, evaluation, now=as_of, event=event)


# --- the sweep ------------------------------------------------------------------------------------------


@dataclass
class SweepResult:
    run: SweepRun | None
    counts: dict[str, Any]
    problems: list[dict[str, Any]]  # for a retrospective sweep: what would have been alerted


def _open_cases(unit_path: str | None, as_of: datetime, retrospective: bool):
    qs = Case.objects.select_related("offence", "incident")
    if retrospective:
        # open at as_of: accepted by then, not closed by then (records keep only their current state)
        qs = qs.filter(accepted_at__lte=as_of).exclude(closed_at__lte=as_of)
    else:
        qs = qs.exclude(status=CaseStatus.CLOSED)
    if unit_path:
        qs = qs.filter(unit__path__startswith=unit_path)
    return qs.order_by("id")


def _open_incidents(unit_path: str | None, as_of: datetime, retrospective: bool):
    qs = Incident.objects.all()
    if retrospective:
        qs = qs.filter(received_at__lte=as_of)
    if unit_path:
        qs = qs.filter(unit__path__startswith=unit_path)
    return qs.order_by("id")


def _chunks(qs, size: int):
    last = 0
    while True:
        chunk = list(qs.filter(id__gt=last)[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].id


def sweep(
    *,
    as_of: datetime | None = None,
    unit_code: str | None = None,
    triggered_by: str = "",
    chunk: int = CHUNK,
) -> SweepResult:
    """Re-evaluate every open case and every incident in scope (module docstring)."""
    now = clock.now()
    retrospective = as_of is not None and as_of < now - _SLACK
    as_of = as_of or now
    unit_path = None
    if unit_code:
        from lawtrail.org.models import Unit

        unit_path = Unit.objects.get(code=unit_code).path
    engine = Engine.load()
    started = time.monotonic()
    total = SyncCounts()
    problems: list[dict[str, Any]] = []
    subjects = Counter()
    # Cases: the open ones. Incidents: all of them — an incident has no "closed" state, and a disposed one
    # can still lack its case or its video. (At city scale this wants a window; see the report.)
    for kind, qs in (
        ("case", _open_cases(unit_path, as_of, retrospective)),
        ("incident", _open_incidents(unit_path, as_of, retrospective)),
    ):
        for records in _chunks(qs, chunk):
            subjects[kind] += len(records)
            if kind == "case":
                built, _ = build_many(cases=records)
            else:
                _, built = build_many(incidents=records)
            keys = [r.number for r in records]
            if retrospective:
                for record in records:
                    subject, facts = built[record.id]
                    evaluation = evaluate_subject(facts, subject, as_of=as_of, engine=engine)
                    for rule, results in evaluation.rules:
                        for result in results:
                            level = alert_level(result)
                            if level:
                                total.by_level[level] += 1
                                problems.append(
                                    {
                                        "rule_id": result.rule_id,
                                        "family": rule.family,
                                        "subject_type": kind,
                                        "subject_key": record.number,
                                        "level": level,
                                        "state": str(result.state),
                                        "due": result.due.isoformat() if result.due else None,
                                    }
                                )
                continue
            existing: dict[str, list[Alert]] = {k: [] for k in keys}
            for alert in Alert.objects.filter(subject_type=kind, subject_key__in=keys):
                existing[alert.subject_key].append(alert)
            leads = None
            if kind == "case":
                leads = dict(
                    Handler.objects.filter(
                        case_id__in=[r.id for r in records], role=HandlerRole.LEAD, released_at__isnull=True
                    ).values_list("case_id", "officer_id")
                )
            with transaction.atomic():
                for record in records:
                    subject, facts = built[record.id]
                    evaluation = evaluate_subject(facts, subject, as_of=as_of, engine=engine)
                    total.add(
                        sync_alerts(
                            Target(kind, record),
                            evaluation,
                            now=as_of,
                            existing=existing[record.number],
                            leads=leads,
                        )
                    )
    counts = {
        "cases": subjects["case"],
        "incidents": subjects["incident"],
        "opened": total.opened,
        "updated": total.updated,
        "resolved": total.resolved,
        "problems": dict(sorted(total.by_level.items())),
        "seconds": round(time.monotonic() - started, 3),
    }
    run = SweepRun.objects.create(
        started_at=now,
        finished_at=clock.now(),
        as_of=as_of,
        retrospective=retrospective,
        scope=unit_code or "",
        counts=counts,
        triggered_by=triggered_by,
    )
    return SweepResult(run=run, counts=counts, problems=problems)
