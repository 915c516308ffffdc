"""The audit search form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import AuditAction
from .selectors import AuditFilters


class AuditSearchForm(forms.Form):
    person = forms.CharField(
        label=_("当事人"),
        required=False,
        max_length=50,
        help_text=_("身份证号或姓名（姓名按您范围内案件的当事人查找）"),
    )
    officer = forms.CharField(
        label=_("操作人"), required=False, max_length=80, help_text=_("警号、姓名或账号")
    )
    action = forms.ChoiceField(
        label=_("操作"), required=False, choices=[("", _("全部")), *AuditAction.choices]
    )
    object_key = forms.CharField(label=_("案件/警情编号"), required=False, max_length=80)
    date_from = forms.DateField(label=_("自"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("至"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("结束日期早于开始日期，请交换或改正"))
        return data

    def filters(self) -> AuditFilters:
        if not self.is_bound or not self.is_valid():
            return AuditFilters()
        return AuditFilters(**self.cleaned_data)
