"""Case-handling center forms. Each only parses; `submit` hands the values to the services, which decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lawtrail.cases.models import Case
from lawtrail.org.models import Officer, Unit
from lawtrail.web.forms import DomainForm, occurred_at_field

from .choices import HandoverPlace, LeftReason, RoomKind, StayReason
from .models import Room, Stay
from .services import room_create, stay_enter, stay_event

TEXTAREA = forms.Textarea(attrs={"rows": 2})


class EnterForm(DomainForm):
    title = _("人员进入办案中心")
    field_aliases = {"payload.measure_id": "measure"}
    center = forms.ChoiceField(label=_("执法办案管理中心"))
    party = forms.ChoiceField(label=_("人员"))
    reason = forms.ChoiceField(label=_("进入原因"), choices=StayReason.choices)
    measure = forms.ChoiceField(
        label=_("依据的措施"), required=False, help_text=_("传唤、拘传等尚未登记到案的，将同时登记到案")
    )
    room = forms.ChoiceField(label=_("进入的功能室"), required=False)

    def __init__(self, data=None, *, case: Case, actor: Officer | None, centers: list[Unit]):
        super().__init__(data)
        self.case, self.actor, self.centers = case, actor, {c.code: c for c in centers}
        self.fields["center"].choices = [(c.code, c.name) for c in centers]
        self.fields["party"].choices = [
            (str(p.party_id), f"{p.get_role_display()} {p.name}") for p in case.parties.all()
        ]
        self.fields["measure"].choices = [("", "—")] + [
            (str(m.measure_id), f"{m.get_kind_display()} {m.party.name} {m.applied_at:%m-%d %H:%M}")
            for m in case.measures.select_related("party").exclude(status="ended")
        ]
        rooms = Room.objects.filter(center__in=centers, is_active=True).select_related("center")
        self.fields["room"].choices = [("", "—")] + [
            (r.name, f"{r.name}（{r.get_kind_display()}）") for r in rooms
        ]
        self.fields["occurred_at"] = occurred_at_field(_("进入时间"))

    def submit(self) -> Stay:
        d = self.cleaned_data
        measure = self.case.measures.filter(measure_id=d["measure"]).first() if d["measure"] else None
        return stay_enter(
            actor=self.actor,
            case=self.case,
            party=self.case.parties.get(party_id=d["party"]),
            center=self.centers[d["center"]],
            reason=d["reason"],
            measure=measure,
            occurred_at=d["occurred_at"],
            room=d["room"],
        )


class StayStepForm(DomainForm):
    event = ""
    slug = ""
    title: Any = ""
    when_label: Any = _("发生时间")

    def __init__(self, data=None, *, stay: Stay, actor: Officer | None):
        super().__init__(data)
        self.stay, self.actor = stay, actor
        self.fields["occurred_at"] = occurred_at_field(self.when_label)
        self.setup()

    def setup(self) -> None:
        pass

    def payload(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "occurred_at" and v not in (None, "")}

    def submit(self) -> Stay:
        return stay_event(
            stay=self.stay,
            name=self.event,
            actor=self.actor,
            payload=self.payload(),
            occurred_at=self.cleaned_data["occurred_at"],
        )


class CheckedForm(StayStepForm):
    event, slug, title, when_label = "center.checked", "check", _("人身安全检查"), _("检查时间")
    items_found = forms.CharField(label=_("检查发现的物品"), max_length=2000, required=False, widget=TEXTAREA)
    injuries = forms.CharField(
        label=_("体表伤痕"), max_length=2000, required=False, widget=TEXTAREA, help_text=_("无则不填")
    )
    health_note = forms.CharField(
        label=_("身体状况及本人自述"), max_length=2000, required=False, widget=TEXTAREA
    )
    belongings = forms.CharField(
        label=_("代为保管的随身物品（每行一件：物品 数量）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def payload(self) -> dict[str, Any]:
        out = super().payload()
        lines = [line.strip() for line in self.cleaned_data["belongings"].splitlines() if line.strip()]
        out["belongings"] = [
            {"description": parts[0], "quantity": parts[1] if len(parts) > 1 else ""}
            for parts in (line.rsplit(maxsplit=1) if " " in line else [line] for line in lines)
        ]
        return out


class RoomForm(StayStepForm):
    event, slug, title, when_label = "center.room_assigned", "room", _("安排功能室"), _("进入时间")
    room = forms.ChoiceField(label=_("功能室"))

    def setup(self) -> None:
        rooms = Room.objects.filter(center_id=self.stay.center_id, is_active=True).exclude(
            pk=self.stay.room_id
        )
        self.fields["room"].choices = [(r.name, f"{r.name}（{r.get_kind_display()}）") for r in rooms]


class LeftForm(StayStepForm):
    event, slug, title, when_label = "center.left", "leave", _("登记离开"), _("离开时间")
    reason = forms.ChoiceField(label=_("离开原因"), choices=LeftReason.choices)
    belongings_returned_to = forms.CharField(
        label=_("随身物品领取人（不填为本人）"), max_length=200, required=False
    )


class HandedOverForm(StayStepForm):
    event, slug, title, when_label = "center.handed_over", "hand-over", _("移交羁押场所"), _("移交时间")
    place = forms.ChoiceField(label=_("场所类型"), choices=HandoverPlace.choices)
    to = forms.CharField(label=_("场所名称"), max_length=200)


STEP_FORMS: dict[str, type[StayStepForm]] = {
    f.slug: f for f in (CheckedForm, RoomForm, LeftForm, HandedOverForm)
}


class RoomCreateForm(DomainForm):
    name = forms.CharField(label=_("名称"), max_length=50)
    kind = forms.ChoiceField(label=_("类型"), choices=RoomKind.choices)

    field_aliases = {"payload.name": "name"}

    def __init__(self, data=None, *, center: Unit, actor: Officer | None = None):
        super().__init__(data)
        self.center, self.actor = center, actor

    def submit(self) -> Room:
        d = self.cleaned_data
        return room_create(actor=self.actor, center=self.center, name=d["name"], kind=d["kind"])
