"""One rule on one timeline: the state of an evaluation (`Run`), its result (`RuleResult`, `State`), and how
the timeline's events are matched to a rule and paired with the event that started it.

Pairing (`correlate`): `subject` — the same subject (measure, item, document …): the same key, or an event
that names the start's key in its payload (`measure`, `item`); `party` — the same person; `none` — any
event of the timeline. A match marked `case_level` counts for the whole case (the transfer for
prosecution ends an arrest's custody clock).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from lawtrail.supervision.applicability import moment_of
from lawtrail.supervision.conditions import describe, holds
from lawtrail.supervision.facts import Fact
from lawtrail.supervision.loader import Catalogue
from lawtrail.supervision.periods import Calendar, format_moment
from lawtrail.supervision.rules import Level, Match, Rule, Severity
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


def known_facts(facts: Iterable[Fact], as_of: datetime) -> list[Fact]:
    """The facts known at `as_of`: recorded by then (and not dated after it), in the order they happened."""
    known = [f for f in facts if f.recorded_at <= as_of and f.occurred_at <= as_of]
    return sorted(known, key=lambda f: (f.occurred_at, f.recorded_at))


def event_matches(
    match: Match, fact: Fact, subject: Mapping[str, Any], facts: Sequence[Fact], settings: SupervisionSettings
) -> bool:
    return fact.name == match.event and all(holds(c, fact, subject, facts, settings) for c in match.where)


def related(rule: Rule, start: Fact, fact: Fact, match: Match | None = None) -> bool:
    """Whether `fact` concerns the same thing as the start event, for rules that pair events.

    `correlate: subject` — the same subject (measure, item, document …): the same key, or an event that
    names the start's key in its payload (`measure`, `item`); `correlate: party` — the same person. A
    match marked `case_level` counts for the whole case."""
    if match is not None and match.case_level:
        return True
    return correlated(rule.correlate, start, fact)


def correlated(how: str, start: Fact, fact: Fact) -> bool:
    party = start.payload.get("party")
    if how == "subject":
        return fact.key == start.key or (
            bool(start.key) and start.key in (fact.payload.get("measure"), fact.payload.get("item"))
        )
    if how == "party":
        return fact.payload.get("party") == party
    return True


@dataclass
class Run:
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


def first_match(
    run: Run, matches: Sequence[Match], start: Fact, *, after: datetime | None, until: datetime | None = None
) -> Fact | None:
    for fact in run.facts:
        for match in matches:
            moment = moment_of(fact, match.time)
            if after is not None and moment < after:
                continue
            if until is not None and moment > until:
                continue
            if event_matches(match, fact, run.subject, run.facts, run.settings) and related(
                run.rule, start, fact, match
            ):
                return fact
    return None


def breach(run: Run, start: Fact, due: datetime | None = None) -> RuleResult:
    if run.rule.on_breach == "manual_review":
        run.lines.append("该情形可能违规，需法制部门审查确认")
        return run.result(State.MANUAL_REVIEW, due=due, start=start)
    if run.rule.advisory_setting and run.settings.get(run.rule.advisory_setting):
        run.lines.append(f"按设置 {run.rule.advisory_setting}，仅作预警")
        return run.result(State.WARNING, due=due, level=Level.RED, start=start)
    return run.result(State.VIOLATED, due=due, start=start)
