"""Measures: the state machine transition by transition, the invariants of their times, the payloads the
supervision rules read, and the case's history."""

from __future__ import annotations

import pytest

from lawtrail.common.errors import NotFound, TransitionNotAllowed, ValidationFailed
from lawtrail.events.models import Event
from lawtrail.measures.choices import MeasureStatus
from lawtrail.measures.machine import MEASURE_MACHINE
from lawtrail.measures.models import Measure
from lawtrail.measures.selectors import case_measures, measure_get
from lawtrail.measures.services import measure_apply, measure_event
from lawtrail.org.policies import scope_for
from tests.factories import at
from tests.measures.helpers import STEP_PAYLOADS, bring_to, case_with_suspect, summons

TABLE = [
    (status, name)
    for status in MeasureStatus.values
    for name in ("measure.arrived", "measure.extended", "measure.ended")
]
ALLOWED = [(s, n) for s, n in TABLE if s in MEASURE_MACHINE.transition(n).sources]
REFUSED = [(s, n) for s, n in TABLE if s not in MEASURE_MACHINE.transition(n).sources]
TARGET = {"measure.arrived": "arrived", "measure.ended": "ended"}


def _summons_in(bureau, status):
    case, party = case_with_suspect(bureau.officer_a)
    return bring_to(bureau.officer_a, summons(bureau.officer_a, case, party), status)


def _step(bureau, measure, name):
    return measure_event(
        measure=measure,
        name=name,
        actor=bureau.officer_a,
        payload=STEP_PAYLOADS[name],
        occurred_at=at("2026-03-01 11:00"),
    )


@pytest.mark.parametrize(("status", "name"), ALLOWED)
def test_allowed_transitions_move_the_measure_and_write_one_event(bureau, status, name):
    """Given a summons in a state the table allows the step from, when the step is recorded, then the
    measure moves (an extension keeps its state) and exactly one event is written."""
    measure = _summons_in(bureau, status)
    before = Event.objects.count()
    after = _step(bureau, measure, name)
    assert Event.objects.count() == before + 1
    assert after.status == TARGET.get(name, status)


@pytest.mark.parametrize(("status", "name"), REFUSED)
def test_other_transitions_are_refused_and_write_nothing(bureau, status, name):
    """Given a summons in a state the table does not allow the step from, when the step is recorded, then it
    is refused with the reason, the state is unchanged and no event is written."""
    measure = _summons_in(bureau, status)
    before = Event.objects.count()
    with pytest.raises(TransitionNotAllowed, match="不能"):
        _step(bureau, measure, name)
    assert Event.objects.count() == before
    assert Measure.objects.get(pk=measure.pk).status == status


def test_the_table_covers_every_state():
    """Given the machine, then each step is allowed from some state and refused from some other."""
    assert ALLOWED
    assert REFUSED
    assert {s for s, _ in TABLE} == set(MeasureStatus.values)


def test_applied_measure_is_in_the_case_history_with_what_the_rules_read(bureau):
    """Given a suspect, when a summons is applied and the person arrives, then both events belong to the
    case (its timeline and the supervision facts) and carry measure_id, kind and party."""
    case, party = case_with_suspect(bureau.officer_a)
    measure = summons(bureau.officer_a, case, party)
    measure_event(
        measure=measure,
        name="measure.arrived",
        actor=bureau.officer_a,
        payload={},
        occurred_at=at("2026-03-01 10:20"),
    )
    events = list(Event.objects.filter(case=case, name__startswith="measure.").order_by("seq"))
    assert [e.name for e in events] == ["measure.applied", "measure.arrived"]
    for event in events:
        assert event.payload["measure_id"] == str(measure.measure_id)
        assert event.payload["kind"] == "summons"
        assert event.payload["party"] == str(party.party_id)
        assert (event.unit_id, event.bureau_id) == (case.unit_id, case.bureau_id)


def test_the_case_page_shows_the_questioning_clock_from_the_arrival(bureau):
    """Given a summons whose person arrived at 10:20, then the case page's clock runs 8 hours to 18:20, and
    after a 24-hour extension to 10:20 the next day."""
    case, party = case_with_suspect(bureau.officer_a)
    measure = summons(bureau.officer_a, case, party)
    measure_event(
        measure=measure,
        name="measure.arrived",
        actor=bureau.officer_a,
        payload={},
        occurred_at=at("2026-03-01 10:20"),
    )
    assert case_measures(case)[0].clock == "8小时，至 03-01 18:20"
    measure_event(
        measure=measure,
        name="measure.extended",
        actor=bureau.officer_a,
        payload=STEP_PAYLOADS["measure.extended"],
        occurred_at=at("2026-03-01 12:00"),
    )
    assert case_measures(case)[0].clock == "24小时，至 03-02 10:20"


def test_arrival_only_for_measures_that_bring_a_person_in(bureau):
    """Given a criminal detention, when an arrival is recorded, then it is refused: only a summons,
    compelled appearance or continued questioning has an arrival."""
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    detention = summons(bureau.officer_a, case, party, kind="criminal_detention")
    with pytest.raises(TransitionNotAllowed, match="没有到案"):
        measure_event(
            measure=detention,
            name="measure.arrived",
            actor=bureau.officer_a,
            payload={},
            occurred_at=at("2026-03-01 11:00"),
        )


def test_end_before_start_is_refused(bureau):
    """Given a person who arrived at 10:20, when the end is dated 10:15, then it is refused."""
    case, party = case_with_suspect(bureau.officer_a)
    measure = summons(bureau.officer_a, case, party)
    measure_event(
        measure=measure,
        name="measure.arrived",
        actor=bureau.officer_a,
        payload={},
        occurred_at=at("2026-03-01 10:20"),
    )
    with pytest.raises(ValidationFailed, match="不能早于"):
        measure_event(
            measure=measure,
            name="measure.ended",
            actor=bureau.officer_a,
            payload={"reason": "released"},
            occurred_at=at("2026-03-01 10:15"),
        )


def test_a_payload_naming_another_kind_is_refused(bureau):
    """Given a summons, when an arrival names the kind `arrest`, then it is refused (the payload must match
    the measure the rules will read it as)."""
    case, party = case_with_suspect(bureau.officer_a)
    measure = summons(bureau.officer_a, case, party)
    with pytest.raises(ValidationFailed, match="kind"):
        measure_event(
            measure=measure,
            name="measure.arrived",
            actor=bureau.officer_a,
            payload={"kind": "arrest"},
            occurred_at=at("2026-03-01 10:20"),
        )


def test_family_notice_records_when_how_or_why_not(bureau):
    """Given a criminal detention, when the family is notified by phone, or cannot be, then the measure
    keeps when and how, or why not."""
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    detention = summons(bureau.officer_a, case, party, kind="criminal_detention")
    notified = measure_event(
        measure=detention,
        name="measure.family_notified",
        actor=bureau.officer_a,
        payload={"method": "phone", "recipient": "妻子"},
        occurred_at=at("2026-03-01 20:00"),
    )
    assert (notified.family_notified_at, notified.family_notice_method, notified.family_notice_to) == (
        at("2026-03-01 20:00"),
        "phone",
        "family",
    )
    impossible = measure_event(
        measure=detention,
        name="measure.family_notice_impossible",
        actor=bureau.officer_a,
        payload={"reason": "身份不明"},
        occurred_at=at("2026-03-01 21:00"),
    )
    assert impossible.family_notice_impossible == "身份不明"


def test_a_party_of_another_case_is_refused(bureau):
    """Given two cases, when a measure of one names the suspect of the other, then it is refused."""
    case, _ = case_with_suspect(bureau.officer_a)
    _, other_party = case_with_suspect(bureau.officer_a)
    with pytest.raises(NotFound, match="没有当事人"):
        measure_apply(
            actor=bureau.officer_a,
            case=case,
            party=other_party,
            kind="summons",
            occurred_at=at("2026-03-01 10:10"),
        )


def test_measures_are_scoped_like_their_case(bureau):
    """Given a measure of station A's case, then station A sees it and station B gets 404."""
    case, party = case_with_suspect(bureau.officer_a)
    measure = summons(bureau.officer_a, case, party)
    assert measure_get(scope_for(bureau.officer_a), str(measure.measure_id)) == measure
    with pytest.raises(NotFound):
        measure_get(scope_for(bureau.officer_b), str(measure.measure_id))
