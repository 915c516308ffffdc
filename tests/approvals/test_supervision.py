"""The approval rules of supervision/catalogue/10a_approvals.yaml: loaded with the rest of the catalogue (the
approval events declared in _events.yaml, `step_key` among the fact builder's key fields), every worked
example holds, and on stored events a step past its time limit raises an alert."""

from __future__ import annotations

import pytest

from lawtrail.common import clock
from lawtrail.events.registry import EVENT_TYPES
from lawtrail.supervision import sources
from lawtrail.supervision.calendar import load_calendar
from lawtrail.supervision.engine import evaluate
from lawtrail.supervision.facts import example_facts
from lawtrail.supervision.loader import default_catalogue
from lawtrail.supervision.models import Alert
from lawtrail.supervision.rules import Status
from lawtrail.supervision.runtime import Engine, Target, supervise_one
from lawtrail.supervision.settings import SupervisionSettings
from tests.approvals.helpers import case_for_decision, request_decision, seeded
from tests.factories import at
from tests.supervision.rule_fixtures import seeded_calendar


@pytest.fixture(scope="module")
def catalogue():
    return default_catalogue()


APPROVAL_RULES = ("apv.step_time_limit", "apv.act_before_approval", "apv.on_the_spot_approval_24h")


def test_the_declared_events_are_the_registered_ones(catalogue):
    """Given the approval events declared in _events.yaml, then each names a registered event type with its
    label, is marked as existing, and the fact builder pairs a step with its decision by `step_key`."""
    for name in (
        "approval.requested",
        "approval.step_opened",
        "approval.step_decided",
        "approval.granted",
        "approval.voided",
    ):
        assert catalogue.events[name].label == EVENT_TYPES[name].label
        assert catalogue.events[name].issue.value == "foundation"
    assert "step_key" in sources.KEY_FIELDS


@pytest.mark.parametrize(
    ("rule_id", "index"),
    [(r, i) for r in APPROVAL_RULES for i in range(3 if r != "apv.on_the_spot_approval_24h" else 2)],
)
def test_worked_example(catalogue, rule_id, index):
    """Given each worked example of the approval rules, when evaluated, then the result is the stated one."""
    rule = catalogue.rules[rule_id]
    example = rule.examples[index]
    result = evaluate(
        rule,
        example_facts(example),
        as_of=example.as_of,
        calendar=seeded_calendar(),
        settings=SupervisionSettings.defaults().replace(**example.settings),
        catalogue=catalogue,
    )
    assert result.state.value == example.expect.state, "\n".join(result.explanation)
    assert result.due == example.expect.due
    assert result.level == example.expect.level


def test_the_rules_have_exactly_these_examples(catalogue):
    """Given the approval rules, then they are live, from 10a_approvals.yaml, and have the examples the
    parametrised test runs (3, 3, 2)."""
    assert [len(catalogue.rules[r].examples) for r in APPROVAL_RULES] == [3, 3, 2]
    assert {catalogue.rules[r].status for r in APPROVAL_RULES} == {Status.LIVE}
    assert {catalogue.files[r] for r in APPROVAL_RULES} == {"10a_approvals.yaml"}


def test_a_step_past_its_time_limit_raises_an_alert(bureau, catalogue):
    """Given a request whose unit-head step (24 h) opened 2026-03-02 10:00 and the rule enabled, when the
    case is supervised now, then an overdue alert of apv.step_time_limit is open for that step; once the head
    decides (late, 2026-03-03 11:30), the alert stays as met late and the legal-review step's own alert is
    opened (its 72 h ran out on 2026-03-06)."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    request = request_decision(bureau, case)
    engine = Engine(
        calendar=load_calendar(),
        settings=SupervisionSettings.defaults().replace(unverified_rules_enabled=["apv.step_time_limit"]),
        catalogue=catalogue,
    )
    supervise_one(Target("case", case), as_of=clock.now(), engine=engine)
    alert = Alert.objects.get(family="apv.step_time_limit")
    assert (alert.level, alert.rule_state, alert.due) == ("overdue", "overdue", at("2026-03-03 10:00"))
    assert alert.occurrence == f"{request.request_id}#0"
    from lawtrail.approvals.services import approval_decide

    approval_decide(
        actor=bureau.head_sub_a,
        request=request,
        result="approve",
        opinion="同意",
        occurred_at=at("2026-03-03 11:30"),
    )
    supervise_one(Target("case", case), as_of=clock.now(), engine=engine)
    alerts = {a.occurrence: (a.rule_state, a.due) for a in Alert.objects.filter(family="apv.step_time_limit")}
    assert alerts == {
        f"{request.request_id}#0": ("met_late", at("2026-03-03 10:00")),
        f"{request.request_id}#1": ("overdue", at("2026-03-06 11:30")),
    }


def test_without_the_gate_the_step_rule_is_silent(bureau, catalogue):
    """Given the same overdue step but the rule not enabled (UNVERIFIED source), then no alert is raised."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    request_decision(bureau, case)
    engine = Engine(calendar=load_calendar(), settings=SupervisionSettings.defaults(), catalogue=catalogue)
    supervise_one(Target("case", case), as_of=clock.now(), engine=engine)
    assert not Alert.objects.filter(family="apv.step_time_limit").exists()
