"""Incident forms: the list filters, registering an incident, and one form per action on its page.

The forms parse; `submit` hands the values to the incident services, which decide.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lawtrail.cases.choices import CaseKind
from lawtrail.cases.forms import ALL, offence_choices, unit_choices
from lawtrail.cases.models import Case
from lawtrail.org.models import Officer, Unit
from lawtrail.web.forms import DateInput, DateTimeLocalInput, DomainForm, occurred_at_field

from .choices import Category, Disposal, MediaKind, Source, Status
from .models import Incident
from .services import incident_convert, incident_event, incident_receive


class IncidentFilterForm(forms.Form):
    q = forms.CharField(label=_("编号、地点或内容"), required=False, max_length=100)
    unit = forms.ChoiceField(label=_("管辖单位"), required=False)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[ALL, *Status.choices])
    source = forms.ChoiceField(label=_("来源"), required=False, choices=[ALL, *Source.choices])
    category = forms.ChoiceField(label=_("类别"), required=False, choices=[ALL, *Category.choices])
    received_from = forms.DateField(label=_("接警日期自"), required=False, widget=DateInput())
    received_to = forms.DateField(label=_("接警日期至"), required=False, widget=DateInput())
    unreviewed = forms.BooleanField(label=_("只看未审核"), required=False)

    def __init__(self, data=None, *, units):
        super().__init__(data)
        self.fields["unit"].choices = [("", _("全部单位")), *unit_choices(units)]

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for incidents.selectors.incident_list; a malformed filter is ignored."""
        if self.is_bound:
            self.is_valid()
        d: dict[str, Any] = getattr(self, "cleaned_data", {})
        return {
            "status": d.get("status") or None,
            "source": d.get("source") or None,
            "category": d.get("category") or None,
            "unit": int(d["unit"]) if d.get("unit") else None,
            "received_from": d.get("received_from"),
            "received_to": d.get("received_to"),
            "unreviewed": bool(d.get("unreviewed")),
            "q": (d.get("q") or "").strip() or None,
        }


class IncidentReceiveForm(DomainForm):
    """接警登记."""

    unit = forms.ChoiceField(label=_("管辖单位"))
    source = forms.ChoiceField(label=_("来源"), choices=Source.choices)
    category = forms.ChoiceField(label=_("类别"), choices=Category.choices)
    place = forms.CharField(label=_("地点"), max_length=200)
    description = forms.CharField(
        label=_("简要警情"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    reporter_name = forms.CharField(label=_("报警人"), required=False, max_length=50)
    reporter_phone = forms.CharField(
        label=_("报警电话"), required=False, max_length=30, widget=forms.TextInput(attrs={"type": "tel"})
    )

    def __init__(self, data=None, *, units, actor: Officer | None):
        super().__init__(data, initial={"unit": str(actor.unit_id) if actor else ""})
        self.units = {str(u.id): u for u in units}
        self.actor = actor
        self.fields["unit"].choices = unit_choices(units)
        self.fields["occurred_at"] = occurred_at_field(_("接警时间"))

    def submit(self) -> Incident:
        d = self.cleaned_data
        unit: Unit = self.units[d["unit"]]
        return incident_receive(
            actor=self.actor,
            unit=unit,
            source=d["source"],
            place=d["place"],
            category=d["category"],
            description=d["description"],
            reporter_name=d["reporter_name"],
            reporter_phone=d["reporter_phone"],
            occurred_at=d["occurred_at"],
        )


# --- actions on an incident ------------------------------------------------------------------------------


class IncidentActionForm(DomainForm):
    event = ""

    def __init__(self, data=None, *, incident: Incident, actor: Officer | None, units=()):
        super().__init__(data)
        self.incident = incident
        self.actor = actor
        self.units = {str(u.id): u for u in units}
        self.setup()
        self.fields["occurred_at"] = occurred_at_field()

    def setup(self) -> None:
        """Fill choices that depend on the asker or the incident."""

    def payload(self) -> dict[str, Any]:
        return {}

    def submit(self) -> Case | None:
        incident_event(
            incident=self.incident,
            name=self.event,
            actor=self.actor,
            payload=self.payload(),
            occurred_at=self.cleaned_data["occurred_at"],
        )
        return None


class DispatchForm(IncidentActionForm):
    field_aliases = {"payload.unit": "unit"}

    unit = forms.ChoiceField(label=_("处警单位"))
    officers = forms.CharField(
        label=_("出警民警警号"), required=False, max_length=200, help_text=_("多个警号用逗号或空格分隔。")
    )

    def setup(self):
        self.fields["unit"].choices = unit_choices(self.units.values())
        if self.actor is not None:
            self.initial.setdefault("unit", str(self.actor.unit_id))
            self.initial.setdefault("officers", self.actor.badge_no)

    def payload(self):
        badges = [b for b in re.split(r"[\s,，、;；]+", self.cleaned_data["officers"]) if b]
        return {"unit": self.units[self.cleaned_data["unit"]].code, "officers": badges}


class NoteForm(IncidentActionForm):
    note = forms.CharField(
        label=_("备注"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def payload(self):
        return {"note": self.cleaned_data["note"]}


class ReviewForm(NoteForm):
    def setup(self):
        self.fields["note"].label = _("审核意见")


class DisposalForm(IncidentActionForm):
    disposal = forms.ChoiceField(label=_("处警结果"), choices=Disposal.choices)
    note = forms.CharField(
        label=_("处置情况"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def payload(self):
        return {"disposal": self.cleaned_data["disposal"], "note": self.cleaned_data["note"]}


class ConvertForm(IncidentActionForm):
    """受案并转为案件: accept the case and link it to the incident (the service disposes it as 受案 first)."""

    field_aliases = {"payload.case": None, "payload.incident": None}

    kind = forms.ChoiceField(label=_("案件类型"), choices=CaseKind.choices)
    title = forms.CharField(label=_("案件名称"), max_length=200)
    offence = forms.ChoiceField(label=_("案由"), required=False)
    lead = forms.ModelChoiceField(
        label=_("主办民警警号"),
        queryset=Officer.objects.none(),
        to_field_name="badge_no",
        widget=forms.TextInput(),
        error_messages={"invalid_choice": _("本局没有该警号的在职民警，请核对警号。")},
    )

    def setup(self):
        self.fields["offence"].choices = offence_choices(_("（暂不选择）"))
        self.fields["lead"].queryset = Officer.objects.filter(
            unit__bureau_id=self.incident.bureau_id, is_active=True
        )
        if self.actor is not None:
            self.initial.setdefault("lead", self.actor.badge_no)
        kind = CaseKind.CRIMINAL if self.incident.category == "criminal" else CaseKind.ADMINISTRATIVE
        self.initial.setdefault("kind", kind)

    def submit(self) -> Case:
        d = self.cleaned_data
        return incident_convert(
            incident=self.incident,
            actor=self.actor,
            kind=d["kind"],
            title=d["title"],
            offence=d["offence"] or None,
            occurred_at=d["occurred_at"],
            lead=d["lead"],
        )


class MediaForm(IncidentActionForm):
    event = "incident.media_linked"

    kind = forms.ChoiceField(label=_("类型"), choices=MediaKind.choices)
    uri = forms.CharField(label=_("存储地址"), max_length=500, help_text=_("音视频在证据存储系统中的地址。"))
    sha256 = forms.CharField(
        label="SHA-256",
        min_length=64,
        max_length=64,
        help_text=_("64位十六进制校验值，用于核验文件未被篡改。"),
    )
    captured_at = forms.DateTimeField(label=_("拍摄/录制时间"), widget=DateTimeLocalInput())
    duration_seconds = forms.IntegerField(label=_("时长（秒）"), required=False, min_value=0)
    officer = forms.CharField(label=_("拍摄民警警号"), required=False, max_length=20)

    def clean_sha256(self):
        return self.cleaned_data["sha256"].strip().lower()

    def payload(self):
        d = self.cleaned_data
        return {
            "media_id": str(uuid.uuid4()),
            "kind": d["kind"],
            "uri": d["uri"],
            "sha256": d["sha256"],
            "captured_at": d["captured_at"].isoformat(),
            "duration_seconds": d["duration_seconds"],
            "officer": d["officer"].strip() or None,
        }


@dataclass(frozen=True)
class Action:
    slug: str
    event: str
    form: type[IncidentActionForm]
    title: str

    def make_form(
        self, data=None, *, incident: Incident, actor: Officer | None, units=()
    ) -> IncidentActionForm:
        form = self.form(data, incident=incident, actor=actor, units=units)
        form.event = self.event
        return form


ACTIONS: dict[str, Action] = {
    a.slug: a
    for a in [
        Action("dispatch", "incident.dispatched", DispatchForm, pgettext_lazy("action", "派警")),
        Action("arrive", "incident.arrived", NoteForm, pgettext_lazy("action", "登记到达现场")),
        Action("dispose", "incident.disposed", DisposalForm, pgettext_lazy("action", "登记处警结果")),
        Action("convert", "incident.converted", ConvertForm, _("受案并转为案件")),
        Action("review", "incident.reviewed", ReviewForm, pgettext_lazy("action", "警情审核")),
        Action("media", "incident.media_linked", MediaForm, pgettext_lazy("action", "登记音视频")),
    ]
}
ACTION_BY_EVENT = {a.event: a for a in ACTIONS.values()}
