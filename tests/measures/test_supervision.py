"""Measures and interviews feed the supervision rules: an alert raised and resolved from their events."""

from __future__ import annotations

from lawtrail.measures.services import interview_record, measure_event
from lawtrail.supervision.models import Alert, AlertState
from lawtrail.supervision.runtime import Engine, Target, supervise_one
from tests.factories import at
from tests.measures.helpers import case_with_suspect, summons
from tests.supervision.runtime_helpers import Clock


def _supervise(case, now):
    supervise_one(Target("case", case), as_of=now, engine=Engine.load())


def test_questioning_near_its_limit_raises_a_warning_resolved_by_the_release(bureau, monkeypatch):
    """Given a person summoned in a 治安 case who arrived at 10:20 (8 hours: due 18:20), when supervised at
    17:30, then a red warning of ps.inquiry_time_limit.v2026 is open for the case; when the person is
    released at 17:45, then the alert is auto-resolved."""
    now = Clock(monkeypatch, "2026-03-01 10:20")
    case, party = case_with_suspect(bureau.officer_a)
    measure = summons(bureau.officer_a, case, party)
    measure_event(measure=measure, name="measure.arrived", actor=bureau.officer_a, payload={})
    _supervise(case, now.set("2026-03-01 17:30"))
    alert = Alert.objects.get(rule_id="ps.inquiry_time_limit.v2026", case=case)
    assert (alert.state, alert.due) == (AlertState.OPEN, at("2026-03-01 18:20"))

    now.set("2026-03-01 17:45")
    measure_event(
        measure=measure, name="measure.ended", actor=bureau.officer_a, payload={"reason": "released"}
    )
    _supervise(case, now.moment)
    alert.refresh_from_db()
    assert alert.state == AlertState.AUTO_RESOLVED


def test_an_interview_with_one_police_officer_raises_an_alert(bureau, monkeypatch):
    """Given an interview of a 治安 suspect with one police officer and an auxiliary, when the case is
    supervised, then a two-officer rule's alert is open for the case."""
    now = Clock(monkeypatch, "2026-03-01 12:30")
    case, party = case_with_suspect(bureau.officer_a)
    interview_record(
        actor=bureau.officer_a,
        case=case,
        party=party,
        kind="questioning",
        started_at=at("2026-03-01 11:00"),
        ended_at=at("2026-03-01 12:00"),
        officers=[bureau.officer_a, bureau.auxiliary_a],
        place="case_area",
    )
    _supervise(case, now.moment)
    families = set(Alert.objects.filter(case=case, state=AlertState.OPEN).values_list("family", flat=True))
    assert families & {"pa.two_officers", "ps.two_officers_investigation"}
