"""Rules with a limit: the limit itself (fixed, from a setting, or from the start event's payload), the
approved extensions (added, or tiers that replace the limit; counted only within their number and when
approved before expiry), the excluded periods, the warning levels — computed by `supervision.periods` —
and the waiting periods of prohibitions (no act before the period ends).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from lawtrail.supervision.applicability import moment_of
from lawtrail.supervision.conditions import holds, resolve_field
from lawtrail.supervision.facts import Fact
from lawtrail.supervision.periods import (
    Deadline,
    Extension,
    Pause,
    PeriodUnit,
    compute_deadline,
    format_moment,
)
from lawtrail.supervision.rules import LEVEL_ORDER, Kind, Level, Match, WarnBefore
from lawtrail.supervision.timeline import (
    RuleResult,
    Run,
    State,
    breach,
    correlated,
    event_matches,
    first_match,
    related,
)


def _limit(run: Run, start: Fact) -> tuple[int, PeriodUnit]:
    limit = run.rule.limit
    assert limit is not None
    amount, unit = limit.amount, limit.unit
    if limit.amount_setting:
        amount = run.settings.get(limit.amount_setting)
        run.lines.append(f"期限按设置 {limit.amount_setting} = {amount}")
    if limit.unit_setting:
        unit = PeriodUnit(run.settings.get(limit.unit_setting))
        run.lines.append(f"计算单位按设置 {limit.unit_setting} = {unit.label}")
    if limit.amount_from:
        value = resolve_field(limit.amount_from, start, run.subject)
        if isinstance(value, int) and not isinstance(value, bool):
            amount = value
            if limit.minus_from:
                less = resolve_field(limit.minus_from, start, run.subject)
                if isinstance(less, int) and not isinstance(less, bool) and less > 0:
                    amount = max(0, amount - less)
                    run.lines.append(f"期限取自{limit.amount_from}（{value}），折抵{less}，为{amount}")
                else:
                    run.lines.append(f"期限取自{limit.amount_from}：{amount}")
            else:
                run.lines.append(f"期限取自{limit.amount_from}：{amount}")
    return amount, unit


def _pauses(run: Run, start: Fact, begin: datetime) -> list[Pause]:
    pauses: list[Pause] = []
    for spec in run.rule.paused_by:
        used: set[int] = set()
        for index, fact in enumerate(run.facts):
            if fact.occurred_at < begin or not event_matches(
                spec.pause, fact, run.subject, run.facts, run.settings
            ):
                continue
            how = run.rule.correlate if spec.correlate == "rule" else spec.correlate
            if not spec.pause.case_level and not correlated(how, start, fact):
                continue
            end = None
            for later_index in range(index + 1, len(run.facts)):
                later = run.facts[later_index]
                if later_index in used or not event_matches(
                    spec.resume, later, run.subject, run.facts, run.settings
                ):
                    continue
                if fact.key and later.key and later.key != fact.key:
                    continue
                used.add(later_index)
                end = later.occurred_at
                break
            pauses.append(Pause(start=fact.occurred_at, end=end, reason=spec.reason))
    return pauses


def _compute(
    run: Run, begin: datetime, amount: int, unit: PeriodUnit, pauses, extensions, as_of: datetime
) -> Deadline:
    return compute_deadline(
        start=begin,
        amount=amount,
        unit=unit,
        calendar=run.calendar,
        holiday_rollover=run.rule.holiday_rollover,
        in_custody=run.in_custody,
        pauses=pauses,
        extensions=extensions,
        as_of=as_of,
    )


def _extensions(
    run: Run, start: Fact, begin: datetime, amount: int, unit: PeriodUnit, pauses: list[Pause]
) -> tuple[int, PeriodUnit, list[Extension]]:
    """The tier (a new total) and the additive extensions that count, in the order they were approved."""
    rule = run.rule
    found: list[tuple[Fact, Any]] = []
    for fact in run.facts:
        if fact.occurred_at < begin or not related(rule, start, fact):
            continue
        for spec in rule.extended_by:
            if fact.name == spec.event and all(
                holds(c, fact, run.subject, run.facts, run.settings) for c in spec.where
            ):
                found.append((fact, spec))
    extensions: list[Extension] = []
    counts: dict[int, int] = {}
    for fact, spec in found:
        value = spec.amount
        if spec.amount_from:
            taken = resolve_field(spec.amount_from, fact, run.subject)
            if isinstance(taken, int) and not isinstance(taken, bool):
                value = taken
        if spec.max_amount is not None and value > spec.max_amount:
            run.lines.append(
                f"{run.label(fact.name)}申请{value}，超过上限{spec.max_amount}，按{spec.max_amount}计"
            )
            value = spec.max_amount
        position = rule.extended_by.index(spec)
        counts[position] = counts.get(position, 0) + 1
        if spec.max_times is not None and counts[position] > spec.max_times:
            run.lines.append(
                f"{format_moment(fact.occurred_at)}的{spec.reason}超过法定次数（以{spec.max_times}次为限），不予计入"
            )
            continue
        current = _compute(run, begin, amount, unit, pauses, extensions, fact.occurred_at)
        if spec.before_expiry and current.due is not None and fact.occurred_at > current.due:
            run.lines.append(
                f"{spec.reason}于{format_moment(fact.occurred_at)}批准，晚于当时的期满{format_moment(current.due)}，"
                "不予计入（延长应在期限届满前批准）"
            )
            continue
        if spec.total:
            candidate = _compute(run, begin, value, spec.unit, pauses, extensions, fact.occurred_at)
            if current.due is not None and candidate.due is not None and candidate.due <= current.due:
                run.lines.append(f"{spec.reason}（{spec.unit.amount(value)}）不长于现有期限，不改变期满")
                continue
            amount, unit = value, spec.unit
            run.lines.append(
                f"{format_moment(fact.occurred_at)}{spec.reason}（{spec.approver}）：期限改为自起算时起"
                f"{unit.amount(amount)}"
            )
        else:
            extensions.append(
                Extension(
                    amount=value,
                    unit=spec.unit,
                    at=fact.occurred_at,
                    reason=f"{spec.reason}，{spec.approver}",
                )
            )
    return amount, unit, extensions


def default_warnings(amount: int, unit: PeriodUnit) -> list[WarnBefore]:
    """Warning levels for a rule that sets none, by the length of its limit (docs/rules.md)."""

    def w(level: str, n: int, u: str) -> WarnBefore:
        return WarnBefore(level=Level(level), amount=n, unit=u)

    if unit is PeriodUnit.HOURS:
        if amount >= 24:
            return [w("yellow", 6, "hours"), w("orange", 3, "hours"), w("red", 1, "hours")]
        return [w("yellow", 3, "hours"), w("orange", 2, "hours"), w("red", 1, "hours")]
    if unit in (PeriodUnit.MONTHS, PeriodUnit.YEARS):
        return [w("blue", 30, "days"), w("yellow", 15, "days"), w("orange", 7, "days"), w("red", 3, "days")]
    if amount >= 30:
        return [w("blue", 10, "days"), w("yellow", 5, "days"), w("orange", 3, "days"), w("red", 1, "days")]
    if amount >= 7:
        return [w("yellow", 3, "days"), w("orange", 2, "days"), w("red", 1, "days")]
    return [w("orange", 1, "days"), w("red", 12, "hours")]


def _level(run: Run, due: datetime, amount: int, unit: PeriodUnit) -> Level | None:
    levels = run.rule.warn_before if run.rule.warn_before is not None else default_warnings(amount, unit)
    reached = [w for w in levels if run.as_of >= due - w.delta()]
    if not reached:
        return None
    return max((w.level for w in reached), key=LEVEL_ORDER.index)


def evaluate_period(run: Run, start: Fact, begin: datetime) -> RuleResult:
    rule = run.rule
    amount, unit = _limit(run, start)
    pauses = _pauses(run, start, begin)
    amount, unit, extensions = _extensions(run, start, begin, amount, unit, pauses)
    is_prohibition = rule.kind is Kind.PROHIBITION
    watched = rule.violated_by if is_prohibition else rule.satisfied_by
    after = None if any(m.time == "recorded" for m in watched) and not is_prohibition else begin
    done = first_match(run, watched, start, after=after)
    judged_at = run.as_of if done is None else min(run.as_of, moment_of(done, match_time(watched, done)))
    deadline = _compute(run, begin, amount, unit, pauses, extensions, judged_at)
    run.lines.extend(deadline.explanation)
    run.warnings.extend(deadline.warnings)
    due = deadline.due
    if is_prohibition:
        return _evaluate_waiting_period(run, start, done, due)
    if done is not None:
        when = moment_of(done, match_time(watched, done))
        verb = "录入" if match_time(watched, done) == "recorded" else ""
        run.lines.append(f"{format_moment(when)}{verb}{run.label(done.name)}")
        if due is None or when <= due:
            return run.result(State.MET, due=due, start=start, satisfied=when)
        run.lines.append(f"晚于期满时间{format_moment(due)}")
        return run.result(State.MET_LATE, due=due, start=start, satisfied=when)
    run.lines.append(f"截至{format_moment(run.as_of)}，尚无{run.labels(watched)}")
    if due is None:
        return run.result(State.PAUSED, start=start)
    if run.as_of > due:
        if rule.advisory_setting and run.settings.get(rule.advisory_setting):
            run.lines.append(f"已过期满时间；按设置 {rule.advisory_setting}，仅作预警")
            return run.result(State.WARNING, due=due, level=Level.RED, start=start)
        return run.result(State.OVERDUE, due=due, start=start)
    level = _level(run, due, amount, unit)
    if level is not None:
        return run.result(State.WARNING, due=due, level=level, start=start)
    return run.result(State.PENDING, due=due, start=start)


def match_time(matches: Sequence[Match], fact: Fact) -> str:
    for match in matches:
        if match.event == fact.name:
            return match.time
    return "occurred"


def _evaluate_waiting_period(run: Run, start: Fact, done: Fact | None, due: datetime | None) -> RuleResult:
    """A prohibition with a limit: `violated_by` must not happen before the period ends."""
    limit = due - timedelta(days=1) if due is not None and run.rule.allow_on_last_day else due
    if done is not None and (limit is None or done.occurred_at < limit):
        run.lines.append(f"{format_moment(done.occurred_at)}{run.label(done.name)}，早于期间届满，违反本规则")
        return breach(run, start, due)
    if done is not None:
        run.lines.append(f"{format_moment(done.occurred_at)}{run.label(done.name)}，在期间届满之后")
        return run.result(State.MET, due=due, start=start, satisfied=done.occurred_at)
    if due is None:
        return run.result(State.PAUSED, start=start)
    if run.as_of < due:
        run.lines.append("期间尚未届满，在此之前不得" + run.labels(run.rule.violated_by))
        return run.result(State.PENDING, due=due, start=start)
    run.lines.append("期间已届满，其间未发生禁止的行为")
    return run.result(State.MET, due=due, start=start)
