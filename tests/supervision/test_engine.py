"""The supervision engine: pure evaluation of one rule on a timeline of facts at a moment.

Synthetic rules (built here) isolate one behaviour each; rules of the shipped catalogue show the behaviour
on real law (the 2026-01-01 change of the 治安管理处罚法, working days, custody)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest

from lawtrail.supervision.conditions import Condition, ConditionItem, holds
from lawtrail.supervision.engine import State, applicable_rules, evaluate, evaluate_each
from lawtrail.supervision.facts import Fact, hand_made_fact
from lawtrail.supervision.loader import default_catalogue
from lawtrail.supervision.periods import format_moment
from lawtrail.supervision.rules import Level, Rule, parse_local
from lawtrail.supervision.settings import SupervisionSettings
from tests.supervision.rule_fixtures import seeded_calendar

CATALOGUE = default_catalogue()
DEFAULTS = SupervisionSettings.defaults()


@pytest.fixture(scope="module")
def calendar():
    return seeded_calendar()


def at(text: str) -> datetime:
    return parse_local(text)


def fact(
    name: str,
    when: str,
    *,
    recorded: str | None = None,
    payload: dict[str, Any] | None = None,
    subject: dict[str, Any] | None = None,
    key: str = "",
    context: dict[str, Any] | None = None,
) -> Fact:
    return Fact(
        name=name,
        occurred_at=at(when),
        recorded_at=at(recorded or when),
        payload=payload or {},
        subject=subject if subject is not None else {"type": "case", "kind": "admin"},
        key=key,
        context=context or {},
    )


BASE: dict[str, Any] = {
    "id": "test.rule",
    "title": "测试规则",
    "requirement": "受案后10日内立案",
    "citations": [
        {"law": "测试法", "version": "2026年", "article": "第1条", "clause": "「测试」", "verified": "yes"}
    ],
    "applies_to": {"subject": "case", "text": "测试案件"},
    "kind": "deadline",
    "start": {"event": "case.accepted"},
    "limit": {"amount": 10, "unit": "days"},
    "satisfied_by": ["case.filed"],
    "severity": "major",
    "effective_from": "2020-01-01",
    "status": "live",
    "examples": [],
}


def make_rule(**changes: Any) -> Rule:
    data = {**BASE, **changes}
    return Rule.model_validate(data)


def run(rule: Rule, facts: list[Fact], as_of: str, calendar, settings=DEFAULTS, **kw):
    return evaluate(rule, facts, as_of=at(as_of), calendar=calendar, settings=settings, catalogue=None, **kw)


# --- what we knew then ---------------------------------------------------------------------------------


def test_only_facts_recorded_by_as_of_count(calendar):
    """Given a filing recorded three days after it happened, when the rule is judged before the recording,
    then the case is overdue as far as anyone knew; after the recording, it was met in time."""
    rule = make_rule()
    facts = [
        fact("case.accepted", "2026-03-02 10:00"),
        fact("case.filed", "2026-03-10 10:00", recorded="2026-03-15 10:00"),
    ]
    before = run(rule, facts, "2026-03-14 10:00", calendar)
    after = run(rule, facts, "2026-03-16 10:00", calendar)
    assert (before.state, format_moment(before.due)) == (State.OVERDUE, "2026-03-12 24:00")
    assert (after.state, after.satisfied_at) == (State.MET, at("2026-03-10 10:00"))


def test_nothing_recorded_yet_is_not_applicable(calendar):
    """Given an acceptance recorded later than the moment asked about, then the rule has not started."""
    rule = make_rule()
    result = run(
        rule,
        [fact("case.accepted", "2026-03-02 10:00", recorded="2026-03-05 10:00")],
        "2026-03-04 10:00",
        calendar,
    )
    assert result.state is State.NOT_APPLICABLE


def test_as_of_must_be_aware(calendar):
    """Given a naive moment, then the engine refuses it (lawtrail handles only aware datetimes)."""
    with pytest.raises(ValueError, match="aware"):
        evaluate(make_rule(), [], as_of=datetime(2026, 3, 1), calendar=calendar)


# --- states ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "state", "level"),
    [
        ("2026-03-03 10:00", State.PENDING, None),
        ("2026-03-10 00:00", State.WARNING, Level.YELLOW),
        ("2026-03-11 00:00", State.WARNING, Level.ORANGE),
        ("2026-03-12 00:00", State.WARNING, Level.RED),
        ("2026-03-13 00:01", State.OVERDUE, None),
    ],
)
def test_default_warning_levels_for_a_ten_day_limit(calendar, as_of, state, level):
    """Given a 10-day limit ending 2026-03-12 24:00, then yellow, orange and red start 3, 2 and 1 days
    before, and after the end the rule is overdue."""
    result = run(make_rule(), [fact("case.accepted", "2026-03-02 10:00")], as_of, calendar)
    assert (result.state, result.level) == (state, level)


def test_a_rule_sets_its_own_warning_levels(calendar):
    """Given a rule with blue 8 days and red 2 days before, then 5 days before is blue."""
    rule = make_rule(
        warn_before=[
            {"level": "blue", "amount": 8, "unit": "days"},
            {"level": "red", "amount": 2, "unit": "days"},
        ]
    )
    result = run(rule, [fact("case.accepted", "2026-03-02 10:00")], "2026-03-08 00:00", calendar)
    assert (result.state, result.level) == (State.WARNING, Level.BLUE)


def test_met_late_is_a_violation_on_record(calendar):
    """Given a filing after the limit, then the rule is met late, with when it was satisfied."""
    facts = [fact("case.accepted", "2026-03-02 10:00"), fact("case.filed", "2026-03-14 10:00")]
    result = run(make_rule(), facts, "2026-03-20 10:00", calendar)
    assert (result.state, result.satisfied_at) == (State.MET_LATE, at("2026-03-14 10:00"))


def test_paused_while_an_excluded_period_is_open_then_shifted(calendar):
    """Given an appraisal that stops the clock, then the rule is paused while it runs and its due time moves
    by the appraisal's days once it ends."""
    rule = make_rule(
        paused_by=[{"pause": "appraisal.started", "resume": "appraisal.completed", "reason": "鉴定"}]
    )
    facts = [
        fact("case.accepted", "2026-03-02 10:00"),
        fact("appraisal.started", "2026-03-04 10:00", key="A"),
    ]
    paused = run(rule, facts, "2026-03-08 10:00", calendar)
    resumed = run(
        rule, [*facts, fact("appraisal.completed", "2026-03-09 10:00", key="A")], "2026-03-10 10:00", calendar
    )
    assert (paused.state, paused.due) == (State.PAUSED, None)
    assert format_moment(resumed.due) == "2026-03-17 24:00"


def test_cancelled_rule_is_not_applicable(calendar):
    """Given an event that makes the rule moot (the family cannot be notified), then it does not apply."""
    rule = make_rule(cancelled_by=["case.terminated"])
    facts = [fact("case.accepted", "2026-03-02 10:00"), fact("case.terminated", "2026-03-05 10:00")]
    assert run(rule, facts, "2026-03-20 10:00", calendar).state is State.NOT_APPLICABLE


def test_restart_counts_the_period_again(calendar):
    """Given a restarting event, then the limit runs again from it."""
    rule = make_rule(restarted_by=["case.offence_changed"])
    facts = [fact("case.accepted", "2026-03-02 10:00"), fact("case.offence_changed", "2026-03-06 10:00")]
    assert format_moment(run(rule, facts, "2026-03-07 10:00", calendar).due) == "2026-03-16 24:00"


# --- extensions -----------------------------------------------------------------------------------------


EXTENDED = {
    "extended_by": [
        {
            "event": "case.extended",
            "approver": "上一级",
            "amount": 10,
            "unit": "days",
            "max_times": 1,
            "reason": "延长10日",
        }
    ]
}


def test_an_extension_approved_in_time_adds_to_the_limit(calendar):
    """Given a 10-day extension approved before the end, then the end moves by 10 days (to Sunday 03-22,
    which rolls over to Monday)."""
    facts = [fact("case.accepted", "2026-03-02 10:00"), fact("case.extended", "2026-03-10 10:00")]
    result = run(make_rule(**EXTENDED), facts, "2026-03-13 10:00", calendar)
    assert (result.state, format_moment(result.due)) == (State.PENDING, "2026-03-23 24:00")


def test_an_extension_approved_after_expiry_does_not_count(calendar):
    """Given an extension approved after the limit had expired, then it is left out and explained."""
    facts = [fact("case.accepted", "2026-03-02 10:00"), fact("case.extended", "2026-03-14 10:00")]
    result = run(make_rule(**EXTENDED), facts, "2026-03-15 10:00", calendar)
    assert result.state is State.OVERDUE
    assert any("不予计入" in line for line in result.explanation)


def test_extensions_beyond_the_allowed_number_do_not_count(calendar):
    """Given two extensions where one is allowed, then the second is left out."""
    facts = [
        fact("case.accepted", "2026-03-02 10:00"),
        fact("case.extended", "2026-03-10 10:00"),
        fact("case.extended", "2026-03-20 10:00"),
    ]
    result = run(make_rule(**EXTENDED), facts, "2026-03-21 10:00", calendar)
    assert format_moment(result.due) == "2026-03-23 24:00"
    assert any("超过法定次数" in line for line in result.explanation)


def test_a_tier_replaces_the_limit_and_an_amount_from_the_payload_is_capped(calendar):
    """Given a tier to 24 hours, then the limit becomes 24 hours from the start; given an amount taken from
    the payload beyond its cap, then the cap is used."""
    tier = make_rule(
        limit={"amount": 8, "unit": "hours"},
        extended_by=[
            {
                "event": "case.extended",
                "approver": "办案部门",
                "amount": 24,
                "unit": "hours",
                "total": True,
                "reason": "24小时",
            }
        ],
    )
    capped = make_rule(
        limit={"amount": 3, "unit": "days"},
        extended_by=[
            {
                "event": "case.extended",
                "approver": "负责人",
                "amount": 4,
                "unit": "days",
                "amount_from": "payload.days",
                "max_amount": 4,
                "reason": "延长",
            }
        ],
    )
    tiered = run(
        tier,
        [fact("case.accepted", "2026-03-02 10:00"), fact("case.extended", "2026-03-02 15:00")],
        "2026-03-02 20:00",
        calendar,
    )
    extended = run(
        capped,
        [
            fact("case.accepted", "2026-03-02 10:00"),
            fact("case.extended", "2026-03-04 10:00", payload={"days": 9}),
        ],
        "2026-03-04 12:00",
        calendar,
    )
    assert format_moment(tiered.due) == "2026-03-03 10:00"
    assert format_moment(extended.due) == "2026-03-09 24:00"


# --- kinds -----------------------------------------------------------------------------------------


def test_a_step_must_come_before_its_act(calendar):
    """Given a step rule (notice before decision), then a decision without a prior notice is a violation
    and one with it is met; before any decision the rule is not engaged."""
    rule = make_rule(
        kind="step", start={"event": "case.decided"}, satisfied_by=["case.rights_notified"], limit=None
    )
    missing = [fact("case.accepted", "2026-03-02 10:00"), fact("case.decided", "2026-03-05 10:00")]
    done = [*missing[:1], fact("case.rights_notified", "2026-03-04 10:00"), missing[1]]
    assert run(rule, missing, "2026-03-06 10:00", calendar).state is State.VIOLATED
    assert run(rule, done, "2026-03-06 10:00", calendar).state is State.MET
    assert run(rule, missing[:1], "2026-03-06 10:00", calendar).state is State.NOT_APPLICABLE


def test_a_prohibition_flags_the_act_or_routes_it_to_review(calendar):
    """Given a prohibited act, then it is a violation — or manual review for a pattern that only suggests
    one; an act of the same kind that is not prohibited is met."""
    where = {
        "event": "case.handler_assigned",
        "where": [{"field": "context.officer_is_auxiliary", "op": "eq", "value": True}],
    }
    rule = make_rule(kind="prohibition", start=where, limit=None, satisfied_by=[])
    review = make_rule(
        kind="prohibition", start=where, limit=None, satisfied_by=[], on_breach="manual_review"
    )
    auxiliary = [fact("case.handler_assigned", "2026-03-02 10:00", context={"officer_is_auxiliary": True})]
    police = [fact("case.handler_assigned", "2026-03-02 10:00", context={"officer_is_auxiliary": False})]
    assert run(rule, auxiliary, "2026-03-03 10:00", calendar).state is State.VIOLATED
    assert run(review, auxiliary, "2026-03-03 10:00", calendar).state is State.MANUAL_REVIEW
    assert run(rule, police, "2026-03-03 10:00", calendar).state is State.MET


def test_a_waiting_period_may_allow_the_act_on_its_last_day(calendar):
    """Given "at least 3 days' notice", then the act on the third day is allowed with allow_on_last_day and
    refused without it."""
    common = {
        "kind": "prohibition",
        "start": {"event": "hearing.notice_served"},
        "limit": {"amount": 3, "unit": "days"},
        "violated_by": ["hearing.held"],
        "satisfied_by": [],
    }
    facts = [fact("hearing.notice_served", "2026-03-02 10:00"), fact("hearing.held", "2026-03-05 09:00")]
    assert (
        run(make_rule(**common, allow_on_last_day=True), facts, "2026-03-06 10:00", calendar).state
        is State.MET
    )
    assert run(make_rule(**common), facts, "2026-03-06 10:00", calendar).state is State.VIOLATED


def test_each_start_is_counted_separately_and_the_worst_is_reported(calendar):
    """Given two summonses, one ended in time and one not, then evaluate_each gives two results and
    evaluate reports the overdue one."""
    rule = make_rule(
        start={"event": "measure.arrived", "pick": "each"},
        limit={"amount": 8, "unit": "hours"},
        satisfied_by=["measure.ended"],
        correlate="subject",
    )
    facts = [
        fact("measure.arrived", "2026-03-02 09:00", key="M1"),
        fact("measure.ended", "2026-03-02 12:00", key="M1"),
        fact("measure.arrived", "2026-03-02 10:00", key="M2"),
    ]
    each = evaluate_each(rule, facts, as_of=at("2026-03-02 19:00"), calendar=calendar, catalogue=None)
    worst = run(rule, facts, "2026-03-02 19:00", calendar)
    assert [(r.key, r.state) for r in each] == [("M1", State.MET), ("M2", State.OVERDUE)]
    assert (worst.key, worst.state) == ("M2", State.OVERDUE)


def test_correlation_by_person(calendar):
    """Given interrogation within 24 h of detention, then only the detained person's interrogation counts."""
    rule = make_rule(
        start={"event": "measure.applied"},
        limit={"amount": 24, "unit": "hours"},
        satisfied_by=["interview.held"],
        correlate="party",
    )
    facts = [
        fact("measure.applied", "2026-03-02 09:00", payload={"party": "P1"}),
        fact("interview.held", "2026-03-02 12:00", payload={"party": "P2"}),
    ]
    assert run(rule, facts, "2026-03-03 10:00", calendar).state is State.OVERDUE
    facts.append(fact("interview.held", "2026-03-02 15:00", payload={"party": "P1"}))
    assert run(rule, facts, "2026-03-03 10:00", calendar).state is State.MET


# --- versions and the change of law -----------------------------------------------------------------


SUBJECT = {"type": "case", "kind": "admin", "offence": "ps.assault", "offence_law": "治安管理处罚法"}


def ps(name: str, when: str, **kw) -> Fact:
    return fact(name, when, subject=SUBJECT, **kw)


def test_the_version_in_force_on_the_date_of_the_act_applies(calendar):
    """Given the v2026 rule object and a case accepted in 2025, then the engine applies v2012 (counted from
    受理); given the v2012 object and a case filed in 2026, then v2026 (counted from 立案)."""
    v2012, v2026 = CATALOGUE.versions("ps.case_time_limit")
    old = evaluate(
        v2026, [ps("case.accepted", "2025-06-02 10:00")], as_of=at("2025-06-10 10:00"), calendar=calendar
    )
    new = evaluate(
        v2012,
        [ps("case.accepted", "2026-03-02 09:00"), ps("case.filed", "2026-03-02 10:00")],
        as_of=at("2026-03-10 10:00"),
        calendar=calendar,
    )
    assert (old.rule_id, format_moment(old.due)) == ("ps.case_time_limit.v2012", "2025-07-02 24:00")
    assert (new.rule_id, format_moment(new.due)) == ("ps.case_time_limit.v2026", "2026-04-01 24:00")
    assert any("适用版本" in line for line in new.explanation)


def test_a_case_straddling_2026_01_01_goes_to_manual_review_with_both_computations(calendar):
    """Given a 治安 case accepted in December 2025, filed in January 2026 and still open, then the result is
    manual review, explaining the v2012 and v2026 computations."""
    facts = [ps("case.accepted", "2025-12-15 10:00"), ps("case.filed", "2026-01-04 10:00")]
    result = evaluate(
        CATALOGUE.rules["ps.case_time_limit.v2026"], facts, as_of=at("2026-01-10 10:00"), calendar=calendar
    )
    assert (result.state, result.rule_id) == (State.MANUAL_REVIEW, "ps.case_time_limit.v2012")
    text = "\n".join(result.explanation)
    assert "按ps.case_time_limit.v2012计算：期满2026-01-14 24:00" in text
    assert "按ps.case_time_limit.v2026计算：期满2026-02-03 24:00" in text


def test_with_the_act_date_policy_the_old_version_applies_throughout(calendar):
    """Given the setting law_transition_policy = act_date, then the straddling case runs under v2012."""
    settings = DEFAULTS.replace(law_transition_policy="act_date")
    facts = [ps("case.accepted", "2025-12-15 10:00")]
    result = evaluate(
        CATALOGUE.rules["ps.case_time_limit.v2012"],
        facts,
        as_of=at("2026-01-16 10:00"),
        calendar=calendar,
        settings=settings,
    )
    assert (result.state, format_moment(result.due)) == (State.OVERDUE, "2026-01-14 24:00")


def test_a_rule_whose_act_predates_it_is_not_applicable(calendar):
    """Given a rule in force from 2021-07-15 and an act in 2020, then it does not apply, and says why."""
    result = evaluate(
        CATALOGUE.rules["ap.decision_90d"],
        [
            fact(
                "case.filed",
                "2020-03-02 10:00",
                subject={"type": "case", "kind": "admin", "offence_law": "枪支管理法"},
            )
        ],
        as_of=at("2020-04-01 10:00"),
        calendar=calendar,
    )
    assert result.state is State.NOT_APPLICABLE
    assert any("不在本规则的施行期间" in line for line in result.explanation)


# --- settings ---------------------------------------------------------------------------------------------


def test_the_working_day_predicate_is_a_setting(calendar):
    """Given a 7-working-day delivery from 2026-09-30, then the due date is 10-15 when the 10-10 make-up
    Saturday counts, and 10-16 when it does not (rules.md §1.2)."""
    rule = CATALOGUE.rules["ap.delivery_7wd"]
    facts = [
        fact(
            "case.decided",
            "2026-09-30 16:00",
            payload={"outcome": "penalty"},
            subject={"type": "case", "kind": "admin", "offence_law": "枪支管理法"},
        )
    ]
    counted = evaluate(rule, facts, as_of=at("2026-10-09 10:00"), calendar=calendar)
    not_counted = evaluate(
        rule,
        facts,
        as_of=at("2026-10-09 10:00"),
        calendar=calendar,
        settings=DEFAULTS.replace(count_make_up_saturdays=False),
    )
    assert (format_moment(counted.due), format_moment(not_counted.due)) == (
        "2026-10-15 24:00",
        "2026-10-16 24:00",
    )


def test_an_unverified_rule_runs_only_when_enabled(calendar):
    """Given an UNVERIFIED rule, then it does not apply by default and applies once its id is enabled."""
    rule = CATALOGUE.rules["rec.field_av_upload"]
    subject = {"type": "incident", "category": "public_order"}
    facts = [
        fact("incident.dispatched", "2026-03-10 22:16", subject=subject),
        fact("incident.disposed", "2026-03-10 23:30", subject=subject),
    ]
    off = evaluate(rule, facts, as_of=at("2026-03-12 09:00"), calendar=calendar)
    on = evaluate(
        rule,
        facts,
        as_of=at("2026-03-12 09:00"),
        calendar=calendar,
        settings=DEFAULTS.replace(unverified_rules_enabled=["rec.field_av_upload"]),
    )
    assert (off.state, on.state) == (State.NOT_APPLICABLE, State.OVERDUE)
    assert any("UNVERIFIED" in line for line in off.explanation)


def test_a_custody_limit_never_rolls_over_a_holiday(calendar):
    """Given a criminal detention on the Friday before the Spring Festival, then the arrest request is due on
    02-16 at 24:00 — not after the holiday — and the explanation says why (用户旅程2)."""
    rule = CATALOGUE.rules["cr.arrest_request_3d"]
    facts = [
        fact(
            "measure.applied",
            "2026-02-13 21:00",
            payload={"kind": "criminal_detention"},
            key="D1",
            subject={"type": "case", "kind": "criminal"},
        )
    ]
    result = evaluate(rule, facts, as_of=at("2026-02-14 10:00"), calendar=calendar)
    assert format_moment(result.due) == "2026-02-16 24:00"
    assert any("不得因节假日而延长" in line for line in result.explanation)


def test_settings_refuse_unknown_names_and_bad_values():
    """Given a misspelt setting or a wrong value, then replacing it fails loudly."""
    with pytest.raises(KeyError):
        DEFAULTS.replace(immediate_hours=4)
    with pytest.raises(ValueError, match="law_transition_policy"):
        DEFAULTS.replace(law_transition_policy="newest")


# --- conditions -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"field": "payload.disposal", "op": "eq", "value": "mediated"}, True),
        ({"field": "payload.disposal", "op": "ne", "value": "mediated"}, False),
        ({"field": "payload.penalty.fine_yuan", "op": "gte", "value": 4000}, True),
        ({"field": "payload.penalty.fine_yuan", "op": "gt", "value": 4000}, False),
        ({"field": "payload.penalty.detention_days", "op": "absent"}, True),
        ({"field": "payload.penalty.confiscation", "op": "present"}, False),
        ({"field": "subject.offence_law", "op": "in", "value": ["治安管理处罚法", None]}, True),
        ({"field": "subject.missing", "op": "in", "value": ["x", None]}, True),
        ({"field": "subject.offence", "op": "startswith", "value": "ps."}, True),
        ({"field": "event.date", "op": "lt", "value": "2026-01-01"}, False),
        ({"field": "setting.publish_ps_decisions", "op": "eq", "value": False}, True),
        (
            {
                "field": "payload.penalty.fine_yuan",
                "op": "gte",
                "value": {"setting": "legal_review_fine_yuan_ps_v2026"},
            },
            True,
        ),
        (
            {
                "any": [
                    {"field": "payload.disposal", "op": "eq", "value": "x"},
                    {"field": "payload.disposal", "op": "eq", "value": "mediated"},
                ]
            },
            True,
        ),
        (
            {
                "all": [
                    {"field": "payload.disposal", "op": "eq", "value": "x"},
                    {"field": "payload.disposal", "op": "eq", "value": "mediated"},
                ]
            },
            False,
        ),
        (
            {"fact": "case.party_added", "where": [{"field": "payload.role", "op": "eq", "value": "victim"}]},
            True,
        ),
        (
            {
                "fact": "case.party_added",
                "where": [{"field": "payload.role", "op": "eq", "value": "witness"}],
                "exists": False,
            },
            True,
        ),
    ],
)
def test_condition_vocabulary(condition, expected):
    """Given a fact and its timeline, then each operator of the vocabulary reads the field as documented
    (an empty string is absent; null in a list matches an absent field)."""
    from pydantic import TypeAdapter

    item = TypeAdapter(ConditionItem).validate_python(condition)
    subject = {"offence": "ps.gambling", "offence_law": "治安管理处罚法"}
    current = fact(
        "case.decided",
        "2026-03-10 10:00",
        payload={"disposal": "mediated", "penalty": {"fine_yuan": 4000, "confiscation": ""}},
        subject=subject,
    )
    timeline = [
        fact("case.party_added", "2026-03-01 10:00", payload={"role": "victim"}, subject=subject),
        current,
    ]
    assert holds(item, current, subject, timeline, DEFAULTS) is expected


def test_a_condition_refuses_a_value_that_does_not_fit_its_operator():
    """Given `in` without a list, then the condition is refused."""
    with pytest.raises(ValueError, match="non-empty list"):
        Condition(field="payload.kind", op="in", value="summons")


# --- picking rules for a case or an incident ------------------------------------------------------


def test_applicable_rules_for_an_incident_are_the_live_incident_rules():
    """Given a dispatched 治安 incident, then the rules to evaluate are live incident rules only, including
    the body-camera check, and no UNVERIFIED rule by default."""
    subject = {"type": "incident", "category": "public_order", "source": "call_110"}
    facts = [
        fact("incident.received", "2026-03-10 22:14", subject=subject),
        fact("incident.dispatched", "2026-03-10 22:16", subject=subject),
    ]
    ids = {r.id for r in applicable_rules(subject, facts)}
    assert {"rec.field_av_mandatory_situations", "intake.admin_acceptance_review"} <= ids
    assert "rec.field_av_upload" not in ids
    assert all(CATALOGUE.rules[i].applies_to.subject.value == "incident" for i in ids)


def test_applicable_rules_pick_one_version_per_family_for_a_case():
    """Given a 治安 case accepted in 2025, then the v2012 versions are picked; in 2026, the v2026 ones."""
    old = applicable_rules(SUBJECT, [ps("case.accepted", "2025-06-02 10:00")])
    new = applicable_rules(
        SUBJECT, [ps("case.accepted", "2026-03-02 10:00"), ps("case.filed", "2026-03-02 11:00")]
    )
    assert "ps.case_time_limit.v2012" in {r.id for r in old}
    assert "ps.case_time_limit.v2026" in {r.id for r in new}
    assert not {"ps.case_time_limit.v2012", "ps.case_time_limit.v2026"} <= {r.id for r in new}
    assert all(r.status.value == "live" for r in new)


# --- results and hand-made timelines ----------------------------------------------------------------


def test_a_result_serialises_to_json(calendar):
    """Given a result, then as_dict() is JSON with the due time, its text, the state and the citation."""
    result = run(make_rule(), [fact("case.accepted", "2026-03-02 10:00")], "2026-03-03 10:00", calendar)
    data = json.loads(json.dumps(result.as_dict(), ensure_ascii=False))
    assert (data["state"], data["due_text"], data["citation"]) == (
        "pending",
        "2026-03-12 24:00",
        "《测试法》（2026年）第1条",
    )


def test_hand_made_facts_satisfy_the_rule_conditions():
    """Given a rule with conditions on its subject and start event, then the hand-made start fact meets them
    (what `lawtrail deadline` builds)."""
    rule = CATALOGUE.rules["cr.arrest_request_3d"]
    start = hand_made_fact(rule, "measure.applied", at("2026-02-13 21:00"))
    assert (start.payload["kind"], start.subject["kind"]) == ("criminal_detention", "criminal")
    assert start.occurred_at == start.recorded_at == at("2026-02-13 21:00")
    assert start.occurred_at + timedelta(days=1) == at("2026-02-14 21:00")
