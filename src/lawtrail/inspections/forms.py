"""Inspection forms: the day's review filters, one review, bulk "no issue", a sampling and a finding.

The forms parse; `submit` hands the values to the services, which decide.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lawtrail.cases.forms import unit_choices
from lawtrail.common import clock
from lawtrail.org.models import Unit
from lawtrail.web.forms import DateInput, DomainForm

from .choices import ProblemCategory


def yesterday() -> date:
    """The duty leader reviews yesterday's incidents in the morning (journeys.md)."""
    return clock.local(clock.now()).date() - timedelta(days=1)


class DayFilterForm(forms.Form):
    day = forms.DateField(label=_("接警日期"), required=False, widget=DateInput())
    unit = forms.ChoiceField(label=_("单位（含下级）"), required=False)
    unreviewed = forms.BooleanField(label=_("只看未审核"), required=False)

    def __init__(self, data=None, *, units):
        super().__init__(data)
        self.units = {str(u.id): u for u in units}
        self.fields["unit"].choices = [("", _("全部单位")), *unit_choices(units)]

    def filters(self) -> dict[str, Any]:
        """day (default yesterday), unit (a Unit in scope or None), unreviewed; a malformed filter is ignored."""
        if self.is_bound:
            self.is_valid()
        d: dict[str, Any] = getattr(self, "cleaned_data", {})
        return {
            "day": d.get("day") or yesterday(),
            "unit": self.units.get(d.get("unit") or ""),
            "unreviewed": bool(d.get("unreviewed")),
        }


class ReviewForm(DomainForm):
    note = forms.CharField(
        label=_("审核意见"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("写明发现的问题和处理要求；没有问题填写“无问题”。"),
    )


class SamplingForm(DomainForm):
    unit = forms.ChoiceField(label=_("抽查范围（含下级单位）"))
    period_start = forms.DateField(label=_("期间自"), widget=DateInput())
    period_end = forms.DateField(label=_("期间至"), widget=DateInput())
    percent = forms.IntegerField(
        label=_("抽查比例（%）"),
        min_value=1,
        max_value=100,
        initial=10,
        help_text=_("按比例向上取整，至少抽取1起。"),
    )
    seed = forms.CharField(
        label=_("随机种子"),
        required=False,
        max_length=64,
        help_text=_("留空则使用抽查编号；同一种子、同一范围和期间总是抽出同样的警情，可供复核。"),
    )
    note = forms.CharField(
        label=_("说明"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, data=None, *, units, initial=None):
        super().__init__(data, initial=initial)
        self.units: dict[str, Unit] = {str(u.id): u for u in units}
        self.fields["unit"].choices = unit_choices(units)

    def clean_unit(self) -> Unit:
        unit = self.units.get(self.cleaned_data["unit"])
        if unit is None:
            raise forms.ValidationError(_("请选择您有权查看的单位"))
        return unit


class FindingForm(DomainForm):
    field_aliases = {"payload": None, "payload.responsible": "responsible"}

    result = forms.ChoiceField(
        label=_("检查结论"),
        choices=[("no_problem", _("未发现问题")), ("problem", _("发现问题"))],
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(
        label=_("问题类别"), required=False, choices=[("", "—"), *ProblemCategory.choices]
    )
    description = forms.CharField(
        label=_("问题描述"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    responsible = forms.CharField(
        label=_("责任民警警号"),
        required=False,
        max_length=20,
        help_text=_("留空则为执法记录仪的拍摄民警。"),
    )

    def clean(self):
        data = super().clean()
        if data.get("result") == "problem":
            if not data.get("category"):
                self.add_error("category", _("发现问题时请选择问题类别"))
            if not (data.get("description") or "").strip():
                self.add_error("description", _("发现问题时请写明问题描述"))
        elif data.get("result") == "no_problem":
            data["category"] = ""
        return data
