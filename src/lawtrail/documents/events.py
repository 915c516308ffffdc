"""Document events. Names and payload fields are those the supervision catalogue's rules read
(supervision/catalogue/_events.yaml: `document.issued` and `document.served` with `type`, `to`, `method`;
rules such as ps.decision_delivery wait for a `document.served` of type penalty_decision to the offender).

Every document event carries `case` and `type` (filled in from the document when left out), so a rule can
match a served decision without looking the document up.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from pydantic import Field, model_validator

from lawtrail.cases.choices import CaseStatus, PartyRole
from lawtrail.cases.models import Case, Party
from lawtrail.common.clock import local
from lawtrail.common.errors import NotFound, TransitionNotAllowed, ValidationFailed
from lawtrail.common.keyed import get_by_key
from lawtrail.common.models import sequence_observe
from lawtrail.events.registry import Context, Payload, Subject, event_type, register_subject

from .choices import CounterScope, DateStyle, DocumentStatus, ServiceMethod, ServiceTo
from .kinds import KINDS
from .machine import DOCUMENT_MACHINE
from .models import Document, NumberingSettings, Service
from .numbering import allocate, counter_key, settings_for
from .render import document_pages, render_docx, render_pdf, store

register_subject(Subject("document", lambda: Document, "document_id", "法律文书"))

FieldValues = dict[str, str]
SERIAL = re.compile(r"〔(\d{4})〕(\d+)号$")


class DocumentPayload(Payload):
    case: str = Field("", description="案件编号（不填则取文书所属案件）")
    type: str = Field("", description="文书种类（不填则取文书的种类），如 penalty_decision")


class Drafted(DocumentPayload):
    case: str = Field(description="案件编号")
    type: str = Field(description="文书种类：" + "、".join(f"{k} {v.title}" for k, v in KINDS.items()))
    party: str = Field("", description="当事人编号（文书针对或送达的人）")
    measure: str = Field("", description="措施编号（传唤证、拘留通知书等依据的措施）")
    corrects: str = Field("", description="被更正的文书编号（更正时）")
    fields: FieldValues = Field(default_factory=dict, description="文书内容（字段见文书种类）")

    @model_validator(mode="after")
    def known_kind(self) -> Drafted:
        if self.type not in KINDS:
            raise ValueError(f"没有这种文书：{self.type}；可选：{'、'.join(KINDS)}")
        unknown = set(self.fields) - set(KINDS[self.type].field_keys)
        if unknown:
            raise ValueError(f"{KINDS[self.type].title}没有这些栏目：{'、'.join(sorted(unknown))}")
        return self


class Edited(DocumentPayload):
    fields: FieldValues = Field(description="修改的栏目及其内容")


class Issued(DocumentPayload):
    # Filled in by the apply function (what was issued). A given number is kept (an import replays an
    # export); the hashes are those of the files rendered now.
    number: str = Field("", max_length=80, description="文号（签发时编号；导入时沿用）")
    pdf_sha256: str = ""
    docx_sha256: str = ""
    corrects_number: str = Field("", description="被更正文书的文号")


class Corrected(DocumentPayload):
    by: str = Field(min_length=1, description="更正后的文书编号")
    by_number: str = Field("", description="更正后的文书文号")
    reason: str = Field("", max_length=2000, description="更正原因")


class Served(DocumentPayload):
    to: ServiceTo = Field(description="受送达人身份")
    method: ServiceMethod
    party: str = Field("", description="当事人编号（受送达人是案件当事人时）")
    recipient: str = Field(min_length=1, max_length=100, description="受送达人姓名或单位")
    receiver: str = Field("", max_length=100, description="代收人（成年家属、所在单位负责人等）")
    relationship: str = Field("", max_length=50, description="代收人与受送达人的关系")
    place: str = Field("", max_length=200, description="送达地点；公告送达为公告的载体和地点")
    refused: bool = Field(False, description="受送达人拒绝签收")
    refusal_reason: str = Field("", max_length=500)
    witness: str = Field("", max_length=100, description="见证人（留置送达）")
    recording_ref: str = Field("", max_length=100, description="录音录像编号（留置送达可替代见证人）")
    postal_no: str = Field("", max_length=60, description="挂号信号码（邮寄送达）")
    consent_ref: str = Field("", max_length=100, description="电子送达确认书编号（当事人同意电子送达）")
    server: str = Field("", max_length=20, description="送达人警号（不填为登记人）")
    note: str = Field("", max_length=500)
    number: str = Field("", description="文号（由文书填写）")
    rights_stated: bool | None = Field(None, description="文书是否载明复议、诉讼途径（由文书种类填写）")

    @model_validator(mode="after")
    def proof(self) -> Served:
        """Each method has its own proof (documents.md §5.3; 行政程序规定 第36条; 民事诉讼法 第88–95条)."""
        if self.receiver and not self.relationship:
            raise ValueError("由他人代收的，请填写代收人与受送达人的关系")
        if self.method == ServiceMethod.LODGED:
            if not self.refused:
                raise ValueError("留置送达只适用于受送达人拒绝签收的情形：请勾选“拒绝签收”")
            if not (self.witness or self.recording_ref):
                raise ValueError(
                    "留置送达须有见证人签名，或者以录音录像记录拒收过程：请填写见证人或录音录像编号"
                )
        elif self.refused:
            raise ValueError("受送达人拒绝签收的，应当采用留置送达：请将送达方式改为留置送达")
        if self.refused and not self.refusal_reason:
            raise ValueError("请注明拒收事由")
        if self.method == ServiceMethod.POST and not self.postal_no:
            raise ValueError("邮寄送达须填写挂号信号码（邮寄凭证附卷）")
        if self.method == ServiceMethod.ELECTRONIC and not self.consent_ref:
            raise ValueError("电子送达须经受送达人同意并签订确认书：请填写确认书编号")
        if self.method == ServiceMethod.PUBLIC_NOTICE and not self.place:
            raise ValueError("公告送达须写明公告的载体和地点")
        return self


class NumberingSet(Payload):
    """A unit's document settings (numbering.py). Empty texts fall back to the ancestor's or the default."""

    organ_code: str = Field(min_length=1, max_length=20, description="机关代字，如 梧公、穗公花")
    unit_code: str = Field("", max_length=20, description="括号内的办案单位代字，如 西江、治；空则不印括号")
    authority_name: str = Field("", max_length=100, description="文书抬头的公安机关名称")
    reconsideration_organ: str = Field("", max_length=100, description="行政复议机关（本级人民政府）")
    court: str = Field("", max_length=100, description="行政诉讼管辖法院")
    supervision_phone: str = Field("", max_length=40)
    query_channel: str = Field("", max_length=200)
    counter_scope: CounterScope = CounterScope.UNIT_KIND_YEAR
    date_style: DateStyle = DateStyle.CN_NUMERAL


# --- apply functions -------------------------------------------------------------------------------------


@event_type("unit.document_numbering_set", payload=NumberingSet, label="设置法律文书编号")
def apply_numbering_set(ctx: Context):
    """A unit's 文号 parts and document headings are set (documents.md §3.4: they are data). An event, so
    that an export carries the settings the numbers in it were made with."""
    p: NumberingSet = ctx.payload
    NumberingSettings.objects.update_or_create(unit=ctx.subject, defaults=p.model_dump(mode="json"))
    return ctx.subject


def _check(ctx: Context, document: Document) -> None:
    DOCUMENT_MACHINE.check(ctx.name, document.status)


def _fill_common(ctx: Context, document: Document) -> None:
    p = ctx.payload
    if p.case and p.case != document.case.number:
        raise ValidationFailed(
            f"文书属于案件{document.case.number}，不属于案件{p.case}", field="payload.case"
        )
    p.case = document.case.number
    p.type = document.kind


@event_type("document.drafted", payload=Drafted, label="起草法律文书", creates=True)
def apply_drafted(ctx: Context) -> Document:
    """A document is drafted for a case, its fields filled from the case and edited by the officer."""
    from .fill import initial_fields

    p: Drafted = ctx.payload
    kind = KINDS[p.type]
    case = get_by_key(Case, "number", p.case)
    if case is None:
        raise NotFound(f"案件{p.case}不存在", field="payload.case")
    if case.kind not in kind.case_kinds:
        raise ValidationFailed(
            f"{kind.title}只用于{'、'.join('行政案件' if k == 'admin' else '刑事案件' for k in kind.case_kinds)}",
            field="payload.type",
        )
    if case.status == CaseStatus.CLOSED:
        raise TransitionNotAllowed("案件已结案，不能再制作法律文书")
    party = None
    if p.party:
        party = Party.objects.filter(case=case, party_id=_uuid(p.party, "payload.party")).first()
        if party is None:
            raise NotFound(f"案件{case.number}没有当事人{p.party}", field="payload.party")
        if kind.party_roles and party.role not in kind.party_roles:
            roles = "、".join(str(PartyRole(r).label) for r in kind.party_roles)
            raise ValidationFailed(
                f"{kind.title}针对的当事人应为{roles}；{party.name}是{party.get_role_display()}",
                field="payload.party",
            )
    elif kind.party_roles and not kind.party_optional:
        raise ValidationFailed(f"请选择{kind.title}针对的当事人", field="payload.party")
    measure = None
    if p.measure:
        from lawtrail.measures.models import Measure

        measure = Measure.objects.filter(case=case, measure_id=_uuid(p.measure, "payload.measure")).first()
        if measure is None:
            raise NotFound(f"案件{case.number}没有措施{p.measure}", field="payload.measure")
    corrects = None
    if p.corrects:
        corrects = Document.objects.filter(document_id=p.corrects, case=case).first()
        if corrects is None:
            raise NotFound(f"案件{case.number}没有文书{p.corrects}", field="payload.corrects")
        if corrects.status not in (DocumentStatus.ISSUED, DocumentStatus.SERVED):
            raise TransitionNotAllowed("只能更正已签发的文书；草稿可以直接修改", field="payload.corrects")
        if corrects.kind != p.type:
            raise ValidationFailed("更正文书须与被更正文书种类相同", field="payload.type")
    fields = initial_fields(kind, case, party, measure)
    if corrects is not None:
        fields.update({k: v for k, v in corrects.fields.items() if k in fields})
    fields.update(p.fields)
    p.fields = fields
    return Document.objects.create(
        document_id=ctx.subject_key,
        case=case,
        bureau_id=case.bureau_id,
        unit_id=case.unit_id,
        kind=kind.code,
        party=party,
        measure=measure,
        corrects=corrects,
        fields=fields,
        drafted_at=ctx.occurred_at,
        drafted_by=ctx.actor,
    )


def _uuid(text: str, field: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError as exc:
        raise ValidationFailed("编号格式不正确", field=field) from exc


@event_type("document.edited", payload=Edited, label="修改法律文书草稿")
def apply_edited(ctx: Context) -> Document:
    """The officer edits a draft; an issued document is locked (a correction is a new document)."""
    document: Document = ctx.subject
    _check(ctx, document)
    _fill_common(ctx, document)
    unknown = set(ctx.payload.fields) - set(document.spec.field_keys)
    if unknown:
        raise ValidationFailed(
            f"{document.title}没有这些栏目：{'、'.join(sorted(unknown))}", field="payload.fields"
        )
    document.fields = {**document.fields, **ctx.payload.fields}
    document.save(update_fields=["fields"])
    return document


@event_type("document.issued", payload=Issued, label="制作法律文书")
def apply_issued(ctx: Context) -> Document:
    """The document is issued (签发): numbered, rendered to PDF and .docx, stored with their SHA-256, and
    locked. Required fields must be filled (documents.md §4: no blank where a value is expected)."""
    document: Document = Document.objects.select_related("case__unit").get(pk=ctx.subject.pk)
    _check(ctx, document)
    _fill_common(ctx, document)
    kind = document.spec
    missing = [f.label for f in kind.fields if f.required and not str(document.fields.get(f.key, "")).strip()]
    if missing:
        raise ValidationFailed(
            f"签发前请填写：{'、'.join(missing)}", code="fields_missing", field="payload.fields"
        )
    p: Issued = ctx.payload
    year = local(ctx.occurred_at).year
    if kind.numbered and p.number:  # replayed from an export (lawtrail import): keep the number it had
        document.number, document.year, document.serial = p.number, year, _observe(document, p.number, year)
    elif kind.numbered:
        document.number, document.serial = allocate(document.unit, kind.word_for(document.case.kind), year)
        document.year = year
    document.issued_at = ctx.occurred_at
    document.issued_by = ctx.actor
    document.status = DocumentStatus.ISSUED
    pages = document_pages(document)
    label = f"{kind.title} {document.number}".strip()
    document.pdf_path, document.pdf_sha256 = store(render_pdf(pages, title=label), "pdf")
    document.docx_path, document.docx_sha256 = store(render_docx(pages, title=label), "docx")
    document.save()
    p.number, p.pdf_sha256, p.docx_sha256 = document.number, document.pdf_sha256, document.docx_sha256
    p.corrects_number = document.corrects.number if document.corrects_id else ""
    return document


def _observe(document: Document, number: str, year: int) -> int | None:
    """The serial of a number brought by an import, after making sure it is not taken and that the unit's
    counter will not hand it out again (common.models.sequence_observe)."""
    if Document.objects.filter(number=number).exclude(pk=document.pk).exists():
        raise ValidationFailed(f"文号{number}已被其他文书使用", code="number_taken", field="payload.number")
    match = SERIAL.search(number)
    if match is None or int(match.group(1)) != year:
        return None
    serial = int(match.group(2))
    word = document.spec.word_for(document.case.kind)
    sequence_observe(counter_key(document.unit, settings_for(document.unit), word, year), serial)
    return serial


@event_type("document.corrected", payload=Corrected, label="更正法律文书")
def apply_corrected(ctx: Context) -> Document:
    """An issued document is superseded by a correction (a new document citing it); it keeps its number."""
    document: Document = ctx.subject
    _check(ctx, document)
    _fill_common(ctx, document)
    document.status = DocumentStatus.CORRECTED
    document.corrected_at = ctx.occurred_at
    document.save(update_fields=["status", "corrected_at"])
    return document


@event_type("document.served", payload=Served, label="送达")
def apply_served(ctx: Context) -> Document:
    """The document is served on one recipient (one record per recipient), with the proof its method needs."""
    from lawtrail.org.models import Officer

    document: Document = ctx.subject
    _check(ctx, document)
    _fill_common(ctx, document)
    p: Served = ctx.payload
    server: Any = ctx.actor
    if p.server:
        server = Officer.objects.filter(badge_no=p.server).first()
        if server is None:
            raise NotFound(f"警号{p.server}不存在", field="payload.server")
    if (
        p.party
        and not Party.objects.filter(
            case_id=document.case_id, party_id=_uuid(p.party, "payload.party")
        ).exists()
    ):
        raise NotFound(f"案件{document.case.number}没有当事人{p.party}", field="payload.party")
    if not p.party and document.party_id and p.to == document.spec.service_to:
        p.party = str(document.party.party_id)
    p.number = document.number
    p.rights_stated = document.spec.rights_stated
    Service.objects.create(
        document=document,
        to=p.to,
        method=p.method,
        served_at=ctx.occurred_at,
        recorded_at=ctx.recorded_at,
        recipient=p.recipient,
        receiver=p.receiver,
        relationship=p.relationship,
        place=p.place,
        refused=p.refused,
        refusal_reason=p.refusal_reason,
        witness=p.witness,
        recording_ref=p.recording_ref,
        postal_no=p.postal_no,
        consent_ref=p.consent_ref,
        server=server,
        note=p.note,
    )
    document.status = DocumentStatus.SERVED
    document.save(update_fields=["status"])
    return document
