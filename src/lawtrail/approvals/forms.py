"""Approval forms. Each only parses; `submit` hands the values to the services, which decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lawtrail.cases.choices import CaseKind, Outcome
from lawtrail.cases.models import Case, Offence
from lawtrail.measures.choices import MeasureKind
from lawtrail.org.choices import QualificationLevel, Role
from lawtrail.org.models import Officer, Unit
from lawtrail.web.forms import DateInput, DomainForm

from .choices import MEASURE_ACTS, Circumstance, StepKind, StepResult, StepScope
from .models import ApprovalRequest, Policy
from .selectors import benchmarks_of
from .services import (
    approval_decide,
    approval_edit,
    approval_request,
    approval_resubmit,
    approval_void,
    benchmark_save,
    exam_record,
    policy_save,
    qualification_requirement_set,
    training_record,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})
MAX_STEPS = 5


# --- requests -------------------------------------------------------------------------------------------


class ActForm(DomainForm):
    """The act to approve; `act_event` names its event, `payload()` its content."""

    act_event = ""
    title: Any = ""

    def __init__(self, data=None, *, case: Case, actor: Officer, initial: dict | None = None):
        super().__init__(data, initial=initial)
        self.case, self.actor = case, actor

    def payload(self) -> dict[str, Any]:
        raise NotImplementedError

    def extra(self) -> dict[str, Any]:
        return {}

    def submit(self) -> ApprovalRequest:
        return approval_request(
            actor=self.actor, case=self.case, act_event=self.act_event, payload=self.payload(), **self.extra()
        )


class DecisionForm(ActForm):
    act_event, title = "case.decided", _("报批处理决定")
    field_aliases = {"payload.penalty": "fine_yuan", "payload": "outcome"}
    outcome = forms.ChoiceField(label=_("处理结果"), choices=Outcome.choices)
    warning = forms.BooleanField(label=_("警告"), required=False)
    fine_yuan = forms.IntegerField(label=_("罚款（元）"), min_value=1, required=False)
    detention_days = forms.IntegerField(label=_("行政拘留（日）"), min_value=1, max_value=20, required=False)
    confiscation = forms.CharField(label=_("没收"), max_length=1000, required=False)
    other = forms.CharField(
        label=_("其他处罚"), max_length=1000, required=False, help_text=_("如：吊销许可证、责令停产停业")
    )
    reason = forms.CharField(label=_("决定理由"), max_length=5000, required=False, widget=TEXTAREA)
    circumstance = forms.ChoiceField(
        label=_("情节"), choices=[("", _("（请选择）")), *Circumstance.choices], required=False
    )
    deviation_reason = forms.CharField(
        label=_("超出裁量基准的理由"),
        max_length=5000,
        required=False,
        widget=TEXTAREA,
        help_text=_("拟作出的处罚超出本局裁量基准时必须填写；报批后将送法制审核。"),
    )

    def __init__(self, data=None, *, case: Case, actor: Officer, initial: dict | None = None):
        super().__init__(data, case=case, actor=actor, initial=initial)
        ranges = benchmarks_of(case.bureau_id).filter(offence_id=case.offence_id) if case.offence_id else []
        if ranges:
            text = "；".join(f"{b.get_circumstance_display()}：{b.range_text}" for b in ranges)
            self.fields["circumstance"].help_text = _("本局裁量基准（%(offence)s）：%(ranges)s") % {
                "offence": case.offence.name,
                "ranges": text,
            }

    def payload(self) -> dict[str, Any]:
        d = self.cleaned_data
        penalty = {
            k: d[k] for k in ("warning", "fine_yuan", "detention_days", "confiscation", "other") if d[k]
        }
        out: dict[str, Any] = {"outcome": d["outcome"], "reason": d["reason"]}
        if d["outcome"] == Outcome.PENALTY:
            out["penalty"] = penalty
        return out

    def extra(self) -> dict[str, Any]:
        return {
            "circumstance": self.cleaned_data["circumstance"],
            "deviation_reason": self.cleaned_data["deviation_reason"],
        }


class ReasonForm(ActForm):
    reason = forms.CharField(label=_("理由"), max_length=5000, widget=TEXTAREA)

    def payload(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"]}


class WithdrawalForm(ReasonForm):
    act_event, title = "case.withdrawn", _("报批撤销案件")


class NonFilingForm(ReasonForm):
    act_event, title = "case.not_filed", _("报批不予立案")


class MeasureForm(ActForm):
    act_event, title = "measure.applied", _("报批采取措施")
    kind = forms.ChoiceField(label=_("措施"), choices=[(k, MeasureKind(k).label) for k in MEASURE_ACTS])
    party = forms.ChoiceField(label=_("当事人"))

    def __init__(self, data=None, *, case: Case, actor: Officer, initial: dict | None = None):
        super().__init__(data, case=case, actor=actor, initial=initial)
        self.fields["party"].choices = [
            (str(p.party_id), f"{p.get_role_display()} {p.name}") for p in case.parties.all()
        ]

    def payload(self) -> dict[str, Any]:
        return {"kind": self.cleaned_data["kind"], "party": self.cleaned_data["party"]}


class ArrestRequestForm(ActForm):
    """报批提请批准逮捕: the criminal detention (a running measure of the case) the request concerns."""

    act_event, title = "measure.arrest_requested", _("报批提请批准逮捕")
    measure = forms.ChoiceField(label=_("刑事拘留"))

    def __init__(self, data=None, *, case: Case, actor: Officer, initial: dict | None = None):
        super().__init__(data, case=case, actor=actor, initial=initial)
        self.fields["measure"].choices = [
            (m.measure_id, f"{m.party.name} {m.get_kind_display()}")
            for m in case.measures.filter(kind=MeasureKind.CRIMINAL_DETENTION, ended_at__isnull=True)
        ]

    def payload(self) -> dict[str, Any]:
        return {}

    def extra(self) -> dict[str, Any]:
        return {"measure_id": self.cleaned_data["measure"]}


REQUEST_FORMS: dict[str, type[ActForm]] = {
    "decision": DecisionForm,
    "withdrawal": WithdrawalForm,
    "non-filing": NonFilingForm,
    "measure": MeasureForm,
    "arrest-request": ArrestRequestForm,
}
FORM_FOR_EVENT = {form.act_event: slug for slug, form in REQUEST_FORMS.items()}


def initial_from(request: ApprovalRequest) -> dict[str, Any]:
    """The request's content as a form's initial values (for correcting or editing it)."""
    content = dict(request.content)
    initial = {**content, **(content.get("penalty") or {})}
    initial.pop("penalty", None)
    initial["circumstance"] = request.circumstance
    initial["deviation_reason"] = request.deviation_reason
    return initial


class CorrectionMixin(forms.Form):
    correction = forms.CharField(label=_("补正/修改说明"), max_length=5000, widget=TEXTAREA)


def correction_form(request: ApprovalRequest, data=None, *, actor: Officer, edit: bool) -> ActForm:
    """The request's own form with its content, plus a correction note: resubmits a returned request, or
    (edit=True) edits a granted one — which voids the approval."""
    base = REQUEST_FORMS[FORM_FOR_EVENT[request.act_event]]

    class Correction(base, CorrectionMixin):  # type: ignore[valid-type, misc]
        title = _("修改已批准的内容（原批准将作废）") if edit else _("补正后重新报批")

        def submit(self) -> ApprovalRequest:
            extra = self.extra()
            if edit:
                return approval_edit(actor=actor, request=request, payload=self.payload(), **extra)
            return approval_resubmit(
                actor=actor,
                request=request,
                payload=self.payload(),
                correction=self.cleaned_data["correction"],
                deviation_reason=extra.get("deviation_reason", ""),
            )

    return Correction(data, case=request.case, actor=actor, initial=initial_from(request))


class DecideForm(DomainForm):
    field_aliases = {"payload.participants": "participants", "payload.opinion": "opinion"}
    result = forms.ChoiceField(label=_("意见"), choices=StepResult.choices, widget=forms.RadioSelect)
    opinion = forms.CharField(
        label=_("审批/审核意见"),
        max_length=5000,
        widget=TEXTAREA,
        help_text=_("退回补正或不同意时须写明理由。"),
    )
    participants = forms.CharField(
        label=_("参加人员（集体讨论）"),
        max_length=500,
        required=False,
        help_text=_("用顿号或逗号分隔，三人以上。"),
    )
    opinions = forms.CharField(
        label=_("各参加人员意见（集体讨论）"), max_length=20000, required=False, widget=TEXTAREA
    )

    def __init__(self, data=None, *, request: ApprovalRequest, actor: Officer):
        super().__init__(data)
        self.request, self.actor = request, actor
        step = request.step
        if not step or step["kind"] != StepKind.COLLECTIVE:
            del self.fields["participants"], self.fields["opinions"]

    def submit(self) -> ApprovalRequest:
        d = self.cleaned_data
        names = [
            n.strip() for n in d.get("participants", "").replace("，", "、").replace(",", "、").split("、")
        ]
        return approval_decide(
            actor=self.actor,
            request=self.request,
            result=d["result"],
            opinion=d["opinion"],
            participants=[n for n in names if n],
            opinions=d.get("opinions", ""),
        )


class VoidForm(DomainForm):
    reason = forms.CharField(label=_("撤回原因"), max_length=300)

    def __init__(self, data=None, *, request: ApprovalRequest, actor: Officer):
        super().__init__(data)
        self.request, self.actor = request, actor

    def submit(self) -> ApprovalRequest:
        return approval_void(actor=self.actor, request=self.request, reason=self.cleaned_data["reason"])


# --- administration -------------------------------------------------------------------------------------


DECIDER_ROLES = [(r.value, r.label) for r in Role if r not in (Role.CASE_OFFICER, Role.CALL_TAKER)]


class PolicyForm(DomainForm):
    """The steps of a policy as rows; saving writes a new version."""

    field_aliases = {"steps": None}
    note = forms.CharField(label=_("修改说明"), max_length=300, required=False)

    def __init__(self, data=None, *, bureau: Unit, act_kind: str, actor: Officer, current: Policy | None):
        super().__init__(data)
        self.bureau, self.act_kind, self.actor = bureau, act_kind, actor
        steps = list(current.steps.all()) if current else []
        for i in range(MAX_STEPS):
            s = steps[i] if i < len(steps) else None
            n = i + 1
            self.fields[f"title_{i}"] = forms.CharField(
                label=_("第%(n)s环节 名称") % {"n": n},
                max_length=50,
                required=False,
                initial=s.title if s else "",
            )
            self.fields[f"kind_{i}"] = forms.ChoiceField(
                label=_("类型"), choices=StepKind.choices, initial=s.kind if s else StepKind.APPROVAL
            )
            self.fields[f"role_{i}"] = forms.ChoiceField(
                label=_("审批角色"), choices=DECIDER_ROLES, initial=s.role if s else Role.UNIT_HEAD
            )
            self.fields[f"scope_{i}"] = forms.ChoiceField(
                label=_("授权范围"), choices=StepScope.choices, initial=s.scope if s else StepScope.CASE_UNIT
            )
            self.fields[f"hours_{i}"] = forms.IntegerField(
                label=_("时限（小时）"),
                min_value=1,
                max_value=1440,
                required=False,
                initial=s.time_limit_hours if s else None,
            )

    def rows(self) -> list[list]:
        return [
            [self[f"{name}_{i}"] for name in ("title", "kind", "role", "scope", "hours")]
            for i in range(MAX_STEPS)
        ]

    def steps(self) -> list[dict[str, Any]]:
        d = self.cleaned_data
        out = []
        for i in range(MAX_STEPS):
            if not (d.get(f"title_{i}") or "").strip():
                continue
            out.append(
                {
                    "title": d[f"title_{i}"],
                    "kind": d[f"kind_{i}"],
                    "role": d[f"role_{i}"],
                    "scope": d[f"scope_{i}"],
                    "hours": d[f"hours_{i}"],
                }
            )
        return out

    def submit(self) -> Policy:
        return policy_save(
            actor=self.actor,
            bureau=self.bureau,
            act_kind=self.act_kind,
            steps=self.steps(),
            note=self.cleaned_data["note"],
        )


class BenchmarkForm(DomainForm):
    offence = forms.ModelChoiceField(
        label=_("案由"),
        queryset=Offence.objects.filter(kind=CaseKind.ADMINISTRATIVE, is_active=True),
        to_field_name="code",
    )
    circumstance = forms.ChoiceField(label=_("情节"), choices=Circumstance.choices)
    detention_min = forms.IntegerField(label=_("拘留下限（日）"), min_value=0, max_value=20, initial=0)
    detention_max = forms.IntegerField(label=_("拘留上限（日）"), min_value=0, max_value=20, initial=0)
    fine_min = forms.IntegerField(label=_("罚款下限（元）"), min_value=0, initial=0)
    fine_max = forms.IntegerField(label=_("罚款上限（元）"), min_value=0, initial=0)
    factors = forms.CharField(
        label=_("适用情形（从重、从轻因素）"), max_length=2000, required=False, widget=TEXTAREA
    )
    source = forms.CharField(label=_("依据"), max_length=300, help_text=_("法律条文或本局裁量基准文件"))

    def __init__(self, data=None, *, bureau: Unit, actor: Officer, initial: dict | None = None):
        super().__init__(data, initial=initial)
        self.bureau, self.actor = bureau, actor

    def submit(self) -> None:
        benchmark_save(actor=self.actor, bureau=self.bureau, **self.cleaned_data)


class ExamForm(DomainForm):
    officer = forms.ModelChoiceField(
        label=_("民警"), queryset=Officer.objects.none(), to_field_name="badge_no"
    )
    level = forms.ChoiceField(
        label=_("等级"), choices=[c for c in QualificationLevel.choices if c[0] != "none"]
    )
    taken_on = forms.DateField(label=_("考试日期"), widget=DateInput())
    score = forms.IntegerField(label=_("成绩"), min_value=0, max_value=100)
    certificate_no = forms.CharField(label=_("证书编号（通过时填写）"), max_length=40, required=False)

    def __init__(self, data=None, *, bureau: Unit, actor: Officer):
        super().__init__(data)
        self.actor = actor
        self.fields["officer"].queryset = Officer.objects.filter(
            unit__bureau=bureau, is_auxiliary=False, is_active=True
        ).order_by("badge_no")

    def submit(self) -> None:
        exam_record(actor=self.actor, **self.cleaned_data)


class TrainingForm(DomainForm):
    topic = forms.CharField(label=_("主题"), max_length=200)
    held_on = forms.DateField(label=_("日期"), widget=DateInput())
    hours = forms.DecimalField(label=_("学时"), min_value=0, max_digits=5, decimal_places=1)
    attendees = forms.ModelMultipleChoiceField(
        label=_("参训人员"),
        queryset=Officer.objects.none(),
        to_field_name="badge_no",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, data=None, *, bureau: Unit, actor: Officer):
        super().__init__(data)
        self.bureau, self.actor = bureau, actor
        self.fields["attendees"].queryset = Officer.objects.filter(
            unit__bureau=bureau, is_active=True
        ).order_by("badge_no")

    def submit(self) -> None:
        d = self.cleaned_data
        training_record(
            actor=self.actor,
            bureau=self.bureau,
            topic=d["topic"],
            held_on=d["held_on"],
            hours=d["hours"],
            attendees=list(d["attendees"]),
        )


class RequirementForm(DomainForm):
    case_kind = forms.ChoiceField(label=_("案件类型"), choices=CaseKind.choices)
    level = forms.ChoiceField(
        label=_("主办民警所需等级"), choices=[c for c in QualificationLevel.choices if c[0] != "none"]
    )

    def __init__(self, data=None, *, bureau: Unit, actor: Officer):
        super().__init__(data)
        self.bureau, self.actor = bureau, actor

    def submit(self) -> None:
        qualification_requirement_set(actor=self.actor, bureau=self.bureau, **self.cleaned_data)
