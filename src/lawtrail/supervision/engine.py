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

What a Fact carries (the fact builder's contract):

* `name`, `occurred_at`, `recorded_at`, `payload` — the event as recorded;
* `subject` — the attributes of the case or incident the timeline belongs to: `type` (case/incident),
  for cases `kind`, `offence`, `offence_law`, `offence_category`, `procedure`, `incident_category`,
  `major_crime`; for incidents `category`, `source`;
* `key` — the natural key of the event's own subject (a measure, an interview, a property item), which
  rules with `correlate: subject` use to pair an event with its follow-ups;
* `context` — what the builder looked up for the event: `officer_is_auxiliary` for a handler assignment.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from fnmatch import fnmatchcase
from typing import Any

from lawtrail.supervision.periods import (
    LEGAL_TZ,
    Calendar,
    Deadline,
    Extension,
    Pause,
    PeriodUnit,
    compute_deadline,
    format_moment,
)
from lawtrail.supervision.rules import (
    LEVEL_ORDER,
    AllOf,
    AnyOf,
    Catalogue,
    Condition,
    ConditionItem,
    Example,
    FactExists,
    Kind,
    Level,
    Match,
    OnLawChange,
    Op,
    Rule,
    SettingRef,
    Severity,
    Status,
    SubjectType,
    WarnBefore,
    default_catalogue,
)
from lawtrail.supervision.settings import SupervisionSettings


class State(StrEnum):
    NOT_APPLICABLE = "not_applicable"
    PENDING = "pending"
    WARNING = "warning"
    PAUSED = "paused"
    MET = "met"
    MET_LATE = "met_late"
    OVERDUE = "overdue"
    VIOLATED = "violated"
    MANUAL_REVIEW = "manual_review"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    State.NOT_APPLICABLE: "不适用",
    State.PENDING: "计时中",
    State.WARNING: "预警",
    State.PAUSED: "计时暂停",
    State.MET: "按期完成",
    State.MET_LATE: "逾期完成",
    State.OVERDUE: "超期",
    State.VIOLATED: "违规",
    State.MANUAL_REVIEW: "需人工审查",
}

# Most serious first: what `evaluate` reports when a rule ran once per event (`pick: each`).
SEVERITY_ORDER = [
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

KIND_LABELS = {"admin": "行政案件", "criminal": "刑事案件"}
PROCEDURE_LABELS = {"general": "一般程序", "summary": "简易程序"}


@dataclass(frozen=True)
class Fact:
    name: str
    occurred_at: datetime
    recorded_at: datetime
    payload: Mapping[str, Any] = field(default_factory=dict)
    subject: Mapping[str, Any] = field(default_factory=dict)
    key: str = ""
    context: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleResult:
    rule_id: str
    state: State
    due: datetime | None
    level: Level | None
    explanation: tuple[str, ...]
    citation: str
    severity: Severity
    started_at: datetime | None = None
    satisfied_at: datetime | None = None
    key: str = ""
    warnings: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "state": self.state.value,
            "state_label": self.state.label,
            "due": self.due.isoformat() if self.due else None,
            "due_text": format_moment(self.due) if self.due else None,
            "level": self.level.value if self.level else None,
            "severity": self.severity.value,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "satisfied_at": self.satisfied_at.isoformat() if self.satisfied_at else None,
            "key": self.key,
            "citation": self.citation,
            "explanation": list(self.explanation),
            "warnings": list(self.warnings),
        }


# --- conditions -----------------------------------------------------------------------------------------

_MISSING = object()


def _resolve(
    path: str, fact: Fact | None, subject: Mapping[str, Any], settings: SupervisionSettings | None = None
) -> Any:
    root, _, rest = path.partition(".")
    source: Any
    if root == "subject":
        source = subject
    elif root == "setting":
        return settings.get(rest) if settings is not None else _MISSING
    elif fact is None:
        return _MISSING
    elif root == "event":
        return _act_day(fact.occurred_at).isoformat() if rest == "date" else _MISSING
    else:
        source = fact.payload if root == "payload" else fact.context
    for part in rest.split("."):
        if isinstance(source, Mapping) and part in source:
            source = source[part]
        else:
            return _MISSING
    return _MISSING if source is None or source == "" else source


def _target(condition: Condition, settings: SupervisionSettings) -> Any:
    value = condition.value
    return settings.get(value.setting) if isinstance(value, SettingRef) else value


def holds(
    item: ConditionItem,
    fact: Fact | None,
    subject: Mapping[str, Any],
    facts: Sequence[Fact],
    settings: SupervisionSettings,
) -> bool:
    """Whether a condition of the catalogue's vocabulary (rules.py) holds for `fact` in this timeline."""
    if isinstance(item, AnyOf):
        return any(holds(c, fact, subject, facts, settings) for c in item.any)
    if isinstance(item, AllOf):
        return all(holds(c, fact, subject, facts, settings) for c in item.all)
    if isinstance(item, FactExists):
        found = any(
            f.name == item.fact and all(holds(c, f, subject, facts, settings) for c in item.where)
            for f in facts
        )
        return found == item.exists
    value = _resolve(item.field, fact, subject, settings)
    target = _target(item, settings)
    present = value is not _MISSING
    match item.op:
        case Op.PRESENT:
            return present
        case Op.ABSENT:
            return not present
        case Op.EQ:
            return present and value == target
        case Op.NE:
            return not present or value != target
        case Op.IN:
            return (value in target) if present else (None in target)
        case Op.NOT_IN:
            return (value not in target) if present else (None not in target)
        case Op.STARTSWITH:
            return present and isinstance(value, str) and value.startswith(str(target))
    if isinstance(target, str):
        if not present or not isinstance(value, str):
            return False
    elif not present or isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return {Op.GT: value > target, Op.GTE: value >= target, Op.LT: value < target, Op.LTE: value <= target}[
        item.op
    ]


def describe(item: ConditionItem, catalogue: Catalogue | None = None) -> str:
    """A condition in words, for explanations and docs/rules.md."""
    if isinstance(item, AnyOf):
        return "（" + " 或 ".join(describe(c, catalogue) for c in item.any) + "）"
    if isinstance(item, AllOf):
        return "（" + " 且 ".join(describe(c, catalogue) for c in item.all) + "）"
    if isinstance(item, FactExists):
        label = catalogue.label(item.fact) if catalogue else item.fact
        where = f"（{'，'.join(describe(c, catalogue) for c in item.where)}）" if item.where else ""
        return f"{'有' if item.exists else '没有'}「{label}」事件{where}"
    value = item.value
    shown = f"设置 {value.setting}" if isinstance(value, SettingRef) else value
    if isinstance(shown, bool):
        shown = "是" if shown else "否"
    if isinstance(shown, list):
        shown = "、".join("（空）" if v is None else str(v) for v in shown)
    words = {
        Op.EQ: "=",
        Op.NE: "≠",
        Op.IN: "属于",
        Op.NOT_IN: "不属于",
        Op.PRESENT: "已填写",
        Op.ABSENT: "未填写",
        Op.GT: ">",
        Op.GTE: "≥",
        Op.LT: "<",
        Op.LTE: "≤",
        Op.STARTSWITH: "以…开头：",
    }[item.op]
    return f"{item.field} {words}{'' if item.op in (Op.PRESENT, Op.ABSENT) else ' ' + str(shown)}"


# --- applicability --------------------------------------------------------------------------------------


def subject_of(facts: Iterable[Fact]) -> dict[str, Any]:
    """The attributes of the timeline's subject as of its latest fact (later facts override earlier)."""
    merged: dict[str, Any] = {}
    for fact in facts:
        merged.update(fact.subject)
    return merged


def why_not_applicable(
    rule: Rule, subject: Mapping[str, Any], facts: Sequence[Fact], settings: SupervisionSettings
) -> str | None:
    """None if the rule's `applies_to` holds for this subject, else the reason in Chinese."""
    applies = rule.applies_to
    if applies.case_kind and subject.get("kind") != applies.case_kind:
        return f"本规则只适用于{KIND_LABELS[applies.case_kind]}"
    if applies.offences:
        offence = subject.get("offence")
        if not offence or not any(fnmatchcase(offence, pattern) for pattern in applies.offences):
            return f"案由不在本规则的范围内（{'、'.join(applies.offences)}）"
    if applies.procedure and subject.get("procedure", "general") != applies.procedure:
        return f"本规则只适用于{PROCEDURE_LABELS[applies.procedure]}"
    for condition in applies.conditions:
        if not holds(condition, None, subject, facts, settings):
            return f"不满足适用条件：{describe(condition)}"
    return None


def _gate_closed(rule: Rule, settings: SupervisionSettings) -> str | None:
    if rule.gate is None:
        return None
    if rule.gate == "unverified":
        if rule.id in settings.unverified_rules_enabled:
            return None
        return (
            "本规则的依据未经核实（rules.md：UNVERIFIED），未启用；核实后将规则编号加入设置 "
            "unverified_rules_enabled 即可启用"
        )
    if settings.get(rule.gate):
        return None
    return f"按设置 {rule.gate} = 否，本规则未启用"


def applicable_rules(
    subject: Mapping[str, Any],
    facts: Sequence[Fact],
    *,
    catalogue: Catalogue | None = None,
    settings: SupervisionSettings | None = None,
) -> list[Rule]:
    """The live rules to evaluate for a case or an incident: one version per family (the one the engine
    would pick for these facts), whose `applies_to` holds and whose gate is open. For an incident (subject
    type `incident`) the incident rules; for a case every other rule."""
    catalogue = catalogue or default_catalogue()
    settings = settings or SupervisionSettings.defaults()
    kind = subject.get("type", "case")
    picked: list[Rule] = []
    for versions in catalogue.families.values():
        live = [v for v in versions if v.status is Status.LIVE]
        if not live:
            continue
        rule_subject = live[0].applies_to.subject
        if rule_subject is SubjectType.PERIOD:
            continue
        if (kind == "incident") != (rule_subject is SubjectType.INCIDENT):
            continue
        chosen = _pick_version(live, facts, subject, settings)
        if _gate_closed(chosen, settings) or why_not_applicable(chosen, subject, facts, settings):
            continue
        picked.append(chosen)
    return picked


# --- the timeline ---------------------------------------------------------------------------------------


def _known(facts: Iterable[Fact], as_of: datetime) -> list[Fact]:
    """The facts known at `as_of`: recorded by then (and not dated after it), in the order they happened."""
    known = [f for f in facts if f.recorded_at <= as_of and f.occurred_at <= as_of]
    return sorted(known, key=lambda f: (f.occurred_at, f.recorded_at))


def _moment(fact: Fact, which: str) -> datetime:
    return fact.recorded_at if which == "recorded" else fact.occurred_at


def _matches(
    match: Match, fact: Fact, subject: Mapping[str, Any], facts: Sequence[Fact], settings: SupervisionSettings
) -> bool:
    return fact.name == match.event and all(holds(c, fact, subject, facts, settings) for c in match.where)


def _related(rule: Rule, start: Fact, fact: Fact, match: Match | None = None) -> bool:
    """Whether `fact` concerns the same thing as the start event, for rules that pair events.

    `correlate: subject` — the same subject (measure, item, document …): the same key, or an event that
    names the start's key in its payload (`measure`, `item`); `correlate: party` — the same person. A
    match marked `case_level` counts for the whole case."""
    if match is not None and match.case_level:
        return True
    return _correlated(rule.correlate, start, fact)


def _correlated(how: str, start: Fact, fact: Fact) -> bool:
    party = start.payload.get("party")
    if how == "subject":
        return fact.key == start.key or (
            bool(start.key) and start.key in (fact.payload.get("measure"), fact.payload.get("item"))
        )
    if how == "party":
        return fact.payload.get("party") == party
    return True


def _starts(
    rule: Rule, facts: Sequence[Fact], subject: Mapping[str, Any], settings: SupervisionSettings
) -> list[Fact]:
    return [
        f
        for f in facts
        if f.name in rule.start.events
        and all(holds(c, f, subject, facts, settings) for c in rule.start.where)
    ]


def _act_day(moment: datetime) -> date:
    return moment.astimezone(LEGAL_TZ).date()


def _pick_version(
    versions: Sequence[Rule], facts: Sequence[Fact], subject: Mapping[str, Any], settings: SupervisionSettings
) -> Rule:
    """The version whose effective window holds the date of its own start act (the earliest such act wins);
    before any start, the version in force on the date of the latest fact (or the newest)."""
    if len(versions) == 1:
        return versions[0]
    candidates = []
    for version in versions:
        starts = _starts(version, facts, subject, settings)
        if starts:
            moment = _moment(starts[0], version.start.time)
            if version.in_force_on(_act_day(moment)):
                candidates.append((moment, version))
    if candidates:
        return min(candidates, key=lambda c: c[0])[1]
    if facts:
        day = _act_day(facts[-1].occurred_at)
        for version in versions:
            if version.in_force_on(day):
                return version
    return versions[-1]


# --- evaluation ---------------------------------------------------------------------------------------


@dataclass
class _Run:
    """One evaluation in progress: the rule, the known facts, and the explanation being written."""

    rule: Rule
    facts: list[Fact]
    subject: dict[str, Any]
    as_of: datetime
    calendar: Calendar
    settings: SupervisionSettings
    catalogue: Catalogue | None
    in_custody: bool
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def label(self, event: str) -> str:
        return self.catalogue.label(event) if self.catalogue else event

    def labels(self, matches: Iterable[Match]) -> str:
        seen: list[str] = []
        for m in matches:
            text = self.label(m.event)
            if m.where:
                text += f"（{'，'.join(describe(c, self.catalogue) for c in m.where)}）"
            if text not in seen:
                seen.append(text)
        return "或".join(seen)

    def result(
        self,
        state: State,
        *,
        due: datetime | None = None,
        level: Level | None = None,
        start: Fact | None = None,
        satisfied: datetime | None = None,
    ) -> RuleResult:
        lines = [*self.lines, f"结论：{state.label}" + (f"（{level.label}预警）" if level else "")]
        return RuleResult(
            rule_id=self.rule.id,
            state=state,
            due=due,
            level=level,
            explanation=tuple(lines),
            citation=self.rule.citation_text(),
            severity=self.rule.severity,
            started_at=start.occurred_at if start else None,
            satisfied_at=satisfied,
            key=start.key if start else "",
            warnings=tuple(self.warnings),
        )


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
    known = _known(facts, as_of)
    subject = subject_of(known)
    versions = catalogue.versions(rule.family) if catalogue and rule.id in catalogue.rules else [rule]
    chosen = _pick_version(versions, known, subject, settings) if len(versions) > 1 else rule

    def run(version: Rule) -> list[RuleResult]:
        return _evaluate_version(
            _Run(
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


def _evaluate_version(run: _Run, versions: Sequence[Rule]) -> list[RuleResult]:
    rule = run.rule
    run.lines.append(f"规则 {rule.id}「{rule.title}」：{rule.requirement}")
    run.lines.append(f"依据：{rule.citation_text()}")
    closed = _gate_closed(rule, run.settings)
    if closed:
        run.lines.append(closed)
        return [run.result(State.NOT_APPLICABLE)]
    reason = why_not_applicable(rule, run.subject, run.facts, run.settings)
    if reason:
        run.lines.append(reason)
        return [run.result(State.NOT_APPLICABLE)]
    starts = _starts(rule, run.facts, run.subject, run.settings)
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
    act = _moment(starts[0], rule.start.time)
    if not rule.in_force_on(_act_day(act)):
        in_force = [v.id for v in versions if v.in_force_on(_act_day(act))]
        run.lines.append(
            f"起算行为发生于{_act_day(act).isoformat()}，不在本规则的施行期间（{rule.window()}）内"
            + (f"；该日施行的版本为{'、'.join(in_force)}" if in_force else "")
        )
        return [run.result(State.NOT_APPLICABLE)]
    if rule.version:
        run.lines.append(
            f"适用版本：{rule.id}（施行期间{rule.window()}），因为起算行为发生于{_act_day(act).isoformat()}"
            "——适用行为发生之日施行的版本"
        )
    results = []
    for start in starts:
        branch = dataclasses.replace(run, lines=list(run.lines), warnings=list(run.warnings))
        results.append(_evaluate_start(branch, start))
    return results


def _evaluate_start(run: _Run, start: Fact) -> RuleResult:
    rule = run.rule
    subject, facts, settings = run.subject, run.facts, run.settings
    begin = _moment(start, rule.start.time)
    run.lines.append(f"起算事件：{run.label(start.name)}（{format_moment(begin)}）")
    for match in rule.restarted_by:
        for fact in facts:
            if (
                fact.occurred_at > begin
                and _matches(match, fact, subject, facts, settings)
                and _related(rule, start, fact, match)
            ):
                begin = fact.occurred_at
                run.lines.append(
                    f"重新计算：{run.label(fact.name)}（{format_moment(begin)}），期间自此重新起算"
                )
    for match in rule.cancelled_by:
        for fact in facts:
            if (
                _moment(fact, match.time) >= begin
                and _matches(match, fact, subject, facts, settings)
                and _related(rule, start, fact, match)
            ):
                run.lines.append(
                    f"{format_moment(_moment(fact, match.time))}{run.label(fact.name)}，本规则不再适用"
                )
                return run.result(State.NOT_APPLICABLE, start=start)
    if rule.kind is Kind.STEP:
        return _evaluate_step(run, start, begin)
    if rule.kind is Kind.PROHIBITION and rule.limit is None:
        return _evaluate_prohibition(run, start)
    return _evaluate_period(run, start, begin)


def _first(
    run: _Run, matches: Sequence[Match], start: Fact, *, after: datetime | None, until: datetime | None = None
) -> Fact | None:
    for fact in run.facts:
        for match in matches:
            moment = _moment(fact, match.time)
            if after is not None and moment < after:
                continue
            if until is not None and moment > until:
                continue
            if _matches(match, fact, run.subject, run.facts, run.settings) and _related(
                run.rule, start, fact, match
            ):
                return fact
    return None


def _evaluate_step(run: _Run, start: Fact, begin: datetime) -> RuleResult:
    rule = run.rule
    required = run.labels(rule.satisfied_by)
    done = _first(run, rule.satisfied_by, start, after=None, until=begin)
    if done is not None:
        run.lines.append(
            f"已于{format_moment(done.occurred_at)}{run.label(done.name)}，先于{run.label(start.name)}"
        )
        return run.result(State.MET, start=start, satisfied=done.occurred_at)
    run.lines.append(f"{run.label(start.name)}之前没有{required}")
    return _breach(run, start)


def _breach(run: _Run, start: Fact, due: datetime | None = None) -> RuleResult:
    if run.rule.on_breach == "manual_review":
        run.lines.append("该情形可能违规，需法制部门审查确认")
        return run.result(State.MANUAL_REVIEW, due=due, start=start)
    if run.rule.advisory_setting and run.settings.get(run.rule.advisory_setting):
        run.lines.append(f"按设置 {run.rule.advisory_setting}，仅作预警")
        return run.result(State.WARNING, due=due, level=Level.RED, start=start)
    return run.result(State.VIOLATED, due=due, start=start)


def _evaluate_prohibition(run: _Run, start: Fact) -> RuleResult:
    run.lines.append(f"{format_moment(start.occurred_at)}发生：{run.label(start.name)}，属于本规则禁止的情形")
    return _breach(run, start)


# --- periods ----------------------------------------------------------------------------------------------


def _limit(run: _Run, start: Fact) -> tuple[int, PeriodUnit]:
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
        value = _resolve(limit.amount_from, start, run.subject)
        if isinstance(value, int) and not isinstance(value, bool):
            amount = value
            if limit.minus_from:
                less = _resolve(limit.minus_from, start, run.subject)
                if isinstance(less, int) and not isinstance(less, bool) and less > 0:
                    amount = max(0, amount - less)
                    run.lines.append(f"期限取自{limit.amount_from}（{value}），折抵{less}，为{amount}")
                else:
                    run.lines.append(f"期限取自{limit.amount_from}：{amount}")
            else:
                run.lines.append(f"期限取自{limit.amount_from}：{amount}")
    return amount, unit


def _pauses(run: _Run, start: Fact, begin: datetime) -> list[Pause]:
    pauses: list[Pause] = []
    for spec in run.rule.paused_by:
        used: set[int] = set()
        for index, fact in enumerate(run.facts):
            if fact.occurred_at < begin or not _matches(
                spec.pause, fact, run.subject, run.facts, run.settings
            ):
                continue
            how = run.rule.correlate if spec.correlate == "rule" else spec.correlate
            if not spec.pause.case_level and not _correlated(how, start, fact):
                continue
            end = None
            for later_index in range(index + 1, len(run.facts)):
                later = run.facts[later_index]
                if later_index in used or not _matches(
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
    run: _Run, begin: datetime, amount: int, unit: PeriodUnit, pauses, extensions, as_of: datetime
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
    run: _Run, start: Fact, begin: datetime, amount: int, unit: PeriodUnit, pauses: list[Pause]
) -> tuple[int, PeriodUnit, list[Extension]]:
    """The tier (a new total) and the additive extensions that count, in the order they were approved."""
    rule = run.rule
    found: list[tuple[Fact, Any]] = []
    for fact in run.facts:
        if fact.occurred_at < begin or not _related(rule, start, fact):
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
            taken = _resolve(spec.amount_from, fact, run.subject)
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


def _level(run: _Run, due: datetime, amount: int, unit: PeriodUnit) -> Level | None:
    levels = run.rule.warn_before if run.rule.warn_before is not None else default_warnings(amount, unit)
    reached = [w for w in levels if run.as_of >= due - w.delta()]
    if not reached:
        return None
    return max((w.level for w in reached), key=LEVEL_ORDER.index)


def _evaluate_period(run: _Run, start: Fact, begin: datetime) -> RuleResult:
    rule = run.rule
    amount, unit = _limit(run, start)
    pauses = _pauses(run, start, begin)
    amount, unit, extensions = _extensions(run, start, begin, amount, unit, pauses)
    is_prohibition = rule.kind is Kind.PROHIBITION
    watched = rule.violated_by if is_prohibition else rule.satisfied_by
    after = None if any(m.time == "recorded" for m in watched) and not is_prohibition else begin
    done = _first(run, watched, start, after=after)
    judged_at = run.as_of if done is None else min(run.as_of, _moment(done, _match_time(watched, done)))
    deadline = _compute(run, begin, amount, unit, pauses, extensions, judged_at)
    run.lines.extend(deadline.explanation)
    run.warnings.extend(deadline.warnings)
    due = deadline.due
    if is_prohibition:
        return _evaluate_waiting_period(run, start, done, due)
    if done is not None:
        when = _moment(done, _match_time(watched, done))
        verb = "录入" if _match_time(watched, done) == "recorded" else ""
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


def _match_time(matches: Sequence[Match], fact: Fact) -> str:
    for match in matches:
        if match.event == fact.name:
            return match.time
    return "occurred"


def _evaluate_waiting_period(run: _Run, start: Fact, done: Fact | None, due: datetime | None) -> RuleResult:
    """A prohibition with a limit: `violated_by` must not happen before the period ends."""
    limit = due - timedelta(days=1) if due is not None and run.rule.allow_on_last_day else due
    if done is not None and (limit is None or done.occurred_at < limit):
        run.lines.append(f"{format_moment(done.occurred_at)}{run.label(done.name)}，早于期间届满，违反本规则")
        return _breach(run, start, due)
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


# --- examples and hand-made timelines ---------------------------------------------------------------------


def example_facts(example: Example) -> list[Fact]:
    """The facts of a worked example: its events, each with the example's subject attributes."""
    return [
        Fact(
            name=event.name,
            occurred_at=event.at,
            recorded_at=event.recorded_at or event.at,
            payload=event.payload,
            subject=example.subject,
            key=event.key,
            context=event.context,
        )
        for event in example.events
    ]


def _sample(item: ConditionItem, settings: SupervisionSettings) -> tuple[str, Any] | None:
    """A field and a value that make a simple condition hold (for hand-made timelines)."""
    if not isinstance(item, Condition):
        if isinstance(item, AnyOf):
            return _sample(item.any[0], settings)
        return None
    target = _target(item, settings)
    if item.op is Op.EQ:
        return item.field, target
    if item.op is Op.IN:
        values = [v for v in target if v is not None]
        return (item.field, values[0]) if values else None
    if item.op in (Op.GTE, Op.LTE):
        return item.field, target
    if item.op is Op.GT:
        return item.field, target + 1
    if item.op is Op.LT:
        return item.field, target - 1
    if item.op is Op.PRESENT:
        return item.field, True
    return None


def _put(target: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target.setdefault(parts[-1], value)


def hand_made_fact(
    rule: Rule, name: str, at: datetime, *, settings: SupervisionSettings | None = None, payload=None
) -> Fact:
    """A fact for `lawtrail deadline`: the event `name` at `at`, with a payload and subject that satisfy
    the simple conditions the rule puts on that event and on its subject."""
    settings = settings or SupervisionSettings.defaults()
    applies = rule.applies_to
    subject: dict[str, Any] = {"type": "incident" if applies.subject is SubjectType.INCIDENT else "case"}
    if applies.case_kind:
        subject["kind"] = applies.case_kind
    if applies.procedure:
        subject["procedure"] = applies.procedure
    if applies.offences:
        subject["offence"] = applies.offences[0].replace("*", "example")
    data: dict[str, Any] = {}
    conditions: list[ConditionItem] = list(applies.conditions)
    if name in rule.start.events:
        conditions.extend(rule.start.where)
    for match in (*rule.satisfied_by, *rule.violated_by, *rule.cancelled_by):
        if match.event == name:
            conditions.extend(match.where)
            break
    for spec in rule.extended_by:
        if spec.event == name:
            conditions.extend(spec.where)
            break
    for item in conditions:
        sample = _sample(item, settings)
        if sample is None:
            continue
        path, value = sample
        root, _, rest = path.partition(".")
        if root == "subject":
            subject.setdefault(rest, value)
        elif root == "payload":
            _put(data, rest, value)
    for key, value in (payload or {}).items():
        data[key] = value
    return Fact(name=name, occurred_at=at, recorded_at=at, payload=data, subject=subject)
