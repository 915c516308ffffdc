"""Supervision at run time: the engine's results on stored cases and incidents, kept as alerts.

Two ways in, one way to write (`sync_alerts`):

* incremental — `after_event`, a post-apply listener of `events.services.event_record` (registered in
  `SupervisionConfig.ready`): after a case or incident event is applied, the subject (and the case or
  incident linked to it, whose timeline holds the event too) is re-evaluated in the same transaction, at
  the event's `recorded_at` — what was known when it was recorded. A refused event writes no alert.
* the sweep — `sweep()` (`lawtrail supervise`), at `as_of` (now by default), in chunks: warnings fall due
  with time. Idempotent: alerts are unique per (rule family, subject, occurrence), so a second run updates
  nothing. A sweep `as_of` a past moment (回头看) writes no alerts: it reports what the engine would have
  found with the events recorded by then (`SweepRun.retrospective`, the counts in `SweepRun.counts`).

What makes both cheap (issues 3 and 6): after a subject is evaluated, each rule family whose result can
still change with the mere passing of time (a warning level or the limit ahead, a change of law ahead)
leaves an `Obligation` row with the next moment it can change (`next_check_at`), and the subject's
`SupervisedSubject` row keeps the earliest of them (indexed). Then

* after an event only the families whose rules read that event (`Rule.events_used()`: start, satisfy,
  violate, cancel, restart, extend, pause and resume events and the events their conditions look for)
  and the families already due are evaluated, on the facts of those events only; a subject whose
  attributes changed (a new offence, category …) or that was never evaluated gets every family. The
  result is the one a full evaluation gives: a family not evaluated has, by construction, no new fact and
  no due moment passed, so its state, level and due time are those already stored;
* a sweep (`mode="due"`) loads only the subjects with a `next_check_at` at or before `as_of` and those
  with events recorded since the previous sweep (`SweepRun.event_seq`); `full=True` (`--full`), the
  first sweep and a sweep after a change of rules, calendar or settings re-check every open case and
  every incident.

Which results are alerts: `warning` (level blue…red), `overdue` and `met_late` (level overdue),
`violated` (violation), `manual_review`. An active alert whose rule now reports `pending`, `paused`, `met`
or `not_applicable` (or that is no longer produced at all) is auto-resolved, with the event that did it.
A `met_late` result keeps an overdue alert active: the breach is on record and the legal officer
verifies it. Every state change is a row of `AlertEvent`.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as dtime
from functools import cache
from typing import Any

from django.conf import settings as django_settings
from django.db import connection, transaction
from django.db.models import Q

from lawtrail.cases.choices import CaseStatus, HandlerRole
from lawtrail.cases.models import Case, Handler, Offence
from lawtrail.common import clock
from lawtrail.events.models import Event
from lawtrail.incidents.models import Incident
from lawtrail.supervision.applicability import applicable_rules, gate_closed, pick_version, why_not_applicable
from lawtrail.supervision.calendar import load_calendar
from lawtrail.supervision.deadlines import default_warnings
from lawtrail.supervision.engine import evaluate_each
from lawtrail.supervision.facts import Fact
from lawtrail.supervision.loader import Catalogue, default_catalogue
from lawtrail.supervision.models import (
    ACTIVE_ALERT_STATES,
    Alert,
    AlertEvent,
    AlertLevel,
    AlertState,
    Obligation,
    SupervisedSubject,
    SweepRun,
)
from lawtrail.supervision.periods import LEGAL_TZ, Calendar, PeriodUnit
from lawtrail.supervision.rules import Rule, Status, SubjectType
from lawtrail.supervision.settings import SupervisionSettings, load_settings
from lawtrail.supervision.sources import build_many, case_subject, facts_of, incident_subject
from lawtrail.supervision.timeline import SEVERITY_ORDER, RuleResult, State

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
        return cls(calendar=load_calendar(), settings=_settings(), catalogue=default_catalogue())


_SETTINGS: dict[str, SupervisionSettings] = {}


def _settings() -> SupervisionSettings:
    """`load_settings()`, kept per value of the Django settings it reads (it runs on every event)."""
    key = repr(
        (
            getattr(django_settings, "SUPERVISION_RULES", None),
            getattr(django_settings, "SUPERVISION_COUNT_MAKE_UP_SATURDAYS", None),
        )
    )
    found = _SETTINGS.get(key)
    if found is None:
        found = _SETTINGS[key] = load_settings()
    return found


def evaluate_subject(
    facts: Sequence[Fact],
    subject: dict[str, Any],
    *,
    as_of: datetime,
    engine: Engine,
    families: Collection[str] | None = None,
) -> Evaluation:
    """Every applicable rule of the subject (or only those of `families`) evaluated at `as_of`."""
    known = [f for f in facts if f.recorded_at <= as_of]
    if families is None:
        rules = applicable_rules(subject, known, catalogue=engine.catalogue, settings=engine.settings)
    else:
        rules = _applicable_in(families, subject, known, engine)
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
    families: Collection[str] | None = None,
) -> SyncCounts:
    """Open, update and auto-resolve the subject's alerts to match the evaluation. With `families`, the
    evaluation covers only those rule families and the alerts of other families are left as they are."""
    counts = SyncCounts()
    if existing is None:
        existing = Alert.objects.filter(subject_type=target.subject_type, subject_key=target.key).order_by()
        if families is not None:
            existing = existing.filter(family__in=sorted(families))
    elif families is not None:
        existing = [a for a in existing if a.family in families]
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


# --- what an event can change, and when time can change a result -----------------------------------------

# Every warning offset a rule that sets none can get (deadlines.default_warnings) for a limit counted in a
# unit, whatever its amount: a superset, so a re-check may come early (harmless: the result is then
# unchanged) but never late.
_SAMPLE_AMOUNTS = (1, 6, 7, 24, 29, 30, 365)


def _default_offsets(units: Iterable[PeriodUnit]) -> set[timedelta]:
    return {w.delta() for unit in units for amount in _SAMPLE_AMOUNTS for w in default_warnings(amount, unit)}


# Overdue is `as_of > due`: the first moment that is overdue.
_AFTER = timedelta(microseconds=1)
_RUNNING = (State.PENDING, State.WARNING, State.PAUSED, State.OVERDUE)


@dataclass(frozen=True)
class FamilyIndex:
    """The live rule families of a catalogue by the events they read, and what time can change in them."""

    by_event: dict[tuple[str, str], frozenset[str]]  # (subject type, event name) → families
    families: dict[str, frozenset[str]]  # subject type → every family of that type
    names: dict[str, frozenset[str]]  # family → the event names its live versions read
    offsets: dict[str, tuple[timedelta, ...]]  # family → warning offsets before the due time
    boundaries: dict[str, tuple[datetime, ...]]  # family → moments a version stops being in force
    live: dict[str, list[Rule]]  # family → its live versions
    order: dict[str, int]  # family → its place in the catalogue (the order of a full evaluation)

    def names_for(self, families: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for family in families:
            out |= self.names.get(family, frozenset())
        return out


_INDEXES: dict[int, tuple[Catalogue, FamilyIndex]] = {}


def family_index(catalogue: Catalogue) -> FamilyIndex:
    """Built once per catalogue object (the catalogue is immutable: a new one is a new object)."""
    cached = _INDEXES.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    by_event: dict[tuple[str, str], set[str]] = {}
    families: dict[str, set[str]] = {"case": set(), "incident": set()}
    names: dict[str, frozenset[str]] = {}
    offsets: dict[str, tuple[timedelta, ...]] = {}
    boundaries: dict[str, tuple[datetime, ...]] = {}
    live_versions: dict[str, list[Rule]] = {}
    for family, versions in catalogue.families.items():
        live = [v for v in versions if v.status is Status.LIVE]
        if not live:
            continue
        live_versions[family] = live
        kind = live[0].applies_to.subject
        if kind is SubjectType.PERIOD:
            continue
        subject_type = "incident" if kind is SubjectType.INCIDENT else "case"
        families[subject_type].add(family)
        used: set[str] = set()
        deltas: set[timedelta] = set()
        for version in live:
            used |= version.events_used()
            if version.warn_before is None:
                units = set(PeriodUnit) if version.limit is None else {version.limit.unit}
                if version.limit is not None and version.limit.unit_setting:
                    units = set(PeriodUnit)
                units.update(spec.unit for spec in version.extended_by if spec.total)
                deltas.update(_default_offsets(units))
            else:
                deltas.update(w.delta() for w in version.warn_before)
        for name in used:
            by_event.setdefault((subject_type, name), set()).add(family)
        names[family] = frozenset(used)
        offsets[family] = tuple(sorted(deltas))
        boundaries[family] = tuple(
            datetime.combine(v.effective_to + timedelta(days=1), dtime(0), tzinfo=LEGAL_TZ)
            for v in versions
            if v.effective_to is not None
        )
    index = FamilyIndex(
        by_event={k: frozenset(v) for k, v in by_event.items()},
        families={k: frozenset(v) for k, v in families.items()},
        names=names,
        offsets=offsets,
        boundaries=boundaries,
        live=live_versions,
        order={family: i for i, family in enumerate(catalogue.families)},
    )
    _INDEXES[id(catalogue)] = (catalogue, index)
    return index


def _applicable_in(
    families: Collection[str], subject: dict[str, Any], facts: Sequence[Fact], engine: Engine
) -> list[Rule]:
    """`applicable_rules` restricted to `families`: the same choice of version, gate and applicability."""
    kind = subject.get("type", "case")
    index = family_index(engine.catalogue)
    picked: list[Rule] = []
    for family in sorted(set(families) & index.families[kind], key=index.order.__getitem__):
        live = index.live[family]
        chosen = pick_version(live, facts, subject, engine.settings)
        if gate_closed(chosen, engine.settings) or why_not_applicable(
            chosen, subject, facts, engine.settings
        ):
            continue
        picked.append(chosen)
    return picked


def next_check(
    family: str, results: Sequence[RuleResult], *, as_of: datetime, index: FamilyIndex
) -> datetime | None:
    """The first moment after `as_of` at which the family's result can change with time alone: a warning
    level reached, the limit passed, a change of law taking effect. None: only a new fact can change it."""
    moments: list[datetime] = []
    for result in results:
        if result.state not in _RUNNING and result.state is not State.MET:
            continue
        if result.due is not None and result.state is not State.MET:
            moments.append(result.due + _AFTER)
            moments.append(result.due)
            moments.extend(result.due - offset for offset in index.offsets.get(family, ()))
        if result.started_at is not None:
            moments.extend(index.boundaries.get(family, ()))
    later = [m for m in moments if m > as_of]
    return min(later) if later else None


def fingerprint(subject: dict[str, Any]) -> str:
    """A digest of a subject's attributes: when it changes, every family is evaluated again."""
    text = json.dumps(subject, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def subject_attributes(target: Target) -> dict[str, Any]:
    if target.subject_type == "case":
        return case_subject(target.record)
    return incident_subject(target.record)


@dataclass
class Checked:
    """What a subject's evaluation leaves for the next one: its row and its obligations."""

    row: SupervisedSubject | None
    obligations: list[Obligation]

    def due(self, as_of: datetime) -> set[str]:
        return {o.family for o in self.obligations if o.next_check_at <= as_of}


def future_facts(facts: Sequence[Fact], as_of: datetime) -> dict[str, datetime]:
    """Facts recorded by `as_of` but dated after it (allowed within a few minutes): they count once their
    moment has come, so the families that read them must be checked again then."""
    out: dict[str, datetime] = {}
    for fact in facts:
        if fact.recorded_at <= as_of < fact.occurred_at:
            out[fact.name] = min(out.get(fact.name, fact.occurred_at), fact.occurred_at)
    return out


def new_obligations(
    evaluation: Evaluation,
    families: Collection[str],
    facts: Sequence[Fact],
    *,
    as_of: datetime,
    index: FamilyIndex,
) -> dict[str, Obligation]:
    """The obligations of the evaluated `families` (unsaved; `subject` is set by the caller)."""
    out: dict[str, Obligation] = {}
    for rule, results in evaluation.rules:
        moment = next_check(rule.family, results, as_of=as_of, index=index)
        if moment is None:
            continue
        first = min(results, key=lambda r: SEVERITY_ORDER.index(r.state))
        out[rule.family] = Obligation(
            family=rule.family, rule_id=rule.id, state=str(first.state), due=first.due, next_check_at=moment
        )
    future = future_facts(facts, as_of)
    if future:
        for family in families:
            moments = [m for name, m in future.items() if name in index.names.get(family, ())]
            if not moments:
                continue
            moment = min(moments)
            current = out.get(family)
            if current is None:
                out[family] = Obligation(family=family, rule_id="", state="", due=None, next_check_at=moment)
            elif moment < current.next_check_at:
                current.next_check_at = moment
    return out


def _same(a: Obligation, b: Obligation) -> bool:
    return (a.rule_id, a.state, a.due, a.next_check_at) == (b.rule_id, b.state, b.due, b.next_check_at)


@dataclass
class Pending:
    """The writes one evaluation asks of the obligation tables (batched by the sweep)."""

    target: Target
    checked: Checked
    print: str
    obligations: list[Obligation]
    changed: bool


def plan_obligations(
    target: Target,
    checked: Checked,
    attrs: dict[str, Any],
    evaluation: Evaluation,
    families: Collection[str] | None,
    facts: Sequence[Fact],
    *,
    as_of: datetime,
    index: FamilyIndex,
) -> Pending:
    evaluated = index.families[target.subject_type] if families is None else families
    fresh = new_obligations(evaluation, evaluated, facts, as_of=as_of, index=index)
    kept = [o for o in checked.obligations if o.family not in evaluated]
    old = {o.family: o for o in checked.obligations if o.family in evaluated}
    changed = (
        checked.row is None
        or checked.row.fingerprint != fingerprint(attrs)
        or old.keys() != fresh.keys()
        or any(not _same(old[f], o) for f, o in fresh.items())
    )
    return Pending(target, checked, fingerprint(attrs), kept + list(fresh.values()), changed)


def write_obligations(pending: Sequence[Pending], *, as_of: datetime) -> None:
    """Store the subjects' rows and replace their obligations: a fixed number of queries per batch."""
    todo = [p for p in pending if p.changed]
    if not todo:
        return
    new_rows = []
    for p in todo:
        moments = [o.next_check_at for o in p.obligations]
        row = p.checked.row
        if row is None:
            row = SupervisedSubject(
                subject_type=p.target.subject_type,
                subject_id=p.target.record.id,
                unit_id=p.target.record.unit_id,
            )
            new_rows.append(row)
            p.checked.row = row
        row.unit_id = p.target.record.unit_id
        row.fingerprint = p.print
        row.checked_at = as_of
        row.next_check_at = min(moments) if moments else None
    existing = [p.checked.row for p in todo if p.checked.row.pk is not None]
    if existing:
        # Plain statements: Django's bulk_update builds one CASE per column and row, slower than the rest of
        # a sweep's chunk together.
        q = connection.ops.quote_name
        adapt = connection.ops.adapt_datetimefield_value
        with connection.cursor() as cur:
            cur.executemany(
                f"UPDATE {q(SupervisedSubject._meta.db_table)} SET {q('unit_id')} = %s, {q('fingerprint')} = %s, "  # noqa: S608
                f"{q('checked_at')} = %s, {q('next_check_at')} = %s WHERE {q('id')} = %s",
                [
                    (r.unit_id, r.fingerprint, adapt(r.checked_at), adapt(r.next_check_at), r.pk)
                    for r in existing
                ],
            )
            ids = [r.pk for r in existing]
            cur.execute(
                f"DELETE FROM {q(Obligation._meta.db_table)} WHERE {q('subject_id')} IN "  # noqa: S608 - placeholders
                f"({', '.join(['%s'] * len(ids))})",
                ids,
            )
    if new_rows:
        created = SupervisedSubject.objects.bulk_create(new_rows)
        if any(r.pk is None for r in created):  # a backend that does not return keys
            for row in new_rows:
                row.pk = SupervisedSubject.objects.get(
                    subject_type=row.subject_type, subject_id=row.subject_id
                ).pk
    obligations = []
    for p in todo:
        for o in p.obligations:
            obligations.append(
                Obligation(
                    subject_id=p.checked.row.pk,
                    family=o.family,
                    rule_id=o.rule_id,
                    state=o.state,
                    due=o.due,
                    next_check_at=o.next_check_at,
                )
            )
        p.checked.obligations = obligations[len(obligations) - len(p.obligations) :]
    if obligations:
        Obligation.objects.bulk_create(obligations)


# --- the hot path's reads, in plain SQL ---------------------------------------------------------------
#
# The incremental check runs inside every event's transaction, and most events concern no rule and find
# nothing due: its cost is then that of reading the subjects and their stored state. Django's query
# compiler costs more than SQLite does here, so these reads are written once as SQL; the records come back
# as model instances with only the columns read (any other attribute is loaded on first access, as with
# `.only()`), so `case_subject` and `incident_subject` stay the one definition of a subject's attributes.

_CASE_COLUMNS = (
    "id",
    "number",
    "bureau_id",
    "unit_id",
    "kind",
    "offence_id",
    "procedure",
    "status",
    "incident_id",
)
_OFFENCE_COLUMNS = ("id", "code", "kind", "category", "law")
_INCIDENT_COLUMNS = ("id", "number", "bureau_id", "unit_id", "source", "category", "status")


def _ordered(model, wanted: Sequence[str]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if f.attname in wanted]


@cache
def _record_sql() -> tuple[str, list[str], list[str], list[str]]:
    q = connection.ops.quote_name
    case_cols = _ordered(Case, _CASE_COLUMNS)
    offence_cols = _ordered(Offence, _OFFENCE_COLUMNS)
    incident_cols = _ordered(Incident, _INCIDENT_COLUMNS)
    select = ", ".join(
        [f"c.{q(c)}" for c in case_cols]
        + [f"o.{q(c)}" for c in offence_cols]
        + [f"i.{q(c)}" for c in incident_cols]
    )
    sql = (
        f"SELECT {select} FROM {q(Case._meta.db_table)} c "  # noqa: S608 - model names, no input
        f"LEFT JOIN {q(Offence._meta.db_table)} o ON o.{q('id')} = c.{q('offence_id')} "
        f"LEFT JOIN {q(Incident._meta.db_table)} i ON i.{q('id')} = c.{q('incident_id')} WHERE "
    )
    return sql, case_cols, offence_cols, incident_cols


def load_cases(*, case_id: int | None = None, incident: Incident | None = None) -> list[Case]:
    """A case (by id) or the cases of an incident, with offence and incident attached: one query."""
    sql, case_cols, offence_cols, incident_cols = _record_sql()
    q = connection.ops.quote_name
    if case_id is not None:
        sql, params = sql + f"c.{q('id')} = %s", [case_id]
    else:
        assert incident is not None
        sql, params = sql + f"c.{q('incident_id')} = %s ORDER BY c.{q('id')}", [incident.id]
    db = connection.alias
    out = []
    with connection.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    n, m = len(case_cols), len(offence_cols)
    for row in rows:
        case = Case.from_db(db, case_cols, row[:n])
        offence_row = row[n : n + m]
        case.offence = Offence.from_db(db, offence_cols, offence_row) if offence_row[0] is not None else None
        if incident is not None:
            case.incident = incident
        elif case.incident_id is not None:
            case.incident = Incident.from_db(db, incident_cols, row[n + m :])
        else:
            case.incident = None
        out.append(case)
    return out


@cache
def _checked_sql() -> tuple[str, list[str], list[str]]:
    q = connection.ops.quote_name
    subject_cols = [f.attname for f in SupervisedSubject._meta.concrete_fields]
    obligation_cols = [f.attname for f in Obligation._meta.concrete_fields]
    select = ", ".join([f"s.{q(c)}" for c in subject_cols] + [f"o.{q(c)}" for c in obligation_cols])
    sql = (
        f"SELECT {select} FROM {q(SupervisedSubject._meta.db_table)} s "  # noqa: S608 - model names
        f"LEFT JOIN {q(Obligation._meta.db_table)} o ON o.{q('subject_id')} = s.{q('id')} WHERE "
    )
    return sql, subject_cols, obligation_cols


@cache
def _converters(model, cols: tuple[str, ...]) -> list[tuple[Any, list]]:
    fields = {f.attname: f for f in model._meta.concrete_fields}
    out = []
    for name in cols:
        col = fields[name].get_col(model._meta.db_table)
        out.append((col, connection.ops.get_db_converters(col) + fields[name].get_db_converters(connection)))
    return out


def _convert(model, cols: Sequence[str], values: Sequence[Any]) -> list[Any]:
    """Database values as the model's fields hold them (SQLite returns datetimes as text)."""
    out = []
    for (col, converters), value in zip(_converters(model, tuple(cols)), values, strict=True):
        for converter in converters:
            value = converter(value, col, connection)
        out.append(value)
    return out


def load_checked(pairs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Checked]:
    """The stored state of these subjects (their rows and obligations): one query."""
    pairs = list(pairs)
    out = {pair: Checked(None, []) for pair in pairs}
    if not pairs:
        return out
    sql, subject_cols, obligation_cols = _checked_sql()
    q = connection.ops.quote_name
    where, params = [], []
    for subject_type in sorted({t for t, _ in pairs}):
        ids = [i for t, i in pairs if t == subject_type]
        where.append(
            f"(s.{q('subject_type')} = %s AND s.{q('subject_id')} IN ({', '.join(['%s'] * len(ids))}))"
        )
        params.extend([subject_type, *ids])
    with connection.cursor() as cur:
        cur.execute(sql + " OR ".join(where), params)
        rows = cur.fetchall()
    db, n = connection.alias, len(subject_cols)
    for row in rows:
        values = _convert(SupervisedSubject, subject_cols, row[:n])
        key = (values[subject_cols.index("subject_type")], values[subject_cols.index("subject_id")])
        state = out[key]
        if state.row is None:
            state.row = SupervisedSubject.from_db(db, subject_cols, values)
        if row[n] is not None:
            state.obligations.append(
                Obligation.from_db(db, obligation_cols, _convert(Obligation, obligation_cols, row[n:]))
            )
    return out


_EVENT_COLUMNS = ("seq", "name", "case_id", "incident_id", "occurred_at", "recorded_at", "payload")


def load_facts(target: Target, names: Collection[str] | None) -> tuple[dict[str, Any], list[Fact]]:
    """`build_case_facts` / `build_incident_facts` in one plain query: the subject's events (of `names`)."""
    q = connection.ops.quote_name
    cols = _ordered(Event, _EVENT_COLUMNS)
    record = target.record
    if target.subject_type == "case":
        where = f"({q('case_id')} = %s OR ({q('incident_id')} = %s AND {q('case_id')} IS NULL))"
        params: list[Any] = [record.id, record.incident_id if record.incident_id is not None else -1]
        subject = case_subject(record)
    else:
        where = (
            f"({q('incident_id')} = %s OR {q('case_id')} IN "  # noqa: S608 - model names, no input
            f"(SELECT {q('id')} FROM {q(Case._meta.db_table)} WHERE {q('incident_id')} = %s))"
        )
        params = [record.id, record.id]
        subject = incident_subject(record)
    if names is not None:
        if not names:
            return subject, []
        ordered = sorted(names)
        where += f" AND {q('name')} IN ({', '.join(['%s'] * len(ordered))})"
        params.extend(ordered)
    sql = f"SELECT {', '.join(q(c) for c in cols)} FROM {q(Event._meta.db_table)} WHERE {where}"  # noqa: S608
    with connection.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    db = connection.alias
    events = [Event.from_db(db, cols, _convert(Event, cols, row)) for row in rows]
    return subject, facts_of(events, subject)


@cache
def _alert_columns() -> list[str]:
    return [f.attname for f in Alert._meta.concrete_fields]


def load_alerts(target: Target, families: Collection[str] | None) -> list[Alert]:
    """The subject's alerts (of `families`): one plain query."""
    q = connection.ops.quote_name
    cols = _alert_columns()
    where = f"{q('subject_type')} = %s AND {q('subject_key')} = %s"
    params: list[Any] = [target.subject_type, target.key]
    if families is not None:
        ordered = sorted(families)
        where += f" AND {q('family')} IN ({', '.join(['%s'] * len(ordered))})"
        params.extend(ordered)
    sql = f"SELECT {', '.join(q(c) for c in cols)} FROM {q(Alert._meta.db_table)} WHERE {where}"  # noqa: S608
    with connection.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    db = connection.alias
    return [Alert.from_db(db, cols, _convert(Alert, cols, row)) for row in rows]


# --- incremental ----------------------------------------------------------------------------------------


# Set while a bulk writer (an import) records many events and checks their subjects once at the end.
_suspended: ContextVar[bool] = ContextVar("supervision_incremental_suspended", default=False)


def incremental_enabled() -> bool:
    return not _suspended.get() and bool(getattr(django_settings, "SUPERVISION_INCREMENTAL", True))


@contextmanager
def incremental_suspended() -> Iterator[None]:
    """No check after each event in this block (this thread only): the caller checks the subjects it
    touched once at the end with `supervise_subjects` — the same alerts, one evaluation per subject."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def supervise_subjects(*, case_ids: Iterable[int], incident_ids: Iterable[int], as_of: datetime) -> int:
    """Evaluate these cases and incidents (every family) as of `as_of`; returns how many."""
    if not incremental_enabled():
        return 0
    engine = Engine.load()
    targets = [
        Target("case", c)
        for c in Case.objects.filter(id__in=set(case_ids))
        .select_related("offence", "incident")
        .order_by("id")
    ]
    targets += [
        Target("incident", i) for i in Incident.objects.filter(id__in=set(incident_ids)).order_by("id")
    ]
    for target in targets:
        supervise_one(target, as_of=as_of, engine=engine)
    return len(targets)


def families_to_check(
    target: Target,
    attrs: dict[str, Any],
    checked: Checked,
    event_name: str,
    as_of: datetime,
    index: FamilyIndex,
) -> frozenset[str] | None:
    """The families an event makes worth evaluating: those that read it and those due by `as_of`. None:
    all of them (a subject never evaluated, or whose attributes changed)."""
    if checked.row is None or checked.row.fingerprint != fingerprint(attrs):
        return None
    return index.by_event.get((target.subject_type, event_name), frozenset()) | checked.due(as_of)


def _has_relations(case: Case) -> bool:
    """Whether the case's offence and incident are already loaded (no query to read them)."""
    cache_ = case._state.fields_cache
    return ("offence" in cache_ or case.offence_id is None) and (
        "incident" in cache_ or case.incident_id is None
    )


def after_event(event: Event, subject: Any) -> None:
    """Post-apply listener: re-evaluate the case or incident the event belongs to (and the linked one), for
    the rule families the event can affect and those due by the event's `recorded_at`.

    Events of a case's sub-records (a measure, an interview: `event.case_id` set by events.services) count
    for their case."""
    if not incremental_enabled() or not (event.case_id or event.incident_id):
        return
    engine = Engine.load()
    index = family_index(engine.catalogue)
    targets: list[Target] = []
    if event.case_id:
        case = subject if isinstance(subject, Case) and _has_relations(subject) else None
        if case is None:
            (case,) = load_cases(case_id=event.case_id)
        targets.append(Target("case", case))
        if case.incident_id:
            targets.append(Target("incident", case.incident))
    else:
        incident = subject
        targets.append(Target("incident", incident))
        targets.extend(Target("case", c) for c in load_cases(incident=incident))
    checked = load_checked((t.subject_type, t.record.id) for t in targets)
    for target in targets:
        state = checked[(target.subject_type, target.record.id)]
        attrs = subject_attributes(target)
        families = families_to_check(target, attrs, state, event.name, event.recorded_at, index)
        if families is not None and not families:
            continue
        supervise_one(
            target, as_of=event.recorded_at, engine=engine, event=event, families=families, checked=state
        )


def supervise_one(
    target: Target,
    *,
    as_of: datetime,
    engine: Engine,
    event: Event | None = None,
    families: Collection[str] | None = None,
    checked: Checked | None = None,
) -> SyncCounts:
    """Evaluate one subject (every family, or only `families`), sync its alerts and its obligations."""
    index = family_index(engine.catalogue)
    names = None if families is None else index.names_for(families)
    subject, facts = load_facts(target, names)
    evaluation = evaluate_subject(facts, subject, as_of=as_of, engine=engine, families=families)
    existing = load_alerts(target, families)
    counts = sync_alerts(target, evaluation, now=as_of, event=event, families=families, existing=existing)
    if checked is None:
        checked = load_checked([(target.subject_type, target.record.id)])[
            (target.subject_type, target.record.id)
        ]
    pending = plan_obligations(
        target, checked, subject, evaluation, families, facts, as_of=as_of, index=index
    )
    write_obligations([pending], as_of=as_of)
    return counts


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


def _chunks_of_ids(qs, ids: Sequence[int], size: int):
    """The records of `qs` among `ids` (sorted), `size` ids at a time."""
    for i in range(0, len(ids), size):
        chunk = list(qs.filter(id__in=ids[i : i + size]))
        if chunk:
            yield chunk


def _last_event_seq() -> int:
    return Event.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def _previous(scope: str) -> SweepRun | None:
    """The last sweep whose `event_seq` covers this scope: a whole sweep, or one of the same unit."""
    return (
        SweepRun.objects.filter(retrospective=False, event_seq__isnull=False, scope__in={"", scope})
        .order_by("-started_at", "-id")
        .first()
    )


def _due_and_changed(
    as_of: datetime, since_seq: int, upto_seq: int
) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """({kind: ids with a next check due by `as_of`}, {kind: ids with events in (since_seq, upto_seq]}) —
    changed including the linked subjects, since a case's timeline holds its incident's events and the
    other way round."""
    cases: set[int] = set()
    incidents: set[int] = set()
    for subject_type, subject_id in SupervisedSubject.objects.filter(next_check_at__lte=as_of).values_list(
        "subject_type", "subject_id"
    ):
        (cases if subject_type == "case" else incidents).add(subject_id)
    changed_cases: set[int] = set()
    changed_incidents: set[int] = set()
    for case_id, incident_id in (
        Event.objects.filter(seq__gt=since_seq, seq__lte=upto_seq)
        .filter(Q(case_id__isnull=False) | Q(incident_id__isnull=False))
        .values_list("case_id", "incident_id")
        .distinct()
    ):
        if case_id:
            changed_cases.add(case_id)
        elif incident_id:
            changed_incidents.add(incident_id)
    if changed_cases:
        ids = sorted(changed_cases)
        for i in range(0, len(ids), 5000):
            changed_incidents.update(
                Case.objects.filter(id__in=ids[i : i + 5000], incident_id__isnull=False).values_list(
                    "incident_id", flat=True
                )
            )
    if changed_incidents:
        ids = sorted(changed_incidents)
        for i in range(0, len(ids), 5000):
            changed_cases.update(
                Case.objects.filter(incident_id__in=ids[i : i + 5000]).values_list("id", flat=True)
            )
    return {"case": cases, "incident": incidents}, {"case": changed_cases, "incident": changed_incidents}


def sweep(
    *,
    as_of: datetime | None = None,
    unit_code: str | None = None,
    triggered_by: str = "",
    chunk: int = CHUNK,
    full: bool = False,
) -> SweepResult:
    """Re-evaluate the subjects in scope (module docstring): with `full`, on the first sweep and for a
    retrospective, every open case and every incident; otherwise those due or changed since the last
    sweep."""
    now = clock.now()
    retrospective = as_of is not None and as_of < now - _SLACK
    as_of = as_of or now
    unit_path = None
    if unit_code:
        from lawtrail.org.models import Unit

        unit_path = Unit.objects.get(code=unit_code).path
    engine = Engine.load()
    index = family_index(engine.catalogue)
    started = time.monotonic()
    upto_seq = _last_event_seq()
    previous = None if (full or retrospective) else _previous(unit_code or "")
    mode = "due" if previous is not None else "full"
    total = SyncCounts()
    problems: list[dict[str, Any]] = []
    subjects = Counter()
    changed: dict[str, set[int]] = {"case": set(), "incident": set()}
    if mode == "full":
        sources = (
            ("case", _chunks(_open_cases(unit_path, as_of, retrospective), chunk)),
            ("incident", _chunks(_open_incidents(unit_path, as_of, retrospective), chunk)),
        )
    else:
        assert previous is not None
        assert previous.event_seq is not None
        due, changed = _due_and_changed(as_of, previous.event_seq, upto_seq)
        sources = (
            (
                "case",
                _chunks_of_ids(
                    _open_cases(unit_path, as_of, False), sorted(due["case"] | changed["case"]), chunk
                ),
            ),
            (
                "incident",
                _chunks_of_ids(
                    _open_incidents(unit_path, as_of, False),
                    sorted(due["incident"] | changed["incident"]),
                    chunk,
                ),
            ),
        )
    # Cases: the open ones. Incidents: all of them — an incident has no "closed" state, and a disposed one
    # can still lack its case or its video.
    for kind, records_chunks in sources:
        for records in records_chunks:
            subjects[kind] += len(records)
            if retrospective:
                built = build_many(cases=records)[0] if kind == "case" else build_many(incidents=records)[1]
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
            total.add(
                _sweep_chunk(
                    kind, records, as_of=as_of, engine=engine, index=index, mode=mode, changed=changed[kind]
                )
            )
    counts = {
        "mode": mode,
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
        mode=mode,
        event_seq=None if retrospective else upto_seq,
    )
    return SweepResult(run=run, counts=counts, problems=problems)


def _sweep_chunk(
    kind: str,
    records: list,
    *,
    as_of: datetime,
    engine: Engine,
    index: FamilyIndex,
    mode: str,
    changed: Collection[int] = (),
) -> SyncCounts:
    """Evaluate a chunk of cases or incidents, sync their alerts and obligations: a fixed number of queries.
    In `due` mode a subject whose attributes are unchanged and that has no new event gets only its due
    families; the others get every family."""
    total = SyncCounts()
    checked = load_checked((kind, r.id) for r in records)
    attrs = {r.id: (case_subject(r) if kind == "case" else incident_subject(r)) for r in records}
    families: dict[int, frozenset[str] | None] = {}
    for record in records:
        state = checked[(kind, record.id)]
        stale = state.row is None or state.row.fingerprint != fingerprint(attrs[record.id])
        if mode == "full" or stale or record.id in changed:
            families[record.id] = None
        else:
            families[record.id] = frozenset(state.due(as_of))
    everything = any(f is None for f in families.values())
    names = None if everything else index.names_for(set().union(*families.values()) if families else set())
    built = (
        build_many(cases=records, names=names)[0]
        if kind == "case"
        else build_many(incidents=records, names=names)[1]
    )
    keys = [r.number for r in records]
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
    pending: list[Pending] = []
    with transaction.atomic():
        for record in records:
            subject, facts = built[record.id]
            wanted = families[record.id]
            if wanted is not None and names is None:  # facts were loaded whole for another subject
                needed = index.names_for(wanted)
                facts = [f for f in facts if f.name in needed]
            evaluation = evaluate_subject(facts, subject, as_of=as_of, engine=engine, families=wanted)
            target = Target(kind, record)
            total.add(
                sync_alerts(
                    target,
                    evaluation,
                    now=as_of,
                    existing=existing[record.number],
                    leads=leads,
                    families=wanted,
                )
            )
            pending.append(
                plan_obligations(
                    target,
                    checked[(kind, record.id)],
                    subject,
                    evaluation,
                    wanted,
                    facts,
                    as_of=as_of,
                    index=index,
                )
            )
        write_obligations(pending, as_of=as_of)
    return total
