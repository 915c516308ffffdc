"""Approval writes. Requests and decisions are events of the case (events.py) recorded through
events.services.event_record; a decision and the outcome it completes are recorded in one transaction.
Policies, benchmarks, training and exams are the bureau's configuration and registers: saved here with
who saved them; a policy is never edited in place (a new version is written)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from lawtrail.cases.models import Case, Offence
from lawtrail.common import clock
from lawtrail.common.errors import PermissionDenied, ValidationFailed
from lawtrail.events.services import event_record
from lawtrail.org.choices import QualificationLevel, Role
from lawtrail.org.models import Officer, Unit

from .acts import act_kind_for, content_hash, content_of
from .choices import DECISION_KINDS, ActKind, ExamOutcome, StepKind, StepResult, StepScope
from .models import (
    ApprovalRequest,
    Benchmark,
    ExamResult,
    Policy,
    PolicyStep,
    QualificationRequirement,
    TrainingSession,
)
from .policies import is_policy_admin
from .selectors import benchmark_verdict, penalty_text, policy_for

# --- policies -------------------------------------------------------------------------------------------


def _require_admin(actor: Officer | None) -> None:
    if actor is not None and not is_policy_admin(actor):
        raise PermissionDenied("只有系统管理员或法制部门可以维护审批流程、裁量基准和执法资格")


def policy_save(
    *,
    actor: Officer | None,
    bureau: Unit,
    act_kind: str,
    steps: list[dict[str, Any]],
    note: str = "",
    effective_from: datetime | None = None,
) -> Policy:
    """Save a new version of the bureau's policy for `act_kind` (the previous one stays, no longer current:
    requests under way keep the steps they started with)."""
    _require_admin(actor)
    if act_kind not in ActKind.values:
        raise ValidationFailed(f"未知的行为种类：{act_kind}", field="act_kind")
    if not steps:
        raise ValidationFailed("审批流程至少要有一个环节", field="steps")
    for i, s in enumerate(steps, start=1):
        if s.get("role") not in Role.values or s.get("role") == Role.CASE_OFFICER:
            raise ValidationFailed(f"第{i}个环节：请选择审批角色（办案民警不能审批）", field="steps")
        if s.get("scope") not in StepScope.values or s.get("kind", StepKind.APPROVAL) not in StepKind.values:
            raise ValidationFailed(f"第{i}个环节：授权范围或环节类型无效", field="steps")
        if not str(s.get("title", "")).strip():
            raise ValidationFailed(f"第{i}个环节：请填写环节名称", field="steps")
        hours = s.get("hours")
        if not isinstance(hours, int) or not 1 <= hours <= 24 * 60:
            raise ValidationFailed(f"第{i}个环节：时限应为1至1440小时", field="steps")
    now = clock.now()
    with transaction.atomic():
        previous = (
            Policy.objects.select_for_update().filter(bureau=bureau, act_kind=act_kind).order_by("-version")
        )
        last = previous.first()
        previous.filter(is_current=True).update(is_current=False)
        policy = Policy.objects.create(
            bureau=bureau,
            act_kind=act_kind,
            version=(last.version + 1) if last else 1,
            is_current=True,
            effective_from=effective_from or now,
            note=note,
            created_by=actor,
            created_at=now,
        )
        PolicyStep.objects.bulk_create(
            PolicyStep(
                policy=policy,
                order=i,
                kind=s.get("kind", StepKind.APPROVAL),
                title=str(s["title"]).strip(),
                role=s["role"],
                scope=s["scope"],
                time_limit_hours=s["hours"],
            )
            for i, s in enumerate(steps)
        )
    return policy


# --- requests -------------------------------------------------------------------------------------------


def _legal_review_step(case: Case) -> dict[str, Any]:
    return {
        "kind": StepKind.LEGAL_REVIEW,
        "title": "法制审核",
        "role": Role.LEGAL_OFFICER,
        "scope": StepScope.BUREAU,
        "hours": 72,
    }


def _describe(act_event: str, kind: ActKind, content: dict[str, Any], case: Case) -> str:
    if act_event == "case.decided":
        penalty = content.get("penalty")
        return f"{kind.label}：{penalty_text(penalty) if penalty else '不予处罚'}"
    if act_event == "measure.applied":
        party = case.parties.filter(party_id=content["party"]).first()
        return f"{kind.label}：{party.name if party else ''}"
    reason = str(content.get("reason") or content.get("basis") or "")
    return f"{kind.label}" + (f"：{reason[:60]}" if reason else "")


def approval_request(
    *,
    actor: Officer,
    case: Case,
    act_event: str,
    payload: dict[str, Any],
    measure_id: str = "",
    circumstance: str = "",
    deviation_reason: str = "",
    occurred_at: datetime | None = None,
    source: str = "web",
) -> ApprovalRequest:
    """Ask for approval of one act of the case, described by the payload the act's event will carry. The
    chain is the current version of the bureau's policy for that kind of act; a decision outside the
    discretion benchmark needs a written reason and then goes through legal review."""
    occurred_at = occurred_at or clock.now()
    if act_event == "measure.applied":
        payload = {**payload, "case": case.number}
    content = content_of(act_event, payload, measure_id=measure_id)
    kind = act_kind_for(act_event, content, case=case, when=occurred_at)
    if kind is None:
        raise ValidationFailed("这一行为不需要审批", code="no_approval_needed", field="act_event")
    policy = policy_for(case.bureau_id, kind, at=occurred_at)
    if policy is None:
        raise ValidationFailed(
            f"本局尚未规定{kind.label}的审批流程，无需报批；如需审批请先由管理员设置流程", code="no_policy"
        )
    steps = [s.snapshot() for s in policy.steps.all()]
    if kind in DECISION_KINDS and content.get("penalty"):
        verdict = benchmark_verdict(case, content["penalty"], circumstance or None)
        if verdict is not None and not verdict.within:
            if not deviation_reason.strip():
                raise ValidationFailed(
                    f"拟作出的处罚（{verdict.proposed}）超出裁量基准（{verdict.allowed}）：请书面说明理由，"
                    "报批后将送法制审核",
                    code="outside_benchmark",
                    field="deviation_reason",
                )
            if not any(s["kind"] == StepKind.LEGAL_REVIEW for s in steps):
                steps.insert(max(len(steps) - 1, 0), _legal_review_step(case))
    request_id = str(uuid.uuid4())
    with transaction.atomic():
        event_record(
            name="approval.requested",
            subject_key=request_id,
            actor=actor,
            occurred_at=occurred_at,
            source=source,
            payload={
                "case": case.number,
                "act_kind": kind,
                "act_event": act_event,
                "content": content,
                "summary": _describe(act_event, kind, content, case),
                "circumstance": circumstance or None,
                "deviation_reason": deviation_reason,
                "policy_version": policy.version,
                "steps": steps,
                "party": str(content.get("party") or ""),
                "measure": measure_id,
            },
        )
        _open_step(request_id, 0, actor=actor, at=occurred_at, source=source)
    return ApprovalRequest.objects.get(request_id=request_id)


def _open_step(request_id: str, step: int, *, actor: Officer | None, at: datetime, source: str) -> None:
    event_record(
        name="approval.step_opened",
        subject_key=request_id,
        actor=actor,
        occurred_at=at,
        source=source,
        payload={"step": step},
    )


REVIEW_KIND = {StepKind.LEGAL_REVIEW: "legal", StepKind.COLLECTIVE: "collective"}


def approval_decide(
    *,
    actor: Officer,
    request: ApprovalRequest,
    result: str,
    opinion: str,
    participants: list[str] | None = None,
    opinions: str = "",
    occurred_at: datetime | None = None,
    source: str = "web",
) -> ApprovalRequest:
    """Decide the current step. A legal review or collective discussion also records `review.completed`;
    the last approval records `approval.granted`, a rejection `approval.refused` — all in one transaction."""
    occurred_at = occurred_at or clock.now()
    key = str(request.request_id)
    step = request.step
    with transaction.atomic():
        event_record(
            name="approval.step_decided",
            subject_key=key,
            actor=actor,
            occurred_at=occurred_at,
            source=source,
            payload={
                "step": request.current_step,
                "result": result,
                "opinion": opinion,
                "participants": participants or [],
                "opinions": opinions,
            },
        )
        assert step is not None
        passed = "passed" if result == StepResult.APPROVE else "failed"
        if step["kind"] in REVIEW_KIND and result != StepResult.RETURN:
            event_record(
                name="review.completed",
                subject_key=key,
                actor=actor,
                occurred_at=occurred_at,
                source=source,
                payload={"kind": REVIEW_KIND[step["kind"]], "result": passed, "opinion": opinion},
            )
        last_step = request.current_step == len(request.steps) - 1
        if result == StepResult.APPROVE and not last_step:
            _open_step(key, request.current_step + 1, actor=actor, at=occurred_at, source=source)
        if result == StepResult.REJECT or (result == StepResult.APPROVE and last_step):
            name = "approval.granted" if result == StepResult.APPROVE else "approval.refused"
            event_record(
                name=name, subject_key=key, actor=actor, occurred_at=occurred_at, source=source, payload={}
            )
            event_record(
                name="review.completed",
                subject_key=key,
                actor=actor,
                occurred_at=occurred_at,
                source=source,
                payload={"kind": "approval", "result": passed, "opinion": opinion},
            )
    return ApprovalRequest.objects.get(pk=request.pk)


def approval_resubmit(
    *,
    actor: Officer,
    request: ApprovalRequest,
    payload: dict[str, Any],
    correction: str,
    deviation_reason: str = "",
    occurred_at: datetime | None = None,
) -> ApprovalRequest:
    """Correct a returned request and submit it again (the chain starts over)."""
    if request.act_event == "measure.applied":
        payload = {**payload, "case": request.case.number}
    content = content_of(request.act_event, payload, measure_id=str(request.content.get("measure_id") or ""))
    kind = act_kind_for(request.act_event, content, case=request.case, when=occurred_at or clock.now())
    if kind != request.act_kind:
        raise ValidationFailed(
            f"修改后属于{kind.label if kind else '不需审批的行为'}，与原报批的{request.get_act_kind_display()}不同：请撤回后重新报批",
            code="kind_changed",
        )
    occurred_at = occurred_at or clock.now()
    with transaction.atomic():
        event_record(
            name="approval.resubmitted",
            subject_key=str(request.request_id),
            actor=actor,
            occurred_at=occurred_at,
            payload={
                "content": content,
                "summary": _describe(request.act_event, ActKind(kind), content, request.case),
                "deviation_reason": deviation_reason or request.deviation_reason,
                "correction": correction,
            },
        )
        _open_step(str(request.request_id), 0, actor=actor, at=occurred_at, source="web")
    return ApprovalRequest.objects.get(pk=request.pk)


def approval_void(
    *,
    actor: Officer | None,
    request: ApprovalRequest,
    reason: str,
    new_content_hash: str = "",
    occurred_at: datetime | None = None,
) -> ApprovalRequest:
    event_record(
        name="approval.voided",
        subject_key=str(request.request_id),
        actor=actor,
        occurred_at=occurred_at,
        payload={"reason": reason, "new_content_hash": new_content_hash},
    )
    return ApprovalRequest.objects.get(pk=request.pk)


def approval_edit(
    *,
    actor: Officer,
    request: ApprovalRequest,
    payload: dict[str, Any],
    circumstance: str = "",
    deviation_reason: str = "",
    occurred_at: datetime | None = None,
) -> ApprovalRequest:
    """Edit what a granted request approved: the approval is voided (it covers only what was reviewed) and
    the edited content is submitted as a new request under the current policy. Returns the new request."""
    if request.act_event == "measure.applied":
        payload = {**payload, "case": request.case.number}
    measure_id = str(request.content.get("measure_id") or "")
    content = content_of(request.act_event, payload, measure_id=measure_id)
    digest = content_hash(content)
    if digest == request.content_hash:
        raise ValidationFailed("内容没有变化，原批准仍然有效", code="unchanged")
    with transaction.atomic():
        approval_void(
            actor=actor,
            request=request,
            reason="批准后修改了报批内容，原批准失效",
            new_content_hash=digest,
            occurred_at=occurred_at,
        )
        return approval_request(
            actor=actor,
            case=request.case,
            act_event=request.act_event,
            payload=payload,
            measure_id=measure_id,
            circumstance=circumstance or request.circumstance,
            deviation_reason=deviation_reason or request.deviation_reason,
            occurred_at=occurred_at,
        )


# --- discretion benchmarks ------------------------------------------------------------------------------


def benchmark_save(
    *,
    actor: Officer | None,
    bureau: Unit,
    offence: Offence,
    circumstance: str,
    detention_min: int,
    detention_max: int,
    fine_min: int,
    fine_max: int,
    factors: str,
    source: str,
) -> Benchmark:
    """Set the range of one offence and circumstance (a bureau's 行政裁量基准, with its source)."""
    _require_admin(actor)
    if detention_min > detention_max or fine_min > fine_max:
        raise ValidationFailed(
            "下限不能高于上限", field="detention_max" if detention_min > detention_max else "fine_max"
        )
    if detention_max > 20:
        raise ValidationFailed("行政拘留合并执行最长20日", field="detention_max")
    if not source.strip():
        raise ValidationFailed("请注明依据（法律条文或本局文件）", field="source")
    benchmark, _ = Benchmark.objects.update_or_create(
        bureau=bureau,
        offence=offence,
        circumstance=circumstance,
        defaults={
            "detention_min": detention_min,
            "detention_max": detention_max,
            "fine_min": fine_min,
            "fine_max": fine_max,
            "factors": factors,
            "source": source.strip(),
            "updated_by": actor,
            "updated_at": clock.now(),
        },
    )
    return benchmark


# --- qualification --------------------------------------------------------------------------------------


def qualification_record(
    *,
    actor: Officer | None,
    officer: Officer,
    level: str,
    valid_from: date,
    valid_to: date,
    certificate_no: str,
    exam: ExamResult | None = None,
    occurred_at: datetime | None = None,
) -> Officer:
    """Enter a certificate in the register (`officer.certified`); the officer's level follows."""
    _require_admin(actor)
    event_record(
        name="officer.certified",
        subject_key=officer.badge_no,
        actor=actor,
        occurred_at=occurred_at,
        payload={
            "level": level,
            "valid_from": valid_from.isoformat(),
            "valid_to": valid_to.isoformat(),
            "certificate_no": certificate_no,
            "exam_id": exam.pk if exam else None,
        },
    )
    return Officer.objects.get(pk=officer.pk)


def exam_record(
    *,
    actor: Officer | None,
    officer: Officer,
    level: str,
    taken_on: date,
    score: int,
    pass_mark: int = 60,
    certificate_no: str = "",
    valid_years: int = 3,
) -> ExamResult:
    """Record an exam; a pass with a certificate number enters the qualification it gives (valid
    `valid_years` from the exam)."""
    _require_admin(actor)
    if level == QualificationLevel.NONE:
        raise ValidationFailed("请选择考试等级", field="level")
    if not 0 <= score <= 100:
        raise ValidationFailed("成绩应为0至100分", field="score")
    if officer.is_auxiliary:
        raise ValidationFailed("辅警不参加执法资格等级考试", field="officer")
    passed = score >= pass_mark
    if passed and not certificate_no.strip():
        raise ValidationFailed("考试通过时请填写证书编号", field="certificate_no")
    with transaction.atomic():
        exam = ExamResult.objects.create(
            officer=officer,
            level=level,
            taken_on=taken_on,
            score=score,
            result=ExamOutcome.PASSED if passed else ExamOutcome.FAILED,
            recorded_by=actor,
        )
        if passed:
            qualification_record(
                actor=actor,
                officer=officer,
                level=level,
                valid_from=taken_on,
                valid_to=taken_on.replace(year=taken_on.year + valid_years),
                certificate_no=certificate_no.strip(),
                exam=exam,
            )
    return exam


def training_record(
    *,
    actor: Officer | None,
    bureau: Unit,
    topic: str,
    held_on: date,
    hours: Decimal,
    attendees: list[Officer],
) -> TrainingSession:
    _require_admin(actor)
    if not topic.strip():
        raise ValidationFailed("请填写培训主题", field="topic")
    if hours <= 0:
        raise ValidationFailed("学时应大于0", field="hours")
    if not attendees:
        raise ValidationFailed("请选择参训人员", field="attendees")
    session = TrainingSession.objects.create(
        bureau=bureau, topic=topic.strip(), held_on=held_on, hours=hours, recorded_by=actor
    )
    session.attendees.set(attendees)
    return session


def qualification_requirement_set(*, actor: Officer | None, bureau: Unit, case_kind: str, level: str) -> None:
    _require_admin(actor)
    QualificationRequirement.objects.update_or_create(
        bureau=bureau, case_kind=case_kind, defaults={"level": level}
    )


# --- seeding --------------------------------------------------------------------------------------------


def approvals_seed(
    *, bureau: Unit, effective_from: datetime | None = None, actor: Officer | None = None
) -> dict[str, int]:
    """Give a bureau the default policy set and benchmarks (data/defaults.py); kinds and benchmarks it
    already has are left alone. Returns what was created."""
    from .data.defaults import DEFAULT_BENCHMARKS, DEFAULT_POLICIES

    created = {"policies": 0, "benchmarks": 0}
    with transaction.atomic():
        for kind, steps in DEFAULT_POLICIES.items():
            if not Policy.objects.filter(bureau=bureau, act_kind=kind).exists():
                policy_save(
                    actor=actor,
                    bureau=bureau,
                    act_kind=kind,
                    steps=steps,
                    note="默认流程",
                    effective_from=effective_from,
                )
                created["policies"] += 1
        offences = {o.code: o for o in Offence.objects.filter(code__in={b[0] for b in DEFAULT_BENCHMARKS})}
        for code, circ, dmin, dmax, fmin, fmax, factors, source in DEFAULT_BENCHMARKS:
            if (
                code in offences
                and not Benchmark.objects.filter(
                    bureau=bureau, offence=offences[code], circumstance=circ
                ).exists()
            ):
                benchmark_save(
                    actor=actor,
                    bureau=bureau,
                    offence=offences[code],
                    circumstance=circ,
                    detention_min=dmin,
                    detention_max=dmax,
                    fine_min=fmin,
                    fine_max=fmax,
                    factors=factors,
                    source=source,
                )
                created["benchmarks"] += 1
    return created


# --- expiry warnings ------------------------------------------------------------------------------------


def qualification_expiry_warn(*, bureau: Unit, today: date, within_days: int = 60) -> int:
    """Tell each officer whose qualification ends within `within_days` (or has ended), and the heads of
    their unit, once (an identical notification is not repeated). Returns the notifications written."""
    from lawtrail.notifications.models import Notification
    from lawtrail.notifications.services import notify

    from .selectors import expiring_qualifications

    written = 0
    for officer in expiring_qualifications(bureau.id, today=today, within_days=within_days):
        expired = officer.qualification_expires < today
        title = (
            f"{officer.name}的执法资格已于{officer.qualification_expires}过期，不能担任主办民警"
            if expired
            else f"{officer.name}的执法资格将于{officer.qualification_expires}到期，请及时参加考试换证"
        )
        ancestors = [
            u for u in Unit.objects.filter(bureau_id=bureau.id) if officer.unit.path.startswith(u.path)
        ]
        heads = Officer.objects.filter(
            grants__role=Role.UNIT_HEAD, grants__unit__in=ancestors, is_active=True
        ).distinct()
        for recipient in [officer, *heads]:
            if Notification.objects.filter(recipient=recipient, title=title).exists():
                continue
            notify(recipient=recipient, kind="other", title=title, link="/approvals/")
            written += 1
    return written
