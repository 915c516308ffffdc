"""Measure and interview events. Names and payload fields are those the supervision catalogue's rules
read (supervision/catalogue/_events.yaml): keep them, or change the catalogue with them.

Every measure event carries `measure_id`, `kind` and `party` (filled in from the measure when left out),
so that the fact builder can pair an arrival with its end (`correlate: subject`) and a restraint with the
person's questioning (`correlate: party`).
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field, model_validator

from lawtrail.cases.choices import CaseStatus
from lawtrail.cases.models import Case, Party
from lawtrail.common.clock import LEGAL_TZ
from lawtrail.common.errors import NotFound, TransitionNotAllowed, ValidationFailed
from lawtrail.common.keyed import get_by_key
from lawtrail.events.registry import Context, Payload, Subject, event_type, register_subject
from lawtrail.incidents.events import officer_by_badge

from .choices import (
    ARRIVAL_KINDS,
    ChangeRequester,
    DetentionRelease,
    DetentionStatus,
    EndReason,
    GuardianRole,
    InterviewKind,
    InterviewPlace,
    MeasureKind,
    MeasureStatus,
    NoticeMethod,
    NoticeTo,
)
from .machine import DETENTION_MACHINE, MEASURE_MACHINE
from .models import Detention, Interview, Measure

register_subject(Subject("measure", lambda: Measure, "measure_id", "强制措施"))
register_subject(Subject("interview", lambda: Interview, "interview_id", "询问/讯问"))
register_subject(Subject("detention", lambda: Detention, "detention_id", "行政拘留执行"))


# --- payloads -------------------------------------------------------------------------------------------


class MeasurePayload(Payload):
    measure_id: str = Field("", description="措施编号（与事件主体相同；不填则自动填写）")
    kind: MeasureKind | None = Field(None, description="措施种类（不填则取措施的种类）")
    party: str = Field("", description="当事人编号（不填则取措施的当事人）")
    note: str = Field("", max_length=5000)


class MeasureApplied(MeasurePayload):
    case: str = Field(description="案件编号")
    kind: MeasureKind  # type: ignore[assignment]
    party: str = Field(min_length=1, description="当事人编号")
    on_the_spot: bool = Field(False, description="当场实施（紧急情况）")
    foreign_national: bool = Field(False, description="外国人")
    approver: str = Field("", max_length=100, description="批准人（职务、姓名）")
    place: str = Field("", max_length=200, description="执行地点")
    reason: str = Field("", max_length=5000, description="采取措施的理由")
    changed_from: str = Field("", description="变更强制措施时：被变更（已解除）的原措施编号")


class MeasureArrived(MeasurePayload):
    place: str = Field("", max_length=200, description="到案地点")


class MeasureExtended(MeasurePayload):
    hours: int | None = Field(None, ge=1, le=48, description="延长后的总时限（小时），如询问查证12或24小时")
    days: int | None = Field(None, ge=1, le=60, description="延长的日数")
    months: int | None = Field(None, ge=1, le=12, description="延长的月数")
    basis: str = Field(min_length=1, max_length=200, description="延长的依据")
    approver: str = Field("", max_length=100, description="批准人职务")

    @model_validator(mode="after")
    def some_length(self) -> MeasureExtended:
        if not (self.hours or self.days or self.months):
            raise ValueError("请填写延长后的时限：小时、日数或月数")
        return self


class MeasureEnded(MeasurePayload):
    reason: EndReason


class FamilyNotified(MeasurePayload):
    to: NoticeTo = NoticeTo.FAMILY
    method: NoticeMethod
    recipient: str = Field("", max_length=100, description="被通知人")


class ArrestRequested(MeasurePayload):
    detained: bool = Field(True, description="犯罪嫌疑人已被拘留")
    procuratorate: str = Field("", max_length=100, description="提请的人民检察院")


class Reported(MeasurePayload):
    to: Literal["duty_head", "provincial"] = Field(description="duty_head 负责人 | provincial 省级公安机关")


class ChangeRequested(MeasurePayload):
    by: ChangeRequester = Field(
        description="申请人：suspect 犯罪嫌疑人 | relative 近亲属 | representative | lawyer"
    )


class ChangeDecided(MeasurePayload):
    granted: bool = Field(description="是否同意变更")
    reason: str = Field("", max_length=5000, description="不同意变更的理由（不同意时必填）")

    @model_validator(mode="after")
    def reason_when_refused(self) -> ChangeDecided:
        if not self.granted and not self.reason:
            raise ValueError("不同意变更强制措施的，应当告知申请人并说明理由：请填写理由")
        return self


class FamilyNoticeImpossible(MeasurePayload):
    reason: str = Field(min_length=1, max_length=5000, description="无法通知或有碍侦查的情形")


SHA256 = re.compile(r"^[0-9a-f]{64}$")


class InterviewHeld(Payload):
    case: str = Field(description="案件编号")
    kind: InterviewKind
    party: str = Field(min_length=1, description="被询问/讯问人（当事人编号）")
    ended_at: datetime = Field(description="结束时间（开始时间为事件发生时间）")
    officers: list[str] = Field(min_length=1, description="在场民警警号")
    place: InterviewPlace
    room: str = Field("", max_length=200)
    measure: str = Field("", description="到案所依据的措施编号（传唤、拘传…）")
    guardian_name: str = Field("", max_length=50)
    guardian_role: GuardianRole | None = None
    absence_noted: bool = Field(False, description="监护人无法通知或未到场已在笔录中注明")
    interpreter: str = Field("", max_length=50)
    recording_media_id: str = Field("", max_length=100)
    recording_sha256: str = Field("", max_length=64)
    recording_complete: bool = Field(False, description="录音录像全程不间断（与起止时间一致）")
    transcript: str = Field("", max_length=200_000)
    transcript_media_id: str = Field("", max_length=100, description="笔录扫描件/文件（音视频资料编号）")
    # Filled in from the records by the apply function (what the rules read); given values are checked.
    police_officers: int | None = Field(None, description="在场人民警察人数（辅警不计）")
    av_recorded: bool | None = None
    minor: bool | None = None
    guardian_present: bool | None = None
    age: int | None = None

    @model_validator(mode="after")
    def consistent(self) -> InterviewHeld:
        if self.recording_sha256 and not SHA256.match(self.recording_sha256.lower()):
            raise ValueError("录音录像的SHA-256应为64位十六进制数")
        if self.recording_sha256 and not self.recording_media_id:
            raise ValueError("填写SHA-256时须同时填写录音录像编号")
        if self.guardian_name and self.guardian_role is None:
            raise ValueError("请注明到场人员是法定代理人/监护人还是合适成年人")
        if self.ended_at.tzinfo is None:
            raise ValueError("时间必须带时区，如 +08:00")
        return self


# --- helpers --------------------------------------------------------------------------------------------


def _open_case(number: str) -> Case:
    case = get_by_key(Case, "number", number)
    if case is None:
        raise NotFound(f"案件{number}不存在", field="payload.case")
    if case.status == CaseStatus.CLOSED:
        raise TransitionNotAllowed("案件已结案，不能再登记措施或询问", code="case_closed")
    return case


def _party(case: Case, party_id: str) -> Party:
    try:
        key = uuid.UUID(party_id)
    except ValueError:
        raise ValidationFailed("当事人编号应为UUID", field="payload.party") from None
    party = Party.objects.filter(party_id=key, case=case).first()
    if party is None:
        raise NotFound(f"本案没有当事人{party_id}", field="payload.party")
    return party


def _fill(ctx: Context, measure: Measure) -> None:
    """Name the measure, its kind and person in the payload (what the rules read), refusing mismatches."""
    p: MeasurePayload = ctx.payload
    for field, actual in (
        ("measure_id", ctx.subject_key),
        ("kind", measure.kind),
        ("party", str(measure.party.party_id)),
    ):
        given = getattr(p, field)
        if given and str(given) != actual:
            raise ValidationFailed(f"{field}与措施记录不符（应为{actual}）", field=f"payload.{field}")
        setattr(p, field, MeasureKind(actual) if field == "kind" else actual)


def _not_before(moment: datetime, earliest: datetime, what: str) -> None:
    if moment < earliest:
        local = earliest.astimezone(LEGAL_TZ).strftime("%Y-%m-%d %H:%M")
        raise ValidationFailed(f"{what}不能早于{local}，请核对时间", code="before_start", field="occurred_at")


def _step(ctx: Context) -> Measure:
    """Check the state machine for this event, fill the payload, and return the locked measure."""
    measure: Measure = ctx.subject
    MEASURE_MACHINE.check(ctx.name, measure.status)
    _fill(ctx, measure)
    return measure


# --- measures -------------------------------------------------------------------------------------------


@event_type("measure.applied", payload=MeasureApplied, label="采取措施", creates=True)
def apply_measure_applied(ctx: Context) -> Measure:
    """A measure is taken against a person of the case (传唤、拘传、刑事拘留、取保候审 …), with its approver,
    place and reason; the subject key is the new measure's id."""
    p: MeasureApplied = ctx.payload
    try:
        measure_id = uuid.UUID(ctx.subject_key)
    except ValueError:
        raise ValidationFailed("措施编号应为UUID", field="subject") from None
    if p.measure_id and p.measure_id != ctx.subject_key:
        raise ValidationFailed("measure_id与事件主体不符", field="payload.measure_id")
    p.measure_id = ctx.subject_key
    case = _open_case(p.case)
    party = _party(case, p.party)
    _not_before(ctx.occurred_at, case.accepted_at, "采取措施的时间")
    changed_from = _changed_from(p, case, party) if p.changed_from else None
    return Measure.objects.create(
        changed_from=changed_from,
        measure_id=measure_id,
        case=case,
        bureau_id=case.bureau_id,
        unit_id=case.unit_id,
        kind=p.kind,
        party=party,
        applied_at=ctx.occurred_at,
        approver=p.approver,
        place=p.place,
        reason=p.reason,
        on_the_spot=p.on_the_spot,
        foreign_national=p.foreign_national,
        updated_at=ctx.occurred_at,
    )


def _changed_from(p: MeasureApplied, case: Case, party: Party) -> Measure:
    """The measure this one replaces: of the same person, already ended as changed (measure.ended with
    reason `changed`, recorded just before in the same transaction by services.measure_change)."""
    old = Measure.objects.filter(measure_id=_uuid(p.changed_from), case=case, party=party).first()
    if old is None:
        raise NotFound(f"本案该当事人没有措施{p.changed_from}", field="payload.changed_from")
    if old.end_reason != EndReason.CHANGED:
        raise TransitionNotAllowed(
            "原措施尚未以「变更措施」解除：请先解除原措施（原因选变更措施），再采取新的措施",
            code="not_changed",
        )
    if old.kind == p.kind:
        raise ValidationFailed("变更后的措施与原措施相同，请选择另一种措施", field="payload.kind")
    return old


@event_type("measure.arrived", payload=MeasureArrived, label="到案")
def apply_measure_arrived(ctx: Context) -> Measure:
    """The person arrives (到案): the time written on the 传唤证 / 拘传证, or being brought to the station for
    continued questioning. The questioning clock (询问查证 8/12/24小时) runs from here."""
    measure = _step(ctx)
    if measure.kind not in ARRIVAL_KINDS:
        raise TransitionNotAllowed(
            f"{measure.get_kind_display()}没有到案这一步；只有传唤、强制传唤、拘传和继续盘问登记到案",
            code="no_arrival",
        )
    _not_before(ctx.occurred_at, measure.applied_at, "到案时间")
    measure.status = MeasureStatus.ARRIVED
    measure.arrived_at = ctx.occurred_at
    if ctx.payload.place:
        measure.place = ctx.payload.place
    measure.updated_at = ctx.occurred_at
    measure.save(update_fields=["status", "arrived_at", "place", "updated_at"])
    return measure


@event_type("measure.extended", payload=MeasureExtended, label="延长措施期限")
def apply_measure_extended(ctx: Context) -> Measure:
    """The measure's time limit is extended, with its basis and approver: for 询问查证 the tier (12 hours for
    many people involved or identity unknown, 24 hours where administrative detention may follow)."""
    measure = _step(ctx)
    p: MeasureExtended = ctx.payload
    _not_before(ctx.occurred_at, measure.started_at, "延长时间")
    if p.hours:
        measure.limit_hours = p.hours
    measure.limit_basis = p.basis
    measure.updated_at = ctx.occurred_at
    measure.save(update_fields=["limit_hours", "limit_basis", "updated_at"])
    return measure


@event_type("measure.ended", payload=MeasureEnded, label="解除措施/释放")
def apply_measure_ended(ctx: Context) -> Measure:
    """The measure ends: the person is released, the measure lifted or changed, or the case decided."""
    measure = _step(ctx)
    _not_before(ctx.occurred_at, measure.started_at, "解除时间")
    measure.status = MeasureStatus.ENDED
    measure.ended_at = ctx.occurred_at
    measure.end_reason = ctx.payload.reason
    measure.updated_at = ctx.occurred_at
    measure.save(update_fields=["status", "ended_at", "end_reason", "updated_at"])
    return measure


@event_type("measure.family_notified", payload=FamilyNotified, label="通知家属")
def apply_family_notified(ctx: Context) -> Measure:
    """The family (or employer) is told of the measure, when and how. Late notice is recorded, not
    refused: the supervision rules judge it (治安管理处罚法 第83条/第97条、刑事诉讼法 第85条、第93条)."""
    measure: Measure = ctx.subject
    _fill(ctx, measure)
    _not_before(ctx.occurred_at, measure.applied_at, "通知时间")
    measure.family_notified_at = ctx.occurred_at
    measure.family_notice_to = ctx.payload.to
    measure.family_notice_method = ctx.payload.method
    measure.save(update_fields=["family_notified_at", "family_notice_to", "family_notice_method"])
    return measure


@event_type("measure.family_notice_impossible", payload=FamilyNoticeImpossible, label="无法通知家属")
def apply_family_notice_impossible(ctx: Context) -> Measure:
    """The family cannot be told (no address, identity unknown) or telling them would hinder the
    investigation; the reason is recorded (刑事诉讼法 第85条第2款、第93条)."""
    measure: Measure = ctx.subject
    _fill(ctx, measure)
    measure.family_notice_impossible = ctx.payload.reason
    measure.save(update_fields=["family_notice_impossible"])
    return measure


# --- custody, arrest approval, reports -------------------------------------------------------------


CUSTODY_KINDS = frozenset({MeasureKind.CRIMINAL_DETENTION, MeasureKind.ARREST})


def _still_running(measure: Measure, what: str) -> None:
    if measure.status == MeasureStatus.ENDED:
        raise TransitionNotAllowed(f"措施已解除，不能再{what}", code="measure_ended")


def _record(measure: Measure, ctx: Context, **fields) -> Measure:
    for key, value in fields.items():
        setattr(measure, key, value)
    measure.updated_at = ctx.occurred_at
    measure.save(update_fields=[*fields, "updated_at"])
    return measure


@event_type("measure.jailed", payload=MeasurePayload, label="送看守所羁押")
def apply_jailed(ctx: Context) -> Measure:
    """The detained or arrested person is handed to the detention house (刑事诉讼法 第85条第2款、第93条:
    within 24 hours)."""
    measure: Measure = ctx.subject
    _fill(ctx, measure)
    if measure.kind not in CUSTODY_KINDS:
        raise TransitionNotAllowed("只有刑事拘留和逮捕需要送看守所羁押", code="not_custody")
    _still_running(measure, "送看守所")
    if measure.jailed_at:
        raise TransitionNotAllowed("已登记送看守所羁押", code="already_jailed")
    _not_before(ctx.occurred_at, measure.applied_at, "送看守所时间")
    return _record(measure, ctx, jailed_at=ctx.occurred_at)


@event_type("measure.arrest_requested", payload=ArrestRequested, label="提请批准逮捕")
def apply_arrest_requested(ctx: Context) -> Measure:
    """The request for arrest approval goes to the procuratorate (刑事诉讼法 第91条: within 3 days of
    detention, 7 in special cases, 30 for roving, repeated or gang crime)."""
    measure: Measure = ctx.subject
    _fill(ctx, measure)
    _still_running(measure, "提请批准逮捕")
    if measure.arrest_requested_at and not measure.arrest_answer:
        raise TransitionNotAllowed("已提请批准逮捕，检察院尚未作出决定", code="arrest_pending")
    _not_before(ctx.occurred_at, measure.applied_at, "提请批准逮捕时间")
    return _record(
        measure, ctx, arrest_requested_at=ctx.occurred_at, arrest_answer="", arrest_answered_at=None
    )


def _answer(ctx: Context, answer: str) -> Measure:
    measure: Measure = ctx.subject
    _fill(ctx, measure)
    if not measure.arrest_requested_at or measure.arrest_answer:
        raise TransitionNotAllowed("没有待决的提请批准逮捕，不能登记检察院的决定", code="no_arrest_request")
    _not_before(ctx.occurred_at, measure.arrest_requested_at, "检察院决定时间")
    return _record(measure, ctx, arrest_answer=answer, arrest_answered_at=ctx.occurred_at)


@event_type("measure.arrest_approved", payload=MeasurePayload, label="检察院批准逮捕")
def apply_arrest_approved(ctx: Context) -> Measure:
    """The procuratorate approves the arrest (刑事诉讼法 第91条第3款: within 7 days of the request)."""
    return _answer(ctx, "approved")


@event_type("measure.arrest_refused", payload=MeasurePayload, label="检察院不批准逮捕")
def apply_arrest_refused(ctx: Context) -> Measure:
    """The procuratorate refuses the arrest: the person is released at once or the measure changed, and
    the execution receipt sent (刑事诉讼法 第91条第3款)."""
    return _answer(ctx, "refused")


@event_type("measure.receipt_sent", payload=MeasurePayload, label="执行回执送达检察院")
def apply_receipt_sent(ctx: Context) -> Measure:
    """The execution receipt (执行情况回执) reaches the procuratorate after its decision was carried out."""
    measure: Measure = ctx.subject
    _fill(ctx, measure)
    if not measure.arrest_answer and measure.kind != MeasureKind.ARREST:
        raise TransitionNotAllowed("检察院尚未作出决定，没有需要送达的执行回执", code="no_decision")
    _not_before(ctx.occurred_at, measure.arrest_answered_at or measure.applied_at, "送达回执时间")
    return _record(measure, ctx, receipt_sent_at=ctx.occurred_at)


@event_type("measure.reconsideration_requested", payload=MeasurePayload, label="要求复议（不批准逮捕）")
def apply_reconsideration_requested(ctx: Context) -> Measure:
    """The police ask the procuratorate to reconsider a refusal (刑事诉讼法 第92条), having released the
    person first."""
    measure: Measure = ctx.subject
    _fill(ctx, measure)
    if measure.arrest_answer != "refused":
        raise TransitionNotAllowed("只有检察院不批准逮捕时才能要求复议", code="not_refused")
    _not_before(ctx.occurred_at, measure.arrest_answered_at, "要求复议时间")
    measure.updated_at = ctx.occurred_at
    measure.save(update_fields=["updated_at"])
    return measure


@event_type("measure.change_requested", payload=ChangeRequested, label="申请变更强制措施")
def apply_change_requested(ctx: Context) -> Measure:
    """The suspect, a relative, the legal representative or the defence lawyer applies for a change of the
    measure (刑事诉讼法 第97条: the police decide within 3 days; if they refuse, they say why)."""
    measure: Measure = ctx.subject
    _fill(ctx, measure)
    _still_running(measure, "申请变更")
    if measure.change_requested_at and measure.change_granted is None:
        raise TransitionNotAllowed("已有待决定的变更申请，请先作出决定", code="change_pending")
    _not_before(ctx.occurred_at, measure.applied_at, "申请变更时间")
    return _record(
        measure,
        ctx,
        change_requested_at=ctx.occurred_at,
        change_requested_by=ctx.payload.by,
        change_granted=None,
        change_decided_at=None,
    )


@event_type("measure.change_decided", payload=ChangeDecided, label="对变更强制措施申请作出决定")
def apply_change_decided(ctx: Context) -> Measure:
    """The decision on an application for change (刑事诉讼法 第97条, within 3 days). A granted change is then
    carried out as the end of this measure and the application of the new one (services.measure_change)."""
    measure: Measure = ctx.subject
    _fill(ctx, measure)
    if not measure.change_requested_at or measure.change_granted is not None:
        raise TransitionNotAllowed("没有待决定的变更申请", code="no_change_request")
    _not_before(ctx.occurred_at, measure.change_requested_at, "决定时间")
    return _record(measure, ctx, change_granted=ctx.payload.granted, change_decided_at=ctx.occurred_at)


def _custody_step(ctx: Context, what: str) -> Measure:
    measure: Measure = ctx.subject
    _fill(ctx, measure)
    if measure.kind not in CUSTODY_KINDS:
        raise TransitionNotAllowed(f"只有刑事拘留和逮捕才能登记{what}", code="not_custody")
    _still_running(measure, what)
    _not_before(ctx.occurred_at, measure.applied_at, f"{what}时间")
    return measure


@event_type(
    "measure.necessity_proposal_received", payload=MeasurePayload, label="收到检察院羁押必要性审查建议"
)
def apply_necessity_proposal(ctx: Context) -> Measure:
    """The procuratorate proposes release or a change after reviewing the need for custody (刑事诉讼法
    第95条); the police answer within 10 days (cr.custody_necessity_review_10d)."""
    measure = _custody_step(ctx, "收到羁押必要性审查建议")
    return _record(measure, ctx, necessity_proposal_at=ctx.occurred_at, necessity_replied_at=None)


@event_type("measure.necessity_reply_sent", payload=MeasurePayload, label="将处理情况通知检察院")
def apply_necessity_reply(ctx: Context) -> Measure:
    """The police tell the procuratorate what they did with its custody-necessity proposal."""
    measure: Measure = ctx.subject
    _fill(ctx, measure)
    if not measure.necessity_proposal_at or measure.necessity_replied_at:
        raise TransitionNotAllowed("没有待答复的羁押必要性审查建议", code="no_necessity_proposal")
    _not_before(ctx.occurred_at, measure.necessity_proposal_at, "通知检察院时间")
    return _record(measure, ctx, necessity_replied_at=ctx.occurred_at)


@event_type("measure.identity_established", payload=MeasurePayload, label="查清身份")
def apply_identity_established(ctx: Context) -> Measure:
    """The identity of a suspect who would not give it is established: the custody period runs from here
    (刑事诉讼法 第160条; 公安机关办理行政案件程序规定 for 询问查证)."""
    measure: Measure = ctx.subject
    _fill(ctx, measure)
    _still_running(measure, "登记查清身份")
    _not_before(ctx.occurred_at, measure.applied_at, "查清身份时间")
    return _record(measure, ctx, identity_established_at=ctx.occurred_at)


@event_type("measure.new_crime_found", payload=MeasurePayload, label="发现另有重要罪行")
def apply_new_crime_found(ctx: Context) -> Measure:
    """Another important crime is found during custody (刑事诉讼法 第158条): the custody period may be
    counted again from the discovery, once approved (measure.custody_recounted)."""
    measure = _custody_step(ctx, "发现另有重要罪行")
    return _record(measure, ctx, new_crime_found_at=ctx.occurred_at)


@event_type("measure.custody_recounted", payload=MeasurePayload, label="批准重新计算羁押期限")
def apply_custody_recounted(ctx: Context) -> Measure:
    """The recounting of the custody period from the discovery of the other crime is approved."""
    measure = _custody_step(ctx, "重新计算羁押期限")
    if not measure.new_crime_found_at:
        raise TransitionNotAllowed("尚未登记发现另有重要罪行，不能重新计算羁押期限", code="no_new_crime")
    _not_before(ctx.occurred_at, measure.new_crime_found_at, "批准重新计算时间")
    return _record(measure, ctx, custody_recounted_at=ctx.occurred_at)


@event_type("measure.reported", payload=Reported, label="报告")
def apply_reported(ctx: Context) -> Measure:
    """A measure taken on the spot is reported to the unit head, or a foreign national's to the provincial
    authority (公安机关办理行政案件程序规定 第53条 …)."""
    measure: Measure = ctx.subject
    _fill(ctx, measure)
    _not_before(ctx.occurred_at, measure.applied_at, "报告时间")
    return _record(measure, ctx, reported_at=ctx.occurred_at)


# --- interviews -----------------------------------------------------------------------------------------


@event_type("interview.held", payload=InterviewHeld, label="询问/讯问", creates=True)
def apply_interview_held(ctx: Context) -> Interview:
    """An interview (询问 a witness or administrative suspect; 讯问 a criminal suspect) from `occurred_at` to
    `ended_at`, with the officers present, place, recording and transcript.

    A minor is interviewed only with a guardian or an appropriate adult present (刑事诉讼法 第281条;
    治安管理处罚法 2012 第84条第3款 / 2025 第100条): refused otherwise. Fewer than two officers is recorded,
    not refused — supervision flags it (公安机关办理行政案件程序规定 第52条、刑事诉讼法 第118条)."""
    p: InterviewHeld = ctx.payload
    try:
        interview_id = uuid.UUID(ctx.subject_key)
    except ValueError:
        raise ValidationFailed("询问/讯问编号应为UUID", field="subject") from None
    case = _open_case(p.case)
    party = _party(case, p.party)
    if p.ended_at <= ctx.occurred_at:
        raise ValidationFailed("结束时间应晚于开始时间", code="end_before_start", field="payload.ended_at")
    _not_before(ctx.occurred_at, case.accepted_at, "询问/讯问开始时间")
    officers = [officer_by_badge(b, "payload.officers") for b in dict.fromkeys(p.officers)]
    if any(o.unit.bureau_id != case.bureau_id for o in officers):
        raise ValidationFailed("在场民警应为本局民警", field="payload.officers")
    measure = None
    if p.measure:
        measure = Measure.objects.filter(measure_id=_uuid(p.measure), case=case, party=party).first()
        if measure is None:
            raise NotFound(f"本案该当事人没有措施{p.measure}", field="payload.measure")
    day = ctx.occurred_at.astimezone(LEGAL_TZ).date()
    age = None
    if party.birth_date:
        born = party.birth_date
        age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    minor = party.is_minor if age is None else age < 18
    if minor and not p.guardian_name:
        raise ValidationFailed(
            "询问/讯问未成年人，应当通知其法定代理人或者合适成年人到场（《刑事诉讼法》第281条，"
            "《治安管理处罚法》）；请填写到场的法定代理人或合适成年人",
            code="minor_without_guardian",
            field="payload.guardian_name",
        )
    recording = _stored_media(p.recording_media_id, case, "payload.recording_media_id")
    if recording is not None:
        if p.recording_sha256 and p.recording_sha256.lower() != recording.sha256:
            raise ValidationFailed(
                f"录音录像的SHA-256与音视频资料登记的不符（登记值{recording.sha256[:16]}…），请核对",
                code="hash_mismatch",
                field="payload.recording_sha256",
            )
        p.recording_sha256 = recording.sha256
    transcript_file = _stored_media(p.transcript_media_id, case, "payload.transcript_media_id")
    if p.transcript_media_id and transcript_file is None:
        raise NotFound(f"音视频资料{p.transcript_media_id}不存在", field="payload.transcript_media_id")
    computed = {
        "police_officers": sum(1 for o in officers if not o.is_auxiliary),
        "av_recorded": bool(p.recording_media_id),
        "minor": minor,
        "guardian_present": bool(p.guardian_name),
        "age": age,
    }
    for field, value in computed.items():
        given = getattr(p, field)
        if given is not None and given != value:
            raise ValidationFailed(f"{field}与记录不符（应为{value}）", field=f"payload.{field}")
        setattr(p, field, value)
    interview = Interview.objects.create(
        interview_id=interview_id,
        case=case,
        bureau_id=case.bureau_id,
        unit_id=case.unit_id,
        kind=p.kind,
        party=party,
        measure=measure,
        started_at=ctx.occurred_at,
        ended_at=p.ended_at,
        place=p.place,
        room=p.room,
        guardian_name=p.guardian_name,
        guardian_role=p.guardian_role or "",
        absence_noted=p.absence_noted,
        interpreter=p.interpreter,
        recording_media_id=p.recording_media_id,
        recording_sha256=p.recording_sha256.lower(),
        recording_complete=p.recording_complete,
        transcript=p.transcript,
        transcript_media_id=p.transcript_media_id,
        recorded_at=ctx.recorded_at,
    )
    interview.officers.set(officers)
    for media in (recording, transcript_file):
        if media is not None:
            _attach_media(media, interview)
    return interview


def _stored_media(media_id: str, case: Case, field: str):
    """The media record named by `media_id` when it is one of lawtrail's (a UUID in the store), checked to be
    of the case's bureau and free of another interview; None for an id of an external system."""
    from lawtrail.incidents.models import MediaRecord

    try:
        key = uuid.UUID(media_id)
    except ValueError:
        return None
    media = MediaRecord.objects.select_for_update().filter(media_id=key).first()
    if media is None:
        return None
    if media.bureau_id not in (None, case.bureau_id):
        raise ValidationFailed("该音视频资料不属于本局", field=field)
    if media.interview_id is not None:
        raise ValidationFailed("该音视频资料已关联到另一次询问/讯问", code="already_linked", field=field)
    return media


def _attach_media(media, interview: Interview) -> None:
    media.interview = interview
    media.case_id = media.case_id or interview.case_id
    media.save(update_fields=["interview", "case"])


def _uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise ValidationFailed("编号应为UUID", field="payload.measure") from None


# --- execution of administrative detention (行政拘留执行) ------------------------------------------------


class DetentionPayload(Payload):
    note: str = Field("", max_length=5000)
    # Which detention: rules pair each detention's steps by it (supervision/sources.py KEY_FIELDS), so two
    # people detained in one case keep their own clocks.
    detention_id: str = Field("", description="行政拘留执行编号（与事件主体相同；不填则自动填写）")


class DetentionAdmitted(DetentionPayload):
    case: str = Field(description="案件编号")
    party: str = Field(min_length=1, description="被拘留人（当事人编号）")
    days: int = Field(ge=1, le=20, description="决定的拘留日数（合并执行最长20日）")
    offset_days: int = Field(0, ge=0, le=20, description="折抵日数（此前限制人身自由一日折抵一日）")
    combined: bool = Field(False, description="合并执行")
    detention_house: str = Field(min_length=1, max_length=200, description="拘留所")
    decision_number: str = Field("", max_length=100, description="处罚决定书文号")
    approver: str = Field("", max_length=100, description="批准人")

    @model_validator(mode="after")
    def lengths(self) -> DetentionAdmitted:
        if self.days > 15 and not self.combined:
            raise ValueError("单个违反治安管理行为的行政拘留最长15日；超过15日须为合并执行（最长20日）")
        if self.offset_days > self.days:
            raise ValueError("折抵日数不能多于决定的拘留日数")
        return self


class DetentionReleased(DetentionPayload):
    reason: DetentionRelease = DetentionRelease.EXPIRED


class DetentionFamilyNotified(DetentionPayload):
    method: NoticeMethod
    recipient: str = Field("", max_length=100, description="被通知人")


class DetentionNoticeImpossible(DetentionPayload):
    reason: str = Field(min_length=1, max_length=5000, description="无法通知的原因（已在决定书中注明）")


class SuspensionDecided(DetentionPayload):
    granted: bool = Field(description="是否准予暂缓执行")
    guarantee: str = Field("", max_length=200, description="担保人或保证金（准予时）")

    @model_validator(mode="after")
    def guarantee_when_granted(self) -> SuspensionDecided:
        if self.granted and not self.guarantee:
            raise ValueError("准予暂缓执行的，被处罚人应提出担保人或交纳保证金：请填写担保情况")
        return self


def _detention_id(ctx: Context) -> None:
    """Name the detention in the payload (what the rules read), refusing a mismatch with the subject."""
    p: DetentionPayload = ctx.payload
    if p.detention_id and p.detention_id != ctx.subject_key:
        raise ValidationFailed("detention_id与事件主体不符", field="payload.detention_id")
    p.detention_id = ctx.subject_key


def _detention_step(ctx: Context) -> Detention:
    detention: Detention = ctx.subject
    DETENTION_MACHINE.check(ctx.name, detention.status)
    _detention_id(ctx)
    return detention


def _save(detention: Detention, ctx: Context, **fields) -> Detention:
    for key, value in fields.items():
        setattr(detention, key, value)
    detention.updated_at = ctx.occurred_at
    detention.save(update_fields=[*fields, "updated_at"])
    return detention


@event_type("detention.admitted", payload=DetentionAdmitted, label="送拘留所执行", creates=True)
def apply_detention_admitted(ctx: Context) -> Detention:
    """The person decided to serve an administrative detention is delivered to the detention house (拘留所
    收拘): the clock of the days to serve — decided days less those offset — starts here
    (治安管理处罚法 第110条、第126条; ps.detention_offset)."""
    p: DetentionAdmitted = ctx.payload
    try:
        detention_id = uuid.UUID(ctx.subject_key)
    except ValueError:
        raise ValidationFailed("行政拘留执行编号应为UUID", field="subject") from None
    _detention_id(ctx)
    case = _open_case(p.case)
    if case.kind != "admin":
        raise TransitionNotAllowed(
            "行政拘留只在行政（治安）案件中执行；刑事案件请登记刑事拘留", code="not_admin"
        )
    party = _party(case, p.party)
    _not_before(ctx.occurred_at, case.accepted_at, "送拘留所时间")
    return Detention.objects.create(
        detention_id=detention_id,
        case=case,
        bureau_id=case.bureau_id,
        unit_id=case.unit_id,
        party=party,
        days=p.days,
        offset_days=p.offset_days,
        combined=p.combined,
        detention_house=p.detention_house,
        decision_number=p.decision_number,
        approver=p.approver,
        admitted_at=ctx.occurred_at,
        updated_at=ctx.occurred_at,
    )


@event_type("detention.released", payload=DetentionReleased, label="解除拘留")
def apply_detention_released(ctx: Context) -> Detention:
    """The detention ends: at expiry (拘留所按时解除，发给解除拘留证明书), on a granted suspension, or because
    the decision was revoked. An early or late release is recorded; supervision judges it."""
    detention = _detention_step(ctx)
    _not_before(ctx.occurred_at, detention.admitted_at, "解除拘留时间")
    return _save(
        detention,
        ctx,
        status=DetentionStatus.RELEASED,
        released_at=ctx.occurred_at,
        release_reason=ctx.payload.reason,
    )


@event_type("detention.family_notified", payload=DetentionFamilyNotified, label="通知被拘留人家属")
def apply_detention_family_notified(ctx: Context) -> Detention:
    """The family is told of the detention and where it is served (程序规定 第176条, 拘留所条例 第10条)."""
    detention: Detention = ctx.subject
    _detention_id(ctx)
    if detention.family_notified_at:
        raise TransitionNotAllowed("已登记通知家属", code="already_notified")
    return _save(detention, ctx, family_notified_at=ctx.occurred_at, family_notice_method=ctx.payload.method)


@event_type(
    "detention.family_notice_impossible",
    payload=DetentionNoticeImpossible,
    label="无法通知家属（已在决定书中注明）",
)
def apply_detention_notice_impossible(ctx: Context) -> Detention:
    """The family cannot be told (no family, identity or address unknown): the reason is recorded."""
    detention: Detention = ctx.subject
    _detention_id(ctx)
    return _save(detention, ctx, family_notice_impossible=ctx.payload.reason)


@event_type("detention.suspension_requested", payload=DetentionPayload, label="申请暂缓执行行政拘留")
def apply_suspension_requested(ctx: Context) -> Detention:
    """Having applied for reconsideration or sued, the person asks for the detention to be suspended
    (治安管理处罚法 第126条; 程序规定 第223条: decided within 24 hours)."""
    detention = _detention_step(ctx)
    if detention.suspension_requested_at and detention.suspension_granted is None:
        raise TransitionNotAllowed("已有待决定的暂缓执行申请", code="suspension_pending")
    _not_before(ctx.occurred_at, detention.admitted_at, "申请时间")
    return _save(
        detention,
        ctx,
        suspension_requested_at=ctx.occurred_at,
        suspension_granted=None,
        suspension_decided_at=None,
    )


@event_type("detention.suspension_decided", payload=SuspensionDecided, label="对暂缓执行申请作出决定")
def apply_suspension_decided(ctx: Context) -> Detention:
    """The decision on the suspension request; a granted one releases the person at once (the release is
    recorded with it by services.detention_suspension_decide)."""
    detention = _detention_step(ctx)
    if not detention.suspension_requested_at or detention.suspension_granted is not None:
        raise TransitionNotAllowed("没有待决定的暂缓执行申请", code="no_suspension_request")
    _not_before(ctx.occurred_at, detention.suspension_requested_at, "决定时间")
    return _save(
        detention, ctx, suspension_granted=ctx.payload.granted, suspension_decided_at=ctx.occurred_at
    )
