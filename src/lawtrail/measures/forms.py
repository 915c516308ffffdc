"""Measure and interview forms on the case page. Each only parses; `submit` hands the values to the
services (services.py), which decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lawtrail.cases.models import Case
from lawtrail.org.models import Officer
from lawtrail.web.forms import DateTimeLocalInput, DomainForm, occurred_at_field

from .choices import (
    EndReason,
    GuardianRole,
    InterviewKind,
    InterviewPlace,
    MeasureKind,
    NoticeMethod,
    NoticeTo,
)
from .models import Measure
from .services import interview_record, measure_apply, measure_event

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


STEP_FORMS: dict[str, type[MeasureStepForm]] = {
    "arrived": ArrivedForm,
    "extended": ExtendedForm,
    "ended": EndedForm,
    "family-notified": FamilyNotifiedForm,
    "family-notice-impossible": FamilyNoticeImpossibleForm,
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
    recording_media_id = forms.CharField(label=_("录音录像编号"), max_length=100, required=False)
    recording_sha256 = forms.CharField(label=_("录音录像SHA-256"), max_length=64, required=False)
    recording_complete = forms.BooleanField(label=_("全程同步录音录像"), required=False)
    transcript = forms.CharField(label=_("笔录"), required=False, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, data=None, *, case: Case, actor: Officer | None):
        super().__init__(data)
        self.case, self.actor = case, actor
        self.fields["party"].choices = _party_choices(case)

    def submit(self) -> None:
        d = dict(self.cleaned_data)
        badges = [b for b in d.pop("officers").replace("，", ",").replace(",", " ").split() if b]
        officers = list(Officer.objects.filter(badge_no__in=badges))
        if len(officers) != len(set(badges)):
            from lawtrail.common.errors import ValidationFailed

            raise ValidationFailed(_("有警号不存在，请核对"), field="payload.officers")
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
