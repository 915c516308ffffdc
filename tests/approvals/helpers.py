"""A bureau with the default approval policies (from 2026-01-01) and an administrative case ready for its
decision, for the approval tests."""

from __future__ import annotations

from typing import Any

from lawtrail.approvals.models import ApprovalRequest
from lawtrail.approvals.services import approval_decide, approval_request, approvals_seed
from lawtrail.cases.models import Case
from lawtrail.cases.services import case_event
from lawtrail.org.models import Officer
from tests.factories import Bureau, at, make_case

DECISION = {"outcome": "penalty", "penalty": {"detention_days": 7, "fine_yuan": 600}}


def seeded(bureau: Bureau) -> Bureau:
    approvals_seed(bureau=bureau.bureau, effective_from=at("2026-01-01 00:00"))
    return bureau


def case_for_decision(officer: Officer, *, offence: str = "ps.assault") -> Case:
    """An administrative case (accepted 2026-03-01 10:00) whose party has been notified of their rights."""
    case = make_case(officer)
    if offence != "ps.assault":
        case_event(case=case, name="case.offence_changed", actor=officer, payload={"offence": offence})
    case_event(
        case=case, name="case.investigation_started", actor=officer, occurred_at=at("2026-03-01 10:30")
    )
    case_event(case=case, name="case.rights_notified", actor=officer, occurred_at=at("2026-03-02 09:00"))
    return Case.objects.get(pk=case.pk)


def request_decision(
    bureau: Bureau,
    case: Case,
    decision: dict[str, Any] | None = None,
    *,
    when: str = "2026-03-02 10:00",
    **kw,
) -> ApprovalRequest:
    return approval_request(
        actor=bureau.officer_a,
        case=case,
        act_event="case.decided",
        payload=decision or DECISION,
        occurred_at=at(when),
        **kw,
    )


def approve_all(
    bureau: Bureau, request: ApprovalRequest, *, start: str = "2026-03-02 11:00"
) -> ApprovalRequest:
    """Approve every step with the officer of the default chain (unit head, legal officer, bureau leader)."""
    deciders = {
        "unit_head": bureau.head_sub_a,
        "legal_officer": bureau.legal_officer,
        "bureau_leader": bureau.leader,
    }
    hour = int(start[11:13])
    while request.status == "pending":
        step = request.step
        assert step is not None
        request = approval_decide(
            actor=deciders[step["role"]],
            request=request,
            result="approve",
            opinion="同意",
            participants=["黄勇", "刘洋", "陈静"] if step["kind"] == "collective" else None,
            occurred_at=at(f"{start[:11]}{hour:02d}:00"),
        )
        hour += 1
    return request
