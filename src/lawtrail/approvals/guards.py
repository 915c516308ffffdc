"""Pre-apply guards (events.registry.PRE_APPLY, registered in ApprovalsConfig.ready): they run inside
`event_record` before an event is applied, so a page, the API and an import are refused alike.

* `approval_guard` — an act the bureau's policy covers (a decision, a withdrawal, a measure …) is refused
  unless an approval of exactly this content was granted (the SHA-256 of the act's content equals the
  approved one). A decision outside the discretion benchmark also needs an approval with a written
  reason and a legal review. Measures taken on the spot in an emergency (`on_the_spot`) pass: the law
  lets approval be obtained afterwards (行政强制法 第19条), and supervision checks that it was
  (catalogue/10a_approvals.yaml).
* `handler_guard` — a lead handler holds a valid qualification of the level the bureau requires for the
  case kind (行政处罚法 第42条; basic by default); an auxiliary officer is not assigned to a case that has
  no police lead (辅警不得单独执法).
* `interview_guard` — an interview is not held by auxiliary officers alone.
"""

from __future__ import annotations

from typing import Any

from lawtrail.cases.choices import CaseStatus, HandlerRole
from lawtrail.cases.models import Case, Handler
from lawtrail.common.clock import local
from lawtrail.common.errors import TransitionNotAllowed, ValidationFailed
from lawtrail.common.keyed import get_by_key
from lawtrail.events.registry import Context
from lawtrail.org.choices import QualificationLevel
from lawtrail.org.models import Officer

from .acts import CONTENT_FIELDS, Act, act_kind_for, content_of
from .choices import RequestStatus, StepKind
from .events import LEVEL_RANK
from .models import ApprovalRequest, QualificationRequirement
from .selectors import benchmark_verdict, policy_for


def act_of(ctx: Context) -> Act | None:
    """The act this event records, if it is one an approval can cover."""
    if ctx.name not in CONTENT_FIELDS:
        return None
    payload: dict[str, Any] = ctx.payload.model_dump(mode="json")
    measure_id = ""
    if ctx.name == "measure.applied":
        if ctx.payload.on_the_spot:
            return None
        case = get_by_key(Case, "number", ctx.payload.case)
    elif ctx.name.startswith("measure."):
        case, measure_id = ctx.subject.case, ctx.subject_key
    else:
        case = ctx.subject
    if case is None:
        return None  # the apply function says the case does not exist
    content = content_of(ctx.name, payload, measure_id=measure_id)
    kind = act_kind_for(ctx.name, content, case=case, when=ctx.occurred_at)
    if kind is None:
        return None
    return Act(kind=kind, case=case, event=ctx.name, content=content)


def approval_guard(ctx: Context) -> None:
    act = act_of(ctx)
    if act is None:
        return
    granted = ApprovalRequest.objects.filter(
        case=act.case, act_kind=act.kind, status=RequestStatus.GRANTED, content_hash=act.hash
    ).first()
    verdict = None
    if ctx.name == "case.decided" and act.content.get("penalty"):
        verdict = benchmark_verdict(act.case, act.content["penalty"])
        if verdict is not None and not verdict.within:
            reviewed = (
                granted is not None
                and granted.deviation_reason
                and any(s["kind"] == StepKind.LEGAL_REVIEW for s in granted.steps)
            )
            if not reviewed:
                raise ValidationFailed(
                    f"拟作出的处罚（{verdict.proposed}）超出本局裁量基准（{verdict.allowed}）：须在报批时书面说明"
                    "理由，并经法制审核批准后方可作出决定",
                    code="outside_benchmark",
                    field="payload.penalty",
                )
    policy = policy_for(act.case.bureau_id, act.kind, at=ctx.occurred_at)
    if policy is None or granted is not None:
        return
    other = ApprovalRequest.objects.filter(
        case=act.case, act_kind=act.kind, status=RequestStatus.GRANTED
    ).first()
    if other is not None:
        raise TransitionNotAllowed(
            f"拟登记的{act.kind.label}与批准的内容不一致（已批准：{other.summary}）：批准只及于审批过的内容，"
            "修改后须重新报批",
            code="approval_mismatch",
        )
    pending = ApprovalRequest.objects.filter(
        case=act.case, act_kind=act.kind, status__in=[RequestStatus.PENDING, RequestStatus.RETURNED]
    ).exists()
    raise TransitionNotAllowed(
        f"{act.kind.label}须经审批（{policy.chain()}），"
        + ("审批尚未完成，请待批准后再登记" if pending else "尚未批准：请先在案件页面提请审批"),
        code="approval_missing",
    )


def required_level(case: Case) -> str:
    req = QualificationRequirement.objects.filter(bureau_id=case.bureau_id, case_kind=case.kind).first()
    return req.level if req else QualificationLevel.BASIC


def handler_guard(ctx: Context) -> None:
    if ctx.name != "case.handler_assigned":
        return
    case: Case = ctx.subject
    if case is None or case.status == CaseStatus.CLOSED:
        return
    officer = get_by_key(Officer, "badge_no", ctx.payload.officer)
    if officer is None:
        return  # the apply function names the unknown badge number
    if ctx.payload.role == HandlerRole.LEAD:
        if officer.is_auxiliary:
            return  # cases/events.py refuses it (code auxiliary_lead)
        level = required_level(case)
        day = local(ctx.occurred_at).date()
        have = QualificationLevel(officer.qualification_level or QualificationLevel.NONE)
        valid = officer.qualification_expires is None or officer.qualification_expires >= day
        if (
            have == QualificationLevel.NONE
            or not valid
            or LEVEL_RANK[have] < LEVEL_RANK[QualificationLevel(level)]
        ):
            why = (
                "未取得执法资格"
                if have == QualificationLevel.NONE
                else (
                    f"执法资格已于{officer.qualification_expires}过期"
                    if not valid
                    else f"仅有{have.label}执法资格"
                )
            )
            raise ValidationFailed(
                f"{officer.name}{why}，不能担任主办民警：本局要求{case.get_kind_display()}的主办民警持有有效的"
                f"{QualificationLevel(level).label}以上执法资格（《行政处罚法》第42条）；请指定其他民警或先登记资格",
                code="unqualified_lead",
                field="payload.officer",
            )
    elif officer.is_auxiliary:
        lead = Handler.objects.filter(
            case=case, role=HandlerRole.LEAD, released_at__isnull=True, officer__is_auxiliary=False
        ).exists()
        if not lead:
            raise ValidationFailed(
                "辅警不能单独办案：本案还没有民警担任主办，请先指定主办民警",
                code="auxiliary_alone",
                field="payload.officer",
            )


def interview_guard(ctx: Context) -> None:
    if ctx.name != "interview.held":
        return
    officers = list(Officer.objects.filter(badge_no__in=ctx.payload.officers).only("is_auxiliary"))
    if officers and all(o.is_auxiliary for o in officers):
        raise ValidationFailed(
            "辅警不能单独询问/讯问：须有人民警察在场主持，请添加在场民警",
            code="auxiliary_alone",
            field="payload.officers",
        )


GUARDS = (approval_guard, handler_guard, interview_guard)
