"""Approval events: a request for one act of a case, the decision at each step, the outcome, and the void
when what was approved is edited. Their subject is the request (`approval`, keyed by its UUID); they are
in the case's history. `review.completed` is what the supervision catalogue reads (10_legal_review.yaml:
payload kind legal | collective | approval, result passed | failed): recorded with the legal review step,
the collective discussion and the final approval. `officer.certified` enters a qualification certificate
in the register and updates the officer's level (what the handler guard and the fact builder read).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Literal

from pydantic import Field, model_validator

from lawtrail.cases.choices import CaseStatus
from lawtrail.cases.models import Case
from lawtrail.common.clock import local
from lawtrail.common.errors import NotFound, TransitionNotAllowed, ValidationFailed
from lawtrail.common.keyed import get_by_key
from lawtrail.events.registry import Context, Payload, Subject, event_type, register_subject
from lawtrail.org.choices import QualificationLevel
from lawtrail.org.models import Officer

from .acts import CONTENT_FIELDS, content_hash
from .choices import ActKind, Circumstance, RequestStatus, StepKind, StepResult
from .machine import APPROVAL_MACHINE
from .models import ApprovalRequest, Policy, Qualification, StepDecision
from .policies import holds_step_role

register_subject(Subject("approval", lambda: ApprovalRequest, "request_id", "审批"))
register_subject(Subject("review", lambda: ApprovalRequest, "request_id", "审批"))


# --- payloads -------------------------------------------------------------------------------------------


class Step(Payload):
    kind: StepKind
    title: str = Field(min_length=1, max_length=50)
    role: str = Field(min_length=1, max_length=30)
    scope: str = Field(min_length=1, max_length=20)
    hours: int = Field(ge=1, le=24 * 60)


class ApprovalRequested(Payload):
    request_id: str = Field("", description="审批编号（与事件主体相同；不填则自动填写）")
    case: str = Field(description="案件编号")
    act_kind: ActKind
    act_event: str = Field(description="报批的行为对应的事件，如 case.decided")
    content: dict = Field(description="报批内容（与行为事件的载荷字段相同）")
    content_hash: str = Field("", max_length=64, description="报批内容的SHA-256（不填则自动计算）")
    summary: str = Field(min_length=1, max_length=300)
    circumstance: Circumstance | None = None
    deviation_reason: str = Field("", max_length=5000, description="超出裁量基准的理由")
    policy_version: int = Field(ge=1, description="审批流程版本")
    steps: list[Step] = Field(min_length=1, description="审批环节（报批时的流程）")
    party: str = Field("", description="当事人编号（措施类报批）")
    measure: str = Field("", description="措施编号（延长、提请逮捕）")

    @model_validator(mode="after")
    def known_act(self) -> ApprovalRequested:
        if self.act_event not in CONTENT_FIELDS:
            raise ValueError(f"不能报批的事件：{self.act_event}")
        return self


class RequestRef(Payload):
    request_id: str = Field("", description="审批编号（不填则自动填写）")


def step_key(request_id: str, step: int) -> str:
    """The key that pairs a step's opening with its decision (the fact builder's key field `step_key`)."""
    return f"{request_id}#{step}"


class StepOpened(RequestRef):
    step: int = Field(ge=0, description="环节序号（从0起）")
    title: str = Field("", description="环节名称（自动填写）")
    role: str = Field("", description="审批角色（自动填写）")
    hours: int | None = Field(None, description="环节时限（小时，自动填写）")
    step_key: str = Field("", description="审批编号#环节序号（自动填写）")


class StepDecided(RequestRef):
    step: int = Field(ge=0, description="环节序号（从0起）")
    step_key: str = Field("", description="审批编号#环节序号（自动填写）")
    result: StepResult
    opinion: str = Field(min_length=1, max_length=5000, description="审批/审核意见")
    participants: list[str] = Field(default_factory=list, description="集体讨论参加人员")
    opinions: str = Field("", max_length=20000, description="集体讨论各参加人员的意见")

    @model_validator(mode="after")
    def reasons(self) -> StepDecided:
        if self.result != StepResult.APPROVE and len(self.opinion) < 2:
            raise ValueError("退回或不同意时必须写明理由")
        return self


class Outcome(RequestRef):
    act_event: str = ""
    act_kind: str = ""
    content_hash: str = ""
    party: str = ""
    measure: str = ""


class Resubmitted(RequestRef):
    content: dict
    content_hash: str = ""
    summary: str = Field(min_length=1, max_length=300)
    deviation_reason: str = Field("", max_length=5000)
    correction: str = Field(min_length=1, max_length=5000, description="补正说明")


class Voided(RequestRef):
    reason: str = Field(min_length=1, max_length=300)
    step_key: str = Field("", description="作废时等待审批的环节（自动填写）")
    new_content_hash: str = Field("", max_length=64, description="修改后内容的SHA-256")


class ReviewCompleted(RequestRef):
    kind: Literal["legal", "collective", "approval"]
    result: Literal["passed", "failed"]
    opinion: str = Field("", max_length=5000)


class Certified(Payload):
    level: QualificationLevel
    valid_from: date
    valid_to: date
    certificate_no: str = Field(min_length=1, max_length=40)
    exam_id: int | None = None

    @model_validator(mode="after")
    def dates(self) -> Certified:
        if self.level == QualificationLevel.NONE:
            raise ValueError("请选择基本级、中级或高级")
        if self.valid_to < self.valid_from:
            raise ValueError("有效期至不能早于有效期自")
        return self


# --- helpers --------------------------------------------------------------------------------------------


def _fill_ref(ctx: Context) -> ApprovalRequest:
    request: ApprovalRequest = ctx.subject
    if ctx.payload.request_id and ctx.payload.request_id != ctx.subject_key:
        raise ValidationFailed("request_id与事件主体不符", field="payload.request_id")
    ctx.payload.request_id = ctx.subject_key
    if ctx.occurred_at < request.requested_at:
        raise ValidationFailed("时间早于报批时间，请核对时间", field="occurred_at")
    return request


def _save(request: ApprovalRequest, *fields: str) -> ApprovalRequest:
    request.save(update_fields=list(fields))
    return request


# --- requests -------------------------------------------------------------------------------------------


@event_type("approval.requested", payload=ApprovalRequested, label="提请审批", creates=True)
def apply_requested(ctx: Context) -> ApprovalRequest:
    """An officer asks for approval of one act of a case, as described in `content`; the steps are those of
    the bureau's policy version in force when asked (kept with the request)."""
    p: ApprovalRequested = ctx.payload
    try:
        request_id = uuid.UUID(ctx.subject_key)
    except ValueError:
        raise ValidationFailed("审批编号应为UUID", field="subject") from None
    if ctx.actor is None:
        raise ValidationFailed("报批须由民警提出", code="no_requester", field="actor")
    case = get_by_key(Case, "number", p.case)
    if case is None:
        raise NotFound(f"案件{p.case}不存在", field="payload.case")
    if case.status == CaseStatus.CLOSED:
        raise TransitionNotAllowed("案件已结案，不能再报批", code="case_closed")
    digest = content_hash(p.content)
    if p.content_hash and p.content_hash != digest:
        raise ValidationFailed("content_hash与报批内容不符", field="payload.content_hash")
    policy = Policy.objects.filter(
        bureau_id=case.bureau_id, act_kind=p.act_kind, version=p.policy_version
    ).first()
    if policy is None:
        raise NotFound(
            f"本局没有{ActKind(p.act_kind).label}审批流程第{p.policy_version}版",
            field="payload.policy_version",
        )
    p.request_id, p.content_hash = ctx.subject_key, digest
    return ApprovalRequest.objects.create(
        request_id=request_id,
        case=case,
        bureau_id=case.bureau_id,
        unit_id=case.unit_id,
        act_kind=p.act_kind,
        act_event=p.act_event,
        content=p.content,
        content_hash=digest,
        summary=p.summary,
        circumstance=p.circumstance or "",
        deviation_reason=p.deviation_reason,
        policy=policy,
        steps=[s.model_dump(mode="json") for s in p.steps],
        step_opened_at=ctx.occurred_at,
        requester=ctx.actor,
        requested_at=ctx.occurred_at,
    )


@event_type("approval.step_decided", payload=StepDecided, label="审批意见")
def apply_step_decided(ctx: Context) -> ApprovalRequest:
    """The officer at the current step approves, returns for correction (with reasons) or rejects. The
    requester cannot decide their own request; only an officer with the step's role and scope can."""
    request = _fill_ref(ctx)
    p: StepDecided = ctx.payload
    APPROVAL_MACHINE.check(ctx.name, request.status)
    step = request.step
    assert step is not None
    if p.step != request.current_step:
        raise TransitionNotAllowed(
            f"该审批当前在第{request.current_step + 1}个环节（{step['title']}），不能对第{p.step + 1}个环节作出意见",
            code="wrong_step",
        )
    p.step_key = step_key(ctx.subject_key, p.step)
    actor = ctx.actor
    if actor is None:
        raise ValidationFailed("审批意见须由民警作出", field="actor")
    if actor.pk == request.requester_id:
        raise TransitionNotAllowed(
            "报批人不能审批自己提请的事项（双人审核）；请由具有相应职责的其他人员审批", code="four_eyes"
        )
    if not holds_step_role(actor, step, request.case):
        from lawtrail.org.choices import Role

        raise TransitionNotAllowed(
            f"「{step['title']}」须由{Role(step['role']).label}审批；您没有该授权", code="not_a_decider"
        )
    if step["kind"] == StepKind.COLLECTIVE and len(p.participants) < 3:
        raise ValidationFailed("集体讨论应有三名以上负责人参加，请填写参加人员", field="payload.participants")
    due = request.step_opened_at + timedelta(hours=step["hours"])
    StepDecision.objects.create(
        request=request,
        step=request.current_step,
        step_title=step["title"],
        step_kind=step["kind"],
        decider=actor,
        result=p.result,
        opinion=p.opinion,
        participants=p.participants,
        opinions=p.opinions,
        decided_at=ctx.occurred_at,
        late=ctx.occurred_at > due,
    )
    if p.result == StepResult.RETURN:
        request.status = RequestStatus.RETURNED
        return _save(request, "status")
    if p.result == StepResult.APPROVE and request.current_step + 1 < len(request.steps):
        request.current_step += 1
        request.step_opened_at = ctx.occurred_at
        return _save(request, "current_step", "step_opened_at")
    return request  # the last approval or a rejection: approval.granted / approval.refused follows


@event_type("approval.step_opened", payload=StepOpened, label="审批环节开始")
def apply_step_opened(ctx: Context) -> ApprovalRequest:
    """A step of the chain starts waiting for its decision (on the request, its resubmission, or the approval
    of the step before): its time limit runs from here (supervision: apv.step_time_limit)."""
    request = _fill_ref(ctx)
    p: StepOpened = ctx.payload
    step = request.step
    if step is None or p.step != request.current_step:
        raise TransitionNotAllowed("该审批当前没有这一环节在等待审批", code="wrong_step")
    p.title, p.role, p.hours = step["title"], step["role"], step["hours"]
    p.step_key = step_key(ctx.subject_key, p.step)
    return request


def _outcome(ctx: Context, status: RequestStatus) -> ApprovalRequest:
    request = _fill_ref(ctx)
    APPROVAL_MACHINE.check(ctx.name, request.status)
    last = request.decisions.order_by("-decided_at", "-id").first()
    wanted = StepResult.APPROVE if status == RequestStatus.GRANTED else StepResult.REJECT
    if (
        last is None
        or last.result != wanted
        or (status == RequestStatus.GRANTED and last.step != len(request.steps) - 1)
    ):
        raise TransitionNotAllowed(
            "审批结果须与各环节意见一致：全部环节同意后方可批准，有环节不同意方可不批准",
            code="outcome_mismatch",
        )
    p: Outcome = ctx.payload
    p.act_event, p.act_kind, p.content_hash = request.act_event, request.act_kind, request.content_hash
    p.party = str(request.content.get("party") or "")
    p.measure = str(request.content.get("measure_id") or "")
    request.status, request.decided_at = status, ctx.occurred_at
    return _save(request, "status", "decided_at")


@event_type("approval.granted", payload=Outcome, label="审批通过")
def apply_granted(ctx: Context) -> ApprovalRequest:
    """Every step approved: the act may be recorded, exactly as approved."""
    return _outcome(ctx, RequestStatus.GRANTED)


@event_type("approval.refused", payload=Outcome, label="审批不通过")
def apply_refused(ctx: Context) -> ApprovalRequest:
    """A step rejected the request: the act may not be recorded."""
    return _outcome(ctx, RequestStatus.REFUSED)


@event_type("approval.resubmitted", payload=Resubmitted, label="补正后重新报批")
def apply_resubmitted(ctx: Context) -> ApprovalRequest:
    """The requester corrects what was returned and submits again; the chain starts over from its first
    step (what earlier steps approved was another content)."""
    request = _fill_ref(ctx)
    APPROVAL_MACHINE.check(ctx.name, request.status)
    if ctx.actor is None or ctx.actor.pk != request.requester_id:
        raise TransitionNotAllowed("只有报批人可以补正后重新报批", code="not_requester")
    p: Resubmitted = ctx.payload
    digest = content_hash(p.content)
    if p.content_hash and p.content_hash != digest:
        raise ValidationFailed("content_hash与报批内容不符", field="payload.content_hash")
    p.content_hash = digest
    request.content, request.content_hash, request.summary = p.content, digest, p.summary
    request.deviation_reason = p.deviation_reason
    request.status, request.current_step, request.step_opened_at = RequestStatus.PENDING, 0, ctx.occurred_at
    return _save(
        request,
        "content",
        "content_hash",
        "summary",
        "deviation_reason",
        "status",
        "current_step",
        "step_opened_at",
    )


@event_type("approval.voided", payload=Voided, label="审批作废")
def apply_voided(ctx: Context) -> ApprovalRequest:
    """The approval no longer covers the act: what was approved has been edited (the new content's hash is
    recorded), or the requester withdrew the request."""
    request = _fill_ref(ctx)
    APPROVAL_MACHINE.check(ctx.name, request.status)
    if request.status == RequestStatus.PENDING:
        ctx.payload.step_key = step_key(ctx.subject_key, request.current_step)
    request.status, request.voided_at, request.void_reason = (
        RequestStatus.VOIDED,
        ctx.occurred_at,
        ctx.payload.reason,
    )
    return _save(request, "status", "voided_at", "void_reason")


@event_type("review.completed", payload=ReviewCompleted, label="审核/审批")
def apply_review_completed(ctx: Context) -> ApprovalRequest:
    """A review of the case's proposed act is complete — the legal review (法制审核), a collective discussion
    (集体讨论) or the whole approval — passed or failed. Recorded with the step decision it summarises."""
    request = _fill_ref(ctx)
    p: ReviewCompleted = ctx.payload
    kinds = {"legal": StepKind.LEGAL_REVIEW, "collective": StepKind.COLLECTIVE}
    if p.kind in kinds:
        decided = request.decisions.filter(step_kind=kinds[p.kind]).order_by("-decided_at", "-id").first()
        if decided is None:
            raise TransitionNotAllowed("没有对应的审核意见，不能登记审核完成", code="no_review")
    return request


# --- qualification --------------------------------------------------------------------------------------


LEVEL_RANK = {
    QualificationLevel.NONE: 0,
    QualificationLevel.BASIC: 1,
    QualificationLevel.INTERMEDIATE: 2,
    QualificationLevel.ADVANCED: 3,
}


@event_type("officer.certified", payload=Certified, label="取得执法资格")
def apply_certified(ctx: Context) -> Officer:
    """An enforcement qualification certificate is entered in the register (after an exam passed); the
    officer's level and expiry become those of their best valid certificate."""
    officer: Officer = ctx.subject
    p: Certified = ctx.payload
    if officer.is_auxiliary:
        raise ValidationFailed("辅警不能取得执法资格等级", field="subject")
    Qualification.objects.create(
        officer=officer,
        level=p.level,
        valid_from=p.valid_from,
        valid_to=p.valid_to,
        certificate_no=p.certificate_no,
        exam_id=p.exam_id,
        recorded_at=ctx.recorded_at,
    )
    day = local(ctx.occurred_at).date()
    valid = [q for q in officer.qualifications.all() if q.valid_from <= day <= q.valid_to]
    if valid:
        best = max(valid, key=lambda q: (LEVEL_RANK[QualificationLevel(q.level)], q.valid_to))
        officer.qualification_level, officer.qualification_expires = best.level, best.valid_to
        officer.save(update_fields=["qualification_level", "qualification_expires"])
    return officer
