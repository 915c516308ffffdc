"""Which rules apply to a case or an incident, and which version of a rule applies to its facts.

A rule applies when its `applies_to` holds for the subject (case kind, offences, procedure, conditions)
and its gate is open (a setting, or `unverified_rules_enabled` for UNVERIFIED sources). Of the versions of
a rule, the one whose effective dates hold the date of its own starting act applies (the earliest such act
wins); before any start, the version in force on the date of the latest fact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from fnmatch import fnmatchcase
from typing import Any

from lawtrail.supervision.conditions import describe, holds, legal_day
from lawtrail.supervision.facts import Fact
from lawtrail.supervision.loader import Catalogue, default_catalogue
from lawtrail.supervision.rules import Rule, Status, SubjectType
from lawtrail.supervision.settings import SupervisionSettings

KIND_LABELS = {"admin": "行政案件", "criminal": "刑事案件"}
PROCEDURE_LABELS = {"general": "一般程序", "summary": "简易程序"}


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


def gate_closed(rule: Rule, settings: SupervisionSettings) -> str | None:
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
        chosen = pick_version(live, facts, subject, settings)
        if gate_closed(chosen, settings) or why_not_applicable(chosen, subject, facts, settings):
            continue
        picked.append(chosen)
    return picked


def moment_of(fact: Fact, which: str) -> datetime:
    return fact.recorded_at if which == "recorded" else fact.occurred_at


def start_facts(
    rule: Rule, facts: Sequence[Fact], subject: Mapping[str, Any], settings: SupervisionSettings
) -> list[Fact]:
    return [
        f
        for f in facts
        if f.name in rule.start.events
        and all(holds(c, f, subject, facts, settings) for c in rule.start.where)
    ]


def pick_version(
    versions: Sequence[Rule], facts: Sequence[Fact], subject: Mapping[str, Any], settings: SupervisionSettings
) -> Rule:
    """The version whose effective window holds the date of its own start act (the earliest such act wins);
    before any start, the version in force on the date of the latest fact (or the newest)."""
    if len(versions) == 1:
        return versions[0]
    candidates = []
    for version in versions:
        starts = start_facts(version, facts, subject, settings)
        if starts:
            moment = moment_of(starts[0], version.start.time)
            if version.in_force_on(legal_day(moment)):
                candidates.append((moment, version))
    if candidates:
        return min(candidates, key=lambda c: c[0])[1]
    if facts:
        day = legal_day(facts[-1].occurred_at)
        for version in versions:
            if version.in_force_on(day):
                return version
    return versions[-1]
