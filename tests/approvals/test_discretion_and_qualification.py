"""Discretion benchmarks (行政裁量基准) on the decision path, enforcement qualification on the handler
assignment, auxiliary officers never acting alone, and the evidence checklist."""

from __future__ import annotations

from datetime import date

import pytest

from lawtrail.approvals.models import Qualification
from lawtrail.approvals.selectors import evidence_checklist, expiring_qualifications, inbox, similar_decisions
from lawtrail.approvals.services import (
    approval_request,
    approvals_seed,
    exam_record,
    policy_save,
    qualification_requirement_set,
    training_record,
)
from lawtrail.cases.services import case_add_party, case_event
from lawtrail.common.errors import TransitionNotAllowed, ValidationFailed
from lawtrail.events.models import Event
from lawtrail.measures.services import interview_record
from lawtrail.org.policies import scope_for
from lawtrail.org.services import officer_create
from tests.approvals.helpers import approve_all, case_for_decision, request_decision, seeded
from tests.factories import at, make_case

OUTSIDE = {
    "outcome": "penalty",
    "penalty": {"detention_days": 15, "fine_yuan": 500},
}  # 一般: 5–10日, 500–1000元


def test_a_penalty_outside_the_range_without_a_reason_is_refused(bureau):
    """Given the benchmark of 殴打他人 (一般: 拘留5–10日并罚500–1000元), when a 15-day detention is proposed
    as 一般 without a written reason, then the request is refused naming both the proposal and the range."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    with pytest.raises(
        ValidationFailed, match=r"拘留15日，罚款500元.*一般：拘留5–10日，罚款500–1000元"
    ) as refused:
        request_decision(bureau, case, OUTSIDE, circumstance="ordinary")
    assert (refused.value.code, refused.value.field) == ("outside_benchmark", "deviation_reason")


def test_with_a_reason_the_deviation_goes_to_legal_review(bureau):
    """Given a chain without legal review (unit head → bureau leader), when a penalty outside the range is
    proposed with a written reason, then a legal review step is added before the last step."""
    approvals_seed(bureau=bureau.bureau, effective_from=at("2026-01-01 00:00"))
    policy_save(
        actor=None,
        bureau=bureau.bureau,
        act_kind="admin_detention",
        steps=[
            {"title": "所长审核", "role": "unit_head", "scope": "case_unit", "hours": 8},
            {"title": "局长审批", "role": "bureau_leader", "scope": "bureau", "hours": 8},
        ],
        effective_from=at("2026-01-01 00:00"),
    )
    case = case_for_decision(bureau.officer_a)
    request = request_decision(
        bureau, case, OUTSIDE, circumstance="ordinary", deviation_reason="殴打致被侵害人轻微伤且拒不赔偿"
    )
    assert [s["kind"] for s in request.steps] == ["approval", "legal_review", "approval"]
    approve_all(bureau, request)
    case_event(
        case=case,
        name="case.decided",
        actor=bureau.officer_a,
        payload=OUTSIDE,
        occurred_at=at("2026-03-03 10:00"),
    )


def test_the_decision_path_refuses_an_unreviewed_penalty_outside_every_range(bureau):
    """Given benchmarks but no approval policy, when a decision outside every circumstance's range is
    recorded directly, then event_record refuses it; a penalty within a range passes."""
    approvals_seed(bureau=bureau.bureau, effective_from=at("2026-06-01 00:00"))  # policies not yet in force
    case = case_for_decision(bureau.officer_a)
    with pytest.raises(ValidationFailed) as refused:
        case_event(
            case=case,
            name="case.decided",
            actor=bureau.officer_a,
            payload={"outcome": "penalty", "penalty": {"detention_days": 20}},
            occurred_at=at("2026-03-03 10:00"),
        )
    assert refused.value.code == "outside_benchmark"
    case_event(
        case=case,
        name="case.decided",
        actor=bureau.officer_a,
        payload={"outcome": "penalty", "penalty": {"detention_days": 3}},
        occurred_at=at("2026-03-03 10:00"),
    )


def test_the_reviewer_sees_similar_past_decisions(bureau):
    """Given a granted 一般 殴打他人 decision, when another 一般 one is requested, then the first is listed
    as similar; a 情节较轻 one is not."""
    seeded(bureau)
    first = approve_all(
        bureau, request_decision(bureau, case_for_decision(bureau.officer_a), circumstance="ordinary")
    )
    light = request_decision(
        bureau,
        case_for_decision(bureau.officer_a),
        {"outcome": "penalty", "penalty": {"fine_yuan": 500}},
        circumstance="lighter",
    )
    approve_all(bureau, light)
    second = request_decision(bureau, case_for_decision(bureau.officer_a), circumstance="ordinary")
    assert similar_decisions(second) == [first]


def test_an_unqualified_or_expired_officer_cannot_lead(bureau):
    """Given officers without a qualification and with one expired on the day, when named lead handler,
    then the assignment is refused (unqualified_lead) and writes nothing; a valid one is accepted."""
    case = make_case(bureau.officer_a)
    none = officer_create(
        actor=None, badge_no="100101", name="新警", unit=bureau.station_a, qualification_level="none"
    )
    expired = officer_create(
        actor=None,
        badge_no="100102",
        name="老警",
        unit=bureau.station_a,
        qualification_level="basic",
        qualification_expires=date(2026, 2, 28),
    )
    before = Event.objects.count()
    for officer, why in ((none, "未取得执法资格"), (expired, "已于2026-02-28过期")):
        with pytest.raises(ValidationFailed, match=why) as refused:
            case_event(
                case=case,
                name="case.handler_assigned",
                actor=bureau.head_sub_a,
                payload={"officer": officer.badge_no, "role": "lead"},
                occurred_at=at("2026-03-01 11:00"),
            )
        assert refused.value.code == "unqualified_lead"
    assert Event.objects.count() == before
    case_event(
        case=case,
        name="case.handler_assigned",
        actor=bureau.head_sub_a,
        payload={"officer": bureau.officer_a2.badge_no, "role": "lead"},
        occurred_at=at("2026-03-01 11:00"),
    )


def test_the_bureau_can_require_a_higher_level_for_criminal_leads(bureau):
    """Given the bureau requires 中级 for criminal leads, when a 基本级 officer is named lead of a criminal
    case, then it is refused; after passing the 中级 exam (officer.certified) they are accepted."""
    case = make_case(bureau.officer_a2, kind="criminal")  # accepted before the requirement
    qualification_requirement_set(
        actor=bureau.legal_officer, bureau=bureau.bureau, case_kind="criminal", level="intermediate"
    )
    assign = {"officer": bureau.officer_a.badge_no, "role": "lead"}
    with pytest.raises(ValidationFailed, match="仅有基本级"):
        case_event(
            case=case,
            name="case.handler_assigned",
            actor=bureau.head_sub_a,
            payload=assign,
            occurred_at=at("2026-03-01 11:00"),
        )
    exam = exam_record(
        actor=bureau.legal_officer,
        officer=bureau.officer_a,
        level="intermediate",
        taken_on=date(2026, 2, 10),
        score=82,
        certificate_no="ZJ-2026-0001",
    )
    assert exam.result == "passed"
    bureau.officer_a.refresh_from_db()
    assert (bureau.officer_a.qualification_level, bureau.officer_a.qualification_expires) == (
        "intermediate",
        date(2029, 2, 10),
    )
    assert Qualification.objects.get(officer=bureau.officer_a).exam == exam
    assert Event.objects.filter(name="officer.certified", subject_key=bureau.officer_a.badge_no).count() == 1
    case_event(
        case=case,
        name="case.handler_assigned",
        actor=bureau.head_sub_a,
        payload=assign,
        occurred_at=at("2026-03-01 11:00"),
    )


def test_a_failed_exam_gives_no_qualification(bureau):
    """Given an exam scored 50, then it is recorded as failed and the officer's level is unchanged."""
    exam = exam_record(
        actor=None, officer=bureau.officer_a, level="advanced", taken_on=date(2026, 2, 10), score=50
    )
    assert exam.result == "failed"
    bureau.officer_a.refresh_from_db()
    assert bureau.officer_a.qualification_level == "basic"


def test_an_auxiliary_officer_cannot_act_alone(bureau):
    """Given a case whose police lead was released, when an auxiliary officer is assigned to it, then it is
    refused (auxiliary_alone); an interview held by the auxiliary officer alone is refused too; with a
    police officer present both are accepted."""
    case = make_case(bureau.officer_a)
    case_event(
        case=case,
        name="case.handler_released",
        actor=bureau.head_sub_a,
        payload={"officer": bureau.officer_a.badge_no},
        occurred_at=at("2026-03-01 10:30"),
    )
    aux = {"officer": bureau.auxiliary_a.badge_no, "role": "assisting"}
    with pytest.raises(ValidationFailed) as refused:
        case_event(
            case=case,
            name="case.handler_assigned",
            actor=bureau.head_sub_a,
            payload=aux,
            occurred_at=at("2026-03-01 11:00"),
        )
    assert refused.value.code == "auxiliary_alone"
    case_event(
        case=case,
        name="case.handler_assigned",
        actor=bureau.head_sub_a,
        payload={"officer": bureau.officer_a.badge_no, "role": "lead"},
        occurred_at=at("2026-03-01 11:00"),
    )
    case_event(
        case=case,
        name="case.handler_assigned",
        actor=bureau.head_sub_a,
        payload=aux,
        occurred_at=at("2026-03-01 11:05"),
    )
    case_add_party(
        case=case, actor=bureau.officer_a, role="witness", name="李四", occurred_at=at("2026-03-01 11:10")
    )
    party = case.parties.get()
    kw = {
        "actor": bureau.officer_a,
        "case": case,
        "party": party,
        "kind": "questioning",
        "started_at": at("2026-03-01 12:00"),
        "ended_at": at("2026-03-01 12:30"),
        "place": "case_area",
    }

    with pytest.raises(ValidationFailed) as alone:
        interview_record(officers=[bureau.auxiliary_a], **kw)
    assert alone.value.code == "auxiliary_alone"
    interview_record(officers=[bureau.officer_a, bureau.auxiliary_a], **kw)


def test_expiring_qualifications_are_listed_for_warning(bureau):
    """Given an officer whose qualification ends in 30 days, then the expiry list of the bureau has them and
    not the officers valid until 2028."""
    officer = officer_create(
        actor=None,
        badge_no="100103",
        name="将过期",
        unit=bureau.station_a,
        qualification_level="basic",
        qualification_expires=date(2026, 4, 1),
    )
    assert list(expiring_qualifications(bureau.bureau.id, today=date(2026, 3, 2))) == [officer]


def test_training_needs_topic_hours_and_attendees(bureau):
    """Given a training session without attendees, then it is refused; with them it is recorded."""
    with pytest.raises(ValidationFailed, match="参训人员"):
        training_record(
            actor=None,
            bureau=bureau.bureau,
            topic="治安管理处罚法修订",
            held_on=date(2026, 1, 5),
            hours=4,
            attendees=[],
        )
    session = training_record(
        actor=None,
        bureau=bureau.bureau,
        topic="治安管理处罚法修订",
        held_on=date(2026, 1, 5),
        hours=4,
        attendees=[bureau.officer_a, bureau.officer_a2],
    )
    assert session.attendees.count() == 2


def test_the_inbox_lists_requests_waiting_for_the_officer_with_their_deadline(bureau):
    """Given a request at the unit-head step (24 h), then the unit head's inbox has it with its due time,
    overdue after 24 h; the legal officer's inbox is empty until the head approves."""
    seeded(bureau)
    request = request_decision(bureau, case_for_decision(bureau.officer_a))
    rows = inbox(bureau.head_sub_a, scope_for(bureau.head_sub_a), now=at("2026-03-02 12:00"))
    assert [(r.request, r.due, r.overdue) for r in rows] == [(request, at("2026-03-03 10:00"), False)]
    assert inbox(bureau.head_sub_a, scope_for(bureau.head_sub_a), now=at("2026-03-03 10:01"))[0].overdue
    assert inbox(bureau.legal_officer, scope_for(bureau.legal_officer), now=at("2026-03-02 12:00")) == []
    assert inbox(bureau.officer_a, scope_for(bureau.officer_a), now=at("2026-03-02 12:00")) == []


def test_the_evidence_checklist_shows_what_the_file_has_and_lacks(bureau):
    """Given a 殴打他人 case with a suspect (ID number) but no interview, then the checklist has the identity
    and lists the suspect's statement as missing and the injury evidence for the reviewer to check."""
    case = make_case(bureau.officer_a)
    case_add_party(
        case=case,
        actor=bureau.officer_a,
        role="admin_suspect",
        name="王强",
        id_number="450403199001011234",
        occurred_at=at("2026-03-01 10:05"),
    )
    rows = {r.item: r for r in evidence_checklist(case)}
    assert rows["身份证明（身份证号码已核验）"].state == "have"
    assert rows["违法嫌疑人陈述和申辩（询问笔录）"].state == "missing"
    assert rows["伤情照片、病历或伤情鉴定意见"].state == "check"


def test_an_offence_without_a_guide_has_no_checklist(bureau):
    """Given a criminal theft case, then there is no evidence guide (None), not an empty list."""
    assert evidence_checklist(make_case(bureau.officer_a, kind="criminal")) is None


def test_requesting_a_non_filing_follows_its_policy(bureau):
    """Given the default policy, when 不予立案 is requested for a criminal report, then its chain is unit head
    → bureau leader and the non-filing is refused until it is granted."""
    seeded(bureau)
    case = make_case(bureau.officer_a, kind="criminal")
    request = approval_request(
        actor=bureau.officer_a,
        case=case,
        act_event="case.not_filed",
        payload={"reason": "不构成犯罪"},
        occurred_at=at("2026-03-01 11:00"),
    )
    assert request.chain == "办案部门负责人审核 → 局领导审批"
    with pytest.raises(TransitionNotAllowed):
        case_event(
            case=case,
            name="case.not_filed",
            actor=bureau.officer_a,
            payload={"reason": "不构成犯罪"},
            occurred_at=at("2026-03-01 12:00"),
        )
    approve_all(bureau, request, start="2026-03-01 12:00")
    case_event(
        case=case,
        name="case.not_filed",
        actor=bureau.officer_a,
        payload={"reason": "不构成犯罪"},
        occurred_at=at("2026-03-01 15:00"),
    )


def test_expiry_warnings_reach_the_officer_and_their_unit_head_once(bureau):
    """Given an officer of station A whose qualification ends in 30 days, when the warning runs twice, then
    the officer and the head of sub-bureau A are notified once each, and nobody else."""
    from lawtrail.approvals.services import qualification_expiry_warn
    from lawtrail.notifications.models import Notification

    officer = officer_create(
        actor=None,
        badge_no="100104",
        name="将过期",
        unit=bureau.station_a,
        qualification_level="basic",
        qualification_expires=date(2026, 4, 1),
    )
    assert qualification_expiry_warn(bureau=bureau.bureau, today=date(2026, 3, 2)) == 2
    assert qualification_expiry_warn(bureau=bureau.bureau, today=date(2026, 3, 2)) == 0
    recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert recipients == {officer.pk, bureau.head_sub_a.pk}
    assert "2026-04-01到期" in Notification.objects.get(recipient=officer).title
