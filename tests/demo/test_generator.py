"""The demo generator: deterministic, complete state coverage, planted defects that are real and are the
only defects, journeys with their fixed content, a history written through events."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.db.models import Count, F, Q

from lawtrail.cases.machine import ADMIN_MACHINE, CRIMINAL_MACHINE
from lawtrail.cases.models import Case, Handler, Party
from lawtrail.common.clock import LEGAL_TZ
from lawtrail.common.idnumbers import validate_id_number
from lawtrail.demo.accounts import ACCOUNTS, pick
from lawtrail.demo.models import DefectKind, PlantedDefect
from lawtrail.demo.penalties import parse_base, version_on
from lawtrail.events.models import Event
from lawtrail.incidents.models import Incident, MediaRecord
from lawtrail.org.models import Officer, Unit

from .conftest import ANCHOR

pytestmark = pytest.mark.django_db
END = datetime(ANCHOR.year, ANCHOR.month, ANCHOR.day, tzinfo=LEGAL_TZ)


def planted(kind: str) -> set[str]:
    return set(PlantedDefect.objects.filter(kind=kind).values_list("subject_key", flat=True))


def test_same_seed_and_anchor_give_the_same_bureau(demo):
    """Given the same seed, anchor and scale, when the bureau is generated twice, then every event (ids,
    times, payloads), case, party, incident, media record and planted defect is identical."""
    assert demo.first["events"], "the first run wrote events"
    for key in demo.first:
        assert demo.first[key] == demo.second[key], key


def test_every_state_of_both_case_machines_is_reached(demo):
    """Given the tiny bureau, then for each kind of case every state of its machine holds at least one case."""
    for kind, machine in (("admin", ADMIN_MACHINE), ("criminal", CRIMINAL_MACHINE)):
        states = {"accepted"} | {t.target for t in machine.transitions.values()}
        reached = set(Case.objects.filter(kind=kind).values_list("status", flat=True))
        assert states <= reached, (kind, states - reached)


def test_each_kind_of_defect_is_planted_and_points_at_a_real_subject(demo):
    """Given the tiny bureau, then each defect kind was planted at least once, on a case or incident that
    exists, and the command reported the counts."""
    for kind in DefectKind:
        rows = PlantedDefect.objects.filter(kind=kind)
        assert rows.exists(), kind
        model = {"case": Case, "incident": Incident}[rows[0].subject_type]
        keys = set(rows.values_list("subject_key", flat=True))
        assert model.objects.filter(number__in=keys).count() == len(keys), kind
        assert f"{kind.value}（" in demo.output


def test_overdue_cases_are_exactly_the_planted_ones(demo):
    """Given the tiny bureau, then the admin cases still undecided more than 30 days after acceptance are
    exactly the planted 压案不查 cases (the normal path decides within the limit)."""
    overdue = Case.objects.filter(
        kind="admin",
        status__in=["accepted", "filed", "investigating", "rights_notified"],
        accepted_at__lt=END - timedelta(days=30),
    )
    assert set(overdue.values_list("number", flat=True)) == planted(DefectKind.CASE_OVERDUE)


def test_unconverted_criminal_incidents_are_exactly_the_planted_ones(demo):
    """Given the tiny bureau, then the criminal-category incidents disposed other than 受案 are exactly the
    planted 有案不立 incidents."""
    unconverted = Incident.objects.filter(category="criminal", status="disposed").exclude(
        disposal="accepted_as_case"
    )
    assert set(unconverted.values_list("number", flat=True)) == planted(DefectKind.INCIDENT_NOT_CONVERTED)


def test_dispatches_without_body_camera_are_exactly_the_planted_ones(demo):
    """Given the tiny bureau, then the incidents with officers on scene more than two days ago and no
    body-camera clip are exactly the planted ones."""
    without = Incident.objects.filter(arrived_at__lt=END - timedelta(days=2)).exclude(
        id__in=MediaRecord.objects.filter(kind="body_camera").values("incident_id")
    )
    assert set(without.values_list("number", flat=True)) == planted(DefectKind.INCIDENT_NO_BODY_CAMERA)


def test_single_handler_cases_are_exactly_the_planted_ones(demo):
    """Given the tiny bureau, then the cases with only one active handler are exactly the planted ones, and no
    auxiliary officer is ever a lead handler."""
    single = Case.objects.annotate(n=Count("handlers", filter=Q(handlers__released_at__isnull=True))).filter(
        n=1
    )
    assert set(single.values_list("number", flat=True)) == planted(DefectKind.CASE_SINGLE_HANDLER)
    assert not Handler.objects.filter(role="lead", officer__is_auxiliary=True).exists()


def test_unreviewed_incidents_are_exactly_the_planted_ones(demo):
    """Given the tiny bureau, then the incidents older than three days without the duty leader's review are
    exactly the planted ones."""
    unreviewed = Incident.objects.filter(received_at__lt=END - timedelta(days=3), reviewed_at__isnull=True)
    assert set(unreviewed.values_list("number", flat=True)) == planted(DefectKind.INCIDENT_NOT_REVIEWED)


def test_late_decisions_were_entered_at_least_a_week_late(demo):
    """Given the tiny bureau, then each planted late entry is a case.decided event recorded a week or more
    after it occurred, and every other event was entered within three days."""
    late = PlantedDefect.objects.filter(kind=DefectKind.DECISION_LATE_ENTRY)
    late_ids = {d.details["event_id"] for d in late}
    for event in Event.objects.filter(event_id__in=late_ids):
        assert event.name == "case.decided"
        assert event.recorded_at - event.occurred_at >= timedelta(days=7)
    assert len(late_ids) == late.count()
    others = Event.objects.exclude(event_id__in=late_ids).exclude(
        name="case.decided", case__number__in=[d.subject_key for d in late]
    )
    assert (
        not others.filter(recorded_at__gt=F("occurred_at") + timedelta(days=4))
        .exclude(name__in=["case.executed", "case.closed"], case__number__in=[d.subject_key for d in late])
        .exists()
    )


def test_history_is_complete_and_within_the_period(demo):
    """Given the tiny bureau, then every unit, officer, incident and case was created by its event, no event
    was recorded before it occurred or after the anchor, and all came from the demo."""
    assert Event.objects.filter(name="unit.created").count() == Unit.objects.count()
    assert Event.objects.filter(name="officer.created").count() == Officer.objects.count()
    assert Event.objects.filter(name="incident.received").count() == Incident.objects.count()
    assert Event.objects.filter(name="case.accepted").count() == Case.objects.count()
    assert not Event.objects.filter(recorded_at__lt=F("occurred_at")).exists()
    assert not Event.objects.filter(recorded_at__gt=END).exists()
    assert set(Event.objects.values_list("source", flat=True)) == {"demo"}


def test_parties_have_valid_id_numbers_and_some_are_minors(demo):
    """Given the tiny bureau, then every party's ID number passes the GB 11643 check and some are minors."""
    for id_number in Party.objects.values_list("id_number", flat=True):
        assert validate_id_number(id_number) is None
    assert Party.objects.filter(is_minor=True).exists()


def test_penalties_are_within_the_base_range_of_the_offence(demo):
    """Given the tiny bureau, then each penalty lies within one alternative of the base tier of the law in
    force on the day the case was accepted."""
    decided = Case.objects.filter(kind="admin", outcome="penalty").select_related("offence")
    assert decided.exists()
    for case in decided:
        penalty = case.decision["penalty"]
        version = version_on(case.offence.versions, case.accepted_at.astimezone(LEGAL_TZ).date())
        assert any(_fits(penalty, option) for option in parse_base(version["base"])), (case.number, penalty)


def _fits(penalty: dict, option) -> bool:
    days, fine = penalty.get("detention_days"), penalty.get("fine_yuan")
    if option.warning:
        return bool(penalty.get("warning")) and not days and not fine
    if option.detention:
        extra = option.extra_fine
        fine_ok = (fine is None and (extra is None or option.extra_fine_optional)) or (
            extra is not None and fine is not None and extra[0] <= fine <= extra[1]
        )
        return days is not None and option.detention[0] <= days <= option.detention[1] and fine_ok
    return not days and fine is not None and option.fine[0] <= fine <= option.fine[1]


def test_the_barbecue_stall_fight_is_there_as_in_the_journey(demo):
    """Given the tiny bureau, then journey 1 is there: a 110 call at 22:14 on 西江一路, a call recording and
    two body-camera clips, an admin case 殴打他人 with 行政拘留7日并处罚款500元, served (executed)."""
    case = Case.objects.select_related("incident", "offence").get(query_code="BBQXJ888")
    incident = case.incident
    assert incident.source == "call_110"
    assert "西江一路" in incident.place
    assert incident.received_at.astimezone(LEGAL_TZ).strftime("%H:%M") == "22:14"
    assert incident.reviewed_at is not None
    kinds = sorted(incident.media.exclude(kind="other").values_list("kind", flat=True))
    assert kinds == ["body_camera", "body_camera", "call_recording"]
    assert case.media.filter(kind="other", uri__contains="room03").exists()  # the questioning, recorded
    assert (case.kind, case.offence.code, case.title, case.status) == (
        "admin",
        "ps.assault",
        "王建军殴打他人案",
        "executed",
    )
    assert case.decision["penalty"]["detention_days"] == 7
    assert case.decision["penalty"]["fine_yuan"] == 500
    assert case.handlers.get(role="lead").officer == pick(ACCOUNTS[0])  # the demo account `officer`


def test_the_ebike_theft_becomes_a_criminal_case(demo):
    """Given the tiny bureau, then journey 2 is there: a walk-in report of a stolen e-bike, filed as 盗窃 on
    day 2, a suspect added, transferred for prosecution and closed."""
    case = Case.objects.select_related("incident", "offence").get(query_code="EBKXJ234")
    assert case.incident.source == "walk_in"
    assert (case.kind, case.offence.code, case.status) == ("criminal", "cr.theft", "closed")
    accepted = case.accepted_at.astimezone(LEGAL_TZ).date()
    assert (case.filed_at.astimezone(LEGAL_TZ).date() - accepted).days == 1
    assert case.parties.filter(role="criminal_suspect", name="莫小龙").exists()
    assert case.events.filter(name="case.transferred_for_prosecution").exists()


def test_numbering_continues_after_the_demo(demo):
    """Given the tiny bureau, when an officer accepts a new case at 西江派出所, then it is numbered after the
    demo's cases of that unit, kind and year (the counters saw every generated number)."""
    from lawtrail.cases.services import case_accept

    station = Unit.objects.get(name="西江派出所")
    officer = pick(ACCOUNTS[0])
    last = Case.objects.filter(unit=station, kind="admin", year=ANCHOR.year).order_by("-seq_no").first()
    case = case_accept(
        actor=officer,
        unit=station,
        kind="admin",
        title="新案件",
        offence="ps.assault",
        occurred_at=END,
        lead=officer,
    )
    assert case.seq_no == last.seq_no + 1
