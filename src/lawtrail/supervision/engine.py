"""The supervision engine: one rule of the catalogue, evaluated on a timeline of facts, at a moment.

Pure: no ORM, no wall clock. The caller passes the facts (the events of a case or an incident, as
`Fact`s), `as_of` (the moment to judge at), the legal calendar and the settings. Only facts recorded by
`as_of` count — 回头看 asks "what did we know then?" — so the same call answers for today and for any
day in the past.

`evaluate(rule, facts, …)` returns a `RuleResult`: the state, the due time, the warning level and a
Chinese explanation that joins the period arithmetic's steps (`supervision.periods`) with the rule's own
(which event started it, which version of the law applies and why, what satisfies it). The states:

* `not_applicable` — the rule does not apply, or has not started (its start event has not happened);
* `pending` — running, not yet due; `warning` — running, within a warning level of the due time;
* `paused` — the clock is stopped (鉴定, 听证 …);
* `met` — satisfied in time; `met_late` — satisfied after the limit (a violation on record);
* `overdue` — not satisfied and the limit has passed; `violated` — a required step missing or a
  prohibited act done;
* `manual_review` — a person must decide: a case straddling the 2026-01-01 change of the
  治安管理处罚法 (rules.md Open questions 1), or a fact pattern that only suggests a breach.

Which version of a rule applies: the one whose effective dates contain the date of the act that starts
it. A period that began under one version and is still running when the next takes effect straddles
the change; for rules marked `on_law_change: manual_review` (and with the setting
`law_transition_policy` at its default) the result is `manual_review`, with both computations explained.

What a fact carries is in `supervision/facts.py`; the condition vocabulary in `supervision/conditions.py`;
which rules and versions apply in `supervision/applicability.py`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime, time, timedelta

from lawtrail.supervision.applicability import (
    applicable_rules,
    gate_closed,
    moment_of,
    pick_version,
    start_facts,
    why_not_applicable,
)
from lawtrail.supervision.conditions import describe, holds, legal_day
from lawtrail.supervision.deadlines import default_warnings, evaluate_period
from lawtrail.supervision.facts import Fact, subject_of
from lawtrail.supervision.loader import Catalogue, default_catalogue
from lawtrail.supervision.periods import (
    LEGAL_TZ,
    Calendar,
    format_moment,
)
from lawtrail.supervision.rules import (
    Kind,
    OnLawChange,
    Rule,
)
from lawtrail.supervision.settings import SupervisionSettings
from lawtrail.supervision.timeline import (
    SEVERITY_ORDER,
    STATE_LABELS,
    RuleResult,
    Run,
    State,
    breach,
    event_matches,
    first_match,
    known_facts,
    related,
)

__all__ = [
    "STATE_LABELS",
    "Fact",
    "RuleResult",
    "State",
    "applicable_rules",
    "default_warnings",
    "evaluate",
    "evaluate_each",
    "holds",
]


def evaluate(
    rule: Rule,
    facts: Sequence[Fact],
    *,
    as_of: datetime,
    calendar: Calendar,
    settings: SupervisionSettings | None = None,
    catalogue: Catalogue | None = None,
    in_custody: bool | None = None,
) -> RuleResult:
    """The rule's state on these facts at `as_of` (the most serious one if it runs once per event).

    `rule` may be any version of its family: the version that applies is chosen from the facts (module
    docstring). `in_custody` overrides the rule's own flag (the `deadline` command's `--custody`)."""
    results = evaluate_each(
        rule,
        facts,
        as_of=as_of,
        calendar=calendar,
        settings=settings,
        catalogue=catalogue,
        in_custody=in_custody,
    )
    return min(results, key=lambda r: SEVERITY_ORDER.index(r.state))


def evaluate_each(
    rule: Rule,
    facts: Sequence[Fact],
    *,
    as_of: datetime,
    calendar: Calendar,
    settings: SupervisionSettings | None = None,
    catalogue: Catalogue | None = None,
    in_custody: bool | None = None,
) -> list[RuleResult]:
    """One result per start event for rules with `pick: each`, else a one-item list."""
    if as_of.tzinfo is None:
        raise ValueError("as_of must be an aware datetime")
    settings = settings or SupervisionSettings.defaults()
    if calendar.count_make_up_saturdays != settings.count_make_up_saturdays:
        calendar = dataclasses.replace(calendar, count_make_up_saturdays=settings.count_make_up_saturdays)
    if catalogue is None:
        catalogue = default_catalogue() if rule.id in default_catalogue().rules else None
    known = known_facts(facts, as_of)
    subject = subject_of(known)
    versions = catalogue.versions(rule.family) if catalogue and rule.id in catalogue.rules else [rule]
    chosen = pick_version(versions, known, subject, settings) if len(versions) > 1 else rule

    def run(version: Rule) -> list[RuleResult]:
        return _evaluate_version(
            Run(
                rule=version,
                facts=known,
                subject=subject,
                as_of=as_of,
                calendar=calendar,
                settings=settings,
                catalogue=catalogue,
                in_custody=version.in_custody if in_custody is None else in_custody,
            ),
            versions,
        )

    results = run(chosen)
    if len(versions) > 1 and chosen.effective_to is not None:
        straddling = _straddles(chosen, results, as_of, settings)
        if straddling is not None:
            later = [v for v in versions if v.effective_from > chosen.effective_to]
            others = [run(v)[0] for v in later]
            return [_manual_review(chosen, straddling, others, catalogue, settings)]
    return results


def _straddles(
    version: Rule, results: list[RuleResult], as_of: datetime, settings: SupervisionSettings
) -> RuleResult | None:
    """The result whose period began under `version` and was still running when the next version took
    effect, if the rule and the setting route such cases to manual review."""
    if (
        version.on_law_change is not OnLawChange.MANUAL_REVIEW
        or settings.law_transition_policy != "manual_review"
    ):
        return None
    assert version.effective_to is not None
    boundary = datetime.combine(version.effective_to + timedelta(days=1), time(0), tzinfo=LEGAL_TZ)
    if as_of < boundary:
        return None
    for result in results:
        if result.state is State.NOT_APPLICABLE or result.started_at is None:
            continue
        if result.started_at < boundary and (result.satisfied_at is None or result.satisfied_at >= boundary):
            return result
    return None


def _manual_review(
    version: Rule,
    result: RuleResult,
    others: list[RuleResult],
    catalogue: Catalogue | None,
    settings: SupervisionSettings,
) -> RuleResult:
    assert version.effective_to is not None
    boundary = (version.effective_to + timedelta(days=1)).isoformat()
    law = version.citations[0].law
    lines = [
        f"本案跨越{boundary}（《{law}》新旧版本交替）：期间在{version.id}施行期间开始，至{boundary}仍未完成",
        f"按{version.id}计算：{'期满' + format_moment(result.due) if result.due else result.state.label}"
        f"（{result.state.label}）",
    ]
    for other in others:
        if other.state is State.NOT_APPLICABLE:
            lines.append(
                f"按{other.rule_id}计算：尚未起算（{other.explanation[-2] if len(other.explanation) > 1 else ''}）"
            )
        else:
            lines.append(
                f"按{other.rule_id}计算：{'期满' + format_moment(other.due) if other.due else other.state.label}"
                f"（{other.state.label}）"
            )
    lines.append(
        "法律未规定程序期限如何适用于跨越新法施行日的案件（rules.md 待解决问题1）；按设置 "
        f"law_transition_policy = {settings.law_transition_policy}，转人工审查，由法制部门确定适用的版本"
    )
    lines.append("按旧版本的计算过程：")
    lines.extend("  " + line for line in result.explanation)
    lines.append(f"结论：{State.MANUAL_REVIEW.label}")
    return RuleResult(
        rule_id=version.id,
        state=State.MANUAL_REVIEW,
        due=result.due,
        level=None,
        explanation=tuple(lines),
        citation=result.citation,
        severity=version.severity,
        started_at=result.started_at,
        satisfied_at=result.satisfied_at,
        key=result.key,
        warnings=result.warnings,
    )


def _evaluate_version(run: Run, versions: Sequence[Rule]) -> list[RuleResult]:
    rule = run.rule
    run.lines.append(f"规则 {rule.id}「{rule.title}」：{rule.requirement}")
    run.lines.append(f"依据：{rule.citation_text()}")
    closed = gate_closed(rule, run.settings)
    if closed:
        run.lines.append(closed)
        return [run.result(State.NOT_APPLICABLE)]
    reason = why_not_applicable(rule, run.subject, run.facts, run.settings)
    if reason:
        run.lines.append(reason)
        return [run.result(State.NOT_APPLICABLE)]
    starts = start_facts(rule, run.facts, run.subject, run.settings)
    if not starts and rule.kind is Kind.PROHIBITION and rule.limit is None:
        seen = [f for f in run.facts if f.name in rule.start.events]
        if seen:
            run.lines.append(
                f"已发生{len(seen)}次{run.label(seen[0].name)}，均不属于本规则禁止的情形"
                f"（{'，'.join(describe(c, run.catalogue) for c in rule.start.where)}）"
            )
            return [run.result(State.MET)]
    if not starts:
        events = "或".join(run.label(e) for e in rule.start.events)
        run.lines.append(f"起算事件（{events}）尚未发生，本规则尚未开始计算")
        return [run.result(State.NOT_APPLICABLE)]
    if rule.start.pick == "first":
        starts = starts[:1]
    elif rule.start.pick == "last":
        starts = starts[-1:]
    act = moment_of(starts[0], rule.start.time)
    if not rule.in_force_on(legal_day(act)):
        in_force = [v.id for v in versions if v.in_force_on(legal_day(act))]
        run.lines.append(
            f"起算行为发生于{legal_day(act).isoformat()}，不在本规则的施行期间（{rule.window()}）内"
            + (f"；该日施行的版本为{'、'.join(in_force)}" if in_force else "")
        )
        return [run.result(State.NOT_APPLICABLE)]
    if rule.version:
        run.lines.append(
            f"适用版本：{rule.id}（施行期间{rule.window()}），因为起算行为发生于{legal_day(act).isoformat()}"
            "——适用行为发生之日施行的版本"
        )
    results = []
    for start in starts:
        branch = dataclasses.replace(run, lines=list(run.lines), warnings=list(run.warnings))
        results.append(_evaluate_start(branch, start))
    return results


def _evaluate_start(run: Run, start: Fact) -> RuleResult:
    rule = run.rule
    subject, facts, settings = run.subject, run.facts, run.settings
    begin = moment_of(start, rule.start.time)
    run.lines.append(f"起算事件：{run.label(start.name)}（{format_moment(begin)}）")
    for match in rule.restarted_by:
        for fact in facts:
            if (
                fact.occurred_at > begin
                and event_matches(match, fact, subject, facts, settings)
                and related(rule, start, fact, match)
            ):
                begin = fact.occurred_at
                run.lines.append(
                    f"重新计算：{run.label(fact.name)}（{format_moment(begin)}），期间自此重新起算"
                )
    for match in rule.cancelled_by:
        for fact in facts:
            if (
                moment_of(fact, match.time) >= begin
                and event_matches(match, fact, subject, facts, settings)
                and related(rule, start, fact, match)
            ):
                run.lines.append(
                    f"{format_moment(moment_of(fact, match.time))}{run.label(fact.name)}，本规则不再适用"
                )
                return run.result(State.NOT_APPLICABLE, start=start)
    if rule.kind is Kind.STEP:
        return _evaluate_step(run, start, begin)
    if rule.kind is Kind.PROHIBITION and rule.limit is None:
        return _evaluate_prohibition(run, start)
    return evaluate_period(run, start, begin)


def _evaluate_step(run: Run, start: Fact, begin: datetime) -> RuleResult:
    rule = run.rule
    required = run.labels(rule.satisfied_by)
    done = first_match(run, rule.satisfied_by, start, after=None, until=begin)
    if done is not None:
        run.lines.append(
            f"已于{format_moment(done.occurred_at)}{run.label(done.name)}，先于{run.label(start.name)}"
        )
        return run.result(State.MET, start=start, satisfied=done.occurred_at)
    run.lines.append(f"{run.label(start.name)}之前没有{required}")
    return breach(run, start)


def _evaluate_prohibition(run: Run, start: Fact) -> RuleResult:
    run.lines.append(f"{format_moment(start.occurred_at)}发生：{run.label(start.name)}，属于本规则禁止的情形")
    return breach(run, start)
