"""The integrity rules, enforced on the one write path (events.registry.PRE_APPLY) so that pages, the API
and imports behave the same: a decision needs its approval, the approval covers exactly what was reviewed,
editing voids it, a policy change does not touch requests under way."""

from __future__ import annotations

import pytest

from lawtrail.approvals.models import ApprovalRequest
from lawtrail.approvals.services import approval_edit, approval_request, policy_save
from lawtrail.cases.services import case_event
from lawtrail.common.errors import PermissionDenied, TransitionNotAllowed, ValidationFailed
from lawtrail.events.models import Event
from lawtrail.events.services import event_record
from tests.api.conftest import bearer
from tests.approvals.helpers import DECISION, approve_all, case_for_decision, request_decision, seeded
from tests.factories import at, make_case
from tests.measures.helpers import case_with_suspect


def _decide(bureau, case, payload=DECISION, when="2026-03-03 10:00"):
    return case_event(
        case=case, name="case.decided", actor=bureau.officer_a, payload=payload, occurred_at=at(when)
    )


def test_a_missing_approval_blocks_the_decision_and_writes_nothing(bureau):
    """Given a bureau whose policy requires approval of 行政拘留, when the decision is recorded without a
    request, then it is refused with the chain to follow, the case stays where it was and no event is
    written; while the request is under way it is still refused."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    before = Event.objects.count()
    with pytest.raises(TransitionNotAllowed, match="办案部门负责人审核 → 法制审核 → 局领导审批") as refused:
        _decide(bureau, case)
    assert refused.value.code == "approval_missing"
    assert Event.objects.count() == before
    request_decision(bureau, case)
    with pytest.raises(TransitionNotAllowed, match="审批尚未完成"):
        _decide(bureau, case)


def test_the_granted_decision_is_recorded_through_the_api_path_too(bureau):
    """Given a granted approval, when the same decision is posted to the API, then it is accepted: the
    guard sits on event_record, under the pages and the API alike."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    approve_all(bureau, request_decision(bureau, case))
    client = bearer(bureau.officer_a)
    refused = client.post(
        f"/api/cases/{case.number}/events",
        {
            "name": "case.decided",
            "payload": {"outcome": "penalty", "penalty": {"fine_yuan": 300}},
            "occurred_at": "2026-03-03T10:00:00+08:00",
        },
        content_type="application/json",
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "approval_missing"
    accepted = client.post(
        f"/api/cases/{case.number}/events",
        {"name": "case.decided", "payload": DECISION, "occurred_at": "2026-03-03T10:00:00+08:00"},
        content_type="application/json",
    )
    assert accepted.status_code == 201, accepted.content
    case.refresh_from_db()
    assert case.status == "decided"


def test_an_approval_covers_exactly_what_was_reviewed(bureau):
    """Given a granted approval of 拘留7日、罚款600元, when a decision of 拘留7日、罚款800元 is recorded, then it
    is refused (approval_mismatch) and names what was approved; the approved content is accepted."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    approve_all(bureau, request_decision(bureau, case))
    with pytest.raises(TransitionNotAllowed, match="拘留7日，罚款600元") as refused:
        _decide(bureau, case, {"outcome": "penalty", "penalty": {"detention_days": 7, "fine_yuan": 800}})
    assert refused.value.code == "approval_mismatch"
    _decide(bureau, case)
    case.refresh_from_db()
    assert case.decision["penalty"]["fine_yuan"] == 600


def test_editing_a_granted_approval_voids_it(bureau):
    """Given a granted approval, when its content is edited, then approval.voided is recorded with the new
    content's hash, a new request follows the current chain, and neither the old nor the new content can be
    decided until the new request is granted."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    granted = approve_all(bureau, request_decision(bureau, case))
    edited = {"outcome": "penalty", "penalty": {"detention_days": 10, "fine_yuan": 600}}
    new = approval_edit(
        actor=bureau.officer_a, request=granted, payload=edited, occurred_at=at("2026-03-02 18:00")
    )
    old = ApprovalRequest.objects.get(pk=granted.pk)
    assert old.status == "voided"
    voided = Event.objects.get(case=case, name="approval.voided")
    assert voided.payload["new_content_hash"] == new.content_hash != old.content_hash
    assert (new.status, new.current_step) == ("pending", 0)
    for payload in (DECISION, edited):
        with pytest.raises(TransitionNotAllowed):
            _decide(bureau, case, payload)
    approve_all(bureau, new, start="2026-03-03 08:00")
    _decide(bureau, case, edited, when="2026-03-03 12:00")


def test_editing_without_a_change_is_refused(bureau):
    """Given a granted approval, when "edited" to the same content, then it is refused and stays granted."""
    seeded(bureau)
    granted = approve_all(bureau, request_decision(bureau, case_for_decision(bureau.officer_a)))
    with pytest.raises(ValidationFailed, match="没有变化"):
        approval_edit(actor=bureau.officer_a, request=granted, payload=DECISION)
    assert ApprovalRequest.objects.get(pk=granted.pk).status == "granted"


def test_a_policy_change_applies_to_the_next_request_only(bureau):
    """Given a request under way with the v1 chain, when an administrator saves v2 (unit head → bureau
    leader), then the next request follows v2 and the one under way keeps v1, and both can be completed."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    first = request_decision(bureau, case)
    policy = policy_save(
        actor=bureau.legal_officer,
        bureau=bureau.bureau,
        act_kind="admin_detention",
        steps=[
            {"title": "所长审核", "role": "unit_head", "scope": "case_unit", "hours": 8},
            {"title": "局长审批", "role": "bureau_leader", "scope": "bureau", "hours": 8},
        ],
        effective_from=at("2026-03-02 10:30"),
    )
    assert policy.version == 2
    other = case_for_decision(bureau.officer_a)
    second = request_decision(bureau, other, when="2026-03-02 11:00")
    assert second.chain == "所长审核 → 局长审批"
    first.refresh_from_db()
    assert first.chain == "办案部门负责人审核 → 法制审核 → 局领导审批"
    assert first.policy.version == 1
    assert approve_all(bureau, first).decisions.count() == 3
    assert approve_all(bureau, second).decisions.count() == 2


def test_only_administrators_and_the_legal_brigade_change_policies(bureau):
    """Given a case officer and a unit head, when they save a policy, then it is refused (permission)."""
    for officer in (bureau.officer_a, bureau.head_sub_a):
        with pytest.raises(PermissionDenied):
            policy_save(
                actor=officer,
                bureau=bureau.bureau,
                act_kind="summons",
                steps=[{"title": "所长审批", "role": "unit_head", "scope": "case_unit", "hours": 2}],
            )


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([], "至少"),
        ([{"title": "x", "role": "case_officer", "scope": "case_unit", "hours": 2}], "办案民警不能审批"),
        ([{"title": "x", "role": "unit_head", "scope": "case_unit", "hours": 0}], "时限"),
        ([{"title": " ", "role": "unit_head", "scope": "case_unit", "hours": 2}], "环节名称"),
    ],
)
def test_a_bad_policy_is_refused_with_what_to_fix(bureau, steps, message):
    """Given a policy without steps, with a case officer as decider, a zero time limit or no step title,
    then saving it is refused with a Chinese message naming the problem."""
    with pytest.raises(ValidationFailed, match=message):
        policy_save(actor=None, bureau=bureau.bureau, act_kind="summons", steps=steps)


def test_acts_before_the_policy_took_effect_and_bureaus_without_policies_are_not_blocked(bureau):
    """Given a policy effective from 2026-04-01, when a decision of March is recorded, then it passes; a
    bureau without policies decides without approvals."""
    approval_case = case_for_decision(bureau.officer_a)
    _decide(bureau, approval_case)
    from lawtrail.approvals.services import approvals_seed

    approvals_seed(bureau=bureau.bureau, effective_from=at("2026-04-01 00:00"))
    case = case_for_decision(bureau.officer_a)
    _decide(bureau, case)
    case.refresh_from_db()
    assert case.status == "decided"


def test_measures_need_their_approval_but_an_emergency_on_the_spot_passes(bureau):
    """Given the 传唤 policy, when a summons is applied without approval it is refused; taken on the spot
    (情况紧急) it passes for supervision to check the approval obtained afterwards; with an approval of the
    same person it passes."""
    seeded(bureau)
    case, party = case_with_suspect(bureau.officer_a)
    payload = {"case": case.number, "kind": "summons", "party": str(party.party_id)}

    def apply(extra=None, key="00000000-0000-0000-0000-00000000000"):
        return event_record(
            name="measure.applied",
            subject_key=key,
            actor=bureau.officer_a,
            payload={**payload, **(extra or {})},
            occurred_at=at("2026-03-01 12:00"),
        )

    with pytest.raises(TransitionNotAllowed) as refused:
        apply(key="00000000-0000-0000-0000-000000000001")
    assert refused.value.code == "approval_missing"
    apply({"on_the_spot": True}, key="00000000-0000-0000-0000-000000000002")
    request = approval_request(
        actor=bureau.officer_a,
        case=case,
        act_event="measure.applied",
        payload={"kind": "summons", "party": str(party.party_id)},
        occurred_at=at("2026-03-01 11:00"),
    )
    assert request.summary == "传唤：王强"
    approve_all(bureau, request, start="2026-03-01 11:00")
    apply(key="00000000-0000-0000-0000-000000000003")


def test_an_act_the_policy_does_not_cover_cannot_be_requested(bureau):
    """Given no policy for 不予立案 in a bureau, when an officer asks for it, then the answer says no
    approval is needed."""
    case = make_case(bureau.officer_a, kind="criminal")
    with pytest.raises(ValidationFailed, match="无需报批"):
        approval_request(
            actor=bureau.officer_a, case=case, act_event="case.not_filed", payload={"reason": "不构成犯罪"}
        )
