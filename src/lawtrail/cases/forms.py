"""Case forms: the list filters and one form per action on the case page.

Each action form only parses; `submit` hands the parsed values to the case services, which decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lawtrail.org.models import Officer
from lawtrail.web.forms import DateInput, DomainForm, occurred_at_field

from .choices import CaseKind, CaseStatus, Gender, HandlerRole, Outcome, PartyRole
from .models import Case, Offence
from .selectors import CaseFilters
from .services import case_add_party, case_event

ALL = ("", _("全部"))


def unit_choices(units) -> list[tuple[str, str]]:
    return [(str(u.id), "\u3000" * max(u.depth - 1, 0) + u.label) for u in units]


def offence_choices(empty_label) -> list:
    groups: dict[str, list[tuple[str, str]]] = {CaseKind.ADMINISTRATIVE: [], CaseKind.CRIMINAL: []}
    for code, name, kind in (
        Offence.objects.filter(is_active=True).order_by("kind", "name").values_list("code", "name", "kind")
    ):
        groups.setdefault(kind, []).append((code, name))
    return [("", empty_label)] + [(CaseKind(kind).label, items) for kind, items in groups.items() if items]


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("编号或名称"), required=False, max_length=100)
    unit = forms.ChoiceField(label=_("办案单位"), required=False)
    kind = forms.ChoiceField(label=_("案件类型"), required=False, choices=[ALL, *CaseKind.choices])
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[ALL, *CaseStatus.choices])
    offence = forms.ChoiceField(label=_("案由"), required=False)
    handler = forms.CharField(label=_("办案民警警号"), required=False, max_length=20)
    accepted_from = forms.DateField(label=_("受案日期自"), required=False, widget=DateInput())
    accepted_to = forms.DateField(label=_("受案日期至"), required=False, widget=DateInput())
    mine = forms.BooleanField(label=_("只看我的"), required=False)

    def __init__(self, data=None, *, units):
        super().__init__(data)
        self.fields["unit"].choices = [("", _("全部单位")), *unit_choices(units)]
        self.fields["offence"].choices = offence_choices(_("全部案由"))

    def filters(self) -> CaseFilters:
        """The filters that parsed; a malformed one is shown as an error and ignored."""
        if self.is_bound:
            self.is_valid()
        data: dict[str, Any] = getattr(self, "cleaned_data", {})
        return CaseFilters(
            unit=int(data["unit"]) if data.get("unit") else None,
            kind=data.get("kind") or None,
            status=data.get("status") or None,
            offence=data.get("offence") or None,
            handler=(data.get("handler") or "").strip() or None,
            accepted_from=data.get("accepted_from"),
            accepted_to=data.get("accepted_to"),
            q=(data.get("q") or "").strip() or None,
            mine=bool(data.get("mine")),
        )


# --- actions on a case -----------------------------------------------------------------------------------


class CaseActionForm(DomainForm):
    """An action on a case: its own fields, then when it happened (late entry is normal)."""

    event = ""

    def __init__(self, data=None, *, case: Case, actor: Officer | None):
        super().__init__(data, prefix=None)
        self.case = case
        self.actor = actor
        self.fields["occurred_at"] = occurred_at_field()

    def payload(self) -> dict[str, Any]:
        return {}

    def submit(self) -> None:
        case_event(
            case=self.case,
            name=self.event,
            actor=self.actor,
            payload=self.payload(),
            occurred_at=self.cleaned_data["occurred_at"],
        )


class NoteForm(CaseActionForm):
    note = forms.CharField(
        label=_("备注"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def payload(self):
        return {"note": self.cleaned_data["note"]}


class ReasonForm(CaseActionForm):
    reason = forms.CharField(label=_("理由"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))

    def payload(self):
        return {"reason": self.cleaned_data["reason"]}


class DecideForm(CaseActionForm):
    field_aliases = {"payload.penalty": None}
    fieldsets = [(_("处罚内容（给予行政处罚时填写）"), ["warning", "fine_yuan", "detention_days"])]

    outcome = forms.ChoiceField(label=_("处理结果"), choices=Outcome.choices, widget=forms.RadioSelect)
    warning = forms.BooleanField(label=_("警告"), required=False)
    fine_yuan = forms.IntegerField(label=_("罚款（元）"), required=False, min_value=1)
    detention_days = forms.IntegerField(label=_("行政拘留（日）"), required=False, min_value=1)
    reason = forms.CharField(
        label=_("理由"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("不予行政处罚时必须说明理由。"),
    )

    def payload(self):
        d = self.cleaned_data
        penalty = None
        if d["warning"] or d["fine_yuan"] or d["detention_days"]:
            penalty = {
                "warning": d["warning"],
                "fine_yuan": d["fine_yuan"],
                "detention_days": d["detention_days"],
            }
        return {"outcome": d["outcome"], "penalty": penalty, "reason": d["reason"]}


class TransferForm(CaseActionForm):
    procuratorate = forms.CharField(label=_("受理的人民检察院"), max_length=100)
    note = forms.CharField(
        label=_("备注"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def payload(self):
        return {"procuratorate": self.cleaned_data["procuratorate"], "note": self.cleaned_data["note"]}


class PartyForm(CaseActionForm):
    role = forms.ChoiceField(label=_("身份"), choices=PartyRole.choices)
    name = forms.CharField(label=_("姓名"), max_length=50)
    gender = forms.ChoiceField(label=_("性别"), choices=Gender.choices, initial=Gender.UNKNOWN)
    id_number = forms.CharField(
        label=_("身份证号"),
        required=False,
        max_length=18,
        help_text=_("18位公民身份号码，系统按国家标准校验。"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    phone = forms.CharField(
        label=_("电话"), required=False, max_length=30, widget=forms.TextInput(attrs={"type": "tel"})
    )
    address = forms.CharField(label=_("住址"), required=False, max_length=200)

    def submit(self) -> None:
        d = self.cleaned_data
        case_add_party(
            case=self.case,
            actor=self.actor,
            occurred_at=d["occurred_at"],
            role=d["role"],
            name=d["name"],
            gender=d["gender"],
            id_number=d["id_number"],
            phone=d["phone"],
            address=d["address"],
        )


class HandlerForm(CaseActionForm):
    event = "case.handler_assigned"

    officer = forms.CharField(label=_("民警警号"), max_length=20)
    role = forms.ChoiceField(label=_("角色"), choices=HandlerRole.choices, initial=HandlerRole.ASSISTING)

    def payload(self):
        return {"officer": self.cleaned_data["officer"].strip(), "role": self.cleaned_data["role"]}


@dataclass(frozen=True)
class Action:
    """An action offered on the case page: the URL slug, the event it records and its form."""

    slug: str
    event: str
    form: type[CaseActionForm]
    title: str = ""  # for actions that are not state transitions (their title comes from the machine)

    def make_form(self, data=None, *, case: Case, actor: Officer | None) -> CaseActionForm:
        form = self.form(data, case=case, actor=actor)
        form.event = self.event
        return form


ACTIONS: dict[str, Action] = {
    a.slug: a
    for a in [
        Action("file", "case.filed", NoteForm),
        Action("not-file", "case.not_filed", ReasonForm),
        Action("investigate", "case.investigation_started", NoteForm),
        Action("notify-rights", "case.rights_notified", NoteForm),
        Action("decide", "case.decided", DecideForm),
        Action("terminate", "case.terminated", ReasonForm),
        Action("execute", "case.executed", NoteForm),
        Action("transfer", "case.transferred_for_prosecution", TransferForm),
        Action("withdraw", "case.withdrawn", ReasonForm),
        Action("close", "case.closed", NoteForm),
        Action("add-party", "case.party_added", PartyForm, pgettext_lazy("action", "添加当事人")),
        Action(
            "assign-handler", "case.handler_assigned", HandlerForm, pgettext_lazy("action", "指定办案民警")
        ),
    ]
}
ACTION_BY_EVENT = {a.event: a for a in ACTIONS.values()}
CASE_DETAIL_ACTIONS = ("add-party", "assign-handler")
