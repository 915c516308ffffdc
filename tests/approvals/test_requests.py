"""Approval requests and decisions: the chain of the policy, four eyes, return/reject, and the events on
the case."""

from __future__ import annotations

import pytest

from lawtrail.approvals.models import ApprovalRequest
from lawtrail.approvals.services import approval_decide, approval_resubmit, approval_void
from lawtrail.common.errors import DomainError, TransitionNotAllowed, ValidationFailed
from lawtrail.events.models import Event
from tests.approvals.helpers import DECISION, approve_all, case_for_decision, request_decision, seeded
from tests.factories import at


def test_a_request_follows_the_policy_chain_and_ends_granted_with_its_events(bureau):
    """Given the default policy for 行政拘留 (unit head → legal review → bureau leader), when an officer asks
    and each step approves, then the request is granted and the case history holds the request, three step
    decisions each after its step opened, the legal review, the grant and the approval review."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    request = request_decision(bureau, case)
    assert request.act_kind == "admin_detention"
    assert [s["role"] for s in request.steps] == ["unit_head", "legal_officer", "bureau_leader"]
    assert request.steps[0]["hours"] == 24
    request = approve_all(bureau, request)
    assert request.status == "granted"
    names = list(Event.objects.filter(case=case, name__startswith="approval.").values_list("name", flat=True))
    assert names == [
        "approval.requested",
        *["approval.step_opened", "approval.step_decided"] * 3,
        "approval.granted",
    ]
    opened = Event.objects.filter(case=case, name="approval.step_opened").order_by("seq")
    assert [(e.payload["title"], e.payload["hours"]) for e in opened] == [
        ("办案部门负责人审核", 24),
        ("法制审核", 72),
        ("局领导审批", 24),
    ]
    reviews = list(Event.objects.filter(case=case, name="review.completed").values_list("payload", flat=True))
    assert [(r["kind"], r["result"]) for r in reviews] == [("legal", "passed"), ("approval", "passed")]
    assert request.decisions.count() == 3


def test_the_requester_cannot_approve_their_own_request(bureau):
    """Given a unit head who asks for approval themselves, when they try to decide the unit-head step, then
    it is refused (four eyes) and nothing is written."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    from lawtrail.approvals.services import approval_request

    request = approval_request(
        actor=bureau.head_sub_a,
        case=case,
        act_event="case.decided",
        payload=DECISION,
        occurred_at=at("2026-03-02 10:00"),
    )
    before = Event.objects.count()
    with pytest.raises(TransitionNotAllowed) as refused:
        approval_decide(
            actor=bureau.head_sub_a,
            request=request,
            result="approve",
            opinion="同意",
            occurred_at=at("2026-03-02 10:30"),
        )
    assert refused.value.code == "four_eyes"
    assert Event.objects.count() == before
    assert ApprovalRequest.objects.get(pk=request.pk).current_step == 0


def test_only_an_officer_with_the_steps_role_and_scope_decides(bureau):
    """Given a request waiting for the unit head of sub-bureau A, when the legal officer or a case officer
    of another sub-bureau decides it, then it is refused (not a decider)."""
    seeded(bureau)
    request = request_decision(bureau, case_for_decision(bureau.officer_a))
    for officer in (bureau.legal_officer, bureau.officer_b):
        with pytest.raises(TransitionNotAllowed) as refused:
            approval_decide(
                actor=officer,
                request=request,
                result="approve",
                opinion="同意",
                occurred_at=at("2026-03-02 10:30"),
            )
        assert refused.value.code == "not_a_decider"


def test_return_needs_reasons_and_the_resubmission_starts_the_chain_over(bureau):
    """Given a request at the legal review, when the legal officer returns it without a reason, then that is
    refused; with reasons it is returned; the requester corrects it and it starts again at the first step
    with the new content."""
    seeded(bureau)
    request = request_decision(bureau, case_for_decision(bureau.officer_a))
    request = approval_decide(
        actor=bureau.head_sub_a,
        request=request,
        result="approve",
        opinion="同意",
        occurred_at=at("2026-03-02 11:00"),
    )
    with pytest.raises(ValidationFailed, match="理由"):
        approval_decide(
            actor=bureau.legal_officer,
            request=request,
            result="return",
            opinion="否",
            occurred_at=at("2026-03-02 12:00"),
        )
    request = approval_decide(
        actor=bureau.legal_officer,
        request=request,
        result="return",
        opinion="伤情证据不足，请补充伤情鉴定",
        occurred_at=at("2026-03-02 12:00"),
    )
    assert request.status == "returned"
    old_hash = request.content_hash
    request = approval_resubmit(
        actor=bureau.officer_a,
        request=request,
        payload={"outcome": "penalty", "penalty": {"detention_days": 5, "fine_yuan": 500}},
        correction="已补充伤情鉴定，调整处罚",
        occurred_at=at("2026-03-03 09:00"),
    )
    assert (request.status, request.current_step) == ("pending", 0)
    assert request.content_hash != old_hash
    assert request.content["penalty"]["detention_days"] == 5


def test_a_rejection_refuses_the_request_and_the_act(bureau):
    """Given a request, when the bureau leader rejects it at the last step, then it is refused and the
    decision cannot be recorded."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    request = request_decision(bureau, case)
    for officer in (bureau.head_sub_a, bureau.legal_officer):
        request = approval_decide(
            actor=officer,
            request=request,
            result="approve",
            opinion="同意",
            occurred_at=at("2026-03-02 11:00"),
        )
    request = approval_decide(
        actor=bureau.leader,
        request=request,
        result="reject",
        opinion="事实不清",
        occurred_at=at("2026-03-02 12:00"),
    )
    assert request.status == "refused"
    assert Event.objects.filter(case=case, name="approval.refused").count() == 1
    from lawtrail.cases.services import case_event

    with pytest.raises(TransitionNotAllowed) as refused:
        case_event(
            case=case,
            name="case.decided",
            actor=bureau.officer_a,
            payload=DECISION,
            occurred_at=at("2026-03-02 13:00"),
        )
    assert refused.value.code == "approval_missing"


def test_a_decided_request_takes_no_more_decisions(bureau):
    """Given a granted request, when someone decides it again or resubmits it, then the state machine refuses
    it and names the state."""
    seeded(bureau)
    request = approve_all(bureau, request_decision(bureau, case_for_decision(bureau.officer_a)))
    with pytest.raises(DomainError, match="已批准"):
        approval_decide(
            actor=bureau.leader,
            request=request,
            result="approve",
            opinion="同意",
            occurred_at=at("2026-03-03 09:00"),
        )
    approval_void(actor=bureau.officer_a, request=request, reason="撤回", occurred_at=at("2026-03-03 09:00"))
    with pytest.raises(TransitionNotAllowed, match="已作废"):
        approval_void(
            actor=bureau.officer_a, request=request, reason="撤回", occurred_at=at("2026-03-03 09:10")
        )


def test_a_collective_step_needs_three_participants(bureau):
    """Given a 吊销许可证 decision whose last step is a collective discussion, when it is recorded with two
    participants, then it is refused; with three it passes and records review.completed (collective)."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    decision = {"outcome": "penalty", "penalty": {"other": "吊销娱乐场所经营许可证"}}
    request = request_decision(bureau, case, decision)
    assert request.act_kind == "licence_revocation"
    for officer in (bureau.head_sub_a, bureau.legal_officer):
        request = approval_decide(
            actor=officer,
            request=request,
            result="approve",
            opinion="同意",
            occurred_at=at("2026-03-02 11:00"),
        )
    with pytest.raises(ValidationFailed, match="三名"):
        approval_decide(
            actor=bureau.leader,
            request=request,
            result="approve",
            opinion="同意",
            participants=["黄勇", "刘洋"],
            occurred_at=at("2026-03-03 09:00"),
        )
    request = approval_decide(
        actor=bureau.leader,
        request=request,
        result="approve",
        opinion="经集体讨论，同意吊销",
        participants=["黄勇", "刘洋", "陈静"],
        opinions="黄勇：同意；刘洋：同意；陈静：同意",
        occurred_at=at("2026-03-03 09:00"),
    )
    assert request.status == "granted"
    kinds = list(
        Event.objects.filter(case=case, name="review.completed").values_list("payload__kind", flat=True)
    )
    assert kinds == ["legal", "collective", "approval"]
