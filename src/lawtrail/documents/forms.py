"""Document forms: start a draft, edit its fields, record a service. Each only parses; `submit` hands the
values to the services (services.py), which decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lawtrail.cases.models import Case
from lawtrail.org.models import Officer
from lawtrail.web.forms import DomainForm, occurred_at_field

from .choices import ServiceMethod, ServiceTo
from .kinds import DocKind
from .models import Document
from .services import document_draft, document_edit, document_serve

TEXTAREA = forms.Textarea(attrs={"rows": 3})
# Documents that rest on a measure of the case (its time, approver and place fill the draft).
MEASURE_KINDS = ("summons", "detention_notice", "detention_warrant", "bail_decision", "surveillance_decision")


class DraftForm(DomainForm):
    """Choose whom the document is about (and the measure it rests on); the fields are filled from the case."""

    party = forms.ChoiceField(label=_("当事人"), required=False)
    measure = forms.ChoiceField(label=_("依据的措施"), required=False)

    def __init__(self, data=None, *, case: Case, kind: DocKind, actor: Officer | None):
        super().__init__(data)
        self.case, self.kind, self.actor = case, kind, actor
        self.title = _("起草%(title)s") % {"title": kind.title}
        parties = [p for p in case.parties.all() if not kind.party_roles or p.role in kind.party_roles]
        if kind.party_roles:
            self.fields["party"].choices = [
                (str(p.party_id), f"{p.get_role_display()} {p.name}") for p in parties
            ]
            self.fields["party"].required = not kind.party_optional
        else:
            del self.fields["party"]
        measures = list(case.measures.select_related("party").all()) if kind.code in MEASURE_KINDS else []
        if measures:
            self.fields["measure"].choices = [("", "—")] + [
                (str(m.measure_id), f"{m.get_kind_display()} {m.party.name} {m.applied_at:%m-%d %H:%M}")
                for m in measures
            ]
        else:
            del self.fields["measure"]

    def clean(self):
        data = super().clean()
        if "party" in self.fields and self.fields["party"].required and not self.fields["party"].choices:
            from lawtrail.cases.choices import PartyRole

            roles = "、".join(str(PartyRole(r).label) for r in self.kind.party_roles)
            raise forms.ValidationError(
                _("本案尚未登记%(roles)s，不能制作%(title)s：请先在案件页登记当事人。")
                % {"roles": roles, "title": self.kind.title}
            )
        return data

    def submit(self) -> Document:
        d = self.cleaned_data
        party = self.case.parties.filter(party_id=d["party"]).first() if d.get("party") else None
        measure = self.case.measures.filter(measure_id=d["measure"]).first() if d.get("measure") else None
        return document_draft(
            actor=self.actor, case=self.case, kind=self.kind.code, party=party, measure=measure
        )


class FieldsForm(DomainForm):
    """The document's fields in the order of the form (documents.md §6), editable while it is a draft."""

    def __init__(self, data=None, *, document: Document, actor: Officer | None):
        super().__init__(data)
        self.document, self.actor = document, actor
        self.title = _("修改%(title)s") % {"title": document.title}
        for spec in document.spec.fields:
            self.fields[spec.key] = forms.CharField(
                label=spec.label,
                required=False,
                max_length=20000,
                initial=document.fields.get(spec.key, ""),
                widget=forms.Textarea(attrs={"rows": 4 if spec.key in ("facts", "items") else 2})
                if spec.multiline
                else forms.TextInput(),
                help_text=_("签发前必须填写") if spec.required else _("不适用的留空，打印为“/”"),
            )

    def field_for(self, path: str | None) -> str | None:
        return None if path == "payload.fields" else super().field_for(path)

    def submit(self) -> Document:
        return document_edit(document=self.document, actor=self.actor, fields=dict(self.cleaned_data))


class ServiceForm(DomainForm):
    """One service of the document on one recipient, with the proof its method needs (documents.md §5.3)."""

    to = forms.ChoiceField(label=_("受送达人身份"), choices=ServiceTo.choices)
    recipient = forms.CharField(label=_("受送达人"), max_length=100)
    method = forms.ChoiceField(label=_("送达方式"), choices=ServiceMethod.choices)
    place = forms.CharField(label=_("送达地点"), max_length=200, required=False)
    receiver = forms.CharField(label=_("代收人"), max_length=100, required=False)
    relationship = forms.CharField(label=_("代收人与受送达人关系"), max_length=50, required=False)
    refused = forms.BooleanField(label=_("拒绝签收"), required=False)
    refusal_reason = forms.CharField(label=_("拒收事由"), max_length=500, required=False)
    witness = forms.CharField(label=_("见证人"), max_length=100, required=False)
    recording_ref = forms.CharField(label=_("录音录像编号"), max_length=100, required=False)
    postal_no = forms.CharField(label=_("挂号信号码（邮寄送达）"), max_length=60, required=False)
    consent_ref = forms.CharField(label=_("电子送达确认书编号"), max_length=100, required=False)
    note = forms.CharField(label=_("备注"), max_length=500, required=False, widget=TEXTAREA)
    fieldsets = [
        (_("留置送达（拒收）"), ["refused", "refusal_reason", "witness", "recording_ref"]),
        (_("其他方式的凭证"), ["postal_no", "consent_ref"]),
    ]

    def __init__(self, data=None, *, document: Document, actor: Officer | None):
        super().__init__(data)
        self.document, self.actor = document, actor
        self.title = _("登记送达：%(title)s") % {"title": str(document)}
        self.fields["occurred_at"] = occurred_at_field(_("送达时间"))
        self.order_fields(["to", "recipient", "method", "occurred_at", "place"])
        self.initial["to"] = document.spec.service_to
        if document.party_id:
            self.initial["recipient"] = document.party.name

    def submit(self) -> Document:
        d = dict(self.cleaned_data)
        occurred_at = d.pop("occurred_at")
        return document_serve(
            document=self.document,
            actor=self.actor,
            occurred_at=occurred_at,
            **{k: v for k, v in d.items() if v not in ("", None, False)},
        )
