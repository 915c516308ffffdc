"""The daily review (incident.reviewed) and the body-camera sampling with findings that become alerts."""

from __future__ import annotations

from datetime import date

import pytest

from lawtrail.common.errors import PermissionDenied, TransitionNotAllowed, ValidationFailed
from lawtrail.events.models import Event
from lawtrail.inspections.models import SampleItem
from lawtrail.inspections.selectors import daily_review
from lawtrail.inspections.services import (
    finding_record,
    incident_review,
    incidents_review_no_issue,
    sampling_draw,
)
from lawtrail.org.policies import scope_for
from lawtrail.org.services import officer_grant_role
from lawtrail.supervision.models import Alert, AlertState
from lawtrail.supervision.services import alert_assign, alert_submit, alert_verify
from tests.inspections.helpers import incident, incidents


@pytest.fixture
def duty_leader(bureau):
    """Station A's officer_a2 colleague? No: a duty leader of sub-bureau A (its head, granted duty_leader)."""
    officer_grant_role(actor=None, officer=bureau.head_sub_a, role="duty_leader", unit=bureau.sub_a)
    return bureau.head_sub_a


def test_the_day_list_shows_progress_and_a_review_is_an_incident_reviewed_event(bureau, duty_leader):
    """Given three incidents of 1 March and one of 2 March, when the duty leader reviews one with a finding,
    then the day's list has 1 of 3 reviewed and the incident's history has the incident.reviewed event."""
    _first, second, _third = incidents(bureau.officer_a, 3, day="2026-03-01")
    incident(bureau.officer_a, when="2026-03-02 09:00")
    scope = scope_for(duty_leader)
    incident_review(actor=duty_leader, scope=scope, incident=second, note="处警结果未写明调解情况，已提醒")
    review = daily_review(scope, day=date(2026, 3, 1))
    assert (review.total, review.reviewed, review.remaining) == (3, 1, 2)
    event = Event.objects.filter(name="incident.reviewed", incident=second).get()
    assert event.payload == {"note": "处警结果未写明调解情况，已提醒"}
    assert event.actor == duty_leader
    second.refresh_from_db()
    assert second.reviewed_by == duty_leader


def test_a_day_starts_at_midnight_in_shanghai(bureau, duty_leader):
    """Given incidents at 00:10 and 23:50 of 1 March (Shanghai), then both are that day's and neither the
    next day's."""
    incident(bureau.officer_a, when="2026-03-01 00:10")
    incident(bureau.officer_a, when="2026-03-01 23:50")
    scope = scope_for(duty_leader)
    assert daily_review(scope, day=date(2026, 3, 1)).total == 2
    assert daily_review(scope, day=date(2026, 3, 2)).total == 0


def test_bulk_no_issue_marks_the_unreviewed_and_skips_the_reviewed(bureau, duty_leader):
    """Given three incidents, one already reviewed, when the other two and it are marked "no issue", then
    two incident.reviewed events are written with note 无问题 and the reviewed one keeps its note."""
    items = incidents(bureau.officer_a, 3)
    scope = scope_for(duty_leader)
    incident_review(actor=duty_leader, scope=scope, incident=items[0], note="需补录出警时间")
    marked = incidents_review_no_issue(actor=duty_leader, scope=scope, incidents=items)
    assert marked == 2
    notes = dict(Event.objects.filter(name="incident.reviewed").values_list("incident_id", "payload__note"))
    assert notes == {items[0].id: "需补录出警时间", items[1].id: "无问题", items[2].id: "无问题"}


def test_the_review_refuses_a_case_officer_a_second_review_and_an_empty_note(bureau, duty_leader):
    """Given an incident, then a case officer may not review it, an empty note is refused, and a reviewed
    incident cannot be reviewed again; nothing is written by the refusals."""
    item = incident(bureau.officer_a)
    with pytest.raises(PermissionDenied):
        incident_review(actor=bureau.officer_a, scope=scope_for(bureau.officer_a), incident=item, note="好")
    with pytest.raises(ValidationFailed, match="请填写审核意见"):
        incident_review(actor=duty_leader, scope=scope_for(duty_leader), incident=item, note="  ")
    incident_review(actor=duty_leader, scope=scope_for(duty_leader), incident=item, note="无问题")
    with pytest.raises(TransitionNotAllowed, match="不能重复审核"):
        incident_review(actor=duty_leader, scope=scope_for(duty_leader), incident=item, note="再看一次")
    assert Event.objects.filter(name="incident.reviewed").count() == 1


def test_the_unit_filter_narrows_to_a_subtree_and_refuses_other_units(bureau, duty_leader):
    """Given incidents of station A and station B, then sub-bureau A's duty leader sees station A's only,
    a filter on station A2 shows none, and a filter on station B is not found."""
    from lawtrail.common.errors import NotFound

    incident(bureau.officer_a)
    incident(bureau.officer_b)
    scope = scope_for(duty_leader)
    assert daily_review(scope, day=date(2026, 3, 1)).total == 1
    assert daily_review(scope, day=date(2026, 3, 1), unit=bureau.station_a2).total == 0
    with pytest.raises(NotFound):
        daily_review(scope, day=date(2026, 3, 1), unit=bureau.station_b)


def _draw(bureau, percent=50, seed="s1"):
    return sampling_draw(
        actor=bureau.legal_officer,
        scope=scope_for(bureau.legal_officer),
        unit=bureau.bureau,
        period_start=date(2026, 3, 1),
        period_end=date(2026, 3, 1),
        percent=percent,
        seed=seed,
    )


def test_a_sampling_draws_only_dispatched_incidents_with_footage_reproducibly(bureau):
    """Given six dispatched incidents with footage, one without footage, one never dispatched and one of
    another day, when 50% are drawn twice with the same seed, then each sheet has 3 of the six, the same 3,
    and the inspection.sampled event carries the seed, the population and the numbers drawn."""
    eligible = incidents(bureau.officer_a, 6)
    incident(bureau.officer_a, when="2026-03-01 20:00", footage=False)
    incident(bureau.officer_a, when="2026-03-01 21:00", dispatched=False)
    incident(bureau.officer_a, when="2026-03-02 09:00")
    first = _draw(bureau)
    second = _draw(bureau)
    drawn = list(first.items.values_list("incident__number", flat=True))
    assert len(drawn) == 3
    assert set(drawn) <= {i.number for i in eligible}
    assert list(second.items.values_list("incident__number", flat=True)) == drawn
    event = Event.objects.get(name="inspection.sampled", subject_key=first.number)
    assert event.payload["seed"] == "s1"
    assert event.payload["population"] == 6
    assert event.payload["incidents"] == drawn
    assert first.population == 6


def test_a_sampling_of_an_empty_period_or_by_a_case_officer_is_refused(bureau):
    """Given no incidents, then the draw says there is nothing to sample; a case officer may not sample."""
    with pytest.raises(ValidationFailed, match="没有已派警且有执法记录仪视频的警情"):
        _draw(bureau)
    incident(bureau.officer_a)
    with pytest.raises(PermissionDenied):
        sampling_draw(
            actor=bureau.officer_a,
            scope=scope_for(bureau.officer_a),
            unit=bureau.station_a,
            period_start=date(2026, 3, 1),
            period_end=date(2026, 3, 1),
            percent=10,
        )


def test_a_finding_with_a_problem_is_a_violation_alert_rectified_through_its_lifecycle(bureau):
    """Given a sampled incident filmed by officer A, when the legal officer records "recording incomplete",
    then a violation alert of family inspection.finding is open on the incident with the finding's text,
    officer A and station A responsible; it is assigned, rectified and verified closed like any alert."""
    item_incident = incident(bureau.officer_a)
    sampling = _draw(bureau, percent=100)
    legal = bureau.legal_officer
    item = finding_record(
        actor=legal,
        scope=scope_for(legal),
        sampling=sampling,
        incident=item_incident.number,
        result="problem",
        category="incomplete",
        description="到达现场后2分钟才开始录制，未记录现场初始状况",
    )
    alert = item.alert
    assert (alert.level, alert.family, alert.state) == ("violation", "inspection.finding", "open")
    assert alert.incident == item_incident
    assert alert.responsible == bureau.officer_a
    assert alert.unit == bureau.station_a
    assert "问题描述：到达现场后2分钟才开始录制，未记录现场初始状况" in alert.explanation
    assert "现场执法视音频记录工作规定" in alert.citation
    assert Event.objects.filter(name="inspection.finding_recorded", subject_key=sampling.number).count() == 1
    alert_assign(alert=alert, actor=legal, officer=bureau.officer_a, deadline=date(2099, 1, 1))
    alert_submit(alert=alert, actor=bureau.officer_a, statement="已组织学习现场执法视音频记录规定")
    alert_verify(alert=alert, actor=legal, accept=True)
    alert.refresh_from_db()
    assert alert.state == AlertState.VERIFIED_CLOSED


def test_a_correction_to_no_problem_resolves_the_alert_and_the_engine_leaves_it_alone(bureau):
    """Given an open finding alert, when the incident is evaluated again by the engine (a new event on it),
    then the alert stays open; when the finding is corrected to "no problem", it is resolved with why."""
    from lawtrail.incidents.services import incident_event

    item_incident = incident(bureau.officer_a)
    sampling = _draw(bureau, percent=100)
    legal = bureau.legal_officer
    finding_record(
        actor=legal,
        scope=scope_for(legal),
        sampling=sampling,
        incident=item_incident.number,
        result="problem",
        category="coverage",
        description="镜头未对准当事人",
    )
    incident_event(
        incident=item_incident, name="incident.arrived", actor=bureau.officer_a, payload={"note": ""}
    )
    alert = Alert.objects.get(family="inspection.finding")
    assert alert.state == AlertState.OPEN
    finding_record(
        actor=legal,
        scope=scope_for(legal),
        sampling=sampling,
        incident=item_incident.number,
        result="no_problem",
    )
    alert.refresh_from_db()
    assert alert.state == AlertState.AUTO_RESOLVED
    assert alert.resolved_how == "抽查结论更正为未发现问题"
    assert SampleItem.objects.get().result == "no_problem"


def test_a_problem_without_category_or_on_an_incident_not_sampled_is_refused(bureau):
    """Given a sampling, then a problem without a category, and a finding on an incident not in the sheet,
    are refused with what to do, and nothing is written."""
    item_incident = incident(bureau.officer_a)
    sampling = _draw(bureau, percent=100)
    legal = bureau.legal_officer
    with pytest.raises(ValidationFailed, match="请选择问题类别"):
        finding_record(
            actor=legal,
            scope=scope_for(legal),
            sampling=sampling,
            incident=item_incident.number,
            result="problem",
            description="x",
        )
    from lawtrail.common.errors import NotFound

    with pytest.raises(NotFound, match="不在抽查"):
        finding_record(
            actor=legal, scope=scope_for(legal), sampling=sampling, incident="J000", result="no_problem"
        )
    assert not Alert.objects.filter(family="inspection.finding").exists()
    assert not Event.objects.filter(name="inspection.finding_recorded").exists()
