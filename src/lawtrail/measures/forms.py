"""Measure and interview forms on the case page. Each only parses; `submit` hands the values to the
services (services.py), which decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lawtrail.cases.models import Case
from lawtrail.common.errors import DomainError, ValidationFailed
from lawtrail.incidents.media_store import sniff
from lawtrail.org.models import Officer
from lawtrail.web.forms import DateTimeLocalInput, DomainForm, occurred_at_field

from .choices import (
    ChangeRequester,
    DetentionRelease,
    EndReason,
    GuardianRole,
    InterviewKind,
    InterviewPlace,
    MeasureKind,
    NoticeMethod,
    NoticeTo,
)
from .models import Detention, Measure
from .services import (
    detention_admit,
    detention_event,
    interview_record,
    measure_apply,
    measure_change,
    measure_event,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _party_choices(case: Case) -> list[tuple[str, str]]:
    return [(str(p.party_id), f"{p.get_role_display()} {p.name}") for p in case.parties.all()]


class MeasureApplyForm(DomainForm):
    title = _("采取措施")
    kind = forms.ChoiceField(label=_("措施"), choices=MeasureKind.choices)
    party = forms.ChoiceField(label=_("当事人"))
    approver = forms.CharField(label=_("批准人"), max_length=100, required=False)
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    reason = forms.CharField(label=_("理由"), max_length=5000, required=False, widget=TEXTAREA)
    on_the_spot = forms.BooleanField(label=_("当场实施（紧急情况）"), required=False)
    foreign_national = forms.BooleanField(label=_("外国人"), required=False)

    def __init__(self, data=None, *, case: Case, actor: Officer | None):
        super().__init__(data)
        self.case, self.actor = case, actor
        self.fields["party"].choices = _party_choices(case)
        self.fields["occurred_at"] = occurred_at_field(_("采取时间"))

    def submit(self) -> None:
        d = self.cleaned_data
        measure_apply(
            actor=self.actor,
            case=self.case,
            party=self.case.parties.get(party_id=d["party"]),
            kind=d["kind"],
            occurred_at=d["occurred_at"],
            approver=d["approver"],
            place=d["place"],
            reason=d["reason"],
            on_the_spot=d["on_the_spot"],
            foreign_national=d["foreign_national"],
        )


class MeasureStepForm(DomainForm):
    """A step of a measure: `event` names it; the subclass's fields are its payload."""

    event = ""
    title: Any = ""
    when_label: Any = _("发生时间")

    def __init__(self, data=None, *, measure: Measure, actor: Officer | None):
        super().__init__(data)
        self.measure, self.actor = measure, actor
        self.fields["occurred_at"] = occurred_at_field(self.when_label)

    def payload(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "occurred_at" and v not in (None, "")}

    def submit(self) -> None:
        measure_event(
            measure=self.measure,
            name=self.event,
            actor=self.actor,
            payload=self.payload(),
            occurred_at=self.cleaned_data["occurred_at"],
        )


class ArrivedForm(MeasureStepForm):
    event, title, when_label = "measure.arrived", _("登记到案"), _("到案时间（传唤证上填写的时间）")
    place = forms.CharField(label=_("到案地点"), max_length=200, required=False)


class ExtendedForm(MeasureStepForm):
    event, title = "measure.extended", _("询问查证时限/延长")
    hours = forms.TypedChoiceField(
        label=_("时限"),
        coerce=int,
        choices=[
            (12, _("12小时（涉案人数众多、身份不明）")),
            (24, _("24小时（情况复杂、可能适用行政拘留）")),
        ],
    )
    basis = forms.CharField(label=_("理由"), max_length=200)
    approver = forms.CharField(label=_("批准人"), max_length=100, required=False)


class ExtendedDaysForm(MeasureStepForm):
    """The extension of the time to request arrest approval (刑事诉讼法 第91条: by 1 to 4 days in special
    cases; to 30 days for roving, repeated or gang crime)."""

    event, title, when_label = "measure.extended", _("延长提请批准逮捕期限"), _("批准延长时间")
    basis = forms.ChoiceField(
        label=_("依据"),
        choices=[
            ("special", _("特殊情况（延长1至4日）")),
            ("roving", _("流窜、多次、结伙作案（延长至30日）")),
        ],
    )
    days = forms.IntegerField(label=_("延长的日数"), min_value=1, max_value=30)
    approver = forms.CharField(label=_("批准人"), max_length=100)

    def clean(self):
        d = super().clean()
        if d.get("basis") == "special" and d.get("days", 0) > 4:
            self.add_error("days", _("特殊情况只能延长1至4日；流窜、多次、结伙作案请选对应依据。"))
        return d


class EndedForm(MeasureStepForm):
    event, title = "measure.ended", _("解除措施/释放")
    reason = forms.ChoiceField(label=_("原因"), choices=EndReason.choices)
    note = forms.CharField(label=_("备注"), max_length=5000, required=False, widget=TEXTAREA)


class FamilyNotifiedForm(MeasureStepForm):
    event, title, when_label = "measure.family_notified", _("通知家属"), _("通知时间")
    to = forms.ChoiceField(label=_("通知对象"), choices=NoticeTo.choices)
    method = forms.ChoiceField(label=_("通知方式"), choices=NoticeMethod.choices)
    recipient = forms.CharField(label=_("被通知人"), max_length=100, required=False)


class FamilyNoticeImpossibleForm(MeasureStepForm):
    event, title = "measure.family_notice_impossible", _("无法通知家属")
    reason = forms.CharField(label=_("无法通知或有碍侦查的情形"), max_length=5000, widget=TEXTAREA)


class JailedForm(MeasureStepForm):
    event, title, when_label = "measure.jailed", _("送看守所羁押"), _("送看守所时间")
    note = forms.CharField(label=_("看守所及备注"), max_length=5000, required=False)


class ArrestRequestedForm(MeasureStepForm):
    event, title, when_label = "measure.arrest_requested", _("提请批准逮捕"), _("提请时间")
    procuratorate = forms.CharField(label=_("人民检察院"), max_length=100)
    detained = forms.BooleanField(label=_("犯罪嫌疑人已被拘留"), required=False, initial=True)

    def payload(self) -> dict[str, Any]:
        return {**super().payload(), "detained": self.cleaned_data["detained"]}


class ArrestApprovedForm(MeasureStepForm):
    event, title, when_label = "measure.arrest_approved", _("检察院批准逮捕"), _("批准时间")
    note = forms.CharField(label=_("批准逮捕决定书文号等"), max_length=5000, required=False)


class ArrestRefusedForm(MeasureStepForm):
    event, title, when_label = "measure.arrest_refused", _("检察院不批准逮捕"), _("决定时间")
    note = forms.CharField(label=_("不批准逮捕的理由"), max_length=5000, required=False, widget=TEXTAREA)


class ReceiptSentForm(MeasureStepForm):
    event, title, when_label = "measure.receipt_sent", _("执行回执送达检察院"), _("送达时间")
    note = forms.CharField(label=_("备注"), max_length=5000, required=False)


class ReconsiderationForm(MeasureStepForm):
    event, title, when_label = "measure.reconsideration_requested", _("要求复议（不批准逮捕）"), _("提出时间")
    note = forms.CharField(label=_("复议意见"), max_length=5000, required=False, widget=TEXTAREA)


class ReportedForm(MeasureStepForm):
    event, title, when_label = "measure.reported", _("报告"), _("报告时间")
    to = forms.ChoiceField(
        label=_("报告对象"),
        choices=[("duty_head", _("所属公安机关负责人")), ("provincial", _("省级公安机关（外国人）"))],
    )
    note = forms.CharField(label=_("备注"), max_length=5000, required=False)


class ChangeRequestedForm(MeasureStepForm):
    event, title, when_label = "measure.change_requested", _("申请变更强制措施"), _("收到申请时间")
    by = forms.ChoiceField(label=_("申请人"), choices=ChangeRequester.choices)
    note = forms.CharField(label=_("申请理由"), max_length=5000, required=False, widget=TEXTAREA)


class ChangeDecidedForm(MeasureStepForm):
    event, title, when_label = "measure.change_decided", _("对变更申请作出决定"), _("决定时间")
    granted = forms.TypedChoiceField(
        label=_("决定"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("同意变更")), ("no", _("不同意变更"))],
    )
    reason = forms.CharField(
        label=_("理由"),
        max_length=5000,
        required=False,
        widget=TEXTAREA,
        help_text=_("不同意的必须说明理由。"),
    )

    def payload(self) -> dict[str, Any]:
        return {**super().payload(), "granted": self.cleaned_data["granted"]}


class NecessityProposalForm(MeasureStepForm):
    event, title, when_label = (
        "measure.necessity_proposal_received",
        _("收到羁押必要性审查建议"),
        _("收到时间"),
    )
    note = forms.CharField(label=_("检察院建议"), max_length=5000, required=False, widget=TEXTAREA)


class NecessityReplyForm(MeasureStepForm):
    event, title, when_label = "measure.necessity_reply_sent", _("将处理情况通知检察院"), _("通知时间")
    note = forms.CharField(label=_("处理情况"), max_length=5000, required=False, widget=TEXTAREA)


class IdentityEstablishedForm(MeasureStepForm):
    event, title, when_label = "measure.identity_established", _("查清身份"), _("查清时间")
    note = forms.CharField(label=_("备注"), max_length=5000, required=False)


class NewCrimeFoundForm(MeasureStepForm):
    event, title, when_label = "measure.new_crime_found", _("发现另有重要罪行"), _("发现时间")
    note = forms.CharField(label=_("罪行情况"), max_length=5000, required=False, widget=TEXTAREA)


class CustodyRecountedForm(MeasureStepForm):
    event, title, when_label = "measure.custody_recounted", _("批准重新计算羁押期限"), _("批准时间")
    note = forms.CharField(label=_("批准情况"), max_length=5000, required=False)


class ChangeForm(MeasureStepForm):
    """变更强制措施: the old measure ends as changed and the new one starts, in one transaction."""

    title, when_label = _("变更强制措施"), _("变更时间")
    kind = forms.ChoiceField(label=_("变更为"), choices=MeasureKind.choices)
    approver = forms.CharField(label=_("批准人"), max_length=100)
    reason = forms.CharField(label=_("变更理由"), max_length=5000, widget=TEXTAREA)
    place = forms.CharField(label=_("执行地点"), max_length=200, required=False)

    def submit(self) -> None:
        d = self.cleaned_data
        measure_change(
            measure=self.measure,
            actor=self.actor,
            kind=d["kind"],
            approver=d["approver"],
            reason=d["reason"],
            place=d["place"],
            occurred_at=d["occurred_at"],
        )


STEP_FORMS: dict[str, type[MeasureStepForm]] = {
    "arrived": ArrivedForm,
    "extended": ExtendedForm,
    "extended-days": ExtendedDaysForm,
    "ended": EndedForm,
    "family-notified": FamilyNotifiedForm,
    "family-notice-impossible": FamilyNoticeImpossibleForm,
    "jailed": JailedForm,
    "arrest-requested": ArrestRequestedForm,
    "arrest-approved": ArrestApprovedForm,
    "arrest-refused": ArrestRefusedForm,
    "receipt-sent": ReceiptSentForm,
    "reconsideration": ReconsiderationForm,
    "reported": ReportedForm,
    "change-requested": ChangeRequestedForm,
    "change-decided": ChangeDecidedForm,
    "change": ChangeForm,
    "necessity-proposal": NecessityProposalForm,
    "necessity-reply": NecessityReplyForm,
    "identity-established": IdentityEstablishedForm,
    "new-crime-found": NewCrimeFoundForm,
    "custody-recounted": CustodyRecountedForm,
}


# --- execution of administrative detention ---------------------------------------------------------------


class DetentionAdmitForm(DomainForm):
    title = _("送拘留所执行行政拘留")
    party = forms.ChoiceField(label=_("被拘留人"))
    days = forms.IntegerField(label=_("决定的拘留日数"), min_value=1, max_value=20)
    offset_days = forms.IntegerField(
        label=_("折抵日数"),
        min_value=0,
        max_value=20,
        initial=0,
        help_text=_("处罚前已被限制人身自由的，一日折抵一日（询问查证、继续盘问、醉酒约束时间不折抵）。"),
    )
    combined = forms.BooleanField(label=_("合并执行"), required=False)
    detention_house = forms.CharField(label=_("拘留所"), max_length=200)
    decision_number = forms.CharField(label=_("处罚决定书文号"), max_length=100, required=False)
    approver = forms.CharField(label=_("批准人"), max_length=100, required=False)

    def __init__(self, data=None, *, case: Case, actor: Officer | None):
        super().__init__(data)
        self.case, self.actor = case, actor
        self.fields["party"].choices = _party_choices(case)
        self.fields["occurred_at"] = occurred_at_field(_("送拘留所时间"))

    def submit(self) -> None:
        d = self.cleaned_data
        detention_admit(
            actor=self.actor,
            case=self.case,
            party=self.case.parties.get(party_id=d["party"]),
            days=d["days"],
            offset_days=d["offset_days"] or 0,
            combined=d["combined"],
            detention_house=d["detention_house"],
            decision_number=d["decision_number"],
            approver=d["approver"],
            occurred_at=d["occurred_at"],
        )


class DetentionStepForm(DomainForm):
    event = ""
    title: Any = ""
    when_label: Any = _("发生时间")

    def __init__(self, data=None, *, detention: Detention, actor: Officer | None):
        super().__init__(data)
        self.detention, self.actor = detention, actor
        self.fields["occurred_at"] = occurred_at_field(self.when_label)

    def payload(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "occurred_at" and v not in (None, "")}

    def submit(self) -> None:
        detention_event(
            detention=self.detention,
            name=self.event,
            actor=self.actor,
            payload=self.payload(),
            occurred_at=self.cleaned_data["occurred_at"],
        )


class DetentionReleasedForm(DetentionStepForm):
    event, title, when_label = "detention.released", _("解除拘留"), _("解除时间")
    reason = forms.ChoiceField(label=_("原因"), choices=DetentionRelease.choices)
    note = forms.CharField(label=_("备注"), max_length=5000, required=False)


class DetentionFamilyNotifiedForm(DetentionStepForm):
    event, title, when_label = "detention.family_notified", _("通知被拘留人家属"), _("通知时间")
    method = forms.ChoiceField(label=_("通知方式"), choices=NoticeMethod.choices)
    recipient = forms.CharField(label=_("被通知人"), max_length=100, required=False)


class DetentionNoticeImpossibleForm(DetentionStepForm):
    event, title = "detention.family_notice_impossible", _("无法通知家属")
    reason = forms.CharField(label=_("无法通知的原因"), max_length=5000, widget=TEXTAREA)


class SuspensionRequestedForm(DetentionStepForm):
    event, title, when_label = "detention.suspension_requested", _("申请暂缓执行行政拘留"), _("收到申请时间")
    note = forms.CharField(
        label=_("申请情况"),
        max_length=5000,
        required=False,
        help_text=_("已申请行政复议或提起行政诉讼的情况。"),
    )


class SuspensionDecidedForm(DetentionStepForm):
    event, title, when_label = "detention.suspension_decided", _("对暂缓执行申请作出决定"), _("决定时间")
    granted = forms.TypedChoiceField(
        label=_("决定"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("准予暂缓执行（立即释放）")), ("no", _("不准予"))],
    )
    guarantee = forms.CharField(label=_("担保人或保证金"), max_length=200, required=False)
    note = forms.CharField(label=_("备注"), max_length=5000, required=False)

    def payload(self) -> dict[str, Any]:
        return {**super().payload(), "granted": self.cleaned_data["granted"]}


DETENTION_FORMS: dict[str, type[DetentionStepForm]] = {
    "released": DetentionReleasedForm,
    "family-notified": DetentionFamilyNotifiedForm,
    "family-notice-impossible": DetentionNoticeImpossibleForm,
    "suspension-requested": SuspensionRequestedForm,
    "suspension-decided": SuspensionDecidedForm,
}


class InterviewForm(DomainForm):
    title = _("登记询问/讯问")
    field_aliases = {"payload.ended_at": "ended_at"}
    kind = forms.ChoiceField(label=_("类别"), choices=InterviewKind.choices)
    party = forms.ChoiceField(label=_("被询问/讯问人"))
    started_at = occurred_at_field(_("开始时间"))
    ended_at = forms.DateTimeField(label=_("结束时间"), widget=DateTimeLocalInput())
    officers = forms.CharField(label=_("在场民警警号"), help_text=_("多个警号用空格或逗号分隔。"))
    place = forms.ChoiceField(label=_("地点"), choices=InterviewPlace.choices)
    room = forms.CharField(label=_("房间/具体地点"), max_length=200, required=False)
    guardian_name = forms.CharField(label=_("法定代理人/合适成年人"), max_length=50, required=False)
    guardian_role = forms.ChoiceField(
        label=_("到场身份"), choices=[("", "—"), *GuardianRole.choices], required=False
    )
    interpreter = forms.CharField(label=_("翻译人员"), max_length=50, required=False)
    recording_file = forms.FileField(
        label=_("上传同步录音录像"),
        required=False,
        help_text=_(
            "上传后系统计算SHA-256并作为本次询问/讯问的录音录像；也可填写下面的编号引用已登记的录音录像。"
        ),
    )
    recording_media_id = forms.CharField(label=_("录音录像编号"), max_length=100, required=False)
    recording_sha256 = forms.CharField(label=_("录音录像SHA-256"), max_length=64, required=False)
    recording_complete = forms.BooleanField(label=_("全程同步录音录像"), required=False)
    transcript = forms.CharField(label=_("笔录"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    transcript_file = forms.FileField(
        label=_("笔录文件"),
        required=False,
        help_text=_("纯文本（UTF-8）读入上面的笔录；PDF或图片（扫描件）作为笔录文件保存。"),
    )
    fieldsets = [
        (
            _("同步录音录像"),
            ["recording_file", "recording_media_id", "recording_sha256", "recording_complete"],
        ),
        (_("笔录"), ["transcript", "transcript_file"]),
    ]

    def __init__(self, data=None, files=None, *, case: Case, actor: Officer | None):
        super().__init__(data, files)
        self.case, self.actor = case, actor
        self.fields["party"].choices = _party_choices(case)

    def clean(self):
        d = super().clean()
        if d.get("recording_file") and d.get("recording_media_id"):
            self.add_error("recording_media_id", _("已上传录音录像文件，请不要再填写编号。"))
        upload = d.get("transcript_file")
        if upload is not None:
            text = _utf8_text(upload)
            if text is not None:
                if d.get("transcript"):
                    self.add_error("transcript_file", _("已填写笔录文字，纯文本文件与其只能二选一。"))
                d["transcript"], d["transcript_file"] = text, None
        return d

    def submit(self) -> None:
        d = dict(self.cleaned_data)
        badges = [b for b in d.pop("officers").replace("，", ",").replace(",", " ").split() if b]
        officers = list(Officer.objects.filter(badge_no__in=badges))
        if len(officers) != len(set(badges)):
            raise ValidationFailed(_("有警号不存在，请核对"), field="payload.officers")
        recording_file, transcript_file = d.pop("recording_file"), d.pop("transcript_file")
        stored = []
        try:
            with transaction.atomic():
                if recording_file is not None:
                    media = self._store(recording_file, "interview_recording", d, officers, "recording_file")
                    stored.append(media.storage_name)
                    d["recording_media_id"], d["recording_sha256"] = str(media.media_id), media.sha256
                if transcript_file is not None:
                    media = self._store(transcript_file, "document", d, officers, "transcript_file")
                    stored.append(media.storage_name)
                    d["transcript_media_id"] = str(media.media_id)
                interview_record(
                    actor=self.actor,
                    case=self.case,
                    party=self.case.parties.get(party_id=d.pop("party")),
                    kind=d.pop("kind"),
                    started_at=d.pop("started_at"),
                    ended_at=d.pop("ended_at"),
                    officers=officers,
                    place=d.pop("place"),
                    **d,
                )
        except DomainError:
            for name in stored:  # the records were rolled back; the files must go too
                default_storage.delete(name)
            raise

    def _store(self, upload, kind: str, d: dict, officers: list[Officer], field: str):
        from lawtrail.incidents.media_services import media_upload

        try:
            return media_upload(
                actor=self.actor,
                upload=upload,
                kind=kind,
                captured_at=d["started_at"],
                unit=self.case.unit,
                officer=officers[0] if officers else None,
                place=d.get("room", ""),
                propose_links=False,
            )
        except DomainError as error:
            if error.field == "file":
                error.field = field
            raise


def _utf8_text(upload) -> str | None:
    """The upload's text if it is a UTF-8 plain-text file (a transcript typed elsewhere), else None."""
    upload.seek(0)
    data = upload.read(400_001)
    upload.seek(0)
    if len(data) > 400_000 or b"\x00" in data or sniff(data[:512]) is not None:
        return None
    try:
        return data.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        return None
