"""Case events: acceptance, the lifecycle transitions, parties, handlers and linked media."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from pydantic import Field, field_validator, model_validator

from lawtrail.common.clock import LEGAL_TZ
from lawtrail.common.errors import NotFound, TransitionNotAllowed, ValidationFailed
from lawtrail.common.idnumbers import age_on, birth_date, validate_id_number
from lawtrail.common.keyed import get_by_key
from lawtrail.common.models import sequence_observe
from lawtrail.events.registry import Context, Payload, Subject, event_type, register_subject
from lawtrail.incidents.events import MediaLinked, media_register, officer_by_badge, unit_by_code
from lawtrail.incidents.models import Incident

from .choices import CaseKind, CaseStatus, Gender, HandlerRole, Outcome, PartyRole, Procedure
from .machine import machine_for
from .models import Case, Handler, Offence, Party

register_subject(Subject("case", lambda: Case, "number", "案件"))

KIND_LETTER = {CaseKind.ADMINISTRATIVE: "X", CaseKind.CRIMINAL: "A"}


def case_sequence_key(unit_code: str, kind: str, year: int) -> str:
    return f"case:{unit_code}:{kind}:{year}"


def case_number(unit_code: str, kind: str, year: int, seq: int) -> str:
    """Case numbers are per unit, kind and year: X (行政) or A (刑事), unit code, year, 5-digit serial."""
    return f"{KIND_LETTER[CaseKind(kind)]}{unit_code}{year}{seq:05d}"


# --- payloads -------------------------------------------------------------------------------------------


class CaseAccepted(Payload):
    unit: str = Field(description="办案单位机构代码")
    kind: CaseKind
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field("", max_length=10000)
    offence: str | None = Field(None, description="案由代码，如 ps.assault、cr.theft")
    procedure: Procedure = Procedure.GENERAL
    incident: str | None = Field(None, description="来源警情编号")
    query_code: str = Field("", max_length=16, description="当事人查询码（受案回执上）")


class Note(Payload):
    note: str = Field("", max_length=5000)


class Reason(Payload):
    reason: str = Field(min_length=1, max_length=5000)


class Penalty(Payload):
    warning: bool = False
    fine_yuan: int | None = Field(None, ge=1, le=10_000_000)
    detention_days: int | None = Field(None, ge=1, le=20, description="行政拘留天数（合并执行最长20日）")
    confiscation: str = Field("", max_length=1000)
    other: str = Field("", max_length=1000)

    @model_validator(mode="after")
    def something(self) -> Penalty:
        if not (self.warning or self.fine_yuan or self.detention_days or self.confiscation or self.other):
            raise ValueError("处罚内容不能为空：至少填写警告、罚款、行政拘留或其他处罚之一")
        return self


class CaseDecided(Payload):
    outcome: Outcome
    penalty: Penalty | None = None
    reason: str = Field("", max_length=5000, description="决定理由（不予处罚时必填）")

    @model_validator(mode="after")
    def consistent(self) -> CaseDecided:
        if self.outcome == Outcome.PENALTY and self.penalty is None:
            raise ValueError("给予行政处罚时必须填写处罚内容（penalty）")
        if self.outcome == Outcome.NO_PENALTY and self.penalty is not None:
            raise ValueError("不予行政处罚时不能填写处罚内容")
        if self.outcome == Outcome.NO_PENALTY and not self.reason:
            raise ValueError("不予行政处罚时必须说明理由（reason）")
        return self


class Transferred(Payload):
    procuratorate: str = Field(min_length=1, max_length=100, description="受理的人民检察院")
    note: str = Field("", max_length=5000)


class PartyAdded(Payload):
    party_id: uuid.UUID
    role: PartyRole
    name: str = Field(min_length=1, max_length=50)
    gender: Gender = Gender.UNKNOWN
    id_number: str = Field("", max_length=18)
    phone: str = Field("", max_length=30)
    address: str = Field("", max_length=200)
    is_minor: bool | None = Field(None, description="未成年人；不填则按身份证号出生日期计算")

    @field_validator("id_number")
    @classmethod
    def gb11643(cls, v: str) -> str:
        v = v.strip().upper()
        if v:
            problem = validate_id_number(v)
            if problem:
                raise ValueError(problem)
        return v


class HandlerAssigned(Payload):
    officer: str = Field(description="警号")
    role: HandlerRole


class HandlerReleased(Payload):
    officer: str = Field(description="警号")


class OffenceChanged(Payload):
    offence: str = Field(description="案由代码")


# --- helpers --------------------------------------------------------------------------------------------


def _offence(code: str, kind: str, field: str) -> Offence:
    offence = get_by_key(Offence, "code", code)
    if offence is None:
        raise NotFound(f"案由代码{code}不存在，请从案由目录中选择", field=field)
    if offence.kind != kind:
        raise ValidationFailed(
            f"案由「{offence.name}」属于{offence.get_kind_display()}，与案件类型不符", field=field
        )
    return offence


def _transition(ctx: Context, guard: Callable[[Case], None] | None = None, **fields) -> Case:
    """Move the case along its state machine (refusing what the table does not allow, then what the
    guard refuses) and save."""
    case: Case = ctx.subject
    t = machine_for(case.kind).check(ctx.name, case.status)
    if guard is not None:
        guard(case)
    if ctx.occurred_at < case.accepted_at:
        raise ValidationFailed("发生时间早于受案时间，请核对时间", field="occurred_at")
    case.status = t.target
    case.updated_at = ctx.occurred_at
    for key, value in fields.items():
        setattr(case, key, value)
    case.save(update_fields=["status", "updated_at", *fields])
    return case


# --- lifecycle ------------------------------------------------------------------------------------------


@event_type("case.accepted", payload=CaseAccepted, label="受案", creates=True)
def apply_accepted(ctx: Context) -> Case:
    """A case is accepted (受案) by a unit, possibly from an incident; it gets its number and query code."""
    p: CaseAccepted = ctx.payload
    unit = unit_by_code(p.unit, "payload.unit")
    incident = None
    if p.incident:
        incident = get_by_key(Incident, "number", p.incident)
        if incident is None:
            raise NotFound(f"警情{p.incident}不存在", field="payload.incident")
    year = ctx.occurred_at.astimezone(LEGAL_TZ).year
    case = Case(
        number=ctx.subject_key,
        bureau_id=unit.bureau_id,
        unit=unit,
        kind=p.kind,
        title=p.title,
        summary=p.summary,
        offence=_offence(p.offence, p.kind, "payload.offence") if p.offence else None,
        procedure=p.procedure,
        incident=incident,
        query_code=p.query_code,
        accepted_at=ctx.occurred_at,
        updated_at=ctx.occurred_at,
        year=year,
    )
    prefix = f"{KIND_LETTER[CaseKind(p.kind)]}{unit.code}{year}"
    tail = ctx.subject_key[len(prefix) :]
    if ctx.subject_key.startswith(prefix) and tail.isdigit():
        case.seq_no = int(tail)
        sequence_observe(case_sequence_key(unit.code, p.kind, year), case.seq_no)
    case.save()
    return case


@event_type("case.filed", payload=Note, label="立案")
def apply_filed(ctx: Context) -> Case:
    """The case is filed (立案): for criminal cases the decision to open an investigation."""
    return _transition(ctx, filed_at=ctx.occurred_at)


@event_type("case.not_filed", payload=Reason, label="不予立案")
def apply_not_filed(ctx: Context) -> Case:
    """A criminal report is not filed (不予立案), with the reason given to the reporter."""
    return _transition(ctx)


@event_type("case.investigation_started", payload=Note, label="开始调查/侦查")
def apply_investigation_started(ctx: Context) -> Case:
    """Investigation starts (administrative: 调查; criminal: 侦查, after filing)."""
    return _transition(ctx)


@event_type("case.rights_notified", payload=Note, label="告知")
def apply_rights_notified(ctx: Context) -> Case:
    """The party is told the intended penalty, its facts, reasons and basis, and their rights to state their
    case, defend themselves and (where applicable) request a hearing (行政处罚法 第44条)."""
    return _transition(ctx)


@event_type("case.decided", payload=CaseDecided, label="作出决定")
def apply_decided(ctx: Context) -> Case:
    """The administrative decision: a penalty or no penalty."""
    p: CaseDecided = ctx.payload

    def rights_notified_first(case: Case) -> None:
        if p.outcome == Outcome.PENALTY and case.status != CaseStatus.RIGHTS_NOTIFIED:
            raise TransitionNotAllowed(
                "作出行政处罚决定前，应当告知当事人拟作出处罚的内容及事实、理由、依据，"
                "并告知其陈述、申辩（及听证）权利（《行政处罚法》第44条）；请先登记告知",
                code="rights_not_notified",
            )

    decision = {"penalty": p.penalty.model_dump(mode="json") if p.penalty else None, "reason": p.reason}
    return _transition(
        ctx, rights_notified_first, outcome=p.outcome, decision=decision, decided_at=ctx.occurred_at
    )


@event_type("case.terminated", payload=Reason, label="终止调查")
def apply_terminated(ctx: Context) -> Case:
    """The investigation of an administrative case is terminated (终止调查), with the reason."""
    return _transition(ctx)


@event_type("case.executed", payload=Note, label="执行")
def apply_executed(ctx: Context) -> Case:
    """The penalty has been carried out (fine paid, detention served)."""

    def penalty_only(case: Case) -> None:
        if case.outcome != Outcome.PENALTY:
            raise TransitionNotAllowed("只有给予行政处罚的决定需要登记执行；不予处罚的案件可直接结案")

    return _transition(ctx, penalty_only)


@event_type("case.transferred_for_prosecution", payload=Transferred, label="移送审查起诉")
def apply_transferred(ctx: Context) -> Case:
    """The investigation is concluded and the case transferred to the procuratorate for prosecution."""
    return _transition(ctx)


@event_type("case.withdrawn", payload=Reason, label="撤销案件")
def apply_withdrawn(ctx: Context) -> Case:
    """A filed criminal case is withdrawn (撤销案件), with the reason."""
    return _transition(ctx)


@event_type("case.closed", payload=Note, label="结案")
def apply_closed(ctx: Context) -> Case:
    """The case is closed."""

    def penalty_executed_first(case: Case) -> None:
        if case.status == CaseStatus.DECIDED and case.outcome == Outcome.PENALTY:
            raise TransitionNotAllowed("处罚决定尚未登记执行，不能结案；请先登记执行情况")

    return _transition(ctx, penalty_executed_first, closed_at=ctx.occurred_at)


# --- people and details ---------------------------------------------------------------------------------


def _require_open(case: Case) -> None:
    if case.status == CaseStatus.CLOSED:
        raise TransitionNotAllowed("案件已结案，不能再修改；如需更正请联系法制部门", code="case_closed")


@event_type("case.party_added", payload=PartyAdded, label="添加当事人")
def apply_party_added(ctx: Context) -> Case:
    """A person is added to the case in a role (suspect, victim, witness …)."""
    case: Case = ctx.subject
    p: PartyAdded = ctx.payload
    _require_open(case)
    if p.role == "admin_suspect" and case.kind == CaseKind.CRIMINAL:
        raise ValidationFailed("刑事案件的嫌疑人应登记为「犯罪嫌疑人」", field="payload.role")
    if p.role == "criminal_suspect" and case.kind == CaseKind.ADMINISTRATIVE:
        raise ValidationFailed("行政案件的嫌疑人应登记为「违法嫌疑人」", field="payload.role")
    if Party.objects.filter(party_id=p.party_id).exists():
        raise ValidationFailed(f"当事人{p.party_id}已存在", field="payload.party_id")
    born: date | None = birth_date(p.id_number) if p.id_number else None
    is_minor = p.is_minor
    if is_minor is None:
        age = age_on(p.id_number, ctx.occurred_at.astimezone(LEGAL_TZ).date()) if p.id_number else None
        is_minor = age is not None and age < 18
    Party.objects.create(
        party_id=p.party_id,
        case=case,
        role=p.role,
        name=p.name,
        gender=p.gender,
        id_number=p.id_number,
        birth_date=born,
        phone=p.phone,
        address=p.address,
        is_minor=is_minor,
        added_at=ctx.occurred_at,
    )
    return case


@event_type("case.handler_assigned", payload=HandlerAssigned, label="指定办案民警")
def apply_handler_assigned(ctx: Context) -> Case:
    """An officer is assigned as lead or assisting handler; a new lead replaces the previous one."""
    case: Case = ctx.subject
    p: HandlerAssigned = ctx.payload
    _require_open(case)
    officer = officer_by_badge(p.officer, "payload.officer")
    if officer.unit.bureau_id != case.bureau_id:
        raise ValidationFailed("只能指定本局民警办理案件", field="payload.officer")
    if p.role == HandlerRole.LEAD and officer.is_auxiliary:
        raise ValidationFailed("辅警不能担任主办民警", code="auxiliary_lead", field="payload.officer")
    active = Handler.objects.filter(case=case, released_at__isnull=True)
    if p.role == HandlerRole.LEAD:
        active.filter(role=HandlerRole.LEAD).exclude(officer=officer).update(released_at=ctx.occurred_at)
    active.filter(officer=officer).update(released_at=ctx.occurred_at)
    Handler.objects.create(case=case, officer=officer, role=p.role, assigned_at=ctx.occurred_at)
    return case


@event_type("case.handler_released", payload=HandlerReleased, label="调整办案民警")
def apply_handler_released(ctx: Context) -> Case:
    """An officer stops handling the case."""
    case: Case = ctx.subject
    _require_open(case)
    officer = officer_by_badge(ctx.payload.officer, "payload.officer")
    updated = Handler.objects.filter(case=case, officer=officer, released_at__isnull=True).update(
        released_at=ctx.occurred_at
    )
    if not updated:
        raise ValidationFailed(f"{officer}不是本案的办案民警", field="payload.officer")
    return case


@event_type("case.offence_changed", payload=OffenceChanged, label="变更案由")
def apply_offence_changed(ctx: Context) -> Case:
    """The offence (案由) of the case is set or corrected."""
    case: Case = ctx.subject
    _require_open(case)
    case.offence = _offence(ctx.payload.offence, case.kind, "payload.offence")
    case.save(update_fields=["offence"])
    return case


@event_type("case.media_linked", payload=MediaLinked, label="关联音视频")
def apply_media_linked(ctx: Context) -> Case:
    """A recording is registered by URI, hash and capture time and linked to the case."""
    case: Case = ctx.subject
    media_register(ctx.payload, incident=case.incident, case=case, registered_at=ctx.recorded_at)
    return case
