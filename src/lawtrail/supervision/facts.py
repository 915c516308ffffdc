"""Facts: the events of a case's or an incident's timeline as the engine reads them, and the facts of
worked examples and of hand-made timelines (`lawtrail deadline`).

What a Fact carries (the fact builder's contract):

* `name`, `occurred_at`, `recorded_at`, `payload` — the event as recorded;
* `subject` — the attributes of the case or incident the timeline belongs to: `type` (case/incident),
  for cases `kind`, `offence`, `offence_law`, `offence_category`, `procedure`, `incident_category`,
  `major_crime`; for incidents `category`, `source`;
* `key` — the natural key of the event's own subject (a measure, an interview, a property item), which
  rules with `correlate: subject` use to pair an event with its follow-ups;
* `context` — what the builder looked up for the event: `officer_is_auxiliary`, `officer_qualified` for a
  handler assignment.

A case's timeline holds the case's events and those of its incident; an incident's holds the incident's
events and those of the case it became.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lawtrail.supervision.conditions import (
    AnyOf,
    Condition,
    ConditionItem,
    FactExists,
    Op,
    holds,
    target_value,
)
from lawtrail.supervision.rules import Example, Rule, SubjectType
from lawtrail.supervision.settings import SupervisionSettings


@dataclass(frozen=True)
class Fact:
    name: str
    occurred_at: datetime
    recorded_at: datetime
    payload: Mapping[str, Any] = field(default_factory=dict)
    subject: Mapping[str, Any] = field(default_factory=dict)
    key: str = ""
    context: Mapping[str, Any] = field(default_factory=dict)


def subject_of(facts: Iterable[Fact]) -> dict[str, Any]:
    """The attributes of the timeline's subject as of its latest fact (later facts override earlier)."""
    merged: dict[str, Any] = {}
    for fact in facts:
        merged.update(fact.subject)
    return merged


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


# A value that differs from any the catalogue compares with, for `ne` / `not_in` conditions.
OTHER = "其他"


def _sample(item: ConditionItem, settings: SupervisionSettings) -> tuple[str, Any] | None:
    """A field and a value that make a simple condition hold (for hand-made timelines)."""
    if not isinstance(item, Condition):
        if isinstance(item, AnyOf):
            return _sample(item.any[0], settings)
        return None
    target = target_value(item, settings)
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
    if item.op in (Op.NE, Op.NOT_IN):
        return item.field, OTHER
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


def hand_made_timeline(
    rule: Rule,
    start: datetime,
    events: Iterable[tuple[str, datetime, Mapping[str, Any]]] = (),
    *,
    settings: SupervisionSettings | None = None,
) -> tuple[list[Fact], list[str]]:
    """The facts of a hand-made timeline for `rule` (`lawtrail deadline`): its start event at `start`, the
    events the rule requires the timeline to have (a victim, an earlier extension …) at the same moment —
    unless such an event would itself satisfy the rule, which the user must then give — and `events`.
    Returns the facts and, in Chinese, what was assumed."""
    settings = settings or SupervisionSettings.defaults()
    facts = [hand_made_fact(rule, rule.start.events[0], start, settings=settings)]
    assumed: list[str] = []
    for item in rule.applies_to.conditions:
        if not isinstance(item, FactExists) or not item.exists:
            continue
        payload: dict[str, Any] = {}
        for condition in item.where:
            sample = _sample(condition, settings)
            if sample and sample[0].startswith("payload."):
                _put(payload, sample[0].split(".", 1)[1], sample[1])
        required = Fact(
            name=item.fact, occurred_at=start, recorded_at=start, payload=payload, subject=facts[0].subject
        )
        if any(
            m.event == required.name
            and all(holds(c, required, required.subject, facts, settings) for c in m.where)
            for m in rule.satisfied_by
        ):
            continue  # it would satisfy the rule itself: the user gives it with --event
        facts.append(required)
        shown = f"（{json.dumps(payload, ensure_ascii=False)}）" if payload else ""
        assumed.append(f"假定时间线上有「{item.fact}」事件{shown}")
    for name, at, payload in events:
        facts.append(hand_made_fact(rule, name, at, settings=settings, payload=dict(payload)))
    return facts, assumed
