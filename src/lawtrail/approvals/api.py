"""审批与法制审核 over HTTP: the inbox, a case's approvals, asking, deciding a step.

Thin: parse, call a selector or a service, shape the answer. The same services as the pages: four eyes,
the step's role and scope, the discretion check (409/422); out of scope is 404.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from lawtrail.api.auth import request_officer, request_scope
from lawtrail.api.errors import body_fields, errors
from lawtrail.cases.selectors import case_get

from .choices import ActKind, Circumstance, RequestStatus, StepResult
from .models import ApprovalRequest, StepDecision
from .selectors import approval_get, case_approvals, inbox
from .services import approval_decide, approval_request

router = Router(tags=["审批与法制审核"])


class DecisionOut(Schema):
    step: int
    step_title: str
    decider: str = Field(description="警号")
    result: StepResult
    opinion: str
    participants: list[str]
    decided_at: datetime
    late: bool

    @staticmethod
    def resolve_decider(obj: StepDecision) -> str:
        return obj.decider.badge_no


class ApprovalOut(Schema):
    request_id: uuid.UUID
    case: str = Field(description="案件编号")
    act_kind: ActKind
    act_event: str
    summary: str
    content: dict[str, Any]
    content_hash: str = Field(description="报批内容的SHA-256：批准只及于此内容")
    status: RequestStatus
    policy_version: int
    steps: list[dict[str, Any]]
    current_step: int
    step_due: datetime | None = Field(description="当前环节的期限")
    requester: str = Field(description="报批人警号")
    requested_at: datetime
    decisions: list[DecisionOut]

    @staticmethod
    def resolve_case(obj: ApprovalRequest) -> str:
        return obj.case.number

    @staticmethod
    def resolve_policy_version(obj: ApprovalRequest) -> int:
        return obj.policy.version

    @staticmethod
    def resolve_requester(obj: ApprovalRequest) -> str:
        return obj.requester.badge_no

    @staticmethod
    def resolve_decisions(obj: ApprovalRequest) -> list[StepDecision]:
        return list(obj.decisions.select_related("decider"))


class CaseQuery(Schema):
    case: str | None = Field(None, description="案件编号；不填则为等待我审批的事项")


class ApprovalIn(Schema):
    case: str = Field(description="案件编号（须在您的范围内）")
    act_event: Literal[
        "case.decided",
        "case.withdrawn",
        "case.not_filed",
        "measure.applied",
        "measure.extended",
        "measure.arrest_requested",
    ]
    payload: dict[str, Any] = Field(description="该行为事件的载荷（与之后登记的行为完全一致）")
    measure_id: str = Field("", description="延长、提请逮捕所涉措施编号")
    circumstance: Circumstance | None = None
    deviation_reason: str = ""


class DecideIn(Schema):
    result: StepResult
    opinion: str
    participants: list[str] = []
    opinions: str = ""


@router.get(
    "", response={200: list[ApprovalOut], **errors(404, 422)}, summary="审批列表 Approvals (inbox or case)"
)
def list_approvals(request: HttpRequest, filters: Query[CaseQuery]):
    scope = request_scope(request)
    if filters.case:
        return case_approvals(case_get(scope, filters.case))
    return [row.request for row in inbox(request_officer(request), scope)]


@router.post("", response={201: ApprovalOut, **errors(404, 409, 422)}, summary="提请审批 Ask for approval")
def create_approval(request: HttpRequest, data: ApprovalIn):
    case = case_get(request_scope(request), data.case)
    approval = approval_request(  # errors name the act's fields as `payload.<field>`, as in this body
        actor=request_officer(request),
        case=case,
        act_event=data.act_event,
        payload=data.payload,
        measure_id=data.measure_id,
        circumstance=data.circumstance.value if data.circumstance else "",
        deviation_reason=data.deviation_reason,
        source="api",
    )
    return Status(201, approval)


@router.get("/{request_id}", response={200: ApprovalOut, **errors(404)}, summary="审批详情 Approval")
def get_approval(request: HttpRequest, request_id: str):
    return approval_get(request_scope(request), request_id)


@router.post(
    "/{request_id}/decisions",
    response={201: ApprovalOut, **errors(404, 409, 422)},
    summary="作出审批意见 Decide the current step",
)
def decide(request: HttpRequest, request_id: str, data: DecideIn):
    approval = approval_get(request_scope(request), request_id)
    with body_fields():
        approval = approval_decide(
            actor=request_officer(request),
            request=approval,
            result=data.result.value,
            opinion=data.opinion,
            participants=data.participants,
            opinions=data.opinions,
            source="api",
        )
    return Status(201, approval)
