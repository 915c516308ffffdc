"""Case property forms. Each only parses; `submit` hands the values to the services, which decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lawtrail.cases.models import Case
from lawtrail.org.models import Officer, Unit
from lawtrail.web.forms import DomainForm, occurred_at_field

from .choices import DestructionMethod, PropertyCategory, SeizureMeasure
from .models import PropertyItem, StorageLocation
from .services import location_create, property_event, property_seize

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class SeizeForm(DomainForm):
    title = _("登记涉案财物")
    field_aliases = {"payload.estimated_value": "estimated_value", "payload.holder": "holder"}
    measure = forms.ChoiceField(label=_("措施"), choices=SeizureMeasure.choices)
    category = forms.ChoiceField(label=_("类别"), choices=PropertyCategory.choices)
    description = forms.CharField(
        label=_("名称及特征"), max_length=500, help_text=_("品牌、型号、颜色、编号等")
    )
    quantity = forms.DecimalField(label=_("数量"), min_value=0, max_digits=14, decimal_places=3)
    unit_of_measure = forms.CharField(label=_("计量单位"), max_length=20, help_text=_("件、台、部、元、克…"))
    estimated_value = forms.DecimalField(
        label=_("估价（元）"), required=False, min_value=0, max_digits=16, decimal_places=2
    )
    owner = forms.ChoiceField(label=_("持有人/所有人"), required=False)
    owner_name = forms.CharField(label=_("持有人/所有人（非本案当事人）"), max_length=100, required=False)
    document_ref = forms.CharField(label=_("法律文书文号"), max_length=100, required=False)
    place = forms.CharField(label=_("提取/查封地点"), max_length=200, required=False)
    photos = forms.CharField(
        label=_("照片（音视频记录编号，每行一个）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note = forms.CharField(label=_("备注"), max_length=2000, required=False, widget=TEXTAREA)

    def __init__(self, data=None, *, case: Case, actor: Officer | None):
        super().__init__(data)
        self.case, self.actor = case, actor
        self.fields["owner"].choices = [("", "—")] + [
            (str(p.party_id), f"{p.get_role_display()} {p.name}") for p in case.parties.all()
        ]
        self.fields["occurred_at"] = occurred_at_field(_("提取时间"))

    def submit(self) -> PropertyItem:
        d = self.cleaned_data
        self.item = property_seize(
            actor=self.actor,
            case=self.case,
            measure=d["measure"],
            category=d["category"],
            description=d["description"],
            quantity=d["quantity"],
            unit_of_measure=d["unit_of_measure"],
            occurred_at=d["occurred_at"],
            estimated_value=d["estimated_value"],
            owner=d["owner"],
            owner_name=d["owner_name"],
            document_ref=d["document_ref"],
            place=d["place"],
            photos=[line.strip() for line in d["photos"].splitlines() if line.strip()],
            note=d["note"],
        )
        return self.item


class ItemStepForm(DomainForm):
    """A step of an item: `event` names it; the subclass's fields are its payload."""

    event = ""
    slug = ""
    title: Any = ""
    when_label: Any = _("发生时间")

    def __init__(self, data=None, *, item: PropertyItem, actor: Officer | None, centers=()):
        super().__init__(data)
        self.item, self.actor = item, actor
        self.fields["occurred_at"] = occurred_at_field(self.when_label)
        self.setup(list(centers))

    def setup(self, centers: list[Unit]) -> None:
        pass

    def payload(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "occurred_at" and v not in (None, "")}

    def submit(self) -> PropertyItem:
        return property_event(
            item=self.item,
            name=self.event,
            actor=self.actor,
            payload=self.payload(),
            occurred_at=self.cleaned_data["occurred_at"],
        )


def _center_choices(centers: list[Unit]) -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in centers]


class HandedOverForm(ItemStepForm):
    event, slug, title, when_label = "property.handed_over", "hand-over", _("移交财物管理中心"), _("移交时间")
    center = forms.ChoiceField(label=_("涉案财物管理中心"))
    received_by = forms.CharField(label=_("接收人警号"), max_length=20)
    location = forms.CharField(label=_("存放位置编码（可入库时再填）"), max_length=40, required=False)
    note = forms.CharField(label=_("备注"), max_length=2000, required=False)

    def setup(self, centers: list[Unit]) -> None:
        self.fields["center"].choices = _center_choices(centers)


class RegisteredForm(HandedOverForm):
    event, slug, title, when_label = (
        "property.registered",
        "register",
        _("报送财物管理人员登记"),
        _("登记时间"),
    )
    field_order = ["center", "received_by", "note"]

    def setup(self, centers: list[Unit]) -> None:
        super().setup(centers)
        del self.fields["location"]
        self.fields["received_by"].label = _("登记人警号")


class TransferredForm(ItemStepForm):
    event, slug, title, when_label = "property.transferred", "transfer", _("交接/调用"), _("交接时间")
    to = forms.CharField(label=_("接收民警警号"), max_length=20)
    reason = forms.CharField(
        label=_("原因"), max_length=500, required=False, help_text=_("讯问、鉴定、辨认…")
    )
    approved_by = forms.CharField(
        label=_("批准人"), max_length=100, required=False, help_text=_("从财物管理中心调出时必填")
    )


class StoredForm(ItemStepForm):
    event, slug, title, when_label = "property.stored", "store", _("入库上架"), _("入库时间")
    location = forms.ChoiceField(label=_("存放位置"))

    def setup(self, centers: list[Unit]) -> None:
        locations = StorageLocation.objects.filter(center_id=self.item.holder_unit_id, is_active=True)
        self.fields["location"].choices = [
            (loc.code, f"{'　' * loc.depth}{loc.label}") for loc in locations.order_by("path")
        ]


class ReturnedForm(ItemStepForm):
    event, slug, title, when_label = "property.returned", "return", _("解除并返还"), _("返还时间")
    recipient = forms.CharField(label=_("领取人"), max_length=100)
    approved_by = forms.CharField(label=_("批准人"), max_length=100)
    document_ref = forms.CharField(label=_("发还清单文号"), max_length=100, required=False)


class ConfiscatedForm(ItemStepForm):
    event, slug, title, when_label = "property.confiscated", "confiscate", _("没收/收缴"), _("执行时间")
    approved_by = forms.CharField(label=_("批准人"), max_length=100)
    document_ref = forms.CharField(label=_("决定书/收缴清单文号"), max_length=100, required=False)


class DestroyedForm(ItemStepForm):
    event, slug, title, when_label = "property.destroyed", "destroy", _("销毁"), _("销毁时间")
    approved_by = forms.CharField(label=_("批准人"), max_length=100)
    method = forms.ChoiceField(label=_("销毁方式"), choices=DestructionMethod.choices)
    witnesses = forms.CharField(label=_("监销人员"), max_length=300)


class InspectorateFiledForm(ItemStepForm):
    event, slug, title, when_label = (
        "property.inspectorate_filed",
        "inspectorate",
        _("报督察备案"),
        _("备案时间"),
    )
    note = forms.CharField(label=_("备案的文书"), max_length=2000, required=False)


class FoundUnrelatedForm(ItemStepForm):
    event, slug, title, when_label = (
        "property.found_unrelated",
        "unrelated",
        _("查明与案件无关"),
        _("查明时间"),
    )
    note = forms.CharField(label=_("说明"), max_length=2000, widget=TEXTAREA)


class OwnerNotifiedForm(ItemStepForm):
    event, slug, title, when_label = (
        "property.owner_notified",
        "notify-owner",
        _("通知原主/公告"),
        _("通知时间"),
    )
    method = forms.ChoiceField(
        label=_("方式"), choices=[("notice", _("通知原主")), ("announcement", _("公告"))]
    )


STEP_FORMS: dict[str, type[ItemStepForm]] = {
    f.slug: f
    for f in (
        HandedOverForm,
        RegisteredForm,
        StoredForm,
        TransferredForm,
        InspectorateFiledForm,
        FoundUnrelatedForm,
        OwnerNotifiedForm,
        ReturnedForm,
        ConfiscatedForm,
        DestroyedForm,
    )
}


class LocationForm(DomainForm):
    code = forms.CharField(label=_("位置编码"), max_length=40)
    name = forms.CharField(label=_("名称"), max_length=100)
    parent = forms.ChoiceField(label=_("上级位置"), required=False)

    field_aliases = {"payload.code": "code", "payload.name": "name", "payload.parent": "parent"}

    def __init__(self, data=None, *, center: Unit, actor: Officer | None = None):
        super().__init__(data)
        self.center, self.actor = center, actor
        self.fields["parent"].choices = [("", _("（顶层：库房）"))] + [
            (str(loc.pk), f"{'　' * loc.depth}{loc.label}")
            for loc in center.storage_locations.order_by("path")
        ]

    def submit(self) -> StorageLocation:
        d = self.cleaned_data
        parent = self.center.storage_locations.filter(pk=d["parent"]).first() if d["parent"] else None
        return location_create(
            actor=self.actor, center=self.center, code=d["code"], name=d["name"], parent=parent
        )
